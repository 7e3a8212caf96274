/* Cell JSON -> ct_cell: structure, types, counts, finite numbers, unique names and numbers,
 * references between entries. Reads no files (robots, meshes and programs are cell_load.c's).
 * Every problem is reported with its JSON path; parsing goes on after an error so that one run
 * lists many problems (up to def.max_errors). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cell_internal.h"

#define ERR(c, path, ...) ct_cell_diagf((c), CT_CELL_ERROR, (path), __VA_ARGS__)
#define PATH(buf, base, key) path_join((buf), (base), (key))
#define PATHI(buf, base, i) path_index((buf), (base), (i))
#define FULL(c) ((c)->nerr >= (c)->def.max_errors)

typedef char jpath[CT_CELL_PATH_MAX];

/* JSON pointer building (truncated, never overflowing, beyond CT_CELL_PATH_MAX). */
static void path_join(char *out, const char *base, const char *key) {
    size_t n = 0;
    for (const char *s = base; *s && n + 1 < CT_CELL_PATH_MAX; s++) out[n++] = *s;
    if (n + 1 < CT_CELL_PATH_MAX) out[n++] = '/';
    for (const char *s = key; *s && n + 1 < CT_CELL_PATH_MAX; s++) out[n++] = *s;
    out[n] = 0;
}
static void path_index(char *out, const char *base, int i) {
    char num[16];
    int k = 0;
    unsigned u = (unsigned)i;
    do { num[k++] = (char)('0' + u % 10); u /= 10; } while (u && k < 15);
    char key[16];
    for (int j = 0; j < k; j++) key[j] = num[k - 1 - j];
    key[k] = 0;
    path_join(out, base, key);
}

static const char *const top_keys[] = {"format", "version", "name", "description", "robots", "objects",
                                       "attached_parts", "allowed_contacts", "clearance", "clearance_pairs",
                                       "io", NULL};
static const char *const robot_keys[] = {"name", "urdf", "tip", "base", "tools", "user_frames", "accuracy",
                                         "payload", "velocity_limits", "acceleration_limits", "home",
                                         "programs", "io", NULL};
static const char *const tool_keys[] = {"number", "name", "tcp", "mass", "com", "geometry", NULL};
static const char *const uframe_keys[] = {"number", "pose", NULL};
static const char *const payload_keys[] = {"mass", "com", "inertia", NULL};
static const char *const object_keys[] = {"name", "group", "pose", "geometry", NULL};
static const char *const part_keys[] = {"name", "robot", "tool", "pose", "geometry", NULL};
static const char *const shape_keys[] = {"mesh", "scale", "box", "cylinder", "sphere", "origin", NULL};
static const char *const io_keys[] = {"wait_time", "inputs", NULL};
static const char *const input_keys[] = {"index", "value", NULL};
static const char *const pair_keys[] = {"a", "b", "distance", NULL};

/* Warns about unknown keys (errors when strict) and rejects duplicate keys. */
static void check_keys(cell_ctx *c, const cJSON *obj, const char *path, const char *const *allowed) {
    for (const cJSON *it = obj->child; it; it = it->next) {
        jpath p;
        PATH(p, path, it->string ? it->string : "");
        for (const cJSON *prev = obj->child; prev != it; prev = prev->next)
            if (prev->string && it->string && !strcmp(prev->string, it->string)) {
                ERR(c, p, "duplicate key '%s'", it->string);
                break;
            }
        int known = 0;
        for (int k = 0; allowed[k]; k++)
            if (it->string && !strcmp(it->string, allowed[k])) known = 1;
        if (!known)
            ct_cell_diagf(c, c->def.strict ? CT_CELL_ERROR : CT_CELL_WARNING, p, "unknown key '%s'",
                          it->string ? it->string : "");
    }
}

/* Object member lookup; reports a missing required key at the object. */
static const cJSON *member(cell_ctx *c, const cJSON *obj, const char *path, const char *key, int required) {
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!m && required) ERR(c, path, "missing key '%s'", key);
    return m;
}

static int is_object(cell_ctx *c, const cJSON *j, const char *path) {
    if (cJSON_IsObject(j)) return 1;
    ERR(c, path, "expected an object");
    return 0;
}

