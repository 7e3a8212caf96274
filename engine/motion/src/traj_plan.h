/* Planner state shared by traj_plan.c (entry, checks, command walk), traj_ptp.c (PTP moves and
 * joint-space blends), traj_lin.c (LIN/CIRC chains: blends and path-speed look-ahead) and
 * traj_ipo.c (IPO sampling with IK per tick and the per-tick findings). */
#ifndef CT_TRAJ_PLAN_H
#define CT_TRAJ_PLAN_H

#include "celltwin/ik.h"
#include "celltwin/kin.h"
#include "traj_internal.h"

/* One member of a chain of blended LIN/CIRC moves. */
typedef struct ct_cmove {
    int cmd;
    ct_cpath path;
    ct_xform C;        /* command TCP = robot TCP * C (the command's tool against the robot's) */
    double sig;        /* nominal path-fraction speed (1/s); INFINITY when only accel-limited */
    double acc;        /* path-fraction acceleration (1/s^2) */
    double acart;      /* TCP acceleration limit (m/s^2) */
    int blend;         /* 1: blends into the next member */
    double k;          /* blend speed factor (0, 1] */
    double ds1, ds2;   /* blend entry (this move) and exit (next move) in path fractions */
    double tau;        /* blend duration (s) */
    double in;         /* path fraction where the straight part starts (previous blend's exit) */
    ct_prof prof;      /* straight part: s from `in` to 1 - ds1 (offset by in) */
    double e_in;       /* speed at the start of the straight part (1/s) */
} ct_cmove;

typedef struct ct_planner {
    const ct_robot *robot;
    const ct_motion_cmd *cmds;
    int ncmd;
    ct_plan_options opt;
    ct_traj *tr;
    int nd;
    double q[CT_ROBOT_MAX_DOF]; /* joints where the robot stands (between chains) */
    double t;                   /* current time (s) */
    ct_cmove *mv;               /* chain scratch (capmv) */
    int capmv;
    ct_error *err;
    ct_status status;           /* the error of a failed chain (err may be NULL) */
} ct_planner;

/* Tool correction of a command: command TCP = robot TCP * C. */
ct_xform ct_plan_tool_corr(const ct_planner *P, const ct_motion_cmd *c);
/* Index of the next motion command (PTP/LIN/CIRC) after i skipping EVENTs, or -1 (DWELL/end). */
int ct_plan_next_motion(const ct_planner *P, int i);
/* Appends a zero-length or standing segment for command i holding q for T seconds. */
ct_status ct_plan_hold(ct_planner *P, int i, const double *q, double T);
/* Emits the EVENT commands in (from, to) as zero-length segments holding q at P->t. */
ct_status ct_plan_events(ct_planner *P, int from, int to, const double *q);

/* Plans the PTP chain starting at command i; returns the next command index or -1 on error. */
int ct_plan_ptp_chain(ct_planner *P, int i);
/* Plans the LIN/CIRC chain starting at command i; returns the next command index or -1 on error. */
int ct_plan_cart_chain(ct_planner *P, int i);
/* Samples chain member m (index into P->mv, n members) into one segment; returns 1 when it ran
 * through, 0 when a tick failed (the robot holds), -1 on error. */
int ct_plan_ipo_member(ct_planner *P, int m, int n, unsigned config);

#endif
