/* Program interpreter: the execution loop. Sequential flow with labels, GOTO, GOSUB/RETURN,
 * IF/ELSEIF/ELSE chains, FOR/WHILE loops (Hyundai `FOR V=a TO b [STEP s]`, DRL `for k in
 * range(...)`, `while cond`), BREAK/CONTINUE, CALL of other job files, DRL def + calls,
 * assignments, I/O, waits and delays (DWELL), events. Bounded by the step budget. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp_internal.h"

static const ct_job_instr *cur_instr(ip_state *st) { return &st->progs[st->cur_prog].prog->instr[st->pc]; }

static int push_frame(ip_state *st, const ct_job_instr *in, int kind, int ret_pc) {
    if (st->nframe >= st->ctx->max_call_depth || st->nframe >= (int)(sizeof st->frames / sizeof st->frames[0])) {
        ip_diag(st, CT_INTERP_ERROR, in, "calls nested deeper than %d (endless recursion?); execution stopped", st->ctx->max_call_depth);
        st->stop = 1;
        return 0;
    }
    ip_frame *f = &st->frames[st->nframe++];
    f->prog = st->cur_prog;
    f->ret_pc = ret_pc;
    f->kind = kind;
    f->nloop = st->nloop;
    return 1;
}

/* Returns from the innermost frame; 0 when there is none (end of the main program). Loops
 * started inside the frame are abandoned. */
static int pop_frame(ip_state *st) {
    if (st->nframe == 0) return 0;
    ip_frame *f = &st->frames[--st->nframe];
    if (st->nloop > f->nloop) st->nloop = f->nloop;
    st->cur_prog = f->prog;
    st->pc = f->ret_pc;
    return 1;
}

static void jump_label(ip_state *st, const ct_job_instr *in, const char *name, int gosub) {
    const ip_prog *p = &st->progs[st->cur_prog];
    char nm[140];
    snprintf(nm, sizeof nm, "%s", name ? name : "");
    size_t n = strlen(nm);
    while (n && nm[n - 1] == ' ') nm[--n] = 0;
    int target = ip_find_label(p, nm, CT_JOB_LABEL);
    if (target < 0 && (nm[0] == 'S' || nm[0] == 's') && isdigit((unsigned char)nm[1])) { /* step address S<n> */
        int step = atoi(nm + 1);
        for (int i = 0; i < p->prog->ninstr && target < 0; i++)
            if (p->prog->instr[i].kind == CT_JOB_MOTION && p->prog->instr[i].src.step == step) target = i;
    }
    if (target < 0) {
        ip_diag(st, CT_INTERP_ERROR, in, "%s %s: no such label in %s; execution stopped", gosub ? "GOSUB" : "GOTO", nm, p->file);
        st->stop = 1;
        return;
    }
    if (gosub && !push_frame(st, in, 0, st->pc + 1)) return;
    st->pc = target + 1;
}

static void emit_event(ip_state *st, const ct_job_instr *in, ct_mcmd_type type, double dwell, const char *label) {
    ct_motion_cmd *c = ip_emit(st, type, in);
    if (!c) return;
    c->dwell = dwell;
    c->label = ip_strdup(st, label);
    /* a dwell or event keeps the robot where it is: the planner needs no target, but keep the
       current joint values when they are known so that a consumer can use them */
    c->joint_target = st->have_q;
    if (st->have_q) memcpy(c->q, st->cur_q, sizeof c->q);
    if (st->have_pose) c->pose = ct_xf_mul(st->cur_pose, st->cur_tool);
    c->tool = st->cur_tool;
}

static void set_num_var(ip_state *st, const char *name, size_t n, double v) {
    ip_value val;
    memset(&val, 0, sizeof val);
    val.kind = IP_V_NUM;
    val.num = v;
    if (!ip_table_set(&st->vars, name, n, &val)) { st->status = CT_ERR_NO_MEMORY; st->stop = 1; }
}

static void exec_io(ip_state *st, const ct_job_instr *in) {
    char label[200];
    if (in->text) snprintf(label, sizeof label, "%s%d = %s", in->name ? in->name : "DO", in->index, in->text);
    else snprintf(label, sizeof label, "%s%d = %g", in->name ? in->name : "DO", in->index, in->value);
    if (!in->text && in->name) {
        char var[32];
        int n = snprintf(var, sizeof var, "%s%d", in->name, in->index);
        set_num_var(st, var, (size_t)n, in->value);
    }
    emit_event(st, in, CT_MCMD_EVENT, 0, label);
}

