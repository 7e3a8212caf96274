/* Plot tests: the layout against its closed form (data ends on the plot area edges, nice ticks
 * covering the data), the SVG read back by xmllint (well-formed, polyline points equal the
 * mapped data, non-finite values split the line, text escaped and round-tripped), and the cairo
 * back end checked pixel by pixel at mapped data points. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "celltwin/plot.h"
#include "celltwin/plot_cairo.h"
#include "ct_test.h"
#define RT_TMP_TEMPLATE "/tmp/ct_test_plot_XXXXXX"
#include "report_test_util.h"

/* A step is nice when it is 1, 2 or 5 times a power of ten. */
static int is_nice(double step) {
    double e = floor(log10(step));
    double m = step / pow(10.0, e);
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9 || fabs(m - 10) < 1e-9;
}

/* Ticks evenly spaced by a nice step, on multiples of that step. */
static int check_ticks(const double *t, int n, double *step_out) {
    CT_ENSURE(n >= 2 && n <= CT_PLOT_MAX_TICKS);
    double step = t[1] - t[0];
    CT_ENSURE_MSG(step > 0 && is_nice(step), "step %g", step);
    for (int i = 1; i < n; i++) CT_ENSURE_NEAR(t[i] - t[i - 1], step, step * 1e-9);
    for (int i = 0; i < n; i++) CT_ENSURE_NEAR(t[i] / step, round(t[i] / step), 1e-6);
    *step_out = step;
    return 0;
}

