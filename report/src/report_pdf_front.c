/* The first pages of report.pdf: verdict with counts by kind, identification (cell, date,
 * version, command line, method), input files with SHA-256, thresholds, the overview picture and
 * the robots with their joint limits. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/math.h"
#include "report_pdf_priv.h"

void ct_rpdf_mm(double m, char *buf, size_t size) {
    if (!isfinite(m)) snprintf(buf, size, "-");
    else snprintf(buf, size, "%.2f mm", m * 1000.0);
}

void ct_rpdf_s(double s, char *buf, size_t size) {
    if (!isfinite(s)) snprintf(buf, size, "-");
    else snprintf(buf, size, "%.3f s", s);
}

void ct_rpdf_verdict_counts(const ct_report *r, char *buf, size_t size) {
    size_t k = 0;
    buf[0] = 0;
    int any = 0;
    for (int i = 0; i < CT_FIND_KIND_COUNT && k < size; i++) {
        if (r->count[i] <= 0) continue;
        int w = snprintf(buf + k, size - k, "%s%d %s", any ? ", " : "", r->count[i],
                         ct_finding_kind_name((ct_finding_kind)i));
        if (w < 0) break;
        k += (size_t)w;
        any = 1;
    }
    if (!any && k < size) k += (size_t)snprintf(buf + k, size - k, "no findings");
    if (r->nproblem > 0 && k < size)
        snprintf(buf + k, size - k, "; %d program problem%s (warnings or errors while reading or playing)",
                 r->nproblem, r->nproblem == 1 ? "" : "s");
}

static void set_rgb(cairo_t *cr, uint32_t rgb) {
    cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
                         (rgb & 255) / 255.0);
}

static void verdict(ct_pdf *d, const ct_report *r) {
    ct_pdf_text(d, d->left, d->y + 18, 0, "Pre-commissioning report", 18, 1, 0x0b3d6bu);
    d->y += 26;
    ct_pdf_para(d, r->cell_name ? r->cell_name : "", 13, 0, CT_PDF_RGB_TEXT, 0);
    d->y += 8;
    /* the verdict box, tall enough for the counts wrapped beside the verdict word */
    const char *v = r->verdict ? r->verdict : (r->pass ? "PASS" : "FAIL");
    char counts[512];
    ct_rpdf_verdict_counts(r, counts, sizeof counts);
    double w = ct_pdf_content_width(d), x = d->left + 24 + ct_pdf_text_width(d, v, 28, 1);
    int lines = ct_pdf_wrap(d, counts, 10, 0, d->left + w - x, NULL, NULL);
    double h = 14 + lines * 13.5 + 10;
    if (h < 54) h = 54;
    uint32_t col = r->pass ? 0x1e7b34u : 0xb3261eu;
    set_rgb(d->cr, r->pass ? 0xe6f4ea : 0xfce8e6);
    cairo_rectangle(d->cr, d->left, d->y, w, h);
    cairo_fill(d->cr);
    set_rgb(d->cr, col);
    cairo_set_line_width(d->cr, 1.5);
    cairo_rectangle(d->cr, d->left, d->y, w, h);
    cairo_stroke(d->cr);
    ct_pdf_text(d, d->left + 14, d->y + 36, 0, v, 28, 1, col);
    double y0 = d->y;
    d->y += 14;
    ct_pdf_para(d, counts, 10, 0, CT_PDF_RGB_TEXT, x - d->left);
    d->y = y0 + h + 10;
}

static void kv_row(ct_pdf *d, const ct_pdf_table *t, const char *k, const char *v) {
    const char *cell[2] = {k, v ? v : "-"};
    ct_pdf_table_row(d, t, cell, CT_PDF_NO_BG);
}

