/* Bounding-volume hierarchy kernels over triangle meshes: oriented-box tests and traversals with
 * a fixed-size stack for overlap and minimum distance (mesh-mesh, segment/point-mesh). Shared by
 * the CPU path and CUDA (CT_HD, C11/CUDA C++ subset). Units: metres.
 *
 * A tree is stored flat (built by ct_col_mesh_create, engine/collide): nodes are oriented boxes
 * in the mesh frame, children of an inner node are adjacent (first, first + 1), leaves own a run
 * of triangles stored as 9 floats each in leaf order. Node 0 is the root. Traversal keeps a
 * fixed-size stack; trees are built no deeper than CT_BVH_MAX_DEPTH so it cannot overflow.
 *
 * Node-pair lower bounds are separating-axis gaps (a gap along any unit axis never exceeds the
 * distance): the 6 face axes, the axis through the two centres (tight for far-apart boxes) and,
 * when those do not already prune, the 9 edge-edge axes. A relative slack covers float rounding
 * of the rotations, so bounds stay below the true box distance. */
#ifndef CELLTWIN_KERNELS_BVH_H
#define CELLTWIN_KERNELS_BVH_H

#include "celltwin/kernels/tri_dist.h"

#define CT_BVH_MAX_DEPTH 60          /* deepest leaf the builder makes (root = depth 0) */
#define CT_BVH_STACK 128             /* >= 2 * CT_BVH_MAX_DEPTH + 2 */

typedef struct ct_bvh_node {
    float c[3];   /* box centre (m, mesh frame) */
    float e[3];   /* half extents along the box axes (m), rounded up so the box encloses its triangles */
    float u[9];   /* box axes as rows (unit vectors, mesh frame): box coordinate k of x is u_k . (x - c) */
    int first;    /* leaf: first triangle; inner: left child (right child = first + 1) */
    int count;    /* leaf: triangle count (> 0); inner: 0 */
} ct_bvh_node;

/* Read-only view of one mesh's tree: node (nnode), tri (ntri x 9, leaf order). */
typedef struct ct_bvh_view {
    const ct_bvh_node *node;
    const float *tri;
    int ntri;
} ct_bvh_view;

/* Lower bound of the distance between the box of node a (frame A) and of node b (frame B, placed
 * by x_A = R x_B + p); <= 0: they may touch. Stops refining once the bound reaches `enough`
 * (pass a huge value for the tightest bound). */
