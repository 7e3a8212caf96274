/* Private helpers shared by the report sources. */
#ifndef CT_REPORT_INTERNAL_H
#define CT_REPORT_INTERNAL_H

#include <stdarg.h>

#include "celltwin/report.h"

/* ct_strdup that passes NULL through. */
char *rp_strdup(const char *s);
/* report_path.c: the path with "x/../", "./" and duplicate slashes collapsed lexically (no file
 * system access, symbolic links not resolved; relative stays relative). ct_alloc'd; NULL in, NULL out. */
char *rp_path_normalize(const char *path);
/* Formatted string (at most 2047 bytes), ct_alloc'd; NULL when out of memory. */
char *rp_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
void rp_free_picture(ct_report_picture *p);

/* report_series.c: every program's time series (t, q, TCP speed, clearance, torque fraction). */
ct_status rp_build_series(ct_report *r, const ct_report_input *in, ct_error *err);

/* File name of a picture inside the report folder: "pictures/overview.png" (finding < 0) or
 * "pictures/finding_001.png" (finding index 0). */
void rp_picture_name(int finding, char *buf, size_t size);

/* Growing text buffer for the writers. */
typedef struct rp_buf {
    char *data;
    size_t len, cap;
    int failed;             /* 1 after an allocation failure (further appends are ignored) */
} rp_buf;
void rp_buf_put(rp_buf *b, const char *s, size_t n);
void rp_buf_puts(rp_buf *b, const char *s);
void rp_buf_printf(rp_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Text with &, <, >, " and ' escaped for HTML/XML. */
void rp_buf_escape(rp_buf *b, const char *s);

#endif
