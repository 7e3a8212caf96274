/* Private structures of the verifier: bodies (rigid sets of collision shapes on a robot link or in
 * the cell frame), pairs to check, and the per-run context. */
#ifndef CT_VERIFY_INTERNAL_H
#define CT_VERIFY_INTERNAL_H

#include "celltwin/collide.h"
#include "celltwin/verify.h"
#include "celltwin/verify_bounds.h"

typedef struct vf_shape {
    ct_col_shape shape;
    ct_xform offset;          /* shape frame in the body frame (link frame or cell frame) */
} vf_shape;

typedef struct vf_body {
    char name[128];           /* "robot/link", "robot/tool", part or object name */
    int robot;                /* robot index, -1 for static objects */
    int link;                 /* link index of the robot, -1 for static objects */
    int is_tool;              /* tool or part carried by the robot */
    int nshape;
    vf_shape *shape;          /* (nshape) owned */
    ct_vec3 center;           /* bounding sphere centre in the body frame (m) */
    double radius;            /* bounding sphere radius (m) */
    double extent;            /* largest distance of a point from the body frame origin (m) */
} vf_body;

typedef struct vf_pair {
    int a, b;                 /* body indices */
    double clearance;         /* m */
} vf_pair;

typedef struct vf_robot_state {
    const ct_robot *robot;
    const ct_traj *traj;      /* may be NULL */
    ct_xform world_from_root; /* cell frame <- robot root frame */
    double home[CT_ROBOT_MAX_DOF];
    ct_link_bounds bounds;    /* link levers including carried tools and parts */
} vf_robot_state;

typedef struct vf_context {
    const ct_cell *cell;
    int nrobot;
    vf_robot_state *robot;    /* (nrobot) */
    int nbody;
    vf_body *body;            /* (nbody) */
    ct_col_mesh **mesh;       /* (nmesh) owned collision meshes */
    const void **mesh_key;    /* (nmesh) the ct_mesh each was built from */
    int nmesh, mesh_cap;
    int npair, nexcluded;
    vf_pair *pair;            /* (npair) */
    double duration;
    ct_verify_options opt;
} vf_context;

/* verify_bodies.c */
ct_status vf_build_bodies(vf_context *c, ct_error *err);
void vf_free_bodies(vf_context *c);
/* World pose of a body at time t (joint values of its robot at t). */
ct_xform vf_body_pose(const vf_context *c, int body, double t);

/* verify_pairs.c */
ct_status vf_build_pairs(vf_context *c, ct_error *err);

#endif
