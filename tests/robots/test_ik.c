/* IK tests, always by FK round trip (never the solver against itself): random joint vectors within
 * limits -> TCP pose by ct_kin_tcp -> every IK solution must reproduce the pose (1e-9 m, 1e-9 rad)
 * within limits, and one of them must be the generating vector (mod 2 pi) with its flags.
 * Synthetic URDFs keep the core tests independent of ../shared; the real vendor robots in
 * ../shared/assets/robots and the project's assets/robots are covered when present. */
#include "ct_test.h"

#include <dirent.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "celltwin/ik.h"
#include "celltwin/kin.h"
#include "celltwin/robot.h"

static double urand(unsigned *s) { *s = *s * 1664525u + 1013904223u; return (*s >> 8) / 16777216.0; }

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void random_q(const ct_robot *r, unsigned *s, double *q) {
    for (int d = 0; d < r->ndof; d++) {
        double lo = r->dof_lower[d], hi = r->dof_upper[d];
        if (!isfinite(lo) || !isfinite(hi)) { lo = -CT_PI; hi = CT_PI; }
        q[d] = lo + urand(s) * (hi - lo);
    }
}

static double pose_pos_err(ct_xform a, ct_xform b) { return ct_v3_norm(ct_v3_sub(a.p, b.p)); }

static ct_robot *load(const char *path, const char *tip) {
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    def.tip_frame = tip;
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(path, &def, &r, &err) != CT_OK) {
        char buf[1200];
        ct_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        return NULL;
    }
    return r;
}

static ct_robot *parse(const char *xml) {
    ct_urdf_model *u = NULL;
    ct_error err;
    if (ct_urdf_parse(xml, strlen(xml), "<synthetic>", NULL, &u, &err) != CT_OK) {
        fprintf(stderr, "parse: %s (line %d)\n", err.message, err.line);
        return NULL;
    }
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    ct_robot *r = NULL;
    ct_status st = ct_robot_compile(u, &def, &r, &err);
    ct_urdf_free(u);
    if (st != CT_OK) {
        fprintf(stderr, "compile: %s\n", err.message);
        return NULL;
    }
    return r;
}

/* The analytic round trip described at the top; odd samples use q itself as the seed, which must
 * then come back first and exactly (turn nearest the seed). */
static int analytic_roundtrip(ct_robot *r, int n, unsigned s, const char *label) {
    CT_ENSURE_MSG(ct_ik_is_analytic(r), "%s: expected an analytic solver", label);
    int hist[CT_IK_MAX_SOLUTIONS + 1] = {0};
    double worst_p = 0, worst_r = 0;
    for (int it = 0; it < n; it++) {
        double q[CT_ROBOT_MAX_DOF];
        random_q(r, &s, q);
        ct_xform T = ct_kin_tcp(r, q);
        ct_ik_options o = ct_ik_default_options();
        if (it & 1) o.seed = q;
        ct_ik_solution sol[CT_IK_MAX_SOLUTIONS];
        int ns = 0;
        ct_error err;
        ct_status st = ct_ik_solve(r, T, &o, sol, CT_IK_MAX_SOLUTIONS, &ns, &err);
        CT_ENSURE_MSG(st == CT_OK && ns >= 1, "%s: sample %d: %s", label, it, err.message);
        unsigned want = ct_ik_config_of(r, q);
        int found = -1;
        for (int k = 0; k < ns; k++) {
            ct_xform F = ct_kin_tcp(r, sol[k].q);
            double pe = pose_pos_err(F, T), re = ct_m3_angle_between(F.R, T.R);
            worst_p = fmax(worst_p, pe);
            worst_r = fmax(worst_r, re);
            CT_ENSURE_MSG(pe <= 1e-9 && re <= 1e-9, "%s: sample %d solution %d: error %.3g m %.3g rad", label, it, k,
                          pe, re);
            CT_ENSURE_MSG(ct_robot_within_limits(r, sol[k].q, 1e-9), "%s: sample %d solution %d outside limits",
                          label, it, k);
            CT_ENSURE(sol[k].config == ct_ik_config_of(r, sol[k].q));
            for (int j = 0; j < k; j++) CT_ENSURE(sol[j].config != sol[k].config || ns > 8);
            double dmax = 0;
            for (int d = 0; d < r->ndof; d++) dmax = fmax(dmax, fabs(ct_wrap_pi(sol[k].q[d] - q[d])));
            if (dmax < 1e-7) found = k;
        }
        if (found < 0) {
            fprintf(stderr, "%s: sample %d: generating q not among %d solutions; q =", label, it, ns);
            for (int d = 0; d < r->ndof; d++) fprintf(stderr, " %.9f", q[d]);
            fprintf(stderr, " (flags %u)\n", want);
            for (int k = 0; k < ns; k++) {
                fprintf(stderr, "  sol %d:", k);
                for (int d = 0; d < r->ndof; d++) fprintf(stderr, " %.9f", sol[k].q[d]);
                fprintf(stderr, " (flags %u)\n", sol[k].config);
            }
            return 1;
        }
        CT_ENSURE_MSG(sol[found].config == want, "%s: sample %d: flags %u, config_of %u", label, it,
                      sol[found].config, want);
        if (it & 1) {
            CT_ENSURE_MSG(found == 0, "%s: sample %d: seed solution is #%d", label, it, found);
            for (int d = 0; d < r->ndof; d++) CT_ENSURE_NEAR(sol[0].q[d], q[d], 1e-7);
        }
        hist[ns]++;
    }
    printf("%s: %d poses ok (worst %.1e m, %.1e rad); solutions per pose:", label, n, worst_p, worst_r);
    for (int k = 1; k <= CT_IK_MAX_SOLUTIONS; k++)
        if (hist[k]) printf(" %dx%d", hist[k], k);
    printf("\n");
    return 0;
}

