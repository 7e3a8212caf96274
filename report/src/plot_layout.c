/* Plot layout: axis ranges from the data (or as given), "nice" ticks (1, 2, 5 x 10^k), margins
 * for the title, tick labels, axis labels and legend, and the data-to-canvas mapping. */
#include <math.h>

#include "plot_priv.h"

/* Range of the finite values of v (n); returns 0 when there is none. */
static int finite_range(const double *v, int n, double *lo, double *hi) {
    int any = 0;
    for (int i = 0; v && i < n; i++) {
        if (!isfinite(v[i])) continue;
        if (!any || v[i] < *lo) *lo = v[i];
        if (!any || v[i] > *hi) *hi = v[i];
        any = 1;
    }
    return any;
}

static void grow(double v, int *any, double *lo, double *hi) {
    if (!isfinite(v)) return;
    if (!*any || v < *lo) *lo = v;
    if (!*any || v > *hi) *hi = v;
    *any = 1;
}

/* Data range of one axis (0: x, 1: y) including the reference lines of that axis. */
static void data_range(const ct_plot *p, int axis, double *lo, double *hi) {
    int any = 0;
    for (int s = 0; s < p->nseries; s++) {
        const ct_plot_series *se = &p->series[s];
        double a = 0, b = 0;
        int ok = axis == 0 ? finite_range(se->x, se->n, &a, &b) : 0;
        if (axis == 1) {
            /* y counts only where x is finite too (such a point is drawn) */
            for (int i = 0; se->x && se->y && i < se->n; i++)
                if (isfinite(se->x[i]) && isfinite(se->y[i])) {
                    if (!ok || se->y[i] < a) a = se->y[i];
                    if (!ok || se->y[i] > b) b = se->y[i];
                    ok = 1;
                }
        }
        if (ok) {
            grow(a, &any, lo, hi);
            grow(b, &any, lo, hi);
        }
    }
    if (axis == 1)
        for (int i = 0; i < p->nhline; i++) grow(p->hline[i].y, &any, lo, hi);
    else
        for (int i = 0; i < p->nvmark; i++) grow(p->vmark[i].x, &any, lo, hi);
    if (!any) {
        *lo = 0;
        *hi = 1;
    } else if (!(*hi > *lo)) {
        double d = fabs(*lo) > 0 ? fabs(*lo) * 0.1 : 1.0;
        *lo -= d;
        *hi += d;
    }
}

/* Ticks at multiples of the smallest step 1, 2 or 5 x 10^k giving at most target intervals.
 * widen: the range becomes [first tick, last tick] covering [lo, hi]; otherwise the ticks are
 * those inside the fixed [lo, hi]. */
