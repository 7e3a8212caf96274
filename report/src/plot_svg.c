/* A plot as standalone SVG text: frame, grid, ticks and labels, then the reference lines and the
 * series inside a nested <svg> whose viewBox equals its own box (so it clips to the plot area
 * without ids that could clash in one HTML page), then the legend. Numbers have fixed precision
 * so the same plot always gives the same bytes. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "plot_priv.h"
#include "celltwin/strbuf.h"
#include "text_utf8.h"

/* Canvas coordinates kept printable (points far outside a given range are clipped anyway). */
static double cc(double v) { return v < -1e5 ? -1e5 : v > 1e5 ? 1e5 : v; }

static void rgb_hex(uint32_t rgb, char out[8]) { snprintf(out, 8, "#%06x", (unsigned)(rgb & 0xffffffu)); }

static void text_el(ct_strbuf *b, double x, double y, const char *anchor, double fs, const char *extra,
                    const char *s) {
    ct_strbuf_printf(b, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\" text-anchor=\"%s\"%s>", x, y, fs,
              anchor, extra ? extra : "");
    ct_utf8_xml_escape(b, s);
    ct_strbuf_put(b, "</text>\n", 8);
}

static void axes(ct_strbuf *b, const ct_plot *p, const ct_plot_layout *l, int width) {
    char col[8];
    double x0 = l->area_x, y0 = l->area_y, x1 = x0 + l->area_w, y1 = y0 + l->area_h;
    rgb_hex(CT_PLOT_GRID_RGB, col);
    ct_strbuf_printf(b, "<g stroke=\"%s\" stroke-width=\"1\">\n", col);
    for (int i = 0; i < l->nx_tick; i++) {
        double x = ct_plot_map_x(l, l->x_tick[i]);
        ct_strbuf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n", x, y0, x, y1);
    }
    for (int i = 0; i < l->ny_tick; i++) {
        double y = ct_plot_map_y(l, l->y_tick[i]);
        ct_strbuf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n", x0, y, x1, y);
    }
    ct_strbuf_put(b, "</g>\n", 5);
    rgb_hex(CT_PLOT_AXIS_RGB, col);
    ct_strbuf_printf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" "
                 "stroke=\"%s\" stroke-width=\"1\"/>\n",
              x0, y0, l->area_w, l->area_h, col);
    ct_strbuf_printf(b, "<g stroke=\"%s\" stroke-width=\"1\">\n", col);
    for (int i = 0; i < l->nx_tick; i++) {
        double x = ct_plot_map_x(l, l->x_tick[i]);
        ct_strbuf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n", x, y1, x,
                  y1 + CT_PLOT_TICK_LEN);
    }
    for (int i = 0; i < l->ny_tick; i++) {
        double y = ct_plot_map_y(l, l->y_tick[i]);
        ct_strbuf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n",
                  x0 - CT_PLOT_TICK_LEN, y, x0, y);
    }
    ct_strbuf_put(b, "</g>\n", 5);

    char buf[64], tc[8];
    rgb_hex(CT_PLOT_TEXT_RGB, tc);
    ct_strbuf_printf(b, "<g fill=\"%s\">\n", tc);
    double xs = ct_plot_tick_step(l->x_tick, l->nx_tick), ys = ct_plot_tick_step(l->y_tick, l->ny_tick);
    for (int i = 0; i < l->nx_tick; i++) {
        ct_plot_tick_text(l->x_tick[i], xs, buf, sizeof buf);
        text_el(b, ct_plot_map_x(l, l->x_tick[i]), ct_plot_tick_label_baseline(l), "middle",
                CT_PLOT_FS_TICK, NULL, buf);
    }
    for (int i = 0; i < l->ny_tick; i++) {
        ct_plot_tick_text(l->y_tick[i], ys, buf, sizeof buf);
        text_el(b, x0 - CT_PLOT_TICK_LEN - 3, ct_plot_map_y(l, l->y_tick[i]) + CT_PLOT_FS_TICK * 0.35,
                "end", CT_PLOT_FS_TICK, NULL, buf);
    }
    if (p->title && p->title[0])
        text_el(b, width * 0.5, ct_plot_title_baseline(), "middle", CT_PLOT_FS_TITLE,
                " font-weight=\"bold\"", p->title);
    if (p->x_label && p->x_label[0])
        text_el(b, x0 + 0.5 * l->area_w, ct_plot_x_label_baseline(l), "middle", CT_PLOT_FS_LABEL,
                NULL, p->x_label);
    if (p->y_label && p->y_label[0]) {
        char tr[96];
        snprintf(tr, sizeof tr, " transform=\"rotate(-90 %.2f %.2f)\"",
                 CT_PLOT_PAD + CT_PLOT_FS_LABEL * 0.85, y0 + 0.5 * l->area_h);
        text_el(b, CT_PLOT_PAD + CT_PLOT_FS_LABEL * 0.85, y0 + 0.5 * l->area_h, "middle",
                CT_PLOT_FS_LABEL, tr, p->y_label);
    }
    ct_strbuf_put(b, "</g>\n", 5);
}

static const char *dash_attr(int dashed) {
    return dashed ? " stroke-dasharray=\"6 4\"" : "";
}

/* The clipped content: reference lines, markers and the series (a polyline per run of finite
 * points; a lone finite point is a dot). */