static int is_array(cell_ctx *c, const cJSON *j, const char *path) {
    if (cJSON_IsArray(j)) return 1;
    ERR(c, path, "expected an array");
    return 0;
}

/* Returns 1 when set, 0 when absent, -1 on error. */
static int read_string(cell_ctx *c, const cJSON *obj, const char *path, const char *key, int required, char **out) {
    const cJSON *m = member(c, obj, path, key, required);
    if (!m) return required ? -1 : 0;
    jpath p;
    PATH(p, path, key);
    if (!cJSON_IsString(m) || !m->valuestring) { ERR(c, p, "expected a string"); return -1; }
    if (!m->valuestring[0]) { ERR(c, p, "empty string"); return -1; }
    *out = ct_strdup(m->valuestring);
    return *out ? 1 : -1;
}

/* A name: 1..CT_CELL_MAX_NAME bytes, no '/', no control characters. */
static int read_name(cell_ctx *c, const cJSON *obj, const char *path, const char *key, char **out) {
    int r = read_string(c, obj, path, key, 1, out);
    if (r != 1) return r;
    jpath p;
    PATH(p, path, key);
    size_t n = strlen(*out);
    int bad = n > CT_CELL_MAX_NAME;
    for (size_t i = 0; i < n; i++)
        if ((*out)[i] == '/' || (unsigned char)(*out)[i] < 0x20) bad = 1;
    if (bad) {
        ERR(c, p, "invalid name '%s' (1 to %d characters, no '/')", *out, CT_CELL_MAX_NAME);
        return -1;
    }
    return 1;
}

static int number_ok(cell_ctx *c, const cJSON *m, const char *p, double *v) {
    if (!cJSON_IsNumber(m)) { ERR(c, p, "expected a number"); return 0; }
    if (!isfinite(m->valuedouble)) { ERR(c, p, "not a finite number"); return 0; }
    *v = m->valuedouble;
    return 1;
}

/* A number in [lo, hi]; unit is only used in the message. */
static int read_number(cell_ctx *c, const cJSON *obj, const char *path, const char *key, int required, double lo,
                       double hi, double *out) {
    const cJSON *m = member(c, obj, path, key, required);
    if (!m) return required ? -1 : 0;
    jpath p;
    PATH(p, path, key);
    double v;
    if (!number_ok(c, m, p, &v)) return -1;
    if (v < lo || v > hi) { ERR(c, p, "%g is outside [%g, %g]", v, lo, hi); return -1; }
    *out = v;
    return 1;
}

static int read_int(cell_ctx *c, const cJSON *obj, const char *path, const char *key, int required, int lo, int hi,
                    int *out) {
    double v;
    int r = read_number(c, obj, path, key, required, lo, hi, &v);
    if (r != 1) return r;
    if (v != floor(v)) {
        jpath p;
        PATH(p, path, key);
        ERR(c, p, "expected an integer, got %g", v);
        return -1;
    }
    *out = (int)v;
    return 1;
}

/* Exactly n finite numbers (n > 0), or any count when n == 0 (then *count is set, up to max). */
static int read_numbers(cell_ctx *c, const cJSON *obj, const char *path, const char *key, int required, int n,
                        int max, double *out, int *count) {
    const cJSON *m = member(c, obj, path, key, required);
    if (!m) return required ? -1 : 0;
    jpath p;
    PATH(p, path, key);
    int size = cJSON_IsArray(m) ? cJSON_GetArraySize(m) : -1;
    if (n > 0 && size != n) { ERR(c, p, "expected %d numbers", n); return -1; }
    if (n == 0 && (size < 1 || size > max)) { ERR(c, p, "expected an array of 1 to %d numbers", max); return -1; }
    int i = 0;
    for (const cJSON *e = m->child; e; e = e->next, i++) {
        jpath pe;
        PATHI(pe, p, i);
        if (!number_ok(c, e, pe, &out[i])) return -1;
    }
    if (count) *count = size;
    return 1;
}

static int read_pose(cell_ctx *c, const cJSON *obj, const char *path, const char *key, int required, ct_xform *out) {
    double v[6];
    int r = read_numbers(c, obj, path, key, required, 6, 6, v, NULL);
    if (r == 1) *out = ct_cell_pose_from_user(v);
    return r;
}