static void exec_wait(ip_state *st, const ct_job_instr *in) {
    char label[200], why[160];
    double timeout = in->value2;
    if (in->name && !strcmp(in->name, "DI")) {
        snprintf(label, sizeof label, "WAIT DI%d = %g", in->index, isnan(in->value) ? 1.0 : in->value);
        double w = ip_input_wait(st->ctx, in->index);
        if (w >= 0) { emit_event(st, in, CT_MCMD_DWELL, w, label); return; }
        if (!isnan(timeout) && timeout >= 0) {
            ip_diag_once(st, CT_INTERP_WARNING, in, "WAIT DI%d: the input never comes in the I/O model; timed out after %g s", in->index, timeout);
            emit_event(st, in, CT_MCMD_DWELL, timeout, label);
            return;
        }
        ip_diag(st, CT_INTERP_ERROR, in, "WAIT DI%d: the input never comes in the I/O model and there is no timeout: the program waits forever; execution stopped", in->index);
        st->stop = 1;
        return;
    }
    snprintf(label, sizeof label, "WAIT %s", in->text ? in->text : "?");
    int c = ip_eval_cond(st, in->text, why, sizeof why);
    if (c < 0) {
        ip_diag_once(st, CT_INTERP_WARNING, in, "WAIT condition cannot be evaluated (%s); taken as satisfied at once", why);
        emit_event(st, in, CT_MCMD_DWELL, 0, label);
    } else if (c) {
        emit_event(st, in, CT_MCMD_DWELL, 0, label);
    } else if (!isnan(timeout) && timeout >= 0) {
        ip_diag_once(st, CT_INTERP_WARNING, in, "WAIT %s is false and nothing changes it; timed out after %g s", in->text, timeout);
        emit_event(st, in, CT_MCMD_DWELL, timeout, label);
    } else {
        ip_diag(st, CT_INTERP_ERROR, in, "WAIT %s is false and nothing changes it: the program waits forever; execution stopped", in->text);
        st->stop = 1;
    }
}

static void exec_delay(ip_state *st, const ct_job_instr *in) {
    double t = in->value;
    char why[160];
    if (in->text) {
        ip_value v;
        if (!ip_eval(st, in->text, in->text + strlen(in->text), &v, why, sizeof why) || v.kind != IP_V_NUM) {
            ip_diag_once(st, CT_INTERP_WARNING, in, "delay '%s' cannot be evaluated (%s); 0 s used", in->text, why);
            t = 0;
        } else t = v.num;
    }
    if (!(t >= 0) || !isfinite(t)) {
        ip_diag_once(st, CT_INTERP_WARNING, in, "delay of %g s; 0 s used", t);
        t = 0;
    }
    char label[64];
    snprintf(label, sizeof label, "DELAY %g", t);
    emit_event(st, in, CT_MCMD_DWELL, t, label);
}

/* MKUCRD n,(x,y,z,rx,ry,rz[,cfg]): defines user frame n (mm, deg, base frame). */
static int exec_mkucrd(ip_state *st, const ct_job_instr *in) {
    const char *t = in->text;
    if (!t) return 0;
    char *end;
    long n = strtol(t, &end, 10);
    const char *p = end;
    while (*p == ' ' || *p == ',') p++;
    if (n < 1 || n >= CT_INTERP_MAX_UFRAMES || *p != '(') return 0;
    double v[6];
    p++;
    for (int i = 0; i < 6; i++) {
        v[i] = strtod(p, &end);
        if (end == p || !isfinite(v[i])) return 0;
        p = end;
        while (*p == ' ') p++;
        if (i < 5 && *p++ != ',') return 0;
    }
    ct_job_target tg;
    ct_job_target_init(&tg);
    double sv[6] = {v[0] * 1e-3, v[1] * 1e-3, v[2] * 1e-3, v[3] * CT_DEG, v[4] * CT_DEG, v[5] * CT_DEG};
    tg.kind = CT_JOB_TGT_CART;
    tg.euler = CT_JOB_EULER_XYZ_FIXED;
    tg.n = 6;
    tg.v = sv;
    ct_mat3 R;
    ct_job_target_rotation(&tg, R.m);
    st->uframe[n] = ct_xf(R, ct_v3(sv[0], sv[1], sv[2]));
    st->uframe_defined[n] = 1;
    ip_diag_once(st, CT_INTERP_NOTE, in, "user frame %ld defined by MKUCRD (origin pose form)", n);
    return 1;
}

