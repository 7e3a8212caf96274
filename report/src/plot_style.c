/* Shared plot style helpers: estimated text widths, tick label text, legend placement and the
 * baselines of the text rows, so the SVG and cairo back ends place everything alike. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot_priv.h"

/* Wide code points: Hangul Jamo, CJK and Hangul syllables, full-width forms. */
static int is_wide(unsigned cp) {
    return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
           (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0xff00 && cp <= 0xff60);
}

double ct_plot_text_width_est(const char *s, double fs) {
    double w = 0;
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    while (*u) {
        unsigned cp = *u;
        int len = cp < 0x80 ? 1 : cp >= 0xf0 ? 4 : cp >= 0xe0 ? 3 : cp >= 0xc0 ? 2 : 1;
        if (len > 1) {
            cp &= 0xffu >> (len + 1);
            for (int i = 1; i < len; i++) {
                if ((u[i] & 0xc0) != 0x80) {
                    len = i;
                    break;
                }
                cp = (cp << 6) | (u[i] & 0x3f);
            }
        }
        w += is_wide(cp) ? fs : 0.6 * fs;
        u += len;
    }
    return w;
}

void ct_plot_tick_text(double v, double step, char *buf, size_t size) {
    int dec = 0;
    if (isfinite(step) && step > 0) {
        dec = (int)-floor(log10(step) + 1e-9);
        if (dec < 0) dec = 0;
        if (dec > 12) dec = 12;
    }
    snprintf(buf, size, "%.*f", dec, v);
    /* "-0", "-0.00": a zero printed with a sign */
    int zero = 1;
    for (const char *c = buf; *c; c++)
        if (*c >= '1' && *c <= '9') zero = 0;
    if (zero && buf[0] == '-') memmove(buf, buf + 1, strlen(buf));
}

double ct_plot_tick_step(const double *ticks, int n) {
    if (n < 2) return 1;
    double s = (ticks[n - 1] - ticks[0]) / (n - 1);
    return s > 0 ? s : 1;
}

int ct_plot_legend_place(const ct_plot *p, double width, double y0, ct_plot_legend_item *items,
                         int *nitems) {
    int rows = 0, n = 0;
    double x = CT_PLOT_PAD;
    for (int s = 0; s < p->nseries; s++) {
        const char *lab = p->series[s].label;
        if (!lab || !lab[0]) continue;
        double w = CT_PLOT_LEGEND_LINE + 4 + ct_plot_text_width_est(lab, CT_PLOT_FS_LEGEND);
        if (rows == 0) rows = 1;
        else if (x > CT_PLOT_PAD && x + w > width - CT_PLOT_PAD) {
            rows++;
            x = CT_PLOT_PAD;
        }
        if (items) {
            items[n].x = x;
            items[n].y = y0 + (rows - 1) * (CT_PLOT_FS_LEGEND + CT_PLOT_PAD);
            items[n].series = s;
        }
        n++;
        x += w + CT_PLOT_LEGEND_GAP;
    }
    if (nitems) *nitems = n;
    return rows;
}

double ct_plot_title_baseline(void) { return CT_PLOT_PAD + CT_PLOT_FS_TITLE * 0.85; }

double ct_plot_tick_label_baseline(const ct_plot_layout *l) {
    return l->area_y + l->area_h + CT_PLOT_TICK_LEN + 2 + CT_PLOT_FS_TICK * 0.85;
}

double ct_plot_x_label_baseline(const ct_plot_layout *l) {
    return ct_plot_tick_label_baseline(l) + CT_PLOT_PAD + CT_PLOT_FS_LABEL * 0.85;
}

double ct_plot_legend_baseline(const ct_plot *p, const ct_plot_layout *l) {
    double y = (p->x_label && p->x_label[0]) ? ct_plot_x_label_baseline(l)
                                             : ct_plot_tick_label_baseline(l);
    return y + CT_PLOT_PAD + CT_PLOT_FS_LEGEND * 0.85;
}