static int read_vec_mm(cell_ctx *c, const cJSON *obj, const char *path, const char *key, ct_vec3 *out) {
    double v[3];
    int r = read_numbers(c, obj, path, key, 0, 3, 3, v, NULL);
    if (r == 1) *out = ct_v3(v[0] * 1e-3, v[1] * 1e-3, v[2] * 1e-3);
    return r;
}

/* Variable-length joint array in deg (converted as revolute; see cell.h). */
static int read_joint_array(cell_ctx *c, const cJSON *obj, const char *path, const char *key, double lo,
                            double **out, int *n) {
    double v[CT_ROBOT_MAX_DOF];
    int cnt = 0;
    int r = read_numbers(c, obj, path, key, 0, 0, CT_ROBOT_MAX_DOF, v, &cnt);
    if (r != 1) return r;
    jpath p;
    PATH(p, path, key);
    for (int i = 0; i < cnt; i++)
        if (v[i] < lo) {
            jpath pe;
            PATHI(pe, p, i);
            ERR(c, pe, "must be positive");
            return -1;
        }
    *out = ct_alloc(sizeof(double) * (size_t)cnt);
    if (!*out) return -1;
    for (int i = 0; i < cnt; i++) (*out)[i] = v[i] * CT_DEG;
    *n = cnt;
    return 1;
}

static void parse_shape(cell_ctx *c, const cJSON *g, const char *path, ct_cell_shape *s) {
    s->origin = ct_xf_identity();
    s->scale[0] = s->scale[1] = s->scale[2] = 1;
    if (!is_object(c, g, path)) return;
    check_keys(c, g, path, shape_keys);
    const char *kinds[] = {"mesh", "box", "cylinder", "sphere"};
    int nkind = 0;
    for (int k = 0; k < 4; k++) nkind += cJSON_GetObjectItemCaseSensitive(g, kinds[k]) != NULL;
    if (nkind != 1) {
        ERR(c, path, "expected exactly one of 'mesh', 'box', 'cylinder', 'sphere'");
        return;
    }
    jpath p;
    double v[3];
    if (read_string(c, g, path, "mesh", 0, &s->mesh_file) == 1) {
        s->kind = CT_CELL_SHAPE_MESH;
        const cJSON *sc = cJSON_GetObjectItemCaseSensitive(g, "scale");
        PATH(p, path, "scale");
        if (cJSON_IsNumber(sc)) {
            if (number_ok(c, sc, p, &v[0])) v[1] = v[2] = v[0];
            else return;
        } else if (sc && read_numbers(c, g, path, "scale", 0, 3, 3, v, NULL) != 1) {
            return;
        } else if (!sc) {
            v[0] = v[1] = v[2] = 1;
        }
        for (int i = 0; i < 3; i++) {
            if (!(v[i] > 0)) { ERR(c, p, "scale must be positive"); return; }
            s->scale[i] = v[i];
        }
    } else if (cJSON_GetObjectItemCaseSensitive(g, "mesh")) {
        return;
    } else if (cJSON_GetObjectItemCaseSensitive(g, "scale")) {
        PATH(p, path, "scale");
        ERR(c, p, "'scale' applies to meshes only");
    }
    if (read_numbers(c, g, path, "box", 0, 3, 3, v, NULL) == 1) {
        s->kind = CT_CELL_SHAPE_BOX;
        PATH(p, path, "box");
        for (int i = 0; i < 3; i++) {
            if (!(v[i] > 0)) { ERR(c, p, "box sizes must be positive"); return; }
            s->size[i] = v[i] * 1e-3;
        }
    }
    if (read_numbers(c, g, path, "cylinder", 0, 2, 2, v, NULL) == 1) {
        s->kind = CT_CELL_SHAPE_CYLINDER;
        PATH(p, path, "cylinder");
        if (!(v[0] > 0 && v[1] > 0)) { ERR(c, p, "cylinder radius and length must be positive"); return; }
        s->radius = v[0] * 1e-3;
        s->length = v[1] * 1e-3;
    }
    if (read_number(c, g, path, "sphere", 0, 1e-9, 1e12, &v[0]) == 1) {
        s->kind = CT_CELL_SHAPE_SPHERE;
        s->radius = v[0] * 1e-3;
    }
    read_pose(c, g, path, "origin", 0, &s->origin);
}

