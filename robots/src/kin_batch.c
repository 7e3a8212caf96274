/* Batched forward kinematics: many configurations of one robot at once, four at a time in
 * struct-of-arrays lanes so the compiler can use 4-wide SIMD (an AVX2 clone is chosen at run time
 * when the CPU has it). The arithmetic is the same as ct_kin_fk's, operation for operation, so
 * results are bit-identical to it. */
#include <math.h>
#include <string.h>

#include "celltwin/kin.h"

/* Vector values never cross a non-inlined call boundary here, so the ABI note does not apply. */
#pragma GCC diagnostic ignored "-Wpsabi"

#define LANES 4

/* Four doubles in one SIMD register (GCC/Clang vector extension: AVX2 ymm in the avx2 clone,
 * SSE2 pairs otherwise). */
typedef double v4d __attribute__((vector_size(32)));
typedef long long v4i __attribute__((vector_size(32)));

/* One link's pose for LANES configurations: R row-major, p. */
typedef struct lane_pose {
    v4d R[9];
    v4d p[3];
} lane_pose;

static inline v4d splat(double x) { v4d v = {x, x, x, x}; return v; }
static inline v4d select_v(v4i mask, v4d a, v4d b) { /* mask ? a : b, lane-wise */
    return (v4d)(((v4i)a & mask) | ((v4i)b & ~mask));
}

/* ct_sincos on four lanes, the same operations in the same order (bit-identical results).
 * Returns 0 when a lane is beyond the reduction range (the caller then uses the scalar path). */
static inline int sincos_v(v4d x, v4d *s, v4d *c) {
    for (int k = 0; k < LANES; k++)
        if (!(fabs(x[k]) < 524288.0)) return 0;
    /* round to nearest even by the 1.5 * 2^52 trick (= nearbyint in the default rounding mode) */
    const v4d magic = splat(6755399441055744.0);
    v4d kk = (x * splat(0.63661977236758134308) + magic) - magic;
    v4d r = ((x - kk * splat(1.5707963267341256e+00)) - kk * splat(6.077100506303966e-11)) - kk * splat(2.0222662487959506e-21);
    v4d r2 = r * r;
    v4d sr = r * (splat(1.0) + r2 * (splat(-1.0 / 6) + r2 * (splat(1.0 / 120) + r2 * (splat(-1.0 / 5040) +
             r2 * (splat(1.0 / 362880) + r2 * (splat(-1.0 / 39916800) + r2 * (splat(1.0 / 6227020800.0) +
             r2 * (splat(-1.0 / 1307674368000.0) + r2 * splat(1.0 / 355687428096000.0)))))))));
    v4d cr = splat(1.0) + r2 * (splat(-0.5) + r2 * (splat(1.0 / 24) + r2 * (splat(-1.0 / 720) + r2 * (splat(1.0 / 40320) +
             r2 * (splat(-1.0 / 3628800) + r2 * (splat(1.0 / 479001600.0) + r2 * (splat(-1.0 / 87178291200.0) +
             r2 * (splat(1.0 / 20922789888000.0) + r2 * splat(-1.0 / 6402373705728000.0)))))))));
    /* quadrant: (s, c) = (sr, cr), (cr, -sr), (-sr, -cr), (-cr, sr) */
    v4i q = __builtin_convertvector(kk, v4i) & 3;
    v4i odd = -(q & 1);                       /* all ones where q is 1 or 3 */
    v4i neg_s = -((q >> 1) & 1);              /* q is 2 or 3 */
    v4i neg_c = -(((q + 1) >> 1) & 1);        /* q is 1 or 2 */
    v4d ss = select_v(odd, cr, sr), cc = select_v(odd, sr, cr);
    *s = select_v(neg_s, -ss, ss);
    *c = select_v(neg_c, -cc, cc);
    return 1;
}

