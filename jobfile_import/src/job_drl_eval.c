/* Doosan DRL values: numeric literals, lists, posj/posx, named constants (ON, DR_BASE, ...),
 * the variable table, and conversion of pose values to IR targets (mm/deg -> m/rad, ZYZ). */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "celltwin/math.h"
#include "job_drl.h"

static unsigned hash_n(const char *s, const char *e) {
    unsigned h = 2166136261u;
    for (; s < e; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h & 4095u;
}

const drl_var *ct_job_drl_var_get(const drl_vars *vars, const char *s, const char *e) {
    size_t n = (size_t)(e - s);
    for (const drl_var *v = vars->bucket[hash_n(s, e)]; v; v = v->next)
        if (strlen(v->name) == n && !memcmp(v->name, s, n)) return v;
    return NULL;
}

void ct_job_drl_var_set(ct_job_pctx *c, drl_vars *vars, const char *s, const char *e, const ct_job_target *pose,
                        int has_num, double num) {
    drl_var *v = (drl_var *)ct_job_drl_var_get(vars, s, e);
    if (!v) {
        v = ct_job_palloc(c->prog, sizeof *v);
        if (!v) return;
        v->name = ct_job_strndup(c->prog, s, (size_t)(e - s));
        unsigned h = hash_n(s, e);
        v->next = vars->bucket[h];
        vars->bucket[h] = v;
    }
    v->pose = pose;
    v->has_num = has_num;
    v->num = num;
}

static const struct { const char *name; double v; } constants[] = {
    {"ON", 1}, {"OFF", 0}, {"True", 1}, {"False", 0}, {"DR_BASE", 0}, {"DR_TOOL", 1}, {"DR_WORLD", 2},
    {"DR_MV_MOD_ABS", 0}, {"DR_MV_MOD_REL", 1}, {"DR_MV_RA_DUPLICATE", 0}, {"DR_MV_RA_OVERRIDE", 1},
    {"DR_LINE", 0}, {"DR_CIRCLE", 1},
};

static int eval_number(const drl_vars *vars, const char *s, const char *e, double *out) {
    s = ct_job_skip_ws(s);
    if (s > e) s = e;
    e = ct_job_rtrim(s, e);
    if (s >= e) return 0;
    if (ct_job_number(s, e, out)) return 1;
    if (*s == '-' || *s == '+') {
        double v;
        if (!eval_number(vars, s + 1, e, &v)) return 0;
        *out = *s == '-' ? -v : v;
        return 1;
    }
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (strlen(constants[i].name) == (size_t)(e - s) && !memcmp(constants[i].name, s, (size_t)(e - s))) {
            *out = constants[i].v;
            return 1;
        }
    const drl_var *v = vars ? ct_job_drl_var_get(vars, s, e) : NULL;
    if (v && v->has_num) { *out = v->num; return 1; }
    return 0;
}

/* Numeric items of "a, b, c" into out->v. */
static int eval_items(const drl_vars *vars, const char *s, const char *e, drl_value *out) {
    const char *bs[CT_JOB_MAX_AXES + 1], *be[CT_JOB_MAX_AXES + 1];
    if (ct_job_skip_ws(s) >= e) { out->n = 0; return 1; }
    int n = ct_job_split(s, e, bs, be, CT_JOB_MAX_AXES);
    if (n < 0) return 0;
    for (int i = 0; i < n; i++)
        if (!eval_number(vars, bs[i], be[i], &out->v[i])) return 0;
    out->n = n;
    return 1;
}

void ct_job_drl_eval(const drl_vars *vars, const char *s, const char *e, drl_value *out) {
    s = ct_job_skip_ws(s);
    if (s > e) s = e;
    e = ct_job_rtrim(s, e);
    memset(out, 0, sizeof *out);
    out->s = s;
    out->e = e;
    out->kind = DRL_V_OTHER;
    if (s >= e) return;
    size_t n = (size_t)(e - s);
    if (n == 4 && !memcmp(s, "None", 4)) { out->kind = DRL_V_NONE; return; }
    if ((*s == '"' || *s == '\'') && e[-1] == *s && n >= 2 && !memchr(s + 1, *s, n - 2)) { out->kind = DRL_V_STR; return; }
    if (eval_number(vars, s, e, &out->v[0])) {
        const char *id = s;
        out->kind = DRL_V_NUM;
        out->n = 1;
        if (ct_job_is_ident_start((unsigned char)*id)) out->has_num = 1; /* a named number */
        return;
    }
    if (*s == '[' && e[-1] == ']' && ct_job_find_top(s + 1, e - 1, ']') == NULL) {
        if (eval_items(vars, s + 1, e - 1, out)) out->kind = DRL_V_LIST;
        return;
    }
    if (n > 6 && (!strncmp(s, "posj(", 5) || !strncmp(s, "posx(", 5)) && e[-1] == ')') {
        const char *a = s + 5, *ae = e - 1;
        if (ct_job_find_top(a, ae, ')')) return;
        drl_value inner;
        const char *as = ct_job_skip_ws(a), *aee = ct_job_rtrim(as, ae);
        int ok;
        if (as < aee && *as == '[') { ct_job_drl_eval(vars, as, aee, &inner); ok = inner.kind == DRL_V_LIST; if (ok) { out->n = inner.n; memcpy(out->v, inner.v, sizeof out->v); } }
        else ok = eval_items(vars, a, ae, out);
        if (ok) out->kind = s[3] == 'j' ? DRL_V_POSJ : DRL_V_POSX;
        return;
    }
    if (ct_job_is_ident_start((unsigned char)*s)) {
        const char *p = s;
        while (p < e && (ct_job_is_ident((unsigned char)*p) || *p == '.')) p++;
        if (p == e) {
            out->kind = DRL_V_NAME;
            const drl_var *v = vars ? ct_job_drl_var_get(vars, s, e) : NULL;
            if (v) out->var = v->pose;
        }
    }
}

int ct_job_drl_target(ct_job_pctx *c, const drl_value *v, ct_job_target *t, int joint_default) {
    const ct_job_target *src = NULL;
    drl_vkind k = v->kind;
    if (k == DRL_V_NAME) {
        t->var = ct_job_strndup(c->prog, v->s, (size_t)(v->e - v->s));
        if (!v->var) {
            ct_job_warn(c, v->s, "unresolved name '%.*s' (defined outside the file?); target unknown",
                        (int)(v->e - v->s > 60 ? 60 : v->e - v->s), v->s);
            return 1;
        }
        src = v->var;
        t->kind = src->kind;
        t->frame = src->frame;
        t->user_frame = src->user_frame;
        t->euler = src->euler;
        t->sol = src->sol;
        if (!ct_job_target_values(c->prog, t, src->n)) return 0;
        if (src->n > 0) memcpy(t->v, src->v, sizeof(double) * (size_t)src->n);
        return 1;
    }
    if (k == DRL_V_LIST) k = joint_default ? DRL_V_POSJ : DRL_V_POSX;
    if (k != DRL_V_POSJ && k != DRL_V_POSX) {
        t->expr = ct_job_strndup(c->prog, v->s, (size_t)(v->e - v->s));
        ct_job_warn(c, v->s, "target '%.*s' cannot be evaluated; kept as text", (int)(v->e - v->s > 60 ? 60 : v->e - v->s), v->s);
        return 1;
    }
    if (k == DRL_V_POSX && v->n < 6) { ct_job_error(c, v->s, "posx needs 6 values (got %d)", v->n); t->expr = ct_job_strndup(c->prog, v->s, (size_t)(v->e - v->s)); return 1; }
    t->kind = k == DRL_V_POSJ ? CT_JOB_TGT_JOINT : CT_JOB_TGT_CART;
    t->euler = CT_JOB_EULER_ZYZ;
    if (!ct_job_target_values(c->prog, t, v->n)) return 0;
    for (int i = 0; i < v->n; i++) t->v[i] = (k == DRL_V_POSX && i < 3) ? v->v[i] * 1e-3 : v->v[i] * CT_DEG;
    return 1;
}
