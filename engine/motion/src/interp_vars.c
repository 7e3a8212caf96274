/* Program interpreter: variable tables (case-insensitive names -> number or pose) and the
 * variables file (JSON) that supplies names defined outside the program (pendant variables,
 * Hyundai P<n>/R<n>). File units (mm, deg) are converted to SI here. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "interp_internal.h"

static unsigned hash_ci(const char *s, size_t n) {
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned)tolower((unsigned char)s[i])) * 16777619u;
    return h & 1023u;
}

static int name_eq(const char *a, const char *b, size_t n) { return strlen(a) == n && !strncasecmp(a, b, n); }

const ip_value *ip_table_get(const ip_table *t, const char *name, size_t n) {
    for (const ip_var *v = t->bucket[hash_ci(name, n)]; v; v = v->next)
        if (name_eq(v->name, name, n)) return &v->val;
    return NULL;
}

int ip_table_set(ip_table *t, const char *name, size_t n, const ip_value *val) {
    unsigned h = hash_ci(name, n);
    for (ip_var *v = t->bucket[h]; v; v = v->next)
        if (name_eq(v->name, name, n)) { v->val = *val; return 1; }
    ip_var *v = ct_alloc(sizeof *v);
    char *nm = ct_alloc(n + 1);
    if (!v || !nm) { ct_free(v); ct_free(nm); return 0; }
    memcpy(nm, name, n);
    v->name = nm;
    v->val = *val;
    v->next = t->bucket[h];
    t->bucket[h] = v;
    t->count++;
    return 1;
}

void ip_table_remove(ip_table *t, const char *name, size_t n) {
    ip_var **pp = &t->bucket[hash_ci(name, n)];
    for (; *pp; pp = &(*pp)->next)
        if (name_eq((*pp)->name, name, n)) {
            ip_var *v = *pp;
            *pp = v->next;
            ct_free(v->name);
            ct_free(v);
            t->count--;
            return;
        }
}

void ip_table_clear(ip_table *t) {
    for (int i = 0; i < 1024; i++)
        for (ip_var *v = t->bucket[i]; v;) {
            ip_var *n = v->next;
            ct_free(v->name);
            ct_free(v);
            v = n;
        }
    memset(t, 0, sizeof *t);
}

int ip_pose_from_target(const ct_job_target *t, ip_pose *out) {
    if (t->kind != CT_JOB_TGT_JOINT && t->kind != CT_JOB_TGT_CART) return 0;
    memset(out, 0, sizeof *out);
    out->kind = t->kind == CT_JOB_TGT_JOINT ? IP_POSE_JOINT : IP_POSE_CART;
    out->n = t->n < CT_JOB_MAX_AXES ? t->n : CT_JOB_MAX_AXES;
    for (int i = 0; i < out->n; i++) out->v[i] = t->v[i];
    out->frame = t->frame;
    out->uframe = t->user_frame;
    out->euler = t->euler;
    out->cfg = t->cfg;
    out->sol = t->sol;
    if (t->cfg_flags) snprintf(out->cfg_flags, sizeof out->cfg_flags, "%s", t->cfg_flags);
    return 1;
}

/* ---- variables file ---- */

static int line_of(const char *json, size_t len, const char *at) {
    int line = 1;
    for (const char *p = json; p < json + len && p < at; p++) line += *p == '\n';
    return line;
}

/* Line of the key "name" (first occurrence), for messages. */
static int key_line(const char *json, size_t len, const char *name) {
    char pat[160];
    snprintf(pat, sizeof pat, "\"%s\"", name);
    const char *p = strstr(json, pat);
    return p && p < json + len ? line_of(json, len, p) : 0;
}

static int read_array(const cJSON *a, double *v, int max) {
    if (!cJSON_IsArray(a)) return -1;
    int n = cJSON_GetArraySize(a);
    if (n < 1 || n > max) return -1;
    for (int i = 0; i < n; i++) {
        const cJSON *x = cJSON_GetArrayItem(a, i);
        if (!cJSON_IsNumber(x) || !isfinite(x->valuedouble)) return -1;
        v[i] = x->valuedouble;
    }
    return n;
}

