/* Private: shared state of the program interpreter (interp_*.c): values and variable tables,
 * the output store (commands, strings, diagnostics), the per-program block structure and the
 * execution state. */
#ifndef CT_INTERP_INTERNAL_H
#define CT_INTERP_INTERNAL_H

#include <stdio.h>

#include "celltwin/interp.h"
#include "celltwin/jobfile.h"

/* ---- values ---- */

typedef enum ip_pose_kind { IP_POSE_JOINT = 1, IP_POSE_CART, IP_POSE_SHIFT } ip_pose_kind;

/* A pose value in SI (like an IR target): joint rad; cart x,y,z m + three Euler angles rad. */
typedef struct ip_pose {
    ip_pose_kind kind;
    int n;
    double v[CT_JOB_MAX_AXES];
    ct_job_frame frame;
    int uframe;
    ct_job_euler euler;
    int cfg;                /* Hi5 word, -1 */
    char cfg_flags[24];     /* Hi6 flags, "" */
    int sol;                /* Doosan sol, -1 */
} ip_pose;

typedef enum ip_vkind { IP_V_NONE, IP_V_NUM, IP_V_POSE } ip_vkind;

typedef struct ip_value {
    ip_vkind kind;
    double num;
    ip_pose pose;
} ip_value;

/* Variable table: case-insensitive name -> value (hash chains, heap nodes). */
typedef struct ip_var { struct ip_var *next; char *name; ip_value val; } ip_var;
typedef struct ip_table { ip_var *bucket[1024]; int count; } ip_table;

const ip_value *ip_table_get(const ip_table *t, const char *name, size_t n);
int ip_table_set(ip_table *t, const char *name, size_t n, const ip_value *v); /* 0 on out of memory */
void ip_table_remove(ip_table *t, const char *name, size_t n);
void ip_table_clear(ip_table *t);

struct ct_interp_vars { ip_table table; };

/* Fills a pose value from an IR target with values (kind JOINT/CART); 0 for other kinds. */
int ip_pose_from_target(const ct_job_target *t, ip_pose *out);

/* ---- output store ---- */

typedef struct ip_strblock { struct ip_strblock *next; size_t used, cap; char data[]; } ip_strblock;

typedef struct ct_interp_store {
    ip_strblock *strings;
    int cmd_cap, diag_cap;
} ct_interp_store;

/* ---- per-program data ---- */

typedef struct ip_label { const char *name; int idx; } ip_label;

typedef struct ip_prog {
    const ct_job_program *prog;
    ct_job_program *owned;  /* loaded by CALL (freed at the end), else NULL */
    const char *file;       /* owned by the output store */
    char *dir;              /* folder of the file (heap) */
    int *match;             /* (ninstr) IF/ELSEIF/ELSE -> next chain element; LOOP -> ENDLOOP;
                               ENDLOOP -> LOOP; DEF -> ENDDEF; others -1 */
    int *endif;             /* (ninstr) IF/ELSEIF/ELSE -> the ENDIF of the chain, else -1 */
    int *loop_of;           /* (ninstr) innermost enclosing LOOP, -1 */
    unsigned char *reported;/* (ninstr) a diagnostic was already given for this instruction */
    char *name;             /* program name for CALL lookups ("0002", "place_part") */
    ip_label *labels;       /* (nlabels) LABEL/DEF instructions sorted by name (case-insensitive) */
    int nlabels;
} ip_prog;

/* Instruction index of label / def `name` in program p, or -1. */
int ip_find_label(const ip_prog *p, const char *name, ct_job_kind kind);

/* ---- execution state ---- */

typedef struct ip_frame { int prog; int ret_pc; int kind; /* 0 gosub, 1 call, 2 def */ int nloop; } ip_frame;
typedef struct ip_loop { int prog, pc; double end, step; int is_range; char var[64]; } ip_loop;

