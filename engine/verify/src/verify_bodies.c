/* Bodies of a cell for verification: each robot link with collision geometry, the robot's tool
 * and carried parts (rigidly on the tip link), and every static object. Shapes become collision
 * shapes (meshes with a BVH; URDF/cell cylinders as the capsules that enclose them, which keeps a
 * "clear" verdict sound). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/kin.h"
#include "verify_internal.h"

/* Collision mesh of a ct_mesh, shared by every shape that uses the same mesh. */
static const ct_col_mesh *col_mesh_of(vf_context *c, const ct_mesh *m, const void *key, ct_error *err) {
    for (int i = 0; i < c->nmesh; i++)
        if (c->mesh_key[i] == key) return c->mesh[i];
    ct_col_mesh *cm = NULL;
    if (ct_col_mesh_create(m->vert, m->nvert, m->tri, m->ntri, &cm, err) != CT_OK) return NULL;
    if (c->nmesh == c->mesh_cap) {
        int cap = c->mesh_cap ? 2 * c->mesh_cap : 16;
        ct_col_mesh **grown = ct_realloc(c->mesh, sizeof(*grown) * (size_t)cap);
        const void **keys = grown ? ct_realloc(c->mesh_key, sizeof(*keys) * (size_t)cap) : NULL;
        if (grown) c->mesh = grown;
        if (!grown || !keys) { ct_col_mesh_destroy(cm); return NULL; }
        c->mesh_key = keys;
        c->mesh_cap = cap;
    }
    c->mesh_key[c->nmesh] = key;
    c->mesh[c->nmesh++] = cm;
    return cm;
}

static vf_body *add_body(vf_context *c, const char *name, int robot, int link) {
    vf_body *grown = ct_realloc(c->body, sizeof(vf_body) * (size_t)(c->nbody + 1));
    if (!grown) return NULL;
    c->body = grown;
    vf_body *b = &c->body[c->nbody++];
    memset(b, 0, sizeof *b);
    snprintf(b->name, sizeof b->name, "%s", name);
    b->robot = robot;
    b->link = link;
    return b;
}

static int add_shape(vf_body *b, ct_col_shape shape, ct_xform offset) {
    vf_shape *grown = ct_realloc(b->shape, sizeof(vf_shape) * (size_t)(b->nshape + 1));
    if (!grown) return 0;
    b->shape = grown;
    b->shape[b->nshape].shape = shape;
    b->shape[b->nshape].offset = offset;
    b->nshape++;
    double ext = ct_v3_norm(offset.p) + ct_col_shape_radius(&shape);
    if (ext > b->extent) b->extent = ext;
    b->radius = b->extent;
    return 1;
}

/* A cell shape (object, tool, part) as a collision shape; offset is the shape frame in the body. */
static ct_status add_cell_shape(vf_context *c, vf_body *b, const ct_cell_shape *s, ct_xform owner, ct_error *err) {
    ct_xform offset = ct_xf_mul(owner, s->origin);
    ct_col_shape shape;
    switch (s->kind) {
    case CT_CELL_SHAPE_MESH: {
        if (!s->mesh) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "%s: mesh not loaded", b->name);
        const ct_col_mesh *cm = col_mesh_of(c, s->mesh, s->mesh, err);
        if (!cm) return err && err->code ? err->code : CT_ERR_NO_MEMORY;
        shape = ct_col_mesh_shape(cm);
        break;
    }
    case CT_CELL_SHAPE_BOX: shape = ct_col_box(s->size[0], s->size[1], s->size[2]); break;
    case CT_CELL_SHAPE_CYLINDER: shape = ct_col_capsule(s->radius, s->length); break;
    case CT_CELL_SHAPE_SPHERE: shape = ct_col_sphere(s->radius); break;
    default: return CT_OK;
    }
    return add_shape(b, shape, offset) ? CT_OK : ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
}

