/* Hyundai exporters: the IR written as Hi5 .JOB (UPPERCASE, S=/A=/T=, (pose)A) or Hi6 HRScript
 * (lowercase, spd=/accu=/tool=, [pose]). Constructs without a Hyundai form become comments. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/math.h"
#include "job_internal.h"

typedef struct hy_writer { const ct_job_program *p; ct_job_buf *b; int *nlossy; int hi6; int depth; int step; } hy_writer;

static const char *cmark(const hy_writer *w) { return w->hi6 ? "#" : "'"; }

static void indent(hy_writer *w) {
    ct_job_buf_printf(w->b, "     %*s", 2 * (w->depth > 0 ? w->depth : 0), "");
}

static void end_line(hy_writer *w, const ct_job_instr *in) {
    if (in && in->comment) ct_job_buf_printf(w->b, " %s%s", cmark(w), in->comment);
    ct_job_buf_eol(w->b);
}

/* Keyword in the dialect's case. */
static void kw(hy_writer *w, const char *word) {
    char tmp[64];
    size_t n = strlen(word);
    if (n >= sizeof tmp) n = sizeof tmp - 1;
    for (size_t i = 0; i < n; i++) tmp[i] = (char)(w->hi6 ? tolower((unsigned char)word[i]) : toupper((unsigned char)word[i]));
    tmp[n] = 0;
    ct_job_buf_put(w->b, tmp, n);
}

static void lossy_line(hy_writer *w, const ct_job_instr *in, const char *what) {
    ct_job_lossy(w->nlossy, in, what);
    ct_job_buf_printf(w->b, "%s[%s] %s %s%s%s", cmark(w), ct_job_format_name(w->p->format), ct_job_kind_name(in->kind),
                      in->name ? in->name : "", in->text ? " " : "", in->text ? in->text : "");
    end_line(w, in);
}

int ct_job_hyundai_speed(const ct_job_speed *s, char *buf, size_t n, int hi6) {
    char num[48];
    const char *unit;
    double v = s->value;
    (void)hi6;
    switch (s->kind) {
    case CT_JOB_SPD_PERCENT: unit = "%"; v *= 100; break;
    case CT_JOB_SPD_TIME: unit = "sec"; break;
    case CT_JOB_SPD_LINEAR:
        unit = s->unit && (!strcmp(s->unit, "mm/s") || !strcmp(s->unit, "cm/min")) ? s->unit : "mm/sec";
        v *= !strcmp(unit, "cm/min") ? 6000.0 : 1000.0;
        if (!isnan(s->value2)) return 0;
        break;
    case CT_JOB_SPD_NONE:
        if (s->expr) { snprintf(buf, n, "%s", s->expr); return 1; }
        return 0;
    default: return 0;
    }
    if (s->expr) snprintf(num, sizeof num, "%.40s", s->expr);
    else {
        ct_job_buf tb = {0};
        ct_job_buf_num(&tb, v, 0);
        snprintf(num, sizeof num, "%s", tb.text.data ? tb.text.data : "0");
        ct_free(tb.text.data);
    }
    snprintf(buf, n, "%s%s", num, unit);
    return 1;
}

/* XYZ-fixed Euler angles (rad) of a CART target, converting from ZYZ when needed. */
static void hy_angles(const ct_job_target *t, double a[3]) {
    if (t->euler == CT_JOB_EULER_XYZ_FIXED) { a[0] = t->v[3]; a[1] = t->v[4]; a[2] = t->v[5]; return; }
    ct_mat3 R;
    ct_job_target_rotation(t, R.m);
    ct_m3_to_rpy(R, &a[0], &a[1], &a[2]);
}

