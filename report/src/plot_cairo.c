/* A plot drawn with cairo (for the PDF report): the same layout and style as plot_svg.c. */
#include <math.h>

#include "celltwin/plot_cairo.h"
#include "plot_priv.h"
#include "text_utf8.h"

static void set_rgb(cairo_t *cr, uint32_t rgb) {
    cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
                         (rgb & 255) / 255.0);
}

static void set_dash(cairo_t *cr, int dashed) {
    static const double d[2] = {CT_PLOT_DASH_ON, CT_PLOT_DASH_OFF};
    cairo_set_dash(cr, d, dashed ? 2 : 0, 0);
}

static double text_w(cairo_t *cr, const ct_plot_cairo_text *t, const char *s) {
    if (t && t->width) return t->width(cr, s, t->user);
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Text with its baseline at (x, y), anchored by align (0 start, 0.5 middle, 1 end). */
static void text_at(cairo_t *cr, const ct_plot_cairo_text *t, const char *s, double x, double y,
                    double align, double fs, uint32_t rgb) {
    char *c = ct_utf8_clean(s, 0);
    if (!c) return;
    cairo_set_font_size(cr, fs);
    set_rgb(cr, rgb);
    cairo_move_to(cr, x - align * text_w(cr, t, c), y);
    if (t && t->show) t->show(cr, c, t->user);
    else cairo_show_text(cr, c);
    cairo_new_path(cr);
    ct_free(c);
}

static void line(cairo_t *cr, double x0, double y0, double x1, double y1) {
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}

static void axes(cairo_t *cr, const ct_plot *p, const ct_plot_layout *l, double width,
                 const ct_plot_cairo_text *t) {
    double x0 = l->area_x, y0 = l->area_y, x1 = x0 + l->area_w, y1 = y0 + l->area_h;
    cairo_set_line_width(cr, 1);
    set_dash(cr, 0);
    set_rgb(cr, CT_PLOT_GRID_RGB);
    for (int i = 0; i < l->nx_tick; i++) {
        double x = ct_plot_map_x(l, l->x_tick[i]);
        line(cr, x, y0, x, y1);
    }
    for (int i = 0; i < l->ny_tick; i++) {
        double y = ct_plot_map_y(l, l->y_tick[i]);
        line(cr, x0, y, x1, y);
    }
    set_rgb(cr, CT_PLOT_AXIS_RGB);
    cairo_rectangle(cr, x0, y0, l->area_w, l->area_h);
    cairo_stroke(cr);
    for (int i = 0; i < l->nx_tick; i++) {
        double x = ct_plot_map_x(l, l->x_tick[i]);
        line(cr, x, y1, x, y1 + CT_PLOT_TICK_LEN);
    }
    for (int i = 0; i < l->ny_tick; i++) {
        double y = ct_plot_map_y(l, l->y_tick[i]);
        line(cr, x0 - CT_PLOT_TICK_LEN, y, x0, y);
    }

    char buf[64];
    double xs = ct_plot_tick_step(l->x_tick, l->nx_tick), ys = ct_plot_tick_step(l->y_tick, l->ny_tick);
    for (int i = 0; i < l->nx_tick; i++) {
        ct_plot_tick_text(l->x_tick[i], xs, buf, sizeof buf);
        text_at(cr, t, buf, ct_plot_map_x(l, l->x_tick[i]), ct_plot_tick_label_baseline(l), 0.5,
                CT_PLOT_FS_TICK, CT_PLOT_TEXT_RGB);
    }
    for (int i = 0; i < l->ny_tick; i++) {
        ct_plot_tick_text(l->y_tick[i], ys, buf, sizeof buf);
        text_at(cr, t, buf, x0 - CT_PLOT_TICK_LEN - 3,
                ct_plot_map_y(l, l->y_tick[i]) + CT_PLOT_FS_TICK * 0.35, 1, CT_PLOT_FS_TICK,
                CT_PLOT_TEXT_RGB);
    }
    if (p->title && p->title[0])
        text_at(cr, t, p->title, width * 0.5, ct_plot_title_baseline(), 0.5, CT_PLOT_FS_TITLE,
                CT_PLOT_TEXT_RGB);
    if (p->x_label && p->x_label[0])
        text_at(cr, t, p->x_label, x0 + 0.5 * l->area_w, ct_plot_x_label_baseline(l), 0.5,
                CT_PLOT_FS_LABEL, CT_PLOT_TEXT_RGB);
    if (p->y_label && p->y_label[0]) {
        cairo_save(cr);
        cairo_translate(cr, CT_PLOT_PAD + CT_PLOT_FS_LABEL * 0.85, y0 + 0.5 * l->area_h);
        cairo_rotate(cr, -M_PI / 2);
        text_at(cr, t, p->y_label, 0, 0, 0.5, CT_PLOT_FS_LABEL, CT_PLOT_TEXT_RGB);
        cairo_restore(cr);
    }
}

/* Reference lines, markers and series, clipped to the plot area. */
static void content(cairo_t *cr, const ct_plot *p, const ct_plot_layout *l,
                    const ct_plot_cairo_text *t) {
    double x0 = l->area_x, y0 = l->area_y, x1 = x0 + l->area_w, y1 = y0 + l->area_h;
    cairo_save(cr);
    cairo_rectangle(cr, x0, y0, l->area_w, l->area_h);
    cairo_clip(cr);
    cairo_set_line_width(cr, 1);
    for (int i = 0; i < p->nhline; i++) {
        const ct_plot_hline *h = &p->hline[i];
        if (!isfinite(h->y)) continue;
        double y = ct_plot_map_y(l, h->y);
        set_rgb(cr, h->rgb);
        set_dash(cr, h->dashed);
        line(cr, x0, y, x1, y);
        if (h->label && h->label[0]) {
            double ty = y - 3 < y0 + CT_PLOT_FS_TICK ? y + CT_PLOT_FS_TICK : y - 3;
            text_at(cr, t, h->label, x1 - 3, ty, 1, CT_PLOT_FS_TICK, h->rgb);
        }
    }
    set_dash(cr, 0);
    for (int i = 0; i < p->nvmark; i++) {
        const ct_plot_vmark *v = &p->vmark[i];
        if (!isfinite(v->x)) continue;
        double x = ct_plot_map_x(l, v->x);
        set_rgb(cr, v->rgb);
        line(cr, x, y0, x, y1);
        if (v->label && v->label[0])
            text_at(cr, t, v->label, x + 3, y0 + CT_PLOT_FS_TICK + 2, 0, CT_PLOT_FS_TICK, v->rgb);
    }
    cairo_set_line_width(cr, CT_PLOT_LINE_W);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (int s = 0; s < p->nseries; s++) {
        const ct_plot_series *se = &p->series[s];
        if (!se->x || !se->y) continue;
        set_rgb(cr, se->rgb);
        set_dash(cr, se->dashed);
        int i = 0;
        while (i < se->n) {
            while (i < se->n && !(isfinite(se->x[i]) && isfinite(se->y[i]))) i++;
            int start = i;
            while (i < se->n && isfinite(se->x[i]) && isfinite(se->y[i])) i++;
            if (i - start == 1) {
                cairo_arc(cr, ct_plot_map_x(l, se->x[start]), ct_plot_map_y(l, se->y[start]),
                          CT_PLOT_LINE_W, 0, 2 * M_PI);
                cairo_fill(cr);
            } else if (i - start > 1) {
                for (int k = start; k < i; k++)
                    cairo_line_to(cr, ct_plot_map_x(l, se->x[k]), ct_plot_map_y(l, se->y[k]));
                cairo_stroke(cr);
            }
        }
    }
    cairo_restore(cr);
}

static void legend(cairo_t *cr, const ct_plot *p, const ct_plot_layout *l, double width,
                   const ct_plot_cairo_text *t) {
    ct_plot_legend_item it[64];
    int n = 0;
    if (p->nseries <= 0) return;
    ct_plot_legend_item *items = p->nseries <= 64 ? it : ct_alloc(sizeof *items * (size_t)p->nseries);
    if (!items) return;
    ct_plot_legend_place(p, width, ct_plot_legend_baseline(p, l), items, &n);
    cairo_set_line_width(cr, CT_PLOT_LINE_W);
    for (int i = 0; i < n; i++) {
        const ct_plot_series *se = &p->series[items[i].series];
        double y = items[i].y - CT_PLOT_FS_LEGEND * 0.3;
        set_rgb(cr, se->rgb);
        set_dash(cr, se->dashed);
        line(cr, items[i].x, y, items[i].x + CT_PLOT_LEGEND_LINE, y);
        text_at(cr, t, se->label, items[i].x + CT_PLOT_LEGEND_LINE + 4, items[i].y, 0,
                CT_PLOT_FS_LEGEND, CT_PLOT_TEXT_RGB);
    }
    set_dash(cr, 0);
    if (items != it) ct_free(items);
}

void ct_plot_cairo(const ct_plot *p, cairo_t *cr, double x, double y, double w, double h,
                   const ct_plot_cairo_text *text) {
    ct_plot_layout l = ct_plot_compute_layout(p, w, h);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    axes(cr, p, &l, w, text);
    content(cr, p, &l, text);
    legend(cr, p, &l, w, text);
    cairo_restore(cr);
}