static void identification(ct_pdf *d, const ct_report *r) {
    static const ct_pdf_col col[2] = {{"", 0.24, 0}, {"", 0.76, 0}};
    ct_pdf_table t = {col, 2, CT_PDF_FS_BODY};
    char buf[256];
    kv_row(d, &t, "Cell", r->cell_name);
    if (r->cell_description && r->cell_description[0]) kv_row(d, &t, "Description", r->cell_description);
    kv_row(d, &t, "Date", r->date);
    kv_row(d, &t, "celltwin version", r->version);
    kv_row(d, &t, "Command line", r->command_line);
    kv_row(d, &t, "Method", r->method);
    ct_rpdf_s(r->timeline, buf, sizeof buf);
    kv_row(d, &t, "Timeline (longest program)", buf);
    snprintf(buf, sizeof buf, "%d pairs checked, %d excluded; %ld exact distance queries", r->npair,
             r->nexcluded, r->distance_queries);
    kv_row(d, &t, "Checks", buf);
}

static void thresholds(ct_pdf *d, const ct_report *r) {
    const ct_report_thresholds *th = &r->thresholds;
    ct_pdf_heading(d, 2, "Thresholds");
    static const ct_pdf_col col[2] = {{"", 0.34, 0}, {"", 0.66, 0}};
    ct_pdf_table t = {col, 2, CT_PDF_FS_BODY};
    char buf[256], a[64];
    ct_rpdf_mm(th->clearance, a, sizeof a);
    snprintf(buf, sizeof buf, "%s (%s)%s", a, th->clearance_from_cell ? "from the cell" : "from --clearance",
             th->nclear > 0 ? "; per-pair values in the cell override it" : "");
    kv_row(d, &t, "Clearance threshold", buf);
    if (th->nclear > 0) {
        snprintf(buf, sizeof buf, "%d", th->nclear);
        kv_row(d, &t, "Per-pair clearance overrides", buf);
    }
    ct_rpdf_mm(th->min_distance_report, buf, sizeof buf);
    kv_row(d, &t, "Near misses listed below", buf);
    if (th->sampled) {
        snprintf(buf, sizeof buf, "sampled every %.2f mm / %.3f deg (not certified)", th->sampled_m * 1000.0,
                 th->sampled_rad / CT_DEG);
        kv_row(d, &t, "Collision check", buf);
    } else {
        snprintf(buf, sizeof buf, "certified conservative advancement, resolution %.4f mm", th->resolution * 1000.0);
        kv_row(d, &t, "Collision check", buf);
    }
    snprintf(buf, sizeof buf, "%.1f ms", th->torque_dt * 1000.0);
    kv_row(d, &t, "Torque check step", buf);
    snprintf(buf, sizeof buf, "%.1f ms (plots and step table only)", th->series_dt * 1000.0);
    kv_row(d, &t, "Plot sampling", buf);
    kv_row(d, &t, "Self collision", th->self_collision ? "checked" : "not checked");
}

static void files(ct_pdf *d, const ct_report *r) {
    ct_pdf_heading(d, 2, "Input files (SHA-256)");
    static const ct_pdf_col col[4] = {{"role", 0.08, 0}, {"file", 0.28, 0}, {"bytes", 0.10, 1},
                                      {"SHA-256", 0.54, 0}};
    ct_pdf_table t = {col, 4, 6.5};
    ct_pdf_table_head(d, &t);
    for (int i = 0; i < r->nfile; i++) {
        const ct_report_file *f = &r->file[i];
        char bytes[32];
        snprintf(bytes, sizeof bytes, "%lld", f->bytes);
        const char *cell[4] = {ct_report_file_role_name(f->role), f->path, bytes, f->sha256};
        ct_pdf_table_row(d, &t, cell, CT_PDF_NO_BG);
    }
}

