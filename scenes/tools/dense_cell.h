/* Large generated cells for renderer tests and benchmarks: a base cell (e.g. the sample cell)
 * plus copies of one dense generated mesh, written to a folder. */
#ifndef CT_DENSE_CELL_H
#define CT_DENSE_CELL_H

#include <stddef.h>

#include "celltwin/mesh.h"

/* A closed bumpy torus around the shape frame's z axis: major radius 0.5 m, tube radius 0.18 m
 * with +-8 % bumps, nu x nv grid, 2 * nu * nv triangles (nu, nv >= 3). */
CT_API ct_status ct_dense_torus(int nu, int nv, ct_mesh **out, ct_error *err);

/* Writes dir/dense.stl (a ct_dense_torus with about tri_per_object triangles) and dir/cell.json:
 * the cell at base_cell with every relative path made absolute, plus nobject objects "dense_<i>"
 * (group "other") using dense.stl, standing upright in two rows of five along x at y = +-5.5 m,
 * +-7 m, ... outside the sample cell's fence. dir must exist. cell_path receives dir/cell.json. */
CT_API ct_status ct_dense_cell_write(const char *dir, const char *base_cell, int nobject, int tri_per_object,
                                     char *cell_path, size_t cell_path_size, ct_error *err);

#endif
