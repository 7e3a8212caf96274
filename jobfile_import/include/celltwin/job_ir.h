/* celltwin program IR: one vendor-neutral representation of a robot program (jobfile).
 * A ct_job_program owns every instruction, target and string it holds; ct_job_program_free
 * releases all of it. Units inside are SI (m, rad, s); vendor units are converted by the parsers
 * and exporters. The format is versioned (CT_JOB_IR_VERSION) and documented in docs/program-ir.md. */
#ifndef CELLTWIN_JOB_IR_H
#define CELLTWIN_JOB_IR_H

#include <stdio.h>

#include "celltwin/base.h"

#define CT_JOB_IR_VERSION 1
#define CT_JOB_MAX_AXES 32 /* most values in one pose (Hi6 allows 32 joints) */

/* Source formats. AUTO asks the parser to detect the format from the content. */
typedef enum ct_job_format { CT_JOB_FMT_AUTO, CT_JOB_FMT_HI5, CT_JOB_FMT_HI6, CT_JOB_FMT_DRL } ct_job_format;

/* Instruction kinds. The meaning of the generic fields (name, text, index, value, value2) per
 * kind is listed in docs/program-ir.md and next to each entry. */
typedef enum ct_job_kind {
    CT_JOB_MOTION,      /* motion != NULL */
    CT_JOB_IO_SET,      /* name: signal family ("DO","DOB","DOW","TDO"); index; value; text: expr if not numeric */
    CT_JOB_WAIT,        /* name: signal family ("DI") + index + value, or text: condition; value2: timeout s (NAN none) */
    CT_JOB_DELAY,       /* value: seconds */
    CT_JOB_CALL,        /* name: callee ("0002", "sub"); text: arguments */
    CT_JOB_GOTO,        /* name: label or line/step address */
    CT_JOB_GOSUB,       /* name: label */
    CT_JOB_RETURN,      /* return from gosub / def */
    CT_JOB_LABEL,       /* name: label ("*LBL") or numeric line address ("10") */
    CT_JOB_IF,          /* text: condition; index 1 = single-line form whose action is name ("THEN" part) */
    CT_JOB_ELSEIF,      /* text: condition */
    CT_JOB_ELSE,
    CT_JOB_ENDIF,
    CT_JOB_LOOP,        /* name: "for"/"while"; text: header; index: iteration count when evaluable, else -1 */
    CT_JOB_ENDLOOP,
    CT_JOB_BREAK,
    CT_JOB_CONTINUE,
    CT_JOB_ASSIGN,      /* name: variable; text: expression; pose: value when it is a pose literal */
    CT_JOB_DECLARE,     /* name: "var","global","import","DIM"; text: the rest */
    CT_JOB_DEF,         /* name: function; text: parameters */
    CT_JOB_ENDDEF,
    CT_JOB_SETTING,     /* name: setting ("set_velj","set_tcp","contpath",...); text: raw args; value/value2: SI */
    CT_JOB_EVENT,       /* application event (ARCON, WEAVON, tp_log, ...): name; text: arguments */
    CT_JOB_COMMENT,     /* comment: the text (UTF-8) without the comment marker */
    CT_JOB_STOP,
    CT_JOB_END,
    CT_JOB_UNSUPPORTED, /* text: the original statement; a diagnostic was emitted */
    CT_JOB_KIND_COUNT
} ct_job_kind;

typedef enum ct_job_motion_type { CT_JOB_PTP, CT_JOB_LIN, CT_JOB_CIRC, CT_JOB_SPLINE } ct_job_motion_type;

typedef enum ct_job_target_kind {
    CT_JOB_TGT_NONE,    /* no values (only a variable or expression) */
    CT_JOB_TGT_JOINT,   /* v: joint values (rad; see axis note) */
    CT_JOB_TGT_CART,    /* v: x,y,z (m), three Euler angles (rad), then aux axes (rad; see axis note) */
    CT_JOB_TGT_ENCODER  /* v: raw encoder counts per axis (needs the robot's encoder scale) */
} ct_job_target_kind;

/* Axis note: whether an axis is rotary or linear is unknown at import, so every axis value is
 * stored as if rotary: file value (deg) * pi/180. For a linear axis, metres = v * 180/pi / 1000. */

typedef enum ct_job_frame {
    CT_JOB_FRAME_DEFAULT, /* not given: the controller's current reference */
    CT_JOB_FRAME_BASE,
    CT_JOB_FRAME_ROBOT,
    CT_JOB_FRAME_WORLD,
    CT_JOB_FRAME_TOOL,
    CT_JOB_FRAME_USER     /* user_frame holds the number */
} ct_job_frame;

