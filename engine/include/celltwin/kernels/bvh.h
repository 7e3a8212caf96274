/* Bounding-volume hierarchy kernels over triangle meshes: box tests and stackless-allocation
 * traversals for overlap and minimum distance (mesh-mesh, segment/point-mesh). Shared by the CPU
 * path and CUDA (CT_HD, C11/CUDA C++ subset). Units: metres.
 *
 * A tree is stored flat (built by ct_col_mesh_create, engine/collide): nodes are axis-aligned
 * boxes in the mesh frame, children of an inner node are adjacent (first, first + 1), leaves own
 * a run of triangles stored as 9 floats each in leaf order. Node 0 is the root. Traversal keeps
 * a fixed-size stack; trees are built no deeper than CT_BVH_MAX_DEPTH so it cannot overflow. */
#ifndef CELLTWIN_KERNELS_BVH_H
#define CELLTWIN_KERNELS_BVH_H

#include "celltwin/kernels/tri_dist.h"

#define CT_BVH_MAX_DEPTH 60          /* deepest leaf the builder makes (root = depth 0) */
#define CT_BVH_STACK 128             /* >= 2 * CT_BVH_MAX_DEPTH + 2 */

typedef struct ct_bvh_node {
    float c[3];   /* box centre (m, mesh frame) */
    float e[3];   /* box half extents (m), rounded up so the box encloses its triangles */
    int first;    /* leaf: first triangle; inner: left child (right child = first + 1) */
    int count;    /* leaf: triangle count (> 0); inner: 0 */
} ct_bvh_node;

/* Read-only view of one mesh's tree: node (nnode), tri (ntri x 9, leaf order). */
typedef struct ct_bvh_view {
    const ct_bvh_node *node;
    const float *tri;
    int ntri;
} ct_bvh_view;

/* Box of node b (in frame B) against box of node a (frame A), with x_A = R x_B + p.
 * Returns a lower bound of the distance between the boxes (<= 0: they may touch), from the
 * enclosing spheres and the 6 face axes of both boxes. */
CT_HD float ct_bvh_box_lb(const ct_bvh_node *a, const ct_bvh_node *b, const ct_xff *x, const float *absR) {
    const float *R = x->R.m;
    float T[3], pv[3];
    pv[0] = x->p.x; pv[1] = x->p.y; pv[2] = x->p.z;
    for (int k = 0; k < 3; k++)
        T[k] = R[3 * k] * b->c[0] + R[3 * k + 1] * b->c[1] + R[3 * k + 2] * b->c[2] + pv[k] - a->c[k];
    float lb = -3.0e38f;
    for (int k = 0; k < 3; k++) {   /* A's axes */
        float rb = absR[3 * k] * b->e[0] + absR[3 * k + 1] * b->e[1] + absR[3 * k + 2] * b->e[2];
        float g = fabsf(T[k]) - a->e[k] - rb;
        lb = g > lb ? g : lb;
    }
    for (int j = 0; j < 3; j++) {   /* B's axes */
        float tj = R[j] * T[0] + R[3 + j] * T[1] + R[6 + j] * T[2];
        float ra = absR[j] * a->e[0] + absR[3 + j] * a->e[1] + absR[6 + j] * a->e[2];
        float g = fabsf(tj) - b->e[j] - ra;
        lb = g > lb ? g : lb;
    }
    float ra = sqrtf(a->e[0] * a->e[0] + a->e[1] * a->e[1] + a->e[2] * a->e[2]);
    float rb = sqrtf(b->e[0] * b->e[0] + b->e[1] * b->e[1] + b->e[2] * b->e[2]);
    float g = sqrtf(T[0] * T[0] + T[1] * T[1] + T[2] * T[2]) - ra - rb;
    return g > lb ? g : lb;
}

/* |R| with a small increase so that the box tests stay conservative under rounding. */
CT_HD void ct_bvh_abs_rot(const ct_xff *x, float *absR) {
    for (int i = 0; i < 9; i++) absR[i] = fabsf(x->R.m[i]) + 1e-6f;
}

