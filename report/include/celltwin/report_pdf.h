/* report.pdf: the pre-commissioning report (celltwin/report.h) laid out for A4 with cairo:
 * verdict first, identification, input hashes, thresholds, overview picture, robots, per
 * program step table and plots, every finding with its picture, near misses, unsupported
 * statements and assumptions; page numbers on every page. Text is set in NanumGothic (any font
 * with Hangul that fontconfig finds for Korean) with DejaVu Sans for missing characters; the
 * fonts are embedded, so Korean program names and comments print anywhere. */
#ifndef CELLTWIN_REPORT_PDF_H
#define CELLTWIN_REPORT_PDF_H

#include "celltwin/base.h"
#include "celltwin/report.h"

/* Writes the PDF to path atomically (a temporary file next to it, renamed when complete; no
 * file is left behind on failure). Errors: CT_ERR_NOT_FOUND when no font with Hangul is
 * installed ("install fonts-nanum"), CT_ERR_IO when the file cannot be written. */
CT_API ct_status ct_report_write_pdf(const ct_report *rep, const char *path, ct_error *err);

#endif
