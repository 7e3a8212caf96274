/* Closed-form IK of 6R arms with parallel axes 2,3 and a spherical wrist, generic over the URDF
 * geometry: product of exponentials at q = 0 in the base frame and Paden-Kahan subproblems.
 *   wrist centre c (axes 4,5,6 meet) -> target wrist p = g * c_tip
 *   q1: the coordinate of the wrist along u (axes 2,3) is invariant under q2,q3 (2 roots: front/back)
 *   q3: distance of the wrist from axis 2 in the plane perpendicular to u (2 roots: elbow)
 *   q2: rotation about axis 2 taking the elbow-rotated wrist onto the target (subproblem 1)
 *   q4,q5: subproblem 2 on w6 (2 roots: wrist flip); q6: subproblem 1 on a vector normal to w6.
 * Angles are carried as (cos, sin) pairs to avoid trigonometric calls; atan2 only for the output. */
#include <math.h>

#include "ik_internal.h"

/* R(w, angle) v from cos/sin (Rodrigues). */
static inline ct_vec3 rotv(ct_vec3 w, double c, double s, ct_vec3 v) {
    double k = (1.0 - c) * ct_v3_dot(w, v);
    ct_vec3 x = ct_v3_cross(w, v);
    return ct_v3(c * v.x + s * x.x + k * w.x, c * v.y + s * x.y + k * w.y, c * v.z + s * x.z + k * w.z);
}

static inline double fast_hypot(double x, double y) { return sqrt(x * x + y * y); } /* |x|,|y| < 1e100 */

static inline ct_vec3 proj_perp(ct_vec3 u, ct_vec3 v) { return ct_v3_madd(v, u, -ct_v3_dot(u, v)); }

/* Distance from point x to the line (p, w), w unit. */
static double line_dist(ct_vec3 x, ct_vec3 p, ct_vec3 w) { return ct_v3_norm(proj_perp(w, ct_v3_sub(x, p))); }

/* Point nearest (least squares) to three lines; 0 when they are (nearly) all parallel. */
static int nearest_point(const ct_vec3 *p, const ct_vec3 *w, ct_vec3 *out) {
    double A[9] = {0}, b[3] = {0};
    for (int i = 0; i < 3; i++) {
        double P[9], wv[3] = {w[i].x, w[i].y, w[i].z}, pv[3] = {p[i].x, p[i].y, p[i].z};
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++) P[3 * r + c] = (r == c) - wv[r] * wv[c];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++) {
                A[3 * r + c] += P[3 * r + c];
                b[r] += P[3 * r + c] * pv[c];
            }
    }
    double det = A[0] * (A[4] * A[8] - A[5] * A[7]) - A[1] * (A[3] * A[8] - A[5] * A[6]) +
                 A[2] * (A[3] * A[7] - A[4] * A[6]);
    if (fabs(det) < 1e-6) return 0;
    /* Cramer's rule */
    double x[3];
    for (int k = 0; k < 3; k++) {
        double M[9];
        for (int i = 0; i < 9; i++) M[i] = A[i];
        for (int r = 0; r < 3; r++) M[3 * r + k] = b[r];
        x[k] = (M[0] * (M[4] * M[8] - M[5] * M[7]) - M[1] * (M[3] * M[8] - M[5] * M[6]) +
                M[2] * (M[3] * M[7] - M[4] * M[6])) / det;
    }
    *out = ct_v3(x[0], x[1], x[2]);
    return 1;
}

static ct_vec3 any_perp(ct_vec3 w) {
    ct_vec3 e = fabs(w.x) < 0.6 ? ct_v3(1, 0, 0) : (fabs(w.y) < 0.6 ? ct_v3(0, 1, 0) : ct_v3(0, 0, 1));
    return ct_v3_normalize(ct_v3_cross(w, e));
}

#define CT_IK_NEAR_TOL 1e-3  /* largest miss of axis 6 and the wrist centre (m), iterated on q6 */
#define CT_IK_MEET_TOL 1e-9  /* axes 4,5 meet / axes 2,3 parallel within this (m, rad) */
#define CT_IK_EXACT_TOL 1e-12

