/* URDF parser: reads the XML with libxml2 (no network, no entity expansion) into a
 * ct_urdf_model, element order kept, every error with file:line. Validation of the tree
 * lives in urdf_check.c, mesh path resolution in urdf_path.c. */
#include "urdf_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Parse state: the model being built and the names that urdf_check resolves afterwards. */
typedef struct parse_ctx {
    const char *file;        /* name used in messages */
    const char *base_dir;    /* for relative mesh paths */
    ct_error *err;
    xmlDocPtr doc;
    ct_urdf_model *m;
    int cap_link, cap_joint, cap_mat;
    char **parent_name, **child_name, **mimic_name; /* (cap_joint) owned */
    ct_name_map link_names, joint_names;
    char **tmp; int ntmp, cap_tmp;                  /* xmlChar strings to release */
} parse_ctx;

#define TRY(x) do { ct_status st_ = (x); if (st_ != CT_OK) return st_; } while (0)

/* Source line of a node: elements carry their full line in psvi (see on_start_element), since
 * libxml2 2.9 stores at most 65535 in node->line. */
static int line_of(xmlNodePtr n) {
    if (n->type == XML_ELEMENT_NODE && n->psvi) return (int)(intptr_t)n->psvi;
    long l = xmlGetLineNo(n);
    return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

static ct_status fail(parse_ctx *c, ct_status code, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static ct_status fail(parse_ctx *c, ct_status code, xmlNodePtr n, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ct_error_set(c->err, code, c->file, n ? line_of(n) : 0, 0, "%s", msg);
}

static ct_status no_memory(parse_ctx *c) {
    return ct_error_set(c->err, CT_ERR_NO_MEMORY, c->file, 0, 0, "out of memory");
}

static int is_elem(xmlNodePtr n, const char *name) {
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* First child element with this name, or NULL. */
static xmlNodePtr child(xmlNodePtr n, const char *name) {
    for (xmlNodePtr k = n->children; k; k = k->next)
        if (is_elem(k, name)) return k;
    return NULL;
}

/* Attribute value or NULL. Plain text values are borrowed; others are copied and released
 * with the parse context. */
static const char *attr(parse_ctx *c, xmlNodePtr n, const char *name) {
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
    if (!a || a->type != XML_ATTRIBUTE_NODE) return NULL;
    if (!a->children) return "";
    if (a->children->type == XML_TEXT_NODE && !a->children->next && a->children->content)
        return (const char *)a->children->content;
    if (c->ntmp == c->cap_tmp) {
        int cap = c->cap_tmp ? 2 * c->cap_tmp : 16;
        char **t = ct_realloc(c->tmp, sizeof *t * (size_t)cap);
        if (!t) return NULL;
        c->tmp = t;
        c->cap_tmp = cap;
    }
    xmlChar *v = xmlNodeListGetString(c->doc, a->children, 1);
    if (!v) return NULL;
    c->tmp[c->ntmp++] = (char *)v;
    return (const char *)v;
}

static ct_status req_attr(parse_ctx *c, xmlNodePtr n, const char *name, const char **out) {
    *out = attr(c, n, name);
    if (!*out)
        return fail(c, CT_ERR_PARSE, n, "<%s> is missing the required attribute '%s'", (const char *)n->name,
                    name);
    return CT_OK;
}

/* Reads attribute `name` of n as exactly `count` numbers. Missing: CT_OK with *present = 0. */
static ct_status num_attr(parse_ctx *c, xmlNodePtr n, const char *name, int count, double *out, int *present) {
    const char *s = attr(c, n, name);
    if (present) *present = s != NULL;
    if (!s) return CT_OK;
    int r = ct_urdf_parse_numbers(s, out, count);
    if (r == 0) return CT_OK;
    char what[96];
    snprintf(what, sizeof what, "%s=\"%.40s\"", name, s);
    if (r == 2) return fail(c, CT_ERR_INVALID, n, "<%s>: %s is not a finite number (NaN or infinity)",
                            (const char *)n->name, what);
    return fail(c, CT_ERR_PARSE, n, "<%s>: %s must be %d number%s", (const char *)n->name, what, count,
                count == 1 ? "" : "s");
}

static ct_status req_num(parse_ctx *c, xmlNodePtr n, const char *name, int count, double *out) {
    int present;
    TRY(num_attr(c, n, name, count, out, &present));
    if (!present)
        return fail(c, CT_ERR_PARSE, n, "<%s> is missing the required attribute '%s'", (const char *)n->name,
                    name);
    return CT_OK;
}

/* <origin xyz rpy> child of n (identity when absent). */
static ct_status parse_origin(parse_ctx *c, xmlNodePtr n, ct_xform *out) {
    *out = ct_xf_identity();
    xmlNodePtr o = child(n, "origin");
    if (!o) return CT_OK;
    double xyz[3] = {0, 0, 0}, rpy[3] = {0, 0, 0};
    TRY(num_attr(c, o, "xyz", 3, xyz, NULL));
    TRY(num_attr(c, o, "rpy", 3, rpy, NULL));
    *out = ct_xf(ct_m3_from_rpy(rpy[0], rpy[1], rpy[2]), ct_v3(xyz[0], xyz[1], xyz[2]));
    return CT_OK;
}

static ct_status parse_rgba(parse_ctx *c, xmlNodePtr color, double rgba[4]) {
    TRY(req_num(c, color, "rgba", 4, rgba));
    for (int i = 0; i < 4; i++)
        if (rgba[i] < 0 || rgba[i] > 1)
            return fail(c, CT_ERR_INVALID, color, "<color>: rgba values must lie in [0, 1]");
    return CT_OK;
}

/* Grows an array of `size`-byte items to hold n + 1. */
static int grow(void **arr, int *cap, int n, size_t size) {
    if (n < *cap) return 0;
    int nc = *cap ? *cap * 2 : 8;
    void *p = ct_realloc(*arr, size * (size_t)nc);
    if (!p) return -1;
    memset((char *)p + size * (size_t)*cap, 0, size * (size_t)(nc - *cap));
    *arr = p;
    *cap = nc;
    return 0;
}

/* Top-level <material name><color rgba/></material>. */
static ct_status parse_material(parse_ctx *c, xmlNodePtr n) {
    const char *name;
    TRY(req_attr(c, n, "name", &name));
    ct_urdf_model *m = c->m;
    if (grow((void **)&m->materials, &c->cap_mat, m->nmaterial, sizeof *m->materials)) return no_memory(c);
    ct_urdf_material *mat = &m->materials[m->nmaterial++];
    mat->rgba[0] = mat->rgba[1] = mat->rgba[2] = 0.7;
    mat->rgba[3] = 1;
    if (!(mat->name = ct_strdup(name))) return no_memory(c);
    xmlNodePtr color = child(n, "color");
    if (color) TRY(parse_rgba(c, color, mat->rgba));
    return CT_OK;
}

/* <geometry> with exactly one of box, cylinder, sphere, mesh. */
static ct_status parse_geometry(parse_ctx *c, xmlNodePtr g, ct_urdf_geom *geom) {
    xmlNodePtr s = NULL;
    for (xmlNodePtr k = g->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        if (s) return fail(c, CT_ERR_PARSE, k, "<geometry> holds more than one shape (<%s> after <%s>)",
                           (const char *)k->name, (const char *)s->name);
        s = k;
    }
    if (!s) return fail(c, CT_ERR_PARSE, g, "<geometry> is empty: expected box, cylinder, sphere or mesh");
    if (is_elem(s, "box")) {
        geom->type = CT_GEOM_BOX;
        TRY(req_num(c, s, "size", 3, geom->size));
        if (geom->size[0] < 0 || geom->size[1] < 0 || geom->size[2] < 0)
            return fail(c, CT_ERR_INVALID, s, "<box>: negative size");
    } else if (is_elem(s, "cylinder")) {
        geom->type = CT_GEOM_CYLINDER;
        TRY(req_num(c, s, "radius", 1, &geom->radius));
        TRY(req_num(c, s, "length", 1, &geom->length));
        if (geom->radius < 0 || geom->length < 0)
            return fail(c, CT_ERR_INVALID, s, "<cylinder>: negative radius or length");
    } else if (is_elem(s, "sphere")) {
        geom->type = CT_GEOM_SPHERE;
        TRY(req_num(c, s, "radius", 1, &geom->radius));
        if (geom->radius < 0) return fail(c, CT_ERR_INVALID, s, "<sphere>: negative radius");
    } else if (is_elem(s, "mesh")) {
        geom->type = CT_GEOM_MESH;
        const char *fn;
        TRY(req_attr(c, s, "filename", &fn));
        if (!fn[0]) return fail(c, CT_ERR_PARSE, s, "<mesh>: empty filename");
        TRY(num_attr(c, s, "scale", 3, geom->scale, NULL));
        if (!(geom->mesh_path = ct_urdf_resolve_path(fn, c->base_dir))) return no_memory(c);
    } else {
        return fail(c, CT_ERR_UNSUPPORTED, s, "unknown geometry <%s> (expected box, cylinder, sphere or mesh)",
                    (const char *)s->name);
    }
    return CT_OK;
}

/* One <visual> or <collision>. */
static ct_status parse_geom(parse_ctx *c, xmlNodePtr n, ct_urdf_geom *geom) {
    geom->line = line_of(n);
    geom->scale[0] = geom->scale[1] = geom->scale[2] = 1;
    geom->rgba[0] = geom->rgba[1] = geom->rgba[2] = 0.7;
    geom->rgba[3] = 1;
    TRY(parse_origin(c, n, &geom->origin));
    xmlNodePtr g = child(n, "geometry");
    if (!g) return fail(c, CT_ERR_PARSE, n, "<%s> has no <geometry>", (const char *)n->name);
    TRY(parse_geometry(c, g, geom));
    xmlNodePtr mat = is_elem(n, "visual") ? child(n, "material") : NULL;
    if (mat) {
        const char *name = attr(c, mat, "name");
        if (name && !(geom->material = ct_strdup(name))) return no_memory(c);
        xmlNodePtr color = child(mat, "color");
        /* inline colour wins; a named material is looked up after the whole file is read */
        if (color) TRY(parse_rgba(c, color, geom->rgba));
        else geom->rgba[3] = -1;  /* marker: resolve by name later */
    }
    return CT_OK;
}

/* <inertial><mass value/><origin/><inertia ixx.../></inertial> */
static ct_status parse_inertial(parse_ctx *c, xmlNodePtr n, ct_urdf_inertial *in) {
    in->present = 1;
    TRY(parse_origin(c, n, &in->origin));
    xmlNodePtr mass = child(n, "mass");
    if (!mass) return fail(c, CT_ERR_PARSE, n, "<inertial> has no <mass>");
    TRY(req_num(c, mass, "value", 1, &in->mass));
    if (in->mass < 0) return fail(c, CT_ERR_INVALID, mass, "<mass>: negative mass");
    xmlNodePtr it = child(n, "inertia");
    if (!it) return fail(c, CT_ERR_PARSE, n, "<inertial> has no <inertia>");
    TRY(req_num(c, it, "ixx", 1, &in->ixx));
    TRY(req_num(c, it, "ixy", 1, &in->ixy));
    TRY(req_num(c, it, "ixz", 1, &in->ixz));
    TRY(req_num(c, it, "iyy", 1, &in->iyy));
    TRY(req_num(c, it, "iyz", 1, &in->iyz));
    TRY(req_num(c, it, "izz", 1, &in->izz));
    return CT_OK;
}

/* Appends one geometry slot to a link's visual or collision array. */
static ct_urdf_geom *add_geom(ct_urdf_geom **arr, int *n) {
    /* capacity is the next power of two: grow when n is 0 or a power of two */
    if ((*n & (*n - 1)) == 0) {
        ct_urdf_geom *p = ct_realloc(*arr, sizeof *p * (size_t)(*n ? *n * 2 : 1));
        if (!p) return NULL;
        *arr = p;
    }
    ct_urdf_geom *g = &(*arr)[(*n)++];
    memset(g, 0, sizeof *g);
    return g;
}

static ct_status parse_link(parse_ctx *c, xmlNodePtr n) {
    const char *name;
    TRY(req_attr(c, n, "name", &name));
    ct_urdf_model *m = c->m;
    if (grow((void **)&m->links, &c->cap_link, m->nlink, sizeof *m->links)) return no_memory(c);
    ct_urdf_link *l = &m->links[m->nlink++];
    l->line = line_of(n);
    if (!(l->name = ct_strdup(name))) return no_memory(c);
    int prev = ct_name_map_put(&c->link_names, l->name, m->nlink - 1);
    if (prev == -2) return no_memory(c);
    if (prev >= 0) {
        char other[32];
        snprintf(other, sizeof other, "%d", m->links[prev].line);
        return fail(c, CT_ERR_INVALID, n, "duplicate link name '%s' (first defined at line %s)", name, other);
    }
    int ninertial = 0;
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (is_elem(k, "inertial")) {
            if (ninertial++) return fail(c, CT_ERR_PARSE, k, "link '%s' has more than one <inertial>", name);
            TRY(parse_inertial(c, k, &l->inertial));
        } else if (is_elem(k, "visual")) {
            ct_urdf_geom *g = add_geom(&l->visuals, &l->nvisual);
            if (!g) return no_memory(c);
            TRY(parse_geom(c, k, g));
        } else if (is_elem(k, "collision")) {
            ct_urdf_geom *g = add_geom(&l->collisions, &l->ncollision);
            if (!g) return no_memory(c);
            TRY(parse_geom(c, k, g));
        }
    }
    return CT_OK;
}

static ct_status parse_joint_type(parse_ctx *c, xmlNodePtr n, const char *s, ct_joint_type *t) {
    static const struct { const char *name; ct_joint_type type; } types[] = {
        {"fixed", CT_JOINT_FIXED},         {"revolute", CT_JOINT_REVOLUTE}, {"continuous", CT_JOINT_CONTINUOUS},
        {"prismatic", CT_JOINT_PRISMATIC}, {"floating", CT_JOINT_FLOATING}, {"planar", CT_JOINT_PLANAR},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(s, types[i].name) == 0) {
            *t = types[i].type;
            return CT_OK;
        }
    return fail(c, CT_ERR_UNSUPPORTED, n,
                "unknown joint type '%.60s' (expected revolute, continuous, prismatic, fixed, floating or "
                "planar)", s);
}

/* <link link="name"/> reference inside a joint, copied into *out. */
static ct_status link_ref(parse_ctx *c, xmlNodePtr joint, const char *tag, char **out) {
    xmlNodePtr r = child(joint, tag);
    if (!r) return fail(c, CT_ERR_PARSE, joint, "joint has no <%s link=\"...\"/>", tag);
    const char *name;
    TRY(req_attr(c, r, "link", &name));
    if (!(*out = ct_strdup(name))) return no_memory(c);
    return CT_OK;
}

/* <limit lower upper velocity effort/> (required for revolute and prismatic joints). */
static ct_status parse_limit(parse_ctx *c, xmlNodePtr n, ct_urdf_joint *j) {
    xmlNodePtr lim = child(n, "limit");
    int bounded = j->type == CT_JOINT_REVOLUTE || j->type == CT_JOINT_PRISMATIC;
    j->lower = j->upper = 0;
    if (j->type == CT_JOINT_CONTINUOUS || j->type == CT_JOINT_FLOATING || j->type == CT_JOINT_PLANAR) {
        j->lower = -INFINITY;
        j->upper = INFINITY;
    }
    if (!lim) {
        if (bounded) return fail(c, CT_ERR_PARSE, n, "%s joint '%s' has no <limit>", j->type == CT_JOINT_REVOLUTE ? "revolute" : "prismatic", j->name);
        return CT_OK;
    }
    j->has_limit = 1;
    if (bounded) {
        TRY(num_attr(c, lim, "lower", 1, &j->lower, NULL));
        TRY(num_attr(c, lim, "upper", 1, &j->upper, NULL));
        if (j->lower > j->upper) {
            char v[80];
            snprintf(v, sizeof v, "%g > upper %g", j->lower, j->upper);
            return fail(c, CT_ERR_INVALID, lim, "joint '%s': limit lower %s", j->name, v);
        }
    }
    TRY(num_attr(c, lim, "velocity", 1, &j->velocity, NULL));
    TRY(num_attr(c, lim, "effort", 1, &j->effort, NULL));
    if (j->velocity < 0 || j->effort < 0)
        return fail(c, CT_ERR_INVALID, lim, "joint '%s': negative velocity or effort limit", j->name);
    return CT_OK;
}

static ct_status parse_joint(parse_ctx *c, xmlNodePtr n) {
    const char *name, *type;
    TRY(req_attr(c, n, "name", &name));
    ct_urdf_model *m = c->m;
    /* joints and the three name arrays share one capacity */
    if (m->njoint == c->cap_joint) {
        int cap = c->cap_joint, c2 = cap, c3 = cap, c4 = cap;
        if (grow((void **)&m->joints, &cap, m->njoint, sizeof *m->joints) ||
            grow((void **)&c->parent_name, &c2, m->njoint, sizeof(char *)) ||
            grow((void **)&c->child_name, &c3, m->njoint, sizeof(char *)) ||
            grow((void **)&c->mimic_name, &c4, m->njoint, sizeof(char *)))
            return no_memory(c);
        c->cap_joint = cap;
    }
    int idx = m->njoint++;
    ct_urdf_joint *j = &m->joints[idx];
    j->line = line_of(n);
    j->mimic = -1;
    j->parent = j->child = -1;
    j->origin = ct_xf_identity();
    j->axis = ct_v3(1, 0, 0);
    if (!(j->name = ct_strdup(name))) return no_memory(c);
    int prev = ct_name_map_put(&c->joint_names, j->name, idx);
    if (prev == -2) return no_memory(c);
    if (prev >= 0) {
        char other[32];
        snprintf(other, sizeof other, "%d", m->joints[prev].line);
        return fail(c, CT_ERR_INVALID, n, "duplicate joint name '%s' (first defined at line %s)", name, other);
    }
    TRY(req_attr(c, n, "type", &type));
    TRY(parse_joint_type(c, n, type, &j->type));
    TRY(parse_origin(c, n, &j->origin));
    TRY(link_ref(c, n, "parent", &c->parent_name[idx]));
    TRY(link_ref(c, n, "child", &c->child_name[idx]));
    /* axis: default +x, must be non-zero, normalised */
    xmlNodePtr ax = child(n, "axis");
    if (ax && j->type != CT_JOINT_FIXED && j->type != CT_JOINT_FLOATING) {
        double a[3];
        TRY(req_num(c, ax, "xyz", 3, a));
        double norm = sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        if (!(norm > 1e-12)) return fail(c, CT_ERR_INVALID, ax, "joint '%s': zero-length <axis>", j->name);
        j->axis = ct_v3(a[0] / norm, a[1] / norm, a[2] / norm);
    }
    TRY(parse_limit(c, n, j));
    /* mimic: q = multiplier * q_target + offset */
    xmlNodePtr mim = child(n, "mimic");
    j->mimic_multiplier = 1;
    j->mimic_offset = 0;
    if (mim) {
        const char *target;
        TRY(req_attr(c, mim, "joint", &target));
        if (!(c->mimic_name[idx] = ct_strdup(target))) return no_memory(c);
        TRY(num_attr(c, mim, "multiplier", 1, &j->mimic_multiplier, NULL));
        TRY(num_attr(c, mim, "offset", 1, &j->mimic_offset, NULL));
    }
    return CT_OK;
}

/* Named materials used by visuals without an inline colour: top-level first, then the first
 * inline material of the same name elsewhere in the file; default grey otherwise. Hash maps keep
 * this linear in the number of visuals. */
static ct_status resolve_materials(parse_ctx *c) {
    ct_urdf_model *m = c->m;
    ct_name_map top = {0}, inl = {0};
    const ct_urdf_geom **inline_geom = NULL;
    int ninline = 0, cap = 0;
    ct_status st = CT_OK;
    for (int k = 0; k < m->nmaterial && st == CT_OK; k++)
        if (ct_name_map_put(&top, m->materials[k].name, k) == -2) st = no_memory(c);
    for (int i = 0; i < m->nlink && st == CT_OK; i++)
        for (int v = 0; v < m->links[i].nvisual && st == CT_OK; v++) {
            const ct_urdf_geom *g = &m->links[i].visuals[v];
            if (!g->material || g->rgba[3] < 0 || ct_name_map_get(&inl, g->material) >= 0) continue;
            if (grow((void **)&inline_geom, &cap, ninline, sizeof *inline_geom) ||
                ct_name_map_put(&inl, g->material, ninline) == -2)
                st = no_memory(c);
            else
                inline_geom[ninline++] = g;
        }
    for (int i = 0; i < m->nlink && st == CT_OK; i++)
        for (int v = 0; v < m->links[i].nvisual; v++) {
            ct_urdf_geom *g = &m->links[i].visuals[v];
            if (g->rgba[3] >= 0) continue;
            const double grey[4] = {0.7, 0.7, 0.7, 1};
            memcpy(g->rgba, grey, sizeof grey);
            int k = g->material ? ct_name_map_get(&top, g->material) : -1;
            if (k >= 0) {
                memcpy(g->rgba, m->materials[k].rgba, sizeof g->rgba);
                continue;
            }
            k = g->material ? ct_name_map_get(&inl, g->material) : -1;
            if (k >= 0) memcpy(g->rgba, inline_geom[k]->rgba, sizeof g->rgba);
        }
    ct_name_map_free(&top);
    ct_name_map_free(&inl);
    ct_free(inline_geom);
    return st;
}

/* Rejects documents that declare entities: without expansion they are useless in a URDF, and
 * expanding them later (xmlNodeListGetString) could explode ("billion laughs"). */
static ct_status check_no_entities(parse_ctx *c) {
    xmlDtdPtr dtd = c->doc->intSubset;
    if (!dtd) return CT_OK;
    for (xmlNodePtr k = dtd->children; k; k = k->next)
        if (k->type == XML_ENTITY_DECL)
            return fail(c, CT_ERR_UNSUPPORTED, k, "entity declarations (<!ENTITY>) are not allowed in URDF");
    return CT_OK;
}

/* Walks <robot>: materials, links and joints in file order; then validates. */
static ct_status parse_robot(parse_ctx *c) {
    xmlNodePtr root = xmlDocGetRootElement(c->doc);
    if (!root) return fail(c, CT_ERR_PARSE, NULL, "no root element");
    TRY(check_no_entities(c));
    if (!is_elem(root, "robot"))
        return fail(c, CT_ERR_PARSE, root, "root element is <%s>, expected <robot>", (const char *)root->name);
    const char *name;
    TRY(req_attr(c, root, "name", &name));
    if (!(c->m->name = ct_strdup(name))) return no_memory(c);
    for (xmlNodePtr k = root->children; k; k = k->next) {
        if (is_elem(k, "material")) TRY(parse_material(c, k));
        else if (is_elem(k, "link")) TRY(parse_link(c, k));
        else if (is_elem(k, "joint")) TRY(parse_joint(c, k));
    }
    if (c->m->nlink == 0) return fail(c, CT_ERR_INVALID, root, "the robot has no <link>");
    TRY(resolve_materials(c));
    return ct_urdf_check(c->m, c->file, c->parent_name, c->child_name, c->mimic_name, c->err);
}

/* First libxml2 error (later ones are often consequences: "premature end of data"). */
typedef struct xml_first_error {
    int set, line, column;
    char message[300];
} xml_first_error;

static void on_xml_error(void *user, xmlErrorPtr e) {
    xmlParserCtxtPtr px = user;
    xml_first_error *f = px ? px->_private : NULL;
    if (!f || f->set || !e || e->level < XML_ERR_ERROR) return;
    f->set = 1;
    f->line = e->line;
    f->column = e->int2;
    snprintf(f->message, sizeof f->message, "%s", e->message ? e->message : "malformed XML");
    size_t n = strlen(f->message);
    while (n && (f->message[n - 1] == '\n' || f->message[n - 1] == ' ')) f->message[--n] = 0;
}

/* Default SAX2 element start, then the element's full line number into psvi. */
static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                             int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                             const xmlChar **attributes) {
    xmlParserCtxtPtr px = ctx;
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
                          attributes);
    if (px->node && px->input && px->input->line > 0) px->node->psvi = (void *)(intptr_t)px->input->line;
}

