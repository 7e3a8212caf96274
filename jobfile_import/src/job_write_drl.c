/* Doosan DRL exporter: the IR written as a .drl script (posj/posx in mm/deg with ZYZ angles,
 * keyword arguments, indentation blocks). Constructs without a DRL form become comments. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/math.h"
#include "job_internal.h"

typedef struct drl_writer { const ct_job_program *p; ct_job_buf *b; int *nlossy; int depth; int need_body; int pending; } drl_writer;

static void ind(drl_writer *w) { ct_job_buf_printf(w->b, "%*s", 4 * w->depth, ""); }

static void eol(drl_writer *w, const ct_job_instr *in) {
    if (in && in->comment) ct_job_buf_printf(w->b, "  #%s", in->comment);
    ct_job_buf_eol(w->b);
}

static void lossy(drl_writer *w, const ct_job_instr *in, const char *what) {
    ct_job_lossy(w->nlossy, in, what);
    ind(w);
    if (w->pending) ct_job_buf_put(w->b, "pass  ", 6); /* the comment alone is no block body */
    w->pending = 0;
    ct_job_buf_printf(w->b, "# [%s] %s %s%s%s", ct_job_format_name(w->p->format), ct_job_kind_name(in->kind),
                      in->name ? in->name : "", in->text ? " " : "", in->text ? in->text : "");
    eol(w, in);
}

/* ZYZ Euler angles (rad) of a CART target, converting from XYZ-fixed when needed. */
static void zyz(const ct_job_target *t, double a[3]) {
    if (t->euler == CT_JOB_EULER_ZYZ) { a[0] = t->v[3]; a[1] = t->v[4]; a[2] = t->v[5]; return; }
    double R[9];
    ct_job_target_rotation(t, R);
    double cb = R[8];
    if (cb > 1) cb = 1;
    if (cb < -1) cb = -1;
    a[1] = acos(cb);
    if (fabs(sin(a[1])) > 1e-12) {
        a[0] = atan2(R[5], R[2]);
        a[2] = atan2(R[7], -R[6]);
    } else { /* gimbal: put all of the z rotation in a */
        a[2] = 0;
        a[0] = cb > 0 ? atan2(R[3], R[0]) : atan2(-R[3], -R[0]);
    }
}

static int write_target(drl_writer *w, const ct_job_target *t, int allow_list) {
    (void)allow_list;
    if (t->var && !t->shift) { ct_job_buf_printf(w->b, "%s", t->var); return 1; }
    if (t->kind == CT_JOB_TGT_JOINT || t->kind == CT_JOB_TGT_CART) {
        double a[3] = {0, 0, 0};
        if (t->kind == CT_JOB_TGT_CART) zyz(t, a);
        ct_job_buf_put(w->b, t->kind == CT_JOB_TGT_JOINT ? "posj(" : "posx(", 5);
        int n = t->kind == CT_JOB_TGT_CART && t->n > 6 ? 6 : t->n;
        for (int i = 0; i < n; i++) {
            if (i) ct_job_buf_put(w->b, ", ", 2);
            if (t->kind == CT_JOB_TGT_CART && i < 3) ct_job_buf_num(w->b, t->v[i] * 1e3, 1);
            else if (t->kind == CT_JOB_TGT_CART) ct_job_buf_num(w->b, a[i - 3] / CT_DEG, 1);
            else ct_job_buf_num(w->b, t->v[i] / CT_DEG, 1);
        }
        ct_job_buf_put(w->b, ")", 1);
        return !(t->kind == CT_JOB_TGT_CART && t->n > 6) && !t->shift;
    }
    if (t->expr) { ct_job_buf_printf(w->b, "%s", t->expr); return 1; }
    ct_job_buf_put(w->b, "None", 4);
    return 0;
}

static void speed_arg(drl_writer *w, const char *key, const ct_job_speed *s, int joint, char *lost) {
    if (s->kind == CT_JOB_SPD_NONE && !s->expr) return;
    if (s->kind == CT_JOB_SPD_PERCENT || s->kind == CT_JOB_SPD_TIME || (s->kind == CT_JOB_SPD_JOINT) != joint) {
        strcat(lost, " ");
        strcat(lost, key);
        return;
    }
    ct_job_buf_printf(w->b, ", %s=", key);
    if (s->expr) { ct_job_buf_printf(w->b, "%s", s->expr); return; }
    if (!isnan(s->value2)) {
        ct_job_buf_put(w->b, "[", 1);
        ct_job_buf_num(w->b, s->value * 1e3, 1);
        ct_job_buf_put(w->b, ", ", 2);
        ct_job_buf_num(w->b, s->value2 / CT_DEG, 1);
        ct_job_buf_put(w->b, "]", 1);
    } else ct_job_buf_num(w->b, joint ? s->value / CT_DEG : s->value * 1e3, 1);
}

