/* Program interpreter: one motion instruction -> resolved motion commands. Resolves the target
 * (pose variables, shifts, encoder counts, frames: base/robot/world, user frames, tool frame,
 * Doosan relative moves), the tool, the speed (Hyundai %, mm/s, cm/min, sec; Doosan vel/acc/time
 * and the set_vel/set_acc globals), the blend (accuracy level or radius) and the configuration.
 * Also the DRL settings (set_velj, set_tcp, set_ref_coord, ...). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celltwin/ik.h"
#include "celltwin/kin.h"
#include "interp_internal.h"

ct_xform ip_tcp_of(const ct_robot *r, const double *q, ct_xform tool) {
    ct_xform flange = ct_xf_mul(ct_kin_tcp(r, q), ct_xf_inv(r->tool));
    return ct_xf_mul(flange, tool);
}

static ct_mat3 pose_rotation(const ip_pose *p) {
    ct_job_target t;
    ct_job_target_init(&t);
    t.kind = CT_JOB_TGT_CART;
    t.euler = p->euler;
    t.n = p->n;
    t.v = (double *)p->v;
    ct_mat3 R;
    ct_job_target_rotation(&t, R.m);
    return R;
}

/* Rotation of the frame a pose or shift is expressed in (base, user, tool); 0 when unknown. */
static int frame_rotation(ip_state *st, ct_job_frame f, int uframe, ct_xform tool, ct_mat3 *R, char *why, size_t n) {
    switch (f) {
    case CT_JOB_FRAME_USER: {
        int u = uframe > 100 ? uframe - 100 : uframe;
        if (u < 1 || u >= CT_INTERP_MAX_UFRAMES || !st->uframe_defined[u]) {
            snprintf(why, n, "user frame %d is not defined (give it in the cell or with --uframe)", uframe);
            return 0;
        }
        *R = st->uframe[u].R;
        return 1;
    }
    case CT_JOB_FRAME_TOOL:
        if (!st->have_pose) { snprintf(why, n, "a tool-frame pose needs a known current position"); return 0; }
        *R = ct_xf_mul(st->cur_pose, tool).R;
        return 1;
    default:
        *R = ct_m3_identity();
        return 1;
    }
}

int ip_cart_to_base(ip_state *st, const ip_pose *p, ct_job_frame dflt, ct_xform tool, ct_xform *out, char *why,
                    size_t why_n) {
    ct_xform T = ct_xf(pose_rotation(p), ct_v3(p->v[0], p->v[1], p->v[2]));
    ct_job_frame f = p->frame == CT_JOB_FRAME_DEFAULT ? dflt : p->frame;
    if (f == CT_JOB_FRAME_USER) {
        int u = p->uframe > 100 ? p->uframe - 100 : p->uframe;
        if (u < 1 || u >= CT_INTERP_MAX_UFRAMES || !st->uframe_defined[u]) {
            snprintf(why, why_n, "user frame %d is not defined (give it in the cell or with --uframe)", p->uframe);
            return 0;
        }
        *out = ct_xf_mul(st->uframe[u], T);
        return 1;
    }
    if (f == CT_JOB_FRAME_TOOL) {
        if (!st->have_pose) { snprintf(why, why_n, "a tool-frame pose needs a known current position"); return 0; }
        *out = ct_xf_mul(ct_xf_mul(st->cur_pose, tool), T);
        return 1;
    }
    *out = T; /* base; robot and world coincide with base (no travel axis, no world offset modelled) */
    return 1;
}

