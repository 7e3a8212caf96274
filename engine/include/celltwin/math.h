/* celltwin host math in double: vec3, 3x3 rotation (row-major), quaternion (w,x,y,z) and rigid
 * transforms. Units are whatever the caller uses (the engine: metres and radians). All functions
 * are small static inlines without allocation. */
#ifndef CELLTWIN_MATH_H
#define CELLTWIN_MATH_H

#include <math.h>

#define CT_PI 3.14159265358979323846
#define CT_DEG (CT_PI / 180.0) /* multiply degrees by CT_DEG to get radians */

typedef struct ct_vec3 { double x, y, z; } ct_vec3;
typedef struct ct_quat { double w, x, y, z; } ct_quat;      /* unit quaternion, w first */
typedef struct ct_mat3 { double m[9]; } ct_mat3;             /* row-major: m[3*row + col] */
typedef struct ct_xform { ct_mat3 R; ct_vec3 p; } ct_xform;  /* x' = R x + p */

static inline ct_vec3 ct_v3(double x, double y, double z) { ct_vec3 r = {x, y, z}; return r; }
static inline ct_vec3 ct_v3_add(ct_vec3 a, ct_vec3 b) { return ct_v3(a.x + b.x, a.y + b.y, a.z + b.z); }
static inline ct_vec3 ct_v3_sub(ct_vec3 a, ct_vec3 b) { return ct_v3(a.x - b.x, a.y - b.y, a.z - b.z); }
static inline ct_vec3 ct_v3_scale(ct_vec3 a, double s) { return ct_v3(a.x * s, a.y * s, a.z * s); }
static inline ct_vec3 ct_v3_neg(ct_vec3 a) { return ct_v3(-a.x, -a.y, -a.z); }
static inline double ct_v3_dot(ct_vec3 a, ct_vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static inline ct_vec3 ct_v3_cross(ct_vec3 a, ct_vec3 b) {
    return ct_v3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}
static inline double ct_v3_norm(ct_vec3 a) { return sqrt(ct_v3_dot(a, a)); }
static inline ct_vec3 ct_v3_normalize(ct_vec3 a) {
    double n = ct_v3_norm(a);
    return n > 0 ? ct_v3_scale(a, 1.0 / n) : a;
}
static inline ct_vec3 ct_v3_madd(ct_vec3 a, ct_vec3 b, double s) {  /* a + s b */
    return ct_v3(a.x + s * b.x, a.y + s * b.y, a.z + s * b.z);
}

static inline ct_mat3 ct_m3_identity(void) {
    ct_mat3 r = {{1, 0, 0, 0, 1, 0, 0, 0, 1}};
    return r;
}
static inline ct_mat3 ct_m3_mul(ct_mat3 a, ct_mat3 b) {
    ct_mat3 r;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            r.m[3 * i + j] = a.m[3 * i] * b.m[j] + a.m[3 * i + 1] * b.m[3 + j] + a.m[3 * i + 2] * b.m[6 + j];
    return r;
}
static inline ct_mat3 ct_m3_transpose(ct_mat3 a) {
    ct_mat3 r = {{a.m[0], a.m[3], a.m[6], a.m[1], a.m[4], a.m[7], a.m[2], a.m[5], a.m[8]}};
    return r;
}
static inline ct_vec3 ct_m3_mulv(ct_mat3 a, ct_vec3 v) {
    return ct_v3(a.m[0] * v.x + a.m[1] * v.y + a.m[2] * v.z, a.m[3] * v.x + a.m[4] * v.y + a.m[5] * v.z,
                 a.m[6] * v.x + a.m[7] * v.y + a.m[8] * v.z);
}
static inline ct_vec3 ct_m3_tmulv(ct_mat3 a, ct_vec3 v) { /* transpose(a) * v */
    return ct_v3(a.m[0] * v.x + a.m[3] * v.y + a.m[6] * v.z, a.m[1] * v.x + a.m[4] * v.y + a.m[7] * v.z,
                 a.m[2] * v.x + a.m[5] * v.y + a.m[8] * v.z);
}
static inline ct_vec3 ct_m3_col(ct_mat3 a, int c) { return ct_v3(a.m[c], a.m[3 + c], a.m[6 + c]); }

/* Rotation by angle (rad) about a unit axis (Rodrigues). */
static inline ct_mat3 ct_m3_axis_angle(ct_vec3 u, double angle) {
    double c = cos(angle), s = sin(angle), t = 1.0 - c;
    ct_mat3 r = {{t * u.x * u.x + c, t * u.x * u.y - s * u.z, t * u.x * u.z + s * u.y,
                  t * u.x * u.y + s * u.z, t * u.y * u.y + c, t * u.y * u.z - s * u.x,
                  t * u.x * u.z - s * u.y, t * u.y * u.z + s * u.x, t * u.z * u.z + c}};
    return r;
}

/* URDF/ROS roll-pitch-yaw: R = Rz(yaw) Ry(pitch) Rx(roll) (fixed-axis XYZ). */
static inline ct_mat3 ct_m3_from_rpy(double roll, double pitch, double yaw) {
    double cr = cos(roll), sr = sin(roll), cp = cos(pitch), sp = sin(pitch), cy = cos(yaw), sy = sin(yaw);
    ct_mat3 r = {{cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr,
                  sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr,
                  -sp, cp * sr, cp * cr}};
    return r;
}

/* Inverse of ct_m3_from_rpy; pitch in [-pi/2, pi/2]. At pitch = +-pi/2, roll is set to 0. */
static inline void ct_m3_to_rpy(ct_mat3 r, double *roll, double *pitch, double *yaw) {
    double sp = -r.m[6];
    if (sp > 1) sp = 1;
    if (sp < -1) sp = -1;
    *pitch = asin(sp);
    if (fabs(sp) < 1.0 - 1e-12) {
        *roll = atan2(r.m[7], r.m[8]);
        *yaw = atan2(r.m[3], r.m[0]);
    } else {
        *roll = 0;
        *yaw = atan2(-r.m[1], r.m[4]);
    }
}

static inline ct_quat ct_quat_from_m3(ct_mat3 r) {
    ct_quat q;
    double tr = r.m[0] + r.m[4] + r.m[8];
    if (tr > 0) {
        double s = sqrt(tr + 1.0) * 2;
        q.w = 0.25 * s; q.x = (r.m[7] - r.m[5]) / s; q.y = (r.m[2] - r.m[6]) / s; q.z = (r.m[3] - r.m[1]) / s;
    } else if (r.m[0] > r.m[4] && r.m[0] > r.m[8]) {
        double s = sqrt(1.0 + r.m[0] - r.m[4] - r.m[8]) * 2;
        q.w = (r.m[7] - r.m[5]) / s; q.x = 0.25 * s; q.y = (r.m[1] + r.m[3]) / s; q.z = (r.m[2] + r.m[6]) / s;
    } else if (r.m[4] > r.m[8]) {
        double s = sqrt(1.0 + r.m[4] - r.m[0] - r.m[8]) * 2;
        q.w = (r.m[2] - r.m[6]) / s; q.x = (r.m[1] + r.m[3]) / s; q.y = 0.25 * s; q.z = (r.m[5] + r.m[7]) / s;
    } else {
        double s = sqrt(1.0 + r.m[8] - r.m[0] - r.m[4]) * 2;
        q.w = (r.m[3] - r.m[1]) / s; q.x = (r.m[2] + r.m[6]) / s; q.y = (r.m[5] + r.m[7]) / s; q.z = 0.25 * s;
    }
    if (q.w < 0) { q.w = -q.w; q.x = -q.x; q.y = -q.y; q.z = -q.z; }  /* canonical: w >= 0 */
    return q;
}

static inline ct_mat3 ct_m3_from_quat(ct_quat q) {
    double n = sqrt(q.w * q.w + q.x * q.x + q.y * q.y + q.z * q.z);
    double w = q.w / n, x = q.x / n, y = q.y / n, z = q.z / n;
    ct_mat3 r = {{1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
                  2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
                  2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
    return r;
}

/* Angle (rad) of the relative rotation a^T b, robust near 0 and pi. */
static inline double ct_m3_angle_between(ct_mat3 a, ct_mat3 b) {
    ct_mat3 d = ct_m3_mul(ct_m3_transpose(a), b);
    double s = 0.5 * sqrt((d.m[7] - d.m[5]) * (d.m[7] - d.m[5]) + (d.m[2] - d.m[6]) * (d.m[2] - d.m[6]) +
                          (d.m[3] - d.m[1]) * (d.m[3] - d.m[1]));
    double c = 0.5 * (d.m[0] + d.m[4] + d.m[8] - 1.0);
    return atan2(s, c);
}

static inline ct_xform ct_xf_identity(void) {
    ct_xform t;
    t.R = ct_m3_identity();
    t.p = ct_v3(0, 0, 0);
    return t;
}
static inline ct_xform ct_xf(ct_mat3 R, ct_vec3 p) { ct_xform t; t.R = R; t.p = p; return t; }
static inline ct_xform ct_xf_mul(ct_xform a, ct_xform b) { /* a then b in a's frame: a * b */
    return ct_xf(ct_m3_mul(a.R, b.R), ct_v3_add(ct_m3_mulv(a.R, b.p), a.p));
}
static inline ct_xform ct_xf_inv(ct_xform a) {
    ct_mat3 rt = ct_m3_transpose(a.R);
    return ct_xf(rt, ct_v3_neg(ct_m3_mulv(rt, a.p)));
}
static inline ct_vec3 ct_xf_apply(ct_xform a, ct_vec3 v) { return ct_v3_add(ct_m3_mulv(a.R, v), a.p); }

/* Pose from x,y,z and roll,pitch,yaw (fixed XYZ), in the caller's units (m or mm, rad). */
static inline ct_xform ct_xf_from_xyzrpy(const double v[6]) {
    return ct_xf(ct_m3_from_rpy(v[3], v[4], v[5]), ct_v3(v[0], v[1], v[2]));
}

/* sin and cos of x together. Cody-Waite reduction by pi/2 (three-part constant, exact for
 * |x| < 2^19) and Taylor polynomials to degree 17/18 on [-pi/4, pi/4], whose truncation error
 * (< 1e-19) is far below double rounding; results are within 2 ulp of the true values. Larger
 * |x| and non-finite x go to libm. About 3x faster than libm's sincos for kinematics. */
static inline void ct_sincos(double x, double *s, double *c) {
    if (!(fabs(x) < 524288.0)) {
        *s = sin(x);
        *c = cos(x);
        return;
    }
    const double two_over_pi = 0.63661977236758134308;
    const double p1 = 1.5707963267341256e+00;  /* pi/2 split into 33 + 33 + rest bits */
    const double p2 = 6.077100506303966e-11;
    const double p3 = 2.0222662487959506e-21;
    double k = nearbyint(x * two_over_pi);
    double r = ((x - k * p1) - k * p2) - k * p3;
    double r2 = r * r;
    double sr = r * (1.0 + r2 * (-1.0 / 6 + r2 * (1.0 / 120 + r2 * (-1.0 / 5040 + r2 * (1.0 / 362880 +
                r2 * (-1.0 / 39916800 + r2 * (1.0 / 6227020800.0 + r2 * (-1.0 / 1307674368000.0 +
                r2 * (1.0 / 355687428096000.0)))))))));
    double cr = 1.0 + r2 * (-0.5 + r2 * (1.0 / 24 + r2 * (-1.0 / 720 + r2 * (1.0 / 40320 + r2 * (-1.0 / 3628800 +
                r2 * (1.0 / 479001600.0 + r2 * (-1.0 / 87178291200.0 + r2 * (1.0 / 20922789888000.0 +
                r2 * (-1.0 / 6402373705728000.0)))))))));
    switch ((long)k & 3) {
    case 0: *s = sr; *c = cr; break;
    case 1: *s = cr; *c = -sr; break;
    case 2: *s = -sr; *c = -cr; break;
    default: *s = -cr; *c = sr; break;
    }
}

/* Wraps an angle to (-pi, pi]. */
static inline double ct_wrap_pi(double a) {
    a = fmod(a, 2 * CT_PI);
    if (a > CT_PI) a -= 2 * CT_PI;
    if (a <= -CT_PI) a += 2 * CT_PI;
    return a;
}

#endif
