/* Double-precision brute-force references for the collision tests, independent of the float
 * kernels: point-triangle and point-segment distances from libccd (ccdVec3PointTriDist2,
 * ccdVec3PointSegmentDist2), segment-segment by the unconstrained 2x2 solve or else the four
 * endpoint-segment distances, and triangle crossings by plane signs and barycentric
 * coordinates. Triangles are 9 doubles (a, b, c). */
#ifndef CT_TEST_REF_GEOM_H
#define CT_TEST_REF_GEOM_H

#include <math.h>

#include <ccd/vec3.h>

static inline ccd_vec3_t rg_v(const double *p) { ccd_vec3_t v; v.v[0] = p[0]; v.v[1] = p[1]; v.v[2] = p[2]; return v; }
static inline double rg_dot(const double *a, const double *b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
static inline void rg_sub(const double *a, const double *b, double *r) { for (int k = 0; k < 3; k++) r[k] = a[k] - b[k]; }
static inline void rg_cross(const double *a, const double *b, double *r) {
    r[0] = a[1] * b[2] - a[2] * b[1]; r[1] = a[2] * b[0] - a[0] * b[2]; r[2] = a[0] * b[1] - a[1] * b[0];
}

static inline double rg_point_seg(const double *p, const double *a, const double *b) {
    ccd_vec3_t P = rg_v(p), A = rg_v(a), B = rg_v(b), w;
    return sqrt(ccdVec3PointSegmentDist2(&P, &A, &B, &w));
}
/* A degenerate triangle (collinear or repeated vertices: libccd's 2x2 solve breaks down) is the
 * union of its edges. */
static inline double rg_point_tri(const double *p, const double *t) {
    double e1[3], e2[3], n[3];
    rg_sub(t + 3, t, e1); rg_sub(t + 6, t, e2); rg_cross(e1, e2, n);
    if (!(rg_dot(n, n) > 1e-20 * rg_dot(e1, e1) * rg_dot(e2, e2)))
        return fmin(rg_point_seg(p, t, t + 3), fmin(rg_point_seg(p, t + 3, t + 6), rg_point_seg(p, t + 6, t)));
    ccd_vec3_t P = rg_v(p), A = rg_v(t), B = rg_v(t + 3), C = rg_v(t + 6), w;
    return sqrt(ccdVec3PointTriDist2(&P, &A, &B, &C, &w));
}

static inline double rg_seg_seg(const double *p0, const double *p1, const double *q0, const double *q1) {
    double u[3], v[3], w[3];
    rg_sub(p1, p0, u); rg_sub(q1, q0, v); rg_sub(p0, q0, w);
    double a = rg_dot(u, u), b = rg_dot(u, v), c = rg_dot(v, v), d = rg_dot(u, w), e = rg_dot(v, w);
    double den = a * c - b * b;
    if (den > 1e-14 * a * c) {
        double s = (b * e - c * d) / den, t = (a * e - b * d) / den;
        if (s >= 0 && s <= 1 && t >= 0 && t <= 1) {
            double x[3];
            for (int k = 0; k < 3; k++) x[k] = p0[k] + s * u[k] - q0[k] - t * v[k];
            return sqrt(rg_dot(x, x));
        }
    }
    double m = rg_point_seg(p0, q0, q1);
    m = fmin(m, rg_point_seg(p1, q0, q1));
    m = fmin(m, rg_point_seg(q0, p0, p1));
    return fmin(m, rg_point_seg(q1, p0, p1));
}

/* 1 when segment [p,q] meets triangle t at a point strictly crossing its plane. */
static inline int rg_seg_crosses(const double *p, const double *q, const double *t) {
    double e1[3], e2[3], n[3], dp[3], dq[3];
    rg_sub(t + 3, t, e1); rg_sub(t + 6, t, e2); rg_cross(e1, e2, n);
    /* degenerate triangle: no plane to cross (its contacts are edge contacts) */
    if (!(rg_dot(n, n) > 1e-20 * rg_dot(e1, e1) * rg_dot(e2, e2))) return 0;
    rg_sub(p, t, dp); rg_sub(q, t, dq);
    double sp = rg_dot(n, dp), sq = rg_dot(n, dq);
    if ((sp > 0 && sq > 0) || (sp < 0 && sq < 0) || sp == sq) return 0;
    double s = sp / (sp - sq), x[3], r[3];
    for (int k = 0; k < 3; k++) x[k] = p[k] + s * (q[k] - p[k]);
    rg_sub(x, t, r);
    /* barycentric coordinates of x */
    double d00 = rg_dot(e1, e1), d01 = rg_dot(e1, e2), d11 = rg_dot(e2, e2), d20 = rg_dot(r, e1), d21 = rg_dot(r, e2);
    double den = d00 * d11 - d01 * d01;
    if (!(den > 0)) return 0;
    double bv = (d11 * d20 - d01 * d21) / den, bw = (d00 * d21 - d01 * d20) / den;
    return bv >= 0 && bw >= 0 && bv + bw <= 1;
}

static inline double rg_tri_tri(const double *a, const double *b) {
    for (int i = 0; i < 3; i++) {
        int j = (i + 1) % 3;
        if (rg_seg_crosses(a + 3 * i, a + 3 * j, b) || rg_seg_crosses(b + 3 * i, b + 3 * j, a)) return 0;
    }
    double m = INFINITY;
    for (int i = 0; i < 3; i++) {
        m = fmin(m, rg_point_tri(a + 3 * i, b));
        m = fmin(m, rg_point_tri(b + 3 * i, a));
        for (int j = 0; j < 3; j++)
            m = fmin(m, rg_seg_seg(a + 3 * i, a + 3 * ((i + 1) % 3), b + 3 * j, b + 3 * ((j + 1) % 3)));
    }
    return m;
}

/* Axis-aligned bounds of a triangle, for the exact AABB filter of the large brute forces. */
static inline void rg_tri_box(const double *t, double *lo, double *hi) {
    for (int k = 0; k < 3; k++) {
        lo[k] = fmin(t[k], fmin(t[3 + k], t[6 + k]));
        hi[k] = fmax(t[k], fmax(t[3 + k], t[6 + k]));
    }
}

#endif