/* 1 when a target can be written as DRL (a variable, a joint or Cartesian pose, an expression). */
static int target_expressible(const ct_job_target *t) {
    return (t->var && !t->shift) || t->kind == CT_JOB_TGT_JOINT || t->kind == CT_JOB_TGT_CART || t->expr;
}

static void write_motion(drl_writer *w, const ct_job_instr *in, const ct_job_motion *m, const ct_job_target *t2) {
    char lost[200] = "";
    const ct_job_target *t = &m->target[0];
    /* a motion whose target DRL cannot express (e.g. an encoder pose) must not become a call */
    int expressible = target_expressible(t) && (!t2 || target_expressible(t2));
    for (int i = 1; i < m->ntarget && m->type == CT_JOB_SPLINE; i++) expressible &= target_expressible(&m->target[i]);
    if (!expressible) {
        lossy(w, in, "motion target (encoder or unresolved pose) has no DRL form");
        return;
    }
    int joint = m->type == CT_JOB_PTP ? (t->kind != CT_JOB_TGT_CART) : m->type == CT_JOB_SPLINE ? (t->kind != CT_JOB_TGT_CART) : 0;
    const char *fn;
    switch (m->type) {
    case CT_JOB_PTP: fn = joint ? "movej" : "movejx"; break;
    case CT_JOB_LIN: fn = "movel"; break;
    case CT_JOB_CIRC: fn = t2 || m->ntarget == 2 ? "movec" : "movel"; break;
    default: fn = joint ? "movesj" : "movesx"; break;
    }
    if (m->type == CT_JOB_CIRC && !t2 && m->ntarget != 2) strcat(lost, " circle(single point)");
    ind(w);
    ct_job_buf_printf(w->b, "%s%s(", m->async ? "a" : "", fn);
    if (m->type == CT_JOB_SPLINE) {
        ct_job_buf_put(w->b, "[", 1);
        for (int i = 0; i < m->ntarget; i++) {
            if (i) ct_job_buf_put(w->b, ", ", 2);
            if (!write_target(w, &m->target[i], 1)) strcat(lost, " target");
        }
        ct_job_buf_put(w->b, "]", 1);
    } else {
        if (!write_target(w, t, 1)) strcat(lost, " target");
        if (m->type == CT_JOB_CIRC && (t2 || m->ntarget == 2)) {
            ct_job_buf_put(w->b, ", ", 2);
            if (!write_target(w, t2 ? t2 : &m->target[1], 1)) strcat(lost, " target");
        }
    }
    /* movej and movejx take joint speeds (deg/s), the others task speeds */
    speed_arg(w, "vel", &m->speed, joint || m->type == CT_JOB_PTP, lost);
    speed_arg(w, "acc", &m->accel, joint || m->type == CT_JOB_PTP, lost);
    if (!isnan(m->time)) { ct_job_buf_put(w->b, ", time=", 7); ct_job_buf_num(w->b, m->time, 1); }
    else if (m->speed.kind == CT_JOB_SPD_TIME && !m->speed.expr) { ct_job_buf_put(w->b, ", time=", 7); ct_job_buf_num(w->b, m->speed.value, 1); }
    if (!isnan(m->radius)) { ct_job_buf_put(w->b, ", radius=", 9); ct_job_buf_num(w->b, m->radius * 1e3, 1); }
    if (t->kind == CT_JOB_TGT_CART || m->type != CT_JOB_PTP || !joint) {
        switch (t->frame) {
        case CT_JOB_FRAME_BASE: ct_job_buf_put(w->b, ", ref=DR_BASE", 13); break;
        case CT_JOB_FRAME_TOOL: ct_job_buf_put(w->b, ", ref=DR_TOOL", 13); break;
        case CT_JOB_FRAME_WORLD: ct_job_buf_put(w->b, ", ref=DR_WORLD", 14); break;
        case CT_JOB_FRAME_USER:
            ct_job_buf_printf(w->b, ", ref=%d", t->user_frame >= 101 ? t->user_frame : 100 + t->user_frame);
            if (t->user_frame < 101) strcat(lost, " user-frame-number");
            break;
        default:
            if (t->frame == CT_JOB_FRAME_ROBOT) strcat(lost, " robot-frame");
            break;
        }
    }
    if (m->relative) ct_job_buf_put(w->b, ", mod=DR_MV_MOD_REL", 19);
    if (m->ra == 0) ct_job_buf_put(w->b, ", ra=DR_MV_RA_DUPLICATE", 23);
    if (m->ra == 1) ct_job_buf_put(w->b, ", ra=DR_MV_RA_OVERRIDE", 22);
    if (t->sol >= 0) ct_job_buf_printf(w->b, ", sol=%d", t->sol);
    if (m->options) {
        if (w->p->format == CT_JOB_FMT_DRL) ct_job_buf_printf(w->b, ", %s", m->options);
        else strcat(lost, " options");
    }
    ct_job_buf_put(w->b, ")", 1);
    if (m->accuracy >= 0) strcat(lost, " accuracy");
    if (m->tool >= 0) strcat(lost, " tool");
    if (m->station) strcat(lost, " station");
    if (m->stationary_tool) strcat(lost, " stationary-tool");
    if (t->cfg >= 0 || t->cfg_flags) strcat(lost, " cfg");
    if (t->kind == CT_JOB_TGT_ENCODER) strcat(lost, " encoder-pose");
    if (lost[0]) {
        char what[256];
        snprintf(what, sizeof what, "motion fields%s", lost);
        ct_job_lossy(w->nlossy, in, what);
        ct_job_buf_printf(w->b, "  # lost:%s", lost);
        if (in->comment) ct_job_buf_put(w->b, ";", 1);
    }
    eol(w, in);
}

