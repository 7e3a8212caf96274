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

static void free_context(vf_context *c) {
    ct_free(c->pair);
    vf_free_bodies(c);
    for (int i = 0; i < c->nrobot && c->robot; i++) ct_link_bounds_destroy(&c->robot[i].bounds);
    ct_free(c->robot);
}

ct_status ct_verify_sampler_create(const ct_verify_input *in, const ct_verify_options *opt, ct_verify_sampler **out,
                                   ct_error *err) {
    *out = NULL;
    ct_verify_sampler *s = ct_alloc(sizeof *s);
    if (!s) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    memset(s, 0, sizeof *s);
    vf_context *c = &s->c;
    c->cell = in->cell;
    c->opt = opt ? *opt : ct_verify_default_options();
    c->nrobot = in->cell->nrobot;
    c->robot = ct_alloc(sizeof(vf_robot_state) * (size_t)(c->nrobot + 1));
    ct_status st = c->robot ? CT_OK : ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    if (c->robot) memset(c->robot, 0, sizeof(vf_robot_state) * (size_t)(c->nrobot + 1));
    /* same robot states as ct_verify_run: base frame, home, trajectory, link bounds */
    for (int i = 0; st == CT_OK && i < c->nrobot; i++) {
        const ct_cell_robot *cr = &in->cell->robot[i];
        vf_robot_state *rs = &c->robot[i];
        rs->robot = cr->robot;
        if (!rs->robot) {
            st = ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "robot '%s' is not loaded", cr->name);
            break;
        }
        rs->traj = in->traj ? in->traj[i] : NULL;
        rs->world_from_root = ct_xf_mul(cr->base, ct_xf_inv(rs->robot->base_in_root));
        for (int d = 0; d < rs->robot->ndof; d++) rs->home[d] = d < cr->nhome ? cr->home[d] : 0;
        if (rs->traj) ct_traj_eval(rs->traj, 0, rs->home, NULL);
        if (rs->traj && ct_traj_duration(rs->traj) > c->duration) c->duration = ct_traj_duration(rs->traj);
        st = ct_link_bounds_create(rs->robot, &rs->bounds, err);
    }
    if (st == CT_OK) st = vf_build_bodies(c, err);
    if (st == CT_OK) st = vf_build_pairs(c, err);
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
    free_context(&s->c);
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
