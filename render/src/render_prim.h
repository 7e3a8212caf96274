/* Geometry building for the scene: primitives and meshes into one vertex/index array. */
#ifndef CT_RENDER_PRIM_H
#define CT_RENDER_PRIM_H

#include "render_internal.h"

typedef struct rv_geom {
    int nvert, cap_vert;
    float *vert;        /* (nvert x 6) position (m), unit normal, in the shape frame */
    int nindex, cap_index;
    uint32_t *index;    /* (nindex) relative to the range's vertex_offset */
} rv_geom;

/* Each appends one shape and fills its range; 0 when out of memory. */
int rv_geom_box(rv_geom *g, const double size[3], rv_mesh_range *out);
int rv_geom_cylinder(rv_geom *g, double radius, double length, rv_mesh_range *out);
int rv_geom_sphere(rv_geom *g, double radius, rv_mesh_range *out);
int rv_geom_mesh(rv_geom *g, const ct_mesh *m, rv_mesh_range *out);
void rv_geom_free(rv_geom *g);
/* Room for addv more vertices and addi more indices; 0 when out of memory. */
int rv_geom_reserve(rv_geom *g, int addv, int addi);

/* render_lod.c: appends up to 3 simplified index ranges of mesh range m (over its own vertices)
 * when it has at least min_tri triangles; fills m->nlod / m->lod. 0 when out of memory. */
int rv_geom_build_lods(rv_geom *g, rv_mesh_range *m, int min_tri);

#endif
