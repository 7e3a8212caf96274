/* Scene: the cell's bodies (robot links, carried tools, parts, objects) as draw items over one
 * GPU vertex/index buffer, group colours, body poses and bounds for given joint values. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/kin.h"
#include "render_prim.h"

void ct_vk_group_color(int group, float rgba[4]) {
    static const float c[CT_CELL_GROUP_COUNT + 1][3] = {
        {0.55f, 0.45f, 0.30f}, /* fixture: brown */
        {0.30f, 0.60f, 0.85f}, /* part: blue */
        {0.72f, 0.74f, 0.78f}, /* car body: light grey */
        {0.85f, 0.80f, 0.20f}, /* fence: yellow */
        {0.35f, 0.35f, 0.38f}, /* conveyor: dark grey */
        {0.50f, 0.60f, 0.50f}, /* other: grey-green */
        {0.95f, 0.55f, 0.10f}, /* robots: orange-ish (index -1) */
    };
    int i = group >= 0 && group < CT_CELL_GROUP_COUNT ? group : CT_CELL_GROUP_COUNT;
    /* robots are drawn in a neutral industrial yellow-white; tools darker (set by the scene) */
    rgba[0] = c[i][0], rgba[1] = c[i][1], rgba[2] = c[i][2], rgba[3] = 1.0f;
}

/* Robots in light grey-blue so that red and orange highlights stand out; tools dark grey. */
static const float robot_rgba[4] = {0.80f, 0.82f, 0.86f, 1.0f};
static const float tool_rgba[4] = {0.30f, 0.32f, 0.36f, 1.0f};

typedef struct build {
    ct_vk_scene *s;
    rv_geom geom;
    int cap_body, cap_draw, cap_mesh;
    const ct_mesh **mesh_key; /* (nmesh) source mesh of each range (NULL for primitives) */
} build;

static int add_body(build *b, const char *name, int robot, int link, ct_xform offset, const float rgba[4]) {
    ct_vk_scene *s = b->s;
    if (s->nbody == b->cap_body) {
        int cap = b->cap_body ? 2 * b->cap_body : 32;
        rv_body *nb = (rv_body *)ct_realloc(s->body, (size_t)cap * sizeof *nb);
        if (!nb) return -1;
        s->body = nb;
        b->cap_body = cap;
    }
    rv_body *bd = &s->body[s->nbody];
    memset(bd, 0, sizeof *bd);
    snprintf(bd->name, sizeof bd->name, "%s", name);
    bd->robot = robot;
    bd->link = link;
    bd->offset = offset;
    memcpy(bd->rgba, rgba, sizeof bd->rgba);
    return s->nbody++;
}

/* Mesh range for a shape: meshes are shared by pointer; primitives are built each time. */
static int add_mesh(build *b, ct_geom_type type, const ct_mesh *mesh, const double size[3], double radius,
                    double length) {
    ct_vk_scene *s = b->s;
    if (type == CT_GEOM_MESH)
        for (int i = 0; i < s->nmesh; i++)
            if (b->mesh_key[i] == mesh) return i;
    if (s->nmesh == b->cap_mesh) {
        int cap = b->cap_mesh ? 2 * b->cap_mesh : 32;
        rv_mesh_range *nm = (rv_mesh_range *)ct_realloc(s->mesh, (size_t)cap * sizeof *nm);
        if (!nm) return -1;
        s->mesh = nm;
        const ct_mesh **nk = (const ct_mesh **)ct_realloc((void *)b->mesh_key, (size_t)cap * sizeof *nk);
        if (!nk) return -1;
        b->mesh_key = nk;
        b->cap_mesh = cap;
    }
    rv_mesh_range *m = &s->mesh[s->nmesh];
    int ok = type == CT_GEOM_MESH       ? (mesh ? rv_geom_mesh(&b->geom, mesh, m) : 0)
             : type == CT_GEOM_BOX      ? rv_geom_box(&b->geom, size, m)
             : type == CT_GEOM_CYLINDER ? rv_geom_cylinder(&b->geom, radius, length, m)
                                        : rv_geom_sphere(&b->geom, radius, m);
    if (!ok) return -1;
    m->nvert = b->geom.nvert - m->vertex_offset;
    m->nlod = 1;
    m->lod[0].first_index = m->first_index;
    m->lod[0].nindex = m->nindex;
    m->lod[0].vertex_offset = m->vertex_offset;
    m->lod[0].error = 0.0f;
    b->mesh_key[s->nmesh] = type == CT_GEOM_MESH ? mesh : NULL;
    return s->nmesh++;
}