/* Numeric round trip: one solution per pose, FK-verified and within limits. */
static int numeric_roundtrip(ct_robot *r, int n, unsigned s, int force, const char *label) {
    double t0 = now_s();
    for (int it = 0; it < n; it++) {
        double q[CT_ROBOT_MAX_DOF];
        random_q(r, &s, q);
        ct_xform T = ct_kin_tcp(r, q);
        ct_ik_options o = ct_ik_default_options();
        o.force_numeric = force;
        ct_ik_solution sol[2];
        int ns = 0;
        ct_error err;
        ct_status st = ct_ik_solve(r, T, &o, sol, 2, &ns, &err);
        CT_ENSURE_MSG(st == CT_OK && ns >= 1, "%s: sample %d: %s", label, it, err.message);
        ct_xform F = ct_kin_tcp(r, sol[0].q);
        double pe = pose_pos_err(F, T), re = ct_m3_angle_between(F.R, T.R);
        CT_ENSURE_MSG(pe <= 1e-9 && re <= 1e-9, "%s: sample %d: error %.3g m %.3g rad", label, it, pe, re);
        CT_ENSURE(ct_robot_within_limits(r, sol[0].q, 1e-9));
    }
    printf("%s: %d numeric solves ok, %.1f us each\n", label, n, (now_s() - t0) / n * 1e6);
    return 0;
}

/* ---- synthetic robots ----------------------------------------------------------------------- */

#define LIM(lo, hi) "<limit lower=\"" #lo "\" upper=\"" #hi "\" effort=\"0\" velocity=\"1\"/>"
#define JOINT(name, type, parent, child, xyz, rpy, axis, limit)                                     \
    "<joint name=\"" name "\" type=\"" type "\"><parent link=\"" parent "\"/><child link=\"" child \
    "\"/><origin xyz=\"" xyz "\" rpy=\"" rpy "\"/><axis xyz=\"" axis "\"/>" limit "</joint>"

/* KUKA-like 6R with rotated frames, a -z first axis, antiparallel axes 2/3, lateral offsets, a
 * fixed joint mid-chain and wrist limits wider than 2 pi. */
