/* The order in which the pool checks body pairs: likely-close pairs first. Each pair gets a cheap
 * estimate of how near its bodies come (bounding spheres at a few instants of the timeline, no
 * mesh queries); pairs are run nearest first. Findings then stream out early, and the longest
 * pairs (close ones need the most advancement steps) start first, which balances the threads.
 * The order only affects when a pair runs: every pair writes its own result slot, and the report
 * is gathered in pair-index order, so results do not depend on it. */
#include <math.h>
#include <stdlib.h>

#include "verify_internal.h"

#define SCHEDULE_SAMPLES 24

typedef struct pair_key { double gap; int index; } pair_key;

static int by_gap(const void *a, const void *b) {
    const pair_key *x = a, *y = b;
    if (x->gap != y->gap) return x->gap < y->gap ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

int *vf_pair_schedule(const vf_context *c) {
    int *order = ct_alloc(sizeof(int) * (size_t)(c->npair + 1));
    pair_key *key = ct_alloc(sizeof(pair_key) * (size_t)(c->npair + 1));
    ct_vec3 *centre = ct_alloc(sizeof(ct_vec3) * (size_t)(c->nbody + 1));
    if (!order || !key || !centre) {
        ct_free(key), ct_free(centre);
        if (order) for (int i = 0; i < c->npair; i++) order[i] = i; /* fallback: index order */
        return order;
    }
    for (int i = 0; i < c->npair; i++) key[i].gap = INFINITY, key[i].index = i;
    /* smallest sphere gap (centre distance minus radii and clearance) over the samples */
    int ns = c->duration > 0 ? SCHEDULE_SAMPLES : 1;
    for (int s = 0; s < ns; s++) {
        double t = ns > 1 ? c->duration * s / (ns - 1) : 0;
        for (int b = 0; b < c->nbody; b++) centre[b] = ct_xf_apply(vf_body_pose(c, b, t), c->body[b].center);
        for (int i = 0; i < c->npair; i++) {
            const vf_pair *p = &c->pair[i];
            double gap = ct_v3_norm(ct_v3_sub(centre[p->a], centre[p->b])) - c->body[p->a].radius -
                         c->body[p->b].radius - p->clearance;
            if (gap < key[i].gap) key[i].gap = gap;
        }
    }
    qsort(key, (size_t)c->npair, sizeof *key, by_gap);
    for (int i = 0; i < c->npair; i++) order[i] = key[i].index;
    ct_free(key), ct_free(centre);
    return order;
}
