/* Motion planner tests against independent references: closed-form trapezoid and S-curve times,
 * finite differences of ct_traj_eval for speed/acceleration limits and for the segment speed
 * bounds, TCP geometry from ct_kin_tcp (distance to the programmed line, circle centre from a
 * linear solve), blend zones, and findings for configuration changes and unreachable targets.
 * Robots: the project's own assets/robots/ct_hs220 and ct_m1013. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "celltwin/ik.h"
#include "celltwin/kin.h"
#include "celltwin/motion.h"
#include "ct_test.h"

static ct_robot *load_robot(const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/assets/robots/%s/robot.urdf", CT_SOURCE_DIR, name);
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(path, &def, &r, &err) != CT_OK) {
        fprintf(stderr, "cannot load %s: %s\n", path, err.message);
        return NULL;
    }
    return r;
}

static ct_motion_cmd mk(ct_mcmd_type type, int line) {
    ct_motion_cmd c;
    memset(&c, 0, sizeof c);
    c.type = type;
    c.config = CT_MCMD_CONFIG_ANY;
    c.speed = 1.0;
    c.accel = 1.0;
    c.tool = ct_xf_identity();
    c.pose = ct_xf_identity();
    c.via = ct_xf_identity();
    c.src.file = "test.job";
    c.src.line = line;
    c.src.step = line;
    return c;
}

static ct_motion_cmd ptp_q(const double *q, int nd, double speed, int line) {
    ct_motion_cmd c = mk(CT_MCMD_PTP, line);
    c.joint_target = 1;
    for (int j = 0; j < nd; j++) c.q[j] = q[j];
    c.speed = speed;
    return c;
}

static ct_motion_cmd lin_to(ct_xform pose, double speed, double blend, int line) {
    ct_motion_cmd c = mk(CT_MCMD_LIN, line);
    c.pose = pose;
    c.speed = speed;
    c.blend = blend;
    return c;
}

static ct_traj *plan(const ct_robot *r, const ct_motion_cmd *c, int n, const ct_plan_options *o) {
    ct_traj *tr = NULL;
    ct_error err;
    ct_error_clear(&err);
    if (ct_traj_plan(r, c, n, o, &tr, &err) != CT_OK) {
        char buf[800];
        ct_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "plan failed: %s\n", buf);
        return NULL;
    }
    return tr;
}

static int count_findings(const ct_traj *tr, ct_motion_finding_kind k) {
    int n = 0;
    for (int i = 0; i < ct_traj_nfinding(tr); i++)
        if (ct_traj_finding(tr, i)->kind == k) n++;
    return n;
}

static void print_findings(const ct_traj *tr) {
    for (int i = 0; i < ct_traj_nfinding(tr); i++) {
        const ct_motion_finding *f = ct_traj_finding(tr, i);
        printf("  finding %s cmd %d: %s\n", ct_motion_finding_name(f->kind), f->cmd, f->message);
    }
}

/* Closed-form rest-to-rest time over distance D with speed limit v and acceleration a. */
static double trap_time(double D, double v, double a) {
    return D >= v * v / a ? D / v + v / a : 2 * sqrt(D / a);
}

/* Finite-difference checks over the whole trajectory: joint limits, |qd| <= vmax, optional
 * |qdd| <= amax, and every segment's qd_bound above the central-difference speed. Returns the
 * largest ratio FD speed / qd_bound seen (tightness) through *tight. */
static int check_fd(const ct_robot *r, const ct_traj *tr, int check_acc, double *tight) {
    int nd = r->ndof;
    double T = ct_traj_duration(tr), h = 1e-4, best = 0;
    double qa[CT_ROBOT_MAX_DOF], qb[CT_ROBOT_MAX_DOF], qc[CT_ROBOT_MAX_DOF], qd[CT_ROBOT_MAX_DOF];
    for (double t = h; t < T - h; t += 0.37e-3) {
        ct_traj_eval(tr, t - h, qa, NULL);
        ct_traj_eval(tr, t, qb, qd);
        ct_traj_eval(tr, t + h, qc, NULL);
        const ct_traj_seg *s0 = ct_traj_segment(tr, ct_traj_segment_at(tr, t - h));
        const ct_traj_seg *s1 = ct_traj_segment(tr, ct_traj_segment_at(tr, t + h));
        const ct_traj_seg *sm = ct_traj_segment(tr, ct_traj_segment_at(tr, t));
        CT_ENSURE(ct_robot_within_limits(r, qb, 1e-9));
        for (int j = 0; j < nd; j++) {
            double v = (qc[j] - qa[j]) / (2 * h), a = (qc[j] - 2 * qb[j] + qa[j]) / (h * h);
            double bound = fmax(s0->qd_bound[j], s1->qd_bound[j]);
            CT_ENSURE_MSG(fabs(v) <= r->dof_vel[j] * (1 + 1e-6), "t %.4f joint %d speed %.6g > %.6g", t, j, v,
                          r->dof_vel[j]);
            CT_ENSURE_MSG(fabs(v) <= bound * (1 + 1e-6) + 1e-9, "t %.4f joint %d FD speed %.9g > bound %.9g", t, j,
                          v, bound);
            CT_ENSURE_MSG(fabs(qd[j]) <= sm->qd_bound[j] * (1 + 1e-9) + 1e-12, "t %.4f joint %d qd %.9g > bound %.9g",
                          t, j, qd[j], sm->qd_bound[j]);
            if (check_acc)
                CT_ENSURE_MSG(fabs(a) <= r->dof_acc[j] * (1 + 1e-4) + 1e-6, "t %.4f joint %d accel %.6g > %.6g", t, j,
                              a, r->dof_acc[j]);
            if (bound > 1e-6 && fabs(v) / bound > best) best = fabs(v) / bound;
        }
    }
    if (tight) *tight = best;
    return 0;
}

