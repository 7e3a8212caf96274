/* stb_truetype text rendering for the viewer overlay (see viewer_text.h). The one translation unit
 * of celltwin that compiles the stb_truetype implementation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STB_TRUETYPE_IMPLEMENTATION
#include <stb/stb_truetype.h>

#include "viewer_text.h"

struct vw_font {
    int n;                     /* 1 or 2 faces */
    unsigned char *data[2];
    stbtt_fontinfo info[2];
    float scale[2];
    int ascent, line;          /* px */
};

static unsigned char *read_all(const char *path) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    unsigned char *buf = NULL;
    long n = -1;
    if (fseek(fp, 0, SEEK_END) == 0) n = ftell(fp);
    if (n > 0 && n < (1L << 30) && fseek(fp, 0, SEEK_SET) == 0) {
        buf = (unsigned char *)malloc((size_t)n);
        if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
    }
    fclose(fp);
    return buf;
}

static int open_face(vw_font *f, const char *path, float px) {
    int k = f->n;
    f->data[k] = read_all(path);
    if (!f->data[k]) return 0;
    int off = stbtt_GetFontOffsetForIndex(f->data[k], 0);
    if (off < 0 || !stbtt_InitFont(&f->info[k], f->data[k], off)) {
        free(f->data[k]);
        f->data[k] = NULL;
        return 0;
    }
    f->scale[k] = stbtt_ScaleForPixelHeight(&f->info[k], px);
    f->n++;
    return 1;
}

ct_status vw_font_load(const char *path, const char *fallback, float px, vw_font **out, ct_error *err) {
    *out = NULL;
    if (!path) path = getenv("CT_VIEWER_FONT");
    if (!path || !*path) path = VW_FONT_DEFAULT;
    vw_font *f = (vw_font *)calloc(1, sizeof *f);
    if (!f) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    if (!open_face(f, path, px)) {
        free(f);
        return ct_error_set(err, CT_ERR_UNSUPPORTED, path, 0, 0,
                            "no font: cannot read this TrueType font (the viewer needs one with Hangul: install "
                            "the Debian package fonts-nanum, or point --font / CT_VIEWER_FONT at a .ttf)");
    }
    open_face(f, fallback ? fallback : VW_FONT_FALLBACK, px); /* optional */
    int asc, desc, gap;
    stbtt_GetFontVMetrics(&f->info[0], &asc, &desc, &gap);
    f->ascent = (int)(asc * f->scale[0] + 0.5f);
    f->line = (int)((asc - desc + gap) * f->scale[0] + 0.5f);
    *out = f;
    return CT_OK;
}

void vw_font_free(vw_font *f) {
    if (!f) return;
    for (int k = 0; k < f->n; k++) free(f->data[k]);
    free(f);
}

int vw_font_ascent(const vw_font *f) { return f->ascent; }
int vw_font_line(const vw_font *f) { return f->line; }

uint32_t vw_utf8_next(const char **pp) {
    const unsigned char *p = (const unsigned char *)*pp;
    if (!*p) return 0;
    uint32_t c = p[0];
    int n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
    if (n < 0) {
        *pp += 1;
        return 0xfffd;
    }
    c &= n == 0 ? 0x7f : (0x3f >> n);
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xc0) != 0x80) { /* truncated sequence: skip the lead byte only */
            *pp += 1;
            return 0xfffd;
        }
        c = (c << 6) | (p[i] & 0x3f);
    }
    *pp += n + 1;
    return c;
}

/* Face that has a glyph for c (the main font, else the fallback, else the main's .notdef). */
static int face_for(const vw_font *f, uint32_t c, int *glyph) {
    for (int k = 0; k < f->n; k++) {
        int g = stbtt_FindGlyphIndex(&f->info[k], (int)c);
        if (g) {
            *glyph = g;
            return k;
        }
    }
    *glyph = 0;
    return 0;
}

static float advance(const vw_font *f, int k, int g) {
    int adv, lsb;
    stbtt_GetGlyphHMetrics(&f->info[k], g, &adv, &lsb);
    return adv * f->scale[k];
}

float vw_text_width(const vw_font *f, const char *text) {
    float x = 0;
    uint32_t c;
    while ((c = vw_utf8_next(&text)) != 0) {
        int g, k = face_for(f, c, &g);
        x += advance(f, k, g);
    }
    return x;
}

float vw_text_draw(const vw_font *f, uint8_t *rgba, int w, int h, float x, int y, const char *text,
                   const uint8_t color[4], int clip_x1) {
    if (clip_x1 > w) clip_x1 = w;
    uint32_t c;
    while ((c = vw_utf8_next(&text)) != 0) {
        int g, k = face_for(f, c, &g);
        float adv = advance(f, k, g);
        if (x >= clip_x1) break;
        int gw, gh, ox, oy;
        float fx = x - (float)(int)x; /* sub-pixel shift of the pen */
        unsigned char *bm = stbtt_GetGlyphBitmapSubpixel(&f->info[k], f->scale[k], f->scale[k], fx, 0, g, &gw, &gh,
                                                         &ox, &oy);
        int bx = (int)x + ox, by = y + oy;
        for (int r = 0; bm && r < gh; r++) {
            int py = by + r;
            if (py < 0 || py >= h) continue;
            for (int q = 0; q < gw; q++) {
                int px = bx + q;
                if (px < 0 || px >= clip_x1) continue;
                unsigned a = (unsigned)bm[r * gw + q] * color[3] / 255u;
                if (!a) continue;
                uint8_t *d = rgba + ((size_t)py * w + px) * 4;
                for (int i = 0; i < 3; i++) d[i] = (uint8_t)((color[i] * a + d[i] * (255u - a)) / 255u);
                d[3] = (uint8_t)(a + d[3] * (255u - a) / 255u);
            }
        }
        stbtt_FreeBitmap(bm, NULL);
        x += adv;
    }
    return x;
}
