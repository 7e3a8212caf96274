/* The pre-commissioning report model: everything `celltwin report` writes (report.html,
 * report.json, report.pdf), built once from a loaded cell, its played programs and the
 * certified verification, then read by the writers. Writers only read this struct; they never
 * need the cell, the programs or a renderer.
 *
 * Units: SI everywhere in the model (m, rad, s, kg, N m, m/s); the writers convert to the
 * user's units (mm, deg, mm/s, %) at the edge. Times are on the common timeline of the cell
 * (t = 0 when every program starts).
 *
 * Ownership: a ct_report owns every string, array and picture it points to (ct_alloc'd);
 * ct_report_free releases all of it. ct_finding / ct_closest_approach copies inside the model
 * have their src.file / src_b.file pointers redirected to strings the report owns.
 *
 * Paths: every path in the model (input files, URDFs, programs, steps, diagnostics, findings,
 * near misses) is normalised lexically (see ct_report_file.path); the embedded verify JSON keeps
 * the verification's own spelling.
 *
 * Reproducibility: nothing in the model depends on the wall clock, the thread count or the
 * machine, except `date` (passed in) and the timing fields marked "not written". */
#ifndef CELLTWIN_REPORT_H
#define CELLTWIN_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "celltwin/base.h"
#include "celltwin/cell.h"
#include "celltwin/motion.h"
#include "celltwin/plot.h"
#include "celltwin/robot.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"

#define CT_REPORT_VERSION "0.1.0" /* celltwin version written when def->version is NULL */

/* ---- inputs ------------------------------------------------------------------------------- */

typedef enum ct_report_file_role {
    CT_REPORT_FILE_CELL,
    CT_REPORT_FILE_URDF,
    CT_REPORT_FILE_MESH,    /* object/tool/part meshes and robot link meshes */
    CT_REPORT_FILE_JOBFILE,
    CT_REPORT_FILE_ROLE_COUNT
} ct_report_file_role;

CT_API const char *ct_report_file_role_name(ct_report_file_role r); /* "cell", "urdf", "mesh", "jobfile" */

/* One input file with its fingerprint. Listed once per path, in the order: cell, URDFs, meshes,
 * jobfiles (first appearance). */
typedef struct ct_report_file {
    char *path;                 /* the loader's path normalised lexically ("a/x/../b" -> "a/b", no "./" or
                                   "//"; symbolic links not resolved): relative to the working directory
                                   when the cell was given relative, else absolute */
    ct_report_file_role role;
    long long bytes;            /* file size */
    char sha256[65];            /* lowercase hex + NUL */
} ct_report_file;

/* Thresholds and settings the results depend on. */
typedef struct ct_report_thresholds {
    double clearance;           /* m: global clearance threshold that applied (cell's or --clearance) */
    int clearance_from_cell;    /* 1: the cell's value (per-pair values may override it, see nclear) */
    int nclear;                 /* per-pair clearance overrides in the cell */
    double resolution;          /* m: conservative advancement resolution of the verification */
    double min_distance_report; /* m: pairs closer than this are listed as near misses */
    double torque_dt;           /* s between inverse-dynamics torque checks */
    double series_dt;           /* s: sampling step of the plotted time series (plots only, not a check) */
    int sampled;                /* 1: conventional sampled check was used instead of certified advancement */
    double sampled_m, sampled_rad; /* sampled check steps (m, rad) when sampled */
    int self_collision;         /* 1: link pairs of the same robot were checked */
} ct_report_thresholds;

/* ---- robots ------------------------------------------------------------------------------- */

typedef struct ct_report_robot {
    char *name;                 /* cell robot name */
    char *model;                /* URDF robot name */
    char *urdf_path;
    int ndof;
    double reach;               /* m: ct_robot_reach */
    double payload;             /* kg: carried mass at the flange = payload mass + carried tool mass */
    double tool_mass;           /* kg: mass of the carried tool (part of payload) */
    int has_inertials;          /* 1: torque series available */
    char **joint_name;          /* (ndof) */
    int *joint_prismatic;       /* (ndof) 1: m and m/s; 0: rad and rad/s */
    double *lo, *hi;            /* (ndof) position limits (rad or m; +-inf for continuous joints) */
    double *vel;                /* (ndof) speed limits (rad/s or m/s; 0 = unknown) */
    double *effort;             /* (ndof) effort limits (N m or N; 0 = unknown) */
} ct_report_robot;