/* q continuous at every segment join. */
static int check_joins(const ct_robot *r, const ct_traj *tr) {
    double qa[CT_ROBOT_MAX_DOF], qb[CT_ROBOT_MAX_DOF];
    for (int i = 0; i + 1 < ct_traj_nseg(tr); i++) {
        const ct_traj_seg *s = ct_traj_segment(tr, i), *n = ct_traj_segment(tr, i + 1);
        CT_ENSURE_NEAR(s->t1, n->t0, 1e-12);
        ct_traj_eval(tr, s->t1 - 1e-9, qa, NULL);
        ct_traj_eval(tr, s->t1 + 1e-9, qb, NULL);
        for (int j = 0; j < r->ndof; j++) CT_ENSURE_NEAR(qa[j], qb[j], 1e-6);
    }
    return 0;
}

static const double HS_A[6] = {0.3, 1.4, 0.2, 0.5, 0.9, -0.4};
static const double HS_B[6] = {-0.9, 1.8, -0.3, -0.6, 0.4, 1.2};

static int test_ptp_closed_form(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof, rc = 0;
    double ovr[2] = {1.0, 0.5};
    /* case 1: long move, case 2: short (triangle) move, each at two overrides */
    for (int cs = 0; cs < 4 && !rc; cs++) {
        double qb[6];
        double scale = cs < 2 ? 1.0 : 0.02;
        for (int j = 0; j < 6; j++) qb[j] = HS_A[j] + scale * (HS_B[j] - HS_A[j]);
        ct_motion_cmd c[2] = {ptp_q(HS_A, nd, 1.0, 1), ptp_q(qb, nd, 0.8, 2)};
        c[1].accel = 0.6;
        ct_plan_options o = ct_plan_default_options();
        o.speed_override = ovr[cs % 2];
        ct_traj *tr = plan(r, c, 2, &o);
        CT_ENSURE(tr);
        /* reference: the joint path q = qa + D s is limited by V = min v_j/|D_j|, A = min a_j/|D_j| */
        double V = INFINITY, A = INFINITY, Tmax = 0;
        for (int j = 0; j < nd; j++) {
            double D = fabs(qb[j] - HS_A[j]);
            double v = r->dof_vel[j] * 0.8 * o.speed_override, a = r->dof_acc[j] * 0.6 * o.speed_override * o.speed_override;
            V = fmin(V, v / D);
            A = fmin(A, a / D);
            Tmax = fmax(Tmax, trap_time(D, v, a)); /* the slowest joint alone */
        }
        double Tref = trap_time(1.0, V, A);
        CT_ENSURE(Tref >= Tmax - 1e-12);
        CT_ENSURE_NEAR(ct_traj_duration(tr), Tref, 1e-9);
        double q[6];
        ct_traj_eval(tr, ct_traj_duration(tr), q, NULL);
        for (int j = 0; j < nd; j++) CT_ENSURE_NEAR(q[j], qb[j], 1e-12);
        /* synchronisation: (q_j - qa_j) / D_j is the same for every joint at every t */
        for (double t = 0; t <= Tref; t += Tref / 97) {
            ct_traj_eval(tr, t, q, NULL);
            double s0 = (q[0] - HS_A[0]) / (qb[0] - HS_A[0]);
            for (int j = 1; j < nd; j++) CT_ENSURE_NEAR((q[j] - HS_A[j]) / (qb[j] - HS_A[j]), s0, 1e-9);
        }
        double tight;
        rc = check_fd(r, tr, 1, &tight);
        if (!rc) CT_ENSURE_MSG(tight > 0.995, "qd_bound not tight: %.6f", tight);
        ct_traj_destroy(tr);
    }
    /* one joint only: its own closed form */
    double qb[6];
    memcpy(qb, HS_A, sizeof qb);
    qb[0] += 1.5;
    ct_motion_cmd c[2] = {ptp_q(HS_A, nd, 1.0, 1), ptp_q(qb, nd, 1.0, 2)};
    ct_traj *tr = plan(r, c, 2, NULL);
    CT_ENSURE(tr);
    CT_ENSURE_NEAR(ct_traj_duration(tr), trap_time(1.5, r->dof_vel[0], r->dof_acc[0]), 1e-9);
    CT_ENSURE_NEAR(ct_traj_segment(tr, 1)->qd_bound[0], r->dof_vel[0], 1e-9);
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return rc;
}

