/* report.pdf tests on a small report model built here by hand (a Korean program name and title,
 * one collision finding with a picture, a near miss, diagnostics): the PDF is read back with the
 * poppler tools (pdftotext: verdict on page 1, Hangul intact, every SHA-256; pdftoppm: page 1
 * renders with the verdict box; pdffonts: NanumGothic embedded; pdfimages: both pictures at their
 * pixel sizes), written twice to the same bytes, and the failures (unwritable path, no Hangul
 * font) leave no file behind. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>

#include "celltwin/cell.h"
#include "celltwin/report.h"
#include "celltwin/report_pdf.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"
#include "ct_test.h"
#define RT_TMP_TEMPLATE "/tmp/ct_test_pdf_XXXXXX"
#include "report_test_util.h"

/* ---- the hand-built model ----------------------------------------------------------------- */

#define NS 101
#define ND 6
static const char *const SHA[3] = {
    "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea",
    "a9993e364706816aba3e25717850c26c9cd0d89d7b2f3c2c06c2a0c1f5e0e1f2",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"};
#define PROG_PATH "assets/jobfiles/\xec\x9a\xa9\xec\xa0\x91_\xec\x9a\xb0\xec\xb8\xa1.drl" /* 용접_우측.drl */
#define PROG_TITLE "\xec\x9a\xb0\xec\xb8\xa1 \xec\x9a\xa9\xec\xa0\x91 \xed\x94\x84\xeb\xa1\x9c\xea\xb7\xb8\xeb\x9e\xa8" /* 우측 용접 프로그램 */

typedef struct png_buf {
    uint8_t *p;
    size_t n, cap;
} png_buf;

static cairo_status_t png_write(void *c, const unsigned char *data, unsigned int len) {
    png_buf *b = c;
    if (b->n + len > b->cap) {
        size_t cap = (b->n + len) * 2;
        uint8_t *t = realloc(b->p, cap);
        if (!t) return CAIRO_STATUS_NO_MEMORY;
        b->p = t, b->cap = cap;
    }
    memcpy(b->p + b->n, data, len);
    b->n += len;
    return CAIRO_STATUS_SUCCESS;
}

/* A w x h PNG filled with one colour (file bytes, malloc'd). */
static ct_report_picture solid_png(int w, int h, double r, double g, double b, const char *caption) {
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, r, g, b);
    cairo_paint(cr);
    cairo_destroy(cr);
    png_buf pb = {0};
    cairo_surface_write_to_png_stream(s, png_write, &pb);
    cairo_surface_destroy(s);
    ct_report_picture p = {pb.p, pb.n, w, h, (char *)caption};
    return p;
}

typedef struct model {
    ct_report r;
    ct_report_file file[3];
    ct_report_robot robot;
    char *jname[ND];
    int prism[ND];
    double lo[ND], hi[ND], vel[ND], eff[ND];
    ct_report_program prog;
    ct_report_step step[3];
    int step_find[1];
    int prog_find[1];
    double t[NS], q[NS * ND], speed[NS], clear[NS];
    ct_report_finding finding;
    ct_report_near_miss near;
    ct_report_diag diag[2];
    char *assumption[3];
} model;

