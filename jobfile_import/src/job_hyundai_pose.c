/* Hyundai (Hi5 and Hi6) motion arguments: speed with units, hidden poses ((...)A/E/R/U<n> and
 * [...]), Pose(...) literals and pose expressions (P1+R2, tg=...), converted to SI. */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "celltwin/math.h"
#include "job_hyundai.h"

/* Speed units accepted after the number (longest first). */
static const struct { const char *unit; ct_job_speed_kind kind; double scale; } speed_units[] = {
    {"mm/sec", CT_JOB_SPD_LINEAR, 1e-3}, {"cm/min", CT_JOB_SPD_LINEAR, 1e-2 / 60.0},
    {"mm/s", CT_JOB_SPD_LINEAR, 1e-3},   {"sec", CT_JOB_SPD_TIME, 1.0},
    {"%", CT_JOB_SPD_PERCENT, 1e-2},
};

int ct_job_hy_speed(ct_job_pctx *c, const char *s, const char *e, ct_job_speed *out) {
    s = ct_job_skip_ws(s);
    if (s > e) s = e;
    e = ct_job_rtrim(s, e);
    for (size_t i = 0; i < sizeof speed_units / sizeof speed_units[0]; i++) {
        size_t ul = strlen(speed_units[i].unit);
        if ((size_t)(e - s) <= ul || strncasecmp(e - ul, speed_units[i].unit, ul) != 0) continue;
        out->kind = speed_units[i].kind;
        out->unit = speed_units[i].unit;
        double v;
        if (ct_job_number(s, e - ul, &v)) {
            if (v < 0) { ct_job_warn(c, s, "negative speed"); }
            out->value = v * speed_units[i].scale;
        } else {
            out->expr = ct_job_str(c, s, (size_t)(e - ul - s));
        }
        return 1;
    }
    ct_job_warn(c, s, "speed '%.*s' has no known unit (%%, mm/sec, mm/s, cm/min, sec); kept as text",
                (int)(e - s > 40 ? 40 : e - s), s);
    out->kind = CT_JOB_SPD_NONE;
    out->expr = ct_job_str(c, s, (size_t)(e - s));
    return 0;
}

/* Fills t->v from numeric items bs[0..n) with per-index scale (CART: mm->m for 0..2). */
static int fill_values(ct_job_pctx *c, ct_job_target *t, const char **bs, const char **be, int n) {
    if (n > CT_JOB_MAX_AXES) {
        ct_job_error(c, bs[0], "pose has %d values, more than %d", n, CT_JOB_MAX_AXES);
        return 0;
    }
    if (!ct_job_target_values(c->prog, t, n)) { ct_job_fatal(c, CT_ERR_NO_MEMORY, bs[0], "out of memory"); return 0; }
    for (int i = 0; i < n; i++) {
        double v;
        if (!ct_job_number(bs[i], be[i], &v)) {
            ct_job_error(c, bs[i], "pose value %d is not a number", i + 1);
            return 0;
        }
        if (t->kind == CT_JOB_TGT_ENCODER && (v < 0 || v > 4294967295.0 || v != floor(v))) {
            ct_job_error(c, bs[i], "encoder value %d is not a count 0..&HFFFFFFFF", i + 1);
            return 0;
        }
        if (t->kind == CT_JOB_TGT_ENCODER) t->v[i] = v;
        else if (t->kind == CT_JOB_TGT_CART && i < 3) t->v[i] = v * 1e-3;
        else t->v[i] = v * CT_DEG;
    }
    return 1;
}

