/* PDF tables: a header row, rows of wrapped cells, the header repeated after a page break. */
#include "pdf_doc.h"

#define CELL_PAD 3.0
#define MAX_CELL_LINES 40

static void set_rgb(cairo_t *cr, uint32_t rgb) {
    cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
                         (rgb & 255) / 255.0);
}

typedef struct cell_ctx {
    ct_pdf *d;
    double x, w, y, fs, lh;
    int right, bold, n;
} cell_ctx;

static void cell_line(const char *line, void *user) {
    cell_ctx *c = user;
    if (c->n < MAX_CELL_LINES) {
        double base = c->y + CELL_PAD + c->fs * 0.95 + c->n * c->lh;
        if (c->right) ct_pdf_text(c->d, c->x + c->w - CELL_PAD, base, 1, line, c->fs, c->bold, CT_PDF_RGB_TEXT);
        else ct_pdf_text(c->d, c->x + CELL_PAD, base, 0, line, c->fs, c->bold, CT_PDF_RGB_TEXT);
    }
    c->n++;
}

/* Draws one row at the cursor (no page logic); returns its height. measure_only: height only. */
static double row(ct_pdf *d, const ct_pdf_table *t, const char *const *cell, int bold, uint32_t bg,
                  int measure_only) {
    double cw = ct_pdf_content_width(d), lh = t->fs * 1.3, x = d->left;
    int lines = 1;
    for (int i = 0; i < t->ncol; i++) {
        const char *s = cell && cell[i] ? cell[i] : "";
        int n = ct_pdf_wrap(d, s, t->fs, bold, t->col[i].frac * cw - 2 * CELL_PAD, NULL, NULL);
        if (n > lines) lines = n;
    }
    if (lines > MAX_CELL_LINES) lines = MAX_CELL_LINES;
    double h = lines * lh + 2 * CELL_PAD;
    if (measure_only) return h;
    if (bg != CT_PDF_NO_BG) {
        set_rgb(d->cr, bg);
        cairo_rectangle(d->cr, d->left, d->y, cw, h);
        cairo_fill(d->cr);
    }
    for (int i = 0; i < t->ncol; i++) {
        double w = t->col[i].frac * cw;
        cell_ctx c = {d, x, w, d->y, t->fs, lh, t->col[i].right, bold, 0};
        ct_pdf_wrap(d, cell && cell[i] ? cell[i] : "", t->fs, bold, w - 2 * CELL_PAD, cell_line, &c);
        x += w;
    }
    cairo_set_line_width(d->cr, 0.4);
    set_rgb(d->cr, 0xcccccc);
    cairo_move_to(d->cr, d->left, d->y + h);
    cairo_line_to(d->cr, d->left + cw, d->y + h);
    cairo_stroke(d->cr);
    return h;
}

static void head(ct_pdf *d, const ct_pdf_table *t) {
    const char *cell[32];
    int n = t->ncol < 32 ? t->ncol : 32;
    for (int i = 0; i < n; i++) cell[i] = t->col[i].head;
    ct_pdf_table tt = *t;
    tt.ncol = n;
    d->y += row(d, &tt, cell, 1, 0xe8eef5u, 0);
}

void ct_pdf_table_head(ct_pdf *d, const ct_pdf_table *t) {
    /* keep the header with at least one body row */
    ct_pdf_need(d, 3 * (t->fs * 1.3 + 2 * CELL_PAD));
    head(d, t);
}

void ct_pdf_table_row(ct_pdf *d, const ct_pdf_table *t, const char *const *cell, uint32_t bg) {
    double h = row(d, t, cell, 0, bg, 1);
    if (d->y + h > d->page_h - d->bottom) {
        ct_pdf_page_break(d);
        head(d, t);
    }
    d->y += row(d, t, cell, 0, bg, 0);
}
