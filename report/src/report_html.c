/* report.html: one self-contained UTF-8 file readable offline and printable. Verdict first, then
 * identification, inputs with SHA-256, thresholds, the cell picture, robots, per program the cycle
 * time, step table and plots, every finding with its picture, near misses, program diagnostics and
 * assumptions. Styles inline; pictures and plots (SVG drawn by ct_plot_svg) as data: URIs, so the
 * file parses as HTML 4 (xmllint --html) with no unknown tags. All text is escaped. Verified
 * numbers also appear in data-* attributes written exactly as the verify JSON writes them (cJSON's
 * number format) so that machines and tests can compare them; the visible text rounds them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "celltwin/math.h"
#include "report_internal.h"

static const char *const css =
    "body{font-family:'Noto Sans','Noto Sans CJK KR','Malgun Gothic',sans-serif;color:#222;margin:24px auto;"
    "max-width:1100px;padding:0 16px;font-size:14px;line-height:1.4}"
    "h1{font-size:26px;margin:0}h2{font-size:20px;border-bottom:2px solid #ccc;padding-bottom:2px;margin-top:28px}"
    "h3{font-size:16px;margin:18px 0 6px}"
    ".verdict{padding:14px 18px;border-radius:6px;margin-bottom:16px}"
    ".pass{background:#e3f4e1;border:2px solid #2e8b35}.fail{background:#fbe3e1;border:2px solid #c62d1f}"
    ".verdict .word{font-size:34px;font-weight:bold}.pass .word{color:#2e8b35}.fail .word{color:#c62d1f}"
    "table{border-collapse:collapse;margin:6px 0 12px;width:100%}"
    "th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}"
    "th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "tr.hit td{background:#fdecea}.mono{font-family:'DejaVu Sans Mono',monospace;font-size:12px;word-break:break-all}"
    ".finding{border:1px solid #ccc;border-radius:6px;padding:8px 12px;margin:12px 0}"
    ".finding img,.pic img{max-width:100%;height:auto;border:1px solid #ddd}"
    ".plot img{max-width:100%;height:auto}.caption{color:#555;font-size:12px}"
    ".joints{display:grid;grid-template-columns:1fr 1fr;gap:4px 12px}.joints .plot{min-width:0}"
    ".collision{color:#c62d1f;font-weight:bold}.clearance{color:#d2691e;font-weight:bold}"
    "@media print{body{max-width:none;margin:0;font-size:11px}h2{page-break-after:avoid}"
    ".finding,.plot,.pic,tr{page-break-inside:avoid}a{color:inherit;text-decoration:none}}";

/* ---- formatting helpers ------------------------------------------------------------------- */

static void esc(ct_strbuf *b, const char *s) { ct_utf8_xml_escape(b, s); }

/* A number as the verify JSON writes it (cJSON's format; "null" when not finite). */
static const char *json_num(double v, char buf[64]) {
    snprintf(buf, 64, "null");
    cJSON *n = isfinite(v) ? cJSON_CreateNumber(v) : NULL;
    char *t = n ? cJSON_PrintUnformatted(n) : NULL;
    if (t) snprintf(buf, 64, "%s", t);
    cJSON_free(t);
    cJSON_Delete(n);
    return buf;
}

/* <td class="num" data-v="exact">shown</td> */
static void td_num(ct_strbuf *b, double exact, const char *shown_fmt, double shown) {
    char j[64];
    ct_strbuf_printf(b, "<td class=\"num\" data-v=\"%s\">", json_num(exact, j));
    ct_strbuf_printf(b, shown_fmt, shown);
    ct_strbuf_puts(b, "</td>");
}

static void src_text(ct_strbuf *b, const char *file, int line, int step) {
    char buf[512];
    ct_report_src_text(file, line, step, buf, sizeof buf);
    esc(b, buf[0] ? buf : "-");
}

