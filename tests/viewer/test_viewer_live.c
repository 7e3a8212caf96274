/* `celltwin view` under Xvfb, the parts that change while it runs:
 *  - findings stream in: a script waits for the first streamed collision (the viewer holds its
 *    verification there, so the dump is taken while it runs), dumps the panel, then dumps again
 *    after the end; the running dump already lists a collision of `celltwin verify --json` and
 *    fewer pairs than all are done; the final dump's findings equal `verify --json`'s (kind,
 *    time, bodies, file:line, in order);
 *  - follow-TCP: the camera target at two times equals the TCP of the selected robot computed here
 *    by ct_kin_fk of ct_traj_eval's joints, its base and its tool's TCP from the cell;
 *  - --watch on the cell file (a copy of the sample cell in a temp dir, assets reached through
 *    symlinks): moving an object moves its body bounds in the dump (box bounds in closed form),
 *    malformed JSON keeps the old cell and shows reload_error with cell.json:line, fixing it
 *    loads the new position;
 *  - a wait-finding line with an unknown kind fails with script:line:col. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "celltwin/kin.h"
#include "celltwin/verify_program.h"
#include "ct_test.h"
#include "test_json.h"
#include "viewer_harness.h"

#define VW 640 /* viewer window size */
#define VH 360

/* Index of the finding in `list` (verify --json findings) equal to dump finding d, or -1. Times
 * agree to 1e-13 relative: cJSON prints 15 significant digits when they parse back within its
 * epsilon, the dump prints 17. */
static int find_in_report(const cJSON *list, const cJSON *d) {
    int i = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, list) {
        const cJSON *src = cJSON_GetObjectItemCaseSensitive(f, "source");
        if (!strcmp(jstr(f, "kind"), jstr(d, "kind")) && fabs(jnum(f, "time_s") - jnum(d, "time")) <= 1e-13 * fmax(1, fabs(jnum(d, "time"))) &&
            !strcmp(jstr(f, "body_a"), jstr(d, "body_a")) && !strcmp(jstr(f, "body_b"), jstr(d, "body_b")) &&
            !strcmp(jstr(src, "file"), jstr(d, "file")) && jnum(src, "line") == jnum(d, "line"))
            return i;
        i++;
    }
    return -1;
}

