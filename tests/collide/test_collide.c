/* Collision geometry against independent references: mesh-mesh distance and witnesses against a
 * double brute force over all triangle pairs (ref_geom.h, libccd point-triangle distances),
 * overlap against brute-force triangle intersection, primitives and convex pairs against libccd
 * (intersection by MPR; separated distance as the smallest sphere inflation that makes MPR
 * report contact, found by bisection). */
#include "ct_test.h"

#include <stdlib.h>

#include <ccd/ccd.h>

#include "celltwin/collide.h"
#include "ref_geom.h"

static double urand(unsigned *s) { *s = *s * 1664525u + 1013904223u; return (*s >> 8) / 16777216.0; }
static double srand1(unsigned *s) { return 2 * urand(s) - 1; }

static ct_xform random_pose(unsigned *s, double trans) {
    ct_vec3 ax = ct_v3_normalize(ct_v3(srand1(s), srand1(s), srand1(s) + 1e-3));
    return ct_xf(ct_m3_axis_angle(ax, CT_PI * srand1(s)), ct_v3(trans * srand1(s), trans * srand1(s), trans * srand1(s)));
}

/* Random triangle soup: ntri triangles with edges up to `size` m inside a cube of half side 0.5. */
typedef struct soup { float *v; int *t; int n; ct_col_mesh *m; } soup;
static int make_soup(unsigned *s, int n, double size, soup *out) {
    out->n = n;
    out->v = malloc(sizeof(float) * 9 * (size_t)n);
    out->t = malloc(sizeof(int) * 3 * (size_t)n);
    for (int i = 0; i < n; i++) {
        double c[3] = {0.5 * srand1(s), 0.5 * srand1(s), 0.5 * srand1(s)};
        for (int v = 0; v < 3; v++) {
            for (int k = 0; k < 3; k++) out->v[9 * i + 3 * v + k] = (float)(c[k] + 0.5 * size * srand1(s));
            out->t[3 * i + v] = 3 * i + v;
        }
    }
    ct_error err;
    return ct_col_mesh_create(out->v, 3 * n, out->t, n, &out->m, &err) == CT_OK;
}
static void free_soup(soup *s) { free(s->v); free(s->t); ct_col_mesh_destroy(s->m); }

/* Triangle i of a float soup in world coordinates (double). */
static void world_tri(const soup *s, int i, ct_xform p, double *out) {
    for (int v = 0; v < 3; v++) {
        const float *x = s->v + 9 * i + 3 * v;
        ct_vec3 w = ct_xf_apply(p, ct_v3(x[0], x[1], x[2]));
        out[3 * v] = w.x; out[3 * v + 1] = w.y; out[3 * v + 2] = w.z;
    }
}
static double brute_distance(const soup *a, ct_xform pa, const soup *b, ct_xform pb) {
    double m = INFINITY, ta[9], tb[9];
    for (int i = 0; i < a->n; i++) {
        world_tri(a, i, pa, ta);
        for (int j = 0; j < b->n; j++) {
            world_tri(b, j, pb, tb);
            m = fmin(m, rg_tri_tri(ta, tb));
        }
    }
    return m;
}
static double point_to_soup(const soup *a, ct_xform pa, ct_vec3 p) {
    double m = INFINITY, t[9], x[3] = {p.x, p.y, p.z};
    for (int i = 0; i < a->n; i++) {
        world_tri(a, i, pa, t);
        m = fmin(m, rg_point_tri(x, t));
    }
    return m;
}

