/* Planner entry: checks the options and commands (bad input is an error with the command's
 * file:line), sets the start joints, walks the commands (PTP and LIN/CIRC chains, DWELL, EVENT)
 * and finishes the trajectory. */
#include <math.h>
#include <string.h>

#include "traj_plan.h"

ct_xform ct_plan_tool_corr(const ct_planner *P, const ct_motion_cmd *c) {
    return ct_xf_mul(ct_xf_inv(P->robot->tool), c->tool);
}

int ct_plan_next_motion(const ct_planner *P, int i) {
    for (int k = i + 1; k < P->ncmd; k++) {
        ct_mcmd_type t = P->cmds[k].type;
        if (t == CT_MCMD_EVENT) continue;
        if (t == CT_MCMD_DWELL) return -1;
        return k;
    }
    return -1;
}

ct_status ct_plan_hold(ct_planner *P, int i, const double *q, double T) {
    ct_traj *tr = P->tr;
    int r = ct_traj_add_ptp(tr);
    ct_traj_seg *s = r >= 0 ? ct_traj_add_seg(tr, i, &P->cmds[i], P->t) : NULL;
    if (!s) return ct_error_set(P->err, CT_ERR_NO_MEMORY, NULL, 0, 0, "motion planner: out of memory");
    ct_traj_ptp *rec = &tr->ptp[r];
    memcpy(rec->q0, q, sizeof(double) * (size_t)P->nd);
    ct_prof_hold(&rec->prof, T > 0 ? T : 0);
    rec->tp = P->t;
    tr->priv[tr->nseg - 1].ptp = r;
    s->t1 = P->t + (T > 0 ? T : 0);
    P->t = s->t1;
    return CT_OK;
}

ct_status ct_plan_events(ct_planner *P, int from, int to, const double *q) {
    for (int k = from + 1; k < to; k++)
        if (P->cmds[k].type == CT_MCMD_EVENT) {
            ct_status st = ct_plan_hold(P, k, q, 0);
            if (st != CT_OK) return st;
        }
    return CT_OK;
}

static int finite_xf(ct_xform x) {
    for (int k = 0; k < 9; k++)
        if (!isfinite(x.R.m[k])) return 0;
    return isfinite(x.p.x) && isfinite(x.p.y) && isfinite(x.p.z);
}

static ct_status bad_cmd(ct_planner *P, int i, const char *what) {
    const ct_motion_cmd *c = &P->cmds[i];
    return ct_error_set(P->err, CT_ERR_INVALID, c->src.file, c->src.line > 0 ? c->src.line : 0, 0,
                        "motion command %d: %s", i, what);
}

static ct_status check_cmd(ct_planner *P, int i) {
    const ct_motion_cmd *c = &P->cmds[i];
    if ((unsigned)c->type > CT_MCMD_EVENT) return bad_cmd(P, i, "unknown command type");
    if (c->type == CT_MCMD_EVENT) return CT_OK;
    if (c->type == CT_MCMD_DWELL)
        return (isfinite(c->dwell) && c->dwell >= 0) ? CT_OK : bad_cmd(P, i, "dwell time must be >= 0 s");
    if (!isfinite(c->time) || !isfinite(c->blend) || c->blend < 0 || !isfinite(c->accel) || c->accel > 1)
        return bad_cmd(P, i, "time, blend (>= 0) and accel (<= 1) must be finite");
    if (!finite_xf(c->tool)) return bad_cmd(P, i, "tool frame is not finite");
    if (c->joint_target) {
        for (int j = 0; j < P->nd; j++)
            if (!isfinite(c->q[j])) return bad_cmd(P, i, "joint target is not finite");
    } else if (!finite_xf(c->pose)) {
        return bad_cmd(P, i, "Cartesian target is not finite");
    }
    if (c->type == CT_MCMD_PTP) {
        if (!(c->speed > 0 && c->speed <= 1) && !(c->time > 0))
            return bad_cmd(P, i, "PTP speed must be a fraction in (0, 1]");
    } else {
        if (!(c->speed > 0 && isfinite(c->speed)) && !(c->time > 0))
            return bad_cmd(P, i, "LIN/CIRC speed must be > 0 m/s");
        if (!isfinite(c->orient_speed)) return bad_cmd(P, i, "orientation speed is not finite");
        if (c->type == CT_MCMD_CIRC && !finite_xf(c->via)) return bad_cmd(P, i, "CIRC via point is not finite");
    }
    return CT_OK;
}

