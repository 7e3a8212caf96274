/* Engine core tests: math identities against closed forms, arena bounds, the thread pool's
 * result against a serial sum, and error formatting. */
#include "ct_test.h"

#include <stdlib.h>

#include "celltwin/arena.h"
#include "celltwin/kernels/kmath.h"
#include "celltwin/math.h"
#include "celltwin/pool.h"

static double urand(unsigned *s) { *s = *s * 1664525u + 1013904223u; return (*s >> 8) / 16777216.0; }

static int test_rpy_roundtrip(void) {
    unsigned s = 1;
    for (int i = 0; i < 10000; i++) {
        double r = (urand(&s) * 2 - 1) * CT_PI, p = (urand(&s) * 2 - 1) * (CT_PI / 2 - 1e-3),
               y = (urand(&s) * 2 - 1) * CT_PI;
        ct_mat3 R = ct_m3_from_rpy(r, p, y);
        /* closed form: Rz(y) Ry(p) Rx(r) built from axis-angle products */
        ct_mat3 ref = ct_m3_mul(ct_m3_axis_angle(ct_v3(0, 0, 1), y),
                                ct_m3_mul(ct_m3_axis_angle(ct_v3(0, 1, 0), p), ct_m3_axis_angle(ct_v3(1, 0, 0), r)));
        for (int k = 0; k < 9; k++) CT_ENSURE_NEAR(R.m[k], ref.m[k], 1e-14);
        double r2, p2, y2;
        ct_m3_to_rpy(R, &r2, &p2, &y2);
        CT_ENSURE_NEAR(ct_wrap_pi(r2 - r), 0, 1e-11);
        CT_ENSURE_NEAR(p2, p, 1e-11);
        CT_ENSURE_NEAR(ct_wrap_pi(y2 - y), 0, 1e-11);
    }
    return 0;
}

static int test_quat_roundtrip(void) {
    unsigned s = 2;
    for (int i = 0; i < 10000; i++) {
        ct_vec3 u = ct_v3_normalize(ct_v3(urand(&s) - 0.5, urand(&s) - 0.5, urand(&s) - 0.5));
        double a = urand(&s) * CT_PI;
        ct_mat3 R = ct_m3_axis_angle(u, a);
        ct_quat q = ct_quat_from_m3(R);
        /* closed form: q = (cos a/2, sin a/2 u) */
        CT_ENSURE_NEAR(q.w, cos(a / 2), 1e-12);
        CT_ENSURE_NEAR(q.x, sin(a / 2) * u.x, 1e-12);
        ct_mat3 R2 = ct_m3_from_quat(q);
        for (int k = 0; k < 9; k++) CT_ENSURE_NEAR(R2.m[k], R.m[k], 1e-14);
        CT_ENSURE_NEAR(ct_m3_angle_between(ct_m3_identity(), R), a, 1e-9);
    }
    return 0;
}

static int test_xform_inverse(void) {
    unsigned s = 3;
    for (int i = 0; i < 1000; i++) {
        double v[6] = {urand(&s), urand(&s), urand(&s), urand(&s) * 6, urand(&s) * 3 - 1.5, urand(&s) * 6};
        ct_xform t = ct_xf_from_xyzrpy(v);
        ct_xform id = ct_xf_mul(t, ct_xf_inv(t));
        for (int k = 0; k < 9; k++) CT_ENSURE_NEAR(id.R.m[k], (k % 4 == 0) ? 1.0 : 0.0, 1e-14);
        CT_ENSURE_NEAR(ct_v3_norm(id.p), 0, 1e-14);
        ct_vec3 x = ct_v3(urand(&s), urand(&s), urand(&s));
        ct_vec3 back = ct_xf_apply(ct_xf_inv(t), ct_xf_apply(t, x));
        CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(back, x)), 0, 1e-14);
    }
    return 0;
}

static int test_axis_angle_closed_form(void) {
    /* rotation of (1,0,0) about z by a is (cos a, sin a, 0) */
    for (int i = 0; i < 100; i++) {
        double a = i * 0.1;
        ct_vec3 r = ct_m3_mulv(ct_m3_axis_angle(ct_v3(0, 0, 1), a), ct_v3(1, 0, 0));
        CT_ENSURE_NEAR(r.x, cos(a), 1e-15);
        CT_ENSURE_NEAR(r.y, sin(a), 1e-15);
        CT_ENSURE_NEAR(r.z, 0, 1e-15);
    }
    return 0;
}

