/* Renderer benchmark (JSON lines, each naming the Vulkan device):
 *   offscreen  the sample cell (robots at home, grid on, MSAA 4) rendered again and again while the
 *              camera orbits: frame time with and without reading the image back to host memory;
 *   window     the same into a GLFW window (render + present; e.g. under Xvfb), or a line saying
 *              why it was skipped (no DISPLAY, built without GLFW, no surface support);
 *   large      a generated cell of ~5 million triangles (sample cell + copies of a dense torus,
 *              written to a temporary folder) at 1920x1080 offscreen, with level of detail and
 *              culling (auto), culling only and full detail. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef CT_HAVE_GLFW
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#endif

#include "bench.h"
#include "bench_render.h"
#include "celltwin/render.h"
#include "dense_cell.h"

static double now(void) { return ct_bench_now(); }

static char machine[256]; /* CPU model, for every line */

typedef struct bench_opts {
    double seconds;
    int w, h;                   /* 0: the mode's default */
    int samples;                /* MSAA samples (renderer default 4) */
    const char *cell_path;
    int offscreen, window, large;
    int large_tris, large_objects;
} bench_opts;

static void report_error(const char *what, const ct_error *err) {
    char msg[1200];
    ct_error_format(err, msg, sizeof msg);
    fprintf(stderr, "bench render: %s: %s\n", what, msg);
}

static void skipped(const char *name, const char *why) {
    printf("{\"bench\":\"render\",\"case\":\"%s\",\"skipped\":\"%s\",\"machine\":\"%s\"}\n", name, why, machine);
}

/* Frames for `seconds` with the camera orbiting the frame's target at distance dist; present: 1
 * to present each frame (window), readback: 1 to read each image back. Prints one JSON line. */
static int run_frames(ct_vk_renderer *r, const ct_vk_scene *scene, ct_vk_frame f, double dist, double seconds,
                      const char *name, int readback, int present, void *window) {
    ct_error err;
    ct_error_clear(&err);
    int w, h;
    ct_vk_renderer_size(r, &w, &h);
    uint8_t *px = readback ? (uint8_t *)malloc((size_t)w * h * 4) : NULL;
    if (readback && !px) return 2;
    int rc = 0;
    if (ct_vk_render_frame(r, scene, &f, &err) != CT_OK) rc = 2; /* warm-up (shader JIT) */
    double t0 = now(), best = 1e30, t;
    long n = 0;
    long long tris = 0, tris_full = 0;
    while (rc == 0 && (t = now()) - t0 < seconds) {
        f.camera = ct_vk_camera_orbit(f.camera.target, 0.8 + 0.01 * n, 0.5, dist);
        if (ct_vk_render_frame(r, scene, &f, &err) != CT_OK || (readback && ct_vk_read_pixels(r, px, &err) != CT_OK))
            rc = 2;
        if (rc == 0 && present && ct_vk_present(r, &err) != CT_OK) rc = 2;
#ifdef CT_HAVE_GLFW
        if (window) glfwPollEvents();
#else
        (void)window;
#endif
        ct_vk_render_stats st;
        ct_vk_render_last_stats(r, &st);
        tris += st.triangles;
        tris_full += st.triangles_full;
        double dt = now() - t;
        if (dt < best) best = dt;
        n++;
    }
    double mean = (now() - t0) / (n ? n : 1);
    if (rc == 0)
        printf("{\"bench\":\"render\",\"case\":\"%s\",\"width\":%d,\"height\":%d,\"samples\":%d,\"detail\":\"%s\","
               "\"frames\":%ld,"
               "\"mean_ms\":%.3f,\"min_ms\":%.3f,\"fps\":%.1f,\"triangles_per_frame\":%lld,"
               "\"triangles_full\":%lld,\"bodies\":%d,\"device\":\"%s\",\"machine\":\"%s\"}\n",
               name, w, h, ct_vk_renderer_samples(r),
               f.detail == CT_VK_DETAIL_FULL ? "full" : f.detail == CT_VK_DETAIL_CULL_ONLY ? "cull_only" : "auto", n,
               1e3 * mean, 1e3 * best, 1.0 / mean, n ? tris / n : 0, n ? tris_full / n : 0,
               scene ? ct_vk_scene_body_count(scene) : 0, ct_vk_renderer_device_name(r), machine);
    else
        report_error(name, &err);
    free(px);
    fflush(stdout);
    return rc;
}