int ip_apply_shift(ip_state *st, ip_pose *p, const ip_pose *s, char *why, size_t why_n) {
    if (p->kind != IP_POSE_CART) { snprintf(why, why_n, "a shift applies to a Cartesian pose only"); return 0; }
    int same = s->frame == CT_JOB_FRAME_DEFAULT || (s->frame == p->frame && s->uframe == p->uframe) ||
               (s->frame != CT_JOB_FRAME_USER && s->frame != CT_JOB_FRAME_TOOL && p->frame != CT_JOB_FRAME_USER &&
                p->frame != CT_JOB_FRAME_TOOL);
    if (same) {
        /* same frame: element-wise (x,y,z and the Euler angles; INFERRED for the angles) */
        for (int i = 0; i < s->n && i < p->n; i++) p->v[i] += s->v[i];
        return 1;
    }
    for (int i = 3; i < 6 && i < s->n; i++)
        if (s->v[i] != 0) { snprintf(why, why_n, "a rotating shift in another frame than the pose's is not supported"); return 0; }
    if (!st) { snprintf(why, why_n, "shift between frames needs the frames"); return 0; }
    ct_mat3 Rs, Rp;
    if (!frame_rotation(st, s->frame, s->uframe, st->cur_tool, &Rs, why, why_n) ||
        !frame_rotation(st, p->frame, p->uframe, st->cur_tool, &Rp, why, why_n))
        return 0;
    ct_vec3 d = ct_m3_tmulv(Rp, ct_m3_mulv(Rs, ct_v3(s->v[0], s->v[1], s->v[2])));
    p->v[0] += d.x;
    p->v[1] += d.y;
    p->v[2] += d.z;
    return 1;
}

int ip_parse_shift_call(const char *s, ip_pose *out) {
    memset(out, 0, sizeof *out);
    out->kind = IP_POSE_SHIFT;
    out->cfg = out->sol = -1;
    out->euler = CT_JOB_EULER_XYZ_FIXED;
    while (*s == ' ' || *s == '+') s++;
    if (strncasecmp(s, "Shift(", 6)) return 0;
    s += 6;
    for (;;) {
        while (*s == ' ') s++;
        if (*s == '"') {
            const char *e = strchr(s + 1, '"');
            if (!e) return 0;
            size_t n = (size_t)(e - s - 1);
            if (n == 4 && !strncasecmp(s + 1, "base", 4)) out->frame = CT_JOB_FRAME_BASE;
            else if (n == 5 && !strncasecmp(s + 1, "robot", 5)) out->frame = CT_JOB_FRAME_ROBOT;
            else if (n == 4 && !strncasecmp(s + 1, "tool", 4)) out->frame = CT_JOB_FRAME_TOOL;
            else if (n >= 2 && (s[1] == 'u' || s[1] == 'U')) { out->frame = CT_JOB_FRAME_USER; out->uframe = atoi(s + 2); }
            else return 0;
            s = e + 1;
        } else {
            char *end;
            double v = strtod(s, &end);
            if (end == s || !isfinite(v) || out->n >= CT_JOB_MAX_AXES) return 0;
            out->v[out->n] = out->n < 3 ? v * 1e-3 : v * CT_DEG;
            out->n++;
            s = end;
        }
        while (*s == ' ') s++;
        if (*s == ')') return out->n >= 6;
        if (*s != ',') return 0;
        s++;
    }
}

/* ---- targets ---- */

typedef struct ip_target { int joint; double q[CT_ROBOT_MAX_DOF]; ct_xform pose; unsigned config; } ip_target;

static int is_drl(const ip_state *st) { return st->progs[st->cur_prog].prog->format == CT_JOB_FMT_DRL; }

static unsigned config_of(const ip_state *st, const ip_pose *p) {
    if (st->ctx->config_mode != CT_INTERP_CFG_VENDOR) return CT_MCMD_CONFIG_ANY;
    if (p->sol >= 0) return ct_interp_drl_sol_flags(p->sol);
    if (p->cfg_flags[0]) return ct_interp_hi6_cfg_flags(p->cfg_flags);
    return ct_interp_hi5_cfg_flags(p->cfg);
}

