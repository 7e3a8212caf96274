/* Shared by `celltwin plan` and `celltwin diff`: context options and playing one program
 * (parse -> interpret -> plan), see cli_play.h. Units at this edge: mm, deg, seconds. */
#include "cli_play.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const ct_play_opts_help =
    "  --tool N=x,y,z,rx,ry,rz    tool N (0..31): TCP in the flange frame (mm, deg, R = Rz Ry Rx)\n"
    "  --uframe N=x,y,z,rx,ry,rz  user frame N (1..100; Doosan ref 100+N) in the robot base frame\n"
    "  --tcp NAME=x,y,z,rx,ry,rz  Doosan TCP selected by set_tcp(\"NAME\")\n"
    "  --vars FILE                variables defined outside the program (JSON, see docs)\n"
    "  --accuracy a0,...,a7       Hyundai accuracy level -> blend distance (mm); default 0,10,25,50,100,200,400,800\n"
    "  --di N=wait_s[,value]      I/O model: WAIT DI N takes wait_s (-1: never), IF reads value; default 0 s, 0\n"
    "  --lin-max MM_S             TCP speed of LIN S=100% (mm/s); default 2000\n"
    "  --config any|vendor        use vendor configuration words (INFERRED mappings) or not; default any\n"
    "  --max-steps N              instruction budget (endless loops); default 1000000\n"
    "  --dt S                     planner IPO tick (s); default 0.004\n"
    "  --override F               speed override (0..1]; default 1\n";

void ct_play_opts_init(ct_play_opts *o) {
    memset(o, 0, sizeof *o);
    o->ctx = ct_program_default_context();
    o->plan = ct_plan_default_options();
    o->ctx.cart_accel = o->plan.cart_accel;
}

void ct_play_opts_free(ct_play_opts *o) {
    ct_interp_vars_free(o->vars);
    o->vars = NULL;
}

/* "N=x,y,z,rx,ry,rz" -> index and transform (mm/deg -> m/rad). */
static int parse_frame(const char *text, const char *what, char *name, size_t name_n, ct_xform *x) {
    const char *eq = strchr(text, '=');
    if (!eq || eq == text || (size_t)(eq - text) >= name_n) {
        fprintf(stderr, "error: %s: expected NAME=x,y,z,rx,ry,rz, got '%s'\n", what, text);
        return 0;
    }
    memcpy(name, text, (size_t)(eq - text));
    name[eq - text] = 0;
    double v[6];
    int n = ct_cli_parse_list(what, eq + 1, v, 6);
    if (n < 0) return 0;
    if (n != 6) {
        fprintf(stderr, "error: %s: expected 6 values x,y,z,rx,ry,rz (mm, deg), got %d\n", what, n);
        return 0;
    }
    double s[6] = {v[0] * 1e-3, v[1] * 1e-3, v[2] * 1e-3, v[3] * CT_DEG, v[4] * CT_DEG, v[5] * CT_DEG};
    *x = ct_xf_from_xyzrpy(s);
    return 1;
}

static int parse_index(const char *name, const char *what, int lo, int hi, int *out) {
    char *end;
    long v = strtol(name, &end, 10);
    if (*end || end == name || v < lo || v > hi) {
        fprintf(stderr, "error: %s: number '%s' outside %d..%d\n", what, name, lo, hi);
        return 0;
    }
    *out = (int)v;
    return 1;
}

