/* Triangle meshes of primitives (box, cylinder, sphere) and of ct_mesh, appended to one growing
 * vertex (pos, normal) / index array that the scene uploads once. */
#include <math.h>
#include <string.h>

#include "render_prim.h"

int rv_geom_reserve(rv_geom *g, int addv, int addi) {
    if (g->nvert + addv > g->cap_vert) {
        int cap = g->cap_vert ? g->cap_vert : 1024;
        while (cap < g->nvert + addv) cap *= 2;
        float *v = (float *)ct_realloc(g->vert, (size_t)cap * 6 * sizeof(float));
        if (!v) return 0;
        g->vert = v;
        g->cap_vert = cap;
    }
    if (g->nindex + addi > g->cap_index) {
        int cap = g->cap_index ? g->cap_index : 4096;
        while (cap < g->nindex + addi) cap *= 2;
        uint32_t *ix = (uint32_t *)ct_realloc(g->index, (size_t)cap * sizeof(uint32_t));
        if (!ix) return 0;
        g->index = ix;
        g->cap_index = cap;
    }
    return 1;
}

static void put(rv_geom *g, double x, double y, double z, double nx, double ny, double nz) {
    float *v = g->vert + (size_t)g->nvert * 6;
    v[0] = (float)x, v[1] = (float)y, v[2] = (float)z;
    v[3] = (float)nx, v[4] = (float)ny, v[5] = (float)nz;
    g->nvert++;
}

static void tri(rv_geom *g, int base, int a, int b, int c) {
    g->index[g->nindex++] = (uint32_t)(base + a);
    g->index[g->nindex++] = (uint32_t)(base + b);
    g->index[g->nindex++] = (uint32_t)(base + c);
}

/* Starts a range: vertex offset = current vertex count, first index = current index count. */
static rv_mesh_range begin(const rv_geom *g) {
    rv_mesh_range m;
    memset(&m, 0, sizeof m);
    m.first_index = (uint32_t)g->nindex;
    m.vertex_offset = g->nvert;
    return m;
}

int rv_geom_box(rv_geom *g, const double size[3], rv_mesh_range *out) {
    if (!rv_geom_reserve(g, 24, 36)) return 0;
    *out = begin(g);
    double h[3] = {size[0] / 2, size[1] / 2, size[2] / 2};
    for (int axis = 0; axis < 3; axis++)
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            int u = (axis + 1) % 3, v = (axis + 2) % 3;
            double n[3] = {0, 0, 0};
            n[axis] = sgn;
            int base = g->nvert - out->vertex_offset;
            for (int k = 0; k < 4; k++) {
                double p[3];
                p[axis] = sgn * h[axis];
                p[u] = ((k == 1 || k == 2) ? 1 : -1) * h[u];
                p[v] = (k >= 2 ? 1 : -1) * h[v];
                put(g, p[0], p[1], p[2], n[0], n[1], n[2]);
            }
            tri(g, base, 0, 1, 2);
            tri(g, base, 0, 2, 3);
        }
    out->nindex = (uint32_t)g->nindex - out->first_index;
    for (int i = 0; i < 3; i++) out->lo[i] = (float)-h[i], out->hi[i] = (float)h[i];
    return 1;
}

int rv_geom_cylinder(rv_geom *g, double radius, double length, rv_mesh_range *out) {
    const int n = 32;
    if (!rv_geom_reserve(g, 4 * n + 2, 12 * n)) return 0;
    *out = begin(g);
    double hz = length / 2;
    for (int i = 0; i < n; i++) { /* side: 2 vertices per segment */
        double a = 2 * M_PI * i / n, c = cos(a), s = sin(a);
        put(g, radius * c, radius * s, -hz, c, s, 0);
        put(g, radius * c, radius * s, hz, c, s, 0);
    }
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        tri(g, 0, 2 * i, 2 * j, 2 * j + 1);
        tri(g, 0, 2 * i, 2 * j + 1, 2 * i + 1);
    }
    for (int cap = 0; cap < 2; cap++) { /* caps: centre then rim */
        double z = cap ? hz : -hz, nz = cap ? 1 : -1;
        int base = g->nvert - out->vertex_offset;
        put(g, 0, 0, z, 0, 0, nz);
        for (int i = 0; i < n; i++) {
            double a = 2 * M_PI * i / n;
            put(g, radius * cos(a), radius * sin(a), z, 0, 0, nz);
        }
        for (int i = 0; i < n; i++) tri(g, base, 0, 1 + i, 1 + (i + 1) % n);
    }
    out->nindex = (uint32_t)g->nindex - out->first_index;
    out->lo[0] = out->lo[1] = (float)-radius, out->lo[2] = (float)-hz;
    out->hi[0] = out->hi[1] = (float)radius, out->hi[2] = (float)hz;
    return 1;
}

int rv_geom_sphere(rv_geom *g, double radius, rv_mesh_range *out) {
    const int nu = 24, nv = 12;
    if (!rv_geom_reserve(g, (nu + 1) * (nv + 1), 6 * nu * nv)) return 0;
    *out = begin(g);
    for (int j = 0; j <= nv; j++)
        for (int i = 0; i <= nu; i++) {
            double th = M_PI * j / nv, ph = 2 * M_PI * i / nu;
            double x = sin(th) * cos(ph), y = sin(th) * sin(ph), z = cos(th);
            put(g, radius * x, radius * y, radius * z, x, y, z);
        }
    for (int j = 0; j < nv; j++)
        for (int i = 0; i < nu; i++) {
            int a = j * (nu + 1) + i, b = a + nu + 1;
            tri(g, 0, a, b, a + 1);
            tri(g, 0, a + 1, b, b + 1);
        }
    out->nindex = (uint32_t)g->nindex - out->first_index;
    for (int i = 0; i < 3; i++) out->lo[i] = (float)-radius, out->hi[i] = (float)radius;
    return 1;
}

int rv_geom_mesh(rv_geom *g, const ct_mesh *m, rv_mesh_range *out) {
    if (!rv_geom_reserve(g, m->nvert, 3 * m->ntri)) return 0;
    *out = begin(g);
    for (int i = 0; i < m->nvert; i++) {
        const float *p = m->vert + 3 * i, *n = m->normal + 3 * i;
        put(g, p[0], p[1], p[2], n[0], n[1], n[2]);
    }
    for (int t = 0; t < m->ntri; t++) tri(g, 0, m->tri[3 * t], m->tri[3 * t + 1], m->tri[3 * t + 2]);
    out->nindex = (uint32_t)g->nindex - out->first_index;
    memcpy(out->lo, m->aabb_min, sizeof out->lo);
    memcpy(out->hi, m->aabb_max, sizeof out->hi);
    return 1;
}

void rv_geom_free(rv_geom *g) {
    ct_free(g->vert);
    ct_free(g->index);
    memset(g, 0, sizeof *g);
}
