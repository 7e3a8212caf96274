/* Primitive shapes: constructors (a box carries its 12-triangle surface inline) and extents. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "celltwin/collide.h"

ct_col_shape ct_col_sphere(double radius) {
    ct_col_shape s;
    memset(&s, 0, sizeof s);
    s.type = CT_COL_SPHERE;
    s.radius = (float)radius;
    return s;
}

ct_col_shape ct_col_capsule(double radius, double length) {
    ct_col_shape s;
    memset(&s, 0, sizeof s);
    s.type = CT_COL_CAPSULE;
    s.radius = (float)radius;
    s.half_length = (float)(0.5 * length);
    return s;
}

ct_col_shape ct_col_box(double sx, double sy, double sz) {
    ct_col_shape s;
    memset(&s, 0, sizeof s);
    s.type = CT_COL_BOX;
    s.half[0] = (float)(0.5 * sx);
    s.half[1] = (float)(0.5 * sy);
    s.half[2] = (float)(0.5 * sz);
    /* corners: bit k of the index picks -/+ along axis k; two triangles per face */
    static const int faces[6][4] = {{0, 2, 6, 4}, {1, 5, 7, 3}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 6, 7, 5}};
    float corner[8][3];
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 3; k++) corner[i][k] = (i >> k & 1) ? s.half[k] : -s.half[k];
    int t = 0;
    for (int f = 0; f < 6; f++) {
        const int quad[2][3] = {{faces[f][0], faces[f][1], faces[f][2]}, {faces[f][0], faces[f][2], faces[f][3]}};
        for (int h = 0; h < 2; h++, t++)
            for (int v = 0; v < 3; v++)
                for (int k = 0; k < 3; k++) s.box_tri[9 * t + 3 * v + k] = corner[quad[h][v]][k];
    }
    for (int k = 0; k < 3; k++) {
        s.box_node[0].c[k] = 0.0f;
        s.box_node[0].e[k] = s.half[k];
        for (int j = 0; j < 3; j++) s.box_node[0].u[3 * k + j] = j == k ? 1.0f : 0.0f;
    }
    s.box_node[0].first = 0;
    s.box_node[0].count = 12;
    return s;
}

ct_col_shape ct_col_mesh_shape(const ct_col_mesh *mesh) {
    ct_col_shape s;
    memset(&s, 0, sizeof s);
    s.type = CT_COL_MESH;
    s.mesh = mesh;
    return s;
}

double ct_col_shape_radius(const ct_col_shape *s) {
    switch (s->type) {
    case CT_COL_SPHERE: return s->radius;
    case CT_COL_CAPSULE: return s->radius + s->half_length;
    case CT_COL_BOX: return sqrt((double)s->half[0] * s->half[0] + (double)s->half[1] * s->half[1] +
                                 (double)s->half[2] * s->half[2]);
    case CT_COL_MESH: return s->mesh->radius;
    }
    return 0;
}
