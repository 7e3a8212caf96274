/* Program interpreter (library ct_motion): executes a program IR (celltwin/job_ir.h) like the robot
 * controller would and produces the resolved motion commands (celltwin/motion.h) that the planner
 * turns into a trajectory. It runs the control flow (labels, GOTO, GOSUB/RETURN, IF/ELSEIF/ELSE,
 * FOR/WHILE, CALL of other job files, DRL def + calls), evaluates conditions and assignments with
 * the variables it can know (program variables, a variables file, digital inputs from an I/O
 * model), and resolves vendor units, speeds, accuracy levels, tools, user frames and pose
 * variables into SI commands in the robot base frame.
 *
 * Controller settings that are not stored in a job file (tool data, user frames, accuracy-level
 * distances, pendant variables, I/O timing) come from the program context (ct_program_context);
 * a cell loader fills it, the CLI fills it from options.
 *
 * Execution is bounded (ctx->max_steps instructions, ctx->max_call_depth nested calls): an endless
 * GOTO loop becomes an error diagnostic, never a hang. Anything the interpreter cannot execute
 * (unsupported statement, unevaluable condition, unresolved name, encoder pose without encoder
 * data, undefined user frame) becomes a diagnostic with file:line, never a silent skip.
 * Units: metres, radians, seconds. */
#ifndef CELLTWIN_INTERP_H
#define CELLTWIN_INTERP_H

#include "celltwin/base.h"
#include "celltwin/job_ir.h"
#include "celltwin/math.h"
#include "celltwin/motion.h"
#include "celltwin/robot.h"

#define CT_INTERP_MAX_TOOLS 32      /* Hyundai tool numbers 0..31 */
#define CT_INTERP_MAX_UFRAMES 101   /* user frame numbers 1..100 (Doosan ref 101..200 -> 1..100) */
#define CT_INTERP_MAX_SIGNALS 64    /* per-signal entries of the I/O model */
#define CT_INTERP_MAX_NAMED 32      /* named TCPs (Doosan set_tcp) */

/* One digital input in the I/O model. */
typedef struct ct_interp_signal {
    int index;          /* DI number */
    double value;       /* value an IF/condition reads (default 0) */
    double wait_s;      /* seconds a WAIT for this input takes; < 0: the input never comes */
} ct_interp_signal;

/* A TCP selected by name (Doosan set_tcp("name") / set_tool("name")). */
typedef struct ct_interp_named_tcp {
    const char *name;   /* borrowed */
    ct_xform tcp;       /* TCP in the flange frame (m) */
} ct_interp_named_tcp;

typedef struct ct_interp_vars ct_interp_vars; /* variables file (opaque), see ct_interp_vars_load */

/* How vendor configuration words select the IK configuration of Cartesian targets. */
typedef enum ct_interp_config_mode {
    CT_INTERP_CFG_ANY,      /* ignore them: the planner keeps the solution nearest the start (default) */
    CT_INTERP_CFG_VENDOR    /* map Hi5 &H words, Hi6 cfg flags and Doosan sol to CT_IK_* flags
                               (mappings INFERRED, see ct_interp_hi5_cfg_flags and friends) */
} ct_interp_config_mode;