/* ---- programs ----------------------------------------------------------------------------- */

typedef enum ct_report_speed_kind {
    CT_REPORT_SPEED_NONE,       /* DWELL / EVENT, or a move timed by `time` */
    CT_REPORT_SPEED_TCP,        /* LIN/CIRC: TCP speed, m/s */
    CT_REPORT_SPEED_FRACTION    /* PTP: fraction of the joint speed limits (0..1] */
} ct_report_speed_kind;

/* One planned step: one motion command (trajectory segment). */
typedef struct ct_report_step {
    int index;                  /* 0-based command index in the program run */
    char *file;                 /* program file (NULL when unknown) */
    int line;                   /* 1-based, 0 unknown */
    int vendor_step;            /* vendor step number (S7 -> 7), -1 none */
    ct_mcmd_type type;
    const char *motion;         /* static: "PTP", "LIN", "CIRC", "DWELL", "EVENT" */
    char *label;                /* EVENT/DWELL text ("DO 12 = 1"), or NULL */
    ct_report_speed_kind speed_kind;
    double speed;               /* m/s (TCP) or fraction (PTP); NAN when speed_kind is NONE */
    double move_time;           /* s: programmed move time when the move is timed, else 0 */
    double start;               /* s on the common timeline */
    double duration;            /* s */
    double min_clearance;       /* m: smallest distance between this robot's bodies and the other
                                   checked bodies during the step: min of the distance at the step's
                                   start and end instants (the series' sampler; a step that takes no
                                   time is evaluated at its instant), of the series samples in the step
                                   and of every verified distance (finding at its time, closest
                                   approach) of the robot that falls in the step, so it never exceeds a
                                   verified number. 0 at contact; capped at 2 m like the series;
                                   INFINITY only when the robot has no checked pair. */
    int min_clearance_verified; /* 1: min_clearance is a number from the verification, 0: from the samples */
    int nfinding;
    int *finding;               /* (nfinding) indices into report->finding, time order */
} ct_report_step;

/* Time series of one program, sampled every thresholds.series_dt from 0 to the program's cycle
 * time (last sample exactly at the cycle time). For plots and the step table only; the verdict
 * comes from the certified check. */
typedef struct ct_report_series {
    int n;                      /* samples */
    int ndof;
    double *t;                  /* (n) s */
    double *q;                  /* (n x ndof) rad or m */
    double *tcp_speed;          /* (n) m/s: linear speed of the TCP (finite difference of FK) */
    double *clearance;          /* (n) m: smallest distance from this robot's bodies to the checked
                                   bodies of the cell (objects, other robots at the same time);
                                   allowed-contact pairs and the robot's own links left out; values
                                   above 2 m are 2 m; 0 at contact; INFINITY when there is none */
    double *torque_frac;        /* (n x ndof) |tau| / effort limit (inverse dynamics with tool and
                                   payload); NULL when the robot has no inertials; NAN where the
                                   effort limit is unknown */
} ct_report_series;

typedef enum ct_report_diag_source {
    CT_REPORT_DIAG_PARSER,      /* jobfile parser (unsupported statements, syntax) */
    CT_REPORT_DIAG_INTERP       /* interpreter (waits, I/O, calls, unknown tools) */
} ct_report_diag_source;

/* A program diagnostic: unsupported statements and what the playback assumed. */
typedef struct ct_report_diag {
    ct_report_diag_source source;
    int severity;               /* 0 note, 1 warning, 2 error (same order as ct_job/ct_interp severities) */
    char *file;
    int line, column;           /* column 0 when unknown */
    int vendor_step;            /* -1 none */
    char *message;
    char *source_line;          /* offending line (UTF-8) or NULL */
} ct_report_diag;

typedef struct ct_report_program {
    int robot;                  /* index into report->robot */
    char *path;                 /* program file */
    char *title;                /* program title/name from the file (e.g. Doosan "## Title"), or NULL */
    double cycle_time;          /* s: ct_traj_duration */
    int completed;              /* 1: the interpreter reached the end of the program */
    int nstep;
    ct_report_step *step;       /* (nstep) in execution order */
    ct_report_series series;
    int ndiag;
    ct_report_diag *diag;       /* (ndiag) parser diagnostics first, then the interpreter's */
    int nfinding;
    int *finding;               /* (nfinding) indices into report->finding of this robot's findings */
} ct_report_program;

