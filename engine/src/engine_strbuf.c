/* The growing text buffer (strbuf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/strbuf.h"

void ct_strbuf_put(ct_strbuf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        char *d = ct_realloc(b->data, cap);
        if (!d) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void ct_strbuf_puts(ct_strbuf *b, const char *s) { ct_strbuf_put(b, s, strlen(s)); }

void ct_strbuf_vprintf(ct_strbuf *b, const char *fmt, va_list ap) {
    char tmp[1024];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    if (n >= 0 && (size_t)n < sizeof tmp) ct_strbuf_put(b, tmp, (size_t)n);
    else if (n >= 0) {
        /* longer than the stack buffer: format again into the right size */
        char *big = ct_alloc((size_t)n + 1);
        if (big) {
            vsnprintf(big, (size_t)n + 1, fmt, again);
            ct_strbuf_put(b, big, (size_t)n);
            ct_free(big);
        } else {
            b->failed = 1;
        }
    }
    va_end(again);
}

void ct_strbuf_printf(ct_strbuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ct_strbuf_vprintf(b, fmt, ap);
    va_end(ap);
}
