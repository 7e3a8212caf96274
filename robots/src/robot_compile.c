/* Compiles a parsed URDF into the immutable ct_robot: sorted link tree, dofs with limits and mimic
 * couplings, inertials in link axes, the base -> tip chain, link geometry with shared meshes,
 * and the IK data. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/ik.h"
#include "celltwin/kin.h"
#include "celltwin/robot.h"

#define DEF_COOKIE 0x43545244 /* "CTRD": set by ct_robot_default_def */

ct_robot_def ct_robot_default_def(void) {
    ct_robot_def d;
    memset(&d, 0, sizeof d);
    d.meshes = CT_MESHES_COLLISION;
    d.accel_ratio = 3.0;
    d.internal_value = DEF_COOKIE;
    return d;
}

/* Arrays of the robot, one allocation each; freed by ct_robot_destroy. */
static int alloc_arrays(ct_robot *r, int nlink, int ndof) {
#define CT_ALLOC_N(field, n) (r->field = ct_alloc(sizeof(*r->field) * (size_t)((n) > 0 ? (n) : 1))) == NULL
    if (CT_ALLOC_N(link_name, nlink) || CT_ALLOC_N(link_joint_name, nlink) || CT_ALLOC_N(link_parent, nlink) ||
        CT_ALLOC_N(link_joint_type, nlink) || CT_ALLOC_N(link_origin, nlink) ||
        CT_ALLOC_N(link_origin_pure, nlink) || CT_ALLOC_N(link_axis, nlink) || CT_ALLOC_N(link_axis_code, nlink) ||
        CT_ALLOC_N(link_dof, nlink) || CT_ALLOC_N(link_mimic_mul, nlink) || CT_ALLOC_N(link_mimic_off, nlink) ||
        CT_ALLOC_N(link_mass, nlink) || CT_ALLOC_N(link_com, nlink) || CT_ALLOC_N(link_inertia, nlink) ||
        CT_ALLOC_N(dof_name, ndof) || CT_ALLOC_N(dof_link, ndof) || CT_ALLOC_N(dof_type, ndof) ||
        CT_ALLOC_N(dof_lower, ndof) || CT_ALLOC_N(dof_upper, ndof) || CT_ALLOC_N(dof_vel, ndof) ||
        CT_ALLOC_N(dof_acc, ndof) || CT_ALLOC_N(dof_effort, ndof) || CT_ALLOC_N(chain_dof, ndof))
        return 0;
#undef CT_ALLOC_N
    return 1;
}

void ct_robot_destroy(ct_robot *r) {
    if (!r) return;
    ct_ik_model_destroy(r->ik);
    for (int i = 0; i < r->nlink && r->link_name; i++) {
        ct_free(r->link_name[i]);
        if (r->link_joint_name) ct_free(r->link_joint_name[i]);
    }
    for (int i = 0; i < r->nmesh; i++) ct_mesh_free(r->mesh[i]);
    ct_free(r->mesh);
    ct_free(r->shape);
    ct_free(r->name);
    ct_free(r->source_path);
    ct_free(r->link_name); ct_free(r->link_joint_name); ct_free(r->link_parent); ct_free(r->link_joint_type);
    ct_free(r->link_origin); ct_free(r->link_origin_pure); ct_free(r->link_axis); ct_free(r->link_axis_code);
    ct_free(r->link_dof); ct_free(r->link_mimic_mul); ct_free(r->link_mimic_off); ct_free(r->link_mass);
    ct_free(r->link_com); ct_free(r->link_inertia);
    ct_free(r->dof_name); /* names are shared with link_joint_name */
    ct_free(r->dof_link); ct_free(r->dof_type); ct_free(r->dof_lower); ct_free(r->dof_upper);
    ct_free(r->dof_vel); ct_free(r->dof_acc); ct_free(r->dof_effort); ct_free(r->chain_dof);
    ct_free(r);
}

static int axis_code(ct_vec3 a) {
    const double e = 1e-15;
    if (fabs(a.y) < e && fabs(a.z) < e) return a.x > 0 ? 0 : 3;
    if (fabs(a.x) < e && fabs(a.z) < e) return a.y > 0 ? 1 : 4;
    if (fabs(a.x) < e && fabs(a.y) < e) return a.z > 0 ? 2 : 5;
    return -1;
}

