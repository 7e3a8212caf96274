/* Large generated cells: a bumpy torus mesh and a copy of a base cell (paths made absolute) with
 * many objects using it, for renderer level-of-detail tests and the large-cell benchmark. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "dense_cell.h"

ct_status ct_dense_torus(int nu, int nv, ct_mesh **out, ct_error *err) {
    *out = NULL;
    if (nu < 3 || nv < 3) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "torus grid %d x %d too small", nu, nv);
    float *v = (float *)ct_alloc((size_t)nu * nv * 3 * sizeof(float));
    int *t = (int *)ct_alloc((size_t)nu * nv * 6 * sizeof(int));
    if (!v || !t) {
        ct_free(v);
        ct_free(t);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    const double R = 0.5, r0 = 0.18;
    for (int i = 0; i < nu; i++)
        for (int j = 0; j < nv; j++) {
            double u = 2 * M_PI * i / nu, w = 2 * M_PI * j / nv;
            double r = r0 * (1 + 0.08 * sin(11 * u) * sin(7 * w));
            float *p = v + 3 * ((size_t)i * nv + j);
            p[0] = (float)((R + r * cos(w)) * cos(u));
            p[1] = (float)((R + r * cos(w)) * sin(u));
            p[2] = (float)(r * sin(w));
        }
    int n = 0;
    for (int i = 0; i < nu; i++)
        for (int j = 0; j < nv; j++) { /* outward, counter-clockwise */
            int a = i * nv + j, b = ((i + 1) % nu) * nv + j, c = ((i + 1) % nu) * nv + (j + 1) % nv,
                d = i * nv + (j + 1) % nv;
            t[n++] = a, t[n++] = b, t[n++] = c;
            t[n++] = a, t[n++] = c, t[n++] = d;
        }
    ct_status st = ct_mesh_create(v, nu * nv, t, 2 * nu * nv, out, err);
    ct_free(v);
    ct_free(t);
    return st;
}

/* Replaces a relative path string by base_dir/path. */
static int absolutize(cJSON *item, const char *base_dir) {
    if (!cJSON_IsString(item) || item->valuestring[0] == '/') return 1;
    char buf[PATH_MAX * 2];
    snprintf(buf, sizeof buf, "%s/%s", base_dir, item->valuestring);
    return cJSON_SetValuestring(item, buf) != NULL;
}

static int absolutize_geometry(cJSON *owner, const char *base_dir) {
    cJSON *g = cJSON_GetObjectItemCaseSensitive(owner, "geometry");
    return !g || absolutize(cJSON_GetObjectItemCaseSensitive(g, "mesh"), base_dir);
}

static int absolutize_cell(cJSON *root, const char *base_dir) {
    int ok = 1;
    cJSON *rb, *it;
    cJSON_ArrayForEach(rb, cJSON_GetObjectItemCaseSensitive(root, "robots")) {
        ok &= absolutize(cJSON_GetObjectItemCaseSensitive(rb, "urdf"), base_dir);
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rb, "tools")) ok &= absolutize_geometry(it, base_dir);
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rb, "programs")) ok &= absolutize(it, base_dir);
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "objects")) ok &= absolutize_geometry(it, base_dir);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "attached_parts"))
        ok &= absolutize_geometry(it, base_dir);
    return ok;
}

static char *read_text(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n >= 0 ? (char *)ct_alloc((size_t)n + 1) : NULL;
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        ct_free(s);
        s = NULL;
    }
    fclose(f);
    return s;
}

/* Writes text to path through a temporary file and rename. */
static int write_atomic(const char *path, const char *text) {
    char tmp[PATH_MAX + 32];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) return 0;
    int ok = fputs(text, f) >= 0;
    ok &= fclose(f) == 0;
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (!ok) remove(tmp);
    return ok;
}

ct_status ct_dense_cell_write(const char *dir, const char *base_cell, int nobject, int tri_per_object,
                              char *cell_path, size_t cell_path_size, ct_error *err) {
    char base_dir[PATH_MAX], stl[PATH_MAX + 16];
    char *base_abs = realpath(base_cell, NULL);
    if (!base_abs) return ct_error_set(err, CT_ERR_IO, base_cell, 0, 0, "cannot open the base cell");
    snprintf(base_dir, sizeof base_dir, "%s", base_abs);
    char *slash = strrchr(base_dir, '/');
    if (slash) *slash = 0;
    char *text = read_text(base_abs);
    free(base_abs);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    ct_free(text);
    if (!root) return ct_error_set(err, CT_ERR_PARSE, base_cell, 0, 0, "not a readable JSON cell");
    ct_status st = CT_OK;
    if (!absolutize_cell(root, base_dir)) st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    /* torus grid with nu = 2 nv: 4 nv^2 triangles */
    int nv = (int)fmax(3, sqrt(tri_per_object / 4.0)), nu = 2 * nv;
    ct_mesh *mesh = NULL;
    snprintf(stl, sizeof stl, "%s/dense.stl", dir);
    if (st == CT_OK) st = ct_dense_torus(nu, nv, &mesh, err);
    if (st == CT_OK) st = ct_mesh_write_stl(mesh, stl, err);
    ct_mesh_free(mesh);
    cJSON *objs = cJSON_GetObjectItemCaseSensitive(root, "objects");
    if (st == CT_OK && !objs) objs = cJSON_AddArrayToObject(root, "objects");
    for (int i = 0; st == CT_OK && i < nobject; i++) {
        int row = i / 5, side = row % 2 ? 1 : -1;
        double pose[6] = {-4000.0 + 2000.0 * (i % 5), side * (5500.0 + 1500.0 * (row / 2)), 1000, 90, 0, 0};
        char name[32];
        snprintf(name, sizeof name, "dense_%d", i);
        cJSON *o = cJSON_CreateObject(), *g = cJSON_CreateObject();
        if (!o || !g || !cJSON_AddStringToObject(o, "name", name) || !cJSON_AddStringToObject(o, "group", "other") ||
            !cJSON_AddItemToObject(o, "pose", cJSON_CreateDoubleArray(pose, 6)) ||
            !cJSON_AddStringToObject(g, "mesh", stl) || !cJSON_AddItemToObject(o, "geometry", g) ||
            !cJSON_AddItemToArray(objs, o)) {
            cJSON_Delete(o);
            st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
        }
    }
    snprintf(cell_path, cell_path_size, "%s/cell.json", dir);
    char *out = st == CT_OK ? cJSON_Print(root) : NULL;
    if (st == CT_OK && (!out || !write_atomic(cell_path, out)))
        st = ct_error_set(err, CT_ERR_IO, cell_path, 0, 0, "cannot write the cell");
    free(out);
    cJSON_Delete(root);
    return st;
}
