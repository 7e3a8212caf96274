/* celltwin import / convert: read a jobfile (Hyundai Hi5/Hi6, Doosan DRL) into the program IR,
 * print its summary, diagnostics or JSON; or write it in another format (atomically). */
#include <stdio.h>
#include <string.h>

#include "celltwin/jobfile.h"
#include "cli.h"

static const char *import_usage = "celltwin import <file> [--format auto|hi5|hi6|drl] [--json]";
static const char *convert_usage = "celltwin convert <in> --to hi5|hi6|drl -o <out> [--format auto|hi5|hi6|drl]";

static int parse_format(const char *s, ct_job_format *f) {
    if (!strcmp(s, "auto")) *f = CT_JOB_FMT_AUTO;
    else if (!strcmp(s, "hi5")) *f = CT_JOB_FMT_HI5;
    else if (!strcmp(s, "hi6")) *f = CT_JOB_FMT_HI6;
    else if (!strcmp(s, "drl")) *f = CT_JOB_FMT_DRL;
    else return 0;
    return 1;
}

/* Parses the file, printing diagnostics with caret lines to stderr. */
static int load(const char *path, ct_job_format fmt, ct_job_program **p) {
    ct_job_parse_def def = ct_job_parse_default_def();
    def.format = fmt;
    ct_error err;
    if (ct_job_parse_file(path, &def, p, &err) != CT_OK) return ct_cli_report(&err);
    for (int i = 0; i < (*p)->ndiag; i++) ct_job_diag_print(*p, i, stderr);
    int stored = (*p)->ndiag, total = (*p)->nerrors + (*p)->nwarnings;
    if (total > stored) fprintf(stderr, "(%d more diagnostics not shown)\n", total - stored);
    return CT_EXIT_OK;
}

int ct_cmd_import(int argc, char **argv) {
    const char *path = NULL;
    ct_job_format fmt = CT_JOB_FMT_AUTO;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { printf("usage: %s\n", import_usage); return CT_EXIT_OK; }
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            if (!parse_format(argv[++i], &fmt)) return ct_cli_usage_error("import", import_usage, "unknown format '%s'", argv[i]);
        } else if (argv[i][0] == '-') return ct_cli_usage_error("import", import_usage, "unknown option '%s'", argv[i]);
        else if (!path) path = argv[i];
        else return ct_cli_usage_error("import", import_usage, "more than one file");
    }
    if (!path) return ct_cli_usage_error("import", import_usage, "missing file");
    ct_job_program *p = NULL;
    int rc = load(path, fmt, &p);
    if (rc != CT_EXIT_OK) return rc;
    if (json) {
        char *txt;
        ct_error err;
        if (ct_job_to_json(p, &txt, &err) != CT_OK) { ct_job_program_free(p); return ct_cli_report(&err); }
        printf("%s\n", txt);
        ct_free(txt);
    } else {
        int counts[CT_JOB_KIND_COUNT] = {0};
        for (int i = 0; i < p->ninstr; i++) counts[p->instr[i].kind]++;
        printf("%s: format %s, encoding %s, %d instructions, %d motions, %d unsupported, %d errors, %d warnings\n", path,
               ct_job_format_name(p->format), p->encoding, p->ninstr, counts[CT_JOB_MOTION], counts[CT_JOB_UNSUPPORTED],
               p->nerrors, p->nwarnings);
        if (p->mech_type || p->total_axis >= 0)
            printf("header: version %s, mech %s, total axes %d, aux axes %d\n", p->version ? p->version : "-",
                   p->mech_type ? p->mech_type : "-", p->total_axis, p->aux_axis);
        for (int k = 0; k < CT_JOB_KIND_COUNT; k++)
            if (counts[k]) printf("  %-12s %d\n", ct_job_kind_name((ct_job_kind)k), counts[k]);
    }
    rc = p->nerrors ? CT_EXIT_FINDING : CT_EXIT_OK;
    ct_job_program_free(p);
    return rc;
}

int ct_cmd_convert(int argc, char **argv) {
    const char *in = NULL, *out = NULL;
    ct_job_format fmt = CT_JOB_FMT_AUTO, to = CT_JOB_FMT_AUTO;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { printf("usage: %s\n", convert_usage); return CT_EXIT_OK; }
        if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            if (!parse_format(argv[++i], &fmt)) return ct_cli_usage_error("convert", convert_usage, "unknown format '%s'", argv[i]);
        } else if (!strcmp(argv[i], "--to") && i + 1 < argc) {
            if (!parse_format(argv[++i], &to) || to == CT_JOB_FMT_AUTO)
                return ct_cli_usage_error("convert", convert_usage, "unknown target format '%s'", argv[i]);
        } else if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else if (argv[i][0] == '-') return ct_cli_usage_error("convert", convert_usage, "unknown option '%s'", argv[i]);
        else if (!in) in = argv[i];
        else return ct_cli_usage_error("convert", convert_usage, "more than one input file");
    }
    if (!in || !out || to == CT_JOB_FMT_AUTO) return ct_cli_usage_error("convert", convert_usage, "needs <in>, --to and -o");
    ct_job_program *p = NULL;
    int rc = load(in, fmt, &p);
    if (rc != CT_EXIT_OK) return rc;
    ct_job_export_def def = ct_job_export_default_def();
    if (p->format != to) def.encoding = CT_JOB_ENC_UTF8; /* another vendor: plain UTF-8 */
    int lossy = 0;
    ct_error err;
    ct_status s = ct_job_export_file(p, to, &def, out, &lossy, &err);
    ct_job_program_free(p);
    if (s != CT_OK) return ct_cli_report(&err);
    printf("%s -> %s (%s)%s", in, out, ct_job_format_name(to), lossy ? "" : "\n");
    if (lossy) printf(": %d construct(s) without an equivalent were written as comments\n", lossy);
    return CT_EXIT_OK;
}