static int is_identity(ct_mat3 m) {
    for (int k = 0; k < 9; k++)
        if (m.m[k] != ((k % 4 == 0) ? 1.0 : 0.0)) return 0;
    return 1;
}

/* Sorts links depth-first from the root, children in file order. order[] receives URDF link
 * indices; joint_of[] maps a URDF link to the joint whose child it is (-1 for the root). */
static int sort_links(const ct_urdf_model *u, int *order, const int *joint_of) {
    int n = 0, top = 0;
    int *stack = ct_alloc(sizeof(int) * (size_t)u->nlink);
    if (!stack) return -1;
    stack[top++] = u->root;
    while (top > 0) {
        int l = stack[--top];
        order[n++] = l;
        /* push children in reverse file order so they pop in file order */
        for (int j = u->njoint - 1; j >= 0; j--)
            if (u->joints[j].parent == l && joint_of[u->joints[j].child] == j) {
                if (top >= u->nlink) { ct_free(stack); return -1; }
                stack[top++] = u->joints[j].child;
            }
    }
    ct_free(stack);
    return n;
}

/* Loads (or reuses) the mesh of a geometry element. */
static ct_status shape_mesh(ct_robot *r, const ct_urdf_model *u, const ct_urdf_geom *g, const ct_mesh **out,
                            char **keys, ct_error *err) {
    char key[1200];
    snprintf(key, sizeof key, "%s|%.17g|%.17g|%.17g", g->mesh_path ? g->mesh_path : "", g->scale[0], g->scale[1],
             g->scale[2]);
    for (int i = 0; i < r->nmesh; i++)
        if (!strcmp(keys[i], key)) { *out = r->mesh[i]; return CT_OK; }
    ct_mesh *m = NULL;
    ct_error merr;
    ct_error_clear(&merr);
    if (!g->mesh_path || ct_mesh_load(g->mesh_path, g->scale, &m, &merr) != CT_OK)
        return ct_error_set(err, merr.code ? merr.code : CT_ERR_IO, u->path, g->line, 0, "mesh '%s': %s",
                            g->mesh_path ? g->mesh_path : "(none)", merr.message);
    keys[r->nmesh] = ct_strdup(key);
    r->mesh[r->nmesh++] = m;
    *out = m;
    return CT_OK;
}

static ct_status compile_geometry(ct_robot *r, const ct_urdf_model *u, const int *urdf_to_link, ct_mesh_load_mode mode,
                                  ct_error *err) {
    if (mode == CT_MESHES_NONE) return CT_OK;
    int total = 0;
    for (int i = 0; i < u->nlink; i++)
        total += u->links[i].ncollision + (mode == CT_MESHES_ALL ? u->links[i].nvisual : 0);
    r->shape = ct_alloc(sizeof(ct_robot_shape) * (size_t)(total + 1));
    r->mesh = ct_alloc(sizeof(ct_mesh *) * (size_t)(total + 1));
    char **keys = ct_alloc(sizeof(char *) * (size_t)(total + 1));
    if (!r->shape || !r->mesh || !keys) { ct_free(keys); return ct_error_set(err, CT_ERR_NO_MEMORY, u->path, 0, 0, "out of memory"); }
    ct_status st = CT_OK;
    for (int i = 0; i < u->nlink && st == CT_OK; i++) {
        const ct_urdf_link *l = &u->links[i];
        for (int pass = 0; pass < 2 && st == CT_OK; pass++) {
            if (pass == 1 && mode != CT_MESHES_ALL) break;
            const ct_urdf_geom *gs = pass == 0 ? l->collisions : l->visuals;
            int ng = pass == 0 ? l->ncollision : l->nvisual;
            for (int k = 0; k < ng && st == CT_OK; k++) {
                const ct_urdf_geom *g = &gs[k];
                ct_robot_shape *s = &r->shape[r->nshape];
                s->link = urdf_to_link[i];
                s->visual = pass;
                s->type = g->type;
                s->origin = g->origin;
                memcpy(s->size, g->size, sizeof s->size);
                s->radius = g->radius;
                s->length = g->length;
                memcpy(s->rgba, g->rgba, sizeof s->rgba);
                if (g->type == CT_GEOM_MESH) st = shape_mesh(r, u, g, &s->mesh, keys, err);
                if (st == CT_OK) r->nshape++;
            }
        }
    }
    for (int i = 0; i < r->nmesh; i++) ct_free(keys[i]);
    ct_free(keys);
    return st;
}