/* Pose value of target t (variable, literal, shift, encoder); 0 after a diagnostic. */
static int target_pose(ip_state *st, const ct_job_instr *in, const ct_job_target *t, ip_pose *p) {
    const ct_robot *r = st->robot;
    char why[160];
    if (t->var) {
        const ip_value *v = ip_table_get(&st->vars, t->var, strlen(t->var));
        if (!v && (t->kind == CT_JOB_TGT_JOINT || t->kind == CT_JOB_TGT_CART)) {
            ip_pose_from_target(t, p);
        } else {
            if (!v && st->ctx->vars) v = ip_table_get(&st->ctx->vars->table, t->var, strlen(t->var));
            if (!v) {
                ip_diag_once(st, CT_INTERP_ERROR, in, "unresolved pose variable '%s' (not assigned in the program; supply it with a variables file); motion skipped", t->var);
                return 0;
            }
            if (v->kind != IP_V_POSE || v->pose.kind == IP_POSE_SHIFT) {
                ip_diag_once(st, CT_INTERP_ERROR, in, "'%s' is not a pose; motion skipped", t->var);
                return 0;
            }
            *p = v->pose;
            /* an explicit frame on the motion (Doosan ref=) overrides the variable's default */
            if (t->frame != CT_JOB_FRAME_DEFAULT && p->frame == CT_JOB_FRAME_DEFAULT) { p->frame = t->frame; p->uframe = t->user_frame; }
            if (t->sol >= 0) p->sol = t->sol;
        }
    } else if (t->kind == CT_JOB_TGT_ENCODER) {
        if (!st->ctx->encoder_scale) {
            ip_diag_once(st, CT_INTERP_ERROR, in, "encoder pose needs the robot's encoder data (counts per rad per axis), which the cell does not give; motion skipped");
            return 0;
        }
        memset(p, 0, sizeof *p);
        p->kind = IP_POSE_JOINT;
        p->cfg = p->sol = -1;
        p->n = t->n < r->ndof ? t->n : r->ndof;
        for (int i = 0; i < p->n; i++) {
            double off = st->ctx->encoder_offset ? st->ctx->encoder_offset[i] : 4194304.0;
            double sc = st->ctx->encoder_scale[i];
            if (!(sc != 0) || !isfinite(sc)) {
                ip_diag_once(st, CT_INTERP_ERROR, in, "encoder scale of axis %d is zero or not finite; motion skipped", i + 1);
                return 0;
            }
            double q = (t->v[i] - off) / sc;
            /* stored as if rotary (axis note) so that the common conversion below applies */
            p->v[i] = r->dof_type[i] == CT_JOINT_PRISMATIC ? q * 1e3 * CT_DEG : q; /* axis note: m -> mm stored as deg */
        }
    } else if (t->kind == CT_JOB_TGT_JOINT || t->kind == CT_JOB_TGT_CART) {
        ip_pose_from_target(t, p);
    } else if (t->expr) { /* an expression the parser could not evaluate statically: posj(0, k, ...) */
        ip_value v;
        if (!ip_eval(st, t->expr, t->expr + strlen(t->expr), &v, why, sizeof why) || v.kind != IP_V_POSE) {
            ip_diag_once(st, CT_INTERP_ERROR, in, "target '%s' cannot be evaluated (%s); motion skipped", t->expr,
                         why[0] ? why : "not a pose");
            return 0;
        }
        *p = v.pose;
        if (t->frame != CT_JOB_FRAME_DEFAULT) { p->frame = t->frame; p->uframe = t->user_frame; }
    } else {
        ip_diag_once(st, CT_INTERP_ERROR, in, "target '%s' cannot be evaluated; motion skipped", t->expr ? t->expr : "(none)");
        return 0;
    }
    if (t->shift) {
        ip_value sv;
        const char *s = t->shift;
        int neg = 0;
        while (*s == ' ' || *s == '+' || *s == '-') neg ^= *s++ == '-';
        if (!ip_eval(st, s, s + strlen(s), &sv, why, sizeof why)) {
            ip_diag_once(st, CT_INTERP_ERROR, in, "shift '%s': %s; motion skipped", t->shift, why);
            return 0;
        }
        if (sv.kind != IP_V_POSE || sv.pose.kind != IP_POSE_SHIFT) {
            ip_diag_once(st, CT_INTERP_ERROR, in, "'%s' is not a shift; motion skipped", t->shift);
            return 0;
        }
        if (neg)
            for (int i = 0; i < sv.pose.n; i++) sv.pose.v[i] = -sv.pose.v[i];
        if (!ip_apply_shift(st, p, &sv.pose, why, sizeof why)) {
            ip_diag_once(st, CT_INTERP_ERROR, in, "shift '%s': %s; motion skipped", t->shift, why);
            return 0;
        }
    }
    return 1;
}