static int test_mesh_distance_brute_force(void) {
    unsigned s = 7;
    int intersecting = 0, separated = 0;
    double worst = 0;
    for (int it = 0; it < 60; it++) {
        soup a, b;
        CT_ENSURE(make_soup(&s, 40 + it, 0.25, &a) && make_soup(&s, 60, 0.3, &b));
        ct_xform pa = random_pose(&s, 0.3), pb = random_pose(&s, 0.9);
        ct_col_shape sa = ct_col_mesh_shape(a.m), sb = ct_col_mesh_shape(b.m);
        ct_col_result r;
        double d = ct_col_distance(&sa, pa, &sb, pb, INFINITY, &r);
        double ref = brute_distance(&a, pa, &b, pb);
        worst = fmax(worst, fabs(d - ref));
        CT_ENSURE_NEAR(d, ref, 1e-6);
        CT_ENSURE(fabs(d - ref) <= r.margin);
        CT_ENSURE(!r.at_least && r.feature_a >= 0 && r.feature_b >= 0);
        /* witnesses: on the surfaces and at the reported distance */
        CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(r.point_a, r.point_b)), d, 1e-6);
        CT_ENSURE(point_to_soup(&a, pa, r.point_a) < 1e-6);
        CT_ENSURE(point_to_soup(&b, pb, r.point_b) < 1e-6);
        /* the features named are the closest pair */
        double ta[9], tb[9];
        world_tri(&a, r.feature_a, pa, ta);
        world_tri(&b, r.feature_b, pb, tb);
        CT_ENSURE_NEAR(rg_tri_tri(ta, tb), ref, 1e-6);
        /* early out: capped queries report "at least" exactly when the distance is above the cap */
        ct_col_result rc;
        double cap = ref * 0.5;
        if (ref > 1e-4) {
            CT_ENSURE(ct_col_distance(&sa, pa, &sb, pb, cap, &rc) == cap && rc.at_least);
            double d2 = ct_col_distance(&sa, pa, &sb, pb, ref * 1.5, &rc);
            CT_ENSURE(!rc.at_least);
            CT_ENSURE_NEAR(d2, ref, 1e-6);
        }
        /* symmetric */
        CT_ENSURE_NEAR(ct_col_distance(&sb, pb, &sa, pa, INFINITY, NULL), ref, 1e-6);
        if (ref == 0) intersecting++; else separated++;
        free_soup(&a);
        free_soup(&b);
    }
    printf("mesh distance: %d intersecting, %d separated, worst |float - double| %.3g m\n", intersecting, separated,
           worst);
    CT_ENSURE(intersecting >= 5 && separated >= 5);
    return 0;
}

static int test_overlap_brute_force(void) {
    unsigned s = 99;
    int hits = 0, misses = 0;
    for (int it = 0; it < 120; it++) {
        soup a, b;
        CT_ENSURE(make_soup(&s, 50, 0.2, &a) && make_soup(&s, 50, 0.2, &b));
        ct_xform pa = random_pose(&s, 0.2), pb = random_pose(&s, 0.8);
        ct_col_shape sa = ct_col_mesh_shape(a.m), sb = ct_col_mesh_shape(b.m);
        double ref = brute_distance(&a, pa, &b, pb);
        int ov = ct_col_overlap(&sa, pa, &sb, pb, 0);
        if (ref == 0) CT_ENSURE_MSG(ov, "case %d: intersecting meshes reported clear", it);
        if (ref > 1e-5) CT_ENSURE_MSG(!ov, "case %d: meshes %.3g m apart reported overlapping", it, ref);
        /* clearance: overlap with extra = ref + 1 mm must hold, with extra = ref / 2 not */
        if (ref > 1e-3) {
            CT_ENSURE(ct_col_overlap(&sa, pa, &sb, pb, ref + 1e-3));
            CT_ENSURE(!ct_col_overlap(&sa, pa, &sb, pb, ref * 0.5));
        }
        hits += ref == 0;
        misses += ref > 1e-5;
        free_soup(&a);
        free_soup(&b);
    }
    printf("overlap: %d intersecting, %d separated\n", hits, misses);
    CT_ENSURE(hits >= 10 && misses >= 10);
    return 0;
}

/* ---- libccd convex references ---- */
typedef struct cvx {
    int type;           /* 0 polytope, 1 sphere/capsule (segment + radius) */
    double v[8][3];     /* polytope vertices (world) */
    int nv;
    double p0[3], p1[3], r;
    double inflate;     /* extra radius for the bisection */
} cvx;

