/* Frames on demand (ct_vk_cell_frames, `celltwin render --frames`, the viewer's `frames on`), on the
 * sample cell at a chosen time, against references computed here:
 *  - base and user frames in closed form from the numbers in cell.json (user frames live in the
 *    robot's base frame), TCP frames by ct_kin_fk of ct_traj_eval's joints, the robot base in the
 *    cell and the TCP of gun1 (tool 1, the tool r1 carries); home joints from cell.json in degrees;
 *  - the picture of `celltwin render --frames` and the same frame rendered here with the validation
 *    layer on (any message fails): the x/y/z axes of r1's TCP and base frames, projected with this
 *    test's own look-at/perspective maths (render_check.h), are red/green/blue in the image, and
 *    the same pixels are not axis-coloured in the picture without --frames;
 *  - the viewer under Xvfb: `frames on` + dump lists every base/TCP/user frame with the origins and
 *    axes above, `frames off` lists none; a bad `frames` argument fails with script:line:col. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "celltwin/kin.h"
#include "celltwin/verify_program.h"
#include "ct_test.h"
#include "render_check.h"
#include "render_test_common.h"
#include "test_json.h"
#include "viewer/viewer_harness.h" /* CELL, CLI, the bad-script check */

#define T_SHOW 3.0 /* s: the chosen time */
#define W 800
#define H 450
/* CLI camera: azimuth, elevation (deg), distance (mm) around the cell's bounds at T_SHOW */
#define CAM_AZ -60.0
#define CAM_EL 35.0
#define CAM_DIST 7000.0

/* ---- references ---- */

typedef struct ref_frame {
    const char *name;
    double o[3];
    double axis[3][3]; /* unit x, y, z in the cell frame */
} ref_frame;

/* A pose [x, y, z (m), rotation about z (deg)] as in cell.json (rx = ry = 0 there). */
static void pose_z(ref_frame *f, double x, double y, double z, double rz_deg) {
    double c = cos(rz_deg * M_PI / 180), s = sin(rz_deg * M_PI / 180);
    f->o[0] = x, f->o[1] = y, f->o[2] = z;
    double ax[3][3] = {{c, s, 0}, {-s, c, 0}, {0, 0, 1}};
    memcpy(f->axis, ax, sizeof ax);
}

/* TCP of robot i at joints q: ct_kin_fk of every link, base in the cell, tool 1's TCP (m). */
static void ref_tcp(const ct_cell *cell, int i, const double *q, ref_frame *f) {
    const ct_cell_robot *cr = &cell->robot[i];
    const ct_robot *rb = cr->robot;
    ct_xform link[CT_ROBOT_MAX_LINKS];
    ct_kin_fk(rb, q, link);
    const ct_cell_tool *gun = ct_cell_robot_tool(cr, 1);
    ct_xform w = ct_xf_mul(ct_xf_mul(cr->base, ct_xf_inv(rb->base_in_root)), ct_xf_mul(link[rb->tip_link], gun->tcp));
    f->o[0] = w.p.x, f->o[1] = w.p.y, f->o[2] = w.p.z;
    for (int a = 0; a < 3; a++)
        for (int k = 0; k < 3; k++) f->axis[a][k] = w.R.m[3 * k + a];
}

/* The six frames of the sample cell at joints q[0], q[1] (closed forms from cell.json):
 * r1 base [0, -2600, 0] rz 90; its U1 [2600, 0, 700] rz 90 in that base -> (0, 0, 0.7), rz 180;
 * r2 base [300, 1700, 800] rz -90; its U101 [1000, -300, -100] -> (0, 0.7, 0.7), rz -90. */
static void ref_frames(const ct_cell *cell, const double *const q[2], ref_frame f[6]) {
    static const char *names[6] = {"r1/base", "r1/tcp", "r1/user1", "r2/base", "r2/tcp", "r2/user101"};
    for (int k = 0; k < 6; k++) f[k].name = names[k];
    pose_z(&f[0], 0, -2.6, 0, 90);
    ref_tcp(cell, 0, q[0], &f[1]);
    pose_z(&f[2], 0, 0, 0.7, 180);
    pose_z(&f[3], 0.3, 1.7, 0.8, -90);
    ref_tcp(cell, 1, q[1], &f[4]);
    pose_z(&f[5], 0, 0.7, 0.7, -90);
}

