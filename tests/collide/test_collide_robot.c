/* Robot pose checks on ct_hs220 against brute force in double over every collision triangle
 * (link meshes placed by double FK, independent of the merged BVH meshes): sphere and box
 * objects (distance, hit and miss), self-collision over the checked pairs, the pair table, and
 * identical results with 1 and 2 threads. */
#include "ct_test.h"

#include <stdlib.h>

#include "celltwin/collide_robot.h"
#include "celltwin/kin.h"
#include "celltwin/pool.h"
#include "ref_geom.h"

int ct_test_kernels_cxx(const float *t1, const float *t2, float *d2, float *c);

static double urand(unsigned *s) { *s = *s * 1664525u + 1013904223u; return (*s >> 8) / 16777216.0; }

static ct_robot *load_hs220(void) {
    ct_robot_def def = ct_robot_default_def();
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(CT_SOURCE_DIR "/assets/robots/ct_hs220/robot.urdf", &def, &r, &err) != CT_OK) {
        fprintf(stderr, "%s\n", err.message);
        return NULL;
    }
    return r;
}

static void random_q(const ct_robot *r, unsigned *s, double *q) {
    for (int d = 0; d < r->ndof; d++) {
        double lo = fmax(r->dof_lower[d], -CT_PI), hi = fmin(r->dof_upper[d], CT_PI);
        q[d] = lo + (hi - lo) * urand(s);
    }
}

/* World triangles (n x 9) of one link's collision meshes at q; returns the count. */
static int link_tris(const ct_robot *r, const ct_xform *pose, int link, double **out) {
    int n = 0;
    for (int i = 0; i < r->nshape; i++)
        if (!r->shape[i].visual && r->shape[i].link == link && r->shape[i].type == CT_GEOM_MESH) n += r->shape[i].mesh->ntri;
    double *t = malloc(sizeof(double) * 9 * (size_t)(n ? n : 1));
    int k = 0;
    for (int i = 0; i < r->nshape; i++) {
        const ct_robot_shape *s = &r->shape[i];
        if (s->visual || s->link != link || s->type != CT_GEOM_MESH) continue;
        ct_xform x = ct_xf_mul(pose[link], s->origin);
        for (int j = 0; j < s->mesh->ntri; j++, k++)
            for (int v = 0; v < 3; v++) {
                const float *p = s->mesh->vert + 3 * s->mesh->tri[3 * j + v];
                ct_vec3 w = ct_xf_apply(x, ct_v3(p[0], p[1], p[2]));
                t[9 * k + 3 * v] = w.x; t[9 * k + 3 * v + 1] = w.y; t[9 * k + 3 * v + 2] = w.z;
            }
    }
    *out = t;
    return n;
}

/* Brute-force distance between two triangle sets, skipping pairs whose boxes are farther apart
 * than `cap` (exact: such pairs cannot be closer than cap). Returns min(distance, cap). */
static double sets_distance(const double *a, int na, const double *b, int nb, double cap) {
    double m = cap;
    double *blo = malloc(sizeof(double) * 3 * (size_t)nb), *bhi = malloc(sizeof(double) * 3 * (size_t)nb);
    for (int j = 0; j < nb; j++) rg_tri_box(b + 9 * j, blo + 3 * j, bhi + 3 * j);
    for (int i = 0; i < na && m > 0; i++) {
        double lo[3], hi[3];
        rg_tri_box(a + 9 * i, lo, hi);
        for (int j = 0; j < nb && m > 0; j++) {
            double g = 0;
            for (int k = 0; k < 3; k++) g = fmax(g, fmax(blo[3 * j + k] - hi[k], lo[k] - bhi[3 * j + k]));
            if (g >= m) continue;
            m = fmin(m, rg_tri_tri(a + 9 * i, b + 9 * j));
        }
    }
    free(blo);
    free(bhi);
    return m;
}

