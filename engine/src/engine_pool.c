/* Thread pool: persistent pthread workers that share one parallel-for job at a time. */
#define _GNU_SOURCE
#include "celltwin/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct ct_pool {
    int nthreads;                /* workers + the calling thread */
    pthread_t *workers;          /* (nthreads - 1) */
    pthread_mutex_t lock;
    pthread_cond_t wake;         /* a new job or shutdown */
    pthread_cond_t done;         /* all helpers finished the job */
    uint64_t generation;         /* bumped per job */
    int shutdown;
    int busy;                    /* helpers still inside the current job */
    /* current job */
    ct_pool_fn *fn;
    void *ctx;
    int64_t count, chunk;
    atomic_llong next;           /* next unclaimed index */
};

static void run_chunks(ct_pool *p, int worker) {
    for (;;) {
        int64_t b = atomic_fetch_add(&p->next, p->chunk);
        if (b >= p->count) break;
        int64_t e = b + p->chunk < p->count ? b + p->chunk : p->count;
        p->fn(b, e, worker, p->ctx);
    }
}

typedef struct { ct_pool *pool; int index; } worker_arg;

static void *worker_main(void *arg) {
    worker_arg *wa = arg;
    ct_pool *p = wa->pool;
    int index = wa->index;
    ct_free(wa);
    uint64_t seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->shutdown && p->generation == seen) pthread_cond_wait(&p->wake, &p->lock);
        if (p->shutdown) break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        run_chunks(p, index);
        pthread_mutex_lock(&p->lock);
        if (--p->busy == 0) pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

ct_pool *ct_pool_create(int threads) {
    if (threads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (int)n : 1;
    }
    ct_pool *p = ct_alloc(sizeof *p);
    if (!p) return NULL;
    p->nthreads = threads;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    pthread_cond_init(&p->done, NULL);
    if (threads > 1) {
        p->workers = ct_alloc(sizeof(pthread_t) * (size_t)(threads - 1));
        if (!p->workers) { ct_pool_destroy(p); return NULL; }
    }
    for (int i = 1; i < threads; i++) {
        worker_arg *wa = ct_alloc(sizeof *wa);
        wa->pool = p;
        wa->index = i;
        if (pthread_create(&p->workers[i - 1], NULL, worker_main, wa) != 0) {
            ct_free(wa);
            p->nthreads = i; /* keep the ones that started */
            break;
        }
    }
    return p;
}

void ct_pool_destroy(ct_pool *p) {
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    p->shutdown = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (int i = 1; i < p->nthreads; i++) pthread_join(p->workers[i - 1], NULL);
    ct_free(p->workers);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->wake);
    pthread_cond_destroy(&p->done);
    ct_free(p);
}

int ct_pool_threads(const ct_pool *p) { return p ? p->nthreads : 1; }

void ct_pool_for(ct_pool *p, int64_t count, int64_t chunk, ct_pool_fn *fn, void *ctx) {
    if (count <= 0) return;
    int n = p ? p->nthreads : 1;
    if (chunk <= 0) {
        chunk = count / (4 * (int64_t)n);
        if (chunk < 1) chunk = 1;
    }
    if (!p || n == 1 || count <= chunk) {
        fn(0, count, 0, ctx);
        return;
    }
    pthread_mutex_lock(&p->lock);
    p->fn = fn;
    p->ctx = ctx;
    p->count = count;
    p->chunk = chunk;
    atomic_store(&p->next, 0);
    p->busy = n - 1;
    p->generation++;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);

    run_chunks(p, 0);

    pthread_mutex_lock(&p->lock);
    while (p->busy > 0) pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
}
