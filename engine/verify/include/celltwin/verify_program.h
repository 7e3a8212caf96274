/* From a cell robot's program file to its planned trajectory: parse the jobfile, run it through
 * the interpreter with the controller settings the cell gives (tools, user frames, accuracy table,
 * I/O model, home position), and plan the motion. Shared by `celltwin verify` and the tests. */
#ifndef CELLTWIN_VERIFY_PROGRAM_H
#define CELLTWIN_VERIFY_PROGRAM_H

#include "celltwin/cell.h"
#include "celltwin/dyn.h"
#include "celltwin/interp.h"
#include "celltwin/job_ir.h"
#include "celltwin/motion.h"

/* Fills a program context from cell robot `robot`: tools (TCP per number), user frames, accuracy
 * table, I/O model (inputs and wait time), start joints (home). The context borrows from the cell. */
CT_API void ct_cell_program_context(const ct_cell *cell, int robot, ct_program_context *ctx);

/* What the flange of cell robot `cr` carries, as one rigid load in the TCP frame of its dynamics
 * model (ct_dyn_rne): the cell's payload (mass, centre of mass, inertia) plus the carried tool
 * (ct_cell_carried_tool: its mass as a point at its centre of mass; the cell gives tools no
 * inertia). Mass 0 when it carries nothing. */
CT_API ct_payload ct_cell_carried_load(const ct_cell_robot *cr);

/* A program played on one cell robot. Owns everything it holds. */
typedef struct ct_robot_program {
    const char *path;           /* borrowed */
    ct_job_program *program;    /* parsed IR */
    ct_interp_output run;       /* commands and interpreter diagnostics */
    ct_traj *traj;              /* planned trajectory */
} ct_robot_program;

/* Parses, interprets and plans `path` for cell robot `robot`. Fails (CT_ERR_*) only when the file
 * cannot be read or parsed at all; problems inside the program are diagnostics (program->diag,
 * run.diag) and motion findings (traj). */
CT_API ct_status ct_robot_program_load(const ct_cell *cell, int robot, const char *path, const ct_plan_options *opt,
                                       ct_robot_program *out, ct_error *err);
CT_API void ct_robot_program_free(ct_robot_program *p);

#endif
