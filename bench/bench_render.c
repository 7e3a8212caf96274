/* Renderer benchmark: the sample cell (robots at home, grid on, MSAA 4) rendered offscreen again
 * and again; frame time with and without reading the image back to host memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_render.h"
#include "celltwin/render.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int ct_bench_render(int argc, char **argv) {
    double seconds = 2.0;
    int w = 1280, h = 720;
    const char *cell_path = CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--size") && i + 1 < argc && sscanf(argv[i + 1], "%dx%d", &w, &h) == 2) i++;
        else if (!strcmp(argv[i], "--cell") && i + 1 < argc) cell_path = argv[++i];
        else {
            fprintf(stderr, "usage: bench render [--seconds S] [--size WxH] [--cell cell.json]\n");
            return 2;
        }
    }
    ct_error err;
    ct_error_clear(&err);
    ct_cell *cell = NULL;
    ct_vk_renderer *r = NULL;
    ct_vk_scene *scene = NULL;
    ct_vk_renderer_def d = ct_vk_renderer_default_def();
    d.width = w, d.height = h;
    if (ct_cell_load(cell_path, NULL, &cell, &err) != CT_OK || ct_vk_renderer_create(&d, &r, &err) != CT_OK ||
        ct_vk_scene_create(r, cell, &scene, &err) != CT_OK) {
        char msg[1200];
        ct_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "bench render: %s\n", msg);
        ct_vk_renderer_destroy(r);
        ct_cell_destroy(cell);
        return 2;
    }
    ct_vk_frame f = ct_vk_default_frame(scene, (double)w / h);
    uint8_t *px = (uint8_t *)malloc((size_t)w * h * 4);
    int rc = 0;
    for (int pass = 0; pass < 2 && rc == 0 && px; pass++) { /* 0: render only, 1: render + read back */
        if (ct_vk_render_frame(r, scene, &f, &err) != CT_OK) rc = 2; /* warm-up (JIT) */
        double t0 = now(), best = 1e30, t;
        long n = 0;
        while (rc == 0 && (t = now()) - t0 < seconds) {
            f.camera = ct_vk_camera_orbit(f.camera.target, 0.8 + 0.01 * n, 0.5, 12.0);
            if (ct_vk_render_frame(r, scene, &f, &err) != CT_OK || (pass && ct_vk_read_pixels(r, px, &err) != CT_OK))
                rc = 2;
            double dt = now() - t;
            if (dt < best) best = dt;
            n++;
        }
        double mean = (now() - t0) / (n ? n : 1);
        if (rc == 0)
            printf("{\"bench\":\"render\",\"case\":\"%s\",\"width\":%d,\"height\":%d,\"frames\":%ld,"
                   "\"mean_ms\":%.3f,\"min_ms\":%.3f,\"fps\":%.1f,\"device\":\"%s\",\"bodies\":%d}\n",
                   pass ? "offscreen_render_readback" : "offscreen_render", w, h, n, 1e3 * mean, 1e3 * best,
                   1.0 / mean, ct_vk_renderer_device_name(r), ct_vk_scene_body_count(scene));
    }
    if (rc) fprintf(stderr, "bench render: %s\n", err.message);
    free(px);
    ct_vk_scene_destroy(scene);
    ct_vk_renderer_destroy(r);
    ct_cell_destroy(cell);
    return rc;
}