static int test_findings_stream_while_running(void) {
    NEED_XVFB();
    char dir[] = "/tmp/ct_viewer_XXXXXX", path[600], cmd[2048], script[1024];
    static char out[65536];
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(script, sizeof script, "wait-finding collision\ndump-now %s/live.json\ndump %s/final.json\nquit\n", dir, dir);
    int rc = view_script(dir, script, CELL, VW, VH, out, sizeof out);
    CT_ENSURE_MSG(rc == 0, "viewer exit %d", rc);
    snprintf(cmd, sizeof cmd, "%s verify %s --json %s/verify.json --quiet > /dev/null 2>&1", CLI, CELL, dir);
    rc = system(cmd);
    (void)rc; /* exit 1: findings */
    snprintf(path, sizeof path, "%s/verify.json", dir);
    cJSON *ver = json_load(path);
    CT_ENSURE_MSG(ver != NULL, "no verify --json report");
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(ver, "findings");
    CT_ENSURE(cJSON_IsArray(ref) && cJSON_GetArraySize(ref) > 0);

    /* while running: a collision of the report is listed, not all pairs are done */
    snprintf(path, sizeof path, "%s/live.json", dir);
    cJSON *live = json_load(path);
    CT_ENSURE_MSG(live != NULL, "no running dump");
    const cJSON *lf = cJSON_GetObjectItemCaseSensitive(live, "findings"), *f;
    int ncoll = 0, nlive = cJSON_GetArraySize(lf);
    cJSON_ArrayForEach(f, lf) {
        CT_ENSURE_MSG(find_in_report(ref, f) >= 0, "streamed %s at %.9f s is not in the report", jstr(f, "kind"),
                      jnum(f, "time"));
        ncoll += !strcmp(jstr(f, "kind"), "collision");
    }
    printf("running dump: verification %s, %g/%g pairs, %d finding(s) (%d collision), report %d\n",
           jstr(live, "verification"), jnum(live, "pairs_done"), jnum(live, "npair"), nlive, ncoll,
           cJSON_GetArraySize(ref));
    CT_ENSURE(!strcmp(jstr(live, "verification"), "running"));
    CT_ENSURE(ncoll >= 1);
    CT_ENSURE(jnum(live, "pairs_done") < jnum(live, "npair"));
    /* the live list is in time order too */
    double prev = -1;
    cJSON_ArrayForEach(f, lf) {
        CT_ENSURE(jnum(f, "time") >= prev);
        prev = jnum(f, "time");
    }

    /* the end: exactly the report's findings, in its order */
    snprintf(path, sizeof path, "%s/final.json", dir);
    cJSON *fin = json_load(path);
    CT_ENSURE_MSG(fin != NULL, "no final dump");
    CT_ENSURE(!strcmp(jstr(fin, "verification"), "done"));
    const cJSON *ff = cJSON_GetObjectItemCaseSensitive(fin, "findings");
    CT_ENSURE_MSG(cJSON_GetArraySize(ff) == cJSON_GetArraySize(ref), "final dump %d findings, verify --json %d",
                  cJSON_GetArraySize(ff), cJSON_GetArraySize(ref));
    int i = 0;
    cJSON_ArrayForEach(f, ff) {
        int k = find_in_report(ref, f);
        CT_ENSURE_MSG(k == i, "final finding %d matches report finding %d", i, k);
        i++;
    }
    printf("final dump: %d findings equal to verify --json\n", i);
    cJSON_Delete(live);
    cJSON_Delete(fin);
    cJSON_Delete(ver);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

/* TCP of robot r at time t in the cell frame: ct_kin_fk of the planned joints, the robot base in
 * the cell, the tool's TCP on the tip link. */
static int tcp_at(const ct_cell *cell, int r, const ct_traj *tr, int tool_no, double t, double p[3]) {
    const ct_cell_robot *cr = &cell->robot[r];
    const ct_robot *rb = cr->robot;
    const ct_cell_tool *tool = ct_cell_robot_tool(cr, tool_no);
    if (!tool) return 0;
    double q[CT_ROBOT_MAX_DOF];
    ct_traj_eval(tr, t, q, NULL);
    ct_xform *link = (ct_xform *)malloc(sizeof(ct_xform) * (size_t)rb->nlink);
    if (!link) return 0;
    ct_kin_fk(rb, q, link);
    ct_xform w = ct_xf_mul(ct_xf_mul(cr->base, ct_xf_inv(rb->base_in_root)), ct_xf_mul(link[rb->tip_link], tool->tcp));
    free(link);
    p[0] = w.p.x, p[1] = w.p.y, p[2] = w.p.z;
    return 1;
}

static int test_follow_tcp(void) {
    NEED_XVFB();
    char dir[] = "/tmp/ct_viewer_XXXXXX", path[600], cmd[2048], script[1024];
    static char out[65536];
    const double times[2] = {2.0, 5.5};
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(script, sizeof script, "follow\ntime %g\ndump-now %s/a.json\ntime %g\ndump-now %s/b.json\nquit\n", times[0],
             dir, times[1], dir);
    int rc = view_script(dir, script, CELL, VW, VH, out, sizeof out);
    CT_ENSURE_MSG(rc == 0, "viewer exit %d", rc);

    ct_error err;
    ct_cell *cell = NULL;
    CT_ENSURE(ct_cell_load(CELL, NULL, &cell, &err) == CT_OK);
    ct_robot_program prog;
    CT_ENSURE(ct_robot_program_load(cell, 0, cell->robot[0].program_path[0], NULL, &prog, &err) == CT_OK);
    double got[2][3];
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/%c.json", dir, 'a' + k);
        cJSON *d = json_load(path);
        CT_ENSURE_MSG(d != NULL, "no dump %s", path);
        const cJSON *tg = cJSON_GetObjectItemCaseSensitive(d, "camera_target");
        CT_ENSURE(cJSON_GetArraySize(tg) == 3 && jnum(d, "follow") == 1 && jnum(d, "selected_robot") == 0);
        CT_ENSURE_NEAR(jnum(d, "time"), times[k], 1e-12);
        for (int j = 0; j < 3; j++) got[k][j] = cJSON_GetArrayItem(tg, j)->valuedouble;
        cJSON_Delete(d);
        double want[3];
        CT_ENSURE(tcp_at(cell, 0, prog.traj, 1, times[k], want)); /* r1 carries gun1 (tool 1) */
        printf("t = %.1f s: camera target (%.6f, %.6f, %.6f) m, TCP by FK (%.6f, %.6f, %.6f) m\n", times[k], got[k][0],
               got[k][1], got[k][2], want[0], want[1], want[2]);
        for (int j = 0; j < 3; j++) CT_ENSURE_NEAR(got[k][j], want[j], 1e-9);
    }
    double moved = sqrt(pow(got[1][0] - got[0][0], 2) + pow(got[1][1] - got[0][1], 2) + pow(got[1][2] - got[0][2], 2));
    printf("the target moved %.3f m between the two times\n", moved);
    CT_ENSURE(moved > 0.05);
    ct_robot_program_free(&prog);
    ct_cell_destroy(cell);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

/* Body bounds of `name` in a dump, or 0. */
static int body_bounds(const cJSON *d, const char *name, double lo[3], double hi[3]) {
    const cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(d, "bodies")) {
        if (strcmp(jstr(b, "name"), name)) continue;
        const cJSON *l = cJSON_GetObjectItemCaseSensitive(b, "lo"), *h = cJSON_GetObjectItemCaseSensitive(b, "hi");
        if (cJSON_GetArraySize(l) != 3 || cJSON_GetArraySize(h) != 3) return 0;
        for (int k = 0; k < 3; k++) lo[k] = cJSON_GetArrayItem(l, k)->valuedouble, hi[k] = cJSON_GetArrayItem(h, k)->valuedouble;
        return 1;
    }
    return 0;
}

