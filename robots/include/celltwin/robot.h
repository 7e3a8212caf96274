/* Compiled robot model: the immutable kinematic tree built from a URDF, with joint limits,
 * inertials, the base->tip chain, the tool (TCP) frame and the link geometry.
 * Units: metres, radians, seconds, kilograms. One model, many states: every function that takes
 * joint values works on caller-owned arrays and never allocates.
 *
 * Frames:
 *   root  - the URDF root link; link poses (ct_kin_fk) are expressed in it.
 *   base  - the robot base used for poses/IK (default: link "base" when present, else the root);
 *           it must hang from the root through fixed joints only.
 *   tip   - the flange frame (default: first of flange_face, tool0, flange, link_6, else the end
 *           of the longest chain); the TCP is tip * tool. */
#ifndef CELLTWIN_ROBOT_H
#define CELLTWIN_ROBOT_H

#include "celltwin/base.h"
#include "celltwin/math.h"
#include "celltwin/mesh.h"
#include "celltwin/urdf.h"

#define CT_ROBOT_MAX_DOF 16    /* most dofs a robot may have (stack buffers in solvers) */
#define CT_ROBOT_MAX_LINKS 256 /* most links a robot may have */

typedef enum ct_mesh_load_mode {
    CT_MESHES_NONE = 0,       /* kinematics and dynamics only */
    CT_MESHES_COLLISION = 1,  /* collision geometry */
    CT_MESHES_ALL = 2         /* collision and visual geometry */
} ct_mesh_load_mode;

typedef struct ct_robot_def {
    const char *base_frame;   /* link name of the base frame; NULL = "base" if present, else root */
    const char *tip_frame;    /* link name of the flange; NULL = automatic (see above) */
    ct_mesh_load_mode meshes; /* which geometry to load; default CT_MESHES_COLLISION */
    double accel_ratio;       /* default joint acceleration limit = ratio * velocity limit (1/s);
                                 default 3.0 (full speed in 1/3 s). Overridden per joint below. */
    const double *vel_limits;   /* optional (ndof) velocity limits (rad/s or m/s) replacing the URDF's
                                   (e.g. from the vendor spec sheet or the cell); NULL = URDF */
    const double *accel_limits; /* optional (ndof) acceleration limits (rad/s^2 or m/s^2); NULL = derived */
    int internal_value;       /* DO NOT SET: set by ct_robot_default_def */
} ct_robot_def;

CT_API ct_robot_def ct_robot_default_def(void);

/* One piece of link geometry (visual or collision). */
typedef struct ct_robot_shape {
    int link;                 /* link index */
    int visual;               /* 1 visual, 0 collision */
    ct_geom_type type;
    ct_xform origin;          /* shape frame in the link frame */
    double size[3];           /* box full extents (m) */
    double radius, length;    /* cylinder/sphere (m) */
    const ct_mesh *mesh;      /* mesh shapes: scaled mesh in the shape frame (owned by the robot) */
    double rgba[4];
} ct_robot_shape;

struct ct_ik_model; /* analytic/numeric IK data prepared at compile time (robots/ik.h) */

typedef struct ct_robot {
    char *name;
    char *source_path;        /* URDF path */

    /* links, sorted so that every parent comes before its children */
    int nlink;
    char **link_name;         /* (nlink) */
    char **link_joint_name;   /* (nlink) name of the joint from the parent; NULL for the root */
    int *link_parent;         /* (nlink) parent link index, -1 for the root */
    ct_joint_type *link_joint_type; /* (nlink) joint from the parent (FIXED for the root) */
    ct_xform *link_origin;    /* (nlink) joint frame in the parent link frame */
    int *link_origin_pure;    /* (nlink) 1 when link_origin has an identity rotation */
    ct_vec3 *link_axis;       /* (nlink) unit joint axis in the joint frame */
    int *link_axis_code;      /* (nlink) 0..2 for +x,+y,+z, 3..5 for -x,-y,-z, -1 general */
    int *link_dof;            /* (nlink) dof whose value drives this joint, -1 for fixed */
    double *link_mimic_mul;   /* (nlink) joint value = mul * q[dof] + off (1 and 0 unless mimic) */
    double *link_mimic_off;   /* (nlink) */
    double *link_mass;        /* (nlink) kg (0 without inertial) */
    ct_vec3 *link_com;        /* (nlink) centre of mass in the link frame (m) */
    ct_mat3 *link_inertia;    /* (nlink) inertia about the COM in link axes (kg m^2) */
    int has_inertials;        /* 1 when every moving link has a positive mass */

    /* degrees of freedom: actuated (non-fixed, non-mimic) joints in link order */
    int ndof;
    char **dof_name;          /* (ndof) joint names */
    int *dof_link;            /* (ndof) link driven by the dof */
    ct_joint_type *dof_type;  /* (ndof) */
    double *dof_lower;        /* (ndof) rad or m; -inf for continuous */
    double *dof_upper;        /* (ndof) rad or m; +inf for continuous */
    double *dof_vel;          /* (ndof) velocity limit, rad/s or m/s (URDF; 0 = unknown) */
    double *dof_acc;          /* (ndof) acceleration limit, rad/s^2 or m/s^2 */
    double *dof_effort;       /* (ndof) effort limit, N m or N (0 = unknown) */

    /* the arm: base -> tip */
    int root_link;
    int base_link;
    int tip_link;
    ct_xform base_in_root;    /* pose of the base frame in the root frame */
    int nchain;               /* dofs on the path base -> tip */
    int *chain_dof;           /* (nchain) dof indices in order from base to tip */
    ct_xform tool;            /* TCP in the tip frame (identity unless set) */

    /* geometry */
    int nshape;
    ct_robot_shape *shape;    /* (nshape) */
    int nmesh;
    ct_mesh **mesh;           /* (nmesh) owned, shared by shapes with the same file and scale */

    struct ct_ik_model *ik;   /* owned; NULL before compile */
} ct_robot;

/* Compiles a parsed URDF into a robot model. The URDF is not kept (may be freed afterwards).
 * Fails on unknown frames, floating/planar joints, chains longer than CT_ROBOT_MAX_DOF,
 * missing or unreadable meshes (with the URDF line). */
CT_API ct_status ct_robot_compile(const ct_urdf_model *urdf, const ct_robot_def *def, ct_robot **out,
                                  ct_error *err);
/* ct_urdf_load + ct_robot_compile. */
CT_API ct_status ct_robot_load(const char *urdf_path, const ct_robot_def *def, ct_robot **out, ct_error *err);
CT_API void ct_robot_destroy(ct_robot *robot);

CT_API int ct_robot_find_link(const ct_robot *robot, const char *name);
CT_API int ct_robot_find_dof(const ct_robot *robot, const char *name);
/* Sets the TCP (tool) frame relative to the tip link. */
CT_API void ct_robot_set_tool(ct_robot *robot, ct_xform tool);
/* 1 when every q[i] is finite and within [lower - tol, upper + tol]. */
CT_API int ct_robot_within_limits(const ct_robot *robot, const double *q, double tol);
/* Values of every link's joint (nlink) from the dofs (mimic applied); fixed links get 0. */
CT_API void ct_robot_joint_values(const ct_robot *robot, const double *q, double *link_q);
/* Total mass of the moving links and the base (kg). */
CT_API double ct_robot_mass(const ct_robot *robot);
/* Reach: the largest distance from the first chain axis to the tip origin over the chain, an
 * upper bound computed from the link offsets (m). */
CT_API double ct_robot_reach(const ct_robot *robot);

#endif