/* Resolves a target into joint values or a TCP pose in the base frame. */
static int resolve(ip_state *st, const ct_job_instr *in, const ct_job_target *t, int relative, ct_xform tool,
                   ip_target *out) {
    const ct_robot *r = st->robot;
    ip_pose p;
    char why[160];
    if (!target_pose(st, in, t, &p)) return 0;
    memset(out, 0, sizeof *out);
    out->config = CT_MCMD_CONFIG_ANY;
    if (p.kind == IP_POSE_SHIFT) {
        ip_diag_once(st, CT_INTERP_ERROR, in, "a shift is not a target; motion skipped");
        return 0;
    }
    if (p.kind == IP_POSE_JOINT) {
        if (p.n < r->ndof) {
            ip_diag_once(st, CT_INTERP_ERROR, in, "joint target has %d values, the robot has %d axes; motion skipped", p.n, r->ndof);
            return 0;
        }
        for (int i = r->ndof; i < p.n; i++)
            if (p.v[i] != 0) {
                ip_diag_once(st, CT_INTERP_NOTE, in, "axis %d (value %g) is not in the robot model; ignored", i + 1, p.v[i] / CT_DEG);
                break;
            }
        out->joint = 1;
        for (int i = 0; i < r->ndof; i++) {
            double v = p.v[i];
            if (r->dof_type[i] == CT_JOINT_PRISMATIC) v = v / CT_DEG * 1e-3; /* axis note: stored deg -> mm -> m */
            out->q[i] = relative ? (st->have_q ? st->cur_q[i] : 0) + v : v;
        }
        if (relative && !st->have_q) {
            ip_diag_once(st, CT_INTERP_ERROR, in, "relative joint move without a known current position; motion skipped");
            return 0;
        }
        return 1;
    }
    for (int i = 6; i < p.n; i++)
        if (p.v[i] != 0) {
            ip_diag_once(st, CT_INTERP_NOTE, in, "auxiliary axis value %g of the pose is not in the robot model; ignored", p.v[i] / CT_DEG);
            break;
        }
    ct_job_frame dflt = CT_JOB_FRAME_BASE;
    if (is_drl(st)) dflt = st->drl_ref == 1 ? CT_JOB_FRAME_TOOL : st->drl_ref >= 101 ? CT_JOB_FRAME_USER : CT_JOB_FRAME_BASE;
    if (p.frame == CT_JOB_FRAME_DEFAULT && dflt == CT_JOB_FRAME_USER) p.uframe = st->drl_ref;
    if (relative) {
        if (!st->have_pose) {
            ip_diag_once(st, CT_INTERP_ERROR, in, "relative move without a known current position; motion skipped");
            return 0;
        }
        ct_job_frame f = p.frame == CT_JOB_FRAME_DEFAULT ? dflt : p.frame;
        ct_mat3 F;
        if (!frame_rotation(st, f, p.uframe, tool, &F, why, sizeof why)) {
            ip_diag_once(st, CT_INTERP_ERROR, in, "%s; motion skipped", why);
            return 0;
        }
        ct_xform cur = ct_xf_mul(st->cur_pose, tool);
        ct_mat3 Rd = pose_rotation(&p);
        out->pose.p = ct_v3_add(cur.p, ct_m3_mulv(F, ct_v3(p.v[0], p.v[1], p.v[2])));
        out->pose.R = ct_m3_mul(ct_m3_mul(ct_m3_mul(F, Rd), ct_m3_transpose(F)), cur.R);
    } else if (!ip_cart_to_base(st, &p, dflt, tool, &out->pose, why, sizeof why)) {
        ip_diag_once(st, CT_INTERP_ERROR, in, "%s; motion skipped", why);
        return 0;
    }
    if (p.frame == CT_JOB_FRAME_WORLD) ip_diag_once(st, CT_INTERP_NOTE, in, "world frame taken as the robot base frame");
    out->config = config_of(st, &p);
    return 1;
}

