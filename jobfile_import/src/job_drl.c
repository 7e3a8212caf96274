/* Doosan DRL (.drl, a Python subset) parser: logical lines (bracket continuation, ';'), indentation
 * blocks (if/elif/else, for, while, def), motions with their keyword arguments, settings, I/O,
 * waits, assignments and calls. Everything else becomes an UNSUPPORTED node with a warning. */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "celltwin/math.h"
#include "job_drl.h"

typedef struct drl_block { int indent; ct_job_kind kind; } drl_block;

typedef struct drl_state {
    ct_job_pctx *c;
    drl_vars *vars;
    drl_block stack[CT_JOB_MAX_NESTING + 1];
    int nstack;
    int expect_body;       /* the previous statement opened a block */
    const char **defs;     /* names of functions defined in the file */
    int ndefs;
} drl_state;

static int is_def(const drl_state *st, const char *s, const char *e) {
    for (int i = 0; i < st->ndefs; i++)
        if (strlen(st->defs[i]) == (size_t)(e - s) && !memcmp(st->defs[i], s, (size_t)(e - s))) return 1;
    return 0;
}

static const char *ident_end(const char *s, const char *e) {
    while (s < e && ct_job_is_ident((unsigned char)*s)) s++;
    return s;
}

/* ---- motions ---- */

typedef struct motion_spec { const char *name; ct_job_motion_type type; int joint; const char *params[13]; } motion_spec;

static const motion_spec motions[] = {
    {"movej", CT_JOB_PTP, 1, {"pos", "vel", "acc", "time", "radius", "mod", "ra", "ref", "velx", NULL}},
    {"movejx", CT_JOB_PTP, 0, {"pos", "vel", "acc", "time", "radius", "ref", "mod", "ra", "sol", NULL}},
    {"movel", CT_JOB_LIN, 0, {"pos", "vel", "acc", "time", "radius", "ref", "mod", "ra", "app_type", NULL}},
    {"movec", CT_JOB_CIRC, 0, {"pos1", "pos2", "vel", "acc", "time", "radius", "ref", "mod", "angle", "ra", "ori", "app_type", NULL}},
    {"movesj", CT_JOB_SPLINE, 1, {"pos_list", "vel", "acc", "time", "mod", NULL}},
    {"movesx", CT_JOB_SPLINE, 0, {"pos_list", "vel", "acc", "time", "ref", "mod", "vel_opt", NULL}},
};

static const char *alias(const char *k, size_t n) {
    if (n == 1 && *k == 'v') return "vel";
    if (n == 1 && *k == 'a') return "acc";
    if (n == 1 && *k == 't') return "time";
    if (n == 1 && *k == 'r') return "radius";
    if (n == 2 && !strncmp(k, "an", 2)) return "angle";
    return NULL;
}

/* vel/acc value -> speed (joint: deg -> rad; task: mm -> m, [lin, ang]). */
static void drl_speed(ct_job_pctx *c, const drl_vars *vars, const char *s, const char *e, int joint, ct_job_speed *sp) {
    drl_value v;
    ct_job_drl_eval(vars, s, e, &v);
    if (v.kind == DRL_V_NONE) return;
    if (v.kind == DRL_V_NUM) {
        sp->kind = joint ? CT_JOB_SPD_JOINT : CT_JOB_SPD_LINEAR;
        sp->value = joint ? v.v[0] * CT_DEG : v.v[0] * 1e-3;
        if (v.has_num) sp->expr = ct_job_strndup(c->prog, v.s, (size_t)(v.e - v.s));
        return;
    }
    if (v.kind == DRL_V_LIST && !joint && v.n == 2) {
        sp->kind = CT_JOB_SPD_LINEAR;
        sp->value = v.v[0] * 1e-3;
        sp->value2 = v.v[1] * CT_DEG;
        return;
    }
    sp->kind = joint ? CT_JOB_SPD_JOINT : CT_JOB_SPD_LINEAR;
    sp->expr = ct_job_strndup(c->prog, v.s, (size_t)(v.e - v.s));
    if (v.kind != DRL_V_LIST) ct_job_warn(c, s, "speed '%.*s' cannot be evaluated; kept as text", (int)(v.e - v.s > 40 ? 40 : v.e - v.s), v.s);
}