static void content(ct_strbuf *b, const ct_plot *p, const ct_plot_layout *l) {
    char col[8];
    double x0 = l->area_x, y0 = l->area_y, x1 = x0 + l->area_w, y1 = y0 + l->area_h;
    ct_strbuf_printf(b, "<svg x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                 "viewBox=\"%.2f %.2f %.2f %.2f\" overflow=\"hidden\">\n",
              x0, y0, l->area_w, l->area_h, x0, y0, l->area_w, l->area_h);
    for (int i = 0; i < p->nhline; i++) {
        const ct_plot_hline *h = &p->hline[i];
        if (!isfinite(h->y)) continue;
        double y = cc(ct_plot_map_y(l, h->y));
        rgb_hex(h->rgb, col);
        ct_strbuf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                     "stroke-width=\"1\"%s/>\n",
                  x0, y, x1, y, col, dash_attr(h->dashed));
        if (h->label && h->label[0]) {
            char fill[32];
            snprintf(fill, sizeof fill, " fill=\"%s\"", col);
            /* above the line, or below it when the line is at the top edge */
            double ty = y - 3 < y0 + CT_PLOT_FS_TICK ? y + CT_PLOT_FS_TICK : y - 3;
            text_el(b, x1 - 3, ty, "end", CT_PLOT_FS_TICK, fill, h->label);
        }
    }
    for (int i = 0; i < p->nvmark; i++) {
        const ct_plot_vmark *v = &p->vmark[i];
        if (!isfinite(v->x)) continue;
        double x = cc(ct_plot_map_x(l, v->x));
        rgb_hex(v->rgb, col);
        ct_strbuf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                     "stroke-width=\"1\"/>\n",
                  x, y0, x, y1, col);
        if (v->label && v->label[0]) {
            char fill[32];
            snprintf(fill, sizeof fill, " fill=\"%s\"", col);
            text_el(b, x + 3, y0 + CT_PLOT_FS_TICK + 2, "start", CT_PLOT_FS_TICK, fill, v->label);
        }
    }
    for (int s = 0; s < p->nseries; s++) {
        const ct_plot_series *se = &p->series[s];
        if (!se->x || !se->y) continue;
        rgb_hex(se->rgb, col);
        int i = 0;
        while (i < se->n) {
            while (i < se->n && !(isfinite(se->x[i]) && isfinite(se->y[i]))) i++;
            int start = i;
            while (i < se->n && isfinite(se->x[i]) && isfinite(se->y[i])) i++;
            if (i - start == 1) {
                ct_strbuf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\"/>\n",
                          cc(ct_plot_map_x(l, se->x[start])), cc(ct_plot_map_y(l, se->y[start])),
                          CT_PLOT_LINE_W, col);
            } else if (i - start > 1) {
                ct_strbuf_put(b, "<polyline points=\"", 18);
                for (int k = start; k < i; k++)
                    ct_strbuf_printf(b, "%s%.2f,%.2f", k > start ? " " : "", cc(ct_plot_map_x(l, se->x[k])),
                              cc(ct_plot_map_y(l, se->y[k])));
                ct_strbuf_printf(b, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
                             "stroke-linejoin=\"round\"%s/>\n",
                          col, CT_PLOT_LINE_W, dash_attr(se->dashed));
            }
        }
    }
    ct_strbuf_put(b, "</svg>\n", 7);
}

static void legend(ct_strbuf *b, const ct_plot *p, const ct_plot_layout *l, int width) {
    ct_plot_legend_item it[64];
    int n = 0;
    if (p->nseries <= 0) return;
    ct_plot_legend_item *items = p->nseries <= 64 ? it : ct_alloc(sizeof *items * (size_t)p->nseries);
    if (!items) {
        b->failed = 1;
        return;
    }
    ct_plot_legend_place(p, width, ct_plot_legend_baseline(p, l), items, &n);
    char col[8], tc[8];
    rgb_hex(CT_PLOT_TEXT_RGB, tc);
    for (int i = 0; i < n; i++) {
        const ct_plot_series *se = &p->series[items[i].series];
        double y = items[i].y - CT_PLOT_FS_LEGEND * 0.3;
        rgb_hex(se->rgb, col);
        ct_strbuf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                     "stroke-width=\"%.1f\"%s/>\n",
                  items[i].x, y, items[i].x + CT_PLOT_LEGEND_LINE, y, col, CT_PLOT_LINE_W,
                  dash_attr(se->dashed));
        char fill[32];
        snprintf(fill, sizeof fill, " fill=\"%s\"", tc);
        text_el(b, items[i].x + CT_PLOT_LEGEND_LINE + 4, items[i].y, "start", CT_PLOT_FS_LEGEND,
                fill, se->label);
    }
    if (items != it) ct_free(items);
}

char *ct_plot_svg(const ct_plot *p, int width, int height) {
    ct_strbuf b = {0};
    ct_plot_layout l = ct_plot_compute_layout(p, width, height);
    ct_strbuf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                  "viewBox=\"0 0 %d %d\" font-family=\"NanumGothic, 'DejaVu Sans', sans-serif\">\n",
              width, height, width, height);
    ct_strbuf_printf(&b, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width,
              height);
    axes(&b, p, &l, width);
    content(&b, p, &l);
    legend(&b, p, &l, width);
    ct_strbuf_put(&b, "</svg>\n", 7);
    if (b.failed) {
        ct_free(b.data);
        return NULL;
    }
    return b.data;
}