static void write_values(hy_writer *w, const ct_job_target *t) {
    double ang[3] = {0, 0, 0};
    if (t->kind == CT_JOB_TGT_CART) hy_angles(t, ang);
    for (int i = 0; i < t->n; i++) {
        if (i) ct_job_buf_put(w->b, ",", 1);
        if (t->kind == CT_JOB_TGT_ENCODER && !w->hi6 && t->v[i] >= 0 && t->v[i] <= 4294967295.0) ct_job_buf_printf(w->b, "&H%08lX", (unsigned long)t->v[i]);
        else if (t->kind == CT_JOB_TGT_ENCODER) ct_job_buf_num(w->b, t->v[i], 0);
        else if (t->kind == CT_JOB_TGT_CART && i < 3) ct_job_buf_num(w->b, t->v[i] * 1e3, 3);
        else if (t->kind == CT_JOB_TGT_CART && i < 6) ct_job_buf_num(w->b, ang[i - 3] / CT_DEG, 3);
        else ct_job_buf_num(w->b, t->v[i] / CT_DEG, 3);
    }
}

/* Hidden pose after two blanks. Returns 0 when the frame has no Hyundai form. */
static int write_pose(hy_writer *w, const ct_job_target *t) {
    if (t->kind == CT_JOB_TGT_NONE) return 1;
    int ok = !(t->frame == CT_JOB_FRAME_WORLD || (w->hi6 && t->frame == CT_JOB_FRAME_TOOL));
    ct_job_buf_put(w->b, "  ", 2);
    if (w->hi6) {
        ct_job_buf_put(w->b, "[", 1);
        write_values(w, t);
        if (t->kind == CT_JOB_TGT_CART) {
            if (t->frame == CT_JOB_FRAME_ROBOT) ct_job_buf_put(w->b, ",\"robot\"", 8);
            else if (t->frame == CT_JOB_FRAME_USER) ct_job_buf_printf(w->b, ",\"u%d\"", t->user_frame > 100 ? t->user_frame - 100 : t->user_frame);
            else ct_job_buf_put(w->b, ",\"base\"", 7);
            if (t->cfg_flags) ct_job_buf_printf(w->b, ",\"%s\"", t->cfg_flags);
            else if (t->cfg >= 0) ok = 0;
        } else if (t->kind == CT_JOB_TGT_ENCODER) ct_job_buf_put(w->b, ",\"encoder\"", 10);
        ct_job_buf_put(w->b, "]", 1);
        return ok;
    }
    ct_job_buf_put(w->b, "(", 1);
    write_values(w, t);
    if (t->kind == CT_JOB_TGT_CART && t->cfg >= 0) ct_job_buf_printf(w->b, ",&H%04X", (unsigned)t->cfg);
    ct_job_buf_put(w->b, ")", 1);
    if (t->kind == CT_JOB_TGT_JOINT) ct_job_buf_put(w->b, "A", 1);
    else if (t->kind == CT_JOB_TGT_ENCODER) ct_job_buf_put(w->b, "E", 1);
    else if (t->frame == CT_JOB_FRAME_ROBOT) ct_job_buf_put(w->b, "R", 1);
    else if (t->frame == CT_JOB_FRAME_TOOL) ct_job_buf_put(w->b, "T", 1);
    else if (t->frame == CT_JOB_FRAME_USER) ct_job_buf_printf(w->b, "U%d", t->user_frame > 100 ? t->user_frame - 100 : t->user_frame);
    if (t->cfg_flags) ok = 0;
    return ok;
}