static const char *parse_entry(const cJSON *it, ip_value *val) {
    memset(val, 0, sizeof *val);
    if (cJSON_IsNumber(it)) {
        if (!isfinite(it->valuedouble)) return "not a finite number";
        val->kind = IP_V_NUM;
        val->num = it->valuedouble;
        return NULL;
    }
    if (cJSON_IsBool(it)) { val->kind = IP_V_NUM; val->num = cJSON_IsTrue(it); return NULL; }
    if (!cJSON_IsObject(it)) return "expected a number or an object {\"joint\"|\"posx\"|\"cart\"|\"shift\": [...]}";
    ip_pose *p = &val->pose;
    p->cfg = -1;
    p->sol = -1;
    val->kind = IP_V_POSE;
    const cJSON *a;
    double v[CT_JOB_MAX_AXES];
    int n;
    if ((a = cJSON_GetObjectItemCaseSensitive(it, "joint"))) {
        if ((n = read_array(a, v, CT_JOB_MAX_AXES)) < 0) return "\"joint\" must be 1..32 numbers (deg)";
        p->kind = IP_POSE_JOINT;
        p->n = n;
        for (int i = 0; i < n; i++) p->v[i] = v[i] * CT_DEG;
        return NULL;
    }
    int posx = (a = cJSON_GetObjectItemCaseSensitive(it, "posx")) != NULL;
    int shift = !posx && (a = cJSON_GetObjectItemCaseSensitive(it, "shift")) != NULL;
    if (posx || shift || (a = cJSON_GetObjectItemCaseSensitive(it, "cart"))) {
        if ((n = read_array(a, v, CT_JOB_MAX_AXES)) < 6) return "a pose needs at least 6 numbers (mm, deg)";
        p->kind = shift ? IP_POSE_SHIFT : IP_POSE_CART;
        p->n = n;
        for (int i = 0; i < n; i++) p->v[i] = i < 3 ? v[i] * 1e-3 : v[i] * CT_DEG;
        p->euler = posx ? CT_JOB_EULER_ZYZ : CT_JOB_EULER_XYZ_FIXED;
        p->frame = CT_JOB_FRAME_BASE;
        const cJSON *fr = cJSON_GetObjectItemCaseSensitive(it, "frame");
        if (fr) {
            if (!cJSON_IsString(fr)) return "\"frame\" must be a string";
            const char *f = fr->valuestring;
            if (!strcasecmp(f, "base") || !strcasecmp(f, "robot") || !strcasecmp(f, "world")) p->frame = CT_JOB_FRAME_BASE;
            else if (!strcasecmp(f, "tool")) p->frame = CT_JOB_FRAME_TOOL;
            else if ((f[0] == 'u' || f[0] == 'U') && atoi(f + 1) >= 1 && atoi(f + 1) < CT_INTERP_MAX_UFRAMES) {
                p->frame = CT_JOB_FRAME_USER;
                p->uframe = atoi(f + 1);
            } else return "\"frame\" must be base, robot, world, tool or u<n>";
        }
        return NULL;
    }
    return "expected one of \"joint\", \"posx\", \"cart\", \"shift\"";
}

ct_status ct_interp_vars_parse(const char *json, size_t len, const char *file_name, ct_interp_vars **out,
                               ct_error *err) {
    *out = NULL;
    const char *fname = file_name ? file_name : "<vars>";
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
    if (!root) {
        int line = end ? line_of(json, len, end) : 0;
        return ct_error_set(err, CT_ERR_PARSE, fname, line, 0, "malformed JSON in the variables file");
    }
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return ct_error_set(err, CT_ERR_PARSE, fname, 1, 0, "the variables file must be a JSON object name -> value");
    }
    ct_interp_vars *vars = ct_alloc(sizeof *vars);
    if (!vars) { cJSON_Delete(root); return ct_error_set(err, CT_ERR_NO_MEMORY, fname, 0, 0, "out of memory"); }
    for (const cJSON *it = root->child; it; it = it->next) {
        ip_value val;
        const char *why = parse_entry(it, &val);
        if (why || !it->string || !*it->string) {
            ct_status s = ct_error_set(err, CT_ERR_INVALID, fname, it->string ? key_line(json, len, it->string) : 0, 0,
                                       "variable '%s': %s", it->string ? it->string : "", why ? why : "empty name");
            cJSON_Delete(root);
            ct_interp_vars_free(vars);
            return s;
        }
        if (!ip_table_set(&vars->table, it->string, strlen(it->string), &val)) {
            cJSON_Delete(root);
            ct_interp_vars_free(vars);
            return ct_error_set(err, CT_ERR_NO_MEMORY, fname, 0, 0, "out of memory");
        }
    }
    cJSON_Delete(root);
    *out = vars;
    return CT_OK;
}

ct_status ct_interp_vars_load(const char *path, ct_interp_vars **out, ct_error *err) {
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot open the variables file");
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 > cap) {
            cap = cap ? cap * 2 : 8192;
            if (cap > (64u << 20)) { fclose(f); ct_free(buf); return ct_error_set(err, CT_ERR_LIMIT, path, 0, 0, "variables file larger than 64 MiB"); }
            char *nb = ct_realloc(buf, cap);
            if (!nb) { fclose(f); ct_free(buf); return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory"); }
            buf = nb;
        }
        size_t r = fread(buf + len, 1, cap - len - 1, f);
        len += r;
        if (r == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) { ct_free(buf); return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot read the variables file"); }
    buf[len] = 0;
    ct_status s = ct_interp_vars_parse(buf, len, path, out, err);
    ct_free(buf);
    return s;
}

void ct_interp_vars_free(ct_interp_vars *vars) {
    if (!vars) return;
    ip_table_clear(&vars->table);
    ct_free(vars);
}
