/* Motion playback interface (library ct_motion in engine/motion/, which links ct_robots and
 * ct_jobfile): a program becomes a list of resolved motion commands (ct_motion_cmd, produced by
 * the interpreter from the program IR) and the commands become a timed joint trajectory
 * (ct_traj, produced by the planner) as a robot controller would execute them.
 *
 * Controller model: PTP moves are analytic (synchronised trapezoidal or jerk-limited profiles per
 * joint); LIN/CIRC moves and Cartesian blends are interpolated like a controller's IPO: the TCP path
 * is evaluated at every IPO tick (dt), the IK (same configuration) gives the joint values, and the
 * joints move linearly between ticks. So ct_traj_eval is exact for the model, and every segment
 * carries an exact bound on each joint's speed, which certified collision checking relies on.
 * Units: metres, radians, seconds.
 *
 * Planner behaviour (engine/motion/src/traj_*.c):
 * - PTP: every joint follows q0 + D s(t) (a straight line in joint space, all joints start and stop
 *   together); s(t) is the fastest trapezoid (triangle when short) or, with jerk_limited, 7-phase
 *   S-curve that keeps every joint within vel * speed * override and acc * accel * override^2
 *   (the override scales time, so the path is the same at any override). `time` stretches it
 *   uniformly; a `time` shorter than possible is ignored (the limits win).
 * - PTP fly-by: the next PTP starts while this one slows down (superposition) as long as the TCP
 *   is within `blend` of the corner, at most this move's slow-down and the next one's speed-up.
 *   Joint speeds stay within the limits; during the overlap a joint's acceleration is the sum of
 *   both profiles' (up to twice the limit for a joint that reverses), as on controllers that
 *   superpose profiles.
 * - LIN/CIRC: path speed trapezoid in the path fraction, limited by the TCP speed and cart_accel,
 *   and by orient_speed / cart_rot_accel for the rotation (the slower sets the time). The config
 *   field of a LIN/CIRC target is not used: the move keeps the configuration it starts with.
 * - LIN/CIRC fly-by: a parabolic corner (the two moves superposed, constant acceleration) that
 *   starts at most `blend` before the corner and uses at most half of the shorter segment; the
 *   corner speed is lowered so that the blend stays within cart_accel and every straight part can
 *   reach it (look-ahead over the chain). Every point of the corner is within `blend` of it.
 *   A change of tool, a DWELL, or a blend between PTP and LIN/CIRC stops exactly at the corner.
 * - Findings on LIN/CIRC: no IK solution, a needed configuration change or a joint limit stops
 *   the move where it is (the robot holds for the rest of its planned time; the following commands
 *   are planned from there). A joint above its speed limit keeps the programmed timing and is
 *   reported (a real controller would slow the path down or stop with an error). Singularity
 *   closeness: smallest singular value checked at every tick while below 4x singular_sigma, every
 *   8th tick elsewhere; reported once per segment with the minimum seen.
 * - A PTP whose target has no solution (or none with the requested flags) is a finding and the
 *   robot stays (zero-length segment). Events are zero-length segments at the join. */
#ifndef CELLTWIN_MOTION_H
#define CELLTWIN_MOTION_H

#include "celltwin/base.h"
#include "celltwin/math.h"
#include "celltwin/robot.h"

/* Where a command came from: program file, line and vendor step number (S7 -> 7; -1 none). */
typedef struct ct_src_ref {
    const char *file;   /* borrowed: owned by the command list / program */
    int line;
    int step;
} ct_src_ref;

typedef enum ct_mcmd_type {
    CT_MCMD_PTP,    /* joint interpolated move to a joint or Cartesian target */
    CT_MCMD_LIN,    /* straight TCP line, orientation by slerp */
    CT_MCMD_CIRC,   /* TCP circle through `via` to `pose` (arc from the start point) */
    CT_MCMD_DWELL,  /* stand still for `dwell` seconds (delay, wait with the I/O model) */
    CT_MCMD_EVENT   /* zero-time marker (I/O set, application event) kept on the timeline */
} ct_mcmd_type;

#define CT_MCMD_CONFIG_ANY 0xffffffffu /* any IK configuration: keep the nearest to the start */

