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

#endif
