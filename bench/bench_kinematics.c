/* Kinematics benchmark: forward kinematics of every link (ct_kin_fk) and analytic IK with every
 * solution (ct_ik_solve) on one core, beside MuJoCo's mj_kinematics on the same robot (same URDF,
 * same joint values) when MuJoCo is available. Prints one JSON line per figure:
 *   {"bench":"fk","robot":...,"per_s":...,"unit":"FK/s","peer":"mujoco mj_kinematics","peer_per_s":...}
 * Robots: assets/robots/ct_hs220 and, when ../shared is present, hyundai_hs220_02 and
 * kuka_kr150r3100_2; or the files given with --robot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "celltwin/ik.h"
#include "celltwin/kin.h"
#include "celltwin/robot.h"
#ifdef CT_HAVE_MUJOCO
#include "mujoco_ref.h"
#endif

#define NCONF 1024 /* joint vectors / targets cycled through (fits in L1/L2) */

/* Deterministic joint vectors within limits (continuous joints in [-pi, pi]). */
static void random_configs(const ct_robot *r, double *q) {
    uint64_t s = 0x2545F4914F6CDD1Dull;
    for (int i = 0; i < NCONF; i++)
        for (int k = 0; k < r->ndof; k++) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            double u = (double)(s >> 11) / 9007199254740992.0;
            double lo = r->dof_lower[k] > -1e9 ? r->dof_lower[k] : -CT_PI;
            double hi = r->dof_upper[k] < 1e9 ? r->dof_upper[k] : CT_PI;
            q[i * r->ndof + k] = lo + (hi - lo) * u;
        }
}

/* Runs `step(i)` in batches until `seconds` pass; returns calls per second. */
#define CT_TIMED_LOOP(seconds, calls_out, body)                             \
    do {                                                                    \
        double t0_ = ct_bench_now(), t_ = t0_;                                     \
        long n_ = 0;                                                        \
        while (t_ - t0_ < (seconds)) {                                      \
            for (int i = 0; i < NCONF; i++) { body; }                       \
            n_ += NCONF;                                                    \
            t_ = ct_bench_now();                                                   \
        }                                                                   \
        calls_out = (double)n_ / (t_ - t0_);                                \
    } while (0)

static double bench_fk(const ct_robot *r, const double *q, double seconds, double *sink) {
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    double per_s, acc = 0;
    CT_TIMED_LOOP(seconds, per_s, {
        ct_kin_fk(r, q + i * r->ndof, pose);
        acc += pose[r->nlink - 1].p.x;
    });
    *sink += acc;
    return per_s;
}

/* Batched FK (ct_kin_fk_batch, SIMD lanes) over blocks of configurations. */
static double bench_fk_batch(const ct_robot *r, const double *q, double seconds, double *sink) {
    enum { BLOCK = 64 };
    ct_xform *pose = malloc(sizeof(ct_xform) * BLOCK * (size_t)r->nlink);
    double t0 = ct_bench_now(), t = t0, acc = 0;
    long n = 0;
    while (t - t0 < seconds) {
        for (int b = 0; b + BLOCK <= NCONF; b += BLOCK) {
            ct_kin_fk_batch(r, BLOCK, q + (size_t)b * r->ndof, pose);
            acc += pose[(size_t)BLOCK * r->nlink - 1].p.x;
        }
        n += NCONF / BLOCK * BLOCK;
        t = ct_bench_now();
    }
    *sink += acc;
    free(pose);
    return (double)n / (t - t0);
}

/* IK of the TCP poses of the configurations; reports the mean number of solutions. */
static double bench_ik(const ct_robot *r, const double *q, double seconds, double *mean_sols, int *failures,
                       double *sink) {
    ct_xform *target = malloc(sizeof *target * NCONF);
    for (int i = 0; i < NCONF; i++) target[i] = ct_kin_tcp(r, q + i * r->ndof);
    ct_ik_options opt = ct_ik_default_options();
    ct_ik_solution sols[CT_IK_MAX_SOLUTIONS];
    long total = 0, calls = 0, fails = 0;
    double per_s, acc = 0;
    CT_TIMED_LOOP(seconds, per_s, {
        int ns = 0;
        if (ct_ik_solve(r, target[i], &opt, sols, CT_IK_MAX_SOLUTIONS, &ns, NULL) != CT_OK) fails++;
        total += ns;
        calls++;
        acc += ns > 0 ? sols[0].q[0] : 0;
    });
    *mean_sols = calls ? (double)total / (double)calls : 0;
    *failures = (int)fails;
    *sink += acc;
    free(target);
    return per_s;
}