static void clearance_text(ct_strbuf *b, double m) {
    if (!isfinite(m)) ct_strbuf_puts(b, "-");
    else if (m <= 0) ct_strbuf_puts(b, "0.0 (contact)");
    else ct_strbuf_printf(b, "%.1f", m * 1000);
}

static void picture(ct_strbuf *b, const ct_report_picture *p, const char *alt) {
    if (!p->png) return;
    char *b64 = ct_report_base64(p->png, p->size);
    if (!b64) {
        b->failed = 1;
        return;
    }
    ct_strbuf_printf(b, "<div class=\"pic\"><img width=\"%d\" height=\"%d\" alt=\"", p->width, p->height);
    esc(b, alt);
    ct_strbuf_puts(b, "\" src=\"data:image/png;base64,");
    ct_strbuf_puts(b, b64);
    ct_strbuf_puts(b, "\">");
    if (p->caption) {
        ct_strbuf_puts(b, "<div class=\"caption\">");
        esc(b, p->caption);
        ct_strbuf_puts(b, "</div>");
    }
    ct_strbuf_puts(b, "</div>\n");
    ct_free(b64);
}

/* ---- sections ----------------------------------------------------------------------------- */

static void verdict(ct_strbuf *b, const ct_report *r) {
    ct_strbuf_printf(b, "<div class=\"verdict %s\" id=\"verdict\" data-verdict=\"%s\"><span class=\"word\">%s</span>",
                  r->pass ? "pass" : "fail", r->verdict, r->verdict);
    ct_strbuf_puts(b, " &nbsp; cell <b>");
    esc(b, r->cell_name);
    ct_strbuf_puts(b, "</b><br>");
    if (r->nfinding == 0) ct_strbuf_puts(b, "No findings.");
    else {
        ct_strbuf_printf(b, "%d finding%s:", r->nfinding, r->nfinding == 1 ? "" : "s");
        int first = 1;
        for (int k = 0; k < CT_FIND_KIND_COUNT; k++)
            if (r->count[k]) {
                ct_strbuf_printf(b, "%s <span data-kind=\"%s\" data-count=\"%d\">%d %s</span>", first ? "" : ",",
                              ct_finding_kind_name((ct_finding_kind)k), r->count[k], r->count[k],
                              ct_finding_kind_name((ct_finding_kind)k));
                first = 0;
            }
        ct_strbuf_puts(b, ".");
    }
    if (r->nproblem) ct_strbuf_printf(b, " %d program diagnostic%s (see below).", r->nproblem, r->nproblem == 1 ? "" : "s");
    ct_strbuf_puts(b, "</div>\n");
}

static void row_text(ct_strbuf *b, const char *key, const char *value) {
    ct_strbuf_puts(b, "<tr><th>");
    esc(b, key);
    ct_strbuf_puts(b, "</th><td>");
    esc(b, value ? value : "-");
    ct_strbuf_puts(b, "</td></tr>\n");
}

