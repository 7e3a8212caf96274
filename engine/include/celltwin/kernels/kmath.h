/* Float math for kernels shared by CPU and GPU: vec3, row-major 3x3 and rigid transforms.
 * Geometry kernels run in float with a stated conservative margin; host kinematics is double
 * (celltwin/math.h). Units: metres and radians. */
#ifndef CELLTWIN_KERNELS_KMATH_H
#define CELLTWIN_KERNELS_KMATH_H

#include <math.h>
#include "celltwin/kernels/hd.h"

typedef struct ct_v3f { float x, y, z; } ct_v3f;
typedef struct ct_m3f { float m[9]; } ct_m3f;               /* row-major */
typedef struct ct_xff { ct_m3f R; ct_v3f p; } ct_xff;       /* x' = R x + p */

CT_HD ct_v3f ct_v3f_make(float x, float y, float z) { ct_v3f r; r.x = x; r.y = y; r.z = z; return r; }
CT_HD ct_v3f ct_v3f_add(ct_v3f a, ct_v3f b) { return ct_v3f_make(a.x + b.x, a.y + b.y, a.z + b.z); }
CT_HD ct_v3f ct_v3f_sub(ct_v3f a, ct_v3f b) { return ct_v3f_make(a.x - b.x, a.y - b.y, a.z - b.z); }
CT_HD ct_v3f ct_v3f_scale(ct_v3f a, float s) { return ct_v3f_make(a.x * s, a.y * s, a.z * s); }
CT_HD float ct_v3f_dot(ct_v3f a, ct_v3f b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
CT_HD ct_v3f ct_v3f_cross(ct_v3f a, ct_v3f b) {
    return ct_v3f_make(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}
CT_HD float ct_v3f_norm(ct_v3f a) { return sqrtf(ct_v3f_dot(a, a)); }

CT_HD ct_v3f ct_m3f_mulv(ct_m3f a, ct_v3f v) {
    return ct_v3f_make(a.m[0] * v.x + a.m[1] * v.y + a.m[2] * v.z, a.m[3] * v.x + a.m[4] * v.y + a.m[5] * v.z,
                       a.m[6] * v.x + a.m[7] * v.y + a.m[8] * v.z);
}
CT_HD ct_m3f ct_m3f_mul(ct_m3f a, ct_m3f b) {
    ct_m3f r;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            r.m[3 * i + j] = a.m[3 * i] * b.m[j] + a.m[3 * i + 1] * b.m[3 + j] + a.m[3 * i + 2] * b.m[6 + j];
    return r;
}
/* Rotation by angle about a unit axis. */
CT_HD ct_m3f ct_m3f_axis_angle(ct_v3f u, float angle) {
    float c = cosf(angle), s = sinf(angle), t = 1.0f - c;
    ct_m3f r;
    r.m[0] = t * u.x * u.x + c;       r.m[1] = t * u.x * u.y - s * u.z; r.m[2] = t * u.x * u.z + s * u.y;
    r.m[3] = t * u.x * u.y + s * u.z; r.m[4] = t * u.y * u.y + c;       r.m[5] = t * u.y * u.z - s * u.x;
    r.m[6] = t * u.x * u.z - s * u.y; r.m[7] = t * u.y * u.z + s * u.x; r.m[8] = t * u.z * u.z + c;
    return r;
}
CT_HD ct_xff ct_xff_mul(ct_xff a, ct_xff b) {
    ct_xff r;
    r.R = ct_m3f_mul(a.R, b.R);
    r.p = ct_v3f_add(ct_m3f_mulv(a.R, b.p), a.p);
    return r;
}
CT_HD ct_v3f ct_xff_apply(ct_xff a, ct_v3f v) { return ct_v3f_add(ct_m3f_mulv(a.R, v), a.p); }

#endif