CT_HD float ct_bvh_box_lb(const ct_bvh_node *a, const ct_bvh_node *b, const ct_xff *x, float enough) {
    const float *R = x->R.m;
    float V[9], M[9], A[9], d[3], T[3], t[3];
    for (int k = 0; k < 3; k++) {
        /* column j of V: b's axis j in frame A */
        for (int j = 0; j < 3; j++)
            V[3 * k + j] = R[3 * k] * b->u[3 * j] + R[3 * k + 1] * b->u[3 * j + 1] + R[3 * k + 2] * b->u[3 * j + 2];
        d[k] = R[3 * k] * b->c[0] + R[3 * k + 1] * b->c[1] + R[3 * k + 2] * b->c[2] - a->c[k];
    }
    d[0] += x->p.x; d[1] += x->p.y; d[2] += x->p.z;
    for (int i = 0; i < 3; i++) {
        /* b's axes and centre in a's box coordinates */
        for (int j = 0; j < 3; j++) {
            M[3 * i + j] = a->u[3 * i] * V[j] + a->u[3 * i + 1] * V[3 + j] + a->u[3 * i + 2] * V[6 + j];
            A[3 * i + j] = fabsf(M[3 * i + j]) + 1e-6f;
        }
        T[i] = a->u[3 * i] * d[0] + a->u[3 * i + 1] * d[1] + a->u[3 * i + 2] * d[2];
    }
    const float *ea = a->e, *eb = b->e;
    float tt = sqrtf(T[0] * T[0] + T[1] * T[1] + T[2] * T[2]);
    float slack = 4e-6f * (tt + ea[0] + ea[1] + ea[2] + eb[0] + eb[1] + eb[2]);
    float lb = -3.0e38f;
    for (int i = 0; i < 3; i++) {   /* a's face axes */
        float g = fabsf(T[i]) - ea[i] - (A[3 * i] * eb[0] + A[3 * i + 1] * eb[1] + A[3 * i + 2] * eb[2]);
        lb = g > lb ? g : lb;
    }
    for (int j = 0; j < 3; j++) {   /* b's face axes */
        t[j] = M[j] * T[0] + M[3 + j] * T[1] + M[6 + j] * T[2];
        float g = fabsf(t[j]) - eb[j] - (A[j] * ea[0] + A[3 + j] * ea[1] + A[6 + j] * ea[2]);
        lb = g > lb ? g : lb;
    }
    if (tt > 0.0f) {                /* the axis through both centres */
        float r = ea[0] * fabsf(T[0]) + ea[1] * fabsf(T[1]) + ea[2] * fabsf(T[2]) + eb[0] * fabsf(t[0]) +
                  eb[1] * fabsf(t[1]) + eb[2] * fabsf(t[2]);
        float g = tt - r / tt;
        lb = g > lb ? g : lb;
    }
    if (lb - slack >= enough) return lb - slack;
    for (int i = 0; i < 3; i++) {   /* a_i x b_j; skipped when nearly parallel (face axes cover it) */
        int i1 = i == 2 ? 0 : i + 1, i2 = i == 0 ? 2 : i - 1;
        for (int j = 0; j < 3; j++) {
            int j1 = j == 2 ? 0 : j + 1, j2 = j == 0 ? 2 : j - 1;
            float m = M[3 * i + j];
            float len2 = 1.0f - m * m;
            if (len2 < 0.01f) continue;
            float len = sqrtf(len2) + 1e-5f;
            float g = fabsf(T[i2] * M[3 * i1 + j] - T[i1] * M[3 * i2 + j]) - ea[i1] * A[3 * i2 + j] -
                      ea[i2] * A[3 * i1 + j] - eb[j1] * A[3 * i + j2] - eb[j2] * A[3 * i + j1];
            g /= len;
            lb = g > lb ? g : lb;
        }
    }
    return lb - slack;
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
    int sa[CT_BVH_STACK], sb[CT_BVH_STACK];
    int top = 0;
    sa[0] = 0; sb[0] = 0; top = 1;
    float tb9[9];
    while (top > 0) {
        top--;
        const ct_bvh_node *na = a.node + sa[top], *nb = b.node + sb[top];
        if (ct_bvh_box_lb(na, nb, &x, tol) > tol) continue;
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
 * soon as an intersection is found.
 * Warm start: when *ta and *tb hold a triangle pair on entry (e.g. the closest pair of the
 * previous query along a motion; -1 for none), that pair is measured first and its distance
 * caps the search, which then only visits node pairs that can beat it. The result is the same
 * minimum either way (ties may pick another pair). */
CT_HD float ct_bvh_distance(ct_bvh_view a, ct_bvh_view b, ct_xff x, float d_stop, ct_v3f *pa, ct_v3f *pb,
                            int *ta, int *tb) {
    int sa[CT_BVH_STACK], sb[CT_BVH_STACK];
    float sl[CT_BVH_STACK];
    float best = d_stop, best2 = d_stop * d_stop;
    float tb9[9];
    int ha = *ta, hb = *tb;
    *ta = -1; *tb = -1;
    if (ha >= 0 && hb >= 0 && ha < a.ntri && hb < b.ntri) {
        ct_v3f c1, c2;
        ct_bvh_load_tri(b.tri + 9 * hb, &x, tb9);
        float d2 = ct_k_tri_tri(a.tri + 9 * ha, tb9, &c1, &c2);
        if (d2 < best2) {
            best2 = d2; best = sqrtf(d2);
            *pa = c1; *pb = c2; *ta = ha; *tb = hb;
            if (d2 <= 0.0f) return 0.0f;
        }
    }
    int top = 1;
    sa[0] = 0; sb[0] = 0; sl[0] = ct_bvh_box_lb(a.node, b.node, &x, best);
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
        float l0 = ct_bvh_box_lb(a.node + c0a, b.node + c0b, &x, best);
        float l1 = ct_bvh_box_lb(a.node + c1a, b.node + c1b, &x, best);
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

/* Lower bound of the distance from segment [p,q] (mesh frame) to a node's box (<= 0: may touch),
 * from the box's face axes. */
CT_HD float ct_bvh_seg_box_lb(const ct_bvh_node *n, ct_v3f p, ct_v3f q) {
    float lb = -3.0e38f, mag = 0.0f;
    ct_v3f dp = ct_v3f_make(p.x - n->c[0], p.y - n->c[1], p.z - n->c[2]);
    ct_v3f dq = ct_v3f_make(q.x - n->c[0], q.y - n->c[1], q.z - n->c[2]);
    for (int k = 0; k < 3; k++) {
        ct_v3f u = ct_v3f_make(n->u[3 * k], n->u[3 * k + 1], n->u[3 * k + 2]);
        float pk = ct_v3f_dot(u, dp), qk = ct_v3f_dot(u, dq);
        float lo = fminf(pk, qk), hi = fmaxf(pk, qk);
        float g = fmaxf(lo - n->e[k], -n->e[k] - hi);
        lb = g > lb ? g : lb;
        mag = fmaxf(mag, fmaxf(fabsf(pk), fabsf(qk)));
    }
    return lb - 4e-6f * mag;
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