static int parse_crd(ct_job_pctx *c, const char *s, const char *e, ct_job_target *t) {
    size_t n = (size_t)(e - s);
    if (n == 5 && !strncasecmp(s, "joint", 5)) { t->kind = CT_JOB_TGT_JOINT; return 1; }
    if (n == 7 && !strncasecmp(s, "encoder", 7)) { t->kind = CT_JOB_TGT_ENCODER; return 1; }
    t->kind = CT_JOB_TGT_CART;
    if (n == 4 && !strncasecmp(s, "base", 4)) { t->frame = CT_JOB_FRAME_BASE; return 1; }
    if (n == 5 && !strncasecmp(s, "robot", 5)) { t->frame = CT_JOB_FRAME_ROBOT; return 1; }
    if (n >= 2 && n <= 3 && (s[0] == 'u' || s[0] == 'U') && isdigit((unsigned char)s[1])) {
        t->frame = CT_JOB_FRAME_USER;
        t->user_frame = ct_job_atoi_n(s + 1, e);
        return 1;
    }
    ct_job_error(c, s, "unknown coordinate '%.*s' (joint, base, robot, u1..u20, encoder)", (int)(n > 20 ? 20 : n), s);
    t->kind = CT_JOB_TGT_JOINT;
    return 0;
}

int ct_job_atoi_n(const char *s, const char *e) {
    int v = 0;
    for (; s < e && isdigit((unsigned char)*s) && v < 100000000; s++) v = v * 10 + (*s - '0');
    return v;
}

/* Hi6 values list (inside [..] or Pose(..)): numbers, then optional "crd", "cfg" strings. */
static int parse_hi6_values(ct_job_pctx *c, const char *s, const char *e, ct_job_target *t) {
    const char *bs[CT_JOB_MAX_AXES + 3], *be[CT_JOB_MAX_AXES + 3];
    int n = ct_job_split(s, e, bs, be, CT_JOB_MAX_AXES + 2);
    if (n < 0) { ct_job_error(c, s, "pose has more than %d values", CT_JOB_MAX_AXES); return 0; }
    int nnum = n;
    while (nnum > 0 && bs[nnum - 1] < be[nnum - 1] && bs[nnum - 1][0] == '"') nnum--;
    t->kind = CT_JOB_TGT_JOINT;
    t->euler = CT_JOB_EULER_XYZ_FIXED;
    if (nnum < n) {
        const char *q = bs[nnum] + 1, *qe = be[nnum] - 1;
        if (qe < q || be[nnum][-1] != '"') { ct_job_error(c, bs[nnum], "unterminated string"); return 0; }
        if (qe > q && !parse_crd(c, q, qe, t)) return 0;
        if (nnum + 1 < n) {
            const char *f = bs[nnum + 1] + 1, *fe = be[nnum + 1] - 1;
            if (fe < f) { ct_job_error(c, bs[nnum + 1], "unterminated string"); return 0; }
            t->cfg_flags = ct_job_strndup(c->prog, f, (size_t)(fe - f));
        }
        if (n - nnum > 2) { ct_job_error(c, bs[nnum + 2], "unexpected pose item"); return 0; }
    }
    if (t->kind == CT_JOB_TGT_CART && nnum < 6) {
        ct_job_error(c, s, "Cartesian pose needs x,y,z,rx,ry,rz (got %d values)", nnum);
        return 0;
    }
    if (nnum == 0) { ct_job_error(c, s, "empty pose"); return 0; }
    return fill_values(c, t, bs, be, nnum);
}

