/* Pose checks of cell robots against the whole cell for `bench verify` (bench_verify_check.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_verify_check.h"
#include "celltwin/kin.h"

/* Collision mesh of a cell mesh, shared between the robots. */
static const ct_col_mesh *mesh_of(bvc_cell *c, const ct_mesh *m, ct_error *err) {
    for (int i = 0; i < c->nmesh; i++)
        if (c->mesh_key[i] == m) return c->mesh[i];
    ct_col_mesh *cm = NULL;
    if (ct_col_mesh_create(m->vert, m->nvert, m->tri, m->ntri, &cm, err) != CT_OK) return NULL;
    ct_col_mesh **grown = realloc(c->mesh, sizeof(*grown) * (size_t)(c->nmesh + 1));
    const void **keys = grown ? realloc(c->mesh_key, sizeof(*keys) * (size_t)(c->nmesh + 1)) : NULL;
    if (grown) c->mesh = grown;
    if (!keys) { ct_col_mesh_destroy(cm); return NULL; }
    c->mesh_key = keys;
    c->mesh_key[c->nmesh] = m;
    c->mesh[c->nmesh++] = cm;
    return cm;
}

/* A cell shape as a collision shape (cylinders as their enclosing capsules, as the verifier);
 * returns 0 for NONE or failure. */
static int cell_shape(bvc_cell *c, const ct_cell_shape *s, ct_col_shape *out, ct_error *err) {
    switch (s->kind) {
    case CT_CELL_SHAPE_MESH: {
        const ct_col_mesh *cm = s->mesh ? mesh_of(c, s->mesh, err) : NULL;
        if (!cm) return 0;
        *out = ct_col_mesh_shape(cm);
        return 1;
    }
    case CT_CELL_SHAPE_BOX: *out = ct_col_box(s->size[0], s->size[1], s->size[2]); return 1;
    case CT_CELL_SHAPE_CYLINDER: *out = ct_col_capsule(s->radius, s->length); return 1;
    case CT_CELL_SHAPE_SPHERE: *out = ct_col_sphere(s->radius); return 1;
    default: return 0;
    }
}

static int shape_tris(const ct_col_shape *s) { return s->type == CT_COL_MESH ? s->mesh->ntri : s->type == CT_COL_BOX ? 12 : 0; }

/* Tool (lowest-numbered with geometry, as the verifier) and parts of robot i. */
static ct_status add_carried(bvc_cell *c, int i, ct_error *err) {
    const ct_cell *cell = c->cell;
    const ct_cell_robot *cr = &cell->robot[i];
    bvc_robot *r = &c->robot[i];
    const ct_cell_tool *tool = ct_cell_carried_tool(cr);
    if (tool) {
        if (!cell_shape(c, &tool->shape, &r->carried[r->ncarried], err)) return CT_ERR_INVALID;
        snprintf(r->carried_name[r->ncarried], 128, "%.100s/tool", cr->name);
        r->carried_off[r->ncarried++] = tool->shape.origin;
    }
    for (int p = 0; p < cell->npart; p++) {
        const ct_cell_part *part = &cell->part[p];
        if (part->robot != i) continue;
        if (r->ncarried == BVC_MAX_CARRIED)
            return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "more than %d carried shapes", BVC_MAX_CARRIED);
        ct_xform tcp = ct_xf_identity();
        for (int t = 0; t < cr->ntool; t++)
            if (cr->tool[t].number == part->tool) tcp = cr->tool[t].tcp;
        if (!cell_shape(c, &part->shape, &r->carried[r->ncarried], err)) return CT_ERR_INVALID;
        snprintf(r->carried_name[r->ncarried], 128, "%s", part->name);
        r->carried_off[r->ncarried++] = ct_xf_mul(ct_xf_mul(tcp, part->pose), part->shape.origin);
    }
    return CT_OK;
}