static void exec_event(ip_state *st, const ct_job_instr *in) {
    const char *n = in->name ? in->name : "";
    if (!strcasecmp(n, "MKUCRD") && !exec_mkucrd(st, in))
        ip_diag_once(st, CT_INTERP_WARNING, in, "MKUCRD %s: only the form n,(x,y,z,rx,ry,rz[,cfg]) is understood; frame not defined", in->text ? in->text : "");
    if (!strcasecmp(n, "TOUCHSEN") || (!strcasecmp(n, "MULTIPASS") && in->text && !strncasecmp(in->text, "LOAD", 4)) ||
        !strcasecmp(n, "ENDLESS"))
        ip_diag_once(st, CT_INTERP_WARNING, in, "%s changes later poses on the controller; not modelled", n);
    char label[200];
    snprintf(label, sizeof label, "%s%s%.150s", n, in->text ? " " : "", in->text ? in->text : "");
    emit_event(st, in, CT_MCMD_EVENT, 0, label);
}

/* Assignment name = expression (name may be an element: P1.X). */
static void exec_assign(ip_state *st, const ct_job_instr *in) {
    char why[160];
    const char *name = in->name;
    if (!name) return;
    ip_value v;
    if (in->pose) {
        memset(&v, 0, sizeof v);
        v.kind = IP_V_POSE;
        ip_pose_from_target(in->pose, &v.pose);
    } else if (!in->text || !ip_eval(st, in->text, in->text + strlen(in->text), &v, why, sizeof why)) {
        /* posb segments and lists feed moveb/movesx, which the parser already expanded: a note */
        int untracked = in->text && (!strncmp(in->text, "posb(", 5) || in->text[0] == '[');
        ip_diag_once(st, untracked ? CT_INTERP_NOTE : CT_INTERP_WARNING, in, "%s = %s cannot be evaluated (%s); %s is unknown from here", name,
                     in->text ? in->text : "", in->text ? why : "no value", name);
        const char *dot = strchr(name, '.');
        ip_table_remove(&st->vars, name, dot ? (size_t)(dot - name) : strlen(name));
        return;
    }
    const char *dot = strchr(name, '.');
    if (!dot) {
        if (!ip_table_set(&st->vars, name, strlen(name), &v)) { st->status = CT_ERR_NO_MEMORY; st->stop = 1; }
        return;
    }
    /* element assignment: P1.X = 100 (mm / deg) */
    size_t bn = (size_t)(dot - name);
    const ip_value *base = ip_table_get(&st->vars, name, bn);
    if (!base && st->ctx->vars) base = ip_table_get(&st->ctx->vars->table, name, bn);
    static const char *const el[] = {"x", "y", "z", "rx", "ry", "rz"};
    int k = -1;
    for (int i = 0; i < 6; i++)
        if (!strcasecmp(dot + 1, el[i])) k = i;
    if (!base || base->kind != IP_V_POSE || base->pose.kind == IP_POSE_JOINT || k < 0 || v.kind != IP_V_NUM) {
        ip_diag_once(st, CT_INTERP_WARNING, in, "element assignment %s cannot be executed; ignored", name);
        return;
    }
    ip_value nv = *base;
    nv.pose.v[k] = k < 3 ? v.num * 1e-3 : v.num * CT_DEG;
    if (!ip_table_set(&st->vars, name, bn, &nv)) { st->status = CT_ERR_NO_MEMORY; st->stop = 1; }
}