typedef enum ct_job_euler {
    CT_JOB_EULER_XYZ_FIXED, /* Hyundai rx,ry,rz: R = Rz(rz) Ry(ry) Rx(rx) (INFERRED, see formats doc) */
    CT_JOB_EULER_ZYZ        /* Doosan a,b,c: R = Rz(a) Ry(b) Rz(c) */
} ct_job_euler;

typedef struct ct_job_target {
    ct_job_target_kind kind;
    ct_job_frame frame;      /* CART: reference frame */
    int user_frame;          /* USER frame number (Hyundai U1 -> 1, Doosan 101..200); 0 otherwise */
    ct_job_euler euler;      /* CART: convention of v[3..5] */
    int n;                   /* number of values in v (<= CT_JOB_MAX_AXES) */
    double *v;               /* values, see ct_job_target_kind (owned by the program) */
    int cfg;                 /* Hi5 configuration word (&H....), -1 when absent */
    const char *cfg_flags;   /* Hi6 cfg string ("fl;r2"), NULL when absent */
    int sol;                 /* Doosan IK solution space 0..7, -1 when absent */
    const char *var;         /* pose variable name ("P1", "p1"), NULL when inline */
    const char *shift;       /* shift added to the pose ("R2", "Shift(...)"), NULL */
    const char *expr;        /* target expression kept as text when not evaluable, NULL */
} ct_job_target;

typedef enum ct_job_speed_kind {
    CT_JOB_SPD_NONE,     /* not given (controller default / global) */
    CT_JOB_SPD_PERCENT,  /* value: fraction of the maximum (100% -> 1.0) */
    CT_JOB_SPD_LINEAR,   /* value: TCP speed m/s (accel: m/s^2); value2: angular rad/s (rad/s^2) or NAN */
    CT_JOB_SPD_TIME,     /* value: move time s */
    CT_JOB_SPD_JOINT     /* value: joint speed rad/s (accel: rad/s^2) */
} ct_job_speed_kind;

typedef struct ct_job_speed {
    ct_job_speed_kind kind;
    double value;         /* SI, see kind */
    double value2;        /* SI, see kind; NAN when absent */
    const char *unit;     /* unit as written ("mm/sec","cm/min","%","sec","mm/s"); export hint, NULL */
    const char *expr;     /* non-numeric value kept as text ("cmd_spd"), NULL */
} ct_job_speed;

typedef struct ct_job_motion {
    ct_job_motion_type type;
    int stationary_tool;     /* Hyundai SP/SL/SC */
    int async;               /* Doosan amove* */
    int station;             /* Hyundai SMOV S<n>: synchronised station number, 0 none */
    int group;               /* robot / axis group moved, 1 = the robot */
    int ntarget;             /* 1 (PTP/LIN/Hyundai CIRC), 2 (Doosan CIRC: via, end), n (SPLINE) */
    ct_job_target *target;   /* ntarget targets */
    ct_job_speed speed;      /* programmed speed */
    ct_job_speed accel;      /* programmed acceleration (Doosan acc), kind NONE when absent */
    double time;             /* Doosan time= (s), NAN when absent */
    int accuracy;            /* Hyundai accuracy level 0..7, -1 when absent */
    double radius;           /* blend radius (m), NAN when absent */
    int tool;                /* tool number, -1 when absent */
    int relative;            /* Doosan mod=DR_MV_MOD_REL */
    int ra;                  /* Doosan ra: 0 duplicate, 1 override, -1 absent */
    const char *options;     /* other arguments kept as text ("until di1", "app_type=..."), NULL */
} ct_job_motion;

typedef struct ct_job_src {
    const char *file;  /* file name as given to the parser */
    int line;          /* 1-based */
    int column;        /* 1-based byte column in the UTF-8 text */
    int step;          /* step number (Hyundai S<n>; Doosan: motion count), 0 when none */
} ct_job_src;

typedef struct ct_job_instr {
    ct_job_kind kind;
    ct_job_src src;
    const char *name;      /* kind-specific, see ct_job_kind; NULL when unused */
    const char *text;      /* kind-specific, see ct_job_kind; NULL when unused */
    const char *comment;   /* COMMENT: the comment; others: trailing comment; NULL */
    int index;             /* kind-specific; 0 when unused */
    double value;          /* kind-specific; NAN when unused */
    double value2;         /* kind-specific; NAN when unused */
    ct_job_motion *motion; /* MOTION only */
    ct_job_target *pose;   /* ASSIGN of a pose literal, else NULL */
} ct_job_instr;

