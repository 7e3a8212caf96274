/* Float distance kernels between points, segments and triangles, and a triangle-triangle overlap
 * test. Shared by the CPU path and CUDA (CT_HD, C11/CUDA C++ subset). Units: metres.
 *
 * Accuracy: every function returns the distance between two points it constructs on the two
 * features, so the result is never below the true distance by more than the rounding of those
 * points (a few float ulps of the coordinate magnitude S). Callers subtract a stated margin
 * (collide.h: CT_COL_MARGIN_REL * S) to obtain certified lower bounds. */
#ifndef CELLTWIN_KERNELS_TRI_DIST_H
#define CELLTWIN_KERNELS_TRI_DIST_H

#include "celltwin/kernels/kmath.h"

CT_HD float ct_k_clamp01(float x) { return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x); }
CT_HD float ct_k_dist2(ct_v3f a, ct_v3f b) { ct_v3f d = ct_v3f_sub(a, b); return ct_v3f_dot(d, d); }

/* Closest points between segments [p0,p1] and [q0,q1] (either may be a point). Returns the
 * squared distance; *cp on the first, *cq on the second. Minimises over s first for the
 * unconstrained pair, then clamps t to [0,1] and re-solves s for the clamped t. */
CT_HD float ct_k_seg_seg(ct_v3f p0, ct_v3f p1, ct_v3f q0, ct_v3f q1, ct_v3f *cp, ct_v3f *cq) {
    ct_v3f u = ct_v3f_sub(p1, p0), v = ct_v3f_sub(q1, q0), w = ct_v3f_sub(p0, q0);
    float uu = ct_v3f_dot(u, u), vv = ct_v3f_dot(v, v), vw = ct_v3f_dot(v, w);
    float s = 0.0f, t = 0.0f;
    const float tiny = 1e-30f;
    if (uu <= tiny && vv <= tiny) {
        s = 0.0f; t = 0.0f;
    } else if (uu <= tiny) {
        s = 0.0f; t = ct_k_clamp01(vw / vv);
    } else {
        float uw = ct_v3f_dot(u, w);
        if (vv <= tiny) {
            t = 0.0f; s = ct_k_clamp01(-uw / uu);
        } else {
            float uv = ct_v3f_dot(u, v);
            float den = uu * vv - uv * uv;           /* >= 0; ~0 for parallel segments */
            s = den > 0.0f ? ct_k_clamp01((uv * vw - uw * vv) / den) : 0.0f;
            t = (uv * s + vw) / vv;                  /* best t for this s */
            if (t < 0.0f) { t = 0.0f; s = ct_k_clamp01(-uw / uu); }
            else if (t > 1.0f) { t = 1.0f; s = ct_k_clamp01((uv - uw) / uu); }
        }
    }
    *cp = ct_v3f_add(p0, ct_v3f_scale(u, s));
    *cq = ct_v3f_add(q0, ct_v3f_scale(v, t));
    return ct_k_dist2(*cp, *cq);
}

/* Closest point of triangle (a,b,c) to p, by Voronoi regions of the vertices, edges and face.
 * Returns the squared distance. The face case projects p along the normal (accurate for
 * small triangles far from the origin). */
CT_HD float ct_k_point_tri(ct_v3f p, ct_v3f a, ct_v3f b, ct_v3f c, ct_v3f *cp) {
    ct_v3f ab = ct_v3f_sub(b, a), ac = ct_v3f_sub(c, a), ap = ct_v3f_sub(p, a);
    float d1 = ct_v3f_dot(ab, ap), d2 = ct_v3f_dot(ac, ap);
    if (d1 <= 0.0f && d2 <= 0.0f) { *cp = a; return ct_k_dist2(p, a); }
    ct_v3f bp = ct_v3f_sub(p, b);
    float d3 = ct_v3f_dot(ab, bp), d4 = ct_v3f_dot(ac, bp);
    if (d3 >= 0.0f && d4 <= d3) { *cp = b; return ct_k_dist2(p, b); }
    ct_v3f cpv = ct_v3f_sub(p, c);
    float d5 = ct_v3f_dot(ab, cpv), d6 = ct_v3f_dot(ac, cpv);
    if (d6 >= 0.0f && d5 <= d6) { *cp = c; return ct_k_dist2(p, c); }
    float vc = d1 * d4 - d3 * d2;
    if (vc <= 0.0f && d1 >= 0.0f && d3 <= 0.0f) {
        float den = d1 - d3;
        *cp = ct_v3f_add(a, ct_v3f_scale(ab, den > 0.0f ? d1 / den : 0.0f));
        return ct_k_dist2(p, *cp);
    }
    float vb = d5 * d2 - d1 * d6;
    if (vb <= 0.0f && d2 >= 0.0f && d6 <= 0.0f) {
        float den = d2 - d6;
        *cp = ct_v3f_add(a, ct_v3f_scale(ac, den > 0.0f ? d2 / den : 0.0f));
        return ct_k_dist2(p, *cp);
    }
    float va = d3 * d6 - d5 * d4;
    if (va <= 0.0f && (d4 - d3) >= 0.0f && (d5 - d6) >= 0.0f) {
        ct_v3f bc = ct_v3f_sub(c, b);
        float num = d4 - d3, den = (d4 - d3) + (d5 - d6);
        *cp = ct_v3f_add(b, ct_v3f_scale(bc, den > 0.0f ? num / den : 0.0f));
        return ct_k_dist2(p, *cp);
    }
    /* inside the face: drop p onto the plane */
    ct_v3f n = ct_v3f_cross(ab, ac);
    float nn = ct_v3f_dot(n, n);
    if (!(nn > 0.0f)) { *cp = a; return ct_k_dist2(p, a); }   /* degenerate: handled by edges */
    float h = ct_v3f_dot(ap, n) / nn;
    *cp = ct_v3f_sub(p, ct_v3f_scale(n, h));
    return ct_k_dist2(p, *cp);
}

