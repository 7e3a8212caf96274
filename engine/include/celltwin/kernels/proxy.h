/* Conservative proxies and primitive kernels: capsules (a segment swept by a radius; a sphere is a
 * capsule of zero length) and boxes. Used to prune link pairs before exact mesh queries and for
 * primitive-primitive queries. CT_HD, C11/CUDA C++ subset. Units: metres. */
#ifndef CELLTWIN_KERNELS_PROXY_H
#define CELLTWIN_KERNELS_PROXY_H

#include "celltwin/kernels/tri_dist.h"

/* A capsule in some frame: segment [p0, p1] swept by radius r. */
typedef struct ct_capsule_f {
    ct_v3f p0, p1;
    float r;
} ct_capsule_f;

CT_HD ct_capsule_f ct_capsule_xform(ct_capsule_f c, ct_xff x) {
    ct_capsule_f o;
    o.p0 = ct_xff_apply(x, c.p0);
    o.p1 = ct_xff_apply(x, c.p1);
    o.r = c.r;
    return o;
}

/* Distance between two capsules (negative: penetration depth along the core segments). */
CT_HD float ct_capsule_distance(ct_capsule_f a, ct_capsule_f b) {
    ct_v3f pa, pb;
    return sqrtf(ct_k_seg_seg(a.p0, a.p1, b.p0, b.p1, &pa, &pb)) - a.r - b.r;
}

/* Closest point of a box (centre 0, half extents h, box frame) to p; returns the squared
 * distance (0 inside). */
CT_HD float ct_box_point(const float *h, ct_v3f p, ct_v3f *cp) {
    float v[3], c[3];
    v[0] = p.x; v[1] = p.y; v[2] = p.z;
    float d2 = 0.0f;
    for (int k = 0; k < 3; k++) {
        c[k] = v[k] < -h[k] ? -h[k] : (v[k] > h[k] ? h[k] : v[k]);
        d2 += (v[k] - c[k]) * (v[k] - c[k]);
    }
    *cp = ct_v3f_make(c[0], c[1], c[2]);
    return d2;
}

/* Separating-axis test of two boxes (half extents ha in frame A at the origin, hb placed by
 * x_A = R x_B + p) over all 15 axes: returns the largest separation found (a lower bound of the
 * distance; <= 0 means they overlap, exactly so for boxes up to rounding). */
CT_HD float ct_box_box_separation(const float *ha, const float *hb, ct_xff x) {
    const float *R = x.R.m;
    float A[9], T[3];
    for (int i = 0; i < 9; i++) A[i] = fabsf(R[i]) + 1e-6f;
    T[0] = x.p.x; T[1] = x.p.y; T[2] = x.p.z;
    float best = -3.0e38f;
    for (int i = 0; i < 3; i++) {
        float g = fabsf(T[i]) - ha[i] - (A[3 * i] * hb[0] + A[3 * i + 1] * hb[1] + A[3 * i + 2] * hb[2]);
        best = g > best ? g : best;
    }
    for (int j = 0; j < 3; j++) {
        float tj = R[j] * T[0] + R[3 + j] * T[1] + R[6 + j] * T[2];
        float g = fabsf(tj) - hb[j] - (A[j] * ha[0] + A[3 + j] * ha[1] + A[6 + j] * ha[2]);
        best = g > best ? g : best;
    }
    /* axis a_i x b_j, normalised by its length */
    for (int i = 0; i < 3; i++) {
        int i1 = (i + 1) % 3, i2 = (i + 2) % 3;
        for (int j = 0; j < 3; j++) {
            int j1 = (j + 1) % 3, j2 = (j + 2) % 3;
            float len = sqrtf(fmaxf(0.0f, 1.0f - R[3 * i + j] * R[3 * i + j]));
            if (len < 1e-4f) continue;   /* parallel axes: covered by the face axes */
            float t = fabsf(T[i2] * R[3 * i1 + j] - T[i1] * R[3 * i2 + j]);
            float ra = ha[i1] * A[3 * i2 + j] + ha[i2] * A[3 * i1 + j];
            float rb = hb[j1] * A[3 * i + j2] + hb[j2] * A[3 * i + j1];
            float g = (t - ra - rb) / len;
            best = g > best ? g : best;
        }
    }
    return best;
}

#endif