typedef struct fixture {
    ct_cell *cell;
    ct_robot_program prog[2];
    double q[2][CT_ROBOT_MAX_DOF];
    const double *qp[2];
} fixture;

static int fixture_init(fixture *fx) {
    memset(fx, 0, sizeof *fx);
    ct_error err;
    ct_error_clear(&err);
    if (ct_cell_load(CELL, NULL, &fx->cell, &err) != CT_OK || fx->cell->nrobot != 2) return 0;
    for (int i = 0; i < 2; i++) {
        if (ct_robot_program_load(fx->cell, i, fx->cell->robot[i].program_path[0], NULL, &fx->prog[i], &err) != CT_OK)
            return 0;
        ct_traj_eval(fx->prog[i].traj, fmin(T_SHOW, ct_traj_duration(fx->prog[i].traj)), fx->q[i], NULL);
        fx->qp[i] = fx->q[i];
    }
    return 1;
}

static void fixture_free(fixture *fx) {
    for (int i = 0; i < 2; i++)
        if (fx->prog[i].traj) ct_robot_program_free(&fx->prog[i]);
    ct_cell_destroy(fx->cell);
}

static int same_frame(const ct_vk_axes *a, const ref_frame *r, double tol) {
    for (int k = 0; k < 3; k++) {
        if (fabs((&a->pose.p.x)[k] - r->o[k]) > tol) return 0;
        for (int ax = 0; ax < 3; ax++)
            if (fabs(a->pose.R.m[3 * k + ax] - r->axis[ax][k]) > tol) return 0;
    }
    return 1;
}

