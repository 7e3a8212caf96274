/* Cartesian path geometry of LIN and CIRC moves as a function of the path fraction s in [0, 1]:
 * straight line or circular arc through three points (start, via, end) for the position, and a
 * slerp from the start to the end orientation (constant angular rate in s). */
#include <math.h>

#include "traj_internal.h"

int ct_cpath_init(ct_cpath *c, ct_xform start, ct_xform end, const ct_xform *via) {
    c->circ = via != NULL;
    c->p0 = start.p;
    c->p1 = end.p;
    c->R0 = start.R;
    c->R1 = end.R;
    /* relative rotation as axis * angle (quaternion form is stable up to pi) */
    ct_quat q = ct_quat_from_m3(ct_m3_mul(ct_m3_transpose(start.R), end.R));
    double sn = sqrt(q.x * q.x + q.y * q.y + q.z * q.z);
    c->theta = 2 * atan2(sn, q.w);
    c->w = sn > 0 ? ct_v3_scale(ct_v3(q.x, q.y, q.z), c->theta / sn) : ct_v3(0, 0, 0);
    if (!c->circ) {
        c->len = ct_v3_norm(ct_v3_sub(end.p, start.p));
        return 1;
    }
    /* circumcentre of start, via, end */
    ct_vec3 a = ct_v3_sub(via->p, start.p), b = ct_v3_sub(end.p, start.p);
    ct_vec3 n = ct_v3_cross(a, b);
    double nn = ct_v3_dot(n, n), la = ct_v3_norm(a), lb = ct_v3_norm(b);
    if (!(la > 1e-9) || !(lb > 1e-9) || !(sqrt(nn) > 1e-9 * la * lb + 1e-15) || sqrt(nn) < 1e-6 * la * lb)
        return 0;
    ct_vec3 k = ct_v3_sub(ct_v3_scale(b, ct_v3_dot(a, a)), ct_v3_scale(a, ct_v3_dot(b, b)));
    c->centre = ct_v3_add(start.p, ct_v3_scale(ct_v3_cross(k, n), 1.0 / (2 * nn)));
    ct_vec3 r0 = ct_v3_sub(start.p, c->centre);
    c->radius = ct_v3_norm(r0);
    c->e1 = ct_v3_scale(r0, 1.0 / c->radius);
    c->e2 = ct_v3_cross(ct_v3_scale(n, 1.0 / sqrt(nn)), c->e1);
    ct_vec3 r1 = ct_v3_sub(end.p, c->centre);
    double phi = atan2(ct_v3_dot(r1, c->e2), ct_v3_dot(r1, c->e1));
    if (phi <= 0) phi += 2 * CT_PI;
    c->phi = phi;
    c->len = c->radius * phi;
    return 1;
}

ct_xform ct_cpath_pose(const ct_cpath *c, double s) {
    ct_xform x;
    if (c->theta > 0) {
        ct_vec3 u = ct_v3_scale(c->w, 1.0 / c->theta);
        x.R = ct_m3_mul(c->R0, ct_m3_axis_angle(u, s * c->theta));
    } else {
        x.R = c->R0;
    }
    if (s >= 1.0) {
        x.p = c->p1;
        if (c->theta > 0 && s == 1.0) x.R = c->R1;
    } else if (c->circ) {
        double sn, cs;
        ct_sincos(c->phi * s, &sn, &cs);
        x.p = ct_v3_add(c->centre, ct_v3_add(ct_v3_scale(c->e1, c->radius * cs), ct_v3_scale(c->e2, c->radius * sn)));
    } else {
        x.p = ct_v3_madd(c->p0, ct_v3_sub(c->p1, c->p0), s);
    }
    return x;
}

ct_vec3 ct_cpath_tangent(const ct_cpath *c, double s) {
    if (c->circ) {
        double sn, cs;
        ct_sincos(c->phi * s, &sn, &cs);
        return ct_v3_add(ct_v3_scale(c->e1, -sn), ct_v3_scale(c->e2, cs));
    }
    if (!(c->len > 0)) return ct_v3(0, 0, 0);
    return ct_v3_scale(ct_v3_sub(c->p1, c->p0), 1.0 / c->len);
}