#ifdef CT_HAVE_MUJOCO
/* mj_kinematics on the same URDF (fixed links kept as bodies) with the same joint values. */
static double bench_mujoco(const ct_robot *r, const char *path, const double *q, double seconds, double *sink) {
    ct_mjref *ref = NULL;
    ct_error err;
    if (ct_mjref_create(r, path, NULL, !r->has_inertials, &ref, &err) != CT_OK) {
        fprintf(stderr, "bench kinematics: MuJoCo cannot load %s: %s\n", path, err.message);
        return 0;
    }
    /* qpos of every configuration, mimic joints included, prepared outside the loop */
    int nq = ref->m->nq;
    double *qpos = malloc(sizeof(double) * (size_t)nq * NCONF), per_s, acc = 0;
    for (int i = 0; i < NCONF; i++) {
        ct_mjref_set_state(ref, r, q + i * r->ndof, NULL, NULL);
        memcpy(qpos + (size_t)i * nq, ref->d->qpos, sizeof(double) * (size_t)nq);
    }
    CT_TIMED_LOOP(seconds, per_s, {
        memcpy(ref->d->qpos, qpos + (size_t)i * nq, sizeof(double) * (size_t)nq);
        mj_kinematics(ref->m, ref->d);
        acc += ref->d->xpos[3 * (ref->m->nbody - 1)];
    });
    *sink += acc;
    free(qpos);
    ct_mjref_destroy(ref);
    return per_s;
}
#endif

static int bench_robot(const char *path, double seconds, const char *machine, double *sink) {
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(path, &def, &r, &err) != CT_OK) {
        char buf[1200];
        ct_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "bench kinematics: %s\n", buf);
        return 1;
    }
    double *q = malloc(sizeof(double) * (size_t)r->ndof * NCONF);
    random_configs(r, q);

    double fk = bench_fk(r, q, seconds, sink);
    printf("{\"bench\":\"fk\",\"robot\":\"%s\",\"links\":%d,\"per_s\":%.0f,\"unit\":\"FK/s\",", r->name, r->nlink, fk);
#ifdef CT_HAVE_MUJOCO
    double peer = bench_mujoco(r, path, q, seconds, sink);
    printf("\"peer\":\"mujoco %s mj_kinematics\",\"peer_per_s\":%.0f,", mj_versionString(), peer);
#else
    printf("\"peer\":null,\"peer_per_s\":null,");
#endif
    printf("\"threads\":1,\"machine\":\"%s\"}\n", machine);
    double fkb = bench_fk_batch(r, q, seconds, sink);
    printf("{\"bench\":\"fk_batch\",\"robot\":\"%s\",\"links\":%d,\"per_s\":%.0f,\"unit\":\"FK/s\","
           "\"note\":\"ct_kin_fk_batch, 4 SIMD lanes, bit-identical to fk\",\"threads\":1,\"machine\":\"%s\"}\n",
           r->name, r->nlink, fkb, machine);

    if (ct_ik_is_analytic(r)) {
        double mean = 0;
        int fails = 0;
        double ik = bench_ik(r, q, seconds, &mean, &fails, sink);
        printf("{\"bench\":\"ik\",\"robot\":\"%s\",\"per_s\":%.0f,\"unit\":\"IK/s\",\"solver\":\"analytic\","
               "\"mean_solutions\":%.2f,\"unreachable\":%d,\"peer\":null,\"threads\":1,\"machine\":\"%s\"}\n",
               r->name, ik, mean, fails, machine);
    } else {
        printf("{\"bench\":\"ik\",\"robot\":\"%s\",\"per_s\":null,\"unit\":\"IK/s\",\"solver\":\"none analytic\"}\n",
               r->name);
    }
    fflush(stdout);
    free(q);
    ct_robot_destroy(r);
    return 0;
}

int ct_bench_kinematics(int argc, char **argv) {
    static const char *const usage = "celltwin bench kinematics [--seconds S] [--robot robot.urdf]...";
    const char *robots[16];
    int nrobot = 0;
    double seconds = 1.0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
            seconds = atof(argv[++i]);
            if (!(seconds > 0 && seconds < 3600)) { fprintf(stderr, "usage: %s\n", usage); return 2; }
        } else if (!strcmp(argv[i], "--robot") && i + 1 < argc && nrobot < 16) {
            robots[nrobot++] = argv[++i];
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: %s\nFK of every link and analytic IK (all solutions) per second on one core,\n"
                   "beside MuJoCo's mj_kinematics on the same robot. One JSON line per figure.\n", usage);
            return 0;
        } else {
            fprintf(stderr, "bench kinematics: unexpected argument '%s'\nusage: %s\n", argv[i], usage);
            return 2;
        }
    }
    if (nrobot == 0) {
        static const char *const defaults[] = {CT_SOURCE_DIR "/assets/robots/ct_hs220/robot.urdf",
                                               CT_SHARED_DIR "/assets/robots/hyundai_hs220_02/robot.urdf",
                                               CT_SHARED_DIR "/assets/robots/kuka_kr150r3100_2/robot.urdf"};
        for (int i = 0; i < 3; i++)
            if (i == 0 || access(defaults[i], R_OK) == 0) robots[nrobot++] = defaults[i];
    }
    char machine[256];
    ct_bench_machine(machine, sizeof machine);
    double sink = 0;
    int fail = 0;
    for (int i = 0; i < nrobot; i++) fail |= bench_robot(robots[i], seconds, machine, &sink);
    if (sink == 1234.5) printf("\n"); /* keeps the results observable */
    return fail ? 2 : 0;
}
