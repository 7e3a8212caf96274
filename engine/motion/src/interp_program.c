/* Program interpreter: programs taking part in a run (the main one and those loaded by CALL),
 * their block structure (IF chains, loops, defs) and labels, and the entry point ct_interp_run. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "interp_internal.h"

static int label_cmp(const void *a, const void *b) {
    const ip_label *x = a, *y = b;
    int c = strcasecmp(x->name, y->name);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

int ip_find_label(const ip_prog *p, const char *name, ct_job_kind kind) {
    int lo = 0, hi = p->nlabels - 1, found = -1;
    while (lo <= hi) { /* first entry with this name */
        int mid = (lo + hi) / 2;
        int c = strcasecmp(p->labels[mid].name, name);
        if (c >= 0) { if (!c) found = mid; hi = mid - 1; }
        else lo = mid + 1;
    }
    for (int i = found; i >= 0 && i < p->nlabels && !strcasecmp(p->labels[i].name, name); i++)
        if (p->prog->instr[p->labels[i].idx].kind == kind) return p->labels[i].idx;
    return -1;
}

/* Block structure of one program: see ip_prog. Mismatched markers leave -1 (reported at run time). */
static int build_structure(ip_prog *p) {
    int n = p->prog->ninstr;
    size_t sz = (size_t)(n > 0 ? n : 1);
    p->match = ct_alloc(sizeof(int) * sz);
    p->endif = ct_alloc(sizeof(int) * sz);
    p->loop_of = ct_alloc(sizeof(int) * sz);
    p->reported = ct_alloc(sz);
    int *stack = ct_alloc(sizeof(int) * sz), *last = ct_alloc(sizeof(int) * sz);
    if (!p->match || !p->endif || !p->loop_of || !p->reported || !stack || !last) {
        ct_free(stack);
        ct_free(last);
        return 0;
    }
    int sp = 0;
    for (int i = 0; i < n; i++) p->match[i] = p->endif[i] = p->loop_of[i] = -1;
    for (int i = 0; i < n; i++) {
        const ct_job_instr *in = &p->prog->instr[i];
        for (int k = sp - 1; k >= 0; k--)
            if (p->prog->instr[stack[k]].kind == CT_JOB_LOOP) { p->loop_of[i] = stack[k]; break; }
        switch (in->kind) {
        case CT_JOB_IF:
            if (in->index == 1) break;
            /* fallthrough */
        case CT_JOB_LOOP:
        case CT_JOB_DEF:
            stack[sp] = i;
            last[sp] = i;
            sp++;
            break;
        case CT_JOB_ELSEIF:
        case CT_JOB_ELSE:
            if (sp > 0 && p->prog->instr[stack[sp - 1]].kind == CT_JOB_IF) {
                p->match[last[sp - 1]] = i;
                last[sp - 1] = i;
            }
            break;
        case CT_JOB_ENDIF:
            if (sp > 0 && p->prog->instr[stack[sp - 1]].kind == CT_JOB_IF) {
                p->match[last[sp - 1]] = i;
                for (int k = stack[sp - 1]; k >= 0 && k != i; k = p->match[k]) p->endif[k] = i;
                sp--;
            }
            break;
        case CT_JOB_ENDLOOP:
            if (sp > 0 && p->prog->instr[stack[sp - 1]].kind == CT_JOB_LOOP) {
                p->match[stack[sp - 1]] = i;
                p->match[i] = stack[sp - 1];
                sp--;
            }
            break;
        case CT_JOB_ENDDEF:
            if (sp > 0 && p->prog->instr[stack[sp - 1]].kind == CT_JOB_DEF) {
                p->match[stack[sp - 1]] = i;
                p->match[i] = stack[sp - 1];
                sp--;
            }
            break;
        default:
            break;
        }
    }
    ct_free(stack);
    ct_free(last);
    int nl = 0;
    for (int i = 0; i < n; i++) {
        ct_job_kind k = p->prog->instr[i].kind;
        nl += (k == CT_JOB_LABEL || k == CT_JOB_DEF) && p->prog->instr[i].name;
    }
    p->labels = ct_alloc(sizeof *p->labels * (size_t)(nl ? nl : 1));
    if (!p->labels) return 0;
    for (int i = 0; i < n; i++) {
        ct_job_kind k = p->prog->instr[i].kind;
        if ((k == CT_JOB_LABEL || k == CT_JOB_DEF) && p->prog->instr[i].name) {
            p->labels[p->nlabels].name = p->prog->instr[i].name;
            p->labels[p->nlabels++].idx = i;
        }
    }
    qsort(p->labels, (size_t)p->nlabels, sizeof *p->labels, label_cmp);
    return 1;
}

static void prog_release(ip_prog *p) {
    ct_free(p->match);
    ct_free(p->endif);
    ct_free(p->loop_of);
    ct_free(p->reported);
    ct_free(p->labels);
    ct_free(p->dir);
    ct_free(p->name);
    ct_job_program_free(p->owned);
}

