/* Program IR as JSON (cJSON): dump and load, versioned by "ir_version". Absent optional fields
 * (NULL strings, NAN numbers, -1 indices) are omitted; the loader restores the defaults. */
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "celltwin/job_ir.h"

static const char *const frame_names[] = {"default", "base", "robot", "world", "tool", "user"};
static const char *const tkind_names[] = {"none", "joint", "cart", "encoder"};
static const char *const spd_names[] = {"none", "percent", "linear", "time", "joint"};
static const char *const fmt_names[] = {"auto", "hi5", "hi6", "drl"};

static void add_str(cJSON *o, const char *k, const char *v) { if (v) cJSON_AddStringToObject(o, k, v); }
static void add_num(cJSON *o, const char *k, double v) { if (!isnan(v)) cJSON_AddNumberToObject(o, k, v); }

static cJSON *target_json(const ct_job_target *t) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", tkind_names[t->kind]);
    if (t->frame) cJSON_AddStringToObject(o, "frame", frame_names[t->frame]);
    if (t->user_frame) cJSON_AddNumberToObject(o, "user_frame", t->user_frame);
    if (t->kind == CT_JOB_TGT_CART) cJSON_AddStringToObject(o, "euler", t->euler == CT_JOB_EULER_ZYZ ? "zyz" : "xyz_fixed");
    if (t->n) cJSON_AddItemToObject(o, "v", cJSON_CreateDoubleArray(t->v, t->n));
    if (t->cfg >= 0) cJSON_AddNumberToObject(o, "cfg", t->cfg);
    add_str(o, "cfg_flags", t->cfg_flags);
    if (t->sol >= 0) cJSON_AddNumberToObject(o, "sol", t->sol);
    add_str(o, "var", t->var);
    add_str(o, "shift", t->shift);
    add_str(o, "expr", t->expr);
    return o;
}

static cJSON *speed_json(const ct_job_speed *s) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", spd_names[s->kind]);
    add_num(o, "value", s->value);
    add_num(o, "value2", s->value2);
    add_str(o, "unit", s->unit);
    add_str(o, "expr", s->expr);
    return o;
}

static cJSON *motion_json(const ct_job_motion *m) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", ct_job_motion_type_name(m->type));
    if (m->stationary_tool) cJSON_AddBoolToObject(o, "stationary_tool", 1);
    if (m->async) cJSON_AddBoolToObject(o, "async", 1);
    if (m->station) cJSON_AddNumberToObject(o, "station", m->station);
    cJSON_AddNumberToObject(o, "group", m->group);
    cJSON *ts = cJSON_AddArrayToObject(o, "targets");
    for (int i = 0; i < m->ntarget; i++) cJSON_AddItemToArray(ts, target_json(&m->target[i]));
    if (m->speed.kind != CT_JOB_SPD_NONE || m->speed.expr) cJSON_AddItemToObject(o, "speed", speed_json(&m->speed));
    if (m->accel.kind != CT_JOB_SPD_NONE || m->accel.expr) cJSON_AddItemToObject(o, "accel", speed_json(&m->accel));
    add_num(o, "time", m->time);
    if (m->accuracy >= 0) cJSON_AddNumberToObject(o, "accuracy", m->accuracy);
    add_num(o, "radius", m->radius);
    if (m->tool >= 0) cJSON_AddNumberToObject(o, "tool", m->tool);
    if (m->relative) cJSON_AddBoolToObject(o, "relative", 1);
    if (m->ra >= 0) cJSON_AddNumberToObject(o, "ra", m->ra);
    add_str(o, "options", m->options);
    return o;
}

