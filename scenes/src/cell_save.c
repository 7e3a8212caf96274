/* ct_cell -> JSON text in the file's units (mm, deg), and the atomic save (temporary file in the
 * same folder, then rename). Written values load back to the same cell (round trip). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cell_internal.h"

/* Rounds away conversion noise (1e-10 of a mm or degree) so files stay readable. A non-zero value
 * never becomes zero: tiny positive scales and sizes must stay positive to load back. */
static double tidy(double v) {
    double r = round(v * 1e10) / 1e10;
    if (r == 0 && v != 0) return v;
    return fabs(r - v) < 1e-9 ? r : v;
}

static cJSON *numbers(const double *v, int n, double scale) {
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; a && i < n; i++) cJSON_AddItemToArray(a, cJSON_CreateNumber(tidy(v[i] * scale)));
    return a;
}

static cJSON *pose(ct_xform t) {
    double v[6];
    ct_cell_pose_to_user(t, v);
    return numbers(v, 6, 1.0);
}

static int is_identity(ct_xform t) {
    ct_xform i = ct_xf_identity();
    return !memcmp(&t, &i, sizeof t);
}

static cJSON *vec_mm(ct_vec3 v) {
    double a[3] = {v.x, v.y, v.z};
    return numbers(a, 3, 1e3);
}

static cJSON *shape(const ct_cell_shape *s) {
    cJSON *g = cJSON_CreateObject();
    switch (s->kind) {
    case CT_CELL_SHAPE_MESH:
        cJSON_AddStringToObject(g, "mesh", s->mesh_file);
        if (s->scale[0] != 1 || s->scale[1] != 1 || s->scale[2] != 1)
            cJSON_AddItemToObject(g, "scale", numbers(s->scale, 3, 1.0));
        break;
    case CT_CELL_SHAPE_BOX: cJSON_AddItemToObject(g, "box", numbers(s->size, 3, 1e3)); break;
    case CT_CELL_SHAPE_CYLINDER: {
        double v[2] = {s->radius, s->length};
        cJSON_AddItemToObject(g, "cylinder", numbers(v, 2, 1e3));
        break;
    }
    case CT_CELL_SHAPE_SPHERE: cJSON_AddNumberToObject(g, "sphere", tidy(s->radius * 1e3)); break;
    default: break;
    }
    if (!is_identity(s->origin)) cJSON_AddItemToObject(g, "origin", pose(s->origin));
    return g;
}

static cJSON *io(const ct_cell_io *x) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "wait_time", x->wait_time);
    cJSON *in = cJSON_AddArrayToObject(o, "inputs");
    for (int i = 0; i < x->ninput; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "index", x->input[i].index);
        cJSON_AddNumberToObject(e, "value", x->input[i].value);
        cJSON_AddItemToArray(in, e);
    }
    return o;
}

/* Joint array in user units: deg, or mm for prismatic dofs of a loaded robot. */
static cJSON *joints(const ct_cell_robot *r, const double *v, int n) {
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        int prismatic = r->robot && i < r->robot->ndof && r->robot->dof_type[i] == CT_JOINT_PRISMATIC;
        cJSON_AddItemToArray(a, cJSON_CreateNumber(tidy(prismatic ? v[i] * 1e3 : v[i] / CT_DEG)));
    }
    return a;
}

static cJSON *robot(const ct_cell_robot *r) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", r->name);
    cJSON_AddStringToObject(o, "urdf", r->urdf_file);
    if (r->tip) cJSON_AddStringToObject(o, "tip", r->tip);
    cJSON_AddItemToObject(o, "base", pose(r->base));
    cJSON *tools = cJSON_AddArrayToObject(o, "tools");
    for (int i = 0; i < r->ntool; i++) {
        const ct_cell_tool *t = &r->tool[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "number", t->number);
        if (t->name) cJSON_AddStringToObject(e, "name", t->name);
        cJSON_AddItemToObject(e, "tcp", pose(t->tcp));
        if (t->mass > 0) {
            cJSON_AddNumberToObject(e, "mass", t->mass);
            cJSON_AddItemToObject(e, "com", vec_mm(t->com));
        }
        if (t->shape.kind != CT_CELL_SHAPE_NONE) cJSON_AddItemToObject(e, "geometry", shape(&t->shape));
        cJSON_AddItemToArray(tools, e);
    }
    cJSON *uf = cJSON_AddArrayToObject(o, "user_frames");
    for (int i = 0; i < r->nuframe; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "number", r->uframe[i].number);
        cJSON_AddItemToObject(e, "pose", pose(r->uframe[i].pose));
        cJSON_AddItemToArray(uf, e);
    }
    cJSON_AddItemToObject(o, "accuracy", numbers(r->accuracy, CT_CELL_ACCURACY_LEVELS, 1e3));
    if (r->payload.mass > 0) {
        cJSON *pl = cJSON_AddObjectToObject(o, "payload");
        cJSON_AddNumberToObject(pl, "mass", r->payload.mass);
        cJSON_AddItemToObject(pl, "com", vec_mm(r->payload.com));
        cJSON_AddItemToObject(pl, "inertia", numbers(r->payload.inertia, 6, 1.0));
    }
    if (r->nvel) cJSON_AddItemToObject(o, "velocity_limits", joints(r, r->vel_limits, r->nvel));
    if (r->nacc) cJSON_AddItemToObject(o, "acceleration_limits", joints(r, r->acc_limits, r->nacc));
    if (r->nhome) cJSON_AddItemToObject(o, "home", joints(r, r->home, r->nhome));
    cJSON *pr = cJSON_AddArrayToObject(o, "programs");
    for (int i = 0; i < r->nprogram; i++) cJSON_AddItemToArray(pr, cJSON_CreateString(r->program_file[i]));
    if (r->has_io) cJSON_AddItemToObject(o, "io", io(&r->io));
    return o;
}

