/* The body of report.pdf: per program the step table and plots, every finding with its picture,
 * the near-miss table, and what was not simulated (unsupported statements, assumptions). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/math.h"
#include "celltwin/plot_cairo.h"
#include "report_pdf_priv.h"

#define FINDING_BG 0xfdecea

static const char *base_name(const char *p) {
    const char *s = p ? strrchr(p, '/') : NULL;
    return s ? s + 1 : (p ? p : "");
}

static void plot_show(cairo_t *cr, const char *s, void *user) { ct_pdf_fonts_show(user, cr, s, 0); }
static double plot_width(cairo_t *cr, const char *s, void *user) { return ct_pdf_fonts_width(user, cr, s, 0); }

static void step_row(ct_pdf *d, const ct_pdf_table *t, const ct_report_step *st) {
    char num[16], src[300], motion[160], speed[48], start[32], dur[32], clr[48], fnd[160];
    if (st->vendor_step >= 0) snprintf(num, sizeof num, "S%d", st->vendor_step);
    else snprintf(num, sizeof num, "#%d", st->index + 1);
    ct_report_src_text(st->file, st->line, -1, src, sizeof src);
    snprintf(motion, sizeof motion, "%s%s%s", st->motion ? st->motion : "?", st->label ? " " : "",
             st->label ? st->label : "");
    if (st->speed_kind == CT_REPORT_SPEED_TCP && isfinite(st->speed))
        snprintf(speed, sizeof speed, "%.1f mm/s", st->speed * 1000.0);
    else if (st->speed_kind == CT_REPORT_SPEED_FRACTION && isfinite(st->speed))
        snprintf(speed, sizeof speed, "%.1f %%", st->speed * 100.0);
    else if (st->move_time > 0)
        snprintf(speed, sizeof speed, "in %.3f s", st->move_time);
    else
        snprintf(speed, sizeof speed, "-");
    snprintf(start, sizeof start, "%.3f", st->start);
    snprintf(dur, sizeof dur, "%.3f", st->duration);
    if (isfinite(st->min_clearance))
        snprintf(clr, sizeof clr, "%.2f%s", st->min_clearance * 1000.0, st->min_clearance_verified ? " *" : "");
    else
        snprintf(clr, sizeof clr, "-");
    size_t k = 0;
    fnd[0] = 0;
    for (int i = 0; i < st->nfinding && k + 8 < sizeof fnd; i++)
        k += (size_t)snprintf(fnd + k, sizeof fnd - k, "%sF%d", i ? ", " : "", st->finding[i] + 1);
    const char *cell[8] = {num, src, motion, speed, start, dur, clr, fnd};
    ct_pdf_table_row(d, t, cell, st->nfinding > 0 ? FINDING_BG : CT_PDF_NO_BG);
}

static void program(ct_pdf *d, const ct_report *r, int pi) {
    const ct_report_program *pg = &r->program[pi];
    const ct_report_robot *rb = pg->robot >= 0 && pg->robot < r->nrobot ? &r->robot[pg->robot] : NULL;
    char buf[600], ct[32];
    snprintf(buf, sizeof buf, "Program %s (robot %s)", base_name(pg->path), rb && rb->name ? rb->name : "?");
    ct_pdf_heading(d, 1, buf);
    if (pg->title && pg->title[0]) ct_pdf_para(d, pg->title, 10, 1, CT_PDF_RGB_TEXT, 0);
    snprintf(buf, sizeof buf, "File: %s", pg->path ? pg->path : "");
    ct_pdf_para(d, buf, CT_PDF_FS_BODY, 0, CT_PDF_RGB_MUTED, 0);
    ct_rpdf_s(pg->cycle_time, ct, sizeof ct);
    snprintf(buf, sizeof buf, "Cycle time %s \xc2\xb7 %d steps \xc2\xb7 %d finding%s \xc2\xb7 %s", ct, pg->nstep,
             pg->nfinding, pg->nfinding == 1 ? "" : "s",
             pg->completed ? "played to the end" : "did not play to the end (see the diagnostics)");
    ct_pdf_para(d, buf, CT_PDF_FS_BODY, 0, CT_PDF_RGB_TEXT, 0);
    d->y += 4;

    static const ct_pdf_col col[8] = {{"step", 0.07, 0}, {"file:line", 0.22, 0}, {"motion", 0.17, 0},
                                      {"speed", 0.11, 1}, {"start (s)", 0.09, 1}, {"duration (s)", 0.10, 1},
                                      {"min clearance (mm)", 0.12, 1}, {"findings", 0.12, 0}};
    ct_pdf_table t = {col, 8, CT_PDF_FS_SMALL};
    ct_pdf_table_head(d, &t);
    for (int s = 0; s < pg->nstep; s++) step_row(d, &t, &pg->step[s]);
    snprintf(buf, sizeof buf,
             "Min clearance per step: the smallest of the sampled clearance curve (every %.0f ms, plus the step's "
             "start and end instants, so a step that takes no time is evaluated at its instant) combined with the "
             "certified findings and closest approaches that fall in the step; * marks a certified number.",
             r->thresholds.series_dt * 1000.0);
    ct_pdf_para(d, buf, CT_PDF_FS_SMALL, 0, CT_PDF_RGB_MUTED, 0);
    d->y += 6;

    ct_report_plots plots;
    ct_error err;
    ct_error_clear(&err);
    if (ct_report_program_plots(r, pi, &plots, &err) != CT_OK) {
        snprintf(buf, sizeof buf, "Plots not drawn: %s", err.message);
        ct_pdf_para(d, buf, CT_PDF_FS_BODY, 0, CT_PDF_RGB_MUTED, 0);
        return;
    }
    ct_plot_cairo_text text = {plot_show, plot_width, d->fonts};
    double w = ct_pdf_content_width(d), h = 210;
    /* the joints as small multiples, two per row, under one line saying what they show */
    const double gap = 12, jw = (w - gap) / 2, jh = 150;
    if (plots.njoint > 0) {
        ct_pdf_need(d, 14 + jh + 6);
        ct_pdf_para(d, "Joint values, one plot per joint; dashed: the joint's position limits; vertical lines: "
                       "findings (red collision, orange clearance, purple other; numbered on the plots below).",
                    CT_PDF_FS_SMALL, 0, CT_PDF_RGB_MUTED, 0);
        d->y += 2;
    }
    for (int i = 0; i < plots.njoint; i += 2) {
        ct_pdf_need(d, jh + 6);
        for (int c = 0; c < 2 && i + c < plots.njoint; c++)
            ct_plot_cairo(&plots.plot[i + c], d->cr, d->left + c * (jw + gap), d->y, jw, jh, &text);
        d->y += jh + 6;
    }
    d->y += 2;
    for (int i = plots.njoint; i < plots.nplot; i++) {
        ct_pdf_need(d, h + 8);
        ct_plot_cairo(&plots.plot[i], d->cr, d->left, d->y, w, h, &text);
        d->y += h + 8;
    }
    ct_report_plots_free(&plots);
}