ct_status ct_job_to_json(const ct_job_program *p, char **out_json, ct_error *err) {
    *out_json = NULL;
    cJSON *root = cJSON_CreateObject();
    if (!root) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    cJSON_AddNumberToObject(root, "ir_version", p->ir_version);
    cJSON_AddStringToObject(root, "format", fmt_names[p->format]);
    add_str(root, "file", p->file);
    add_str(root, "encoding", p->encoding);
    if (p->crlf) cJSON_AddBoolToObject(root, "crlf", 1);
    add_str(root, "version", p->version);
    add_str(root, "mech_type", p->mech_type);
    cJSON_AddNumberToObject(root, "total_axis", p->total_axis);
    cJSON_AddNumberToObject(root, "aux_axis", p->aux_axis);
    add_str(root, "title", p->title);
    cJSON *arr = cJSON_AddArrayToObject(root, "instructions");
    for (int i = 0; i < p->ninstr; i++) {
        const ct_job_instr *in = &p->instr[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", ct_job_kind_name(in->kind));
        cJSON *src = cJSON_AddObjectToObject(o, "src");
        add_str(src, "file", in->src.file);
        cJSON_AddNumberToObject(src, "line", in->src.line);
        cJSON_AddNumberToObject(src, "column", in->src.column);
        if (in->src.step) cJSON_AddNumberToObject(src, "step", in->src.step);
        add_str(o, "name", in->name);
        add_str(o, "text", in->text);
        add_str(o, "comment", in->comment);
        if (in->index) cJSON_AddNumberToObject(o, "index", in->index);
        add_num(o, "value", in->value);
        add_num(o, "value2", in->value2);
        if (in->motion) cJSON_AddItemToObject(o, "motion", motion_json(in->motion));
        if (in->pose) cJSON_AddItemToObject(o, "pose", target_json(in->pose));
        cJSON_AddItemToArray(arr, o);
    }
    cJSON *diags = cJSON_AddArrayToObject(root, "diagnostics");
    for (int i = 0; i < p->ndiag; i++) {
        const ct_job_diag *d = &p->diag[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "severity", d->severity == CT_JOB_ERROR ? "error" : d->severity == CT_JOB_WARNING ? "warning" : "note");
        add_str(o, "file", d->file);
        cJSON_AddNumberToObject(o, "line", d->line);
        cJSON_AddNumberToObject(o, "column", d->column);
        add_str(o, "message", d->message);
        add_str(o, "source_line", d->source_line);
        cJSON_AddItemToArray(diags, o);
    }
    char *txt = cJSON_Print(root);
    cJSON_Delete(root);
    if (!txt) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    *out_json = ct_strdup(txt);
    cJSON_free(txt);
    return *out_json ? CT_OK : ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
}

/* ---- load ---- */

typedef struct jl { ct_job_program *p; ct_error *err; ct_status st; } jl;

static int bad(jl *l, const char *what) {
    if (l->st == CT_OK) l->st = ct_error_set(l->err, CT_ERR_PARSE, NULL, 0, 0, "program JSON: %s", what);
    return 0;
}

static const char *jstr(jl *l, const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!v) return NULL;
    if (!cJSON_IsString(v)) { bad(l, k); return NULL; }
    return ct_job_strdup(l->p, v->valuestring);
}

static double jnum(jl *l, const cJSON *o, const char *k, double def) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!v) return def;
    if (cJSON_IsBool(v)) return cJSON_IsTrue(v);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) { bad(l, k); return def; }
    return v->valuedouble;
}

static int jint(jl *l, const cJSON *o, const char *k, int def, int lo, int hi) {
    double v = jnum(l, o, k, def);
    if (v < lo || v > hi || v != floor(v)) { bad(l, k); return def; }
    return (int)v;
}

static int jenum(jl *l, const cJSON *o, const char *k, const char *const *names, int n, int def) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!v) return def;
    if (cJSON_IsString(v))
        for (int i = 0; i < n; i++)
            if (!strcmp(v->valuestring, names[i])) return i;
    bad(l, k);
    return def;
}