/* Where segment [p,q] crosses the closed triangle (a,b,c) with normal n = (b-a)x(c-a): returns 1
 * and the crossing point in *x, else 0. Coplanar segments return 0 (their contact is found by
 * the edge/vertex distances). */
CT_HD int ct_k_seg_cross_tri(ct_v3f p, ct_v3f q, ct_v3f a, ct_v3f b, ct_v3f c, ct_v3f n, ct_v3f *x) {
    float sp = ct_v3f_dot(n, ct_v3f_sub(p, a)), sq = ct_v3f_dot(n, ct_v3f_sub(q, a));
    if ((sp > 0.0f && sq > 0.0f) || (sp < 0.0f && sq < 0.0f) || sp == sq) return 0;
    float t = sp / (sp - sq);
    ct_v3f y = ct_v3f_add(p, ct_v3f_scale(ct_v3f_sub(q, p), t));
    /* inside when y is on the inner side of all three edges */
    if (ct_v3f_dot(n, ct_v3f_cross(ct_v3f_sub(b, a), ct_v3f_sub(y, a))) < 0.0f) return 0;
    if (ct_v3f_dot(n, ct_v3f_cross(ct_v3f_sub(c, b), ct_v3f_sub(y, b))) < 0.0f) return 0;
    if (ct_v3f_dot(n, ct_v3f_cross(ct_v3f_sub(a, c), ct_v3f_sub(y, c))) < 0.0f) return 0;
    *x = y;
    return 1;
}

/* Distance between segment [p,q] and triangle t (9 floats: a,b,c). Squared distance returned,
 * closest points in *cs (segment) and *ct (triangle). 0 when the segment crosses the triangle. */
CT_HD float ct_k_seg_tri(ct_v3f p, ct_v3f q, const float *t, ct_v3f *cs, ct_v3f *ct) {
    ct_v3f a = ct_v3f_make(t[0], t[1], t[2]), b = ct_v3f_make(t[3], t[4], t[5]), c = ct_v3f_make(t[6], t[7], t[8]);
    ct_v3f n = ct_v3f_cross(ct_v3f_sub(b, a), ct_v3f_sub(c, a));
    ct_v3f x;
    if (ct_k_seg_cross_tri(p, q, a, b, c, n, &x)) { *cs = x; *ct = x; return 0.0f; }
    ct_v3f s1, s2;
    float best = ct_k_point_tri(p, a, b, c, &s2);
    *cs = p; *ct = s2;
    float d = ct_k_point_tri(q, a, b, c, &s2);
    if (d < best) { best = d; *cs = q; *ct = s2; }
    ct_v3f e0[3], e1[3];
    e0[0] = a; e1[0] = b; e0[1] = b; e1[1] = c; e0[2] = c; e1[2] = a;
    for (int i = 0; i < 3; i++) {
        d = ct_k_seg_seg(p, q, e0[i], e1[i], &s1, &s2);
        if (d < best) { best = d; *cs = s1; *ct = s2; }
    }
    return best;
}

/* Distance between triangles t1 and t2 (9 floats each). Squared distance returned, closest
 * points in *c1, *c2 (equal when they intersect, then 0). Separated triangles have their closest
 * pair among the 6 vertex-face and 9 edge-edge pairs; intersecting ones have an edge of one
 * crossing the other, which is tested first. */
