/* ct_viewer_run: loads the cell and its programs, opens the GLFW window with a Vulkan surface on
 * the renderer, starts the background verification, then loops: events, playback, script,
 * render, screenshot, present. Mouse and keyboard map onto viewer_actions.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viewer_internal.h"
#include "viewer_text.h"

#if defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
/* Sanitizer builds only: keep lavapipe mapped after vkDestroyInstance so LeakSanitizer can see its
 * globals (otherwise it reports lavapipe's own 240 bytes from an unknown module; TOOLCHAIN.md). */
__attribute__((constructor)) static void vw_pin_icd(void) {
    dlopen("libvulkan_lvp.so", RTLD_NOW | RTLD_NODELETE | RTLD_GLOBAL);
}
#endif

#define DEG (M_PI / 180.0)

ct_viewer_def ct_viewer_default_def(void) {
    ct_viewer_def d;
    memset(&d, 0, sizeof d);
    d.speed = 1;
    d.width = 1280;
    d.height = 720;
    d.verbose = 1;
    return d;
}

static char glfw_msg[512];
static int glfw_up; /* glfwInit succeeded */
static void on_glfw_error(int code, const char *msg) {
    snprintf(glfw_msg, sizeof glfw_msg, "GLFW error %d: %s", code, msg ? msg : "?");
}

/* ---- input ---- */

static void on_key(GLFWwindow *w, int key, int scancode, int action, int mods) {
    vw_state *s = (vw_state *)glfwGetWindowUserPointer(w);
    (void)scancode, (void)mods;
    if (action != GLFW_PRESS && action != GLFW_REPEAT) return;
    switch (key) {
    case GLFW_KEY_SPACE:
        if (s->t >= s->duration) s->t = 0;
        s->playing = !s->playing;
        break;
    case GLFW_KEY_EQUAL:
    case GLFW_KEY_KP_ADD: vw_set_speed(s, s->speed * 2); break;
    case GLFW_KEY_MINUS:
    case GLFW_KEY_KP_SUBTRACT: vw_set_speed(s, s->speed / 2); break;
    case GLFW_KEY_N: vw_jump_finding(s, 1); break;
    case GLFW_KEY_P: vw_jump_finding(s, -1); break;
    case GLFW_KEY_RIGHT_BRACKET: vw_jump_step(s, 1); break;
    case GLFW_KEY_LEFT_BRACKET: vw_jump_step(s, -1); break;
    case GLFW_KEY_F: vw_view(s, "fit"); break;
    case GLFW_KEY_T:
    case GLFW_KEY_1: vw_view(s, "top"); break;
    case GLFW_KEY_2: vw_view(s, "front"); break;
    case GLFW_KEY_3: vw_view(s, "side"); break;
    case GLFW_KEY_C:
        s->follow = !s->follow;
        break;
    case GLFW_KEY_TAB: s->panel_on = !s->panel_on; break;
    case GLFW_KEY_A: s->frames_on = !s->frames_on; break;
    case GLFW_KEY_Q:
    case GLFW_KEY_ESCAPE: s->quit = 1; break;
    default: break;
    }
}

/* Cursor position in framebuffer px (window coordinates scaled on HiDPI screens). */
static void cursor_fb(vw_state *s, double *x, double *y) {
    int ww, wh;
    glfwGetCursorPos(s->win, x, y);
    glfwGetWindowSize(s->win, &ww, &wh);
    if (ww > 0 && wh > 0) *x *= (double)s->width / ww, *y *= (double)s->height / wh;
}

static void scrub_to(vw_state *s, double x) {
    int x0, y0, x1, y1;
    vw_bar_rect(s, &x0, &y0, &x1, &y1);
    vw_set_time(s, (x - x0) / (double)(x1 - x0 - 1) * s->duration);
}

static void on_button(GLFWwindow *w, int button, int action, int mods) {
    vw_state *s = (vw_state *)glfwGetWindowUserPointer(w);
    double x, y;
    cursor_fb(s, &x, &y);
    if (action == GLFW_RELEASE) {
        s->drag = 0;
        return;
    }
    int x0, y0, x1, y1;
    vw_bar_rect(s, &x0, &y0, &x1, &y1);
    if (button == GLFW_MOUSE_BUTTON_LEFT && y >= y0 && y < y1 && x >= x0 - 28 && x < x1) {
        if (x < x0) {
            s->playing = !s->playing; /* the play/pause glyph */
        } else {
            s->drag = 3;
            s->playing = 0;
            scrub_to(s, x);
        }
    } else if (button == GLFW_MOUSE_BUTTON_LEFT && x >= vw_panel_x0(s)) {
        vw_panel_click(s, x, y);
    } else if (button == GLFW_MOUSE_BUTTON_LEFT) {
        s->drag = (mods & GLFW_MOD_SHIFT) ? 2 : 1;
    } else if (button == GLFW_MOUSE_BUTTON_RIGHT || button == GLFW_MOUSE_BUTTON_MIDDLE) {
        s->drag = 2;
    }
    s->mx = x, s->my = y;
}

