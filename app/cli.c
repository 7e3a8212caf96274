/* Shared helpers of the celltwin subcommands. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int ct_cli_parse_list(const char *what, const char *text, double *out, int max) {
    int n = 0;
    const char *s = text;
    while (*s) {
        if (n == max) {
            fprintf(stderr, "error: %s: more than %d values in '%s'\n", what, max, text);
            return -1;
        }
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (end == s || errno == ERANGE || !isfinite(v)) {
            fprintf(stderr, "error: %s: value %d is not a finite number in '%s'\n", what, n + 1, text);
            return -1;
        }
        out[n++] = v;
        while (*end == ' ') end++;
        if (*end == ',') end++;
        else if (*end != 0) {
            fprintf(stderr, "error: %s: expected ',' after value %d in '%s'\n", what, n, text);
            return -1;
        }
        s = end;
    }
    return n;
}

int ct_cli_report(const ct_error *err) {
    char buf[1200];
    ct_error_format(err, buf, sizeof buf);
    fprintf(stderr, "%s\n", buf);
    return CT_EXIT_BAD_INPUT;
}

int ct_cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...) {
    fprintf(stderr, "celltwin %s: ", cmd);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s\n", usage);
    return CT_EXIT_BAD_INPUT;
}