typedef struct ct_program_context {
    const ct_robot *robot;          /* required; borrowed */
    ct_xform tool[CT_INTERP_MAX_TOOLS]; /* tool n: TCP in the flange (tip) frame (m); default identity */
    int tool_defined[CT_INTERP_MAX_TOOLS]; /* 1 when tool n was given; using an undefined tool n > 0
                                              gives a note (identity used); default 0 */
    ct_xform uframe[CT_INTERP_MAX_UFRAMES]; /* user frame n in the robot base frame (m); default identity */
    int uframe_defined[CT_INTERP_MAX_UFRAMES]; /* 1 when frame n was given (or made by MKUCRD); a pose in
                                                  an undefined frame is an error; default 0 */
    ct_interp_named_tcp named_tcp[CT_INTERP_MAX_NAMED]; /* Doosan TCPs by name; default none */
    int nnamed_tcp;                 /* default 0 */
    double accuracy_blend[8];       /* Hyundai accuracy level -> blend distance (m); default
                                       0, 0.010, 0.025, 0.050, 0.100, 0.200, 0.400, 0.800 (ASSUMED: the
                                       real table is controller configuration, not in the job) */
    double ptp_percent_scale;       /* PTP S=100% -> this fraction of the joint speed limits; default 1.0 */
    double lin_max_speed;           /* LIN/CIRC S=100% -> this TCP speed (m/s); default 2.0 (ASSUMED) */
    double cart_accel;              /* TCP acceleration that accel fraction 1 means (m/s^2); must match
                                       ct_plan_options.cart_accel; default 4.0 */
    double drl_velj, drl_accj;      /* Doosan movej vel/acc when neither vel= nor set_velj/set_accj gave
                                       one (rad/s, rad/s^2; a warning is reported, since the controller's
                                       global starts at 0); default 60 deg/s, 100 deg/s^2 (TP defaults) */
    double drl_velx, drl_accx;      /* same for task moves (m/s, m/s^2); default 0.25, 1.0 */
    double di_default;              /* value of an input missing from `signals`; default 0 */
    double wait_default_s;          /* seconds a WAIT DI takes for an input missing from `signals`; default 0 */
    ct_interp_signal signals[CT_INTERP_MAX_SIGNALS]; /* per-input I/O model; default none */
    int nsignals;                   /* default 0 */
    const double *encoder_scale;    /* (ndof) encoder counts per rad (or per m); NULL: encoder poses
                                       cannot be resolved (error diagnostic); default NULL */
    const double *encoder_offset;   /* (ndof) counts at joint value 0; NULL = 0x400000 each (Hi4 mid-range,
                                       ASSUMED); default NULL */
    const char *search_dir;         /* folder for CALL targets; NULL = the folder of the calling file */
    const ct_interp_vars *vars;     /* variables defined outside the file (borrowed); default NULL */
    ct_interp_config_mode config_mode; /* default CT_INTERP_CFG_ANY */
    long max_steps;                 /* executed instructions before giving up; default 1000000 */
    int max_call_depth;             /* nested CALL/GOSUB/def calls; default 32 */
    int max_cmds;                   /* commands emitted before giving up; default 10000000 */
    const double *q_start;          /* (ndof) joint values at the start, for relative moves before any
                                       joint target; NULL = zeros; default NULL */
} ct_program_context;

CT_API ct_program_context ct_program_default_context(void);

typedef enum ct_interp_severity { CT_INTERP_NOTE, CT_INTERP_WARNING, CT_INTERP_ERROR } ct_interp_severity;

/* One diagnostic of the run: "file:line: warning: message (S7)". */
typedef struct ct_interp_diag {
    ct_interp_severity severity;
    const char *file;       /* owned by the output */
    int line;
    int step;               /* vendor step, -1 none */
    char message[200];
} ct_interp_diag;

/* Result of a run. Everything (commands, strings the commands point to, diagnostics) is owned by
 * the output and released by ct_interp_output_free. */
typedef struct ct_interp_output {
    ct_motion_cmd *cmds;    /* (ncmd) in execution order */
    int ncmd;
    ct_interp_diag *diag;   /* (ndiag) in the order they were found */
    int ndiag;
    int nwarnings, nerrors; /* counts (also of diagnostics beyond the storage cap of 1000) */
    long steps;             /* instructions executed */
    int completed;          /* 1 when the program reached its end (0: budget, error or WAIT that never ends) */
    struct ct_interp_store *store_; /* private */
} ct_interp_output;

/* Runs the program. Returns CT_OK and fills *out (even when diagnostics report problems);
 * fails only on invalid arguments or out of memory, with err filled and *out empty. */
CT_API ct_status ct_interp_run(const ct_job_program *prog, const ct_program_context *ctx,
                               ct_interp_output *out, ct_error *err);
