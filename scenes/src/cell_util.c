/* Cell helpers: defaults, group names, pose conversion at the file edge, lookups, destroy. */
#include <math.h>
#include <string.h>

#include "cell_internal.h"

ct_cell_def ct_cell_default_def(void) {
    ct_cell_def d;
    memset(&d, 0, sizeof d);
    d.robot_meshes = CT_MESHES_COLLISION;
    d.load_meshes = 1;
    d.check_programs = 1;
    d.strict = 0;
    d.max_errors = 20;
    d.internal_value = 0x43454c4c;
    return d;
}

const char *ct_cell_group_name(ct_cell_group g) {
    static const char *const names[CT_CELL_GROUP_COUNT] = {"fixture", "part", "car_body", "fence", "conveyor", "other"};
    return (int)g >= 0 && g < CT_CELL_GROUP_COUNT ? names[g] : "?";
}

ct_xform ct_cell_pose_from_user(const double v[6]) {
    double si[6] = {v[0] * 1e-3, v[1] * 1e-3, v[2] * 1e-3, v[3] * CT_DEG, v[4] * CT_DEG, v[5] * CT_DEG};
    return ct_xf_from_xyzrpy(si);
}

void ct_cell_pose_to_user(ct_xform t, double v[6]) {
    double r, p, y;
    ct_m3_to_rpy(t.R, &r, &p, &y);
    v[0] = t.p.x * 1e3;
    v[1] = t.p.y * 1e3;
    v[2] = t.p.z * 1e3;
    v[3] = r / CT_DEG;
    v[4] = p / CT_DEG;
    v[5] = y / CT_DEG;
}

void ct_cell_shape_free(ct_cell_shape *s) {
    ct_free(s->mesh_file);
    ct_free(s->mesh_path);
    ct_mesh_free(s->mesh);
    s->mesh_file = s->mesh_path = NULL;
    s->mesh = NULL;
}

static void free_pairs(ct_cell_pair *p, int n) {
    for (int i = 0; i < n; i++) {
        ct_free(p[i].a);
        ct_free(p[i].b);
    }
    ct_free(p);
}

void ct_cell_destroy(ct_cell *cell) {
    if (!cell) return;
    for (int i = 0; i < cell->nrobot; i++) {
        ct_cell_robot *r = &cell->robot[i];
        ct_free(r->name);
        ct_free(r->urdf_file);
        ct_free(r->urdf_path);
        ct_free(r->tip);
        for (int k = 0; k < r->ntool; k++) {
            ct_free(r->tool[k].name);
            ct_cell_shape_free(&r->tool[k].shape);
        }
        ct_free(r->tool);
        ct_free(r->uframe);
        ct_free(r->vel_limits);
        ct_free(r->acc_limits);
        ct_free(r->home);
        for (int k = 0; k < r->nprogram; k++) {
            ct_free(r->program_file[k]);
            if (r->program_path) ct_free(r->program_path[k]);
        }
        ct_free(r->program_file);
        ct_free(r->program_path);
        ct_free(r->io.input);
        ct_robot_destroy(r->robot);
    }
    ct_free(cell->robot);
    for (int i = 0; i < cell->nobject; i++) {
        ct_free(cell->object[i].name);
        ct_cell_shape_free(&cell->object[i].shape);
    }
    ct_free(cell->object);
    for (int i = 0; i < cell->npart; i++) {
        ct_free(cell->part[i].name);
        ct_cell_shape_free(&cell->part[i].shape);
    }
    ct_free(cell->part);
    free_pairs(cell->allowed, cell->nallowed);
    free_pairs(cell->clear, cell->nclear);
    ct_free(cell->io.input);
    ct_free(cell->name);
    ct_free(cell->description);
    ct_free(cell->source_path);
    ct_free(cell);
}

int ct_cell_find_robot(const ct_cell *cell, const char *name) {
    for (int i = 0; i < cell->nrobot; i++)
        if (cell->robot[i].name && !strcmp(cell->robot[i].name, name)) return i;
    return -1;
}

int ct_cell_find_object(const ct_cell *cell, const char *name) {
    for (int i = 0; i < cell->nobject; i++)
        if (cell->object[i].name && !strcmp(cell->object[i].name, name)) return i;
    return -1;
}

const ct_cell_tool *ct_cell_carried_tool(const ct_cell_robot *r) {
    const ct_cell_tool *best = NULL;
    for (int t = 0; t < r->ntool; t++)
        if (r->tool[t].shape.kind != CT_CELL_SHAPE_NONE && (!best || r->tool[t].number < best->number))
            best = &r->tool[t];
    return best;
}

const ct_cell_tool *ct_cell_robot_tool(const ct_cell_robot *r, int number) {
    for (int i = 0; i < r->ntool; i++)
        if (r->tool[i].number == number) return &r->tool[i];
    return NULL;
}

const ct_cell_uframe *ct_cell_robot_uframe(const ct_cell_robot *r, int number) {
    for (int i = 0; i < r->nuframe; i++)
        if (r->uframe[i].number == number) return &r->uframe[i];
    return NULL;
}

/* 1 when pattern names body: equal, or pattern is a robot name and body is "robot/...". */
static int covers(const char *pattern, const char *body) {
    size_t n = strlen(pattern);
    if (strncmp(pattern, body, n) != 0) return 0;
    return body[n] == 0 || (body[n] == '/' && !strchr(pattern, '/'));
}

static int pair_matches(const ct_cell_pair *p, const char *a, const char *b) {
    return (covers(p->a, a) && covers(p->b, b)) || (covers(p->a, b) && covers(p->b, a));
}

double ct_cell_clearance_for(const ct_cell *cell, const char *a, const char *b) {
    for (int i = 0; i < cell->nclear; i++)
        if (pair_matches(&cell->clear[i], a, b)) return cell->clear[i].clearance;
    return cell->clearance;
}

int ct_cell_contact_allowed(const ct_cell *cell, const char *a, const char *b) {
    for (int i = 0; i < cell->nallowed; i++)
        if (pair_matches(&cell->allowed[i], a, b)) return 1;
    return 0;
}
