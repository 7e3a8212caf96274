/* Forward kinematics, Jacobians and manipulability of a compiled robot (double precision).
 * q is (ndof) joint values in rad or m. Poses are in the root frame unless named "base".
 * No allocation; safe to call from many threads on the same robot. */
#ifndef CELLTWIN_KIN_H
#define CELLTWIN_KIN_H

#include "celltwin/robot.h"

/* Pose of every link in the root frame: link_pose is (nlink). */
CT_API void ct_kin_fk(const ct_robot *robot, const double *q, ct_xform *link_pose);

/* FK of n configurations at once: q is (n x ndof), link_pose is (n x nlink). Four configurations
 * share SIMD lanes (AVX2 when the CPU has it); results are bit-identical to ct_kin_fk on each.
 * Uses about 100 bytes x nlink x 4 of stack. */
CT_API void ct_kin_fk_batch(const ct_robot *robot, int n, const double *q, ct_xform *link_pose);

/* Pose of one link in the root frame (computes only its ancestors). */
CT_API ct_xform ct_kin_link_pose(const ct_robot *robot, const double *q, int link);

/* TCP pose (tip * tool) in the base frame. */
CT_API ct_xform ct_kin_tcp(const ct_robot *robot, const double *q);

/* Geometric Jacobian of a point fixed in `link` (given in link coordinates), in the root frame:
 * J is (6 x ndof) row-major, rows vx vy vz wx wy wz; columns of dofs that do not move the link
 * are zero. Mimic joints add their multiplier times their own column to the followed dof. */
CT_API void ct_kin_jacobian(const ct_robot *robot, const double *q, int link, ct_vec3 point, double *J);

/* Jacobian of the TCP in the base frame, restricted to the chain: J is (6 x nchain). */
CT_API void ct_kin_jacobian_tcp(const ct_robot *robot, const double *q, double *J);

/* Yoshikawa manipulability sqrt(det(J J^T)) of the TCP Jacobian (chain), with the translational
 * rows in metres. Also returns the smallest singular value of J when sigma_min is not NULL. */
CT_API double ct_kin_manipulability(const ct_robot *robot, const double *q, double *sigma_min);

#endif
