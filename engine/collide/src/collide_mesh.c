/* Collision meshes: validation and the flat BVH build (oriented boxes from the principal axes of
 * each node's vertices, or the mesh axes when that box is smaller; median split of the triangle
 * centroids along the box's longest axis; at most CT_COL_LEAF triangles per leaf). */
#include <float.h>
#include <math.h>
#include <string.h>

#include "celltwin/collide.h"

#define CT_COL_LEAF 1

typedef struct build_ctx {
    const float *vert;
    const int *tri;
    int *order;        /* (ntri) triangle permutation being partitioned */
    float *centroid;   /* (ntri x 3) by input triangle index */
    float *key;        /* (ntri) split key by input triangle index */
    ct_bvh_node *node;
    int nnode;
    int depth;
} build_ctx;

/* Eigenvectors of the symmetric 3x3 matrix a (row-major, destroyed) by cyclic Jacobi rotations:
 * rows of v, unit and mutually orthogonal. */
static void sym_eigen(double *a, double *v) {
    for (int i = 0; i < 9; i++) v[i] = i % 4 == 0 ? 1.0 : 0.0;
    for (int sweep = 0; sweep < 32; sweep++) {
        double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
        if (off <= 1e-30 * (a[0] * a[0] + a[4] * a[4] + a[8] * a[8]) || off == 0.0) break;
        for (int p = 0; p < 2; p++)
            for (int q = p + 1; q < 3; q++) {
                double apq = a[3 * p + q];
                if (apq == 0.0) continue;
                double th = 0.5 * (a[3 * q + q] - a[3 * p + p]) / apq;
                double t = (th >= 0 ? 1.0 : -1.0) / (fabs(th) + sqrt(th * th + 1.0));
                double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (int k = 0; k < 3; k++) {   /* a = J^T a J, columns p, q then rows p, q */
                    double akp = a[3 * k + p], akq = a[3 * k + q];
                    a[3 * k + p] = c * akp - s * akq;
                    a[3 * k + q] = s * akp + c * akq;
                }
                for (int k = 0; k < 3; k++) {
                    double apk = a[3 * p + k], aqk = a[3 * q + k];
                    a[3 * p + k] = c * apk - s * aqk;
                    a[3 * q + k] = s * apk + c * aqk;
                }
                for (int k = 0; k < 3; k++) {   /* eigenvectors as rows of v */
                    double vp = v[3 * p + k], vq = v[3 * q + k];
                    v[3 * p + k] = c * vp - s * vq;
                    v[3 * q + k] = s * vp + c * vq;
                }
            }
    }
}

/* Box of the triangles order[b..e) on the float axes u (rows): centre and half extents computed in
 * double against the stored float axes and centre, extents rounded up. Returns a size measure
 * (surface area / 4 plus a length term, to compare candidate boxes). */
static double fit_box(const build_ctx *c, int b, int e, const float *u, ct_bvh_node *n) {
    double lo[3] = {DBL_MAX, DBL_MAX, DBL_MAX}, hi[3] = {-DBL_MAX, -DBL_MAX, -DBL_MAX};
    for (int i = b; i < e; i++) {
        const int *t = c->tri + 3 * c->order[i];
        for (int v = 0; v < 3; v++) {
            const float *x = c->vert + 3 * t[v];
            for (int k = 0; k < 3; k++) {
                double d = (double)u[3 * k] * x[0] + (double)u[3 * k + 1] * x[1] + (double)u[3 * k + 2] * x[2];
                if (d < lo[k]) lo[k] = d;
                if (d > hi[k]) hi[k] = d;
            }
        }
    }
    double cc[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++)
        for (int j = 0; j < 3; j++) cc[j] += 0.5 * (lo[k] + hi[k]) * u[3 * k + j];
    for (int j = 0; j < 3; j++) n->c[j] = (float)cc[j];
    double need[3] = {0, 0, 0};
    for (int i = b; i < e; i++) {
        const int *t = c->tri + 3 * c->order[i];
        for (int v = 0; v < 3; v++) {
            const float *x = c->vert + 3 * t[v];
            double d[3] = {(double)x[0] - n->c[0], (double)x[1] - n->c[1], (double)x[2] - n->c[2]};
            for (int k = 0; k < 3; k++)
                need[k] = fmax(need[k], fabs(u[3 * k] * d[0] + u[3 * k + 1] * d[1] + u[3 * k + 2] * d[2]));
        }
    }
    for (int k = 0; k < 3; k++) {
        float ef = (float)(need[k] * (1.0 + 1e-6));
        if ((double)ef < need[k]) ef = nextafterf(ef, FLT_MAX);
        n->e[k] = ef;
        n->u[3 * k] = u[3 * k]; n->u[3 * k + 1] = u[3 * k + 1]; n->u[3 * k + 2] = u[3 * k + 2];
    }
    double x = n->e[0], y = n->e[1], z = n->e[2];
    return x * y + y * z + z * x + 0.01 * (x + y + z) * (x + y + z);
}

