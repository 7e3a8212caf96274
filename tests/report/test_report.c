/* The pre-commissioning report (`celltwin report`) checked against independent references:
 * - SHA-256 against the FIPS 180-2 test vectors and the sha256sum program, base64 against the
 *   base64 program, the in-memory PNG encoder read back with libpng's decoder;
 * - the demo cell's report: report.html parses with xmllint --html (no message at all), holds one
 *   picture per finding and the plots (each a well-formed SVG for xmllint); every finding's time,
 *   distances, bodies and file:line, the cycle times and the near misses in the HTML and in
 *   report.json equal those of `celltwin verify --json` run separately; the input hashes equal
 *   sha256sum's; the TCP speed series peaks at the programmed LIN speeds; each step's minimum
 *   clearance is at most the verified distance of its findings; two runs with the same --date give
 *   byte-identical report.html and report.json; a Korean title with markup characters is escaped
 *   UTF-8 and an unsupported statement is listed with its file:line;
 * - a missing input, no Vulkan driver, an unwritable output folder or a write failing half-way:
 *   exit 2, a message naming the file, and no report or temporary folder left behind (an existing
 *   report stays as it was; a folder holding other files is never replaced). */
#define _GNU_SOURCE
#include <dirent.h>
#include <png.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "celltwin/report.h"
#include "celltwin/verify_sample.h"
#include "ct_test.h"
#include "render/render_test_common.h" /* lavapipe pinned for LeakSanitizer */
#include "test_json.h"
#include "../../report/src/report_internal.h" /* rp_path_normalize */

#define CELL CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json"
#define CLI CT_BUILD_DIR "/app/celltwin"
#define WORK CT_BUILD_DIR "/test_report_work"

/* ---- helpers ------------------------------------------------------------------------------ */

/* Runs a shell command with stderr joined to stdout; its exit status and (out may be NULL) output. */
static int shell(const char *cmd, char *out, size_t size) {
    char full[8192];
    snprintf(full, sizeof full, "%s 2>&1", cmd);
    return run(full, out, size);
}

/* Skips (77) when celltwin is not built; else makes WORK and removes WORK/<sub> (sub may be NULL),
 * making it again, empty, when `make` is set. */
static int cli_work(const char *sub, int make) {
    if (access(CLI, X_OK) != 0) CT_SKIP("celltwin not built");
    mkdir(WORK, 0777);
    if (sub) {
        char path[600], cmd[700];
        snprintf(path, sizeof path, WORK "/%s", sub);
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
        shell(cmd, NULL, 0);
        if (make) mkdir(path, 0777);
    }
    return 0;
}

static int exists(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Number of entries of dir whose name contains `part`. */
static int count_entries(const char *dir, const char *part) {
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, part)) n++;
    closedir(d);
    return n;
}

/* Value of attribute `name` inside the tag starting at tag (up to '>'), into buf; 0 when absent. */
static int attr(const char *tag, const char *name, char *buf, size_t size) {
    const char *end = strchr(tag, '>');
    char key[64];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *p = strstr(tag, key);
    if (!p || (end && p > end)) return 0;
    p += strlen(key);
    const char *q = strchr(p, '"');
    if (!q) return 0;
    size_t n = (size_t)(q - p) < size - 1 ? (size_t)(q - p) : size - 1;
    memcpy(buf, p, n);
    buf[n] = 0;
    return 1;
}

static double attr_num(const char *tag, const char *name) {
    char buf[64];
    return attr(tag, name, buf, sizeof buf) ? strtod(buf, NULL) : NAN;
}

/* A lexically normal path: no empty, "." or inner ".." component, no trailing slash. */
static int path_is_normal(const char *p) {
    if (!p || !p[0]) return 0;
    if (strstr(p, "//") || strstr(p, "/./") || strstr(p, "/../") || !strncmp(p, "./", 2)) return 0;
    size_t n = strlen(p);
    if (n > 1 && p[n - 1] == '/') return 0;
    if ((n >= 2 && !strcmp(p + n - 2, "/.")) || (n >= 3 && !strcmp(p + n - 3, "/.."))) return 0;
    return 1;
}

/* 1 when both paths name the same existing file (the file system resolves them independently). */
static int same_file(const char *a, const char *b) {
    char ra[4096], rb[4096];
    return realpath(a, ra) && realpath(b, rb) && !strcmp(ra, rb);
}

/* ---- SHA-256, base64, PNG ------------------------------------------------------------------ */

static int test_sha256_fips_vectors(void) {
    static const struct { const char *msg; const char *hex; } v[] = {
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    char hex[65];
    uint8_t d[32];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        ct_sha256(v[i].msg, strlen(v[i].msg), d);
        ct_sha256_hex(d, hex);
        CT_ENSURE_MSG(!strcmp(hex, v[i].hex), "'%s': %s", v[i].msg, hex);
    }
    /* one million 'a' (FIPS 180-2 appendix B.3) */
    char *a = malloc(1000000);
    CT_ENSURE(a);
    memset(a, 'a', 1000000);
    ct_sha256(a, 1000000, d);
    free(a);
    ct_sha256_hex(d, hex);
    CT_ENSURE(!strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    return 0;
}

/* Files of lengths around the 64-byte block and padding boundaries, and the project's own files,
 * against sha256sum. */
static int test_sha256_matches_sha256sum(void) {
    if (shell("sha256sum --version", NULL, 0) != 0) CT_SKIP("sha256sum not installed");
    mkdir(WORK, 0777);
    static const int lens[] = {0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 65535, 65536, 65537, 200001};
    char path[512], cmd[1024], out[512], hex[65];
    unsigned seed = 12345;
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        snprintf(path, sizeof path, WORK "/sha_%d.bin", lens[i]);
        FILE *f = fopen(path, "wb");
        CT_ENSURE(f);
        for (int k = 0; k < lens[i]; k++) {
            seed = seed * 1103515245u + 12345u;
            fputc((int)(seed >> 16) & 255, f);
        }
        fclose(f);
        long long bytes = -1;
        ct_error err;
        CT_ENSURE(ct_sha256_file(path, hex, &bytes, &err) == CT_OK);
        CT_ENSURE(bytes == lens[i]);
        snprintf(cmd, sizeof cmd, "sha256sum %s", path);
        CT_ENSURE(shell(cmd, out, sizeof out) == 0);
        CT_ENSURE_MSG(!strncmp(out, hex, 64), "length %d: ours %s, sha256sum %.64s", lens[i], hex, out);
        remove(path);
    }
    const char *files[] = {CELL, CT_SOURCE_DIR "/assets/cells/spot_weld/programs/weld_right.drl"};
    for (int i = 0; i < 2; i++) {
        ct_error err;
        CT_ENSURE(ct_sha256_file(files[i], hex, NULL, &err) == CT_OK);
        snprintf(cmd, sizeof cmd, "sha256sum %s", files[i]);
        CT_ENSURE(shell(cmd, out, sizeof out) == 0);
        CT_ENSURE(!strncmp(out, hex, 64));
    }
    ct_error err;
    CT_ENSURE(ct_sha256_file(WORK "/does_not_exist", hex, NULL, &err) == CT_ERR_IO);
    return 0;
}

