/* IPO sampling of one LIN/CIRC chain member (its straight part and the blend into the next):
 * the TCP pose at every tick, the IK solution that keeps the chain's configuration (nearest to
 * the previous tick), and the per-tick findings: no solution (unreachable), a configuration
 * change (the same-configuration solution jumps while another one continues), joint limits
 * (all three stop the move: the robot holds where it was), joint speed above the limit and
 * closeness to a singularity (reported once per segment with the worst value; timing kept). */
#include <math.h>
#include <string.h>

#include "traj_plan.h"

#define CT_IPO_JUMP 0.5 /* rad: a same-configuration step this large next to a smooth one is a flip */
#define CT_IPO_SING_STRIDE 8 /* ticks between singular-value checks away from singularities */
#define CT_IPO_SING_NEAR 4.0 /* check every tick while the last value is below this x the threshold */

/* TCP pose (command tool) of member mv at local time u; nx is the blend partner or NULL. */
static ct_xform member_pose(const ct_cmove *mv, const ct_cmove *nx, double u) {
    double s, v, a;
    if (!nx || u <= mv->prof.T) {
        ct_prof_eval(&mv->prof, u, &s, &v, &a);
        return ct_cpath_pose(&mv->path, mv->in + s);
    }
    double w = u - mv->prof.T, tau = mv->tau;
    if (w > tau) w = tau;
    double e1 = mv->k * mv->sig, e2 = mv->k * nx->sig;
    double sm = 1 - mv->ds1 + e1 * w - e1 * w * w / (2 * tau);
    double sn = e2 * w * w / (2 * tau);
    if (sm > 1) sm = 1;
    ct_xform pm = ct_cpath_pose(&mv->path, sm), pn = ct_cpath_pose(&nx->path, sn);
    ct_xform x;
    x.p = ct_v3_sub(ct_v3_add(pm.p, pn.p), mv->path.p1);
    x.R = ct_m3_mul(pm.R, ct_m3_mul(ct_m3_transpose(mv->path.R1), pn.R));
    return x;
}

static double max_step(const double *a, const double *b, int n) {
    double m = 0;
    for (int j = 0; j < n; j++) {
        double d = fabs(a[j] - b[j]);
        if (d > m) m = d;
    }
    return m;
}

