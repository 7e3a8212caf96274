/* Cell diagnostics: "<file>:<line>:<col>: error: <json path>: <message>". cJSON keeps no
 * positions, so the line of a JSON path is found by walking the (already valid) JSON text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell_internal.h"

void ct_cell_offset_to_line_col(const char *text, size_t len, size_t offset, int *line, int *col) {
    int l = 1, c = 1;
    if (offset > len) offset = len;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') { l++; c = 1; }
        else c++;
    }
    *line = l;
    *col = c;
}

static size_t skip_ws(const char *t, size_t n, size_t i) {
    while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
    return i;
}

/* i at '"': returns the index after the closing quote. */
static size_t skip_string(const char *t, size_t n, size_t i) {
    for (i++; i < n; i++) {
        if (t[i] == '\\') i++;
        else if (t[i] == '"') return i + 1;
    }
    return n;
}

/* Skips one value of any kind without recursion (brackets counted outside strings). */
static size_t skip_value(const char *t, size_t n, size_t i) {
    int depth = 0;
    while (i < n) {
        char ch = t[i];
        if (ch == '"') {
            i = skip_string(t, n, i);
            if (depth == 0) return i;
            continue;
        }
        if (ch == '{' || ch == '[') depth++;
        else if (ch == '}' || ch == ']') {
            if (depth == 0) return i; /* end of the enclosing container */
            if (--depth == 0) return i + 1;
        } else if (depth == 0 && (ch == ',' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'))
            return i;
        i++;
    }
    return n;
}

/* Compares the JSON string at t[i] ('"') with the key seg[0..slen) (plain keys; a key with
 * escapes compares unequal except for \" and \\). */
static int key_equals(const char *t, size_t n, size_t i, const char *seg, size_t slen) {
    size_t k = 0;
    for (i++; i < n && t[i] != '"'; i++) {
        char ch = t[i];
        if (ch == '\\') {
            if (i + 1 >= n) return 0;
            ch = t[++i];
            if (ch != '"' && ch != '\\' && ch != '/') return 0;
        }
        if (k >= slen || seg[k] != ch) return 0;
        k++;
    }
    return k == slen;
}

int ct_cell_locate(const char *text, size_t len, const char *pointer, int *line, int *col) {
    *line = 0;
    *col = 0;
    if (!text) return 0;
    size_t i = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB && (unsigned char)text[2] == 0xBF) i = 3;
    i = skip_ws(text, len, i);
    size_t found = i; /* position reported */
    int complete = 1;
    const char *p = pointer;
    while (*p == '/') {
        const char *seg = p + 1;
        const char *end = strchr(seg, '/');
        size_t slen = end ? (size_t)(end - seg) : strlen(seg);
        p = seg + slen;
        if (i >= len) { complete = 0; break; }
        if (text[i] == '{') {
            size_t j = skip_ws(text, len, i + 1), hit = (size_t)-1;
            while (j < len && text[j] == '"') {
                size_t key = j;
                j = skip_ws(text, len, skip_string(text, len, j));
                if (j < len && text[j] == ':') j = skip_ws(text, len, j + 1);
                if (key_equals(text, len, key, seg, slen)) { hit = key; break; }
                j = skip_ws(text, len, skip_value(text, len, j));
                if (j < len && text[j] == ',') j = skip_ws(text, len, j + 1);
                else break;
            }
            if (hit == (size_t)-1) { complete = 0; break; }
            found = hit;
            i = j;
        } else if (text[i] == '[') {
            char *e;
            long idx = strtol(seg, &e, 10);
            if (e != seg + slen || idx < 0) { complete = 0; break; }
            size_t j = skip_ws(text, len, i + 1);
            long k = 0;
            while (k < idx && j < len && text[j] != ']') {
                j = skip_ws(text, len, skip_value(text, len, j));
                if (j < len && text[j] == ',') j = skip_ws(text, len, j + 1);
                k++;
            }
            if (k < idx || j >= len || text[j] == ']') { complete = 0; break; }
            found = j;
            i = j;
        } else {
            complete = 0;
            break;
        }
    }
    ct_cell_offset_to_line_col(text, len, found, line, col);
    return complete;
}

ct_status ct_cell_diagf(cell_ctx *c, ct_cell_severity sev, const char *path, const char *fmt, ...) {
    char msg[400], full[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "%s: %s", path && path[0] ? path : "/", msg);
    int line = 0, col = 0;
    if (path) ct_cell_locate(c->text, c->len, path, &line, &col);
    int first_error = sev == CT_CELL_ERROR && c->nerr == 0;
    if (sev == CT_CELL_ERROR) {
        c->nerr++;
        if (first_error) ct_error_set(c->err, CT_ERR_INVALID, c->file, line, col, "%s", full);
    } else {
        c->nwarn++;
    }
    if (c->def.diag) {
        ct_cell_diag d = {sev, c->file, line, col, full};
        c->def.diag(&d, c->def.diag_user);
    } else if (!first_error) {
        ct_log(sev == CT_CELL_ERROR ? CT_LOG_ERROR : CT_LOG_WARN, c->file ? c->file : "<cell>", line, "%s", full);
    }
    return sev == CT_CELL_ERROR ? CT_ERR_INVALID : CT_OK;
}

ct_status ct_cell_failf(cell_ctx *c, ct_status code, int line, int col, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c->nerr++ == 0) ct_error_set(c->err, code, c->file, line, col, "%s", msg);
    if (c->def.diag) {
        ct_cell_diag d = {CT_CELL_ERROR, c->file, line, col, msg};
        c->def.diag(&d, c->def.diag_user);
    }
    return code;
}