static void load_target(jl *l, const cJSON *o, ct_job_target *t) {
    ct_job_target_init(t);
    if (!cJSON_IsObject(o)) { bad(l, "target"); return; }
    t->kind = (ct_job_target_kind)jenum(l, o, "kind", tkind_names, 4, 0);
    t->frame = (ct_job_frame)jenum(l, o, "frame", frame_names, 6, 0);
    t->user_frame = jint(l, o, "user_frame", 0, 0, 1000000);
    static const char *const eu[] = {"xyz_fixed", "zyz"};
    t->euler = (ct_job_euler)jenum(l, o, "euler", eu, 2, 0);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "v");
    if (v) {
        int n = cJSON_GetArraySize(v);
        if (!cJSON_IsArray(v) || n > CT_JOB_MAX_AXES) { bad(l, "target.v"); return; }
        if (!ct_job_target_values(l->p, t, n)) { bad(l, "out of memory"); return; }
        int i = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, v) {
            if (!cJSON_IsNumber(e)) { bad(l, "target.v"); return; }
            t->v[i++] = e->valuedouble;
        }
    }
    t->cfg = jint(l, o, "cfg", -1, -1, 0x7fffffff);
    t->cfg_flags = jstr(l, o, "cfg_flags");
    t->sol = jint(l, o, "sol", -1, -1, 7);
    t->var = jstr(l, o, "var");
    t->shift = jstr(l, o, "shift");
    t->expr = jstr(l, o, "expr");
}

static void load_speed(jl *l, const cJSON *o, ct_job_speed *s) {
    if (!o) return;
    if (!cJSON_IsObject(o)) { bad(l, "speed"); return; }
    s->kind = (ct_job_speed_kind)jenum(l, o, "kind", spd_names, 5, 0);
    s->value = jnum(l, o, "value", NAN);
    s->value2 = jnum(l, o, "value2", NAN);
    s->unit = jstr(l, o, "unit");
    s->expr = jstr(l, o, "expr");
}

static ct_job_motion *load_motion(jl *l, const cJSON *o) {
    if (!cJSON_IsObject(o)) { bad(l, "motion"); return NULL; }
    static const char *const types[] = {"PTP", "LIN", "CIRC", "SPLINE"};
    int type = jenum(l, o, "type", types, 4, 0);
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(o, "targets");
    int nt = ts ? cJSON_GetArraySize(ts) : 0;
    if (ts && (!cJSON_IsArray(ts) || nt > 1000)) { bad(l, "targets"); return NULL; }
    ct_job_motion *m = ct_job_motion_new(l->p, (ct_job_motion_type)type, nt);
    if (!m) { bad(l, "out of memory"); return NULL; }
    for (int i = 0; i < nt; i++) load_target(l, cJSON_GetArrayItem(ts, i), &m->target[i]);
    m->stationary_tool = jint(l, o, "stationary_tool", 0, 0, 1);
    m->async = jint(l, o, "async", 0, 0, 1);
    m->station = jint(l, o, "station", 0, 0, 1000);
    m->group = jint(l, o, "group", 1, 0, 1000);
    load_speed(l, cJSON_GetObjectItemCaseSensitive(o, "speed"), &m->speed);
    load_speed(l, cJSON_GetObjectItemCaseSensitive(o, "accel"), &m->accel);
    m->time = jnum(l, o, "time", NAN);
    m->accuracy = jint(l, o, "accuracy", -1, -1, 7);
    m->radius = jnum(l, o, "radius", NAN);
    m->tool = jint(l, o, "tool", -1, -1, 1000);
    m->relative = jint(l, o, "relative", 0, 0, 1);
    m->ra = jint(l, o, "ra", -1, -1, 1);
    m->options = jstr(l, o, "options");
    return m;
}