/* ---- speeds ---- */

/* Fraction of the joint limits that makes the leading axis move at `vel` (rad/s) or accelerate at
 * `acc` when lim is the acceleration table. With unknown start joints, the fastest axis limit is
 * used (conservative: no axis exceeds vel). */
static double joint_fraction(ip_state *st, double vel, const double *lim, const ip_target *tg) {
    const ct_robot *r = st->robot;
    double f = -1;
    if (tg && tg->joint && st->have_q) {
        double worst = 0;
        int lead = -1;
        for (int i = 0; i < r->ndof; i++) {
            double d = fabs(tg->q[i] - st->cur_q[i]);
            if (lim[i] > 0 && d / lim[i] > worst) { worst = d / lim[i]; lead = i; }
        }
        if (lead >= 0) f = vel / lim[lead];
    }
    if (f < 0) {
        double m = 0;
        for (int i = 0; i < r->ndof; i++) m = lim[i] > m ? lim[i] : m;
        f = m > 0 ? vel / m : 1.0;
    }
    return f > 1 ? 1 : f > 1e-6 ? f : 1e-6;
}

/* Numeric value of a speed spec, evaluating a variable expression when needed; NAN if none. */
static double speed_value(ip_state *st, const ct_job_instr *in, const ct_job_speed *s) {
    if (!isnan(s->value) || !s->expr) return s->value;
    char why[160];
    ip_value v;
    if (!ip_eval(st, s->expr, s->expr + strlen(s->expr), &v, why, sizeof why) || v.kind != IP_V_NUM || !(v.num > 0)) {
        ip_diag_once(st, CT_INTERP_WARNING, in, "speed '%s' cannot be evaluated (%s); 100%% / the default speed used", s->expr,
                     why[0] ? why : "not a positive number");
        return NAN;
    }
    double x = v.num;
    const char *u = s->unit ? s->unit : "";
    if (s->kind == CT_JOB_SPD_PERCENT) return x / 100.0;
    if (s->kind == CT_JOB_SPD_TIME) return x;
    if (s->kind == CT_JOB_SPD_JOINT) return x * CT_DEG;
    if (!strcmp(u, "cm/min")) return x / 6000.0;
    return x * 1e-3; /* mm/sec, mm/s, DRL mm/s */
}

static void hyundai_speed(ip_state *st, const ct_job_instr *in, ct_motion_cmd *c) {
    const ct_job_speed *s = &in->motion->speed;
    int ptp = c->type == CT_MCMD_PTP;
    const ct_program_context *ctx = st->ctx;
    double v = speed_value(st, in, s);
    c->speed = ptp ? ctx->ptp_percent_scale : ctx->lin_max_speed;
    if (isnan(v) || s->kind == CT_JOB_SPD_NONE) {
        if (s->kind == CT_JOB_SPD_NONE) ip_diag_once(st, CT_INTERP_WARNING, in, "motion without a speed; 100%% used");
    } else if (s->kind == CT_JOB_SPD_PERCENT) {
        c->speed = ptp ? v * ctx->ptp_percent_scale : v * ctx->lin_max_speed;
    } else if (s->kind == CT_JOB_SPD_LINEAR) {
        if (ptp) {
            c->speed = v / ctx->lin_max_speed;
            ip_diag_once(st, CT_INTERP_NOTE, in, "TCP speed on a joint move taken as %.0f%% of the joint limits", 100 * c->speed);
        } else c->speed = v;
    } else if (s->kind == CT_JOB_SPD_TIME) {
        c->time = v; /* never faster than the robot allows: speed stays the maximum */
    } else if (s->kind == CT_JOB_SPD_JOINT) {
        c->speed = ptp ? v / ctx->lin_max_speed : v;
    }
    if (ptp && c->speed > 1) c->speed = 1;
    if (!(c->speed > 0)) c->speed = ptp ? 1 : ctx->lin_max_speed;
}

