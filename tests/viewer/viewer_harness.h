/* Helpers of the viewer tests (also used by tests/render/test_render_frames.c): the paths of the
 * CLI and the sample cell, a file's text, a number picked out of the viewer's dump JSON text, and
 * a script run in the viewer under Xvfb, and the check that a bad script line fails with
 * script:line:col before any window opens.
 * Header-only (static inline functions); shell and file helpers come from tests/test_util.h. */
#ifndef CT_TEST_VIEWER_HARNESS_H
#define CT_TEST_VIEWER_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ct_test.h"
#include "test_util.h"

#define CELL CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json"
#define CLI CT_BUILD_DIR "/app/celltwin"
#define XVFB "xvfb-run -a -s '-screen 0 1280x720x24'"

/* Skips the test (77) when xvfb-run is not installed. */
#define NEED_XVFB()                                                                                 \
    do {                                                                                            \
        if (!have_tool("xvfb-run")) CT_SKIP("xvfb-run is not installed (apt: xvfb xauth)");      \
    } while (0)

/* The file's text (NUL-terminated), or NULL; valid until the next call. */
static inline char *slurp(const char *path) {
    static char *last;
    free(last);
    last = read_file(path, NULL);
    return last;
}

/* Writes text to path; 0 when it cannot. */
static inline int write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) return 0;
    fputs(text, f);
    return fclose(f) == 0;
}

/* Writes `script` to <dir>/s.txt and runs `celltwin view <args> --size <w>x<h> --script <dir>/s.txt`
 * under Xvfb; its stdout+stderr into out (and printed). Returns the exit status, -1 when the
 * script cannot be written. */
static inline int view_script(const char *dir, const char *script, const char *args, int w, int h, char *out,
                              size_t n) {
    char path[600], cmd[4096];
    snprintf(path, sizeof path, "%s/s.txt", dir);
    if (!write_text(path, script)) return -1;
    snprintf(cmd, sizeof cmd, XVFB " %s view %s --size %dx%d --script %s 2>&1", CLI, args, w, h, path);
    int rc = run(cmd, out, n);
    printf("%s", out);
    return rc;
}

static inline double json_num(const char *s, const char *key) {
    const char *p = strstr(s, key);
    return p ? atof(p + strlen(key)) : NAN;
}

/* `celltwin view CELL --script S` where S holds `script` (printf-escaped text): exit 2 and a
 * message holding both "bad.txt:<where>: error" and `word`. Returns 0, or 1 after a failed check. */
static inline int bad_script_exits_2(const char *script, const char *where, const char *word) {
    char dir[] = "/tmp/ct_viewer_XXXXXX", cmd[1024], want[64];
    static char out[65536];
    CT_ENSURE(mkdtemp(dir) != NULL);
    snprintf(cmd, sizeof cmd, "printf '%s' > %s/bad.txt && %s view %s --script %s/bad.txt 2>&1", script, dir, CLI,
             CELL, dir);
    int rc = run(cmd, out, sizeof out);
    printf("%s", out);
    CT_ENSURE_MSG(rc == 2, "exit %d", rc);
    snprintf(want, sizeof want, "bad.txt:%s: error", where);
    CT_ENSURE_MSG(strstr(out, want) && strstr(out, word), "no script:line:col message");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CT_ENSURE(system(cmd) == 0);
    return 0;
}

#endif