static void build(model *m) {
    memset(m, 0, sizeof *m);
    ct_report *r = &m->r;
    r->pass = 0;
    r->verdict = "FAIL";
    r->count[CT_FIND_COLLISION] = 1;
    r->cell_name = "\xec\x9a\xa9\xec\xa0\x91 \xec\x85\x80 A (weld cell)"; /* 용접 셀 A */
    r->cell_description = "Two-robot spot welding cell, test model";
    r->date = "2026-11-25";
    r->version = "0.1.0";
    r->command_line = "celltwin report cell.json --out out --pdf";
    r->method = "certified conservative advancement";
    static const char *paths[3] = {"assets/cells/weld.json", "assets/robots/ct_hs220/ct_hs220.urdf", PROG_PATH};
    static const ct_report_file_role roles[3] = {CT_REPORT_FILE_CELL, CT_REPORT_FILE_URDF, CT_REPORT_FILE_JOBFILE};
    for (int i = 0; i < 3; i++) {
        m->file[i].path = (char *)paths[i];
        m->file[i].role = roles[i];
        m->file[i].bytes = 1000 + i;
        snprintf(m->file[i].sha256, sizeof m->file[i].sha256, "%s", SHA[i]);
    }
    r->nfile = 3;
    r->file = m->file;
    r->thresholds = (ct_report_thresholds){0.01, 1, 0, 1e-5, 0.05, 0.01, 0.02, 0, 0, 0, 1};

    static const char *jn[ND] = {"joint_1", "joint_2", "joint_3", "joint_4", "joint_5", "joint_6"};
    for (int d = 0; d < ND; d++) {
        m->jname[d] = (char *)jn[d];
        m->lo[d] = -M_PI, m->hi[d] = M_PI, m->vel[d] = 3, m->eff[d] = 1000;
    }
    m->robot = (ct_report_robot){"R1", "ct_hs220", "assets/robots/ct_hs220/ct_hs220.urdf", ND, 2.65, 12.5, 2.5, 0,
                                 m->jname, m->prism, m->lo, m->hi, m->vel, m->eff};
    r->nrobot = 1;
    r->robot = &m->robot;

    for (int k = 0; k < NS; k++) {
        m->t[k] = 0.04 * k;
        for (int d = 0; d < ND; d++) m->q[k * ND + d] = 0.5 * sin(0.1 * k + d);
        m->speed[k] = 0.5 + 0.4 * sin(0.05 * k);
        m->clear[k] = k == 60 ? 0.0 : 0.02 + 0.1 * fabs(sin(0.03 * (k - 60)));
    }
    ct_report_program *pg = &m->prog;
    pg->robot = 0;
    pg->path = PROG_PATH;
    pg->title = PROG_TITLE;
    pg->cycle_time = 4.0;
    pg->completed = 1;
    static const char *motion[3] = {"PTP", "LIN", "DWELL"};
    static const double start[3] = {0, 1.5, 3.5}, dur[3] = {1.5, 2.0, 0.5};
    for (int s = 0; s < 3; s++) {
        ct_report_step *st = &m->step[s];
        st->index = s;
        st->file = PROG_PATH;
        st->line = 10 + 3 * s;
        st->vendor_step = -1;
        st->type = s == 0 ? CT_MCMD_PTP : s == 1 ? CT_MCMD_LIN : CT_MCMD_DWELL;
        st->motion = motion[s];
        st->speed_kind = s == 0 ? CT_REPORT_SPEED_FRACTION : s == 1 ? CT_REPORT_SPEED_TCP : CT_REPORT_SPEED_NONE;
        st->speed = s == 0 ? 0.3 : s == 1 ? 0.25 : NAN;
        st->start = start[s];
        st->duration = dur[s];
        st->min_clearance = s == 1 ? 0.0 : 0.05;
        st->min_clearance_verified = s == 1;
    }
    m->step_find[0] = 0;
    m->step[1].nfinding = 1;
    m->step[1].finding = m->step_find;
    pg->nstep = 3;
    pg->step = m->step;
    pg->series = (ct_report_series){NS, ND, m->t, m->q, m->speed, m->clear, NULL};
    m->diag[0] = (ct_report_diag){CT_REPORT_DIAG_PARSER, 1, PROG_PATH, 14, 5, -1,
                                  "unsupported statement 'set_digital_output' (skipped)",
                                  "set_digital_output(1, ON)  # \xea\xb7\xb8\xeb\xa6\xac\xed\x8d\xbc \xeb\x8b\xab\xea\xb8\xb0"};
    m->diag[1] = (ct_report_diag){CT_REPORT_DIAG_INTERP, 0, PROG_PATH, 16, 0, -1, "wait_din assumed satisfied", NULL};
    pg->ndiag = 2;
    pg->diag = m->diag;
    m->prog_find[0] = 0;
    pg->nfinding = 1;
    pg->finding = m->prog_find;
    r->nprogram = 1;
    r->program = pg;
    r->nproblem = 1;

    ct_finding *f = &m->finding.f;
    f->kind = CT_FIND_COLLISION;
    f->robot = 0;
    snprintf(f->body_a, sizeof f->body_a, "R1/link_6");
    snprintf(f->body_b, sizeof f->body_b, "fixture_\xec\xa2\x8c"); /* fixture_좌 */
    f->time = 2.4;
    f->src = (ct_src_ref){PROG_PATH, 13, -1};
    f->clearance = 0.01;
    f->joint = -1;
    snprintf(f->message, sizeof f->message, "R1/link_6 touches fixture");
    m->finding.program = 0;
    m->finding.step = 1;
    m->finding.proof = "The two bodies touch at t = 2.400 s; no earlier contact exists.";
    m->finding.picture = solid_png(80, 50, 0.9, 0.1, 0.1, "camera on R1/link_6 and fixture");
    r->nfinding = 1;
    r->finding = &m->finding;
    snprintf(m->near.a.body_a, sizeof m->near.a.body_a, "R1/link_3");
    snprintf(m->near.a.body_b, sizeof m->near.a.body_b, "column");
    m->near.a.distance = 0.0123;
    m->near.a.lower = 0.0121;
    m->near.a.time = 1.2;
    m->near.a.src = (ct_src_ref){PROG_PATH, 10, -1};
    r->nnear = 1;
    r->near = &m->near;
    m->assumption[0] = "Digital inputs are assumed to switch instantly (no I/O model).";
    m->assumption[1] = "\xeb\x8c\x80\xea\xb8\xb0 (waits) take no time."; /* 대기 */
    /* a long sentence and a long word without spaces: both must wrap without losing text */
    static char longtext[1200];
    if (!longtext[0]) {
        size_t k = 0;
        for (int i = 1; i <= 80; i++) k += (size_t)snprintf(longtext + k, sizeof longtext - k, "w%d ", i);
        k += (size_t)snprintf(longtext + k, sizeof longtext - k, "LONG");
        for (int i = 0; i < 150; i++) longtext[k++] = (char)('a' + i % 26);
        longtext[k] = 0;
    }
    m->assumption[2] = longtext;
    r->nassumption = 3;
    r->assumption = m->assumption;
    r->timeline = 4.0;
    r->npair = 12;
    r->distance_queries = 3456;
    r->overview = solid_png(64, 40, 0.2, 0.4, 0.9, "The cell at t = 0 s");
}

