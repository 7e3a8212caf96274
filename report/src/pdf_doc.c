/* PDF flow: pages with footers, single-line text, line breaking, headings and paragraphs. */
#include <stdio.h>
#include <string.h>

#include "pdf_doc.h"
#include "text_utf8.h"

static void set_rgb(cairo_t *cr, uint32_t rgb) {
    cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
                         (rgb & 255) / 255.0);
}

void ct_pdf_init(ct_pdf *d, cairo_t *cr, ct_pdf_fonts *fonts) {
    memset(d, 0, sizeof *d);
    d->cr = cr;
    d->fonts = fonts;
    d->page_w = CT_PDF_A4_W;
    d->page_h = CT_PDF_A4_H;
    d->left = d->right = 50;
    d->top = 50;
    d->bottom = 56;
    d->y = d->top;
    d->page = 1;
}

double ct_pdf_content_width(const ct_pdf *d) { return d->page_w - d->left - d->right; }

static void footer(ct_pdf *d) {
    double y = d->page_h - d->bottom * 0.5;
    cairo_set_line_width(d->cr, 0.5);
    set_rgb(d->cr, 0xbbbbbb);
    cairo_move_to(d->cr, d->left, y - 10);
    cairo_line_to(d->cr, d->page_w - d->right, y - 10);
    cairo_stroke(d->cr);
    /* the left part shortened (at a character boundary, with an ellipsis) to leave room for
       the page number */
    char left[sizeof d->footer + 4];
    snprintf(left, sizeof left, "%s", d->footer);
    size_t n = strlen(left);
    while (n > 0 && ct_pdf_text_width(d, left, CT_PDF_FS_SMALL, 0) > ct_pdf_content_width(d) - 80) {
        do n--;
        while (n > 0 && ((unsigned char)left[n] & 0xc0) == 0x80);
        memcpy(left + n, "\xe2\x80\xa6", 4); /* U+2026 and the NUL */
    }
    ct_pdf_text(d, d->left, y, 0, left, CT_PDF_FS_SMALL, 0, CT_PDF_RGB_MUTED);
    char buf[64];
    if (d->npage > 0) snprintf(buf, sizeof buf, "page %d of %d", d->page, d->npage);
    else snprintf(buf, sizeof buf, "page %d", d->page);
    ct_pdf_text(d, d->page_w - d->right, y, 1, buf, CT_PDF_FS_SMALL, 0, CT_PDF_RGB_MUTED);
}

void ct_pdf_page_break(ct_pdf *d) {
    footer(d);
    cairo_show_page(d->cr);
    d->page++;
    d->y = d->top;
}

void ct_pdf_end(ct_pdf *d) { footer(d); }

void ct_pdf_need(ct_pdf *d, double h) {
    if (d->y > d->top + 1e-6 && d->y + h > d->page_h - d->bottom) ct_pdf_page_break(d);
}

void ct_pdf_space(ct_pdf *d, double h) {
    d->y += h;
    if (d->y > d->page_h - d->bottom) ct_pdf_page_break(d);
}

void ct_pdf_text(ct_pdf *d, double x, double y, double align, const char *utf8, double fs, int bold,
                 uint32_t rgb) {
    char *c = ct_utf8_clean(utf8, 0);
    if (!c) return;
    cairo_set_font_size(d->cr, fs);
    set_rgb(d->cr, rgb);
    double w = align != 0 ? ct_pdf_fonts_width(d->fonts, d->cr, c, bold) : 0;
    cairo_move_to(d->cr, x - align * w, y);
    ct_pdf_fonts_show(d->fonts, d->cr, c, bold);
    cairo_new_path(d->cr);
    ct_free(c);
}

double ct_pdf_text_width(ct_pdf *d, const char *utf8, double fs, int bold) {
    char *c = ct_utf8_clean(utf8, 0);
    if (!c) return 0;
    cairo_set_font_size(d->cr, fs);
    double w = ct_pdf_fonts_width(d->fonts, d->cr, c, bold);
    ct_free(c);
    return w;
}

