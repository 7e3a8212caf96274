/* Hyundai Hi5 (.JOB) and Hi6 HRScript (.job) parser: header, step and line addresses, comments,
 * and every statement (motions, I/O, waits, flow control, variables, application events). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "job_hyundai.h"

/* Statements that only trigger process equipment (kept as named events). */
static const char *const app_events[] = {"ARCON", "ARCOF", "WEAVON", "WEAVOF", "TOUCHSEN", "MULTIPASS", "MKUCRD",
                                         "MKUCS", "SELUCRD", "PRINT", "SOFTXYZ", "SOFTJOINT", "COLDET", "COLSENSE",
                                         "TRIGGOUT", "TOOLCHNG", "ENDLESS", "SELTOOL", "CONTPATH", "SPOT", "GUNCHG",
                                         "SVSPOT", NULL};
/* Events that change later target poses or frames: kept, but reported. */
static int changes_poses(const char *name, const char *args) {
    if (!strcasecmp(name, "TOUCHSEN") || !strcasecmp(name, "MKUCRD") || !strcasecmp(name, "MKUCS") ||
        !strcasecmp(name, "SELUCRD") || !strcasecmp(name, "ENDLESS"))
        return 1;
    return !strcasecmp(name, "MULTIPASS") && args && !strncasecmp(args, "LOAD", 4);
}

static const char *word_end(const char *s) {
    while (ct_job_is_ident((unsigned char)*s)) s++;
    return s;
}