int ct_job_hy_hidden_pose(ct_job_pctx *c, const char *s, const char *e, ct_job_target *t, int hi6) {
    s = ct_job_skip_ws(s);
    if (s > e) s = e;
    e = ct_job_rtrim(s, e);
    if (s >= e) return 0;
    char open = *s, close = open == '(' ? ')' : ']';
    const char *cl = NULL;
    if (open == '(' || open == '[') {
        const char *p = ct_job_find_top(s + 1, e, close);
        cl = p;
    }
    if (!cl) { ct_job_error(c, s, "malformed pose (expected '(...)' or '[...]')"); return 0; }
    if (open == '[') {
        if (cl + 1 != e) { ct_job_error(c, cl + 1, "unexpected text after pose"); return 0; }
        return parse_hi6_values(c, s + 1, cl, t);
    }
    (void)hi6;
    /* Hi5: (values)SUFFIX */
    const char *suf = cl + 1;
    size_t sl = (size_t)(e - suf);
    t->euler = CT_JOB_EULER_XYZ_FIXED;
    if (sl == 1 && (*suf == 'A' || *suf == 'a')) t->kind = CT_JOB_TGT_JOINT;
    else if (sl == 1 && (*suf == 'E' || *suf == 'e')) t->kind = CT_JOB_TGT_ENCODER;
    else if (sl == 0) { t->kind = CT_JOB_TGT_CART; t->frame = CT_JOB_FRAME_BASE; }
    else if (sl == 1 && (*suf == 'R' || *suf == 'r')) { t->kind = CT_JOB_TGT_CART; t->frame = CT_JOB_FRAME_ROBOT; }
    else if (sl == 1 && (*suf == 'T' || *suf == 't')) { t->kind = CT_JOB_TGT_CART; t->frame = CT_JOB_FRAME_TOOL; }
    else if (sl >= 2 && sl <= 3 && (*suf == 'U' || *suf == 'u') && isdigit((unsigned char)suf[1]) &&
             (sl == 2 || isdigit((unsigned char)suf[2]))) {
        t->kind = CT_JOB_TGT_CART;
        t->frame = CT_JOB_FRAME_USER;
        t->user_frame = ct_job_atoi_n(suf + 1, e);
    } else {
        ct_job_error(c, suf, "unknown pose suffix '%.*s' (A, E, R, T, U<n> or none)", (int)(sl > 8 ? 8 : sl), suf);
        return 0;
    }
    const char *bs[CT_JOB_MAX_AXES + 2], *be[CT_JOB_MAX_AXES + 2];
    int n = ct_job_split(s + 1, cl, bs, be, CT_JOB_MAX_AXES + 1);
    if (n < 0) { ct_job_error(c, s, "pose has more than %d values", CT_JOB_MAX_AXES); return 0; }
    if (t->kind == CT_JOB_TGT_CART) {
        /* the last item is the configuration word &H.... */
        double cfg;
        if (n >= 7 && be[n - 1] - bs[n - 1] > 2 && bs[n - 1][0] == '&' && ct_job_number(bs[n - 1], be[n - 1], &cfg)) {
            if (cfg > 0x7fffffff) { ct_job_error(c, bs[n - 1], "configuration word out of range"); return 0; }
            t->cfg = (int)cfg;
            n--;
        }
        if (n < 6) { ct_job_error(c, s, "Cartesian pose needs x,y,z,rx,ry,rz (got %d values)", n); return 0; }
    }
    return fill_values(c, t, bs, be, n);
}

int ct_job_hy_pose_expr(ct_job_pctx *c, const char *s, const char *e, ct_job_target *t) {
    s = ct_job_skip_ws(s);
    if (s > e) s = e;
    e = ct_job_rtrim(s, e);
    if (s >= e) { ct_job_error(c, s, "empty pose expression"); return 0; }
    /* split base and shift at the first top-level + or - after the base */
    const char *op = NULL;
    if (*s == '+' || *s == '-') op = s; /* tg=+Shift(...): hidden pose plus a shift */
    else {
        const char *p1 = ct_job_find_top(s, e, '+'), *p2 = ct_job_find_top(s, e, '-');
        op = p1 && p2 ? (p1 < p2 ? p1 : p2) : p1 ? p1 : p2;
        /* a '-' inside a number (e.g. 1e-3) is not an operator: only after ')' or an identifier */
        if (op && !(op[-1] == ')' || ct_job_is_ident((unsigned char)op[-1]) || op[-1] == ' ')) op = NULL;
    }
    const char *base_e = op ? ct_job_rtrim(s, op) : e;
    if (op) t->shift = ct_job_str(c, op, (size_t)(e - op));
    if (base_e <= s) return 1;
    if (base_e - s > 5 && !strncasecmp(s, "Pose(", 5) && base_e[-1] == ')') return parse_hi6_values(c, s + 5, base_e - 1, t);
    if (*s == '(') return ct_job_hy_hidden_pose(c, s, base_e, t, 0);
    int ident = ct_job_is_ident_start((unsigned char)*s);
    for (const char *p = s; p < base_e && ident; p++)
        if (!ct_job_is_ident((unsigned char)*p) && *p != '.') ident = 0;
    if (ident) t->var = ct_job_strndup(c->prog, s, (size_t)(base_e - s));
    else {
        t->shift = NULL;
        t->expr = ct_job_str(c, s, (size_t)(e - s));
    }
    return 1;
}