static int parse_motion(drl_state *st, const char *name, const char *ne, const char *a, const char *ae, int async) {
    ct_job_pctx *c = st->c;
    const motion_spec *ms = NULL;
    for (size_t i = 0; i < sizeof motions / sizeof motions[0]; i++)
        if (strlen(motions[i].name) == (size_t)(ne - name) && !strncmp(motions[i].name, name, (size_t)(ne - name))) ms = &motions[i];
    if (!ms) return 0;
    const char *bs[24], *be[24];
    int n = ct_job_split(a, ae, bs, be, 23);
    if (n < 0 || (n == 1 && bs[0] == be[0])) return -1;
    /* bind arguments to parameter names */
    const char *val_s[13] = {0}, *val_e[13] = {0};
    char extra[512];
    size_t xl = 0;
    extra[0] = 0;
    int pos = 0;
    for (int i = 0; i < n; i++) {
        const char *eq = ct_job_find_top(bs[i], be[i], '=');
        int idx = -1;
        const char *k = NULL, *ke = NULL, *vs = bs[i];
        if (eq && eq[1] != '=') {
            k = bs[i];
            ke = ct_job_rtrim(k, eq);
            vs = eq + 1;
            const char *al = alias(k, (size_t)(ke - k));
            for (int p = 0; ms->params[p]; p++)
                if (al ? !strcmp(ms->params[p], al) : (strlen(ms->params[p]) == (size_t)(ke - k) && !strncmp(ms->params[p], k, (size_t)(ke - k)))) idx = p;
        } else {
            if (!ms->params[pos]) { ct_job_warn(c, bs[i], "too many positional arguments"); continue; }
            idx = pos++;
            k = ms->params[idx];
            ke = k + strlen(k);
        }
        const char *pname = idx >= 0 ? ms->params[idx] : NULL;
        int known = pname && (!strncmp(pname, "pos", 3) || !strcmp(pname, "vel") || !strcmp(pname, "acc") ||
                              !strcmp(pname, "time") || !strcmp(pname, "radius") || !strcmp(pname, "ref") ||
                              !strcmp(pname, "mod") || !strcmp(pname, "ra") || !strcmp(pname, "sol"));
        if (known) { val_s[idx] = vs; val_e[idx] = be[i]; continue; }
        if (!pname) ct_job_warn(c, bs[i], "unknown argument '%.*s' of %s kept as option", (int)(ke - k > 20 ? 20 : ke - k), k, ms->name);
        const char *vv = ct_job_skip_ws(vs);
        if (vv > be[i]) vv = be[i];
        if (xl + (size_t)(be[i] - vv) + (size_t)(ke - k) + 4 < sizeof extra)
            xl += (size_t)snprintf(extra + xl, sizeof extra - xl, "%s%.*s=%.*s", xl ? ", " : "", (int)(ke - k), k,
                                   (int)(be[i] - vv), vv);
    }
    ct_job_instr *in = ct_job_emit(c, CT_JOB_MOTION, name);
    if (!in) return 1;
    int pi_pos = 0;
    /* targets */
    int ntarget = 1;
    const char *ts[CT_JOB_MAX_AXES * 4], *te[CT_JOB_MAX_AXES * 4];
    if (ms->type == CT_JOB_CIRC) ntarget = 2;
    if (ms->type == CT_JOB_SPLINE) {
        const char *ls = val_s[0] ? ct_job_skip_ws(val_s[0]) : NULL, *le = ls ? ct_job_rtrim(ls, val_e[0]) : NULL;
        if (ls && le - ls >= 2 && *ls == '[' && le[-1] == ']') {
            ntarget = ct_job_split(ls + 1, le - 1, ts, te, 100);
            if (ntarget < 0) { ct_job_error(c, ls, "spline with more than 100 points"); ntarget = 0; }
        } else ntarget = 0;
    }
    ct_job_motion *m = ct_job_motion_new(c->prog, ms->type, ntarget > 0 ? ntarget : 1);
    if (!m) { ct_job_fatal(c, CT_ERR_NO_MEMORY, name, "out of memory"); return 1; }
    in->motion = m;
    m->async = async;
    if (ms->type == CT_JOB_SPLINE && ntarget <= 0) {
        m->ntarget = 1;
        const char *vs = val_s[0] ? val_s[0] : name;
        const char *ve = val_s[0] ? val_e[0] : ne;
        drl_value v;
        ct_job_drl_eval(st->vars, vs, ve, &v);
        v.kind = v.kind == DRL_V_NAME ? DRL_V_OTHER : v.kind;
        ct_job_drl_target(c, &v, &m->target[0], ms->joint);
    }
    for (int t = 0; t < ntarget; t++) {
        const char *vs, *ve;
        if (ms->type == CT_JOB_SPLINE) { vs = ts[t]; ve = te[t]; }
        else { vs = val_s[pi_pos + t]; ve = val_e[pi_pos + t]; }
        if (!vs) { ct_job_warn(c, name, "%s without a target", ms->name); continue; }
        drl_value v;
        ct_job_drl_eval(st->vars, vs, ve, &v);
        if (!ct_job_drl_target(c, &v, &m->target[t], ms->joint)) { ct_job_fatal(c, CT_ERR_NO_MEMORY, vs, "out of memory"); return 1; }
    }
    /* named parameters */
    for (int p = 0; ms->params[p]; p++) {
        if (!val_s[p]) continue;
        const char *pn = ms->params[p], *vs = val_s[p], *ve = val_e[p];
        double num;
        drl_value v;
        ct_job_drl_eval(st->vars, vs, ve, &v);
        int isnum = v.kind == DRL_V_NUM;
        num = v.v[0];
        /* movej and movejx take joint speeds (deg/s), the others task speeds (mm/s) */
        if (!strcmp(pn, "vel")) drl_speed(c, st->vars, vs, ve, ms->type == CT_JOB_PTP || ms->joint, &m->speed);
        else if (!strcmp(pn, "acc")) drl_speed(c, st->vars, vs, ve, ms->type == CT_JOB_PTP || ms->joint, &m->accel);
        else if (v.kind == DRL_V_NONE) continue;
        else if (!strcmp(pn, "time") && isnum && num >= 0) m->time = num;
        else if (!strcmp(pn, "radius") && isnum && num >= 0) m->radius = num * 1e-3;
        else if (!strcmp(pn, "mod") && isnum && (num == 0 || num == 1)) m->relative = (int)num;
        else if (!strcmp(pn, "ra") && isnum && (num == 0 || num == 1)) m->ra = (int)num;
        else if (!strcmp(pn, "sol") && isnum && num >= 0 && num <= 7) {
            for (int t = 0; t < m->ntarget; t++) m->target[t].sol = (int)num;
        } else if (!strcmp(pn, "ref") && isnum) {
            ct_job_frame f = num == 0 ? CT_JOB_FRAME_BASE : num == 1 ? CT_JOB_FRAME_TOOL : num == 2 ? CT_JOB_FRAME_WORLD
                           : (num >= 101 && num <= 200) ? CT_JOB_FRAME_USER : CT_JOB_FRAME_DEFAULT;
            if (f == CT_JOB_FRAME_DEFAULT) ct_job_warn(c, vs, "unknown ref %g", num);
            for (int t = 0; t < m->ntarget; t++) {
                m->target[t].frame = f;
                m->target[t].user_frame = f == CT_JOB_FRAME_USER ? (int)num : 0;
            }
        } else if (strncmp(pn, "pos", 3) != 0) {
            ct_job_warn(c, vs, "%s=%.*s cannot be evaluated; kept as option", pn, (int)(ve - vs > 30 ? 30 : ve - vs), vs);
            const char *vv = ct_job_skip_ws(vs);
            if (vv > ve) vv = ve;
            if (xl + (size_t)(ve - vv) + strlen(pn) + 4 < sizeof extra)
                xl += (size_t)snprintf(extra + xl, sizeof extra - xl, "%s%s=%.*s", xl ? ", " : "", pn, (int)(ve - vv), vv);
        }
    }
    if (xl) m->options = ct_job_strdup(c->prog, extra);
    return 1;
}