static ct_status check_options(const ct_plan_options *o, ct_error *err) {
    if (!(o->dt > 0 && o->dt <= 1)) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "plan: dt must be in (0, 1] s");
    if (!(o->cart_accel > 0 && isfinite(o->cart_accel)) || !(o->cart_rot_accel > 0 && isfinite(o->cart_rot_accel)))
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "plan: Cartesian accelerations must be > 0");
    if (!(o->speed_override > 0 && o->speed_override <= 1))
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "plan: speed override must be in (0, 1]");
    if (o->jerk_limited && !(o->jerk_ratio > 0 && isfinite(o->jerk_ratio)))
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "plan: jerk ratio must be > 0");
    if (!(o->singular_sigma >= 0 && isfinite(o->singular_sigma)))
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "plan: singular_sigma must be >= 0");
    return CT_OK;
}

ct_status ct_traj_plan(const ct_robot *robot, const ct_motion_cmd *cmds, int ncmd, const ct_plan_options *opt,
                       ct_traj **out, ct_error *err) {
    if (out) *out = NULL;
    if (!robot || !out || ncmd < 0 || (ncmd > 0 && !cmds))
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "plan: missing robot, commands or output");
    ct_plan_options o = opt ? *opt : ct_plan_default_options();
    ct_status st = check_options(&o, err);
    if (st != CT_OK) return st;
    if (robot->ndof > CT_ROBOT_MAX_DOF || robot->ndof < 1)
        return ct_error_set(err, CT_ERR_LIMIT, robot->source_path, 0, 0, "plan: robot has %d dofs (1..%d)",
                            robot->ndof, CT_ROBOT_MAX_DOF);
    for (int j = 0; j < robot->ndof; j++)
        if (!(robot->dof_vel[j] > 0) || !(robot->dof_acc[j] > 0))
            return ct_error_set(err, CT_ERR_INVALID, robot->source_path, 0, 0,
                                "plan: joint '%s' has no velocity or acceleration limit (set them in the URDF or "
                                "ct_robot_def)", robot->dof_name[j]);

    ct_planner P;
    memset(&P, 0, sizeof P);
    P.robot = robot;
    P.cmds = cmds;
    P.ncmd = ncmd;
    P.opt = o;
    P.nd = robot->ndof;
    P.err = err;
    for (int i = 0; i < ncmd; i++)
        if ((st = check_cmd(&P, i)) != CT_OK) return st;

    ct_traj *tr = (ct_traj *)ct_alloc(sizeof *tr);
    if (!tr) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "plan: out of memory");
    tr->ndof = P.nd;
    tr->dt = o.dt;
    P.tr = tr;

    /* start joints: given, else the first joint target, else zeros */
    if (o.q_start) {
        for (int j = 0; j < P.nd; j++) P.q[j] = o.q_start[j];
    } else {
        for (int i = 0; i < ncmd; i++)
            if (cmds[i].joint_target && cmds[i].type != CT_MCMD_EVENT && cmds[i].type != CT_MCMD_DWELL) {
                for (int j = 0; j < P.nd; j++) P.q[j] = cmds[i].q[j];
                break;
            }
    }
    for (int j = 0; j < P.nd; j++)
        if (!isfinite(P.q[j])) {
            ct_traj_destroy(tr);
            return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "plan: start joint %d is not finite", j);
        }
    if (!ct_robot_within_limits(robot, P.q, 1e-9) && ncmd > 0)
        ct_traj_add_finding(tr, CT_MF_JOINT_LIMIT, 0, &cmds[0], -1, 0, 0, 0,
                            "the start joint values are outside the joint limits");

    int i = 0;
    while (i < ncmd) {
        const ct_motion_cmd *c = &cmds[i];
        if (c->type == CT_MCMD_EVENT || c->type == CT_MCMD_DWELL) {
            st = ct_plan_hold(&P, i, P.q, c->type == CT_MCMD_DWELL ? c->dwell : 0);
            if (st != CT_OK) P.status = st;
            i = st == CT_OK ? i + 1 : -1;
        } else if (c->type == CT_MCMD_PTP) {
            i = ct_plan_ptp_chain(&P, i);
        } else {
            i = ct_plan_cart_chain(&P, i);
        }
        if (i < 0) {
            ct_free(P.mv);
            ct_traj_destroy(tr);
            return P.status != CT_OK ? P.status : CT_ERR_INVALID;
        }
    }
    ct_free(P.mv);
    tr->duration = P.t;
    *out = tr;
    return CT_OK;
}
