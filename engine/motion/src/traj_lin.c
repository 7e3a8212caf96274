/* LIN/CIRC chains: consecutive Cartesian moves joined by fly-by blends are planned together.
 * Each move's path speed (as a path fraction) is set by the programmed TCP speed, the optional
 * orientation speed and `time`; each blend is a parabolic corner (the two moves superposed, the
 * first slowing down linearly while the next speeds up) that starts at most `blend` before the
 * corner and uses at most half of the shorter segment (Hyundai rule). A backward and a forward
 * pass over the chain lower blend speeds so that every straight part can reach them with the
 * path acceleration. */
#include <math.h>
#include <string.h>

#include "traj_plan.h"

static int cmove_setup(ct_planner *P, ct_cmove *mv, int m, ct_xform start) {
    const ct_motion_cmd *c = &P->cmds[m];
    memset(mv, 0, sizeof *mv);
    mv->cmd = m;
    mv->C = ct_plan_tool_corr(P, c);
    ct_xform end = c->joint_target ? ct_xf_mul(ct_kin_tcp(P->robot, c->q), mv->C) : c->pose;
    if (!ct_cpath_init(&mv->path, start, end, c->type == CT_MCMD_CIRC ? &c->via : NULL)) {
        P->status = ct_error_set(P->err, CT_ERR_INVALID, c->src.file, c->src.line > 0 ? c->src.line : 0, 0,
                                 "CIRC (command %d): the start, via and end points are collinear or coincide", m);
        return 0;
    }
    double ov = P->opt.speed_override, acc = c->accel > 0 ? c->accel : 1.0;
    double L = mv->path.len, th = mv->path.theta;
    mv->acart = P->opt.cart_accel * acc * ov * ov;
    double arot = P->opt.cart_rot_accel * acc * ov * ov;
    mv->sig = INFINITY;
    mv->acc = INFINITY;
    if (L > 1e-9) {
        mv->sig = c->speed > 0 ? c->speed * ov / L : INFINITY;
        mv->acc = mv->acart / L;
    }
    if (th > 1e-9) {
        if (c->orient_speed > 0 && c->orient_speed * ov / th < mv->sig) mv->sig = c->orient_speed * ov / th;
        if (arot / th < mv->acc) mv->acc = arot / th;
    }
    if (c->time > 0 && isfinite(mv->acc)) { /* cruise speed that makes a rest-to-rest move last `time` */
        double a = mv->acc, T = c->time;
        mv->sig = a * T * T >= 4 ? (a * T - sqrt(a * a * T * T - 4 * a)) / 2 : INFINITY;
    }
    mv->k = 1;
    return 1;
}

/* Checks that the end of a move has an IK solution with the chain's configuration. */
static int validate_end(ct_planner *P, const ct_cmove *mv, unsigned cfg, int report) {
    const ct_robot *R = P->robot;
    const ct_motion_cmd *c = &P->cmds[mv->cmd];
    ct_xform target = ct_xf_mul(ct_xf(mv->path.R1, mv->path.p1), ct_xf_inv(mv->C));
    ct_ik_options o = ct_ik_default_options();
    o.seed = P->q;
    ct_ik_solution sols[CT_IK_MAX_SOLUTIONS];
    int n = 0;
    ct_error e;
    ct_error_clear(&e);
    ct_ik_solve(R, target, &o, sols, CT_IK_MAX_SOLUTIONS, &n, &e);
    for (int k = 0; k < n; k++)
        if (sols[k].config == cfg) return 1;
    if (!report) return 0;
    ct_vec3 p = mv->path.p1;
    const char *what = c->type == CT_MCMD_CIRC ? "CIRC" : "LIN";
    if (n > 0) {
        ct_traj_add_finding(P->tr, CT_MF_CONFIG_CHANGE, mv->cmd, c, -1, P->t, (double)sols[0].config, (double)cfg,
                            "%s target (%.1f, %.1f, %.1f) mm is reachable only with configuration %u; the move "
                            "starts in %u", what, p.x * 1e3, p.y * 1e3, p.z * 1e3, sols[0].config, cfg);
        return 0;
    }
    o.check_limits = 0;
    ct_ik_solve(R, target, &o, sols, CT_IK_MAX_SOLUTIONS, &n, NULL);
    for (int k = 0; k < n; k++)
        if (sols[k].config == cfg)
            for (int j = 0; j < P->nd; j++)
                if (sols[k].q[j] < R->dof_lower[j] - 1e-9 || sols[k].q[j] > R->dof_upper[j] + 1e-9) {
                    ct_traj_add_finding(P->tr, CT_MF_JOINT_LIMIT, mv->cmd, c, j, P->t, sols[k].q[j],
                                        sols[k].q[j] < R->dof_lower[j] ? R->dof_lower[j] : R->dof_upper[j],
                                        "%s target (%.1f, %.1f, %.1f) mm needs joint %s = %.4g outside its limits",
                                        what, p.x * 1e3, p.y * 1e3, p.z * 1e3, R->dof_name[j], sols[k].q[j]);
                    return 0;
                }
    ct_traj_add_finding(P->tr, CT_MF_UNREACHABLE, mv->cmd, c, -1, P->t, 0, 0, "%s target (%.1f, %.1f, %.1f) mm: %s",
                        what, p.x * 1e3, p.y * 1e3, p.z * 1e3, e.message[0] ? e.message : "no IK solution");
    return 0;
}

