/* `bench verify`: the sample cell (assets/cells/spot_weld) and its programs.
 * 1. Robot configurations checked per second on one core: each robot's full body set (links, tool,
 *    carried parts) against the whole cell (every object and the other robots at their home
 *    poses) and against itself, collide-only, stop at the first hit; configurations sampled
 *    uniformly in time along the robot's planned trajectory.
 * 2. Exact robot-to-environment minimum distances per second on one core, same configurations.
 * 3. Wall time of the certified check of the cell's programs (ct_verify_run, 1 thread and all
 *    threads) beside the conventional sampled check (default 2 mm / 1 deg, --sampled) in the same
 *    run (all threads), with exact distance queries and findings of each, and the collision and
 *    clearance findings each mode misses that the other reports.
 * Allowed-contact pairs of the cell are left out as the verifier leaves them out. Peer figures are
 * quoted from docs/ANCHORS.md (FCL 0.7 measured earlier on this machine, on other scenes; RoboDK as
 * published) and labelled as reference: they are not measured in this run. JSON lines on stdout. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "bench_verify_check.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Process CPU time (user + system, all threads), s. */
static double cpu_now(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + 1e-6 * (double)u.ru_utime.tv_usec + (double)u.ru_stime.tv_sec +
           1e-6 * (double)u.ru_stime.tv_usec;
}

/* Copies s into out with JSON-unsafe characters dropped. */
static const char *json_safe(const char *s, char *out, size_t n) {
    size_t k = 0;
    for (; s && *s && k + 1 < n; s++)
        if (*s != '"' && *s != '\\' && (unsigned char)*s >= 0x20) out[k++] = *s;
    out[k] = 0;
    return out;
}

/* FCL figures of docs/ANCHORS.md for the robot class of a URDF path (0 when none applies). */
typedef struct peer_ref {
    const char *robot;
    double configs_per_s, distances_per_s;
} peer_ref;

static peer_ref peer_for(const char *urdf_path) {
    peer_ref p = {NULL, 0, 0};
    if (urdf_path && (strstr(urdf_path, "hs220") || strstr(urdf_path, "HS220"))) {
        p.robot = "Hyundai HS220 (7,981 triangles)";
        p.configs_per_s = 175000;
        p.distances_per_s = 4100;
    } else if (urdf_path && (strstr(urdf_path, "m1013") || strstr(urdf_path, "M1013"))) {
        p.robot = "Doosan M1013 (102,928 triangles)";
        p.configs_per_s = 78000;
        p.distances_per_s = 800;
    }
    return p;
}

/* Runs the check over the configurations until `seconds` pass (at least one pass of 64 or all);
 * returns checks per second; *done and *hits count checks and colliding (or touching) ones. */
static double run_checks(const bvc_robot *rc, const double *q, int n, int distance, double seconds, int *done,
                         int *hits, double *min_d) {
    int ndof = rc->robot->ndof;
    double t0 = now();
    int i = 0;
    *hits = 0;
    *min_d = INFINITY;
    while (i < n) {
        if (distance) {
            double d = bvc_distance(rc, q + (size_t)i * ndof);
            *hits += d <= 0;
            if (d < *min_d) *min_d = d;
        } else {
            *hits += bvc_collide(rc, q + (size_t)i * ndof);
        }
        i++;
        if ((i & 63) == 0 && now() - t0 > seconds) break;
    }
    *done = i;
    return i / (now() - t0);
}

