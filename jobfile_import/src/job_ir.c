/* Program IR storage: the program object, its chunked string/array pool, instruction append,
 * diagnostics and kind names. */
#include "celltwin/job_ir.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "celltwin/jobfile.h"
#include "celltwin/math.h"

/* Chunked bump pool: blocks are never moved, so returned pointers stay valid until free. */
typedef struct ct_job_chunk {
    struct ct_job_chunk *next;
    size_t used, cap;
    /* data follows */
} ct_job_chunk;

typedef struct ct_job_pool {
    ct_job_chunk *head;
    int instr_cap;
    int diag_cap;
} ct_job_pool;

#define CT_JOB_CHUNK 65536u

static void *pool_alloc(ct_job_pool *pool, size_t size) {
    size = (size + 7u) & ~(size_t)7u;
    ct_job_chunk *c = pool->head;
    if (!c || c->cap - c->used < size) {
        size_t cap = size > CT_JOB_CHUNK ? size : CT_JOB_CHUNK;
        ct_job_chunk *n = ct_alloc(sizeof(ct_job_chunk) + cap);
        if (!n) return NULL;
        n->cap = cap;
        n->used = 0;
        if (c && size > CT_JOB_CHUNK) { /* keep filling the current chunk after a big one */
            n->next = c->next;
            c->next = n;
            n->used = size;
            return (unsigned char *)(n + 1);
        }
        n->next = c;
        pool->head = c = n;
    }
    void *r = (unsigned char *)(c + 1) + c->used;
    c->used += size;
    memset(r, 0, size);
    return r;
}

ct_job_program *ct_job_program_create(void) {
    ct_job_program *p = ct_alloc(sizeof *p);
    if (!p) return NULL;
    p->pool_ = ct_alloc(sizeof(ct_job_pool));
    if (!p->pool_) { ct_free(p); return NULL; }
    p->ir_version = CT_JOB_IR_VERSION;
    p->total_axis = -1;
    p->aux_axis = -1;
    p->encoding = "utf-8";
    return p;
}

void ct_job_program_free(ct_job_program *p) {
    if (!p) return;
    ct_job_chunk *c = p->pool_->head;
    while (c) {
        ct_job_chunk *n = c->next;
        ct_free(c);
        c = n;
    }
    ct_free(p->pool_);
    ct_free(p->instr);
    ct_free(p->diag);
    ct_free(p);
}

void *ct_job_palloc(ct_job_program *p, size_t size) { return pool_alloc(p->pool_, size ? size : 1); }

