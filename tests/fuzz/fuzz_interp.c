/* libFuzzer target: the program interpreter on arbitrary programs. The first byte picks the
 * format (Hi5, Hi6, DRL), the rest is the program text; whatever parses is executed on ct_hs220
 * with a small step budget and CALL lookups pointed at a folder that does not exist. Must never
 * crash, leak or hang (expressions, labels, loops, calls, frames). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/interp.h"
#include "celltwin/jobfile.h"

static void quiet(ct_log_level l, const char *f, int line, const char *m, void *u) {
    (void)l; (void)f; (void)line; (void)m; (void)u;
}

static ct_robot *robot(void) {
    static ct_robot *r;
    static int tried;
    if (!tried) {
        tried = 1;
        char path[1024];
        const char *src = __FILE__, *slash = strrchr(src, '/');
        snprintf(path, sizeof path, "%.*s/../../assets/robots/ct_hs220/robot.urdf", (int)(slash ? slash - src : 1), slash ? src : ".");
        ct_robot_def def = ct_robot_default_def();
        def.meshes = CT_MESHES_NONE;
        ct_error err;
        if (ct_robot_load(path, &def, &r, &err) != CT_OK) r = NULL;
    }
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ct_set_log_fn(quiet, NULL);
    if (size < 1 || !robot()) return 0;
    ct_job_parse_def def = ct_job_parse_default_def();
    def.format = data[0] % 3 == 0 ? CT_JOB_FMT_HI5 : data[0] % 3 == 1 ? CT_JOB_FMT_HI6 : CT_JOB_FMT_DRL;
    def.file_name = "/nonexistent-ct-fuzz/0001.JOB";
    ct_job_program *p = NULL;
    ct_error err;
    if (ct_job_parse((const char *)data + 1, size - 1, &def, &p, &err) != CT_OK) return 0;
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = robot();
    ctx.max_steps = 20000;
    ctx.max_cmds = 20000;
    ctx.search_dir = "/nonexistent-ct-fuzz";
    ctx.uframe_defined[1] = 1;
    ctx.signals[0] = (ct_interp_signal){1, 1, -1};
    ctx.nsignals = 1;
    ct_interp_output out;
    if (ct_interp_run(p, &ctx, &out, &err) == CT_OK) ct_interp_output_free(&out);
    ct_job_program_free(p);
    return 0;
}