static void drl_speed(ip_state *st, const ct_job_instr *in, ct_motion_cmd *c, const ip_target *tg) {
    const ct_job_motion *m = in->motion;
    const ct_program_context *ctx = st->ctx;
    const ct_robot *r = st->robot;
    int ptp = c->type == CT_MCMD_PTP;
    double v = speed_value(st, in, &m->speed), a = speed_value(st, in, &m->accel);
    if (!isnan(m->time) && m->time > 0) c->time = m->time;
    if (ptp) {
        if (isnan(v)) v = st->drl_velj;
        if (isnan(a)) a = st->drl_accj;
        if (!(v > 0) && c->time <= 0) {
            v = ctx->drl_velj;
            ip_diag_once(st, CT_INTERP_WARNING, in, "no joint velocity (vel= or set_velj; the controller's global is 0): %.1f deg/s used", v / CT_DEG);
        }
        if (!(a > 0)) a = ctx->drl_accj;
        if (m->speed.kind == CT_JOB_SPD_LINEAR) ip_diag_once(st, CT_INTERP_WARNING, in, "task speed on a joint move; taken as deg/s");
        c->speed = v > 0 ? joint_fraction(st, v, r->dof_vel, tg) : 1.0;
        c->accel = joint_fraction(st, a, r->dof_acc, tg);
        return;
    }
    double v2 = m->speed.kind == CT_JOB_SPD_LINEAR ? m->speed.value2 : NAN;
    if (isnan(v)) { v = st->drl_velx; v2 = st->drl_velx2; }
    if (isnan(a)) a = st->drl_accx;
    if (!(v > 0) && c->time <= 0) {
        v = ctx->drl_velx;
        ip_diag_once(st, CT_INTERP_WARNING, in, "no task velocity (vel= or set_velx; the controller's global is 0): %.1f mm/s used", v * 1e3);
    }
    if (!(a > 0)) a = ctx->drl_accx;
    c->speed = v > 0 ? v : ctx->lin_max_speed;
    c->orient_speed = v2 > 0 ? v2 : 0;
    c->accel = a / ctx->cart_accel;
    if (c->accel > 1) c->accel = 1;
    if (!(c->accel > 1e-6)) c->accel = 1e-6;
}

/* ---- the motion ---- */

static int motion_tool(ip_state *st, const ct_job_instr *in, ct_xform *tool) {
    const ct_job_motion *m = in->motion;
    if (is_drl(st) || m->tool < 0) { *tool = is_drl(st) ? st->drl_tcp : st->cur_tool; return 1; }
    if (m->tool >= CT_INTERP_MAX_TOOLS) {
        ip_diag_once(st, CT_INTERP_ERROR, in, "tool number %d outside 0..%d; motion skipped", m->tool, CT_INTERP_MAX_TOOLS - 1);
        return 0;
    }
    if (m->tool > 0 && !st->ctx->tool_defined[m->tool] && !st->tool_noted[m->tool]) {
        st->tool_noted[m->tool] = 1;
        ip_diag(st, CT_INTERP_NOTE, in, "tool %d is not defined in the cell; the flange (identity TCP) is used", m->tool);
    }
    *tool = st->ctx->tool[m->tool];
    return 1;
}

