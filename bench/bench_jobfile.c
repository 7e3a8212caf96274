/* `bench jobfile`: jobfile throughput on one core, on generated Hyundai Hi5 programs for ct_hs220.
 *   job_parse: parse throughput (lines/s) of a large program (--lines, default 200000);
 *   job_play:  interpreter + planner throughput, in planned program seconds per wall second, and
 *              the wall time to play a program whose cycle time is at least 10 minutes.
 * The program mixes PTP and LIN moves (joint targets within the limits, accuracy blends), outputs
 * and delays. Prints one JSON line per figure; no peer library exists for this work. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_jobfile.h"
#include "bench.h"
#include "celltwin/interp.h"
#include "celltwin/jobfile.h"
#include "celltwin/motion.h"
#include "celltwin/robot.h"

/* Generates a Hi5 program of about `lines` lines (heap, NUL-terminated); *nmotion gets the moves. */
static char *generate(long lines, long *nmotion) {
    size_t cap = (size_t)lines * 96 + 256;
    char *t = malloc(cap);
    if (!t) return NULL;
    size_t n = (size_t)snprintf(t, cap, "Program File Format Version : 1.6  MechType: 458(HA006B-01)  TotalAxis: 6  AuxAxis: 0\r\n");
    long l = 1, m = 0;
    uint64_t s = 0x9E3779B97F4A7C15ull;
    while (l + 4 < lines) {
        double q[6];
        for (int k = 0; k < 6; k++) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            double u = (double)(s >> 11) / 9007199254740992.0;
            static const double lo[6] = {-60, 60, -10, -90, -80, -90}, hi[6] = {60, 110, 40, 90, -20, 90};
            q[k] = lo[k] + (hi[k] - lo[k]) * u;
        }
        int lin = (m % 3) == 2;
        n += (size_t)snprintf(t + n, cap - n, "S%-4ld MOVE %c,S=%s,A=%d,T=0  (%.3f,%.3f,%.3f,%.3f,%.3f,%.3f)A\r\n", (m % 999) + 1,
                              lin ? 'L' : 'P', lin ? "800mm/sec" : "70%", (int)(m % 4), q[0], q[1], q[2], q[3], q[4], q[5]);
        m++;
        l++;
        if (m % 4 == 0) {
            n += (size_t)snprintf(t + n, cap - n, "     DO20=%d\r\n     DELAY 0.05\r\n", (int)(m / 4 % 2));
            l += 2;
        }
    }
    n += (size_t)snprintf(t + n, cap - n, "     END\r\n");
    *nmotion = m;
    return t;
}

/* Interprets and plans; returns the cycle time (s) or -1. */
static double play(const ct_robot *r, const ct_job_program *p, long max_steps) {
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ctx.max_steps = max_steps;
    ct_interp_output o;
    ct_error err;
    if (ct_interp_run(p, &ctx, &o, &err) != CT_OK) return -1;
    ct_plan_options opt = ct_plan_default_options();
    ct_traj *tr = NULL;
    double d = -1;
    if (ct_traj_plan(r, o.cmds, o.ncmd, &opt, &tr, &err) == CT_OK) d = ct_traj_duration(tr);
    else fprintf(stderr, "bench jobfile: plan: %s\n", err.message);
    ct_traj_destroy(tr);
    ct_interp_output_free(&o);
    return d;
}

static ct_job_program *parse(const char *text, ct_error *err) {
    ct_job_parse_def def = ct_job_parse_default_def();
    def.file_name = "bench.JOB";
    ct_job_program *p = NULL;
    if (ct_job_parse(text, strlen(text), &def, &p, err) != CT_OK) return NULL;
    return p;
}