void ct_ik_analytic_detect(const ct_robot *robot, struct ct_ik_model *m) {
    (void)robot;
    m->has_analytic = 0;
    if (m->nchain != 6 || m->njoint != 6) return;
    for (int i = 0; i < 6; i++) {
        const ct_ik_joint *j = &m->joint[i];
        if (j->prismatic || j->col != i || j->mul != 1.0 || j->off != 0.0) return;
    }
    double jc[6] = {1, 1, 1, 1, 1, 1}, js[6] = {0}, jd[6] = {0};
    ct_vec3 w[6], p[6];
    ct_xform g0 = ct_ik_chain_fk_cs(m, jc, js, jd, w, p);
    for (int i = 0; i < 6; i++) w[i] = ct_v3_normalize(w[i]);

    ct_ik_analytic *an = &m->an;
    an->a = w[0];
    an->p1 = p[0];
    an->u = w[1];
    an->p2 = p[1];
    double par = ct_v3_norm(ct_v3_cross(w[1], w[2]));
    if (par > CT_IK_NEAR_TOL) return;
    if (ct_v3_norm(ct_v3_cross(w[0], w[1])) < 0.1) return; /* axis 1 must not be parallel to 2 */
    an->s3 = ct_v3_dot(w[1], w[2]) >= 0 ? 1.0 : -1.0;
    ct_vec3 p3 = p[2];

    /* wrist centre: where axes 4 and 5 meet; axis 6 should pass through it too (spherical
     * wrist), but may miss it by up to 1 mm (e.g. rounded rpy in the URDF): then c moves with q6
     * and the solver iterates on q6 */
    ct_vec3 c;
    if (!nearest_point(&p[3], &w[3], &c)) return;
    {
        ct_vec3 n = ct_v3_cross(w[3], w[4]);
        double sn = ct_v3_norm(n);
        if (sn < 0.1) return;
        double gap = fabs(ct_v3_dot(ct_v3_sub(p[4], p[3]), n)) / sn; /* distance between axes 4 and 5 */
        if (gap > CT_IK_MEET_TOL) return;
        /* the point on axis 4 nearest to axis 5 */
        ct_vec3 d = ct_v3_sub(p[4], p[3]);
        double b = ct_v3_dot(w[3], w[4]), e1 = ct_v3_dot(w[3], d), e2 = ct_v3_dot(w[4], d);
        double t4 = (e1 - b * e2) / (1 - b * b);
        c = ct_v3_madd(p[3], w[3], t4);
    }
    double off6 = line_dist(c, p[5], w[5]);
    if (off6 > CT_IK_NEAR_TOL || par > CT_IK_MEET_TOL) return;
    if (ct_v3_norm(ct_v3_cross(w[4], w[5])) < 0.1) return;
    an->c = c;
    an->exact = off6 <= CT_IK_EXACT_TOL;
    an->cp6 = proj_perp(w[5], ct_v3_sub(c, p[5]));
    an->p6 = ct_v3_sub(c, an->cp6); /* foot of c on axis 6 */
    ct_vec3 u = an->u, a = an->a;
    /* arm plane data: q3 needs the wrist off axis 3 and axis 3 off axis 2 */
    ct_vec3 w3 = ct_v3_scale(u, an->s3);
    an->o3 = proj_perp(u, ct_v3_sub(an->p2, p3));
    an->v3 = proj_perp(u, ct_v3_sub(c, p3));
    an->w3xv = ct_v3_cross(w3, an->v3);
    an->A3 = ct_v3_dot(an->o3, an->v3);
    an->B3 = ct_v3_dot(an->o3, an->w3xv);
    an->r3 = fast_hypot(an->A3, an->B3);
    an->L3 = ct_v3_dot(an->v3, an->v3) + ct_v3_dot(an->o3, an->o3);
    if (ct_v3_norm(an->o3) < 1e-6 || ct_v3_norm(an->v3) < 1e-6) return;

    an->au = ct_v3_dot(a, u);
    an->u_perp = ct_v3_madd(u, a, -an->au);
    an->axu = ct_v3_cross(a, u);
    an->k1 = ct_v3_dot(u, ct_v3_sub(c, an->p1));

    an->w4 = w[3];
    an->w5 = w[4];
    an->w6 = w[5];
    an->n45 = ct_v3_cross(w[3], w[4]);
    an->c45 = ct_v3_dot(w[3], w[4]);
    an->s45 = ct_v3_norm(an->n45);
    an->e2 = ct_v3_scale(an->n45, 1.0 / an->s45);
    an->e1 = ct_v3_cross(an->e2, an->w4);
    an->w5x = ct_v3_dot(w[4], w[5]);
    an->v6 = any_perp(w[5]);

    an->R0T = ct_m3_transpose(g0.R);
    an->c_tip = ct_m3_mulv(an->R0T, ct_v3_sub(c, g0.p));
    an->g0p = g0.p;
    for (int i = 0; i < 6; i++) an->dof[i] = m->joint[i].dof;

    /* forward: perpendicular to axes 1 and 2, towards the shoulder offset (else towards the wrist
     * at q = 0, else the way q2 > 0 tilts an upright upper arm) */
    ct_vec3 up = a.z < -1e-9 ? ct_v3_neg(a) : a;
    ct_vec3 n = ct_v3_normalize(ct_v3_cross(u, up));
    double sh = ct_v3_dot(n, ct_v3_sub(an->p2, an->p1)), wc = ct_v3_dot(n, ct_v3_sub(c, an->p1));
    if (fabs(sh) > 1e-6) n = sh > 0 ? n : ct_v3_neg(n);
    else if (fabs(wc) > 1e-6) n = wc > 0 ? n : ct_v3_neg(n);
    an->fwd = n;
    an->m0 = ct_v3_dot(n, ct_v3_sub(an->p2, an->p1));
    /* elbow: turn direction at axis 3 (upper arm -> forearm) about u; "up" is the turn of an
     * upright upper arm with the forearm pointing forward */
    double ref = ct_v3_dot(u, ct_v3_cross(up, n)) >= 0 ? 1.0 : -1.0;
    an->ec = -ref * ct_v3_dot(u, ct_v3_cross(an->o3, an->v3));
    an->es = -ref * ct_v3_dot(u, ct_v3_cross(an->o3, an->w3xv));
    /* flip: sign of the bend of w6 away from w4 about w5 (relative to w6's side at q = 0) */
    double sig = ct_v3_dot(an->w4, an->w6) >= 0 ? 1.0 : -1.0;
    an->fc = -sig * ct_v3_dot(an->w6, an->n45);
    an->fs = -sig * ct_v3_dot(ct_v3_cross(an->w5, an->w6), an->n45);
    m->has_analytic = 1;
}

