/* Helpers of the viewer tests: run a shell command capturing its output, read a file, count and
 * pick values out of the viewer's dump JSON text. Header-only (static inline functions). */
#ifndef CT_TEST_VIEWER_HARNESS_H
#define CT_TEST_VIEWER_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define CELL CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json"
#define CLI CT_BUILD_DIR "/app/celltwin"
#define XVFB "xvfb-run -a -s '-screen 0 1280x720x24'"

/* Runs a shell command, captures stdout+stderr into out; returns the exit status. */
static inline int run(const char *cmd, char *out, size_t n) {
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    size_t len = 0, k;
    while (len + 1 < n && (k = fread(out + len, 1, n - 1 - len, p)) > 0) len += k;
    out[len] = 0;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The file's text (NUL-terminated) in a static buffer, or NULL. */
static inline char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return buf;
}

static inline int count_str(const char *s, const char *what) {
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what)) n++;
    return n;
}

static inline double json_num(const char *s, const char *key) {
    const char *p = strstr(s, key);
    return p ? atof(p + strlen(key)) : NAN;
}

#endif
