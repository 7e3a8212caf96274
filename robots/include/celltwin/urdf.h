/* URDF description as parsed from XML (libxml2), before compilation into a kinematic model.
 * Units: metres, radians, kilograms, kg m^2, N, N m, rad/s (or m/s for prismatic joints).
 * Mesh paths are resolved: `package://pkg/x.stl` and relative paths become paths that open from
 * the current directory (see ct_urdf_load). The whole model is owned by one ct_urdf_model and
 * freed by ct_urdf_free. */
#ifndef CELLTWIN_URDF_H
#define CELLTWIN_URDF_H

#include "celltwin/base.h"
#include "celltwin/math.h"

typedef enum ct_geom_type { CT_GEOM_BOX, CT_GEOM_CYLINDER, CT_GEOM_SPHERE, CT_GEOM_MESH } ct_geom_type;

typedef struct ct_urdf_geom {
    ct_geom_type type;
    ct_xform origin;     /* geometry frame in the link frame */
    double size[3];      /* box: full extents x,y,z (m) */
    double radius;       /* cylinder, sphere (m) */
    double length;       /* cylinder, along its z (m) */
    char *mesh_path;     /* mesh: resolved file path (owned) */
    double scale[3];     /* mesh: scale per axis (default 1 1 1) */
    char *material;      /* material name or NULL (owned) */
    double rgba[4];      /* colour from the material (inline or named), default 0.7 0.7 0.7 1 */
    int line;            /* source line of the <visual>/<collision> element */
} ct_urdf_geom;

typedef struct ct_urdf_inertial {
    int present;         /* 0 when the link has no <inertial> */
    double mass;         /* kg */
    ct_xform origin;     /* centre-of-mass frame in the link frame */
    double ixx, ixy, ixz, iyy, iyz, izz; /* about the COM, in the origin frame (kg m^2) */
} ct_urdf_inertial;

typedef struct ct_urdf_link {
    char *name;
    ct_urdf_inertial inertial;
    ct_urdf_geom *visuals;     /* (nvisual) */
    int nvisual;
    ct_urdf_geom *collisions;  /* (ncollision) */
    int ncollision;
    int line;
} ct_urdf_link;

typedef enum ct_joint_type {
    CT_JOINT_FIXED, CT_JOINT_REVOLUTE, CT_JOINT_CONTINUOUS, CT_JOINT_PRISMATIC,
    CT_JOINT_FLOATING, CT_JOINT_PLANAR   /* parsed, rejected by the kinematic compiler */
} ct_joint_type;

typedef struct ct_urdf_joint {
    char *name;
    ct_joint_type type;
    int parent;          /* index into links */
    int child;           /* index into links */
    ct_xform origin;     /* child joint frame in the parent link frame */
    ct_vec3 axis;        /* unit axis in the joint frame (default 1 0 0) */
    int has_limit;
    double lower, upper; /* rad or m; continuous: -inf, +inf */
    double velocity;     /* rad/s or m/s; 0 = unspecified */
    double effort;       /* N m or N; 0 = unspecified */
    int mimic;           /* index of the joint this one follows, or -1 */
    double mimic_multiplier, mimic_offset; /* q = multiplier * q_mimic + offset */
    int line;
} ct_urdf_joint;

typedef struct ct_urdf_material {
    char *name;
    double rgba[4];
} ct_urdf_material;

typedef struct ct_urdf_model {
    char *name;
    char *path;                 /* file it was read from ("<string>" for buffers) */
    ct_urdf_link *links;        /* (nlink) in file order */
    int nlink;
    ct_urdf_joint *joints;      /* (njoint) in file order */
    int njoint;
    ct_urdf_material *materials;/* (nmaterial) top-level materials */
    int nmaterial;
    int root;                   /* index of the only link that is no joint's child */
} ct_urdf_model;

/* Largest URDF file accepted (bytes); larger files are rejected with CT_ERR_LIMIT. */
#define CT_URDF_MAX_BYTES (64u * 1024u * 1024u)

/* Reads and validates a URDF file. On failure *out is NULL and err holds file:line and a message.
 * Validation: one root, every joint's parent/child exists, no link with two parents, no cycles,
 * finite numbers, non-zero axes, lower <= upper, mimic targets exist and do not form cycles. */
CT_API ct_status ct_urdf_load(const char *path, ct_urdf_model **out, ct_error *err);

/* Same, from memory. `name` is used in messages; relative mesh paths resolve against `base_dir`
 * (NULL = current directory). */
CT_API ct_status ct_urdf_parse(const char *data, size_t size, const char *name, const char *base_dir,
                               ct_urdf_model **out, ct_error *err);

CT_API void ct_urdf_free(ct_urdf_model *model);

/* Index of a link / joint by name, or -1. */
CT_API int ct_urdf_find_link(const ct_urdf_model *model, const char *name);
CT_API int ct_urdf_find_joint(const ct_urdf_model *model, const char *name);

#endif
