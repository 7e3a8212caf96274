/* Jobfile text handling: encoding detection and conversion (UTF-8, BOM, CP949 via iconv), line
 * iteration with a length cap, diagnostics with positions, and small lexing helpers. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job_internal.h"

/* ---- encodings ---- */

/* Returns the offset of the first invalid UTF-8 sequence, or len when valid. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        if (c < 0x80) { i++; continue; }
        else if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c >= 0xE0 && c <= 0xEF) n = 2;
        else if (c >= 0xF0 && c <= 0xF4) n = 3;
        else return i;
        if (i + n >= len) return i; /* truncated sequence */
        for (size_t k = 1; k <= n; k++)
            if ((s[i + k] & 0xC0) != 0x80) return i;
        if (n == 2 && c == 0xE0 && s[i + 1] < 0xA0) return i;
        if (n == 2 && c == 0xED && s[i + 1] > 0x9F) return i;
        if (n == 3 && c == 0xF0 && s[i + 1] < 0x90) return i;
        if (n == 3 && c == 0xF4 && s[i + 1] > 0x8F) return i;
        i += n + 1;
    }
    return len;
}

static ct_status run_iconv(const char *to, const char *from, const char *in, size_t len, char **out,
                           size_t *out_len) {
    iconv_t cd = iconv_open(to, from);
    if (cd == (iconv_t)-1) return CT_ERR_UNSUPPORTED;
    size_t cap = len * 2 + 16;
    char *buf = ct_alloc(cap);
    if (!buf) { iconv_close(cd); return CT_ERR_NO_MEMORY; }
    char *ip = (char *)in, *op = buf;
    size_t il = len, ol = cap - 1;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    if (r == (size_t)-1 || il != 0) { ct_free(buf); return CT_ERR_PARSE; }
    *op = 0;
    *out = buf;
    *out_len = (size_t)(op - buf);
    return CT_OK;
}

ct_status ct_job_decode(const char *data, size_t len, const char *fname, char **out, size_t *out_len,
                        const char **encoding, int *crlf, ct_error *err) {
    *out = NULL;
    if (len > CT_JOB_MAX_FILE_BYTES)
        return ct_error_set(err, CT_ERR_LIMIT, fname, 0, 0, "file is %zu bytes, more than the limit %u", len,
                            CT_JOB_MAX_FILE_BYTES);
    *encoding = "utf-8";
    if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB && (unsigned char)data[2] == 0xBF) {
        data += 3;
        len -= 3;
        *encoding = "utf-8-bom";
    }
    const char *nul = memchr(data, 0, len);
    if (nul) {
        int line = 1, col = 1;
        for (const char *q = data; q < nul; q++) {
            if (*q == '\n') { line++; col = 1; } else col++;
        }
        return ct_error_set(err, CT_ERR_PARSE, fname, line, col, "binary data (NUL byte); not a jobfile");
    }
    const char *lf = memchr(data, '\n', len);
    *crlf = lf && lf > data && lf[-1] == '\r';
    size_t bad = utf8_invalid_at((const unsigned char *)data, len);
    if (bad == len) {
        char *t = ct_alloc(len + 1);
        if (!t) return ct_error_set(err, CT_ERR_NO_MEMORY, fname, 0, 0, "out of memory");
        memcpy(t, data, len);
        *out = t;
        *out_len = len;
        return CT_OK;
    }
    /* not UTF-8: Korean controllers and tools write CP949 (a superset of EUC-KR) */
    ct_status s = run_iconv("UTF-8", "CP949", data, len, out, out_len);
    if (s == CT_OK) { *encoding = "cp949"; return CT_OK; }
    if (s == CT_ERR_NO_MEMORY) return ct_error_set(err, s, fname, 0, 0, "out of memory");
    int line = 1, col = 1;
    for (size_t q = 0; q < bad; q++) {
        if (data[q] == '\n') { line++; col = 1; } else col++;
    }
    return ct_error_set(err, CT_ERR_PARSE, fname, line, col,
                        "text is neither UTF-8 nor CP949/EUC-KR (byte 0x%02X)", (unsigned char)data[bad]);
}

ct_status ct_job_encode_cp949(const char *utf8, size_t len, char **out, size_t *out_len, ct_error *err) {
    ct_status s = run_iconv("CP949", "UTF-8", utf8, len, out, out_len);
    if (s != CT_OK) return ct_error_set(err, s, NULL, 0, 0, "cannot convert the text to CP949");
    return CT_OK;
}

/* ---- lines ---- */

