/* celltwin jobfile import/export: parse Hyundai Hi5 .JOB, Hyundai Hi6 .job and Doosan .drl text
 * into the program IR (job_ir.h), and write the IR back in any of those formats. */
#ifndef CELLTWIN_JOBFILE_H
#define CELLTWIN_JOBFILE_H

#include "celltwin/job_ir.h"

/* Hard limits against hostile input. Exceeding one is an error (CT_ERR_LIMIT), never a crash. */
#define CT_JOB_MAX_FILE_BYTES (256u << 20) /* whole file */
#define CT_JOB_MAX_LINE_BYTES 16384        /* one physical line */
#define CT_JOB_MAX_NESTING 64              /* if/loop/def depth */
#define CT_JOB_MAX_INSTR 20000000          /* instructions in one program */
#define CT_JOB_MAX_DIAGS 1000              /* stored diagnostics (more are only counted) */

typedef struct ct_job_parse_def {
    ct_job_format format;  /* AUTO (default): detect from content */
    const char *file_name; /* name used in diagnostics and src.file; default "<memory>" */
    int print_diags;       /* 1: print each diagnostic with its caret line to stderr; default 0 */
} ct_job_parse_def;

CT_API ct_job_parse_def ct_job_parse_default_def(void);

/* Detects the format from the first bytes (BOM skipped). AUTO when unknown. */
CT_API ct_job_format ct_job_detect(const char *data, size_t len);

/* Parses text in memory. Unknown statements become UNSUPPORTED nodes with a warning diagnostic;
 * the call fails only for unusable input (unknown format, binary data, a limit exceeded), with
 * err filled and *out NULL. On success *out owns the program (free with ct_job_program_free). */
CT_API ct_status ct_job_parse(const char *data, size_t len, const ct_job_parse_def *def,
                              ct_job_program **out, ct_error *err);
/* Reads and parses a file; def->file_name defaults to path. */
CT_API ct_status ct_job_parse_file(const char *path, const ct_job_parse_def *def, ct_job_program **out,
                                   ct_error *err);

typedef enum ct_job_encoding { CT_JOB_ENC_SOURCE, CT_JOB_ENC_UTF8, CT_JOB_ENC_UTF8_BOM, CT_JOB_ENC_CP949 } ct_job_encoding;

typedef struct ct_job_export_def {
    ct_job_encoding encoding; /* SOURCE (default): as the program was read (UTF-8 when from another format) */
    int line_ends;            /* 0 (default): the format's usual (Hi5: CRLF, else LF); 1 LF; 2 CRLF */
} ct_job_export_def;

CT_API ct_job_export_def ct_job_export_default_def(void);

/* Writes the program in format fmt (not AUTO) into a heap buffer (*out_text, freed with ct_free,
 * NUL-terminated; *out_len bytes). Constructs with no equivalent in fmt are written as comments
 * and counted in *nlossy (may be NULL), with a warning through ct_log. */
CT_API ct_status ct_job_export(const ct_job_program *p, ct_job_format fmt, const ct_job_export_def *def,
                               char **out_text, size_t *out_len, int *nlossy, ct_error *err);
/* Same, written atomically to path (temporary file in the same folder, then rename). */
CT_API ct_status ct_job_export_file(const ct_job_program *p, ct_job_format fmt, const ct_job_export_def *def,
                                    const char *path, int *nlossy, ct_error *err);

/* Atomic file write helper (temp + rename). */
CT_API ct_status ct_job_write_atomic(const char *path, const char *data, size_t len, ct_error *err);

#endif