/* Loads the cell and builds renderer and scene (w x h offscreen; window extensions when given). */
static int setup(const char *cell_path, int w, int h, int samples, int next, const char *const *ext, ct_cell **cell,
                 ct_vk_renderer **r, ct_vk_scene **scene) {
    ct_error err;
    ct_error_clear(&err);
    ct_vk_renderer_def d = ct_vk_renderer_default_def();
    d.width = w, d.height = h;
    if (samples > 0) d.samples = samples;
    d.ninstance_extension = next;
    d.instance_extension = ext;
    if (ct_cell_load(cell_path, NULL, cell, &err) != CT_OK || ct_vk_renderer_create(&d, r, &err) != CT_OK ||
        ct_vk_scene_create(*r, *cell, scene, &err) != CT_OK) {
        report_error(cell_path, &err);
        return 2;
    }
    return 0;
}

static void teardown(ct_cell *cell, ct_vk_renderer *r, ct_vk_scene *scene) {
    ct_vk_scene_destroy(scene);
    ct_vk_renderer_destroy(r);
    ct_cell_destroy(cell);
}

/* Orbit distance that frames the whole cell. */
static double fit_dist(const ct_vk_frame *f) {
    double d = 0;
    for (int k = 0; k < 3; k++) {
        double e = f->camera.eye[k] - f->camera.target[k];
        d += e * e;
    }
    return sqrt(d);
}

static int bench_offscreen(const bench_opts *o) {
    int w = o->w ? o->w : 1280, h = o->h ? o->h : 720;
    ct_cell *cell = NULL;
    ct_vk_renderer *r = NULL;
    ct_vk_scene *scene = NULL;
    int rc = setup(o->cell_path, w, h, o->samples, 0, NULL, &cell, &r, &scene);
    ct_vk_frame f = ct_vk_default_frame(scene, (double)w / h);
    if (rc == 0) rc = run_frames(r, scene, f, 12.0, o->seconds, "offscreen_render", 0, 0, NULL);
    if (rc == 0) rc = run_frames(r, scene, f, 12.0, o->seconds, "offscreen_render_readback", 1, 0, NULL);
    f.detail = CT_VK_DETAIL_FULL;
    if (rc == 0) rc = run_frames(r, scene, f, 12.0, o->seconds, "offscreen_render_full_detail", 0, 0, NULL);
    teardown(cell, r, scene);
    return rc;
}

static int bench_window(const bench_opts *o) {
#ifndef CT_HAVE_GLFW
    (void)o;
    skipped("window_render_present", "built without GLFW (libglfw3-dev not found at configure time)");
    return 0;
#else
    const char *disp = getenv("DISPLAY");
    if (!disp || !disp[0]) {
        skipped("window_render_present",
                "DISPLAY is not set: run under a display or xvfb-run -s '-screen 0 1920x1080x24'");
        return 0;
    }
    if (!glfwInit()) {
        skipped("window_render_present", "glfwInit failed: cannot open the display");
        return 0;
    }
    if (!glfwVulkanSupported()) {
        skipped("window_render_present", "GLFW finds no Vulkan loader or driver");
        glfwTerminate();
        return 0;
    }
    uint32_t next = 0;
    const char **ext = glfwGetRequiredInstanceExtensions(&next);
    if (!ext) {
        skipped("window_render_present", "no Vulkan window-surface extensions for this display");
        glfwTerminate();
        return 0;
    }
    int w = o->w ? o->w : 1280, h = o->h ? o->h : 720;
    ct_cell *cell = NULL;
    ct_vk_renderer *r = NULL;
    ct_vk_scene *scene = NULL;
    int rc = setup(o->cell_path, w, h, o->samples, (int)next, ext, &cell, &r, &scene);
    GLFWwindow *win = NULL;
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    if (rc == 0) {
        glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
        glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
        win = glfwCreateWindow(w, h, "celltwin bench render", NULL, NULL);
        if (!win || glfwCreateWindowSurface(ct_vk_renderer_instance(r), win, NULL, &surface) != VK_SUCCESS) {
            fprintf(stderr, "bench render: cannot create a window with a Vulkan surface\n");
            rc = 2;
        }
    }
    ct_error err;
    ct_error_clear(&err);
    if (rc == 0) {
        int fw, fh;
        glfwGetFramebufferSize(win, &fw, &fh);
        if (ct_vk_renderer_attach_surface(r, surface, fw, fh, &err) != CT_OK) {
            report_error("attach surface", &err);
            rc = 2;
        }
    }
    if (rc == 0) {
        ct_vk_frame f = ct_vk_default_frame(scene, (double)w / h);
        rc = run_frames(r, scene, f, 12.0, o->seconds, "window_render_present", 0, 1, win);
    }
    if (r) ct_vk_renderer_detach_surface(r);
    if (surface) vkDestroySurfaceKHR(ct_vk_renderer_instance(r), surface, NULL);
    if (win) glfwDestroyWindow(win);
    teardown(cell, r, scene);
    glfwTerminate();
    return rc;
#endif
}

