/* Private to the PDF report: the sections (front: verdict, identification, files, thresholds,
 * overview, robots; body: programs, findings, near misses, diagnostics and assumptions) and the
 * number formatting they share (user units: mm, deg, s). */
#ifndef CT_REPORT_PDF_PRIV_H
#define CT_REPORT_PDF_PRIV_H

#include <stddef.h>

#include "celltwin/report.h"
#include "pdf_doc.h"

void ct_rpdf_front(ct_pdf *d, const ct_report *r);
void ct_rpdf_programs(ct_pdf *d, const ct_report *r);
void ct_rpdf_findings(ct_pdf *d, const ct_report *r);
void ct_rpdf_near(ct_pdf *d, const ct_report *r);
void ct_rpdf_diagnostics(ct_pdf *d, const ct_report *r);

/* "12.35 mm" from metres; "-" for non-finite values. */
void ct_rpdf_mm(double m, char *buf, size_t size);
/* "1.234 s" */
void ct_rpdf_s(double s, char *buf, size_t size);
/* Verdict line: "FAIL: 1 collision, 2 clearance" / "PASS: no findings" (+ program problems). */
void ct_rpdf_verdict_counts(const ct_report *r, char *buf, size_t size);

#endif
