/* A growing NUL-terminated text buffer for writers (jobfile exporters, report HTML, SVG plots).
 * Zero-initialise it ({0}); data is ct_alloc'd and owned by the caller once writing is done
 * (ct_free(b.data)). After an allocation failure `failed` is 1 and further appends are ignored,
 * so writers check once at the end. */
#ifndef CELLTWIN_STRBUF_H
#define CELLTWIN_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "celltwin/base.h"

typedef struct ct_strbuf {
    char *data;             /* NUL-terminated text, NULL while empty */
    size_t len, cap;        /* bytes of text, bytes allocated */
    int failed;             /* 1 after an allocation failure */
} ct_strbuf;

CT_API void ct_strbuf_put(ct_strbuf *b, const char *s, size_t n);
CT_API void ct_strbuf_puts(ct_strbuf *b, const char *s);
/* printf-style append of any length. */
CT_API void ct_strbuf_printf(ct_strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
CT_API void ct_strbuf_vprintf(ct_strbuf *b, const char *fmt, va_list ap);

#endif