static int test_pair_table(void) {
    ct_robot *r = load_hs220();
    CT_ENSURE(r);
    ct_col_robot *cr = NULL;
    ct_error err;
    CT_ENSURE(ct_col_robot_create(r, &cr, &err) == CT_OK);
    CT_ENSURE(cr->nbody == 7 && cr->npair_all == 21);
    double q0[CT_ROBOT_MAX_DOF] = {0};
    for (int d = 0; d < r->ndof; d++) q0[d] = fmin(fmax(0.0, r->dof_lower[d]), r->dof_upper[d]);
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    ct_kin_fk(r, q0, pose);
    int checked = 0;
    for (int k = 0; k < cr->npair_all; k++) {
        ct_col_pair p = cr->pair_all[k];
        int la = cr->body[p.a].link, lb = cr->body[p.b].link;
        int adjacent = r->link_parent[lb] == la || r->link_parent[la] == lb;
        CT_ENSURE_MSG(adjacent == (p.status == CT_COL_PAIR_ADJACENT), "%s-%s", r->link_name[la], r->link_name[lb]);
        if (adjacent) continue;
        double *ta, *tb;
        int na = link_tris(r, pose, la, &ta), nb = link_tris(r, pose, lb, &tb);
        double d = sets_distance(ta, na, tb, nb, 1.0);
        free(ta);
        free(tb);
        if (p.status == CT_COL_PAIR_TOUCH_AT_ZERO) CT_ENSURE_MSG(d < 1e-5, "%s-%s %g", r->link_name[la], r->link_name[lb], d);
        if (p.status == CT_COL_PAIR_CHECKED) { checked++; CT_ENSURE_MSG(d > 0, "%s-%s", r->link_name[la], r->link_name[lb]); }
    }
    CT_ENSURE(checked == cr->npair && checked >= 6);
    printf("ct_hs220: %d bodies, %d self pairs checked of %d\n", cr->nbody, cr->npair, cr->npair_all);
    ct_col_robot_destroy(cr);
    ct_robot_destroy(r);
    return 0;
}

static int test_env_sphere_distance_brute_force(void) {
    ct_robot *r = load_hs220();
    CT_ENSURE(r);
    unsigned s = 11;
    int hits = 0, clear = 0;
    for (int place = 0; place < 4; place++) {
        ct_col_robot *cr = NULL;
        ct_error err;
        CT_ENSURE(ct_col_robot_create(r, &cr, &err) == CT_OK);
        double rad = 0.05 + 0.1 * urand(&s);
        ct_vec3 c = ct_v3(0.5 + 1.5 * urand(&s), 2.0 * urand(&s) - 1.0, 0.2 + 1.6 * urand(&s));
        ct_col_shape sph = ct_col_sphere(rad);
        CT_ENSURE(ct_col_robot_add_shape(cr, "ball", &sph, ct_xf(ct_m3_identity(), c), &err) == CT_OK);
        double cv[3] = {c.x, c.y, c.z};
        for (int it = 0; it < 15; it++) {
            double q[CT_ROBOT_MAX_DOF];
            random_q(r, &s, q);
            ct_xform pose[CT_ROBOT_MAX_LINKS];
            ct_kin_fk(r, q, pose);
            double ref = INFINITY;
            for (int l = 0; l < r->nlink; l++) {
                double *t;
                int n = link_tris(r, pose, l, &t);
                for (int i = 0; i < n; i++) ref = fmin(ref, rg_point_tri(cv, t + 9 * i));
                free(t);
            }
            ref -= rad;
            ct_col_check_opts o = ct_col_check_default_opts();
            o.self = 0;
            o.distance = 1;
            ct_col_check_result res;
            ct_col_robot_check(cr, q, &o, &res);
            if (ref > 0) {
                CT_ENSURE_MSG(fabs(res.distance - ref) <= 1e-6, "%.9g vs %.9g", res.distance, ref);
                CT_ENSURE(res.self == 0 && res.other == 0);
                CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(res.point_a, res.point_b)), ref, 1e-6);
                CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(res.point_b, c)), rad, 1e-6);
            } else {
                CT_ENSURE(res.distance == 0 && res.collide);
            }
            o.distance = 0;
            ct_col_robot_check(cr, q, &o, &res);
            if (ref > 1e-5) CT_ENSURE(!res.collide);
            if (ref <= 0) CT_ENSURE(res.collide);
            hits += ref <= 0;
            clear += ref > 0;
        }
        ct_col_robot_destroy(cr);
    }
    printf("sphere vs robot: %d touching, %d clear\n", hits, clear);
    CT_ENSURE(clear >= 10);
    ct_robot_destroy(r);
    return 0;
}

