/* Building a robot's collision model: per-link bodies (merged BVH mesh + spheres), enclosing
 * capsule proxies, the self-pair table (same body / adjacent / touching at the zero pose) and
 * environment objects. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "celltwin/collide_robot.h"
#include "celltwin/kin.h"

typedef struct fbuf { float *v; int n, cap; } fbuf;   /* growable float triples */
typedef struct ibuf { int *v; int n, cap; } ibuf;     /* growable int triples */

static int fpush(fbuf *b, ct_vec3 p) {
    if (b->n == b->cap) {
        int cap = b->cap ? 2 * b->cap : 256;
        float *v = ct_realloc(b->v, sizeof(float) * 3 * (size_t)cap);
        if (!v) return 0;
        b->v = v; b->cap = cap;
    }
    b->v[3 * b->n] = (float)p.x; b->v[3 * b->n + 1] = (float)p.y; b->v[3 * b->n + 2] = (float)p.z;
    b->n++;
    return 1;
}
static int ipush(ibuf *b, int i, int j, int k) {
    if (b->n == b->cap) {
        int cap = b->cap ? 2 * b->cap : 256;
        int *v = ct_realloc(b->v, sizeof(int) * 3 * (size_t)cap);
        if (!v) return 0;
        b->v = v; b->cap = cap;
    }
    b->v[3 * b->n] = i; b->v[3 * b->n + 1] = j; b->v[3 * b->n + 2] = k;
    b->n++;
    return 1;
}

/* Appends one URDF collision shape (not a sphere) to the merged mesh, in the link frame. */
static int add_shape_tris(const ct_robot_shape *s, fbuf *vb, ibuf *tb) {
    int base = vb->n, ok = 1;
    if (s->type == CT_GEOM_MESH) {
        const ct_mesh *m = s->mesh;
        for (int i = 0; i < m->nvert && ok; i++)
            ok = fpush(vb, ct_xf_apply(s->origin, ct_v3(m->vert[3 * i], m->vert[3 * i + 1], m->vert[3 * i + 2])));
        for (int t = 0; t < m->ntri && ok; t++)
            ok = ipush(tb, base + m->tri[3 * t], base + m->tri[3 * t + 1], base + m->tri[3 * t + 2]);
    } else if (s->type == CT_GEOM_BOX) {
        static const int f[6][4] = {{0, 2, 6, 4}, {1, 5, 7, 3}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 6, 7, 5}};
        for (int i = 0; i < 8 && ok; i++) {
            ct_vec3 c = ct_v3((i & 1 ? 0.5 : -0.5) * s->size[0], (i & 2 ? 0.5 : -0.5) * s->size[1],
                              (i & 4 ? 0.5 : -0.5) * s->size[2]);
            ok = fpush(vb, ct_xf_apply(s->origin, c));
        }
        for (int k = 0; k < 6 && ok; k++)
            ok = ipush(tb, base + f[k][0], base + f[k][1], base + f[k][2]) &&
                 ipush(tb, base + f[k][0], base + f[k][2], base + f[k][3]);
    } else if (s->type == CT_GEOM_CYLINDER) {
        /* circumscribed prism: its polygon's edges touch the circle, so it encloses the cylinder */
        const int n = CT_COL_CYLINDER_SIDES;
        double rr = s->radius / cos(CT_PI / n), h = 0.5 * s->length;
        for (int i = 0; i < n && ok; i++) {
            double a = 2 * CT_PI * i / n;
            ok = fpush(vb, ct_xf_apply(s->origin, ct_v3(rr * cos(a), rr * sin(a), -h))) &&
                 fpush(vb, ct_xf_apply(s->origin, ct_v3(rr * cos(a), rr * sin(a), h)));
        }
        for (int i = 0; i < n && ok; i++) {
            int j = (i + 1) % n;
            ok = ipush(tb, base + 2 * i, base + 2 * j, base + 2 * j + 1) &&
                 ipush(tb, base + 2 * i, base + 2 * j + 1, base + 2 * i + 1);
        }
        for (int i = 1; i + 1 < n && ok; i++)
            ok = ipush(tb, base, base + 2 * (i + 1), base + 2 * i) &&
                 ipush(tb, base + 1, base + 2 * i + 1, base + 2 * (i + 1) + 1);
    }
    return ok;
}

