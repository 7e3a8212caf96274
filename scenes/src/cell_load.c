/* ct_cell_load / ct_cell_parse: read the cell file, validate its structure (cell_parse.c), then
 * resolve paths against the cell file's folder and load robots (with tip frame and limit
 * overrides) and meshes, and check what needs them: robot-dependent counts, link names, files. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cell_internal.h"

#define ERR(c, path, ...) ct_cell_diagf((c), CT_CELL_ERROR, (path), __VA_ARGS__)

static void init_ctx(cell_ctx *c, const char *text, size_t len, const char *file, const ct_cell_def *def, ct_error *err) {
    memset(c, 0, sizeof *c);
    c->text = text;
    c->len = len;
    c->file = file ? file : "<cell>";
    c->def = def ? *def : ct_cell_default_def();
    if (c->def.max_errors < 1) c->def.max_errors = 1;
    c->err = err;
    ct_error_clear(err);
}

ct_status ct_cell_parse(const char *text, size_t len, const char *name, const ct_cell_def *def, ct_cell **out,
                        ct_error *err) {
    cell_ctx c;
    init_ctx(&c, text, len, name, def, err);
    *out = NULL;
    if (!text) return ct_cell_failf(&c, CT_ERR_INVALID, 0, 0, "no text");
    return ct_cell_parse_ctx(&c, out);
}

/* Joins rel to the folder of base (rel unchanged when absolute). Owned by the caller. */
static char *resolve(const char *base, const char *rel) {
    if (rel[0] == '/') return ct_strdup(rel);
    const char *slash = strrchr(base, '/');
    size_t dn = slash ? (size_t)(slash - base + 1) : 0, rn = strlen(rel);
    char *s = ct_alloc(dn + rn + 1);
    if (!s) return NULL;
    memcpy(s, base, dn);
    memcpy(s + dn, rel, rn + 1);
    return s;
}

