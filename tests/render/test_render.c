/* Offscreen rendering on real Vulkan (lavapipe here) with the validation layer: the sample cell at
 * its known collision (r2/tool vs body). The image is checked against projections computed here,
 * independently of the renderer: a look-at / perspective camera written out below, link poses from
 * forward kinematics and the raw cell geometry (mesh vertices, primitive corners).
 * Any validation message fails the test. */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celltwin/kin.h"
#include "celltwin/render.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"
#include "ct_test.h"
#include "render_check.h"
#include "render_test_common.h"
#include "test_util.h"

#define W 640
#define H 360

typedef struct fixture {
    ct_cell *cell;
    ct_robot_program prog[4];
    ct_traj *traj[4];
    ct_verify_report *rep;
    const ct_finding *hit;  /* first collision r2/tool vs body */
    double q[4][CT_ROBOT_MAX_DOF];
    const double *qp[4];
    ct_vk_renderer *r;
    ct_vk_scene *scene;
    uint8_t *px;
} fixture;

static void fixture_free(fixture *fx) {
    free(fx->px);
    ct_vk_scene_destroy(fx->scene);
    ct_vk_renderer_destroy(fx->r);
    if (fx->rep) ct_verify_report_free(fx->rep);
    for (int i = 0; i < 4; i++)
        if (fx->traj[i]) ct_robot_program_free(&fx->prog[i]);
    ct_cell_destroy(fx->cell);
}