/* The robot's collision shapes on one link. */
static ct_status add_link_shapes(vf_context *c, vf_body *b, const ct_robot *r, int link, ct_error *err) {
    for (int s = 0; s < r->nshape; s++) {
        const ct_robot_shape *rs = &r->shape[s];
        if (rs->visual || rs->link != link) continue;
        ct_col_shape shape;
        switch (rs->type) {
        case CT_GEOM_MESH: {
            const ct_col_mesh *cm = col_mesh_of(c, rs->mesh, rs->mesh, err);
            if (!cm) return err && err->code ? err->code : CT_ERR_NO_MEMORY;
            shape = ct_col_mesh_shape(cm);
            break;
        }
        case CT_GEOM_BOX: shape = ct_col_box(rs->size[0], rs->size[1], rs->size[2]); break;
        case CT_GEOM_CYLINDER: shape = ct_col_capsule(rs->radius, rs->length); break;
        default: shape = ct_col_sphere(rs->radius); break;
        }
        if (!add_shape(b, shape, rs->origin)) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    return CT_OK;
}

ct_status vf_build_bodies(vf_context *c, ct_error *err) {
    const ct_cell *cell = c->cell;
    char name[128];
    for (int i = 0; i < cell->nrobot; i++) {
        const ct_cell_robot *cr = &cell->robot[i];
        const ct_robot *r = c->robot[i].robot;
        for (int l = 0; l < r->nlink; l++) {
            int has = 0;
            for (int s = 0; s < r->nshape; s++) has |= !r->shape[s].visual && r->shape[s].link == l;
            if (!has) continue;
            snprintf(name, sizeof name, "%.60s/%.60s", cr->name, r->link_name[l]);
            vf_body *b = add_body(c, name, i, l);
            if (!b) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
            ct_status st = add_link_shapes(c, b, r, l, err);
            if (st != CT_OK) return st;
        }
        /* tool and parts ride on the tip link */
        const ct_cell_tool *tool = ct_cell_carried_tool(cr);
        double carried = 0;
        if (tool) {
            snprintf(name, sizeof name, "%.100s/tool", cr->name);
            vf_body *b = add_body(c, name, i, r->tip_link);
            if (!b) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
            b->is_tool = 1;
            ct_status st = add_cell_shape(c, b, &tool->shape, ct_xf_identity(), err);
            if (st != CT_OK) return st;
            carried = fmax(carried, b->extent);
        }
        for (int p = 0; p < cell->npart; p++) {
            const ct_cell_part *part = &cell->part[p];
            if (part->robot != i) continue;
            ct_xform tcp = ct_xf_identity();
            for (int t = 0; t < cr->ntool; t++)
                if (cr->tool[t].number == part->tool) tcp = cr->tool[t].tcp;
            vf_body *b = add_body(c, part->name, i, r->tip_link);
            if (!b) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
            b->is_tool = 1;
            ct_status st = add_cell_shape(c, b, &part->shape, ct_xf_mul(tcp, part->pose), err);
            if (st != CT_OK) return st;
            carried = fmax(carried, b->extent);
        }
        if (carried > 0) {
            ct_status st = ct_link_bounds_include(r, &c->robot[i].bounds, r->tip_link, carried, err);
            if (st != CT_OK) return st;
        }
    }
    for (int o = 0; o < cell->nobject; o++) {
        const ct_cell_object *obj = &cell->object[o];
        vf_body *b = add_body(c, obj->name, -1, -1);
        if (!b) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
        ct_status st = add_cell_shape(c, b, &obj->shape, obj->pose, err);
        if (st != CT_OK) return st;
    }
    return CT_OK;
}

void vf_free_bodies(vf_context *c) {
    for (int b = 0; b < c->nbody; b++) ct_free(c->body[b].shape);
    ct_free(c->body);
    for (int m = 0; m < c->nmesh; m++) ct_col_mesh_destroy(c->mesh[m]);
    ct_free(c->mesh);
    ct_free(c->mesh_key);
    c->mesh_key = NULL;
    c->body = NULL;
    c->mesh = NULL;
    c->nbody = c->nmesh = c->mesh_cap = 0;
}

ct_xform vf_body_pose(const vf_context *c, int body, double t) {
    const vf_body *b = &c->body[body];
    if (b->robot < 0) return ct_xf_identity(); /* static shapes carry their pose in the offset */
    const vf_robot_state *rs = &c->robot[b->robot];
    double q[CT_ROBOT_MAX_DOF];
    if (rs->traj) ct_traj_eval(rs->traj, t, q, NULL);
    else memcpy(q, rs->home, sizeof q);
    return ct_xf_mul(rs->world_from_root, ct_kin_link_pose(rs->robot, q, b->link));
}