static void summary(ct_strbuf *b, const ct_report *r) {
    ct_strbuf_puts(b, "<h2 id=\"summary\">Summary</h2>\n<table>\n");
    row_text(b, "Cell", r->cell_name);
    if (r->cell_description) row_text(b, "Description", r->cell_description);
    row_text(b, "Date", r->date);
    row_text(b, "celltwin version", r->version);
    row_text(b, "Command line", r->command_line);
    row_text(b, "Verification", r->method);
    char j[64];
    ct_strbuf_printf(b, "<tr><th>Timeline</th><td data-v=\"%s\">%.3f s</td></tr>\n", json_num(r->timeline, j), r->timeline);
    ct_strbuf_printf(b, "<tr><th>Checked</th><td>%d body pairs (%d excluded), %ld exact distance queries</td></tr>\n",
                  r->npair, r->nexcluded, r->distance_queries);
    ct_strbuf_puts(b, "</table>\n");

    const ct_report_thresholds *t = &r->thresholds;
    ct_strbuf_puts(b, "<h2 id=\"thresholds\">Thresholds</h2>\n<table>\n");
    ct_strbuf_printf(b, "<tr><th>Clearance</th><td data-v=\"%s\">%.1f mm (%s%s)</td></tr>\n", json_num(t->clearance * 1000, j),
                  t->clearance * 1000, t->clearance_from_cell ? "from the cell" : "from the command line",
                  t->nclear ? "; some pairs have their own value in the cell" : "");
    if (t->sampled)
        ct_strbuf_printf(b, "<tr><th>Sampled check</th><td>%.3g mm, %.3g deg between samples (not certified)</td></tr>\n",
                      t->sampled_m * 1000, t->sampled_rad / CT_DEG);
    else
        ct_strbuf_printf(b, "<tr><th>Resolution</th><td>%.3g mm (conservative advancement)</td></tr>\n",
                      t->resolution * 1000);
    ct_strbuf_printf(b, "<tr><th>Near misses listed below</th><td>%.0f mm</td></tr>\n", t->min_distance_report * 1000);
    ct_strbuf_printf(b, "<tr><th>Torque check step</th><td>%.0f ms</td></tr>\n", t->torque_dt * 1000);
    ct_strbuf_printf(b, "<tr><th>Plot sampling step</th><td>%.0f ms</td></tr>\n", t->series_dt * 1000);
    ct_strbuf_printf(b, "<tr><th>Self-collision</th><td>%s</td></tr>\n", t->self_collision ? "checked" : "not checked");
    ct_strbuf_puts(b, "</table>\n");

    ct_strbuf_puts(b, "<h2 id=\"inputs\">Input files</h2>\n<table><tr><th>File</th><th>Role</th><th>Bytes</th>"
                   "<th>SHA-256</th></tr>\n");
    for (int i = 0; i < r->nfile; i++) {
        const ct_report_file *f = &r->file[i];
        ct_strbuf_puts(b, "<tr class=\"input\"><td class=\"mono\">");
        esc(b, f->path);
        ct_strbuf_printf(b, "</td><td>%s</td><td class=\"num\">%lld</td><td class=\"mono sha\">%s</td></tr>\n",
                      ct_report_file_role_name(f->role), f->bytes, f->sha256);
    }
    ct_strbuf_puts(b, "</table>\n");
}

static void robots(ct_strbuf *b, const ct_report *r) {
    ct_strbuf_puts(b, "<h2 id=\"cell\">Cell and robots</h2>\n");
    picture(b, &r->overview, "cell overview");
    ct_strbuf_puts(b, "<table><tr><th>Robot</th><th>Model</th><th>Axes</th><th>Reach</th><th>Payload</th>"
                   "<th>Joint limits</th></tr>\n");
    for (int i = 0; i < r->nrobot; i++) {
        const ct_report_robot *rb = &r->robot[i];
        ct_strbuf_puts(b, "<tr><td>");
        esc(b, rb->name);
        ct_strbuf_puts(b, "</td><td>");
        esc(b, rb->model);
        ct_strbuf_printf(b, "</td><td class=\"num\">%d</td><td class=\"num\">%.0f mm</td>"
                         "<td class=\"num\">%.1f kg (tool %.1f kg)</td><td>",
                      rb->ndof, rb->reach * 1000, rb->payload, rb->tool_mass);
        for (int d = 0; d < rb->ndof; d++) {
            double s = rb->joint_prismatic[d] ? 1000 : 1 / CT_DEG;
            const char *u = rb->joint_prismatic[d] ? "mm" : "deg";
            ct_strbuf_printf(b, "%sJ%d ", d ? "<br>" : "", d + 1);
            if (isfinite(rb->lo[d]) && isfinite(rb->hi[d]))
                ct_strbuf_printf(b, "%.1f..%.1f %s", rb->lo[d] * s, rb->hi[d] * s, u);
            else
                ct_strbuf_puts(b, "continuous");
            if (rb->vel[d] > 0) ct_strbuf_printf(b, ", %.0f %s/s", rb->vel[d] * s, u);
            if (rb->effort[d] > 0) ct_strbuf_printf(b, ", %.0f %s", rb->effort[d], rb->joint_prismatic[d] ? "N" : "N m");
        }
        ct_strbuf_puts(b, "</td></tr>\n");
    }
    ct_strbuf_puts(b, "</table>\n");
}

