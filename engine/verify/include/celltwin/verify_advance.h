/* Conservative advancement along a timeline: proves that two bodies stay farther apart than a
 * clearance over [t0, t1], or finds the first time they do not.
 * Between checks the distance cannot shrink faster than the closing-speed bound v(t) (the sum of
 * both bodies' largest point speeds, constant per segment of the timeline), so after a check at
 * t with distance d the next check at t + (d - clearance) / v cannot have skipped a violation.
 * Units: m, s. */
#ifndef CELLTWIN_VERIFY_ADVANCE_H
#define CELLTWIN_VERIFY_ADVANCE_H

#include "celltwin/base.h"

/* Distance (m) between the two bodies at time t; may return a lower bound of the true distance.
 * Returning a value <= 0 means contact or penetration. */
typedef double ct_ca_distance_fn(double t, void *ctx);

/* Closing-speed bound (m/s) valid on [t, *until): the callee sets *until to the end of the
 * interval (e.g. the end of the current trajectory segment, > t). */
typedef double ct_ca_speed_fn(double t, double *until, void *ctx);

typedef enum ct_ca_verdict {
    CT_CA_CLEAR,       /* proven: distance > clearance on the whole interval */
    CT_CA_VIOLATION,   /* distance <= clearance at time `t_hit` (the first time, to the resolution) */
    CT_CA_UNRESOLVED   /* distance stayed within `resolution` of the clearance: treated as a violation */
} ct_ca_verdict;

typedef struct ct_ca_options {
    double clearance;   /* m: distances <= clearance are violations (0 = contact only) */
    double resolution;  /* m: stop refining when d - clearance < resolution; default 1e-5 */
    double max_step;    /* s: longest step even when far away (0 = none); default 0 */
    long max_checks;    /* distance evaluations allowed before giving up as UNRESOLVED; default 1e7 */
} ct_ca_options;

CT_API ct_ca_options ct_ca_default_options(void);

typedef struct ct_ca_result {
    ct_ca_verdict verdict;
    double t_hit;        /* first time with d <= clearance (VIOLATION/UNRESOLVED), else t1 */
    double d_hit;        /* distance measured at t_hit */
    double d_min;        /* smallest distance measured at any check (an upper bound of the true minimum) */
    double t_min;        /* time of d_min */
    double d_min_lower;  /* certified lower bound of the true minimum over [t0, t_hit] */
    long checks;         /* distance evaluations */
    int out_of_checks;   /* 1 when UNRESOLVED because max_checks ran out (not the resolution) */
} ct_ca_result;

CT_API ct_ca_result ct_ca_run(double t0, double t1, const ct_ca_options *opt, ct_ca_distance_fn *distance,
                              ct_ca_speed_fn *speed, void *ctx);

#endif
