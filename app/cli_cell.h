/* Shared by `celltwin verify`, `render`, `report` and `view`: the --job ROBOT=FILE list, lengths
 * with units, and a cell loaded with every robot's program played (its --job file, else the first
 * program the cell assigns it). */
#ifndef CELLTWIN_CLI_CELL_H
#define CELLTWIN_CLI_CELL_H

#include "celltwin/cell.h"
#include "celltwin/verify_program.h"

#define CT_CLI_MAX_JOB 16

/* --job options; the strings point into argv (split in place at '='). */
typedef struct ct_cli_jobs {
    const char *robot[CT_CLI_MAX_JOB];
    const char *file[CT_CLI_MAX_JOB];
    int n;
} ct_cli_jobs;

/* Splits "ROBOT=FILE" in place (the '=' becomes NUL). Returns 1, or 0 when either side is empty. */
int ct_cli_job_split(char *arg, const char **robot, const char **file);
/* Splits and appends; 0 when malformed or when the list is full. */
int ct_cli_jobs_add(ct_cli_jobs *jobs, char *arg);

/* "10mm", "1cm", "0.01m" or "10" (mm) -> metres; -1 when malformed, negative or above 1000 km. */
double ct_cli_parse_length(const char *s);

/* A cell with its robots' programs played. prog and traj have one entry per cell robot; a robot
 * without a program has traj NULL (it stands at its home). Owns everything. */
typedef struct ct_cli_cell {
    ct_cell *cell;
    ct_robot_program *prog;     /* (cell->nrobot) */
    ct_traj **traj;             /* (cell->nrobot) borrowed from prog, NULL where none */
} ct_cli_cell;

/* Loads the cell, checks that every --job names one of its robots and plays the programs.
 * Returns CT_EXIT_OK, or CT_EXIT_BAD_INPUT after printing a file:line error (out is then empty). */
int ct_cli_cell_load(const char *path, const ct_cli_jobs *jobs, ct_cli_cell *out);
void ct_cli_cell_free(ct_cli_cell *c);

#endif
