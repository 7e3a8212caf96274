/* The bundled spot-welding cell (assets/cells/spot_weld) with each robot's first program planned,
 * for the verify tests (at most 4 robots). Header-only: static functions. */
#ifndef CT_TEST_SAMPLE_CELL_H
#define CT_TEST_SAMPLE_CELL_H

#include <string.h>

#include "celltwin/verify_program.h"

typedef struct sample_cell {
    ct_cell *cell;
    ct_robot_program progs[4];
    ct_traj *trajs[4];
} sample_cell;

static int load_sample_cell(sample_cell *s) {
    memset(s, 0, sizeof *s);
    ct_error err;
    if (ct_cell_load(CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json", NULL, &s->cell, &err) != CT_OK) return 0;
    if (s->cell->nrobot > 4) return 0;
    for (int i = 0; i < s->cell->nrobot; i++) {
        if (ct_robot_program_load(s->cell, i, s->cell->robot[i].program_path[0], NULL, &s->progs[i], &err) != CT_OK)
            return 0;
        s->trajs[i] = s->progs[i].traj;
    }
    return 1;
}

static void free_sample_cell(sample_cell *s) {
    for (int i = 0; s->cell && i < s->cell->nrobot; i++) ct_robot_program_free(&s->progs[i]);
    ct_cell_destroy(s->cell);
}

#endif
