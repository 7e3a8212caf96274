/* Inverse dynamics by the recursive Newton-Euler algorithm: joint torques (N m) or forces (N) that
 * produce the given motion, with gravity and an optional payload at the TCP. No allocation. */
#ifndef CELLTWIN_DYN_H
#define CELLTWIN_DYN_H

#include "celltwin/robot.h"

typedef struct ct_payload {
    double mass;        /* kg */
    ct_vec3 com;        /* centre of mass in the TCP frame (m) */
    ct_mat3 inertia;    /* about the centre of mass, TCP axes (kg m^2) */
} ct_payload;

/* Standard gravity along -z of the root frame (m/s^2). */
#define CT_GRAVITY_Z (-9.81)

/* tau (ndof) = M(q) qdd + C(q, qd) qd + g(q) for the links' inertials plus the payload (may be
 * NULL). gravity is the acceleration of gravity in the root frame (e.g. 0, 0, -9.81).
 * Mimic joints transmit their torque to the followed dof (times the multiplier). */
CT_API void ct_dyn_rne(const ct_robot *robot, const double *q, const double *qd, const double *qdd,
                       ct_vec3 gravity, const ct_payload *payload, double *tau);

#endif
