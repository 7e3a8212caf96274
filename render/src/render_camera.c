/* Camera: look-at view and Vulkan perspective projection (y down, depth 0..1), orbit and fit. */
#include <math.h>
#include <string.h>

#include "celltwin/render.h"

ct_vk_camera ct_vk_camera_orbit(const double target[3], double az, double el, double dist) {
    ct_vk_camera c;
    memset(&c, 0, sizeof c);
    for (int k = 0; k < 3; k++) c.target[k] = target[k];
    c.eye[0] = target[0] + dist * cos(el) * cos(az);
    c.eye[1] = target[1] + dist * cos(el) * sin(az);
    c.eye[2] = target[2] + dist * sin(el);
    c.up[2] = 1;
    c.fov_y = 45.0 * M_PI / 180.0;
    c.znear = 0.05;
    c.zfar = 200.0;
    return c;
}

ct_vk_camera ct_vk_camera_fit(const double lo[3], const double hi[3], double az, double el, double aspect) {
    double centre[3], r2 = 0;
    for (int k = 0; k < 3; k++) {
        centre[k] = 0.5 * (lo[k] + hi[k]);
        r2 += 0.25 * (hi[k] - lo[k]) * (hi[k] - lo[k]);
    }
    double radius = fmax(sqrt(r2), 0.05);
    double fov_y = 45.0 * M_PI / 180.0;
    double fov_x = 2 * atan(aspect * tan(fov_y / 2));
    double dist = radius / sin(0.5 * fmin(fov_x, fov_y));
    ct_vk_camera c = ct_vk_camera_orbit(centre, az, el, dist);
    c.znear = fmin(0.05, 0.5 * (dist - radius) > 0.005 ? 0.5 * (dist - radius) : 0.005);
    c.zfar = fmax(200.0, 4 * (dist + radius));
    return c;
}

void ct_vk_camera_matrices(const ct_vk_camera *c, double aspect, double view[16], double proj[16]) {
    double f[3], s[3], u[3], n = 0;
    for (int k = 0; k < 3; k++) f[k] = c->target[k] - c->eye[k], n += f[k] * f[k];
    n = sqrt(n);
    for (int k = 0; k < 3; k++) f[k] /= n;
    double up[3] = {c->up[0], c->up[1], c->up[2]};
    if (up[0] == 0 && up[1] == 0 && up[2] == 0) up[2] = 1;
    s[0] = f[1] * up[2] - f[2] * up[1];
    s[1] = f[2] * up[0] - f[0] * up[2];
    s[2] = f[0] * up[1] - f[1] * up[0];
    n = sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
    if (n < 1e-12) { /* looking along up: pick any side vector */
        s[0] = 1, s[1] = 0, s[2] = 0, n = 1;
    }
    for (int k = 0; k < 3; k++) s[k] /= n;
    u[0] = s[1] * f[2] - s[2] * f[1];
    u[1] = s[2] * f[0] - s[0] * f[2];
    u[2] = s[0] * f[1] - s[1] * f[0];
    memset(view, 0, 16 * sizeof(double));
    for (int k = 0; k < 3; k++) {
        view[k * 4 + 0] = s[k];
        view[k * 4 + 1] = u[k];
        view[k * 4 + 2] = -f[k];
    }
    view[12] = -(s[0] * c->eye[0] + s[1] * c->eye[1] + s[2] * c->eye[2]);
    view[13] = -(u[0] * c->eye[0] + u[1] * c->eye[1] + u[2] * c->eye[2]);
    view[14] = f[0] * c->eye[0] + f[1] * c->eye[1] + f[2] * c->eye[2];
    view[15] = 1;
    double t = tan(0.5 * c->fov_y);
    memset(proj, 0, 16 * sizeof(double));
    proj[0] = 1.0 / (aspect * t);
    proj[5] = -1.0 / t; /* Vulkan clip y points down */
    proj[10] = c->zfar / (c->znear - c->zfar);
    proj[11] = -1;
    proj[14] = c->znear * c->zfar / (c->znear - c->zfar);
}
