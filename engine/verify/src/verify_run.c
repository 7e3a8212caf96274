/* The verifier: sets up robot states and bodies, runs conservative advancement on every body pair
 * on the thread pool (beside each robot's motion findings, verify_findings.c), streams each
 * finding to on_finding as soon as it is final, and gathers the findings (collisions, clearance
 * violations, motion findings of the planner, joint accelerations and torques above the limits)
 * in a fixed order, then sorts them by time. */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "celltwin/kin.h"
#include "celltwin/pool.h"
#include "celltwin/verify_advance.h"
#include "verify_internal.h"

ct_verify_options ct_verify_default_options(void) {
    ct_verify_options o;
    memset(&o, 0, sizeof o);
    o.clearance = -1;
    o.resolution = 1e-5;
    o.threads = 0;
    o.self_collision = 1;
    o.check_torque = 1;
    o.torque_dt = 0.004;
    o.sampled_m = 0;
    o.sampled_rad = 0;
    o.min_distance_report = 0.1;
    o.progress = NULL;
    o.progress_user = NULL;
    return o;
}

const char *ct_finding_kind_name(ct_finding_kind k) {
    static const char *const names[CT_FIND_KIND_COUNT] = {"collision", "clearance", "joint_limit", "joint_speed",
                                                          "joint_accel", "torque", "unreachable", "config_change",
                                                          "config_mismatch", "singularity"};
    return (k >= 0 && k < CT_FIND_KIND_COUNT) ? names[k] : "unknown";
}

/* ---- distance and speed of a pair, for conservative advancement ---- */

#define VF_HINTS 16 /* shape pairs per body pair that keep a warm-start hint */

typedef struct pair_eval {
    const vf_context *c;
    const vf_pair *p;
    long queries;
    ct_col_result hint[VF_HINTS]; /* last result per shape pair: its closest triangles are tried first */
} pair_eval;

static void pair_eval_init(pair_eval *e, const vf_context *c, const vf_pair *p) {
    memset(e, 0, sizeof *e);
    e->c = c;
    e->p = p;
    for (int k = 0; k < VF_HINTS; k++) e->hint[k].feature_a = e->hint[k].feature_b = -1;
}

/* Lower bound of the distance between the pair's bodies at t: bounding spheres when far apart,
 * the exact mesh distance minus its float margin otherwise. Witnesses into best_res when given.
 * hints (may be NULL) warm-start the exact queries along a motion. */
static double pair_distance_at(const vf_context *c, const vf_pair *p, double t, ct_col_result *best_res, long *queries,
                               ct_col_result *hints) {
    const vf_body *A = &c->body[p->a], *B = &c->body[p->b];
    ct_xform pa = vf_body_pose(c, p->a, t), pb = vf_body_pose(c, p->b, t);
    double best = INFINITY;
    const double far = 0.25 + p->clearance; /* beyond this a sphere bound is good enough */
    for (int i = 0; i < A->nshape; i++) {
        ct_xform wa = ct_xf_mul(pa, A->shape[i].offset);
        double ra = ct_col_shape_radius(&A->shape[i].shape);
        for (int j = 0; j < B->nshape; j++) {
            ct_xform wb = ct_xf_mul(pb, B->shape[j].offset);
            double rb = ct_col_shape_radius(&B->shape[j].shape);
            double sphere = ct_v3_norm(ct_v3_sub(wa.p, wb.p)) - ra - rb;
            if (!best_res && sphere > far) {
                if (sphere < best) best = sphere;
                continue;
            }
            if (!best_res && sphere >= best) continue;
            int k = i * B->nshape + j;
            ct_col_result res, *hint = hints && k < VF_HINTS ? &hints[k] : NULL;
            double d = ct_col_distance_warm(&A->shape[i].shape, wa, &B->shape[j].shape, wb,
                                            best_res ? INFINITY : best, hint, &res);
            if (hint && !res.at_least) *hint = res;
            if (queries) (*queries)++;
            double lower = d - res.margin;
            if (lower < best) {
                best = lower;
                if (best_res) *best_res = res;
            }
        }
    }
    return best;
}

static double ca_distance(double t, void *ctx) {
    pair_eval *e = ctx;
    return pair_distance_at(e->c, e->p, t, NULL, &e->queries, e->hint);
}