/* Capsule enclosing points pts (n x 3) and spheres (centre, radius): along the longest axis of
 * their bounding box, radius the largest distance to the segment, rounded up. */
static ct_capsule_f enclosing_capsule(const float *pts, int n, const ct_vec3 *sc, const double *sr, int ns) {
    double lo[3] = {DBL_MAX, DBL_MAX, DBL_MAX}, hi[3] = {-DBL_MAX, -DBL_MAX, -DBL_MAX};
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 3; k++) { lo[k] = fmin(lo[k], pts[3 * i + k]); hi[k] = fmax(hi[k], pts[3 * i + k]); }
    for (int i = 0; i < ns; i++) {
        double c[3] = {sc[i].x, sc[i].y, sc[i].z};
        for (int k = 0; k < 3; k++) { lo[k] = fmin(lo[k], c[k] - sr[i]); hi[k] = fmax(hi[k], c[k] + sr[i]); }
    }
    int ax = 0;
    for (int k = 1; k < 3; k++)
        if (hi[k] - lo[k] > hi[ax] - lo[ax]) ax = k;
    double p0[3], p1[3];
    for (int k = 0; k < 3; k++) p0[k] = p1[k] = 0.5 * (lo[k] + hi[k]);
    /* shrink the core by the half of the smaller extents so that its caps are not too long */
    double other = 0;
    for (int k = 0; k < 3; k++)
        if (k != ax) other = fmax(other, 0.5 * (hi[k] - lo[k]));
    double half = fmax(0.0, 0.5 * (hi[ax] - lo[ax]) - other);
    p0[ax] -= half;
    p1[ax] += half;
    ct_vec3 a = ct_v3(p0[0], p0[1], p0[2]), b = ct_v3(p1[0], p1[1], p1[2]);
    ct_vec3 ab = ct_v3_sub(b, a);
    double ll = ct_v3_dot(ab, ab), r = 0;
    for (int i = 0; i < n + ns; i++) {
        ct_vec3 p = i < n ? ct_v3(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2]) : sc[i - n];
        double t = ll > 0 ? ct_v3_dot(ct_v3_sub(p, a), ab) / ll : 0;
        t = t < 0 ? 0 : (t > 1 ? 1 : t);
        double d = ct_v3_norm(ct_v3_sub(p, ct_v3_madd(a, ab, t))) + (i < n ? 0 : sr[i - n]);
        r = fmax(r, d);
    }
    ct_capsule_f c;
    c.p0 = ct_v3f_make((float)a.x, (float)a.y, (float)a.z);
    c.p1 = ct_v3f_make((float)b.x, (float)b.y, (float)b.z);
    c.r = (float)(r * (1 + 1e-5) + 1e-6);   /* covers rounding of the float core */
    return c;
}

