/* celltwin viewer: a GLFW window showing a cell with its programs played on a timeline, the
 * verification running in a background thread and its findings highlighted as they become known
 * (streamed from the verifier: timeline markers and the findings list grow while it runs, then
 * the time-ordered final report replaces them).
 *
 * Keys: space play/pause, +/- speed (x0.25 .. x8), n/p next/previous finding, ]/[ next/previous
 * program step, f fit all, t/1 top, 2 front, 3 side, c follow the TCP (of the carried tool, as the
 * drawn path) of the selected step's or finding's robot, a base/TCP/user frames on/off, Tab side panel on/off, q/Esc quit. The
 * side panel lists program steps (click: jump to the step's start), findings (click: jump and
 * frame the two bodies) and joint bars. Mouse: left drag orbit, right (or shift+left) drag pan,
 * wheel zoom, left click/drag on the timeline bar scrubs.
 * Test hook: a script file (viewer_script.c) drives the same actions and takes screenshots through
 * the renderer's read-back. Units: s, m, rad inside; the caller converts at the CLI edge. */
#ifndef CELLTWIN_VIEWER_H
#define CELLTWIN_VIEWER_H

#include "celltwin/base.h"

#define CT_VIEWER_MAX_JOB 16

typedef struct ct_viewer_def {
    const char *cell;                          /* cell.json path (required) */
    int njob;                                  /* --job overrides: robot name = jobfile */
    const char *job_robot[CT_VIEWER_MAX_JOB];
    const char *job_file[CT_VIEWER_MAX_JOB];
    double time;                               /* s: start time on the timeline; default 0 */
    double speed;                              /* playback speed factor 0.25 .. 8; default 1 */
    int width, height;                         /* window size (px); default 1280 x 720 */
    const char *script;                        /* script file or NULL (interactive) */
    const char *screenshot;                    /* PNG written when the viewer closes, or NULL */
    int verbose;                               /* 1: print script actions to stdout; default 1 */
    const char *font;                          /* TrueType font for the panel; NULL: $CT_VIEWER_FONT,
                                                  else NanumGothic (fonts-nanum), DejaVu Sans fallback */
    int watch;                                 /* 1: reload cell/jobfiles when they change; default 0 */
} ct_viewer_def;

CT_API ct_viewer_def ct_viewer_default_def(void);

/* Runs the viewer until the window closes, `quit` or the end of the script. Fails with
 * CT_ERR_UNSUPPORTED when there is no font, no display, no GLFW Vulkan support or no Vulkan driver, with
 * the file:line of bad cell/jobfile/script input otherwise. */
CT_API ct_status ct_viewer_run(const ct_viewer_def *def, ct_error *err);

#endif
