/* Helpers shared by the benchmark programs: a monotonic clock and the CPU model for the JSON lines. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench.h"

double ct_bench_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void ct_bench_machine(char *out, size_t n) {
    snprintf(out, n, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *c = strchr(line, ':');
        if (strncmp(line, "model name", 10) || !c) continue;
        c += 1 + (c[1] == ' ');
        size_t k = 0;
        for (; *c && *c != '\n' && k + 1 < n; c++)
            if (*c != '"' && *c != '\\') out[k++] = *c; /* keep it JSON-safe */
        out[k] = 0;
        break;
    }
    fclose(f);
}