void ct_rpdf_programs(ct_pdf *d, const ct_report *r) {
    for (int i = 0; i < r->nprogram; i++) program(d, r, i);
}

/* ---- findings ----------------------------------------------------------------------------- */

static int joint_prismatic(const ct_report *r, const ct_finding *f) {
    if (f->robot < 0 || f->robot >= r->nrobot || f->joint < 0) return 0;
    const ct_report_robot *rb = &r->robot[f->robot];
    return f->joint < rb->ndof && rb->joint_prismatic && rb->joint_prismatic[f->joint];
}

/* The measured quantity of a finding in user units. */
static void finding_value(const ct_report *r, const ct_finding *f, char *buf, size_t size) {
    char a[48], b[48], c[48];
    int pr = joint_prismatic(r, f);
    double sc = pr ? 1000.0 : 1.0 / CT_DEG;
    const char *u = pr ? "mm" : "deg";
    switch (f->kind) {
    case CT_FIND_COLLISION:
        ct_rpdf_mm(f->clearance, c, sizeof c);
        snprintf(buf, size, "contact (distance 0; clearance threshold %s)", c);
        break;
    case CT_FIND_CLEARANCE:
        ct_rpdf_mm(f->distance, a, sizeof a);
        ct_rpdf_mm(f->min_distance, b, sizeof b);
        ct_rpdf_mm(f->clearance, c, sizeof c);
        snprintf(buf, size, "distance %s at the first violation, smallest %s, threshold %s", a, b, c);
        break;
    case CT_FIND_JOINT_LIMIT:
        snprintf(buf, size, "J%d at %.2f %s, limit %.2f %s", f->joint + 1, f->value * sc, u, f->limit * sc, u);
        break;
    case CT_FIND_JOINT_SPEED:
        snprintf(buf, size, "J%d at %.2f %s/s, limit %.2f %s/s", f->joint + 1, f->value * sc, u, f->limit * sc, u);
        break;
    case CT_FIND_JOINT_ACCEL:
        snprintf(buf, size, "J%d at %.1f %s/s\xc2\xb2, limit %.1f %s/s\xc2\xb2", f->joint + 1, f->value * sc, u,
                 f->limit * sc, u);
        break;
    case CT_FIND_TORQUE:
        snprintf(buf, size, "J%d at %.1f %s, effort limit %.1f %s", f->joint + 1, f->value, pr ? "N" : "N m",
                 f->limit, pr ? "N" : "N m");
        break;
    default:
        snprintf(buf, size, "-");
    }
}