static int test_frames_match_fk(void) {
    fixture fx;
    CT_ENSURE(fixture_init(&fx));
    ref_frame ref[6];
    ref_frames(fx.cell, fx.qp, ref);
    ct_vk_axes ax[8];
    char names[8][CT_VK_FRAME_NAME];
    CT_ENSURE(ct_vk_cell_frames(fx.cell, NULL, 1.0, NULL, NULL, 0) == 6);
    CT_ENSURE(ct_vk_cell_frames(fx.cell, fx.qp, 0.5, ax, names, 8) == 6);
    for (int k = 0; k < 6; k++) {
        printf("%-11s origin (%8.5f %8.5f %8.5f) m, reference (%8.5f %8.5f %8.5f)\n", names[k], ax[k].pose.p.x,
               ax[k].pose.p.y, ax[k].pose.p.z, ref[k].o[0], ref[k].o[1], ref[k].o[2]);
        CT_ENSURE_MSG(!strcmp(names[k], ref[k].name), "frame %d is '%s', want '%s'", k, names[k], ref[k].name);
        CT_ENSURE_MSG(same_frame(&ax[k], &ref[k], 1e-9), "frame %s differs from the reference", names[k]);
        CT_ENSURE(ax[k].length == 0.5);
    }
    /* the gun's TCP is 500 mm (r1) / 250 mm (r2) along the flange z: the TCP moved with the robot */
    CT_ENSURE(hypot(ax[1].pose.p.x - ax[0].pose.p.x, ax[1].pose.p.y - ax[0].pose.p.y) > 0.5);
    /* truncated output: the first max frames, the full count returned */
    ct_vk_axes few[2];
    CT_ENSURE(ct_vk_cell_frames(fx.cell, fx.qp, 0.5, few, NULL, 2) == 6);
    CT_ENSURE(same_frame(&few[1], &ref[1], 1e-9));
    /* no joints: the cell's home, r1 [0, 110, -20, 0, -60, 0] deg, r2 [0, 0, 90, 0, 90, 0] deg */
    static const double home_deg[2][6] = {{0, 110, -20, 0, -60, 0}, {0, 0, 90, 0, 90, 0}};
    double home[2][CT_ROBOT_MAX_DOF] = {{0}};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 6; j++) home[i][j] = home_deg[i][j] * M_PI / 180;
    const double *hp[2] = {home[0], home[1]};
    ref_frames(fx.cell, hp, ref);
    CT_ENSURE(ct_vk_cell_frames(fx.cell, NULL, 0.5, ax, names, 8) == 6);
    for (int k = 0; k < 6; k++) CT_ENSURE_MSG(same_frame(&ax[k], &ref[k], 1e-9), "home: frame %s differs", names[k]);
    /* axis length: 4 % of the bounds' diagonal within 0.05 .. 2 m */
    double lo[3] = {0, 0, 0}, hi[3] = {3, 4, 12}, big[3] = {300, 0, 0};
    CT_ENSURE_NEAR(ct_vk_frames_length(lo, hi), 0.52, 1e-12);
    CT_ENSURE_NEAR(ct_vk_frames_length(lo, lo), 0.05, 1e-12);
    CT_ENSURE_NEAR(ct_vk_frames_length(lo, big), 2.0, 1e-12);
    /* the triad polyline: origin, x tip, origin, y tip, origin, z tip; segments red, red, green,
     * green, blue; drawn on top */
    double pts[18];
    float rgba[24];
    ct_vk_polyline pl = ct_vk_axes_polyline(&ax[1], pts, rgba);
    CT_ENSURE(pl.npoint == 6 && pl.point == pts && pl.point_rgba == rgba && pl.on_top == 1 && pl.nstep == 0);
    for (int k = 0; k < 6; k++)
        for (int c = 0; c < 3; c++)
            CT_ENSURE_NEAR(pts[3 * k + c], ref[1].o[c] + (k % 2 ? 0.5 * ref[1].axis[k / 2][c] : 0), 1e-9);
    static const float want[5][3] = {{0.9f, 0.1f, 0.1f}, {0.9f, 0.1f, 0.1f}, {0.1f, 0.75f, 0.1f},
                                     {0.1f, 0.75f, 0.1f}, {0.1f, 0.2f, 0.95f}};
    for (int k = 0; k < 5; k++)
        for (int c = 0; c < 3; c++) CT_ENSURE(rgba[4 * k + c] == want[k][c]);
    fixture_free(&fx);
    return 0;
}

/* ---- pictures ---- */

/* A W x H PNG as RGBA8 (malloc'd), NULL when it cannot be read or has another size. */
static uint8_t *read_png(const char *path) {
    int w, h;
    uint8_t *px = rc_read_png(path, &w, &h);
    if (px && (w != W || h != H)) {
        free(px);
        px = NULL;
    }
    return px;
}

/* Axis colour a (x red, y green, z blue): its channel at least 80 above both others. The lines are
 * 1 px wide, so with MSAA a pixel is often a blend of the axis colour (e.g. (0.1, 0.2, 0.95)) with
 * 1/4 or more of what lies behind it; the grey, white, olive and brown bodies and the floor stay far
 * below this margin. */
static int axis_coloured(const uint8_t *p, int a) {
    int c = p[a], o1 = p[(a + 1) % 3], o2 = p[(a + 2) % 3];
    return c - (o1 > o2 ? o1 : o2) >= 80;
}

/* An axis-coloured pixel in the 3x3 pixels around (u, v). */
static int axis_pixel_near(const uint8_t *px, double u, double v, int axis) {
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            int x = (int)floor(u) + dx, y = (int)floor(v) + dy;
            if (x >= 0 && y >= 0 && x < W && y < H && axis_coloured(px + ((size_t)y * W + x) * 4, axis)) return 1;
        }
    return 0;
}

/* Checks the x/y/z axes of a reference frame in two images: at 60 %, 80 % and 95 % of the axis
 * length towards its tip (projected here) the `with` image has the axis colour and `without`
 * does not. Returns the number of failures (printed). */
