/* `celltwin view` under Xvfb: a script plays 2 s, jumps to the next finding twice, takes a
 * screenshot through the renderer's read-back and quits. Checks: exit 0; the printed jumps follow
 * the findings of an independent verification run here (first finding after the pause time, then
 * the next one); the screenshot shows the same scene as `celltwin render --finding N` (mean
 * absolute difference above the timeline bar); the finding's witness point, projected here with
 * our own look-at/perspective maths, is red (collision) or orange (clearance) in the screenshot.
 * Also: no DISPLAY gives exit 2 with a message; a bad script line gives script:line:col.
 * Side panel (viewer_panel.c): Hangul text drawn at the font's hmtx advances; the `dump` JSON
 * lists the IR's motion steps and the independent verification's findings; click-finding /
 * click-step move the playhead; --watch picks up an edited and then a deleted jobfile; a missing
 * font exits 2. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "celltwin/render.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"
#include "ct_test.h"
#include "celltwin/job_ir.h"
#include <stb/stb_truetype.h> /* declarations only: the implementation is in ct_viewer */
#include "render/render_check.h" /* the test's own look-at/perspective projection */
#include "viewer_harness.h"
#include "viewer_text.h"

#define W 640
#define H 360
#define BAR_TOP (H - 10 - 28) /* the viewer's timeline strip starts here (viewer_overlay.c) */

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
    NEED_XVFB();
    char dir[] = "/tmp/ct_viewer_XXXXXX", path[512], cmd[2048], script[1024];
    static char out[65536];
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(script, sizeof script,
             "# test script\npanel off\nplay 2\nnext-finding\nnext-finding\nscreenshot %s/view.png\nquit\n", dir);
    int rc = view_script(dir, script, CELL, W, H, out, sizeof out);
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
    unsigned char *a = rc_read_png(path, &w1, &h1);
    snprintf(path, sizeof path, "%s/ref.png", dir);
    unsigned char *b = rc_read_png(path, &w2, &h2);
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
    rc_cam m = rc_make_cam(&cam, W, H);
    double u, v;
    CT_ENSURE(rc_project(&m, pa, &u, &v, NULL));
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

static int test_bad_script_line(void) { return bad_script_exits_2("play 1\\n\\nspeed 20\\n", "3:7", "speed"); }

/* Hangul through the viewer's text code: ink appears in each glyph's advance cell (advances from
 * the font's hmtx, read here), nothing in the space, and the glyphs differ. */
static int test_hangul_text(void) {
    const char *path = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";
    FILE *ff = fopen(path, "rb");
    if (!ff) CT_SKIP("fonts-nanum is not installed");
    static unsigned char ttf[8 << 20];
    size_t nb = fread(ttf, 1, sizeof ttf, ff);
    fclose(ff);
    CT_ENSURE(nb > 0);
    stbtt_fontinfo info;
    CT_ENSURE(stbtt_InitFont(&info, ttf, stbtt_GetFontOffsetForIndex(ttf, 0)));
    const float px = 32;
    float scale = stbtt_ScaleForPixelHeight(&info, px);
    vw_font *font = NULL;
    ct_error err;
    CT_ENSURE(vw_font_load(path, NULL, px, &font, &err) == CT_OK);
    enum { IW = 400, IH = 60 };
    static uint8_t img[IW * IH * 4];
    memset(img, 0, sizeof img);
    const uint8_t white[4] = {255, 255, 255, 255};
    const float x0 = 10;
    float end = vw_text_draw(font, img, IW, IH, x0, 44, "\xEC\x9A\xA9\xEC\xA0\x91 \xEC\x8B\x9C\xEC\x9E\x91", white, IW);
    const int cp[5] = {0xC6A9, 0xC811, 0x20, 0xC2DC, 0xC791}; /* 용 접 space 시 작 */
    float pen[6];
    pen[0] = x0;
    for (int i = 0; i < 5; i++) {
        int adv, lsb;
        stbtt_GetCodepointHMetrics(&info, cp[i], &adv, &lsb);
        CT_ENSURE_MSG(stbtt_FindGlyphIndex(&info, cp[i]) != 0, "font lacks U+%04X", cp[i]);
        pen[i + 1] = pen[i] + adv * scale;
    }
    printf("pen after text %.2f px, from hmtx %.2f px\n", end, pen[5]);
    CT_ENSURE_NEAR(end, pen[5], 1e-3);
    int ink[5] = {0};
    unsigned long sig[5] = {0};
    for (int y = 0; y < IH; y++)
        for (int x = 0; x < IW; x++) {
            int a = img[(y * IW + x) * 4 + 3];
            if (a < 128) continue;
            int g = -1;
            for (int i = 0; i < 5; i++)
                if (x >= (int)floorf(pen[i]) - 1 && x < (int)ceilf(pen[i + 1]) + 1) g = i;
            CT_ENSURE_MSG(g >= 0, "ink at x = %d outside every advance cell", x);
            ink[g]++;
            sig[g] = sig[g] * 31 + (unsigned long)((x - (int)pen[g]) * 97 + y);
        }
    for (int i = 0; i < 5; i++) printf("glyph U+%04X: cell %.1f..%.1f px, %d ink pixels\n", cp[i], pen[i], pen[i + 1], ink[i]);
    CT_ENSURE_MSG(ink[2] == 0, "ink in the space");
    for (int i = 0; i < 5; i++) {
        if (i == 2) continue;
        CT_ENSURE_MSG(ink[i] > 40, "glyph %d has no ink", i);
        for (int j = 0; j < i; j++)
            if (j != 2) CT_ENSURE_MSG(sig[i] != sig[j] || ink[i] != ink[j], "glyphs %d and %d are the same", i, j);
    }
    vw_font_free(font);
    return 0;
}