static void write_motion(hy_writer *w, const ct_job_instr *in, const ct_job_motion *m, const ct_job_target *t, int type) {
    char lost[200] = "";
    w->step++;
    char st[16];
    snprintf(st, sizeof st, "S%d", w->step);
    ct_job_buf_printf(w->b, "%-4s ", st);
    static const char ip[] = {'P', 'L', 'C'};
    if (m->station > 0) { kw(w, "SMOV"); ct_job_buf_printf(w->b, " S%d,", m->station); }
    else { kw(w, "MOVE"); ct_job_buf_put(w->b, " ", 1); }
    char ipbuf[3] = {0};
    if (m->stationary_tool) { ipbuf[0] = 'S'; ipbuf[1] = ip[type]; } else ipbuf[0] = ip[type];
    ct_job_buf_put(w->b, ipbuf, strlen(ipbuf));
    if (t->var || t->shift || t->expr) {
        const char *base = t->var ? t->var : t->expr ? t->expr : "";
        ct_job_buf_printf(w->b, ",%s%s%s", w->hi6 ? "tg=" : "", base, t->shift && !t->expr ? t->shift : "");
    }
    char sp[80];
    if (ct_job_hyundai_speed(&m->speed, sp, sizeof sp, w->hi6)) ct_job_buf_printf(w->b, ",%s=%s", w->hi6 ? "spd" : "S", sp);
    else if (m->speed.kind != CT_JOB_SPD_NONE) strcat(lost, " speed");
    if (!isnan(m->time)) {
        ct_job_buf_printf(w->b, ",%s=", w->hi6 ? "spd" : "S");
        ct_job_buf_num(w->b, m->time, 0);
        ct_job_buf_put(w->b, "sec", 3);
    }
    if (m->accuracy >= 0) ct_job_buf_printf(w->b, ",%s=%d", w->hi6 ? "accu" : "A", m->accuracy);
    if (m->tool >= 0) ct_job_buf_printf(w->b, ",%s=%d", w->hi6 ? "tool" : "T", m->tool);
    if (!isnan(m->radius)) strcat(lost, " radius");
    if (m->accel.kind != CT_JOB_SPD_NONE) strcat(lost, " acc");
    if (m->relative) strcat(lost, " mod=rel");
    if (m->async) strcat(lost, " async");
    if (t->sol >= 0) strcat(lost, " sol");
    const char *until = NULL;
    if (m->options) {
        int hyundai = w->p->format == CT_JOB_FMT_HI5 || w->p->format == CT_JOB_FMT_HI6;
        if (!hyundai) strcat(lost, " options");
        else {
            until = strstr(m->options, "until");
            if (until != m->options) {
                int n = until ? (int)(until - m->options) : (int)strlen(m->options);
                while (n > 0 && m->options[n - 1] == ' ') n--;
                ct_job_buf_printf(w->b, ",%.*s", n, m->options);
            }
        }
    }
    if (until) ct_job_buf_printf(w->b, " %s", until);
    if (!write_pose(w, t)) strcat(lost, " frame/cfg");
    end_line(w, in);
    if (lost[0]) {
        char what[256];
        snprintf(what, sizeof what, "motion fields%s", lost);
        ct_job_lossy(w->nlossy, in, what);
    }
}

static int same_family(const hy_writer *w) { return w->p->format == CT_JOB_FMT_HI5 || w->p->format == CT_JOB_FMT_HI6; }

static int is_number_label(const char *s) {
    if (!s || !*s) return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return 0;
    return 1;
}