static int find_name(char **names, int n, const char *name) {
    for (int i = 0; i < n; i++)
        if (names[i] && !strcmp(names[i], name)) return i;
    return -1;
}

/* Picks the tip: the named frame, a conventional flange name, or the end of the longest chain. */
static int pick_tip(const ct_robot *r, const char *name) {
    if (name) return find_name(r->link_name, r->nlink, name);
    static const char *const conventional[] = {"flange_face", "tool0", "flange", "link_6", "link6", "Link6"};
    for (size_t i = 0; i < sizeof conventional / sizeof conventional[0]; i++) {
        int l = find_name(r->link_name, r->nlink, conventional[i]);
        if (l >= 0) return l;
    }
    int best = 0, best_dofs = -1;
    for (int l = 0; l < r->nlink; l++) {
        int d = 0;
        for (int k = l; k >= 0; k = r->link_parent[k]) d += r->link_dof[k] >= 0;
        if (d > best_dofs) { best = l; best_dofs = d; }
    }
    return best;
}

ct_status ct_robot_compile(const ct_urdf_model *u, const ct_robot_def *def, ct_robot **out, ct_error *err) {
    *out = NULL;
    ct_robot_def defaults = ct_robot_default_def();
    if (!def) def = &defaults;
    CT_ASSERT(def->internal_value == DEF_COOKIE); /* def not made by ct_robot_default_def */
    const char *file = u->path;
    if (u->nlink > CT_ROBOT_MAX_LINKS)
        return ct_error_set(err, CT_ERR_LIMIT, file, 0, 0, "%d links, more than the %d supported", u->nlink,
                            CT_ROBOT_MAX_LINKS);

    /* joint of each URDF link (as a child) */
    int *joint_of = ct_alloc(sizeof(int) * (size_t)u->nlink);
    int *order = ct_alloc(sizeof(int) * (size_t)u->nlink);
    int *urdf_to_link = ct_alloc(sizeof(int) * (size_t)u->nlink);
    int *joint_dof = ct_alloc(sizeof(int) * (size_t)(u->njoint + 1));
    ct_robot *r = ct_alloc(sizeof *r);
    ct_status st = CT_OK;
    if (!joint_of || !order || !urdf_to_link || !joint_dof || !r) {
        st = ct_error_set(err, CT_ERR_NO_MEMORY, file, 0, 0, "out of memory");
        goto done;
    }
    for (int i = 0; i < u->nlink; i++) joint_of[i] = -1;
    for (int j = 0; j < u->njoint; j++) joint_of[u->joints[j].child] = j;

    int n = sort_links(u, order, joint_of);
    if (n != u->nlink) {
        st = ct_error_set(err, CT_ERR_INVALID, file, 0, 0, "links are not one tree below root '%s'",
                          u->links[u->root].name);
        goto done;
    }

    /* dofs: movable, non-mimic joints in sorted link order */
    int ndof = 0;
    for (int i = 0; i < n; i++) {
        int j = joint_of[order[i]];
        if (j < 0) continue;
        const ct_urdf_joint *jt = &u->joints[j];
        if (jt->type == CT_JOINT_FLOATING || jt->type == CT_JOINT_PLANAR) {
            st = ct_error_set(err, CT_ERR_UNSUPPORTED, file, jt->line, 0, "joint '%s': %s joints are not supported",
                              jt->name, jt->type == CT_JOINT_FLOATING ? "floating" : "planar");
            goto done;
        }
        if (jt->type != CT_JOINT_FIXED && jt->mimic < 0) ndof++;
    }
    if (ndof > CT_ROBOT_MAX_DOF) {
        st = ct_error_set(err, CT_ERR_LIMIT, file, 0, 0, "%d degrees of freedom, more than the %d supported", ndof,
                          CT_ROBOT_MAX_DOF);
        goto done;
    }
    if (!alloc_arrays(r, n, ndof)) {
        st = ct_error_set(err, CT_ERR_NO_MEMORY, file, 0, 0, "out of memory");
        goto done;
    }
    r->nlink = n;
    r->ndof = ndof;
    r->name = ct_strdup(u->name ? u->name : "robot");
    r->source_path = ct_strdup(u->path ? u->path : "");

    /* links and dofs */
    for (int j = 0; j <= u->njoint; j++) joint_dof[j] = -1;
    int dof = 0;
    for (int i = 0; i < n; i++) {
        int ul = order[i];
        urdf_to_link[ul] = i;
        const ct_urdf_link *l = &u->links[ul];
        r->link_name[i] = ct_strdup(l->name);
        r->link_origin[i] = ct_xf_identity();
        r->link_axis[i] = ct_v3(0, 0, 1);
        r->link_dof[i] = -1;
        r->link_mimic_mul[i] = 1.0;
        r->link_parent[i] = -1;
        r->link_joint_type[i] = CT_JOINT_FIXED;
        int j = joint_of[ul];
        if (j >= 0) {
            const ct_urdf_joint *jt = &u->joints[j];
            r->link_parent[i] = urdf_to_link[jt->parent];
            r->link_joint_name[i] = ct_strdup(jt->name);
            r->link_joint_type[i] = jt->type;
            r->link_origin[i] = jt->origin;
            r->link_axis[i] = jt->axis;
            if (jt->type != CT_JOINT_FIXED && jt->mimic < 0) {
                joint_dof[j] = dof;
                r->link_dof[i] = dof;
                r->dof_name[dof] = r->link_joint_name[i];
                r->dof_link[dof] = i;
                r->dof_type[dof] = jt->type;
                int bounded = jt->type != CT_JOINT_CONTINUOUS && jt->has_limit;
                r->dof_lower[dof] = bounded ? jt->lower : -INFINITY;
                r->dof_upper[dof] = bounded ? jt->upper : INFINITY;
                r->dof_vel[dof] = def->vel_limits ? def->vel_limits[dof] : jt->velocity;
                r->dof_effort[dof] = jt->effort;
                r->dof_acc[dof] = def->accel_limits ? def->accel_limits[dof] : def->accel_ratio * r->dof_vel[dof];
                dof++;
            }
        }
        r->link_origin_pure[i] = is_identity(r->link_origin[i].R);
        r->link_axis_code[i] = axis_code(r->link_axis[i]);
        if (l->inertial.present) {
            const ct_urdf_inertial *in = &l->inertial;
            ct_mat3 I = {{in->ixx, in->ixy, in->ixz, in->ixy, in->iyy, in->iyz, in->ixz, in->iyz, in->izz}};
            r->link_mass[i] = in->mass;
            r->link_com[i] = in->origin.p;
            r->link_inertia[i] = ct_m3_mul(ct_m3_mul(in->origin.R, I), ct_m3_transpose(in->origin.R));
        }
    }

    /* mimic joints follow a dof (resolving mimic-of-mimic) */
    for (int i = 0; i < n; i++) {
        int j = joint_of[order[i]];
        if (j < 0 || u->joints[j].type == CT_JOINT_FIXED || u->joints[j].mimic < 0) continue;
        double mul = 1.0, off = 0.0;
        int k = j, hops = 0;
        while (u->joints[k].mimic >= 0 && hops++ <= u->njoint) {
            off = mul * u->joints[k].mimic_offset + off;
            mul *= u->joints[k].mimic_multiplier;
            k = u->joints[k].mimic;
        }
        if (joint_dof[k] < 0) {
            st = ct_error_set(err, CT_ERR_INVALID, file, u->joints[j].line, 0,
                              "joint '%s' mimics '%s', which is not a movable joint", u->joints[j].name,
                              u->joints[k].name);
            goto done;
        }
        r->link_dof[i] = joint_dof[k];
        r->link_mimic_mul[i] = mul;
        r->link_mimic_off[i] = off;
    }

    r->has_inertials = 1;
    for (int i = 0; i < n; i++)
        if (r->link_dof[i] >= 0 && !(r->link_mass[i] > 0)) r->has_inertials = 0;

    /* base frame: hangs from the root through fixed joints only */
    r->root_link = 0;
    const char *base_name = def->base_frame;
    if (!base_name && find_name(r->link_name, n, "base") >= 0) base_name = "base";
    r->base_link = base_name ? find_name(r->link_name, n, base_name) : 0;
    if (r->base_link < 0) {
        st = ct_error_set(err, CT_ERR_NOT_FOUND, file, 0, 0, "base frame '%s' is not a link of the robot", base_name);
        goto done;
    }
    r->base_in_root = ct_xf_identity();
    for (int k = r->base_link; k > 0; k = r->link_parent[k]) {
        if (r->link_dof[k] >= 0) {
            st = ct_error_set(err, CT_ERR_INVALID, file, 0, 0,
                              "base frame '%s' moves with joint '%s': it must hang from the root by fixed joints",
                              r->link_name[r->base_link], r->link_joint_name[k]);
            goto done;
        }
        r->base_in_root = ct_xf_mul(r->link_origin[k], r->base_in_root);
    }

    /* tip and chain */
    r->tip_link = pick_tip(r, def->tip_frame);
    if (r->tip_link < 0) {
        st = ct_error_set(err, CT_ERR_NOT_FOUND, file, 0, 0, "tip frame '%s' is not a link of the robot", def->tip_frame);
        goto done;
    }
    r->tool = ct_xf_identity();
    int path[CT_ROBOT_MAX_LINKS], np = 0;
    for (int k = r->tip_link; k >= 0; k = r->link_parent[k]) path[np++] = k;
    for (int i = np - 1; i >= 0; i--) {
        int d = r->link_dof[path[i]];
        if (d < 0) continue;
        int seen = 0;
        for (int c = 0; c < r->nchain; c++) seen |= r->chain_dof[c] == d;
        if (!seen) r->chain_dof[r->nchain++] = d;
    }

    st = compile_geometry(r, u, urdf_to_link, def->meshes, err);
    if (st != CT_OK) goto done;
    st = ct_ik_model_create(r, &r->ik, err);

done:
    ct_free(joint_of);
    ct_free(order);
    ct_free(urdf_to_link);
    ct_free(joint_dof);
    if (st != CT_OK) {
        ct_robot_destroy(r);
        return st;
    }
    *out = r;
    return CT_OK;
}

