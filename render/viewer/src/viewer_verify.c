/* The certified verification of the viewer's cell in a background pthread, started after the
 * window opens; the main thread polls for the report each frame and shows its findings. The thread
 * only reads the cell and trajectories, which the main thread also only reads. */
#include <string.h>

#include "viewer_internal.h"

static void on_progress(int pairs_done, int npair, int nfind, void *user) {
    vw_verify *v = (vw_verify *)user;
    (void)nfind;
    pthread_mutex_lock(&v->mu);
    v->pairs_done = pairs_done;
    v->npair = npair;
    pthread_mutex_unlock(&v->mu);
}

static void *verify_thread(void *arg) {
    vw_verify *v = (vw_verify *)arg;
    ct_verify_options vo = ct_verify_default_options();
    vo.progress = on_progress;
    vo.progress_user = v;
    ct_verify_report *rep = NULL;
    ct_error err;
    ct_error_clear(&err);
    ct_status st = ct_verify_run(&v->in, &vo, &rep, &err);
    pthread_mutex_lock(&v->mu);
    v->status = st;
    v->err = err;
    v->result = st == CT_OK ? rep : NULL;
    v->done = 1;
    pthread_mutex_unlock(&v->mu);
    if (st != CT_OK && rep) ct_verify_report_free(rep);
    return NULL;
}

void vw_verify_start(vw_state *s) {
    vw_verify *v = &s->ver;
    pthread_mutex_init(&v->mu, NULL);
    v->in.cell = s->cell;
    v->in.traj = s->traj;
    if (pthread_create(&v->thread, NULL, verify_thread, v) == 0) {
        v->started = 1;
    } else {
        v->done = v->joined = 1;
        v->status = ct_error_set(&v->err, CT_ERR_NO_MEMORY, NULL, 0, 0, "cannot start the verification thread");
    }
}

int vw_verify_poll(vw_state *s) {
    vw_verify *v = &s->ver;
    int done;
    pthread_mutex_lock(&v->mu);
    done = v->done;
    pthread_mutex_unlock(&v->mu);
    if (done && !v->joined) {
        pthread_join(v->thread, NULL);
        v->joined = 1;
        v->rep = v->result; /* main thread's copy, read without the lock from now on */
        if (v->status != CT_OK) {
            char msg[1200];
            ct_error_format(&v->err, msg, sizeof msg);
            ct_log(CT_LOG_WARN, NULL, 0, "view: verification failed: %s", msg);
        }
    }
    return v->joined && v->rep != NULL;
}

void vw_verify_finish(vw_state *s) {
    vw_verify *v = &s->ver;
    if (v->started && !v->joined) {
        pthread_join(v->thread, NULL); /* ct_verify_run cannot be cancelled; it is short */
        v->joined = 1;
        v->rep = v->result;
    }
    if (v->rep) ct_verify_report_free(v->rep);
    v->rep = NULL;
    if (v->started || v->done) pthread_mutex_destroy(&v->mu);
}