static const char *const synth6 =
    "<robot name=\"synth6\"><link name=\"world\"/><link name=\"base\"/><link name=\"l1\"/><link name=\"l2\"/>"
    "<link name=\"l2b\"/><link name=\"l3\"/><link name=\"l4\"/><link name=\"l5\"/><link name=\"l6\"/>"
    "<link name=\"tool0\"/>"
    JOINT("fix0", "fixed", "world", "base", "0.1 0.2 0.3", "0 0 0.5", "1 0 0", "")
    JOINT("j1", "revolute", "base", "l1", "0 0 0.5", "0 0 0.3", "0 0 -1", LIM(-3, 3))
    JOINT("j2", "revolute", "l1", "l2", "0.25 0.1 0.1", "1.5707963267948966 0 0", "0 0 1", LIM(-2, 2.5))
    JOINT("fix2", "fixed", "l2", "l2b", "0.3 0 0", "0 0 0.1", "1 0 0", "")
    JOINT("j3", "revolute", "l2b", "l3", "0.5 0 -0.05", "0 0 0.2", "0 0 -1", LIM(-2.5, 2.5))
    JOINT("j4", "revolute", "l3", "l4", "0.15 0.7 0", "-1.5707963267948966 0 0", "0 0 1", LIM(-3.5, 3.5))
    JOINT("j5", "revolute", "l4", "l5", "0 0 0.6", "1.5707963267948966 0 0", "0 0 1", LIM(-2.2, 2.2))
    JOINT("j6", "continuous", "l5", "l6", "0 -0.12 0", "1.5707963267948966 0 0", "0 0 1", "")
    JOINT("fix6", "fixed", "l6", "tool0", "0 0 0.05", "0.1 0.2 0.3", "1 0 0", "")
    "</robot>";

/* Upright arm without offsets: at q = 0 the wrist centre is on axis 1, the arm is stretched and
 * the wrist is straight (three singularities at once). */
static const char *const upright6 =
    "<robot name=\"upright6\"><link name=\"base\"/><link name=\"l1\"/><link name=\"l2\"/><link name=\"l3\"/>"
    "<link name=\"l4\"/><link name=\"l5\"/><link name=\"tool0\"/>"
    JOINT("j1", "revolute", "base", "l1", "0 0 0.3", "0 0 0", "0 0 1", LIM(-3, 3))
    JOINT("j2", "revolute", "l1", "l2", "0 0 0.2", "0 0 0", "0 1 0", LIM(-2, 2))
    JOINT("j3", "revolute", "l2", "l3", "0 0 0.6", "0 0 0", "0 1 0", LIM(-2.6, 2.6))
    JOINT("j4", "revolute", "l3", "l4", "0 0 0.5", "0 0 0", "0 0 1", LIM(-3, 3))
    JOINT("j5", "revolute", "l4", "l5", "0 0 0", "0 0 0", "0 1 0", LIM(-2, 2))
    JOINT("j6", "revolute", "l5", "tool0", "0 0 0.1", "0 0 0", "0 0 1", LIM(-6, 6))
    "</robot>";

/* 7-dof redundant arm (numeric). */
static const char *const arm7 =
    "<robot name=\"arm7\"><link name=\"base\"/><link name=\"l1\"/><link name=\"l2\"/><link name=\"l3\"/>"
    "<link name=\"l4\"/><link name=\"l5\"/><link name=\"l6\"/><link name=\"tool0\"/>"
    JOINT("j1", "revolute", "base", "l1", "0 0 0.33", "0 0 0", "0 0 1", LIM(-2.9, 2.9))
    JOINT("j2", "revolute", "l1", "l2", "0 0 0", "0 0 0", "0 1 0", LIM(-1.8, 1.8))
    JOINT("j3", "revolute", "l2", "l3", "0 0 0.32", "0 0 0", "0 0 1", LIM(-2.9, 2.9))
    JOINT("j4", "revolute", "l3", "l4", "0.08 0 0", "0 0 0", "0 -1 0", LIM(-3.0, -0.1))
    JOINT("j5", "revolute", "l4", "l5", "-0.08 0 0.38", "0 0 0", "0 0 1", LIM(-2.9, 2.9))
    JOINT("j6", "revolute", "l5", "l6", "0 0 0", "0 0 0", "0 -1 0", LIM(-0.1, 3.7))
    JOINT("j7", "revolute", "l6", "tool0", "0.09 0 -0.1", "3.141592653589793 0 0", "0 0 1", LIM(-2.9, 2.9))
    "</robot>";

