/* Inverse kinematics of the TCP (tip * tool) in the base frame.
 * Analytic for 6R arms with a spherical wrist and parallel axes 2 and 3 (Hyundai, Doosan, KUKA,
 * ABB, Fanuc, Yaskawa; ortho-parallel and offset variants): every solution, up to 8, with its
 * configuration flags. Other chains use damped least squares from several seeds.
 * Joint values are (ndof) arrays in rad or m; dofs outside the chain keep their seed value. */
#ifndef CELLTWIN_IK_H
#define CELLTWIN_IK_H

#include "celltwin/robot.h"

#define CT_IK_MAX_SOLUTIONS 8

/* Configuration flags of a solution (bit set = the second of the two choices). */
enum {
    CT_IK_BACK = 1 << 0,       /* wrist centre behind axis 1 (front when clear) */
    CT_IK_ELBOW_DOWN = 1 << 1, /* elbow below the line shoulder-wrist (up when clear) */
    CT_IK_WRIST_FLIP = 1 << 2  /* negative wrist bend (axis 5 flipped) */
};

typedef struct ct_ik_solution {
    double q[CT_ROBOT_MAX_DOF]; /* (ndof) joint values */
    unsigned config;            /* CT_IK_* flags */
    double pos_err;             /* |p(q) - p_target| (m) */
    double rot_err;             /* angle of R(q)^T R_target (rad) */
} ct_ik_solution;

typedef struct ct_ik_options {
    const double *seed;   /* (ndof) preferred values: picks the 2*pi turn of each joint and the
                             starting point of the numeric solver; NULL = zeros */
    double pos_tol;       /* m, default 1e-10 */
    double rot_tol;       /* rad, default 1e-10 */
    int max_iter;         /* numeric solver iterations per seed, default 200 */
    int nseeds;           /* numeric solver random restarts, default 32 */
    int force_numeric;    /* 1 = use damped least squares even when an analytic solver exists */
    int check_limits;     /* 1 (default) = drop solutions outside the joint limits */
} ct_ik_options;

CT_API ct_ik_options ct_ik_default_options(void);

/* Solves IK. Solutions are sorted by distance to the seed. Returns CT_OK with *nsol >= 1, or
 * CT_ERR_UNREACHABLE with *nsol = 0 and a message saying why (out of reach, outside limits). */
CT_API ct_status ct_ik_solve(const ct_robot *robot, ct_xform tcp_in_base, const ct_ik_options *opt,
                             ct_ik_solution *sols, int max_sols, int *nsol, ct_error *err);

/* 1 when the robot's chain has an analytic solver. */
CT_API int ct_ik_is_analytic(const ct_robot *robot);

/* Configuration flags of a joint vector (the flags the analytic solver would report for it);
 * 0 for robots without an analytic solver. */
CT_API unsigned ct_ik_config_of(const ct_robot *robot, const double *q);

/* Called by ct_robot_compile: detects the geometry and prepares the solver data. */
CT_API ct_status ct_ik_model_create(const ct_robot *robot, struct ct_ik_model **out, ct_error *err);
CT_API void ct_ik_model_destroy(struct ct_ik_model *ik);

#endif
