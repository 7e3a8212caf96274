/* Program interpreter: expressions and conditions of Hyundai and DRL programs, evaluated with the
 * variables the interpreter knows. Recursive descent over the text:
 *   or: and {(or | OR | ||) and}      and: not {(and | AND | &&) not}     not: [not | NOT | !] cmp
 *   cmp: add [(== | != | <> | <= | >= | < | > | =) add]                 add: mul {(+|-) mul}
 *   mul: unary {(* | / | % | MOD) unary}    unary: [+|-] primary
 *   primary: number (also &H hex, &B binary) | ( or ) | name[%!$] [.element] | call(args)
 * Names: runtime variables, then the variables file, then constants (ON, OFF, True, DR_BASE, ...);
 * DI<n>/di<n> read the I/O model, DO<n> reads back outputs set by the program.
 * Pose arithmetic is pose + shift (Hyundai). Anything else fails with a reason. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp_internal.h"

typedef struct ip_parser {
    ip_state *st;
    const char *p, *e;
    char *why;
    size_t why_n;
    int failed;
    int depth;
} ip_parser;

static int fail(ip_parser *ps, const char *fmt, ...) {
    if (!ps->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ps->why, ps->why_n, fmt, ap);
        va_end(ap);
    }
    ps->failed = 1;
    return 0;
}

static void ws(ip_parser *ps) {
    while (ps->p < ps->e && (*ps->p == ' ' || *ps->p == '\t')) ps->p++;
}

/* Keyword (case-insensitive, followed by a non-identifier char). */
static int kw(ip_parser *ps, const char *w) {
    ws(ps);
    size_t n = strlen(w);
    if ((size_t)(ps->e - ps->p) < n || strncasecmp(ps->p, w, n)) return 0;
    if (ps->p + n < ps->e && (isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_')) return 0;
    ps->p += n;
    return 1;
}

static int op(ip_parser *ps, const char *o) {
    ws(ps);
    size_t n = strlen(o);
    if ((size_t)(ps->e - ps->p) < n || strncmp(ps->p, o, n)) return 0;
    ps->p += n;
    return 1;
}

double ip_input_value(const ct_program_context *ctx, int n) {
    for (int i = 0; i < ctx->nsignals && i < CT_INTERP_MAX_SIGNALS; i++)
        if (ctx->signals[i].index == n) return ctx->signals[i].value;
    return ctx->di_default;
}

double ip_input_wait(const ct_program_context *ctx, int n) {
    for (int i = 0; i < ctx->nsignals && i < CT_INTERP_MAX_SIGNALS; i++)
        if (ctx->signals[i].index == n) return ctx->signals[i].wait_s;
    return ctx->wait_default_s;
}

static const struct { const char *name; double v; } constants[] = {
    {"ON", 1}, {"OFF", 0}, {"True", 1}, {"False", 0}, {"TRUE", 1}, {"FALSE", 0}, {"DR_BASE", 0}, {"DR_TOOL", 1},
    {"DR_WORLD", 2}, {"DR_MV_MOD_ABS", 0}, {"DR_MV_MOD_REL", 1}, {"DR_MV_RA_DUPLICATE", 0},
    {"DR_MV_RA_OVERRIDE", 1}, {"DR_LINE", 0}, {"DR_CIRCLE", 1}, {"DR_AVOID", 0},
};

static int set_num(ip_value *v, double x) {
    v->kind = IP_V_NUM;
    v->num = x;
    return 1;
}

/* Signal family + number: "DI12" / "di12" -> ('I', 12). */
static int signal_name(const char *s, size_t n, char *fam, int *idx) {
    if (n < 3 || (s[0] != 'D' && s[0] != 'd')) return 0;
    char f = (char)toupper((unsigned char)s[1]);
    if (f != 'I' && f != 'O') return 0;
    int v = 0;
    for (size_t i = 2; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || i > 8) return 0;
        v = v * 10 + (s[i] - '0');
    }
    *fam = f;
    *idx = v;
    return 1;
}

static int p_or(ip_parser *ps, ip_value *v);

/* Pose element in file units (mm, deg): x y z rx ry rz (cart/shift) or j1..jn (joint). */
static int element(ip_parser *ps, const ip_value *base, const char *el, size_t n, ip_value *out) {
    if (base->kind != IP_V_POSE) return fail(ps, "'.%.*s' of a value that is not a pose", (int)n, el);
    const ip_pose *p = &base->pose;
    static const char *const names[] = {"x", "y", "z", "rx", "ry", "rz"};
    if (p->kind != IP_POSE_JOINT)
        for (int i = 0; i < 6; i++)
            if (strlen(names[i]) == n && !strncasecmp(names[i], el, n)) return set_num(out, i < 3 ? p->v[i] * 1e3 : p->v[i] / CT_DEG);
    if (p->kind == IP_POSE_JOINT && n >= 2 && (el[0] == 'j' || el[0] == 'J')) {
        int k = 0;
        for (size_t i = 1; i < n; i++) k = isdigit((unsigned char)el[i]) && k < 100 ? k * 10 + el[i] - '0' : 1000;
        if (k >= 1 && k <= p->n) return set_num(out, p->v[k - 1] / CT_DEG);
    }
    return fail(ps, "unknown pose element '.%.*s'", (int)n, el);
}

/* Arguments of a call: up to max numbers. */
static int num_args(ip_parser *ps, double *a, int max, int *n) {
    *n = 0;
    ws(ps);
    if (op(ps, ")")) return 1;
    for (;;) {
        ip_value v;
        if (!p_or(ps, &v)) return 0;
        if (v.kind != IP_V_NUM) return fail(ps, "argument is not a number");
        if (*n >= max) return fail(ps, "too many arguments");
        a[(*n)++] = v.num;
        if (op(ps, ")")) return 1;
        if (!op(ps, ",")) return fail(ps, "expected ',' or ')'");
    }
}

static int call(ip_parser *ps, const char *name, size_t n, ip_value *out) {
    double a[CT_JOB_MAX_AXES];
    int na;
    if ((n == 4 && !strncmp(name, "posj", 4)) || (n == 4 && !strncmp(name, "posx", 4))) {
        if (!num_args(ps, a, CT_JOB_MAX_AXES, &na)) return 0;
        memset(out, 0, sizeof *out);
        out->kind = IP_V_POSE;
        ip_pose *p = &out->pose;
        p->cfg = p->sol = -1;
        p->n = na;
        if (name[3] == 'j') {
            p->kind = IP_POSE_JOINT;
            for (int i = 0; i < na; i++) p->v[i] = a[i] * CT_DEG;
        } else {
            if (na != 6) return fail(ps, "posx needs 6 values");
            p->kind = IP_POSE_CART;
            p->euler = CT_JOB_EULER_ZYZ;
            for (int i = 0; i < 6; i++) p->v[i] = i < 3 ? a[i] * 1e-3 : a[i] * CT_DEG;
        }
        return 1;
    }
    if (n == 18 && !strncmp(name, "get_digital_input", 17)) {
        if (!num_args(ps, a, 1, &na) || na != 1) return ps->failed ? 0 : fail(ps, "get_digital_input needs 1 argument");
        return set_num(out, ip_input_value(ps->st->ctx, (int)a[0]));
    }
    if (n == 5 && !strncasecmp(name, "Shift", 5)) {
        const char *open = ps->p - 1;
        int depth = 1;
        const char *q = ps->p;
        for (; q < ps->e && depth; q++) depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
        if (depth) return fail(ps, "unclosed Shift(");
        memset(out, 0, sizeof *out);
        out->kind = IP_V_POSE;
        if (!ip_parse_shift_call(open - 5, &out->pose)) return fail(ps, "cannot read Shift(...)");
        ps->p = q;
        return 1;
    }
    if ((n == 3 && !strncmp(name, "abs", 3)) || (n == 3 && !strncasecmp(name, "int", 3))) {
        if (!num_args(ps, a, 1, &na) || na != 1) return ps->failed ? 0 : fail(ps, "%.*s needs 1 argument", (int)n, name);
        return set_num(out, name[0] == 'a' ? fabs(a[0]) : trunc(a[0]));
    }
    return fail(ps, "function '%.*s' cannot be evaluated", (int)(n > 40 ? 40 : n), name);
}

static int primary(ip_parser *ps, ip_value *v) {
    ws(ps);
    if (ps->p >= ps->e) return fail(ps, "missing operand");
    if (++ps->depth > 200) return fail(ps, "expression nested too deeply");
    const char *s = ps->p;
    int r;
    if (*s == '(') {
        ps->p++;
        if (!p_or(ps, v)) return 0;
        if (!op(ps, ")")) return fail(ps, "expected ')'");
        r = 1;
    } else if (*s == '&' && ps->p + 1 < ps->e && (s[1] == 'H' || s[1] == 'h' || s[1] == 'B' || s[1] == 'b')) {
        int base = (s[1] == 'H' || s[1] == 'h') ? 16 : 2;
        const char *q = s + 2;
        double x = 0;
        int nd = 0;
        for (; q < ps->e && isxdigit((unsigned char)*q); q++, nd++) {
            int d = isdigit((unsigned char)*q) ? *q - '0' : tolower((unsigned char)*q) - 'a' + 10;
            if (d >= base) break;
            x = x * base + d;
        }
        if (!nd) return fail(ps, "malformed number");
        ps->p = q;
        r = set_num(v, x);
    } else if (isdigit((unsigned char)*s) || (*s == '.' && s + 1 < ps->e && isdigit((unsigned char)s[1]))) {
        char buf[64];
        size_t n = 0;
        const char *q = s;
        while (q < ps->e && n < sizeof buf - 1 && (isdigit((unsigned char)*q) || *q == '.' || *q == 'e' || *q == 'E' ||
                                                  ((*q == '-' || *q == '+') && (q[-1] == 'e' || q[-1] == 'E'))))
            buf[n++] = *q++;
        buf[n] = 0;
        char *end;
        double x = strtod(buf, &end);
        if (end == buf || !isfinite(x)) return fail(ps, "malformed number");
        ps->p = s + (end - buf);
        r = set_num(v, x);
    } else if (isalpha((unsigned char)*s) || *s == '_') {
        const char *q = s;
        while (q < ps->e && (isalnum((unsigned char)*q) || *q == '_')) q++;
        if (q < ps->e && (*q == '%' || *q == '!' || *q == '$')) { /* Hyundai V1% V2! V3$ (but a!=b) */
            int bang_eq = *q == '!' && q + 1 < ps->e && q[1] == '=';
            if (!bang_eq || ip_table_get(&ps->st->vars, s, (size_t)(q + 1 - s))) q++;
        }
        size_t n = (size_t)(q - s);
        ps->p = q;
        ws(ps);
        if (ps->p < ps->e && *ps->p == '(') {
            ps->p++;
            r = call(ps, s, n, v);
        } else {
            const ip_value *var = ip_table_get(&ps->st->vars, s, n);
            if (!var && ps->st->ctx->vars) var = ip_table_get(&ps->st->ctx->vars->table, s, n);
            char fam;
            int idx;
            if (var) {
                *v = *var;
                r = 1;
            } else if (signal_name(s, n, &fam, &idx)) {
                r = set_num(v, fam == 'I' ? ip_input_value(ps->st->ctx, idx) : 0);
            } else {
                r = 0;
                for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
                    if (strlen(constants[i].name) == n && !strncmp(constants[i].name, s, n)) r = set_num(v, constants[i].v);
                if (!r) {
                    if (s[n - 1] == '$') return fail(ps, "string variable '%.*s' cannot be evaluated", (int)n, s);
                    return fail(ps, "unresolved name '%.*s'", (int)(n > 60 ? 60 : n), s);
                }
            }
            if (r && ps->p < ps->e && *ps->p == '.' && ps->p + 1 < ps->e && isalpha((unsigned char)ps->p[1])) {
                const char *el = ++ps->p;
                while (ps->p < ps->e && isalnum((unsigned char)*ps->p)) ps->p++;
                ip_value base = *v;
                r = element(ps, &base, el, (size_t)(ps->p - el), v);
            }
        }
    } else if (*s == '"' || *s == '\'') {
        return fail(ps, "strings cannot be evaluated");
    } else {
        return fail(ps, "unexpected '%c'", *s);
    }
    ps->depth--;
    return r;
}

static int unary(ip_parser *ps, ip_value *v) {
    if (op(ps, "-")) {
        if (!unary(ps, v)) return 0;
        if (v->kind != IP_V_NUM) return fail(ps, "'-' of a pose");
        v->num = -v->num;
        return 1;
    }
    if (op(ps, "+")) return unary(ps, v);
    return primary(ps, v);
}

static int mul(ip_parser *ps, ip_value *v) {
    if (!unary(ps, v)) return 0;
    for (;;) {
        int o = op(ps, "*") ? '*' : op(ps, "/") ? '/' : op(ps, "%") ? '%' : kw(ps, "MOD") ? '%' : 0;
        if (!o) return 1;
        ip_value b;
        if (!unary(ps, &b)) return 0;
        if (v->kind != IP_V_NUM || b.kind != IP_V_NUM) return fail(ps, "'%c' needs numbers", o);
        if (o != '*' && b.num == 0) return fail(ps, "division by zero");
        v->num = o == '*' ? v->num * b.num : o == '/' ? v->num / b.num : fmod(v->num, b.num);
    }
}

static int add(ip_parser *ps, ip_value *v) {
    if (!mul(ps, v)) return 0;
    for (;;) {
        ws(ps);
        if (ps->p + 1 < ps->e && (ps->p[0] == '+' || ps->p[0] == '-') && ps->p[1] == '=') return 1;
        int o = op(ps, "+") ? '+' : op(ps, "-") ? '-' : 0;
        if (!o) return 1;
        ip_value b;
        if (!mul(ps, &b)) return 0;
        if (v->kind == IP_V_NUM && b.kind == IP_V_NUM) {
            v->num = o == '+' ? v->num + b.num : v->num - b.num;
        } else if (v->kind == IP_V_POSE && b.kind == IP_V_POSE && b.pose.kind == IP_POSE_SHIFT && v->pose.kind != IP_POSE_SHIFT) {
            if (o == '-')
                for (int i = 0; i < b.pose.n; i++) b.pose.v[i] = -b.pose.v[i];
            if (!ip_apply_shift(ps->st, &v->pose, &b.pose, ps->why, ps->why_n)) { ps->failed = 1; return 0; }
        } else return fail(ps, "'%c' of these values (only number %c number and pose %c shift)", o, o, o);
    }
}

static int cmp(ip_parser *ps, ip_value *v) {
    if (!add(ps, v)) return 0;
    ws(ps);
    int o = op(ps, "==") ? 'e' : op(ps, "!=") ? 'n' : op(ps, "<>") ? 'n' : op(ps, "<=") ? 'l' : op(ps, ">=") ? 'g'
          : op(ps, "<") ? '<' : op(ps, ">") ? '>' : op(ps, "=") ? 'e' : 0;
    if (!o) return 1;
    ip_value b;
    if (!add(ps, &b)) return 0;
    if (v->kind != IP_V_NUM || b.kind != IP_V_NUM) return fail(ps, "comparison of values that are not numbers");
    double x = v->num, y = b.num;
    int r = o == 'e' ? x == y : o == 'n' ? x != y : o == 'l' ? x <= y : o == 'g' ? x >= y : o == '<' ? x < y : x > y;
    return set_num(v, r);
}

static int p_not(ip_parser *ps, ip_value *v) {
    ws(ps);
    if (kw(ps, "not") || (ps->p < ps->e && *ps->p == '!' && !(ps->p + 1 < ps->e && ps->p[1] == '=') && op(ps, "!"))) {
        if (!p_not(ps, v)) return 0;
        if (v->kind != IP_V_NUM) return fail(ps, "'not' of a pose");
        return set_num(v, v->num == 0);
    }
    return cmp(ps, v);
}

static int p_and(ip_parser *ps, ip_value *v) {
    if (!p_not(ps, v)) return 0;
    while (kw(ps, "and") || op(ps, "&&")) {
        ip_value b;
        if (!p_not(ps, &b)) return 0;
        if (v->kind != IP_V_NUM || b.kind != IP_V_NUM) return fail(ps, "'and' of values that are not numbers");
        set_num(v, v->num != 0 && b.num != 0);
    }
    return 1;
}

static int p_or(ip_parser *ps, ip_value *v) {
    if (!p_and(ps, v)) return 0;
    while (kw(ps, "or") || op(ps, "||")) {
        ip_value b;
        if (!p_and(ps, &b)) return 0;
        if (v->kind != IP_V_NUM || b.kind != IP_V_NUM) return fail(ps, "'or' of values that are not numbers");
        set_num(v, v->num != 0 || b.num != 0);
    }
    return 1;
}

int ip_eval(ip_state *st, const char *s, const char *e, ip_value *out, char *why, size_t why_n) {
    ip_parser ps = {st, s, e, why, why_n, 0, 0};
    if (why_n) why[0] = 0;
    memset(out, 0, sizeof *out);
    if (!s) return fail(&ps, "empty expression");
    if (!p_or(&ps, out)) return 0;
    ws(&ps);
    if (ps.p < ps.e) return fail(&ps, "unexpected '%.*s'", (int)(ps.e - ps.p > 20 ? 20 : ps.e - ps.p), ps.p);
    return 1;
}

int ip_eval_cond(ip_state *st, const char *text, char *why, size_t why_n) {
    ip_value v;
    if (!text) { snprintf(why, why_n, "missing condition"); return -1; }
    if (!ip_eval(st, text, text + strlen(text), &v, why, why_n)) return -1;
    if (v.kind != IP_V_NUM) { snprintf(why, why_n, "condition is not a number"); return -1; }
    return v.num != 0;
}