static void parse_motion(ct_job_pctx *c, const char *kw, const char *s, const char *e, int hi6, int smov) {
    /* hidden pose: the first top-level '(' or '[' after a blank */
    const char *pose = NULL;
    {
        int depth = 0;
        char q = 0;
        for (const char *p = s; p < e; p++) {
            if (q) { if (*p == q) q = 0; continue; }
            if (*p == '"') { q = '"'; continue; }
            if (depth == 0 && (*p == '(' || *p == '[') && p > s && (p[-1] == ' ' || p[-1] == '\t')) {
                /* a blank before '(' inside the args list, e.g. "P, (x..)U1": only after a comma-less run */
                const char *b = ct_job_rtrim(s, p);
                if (b > s && b[-1] == ',') { depth++; continue; }
                pose = p;
                break;
            }
            if (*p == '(' || *p == '[') depth++;
            else if ((*p == ')' || *p == ']') && depth > 0) depth--;
        }
    }
    const char *args_e = pose ? ct_job_rtrim(s, pose) : e;
    /* "until <cond>" preposition (Hi6) */
    const char *options = NULL;
    for (const char *p = s; p + 6 < args_e; p++)
        if ((p[0] == ' ' || p[0] == '\t') && ct_job_kw(ct_job_skip_ws(p), "until")) {
            options = ct_job_str(c, p, (size_t)(args_e - p));
            args_e = ct_job_rtrim(s, p);
            break;
        }
    const char *bs[24], *be[24];
    int n = ct_job_split(s, args_e, bs, be, 23);
    if (n < 0) { ct_job_unsupported(c, kw, kw, strlen(kw), "too many motion arguments"); return; }
    int ai = 0, station = 0;
    if (smov) {
        if (!((bs[0][0] == 'S' || bs[0][0] == 's') && ct_job_number(bs[0] + 1, be[0], &(double){0}))) {
            ct_job_unsupported(c, bs[0], kw, strlen(kw), "SMOV needs a station S<n> first");
            return;
        }
        station = ct_job_atoi_n(bs[0] + 1, be[0]);
        ai = 1;
    }
    if (ai >= n) { ct_job_unsupported(c, s, kw, strlen(kw), "motion without interpolation type"); return; }
    /* interpolation */
    const char *ip = bs[ai];
    size_t il = (size_t)(be[ai] - ip);
    int stationary = 0;
    if (il == 2 && (ip[0] == 'S' || ip[0] == 's')) { stationary = 1; ip++; il--; }
    ct_job_motion_type type;
    if (il == 1 && (ip[0] == 'P' || ip[0] == 'p')) type = CT_JOB_PTP;
    else if (il == 1 && (ip[0] == 'L' || ip[0] == 'l')) type = CT_JOB_LIN;
    else if (il == 1 && (ip[0] == 'C' || ip[0] == 'c')) type = CT_JOB_CIRC;
    else {
        ct_job_unsupported(c, bs[ai], kw, strlen(kw), "unknown interpolation (P, L, C, SP, SL, SC)");
        return;
    }
    ct_job_instr *in = ct_job_emit(c, CT_JOB_MOTION, kw);
    if (!in) return;
    ct_job_motion *m = ct_job_motion_new(c->prog, type, 1);
    if (!m) { ct_job_fatal(c, CT_ERR_NO_MEMORY, kw, "out of memory"); return; }
    in->motion = m;
    m->stationary_tool = stationary;
    m->station = station;
    ct_job_target *t = &m->target[0];
    t->euler = CT_JOB_EULER_XYZ_FIXED;
    char extra[512];
    size_t xl = 0;
    extra[0] = 0;
    for (int i = ai + 1; i < n; i++) {
        const char *a = bs[i], *ae = be[i];
        const char *eq = ct_job_find_top(a, ae, '=');
        if (!eq) {
            if (!ct_job_hy_pose_expr(c, a, ae, t)) { in->kind = CT_JOB_UNSUPPORTED; in->text = ct_job_str(c, kw, strlen(kw)); in->motion = NULL; return; }
            continue;
        }
        const char *k = a, *ke = ct_job_rtrim(a, eq), *v = eq + 1;
        size_t kl = (size_t)(ke - k);
        int kmatch_s = hi6 ? (kl == 3 && !strncasecmp(k, "spd", 3)) : (kl == 1 && (*k == 'S' || *k == 's'));
        int kmatch_a = hi6 ? (kl == 4 && !strncasecmp(k, "accu", 4)) : (kl == 1 && (*k == 'A' || *k == 'a'));
        int kmatch_t = hi6 ? (kl == 4 && !strncasecmp(k, "tool", 4)) : (kl == 1 && (*k == 'T' || *k == 't'));
        double num;
        if (kmatch_s) ct_job_hy_speed(c, v, ae, &m->speed);
        else if (kmatch_a || kmatch_t) {
            if (!ct_job_number(v, ae, &num) || num != floor(num) || num < 0 || num > (kmatch_a ? 7 : 31)) {
                ct_job_warn(c, v, "%s must be an integer 0..%d; kept as option", kmatch_a ? "accuracy" : "tool", kmatch_a ? 7 : 31);
                goto keep;
            }
            if (kmatch_a) m->accuracy = (int)num;
            else m->tool = (int)num;
        } else if (hi6 && kl == 2 && !strncasecmp(k, "tg", 2)) {
            if (!ct_job_hy_pose_expr(c, v, ae, t)) { in->kind = CT_JOB_UNSUPPORTED; in->text = ct_job_str(c, kw, strlen(kw)); in->motion = NULL; return; }
        } else {
            ct_job_warn(c, a, "unknown motion argument '%.*s' kept as option", (int)(kl > 20 ? 20 : kl), k);
        keep:
            if (xl + (size_t)(ae - a) + 2 < sizeof extra) {
                xl += (size_t)snprintf(extra + xl, sizeof extra - xl, "%s%.*s", xl ? "," : "", (int)(ae - a), a);
            }
        }
    }
    if (xl) {
        if (options) {
            char tmp[1024];
            snprintf(tmp, sizeof tmp, "%s %s", extra, options);
            m->options = ct_job_strdup(c->prog, tmp);
        } else m->options = ct_job_strdup(c->prog, extra);
    } else m->options = options;
    if (pose && !ct_job_hy_hidden_pose(c, pose, e, t, hi6)) {
        in->kind = CT_JOB_UNSUPPORTED;
        in->text = ct_job_str(c, kw, (size_t)(e - kw));
        in->motion = NULL;
        return;
    }
    if (t->kind == CT_JOB_TGT_NONE && !t->var && !t->expr && !t->shift)
        ct_job_warn(c, kw, "motion without a target pose");
    if (m->speed.kind == CT_JOB_SPD_NONE && !m->speed.expr) ct_job_warn(c, kw, "motion without a speed");
}

static int quotes_even(const char *s, const char *e) {
    int n = 0;
    for (; s < e; s++) n += *s == '"';
    return (n & 1) == 0;
}