static void speed_text(ct_strbuf *b, const ct_report_step *st) {
    if (st->move_time > 0) ct_strbuf_printf(b, "%.2f s (time)", st->move_time);
    else if (st->speed_kind == CT_REPORT_SPEED_TCP) ct_strbuf_printf(b, "%.0f mm/s", st->speed * 1000);
    else if (st->speed_kind == CT_REPORT_SPEED_FRACTION) ct_strbuf_printf(b, "%.0f %%", st->speed * 100);
    else ct_strbuf_puts(b, "-");
}

/* One plot as an <img> holding its SVG (data: URI), width x height px. */
static void plot_img(ct_strbuf *b, const ct_plot *plot, int width, int height) {
    char *svg = ct_plot_svg(plot, width, height);
    char *b64 = svg ? ct_report_base64((const uint8_t *)svg, strlen(svg)) : NULL;
    if (!b64) b->failed = 1;
    else {
        ct_strbuf_printf(b, "<div class=\"plot\"><img width=\"%d\" height=\"%d\" alt=\"", width, height);
        esc(b, plot->title);
        ct_strbuf_puts(b, "\" src=\"data:image/svg+xml;base64,");
        ct_strbuf_puts(b, b64);
        ct_strbuf_puts(b, "\"></div>\n");
    }
    ct_free(b64);
    ct_free(svg);
}

/* The joints as small multiples (two per row), then TCP speed, clearance and torque full width. */
static void plots(ct_strbuf *b, const ct_report *r, int p) {
    ct_report_plots pl;
    ct_error err;
    if (ct_report_program_plots(r, p, &pl, &err) != CT_OK) {
        b->failed = 1;
        return;
    }
    if (pl.njoint > 0) {
        ct_strbuf_puts(b, "<p class=\"caption\">Joint values, one plot per joint; dashed: the joint's position "
                       "limits; vertical lines: findings (red collision, orange clearance, purple other; "
                       "numbered on the plots below).</p>\n<div class=\"joints\">\n");
        for (int k = 0; k < pl.njoint; k++) plot_img(b, &pl.plot[k], 540, 230);
        ct_strbuf_puts(b, "</div>\n");
    }
    for (int k = pl.njoint; k < pl.nplot; k++) plot_img(b, &pl.plot[k], 900, 300);
    ct_report_plots_free(&pl);
}

