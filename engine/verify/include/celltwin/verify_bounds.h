/* Motion bounds for certified collision checking (Schwarzer, Saha and Latombe, IEEE T-RO 2005):
 * how fast any point of a robot link can move, given bounds on the joint speeds. Between two
 * instants, the distance between a link and an obstacle cannot shrink by more than the sum of the
 * two bodies' largest point speeds times the elapsed time; conservative advancement steps on that.
 * Units: m, rad, s. Bounds are configuration independent, so one table serves a whole segment. */
#ifndef CELLTWIN_VERIFY_BOUNDS_H
#define CELLTWIN_VERIFY_BOUNDS_H

#include "celltwin/robot.h"

typedef struct ct_link_bounds {
    int nlink, ndof;
    double *radius;   /* (nlink) largest distance from the link frame origin to any point of the
                         link's collision geometry (m); 0 for links without geometry */
    double *lever;    /* (nlink x ndof) upper bound of the distance from any point of link i to the
                         axis of dof d when d moves link i (m; revolute dofs), 1 for prismatic
                         dofs that move it (speed passes through), 0 when d does not move link i.
                         Mimic joints add their |multiplier| times their own lever to the dof. */
} ct_link_bounds;

/* Computes the bounds from the robot's collision shapes (meshes, boxes, cylinders, spheres) and
 * link offsets; prismatic travel is bounded by the joint limits (infinite limits are an error). */
CT_API ct_status ct_link_bounds_create(const ct_robot *robot, ct_link_bounds *out, ct_error *err);
/* Widens a link's radius (e.g. for a tool or a part it carries) and updates the levers. */
CT_API ct_status ct_link_bounds_include(const ct_robot *robot, ct_link_bounds *b, int link, double radius,
                                        ct_error *err);
CT_API void ct_link_bounds_destroy(ct_link_bounds *b);

/* Largest speed (m/s) of any point of `link` when every dof d moves at most qd_bound[d] (rad/s or
 * m/s). An upper bound of |J(q, x) qd| over all configurations q, points x of the link and
 * |qd_d| <= qd_bound[d]. */
CT_API double ct_link_speed_bound(const ct_link_bounds *b, int link, const double *qd_bound);

#endif