static void parse_io(cell_ctx *c, const cJSON *j, const char *path, ct_cell_io *io) {
    if (!is_object(c, j, path)) return;
    check_keys(c, j, path, io_keys);
    read_number(c, j, path, "wait_time", 0, 0, 1e6, &io->wait_time);
    const cJSON *in = member(c, j, path, "inputs", 0);
    if (!in) return;
    jpath p;
    PATH(p, path, "inputs");
    if (!is_array(c, in, p)) return;
    int n = cJSON_GetArraySize(in);
    io->input = ct_alloc(sizeof(ct_cell_input) * (size_t)(n > 0 ? n : 1));
    if (!io->input) return;
    int i = 0;
    for (const cJSON *e = in->child; e && !FULL(c); e = e->next, i++) {
        jpath pe;
        PATHI(pe, p, i);
        if (!is_object(c, e, pe)) continue;
        check_keys(c, e, pe, input_keys);
        ct_cell_input v = {0, 0};
        if (read_int(c, e, pe, "index", 1, 0, 1000000, &v.index) != 1) continue;
        if (read_int(c, e, pe, "value", 1, -2147483647, 2147483647, &v.value) != 1) continue;
        for (int k = 0; k < io->ninput; k++)
            if (io->input[k].index == v.index) ERR(c, pe, "input %d given twice", v.index);
        io->input[io->ninput++] = v;
    }
}

static void parse_tool(cell_ctx *c, const cJSON *j, const char *path, ct_cell_robot *r) {
    if (!is_object(c, j, path)) return;
    check_keys(c, j, path, tool_keys);
    ct_cell_tool *t = &r->tool[r->ntool];
    t->tcp = ct_xf_identity();
    if (read_int(c, j, path, "number", 1, 0, 31, &t->number) != 1) return;
    for (int k = 0; k < r->ntool; k++)
        if (r->tool[k].number == t->number) {
            jpath p;
            PATH(p, path, "number");
            ERR(c, p, "tool %d defined twice", t->number);
        }
    r->ntool++; /* owned from here on (freed with the robot) */
    if (cJSON_GetObjectItemCaseSensitive(j, "name")) read_name(c, j, path, "name", &t->name);
    read_pose(c, j, path, "tcp", 1, &t->tcp);
    read_number(c, j, path, "mass", 0, 0, 1e6, &t->mass);
    read_vec_mm(c, j, path, "com", &t->com);
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(j, "geometry");
    if (g) {
        jpath p;
        PATH(p, path, "geometry");
        parse_shape(c, g, p, &t->shape);
    }
}

static void parse_uframe(cell_ctx *c, const cJSON *j, const char *path, ct_cell_robot *r) {
    if (!is_object(c, j, path)) return;
    check_keys(c, j, path, uframe_keys);
    ct_cell_uframe *u = &r->uframe[r->nuframe];
    if (read_int(c, j, path, "number", 1, 1, 200, &u->number) != 1) return;
    for (int k = 0; k < r->nuframe; k++)
        if (r->uframe[k].number == u->number) {
            jpath p;
            PATH(p, path, "number");
            ERR(c, p, "user frame %d defined twice", u->number);
        }
    if (read_pose(c, j, path, "pose", 1, &u->pose) != 1) return;
    r->nuframe++;
}

static void parse_payload(cell_ctx *c, const cJSON *j, const char *path, ct_cell_payload *pl) {
    if (!is_object(c, j, path)) return;
    check_keys(c, j, path, payload_keys);
    read_number(c, j, path, "mass", 1, 0, 1e6, &pl->mass);
    read_vec_mm(c, j, path, "com", &pl->com);
    read_numbers(c, j, path, "inertia", 0, 6, 6, pl->inertia, NULL);
}

/* Parses an array member whose elements are handled by fn (called with the element path). */
typedef void elem_fn(cell_ctx *c, const cJSON *e, const char *path, void *arg);
static int parse_array(cell_ctx *c, const cJSON *obj, const char *path, const char *key, elem_fn *fn, void *arg,
                       int *count) {
    const cJSON *m = member(c, obj, path, key, 0);
    *count = 0;
    if (!m) return 0;
    jpath p;
    PATH(p, path, key);
    if (!is_array(c, m, p)) return -1;
    *count = cJSON_GetArraySize(m);
    int i = 0;
    for (const cJSON *e = m->child; e && !FULL(c); e = e->next, i++) {
        jpath pe;
        PATHI(pe, p, i);
        fn(c, e, pe, arg);
    }
    return 1;
}