/* Gantry: three prismatic axes and a 3R wrist (numeric, mixed units). */
static const char *const gantry6 =
    "<robot name=\"gantry6\"><link name=\"base\"/><link name=\"x\"/><link name=\"y\"/><link name=\"z\"/>"
    "<link name=\"a\"/><link name=\"b\"/><link name=\"tool0\"/>"
    JOINT("px", "prismatic", "base", "x", "0 0 2", "0 0 0", "1 0 0", LIM(-1.5, 1.5))
    JOINT("py", "prismatic", "x", "y", "0 0 0", "0 0 0", "0 1 0", LIM(-1, 1))
    JOINT("pz", "prismatic", "y", "z", "0 0 0", "0 0 0", "0 0 -1", LIM(0, 1.2))
    JOINT("ra", "revolute", "z", "a", "0 0 -0.2", "0 0 0", "0 0 1", LIM(-3, 3))
    JOINT("rb", "revolute", "a", "b", "0 0 -0.1", "0 0 0", "0 1 0", LIM(-2, 2))
    JOINT("rc", "revolute", "b", "tool0", "0 0 -0.15", "0 0 0", "0 0 1", LIM(-3, 3))
    "</robot>";

static int test_synthetic_analytic(void) {
    ct_robot *r = parse(synth6);
    CT_ENSURE(r);
    int rc = analytic_roundtrip(r, 10000, 11, "synth6");
    /* the same with a tool */
    if (!rc) {
        ct_robot_set_tool(r, ct_xf(ct_m3_from_rpy(0.3, -0.2, 1.0), ct_v3(0.02, -0.03, 0.25)));
        rc = analytic_roundtrip(r, 2000, 12, "synth6+tool");
    }
    ct_robot_destroy(r);
    return rc;
}

static int test_singular_poses(void) {
    ct_robot *r = parse(upright6);
    CT_ENSURE(r);
    CT_ENSURE(ct_ik_is_analytic(r));
    /* q = 0: wrist centre on axis 1, stretched, straight wrist; then each singularity alone */
    const double cases[4][6] = {{0, 0, 0, 0, 0, 0}, {0.3, 0.4, 0, 0.2, 0.7, -0.4}, {0.3, 0.4, 0.9, 0.2, 0, -0.4},
                                {0.5, 0.6, -1.2, 0.1, 0.9, 0.3}};
    for (int c = 0; c < 4; c++) {
        ct_xform T = ct_kin_tcp(r, cases[c]);
        ct_ik_solution sol[CT_IK_MAX_SOLUTIONS];
        int ns = 0;
        ct_error err;
        ct_ik_options o = ct_ik_default_options();
        o.seed = cases[c];
        CT_ENSURE_MSG(ct_ik_solve(r, T, &o, sol, CT_IK_MAX_SOLUTIONS, &ns, &err) == CT_OK, "case %d: %s", c,
                      err.message);
        for (int k = 0; k < ns; k++) {
            ct_xform F = ct_kin_tcp(r, sol[k].q);
            CT_ENSURE_MSG(pose_pos_err(F, T) <= 1e-9 && ct_m3_angle_between(F.R, T.R) <= 1e-9, "case %d sol %d", c, k);
        }
        /* seeded with the generating q, it comes back first */
        for (int d = 0; d < 6; d++) CT_ENSURE_NEAR(sol[0].q[d], cases[c][d], 1e-7);
        printf("singular case %d: %d solutions\n", c, ns);
    }
    ct_robot_destroy(r);
    return 0;
}

static int test_synthetic_numeric(void) {
    ct_robot *a = parse(arm7), *g = parse(gantry6), *s = parse(synth6);
    CT_ENSURE(a && g && s);
    CT_ENSURE(!ct_ik_is_analytic(a) && !ct_ik_is_analytic(g));
    int rc = numeric_roundtrip(a, 300, 21, 0, "arm7");
    if (!rc) rc = numeric_roundtrip(g, 300, 22, 0, "gantry6");
    if (!rc) rc = numeric_roundtrip(s, 300, 23, 1, "synth6 (forced numeric)");
    ct_robot_destroy(a);
    ct_robot_destroy(g);
    ct_robot_destroy(s);
    return rc;
}

