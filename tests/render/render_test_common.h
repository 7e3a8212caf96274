/* Preamble of the Vulkan renderer tests: lavapipe pinned in memory for LeakSanitizer, and the
 * validation layer's message counter (any message fails a test). Header-only; include it once per
 * test executable, after `#define _GNU_SOURCE`. */
#ifndef CT_TEST_RENDER_TEST_COMMON_H
#define CT_TEST_RENDER_TEST_COMMON_H

#include <dlfcn.h>
#include <stdio.h>

/* Keep lavapipe loaded past vkDestroyInstance so LeakSanitizer can attribute its allocations
 * (TOOLCHAIN.md: otherwise ASan reports its internal memory as unknown leaks). */
__attribute__((constructor)) static void pin_icd(void) { dlopen("libvulkan_lvp.so", RTLD_NOW | RTLD_NODELETE | RTLD_GLOBAL); }

/* Validation messages since the test last set it to 0; on_message is the renderer's callback. */
static int nmessages __attribute__((unused));
static inline void on_message(int severity, const char *msg, void *user) {
    (void)user;
    fprintf(stderr, "vulkan validation (%d): %s\n", severity, msg);
    nmessages++;
}

#endif