/* "DI17", "DI16=1", "di1" -> family/index/value. */
static int simple_signal(const char *s, const char *e, const char *fam, int *index, double *value) {
    size_t fl = strlen(fam);
    if ((size_t)(e - s) <= fl || strncasecmp(s, fam, fl) != 0 || !isdigit((unsigned char)s[fl])) return 0;
    const char *p = s + fl;
    const char *d = p;
    while (p < e && isdigit((unsigned char)*p)) p++;
    if (p - d > 6) return 0;
    *index = ct_job_atoi_n(d, p);
    p = ct_job_skip_ws(p);
    if (p >= e) { *value = 1; return 1; }
    if (*p != '=' || p[1] == '=') return 0;
    return ct_job_number(p + 1, e, value);
}

/* Statement [s, e) of one line. Returns 1 when an instruction was emitted. */
int ct_job_hyundai_stmt(ct_job_pctx *c, const char *s, const char *e, int hi6) {
    const char *w = word_end(s);
    const char *rest = ct_job_skip_ws(w);
    if (rest > e) rest = e;
    size_t wl = (size_t)(w - s);
    ct_job_instr *in;
    if (*s == '*') { /* label */
        const char *p = s + 1;
        while (p < e && ct_job_is_ident((unsigned char)*p)) p++;
        if (p == s + 1 || ct_job_skip_ws(p) < e) { ct_job_unsupported(c, s, s, (size_t)(e - s), "malformed label"); return 1; }
        if ((in = ct_job_emit(c, CT_JOB_LABEL, s))) in->name = ct_job_str(c, s, (size_t)(p - s));
        return 1;
    }
    if (ct_job_kw(s, "MOVE")) { parse_motion(c, s, rest, e, hi6, 0); return 1; }
    if (ct_job_kw(s, "SMOV")) { parse_motion(c, s, rest, e, hi6, 1); return 1; }
    if (ct_job_kw(s, "DELAY")) {
        if (!(in = ct_job_emit(c, CT_JOB_DELAY, s))) return 1;
        double v;
        if (ct_job_number(rest, e, &v) && v >= 0) in->value = v;
        else {
            in->text = ct_job_str(c, rest, (size_t)(e - rest));
            if (!in->text) ct_job_warn(c, s, "DELAY without a time");
        }
        return 1;
    }
    if (ct_job_kw(s, "WAIT")) {
        if (!(in = ct_job_emit(c, CT_JOB_WAIT, s))) return 1;
        int idx;
        double v;
        if (simple_signal(rest, e, "DI", &idx, &v)) {
            in->name = "DI";
            in->index = idx;
            in->value = v;
        } else {
            in->text = ct_job_str(c, rest, (size_t)(e - rest));
            if (!in->text) ct_job_warn(c, s, "WAIT without a condition");
        }
        return 1;
    }
    if (ct_job_kw(s, "CALL") || ct_job_kw(s, "GOTO") || ct_job_kw(s, "GOSUB") || ct_job_kw(s, "JUMP")) {
        ct_job_kind k = ct_job_kw(s, "GOTO") ? CT_JOB_GOTO : ct_job_kw(s, "GOSUB") ? CT_JOB_GOSUB : CT_JOB_CALL;
        if (rest >= e) { ct_job_unsupported(c, s, s, (size_t)(e - s), "missing target"); return 1; }
        if (!(in = ct_job_emit(c, k, s))) return 1;
        if (ct_job_kw(s, "JUMP")) in->index = 2; /* call without return */
        const char *comma = ct_job_find_top(rest, e, ',');
        const char *ne = comma ? comma : e;
        in->name = ct_job_str(c, rest, (size_t)(ne - rest));
        if (comma) in->text = ct_job_str(c, comma + 1, (size_t)(e - comma - 1));
        return 1;
    }
    if (ct_job_kw(s, "RETURN") || ct_job_kw(s, "RETSUB")) { ct_job_emit(c, CT_JOB_RETURN, s); return 1; }
    if (ct_job_kw(s, "END") && rest >= e) { ct_job_emit(c, CT_JOB_END, s); return 1; }
    if (ct_job_kw(s, "STOP") && rest >= e) { ct_job_emit(c, CT_JOB_STOP, s); return 1; }
    if (ct_job_kw(s, "BREAK") && rest >= e) { ct_job_emit(c, CT_JOB_BREAK, s); return 1; }
    if (ct_job_kw(s, "CONTINUE") && rest >= e) { ct_job_emit(c, CT_JOB_CONTINUE, s); return 1; }
    if (ct_job_kw(s, "IF") || ct_job_kw(s, "ELSEIF")) {
        int elif = ct_job_kw(s, "ELSEIF") != NULL;
        /* find " THEN" at top level */
        const char *then = NULL;
        for (const char *p = rest; p < e; p++)
            if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == ')') && ct_job_kw(p, "THEN") && quotes_even(rest, p)) {
                then = p;
                break;
            }
        const char *ce = then ? ct_job_rtrim(rest, then) : e;
        const char *act = then ? ct_job_skip_ws(then + 4) : e;
        if (act > e) act = e;
        if (ce <= rest) { ct_job_unsupported(c, s, s, (size_t)(e - s), "IF without a condition"); return 1; }
        int single = act < e;
        if (elif && single) { ct_job_unsupported(c, s, s, (size_t)(e - s), "ELSEIF with an action"); return 1; }
        if (elif && c->depth <= 0) ct_job_warn(c, s, "ELSEIF outside IF");
        if (!single && !elif) {
            if (c->depth >= CT_JOB_MAX_NESTING) { ct_job_fatal(c, CT_ERR_LIMIT, s, "nesting deeper than %d", CT_JOB_MAX_NESTING); return 1; }
            c->depth++;
        }
        if (!(in = ct_job_emit(c, elif ? CT_JOB_ELSEIF : CT_JOB_IF, s))) return 1;
        in->text = ct_job_str(c, rest, (size_t)(ce - rest));
        if (single) { in->index = 1; in->name = ct_job_str(c, act, (size_t)(e - act)); }
        return 1;
    }
    if (ct_job_kw(s, "ELSE") && rest >= e) {
        if (c->depth <= 0) ct_job_warn(c, s, "ELSE outside IF");
        ct_job_emit(c, CT_JOB_ELSE, s);
        return 1;
    }
    if ((ct_job_kw(s, "ENDIF") || ct_job_kw(s, "NEXT") || ct_job_kw(s, "WEND") || ct_job_kw(s, "ENDWHILE")) && rest >= e) {
        if (c->depth <= 0) ct_job_warn(c, s, "%.*s without an open block", (int)wl, s);
        else c->depth--;
        ct_job_emit(c, ct_job_kw(s, "ENDIF") ? CT_JOB_ENDIF : CT_JOB_ENDLOOP, s);
        return 1;
    }
    if (ct_job_kw(s, "FOR") || ct_job_kw(s, "WHILE")) {
        if (c->depth >= CT_JOB_MAX_NESTING) { ct_job_fatal(c, CT_ERR_LIMIT, s, "nesting deeper than %d", CT_JOB_MAX_NESTING); return 1; }
        int is_while = ct_job_kw(s, "WHILE") != NULL; /* WHILE cond ... WEND|ENDWHILE (INFERRED Hi5 form) */
        if (is_while && rest >= e) { ct_job_unsupported(c, s, s, (size_t)(e - s), "WHILE without a condition"); return 1; }
        c->depth++;
        if (!(in = ct_job_emit(c, CT_JOB_LOOP, s))) return 1;
        in->name = is_while ? "while" : "for";
        in->text = ct_job_str(c, rest, (size_t)(e - rest));
        in->index = -1;
        return 1;
    }
    if (ct_job_kw(s, "VAR") || ct_job_kw(s, "GLOBAL") || ct_job_kw(s, "IMPORT") || ct_job_kw(s, "DIM")) {
        if (!(in = ct_job_emit(c, CT_JOB_DECLARE, s))) return 1;
        char kwb[8];
        snprintf(kwb, sizeof kwb, "%.*s", (int)wl, s);
        for (char *q = kwb; *q; q++) *q = hi6 ? (char)tolower((unsigned char)*q) : (char)toupper((unsigned char)*q);
        in->name = ct_job_strdup(c->prog, kwb);
        in->text = ct_job_str(c, rest, (size_t)(e - rest));
        return 1;
    }
    /* digital outputs: DO20=1, DOB1=2, DOW5=3000 (also dol/dof on Hi6) */
    if (wl >= 3 && (s[0] == 'D' || s[0] == 'd') && (s[1] == 'O' || s[1] == 'o')) {
        const char *p = s + 2;
        char fam[4] = "DO";
        if (strchr("BWLFbwlf", *p) && isdigit((unsigned char)p[1])) { fam[2] = (char)toupper((unsigned char)*p); fam[3] = 0; p++; }
        if (isdigit((unsigned char)*p)) {
            const char *d = p;
            while (isdigit((unsigned char)*p)) p++;
            const char *eq = ct_job_skip_ws(p);
            if (p == w && eq < e && *eq == '=' && eq[1] != '=' && p - d <= 6) {
                if (!(in = ct_job_emit(c, CT_JOB_IO_SET, s))) return 1;
                in->name = ct_job_strdup(c->prog, fam);
                in->index = ct_job_atoi_n(d, p);
                double v;
                if (ct_job_number(eq + 1, e, &v)) in->value = v;
                else in->text = ct_job_str(c, eq + 1, (size_t)(e - eq - 1));
                if (!in->text && isnan(in->value)) ct_job_warn(c, eq, "output without a value");
                return 1;
            }
        }
    }
    /* application events */
    for (int i = 0; app_events[i]; i++)
        if (ct_job_kw(s, app_events[i])) {
            if (!(in = ct_job_emit(c, CT_JOB_EVENT, s))) return 1;
            in->name = ct_job_strdup(c->prog, app_events[i]);
            in->text = ct_job_str(c, rest, (size_t)(e - rest));
            if (changes_poses(app_events[i], in->text))
                ct_job_warn(c, s, "%s changes later target poses or frames; kept as an event, not applied", app_events[i]);
            return 1;
        }
    /* assignment: lvalue = expr (lvalue: name with .member or [index] parts, Hi5 V1% / V1! suffixes) */
    {
        const char *p = s;
        if (ct_job_is_ident_start((unsigned char)*p)) {
            while (p < e && (ct_job_is_ident((unsigned char)*p) || *p == '.' || *p == '%' || *p == '!' || *p == '$')) p++;
            if (p < e && *p == '[') {
                const char *cb = ct_job_find_top(p + 1, e, ']');
                p = cb ? cb + 1 : e;
            }
            const char *eq = ct_job_skip_ws(p);
            if (eq < e && *eq == '=' && eq[1] != '=') {
                const char *lhs_e = p;
                /* ENET1.IP=...: still an assignment (Hi5 application settings) */
                if (!(in = ct_job_emit(c, CT_JOB_ASSIGN, s))) return 1;
                in->name = ct_job_str(c, s, (size_t)(lhs_e - s));
                in->text = ct_job_str(c, eq + 1, (size_t)(e - eq - 1));
                if (!in->text) ct_job_warn(c, eq, "assignment without a value");
                return 1;
            }
            /* ENET1.OPEN 1, enet0.recv: Ethernet module calls are application events */
            if (p - s > 4 && !strncasecmp(s, "ENET", 4) && memchr(s, '.', (size_t)(p - s))) {
                if (!(in = ct_job_emit(c, CT_JOB_EVENT, s))) return 1;
                in->name = ct_job_str(c, s, (size_t)(p - s));
                in->text = ct_job_str(c, p, (size_t)(e - p));
                return 1;
            }
        }
    }
    ct_job_unsupported(c, s, s, (size_t)(e - s), "unknown statement");
    return 1;
}