static void cvx_support(const void *obj, const ccd_vec3_t *dir, ccd_vec3_t *out) {
    const cvx *c = (const cvx *)obj;
    const double *d = dir->v;
    double n = sqrt(rg_dot(d, d));
    const double *best = NULL;
    double r = c->inflate;
    if (c->type == 0) {
        double bd = -INFINITY;
        for (int i = 0; i < c->nv; i++)
            if (rg_dot(c->v[i], d) > bd) { bd = rg_dot(c->v[i], d); best = c->v[i]; }
    } else {
        best = rg_dot(c->p0, d) >= rg_dot(c->p1, d) ? c->p0 : c->p1;
        r += c->r;
    }
    for (int k = 0; k < 3; k++) out->v[k] = best[k] + (n > 0 ? r * d[k] / n : 0);
}
static void cvx_center(const void *obj, ccd_vec3_t *out) {
    const cvx *c = (const cvx *)obj;
    double m[3] = {0, 0, 0};
    if (c->type == 0) {
        for (int i = 0; i < c->nv; i++)
            for (int k = 0; k < 3; k++) m[k] += c->v[i][k] / c->nv;
    } else {
        for (int k = 0; k < 3; k++) m[k] = 0.5 * (c->p0[k] + c->p1[k]);
    }
    ccdVec3Set(out, m[0], m[1], m[2]);
}
static int ccd_touch(cvx *a, cvx *b) {
    ccd_t ccd;
    CCD_INIT(&ccd);
    ccd.support1 = cvx_support;
    ccd.support2 = cvx_support;
    ccd.center1 = cvx_center;
    ccd.center2 = cvx_center;
    ccd.max_iterations = 1000;
    ccd.mpr_tolerance = 1e-12;
    return ccdMPRIntersect(a, b, &ccd);
}
/* Distance by bisection on the inflation of b: the smallest radius at which they touch. */
static double ccd_distance(cvx *a, cvx *b) {
    b->inflate = 0;
    if (ccd_touch(a, b)) return 0;
    double lo = 0, hi = 4;
    for (int i = 0; i < 50; i++) {
        b->inflate = 0.5 * (lo + hi);
        if (ccd_touch(a, b)) hi = b->inflate; else lo = b->inflate;
    }
    b->inflate = 0;
    return 0.5 * (lo + hi);
}

/* Convex shape k: 0 box (primitive), 1 box as mesh, 2 tetrahedron mesh, 3 sphere, 4 capsule. */
typedef struct made { ct_col_shape s; ct_col_mesh *m; cvx c; } made;
static void make_convex(unsigned *s, int kind, ct_xform p, made *o) {
    memset(o, 0, sizeof *o);
    double h[3] = {0.05 + 0.3 * urand(s), 0.05 + 0.3 * urand(s), 0.05 + 0.3 * urand(s)};
    if (kind <= 1) {
        o->s = ct_col_box(2 * h[0], 2 * h[1], 2 * h[2]);
        o->c.nv = 8;
        for (int i = 0; i < 8; i++) {
            ct_vec3 w = ct_xf_apply(p, ct_v3(i & 1 ? h[0] : -h[0], i & 2 ? h[1] : -h[1], i & 4 ? h[2] : -h[2]));
            o->c.v[i][0] = w.x; o->c.v[i][1] = w.y; o->c.v[i][2] = w.z;
        }
        if (kind == 1) {   /* the same box as a triangle mesh built from the primitive's surface */
            int tri[36];
            for (int i = 0; i < 36; i++) tri[i] = i;
            ct_error err;
            ct_col_mesh_create(o->s.box_tri, 36, tri, 12, &o->m, &err);
            o->s = ct_col_mesh_shape(o->m);
        }
    } else if (kind == 2) {
        float v[12];
        for (int i = 0; i < 12; i++) v[i] = (float)(0.3 * srand1(s));
        int tri[12] = {0, 1, 2, 0, 3, 1, 0, 2, 3, 1, 3, 2};
        ct_error err;
        ct_col_mesh_create(v, 4, tri, 4, &o->m, &err);
        o->s = ct_col_mesh_shape(o->m);
        o->c.nv = 4;
        for (int i = 0; i < 4; i++) {
            ct_vec3 w = ct_xf_apply(p, ct_v3(v[3 * i], v[3 * i + 1], v[3 * i + 2]));
            o->c.v[i][0] = w.x; o->c.v[i][1] = w.y; o->c.v[i][2] = w.z;
        }
    } else {
        double r = 0.05 + 0.2 * urand(s), len = kind == 4 ? 0.1 + 0.4 * urand(s) : 0;
        o->s = kind == 4 ? ct_col_capsule(r, len) : ct_col_sphere(r);
        o->c.type = 1;
        o->c.r = (float)r;
        ct_vec3 a = ct_xf_apply(p, ct_v3(0, 0, -0.5 * (float)(0.5 * len) * 2)), b = ct_xf_apply(p, ct_v3(0, 0, (float)(0.5 * len)));
        o->c.p0[0] = a.x; o->c.p0[1] = a.y; o->c.p0[2] = a.z;
        o->c.p1[0] = b.x; o->c.p1[1] = b.y; o->c.p1[2] = b.z;
    }
}