static int test_base64_matches_coreutils(void) {
    if (shell("base64 --version", NULL, 0) != 0) CT_SKIP("base64 not installed");
    mkdir(WORK, 0777);
    uint8_t data[1000];
    unsigned seed = 7;
    for (int i = 0; i < 1000; i++) data[i] = (uint8_t)((seed = seed * 1664525u + 1013904223u) >> 24);
    static const int lens[] = {0, 1, 2, 3, 4, 5, 999, 1000};
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        FILE *f = fopen(WORK "/b64.bin", "wb");
        CT_ENSURE(f);
        fwrite(data, 1, (size_t)lens[i], f);
        fclose(f);
        char out[4096];
        CT_ENSURE(shell("base64 -w0 " WORK "/b64.bin", out, sizeof out) == 0);
        char *ours = ct_report_base64(data, (size_t)lens[i]);
        CT_ENSURE(ours);
        CT_ENSURE_MSG(!strcmp(ours, out), "length %d: '%s' vs '%s'", lens[i], ours, out);
        ct_free(ours);
    }
    remove(WORK "/b64.bin");
    return 0;
}

/* Encoded in memory, read back by libpng's decoder: same pixels (alpha dropped), same bytes twice. */
static int test_png_roundtrip(void) {
    const int w = 37, h = 23;
    uint8_t *rgba = malloc((size_t)w * h * 4);
    CT_ENSURE(rgba);
    for (int i = 0; i < w * h * 4; i++) rgba[i] = (uint8_t)(i * 7 + i / 13);
    uint8_t *png = NULL, *png2 = NULL;
    size_t size = 0, size2 = 0;
    ct_error err;
    CT_ENSURE(ct_report_png_encode(rgba, w, h, &png, &size, &err) == CT_OK);
    CT_ENSURE(ct_report_png_encode(rgba, w, h, &png2, &size2, &err) == CT_OK);
    CT_ENSURE(size == size2 && !memcmp(png, png2, size));
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    CT_ENSURE(png_image_begin_read_from_memory(&img, png, size));
    CT_ENSURE((int)img.width == w && (int)img.height == h);
    img.format = PNG_FORMAT_RGB;
    uint8_t *rgb = malloc(PNG_IMAGE_SIZE(img));
    CT_ENSURE(rgb && png_image_finish_read(&img, NULL, rgb, 0, NULL));
    for (int i = 0; i < w * h; i++)
        for (int c = 0; c < 3; c++) CT_ENSURE(rgb[3 * i + c] == rgba[4 * i + c]);
    free(rgb);
    free(rgba);
    ct_free(png);
    ct_free(png2);
    return 0;
}

/* ---- the demo cell's report --------------------------------------------------------------- */

/* Runs the report into WORK/<name> with a pinned date (pictures on). Exit status. */
static int make_report(const char *name, char *out, size_t size) {
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s report %s --out %s/%s --date 2026-01-02", CLI, CELL, WORK, name);
    return shell(cmd, out, size);
}

/* Plots per program: one per joint of the robot (titled with the joint), in the two-column joint
 * grid, then TCP speed, clearance and torque (robots with inertials). Numbers of joints and
 * inertials from report.json's robots. */
static int check_plots(const char *html, const cJSON *rj) {
    const cJSON *rest = cJSON_GetObjectItemCaseSensitive(rj, "report");
    const cJSON *robots = cJSON_GetObjectItemCaseSensitive(rest, "robots");
    const cJSON *progs = cJSON_GetObjectItemCaseSensitive(rest, "programs"), *p;
    int k = 0, total = 0;
    cJSON_ArrayForEach(p, progs) {
        const cJSON *rb = NULL, *x;
        cJSON_ArrayForEach(x, robots) if (!strcmp(jstr(x, "name"), jstr(p, "robot"))) rb = x;
        CT_ENSURE(rb);
        int ndof = (int)jnum(rb, "ndof"), inertials = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rb, "inertials"));
        const cJSON *joints = cJSON_GetObjectItemCaseSensitive(rb, "joints");
        CT_ENSURE(ndof >= 1 && cJSON_GetArraySize(joints) == ndof);
        char id[64];
        snprintf(id, sizeof id, "id=\"program-%d\"", ++k);
        const char *sec = strstr(html, id), *end;
        CT_ENSURE(sec);
        snprintf(id, sizeof id, "id=\"program-%d\"", k + 1);
        end = strstr(sec, id);
        if (!end) end = strstr(sec, "id=\"findings\"");
        CT_ENSURE(end);
        int n = count_str(sec, "data:image/svg+xml;base64,", end);
        CT_ENSURE_MSG(n == ndof + 2 + inertials, "program %d: %d plots for %d joints (inertials %d)", k, n, ndof,
                      inertials);
        /* the joint grid holds exactly one plot per joint, in joint order */
        const char *grid = strstr(sec, "<div class=\"joints\">");
        CT_ENSURE(grid && grid < end);
        const char *grid_end = strstr(grid, "</div>\n</div>\n"); /* last joint plot, then the grid closes */
        CT_ENSURE(grid_end && grid_end < end);
        CT_ENSURE(count_str(grid, "data:image/svg+xml;base64,", grid_end) == ndof);
        const char *at = grid;
        for (int d = 0; d < ndof; d++) {
            char alt[256];
            snprintf(alt, sizeof alt, "alt=\"%s J%d %s (%s)", jstr(rb, "name"), d + 1,
                     jstr(cJSON_GetArrayItem(joints, d), "name"), jstr(cJSON_GetArrayItem(joints, d), "unit"));
            const char *q = strstr(at, alt);
            CT_ENSURE_MSG(q && q < grid_end, "no plot '%s' in the joint grid (or out of order)", alt);
            at = q + 1;
        }
        total += n;
    }
    CT_ENSURE(k == 2);
    CT_ENSURE(count_str(html, "data:image/svg+xml;base64,", NULL) == total);
    return 0;
}

