/* `celltwin report cell.json [--job R=FILE ...] --out DIR [--pdf] [--clearance 10mm] [--date STR]
 * [--no-pictures]`: plays and verifies the cell like `celltwin verify`, then writes the
 * pre-commissioning report folder (report.html, report.json, pictures, report.pdf with --pdf)
 * atomically. Exit 0 PASS, 1 findings or program problems, 2 bad input, no Vulkan or an output
 * that cannot be written (nothing partial is left behind). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "celltwin/report.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"
#include "cli.h"
#include "cli_cell.h"

static const char *const usage =
    "celltwin report <cell.json> [--job ROBOT=FILE ...] --out DIR [--pdf] [--clearance 10mm]\n"
    "                [--date STR] [--no-pictures] [--threads N] [--size 960x600]\n"
    "  --out DIR        report folder (created, or replaced once the new report is complete)\n"
    "  --pdf            also write report.pdf (A4)\n"
    "  --clearance L    clearance threshold for every pair (mm, cm or m; default: the cell's)\n"
    "  --date STR       date printed in the report (default: now, UTC); pin it for reproducible reports\n"
    "  --no-pictures    no offscreen rendering (no Vulkan needed)";

typedef struct report_args {
    const char *cell, *out, *date;
    ct_cli_jobs jobs;
    int pdf, pictures, width, height;
    ct_verify_options vo;
} report_args;

static int parse_args(int argc, char **argv, report_args *a) {
    memset(a, 0, sizeof *a);
    a->pictures = 1;
    a->width = 960;
    a->height = 600;
    a->vo = ct_verify_default_options();
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            printf("usage: %s\n", usage);
            return -1;
        } else if (!strcmp(o, "--out") && has) a->out = argv[++i];
        else if (!strcmp(o, "--date") && has) a->date = argv[++i];
        else if (!strcmp(o, "--pdf")) a->pdf = 1;
        else if (!strcmp(o, "--no-pictures")) a->pictures = 0;
        else if (!strcmp(o, "--clearance") && has) {
            a->vo.clearance = ct_cli_parse_length(argv[++i]);
            if (a->vo.clearance < 0) return ct_cli_usage_error("report", usage, "bad --clearance '%s'", argv[i]);
        } else if (!strcmp(o, "--threads") && has) {
            char *end;
            long t = strtol(argv[++i], &end, 10);
            if (*end || end == argv[i] || t < 0 || t > 1024)
                return ct_cli_usage_error("report", usage, "bad --threads '%s' (0 = all CPUs)", argv[i]);
            a->vo.threads = (int)t;
        } else if (!strcmp(o, "--size") && has) {
            char tail;
            if (sscanf(argv[++i], "%dx%d%c", &a->width, &a->height, &tail) != 2 || a->width < 16 || a->height < 16 ||
                a->width > 8192 || a->height > 8192)
                return ct_cli_usage_error("report", usage, "--size expects WxH in 16..8192 (got '%s')", argv[i]);
        } else if (!strcmp(o, "--job") && has) {
            if (!ct_cli_jobs_add(&a->jobs, argv[++i]))
                return ct_cli_usage_error("report", usage, "--job expects ROBOT=FILE, at most %d of them (got '%s')", CT_CLI_MAX_JOB, argv[i]);
        } else if (o[0] == '-') return ct_cli_usage_error("report", usage, "unknown or incomplete option '%s'", o);
        else if (!a->cell) a->cell = o;
        else return ct_cli_usage_error("report", usage, "unexpected argument '%s'", o);
    }
    if (!a->cell) return ct_cli_usage_error("report", usage, "missing cell file");
    if (!a->out) return ct_cli_usage_error("report", usage, "missing --out DIR");
    return 0;
}

/* The command line as typed (arguments with spaces quoted); --job's '=' is restored. */
static char *command_line(int argc, char **argv, const report_args *a) {
    size_t n = 16;
    for (int i = 0; i < argc; i++) n += strlen(argv[i]) * 2 + 4;
    char *s = ct_alloc(n);
    if (!s) return NULL;
    strcpy(s, "celltwin");
    for (int i = 0; i < argc; i++) {
        char arg[4200];
        snprintf(arg, sizeof arg, "%s", argv[i]);
        for (int j = 0; j < a->jobs.n; j++)
            if (argv[i] == a->jobs.robot[j]) snprintf(arg, sizeof arg, "%s=%s", a->jobs.robot[j], a->jobs.file[j]);
        strcat(s, " ");
        int quote = strpbrk(arg, " \t'\"") != NULL;
        if (quote) strcat(s, "'");
        strncat(s, arg, n - strlen(s) - 3);
        if (quote) strcat(s, "'");
    }
    return s;
}