static bvc_item *push_item(bvc_robot *r, const char *name, ct_col_shape shape, ct_xform pose) {
    bvc_item *grown = realloc(r->item, sizeof(bvc_item) * (size_t)(r->nitem + 1));
    if (!grown) return NULL;
    r->item = grown;
    bvc_item *it = &r->item[r->nitem++];
    snprintf(it->name, sizeof it->name, "%s", name);
    it->shape = shape;
    it->pose = pose;
    it->radius = ct_col_shape_radius(&shape);
    return it;
}

/* Every environment shape of robot i: objects, other robots' bodies and carried shapes at home. */
static ct_status build_items(bvc_cell *c, int i, ct_error *err) {
    const ct_cell *cell = c->cell;
    bvc_robot *r = &c->robot[i];
    ct_xform root_from_world = ct_xf_inv(r->world_from_root);
    for (int o = 0; o < cell->nobject; o++) {
        const ct_cell_object *obj = &cell->object[o];
        ct_col_shape s;
        if (!cell_shape(c, &obj->shape, &s, err)) return CT_ERR_INVALID;
        if (!push_item(r, obj->name, s, ct_xf_mul(root_from_world, ct_xf_mul(obj->pose, obj->shape.origin))))
            return CT_ERR_NO_MEMORY;
    }
    for (int j = 0; j < c->nrobot; j++) {
        if (j == i) continue;
        const bvc_robot *o = &c->robot[j];
        ct_xform pose[CT_ROBOT_MAX_LINKS];
        ct_kin_fk(o->robot, o->home, pose);
        ct_xform rel = ct_xf_mul(root_from_world, o->world_from_root);
        char name[128];
        for (int b = 0; b < o->cr->nbody; b++) {
            const ct_col_body *body = &o->cr->body[b];
            snprintf(name, sizeof name, "%.60s/%.60s", cell->robot[j].name, ct_col_robot_body_name(o->cr, b));
            for (int s = 0; s < body->nshape; s++)
                if (!push_item(r, name, body->shape[s], ct_xf_mul(rel, ct_xf_mul(pose[body->link], body->shape_pose[s]))))
                    return CT_ERR_NO_MEMORY;
        }
        for (int k = 0; k < o->ncarried; k++)
            if (!push_item(r, o->carried_name[k], o->carried[k],
                           ct_xf_mul(rel, ct_xf_mul(pose[o->robot->tip_link], o->carried_off[k]))))
                return CT_ERR_NO_MEMORY;
    }
    (void)err;
    return CT_OK;
}

/* Moving joints between two links of one robot. */
static int joints_between(const ct_robot *r, int a, int b) {
    int n = 0;
    while (a != b) {
        if (a > b) { n += r->link_dof[a] >= 0; a = r->link_parent[a]; }
        else { n += r->link_dof[b] >= 0; b = r->link_parent[b]; }
    }
    return n;
}