/* Largest point speed of a body over [t, *until). */
static double body_speed(const vf_context *c, int body, double t, double *until) {
    const vf_body *b = &c->body[body];
    if (b->robot < 0) { *until = INFINITY; return 0; }
    const vf_robot_state *rs = &c->robot[b->robot];
    if (!rs->traj || t >= ct_traj_duration(rs->traj)) { *until = INFINITY; return 0; }
    int s = ct_traj_segment_at(rs->traj, t);
    const ct_traj_seg *seg = ct_traj_segment(rs->traj, s);
    while (seg->t1 <= t && s + 1 < ct_traj_nseg(rs->traj)) seg = ct_traj_segment(rs->traj, ++s);
    *until = seg->t1 > t ? seg->t1 : INFINITY;
    return ct_link_speed_bound(&rs->bounds, b->link, seg->qd_bound);
}

static double ca_speed(double t, double *until, void *ctx) {
    pair_eval *e = ctx;
    double ua, ub;
    double v = body_speed(e->c, e->p->a, t, &ua) + body_speed(e->c, e->p->b, t, &ub);
    *until = ua < ub ? ua : ub;
    return v;
}

/* ---- pairs ---- */

/* Per-pair result, written by one worker. */
typedef struct pair_out {
    int has_clear, has_contact, has_closest;
    double t_clear, d_clear, t_contact, d_min, t_min, d_lower;
    ct_col_result witness_clear, witness_contact, witness_min;
    long queries;
} pair_out;

/* Sampled mode: time to the next sample of a body so that no tip-link point moves more than
 * sampled_m and no joint more than sampled_rad (INFINITY for a body at rest). */
static double sample_dt(const vf_context *c, int body, double t) {
    double until;
    const vf_body *b = &c->body[body];
    if (b->robot < 0 || body_speed(c, body, t, &until) <= 0) return INFINITY;
    const vf_robot_state *rs = &c->robot[b->robot];
    const ct_traj_seg *seg = ct_traj_segment(rs->traj, ct_traj_segment_at(rs->traj, t));
    double qmax = 0;
    for (int d = 0; d < rs->robot->ndof; d++) qmax = fmax(qmax, fabs(seg->qd_bound[d]));
    double v_tip = ct_link_speed_bound(&rs->bounds, rs->robot->tip_link, seg->qd_bound);
    double dt = INFINITY;
    if (qmax > 0) dt = c->opt.sampled_rad / qmax;
    if (v_tip > 0) dt = fmin(dt, c->opt.sampled_m / v_tip);
    return dt;
}

static void check_sampled(const vf_context *c, const vf_pair *p, pair_eval *e, pair_out *out) {
    double t1 = c->duration, dmin = INFINITY, t = 0;
    for (;;) {
        double d = ca_distance(t, e);
        if (d < dmin) { dmin = d; out->t_min = t; }
        if (d <= p->clearance && !out->has_clear && p->clearance > 0) { out->has_clear = 1; out->t_clear = t; out->d_clear = d; }
        if (d <= 0 && !out->has_contact) { out->has_contact = 1; out->t_contact = t; }
        if (t >= t1 || out->has_contact) break;
        double dt = fmin(sample_dt(c, p->a, t), sample_dt(c, p->b, t));
        t = isfinite(dt) && t + dt < t1 ? t + dt : t1;
    }
    out->d_min = dmin;
}

/* Local minimum of the distance near t0 by golden-section search on [t0 - h, t0 + h]. */
static void local_minimum(const vf_context *c, const vf_pair *p, pair_eval *e, double t0, double h, double *t_best,
                          double *d_best) {
    const double g = 0.6180339887498949;
    double a = fmax(0, t0 - h), b = fmin(c->duration, t0 + h);
    double x1 = b - g * (b - a), x2 = a + g * (b - a);
    double f1 = ca_distance(x1, e), f2 = ca_distance(x2, e);
    for (int i = 0; i < 40 && b - a > 1e-7; i++) {
        if (f1 < f2) { b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = ca_distance(x1, e); }
        else { a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = ca_distance(x2, e); }
    }
    double t = f1 < f2 ? x1 : x2, d = fmin(f1, f2);
    if (d < *d_best) { *d_best = d; *t_best = t; }
    (void)p;
}

/* Closest approach of a clear pair: polish the measured minimum locally, then prove a lower bound
 * with a conservative-advancement run at clearance (minimum - tol); a violation found elsewhere
 * gives a new candidate. Each run has a check budget. */
