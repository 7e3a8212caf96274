/* `celltwin bench report`: time to write the demo cell's pre-commissioning report. */
#ifndef CT_BENCH_REPORT_H
#define CT_BENCH_REPORT_H

/* `bench report [--runs N] [--cell cell.json] [--no-pictures] [--pdf]`: loads and plays the cell,
 * verifies it and writes the report folder (HTML + JSON, pictures, PDF with --pdf) N times (default
 * 3), printing one JSON line per run with the stages (load, verify, model with its series,
 * pictures, html, json, pdf, write) and a summary line with the mean and minimum total, the Vulkan device and the
 * machine. 0, or 2 on error (bad cell, no Vulkan). */
int ct_bench_report(int argc, char **argv);

#endif
