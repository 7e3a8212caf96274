/* Private to the plot back ends (SVG and cairo): the style constants, the estimated text widths
 * that the layout reserves room for, tick label formatting and legend placement. Both back ends
 * call these so that an SVG plot and a PDF plot of the same data look the same. */
#ifndef CT_REPORT_PLOT_PRIV_H
#define CT_REPORT_PLOT_PRIV_H

#include <stddef.h>

#include "celltwin/plot.h"

/* Font sizes and gaps in canvas units (px in SVG, pt in PDF). */
#define CT_PLOT_FS_TICK 10.0
#define CT_PLOT_FS_LABEL 11.0
#define CT_PLOT_FS_TITLE 12.0
#define CT_PLOT_FS_LEGEND 10.0
#define CT_PLOT_PAD 6.0          /* outer padding and gaps between text rows */
#define CT_PLOT_TICK_LEN 4.0     /* tick mark length outside the plot area */
#define CT_PLOT_LEGEND_LINE 18.0 /* sample stroke length in a legend entry */
#define CT_PLOT_LEGEND_GAP 12.0  /* space between legend entries */
#define CT_PLOT_LINE_W 1.5       /* series stroke width */
#define CT_PLOT_DASH_ON 6.0
#define CT_PLOT_DASH_OFF 4.0
#define CT_PLOT_AXIS_RGB 0x333333u
#define CT_PLOT_GRID_RGB 0xe0e0e0u
#define CT_PLOT_TEXT_RGB 0x222222u

/* Estimated advance of UTF-8 text at font size fs: 0.6 fs per narrow character, 1.0 fs per wide
 * one (Hangul, CJK). Used only to reserve room; the cairo back end measures the real width. */
double ct_plot_text_width_est(const char *utf8, double fs);

/* A tick value as text with as many decimals as the tick step needs ("0.5", "-2", never "-0"). */
void ct_plot_tick_text(double v, double step, char *buf, size_t size);

/* Legend entries (series with a label) laid out left to right in rows across the canvas width,
 * starting at row baseline y0. Writes up to p->nseries items (x of the sample stroke start,
 * baseline y, series index) when items is not NULL; returns the number of rows (0: no legend). */
typedef struct ct_plot_legend_item {
    double x, y;
    int series;
} ct_plot_legend_item;
int ct_plot_legend_place(const ct_plot *p, double width, double y0, ct_plot_legend_item *items,
                         int *nitems);

/* Baselines of the text rows below the plot area under layout l (tick labels, x label, first
 * legend row) and of the title. */
double ct_plot_tick_label_baseline(const ct_plot_layout *l);
double ct_plot_x_label_baseline(const ct_plot_layout *l);
double ct_plot_legend_baseline(const ct_plot *p, const ct_plot_layout *l);
double ct_plot_title_baseline(void);
/* Tick step of a tick array (ticks are evenly spaced); 1 with fewer than two ticks. */
double ct_plot_tick_step(const double *ticks, int n);

#endif