static ct_status xml_error(parse_ctx *c, const xml_first_error *f) {
    if (!f->set) return ct_error_set(c->err, CT_ERR_PARSE, c->file, 0, 0, "malformed XML");
    return ct_error_set(c->err, CT_ERR_PARSE, c->file, f->line, f->column, "malformed XML: %s", f->message);
}

static void ctx_free(parse_ctx *c) {
    for (int i = 0; i < c->ntmp; i++) xmlFree(c->tmp[i]);
    ct_free(c->tmp);
    int n = c->m ? c->m->njoint : 0;
    for (int i = 0; i < n; i++) {
        ct_free(c->parent_name[i]);
        ct_free(c->child_name[i]);
        ct_free(c->mimic_name[i]);
    }
    ct_free(c->parent_name);
    ct_free(c->child_name);
    ct_free(c->mimic_name);
    ct_name_map_free(&c->link_names);
    ct_name_map_free(&c->joint_names);
    if (c->doc) xmlFreeDoc(c->doc);
}

ct_status ct_urdf_parse(const char *data, size_t size, const char *name, const char *base_dir,
                        ct_urdf_model **out, ct_error *err) {
    ct_error_clear(err);
    if (out) *out = NULL;
    if (!name) name = "<string>";
    if (!out || (!data && size)) return ct_error_set(err, CT_ERR_INVALID, name, 0, 0, "invalid arguments");
    if (size > CT_URDF_MAX_BYTES)
        return ct_error_set(err, CT_ERR_LIMIT, name, 0, 0, "URDF is %zu bytes, more than the limit of %u bytes",
                            size, (unsigned)CT_URDF_MAX_BYTES);
    size_t ws = 0;
    while (ws < size && (data[ws] == ' ' || data[ws] == '\t' || data[ws] == '\n' || data[ws] == '\r')) ws++;
    if (ws == size) return ct_error_set(err, CT_ERR_PARSE, name, 0, 0, "empty URDF file");

    parse_ctx c = {.file = name, .base_dir = base_dir, .err = err};
    c.m = ct_alloc(sizeof *c.m);
    if (!c.m) return no_memory(&c);
    if (!(c.m->path = ct_strdup(name))) {
        ct_free(c.m);
        return no_memory(&c);
    }
    c.m->root = -1;

    /* No network, no entity substitution, no DTD loading, default (non-huge) limits. */
    xmlInitParser();
    xmlParserCtxtPtr px = xmlNewParserCtxt();
    xml_first_error first = {0};
    ct_status st = CT_OK;
    if (!px) st = no_memory(&c);
    if (st == CT_OK) {
        px->_private = &first;
        px->sax->serror = on_xml_error;
        px->sax->startElementNs = on_start_element;
        int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                   XML_PARSE_BIG_LINES;
        c.doc = xmlCtxtReadMemory(px, data, (int)size, name, NULL, opts);
        if (!c.doc || first.set) st = xml_error(&c, &first);
    }
    if (st == CT_OK) st = parse_robot(&c);
    if (px) xmlFreeParserCtxt(px);
    ctx_free(&c);
    if (st != CT_OK) {
        ct_urdf_free(c.m);
        return st;
    }
    *out = c.m;
    return CT_OK;
}

