/* Robot pose check at one joint vector: forward kinematics, capsule-proxy pruning, then exact
 * overlap or minimum-distance queries on the remaining body-object and self pairs. */
#include <math.h>
#include <string.h>

#include "celltwin/collide_robot.h"
#include "celltwin/kin.h"

/* Slack added to proxy prune tests so float rounding of the proxies never prunes a contact. */
#define CT_COL_PROXY_SLACK 1e-4

ct_col_check_opts ct_col_check_default_opts(void) {
    ct_col_check_opts o;
    o.self = 1;
    o.env = 1;
    o.distance = 0;
    o.d_stop = INFINITY;
    o.clearance = 0;
    return o;
}

typedef struct check_ctx {
    const ct_col_robot *cr;
    const ct_xform *pose;       /* (nlink) link poses, root frame */
    ct_capsule_f *cap;          /* (nbody) proxies in the root frame */
} check_ctx;

static ct_xff to_xff(ct_xform t) {
    ct_xff x;
    for (int i = 0; i < 9; i++) x.R.m[i] = (float)t.R.m[i];
    x.p = ct_v3f_make((float)t.p.x, (float)t.p.y, (float)t.p.z);
    return x;
}

/* Lower bound of the distance between body b and object o (may be negative). */
static float object_lb(const check_ctx *c, int b, int o) {
    const ct_col_object *obj = &c->cr->obj[o];
    const ct_col_body *body = &c->cr->body[b];
    ct_xff x = to_xff(ct_xf_mul(ct_xf_inv(obj->pose), c->pose[body->link]));
    ct_v3f p = ct_xff_apply(x, body->proxy.p0), q = ct_xff_apply(x, body->proxy.p1);
    if (obj->shape.type == CT_COL_MESH)
        return ct_bvh_seg_box_lb(obj->shape.mesh->node, p, q) - body->proxy.r;
    ct_v3f cp, cq;
    float d = sqrtf(ct_k_seg_seg(p, q, ct_v3f_make(0, 0, 0), ct_v3f_make(0, 0, 0), &cp, &cq));
    return d - body->proxy.r - (float)ct_col_shape_radius(&obj->shape);
}

/* Tighter lower bound for body b against a mesh object o: the distance from the body's proxy
 * capsule to the object's triangles (the capsule encloses the body), searched only below
 * `cap`; returns cap or more when nothing of the object is within cap of the proxy. */
static float object_lb_mesh(const check_ctx *c, int b, int o, float cap) {
    const ct_col_object *obj = &c->cr->obj[o];
    const ct_col_body *body = &c->cr->body[b];
    if (obj->shape.type != CT_COL_MESH) return object_lb(c, b, o);
    ct_xff x = to_xff(ct_xf_mul(ct_xf_inv(obj->pose), c->pose[body->link]));
    ct_v3f p = ct_xff_apply(x, body->proxy.p0), q = ct_xff_apply(x, body->proxy.p1), pm, ps;
    int t;
    float d = ct_bvh_seg_distance(ct_col_mesh_view(obj->shape.mesh), p, q, cap + body->proxy.r, -1.0f, &pm, &ps, &t);
    return t < 0 ? cap : d - body->proxy.r;
}

static float self_lb(const check_ctx *c, int pair) {
    return ct_capsule_distance(c->cap[c->cr->pair_a[pair]], c->cap[c->cr->pair_b[pair]]);
}

/* Candidate k: k < nb*nobj is body k / nobj against object k % nobj, then self pairs. */
static float cand_lb(const check_ctx *c, int k, int nenv) {
    int nobj = c->cr->nobj;
    return k < nenv ? object_lb(c, k / nobj, k % nobj) : self_lb(c, k - nenv);
}

/* Exact query of candidate k: overlap (returns 1/0) or distance capped at *best (updates res). */
static int cand_overlap(const check_ctx *c, int k, int nenv, double extra) {
    const ct_col_robot *cr = c->cr;
    const ct_col_body *a, *b = NULL;
    const ct_col_object *o = NULL;
    if (k < nenv) { a = &cr->body[k / cr->nobj]; o = &cr->obj[k % cr->nobj]; }
    else { a = &cr->body[cr->pair_a[k - nenv]]; b = &cr->body[cr->pair_b[k - nenv]]; }
    for (int i = 0; i < a->nshape; i++) {
        ct_xform pa = ct_xf_mul(c->pose[a->link], a->shape_pose[i]);
        if (o) {
            if (ct_col_overlap(&a->shape[i], pa, &o->shape, o->pose, extra)) return 1;
        } else {
            for (int j = 0; j < b->nshape; j++)
                if (ct_col_overlap(&a->shape[i], pa, &b->shape[j], ct_xf_mul(c->pose[b->link], b->shape_pose[j]), extra))
                    return 1;
        }
    }
    return 0;
}