/* ---- findings, near misses, pictures ------------------------------------------------------ */

/* A PNG image in memory. */
typedef struct ct_report_picture {
    uint8_t *png;               /* (size) PNG file bytes; NULL when not rendered (--no-pictures) */
    size_t size;
    int width, height;          /* px */
    char *caption;              /* UTF-8, or NULL */
} ct_report_picture;

typedef struct ct_report_finding {
    ct_finding f;               /* copy of the verification's finding (src.file owned by the report) */
    int program;                /* index into report->program of f.robot's program, or -1 */
    int step;                   /* index into that program's step[], or -1 */
    char *proof;                /* what the check proved, one or two sentences (UTF-8) */
    ct_report_picture picture;  /* camera framed on the bodies at f.time */
} ct_report_finding;

/* A closest approach without finding (verification's list), sorted by distance ascending. */
typedef struct ct_report_near_miss {
    ct_closest_approach a;      /* copy (src.file owned by the report) */
    int program, step;          /* indices as in ct_report_finding, -1 when unknown */
} ct_report_near_miss;

/* ---- the report --------------------------------------------------------------------------- */

typedef struct ct_report {
    /* verdict */
    int pass;                   /* 1: no finding and no program problem (warning or error diagnostics) */
    const char *verdict;        /* static: "PASS" or "FAIL" */
    int count[CT_FIND_KIND_COUNT]; /* findings per ct_finding_kind */
    int nproblem;               /* program diagnostics of severity warning or error (all programs) */

    /* identification */
    char *cell_name;
    char *cell_description;     /* or NULL */
    char *date;                 /* as passed in (def->date) */
    char *version;              /* celltwin version */
    char *command_line;         /* as passed in, or NULL */
    char *method;               /* "certified conservative advancement" or "sampled" */

    int nfile;
    ct_report_file *file;       /* (nfile) */
    ct_report_thresholds thresholds;

    int nrobot;
    ct_report_robot *robot;     /* (nrobot) every robot of the cell, in cell order */
    int nprogram;
    ct_report_program *program; /* (nprogram) robots that play a program, in cell order */

    int nfinding;
    ct_report_finding *finding; /* (nfinding) same order as the verification (time order) */
    int nnear;
    ct_report_near_miss *near;  /* (nnear) sorted by distance */

    int nassumption;
    char **assumption;          /* (nassumption) UTF-8 sentences: I/O model, waits, what was not simulated */

    /* verification figures */
    double timeline;            /* s: common timeline (longest program) */
    int npair, nexcluded;
    long distance_queries;

    ct_report_picture overview; /* the whole cell at t = 0 */

    /* the verify JSON of the same run (ct_verify_report_json, wall time removed), compact text;
       report.json embeds it as is so that every number is the verification's */
    char *verify_json;

    /* not written (machine dependent): seconds spent per stage, for the benchmark */
    double seconds_series, seconds_pictures;
} ct_report;

/* ---- building ----------------------------------------------------------------------------- */

typedef struct ct_report_input {
    const ct_cell *cell;                /* loaded (ct_cell_load) */
    const ct_robot_program *prog;       /* (cell->nrobot): robots with prog[i].traj == NULL play nothing */
    const ct_verify_report *verify;     /* ct_verify_run on the same trajectories */
    const ct_verify_options *verify_opt;/* options that run used (thresholds) */
} ct_report_input;

typedef struct ct_report_def {
    const char *date;           /* printed as is (e.g. "2026-11-25"); NULL: "" */
    const char *version;        /* NULL: CT_REPORT_VERSION */
    const char *command_line;   /* NULL: none */
    double series_dt;           /* s: plot sampling step; default 0.02 */
    int pictures;               /* 1: render the overview and one picture per finding (Vulkan); default 1 */
    int picture_width;          /* px; default 960 */
    int picture_height;         /* px; default 600 */
    int internal_value;         /* DO NOT SET: set by ct_report_default_def */
} ct_report_def;

CT_API ct_report_def ct_report_default_def(void);

/* Builds the model: files and hashes, robots, steps, series, findings, near misses, assumptions,
 * verify JSON, and with def->pictures the pictures (ct_report_render_pictures). Fails with a
 * file-named error when an input file cannot be read (hash) or Vulkan is not available. */