static void tool_elem(cell_ctx *c, const cJSON *e, const char *p, void *arg) { parse_tool(c, e, p, arg); }
static void uframe_elem(cell_ctx *c, const cJSON *e, const char *p, void *arg) { parse_uframe(c, e, p, arg); }
static void program_elem(cell_ctx *c, const cJSON *e, const char *p, void *arg) {
    ct_cell_robot *r = arg;
    if (!cJSON_IsString(e) || !e->valuestring || !e->valuestring[0]) {
        ERR(c, p, "expected a file name");
        return;
    }
    r->program_file[r->nprogram++] = ct_strdup(e->valuestring);
}

static const double default_accuracy_mm[CT_CELL_ACCURACY_LEVELS] = {0, 10, 25, 50, 100, 150, 200, 300};

static void io_copy(ct_cell_io *dst, const ct_cell_io *src) {
    *dst = *src;
    dst->input = NULL;
    if (src->ninput) {
        dst->input = ct_alloc(sizeof(ct_cell_input) * (size_t)src->ninput);
        if (dst->input) memcpy(dst->input, src->input, sizeof(ct_cell_input) * (size_t)src->ninput);
        else dst->ninput = 0;
    }
}

static void parse_robot(cell_ctx *c, const cJSON *j, const char *path, ct_cell *cell) {
    if (!is_object(c, j, path)) return;
    check_keys(c, j, path, robot_keys);
    ct_cell_robot *r = &cell->robot[cell->nrobot++];
    r->base = ct_xf_identity();
    for (int i = 0; i < CT_CELL_ACCURACY_LEVELS; i++) r->accuracy[i] = default_accuracy_mm[i] * 1e-3;
    read_name(c, j, path, "name", &r->name);
    read_string(c, j, path, "urdf", 1, &r->urdf_file);
    if (cJSON_GetObjectItemCaseSensitive(j, "tip")) read_string(c, j, path, "tip", 0, &r->tip);
    read_pose(c, j, path, "base", 1, &r->base);
    int n;
    const cJSON *arr;
    jpath p;
    if ((arr = cJSON_GetObjectItemCaseSensitive(j, "tools")) && cJSON_IsArray(arr)) {
        r->tool = ct_alloc(sizeof(ct_cell_tool) * (size_t)(cJSON_GetArraySize(arr) + 1));
        if (!r->tool) return;
    }
    parse_array(c, j, path, "tools", tool_elem, r, &n);
    if ((arr = cJSON_GetObjectItemCaseSensitive(j, "user_frames")) && cJSON_IsArray(arr)) {
        r->uframe = ct_alloc(sizeof(ct_cell_uframe) * (size_t)(cJSON_GetArraySize(arr) + 1));
        if (!r->uframe) return;
    }
    parse_array(c, j, path, "user_frames", uframe_elem, r, &n);
    double acc[CT_CELL_ACCURACY_LEVELS];
    if (read_numbers(c, j, path, "accuracy", 0, CT_CELL_ACCURACY_LEVELS, CT_CELL_ACCURACY_LEVELS, acc, NULL) == 1) {
        PATH(p, path, "accuracy");
        for (int i = 0; i < CT_CELL_ACCURACY_LEVELS; i++) {
            if (acc[i] < 0) { ERR(c, p, "accuracy distances must not be negative"); break; }
            r->accuracy[i] = acc[i] * 1e-3;
        }
    }
    const cJSON *pl = cJSON_GetObjectItemCaseSensitive(j, "payload");
    if (pl) {
        PATH(p, path, "payload");
        parse_payload(c, pl, p, &r->payload);
    }
    read_joint_array(c, j, path, "velocity_limits", 1e-12, &r->vel_limits, &r->nvel);
    read_joint_array(c, j, path, "acceleration_limits", 1e-12, &r->acc_limits, &r->nacc);
    read_joint_array(c, j, path, "home", -INFINITY, &r->home, &r->nhome);
    if ((arr = cJSON_GetObjectItemCaseSensitive(j, "programs")) && cJSON_IsArray(arr)) {
        int np = cJSON_GetArraySize(arr);
        r->program_file = ct_alloc(sizeof(char *) * (size_t)(np + 1));
        r->program_path = ct_alloc(sizeof(char *) * (size_t)(np + 1));
        if (!r->program_file || !r->program_path) return;
    }
    parse_array(c, j, path, "programs", program_elem, r, &n);
    const cJSON *io = cJSON_GetObjectItemCaseSensitive(j, "io");
    if (io) {
        PATH(p, path, "io");
        r->has_io = 1;
        r->io.wait_time = cell->io.wait_time;
        parse_io(c, io, p, &r->io);
    } else {
        io_copy(&r->io, &cell->io);
    }
}

