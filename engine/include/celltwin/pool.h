/* A small thread pool: ct_pool_for runs fn(begin, end, worker, ctx) over [0, count) split into
 * chunks, on all workers including the caller, and returns when every chunk is done.
 * Results must not depend on the chunking (callers write per-index outputs) so runs are
 * deterministic regardless of thread count. */
#ifndef CELLTWIN_POOL_H
#define CELLTWIN_POOL_H

#include "celltwin/base.h"

typedef struct ct_pool ct_pool;
typedef void ct_pool_fn(int64_t begin, int64_t end, int worker, void *ctx);

/* threads <= 0 picks the number of online CPUs. Returns NULL on failure. */
CT_API ct_pool *ct_pool_create(int threads);
CT_API void ct_pool_destroy(ct_pool *pool);
CT_API int ct_pool_threads(const ct_pool *pool);
/* chunk <= 0 picks count / (4 * threads). worker is in [0, threads). */
CT_API void ct_pool_for(ct_pool *pool, int64_t count, int64_t chunk, ct_pool_fn *fn, void *ctx);

#endif
