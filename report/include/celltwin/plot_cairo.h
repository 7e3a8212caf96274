/* Draws a ct_plot (celltwin/plot.h) onto a cairo context: the same layout, colours and text as
 * the SVG back end, used by the PDF report. Text is UTF-8; invalid bytes are drawn as U+FFFD. */
#ifndef CELLTWIN_PLOT_CAIRO_H
#define CELLTWIN_PLOT_CAIRO_H

#include <cairo.h>

#include "celltwin/plot.h"

/* How text is drawn. show: draws utf8 with its baseline starting at the current point at the
 * context's current font size and colour, advancing the current point; width: its advance.
 * Lets the PDF use a font with per-character fallback. NULL: cairo_show_text with the
 * context's font face. */
typedef struct ct_plot_cairo_text {
    void (*show)(cairo_t *cr, const char *utf8, void *user);
    double (*width)(cairo_t *cr, const char *utf8, void *user);
    void *user;
} ct_plot_cairo_text;

/* Draws the plot into the rectangle (x, y, w, h) in the context's user units (y down), white
 * background included, clipped to the rectangle. The context's state is restored afterwards. */
CT_API void ct_plot_cairo(const ct_plot *p, cairo_t *cr, double x, double y, double w, double h,
                          const ct_plot_cairo_text *text);

#endif
