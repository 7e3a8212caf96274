/* Shape-shape queries: minimum distance with witnesses and conservative overlap, dispatched on
 * the shape types to the float kernels (celltwin/kernels/). Work happens in the frame of one
 * shape (a mesh or box when there is one); results go back to the world frame in double. */
#include <math.h>
#include <string.h>

#include "celltwin/collide.h"
#include "celltwin/kernels/proxy.h"

static int is_core(const ct_col_shape *s) { return s->type == CT_COL_SPHERE || s->type == CT_COL_CAPSULE; }

static ct_bvh_view shape_view(const ct_col_shape *s) {
    if (s->type == CT_COL_MESH) return ct_col_mesh_view(s->mesh);
    ct_bvh_view v;
    v.node = s->box_node;
    v.tri = s->box_tri;
    v.ntri = 12;
    return v;
}

static int tri_id(const ct_col_shape *s, int leaf_index) {
    if (leaf_index < 0) return -1;
    return s->type == CT_COL_MESH ? s->mesh->tri_id[leaf_index] : leaf_index;
}

ct_xff ct_col_relative(ct_xform pa, ct_xform pb) {
    ct_xform r = ct_xf_mul(ct_xf_inv(pa), pb);
    ct_xff x;
    for (int i = 0; i < 9; i++) x.R.m[i] = (float)r.R.m[i];
    x.p = ct_v3f_make((float)r.p.x, (float)r.p.y, (float)r.p.z);
    return x;
}

double ct_col_margin(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb) {
    double d = ct_v3_norm(ct_v3_sub(pb.p, pa.p));
    double ra = ct_col_shape_radius(a), rb = ct_col_shape_radius(b);
    double s = fmax(fmax(ra, rb), fmax(d + rb, d + ra));
    return CT_COL_MARGIN_REL * fmax(s, 1.0);
}

/* The core segment of a sphere/capsule mapped by x. */
static void core_segment(const ct_col_shape *s, ct_xff x, ct_v3f *p, ct_v3f *q) {
    float h = s->type == CT_COL_CAPSULE ? s->half_length : 0.0f;
    *p = ct_xff_apply(x, ct_v3f_make(0, 0, -h));
    *q = ct_xff_apply(x, ct_v3f_make(0, 0, h));
}

static ct_vec3 to_world(ct_xform f, ct_v3f v) { return ct_xf_apply(f, ct_v3(v.x, v.y, v.z)); }

/* Index of the first point of a core segment inside a box (frame of the box), else -1. */
static int core_in_box(const ct_col_shape *box, ct_v3f p, ct_v3f q) {
    ct_v3f c;
    if (ct_box_point(box->half, p, &c) <= 0.0f) return 0;
    if (ct_box_point(box->half, q, &c) <= 0.0f) return 1;
    return -1;
}

/* Core (sphere/capsule) `c` at pc against mesh-like `m` at pm. Distances of the surfaces. */
static double core_vs_meshlike(const ct_col_shape *m, ct_xform pm, const ct_col_shape *c, ct_xform pc, double d_stop,
                               ct_col_result *res) {
    ct_xff x = ct_col_relative(pm, pc);
    ct_v3f p, q;
    core_segment(c, x, &p, &q);
    float r = c->radius;
    if (m->type == CT_COL_BOX) {
        int in = core_in_box(m, p, q);
        if (in >= 0) {
            ct_v3f w = in == 0 ? p : q;
            res->distance = 0;
            res->point_a = res->point_b = to_world(pm, w);
            return 0;
        }
    }
    float cap = (float)fmin(d_stop + r, 3.0e38);
    ct_v3f cm = ct_v3f_make(0, 0, 0), cs = cm;
    int t;
    float d = ct_bvh_seg_distance(shape_view(m), p, q, cap, -1.0f, &cm, &cs, &t);
    if (t < 0) {
        res->distance = d_stop;
        res->at_least = 1;
        return d_stop;
    }
    res->feature_a = tri_id(m, t);
    res->point_a = to_world(pm, cm);
    if (d <= r) {
        res->distance = 0;
        res->point_b = res->point_a;
        return 0;
    }
    ct_v3f dir = ct_v3f_scale(ct_v3f_sub(cm, cs), 1.0f / d);
    res->point_b = to_world(pm, ct_v3f_add(cs, ct_v3f_scale(dir, r)));
    res->distance = d - r;
    if (res->distance >= d_stop) {
        res->distance = d_stop;
        res->at_least = 1;
    }
    return res->distance;
}