static void unbuild(model *m) {
    free(m->finding.picture.png);
    free(m->r.overview.png);
}

/* ---- helpers ------------------------------------------------------------------------------ */

/* Writes the model's PDF to <tmp>/name; path out. */
static int write_model(const char *name, char *path, size_t size) {
    const char *d = tmpdir();
    CT_ENSURE(d != NULL);
    snprintf(path, size, "%s/%s", d, name);
    model m;
    build(&m);
    ct_error err;
    ct_error_clear(&err);
    ct_status st = ct_report_write_pdf(&m.r, path, &err);
    unbuild(&m);
    if (st == CT_ERR_NOT_FOUND) CT_SKIP("%s", err.message);
    CT_ENSURE_MSG(st == CT_OK, "%s", err.message);
    return 0;
}

static char g_text[1 << 18];

/* The output of `fmt` (a command with one %s, the PDF's path) in g_text; its exit status. */
static int pdf_tool(const char *fmt, const char *path) {
    char cmd[800];
    snprintf(cmd, sizeof cmd, fmt, path);
    return run(cmd, g_text, sizeof g_text);
}

/* Skips (77) when the poppler program `tool` is missing, else writes the model's PDF as name. */
static int model_for(const char *tool, const char *name, char *path, size_t size) {
    if (!have_tool(tool)) CT_SKIP("%s not installed (poppler-utils)", tool);
    return write_model(name, path, size);
}

/* model_for, then `fmt` (with the PDF's path) run into g_text: 0, 77 (skip) or 1 (failed). */
static int tool_on_model(const char *tool, const char *name, const char *fmt, char *path, size_t size) {
    int rc = model_for(tool, name, path, size);
    if (rc) return rc;
    CT_ENSURE(pdf_tool(fmt, path) == 0);
    return 0;
}

static int count_entries(const char *dir) {
    DIR *dd = opendir(dir);
    if (!dd) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dd)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(dd);
    return n;
}

/* ---- tests -------------------------------------------------------------------------------- */