/* 0 ok, 1 failure, 77 skip (no Vulkan). */
static int fixture_setup(fixture *fx) {
    memset(fx, 0, sizeof *fx);
    ct_error err;
    ct_error_clear(&err);
    if (ct_cell_load(CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json", NULL, &fx->cell, &err) != CT_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    for (int i = 0; i < fx->cell->nrobot && i < 4; i++) {
        if (ct_robot_program_load(fx->cell, i, fx->cell->robot[i].program_path[0], NULL, &fx->prog[i], &err) != CT_OK)
            return 1;
        fx->traj[i] = fx->prog[i].traj;
    }
    ct_verify_input in = {fx->cell, fx->traj};
    ct_verify_options vo = ct_verify_default_options();
    if (ct_verify_run(&in, &vo, &fx->rep, &err) != CT_OK) return 1;
    for (int k = 0; k < fx->rep->nfinding && !fx->hit; k++) {
        const ct_finding *f = &fx->rep->finding[k];
        if (f->kind == CT_FIND_COLLISION && ((!strcmp(f->body_a, "r2/tool") && !strcmp(f->body_b, "body")) ||
                                             (!strcmp(f->body_b, "r2/tool") && !strcmp(f->body_a, "body"))))
            fx->hit = f;
    }
    if (!fx->hit) {
        fprintf(stderr, "sample cell: no r2/tool-body collision found\n");
        return 1;
    }
    for (int i = 0; i < fx->cell->nrobot; i++) {
        double qd[CT_ROBOT_MAX_DOF];
        ct_traj_eval(fx->traj[i], fmin(fx->hit->time, ct_traj_duration(fx->traj[i])), fx->q[i], qd);
        fx->qp[i] = fx->q[i];
    }
    ct_vk_renderer_def d = ct_vk_renderer_default_def();
    d.width = W;
    d.height = H;
    d.validation = 1;
    d.on_message = on_message;
    if (ct_vk_renderer_create(&d, &fx->r, &err) != CT_OK) {
        printf("SKIPPED: no Vulkan: %s\n", err.message);
        return CT_TEST_SKIP_CODE;
    }
    if (ct_vk_scene_create(fx->r, fx->cell, &fx->scene, &err) != CT_OK) return 1;
    fx->px = (uint8_t *)malloc((size_t)W * H * 4);
    return fx->px ? 0 : 1;
}

/* fixture_setup; on failure or skip the fixture is freed. The validation counter starts at 0. */
static int fixture_init(fixture *fx) {
    int rc = fixture_setup(fx);
    if (rc) fixture_free(fx);
    nmessages = 0;
    return rc;
}

/* ---- independent projection (render_check.h) ---- */
typedef struct rect { double u0, v0, u1, v1; } rect;
static void rect_add(rect *r, double u, double v) {
    r->u0 = fmin(r->u0, u), r->v0 = fmin(r->v0, v), r->u1 = fmax(r->u1, u), r->v1 = fmax(r->v1, v);
}

/* Screen rectangle of one shape at world pose xf: every mesh vertex, or the 8 corners of the
 * primitive's box. Returns 0 when a point is behind the camera (rect then unusable). */
static int shape_rect(const rc_cam *m, ct_xform xf, int is_mesh, const ct_mesh *mesh, const double half[3], rect *r) {
    int n = is_mesh ? mesh->nvert : 8;
    for (int i = 0; i < n; i++) {
        ct_vec3 p;
        if (is_mesh)
            p = ct_v3(mesh->vert[3 * i], mesh->vert[3 * i + 1], mesh->vert[3 * i + 2]);
        else
            p = ct_v3(i & 1 ? half[0] : -half[0], i & 2 ? half[1] : -half[1], i & 4 ? half[2] : -half[2]);
        ct_vec3 w = ct_xf_apply(xf, p);
        double pw[3] = {w.x, w.y, w.z}, u, v;
        if (!rc_project(m, pw, &u, &v, NULL)) return 0;
        rect_add(r, u, v);
    }
    return 1;
}

static void cell_half(const ct_cell_shape *s, double half[3]) {
    if (s->kind == CT_CELL_SHAPE_BOX)
        for (int k = 0; k < 3; k++) half[k] = s->size[k] / 2;
    else if (s->kind == CT_CELL_SHAPE_CYLINDER)
        half[0] = half[1] = s->radius, half[2] = s->length / 2;
    else
        half[0] = half[1] = half[2] = s->radius;
}

/* World pose of a robot link: cell base * inverse(base in root) * FK. */
static ct_xform link_world(const ct_cell *cell, int i, const double *q, int link) {
    const ct_cell_robot *cr = &cell->robot[i];
    return ct_xf_mul(ct_xf_mul(cr->base, ct_xf_inv(cr->robot->base_in_root)), ct_kin_link_pose(cr->robot, q, link));
}

/* Screen rectangles of everything in the cell (robot collision shapes, carried tools, objects). */
static int all_rects(const fixture *fx, const rc_cam *m, rect *out, int max) {
    int n = 0;
    const ct_cell *c = fx->cell;
    for (int i = 0; i < c->nrobot; i++) {
        const ct_robot *rb = c->robot[i].robot;
        for (int k = 0; k < rb->nshape && n < max; k++) {
            const ct_robot_shape *s = &rb->shape[k];
            double half[3] = {s->size[0] / 2, s->size[1] / 2, s->size[2] / 2};
            if (s->type == CT_GEOM_CYLINDER) half[0] = half[1] = s->radius, half[2] = s->length / 2;
            if (s->type == CT_GEOM_SPHERE) half[0] = half[1] = half[2] = s->radius;
            rect r = {1e30, 1e30, -1e30, -1e30};
            if (!shape_rect(m, ct_xf_mul(link_world(c, i, fx->qp[i], s->link), s->origin), s->type == CT_GEOM_MESH,
                            s->mesh, half, &r))
                return -1;
            out[n++] = r;
        }
        for (int t = 0; t < c->robot[i].ntool && n < max; t++) {
            const ct_cell_shape *s = &c->robot[i].tool[t].shape;
            if (s->kind == CT_CELL_SHAPE_NONE) continue;
            double half[3];
            cell_half(s, half);
            rect r = {1e30, 1e30, -1e30, -1e30};
            if (!shape_rect(m, ct_xf_mul(link_world(c, i, fx->qp[i], rb->tip_link), s->origin),
                            s->kind == CT_CELL_SHAPE_MESH, s->mesh, half, &r))
                return -1;
            out[n++] = r;
        }
    }
    for (int o = 0; o < c->nobject && n < max; o++) {
        const ct_cell_shape *s = &c->object[o].shape;
        double half[3];
        cell_half(s, half);
        rect r = {1e30, 1e30, -1e30, -1e30};
        if (!shape_rect(m, ct_xf_mul(c->object[o].pose, s->origin), s->kind == CT_CELL_SHAPE_MESH, s->mesh, half, &r))
            return -1;
        out[n++] = r;
    }
    return n;
}

static const float background[4] = {0.2f, 0.4f, 0.6f, 1.0f};
static int is_background(const uint8_t *p) { return rc_near(p, 51, 102, 153, 1); }

/* The renderer's view of the whole cell: camera orbiting the cell centre, grid off. */
static ct_vk_frame overview(const fixture *fx) {
    ct_vk_frame f = ct_vk_default_frame(NULL, (double)W / H);
    double target[3] = {0, 0, 1.0};
    f.camera = ct_vk_camera_orbit(target, 0.9, 0.6, 13.0);
    f.robot_q = fx->qp;
    f.show_grid = 0;
    memcpy(f.background, background, sizeof background);
    return f;
}

static int test_witness_point_is_red(void) {
    fixture fx;
    int rc = fixture_init(&fx);
    if (rc) return rc;
    ct_error err;
    ct_vk_frame f = ct_vk_default_frame(fx.scene, (double)W / H);
    f.robot_q = fx.qp;
    f.show_grid = 0;
    memcpy(f.background, background, sizeof background);
    ct_vk_highlight hl[2] = {{ct_vk_scene_find_body(fx.scene, "r2/tool"), {1, 0, 0, 1}},
                             {ct_vk_scene_find_body(fx.scene, "body"), {1, 0, 0, 1}}};
    CT_ENSURE(hl[0].body >= 0 && hl[1].body >= 0);
    f.nhighlight = 2;
    f.highlight = hl;
    /* look at the contact from 1.5 m (az 45 deg, el 30 deg: r2's arm does not hide it there) */
    double w[3] = {fx.hit->point_a.x, fx.hit->point_a.y, fx.hit->point_a.z};
    f.camera = ct_vk_camera_orbit(w, M_PI / 4, M_PI / 6, 1.5); /* the CLI's default view direction */
    CT_ENSURE(ct_vk_render_frame(fx.r, fx.scene, &f, &err) == CT_OK);
    CT_ENSURE(ct_vk_read_pixels(fx.r, fx.px, &err) == CT_OK);
    ct_vk_write_png(CT_BUILD_DIR "/test_render_witness.png", fx.px, W, H, &err);
    rc_cam m = rc_make_cam(&f.camera, W, H);
    double u, v;
    CT_ENSURE(rc_project(&m, w, &u, &v, NULL));
    CT_ENSURE_MSG(u > 2 && v > 2 && u < W - 2 && v < H - 2, "witness projects to %.1f, %.1f", u, v);
    /* the orbit target is the witness: it must land at the image centre (checks the convention) */
    CT_ENSURE_NEAR(u, W / 2.0, 1e-6);
    CT_ENSURE_NEAR(v, H / 2.0, 1e-6);
    const uint8_t *p = fx.px + ((size_t)(int)v * W + (int)u) * 4;
    printf("witness (%.3f %.3f %.3f) -> pixel (%d, %d) = %d %d %d\n", w[0], w[1], w[2], (int)u, (int)v, p[0], p[1],
           p[2]);
    CT_ENSURE_MSG(p[0] > 100 && p[0] > 2 * p[1] && p[0] > 2 * p[2], "pixel %d %d %d not red", p[0], p[1], p[2]);
    /* and a second witness, point_b (on the other body) */
    double wb[3] = {fx.hit->point_b.x, fx.hit->point_b.y, fx.hit->point_b.z};
    CT_ENSURE(rc_project(&m, wb, &u, &v, NULL));
    p = fx.px + ((size_t)(int)v * W + (int)u) * 4;
    CT_ENSURE_MSG(p[0] > 100 && p[0] > 2 * p[1] && p[0] > 2 * p[2], "pixel %d %d %d not red", p[0], p[1], p[2]);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages", nmessages);
    fixture_free(&fx);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages at teardown", nmessages);
    return 0;
}

static int test_background_outside_projection(void) {
    fixture fx;
    int rc = fixture_init(&fx);
    if (rc) return rc;
    ct_error err;
    ct_vk_frame f = overview(&fx);
    CT_ENSURE(ct_vk_render_frame(fx.r, fx.scene, &f, &err) == CT_OK);
    CT_ENSURE(ct_vk_read_pixels(fx.r, fx.px, &err) == CT_OK);
    ct_vk_write_png(CT_BUILD_DIR "/test_render_overview.png", fx.px, W, H, &err);
    rc_cam m = rc_make_cam(&f.camera, W, H);
    rect rects[256];
    int n = all_rects(&fx, &m, rects, 256);
    CT_ENSURE(n > 5);
    long outside = 0, bad = 0, inside_drawn = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int in = 0;
            for (int k = 0; k < n && !in; k++)
                in = x + 0.5 >= rects[k].u0 - 2 && x + 0.5 <= rects[k].u1 + 2 && y + 0.5 >= rects[k].v0 - 2 &&
                     y + 0.5 <= rects[k].v1 + 2;
            const uint8_t *p = fx.px + ((size_t)y * W + x) * 4;
            if (!in) {
                outside++;
                bad += !is_background(p);
            } else {
                inside_drawn += !is_background(p);
            }
        }
    printf("%ld pixels outside every projected body, %ld of them not background; %ld drawn inside\n", outside, bad,
           inside_drawn);
    CT_ENSURE(outside > W * H / 10); /* the test means something: plenty of empty screen */
    CT_ENSURE(bad == 0);
    CT_ENSURE(inside_drawn > W * H / 20);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages", nmessages);
    fixture_free(&fx);
    return 0;
}

