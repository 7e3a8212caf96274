/* Streamed findings (ct_verify_options.on_finding) on the bundled spot-welding cell, with 1 and 2
 * threads: the streamed findings are exactly the report's findings (a one-to-one match, every
 * byte of each ct_finding equal), the calls never overlap, the first finding arrives while pairs
 * are still unchecked (pairs_done < npair, also against the last progress report seen) and before
 * ct_verify_run returns; the report itself is the same as without a callback. Also with lowered
 * acceleration limits, so that motion findings stream beside the pair findings. */
#include "ct_test.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "celltwin/verify.h"
#include "sample_cell.h"

#define MAX_STREAMED 256

typedef struct streamed {
    ct_finding f[MAX_STREAMED];
    int pairs_done[MAX_STREAMED], npair[MAX_STREAMED];
    int progress_at[MAX_STREAMED]; /* last progress report seen when the finding arrived */
    double when[MAX_STREAMED];     /* s, monotonic */
    int n, overflow;
    atomic_int in_call, overlapped;
    atomic_int progress;           /* pairs done, from the progress callback */
    pthread_t threads[4];
    int nthread;
} streamed;

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void on_finding(const ct_finding *f, int pairs_done, int npair, void *user) {
    streamed *s = user;
    if (atomic_fetch_add(&s->in_call, 1) != 0) atomic_store(&s->overlapped, 1);
    if (s->n < MAX_STREAMED) {
        memcpy(&s->f[s->n], f, sizeof *f);
        s->pairs_done[s->n] = pairs_done;
        s->npair[s->n] = npair;
        s->progress_at[s->n] = atomic_load(&s->progress);
        s->when[s->n] = now_s();
        s->n++;
    } else {
        s->overflow = 1;
    }
    pthread_t self = pthread_self();
    int known = 0;
    for (int i = 0; i < s->nthread; i++) known |= pthread_equal(s->threads[i], self);
    if (!known && s->nthread < 4) s->threads[s->nthread++] = self;
    struct timespec nap = {0, 200000}; /* widen the window in which an unserialised call would overlap */
    nanosleep(&nap, NULL);
    atomic_fetch_sub(&s->in_call, 1);
}

static void on_progress(int pairs_done, int npair, int nfind, void *user) {
    streamed *s = user;
    (void)npair, (void)nfind;
    atomic_store(&s->progress, pairs_done);
}

/* One run with the callback: the streamed findings are exactly the report's, one to one and byte
 * for byte, the calls never overlapped, and the report equals `plain` (run without a callback). */
static int stream_run(const ct_verify_input *in, int threads, const ct_verify_report *plain, streamed *s) {
    memset(s, 0, sizeof *s);
    ct_verify_options o = ct_verify_default_options();
    o.threads = threads;
    o.on_finding = on_finding;
    o.on_finding_user = s;
    o.progress = on_progress;
    o.progress_user = s;
    ct_verify_report *rep = NULL;
    ct_error err;
    CT_ENSURE(ct_verify_run(in, &o, &rep, &err) == CT_OK);
    double returned = now_s();
    printf("%d thread(s): %d findings streamed (%d calling thread(s)), report %d; first at pairs %d/%d "
           "(progress seen %d), %.3f s before the return\n",
           threads, s->n, s->nthread, rep->nfinding, s->n ? s->pairs_done[0] : -1, s->n ? s->npair[0] : -1,
           s->n ? s->progress_at[0] : -1, s->n ? returned - s->when[0] : 0);
    CT_ENSURE(!s->overflow && !atomic_load(&s->overlapped));
    CT_ENSURE_MSG(s->n == rep->nfinding, "%d streamed, %d reported", s->n, rep->nfinding);
    int used[MAX_STREAMED] = {0};
    for (int i = 0; i < rep->nfinding; i++) {
        int hit = -1;
        for (int k = 0; k < s->n && hit < 0; k++)
            if (!used[k] && memcmp(&s->f[k], &rep->finding[i], sizeof(ct_finding)) == 0) hit = k;
        CT_ENSURE_MSG(hit >= 0, "report finding %d (%s at %.6f s, %s - %s) was not streamed", i,
                      ct_finding_kind_name(rep->finding[i].kind), rep->finding[i].time, rep->finding[i].body_a,
                      rep->finding[i].body_b);
        used[hit] = 1;
        /* the fields that matter, named (memcmp above covers them) */
        CT_ENSURE(s->f[hit].kind == rep->finding[i].kind && s->f[hit].time == rep->finding[i].time &&
                  s->f[hit].distance == rep->finding[i].distance && !strcmp(s->f[hit].body_a, rep->finding[i].body_a) &&
                  !strcmp(s->f[hit].body_b, rep->finding[i].body_b));
    }
    CT_ENSURE(s->n > 0 && s->npair[0] == rep->npair && s->when[0] < returned);
    for (int k = 0; k < s->n; k++) CT_ENSURE(s->progress_at[k] <= s->pairs_done[k] && s->npair[k] == rep->npair);
    for (int k = 1; k < s->n; k++) CT_ENSURE(s->pairs_done[k] >= s->pairs_done[k - 1]);
    /* the callback changes nothing in the report */
    CT_ENSURE(rep->nfinding == plain->nfinding &&
              memcmp(rep->finding, plain->finding, sizeof(ct_finding) * (size_t)rep->nfinding) == 0);
    CT_ENSURE(rep->nclosest == plain->nclosest &&
              memcmp(rep->closest, plain->closest, sizeof(ct_closest_approach) * (size_t)rep->nclosest) == 0);
    ct_verify_report_free(rep);
    return 0;
}