const char *ct_job_strndup(ct_job_program *p, const char *s, size_t n) {
    if (!s) return NULL;
    char *d = pool_alloc(p->pool_, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

const char *ct_job_strdup(ct_job_program *p, const char *s) { return s ? ct_job_strndup(p, s, strlen(s)) : NULL; }

ct_job_instr *ct_job_append(ct_job_program *p, ct_job_kind kind) {
    ct_job_pool *pool = p->pool_;
    if (p->ninstr >= CT_JOB_MAX_INSTR) return NULL;
    if (p->ninstr == pool->instr_cap) {
        int cap = pool->instr_cap ? pool->instr_cap * 2 : 64;
        if (cap > CT_JOB_MAX_INSTR) cap = CT_JOB_MAX_INSTR;
        ct_job_instr *n = ct_realloc(p->instr, (size_t)cap * sizeof *n);
        if (!n) return NULL;
        p->instr = n;
        pool->instr_cap = cap;
    }
    ct_job_instr *in = &p->instr[p->ninstr++];
    memset(in, 0, sizeof *in);
    in->kind = kind;
    in->value = NAN;
    in->value2 = NAN;
    return in;
}

void ct_job_target_init(ct_job_target *t) {
    memset(t, 0, sizeof *t);
    t->cfg = -1;
    t->sol = -1;
}

static void speed_init(ct_job_speed *s) {
    memset(s, 0, sizeof *s);
    s->value = NAN;
    s->value2 = NAN;
}

ct_job_motion *ct_job_motion_new(ct_job_program *p, ct_job_motion_type type, int ntarget) {
    ct_job_motion *m = ct_job_palloc(p, sizeof *m);
    if (!m) return NULL;
    m->type = type;
    m->group = 1;
    m->ntarget = ntarget;
    m->target = ct_job_palloc(p, sizeof(ct_job_target) * (size_t)(ntarget > 0 ? ntarget : 1));
    if (!m->target) return NULL;
    for (int i = 0; i < ntarget; i++) ct_job_target_init(&m->target[i]);
    speed_init(&m->speed);
    speed_init(&m->accel);
    m->time = NAN;
    m->accuracy = -1;
    m->radius = NAN;
    m->tool = -1;
    m->ra = -1;
    return m;
}

double *ct_job_target_values(ct_job_program *p, ct_job_target *t, int n) {
    if (n < 0 || n > CT_JOB_MAX_AXES) return NULL;
    t->v = ct_job_palloc(p, sizeof(double) * (size_t)(n ? n : 1));
    t->n = t->v ? n : 0;
    return t->v;
}

void ct_job_diagf(ct_job_program *p, ct_job_severity sev, const char *file, int line, int col,
                  const char *source_line, const char *fmt, ...) {
    if (sev == CT_JOB_ERROR) p->nerrors++;
    else if (sev == CT_JOB_WARNING) p->nwarnings++;
    if (p->ndiag >= CT_JOB_MAX_DIAGS) return;
    ct_job_pool *pool = p->pool_;
    if (p->ndiag == pool->diag_cap) {
        int cap = pool->diag_cap ? pool->diag_cap * 2 : 16;
        ct_job_diag *n = ct_realloc(p->diag, (size_t)cap * sizeof *n);
        if (!n) return;
        p->diag = n;
        pool->diag_cap = cap;
    }
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ct_job_diag *d = &p->diag[p->ndiag++];
    d->severity = sev;
    d->file = ct_job_strdup(p, file ? file : "<memory>");
    d->line = line;
    d->column = col;
    d->message = ct_job_strdup(p, msg);
    /* keep at most 300 bytes of the source line: enough context for the caret */
    d->source_line = source_line ? ct_job_strndup(p, source_line, strnlen(source_line, 300)) : NULL;
}

void ct_job_diag_print(const ct_job_program *p, int i, FILE *f) {
    if (i < 0 || i >= p->ndiag) return;
    const ct_job_diag *d = &p->diag[i];
    const char *sev = d->severity == CT_JOB_ERROR ? "error" : d->severity == CT_JOB_WARNING ? "warning" : "note";
    fprintf(f, "%s:%d:%d: %s: %s\n", d->file ? d->file : "", d->line, d->column, sev, d->message);
    if (d->source_line) {
        fprintf(f, "%s\n", d->source_line);
        int col = d->column > 0 ? d->column : 1;
        int len = (int)strlen(d->source_line);
        for (int k = 1; k < col && k <= len; k++) fputc(d->source_line[k - 1] == '\t' ? '\t' : ' ', f);
        fputs("^\n", f);
    }
}

static const char *const kind_names[CT_JOB_KIND_COUNT] = {
    "motion", "io_set", "wait", "delay", "call", "goto", "gosub", "return", "label", "if", "elseif",
    "else", "endif", "loop", "endloop", "break", "continue", "assign", "declare", "def", "enddef",
    "setting", "event", "comment", "stop", "end", "unsupported"};

const char *ct_job_kind_name(ct_job_kind k) {
    return (k >= 0 && k < CT_JOB_KIND_COUNT) ? kind_names[k] : "?";
}

const char *ct_job_motion_type_name(ct_job_motion_type t) {
    switch (t) {
    case CT_JOB_PTP: return "PTP";
    case CT_JOB_LIN: return "LIN";
    case CT_JOB_CIRC: return "CIRC";
    case CT_JOB_SPLINE: return "SPLINE";
    }
    return "?";
}

const char *ct_job_format_name(ct_job_format f) {
    switch (f) {
    case CT_JOB_FMT_AUTO: return "auto";
    case CT_JOB_FMT_HI5: return "hi5";
    case CT_JOB_FMT_HI6: return "hi6";
    case CT_JOB_FMT_DRL: return "drl";
    }
    return "?";
}

void ct_job_target_rotation(const ct_job_target *t, double R[9]) {
    ct_mat3 r = ct_m3_identity();
    if (t->kind == CT_JOB_TGT_CART && t->n >= 6) {
        if (t->euler == CT_JOB_EULER_ZYZ) {
            ct_mat3 a = ct_m3_axis_angle(ct_v3(0, 0, 1), t->v[3]);
            ct_mat3 b = ct_m3_axis_angle(ct_v3(0, 1, 0), t->v[4]);
            ct_mat3 c = ct_m3_axis_angle(ct_v3(0, 0, 1), t->v[5]);
            r = ct_m3_mul(ct_m3_mul(a, b), c);
        } else {
            r = ct_m3_from_rpy(t->v[3], t->v[4], t->v[5]);
        }
    }
    memcpy(R, r.m, sizeof r.m);
}