/* ---- calls ---- */

static const char *const events[] = {"tp_log", "tp_popup", "task_compliance_ctrl", "release_compliance_ctrl",
                                     "set_stiffnessx", "set_desired_force", "release_force", "check_force_condition",
                                     "drl_report_line", "set_singular_handling", "set_tool_shape", NULL};
static const char *const settings[] = {"set_velj", "set_accj", "set_velx", "set_accx", "set_tcp", "set_tool",
                                       "set_ref_coord", "set_user_cart_coord", NULL};

static int name_is(const char *s, const char *e, const char *w) { return strlen(w) == (size_t)(e - s) && !memcmp(s, w, (size_t)(e - s)); }

/* Statement that is one call name(args). Returns 1 when handled. */
static int parse_call(drl_state *st, const char *s, const char *e) {
    ct_job_pctx *c = st->c;
    const char *ne = ident_end(s, e);
    if (ne == s || *ct_job_skip_ws(ne) != '(' || e[-1] != ')') return 0;
    const char *a = ct_job_skip_ws(ne) + 1, *ae = e - 1;
    if (ct_job_find_top(a, ae, ')')) return 0; /* f(x)(y) or f(x) + g(y) */
    ct_job_instr *in;
    int async = (*s == 'a' && ne - s > 5 && !strncmp(s, "amove", 5));
    int r = parse_motion(st, s + async, ne, a, ae, async);
    if (r < 0) { ct_job_unsupported(c, s, s, (size_t)(e - s), "motion without arguments"); return 1; }
    if (r > 0) {
        if (c->prog->ninstr) c->prog->instr[c->prog->ninstr - 1].src.step = c->step = c->step + 1;
        return 1;
    }
    if (name_is(s, ne, "moveb") || name_is(s, ne, "amoveb")) return ct_job_drl_moveb(c, st->vars, s, a, ae, *s == 'a');
    if (name_is(s, ne, "move_spiral") || name_is(s, ne, "amove_spiral") ||
        name_is(s, ne, "move_periodic") || name_is(s, ne, "amove_periodic")) {
        ct_job_unsupported(c, s, s, (size_t)(e - s), "motion type not supported yet");
        return 1;
    }
    drl_value args[4];
    const char *bs[4], *be[4];
    int n = ct_job_split(a, ae, bs, be, 3);
    if (n > 0) for (int i = 0; i < n; i++) ct_job_drl_eval(st->vars, bs[i], be[i], &args[i]);
    const char *text = ct_job_str(c, a, (size_t)(ae - a));
    for (int i = 0; settings[i]; i++)
        if (name_is(s, ne, settings[i])) {
            if (!(in = ct_job_emit(c, CT_JOB_SETTING, s))) return 1;
            in->name = settings[i];
            in->text = text;
            int joint = settings[i][7] == 'j'; /* set_velj / set_accj: deg/s, deg/s^2 */
            int isnum0 = n >= 1 && args[0].kind == DRL_V_NUM, isnum1 = n >= 2 && args[1].kind == DRL_V_NUM;
            if (!strncmp(settings[i], "set_vel", 7) || !strncmp(settings[i], "set_acc", 7)) {
                if (isnum0) in->value = args[0].v[0] * (joint ? CT_DEG : 1e-3);
                if (isnum1 && !joint) in->value2 = args[1].v[0] * CT_DEG;
            } else if (!strcmp(settings[i], "set_ref_coord") && isnum0) in->value = args[0].v[0];
            return 1;
        }
    for (int i = 0; events[i]; i++)
        if (name_is(s, ne, events[i])) {
            if (!(in = ct_job_emit(c, CT_JOB_EVENT, s))) return 1;
            in->name = events[i];
            in->text = text;
            return 1;
        }
    if (name_is(s, ne, "set_digital_output") || name_is(s, ne, "set_tool_digital_output")) {
        if (n == 2 && args[0].kind == DRL_V_NUM && args[1].kind == DRL_V_NUM && args[0].v[0] >= 0 && args[0].v[0] <= 1e6) {
            if (!(in = ct_job_emit(c, CT_JOB_IO_SET, s))) return 1;
            in->name = s[4] == 't' ? "TDO" : "DO";
            in->index = (int)args[0].v[0];
            in->value = args[1].v[0];
            return 1;
        }
    } else if (name_is(s, ne, "wait_digital_input")) {
        if ((n == 2 || n == 3) && args[0].kind == DRL_V_NUM && args[1].kind == DRL_V_NUM && (n == 2 || args[2].kind == DRL_V_NUM) &&
            args[0].v[0] >= 0 && args[0].v[0] <= 1e6) {
            if (!(in = ct_job_emit(c, CT_JOB_WAIT, s))) return 1;
            in->name = "DI";
            in->index = (int)args[0].v[0];
            in->value = args[1].v[0];
            if (n == 3) in->value2 = args[2].v[0];
            return 1;
        }
    } else if (name_is(s, ne, "wait")) {
        if (n == 1 && args[0].kind == DRL_V_NUM && args[0].v[0] >= 0 && !args[0].has_num) {
            if (!(in = ct_job_emit(c, CT_JOB_DELAY, s))) return 1;
            in->value = args[0].v[0];
            return 1;
        }
    } else if (name_is(s, ne, "sub_program_run")) {
        if (n == 1 && args[0].kind == DRL_V_STR) {
            if (!(in = ct_job_emit(c, CT_JOB_CALL, s))) return 1;
            in->name = ct_job_strndup(c->prog, args[0].s + 1, (size_t)(args[0].e - args[0].s - 2));
            in->index = 1;
            return 1;
        }
    } else if (name_is(s, ne, "exit") && text == NULL) {
        ct_job_emit(c, CT_JOB_END, s);
        return 1;
    } else if (name_is(s, ne, "stop")) {
        if ((in = ct_job_emit(c, CT_JOB_STOP, s))) in->text = text;
        return 1;
    } else if (is_def(st, s, ne)) {
        if (!(in = ct_job_emit(c, CT_JOB_CALL, s))) return 1;
        in->name = ct_job_strndup(c->prog, s, (size_t)(ne - s));
        in->text = text;
        return 1;
    }
    ct_job_unsupported(c, s, s, (size_t)(e - s), "unknown call");
    return 1;
}