/* Adds a program to the run; returns its index or -1 (out of memory). */
static int add_prog(ip_state *st, const ct_job_program *prog, ct_job_program *owned, const char *path) {
    if (st->nprog == st->prog_cap) {
        int cap = st->prog_cap ? st->prog_cap * 2 : 8;
        ip_prog *np = ct_realloc(st->progs, sizeof *np * (size_t)cap);
        if (!np) return -1;
        st->progs = np;
        st->prog_cap = cap;
    }
    ip_prog *p = &st->progs[st->nprog];
    memset(p, 0, sizeof *p);
    p->prog = prog;
    p->owned = owned;
    const char *file = path ? path : prog->file ? prog->file : "<program>";
    p->file = ip_strdup(st, file);
    const char *slash = strrchr(file, '/');
    p->dir = slash ? ct_alloc((size_t)(slash - file) + 2) : ct_strdup(".");
    if (p->dir && slash) memcpy(p->dir, file, (size_t)(slash - file) + (slash == file));
    const char *base = slash ? slash + 1 : file;
    const char *dot = strrchr(base, '.');
    size_t bl = dot ? (size_t)(dot - base) : strlen(base);
    p->name = ct_alloc(bl + 1);
    if (p->name) memcpy(p->name, base, bl);
    if (!p->dir || !p->name || !build_structure(p)) { prog_release(p); return -1; }
    return st->nprog++;
}

static int file_exists(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int ip_load_callee(ip_state *st, const ct_job_instr *in, const char *callee) {
    /* already loaded? */
    for (int i = 0; i < st->nprog; i++)
        if (st->progs[i].name && !strcasecmp(st->progs[i].name, callee)) return i;
    char num[16];
    int digits = *callee != 0;
    for (const char *c = callee; *c; c++) digits &= isdigit((unsigned char)*c) != 0;
    if (digits && strlen(callee) <= 4) snprintf(num, sizeof num, "%04d", atoi(callee));
    else snprintf(num, sizeof num, "%.15s", callee);
    for (int i = 0; i < st->nprog; i++)
        if (st->progs[i].name && !strcasecmp(st->progs[i].name, num)) return i;
    const char *dir = st->ctx->search_dir ? st->ctx->search_dir : st->progs[st->cur_prog].dir;
    static const char *const ext[] = {".JOB", ".job", ".drl", ".DRL", ""};
    char path[4096];
    int found = 0;
    for (int k = 0; k < 2 && !found; k++)
        for (size_t e = 0; e < sizeof ext / sizeof ext[0] && !found; e++) {
            snprintf(path, sizeof path, "%s/%s%s", dir, k == 0 ? num : callee, ext[e]);
            found = file_exists(path);
        }
    if (!found) {
        ip_diag_once(st, CT_INTERP_ERROR, in, "CALL %s: no %s.JOB/.job/.drl in %s; call skipped", callee, num, dir);
        return -1;
    }
    ct_job_parse_def def = ct_job_parse_default_def();
    ct_job_program *prog = NULL;
    ct_error err;
    ct_error_clear(&err);
    if (ct_job_parse_file(path, &def, &prog, &err) != CT_OK) {
        char msg[600];
        ct_error_format(&err, msg, sizeof msg);
        ip_diag_once(st, CT_INTERP_ERROR, in, "CALL %s: %.150s; call skipped", callee, msg);
        return -1;
    }
    if (prog->nwarnings || prog->nerrors)
        ip_diag(st, CT_INTERP_WARNING, in, "CALL %s: %s has %d parse warning(s) and %d error(s) (run `celltwin import %s`)",
                callee, path, prog->nwarnings, prog->nerrors, path);
    int idx = add_prog(st, prog, prog, path);
    if (idx < 0) {
        ct_job_program_free(prog);
        st->status = CT_ERR_NO_MEMORY;
        st->stop = 1;
        return -1;
    }
    ct_free(st->progs[idx].name);
    st->progs[idx].name = ct_strdup(num);
    return idx;
}

ct_status ct_interp_run(const ct_job_program *prog, const ct_program_context *ctx, ct_interp_output *out,
                        ct_error *err) {
    memset(out, 0, sizeof *out);
    if (!prog || !ctx || !ctx->robot) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "interpreter: no program or no robot");
    if (ctx->max_steps <= 0 || ctx->max_call_depth <= 0 || ctx->max_cmds <= 0)
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "interpreter: limits must be positive");
    out->store_ = ct_alloc(sizeof *out->store_);
    ip_state *st = ct_alloc(sizeof *st);
    if (!out->store_ || !st) {
        ct_free(st);
        ct_interp_output_free(out);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    st->ctx = ctx;
    st->robot = ctx->robot;
    st->out = out;
    st->err = err;
    st->cur_tool = st->drl_tcp = ct_xf_identity();
    for (int i = 0; i < CT_INTERP_MAX_UFRAMES; i++) {
        st->uframe[i] = ctx->uframe[i];
        st->uframe_defined[i] = ctx->uframe_defined[i];
    }
    st->have_q = 1;
    for (int i = 0; i < st->robot->ndof && i < CT_ROBOT_MAX_DOF; i++) st->cur_q[i] = ctx->q_start ? ctx->q_start[i] : 0;
    st->have_pose = 1;
    st->cur_pose = ip_tcp_of(st->robot, st->cur_q, ct_xf_identity());
    if (add_prog(st, prog, NULL, NULL) < 0) st->status = CT_ERR_NO_MEMORY;
    else {
        st->cur_prog = 0;
        st->pc = 0;
        ip_run(st);
        ip_resolve_hyundai_circ(st);
    }
    ct_status s = st->status;
    for (int i = 0; i < st->nprog; i++) prog_release(&st->progs[i]);
    ct_free(st->progs);
    ct_free(st->hyundai_circ);
    ip_table_clear(&st->vars);
    ct_free(st);
    if (s != CT_OK) {
        ct_interp_output_free(out);
        return ct_error_set(err, s, NULL, 0, 0, "interpreter: out of memory");
    }
    return CT_OK;
}