static int test_layout_closed_form(void) {
    /* y from -3.7 to 12.2 (not nice), x from 0 to 10 (nice) */
    double x[5] = {0, 2.5, 5, 7.5, 10}, y[5] = {-3.7, 0, 12.2, 4, 1};
    ct_plot_series s = {"J1", x, y, 5, 0xff0000, 0};
    ct_plot p = {.title = "t", .x_label = "time (s)", .y_label = "angle (deg)", .series = &s, .nseries = 1};
    const double W = 600, H = 300;
    ct_plot_layout l = ct_plot_compute_layout(&p, W, H);
    /* plot area inside the canvas with room for the labels */
    CT_ENSURE(l.area_x > 20 && l.area_y > 10 && l.area_x + l.area_w < W && l.area_y + l.area_h < H - 20);
    double xs, ys;
    if (check_ticks(l.x_tick, l.nx_tick, &xs) || check_ticks(l.y_tick, l.ny_tick, &ys)) return 1;
    /* ticks cover the data tightly: ranges end on ticks, within one step of the data */
    CT_ENSURE(l.x_min == l.x_tick[0] && l.x_max == l.x_tick[l.nx_tick - 1]);
    CT_ENSURE(l.y_min == l.y_tick[0] && l.y_max == l.y_tick[l.ny_tick - 1]);
    CT_ENSURE(l.y_min <= -3.7 && l.y_min > -3.7 - ys && l.y_max >= 12.2 && l.y_max < 12.2 + ys);
    CT_ENSURE(l.x_min == 0 && l.x_max == 10);
    /* x data ends map to the area edges; y is flipped (up is smaller) */
    CT_ENSURE_NEAR(ct_plot_map_x(&l, 0), l.area_x, 1e-9);
    CT_ENSURE_NEAR(ct_plot_map_x(&l, 10), l.area_x + l.area_w, 1e-9);
    CT_ENSURE_NEAR(ct_plot_map_x(&l, 5), l.area_x + 0.5 * l.area_w, 1e-9);
    CT_ENSURE_NEAR(ct_plot_map_y(&l, l.y_min), l.area_y + l.area_h, 1e-9);
    CT_ENSURE_NEAR(ct_plot_map_y(&l, l.y_max), l.area_y, 1e-9);
    /* closed form for an interior value: fraction of the range from the bottom edge */
    double f = (12.2 - l.y_min) / (l.y_max - l.y_min);
    CT_ENSURE_NEAR(ct_plot_map_y(&l, 12.2), l.area_y + (1 - f) * l.area_h, 1e-9);

    /* data exactly on nice values: min and max on the edges */
    double y2[5] = {-20, 0, 40, 0, 0};
    s.y = y2;
    l = ct_plot_compute_layout(&p, W, H);
    CT_ENSURE_NEAR(ct_plot_map_y(&l, -20), l.area_y + l.area_h, 1e-9);
    CT_ENSURE_NEAR(ct_plot_map_y(&l, 40), l.area_y, 1e-9);

    /* horizontal lines widen the y range; vertical markers the x range */
    ct_plot_hline h = {170, "J1 max", 0x0000ff, 1};
    ct_plot_vmark v = {12.5, "F1", 0x00aa00};
    p.hline = &h, p.nhline = 1, p.vmark = &v, p.nvmark = 1;
    l = ct_plot_compute_layout(&p, W, H);
    CT_ENSURE(l.y_max >= 170 && l.x_max >= 12.5);

    /* a given range is kept exactly, ticks inside it */
    p.x_min = 1, p.x_max = 9.3, p.y_min = -1, p.y_max = 1;
    l = ct_plot_compute_layout(&p, W, H);
    CT_ENSURE(l.x_min == 1 && l.x_max == 9.3 && l.y_min == -1 && l.y_max == 1);
    if (check_ticks(l.x_tick, l.nx_tick, &xs)) return 1;
    CT_ENSURE(l.x_tick[0] >= 1 - 1e-12 && l.x_tick[l.nx_tick - 1] <= 9.3 + 1e-12);

    /* constant data and no data: still a positive range with ticks */
    double yc[5] = {3, 3, 3, 3, 3};
    ct_plot_series sc = {NULL, x, yc, 5, 0, 0};
    ct_plot pc = {.series = &sc, .nseries = 1};
    l = ct_plot_compute_layout(&pc, W, H);
    CT_ENSURE(l.y_min < 3 && l.y_max > 3 && l.ny_tick >= 2);
    ct_plot pe = {0};
    l = ct_plot_compute_layout(&pe, W, H);
    CT_ENSURE(l.x_max > l.x_min && l.y_max > l.y_min);
    /* small and large magnitudes */
    double ys2[2] = {1e-6, 3.3e-6}, xs2[2] = {1e6, 4.2e6};
    ct_plot_series ss = {NULL, xs2, ys2, 2, 0, 0};
    ct_plot ps = {.series = &ss, .nseries = 1};
    l = ct_plot_compute_layout(&ps, W, H);
    if (check_ticks(l.y_tick, l.ny_tick, &ys) || check_ticks(l.x_tick, l.nx_tick, &xs)) return 1;
    CT_ENSURE(l.y_min <= 1e-6 && l.y_max >= 3.3e-6 && l.x_min <= 1e6 && l.x_max >= 4.2e6);
    return 0;
}

/* ---- SVG ----------------------------------------------------------------------------------- */

static int have_xmllint(void) { return system("xmllint --version >/dev/null 2>&1") == 0; }

static int write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t n = strlen(text);
    int ok = fwrite(text, 1, n, f) == n;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

/* Output of a shell command with one trailing newline removed (xmllint --xpath ends its answer
 * with one); the exit status. */
static int run_line(const char *cmd, char *out, size_t size) {
    int rc = run(cmd, out, size);
    size_t n = strlen(out);
    if (n && out[n - 1] == '\n') out[n - 1] = 0;
    return rc;
}

/* Writes the plot's SVG (w x h) to <tmp>/name and checks xmllint accepts it; path out. */
static int svg_to_file(const ct_plot *p, int w, int h, const char *name, char *path, size_t size) {
    const char *d = tmpdir();
    CT_ENSURE(d != NULL);
    char *svg = ct_plot_svg(p, w, h);
    CT_ENSURE(svg != NULL);
    snprintf(path, size, "%s/%s", d, name);
    int wr = write_file(path, svg);
    ct_free(svg);
    CT_ENSURE(wr == 0);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "xmllint --noout '%s'", path);
    CT_ENSURE_MSG(system(cmd) == 0, "xmllint rejects %s", path);
    return 0;
}