/* ---- blocks ---- */

static ct_job_kind closer(ct_job_kind k) { return k == CT_JOB_IF ? CT_JOB_ENDIF : k == CT_JOB_LOOP ? CT_JOB_ENDLOOP : CT_JOB_ENDDEF; }

static void close_to(drl_state *st, int indent, int keep_if_chain, const char *at) {
    while (st->nstack > 0 && st->stack[st->nstack - 1].indent >= indent) {
        drl_block *b = &st->stack[st->nstack - 1];
        if (keep_if_chain && b->indent == indent && b->kind == CT_JOB_IF) return;
        ct_job_emit(st->c, closer(b->kind), at);
        st->nstack--;
    }
}

static void open_block(drl_state *st, int indent, ct_job_kind k, const char *at) {
    if (st->nstack >= CT_JOB_MAX_NESTING) {
        ct_job_fatal(st->c, CT_ERR_LIMIT, at, "nesting deeper than %d", CT_JOB_MAX_NESTING);
        return;
    }
    st->stack[st->nstack].indent = indent;
    st->stack[st->nstack].kind = k;
    st->nstack++;
    st->expect_body = 1;
}

/* Loop count of "i in range(a[, b])" or "name < N" with known numbers, else -1. */
static int loop_count(drl_state *st, const char *s, const char *e, int is_for) {
    if (is_for) {
        const char *r = strstr(s, " in range(");
        if (!r || r >= e || e[-1] != ')') return -1;
        const char *a = r + 10, *ae = e - 1;
        const char *bs[3], *be[3];
        int n = ct_job_split(a, ae, bs, be, 2);
        drl_value v0, v1;
        if (n == 1) {
            ct_job_drl_eval(st->vars, bs[0], be[0], &v0);
            return v0.kind == DRL_V_NUM && v0.v[0] >= 0 && v0.v[0] < 1e9 ? (int)v0.v[0] : -1;
        }
        if (n == 2) {
            ct_job_drl_eval(st->vars, bs[0], be[0], &v0);
            ct_job_drl_eval(st->vars, bs[1], be[1], &v1);
            if (v0.kind == DRL_V_NUM && v1.kind == DRL_V_NUM && v1.v[0] - v0.v[0] < 1e9)
                return v1.v[0] > v0.v[0] ? (int)(v1.v[0] - v0.v[0]) : 0;
        }
        return -1;
    }
    const char *lt = ct_job_find_top(s, e, '<');
    if (!lt || lt[1] == '=') return -1;
    drl_value a, b;
    ct_job_drl_eval(st->vars, s, lt, &a);
    ct_job_drl_eval(st->vars, lt + 1, e, &b);
    if (a.kind == DRL_V_NUM && a.has_num && b.kind == DRL_V_NUM && b.v[0] - a.v[0] < 1e9)
        return b.v[0] > a.v[0] ? (int)ceil(b.v[0] - a.v[0]) : 0;
    return -1;
}