typedef struct ct_motion_cmd {
    ct_mcmd_type type;
    int joint_target;       /* 1: q holds the target; 0: pose holds it */
    double q[CT_ROBOT_MAX_DOF]; /* joint target (ndof; rad or m) */
    ct_xform pose;          /* Cartesian target of the TCP (tool applied) in the robot base frame */
    ct_xform via;           /* CIRC: the intermediate point (base frame) */
    unsigned config;        /* required CT_IK_* flags of a Cartesian target or CT_MCMD_CONFIG_ANY */
    double speed;           /* LIN/CIRC: TCP speed (m/s); PTP: fraction of the joint speed limits (0..1] */
    double orient_speed;    /* LIN/CIRC: max TCP rotation speed (rad/s); <= 0: none */
    double time;            /* > 0: the move takes this long (s) instead of using speed */
    double accel;           /* fraction of the acceleration limits (0..1]; LIN/CIRC: also of cart_accel */
    double blend;           /* fly-by: corner rounding distance (m) before the target; 0 = exact stop */
    ct_xform tool;          /* TCP in the flange (tip) frame during this move */
    double dwell;           /* DWELL: seconds */
    const char *label;      /* EVENT/DWELL: what it is ("DO 12 = 1", "WAIT DI 3"); borrowed */
    ct_src_ref src;
} ct_motion_cmd;

/* Planner settings. */
typedef struct ct_plan_options {
    double dt;              /* IPO tick (s); default 0.004 */
    double cart_accel;      /* TCP acceleration limit for LIN/CIRC (m/s^2); default 4.0 */
    double cart_rot_accel;  /* TCP angular acceleration (rad/s^2); default 10.0 */
    double speed_override;  /* global override (0..1]; default 1.0 */
    int jerk_limited;       /* 1: jerk-limited (S-curve) PTP profiles; default 0 (trapezoid) */
    double jerk_ratio;      /* jerk limit = ratio * acceleration limit (1/s) when jerk_limited; default 10 */
    double singular_sigma;  /* report closeness to singularity when the TCP Jacobian's smallest
                               singular value drops below this (m or rad per rad); default 0.02 */
    const double *q_start;  /* (ndof) joint values at t = 0; NULL = first joint target or zeros */
} ct_plan_options;

CT_API ct_plan_options ct_plan_default_options(void);

typedef enum ct_motion_finding_kind {
    CT_MF_UNREACHABLE,      /* a target or a path point has no IK solution */
    CT_MF_JOINT_LIMIT,      /* a joint value outside its limits */
    CT_MF_JOINT_SPEED,      /* a LIN/CIRC move needs more than a joint's speed limit (slowed down or not) */
    CT_MF_CONFIG_CHANGE,    /* a LIN/CIRC move would need an IK configuration change */
    CT_MF_SINGULARITY,      /* close to a singularity (measure and value in the message) */
    CT_MF_CONFIG_MISMATCH,  /* no solution with the requested configuration flags */
    CT_MF_KIND_COUNT
} ct_motion_finding_kind;

typedef struct ct_motion_finding {
    ct_motion_finding_kind kind;
    int cmd;                /* index of the command */
    int joint;              /* dof index or -1 */
    double time;            /* s */
    double value;           /* the offending value (rad, rad/s, sigma, ...) */
    double limit;           /* the limit it was compared with */
    char message[160];
    ct_src_ref src;
} ct_motion_finding;

/* One segment per command (blends belong to the command they leave). */
typedef struct ct_traj_seg {
    int cmd;                /* command index */
    ct_mcmd_type type;
    double t0, t1;          /* start and end time (s) */
    int sample0, nsample;   /* IPO samples of LIN/CIRC/blend parts in traj->samples; nsample 0 for PTP/DWELL */
    double qd_bound[CT_ROBOT_MAX_DOF]; /* max |joint speed| over the segment (exact for the model) */
    ct_src_ref src;
} ct_traj_seg;

typedef struct ct_traj ct_traj; /* opaque: owns segments, samples and findings */

/* Plans the commands for one robot. Unreachable targets and other motion problems are findings,
 * not errors (the planner keeps the robot where it was and carries on); errors are bad input. */
CT_API ct_status ct_traj_plan(const ct_robot *robot, const ct_motion_cmd *cmds, int ncmd,
                              const ct_plan_options *opt, ct_traj **out, ct_error *err);
CT_API void ct_traj_destroy(ct_traj *traj);

CT_API double ct_traj_duration(const ct_traj *traj);                /* cycle time (s) */
CT_API int ct_traj_nseg(const ct_traj *traj);
CT_API const ct_traj_seg *ct_traj_segment(const ct_traj *traj, int i);
CT_API int ct_traj_nfinding(const ct_traj *traj);
CT_API const ct_motion_finding *ct_traj_finding(const ct_traj *traj, int i);
/* Joint values and velocities (ndof each; qd may be NULL) at time t, clamped to [0, duration]. */
CT_API void ct_traj_eval(const ct_traj *traj, double t, double *q, double *qd);
/* Index of the segment active at time t. */
CT_API int ct_traj_segment_at(const ct_traj *traj, double t);

CT_API const char *ct_motion_finding_name(ct_motion_finding_kind kind);

#endif