static void on_cursor(GLFWwindow *w, double wx, double wy) {
    vw_state *s = (vw_state *)glfwGetWindowUserPointer(w);
    double x, y;
    (void)wx, (void)wy;
    cursor_fb(s, &x, &y);
    double dx = x - s->mx, dy = y - s->my;
    s->mx = x, s->my = y;
    if (s->drag == 1) {
        s->az -= dx * 0.01;
        s->el = fmax(-89 * DEG, fmin(89.5 * DEG, s->el + dy * 0.01));
    } else if (s->drag == 2) {
        /* pan in the view plane: right = (-sin az, cos az, 0), up = z rotated by the elevation */
        double k = s->dist * 0.0015;
        double right[3] = {-sin(s->az), cos(s->az), 0};
        double up[3] = {-sin(s->el) * cos(s->az), -sin(s->el) * sin(s->az), cos(s->el)};
        for (int i = 0; i < 3; i++) s->target[i] += k * (-dx * right[i] + dy * up[i]);
    } else if (s->drag == 3) {
        scrub_to(s, x);
    }
}

static void on_scroll(GLFWwindow *w, double xoff, double yoff) {
    vw_state *s = (vw_state *)glfwGetWindowUserPointer(w);
    (void)xoff;
    s->dist = fmax(0.02, s->dist * pow(0.88, yoff));
}

/* ---- setup and teardown ---- */

static ct_status open_window(vw_state *s, ct_error *err) {
    const char *disp = getenv("DISPLAY");
    if (!disp || !*disp)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0,
                            "no display: DISPLAY is not set (the viewer needs an X server; without one run it "
                            "under xvfb-run -a -s \"-screen 0 1280x720x24\", or use `celltwin render` for pictures)");
    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit())
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "cannot open the display '%s': %s", disp, glfw_msg);
    glfw_up = 1;
    if (!glfwVulkanSupported())
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "GLFW finds no Vulkan loader/driver: %s", glfw_msg);
    uint32_t next = 0;
    const char **ext = glfwGetRequiredInstanceExtensions(&next);
    if (!ext) return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "no Vulkan window surface support: %s", glfw_msg);
    ct_vk_renderer_def rd = ct_vk_renderer_default_def();
    rd.width = s->def->width;
    rd.height = s->def->height;
    rd.ninstance_extension = (int)next;
    rd.instance_extension = ext;
    ct_status st = ct_vk_renderer_create(&rd, &s->rend, err);
    if (st != CT_OK) return st;
    st = ct_vk_scene_create(s->rend, s->cell, &s->scene, err);
    if (st != CT_OK) return st;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    s->win = glfwCreateWindow(s->def->width, s->def->height, "celltwin view", NULL, NULL);
    if (!s->win) return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "cannot create a window: %s", glfw_msg);
    if (glfwCreateWindowSurface(ct_vk_renderer_instance(s->rend), s->win, NULL, &s->surface) != VK_SUCCESS)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "cannot create a Vulkan surface: %s", glfw_msg);
    glfwGetFramebufferSize(s->win, &s->width, &s->height);
    if (s->width < 16 || s->height < 16) s->width = s->def->width, s->height = s->def->height;
    st = ct_vk_renderer_attach_surface(s->rend, s->surface, s->width, s->height, err);
    if (st != CT_OK) return st;
    s->overlay = (uint8_t *)malloc((size_t)s->width * s->height * 4);
    if (!s->overlay) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    glfwSetWindowUserPointer(s->win, s);
    glfwSetKeyCallback(s->win, on_key);
    glfwSetMouseButtonCallback(s->win, on_button);
    glfwSetCursorPosCallback(s->win, on_cursor);
    glfwSetScrollCallback(s->win, on_scroll);
    return CT_OK;
}

/* The window changed size: new swapchain, offscreen image and overlay. */
static ct_status resize(vw_state *s, ct_error *err) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(s->win, &w, &h);
    while ((w == 0 || h == 0) && !glfwWindowShouldClose(s->win)) { /* minimised */
        glfwWaitEvents();
        glfwGetFramebufferSize(s->win, &w, &h);
    }
    if (w < 16 || h < 16) return CT_OK;
    ct_vk_renderer_detach_surface(s->rend);
    ct_status st = ct_vk_renderer_attach_surface(s->rend, s->surface, w, h, err);
    if (st != CT_OK) return st;
    uint8_t *o = (uint8_t *)realloc(s->overlay, (size_t)w * h * 4);
    if (!o) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    s->overlay = o;
    s->width = w, s->height = h;
    return CT_OK;
}