CT_API void ct_interp_output_free(ct_interp_output *out);
/* Prints diagnostic i as "file:line: warning: message (S7)\n". */
CT_API void ct_interp_diag_print(const ct_interp_diag *d, FILE *f);

/* Variables file: a JSON object name -> value, with values
 *   3.5                                   a number
 *   {"joint": [j1, ...]}                  joint pose (deg, mm for linear axes)
 *   {"posx": [x, y, z, a, b, c]}          Doosan task pose (mm, deg, ZYZ), base frame
 *   {"cart": [x, y, z, rx, ry, rz], "frame": "base"|"u<n>"}  Hyundai pose (mm, deg, R = Rz Ry Rx)
 *   {"shift": [dx, dy, dz, drx, dry, drz]} Hyundai shift variable R<n> (mm, deg)
 * Names compare case-insensitively. Errors carry the file and the JSON line. */
CT_API ct_status ct_interp_vars_load(const char *path, ct_interp_vars **out, ct_error *err);
CT_API ct_status ct_interp_vars_parse(const char *json, size_t len, const char *file_name, ct_interp_vars **out,
                                      ct_error *err);
CT_API void ct_interp_vars_free(ct_interp_vars *vars);

/* Comparison of two played programs (celltwin diff): the k-th motion command of A is paired with
 * the k-th motion command of B (DWELL/EVENT are not paired). For each pair, the TCP paths (each
 * command with its own tool) over the two segments are sampled and compared as curves: max_dev is
 * the symmetric Hausdorff distance of the sampled paths (m), exact for the piecewise-linear
 * sampled curves; start and duration are compared in time. */
typedef struct ct_play_step_diff {
    int cmd_a, cmd_b;       /* command indices */
    ct_src_ref src_a, src_b;
    double max_dev;         /* m */
    double start_a, start_b;/* s */
    double dur_a, dur_b;    /* s */
} ct_play_step_diff;

/* Fills *out (ct_free) with min(motions of A, motions of B) entries; *nmotion_a/b get the motion
 * counts. samples_per_m: path samples per metre of TCP travel (at least 64 per segment; default
 * when <= 0: 2000, i.e. 0.5 mm spacing). */
CT_API ct_status ct_play_compare(const ct_robot *robot, const ct_motion_cmd *ca, int nca, const ct_traj *ta,
                                 const ct_motion_cmd *cb, int ncb, const ct_traj *tb, double samples_per_m,
                                 ct_play_step_diff **out, int *nout, int *nmotion_a, int *nmotion_b, ct_error *err);

/* Configuration word mappings (used in CT_INTERP_CFG_VENDOR mode).
 * Hi5 &H word (INFERRED from the third-party Visual Components post, see jobfile-formats.md 1.2:
 * configurations {8,0,12,4,10,2,14,6}): bit 0x2 = back (CT_IK_BACK), 0x4 = elbow down
 * (CT_IK_ELBOW_DOWN), 0x8 clear = wrist flip (CT_IK_WRIST_FLIP); 0x10/0x20/0x40 (|J1|,|J4|,|J6| > 180)
 * are turn choices the planner takes from the start position. Returns CT_MCMD_CONFIG_ANY for
 * cfg < 0. */
CT_API unsigned ct_interp_hi5_cfg_flags(int cfg);
/* Hi6 cfg string (FACT: flags "re" rear, "dn" down, "fl" flip, "nf" non-flip; s/r1/r2/b are turn
 * choices; "auto" or NULL -> ANY). Flip -> CT_IK_WRIST_FLIP (INFERRED sign convention). */
CT_API unsigned ct_interp_hi6_cfg_flags(const char *flags);
/* Doosan sol 0..7 (FACT: 3 bits shoulder, elbow, wrist; INFERRED order: bit 2 shoulder back,
 * bit 1 elbow down, bit 0 wrist flip). */
CT_API unsigned ct_interp_drl_sol_flags(int sol);

#endif