typedef enum ct_job_severity { CT_JOB_NOTE, CT_JOB_WARNING, CT_JOB_ERROR } ct_job_severity;

/* One diagnostic: "file:line:col: warning: message", then the source line and a caret. */
typedef struct ct_job_diag {
    ct_job_severity severity;
    const char *file;
    int line, column;
    const char *message;
    const char *source_line; /* the offending line (UTF-8), may be NULL */
} ct_job_diag;

typedef struct ct_job_program {
    int ir_version;          /* CT_JOB_IR_VERSION */
    ct_job_format format;    /* source format */
    const char *file;        /* source file name, NULL */
    const char *encoding;    /* source encoding: "utf-8", "utf-8-bom", "cp949" */
    int crlf;                /* source used CRLF line ends */
    const char *version;     /* header format version ("1.6"), NULL */
    const char *mech_type;   /* Hyundai MechType ("458(HA006B-01)"), NULL */
    int total_axis;          /* Hyundai TotalAxis, -1 unknown */
    int aux_axis;            /* Hyundai AuxAxis, -1 unknown */
    const char *title;       /* Doosan "## Title :" value, NULL */
    int ninstr;
    ct_job_instr *instr;     /* ninstr instructions in program order */
    int ndiag;
    ct_job_diag *diag;       /* ndiag diagnostics in source order */
    int nerrors, nwarnings;  /* counts (also of diagnostics dropped beyond the cap) */
    struct ct_job_pool *pool_; /* private: owned storage */
} ct_job_program;

/* Creates an empty program (ir_version set, totals unknown). NULL on out of memory. */
CT_API ct_job_program *ct_job_program_create(void);
/* Frees the program and everything it owns. Safe with NULL. */
CT_API void ct_job_program_free(ct_job_program *p);

/* Building (used by parsers, loaders and tests). Strings and arrays are copied into the program.
 * Returned pointers stay valid until the program is freed; instr pointers only until the next
 * append. NULL on out of memory or when the instruction cap is reached. */
CT_API ct_job_instr *ct_job_append(ct_job_program *p, ct_job_kind kind);
CT_API const char *ct_job_strdup(ct_job_program *p, const char *s);
CT_API const char *ct_job_strndup(ct_job_program *p, const char *s, size_t n);
CT_API void *ct_job_palloc(ct_job_program *p, size_t size); /* zeroed, 8-byte aligned */
/* A motion with ntarget zeroed targets (each: cfg -1, sol -1), speeds NONE, NAN/-1 fields. */
CT_API ct_job_motion *ct_job_motion_new(ct_job_program *p, ct_job_motion_type type, int ntarget);
/* Allocates n values for a target (zeroed). Returns t->v or NULL. */
CT_API double *ct_job_target_values(ct_job_program *p, ct_job_target *t, int n);
/* Initialises a target: kind NONE, cfg -1, sol -1. */
CT_API void ct_job_target_init(ct_job_target *t);
/* Records a diagnostic (message formatted; source_line copied). Diagnostics beyond 1000 are
 * counted but not stored. */
CT_API void ct_job_diagf(ct_job_program *p, ct_job_severity sev, const char *file, int line, int col,
                         const char *source_line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
/* Prints diagnostic i as "file:line:col: warning: msg\n<line>\n   ^\n" into f. */
CT_API void ct_job_diag_print(const ct_job_program *p, int i, FILE *f);

/* Names used in JSON and messages ("motion", "PTP", "hi5", ...). */
CT_API const char *ct_job_kind_name(ct_job_kind k);
CT_API const char *ct_job_motion_type_name(ct_job_motion_type t);
CT_API const char *ct_job_format_name(ct_job_format f);

/* Rotation (row-major 3x3) of a CART target's Euler angles, in either convention. */
CT_API void ct_job_target_rotation(const ct_job_target *t, double R[9]);

/* Compares two programs, ignoring source positions, diagnostics, encoding and line ends. Numbers
 * compare within tol (absolute, SI); Cartesian orientations compare as rotations. Returns 1 when
 * equal; otherwise 0 and a description of the first difference in why (may be NULL). */
CT_API int ct_job_program_equal(const ct_job_program *a, const ct_job_program *b, double tol, char *why,
                                size_t why_size);

/* JSON (cJSON). Dump returns a heap string freed with ct_free. Load builds a new program. */
CT_API ct_status ct_job_to_json(const ct_job_program *p, char **out_json, ct_error *err);
CT_API ct_status ct_job_from_json(const char *json, size_t len, ct_job_program **out, ct_error *err);

#endif