static cJSON *to_json(const ct_cell *cell) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "celltwin-cell");
    cJSON_AddNumberToObject(root, "version", CT_CELL_VERSION);
    cJSON_AddStringToObject(root, "name", cell->name);
    if (cell->description) cJSON_AddStringToObject(root, "description", cell->description);
    cJSON_AddNumberToObject(root, "clearance", tidy(cell->clearance * 1e3));
    cJSON_AddItemToObject(root, "io", io(&cell->io));
    cJSON *robots = cJSON_AddArrayToObject(root, "robots");
    for (int i = 0; i < cell->nrobot; i++) cJSON_AddItemToArray(robots, robot(&cell->robot[i]));
    cJSON *objs = cJSON_AddArrayToObject(root, "objects");
    for (int i = 0; i < cell->nobject; i++) {
        const ct_cell_object *ob = &cell->object[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "name", ob->name);
        cJSON_AddStringToObject(e, "group", ct_cell_group_name(ob->group));
        cJSON_AddItemToObject(e, "pose", pose(ob->pose));
        cJSON_AddItemToObject(e, "geometry", shape(&ob->shape));
        cJSON_AddItemToArray(objs, e);
    }
    cJSON *parts = cJSON_AddArrayToObject(root, "attached_parts");
    for (int i = 0; i < cell->npart; i++) {
        const ct_cell_part *pt = &cell->part[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "name", pt->name);
        cJSON_AddStringToObject(e, "robot", cell->robot[pt->robot].name);
        cJSON_AddNumberToObject(e, "tool", pt->tool);
        cJSON_AddItemToObject(e, "pose", pose(pt->pose));
        cJSON_AddItemToObject(e, "geometry", shape(&pt->shape));
        cJSON_AddItemToArray(parts, e);
    }
    cJSON *allowed = cJSON_AddArrayToObject(root, "allowed_contacts");
    for (int i = 0; i < cell->nallowed; i++) {
        const char *ab[2] = {cell->allowed[i].a, cell->allowed[i].b};
        cJSON_AddItemToArray(allowed, cJSON_CreateStringArray(ab, 2));
    }
    cJSON *clear = cJSON_AddArrayToObject(root, "clearance_pairs");
    for (int i = 0; i < cell->nclear; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "a", cell->clear[i].a);
        cJSON_AddStringToObject(e, "b", cell->clear[i].b);
        cJSON_AddNumberToObject(e, "distance", tidy(cell->clear[i].clearance * 1e3));
        cJSON_AddItemToArray(clear, e);
    }
    return root;
}

ct_status ct_cell_to_json(const ct_cell *cell, char **text, ct_error *err) {
    *text = NULL;
    cJSON *root = to_json(cell);
    char *s = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!s) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory writing the cell");
    size_t n = strlen(s);
    *text = ct_alloc(n + 2);
    if (*text) {
        memcpy(*text, s, n);
        (*text)[n] = '\n';
        (*text)[n + 1] = 0;
    }
    cJSON_free(s);
    return *text ? CT_OK : ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory writing the cell");
}

ct_status ct_cell_save(const ct_cell *cell, const char *path, ct_error *err) {
    char *text;
    ct_status s = ct_cell_to_json(cell, &text, err);
    if (s != CT_OK) return s;
    size_t n = strlen(path);
    char *tmp = ct_alloc(n + 32);
    if (!tmp) { ct_free(text); return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory"); }
    snprintf(tmp, n + 32, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    size_t len = strlen(text);
    int ok = f && fwrite(text, 1, len, f) == len;
    if (f && fclose(f) != 0) ok = 0;
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (!ok) remove(tmp);
    ct_free(tmp);
    ct_free(text);
    return ok ? CT_OK : ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot write cell file");
}