static int check_html(const char *html, const cJSON *vj) {
    /* verdict first */
    const char *body = strstr(html, "<body>");
    CT_ENSURE(body);
    const char *verdict = strstr(body, "id=\"verdict\"");
    CT_ENSURE(verdict && verdict < strstr(body, "id=\"summary\""));
    CT_ENSURE(strstr(verdict, "data-verdict=\"FAIL\""));
    CT_ENSURE(strstr(html, "<meta charset=\"utf-8\">"));
    /* findings: one picture each, numbers equal the verify JSON's */
    const cJSON *fs = cJSON_GetObjectItemCaseSensitive(vj, "findings");
    int nf = cJSON_GetArraySize(fs), planted = 0;
    CT_ENSURE(nf >= 1);
    for (int i = 0; i < nf; i++) {
        const cJSON *f = cJSON_GetArrayItem(fs, i);
        char id[64], buf[512];
        snprintf(id, sizeof id, "id=\"finding-%d\"", i + 1);
        const char *tag = strstr(html, id);
        CT_ENSURE_MSG(tag, "finding %d missing", i + 1);
        const char *next = strstr(tag + 1, "<div class=\"finding\"");
        if (!next) next = strstr(tag, "<h2");
        CT_ENSURE_MSG(count_str(tag, "data:image/png;base64,", next) == 1, "finding %d: not one picture", i + 1);
        CT_ENSURE(attr(tag, "data-kind", buf, sizeof buf) && !strcmp(buf, jstr(f, "kind")));
        CT_ENSURE_MSG(attr_num(tag, "data-time-s") == jnum(f, "time_s"), "%.17g vs %.17g", attr_num(tag, "data-time-s"),
                      jnum(f, "time_s"));
        CT_ENSURE(attr(tag, "data-body-a", buf, sizeof buf) && !strcmp(buf, jstr(f, "body_a")));
        CT_ENSURE(attr(tag, "data-body-b", buf, sizeof buf) && !strcmp(buf, jstr(f, "body_b")));
        const cJSON *src = cJSON_GetObjectItemCaseSensitive(f, "source");
        /* the report lists the verification's file under its normalised path */
        CT_ENSURE(attr(tag, "data-file", buf, sizeof buf));
        CT_ENSURE_MSG(path_is_normal(buf) && same_file(buf, jstr(src, "file")), "%s vs %s", buf, jstr(src, "file"));
        CT_ENSURE(attr_num(tag, "data-line") == jnum(src, "line"));
        if (cJSON_GetObjectItemCaseSensitive(f, "distance_mm")) {
            CT_ENSURE(attr_num(tag, "data-distance-mm") == jnum(f, "distance_mm"));
            CT_ENSURE(attr_num(tag, "data-min-distance-mm") == jnum(f, "min_distance_mm"));
            CT_ENSURE(attr_num(tag, "data-clearance-mm") == jnum(f, "clearance_mm"));
        }
        /* the visible heading rounds the same time */
        char shown[64];
        snprintf(shown, sizeof shown, "at %.3f s", jnum(f, "time_s"));
        const char *h3 = strstr(tag, "<h3>");
        CT_ENSURE(h3 && strstr(h3, shown) && strstr(h3, shown) < strstr(h3, "</h3>"));
        /* the visible file:line */
        const char *base = strrchr(jstr(src, "file"), '/');
        snprintf(shown, sizeof shown, "%s:%d", base ? base + 1 : jstr(src, "file"), (int)jnum(src, "line"));
        CT_ENSURE(strstr(tag, shown) && strstr(tag, shown) < next);
        planted |= !strcmp(jstr(f, "kind"), "collision") && !strcmp(jstr(f, "robot"), "r2") &&
                   strstr(jstr(src, "file"), "weld_right.drl") && jnum(src, "line") == 21;
    }
    CT_ENSURE_MSG(planted, "the planted collision r2 at weld_right.drl:21 is not in the report");
    CT_ENSURE(!strstr(html, "id=\"finding-0\"") && !strstr(html, "finding-" "999"));
    /* overview + one per finding, nothing else */
    CT_ENSURE(count_str(html, "data:image/png;base64,", NULL) == nf + 1);
    /* cycle times */
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(vj, "programs"), *p;
    int nprog = 0;
    cJSON_ArrayForEach(p, ps) {
        if (!cJSON_GetObjectItemCaseSensitive(p, "cycle_time_s")) continue;
        char id[64];
        snprintf(id, sizeof id, "id=\"program-%d\"", ++nprog);
        const char *tag = strstr(html, id);
        CT_ENSURE(tag);
        char robot[64];
        CT_ENSURE(attr(tag, "data-robot", robot, sizeof robot) && !strcmp(robot, jstr(p, "robot")));
        CT_ENSURE(attr_num(tag, "data-cycle-time-s") == jnum(p, "cycle_time_s"));
        char shown[64];
        snprintf(shown, sizeof shown, "Cycle time <b>%.2f s</b>", jnum(p, "cycle_time_s"));
        CT_ENSURE(strstr(tag, shown));
    }
    CT_ENSURE(nprog == 2);
    /* no path with "x/../" or "./" anywhere in the page */
    CT_ENSURE(!strstr(html, "/../") && !strstr(html, "/./"));
    /* near misses in the verification's order with its numbers */
    const cJSON *cl = cJSON_GetObjectItemCaseSensitive(vj, "closest_approaches"), *a;
    const char *row = html;
    cJSON_ArrayForEach(a, cl) {
        row = strstr(row + 1, "<tr class=\"near\"");
        CT_ENSURE(row);
        char buf[256];
        CT_ENSURE(attr(row, "data-body-a", buf, sizeof buf) && !strcmp(buf, jstr(a, "body_a")));
        CT_ENSURE(attr(row, "data-body-b", buf, sizeof buf) && !strcmp(buf, jstr(a, "body_b")));
        const char *td = strstr(row, "<td class=\"num\"");
        CT_ENSURE(td && attr_num(td, "data-v") == jnum(a, "distance_mm"));
        td = strstr(td + 1, "<td class=\"num\"");
        CT_ENSURE(td && attr_num(td, "data-v") == jnum(a, "lower_mm"));
        td = strstr(td + 1, "<td class=\"num\"");
        CT_ENSURE(td && attr_num(td, "data-v") == jnum(a, "time_s"));
    }
    CT_ENSURE(!strstr(row + 1, "<tr class=\"near\""));
    return 0;
}

