/* Triangle mesh storage: one-block allocation, creation from arrays (validated), normals, AABB. */
#include "mesh_internal.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Arrays follow the struct, each aligned to 16 bytes. */
static size_t align16(size_t n) { return (n + 15) & ~(size_t)15; }

ct_mesh *ct_mesh_alloc_block(int nvert, int ntri) {
    if (nvert < 0 || ntri < 0 || nvert > INT32_MAX / 3 || ntri > INT32_MAX / 3) return NULL;
    size_t head = align16(sizeof(ct_mesh));
    size_t vbytes = align16(sizeof(float) * 3 * (size_t)nvert);
    size_t tbytes = align16(sizeof(int) * 3 * (size_t)ntri);
    char *p = ct_alloc(head + 2 * vbytes + tbytes);
    if (!p) return NULL;
    ct_mesh *m = (ct_mesh *)p;
    m->nvert = nvert;
    m->ntri = ntri;
    m->vert = (float *)(p + head);
    m->normal = (float *)(p + head + vbytes);
    m->tri = (int *)(p + head + 2 * vbytes);
    return m;
}

void ct_mesh_update_derived(ct_mesh *m) {
    memset(m->normal, 0, sizeof(float) * 3 * (size_t)m->nvert);
    /* Face normals (cross product, length = 2 x area) summed per vertex, in double. */
    for (int t = 0; t < m->ntri; t++) {
        const int *ix = &m->tri[3 * t];
        const float *a = &m->vert[3 * ix[0]], *b = &m->vert[3 * ix[1]], *c = &m->vert[3 * ix[2]];
        double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        double n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        for (int k = 0; k < 3; k++)
            for (int d = 0; d < 3; d++) m->normal[3 * ix[k] + d] += (float)n[d];
    }
    for (int i = 0; i < m->nvert; i++) {
        float *n = &m->normal[3 * i];
        double len = sqrt((double)n[0] * n[0] + (double)n[1] * n[1] + (double)n[2] * n[2]);
        if (len > 0 && isfinite(len)) {
            for (int d = 0; d < 3; d++) n[d] = (float)(n[d] / len);
        } else {
            n[0] = 0; n[1] = 0; n[2] = 1;  /* only degenerate faces touch this vertex */
        }
    }
    for (int d = 0; d < 3; d++) {
        m->aabb_min[d] = m->nvert ? m->vert[d] : 0;
        m->aabb_max[d] = m->nvert ? m->vert[d] : 0;
    }
    for (int i = 1; i < m->nvert; i++)
        for (int d = 0; d < 3; d++) {
            float x = m->vert[3 * i + d];
            if (x < m->aabb_min[d]) m->aabb_min[d] = x;
            if (x > m->aabb_max[d]) m->aabb_max[d] = x;
        }
}

ct_status ct_mesh_create(const float *vert, int nvert, const int *tri, int ntri, ct_mesh **out, ct_error *err) {
    ct_error_clear(err);
    if (out) *out = NULL;
    if (!out || nvert <= 0 || ntri <= 0 || !vert || !tri)
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "mesh needs at least one vertex and one triangle");
    for (int i = 0; i < 3 * nvert; i++)
        if (!isfinite(vert[i]))
            return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "vertex %d is NaN or infinite", i / 3);
    for (int i = 0; i < 3 * ntri; i++)
        if (tri[i] < 0 || tri[i] >= nvert)
            return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "triangle %d uses vertex %d of %d", i / 3, tri[i],
                                nvert);
    ct_mesh *m = ct_mesh_alloc_block(nvert, ntri);
    if (!m) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    memcpy(m->vert, vert, sizeof(float) * 3 * (size_t)nvert);
    memcpy(m->tri, tri, sizeof(int) * 3 * (size_t)ntri);
    ct_mesh_update_derived(m);
    *out = m;
    return CT_OK;
}

void ct_mesh_free(ct_mesh *mesh) { ct_free(mesh); }