/* Flags from cos/sin of q2, q3, q5. */
static unsigned config_cs(const ct_ik_analytic *an, double c2, double s2, double c3, double s3, double c5,
                          double s5) {
    unsigned f = 0;
    ct_vec3 x = ct_v3_sub(ct_v3_add(ct_v3_scale(an->v3, c3), ct_v3_scale(an->w3xv, s3)), an->o3);
    double m = an->m0 + c2 * ct_v3_dot(an->fwd, x) + s2 * ct_v3_dot(an->fwd, ct_v3_cross(an->u, x));
    if (m < 0) f |= CT_IK_BACK;
    if (an->ec * c3 + an->es * s3 < 0) f |= CT_IK_ELBOW_DOWN;
    if (an->fc * c5 + an->fs * s5 < 0) f |= CT_IK_WRIST_FLIP;
    return f;
}

unsigned ct_ik_analytic_config(const ct_ik_analytic *an, const double *q) {
    double q2 = q[an->dof[1]], q3 = q[an->dof[2]], q5 = q[an->dof[4]];
    return config_cs(an, cos(q2), sin(q2), cos(q3), sin(q3), cos(q5), sin(q5));
}

/* Roots of A cos t + B sin t = K (r = fast_hypot(A, B) > 0): 0, 1 (tangent, clamped) or 2. With
 * `twin`, a tangent root is returned twice (near-spherical models refine each towards its own
 * root of the real chain). */
static int trig_roots(double A, double B, double r, double K, double tol, int twin, double *c, double *s) {
    double ck = K / r;
    if (ck > 1.0 || ck < -1.0) {
        if (fabs(K) - r > tol) return 0;
        ck = ck > 0 ? 1.0 : -1.0;
    }
    double cp = A / r, sp = B / r, sk = sqrt(fmax(0.0, 1.0 - ck * ck));
    c[0] = cp * ck - sp * sk;
    s[0] = sp * ck + cp * sk;
    if (sk == 0.0 && !twin) return 1;
    c[1] = cp * ck + sp * sk;
    s[1] = sp * ck - cp * sk;
    return 2;
}

typedef struct cand {
    double c[6], s[6];
    int branch; /* root indices: q1 | q3 << 1 | wrist << 2 */
} cand;