/* One simple statement (no ';'). indent: its indentation. */
static void statement(drl_state *st, const char *s, const char *e, int indent) {
    ct_job_pctx *c = st->c;
    ct_job_instr *in;
    const char *w = ident_end(s, e);
    int is_elif = name_is(s, w, "elif"), is_else = name_is(s, w, "else");
    if (st->expect_body) {
        st->expect_body = 0;
        if (st->nstack > 0 && indent <= st->stack[st->nstack - 1].indent)
            ct_job_warn(c, s, "expected an indented block");
    }
    close_to(st, indent, is_elif || is_else, s);
    if (is_elif || is_else) {
        if (st->nstack == 0 || st->stack[st->nstack - 1].indent != indent || st->stack[st->nstack - 1].kind != CT_JOB_IF) {
            ct_job_unsupported(c, s, s, (size_t)(e - s), "elif/else without if");
            return;
        }
    }
    const char *rest = ct_job_skip_ws(w);
    if (rest > e) rest = e;
    /* block headers end with ':' */
    if (name_is(s, w, "if") || is_elif || is_else || name_is(s, w, "for") || name_is(s, w, "while") || name_is(s, w, "def")) {
        const char *colon = ct_job_find_top(rest, e, ':');
        if (!colon || ct_job_skip_ws(colon + 1) < e) {
            ct_job_unsupported(c, s, s, (size_t)(e - s), colon ? "statement after ':' on the same line" : "block header without ':'");
            return;
        }
        const char *he = ct_job_rtrim(rest, colon);
        if (is_elif || is_else) {
            if (!(in = ct_job_emit(c, is_elif ? CT_JOB_ELSEIF : CT_JOB_ELSE, s))) return;
            if (is_elif) in->text = ct_job_str(c, rest, (size_t)(he - rest));
            st->expect_body = 1;
            return;
        }
        ct_job_kind k = name_is(s, w, "if") ? CT_JOB_IF : name_is(s, w, "def") ? CT_JOB_DEF : CT_JOB_LOOP;
        if (!(in = ct_job_emit(c, k, s))) return;
        if (k == CT_JOB_IF) in->text = ct_job_str(c, rest, (size_t)(he - rest));
        else if (k == CT_JOB_LOOP) {
            int is_for = name_is(s, w, "for");
            in->name = is_for ? "for" : "while";
            in->text = ct_job_str(c, rest, (size_t)(he - rest));
            in->index = loop_count(st, rest, he, is_for);
        } else {
            const char *fe = ident_end(rest, he);
            const char *po = ct_job_skip_ws(fe);
            in->name = ct_job_str(c, rest, (size_t)(fe - rest));
            if (po < he && *po == '(' && he[-1] == ')') in->text = ct_job_str(c, po + 1, (size_t)(he - po - 2));
            if (!in->name) in->kind = CT_JOB_UNSUPPORTED, in->text = ct_job_str(c, s, (size_t)(e - s));
        }
        open_block(st, indent, k, s);
        return;
    }
    if ((name_is(s, w, "pass")) && rest >= e) return; /* no-op */
    if (name_is(s, w, "break") && rest >= e) { ct_job_emit(c, CT_JOB_BREAK, s); return; }
    if (name_is(s, w, "continue") && rest >= e) { ct_job_emit(c, CT_JOB_CONTINUE, s); return; }
    if (name_is(s, w, "return")) {
        if ((in = ct_job_emit(c, CT_JOB_RETURN, s))) in->text = ct_job_str(c, rest, (size_t)(e - rest));
        return;
    }
    if (name_is(s, w, "global") || name_is(s, w, "import") || name_is(s, w, "from")) {
        if (!(in = ct_job_emit(c, CT_JOB_DECLARE, s))) return;
        in->name = name_is(s, w, "global") ? "global" : name_is(s, w, "import") ? "import" : "from";
        in->text = ct_job_str(c, rest, (size_t)(e - rest));
        return;
    }
    /* assignment (also x += e) */
    {
        const char *p = s;
        while (p < e && (ct_job_is_ident((unsigned char)*p) || *p == '.')) p++;
        if (p < e && *p == '[') {
            const char *cb = ct_job_find_top(p + 1, e, ']');
            p = cb ? cb + 1 : e;
        }
        const char *op = ct_job_skip_ws(p);
        int aug = op + 1 < e && strchr("+-*/", *op) && op[1] == '=';
        if (p > s && ct_job_is_ident_start((unsigned char)*s) && op < e && ((*op == '=' && op[1] != '=') || aug)) {
            const char *rs = op + (aug ? 2 : 1);
            if (!(in = ct_job_emit(c, CT_JOB_ASSIGN, s))) return;
            in->name = ct_job_str(c, s, (size_t)(p - s));
            if (aug) {
                char tmp[CT_JOB_MAX_LINE_BYTES + 64];
                const char *r2 = ct_job_skip_ws(rs);
                if (r2 > e) r2 = e;
                snprintf(tmp, sizeof tmp, "%.*s %c %.*s", (int)(p - s), s, *op, (int)(e - r2), r2);
                in->text = ct_job_strdup(c->prog, tmp);
            } else in->text = ct_job_str(c, rs, (size_t)(e - rs));
            if (!in->text) { ct_job_warn(c, op, "assignment without a value"); return; }
            drl_value v;
            ct_job_drl_eval(st->vars, in->text, in->text + strlen(in->text), &v);
            if (v.kind == DRL_V_POSJ || v.kind == DRL_V_POSX) {
                ct_job_target *t = ct_job_palloc(c->prog, sizeof *t);
                if (!t) { ct_job_fatal(c, CT_ERR_NO_MEMORY, s, "out of memory"); return; }
                ct_job_target_init(t);
                ct_job_drl_target(c, &v, t, 1);
                in->pose = t;
                ct_job_drl_var_set(c, st->vars, s, p, t, 0, 0);
            } else if (v.kind == DRL_V_NUM) {
                ct_job_drl_var_set(c, st->vars, s, p, NULL, 1, v.v[0]);
            } else {
                /* a pose-returning call (trans, fkin, ...) or a value we cannot follow */
                ct_job_drl_var_set(c, st->vars, s, p, NULL, 0, 0);
            }
            return;
        }
    }
    if (parse_call(st, s, e)) return;
    ct_job_unsupported(c, s, s, (size_t)(e - s), "unknown statement");
}