/* Width of s[a, b) (clean UTF-8) through a scratch copy. */
static double span_w(ct_pdf *d, const char *s, size_t a, size_t b, char *scratch, double fs,
                     int bold) {
    cairo_set_font_size(d->cr, fs);
    memcpy(scratch, s + a, b - a);
    scratch[b - a] = 0;
    return ct_pdf_fonts_width(d->fonts, d->cr, scratch, bold);
}

/* Length of the UTF-8 character at s (clean text). */
static size_t ch_len(const char *s) {
    unsigned cp;
    int n = ct_utf8_decode((const unsigned char *)s, &cp);
    return n > 0 ? (size_t)n : 1;
}

int ct_pdf_wrap(ct_pdf *d, const char *utf8, double fs, int bold, double width, ct_pdf_line_fn *emit,
                void *user) {
    char *s = ct_utf8_clean(utf8, 1);
    if (!s) return 0;
    size_t n = strlen(s);
    char *scratch = ct_alloc(n + 1);
    if (!scratch) {
        ct_free(s);
        return 0;
    }
    int lines = 0;
    size_t par = 0;
    while (par <= n) {
        size_t pend = par;
        while (pend < n && s[pend] != '\n') pend++;
        size_t start = par;
        do {
            /* greedy: extend the line break by break while it fits */
            size_t fit = start, pos = start;
            while (pos < pend) {
                size_t next = pos;
                while (next < pend && s[next] == ' ') next++;
                while (next < pend && s[next] != ' ' && s[next] != '/') next += ch_len(s + next);
                if (next < pend && s[next] == '/') next++;
                if (span_w(d, s, start, next, scratch, fs, bold) > width) break;
                fit = pos = next;
            }
            if (fit == start && start < pend) {
                /* a word wider than the line: as many characters as fit, at least one */
                fit = start + ch_len(s + start);
                while (fit < pend) {
                    size_t nx = fit + ch_len(s + fit);
                    if (span_w(d, s, start, nx, scratch, fs, bold) > width) break;
                    fit = nx;
                }
            }
            memcpy(scratch, s + start, fit - start);
            scratch[fit - start] = 0;
            if (emit) emit(scratch, user);
            lines++;
            start = fit;
            while (start < pend && s[start] == ' ') start++;
        } while (start < pend);
        par = pend + 1;
    }
    ct_free(scratch);
    ct_free(s);
    return lines;
}

typedef struct para_ctx {
    ct_pdf *d;
    double x, fs, lh;
    int bold;
    uint32_t rgb;
} para_ctx;

static void para_line(const char *line, void *user) {
    para_ctx *p = user;
    ct_pdf_need(p->d, p->lh);
    ct_pdf_text(p->d, p->x, p->d->y + p->fs * 0.95, 0, line, p->fs, p->bold, p->rgb);
    p->d->y += p->lh;
}

void ct_pdf_para(ct_pdf *d, const char *utf8, double fs, int bold, uint32_t rgb, double indent) {
    para_ctx p = {d, d->left + indent, fs, fs * 1.35, bold, rgb};
    ct_pdf_wrap(d, utf8, fs, bold, ct_pdf_content_width(d) - indent, para_line, &p);
}

void ct_pdf_heading(ct_pdf *d, int level, const char *utf8) {
    double fs = level <= 1 ? 14 : 11;
    ct_pdf_need(d, fs * 1.6 + 60);
    if (d->y > d->top + 1e-6) d->y += level <= 1 ? 10 : 6;
    ct_pdf_para(d, utf8, fs, 1, level <= 1 ? 0x0b3d6bu : CT_PDF_RGB_TEXT, 0);
    if (level <= 1) {
        cairo_set_line_width(d->cr, 0.8);
        set_rgb(d->cr, 0x0b3d6b);
        cairo_move_to(d->cr, d->left, d->y);
        cairo_line_to(d->cr, d->page_w - d->right, d->y);
        cairo_stroke(d->cr);
    }
    d->y += 5;
}