/* Node box: the smaller of the principal-axes box and the mesh-axes box. */
static void node_box(build_ctx *c, int b, int e, ct_bvh_node *n) {
    double m[3] = {0, 0, 0}, cov[9] = {0};
    int nv = 3 * (e - b);
    for (int i = b; i < e; i++) {
        const int *t = c->tri + 3 * c->order[i];
        for (int v = 0; v < 3; v++)
            for (int k = 0; k < 3; k++) m[k] += c->vert[3 * t[v] + k];
    }
    for (int k = 0; k < 3; k++) m[k] /= nv;
    for (int i = b; i < e; i++) {
        const int *t = c->tri + 3 * c->order[i];
        for (int v = 0; v < 3; v++) {
            const float *x = c->vert + 3 * t[v];
            double d[3] = {x[0] - m[0], x[1] - m[1], x[2] - m[2]};
            for (int r = 0; r < 3; r++)
                for (int k = 0; k < 3; k++) cov[3 * r + k] += d[r] * d[k];
        }
    }
    double ev[9];
    sym_eigen(cov, ev);
    /* right-handed: third axis = first x second */
    ev[6] = ev[1] * ev[5] - ev[2] * ev[4];
    ev[7] = ev[2] * ev[3] - ev[0] * ev[5];
    ev[8] = ev[0] * ev[4] - ev[1] * ev[3];
    float u[9], id[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    for (int i = 0; i < 9; i++) u[i] = (float)ev[i];
    ct_bvh_node pca, aab;
    double sp = fit_box(c, b, e, u, &pca), sa = fit_box(c, b, e, id, &aab);
    *n = sp < sa ? pca : aab;
}

/* Moves the triangles with the k smallest keys (centroid[axis]) to order[b..b+k) (quickselect;
 * ties broken by triangle index so the build is deterministic). */
static int key_less(const build_ctx *c, int ta, int tb) {
    float ka = c->key[ta], kb = c->key[tb];
    return ka < kb || (ka == kb && ta < tb);
}
static void select_k(build_ctx *c, int b, int e, int k) {
    int *o = c->order;
    int lo = b, hi = e - 1, target = b + k;
    while (lo < hi) {
        int pivot = o[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (key_less(c, o[i], pivot)) i++;
            while (key_less(c, pivot, o[j])) j--;
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
    /* split axis: the box axis along which the centroids spread most */
    float lo[3] = {FLT_MAX, FLT_MAX, FLT_MAX}, hi[3] = {-FLT_MAX, -FLT_MAX, -FLT_MAX};
    for (int i = b; i < e; i++) {
        const float *x = c->centroid + 3 * c->order[i];
        for (int k = 0; k < 3; k++) {
            float d = n->u[3 * k] * x[0] + n->u[3 * k + 1] * x[1] + n->u[3 * k + 2] * x[2];
            lo[k] = d < lo[k] ? d : lo[k];
            hi[k] = d > hi[k] ? d : hi[k];
        }
    }
    int axis = 0;
    for (int k = 1; k < 3; k++)
        if (hi[k] - lo[k] > hi[axis] - lo[axis]) axis = k;
    const float *u = n->u + 3 * axis;
    for (int i = b; i < e; i++) {
        const float *x = c->centroid + 3 * c->order[i];
        c->key[c->order[i]] = u[0] * x[0] + u[1] * x[1] + u[2] * x[2];
    }
    int half = (e - b) / 2;
    select_k(c, b, e, half);
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
        m->leaf_of = ct_alloc(sizeof(int) * (size_t)ntri);
    }
    c.centroid = ct_alloc(sizeof(float) * 4 * (size_t)ntri);
    if (!m || !m->node || !m->tri || !m->tri_id || !m->leaf_of || !c.centroid) {
        ct_free(c.centroid);
        ct_col_mesh_destroy(m);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory building a %d-triangle BVH", ntri);
    }
    c.key = c.centroid + 3 * (size_t)ntri;
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
    for (int t = 0; t < ntri; t++) m->leaf_of[m->tri_id[t]] = t;
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
    ct_free(m->leaf_of);
    ct_free(m);
}

ct_bvh_view ct_col_mesh_view(const ct_col_mesh *m) {
    ct_bvh_view v;
    v.node = m->node;
    v.tri = m->tri;
    v.ntri = m->ntri;
    return v;
}