static int add_draw(build *b, int body, int mesh, ct_xform local) {
    ct_vk_scene *s = b->s;
    if (s->ndraw == b->cap_draw) {
        int cap = b->cap_draw ? 2 * b->cap_draw : 64;
        rv_draw *nd = (rv_draw *)ct_realloc(s->draw, (size_t)cap * sizeof *nd);
        if (!nd) return 0;
        s->draw = nd;
        b->cap_draw = cap;
    }
    rv_draw *d = &s->draw[s->ndraw++];
    d->body = body;
    d->mesh = mesh;
    d->local = local;
    memcpy(d->rgba, s->body[body].rgba, sizeof d->rgba);
    return 1;
}

/* A cell shape (object, tool, part); skipped when it has no geometry or an unloaded mesh. */
static int add_cell_shape(build *b, int body, const ct_cell_shape *sh, ct_xform offset) {
    ct_geom_type type;
    switch (sh->kind) {
    case CT_CELL_SHAPE_MESH:
        if (!sh->mesh) return 1;
        type = CT_GEOM_MESH;
        break;
    case CT_CELL_SHAPE_BOX: type = CT_GEOM_BOX; break;
    case CT_CELL_SHAPE_CYLINDER: type = CT_GEOM_CYLINDER; break;
    case CT_CELL_SHAPE_SPHERE: type = CT_GEOM_SPHERE; break;
    default: return 1;
    }
    int m = add_mesh(b, type, sh->mesh, sh->size, sh->radius, sh->length);
    return m >= 0 && add_draw(b, body, m, ct_xf_mul(offset, sh->origin));
}

static int build_bodies(build *b) {
    ct_vk_scene *s = b->s;
    const ct_cell *cell = s->cell;
    char name[160];
    for (int i = 0; i < cell->nrobot; i++) {
        const ct_cell_robot *cr = &cell->robot[i];
        const ct_robot *r = cr->robot;
        int use_visual = 0;
        for (int k = 0; k < r->nshape; k++) use_visual |= r->shape[k].visual;
        for (int l = 0; l < r->nlink; l++) {
            int body = -1;
            for (int k = 0; k < r->nshape; k++) {
                const ct_robot_shape *rs = &r->shape[k];
                if (rs->link != l || rs->visual != use_visual) continue;
                if (body < 0) {
                    snprintf(name, sizeof name, "%.60s/%.60s", cr->name, r->link_name[l]);
                    body = add_body(b, name, i, l, ct_xf_identity(), robot_rgba);
                    if (body < 0) return 0;
                }
                int m = add_mesh(b, rs->type, rs->mesh, rs->size, rs->radius, rs->length);
                if (m < 0 || !add_draw(b, body, m, rs->origin)) return 0;
            }
        }
        const ct_cell_tool *tool = ct_cell_carried_tool(cr);
        if (tool) {
            snprintf(name, sizeof name, "%.100s/tool", cr->name);
            int body = add_body(b, name, i, r->tip_link, ct_xf_identity(), tool_rgba);
            if (body < 0 || !add_cell_shape(b, body, &tool->shape, ct_xf_identity())) return 0;
        }
        for (int p = 0; p < cell->npart; p++) {
            const ct_cell_part *part = &cell->part[p];
            if (part->robot != i) continue;
            ct_xform tcp = ct_xf_identity();
            for (int t = 0; t < cr->ntool; t++)
                if (cr->tool[t].number == part->tool) tcp = cr->tool[t].tcp;
            float rgba[4];
            ct_vk_group_color(CT_CELL_PART, rgba);
            int body = add_body(b, part->name, i, r->tip_link, ct_xf_mul(tcp, part->pose), rgba);
            if (body < 0 || !add_cell_shape(b, body, &part->shape, ct_xf_identity())) return 0;
        }
    }
    for (int o = 0; o < cell->nobject; o++) {
        const ct_cell_object *obj = &cell->object[o];
        float rgba[4];
        ct_vk_group_color((int)obj->group, rgba);
        int body = add_body(b, obj->name, -1, -1, obj->pose, rgba);
        if (body < 0 || !add_cell_shape(b, body, &obj->shape, ct_xf_identity())) return 0;
    }
    return 1;
}