static void robots(ct_pdf *d, const ct_report *r) {
    ct_pdf_heading(d, 1, "Robots");
    static const ct_pdf_col col[6] = {{"robot", 0.18, 0}, {"model", 0.26, 0}, {"axes", 0.08, 1},
                                      {"reach", 0.14, 1}, {"payload (tool)", 0.20, 1}, {"inertials", 0.14, 0}};
    ct_pdf_table t = {col, 6, CT_PDF_FS_BODY};
    ct_pdf_table_head(d, &t);
    for (int i = 0; i < r->nrobot; i++) {
        const ct_report_robot *rb = &r->robot[i];
        char ax[16], reach[32], pay[64];
        snprintf(ax, sizeof ax, "%d", rb->ndof);
        ct_rpdf_mm(rb->reach, reach, sizeof reach);
        snprintf(pay, sizeof pay, "%.2f kg (%.2f kg)", rb->payload, rb->tool_mass);
        const char *cell[6] = {rb->name, rb->model, ax, reach, pay, rb->has_inertials ? "yes (torques)" : "no"};
        ct_pdf_table_row(d, &t, cell, CT_PDF_NO_BG);
    }
    static const ct_pdf_col jc[5] = {{"joint", 0.28, 0}, {"lower", 0.18, 1}, {"upper", 0.18, 1},
                                     {"speed limit", 0.18, 1}, {"effort limit", 0.18, 1}};
    ct_pdf_table jt = {jc, 5, CT_PDF_FS_SMALL};
    for (int i = 0; i < r->nrobot; i++) {
        const ct_report_robot *rb = &r->robot[i];
        char h[300];
        snprintf(h, sizeof h, "%s: joint limits", rb->name ? rb->name : "");
        ct_pdf_heading(d, 2, h);
        ct_pdf_table_head(d, &jt);
        for (int j = 0; j < rb->ndof; j++) {
            int pr = rb->joint_prismatic && rb->joint_prismatic[j];
            double sc = pr ? 1000.0 : 1.0 / CT_DEG;
            const char *u = pr ? "mm" : "deg";
            char name[160], lo[32], hi[32], v[32], e[32];
            snprintf(name, sizeof name, "J%d %s", j + 1, rb->joint_name && rb->joint_name[j] ? rb->joint_name[j] : "");
            if (isfinite(rb->lo[j])) snprintf(lo, sizeof lo, "%.2f %s", rb->lo[j] * sc, u);
            else snprintf(lo, sizeof lo, "none");
            if (isfinite(rb->hi[j])) snprintf(hi, sizeof hi, "%.2f %s", rb->hi[j] * sc, u);
            else snprintf(hi, sizeof hi, "none");
            if (rb->vel && rb->vel[j] > 0) snprintf(v, sizeof v, "%.1f %s/s", rb->vel[j] * sc, u);
            else snprintf(v, sizeof v, "unknown");
            if (rb->effort && rb->effort[j] > 0) snprintf(e, sizeof e, "%.1f %s", rb->effort[j], pr ? "N" : "N m");
            else snprintf(e, sizeof e, "unknown");
            const char *cell[5] = {name, lo, hi, v, e};
            ct_pdf_table_row(d, &jt, cell, CT_PDF_NO_BG);
        }
    }
}

void ct_rpdf_front(ct_pdf *d, const ct_report *r) {
    verdict(d, r);
    identification(d, r);
    thresholds(d, r);
    files(d, r);
    /* the heading stays with the picture */
    const ct_report_picture *ov = &r->overview;
    double ph = 20;
    if (ov->width > 0 && ov->height > 0) {
        ph = ct_pdf_content_width(d) * ov->height / ov->width;
        if (ph > 330) ph = 330;
    }
    ct_pdf_need(d, ph + 60);
    ct_pdf_heading(d, 1, "Cell overview");
    if (r->overview.png || r->overview.width > 0)
        ct_pdf_picture(d, r->overview.png, r->overview.size, r->overview.width, r->overview.height,
                       r->overview.caption ? r->overview.caption : "The cell at t = 0 s",
                       ct_pdf_content_width(d), 330);
    else
        ct_pdf_para(d, "No picture rendered (--no-pictures).", CT_PDF_FS_BODY, 0, CT_PDF_RGB_MUTED, 0);
    robots(d, r);
}