static int bench_large(const bench_opts *o) {
    int w = o->w ? o->w : 1920, h = o->h ? o->h : 1080;
    char dir[] = "/tmp/celltwin_bench_render_XXXXXX", cell_path[1024];
    if (!mkdtemp(dir)) {
        fprintf(stderr, "bench render: cannot create a temporary folder\n");
        return 2;
    }
    ct_error err;
    ct_error_clear(&err);
    double t0 = now();
    int per = o->large_tris / (o->large_objects > 0 ? o->large_objects : 1);
    int rc = 0;
    if (ct_dense_cell_write(dir, o->cell_path, o->large_objects, per, cell_path, sizeof cell_path, &err) != CT_OK) {
        report_error("large cell", &err);
        rc = 2;
    }
    double t1 = now();
    ct_cell *cell = NULL;
    ct_vk_renderer *r = NULL;
    ct_vk_scene *scene = NULL;
    if (rc == 0) rc = setup(cell_path, w, h, o->samples, 0, NULL, &cell, &r, &scene);
    double t2 = now();
    if (rc == 0) {
        ct_vk_frame f = ct_vk_default_frame(scene, (double)w / h);
        ct_vk_render_frame(r, scene, &f, &err);
        ct_vk_render_stats st;
        ct_vk_render_last_stats(r, &st);
        printf("{\"bench\":\"render\",\"case\":\"large_cell_setup\",\"triangles\":%lld,\"objects\":%d,"
               "\"write_s\":%.2f,\"load_and_lod_s\":%.2f,\"device\":\"%s\",\"machine\":\"%s\"}\n",
               st.triangles_full, o->large_objects, t1 - t0, t2 - t1, ct_vk_renderer_device_name(r), machine);
        double dist = fit_dist(&f);
        static const int detail[3] = {CT_VK_DETAIL_AUTO, CT_VK_DETAIL_CULL_ONLY, CT_VK_DETAIL_FULL};
        static const char *const name[3] = {"large_lod_cull", "large_cull_only", "large_full_detail"};
        for (int k = 0; k < 3 && rc == 0; k++) {
            f.detail = detail[k];
            rc = run_frames(r, scene, f, dist, o->seconds, name[k], 0, 0, NULL);
        }
        /* closer: part of the cell outside the view */
        for (int k = 0; k < 3 && rc == 0; k++) {
            char nm[64];
            snprintf(nm, sizeof nm, "%s_close", name[k]);
            f.detail = detail[k];
            rc = run_frames(r, scene, f, 0.5 * dist, o->seconds, nm, 0, 0, NULL);
        }
    }
    teardown(cell, r, scene);
    char p[1200];
    snprintf(p, sizeof p, "%s/cell.json", dir);
    remove(p);
    snprintf(p, sizeof p, "%s/dense.stl", dir);
    remove(p);
    rmdir(dir);
    return rc;
}

int ct_bench_render(int argc, char **argv) {
    bench_opts o = {2.0, 0, 0, 0, CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json", 0, 0, 0, 5000000, 20};
    int any = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc) o.seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--size") && i + 1 < argc && sscanf(argv[i + 1], "%dx%d", &o.w, &o.h) == 2 &&
                 o.w > 0 && o.h > 0)
            i++;
        else if (!strcmp(argv[i], "--cell") && i + 1 < argc) o.cell_path = argv[++i];
        else if (!strcmp(argv[i], "--samples") && i + 1 < argc && (o.samples = atoi(argv[i + 1])) >= 1 &&
                 o.samples <= 8)
            i++;
        else if (!strcmp(argv[i], "--offscreen")) o.offscreen = any = 1;
        else if (!strcmp(argv[i], "--window")) o.window = any = 1;
        else if (!strcmp(argv[i], "--large")) o.large = any = 1;
        else if (!strcmp(argv[i], "--large-triangles") && i + 1 < argc && (o.large_tris = atoi(argv[i + 1])) >= 1000)
            i++;
        else if (!strcmp(argv[i], "--large-objects") && i + 1 < argc &&
                 (o.large_objects = atoi(argv[i + 1])) >= 1 && o.large_objects <= 100)
            i++;
        else {
            fprintf(stderr, "usage: bench render [--seconds S] [--size WxH] [--cell cell.json] [--samples N]\n"
                            "                    [--offscreen] [--window]\n"
                            "                    [--large [--large-triangles N] [--large-objects K]]\n"
                            "  default: --offscreen --window (the window case says why when it is skipped)\n");
            return 2;
        }
    }
    if (o.seconds <= 0) o.seconds = 2.0;
    ct_bench_machine(machine, sizeof machine);
    if (!any) o.offscreen = o.window = 1;
    int rc = 0;
    if (o.offscreen) rc = bench_offscreen(&o);
    if (rc == 0 && o.window) rc = bench_window(&o);
    if (rc == 0 && o.large) rc = bench_large(&o);
    return rc;
}