/* Random PTP programs: limits and bounds by finite differences, joins continuous. */
static int test_ptp_limits_fd(void) {
    ct_robot *r = load_robot("ct_m1013");
    CT_ENSURE(r);
    int nd = r->ndof;
    srand(7);
    ct_motion_cmd c[12];
    for (int i = 0; i < 12; i++) {
        double q[CT_ROBOT_MAX_DOF];
        for (int j = 0; j < nd; j++) {
            double lo = fmax(r->dof_lower[j], -3), hi = fmin(r->dof_upper[j], 3);
            q[j] = lo + (hi - lo) * (0.1 + 0.8 * rand() / (double)RAND_MAX);
        }
        c[i] = ptp_q(q, nd, 0.2 + 0.8 * rand() / (double)RAND_MAX, i + 1);
        c[i].accel = 0.3 + 0.7 * rand() / (double)RAND_MAX;
    }
    ct_traj *tr = plan(r, c, 12, NULL);
    CT_ENSURE(tr);
    CT_ENSURE(ct_traj_nseg(tr) == 12);
    double tight;
    int rc = check_fd(r, tr, 1, &tight) || check_joins(r, tr);
    CT_ENSURE(!rc);
    CT_ENSURE_MSG(tight > 0.999, "qd_bound not tight: %.6f", tight);
    /* each segment ends exactly at its target, at rest */
    for (int i = 0; i < 12; i++) {
        const ct_traj_seg *s = ct_traj_segment(tr, i);
        double q[CT_ROBOT_MAX_DOF], qd[CT_ROBOT_MAX_DOF];
        ct_traj_eval(tr, s->t1, q, qd);
        for (int j = 0; j < nd; j++) {
            CT_ENSURE_NEAR(q[j], c[i].q[j], 1e-12);
            CT_ENSURE_NEAR(qd[j], 0, 1e-9);
        }
    }
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

static int test_ptp_scurve(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof;
    ct_plan_options o = ct_plan_default_options();
    o.jerk_limited = 1;
    o.jerk_ratio = 8;
    for (int cs = 0; cs < 2; cs++) {
        double qb[6];
        memcpy(qb, HS_A, sizeof qb);
        double D = cs == 0 ? 2.0 : 0.01;
        qb[0] += D; /* joint 1 alone */
        ct_motion_cmd c[2] = {ptp_q(HS_A, nd, 1.0, 1), ptp_q(qb, nd, 1.0, 2)};
        ct_traj *tr = plan(r, c, 2, &o);
        CT_ENSURE(tr);
        double v = r->dof_vel[0], a = r->dof_acc[0], jk = o.jerk_ratio * a;
        /* textbook forms: full 7-phase T = D/v + v/a + a/j; pure jerk phases T = 4 (D / (2 j))^(1/3) */
        double Tref = cs == 0 ? D / v + v / a + a / jk : 4 * cbrt(D / (2 * jk));
        if (cs == 0) CT_ENSURE(D >= v * (v / a + a / jk)); /* the cruise phase exists */
        else CT_ENSURE(D <= 2 * a * a * a / (jk * jk)); /* acceleration never reaches a */
        CT_ENSURE_NEAR(ct_traj_duration(tr), Tref, 1e-9);
        CT_ENSURE(!check_fd(r, tr, 1, NULL));
        /* jerk by third differences */
        double h = 2e-3, q[4][CT_ROBOT_MAX_DOF];
        for (double t = 2 * h; t < Tref - 2 * h; t += 1.1e-3) {
            for (int k = 0; k < 4; k++) ct_traj_eval(tr, t + (k - 1.5) * h, q[k], NULL);
            double j3 = (q[3][0] - 3 * q[2][0] + 3 * q[1][0] - q[0][0]) / (h * h * h);
            CT_ENSURE_MSG(fabs(j3) <= jk * (1 + 1e-3), "t %.4f jerk %.6g > %.6g", t, j3, jk);
        }
        ct_traj_destroy(tr);
    }
    ct_robot_destroy(r);
    return 0;
}

static int test_ptp_time_stretch(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof;
    ct_motion_cmd c[2] = {ptp_q(HS_A, nd, 1.0, 1), ptp_q(HS_B, nd, 1.0, 2)};
    ct_traj *tr = plan(r, c, 2, NULL);
    CT_ENSURE(tr);
    double T = ct_traj_duration(tr);
    ct_traj_destroy(tr);
    c[1].time = 2.5 * T;
    tr = plan(r, c, 2, NULL);
    CT_ENSURE(tr);
    CT_ENSURE_NEAR(ct_traj_duration(tr), 2.5 * T, 1e-9);
    CT_ENSURE(!check_fd(r, tr, 1, NULL));
    ct_traj_destroy(tr);
    c[1].time = 0.5 * T; /* shorter than possible: the limits win */
    tr = plan(r, c, 2, NULL);
    CT_ENSURE(tr);
    CT_ENSURE_NEAR(ct_traj_duration(tr), T, 1e-9);
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

/* Joint-space fly-by: faster than exact stops, joint speed continuous, limits and bounds kept. */
static int test_ptp_blend(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof;
    double qc[6] = {0.4, 1.5, 0.4, 0.2, 1.1, 0.3};
    ct_motion_cmd c[4] = {ptp_q(HS_A, nd, 1.0, 1), ptp_q(HS_B, nd, 0.7, 2), ptp_q(qc, nd, 0.9, 3),
                          ptp_q(HS_A, nd, 1.0, 4)};
    ct_traj *t0 = plan(r, c, 4, NULL);
    CT_ENSURE(t0);
    c[1].blend = 0.2;
    c[2].blend = 0.2;
    ct_traj *tr = plan(r, c, 4, NULL);
    CT_ENSURE(tr);
    CT_ENSURE_MSG(ct_traj_duration(tr) < ct_traj_duration(t0) - 0.05, "blended %.4f vs exact %.4f",
                  ct_traj_duration(tr), ct_traj_duration(t0));
    CT_ENSURE(!check_fd(r, tr, 0, NULL));
    CT_ENSURE(!check_joins(r, tr));
    /* velocity continuity: qd from eval changes by at most (2 amax) * dt over small steps */
    double qd0[CT_ROBOT_MAX_DOF], qd1[CT_ROBOT_MAX_DOF], q[CT_ROBOT_MAX_DOF], dtt = 1e-4;
    for (double t = 0; t + dtt <= ct_traj_duration(tr); t += dtt) {
        ct_traj_eval(tr, t, q, qd0);
        ct_traj_eval(tr, t + dtt, q, qd1);
        for (int j = 0; j < nd; j++)
            CT_ENSURE_MSG(fabs(qd1[j] - qd0[j]) <= 2 * r->dof_acc[j] * dtt * (1 + 1e-6), "t %.4f joint %d jump %.4g",
                          t, j, qd1[j] - qd0[j]);
    }
    /* the corner is rounded: the robot does not stop at HS_B */
    double best = INFINITY;
    for (double t = 0; t <= ct_traj_duration(tr); t += 1e-3) {
        ct_traj_eval(tr, t, q, NULL);
        double d = 0;
        for (int j = 0; j < nd; j++) d = fmax(d, fabs(q[j] - HS_B[j]));
        best = fmin(best, d);
    }
    CT_ENSURE_MSG(best > 1e-3, "passes through the corner (%.3g)", best);
    ct_traj_destroy(t0);
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

/* Cartesian PTP targets: requested configuration, nearest solution, mismatch, unreachable. */
static int test_ptp_config(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof;
    ct_xform pose = ct_kin_tcp(r, HS_B);
    unsigned cfg = ct_ik_config_of(r, HS_B);
    ct_motion_cmd c[4] = {ptp_q(HS_A, nd, 1.0, 1), mk(CT_MCMD_PTP, 2), mk(CT_MCMD_PTP, 3), mk(CT_MCMD_PTP, 4)};
    c[1].pose = pose;
    c[1].config = cfg;
    c[2].pose = pose;
    c[2].config = cfg ^ CT_IK_WRIST_FLIP; /* the other wrist: a different joint solution */
    c[3].pose = ct_xf(pose.R, ct_v3(5, 0, 1)); /* far out of reach */
    ct_traj *tr = plan(r, c, 4, NULL);
    CT_ENSURE(tr);
    double q[CT_ROBOT_MAX_DOF];
    ct_traj_eval(tr, ct_traj_segment(tr, 1)->t1, q, NULL);
    for (int j = 0; j < nd; j++) CT_ENSURE_NEAR(q[j], HS_B[j], 1e-7);
    ct_traj_eval(tr, ct_traj_segment(tr, 2)->t1, q, NULL);
    CT_ENSURE(ct_ik_config_of(r, q) == (cfg ^ CT_IK_WRIST_FLIP));
    ct_xform p2 = ct_kin_tcp(r, q);
    CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(p2.p, pose.p)), 0, 1e-7);
    CT_ENSURE(count_findings(tr, CT_MF_UNREACHABLE) == 1);
    const ct_traj_seg *s3 = ct_traj_segment(tr, 3);
    CT_ENSURE(s3->t1 == s3->t0); /* the robot stays */
    ct_traj_destroy(tr);
    /* a configuration the robot cannot take there (shoulder back: joint 2 limits) */
    c[2].config = cfg ^ CT_IK_BACK;
    tr = plan(r, c, 3, NULL);
    CT_ENSURE(tr);
    print_findings(tr);
    CT_ENSURE(count_findings(tr, CT_MF_CONFIG_MISMATCH) + count_findings(tr, CT_MF_JOINT_LIMIT) == 1);
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

static double dist_to_line(ct_vec3 p, ct_vec3 a, ct_vec3 b) {
    ct_vec3 u = ct_v3_normalize(ct_v3_sub(b, a)), d = ct_v3_sub(p, a);
    return ct_v3_norm(ct_v3_madd(d, u, -ct_v3_dot(d, u)));
}

static int test_lin_line(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof;
    ct_xform a = ct_kin_tcp(r, HS_A);
    ct_xform b = ct_xf(ct_m3_mul(a.R, ct_m3_axis_angle(ct_v3_normalize(ct_v3(1, 2, 0.5)), 0.2)),
                       ct_v3_add(a.p, ct_v3(-0.3, 0.35, -0.25)));
    double v = 0.5, L = ct_v3_norm(ct_v3_sub(b.p, a.p));
    ct_motion_cmd c[2] = {ptp_q(HS_A, nd, 1.0, 1), lin_to(b, v, 0, 2)};
    ct_plan_options o = ct_plan_default_options();
    ct_traj *tr = plan(r, c, 2, &o);
    CT_ENSURE(tr);
    print_findings(tr);
    CT_ENSURE(ct_traj_nfinding(tr) == 0);
    const ct_traj_seg *s = ct_traj_segment(tr, 1);
    CT_ENSURE(s->type == CT_MCMD_LIN && s->nsample > 10);
    CT_ENSURE_NEAR(s->t1 - s->t0, trap_time(L, v, o.cart_accel), 1e-9);
    double q[CT_ROBOT_MAX_DOF], worst = 0;
    for (double t = s->t0; t <= s->t1; t += 0.4e-3) { /* also between IPO ticks */
        ct_traj_eval(tr, t, q, NULL);
        worst = fmax(worst, dist_to_line(ct_kin_tcp(r, q).p, a.p, b.p));
    }
    CT_ENSURE_MSG(worst < 1e-5, "off the line by %.3g m", worst);
    /* the constant-speed part: v / a after the start until v / a before the end */
    double ta = v / o.cart_accel;
    for (double t = s->t0 + ta + 0.01; t < s->t1 - ta - 0.01; t += 0.05) {
        double q2[CT_ROBOT_MAX_DOF];
        ct_traj_eval(tr, t, q, NULL);
        ct_traj_eval(tr, t + 0.008, q2, NULL);
        double sp = ct_v3_norm(ct_v3_sub(ct_kin_tcp(r, q2).p, ct_kin_tcp(r, q).p)) / 0.008;
        CT_ENSURE_MSG(fabs(sp - v) < 1e-3 * v, "t %.3f TCP speed %.6f", t, sp);
    }
    ct_traj_eval(tr, s->t1, q, NULL);
    ct_xform e = ct_kin_tcp(r, q);
    CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(e.p, b.p)), 0, 1e-8);
    CT_ENSURE_NEAR(ct_m3_angle_between(e.R, b.R), 0, 1e-8);
    CT_ENSURE(ct_ik_config_of(r, q) == ct_ik_config_of(r, HS_A));
    CT_ENSURE(!check_fd(r, tr, 0, NULL));
    CT_ENSURE(!check_joins(r, tr));
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

static int test_circ_circle(void) {
    ct_robot *r = load_robot("ct_m1013");
    CT_ENSURE(r);
    int nd = r->ndof;
    double q0[6] = {0.2, 0.3, 1.4, 0.1, 1.2, 0.3};
    ct_xform a = ct_kin_tcp(r, q0);
    ct_vec3 via = ct_v3_add(a.p, ct_v3(0.12, 0.15, 0.05)), end = ct_v3_add(a.p, ct_v3(0.02, 0.3, 0.1));
    ct_motion_cmd c[2] = {ptp_q(q0, nd, 1.0, 1), mk(CT_MCMD_CIRC, 2)};
    c[1].via = ct_xf(a.R, via);
    c[1].pose = ct_xf(ct_m3_mul(a.R, ct_m3_axis_angle(ct_v3(0, 0, 1), 0.3)), end);
    c[1].speed = 0.25;
    ct_plan_options o = ct_plan_default_options();
    ct_traj *tr = plan(r, c, 2, &o);
    CT_ENSURE(tr);
    print_findings(tr);
    /* reference centre: c = a + x u + y w with (c - a).u = |u|^2/2, (c - a).w = |w|^2/2 */
    ct_vec3 u = ct_v3_sub(via, a.p), w = ct_v3_sub(end, a.p);
    double uu = ct_v3_dot(u, u), ww = ct_v3_dot(w, w), uw = ct_v3_dot(u, w), det = uu * ww - uw * uw;
    double x = (uu / 2 * ww - ww / 2 * uw) / det, y = (uu * ww / 2 - uw * uu / 2) / det;
    ct_vec3 cen = ct_v3_add(a.p, ct_v3_add(ct_v3_scale(u, x), ct_v3_scale(w, y)));
    double rad = ct_v3_norm(ct_v3_sub(a.p, cen));
    ct_vec3 nrm = ct_v3_normalize(ct_v3_cross(u, w));
    ct_vec3 r0 = ct_v3_sub(a.p, cen), r1 = ct_v3_sub(via, cen), r2 = ct_v3_sub(end, cen);
    double ang = acos(ct_v3_dot(r0, r1) / (rad * rad)) + acos(ct_v3_dot(r1, r2) / (rad * rad));
    const ct_traj_seg *s = ct_traj_segment(tr, 1);
    CT_ENSURE_NEAR(s->t1 - s->t0, trap_time(rad * ang, 0.25, o.cart_accel), 1e-9);
    double q[CT_ROBOT_MAX_DOF], worst = 0;
    for (double t = s->t0; t <= s->t1; t += 0.4e-3) {
        ct_traj_eval(tr, t, q, NULL);
        ct_vec3 p = ct_v3_sub(ct_kin_tcp(r, q).p, cen);
        worst = fmax(worst, fabs(ct_v3_norm(p) - rad));
        worst = fmax(worst, fabs(ct_v3_dot(p, nrm)));
    }
    CT_ENSURE_MSG(worst < 1e-5, "off the circle by %.3g m", worst);
    ct_traj_eval(tr, s->t1, q, NULL);
    CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(ct_kin_tcp(r, q).p, end)), 0, 1e-8);
    CT_ENSURE(!check_fd(r, tr, 0, NULL));
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