int ct_job_next_line(ct_job_lines *it, const char **line, size_t *len) {
    if (it->p >= it->end) return 0;
    const char *s = it->p;
    const char *nl = memchr(s, '\n', (size_t)(it->end - s));
    const char *e = nl ? nl : it->end;
    it->p = nl ? nl + 1 : it->end;
    it->lineno++;
    if (e > s && e[-1] == '\r') e--;
    if ((size_t)(e - s) > CT_JOB_MAX_LINE_BYTES) return -1;
    memcpy(it->buf, s, (size_t)(e - s));
    it->buf[e - s] = 0;
    /* stray CR inside a line (old Mac ends) count as blanks */
    for (char *q = it->buf; *q; q++)
        if (*q == '\r') *q = ' ';
    *line = it->buf;
    *len = (size_t)(e - s);
    return 1;
}

/* ---- diagnostics ---- */

int ct_job_col(const ct_job_pctx *c, const char *at) {
    if (!c->line || !at || at < c->line) return 1;
    size_t n = strlen(c->line);
    if ((size_t)(at - c->line) > n) return (int)n + 1;
    return (int)(at - c->line) + 1;
}

static void vdiag(ct_job_pctx *c, ct_job_severity sev, const char *at, const char *fmt, va_list ap) {
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    int before = c->prog->ndiag;
    ct_job_diagf(c->prog, sev, c->file, c->lineno, ct_job_col(c, at), c->line, "%s", msg);
    if (c->print_diags && c->prog->ndiag > before) ct_job_diag_print(c->prog, c->prog->ndiag - 1, stderr);
}

void ct_job_warn(ct_job_pctx *c, const char *at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(c, CT_JOB_WARNING, at, fmt, ap);
    va_end(ap);
}

void ct_job_error(ct_job_pctx *c, const char *at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(c, CT_JOB_ERROR, at, fmt, ap);
    va_end(ap);
}

void ct_job_fatal(ct_job_pctx *c, ct_status code, const char *at, const char *fmt, ...) {
    if (c->status != CT_OK) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->status = code;
    ct_error_set(c->err, code, c->file, c->lineno, ct_job_col(c, at), "%s", msg);
    ct_job_error(c, at, "%s", msg);
}

ct_job_instr *ct_job_emit(ct_job_pctx *c, ct_job_kind kind, const char *at) {
    if (c->status != CT_OK) return NULL;
    ct_job_instr *in = ct_job_append(c->prog, kind);
    if (!in) {
        ct_job_fatal(c, c->prog->ninstr >= CT_JOB_MAX_INSTR ? CT_ERR_LIMIT : CT_ERR_NO_MEMORY, at,
                     "cannot add instruction %d (limit %d or out of memory)", c->prog->ninstr + 1, CT_JOB_MAX_INSTR);
        return NULL;
    }
    in->src.file = c->prog->file;
    in->src.line = c->lineno;
    in->src.column = ct_job_col(c, at);
    in->src.step = c->step;
    return in;
}

const char *ct_job_str(ct_job_pctx *c, const char *s, size_t n) {
    const char *e = s + n;
    s = ct_job_skip_ws(s);
    if (s > e) s = e;
    e = ct_job_rtrim(s, e);
    if (e <= s) return NULL;
    return ct_job_strndup(c->prog, s, (size_t)(e - s));
}

void ct_job_unsupported(ct_job_pctx *c, const char *at, const char *stmt, size_t n, const char *what) {
    const char *t = ct_job_str(c, stmt, n);
    ct_job_warn(c, at, "%s: '%.80s'", what, t ? t : "");
    ct_job_instr *in = ct_job_emit(c, CT_JOB_UNSUPPORTED, at);
    if (in) in->text = t;
}

/* ---- lexing ---- */

const char *ct_job_skip_ws(const char *s) {
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

const char *ct_job_rtrim(const char *s, const char *e) {
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
    return e;
}

int ct_job_is_ident_start(int ch) { return isalpha(ch) || ch == '_' || ch >= 0x80; }
int ct_job_is_ident(int ch) { return isalnum(ch) || ch == '_' || ch >= 0x80; }

const char *ct_job_kw(const char *s, const char *word) {
    size_t n = strlen(word);
    if (strncasecmp(s, word, n) != 0) return NULL;
    if (ct_job_is_ident((unsigned char)s[n])) return NULL;
    return s + n;
}

const char *ct_job_find_top(const char *s, const char *e, char ch) {
    int depth = 0;
    char q = 0;
    for (const char *p = s; p < e; p++) {
        if (q) { if (*p == q) q = 0; continue; }
        if (*p == '"' || (*p == '\'' && ch != '\'')) { q = *p; continue; }
        if (depth == 0 && *p == ch) return p;
        if (*p == '(' || *p == '[' || *p == '{') depth++;
        else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0) depth--;
    }
    return NULL;
}