/* ---- headers ---- */

static const char *after(const char *line, const char *key) {
    const char *p = strstr(line, key);
    return p ? ct_job_skip_ws(p + strlen(key)) : NULL;
}

static int hi5_header(ct_job_pctx *c, const char *line) {
    if (strncmp(line, "Program File Format Version", 27) != 0) return 0;
    ct_job_program *p = c->prog;
    const char *v = after(line, "Version");
    if (v && *v == ':') v = ct_job_skip_ws(v + 1);
    const char *ve = v;
    while (ve && *ve && *ve != ' ' && *ve != '\t') ve++;
    if (v && ve > v) p->version = ct_job_strndup(p, v, (size_t)(ve - v));
    const char *m = after(line, "MechType:");
    if (m) {
        const char *me = m;
        while (*me && !(me[0] == ' ' && me[1] == ' ') && *me != '\t') me++;
        me = ct_job_rtrim(m, me);
        p->mech_type = ct_job_strndup(p, m, (size_t)(me - m));
    }
    const char *t = after(line, "TotalAxis:");
    if (t) p->total_axis = atoi(t);
    const char *a = after(line, "AuxAxis:");
    if (a) p->aux_axis = atoi(a);
    return 1;
}

static int hi6_header(ct_job_pctx *c, const char *line) {
    if (strncmp(line, "Hyundai Robot Job File", 22) != 0) return 0;
    ct_job_program *p = c->prog;
    const char *v = after(line, "version:");
    if (v) {
        const char *ve = v;
        while (*ve && *ve != ',' && *ve != ' ' && *ve != '}') ve++;
        p->version = ct_job_strndup(p, v, (size_t)(ve - v));
    }
    const char *m = after(line, "mech_type:");
    if (m && *m == '"') {
        const char *me = strchr(m + 1, '"');
        if (me) p->mech_type = ct_job_strndup(p, m + 1, (size_t)(me - m - 1));
    }
    const char *t = after(line, "total_axis:");
    if (t) p->total_axis = atoi(t);
    const char *a = after(line, "aux_axis:");
    if (a) p->aux_axis = atoi(a);
    return 1;
}