/* Builds the 0..8 raw closed-form candidates; returns the count (-1: wrist out of reach). */
static int candidates(const ct_ik_analytic *an, ct_xform g, const double *seed, double c6, double s6, cand *out) {
    ct_mat3 M = ct_m3_mul(g.R, an->R0T);
    ct_vec3 ct = an->c_tip;
    if (!an->exact) /* wrist centre off axis 6: where it sits in the flange frame for this q6 */
        ct = ct_m3_mulv(an->R0T, ct_v3_sub(ct_v3_add(an->p6, rotv(an->w6, c6, -s6, an->cp6)), an->g0p));
    ct_vec3 pw = ct_v3_add(ct_m3_mulv(g.R, ct), g.p);
    ct_vec3 d = ct_v3_sub(pw, an->p1);
    ct_vec3 Mw = ct_m3_mulv(M, an->w6), Mv = ct_m3_mulv(M, an->v6);
    double scale = 1.0 + ct_v3_norm(d);
    /* clamping slack: rounding for exact models, the model mismatch for near-spherical ones */
    double slack = an->exact ? 1e-10 : 1e-3;
    int twin = !an->exact;
    double c1[2], s1[2];
    int n1;
    {
        double A = ct_v3_dot(an->u_perp, d), B = ct_v3_dot(an->axu, d);
        double K = an->k1 - an->au * ct_v3_dot(an->a, d), r = fast_hypot(A, B);
        if (r < 1e-12 * scale) { /* wrist centre on axis 1: q1 free, keep the seed */
            if (fabs(K) > 1e-9 * scale) return -1;
            double q1 = seed[an->dof[0]];
            c1[0] = cos(q1);
            s1[0] = sin(q1);
            n1 = 1;
        } else {
            n1 = trig_roots(A, B, r, K, slack * scale, twin, c1, s1);
        }
    }
    if (n1 == 0) return -1;
    int n = 0, any_arm = 0;
    for (int i1 = 0; i1 < n1; i1++) {
        /* wrist target with joint 1 undone */
        ct_vec3 pp = ct_v3_add(rotv(an->a, c1[i1], -s1[i1], d), an->p1);
        ct_vec3 y = proj_perp(an->u, ct_v3_sub(pp, an->p2));
        double K3 = 0.5 * (an->L3 - ct_v3_dot(y, y));
        double c3[2], s3[2];
        int n3 = trig_roots(an->A3, an->B3, an->r3, K3, slack * scale * scale, twin, c3, s3);
        ct_vec3 Mw1 = rotv(an->a, c1[i1], -s1[i1], Mw), Mv1 = rotv(an->a, c1[i1], -s1[i1], Mv);
        for (int i3 = 0; i3 < n3; i3++) {
            any_arm = 1;
            ct_vec3 x = ct_v3_sub(ct_v3_add(ct_v3_scale(an->v3, c3[i3]), ct_v3_scale(an->w3xv, s3[i3])), an->o3);
            double X = ct_v3_dot(x, y), Y = ct_v3_dot(an->u, ct_v3_cross(x, y)), h = fast_hypot(X, Y);
            double c2, s2;
            if (h < 1e-20 * scale * scale) { /* wrist centre on axis 2: q2 free */
                c2 = cos(seed[an->dof[1]]);
                s2 = sin(seed[an->dof[1]]);
            } else {
                c2 = X / h;
                s2 = Y / h;
            }
            /* wrist rotation H = R(u, q2 + s3 q3)^T R(a, q1)^T M, applied to w6 and v6 */
            double t3 = an->s3 * s3[i3];
            double c23 = c2 * c3[i3] - s2 * t3, s23 = s2 * c3[i3] + c2 * t3;
            ct_vec3 yw = rotv(an->u, c23, -s23, Mw1), hv = rotv(an->u, c23, -s23, Mv1);
            /* q4, q5 (subproblem 2): z = R(w5,q5) w6 = R(w4,-q4) yw, written as its part along w4
             * plus z_perp = a1 e1 + a2 e2 in the plane normal to w4 (|z_perp| = |w4 x yw|), which
             * keeps q5 accurate near the straight wrist */
            double w4y = ct_v3_dot(an->w4, yw);
            ct_vec3 cy = ct_v3_cross(an->w4, yw);
            double rho2 = ct_v3_dot(cy, cy);
            double a1 = (an->w5x - w4y * an->c45) / an->s45, a2sq = rho2 - a1 * a1;
            if (a2sq < 0) {
                if (a2sq < -1e-9 - (twin ? slack : 0)) continue; /* orientation outside the wrist's cone */
                a2sq = 0;
            }
            double a2 = sqrt(a2sq);
            int nw = a2 > 0 ? 2 : 1;
            for (int iw = 0; iw < nw; iw++) {
                double b2 = iw ? -a2 : a2;
                ct_vec3 zp = ct_v3_add(ct_v3_scale(an->e1, a1), ct_v3_scale(an->e2, b2));
                ct_vec3 z = ct_v3_madd(zp, an->w4, w4y);
                /* q5: w6 -> z about w5 */
                double X5 = ct_v3_dot(an->w6, z) - an->w5x * ct_v3_dot(an->w5, z);
                double Y5 = ct_v3_dot(an->w5, ct_v3_cross(an->w6, z)), h5 = fast_hypot(X5, Y5);
                double c5 = h5 > 0 ? X5 / h5 : 1.0, s5 = h5 > 0 ? Y5 / h5 : 0.0;
                /* q4: z -> yw about w4 (free at the wrist singularity: keep the seed) */
                double X4 = ct_v3_dot(zp, yw), Y4 = ct_v3_dot(an->w4, ct_v3_cross(zp, yw)), h4 = fast_hypot(X4, Y4);
                double c4, s4;
                if (rho2 < 1e-24) {
                    c4 = cos(seed[an->dof[3]]);
                    s4 = sin(seed[an->dof[3]]);
                } else {
                    c4 = X4 / h4;
                    s4 = Y4 / h4;
                }
                /* q6: v6 -> R5^T R4^T H v6 about w6 */
                ct_vec3 t = rotv(an->w5, c5, -s5, rotv(an->w4, c4, -s4, hv));
                double X6 = ct_v3_dot(an->v6, t), Y6 = ct_v3_dot(an->w6, ct_v3_cross(an->v6, t));
                double h6 = fast_hypot(X6, Y6);
                cand *k = &out[n++];
                k->c[0] = c1[i1]; k->s[0] = s1[i1];
                k->c[1] = c2;     k->s[1] = s2;
                k->c[2] = c3[i3]; k->s[2] = s3[i3];
                k->c[3] = c4;     k->s[3] = s4;
                k->c[4] = c5;     k->s[4] = s5;
                k->branch = i1 | i3 << 1 | iw << 2;
                k->c[5] = h6 > 0 ? X6 / h6 : 1.0;
                k->s[5] = h6 > 0 ? Y6 / h6 : 0.0;
            }
        }
    }
    return any_arm ? n : -1;
}