typedef struct ip_state {
    const ct_program_context *ctx;
    const ct_robot *robot;
    ct_interp_output *out;
    ct_error *err;
    ct_status status;       /* CT_OK, or out of memory */
    ip_prog *progs;
    int nprog, prog_cap;
    ip_table vars;          /* runtime variables (program + DRL globals) */
    ip_frame frames[256];
    int nframe;
    ip_loop loops[256];
    int nloop;
    int stop;               /* 1: end of execution */
    int cur_prog, pc;       /* instruction being executed */
    /* controller state */
    int have_q;             /* cur_q is known */
    double cur_q[CT_ROBOT_MAX_DOF];
    int have_pose;          /* cur_pose (the flange, base frame) is known */
    ct_xform cur_pose;
    ct_xform cur_tool;
    ct_xform drl_tcp;       /* Doosan: TCP selected by set_tcp */
    int drl_ref;            /* Doosan set_ref_coord: 0 base, 1 tool, 2 world, 101.. user */
    double drl_velj, drl_accj, drl_velx, drl_velx2, drl_accx, drl_accx2; /* globals (0 = not set) */
    ct_xform uframe[CT_INTERP_MAX_UFRAMES];
    int uframe_defined[CT_INTERP_MAX_UFRAMES];
    int tool_noted[CT_INTERP_MAX_TOOLS];
    int *hyundai_circ;      /* (cmd_cap) 1 when the command is a Hyundai C step to resolve */
    int circ_cap;
} ip_state;

/* Output helpers. */
const char *ip_strdup(ip_state *st, const char *s);
ct_motion_cmd *ip_emit(ip_state *st, ct_mcmd_type type, const ct_job_instr *in);
void ip_diag(ip_state *st, ct_interp_severity sev, const ct_job_instr *in, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Same, but only once per instruction (loops do not repeat it). */
void ip_diag_once(ip_state *st, ct_interp_severity sev, const ct_job_instr *in, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Expressions (interp_expr.c): evaluates text; 1 on success, else 0 with a reason in why. */
int ip_eval(ip_state *st, const char *s, const char *e, ip_value *out, char *why, size_t why_n);
/* Evaluates a condition to 0/1; -1 when it cannot be evaluated (reason in why). */
int ip_eval_cond(ip_state *st, const char *text, char *why, size_t why_n);
/* Value of digital input n from the I/O model. */
double ip_input_value(const ct_program_context *ctx, int n);
/* Seconds a WAIT for input n takes (< 0: never). */
double ip_input_wait(const ct_program_context *ctx, int n);

/* Motions (interp_motion.c). */
void ip_exec_motion(ip_state *st, const ct_job_instr *in);
void ip_exec_setting(ip_state *st, const ct_job_instr *in);
/* TCP pose of joint values q with the tool (base frame). */
ct_xform ip_tcp_of(const ct_robot *r, const double *q, ct_xform tool);
/* Target pose (base frame) of a Cartesian pose value; 0 with a reason when it cannot be resolved. */
int ip_cart_to_base(ip_state *st, const ip_pose *p, ct_job_frame dflt, ct_xform tool, ct_xform *out, char *why,
                    size_t why_n);
/* Applies a Hyundai shift to a pose (in place); 0 with a reason. */
int ip_apply_shift(ip_state *st, ip_pose *p, const ip_pose *shift, char *why, size_t why_n);
/* Parses "Shift(dx,dy,dz,drx,dry,drz[,aux],"crd")" (mm, deg) into a shift pose. */
int ip_parse_shift_call(const char *s, ip_pose *out);
/* Resolves Hyundai C steps after the run (interp_circ.c). */
void ip_resolve_hyundai_circ(ip_state *st);

/* Loads (once) the program a CALL names; returns its index or -1 after a diagnostic. */
int ip_load_callee(ip_state *st, const ct_job_instr *in, const char *callee);
/* Runs one program from instruction pc (interp_run.c). */
void ip_run(ip_state *st);

#endif