/* The cabinet: a box 800 x 600 x 1800 mm, unrotated, centred at (x, -3300, 900) mm. */
static int cabinet_at(const cJSON *d, double x_mm) {
    double lo[3], hi[3], c[3] = {x_mm / 1000, -3.3, 0.9}, h[3] = {0.4, 0.3, 0.9};
    if (!body_bounds(d, "cabinet", lo, hi)) return 0;
    printf("cabinet bounds x %.6f .. %.6f m (box at x = %.0f mm: %.6f .. %.6f)\n", lo[0], hi[0], x_mm, c[0] - h[0],
           c[0] + h[0]);
    for (int k = 0; k < 3; k++)
        if (fabs(lo[k] - (c[k] - h[k])) > 1e-5 || fabs(hi[k] - (c[k] + h[k])) > 1e-5) return 0;
    return 1;
}

/* cell.json text with the cabinet pose's x replaced (mm); bad: a missing comma after x. Returns
 * the 1-based line of the pose, or 0. */
static int cell_variant(const char *orig, double x_mm, int bad, char *out, size_t n) {
    const char *key = "\"pose\": [-3500, -3300, 900, 0, 0, 0]";
    const char *at = strstr(orig, key);
    if (!at || strlen(orig) + 64 > n) return 0;
    int line = 1;
    for (const char *p = orig; p < at; p++) line += *p == '\n';
    snprintf(out, n, "%.*s\"pose\": [%.0f%s -3300, 900, 0, 0, 0]%s", (int)(at - orig), orig, x_mm, bad ? "" : ",",
             at + strlen(key));
    return line;
}