/* report.json holds the verify JSON unchanged (apart from the wall time), plus the rest. */
static int check_json(const cJSON *rj, const cJSON *vj) {
    const cJSON *item;
    cJSON_ArrayForEach(item, vj) {
        const cJSON *mine = cJSON_GetObjectItemCaseSensitive(rj, item->string);
        CT_ENSURE_MSG(mine, "report.json lacks '%s'", item->string);
        if (!strcmp(item->string, "stats")) {
            CT_ENSURE(jnum(mine, "pairs") == jnum(item, "pairs"));
            CT_ENSURE(jnum(mine, "pairs_excluded") == jnum(item, "pairs_excluded"));
            CT_ENSURE(jnum(mine, "distance_queries") == jnum(item, "distance_queries"));
            continue;
        }
        CT_ENSURE_MSG(cJSON_Compare(mine, item, 1), "'%s' differs from the verify JSON", item->string);
    }
    const cJSON *rest = cJSON_GetObjectItemCaseSensitive(rj, "report");
    CT_ENSURE(rest && !strcmp(jstr(rest, "verdict"), "FAIL") && !strcmp(jstr(rest, "date"), "2026-01-02"));
    /* counts by kind equal the findings */
    const cJSON *counts = cJSON_GetObjectItemCaseSensitive(rest, "counts"), *c;
    int total = 0;
    cJSON_ArrayForEach(c, counts) {
        int n = 0;
        const cJSON *f;
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(vj, "findings")) n += !strcmp(jstr(f, "kind"), c->string);
        CT_ENSURE_MSG((int)c->valuedouble == n, "count of %s", c->string);
        total += n;
    }
    CT_ENSURE(total == cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(vj, "findings")));
    /* the collision's step: minimum clearance 0 (a verified number), the step lists the finding */
    const cJSON *progs = cJSON_GetObjectItemCaseSensitive(rest, "programs"), *p;
    int found = 0;
    cJSON_ArrayForEach(p, progs) {
        const cJSON *st;
        cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(p, "steps")) {
            const cJSON *src = cJSON_GetObjectItemCaseSensitive(st, "source");
            if (!strcmp(jstr(p, "robot"), "r2") && jnum(src, "line") == 21) {
                found = 1;
                CT_ENSURE(jnum(st, "min_clearance_mm") == 0);
                CT_ENSURE(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(st, "findings")) >= 1);
            }
        }
        /* series: one sample per 20 ms up to the cycle time */
        const cJSON *se = cJSON_GetObjectItemCaseSensitive(p, "series");
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(se, "t_s");
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(se, "tcp_speed_mm_s");
        int n = cJSON_GetArraySize(t);
        CT_ENSURE(n >= 2 && cJSON_GetArrayItem(t, n - 1)->valuedouble == jnum(p, "cycle_time_s"));
        CT_ENSURE(cJSON_GetArraySize(v) == n);
        /* TCP speed against the programmed path speed: LIN moves long enough to reach it (the
           planner's trapezoid at 4 m/s^2 needs < 0.15 s up and down) peak at it, within 1 % */
        int checked = 0;
        cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(p, "steps")) {
            if (strcmp(jstr(st, "motion"), "LIN") || !(jnum(st, "duration_s") >= 0.3)) continue;
            double t0 = jnum(st, "start_s"), t1 = t0 + jnum(st, "duration_s"), peak = 0, prog = jnum(st, "speed_mm_s");
            for (int k = 0; k < n; k++) {
                double tk = cJSON_GetArrayItem(t, k)->valuedouble;
                if (tk >= t0 && tk <= t1 && cJSON_GetArrayItem(v, k)->valuedouble > peak)
                    peak = cJSON_GetArrayItem(v, k)->valuedouble;
            }
            CT_ENSURE_NEAR(peak, prog, 0.01 * prog);
            checked++;
        }
        CT_ENSURE(checked >= 3);
    }
    CT_ENSURE(found);
    /* every finding a step lists happens during the step, and the step's minimum clearance is not
       above the finding's verified distance */
    const cJSON *vf = cJSON_GetObjectItemCaseSensitive(vj, "findings");
    int listed = 0;
    cJSON_ArrayForEach(p, progs) {
        const cJSON *st;
        cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(p, "steps")) {
            const cJSON *k;
            cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(st, "findings")) {
                const cJSON *f = cJSON_GetArrayItem(vf, (int)k->valuedouble);
                CT_ENSURE(f);
                double t = jnum(f, "time_s"), t0 = jnum(st, "start_s"), t1 = t0 + jnum(st, "duration_s");
                CT_ENSURE_MSG(t >= t0 && t <= t1 + 1e-9, "finding at %.6f s listed in a step %.6f..%.6f", t, t0, t1);
                if (cJSON_GetObjectItemCaseSensitive(f, "distance_mm"))
                    CT_ENSURE(jnum(st, "min_clearance_mm") <= jnum(f, "distance_mm"));
                listed++;
            }
        }
    }
    CT_ENSURE(listed >= cJSON_GetArraySize(vf));
    /* every step has a minimum clearance, also those that take no time (events, satisfied waits):
       a number >= 0. Such a step's value is the distance at its instant; a step starting or ending
       at that same instant was evaluated there too, so its minimum is no larger. */
    int instant = 0;
    cJSON_ArrayForEach(p, progs) {
        const cJSON *st, *o;
        cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(p, "steps")) {
            const cJSON *mc = cJSON_GetObjectItemCaseSensitive(st, "min_clearance_mm");
            CT_ENSURE_MSG(cJSON_IsNumber(mc) && mc->valuedouble >= 0, "step %d of %s: no minimum clearance",
                          (int)jnum(st, "index"), jstr(p, "robot"));
            if (jnum(st, "duration_s") != 0) continue;
            instant++;
            double t = jnum(st, "start_s");
            cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(p, "steps")) {
                double t0 = jnum(o, "start_s"), t1 = t0 + jnum(o, "duration_s");
                if (t0 == t || t1 == t) /* o's start or end instant is this one */
                    CT_ENSURE_MSG(jnum(o, "min_clearance_mm") <= mc->valuedouble + 1e-9,
                                  "step at %.6f s: %.6f mm, a step ending/starting there %.6f mm", t, mc->valuedouble,
                                  jnum(o, "min_clearance_mm"));
            }
        }
    }
    CT_ENSURE(instant >= 5); /* the demo's events and waits */
    /* every path the report object stores is normalised and names the file the verification read */
    cJSON_ArrayForEach(p, progs) {
        CT_ENSURE(path_is_normal(jstr(p, "file")));
        const cJSON *st;
        cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(p, "steps"))
            CT_ENSURE(path_is_normal(jstr(cJSON_GetObjectItemCaseSensitive(st, "source"), "file")));
    }
    const cJSON *rb;
    cJSON_ArrayForEach(rb, cJSON_GetObjectItemCaseSensitive(rest, "robots")) CT_ENSURE(path_is_normal(jstr(rb, "urdf")));
    int pi = 0;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(vj, "programs")) {
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(p, "file");
        if (!cJSON_IsString(f)) continue;
        const cJSON *mine = cJSON_GetArrayItem(progs, pi++);
        CT_ENSURE(mine && same_file(jstr(mine, "file"), f->valuestring));
    }
    CT_ENSURE(pi == 2);
    return 0;
}

