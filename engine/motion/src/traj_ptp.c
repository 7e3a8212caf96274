/* PTP moves: target resolution (joint target, or IK with the requested configuration flags),
 * the synchronised profile (all joints follow q0 + D s(t), so they start and finish together and
 * move on a straight line in joint space; s(t) is a trapezoid or S-curve whose speed and
 * acceleration are the largest every joint allows), `time` stretching, and fly-by between PTP
 * moves by superposing the next move's speed-up on this move's slow-down (joint space). */
#include <math.h>
#include <string.h>

#include "traj_plan.h"

/* Worst joint-limit violation of q: returns the joint or -1. */
static int worst_limit(const ct_robot *r, const double *q, double *excess) {
    int worst = -1;
    double w = 1e-9;
    for (int j = 0; j < r->ndof; j++) {
        double e = q[j] < r->dof_lower[j] ? r->dof_lower[j] - q[j] : q[j] - r->dof_upper[j];
        if (e > w) {
            w = e;
            worst = j;
        }
    }
    if (excess) *excess = worst >= 0 ? w : 0;
    return worst;
}

/* Resolves the joint target of PTP command m starting from qs. report = 0: no findings. */
static int resolve_target(ct_planner *P, int m, const double *qs, double *qT, int report) {
    const ct_robot *R = P->robot;
    const ct_motion_cmd *c = &P->cmds[m];
    double ex;
    if (c->joint_target) {
        for (int j = 0; j < P->nd; j++) qT[j] = c->q[j];
        int w = worst_limit(R, qT, &ex);
        if (w >= 0) {
            if (report)
                ct_traj_add_finding(P->tr, CT_MF_JOINT_LIMIT, m, c, w, P->t, qT[w],
                                    qT[w] < R->dof_lower[w] ? R->dof_lower[w] : R->dof_upper[w],
                                    "PTP target: joint %s = %.4g outside its limits [%.4g, %.4g]", R->dof_name[w],
                                    qT[w], R->dof_lower[w], R->dof_upper[w]);
            return 0;
        }
        return 1;
    }
    ct_xform target = ct_xf_mul(c->pose, ct_xf_inv(ct_plan_tool_corr(P, c)));
    ct_ik_options o = ct_ik_default_options();
    o.seed = qs;
    ct_ik_solution sols[CT_IK_MAX_SOLUTIONS];
    int n = 0;
    ct_error e;
    ct_error_clear(&e);
    ct_ik_solve(R, target, &o, sols, CT_IK_MAX_SOLUTIONS, &n, &e);
    for (int k = 0; k < n; k++)
        if (c->config == CT_MCMD_CONFIG_ANY || sols[k].config == c->config) {
            memcpy(qT, sols[k].q, sizeof(double) * (size_t)P->nd);
            return 1;
        }
    if (!report) return 0;
    ct_vec3 p = c->pose.p;
    if (n > 0) {
        unsigned have = 0;
        for (int k = 0; k < n; k++) have |= 1u << sols[k].config;
        ct_traj_add_finding(P->tr, CT_MF_CONFIG_MISMATCH, m, c, -1, P->t, (double)c->config, 0,
                            "PTP target (%.1f, %.1f, %.1f) mm: no solution with configuration %u (available set 0x%x)",
                            p.x * 1e3, p.y * 1e3, p.z * 1e3, c->config, have);
        return 0;
    }
    /* nothing within limits: is there a solution outside them? */
    o.check_limits = 0;
    ct_ik_solve(R, target, &o, sols, CT_IK_MAX_SOLUTIONS, &n, NULL);
    for (int k = 0; k < n; k++)
        if (c->config == CT_MCMD_CONFIG_ANY || sols[k].config == c->config) {
            int w = worst_limit(R, sols[k].q, &ex);
            if (w < 0) continue;
            ct_traj_add_finding(P->tr, CT_MF_JOINT_LIMIT, m, c, w, P->t, sols[k].q[w],
                                sols[k].q[w] < R->dof_lower[w] ? R->dof_lower[w] : R->dof_upper[w],
                                "PTP target (%.1f, %.1f, %.1f) mm needs joint %s = %.4g outside its limits",
                                p.x * 1e3, p.y * 1e3, p.z * 1e3, R->dof_name[w], sols[k].q[w]);
            return 0;
        }
    ct_traj_add_finding(P->tr, CT_MF_UNREACHABLE, m, c, -1, P->t, 0, 0, "PTP target (%.1f, %.1f, %.1f) mm: %s",
                        p.x * 1e3, p.y * 1e3, p.z * 1e3, e.message[0] ? e.message : "no IK solution");
    return 0;
}

/* Fills rec with the synchronised profile of command m from qs to qT (qT may be changed to qs when
 * nothing moves). */
