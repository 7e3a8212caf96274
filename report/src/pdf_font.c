/* PDF fonts: NanumGothic (or any font with Hangul that fontconfig finds for Korean), its bold
 * weight when installed, and DejaVu Sans for characters the Hangul font lacks; loaded with
 * FreeType and drawn through cairo-ft, which embeds the glyphs used. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "pdf_font.h"
#include "text_utf8.h"

enum { F_REG, F_BOLD, F_FALLBACK, F_COUNT };

struct ct_pdf_fonts {
    FT_Face ft[F_COUNT];            /* NULL where absent (bold: use regular) */
    cairo_font_face_t *cf[F_COUNT];
    char file[512];
};

/* One FreeType library for the process: cairo may keep faces in its caches after a report is
 * written, so the library that owns them is never freed. */
static FT_Library g_ft;
static int g_ft_ok;
static pthread_once_t g_ft_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t g_ft_mutex = PTHREAD_MUTEX_INITIALIZER; /* FT_New_Face is not thread-safe */
static void ft_init(void) { g_ft_ok = FT_Init_FreeType(&g_ft) == 0; }

static const cairo_user_data_key_t g_face_key;
static void face_done(void *face) {
    pthread_mutex_lock(&g_ft_mutex);
    FT_Done_Face((FT_Face)face);
    pthread_mutex_unlock(&g_ft_mutex);
}

/* The file fontconfig picks for a pattern such as "NanumGothic:lang=ko"; 0 when none. */
static int match_file(const char *name, char *file, size_t size, int *index) {
    FcPattern *pat = FcNameParse((const FcChar8 *)name);
    if (!pat) return 0;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    FcPatternDestroy(pat);
    if (!m) return 0;
    FcChar8 *f = NULL;
    int ok = FcPatternGetString(m, FC_FILE, 0, &f) == FcResultMatch && f;
    if (ok) snprintf(file, size, "%s", (const char *)f);
    *index = 0;
    FcPatternGetInteger(m, FC_INDEX, 0, index);
    FcPatternDestroy(m);
    return ok;
}

static FT_Face load(const char *file, int index) {
    FT_Face face = NULL;
    pthread_mutex_lock(&g_ft_mutex);
    if (FT_New_Face(g_ft, file, index, &face) != 0) face = NULL;
    pthread_mutex_unlock(&g_ft_mutex);
    return face;
}

static int has_hangul(FT_Face f) {
    return f && FT_Get_Char_Index(f, 0xac00) != 0 && FT_Get_Char_Index(f, 0xd7a3) != 0; /* 가, 힣 */
}

/* Wraps an FT face for cairo; the cairo face owns the FT face from then on. */
static cairo_font_face_t *wrap(FT_Face face) {
    cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face, 0);
    if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS ||
        cairo_font_face_set_user_data(cf, &g_face_key, face, face_done) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(cf);
        face_done(face);
        return NULL;
    }
    return cf;
}

