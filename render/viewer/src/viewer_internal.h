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

#define VW_HOLD_NONE (-2) /* vw_verify.hold_kind: never hold */
#define VW_HOLD_ANY (-1)  /* hold at the first finding of any kind */

/* Background verification. The thread writes progress, the result and the streamed findings
 * (pending) under mu; the main thread moves pending findings into `live` (kept in time order) each
 * poll and shows them through `rep` until the final report replaces them. */
typedef struct vw_verify {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;          /* signals the end of a hold */
    int started, done, joined;
    int pairs_done, npair;      /* progress */
    ct_status status;
    ct_error err;
    ct_verify_report *result;   /* written by the thread */
    ct_finding *pending;        /* (npending) streamed, not yet taken by the main thread; under mu */
    int npending, cap_pending;
    int nstreamed;              /* findings streamed so far; under mu */
    int hold_kind;              /* test hook (script wait-finding): the thread stops at the first streamed
                                   finding of this kind (ct_finding_kind, VW_HOLD_ANY or VW_HOLD_NONE) */
    int holding;                /* the thread is stopped at a held finding; under mu */
    ct_verify_report live;      /* main thread: streamed findings in time order (finding owned) */
    ct_verify_report *rep;      /* main thread: &live while running, the final report (owned) once
                                   joined, NULL before the start or after a failure */
    ct_verify_input in;
} vw_verify;

/* TCP path of one program (render.h). */
typedef ct_vk_path vw_path;

/* One script line. */
typedef enum vw_op {
    VW_OP_PLAY, VW_OP_PAUSE, VW_OP_WAIT, VW_OP_NEXT_FINDING, VW_OP_PREV_FINDING, VW_OP_NEXT_STEP,
    VW_OP_PREV_STEP, VW_OP_TIME, VW_OP_SPEED, VW_OP_VIEW, VW_OP_SCREENSHOT, VW_OP_QUIT,
    VW_OP_CLICK_STEP, VW_OP_CLICK_FINDING, VW_OP_DUMP, VW_OP_WAIT_RELOAD, VW_OP_PANEL, VW_OP_FOLLOW,
    VW_OP_WAIT_FINDING, VW_OP_DUMP_NOW, VW_OP_FRAMES
} vw_op;

/* One program step in the side panel (all robots, in robot then program order). */
typedef struct vw_step {
    int robot, step, line;
    const char *file;           /* borrowed from the trajectory */
    const char *comment;        /* borrowed from the program IR (UTF-8) or NULL */
    double t0;                  /* s: start of the step's first segment */
} vw_step;

/* A clickable panel row (rebuilt every frame by the panel drawing). */
enum { VW_ROW_STEP = 1, VW_ROW_FINDING = 2 };
typedef struct vw_row {
    int y0, y1, kind, index;
} vw_row;
#define VW_MAX_ROWS 128

/* Programs loaded for one cell (initial load and --watch reloads). */
typedef struct vw_loaded {
    ct_cell *cell;              /* owned when cell_changed, else the viewer's */
    int cell_changed;
    int nr;
    ct_robot_program *progs;    /* (nr) */
    ct_traj **traj;             /* (nr) */
    vw_path *paths;             /* (nr) */
    double duration;
} vw_loaded;

#define VW_MAX_WATCH (CT_VIEWER_MAX_JOB + 17)
/* --watch: modification stamps of the cell and program files, and the background reload. */
typedef struct vw_watch {
    int on;
    double next_poll;           /* glfw time of the next stat */
    int nfile;
    char *file[VW_MAX_WATCH];
    long long stamp[VW_MAX_WATCH][2]; /* mtime ns, size */
    pthread_t thread;
    pthread_mutex_t mu;
    int running, done, cell_changed;
    const ct_viewer_def *def;
    const ct_cell *cur_cell;
    vw_loaded res;
    ct_status status;
    ct_error err;
    int reloads;                /* completed reload attempts */
    char msg[1200];             /* last reload error ("" after a good reload) */
} vw_watch;

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
    int reload_mark;            /* wait-reload: s->watch.reloads when it started; -1 idle */
    double reload_deadline;
    int hold_kind;              /* kind of the first wait-finding (VW_HOLD_*): the first verification
                                   holds there; VW_HOLD_NONE without one */
    double finding_deadline;    /* wait-finding: wall-clock limit; < 0 idle */
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
    struct vw_font *font;       /* panel text */
    int panel_on;               /* side panel shown (default 1) */
    int frames_on;              /* base, TCP and user frames drawn (key a; default 0) */
    vw_step *steps;             /* (nstep) */
    int nstep;
    vw_row rows[VW_MAX_ROWS];   /* clickable rows of the last drawn panel */
    int nrow;
    int sel_robot;              /* robot of the selected step/finding (follow-TCP), -1 none */
    int follow;                 /* camera target follows sel_robot's TCP */
    vw_watch watch;
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

