/* Collision meshes: validation and the flat BVH build (axis-aligned boxes, median split on the
 * longest axis of the triangle centroids, at most CT_COL_LEAF triangles per leaf). */
#include <float.h>
#include <math.h>
#include <string.h>

#include "celltwin/collide.h"

#define CT_COL_LEAF 2

typedef struct build_ctx {
    const float *vert;
    const int *tri;
    int *order;        /* (ntri) triangle permutation being partitioned */
    float *centroid;   /* (ntri x 3) by input triangle index */
    ct_bvh_node *node;
    int nnode;
    int depth;
} build_ctx;

/* Box of the triangles order[b..e), rounded outwards so that it encloses them exactly. */
static void node_box(build_ctx *c, int b, int e, ct_bvh_node *n) {
    double lo[3] = {DBL_MAX, DBL_MAX, DBL_MAX}, hi[3] = {-DBL_MAX, -DBL_MAX, -DBL_MAX};
    for (int i = b; i < e; i++) {
        const int *t = c->tri + 3 * c->order[i];
        for (int v = 0; v < 3; v++)
            for (int k = 0; k < 3; k++) {
                double x = c->vert[3 * t[v] + k];
                if (x < lo[k]) lo[k] = x;
                if (x > hi[k]) hi[k] = x;
            }
    }
    for (int k = 0; k < 3; k++) {
        float cf = (float)(0.5 * (lo[k] + hi[k]));
        double need = fmax(hi[k] - cf, cf - lo[k]);
        float ef = (float)need;
        if ((double)ef < need) ef = nextafterf(ef, FLT_MAX);
        n->c[k] = cf;
        n->e[k] = ef;
    }
}

/* Moves the triangles with the k smallest keys (centroid[axis]) to order[b..b+k) (quickselect;
 * ties broken by triangle index so the build is deterministic). */
static int key_less(const build_ctx *c, int ta, int tb, int axis) {
    float ka = c->centroid[3 * ta + axis], kb = c->centroid[3 * tb + axis];
    return ka < kb || (ka == kb && ta < tb);
}
static void select_k(build_ctx *c, int b, int e, int k, int axis) {
    int *o = c->order;
    int lo = b, hi = e - 1, target = b + k;
    while (lo < hi) {
        int pivot = o[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (key_less(c, o[i], pivot, axis)) i++;
            while (key_less(c, pivot, o[j], axis)) j--;
            if (i <= j) { int t = o[i]; o[i] = o[j]; o[j] = t; i++; j--; }
        }
        if (target <= j) hi = j;
        else if (target >= i) lo = i;
        else break;
    }
}

static void build(build_ctx *c, int ni, int b, int e, int depth) {
    ct_bvh_node *n = c->node + ni;
    node_box(c, b, e, n);
    if (depth > c->depth) c->depth = depth;
    if (e - b <= CT_COL_LEAF) {
        n->first = b;
        n->count = e - b;
        return;
    }
    float lo[3] = {FLT_MAX, FLT_MAX, FLT_MAX}, hi[3] = {-FLT_MAX, -FLT_MAX, -FLT_MAX};
    for (int i = b; i < e; i++)
        for (int k = 0; k < 3; k++) {
            float x = c->centroid[3 * c->order[i] + k];
            lo[k] = fminf(lo[k], x);
            hi[k] = fmaxf(hi[k], x);
        }
    int axis = 0;
    for (int k = 1; k < 3; k++)
        if (hi[k] - lo[k] > hi[axis] - lo[axis]) axis = k;
    int half = (e - b) / 2;
    select_k(c, b, e, half, axis);
    int left = c->nnode;
    c->nnode += 2;
    n->first = left;
    n->count = 0;
    build(c, left, b, b + half, depth + 1);
    build(c, left + 1, b + half, e, depth + 1);
}

ct_status ct_col_mesh_create(const float *vert, int nvert, const int *tri, int ntri, ct_col_mesh **out,
                             ct_error *err) {
    *out = NULL;
    if (ntri <= 0 || nvert <= 0) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "collision mesh has no triangles");
    for (int i = 0; i < 3 * nvert; i++)
        if (!isfinite(vert[i]))
            return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "collision mesh vertex %d is not finite", i / 3);
    for (int i = 0; i < 3 * ntri; i++)
        if (tri[i] < 0 || tri[i] >= nvert)
            return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "collision mesh triangle %d: vertex index %d out of range",
                                i / 3, tri[i]);
    ct_col_mesh *m = ct_alloc(sizeof *m);
    build_ctx c;
    memset(&c, 0, sizeof c);
    int maxnode = 2 * ntri;
    if (m) {
        m->node = ct_alloc(sizeof(ct_bvh_node) * (size_t)maxnode);
        m->tri = ct_alloc(sizeof(float) * 9 * (size_t)ntri);
        m->tri_id = ct_alloc(sizeof(int) * (size_t)ntri);
    }
    c.centroid = ct_alloc(sizeof(float) * 3 * (size_t)ntri);
    if (!m || !m->node || !m->tri || !m->tri_id || !c.centroid) {
        ct_free(c.centroid);
        ct_col_mesh_destroy(m);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory building a %d-triangle BVH", ntri);
    }
    c.vert = vert;
    c.tri = tri;
    c.order = m->tri_id;
    c.node = m->node;
    c.nnode = 1;
    for (int t = 0; t < ntri; t++) {
        m->tri_id[t] = t;
        for (int k = 0; k < 3; k++)
            c.centroid[3 * t + k] =
                (vert[3 * tri[3 * t] + k] + vert[3 * tri[3 * t + 1] + k] + vert[3 * tri[3 * t + 2] + k]) / 3.0f;
    }
    build(&c, 0, 0, ntri, 0);
    ct_free(c.centroid);
    CT_ASSERT(c.depth <= CT_BVH_MAX_DEPTH && c.nnode <= maxnode);
    m->ntri = ntri;
    m->nnode = c.nnode;
    m->depth = c.depth;
    double r2 = 0;
    for (int t = 0; t < ntri; t++)
        for (int v = 0; v < 3; v++) {
            const float *p = vert + 3 * tri[3 * m->tri_id[t] + v];
            for (int k = 0; k < 3; k++) m->tri[9 * t + 3 * v + k] = p[k];
            double d2 = (double)p[0] * p[0] + (double)p[1] * p[1] + (double)p[2] * p[2];
            if (d2 > r2) r2 = d2;
        }
    m->radius = (float)sqrt(r2);
    if ((double)m->radius * m->radius < r2) m->radius = nextafterf(m->radius, FLT_MAX);
    *out = m;
    return CT_OK;
}

void ct_col_mesh_destroy(ct_col_mesh *m) {
    if (!m) return;
    ct_free(m->node);
    ct_free(m->tri);
    ct_free(m->tri_id);
    ct_free(m);
}

ct_bvh_view ct_col_mesh_view(const ct_col_mesh *m) {
    ct_bvh_view v;
    v.node = m->node;
    v.tri = m->tri;
    v.ntri = m->ntri;
    return v;
}