ct_status ct_urdf_load(const char *path, ct_urdf_model **out, ct_error *err) {
    ct_error_clear(err);
    if (out) *out = NULL;
    if (!path || !out) return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "invalid arguments");
    FILE *f = fopen(path, "rb");
    if (!f) return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot open URDF: %s", strerror(errno));
    /* Size first: never read a huge file into memory. */
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return ct_error_set(err, CT_ERR_IO, path, 0, 0, "not a regular file");
    }
    if ((unsigned long long)st.st_size > CT_URDF_MAX_BYTES) {
        fclose(f);
        return ct_error_set(err, CT_ERR_LIMIT, path, 0, 0, "URDF is %lld bytes, more than the limit of %u bytes",
                            (long long)st.st_size, (unsigned)CT_URDF_MAX_BYTES);
    }
    size_t size = (size_t)st.st_size;
    char *buf = ct_alloc(size + 1);
    if (!buf) {
        fclose(f);
        return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory reading %zu bytes", size);
    }
    size_t got = size ? fread(buf, 1, size, f) : 0;
    int rerr = ferror(f);
    fclose(f);
    if (got != size || rerr) {
        ct_free(buf);
        return ct_error_set(err, CT_ERR_IO, path, 0, 0, "read error");
    }
    /* Relative mesh paths resolve against the URDF's directory. */
    char *dir = ct_strdup(path);
    if (!dir) {
        ct_free(buf);
        return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory");
    }
    char *slash = strrchr(dir, '/');
    if (slash) slash[slash == dir ? 1 : 0] = 0;
    else strcpy(dir, ".");
    ct_status s = ct_urdf_parse(buf, size, path, dir, out, err);
    ct_free(dir);
    ct_free(buf);
    return s;
}