CT_HD float ct_k_tri_tri(const float *t1, const float *t2, ct_v3f *c1, ct_v3f *c2) {
    ct_v3f A[3], B[3];
    for (int i = 0; i < 3; i++) {
        A[i] = ct_v3f_make(t1[3 * i], t1[3 * i + 1], t1[3 * i + 2]);
        B[i] = ct_v3f_make(t2[3 * i], t2[3 * i + 1], t2[3 * i + 2]);
    }
    ct_v3f na = ct_v3f_cross(ct_v3f_sub(A[1], A[0]), ct_v3f_sub(A[2], A[0]));
    ct_v3f nb = ct_v3f_cross(ct_v3f_sub(B[1], B[0]), ct_v3f_sub(B[2], B[0]));
    ct_v3f x, p, q;
    for (int i = 0; i < 3; i++) {
        int j = i == 2 ? 0 : i + 1;
        if (ct_k_seg_cross_tri(A[i], A[j], B[0], B[1], B[2], nb, &x)) { *c1 = x; *c2 = x; return 0.0f; }
        if (ct_k_seg_cross_tri(B[i], B[j], A[0], A[1], A[2], na, &x)) { *c1 = x; *c2 = x; return 0.0f; }
    }
    float best = 3.0e38f, d;
    *c1 = A[0];
    *c2 = B[0];
    for (int i = 0; i < 3; i++) {
        d = ct_k_point_tri(A[i], B[0], B[1], B[2], &q);
        if (d < best) { best = d; *c1 = A[i]; *c2 = q; }
        d = ct_k_point_tri(B[i], A[0], A[1], A[2], &p);
        if (d < best) { best = d; *c1 = p; *c2 = B[i]; }
    }
    for (int i = 0; i < 3; i++) {
        int i1 = i == 2 ? 0 : i + 1;
        for (int j = 0; j < 3; j++) {
            int j1 = j == 2 ? 0 : j + 1;
            d = ct_k_seg_seg(A[i], A[i1], B[j], B[j1], &p, &q);
            if (d < best) { best = d; *c1 = p; *c2 = q; }
        }
    }
    return best;
}

/* Separating-axis test on axis L: 1 when the projections of the two triangles are more than
 * tol * |L| apart (separated with a margin); degenerate axes never separate. */
CT_HD int ct_k_tri_axis_separates(ct_v3f L, const ct_v3f *A, const ct_v3f *B, float tol) {
    float ll = ct_v3f_dot(L, L);
    if (!(ll > 1e-30f)) return 0;
    float a0 = ct_v3f_dot(L, A[0]), a1 = ct_v3f_dot(L, A[1]), a2 = ct_v3f_dot(L, A[2]);
    float b0 = ct_v3f_dot(L, B[0]), b1 = ct_v3f_dot(L, B[1]), b2 = ct_v3f_dot(L, B[2]);
    float amin = fminf(a0, fminf(a1, a2)), amax = fmaxf(a0, fmaxf(a1, a2));
    float bmin = fminf(b0, fminf(b1, b2)), bmax = fmaxf(b0, fmaxf(b1, b2));
    float g = tol * sqrtf(ll);
    return (bmin - amax > g) || (amin - bmax > g);
}

/* Conservative overlap test: 0 only when the triangles are provably farther apart than about
 * tol (some axis among the two normals, the 9 edge cross products and the 6 in-plane edge
 * normals separates them by more than tol); 1 otherwise (touching, intersecting, or within tol).
 * tol must exceed the rounding of the coordinates (a few ulps of their magnitude). */
CT_HD int ct_k_tri_overlap(const float *t1, const float *t2, float tol) {
    ct_v3f A[3], B[3], ea[3], eb[3];
    for (int i = 0; i < 3; i++) {
        A[i] = ct_v3f_make(t1[3 * i], t1[3 * i + 1], t1[3 * i + 2]);
        B[i] = ct_v3f_make(t2[3 * i], t2[3 * i + 1], t2[3 * i + 2]);
    }
    for (int i = 0; i < 3; i++) {
        int j = i == 2 ? 0 : i + 1;
        ea[i] = ct_v3f_sub(A[j], A[i]);
        eb[i] = ct_v3f_sub(B[j], B[i]);
    }
    ct_v3f na = ct_v3f_cross(ea[0], ea[1]), nb = ct_v3f_cross(eb[0], eb[1]);
    if (ct_k_tri_axis_separates(na, A, B, tol)) return 0;
    if (ct_k_tri_axis_separates(nb, A, B, tol)) return 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            if (ct_k_tri_axis_separates(ct_v3f_cross(ea[i], eb[j]), A, B, tol)) return 0;
    for (int i = 0; i < 3; i++) {
        if (ct_k_tri_axis_separates(ct_v3f_cross(na, ea[i]), A, B, tol)) return 0;
        if (ct_k_tri_axis_separates(ct_v3f_cross(nb, eb[i]), A, B, tol)) return 0;
    }
    return 1;
}

#endif
