/* Text for the viewer's overlay: UTF-8 strings rasterised with stb_truetype from a TrueType font
 * (NanumGothic by default, so Hangul renders) with a second font (DejaVu Sans) for code points the
 * first lacks. Pen positions advance by the font's hmtx advance width times the scale (no kerning);
 * glyphs are alpha-blended into an RGBA8 image (row-major, width x height x 4). */
#ifndef CT_VIEWER_TEXT_H
#define CT_VIEWER_TEXT_H

#include <stdint.h>

#include "celltwin/base.h"

#define VW_FONT_DEFAULT "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
#define VW_FONT_FALLBACK "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

typedef struct vw_font vw_font; /* opaque; owns the font file data */

/* Loads `path` (NULL: $CT_VIEWER_FONT, else VW_FONT_DEFAULT) at `px` pixels line height (ascent -
 * descent) and `fallback` (NULL: VW_FONT_FALLBACK; a missing fallback is ignored). A missing or
 * unreadable main font fails with CT_ERR_UNSUPPORTED naming the file and the Debian package. */
ct_status vw_font_load(const char *path, const char *fallback, float px, vw_font **out, ct_error *err);
void vw_font_free(vw_font *f);

/* Font metrics in px: ascent above the baseline and the line advance. */
int vw_font_ascent(const vw_font *f);
int vw_font_line(const vw_font *f);

/* Decodes one UTF-8 code point at *p and advances *p; malformed bytes give U+FFFD. 0 at the end. */
uint32_t vw_utf8_next(const char **p);

/* Draws `text` with its pen starting at x (px) on baseline y; clips at clip_x1 (exclusive) and the
 * image. Returns the pen x after the text (float px). */
float vw_text_draw(const vw_font *f, uint8_t *rgba, int w, int h, float x, int y, const char *text,
                   const uint8_t color[4], int clip_x1);

/* Width of `text` in px (sum of advances). */
float vw_text_width(const vw_font *f, const char *text);

#endif