/* var a, b=2 (Hi6) / DIM x AS Integer: declared numbers start at 0 unless initialised. */
static void exec_declare(ip_state *st, const ct_job_instr *in) {
    const char *k = in->name ? in->name : "";
    int is_var = !strcasecmp(k, "var"), is_dim = !strcasecmp(k, "DIM");
    if ((!is_var && !is_dim) || !in->text) return;
    const char *s = in->text;
    char why[160];
    while (*s) {
        while (*s == ' ' || *s == ',') s++;
        const char *ns = s;
        while (*s && (isalnum((unsigned char)*s) || *s == '_' || *s == '%' || *s == '!' || *s == '$')) s++;
        size_t nl = (size_t)(s - ns);
        if (!nl) break;
        while (*s == ' ') s++;
        const char *ve = s;
        if (*s == '=') {
            int depth = 0;
            for (ve = s + 1; *ve && !(depth == 0 && *ve == ','); ve++) depth += *ve == '(' || *ve == '[' ? 1 : *ve == ')' || *ve == ']' ? -1 : 0;
            ip_value v;
            if (ip_eval(st, s + 1, ve, &v, why, sizeof why)) {
                if (!ip_table_set(&st->vars, ns, nl, &v)) { st->status = CT_ERR_NO_MEMORY; st->stop = 1; return; }
            } else ip_diag_once(st, CT_INTERP_WARNING, in, "initial value of %.*s cannot be evaluated (%s)", (int)nl, ns, why);
            s = ve;
        } else {
            set_num_var(st, ns, nl, 0);
            if (is_dim) break; /* DIM x AS Integer */
            while (*s && *s != ',') s++;
        }
    }
}

/* ---- loops ---- */

static ip_loop *find_loop(ip_state *st, int pc) {
    for (int i = st->nloop - 1; i >= 0; i--)
        if (st->loops[i].prog == st->cur_prog && st->loops[i].pc == pc) return &st->loops[i];
    return NULL;
}

static void drop_loop(ip_state *st, int pc) {
    for (int i = st->nloop - 1; i >= 0; i--)
        if (st->loops[i].prog == st->cur_prog && st->loops[i].pc == pc) { st->nloop = i; return; }
}

/* Parses a FOR header into the loop state and sets the variable; 0 with a reason. */
static int for_init(ip_state *st, const char *h, ip_loop *lp, double *start, char *why, size_t wn) {
    ip_value a, b, c;
    const char *in_kw = strstr(h, " in ");
    if (in_kw) { /* DRL: k in range(a[, b[, c]]) */
        const char *r = in_kw + 4;
        while (*r == ' ') r++;
        if (strncmp(r, "range(", 6)) { snprintf(why, wn, "only 'for x in range(...)' loops can be executed"); return 0; }
        const char *as = r + 6, *ae = strrchr(as, ')');
        if (!ae) { snprintf(why, wn, "malformed range()"); return 0; }
        const char *cs[3], *ce[3];
        int n = 0, depth = 0;
        cs[0] = as;
        for (const char *p = as; p < ae; p++) {
            depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
            if (*p == ',' && depth == 0 && n < 2) { ce[n] = p; cs[++n] = p + 1; }
        }
        ce[n] = ae;
        n++;
        double x[3];
        for (int i = 0; i < n; i++) {
            if (!ip_eval(st, cs[i], ce[i], &a, why, wn)) return 0;
            if (a.kind != IP_V_NUM) { snprintf(why, wn, "range() of something that is not a number"); return 0; }
            x[i] = a.num;
        }
        *start = n == 1 ? 0 : x[0];
        lp->end = n == 1 ? x[0] : x[1];
        lp->step = n == 3 ? x[2] : 1;
        lp->is_range = 1;
        size_t vn = (size_t)(in_kw - h);
        while (vn && h[vn - 1] == ' ') vn--;
        snprintf(lp->var, sizeof lp->var, "%.*s", (int)vn, h);
    } else { /* Hyundai: V=a TO b [STEP s] */
        const char *eq = strchr(h, '=');
        const char *to = NULL, *stp = NULL;
        for (const char *p = h; *p; p++) {
            if (!to && (p[0] == ' ') && !strncasecmp(p + 1, "TO ", 3)) to = p;
            if (to && p > to && p[0] == ' ' && !strncasecmp(p + 1, "STEP ", 5)) stp = p;
        }
        if (!eq || !to || eq > to) { snprintf(why, wn, "FOR header must be 'V=a TO b [STEP s]'"); return 0; }
        size_t vn = (size_t)(eq - h);
        while (vn && h[vn - 1] == ' ') vn--;
        snprintf(lp->var, sizeof lp->var, "%.*s", (int)vn, h);
        const char *be = stp ? stp : to + strlen(to);
        if (!ip_eval(st, eq + 1, to, &a, why, wn) || !ip_eval(st, to + 4, be, &b, why, wn)) return 0;
        if (stp && !ip_eval(st, stp + 6, stp + strlen(stp), &c, why, wn)) return 0;
        if (a.kind != IP_V_NUM || b.kind != IP_V_NUM || (stp && c.kind != IP_V_NUM)) { snprintf(why, wn, "FOR bounds are not numbers"); return 0; }
        *start = a.num;
        lp->end = b.num;
        lp->step = stp ? c.num : 1;
        lp->is_range = 0;
    }
    if (lp->step == 0) { snprintf(why, wn, "loop step is 0"); return 0; }
    return 1;
}