/* A 4 cm box centred on a vertex of link_6 at q1 must collide there; at q2 (joint 1 turned by
 * 90 degrees) it must not. Both verdicts are first established by brute force. */
static int test_box_hit_and_miss(void) {
    ct_robot *r = load_hs220();
    CT_ENSURE(r);
    int l6 = ct_robot_find_link(r, "link_6");
    CT_ENSURE(l6 >= 0);
    double q1[CT_ROBOT_MAX_DOF] = {0.3, 0.2, -0.4, 0.5, 0.6, -0.2}, q2[CT_ROBOT_MAX_DOF];
    memcpy(q2, q1, sizeof q2);
    q2[0] += CT_PI / 2;
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    ct_kin_fk(r, q1, pose);
    double *t6;
    int n6 = link_tris(r, pose, l6, &t6);
    CT_ENSURE(n6 > 0);
    ct_vec3 w = ct_v3(t6[0], t6[1], t6[2]);
    free(t6);
    double h = 0.02;
    ct_xform bp = ct_xf(ct_m3_from_rpy(0.1, 0.2, 0.3), w);
    /* the box's triangles in double for the reference */
    ct_col_shape box = ct_col_box(2 * h, 2 * h, 2 * h);
    double bt[12 * 9];
    for (int i = 0; i < 36; i++) {
        ct_vec3 v = ct_xf_apply(bp, ct_v3(box.box_tri[3 * i], box.box_tri[3 * i + 1], box.box_tri[3 * i + 2]));
        bt[3 * i] = v.x; bt[3 * i + 1] = v.y; bt[3 * i + 2] = v.z;
    }
    ct_col_robot *cr = NULL;
    ct_error err;
    CT_ENSURE(ct_col_robot_create(r, &cr, &err) == CT_OK);
    CT_ENSURE(ct_col_robot_add_shape(cr, "box", &box, bp, &err) == CT_OK);
    const double *qs[2] = {q1, q2};
    for (int k = 0; k < 2; k++) {
        ct_kin_fk(r, qs[k], pose);
        double ref = INFINITY;
        for (int l = 0; l < r->nlink; l++) {
            double *t;
            int n = link_tris(r, pose, l, &t);
            ref = fmin(ref, sets_distance(bt, 12, t, n, 10.0));
            free(t);
        }
        if (k == 0) CT_ENSURE(ref == 0);
        else CT_ENSURE(ref > 0.05);
        ct_col_check_opts o = ct_col_check_default_opts();
        ct_col_check_result res;
        ct_col_robot_check(cr, qs[k], &o, &res);
        CT_ENSURE(res.collide == (k == 0));
        if (k == 0) CT_ENSURE(res.self == 0 && cr->body[res.body].link == l6);
        o.distance = 1;
        o.self = 0;
        ct_col_robot_check(cr, qs[k], &o, &res);
        CT_ENSURE_MSG(fabs(res.distance - ref) <= 1e-6, "%.9g vs %.9g", res.distance, ref);
    }
    ct_col_robot_destroy(cr);
    ct_robot_destroy(r);
    return 0;
}

static int test_self_collision_brute_force(void) {
    ct_robot *r = load_hs220();
    CT_ENSURE(r);
    ct_col_robot *cr = NULL;
    ct_error err;
    CT_ENSURE(ct_col_robot_create(r, &cr, &err) == CT_OK);
    unsigned s = 3;
    int hits = 0, clear = 0;
    enum { N = 160 };
    for (int it = 0; it < N; it++) {
        double q[CT_ROBOT_MAX_DOF];
        random_q(r, &s, q);
        ct_xform pose[CT_ROBOT_MAX_LINKS];
        ct_kin_fk(r, q, pose);
        double ref = 0.2;   /* distances above are capped (d_stop below) */
        for (int p = 0; p < cr->npair && ref > 0; p++) {
            double *ta, *tb;
            int na = link_tris(r, pose, cr->body[cr->pair_a[p]].link, &ta);
            int nb = link_tris(r, pose, cr->body[cr->pair_b[p]].link, &tb);
            ref = fmin(ref, sets_distance(ta, na, tb, nb, ref));
            free(ta);
            free(tb);
        }
        ct_col_check_opts o = ct_col_check_default_opts();
        o.env = 0;
        ct_col_check_result res;
        ct_col_robot_check(cr, q, &o, &res);
        if (ref == 0) CT_ENSURE_MSG(res.collide && res.self == 1, "case %d", it);
        if (ref > 1e-5) CT_ENSURE_MSG(!res.collide, "case %d: %g apart", it, ref);
        o.distance = 1;
        o.d_stop = 0.2;
        ct_col_robot_check(cr, q, &o, &res);
        CT_ENSURE_MSG(fabs(res.distance - ref) <= 1e-6, "case %d: %.9g vs %.9g", it, res.distance, ref);
        hits += ref == 0;
        clear += ref > 0;
    }
    printf("self collision: %d colliding, %d clear of %d\n", hits, clear, N);
    CT_ENSURE(hits >= 3 && clear >= 3);
    ct_col_robot_destroy(cr);
    ct_robot_destroy(r);
    return 0;
}

