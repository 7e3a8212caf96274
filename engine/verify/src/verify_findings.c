/* Findings of the verifier outside the body pairs: growing finding lists, streaming of final
 * findings to the caller's on_finding callback (serialised by a lock), and the findings of one
 * robot's motion: the planner's (limits, speeds, reach, configuration, singularities), joint
 * accelerations above the acceleration limits and joint torques above the effort limits. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/dyn.h"
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

/* Adds mass m at offset d from the common centre of mass to an inertia (parallel axis theorem). */
static ct_mat3 shifted_inertia(ct_mat3 I, double m, ct_vec3 d) {
    double dd = ct_v3_dot(d, d), v[3] = {d.x, d.y, d.z};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) I.m[3 * i + j] += m * ((i == j ? dd : 0) - v[i] * v[j]);
    return I;
}

/* What the flange carries, as one rigid load in the TCP frame of the dynamics model: the cell's
 * payload (mass, centre of mass, inertia) plus the carried tool (its mass as a point at its
 * centre of mass; the cell gives tools no inertia). */
static ct_payload carried_load(const ct_cell_robot *cr, const ct_robot *r) {
    const ct_cell_payload *pl = &cr->payload;
    const ct_cell_tool *tool = ct_cell_carried_tool(cr);
    double mt = tool && tool->mass > 0 ? tool->mass : 0, mp = pl->mass > 0 ? pl->mass : 0;
    ct_payload load;
    memset(&load, 0, sizeof load);
    load.mass = mp + mt;
    if (!(load.mass > 0)) return load;
    ct_vec3 ct = mt > 0 ? tool->com : ct_v3(0, 0, 0);
    ct_vec3 com = ct_v3_scale(ct_v3_add(ct_v3_scale(pl->com, mp), ct_v3_scale(ct, mt)), 1 / load.mass); /* tip frame */
    ct_mat3 I = {{pl->inertia[0], pl->inertia[3], pl->inertia[4], pl->inertia[3], pl->inertia[1], pl->inertia[5],
                  pl->inertia[4], pl->inertia[5], pl->inertia[2]}};
    if (!(mp > 0)) memset(&I, 0, sizeof I);
    I = shifted_inertia(I, mp, ct_v3_sub(pl->com, com));
    I = shifted_inertia(I, mt, ct_v3_sub(ct, com));
    load.com = ct_m3_tmulv(r->tool.R, ct_v3_sub(com, r->tool.p)); /* tip frame -> TCP frame */
    load.inertia = ct_m3_mul(ct_m3_mul(ct_m3_transpose(r->tool.R), I), r->tool.R);
    return load;
}

/* Along the motion, every torque_dt: joint accelerations above the acceleration limits and, for
 * robots whose links carry inertials, joint torques (inverse dynamics with the payload and the carried tool) above the
 * effort limits; the first time per joint and kind (final as soon as found: time only grows). */
static void dynamics_findings(const vf_context *c, int robot, vf_finding_list *l) {
    const vf_robot_state *rs = &c->robot[robot];
    const ct_robot *r = rs->robot;
    ct_payload payload = carried_load(&c->cell->robot[robot], r);
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
