/* Triangle meshes loaded through Assimp (STL binary/ASCII, COLLADA with node transforms, OBJ).
 * Vertices are welded and indexed, in metres after the scale is applied, with per-vertex normals.
 * A mesh is one block owned by the caller and freed by ct_mesh_free. */
#ifndef CELLTWIN_MESH_H
#define CELLTWIN_MESH_H

#include "celltwin/base.h"

typedef struct ct_mesh {
    int nvert;
    int ntri;
    float *vert;      /* (nvert x 3) positions, m */
    float *normal;    /* (nvert x 3) unit normals */
    int *tri;         /* (ntri x 3) vertex indices, counter-clockwise seen from outside */
    float aabb_min[3], aabb_max[3]; /* bounds of vert, m */
} ct_mesh;

/* Loads every mesh of a file (COLLADA node transforms applied; units from the file where it
 * states them), scales by scale[3], welds identical vertices. Empty files, files with no
 * triangles, NaN/inf vertices and unreadable files fail with a message naming the file. */
CT_API ct_status ct_mesh_load(const char *path, const double scale[3], ct_mesh **out, ct_error *err);

/* Creates a mesh from arrays (copied). Used by generators and tests. */
CT_API ct_status ct_mesh_create(const float *vert, int nvert, const int *tri, int ntri, ct_mesh **out,
                                ct_error *err);

/* Writes a binary STL atomically (temporary file then rename). */
CT_API ct_status ct_mesh_write_stl(const ct_mesh *mesh, const char *path, ct_error *err);

CT_API void ct_mesh_free(ct_mesh *mesh);

#endif
