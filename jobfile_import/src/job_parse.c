/* Jobfile parse entry points: format detection from content, decoding, dispatch to the Hi5, Hi6
 * or DRL parser, and reading files. */
#include <stdio.h>
#include <string.h>

#include "job_internal.h"

ct_job_parse_def ct_job_parse_default_def(void) {
    ct_job_parse_def d;
    d.format = CT_JOB_FMT_AUTO;
    d.file_name = NULL;
    d.print_diags = 0;
    return d;
}

static int has(const char *s, size_t n, const char *w) {
    size_t wl = strlen(w);
    if (n < wl) return 0;
    for (size_t i = 0; i + wl <= n; i++)
        if (s[i] == w[0] && !memcmp(s + i, w, wl)) return 1;
    return 0;
}

ct_job_format ct_job_detect(const char *data, size_t len) {
    if (!data) return CT_JOB_FMT_AUTO;
    if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB && (unsigned char)data[2] == 0xBF) {
        data += 3;
        len -= 3;
    }
    while (len && (*data == ' ' || *data == '\t' || *data == '\r' || *data == '\n')) data++, len--;
    if (len >= 27 && !memcmp(data, "Program File Format Version", 27)) return CT_JOB_FMT_HI5;
    if (len >= 22 && !memcmp(data, "Hyundai Robot Job File", 22)) return CT_JOB_FMT_HI6;
    if (len >= 8 && !memcmp(data, "## Title", 8)) return CT_JOB_FMT_DRL;
    size_t n = len < 65536 ? len : 65536;
    static const char *const drl[] = {"movej(", "movel(", "movec(", "movejx(", "movesj(", "movesx(", "posj(", "posx(",
                                      "set_velj(", "set_velx(", "from DRCF", "set_digital_output(", "wait_digital_input(", NULL};
    for (int i = 0; drl[i]; i++)
        if (has(data, n, drl[i])) return CT_JOB_FMT_DRL;
    if (has(data, n, "spd=") || has(data, n, "accu=")) return CT_JOB_FMT_HI6;
    if (has(data, n, "MOVE ") && (has(data, n, ",S=") || has(data, n, ",A="))) return CT_JOB_FMT_HI5;
    return CT_JOB_FMT_AUTO;
}

ct_status ct_job_parse(const char *data, size_t len, const ct_job_parse_def *def, ct_job_program **out, ct_error *err) {
    ct_job_parse_def d = def ? *def : ct_job_parse_default_def();
    const char *fname = d.file_name ? d.file_name : "<memory>";
    *out = NULL;
    ct_error_clear(err);
    if (!data && len) return ct_error_set(err, CT_ERR_INVALID, fname, 0, 0, "no data");
    ct_job_format fmt = d.format;
    if (fmt == CT_JOB_FMT_AUTO) fmt = ct_job_detect(data, len);
    if (fmt == CT_JOB_FMT_AUTO) {
        if (memchr(data, 0, len)) return ct_error_set(err, CT_ERR_PARSE, fname, 1, 1, "binary data; not a jobfile");
        return ct_error_set(err, CT_ERR_PARSE, fname, 1, 1,
                            "unknown jobfile format (expected a Hyundai Hi5/Hi6 header or Doosan DRL calls); use --format");
    }
    char *text;
    size_t tlen;
    const char *enc;
    int crlf = 0;
    ct_status s = ct_job_decode(data, len, fname, &text, &tlen, &enc, &crlf, err);
    if (s != CT_OK) return s;
    ct_job_program *p = ct_job_program_create();
    if (!p) { ct_free(text); return ct_error_set(err, CT_ERR_NO_MEMORY, fname, 0, 0, "out of memory"); }
    p->format = fmt;
    p->file = ct_job_strdup(p, fname);
    p->encoding = enc;
    p->crlf = crlf;
    ct_job_pctx c;
    memset(&c, 0, sizeof c);
    c.prog = p;
    c.file = p->file;
    c.print_diags = d.print_diags;
    c.err = err;
    c.status = CT_OK;
    if (fmt == CT_JOB_FMT_HI5) ct_job_parse_hi5(&c, text, tlen);
    else if (fmt == CT_JOB_FMT_HI6) ct_job_parse_hi6(&c, text, tlen);
    else ct_job_parse_drl(&c, text, tlen);
    ct_free(text);
    if (c.status != CT_OK) {
        ct_job_program_free(p);
        return c.status;
    }
    *out = p;
    return CT_OK;
}

ct_status ct_job_parse_file(const char *path, const ct_job_parse_def *def, ct_job_program **out, ct_error *err) {
    *out = NULL;
    ct_error_clear(err);
    FILE *f = fopen(path, "rb");
    if (!f) return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot open file");
    size_t cap = 1 << 16, len = 0;
    char *buf = ct_alloc(cap);
    ct_status st = CT_OK;
    while (buf) {
        if (len == cap) {
            if (cap > CT_JOB_MAX_FILE_BYTES) { st = CT_ERR_LIMIT; break; }
            char *nb = ct_realloc(buf, cap * 2);
            if (!nb) { ct_free(buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + len, 1, cap - len, f);
        len += r;
        if (r == 0) {
            if (ferror(f)) st = CT_ERR_IO;
            break;
        }
    }
    fclose(f);
    if (!buf) return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory");
    if (st == CT_ERR_LIMIT) {
        ct_free(buf);
        return ct_error_set(err, st, path, 0, 0, "file larger than the limit %u bytes", CT_JOB_MAX_FILE_BYTES);
    }
    if (st != CT_OK) { ct_free(buf); return ct_error_set(err, st, path, 0, 0, "read error"); }
    ct_job_parse_def d = def ? *def : ct_job_parse_default_def();
    if (!d.file_name) d.file_name = path;
    ct_status s = ct_job_parse(buf, len, &d, out, err);
    ct_free(buf);
    return s;
}