static void cand_distance(const check_ctx *c, int k, int nenv, double *best, ct_col_check_result *res) {
    const ct_col_robot *cr = c->cr;
    const ct_col_body *a, *b = NULL;
    const ct_col_object *o = NULL;
    if (k < nenv) { a = &cr->body[k / cr->nobj]; o = &cr->obj[k % cr->nobj]; }
    else { a = &cr->body[cr->pair_a[k - nenv]]; b = &cr->body[cr->pair_b[k - nenv]]; }
    for (int i = 0; i < a->nshape; i++) {
        ct_xform pa = ct_xf_mul(c->pose[a->link], a->shape_pose[i]);
        int nj = o ? 1 : b->nshape;
        for (int j = 0; j < nj; j++) {
            ct_col_result r;
            if (o) ct_col_distance(&a->shape[i], pa, &o->shape, o->pose, *best, &r);
            else ct_col_distance(&a->shape[i], pa, &b->shape[j], ct_xf_mul(c->pose[b->link], b->shape_pose[j]), *best, &r);
            if (r.margin > res->margin) res->margin = r.margin;
            if (!r.at_least && r.distance < *best) {
                *best = r.distance;
                res->self = o ? 0 : 1;
                res->body = o ? k / cr->nobj : cr->pair_a[k - nenv];
                res->other = o ? k % cr->nobj : cr->pair_b[k - nenv];
                res->point_a = r.point_a;
                res->point_b = r.point_b;
                if (*best <= 0) return;
            }
        }
    }
}

void ct_col_robot_check(const ct_col_robot *cr, const double *q, const ct_col_check_opts *opt,
                        ct_col_check_result *res) {
    ct_col_check_opts dflt = ct_col_check_default_opts();
    if (!opt) opt = &dflt;
    memset(res, 0, sizeof *res);
    res->self = -1;
    res->body = res->other = -1;
    res->distance = NAN;
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    ct_capsule_f cap[CT_ROBOT_MAX_LINKS];
    ct_kin_fk(cr->robot, q, pose);
    for (int b = 0; b < cr->nbody; b++) cap[b] = ct_capsule_xform(cr->body[b].proxy, to_xff(pose[cr->body[b].link]));
    check_ctx c = {cr, pose, cap};
    int nenv = opt->env ? cr->nbody * cr->nobj : 0;
    int ncand = nenv + (opt->self ? cr->npair : 0);
    /* self candidates start at index nenv; when env is off they are the only ones */
    if (!opt->distance) {
        double extra = opt->clearance > 0 ? opt->clearance : 0;
        float prune = (float)(extra + CT_COL_PROXY_SLACK);
        for (int k = 0; k < ncand; k++) {
            if (cand_lb(&c, k, nenv) > prune) continue;
            if (cand_overlap(&c, k, nenv, extra)) {
                res->collide = 1;
                res->self = k >= nenv;
                res->body = k < nenv ? k / cr->nobj : cr->pair_a[k - nenv];
                res->other = k < nenv ? k % cr->nobj : cr->pair_b[k - nenv];
                return;
            }
        }
        return;
    }
    /* distance: the candidate with the smallest lower bound first (a good cap), then the rest
     * in order, skipping those whose bound cannot beat the best so far */
    double best = opt->d_stop > 0 ? opt->d_stop : 0;
    int first = -1;
    float first_lb = 3.0e38f;
    for (int k = 0; k < ncand; k++) {
        float lb = cand_lb(&c, k, nenv);
        if (lb < first_lb) { first_lb = lb; first = k; }
    }
    if (first >= 0 && first_lb - CT_COL_PROXY_SLACK < best) cand_distance(&c, first, nenv, &best, res);
    for (int k = 0; k < ncand && best > 0; k++) {
        if (k == first) continue;
        if (cand_lb(&c, k, nenv) - CT_COL_PROXY_SLACK >= best) continue;
        /* body-mesh pairs: the proxy's distance to the triangles is a much tighter bound than
         * the mesh's root box, and far cheaper than the exact mesh-mesh query */
        if (k < nenv) {
            float cap = (float)fmin(best + 2 * CT_COL_PROXY_SLACK, 3.0e38);
            if (object_lb_mesh(&c, k / cr->nobj, k % cr->nobj, cap) - CT_COL_PROXY_SLACK >= best) continue;
        }
        cand_distance(&c, k, nenv, &best, res);
    }
    res->distance = best;
    res->at_least = res->body < 0;
    /* same verdict as the overlap mode: within the margin (+ clearance) counts as contact */
    res->collide = best <= res->margin + (opt->clearance > 0 ? opt->clearance : 0);
}