/* The points of every <polyline> in document order, parsed back with xmllint. Each polyline's
 * point list is one line of out. */
static int polylines(const char *path, char *out, size_t size) {
    char cmd[600];
    snprintf(cmd, sizeof cmd,
             "xmllint --xpath \"//*[local-name()='polyline']/@points\" '%s' | "
             "sed -e 's/^ *points=\"//' -e 's/\"$//'",
             path);
    CT_ENSURE(run(cmd, out, size) == 0);
    return 0;
}

static int test_svg_points_equal_mapped_data(void) {
    if (!have_xmllint()) CT_SKIP("xmllint not installed (libxml2-utils)");
    enum { N = 50 };
    double x[N], y[N], y2[N];
    for (int i = 0; i < N; i++) {
        x[i] = 0.1 * i;
        y[i] = 100 * sin(0.3 * i) - 20;
        y2[i] = 0.5 * i;
    }
    ct_plot_series s[2] = {{"J1", x, y, N, 0x1f77b4, 0}, {"J2", x, y2, N, 0xff7f0e, 1}};
    ct_plot_hline h[2] = {{150, "J1 max", 0xd62728, 1}, {-150, "J1 min", 0xd62728, 1}};
    ct_plot_vmark v = {2.05, "F1", 0x9467bd};
    ct_plot p = {"Joint angles", "time (s)", "angle (deg)", 0, 0, 0, 0, s, 2, h, 2, &v, 1};
    char path[300];
    int r = svg_to_file(&p, 640, 320, "points.svg", path, sizeof path);
    if (r) return r;
    static char pts[1 << 16];
    if (polylines(path, pts, sizeof pts)) return 1;
    ct_plot_layout l = ct_plot_compute_layout(&p, 640, 320);
    /* two polylines (one per series), each with the N mapped points at 2 decimals */
    const char *c = pts;
    for (int k = 0; k < 2; k++) {
        const double *yy = k == 0 ? y : y2;
        for (int i = 0; i < N; i++) {
            double px, py;
            int used = 0;
            CT_ENSURE_MSG(sscanf(c, " %lf,%lf%n", &px, &py, &used) == 2, "series %d point %d", k, i);
            c += used;
            CT_ENSURE_NEAR(px, ct_plot_map_x(&l, x[i]), 0.0051);
            CT_ENSURE_NEAR(py, ct_plot_map_y(&l, yy[i]), 0.0051);
        }
        while (*c == ' ' || *c == '\n') c++;
    }
    CT_ENSURE_MSG(*c == 0, "extra polyline text: %.40s", c);
    return 0;
}

