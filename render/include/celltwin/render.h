/* celltwin renderer: Vulkan 1.3 drawing of a cell (robots, tools, parts, objects), a floor grid,
 * highlighted bodies, markers, polylines and coordinate frames, into an offscreen colour image that
 * can be read back (RGBA8) and written as PNG, or presented on a caller's window surface.
 *
 * Objects:
 *   ct_vk_renderer  Vulkan instance, device, offscreen targets, pipelines. One per thread.
 *   ct_vk_scene     GPU meshes of one cell (borrowed from the cell while it lives).
 *   ct_vk_frame     per-frame state, filled by the caller (all pointers borrowed for the call).
 * Units: metres, radians; colours are RGBA floats in 0..1 (straight alpha). The world frame is the
 * cell frame, z up. Every create has a destroy; functions that can fail take a caller-owned
 * ct_error and return ct_status (CT_ERR_* with a message saying what is missing, e.g. no Vulkan
 * driver). */
#ifndef CELLTWIN_RENDER_H
#define CELLTWIN_RENDER_H

#include <stdint.h>
#include <vulkan/vulkan.h>

#include "celltwin/base.h"
#include "celltwin/cell.h"
#include "celltwin/motion.h"
#include "celltwin/verify.h"

typedef struct ct_vk_renderer ct_vk_renderer;
typedef struct ct_vk_scene ct_vk_scene;

/* Receives validation-layer / driver messages (only when def.validation = 1). severity is the
 * VkDebugUtilsMessageSeverityFlagBitsEXT bit. */
typedef void ct_vk_message_fn(int severity, const char *message, void *user);

typedef struct ct_vk_renderer_def {
    int width, height;          /* offscreen image size (px); default 1280 x 720 */
    int samples;                /* MSAA samples 1, 2, 4 or 8 (clamped to what the device has); default 4 */
    int validation;             /* 1: enable VK_LAYER_KHRONOS_validation and a debug messenger; default 0
                                   (VK_INSTANCE_LAYERS=... also works without this) */
    ct_vk_message_fn *on_message; /* validation messages; NULL: logged through ct_log as warnings */
    void *message_user;
    /* Window mode: instance extensions the window system needs (glfwGetRequiredInstanceExtensions);
     * VK_KHR_swapchain is then enabled on the device too. Default none (offscreen only). */
    int ninstance_extension;
    const char *const *instance_extension;
    /* Level of detail: meshes with at least this many triangles get up to 3 simplified levels
     * (meshoptimizer) when the scene is created; default 4096; <= 0: never simplify. */
    int lod_min_triangles;
    int internal_value;         /* DO NOT SET: set by ct_vk_renderer_default_def */
} ct_vk_renderer_def;

CT_API ct_vk_renderer_def ct_vk_renderer_default_def(void);

/* Creates the instance, picks a device with graphics (prefers discrete GPU, then integrated, then
 * CPU such as lavapipe) and the offscreen targets. Fails with CT_ERR_UNSUPPORTED when there is no
 * Vulkan driver / no suitable device. def may be NULL (defaults). */
CT_API ct_status ct_vk_renderer_create(const ct_vk_renderer_def *def, ct_vk_renderer **out, ct_error *err);
CT_API void ct_vk_renderer_destroy(ct_vk_renderer *r);

/* Changes the offscreen image size (px). */
CT_API ct_status ct_vk_renderer_resize(ct_vk_renderer *r, int width, int height, ct_error *err);
CT_API void ct_vk_renderer_size(const ct_vk_renderer *r, int *width, int *height);
/* MSAA samples in use (def.samples clamped to what the device has). */
CT_API int ct_vk_renderer_samples(const ct_vk_renderer *r);
/* "llvmpipe (LLVM 15.0.6, 256 bits)" etc. */
CT_API const char *ct_vk_renderer_device_name(const ct_vk_renderer *r);
/* Raw handles (for window surfaces: glfwCreateWindowSurface(ct_vk_renderer_instance(r), ...)). */
CT_API VkInstance ct_vk_renderer_instance(const ct_vk_renderer *r);
CT_API VkPhysicalDevice ct_vk_renderer_physical_device(const ct_vk_renderer *r);
CT_API VkDevice ct_vk_renderer_device(const ct_vk_renderer *r);