static void finding(ct_pdf *d, const ct_report *r, int i) {
    const ct_report_finding *rf = &r->finding[i];
    const ct_finding *f = &rf->f;
    char h[400], buf[600], src[300];
    if (f->body_b[0]) snprintf(h, sizeof h, "F%d %s: %s \xe2\x80\x93 %s", i + 1, ct_finding_kind_name(f->kind), f->body_a, f->body_b);
    else snprintf(h, sizeof h, "F%d %s: %s", i + 1, ct_finding_kind_name(f->kind), f->body_a);
    /* keep the heading, the facts and the picture on one page when they fit */
    double pw = ct_pdf_content_width(d) * 0.8, ph = 0;
    if (rf->picture.width > 0 && rf->picture.height > 0) {
        ph = pw * rf->picture.height / rf->picture.width;
        if (ph > 260) ph = 260;
    }
    ct_pdf_need(d, 40 + 8 * 16 + ph + 20);
    ct_pdf_heading(d, 2, h);
    static const ct_pdf_col col[2] = {{"", 0.22, 0}, {"", 0.78, 0}};
    ct_pdf_table t = {col, 2, CT_PDF_FS_BODY};
#define KV(k, v)                                                                                   \
    do {                                                                                           \
        const char *cell_[2] = {(k), (v)};                                                         \
        ct_pdf_table_row(d, &t, cell_, CT_PDF_NO_BG);                                              \
    } while (0)
    ct_rpdf_s(f->time, buf, sizeof buf);
    KV("Time", buf);
    ct_report_src_text(f->src.file, f->src.line, f->src.step, src, sizeof src);
    if (rf->program >= 0 && rf->program < r->nprogram) {
        const ct_report_program *pg = &r->program[rf->program];
        if (rf->step >= 0 && rf->step < pg->nstep && pg->step[rf->step].vendor_step < 0)
            snprintf(buf, sizeof buf, "%s, step #%d of %s", src[0] ? src : "-", pg->step[rf->step].index + 1,
                     base_name(pg->path));
        else
            snprintf(buf, sizeof buf, "%s in %s", src[0] ? src : "-", base_name(pg->path));
    } else {
        snprintf(buf, sizeof buf, "%s", src[0] ? src : "-");
    }
    KV("Where", buf);
    if (f->src_b.file) {
        ct_report_src_text(f->src_b.file, f->src_b.line, f->src_b.step, src, sizeof src);
        KV("Other robot at", src);
    }
    if (f->body_b[0]) snprintf(buf, sizeof buf, "%s and %s", f->body_a, f->body_b);
    else snprintf(buf, sizeof buf, "%s", f->body_a);
    KV("Bodies", buf);
    finding_value(r, f, buf, sizeof buf);
    KV("Measured", buf);
    if (f->message[0]) KV("Message", f->message);
    if (rf->proof && rf->proof[0]) KV("What the check proved", rf->proof);
#undef KV
    d->y += 4;
    if (rf->picture.png || rf->picture.width > 0) {
        snprintf(buf, sizeof buf, "F%d at t = %.3f s%s%s", i + 1, f->time, rf->picture.caption ? ": " : "",
                 rf->picture.caption ? rf->picture.caption : "");
        ct_pdf_picture(d, rf->picture.png, rf->picture.size, rf->picture.width, rf->picture.height, buf,
                       ct_pdf_content_width(d) * 0.8, 260);
    }
}

void ct_rpdf_findings(ct_pdf *d, const ct_report *r) {
    char buf[64];
    snprintf(buf, sizeof buf, "Findings (%d)", r->nfinding);
    ct_pdf_heading(d, 1, buf);
    if (r->nfinding == 0)
        ct_pdf_para(d, "No finding: no contact, no clearance violation and no limit violation on the "
                       "planned trajectories.",
                    CT_PDF_FS_BODY, 0, CT_PDF_RGB_TEXT, 0);
    for (int i = 0; i < r->nfinding; i++) finding(d, r, i);
}