/* Emits one command to tg (and via for CIRC) and updates the controller state. */
static ct_motion_cmd *emit_move(ip_state *st, const ct_job_instr *in, ct_mcmd_type type, const ip_target *tg,
                                const ct_xform *via, ct_xform tool) {
    const ct_job_motion *m = in->motion;
    ct_motion_cmd *c = ip_emit(st, type, in);
    if (!c) return NULL;
    c->tool = tool;
    c->joint_target = tg->joint;
    if (tg->joint) {
        memcpy(c->q, tg->q, sizeof c->q);
        c->pose = ip_tcp_of(st->robot, tg->q, tool);
    } else c->pose = tg->pose;
    if (via) c->via = *via;
    c->config = tg->config;
    if (is_drl(st)) drl_speed(st, in, c, tg);
    else hyundai_speed(st, in, c);
    if (m->accuracy >= 0 && m->accuracy <= 7) c->blend = st->ctx->accuracy_blend[m->accuracy];
    else if (m->accuracy > 7) ip_diag_once(st, CT_INTERP_WARNING, in, "accuracy %d outside 0..7; exact stop used", m->accuracy);
    if (!isnan(m->radius) && m->radius > 0) c->blend = m->radius;
    /* controller state after the move */
    st->cur_tool = tool;
    st->have_pose = 1;
    st->cur_pose = ct_xf_mul(c->pose, ct_xf_inv(tool));
    if (tg->joint) {
        st->have_q = 1;
        memcpy(st->cur_q, tg->q, sizeof st->cur_q);
    } else st->have_q = 0;
    return c;
}

void ip_exec_motion(ip_state *st, const ct_job_instr *in) {
    const ct_job_motion *m = in->motion;
    if (m->group != 1) {
        ip_diag_once(st, CT_INTERP_WARNING, in, "motion of axis group %d is not modelled; skipped", m->group);
        return;
    }
    if (m->stationary_tool) ip_diag_once(st, CT_INTERP_WARNING, in, "stationary-tool move (SP/SL/SC) planned as a robot-held tool move");
    if (m->station) ip_diag_once(st, CT_INTERP_NOTE, in, "station S%d axes are not modelled; robot part of SMOV planned", m->station);
    if (m->async) ip_diag_once(st, CT_INTERP_NOTE, in, "asynchronous move planned as a synchronous one");
    if (m->options) ip_diag_once(st, CT_INTERP_NOTE, in, "options not modelled: %s", m->options);
    ct_xform tool;
    if (!motion_tool(st, in, &tool)) return;
    ip_target tg, tv;
    switch (m->type) {
    case CT_JOB_PTP:
    case CT_JOB_LIN:
        if (m->ntarget < 1 || !resolve(st, in, &m->target[0], m->relative, tool, &tg)) return;
        if (m->type == CT_JOB_LIN && tg.joint) {
            tg.pose = ip_tcp_of(st->robot, tg.q, tool);
            tg.joint = 0;
            tg.config = ct_ik_is_analytic(st->robot) ? ct_ik_config_of(st->robot, tg.q) : CT_MCMD_CONFIG_ANY;
        }
        emit_move(st, in, m->type == CT_JOB_PTP ? CT_MCMD_PTP : CT_MCMD_LIN, &tg, NULL, tool);
        return;
    case CT_JOB_CIRC:
        if (m->ntarget >= 2) { /* Doosan movec: via, end */
            if (!resolve(st, in, &m->target[0], m->relative, tool, &tv)) return;
            if (tv.joint) tv.pose = ip_tcp_of(st->robot, tv.q, tool);
            if (!resolve(st, in, &m->target[1], m->relative, tool, &tg)) return;
            if (tg.joint) { tg.pose = ip_tcp_of(st->robot, tg.q, tool); tg.joint = 0; }
            emit_move(st, in, CT_MCMD_CIRC, &tg, &tv.pose, tool);
            return;
        }
        if (m->ntarget < 1 || !resolve(st, in, &m->target[0], 0, tool, &tg)) return;
        if (tg.joint) { tg.pose = ip_tcp_of(st->robot, tg.q, tool); tg.joint = 0; }
        {
            ct_motion_cmd *c = emit_move(st, in, CT_MCMD_CIRC, &tg, NULL, tool);
            if (c) st->hyundai_circ[c - st->out->cmds] = 1;
        }
        return;
    case CT_JOB_SPLINE: {
        ip_diag_once(st, CT_INTERP_WARNING, in, "spline through %d points planned as %s moves through the points (exact stops)",
                     m->ntarget, m->ntarget && m->target[0].kind == CT_JOB_TGT_JOINT ? "joint" : "linear");
        for (int i = 0; i < m->ntarget; i++) {
            if (!resolve(st, in, &m->target[i], m->relative, tool, &tg)) return;
            ct_motion_cmd *c = emit_move(st, in, tg.joint ? CT_MCMD_PTP : CT_MCMD_LIN, &tg, NULL, tool);
            if (c && c->time > 0) c->time /= m->ntarget;
        }
        return;
    }
    }
}