static int test_convex_vs_libccd(void) {
    unsigned s = 2024;
    int n_sep = 0, n_pen = 0;
    double worst = 0;
    for (int it = 0; it < 400; it++) {
        int ka = it % 5, kb = (it / 5) % 5;
        ct_xform pa = random_pose(&s, 0.2), pb = random_pose(&s, 0.6);
        made a, b;
        make_convex(&s, ka, pa, &a);
        make_convex(&s, kb, pb, &b);
        double ref = ccd_distance(&a.c, &b.c);
        ct_col_result r;
        double d = ct_col_distance(&a.s, pa, &b.s, pb, INFINITY, &r);
        int ov = ct_col_overlap(&a.s, pa, &b.s, pb, 0);
        /* a surface mesh fully inside another shape has no surface contact: libccd sees a solid */
        int contain_possible = (ka == 1 || ka == 2) || (kb == 1 || kb == 2);
        if (ref > 1e-6) {
            n_sep++;
            worst = fmax(worst, fabs(d - ref));
            CT_ENSURE_MSG(fabs(d - ref) <= 2e-6, "case %d (%d vs %d): %.9g vs libccd %.9g", it, ka, kb, d, ref);
            CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(r.point_a, r.point_b)), d, 2e-6);
            if (ref > 2e-5) CT_ENSURE(!ov);
        } else if (!contain_possible) {
            n_pen++;
            CT_ENSURE_MSG(ov && d == 0, "case %d (%d vs %d): libccd intersects, ours %g", it, ka, kb, d);
        } else if (d > 0) {
            /* surfaces apart while libccd intersects: one must contain the other */
            CT_ENSURE_MSG(ref == 0, "case %d", it);
        } else {
            n_pen++;
            CT_ENSURE(ov);
        }
        ct_col_mesh_destroy(a.m);
        ct_col_mesh_destroy(b.m);
    }
    printf("convex vs libccd: %d separated (worst %.3g m), %d intersecting\n", n_sep, worst, n_pen);
    CT_ENSURE(n_sep >= 50 && n_pen >= 50);
    return 0;
}

/* Point and segment (sphere/capsule) against a mesh: brute force over triangles. */
static int test_primitives_vs_mesh(void) {
    unsigned s = 5;
    soup m;
    CT_ENSURE(make_soup(&s, 120, 0.25, &m));
    ct_col_shape sm = ct_col_mesh_shape(m.m);
    for (int it = 0; it < 200; it++) {
        ct_xform pm = random_pose(&s, 0.2), pc = random_pose(&s, 0.9);
        double r = 0.02 + 0.1 * urand(&s), len = it % 2 ? 0.3 * urand(&s) : 0;
        ct_col_shape c = len > 0 ? ct_col_capsule(r, len) : ct_col_sphere(r);
        double p0[3], p1[3];
        ct_vec3 a = ct_xf_apply(pc, ct_v3(0, 0, -(float)(0.5 * len))), b = ct_xf_apply(pc, ct_v3(0, 0, (float)(0.5 * len)));
        p0[0] = a.x; p0[1] = a.y; p0[2] = a.z; p1[0] = b.x; p1[1] = b.y; p1[2] = b.z;
        double ref = INFINITY, t[9];
        for (int i = 0; i < m.n; i++) {
            world_tri(&m, i, pm, t);
            double d = rg_seg_crosses(p0, p1, t) ? 0 : fmin(fmin(rg_point_tri(p0, t), rg_point_tri(p1, t)),
                fmin(rg_seg_seg(p0, p1, t, t + 3), fmin(rg_seg_seg(p0, p1, t + 3, t + 6), rg_seg_seg(p0, p1, t + 6, t))));
            ref = fmin(ref, d);
        }
        ref = fmax(0, ref - r);
        ct_col_result res;
        double d = ct_col_distance(&c, pc, &sm, pm, INFINITY, &res);
        CT_ENSURE_MSG(fabs(d - ref) <= 1e-6, "case %d: %.9g vs %.9g", it, d, ref);
        if (ref > 0) {
            CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(res.point_a, res.point_b)), d, 1e-6);
            CT_ENSURE(point_to_soup(&m, pm, res.point_b) < 1e-6);
        }
        int ov = ct_col_overlap(&sm, pm, &c, pc, 0);
        if (ref == 0) CT_ENSURE(ov);
        if (ref > 1e-5) CT_ENSURE(!ov);
    }
    free_soup(&m);
    return 0;
}

