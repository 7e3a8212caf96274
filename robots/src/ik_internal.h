/* IK internals shared by ik.c (dispatch), ik_chain.c (the base->tip chain: FK, Jacobian),
 * ik_analytic.c (6R spherical-wrist closed form) and ik_numeric.c (damped least squares).
 * Everything here is precomputed by ct_ik_model_create; solving never allocates. */
#ifndef CELLTWIN_IK_INTERNAL_H
#define CELLTWIN_IK_INTERNAL_H

#include "celltwin/ik.h"

#define CT_IK_MAX_JOINTS 64 /* moving joints (dofs and mimic followers) on the base->tip path */

/* One moving joint on the base->tip path. Its value is mul * q[dof] + off. */
typedef struct ct_ik_joint {
    ct_xform pre;  /* joint frame in the previous moving joint's link frame (first: in base) */
    int pre_pure;  /* 1 when pre has an identity rotation */
    ct_vec3 axis;  /* unit axis in the joint frame */
    int code;      /* 0..2 = +x,+y,+z, 3..5 = -x,-y,-z, -1 general */
    int prismatic; /* 1 prismatic, 0 revolute/continuous */
    int dof;       /* index into q (ndof) */
    int col;       /* column in the chain Jacobian (index into chain_dof), -1 if off the chain */
    double mul, off;
} ct_ik_joint;

/* Closed-form data of a 6R arm with parallel axes 2,3 and a (nearly) spherical wrist, all in the
 * base frame at q = 0 (product of exponentials). Axis 3 is taken exactly parallel to axis 2;
 * `exact` is 0 when axis 6 misses the wrist centre c (then the solver iterates on q6). */
typedef struct ct_ik_analytic {
    int exact;
    int dof[6];              /* dof index of each joint */
    ct_mat3 R0T;             /* transpose of the flange rotation at q = 0 */
    ct_vec3 c_tip;           /* wrist centre in the flange frame */
    ct_vec3 a, p1;           /* axis 1: direction and a point */
    ct_vec3 u, p2;           /* axis 2 (= axis 3 direction times s3) and a point */
    double s3;               /* +1 / -1: axis 3 = s3 * u */
    ct_vec3 c;               /* wrist centre at q = 0 (axes 4 and 5 meet there) */
    ct_vec3 p6, cp6, g0p;    /* a point of axis 6, offset of c from axis 6, flange origin at q = 0 */
    ct_vec3 w4, w5, w6, n45; /* wrist axes, n45 = w4 x w5 */
    double c45, s45, w5x;    /* w4.w5, |n45|, w5.w6 */
    ct_vec3 e1, e2;          /* orthonormal basis of the plane normal to w4: e1 along w5, e2 = n45/s45 */
    ct_vec3 v6;              /* unit vector perpendicular to w6 */
    /* q1: (R(a,q1) u).d = k1 with d = wrist - p1 */
    double au, k1;           /* a.u, u.(c - p1) */
    ct_vec3 u_perp, axu;     /* u - (a.u) a, a x u */
    /* q3: A3 cos + B3 sin = (L3 - dist^2) / 2 in the plane perpendicular to u */
    ct_vec3 v3, w3xv, o3;    /* v = proj(c - p3), w3 x v, o = proj(p2 - p3) */
    double A3, B3, r3, L3;
    /* configuration flags (see ct_ik_config_of) */
    ct_vec3 fwd;             /* forward direction of the arm at q1 = 0 (perpendicular to a, u) */
    double m0, ec, es, fc, fs; /* front: m0 + fwd.(R(u,q2) x); elbow: ec c3 + es s3; flip: fc c5 + fs s5 */
} ct_ik_analytic;

struct ct_ik_model {
    int ndof, nchain, njoint;
    int chain_dof[CT_ROBOT_MAX_DOF]; /* (nchain) */
    ct_ik_joint *joint;              /* (njoint) base -> tip */
    ct_xform post;                   /* tip in the last moving joint's link frame (or in base) */
    ct_vec3 o1;                      /* first joint origin at q = 0 in base */
    double reach;                    /* bound on |tip - o1| over all q (m); inf if unbounded */
    int has_analytic;
    ct_ik_analytic an;
};

/* atan2 to about 1 ulp without a libm call (the closed form needs ~30 per pose): octant
 * reduction, then atan(t) = atan(k/8) + atan((t - k/8) / (1 + t k/8)) with |u| <= 1/16 and a
 * degree-13 odd series (truncation < 1e-19). */