static int test_text_verdict_hangul_hashes(void) {
    char path[320], cmd[700];
    /* page 1: the verdict with its counts, the cell name in Hangul, the hashes */
    int rc = tool_on_model("pdftotext", "text.pdf", "pdftotext -f 1 -l 1 -enc UTF-8 '%s' -", path, sizeof path);
    if (rc) return rc;
    CT_ENSURE_MSG(strstr(g_text, "FAIL") != NULL, "page 1: %.300s", g_text);
    CT_ENSURE(strstr(g_text, "1 collision") != NULL);
    CT_ENSURE(strstr(g_text, "\xec\x9a\xa9\xec\xa0\x91 \xec\x85\x80 A") != NULL); /* 용접 셀 A */
    CT_ENSURE(strstr(g_text, "celltwin report cell.json --out out --pdf") != NULL);
    CT_ENSURE(strstr(g_text, "2026-11-25") != NULL);
    /* the whole document */
    CT_ENSURE(pdf_tool("pdftotext -enc UTF-8 '%s' -", path) == 0);
    for (int i = 0; i < 3; i++) CT_ENSURE_MSG(strstr(g_text, SHA[i]) != NULL, "SHA-256 %d missing", i);
    CT_ENSURE(strstr(g_text, "\xec\x9a\xa9\xec\xa0\x91_\xec\x9a\xb0\xec\xb8\xa1.drl") != NULL); /* 용접_우측.drl */
    CT_ENSURE(strstr(g_text, PROG_TITLE) != NULL);
    CT_ENSURE(strstr(g_text, "fixture_\xec\xa2\x8c") != NULL);
    CT_ENSURE(strstr(g_text, "wait_din assumed satisfied") != NULL);
    CT_ENSURE(strstr(g_text, "\xea\xb7\xb8\xeb\xa6\xac\xed\x8d\xbc") != NULL); /* 그리퍼 in a source line */
    CT_ENSURE(strstr(g_text, "12.30") != NULL && strstr(g_text, "12.10") != NULL); /* near miss in mm */
    /* the wrapped paragraph: every word in order, the long word whole once spaces are removed */
    {
        /* without spaces, line breaks and the footers (the paragraph may cross a page) */
        static char flat[1 << 18];
        size_t k = 0;
        for (const char *line = g_text; *line;) {
            const char *end = strchr(line, '\n');
            size_t len = end ? (size_t)(end - line) : strlen(line);
            while (len && *line == '\f') line++, len--;
            int footer = !strncmp(line, "celltwin pre-commissioning report", 33) || !strncmp(line, "page ", 5);
            for (size_t i = 0; !footer && i < len && k + 1 < sizeof flat; i++)
                if (line[i] != ' ') flat[k++] = line[i];
            line += len + (end ? 1 : 0);
        }
        flat[k] = 0;
        char want[1200];
        k = 0;
        for (int i = 1; i <= 80; i++) k += (size_t)snprintf(want + k, sizeof want - k, "w%d", i);
        k += (size_t)snprintf(want + k, sizeof want - k, "LONG");
        for (int i = 0; i < 150; i++) want[k++] = (char)('a' + i % 26);
        want[k] = 0;
        CT_ENSURE_MSG(strstr(flat, want) != NULL, "wrapped paragraph lost text");
    }
    /* every plot of the program, found by its title */
    model m;
    build(&m);
    ct_report_plots plots;
    ct_error err;
    CT_ENSURE(ct_report_program_plots(&m.r, 0, &plots, &err) == CT_OK);
    int nplot = plots.nplot, njoint = plots.njoint, missing = -1;
    for (int i = 0; i < plots.nplot; i++)
        if (!strstr(g_text, plots.plot[i].title)) missing = i;
    ct_report_plots_free(&plots);
    unbuild(&m);
    /* one plot per joint, TCP speed, clearance (the model has no torques) */
    CT_ENSURE_MSG(njoint == ND && nplot == ND + 2, "%d plots, %d per joint", nplot, njoint);
    CT_ENSURE_MSG(missing < 0, "plot %d's title not in the text", missing);
    /* every page numbered "page i of n" */
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Pages: *//p'", path);
    char pages[32];
    run(cmd, pages, sizeof pages);
    int np = atoi(pages);
    CT_ENSURE_MSG(np >= 3, "pages: %s", pages);
    for (int i = 1; i <= np; i++) {
        char want[64];
        snprintf(want, sizeof want, "page %d of %d", i, np);
        CT_ENSURE_MSG(strstr(g_text, want) != NULL, "no '%s'", want);
    }
    return 0;
}