/* Smooth closed surfaces (where oriented boxes and near-ties matter): a tessellated ellipsoid
 * (nu x nv quads, semi-axes ax, ay, az) as a soup, so the brute force can use it. */
static int make_ellipsoid(int nu, int nv, double ax, double ay, double az, soup *out) {
    int n = 2 * nu * nv;
    out->n = n;
    out->v = malloc(sizeof(float) * 9 * (size_t)n);
    out->t = malloc(sizeof(int) * 3 * (size_t)n);
    int k = 0;
    for (int i = 0; i < nu; i++)
        for (int j = 0; j < nv; j++) {
            double q[4][3];
            for (int c = 0; c < 4; c++) {
                double th = 2 * CT_PI * (i + (c == 1 || c == 2)) / nu, ph = CT_PI * (j + (c >= 2)) / nv - CT_PI / 2;
                q[c][0] = ax * cos(ph) * cos(th); q[c][1] = ay * cos(ph) * sin(th); q[c][2] = az * sin(ph);
            }
            const int tri[2][3] = {{0, 1, 2}, {0, 2, 3}};
            for (int h = 0; h < 2; h++, k++)
                for (int v = 0; v < 3; v++) {
                    for (int a = 0; a < 3; a++) out->v[9 * k + 3 * v + a] = (float)q[tri[h][v]][a];
                    out->t[3 * k + v] = 3 * k + v;
                }
        }
    ct_error err;
    return ct_col_mesh_create(out->v, 3 * n, out->t, n, &out->m, &err) == CT_OK;
}

static int test_smooth_mesh_distance_brute_force(void) {
    unsigned s = 31;
    soup a, b;
    CT_ENSURE(make_ellipsoid(16, 8, 0.4, 0.15, 0.1, &a) && make_ellipsoid(12, 6, 0.2, 0.2, 0.6, &b));
    int hits = 0;
    for (int it = 0; it < 30; it++) {
        ct_xform pa = random_pose(&s, 0.2), pb = random_pose(&s, 0.2);
        /* b somewhere 0..1.2 m from a's centre, sometimes overlapping */
        ct_vec3 dir = ct_v3_normalize(ct_v3(srand1(&s), srand1(&s), srand1(&s) + 1e-3));
        pb.p = ct_v3_add(pa.p, ct_v3_scale(dir, 1.2 * urand(&s) + 0.1));
        ct_col_shape sa = ct_col_mesh_shape(a.m), sb = ct_col_mesh_shape(b.m);
        ct_col_result r;
        double d = ct_col_distance(&sa, pa, &sb, pb, INFINITY, &r);
        double ref = brute_distance(&a, pa, &b, pb);
        CT_ENSURE_MSG(fabs(d - ref) <= r.margin, "case %d: %.9g vs brute force %.9g", it, d, ref);
        double ta[9], tb[9];
        world_tri(&a, r.feature_a, pa, ta);
        world_tri(&b, r.feature_b, pb, tb);
        CT_ENSURE_NEAR(rg_tri_tri(ta, tb), ref, 1e-6);
        hits += ref == 0;
    }
    CT_ENSURE(hits >= 3 && hits <= 27);   /* both intersecting and separated cases */
    free_soup(&a);
    free_soup(&b);
    return 0;
}

