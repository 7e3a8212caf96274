/* Sampled robot-to-everything distances on the verifier's bodies and pairs (verify_sample.h). */
#include <math.h>
#include <string.h>

#include "celltwin/kin.h"
#include "celltwin/verify_sample.h"
#include "verify_internal.h"

#define VS_HINTS 16 /* shape pairs per body pair that keep a warm-start hint */

struct ct_verify_sampler {
    vf_context c;
    ct_col_result *hint;      /* (npair x VS_HINTS) last result per shape pair */
    ct_xform *pose;           /* (nbody) world pose of each body at the current time */
};

ct_status ct_verify_sampler_create(const ct_verify_input *in, const ct_verify_options *opt, ct_verify_sampler **out,
                                   ct_error *err) {
    *out = NULL;
    ct_verify_sampler *s = ct_alloc(sizeof *s);
    if (!s) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    vf_context *c = &s->c;
    ct_status st = vf_context_init(c, in, opt, err); /* the same bodies and pairs as ct_verify_run */
    if (st == CT_OK) {
        s->hint = ct_alloc(sizeof(ct_col_result) * (size_t)(c->npair * VS_HINTS + 1));
        s->pose = ct_alloc(sizeof(ct_xform) * (size_t)(c->nbody + 1));
        if (!s->hint || !s->pose) st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    if (st != CT_OK) {
        ct_verify_sampler_destroy(s);
        return st;
    }
    for (int k = 0; k < c->npair * VS_HINTS; k++) {
        memset(&s->hint[k], 0, sizeof s->hint[k]);
        s->hint[k].feature_a = s->hint[k].feature_b = -1;
    }
    *out = s;
    return CT_OK;
}

void ct_verify_sampler_destroy(ct_verify_sampler *s) {
    if (!s) return;
    vf_context_free(&s->c);
    ct_free(s->hint);
    ct_free(s->pose);
    ct_free(s);
}

double ct_verify_sampler_robot_distance(ct_verify_sampler *s, int robot, double t, double cap, int self) {
    const vf_context *c = &s->c;
    for (int b = 0; b < c->nbody; b++) s->pose[b] = vf_body_pose(c, b, t);
    double best = cap;
    int any = 0;
    for (int p = 0; p < c->npair; p++) {
        const vf_pair *pr = &c->pair[p];
        const vf_body *A = &c->body[pr->a], *B = &c->body[pr->b];
        if (A->robot != robot && B->robot != robot) continue;
        if (!self && A->robot == B->robot) continue;
        any = 1;
        for (int i = 0; i < A->nshape; i++) {
            ct_xform wa = ct_xf_mul(s->pose[pr->a], A->shape[i].offset);
            double ra = ct_col_shape_radius(&A->shape[i].shape);
            for (int j = 0; j < B->nshape; j++) {
                ct_xform wb = ct_xf_mul(s->pose[pr->b], B->shape[j].offset);
                double rb = ct_col_shape_radius(&B->shape[j].shape);
                /* bounding spheres already farther than the best: nothing closer here */
                if (ct_v3_norm(ct_v3_sub(wa.p, wb.p)) - ra - rb >= best) continue;
                int k = i * B->nshape + j;
                ct_col_result res, *hint = k < VS_HINTS ? &s->hint[p * VS_HINTS + k] : NULL;
                double d = ct_col_distance_warm(&A->shape[i].shape, wa, &B->shape[j].shape, wb, best, hint, &res);
                if (hint && !res.at_least) *hint = res;
                double lower = res.at_least ? d : fmax(0.0, d - res.margin);
                if (lower < best) best = lower;
            }
        }
    }
    return any ? best : INFINITY;
}
