/* Doosan DRL moveb(seg_list, vel, acc, ref, time, mod): a blended list of posb segments, each
 * posb(DR_LINE, posx) or posb(DR_CIRCLE, posx_via, posx_end) with radius= (mm). Expanded into one
 * LIN or CIRC motion per segment, sharing the call's speed, acceleration, frame and mode, with the
 * segment's radius as the blend. The list may be inline or a variable assigned earlier in the file
 * ([seg1, seg2] with seg1 = posb(...)). */
#include <math.h>
#include <string.h>

#include "celltwin/math.h"
#include "job_drl.h"

/* Text of the latest assignment `name = ...` before this statement, or NULL. */
static const char *assigned_text(const ct_job_pctx *c, const char *s, const char *e) {
    size_t n = (size_t)(e - s);
    for (int i = c->prog->ninstr - 1; i >= 0; i--) {
        const ct_job_instr *in = &c->prog->instr[i];
        if (in->kind == CT_JOB_ASSIGN && in->name && strlen(in->name) == n && !memcmp(in->name, s, n)) return in->text;
    }
    return NULL;
}

static int is_name(const char *s, const char *e) {
    if (s >= e || !ct_job_is_ident_start((unsigned char)*s)) return 0;
    for (; s < e; s++)
        if (!ct_job_is_ident((unsigned char)*s)) return 0;
    return 1;
}

typedef struct moveb_common {
    ct_job_speed speed, accel;
    double time;
    ct_job_frame frame;
    int user_frame, relative, async;
} moveb_common;

/* One posb(...) segment -> one motion. Returns 0 after a diagnostic. */
static int segment(ct_job_pctx *c, const drl_vars *vars, const char *at, const char *s, const char *e, const moveb_common *mc) {
    s = ct_job_skip_ws(s);
    e = ct_job_rtrim(s, e);
    if (is_name(s, e)) {
        const char *t = assigned_text(c, s, e);
        if (!t) { ct_job_warn(c, s, "moveb segment '%.*s' is not a posb(...) assigned in this file", (int)(e - s), s); return 0; }
        s = t;
        e = t + strlen(t);
    }
    if (e - s < 6 || strncmp(s, "posb", 4) || *ct_job_skip_ws(s + 4) != '(' || e[-1] != ')') {
        ct_job_warn(c, at, "moveb segment is not posb(...)");
        return 0;
    }
    const char *a = ct_job_skip_ws(s + 4) + 1, *ae = e - 1;
    const char *bs[8], *be[8];
    int n = ct_job_split(a, ae, bs, be, 7);
    if (n < 2) { ct_job_warn(c, at, "posb needs a segment type and a pose"); return 0; }
    drl_value v;
    ct_job_drl_eval(vars, bs[0], be[0], &v);
    if (v.kind != DRL_V_NUM || (v.v[0] != 0 && v.v[0] != 1)) { ct_job_warn(c, bs[0], "posb type must be DR_LINE or DR_CIRCLE"); return 0; }
    int circle = v.v[0] == 1;
    const char *ps[2] = {0}, *pe[2] = {0};
    int np = 0;
    double radius = 0;
    for (int i = 1; i < n; i++) {
        const char *eq = ct_job_find_top(bs[i], be[i], '=');
        if (eq && eq[1] != '=') {
            const char *k = ct_job_skip_ws(bs[i]), *ke = ct_job_rtrim(k, eq);
            drl_value rv;
            ct_job_drl_eval(vars, eq + 1, be[i], &rv);
            if ((ke - k == 6 && !strncmp(k, "radius", 6)) || (ke - k == 1 && *k == 'r')) {
                if (rv.kind == DRL_V_NUM && rv.v[0] >= 0) radius = rv.v[0] * 1e-3;
                else ct_job_warn(c, eq + 1, "posb radius cannot be evaluated; 0 used");
            } else ct_job_warn(c, k, "unknown posb argument ignored");
        } else if (np < 2) {
            ps[np] = bs[i];
            pe[np++] = be[i];
        }
    }
    if (np != (circle ? 2 : 1)) { ct_job_warn(c, at, "posb %s needs %d pose(s)", circle ? "DR_CIRCLE" : "DR_LINE", circle ? 2 : 1); return 0; }
    ct_job_instr *in = ct_job_emit(c, CT_JOB_MOTION, at);
    if (!in) return 0;
    ct_job_motion *m = ct_job_motion_new(c->prog, circle ? CT_JOB_CIRC : CT_JOB_LIN, np);
    if (!m) { ct_job_fatal(c, CT_ERR_NO_MEMORY, at, "out of memory"); return 0; }
    in->motion = m;
    for (int t = 0; t < np; t++) {
        ct_job_drl_eval(vars, ps[t], pe[t], &v);
        if (!ct_job_drl_target(c, &v, &m->target[t], 0)) { ct_job_fatal(c, CT_ERR_NO_MEMORY, at, "out of memory"); return 0; }
        if (mc->frame != CT_JOB_FRAME_DEFAULT) { m->target[t].frame = mc->frame; m->target[t].user_frame = mc->user_frame; }
    }
    m->speed = mc->speed;
    m->accel = mc->accel;
    m->time = mc->time;
    m->relative = mc->relative;
    m->async = mc->async;
    if (radius > 0) m->radius = radius;
    in->src.step = c->step = c->step + 1;
    return 1;
}