static int check_axes(const rc_cam *m, const ref_frame *f, double length, const uint8_t *with, const uint8_t *without,
                      const char *what) {
    static const double frac[3] = {0.6, 0.8, 0.95};
    int bad = 0;
    for (int a = 0; a < 3; a++)
        for (int j = 0; j < 3; j++) {
            double p[3], u, v, o[2] = {NAN, NAN};
            for (int k = 0; k < 3; k++) p[k] = f->o[k] + frac[j] * length * f->axis[a][k];
            if (!rc_project(m, p, &u, &v, NULL) || u < 2 || v < 2 || u > W - 3 || v > H - 3) {
                printf("  %s %s %c axis at %.0f%%: outside the image\n", what, f->name, "xyz"[a], 100 * frac[j]);
                bad++;
                continue;
            }
            rc_project(m, f->o, &o[0], &o[1], NULL);
            int yes = axis_pixel_near(with, u, v, a), no = without ? axis_pixel_near(without, u, v, a) : 0;
            if (j == 2 || !yes || no)
                printf("  %s %s %c axis at %.0f%% -> pixel (%.1f, %.1f) (origin at %.1f, %.1f): %s%s\n", what, f->name,
                       "xyz"[a], 100 * frac[j], u, v, o[0], o[1], yes ? "axis colour" : "NOT axis colour",
                       no ? ", and axis colour without frames too" : "");
            bad += !yes || no;
        }
    return bad;
}