/* Stored (leaf-order) index of input triangle `feature` of a mesh-like shape, or -1. */
static int leaf_index(const ct_col_shape *s, int feature) {
    int n = s->type == CT_COL_MESH ? s->mesh->ntri : 12;
    if (feature < 0 || feature >= n) return -1;
    return s->type == CT_COL_MESH ? s->mesh->leaf_of[feature] : feature;
}

/* hint_a, hint_b: input triangle indices of a warm-start pair, or -1. */
static double meshlike_vs_meshlike(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb,
                                   double d_stop, int hint_a, int hint_b, ct_col_result *res) {
    ct_xff x = ct_col_relative(pa, pb);
    /* containment that surfaces alone cannot see: box-box overlap, a mesh vertex inside a box */
    if (a->type == CT_COL_BOX && b->type == CT_COL_BOX && ct_box_box_separation(a->half, b->half, x) <= 0.0f) {
        ct_v3f c = ct_v3f_make(0, 0, 0), w;
        ct_box_point(a->half, ct_xff_apply(x, c), &w);
        res->distance = 0;
        res->point_a = res->point_b = to_world(pa, w);
        return 0;
    }
    if (a->type == CT_COL_BOX && b->type == CT_COL_MESH) {
        const float *v = b->mesh->tri;
        ct_v3f w = ct_xff_apply(x, ct_v3f_make(v[0], v[1], v[2])), c;
        if (ct_box_point(a->half, w, &c) <= 0.0f) {
            res->distance = 0;
            res->point_a = res->point_b = to_world(pa, w);
            return 0;
        }
    }
    if (a->type == CT_COL_MESH && b->type == CT_COL_BOX) {
        ct_xff xi = ct_col_relative(pb, pa);
        const float *v = a->mesh->tri;
        ct_v3f w = ct_xff_apply(xi, ct_v3f_make(v[0], v[1], v[2])), c;
        if (ct_box_point(b->half, w, &c) <= 0.0f) {
            res->distance = 0;
            res->point_a = res->point_b = to_world(pb, w);
            return 0;
        }
    }
    float cap = (float)fmin(d_stop, 3.0e38);
    ct_v3f c1 = ct_v3f_make(0, 0, 0), c2 = c1;
    int ta = leaf_index(a, hint_a), tb = leaf_index(b, hint_b);
    float d = ct_bvh_distance(shape_view(a), shape_view(b), x, cap, &c1, &c2, &ta, &tb);
    if (ta < 0) {
        res->distance = d_stop;
        res->at_least = 1;
        return d_stop;
    }
    res->distance = d;
    res->point_a = to_world(pa, c1);
    res->point_b = to_world(pa, c2);
    res->feature_a = tri_id(a, ta);
    res->feature_b = tri_id(b, tb);
    return d;
}