/* vel/acc: a number (mm/s) or [linear, angular] (mm/s, deg/s). */
static void task_speed(ct_job_pctx *c, const drl_vars *vars, const char *s, const char *e, ct_job_speed *sp) {
    drl_value v;
    ct_job_drl_eval(vars, s, e, &v);
    if (v.kind == DRL_V_NUM) { sp->kind = CT_JOB_SPD_LINEAR; sp->value = v.v[0] * 1e-3; return; }
    if (v.kind == DRL_V_LIST && v.n == 2) { sp->kind = CT_JOB_SPD_LINEAR; sp->value = v.v[0] * 1e-3; sp->value2 = v.v[1] * CT_DEG; return; }
    if (v.kind != DRL_V_NONE) {
        sp->kind = CT_JOB_SPD_LINEAR;
        sp->expr = ct_job_strndup(c->prog, v.s, (size_t)(v.e - v.s));
        ct_job_warn(c, s, "moveb speed cannot be evaluated; kept as text");
    }
}

int ct_job_drl_moveb(ct_job_pctx *c, const drl_vars *vars, const char *name, const char *a, const char *ae, int async) {
    static const char *const params[] = {"seg_list", "vel", "acc", "ref", "time", "mod", "app_type", NULL};
    const char *bs[16], *be[16];
    int n = ct_job_split(a, ae, bs, be, 15);
    if (n < 1 || bs[0] == be[0]) { ct_job_unsupported(c, name, name, (size_t)(ae + 1 - name), "moveb without a segment list"); return 1; }
    moveb_common mc;
    memset(&mc, 0, sizeof mc);
    mc.speed.kind = mc.accel.kind = CT_JOB_SPD_NONE;
    mc.speed.value = mc.speed.value2 = mc.accel.value = mc.accel.value2 = NAN;
    mc.time = NAN;
    mc.async = async;
    const char *list_s = NULL, *list_e = NULL;
    for (int i = 0, pos = 0; i < n; i++) {
        const char *eq = ct_job_find_top(bs[i], be[i], '=');
        const char *k, *ke, *vs = bs[i];
        int idx = -1;
        if (eq && eq[1] != '=') {
            k = ct_job_skip_ws(bs[i]);
            ke = ct_job_rtrim(k, eq);
            vs = eq + 1;
            size_t kl = (size_t)(ke - k);
            const char *al = kl == 1 && *k == 'v' ? "vel" : kl == 1 && *k == 'a' ? "acc" : kl == 1 && *k == 't' ? "time" : NULL;
            for (int p = 0; params[p]; p++)
                if (al ? !strcmp(params[p], al) : (strlen(params[p]) == kl && !strncmp(params[p], k, kl))) idx = p;
            if (idx < 0) { ct_job_warn(c, k, "unknown moveb argument '%.*s' ignored", (int)(kl > 20 ? 20 : kl), k); continue; }
        } else idx = pos < 7 ? pos++ : -1;
        if (idx < 0) continue;
        drl_value v;
        ct_job_drl_eval(vars, vs, be[i], &v);
        switch (idx) {
        case 0: list_s = vs; list_e = be[i]; break;
        case 1: task_speed(c, vars, vs, be[i], &mc.speed); break;
        case 2: task_speed(c, vars, vs, be[i], &mc.accel); break;
        case 3:
            if (v.kind == DRL_V_NUM) {
                double r = v.v[0];
                mc.frame = r == 0 ? CT_JOB_FRAME_BASE : r == 1 ? CT_JOB_FRAME_TOOL : r == 2 ? CT_JOB_FRAME_WORLD
                         : (r >= 101 && r <= 200) ? CT_JOB_FRAME_USER : CT_JOB_FRAME_DEFAULT;
                mc.user_frame = mc.frame == CT_JOB_FRAME_USER ? (int)r : 0;
                if (mc.frame == CT_JOB_FRAME_DEFAULT) ct_job_warn(c, vs, "unknown ref %g", r);
            } else if (v.kind != DRL_V_NONE) ct_job_warn(c, vs, "moveb ref cannot be evaluated; the default frame is used");
            break;
        case 4: if (v.kind == DRL_V_NUM && v.v[0] >= 0) mc.time = v.v[0]; break;
        case 5: if (v.kind == DRL_V_NUM && (v.v[0] == 0 || v.v[0] == 1)) mc.relative = (int)v.v[0]; break;
        default: break; /* app_type: no motion meaning */
        }
    }
    if (!list_s) { ct_job_unsupported(c, name, name, (size_t)(ae + 1 - name), "moveb without a segment list"); return 1; }
    list_s = ct_job_skip_ws(list_s);
    list_e = ct_job_rtrim(list_s, list_e);
    if (is_name(list_s, list_e)) {
        const char *t = assigned_text(c, list_s, list_e);
        if (!t) {
            ct_job_unsupported(c, name, name, (size_t)(ae + 1 - name), "moveb segment list is not assigned in this file");
            return 1;
        }
        list_s = t;
        list_e = t + strlen(t);
    }
    if (list_e - list_s < 2 || *list_s != '[' || list_e[-1] != ']') {
        ct_job_unsupported(c, name, name, (size_t)(ae + 1 - name), "moveb segment list must be [posb(...), ...]");
        return 1;
    }
    const char *ss[64], *se[64];
    int ns = ct_job_split(list_s + 1, list_e - 1, ss, se, 50);
    if (ns < 1) { ct_job_unsupported(c, name, name, (size_t)(ae + 1 - name), "moveb with more than 50 segments"); return 1; }
    for (int i = 0; i < ns && c->status == CT_OK; i++)
        if (!segment(c, vars, name, ss[i], se[i], &mc)) {
            ct_job_unsupported(c, name, name, (size_t)(ae + 1 - name), "moveb segment not understood");
            return 1;
        }
    return 1;
}
