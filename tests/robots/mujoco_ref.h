/* MuJoCo 2.2.2 as an independent reference for a ct_robot: loads a stripped in-memory copy of
 * the same URDF (no <visual>/<collision>, fixed links kept as bodies) and maps links and joints
 * by name. Used by the reference tests and by the kinematics benchmark (as the peer figure). */
#ifndef CT_MUJOCO_REF_H
#define CT_MUJOCO_REF_H

#include <mujoco/mujoco.h>

#include "celltwin/robot.h"

typedef struct ct_mjref {
    mjModel *m;
    mjData *d;
    int nlink;
    int *body;    /* (nlink) MuJoCo body of each ct link (-1 when MuJoCo has none) */
    int *qpos;    /* (nlink) qpos address of the link's joint, -1 for fixed links */
    int *dof;     /* (nlink) dof address of the link's joint, -1 for fixed links */
} ct_mjref;

/* Loads urdf_path into MuJoCo for `robot` (compiled from the same file). extra_xml (may be NULL)
 * is inserted before </robot> (e.g. a payload link). bound_mass = 1 gives massless moving bodies
 * a tiny mass so that descriptions without inertials load (kinematics only). */
ct_status ct_mjref_create(const ct_robot *robot, const char *urdf_path, const char *extra_xml, int bound_mass,
                          ct_mjref **out, ct_error *err);
void ct_mjref_destroy(ct_mjref *ref);

/* Sets qpos, qvel, qacc from ct dof values (any may be NULL = zeros); mimic joints get
 * mul * q + off (velocities and accelerations mul * qd, mul * qdd). */
void ct_mjref_set_state(ct_mjref *ref, const ct_robot *robot, const double *q, const double *qd, const double *qdd);

/* Joint torques of mj_rne (with acceleration) folded onto the ct dofs: a mimic joint's torque is
 * added to the followed dof times its multiplier. Runs mj_fwdPosition and mj_comVel first. */
void ct_mjref_rne(ct_mjref *ref, const ct_robot *robot, double *tau);

/* The URDF text with comments, <visual> and <collision> removed, `compiler_attrs` added in a
 * <mujoco><compiler .../></mujoco> block and extra_xml before </robot>. Caller frees with free(). */
char *ct_mjref_prepare_urdf(const char *text, const char *compiler_attrs, const char *extra_xml);

#endif
