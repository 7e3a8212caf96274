/* Line plots for the pre-commissioning report, described once and drawn by the project itself:
 * to SVG text (embedded in report.html) and onto a cairo context (report.pdf). A plot is x/y
 * series (e.g. joint angle against time), horizontal reference lines (joint limits, clearance
 * threshold) and vertical markers (findings). Axis ranges are taken from the data and the lines
 * unless given, widened to "nice" tick values (1, 2, 5 x 10^k).
 * All arrays are borrowed; nothing is kept after a call returns. Text is UTF-8. */
#ifndef CELLTWIN_PLOT_H
#define CELLTWIN_PLOT_H

#include <stdint.h>

#include "celltwin/base.h"

typedef struct ct_plot_series {
    const char *label;          /* legend entry (UTF-8) or NULL */
    const double *x, *y;        /* (n) each; non-finite y values break the line */
    int n;
    uint32_t rgb;               /* 0xRRGGBB */
    int dashed;                 /* 1: dashed stroke */
} ct_plot_series;

/* A horizontal line across the plot: a limit or a threshold. */
typedef struct ct_plot_hline {
    double y;
    const char *label;          /* drawn at the right end, or NULL */
    uint32_t rgb;
    int dashed;
} ct_plot_hline;

/* A vertical marker at x (a finding time), with an optional short label. */
typedef struct ct_plot_vmark {
    double x;
    const char *label;
    uint32_t rgb;
} ct_plot_vmark;

typedef struct ct_plot {
    const char *title;          /* UTF-8 or NULL */
    const char *x_label, *y_label; /* with units, e.g. "time (s)", "angle (deg)" */
    double x_min, x_max;        /* axis range; x_min >= x_max: from the data */
    double y_min, y_max;        /* same for y (data and hlines) */
    const ct_plot_series *series;
    int nseries;
    const ct_plot_hline *hline;
    int nhline;
    const ct_plot_vmark *vmark;
    int nvmark;
} ct_plot;

#define CT_PLOT_MAX_TICKS 16

/* Where things go on a width x height canvas (pixels or points, y down): the plot area in canvas
 * coordinates, the final axis ranges and the tick values. Pure; used by both back ends and tests. */
typedef struct ct_plot_layout {
    double area_x, area_y, area_w, area_h; /* plot area (canvas units, y down) */
    double x_min, x_max, y_min, y_max;     /* final ranges (ticks at the ends) */
    double x_tick[CT_PLOT_MAX_TICKS], y_tick[CT_PLOT_MAX_TICKS];
    int nx_tick, ny_tick;
} ct_plot_layout;

CT_API ct_plot_layout ct_plot_compute_layout(const ct_plot *p, double width, double height);
/* Data to canvas coordinates under a layout. */
CT_API double ct_plot_map_x(const ct_plot_layout *l, double x);
CT_API double ct_plot_map_y(const ct_plot_layout *l, double y);

/* The plot as a standalone <svg> element (UTF-8, no XML declaration, text escaped), width x
 * height px. Returns a ct_alloc'd NUL-terminated string (ct_free), or NULL when out of memory. */
CT_API char *ct_plot_svg(const ct_plot *p, int width, int height);

#endif