/* Inputs: every hash equals sha256sum's, and the HTML shows the same. */
static int check_hashes(const cJSON *rj, const char *html) {
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(rj, "report"), "inputs"), *f;
    int roles[4] = {0};
    cJSON_ArrayForEach(f, in) {
        char cmd[1200], out[1200];
        snprintf(cmd, sizeof cmd, "sha256sum '%s'", jstr(f, "path"));
        CT_ENSURE(shell(cmd, out, sizeof out) == 0);
        CT_ENSURE_MSG(!strncmp(out, jstr(f, "sha256"), 64), "%s", jstr(f, "path"));
        CT_ENSURE(strstr(html, jstr(f, "sha256")));
        struct stat sb;
        CT_ENSURE(stat(jstr(f, "path"), &sb) == 0 && (double)sb.st_size == jnum(f, "bytes"));
        const char *r = jstr(f, "role");
        roles[0] += !strcmp(r, "cell"), roles[1] += !strcmp(r, "urdf"), roles[2] += !strcmp(r, "mesh");
        roles[3] += !strcmp(r, "jobfile");
    }
    CT_ENSURE(roles[0] == 1 && roles[1] == 2 && roles[2] >= 3 && roles[3] == 2);
    /* listed paths: normalised lexically, absolute like the cell path given, and naming the files
       the cell names (its "urdf" entries are relative to the cell's folder, with "../..") */
    cJSON_ArrayForEach(f, in) {
        CT_ENSURE_MSG(path_is_normal(jstr(f, "path")) && jstr(f, "path")[0] == '/', "%s", jstr(f, "path"));
        CT_ENSURE_MSG(strstr(html, jstr(f, "path")), "%s not shown in the HTML", jstr(f, "path"));
    }
    cJSON *cell = json_load(CELL);
    CT_ENSURE(cell);
    const cJSON *rb;
    int nurdf = 0;
    cJSON_ArrayForEach(rb, cJSON_GetObjectItemCaseSensitive(cell, "robots")) {
        char given[2048];
        snprintf(given, sizeof given, "%s/%s", CT_SOURCE_DIR "/assets/cells/spot_weld", jstr(rb, "urdf"));
        int hit = 0;
        cJSON_ArrayForEach(f, in) hit += !strcmp(jstr(f, "role"), "urdf") && same_file(jstr(f, "path"), given);
        CT_ENSURE_MSG(hit == 1, "%s listed %d times", given, hit);
        nurdf++;
    }
    cJSON_Delete(cell);
    CT_ENSURE(nurdf == 2);
    return 0;
}

static int test_demo_report(void) {
    int rc = cli_work("demo", 0);
    if (rc) return rc;
    if (shell("xmllint --version", NULL, 0) != 0) CT_SKIP("xmllint not installed (libxml2-utils)");
    char out[8192];
    rc = make_report("demo", out, sizeof out);
    printf("%s", out);
    CT_ENSURE_MSG(rc == 1, "exit %d (expected 1: findings)", rc);
    CT_ENSURE(strstr(out, "FAIL"));
    /* the verification on its own */
    CT_ENSURE(shell(CLI " verify " CELL " --quiet --json " WORK "/verify.json", NULL, 0) == 1);
    char *vtext = read_file(WORK "/verify.json", NULL), *rtext = read_file(WORK "/demo/report.json", NULL);
    char *html = read_file(WORK "/demo/report.html", NULL);
    CT_ENSURE(vtext && rtext && html);
    cJSON *vj = cJSON_Parse(vtext), *rj = cJSON_Parse(rtext);
    CT_ENSURE(vj && rj);
    /* xmllint: no message at all */
    CT_ENSURE(shell("xmllint --html --noout " WORK "/demo/report.html", out, sizeof out) == 0);
    CT_ENSURE_MSG(out[0] == 0, "xmllint: %s", out);
    /* each plot is a well-formed SVG document */
    const char *p = strstr(html, "data:image/svg+xml;base64,");
    CT_ENSURE(p);
    p += strlen("data:image/svg+xml;base64,");
    FILE *f = fopen(WORK "/plot.b64", "wb");
    CT_ENSURE(f);
    fwrite(p, 1, strcspn(p, "\""), f);
    fclose(f);
    CT_ENSURE(shell("base64 -d " WORK "/plot.b64 > " WORK "/plot.svg && xmllint --noout " WORK "/plot.svg", out,
                  sizeof out) == 0);
    CT_ENSURE_MSG(out[0] == 0, "svg: %s", out);
    int bad = check_html(html, vj) || check_plots(html, rj) || check_json(rj, vj) || check_hashes(rj, html);
    /* pictures also as files, named in report.json */
    CT_ENSURE(exists(WORK "/demo/pictures/overview.png") && exists(WORK "/demo/pictures/finding_001.png"));
    /* same inputs and date (same command line): byte-identical report, written over the first */
    if (!bad) {
        CT_ENSURE(shell("cp " WORK "/demo/report.html " WORK "/first.html && cp " WORK "/demo/report.json " WORK
                      "/first.json", NULL, 0) == 0);
        CT_ENSURE(make_report("demo", NULL, 0) == 1);
        CT_ENSURE_MSG(shell("cmp " WORK "/first.html " WORK "/demo/report.html", out, sizeof out) == 0, "%s", out);
        CT_ENSURE_MSG(shell("cmp " WORK "/first.json " WORK "/demo/report.json", out, sizeof out) == 0, "%s", out);
        CT_ENSURE(count_entries(WORK, ".demo.") == 0); /* no temporary or old folder left */
    }
    cJSON_Delete(vj);
    cJSON_Delete(rj);
    free(vtext);
    free(rtext);
    free(html);
    CT_ENSURE(!bad);
    return 0;
}