static int test_page1_renders(void) {
    char path[320], cmd[800];
    int rc = model_for("pdftoppm", "render.pdf", path, sizeof path);
    if (rc) return rc;
    snprintf(cmd, sizeof cmd, "pdftoppm -r 50 -png -f 1 -l 1 -singlefile '%s' '%s/page1'", path, g_dir);
    CT_ENSURE(system(cmd) == 0);
    char png[320];
    snprintf(png, sizeof png, "%s/page1.png", g_dir);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    CT_ENSURE(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    long ink = 0, box = 0, blue = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t v = *(const uint32_t *)(d + (size_t)y * stride + 4 * (size_t)x);
            int r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
            if (r < 200 || g < 200 || b < 200) ink++;
            if (abs(r - 0xfc) <= 3 && abs(g - 0xe8) <= 3 && abs(b - 0xe6) <= 3) box++; /* FAIL box fill */
            if (abs(r - 51) <= 6 && abs(g - 102) <= 6 && abs(b - 230) <= 6) blue++;   /* overview picture */
        }
    cairo_surface_destroy(s);
    /* A4 at 50 dpi is 413 x 585 px */
    CT_ENSURE_MSG(abs(w - 413) <= 1 && abs(h - 585) <= 1, "%d x %d", w, h);
    CT_ENSURE_MSG(ink > 2000, "ink %ld", ink);
    CT_ENSURE_MSG(box > 3000, "verdict box pixels %ld", box); /* about 344 x 37 px, minus the text */
    (void)blue; /* the overview may land on page 2; checked by pdfimages */
    return 0;
}

static int test_fonts_embedded(void) {
    char path[320];
    int rc = tool_on_model("pdffonts", "fonts.pdf", "pdffonts '%s'", path, sizeof path);
    if (rc) return rc;
    /* name type encoding emb sub uni object ID: every font embedded, NanumGothic among them */
    int nanum = 0, lines = 0;
    for (char *line = strtok(g_text, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strncmp(line, "name", 4) || !strncmp(line, "----", 4)) continue;
        lines++;
        char name[256], copy[512], *words[32], *save = NULL;
        if (sscanf(line, "%255s", name) != 1) continue;
        /* emb is the 5th word from the end (emb sub uni object-number generation) */
        int n = 0;
        snprintf(copy, sizeof copy, "%s", line);
        for (char *w = strtok_r(copy, " ", &save); w && n < 32; w = strtok_r(NULL, " ", &save)) words[n++] = w;
        CT_ENSURE_MSG(n >= 6 && !strcmp(words[n - 5], "yes"), "not embedded: %s", line);
        if (strstr(name, "NanumGothic")) nanum = 1;
    }
    CT_ENSURE(lines >= 1);
    CT_ENSURE(nanum);
    return 0;
}

static int test_pictures_embedded(void) {
    char path[320];
    int rc = tool_on_model("pdfimages", "images.pdf", "pdfimages -list '%s'", path, sizeof path);
    if (rc) return rc;
    /* page num type width height ...: the 64 x 40 overview and the 80 x 50 finding picture */
    int overview = 0, finding = 0;
    for (char *line = strtok(g_text, "\n"); line; line = strtok(NULL, "\n")) {
        int page, num, w, h;
        char type[32];
        if (sscanf(line, "%d %d %31s %d %d", &page, &num, type, &w, &h) != 5) continue;
        if (w == 64 && h == 40) overview++;
        if (w == 80 && h == 50) finding++;
    }
    CT_ENSURE_MSG(overview == 1 && finding == 1, "overview %d finding %d", overview, finding);
    return 0;
}

