/* Private mesh helpers shared by mesh_core.c, mesh_load.c and mesh_io.c. */
#ifndef CT_MESH_INTERNAL_H
#define CT_MESH_INTERNAL_H

#include "celltwin/mesh.h"

/* Allocates one block holding the struct and its arrays (uninitialised contents). */
ct_mesh *ct_mesh_alloc_block(int nvert, int ntri);

/* Recomputes area-weighted unit vertex normals and the AABB from vert and tri. */
void ct_mesh_update_derived(ct_mesh *mesh);

#endif
