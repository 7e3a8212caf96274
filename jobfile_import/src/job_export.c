/* Export entry points: runs the per-format writer, applies the output encoding (UTF-8, BOM,
 * CP949) and line ends, and writes files atomically (temporary file + rename). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "job_internal.h"

ct_job_export_def ct_job_export_default_def(void) {
    ct_job_export_def d;
    d.encoding = CT_JOB_ENC_SOURCE;
    d.line_ends = 0;
    return d;
}

ct_status ct_job_export(const ct_job_program *p, ct_job_format fmt, const ct_job_export_def *def, char **out_text,
                        size_t *out_len, int *nlossy, ct_error *err) {
    ct_job_export_def d = def ? *def : ct_job_export_default_def();
    *out_text = NULL;
    *out_len = 0;
    int lossy = 0; /* always counted so that ct_job_lossy can cap its log lines */
    if (!p || fmt == CT_JOB_FMT_AUTO) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "export needs a program and a format");
    ct_job_buf b = {0};
    int crlf = d.line_ends == 2 || (d.line_ends == 0 && fmt == CT_JOB_FMT_HI5);
    b.eol = crlf ? "\r\n" : "\n";
    ct_job_encoding enc = d.encoding;
    if (enc == CT_JOB_ENC_SOURCE)
        enc = !strcmp(p->encoding ? p->encoding : "", "cp949") ? CT_JOB_ENC_CP949
            : !strcmp(p->encoding ? p->encoding : "", "utf-8-bom") ? CT_JOB_ENC_UTF8_BOM : CT_JOB_ENC_UTF8;
    if (enc == CT_JOB_ENC_UTF8_BOM) ct_job_buf_put(&b, "\xEF\xBB\xBF", 3);
    if (fmt == CT_JOB_FMT_HI5) ct_job_write_hi5(p, &b, &lossy);
    else if (fmt == CT_JOB_FMT_HI6) ct_job_write_hi6(p, &b, &lossy);
    else ct_job_write_drl(p, &b, &lossy);
    if (nlossy) *nlossy = lossy;
    if (lossy > 20) ct_log(CT_LOG_WARN, p->file, 0, "export: %d constructs without an equivalent in total", lossy);
    if (b.text.failed || !b.text.data) {
        ct_free(b.text.data);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory while exporting");
    }
    if (enc == CT_JOB_ENC_CP949) {
        char *conv;
        size_t cl;
        ct_status s = ct_job_encode_cp949(b.text.data, b.text.len, &conv, &cl, err);
        ct_free(b.text.data);
        if (s != CT_OK) return s;
        *out_text = conv;
        *out_len = cl;
        return CT_OK;
    }
    *out_text = b.text.data;
    *out_len = b.text.len;
    return CT_OK;
}

ct_status ct_job_write_atomic(const char *path, const char *data, size_t len, ct_error *err) {
    size_t pl = strlen(path);
    char *tmp = ct_alloc(pl + 32);
    if (!tmp) return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory");
    snprintf(tmp, pl + 32, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        ct_status s = ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot create %s: %s", tmp, strerror(errno));
        ct_free(tmp);
        return s;
    }
    int ok = fwrite(data, 1, len, f) == len;
    ok = (fflush(f) == 0) && ok;
    ok = (fsync(fileno(f)) == 0 || errno == EINVAL) && ok;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        ct_status s = ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot write: %s", strerror(errno));
        remove(tmp);
        ct_free(tmp);
        return s;
    }
    ct_free(tmp);
    return CT_OK;
}

ct_status ct_job_export_file(const ct_job_program *p, ct_job_format fmt, const ct_job_export_def *def, const char *path,
                             int *nlossy, ct_error *err) {
    char *text;
    size_t len;
    ct_status s = ct_job_export(p, fmt, def, &text, &len, nlossy, err);
    if (s != CT_OK) return s;
    s = ct_job_write_atomic(path, text, len, err);
    ct_free(text);
    return s;
}
