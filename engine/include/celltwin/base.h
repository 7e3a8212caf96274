/* celltwin base: export macro, status codes, the caller-owned error record, logging and asserts.
 * Every fallible library call returns ct_status and fills a ct_error (never exits on bad input). */
#ifndef CELLTWIN_BASE_H
#define CELLTWIN_BASE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define CT_API extern "C"
#else
#define CT_API
#endif

/* Status codes, generated from one table so names and messages never drift apart. */
#define CT_STATUS_XMACRO(X)                                    \
    X(CT_OK, "ok")                                             \
    X(CT_ERR_IO, "cannot read or write file")                  \
    X(CT_ERR_PARSE, "malformed input")                         \
    X(CT_ERR_INVALID, "invalid value")                         \
    X(CT_ERR_UNSUPPORTED, "unsupported feature")               \
    X(CT_ERR_NOT_FOUND, "not found")                           \
    X(CT_ERR_LIMIT, "size limit exceeded")                     \
    X(CT_ERR_NO_MEMORY, "out of memory")                       \
    X(CT_ERR_UNREACHABLE, "target unreachable")

typedef enum ct_status {
#define CT_X_ENUM(name, msg) name,
    CT_STATUS_XMACRO(CT_X_ENUM)
#undef CT_X_ENUM
    CT_STATUS_COUNT
} ct_status;

/* Short name of a status ("CT_ERR_PARSE") and its generic meaning. */
CT_API const char *ct_status_name(ct_status s);
CT_API const char *ct_status_message(ct_status s);

/* Error record filled by failing calls. Owned by the caller (usually on the stack).
 * line/column are 1-based; 0 means unknown. */
typedef struct ct_error {
    ct_status code;
    char message[512];
    char file[512];
    int line;
    int column;
} ct_error;

/* Clears an error record to CT_OK. Safe with NULL. */
CT_API void ct_error_clear(ct_error *err);

/* Fills err (may be NULL) and returns code. file may be NULL. */
CT_API ct_status ct_error_set(ct_error *err, ct_status code, const char *file, int line,
                              int column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Formats "file:line:col: error: message" into buf (always NUL-terminated). */
CT_API void ct_error_format(const ct_error *err, char *buf, size_t size);

/* Logging: one callback for the whole library. Default writes warnings and errors to stderr. */
typedef enum ct_log_level { CT_LOG_DEBUG, CT_LOG_INFO, CT_LOG_WARN, CT_LOG_ERROR } ct_log_level;
typedef void ct_log_fn(ct_log_level level, const char *file, int line, const char *msg, void *user);
CT_API void ct_set_log_fn(ct_log_fn *fn, void *user);
CT_API void ct_log(ct_log_level level, const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Programmer errors (not bad input): routed to an overridable handler, which aborts by default. */
typedef void ct_assert_fn(const char *expr, const char *file, int line);
CT_API void ct_set_assert_fn(ct_assert_fn *fn);
CT_API void ct_assert_fail(const char *expr, const char *file, int line);
#define CT_ASSERT(c) ((c) ? (void)0 : ct_assert_fail(#c, __FILE__, __LINE__))

/* Heap routed through one pair of hooks so that tests can count live bytes. */
typedef void *ct_alloc_fn(size_t size);
typedef void *ct_realloc_fn(void *p, size_t size);
typedef void ct_free_fn(void *p);
/* Installs heap hooks (NULL restores malloc/realloc/free). Call before any allocation. */
CT_API void ct_set_allocator(ct_alloc_fn *alloc, ct_realloc_fn *resize, ct_free_fn *release);
CT_API void *ct_alloc(size_t size);                 /* NULL on failure; zeroed */
CT_API void *ct_realloc(void *p, size_t size);      /* NULL on failure, p untouched */
CT_API void ct_free(void *p);
CT_API char *ct_strdup(const char *s);
CT_API int64_t ct_live_allocations(void);           /* ct_alloc minus ct_free calls */

#endif
