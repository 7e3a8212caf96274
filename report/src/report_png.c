/* PNG encoding into memory with libpng write callbacks (the pictures of report.html/.pdf).
 * RGB without alpha (the renderer's images are opaque), fixed compression settings and no time
 * chunk, so the same pixels always give the same bytes. */
#include <png.h>
#include <setjmp.h>
#include <string.h>

#include "celltwin/report.h"

typedef struct png_buf {
    uint8_t *data;
    size_t size, cap;
    int failed;
} png_buf;

static void buf_write(png_structp png, png_bytep p, png_size_t n) {
    png_buf *b = png_get_io_ptr(png);
    if (b->failed) return;
    if (b->size + n > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->size + n) cap *= 2;
        uint8_t *d = ct_realloc(b->data, cap);
        if (!d) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->size, p, n);
    b->size += n;
}

static void buf_flush(png_structp png) { (void)png; }

ct_status ct_report_png_encode(const uint8_t *rgba, int width, int height, uint8_t **out, size_t *size,
                               ct_error *err) {
    *out = NULL;
    *size = 0;
    if (width < 1 || height < 1) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "empty image");
    png_buf b = {NULL, 0, 0, 0};
    uint8_t *rgb = ct_alloc((size_t)width * (size_t)height * 3);
    png_bytep *rows = ct_alloc(sizeof(png_bytep) * (size_t)height);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!rgb || !rows || !png || !info) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        ct_free(rgb);
        ct_free(rows);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        ct_free(rgb);
        ct_free(rows);
        ct_free(b.data);
        return ct_error_set(err, CT_ERR_IO, NULL, 0, 0, "PNG encoding failed");
    }
    for (size_t i = 0; i < (size_t)width * (size_t)height; i++) memcpy(rgb + 3 * i, rgba + 4 * i, 3);
    for (int y = 0; y < height; y++) rows[y] = rgb + (size_t)y * (size_t)width * 3;
    png_set_write_fn(png, &b, buf_write, buf_flush);
    png_set_compression_level(png, 6);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    ct_free(rgb);
    ct_free(rows);
    if (b.failed) {
        ct_free(b.data);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    *out = b.data;
    *size = b.size;
    return CT_OK;
}