static ct_status upload(ct_vk_scene *s, const rv_geom *g, ct_error *err) {
    ct_vk_renderer *r = s->r;
    VkDeviceSize vsize = (VkDeviceSize)g->nvert * 6 * sizeof(float), isize = (VkDeviceSize)g->nindex * 4;
    rv_buffer sv, si;
    ct_status st = rv_create_buffer(r, vsize, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, 1, &sv, err);
    if (st != CT_OK) return st;
    st = rv_create_buffer(r, isize, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, 1, &si, err);
    if (st == CT_OK)
        st = rv_create_buffer(r, vsize, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, 0,
                              &s->vbuf, err);
    if (st == CT_OK)
        st = rv_create_buffer(r, isize, VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, 0,
                              &s->ibuf, err);
    if (st == CT_OK) {
        if (vsize) memcpy(sv.map, g->vert, (size_t)vsize);
        if (isize) memcpy(si.map, g->index, (size_t)isize);
        st = rv_begin(r, err);
    }
    if (st == CT_OK) {
        VkBufferCopy cv = {0, 0, sv.size}, ci = {0, 0, si.size};
        vkCmdCopyBuffer(r->cmd, sv.buf, s->vbuf.buf, 1, &cv);
        vkCmdCopyBuffer(r->cmd, si.buf, s->ibuf.buf, 1, &ci);
        st = rv_submit_wait(r, VK_NULL_HANDLE, VK_NULL_HANDLE, err);
    }
    rv_destroy_buffer(r, &sv);
    rv_destroy_buffer(r, &si);
    return st;
}

