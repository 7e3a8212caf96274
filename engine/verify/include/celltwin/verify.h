/* Certified verification of a cell's programs: given each robot's planned trajectory, prove that
 * no two bodies come closer than their clearance on the common timeline, or report the first time
 * they do, with the bodies, witness points and the program step; plus the motion findings of the
 * planner (limits, speeds, unreachable targets, configuration changes, singularities) and joint
 * torques above the effort limits.
 *
 * Method (docs/verification.md): for every pair of bodies, conservative advancement between exact
 * distance queries, stepping by (distance - clearance) / (largest point speed of both bodies),
 * where the speeds are bounded per trajectory segment from the joint speed bounds and the bodies'
 * extent from each joint axis. A "clear" verdict is a proof for the trajectory model (motion.h).
 * Units: m, rad, s, N m. */
#ifndef CELLTWIN_VERIFY_H
#define CELLTWIN_VERIFY_H

#include "celltwin/base.h"
#include "celltwin/cell.h"
#include "celltwin/motion.h"

typedef enum ct_finding_kind {
    CT_FIND_COLLISION,     /* contact or penetration between two bodies */
    CT_FIND_CLEARANCE,     /* closer than the clearance threshold, no contact */
    CT_FIND_JOINT_LIMIT,
    CT_FIND_JOINT_SPEED,
    CT_FIND_JOINT_ACCEL,   /* joint acceleration above the robot's acceleration limit */
    CT_FIND_TORQUE,        /* inverse-dynamics torque above the joint's effort limit */
    CT_FIND_UNREACHABLE,
    CT_FIND_CONFIG_CHANGE,
    CT_FIND_CONFIG_MISMATCH,
    CT_FIND_SINGULARITY,
    CT_FIND_KIND_COUNT
} ct_finding_kind;

CT_API const char *ct_finding_kind_name(ct_finding_kind k); /* "collision", "clearance", ... */

typedef struct ct_finding {
    ct_finding_kind kind;
    int robot;              /* robot index in the cell (the first body's robot for pairs) or -1 */
    char body_a[128];       /* "robot/link", "robot/tool", "part", "object" */
    char body_b[128];       /* second body for collisions/clearance; empty otherwise */
    double time;            /* s on the common timeline (first time of contact or violation) */
    ct_src_ref src;         /* program file:line (step) of robot `robot` at that time */
    ct_src_ref src_b;       /* the other robot's program position (robot-robot pairs) */
    double distance;        /* m: distance at `time` (0 = contact) */
    double min_distance;    /* m: smallest distance seen in the violation (near-misses) */
    double clearance;       /* m: threshold that applied */
    ct_vec3 point_a, point_b; /* witness points in the cell frame (m) */
    int joint;              /* dof index for joint findings, else -1 */
    double value, limit;    /* joint findings: value and limit (SI) */
    char message[200];
} ct_finding;

/* Closest approach of a pair that stays clear: `distance` is a distance measured at `time` (so the
 * true minimum is at most that), `lower` a certified lower bound of the distance over the whole
 * timeline. Refinement stops when they are within 1e-4 m, or when its check budget runs out (pairs
 * that hover at a nearly constant distance for long). */
typedef struct ct_closest_approach {
    char body_a[128], body_b[128];
    int robot;              /* robot of body_a */
    double time;            /* s, when the measured minimum happens */
    double distance;        /* m: measured minimum */
    double lower;           /* m: certified: no instant is closer */
    ct_vec3 point_a, point_b; /* witness points in the cell frame (m) */
    ct_src_ref src;
} ct_closest_approach;

typedef struct ct_verify_options {
    double clearance;       /* m; < 0 = the cell's thresholds (default -1) */
    double resolution;      /* m: conservative advancement resolution (default 1e-5) */
    int threads;            /* <= 0: all CPUs (default 0) */
    int self_collision;     /* check link pairs of the same robot (default 1) */
    int check_torque;       /* inverse dynamics along the motion where inertials exist (default 1) */
    double torque_dt;       /* s between torque checks (default 0.004) */
    double sampled_m;       /* > 0 with sampled_rad: the conventional sampled check instead of certified
                               advancement, as offline-programming tools do it: samples so that no
                               tip-link point moves more than sampled_m (m) and no joint more than
                               sampled_rad (rad) between two samples (e.g. 2 mm / 1 deg); default 0 */
    double sampled_rad;     /* see sampled_m; default 0 */
    /* Progress: called now and then from one thread with the pairs done so far (may be NULL). */
    void (*progress)(int pairs_done, int npair, int findings_so_far, void *user);
    void *progress_user;
    double min_distance_report; /* m: robot-object and robot-robot pairs whose closest approach is
                                   below this get it refined (to 1e-4 m where the budget allows) and
                                   listed in the report (default 0.1) */
    /* Findings as they become final (may be NULL; default NULL): called once per finding of the
     * report, as soon as it is final: a pair's findings when that pair is done, a robot's planner
     * findings at the start, its acceleration/torque findings as its scan reaches them. Calls are
     * serialised (one at a time, under a lock) but come from any worker thread; pairs_done is the
     * number of pairs done at that moment (of npair). The call order is completion order and
     * differs between runs and thread counts; the report holds the same findings in time order,
     * byte-identical for any thread count. `f` is valid during the call only. The callback must
     * not call ct_verify_run; it may block (the verification waits). */
    void (*on_finding)(const ct_finding *f, int pairs_done, int npair, void *user);
    void *on_finding_user;
} ct_verify_options;

CT_API ct_verify_options ct_verify_default_options(void);

/* What to verify: the cell and one trajectory per robot (NULL: the robot stands at its home). */
typedef struct ct_verify_input {
    const ct_cell *cell;
    ct_traj *const *traj;       /* (cell->nrobot) */
} ct_verify_input;

typedef struct ct_verify_report {
    int nfinding;
    ct_finding *finding;        /* (nfinding) in time order */
    double duration;            /* s: the common timeline (longest trajectory) */
    int npair;                  /* body pairs checked */
    int nexcluded;              /* pairs excluded (adjacent links, touching at home, allowed) */
    long distance_queries;      /* exact distance evaluations */
    int nclosest;
    struct ct_closest_approach *closest; /* (nclosest) pairs without findings that come within
                                   min_distance_report, sorted by distance */
    double wall_seconds;
} ct_verify_report;

CT_API ct_status ct_verify_run(const ct_verify_input *in, const ct_verify_options *opt, ct_verify_report **out,
                               ct_error *err);
CT_API void ct_verify_report_free(ct_verify_report *report);

#endif