static int test_svg_nonfinite_splits_line(void) {
    if (!have_xmllint()) CT_SKIP("xmllint not installed (libxml2-utils)");
    /* finite runs: [0..3] (4 points), [5] alone (a dot), [7..9] (3 points) */
    double x[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    double y[10] = {1, 2, 3, 4, NAN, 5, INFINITY, 6, 7, 8};
    ct_plot_series s = {"d", x, y, 10, 0x00ff00, 0};
    ct_plot p = {.series = &s, .nseries = 1};
    char path[300];
    int r = svg_to_file(&p, 400, 200, "split.svg", path, sizeof path);
    if (r) return r;
    char *svg = read_file(path, NULL);
    CT_ENSURE(svg != NULL);
    int ncircle = count_str(svg, "<circle", NULL);
    free(svg);
    char pts[4096];
    if (polylines(path, pts, sizeof pts)) return 1;
    /* one line per polyline: 4 and 3 points */
    char *line2 = strchr(pts, '\n');
    CT_ENSURE(line2 != NULL);
    *line2++ = 0;
    char *end = strchr(line2, '\n');
    if (end) *end = 0;
    CT_ENSURE_MSG(count_str(pts, ",", NULL) == 4, "first run: %s", pts);
    CT_ENSURE_MSG(count_str(line2, ",", NULL) == 3, "second run: %s", line2);
    CT_ENSURE(end == NULL || end[1] == 0);
    CT_ENSURE(ncircle == 1);
    /* the y range ignores the non-finite values */
    ct_plot_layout l = ct_plot_compute_layout(&p, 400, 200);
    CT_ENSURE(isfinite(l.y_max) && l.y_max >= 8 && l.y_max < 20);
    return 0;
}

static int test_svg_text_escaped_round_trip(void) {
    if (!have_xmllint()) CT_SKIP("xmllint not installed (libxml2-utils)");
    const char *title = "<&\"'> 용접_우측.drl";
    double x[2] = {0, 1}, y[2] = {0, 1};
    ct_plot_series s = {"a&b", x, y, 2, 0, 0};
    ct_plot p = {.title = title, .x_label = "bad \xff byte", .series = &s, .nseries = 1};
    char path[300];
    int r = svg_to_file(&p, 400, 200, "text.svg", path, sizeof path);
    if (r) return r;
    char cmd[600], out[512];
    snprintf(cmd, sizeof cmd,
             "xmllint --xpath \"string(//*[local-name()='text'][@font-weight='bold'])\" '%s'", path);
    CT_ENSURE(run_line(cmd, out, sizeof out) == 0);
    CT_ENSURE_MSG(strcmp(out, title) == 0, "title read back as '%s'", out);
    /* the invalid byte became U+FFFD, the rest intact */
    snprintf(cmd, sizeof cmd,
             "xmllint --xpath \"string(//*[local-name()='text'][contains(., 'byte')])\" '%s'", path);
    CT_ENSURE(run_line(cmd, out, sizeof out) == 0);
    CT_ENSURE_MSG(strcmp(out, "bad \xef\xbf\xbd byte") == 0, "x label read back as '%s'", out);
    return 0;
}

static int test_svg_reproducible(void) {
    double x[3] = {0, 1, 2}, y[3] = {0.123456789, 1, -2};
    ct_plot_series s = {"s", x, y, 3, 0x123456, 0};
    ct_plot p = {.title = "r", .series = &s, .nseries = 1};
    char *a = ct_plot_svg(&p, 300, 200), *b = ct_plot_svg(&p, 300, 200);
    CT_ENSURE(a && b);
    int same = strcmp(a, b) == 0;
    /* fixed precision: no coordinate printed with more than 2 decimals */
    int long_num = 0;
    for (const char *c = a; *c; c++)
        if (*c == '.' && c[1] >= '0' && c[1] <= '9' && c[2] >= '0' && c[2] <= '9' && c[3] >= '0' &&
            c[3] <= '9')
            long_num = 1;
    ct_free(a);
    ct_free(b);
    CT_ENSURE(same);
    CT_ENSURE(!long_num);
    return 0;
}

/* ---- cairo --------------------------------------------------------------------------------- */

static void px(cairo_surface_t *s, int x, int y, int *r, int *g, int *b) {
    const unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t v = *(const uint32_t *)(d + (size_t)y * stride + 4 * (size_t)x);
    *r = (v >> 16) & 255, *g = (v >> 8) & 255, *b = v & 255;
}

static int test_cairo_pixels_at_mapped_points(void) {
    /* red series: flat at y = 5 for x in [0, 4], then a ramp; drawn into an offset rectangle */
    double x[4] = {0, 4, 8, 10}, y[4] = {5, 5, 20, 0};
    ct_plot_series s = {"red", x, y, 4, 0xff0000, 0};
    ct_plot_hline h = {15, NULL, 0x0000ff, 0};
    ct_plot p = {.title = "cairo", .x_label = "x", .y_label = "y", .series = &s, .nseries = 1,
                 .hline = &h, .nhline = 1};
    const int W = 500, H = 320, OX = 30, OY = 20, PW = 440, PH = 280;
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 0, 0, 0); /* black outside the plot rectangle */
    cairo_paint(cr);
    ct_plot_cairo(&p, cr, OX, OY, PW, PH, NULL);
    CT_ENSURE(cairo_status(cr) == CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_flush(surf);
    ct_plot_layout l = ct_plot_compute_layout(&p, PW, PH);
    int r, g, b;
    /* the flat part of the line at x = 2 */
    double mx = OX + ct_plot_map_x(&l, 2), my = OY + ct_plot_map_y(&l, 5);
    px(surf, (int)mx, (int)floor(my), &r, &g, &b);
    int ok_line = r > 180 && g < 110 && b < 110;
    /* the blue reference line at y = 15, x = 1 */
    px(surf, (int)(OX + ct_plot_map_x(&l, 1)), (int)floor(OY + ct_plot_map_y(&l, 15)), &r, &g, &b);
    int ok_h = b > 180 && r < 110;
    /* background: between grid lines, far from the data (upper left of the area) */
    double gx = 0.5 * (l.x_tick[0] + l.x_tick[1]), gy = 0.5 * (l.y_tick[l.ny_tick - 2] + l.y_tick[l.ny_tick - 3]);
    px(surf, (int)(OX + ct_plot_map_x(&l, gx)), (int)(OY + ct_plot_map_y(&l, gy)), &r, &g, &b);
    int ok_bg = r == 255 && g == 255 && b == 255;
    /* nothing drawn outside the rectangle */
    px(surf, OX - 5, OY + PH / 2, &r, &g, &b);
    int ok_out = r == 0 && g == 0 && b == 0;
    px(surf, OX + PW + 5, OY + PH / 2, &r, &g, &b);
    ok_out = ok_out && r == 0 && g == 0 && b == 0;
    /* inside the rectangle but outside the plot area: white margin */
    px(surf, OX + 2, OY + PH - 2, &r, &g, &b);
    int ok_margin = r == 255 && g == 255 && b == 255;
    cairo_surface_destroy(surf);
    CT_ENSURE(ok_line);
    CT_ENSURE(ok_h);
    CT_ENSURE(ok_bg);
    CT_ENSURE(ok_out);
    CT_ENSURE(ok_margin);
    return 0;
}

/* Custom text hooks receive every label (the PDF's font fallback goes through them). */
static int g_shown;
static char g_seen[1024];
static void hook_show(cairo_t *cr, const char *s, void *user) {
    (void)user;
    g_shown++;
    strncat(g_seen, s, sizeof g_seen - strlen(g_seen) - 2);
    strcat(g_seen, "|");
    cairo_show_text(cr, s);
}
static double hook_width(cairo_t *cr, const char *s, void *user) {
    (void)cr, (void)user;
    return 5.0 * strlen(s);
}

static int test_cairo_text_hooks(void) {
    double x[2] = {0, 1}, y[2] = {0, 1};
    ct_plot_series s = {"leg", x, y, 2, 0, 0};
    ct_plot p = {.title = "T\xff", .x_label = "xl", .y_label = "yl", .series = &s, .nseries = 1};
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 200);
    cairo_t *cr = cairo_create(surf);
    ct_plot_cairo_text t = {hook_show, hook_width, NULL};
    ct_plot_cairo(&p, cr, 0, 0, 300, 200, &t);
    int st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    ct_plot_layout l = ct_plot_compute_layout(&p, 300, 200);
    /* ticks + title + 2 axis labels + legend entry */
    CT_ENSURE_MSG(g_shown == l.nx_tick + l.ny_tick + 4, "shown %d", g_shown);
    CT_ENSURE(strstr(g_seen, "|T\xef\xbf\xbd|") != NULL); /* cleaned before the hook */
    CT_ENSURE(strstr(g_seen, "|leg|") != NULL);
    CT_ENSURE(st == CAIRO_STATUS_SUCCESS);
    return 0;
}

CT_TEST_MAIN(CT_TEST(layout_closed_form), CT_TEST(svg_points_equal_mapped_data),
             CT_TEST(svg_nonfinite_splits_line), CT_TEST(svg_text_escaped_round_trip),
             CT_TEST(svg_reproducible), CT_TEST(cairo_pixels_at_mapped_points),
             CT_TEST(cairo_text_hooks))
