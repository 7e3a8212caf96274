/* Independent checks of rendered images for the renderer and viewer tests: a look-at / perspective
 * projection written out here (not the renderer's matrices), background masks, image diffs, PNG
 * files read back with libpng. */
#ifndef CT_TEST_RENDER_CHECK_H
#define CT_TEST_RENDER_CHECK_H

#include <math.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "celltwin/render.h"

typedef struct rc_cam {
    double s[3], u[3], f[3], eye[3];
    double t, aspect;
    int w, h;
} rc_cam;

static inline void rc_norm3(double v[3]) {
    double n = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    for (int k = 0; k < 3; k++) v[k] /= n;
}

/* Camera basis: forward to the target, side = forward x z, up = side x forward. */
static inline rc_cam rc_make_cam(const ct_vk_camera *c, int w, int h) {
    rc_cam m;
    for (int k = 0; k < 3; k++) m.f[k] = c->target[k] - c->eye[k], m.eye[k] = c->eye[k];
    rc_norm3(m.f);
    m.s[0] = m.f[1], m.s[1] = -m.f[0], m.s[2] = 0;
    rc_norm3(m.s);
    m.u[0] = m.s[1] * m.f[2] - m.s[2] * m.f[1];
    m.u[1] = m.s[2] * m.f[0] - m.s[0] * m.f[2];
    m.u[2] = m.s[0] * m.f[1] - m.s[1] * m.f[0];
    m.t = tan(c->fov_y / 2);
    m.aspect = (double)w / h;
    m.w = w, m.h = h;
    return m;
}

/* Pixel (u right, v down) of a world point and its depth along the view axis; 0 when behind. */
static inline int rc_project(const rc_cam *m, const double p[3], double *u, double *v, double *depth) {
    double d[3] = {p[0] - m->eye[0], p[1] - m->eye[1], p[2] - m->eye[2]};
    double x = d[0] * m->s[0] + d[1] * m->s[1] + d[2] * m->s[2];
    double y = d[0] * m->u[0] + d[1] * m->u[1] + d[2] * m->u[2];
    double z = d[0] * m->f[0] + d[1] * m->f[1] + d[2] * m->f[2];
    if (depth) *depth = z;
    if (z <= 1e-6) return 0;
    *u = (x / (z * m->t * m->aspect) + 1) / 2 * m->w;
    *v = (-y / (z * m->t) + 1) / 2 * m->h;
    return 1;
}

static inline int rc_near(const uint8_t *p, int r, int g, int b, int tol) {
    return abs(p[0] - r) <= tol && abs(p[1] - g) <= tol && abs(p[2] - b) <= tol;
}

/* Pixels that differ by more than tol in a channel (fraction of all), and the IoU of the
 * non-background masks (background bg RGB8 +-1). */
static inline void rc_compare(const uint8_t *a, const uint8_t *b, int w, int h, const int bg[3], int tol,
                              double *diff_frac, double *iou) {
    long diff = 0, inter = 0, uni = 0;
    for (long i = 0; i < (long)w * h; i++) {
        const uint8_t *p = a + 4 * i, *q = b + 4 * i;
        int d = 0;
        for (int k = 0; k < 3; k++) d |= abs(p[k] - q[k]) > tol;
        diff += d;
        int fa = !rc_near(p, bg[0], bg[1], bg[2], 1), fb = !rc_near(q, bg[0], bg[1], bg[2], 1);
        inter += fa && fb;
        uni += fa || fb;
    }
    *diff_frac = (double)diff / ((double)w * h);
    *iou = uni ? (double)inter / uni : 1.0;
}

/* A PNG file as RGBA8 rows (malloc'd, the caller frees) and its size; NULL when it cannot be read. */
static inline uint8_t *rc_read_png(const char *path, int *w, int *h) {
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path)) return NULL;
    img.format = PNG_FORMAT_RGBA;
    uint8_t *px = (uint8_t *)malloc(PNG_IMAGE_SIZE(img));
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        free(px);
        png_image_free(&img);
        return NULL;
    }
    *w = (int)img.width, *h = (int)img.height;
    return px;
}

#endif
