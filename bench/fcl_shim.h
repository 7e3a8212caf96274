/* C interface to FCL (the Flexible Collision Library) for the side-by-side peer figures of
 * `bench check`: triangle meshes with OBBRSS trees, pairwise collide and exact distance at
 * poses. Built only when CMake finds FCL (CT_HAVE_FCL). Units: metres; poses are a row-major
 * rotation R[9] and a translation p[3] (x_world = R x + p). */
#ifndef CT_FCL_SHIM_H
#define CT_FCL_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ct_fcl_mesh ct_fcl_mesh;

/* Triangle soup: tri (ntri x 9) vertex coordinates. Returns NULL on failure. */
ct_fcl_mesh *ct_fcl_mesh_create(const float *tri, int ntri);
void ct_fcl_mesh_destroy(ct_fcl_mesh *m);
/* 1 when the meshes intersect (FCL collide, one contact), else 0. */
int ct_fcl_collide(const ct_fcl_mesh *a, const double *Ra, const double *pa, const ct_fcl_mesh *b, const double *Rb,
                   const double *pb);
/* Exact minimum distance (FCL distance, rel_err = abs_err = 0); FCL reports -1 on intersection. */
double ct_fcl_distance(const ct_fcl_mesh *a, const double *Ra, const double *pa, const ct_fcl_mesh *b,
                       const double *Rb, const double *pb);

#ifdef __cplusplus
}
#endif

#endif