static int bench_pose_checks(const ct_cell *cell, ct_robot_program *progs, int nconf, double seconds,
                             const char *mach) {
    bvc_cell *bc = NULL;
    ct_error err;
    double t0 = now();
    if (bvc_cell_create(cell, &bc, &err) != CT_OK) {
        fprintf(stderr, "bench verify: %s\n", err.message);
        return 2;
    }
    double build = now() - t0;
    for (int i = 0; i < cell->nrobot; i++) {
        const bvc_robot *rc = &bc->robot[i];
        const ct_robot *r = rc->robot;
        double *q = malloc(sizeof(double) * (size_t)nconf * (size_t)r->ndof);
        if (!q) { bvc_cell_destroy(bc); return 2; }
        double dur = progs[i].traj ? ct_traj_duration(progs[i].traj) : 0;
        /* times in golden-ratio order: any prefix (a run cut short by --seconds) spreads over the
         * whole program */
        for (int k = 0; k < nconf; k++) {
            double *qk = q + (size_t)k * r->ndof;
            double u = fmod(0.5 + k * 0.6180339887498949, 1.0);
            if (progs[i].traj) ct_traj_eval(progs[i].traj, dur * u, qk, NULL);
            else memcpy(qk, rc->home, sizeof(double) * (size_t)r->ndof);
        }
        char name[96], urdf[256], prog[256];
        json_safe(cell->robot[i].name, name, sizeof name);
        json_safe(cell->robot[i].urdf_file, urdf, sizeof urdf);
        json_safe(progs[i].path ? progs[i].path : "(home)", prog, sizeof prog);
        peer_ref pr = peer_for(cell->robot[i].urdf_file);
        char peer[512];
        int done, hits;
        double min_d;
        double rate = run_checks(rc, q, nconf, 0, seconds, &done, &hits, &min_d);
        if (pr.robot)
            snprintf(peer, sizeof peer,
                     "\"peer\":\"FCL 0.7 collide, %s vs 50k-triangle car-body shell, random configs "
                     "(docs/ANCHORS.md; reference, not measured in this run)\",\"peer_value\":%.0f",
                     pr.robot, pr.configs_per_s);
        else
            snprintf(peer, sizeof peer, "\"peer\":null");
        printf("{\"bench\":\"verify\",\"cell\":\"%s\",\"robot\":\"%s\",\"urdf\":\"%s\",\"program\":\"%s\","
               "\"figure\":\"collide_configs_per_s\",\"value\":%.0f,\"unit\":\"1/s\",\"configs\":%d,"
               "\"colliding\":%d,\"robot_triangles\":%d,\"env_triangles\":%d,\"env_shapes\":%d,\"self_pairs\":%d,"
               "\"carried_shapes\":%d,\"build_s\":%.3f,\"threads\":1,%s,\"machine\":\"%s\"}\n",
               cell->name, name, urdf, prog, rate, done, hits, rc->robot_tris, rc->env_tris, rc->nitem,
               rc->cr->npair + rc->nself_carried, rc->ncarried, build, peer, mach);
        rate = run_checks(rc, q, nconf, 1, seconds, &done, &hits, &min_d);
        if (pr.robot)
            snprintf(peer, sizeof peer,
                     "\"peer\":\"FCL 0.7 exact robot-environment min distance, %s vs 50k-triangle car-body "
                     "shell (docs/ANCHORS.md; reference, not measured in this run)\",\"peer_value\":%.0f",
                     pr.robot, pr.distances_per_s);
        printf("{\"bench\":\"verify\",\"cell\":\"%s\",\"robot\":\"%s\",\"urdf\":\"%s\",\"program\":\"%s\","
               "\"figure\":\"env_min_distance_per_s\",\"value\":%.0f,\"unit\":\"1/s\",\"configs\":%d,"
               "\"touching\":%d,\"min_distance_m\":%.6f,\"threads\":1,%s,\"machine\":\"%s\"}\n",
               cell->name, name, urdf, prog, rate, done, hits, min_d, peer, mach);
        fflush(stdout);
        free(q);
    }
    bvc_cell_destroy(bc);
    return 0;
}

/* Collision and clearance findings of `a` whose body pair has no finding of that kind in `b`. */
static int missed_findings(const ct_verify_report *a, const ct_verify_report *b) {
    int missed = 0;
    for (int i = 0; i < a->nfinding; i++) {
        const ct_finding *f = &a->finding[i];
        if (f->kind != CT_FIND_COLLISION && f->kind != CT_FIND_CLEARANCE) continue;
        int seen = 0;
        for (int j = 0; j < b->nfinding && !seen; j++) {
            const ct_finding *g = &b->finding[j];
            seen = g->kind == f->kind && ((!strcmp(f->body_a, g->body_a) && !strcmp(f->body_b, g->body_b)) ||
                                          (!strcmp(f->body_a, g->body_b) && !strcmp(f->body_b, g->body_a)));
        }
        missed += !seen;
    }
    return missed;
}

/* Earliest first-contact time of the collision findings (s), or -1. */
static double first_collision(const ct_verify_report *r) {
    for (int i = 0; i < r->nfinding; i++)
        if (r->finding[i].kind == CT_FIND_COLLISION) return r->finding[i].time;
    return -1;
}

static void print_verify(const ct_cell *cell, const char *mode, int threads, int nthreads, const ct_verify_report *r,
                         double cpu_s, int steps, int missed, const char *mach) {
    int ncol = 0, nclear = 0;
    for (int i = 0; i < r->nfinding; i++) {
        ncol += r->finding[i].kind == CT_FIND_COLLISION;
        nclear += r->finding[i].kind == CT_FIND_CLEARANCE;
    }
    printf("{\"bench\":\"verify\",\"cell\":\"%s\",\"figure\":\"%s_check_wall_s\",\"value\":%.4f,\"unit\":\"s\","
           "\"mode\":\"%s\",\"threads\":%d,\"threads_requested\":%d,\"cpu_s\":%.4f,\"timeline_s\":%.3f,"
           "\"program_steps\":%d,\"steps_per_s\":%.0f,\"body_pairs\":%d,\"distance_queries\":%ld,"
           "\"findings\":%d,\"collisions\":%d,\"clearance_findings\":%d,\"first_collision_s\":%.4f,"
           "\"missed_vs_other_mode\":%d,"
           "\"peer\":\"RoboDK v6 program collision check, ~219 steps/s on an Intel i9-14900KF, sampled "
           "(published; docs/ANCHORS.md; reference, not measured in this run)\",\"peer_value\":219,"
           "\"machine\":\"%s\"}\n",
           cell->name, mode, r->wall_seconds, mode, nthreads, threads, cpu_s, r->duration, steps,
           steps / r->wall_seconds, r->npair, r->distance_queries, r->nfinding, ncol, nclear, first_collision(r),
           missed, mach);
    fflush(stdout);
}

