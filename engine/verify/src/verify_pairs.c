/* The body pairs to check: robot bodies against static objects, against other robots' bodies and
 * against the same robot's bodies (self-collision). Excluded: static-static pairs, links next to
 * each other in the kinematic tree (at most one moving joint between them), same-robot pairs
 * already touching at the home configuration, and the cell's allowed-contact pairs. */
#include <math.h>
#include <string.h>

#include "verify_internal.h"

/* Cell pair names: "object", "part", "robot" (all of the robot's links and tool), "robot/link",
 * "robot/tool". */
static int name_matches(const ct_cell *cell, const char *pattern, const vf_body *b) {
    if (!strcmp(pattern, b->name)) return 1;
    if (b->robot < 0) return 0;
    const char *rn = cell->robot[b->robot].name;
    size_t n = strlen(rn);
    return !strcmp(pattern, rn) && !strncmp(b->name, rn, n) && b->name[n] == '/';
}

static int pair_matches(const ct_cell *cell, const ct_cell_pair *p, const vf_body *a, const vf_body *b) {
    return (name_matches(cell, p->a, a) && name_matches(cell, p->b, b)) ||
           (name_matches(cell, p->a, b) && name_matches(cell, p->b, a));
}

/* Moving joints on the tree path between two links of one robot. */
static int joints_between(const ct_robot *r, int a, int b) {
    int n = 0;
    while (a != b) {
        if (a > b) { n += r->link_dof[a] >= 0; a = r->link_parent[a]; }
        else { n += r->link_dof[b] >= 0; b = r->link_parent[b]; }
    }
    return n;
}

/* Smallest distance between two bodies at their home poses (m). */
static double home_distance(const vf_context *c, int a, int b) {
    ct_xform pa = vf_body_pose(c, a, 0), pb = vf_body_pose(c, b, 0);
    double best = INFINITY;
    for (int i = 0; i < c->body[a].nshape; i++)
        for (int j = 0; j < c->body[b].nshape; j++) {
            ct_col_result res;
            double d = ct_col_distance(&c->body[a].shape[i].shape, ct_xf_mul(pa, c->body[a].shape[i].offset),
                                       &c->body[b].shape[j].shape, ct_xf_mul(pb, c->body[b].shape[j].offset), best, &res);
            if (d - res.margin < best) best = d - res.margin;
        }
    return best;
}

ct_status vf_build_pairs(vf_context *c, ct_error *err) {
    const ct_cell *cell = c->cell;
    int cap = c->nbody * (c->nbody - 1) / 2 + 1;
    c->pair = ct_alloc(sizeof(vf_pair) * (size_t)cap);
    if (!c->pair) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    double global = c->opt.clearance >= 0 ? c->opt.clearance : cell->clearance;
    for (int a = 0; a < c->nbody; a++)
        for (int b = a + 1; b < c->nbody; b++) {
            const vf_body *A = &c->body[a], *B = &c->body[b];
            if (A->robot < 0 && B->robot < 0) continue;
            int excluded = 0;
            for (int k = 0; k < cell->nallowed && !excluded; k++) excluded = pair_matches(cell, &cell->allowed[k], A, B);
            int self = A->robot >= 0 && A->robot == B->robot;
            if (self && !c->opt.self_collision) excluded = 1;
            if (self && !excluded) {
                const ct_robot *r = c->robot[A->robot].robot;
                excluded = joints_between(r, A->link, B->link) <= 1 || home_distance(c, a, b) <= 0;
            }
            if (excluded) {
                c->nexcluded++;
                continue;
            }
            vf_pair *p = &c->pair[c->npair++];
            p->a = a;
            p->b = b;
            /* self pairs: contact only (links of one arm pass close by design) */
            p->clearance = self ? 0.0 : global;
            for (int k = 0; k < cell->nclear; k++)
                if (pair_matches(cell, &cell->clear[k], A, B)) p->clearance = cell->clear[k].clearance;
        }
    return CT_OK;
}