static int same_xf(ct_xform a, ct_xform b) {
    for (int k = 0; k < 9; k++)
        if (fabs(a.R.m[k] - b.R.m[k]) > 1e-12) return 0;
    return ct_v3_norm(ct_v3_sub(a.p, b.p)) <= 1e-12;
}

static int reserve_moves(ct_planner *P, int n) {
    if (n <= P->capmv) return 1;
    int cap = P->capmv ? 2 * P->capmv : 16;
    while (cap < n) cap *= 2;
    ct_cmove *p = (ct_cmove *)ct_realloc(P->mv, (size_t)cap * sizeof *p);
    if (!p) return 0;
    P->mv = p;
    P->capmv = cap;
    return 1;
}

static double e1_of(const ct_cmove *mv) { return mv->blend ? mv->k * mv->sig : 0; }
static double e2_of(const ct_cmove *mv, const ct_cmove *nx) { return mv->blend ? mv->k * nx->sig : 0; }

/* Blend geometry between mv and nx (Hyundai rule, acceleration-limited corner speed). */
static void blend_setup(const ct_planner *P, ct_cmove *mv, ct_cmove *nx) {
    double Lm = mv->path.len, Ln = nx->path.len;
    double b = P->cmds[mv->cmd].blend;
    if (b > Lm / 2) b = Lm / 2;
    if (b > Ln / 2) b = Ln / 2;
    double Vm = Lm * mv->sig, Vn = Ln * nx->sig;
    if (!(b > 1e-9) || !(Vm > 0) || !(Vn > 0) || !isfinite(Vm) || !isfinite(Vn)) {
        mv->blend = 0;
        return;
    }
    double Vx = Vm > Vn ? Vm : Vn;
    ct_vec3 dv = ct_v3_sub(ct_v3_scale(ct_cpath_tangent(&nx->path, 0), Vn), ct_v3_scale(ct_cpath_tangent(&mv->path, 1), Vm));
    double A = mv->acart < nx->acart ? mv->acart : nx->acart;
    double ndv = ct_v3_norm(dv);
    mv->k = ndv > 0 ? sqrt(2 * A * b / (ndv * Vx)) : 1.0;
    if (mv->k > 1) mv->k = 1;
    mv->ds1 = b * Vm / (Vx * Lm);
    mv->ds2 = b * Vn / (Vx * Ln);
    nx->in = mv->ds2;
}