static void programs(ct_strbuf *b, const ct_report *r) {
    ct_strbuf_puts(b, "<h2 id=\"programs\">Programs</h2>\n");
    for (int p = 0; p < r->nprogram; p++) {
        const ct_report_program *pg = &r->program[p];
        ct_strbuf_printf(b, "<div class=\"program\" id=\"program-%d\" data-robot=\"", p + 1);
        esc(b, r->robot[pg->robot].name);
        char j[64];
        ct_strbuf_printf(b, "\" data-cycle-time-s=\"%s\">\n<h3>", json_num(pg->cycle_time, j));
        esc(b, r->robot[pg->robot].name);
        ct_strbuf_puts(b, ": ");
        esc(b, pg->path);
        if (pg->title) {
            ct_strbuf_puts(b, " (");
            esc(b, pg->title);
            ct_strbuf_puts(b, ")");
        }
        ct_strbuf_printf(b, "</h3>\n<p>Cycle time <b>%.2f s</b>, %d steps%s.</p>\n", pg->cycle_time, pg->nstep,
                      pg->completed ? "" : "; the program did not run to its end (see diagnostics)");
        ct_strbuf_puts(b, "<table class=\"steps\"><tr><th>#</th><th>Step</th><th>File:line</th><th>Motion</th>"
                       "<th>Speed</th><th>Start (s)</th><th>Duration (s)</th><th>Min. clearance (mm)</th>"
                       "<th>Findings</th></tr>\n");
        for (int s = 0; s < pg->nstep; s++) {
            const ct_report_step *st = &pg->step[s];
            ct_strbuf_printf(b, "<tr%s><td class=\"num\">%d</td><td>", st->nfinding ? " class=\"hit\"" : "", s + 1);
            if (st->vendor_step >= 0) ct_strbuf_printf(b, "S%d", st->vendor_step);
            else ct_strbuf_puts(b, "-");
            ct_strbuf_puts(b, "</td><td>");
            src_text(b, st->file, st->line, -1);
            ct_strbuf_printf(b, "</td><td>%s", st->motion);
            if (st->label) {
                ct_strbuf_puts(b, " ");
                esc(b, st->label);
            }
            ct_strbuf_puts(b, "</td><td class=\"num\">");
            speed_text(b, st);
            ct_strbuf_puts(b, "</td>");
            td_num(b, st->start, "%.3f", st->start);
            td_num(b, st->duration, "%.3f", st->duration);
            ct_strbuf_printf(b, "<td class=\"num\" data-v=\"%s\"%s>", json_num(st->min_clearance * 1000, j),
                          st->min_clearance_verified ? " title=\"verified number\"" : "");
            clearance_text(b, st->min_clearance);
            if (st->min_clearance_verified) ct_strbuf_puts(b, " *");
            ct_strbuf_puts(b, "</td><td>");
            for (int k = 0; k < st->nfinding; k++)
                ct_strbuf_printf(b, "%s<a href=\"#finding-%d\">F%d</a>", k ? " " : "", st->finding[k] + 1,
                              st->finding[k] + 1);
            ct_strbuf_puts(b, "</td></tr>\n");
        }
        ct_strbuf_puts(b, "</table>\n");
        ct_strbuf_printf(b, "<p class=\"caption\">Min. clearance per step: the smallest of the sampled clearance "
                         "curve (every %.0f ms, plus the step's start and end instants, so a step that takes no "
                         "time is evaluated at its instant) combined with the certified findings and closest "
                         "approaches that fall in the step; * marks a certified number.</p>\n",
                      r->thresholds.series_dt * 1000);
        plots(b, r, p);
        ct_strbuf_puts(b, "</div>\n");
    }
}

static void witness(ct_strbuf *b, ct_vec3 p) { ct_strbuf_printf(b, "(%.1f, %.1f, %.1f)", p.x * 1000, p.y * 1000, p.z * 1000); }