static int test_silhouette_covers_base_link(void) {
    fixture fx;
    int rc = fixture_init(&fx);
    if (rc) return rc;
    ct_error err;
    ct_vk_frame f = overview(&fx);
    /* close-up of r2 so that its base link spans many pixels */
    const ct_cell_robot *cr = &fx.cell->robot[1];
    double target[3] = {cr->base.p.x, cr->base.p.y, cr->base.p.z + 0.5};
    f.camera = ct_vk_camera_orbit(target, 0.3, 0.35, 3.0);
    CT_ENSURE(ct_vk_render_frame(fx.r, fx.scene, &f, &err) == CT_OK);
    CT_ENSURE(ct_vk_read_pixels(fx.r, fx.px, &err) == CT_OK);
    rc_cam m = rc_make_cam(&f.camera, W, H);
    /* base link: the first link of r2 with collision geometry */
    const ct_robot *rb = cr->robot;
    int base = -1;
    for (int k = 0; k < rb->nshape && base < 0; k++)
        if (!rb->shape[k].visual) base = rb->shape[k].link;
    CT_ENSURE(base >= 0);
    rect r = {1e30, 1e30, -1e30, -1e30};
    long nvert = 0, covered = 0;
    for (int k = 0; k < rb->nshape; k++) {
        const ct_robot_shape *s = &rb->shape[k];
        if (s->link != base || s->visual || s->type != CT_GEOM_MESH) continue;
        ct_xform xf = ct_xf_mul(link_world(fx.cell, 1, fx.qp[1], base), s->origin);
        CT_ENSURE(shape_rect(&m, xf, 1, s->mesh, NULL, &r));
        for (int i = 0; i < s->mesh->nvert; i++) { /* every vertex lands on a drawn pixel (3x3 tolerance) */
            ct_vec3 w = ct_xf_apply(xf, ct_v3(s->mesh->vert[3 * i], s->mesh->vert[3 * i + 1], s->mesh->vert[3 * i + 2]));
            double pw[3] = {w.x, w.y, w.z}, u, v;
            CT_ENSURE(rc_project(&m, pw, &u, &v, NULL));
            int hit = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) {
                    int x = (int)u + dx, y = (int)v + dy;
                    if (x >= 0 && y >= 0 && x < W && y < H) hit |= !is_background(fx.px + ((size_t)y * W + x) * 4);
                }
            nvert++;
            covered += hit;
        }
    }
    CT_ENSURE(nvert > 0);
    CT_ENSURE_MSG(r.u1 - r.u0 > 20 && r.v1 - r.v0 > 20, "base link spans only %.0f x %.0f px", r.u1 - r.u0,
                  r.v1 - r.v0);
    /* the projected box's centre row and column are mostly covered by the silhouette */
    long box = 0, drawn = 0;
    for (int y = (int)r.v0 + 1; y < (int)r.v1; y++)
        for (int x = (int)r.u0 + 1; x < (int)r.u1; x++)
            if (x >= 0 && y >= 0 && x < W && y < H) box++, drawn += !is_background(fx.px + ((size_t)y * W + x) * 4);
    printf("base link: %ld/%ld vertices on the silhouette; projected box %.0fx%.0f px, %.1f%% drawn\n", covered, nvert,
           r.u1 - r.u0, r.v1 - r.v0, 100.0 * drawn / (box ? box : 1));
    CT_ENSURE(covered == nvert);
    CT_ENSURE(drawn > 0.6 * box);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages", nmessages);
    fixture_free(&fx);
    return 0;
}