static void exec_loop(ip_state *st, const ct_job_instr *in, int iterating) {
    const ip_prog *p = &st->progs[st->cur_prog];
    int end = p->match[st->pc];
    char why[160];
    if (end < 0) {
        ip_diag(st, CT_INTERP_ERROR, in, "loop without its end (NEXT / end of the block); execution stopped");
        st->stop = 1;
        return;
    }
    int is_while = in->name && !strcmp(in->name, "while");
    int go;
    if (is_while) {
        go = ip_eval_cond(st, in->text, why, sizeof why);
        if (!iterating && go >= 0) {
            if (st->nloop >= (int)(sizeof st->loops / sizeof st->loops[0])) st->nloop--;
            ip_loop *lp = &st->loops[st->nloop++];
            memset(lp, 0, sizeof *lp);
            lp->prog = st->cur_prog;
            lp->pc = st->pc;
        }
        if (go < 0) ip_diag_once(st, CT_INTERP_WARNING, in, "while condition '%s' cannot be evaluated (%s); loop skipped", in->text ? in->text : "", why);
    } else {
        ip_loop *lp = iterating ? find_loop(st, st->pc) : NULL;
        double x;
        if (!lp) {
            drop_loop(st, st->pc);
            if (st->nloop >= (int)(sizeof st->loops / sizeof st->loops[0])) st->nloop--;
            lp = &st->loops[st->nloop++];
            memset(lp, 0, sizeof *lp);
            lp->prog = st->cur_prog;
            lp->pc = st->pc;
            if (!for_init(st, in->text ? in->text : "", lp, &x, why, sizeof why)) {
                st->nloop--;
                ip_diag_once(st, CT_INTERP_WARNING, in, "loop '%s' cannot be executed (%s); skipped", in->text ? in->text : "", why);
                st->pc = end + 1;
                return;
            }
        } else {
            const ip_value *v = ip_table_get(&st->vars, lp->var, strlen(lp->var));
            if (!v || v->kind != IP_V_NUM) {
                ip_diag_once(st, CT_INTERP_WARNING, in, "loop variable %s lost its value; loop ended", lp->var);
                drop_loop(st, st->pc);
                st->pc = end + 1;
                return;
            }
            x = v->num + lp->step;
        }
        set_num_var(st, lp->var, strlen(lp->var), x);
        if (lp->is_range) go = lp->step > 0 ? x < lp->end : x > lp->end;
        else go = lp->step > 0 ? x <= lp->end : x >= lp->end;
    }
    if (go > 0) st->pc++;
    else {
        drop_loop(st, st->pc);
        st->pc = end + 1;
    }
}

/* ---- IF ---- */

/* Single-line IF action: *LBL / line address / GOTO x / GOSUB x / CALL n / DOn=v / END / STOP. */
static void exec_action(ip_state *st, const ct_job_instr *in, const char *act) {
    while (*act == ' ') act++;
    if (*act == '*' || isdigit((unsigned char)*act)) { jump_label(st, in, act, 0); return; }
    if (!strncasecmp(act, "GOTO ", 5)) { jump_label(st, in, act + 5, 0); return; }
    if (!strncasecmp(act, "GOSUB ", 6)) { jump_label(st, in, act + 6, 1); return; }
    if (!strcasecmp(act, "END") || !strcasecmp(act, "STOP")) { st->stop = 1; st->out->completed = 1; return; }
    if ((act[0] == 'D' || act[0] == 'd') && (act[1] == 'O' || act[1] == 'o')) {
        ct_job_instr tmp = *in;
        const char *p = act + 2;
        char fam[4] = "DO";
        if (strchr("BWbw", *p)) { fam[2] = (char)toupper((unsigned char)*p); fam[3] = 0; p++; }
        char *end;
        long idx = strtol(p, &end, 10);
        const char *eq = end;
        while (*eq == ' ') eq++;
        if (end > p && *eq == '=') {
            tmp.name = fam;
            tmp.index = (int)idx;
            tmp.text = NULL;
            tmp.value = strtod(eq + 1, &end);
            if (end > eq + 1) {
                exec_io(st, &tmp);
                st->pc++;
                return;
            }
        }
    }
    if (!strncasecmp(act, "CALL ", 5)) {
        const char *n = act + 5;
        while (*n == ' ') n++;
        int idx = ip_load_callee(st, in, n);
        if (idx >= 0 && push_frame(st, in, 1, st->pc + 1)) {
            st->cur_prog = idx;
            st->pc = 0;
        } else if (!st->stop) st->pc++;
        return;
    }
    ip_diag_once(st, CT_INTERP_WARNING, in, "IF action '%s' cannot be executed; skipped", act);
    st->pc++;
}

