/* PNG writing with libpng, atomically: a temporary file in the same folder, then rename. */
#include <png.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "celltwin/render.h"

ct_status ct_vk_write_png(const char *path, const uint8_t *rgba, int width, int height, ct_error *err) {
    if (width < 1 || height < 1) return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "empty image");
    char tmp[4200];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp)
        return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "path too long");
    FILE *f = fopen(tmp, "wb");
    if (!f) return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot create file");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep *rows = (png_bytep *)ct_alloc((size_t)height * sizeof(png_bytep));
    if (!png || !info || !rows) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        ct_free(rows);
        fclose(f);
        remove(tmp);
        return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        ct_free(rows);
        fclose(f);
        remove(tmp);
        return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot write PNG");
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 3);
    for (int y = 0; y < height; y++) rows[y] = (png_bytep)(rgba + (size_t)y * width * 4);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    ct_free(rows);
    int bad = fflush(f) != 0 || ferror(f);
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        remove(tmp);
        return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot write file");
    }
    return CT_OK;
}
