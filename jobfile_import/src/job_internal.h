/* Private helpers shared by the jobfile parsers and exporters: text decoding, the line-by-line
 * parse context, diagnostics with source positions, small lexing and number helpers. */
#ifndef CELLTWIN_JOB_INTERNAL_H
#define CELLTWIN_JOB_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "celltwin/jobfile.h"
#include "celltwin/strbuf.h"

/* Decodes raw bytes to UTF-8 text: strips a BOM, rejects NUL bytes, converts CP949/EUC-KR with
 * iconv when the bytes are not valid UTF-8. *out is NUL-terminated, freed with ct_free. */
ct_status ct_job_decode(const char *data, size_t len, const char *fname, char **out, size_t *out_len,
                        const char **encoding, int *crlf, ct_error *err);
/* Converts UTF-8 to CP949 with iconv; *out freed with ct_free. */
ct_status ct_job_encode_cp949(const char *utf8, size_t len, char **out, size_t *out_len, ct_error *err);

/* Parse context: one per parse call. */
typedef struct ct_job_pctx {
    ct_job_program *prog;
    const char *file;      /* for diagnostics */
    int print_diags;
    ct_error *err;
    ct_status status;      /* first fatal status (CT_OK while going) */
    const char *line;      /* current (logical) line, NUL-terminated */
    int lineno;            /* its 1-based number */
    int step;              /* current step number for new instructions */
    int depth;             /* block nesting */
} ct_job_pctx;

/* Physical line iterator over decoded text. Returns 0 at the end, -1 when a line is too long. */
typedef struct ct_job_lines { const char *p, *end; int lineno; char *buf; } ct_job_lines;
int ct_job_next_line(ct_job_lines *it, const char **line, size_t *len);

void ct_job_warn(ct_job_pctx *c, const char *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void ct_job_error(ct_job_pctx *c, const char *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Fatal: records err + diagnostic, stops the parse. */
void ct_job_fatal(ct_job_pctx *c, ct_status code, const char *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Column of pointer at in the current line (1-based). */
int ct_job_col(const ct_job_pctx *c, const char *at);
/* Appends an instruction with its source position at `at`; NULL (and fatal) on failure. */
ct_job_instr *ct_job_emit(ct_job_pctx *c, ct_job_kind kind, const char *at);
/* Copies [s, s+n) trimmed of blanks into the program; NULL when empty. */
const char *ct_job_str(ct_job_pctx *c, const char *s, size_t n);
/* An UNSUPPORTED node with the statement text and a warning "what: text". */
void ct_job_unsupported(ct_job_pctx *c, const char *at, const char *stmt, size_t n, const char *what);

/* Lexing helpers. */
const char *ct_job_skip_ws(const char *s);
const char *ct_job_rtrim(const char *s, const char *e); /* new end after trailing blanks */
int ct_job_is_ident_start(int ch);
int ct_job_is_ident(int ch);
/* Case-insensitive keyword match of word at s (followed by a non-identifier char). Returns the
 * pointer after the word or NULL. */
const char *ct_job_kw(const char *s, const char *word);
/* Finds the first `ch` outside quotes and brackets in [s, e) (depth 0), or NULL. */
const char *ct_job_find_top(const char *s, const char *e, char ch);
/* Splits [s, e) on top-level commas into at most max ranges; returns the count (-1 if more). */
int ct_job_split(const char *s, const char *e, const char **bs, const char **be, int max);
/* Parses the whole of [s, e) (trimmed) as a number: decimal, or &H hex / &B binary. */
int ct_job_number(const char *s, const char *e, double *out);
/* Parses a number prefix; returns the end or NULL. */
const char *ct_job_number_prefix(const char *s, double *out);
/* Position of a comment start in line (Hi5: '\'' ; Hi6/DRL: '#', Hi6 also '\''), or NULL. */
const char *ct_job_find_comment(const char *s, int hash, int quote);

/* Output buffer for exporters: the text (celltwin/strbuf.h) and the line end to write. */
typedef struct ct_job_buf { ct_strbuf text; const char *eol; } ct_job_buf;
void ct_job_buf_put(ct_job_buf *b, const char *s, size_t n);
void ct_job_buf_printf(ct_job_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ct_job_buf_eol(ct_job_buf *b);
/* Prints a number with at least min_dec and at most 6 decimals, trailing zeros trimmed. */
void ct_job_buf_num(ct_job_buf *b, double v, int min_dec);

/* Parsers and exporters per format. */
void ct_job_parse_hi5(ct_job_pctx *c, const char *text, size_t len);
void ct_job_parse_hi6(ct_job_pctx *c, const char *text, size_t len);
void ct_job_parse_drl(ct_job_pctx *c, const char *text, size_t len);
/* Hyundai shared statement parsing (hi6 = 0 for Hi5 syntax). Returns 1 when handled. */
int ct_job_hyundai_stmt(ct_job_pctx *c, const char *s, const char *e, int hi6);
void ct_job_write_hi5(const ct_job_program *p, ct_job_buf *b, int *nlossy);
void ct_job_write_hi6(const ct_job_program *p, ct_job_buf *b, int *nlossy);
void ct_job_write_drl(const ct_job_program *p, ct_job_buf *b, int *nlossy);
/* Shared by the Hyundai exporters: speed text "200mm/sec" (0 if not expressible). */
int ct_job_hyundai_speed(const ct_job_speed *s, char *buf, size_t n, int hi6);
/* Lossy-export bookkeeping: counts, logs a warning. */
void ct_job_lossy(int *nlossy, const ct_job_instr *in, const char *what);

#endif