static void write_hyundai(const ct_job_program *p, ct_job_buf *b, int *nlossy, int hi6) {
    hy_writer w = {p, b, nlossy, hi6, 0, 0};
    int ta = p->total_axis, aa = p->aux_axis;
    if (hi6)
        ct_job_buf_printf(b, "Hyundai Robot Job File; { version: %s, mech_type: \"%s\", total_axis: %d, aux_axis: %d }",
                          p->version ? p->version : "1.6", p->mech_type ? p->mech_type : "", ta, aa < 0 ? 0 : aa);
    else
        ct_job_buf_printf(b, "Program File Format Version : %s  MechType: %s  TotalAxis: %d  AuxAxis: %d",
                          p->version ? p->version : "1.6", p->mech_type ? p->mech_type : "0()", ta, aa < 0 ? 0 : aa);
    ct_job_buf_eol(b);
    /* loop kinds of the open loops: 1 = Hi5 WHILE (closed by WEND), 0 = FOR (NEXT) */
    unsigned char loop_while[CT_JOB_MAX_NESTING + 1];
    int nloop = 0;
    for (int i = 0; i < p->ninstr; i++) {
        const ct_job_instr *in = &p->instr[i];
        int fam = same_family(&w);
        switch (in->kind) {
        case CT_JOB_MOTION: {
            const ct_job_motion *m = in->motion;
            if (m->ntarget > 1) ct_job_lossy(nlossy, in, "multi-point motion (written as one step per point)");
            for (int t = 0; t < m->ntarget; t++) {
                int type = m->type == CT_JOB_SPLINE ? (m->target[t].kind == CT_JOB_TGT_CART ? CT_JOB_LIN : CT_JOB_PTP) : (int)m->type;
                write_motion(&w, in, m, &m->target[t], type);
            }
            break;
        }
        case CT_JOB_LABEL:
            if (is_number_label(in->name) && hi6) {
                const ct_job_instr *nx = i + 1 < p->ninstr ? &p->instr[i + 1] : NULL;
                ct_job_buf_printf(b, "%4s ", in->name);
                if (nx && !in->comment && nx->kind != CT_JOB_MOTION && nx->kind != CT_JOB_LABEL && nx->kind != CT_JOB_COMMENT &&
                    nx->kind != CT_JOB_ENDIF && nx->kind != CT_JOB_ELSE && nx->kind != CT_JOB_ELSEIF && nx->kind != CT_JOB_ENDLOOP) {
                    w.depth = -100; /* the next statement follows on this line */
                    continue;
                }
                end_line(&w, in);
            } else {
                indent(&w);
                ct_job_buf_printf(b, "%s", in->name);
                end_line(&w, in);
            }
            break;
        default: break;
        }
        if (in->kind == CT_JOB_MOTION || in->kind == CT_JOB_LABEL) continue;
        int prefixed = w.depth < -50;
        if (prefixed) w.depth = 0;
        if (in->kind == CT_JOB_ENDIF || in->kind == CT_JOB_ENDLOOP || in->kind == CT_JOB_ELSE || in->kind == CT_JOB_ELSEIF)
            w.depth = w.depth > 0 ? w.depth - 1 : 0;
        if (!prefixed && in->kind != CT_JOB_COMMENT) indent(&w);
        switch (in->kind) {
        case CT_JOB_IO_SET:
            if (!strcmp(in->name, "TDO")) { lossy_line(&w, in, "tool digital output"); continue; }
            kw(&w, in->name);
            ct_job_buf_printf(b, "%d=", in->index);
            if (in->text) ct_job_buf_printf(b, "%s", in->text); else ct_job_buf_num(b, in->value, 0);
            break;
        case CT_JOB_WAIT:
            kw(&w, "WAIT");
            ct_job_buf_put(b, " ", 1);
            if (in->name) {
                kw(&w, in->name);
                ct_job_buf_printf(b, "%d", in->index);
                if (in->value != 1) { ct_job_buf_put(b, "=", 1); ct_job_buf_num(b, in->value, 0); }
                if (!isnan(in->value2)) ct_job_lossy(nlossy, in, "wait timeout");
            } else ct_job_buf_printf(b, "%s", in->text ? in->text : "");
            break;
        case CT_JOB_DELAY:
            kw(&w, "DELAY");
            ct_job_buf_put(b, " ", 1);
            if (in->text) ct_job_buf_printf(b, "%s", in->text); else ct_job_buf_num(b, in->value, 0);
            break;
        case CT_JOB_CALL:
            kw(&w, in->index == 2 && fam ? "JUMP" : "CALL");
            ct_job_buf_printf(b, " %s%s%s", in->name, in->text ? "," : "", in->text ? in->text : "");
            break;
        case CT_JOB_GOTO: kw(&w, "GOTO"); ct_job_buf_printf(b, " %s", in->name); break;
        case CT_JOB_GOSUB: kw(&w, "GOSUB"); ct_job_buf_printf(b, " %s", in->name); break;
        case CT_JOB_RETURN:
            kw(&w, hi6 ? "retsub" : "RETURN");
            if (in->text) ct_job_lossy(nlossy, in, "return value");
            break;
        case CT_JOB_IF:
        case CT_JOB_ELSEIF:
            kw(&w, in->kind == CT_JOB_IF ? "IF" : "ELSEIF");
            ct_job_buf_printf(b, " %s", in->text ? in->text : "");
            if (in->index == 1) { ct_job_buf_put(b, " ", 1); kw(&w, "THEN"); ct_job_buf_printf(b, " %s", in->name ? in->name : ""); }
            else if (!hi6) { ct_job_buf_put(b, " ", 1); kw(&w, "THEN"); }
            if (!fam) ct_job_lossy(nlossy, in, "condition in another language");
            if (in->index != 1) w.depth++;
            break;
        case CT_JOB_ELSE: kw(&w, "ELSE"); w.depth++; break;
        case CT_JOB_ENDIF: kw(&w, "ENDIF"); break;
        case CT_JOB_LOOP: {
            int hi5_while = !hi6 && fam && in->name && !strcmp(in->name, "while") && in->text;
            if (nloop <= CT_JOB_MAX_NESTING) loop_while[nloop++] = (unsigned char)hi5_while;
            if (hi5_while) { /* WHILE cond ... WEND (INFERRED Hi5 form) */
                kw(&w, "WHILE");
                ct_job_buf_printf(b, " %s", in->text);
            } else if (!in->name || strcmp(in->name, "for") || !fam) {
                ct_job_lossy(nlossy, in, "loop header");
                /* keep the block structure: FOR over one pass */
                kw(&w, "FOR");
                ct_job_buf_printf(b, " %s", "V999%=1 TO 1");
                ct_job_buf_printf(b, " %s[%s] %s %s", cmark(&w), ct_job_format_name(p->format), in->name ? in->name : "", in->text ? in->text : "");
            } else {
                kw(&w, "FOR");
                ct_job_buf_printf(b, " %s", in->text ? in->text : "");
            }
            w.depth++;
            break;
        }
        case CT_JOB_ENDLOOP: kw(&w, nloop > 0 && loop_while[--nloop] ? "WEND" : "NEXT"); break;
        case CT_JOB_BREAK: kw(&w, "BREAK"); break;
        case CT_JOB_CONTINUE: kw(&w, "CONTINUE"); break;
        case CT_JOB_ASSIGN:
            if (!fam) { lossy_line(&w, in, "assignment"); continue; }
            ct_job_buf_printf(b, "%s=%s", in->name, in->text ? in->text : "");
            break;
        case CT_JOB_DECLARE:
            if (!fam) { lossy_line(&w, in, "declaration"); continue; }
            ct_job_buf_printf(b, "%s%s%s", in->name, in->text ? " " : "", in->text ? in->text : "");
            break;
        case CT_JOB_EVENT:
            if (!fam) { lossy_line(&w, in, in->name); continue; }
            if (strchr(in->name, '.')) ct_job_buf_printf(b, "%s", in->name);
            else kw(&w, in->name);
            if (in->text) ct_job_buf_printf(b, " %s", in->text);
            break;
        case CT_JOB_COMMENT:
            if (!prefixed) indent(&w);
            ct_job_buf_printf(b, "%s%s", cmark(&w), in->comment ? in->comment : "");
            ct_job_buf_eol(b);
            continue;
        case CT_JOB_STOP: kw(&w, "STOP"); break;
        case CT_JOB_END: kw(&w, "END"); break;
        case CT_JOB_UNSUPPORTED:
            if (p->format == (hi6 ? CT_JOB_FMT_HI6 : CT_JOB_FMT_HI5)) { ct_job_buf_printf(b, "%s", in->text ? in->text : ""); break; }
            lossy_line(&w, in, "unsupported statement");
            continue;
        default: /* DEF, ENDDEF, SETTING */
            lossy_line(&w, in, ct_job_kind_name(in->kind));
            continue;
        }
        end_line(&w, in);
    }
}

void ct_job_write_hi5(const ct_job_program *p, ct_job_buf *b, int *nlossy) { write_hyundai(p, b, nlossy, 0); }
void ct_job_write_hi6(const ct_job_program *p, ct_job_buf *b, int *nlossy) { write_hyundai(p, b, nlossy, 1); }