/* viewer_load.c: parse, interpret and plan every robot's program (def's --job overrides) */
ct_status vw_load(const ct_viewer_def *def, ct_cell *cell, int cell_owned, vw_loaded *out, ct_error *err);
void vw_loaded_free(vw_loaded *l);
int vw_steps_build(vw_state *s);            /* 0: out of memory */
int vw_current_step(const vw_state *s, int robot); /* index into s->steps or -1 */

/* viewer_watch.c */
void vw_watch_init(vw_state *s);
void vw_watch_poll(vw_state *s, double now); /* stats once a second, swaps in finished reloads */
void vw_watch_free(vw_state *s);

/* viewer_panel.c: side panel */
void vw_panel_draw(vw_state *s);
int vw_panel_x0(const vw_state *s);          /* left edge in px (s->width when hidden) */
int vw_panel_click(vw_state *s, double x, double y); /* 1 when a row was hit */
int vw_panel_activate(vw_state *s, int kind, int index); /* 0-based index; 1 when valid */
void vw_follow_target(vw_state *s);

/* viewer_frames.c: the frames drawn while frames_on (ct_vk_cell_frames at the current pose, axis
 * length from the cell's bounds at home), with their polylines (on top). */
typedef struct vw_frames {
    int n;
    ct_vk_axes *axes;                 /* (n) */
    char (*name)[CT_VK_FRAME_NAME];   /* (n) */
    double *point;                    /* (n x 18) polyline points */
    float *rgba;                      /* (n x 24) */
    ct_vk_polyline *line;             /* (n) */
} vw_frames;
int vw_frames_make(const vw_state *s, vw_frames *out); /* 0: out of memory (out is then empty) */
void vw_frames_free(vw_frames *f);

/* viewer_dump.c: JSON of what the panel shows, written atomically */
ct_status vw_dump(vw_state *s, const char *path, ct_error *err);

/* viewer_script.c */
ct_status vw_script_load(const char *path, vw_script *s, ct_error *err);
void vw_script_free(vw_script *s);
/* Runs script commands due now; returns 0, or sets s->quit. */
void vw_script_step(vw_state *s, double now);

/* viewer_verify.c */
void vw_verify_start(vw_state *s);
/* Non-blocking: takes streamed findings into s->ver.live and, once the thread is done, swaps in
 * the final report (keeping the selected finding). 1 when the final report is available. */
int vw_verify_poll(vw_state *s);
/* Ends a hold (script wait-finding) and disarms it; the verification goes on. */
void vw_verify_release(vw_state *s);
/* Findings of kind k (VW_HOLD_ANY: any kind) shown so far (streamed or final). */
int vw_verify_count(const vw_state *s, int kind);
void vw_verify_finish(vw_state *s);

/* viewer_actions.c: what keys and script lines do */
void vw_set_time(vw_state *s, double t);
int vw_jump_finding(vw_state *s, int dir);   /* 1 next, -1 previous; returns 1 when it moved */
int vw_jump_step(vw_state *s, int dir);
void vw_view(vw_state *s, const char *name); /* "fit", "top", "front", "side" */
void vw_frame_finding(vw_state *s, const ct_finding *fd);
void vw_set_speed(vw_state *s, double speed);
void vw_select_finding(vw_state *s, int i);

/* viewer_frame.c: per-frame state and overlay */
void vw_pose(vw_state *s);
ct_vk_camera vw_camera(const vw_state *s);
ct_status vw_render(vw_state *s, ct_error *err);
void vw_title(vw_state *s, char *buf, size_t n);

/* viewer_overlay.c: timeline bar geometry */
void vw_overlay_draw(vw_state *s);
/* Timeline bar: x0..x1, y0..y1 in framebuffer px. */
void vw_bar_rect(const vw_state *s, int *x0, int *y0, int *x1, int *y1);

#endif