static void findings(ct_strbuf *b, const ct_report *r) {
    ct_strbuf_printf(b, "<h2 id=\"findings\">Findings (%d)</h2>\n", r->nfinding);
    if (!r->nfinding) ct_strbuf_puts(b, "<p>None.</p>\n");
    for (int i = 0; i < r->nfinding; i++) {
        const ct_report_finding *rf = &r->finding[i];
        const ct_finding *f = &rf->f;
        const char *kind = ct_finding_kind_name(f->kind);
        int pair = f->kind == CT_FIND_COLLISION || f->kind == CT_FIND_CLEARANCE;
        char j[64], j2[64], j3[64];
        ct_strbuf_printf(b, "<div class=\"finding\" id=\"finding-%d\" data-kind=\"%s\" data-time-s=\"%s\"", i + 1, kind,
                      json_num(f->time, j));
        ct_strbuf_puts(b, " data-body-a=\"");
        esc(b, f->body_a);
        ct_strbuf_puts(b, "\" data-body-b=\"");
        esc(b, f->body_b);
        ct_strbuf_puts(b, "\"");
        if (f->src.file) {
            ct_strbuf_puts(b, " data-file=\"");
            esc(b, f->src.file);
            ct_strbuf_printf(b, "\" data-line=\"%d\" data-step=\"%d\"", f->src.line, f->src.step);
        }
        if (pair)
            ct_strbuf_printf(b, " data-distance-mm=\"%s\" data-min-distance-mm=\"%s\" data-clearance-mm=\"%s\"",
                          json_num(f->distance * 1000, j), json_num(f->min_distance * 1000, j2), json_num(f->clearance * 1000, j3));
        ct_strbuf_printf(b, ">\n<h3>F%d <span class=\"%s\">%s</span> at %.3f s: ", i + 1, kind, kind, f->time);
        esc(b, f->message);
        ct_strbuf_puts(b, "</h3>\n");
        picture(b, &rf->picture, f->message);
        ct_strbuf_puts(b, "<table>\n");
        ct_strbuf_printf(b, "<tr><th>Time</th><td class=\"num\">%.3f s</td></tr>\n", f->time);
        ct_strbuf_puts(b, "<tr><th>Robot</th><td>");
        esc(b, f->robot >= 0 && f->robot < r->nrobot ? r->robot[f->robot].name : "-");
        ct_strbuf_puts(b, "</td></tr>\n<tr><th>Program position</th><td>");
        src_text(b, f->src.file, f->src.line, f->src.step);
        if (rf->step >= 0) ct_strbuf_printf(b, ", step %d of the table", rf->step + 1);
        if (f->src_b.file) {
            ct_strbuf_puts(b, "; other robot at ");
            src_text(b, f->src_b.file, f->src_b.line, f->src_b.step);
        }
        ct_strbuf_puts(b, "</td></tr>\n<tr><th>Bodies</th><td>");
        esc(b, f->body_a);
        if (f->body_b[0]) {
            ct_strbuf_puts(b, " &ndash; ");
            esc(b, f->body_b);
        }
        ct_strbuf_puts(b, "</td></tr>\n");
        if (pair) {
            if (f->kind == CT_FIND_COLLISION)
                ct_strbuf_printf(b, "<tr><th>Distance</th><td class=\"num\">%.3f mm (contact)</td></tr>\n",
                              f->distance * 1000);
            else
                ct_strbuf_printf(b, "<tr><th>Distance</th><td class=\"num\">%.3f mm at first violation, minimum %.3f mm"
                                 "</td></tr>\n",
                              f->distance * 1000, f->min_distance * 1000);
            ct_strbuf_printf(b, "<tr><th>Clearance threshold</th><td class=\"num\">%.1f mm</td></tr>\n",
                          f->clearance * 1000);
            ct_strbuf_puts(b, "<tr><th>Witness points (mm, cell frame)</th><td class=\"num\">");
            witness(b, f->point_a);
            ct_strbuf_puts(b, " &ndash; ");
            witness(b, f->point_b);
            ct_strbuf_puts(b, "</td></tr>\n");
        }
        if (f->joint >= 0)
            ct_strbuf_printf(b, "<tr><th>Joint</th><td>J%d: value %.6g, limit %.6g (SI)</td></tr>\n", f->joint + 1, f->value,
                          f->limit);
        ct_strbuf_puts(b, "<tr><th>What the check proved</th><td>");
        esc(b, rf->proof);
        ct_strbuf_puts(b, "</td></tr>\n</table>\n</div>\n");
    }
}

static void near_misses(ct_strbuf *b, const ct_report *r) {
    ct_strbuf_printf(b, "<h2 id=\"near-misses\">Near misses (%d)</h2>\n", r->nnear);
    ct_strbuf_printf(b, "<p>Closest approaches of body pairs without a finding that come within %.0f mm, sorted by "
                     "distance. Distance: measured at the time shown; certified lower bound: no instant of the "
                     "motion is closer.</p>\n",
                  r->thresholds.min_distance_report * 1000);
    if (!r->nnear) return;
    ct_strbuf_puts(b, "<table><tr><th>Bodies</th><th>Distance (mm)</th><th>Lower bound (mm)</th><th>Time (s)</th>"
                   "<th>Program position</th></tr>\n");
    for (int i = 0; i < r->nnear; i++) {
        const ct_closest_approach *a = &r->near[i].a;
        ct_strbuf_puts(b, "<tr class=\"near\" data-body-a=\"");
        esc(b, a->body_a);
        ct_strbuf_puts(b, "\" data-body-b=\"");
        esc(b, a->body_b);
        ct_strbuf_puts(b, "\"><td>");
        esc(b, a->body_a);
        ct_strbuf_puts(b, " &ndash; ");
        esc(b, a->body_b);
        ct_strbuf_puts(b, "</td>");
        td_num(b, a->distance * 1000, "%.1f", a->distance * 1000);
        td_num(b, a->lower * 1000, "%.1f", a->lower * 1000);
        td_num(b, a->time, "%.3f", a->time);
        ct_strbuf_puts(b, "<td>");
        src_text(b, a->src.file, a->src.line, a->src.step);
        ct_strbuf_puts(b, "</td></tr>\n");
    }
    ct_strbuf_puts(b, "</table>\n");
}