/* Axis 6 off the wrist centre: fixed-point iteration on q6 along the candidate's branch (the wrist
 * centre target depends on q6 only through the small offset, so this contracts fast). */
static int iterate_q6(const ct_ik_analytic *an, ct_xform g, const double *seed, cand *C) {
    for (int it = 0; it < 30; it++) {
        cand tmp[8];
        int n = candidates(an, g, seed, C->c[5], C->s[5], tmp), j = 0;
        if (n <= 0) return 0;
        while (j < n && tmp[j].branch != C->branch) j++;
        if (j == n) return 0;
        double dc = fabs(tmp[j].c[5] - C->c[5]) + fabs(tmp[j].s[5] - C->s[5]);
        *C = tmp[j];
        if (dc <= 1e-16) return 1;
    }
    return 1;
}

int ct_ik_analytic_solve(const ct_robot *robot, ct_xform flange, ct_xform want, const ct_ik_options *opt,
                         const double *seed, ct_ik_solution *sols, int *why) {
    const struct ct_ik_model *m = robot->ik;
    const ct_ik_analytic *an = &m->an;
    cand cs[8];
    double q6 = seed[an->dof[5]];
    int nc = candidates(an, flange, seed, cos(q6), sin(q6), cs);
    if (!an->exact)
        for (int k = 0; k < nc; k++)
            if (!iterate_q6(an, flange, seed, &cs[k])) cs[k].branch = -1;
    if (nc < 0) {
        *why = CT_IK_AN_OUT_OF_REACH;
        return 0;
    }
    int tool_id = 1;
    {
        const ct_mat3 I = ct_m3_identity();
        for (int k = 0; k < 9; k++) tool_id &= robot->tool.R.m[k] == I.m[k];
        tool_id &= robot->tool.p.x == 0 && robot->tool.p.y == 0 && robot->tool.p.z == 0;
    }
    /* angles shared by the candidates of one arm branch are computed once; limits are checked
     * before the FK verification (cheaper), the FK up to joint 3 is shared by the wrist pair */
    double ang1[2] = {0, 0}, ang2[4] = {0}, ang3[4] = {0};
    int have1 = 0, have23 = 0, have_T3 = -1;
    ct_xform T3 = ct_xf_identity();
    const double jd[6] = {0};
    int n = 0, nlim = 0;
    for (int k = 0; k < nc; k++) {
        ct_ik_solution *S = &sols[n];
        const cand *C = &cs[k];
        if (C->branch < 0) continue;
        int b1 = C->branch & 1, b13 = C->branch & 3;
        for (int i = 0; i < m->ndof; i++) S->q[i] = seed[i];
        if (an->exact) {
            if (!(have1 & (1 << b1))) {
                ang1[b1] = ct_ik_atan2(C->s[0], C->c[0]);
                have1 |= 1 << b1;
            }
            if (!(have23 & (1 << b13))) {
                ang2[b13] = ct_ik_atan2(C->s[1], C->c[1]);
                ang3[b13] = ct_ik_atan2(C->s[2], C->c[2]);
                have23 |= 1 << b13;
            }
            S->q[an->dof[0]] = ang1[b1];
            S->q[an->dof[1]] = ang2[b13];
            S->q[an->dof[2]] = ang3[b13];
            for (int i = 3; i < 6; i++) S->q[an->dof[i]] = ct_ik_atan2(C->s[i], C->c[i]);
        } else {
            for (int i = 0; i < 6; i++) S->q[an->dof[i]] = ct_ik_atan2(C->s[i], C->c[i]);
        }
        int inlim = 1;
        for (int i = 0; i < 6; i++) inlim &= ct_ik_fit_turns(robot, an->dof[i], S->q, seed[an->dof[i]]);
        if (!inlim && opt->check_limits) {
            nlim++;
            continue;
        }
        /* verification by FK of the (cos, sin) pairs (equal to those of S->q within 1 ulp) */
        if (have_T3 != b13 || !an->exact) {
            T3 = ct_ik_chain_run(m, T3, 0, 3, C->c, C->s, jd, NULL, NULL);
            have_T3 = an->exact ? b13 : -1;
        }
        ct_xform f = ct_xf_mul(ct_ik_chain_run(m, T3, 3, 6, C->c, C->s, jd, NULL, NULL), m->post);
        ct_xform tcp = tool_id ? f : ct_xf_mul(f, robot->tool);
        ct_ik_pose_err(tcp, want, &S->pos_err, &S->rot_err);
        int polished = 0;
        if (!(S->pos_err <= opt->pos_tol && S->rot_err <= opt->rot_tol)) {
            /* rounding at a boundary: Newton on the real chain */
            if (S->pos_err > 1e-3 || S->rot_err > 1e-2) continue;
            double pe, re;
            if (!ct_ik_dls(robot, want, S->q, 40, opt->pos_tol, opt->rot_tol, 0, &pe, &re)) continue;
            tcp = tool_id ? ct_ik_chain_fk(m, S->q) : ct_xf_mul(ct_ik_chain_fk(m, S->q), robot->tool);
            ct_ik_pose_err(tcp, want, &S->pos_err, &S->rot_err);
            if (!(S->pos_err <= opt->pos_tol && S->rot_err <= opt->rot_tol)) continue;
            inlim = 1;
            for (int i = 0; i < 6; i++) inlim &= ct_ik_fit_turns(robot, an->dof[i], S->q, seed[an->dof[i]]);
            if (!inlim && opt->check_limits) {
                nlim++;
                continue;
            }
            polished = 1;
        }
        S->config = polished ? ct_ik_analytic_config(an, S->q)
                             : config_cs(an, C->c[1], C->s[1], C->c[2], C->s[2], C->c[4], C->s[4]);
        /* drop duplicates (double roots at singular poses, polishing onto the same branch) */
        int dup = 0;
        for (int j = 0; j < n && !dup; j++) {
            double dmax = 0;
            for (int i = 0; i < 6; i++) {
                double e = fabs(sols[j].q[an->dof[i]] - S->q[an->dof[i]]);
                dmax = e > dmax ? e : dmax;
            }
            dup = dmax < 1e-9;
        }
        if (!dup) n++;
    }
    if (n == 0) *why = nlim ? CT_IK_AN_LIMITS : CT_IK_AN_FAILED;
    return n;
}