/* A program with a Korean title holding markup characters and an unsupported statement: the
 * title appears as UTF-8, escaped, the statement is listed with its file:line, the HTML stays valid. */
static int test_korean_title_and_unsupported_statement(void) {
    int rc = cli_work(NULL, 0);
    if (rc) return rc;
    if (shell("xmllint --version", NULL, 0) != 0) CT_SKIP("xmllint not installed (libxml2-utils)");
    size_t len;
    char *src = read_file(CT_SOURCE_DIR "/assets/cells/spot_weld/programs/weld_right.drl", &len);
    CT_ENSURE(src && !strncmp(src, "## Title : weld_right\n", 22));
    FILE *f = fopen(WORK "/kr.drl", "wb");
    CT_ENSURE(f);
    /* line 1: the title; the unknown call goes right after the title, on line 2 */
    fputs("## Title : \xec\x9a\xb0\xec\xb8\xa1 \xec\x9a\xa9\xec\xa0\x91 <B> & \"x\"\nfoo_bar_unknown(3)\n", f);
    fputs(strchr(src, '\n') + 1, f);
    fclose(f);
    free(src);
    shell("rm -rf " WORK "/kr", NULL, 0);
    char out[4096];
    rc = shell(CLI " report " CELL " --job r2=" WORK "/kr.drl --out " WORK "/kr --no-pictures --date x", out,
                 sizeof out);
    printf("%s", out);
    CT_ENSURE(rc == 1);
    CT_ENSURE(shell("xmllint --html --noout " WORK "/kr/report.html", out, sizeof out) == 0);
    CT_ENSURE_MSG(out[0] == 0, "xmllint: %s", out);
    char *html = read_file(WORK "/kr/report.html", NULL);
    CT_ENSURE(html);
    CT_ENSURE(strstr(html, "(\xec\x9a\xb0\xec\xb8\xa1 \xec\x9a\xa9\xec\xa0\x91 &lt;B&gt; &amp; &quot;x&quot;)"));
    CT_ENSURE(!strstr(html, "<B>"));
    const char *diag = strstr(html, "id=\"diagnostics\"");
    CT_ENSURE(diag && strstr(diag, "kr.drl:2") && strstr(diag, "foo_bar_unknown(3)"));
    free(html);
    cJSON *rj = json_load(WORK "/kr/report.json");
    CT_ENSURE(rj);
    const cJSON *progs = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(rj, "report"), "programs");
    const cJSON *p = cJSON_GetArrayItem(progs, 1);
    CT_ENSURE(!strcmp(jstr(p, "title"), "\xec\x9a\xb0\xec\xb8\xa1 \xec\x9a\xa9\xec\xa0\x91 <B> & \"x\""));
    const cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(p, "diagnostics"), 0);
    CT_ENSURE(d && jnum(d, "line") == 2 && strstr(jstr(d, "message"), "foo_bar_unknown"));
    CT_ENSURE(jnum(cJSON_GetObjectItemCaseSensitive(rj, "report"), "program_problems") >= 1);
    cJSON_Delete(rj);
    return 0;
}

/* ---- paths -------------------------------------------------------------------------------- */

/* rp_path_normalize against coreutils' realpath without symlinks (-s) on missing files (-m):
 * relative paths through --relative-to a base deep enough that ".." never reaches the root, and
 * absolute paths as they are; a fixed table and 400 random paths from awkward components. */