static int is_ident(const char *s) {
    if (!s || !ct_job_is_ident_start((unsigned char)*s)) return 0;
    for (; *s; s++)
        if (!ct_job_is_ident((unsigned char)*s)) return 0;
    return 1;
}

static void body_if_needed(drl_writer *w) {
    if (w->need_body) { ind(w); ct_job_buf_put(w->b, "pass", 4); ct_job_buf_eol(w->b); }
    w->need_body = 0;
}

void ct_job_write_drl(const ct_job_program *p, ct_job_buf *b, int *nlossy) {
    drl_writer w = {p, b, nlossy, 0, 0, 0};
    int native = p->format == CT_JOB_FMT_DRL;
    if (p->title) { ct_job_buf_printf(b, "## Title : %s", p->title); ct_job_buf_eol(b); }
    for (int i = 0; i < p->ninstr; i++) {
        const ct_job_instr *in = &p->instr[i];
        if (in->kind == CT_JOB_ENDIF || in->kind == CT_JOB_ENDLOOP || in->kind == CT_JOB_ENDDEF || in->kind == CT_JOB_ELSE ||
            in->kind == CT_JOB_ELSEIF) {
            body_if_needed(&w);
            if (w.depth > 0) w.depth--;
        } else if (in->kind != CT_JOB_COMMENT) {
            w.pending = w.need_body;
            w.need_body = 0;
        }
        switch (in->kind) {
        case CT_JOB_MOTION: {
            const ct_job_motion *m = in->motion;
            const ct_job_target *t2 = NULL;
            /* Hyundai circle: this C step and the next C step make one movec(via, end) */
            if (m->type == CT_JOB_CIRC && m->ntarget == 1 && i + 1 < p->ninstr && p->instr[i + 1].kind == CT_JOB_MOTION &&
                p->instr[i + 1].motion->type == CT_JOB_CIRC && p->instr[i + 1].motion->ntarget == 1) {
                t2 = &p->instr[i + 1].motion->target[0];
                write_motion(&w, in, m, t2);
                i++;
            } else write_motion(&w, in, m, NULL);
            break;
        }
        case CT_JOB_IO_SET:
            if ((strcmp(in->name, "DO") && strcmp(in->name, "TDO")) || in->text) { lossy(&w, in, "output"); break; }
            ind(&w);
            ct_job_buf_printf(b, "%s(%d, ", strcmp(in->name, "TDO") ? "set_digital_output" : "set_tool_digital_output", in->index);
            if (in->value == 1) ct_job_buf_put(b, "ON", 2);
            else if (in->value == 0) ct_job_buf_put(b, "OFF", 3);
            else ct_job_buf_num(b, in->value, 0);
            ct_job_buf_put(b, ")", 1);
            eol(&w, in);
            break;
        case CT_JOB_WAIT:
            if (!in->name || strcmp(in->name, "DI")) { lossy(&w, in, "wait condition"); break; }
            ind(&w);
            ct_job_buf_printf(b, "wait_digital_input(%d, %s", in->index, in->value == 1 ? "ON" : in->value == 0 ? "OFF" : "?");
            if (!isnan(in->value2)) { ct_job_buf_put(b, ", ", 2); ct_job_buf_num(b, in->value2, 1); }
            ct_job_buf_put(b, ")", 1);
            eol(&w, in);
            break;
        case CT_JOB_DELAY:
            if (in->text) { lossy(&w, in, "delay expression"); break; }
            ind(&w);
            ct_job_buf_put(b, "wait(", 5);
            ct_job_buf_num(b, in->value, 1);
            ct_job_buf_put(b, ")", 1);
            eol(&w, in);
            break;
        case CT_JOB_CALL:
            ind(&w);
            if (is_ident(in->name) && in->index == 0 && native) ct_job_buf_printf(b, "%s(%s)", in->name, in->text ? in->text : "");
            else {
                ct_job_buf_printf(b, "sub_program_run(\"%s\")", in->name);
                if (in->text) ct_job_lossy(nlossy, in, "call arguments");
            }
            eol(&w, in);
            if (in->index == 2) { /* Hyundai JUMP: no return -> the program ends after the callee */
                ct_job_lossy(nlossy, in, "JUMP written as sub_program_run + exit()");
                ind(&w);
                ct_job_buf_put(b, "exit()", 6);
                ct_job_buf_eol(b);
            }
            break;
        case CT_JOB_RETURN:
            ind(&w);
            ct_job_buf_printf(b, "return%s%s", in->text ? " " : "", in->text ? in->text : "");
            eol(&w, in);
            break;
        case CT_JOB_IF:
            if (in->index == 1) { lossy(&w, in, "single-line IF"); break; }
            /* fall through */
        case CT_JOB_ELSEIF:
            ind(&w);
            ct_job_buf_printf(b, "%s %s:", in->kind == CT_JOB_IF ? "if" : "elif", in->text ? in->text : "True");
            if (!native) ct_job_lossy(nlossy, in, "condition in another language");
            eol(&w, in);
            w.depth++;
            w.need_body = 1;
            break;
        case CT_JOB_ELSE:
            ind(&w);
            ct_job_buf_put(b, "else:", 5);
            eol(&w, in);
            w.depth++;
            w.need_body = 1;
            break;
        case CT_JOB_LOOP:
            ind(&w);
            if (native) ct_job_buf_printf(b, "%s %s:", in->name, in->text ? in->text : "True");
            else {
                ct_job_lossy(nlossy, in, "loop header");
                ct_job_buf_printf(b, "for _loop in range(1):  # [%s] %s", ct_job_format_name(p->format), in->text ? in->text : "");
            }
            eol(&w, in);
            w.depth++;
            w.need_body = 1;
            break;
        case CT_JOB_DEF:
            ind(&w);
            ct_job_buf_printf(b, "def %s(%s):", in->name, in->text ? in->text : "");
            eol(&w, in);
            w.depth++;
            w.need_body = 1;
            break;
        case CT_JOB_ENDIF:
        case CT_JOB_ENDLOOP:
        case CT_JOB_ENDDEF:
            if (in->comment) { ind(&w); ct_job_buf_printf(b, "#%s", in->comment); ct_job_buf_eol(b); }
            break;
        case CT_JOB_BREAK: ind(&w); ct_job_buf_put(b, "break", 5); eol(&w, in); break;
        case CT_JOB_CONTINUE: ind(&w); ct_job_buf_put(b, "continue", 8); eol(&w, in); break;
        case CT_JOB_ASSIGN:
        case CT_JOB_DECLARE:
        case CT_JOB_SETTING:
        case CT_JOB_EVENT:
        case CT_JOB_UNSUPPORTED:
            if (!native) { lossy(&w, in, ct_job_kind_name(in->kind)); break; }
            ind(&w);
            if (in->kind == CT_JOB_ASSIGN) ct_job_buf_printf(b, "%s = %s", in->name, in->text ? in->text : "None");
            else if (in->kind == CT_JOB_DECLARE) ct_job_buf_printf(b, "%s %s", in->name, in->text ? in->text : "");
            else if (in->kind == CT_JOB_UNSUPPORTED) ct_job_buf_printf(b, "%s", in->text ? in->text : "pass");
            else ct_job_buf_printf(b, "%s(%s)", in->name, in->text ? in->text : "");
            eol(&w, in);
            break;
        case CT_JOB_COMMENT:
            ind(&w);
            ct_job_buf_printf(b, "#%s", in->comment ? in->comment : "");
            ct_job_buf_eol(b);
            break;
        case CT_JOB_STOP:
            ind(&w);
            ct_job_buf_printf(b, "stop(%s)", in->text ? in->text : "DR_QSTOP");
            eol(&w, in);
            break;
        case CT_JOB_END:
            ind(&w);
            ct_job_buf_put(b, "exit()", 6);
            eol(&w, in);
            break;
        default: /* GOTO, GOSUB, LABEL */
            lossy(&w, in, ct_job_kind_name(in->kind));
            break;
        }
    }
    body_if_needed(&w);
}