static int bench_certify(const ct_cell *cell, ct_robot_program *progs, int sampled, double samp_mm, double samp_deg,
                         const char *mach) {
    ct_traj **traj = calloc((size_t)cell->nrobot + 1, sizeof *traj);
    if (!traj) return 2;
    int steps = 0;
    for (int i = 0; i < cell->nrobot; i++) {
        traj[i] = progs[i].traj;
        steps += progs[i].traj ? progs[i].run.ncmd : 0;
    }
    int ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (ncpu < 1) ncpu = 1;
    ct_verify_input in = {cell, traj};
    /* certified at 1 thread and all threads, then sampled 2 mm / 1 deg at all threads */
    char samp_mode[64];
    snprintf(samp_mode, sizeof samp_mode, "sampled_%gmm_%gdeg", samp_mm, samp_deg);
    const struct { const char *mode; int threads; int sampled; } runs[3] = {
        {"certified", 1, 0}, {"certified", 0, 0}, {samp_mode, 0, 1}};
    ct_verify_report *rep[3] = {NULL, NULL, NULL};
    double cpu[3] = {0, 0, 0};
    int rc = 0;
    for (int k = 0; k < 3 && rc == 0; k++) {
        if (runs[k].sampled && !sampled) break;
        ct_verify_options o = ct_verify_default_options();
        o.threads = runs[k].threads;
        if (runs[k].sampled) {
            o.sampled_m = samp_mm / 1000;
            o.sampled_rad = samp_deg * M_PI / 180.0;
        }
        ct_error err;
        double c0 = cpu_now();
        if (ct_verify_run(&in, &o, &rep[k], &err) != CT_OK) {
            fprintf(stderr, "bench verify: %s\n", err.message);
            rc = 2;
            break;
        }
        cpu[k] = cpu_now() - c0;
    }
    if (rc == 0) {
        /* each mode's findings that the other misses (body pair and kind) */
        int miss_cert = rep[2] ? missed_findings(rep[2], rep[1]) : -1;
        int miss_samp = rep[2] ? missed_findings(rep[1], rep[2]) : -1;
        print_verify(cell, "certified", 1, 1, rep[0], cpu[0], steps, miss_cert, mach);
        print_verify(cell, "certified", 0, ncpu, rep[1], cpu[1], steps, miss_cert, mach);
        if (rep[2]) print_verify(cell, samp_mode, 0, ncpu, rep[2], cpu[2], steps, miss_samp, mach);
    }
    for (int k = 0; k < 3; k++) ct_verify_report_free(rep[k]);
    free(traj);
    return rc;
}

int ct_bench_verify(int argc, char **argv) {
    double seconds = 2.0;
    int nconf = 20000, sampled = 1;
    double samp_mm = 2, samp_deg = 1;
    const char *cell_path = CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--configs") && i + 1 < argc) nconf = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--cell") && i + 1 < argc) cell_path = argv[++i];
        else if (!strcmp(argv[i], "--no-sampled")) sampled = 0;
        else if (!strcmp(argv[i], "--sampled") && i + 1 < argc) {
            char u1[8], u2[8];
            if (sscanf(argv[++i], "%lf%7[a-z],%lf%7[a-z]", &samp_mm, u1, &samp_deg, u2) != 4 || strcmp(u1, "mm") ||
                strcmp(u2, "deg") || !(samp_mm > 0) || !(samp_deg > 0)) {
                fprintf(stderr, "bench verify: bad --sampled '%s' (expected e.g. 2mm,1deg)\n", argv[i]);
                return 2;
            }
        } else {
            fprintf(stderr, "usage: bench verify [--seconds S] [--configs N] [--cell cell.json] [--sampled 2mm,1deg] "
                            "[--no-sampled]\n");
            return 2;
        }
    }
    if (!(seconds > 0) || nconf <= 0) {
        fprintf(stderr, "bench verify: --seconds and --configs must be positive\n");
        return 2;
    }
    char mach[256];
    ct_bench_machine(mach, sizeof mach);
    ct_error err;
    ct_cell *cell = NULL;
    ct_cell_def cd = ct_cell_default_def();
    if (ct_cell_load(cell_path, &cd, &cell, &err) != CT_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 2;
    }
    ct_robot_program *progs = calloc((size_t)cell->nrobot + 1, sizeof *progs);
    int rc = progs ? 0 : 2;
    for (int i = 0; i < cell->nrobot && rc == 0; i++) {
        if (cell->robot[i].nprogram == 0) continue;
        if (ct_robot_program_load(cell, i, cell->robot[i].program_path[0], NULL, &progs[i], &err) != CT_OK) {
            fprintf(stderr, "%s\n", err.message);
            rc = 2;
        }
    }
    if (rc == 0) rc = bench_pose_checks(cell, progs, nconf, seconds, mach);
    if (rc == 0) rc = bench_certify(cell, progs, sampled, samp_mm, samp_deg, mach);
    for (int i = 0; progs && i < cell->nrobot; i++) ct_robot_program_free(&progs[i]);
    free(progs);
    ct_cell_destroy(cell);
    return rc;
}