int ct_bench_jobfile(int argc, char **argv) {
    static const char *const usage = "celltwin bench jobfile [--seconds S] [--lines N]";
    double seconds = 1.0;
    long lines = 200000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--lines") && i + 1 < argc) lines = atol(argv[++i]);
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: %s\nparse throughput (lines/s) and play throughput (program s per wall s, time to play a\n"
                   "10-minute program) on generated Hi5 programs, one core\n", usage);
            return 0;
        } else {
            fprintf(stderr, "usage: %s\n", usage);
            return 2;
        }
    }
    if (!(seconds > 0 && seconds < 3600) || lines < 100 || lines > 10000000) {
        fprintf(stderr, "usage: %s\n", usage);
        return 2;
    }
    char mach[256], path[1024];
    ct_bench_machine(mach, sizeof mach);
    snprintf(path, sizeof path, "%s/assets/robots/ct_hs220/robot.urdf", CT_SOURCE_DIR);
    ct_robot_def rd = ct_robot_default_def();
    rd.meshes = CT_MESHES_NONE;
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(path, &rd, &r, &err) != CT_OK) {
        fprintf(stderr, "bench jobfile: %s: %s\n", path, err.message);
        return 2;
    }
    long nm;
    char *text = generate(lines, &nm);
    if (!text) { ct_robot_destroy(r); return 2; }
    /* parse throughput */
    double t0 = ct_bench_now(), t = t0;
    long parsed = 0;
    while (t - t0 < seconds || parsed == 0) {
        ct_job_program *p = parse(text, &err);
        if (!p) { fprintf(stderr, "bench jobfile: %s\n", err.message); free(text); ct_robot_destroy(r); return 2; }
        ct_job_program_free(p);
        parsed += lines;
        t = ct_bench_now();
    }
    printf("{\"bench\":\"job_parse\",\"format\":\"hi5\",\"lines\":%ld,\"per_s\":%.0f,\"unit\":\"lines/s\",\"peer\":null,"
           "\"threads\":1,\"machine\":\"%s\"}\n", lines, (double)parsed / (t - t0), mach);
    free(text);
    /* play throughput on a 2000-motion program, then a >= 10-minute program */
    text = generate(2600, &nm);
    ct_job_program *p = text ? parse(text, &err) : NULL;
    free(text);
    if (!p) { ct_robot_destroy(r); return 2; }
    double prog_s = 0, wall = 0;
    t0 = ct_bench_now();
    while (wall < seconds || prog_s == 0) {
        double d = play(r, p, 100000000);
        if (d < 0) { ct_job_program_free(p); ct_robot_destroy(r); return 2; }
        prog_s += d;
        wall = ct_bench_now() - t0;
    }
    ct_job_program_free(p);
    double per_motion = 0;
    {
        text = generate(2600, &nm);
        p = parse(text, &err);
        free(text);
        per_motion = play(r, p, 100000000) / (double)nm;
        ct_job_program_free(p);
    }
    printf("{\"bench\":\"job_play\",\"robot\":\"%s\",\"motions\":%ld,\"per_s\":%.1f,\"unit\":\"program s per wall s\","
           "\"peer\":null,\"threads\":1,\"machine\":\"%s\"}\n", r->name, nm, prog_s / wall, mach);
    long need = (long)(600.0 / per_motion * 1.3 * 1.25) + 100; /* lines for >= 600 s of motion */
    text = generate(need, &nm);
    p = text ? parse(text, &err) : NULL;
    free(text);
    if (!p) { ct_robot_destroy(r); return 2; }
    t0 = ct_bench_now();
    double d = play(r, p, 100000000);
    double w = ct_bench_now() - t0;
    printf("{\"bench\":\"job_play_10min\",\"robot\":\"%s\",\"motions\":%ld,\"cycle_time_s\":%.1f,\"wall_s\":%.3f,"
           "\"unit\":\"s\",\"peer\":null,\"threads\":1,\"machine\":\"%s\"}\n", r->name, nm, d, w, mach);
    ct_job_program_free(p);
    ct_robot_destroy(r);
    return d >= 600 ? 0 : 1;
}
