/* report.pdf: lays the report out twice with cairo's PDF surface, first to count the pages
 * (output discarded, pictures not decoded) for the "page X of N" footers, then into a temporary
 * file next to the destination, renamed into place once cairo has finished it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "celltwin/report_pdf.h"
#include "report_pdf_priv.h"

typedef struct sink {
    FILE *f;
    int bad;
} sink;

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length) {
    (void)closure, (void)data, (void)length;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int length) {
    sink *s = closure;
    if (s->bad || fwrite(data, 1, length, s->f) != length) {
        s->bad = 1;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

/* The whole document onto surf; returns cairo's status, the page count in *pages. */
static cairo_status_t lay_out(const ct_report *r, ct_pdf_fonts *fonts, cairo_surface_t *surf,
                              int dry, int npage, int *pages) {
    cairo_t *cr = cairo_create(surf);
    ct_pdf d;
    ct_pdf_init(&d, cr, fonts);
    d.dry = dry;
    d.npage = npage;
    snprintf(d.footer, sizeof d.footer, "celltwin pre-commissioning report \xc2\xb7 %s \xc2\xb7 %s",
             r->cell_name ? r->cell_name : "", r->verdict ? r->verdict : (r->pass ? "PASS" : "FAIL"));
    ct_rpdf_front(&d, r);
    ct_rpdf_programs(&d, r);
    ct_rpdf_findings(&d, r);
    ct_rpdf_near(&d, r);
    ct_rpdf_diagnostics(&d, r);
    ct_pdf_end(&d);
    *pages = d.page;
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    return st;
}

/* PDF metadata; the creation date from the report's date when it is ISO 8601 (YYYY-MM-DD...),
 * so that the same report gives the same bytes. */
static void metadata(cairo_surface_t *surf, const ct_report *r) {
    char title[300];
    snprintf(title, sizeof title, "Pre-commissioning report: %s", r->cell_name ? r->cell_name : "");
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
    char creator[64];
    snprintf(creator, sizeof creator, "celltwin %s", r->version ? r->version : CT_REPORT_VERSION);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, creator);
    const char *dt = r->date ? r->date : "";
    int iso = strlen(dt) >= 10 && dt[4] == '-' && dt[7] == '-';
    for (int i = 0; iso && i < 10; i++)
        if (i != 4 && i != 7 && (dt[i] < '0' || dt[i] > '9')) iso = 0;
    char date[32];
    snprintf(date, sizeof date, "%.10sT00:00:00Z", iso ? dt : "2000-01-01");
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE, date);
}

ct_status ct_report_write_pdf(const ct_report *rep, const char *path, ct_error *err) {
    if (!rep || !path || !path[0])
        return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "no report or no output path");
    ct_pdf_fonts *fonts = NULL;
    ct_status st = ct_pdf_fonts_open(&fonts, err);
    if (st != CT_OK) return st;

    /* pass 1: count pages */
    int pages = 0;
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(discard, NULL, CT_PDF_A4_W, CT_PDF_A4_H);
    cairo_status_t cs = lay_out(rep, fonts, surf, 1, 0, &pages);
    cairo_surface_destroy(surf);
    if (cs != CAIRO_STATUS_SUCCESS) {
        ct_pdf_fonts_close(fonts);
        return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "cannot lay out the PDF: %s",
                            cairo_status_to_string(cs));
    }

    /* pass 2: the file */
    size_t n = strlen(path);
    char *tmp = ct_alloc(n + 40);
    if (!tmp) {
        ct_pdf_fonts_close(fonts);
        return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory");
    }
    /* a fresh name next to the destination, created with the usual permissions (umask) */
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        snprintf(tmp, n + 40, "%s.tmp.%ld.%d", path, (long)getpid(), attempt);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) break;
    }
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            remove(tmp);
        }
        ct_free(tmp);
        ct_pdf_fonts_close(fonts);
        return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot write file: %s", strerror(e));
    }
    sink s = {f, 0};
    surf = cairo_pdf_surface_create_for_stream(to_file, &s, CT_PDF_A4_W, CT_PDF_A4_H);
    cairo_pdf_surface_restrict_to_version(surf, CAIRO_PDF_VERSION_1_5);
    metadata(surf, rep);
    int pages2 = 0;
    cs = lay_out(rep, fonts, surf, 0, pages, &pages2);
    cairo_surface_finish(surf);
    if (cs == CAIRO_STATUS_SUCCESS) cs = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    ct_pdf_fonts_close(fonts);
    int bad = s.bad || cs != CAIRO_STATUS_SUCCESS;
    bad |= fflush(f) != 0 || ferror(f);
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        ct_free(tmp);
        if (cs != CAIRO_STATUS_SUCCESS && !s.bad)
            return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "cannot draw the PDF: %s",
                                cairo_status_to_string(cs));
        return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot write file: %s", strerror(e));
    }
    ct_free(tmp);
    (void)pages2; /* equals pages: both passes run the same layout */
    return CT_OK;
}
