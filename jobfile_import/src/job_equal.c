/* IR equality for round-trip tests: compares two programs field by field, ignoring source
 * positions, diagnostics, encoding and line ends; orientations compare as rotation matrices. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/job_ir.h"

typedef struct eq_ctx { double tol; char *why; size_t why_size; int idx; } eq_ctx;

static int differ(eq_ctx *c, const char *field, const char *fmt_a, const char *fmt_b) {
    if (c->why && c->why_size)
        snprintf(c->why, c->why_size, "instruction %d: %s differs (%s vs %s)", c->idx, field,
                 fmt_a ? fmt_a : "null", fmt_b ? fmt_b : "null");
    return 0;
}

static int num_eq(eq_ctx *c, const char *field, double a, double b) {
    if (isnan(a) && isnan(b)) return 1;
    if (!isnan(a) && !isnan(b) && fabs(a - b) <= c->tol) return 1;
    char sa[40], sb[40];
    snprintf(sa, sizeof sa, "%.12g", a);
    snprintf(sb, sizeof sb, "%.12g", b);
    return differ(c, field, sa, sb);
}

static int int_eq(eq_ctx *c, const char *field, long a, long b) {
    if (a == b) return 1;
    char sa[24], sb[24];
    snprintf(sa, sizeof sa, "%ld", a);
    snprintf(sb, sizeof sb, "%ld", b);
    return differ(c, field, sa, sb);
}

static int str_eq(eq_ctx *c, const char *field, const char *a, const char *b) {
    if (!a && !b) return 1;
    if (a && b && !strcmp(a, b)) return 1;
    return differ(c, field, a, b);
}

static int target_eq(eq_ctx *c, const ct_job_target *a, const ct_job_target *b) {
    if (!int_eq(c, "target.kind", a->kind, b->kind) || !int_eq(c, "target.n", a->n, b->n) ||
        !int_eq(c, "target.frame", a->frame, b->frame) || !int_eq(c, "target.user_frame", a->user_frame, b->user_frame) ||
        !int_eq(c, "target.cfg", a->cfg, b->cfg) || !int_eq(c, "target.sol", a->sol, b->sol) ||
        !str_eq(c, "target.cfg_flags", a->cfg_flags, b->cfg_flags) || !str_eq(c, "target.var", a->var, b->var) ||
        !str_eq(c, "target.shift", a->shift, b->shift) || !str_eq(c, "target.expr", a->expr, b->expr))
        return 0;
    for (int i = 0; i < a->n; i++) {
        if (a->kind == CT_JOB_TGT_CART && i >= 3 && i < 6) continue; /* rotation compared below */
        if (!num_eq(c, "target.v", a->v[i], b->v[i])) return 0;
    }
    if (a->kind == CT_JOB_TGT_CART && a->n >= 6) {
        double ra[9], rb[9];
        ct_job_target_rotation(a, ra);
        ct_job_target_rotation(b, rb);
        for (int i = 0; i < 9; i++)
            if (!num_eq(c, "target.rotation", ra[i], rb[i])) return 0;
    }
    return 1;
}

static int speed_eq(eq_ctx *c, const char *f, const ct_job_speed *a, const ct_job_speed *b) {
    return int_eq(c, f, a->kind, b->kind) && num_eq(c, f, a->value, b->value) &&
           num_eq(c, f, a->value2, b->value2) && str_eq(c, f, a->expr, b->expr);
}

static int motion_eq(eq_ctx *c, const ct_job_motion *a, const ct_job_motion *b) {
    if (!int_eq(c, "motion.type", a->type, b->type) ||
        !int_eq(c, "motion.stationary_tool", a->stationary_tool, b->stationary_tool) ||
        !int_eq(c, "motion.async", a->async, b->async) || !int_eq(c, "motion.station", a->station, b->station) ||
        !int_eq(c, "motion.group", a->group, b->group) || !int_eq(c, "motion.ntarget", a->ntarget, b->ntarget) ||
        !speed_eq(c, "motion.speed", &a->speed, &b->speed) || !speed_eq(c, "motion.accel", &a->accel, &b->accel) ||
        !num_eq(c, "motion.time", a->time, b->time) || !int_eq(c, "motion.accuracy", a->accuracy, b->accuracy) ||
        !num_eq(c, "motion.radius", a->radius, b->radius) || !int_eq(c, "motion.tool", a->tool, b->tool) ||
        !int_eq(c, "motion.relative", a->relative, b->relative) || !int_eq(c, "motion.ra", a->ra, b->ra) ||
        !str_eq(c, "motion.options", a->options, b->options))
        return 0;
    for (int i = 0; i < a->ntarget; i++)
        if (!target_eq(c, &a->target[i], &b->target[i])) return 0;
    return 1;
}

int ct_job_program_equal(const ct_job_program *a, const ct_job_program *b, double tol, char *why, size_t why_size) {
    eq_ctx c = {tol, why, why_size, -1};
    if (why && why_size) why[0] = 0;
    if (!int_eq(&c, "format", a->format, b->format) || !str_eq(&c, "version", a->version, b->version) ||
        !str_eq(&c, "mech_type", a->mech_type, b->mech_type) || !int_eq(&c, "total_axis", a->total_axis, b->total_axis) ||
        !int_eq(&c, "aux_axis", a->aux_axis, b->aux_axis) || !str_eq(&c, "title", a->title, b->title))
        return 0;
    int n = a->ninstr < b->ninstr ? a->ninstr : b->ninstr;
    for (int i = 0; i < n; i++) {
        const ct_job_instr *x = &a->instr[i], *y = &b->instr[i];
        c.idx = i;
        if (!str_eq(&c, "kind", ct_job_kind_name(x->kind), ct_job_kind_name(y->kind)) ||
            !str_eq(&c, "name", x->name, y->name) || !str_eq(&c, "text", x->text, y->text) ||
            !str_eq(&c, "comment", x->comment, y->comment) || !int_eq(&c, "index", x->index, y->index) ||
            !num_eq(&c, "value", x->value, y->value) || !num_eq(&c, "value2", x->value2, y->value2))
            return 0;
        if ((x->motion != NULL) != (y->motion != NULL)) return differ(&c, "motion", "?", "?");
        if (x->motion && !motion_eq(&c, x->motion, y->motion)) return 0;
        if ((x->pose != NULL) != (y->pose != NULL)) return differ(&c, "pose", "?", "?");
        if (x->pose && !target_eq(&c, x->pose, y->pose)) return 0;
    }
    c.idx = n;
    return int_eq(&c, "instruction count", a->ninstr, b->ninstr);
}