static int test_unreachable(void) {
    ct_robot *r = parse(synth6), *a = parse(arm7);
    CT_ENSURE(r && a);
    ct_robot *rs[2] = {r, a};
    for (int k = 0; k < 2; k++) {
        ct_ik_solution sol[CT_IK_MAX_SOLUTIONS];
        int ns = 5;
        ct_error err;
        ct_ik_options o = ct_ik_default_options();
        double t0 = now_s();
        ct_status st = ct_ik_solve(rs[k], ct_xf(ct_m3_identity(), ct_v3(5, 1, 0)), &o, sol, 8, &ns, &err);
        double dt = now_s() - t0;
        CT_ENSURE(st == CT_ERR_UNREACHABLE && ns == 0);
        CT_ENSURE_MSG(strstr(err.message, "from the base") && strstr(err.message, "reach"), "%s", err.message);
        CT_ENSURE_MSG(dt < 1e-3, "took %g s", dt);
        printf("%s: %s\n", rs[k]->name, err.message);
    }
    /* within the reach bound but outside the arm's workspace (analytic): behind the wrist limits */
    {
        ct_ik_solution sol[CT_IK_MAX_SOLUTIONS];
        int ns = 5;
        ct_error err;
        ct_status st = ct_ik_solve(r, ct_xf(ct_m3_identity(), ct_v3(0.1, 0.2, 0.85)), NULL, sol, 8, &ns, &err);
        if (st == CT_OK) {
            for (int k = 0; k < ns; k++) {
                ct_xform F = ct_kin_tcp(r, sol[k].q);
                CT_ENSURE(pose_pos_err(F, ct_xf(ct_m3_identity(), ct_v3(0.1, 0.2, 0.85))) < 1e-9);
            }
        } else {
            CT_ENSURE(st == CT_ERR_UNREACHABLE && ns == 0 && err.message[0]);
            printf("synth6 near base: %s\n", err.message);
        }
    }
    ct_robot_destroy(r);
    ct_robot_destroy(a);
    return 0;
}

/* Rate of the analytic solver (every solution, FK-verified): a figure, not an assertion. */
static int rate_of(ct_robot *r, const char *label) {
    enum { NPOSE = 1024 };
    static ct_xform poses[NPOSE];
    unsigned s = 99;
    for (int i = 0; i < NPOSE; i++) {
        double q[CT_ROBOT_MAX_DOF];
        random_q(r, &s, q);
        poses[i] = ct_kin_tcp(r, q);
    }
    ct_ik_options o = ct_ik_default_options();
    ct_ik_solution sol[CT_IK_MAX_SOLUTIONS];
    long nsol = 0, n = 0;
    ct_error err;
    double t0 = now_s(), dt;
    do {
        for (int i = 0; i < NPOSE; i++) {
            int ns = 0;
            ct_ik_solve(r, poses[i], &o, sol, CT_IK_MAX_SOLUTIONS, &ns, &err);
            nsol += ns;
        }
        n += NPOSE;
        dt = now_s() - t0;
    } while (dt < 0.5);
    printf("analytic IK rate %s: %.3f M solves/s (%.0f ns per pose, %.2f solutions per pose within limits)\n",
           label, n / dt * 1e-6, dt / n * 1e9, (double)nsol / n);
    o.check_limits = 0;
    nsol = 0;
    n = 0;
    t0 = now_s();
    do {
        for (int i = 0; i < NPOSE; i++) {
            int ns = 0;
            ct_ik_solve(r, poses[i], &o, sol, CT_IK_MAX_SOLUTIONS, &ns, &err);
            nsol += ns;
        }
        n += NPOSE;
        dt = now_s() - t0;
    } while (dt < 0.5);
    printf("analytic IK rate %s, limits off: %.3f M solves/s (%.2f solutions per pose)\n", label, n / dt * 1e-6,
           (double)nsol / n);
    return 0;
}

static int test_rate(void) {
    ct_robot *r = parse(synth6);
    CT_ENSURE(r);
    rate_of(r, "synth6");
    ct_robot_destroy(r);
    char path[1024];
    snprintf(path, sizeof path, "%s/assets/robots/kuka_kr150r3100_2/robot.urdf", CT_SHARED_DIR);
    if (access(path, R_OK) == 0) {
        r = load(path, NULL);
        CT_ENSURE(r);
        rate_of(r, "kuka_kr150r3100_2");
        ct_robot_destroy(r);
    }
    return 0;
}

/* ---- real robots ---------------------------------------------------------------------------- */