static void exec_if(ip_state *st, const ct_job_instr *in) {
    char why[160];
    const ip_prog *p = &st->progs[st->cur_prog];
    if (in->index == 1) {
        int c = ip_eval_cond(st, in->text, why, sizeof why);
        if (c < 0) ip_diag_once(st, CT_INTERP_WARNING, in, "condition '%s' cannot be evaluated (%s); taken as false", in->text ? in->text : "", why);
        if (c > 0) exec_action(st, in, in->name ? in->name : "");
        else st->pc++;
        return;
    }
    int k = st->pc;
    while (k >= 0) {
        const ct_job_instr *b = &p->prog->instr[k];
        if (b->kind == CT_JOB_ENDIF) { st->pc = k + 1; return; }
        if (b->kind == CT_JOB_ELSE) { st->pc = k + 1; return; }
        int c = ip_eval_cond(st, b->text, why, sizeof why);
        if (c < 0) ip_diag_once(st, CT_INTERP_WARNING, b, "condition '%s' cannot be evaluated (%s); taken as false", b->text ? b->text : "", why);
        if (c > 0) { st->pc = k + 1; return; }
        k = p->match[k];
    }
    ip_diag(st, CT_INTERP_ERROR, in, "IF without ENDIF; execution stopped");
    st->stop = 1;
}

/* ---- calls ---- */

static void exec_call(ip_state *st, const ct_job_instr *in) {
    const ip_prog *p = &st->progs[st->cur_prog];
    const char *callee = in->name ? in->name : "";
    /* DRL function defined in this program */
    int def = p->prog->format == CT_JOB_FMT_DRL && in->index != 1 ? ip_find_label(p, callee, CT_JOB_DEF) : -1;
    if (def >= 0) {
        const ct_job_instr *d = &p->prog->instr[def];
        /* bind positional arguments to the parameters (numbers and poses) */
        if (d->text && in->text) {
            const char *ps = d->text, *as = in->text;
            char why[160];
            while (*ps && *as) {
                while (*ps == ' ' || *ps == ',') ps++;
                while (*as == ' ' || *as == ',') as++;
                const char *pe = ps;
                while (*pe && *pe != ',' && *pe != '=') pe++;
                int depth = 0;
                const char *ae = as;
                for (; *ae && !(depth == 0 && *ae == ','); ae++) depth += *ae == '(' || *ae == '[' ? 1 : *ae == ')' || *ae == ']' ? -1 : 0;
                size_t pn = (size_t)(pe - ps);
                while (pn && ps[pn - 1] == ' ') pn--;
                ip_value v;
                if (pn && ip_eval(st, as, ae, &v, why, sizeof why)) ip_table_set(&st->vars, ps, pn, &v);
                else if (pn) ip_diag_once(st, CT_INTERP_WARNING, in, "argument for %.*s cannot be evaluated (%s)", (int)pn, ps, why);
                while (*pe && *pe != ',') pe++;
                ps = pe;
                as = ae;
            }
        }
        if (push_frame(st, in, 2, st->pc + 1)) st->pc = def + 1;
        return;
    }
    if (in->text && p->prog->format != CT_JOB_FMT_DRL)
        ip_diag_once(st, CT_INTERP_NOTE, in, "CALL arguments '%s' are not passed", in->text);
    int idx = ip_load_callee(st, in, callee);
    if (idx < 0) { if (!st->stop) st->pc++; return; }
    if (in->index == 2) { /* JUMP: no return */
        st->cur_prog = idx;
        st->pc = 0;
        return;
    }
    if (push_frame(st, in, 1, st->pc + 1)) {
        st->cur_prog = idx;
        st->pc = 0;
    }
}

/* ---- the loop ---- */

