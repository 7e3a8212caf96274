/* The certified verification of the viewer's cell in a background pthread, started after the
 * window opens. Findings stream in as the verifier finds them (on_finding, from its worker
 * threads, serialised): the callback queues a copy under the mutex; each frame the main thread
 * moves the queue into its live list (time order) that the timeline, panel and dump show, and
 * when the thread is done swaps in the final report (same findings, time order, deterministic).
 * The thread only reads the cell and trajectories, which the main thread also only reads.
 * Test hook: with hold_kind set (script wait-finding) the callback stops at the first streamed
 * finding of that kind until vw_verify_release, so a script can look at a running verification. */
#include <stdlib.h>
#include <string.h>

#include "viewer_internal.h"

static void on_progress(int pairs_done, int npair, int nfind, void *user) {
    vw_verify *v = (vw_verify *)user;
    (void)nfind;
    pthread_mutex_lock(&v->mu);
    if (pairs_done > v->pairs_done) v->pairs_done = pairs_done;
    v->npair = npair;
    pthread_mutex_unlock(&v->mu);
}

/* Verifier worker thread: queue the finding; a dropped one (out of memory) still comes with the
 * final report. */
static void on_finding(const ct_finding *f, int pairs_done, int npair, void *user) {
    vw_verify *v = (vw_verify *)user;
    pthread_mutex_lock(&v->mu);
    if (v->npending == v->cap_pending) {
        int cap = v->cap_pending ? 2 * v->cap_pending : 16;
        ct_finding *n = (ct_finding *)realloc(v->pending, sizeof(ct_finding) * (size_t)cap);
        if (n) v->pending = n, v->cap_pending = cap;
    }
    if (v->npending < v->cap_pending) memcpy(&v->pending[v->npending++], f, sizeof *f);
    v->nstreamed++;
    if (pairs_done > v->pairs_done) v->pairs_done = pairs_done;
    v->npair = npair;
    if (v->hold_kind == VW_HOLD_ANY || v->hold_kind == (int)f->kind) {
        v->hold_kind = VW_HOLD_NONE;
        v->holding = 1;
        while (v->holding) pthread_cond_wait(&v->cv, &v->mu);
    }
    pthread_mutex_unlock(&v->mu);
}

static void *verify_thread(void *arg) {
    vw_verify *v = (vw_verify *)arg;
    ct_verify_options vo = ct_verify_default_options();
    vo.progress = on_progress;
    vo.progress_user = v;
    vo.on_finding = on_finding;
    vo.on_finding_user = v;
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
    pthread_cond_init(&v->cv, NULL);
    v->in.cell = s->cell;
    v->in.traj = s->traj;
    memset(&v->live, 0, sizeof v->live);
    v->rep = &v->live;
    v->hold_kind = s->have_script ? s->script.hold_kind : VW_HOLD_NONE;
    s->script.hold_kind = VW_HOLD_NONE; /* only the first verification holds */
    if (pthread_create(&v->thread, NULL, verify_thread, v) == 0) {
        v->started = 1;
    } else {
        v->done = v->joined = 1;
        v->rep = NULL;
        v->status = ct_error_set(&v->err, CT_ERR_NO_MEMORY, NULL, 0, 0, "cannot start the verification thread");
    }
}

void vw_verify_release(vw_state *s) {
    vw_verify *v = &s->ver;
    if (!v->started) return;
    pthread_mutex_lock(&v->mu);
    v->hold_kind = VW_HOLD_NONE;
    v->holding = 0;
    pthread_cond_broadcast(&v->cv);
    pthread_mutex_unlock(&v->mu);
}

/* Inserts f into the live list after every finding at the same or an earlier time; the selected
 * finding keeps its identity. */
static void live_insert(vw_state *s, const ct_finding *f) {
    ct_verify_report *l = &s->ver.live;
    ct_finding *n = (ct_finding *)realloc(l->finding, sizeof(ct_finding) * (size_t)(l->nfinding + 1));
    if (!n) return;
    l->finding = n;
    int at = l->nfinding;
    while (at > 0 && n[at - 1].time > f->time) at--;
    memmove(n + at + 1, n + at, sizeof(ct_finding) * (size_t)(l->nfinding - at));
    memcpy(&n[at], f, sizeof *f);
    l->nfinding++;
    if (s->finding >= at) s->finding++;
}

/* Takes the queued findings (main thread). */
static void drain(vw_state *s) {
    vw_verify *v = &s->ver;
    ct_finding *q;
    int n;
    pthread_mutex_lock(&v->mu);
    q = v->pending, n = v->npending;
    v->pending = NULL, v->npending = v->cap_pending = 0;
    pthread_mutex_unlock(&v->mu);
    for (int i = 0; i < n; i++) live_insert(s, &q[i]);
    free(q);
    v->live.npair = v->npair;
}

/* The final report replaces the live list; the selected finding is looked up in it. */
static void take_final(vw_state *s) {
    vw_verify *v = &s->ver;
    int sel = -1;
    if (v->rep && s->finding >= 0 && s->finding < v->rep->nfinding && v->result)
        for (int i = 0; i < v->result->nfinding && sel < 0; i++)
            if (!memcmp(&v->result->finding[i], &v->rep->finding[s->finding], sizeof(ct_finding))) sel = i;
    free(v->live.finding);
    memset(&v->live, 0, sizeof v->live);
    v->rep = v->result;
    s->finding = sel;
}

int vw_verify_poll(vw_state *s) {
    vw_verify *v = &s->ver;
    if (!v->started || v->joined) return v->joined && v->rep != NULL;
    int done;
    pthread_mutex_lock(&v->mu);
    done = v->done;
    pthread_mutex_unlock(&v->mu);
    drain(s);
    if (done) {
        pthread_join(v->thread, NULL);
        v->joined = 1;
        take_final(s);
        if (v->status != CT_OK) {
            char msg[1200];
            ct_error_format(&v->err, msg, sizeof msg);
            ct_log(CT_LOG_WARN, NULL, 0, "view: verification failed: %s", msg);
        }
    }
    return v->joined && v->rep != NULL;
}

int vw_verify_count(const vw_state *s, int kind) {
    const ct_verify_report *rep = s->ver.rep;
    int n = 0;
    for (int i = 0; rep && i < rep->nfinding; i++) n += kind == VW_HOLD_ANY || (int)rep->finding[i].kind == kind;
    return n;
}

void vw_verify_finish(vw_state *s) {
    vw_verify *v = &s->ver;
    if (v->started && !v->joined) {
        vw_verify_release(s);
        pthread_join(v->thread, NULL); /* ct_verify_run cannot be cancelled; it is short */
        v->joined = 1;
        free(v->live.finding);
        memset(&v->live, 0, sizeof v->live);
        v->rep = v->result;
    }
    if (v->rep && v->rep != &v->live) ct_verify_report_free(v->rep);
    free(v->live.finding);
    free(v->pending);
    v->live.finding = NULL, v->pending = NULL;
    v->npending = v->cap_pending = 0;
    v->rep = NULL;
    if (v->started || v->done) {
        pthread_mutex_destroy(&v->mu);
        pthread_cond_destroy(&v->cv);
    }
}