static ct_verify_report *plain_run(const ct_verify_input *in) {
    ct_verify_options o = ct_verify_default_options();
    o.threads = 1;
    ct_verify_report *rep = NULL;
    ct_error err;
    return ct_verify_run(in, &o, &rep, &err) == CT_OK ? rep : NULL;
}

static int test_streamed_equals_report(void) {
    sample_cell sc;
    CT_ENSURE(load_sample_cell(&sc));
    ct_verify_input in = {sc.cell, sc.trajs};
    ct_verify_report *plain = plain_run(&in);
    CT_ENSURE(plain != NULL);
    int ncollision = 0;
    for (int i = 0; i < plain->nfinding; i++) ncollision += plain->finding[i].kind == CT_FIND_COLLISION;
    CT_ENSURE_MSG(ncollision >= 1, "the sample cell should have a collision");
    static streamed s;
    for (int threads = 1; threads <= 2; threads++) {
        if (stream_run(&in, threads, plain, &s)) return 1;
        /* the first finding (a pair's here) came while pairs were still unchecked */
        CT_ENSURE_MSG(s.pairs_done[0] < s.npair[0], "first finding only after all %d pairs", s.npair[0]);
    }
    ct_verify_report_free(plain);
    free_sample_cell(&sc);
    return 0;
}

/* Motion findings stream too: r1's acceleration limits lowered to a tenth give joint_accel
 * findings (scanned on a worker beside the pairs); streamed findings still equal the report. */
static int test_motion_findings_streamed(void) {
    sample_cell sc;
    CT_ENSURE(load_sample_cell(&sc));
    ct_robot *r1 = sc.cell->robot[0].robot;
    for (int d = 0; d < r1->ndof; d++) r1->dof_acc[d] = r1->dof_acc[d] > 0 ? 0.1 * r1->dof_acc[d] : 0.5;
    ct_verify_input in = {sc.cell, sc.trajs};
    ct_verify_report *plain = plain_run(&in);
    CT_ENSURE(plain != NULL);
    int naccel = 0;
    for (int i = 0; i < plain->nfinding; i++) naccel += plain->finding[i].kind == CT_FIND_JOINT_ACCEL;
    printf("%d joint_accel findings of %d\n", naccel, plain->nfinding);
    CT_ENSURE(naccel >= 1);
    static streamed s;
    for (int threads = 1; threads <= 2; threads++) {
        if (stream_run(&in, threads, plain, &s)) return 1;
        /* with one thread the robots' scans run before the first pair: their findings come first */
        if (threads == 1) CT_ENSURE(s.f[0].kind == CT_FIND_JOINT_ACCEL && s.pairs_done[0] == 0);
    }
    ct_verify_report_free(plain);
    free_sample_cell(&sc);
    return 0;
}

CT_TEST_MAIN(CT_TEST(streamed_equals_report), CT_TEST(motion_findings_streamed))