ct_status ct_vk_scene_create(ct_vk_renderer *r, const ct_cell *cell, ct_vk_scene **out, ct_error *err) {
    *out = NULL;
    for (int i = 0; i < cell->nrobot; i++)
        if (!cell->robot[i].robot)
            return ct_error_set(err, CT_ERR_INVALID, cell->source_path, 0, 0,
                                "robot '%s' is not loaded (use ct_cell_load)", cell->robot[i].name);
    ct_vk_scene *s = (ct_vk_scene *)ct_alloc(sizeof *s);
    if (!s) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    s->r = r;
    s->cell = cell;
    build b;
    memset(&b, 0, sizeof b);
    b.s = s;
    ct_status st = CT_OK;
    if (!build_bodies(&b)) st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory building the scene");
    for (int i = 0; st == CT_OK && i < s->nmesh; i++) /* simplified levels of large meshes */
        if (b.mesh_key[i] && !rv_geom_build_lods(&b.geom, &s->mesh[i], r->def.lod_min_triangles))
            st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory simplifying meshes");
    if (st == CT_OK) st = upload(s, &b.geom, err);
    rv_geom_free(&b.geom);
    ct_free((void *)b.mesh_key);
    if (st == CT_OK) {
        for (int i = 0; i < cell->nrobot; i++) {
            if (cell->robot[i].robot->nlink > s->max_links) s->max_links = cell->robot[i].robot->nlink;
            if (cell->robot[i].robot->ndof > s->max_dof) s->max_dof = cell->robot[i].robot->ndof;
        }
        int nr = cell->nrobot > 0 ? cell->nrobot : 1;
        s->world_from_root = (ct_xform *)ct_alloc((size_t)nr * sizeof(ct_xform));
        s->link_pose = (ct_xform *)ct_alloc((size_t)nr * (s->max_links + 1) * sizeof(ct_xform));
        s->home = (double *)ct_alloc((size_t)nr * (s->max_dof + 1) * sizeof(double));
        if (!s->world_from_root || !s->link_pose || !s->home)
            st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    if (st != CT_OK) {
        ct_vk_scene_destroy(s);
        return st;
    }
    for (int i = 0; i < cell->nrobot; i++) {
        const ct_cell_robot *cr = &cell->robot[i];
        s->world_from_root[i] = ct_xf_mul(cr->base, ct_xf_inv(cr->robot->base_in_root));
        for (int d = 0; d < cr->robot->ndof; d++)
            s->home[i * (s->max_dof + 1) + d] = cr->nhome == cr->robot->ndof ? cr->home[d] : 0.0;
    }
    *out = s;
    return CT_OK;
}

void ct_vk_scene_destroy(ct_vk_scene *s) {
    if (!s) return;
    vkDeviceWaitIdle(s->r->device);
    rv_destroy_buffer(s->r, &s->vbuf);
    rv_destroy_buffer(s->r, &s->ibuf);
    ct_free(s->body);
    ct_free(s->draw);
    ct_free(s->mesh);
    ct_free(s->world_from_root);
    ct_free(s->link_pose);
    ct_free(s->home);
    ct_free(s);
}

int ct_vk_scene_body_count(const ct_vk_scene *s) { return s->nbody; }
const char *ct_vk_scene_body_name(const ct_vk_scene *s, int body) {
    return body >= 0 && body < s->nbody ? s->body[body].name : NULL;
}
int ct_vk_scene_find_body(const ct_vk_scene *s, const char *name) {
    for (int i = 0; i < s->nbody; i++)
        if (!strcmp(s->body[i].name, name)) return i;
    return -1;
}

void rv_scene_body_poses(const ct_vk_scene *s, const double *const *robot_q, ct_xform *out) {
    const ct_cell *cell = s->cell;
    ct_xform *lp = s->link_pose; /* scratch owned by the scene (one frame at a time) */
    for (int i = 0; i < cell->nrobot; i++) {
        const ct_robot *r = cell->robot[i].robot;
        const double *q = robot_q && robot_q[i] ? robot_q[i] : s->home + i * (s->max_dof + 1);
        ct_xform *pose = lp + (size_t)i * (s->max_links + 1);
        ct_kin_fk(r, q, pose);
        for (int l = 0; l < r->nlink; l++) pose[l] = ct_xf_mul(s->world_from_root[i], pose[l]);
    }
    for (int b = 0; b < s->nbody; b++) {
        const rv_body *bd = &s->body[b];
        if (bd->robot < 0)
            out[b] = bd->offset;
        else
            out[b] = ct_xf_mul(lp[(size_t)bd->robot * (s->max_links + 1) + bd->link], bd->offset);
    }
}

/* Extends lo..hi by the corners of a shape-frame box placed at xf. */
static void box_extend(ct_xform xf, const float blo[3], const float bhi[3], double lo[3], double hi[3]) {
    for (int c = 0; c < 8; c++) {
        ct_vec3 p = ct_v3(c & 1 ? bhi[0] : blo[0], c & 2 ? bhi[1] : blo[1], c & 4 ? bhi[2] : blo[2]);
        ct_vec3 w = ct_xf_apply(xf, p);
        double v[3] = {w.x, w.y, w.z};
        for (int k = 0; k < 3; k++) lo[k] = fmin(lo[k], v[k]), hi[k] = fmax(hi[k], v[k]);
    }
}

static void bounds_of(const ct_vk_scene *s, int only_body, const double *const *robot_q, double lo[3],
                      double hi[3], int *found) {
    ct_xform *poses = (ct_xform *)ct_alloc((size_t)(s->nbody + 1) * sizeof(ct_xform));
    for (int k = 0; k < 3; k++) lo[k] = INFINITY, hi[k] = -INFINITY;
    *found = 0;
    if (!poses) return;
    rv_scene_body_poses(s, robot_q, poses);
    for (int d = 0; d < s->ndraw; d++) {
        const rv_draw *dr = &s->draw[d];
        if (only_body >= 0 && dr->body != only_body) continue;
        box_extend(ct_xf_mul(poses[dr->body], dr->local), s->mesh[dr->mesh].lo, s->mesh[dr->mesh].hi, lo, hi);
        *found = 1;
    }
    ct_free(poses);
}

int ct_vk_scene_body_bounds(const ct_vk_scene *s, int body, const double *const *robot_q, double lo[3],
                            double hi[3]) {
    if (body < 0 || body >= s->nbody) return 0;
    int found;
    bounds_of(s, body, robot_q, lo, hi, &found);
    return found;
}

void ct_vk_scene_bounds(const ct_vk_scene *s, const double *const *robot_q, double lo[3], double hi[3]) {
    int found;
    bounds_of(s, -1, robot_q, lo, hi, &found);
    if (!found)
        for (int k = 0; k < 3; k++) lo[k] = -1, hi[k] = 1;
}

int ct_vk_scene_body_lods(const ct_vk_scene *s, int body, long long ntri[4], double error[4]) {
    for (int k = 0; k < 4; k++) ntri[k] = 0, error[k] = 0;
    if (!s || body < 0 || body >= s->nbody) return 0;
    int nlev = 1;
    for (int d = 0; d < s->ndraw; d++)
        if (s->draw[d].body == body && s->mesh[s->draw[d].mesh].nlod > nlev) nlev = s->mesh[s->draw[d].mesh].nlod;
    for (int d = 0; d < s->ndraw; d++) {
        if (s->draw[d].body != body) continue;
        const rv_mesh_range *m = &s->mesh[s->draw[d].mesh];
        int n = m->nlod > 0 ? m->nlod : 1;
        for (int k = 0; k < nlev; k++) {
            const rv_lod *l = &m->lod[k < n ? k : n - 1];
            ntri[k] += l->nindex / 3;
            if (l->error > error[k]) error[k] = l->error;
        }
    }
    return nlev;
}