int ct_plan_cart_chain(ct_planner *P, int i) {
    const ct_robot *R = P->robot;
    unsigned cfg = ct_ik_config_of(R, P->q);
    if (!reserve_moves(P, 2)) goto oom;
    if (!cmove_setup(P, &P->mv[0], i, ct_xf_mul(ct_kin_tcp(R, P->q), ct_plan_tool_corr(P, &P->cmds[i])))) return -1;
    if (!validate_end(P, &P->mv[0], cfg, 1)) {
        P->status = ct_plan_hold(P, i, P->q, 0);
        return P->status == CT_OK ? i + 1 : -1;
    }
    int n = 1;
    for (;;) { /* extend the chain while the move flies by into a valid LIN/CIRC */
        ct_cmove *mv = &P->mv[n - 1];
        const ct_motion_cmd *c = &P->cmds[mv->cmd];
        if (!(c->blend > 0)) break;
        int nx = ct_plan_next_motion(P, mv->cmd);
        if (nx < 0 || P->cmds[nx].type == CT_MCMD_PTP || !same_xf(c->tool, P->cmds[nx].tool)) break;
        if (!reserve_moves(P, n + 1)) goto oom;
        mv = &P->mv[n - 1];
        if (!cmove_setup(P, &P->mv[n], nx, ct_xf(mv->path.R1, mv->path.p1))) return -1;
        if (!validate_end(P, &P->mv[n], cfg, 0)) break;
        mv->blend = 1;
        n++;
    }
    for (int m = 0; m + 1 < n; m++)
        if (P->mv[m].blend) blend_setup(P, &P->mv[m], &P->mv[m + 1]);
    /* look-ahead: every straight part must connect its boundary speeds with its acceleration */
    for (int m = n - 1; m >= 1; m--) {
        ct_cmove *pv = &P->mv[m - 1], *mv = &P->mv[m];
        if (!pv->blend) continue;
        double l = 1 - mv->in - (mv->blend ? mv->ds1 : 0);
        double lim = sqrt(e1_of(mv) * e1_of(mv) + 2 * mv->acc * (l > 0 ? l : 0));
        if (e2_of(pv, mv) > lim) pv->k = lim / mv->sig;
    }
    for (int m = 0; m + 1 < n; m++) {
        ct_cmove *mv = &P->mv[m];
        if (!mv->blend) continue;
        double vs = (m > 0 && P->mv[m - 1].blend) ? e2_of(&P->mv[m - 1], mv) : 0;
        double l = 1 - mv->in - mv->ds1;
        double lim = sqrt(vs * vs + 2 * mv->acc * (l > 0 ? l : 0));
        if (e1_of(mv) > lim) mv->k = lim / mv->sig;
    }
    for (int m = 0; m < n; m++) {
        ct_cmove *mv = &P->mv[m];
        if (mv->blend && !(mv->k > 1e-9)) mv->blend = 0; /* degenerate: stop at the corner */
    }
    for (int m = 0; m < n; m++) {
        ct_cmove *mv = &P->mv[m];
        if (m > 0 && !P->mv[m - 1].blend) mv->in = 0;
        double vs = (m > 0 && P->mv[m - 1].blend) ? e2_of(&P->mv[m - 1], mv) : 0;
        double ve = e1_of(mv);
        double out = mv->blend ? mv->ds1 : 0;
        mv->e_in = vs;
        if (!isfinite(mv->acc)) ct_prof_hold(&mv->prof, 0); /* nothing moves */
        else ct_prof_trapezoid_general(&mv->prof, 1 - mv->in - out, vs, ve, mv->sig, mv->acc);
        mv->tau = mv->blend ? 2 * mv->ds1 / ve : 0;
    }
    for (int m = 0; m < n; m++) {
        int r = ct_plan_ipo_member(P, m, n, cfg);
        if (r < 0) return -1;
        if (r == 0) return P->mv[m].cmd + 1;
        if (m + 1 < n && ct_plan_events(P, P->mv[m].cmd, P->mv[m + 1].cmd, P->q) != CT_OK) goto oom;
    }
    return P->mv[n - 1].cmd + 1;
oom:
    P->status = ct_error_set(P->err, CT_ERR_NO_MEMORY, NULL, 0, 0, "motion planner: out of memory");
    return -1;
}
