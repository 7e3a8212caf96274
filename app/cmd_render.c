/* `celltwin render cell.json [--job R=FILE] (--time T | --step [R:]S7 | --finding N)
 *  [--camera az,el,dist | --fit BODY,BODY] [--size 1280x720] [--frames] --out shot.png`:
 * plays the cell's programs, poses the robots at the chosen time and writes an offscreen Vulkan
 * picture (PNG). --finding runs the verification and shows finding N: the two bodies red
 * (collision) or orange (clearance), markers at the witness points, the witness line, the camera
 * framing both bodies. TCP paths are drawn coloured by motion type (PTP blue, LIN green, CIRC
 * magenta). --frames adds every robot's base, TCP and user frames as axes drawn on top (x red,
 * y green, z blue; ct_vk_cell_frames). CLI units: s, deg, mm. Exit 0 on success, 2 on bad input
 * or no Vulkan. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celltwin/kin.h"
#include "celltwin/render.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"
#include "cli.h"
#include "cli_cell.h"

static const char *const usage =
    "celltwin render cell.json [--job R=FILE]... (--time T | --step [R:]S7 | --finding N)\n"
    "                [--camera az,el,dist | --fit BODY,BODY] [--size 1280x720] [--frames] --out shot.png\n"
    "  --time T          seconds on the common timeline\n"
    "  --step [R:]S7     the moment robot R (default: the first with a program) reaches step 7\n"
    "  --finding N       verify the cell and show finding N (0-based, in time order)\n"
    "  --camera a,e,d    orbit camera: azimuth and elevation (deg), distance (mm) around the framed bodies\n"
    "  --fit A,B         frame these bodies (\"r2/tool\", \"body\", ...)\n"
    "  --frames          draw each robot's base, TCP and user frames (x red, y green, z blue, on top)";

typedef struct render_args {
    const char *cell, *out;
    ct_cli_jobs jobs;
    int have_time, finding;
    double time;
    const char *step;
    int have_camera;
    double camera[3];
    const char *fit;
    int width, height;
    int frames;
} render_args;

static int parse_args(int argc, char **argv, render_args *a) {
    memset(a, 0, sizeof *a);
    a->finding = -1;
    a->width = 1280;
    a->height = 720;
    int modes = 0;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            printf("usage: %s\n", usage);
            return -1;
        } else if (!strcmp(o, "--job") && has) {
            if (!ct_cli_jobs_add(&a->jobs, argv[++i]))
                return ct_cli_usage_error("render", usage, "--job expects ROBOT=FILE, at most %d of them (got '%s')", CT_CLI_MAX_JOB, argv[i]);
        } else if (!strcmp(o, "--time") && has) {
            char *end;
            a->time = strtod(argv[++i], &end);
            if (*end || !isfinite(a->time) || a->time < 0)
                return ct_cli_usage_error("render", usage, "--time expects seconds >= 0 (got '%s')", argv[i]);
            a->have_time = 1, modes++;
        } else if (!strcmp(o, "--step") && has) {
            a->step = argv[++i], modes++;
        } else if (!strcmp(o, "--finding") && has) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 0 || n > 1000000)
                return ct_cli_usage_error("render", usage, "--finding expects an index >= 0 (got '%s')", argv[i]);
            a->finding = (int)n, modes++;
        } else if (!strcmp(o, "--camera") && has) {
            if (ct_cli_parse_list("--camera", argv[++i], a->camera, 3) != 3)
                return ct_cli_usage_error("render", usage, "--camera expects az,el,dist (deg, deg, mm)");
            if (a->camera[2] <= 0) return ct_cli_usage_error("render", usage, "--camera: distance must be > 0");
            a->have_camera = 1;
        } else if (!strcmp(o, "--fit") && has) {
            a->fit = argv[++i];
        } else if (!strcmp(o, "--size") && has) {
            char tail;
            if (sscanf(argv[++i], "%dx%d%c", &a->width, &a->height, &tail) != 2 || a->width < 16 ||
                a->height < 16 || a->width > 8192 || a->height > 8192)
                return ct_cli_usage_error("render", usage, "--size expects WxH in 16..8192 (got '%s')", argv[i]);
        } else if (!strcmp(o, "--frames")) {
            a->frames = 1;
        } else if (!strcmp(o, "--out") && has) {
            a->out = argv[++i];
        } else if (o[0] == '-') {
            return ct_cli_usage_error("render", usage, "unknown or incomplete option '%s'", o);
        } else if (!a->cell) {
            a->cell = o;
        } else {
            return ct_cli_usage_error("render", usage, "unexpected argument '%s'", o);
        }
    }
    if (!a->cell) return ct_cli_usage_error("render", usage, "missing cell file");
    if (!a->out) return ct_cli_usage_error("render", usage, "missing --out FILE.png");
    if (modes != 1) return ct_cli_usage_error("render", usage, "give exactly one of --time, --step, --finding");
    if (a->have_camera && a->fit) return ct_cli_usage_error("render", usage, "give --camera or --fit, not both");
    return 0;
}

/* Time at which robot R reaches step S (end of the first segment with that step). */
static int step_time(const ct_cell *cell, ct_traj *const *traj, const char *spec, double *t) {
    char robot[CT_CELL_MAX_NAME + 1] = "";
    const char *colon = strchr(spec, ':');
    const char *s = spec;
    if (colon) {
        size_t n = (size_t)(colon - spec);
        if (n > CT_CELL_MAX_NAME) n = CT_CELL_MAX_NAME;
        memcpy(robot, spec, n);
        robot[n] = 0;
        s = colon + 1;
    }
    if (*s == 'S' || *s == 's') s++;
    char *end;
    long step = strtol(s, &end, 10);
    if (*end || end == s || step < 0) {
        fprintf(stderr, "error: --step expects [ROBOT:]S<number> (got '%s')\n", spec);
        return CT_EXIT_BAD_INPUT;
    }
    int ri = -1;
    if (robot[0]) {
        ri = ct_cell_find_robot(cell, robot);
        if (ri < 0) {
            fprintf(stderr, "error: --step: the cell has no robot '%s'\n", robot);
            return CT_EXIT_BAD_INPUT;
        }
    } else {
        for (int i = 0; i < cell->nrobot && ri < 0; i++)
            if (traj[i]) ri = i;
    }
    if (ri < 0 || !traj[ri]) {
        fprintf(stderr, "error: --step: robot has no program\n");
        return CT_EXIT_BAD_INPUT;
    }
    for (int k = 0; k < ct_traj_nseg(traj[ri]); k++) {
        const ct_traj_seg *seg = ct_traj_segment(traj[ri], k);
        if (seg->src.step == step) {
            *t = seg->t1;
            return CT_EXIT_OK;
        }
    }
    fprintf(stderr, "error: --step: robot '%s' has no step S%ld\n", cell->robot[ri].name, step);
    return CT_EXIT_BAD_INPUT;
}