/* ---- driver ---- */

static int indent_of(const char *line, const char **first) {
    int n = 0;
    const char *p = line;
    for (;; p++) {
        if (*p == ' ') n++;
        else if (*p == '\t') n = (n / 8 + 1) * 8;
        else break;
    }
    *first = p;
    return n;
}

/* Bracket depth change of a line (outside strings); *in_str tracks triple quotes poorly (not supported). */
static int depth_delta(const char *s, const char *e) {
    int d = 0;
    char q = 0;
    for (const char *p = s; p < e; p++) {
        if (q) { if (*p == '\\' && p + 1 < e) p++; else if (*p == q) q = 0; continue; }
        if (*p == '"' || *p == '\'') q = *p;
        else if (*p == '(' || *p == '[' || *p == '{') d++;
        else if (*p == ')' || *p == ']' || *p == '}') d--;
    }
    return d;
}

static void collect_defs(drl_state *st, const char *text, size_t len) {
    int cap = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = ct_job_skip_ws(p);
        if (s + 4 < le && !strncmp(s, "def", 3) && (s[3] == ' ' || s[3] == '\t')) {
            const char *n = ct_job_skip_ws(s + 4);
            const char *ne = n;
            while (ne < le && ct_job_is_ident((unsigned char)*ne)) ne++;
            if (ne > n && st->ndefs < 4096) {
                if (st->ndefs == cap) {
                    cap = cap ? cap * 2 : 16;
                    const char **d = ct_realloc((void *)st->defs, sizeof *d * (size_t)cap);
                    if (!d) return;
                    st->defs = d;
                }
                st->defs[st->ndefs++] = ct_job_strndup(st->c->prog, n, (size_t)(ne - n));
            }
        }
        p = nl ? nl + 1 : end;
    }
}

