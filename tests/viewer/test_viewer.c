/* `celltwin view` under Xvfb: a script plays 2 s, jumps to the next finding twice, takes a
 * screenshot through the renderer's read-back and quits. Checks: exit 0; the printed jumps follow
 * the findings of an independent verification run here (first finding after the pause time, then
 * the next one); the screenshot shows the same scene as `celltwin render --finding N` (mean
 * absolute difference above the timeline bar); the finding's witness point, projected here with
 * our own look-at/perspective maths, is red (collision) or orange (clearance) in the screenshot.
 * Also: no DISPLAY gives exit 2 with a message; a bad script line gives script:line:col. */
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "celltwin/render.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"
#include "ct_test.h"

#define W 640
#define H 360
#define BAR_TOP (H - 10 - 28) /* the viewer's timeline strip starts here (viewer_overlay.c) */
#define CELL CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json"
#define CLI CT_BUILD_DIR "/app/celltwin"

/* Runs a shell command, captures stdout+stderr into out; returns the exit status. */
static int run(const char *cmd, char *out, size_t n) {
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    size_t len = 0, k;
    while (len + 1 < n && (k = fread(out + len, 1, n - 1 - len, p)) > 0) len += k;
    out[len] = 0;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static unsigned char *read_png(const char *path, int *w, int *h) {
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path)) return NULL;
    img.format = PNG_FORMAT_RGBA;
    unsigned char *px = (unsigned char *)malloc(PNG_IMAGE_SIZE(img));
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        free(px);
        png_image_free(&img);
        return NULL;
    }
    *w = (int)img.width, *h = (int)img.height;
    return px;
}

/* Pixel (u right, v down) of world point p seen by camera c in a W x H image; 0 if behind. */
static int project(const ct_vk_camera *c, const double p[3], double *u, double *v) {
    double f[3], s[3], up[3], d[3], n;
    for (int k = 0; k < 3; k++) f[k] = c->target[k] - c->eye[k], d[k] = p[k] - c->eye[k];
    n = sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]);
    for (int k = 0; k < 3; k++) f[k] /= n;
    s[0] = f[1], s[1] = -f[0], s[2] = 0; /* forward x z */
    n = hypot(s[0], s[1]);
    s[0] /= n, s[1] /= n;
    up[0] = s[1] * f[2] - s[2] * f[1], up[1] = s[2] * f[0] - s[0] * f[2], up[2] = s[0] * f[1] - s[1] * f[0];
    double x = d[0] * s[0] + d[1] * s[1] + d[2] * s[2], y = d[0] * up[0] + d[1] * up[1] + d[2] * up[2];
    double z = d[0] * f[0] + d[1] * f[1] + d[2] * f[2];
    if (z < 1e-6) return 0;
    double t = tan(c->fov_y / 2);
    *u = (x / (z * t * W / H) + 1) / 2 * W;
    *v = (-y / (z * t) + 1) / 2 * H;
    return 1;
}

static ct_verify_report *verify_cell(void) {
    ct_error err;
    ct_cell *cell = NULL;
    ct_cell_def cd = ct_cell_default_def();
    if (ct_cell_load(CELL, &cd, &cell, &err) != CT_OK) return NULL;
    ct_robot_program progs[8];
    ct_traj *traj[8] = {0};
    for (int i = 0; i < cell->nrobot && i < 8; i++)
        if (cell->robot[i].nprogram > 0 &&
            ct_robot_program_load(cell, i, cell->robot[i].program_path[0], NULL, &progs[i], &err) == CT_OK)
            traj[i] = progs[i].traj;
    ct_verify_input in = {cell, traj};
    ct_verify_options vo = ct_verify_default_options();
    ct_verify_report *rep = NULL;
    if (ct_verify_run(&in, &vo, &rep, &err) != CT_OK) rep = NULL;
    for (int i = 0; i < cell->nrobot && i < 8; i++)
        if (traj[i]) ct_robot_program_free(&progs[i]);
    ct_cell_destroy(cell);
    return rep;
}

/* The viewer's stdout: "view: paused at t = X s" and "view: finding N at t = ..." lines. */
static int parse_jumps(const char *out, double *paused, int *first, int *second) {
    const char *p = strstr(out, "view: paused at t = ");
    if (!p || sscanf(p, "view: paused at t = %lf", paused) != 1) return 0;
    p = strstr(p, "view: finding ");
    if (!p || sscanf(p, "view: finding %d", first) != 1) return 0;
    p = strstr(p + 1, "view: finding ");
    return p && sscanf(p, "view: finding %d", second) == 1;
}

