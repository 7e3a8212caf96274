/* The report's pictures, rendered offscreen with the project's Vulkan renderer (lavapipe without
 * a GPU): the cell overview at t = 0 with every TCP path, and one picture per finding at the
 * finding's time, the bodies highlighted, witness points marked and the camera framed on them
 * (robot-only findings: framed on that robot). Encoded to PNG in memory. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/render.h"
#include "report_internal.h"

typedef struct pic_ctx {
    const ct_report_input *in;
    ct_vk_renderer *rend;
    ct_vk_scene *scene;
    int width, height, nrobot;
    double *qbuf;              /* (nrobot x CT_ROBOT_MAX_DOF) */
    const double **qptr;       /* (nrobot) */
    ct_vk_path *paths;         /* (nrobot) */
    ct_vk_polyline *lines;     /* (nrobot + 1) */
    int npath;
    uint8_t *pixels;           /* (height x width x 4) */
} pic_ctx;

/* Every robot at time t (robots without a program at home). */
static void pose_at(pic_ctx *c, double t) {
    for (int i = 0; i < c->nrobot; i++) {
        const ct_traj *tr = c->in->prog[i].traj;
        c->qptr[i] = NULL;
        if (!tr) continue;
        double *q = c->qbuf + (size_t)i * CT_ROBOT_MAX_DOF;
        ct_traj_eval(tr, fmin(t, ct_traj_duration(tr)), q, NULL);
        c->qptr[i] = q;
    }
}

/* Bounds of every body of robot `robot` ("name/..." bodies) at the current pose. */
static int robot_bounds(pic_ctx *c, int robot, double lo[3], double hi[3]) {
    const char *rn = c->in->cell->robot[robot].name;
    size_t n = strlen(rn);
    int any = 0;
    for (int k = 0; k < 3; k++) lo[k] = INFINITY, hi[k] = -INFINITY;
    for (int b = 0; b < ct_vk_scene_body_count(c->scene); b++) {
        const char *name = ct_vk_scene_body_name(c->scene, b);
        double blo[3], bhi[3];
        if (strncmp(name, rn, n) || name[n] != '/') continue;
        if (!ct_vk_scene_body_bounds(c->scene, b, c->qptr, blo, bhi)) continue;
        for (int k = 0; k < 3; k++) lo[k] = fmin(lo[k], blo[k]), hi[k] = fmax(hi[k], bhi[k]);
        any = 1;
    }
    return any;
}

static ct_status shoot(pic_ctx *c, const ct_vk_frame *f, ct_report_picture *out, ct_error *err) {
    ct_status st = ct_vk_render_frame(c->rend, c->scene, f, err);
    if (st == CT_OK) st = ct_vk_read_pixels(c->rend, c->pixels, err);
    if (st == CT_OK) st = ct_report_png_encode(c->pixels, c->width, c->height, &out->png, &out->size, err);
    out->width = c->width;
    out->height = c->height;
    return st;
}

static ct_status overview(pic_ctx *c, ct_report *r, ct_error *err) {
    double aspect = (double)c->width / c->height;
    pose_at(c, 0);
    ct_vk_frame f = ct_vk_default_frame(c->scene, aspect);
    f.robot_q = c->qptr;
    f.polyline = c->lines;
    f.npolyline = c->npath;
    f.detail = CT_VK_DETAIL_FULL;
    double lo[3], hi[3];
    ct_vk_scene_bounds(c->scene, c->qptr, lo, hi);
    f.camera = ct_vk_camera_fit(lo, hi, 45 * M_PI / 180, 30 * M_PI / 180, aspect);
    rp_free_picture(&r->overview);
    r->overview.caption = rp_printf("Cell %s at t = 0 s with the programmed TCP paths (PTP blue, LIN green, CIRC "
                                    "magenta)", r->cell_name);
    return shoot(c, &f, &r->overview, err);
}

