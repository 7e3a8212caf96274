/* Program interpreter: the default context, the vendor configuration-word mappings, and the output
 * store (commands, owned strings, diagnostics with file:line). */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "celltwin/ik.h"
#include "interp_internal.h"

ct_program_context ct_program_default_context(void) {
    ct_program_context c;
    memset(&c, 0, sizeof c);
    for (int i = 0; i < CT_INTERP_MAX_TOOLS; i++) c.tool[i] = ct_xf_identity();
    for (int i = 0; i < CT_INTERP_MAX_UFRAMES; i++) c.uframe[i] = ct_xf_identity();
    static const double acc_mm[8] = {0, 10, 25, 50, 100, 200, 400, 800};
    for (int i = 0; i < 8; i++) c.accuracy_blend[i] = acc_mm[i] * 1e-3;
    c.ptp_percent_scale = 1.0;
    c.lin_max_speed = 2.0;
    c.cart_accel = 4.0;
    c.drl_velj = 60 * CT_DEG;
    c.drl_accj = 100 * CT_DEG;
    c.drl_velx = 0.25;
    c.drl_accx = 1.0;
    c.config_mode = CT_INTERP_CFG_ANY;
    c.max_steps = 1000000;
    c.max_call_depth = 32;
    c.max_cmds = 10000000;
    return c;
}

unsigned ct_interp_hi5_cfg_flags(int cfg) {
    if (cfg < 0) return CT_MCMD_CONFIG_ANY;
    unsigned f = 0;
    if (cfg & 0x2) f |= CT_IK_BACK;
    if (cfg & 0x4) f |= CT_IK_ELBOW_DOWN;
    if (!(cfg & 0x8)) f |= CT_IK_WRIST_FLIP;
    return f;
}

unsigned ct_interp_hi6_cfg_flags(const char *flags) {
    if (!flags) return CT_MCMD_CONFIG_ANY;
    unsigned f = 0;
    const char *p = flags;
    while (*p) {
        while (*p == ';' || *p == ' ') p++;
        const char *e = p;
        while (*e && *e != ';') e++;
        size_t n = (size_t)(e - p);
        while (n && p[n - 1] == ' ') n--;
        if (n == 4 && !strncasecmp(p, "auto", 4)) return CT_MCMD_CONFIG_ANY;
        if (n == 2 && !strncasecmp(p, "re", 2)) f |= CT_IK_BACK;
        if (n == 2 && !strncasecmp(p, "dn", 2)) f |= CT_IK_ELBOW_DOWN;
        if (n == 2 && !strncasecmp(p, "fl", 2)) f |= CT_IK_WRIST_FLIP;
        p = e;
    }
    return f;
}

unsigned ct_interp_drl_sol_flags(int sol) {
    if (sol < 0 || sol > 7) return CT_MCMD_CONFIG_ANY;
    unsigned f = 0;
    if (sol & 4) f |= CT_IK_BACK;
    if (sol & 2) f |= CT_IK_ELBOW_DOWN;
    if (sol & 1) f |= CT_IK_WRIST_FLIP;
    return f;
}

/* ---- store ---- */

const char *ip_strdup(ip_state *st, const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    ct_interp_store *store = st->out->store_;
    ip_strblock *b = store->strings;
    if (!b || b->used + n > b->cap) {
        size_t cap = n > 65536 ? n : 65536;
        ip_strblock *nb = ct_alloc(sizeof *nb + cap);
        if (!nb) { st->status = CT_ERR_NO_MEMORY; return ""; }
        nb->cap = cap;
        nb->next = b;
        store->strings = b = nb;
    }
    char *d = b->data + b->used;
    memcpy(d, s, n);
    b->used += n;
    return d;
}

