/* Shared body of the jobfile fuzz targets: one vendor parser on arbitrary bytes (format forced),
 * then every exporter and the JSON dump on whatever parsed. Must never crash, leak or hang. */
#ifndef CT_FUZZ_JOB_COMMON_H
#define CT_FUZZ_JOB_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "celltwin/jobfile.h"

static void ct_fuzz_quiet(ct_log_level l, const char *f, int line, const char *m, void *u) {
    (void)l; (void)f; (void)line; (void)m; (void)u;
}

static int ct_fuzz_job(const uint8_t *data, size_t size, ct_job_format format) {
    ct_set_log_fn(ct_fuzz_quiet, NULL);
    ct_job_parse_def def = ct_job_parse_default_def();
    def.format = format;
    ct_job_program *p = NULL;
    ct_error err;
    if (ct_job_parse((const char *)data, size, &def, &p, &err) != CT_OK) return 0;
    for (int f = CT_JOB_FMT_HI5; f <= CT_JOB_FMT_DRL; f++) {
        char *text = NULL;
        size_t len = 0;
        if (ct_job_export(p, (ct_job_format)f, NULL, &text, &len, NULL, &err) == CT_OK) ct_free(text);
    }
    char *json = NULL;
    if (ct_job_to_json(p, &json, &err) == CT_OK) ct_free(json);
    ct_job_program_free(p);
    return 0;
}

#endif