/* Float kernel transforms agree with the double host math to float precision. */
static int test_float_kernels_match_double(void) {
    unsigned s = 4;
    for (int i = 0; i < 10000; i++) {
        ct_vec3 u = ct_v3_normalize(ct_v3(urand(&s) - 0.5, urand(&s) - 0.5, urand(&s) - 0.5));
        double a = (urand(&s) * 2 - 1) * CT_PI;
        ct_vec3 x = ct_v3(urand(&s) * 2 - 1, urand(&s) * 2 - 1, urand(&s) * 2 - 1);
        ct_mat3 R = ct_m3_axis_angle(u, a);
        ct_xform t = ct_xf(R, ct_v3(urand(&s), urand(&s), urand(&s)));
        ct_xform tt = ct_xf_mul(t, t);
        ct_vec3 ref = ct_xf_apply(tt, x);
        ct_xff tf;
        tf.R = ct_m3f_axis_angle(ct_v3f_make((float)u.x, (float)u.y, (float)u.z), (float)a);
        tf.p = ct_v3f_make((float)t.p.x, (float)t.p.y, (float)t.p.z);
        ct_v3f got = ct_xff_apply(ct_xff_mul(tf, tf), ct_v3f_make((float)x.x, (float)x.y, (float)x.z));
        CT_ENSURE_NEAR(got.x, ref.x, 2e-6);
        CT_ENSURE_NEAR(got.y, ref.y, 2e-6);
        CT_ENSURE_NEAR(got.z, ref.z, 2e-6);
    }
    return 0;
}

/* ct_sincos against libm over the range kinematics uses and far beyond. */
static int test_sincos_accuracy(void) {
    unsigned s = 5;
    for (int i = 0; i < 2000000; i++) {
        double x = (urand(&s) - 0.5) * (i % 2 ? 40.0 : 2e5), sn, cs;
        ct_sincos(x, &sn, &cs);
        CT_ENSURE_NEAR(sn, sin(x), 4.5e-16);
        CT_ENSURE_NEAR(cs, cos(x), 4.5e-16);
    }
    double sn, cs;
    ct_sincos(1e9, &sn, &cs); /* beyond the reduction range: libm */
    CT_ENSURE(sn == sin(1e9) && cs == cos(1e9));
    return 0;
}

static int test_arena_bounds(void) {
    ct_arena a;
    CT_ENSURE(ct_arena_init(&a, 1000) == CT_OK);
    char *p = CT_ARENA_ALLOC(&a, 100, char);
    CT_ENSURE(p && ((uintptr_t)p % 32) == 0);
    size_t m = ct_arena_mark(&a);
    CT_ENSURE(ct_arena_alloc(&a, 2000) == NULL);  /* does not fit: NULL, not growth */
    CT_ENSURE(ct_arena_alloc(&a, 800) != NULL);
    ct_arena_release(&a, m);
    CT_ENSURE(a.used == m && a.high_water >= 900);
    ct_arena_destroy(&a);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

typedef struct { const double *x; double *partial; } sum_ctx;
static void sum_fn(int64_t b, int64_t e, int worker, void *ctx) {
    (void)worker;
    sum_ctx *c = ctx;
    for (int64_t i = b; i < e; i++) c->partial[i] = c->x[i] * c->x[i];
}

static int test_pool_sum(void) {
    enum { N = 100000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    for (int i = 0; i < N; i++) x[i] = i * 0.5;
    for (int threads = 1; threads <= 4; threads++) {
        ct_pool *pool = ct_pool_create(threads);
        CT_ENSURE(pool && ct_pool_threads(pool) == threads);
        for (int rep = 0; rep < 20; rep++) {
            memset(y, 0, N * sizeof *y);
            sum_ctx c = {x, y};
            ct_pool_for(pool, N, 0, sum_fn, &c);
            for (int i = 0; i < N; i += 997) CT_ENSURE(y[i] == x[i] * x[i]);
            CT_ENSURE(y[N - 1] == x[N - 1] * x[N - 1]);
        }
        ct_pool_destroy(pool);
    }
    free(x);
    free(y);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

static int test_error_format(void) {
    ct_error e;
    ct_error_clear(&e);
    CT_ENSURE(e.code == CT_OK);
    CT_ENSURE(ct_error_set(&e, CT_ERR_PARSE, "a.urdf", 12, 5, "bad %s", "thing") == CT_ERR_PARSE);
    char buf[256];
    ct_error_format(&e, buf, sizeof buf);
    CT_ENSURE_MSG(strcmp(buf, "a.urdf:12:5: error: bad thing") == 0, "%s", buf);
    CT_ENSURE(strcmp(ct_status_name(CT_ERR_PARSE), "CT_ERR_PARSE") == 0);
    return 0;
}

CT_TEST_MAIN(CT_TEST(float_kernels_match_double), CT_TEST(sincos_accuracy), CT_TEST(rpy_roundtrip), CT_TEST(quat_roundtrip), CT_TEST(xform_inverse),
             CT_TEST(axis_angle_closed_form), CT_TEST(arena_bounds), CT_TEST(pool_sum), CT_TEST(error_format))