ct_status ct_pdf_fonts_open(ct_pdf_fonts **out, ct_error *err) {
    *out = NULL;
    pthread_once(&g_ft_once, ft_init);
    if (!g_ft_ok) return ct_error_set(err, CT_ERR_IO, NULL, 0, 0, "cannot initialise FreeType");
    ct_pdf_fonts *f = ct_alloc(sizeof *f);
    if (!f) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");

    /* NanumGothic by name first, then whatever fontconfig offers for Korean */
    static const char *const want[] = {"NanumGothic", "NanumGothic:lang=ko", ":lang=ko"};
    char file[512];
    int index = 0;
    for (int i = 0; i < 3 && !f->ft[F_REG]; i++) {
        if (!match_file(want[i], file, sizeof file, &index)) continue;
        FT_Face face = load(file, index);
        if (has_hangul(face)) {
            f->ft[F_REG] = face;
            snprintf(f->file, sizeof f->file, "%s", file);
        } else if (face) {
            face_done(face);
        }
    }
    if (!f->ft[F_REG]) {
        ct_free(f);
        return ct_error_set(err, CT_ERR_NOT_FOUND, NULL, 0, 0,
                            "no font with Hangul found: install fonts-nanum");
    }
    /* bold of the same family, only when it is a different file that also has Hangul */
    char name[600];
    snprintf(name, sizeof name, "%s:weight=bold", f->ft[F_REG]->family_name ? f->ft[F_REG]->family_name : "NanumGothic");
    if (match_file(name, file, sizeof file, &index) && strcmp(file, f->file) != 0) {
        FT_Face face = load(file, index);
        if (has_hangul(face)) f->ft[F_BOLD] = face;
        else if (face) face_done(face);
    }
    if (match_file("DejaVu Sans", file, sizeof file, &index) && strcmp(file, f->file) != 0)
        f->ft[F_FALLBACK] = load(file, index);

    for (int i = 0; i < F_COUNT; i++) {
        if (!f->ft[i]) continue;
        f->cf[i] = wrap(f->ft[i]);
        if (!f->cf[i]) {
            f->ft[i] = NULL;
            if (i == F_REG) {
                ct_pdf_fonts_close(f);
                return ct_error_set(err, CT_ERR_IO, NULL, 0, 0, "cannot use font %s with cairo", f->file);
            }
        }
    }
    *out = f;
    return CT_OK;
}

void ct_pdf_fonts_close(ct_pdf_fonts *f) {
    if (!f) return;
    for (int i = 0; i < F_COUNT; i++)
        if (f->cf[i]) cairo_font_face_destroy(f->cf[i]);
    ct_free(f);
}

const char *ct_pdf_fonts_file(const ct_pdf_fonts *f) { return f->file; }

/* Which face draws code point cp: the main face when it has the glyph (or nothing has it),
 * else the fallback. */
static int face_for(const ct_pdf_fonts *f, unsigned cp, int main) {
    if (cp < 0x80 || !f->ft[F_FALLBACK]) return main;
    if (FT_Get_Char_Index(f->ft[main], cp) != 0) return main;
    return FT_Get_Char_Index(f->ft[F_FALLBACK], cp) != 0 ? F_FALLBACK : main;
}

/* Draws (draw = 1) or measures s run by run, each run being the characters one face draws. */
static double runs(ct_pdf_fonts *f, cairo_t *cr, const char *s, int bold, int draw) {
    int main = (bold && f->cf[F_BOLD]) ? F_BOLD : F_REG;
    size_t n = strlen(s);
    char small[256], *buf = n < sizeof small ? small : ct_alloc(n + 1);
    if (!buf) return 0;
    double w = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        unsigned cp;
        int len = ct_utf8_decode(u, &cp);
        if (len == 0) break; /* callers pass clean text */
        int face = face_for(f, cp, main);
        size_t k = 0;
        while (*u) {
            len = ct_utf8_decode(u, &cp);
            if (len == 0 || face_for(f, cp, main) != face) break;
            memcpy(buf + k, u, (size_t)len);
            k += (size_t)len;
            u += len;
        }
        buf[k] = 0;
        cairo_set_font_face(cr, f->cf[face]);
        if (draw) {
            cairo_show_text(cr, buf);
        } else {
            cairo_text_extents_t e;
            cairo_text_extents(cr, buf, &e);
            w += e.x_advance;
        }
    }
    cairo_set_font_face(cr, f->cf[main]);
    if (buf != small) ct_free(buf);
    return w;
}

void ct_pdf_fonts_show(ct_pdf_fonts *f, cairo_t *cr, const char *utf8, int bold) {
    runs(f, cr, utf8, bold, 1);
}

double ct_pdf_fonts_width(ct_pdf_fonts *f, cairo_t *cr, const char *utf8, int bold) {
    return runs(f, cr, utf8, bold, 0);
}
