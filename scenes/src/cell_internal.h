/* Private helpers of the cell loader: diagnostics with JSON paths and file positions, the
 * JSON-pointer locator, and the parse step shared by ct_cell_parse and ct_cell_load. */
#ifndef CT_CELL_INTERNAL_H
#define CT_CELL_INTERNAL_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "celltwin/cell.h"

#define CT_CELL_MAX_BYTES (16u * 1024u * 1024u) /* largest cell file accepted */
#define CT_CELL_PATH_MAX 256                    /* longest JSON pointer we build */

/* Diagnostic context of one parse/load. */
typedef struct cell_ctx {
    const char *text;        /* the JSON text (for line/column lookups); may be NULL */
    size_t len;
    const char *file;        /* name used in messages */
    ct_cell_def def;
    ct_error *err;           /* receives the first error */
    int nerr, nwarn;
} cell_ctx;

/* Reports "<path>: <message>" at the line/column of the JSON path (ERROR or WARNING).
 * Returns CT_ERR_INVALID for errors, CT_OK for warnings. */
ct_status ct_cell_diagf(cell_ctx *c, ct_cell_severity sev, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Reports a file-level error (I/O, JSON syntax, size) at line/col (0 = unknown) with the given
 * code: fills err if it is the first error and sends it to the diag callback. Returns code. */
ct_status ct_cell_failf(cell_ctx *c, ct_status code, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Line and column (1-based) of the key (or array element) a JSON pointer names in valid JSON
 * text; when a segment is missing, the position of the deepest container found. Returns 1 when
 * the whole pointer was found, 0 otherwise (line/col still set; 0 when text is NULL). */
int ct_cell_locate(const char *text, size_t len, const char *pointer, int *line, int *col);

/* Line and column (1-based) of a byte offset. */
void ct_cell_offset_to_line_col(const char *text, size_t len, size_t offset, int *line, int *col);

/* Parses and validates the structure of the JSON text into a new cell (no files read).
 * Returns CT_OK or an error (already reported through c); *out is NULL on error. */
ct_status ct_cell_parse_ctx(cell_ctx *c, ct_cell **out);

/* Frees one shape's strings and mesh. */
void ct_cell_shape_free(ct_cell_shape *s);

/* Pose conversions at the file edge: [x,y,z mm, rx,ry,rz deg] <-> SI transform. */
ct_xform ct_cell_pose_from_user(const double v[6]);
void ct_cell_pose_to_user(ct_xform t, double v[6]);

#endif