static void ptp_profile(ct_planner *P, int m, const double *qs, double *qT, ct_traj_ptp *rec) {
    const ct_robot *R = P->robot;
    const ct_motion_cmd *c = &P->cmds[m];
    double ov = P->opt.speed_override;
    double spd = (c->speed > 0 && c->speed <= 1) ? c->speed : 1.0;
    double acc = c->accel > 0 ? c->accel : 1.0;
    double V = INFINITY, A = INFINITY;
    for (int j = 0; j < P->nd; j++) {
        rec->q0[j] = qs[j];
        rec->D[j] = qT[j] - qs[j];
        double d = fabs(rec->D[j]);
        if (d > 1e-12) {
            double v = R->dof_vel[j] * spd * ov / d, a = R->dof_acc[j] * acc * ov * ov / d;
            if (v < V) V = v;
            if (a < A) A = a;
        }
    }
    if (A == INFINITY) { /* nothing moves */
        for (int j = 0; j < P->nd; j++) {
            rec->D[j] = 0;
            qT[j] = qs[j];
        }
        ct_prof_hold(&rec->prof, c->time > 0 ? c->time : 0);
        return;
    }
    if (P->opt.jerk_limited) ct_prof_scurve(&rec->prof, V, A, P->opt.jerk_ratio * A);
    else ct_prof_trapezoid(&rec->prof, V, A);
    if (c->time > rec->prof.T) ct_prof_stretch(&rec->prof, c->time);
}

/* TCP position of command m's tool at joints q. */
static ct_vec3 tcp_pos(const ct_planner *P, const ct_xform *C, const double *q) {
    return ct_xf_apply(ct_kin_tcp(P->robot, q), C->p);
}

/* Overlap (s) of the blend from record a into record b: as long as the TCP (of command m's tool)
 * is within the blend distance of the corner, at most a's slow-down and b's speed-up. */
static double blend_overlap(const ct_planner *P, int m, const ct_traj_ptp *a, const ct_traj_ptp *b) {
    double omax = a->prof.T - a->prof.t_dec;
    if (b->prof.t_acc < omax) omax = b->prof.t_acc;
    if (!(omax > 0)) return 0;
    ct_xform C = ct_plan_tool_corr(P, &P->cmds[m]);
    double q[CT_ROBOT_MAX_DOF], corner[CT_ROBOT_MAX_DOF];
    for (int j = 0; j < P->nd; j++) corner[j] = a->q0[j] + a->D[j];
    ct_vec3 pc = tcp_pos(P, &C, corner);
    double blend = P->cmds[m].blend;
    double lo = 0, hi = omax;
    for (int it = 0; it < 40; it++) {
        double ovl = it == 0 ? hi : 0.5 * (lo + hi);
        double s, v, acc;
        ct_prof_eval(&a->prof, a->prof.T - ovl, &s, &v, &acc);
        for (int j = 0; j < P->nd; j++) q[j] = a->q0[j] + a->D[j] * s;
        int inside = ct_v3_norm(ct_v3_sub(tcp_pos(P, &C, q), pc)) <= blend;
        if (it == 0) {
            if (inside) return omax;
            continue;
        }
        if (inside) lo = ovl;
        else hi = ovl;
    }
    return lo;
}

int ct_plan_ptp_chain(ct_planner *P, int i) {
    ct_traj *tr = P->tr;
    double qT[CT_ROBOT_MAX_DOF], qN[CT_ROBOT_MAX_DOF];
    if (!resolve_target(P, i, P->q, qT, 1)) { /* the robot stays */
        P->status = ct_plan_hold(P, i, P->q, 0);
        return P->status == CT_OK ? i + 1 : -1;
    }
    int r = ct_traj_add_ptp(tr);
    if (r < 0) goto oom;
    ptp_profile(P, i, P->q, qT, &tr->ptp[r]);
    tr->ptp[r].tp = P->t;
    int m = i;
    for (;;) {
        ct_traj_seg *seg = ct_traj_add_seg(tr, m, &P->cmds[m], P->t);
        if (!seg) goto oom;
        int si = tr->nseg - 1;
        tr->priv[si].ptp = r;
        /* look ahead: fly-by into the next PTP */
        int n = -1, rn = -1;
        if (P->cmds[m].blend > 0) {
            n = ct_plan_next_motion(P, m);
            if (n >= 0 && (P->cmds[n].type != CT_MCMD_PTP || !resolve_target(P, n, qT, qN, 0))) n = -1;
        }
        if (n >= 0) {
            rn = ct_traj_add_ptp(tr);
            if (rn < 0) goto oom;
            ptp_profile(P, n, qT, qN, &tr->ptp[rn]);
            double ovl = blend_overlap(P, m, &tr->ptp[r], &tr->ptp[rn]);
            tr->ptp[rn].tp = tr->ptp[r].tp + tr->ptp[r].prof.T - ovl;
            if (ovl > 0) tr->ptp[r].next = rn;
        }
        double t0 = tr->seg[si].t0, t1 = tr->ptp[r].tp + tr->ptp[r].prof.T;
        tr->seg[si].t1 = t1;
        ct_traj_ptp_bound(tr, &tr->ptp[r], t0, t1, tr->seg[si].qd_bound);
        P->t = t1;
        if (n < 0) {
            memcpy(P->q, qT, sizeof(double) * (size_t)P->nd);
            return m + 1;
        }
        /* events between the two moves sit at the join, on this move's record */
        for (int k = m + 1; k < n; k++) {
            if (!ct_traj_add_seg(tr, k, &P->cmds[k], P->t)) goto oom;
            tr->priv[tr->nseg - 1].ptp = r;
        }
        m = n;
        r = rn;
        memcpy(qT, qN, sizeof(double) * (size_t)P->nd);
    }
oom:
    P->status = ct_error_set(P->err, CT_ERR_NO_MEMORY, NULL, 0, 0, "motion planner: out of memory");
    return -1;
}
