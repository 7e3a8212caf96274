/* libFuzzer target: the Hyundai Hi6 HRScript .job parser on arbitrary bytes (format forced), then the exporters and the
 * JSON dump on whatever parsed. Must never crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>

#include "celltwin/jobfile.h"

static void quiet(ct_log_level l, const char *f, int line, const char *m, void *u) {
    (void)l; (void)f; (void)line; (void)m; (void)u;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ct_set_log_fn(quiet, NULL);
    ct_job_parse_def def = ct_job_parse_default_def();
    def.format = CT_JOB_FMT_HI6;
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
