/* Private helpers shared by the report sources. */
#ifndef CT_REPORT_INTERNAL_H
#define CT_REPORT_INTERNAL_H

#include <stdarg.h>

#include "celltwin/report.h"
#include "celltwin/strbuf.h"
#include "text_utf8.h"

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

/* The writers append to a ct_strbuf (celltwin/strbuf.h) and escape text with ct_utf8_xml_escape. */

#endif