static void refine_minimum(const vf_context *c, const vf_pair *p, pair_eval *e, pair_out *out) {
    const double tol = 1e-4;
    ct_ca_options o = ct_ca_default_options();
    o.resolution = tol / 4;
    o.max_checks = 20000;
    double hi = out->d_min, t_hi = out->t_min, lo = p->clearance;
    local_minimum(c, p, e, t_hi, 0.05, &t_hi, &hi);
    for (int round = 0; round < 8 && hi - lo > tol; round++) {
        o.clearance = fmax(hi - tol, lo);
        ct_ca_result r = ct_ca_run(0, c->duration, &o, ca_distance, ca_speed, e);
        if (r.verdict == CT_CA_CLEAR) { lo = o.clearance; break; }
        if (r.out_of_checks) {
            /* a long near-constant stretch: settle for a cheap certified bound halfway down */
            o.clearance = lo + 0.5 * (hi - lo);
            o.max_checks = 200000;
            r = ct_ca_run(0, c->duration, &o, ca_distance, ca_speed, e);
            if (r.verdict == CT_CA_CLEAR) lo = o.clearance;
            break;
        }
        double t_new = r.t_hit, d_new = r.d_hit;
        local_minimum(c, p, e, t_new, 0.05, &t_new, &d_new);
        if (d_new < hi) { hi = d_new; t_hi = t_new; }
        else lo = o.clearance; /* within the resolution of the clearance: the minimum is here */
    }
    out->d_min = hi;
    out->t_min = t_hi;
    out->d_lower = lo;
    out->has_closest = 1;
}

static void check_pair(const vf_context *c, const vf_pair *p, pair_out *out) {
    memset(out, 0, sizeof *out);
    pair_eval e;
    pair_eval_init(&e, c, p);
    ct_ca_options o = ct_ca_default_options();
    o.resolution = c->opt.resolution;
    double t1 = c->duration;
    if (c->opt.sampled_m > 0 && c->opt.sampled_rad > 0) {
        check_sampled(c, p, &e, out);
    } else {
        o.clearance = p->clearance;
        ct_ca_result r = ct_ca_run(0, t1, &o, ca_distance, ca_speed, &e);
        out->d_min = r.d_min;
        out->t_min = r.t_min;
        if (r.verdict != CT_CA_CLEAR) {
            if (p->clearance > 0 && r.d_hit > 0) {
                out->has_clear = 1;
                out->t_clear = r.t_hit;
                out->d_clear = r.d_hit;
                /* go on from there for the first contact */
                o.clearance = 0;
                ct_ca_result r2 = ct_ca_run(r.t_hit, t1, &o, ca_distance, ca_speed, &e);
                out->d_min = fmin(out->d_min, r2.d_min);
                if (r2.verdict != CT_CA_CLEAR) { out->has_contact = 1; out->t_contact = r2.t_hit; }
            } else {
                out->has_contact = 1;
                out->t_contact = r.t_hit;
            }
        } else if (out->d_min < c->opt.min_distance_report &&
                   !(c->body[p->a].robot >= 0 && c->body[p->a].robot == c->body[p->b].robot)) {
            refine_minimum(c, p, &e, out);
        }
    }
    if (out->has_clear) pair_distance_at(c, p, out->t_clear, &out->witness_clear, NULL, NULL);
    if (out->has_contact) pair_distance_at(c, p, out->t_contact, &out->witness_contact, NULL, NULL);
    if (out->has_closest) pair_distance_at(c, p, out->t_min, &out->witness_min, NULL, NULL);
    out->queries = e.queries;
}

static void add_pair_findings(const vf_context *c, const vf_pair *p, const pair_out *o, vf_finding_list *l) {
    const vf_body *A = &c->body[p->a], *B = &c->body[p->b];
    for (int k = 0; k < 2; k++) {
        int contact = k == 1;
        if (contact ? !o->has_contact : !o->has_clear) continue;
        ct_finding *f = vf_push(l);
        if (!f) return;
        f->kind = contact ? CT_FIND_COLLISION : CT_FIND_CLEARANCE;
        f->robot = A->robot >= 0 ? A->robot : B->robot;
        snprintf(f->body_a, sizeof f->body_a, "%s", A->robot >= 0 ? A->name : B->name);
        snprintf(f->body_b, sizeof f->body_b, "%s", A->robot >= 0 ? B->name : A->name);
        f->time = contact ? o->t_contact : o->t_clear;
        f->src = vf_src_at(c, f->robot, f->time);
        int other = A->robot >= 0 ? B->robot : -1;
        f->src_b = vf_src_at(c, other != f->robot ? other : -1, f->time);
        const ct_col_result *w = contact ? &o->witness_contact : &o->witness_clear;
        f->distance = contact ? 0 : fmax(o->d_clear, 0);
        f->min_distance = fmax(o->d_min, 0);
        f->clearance = p->clearance;
        f->point_a = A->robot >= 0 ? w->point_a : w->point_b;
        f->point_b = A->robot >= 0 ? w->point_b : w->point_a;
        if (contact)
            snprintf(f->message, sizeof f->message, "%.90s touches %.90s", f->body_a, f->body_b);
        else
            snprintf(f->message, sizeof f->message, "%.70s comes within %.1f mm of %.70s (clearance %.1f mm)", f->body_a,
                     f->distance * 1000, f->body_b, p->clearance * 1000);
    }
}