CT_HD void ct_bvh_load_tri(const float *src, const ct_xff *x, float *dst) {
    for (int v = 0; v < 3; v++) {
        ct_v3f w = ct_xff_apply(*x, ct_v3f_make(src[3 * v], src[3 * v + 1], src[3 * v + 2]));
        dst[3 * v] = w.x; dst[3 * v + 1] = w.y; dst[3 * v + 2] = w.z;
    }
}

CT_HD float ct_bvh_node_size(const ct_bvh_node *n) { return n->e[0] + n->e[1] + n->e[2]; }

/* Overlap of meshes a and b (b placed by x_A = R x_B + p): 1 when some pair of triangles is
 * within tol (ct_k_tri_overlap), with the triangle indices (leaf order) in *ta, *tb; 0 when
 * every pair is provably farther apart than about tol. tol also inflates the box tests. */
CT_HD int ct_bvh_collide(ct_bvh_view a, ct_bvh_view b, ct_xff x, float tol, int *ta, int *tb) {
    float absR[9];
    ct_bvh_abs_rot(&x, absR);
    int sa[CT_BVH_STACK], sb[CT_BVH_STACK];
    int top = 0;
    sa[0] = 0; sb[0] = 0; top = 1;
    float tb9[9];
    while (top > 0) {
        top--;
        const ct_bvh_node *na = a.node + sa[top], *nb = b.node + sb[top];
        if (ct_bvh_box_lb(na, nb, &x, absR) > tol) continue;
        if (na->count > 0 && nb->count > 0) {
            for (int j = nb->first; j < nb->first + nb->count; j++) {
                ct_bvh_load_tri(b.tri + 9 * j, &x, tb9);
                for (int i = na->first; i < na->first + na->count; i++)
                    if (ct_k_tri_overlap(a.tri + 9 * i, tb9, tol)) { *ta = i; *tb = j; return 1; }
            }
            continue;
        }
        int ia = (int)(na - a.node), ib = (int)(nb - b.node);
        if (nb->count > 0 || (na->count == 0 && ct_bvh_node_size(na) >= ct_bvh_node_size(nb))) {
            sa[top] = na->first + 1; sb[top] = ib; top++;
            sa[top] = na->first; sb[top] = ib; top++;
        } else {
            sa[top] = ia; sb[top] = nb->first + 1; top++;
            sa[top] = ia; sb[top] = nb->first; top++;
        }
    }
    return 0;
}

/* Minimum distance between meshes a and b (b placed by x), capped at d_stop: returns the
 * distance with closest points *pa (on a, frame A) and *pb (on b, frame A) and triangle indices
 * (leaf order), or d_stop with *ta = *tb = -1 when nothing is closer than d_stop. Returns 0 as
 * soon as an intersection is found. */
CT_HD float ct_bvh_distance(ct_bvh_view a, ct_bvh_view b, ct_xff x, float d_stop, ct_v3f *pa, ct_v3f *pb,
                            int *ta, int *tb) {
    float absR[9];
    ct_bvh_abs_rot(&x, absR);
    int sa[CT_BVH_STACK], sb[CT_BVH_STACK];
    float sl[CT_BVH_STACK];
    int top = 1;
    sa[0] = 0; sb[0] = 0; sl[0] = ct_bvh_box_lb(a.node, b.node, &x, absR);
    float best = d_stop, best2 = d_stop * d_stop;
    float tb9[9];
    *ta = -1; *tb = -1;
    while (top > 0) {
        top--;
        if (sl[top] >= best) continue;
        const ct_bvh_node *na = a.node + sa[top], *nb = b.node + sb[top];
        if (na->count > 0 && nb->count > 0) {
            for (int j = nb->first; j < nb->first + nb->count; j++) {
                ct_bvh_load_tri(b.tri + 9 * j, &x, tb9);
                for (int i = na->first; i < na->first + na->count; i++) {
                    ct_v3f c1, c2;
                    float d2 = ct_k_tri_tri(a.tri + 9 * i, tb9, &c1, &c2);
                    if (d2 < best2) {
                        best2 = d2; best = sqrtf(d2);
                        *pa = c1; *pb = c2; *ta = i; *tb = j;
                        if (d2 <= 0.0f) return 0.0f;
                    }
                }
            }
            continue;
        }
        int ia = sa[top], ib = sb[top];
        int c0a, c0b, c1a, c1b;
        if (nb->count > 0 || (na->count == 0 && ct_bvh_node_size(na) >= ct_bvh_node_size(nb))) {
            c0a = na->first; c1a = na->first + 1; c0b = ib; c1b = ib;
        } else {
            c0a = ia; c1a = ia; c0b = nb->first; c1b = nb->first + 1;
        }
        float l0 = ct_bvh_box_lb(a.node + c0a, b.node + c0b, &x, absR);
        float l1 = ct_bvh_box_lb(a.node + c1a, b.node + c1b, &x, absR);
        /* push the farther child first so the nearer one is visited next */
        if (l0 < l1) {
            if (l1 < best) { sa[top] = c1a; sb[top] = c1b; sl[top] = l1; top++; }
            if (l0 < best) { sa[top] = c0a; sb[top] = c0b; sl[top] = l0; top++; }
        } else {
            if (l0 < best) { sa[top] = c0a; sb[top] = c0b; sl[top] = l0; top++; }
            if (l1 < best) { sa[top] = c1a; sb[top] = c1b; sl[top] = l1; top++; }
        }
    }
    return best;
}

