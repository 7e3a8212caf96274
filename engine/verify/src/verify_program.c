/* Cell robot program -> trajectory: context from the cell, parse, interpret, plan. */
#include <string.h>

#include "celltwin/jobfile.h"
#include "celltwin/verify_program.h"

void ct_cell_program_context(const ct_cell *cell, int robot, ct_program_context *ctx) {
    const ct_cell_robot *cr = &cell->robot[robot];
    *ctx = ct_program_default_context();
    ctx->robot = cr->robot;
    for (int t = 0; t < cr->ntool; t++) {
        int n = cr->tool[t].number;
        if (n < 0 || n >= CT_INTERP_MAX_TOOLS) continue;
        ctx->tool[n] = cr->tool[t].tcp;
        ctx->tool_defined[n] = 1;
        if (cr->tool[t].name && ctx->nnamed_tcp < CT_INTERP_MAX_NAMED) {
            ctx->named_tcp[ctx->nnamed_tcp].name = cr->tool[t].name;
            ctx->named_tcp[ctx->nnamed_tcp].tcp = cr->tool[t].tcp;
            ctx->nnamed_tcp++;
        }
    }
    for (int u = 0; u < cr->nuframe; u++) {
        int n = cr->uframe[u].number;
        if (n < 0 || n >= CT_INTERP_MAX_UFRAMES) continue;
        ctx->uframe[n] = cr->uframe[u].pose;
        ctx->uframe_defined[n] = 1;
    }
    for (int a = 0; a < 8 && a < CT_CELL_ACCURACY_LEVELS; a++) ctx->accuracy_blend[a] = cr->accuracy[a];
    ctx->wait_default_s = cr->io.wait_time;
    for (int i = 0; i < cr->io.ninput && ctx->nsignals < CT_INTERP_MAX_SIGNALS; i++) {
        ct_interp_signal *s = &ctx->signals[ctx->nsignals++];
        s->index = cr->io.input[i].index;
        s->value = cr->io.input[i].value;
        s->wait_s = 0; /* an input that is already set lets the wait pass at once */
    }
    if (cr->nhome == cr->robot->ndof && cr->nhome > 0) ctx->q_start = cr->home;
}

ct_status ct_robot_program_load(const ct_cell *cell, int robot, const char *path, const ct_plan_options *opt,
                                ct_robot_program *out, ct_error *err) {
    memset(out, 0, sizeof *out);
    out->path = path;
    ct_job_parse_def pd = ct_job_parse_default_def();
    ct_status st = ct_job_parse_file(path, &pd, &out->program, err);
    if (st != CT_OK) return st;
    ct_program_context ctx;
    ct_cell_program_context(cell, robot, &ctx);
    st = ct_interp_run(out->program, &ctx, &out->run, err);
    if (st != CT_OK) {
        ct_robot_program_free(out);
        return st;
    }
    ct_plan_options po = opt ? *opt : ct_plan_default_options();
    if (!po.q_start) po.q_start = ctx.q_start;
    st = ct_traj_plan(cell->robot[robot].robot, out->run.cmds, out->run.ncmd, &po, &out->traj, err);
    if (st != CT_OK) ct_robot_program_free(out);
    return st;
}

void ct_robot_program_free(ct_robot_program *p) {
    ct_traj_destroy(p->traj);
    if (p->program) ct_interp_output_free(&p->run);
    ct_job_program_free(p->program);
    memset(p, 0, sizeof *p);
}