static int group_from_name(const char *s) {
    for (int g = 0; g < CT_CELL_GROUP_COUNT; g++)
        if (!strcmp(s, ct_cell_group_name((ct_cell_group)g))) return g;
    return -1;
}

static void parse_object(cell_ctx *c, const cJSON *j, const char *path, void *arg) {
    ct_cell *cell = arg;
    if (!is_object(c, j, path)) return;
    check_keys(c, j, path, object_keys);
    ct_cell_object *o = &cell->object[cell->nobject++];
    o->pose = ct_xf_identity();
    o->group = CT_CELL_OTHER;
    read_name(c, j, path, "name", &o->name);
    char *g = NULL;
    if (read_string(c, j, path, "group", 0, &g) == 1) {
        int gi = group_from_name(g);
        jpath p;
        PATH(p, path, "group");
        if (gi < 0) ERR(c, p, "unknown group '%s' (fixture, part, car_body, fence, conveyor, other)", g);
        else o->group = (ct_cell_group)gi;
    }
    ct_free(g);
    read_pose(c, j, path, "pose", 0, &o->pose);
    const cJSON *geo = member(c, j, path, "geometry", 1);
    if (geo) {
        jpath p;
        PATH(p, path, "geometry");
        parse_shape(c, geo, p, &o->shape);
    }
}

static void parse_part(cell_ctx *c, const cJSON *j, const char *path, void *arg) {
    ct_cell *cell = arg;
    if (!is_object(c, j, path)) return;
    check_keys(c, j, path, part_keys);
    ct_cell_part *pt = &cell->part[cell->npart++];
    pt->pose = ct_xf_identity();
    pt->robot = -1;
    read_name(c, j, path, "name", &pt->name);
    char *rn = NULL;
    jpath p;
    if (read_string(c, j, path, "robot", 1, &rn) == 1) {
        pt->robot = ct_cell_find_robot(cell, rn);
        PATH(p, path, "robot");
        if (pt->robot < 0) ERR(c, p, "no robot named '%s'", rn);
    }
    ct_free(rn);
    if (read_int(c, j, path, "tool", 1, 0, 31, &pt->tool) == 1 && pt->robot >= 0 &&
        !ct_cell_robot_tool(&cell->robot[pt->robot], pt->tool)) {
        PATH(p, path, "tool");
        ERR(c, p, "robot '%s' has no tool %d", cell->robot[pt->robot].name, pt->tool);
    }
    read_pose(c, j, path, "pose", 0, &pt->pose);
    const cJSON *geo = member(c, j, path, "geometry", 1);
    if (geo) {
        PATH(p, path, "geometry");
        parse_shape(c, geo, p, &pt->shape);
    }
}

/* A body name: "object", "part", "robot", "robot/tool" or "robot/<link>" (links checked at load). */
static void check_body(cell_ctx *c, const ct_cell *cell, const char *name, const char *path) {
    char head[CT_CELL_MAX_NAME + 2];
    const char *slash = strchr(name, '/');
    size_t n = slash ? (size_t)(slash - name) : strlen(name);
    if (n == 0 || n > CT_CELL_MAX_NAME) { ERR(c, path, "no body named '%s'", name); return; }
    memcpy(head, name, n);
    head[n] = 0;
    int robot = ct_cell_find_robot(cell, head);
    int other = ct_cell_find_object(cell, head) >= 0;
    for (int i = 0; i < cell->npart; i++)
        if (cell->part[i].name && !strcmp(cell->part[i].name, head)) other = 1;
    if (robot < 0 && !other) { ERR(c, path, "no robot, object or part named '%s'", head); return; }
    if (slash && (robot < 0 || !slash[1] || strchr(slash + 1, '/')))
        ERR(c, path, "'%s': only robots have sub-bodies ('robot/tool' or 'robot/<link>')", name);
}