/* Window mode: the renderer takes a surface the caller created on its instance (the caller keeps
 * ownership and destroys it after ct_vk_renderer_destroy / ct_vk_renderer_detach_surface) and
 * builds a swapchain of width x height px. The offscreen image is resized to match. */
CT_API ct_status ct_vk_renderer_attach_surface(ct_vk_renderer *r, VkSurfaceKHR surface, int width, int height,
                                               ct_error *err);
CT_API void ct_vk_renderer_detach_surface(ct_vk_renderer *r);
/* Copies the last rendered frame to the next swapchain image and presents it. Returns
 * CT_ERR_UNSUPPORTED with "out of date" when the window changed size: call attach_surface again. */
CT_API ct_status ct_vk_present(ct_vk_renderer *r, ct_error *err);

/* ---- scene ---- */

/* Builds GPU meshes for a loaded cell (ct_cell_load): every robot link's collision shapes (visual
 * shapes when the robot has them), the tool each robot carries (the lowest-numbered tool with
 * geometry, as verify does), parts on tools, static objects. The cell must outlive the scene.
 * Body names follow verify: "robot/link", "robot/tool", "part", "object". Meshes with at least
 * def.lod_min_triangles triangles also get up to 3 simplified levels (meshoptimizer; about 1/8,
 * 1/64, 1/512 of the triangles, error at most 0.4 %, 2 %, 8 % of the mesh's extent). */
CT_API ct_status ct_vk_scene_create(ct_vk_renderer *r, const ct_cell *cell, ct_vk_scene **out, ct_error *err);
CT_API void ct_vk_scene_destroy(ct_vk_scene *s);

CT_API int ct_vk_scene_body_count(const ct_vk_scene *s);
CT_API const char *ct_vk_scene_body_name(const ct_vk_scene *s, int body);
/* Body index by name, or -1. */
CT_API int ct_vk_scene_find_body(const ct_vk_scene *s, const char *name);
/* World-space axis-aligned bounds (m) of a body at the given robot joint values (robot_q as in
 * ct_vk_frame). Returns 0 when the body has no geometry. */
CT_API int ct_vk_scene_body_bounds(const ct_vk_scene *s, int body, const double *const *robot_q, double lo[3],
                                   double hi[3]);
/* Bounds of the whole cell at the given joint values. */
CT_API void ct_vk_scene_bounds(const ct_vk_scene *s, const double *const *robot_q, double lo[3], double hi[3]);
/* Colour of an object group (fixture, part, car body, ...), and of robots (group = -1). */
CT_API void ct_vk_group_color(int group, float rgba[4]);

/* TCP path of a robot's program as a polyline in the cell frame: the trajectory sampled every 20 ms
 * (2 to 2000 points), the TCP of the tool the robot carries, each point coloured by the motion type
 * of its segment (PTP blue, LIN green, CIRC magenta). Step ends: the TCP where each program step
 * (consecutive segments with the same src.step > 0) ends, at the end time of its last segment, in
 * the colour of that segment's motion type. Owned by the path; free with ct_vk_path_free. */
typedef struct ct_vk_path {
    double *point;              /* (npoint x 3) m, world */
    float *point_rgba;          /* (npoint x 4) */
    int npoint;
    int nstep;
    double *step_point;         /* (nstep x 3) m, world: TCP at the end of each step */
    float *step_rgba;           /* (nstep x 4) */
    int *step_number;           /* (nstep) the step's S number (src.step) */
    double *step_time;          /* (nstep) s: end time of the step */
} ct_vk_path;

CT_API ct_status ct_vk_tcp_path(const ct_cell *cell, int robot, const ct_traj *traj, ct_vk_path *out, ct_error *err);
CT_API void ct_vk_path_free(ct_vk_path *p);

/* ---- camera ---- */

/* Right-handed look-at camera with a perspective projection (Vulkan clip space: y down, depth
 * 0..1). Pixel (u, v) of a width x height image, u right and v down from the top-left corner, sees
 * clip (x, y) with u = (x + 1) / 2 * width, v = (y + 1) / 2 * height. */
typedef struct ct_vk_camera {
    double eye[3];              /* m, world */
    double target[3];           /* m, world: looked-at point */
    double up[3];               /* world up hint; default 0,0,1 */
    double fov_y;               /* vertical field of view (rad); default 45 deg */
    double znear, zfar;         /* m; default 0.05, 200 */
} ct_vk_camera;

