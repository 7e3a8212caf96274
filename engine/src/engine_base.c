/* celltwin base: status names, error records, the log callback, asserts and the counted heap. */
#include "celltwin/base.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {
#define CT_X_NAME(name, msg) #name,
    CT_STATUS_XMACRO(CT_X_NAME)
#undef CT_X_NAME
};
static const char *const status_messages[] = {
#define CT_X_MSG(name, msg) msg,
    CT_STATUS_XMACRO(CT_X_MSG)
#undef CT_X_MSG
};

const char *ct_status_name(ct_status s) {
    return (s >= 0 && s < CT_STATUS_COUNT) ? status_names[s] : "CT_STATUS_UNKNOWN";
}

const char *ct_status_message(ct_status s) {
    return (s >= 0 && s < CT_STATUS_COUNT) ? status_messages[s] : "unknown status";
}

void ct_error_clear(ct_error *err) {
    if (err) memset(err, 0, sizeof *err);
}

ct_status ct_error_set(ct_error *err, ct_status code, const char *file, int line, int column,
                       const char *fmt, ...) {
    if (!err) return code;
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void ct_error_format(const ct_error *err, char *buf, size_t size) {
    if (!buf || size == 0) return;
    if (!err) { buf[0] = 0; return; }
    if (err->file[0] && err->line > 0 && err->column > 0)
        snprintf(buf, size, "%s:%d:%d: error: %s", err->file, err->line, err->column, err->message);
    else if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%d: error: %s", err->file, err->line, err->message);
    else if (err->file[0])
        snprintf(buf, size, "%s: error: %s", err->file, err->message);
    else
        snprintf(buf, size, "error: %s", err->message);
}

/* ---- logging ---- */
static void default_log(ct_log_level level, const char *file, int line, const char *msg, void *user) {
    (void)user;
    if (level < CT_LOG_WARN) return;
    const char *tag = level == CT_LOG_WARN ? "warning" : "error";
    if (file && file[0] && line > 0) fprintf(stderr, "%s:%d: %s: %s\n", file, line, tag, msg);
    else fprintf(stderr, "%s: %s\n", tag, msg);
}

static ct_log_fn *log_fn = default_log;
static void *log_user = NULL;

void ct_set_log_fn(ct_log_fn *fn, void *user) {
    log_fn = fn ? fn : default_log;
    log_user = fn ? user : NULL;
}

void ct_log(ct_log_level level, const char *file, int line, const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_fn(level, file, line, msg, log_user);
}

/* ---- asserts ---- */
static void default_assert(const char *expr, const char *file, int line) {
    fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    abort();
}
static ct_assert_fn *assert_fn = default_assert;
void ct_set_assert_fn(ct_assert_fn *fn) { assert_fn = fn ? fn : default_assert; }
void ct_assert_fail(const char *expr, const char *file, int line) { assert_fn(expr, file, line); }

/* ---- counted heap ---- */
static ct_alloc_fn *alloc_hook = NULL;
static ct_realloc_fn *realloc_hook = NULL;
static ct_free_fn *free_hook = NULL;
static atomic_llong live_allocs;

void ct_set_allocator(ct_alloc_fn *alloc, ct_realloc_fn *resize, ct_free_fn *release) {
    alloc_hook = alloc;
    realloc_hook = resize;
    free_hook = release;
}

void *ct_alloc(size_t size) {
    if (size == 0) size = 1;
    void *p = alloc_hook ? alloc_hook(size) : malloc(size);
    if (!p) return NULL;
    memset(p, 0, size);
    atomic_fetch_add(&live_allocs, 1);
    return p;
}

void *ct_realloc(void *p, size_t size) {
    if (!p) return ct_alloc(size);
    if (size == 0) size = 1;
    return realloc_hook ? realloc_hook(p, size) : realloc(p, size);
}

void ct_free(void *p) {
    if (!p) return;
    atomic_fetch_sub(&live_allocs, 1);
    if (free_hook) free_hook(p);
    else free(p);
}

char *ct_strdup(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *d = ct_alloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

int64_t ct_live_allocations(void) { return (int64_t)atomic_load(&live_allocs); }