static int test_same_bytes_twice(void) {
    char a[320], b[320];
    int rc = write_model("a.pdf", a, sizeof a);
    if (rc) return rc;
    rc = write_model("b.pdf", b, sizeof b);
    if (rc) return rc;
    char cmd[700];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
    CT_ENSURE_MSG(system(cmd) == 0, "%s and %s differ", a, b);
    /* an ordinary file: permissions from the umask, not a private temporary file's 0600 */
    mode_t um = umask(0);
    umask(um);
    struct stat st;
    CT_ENSURE(stat(a, &st) == 0);
    CT_ENSURE_MSG((st.st_mode & 0777) == (0666 & ~um), "mode %o", (unsigned)(st.st_mode & 0777));
    return 0;
}

static int test_unwritable_path_leaves_nothing(void) {
    const char *d = tmpdir();
    CT_ENSURE(d != NULL);
    model m;
    build(&m);
    ct_error err;
    char path[400];
    /* the parent is a regular file */
    char file[320];
    snprintf(file, sizeof file, "%s/plain", d);
    FILE *f = fopen(file, "w");
    CT_ENSURE(f != NULL);
    fclose(f);
    snprintf(path, sizeof path, "%s/report.pdf", file);
    ct_error_clear(&err);
    ct_status st1 = ct_report_write_pdf(&m.r, path, &err);
    int ok1 = st1 == CT_ERR_IO && strstr(err.file, "report.pdf") != NULL;
    /* the destination is an existing folder: the rename fails after the whole file was written */
    char sub[320];
    snprintf(sub, sizeof sub, "%s/folder.pdf", d);
    CT_ENSURE(mkdir(sub, 0755) == 0);
    ct_error_clear(&err);
    ct_status st2 = ct_report_write_pdf(&m.r, sub, &err);
    unbuild(&m);
    if (st1 == CT_ERR_NOT_FOUND) CT_SKIP("%s", err.message);
    CT_ENSURE_MSG(ok1, "status %d: %s", st1, err.message);
    CT_ENSURE_MSG(st2 == CT_ERR_IO, "status %d: %s", st2, err.message);
    /* only "plain" and the folder remain, the folder empty */
    CT_ENSURE_MSG(count_entries(d) == 2, "%d entries in %s", count_entries(d), d);
    CT_ENSURE(count_entries(sub) == 0);
    struct stat stt;
    CT_ENSURE(stat(sub, &stt) == 0 && S_ISDIR(stt.st_mode));
    return 0;
}

static int test_no_hangul_font_is_an_error(void) {
    /* a fontconfig setup that knows DejaVu only (runs in its own process under ctest) */
    const char *d = tmpdir();
    CT_ENSURE(d != NULL);
    if (access("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", R_OK) != 0)
        CT_SKIP("DejaVu Sans not installed (fonts-dejavu-core)");
    char conf[320], cache[320];
    snprintf(conf, sizeof conf, "%s/fonts.conf", d);
    snprintf(cache, sizeof cache, "%s/cache", d);
    FILE *f = fopen(conf, "w");
    CT_ENSURE(f != NULL);
    fprintf(f, "<?xml version=\"1.0\"?>\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>"
               "<cachedir>%s</cachedir></fontconfig>\n", cache);
    fclose(f);
    setenv("FONTCONFIG_FILE", conf, 1);
    model m;
    build(&m);
    char path[320];
    snprintf(path, sizeof path, "%s/nofont.pdf", d);
    ct_error err;
    ct_error_clear(&err);
    ct_status st = ct_report_write_pdf(&m.r, path, &err);
    unbuild(&m);
    unsetenv("FONTCONFIG_FILE");
    CT_ENSURE_MSG(st == CT_ERR_NOT_FOUND, "status %d: %s", st, err.message);
    CT_ENSURE(strstr(err.message, "Hangul") && strstr(err.message, "fonts-nanum"));
    CT_ENSURE(access(path, F_OK) != 0);
    return 0;
}

/* The demo cell through ct_report_build (pictures off: no Vulkan needed): page 1 shows the
 * verdict and the counts of the verification's own findings; the text holds the SHA-256 of the
 * cell file as sha256sum computes it. */