/* ---- settings ---- */

void ip_exec_setting(ip_state *st, const ct_job_instr *in) {
    const char *n = in->name ? in->name : "";
    if (!strcmp(n, "set_velj") || !strcmp(n, "set_accj") || !strcmp(n, "set_velx") || !strcmp(n, "set_accx")) {
        if (isnan(in->value)) {
            ip_diag_once(st, CT_INTERP_WARNING, in, "%s(%s) cannot be evaluated; ignored", n, in->text ? in->text : "");
            return;
        }
        if (!strcmp(n, "set_velj")) st->drl_velj = in->value;
        else if (!strcmp(n, "set_accj")) st->drl_accj = in->value;
        else if (!strcmp(n, "set_velx")) { st->drl_velx = in->value; st->drl_velx2 = isnan(in->value2) ? 0 : in->value2; }
        else { st->drl_accx = in->value; st->drl_accx2 = isnan(in->value2) ? 0 : in->value2; }
        return;
    }
    if (!strcmp(n, "set_tcp") || !strcmp(n, "set_tool")) {
        char name[128] = "";
        const char *t = in->text ? in->text : "";
        while (*t == ' ' || *t == '"' || *t == '\'') t++;
        size_t k = 0;
        while (t[k] && t[k] != '"' && t[k] != '\'' && k + 1 < sizeof name) { name[k] = t[k]; k++; }
        name[k] = 0;
        if (!strcmp(n, "set_tool")) {
            ip_diag_once(st, CT_INTERP_NOTE, in, "set_tool(\"%s\") selects payload data; the TCP comes from set_tcp", name);
            return;
        }
        for (int i = 0; i < st->ctx->nnamed_tcp && i < CT_INTERP_MAX_NAMED; i++)
            if (st->ctx->named_tcp[i].name && !strcmp(st->ctx->named_tcp[i].name, name)) {
                st->drl_tcp = st->ctx->named_tcp[i].tcp;
                return;
            }
        ip_diag_once(st, CT_INTERP_WARNING, in, "TCP \"%s\" is not defined in the cell; the flange (identity TCP) is used", name);
        st->drl_tcp = ct_xf_identity();
        return;
    }
    if (!strcmp(n, "set_ref_coord")) {
        int ref = isnan(in->value) ? -1 : (int)in->value;
        if (ref == 0 || ref == 1 || ref == 2 || (ref >= 101 && ref <= 200)) st->drl_ref = ref;
        else ip_diag_once(st, CT_INTERP_WARNING, in, "set_ref_coord(%s) cannot be evaluated; base used", in->text ? in->text : "");
        return;
    }
    ip_diag_once(st, CT_INTERP_NOTE, in, "setting %s(%s) is not modelled", n, in->text ? in->text : "");
}
