/* Private state of the viewer: the loaded cell and programs, playback, camera, the background
 * verification, the script cursor. One vw_state per window; only the main thread touches it except
 * vw_verify, which the verification thread fills under its mutex. */
#ifndef CT_VIEWER_INTERNAL_H
#define CT_VIEWER_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include "celltwin/render.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"
#include "celltwin/viewer.h"

#define VW_MAX_SHOWN 8 /* findings highlighted at once */

/* Background verification: written by the thread, read by the main thread under mu. */
typedef struct vw_verify {
    pthread_t thread;
    pthread_mutex_t mu;
    int started, done, joined;
    int pairs_done, npair;      /* progress */
    ct_status status;
    ct_error err;
    ct_verify_report *result;   /* written by the thread */
    ct_verify_report *rep;      /* owned; main thread's copy of result once joined (NULL before) */
    ct_verify_input in;
} vw_verify;

/* TCP path of one program (render.h). */
typedef ct_vk_path vw_path;

/* One script line. */
typedef enum vw_op {
    VW_OP_PLAY, VW_OP_PAUSE, VW_OP_WAIT, VW_OP_NEXT_FINDING, VW_OP_PREV_FINDING, VW_OP_NEXT_STEP,
    VW_OP_PREV_STEP, VW_OP_TIME, VW_OP_SPEED, VW_OP_VIEW, VW_OP_SCREENSHOT, VW_OP_QUIT
} vw_op;

typedef struct vw_cmd {
    vw_op op;
    double value;               /* seconds / speed factor */
    char arg[512];              /* screenshot path, view name */
    int line;                   /* 1-based line in the script */
} vw_cmd;

typedef struct vw_script {
    vw_cmd *cmd;
    int ncmd, pc;
    double until;               /* wall-clock deadline of the running play/wait; < 0: none */
    int waiting_verify;         /* next/prev-finding waits for the verification to finish */
} vw_script;

typedef struct vw_state {
    const ct_viewer_def *def;
    ct_cell *cell;
    int nr;
    ct_robot_program *progs;    /* (nr) */
    ct_traj **traj;             /* (nr) NULL: robot without program */
    double duration;            /* s: longest program */
    double *qbuf;               /* (nr x CT_ROBOT_MAX_DOF) */
    const double **qptr;        /* (nr) */
    vw_path *paths;             /* (nr) */
    ct_vk_polyline *lines;      /* (nr + VW_MAX_SHOWN) */
    ct_vk_renderer *rend;
    ct_vk_scene *scene;
    GLFWwindow *win;
    VkSurfaceKHR surface;
    int width, height;          /* framebuffer px */
    uint8_t *overlay;           /* (height x width x 4) */
    /* playback */
    double t, speed;
    int playing;
    int finding;                /* selected finding, -1 none */
    double finding_t;           /* the time it was selected at (stays selected while t equals it) */
    /* camera: orbit around target */
    double target[3], az, el, dist;
    double znear, zfar;         /* m: clip planes of the last fit */
    /* mouse */
    double mx, my;
    int drag;                   /* 0 none, 1 orbit, 2 pan, 3 scrub */
    vw_verify ver;
    vw_script script;
    int have_script;
    int quit;
    char screenshot[512];       /* pending screenshot path ("" none) */
    ct_error shot_err;
    int shot_failed;
} vw_state;

/* viewer_script.c */
ct_status vw_script_load(const char *path, vw_script *s, ct_error *err);
void vw_script_free(vw_script *s);
/* Runs script commands due now; returns 0, or sets s->quit. */
void vw_script_step(vw_state *s, double now);

/* viewer_verify.c */
void vw_verify_start(vw_state *s);
/* Non-blocking: 1 when the report is available (s->ver.rep). */
int vw_verify_poll(vw_state *s);
void vw_verify_finish(vw_state *s);

/* viewer_actions.c: what keys and script lines do */
void vw_set_time(vw_state *s, double t);
int vw_jump_finding(vw_state *s, int dir);   /* 1 next, -1 previous; returns 1 when it moved */
int vw_jump_step(vw_state *s, int dir);
void vw_view(vw_state *s, const char *name); /* "fit", "top", "front", "side" */
void vw_frame_finding(vw_state *s, const ct_finding *fd);
void vw_set_speed(vw_state *s, double speed);

/* viewer_frame.c: per-frame state and overlay */
void vw_pose(vw_state *s);
ct_vk_camera vw_camera(const vw_state *s);
ct_status vw_render(vw_state *s, ct_error *err);
void vw_title(vw_state *s, char *buf, size_t n);
int vw_build_paths(vw_state *s);

/* viewer_overlay.c: timeline bar geometry */
void vw_overlay_draw(vw_state *s);
/* Timeline bar: x0..x1, y0..y1 in framebuffer px. */
void vw_bar_rect(const vw_state *s, int *x0, int *y0, int *x1, int *y1);

#endif
