/* Time series of each program for the plots and the step table: joint values, TCP speed (finite
 * difference of the TCP position through forward kinematics with the step's tool), the smallest
 * distance to every checked body (the verifier's bodies and pairs, verify_sample.h) and the joint
 * torques as a fraction of the effort limits (inverse dynamics as the verifier computes them); and
 * each step's clearance at its start and end instants. */
#include <math.h>
#include <string.h>

#include "celltwin/verify_program.h"
#include "celltwin/dyn.h"
#include "celltwin/kin.h"
#include "celltwin/verify_sample.h"
#include "report_internal.h"

#define RP_CLEARANCE_CAP 2.0 /* m: distances beyond this are plotted at it */

/* TCP position in the robot root frame at time t, with the tool of the command active at t. */
static ct_vec3 tcp_at(const ct_robot_program *rp, const ct_robot *rb, double t, const ct_xform *tool) {
    double q[CT_ROBOT_MAX_DOF];
    ct_traj_eval(rp->traj, t, q, NULL);
    return ct_xf_mul(ct_kin_link_pose(rb, q, rb->tip_link), *tool).p;
}

static ct_status program_series(ct_report_program *pg, const ct_report_input *in, ct_verify_sampler *sampler,
                                double dt, double torque_dt, ct_error *err) {
    const ct_cell_robot *cr = &in->cell->robot[pg->robot];
    const ct_robot_program *rp = &in->prog[pg->robot];
    const ct_robot *rb = cr->robot;
    ct_report_series *se = &pg->series;
    double T = pg->cycle_time;
    int n = (int)ceil(T / dt - 1e-9) + 1;
    if (n < 2) n = 2;
    se->n = n;
    se->ndof = rb->ndof;
    se->t = ct_alloc(sizeof(double) * (size_t)n);
    se->q = ct_alloc(sizeof(double) * (size_t)n * (size_t)rb->ndof);
    se->tcp_speed = ct_alloc(sizeof(double) * (size_t)n);
    se->clearance = ct_alloc(sizeof(double) * (size_t)n);
    if (rb->has_inertials) se->torque_frac = ct_alloc(sizeof(double) * (size_t)n * (size_t)rb->ndof);
    if (!se->t || !se->q || !se->tcp_speed || !se->clearance || (rb->has_inertials && !se->torque_frac))
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    ct_xform world_from_root = ct_xf_mul(cr->base, ct_xf_inv(rb->base_in_root));
    ct_vec3 g = ct_m3_tmulv(world_from_root.R, ct_v3(0, 0, CT_GRAVITY_Z));
    ct_payload payload = ct_cell_carried_load(cr); /* as the verifier uses it */
    const double h = 0.5e-3, ha = 0.5 * torque_dt;
    for (int k = 0; k < n; k++) {
        double t = k == n - 1 ? T : k * dt;
        se->t[k] = t;
        double *q = &se->q[(size_t)k * (size_t)rb->ndof], qd[CT_ROBOT_MAX_DOF];
        ct_traj_eval(rp->traj, t, q, qd);
        /* TCP speed: central difference with the tool of the step at t */
        int seg = ct_traj_segment_at(rp->traj, t);
        const ct_traj_seg *sg = seg >= 0 ? ct_traj_segment(rp->traj, seg) : NULL;
        ct_xform tool = sg && sg->cmd >= 0 && sg->cmd < rp->run.ncmd ? rp->run.cmds[sg->cmd].tool : ct_xf_identity();
        double ta = fmax(t - h, 0), tb = fmin(t + h, T);
        se->tcp_speed[k] = tb > ta ? ct_v3_norm(ct_v3_sub(tcp_at(rp, rb, tb, &tool), tcp_at(rp, rb, ta, &tool))) / (tb - ta)
                                   : 0;
        se->clearance[k] = ct_verify_sampler_robot_distance(sampler, pg->robot, t, RP_CLEARANCE_CAP, 0);
        if (!se->torque_frac) continue;
        /* torques as the verifier computes them: central difference of the joint speeds over
           half a torque check interval */
        double qa[CT_ROBOT_MAX_DOF], qb[CT_ROBOT_MAX_DOF], qp[CT_ROBOT_MAX_DOF], qdd[CT_ROBOT_MAX_DOF],
            tau[CT_ROBOT_MAX_DOF];
        double sa = fmax(t - ha, 0), sb = fmin(t + ha, T);
        ct_traj_eval(rp->traj, sa, qp, qa);
        ct_traj_eval(rp->traj, sb, qp, qb);
        for (int d = 0; d < rb->ndof; d++) qdd[d] = sb > sa ? (qb[d] - qa[d]) / (sb - sa) : 0;
        ct_dyn_rne(rb, q, qd, qdd, g, payload.mass > 0 ? &payload : NULL, tau);
        for (int d = 0; d < rb->ndof; d++)
            se->torque_frac[(size_t)k * (size_t)rb->ndof + (size_t)d] =
                rb->dof_effort[d] > 0 ? fabs(tau[d]) / rb->dof_effort[d] : NAN;
    }
    return CT_OK;
}

/* Each step's clearance at its first and last instant, with the same sampler as the curve: a step
 * that takes no time (an event, a wait already satisfied) has no curve sample inside it, and a
 * short step may fall between two samples. step_clearance (report_build.c) takes the smaller of
 * these, the curve samples in the step and the verified numbers. */
static void step_instants(ct_report_program *pg, ct_verify_sampler *sampler) {
    for (int s = 0; s < pg->nstep; s++) {
        ct_report_step *st = &pg->step[s];
        double t0 = st->start, t1 = st->start + st->duration;
        double c = ct_verify_sampler_robot_distance(sampler, pg->robot, t0, RP_CLEARANCE_CAP, 0);
        if (t1 > t0) c = fmin(c, ct_verify_sampler_robot_distance(sampler, pg->robot, t1, RP_CLEARANCE_CAP, 0));
        if (c < st->min_clearance) st->min_clearance = c;
    }
}

ct_status rp_build_series(ct_report *r, const ct_report_input *in, ct_error *err) {
    if (r->nprogram == 0) return CT_OK;
    ct_traj **traj = ct_alloc(sizeof(ct_traj *) * (size_t)(in->cell->nrobot + 1));
    if (!traj) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    for (int i = 0; i < in->cell->nrobot; i++) traj[i] = in->prog[i].traj;
    ct_verify_input vi = {in->cell, traj};
    ct_verify_sampler *sampler = NULL;
    ct_status st = ct_verify_sampler_create(&vi, in->verify_opt, &sampler, err);
    double torque_dt = in->verify_opt && in->verify_opt->torque_dt > 0 ? in->verify_opt->torque_dt : 0.004;
    for (int p = 0; st == CT_OK && p < r->nprogram; p++)
        st = program_series(&r->program[p], in, sampler, r->thresholds.series_dt, torque_dt, err);
    for (int p = 0; st == CT_OK && p < r->nprogram; p++) step_instants(&r->program[p], sampler);
    ct_verify_sampler_destroy(sampler);
    ct_free(traj);
    return st;
}
