/* Private: Doosan DRL value evaluation shared by the DRL parser (constants, literals, variables). */
#ifndef CELLTWIN_JOB_DRL_H
#define CELLTWIN_JOB_DRL_H

#include "job_internal.h"

typedef enum drl_vkind { DRL_V_OTHER, DRL_V_NONE, DRL_V_NUM, DRL_V_LIST, DRL_V_POSJ, DRL_V_POSX, DRL_V_STR, DRL_V_NAME } drl_vkind;

/* A value: numbers in file units (mm, deg); name/str point into the source line. */
typedef struct drl_value {
    drl_vkind kind;
    int n;
    double v[CT_JOB_MAX_AXES];
    const char *s, *e;       /* source text of the value (trimmed) */
    const ct_job_target *var; /* DRL_V_NAME resolved to a pose variable */
    int has_num;              /* DRL_V_NAME resolved to a number (v[0]) */
} drl_value;

/* Variable table: name -> pose target or number (hashed; lives in the program pool). */
typedef struct drl_var { struct drl_var *next; const char *name; const ct_job_target *pose; double num; int has_num; } drl_var;
typedef struct drl_vars { drl_var *bucket[4096]; } drl_vars;

void ct_job_drl_var_set(ct_job_pctx *c, drl_vars *vars, const char *s, const char *e, const ct_job_target *pose,
                        int has_num, double num);
const drl_var *ct_job_drl_var_get(const drl_vars *vars, const char *s, const char *e);
/* Evaluates [s, e) (trimmed) into out. Never fails: unknown forms are DRL_V_OTHER. */
void ct_job_drl_eval(const drl_vars *vars, const char *s, const char *e, drl_value *out);
/* Fills t from a pose value (posj/posx/list/variable); joint_default picks JOINT for plain lists. */
int ct_job_drl_target(ct_job_pctx *c, const drl_value *v, ct_job_target *t, int joint_default);

/* moveb(seg_list, ...) at name (args [a, ae)): one LIN/CIRC motion per posb segment (job_drl_moveb.c). */
int ct_job_drl_moveb(ct_job_pctx *c, const drl_vars *vars, const char *name, const char *a, const char *ae, int async);

#endif
