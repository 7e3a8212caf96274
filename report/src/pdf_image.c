/* PDF pictures: PNG bytes decoded by cairo from memory, scaled to fit and centred. */
#include <string.h>

#include "pdf_doc.h"

typedef struct png_src {
    const uint8_t *p;
    size_t size, at;
} png_src;

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int length) {
    png_src *s = closure;
    if (length > s->size - s->at) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, s->p + s->at, length);
    s->at += length;
    return CAIRO_STATUS_SUCCESS;
}

void ct_pdf_picture(ct_pdf *d, const uint8_t *png, size_t size, int width, int height,
                    const char *caption, double max_w, double max_h) {
    /* the layout uses the model's pixel size so both passes paginate alike; the decoded image
       is scaled into that box */
    cairo_surface_t *img = NULL;
    int iw = 0, ih = 0;
    if (!d->dry && png && size > 0) {
        png_src src = {png, size, 0};
        img = cairo_image_surface_create_from_png_stream(png_read, &src);
        if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(img);
            img = NULL;
        } else {
            iw = cairo_image_surface_get_width(img);
            ih = cairo_image_surface_get_height(img);
        }
    }
    if (width <= 0 || height <= 0) width = 4, height = 3;
    double s = max_w / width;
    if (height * s > max_h) s = max_h / height;
    double w = width * s, h = height * s;
    double cap_h = caption && caption[0] ? CT_PDF_FS_SMALL * 1.35 + 3 : 0;
    ct_pdf_need(d, h + cap_h + 4);
    double x = d->left + 0.5 * (ct_pdf_content_width(d) - w);
    cairo_t *cr = d->cr;
    if (img) {
        cairo_save(cr);
        cairo_translate(cr, x, d->y);
        cairo_scale(cr, w / iw, h / ih);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_surface_destroy(img);
    } else if (!d->dry) {
        cairo_set_line_width(cr, 0.6);
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
        cairo_rectangle(cr, x, d->y, w, h);
        cairo_stroke(cr);
        ct_pdf_text(d, x + 0.5 * w, d->y + 0.5 * h, 0.5,
                    png ? "(picture could not be decoded)" : "(no picture rendered)", CT_PDF_FS_BODY,
                    0, CT_PDF_RGB_MUTED);
    }
    d->y += h + 3;
    if (cap_h > 0) ct_pdf_para(d, caption, CT_PDF_FS_SMALL, 0, CT_PDF_RGB_MUTED, 0);
    d->y += 4;
}