/* The pool's items: [0, nrobot) the findings of each robot's motion, then the body pairs. Each
 * item writes its own output; a pair's findings are streamed as soon as the pair is done. Pairs run
 * in the schedule's order (likely-close first), results stay in pair-index order. */
typedef struct pool_ctx {
    const vf_context *c;
    pair_out *out;              /* (npair) */
    const int *order;           /* (npair) the pair each pool item checks, nearest first */
    vf_finding_list *robot_list; /* (nrobot) */
    atomic_int findings;
} pool_ctx;

static void pool_items(int64_t begin, int64_t end, int worker, void *ctx) {
    pool_ctx *pc = ctx;
    const vf_context *c = pc->c;
    for (int64_t item = begin; item < end; item++) {
        if (item < c->nrobot) {
            vf_robot_findings(c, (int)item, &pc->robot_list[item]);
            continue;
        }
        int64_t i = pc->order[item - c->nrobot];
        check_pair(c, &c->pair[i], &pc->out[i]);
        int done = atomic_fetch_add(&c->stream->pairs_done, 1) + 1;
        int nf = pc->out[i].has_clear + pc->out[i].has_contact;
        int found = atomic_fetch_add(&pc->findings, nf) + nf;
        if (nf && c->opt.on_finding) {
            vf_finding_list tmp = {NULL, 0, 0};
            add_pair_findings(c, &c->pair[i], &pc->out[i], &tmp);
            for (int k = 0; k < tmp.n; k++) vf_emit(c, &tmp.f[k]);
            ct_free(tmp.f);
        }
        /* only the calling thread reports, so the callback needs no locking */
        if (worker == 0 && c->opt.progress) c->opt.progress(done, c->npair, found, c->opt.progress_user);
    }
}

static int by_distance(const void *a, const void *b) {
    const ct_closest_approach *x = a, *y = b;
    if (x->distance != y->distance) return x->distance < y->distance ? -1 : 1;
    return strcmp(x->body_a, y->body_a) ? strcmp(x->body_a, y->body_a) : strcmp(x->body_b, y->body_b);
}

/* Closest approaches of clear pairs, nearest first. */
static ct_closest_approach *collect_closest(const vf_context *c, const pair_out *outs, int *n) {
    *n = 0;
    for (int i = 0; i < c->npair; i++) *n += outs[i].has_closest;
    ct_closest_approach *list = ct_alloc(sizeof(ct_closest_approach) * (size_t)(*n + 1));
    if (!list) { *n = 0; return NULL; }
    int k = 0;
    for (int i = 0; i < c->npair; i++) {
        if (!outs[i].has_closest) continue;
        const vf_pair *p = &c->pair[i];
        const vf_body *A = &c->body[p->a], *B = &c->body[p->b];
        int swap = A->robot < 0;
        ct_closest_approach *ca = &list[k++];
        snprintf(ca->body_a, sizeof ca->body_a, "%s", swap ? B->name : A->name);
        snprintf(ca->body_b, sizeof ca->body_b, "%s", swap ? A->name : B->name);
        ca->robot = swap ? B->robot : A->robot;
        ca->time = outs[i].t_min;
        ca->distance = outs[i].d_min;
        ca->lower = outs[i].d_lower;
        ca->point_a = swap ? outs[i].witness_min.point_b : outs[i].witness_min.point_a;
        ca->point_b = swap ? outs[i].witness_min.point_a : outs[i].witness_min.point_b;
        ca->src = vf_src_at(c, ca->robot, ca->time);
    }
    qsort(list, (size_t)k, sizeof *list, by_distance);
    return list;
}