/* Warm start along a motion: each step hinted with the previous step's result gives the brute
 * force minimum; so do stale, foreign and out-of-range hints. */
static int test_warm_start_along_motion(void) {
    unsigned s = 5;
    soup a, b;
    CT_ENSURE(make_ellipsoid(16, 8, 0.3, 0.2, 0.1, &a) && make_soup(&s, 80, 0.2, &b));
    ct_col_shape sa = ct_col_mesh_shape(a.m), sb = ct_col_mesh_shape(b.m);
    ct_xform pa = ct_xf_identity(), p0 = random_pose(&s, 0.6), p1 = random_pose(&s, 0.6);
    ct_col_result prev;
    memset(&prev, 0, sizeof prev);
    prev.feature_a = prev.feature_b = -1;
    int hinted = 0;
    for (int step = 0; step <= 30; step++) {
        double t = step / 30.0;
        ct_xform pb = ct_xf(ct_m3_mul(p0.R, ct_m3_axis_angle(ct_v3(0, 0, 1), 2.0 * t)),
                            ct_v3_add(ct_v3_scale(p0.p, 1 - t), ct_v3_scale(p1.p, t)));
        double ref = brute_distance(&a, pa, &b, pb);
        ct_col_result r, cold, bad;
        double d = ct_col_distance_warm(&sa, pa, &sb, pb, INFINITY, &prev, &r);
        CT_ENSURE_MSG(fabs(d - ref) <= r.margin, "step %d: warm %.9g vs brute force %.9g", step, d, ref);
        CT_ENSURE_NEAR(ct_col_distance(&sa, pa, &sb, pb, INFINITY, &cold), d, r.margin);
        if (ref > 0) CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(r.point_a, r.point_b)), d, 1e-6);
        /* capped warm query: "at least" exactly when the hint and everything else are above */
        if (ref > 1e-3) {
            CT_ENSURE(ct_col_distance_warm(&sa, pa, &sb, pb, ref * 0.5, &prev, &bad) == ref * 0.5 && bad.at_least);
        }
        ct_col_result junk = prev;
        junk.feature_a = a.n + 7; junk.feature_b = -3;
        CT_ENSURE_NEAR(ct_col_distance_warm(&sa, pa, &sb, pb, INFINITY, &junk, &bad), ref, r.margin);
        junk.feature_a = step % a.n; junk.feature_b = (3 * step) % b.n;   /* a valid but unrelated pair */
        CT_ENSURE_NEAR(ct_col_distance_warm(&sa, pa, &sb, pb, INFINITY, &junk, &bad), ref, r.margin);
        hinted += prev.feature_a >= 0;
        prev = r;
    }
    CT_ENSURE(hinted >= 25);
    free_soup(&a);
    free_soup(&b);
    return 0;
}

static int test_bad_mesh(void) {
    float v[9] = {0, 0, 0, 1, 0, 0, 0, NAN, 0};
    int t[3] = {0, 1, 2}, bad[3] = {0, 1, 3};
    ct_col_mesh *m = NULL;
    ct_error err;
    CT_ENSURE(ct_col_mesh_create(v, 3, t, 1, &m, &err) == CT_ERR_INVALID && !m);
    CT_ENSURE(strstr(err.message, "not finite"));
    v[7] = 1;
    CT_ENSURE(ct_col_mesh_create(v, 3, bad, 1, &m, &err) == CT_ERR_INVALID && strstr(err.message, "out of range"));
    CT_ENSURE(ct_col_mesh_create(v, 3, t, 0, &m, &err) == CT_ERR_INVALID);
    CT_ENSURE(ct_col_mesh_create(v, 3, t, 1, &m, &err) == CT_OK);
    ct_col_mesh_destroy(m);
    return 0;
}

CT_TEST_MAIN(CT_TEST(mesh_distance_brute_force), CT_TEST(overlap_brute_force), CT_TEST(convex_vs_libccd),
             CT_TEST(primitives_vs_mesh), CT_TEST(smooth_mesh_distance_brute_force), CT_TEST(warm_start_along_motion),
             CT_TEST(bad_mesh))