static void nice_ticks(double lo, double hi, int target, int widen, double *tick, int *ntick,
                       double *out_lo, double *out_hi) {
    static const double f[3] = {1, 2, 5};
    double range = hi - lo;
    *out_lo = lo;
    *out_hi = hi;
    *ntick = 0;
    if (!isfinite(range) || !(range > 0)) {
        tick[0] = lo;
        tick[1] = hi;
        *ntick = 2;
        return;
    }
    int k = (int)floor(log10(range / target));
    for (int m = k - 1; m <= k + 2; m++)
        for (int j = 0; j < 3; j++) {
            double step = f[j] * pow(10.0, m);
            double a, b;
            if (widen) {
                a = floor(lo / step + 1e-9);
                b = ceil(hi / step - 1e-9);
            } else {
                a = ceil(lo / step - 1e-9);
                b = floor(hi / step + 1e-9);
            }
            double count = b - a + 1;
            if (count > target + 1 || count > CT_PLOT_MAX_TICKS) continue;
            for (int i = 0; i < (int)count; i++) {
                double v = (a + i) * step;
                tick[i] = fabs(v) < step * 1e-9 ? 0.0 : v;
            }
            *ntick = (int)count;
            if (widen && count >= 2) {
                *out_lo = tick[0];
                *out_hi = tick[*ntick - 1];
            }
            return;
        }
    tick[0] = lo; /* not reached for finite ranges; keep the axis labelled */
    tick[1] = hi;
    *ntick = 2;
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static int given(double a, double b) { return isfinite(a) && isfinite(b) && a < b; }

ct_plot_layout ct_plot_compute_layout(const ct_plot *p, double width, double height) {
    ct_plot_layout l = {0};
    double xlo, xhi, ylo, yhi;
    if (given(p->x_min, p->x_max)) {
        xlo = p->x_min;
        xhi = p->x_max;
    } else {
        data_range(p, 0, &xlo, &xhi);
    }
    if (given(p->y_min, p->y_max)) {
        ylo = p->y_min;
        yhi = p->y_max;
    } else {
        data_range(p, 1, &ylo, &yhi);
    }

    /* vertical: title above, tick labels, x label and legend rows below */
    double top = CT_PLOT_PAD + CT_PLOT_FS_TICK * 0.5;
    if (p->title && p->title[0]) top += CT_PLOT_FS_TITLE + CT_PLOT_PAD;
    int rows = ct_plot_legend_place(p, width, 0, NULL, NULL);
    double bottom = CT_PLOT_TICK_LEN + 3 + CT_PLOT_FS_TICK + CT_PLOT_PAD;
    if (p->x_label && p->x_label[0]) bottom += CT_PLOT_FS_LABEL + CT_PLOT_PAD;
    bottom += rows * (CT_PLOT_FS_LEGEND + CT_PLOT_PAD);
    l.area_y = top;
    l.area_h = height - top - bottom;
    if (l.area_h < 10) l.area_h = 10;
    nice_ticks(ylo, yhi, clampi((int)(l.area_h / 30), 2, 10), !given(p->y_min, p->y_max), l.y_tick,
               &l.ny_tick, &l.y_min, &l.y_max);

    /* horizontal: y label and the widest y tick label on the left */
    double ystep = ct_plot_tick_step(l.y_tick, l.ny_tick), wmax = 0;
    for (int i = 0; i < l.ny_tick; i++) {
        char buf[64];
        ct_plot_tick_text(l.y_tick[i], ystep, buf, sizeof buf);
        double w = ct_plot_text_width_est(buf, CT_PLOT_FS_TICK);
        if (w > wmax) wmax = w;
    }
    double left = CT_PLOT_PAD + wmax + CT_PLOT_TICK_LEN + 3;
    if (p->y_label && p->y_label[0]) left += CT_PLOT_FS_LABEL + CT_PLOT_PAD;
    l.area_x = left;
    /* the right margin holds half of the last x tick label; estimate it with the range end */
    char buf[64];
    ct_plot_tick_text(xhi, (xhi - xlo) / 4, buf, sizeof buf);
    double right = CT_PLOT_PAD + 0.5 * ct_plot_text_width_est(buf, CT_PLOT_FS_TICK) + 2;
    l.area_w = width - left - right;
    if (l.area_w < 10) l.area_w = 10;
    nice_ticks(xlo, xhi, clampi((int)(l.area_w / 60), 2, 10), !given(p->x_min, p->x_max), l.x_tick,
               &l.nx_tick, &l.x_min, &l.x_max);
    return l;
}

double ct_plot_map_x(const ct_plot_layout *l, double x) {
    double d = l->x_max - l->x_min;
    if (!(d > 0)) return l->area_x + 0.5 * l->area_w;
    return l->area_x + (x - l->x_min) / d * l->area_w;
}

double ct_plot_map_y(const ct_plot_layout *l, double y) {
    double d = l->y_max - l->y_min;
    if (!(d > 0)) return l->area_y + 0.5 * l->area_h;
    return l->area_y + l->area_h - (y - l->y_min) / d * l->area_h;
}