typedef struct det_ctx {
    const ct_col_robot *cr;
    const double *q;
    int ndof;
    ct_col_check_result *res;
} det_ctx;
static void det_fn(int64_t b, int64_t e, int worker, void *ctx) {
    (void)worker;
    det_ctx *c = (det_ctx *)ctx;
    ct_col_check_opts o = ct_col_check_default_opts();
    o.distance = 1;
    for (int64_t i = b; i < e; i++) ct_col_robot_check(c->cr, c->q + i * c->ndof, &o, &c->res[i]);
}

static int test_thread_count_determinism(void) {
    ct_robot *r = load_hs220();
    CT_ENSURE(r);
    ct_col_robot *cr = NULL;
    ct_error err;
    CT_ENSURE(ct_col_robot_create(r, &cr, &err) == CT_OK);
    ct_col_shape box = ct_col_box(0.6, 0.8, 0.5);
    CT_ENSURE(ct_col_robot_add_shape(cr, "box", &box, ct_xf(ct_m3_identity(), ct_v3(1.6, 0.2, 0.6)), &err) == CT_OK);
    enum { N = 600 };
    double *q = malloc(sizeof(double) * N * (size_t)r->ndof);
    unsigned s = 17;
    for (int i = 0; i < N; i++) random_q(r, &s, q + i * r->ndof);
    ct_col_check_result *res[2];
    for (int t = 0; t < 2; t++) {
        res[t] = calloc(N, sizeof(ct_col_check_result));
        ct_pool *pool = ct_pool_create(t + 1);
        det_ctx c = {cr, q, r->ndof, res[t]};
        ct_pool_for(pool, N, 7, det_fn, &c);
        ct_pool_destroy(pool);
    }
    int hits = 0;
    for (int i = 0; i < N; i++) {
        CT_ENSURE(memcmp(&res[0][i], &res[1][i], sizeof(ct_col_check_result)) == 0);
        hits += res[0][i].collide;
    }
    CT_ENSURE(hits > 0 && hits < N);
    free(res[0]);
    free(res[1]);
    free(q);
    ct_col_robot_destroy(cr);
    ct_robot_destroy(r);
    return 0;
}

/* The kernels compiled as C++ (kernels_cxx.cpp) give bit-identical results to the C build. */
static int test_kernels_compile_as_cxx(void) {
    unsigned s = 1;
    for (int it = 0; it < 200; it++) {
        float t1[9], t2[9], c[6], d2;
        for (int i = 0; i < 9; i++) { t1[i] = (float)urand(&s); t2[i] = (float)(urand(&s) + 0.5 * (it % 3)); }
        int ov = ct_test_kernels_cxx(t1, t2, &d2, c);
        ct_v3f c1, c2;
        float d2c = ct_k_tri_tri(t1, t2, &c1, &c2);
        CT_ENSURE(d2 == d2c && c[0] == c1.x && c[5] == c2.z);
        CT_ENSURE(ov == ct_k_tri_overlap(t1, t2, 1e-6f));
    }
    return 0;
}

CT_TEST_MAIN(CT_TEST(pair_table), CT_TEST(env_sphere_distance_brute_force), CT_TEST(box_hit_and_miss),
             CT_TEST(self_collision_brute_force), CT_TEST(thread_count_determinism), CT_TEST(kernels_compile_as_cxx))