static int test_demo_cell(void) {
    if (!have_tool("pdftotext") || !have_tool("sha256sum")) CT_SKIP("pdftotext or sha256sum not installed");
    const char *cellpath = CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json";
    ct_error err;
    ct_error_clear(&err);
    ct_cell *cell = NULL;
    ct_cell_def cd = ct_cell_default_def();
    CT_ENSURE_MSG(ct_cell_load(cellpath, &cd, &cell, &err) == CT_OK, "%s", err.message);
    int nr = cell->nrobot;
    ct_robot_program progs[8];
    ct_traj *traj[8];
    memset(progs, 0, sizeof progs);
    memset(traj, 0, sizeof traj);
    CT_ENSURE(nr <= 8);
    for (int i = 0; i < nr; i++) {
        if (cell->robot[i].nprogram <= 0) continue;
        CT_ENSURE_MSG(ct_robot_program_load(cell, i, cell->robot[i].program_path[0], NULL, &progs[i], &err) == CT_OK,
                      "%s", err.message);
        traj[i] = progs[i].traj;
    }
    ct_verify_options vo = ct_verify_default_options();
    ct_verify_report *vr = NULL;
    ct_verify_input in = {cell, traj};
    CT_ENSURE_MSG(ct_verify_run(&in, &vo, &vr, &err) == CT_OK, "%s", err.message);
    ct_report_input rin = {cell, progs, vr, &vo};
    ct_report_def rd = ct_report_default_def();
    rd.date = "2026-11-25";
    rd.pictures = 0;
    ct_report *rep = NULL;
    ct_status st = ct_report_build(&rin, &rd, &rep, &err);
    char path[320];
    const char *d = tmpdir();
    snprintf(path, sizeof path, "%s/demo.pdf", d ? d : "/tmp");
    ct_status wst = st == CT_OK ? ct_report_write_pdf(rep, path, &err) : st;
    /* the expected first-page line from the verification's findings */
    int count[CT_FIND_KIND_COUNT] = {0};
    for (int i = 0; i < vr->nfinding; i++) count[vr->finding[i].kind]++;
    char want[256] = "";
    for (int k = 0; k < CT_FIND_KIND_COUNT; k++)
        if (count[k]) snprintf(want + strlen(want), sizeof want - strlen(want), "%s%d %s", want[0] ? ", " : "",
                               count[k], ct_finding_kind_name((ct_finding_kind)k));
    int nfind = vr->nfinding;
    ct_report_free(rep);
    ct_verify_report_free(vr);
    for (int i = 0; i < nr; i++) ct_robot_program_free(&progs[i]);
    ct_cell_destroy(cell);
    if (wst == CT_ERR_NOT_FOUND) CT_SKIP("%s", err.message);
    CT_ENSURE_MSG(st == CT_OK && wst == CT_OK, "%s", err.message);
    CT_ENSURE(d != NULL);
    CT_ENSURE(pdf_tool("pdftotext -f 1 -l 1 -enc UTF-8 '%s' -", path) == 0);
    CT_ENSURE(strstr(g_text, nfind ? "FAIL" : "PASS") != NULL);
    if (nfind) CT_ENSURE_MSG(strstr(g_text, want) != NULL, "no '%s' on page 1", want);
    char sha[128], cmd[800];
    snprintf(cmd, sizeof cmd, "sha256sum '%s' | cut -c1-64", cellpath);
    int rc = run(cmd, sha, sizeof sha);
    CT_ENSURE(rc == 0 && strlen(sha) >= 64);
    sha[64] = 0;
    CT_ENSURE(pdf_tool("pdftotext -enc UTF-8 '%s' -", path) == 0);
    CT_ENSURE_MSG(strstr(g_text, sha) != NULL, "cell SHA-256 %s not in the PDF", sha);
    /* input paths normalised: the cell names its URDFs "../../robots/..." */
    CT_ENSURE_MSG(!strstr(g_text, "/..") && !strstr(g_text, "/./"), "a path with /.. or /./ in the PDF");
    CT_ENSURE(strstr(g_text, "assets/robots/ct_hs220/") != NULL);
    return 0;
}

/* The per-joint plots of the hand-built model against its own numbers: each joint's values in deg
 * (mm for a prismatic joint), its two limits as dashed lines (none for a continuous joint), a y
 * range covering the values and the limits, the finding marker, the time axis 0..cycle; then TCP
 * speed and clearance, and with torques one torque plot holding every joint and the 100 % line. */