ct_motion_cmd *ip_emit(ip_state *st, ct_mcmd_type type, const ct_job_instr *in) {
    ct_interp_output *o = st->out;
    ct_interp_store *store = o->store_;
    if (o->ncmd >= st->ctx->max_cmds) {
        if (!st->stop) ip_diag(st, CT_INTERP_ERROR, in, "more than %d motion commands; execution stopped", st->ctx->max_cmds);
        st->stop = 1;
        return NULL;
    }
    if (o->ncmd == store->cmd_cap) {
        int cap = store->cmd_cap ? store->cmd_cap * 2 : 256;
        ct_motion_cmd *c = ct_realloc(o->cmds, sizeof *c * (size_t)cap);
        int *hc = ct_realloc(st->hyundai_circ, sizeof *hc * (size_t)cap);
        if (hc) st->hyundai_circ = hc;
        if (!c || !hc) {
            if (c) o->cmds = c;
            st->status = CT_ERR_NO_MEMORY;
            st->stop = 1;
            return NULL;
        }
        o->cmds = c;
        store->cmd_cap = cap;
    }
    ct_motion_cmd *c = &o->cmds[o->ncmd];
    st->hyundai_circ[o->ncmd] = 0;
    o->ncmd++;
    memset(c, 0, sizeof *c);
    c->type = type;
    c->pose = c->via = c->tool = ct_xf_identity();
    c->config = CT_MCMD_CONFIG_ANY;
    c->speed = 1.0;
    c->accel = 1.0;
    c->src.file = st->progs[st->cur_prog].file;
    c->src.line = in ? in->src.line : 0;
    c->src.step = in && in->src.step > 0 ? in->src.step : -1;
    return c;
}

static void vdiag(ip_state *st, ct_interp_severity sev, const ct_job_instr *in, const char *fmt, va_list ap) {
    ct_interp_output *o = st->out;
    ct_interp_store *store = o->store_;
    if (sev == CT_INTERP_WARNING) o->nwarnings++;
    if (sev == CT_INTERP_ERROR) o->nerrors++;
    if (o->ndiag >= 1000) return;
    if (o->ndiag == store->diag_cap) {
        int cap = store->diag_cap ? store->diag_cap * 2 : 32;
        ct_interp_diag *d = ct_realloc(o->diag, sizeof *d * (size_t)cap);
        if (!d) { st->status = CT_ERR_NO_MEMORY; st->stop = 1; return; }
        o->diag = d;
        store->diag_cap = cap;
    }
    ct_interp_diag *d = &o->diag[o->ndiag++];
    d->severity = sev;
    d->file = st->nprog ? st->progs[st->cur_prog].file : "";
    d->line = in ? in->src.line : 0;
    d->step = in && in->src.step > 0 ? in->src.step : -1;
    vsnprintf(d->message, sizeof d->message, fmt, ap);
}

void ip_diag(ip_state *st, ct_interp_severity sev, const ct_job_instr *in, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdiag(st, sev, in, fmt, ap);
    va_end(ap);
}

void ip_diag_once(ip_state *st, ct_interp_severity sev, const ct_job_instr *in, const char *fmt, ...) {
    ip_prog *p = &st->progs[st->cur_prog];
    if (in) {
        long i = in - p->prog->instr;
        if (i >= 0 && i < p->prog->ninstr) {
            if (p->reported[i]) return;
            p->reported[i] = 1;
        }
    }
    va_list ap;
    va_start(ap, fmt);
    vdiag(st, sev, in, fmt, ap);
    va_end(ap);
}

void ct_interp_diag_print(const ct_interp_diag *d, FILE *f) {
    static const char *const sev[] = {"note", "warning", "error"};
    fprintf(f, "%s:%d: %s: %s", d->file && *d->file ? d->file : "<program>", d->line, sev[d->severity], d->message);
    if (d->step > 0) fprintf(f, " (S%d)", d->step);
    fputc('\n', f);
}

void ct_interp_output_free(ct_interp_output *out) {
    if (!out) return;
    ct_free(out->cmds);
    ct_free(out->diag);
    if (out->store_) {
        for (ip_strblock *b = out->store_->strings; b;) {
            ip_strblock *n = b->next;
            ct_free(b);
            b = n;
        }
        ct_free(out->store_);
    }
    memset(out, 0, sizeof *out);
}
