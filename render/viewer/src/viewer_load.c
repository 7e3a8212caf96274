/* Loading the viewer's programs for a cell (at start and on --watch reloads): each robot's first
 * program from the cell, or its --job override, parsed, interpreted and planned; TCP paths for the
 * renderer; and the side panel's step list (S<n>, file:line, the IR comment on that line). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "viewer_internal.h"

void vw_loaded_free(vw_loaded *l) {
    for (int i = 0; i < l->nr; i++) {
        if (l->paths) ct_vk_path_free(&l->paths[i]);
        if (l->traj && l->traj[i]) ct_robot_program_free(&l->progs[i]);
    }
    free(l->progs), free(l->traj), free(l->paths);
    if (l->cell_changed) ct_cell_destroy(l->cell);
    memset(l, 0, sizeof *l);
}

ct_status vw_load(const ct_viewer_def *d, ct_cell *cell, int cell_owned, vw_loaded *l, ct_error *err) {
    memset(l, 0, sizeof *l);
    l->cell = cell;
    l->cell_changed = cell_owned;
    l->nr = cell->nrobot;
    size_t n = (size_t)l->nr + 1;
    l->progs = (ct_robot_program *)calloc(n, sizeof *l->progs);
    l->traj = (ct_traj **)calloc(n, sizeof *l->traj);
    l->paths = (vw_path *)calloc(n, sizeof *l->paths);
    if (!l->progs || !l->traj || !l->paths) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    for (int j = 0; j < d->njob; j++)
        if (ct_cell_find_robot(cell, d->job_robot[j]) < 0)
            return ct_error_set(err, CT_ERR_NOT_FOUND, NULL, 0, 0, "--job: the cell has no robot '%s'", d->job_robot[j]);
    for (int i = 0; i < l->nr; i++) {
        const char *path = cell->robot[i].nprogram > 0 ? cell->robot[i].program_path[0] : NULL;
        for (int j = 0; j < d->njob; j++)
            if (!strcmp(d->job_robot[j], cell->robot[i].name)) path = d->job_file[j];
        if (!path) continue;
        ct_status st = ct_robot_program_load(cell, i, path, NULL, &l->progs[i], err);
        if (st != CT_OK) return st;
        l->traj[i] = l->progs[i].traj;
        l->duration = fmax(l->duration, ct_traj_duration(l->traj[i]));
        st = ct_vk_tcp_path(cell, i, l->traj[i], &l->paths[i], err);
        if (st != CT_OK) return st;
    }
    return CT_OK;
}

/* Comment of the IR instruction on `line` (a comment line or a trailing comment). */
static const char *comment_at(const ct_job_program *p, int line) {
    for (int k = 0; p && k < p->ninstr; k++)
        if (p->instr[k].src.line == line && p->instr[k].comment) return p->instr[k].comment;
    return NULL;
}

int vw_steps_build(vw_state *s) {
    free(s->steps);
    s->steps = NULL;
    s->nstep = 0;
    int cap = 0;
    for (int i = 0; i < s->nr; i++)
        if (s->traj[i]) cap += ct_traj_nseg(s->traj[i]);
    if (cap == 0) return 1;
    s->steps = (vw_step *)calloc((size_t)cap, sizeof *s->steps);
    if (!s->steps) return 0;
    for (int i = 0; i < s->nr; i++) {
        if (!s->traj[i]) continue;
        int last_step = -1;
        for (int k = 0; k < ct_traj_nseg(s->traj[i]); k++) {
            const ct_traj_seg *seg = ct_traj_segment(s->traj[i], k);
            if (seg->src.step <= 0) continue;
            if (seg->src.step == last_step) continue; /* same step: its I/O, waits, blend parts */
            vw_step *st = &s->steps[s->nstep++];
            st->robot = i;
            st->step = seg->src.step;
            st->line = seg->src.line;
            st->file = seg->src.file;
            st->comment = comment_at(s->progs[i].program, seg->src.line);
            st->t0 = seg->t0;
            last_step = seg->src.step;
        }
    }
    return 1;
}

int vw_current_step(const vw_state *s, int robot) {
    int cur = -1;
    for (int k = 0; k < s->nstep; k++)
        if (s->steps[k].robot == robot && s->steps[k].t0 <= s->t + 1e-9) cur = k;
    return cur;
}
