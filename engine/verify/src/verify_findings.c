/* Findings of the verifier outside the body pairs: growing finding lists, streaming of final
 * findings to the caller's on_finding callback (serialised by a lock), and the findings of one
 * robot's motion: the planner's (limits, speeds, reach, configuration, singularities), joint
 * accelerations above the acceleration limits and joint torques above the effort limits. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/dyn.h"
#include "celltwin/verify_program.h"
#include "verify_internal.h"

ct_finding *vf_push(vf_finding_list *l) {
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 8;
        ct_finding *g = ct_realloc(l->f, sizeof(ct_finding) * (size_t)cap);
        if (!g) return NULL;
        l->f = g;
        l->cap = cap;
    }
    ct_finding *f = &l->f[l->n++];
    memset(f, 0, sizeof *f);
    f->robot = -1;
    f->joint = -1;
    return f;
}

ct_src_ref vf_src_at(const vf_context *c, int robot, double t) {
    ct_src_ref none = {NULL, 0, -1};
    if (robot < 0 || !c->robot[robot].traj) return none;
    const ct_traj *tr = c->robot[robot].traj;
    return ct_traj_segment(tr, ct_traj_segment_at(tr, t))->src;
}

void vf_emit(const vf_context *c, const ct_finding *f) {
    if (!c->opt.on_finding || !f) return;
    pthread_mutex_lock(&c->stream->mu);
    c->opt.on_finding(f, atomic_load(&c->stream->pairs_done), c->npair, c->opt.on_finding_user);
    pthread_mutex_unlock(&c->stream->mu);
}

/* Planner findings of one robot (known before any check runs). */
static void motion_findings(const vf_context *c, int robot, vf_finding_list *l) {
    const ct_traj *tr = c->robot[robot].traj;
    static const ct_finding_kind map[CT_MF_KIND_COUNT] = {CT_FIND_UNREACHABLE, CT_FIND_JOINT_LIMIT, CT_FIND_JOINT_SPEED,
                                                          CT_FIND_CONFIG_CHANGE, CT_FIND_SINGULARITY,
                                                          CT_FIND_CONFIG_MISMATCH};
    for (int i = 0; i < ct_traj_nfinding(tr); i++) {
        const ct_motion_finding *m = ct_traj_finding(tr, i);
        ct_finding *f = vf_push(l);
        if (!f) return;
        f->kind = map[m->kind];
        f->robot = robot;
        snprintf(f->body_a, sizeof f->body_a, "%s", c->cell->robot[robot].name);
        f->time = m->time;
        f->src = m->src;
        f->joint = m->joint;
        f->value = m->value;
        f->limit = m->limit;
        snprintf(f->message, sizeof f->message, "%s", m->message);
        vf_emit(c, f);
    }
}

static ct_finding *joint_finding(const vf_context *c, int robot, ct_finding_kind kind, double t, int d, double value,
                                 double limit, vf_finding_list *l) {
    ct_finding *f = vf_push(l);
    if (!f) return NULL;
    f->kind = kind;
    f->robot = robot;
    snprintf(f->body_a, sizeof f->body_a, "%s", c->cell->robot[robot].name);
    f->time = t;
    f->src = vf_src_at(c, robot, t);
    f->joint = d;
    f->value = value;
    f->limit = limit;
    return f;
}

/* Along the motion, every torque_dt: joint accelerations above the acceleration limits and, for
 * robots whose links carry inertials, joint torques (inverse dynamics with the payload and the carried tool) above the
 * effort limits; the first time per joint and kind (final as soon as found: time only grows). */
static void dynamics_findings(const vf_context *c, int robot, vf_finding_list *l) {
    const vf_robot_state *rs = &c->robot[robot];
    const ct_robot *r = rs->robot;
    ct_payload payload = ct_cell_carried_load(&c->cell->robot[robot]);
    ct_vec3 g = ct_m3_tmulv(rs->world_from_root.R, ct_v3(0, 0, CT_GRAVITY_Z));
    /* half a check interval: wide enough that a difference across an IPO tick gives the tick's mean
     * acceleration, not a spike */
    double T = ct_traj_duration(rs->traj), h = 0.5 * c->opt.torque_dt;
    int torque_done[CT_ROBOT_MAX_DOF] = {0}, accel_done[CT_ROBOT_MAX_DOF] = {0};
    for (double t = 0; t <= T; t += c->opt.torque_dt) {
        double q[CT_ROBOT_MAX_DOF], qd[CT_ROBOT_MAX_DOF], qa[CT_ROBOT_MAX_DOF], qb[CT_ROBOT_MAX_DOF], qdd[CT_ROBOT_MAX_DOF],
            tau[CT_ROBOT_MAX_DOF], qpos[CT_ROBOT_MAX_DOF];
        ct_traj_eval(rs->traj, t, q, qd);
        /* joint acceleration: central difference of the joint speeds */
        double ta = fmax(t - h, 0), tb = fmin(t + h, T);
        ct_traj_eval(rs->traj, ta, qpos, qa);
        ct_traj_eval(rs->traj, tb, qpos, qb);
        for (int d = 0; d < r->ndof; d++) qdd[d] = tb > ta ? (qb[d] - qa[d]) / (tb - ta) : 0;
        for (int d = 0; d < r->ndof; d++) {
            /* 1% slack: the difference quotient straddles profile corners */
            if (accel_done[d] || !(r->dof_acc[d] > 0) || fabs(qdd[d]) <= 1.01 * r->dof_acc[d]) continue;
            accel_done[d] = 1;
            ct_finding *f = joint_finding(c, robot, CT_FIND_JOINT_ACCEL, t, d, qdd[d], r->dof_acc[d], l);
            if (!f) continue;
            snprintf(f->message, sizeof f->message, "joint %s accelerates at %.0f deg/s^2, limit %.0f deg/s^2",
                     r->dof_name[d], fabs(qdd[d]) / CT_DEG, r->dof_acc[d] / CT_DEG);
            vf_emit(c, f);
        }
        if (!c->opt.check_torque || !r->has_inertials) continue;
        ct_dyn_rne(r, q, qd, qdd, g, payload.mass > 0 ? &payload : NULL, tau);
        for (int d = 0; d < r->ndof; d++) {
            if (torque_done[d] || !(r->dof_effort[d] > 0) || fabs(tau[d]) <= r->dof_effort[d]) continue;
            torque_done[d] = 1;
            ct_finding *f = joint_finding(c, robot, CT_FIND_TORQUE, t, d, tau[d], r->dof_effort[d], l);
            if (!f) continue;
            snprintf(f->message, sizeof f->message, "joint %s needs %.0f N m, effort limit %.0f N m", r->dof_name[d],
                     fabs(tau[d]), r->dof_effort[d]);
            vf_emit(c, f);
        }
    }
}

void vf_robot_findings(const vf_context *c, int robot, vf_finding_list *l) {
    if (!c->robot[robot].traj) return;
    motion_findings(c, robot, l);
    dynamics_findings(c, robot, l);
}
