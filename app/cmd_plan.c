/* celltwin plan: plays a jobfile on a robot like its controller (interpreter + planner) and prints
 * the cycle time, the start time of every step (file:line (S<n>)), the motion findings and the
 * interpreter diagnostics; --json for machines. Exit 0 clean, 1 findings, 2 bad input. */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "celltwin/robot.h"
#include "celltwin/verify_program.h"
#include "cli.h"
#include "cli_play.h"

static const char *usage = "celltwin plan <robot.urdf|cell.json> <jobfile> [--robot NAME] [options] [--json]";

static const char *type_name(ct_mcmd_type t) {
    static const char *const n[] = {"PTP", "LIN", "CIRC", "DWELL", "EVENT"};
    return (unsigned)t < 5 ? n[t] : "?";
}

static const char *sev_name(ct_interp_severity s) { return s == CT_INTERP_ERROR ? "error" : s == CT_INTERP_WARNING ? "warning" : "note"; }

static void add_src(cJSON *o, const ct_src_ref *s) {
    cJSON_AddStringToObject(o, "file", s->file ? s->file : "");
    cJSON_AddNumberToObject(o, "line", s->line);
    if (s->step > 0) cJSON_AddNumberToObject(o, "step", s->step);
}

static void print_json(const char *path, const ct_robot *r, const ct_played *p, int findings) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "file", path);
    cJSON_AddStringToObject(root, "robot", r->name ? r->name : "");
    cJSON_AddNumberToObject(root, "cycle_time_s", ct_traj_duration(p->traj));
    cJSON_AddBoolToObject(root, "completed", p->out.completed);
    cJSON_AddNumberToObject(root, "instructions_executed", (double)p->out.steps);
    cJSON_AddNumberToObject(root, "findings", findings);
    cJSON *steps = cJSON_AddArrayToObject(root, "steps");
    for (int i = 0, n = ct_traj_nseg(p->traj); i < n; i++) {
        const ct_traj_seg *s = ct_traj_segment(p->traj, i);
        cJSON *o = cJSON_CreateObject();
        add_src(o, &s->src);
        cJSON_AddStringToObject(o, "type", type_name(s->type));
        const ct_motion_cmd *c = &p->out.cmds[s->cmd];
        if (c->label) cJSON_AddStringToObject(o, "label", c->label);
        cJSON_AddNumberToObject(o, "start_s", s->t0);
        cJSON_AddNumberToObject(o, "end_s", s->t1);
        cJSON_AddItemToArray(steps, o);
    }
    cJSON *mf = cJSON_AddArrayToObject(root, "motion_findings");
    for (int i = 0, n = ct_traj_nfinding(p->traj); i < n; i++) {
        const ct_motion_finding *f = ct_traj_finding(p->traj, i);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", ct_motion_finding_name(f->kind));
        add_src(o, &f->src);
        cJSON_AddNumberToObject(o, "time_s", f->time);
        if (f->joint >= 0) cJSON_AddNumberToObject(o, "joint", f->joint + 1);
        cJSON_AddNumberToObject(o, "value", f->value);
        cJSON_AddNumberToObject(o, "limit", f->limit);
        cJSON_AddStringToObject(o, "message", f->message);
        cJSON_AddItemToArray(mf, o);
    }
    cJSON *dg = cJSON_AddArrayToObject(root, "diagnostics");
    for (int i = 0; i < p->out.ndiag; i++) {
        const ct_interp_diag *d = &p->out.diag[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "severity", sev_name(d->severity));
        cJSON_AddStringToObject(o, "file", d->file ? d->file : "");
        cJSON_AddNumberToObject(o, "line", d->line);
        if (d->step > 0) cJSON_AddNumberToObject(o, "step", d->step);
        cJSON_AddStringToObject(o, "message", d->message);
        cJSON_AddItemToArray(dg, o);
    }
    ct_cli_print_json(root);
}

