/* Collision geometry and queries (robot independent): triangle meshes with a bounding-volume
 * hierarchy, primitives (sphere, capsule, box), overlap tests and minimum distance with witness
 * points between any two shapes at given poses. Units: metres, radians.
 *
 * Geometry is stored and queried in float (the kernels in celltwin/kernels/ are shared with the
 * CUDA backend); poses are double. Conservative margin: a query reports `margin`, and the true
 * distance between the shapes as stored is at least `distance - margin`; an overlap test reports
 * "clear" only when the shapes are farther apart than about the margin, so "clear" is sound and
 * near contacts (within the margin, micrometres on metre-scale cells) count as overlap.
 * The margin is CT_COL_MARGIN_REL times the coordinate magnitude of the query (the larger of the
 * two shapes' extents from the first shape's origin, at least 1 m).
 *
 * Distances are between surfaces: a mesh entirely inside another mesh is not detected (as in
 * FCL/PQP); boxes and the cores of spheres/capsules do detect containment.
 * Meshes are immutable after creation and may be shared by any number of threads; queries do not
 * allocate. */
#ifndef CELLTWIN_COLLIDE_H
#define CELLTWIN_COLLIDE_H

#include "celltwin/base.h"
#include "celltwin/math.h"
#include "celltwin/kernels/bvh.h"

/* Relative margin: 64 float ulps (2^-24 each) per metre of coordinate magnitude (3.8e-6 m/m). */
#define CT_COL_MARGIN_REL (64.0 / 16777216.0)

/* A triangle mesh with its BVH (built once; read-only afterwards). */
typedef struct ct_col_mesh {
    int ntri;
    int nnode;
    ct_bvh_node *node;   /* (nnode) flat tree, root = 0 */
    float *tri;          /* (ntri x 9) vertex coordinates (m) in leaf order */
    int *tri_id;         /* (ntri) index of each stored triangle in the input */
    int *leaf_of;        /* (ntri) inverse of tri_id: stored index of input triangle i */
    float radius;        /* largest distance of a vertex from the mesh origin (m) */
    int depth;           /* depth of the deepest leaf */
} ct_col_mesh;

/* Builds a mesh from vertices (nvert x 3, m) and triangles (ntri x 3 indices). Fails on
 * ntri == 0, indices out of range and non-finite vertices. The arrays are copied. */
CT_API ct_status ct_col_mesh_create(const float *vert, int nvert, const int *tri, int ntri, ct_col_mesh **out,
                                    ct_error *err);
CT_API void ct_col_mesh_destroy(ct_col_mesh *mesh);
CT_API ct_bvh_view ct_col_mesh_view(const ct_col_mesh *mesh);

typedef enum ct_col_shape_type {
    CT_COL_SPHERE,   /* radius */
    CT_COL_CAPSULE,  /* radius, segment from (0,0,-half_length) to (0,0,+half_length) */
    CT_COL_BOX,      /* half extents, centred at the origin */
    CT_COL_MESH      /* a ct_col_mesh (borrowed; must outlive the shape) */
} ct_col_shape_type;

/* A shape in its own frame. Boxes carry their 12-triangle surface mesh inline; use the
 * constructors below. A shape is a plain value but must not move during a query. */
typedef struct ct_col_shape {
    ct_col_shape_type type;
    float radius;          /* sphere/capsule (m) */
    float half_length;     /* capsule (m) */
    float half[3];         /* box (m) */
    const ct_col_mesh *mesh;
    float box_tri[12 * 9];         /* box surface, leaf order */
    ct_bvh_node box_node[1];       /* box surface tree: one leaf */
} ct_col_shape;

CT_API ct_col_shape ct_col_sphere(double radius);
CT_API ct_col_shape ct_col_capsule(double radius, double length);  /* length of the core segment */
CT_API ct_col_shape ct_col_box(double sx, double sy, double sz);   /* full extents */
CT_API ct_col_shape ct_col_mesh_shape(const ct_col_mesh *mesh);
/* Largest distance (m) of any point of the shape from its origin. */
CT_API double ct_col_shape_radius(const ct_col_shape *s);

/* Result of a query. Points are in the world frame (the frame of the poses). */
typedef struct ct_col_result {
    double distance;   /* m: minimum distance (0 when overlapping); d_stop when at_least */
    double margin;     /* m: the true distance is >= distance - margin */
    int at_least;      /* 1 when nothing is closer than d_stop (distance = d_stop, no witnesses) */
    ct_vec3 point_a;   /* witness on a (m, world) */
    ct_vec3 point_b;   /* witness on b (m, world); |point_a - point_b| = distance (up to rounding) */
    int feature_a;     /* triangle index of a (input order) or -1 for primitives */
    int feature_b;
} ct_col_result;

/* Minimum distance between shapes a and b at world poses pa and pb, capped at d_stop (use
 * INFINITY for the exact value): stops early once nothing can be closer than d_stop. */
CT_API double ct_col_distance(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb, double d_stop,
                              ct_col_result *res);

/* Warm start along a motion: as ct_col_distance, but the closest triangle pair of an earlier
 * result `hint` (its feature_a / feature_b, e.g. the previous pose's result for the same shapes)
 * is measured first at the new poses and caps the search from the start. Same minimum as
 * ct_col_distance (ties may report another pair); hint may be NULL or carry -1 features. */
CT_API double ct_col_distance_warm(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb,
                                   double d_stop, const ct_col_result *hint, ct_col_result *res);

/* Conservative overlap: 1 when a and b are within the margin (touching or intersecting), 0 when
 * provably farther apart. extra (m, >= 0) widens the test (clearance checks). */
CT_API int ct_col_overlap(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb, double extra);

/* Margin (m) of a query between a and b at these poses (see top). */
CT_API double ct_col_margin(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb);

/* Relative pose b in a's frame as floats: x_A = R x_B + p. */
CT_API ct_xff ct_col_relative(ct_xform pa, ct_xform pb);

#endif