static ct_status write_screenshot(vw_state *s, const char *path, ct_error *err) {
    uint8_t *px = (uint8_t *)malloc((size_t)s->width * s->height * 4);
    if (!px) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    ct_status st = ct_vk_read_pixels(s->rend, px, err);
    if (st == CT_OK) st = ct_vk_write_png(path, px, s->width, s->height, err);
    free(px);
    if (st == CT_OK && s->def->verbose) printf("view: screenshot %s (%dx%d) at t = %.6f s\n", path, s->width, s->height, s->t);
    return st;
}

static ct_status loop(vw_state *s, ct_error *err) {
    double last = glfwGetTime();
    char title[1024], shown[1024] = "";
    ct_status st = CT_OK;
    while (!s->quit && !glfwWindowShouldClose(s->win)) {
        int busy = s->playing || s->drag || s->have_script || !s->ver.joined;
        if (busy) glfwPollEvents();
        else glfwWaitEventsTimeout(0.1);
        double now = glfwGetTime();
        if (s->playing) {
            vw_set_time(s, s->t + (now - last) * s->speed);
            if (s->t >= s->duration) s->playing = 0;
        }
        last = now;
        vw_verify_poll(s);
        vw_watch_poll(s, now);
        if (s->have_script) vw_script_step(s, now);
        if (s->quit) break;
        st = vw_render(s, err);
        if (st != CT_OK) break;
        if (s->screenshot[0]) {
            st = write_screenshot(s, s->screenshot, err);
            s->screenshot[0] = 0;
            if (st != CT_OK) break;
        }
        st = ct_vk_present(s->rend, err);
        if (st == CT_ERR_UNSUPPORTED) { /* out of date: the window changed size */
            ct_error_clear(err);
            st = resize(s, err);
        }
        if (st != CT_OK) break;
        vw_title(s, title, sizeof title);
        if (strcmp(title, shown)) {
            glfwSetWindowTitle(s->win, title);
            strcpy(shown, title);
        }
    }
    return st;
}

ct_status ct_viewer_run(const ct_viewer_def *def, ct_error *err) {
    vw_state *s = (vw_state *)calloc(1, sizeof *s);
    if (!s) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    s->def = def;
    s->finding = -1;
    s->speed = fmin(8, fmax(0.25, def->speed > 0 ? def->speed : 1));
    s->script.until = -1;
    s->panel_on = 1;
    s->sel_robot = -1;
    ct_status st = CT_OK;
    if (def->script) {
        st = vw_script_load(def->script, &s->script, err);
        s->have_script = st == CT_OK;
    }
    if (st == CT_OK) st = vw_font_load(def->font, NULL, 14.0f, &s->font, err);
    ct_cell_def cd = ct_cell_default_def();
    if (st == CT_OK) st = ct_cell_load(def->cell, &cd, &s->cell, err);
    vw_loaded l;
    memset(&l, 0, sizeof l);
    if (st == CT_OK) {
        st = vw_load(def, s->cell, 0, &l, err);
        s->nr = l.nr, s->progs = l.progs, s->traj = l.traj, s->paths = l.paths, s->duration = l.duration;
        size_t n = (size_t)s->nr + 1;
        s->qbuf = (double *)calloc(n * CT_ROBOT_MAX_DOF, sizeof(double));
        s->qptr = (const double **)calloc(n, sizeof *s->qptr);
        s->lines = (ct_vk_polyline *)calloc(n + VW_MAX_SHOWN, sizeof *s->lines);
        if (st == CT_OK && (!s->qbuf || !s->qptr || !s->lines || !vw_steps_build(s)))
            st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
        for (int i = 0; i < s->nr && s->sel_robot < 0; i++)
            if (s->traj[i]) s->sel_robot = i;
    }
    if (st == CT_OK) st = open_window(s, err);
    if (st == CT_OK) {
        if (def->watch) vw_watch_init(s);
        vw_set_time(s, def->time);
        vw_pose(s);
        vw_view(s, "fit");
        vw_verify_start(s);
        st = loop(s, err);
        if (st == CT_OK && def->screenshot) st = write_screenshot(s, def->screenshot, err);
    }
    /* teardown (every step tolerates a partial setup) */
    vw_watch_free(s);
    vw_verify_finish(s);
    if (s->rend) ct_vk_renderer_detach_surface(s->rend);
    if (s->surface) vkDestroySurfaceKHR(ct_vk_renderer_instance(s->rend), s->surface, NULL);
    if (s->win) glfwDestroyWindow(s->win);
    ct_vk_scene_destroy(s->scene);
    ct_vk_renderer_destroy(s->rend);
    if (glfw_up) glfwTerminate();
    glfw_up = 0;
    vw_loaded cur = {s->cell, 1, s->nr, s->progs, s->traj, s->paths, 0};
    vw_loaded_free(&cur); /* also destroys the cell */
    free(s->overlay);
    free(s->qbuf), free(s->qptr), free(s->lines), free(s->steps);
    vw_font_free(s->font);
    vw_script_free(&s->script);
    free(s);
    return st;
}