static void print_text(const char *path, const ct_played *p, int findings) {
    printf("%s: %d commands, cycle time %.3f s%s\n", path, p->out.ncmd, ct_traj_duration(p->traj),
           p->out.completed ? "" : " (execution stopped early, see the errors)");
    printf("step start times:\n");
    char src[300];
    for (int i = 0, n = ct_traj_nseg(p->traj); i < n; i++) {
        const ct_traj_seg *s = ct_traj_segment(p->traj, i);
        const ct_motion_cmd *c = &p->out.cmds[s->cmd];
        ct_play_src(&s->src, src, sizeof src);
        printf("  %9.3f s  %-24s %-5s", s->t0, src, type_name(s->type));
        if (s->type == CT_MCMD_DWELL) printf(" %.3f s", c->dwell);
        if (c->label) printf(" %s", c->label);
        printf("\n");
    }
    int nf = ct_traj_nfinding(p->traj);
    if (nf) printf("motion findings:\n");
    for (int i = 0; i < nf; i++) {
        const ct_motion_finding *f = ct_traj_finding(p->traj, i);
        ct_play_src(&f->src, src, sizeof src);
        printf("  %s: %s at %.3f s: %s\n", src, ct_motion_finding_name(f->kind), f->time, f->message);
    }
    printf("%d finding(s): %d motion, %d interpreter error(s), %d warning(s)\n", findings, nf, p->out.nerrors, p->out.nwarnings);
}

int ct_cmd_plan(int argc, char **argv) {
    const char *robot_path = NULL, *job = NULL, *robot_name = NULL;
    int json = 0;
    ct_play_opts o;
    ct_play_opts_init(&o);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: %s\noptions:\n%s  --json                     machine-readable output\n", usage, ct_play_opts_help);
            ct_play_opts_free(&o);
            return CT_EXIT_OK;
        }
        int r = ct_play_opts_parse(&o, argc, argv, &i, "plan", usage);
        if (r < 0) { ct_play_opts_free(&o); return CT_EXIT_BAD_INPUT; }
        if (r > 0) continue;
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--robot") && i + 1 < argc) robot_name = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) { ct_play_opts_free(&o); return ct_cli_usage_error("plan", usage, "unknown option '%s'", argv[i]); }
        else if (!robot_path) robot_path = argv[i];
        else if (!job) job = argv[i];
        else { ct_play_opts_free(&o); return ct_cli_usage_error("plan", usage, "unexpected argument '%s'", argv[i]); }
    }
    if (!robot_path || !job) { ct_play_opts_free(&o); return ct_cli_usage_error("plan", usage, "needs a robot and a jobfile"); }
    /* a cell gives the robot and the controller settings (tools, frames, accuracy, I/O, home) */
    ct_cell *cell = NULL;
    ct_robot *robot = NULL;
    size_t len = strlen(robot_path);
    if (len > 5 && !strcmp(robot_path + len - 5, ".json")) {
        ct_error err;
        ct_cell_def cd = ct_cell_default_def();
        cd.robot_meshes = CT_MESHES_NONE;
        cd.load_meshes = 0;
        if (ct_cell_load(robot_path, &cd, &cell, &err) != CT_OK) { ct_play_opts_free(&o); return ct_cli_report(&err); }
        int idx = robot_name ? ct_cell_find_robot(cell, robot_name) : 0;
        if (idx < 0 || cell->nrobot == 0) {
            fprintf(stderr, "error: %s: no robot '%s'\n", robot_path, robot_name ? robot_name : "(none)");
            ct_cell_destroy(cell);
            ct_play_opts_free(&o);
            return CT_EXIT_BAD_INPUT;
        }
        ct_program_context from_cell;
        ct_cell_program_context(cell, idx, &from_cell);
        /* keep what the command line said that a cell does not hold */
        from_cell.vars = o.ctx.vars;
        from_cell.config_mode = o.ctx.config_mode;
        from_cell.encoder_scale = o.ctx.encoder_scale;
        from_cell.encoder_offset = o.ctx.encoder_offset;
        from_cell.search_dir = o.ctx.search_dir;
        o.ctx = from_cell;
        if (!o.plan.q_start) o.plan.q_start = o.ctx.q_start;
    } else {
        robot = ct_cli_load_robot(robot_path, NULL, NULL, 0);
        if (!robot) { ct_play_opts_free(&o); return CT_EXIT_BAD_INPUT; }
        o.ctx.robot = robot;
    }
    const ct_robot *played_robot = o.ctx.robot;
    ct_played p;
    int rc = ct_play(job, &o, json, &p);
    if (rc == CT_EXIT_OK) {
        int findings = ct_played_findings(&p);
        if (json) print_json(job, played_robot, &p, findings);
        else print_text(job, &p, findings);
        rc = findings ? CT_EXIT_FINDING : CT_EXIT_OK;
        ct_played_free(&p);
    }
    ct_robot_destroy(robot);
    ct_cell_destroy(cell);
    ct_play_opts_free(&o);
    return rc;
}