/* Camera on a sphere around target: azimuth az (rad, from +x towards +y), elevation el (rad, up
 * from the xy plane), distance dist (m). */
CT_API ct_vk_camera ct_vk_camera_orbit(const double target[3], double az, double el, double dist);
/* Orbit camera at az, el whose distance frames the box lo..hi for the given aspect (w / h). */
CT_API ct_vk_camera ct_vk_camera_fit(const double lo[3], const double hi[3], double az, double el, double aspect);
/* Column-major 4x4 view and projection matrices (as uploaded to the shaders). */
CT_API void ct_vk_camera_matrices(const ct_vk_camera *c, double aspect, double view[16], double proj[16]);

/* ---- per-frame state ---- */

typedef struct ct_vk_highlight {
    int body;                   /* scene body index */
    float rgba[4];              /* replaces the body's colour (red collisions, orange near-misses) */
} ct_vk_highlight;

typedef struct ct_vk_marker {
    double pos[3];              /* m, world */
    double size;                /* m: half-length of the 3D cross; a gap of size/4 around pos stays open */
    float rgba[4];
} ct_vk_marker;

typedef struct ct_vk_polyline {
    int npoint;
    const double *point;        /* (npoint x 3) m, world */
    const float *point_rgba;    /* (npoint x 4) colour of the segment starting at each point; NULL: rgba */
    float rgba[4];
    int on_top;                 /* 1: drawn without depth test (witness lines) */
    /* Step markers: a filled diamond facing the camera at each point, step_marker_px pixels from
     * its centre to each corner (0: 5 px), depth-tested like the line (on_top applies). */
    int nstep;
    const double *step_point;   /* (nstep x 3) m, world */
    const float *step_rgba;     /* (nstep x 4); NULL: rgba */
    double step_marker_px;
} ct_vk_polyline;

/* The polyline of a TCP path with its step markers (pointers into p; p must outlive it). */
CT_API ct_vk_polyline ct_vk_path_polyline(const ct_vk_path *p);

typedef struct ct_vk_axes {
    ct_xform pose;              /* frame in the world */
    double length;              /* m: axis length; x red, y green, z blue */
} ct_vk_axes;

typedef struct ct_vk_frame {
    ct_vk_camera camera;
    const double *const *robot_q; /* (nrobot) pointers to (ndof) joint values; NULL or a NULL entry: home
                                     (cell home, else zeros) */
    int nhighlight;
    const ct_vk_highlight *highlight;
    int nmarker;
    const ct_vk_marker *marker;   /* drawn on top (no depth test) */
    int npolyline;
    const ct_vk_polyline *polyline;
    int naxes;
    const ct_vk_axes *axes;
    int show_grid;                /* 1: floor grid at z = 0, 1 m lines over the cell bounds + 1 m (x axis red, y green) */
    float background[4];          /* clear colour */
    /* Window mode overlay (UI): (height x width x 4) RGBA8 rows top first, straight alpha, blended
     * over the 3D image; NULL: none. Must match the renderer size. */
    const uint8_t *overlay_rgba;
    /* Level of detail and culling: CT_VK_DETAIL_AUTO (default, 0) picks each mesh's simplified
     * level per frame so that its geometric error projects to at most lod_pixels px and skips
     * shapes whose world bounds are outside the view; CT_VK_DETAIL_FULL draws every mesh in full
     * (report pictures); CT_VK_DETAIL_CULL_ONLY draws full meshes but skips those outside the view. */
    int detail;
    double lod_pixels;            /* px; <= 0: 1 px */
} ct_vk_frame;

enum { CT_VK_DETAIL_AUTO = 0, CT_VK_DETAIL_FULL = 1, CT_VK_DETAIL_CULL_ONLY = 2 };

/* How a verification finding is drawn: its bodies red (collision) or orange (clearance), yellow
 * markers at the witness points, and for a clearance an orange witness line drawn on top.
 * line.point points into witness, so the struct must not move once made. */
typedef struct ct_vk_finding_marks {
    int nhighlight;
    ct_vk_highlight highlight[2];
    int nmarker;
    ct_vk_marker marker[2];
    int has_line;
    ct_vk_polyline line;
    double witness[6];          /* point_a, point_b (m, world) */
} ct_vk_finding_marks;