void ip_run(ip_state *st) {
    int iterating = 0;
    while (!st->stop && st->status == CT_OK) {
        const ip_prog *p = &st->progs[st->cur_prog];
        if (st->pc < 0 || st->pc >= p->prog->ninstr) { /* end of a program */
            if (!pop_frame(st)) { st->out->completed = 1; break; }
            continue;
        }
        const ct_job_instr *in = cur_instr(st);
        if (st->out->steps >= st->ctx->max_steps) {
            ip_diag(st, CT_INTERP_ERROR, in, "step budget of %ld instructions used up here (endless loop?); execution stopped", st->ctx->max_steps);
            st->stop = 1;
            break;
        }
        st->out->steps++;
        int was_iterating = iterating;
        iterating = 0;
        switch (in->kind) {
        case CT_JOB_MOTION: ip_exec_motion(st, in); st->pc++; break;
        case CT_JOB_IO_SET: exec_io(st, in); st->pc++; break;
        case CT_JOB_WAIT: exec_wait(st, in); st->pc++; break;
        case CT_JOB_DELAY: exec_delay(st, in); st->pc++; break;
        case CT_JOB_CALL: exec_call(st, in); break;
        case CT_JOB_GOTO: jump_label(st, in, in->name, 0); break;
        case CT_JOB_GOSUB: jump_label(st, in, in->name, 1); break;
        case CT_JOB_RETURN: /* from GOSUB, a def, or a called job; at top level: the end */
            if (!pop_frame(st)) { st->out->completed = 1; st->stop = 1; }
            break;
        case CT_JOB_ENDDEF:
            if (st->nframe > 0 && st->frames[st->nframe - 1].kind == 2) pop_frame(st);
            else st->pc++;
            break;
        case CT_JOB_IF: exec_if(st, in); break;
        case CT_JOB_ELSEIF:
        case CT_JOB_ELSE: /* reached at the end of a taken branch */
            if (p->endif[st->pc] < 0) { ip_diag(st, CT_INTERP_ERROR, in, "ELSE/ELSEIF outside an IF block; execution stopped"); st->stop = 1; }
            else st->pc = p->endif[st->pc] + 1;
            break;
        case CT_JOB_LOOP: exec_loop(st, in, was_iterating); break;
        case CT_JOB_ENDLOOP:
            if (p->match[st->pc] < 0) { ip_diag(st, CT_INTERP_ERROR, in, "end of a loop without its start; execution stopped"); st->stop = 1; }
            else { st->pc = p->match[st->pc]; iterating = 1; }
            break;
        case CT_JOB_BREAK:
        case CT_JOB_CONTINUE: {
            int lp = p->loop_of[st->pc];
            if (lp < 0 || p->match[lp] < 0) { ip_diag(st, CT_INTERP_ERROR, in, "break/continue outside a loop; execution stopped"); st->stop = 1; break; }
            if (in->kind == CT_JOB_BREAK) { drop_loop(st, lp); st->pc = p->match[lp] + 1; }
            else st->pc = p->match[lp];
            break;
        }
        case CT_JOB_ASSIGN: exec_assign(st, in); st->pc++; break;
        case CT_JOB_DECLARE: exec_declare(st, in); st->pc++; break;
        case CT_JOB_DEF: /* definitions are skipped when reached; they run when called */
            if (p->match[st->pc] < 0) { ip_diag(st, CT_INTERP_ERROR, in, "def without its end; execution stopped"); st->stop = 1; }
            else st->pc = p->match[st->pc] + 1;
            break;
        case CT_JOB_SETTING: ip_exec_setting(st, in); st->pc++; break;
        case CT_JOB_EVENT: exec_event(st, in); st->pc++; break;
        case CT_JOB_STOP:
            ip_diag(st, CT_INTERP_NOTE, in, "STOP: the controller pauses here; playback ends");
            st->stop = 1;
            st->out->completed = 1;
            break;
        case CT_JOB_END:
            if (st->nframe > 0 && st->frames[st->nframe - 1].kind == 1) pop_frame(st); /* END of a called job returns */
            else { st->stop = 1; st->out->completed = 1; }
            break;
        case CT_JOB_UNSUPPORTED:
            ip_diag_once(st, CT_INTERP_WARNING, in, "statement not executed (not supported): %.150s", in->text ? in->text : "");
            st->pc++;
            break;
        default: /* LABEL, COMMENT, ENDIF */
            st->pc++;
            break;
        }
    }
}