static int shared_robot(const char *rel, const char *tip, int n) {
    char path[1024];
    snprintf(path, sizeof path, "%s/assets/robots/%s", CT_SHARED_DIR, rel);
    if (access(path, R_OK) != 0) CT_SKIP("%s not found (../shared absent)", path);
    ct_robot *r = load(path, tip);
    CT_ENSURE_MSG(r, "cannot load %s", path);
    int rc = analytic_roundtrip(r, n, 7, rel);
    ct_robot_destroy(r);
    return rc;
}

static int test_doosan_m1013(void) { return shared_robot("doosan_m1013/robot.urdf", NULL, 10000); }
static int test_doosan_h2515(void) { return shared_robot("doosan_h2515/robot.urdf", NULL, 10000); }
static int test_hyundai_hs220(void) { return shared_robot("hyundai_hs220_02/robot.urdf", "flange_face", 10000); }
static int test_hyundai_hh020(void) { return shared_robot("hyundai_hh020/robot.urdf", "flange_face", 10000); }
static int test_hyundai_ha006b(void) { return shared_robot("hyundai_ha006b/robot.urdf", "flange_face", 10000); }
static int test_abb_irb6640(void) { return shared_robot("abb_irb6640_185_280/robot_stl.urdf", NULL, 10000); }
static int test_kuka_kr150(void) { return shared_robot("kuka_kr150r3100_2/robot.urdf", NULL, 10000); }
static int test_kuka_kr6(void) { return shared_robot("kuka_kr6r900sixx/robot_stl.urdf", NULL, 10000); }
static int test_fanuc_r2000(void) { return shared_robot("fanuc_r2000ic165f/robot.urdf", NULL, 10000); }

static int test_ur5e_numeric(void) {
    char path[1024];
    snprintf(path, sizeof path, "%s/assets/robots/ur5e/robot_stl.urdf", CT_SHARED_DIR);
    if (access(path, R_OK) != 0) CT_SKIP("%s not found (../shared absent)", path);
    ct_robot *r = load(path, NULL);
    CT_ENSURE(r);
    CT_ENSURE(!ct_ik_is_analytic(r));
    int rc = numeric_roundtrip(r, 1000, 31, 0, "ur5e");
    if (!rc) { /* far away: unreachable, quickly */
        ct_ik_solution sol[1];
        int ns;
        ct_error err;
        double t0 = now_s();
        ct_status st = ct_ik_solve(r, ct_xf(ct_m3_identity(), ct_v3(3, 0, 0.5)), NULL, sol, 1, &ns, &err);
        CT_ENSURE(st == CT_ERR_UNREACHABLE && ns == 0);
        CT_ENSURE(now_s() - t0 < 1e-3);
        printf("ur5e far: %s\n", err.message);
    }
    ct_robot_destroy(r);
    return rc;
}

/* Every robot the project authored (assets/robots/<name>/robot.urdf). */
static int test_project_assets(void) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/assets/robots", CT_SOURCE_DIR);
    DIR *d = opendir(dir);
    if (!d) CT_SKIP("%s absent", dir);
    struct dirent *e;
    int count = 0, rc = 0;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s/robot.urdf", dir, e->d_name);
        if (access(path, R_OK) != 0) continue;
        ct_robot *r = load(path, NULL);
        CT_ENSURE_MSG(r, "cannot load %s", path);
        rc = ct_ik_is_analytic(r) ? analytic_roundtrip(r, 5000, 41, e->d_name)
                                  : numeric_roundtrip(r, 300, 41, 0, e->d_name);
        ct_robot_destroy(r);
        count++;
    }
    closedir(d);
    if (!rc && count == 0) CT_SKIP("no robot.urdf under %s", dir);
    return rc;
}

CT_TEST_MAIN(CT_TEST(synthetic_analytic), CT_TEST(singular_poses), CT_TEST(synthetic_numeric),
             CT_TEST(unreachable), CT_TEST(rate), CT_TEST(doosan_m1013), CT_TEST(doosan_h2515),
             CT_TEST(hyundai_hs220), CT_TEST(hyundai_hh020), CT_TEST(hyundai_ha006b), CT_TEST(abb_irb6640),
             CT_TEST(kuka_kr150), CT_TEST(kuka_kr6), CT_TEST(fanuc_r2000), CT_TEST(ur5e_numeric),
             CT_TEST(project_assets))