static void diagnostics(ct_strbuf *b, const ct_report *r) {
    int total = 0;
    for (int p = 0; p < r->nprogram; p++) total += r->program[p].ndiag;
    ct_strbuf_printf(b, "<h2 id=\"diagnostics\">Unsupported statements and program diagnostics (%d)</h2>\n", total);
    if (!total) {
        ct_strbuf_puts(b, "<p>None: every statement was understood and played.</p>\n");
        return;
    }
    ct_strbuf_puts(b, "<table><tr><th>Where</th><th>Severity</th><th>Message</th><th>Source line</th></tr>\n");
    for (int p = 0; p < r->nprogram; p++)
        for (int i = 0; i < r->program[p].ndiag; i++) {
            const ct_report_diag *d = &r->program[p].diag[i];
            ct_strbuf_puts(b, "<tr><td>");
            src_text(b, d->file, d->line, d->vendor_step);
            ct_strbuf_printf(b, "</td><td>%s %s</td><td>", d->source == CT_REPORT_DIAG_PARSER ? "parser" : "playback",
                          d->severity >= 2 ? "error" : d->severity == 1 ? "warning" : "note");
            esc(b, d->message);
            ct_strbuf_puts(b, "</td><td class=\"mono\">");
            esc(b, d->source_line);
            ct_strbuf_puts(b, "</td></tr>\n");
        }
    ct_strbuf_puts(b, "</table>\n");
}

static void assumptions(ct_strbuf *b, const ct_report *r) {
    ct_strbuf_puts(b, "<h2 id=\"assumptions\">Assumptions and what was not simulated</h2>\n<ul>\n");
    for (int i = 0; i < r->nassumption; i++) {
        ct_strbuf_puts(b, "<li>");
        esc(b, r->assumption[i]);
        ct_strbuf_puts(b, "</li>\n");
    }
    ct_strbuf_puts(b, "</ul>\n");
}

ct_status ct_report_html(const ct_report *r, char **text, size_t *len, ct_error *err) {
    *text = NULL;
    if (len) *len = 0;
    ct_strbuf b = {NULL, 0, 0, 0};
    ct_strbuf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    esc(&b, r->verdict);
    ct_strbuf_puts(&b, ": celltwin pre-commissioning report, cell ");
    esc(&b, r->cell_name);
    ct_strbuf_puts(&b, "</title>\n<style>");
    ct_strbuf_puts(&b, css);
    ct_strbuf_puts(&b, "</style>\n</head>\n<body>\n<h1>Pre-commissioning report</h1>\n");
    verdict(&b, r);
    summary(&b, r);
    robots(&b, r);
    programs(&b, r);
    findings(&b, r);
    near_misses(&b, r);
    diagnostics(&b, r);
    assumptions(&b, r);
    ct_strbuf_puts(&b, "<p class=\"caption\">Written by celltwin ");
    esc(&b, r->version);
    ct_strbuf_puts(&b, ".</p>\n</body>\n</html>\n");
    if (b.failed) {
        ct_free(b.data);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    *text = b.data;
    if (len) *len = b.len;
    return CT_OK;
}