/* CLI with no usable Vulkan driver: exit 2 and a message naming the problem. */
static int test_cli_no_driver_exits_2(void) {
    char cmd[2048], out[4096];
    snprintf(cmd, sizeof cmd,
             "VK_ICD_FILENAMES=/nonexistent VK_DRIVER_FILES=/nonexistent %s/app/celltwin render "
             "%s/assets/cells/spot_weld/cell.json --time 1 --out %s/test_render_none.png 2>&1",
             CT_BUILD_DIR, CT_SOURCE_DIR, CT_BUILD_DIR);
    int rc = run(cmd, out, sizeof out);
    printf("%s", out);
    CT_ENSURE(rc == 2);
    CT_ENSURE(strstr(out, "no Vulkan driver") != NULL);
    /* bad arguments: exit 2 too */
    snprintf(cmd, sizeof cmd, "%s/app/celltwin render %s/assets/cells/spot_weld/cell.json --out x.png 2>&1",
             CT_BUILD_DIR, CT_SOURCE_DIR);
    rc = run(cmd, out, sizeof out);
    CT_ENSURE(rc == 2);
    CT_ENSURE(strstr(out, "--time") != NULL);
    return 0;
}

CT_TEST_MAIN(CT_TEST(witness_point_is_red), CT_TEST(background_outside_projection),
             CT_TEST(silhouette_covers_base_link), CT_TEST(cli_no_driver_exits_2))