void ct_job_parse_drl(ct_job_pctx *c, const char *text, size_t len) {
    drl_state st;
    memset(&st, 0, sizeof st);
    st.c = c;
    st.vars = ct_alloc(sizeof *st.vars);
    ct_job_lines it = {text, text + len, 0, NULL};
    it.buf = ct_alloc(CT_JOB_MAX_LINE_BYTES + 1);
    size_t lcap = 4 * CT_JOB_MAX_LINE_BYTES;
    char *logical = ct_alloc(lcap + 1);
    if (!st.vars || !it.buf || !logical) {
        ct_job_fatal(c, CT_ERR_NO_MEMORY, NULL, "out of memory");
        goto done;
    }
    collect_defs(&st, text, len);
    const char *line;
    size_t ll;
    int r;
    while (c->status == CT_OK && (r = ct_job_next_line(&it, &line, &ll)) != 0) {
        c->lineno = it.lineno;
        c->line = r > 0 ? line : NULL;
        if (r < 0) { ct_job_fatal(c, CT_ERR_LIMIT, NULL, "line longer than %d bytes", CT_JOB_MAX_LINE_BYTES); break; }
        const char *first;
        int indent = indent_of(line, &first);
        const char *cm = ct_job_find_comment(first, 2, 0);
        const char *e = ct_job_rtrim(first, cm ? cm : line + ll);
        if (first >= e) {
            if (!cm) continue;
            const char *t = cm + 1;
            if (*t == '#' && c->prog->ninstr == 0 && !strncmp(ct_job_skip_ws(t + 1), "Title", 5)) {
                const char *col = strchr(t, ':');
                if (col) { c->prog->title = ct_job_str(c, col + 1, strlen(col + 1)); if (!c->prog->title) c->prog->title = ""; continue; }
            }
            ct_job_instr *in = ct_job_emit(c, CT_JOB_COMMENT, cm);
            if (in) { in->comment = ct_job_str(c, t, strlen(t)); if (!in->comment) in->comment = ""; }
            continue;
        }
        /* join continuation lines while brackets are open */
        /* keep the indentation so that columns match the physical line */
        size_t n = (size_t)(e - line);
        memcpy(logical, line, n);
        int depth = depth_delta(first, e);
        int start_line = it.lineno;
        const char *comment = cm ? ct_job_str(c, cm + 1, strlen(cm + 1)) : NULL;
        if (cm && !comment) comment = "";
        while (depth > 0) {
            int r2 = ct_job_next_line(&it, &line, &ll);
            if (r2 <= 0) break;
            const char *f2 = ct_job_skip_ws(line);
            const char *c2 = ct_job_find_comment(f2, 2, 0);
            const char *e2 = ct_job_rtrim(f2, c2 ? c2 : line + ll);
            if (c2 && !comment) { comment = ct_job_str(c, c2 + 1, strlen(c2 + 1)); if (!comment) comment = ""; }
            if (n + 1 + (size_t)(e2 - f2) > lcap) { c->lineno = it.lineno; ct_job_fatal(c, CT_ERR_LIMIT, NULL, "statement longer than %zu bytes", lcap); break; }
            logical[n++] = ' ';
            memcpy(logical + n, f2, (size_t)(e2 - f2));
            n += (size_t)(e2 - f2);
            depth += depth_delta(f2, e2);
        }
        if (c->status != CT_OK) break;
        logical[n] = 0;
        c->line = logical;
        c->lineno = start_line;
        if (depth > 0) ct_job_warn(c, logical, "unclosed bracket at the end of the file");
        int before = c->prog->ninstr;
        /* split on top-level ';' */
        const char *s = logical + (first - line), *le = logical + n;
        while (s < le && c->status == CT_OK) {
            const char *semi = ct_job_find_top(s, le, ';');
            const char *se = semi ? semi : le;
            const char *ss = ct_job_skip_ws(s);
            const char *st_e = ct_job_rtrim(ss, se);
            if (ss < st_e) statement(&st, ss, st_e, indent);
            s = semi ? semi + 1 : le;
        }
        if (comment && c->prog->ninstr > before) c->prog->instr[c->prog->ninstr - 1].comment = comment;
        else if (comment) {
            ct_job_instr *in = ct_job_emit(c, CT_JOB_COMMENT, logical);
            if (in) in->comment = comment;
        }
    }
    c->line = NULL;
    if (c->status == CT_OK) {
        if (st.expect_body) ct_job_warn(c, NULL, "block without a body at the end of the file");
        close_to(&st, 0, 0, NULL);
    }
done:
    ct_free((void *)st.defs);
    ct_free(st.vars);
    ct_free(it.buf);
    ct_free(logical);
}
