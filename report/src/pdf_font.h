/* Private to the PDF writer: the fonts, found through fontconfig and loaded with FreeType, and
 * text drawn with per-character fallback (NanumGothic for Hangul and most text, DejaVu Sans for
 * the characters NanumGothic lacks). Both are embedded (subset) by cairo's PDF surface. */
#ifndef CT_REPORT_PDF_FONT_H
#define CT_REPORT_PDF_FONT_H

#include <cairo.h>

#include "celltwin/base.h"

typedef struct ct_pdf_fonts ct_pdf_fonts;

/* Finds and loads the fonts. Fails with CT_ERR_NOT_FOUND ("no font with Hangul found: install
 * fonts-nanum") when no font with Hangul is installed. */
ct_status ct_pdf_fonts_open(ct_pdf_fonts **out, ct_error *err);
void ct_pdf_fonts_close(ct_pdf_fonts *f);
/* File of the Hangul font in use (for messages and tests). */
const char *ct_pdf_fonts_file(const ct_pdf_fonts *f);

/* Draws valid UTF-8 text at the current point with the current size and source, advancing the
 * current point; bold picks the bold face where one exists. */
void ct_pdf_fonts_show(ct_pdf_fonts *f, cairo_t *cr, const char *utf8, int bold);
/* Advance width of valid UTF-8 text at the context's current font size. */
double ct_pdf_fonts_width(ct_pdf_fonts *f, cairo_t *cr, const char *utf8, int bold);

#endif
