/* `celltwin view cell.json [--job R=FILE]... [--time T] [--speed X] [--size WxH] [--script FILE]
 *  [--screenshot OUT.png]`: the interactive viewer (render/viewer). Exit 0 when the window closes,
 * 2 on bad input, or without a font, a display / GLFW / Vulkan (or a build without the viewer). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_cell.h"
#ifdef CT_HAVE_VIEWER
#include "celltwin/viewer.h"
#endif

static const char *const usage =
    "celltwin view cell.json [--job R=FILE]... [--time T] [--speed X] [--size 1280x720]\n"
    "              [--script FILE] [--screenshot OUT.png] [--watch] [--font FILE.ttf]\n"
    "  --time T          start at T seconds on the timeline\n"
    "  --speed X         playback speed 0.25 .. 8 (keys + and - change it)\n"
    "  --script FILE     drive the viewer: play S, pause, wait S, next-finding, prev-finding,\n"
    "                    next-step, prev-step, time T, speed X, view fit|top|front|side,\n"
    "                    screenshot FILE.png, quit\n"
    "  --screenshot F    write the last frame as PNG when the viewer closes\n"
    "  --watch           reload the cell and jobfiles when they change (checked once a second)\n"
    "  --font FILE       TrueType font for the side panel (default $CT_VIEWER_FONT, else\n"
    "                    NanumGothic from fonts-nanum; DejaVu Sans for what it lacks)\n"
    "  script also: click-step N, click-finding N, dump FILE.json, dump-now FILE.json, wait-reload,\n"
    "               wait-finding [KIND], panel on|off, frames on|off, follow\n"
    "keys: space play/pause, +/- speed, n/p next/previous finding, ]/[ next/previous step,\n"
    "      f fit all, t/1 top, 2 front, 3 side, c follow TCP, a frames, Tab panel, q/Esc quit; mouse: left drag orbit, right drag pan,\n"
    "      wheel zoom, click/drag on the timeline to scrub";

#ifdef CT_HAVE_VIEWER
int ct_cmd_view(int argc, char **argv) {
    ct_viewer_def d = ct_viewer_default_def();
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            printf("usage: %s\n", usage);
            return CT_EXIT_OK;
        } else if (!strcmp(o, "--job") && has) {
            if (d.njob == CT_VIEWER_MAX_JOB || !ct_cli_job_split(argv[++i], &d.job_robot[d.njob], &d.job_file[d.njob]))
                return ct_cli_usage_error("view", usage, "--job expects ROBOT=FILE (got '%s')", argv[i]);
            d.njob++;
        } else if ((!strcmp(o, "--time") || !strcmp(o, "--speed")) && has) {
            char *end;
            double v = strtod(argv[++i], &end);
            int is_time = !strcmp(o, "--time");
            if (*end || !isfinite(v) || (is_time ? v < 0 : (v < 0.25 || v > 8)))
                return ct_cli_usage_error("view", usage, "%s expects %s (got '%s')", o,
                                          is_time ? "seconds >= 0" : "a factor 0.25 .. 8", argv[i]);
            if (is_time) d.time = v;
            else d.speed = v;
        } else if (!strcmp(o, "--size") && has) {
            char tail;
            if (sscanf(argv[++i], "%dx%d%c", &d.width, &d.height, &tail) != 2 || d.width < 64 || d.height < 64 ||
                d.width > 8192 || d.height > 8192)
                return ct_cli_usage_error("view", usage, "--size expects WxH in 64..8192 (got '%s')", argv[i]);
        } else if (!strcmp(o, "--script") && has) {
            d.script = argv[++i];
        } else if (!strcmp(o, "--watch")) {
            d.watch = 1;
        } else if (!strcmp(o, "--font") && has) {
            d.font = argv[++i];
        } else if (!strcmp(o, "--screenshot") && has) {
            d.screenshot = argv[++i];
        } else if (o[0] == '-') {
            return ct_cli_usage_error("view", usage, "unknown or incomplete option '%s'", o);
        } else if (!d.cell) {
            d.cell = o;
        } else {
            return ct_cli_usage_error("view", usage, "unexpected argument '%s'", o);
        }
    }
    if (!d.cell) return ct_cli_usage_error("view", usage, "missing cell file");
    ct_error err;
    ct_error_clear(&err);
    if (ct_viewer_run(&d, &err) != CT_OK) {
        char msg[1200];
        ct_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "celltwin view: %s\n", msg);
        return CT_EXIT_BAD_INPUT;
    }
    return CT_EXIT_OK;
}
#else
int ct_cmd_view(int argc, char **argv) {
    (void)argc, (void)argv;
    fprintf(stderr, "celltwin view: this build has no viewer (GLFW 3 or the Vulkan renderer was not found at "
                    "configure time; install libglfw3-dev and reconfigure)\n");
    return CT_EXIT_BAD_INPUT;
}
#endif
