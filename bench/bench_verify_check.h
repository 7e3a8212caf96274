/* Pose checks of each robot of a cell against the whole cell, for `bench verify`: the robot's link
 * bodies (ct_col_robot), its tool and carried parts against every static object and every other
 * robot's bodies and tool at their home poses, and against its own links. The cell's
 * allowed-contact pairs are left out (as the verifier leaves them out): objects with an allowed
 * contact to one of the robot's bodies are checked beside ct_col_robot_check, pair by pair.
 * Units: m, rad; every pose in a bvc_robot is in that robot's root frame. Read-only after creation. */
#ifndef CT_BENCH_VERIFY_CHECK_H
#define CT_BENCH_VERIFY_CHECK_H

#include "celltwin/cell.h"
#include "celltwin/collide_robot.h"

#define BVC_MAX_CARRIED 8

/* One environment shape as seen from a robot. */
typedef struct bvc_item {
    char name[128];         /* cell body name: object, "robot/link", "robot/tool", part */
    ct_col_shape shape;     /* meshes borrowed from the bvc_cell or another robot's ct_col_robot */
    ct_xform pose;          /* in the checked robot's root frame */
    double radius;          /* bounding sphere about pose.p (m) */
} bvc_item;

typedef struct bvc_robot {
    const ct_robot *robot;  /* the cell's (borrowed) */
    ct_col_robot *cr;       /* links; items without allowed contacts as objects; self pairs */
    ct_xform world_from_root;
    double home[CT_ROBOT_MAX_DOF];
    int nitem;
    bvc_item *item;         /* (nitem) every environment shape */
    unsigned char *in_cr;   /* (nitem) 1: added to cr */
    unsigned char *allow;   /* ((cr->nbody + ncarried) x nitem) 1: allowed contact */
    int ncarried;           /* tool and parts on the tip link */
    char carried_name[BVC_MAX_CARRIED][128];
    ct_col_shape carried[BVC_MAX_CARRIED];
    ct_xform carried_off[BVC_MAX_CARRIED]; /* in the tip link frame */
    int nself_carried;      /* carried-vs-own-link pairs checked */
    int *self_c, *self_b;   /* (nself_carried) carried index, body index */
    int robot_tris, env_tris;
} bvc_robot;

typedef struct bvc_cell {
    const ct_cell *cell;    /* borrowed; must outlive this */
    int nrobot;
    bvc_robot *robot;       /* (nrobot) */
    int nmesh;
    ct_col_mesh **mesh;     /* (nmesh) object, tool and part meshes (owned) */
    const void **mesh_key;  /* (nmesh) the ct_mesh each was built from */
} bvc_cell;

ct_status bvc_cell_create(const ct_cell *cell, bvc_cell **out, ct_error *err);
void bvc_cell_destroy(bvc_cell *c);

/* 1 when robot configuration q collides with the cell or itself (first hit stops). */
int bvc_collide(const bvc_robot *r, const double *q);
/* Exact minimum distance (m) of the robot (links, tool, parts) to the environment (objects, other
 * robots at home) at q; 0 when touching; INFINITY without environment. */
double bvc_distance(const bvc_robot *r, const double *q);

#endif