static int test_script_screenshot_matches_render(void) {
    if (system("command -v xvfb-run >/dev/null 2>&1") != 0) CT_SKIP("xvfb-run is not installed (apt: xvfb xauth)");
    char dir[] = "/tmp/ct_viewer_XXXXXX", path[512], cmd[2048];
    static char out[65536];
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/s.txt", dir);
    FILE *f = fopen(path, "w");
    CT_ENSURE(f != NULL);
    fprintf(f, "# test script\nplay 2\nnext-finding\nnext-finding\nscreenshot %s/view.png\nquit\n", dir);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "xvfb-run -a -s '-screen 0 1280x720x24' %s view %s --size %dx%d --script %s/s.txt 2>&1", CLI, CELL, W, H,
             dir);
    int rc = run(cmd, out, sizeof out);
    printf("%s", out);
    CT_ENSURE_MSG(rc == 0, "viewer exit %d", rc);

    /* the jumps follow an independent verification */
    double paused;
    int k0, k1;
    CT_ENSURE_MSG(parse_jumps(out, &paused, &k0, &k1), "viewer output lacks pause / finding lines");
    CT_ENSURE_MSG(paused >= 2.0 && paused < 3.5, "play 2 paused at t = %g s", paused);
    ct_verify_report *rep = verify_cell();
    CT_ENSURE(rep != NULL);
    int expect = -1;
    for (int i = 0; i < rep->nfinding && expect < 0; i++)
        if (rep->finding[i].time > paused) expect = i;
    CT_ENSURE_MSG(expect >= 0 && k0 == expect && k1 == expect + 1, "jumped to %d, %d; expected %d, %d", k0, k1, expect,
                  expect + 1);
    const ct_finding fd = rep->finding[k1];
    ct_verify_report_free(rep);
    CT_ENSURE_MSG(fd.body_b[0], "finding %d has no second body", k1);

    /* offscreen reference of the same finding */
    snprintf(cmd, sizeof cmd, "%s render %s --finding %d --size %dx%d --out %s/ref.png 2>&1", CLI, CELL, k1, W, H, dir);
    rc = run(cmd, out, sizeof out);
    CT_ENSURE_MSG(rc == 0, "render exit %d: %s", rc, out);
    int w1, h1, w2, h2;
    snprintf(path, sizeof path, "%s/view.png", dir);
    unsigned char *a = read_png(path, &w1, &h1);
    snprintf(path, sizeof path, "%s/ref.png", dir);
    unsigned char *b = read_png(path, &w2, &h2);
    CT_ENSURE_MSG(a && b, "cannot read the screenshot or the reference");
    CT_ENSURE(w1 == W && h1 == H && w2 == W && h2 == H);
    double sum = 0, sum_all = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            for (int c = 0; c < 3; c++) {
                double d = fabs((double)a[(y * W + x) * 4 + c] - b[(y * W + x) * 4 + c]);
                sum_all += d;
                if (y < BAR_TOP) sum += d;
            }
    double mad = sum / ((double)BAR_TOP * W * 3), mad_all = sum_all / ((double)H * W * 3);
    printf("screenshot vs render --finding %d: mean abs difference %.3f above the timeline, %.3f overall\n", k1, mad,
           mad_all);
    CT_ENSURE_MSG(mad < 2.0, "scene differs from the offscreen render (mean abs diff %.3f)", mad);
    CT_ENSURE_MSG(mad_all > mad, "no timeline bar drawn");

    /* the witness point: the camera frames the witness points with 0.6 m around at az 45, el 30 */
    double lo[3], hi[3], pa[3] = {fd.point_a.x, fd.point_a.y, fd.point_a.z}, pb[3] = {fd.point_b.x, fd.point_b.y, fd.point_b.z};
    for (int k = 0; k < 3; k++) lo[k] = fmin(pa[k], pb[k]) - 0.6, hi[k] = fmax(pa[k], pb[k]) + 0.6;
    ct_vk_camera cam = ct_vk_camera_fit(lo, hi, M_PI / 4, M_PI / 6, (double)W / H);
    double u, v;
    CT_ENSURE(project(&cam, pa, &u, &v));
    int hits = 0, collision = fd.kind == CT_FIND_COLLISION;
    for (int y = (int)v - 3; y <= (int)v + 3; y++)
        for (int x = (int)u - 3; x <= (int)u + 3; x++) {
            if (x < 0 || y < 0 || x >= W || y >= BAR_TOP) continue;
            const unsigned char *p = a + (y * W + x) * 4;
            if (collision ? (p[0] > 140 && p[1] < 90 && p[2] < 90) : (p[0] > 180 && p[1] > 70 && p[1] < 170 && p[2] < 80))
                hits++;
        }
    printf("%s witness point projects to (%.1f, %.1f): %d of 49 pixels around it %s\n", ct_finding_kind_name(fd.kind),
           u, v, hits, collision ? "red" : "orange");
    CT_ENSURE_MSG(hits >= 5, "witness point not highlighted");
    free(a);
    free(b);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

static int test_no_display_exits_2(void) {
    char cmd[1024];
    static char out[8192];
    snprintf(cmd, sizeof cmd, "env -u DISPLAY %s view %s 2>&1", CLI, CELL);
    int rc = run(cmd, out, sizeof out);
    printf("%s", out);
    CT_ENSURE_MSG(rc == 2, "exit %d", rc);
    CT_ENSURE(strstr(out, "no display") && strstr(out, "DISPLAY"));
    return 0;
}

static int test_bad_script_line(void) {
    char dir[] = "/tmp/ct_viewer_XXXXXX", cmd[1024];
    static char out[8192];
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(cmd, sizeof cmd, "printf 'play 1\\n\\nspeed 20\\n' > %s/bad.txt && %s view %s --script %s/bad.txt 2>&1", dir,
             CLI, CELL, dir);
    int rc = run(cmd, out, sizeof out);
    printf("%s", out);
    CT_ENSURE_MSG(rc == 2, "exit %d", rc);
    CT_ENSURE_MSG(strstr(out, "bad.txt:3:7: error") && strstr(out, "speed"), "no script:line:col message");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

CT_TEST_MAIN(CT_TEST(script_screenshot_matches_render), CT_TEST(no_display_exits_2), CT_TEST(bad_script_line))
