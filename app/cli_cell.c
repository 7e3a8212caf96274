/* The --job list, lengths with units and a cell with its programs played (cli_cell.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_cell.h"

int ct_cli_job_split(char *arg, const char **robot, const char **file) {
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1]) return 0;
    *eq = 0;
    *robot = arg;
    *file = eq + 1;
    return 1;
}

int ct_cli_jobs_add(ct_cli_jobs *jobs, char *arg) {
    if (jobs->n == CT_CLI_MAX_JOB) return 0;
    if (!ct_cli_job_split(arg, &jobs->robot[jobs->n], &jobs->file[jobs->n])) return 0;
    jobs->n++;
    return 1;
}

double ct_cli_parse_length(const char *s) {
    char *end;
    double v = strtod(s, &end);
    if (end == s || !(v >= 0) || v > 1e6) return -1;
    if (!strcmp(end, "") || !strcmp(end, "mm")) return v / 1000;
    if (!strcmp(end, "cm")) return v / 100;
    if (!strcmp(end, "m")) return v;
    return -1;
}

int ct_cli_cell_load(const char *path, const ct_cli_jobs *jobs, ct_cli_cell *out) {
    memset(out, 0, sizeof *out);
    ct_error err;
    ct_error_clear(&err);
    ct_cell_def cd = ct_cell_default_def();
    if (ct_cell_load(path, &cd, &out->cell, &err) != CT_OK) return ct_cli_report(&err);
    ct_cell *cell = out->cell;
    for (int j = 0; jobs && j < jobs->n; j++)
        if (ct_cell_find_robot(cell, jobs->robot[j]) < 0) {
            fprintf(stderr, "error: --job: the cell has no robot '%s'\n", jobs->robot[j]);
            ct_cli_cell_free(out);
            return CT_EXIT_BAD_INPUT;
        }
    out->prog = ct_alloc(sizeof(ct_robot_program) * (size_t)(cell->nrobot + 1));
    out->traj = ct_alloc(sizeof(ct_traj *) * (size_t)(cell->nrobot + 1));
    if (!out->prog || !out->traj) {
        fprintf(stderr, "error: out of memory\n");
        ct_cli_cell_free(out);
        return CT_EXIT_BAD_INPUT;
    }
    /* each robot plays its --job file or the first program the cell assigns it */
    for (int i = 0; i < cell->nrobot; i++) {
        const char *prog = cell->robot[i].nprogram > 0 ? cell->robot[i].program_path[0] : NULL;
        for (int j = 0; jobs && j < jobs->n; j++)
            if (!strcmp(jobs->robot[j], cell->robot[i].name)) prog = jobs->file[j];
        if (!prog) continue;
        if (ct_robot_program_load(cell, i, prog, NULL, &out->prog[i], &err) != CT_OK) {
            ct_cli_cell_free(out);
            return ct_cli_report(&err);
        }
        out->traj[i] = out->prog[i].traj;
    }
    return CT_EXIT_OK;
}

void ct_cli_cell_free(ct_cli_cell *c) {
    for (int i = 0; c->prog && c->cell && i < c->cell->nrobot; i++) ct_robot_program_free(&c->prog[i]);
    ct_free(c->prog);
    ct_free(c->traj);
    ct_cell_destroy(c->cell);
    memset(c, 0, sizeof *c);
}