CT_API ct_status ct_report_build(const ct_report_input *in, const ct_report_def *def, ct_report **out,
                                 ct_error *err);
CT_API void ct_report_free(ct_report *report);

/* Renders the overview and every finding's picture into an existing model (replacing any). */
CT_API ct_status ct_report_render_pictures(ct_report *report, const ct_report_input *in, int width, int height,
                                           ct_error *err);

/* ---- shared by the writers ---------------------------------------------------------------- */

/* The plots of one program, described once so that HTML (SVG) and PDF (cairo) draw the same:
 * [0, njoint) one compact plot per joint (small multiples, laid out two per row): its value
 * (deg, or mm for prismatic) against time, its own position limits as dashed lines, the y range
 * covering both; [njoint] TCP speed (mm/s); [njoint + 1] minimum clearance (mm) with the
 * threshold line; [njoint + 2] joint torque as a fraction of the effort limit (%, every joint)
 * with the 100 % line, only when the robot has inertials. Findings of the program are vertical
 * markers on every plot. */
#define CT_REPORT_MAX_PLOTS (CT_ROBOT_MAX_DOF + 3)
typedef struct ct_report_plots {
    int nplot;
    int njoint;                 /* per-joint plots at the start of plot[] (= the robot's ndof) */
    ct_plot plot[CT_REPORT_MAX_PLOTS];
    void *storage_;             /* private: converted arrays, series, lines, labels */
} ct_report_plots;

CT_API ct_status ct_report_program_plots(const ct_report *r, int program, ct_report_plots *out, ct_error *err);
CT_API void ct_report_plots_free(ct_report_plots *p);

/* Short text for a finding's distance column: "penetration" / "12.3 mm" etc. is the writers'
 * business; these give the common pieces. Program-relative source text "file:line (S7)" with the
 * base name of the file, written into buf (always NUL-terminated). */
CT_API void ct_report_src_text(const char *file, int line, int vendor_step, char *buf, size_t size);

/* SHA-256 (FIPS 180-4) of a memory block and of a file; hex is 64 lowercase digits + NUL. */
CT_API void ct_sha256(const void *data, size_t len, uint8_t digest[32]);
CT_API void ct_sha256_hex(const uint8_t digest[32], char hex[65]);
CT_API ct_status ct_sha256_file(const char *path, char hex[65], long long *bytes, ct_error *err);

/* Base64 (RFC 4648, no line breaks) of data; ct_alloc'd NUL-terminated string or NULL. */
CT_API char *ct_report_base64(const uint8_t *data, size_t len);

/* PNG file bytes of an RGBA8 image (width x height, rows top-down) in memory (libpng).
 * *png is ct_alloc'd (ct_free). Deterministic: same pixels, same bytes. */
CT_API ct_status ct_report_png_encode(const uint8_t *rgba, int width, int height, uint8_t **png, size_t *size,
                                      ct_error *err);

/* ---- writers ------------------------------------------------------------------------------ */

/* report.html: one self-contained UTF-8 file. *text is ct_alloc'd (ct_free). */
CT_API ct_status ct_report_html(const ct_report *r, char **text, size_t *len, ct_error *err);
/* report.json: the verify JSON plus the rest (units in the key names, as the verify JSON). */
CT_API ct_status ct_report_json(const ct_report *r, char **text, size_t *len, ct_error *err);

typedef struct ct_report_write_def {
    const char *out_dir;        /* folder to create or replace */
    int html;                   /* write report.html; default 1 */
    int json;                   /* write report.json; default 1 */
    int pdf;                    /* write report.pdf (ct_report_write_pdf); default 0 */
} ct_report_write_def;

CT_API ct_report_write_def ct_report_write_default_def(void);

/* Writes the report folder atomically: everything goes into a temporary folder next to out_dir,
 * which is renamed into place once complete (an existing out_dir is replaced only then). On any
 * failure the temporary folder is removed and out_dir is left as it was. */
CT_API ct_status ct_report_write(const ct_report *r, const ct_report_write_def *def, ct_error *err);

/* Early check of an output folder, before any work: its parent folder exists and takes new
 * entries, and an existing out_dir is a folder that may be replaced (empty or holding a report).
 * ct_report_write checks again; this only lets a command fail fast with the same message. */
CT_API ct_status ct_report_check_out(const char *out_dir, ct_error *err);

#endif