typedef struct pair_arg { ct_cell *cell; ct_cell_pair *pairs; int *n; int with_distance; } pair_arg;

static void parse_pair(cell_ctx *c, const cJSON *j, const char *path, void *arg) {
    pair_arg *pa = arg;
    ct_cell_pair *pr = &pa->pairs[*pa->n];
    if (!pa->with_distance) {
        /* allowed contact: ["a", "b"] */
        if (!cJSON_IsArray(j) || cJSON_GetArraySize(j) != 2 || !cJSON_IsString(j->child) ||
            !cJSON_IsString(j->child->next)) {
            ERR(c, path, "expected two body names");
            return;
        }
        pr->a = ct_strdup(j->child->valuestring);
        pr->b = ct_strdup(j->child->next->valuestring);
        (*pa->n)++;
        jpath p;
        PATHI(p, path, 0);
        check_body(c, pa->cell, pr->a, p);
        PATHI(p, path, 1);
        check_body(c, pa->cell, pr->b, p);
        return;
    }
    if (!is_object(c, j, path)) return;
    check_keys(c, j, path, pair_keys);
    (*pa->n)++;
    jpath p;
    if (read_string(c, j, path, "a", 1, &pr->a) == 1) { PATH(p, path, "a"); check_body(c, pa->cell, pr->a, p); }
    if (read_string(c, j, path, "b", 1, &pr->b) == 1) { PATH(p, path, "b"); check_body(c, pa->cell, pr->b, p); }
    double d;
    if (read_number(c, j, path, "distance", 1, 0, 1e9, &d) == 1) pr->clearance = d * 1e-3;
}

/* Names of robots, objects and parts share one namespace. */
static void check_unique_names(cell_ctx *c, const ct_cell *cell) {
    enum { MAXN = 3 };
    const char *kind[MAXN] = {"robots", "objects", "attached_parts"};
    for (int k = 0; k < MAXN; k++) {
        int n = k == 0 ? cell->nrobot : k == 1 ? cell->nobject : cell->npart;
        for (int i = 0; i < n; i++) {
            const char *nm = k == 0 ? cell->robot[i].name : k == 1 ? cell->object[i].name : cell->part[i].name;
            if (!nm) continue;
            for (int k2 = 0; k2 <= k; k2++) {
                int n2 = k2 == k ? i : (k2 == 0 ? cell->nrobot : k2 == 1 ? cell->nobject : cell->npart);
                for (int i2 = 0; i2 < n2; i2++) {
                    const char *m = k2 == 0 ? cell->robot[i2].name : k2 == 1 ? cell->object[i2].name : cell->part[i2].name;
                    if (m && !strcmp(m, nm)) {
                        jpath p, q;
                        snprintf(p, sizeof p, "/%s/%d/name", kind[k], i);
                        snprintf(q, sizeof q, "/%s/%d", kind[k2], i2);
                        ERR(c, p, "duplicate name '%s' (also %s)", nm, q);
                    }
                }
            }
        }
    }
}

static int alloc_array(const cJSON *root, const char *key, size_t elem, void **out) {
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key);
    int n = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;
    *out = ct_alloc(elem * (size_t)(n + 1));
    return *out != NULL;
}