ct_status ct_job_from_json(const char *json, size_t len, ct_job_program **out, ct_error *err) {
    *out = NULL;
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) return ct_error_set(err, CT_ERR_PARSE, NULL, 0, 0, "program JSON: not valid JSON");
    jl l = {ct_job_program_create(), err, CT_OK};
    if (!l.p) { cJSON_Delete(root); return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory"); }
    ct_job_program *p = l.p;
    int ver = jint(&l, root, "ir_version", -1, -1, 1000000);
    if (ver != CT_JOB_IR_VERSION && l.st == CT_OK)
        l.st = ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "program JSON: ir_version %d, expected %d", ver, CT_JOB_IR_VERSION);
    p->format = (ct_job_format)jenum(&l, root, "format", fmt_names, 4, 0);
    p->file = jstr(&l, root, "file");
    const char *enc = jstr(&l, root, "encoding");
    if (enc) p->encoding = enc;
    p->crlf = jint(&l, root, "crlf", 0, 0, 1);
    p->version = jstr(&l, root, "version");
    p->mech_type = jstr(&l, root, "mech_type");
    p->total_axis = jint(&l, root, "total_axis", -1, -1, 1000);
    p->aux_axis = jint(&l, root, "aux_axis", -1, -1, 1000);
    p->title = jstr(&l, root, "title");
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "instructions");
    const cJSON *o;
    if (arr && !cJSON_IsArray(arr)) bad(&l, "instructions");
    cJSON_ArrayForEach(o, arr) {
        if (l.st != CT_OK) break;
        if (!cJSON_IsObject(o)) { bad(&l, "instruction"); break; }
        static const char *const kinds[] = {
            "motion", "io_set", "wait", "delay", "call", "goto", "gosub", "return", "label", "if", "elseif",
            "else", "endif", "loop", "endloop", "break", "continue", "assign", "declare", "def", "enddef",
            "setting", "event", "comment", "stop", "end", "unsupported"};
        int k = jenum(&l, o, "kind", kinds, CT_JOB_KIND_COUNT, -1);
        if (k < 0) { bad(&l, "kind"); break; }
        ct_job_instr *in = ct_job_append(p, (ct_job_kind)k);
        if (!in) { bad(&l, "too many instructions"); break; }
        const cJSON *src = cJSON_GetObjectItemCaseSensitive(o, "src");
        if (cJSON_IsObject(src)) {
            in->src.file = jstr(&l, src, "file");
            in->src.line = jint(&l, src, "line", 0, 0, 0x7fffffff);
            in->src.column = jint(&l, src, "column", 0, 0, 0x7fffffff);
            in->src.step = jint(&l, src, "step", 0, 0, 0x7fffffff);
        }
        in->name = jstr(&l, o, "name");
        in->text = jstr(&l, o, "text");
        in->comment = jstr(&l, o, "comment");
        in->index = jint(&l, o, "index", 0, -0x7fffffff, 0x7fffffff);
        in->value = jnum(&l, o, "value", NAN);
        in->value2 = jnum(&l, o, "value2", NAN);
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "motion");
        if (m) in->motion = load_motion(&l, m);
        if (k == CT_JOB_MOTION && !in->motion) bad(&l, "motion instruction without motion");
        const cJSON *pose = cJSON_GetObjectItemCaseSensitive(o, "pose");
        if (pose) {
            in->pose = ct_job_palloc(p, sizeof *in->pose);
            if (in->pose) load_target(&l, pose, in->pose);
        }
    }
    const cJSON *diags = cJSON_GetObjectItemCaseSensitive(root, "diagnostics");
    cJSON_ArrayForEach(o, diags) {
        if (l.st != CT_OK || !cJSON_IsObject(o)) break;
        static const char *const sev[] = {"note", "warning", "error"};
        int s = jenum(&l, o, "severity", sev, 3, 1);
        const char *msg = jstr(&l, o, "message");
        const char *file = jstr(&l, o, "file");
        const char *srcl = jstr(&l, o, "source_line");
        ct_job_diagf(p, (ct_job_severity)s, file, jint(&l, o, "line", 0, 0, 0x7fffffff),
                     jint(&l, o, "column", 0, 0, 0x7fffffff), srcl, "%s", msg ? msg : "");
    }
    cJSON_Delete(root);
    if (l.st != CT_OK) { ct_job_program_free(p); return l.st; }
    *out = p;
    return CT_OK;
}
