/* --watch: once a second the viewer stats the cell file and the loaded jobfiles; when a stamp
 * (mtime in ns, size) changes it re-loads (cell only when the cell file changed) and re-plans in a
 * background thread. The main thread swaps a good result in (new scene when the cell changed),
 * restarts the verification and keeps the current time; a failed load leaves the old state and
 * shows its file:line message in the panel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "viewer_internal.h"

static void stamp_of(const char *path, long long st[2]) {
    struct stat sb;
    if (stat(path, &sb) != 0) {
        st[0] = -1, st[1] = -1;
        return;
    }
    st[0] = (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
    st[1] = (long long)sb.st_size;
}

static void add_file(vw_watch *w, const char *path) {
    if (!path || w->nfile >= VW_MAX_WATCH) return;
    w->file[w->nfile] = strdup(path);
    if (w->file[w->nfile]) stamp_of(path, w->stamp[w->nfile]), w->nfile++;
}

/* The watched set: the cell and every program the viewer loaded (as vw_load picks them). */
static void watch_files(vw_state *s) {
    vw_watch *w = &s->watch;
    for (int i = 0; i < w->nfile; i++) free(w->file[i]);
    w->nfile = 0;
    add_file(w, s->def->cell);
    for (int i = 0; i < s->nr; i++)
        if (s->traj[i]) add_file(w, s->progs[i].path);
}

void vw_watch_init(vw_state *s) {
    vw_watch *w = &s->watch;
    pthread_mutex_init(&w->mu, NULL);
    w->on = 1;
    w->def = s->def;
    watch_files(s);
}

static void *reload_thread(void *arg) {
    vw_watch *w = (vw_watch *)arg;
    ct_error err;
    ct_error_clear(&err);
    ct_cell *cell = (ct_cell *)w->cur_cell;
    ct_status st = CT_OK;
    if (w->cell_changed) {
        ct_cell_def cd = ct_cell_default_def();
        cell = NULL;
        st = ct_cell_load(w->def->cell, &cd, &cell, &err);
    }
    vw_loaded res;
    memset(&res, 0, sizeof res);
    if (st == CT_OK) st = vw_load(w->def, cell, w->cell_changed, &res, &err);
    else if (cell) ct_cell_destroy(cell);
    if (st != CT_OK) vw_loaded_free(&res);
    pthread_mutex_lock(&w->mu);
    w->res = res;
    w->status = st;
    w->err = err;
    w->done = 1;
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static void swap_in(vw_state *s, vw_loaded *res) {
    vw_verify_finish(s); /* the verification reads the old trajectories */
    memset(&s->ver, 0, sizeof s->ver);
    vw_loaded old = {s->cell, res->cell_changed, s->nr, s->progs, s->traj, s->paths, 0};
    if (res->cell_changed) {
        ct_error err;
        ct_vk_scene *scene = NULL;
        if (ct_vk_scene_create(s->rend, res->cell, &scene, &err) != CT_OK) {
            ct_error_format(&err, s->watch.msg, sizeof s->watch.msg);
            vw_loaded_free(res);
            vw_verify_start(s);
            return;
        }
        size_t n = (size_t)res->nr + 1;
        double *qb = (double *)calloc(n * CT_ROBOT_MAX_DOF, sizeof(double));
        const double **qp = (const double **)calloc(n, sizeof *qp);
        ct_vk_polyline *ln = (ct_vk_polyline *)calloc(n + VW_MAX_SHOWN, sizeof *ln);
        if (!qb || !qp || !ln) {
            free(qb), free(qp), free(ln);
            ct_vk_scene_destroy(scene);
            snprintf(s->watch.msg, sizeof s->watch.msg, "out of memory");
            vw_loaded_free(res);
            vw_verify_start(s);
            return;
        }
        ct_vk_scene_destroy(s->scene);
        s->scene = scene;
        free(s->qbuf), free(s->qptr), free(s->lines);
        s->qbuf = qb, s->qptr = qp, s->lines = ln;
    }
    memset(s->qptr, 0, sizeof(*s->qptr) * (size_t)(res->nr + 1));
    s->cell = res->cell, s->nr = res->nr, s->progs = res->progs, s->traj = res->traj, s->paths = res->paths;
    s->duration = res->duration;
    vw_loaded_free(&old); /* destroys the old cell only when it was replaced */
    memset(res, 0, sizeof *res);
    if (!vw_steps_build(s)) snprintf(s->watch.msg, sizeof s->watch.msg, "out of memory");
    else s->watch.msg[0] = 0;
    vw_set_time(s, s->t); /* keep the time (clamped to the new duration) */
    s->finding = -1;
    if (s->sel_robot >= s->nr) s->sel_robot = -1;
    vw_verify_start(s);
    watch_files(s);
}

void vw_watch_poll(vw_state *s, double now) {
    vw_watch *w = &s->watch;
    if (!w->on) return;
    if (w->running) {
        int done;
        pthread_mutex_lock(&w->mu);
        done = w->done;
        pthread_mutex_unlock(&w->mu);
        if (!done) return;
        pthread_join(w->thread, NULL);
        w->running = w->done = 0;
        if (w->status == CT_OK) {
            swap_in(s, &w->res);
        } else {
            ct_error_format(&w->err, w->msg, sizeof w->msg);
            ct_log(CT_LOG_WARN, NULL, 0, "view: reload failed: %s", w->msg);
        }
        w->reloads++;
        if (s->def->verbose) printf("view: reload %d %s\n", w->reloads, w->msg[0] ? "failed" : "done");
        return;
    }
    if (now < w->next_poll) return;
    w->next_poll = now + 1.0;
    int changed = 0;
    w->cell_changed = 0;
    for (int i = 0; i < w->nfile; i++) {
        long long st[2];
        stamp_of(w->file[i], st);
        if (st[0] != w->stamp[i][0] || st[1] != w->stamp[i][1]) {
            changed = 1;
            if (i == 0) w->cell_changed = 1;
            w->stamp[i][0] = st[0], w->stamp[i][1] = st[1];
        }
    }
    if (!changed) return;
    w->cur_cell = s->cell;
    w->done = 0;
    if (pthread_create(&w->thread, NULL, reload_thread, w) == 0) w->running = 1;
    else snprintf(w->msg, sizeof w->msg, "cannot start the reload thread");
}

void vw_watch_free(vw_state *s) {
    vw_watch *w = &s->watch;
    if (!w->on) return;
    if (w->running) {
        pthread_join(w->thread, NULL);
        vw_loaded_free(&w->res);
    }
    for (int i = 0; i < w->nfile; i++) free(w->file[i]);
    pthread_mutex_destroy(&w->mu);
    w->on = 0;
}