/* Allowed-contact table, objects into cr, carried-vs-own-link pairs (not adjacent, apart at home). */
static ct_status link_up(bvc_cell *c, int i, ct_error *err) {
    const ct_cell *cell = c->cell;
    bvc_robot *r = &c->robot[i];
    int nb = r->cr->nbody, nrow = nb + r->ncarried;
    r->allow = calloc((size_t)nrow * (size_t)(r->nitem + 1), 1);
    r->in_cr = calloc((size_t)r->nitem + 1, 1);
    r->self_c = malloc(sizeof(int) * (size_t)(nb * r->ncarried + 1));
    r->self_b = malloc(sizeof(int) * (size_t)(nb * r->ncarried + 1));
    if (!r->allow || !r->in_cr || !r->self_c || !r->self_b) return CT_ERR_NO_MEMORY;
    char name[128];
    for (int e = 0; e < r->nitem; e++) {
        int any = 0;
        for (int row = 0; row < nrow; row++) {
            if (row < nb) snprintf(name, sizeof name, "%.60s/%.60s", cell->robot[i].name, ct_col_robot_body_name(r->cr, row));
            else snprintf(name, sizeof name, "%s", r->carried_name[row - nb]);
            int a = ct_cell_contact_allowed(cell, name, r->item[e].name);
            r->allow[(size_t)row * r->nitem + e] = (unsigned char)a;
            any |= a;
        }
        r->env_tris += shape_tris(&r->item[e].shape);
        if (any) continue;
        if (ct_col_robot_add_shape(r->cr, r->item[e].name, &r->item[e].shape, r->item[e].pose, err) != CT_OK)
            return err->code;
        r->in_cr[e] = 1;
    }
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    ct_kin_fk(r->robot, r->home, pose);
    for (int k = 0; k < r->ncarried; k++) {
        ct_xform pc = ct_xf_mul(pose[r->robot->tip_link], r->carried_off[k]);
        for (int b = 0; b < nb; b++) {
            const ct_col_body *body = &r->cr->body[b];
            snprintf(name, sizeof name, "%.60s/%.60s", cell->robot[i].name, ct_col_robot_body_name(r->cr, b));
            if (ct_cell_contact_allowed(cell, name, r->carried_name[k])) continue;
            if (joints_between(r->robot, body->link, r->robot->tip_link) <= 1) continue;
            int touching = 0;
            for (int s = 0; s < body->nshape && !touching; s++)
                touching = ct_col_overlap(&r->carried[k], pc, &body->shape[s], ct_xf_mul(pose[body->link], body->shape_pose[s]), 0);
            if (touching) continue;
            r->self_c[r->nself_carried] = k;
            r->self_b[r->nself_carried++] = b;
        }
    }
    for (int b = 0; b < nb; b++) r->robot_tris += r->cr->body[b].mesh ? r->cr->body[b].mesh->ntri : 0;
    for (int k = 0; k < r->ncarried; k++) r->robot_tris += shape_tris(&r->carried[k]);
    return CT_OK;
}