static double core_vs_core(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb, double d_stop,
                           ct_col_result *res) {
    ct_xff x = ct_col_relative(pa, pb), id;
    memset(&id, 0, sizeof id);
    id.R.m[0] = id.R.m[4] = id.R.m[8] = 1.0f;
    ct_v3f p0, p1, q0, q1, cp, cq;
    core_segment(a, id, &p0, &p1);
    core_segment(b, x, &q0, &q1);
    float d = sqrtf(ct_k_seg_seg(p0, p1, q0, q1, &cp, &cq));
    double s = (double)d - a->radius - b->radius;
    if (s >= d_stop) {
        res->distance = d_stop;
        res->at_least = 1;
        return d_stop;
    }
    if (s <= 0) {
        /* overlapping: a common point on the line between the cores */
        float t = d > 0 ? a->radius / (a->radius + b->radius) : 0.0f;
        ct_v3f w = ct_v3f_add(cp, ct_v3f_scale(ct_v3f_sub(cq, cp), t));
        res->distance = 0;
        res->point_a = res->point_b = to_world(pa, w);
        return 0;
    }
    ct_v3f dir = ct_v3f_scale(ct_v3f_sub(cq, cp), 1.0f / d);
    res->point_a = to_world(pa, ct_v3f_add(cp, ct_v3f_scale(dir, a->radius)));
    res->point_b = to_world(pa, ct_v3f_sub(cq, ct_v3f_scale(dir, b->radius)));
    res->distance = s;
    return s;
}

double ct_col_distance(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb, double d_stop,
                       ct_col_result *res) {
    return ct_col_distance_warm(a, pa, b, pb, d_stop, NULL, res);
}

double ct_col_distance_warm(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb, double d_stop,
                            const ct_col_result *hint, ct_col_result *res) {
    ct_col_result r;
    memset(&r, 0, sizeof r);
    r.feature_a = r.feature_b = -1;
    r.margin = ct_col_margin(a, pa, b, pb);
    if (!(d_stop > 0)) d_stop = 0;
    if (is_core(a) && is_core(b)) {
        core_vs_core(a, pa, b, pb, d_stop, &r);
    } else if (is_core(b)) {
        core_vs_meshlike(a, pa, b, pb, d_stop, &r);
    } else if (is_core(a)) {
        core_vs_meshlike(b, pb, a, pa, d_stop, &r);
        ct_vec3 t = r.point_a; r.point_a = r.point_b; r.point_b = t;
        int f = r.feature_a; r.feature_a = r.feature_b; r.feature_b = f;
    } else {
        meshlike_vs_meshlike(a, pa, b, pb, d_stop, hint ? hint->feature_a : -1, hint ? hint->feature_b : -1, &r);
    }
    if (res) *res = r;
    return r.distance;
}

int ct_col_overlap(const ct_col_shape *a, ct_xform pa, const ct_col_shape *b, ct_xform pb, double extra) {
    float tol = (float)(ct_col_margin(a, pa, b, pb) + (extra > 0 ? extra : 0));
    if (is_core(a) && is_core(b)) {
        ct_col_result r;
        double d = ct_col_distance(a, pa, b, pb, (double)tol + 1.0, &r);
        return d <= tol;
    }
    if (is_core(a)) {   /* put the core second */
        const ct_col_shape *s = a; a = b; b = s;
        ct_xform t = pa; pa = pb; pb = t;
    }
    ct_xff x = ct_col_relative(pa, pb);
    if (is_core(b)) {
        ct_v3f p, q, cm, cs;
        core_segment(b, x, &p, &q);
        if (a->type == CT_COL_BOX && core_in_box(a, p, q) >= 0) return 1;
        int t;
        float lim = b->radius + tol;
        ct_bvh_seg_distance(shape_view(a), p, q, lim, lim, &cm, &cs, &t);
        return t >= 0;
    }
    if (a->type == CT_COL_BOX && b->type == CT_COL_BOX) return ct_box_box_separation(a->half, b->half, x) <= tol;
    if (a->type == CT_COL_BOX || b->type == CT_COL_BOX) {
        ct_col_result r;   /* containment checks live in the distance path */
        memset(&r, 0, sizeof r);
        if (meshlike_vs_meshlike(a, pa, b, pb, tol, -1, -1, &r) <= tol && !r.at_least) return 1;
        return 0;
    }
    int ta, tb;
    return ct_bvh_collide(shape_view(a), shape_view(b), x, tol, &ta, &tb);
}
