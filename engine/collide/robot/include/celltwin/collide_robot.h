/* Robot pose checks: one robot's collision bodies (per link) against environment objects and
 * against itself, at joint vectors. Units: metres, radians; every pose is in the robot's root
 * frame (the URDF root link).
 *
 * Each link with collision geometry becomes a body: its meshes, boxes and cylinders are merged
 * into one BVH mesh in the link frame (a cylinder as the 24-sided prism that encloses it, so
 * checks stay conservative), spheres stay exact spheres. A capsule enclosing the body is its
 * proxy for pruning. Self-collision pairs exclude links rigidly joined (fixed joints), adjacent
 * links (parent-child across one moving joint) and pairs that touch at the zero pose (each joint
 * at 0 clamped into its limits); ct_col_robot_pairs lists every pair with its status.
 * After creation and adding objects the model is read-only: checks may run from many threads. */
#ifndef CELLTWIN_COLLIDE_ROBOT_H
#define CELLTWIN_COLLIDE_ROBOT_H

#include "celltwin/collide.h"
#include "celltwin/kernels/proxy.h"
#include "celltwin/mesh.h"
#include "celltwin/robot.h"

#define CT_COL_CYLINDER_SIDES 24

typedef struct ct_col_body {
    int link;               /* robot link index */
    int nshape;
    ct_col_shape *shape;    /* (nshape) owned */
    ct_xform *shape_pose;   /* (nshape) shape frame in the link frame */
    ct_col_mesh *mesh;      /* merged mesh (owned, referenced by a shape) or NULL */
    ct_capsule_f proxy;     /* encloses every shape (link frame) */
} ct_col_body;

typedef struct ct_col_object {
    char *name;
    ct_col_shape shape;     /* a mesh shape refers to `mesh` or to a caller's mesh */
    ct_col_mesh *mesh;      /* owned when added from a ct_mesh, else NULL */
    ct_xform pose;          /* in the root frame */
} ct_col_object;

typedef enum ct_col_pair_status {
    CT_COL_PAIR_CHECKED = 0,
    CT_COL_PAIR_SAME_BODY,     /* rigidly joined through fixed joints */
    CT_COL_PAIR_ADJACENT,      /* parent and child across one moving joint */
    CT_COL_PAIR_TOUCH_AT_ZERO  /* overlapping at the zero pose */
} ct_col_pair_status;

typedef struct ct_col_pair {
    int a, b;                  /* body indices, a < b */
    ct_col_pair_status status;
} ct_col_pair;

typedef struct ct_col_robot {
    const ct_robot *robot;     /* borrowed; must outlive this */
    int nbody;
    ct_col_body *body;         /* (nbody) */
    int npair_all;
    ct_col_pair *pair_all;     /* (npair_all) every body pair with its status */
    int npair;
    int *pair_a, *pair_b;      /* (npair) checked self pairs (body indices) */
    int nobj, cap_obj;
    ct_col_object *obj;        /* (nobj) environment objects */
} ct_col_robot;

CT_API ct_status ct_col_robot_create(const ct_robot *robot, ct_col_robot **out, ct_error *err);
CT_API void ct_col_robot_destroy(ct_col_robot *cr);
/* Adds an environment mesh at `pose` (root frame); the mesh is copied into a BVH. */
CT_API ct_status ct_col_robot_add_mesh(ct_col_robot *cr, const char *name, const ct_mesh *mesh, ct_xform pose,
                                       ct_error *err);
/* Adds any shape (copied; a mesh shape's ct_col_mesh stays the caller's and must outlive cr). */
CT_API ct_status ct_col_robot_add_shape(ct_col_robot *cr, const char *name, const ct_col_shape *shape,
                                        ct_xform pose, ct_error *err);
/* Body name (its link's name). */
CT_API const char *ct_col_robot_body_name(const ct_col_robot *cr, int body);
CT_API const char *ct_col_pair_status_name(ct_col_pair_status s);

typedef struct ct_col_check_opts {
    int self;          /* check self pairs; default 1 */
    int env;           /* check environment objects; default 1 */
    int distance;      /* 1: exact minimum distance over all pairs; 0: overlap only (faster) */
    double d_stop;     /* m: distances above are reported as d_stop (at_least); default INFINITY */
    double clearance;  /* m: overlap-only mode counts pairs closer than this as colliding; default 0 */
} ct_col_check_opts;

CT_API ct_col_check_opts ct_col_check_default_opts(void);

typedef struct ct_col_check_result {
    int collide;        /* 1 when some pair is within the margin + clearance (same in both modes) */
    double distance;    /* m: minimum distance (distance mode; 0 when intersecting); NAN in overlap mode */
    int at_least;       /* distance mode: nothing closer than d_stop */
    double margin;      /* m: largest query margin; true distance >= distance - margin */
    int self;           /* the reported pair: 1 self pair, 0 body-object, -1 none */
    int body;           /* body index of the robot side (-1 none) */
    int other;          /* second body (self) or object index */
    ct_vec3 point_a, point_b; /* witnesses (distance mode), root frame */
} ct_col_check_result;

/* Checks joint vector q (ndof). Overlap mode reports the first colliding pair in a fixed order
 * (objects by body, then self pairs); distance mode the closest pair (ties: the first). Results
 * are deterministic. No allocation; uses about 26 kB of stack. */
CT_API void ct_col_robot_check(const ct_col_robot *cr, const double *q, const ct_col_check_opts *opt,
                               ct_col_check_result *res);

#endif