static int test_path_normalize_matches_realpath(void) {
    if (shell("realpath --version", NULL, 0) != 0) CT_SKIP("realpath not installed");
    static const char *table[][2] = {
        {"assets/cells/spot_weld/../../robots/ct_hs220/robot.urdf", "assets/robots/ct_hs220/robot.urdf"},
        {"./a//b/./c/", "a/b/c"}, {"a/..", "."}, {"../x/../../y", "../../y"}, {"/../a/./b/..", "/a"},
        {"/", "/"}, {".", "."}, {"..", ".."}, {"a/b/../../..", ".."}, {"//a//b", "/a/b"}, {"a/.../b", "a/.../b"},
        {"/work/main/assets/../assets/x.stl", "/work/main/assets/x.stl"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char *n = rp_path_normalize(table[i][0]);
        CT_ENSURE_MSG(n && !strcmp(n, table[i][1]), "'%s' -> '%s', want '%s'", table[i][0], n ? n : "(null)",
                      table[i][1]);
        ct_free(n);
    }
    CT_ENSURE(rp_path_normalize(NULL) == NULL);
    static const char *comp[] = {"a", "bb", "..", ".", "", "c.d", "...", "..x"};
    const char *base = "/b1/b2/b3/b4/b5/b6/b7/b8";
    unsigned seed = 99;
    for (int absolute = 0; absolute < 2; absolute++) {
        static char paths[200][128];
        static char cmd[200 * 180 + 256], out[200 * 140];
        size_t k = (size_t)snprintf(cmd, sizeof cmd, absolute ? "realpath -s -m" : "realpath -s -m --relative-to=%s",
                                    base);
        for (int i = 0; i < 200; i++) {
            seed = seed * 1103515245u + 12345u;
            int nc = 1 + (int)((seed >> 16) % 6);
            size_t m = (size_t)snprintf(paths[i], sizeof paths[i], "%s", absolute ? "/" : "");
            for (int c = 0; c < nc; c++) {
                seed = seed * 1103515245u + 12345u;
                const char *cp = comp[(seed >> 16) % 8];
                if (!absolute && c == 0 && !cp[0]) cp = "a"; /* a leading empty component would make it absolute */
                m += (size_t)snprintf(paths[i] + m, sizeof paths[i] - m, "%s%s", c ? "/" : "", cp);
            }
            if (absolute) k += (size_t)snprintf(cmd + k, sizeof cmd - k, " '%s'", paths[i]);
            else k += (size_t)snprintf(cmd + k, sizeof cmd - k, " '%s/%s'", base, paths[i]);
        }
        CT_ENSURE(shell(cmd, out, sizeof out) == 0);
        char *line = out;
        for (int i = 0; i < 200; i++) {
            char *nl = strchr(line, '\n');
            CT_ENSURE(nl);
            *nl = 0;
            char *n = rp_path_normalize(paths[i]);
            CT_ENSURE_MSG(n && !strcmp(n, line), "'%s' -> '%s', realpath '%s'", paths[i], n ? n : "(null)", line);
            ct_free(n);
            line = nl + 1;
        }
    }
    return 0;
}

/* The cell given relative: every listed and stored path is relative, normalised and names the
 * file the cell names; the verify part of report.json equals `celltwin verify --json`. */
static int test_relative_paths_stay_relative(void) {
    int rc = cli_work("rel", 0);
    if (rc) return rc;
    char out[4096];
    rc = shell("cd " CT_SOURCE_DIR " && " CLI " report assets/cells/spot_weld/cell.json --out " WORK
                 "/rel --no-pictures --date x; echo \"exit $?\"; " CLI " verify assets/cells/spot_weld/cell.json --quiet --json " WORK
                 "/rel_verify.json", out, sizeof out);
    CT_ENSURE_MSG(rc == 1 && strstr(out, "exit 1"), "exit %d: %s", rc, out); /* both: findings */
    char *js = read_file(WORK "/rel/report.json", NULL), *vs = read_file(WORK "/rel_verify.json", NULL);
    char *html = read_file(WORK "/rel/report.html", NULL);
    cJSON *rj = js ? cJSON_Parse(js) : NULL, *vj = vs ? cJSON_Parse(vs) : NULL;
    CT_ENSURE(rj && vj && html);
    const cJSON *item;
    cJSON_ArrayForEach(item, vj) if (strcmp(item->string, "stats"))
        CT_ENSURE_MSG(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(rj, item->string), item, 1), "'%s' differs",
                      item->string);
    /* as text too: byte for byte up to the stats (whose wall time the report leaves out) */
    const char *vstats = strstr(vs, "\t\"stats\":"), *rstats = strstr(js, "\t\"stats\":");
    CT_ENSURE(vstats && rstats && vstats - vs == rstats - js && !memcmp(vs, js, (size_t)(vstats - vs)));
    const cJSON *rest = cJSON_GetObjectItemCaseSensitive(rj, "report"), *f;
    int n = 0, urdf = 0;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(rest, "inputs")) {
        const char *p = jstr(f, "path");
        char abs[2048];
        snprintf(abs, sizeof abs, CT_SOURCE_DIR "/%s", p);
        CT_ENSURE_MSG(p[0] != '/' && path_is_normal(p) && !strncmp(p, "assets/", 7), "%s", p);
        CT_ENSURE_MSG(access(abs, R_OK) == 0, "%s", abs);
        urdf += !strcmp(p, "assets/robots/ct_hs220/robot.urdf") || !strcmp(p, "assets/robots/ct_m1013/robot.urdf");
        n++;
    }
    CT_ENSURE(n >= 8 && urdf == 2);
    CT_ENSURE(!strstr(html, "/../") && !strstr(html, "/./") && !strstr(js, "/../"));
    /* the verify part keeps the verification's own spelling (it may hold "../"); the report's does not */
    const char *rep_part = strstr(js, "\"report\":");
    CT_ENSURE(rep_part && !strstr(rep_part, "../") && !strstr(rep_part, "/./"));
    cJSON_Delete(rj);
    cJSON_Delete(vj);
    free(js);
    free(vs);
    free(html);
    return 0;
}

/* A step that takes no time has the clearance at its instant (the sampler the series uses), a
 * step that takes time no more than at its start and end instants; certified numbers only lower it. */
static int test_step_clearance_at_instants(void) {
    ct_error err;
    ct_error_clear(&err);
    ct_cell *cell = NULL;
    ct_cell_def cd = ct_cell_default_def();
    CT_ENSURE_MSG(ct_cell_load(CELL, &cd, &cell, &err) == CT_OK, "%s", err.message);
    ct_robot_program progs[8];
    ct_traj *traj[8];
    memset(progs, 0, sizeof progs);
    memset(traj, 0, sizeof traj);
    CT_ENSURE(cell->nrobot <= 8);
    for (int i = 0; i < cell->nrobot; i++) {
        if (cell->robot[i].nprogram <= 0) continue;
        CT_ENSURE(ct_robot_program_load(cell, i, cell->robot[i].program_path[0], NULL, &progs[i], &err) == CT_OK);
        traj[i] = progs[i].traj;
    }
    ct_verify_options vo = ct_verify_default_options();
    ct_verify_report *vr = NULL;
    ct_verify_input vin = {cell, traj};
    CT_ENSURE(ct_verify_run(&vin, &vo, &vr, &err) == CT_OK);
    ct_report_input rin = {cell, progs, vr, &vo};
    ct_report_def rd = ct_report_default_def();
    rd.pictures = 0;
    ct_report *rep = NULL;
    CT_ENSURE_MSG(ct_report_build(&rin, &rd, &rep, &err) == CT_OK, "%s", err.message);
    ct_verify_sampler *sampler = NULL;
    CT_ENSURE(ct_verify_sampler_create(&vin, &vo, &sampler, &err) == CT_OK);
    int instants = 0, bad = 0;
    for (int p = 0; p < rep->nprogram && !bad; p++) {
        const ct_report_program *pg = &rep->program[p];
        for (int s = 0; s < pg->nstep && !bad; s++) {
            const ct_report_step *st = &pg->step[s];
            double c0 = ct_verify_sampler_robot_distance(sampler, pg->robot, st->start, 2.0, 0);
            double c1 = ct_verify_sampler_robot_distance(sampler, pg->robot, st->start + st->duration, 2.0, 0);
            if (!isfinite(st->min_clearance) || st->min_clearance > fmin(c0, c1) + 1e-9) bad = 1;
            if (st->duration == 0 && !st->min_clearance_verified) {
                instants++;
                if (fabs(st->min_clearance - c0) > 1e-9) bad = 1;
            }
            if (bad)
                printf("%s step %d at %.6f s (+%.6f): %.9f m, instants %.9f / %.9f m\n", rep->robot[pg->robot].name,
                       s + 1, st->start, st->duration, st->min_clearance, c0, c1);
        }
    }
    ct_verify_sampler_destroy(sampler);
    ct_report_free(rep);
    ct_verify_report_free(vr);
    for (int i = 0; i < cell->nrobot; i++) ct_robot_program_free(&progs[i]);
    ct_cell_destroy(cell);
    CT_ENSURE(!bad);
    CT_ENSURE(instants >= 5);
    return 0;
}