static inline double ct_ik_atan2(double y, double x) {
    static const double tab[9] = {0.0, 0.12435499454676144, 0.24497866312686414, 0.35877067027057225,
                                  0.4636476090008061, 0.5585993153435624, 0.6435011087932844,
                                  0.7188299996216245, 0.7853981633974483};
    double ax = fabs(x), ay = fabs(y);
    int swap = ay > ax;
    double num = swap ? ax : ay, den = swap ? ay : ax;
    if (!(den > 0) || !(den < INFINITY)) return atan2(y, x); /* zeros, inf, nan */
    double t = num / den;
    int k = (int)(t * 8.0 + 0.5);
    double c = k * 0.125, u = (t - c) / (1.0 + t * c), u2 = u * u;
    double p = u * (1.0 + u2 * (-1.0 / 3 + u2 * (1.0 / 5 + u2 * (-1.0 / 7 + u2 * (1.0 / 9 + u2 * (-1.0 / 11 + u2 * (1.0 / 13)))))));
    double a = tab[k] + p;
    if (swap) a = 0.5 * CT_PI - a;
    if (signbit(x)) a = CT_PI - a;
    return signbit(y) ? -a : a;
}

/* --- ik_chain.c --------------------------------------------------------------------------- */
/* Fills the chain part of the model from the robot (base->tip path, reach). */
ct_status ct_ik_chain_build(const ct_robot *robot, struct ct_ik_model *m, ct_error *err);
/* Flange (tip) pose in base; jc/js are cos/sin per joint (revolute) and jd the displacement
 * (prismatic; may be NULL when there are none). Optional frames (njoint): joint axis and origin
 * in base, for Jacobians. */
ct_xform ct_ik_chain_fk_cs(const struct ct_ik_model *m, const double *jc, const double *js, const double *jd,
                           ct_vec3 *axis_w, ct_vec3 *org_w);
/* Runs joints [i0, i1) from T (the frame after joint i0 - 1; ignored when i0 = 0), without `post`. */
ct_xform ct_ik_chain_run(const struct ct_ik_model *m, ct_xform T, int i0, int i1, const double *jc,
                         const double *js, const double *jd, ct_vec3 *axis_w, ct_vec3 *org_w);
/* Flange pose for joint values q (ndof). */
ct_xform ct_ik_chain_fk(const struct ct_ik_model *m, const double *q);
/* TCP pose (flange * tool) and its 6 x nchain Jacobian (rows vx vy vz wx wy wz) in base. */
ct_xform ct_ik_chain_fk_jac(const struct ct_ik_model *m, const double *q, ct_xform tool, double *J);
/* Position and rotation error of `have` against `want` (m, rad). */
void ct_ik_pose_err(ct_xform have, ct_xform want, double *pos_err, double *rot_err);
/* 6-vector error (dp, rotation vector) that moves `have` to `want`, in base axes. */
void ct_ik_pose_twist(ct_xform have, ct_xform want, double e[6]);

/* --- ik_analytic.c ------------------------------------------------------------------------ */
/* Detects the geometry at compile time; fills m->an and sets m->has_analytic. */
void ct_ik_analytic_detect(const ct_robot *robot, struct ct_ik_model *m);
/* Flags of a joint vector from the analytic data. */
unsigned ct_ik_analytic_config(const ct_ik_analytic *an, const double *q);

enum { CT_IK_AN_OK, CT_IK_AN_OUT_OF_REACH, CT_IK_AN_LIMITS, CT_IK_AN_FAILED };
/* Every closed-form solution for the flange pose `flange` (tcp = flange * tool, errors measured
 * on the tcp `want`); returns the count (<= 8) and *why (CT_IK_AN_*) when it is 0. */
int ct_ik_analytic_solve(const ct_robot *robot, ct_xform flange, ct_xform want, const ct_ik_options *opt,
                         const double *seed, ct_ik_solution *sols, int *why);

/* --- ik_numeric.c ------------------------------------------------------------------------- */
/* Damped least squares from q (ndof, modified in place; kept within limits when clamp) towards
 * the TCP pose `want`; returns 1 when converged within the tolerances (final errors in *pe, *re). */
int ct_ik_dls(const ct_robot *robot, ct_xform want, double *q, int max_iter, double pos_tol,
              double rot_tol, int clamp, double *pe, double *re);
/* Numeric solve from the seed, then deterministic pseudo-random seeds; 1 solution or 0 (then
 * *best_pe, *best_re hold the smallest errors reached). */
int ct_ik_numeric_solve(const ct_robot *robot, ct_xform want, const ct_ik_options *opt, const double *seed,
                        ct_ik_solution *sol, double *best_pe, double *best_re);

/* --- ik.c --------------------------------------------------------------------------------- */
/* Brings q[dof] into its limits by 2 pi turns, choosing the turn nearest seed[dof]; returns 0
 * when no turn is within limits (q then holds the turn nearest the seed). */
int ct_ik_fit_turns(const ct_robot *robot, int dof, double *q, double seed);

#endif