static int fit_bodies(const ct_vk_scene *scene, const char *list, const double *const *q, double lo[3],
                      double hi[3]) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list);
    for (int k = 0; k < 3; k++) lo[k] = INFINITY, hi[k] = -INFINITY;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        int b = ct_vk_scene_find_body(scene, tok);
        double blo[3], bhi[3];
        if (b < 0 || !ct_vk_scene_body_bounds(scene, b, q, blo, bhi)) {
            fprintf(stderr, "error: --fit: the cell has no body '%s'\n", tok);
            return 0;
        }
        for (int k = 0; k < 3; k++) lo[k] = fmin(lo[k], blo[k]), hi[k] = fmax(hi[k], bhi[k]);
    }
    return lo[0] <= hi[0];
}

int ct_cmd_render(int argc, char **argv) {
    render_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? CT_EXIT_OK : rc;

    ct_error err;
    ct_error_clear(&err);
    ct_cli_cell cc;
    rc = ct_cli_cell_load(a.cell, &a.jobs, &cc);
    if (rc != CT_EXIT_OK) return rc;
    ct_cell *cell = cc.cell;
    ct_traj **traj = cc.traj;
    int nr = cell->nrobot;
    double *qbuf = (double *)ct_alloc(sizeof(double) * (size_t)(nr + 1) * CT_ROBOT_MAX_DOF);
    const double **qptr = (const double **)ct_alloc(sizeof(double *) * (size_t)(nr + 1));
    ct_vk_path *paths = (ct_vk_path *)ct_alloc(sizeof(ct_vk_path) * (size_t)(nr + 1));
    /* --frames: the frames' axes and their polylines' storage (6 points, 6 colours each) */
    int nframe = a.frames ? ct_vk_cell_frames(cell, NULL, 1.0, NULL, NULL, 0) : 0;
    ct_vk_axes *frames = (ct_vk_axes *)ct_alloc(sizeof(ct_vk_axes) * (size_t)(nframe + 1));
    double *frame_pts = (double *)ct_alloc(sizeof(double) * 18 * (size_t)(nframe + 1));
    float *frame_rgba = (float *)ct_alloc(sizeof(float) * 24 * (size_t)(nframe + 1));
    ct_vk_polyline *lines = (ct_vk_polyline *)ct_alloc(sizeof(ct_vk_polyline) * (size_t)(nr + 2 + nframe));
    ct_vk_renderer *rend = NULL;
    ct_vk_scene *scene = NULL;
    ct_verify_report *rep = NULL;
    uint8_t *pixels = NULL;
    rc = CT_EXIT_OK;
    if (!qbuf || !qptr || !paths || !lines || !frames || !frame_pts || !frame_rgba) {
        fprintf(stderr, "error: out of memory\n");
        rc = CT_EXIT_BAD_INPUT;
    }

    /* the moment to show */
    double t = a.time;
    const ct_finding *fd = NULL;
    if (rc == CT_EXIT_OK && a.step) rc = step_time(cell, traj, a.step, &t);
    if (rc == CT_EXIT_OK && a.finding >= 0) {
        ct_verify_input in = {cell, traj};
        ct_verify_options vo = ct_verify_default_options();
        if (ct_verify_run(&in, &vo, &rep, &err) != CT_OK) {
            rc = ct_cli_report(&err);
        } else if (a.finding >= rep->nfinding) {
            fprintf(stderr, "error: --finding %d: the verification found %d finding(s)\n", a.finding, rep->nfinding);
            rc = CT_EXIT_BAD_INPUT;
        } else {
            fd = &rep->finding[a.finding];
            t = fd->time;
        }
    }

    /* Vulkan */
    if (rc == CT_EXIT_OK) {
        ct_vk_renderer_def rd = ct_vk_renderer_default_def();
        rd.width = a.width;
        rd.height = a.height;
        if (ct_vk_renderer_create(&rd, &rend, &err) != CT_OK || ct_vk_scene_create(rend, cell, &scene, &err) != CT_OK) {
            char msg[1200];
            ct_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "celltwin render: %s\n", msg);
            rc = CT_EXIT_BAD_INPUT;
        }
    }
    if (rc == CT_EXIT_OK) {
        double aspect = (double)a.width / a.height;
        for (int i = 0; i < nr; i++) {
            double *q = qbuf + (size_t)i * CT_ROBOT_MAX_DOF, qd[CT_ROBOT_MAX_DOF];
            if (traj[i]) {
                ct_traj_eval(traj[i], fmin(t, ct_traj_duration(traj[i])), q, qd);
                qptr[i] = q;
            }
        }
        ct_vk_frame f = ct_vk_default_frame(scene, aspect);
        f.robot_q = qptr;
        f.detail = CT_VK_DETAIL_FULL; /* a single picture: every mesh at full detail */
        int nline = 0;
        for (int i = 0; i < nr; i++)
            if (traj[i] && ct_vk_tcp_path(cell, i, traj[i], &paths[i], &err) == CT_OK) {
                lines[nline++] = ct_vk_path_polyline(&paths[i]); /* path with its step markers */
            }
        double lo[3], hi[3];
        if (nframe) { /* on top, before the witness line so that it stays visible over them */
            ct_vk_scene_bounds(scene, NULL, lo, hi); /* at home: the length does not depend on the time */
            ct_vk_cell_frames(cell, qptr, ct_vk_frames_length(lo, hi), frames, NULL, nframe);
            for (int k = 0; k < nframe; k++)
                lines[nline++] = ct_vk_axes_polyline(&frames[k], frame_pts + 18 * k, frame_rgba + 24 * k);
        }
        ct_vk_finding_marks marks;
        int have_fit = 0;
        if (fd) {
            ct_vk_finding_marks_make(scene, fd, &marks);
            f.nhighlight = marks.nhighlight;
            f.highlight = marks.highlight;
            f.nmarker = marks.nmarker;
            f.marker = marks.marker;
            if (marks.has_line) lines[nline++] = marks.line;
            have_fit = ct_vk_finding_box(fd, lo, hi);
        }
        f.npolyline = nline;
        f.polyline = lines;
        if (a.fit) {
            if (!fit_bodies(scene, a.fit, qptr, lo, hi)) rc = CT_EXIT_BAD_INPUT;
            have_fit = 1;
        }
        const double deg = M_PI / 180.0;
        if (rc == CT_EXIT_OK) {
            if (a.have_camera) {
                double c[3];
                if (!have_fit) ct_vk_scene_bounds(scene, qptr, lo, hi);
                for (int k = 0; k < 3; k++) c[k] = 0.5 * (lo[k] + hi[k]);
                f.camera = ct_vk_camera_orbit(c, a.camera[0] * deg, a.camera[1] * deg, a.camera[2] / 1000.0);
            } else if (have_fit) {
                f.camera = ct_vk_camera_fit(lo, hi, 45 * deg, 30 * deg, aspect);
            }
        }
        if (rc == CT_EXIT_OK && ct_vk_render_frame(rend, scene, &f, &err) != CT_OK) rc = ct_cli_report(&err);
        if (rc == CT_EXIT_OK) {
            pixels = (uint8_t *)malloc((size_t)a.width * a.height * 4);
            if (!pixels || ct_vk_read_pixels(rend, pixels, &err) != CT_OK ||
                ct_vk_write_png(a.out, pixels, a.width, a.height, &err) != CT_OK)
                rc = ct_cli_report(&err);
        }
        if (rc == CT_EXIT_OK)
            printf("render: %s at t = %.3f s (%dx%d, %s%s)%s%s\n", a.out, t, a.width, a.height,
                   ct_vk_renderer_device_name(rend), nframe ? ", frames" : "", fd ? ": " : "", fd ? fd->message : "");
    }
    free(pixels);
    ct_vk_scene_destroy(scene);
    ct_vk_renderer_destroy(rend);
    if (rep) ct_verify_report_free(rep);
    for (int i = 0; paths && i < nr; i++) {
        ct_vk_path_free(&paths[i]);
    }
    ct_free(paths);
    ct_free(lines);
    ct_free(frames);
    ct_free(frame_pts);
    ct_free(frame_rgba);
    ct_free(qptr);
    ct_free(qbuf);
    ct_cli_cell_free(&cc);
    return rc;
}