/* Motion instructions of each robot's program (parser IR, not the viewer's step list). */
static int ir_steps(int *per_robot, int *nrobot) {
    ct_error err;
    ct_cell *cell = NULL;
    ct_cell_def cd = ct_cell_default_def();
    if (ct_cell_load(CELL, &cd, &cell, &err) != CT_OK) return 0;
    *nrobot = cell->nrobot;
    for (int i = 0; i < cell->nrobot && i < 8; i++) {
        per_robot[i] = 0;
        ct_robot_program p;
        if (cell->robot[i].nprogram > 0 &&
            ct_robot_program_load(cell, i, cell->robot[i].program_path[0], NULL, &p, &err) == CT_OK) {
            for (int k = 0; k < p.program->ninstr; k++) per_robot[i] += p.program->instr[k].kind == CT_JOB_MOTION;
            ct_robot_program_free(&p);
        }
    }
    ct_cell_destroy(cell);
    return 1;
}

static int test_panel_dump_and_clicks(void) {
    NEED_XVFB();
    char dir[] = "/tmp/ct_viewer_XXXXXX", path[512], cmd[2048], script[1024];
    static char out[65536];
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(script, sizeof script, "dump %s/a.json\nclick-finding 2\ndump %s/b.json\nclick-step 3\ndump %s/c.json\nquit\n",
             dir, dir, dir);
    int rc = view_script(dir, script, CELL, W, H, out, sizeof out);
    CT_ENSURE_MSG(rc == 0, "viewer exit %d", rc);
    int nir[8], nrobot = 0;
    CT_ENSURE(ir_steps(nir, &nrobot) && nrobot == 2);
    ct_verify_report *rep = verify_cell();
    CT_ENSURE(rep != NULL && rep->nfinding >= 2);
    snprintf(path, sizeof path, "%s/a.json", dir);
    char *js = slurp(path);
    CT_ENSURE_MSG(js != NULL, "no dump");
    int r1 = count_str(js, "{\"robot\": \"r1\", \"step\"", NULL), r2 = count_str(js, "{\"robot\": \"r2\", \"step\"", NULL);
    int nf = count_str(js, "{\"kind\"", NULL);
    printf("panel: %d + %d steps (IR motions %d + %d), %d findings (verification %d)\n", r1, r2, nir[0], nir[1], nf,
           rep->nfinding);
    CT_ENSURE(r1 == nir[0] && r2 == nir[1] && nf == rep->nfinding);
    snprintf(path, sizeof path, "%s/b.json", dir);
    js = slurp(path);
    CT_ENSURE(js != NULL);
    double t = json_num(js, "\"time\": ");
    printf("click-finding 2: t = %.9f s, finding 1 at %.9f s\n", t, rep->finding[1].time);
    CT_ENSURE_NEAR(t, rep->finding[1].time, 1e-6);
    CT_ENSURE(json_num(js, "\"selected_finding\": ") == 1);
    /* the camera frames finding 1's witness points (target at the centre of their box) */
    const char *ct = strstr(js, "\"camera_target\": [");
    double tg[3];
    CT_ENSURE(ct && sscanf(ct, "\"camera_target\": [%lf, %lf, %lf", &tg[0], &tg[1], &tg[2]) == 3);
    CT_ENSURE_NEAR(tg[0], 0.5 * (rep->finding[1].point_a.x + rep->finding[1].point_b.x), 1e-6);
    CT_ENSURE_NEAR(tg[2], 0.5 * (rep->finding[1].point_a.z + rep->finding[1].point_b.z), 1e-6);
    ct_verify_report_free(rep);
    snprintf(path, sizeof path, "%s/c.json", dir);
    js = slurp(path);
    CT_ENSURE(js != NULL);
    const char *s3 = strstr(js, "\"steps\": [");
    for (int k = 0; s3 && k < 3; k++) s3 = strstr(s3 + 1, "{\"robot\"");
    CT_ENSURE(s3 != NULL);
    double t0 = json_num(s3, "\"t0\": ");
    t = json_num(js, "\"time\": ");
    printf("click-step 3: t = %.9f s, step row 3 starts at %.9f s\n", t, t0);
    CT_ENSURE_NEAR(t, t0, 1e-9);
    CT_ENSURE(t0 > 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

static int test_watch_reload(void) {
    NEED_XVFB();
    char dir[] = "/tmp/ct_viewer_XXXXXX", path[512], cmd[4096];
    static char out[65536];
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(cmd, sizeof cmd, "cp %s/assets/cells/spot_weld/programs/0001.JOB %s/job.JOB", CT_SOURCE_DIR, dir);
    CT_ENSURE(system(cmd) == 0);
    /* the edited job: S1..S4 of the original, then home as S5, with a Korean comment */
    snprintf(path, sizeof path, "%s/new.JOB", dir);
    snprintf(cmd, sizeof cmd, "head -n 16 %s/job.JOB > %s && printf \"     '\xEC\x9A\xA9\xEC\xA0\x91 \xEB\x81\x9D\\n"
             "S5   MOVE P,S=100%%%%,A=0,T=1  (0.000,110.000,-20.000,0.000,-60.000,0.000)A\\n     END\\n\" >> %s",
             dir, path, path);
    CT_ENSURE(system(cmd) == 0);
    snprintf(path, sizeof path, "%s/s.txt", dir);
    FILE *f = fopen(path, "w");
    CT_ENSURE(f != NULL);
    fprintf(f, "time 5\ndump %s/a.json\nwait-reload\ndump %s/b.json\nwait-reload\ndump %s/c.json\nquit\n", dir, dir, dir);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "( until [ -f %s/a.json ]; do sleep 0.1; done; cp %s/new.JOB %s/job.JOB.new && mv %s/job.JOB.new %s/job.JOB;"
             " until [ -f %s/b.json ]; do sleep 0.1; done; rm %s/job.JOB ) & "
             "xvfb-run -a -s '-screen 0 1280x720x24' %s view %s --job r1=%s/job.JOB --watch --size %dx%d --script %s/s.txt 2>&1; wait",
             dir, dir, dir, dir, dir, dir, dir, CLI, CELL, dir, W, H, dir);
    int rc = run(cmd, out, sizeof out);
    printf("%s", out);
    CT_ENSURE_MSG(rc == 0, "viewer exit %d", rc);
    char p2[600];
    snprintf(p2, sizeof p2, "%s/a.json", dir);
    char *js = slurp(p2);
    CT_ENSURE(js != NULL);
    int before = count_str(js, "{\"robot\": \"r1\", \"step\"", NULL);
    snprintf(p2, sizeof p2, "%s/b.json", dir);
    js = slurp(p2);
    CT_ENSURE(js != NULL);
    int after = count_str(js, "{\"robot\": \"r1\", \"step\"", NULL);
    printf("r1 steps: %d before, %d after the edit; t = %g s after the reload\n", before, after, json_num(js, "\"time\": "));
    CT_ENSURE(before == 9 && after == 5);
    CT_ENSURE(json_num(js, "\"reloads\": ") == 1 && strstr(js, "\"reload_error\": \"\""));
    CT_ENSURE_NEAR(json_num(js, "\"time\": "), fmin(5.0, json_num(js, "\"duration\": ")), 1e-9);
    CT_ENSURE(strstr(js, "\"verification\": \"done\""));
    snprintf(p2, sizeof p2, "%s/c.json", dir);
    js = slurp(p2);
    CT_ENSURE(js != NULL);
    CT_ENSURE(json_num(js, "\"reloads\": ") == 2);
    CT_ENSURE_MSG(strstr(js, "job.JOB") && !strstr(js, "\"reload_error\": \"\""), "deleted jobfile: no error shown");
    CT_ENSURE(count_str(js, "{\"robot\": \"r1\", \"step\"", NULL) == 5); /* the last good state stays */
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

static int test_missing_font_exits_2(void) {
    char cmd[1024];
    static char out[8192];
    snprintf(cmd, sizeof cmd, "CT_VIEWER_FONT=/nonexistent/NoSuch.ttf %s view %s 2>&1", CLI, CELL);
    int rc = run(cmd, out, sizeof out);
    printf("%s", out);
    CT_ENSURE_MSG(rc == 2, "exit %d", rc);
    CT_ENSURE(strstr(out, "no font") && strstr(out, "NoSuch.ttf"));
    return 0;
}

CT_TEST_MAIN(CT_TEST(script_screenshot_matches_render), CT_TEST(no_display_exits_2), CT_TEST(bad_script_line),
             CT_TEST(hangul_text), CT_TEST(panel_dump_and_clicks), CT_TEST(watch_reload), CT_TEST(missing_font_exits_2))