ct_status bvc_cell_create(const ct_cell *cell, bvc_cell **out, ct_error *err) {
    *out = NULL;
    bvc_cell *c = calloc(1, sizeof *c);
    if (!c) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    c->cell = cell;
    c->robot = calloc((size_t)cell->nrobot + 1, sizeof(bvc_robot));
    if (!c->robot) { free(c); return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory"); }
    c->nrobot = cell->nrobot;
    ct_status st = CT_OK;
    for (int i = 0; i < cell->nrobot && st == CT_OK; i++) {
        bvc_robot *r = &c->robot[i];
        r->robot = cell->robot[i].robot;
        r->world_from_root = ct_xf_mul(cell->robot[i].base, ct_xf_inv(r->robot->base_in_root));
        for (int d = 0; d < r->robot->ndof; d++) r->home[d] = d < cell->robot[i].nhome ? cell->robot[i].home[d] : 0;
        st = ct_col_robot_create(r->robot, &r->cr, err);
        if (st == CT_OK) st = add_carried(c, i, err);
    }
    for (int i = 0; i < cell->nrobot && st == CT_OK; i++) st = build_items(c, i, err);
    for (int i = 0; i < cell->nrobot && st == CT_OK; i++) st = link_up(c, i, err);
    if (st != CT_OK) {
        if (!err->code) ct_error_set(err, st, NULL, 0, 0, "cannot build the cell's collision model");
        bvc_cell_destroy(c);
        return st;
    }
    *out = c;
    return CT_OK;
}

void bvc_cell_destroy(bvc_cell *c) {
    if (!c) return;
    for (int i = 0; i < c->nrobot; i++) {
        bvc_robot *r = &c->robot[i];
        ct_col_robot_destroy(r->cr);
        free(r->item);
        free(r->in_cr);
        free(r->allow);
        free(r->self_c);
        free(r->self_b);
    }
    for (int m = 0; m < c->nmesh; m++) ct_col_mesh_destroy(c->mesh[m]);
    free(c->mesh);
    free(c->mesh_key);
    free(c->robot);
    free(c);
}

/* Lower bound of the distance between two shapes from their bounding spheres (m). */
static double sphere_gap(ct_xform pa, double ra, ct_xform pb, double rb) {
    return ct_v3_norm(ct_v3_sub(pa.p, pb.p)) - ra - rb;
}

/* Runs the pairs beside ct_col_robot_check: objects with allowed contacts against the links they
 * may not touch, carried shapes against every item and the own links. Overlap mode (best == NULL):
 * returns 1 at the first hit. Distance mode: lowers *best (robot-environment pairs only). */
static int extra_pairs(const bvc_robot *r, const double *q, double *best) {
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    ct_kin_fk(r->robot, q, pose);
    int nb = r->cr->nbody;
    for (int e = 0; e < r->nitem; e++) {
        if (r->in_cr[e]) continue;
        const bvc_item *it = &r->item[e];
        for (int b = 0; b < nb; b++) {
            if (r->allow[(size_t)b * r->nitem + e]) continue;
            const ct_col_body *body = &r->cr->body[b];
            for (int s = 0; s < body->nshape; s++) {
                ct_xform ps = ct_xf_mul(pose[body->link], body->shape_pose[s]);
                double gap = sphere_gap(ps, ct_col_shape_radius(&body->shape[s]), it->pose, it->radius);
                if (!best) {
                    if (gap <= 0 && ct_col_overlap(&body->shape[s], ps, &it->shape, it->pose, 0)) return 1;
                } else if (gap < *best) {
                    ct_col_result res;
                    double d = ct_col_distance(&body->shape[s], ps, &it->shape, it->pose, *best, &res);
                    if (d < *best) *best = d;
                }
            }
        }
    }
    for (int k = 0; k < r->ncarried; k++) {
        ct_xform pc = ct_xf_mul(pose[r->robot->tip_link], r->carried_off[k]);
        double rc = ct_col_shape_radius(&r->carried[k]);
        for (int e = 0; e < r->nitem; e++) {
            if (r->allow[(size_t)(nb + k) * r->nitem + e]) continue;
            const bvc_item *it = &r->item[e];
            double gap = sphere_gap(pc, rc, it->pose, it->radius);
            if (!best) {
                if (gap <= 0 && ct_col_overlap(&r->carried[k], pc, &it->shape, it->pose, 0)) return 1;
            } else if (gap < *best) {
                ct_col_result res;
                double d = ct_col_distance(&r->carried[k], pc, &it->shape, it->pose, *best, &res);
                if (d < *best) *best = d;
            }
        }
    }
    if (best) return 0;
    for (int p = 0; p < r->nself_carried; p++) {
        int k = r->self_c[p];
        const ct_col_body *body = &r->cr->body[r->self_b[p]];
        ct_xform pc = ct_xf_mul(pose[r->robot->tip_link], r->carried_off[k]);
        for (int s = 0; s < body->nshape; s++) {
            ct_xform ps = ct_xf_mul(pose[body->link], body->shape_pose[s]);
            if (sphere_gap(pc, ct_col_shape_radius(&r->carried[k]), ps,
                           ct_col_shape_radius(&body->shape[s])) <= 0 &&
                ct_col_overlap(&r->carried[k], pc, &body->shape[s], ps, 0))
                return 1;
        }
    }
    return 0;
}

int bvc_collide(const bvc_robot *r, const double *q) {
    ct_col_check_opts o = ct_col_check_default_opts();
    ct_col_check_result res;
    ct_col_robot_check(r->cr, q, &o, &res);
    if (res.collide) return 1;
    return extra_pairs(r, q, NULL);
}

double bvc_distance(const bvc_robot *r, const double *q) {
    ct_col_check_opts o = ct_col_check_default_opts();
    o.self = 0;
    o.distance = 1;
    ct_col_check_result res;
    ct_col_robot_check(r->cr, q, &o, &res);
    double best = r->cr->nobj ? res.distance : INFINITY;
    if (!(best >= 0)) best = INFINITY;
    extra_pairs(r, q, &best);
    return best;
}