int ct_plan_ipo_member(ct_planner *P, int m, int n, unsigned cfg) {
    const ct_robot *R = P->robot;
    ct_traj *tr = P->tr;
    const ct_cmove *mv = &P->mv[m];
    const ct_cmove *nx = (m + 1 < n && mv->blend) ? &P->mv[m + 1] : NULL;
    const ct_motion_cmd *c = &P->cmds[mv->cmd];
    const char *what = c->type == CT_MCMD_CIRC ? "CIRC" : "LIN";
    int nd = P->nd;
    double dt = P->opt.dt;
    double Tseg = mv->prof.T + (nx ? mv->tau : 0);
    double nt_d = ceil(Tseg / dt - 1e-9);
    if (!(nt_d < 1e8)) {
        P->status = ct_error_set(P->err, CT_ERR_LIMIT, c->src.file, c->src.line > 0 ? c->src.line : 0, 0,
                                 "%s (command %d) lasts %.4g s: too many IPO ticks", what, mv->cmd, Tseg);
        return -1;
    }
    int nt = Tseg > 0 ? (int)nt_d : 0;
    if (nt < 1 && Tseg > 0) nt = 1;
    if (!ct_traj_reserve_samples(tr, nt + 2) || !ct_traj_add_seg(tr, mv->cmd, c, P->t)) {
        P->status = ct_error_set(P->err, CT_ERR_NO_MEMORY, NULL, 0, 0, "motion planner: out of memory");
        return -1;
    }
    int si = tr->nseg - 1;
    double t0 = P->t;
    ct_xform Cinv = ct_xf_inv(mv->C);
    double *sq = tr->sq, *st = tr->st;
    int k0 = tr->ns;
    memcpy(sq + (size_t)k0 * nd, P->q, sizeof(double) * (size_t)nd);
    st[k0] = t0;
    int ns = 1;
    double bound[CT_ROBOT_MAX_DOF] = {0}, tmax[CT_ROBOT_MAX_DOF] = {0};
    double sig_min = INFINITY, t_sig = t0, sig_last = 0;
    ct_ik_options o = ct_ik_default_options();
    o.check_limits = 0;
    ct_ik_solution sols[CT_IK_MAX_SOLUTIONS];
    int ok = 1;
    for (int k = 1; k <= nt; k++) {
        double u = k == nt ? Tseg : k * dt;
        const double *qp = sq + (size_t)(k0 + ns - 1) * nd;
        ct_xform target = ct_xf_mul(member_pose(mv, nx, u), Cinv);
        o.seed = qp;
        int nsol = 0;
        ct_ik_solve(R, target, &o, sols, CT_IK_MAX_SOLUTIONS, &nsol, NULL);
        int a = -1;
        for (int s = 0; s < nsol && a < 0; s++)
            if (sols[s].config == cfg) a = s;
        double tk = t0 + u;
        ct_vec3 p = ct_xf_mul(target, mv->C).p;
        if (nsol == 0) {
            ct_traj_add_finding(tr, CT_MF_UNREACHABLE, mv->cmd, c, -1, tk, 0, 0,
                                "%s: path point (%.1f, %.1f, %.1f) mm at t = %.3f s has no IK solution", what,
                                p.x * 1e3, p.y * 1e3, p.z * 1e3, tk);
            ok = 0;
            break;
        }
        double dA = a >= 0 ? max_step(sols[a].q, qp, nd) : INFINITY, dB = max_step(sols[0].q, qp, nd);
        if (a < 0 || (a != 0 && dA > CT_IPO_JUMP && dB < 0.5 * dA)) {
            ct_traj_add_finding(tr, CT_MF_CONFIG_CHANGE, mv->cmd, c, -1, tk, (double)sols[0].config, (double)cfg,
                                "%s: at (%.1f, %.1f, %.1f) mm, t = %.3f s the path needs a configuration change "
                                "(%u -> %u)", what, p.x * 1e3, p.y * 1e3, p.z * 1e3, tk, cfg, sols[0].config);
            ok = 0;
            break;
        }
        const double *q = sols[a].q;
        int lim = -1;
        for (int j = 0; j < nd && lim < 0; j++)
            if (q[j] < R->dof_lower[j] - 1e-9 || q[j] > R->dof_upper[j] + 1e-9) lim = j;
        if (lim >= 0) {
            ct_traj_add_finding(tr, CT_MF_JOINT_LIMIT, mv->cmd, c, lim, tk, q[lim],
                                q[lim] < R->dof_lower[lim] ? R->dof_lower[lim] : R->dof_upper[lim],
                                "%s: at t = %.3f s joint %s = %.4g leaves its limits [%.4g, %.4g]", what, tk,
                                R->dof_name[lim], q[lim], R->dof_lower[lim], R->dof_upper[lim]);
            ok = 0;
            break;
        }
        double h = tk - st[k0 + ns - 1];
        for (int j = 0; j < nd; j++) {
            double sp = h > 0 ? fabs(q[j] - qp[j]) / h : 0;
            if (sp > bound[j]) {
                bound[j] = sp;
                tmax[j] = tk;
            }
        }
        /* singularity: every tick near one (last value below CT_IPO_SING_NEAR x the threshold),
         * every CT_IPO_SING_STRIDE-th tick elsewhere; always at the end of the segment */
        if (P->opt.singular_sigma > 0 &&
            (k % CT_IPO_SING_STRIDE == 0 || k == nt || sig_last < CT_IPO_SING_NEAR * P->opt.singular_sigma)) {
            double sg;
            ct_kin_manipulability(R, q, &sg);
            sig_last = sg;
            if (sg < sig_min) {
                sig_min = sg;
                t_sig = tk;
            }
        }
        memcpy(sq + (size_t)(k0 + ns) * nd, q, sizeof(double) * (size_t)nd);
        st[k0 + ns] = tk;
        ns++;
    }
    if (!ok && Tseg > 0 && st[k0 + ns - 1] < t0 + Tseg) { /* hold at the last good tick */
        memcpy(sq + (size_t)(k0 + ns) * nd, sq + (size_t)(k0 + ns - 1) * nd, sizeof(double) * (size_t)nd);
        st[k0 + ns] = t0 + Tseg;
        ns++;
    }
    tr->ns += ns;
    ct_traj_seg *seg = &tr->seg[si];
    seg->nsample = ns;
    seg->t1 = t0 + Tseg;
    memcpy(seg->qd_bound, bound, sizeof(double) * (size_t)nd);
    for (int j = 0; j < nd; j++)
        if (bound[j] > R->dof_vel[j] * (1 + 1e-9))
            ct_traj_add_finding(tr, CT_MF_JOINT_SPEED, mv->cmd, c, j, tmax[j], bound[j], R->dof_vel[j],
                                "%s: joint %s needs %.3g rad/s at t = %.3f s (limit %.3g); the controller would "
                                "slow the path down", what, R->dof_name[j], bound[j], tmax[j], R->dof_vel[j]);
    if (sig_min < P->opt.singular_sigma)
        ct_traj_add_finding(tr, CT_MF_SINGULARITY, mv->cmd, c, -1, t_sig, sig_min, P->opt.singular_sigma,
                            "%s: near a singularity at t = %.3f s (smallest singular value of the TCP Jacobian "
                            "%.4g < %.4g)", what, t_sig, sig_min, P->opt.singular_sigma);
    memcpy(P->q, sq + (size_t)(k0 + ns - 1) * nd, sizeof(double) * (size_t)nd);
    P->t = t0 + Tseg;
    return ok;
}
