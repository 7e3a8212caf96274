/* Private structures of the verifier: bodies (rigid sets of collision shapes on a robot link or in
 * the cell frame), pairs to check, and the per-run context. */
#ifndef CT_VERIFY_INTERNAL_H
#define CT_VERIFY_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

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

/* Streaming of final findings to opt.on_finding: the lock that serialises the calls and the count
 * of pairs done so far. */
typedef struct vf_stream {
    pthread_mutex_t mu;
    atomic_int pairs_done;
} vf_stream;

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
    vf_stream *stream;        /* owned by ct_verify_run */
} vf_context;

/* verify_bodies.c */
ct_status vf_build_bodies(vf_context *c, ct_error *err);
void vf_free_bodies(vf_context *c);
/* World pose of a body at time t (joint values of its robot at t). */
ct_xform vf_body_pose(const vf_context *c, int body, double t);

/* verify_findings.c: growing finding lists, streaming, and the findings of one robot's motion */
typedef struct vf_finding_list {
    ct_finding *f;
    int n, cap;
} vf_finding_list;
/* A new zeroed finding (robot and joint -1) at the end of l, or NULL when out of memory. The
 * pointer is valid until the next push. */
ct_finding *vf_push(vf_finding_list *l);
/* Program position (file:line, step) of `robot` at t; {NULL, 0, -1} without a trajectory. */
ct_src_ref vf_src_at(const vf_context *c, int robot, double t);
/* Hands a final finding to opt.on_finding (if set), under the stream lock. Any thread. */
void vf_emit(const vf_context *c, const ct_finding *f);
/* Planner findings of a robot's trajectory, then its joint accelerations above the acceleration
 * limits and torques above the effort limits (first time per joint and kind), appended to l in
 * that order and emitted as each becomes final. Thread-safe for distinct lists. */
void vf_robot_findings(const vf_context *c, int robot, vf_finding_list *l);

/* verify_pairs.c */
ct_status vf_build_pairs(vf_context *c, ct_error *err);
/* Robot states, bodies and pairs from the input (verify_context.c); on failure *c is freed. The
 * caller sets c->stream when it streams findings. */
ct_status vf_context_init(vf_context *c, const ct_verify_input *in, const ct_verify_options *opt, ct_error *err);
void vf_context_free(vf_context *c);
/* The order to check pairs in (verify_schedule.c): likely-close pairs first, by bounding-sphere
 * gaps sampled along the timeline. Returns a ct_alloc'd permutation of [0, npair) or NULL. */
int *vf_pair_schedule(const vf_context *c);

#endif
