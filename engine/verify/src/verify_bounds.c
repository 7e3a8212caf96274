/* Per-link speed bounds for conservative advancement: radius of each link's geometry about its
 * frame origin, and, per dof, an upper bound of the lever arm from the dof's axis to any point of
 * each link it moves (the sum of the link offsets along the chain plus the link radius). */
#include <math.h>
#include <string.h>

#include "celltwin/verify_bounds.h"

/* Largest distance from the link origin to the points of one shape (shape frame in link frame). */
static double shape_radius(const ct_robot_shape *s) {
    double local = 0;
    switch (s->type) {
    case CT_GEOM_BOX:
        local = 0.5 * sqrt(s->size[0] * s->size[0] + s->size[1] * s->size[1] + s->size[2] * s->size[2]);
        break;
    case CT_GEOM_CYLINDER:
        local = sqrt(s->radius * s->radius + 0.25 * s->length * s->length);
        break;
    case CT_GEOM_SPHERE:
        local = s->radius;
        break;
    case CT_GEOM_MESH: {
        /* exact: farthest vertex from the link origin */
        double best = 0;
        const ct_mesh *m = s->mesh;
        for (int v = 0; m && v < m->nvert; v++) {
            ct_vec3 x = ct_xf_apply(s->origin, ct_v3(m->vert[3 * v], m->vert[3 * v + 1], m->vert[3 * v + 2]));
            double d = ct_v3_norm(x);
            if (d > best) best = d;
        }
        /* float vertices: widen by a relative 1e-6 so the bound stays above the true geometry */
        return best * (1 + 1e-6) + 1e-9;
    }
    }
    return ct_v3_norm(s->origin.p) + local;
}

/* Levers from the radii: for link i and each ancestor joint k (link k driven by dof d), the
 * distance from k's origin (on its axis) to any point of i is at most the sum of the offsets of the
 * links between them, plus prismatic travel, plus i's radius. */
static ct_status compute_levers(const ct_robot *r, ct_link_bounds *b, ct_error *err) {
    memset(b->lever, 0, sizeof(double) * (size_t)r->nlink * (size_t)(r->ndof > 0 ? r->ndof : 1));
    for (int i = 0; i < r->nlink; i++) {
        double reach = b->radius[i]; /* from the origin of the current ancestor to points of i */
        for (int k = i; k > 0; k = r->link_parent[k]) {
            int d = r->link_dof[k];
            if (d >= 0) {
                double mul = fabs(r->link_mimic_mul[k]);
                double lever = r->link_joint_type[k] == CT_JOINT_PRISMATIC ? 1.0 : reach;
                b->lever[(size_t)i * r->ndof + d] += mul * lever;
                if (r->link_joint_type[k] == CT_JOINT_PRISMATIC) {
                    double travel = fmax(fabs(r->dof_lower[d]), fabs(r->dof_upper[d])) * mul +
                                    fabs(r->link_mimic_off[k]);
                    if (!isfinite(travel))
                        return ct_error_set(err, CT_ERR_INVALID, r->source_path, 0, 0,
                                            "prismatic joint '%s' has no finite travel limits", r->dof_name[d]);
                    reach += travel;
                }
            }
            reach += ct_v3_norm(r->link_origin[k].p);
        }
    }
    return CT_OK;
}

ct_status ct_link_bounds_create(const ct_robot *r, ct_link_bounds *b, ct_error *err) {
    memset(b, 0, sizeof *b);
    b->nlink = r->nlink;
    b->ndof = r->ndof;
    b->radius = ct_alloc(sizeof(double) * (size_t)r->nlink);
    b->lever = ct_alloc(sizeof(double) * (size_t)r->nlink * (size_t)(r->ndof > 0 ? r->ndof : 1));
    if (!b->radius || !b->lever) {
        ct_link_bounds_destroy(b);
        return ct_error_set(err, CT_ERR_NO_MEMORY, r->source_path, 0, 0, "out of memory");
    }
    for (int s = 0; s < r->nshape; s++) {
        if (r->shape[s].visual) continue;
        double rad = shape_radius(&r->shape[s]);
        if (rad > b->radius[r->shape[s].link]) b->radius[r->shape[s].link] = rad;
    }
    ct_status st = compute_levers(r, b, err);
    if (st != CT_OK) ct_link_bounds_destroy(b);
    return st;
}

ct_status ct_link_bounds_include(const ct_robot *r, ct_link_bounds *b, int link, double radius, ct_error *err) {
    if (radius > b->radius[link]) b->radius[link] = radius;
    return compute_levers(r, b, err);
}

void ct_link_bounds_destroy(ct_link_bounds *b) {
    ct_free(b->radius);
    ct_free(b->lever);
    memset(b, 0, sizeof *b);
}

double ct_link_speed_bound(const ct_link_bounds *b, int link, const double *qd_bound) {
    double v = 0;
    const double *lever = b->lever + (size_t)link * b->ndof;
    for (int d = 0; d < b->ndof; d++) v += lever[d] * fabs(qd_bound[d]);
    return v;
}