int ct_cmd_report(int argc, char **argv) {
    report_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? CT_EXIT_OK : rc;

    ct_error err;
    ct_error_clear(&err);
    if (ct_report_check_out(a.out, &err) != CT_OK) { /* fail before the work */
        char msg[1200];
        ct_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "celltwin report: %s\n", msg);
        return CT_EXIT_BAD_INPUT;
    }
    ct_cli_cell cc;
    rc = ct_cli_cell_load(a.cell, &a.jobs, &cc);
    if (rc != CT_EXIT_OK) return rc;
    ct_cell *cell = cc.cell;
    ct_robot_program *progs = cc.prog;
    ct_traj **traj = cc.traj;
    char *cmdline = command_line(argc, argv, &a);
    ct_verify_report *vrep = NULL;
    ct_report *rep = NULL;
    if (!cmdline) {
        fprintf(stderr, "error: out of memory\n");
        rc = CT_EXIT_BAD_INPUT;
    }
    if (rc == CT_EXIT_OK) {
        ct_verify_input in = {cell, traj};
        if (ct_verify_run(&in, &a.vo, &vrep, &err) != CT_OK) rc = ct_cli_report(&err);
    }
    if (rc == CT_EXIT_OK) {
        char now[64];
        if (!a.date) {
            time_t t = time(NULL);
            struct tm tm;
            gmtime_r(&t, &tm);
            strftime(now, sizeof now, "%Y-%m-%d %H:%M UTC", &tm);
        }
        ct_report_input rin = {cell, progs, vrep, &a.vo};
        ct_report_def rd = ct_report_default_def();
        rd.date = a.date ? a.date : now;
        rd.command_line = cmdline;
        rd.pictures = a.pictures;
        rd.picture_width = a.width;
        rd.picture_height = a.height;
        if (ct_report_build(&rin, &rd, &rep, &err) != CT_OK) {
            char msg[1200];
            ct_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "celltwin report: %s\n", msg);
            if (a.pictures) fprintf(stderr, "celltwin report: (--no-pictures writes the report without Vulkan)\n");
            rc = CT_EXIT_BAD_INPUT;
        }
    }
    if (rc == CT_EXIT_OK) {
        ct_report_write_def wd = ct_report_write_default_def();
        wd.out_dir = a.out;
        wd.pdf = a.pdf;
        if (ct_report_write(rep, &wd, &err) != CT_OK) {
            char msg[1200];
            ct_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "celltwin report: %s\n", msg);
            rc = CT_EXIT_BAD_INPUT;
        }
    }
    if (rc == CT_EXIT_OK) {
        printf("report %s: %s, %d finding%s", a.out, rep->verdict, rep->nfinding, rep->nfinding == 1 ? "" : "s");
        for (int k = 0; k < CT_FIND_KIND_COUNT; k++)
            if (rep->count[k]) printf(", %d %s", rep->count[k], ct_finding_kind_name((ct_finding_kind)k));
        if (rep->nproblem) printf(", %d program diagnostics", rep->nproblem);
        printf("\n");
        rc = rep->pass ? CT_EXIT_OK : CT_EXIT_FINDING;
    }
    ct_report_free(rep);
    ct_verify_report_free(vrep);
    ct_free(cmdline);
    ct_cli_cell_free(&cc);
    return rc;
}