/* Lower bound of the distance from segment [p,q] to a node's box (<= 0: may touch). */
CT_HD float ct_bvh_seg_box_lb(const ct_bvh_node *n, ct_v3f p, ct_v3f q) {
    float lb = -3.0e38f;
    float pv[3], qv[3];
    pv[0] = p.x; pv[1] = p.y; pv[2] = p.z; qv[0] = q.x; qv[1] = q.y; qv[2] = q.z;
    for (int k = 0; k < 3; k++) {
        float lo = fminf(pv[k], qv[k]), hi = fmaxf(pv[k], qv[k]);
        float g = fmaxf(lo - (n->c[k] + n->e[k]), (n->c[k] - n->e[k]) - hi);
        lb = g > lb ? g : lb;
    }
    return lb;
}

/* Minimum distance from segment [p,q] (a point when p == q; mesh frame) to mesh a, capped at
 * d_stop; returns as soon as a distance <= stop_at is found (collide queries). Closest points
 * in *pm (mesh) and *ps (segment), triangle index in *ta (-1 when nothing below d_stop). */
CT_HD float ct_bvh_seg_distance(ct_bvh_view a, ct_v3f p, ct_v3f q, float d_stop, float stop_at, ct_v3f *pm,
                                ct_v3f *ps, int *ta) {
    int sn[CT_BVH_STACK];
    float sl[CT_BVH_STACK];
    int top = 1;
    sn[0] = 0; sl[0] = ct_bvh_seg_box_lb(a.node, p, q);
    float best = d_stop, best2 = d_stop * d_stop;
    *ta = -1;
    while (top > 0) {
        top--;
        if (sl[top] >= best) continue;
        const ct_bvh_node *n = a.node + sn[top];
        if (n->count > 0) {
            for (int i = n->first; i < n->first + n->count; i++) {
                ct_v3f cs, cm;
                float d2 = ct_k_seg_tri(p, q, a.tri + 9 * i, &cs, &cm);
                if (d2 < best2) {
                    best2 = d2; best = sqrtf(d2);
                    *pm = cm; *ps = cs; *ta = i;
                    if (best <= stop_at) return best;
                }
            }
            continue;
        }
        float l0 = ct_bvh_seg_box_lb(a.node + n->first, p, q);
        float l1 = ct_bvh_seg_box_lb(a.node + n->first + 1, p, q);
        if (l0 < l1) {
            if (l1 < best) { sn[top] = n->first + 1; sl[top] = l1; top++; }
            if (l0 < best) { sn[top] = n->first; sl[top] = l0; top++; }
        } else {
            if (l0 < best) { sn[top] = n->first; sl[top] = l0; top++; }
            if (l1 < best) { sn[top] = n->first + 1; sl[top] = l1; top++; }
        }
    }
    return best;
}

#endif