static ct_status build_body(const ct_robot *r, int link, ct_col_body *b, ct_error *err) {
    fbuf vb = {0};
    ibuf tb = {0};
    int nsph = 0, ok = 1;
    for (int i = 0; i < r->nshape; i++) {
        const ct_robot_shape *s = &r->shape[i];
        if (s->visual || s->link != link) continue;
        if (s->type == CT_GEOM_SPHERE) nsph++;
        else ok = ok && add_shape_tris(s, &vb, &tb);
    }
    int nshape = nsph + (tb.n > 0);
    b->link = link;
    b->shape = ct_alloc(sizeof(ct_col_shape) * (size_t)nshape);
    b->shape_pose = ct_alloc(sizeof(ct_xform) * (size_t)nshape);
    ct_vec3 *sc = ct_alloc(sizeof(ct_vec3) * (size_t)(nsph + 1));
    double *sr = ct_alloc(sizeof(double) * (size_t)(nsph + 1));
    ct_status st = CT_OK;
    if (!ok || !b->shape || !b->shape_pose || !sc || !sr) {
        st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory building collision bodies");
        goto done;
    }
    int k = 0;
    if (tb.n > 0) {
        st = ct_col_mesh_create(vb.v, vb.n, tb.v, tb.n, &b->mesh, err);
        if (st != CT_OK) {
            ct_error_set(err, st, r->source_path, 0, 0, "link '%s': %s", r->link_name[link], err->message);
            goto done;
        }
        b->shape[k] = ct_col_mesh_shape(b->mesh);
        b->shape_pose[k] = ct_xf_identity();
        k++;
    }
    for (int i = 0; i < r->nshape; i++) {
        const ct_robot_shape *s = &r->shape[i];
        if (s->visual || s->link != link || s->type != CT_GEOM_SPHERE) continue;
        b->shape[k] = ct_col_sphere(s->radius);
        b->shape_pose[k] = s->origin;
        sc[k - (tb.n > 0)] = s->origin.p;
        sr[k - (tb.n > 0)] = s->radius;
        k++;
    }
    b->nshape = nshape;
    b->proxy = enclosing_capsule(vb.v, vb.n, sc, sr, nsph);
done:
    ct_free(vb.v);
    ct_free(tb.v);
    ct_free(sc);
    ct_free(sr);
    return st;
}

/* Nearest ancestor-or-self whose joint moves (or the root): links sharing it are one rigid body. */
static int rigid_root(const ct_robot *r, int link) {
    while (r->link_parent[link] >= 0 && r->link_dof[link] < 0) link = r->link_parent[link];
    return link;
}

/* Overlap of two bodies at given link poses (all shape pairs). */
static int bodies_overlap(const ct_col_body *a, ct_xform la, const ct_col_body *b, ct_xform lb) {
    for (int i = 0; i < a->nshape; i++)
        for (int j = 0; j < b->nshape; j++)
            if (ct_col_overlap(&a->shape[i], ct_xf_mul(la, a->shape_pose[i]), &b->shape[j],
                               ct_xf_mul(lb, b->shape_pose[j]), 0))
                return 1;
    return 0;
}