/* ---- driver ---- */

static void hyundai_parse(ct_job_pctx *c, const char *text, size_t len, int hi6) {
    ct_job_lines it = {text, text + len, 0, NULL};
    it.buf = ct_alloc(CT_JOB_MAX_LINE_BYTES + 1);
    if (!it.buf) { ct_job_fatal(c, CT_ERR_NO_MEMORY, NULL, "out of memory"); return; }
    const char *line;
    size_t ll;
    int r;
    while (c->status == CT_OK && (r = ct_job_next_line(&it, &line, &ll)) != 0) {
        c->line = line;
        c->lineno = it.lineno;
        if (r < 0) {
            c->line = NULL;
            ct_job_fatal(c, CT_ERR_LIMIT, NULL, "line longer than %d bytes", CT_JOB_MAX_LINE_BYTES);
            break;
        }
        if (it.lineno == 1) {
            if (hi6 ? hi6_header(c, line) : hi5_header(c, line)) continue;
            ct_job_warn(c, line, "missing %s header line", hi6 ? "'Hyundai Robot Job File;'" : "'Program File Format Version'");
        }
        const char *s = ct_job_skip_ws(line);
        const char *cm = ct_job_find_comment(s, hi6, 1);
        const char *e = ct_job_rtrim(s, cm ? cm : line + ll);
        const char *comment = cm ? ct_job_str(c, cm + 1, strlen(cm + 1)) : NULL;
        if (cm && !comment) comment = "";
        int before = c->prog->ninstr;
        /* step S<n> or line address <n> */
        if ((*s == 'S' || *s == 's') && isdigit((unsigned char)s[1])) {
            const char *p = s + 1;
            while (isdigit((unsigned char)*p)) p++;
            if (p >= e || *p == ' ' || *p == '\t') {
                c->step = ct_job_atoi_n(s + 1, p);
                s = ct_job_skip_ws(p);
                if (s > e) s = e;
            }
        } else if (isdigit((unsigned char)*s)) {
            const char *p = s;
            while (isdigit((unsigned char)*p)) p++;
            if ((p >= e || *p == ' ' || *p == '\t') && p - s <= 5) {
                ct_job_instr *in = ct_job_emit(c, CT_JOB_LABEL, s);
                if (in) in->name = ct_job_str(c, s, (size_t)(p - s));
                s = ct_job_skip_ws(p);
                if (s > e) s = e;
                before = c->prog->ninstr;
            }
        }
        if (s < e) ct_job_hyundai_stmt(c, s, e, hi6);
        if (cm) {
            if (c->prog->ninstr > before) c->prog->instr[c->prog->ninstr - 1].comment = comment;
            else {
                ct_job_instr *in = ct_job_emit(c, CT_JOB_COMMENT, cm);
                if (in) in->comment = comment;
            }
        }
    }
    if (c->status == CT_OK && c->depth > 0) {
        c->line = NULL;
        ct_job_warn(c, NULL, "%d block(s) not closed at the end of the file", c->depth);
    }
    ct_free(it.buf);
}

void ct_job_parse_hi5(ct_job_pctx *c, const char *text, size_t len) { hyundai_parse(c, text, len, 0); }
void ct_job_parse_hi6(ct_job_pctx *c, const char *text, size_t len) { hyundai_parse(c, text, len, 1); }
