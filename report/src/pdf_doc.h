/* Private to the PDF writer: a top-to-bottom flow of blocks on A4 pages (headings, wrapped
 * paragraphs, tables whose header repeats after a page break, pictures, plots) with a footer
 * "page X of N" on every page. Units: PostScript points (1/72 in), y down. Text is UTF-8; it is
 * cleaned (invalid bytes as U+FFFD) before it reaches cairo. */
#ifndef CT_REPORT_PDF_DOC_H
#define CT_REPORT_PDF_DOC_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

#include "pdf_font.h"

#define CT_PDF_A4_W 595.2756 /* 210 mm */
#define CT_PDF_A4_H 841.8898 /* 297 mm */
#define CT_PDF_FS_BODY 9.0
#define CT_PDF_FS_SMALL 7.5
#define CT_PDF_RGB_TEXT 0x1a1a1au
#define CT_PDF_RGB_MUTED 0x666666u
#define CT_PDF_NO_BG 0xffffffffu

typedef struct ct_pdf {
    cairo_t *cr;
    ct_pdf_fonts *fonts;
    double page_w, page_h;
    double left, right, top, bottom; /* margins */
    double y;                        /* top of the next block */
    int page;                        /* current page, 1-based */
    int npage;                       /* page count from the layout pass; 0 unknown */
    int dry;                         /* 1: layout pass (pictures are not decoded) */
    char footer[256];                /* left part of every footer */
} ct_pdf;

/* Initialises the flow on a context whose surface has A4 pages. */
void ct_pdf_init(ct_pdf *d, cairo_t *cr, ct_pdf_fonts *fonts);
double ct_pdf_content_width(const ct_pdf *d);
/* Footer on the current page, then a new page. */
void ct_pdf_page_break(ct_pdf *d);
/* Footer on the last page (the surface's finish emits it). */
void ct_pdf_end(ct_pdf *d);
/* A page break unless h points fit below the cursor (or the cursor is at the page top). */
void ct_pdf_need(ct_pdf *d, double h);
void ct_pdf_space(ct_pdf *d, double h);

/* Single-line text with its baseline at (x, y); align 0 start, 0.5 middle, 1 end. */
void ct_pdf_text(ct_pdf *d, double x, double y, double align, const char *utf8, double fs, int bold,
                 uint32_t rgb);
double ct_pdf_text_width(ct_pdf *d, const char *utf8, double fs, int bold);

/* Breaks text into lines no wider than width (at spaces, after '/', inside words that are wider
 * than a line, and at newlines); calls emit for each line unless emit is NULL, and returns the
 * number of lines. */
typedef void ct_pdf_line_fn(const char *line, void *user);
int ct_pdf_wrap(ct_pdf *d, const char *utf8, double fs, int bold, double width, ct_pdf_line_fn *emit,
                void *user);

/* A heading (level 1: section, 2: subsection) kept with the next 60 pt. */
void ct_pdf_heading(ct_pdf *d, int level, const char *utf8);
/* A wrapped paragraph at the left margin plus indent. */
void ct_pdf_para(ct_pdf *d, const char *utf8, double fs, int bold, uint32_t rgb, double indent);

/* Tables: columns with a header, widths as fractions of the content width. */
typedef struct ct_pdf_col {
    const char *head;
    double frac;
    int right;                      /* 1: right-aligned (numbers) */
} ct_pdf_col;
typedef struct ct_pdf_table {
    const ct_pdf_col *col;
    int ncol;
    double fs;
} ct_pdf_table;
void ct_pdf_table_head(ct_pdf *d, const ct_pdf_table *t);
/* One row (ncol cells, NULL = empty); breaks the page and repeats the header when needed. */
void ct_pdf_table_row(ct_pdf *d, const ct_pdf_table *t, const char *const *cell, uint32_t bg);

/* A PNG picture (file bytes) scaled to fit max_w x max_h, centred, with a caption below. A PNG
 * that does not decode is drawn as a framed note. */
void ct_pdf_picture(ct_pdf *d, const uint8_t *png, size_t size, int width, int height,
                    const char *caption, double max_w, double max_h);

#endif