/* ---- failures leave nothing behind -------------------------------------------------------- */

static int test_missing_input_leaves_nothing(void) {
    int rc = cli_work("fail", 1);
    if (rc) return rc;
    char out[4096];
    /* missing cell */
    rc = shell(CLI " report " WORK "/fail/no_cell.json --out " WORK "/fail/r --no-pictures", out, sizeof out);
    printf("%s", out);
    CT_ENSURE(rc == 2 && strstr(out, "no_cell.json"));
    /* missing jobfile */
    rc = shell(CLI " report " CELL " --job r2=" WORK "/fail/none.drl --out " WORK "/fail/r --no-pictures", out,
             sizeof out);
    printf("%s", out);
    CT_ENSURE(rc == 2 && strstr(out, "none.drl"));
    CT_ENSURE(!exists(WORK "/fail/r"));
    CT_ENSURE(count_entries(WORK "/fail", ".r.") == 0); /* no temporary folder */
    /* an existing report is left as it was when the new one fails */
    mkdir(WORK "/fail/r", 0777);
    FILE *f = fopen(WORK "/fail/r/report.html", "w");
    CT_ENSURE(f);
    fputs("old", f);
    fclose(f);
    rc = shell(CLI " report " CELL " --job r2=" WORK "/fail/none.drl --out " WORK "/fail/r --no-pictures", out,
             sizeof out);
    CT_ENSURE(rc == 2);
    char *old = read_file(WORK "/fail/r/report.html", NULL);
    CT_ENSURE(old && !strcmp(old, "old"));
    free(old);
    CT_ENSURE(count_entries(WORK "/fail/r", "") == 3); /* ".", "..", report.html */
    /* no Vulkan driver: exit 2, a message that says so, nothing written */
    rc = shell("VK_ICD_FILENAMES=/nonexistent VK_DRIVER_FILES=/nonexistent " CLI " report " CELL " --out " WORK
             "/fail/nv", out, sizeof out);
    printf("%s", out);
    CT_ENSURE(rc == 2 && strstr(out, "Vulkan") && strstr(out, "--no-pictures"));
    CT_ENSURE(!exists(WORK "/fail/nv") && count_entries(WORK "/fail", ".nv.") == 0);
    /* bad option values: usage error, exit 2 */
    CT_ENSURE(shell(CLI " report " CELL " --out " WORK "/fail/r --clearance ten", NULL, 0) == 2);
    CT_ENSURE(shell(CLI " report " CELL, NULL, 0) == 2);
    return 0;
}

static int test_unwritable_output_leaves_nothing(void) {
    int rc = cli_work("unw", 1);
    if (rc) return rc;
    char out[4096];
    /* a parent that is a regular file (works as root too) */
    FILE *f = fopen(WORK "/unw/file", "w");
    CT_ENSURE(f);
    fclose(f);
    rc = shell(CLI " report " CELL " --out " WORK "/unw/file/rep --no-pictures", out, sizeof out);
    printf("%s", out);
    CT_ENSURE(rc == 2 && strstr(out, "unw/file/rep"));
    CT_ENSURE(count_entries(WORK "/unw", "") == 3); /* ".", "..", file */
    /* a folder nobody may create files in (procfs) */
    rc = shell(CLI " report " CELL " --out /proc/celltwin_report_test --no-pictures", out, sizeof out);
    printf("%s", out);
    CT_ENSURE(rc == 2 && strstr(out, "/proc/celltwin_report_test"));
    /* an existing folder with other files is not replaced */
    mkdir(WORK "/unw/data", 0777);
    f = fopen(WORK "/unw/data/precious.txt", "w");
    CT_ENSURE(f);
    fclose(f);
    rc = shell(CLI " report " CELL " --out " WORK "/unw/data --no-pictures", out, sizeof out);
    printf("%s", out);
    CT_ENSURE(rc == 2 && exists(WORK "/unw/data/precious.txt") && !exists(WORK "/unw/data/report.html"));
    CT_ENSURE(count_entries(WORK "/unw", ".data.") == 0);
    /* a write that fails half-way (file size limit, SIGXFSZ ignored): nothing of the new report,
       the old one as it was */
    mkdir(WORK "/unw/half", 0777);
    f = fopen(WORK "/unw/half/report.html", "w");
    CT_ENSURE(f);
    fputs("old", f);
    fclose(f);
    rc = shell("sh -c \"trap '' XFSZ; ulimit -f 64; exec " CLI " report " CELL " --out " WORK "/unw/half --no-pictures\"",
             out, sizeof out);
    printf("%s", out);
    CT_ENSURE(rc == 2 && strstr(out, "report.") && strstr(out, "cannot write"));
    char *old = read_file(WORK "/unw/half/report.html", NULL);
    CT_ENSURE(old && !strcmp(old, "old"));
    free(old);
    CT_ENSURE(count_entries(WORK "/unw/half", "") == 3);
    CT_ENSURE(count_entries(WORK "/unw", ".half.") == 0);
    /* a report folder is replaced once the new one is complete */
    mkdir(WORK "/unw/rep", 0777);
    f = fopen(WORK "/unw/rep/report.html", "w");
    CT_ENSURE(f);
    fclose(f);
    rc = shell(CLI " report " CELL " --out " WORK "/unw/rep --no-pictures --date x", out, sizeof out);
    CT_ENSURE(rc == 1);
    size_t len = 0;
    char *html = read_file(WORK "/unw/rep/report.html", &len);
    CT_ENSURE(html && len > 1000 && strstr(html, "FAIL"));
    free(html);
    CT_ENSURE(count_entries(WORK "/unw", ".rep.") == 0); /* neither temporary nor old folder left */
    return 0;
}

CT_TEST_MAIN(CT_TEST(sha256_fips_vectors), CT_TEST(sha256_matches_sha256sum), CT_TEST(base64_matches_coreutils),
             CT_TEST(png_roundtrip), CT_TEST(demo_report), CT_TEST(korean_title_and_unsupported_statement),
             CT_TEST(path_normalize_matches_realpath), CT_TEST(relative_paths_stay_relative),
             CT_TEST(step_clearance_at_instants),
             CT_TEST(missing_input_leaves_nothing),
             CT_TEST(unwritable_output_leaves_nothing))
