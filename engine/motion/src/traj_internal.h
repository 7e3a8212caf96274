/* Planner internals shared by the traj_*.c files: 1-D path-parameter profiles, the trajectory
 * container (segments, analytic PTP records, IPO samples, findings) and the Cartesian path
 * geometry of LIN/CIRC moves and their blends. Units: metres, radians, seconds. */
#ifndef CT_TRAJ_INTERNAL_H
#define CT_TRAJ_INTERNAL_H

#include "celltwin/motion.h"

#define CT_PROF_MAX_PHASES 7

/* A profile of a scalar path parameter s(t) on [0, T]: piecewise constant jerk. Phase k starts at
 * t[k] with state s[k], v[k], a[k] and has jerk j[k]; t[nph] = T. After T, s stays at s_end. */
typedef struct ct_prof {
    int nph;
    double t[CT_PROF_MAX_PHASES + 1];
    double s[CT_PROF_MAX_PHASES], v[CT_PROF_MAX_PHASES], a[CT_PROF_MAX_PHASES], j[CT_PROF_MAX_PHASES];
    double T;       /* duration (s) */
    double s_end;   /* value at and after T */
    double v_end;   /* speed at and after T (0 for rest-to-rest) */
    double vpeak;   /* largest speed */
    double apeak;   /* largest |acceleration| */
    double t_acc;   /* end of the speed-up part (s reaches vpeak) */
    double t_dec;   /* start of the slow-down part */
} ct_prof;

/* Rest-to-rest trapezoid (triangle when short) over distance 1 with speed <= V, accel <= A
 * (V may be INFINITY: triangle). Returns the duration. */
double ct_prof_trapezoid(ct_prof *p, double V, double A);
/* Rest-to-rest jerk-limited (7-phase S-curve) over distance 1: speed <= V, accel <= A, jerk <= J. */
double ct_prof_scurve(ct_prof *p, double V, double A, double J);
/* Trapezoid over distance d >= 0 from speed v0 to v1 with cruise <= V and accel A; the caller
 * guarantees |v1^2 - v0^2| <= 2 A d (within rounding). */
double ct_prof_trapezoid_general(ct_prof *p, double d, double v0, double v1, double V, double A);
/* A profile that stays at s = 0 for T seconds. */
void ct_prof_hold(ct_prof *p, double T);
/* Slows the profile down uniformly in time so that it lasts T >= p->T. */
void ct_prof_stretch(ct_prof *p, double T);
/* s, ds/dt, d2s/dt2 at time t (clamped: before 0 the start state, after T the end state). */
void ct_prof_eval(const ct_prof *p, double t, double *s, double *v, double *a);

/* Analytic (PTP, dwell, hold) part: q(t) = q0 + D s(t - tp), plus, when next >= 0, the next
 * record's D s_next(t - tp_next) for t > tp_next (joint-space blend by superposition). */
typedef struct ct_traj_ptp {
    double q0[CT_ROBOT_MAX_DOF];
    double D[CT_ROBOT_MAX_DOF];
    ct_prof prof;
    double tp;      /* absolute time of profile t = 0 */
    int next;       /* index of the superposed record or -1 */
} ct_traj_ptp;

typedef struct ct_seg_priv {
    int ptp;        /* analytic segments: index in traj->ptp; sampled: -1 */
} ct_seg_priv;

struct ct_traj {
    int ndof;
    double duration;
    double dt;
    ct_traj_seg *seg;           /* (nseg) */
    ct_seg_priv *priv;          /* (nseg) */
    int nseg, capseg;
    ct_traj_ptp *ptp;           /* (nptp) */
    int nptp, capptp;
    double *sq;                 /* (ns x ndof) IPO samples */
    double *st;                 /* (ns) their times */
    int ns, caps;
    ct_motion_finding *f;       /* (nf) */
    int nf, capf;
};

/* Container helpers (traj.c). They return NULL / -1 on allocation failure. */
ct_traj_seg *ct_traj_add_seg(ct_traj *tr, int cmd, const ct_motion_cmd *c, double t0);
int ct_traj_add_ptp(ct_traj *tr);
int ct_traj_reserve_samples(ct_traj *tr, int extra);
void ct_traj_add_finding(ct_traj *tr, ct_motion_finding_kind kind, int cmd, const ct_motion_cmd *c, int joint,
                         double time, double value, double limit, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 9, 10)))
#endif
    ;
/* Evaluates an analytic record at absolute time t (q, qd may be NULL). */
void ct_traj_ptp_eval(const ct_traj *tr, const ct_traj_ptp *r, double t, double *q, double *qd);
/* Exact max |qd_j| of an analytic record (with its superposed next) over [a, b]: into bound[]. */
void ct_traj_ptp_bound(const ct_traj *tr, const ct_traj_ptp *r, double a, double b, double *bound);

/* Cartesian path of one LIN/CIRC move in terms of s in [0, 1] (traj_cart.c). */
typedef struct ct_cpath {
    int circ;
    ct_vec3 p0, p1;         /* start and end point */
    ct_mat3 R0, R1;         /* start and end orientation */
    ct_vec3 w;              /* rotation axis * angle of R0^T R1 (in R0's frame) */
    double theta;           /* rotation angle (rad) */
    double len;             /* path length (m) */
    ct_vec3 centre, e1, e2; /* CIRC: p(s) = centre + r (cos(phi s) e1 + sin(phi s) e2) */
    double radius, phi;
} ct_cpath;

/* Fills a LIN (via NULL) or CIRC path. Returns 0 when the three CIRC points are (nearly)
 * collinear or coincident. */
int ct_cpath_init(ct_cpath *c, ct_xform start, ct_xform end, const ct_xform *via);
ct_xform ct_cpath_pose(const ct_cpath *c, double s);
/* Unit tangent of the position at s (zero for a pure rotation). */
ct_vec3 ct_cpath_tangent(const ct_cpath *c, double s);

#endif