CT_API void ct_vk_finding_marks_make(const ct_vk_scene *s, const ct_finding *f, ct_vk_finding_marks *m);
/* Box to frame a pair finding: its witness points with 0.6 m of context. Returns 0 for joint
 * findings (no second body). */
CT_API int ct_vk_finding_box(const ct_finding *f, double lo[3], double hi[3]);

/* ---- coordinate frames on demand (render --frames, viewer key a) ---- */

#define CT_VK_FRAME_NAME 80 /* bytes of a frame name with its NUL */

/* The frames of a cell in the cell frame, robot by robot: "R/base" (the robot's base frame,
 * cell->robot[i].base), "R/tcp" (the flange by forward kinematics at robot_q[i] times the TCP of
 * the tool the robot carries, ct_cell_carried_tool, as the TCP paths and verify use; the flange
 * when it carries none), then "R/user<N>" for each user frame in file order (its pose is in the
 * robot's base frame: base * pose). robot_q as in ct_vk_frame (NULL or a NULL entry: the cell's
 * home, else zeros). Every frame gets the axis length `length` (m). Writes the first
 * min(count, max) frames to axes and names (either may be NULL) and returns the count: 2 per
 * robot plus its user frames. */
CT_API int ct_vk_cell_frames(const ct_cell *cell, const double *const *robot_q, double length, ct_vk_axes *axes,
                             char (*names)[CT_VK_FRAME_NAME], int max);
/* Axis length (m) for the frames of a cell with bounds lo..hi: 4 % of the box diagonal, kept
 * within 0.05 .. 2 m. */
CT_API double ct_vk_frames_length(const double lo[3], const double hi[3]);
/* An axes triad as a polyline drawn on top (no depth test, so a base frame inside its base link
 * or a TCP inside a part stays visible): origin -> x tip -> origin -> y tip -> origin -> z tip,
 * x red, y green, z blue (the colours of ct_vk_frame.axes). point (6 x 3, m) and rgba (6 x 4)
 * are the caller's storage, filled here; they must outlive the polyline. */
CT_API ct_vk_polyline ct_vk_axes_polyline(const ct_vk_axes *a, double point[18], float rgba[24]);

/* A frame with defaults: camera fitting the scene's bounds from az 45 deg, el 30 deg, grid on,
 * background (0.93, 0.94, 0.96, 1), nothing highlighted. s may be NULL (camera at the origin). */
CT_API ct_vk_frame ct_vk_default_frame(const ct_vk_scene *s, double aspect);

/* Renders the scene with the frame state to the offscreen image and waits for it. */
CT_API ct_status ct_vk_render_frame(ct_vk_renderer *r, const ct_vk_scene *s, const ct_vk_frame *f, ct_error *err);

/* What the last ct_vk_render_frame drew (for tests and benchmarks). A shape is one mesh or
 * primitive of a body; a body counts as culled when all its shapes were. */
typedef struct ct_vk_render_stats {
    int bodies, bodies_culled;
    int shapes, shapes_culled;
    int shapes_at_lod[4];         /* drawn shapes per level (0: full mesh) */
    long long triangles;          /* triangles drawn */
    long long triangles_full;     /* triangles of every shape at full detail, culled or not */
} ct_vk_render_stats;

CT_API void ct_vk_render_last_stats(const ct_vk_renderer *r, ct_vk_render_stats *out);

/* Levels of detail of a body (summed over its shapes; a shape with fewer levels counts its
 * coarsest): triangles per level and the largest geometric error (m) of each level, as estimated
 * by the simplifier. Returns the number of levels (1: full meshes only; 0: no such body). */
CT_API int ct_vk_scene_body_lods(const ct_vk_scene *s, int body, long long ntri[4], double error[4]);

/* Copies the last rendered image to rgba: (height x width x 4) bytes, rows top first. */
CT_API ct_status ct_vk_read_pixels(ct_vk_renderer *r, uint8_t *rgba, ct_error *err);

/* Writes an RGBA8 image (rows top first) as PNG atomically (temporary file, then rename). */
CT_API ct_status ct_vk_write_png(const char *path, const uint8_t *rgba, int width, int height, ct_error *err);

#endif
