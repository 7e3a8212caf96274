/* Helpers shared by the test executables: run a shell command capturing its output and exit
 * status, read a whole file, ask whether a program is installed, count a substring.
 * Header-only (static inline functions); tests/ is on every test's include path (ct_test_exe). */
#ifndef CT_TEST_UTIL_H
#define CT_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* Runs cmd through the shell. Its stdout (append 2>&1 for stderr too) goes into out, at most n - 1
 * bytes and NUL-terminated (out may be NULL); the rest is read and dropped, so the command runs to
 * its end. Returns the exit status, or -1 when it could not start or was killed by a signal. */
static inline int run(const char *cmd, char *out, size_t n) {
    if (out && n) out[0] = 0;
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    char sink[4096];
    size_t len = 0, k;
    for (;;) {
        int room = out && len + 1 < n;
        k = fread(room ? out + len : sink, 1, room ? n - 1 - len : sizeof sink, p);
        if (k == 0) break;
        if (room) len += k;
    }
    if (out && n) out[len] = 0;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The whole file, NUL-terminated, malloc'd (the caller frees); its length in *len (may be NULL).
 * NULL when it cannot be read. */
static inline char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *s = NULL;
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (s = (char *)malloc((size_t)n + 1)) != NULL) {
        if (fread(s, 1, (size_t)n, f) == (size_t)n) {
            s[n] = 0;
            if (len) *len = (size_t)n;
        } else {
            free(s);
            s = NULL;
        }
    }
    fclose(f);
    return s;
}

/* 1 when `tool` is a command the shell finds. */
static inline int have_tool(const char *tool) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    return system(cmd) == 0;
}

/* Occurrences of needle in hay before end (end NULL: the whole string). */
static inline int count_str(const char *hay, const char *needle, const char *end) {
    int n = 0;
    for (const char *p = strstr(hay, needle); p && (!end || p < end); p = strstr(p + 1, needle)) n++;
    return n;
}

#endif
