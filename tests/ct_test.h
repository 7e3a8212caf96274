/* Tiny test runner shared by every test executable. Each test is `static int test_x(void)` that
 * returns 0 on success, CT_TEST_SKIP_CODE to skip (after printing why) or 1 on failure. The
 * executable runs the test named in argv[1], or all of them without an argument.
 *   CT_TEST_MAIN(CT_TEST(parse_ok), CT_TEST(bad_xml))  */
#ifndef CT_TEST_H
#define CT_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CT_TEST_SKIP_CODE 77

#define CT_ENSURE(c)                                                             \
    do {                                                                         \
        if (!(c)) {                                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);\
            return 1;                                                            \
        }                                                                        \
    } while (0)

#define CT_ENSURE_MSG(c, ...)                                                    \
    do {                                                                         \
        if (!(c)) {                                                              \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #c);\
            fprintf(stderr, __VA_ARGS__);                                        \
            fputc('\n', stderr);                                                 \
            return 1;                                                            \
        }                                                                        \
    } while (0)

#define CT_ENSURE_NEAR(a, b, tol)                                                            \
    do {                                                                                     \
        double ct_a_ = (double)(a), ct_b_ = (double)(b);                                     \
        if (!(fabs(ct_a_ - ct_b_) <= (tol))) {                                               \
            fprintf(stderr, "%s:%d: %s = %.17g, %s = %.17g, |diff| %.3g > %.3g\n", __FILE__, \
                    __LINE__, #a, ct_a_, #b, ct_b_, fabs(ct_a_ - ct_b_), (double)(tol));     \
            return 1;                                                                        \
        }                                                                                    \
    } while (0)

#define CT_SKIP(...)                                  \
    do {                                              \
        printf("SKIPPED: ");                          \
        printf(__VA_ARGS__);                          \
        printf("\n");                                 \
        return CT_TEST_SKIP_CODE;                     \
    } while (0)

typedef struct ct_test_entry { const char *name; int (*fn)(void); } ct_test_entry;
#define CT_TEST(name) { #name, test_##name }

#define CT_TEST_MAIN(...)                                                                   \
    int main(int argc, char **argv) {                                                       \
        static const ct_test_entry tests[] = {__VA_ARGS__};                                 \
        int n = (int)(sizeof tests / sizeof tests[0]), ran = 0, failed = 0, skipped = 0;    \
        for (int i = 0; i < n; i++) {                                                       \
            if (argc > 1 && strcmp(argv[1], tests[i].name) != 0) continue;                  \
            ran++;                                                                          \
            int r = tests[i].fn();                                                          \
            if (r == CT_TEST_SKIP_CODE) skipped++;                                          \
            else if (r != 0) { failed++; fprintf(stderr, "FAIL %s\n", tests[i].name); }     \
            else printf("ok %s\n", tests[i].name);                                          \
        }                                                                                   \
        if (ran == 0) { fprintf(stderr, "no test named %s\n", argc > 1 ? argv[1] : "?"); return 2; } \
        if (failed) return 1;                                                               \
        return (skipped == ran) ? CT_TEST_SKIP_CODE : 0;                                    \
    }

/* Paths for tests: the source tree and the shared test data (may be absent). */
#ifndef CT_SOURCE_DIR
#define CT_SOURCE_DIR "."
#endif
#ifndef CT_SHARED_DIR
#define CT_SHARED_DIR "../shared"
#endif

#endif