static void free_geoms(ct_urdf_geom *g, int n) {
    for (int i = 0; i < n; i++) {
        ct_free(g[i].mesh_path);
        ct_free(g[i].material);
    }
    ct_free(g);
}

void ct_urdf_free(ct_urdf_model *m) {
    if (!m) return;
    for (int i = 0; i < m->nlink; i++) {
        ct_free(m->links[i].name);
        free_geoms(m->links[i].visuals, m->links[i].nvisual);
        free_geoms(m->links[i].collisions, m->links[i].ncollision);
    }
    for (int i = 0; i < m->njoint; i++) ct_free(m->joints[i].name);
    for (int i = 0; i < m->nmaterial; i++) ct_free(m->materials[i].name);
    ct_free(m->links);
    ct_free(m->joints);
    ct_free(m->materials);
    ct_free(m->name);
    ct_free(m->path);
    ct_free(m);
}

int ct_urdf_find_link(const ct_urdf_model *m, const char *name) {
    if (!m || !name) return -1;
    for (int i = 0; i < m->nlink; i++)
        if (strcmp(m->links[i].name, name) == 0) return i;
    return -1;
}

int ct_urdf_find_joint(const ct_urdf_model *m, const char *name) {
    if (!m || !name) return -1;
    for (int i = 0; i < m->njoint; i++)
        if (strcmp(m->joints[i].name, name) == 0) return i;
    return -1;
}