int ct_job_split(const char *s, const char *e, const char **bs, const char **be, int max) {
    int n = 0;
    for (;;) {
        const char *c = ct_job_find_top(s, e, ',');
        const char *end = c ? c : e;
        if (n == max) return -1;
        bs[n] = ct_job_skip_ws(s);
        if (bs[n] > end) bs[n] = end;
        be[n] = ct_job_rtrim(bs[n], end);
        n++;
        if (!c) return n;
        s = c + 1;
    }
}

const char *ct_job_number_prefix(const char *s, double *out) {
    if ((s[0] == '&') && (s[1] == 'H' || s[1] == 'h' || s[1] == 'B' || s[1] == 'b')) {
        int base = (s[1] == 'H' || s[1] == 'h') ? 16 : 2;
        const char *p = s + 2;
        double v = 0;
        int nd = 0;
        for (;; p++, nd++) {
            int d;
            if (*p >= '0' && *p <= '9') d = *p - '0';
            else if (base == 16 && *p >= 'a' && *p <= 'f') d = *p - 'a' + 10;
            else if (base == 16 && *p >= 'A' && *p <= 'F') d = *p - 'A' + 10;
            else break;
            if (d >= base || nd >= 16) return NULL;
            v = v * base + d;
        }
        if (nd == 0) return NULL;
        *out = v;
        return p;
    }
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    if (!(isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1])))) return NULL;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno == ERANGE || !isfinite(v)) return NULL;
    /* strtod accepts hex floats and inf/nan: reject anything but plain decimals */
    for (const char *q = s; q < end; q++)
        if (!(isdigit((unsigned char)*q) || *q == '.' || *q == '-' || *q == '+' || *q == 'e' || *q == 'E')) return NULL;
    *out = v;
    return end;
}

int ct_job_number(const char *s, const char *e, double *out) {
    s = ct_job_skip_ws(s);
    if (s > e) s = e;
    e = ct_job_rtrim(s, e);
    if (e <= s || e - s > 64) return 0;
    char tmp[72];
    memcpy(tmp, s, (size_t)(e - s));
    tmp[e - s] = 0;
    const char *end = ct_job_number_prefix(tmp, out);
    return end && *end == 0;
}

const char *ct_job_find_comment(const char *s, int hash, int quote) {
    char q = 0;
    for (const char *p = s; *p; p++) {
        if (q) { if (*p == q) q = 0; continue; }
        if (*p == '"') { q = '"'; continue; }
        if (quote && *p == '\'') return p;
        /* '#' starts a comment only at the start or after a blank ("ASF#=1" is not one) */
        if (hash && *p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t' || p[-1] == ';')) return p;
        if (!quote && hash == 2 && *p == '\'') { q = '\''; continue; } /* DRL single-quoted strings */
    }
    return NULL;
}

/* ---- output buffer ---- */

void ct_job_buf_put(ct_job_buf *b, const char *s, size_t n) { ct_strbuf_put(&b->text, s, n); }

void ct_job_buf_printf(ct_job_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ct_strbuf_vprintf(&b->text, fmt, ap);
    va_end(ap);
}

void ct_job_buf_eol(ct_job_buf *b) { ct_job_buf_put(b, b->eol, strlen(b->eol)); }

void ct_job_buf_num(ct_job_buf *b, double v, int min_dec) {
    char tmp[64];
    if (fabs(v) < 5e-7) v = 0; /* no "-0.000" */
    snprintf(tmp, sizeof tmp, "%.6f", v);
    char *dot = strchr(tmp, '.');
    if (dot) {
        char *e = tmp + strlen(tmp);
        while (e > dot + 1 + min_dec && e[-1] == '0') e--;
        if (e == dot + 1) e = dot; /* min_dec 0 and integral */
        *e = 0;
    }
    ct_job_buf_put(b, tmp, strlen(tmp));
}

void ct_job_lossy(int *nlossy, const ct_job_instr *in, const char *what) {
    if (nlossy) (*nlossy)++;
    if (nlossy && *nlossy > 20) return; /* the export reports the total */
    ct_log(CT_LOG_WARN, in->src.file, in->src.line, "export: %s has no equivalent; written as a comment", what);
}