/* Stable time order (ties keep the order findings were gathered in: pair order, then robots). */
typedef struct ordered { double time; int index; } ordered;
static int by_time(const void *a, const void *b) {
    const ordered *x = a, *y = b;
    if (x->time != y->time) return x->time < y->time ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static ct_status sort_findings(vf_finding_list *l) {
    if (l->n < 2) return CT_OK;
    ordered *o = ct_alloc(sizeof(ordered) * (size_t)l->n);
    ct_finding *sorted = ct_alloc(sizeof(ct_finding) * (size_t)l->n);
    if (!o || !sorted) { ct_free(o); ct_free(sorted); return CT_ERR_NO_MEMORY; }
    for (int i = 0; i < l->n; i++) { o[i].time = l->f[i].time; o[i].index = i; }
    qsort(o, (size_t)l->n, sizeof(ordered), by_time);
    for (int i = 0; i < l->n; i++) memcpy(&sorted[i], &l->f[o[i].index], sizeof *sorted); /* with padding */
    ct_free(o);
    ct_free(l->f);
    l->f = sorted;
    l->cap = l->n;
    return CT_OK;
}

ct_status ct_verify_run(const ct_verify_input *in, const ct_verify_options *opt, ct_verify_report **out, ct_error *err) {
    *out = NULL;
    struct timespec w0, w1;
    clock_gettime(CLOCK_MONOTONIC, &w0);
    vf_stream stream;
    pthread_mutex_init(&stream.mu, NULL);
    atomic_init(&stream.pairs_done, 0);
    vf_context c;
    ct_status st = vf_context_init(&c, in, opt, err);
    c.stream = &stream;

    vf_finding_list list = {NULL, 0, 0};
    pair_out *outs = NULL;
    long queries = 0;
    ct_closest_approach *closest = NULL;
    int nclosest = 0;
    vf_finding_list *robot_list = NULL;
    if (st == CT_OK) {
        outs = ct_alloc(sizeof(pair_out) * (size_t)(c.npair + 1));
        robot_list = ct_alloc(sizeof(vf_finding_list) * (size_t)(c.nrobot + 1));
        ct_pool *pool = ct_pool_create(c.opt.threads);
        int *order = vf_pair_schedule(&c);
        if (!outs || !robot_list || !pool || !order) st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
        else {
            memset(robot_list, 0, sizeof(vf_finding_list) * (size_t)(c.nrobot + 1));
            pool_ctx pc;
            pc.c = &c;
            pc.out = outs;
            pc.order = order;
            pc.robot_list = robot_list;
            atomic_init(&pc.findings, 0);
            ct_pool_for(pool, c.nrobot + c.npair, 1, pool_items, &pc);
            /* gathered in a fixed order (pairs, then each robot's motion findings): ties in time keep it */
            for (int i = 0; i < c.npair; i++) {
                add_pair_findings(&c, &c.pair[i], &outs[i], &list);
                queries += outs[i].queries;
            }
            for (int r = 0; r < c.nrobot; r++)
                for (int k = 0; k < robot_list[r].n; k++) {
                    ct_finding *f = vf_push(&list);
                    if (f) memcpy(f, &robot_list[r].f[k], sizeof *f); /* padding too: reports compare bytewise */
                }
            if (c.npair > 0) closest = collect_closest(&c, outs, &nclosest);
        }
        ct_pool_destroy(pool);
        ct_free(order);
    }
    for (int r = 0; robot_list && r < c.nrobot; r++) ct_free(robot_list[r].f);
    ct_free(robot_list);
    ct_verify_report *rep = NULL;
    if (st == CT_OK) {
        rep = ct_alloc(sizeof *rep);
        if (!rep) st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    if (st == CT_OK) {
        if (sort_findings(&list) != CT_OK) st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    if (st == CT_OK) {
        rep->nfinding = list.n;
        rep->finding = list.f;
        rep->duration = c.duration;
        rep->npair = c.npair;
        rep->nexcluded = c.nexcluded;
        rep->distance_queries = queries;
        rep->closest = closest;
        rep->nclosest = nclosest;
        closest = NULL;
        clock_gettime(CLOCK_MONOTONIC, &w1);
        rep->wall_seconds = (double)(w1.tv_sec - w0.tv_sec) + 1e-9 * (double)(w1.tv_nsec - w0.tv_nsec);
        *out = rep;
    } else {
        ct_free(list.f);
        ct_free(rep);
    }
    ct_free(outs);
    ct_free(closest);
    vf_context_free(&c);
    pthread_mutex_destroy(&stream.mu);
    return st;
}

void ct_verify_report_free(ct_verify_report *r) {
    if (!r) return;
    ct_free(r->finding);
    ct_free(r->closest);
    ct_free(r);
}