ct_status ct_robot_load(const char *urdf_path, const ct_robot_def *def, ct_robot **out, ct_error *err) {
    ct_urdf_model *u = NULL;
    *out = NULL;
    ct_status st = ct_urdf_load(urdf_path, &u, err);
    if (st != CT_OK) return st;
    st = ct_robot_compile(u, def, out, err);
    ct_urdf_free(u);
    return st;
}

int ct_robot_find_link(const ct_robot *r, const char *name) { return find_name(r->link_name, r->nlink, name); }
int ct_robot_find_dof(const ct_robot *r, const char *name) { return find_name(r->dof_name, r->ndof, name); }
void ct_robot_set_tool(ct_robot *r, ct_xform tool) { r->tool = tool; }

int ct_robot_within_limits(const ct_robot *r, const double *q, double tol) {
    for (int i = 0; i < r->ndof; i++)
        if (!isfinite(q[i]) || q[i] < r->dof_lower[i] - tol || q[i] > r->dof_upper[i] + tol) return 0;
    return 1;
}

void ct_robot_joint_values(const ct_robot *r, const double *q, double *link_q) {
    for (int i = 0; i < r->nlink; i++) {
        int d = r->link_dof[i];
        link_q[i] = d < 0 ? 0.0 : r->link_mimic_mul[i] * q[d] + r->link_mimic_off[i];
    }
}

double ct_robot_mass(const ct_robot *r) {
    double m = 0;
    for (int i = 0; i < r->nlink; i++) m += r->link_mass[i];
    return m;
}

double ct_robot_reach(const ct_robot *r) {
    if (r->nchain == 0) return ct_v3_norm(r->tool.p);
    int first = r->dof_link[r->chain_dof[0]];
    double reach = ct_v3_norm(r->tool.p);
    for (int k = r->tip_link; k != first && k > 0; k = r->link_parent[k]) {
        reach += ct_v3_norm(r->link_origin[k].p);
        if (r->link_joint_type[k] == CT_JOINT_PRISMATIC && r->link_dof[k] >= 0) {
            double travel = fmax(fabs(r->dof_lower[r->link_dof[k]]), fabs(r->dof_upper[r->link_dof[k]]));
            if (isfinite(travel)) reach += travel;
        }
    }
    return reach;
}
