/* `celltwin verify <cell.json>`: plays every robot's program in the cell on a common timeline and
 * proves it collision-free (certified conservative advancement) or reports each finding with the
 * program step; also limits, speeds, unreachable targets, configuration changes, singularities and
 * torques. Prints a summary, writes JSON on request (atomically). Exit 0 clean, 1 findings,
 * 2 bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "celltwin/jobfile.h"
#include "celltwin/math.h"
#include "celltwin/verify.h"
#include "celltwin/verify_json.h"
#include "celltwin/verify_program.h"
#include "cli.h"
#include "cli_cell.h"

static const char *const usage =
    "celltwin verify <cell.json> [--job ROBOT=FILE ...] [--clearance 10mm] [--threads N] [--json FILE]\n"
    "                [--sampled 2mm,1deg] [--no-self] [--quiet]";

static void print_src(FILE *f, const ct_src_ref *s) {
    if (!s->file) return;
    const char *base = strrchr(s->file, '/');
    fprintf(f, "%s:%d", base ? base + 1 : s->file, s->line);
    if (s->step >= 0) fprintf(f, " (S%d)", s->step);
}

static int write_json(const char *path, const ct_cell *cell, ct_robot_program *progs, const ct_verify_report *rep,
                      int sampled) {
    cJSON *root = ct_verify_report_json(cell, progs, rep, sampled);
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    ct_error err;
    ct_status st = text ? ct_job_write_atomic(path, text, strlen(text), &err) : CT_ERR_NO_MEMORY;
    cJSON_free(text);
    if (st != CT_OK) {
        fprintf(stderr, "error: cannot write %s\n", path);
        return 0;
    }
    return 1;
}

/* Progress bar on stderr for runs longer than a second (terminals only). */
typedef struct progress_state {
    struct timespec start;
    int shown;
    int robots;
    double timeline;
} progress_state;

static double seconds_since(const struct timespec *t0) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

static void show_progress(int done, int npair, int findings, void *user) {
    progress_state *ps = user;
    double el = seconds_since(&ps->start);
    if (el < 1.0 && !ps->shown) return;
    ps->shown = 1;
    int width = 30, fill = npair > 0 ? (int)((double)width * done / npair) : width;
    char bar[64];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '#' : '.';
    bar[width] = 0;
    fprintf(stderr, "\rverify [%s] %d/%d pairs, %d programs, %.1f s simulated, %d findings, %.1f s", bar, done, npair,
            ps->robots, ps->timeline, findings, el);
    fflush(stderr);
}