void ct_rpdf_near(ct_pdf *d, const ct_report *r) {
    ct_pdf_heading(d, 1, "Near misses");
    char lim[48], buf[200];
    ct_rpdf_mm(r->thresholds.min_distance_report, lim, sizeof lim);
    snprintf(buf, sizeof buf, "Pairs without a finding that came closer than %s, closest first. \"Certified\" "
                              "is a lower bound of the distance over the whole timeline.", lim);
    ct_pdf_para(d, buf, CT_PDF_FS_BODY, 0, CT_PDF_RGB_TEXT, 0);
    d->y += 4;
    if (r->nnear == 0) {
        ct_pdf_para(d, "None.", CT_PDF_FS_BODY, 0, CT_PDF_RGB_MUTED, 0);
        return;
    }
    static const ct_pdf_col col[6] = {{"body", 0.22, 0}, {"other body", 0.22, 0}, {"distance (mm)", 0.12, 1},
                                      {"certified (mm)", 0.12, 1}, {"time (s)", 0.10, 1}, {"file:line", 0.22, 0}};
    ct_pdf_table t = {col, 6, CT_PDF_FS_SMALL};
    ct_pdf_table_head(d, &t);
    for (int i = 0; i < r->nnear; i++) {
        const ct_closest_approach *a = &r->near[i].a;
        char dist[32], low[32], tm[32], src[300];
        snprintf(dist, sizeof dist, "%.2f", a->distance * 1000.0);
        snprintf(low, sizeof low, "%.2f", a->lower * 1000.0);
        snprintf(tm, sizeof tm, "%.3f", a->time);
        ct_report_src_text(a->src.file, a->src.line, a->src.step, src, sizeof src);
        const char *cell[6] = {a->body_a, a->body_b, dist, low, tm, src};
        ct_pdf_table_row(d, &t, cell, CT_PDF_NO_BG);
    }
}

void ct_rpdf_diagnostics(ct_pdf *d, const ct_report *r) {
    static const char *const sev[3] = {"note", "warning", "error"};
    ct_pdf_heading(d, 1, "Not simulated: unsupported statements and assumptions");
    int any = 0;
    static const ct_pdf_col col[4] = {{"severity", 0.10, 0}, {"where", 0.22, 0}, {"message", 0.40, 0},
                                      {"source line", 0.28, 0}};
    ct_pdf_table t = {col, 4, CT_PDF_FS_SMALL};
    for (int p = 0; p < r->nprogram; p++) {
        const ct_report_program *pg = &r->program[p];
        if (pg->ndiag == 0) continue;
        any = 1;
        ct_pdf_heading(d, 2, base_name(pg->path));
        ct_pdf_table_head(d, &t);
        for (int i = 0; i < pg->ndiag; i++) {
            const ct_report_diag *g = &pg->diag[i];
            char where[360], src[300];
            ct_report_src_text(g->file, g->line, g->vendor_step, src, sizeof src);
            if (g->column > 0) {
                /* file:line:col (Sn) */
                char *paren = strstr(src, " (S");
                char tail[32] = "";
                if (paren) {
                    snprintf(tail, sizeof tail, "%s", paren);
                    *paren = 0;
                }
                snprintf(where, sizeof where, "%s:%d%s", src, g->column, tail);
            } else {
                snprintf(where, sizeof where, "%s", src);
            }
            const char *cell[4] = {sev[g->severity < 0 ? 0 : g->severity > 2 ? 2 : g->severity], where,
                                   g->message, g->source_line};
            ct_pdf_table_row(d, &t, cell, g->severity >= 1 ? 0xfff4e0u : CT_PDF_NO_BG);
        }
    }
    if (!any) ct_pdf_para(d, "Every statement of the programs was simulated.", CT_PDF_FS_BODY, 0, CT_PDF_RGB_TEXT, 0);
    ct_pdf_heading(d, 2, "Assumptions");
    if (r->nassumption == 0) ct_pdf_para(d, "None.", CT_PDF_FS_BODY, 0, CT_PDF_RGB_MUTED, 0);
    for (int i = 0; i < r->nassumption; i++) {
        char *b = NULL;
        size_t n = strlen(r->assumption[i] ? r->assumption[i] : "") + 8;
        b = ct_alloc(n);
        if (!b) continue;
        snprintf(b, n, "\xe2\x80\xa2 %s", r->assumption[i] ? r->assumption[i] : "");
        ct_pdf_para(d, b, CT_PDF_FS_BODY, 0, CT_PDF_RGB_TEXT, 6);
        ct_free(b);
    }
}