static int test_plots_per_joint(void) {
    model m;
    build(&m);
    m.prism[2] = 1;
    m.lo[2] = -0.2, m.hi[2] = 0.8;             /* m */
    m.lo[4] = -INFINITY, m.hi[4] = INFINITY;   /* continuous */
    static double torque[NS * ND];
    for (int k = 0; k < NS * ND; k++) torque[k] = 0.01 * (k % 97);
    ct_report_plots pl;
    ct_error err;
    int bad = 0;
    for (int with_torque = 0; with_torque < 2 && !bad; with_torque++) {
        m.prog.series.torque_frac = with_torque ? torque : NULL;
        CT_ENSURE(ct_report_program_plots(&m.r, 0, &pl, &err) == CT_OK);
        CT_ENSURE(pl.njoint == ND && pl.nplot == ND + 2 + with_torque);
        for (int d = 0; d < ND && !bad; d++) {
            const ct_plot *p = &pl.plot[d];
            double sc = m.prism[d] ? 1000.0 : 180.0 / M_PI, lo = INFINITY, hi = -INFINITY;
            char want[64];
            snprintf(want, sizeof want, "R1 J%d joint_%d (%s)", d + 1, d + 1, m.prism[d] ? "mm" : "deg");
            if (!p->title || strncmp(p->title, want, strlen(want))) bad = 1;
            if (p->nseries != 1 || p->series[0].n != NS) bad = 1;
            for (int k = 0; k < NS && !bad; k++) {
                double y = m.q[k * ND + d] * sc;
                if (fabs(p->series[0].y[k] - y) > 1e-9 * fabs(y) + 1e-12 || p->series[0].x[k] != m.t[k]) bad = 1;
                lo = fmin(lo, y), hi = fmax(hi, y);
            }
            int nlim = isfinite(m.lo[d]) + isfinite(m.hi[d]);
            if (p->nhline != nlim) bad = 1;
            for (int h = 0; h < p->nhline && !bad; h++) {
                double want_y = (h == 0 ? m.lo[d] : m.hi[d]) * sc;
                if (fabs(p->hline[h].y - want_y) > 1e-9 * fabs(want_y) || !p->hline[h].dashed) bad = 1;
                lo = fmin(lo, want_y), hi = fmax(hi, want_y);
            }
            ct_plot_layout l = ct_plot_compute_layout(p, 252, 150);
            if (l.y_min > lo || l.y_max < hi) bad = 1;
            if (l.x_min != 0 || l.x_max != m.t[NS - 1]) bad = 1;
            if (p->nvmark != 1 || p->vmark[0].x != 2.4) bad = 1;
            if (bad) printf("joint %d: '%s', y %g..%g for %g..%g, %d lines\n", d + 1, p->title, l.y_min, l.y_max, lo, hi,
                            p->nhline);
        }
        if (!strstr(pl.plot[ND].title, "TCP speed") || !strstr(pl.plot[ND + 1].title, "clearance")) bad = 1;
        if (with_torque) {
            const ct_plot *p = &pl.plot[ND + 2];
            if (!strstr(p->title, "torque") || p->nseries != ND || p->nhline != 1 || p->hline[0].y != 100) bad = 1;
            for (int d = 0; d < ND && !bad; d++)
                for (int k = 0; k < NS; k++)
                    if (fabs(p->series[d].y[k] - 100 * torque[k * ND + d]) > 1e-9) bad = 1;
        }
        ct_report_plots_free(&pl);
    }
    m.prog.series.torque_frac = NULL;
    unbuild(&m);
    CT_ENSURE(!bad);
    return 0;
}

CT_TEST_MAIN(CT_TEST(text_verdict_hangul_hashes), CT_TEST(page1_renders), CT_TEST(fonts_embedded),
             CT_TEST(pictures_embedded), CT_TEST(same_bytes_twice), CT_TEST(unwritable_path_leaves_nothing),
             CT_TEST(no_hangul_font_is_an_error), CT_TEST(demo_cell), CT_TEST(plots_per_joint))
