/* Helpers of the report tests that write files: one temporary folder per test process, created on
 * first use and removed at exit (kept, and printed, with CT_KEEP_TEST_FILES=1). Define
 * RT_TMP_TEMPLATE (a mkdtemp template) before including this header. Header-only. */
#ifndef CT_TEST_REPORT_TEST_UTIL_H
#define CT_TEST_REPORT_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "test_util.h"

#ifndef RT_TMP_TEMPLATE
#define RT_TMP_TEMPLATE "/tmp/ct_test_report_XXXXXX"
#endif

static char g_dir[256];

static inline void rt_cleanup(void) {
    if (!g_dir[0]) return;
    if (getenv("CT_KEEP_TEST_FILES")) {
        printf("kept %s\n", g_dir);
        return;
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", g_dir);
}

/* The process's temporary folder, or NULL when it cannot be made. */
static inline const char *tmpdir(void) {
    if (!g_dir[0]) {
        snprintf(g_dir, sizeof g_dir, RT_TMP_TEMPLATE);
        if (!mkdtemp(g_dir)) {
            g_dir[0] = 0;
            return NULL;
        }
        atexit(rt_cleanup);
    }
    return g_dir;
}

#endif