int ct_play_opts_parse(ct_play_opts *o, int argc, char **argv, int *i, const char *cmd, const char *usage) {
    const char *a = argv[*i];
    static const char *const with_value[] = {"--tool", "--uframe", "--tcp", "--vars", "--accuracy", "--di", "--lin-max",
                                             "--config", "--max-steps", "--dt", "--override", NULL};
    int known = 0;
    for (int k = 0; with_value[k]; k++) known |= !strcmp(a, with_value[k]);
    if (!known) return 0;
    if (*i + 1 >= argc) return ct_cli_usage_error(cmd, usage, "%s needs a value", a), -1;
    const char *v = argv[++*i];
    char name[64];
    ct_xform x;
    int idx;
    double d[8];
    if (!strcmp(a, "--tool")) {
        if (!parse_frame(v, "--tool", name, sizeof name, &x) || !parse_index(name, "--tool", 0, CT_INTERP_MAX_TOOLS - 1, &idx)) return -1;
        o->ctx.tool[idx] = x;
        o->ctx.tool_defined[idx] = 1;
    } else if (!strcmp(a, "--uframe")) {
        if (!parse_frame(v, "--uframe", name, sizeof name, &x) || !parse_index(name, "--uframe", 1, CT_INTERP_MAX_UFRAMES - 1, &idx)) return -1;
        o->ctx.uframe[idx] = x;
        o->ctx.uframe_defined[idx] = 1;
    } else if (!strcmp(a, "--tcp")) {
        if (!parse_frame(v, "--tcp", name, sizeof name, &x)) return -1;
        if (o->ctx.nnamed_tcp >= CT_INTERP_MAX_NAMED) return ct_cli_usage_error(cmd, usage, "more than %d --tcp", CT_INTERP_MAX_NAMED), -1;
        snprintf(o->tcp_names[o->ctx.nnamed_tcp], sizeof o->tcp_names[0], "%s", name);
        o->ctx.named_tcp[o->ctx.nnamed_tcp].name = o->tcp_names[o->ctx.nnamed_tcp];
        o->ctx.named_tcp[o->ctx.nnamed_tcp++].tcp = x;
    } else if (!strcmp(a, "--vars")) {
        ct_error err;
        ct_interp_vars_free(o->vars);
        o->vars = NULL;
        if (ct_interp_vars_load(v, &o->vars, &err) != CT_OK) { ct_cli_report(&err); return -1; }
        o->ctx.vars = o->vars;
    } else if (!strcmp(a, "--accuracy")) {
        int n = ct_cli_parse_list("--accuracy", v, d, 8);
        if (n != 8) { if (n >= 0) fprintf(stderr, "error: --accuracy needs 8 values (mm)\n"); return -1; }
        for (int k = 0; k < 8; k++) {
            if (d[k] < 0) { fprintf(stderr, "error: --accuracy: negative distance\n"); return -1; }
            o->ctx.accuracy_blend[k] = d[k] * 1e-3;
        }
    } else if (!strcmp(a, "--di")) {
        const char *eq = strchr(v, '=');
        if (!eq) return ct_cli_usage_error(cmd, usage, "--di expects N=wait_s[,value]"), -1;
        snprintf(name, sizeof name, "%.*s", (int)(eq - v < 60 ? eq - v : 60), v);
        int n = ct_cli_parse_list("--di", eq + 1, d, 2);
        if (n < 1 || !parse_index(name, "--di", 0, 1000000, &idx)) return -1;
        if (o->ctx.nsignals >= CT_INTERP_MAX_SIGNALS) return ct_cli_usage_error(cmd, usage, "more than %d --di", CT_INTERP_MAX_SIGNALS), -1;
        o->ctx.signals[o->ctx.nsignals++] = (ct_interp_signal){idx, n > 1 ? d[1] : 0, d[0]};
    } else if (!strcmp(a, "--config")) {
        if (!strcmp(v, "any")) o->ctx.config_mode = CT_INTERP_CFG_ANY;
        else if (!strcmp(v, "vendor")) o->ctx.config_mode = CT_INTERP_CFG_VENDOR;
        else return ct_cli_usage_error(cmd, usage, "--config must be any or vendor"), -1;
    } else {
        if (ct_cli_parse_list(a, v, d, 1) != 1) return -1;
        if (!strcmp(a, "--lin-max") && d[0] > 0) o->ctx.lin_max_speed = d[0] * 1e-3;
        else if (!strcmp(a, "--max-steps") && d[0] >= 1 && d[0] <= 1e12) o->ctx.max_steps = (long)d[0];
        else if (!strcmp(a, "--dt") && d[0] > 0 && d[0] <= 1) o->plan.dt = d[0];
        else if (!strcmp(a, "--override") && d[0] > 0 && d[0] <= 1) o->plan.speed_override = d[0];
        else return ct_cli_usage_error(cmd, usage, "%s %s is out of range", a, v), -1;
    }
    return 1;
}

void ct_play_src(const ct_src_ref *s, char *buf, size_t n) {
    const char *f = s->file ? s->file : "<program>";
    const char *slash = strrchr(f, '/');
    if (slash) f = slash + 1;
    if (s->step > 0) snprintf(buf, n, "%s:%d (S%d)", f, s->line, s->step);
    else snprintf(buf, n, "%s:%d", f, s->line);
}

int ct_play(const char *path, const ct_play_opts *o, int quiet, ct_played *out) {
    memset(out, 0, sizeof *out);
    ct_job_parse_def def = ct_job_parse_default_def();
    ct_error err;
    if (ct_job_parse_file(path, &def, &out->prog, &err) != CT_OK) return ct_cli_report(&err);
    if (!quiet)
        for (int i = 0; i < out->prog->ndiag; i++) ct_job_diag_print(out->prog, i, stderr);
    if (ct_interp_run(out->prog, &o->ctx, &out->out, &err) != CT_OK) {
        ct_played_free(out);
        return ct_cli_report(&err);
    }
    if (!quiet)
        for (int i = 0; i < out->out.ndiag; i++) ct_interp_diag_print(&out->out.diag[i], stderr);
    if (ct_traj_plan(o->ctx.robot, out->out.cmds, out->out.ncmd, &o->plan, &out->traj, &err) != CT_OK) {
        ct_played_free(out);
        return ct_cli_report(&err);
    }
    return CT_EXIT_OK;
}

void ct_played_free(ct_played *p) {
    ct_traj_destroy(p->traj);
    ct_interp_output_free(&p->out);
    ct_job_program_free(p->prog);
    memset(p, 0, sizeof *p);
}

int ct_played_findings(const ct_played *p) {
    return p->out.nwarnings + p->out.nerrors + (p->traj ? ct_traj_nfinding(p->traj) : 0);
}