int ct_cmd_verify(int argc, char **argv) {
    const char *cell_path = NULL, *json_path = NULL;
    ct_cli_jobs jobs = {0};
    int quiet = 0;
    ct_verify_options vo = ct_verify_default_options();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json") && i + 1 < argc) json_path = argv[++i];
        else if (!strcmp(a, "--quiet")) quiet = 1;
        else if (!strcmp(a, "--no-self")) vo.self_collision = 0;
        else if (!strcmp(a, "--threads") && i + 1 < argc) {
            char *end;
            long t = strtol(argv[++i], &end, 10);
            if (*end || end == argv[i] || t < 0 || t > 1024)
                return ct_cli_usage_error("verify", usage, "bad --threads '%s' (0 = all CPUs, at most 1024)", argv[i]);
            vo.threads = (int)t;
        }
        else if (!strcmp(a, "--clearance") && i + 1 < argc) {
            vo.clearance = ct_cli_parse_length(argv[++i]);
            if (vo.clearance < 0) return ct_cli_usage_error("verify", usage, "bad --clearance '%s'", argv[i]);
        } else if (!strcmp(a, "--sampled") && i + 1 < argc) {
            /* "2mm,1deg": the largest tip motion and joint motion between two samples */
            double mm, deg;
            char unit1[8], unit2[8];
            if (sscanf(argv[++i], "%lf%7[a-z],%lf%7[a-z]", &mm, unit1, &deg, unit2) != 4 || strcmp(unit1, "mm") ||
                strcmp(unit2, "deg") || !(mm > 0) || !(deg > 0))
                return ct_cli_usage_error("verify", usage, "bad --sampled '%s' (expected e.g. 2mm,1deg)", argv[i]);
            vo.sampled_m = mm / 1000;
            vo.sampled_rad = deg * CT_DEG;
        } else if (!strcmp(a, "--job") && i + 1 < argc) {
            if (!ct_cli_jobs_add(&jobs, argv[++i]))
                return ct_cli_usage_error("verify", usage, "--job expects ROBOT=FILE, at most %d of them (got '%s')", CT_CLI_MAX_JOB, argv[i]);
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("usage: %s\n", usage);
            return CT_EXIT_OK;
        } else if (a[0] == '-') return ct_cli_usage_error("verify", usage, "unknown option '%s'", a);
        else if (!cell_path) cell_path = a;
        else return ct_cli_usage_error("verify", usage, "unexpected argument '%s'", a);
    }
    if (!cell_path) return ct_cli_usage_error("verify", usage, "missing cell file");

    ct_cli_cell cc;
    int rc = ct_cli_cell_load(cell_path, &jobs, &cc);
    if (rc != CT_EXIT_OK) return rc;
    ct_cell *cell = cc.cell;
    ct_robot_program *progs = cc.prog;
    ct_traj **traj = cc.traj;
    ct_error err;
    ct_error_clear(&err);
    int program_problems = 0;
    for (int i = 0; i < cell->nrobot; i++) {
        if (!traj[i]) continue;
        for (int d = 0; d < progs[i].program->ndiag; d++) {
            ct_job_diag_print(progs[i].program, d, stderr);
            program_problems++;
        }
        for (int d = 0; d < progs[i].run.ndiag; d++) {
            ct_interp_diag_print(&progs[i].run.diag[d], stderr);
            program_problems += progs[i].run.diag[d].severity >= CT_INTERP_WARNING;
        }
    }

    ct_verify_report *rep = NULL;
    if (rc == CT_EXIT_OK) {
        ct_verify_input in = {cell, traj};
        progress_state ps;
        memset(&ps, 0, sizeof ps);
        clock_gettime(CLOCK_MONOTONIC, &ps.start);
        for (int i = 0; i < cell->nrobot; i++)
            if (traj[i]) {
                ps.robots++;
                if (ct_traj_duration(traj[i]) > ps.timeline) ps.timeline = ct_traj_duration(traj[i]);
            }
        if (!quiet && isatty(2)) {
            vo.progress = show_progress;
            vo.progress_user = &ps;
        }
        if (ct_verify_run(&in, &vo, &rep, &err) != CT_OK) rc = ct_cli_report(&err);
        if (ps.shown) fprintf(stderr, "\n");
    }
    if (rc == CT_EXIT_OK) {
        printf("cell %s: %s\n", cell->name, rep->nfinding || program_problems ? "FINDINGS" : "CLEAN");
        for (int i = 0; i < cell->nrobot; i++)
            if (progs[i].traj)
                printf("  %-12s %s: cycle time %.2f s, %d steps planned\n", cell->robot[i].name, progs[i].path,
                       ct_traj_duration(progs[i].traj), progs[i].run.ncmd);
        printf("  %s: %d body pairs (%d excluded), %ld exact distance queries, %.2f s\n",
               vo.sampled_m > 0 ? "sampled check" : "certified check", rep->npair, rep->nexcluded,
               rep->distance_queries, rep->wall_seconds);
        for (int k = 0; k < rep->nfinding; k++) {
            const ct_finding *f = &rep->finding[k];
            printf("  %8.3f s  %-13s ", f->time, ct_finding_kind_name(f->kind));
            print_src(stdout, &f->src);
            printf("  %s", f->message);
            if (f->kind == CT_FIND_CLEARANCE) printf(" (minimum %.1f mm)", f->min_distance * 1000);
            printf("\n");
        }
        if (rep->nclosest) printf("  closest approaches without findings:\n");
        for (int k = 0; k < rep->nclosest && k < 10; k++) {
            const ct_closest_approach *a = &rep->closest[k];
            printf("  %8.3f s  %6.1f mm     ", a->time, a->distance * 1000);
            print_src(stdout, &a->src);
            printf("  %s - %s\n", a->body_a, a->body_b);
        }
        if (program_problems) printf("  %d program diagnostics (see above)\n", program_problems);
        if (json_path && !write_json(json_path, cell, progs, rep, vo.sampled_m > 0)) rc = CT_EXIT_BAD_INPUT;
        else if (rep->nfinding || program_problems) rc = CT_EXIT_FINDING;
    }
    ct_verify_report_free(rep);
    ct_cli_cell_free(&cc);
    return rc;
}