static inline __attribute__((always_inline)) void fk_lanes(const ct_robot *r, const double *q, int nd, lane_pose *lp,
                                                           ct_xform *out, int nl) {
    for (int e = 0; e < 9; e++) lp[0].R[e] = splat((e % 4 == 0) ? 1.0 : 0.0);
    for (int e = 0; e < 3; e++) lp[0].p[e] = splat(0.0);
    for (int i = 1; i < nl; i++) {
        const lane_pose P = lp[r->link_parent[i]];
        lane_pose *T = &lp[i];
        const ct_xform o = r->link_origin[i];
        const v4d ox = splat(o.p.x), oy = splat(o.p.y), oz = splat(o.p.z);
        for (int row = 0; row < 3; row++)
            T->p[row] = P.R[3 * row] * ox + P.R[3 * row + 1] * oy + P.R[3 * row + 2] * oz + P.p[row];
        v4d A[9];
        if (r->link_origin_pure[i]) {
            for (int e = 0; e < 9; e++) A[e] = P.R[e];
        } else {
            for (int row = 0; row < 3; row++)
                for (int col = 0; col < 3; col++)
                    A[3 * row + col] = P.R[3 * row] * splat(o.R.m[col]) + P.R[3 * row + 1] * splat(o.R.m[3 + col]) +
                                       P.R[3 * row + 2] * splat(o.R.m[6 + col]);
        }
        int d = r->link_dof[i], code = r->link_axis_code[i];
        ct_joint_type type = r->link_joint_type[i];
        int revolute = d >= 0 && (type == CT_JOINT_REVOLUTE || type == CT_JOINT_CONTINUOUS);
        v4d ang = splat(0.0), s, c;
        if (revolute)
            for (int k = 0; k < LANES; k++) ang[k] = r->link_mimic_mul[i] * q[k * nd + d] + r->link_mimic_off[i];
        if (!revolute || code < 0 || !sincos_v(ang, &s, &c)) {
            /* fixed, prismatic, general axes and huge angles: the scalar code per lane */
            for (int e = 0; e < 9; e++) T->R[e] = A[e];
            if (d < 0) continue;
            for (int k = 0; k < LANES; k++) {
                double v = r->link_mimic_mul[i] * q[k * nd + d] + r->link_mimic_off[i];
                ct_mat3 Am;
                for (int e = 0; e < 9; e++) Am.m[e] = A[e][k];
                if (type == CT_JOINT_PRISMATIC) {
                    ct_vec3 dv = ct_m3_mulv(Am, r->link_axis[i]);
                    T->p[0][k] += dv.x * v;
                    T->p[1][k] += dv.y * v;
                    T->p[2][k] += dv.z * v;
                    continue;
                }
                ct_mat3 Rm;
                if (code < 0) Rm = ct_m3_mul(Am, ct_m3_axis_angle(r->link_axis[i], v));
                else {
                    double sn, cs;
                    ct_sincos(v, &sn, &cs);
                    int cd = code;
                    if (cd >= 3) { sn = -sn; cd -= 3; }
                    int u = cd == 0 ? 1 : cd == 1 ? 2 : 0, w = cd == 0 ? 2 : cd == 1 ? 0 : 1;
                    Rm = Am;
                    for (int row = 0; row < 3; row++) {
                        Rm.m[3 * row + u] = cs * Am.m[3 * row + u] + sn * Am.m[3 * row + w];
                        Rm.m[3 * row + w] = -sn * Am.m[3 * row + u] + cs * Am.m[3 * row + w];
                    }
                }
                for (int e = 0; e < 9; e++) T->R[e][k] = Rm.m[e];
            }
            continue;
        }
        if (code >= 3) {
            s = -s;
            code -= 3;
        }
        int u = code == 0 ? 1 : code == 1 ? 2 : 0;
        int v = code == 0 ? 2 : code == 1 ? 0 : 1;
        for (int row = 0; row < 3; row++) {
            v4d au = A[3 * row + u], av = A[3 * row + v];
            T->R[3 * row + u] = c * au + s * av;
            T->R[3 * row + v] = -s * au + c * av;
            T->R[3 * row + code] = A[3 * row + code];
        }
    }
    /* lanes back to per-configuration poses */
    for (int k = 0; k < LANES; k++)
        for (int i = 0; i < nl; i++) {
            ct_xform *t = &out[(size_t)k * nl + i];
            for (int e = 0; e < 9; e++) t->R.m[e] = lp[i].R[e][k];
            t->p.x = lp[i].p[0][k];
            t->p.y = lp[i].p[1][k];
            t->p.z = lp[i].p[2][k];
        }
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) static void fk_groups_avx2(const ct_robot *r, int groups, const double *q, ct_xform *out,
                                                          lane_pose *lp) {
    for (int g = 0; g < groups; g++)
        fk_lanes(r, q + (size_t)g * LANES * r->ndof, r->ndof, lp, out + (size_t)g * LANES * r->nlink, r->nlink);
}
#endif

static void fk_groups_generic(const ct_robot *r, int groups, const double *q, ct_xform *out, lane_pose *lp) {
    for (int g = 0; g < groups; g++)
        fk_lanes(r, q + (size_t)g * LANES * r->ndof, r->ndof, lp, out + (size_t)g * LANES * r->nlink, r->nlink);
}

void ct_kin_fk_batch(const ct_robot *r, int n, const double *q, ct_xform *pose) {
    lane_pose lp[CT_ROBOT_MAX_LINKS];
    int groups = n / LANES;
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("avx2")) fk_groups_avx2(r, groups, q, pose, lp);
    else fk_groups_generic(r, groups, q, pose, lp);
#else
    fk_groups_generic(r, groups, q, pose, lp);
#endif
    for (int b = groups * LANES; b < n; b++) ct_kin_fk(r, q + (size_t)b * r->ndof, pose + (size_t)b * r->nlink);
}