static int test_render_frames_pixels(void) {
    fixture fx;
    CT_ENSURE(fixture_init(&fx));
    ct_error err;
    ct_error_clear(&err);
    ct_vk_renderer_def d = ct_vk_renderer_default_def();
    d.width = W, d.height = H, d.validation = 1, d.on_message = on_message;
    ct_vk_renderer *r = NULL;
    if (ct_vk_renderer_create(&d, &r, &err) != CT_OK) {
        fixture_free(&fx);
        CT_SKIP("no Vulkan: %s", err.message);
    }
    ct_vk_scene *scene = NULL;
    CT_ENSURE(ct_vk_scene_create(r, fx.cell, &scene, &err) == CT_OK);
    /* the CLI's camera: orbit around the centre of the bounds at the shown pose */
    double lo[3], hi[3], c[3];
    ct_vk_scene_bounds(scene, fx.qp, lo, hi);
    for (int k = 0; k < 3; k++) c[k] = 0.5 * (lo[k] + hi[k]);
    const double deg = M_PI / 180;
    ct_vk_camera cam = ct_vk_camera_orbit(c, CAM_AZ * deg, CAM_EL * deg, CAM_DIST / 1000);
    ct_vk_scene_bounds(scene, NULL, lo, hi);
    double length = ct_vk_frames_length(lo, hi);
    printf("camera eye (%.3f %.3f %.3f) target (%.3f %.3f %.3f); axis length %.4f m\n", cam.eye[0], cam.eye[1],
           cam.eye[2], cam.target[0], cam.target[1], cam.target[2], length);
    CT_ENSURE(length > 0.2 && length < 1.0);

    /* the CLI, with and without --frames; the validation layer on through the environment, its
     * messages printed to stdout: the start-up information proves it ran, and there must be no
     * error, warning or performance warning */
    char dir[] = "/tmp/ct_frames_XXXXXX", cmd[2048], path[600];
    static char out[16384];
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/vk_layer_settings.txt", dir);
    FILE *sf = fopen(path, "w");
    CT_ENSURE(sf != NULL);
    fprintf(sf, "khronos_validation.report_flags = error,warn,perf,info\n"
                "khronos_validation.debug_action = VK_DBG_LAYER_ACTION_LOG_MSG\n"
                "khronos_validation.log_filename = stdout\n");
    fclose(sf);
    uint8_t *img[2] = {NULL, NULL};
    for (int k = 0; k < 2; k++) {
        snprintf(cmd, sizeof cmd,
                 "VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation VK_LAYER_SETTINGS_PATH=%s %s render %s --time %g "
                 "--camera %g,%g,%g --size %dx%d%s --out %s/%s.png 2>&1",
                 dir, CLI, CELL, T_SHOW, CAM_AZ, CAM_EL, CAM_DIST, W, H, k ? "" : " --frames", dir, k ? "plain" : "frames");
        int rc = run(cmd, out, sizeof out);
        printf("%s", out);
        CT_ENSURE_MSG(rc == 0, "celltwin render exit %d", rc);
        CT_ENSURE_MSG(strstr(out, "Validation Information"), "the validation layer did not run");
        CT_ENSURE_MSG(!strstr(out, "Validation Error") && !strstr(out, "Validation Warning") &&
                          !strstr(out, "Validation Performance Warning") && !strstr(out, "VUID-"),
                      "validation messages from the CLI");
        snprintf(path, sizeof path, "%s/%s.png", dir, k ? "plain" : "frames");
        img[k] = read_png(path);
        CT_ENSURE_MSG(img[k] != NULL, "cannot read %s", path);
    }
    CT_ENSURE(strstr(out, ", frames)") == NULL); /* the plain run did not claim frames */

    /* the same frame drawn here, the validation layer on: paths, then the frames on top */
    ct_vk_frame f = ct_vk_default_frame(scene, (double)W / H);
    f.camera = cam;
    f.robot_q = fx.qp;
    f.detail = CT_VK_DETAIL_FULL;
    ct_vk_path paths[2];
    ct_vk_polyline lines[2 + 6];
    ct_vk_axes ax[6];
    double pts[6][18];
    float rgba[6][24];
    for (int i = 0; i < 2; i++) {
        CT_ENSURE(ct_vk_tcp_path(fx.cell, i, fx.prog[i].traj, &paths[i], &err) == CT_OK);
        lines[i] = ct_vk_path_polyline(&paths[i]);
    }
    CT_ENSURE(ct_vk_cell_frames(fx.cell, fx.qp, length, ax, NULL, 6) == 6);
    for (int k = 0; k < 6; k++) lines[2 + k] = ct_vk_axes_polyline(&ax[k], pts[k], rgba[k]);
    f.npolyline = 8;
    f.polyline = lines;
    uint8_t *here = (uint8_t *)malloc((size_t)W * H * 4);
    CT_ENSURE(here != NULL);
    nmessages = 0;
    CT_ENSURE(ct_vk_render_frame(r, scene, &f, &err) == CT_OK);
    CT_ENSURE(ct_vk_read_pixels(r, here, &err) == CT_OK);
    ct_vk_write_png(CT_BUILD_DIR "/test_render_frames.png", here, W, H, &err);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages", nmessages);

    ref_frame ref[6];
    ref_frames(fx.cell, fx.qp, ref);
    rc_cam m = rc_make_cam(&cam, W, H);
    int bad = 0;
    bad += check_axes(&m, &ref[1], length, img[0], img[1], "render --frames");
    bad += check_axes(&m, &ref[0], length, img[0], img[1], "render --frames");
    bad += check_axes(&m, &ref[1], length, here, img[1], "in-process");
    bad += check_axes(&m, &ref[0], length, here, img[1], "in-process");
    CT_ENSURE_MSG(bad == 0, "%d axis points without their colour (or with it without --frames)", bad);
    /* the CLI picture is the in-process one (same frame, same device) */
    long differ = 0;
    for (long i = 0; i < (long)W * H; i++)
        differ += !rc_near(img[0] + 4 * i, here[4 * i], here[4 * i + 1], here[4 * i + 2], 2);
    printf("CLI picture vs in-process: %ld of %d pixels differ by more than 2\n", differ, W * H);
    CT_ENSURE(differ < W * H / 1000);

    free(here);
    free(img[0]);
    free(img[1]);
    for (int i = 0; i < 2; i++) ct_vk_path_free(&paths[i]);
    ct_vk_scene_destroy(scene);
    ct_vk_renderer_destroy(r);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages at teardown", nmessages);
    fixture_free(&fx);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

/* ---- viewer ---- */

static int test_viewer_frames_dump(void) {
    /* a bad argument: script:line:col, exit 2 (before any window) */
    if (bad_script_exits_2("time 1\\nframes sideways\\n", "2:8", "frames expects on or off")) return 1;
    NEED_XVFB();
    char dir[] = "/tmp/ct_frames_XXXXXX", cmd[2048], path[600], script[1024];
    static char out[65536];
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(script, sizeof script,
             "panel off\ntime %g\nframes on\ndump-now %s/on.json\nscreenshot %s/on.png\nframes off\ndump-now %s/off.json\n"
             "screenshot %s/off.png\nquit\n",
             T_SHOW, dir, dir, dir, dir);
    int rc = view_script(dir, script, CELL, W, H, out, sizeof out);
    CT_ENSURE_MSG(rc == 0, "viewer exit %d", rc);

    fixture fx;
    CT_ENSURE(fixture_init(&fx));
    ref_frame ref[6];
    ref_frames(fx.cell, fx.qp, ref);
    snprintf(path, sizeof path, "%s/on.json", dir);
    cJSON *on = json_load(path);
    CT_ENSURE_MSG(on != NULL, "no dump %s", path);
    CT_ENSURE(jnum(on, "frames_on") == 1);
    CT_ENSURE_NEAR(jnum(on, "time"), T_SHOW, 1e-12);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(on, "frames");
    CT_ENSURE_MSG(cJSON_GetArraySize(list) == 6, "%d frames in the dump", cJSON_GetArraySize(list));
    int k = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, list) {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(e, "name");
        double o[3], axis[3][3];
        CT_ENSURE(cJSON_IsString(nm) && jvec(e, "origin", o) && jvec(e, "x", axis[0]) && jvec(e, "y", axis[1]) &&
                  jvec(e, "z", axis[2]));
        printf("dump %-11s origin (%8.5f %8.5f %8.5f) m, reference (%8.5f %8.5f %8.5f), length %.4f m\n",
               nm->valuestring, o[0], o[1], o[2], ref[k].o[0], ref[k].o[1], ref[k].o[2], jnum(e, "length"));
        CT_ENSURE_MSG(!strcmp(nm->valuestring, ref[k].name), "frame %d is '%s', want '%s'", k, nm->valuestring,
                      ref[k].name);
        for (int c = 0; c < 3; c++) {
            CT_ENSURE_NEAR(o[c], ref[k].o[c], 1e-9);
            for (int a = 0; a < 3; a++) CT_ENSURE_NEAR(axis[a][c], ref[k].axis[a][c], 1e-9);
        }
        CT_ENSURE(jnum(e, "length") > 0.2 && jnum(e, "length") < 1.0);
        k++;
    }
    cJSON_Delete(on);
    snprintf(path, sizeof path, "%s/off.json", dir);
    cJSON *off = json_load(path);
    CT_ENSURE_MSG(off != NULL, "no dump %s", path);
    CT_ENSURE(jnum(off, "frames_on") == 0);
    CT_ENSURE(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(off, "frames")) == 0);
    cJSON_Delete(off);
    /* the screenshots: frames on adds pixels of each axis colour (the view is the same) */
    uint8_t *img[2];
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s.png", dir, i ? "off" : "on");
        img[i] = read_png(path);
        CT_ENSURE_MSG(img[i] != NULL, "cannot read %s", path);
    }
    for (int a = 0; a < 3; a++) {
        long n[2] = {0, 0};
        for (int i = 0; i < 2; i++)
            for (long p = 0; p < (long)W * H; p++) n[i] += axis_coloured(img[i] + 4 * p, a);
        printf("viewer screenshot: %ld %c-axis-coloured pixels with frames on, %ld with frames off\n", n[0], "xyz"[a],
               n[1]);
        CT_ENSURE(n[0] >= n[1] + 15);
    }
    free(img[0]);
    free(img[1]);
    fixture_free(&fx);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

CT_TEST_MAIN(CT_TEST(frames_match_fk), CT_TEST(render_frames_pixels), CT_TEST(viewer_frames_dump))