static void parse_root(cell_ctx *c, const cJSON *root, ct_cell *cell) {
    if (!is_object(c, root, "")) return;
    check_keys(c, root, "", top_keys);
    char *fmt = NULL;
    if (read_string(c, root, "", "format", 0, &fmt) == 1 && strcmp(fmt, "celltwin-cell") != 0)
        ERR(c, "/format", "expected \"celltwin-cell\", got \"%s\"", fmt);
    ct_free(fmt);
    if (read_int(c, root, "", "version", 1, -1000000, 1000000, &cell->version) != 1) return;
    if (cell->version < 1 || cell->version > CT_CELL_VERSION) {
        ERR(c, "/version", "cell format version %d is not supported (this celltwin reads 1 to %d)", cell->version,
            CT_CELL_VERSION);
        return;
    }
    read_name(c, root, "", "name", &cell->name);
    if (cJSON_GetObjectItemCaseSensitive(root, "description"))
        read_string(c, root, "", "description", 0, &cell->description);
    read_number(c, root, "", "clearance", 0, 0, 1e9, &cell->clearance);
    cell->clearance *= 1e-3;
    const cJSON *io = cJSON_GetObjectItemCaseSensitive(root, "io");
    if (io) parse_io(c, io, "/io", &cell->io);
    if (FULL(c)) return;

    const cJSON *robots = member(c, root, "", "robots", 1);
    if (robots && is_array(c, robots, "/robots")) {
        cell->robot = ct_alloc(sizeof(ct_cell_robot) * (size_t)(cJSON_GetArraySize(robots) + 1));
        if (!cell->robot) return;
        int i = 0;
        for (const cJSON *e = robots->child; e && !FULL(c); e = e->next, i++) {
            jpath p;
            PATHI(p, "/robots", i);
            parse_robot(c, e, p, cell);
        }
    }
    int n;
    if (!alloc_array(root, "objects", sizeof(ct_cell_object), (void **)&cell->object)) return;
    parse_array(c, root, "", "objects", parse_object, cell, &n);
    if (!alloc_array(root, "attached_parts", sizeof(ct_cell_part), (void **)&cell->part)) return;
    parse_array(c, root, "", "attached_parts", parse_part, cell, &n);
    check_unique_names(c, cell);
    if (FULL(c)) return;
    if (!alloc_array(root, "allowed_contacts", sizeof(ct_cell_pair), (void **)&cell->allowed)) return;
    pair_arg pa = {cell, cell->allowed, &cell->nallowed, 0};
    parse_array(c, root, "", "allowed_contacts", parse_pair, &pa, &n);
    if (!alloc_array(root, "clearance_pairs", sizeof(ct_cell_pair), (void **)&cell->clear)) return;
    pair_arg pc = {cell, cell->clear, &cell->nclear, 1};
    parse_array(c, root, "", "clearance_pairs", parse_pair, &pc, &n);
}

ct_status ct_cell_parse_ctx(cell_ctx *c, ct_cell **out) {
    *out = NULL;
    if (c->len > CT_CELL_MAX_BYTES)
        return ct_cell_failf(c, CT_ERR_LIMIT, 0, 0, "cell file larger than %u bytes", CT_CELL_MAX_BYTES);
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(c->text, c->len, &end, 0);
    if (!root) {
        size_t off = end && end >= c->text ? (size_t)(end - c->text) : 0;
        int line, col;
        ct_cell_offset_to_line_col(c->text, c->len, off, &line, &col);
        if (off >= c->len) return ct_cell_failf(c, CT_ERR_PARSE, line, col, "invalid JSON: unexpected end of input");
        char near[16];
        size_t k = 0;
        for (; k < 12 && off + k < c->len && c->text[off + k] != '\n' && c->text[off + k] != '\r'; k++) {
            unsigned char ch = (unsigned char)c->text[off + k];
            near[k] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
        }
        near[k] = 0;
        return ct_cell_failf(c, CT_ERR_PARSE, line, col, "invalid JSON near '%s'", near);
    }
    size_t tail = end ? (size_t)(end - c->text) : c->len;
    while (tail < c->len && (c->text[tail] == ' ' || c->text[tail] == '\t' || c->text[tail] == '\n' ||
                             c->text[tail] == '\r'))
        tail++;
    if (tail < c->len) {
        int line, col;
        ct_cell_offset_to_line_col(c->text, c->len, tail, &line, &col);
        cJSON_Delete(root);
        return ct_cell_failf(c, CT_ERR_PARSE, line, col, "invalid JSON: text after the end of the document");
    }
    ct_cell *cell = ct_alloc(sizeof(ct_cell));
    if (!cell) {
        cJSON_Delete(root);
        return ct_cell_failf(c, CT_ERR_NO_MEMORY, 0, 0, "out of memory");
    }
    cell->clearance = 10.0; /* mm until scaled below */
    cell->io.wait_time = 0.5;
    parse_root(c, root, cell);
    cJSON_Delete(root);
    if (c->nerr) {
        ct_cell_destroy(cell);
        return c->err ? c->err->code : CT_ERR_INVALID;
    }
    *out = cell;
    return CT_OK;
}