static int test_watch_cell_reload(void) {
    NEED_XVFB();
    char dir[] = "/tmp/ct_viewer_XXXXXX", path[600], cmd[4096];
    static char out[65536], orig[1 << 16], text[1 << 16];
    CT_ENSURE(mkdtemp(dir) != NULL);
    /* a copy of the sample cell: cell.json copied, what it refers to reached through symlinks */
    const char *src = CT_SOURCE_DIR "/assets";
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/cells/spot_weld && ln -s %s/robots %s/robots && ln -s %s/cells/spot_weld/meshes "
             "%s/cells/spot_weld/meshes && ln -s %s/cells/spot_weld/programs %s/cells/spot_weld/programs && "
             "cp %s/cells/spot_weld/cell.json %s/cells/spot_weld/cell.json",
             dir, src, dir, src, dir, src, dir, src, dir);
    CT_ENSURE(system(cmd) == 0);
    char *o = slurp(CELL);
    CT_ENSURE(o != NULL && strlen(o) < sizeof orig);
    strcpy(orig, o);
    /* the edits, written next to the cell and moved over it (an editor's atomic save) */
    const char *name[3] = {"moved", "bad", "fixed"};
    const double x[3] = {-3000, -3000, -2500};
    int bad_line = 0;
    for (int k = 0; k < 3; k++) {
        int line = cell_variant(orig, x[k], k == 1, text, sizeof text);
        CT_ENSURE(line > 0);
        if (k == 1) bad_line = line;
        snprintf(path, sizeof path, "%s/%s.json", dir, name[k]);
        CT_ENSURE(write_text(path, text));
    }
    snprintf(path, sizeof path, "%s/s.txt", dir);
    char script[2048];
    snprintf(script, sizeof script,
             "dump-now %s/a.json\nwait-reload\ndump-now %s/b.json\nwait-reload\ndump-now %s/c.json\nwait-reload\n"
             "dump-now %s/d.json\nquit\n",
             dir, dir, dir, dir);
    CT_ENSURE(write_text(path, script));
    char cellp[600];
    snprintf(cellp, sizeof cellp, "%s/cells/spot_weld/cell.json", dir);
    char edit[4000];
    snprintf(cmd, sizeof cmd, "( ");
    for (int k = 0; k < 3; k++) {
        snprintf(edit, sizeof edit, "until [ -f %s/%c.json ]; do sleep 0.05; done; cp %s/%s.json %s.new && mv %s.new %s; ",
                 dir, 'a' + k, dir, name[k], cellp, cellp, cellp);
        strcat(cmd, edit);
    }
    snprintf(edit, sizeof edit, ") & " XVFB " %s view %s --watch --size %dx%d --script %s/s.txt 2>&1; wait", CLI, cellp,
             VW, VH, dir);
    strcat(cmd, edit);
    int rc = run(cmd, out, sizeof out);
    printf("%s", out);
    CT_ENSURE_MSG(rc == 0, "viewer exit %d", rc);

    cJSON *d[4];
    for (int k = 0; k < 4; k++) {
        snprintf(path, sizeof path, "%s/%c.json", dir, 'a' + k);
        d[k] = json_load(path);
        CT_ENSURE_MSG(d[k] != NULL, "no dump %s", path);
        printf("dump %c: reloads %g, reload_error \"%s\"\n", 'a' + k, jnum(d[k], "reloads"), jstr(d[k], "reload_error"));
        CT_ENSURE(jnum(d[k], "reloads") == k);
    }
    CT_ENSURE(cabinet_at(d[0], -3500) && !strcmp(jstr(d[0], "reload_error"), ""));
    CT_ENSURE(cabinet_at(d[1], -3000) && !strcmp(jstr(d[1], "reload_error"), ""));
    /* malformed: the old (moved) cell stays, the error names cell.json:line */
    char where[64];
    snprintf(where, sizeof where, "cell.json:%d:", bad_line);
    CT_ENSURE(cabinet_at(d[2], -3000));
    CT_ENSURE_MSG(strstr(jstr(d[2], "reload_error"), where) != NULL, "reload_error lacks %s", where);
    CT_ENSURE(count_str(jstr(d[2], "reload_error"), "error", NULL) >= 1);
    /* fixed again */
    CT_ENSURE(cabinet_at(d[3], -2500) && !strcmp(jstr(d[3], "reload_error"), ""));
    for (int k = 0; k < 4; k++) cJSON_Delete(d[k]);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

/* A wait-finding with an unknown kind: script:line:col, exit 2 (the script loads before the window). */
static int test_bad_wait_finding(void) {
    return bad_script_exits_2("pause\\n  wait-finding colision\\n", "2:16", "colision");
}

CT_TEST_MAIN(CT_TEST(findings_stream_while_running), CT_TEST(follow_tcp), CT_TEST(watch_cell_reload),
             CT_TEST(bad_wait_finding))