static int is_file(const char *path) {
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void load_shape(cell_ctx *c, const char *cell_path, ct_cell_shape *s, const char *path) {
    if (s->kind != CT_CELL_SHAPE_MESH) return;
    char p[CT_CELL_PATH_MAX + 8];
    snprintf(p, sizeof p, "%s/mesh", path);
    s->mesh_path = resolve(cell_path, s->mesh_file);
    if (!is_file(s->mesh_path)) {
        ERR(c, p, "mesh file '%s' not found (looked for %s)", s->mesh_file, s->mesh_path ? s->mesh_path : "?");
        return;
    }
    if (!c->def.load_meshes) return;
    ct_error me;
    if (ct_mesh_load(s->mesh_path, s->scale, &s->mesh, &me) != CT_OK) {
        char buf[700];
        ct_error_format(&me, buf, sizeof buf);
        ERR(c, p, "cannot load mesh: %s", buf);
    }
}

/* Converts a joint array parsed as degrees into the dof's unit (m for prismatic joints). */
static void fix_units(const ct_robot *rb, double *v, int n) {
    for (int i = 0; i < n; i++)
        if (rb->dof_type[i] == CT_JOINT_PRISMATIC) v[i] = v[i] / CT_DEG * 1e-3;
}

static void load_robot(cell_ctx *c, const char *cell_path, ct_cell_robot *r, int idx) {
    char path[64], p[96];
    snprintf(path, sizeof path, "/robots/%d", idx);
    snprintf(p, sizeof p, "%s/urdf", path);
    r->urdf_path = resolve(cell_path, r->urdf_file);
    if (!is_file(r->urdf_path)) {
        ERR(c, p, "robot file '%s' not found (looked for %s)", r->urdf_file, r->urdf_path ? r->urdf_path : "?");
        return;
    }
    ct_urdf_model *urdf = NULL;
    ct_error re;
    char buf[700];
    if (ct_urdf_load(r->urdf_path, &urdf, &re) != CT_OK) {
        ct_error_format(&re, buf, sizeof buf);
        ERR(c, p, "cannot load robot: %s", buf);
        return;
    }
    if (r->tip && ct_urdf_find_link(urdf, r->tip) < 0) {
        snprintf(p, sizeof p, "%s/tip", path);
        ERR(c, p, "no link '%s' in %s", r->tip, r->urdf_file);
        ct_urdf_free(urdf);
        return;
    }
    /* Compile once without geometry to learn the dofs, check the counts, then for real. */
    ct_robot_def rd = ct_robot_default_def();
    rd.tip_frame = r->tip;
    rd.meshes = CT_MESHES_NONE;
    ct_robot *probe = NULL;
    if (ct_robot_compile(urdf, &rd, &probe, &re) != CT_OK) {
        ct_error_format(&re, buf, sizeof buf);
        ERR(c, p, "cannot load robot: %s", buf);
        ct_urdf_free(urdf);
        return;
    }
    int ndof = probe->ndof, ok = 1;
    const char *keys[3] = {"velocity_limits", "acceleration_limits", "home"};
    int counts[3] = {r->nvel, r->nacc, r->nhome};
    double *arrays[3] = {r->vel_limits, r->acc_limits, r->home};
    for (int k = 0; k < 3; k++)
        if (counts[k] && counts[k] != ndof) {
            snprintf(p, sizeof p, "%s/%s", path, keys[k]);
            ERR(c, p, "expected %d numbers (one per joint of %s), got %d", ndof, r->urdf_file, counts[k]);
            ok = 0;
        } else if (counts[k]) {
            fix_units(probe, arrays[k], ndof);
        }
    if (ok && r->nhome && !ct_robot_within_limits(probe, r->home, 1e-9)) {
        snprintf(p, sizeof p, "%s/home", path);
        ERR(c, p, "home position outside the joint limits of %s", r->urdf_file);
        ok = 0;
    }
    ct_robot_destroy(probe);
    if (ok) {
        rd.meshes = c->def.robot_meshes;
        rd.vel_limits = r->nvel ? r->vel_limits : NULL;
        rd.accel_limits = r->nacc ? r->acc_limits : NULL;
        if (ct_robot_compile(urdf, &rd, &r->robot, &re) != CT_OK) {
            ct_error_format(&re, buf, sizeof buf);
            snprintf(p, sizeof p, "%s/urdf", path);
            ERR(c, p, "cannot load robot: %s", buf);
        }
    }
    ct_urdf_free(urdf);
}

/* "robot/<link>" names must name a link of the loaded robot. */
static void check_pair_links(cell_ctx *c, const ct_cell *cell, const ct_cell_pair *pairs, int n, const char *key) {
    for (int i = 0; i < n; i++)
        for (int s = 0; s < 2; s++) {
            const char *name = s ? pairs[i].b : pairs[i].a;
            const char *slash = name ? strchr(name, '/') : NULL;
            if (!slash || !strcmp(slash + 1, "tool")) continue;
            char head[CT_CELL_MAX_NAME + 1];
            size_t hn = (size_t)(slash - name);
            if (hn > CT_CELL_MAX_NAME) continue;
            memcpy(head, name, hn);
            head[hn] = 0;
            int ri = ct_cell_find_robot(cell, head);
            if (ri < 0 || !cell->robot[ri].robot) continue;
            if (ct_robot_find_link(cell->robot[ri].robot, slash + 1) < 0) {
                char p[96];
                if (!strcmp(key, "allowed_contacts")) snprintf(p, sizeof p, "/%s/%d/%d", key, i, s);
                else snprintf(p, sizeof p, "/%s/%d/%s", key, i, s ? "b" : "a");
                ERR(c, p, "robot '%s' has no link '%s'", head, slash + 1);
            }
        }
}

static void load_files(cell_ctx *c, const char *cell_path, ct_cell *cell) {
    char p[CT_CELL_PATH_MAX];
    for (int i = 0; i < cell->nrobot && c->nerr < c->def.max_errors; i++) {
        ct_cell_robot *r = &cell->robot[i];
        load_robot(c, cell_path, r, i);
        for (int k = 0; k < r->ntool; k++) {
            snprintf(p, sizeof p, "/robots/%d/tools/%d/geometry", i, k);
            load_shape(c, cell_path, &r->tool[k].shape, p);
        }
        for (int k = 0; k < r->nprogram; k++) {
            r->program_path[k] = resolve(cell_path, r->program_file[k]);
            if (c->def.check_programs && !is_file(r->program_path[k])) {
                snprintf(p, sizeof p, "/robots/%d/programs/%d", i, k);
                ERR(c, p, "program file '%s' not found (looked for %s)", r->program_file[k],
                    r->program_path[k] ? r->program_path[k] : "?");
            }
        }
    }
    for (int i = 0; i < cell->nobject && c->nerr < c->def.max_errors; i++) {
        snprintf(p, sizeof p, "/objects/%d/geometry", i);
        load_shape(c, cell_path, &cell->object[i].shape, p);
    }
    for (int i = 0; i < cell->npart && c->nerr < c->def.max_errors; i++) {
        snprintf(p, sizeof p, "/attached_parts/%d/geometry", i);
        load_shape(c, cell_path, &cell->part[i].shape, p);
    }
    check_pair_links(c, cell, cell->allowed, cell->nallowed, "allowed_contacts");
    check_pair_links(c, cell, cell->clear, cell->nclear, "clearance_pairs");
}

ct_status ct_cell_load(const char *path, const ct_cell_def *def, ct_cell **out, ct_error *err) {
    *out = NULL;
    cell_ctx c;
    init_ctx(&c, NULL, 0, path, def, err);
    FILE *f = fopen(path, "rb");
    if (!f) return ct_cell_failf(&c, CT_ERR_IO, 0, 0, "cannot open cell file");
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 65536 + 1 > cap) {
            cap = cap ? cap * 2 : 65536 * 2;
            char *t = ct_realloc(text, cap);
            if (!t) { fclose(f); ct_free(text); return ct_cell_failf(&c, CT_ERR_NO_MEMORY, 0, 0, "out of memory"); }
            text = t;
        }
        size_t got = fread(text + len, 1, 65536, f);
        len += got;
        if (got < 65536 || len > CT_CELL_MAX_BYTES) break;
    }
    int bad = ferror(f);
    fclose(f);
    ct_status s = CT_OK;
    if (bad) s = ct_cell_failf(&c, CT_ERR_IO, 0, 0, "cannot read cell file");
    else if (len > CT_CELL_MAX_BYTES) s = ct_cell_failf(&c, CT_ERR_LIMIT, 0, 0, "cell file larger than %u bytes", CT_CELL_MAX_BYTES);
    else if (len == 0) s = ct_cell_failf(&c, CT_ERR_PARSE, 0, 0, "empty cell file");
    if (s != CT_OK) { ct_free(text); return s; }
    text[len] = 0;
    c.text = text;
    c.len = len;
    ct_cell *cell = NULL;
    s = ct_cell_parse_ctx(&c, &cell);
    if (s == CT_OK) {
        cell->source_path = ct_strdup(path);
        load_files(&c, path, cell);
        if (c.nerr) {
            s = err ? err->code : CT_ERR_INVALID;
            ct_cell_destroy(cell);
            cell = NULL;
        }
    }
    ct_free(text);
    if (s == CT_OK && !cell) s = CT_ERR_INVALID;
    *out = cell;
    return s;
}