/* LIN fly-by: outside the blend zones the TCP is on the programmed lines; inside, within `blend`
 * of the corner (at most half of the shorter segment); joint speed continuous. */
static int test_lin_blend(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof;
    ct_xform a = ct_kin_tcp(r, HS_A);
    ct_vec3 P[5] = {a.p, ct_v3_add(a.p, ct_v3(-0.3, 0, 0)), ct_v3_add(a.p, ct_v3(-0.3, 0.3, 0)),
                    ct_v3_add(a.p, ct_v3(-0.25, 0.335, 0.0)), ct_v3_add(a.p, ct_v3(-0.1, 0.36, -0.2))};
    double bl[4] = {0.05, 0.08, 0.05, 0}, eff[4] = {0.05, 0.03, 0.03, 0};
    ct_motion_cmd c[5];
    c[0] = ptp_q(HS_A, nd, 1.0, 1);
    for (int i = 1; i < 5; i++) c[i] = lin_to(ct_xf(a.R, P[i]), i == 2 ? 0.3 : 0.6, bl[i - 1], i + 1);
    ct_traj *tr = plan(r, c, 5, NULL);
    CT_ENSURE(tr);
    print_findings(tr);
    CT_ENSURE(ct_traj_nfinding(tr) == 0);
    double q[CT_ROBOT_MAX_DOF], T = ct_traj_duration(tr), mind[3] = {1, 1, 1};
    int in_zone = 0;
    for (double t = 0; t <= T; t += 0.5e-3) {
        ct_traj_eval(tr, t, q, NULL);
        ct_vec3 p = ct_kin_tcp(r, q).p;
        double dl = INFINITY;
        for (int i = 0; i < 4; i++) dl = fmin(dl, dist_to_line(p, P[i], P[i + 1]));
        int ok = dl < 1e-5;
        for (int k = 0; k < 3; k++) {
            double d = ct_v3_norm(ct_v3_sub(p, P[k + 1]));
            mind[k] = fmin(mind[k], d);
            if (d <= eff[k] + 1e-6) {
                ok = 1;
                if (dl >= 1e-5) in_zone++;
            }
        }
        CT_ENSURE_MSG(ok, "t %.4f: TCP %.3g m off the lines and outside every blend zone", t, dl);
    }
    CT_ENSURE(in_zone > 10);
    for (int k = 0; k < 3; k++) /* the corners are rounded, never reached */
        CT_ENSURE_MSG(mind[k] > 1e-3 && mind[k] < eff[k], "corner %d: closest %.4g m", k, mind[k]);
    /* joint speed continuity across ticks: no jump beyond the acceleration scale */
    double prev[CT_ROBOT_MAX_DOF], qd[CT_ROBOT_MAX_DOF];
    int have = 0;
    for (int i = 1; i < ct_traj_nseg(tr); i++) {
        const ct_traj_seg *s = ct_traj_segment(tr, i);
        for (double t = s->t0 + 1e-3; t < s->t1; t += 4e-3) {
            ct_traj_eval(tr, t, q, qd);
            if (have)
                for (int j = 0; j < nd; j++)
                    CT_ENSURE_MSG(fabs(qd[j] - prev[j]) < 0.1, "t %.4f joint %d speed jumps %.4g", t, j, qd[j] - prev[j]);
            memcpy(prev, qd, sizeof prev);
            have = 1;
        }
    }
    CT_ENSURE(!check_fd(r, tr, 0, NULL));
    CT_ENSURE(!check_joins(r, tr));
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

/* A LIN straight through the wrist singularity needs a wrist flip: a finding, not a jump. */
static int test_lin_wrist_flip(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof;
    double qm[6] = {0.1, 1.3, 0.2, 0.4, 0.0, 0.3}, qp[6], qn[6];
    memcpy(qp, qm, sizeof qp);
    memcpy(qn, qm, sizeof qn);
    qp[2] += 1e-6;
    qn[2] -= 1e-6;
    ct_xform m = ct_kin_tcp(r, qm);
    ct_vec3 d = ct_v3_normalize(ct_v3_sub(ct_kin_tcp(r, qp).p, ct_kin_tcp(r, qn).p)); /* joint 3 direction */
    ct_motion_cmd c[3] = {mk(CT_MCMD_PTP, 1), lin_to(ct_xf(m.R, ct_v3_madd(m.p, d, 0.1)), 0.5, 0, 2),
                          ptp_q(HS_A, nd, 1.0, 3)};
    c[0].pose = ct_xf(m.R, ct_v3_madd(m.p, d, -0.1));
    ct_plan_options o = ct_plan_default_options();
    o.q_start = qm;
    ct_traj *tr = plan(r, c, 3, &o);
    CT_ENSURE(tr);
    print_findings(tr);
    CT_ENSURE(count_findings(tr, CT_MF_CONFIG_CHANGE) == 1);
    /* no jump: the trajectory's joint speeds stay bounded by the segment bounds and the limits */
    for (int i = 0; i < ct_traj_nseg(tr); i++)
        for (int j = 0; j < nd; j++) CT_ENSURE(ct_traj_segment(tr, i)->qd_bound[j] <= r->dof_vel[j] * 1.5);
    CT_ENSURE(!check_joins(r, tr));
    /* the last PTP still runs from where the robot stopped */
    double q[CT_ROBOT_MAX_DOF];
    ct_traj_eval(tr, ct_traj_duration(tr), q, NULL);
    for (int j = 0; j < nd; j++) CT_ENSURE_NEAR(q[j], HS_A[j], 1e-12);
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

static int test_lin_unreachable(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof;
    ct_xform a = ct_kin_tcp(r, HS_A);
    ct_motion_cmd c[3] = {ptp_q(HS_A, nd, 1.0, 1), lin_to(ct_xf(a.R, ct_v3_add(a.p, ct_v3(3, 0, 0))), 0.5, 0, 2),
                          lin_to(ct_xf(a.R, ct_v3_add(a.p, ct_v3(-0.2, 0, 0))), 0.5, 0, 3)};
    ct_traj *tr = plan(r, c, 3, NULL);
    CT_ENSURE(tr);
    print_findings(tr);
    CT_ENSURE(count_findings(tr, CT_MF_UNREACHABLE) == 1);
    const ct_motion_finding *f = ct_traj_finding(tr, 0);
    CT_ENSURE(f->cmd == 1 && f->src.line == 2 && strcmp(f->src.file, "test.job") == 0);
    CT_ENSURE(ct_traj_segment(tr, 1)->t1 == ct_traj_segment(tr, 1)->t0);
    double q[CT_ROBOT_MAX_DOF];
    ct_traj_eval(tr, ct_traj_duration(tr), q, NULL);
    CT_ENSURE_NEAR(ct_v3_norm(ct_v3_sub(ct_kin_tcp(r, q).p, c[2].pose.p)), 0, 1e-8);
    ct_traj_destroy(tr);
    /* a line whose middle leaves the workspace (through the base column) */
    ct_xform b = ct_xf(a.R, ct_v3(-a.p.x, -a.p.y, a.p.z));
    c[1] = lin_to(b, 0.5, 0, 2);
    tr = plan(r, c, 2, NULL);
    CT_ENSURE(tr);
    print_findings(tr);
    CT_ENSURE(ct_traj_nfinding(tr) >= 1);
    CT_ENSURE(!check_joins(r, tr));
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

static int test_events_dwell(void) {
    ct_robot *r = load_robot("ct_m1013");
    CT_ENSURE(r);
    int nd = r->ndof;
    double q0[6] = {0.2, 0.3, 1.4, 0.1, 1.2, 0.3}, q1[6] = {0.5, 0.1, 1.2, -0.2, 1.0, 0.6};
    ct_motion_cmd c[5] = {ptp_q(q0, nd, 1.0, 1), ptp_q(q1, nd, 1.0, 2), mk(CT_MCMD_EVENT, 3), mk(CT_MCMD_DWELL, 4),
                          ptp_q(q0, nd, 1.0, 5)};
    c[2].label = "DO 1 = 1";
    c[3].dwell = 0.75;
    ct_traj *tr = plan(r, c, 5, NULL);
    CT_ENSURE(tr);
    CT_ENSURE(ct_traj_nseg(tr) == 5);
    const ct_traj_seg *s1 = ct_traj_segment(tr, 1), *e = ct_traj_segment(tr, 2), *d = ct_traj_segment(tr, 3);
    CT_ENSURE(e->type == CT_MCMD_EVENT && e->t0 == s1->t1 && e->t1 == e->t0);
    CT_ENSURE(d->type == CT_MCMD_DWELL);
    CT_ENSURE_NEAR(d->t1 - d->t0, 0.75, 1e-12);
    double q[CT_ROBOT_MAX_DOF], qd[CT_ROBOT_MAX_DOF];
    for (double t = d->t0; t <= d->t1; t += 0.05) {
        ct_traj_eval(tr, t, q, qd);
        for (int j = 0; j < nd; j++) {
            CT_ENSURE_NEAR(q[j], q1[j], 1e-12);
            CT_ENSURE(qd[j] == 0);
        }
    }
    CT_ENSURE(ct_traj_segment_at(tr, 0.5 * (d->t0 + d->t1)) == 3);
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

static int test_bad_input(void) {
    ct_robot *r = load_robot("ct_m1013");
    CT_ENSURE(r);
    int nd = r->ndof;
    double q0[6] = {0.2, 0.3, 1.4, 0.1, 1.2, 0.3};
    ct_xform a = ct_kin_tcp(r, q0);
    ct_motion_cmd c[2] = {ptp_q(q0, nd, 1.0, 1), mk(CT_MCMD_CIRC, 7)};
    c[1].via = ct_xf(a.R, ct_v3_add(a.p, ct_v3(0.1, 0, 0)));
    c[1].pose = ct_xf(a.R, ct_v3_add(a.p, ct_v3(0.2, 0, 0))); /* collinear */
    c[1].speed = 0.2;
    ct_traj *tr = NULL;
    ct_error err;
    CT_ENSURE(ct_traj_plan(r, c, 2, NULL, &tr, &err) == CT_ERR_INVALID && tr == NULL);
    CT_ENSURE(err.line == 7 && strcmp(err.file, "test.job") == 0 && strstr(err.message, "collinear"));
    c[1] = mk(CT_MCMD_DWELL, 9);
    c[1].dwell = -1;
    CT_ENSURE(ct_traj_plan(r, c, 2, NULL, &tr, &err) == CT_ERR_INVALID && err.line == 9);
    c[1] = lin_to(a, 0, 0, 11);
    CT_ENSURE(ct_traj_plan(r, c, 2, NULL, &tr, &err) == CT_ERR_INVALID && err.line == 11);
    c[1] = lin_to(a, NAN, 0, 12);
    CT_ENSURE(ct_traj_plan(r, c, 2, NULL, &tr, &err) == CT_ERR_INVALID && err.line == 12);
    ct_plan_options o = ct_plan_default_options();
    o.dt = 0;
    CT_ENSURE(ct_traj_plan(r, c, 1, &o, &tr, &err) == CT_ERR_INVALID);
    /* empty program: a valid trajectory of zero length */
    CT_ENSURE(ct_traj_plan(r, c, 0, NULL, &tr, &err) == CT_OK && ct_traj_duration(tr) == 0);
    ct_traj_destroy(tr);
    ct_robot_destroy(r);
    return 0;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Planning speed on a PTP-heavy and a LIN-heavy program of about 10 minutes each (printed; the
 * checks are that the programs plan without findings and last what they should). */
static int test_plan_rate(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    int nd = r->ndof;
    enum { N = 1200 };
    ct_motion_cmd *c = (ct_motion_cmd *)calloc(N, sizeof *c);
    CT_ENSURE(c);
    for (int i = 0; i < N; i++) {
        double q[6];
        for (int j = 0; j < 6; j++) q[j] = (i % 2 ? HS_A[j] : HS_B[j]);
        c[i] = ptp_q(q, nd, 0.5, i + 1);
        c[i].blend = 0.1;
    }
    double t0 = now_s();
    ct_traj *tr = plan(r, c, N, NULL);
    double wall_ptp = now_s() - t0;
    CT_ENSURE(tr && ct_traj_nfinding(tr) == 0);
    double dur_ptp = ct_traj_duration(tr);
    ct_traj_destroy(tr);
    ct_xform a = ct_kin_tcp(r, HS_A);
    ct_vec3 sq[4] = {ct_v3(-0.4, 0, 0), ct_v3(-0.4, 0.4, 0), ct_v3(0, 0.4, -0.2), ct_v3(0, 0, 0)};
    c[0] = ptp_q(HS_A, nd, 1.0, 1);
    for (int i = 1; i < N; i++) c[i] = lin_to(ct_xf(a.R, ct_v3_add(a.p, sq[(i - 1) % 4])), 0.25, 0.05, i + 1);
    t0 = now_s();
    tr = plan(r, c, N / 4, NULL);
    double wall_lin = now_s() - t0;
    CT_ENSURE(tr);
    print_findings(tr);
    CT_ENSURE(ct_traj_nfinding(tr) == 0);
    double dur_lin = ct_traj_duration(tr);
    printf("plan rate: PTP-heavy %d cmds, %.1f s program in %.2f ms (%.0f program-s per wall-s, 10 min in %.1f ms)\n",
           N, dur_ptp, wall_ptp * 1e3, dur_ptp / wall_ptp, 600 / (dur_ptp / wall_ptp) * 1e3);
    printf("plan rate: LIN-heavy %d cmds, %.1f s program, %d IPO ticks in %.2f ms (%.0f program-s per wall-s, "
           "10 min in %.1f ms)\n", N / 4, dur_lin, (int)(dur_lin / 0.004), wall_lin * 1e3, dur_lin / wall_lin,
           600 / (dur_lin / wall_lin) * 1e3);
    ct_traj_destroy(tr);
    free(c);
    ct_robot_destroy(r);
    return 0;
}

CT_TEST_MAIN(CT_TEST(ptp_closed_form), CT_TEST(ptp_limits_fd), CT_TEST(ptp_scurve), CT_TEST(ptp_time_stretch),
             CT_TEST(ptp_blend), CT_TEST(ptp_config), CT_TEST(lin_line), CT_TEST(circ_circle), CT_TEST(lin_blend),
             CT_TEST(lin_wrist_flip), CT_TEST(lin_unreachable), CT_TEST(events_dwell), CT_TEST(bad_input),
             CT_TEST(plan_rate))