static ct_status finding_picture(pic_ctx *c, ct_report *r, int i, ct_error *err) {
    ct_report_finding *rf = &r->finding[i];
    const ct_finding *fd = &rf->f;
    double aspect = (double)c->width / c->height;
    pose_at(c, fd->time);
    ct_vk_frame f = ct_vk_default_frame(c->scene, aspect);
    f.robot_q = c->qptr;
    f.detail = CT_VK_DETAIL_FULL;
    ct_vk_finding_marks marks;
    ct_vk_finding_marks_make(c->scene, fd, &marks);
    f.nhighlight = marks.nhighlight;
    f.highlight = marks.highlight;
    f.nmarker = marks.nmarker;
    f.marker = marks.marker;
    int nline = c->npath;
    if (marks.has_line) c->lines[nline++] = marks.line;
    f.polyline = c->lines;
    f.npolyline = nline;
    double lo[3], hi[3];
    int fit = ct_vk_finding_box(fd, lo, hi);
    if (!fit && fd->robot >= 0) fit = robot_bounds(c, fd->robot, lo, hi);
    if (!fit) ct_vk_scene_bounds(c->scene, c->qptr, lo, hi);
    f.camera = ct_vk_camera_fit(lo, hi, 45 * M_PI / 180, 30 * M_PI / 180, aspect);
    rp_free_picture(&rf->picture);
    rf->picture.caption = rp_printf("Finding %d at %.3f s: %s", i + 1, fd->time, fd->message);
    return shoot(c, &f, &rf->picture, err);
}

ct_status ct_report_render_pictures(ct_report *r, const ct_report_input *in, int width, int height, ct_error *err) {
    if (width < 16 || height < 16 || width > 8192 || height > 8192)
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "picture size %dx%d outside 16..8192", width, height);
    pic_ctx c;
    memset(&c, 0, sizeof c);
    c.in = in;
    c.width = width;
    c.height = height;
    c.nrobot = in->cell->nrobot;
    c.qbuf = ct_alloc(sizeof(double) * (size_t)(c.nrobot + 1) * CT_ROBOT_MAX_DOF);
    c.qptr = ct_alloc(sizeof(double *) * (size_t)(c.nrobot + 1));
    c.paths = ct_alloc(sizeof(ct_vk_path) * (size_t)(c.nrobot + 1));
    c.lines = ct_alloc(sizeof(ct_vk_polyline) * (size_t)(c.nrobot + 2));
    c.pixels = ct_alloc((size_t)width * (size_t)height * 4);
    ct_status st = c.qbuf && c.qptr && c.paths && c.lines && c.pixels
                       ? CT_OK
                       : ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    if (st == CT_OK) {
        ct_vk_renderer_def rd = ct_vk_renderer_default_def();
        rd.width = width;
        rd.height = height;
        st = ct_vk_renderer_create(&rd, &c.rend, err);
    }
    if (st == CT_OK) st = ct_vk_scene_create(c.rend, in->cell, &c.scene, err);
    for (int i = 0; st == CT_OK && i < c.nrobot; i++) {
        if (!in->prog[i].traj) continue;
        st = ct_vk_tcp_path(in->cell, i, in->prog[i].traj, &c.paths[i], err);
        if (st == CT_OK) c.lines[c.npath++] = ct_vk_path_polyline(&c.paths[i]);
    }
    if (st == CT_OK) st = overview(&c, r, err);
    for (int i = 0; st == CT_OK && i < r->nfinding; i++) st = finding_picture(&c, r, i, err);
    ct_vk_scene_destroy(c.scene);
    ct_vk_renderer_destroy(c.rend);
    for (int i = 0; c.paths && i < c.nrobot; i++) ct_vk_path_free(&c.paths[i]);
    ct_free(c.paths);
    ct_free(c.lines);
    ct_free(c.qptr);
    ct_free(c.qbuf);
    ct_free(c.pixels);
    return st;
}