ct_status ct_col_robot_create(const ct_robot *r, ct_col_robot **out, ct_error *err) {
    *out = NULL;
    ct_col_robot *cr = ct_alloc(sizeof *cr);
    if (!cr) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    cr->robot = r;
    int nb = 0;
    for (int l = 0; l < r->nlink; l++) {
        int has = 0;
        for (int i = 0; i < r->nshape; i++) has |= !r->shape[i].visual && r->shape[i].link == l;
        nb += has;
    }
    cr->body = ct_alloc(sizeof(ct_col_body) * (size_t)(nb ? nb : 1));
    cr->pair_all = ct_alloc(sizeof(ct_col_pair) * (size_t)(nb * nb / 2 + 1));
    cr->pair_a = ct_alloc(sizeof(int) * (size_t)(nb * nb / 2 + 1));
    cr->pair_b = ct_alloc(sizeof(int) * (size_t)(nb * nb / 2 + 1));
    if (!cr->body || !cr->pair_all || !cr->pair_a || !cr->pair_b) {
        ct_col_robot_destroy(cr);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    for (int l = 0; l < r->nlink; l++) {
        int has = 0;
        for (int i = 0; i < r->nshape; i++) has |= !r->shape[i].visual && r->shape[i].link == l;
        if (!has) continue;
        ct_status st = build_body(r, l, &cr->body[cr->nbody], err);
        cr->nbody++;
        if (st != CT_OK) {
            ct_col_robot_destroy(cr);
            return st;
        }
    }
    /* zero pose: every joint at 0, clamped into its limits */
    double q0[CT_ROBOT_MAX_DOF];
    for (int d = 0; d < r->ndof; d++) q0[d] = fmin(fmax(0.0, r->dof_lower[d]), r->dof_upper[d]);
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    ct_kin_fk(r, q0, pose);
    for (int i = 0; i < cr->nbody; i++)
        for (int j = i + 1; j < cr->nbody; j++) {
            int li = cr->body[i].link, lj = cr->body[j].link;
            int ri = rigid_root(r, li), rj = rigid_root(r, lj);
            ct_col_pair p = {i, j, CT_COL_PAIR_CHECKED};
            if (ri == rj) p.status = CT_COL_PAIR_SAME_BODY;
            else if ((r->link_parent[ri] >= 0 && rigid_root(r, r->link_parent[ri]) == rj) ||
                     (r->link_parent[rj] >= 0 && rigid_root(r, r->link_parent[rj]) == ri))
                p.status = CT_COL_PAIR_ADJACENT;
            else if (bodies_overlap(&cr->body[i], pose[li], &cr->body[j], pose[lj]))
                p.status = CT_COL_PAIR_TOUCH_AT_ZERO;
            cr->pair_all[cr->npair_all++] = p;
            if (p.status == CT_COL_PAIR_CHECKED) {
                cr->pair_a[cr->npair] = i;
                cr->pair_b[cr->npair] = j;
                cr->npair++;
            }
        }
    *out = cr;
    return CT_OK;
}

void ct_col_robot_destroy(ct_col_robot *cr) {
    if (!cr) return;
    for (int i = 0; i < cr->nbody; i++) {
        ct_free(cr->body[i].shape);
        ct_free(cr->body[i].shape_pose);
        ct_col_mesh_destroy(cr->body[i].mesh);
    }
    for (int i = 0; i < cr->nobj; i++) {
        ct_free(cr->obj[i].name);
        ct_col_mesh_destroy(cr->obj[i].mesh);
    }
    ct_free(cr->obj);
    ct_free(cr->body);
    ct_free(cr->pair_all);
    ct_free(cr->pair_a);
    ct_free(cr->pair_b);
    ct_free(cr);
}

static ct_col_object *new_object(ct_col_robot *cr, const char *name, ct_error *err) {
    if (cr->nobj == cr->cap_obj) {
        int cap = cr->cap_obj ? 2 * cr->cap_obj : 8;
        ct_col_object *o = ct_realloc(cr->obj, sizeof(ct_col_object) * (size_t)cap);
        if (!o) { ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory"); return NULL; }
        cr->obj = o;
        cr->cap_obj = cap;
    }
    ct_col_object *o = &cr->obj[cr->nobj];
    memset(o, 0, sizeof *o);
    o->name = ct_strdup(name ? name : "object");
    if (!o->name) { ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory"); return NULL; }
    return o;
}

ct_status ct_col_robot_add_mesh(ct_col_robot *cr, const char *name, const ct_mesh *mesh, ct_xform pose,
                                ct_error *err) {
    ct_col_object *o = new_object(cr, name, err);
    if (!o) return err ? err->code : CT_ERR_NO_MEMORY;
    ct_status st = ct_col_mesh_create(mesh->vert, mesh->nvert, mesh->tri, mesh->ntri, &o->mesh, err);
    if (st != CT_OK) {
        ct_free(o->name);
        return st;
    }
    o->shape = ct_col_mesh_shape(o->mesh);
    o->pose = pose;
    cr->nobj++;
    return CT_OK;
}

ct_status ct_col_robot_add_shape(ct_col_robot *cr, const char *name, const ct_col_shape *shape, ct_xform pose,
                                 ct_error *err) {
    ct_col_object *o = new_object(cr, name, err);
    if (!o) return err ? err->code : CT_ERR_NO_MEMORY;
    o->shape = *shape;
    o->pose = pose;
    cr->nobj++;
    return CT_OK;
}

const char *ct_col_robot_body_name(const ct_col_robot *cr, int body) {
    return cr->robot->link_name[cr->body[body].link];
}

const char *ct_col_pair_status_name(ct_col_pair_status s) {
    switch (s) {
    case CT_COL_PAIR_CHECKED: return "checked";
    case CT_COL_PAIR_SAME_BODY: return "excluded: same rigid body";
    case CT_COL_PAIR_ADJACENT: return "excluded: adjacent";
    case CT_COL_PAIR_TOUCH_AT_ZERO: return "excluded: touching at the zero pose";
    }
    return "?";
}
