/* Private helpers shared by the URDF parser files: locale-free number parsing, a small
 * name -> index hash map, mesh path resolution and the post-parse validation pass. */
#ifndef CT_URDF_INTERNAL_H
#define CT_URDF_INTERNAL_H

#include "celltwin/urdf.h"

/* Parses exactly n whitespace-separated finite numbers from s (C locale).
 * Returns 0 on success, 1 when the count is wrong or a token is not a number,
 * 2 when a number is NaN or infinite. */
int ct_urdf_parse_numbers(const char *s, double *out, int n);

/* Open-addressing hash map from a name to a non-negative index. */
typedef struct ct_name_map {
    const char **keys; /* (cap) borrowed strings, NULL = empty slot */
    int *vals;         /* (cap) */
    int cap, count;
} ct_name_map;

/* Inserts name -> val. Returns the previous value when the name is present (map unchanged),
 * -1 when inserted, -2 when out of memory. */
int ct_name_map_put(ct_name_map *m, const char *name, int val);
/* Value for name, or -1. */
int ct_name_map_get(const ct_name_map *m, const char *name);
void ct_name_map_free(ct_name_map *m);

/* Resolves a URDF mesh filename against base_dir (NULL = current directory).
 * package://pkg/rest: searched in base_dir and its ancestors for pkg/rest, a folder named pkg
 * holding rest, or a folder holding rest; when nothing is found the URI is returned unchanged
 * (ct_mesh_load then reports it). file:// is stripped. Returns an owned string or NULL (memory). */
char *ct_urdf_resolve_path(const char *filename, const char *base_dir);

/* Checks the tree (references, one root, one parent per link, no cycles) and the mimic graph;
 * fills joint parent/child/mimic indices and model->root. Errors name `file` and the joint line.
 * joint_parent_name/child_name/mimic_name are (njoint) names read from the file. */
ct_status ct_urdf_check(ct_urdf_model *model, const char *file, char *const *parent_name,
                        char *const *child_name, char *const *mimic_name, ct_error *err);

#endif
