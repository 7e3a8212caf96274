/* Cell format tests: the sample cell loads with the expected content; poses convert like
 * independently written elementary rotations; save -> load round trips; every validation error
 * names the expected JSON path and line; the sample meshes have the intended shape. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "celltwin/cell.h"
#include "ct_test.h"

#define SAMPLE CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json"

/* Collects diagnostics for the checks below. */
typedef struct diags { int n; ct_cell_diag d[32]; char msg[32][512]; } diags;
static void collect(const ct_cell_diag *d, void *user) {
    diags *s = user;
    if (s->n >= 32) return;
    s->d[s->n] = *d;
    snprintf(s->msg[s->n], sizeof s->msg[0], "%s", d->message);
    s->d[s->n].message = s->msg[s->n];
    s->n++;
}

/* ---- independent pose reference: elementary rotations written out here ---- */
static void rx(double a, double m[9]) { double c = cos(a), s = sin(a); double r[9] = {1, 0, 0, 0, c, -s, 0, s, c}; memcpy(m, r, sizeof r); }
static void ry(double a, double m[9]) { double c = cos(a), s = sin(a); double r[9] = {c, 0, s, 0, 1, 0, -s, 0, c}; memcpy(m, r, sizeof r); }
static void rz(double a, double m[9]) { double c = cos(a), s = sin(a); double r[9] = {c, -s, 0, s, c, 0, 0, 0, 1}; memcpy(m, r, sizeof r); }
static void mul(const double a[9], const double b[9], double o[9]) {
    double t[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) t[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
    memcpy(o, t, sizeof t);
}
/* Expected transform of a file pose [mm, mm, mm, deg, deg, deg]: R = Rz Ry Rx. */
static int pose_matches(ct_xform t, const double v[6], double tol) {
    const double d = 3.14159265358979323846 / 180;
    double a[9], b[9], c[9], r[9];
    rx(v[3] * d, a);
    ry(v[4] * d, b);
    rz(v[5] * d, c);
    mul(c, b, r);
    mul(r, a, r);
    for (int i = 0; i < 9; i++)
        if (fabs(t.R.m[i] - r[i]) > tol) return 0;
    return fabs(t.p.x - v[0] / 1000) <= tol && fabs(t.p.y - v[1] / 1000) <= tol && fabs(t.p.z - v[2] / 1000) <= tol;
}

static int test_sample_cell_loads(void) {
    ct_cell *c = NULL;
    ct_error err;
    ct_status s = ct_cell_load(SAMPLE, NULL, &c, &err);
    CT_ENSURE_MSG(s == CT_OK, "%s:%d:%d %s", err.file, err.line, err.column, err.message);
    CT_ENSURE(c->version == 1 && !strcmp(c->name, "spot_weld"));
    CT_ENSURE(c->nrobot == 2 && c->nobject == 5);
    CT_ENSURE_NEAR(c->clearance, 0.010, 1e-15);
    const ct_cell_robot *r1 = &c->robot[ct_cell_find_robot(c, "r1")];
    const ct_cell_robot *r2 = &c->robot[ct_cell_find_robot(c, "r2")];
    CT_ENSURE(r1->robot && r1->robot->ndof == 6 && !strcmp(r1->robot->name, "ct_hs220"));
    CT_ENSURE(r2->robot && r2->robot->ndof == 6 && !strcmp(r2->robot->name, "ct_m1013"));
    /* r1 base: yaw 90 deg at (0, -2.6, 0) m: x -> +y, y -> -x */
    CT_ENSURE_NEAR(r1->base.R.m[1], -1, 1e-15);
    CT_ENSURE_NEAR(r1->base.R.m[3], 1, 1e-15);
    CT_ENSURE_NEAR(r1->base.R.m[0], 0, 1e-15);
    CT_ENSURE_NEAR(r1->base.p.y, -2.6, 1e-15);
    const ct_cell_tool *gun = ct_cell_robot_tool(r1, 1);
    CT_ENSURE(gun && !strcmp(gun->name, "gun1"));
    CT_ENSURE_NEAR(gun->tcp.p.z, 0.5, 1e-15);
    CT_ENSURE(gun->shape.mesh && gun->shape.mesh->ntri == 24);
    CT_ENSURE_NEAR(gun->shape.mesh->aabb_max[2], 0.5, 1e-6);
    /* r2's gun is the same mesh at scale 0.5: the electrode tip (TCP) at 0.25 m */
    const ct_cell_tool *gun2 = ct_cell_robot_tool(r2, 1);
    CT_ENSURE_NEAR(gun2->shape.mesh->aabb_max[2], 0.25, 1e-6);
    CT_ENSURE_NEAR(gun2->tcp.p.z, 0.25, 1e-15);
    /* overrides reach the compiled robots: r1 speeds (deg/s), r2 accelerations (deg/s^2) */
    CT_ENSURE_NEAR(r1->robot->dof_vel[5], 220 * CT_DEG, 1e-12);
    CT_ENSURE_NEAR(r2->robot->dof_acc[2], 540 * CT_DEG, 1e-12);
    CT_ENSURE_NEAR(r1->home[1], 110 * CT_DEG, 1e-15);
    CT_ENSURE_NEAR(r1->accuracy[3], 0.050, 1e-15);
    CT_ENSURE(r1->nprogram == 1 && !strcmp(r1->program_file[0], "programs/0001.JOB"));
    CT_ENSURE(r2->has_io && r2->io.wait_time == 0.2 && !r1->has_io && r1->io.ninput == 2);
    const ct_cell_object *body = &c->object[ct_cell_find_object(c, "body")];
    CT_ENSURE(body->group == CT_CELL_CAR_BODY && body->shape.mesh && body->shape.mesh->ntri > 2000 &&
              body->shape.mesh->ntri < 10000);
    const ct_cell_object *ped = &c->object[ct_cell_find_object(c, "pedestal")];
    CT_ENSURE(ped->shape.kind == CT_CELL_SHAPE_BOX);
    CT_ENSURE_NEAR(ped->shape.size[2], 0.8, 1e-15);
    /* pairs: allowed contact in either order; robot name covers its links */
    CT_ENSURE(ct_cell_contact_allowed(c, "pedestal", "r2/base"));
    CT_ENSURE(!ct_cell_contact_allowed(c, "pedestal", "r2/link_1"));
    CT_ENSURE_NEAR(ct_cell_clearance_for(c, "r2/link_3", "r1/tool"), 0.050, 1e-15);
    CT_ENSURE_NEAR(ct_cell_clearance_for(c, "r2/link_3", "body"), 0.010, 1e-15);
    ct_cell_destroy(c);
    return 0;
}

static const char *minimal_fmt =
    "{\"version\": 1, \"name\": \"t\", \"robots\": [],\n"
    " \"objects\": [{\"name\": \"o\", \"pose\": [%s], \"geometry\": {\"box\": [1, 2, 3]}}]}";

static int test_pose_conversion(void) {
    const double cases[][6] = {{100, 200, 300, 30, 45, 60}, {0, 0, 0, 90, 0, 0}, {-1500, 2.5, 0.001, -170, 89, 179},
                               {1, 2, 3, 0, -90, 45}, {0, 0, 0, 180, 0, 180}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char pose[200], text[600];
        snprintf(pose, sizeof pose, "%.17g, %.17g, %.17g, %.17g, %.17g, %.17g", cases[k][0], cases[k][1], cases[k][2],
                 cases[k][3], cases[k][4], cases[k][5]);
        snprintf(text, sizeof text, minimal_fmt, pose);
        ct_cell *c = NULL;
        ct_error err;
        CT_ENSURE_MSG(ct_cell_parse(text, strlen(text), "t.json", NULL, &c, &err) == CT_OK, "%s", err.message);
        CT_ENSURE_MSG(pose_matches(c->object[0].pose, cases[k], 1e-14), "case %zu", k);
        CT_ENSURE_NEAR(c->object[0].shape.size[1], 0.002, 1e-18);
        ct_cell_destroy(c);
    }
    /* closed form: rx = 90 deg maps y to z */
    {
        char text[600];
        snprintf(text, sizeof text, minimal_fmt, "0, 0, 0, 90, 0, 0");
        ct_cell *c = NULL;
        ct_error err;
        CT_ENSURE(ct_cell_parse(text, strlen(text), "t.json", NULL, &c, &err) == CT_OK);
        ct_vec3 v = ct_m3_mulv(c->object[0].pose.R, ct_v3(0, 1, 0));
        CT_ENSURE(fabs(v.x) < 1e-15 && fabs(v.y) < 1e-15 && fabs(v.z - 1) < 1e-15);
        ct_cell_destroy(c);
    }
    return 0;
}

static int xf_equal(ct_xform a, ct_xform b) {
    for (int i = 0; i < 9; i++)
        if (fabs(a.R.m[i] - b.R.m[i]) > 1e-12) return 0;
    return ct_v3_norm(ct_v3_sub(a.p, b.p)) < 1e-12;
}

static int shape_equal(const ct_cell_shape *a, const ct_cell_shape *b) {
    if (a->kind != b->kind || !xf_equal(a->origin, b->origin)) return 0;
    if ((a->mesh_file == NULL) != (b->mesh_file == NULL)) return 0;
    if (a->mesh_file && strcmp(a->mesh_file, b->mesh_file)) return 0;
    for (int i = 0; i < 3; i++)
        if (fabs(a->scale[i] - b->scale[i]) > 1e-12 || fabs(a->size[i] - b->size[i]) > 1e-12) return 0;
    if (a->mesh && b->mesh && a->mesh->ntri != b->mesh->ntri) return 0;
    return fabs(a->radius - b->radius) < 1e-12 && fabs(a->length - b->length) < 1e-12;
}

static int io_equal(const ct_cell_io *a, const ct_cell_io *b) {
    if (a->wait_time != b->wait_time || a->ninput != b->ninput) return 0;
    for (int i = 0; i < a->ninput; i++)
        if (a->input[i].index != b->input[i].index || a->input[i].value != b->input[i].value) return 0;
    return 1;
}

static int arr_equal(const double *a, const double *b, int n) {
    for (int i = 0; i < n; i++)
        if (fabs(a[i] - b[i]) > 1e-12) return 0;
    return 1;
}

/* Field-by-field comparison; returns a description of the first difference or NULL. */
static const char *cell_diff(const ct_cell *a, const ct_cell *b) {
    if (strcmp(a->name, b->name) || a->nrobot != b->nrobot || a->nobject != b->nobject || a->npart != b->npart)
        return "counts/name";
    if ((a->description == NULL) != (b->description == NULL) || (a->description && strcmp(a->description, b->description)))
        return "description";
    if (fabs(a->clearance - b->clearance) > 1e-12 || !io_equal(&a->io, &b->io)) return "clearance/io";
    for (int i = 0; i < a->nrobot; i++) {
        const ct_cell_robot *p = &a->robot[i], *q = &b->robot[i];
        if (strcmp(p->name, q->name) || strcmp(p->urdf_file, q->urdf_file)) return "robot name/urdf";
        if ((p->tip == NULL) != (q->tip == NULL) || (p->tip && strcmp(p->tip, q->tip))) return "tip";
        if (!xf_equal(p->base, q->base)) return "base";
        if (p->ntool != q->ntool || p->nuframe != q->nuframe || p->nprogram != q->nprogram) return "robot counts";
        for (int k = 0; k < p->ntool; k++) {
            const ct_cell_tool *s = &p->tool[k], *t = &q->tool[k];
            if (s->number != t->number || !xf_equal(s->tcp, t->tcp) || fabs(s->mass - t->mass) > 1e-12 ||
                ct_v3_norm(ct_v3_sub(s->com, t->com)) > 1e-12 || !shape_equal(&s->shape, &t->shape))
                return "tool";
            if ((s->name == NULL) != (t->name == NULL) || (s->name && strcmp(s->name, t->name))) return "tool name";
        }
        for (int k = 0; k < p->nuframe; k++)
            if (p->uframe[k].number != q->uframe[k].number || !xf_equal(p->uframe[k].pose, q->uframe[k].pose))
                return "user frame";
        if (!arr_equal(p->accuracy, q->accuracy, CT_CELL_ACCURACY_LEVELS)) return "accuracy";
        if (fabs(p->payload.mass - q->payload.mass) > 1e-12 || !arr_equal(p->payload.inertia, q->payload.inertia, 6))
            return "payload";
        if (p->nvel != q->nvel || !arr_equal(p->vel_limits, q->vel_limits, p->nvel)) return "velocity limits";
        if (p->nacc != q->nacc || !arr_equal(p->acc_limits, q->acc_limits, p->nacc)) return "acceleration limits";
        if (p->nhome != q->nhome || !arr_equal(p->home, q->home, p->nhome)) return "home";
        for (int k = 0; k < p->nprogram; k++)
            if (strcmp(p->program_file[k], q->program_file[k])) return "program";
        if (p->has_io != q->has_io || !io_equal(&p->io, &q->io)) return "robot io";
    }
    for (int i = 0; i < a->nobject; i++) {
        const ct_cell_object *p = &a->object[i], *q = &b->object[i];
        if (strcmp(p->name, q->name) || p->group != q->group || !xf_equal(p->pose, q->pose) ||
            !shape_equal(&p->shape, &q->shape))
            return "object";
    }
    for (int i = 0; i < a->npart; i++) {
        const ct_cell_part *p = &a->part[i], *q = &b->part[i];
        if (strcmp(p->name, q->name) || p->robot != q->robot || p->tool != q->tool || !xf_equal(p->pose, q->pose) ||
            !shape_equal(&p->shape, &q->shape))
            return "part";
    }
    if (a->nallowed != b->nallowed || a->nclear != b->nclear) return "pair counts";
    for (int i = 0; i < a->nallowed; i++)
        if (strcmp(a->allowed[i].a, b->allowed[i].a) || strcmp(a->allowed[i].b, b->allowed[i].b)) return "allowed";
    for (int i = 0; i < a->nclear; i++)
        if (strcmp(a->clear[i].a, b->clear[i].a) || strcmp(a->clear[i].b, b->clear[i].b) ||
            fabs(a->clear[i].clearance - b->clear[i].clearance) > 1e-12)
            return "clearance pair";
    return NULL;
}

/* A folder in the build tree laid out like assets/ (links to the sample's meshes, programs and
 * robots), so a saved copy of the sample resolves the same relative paths. */
static int make_roundtrip_dir(char *cell_out, size_t n) {
    char d[1024];
    snprintf(d, sizeof d, "%s/tests/scenes/rt", CT_BUILD_DIR);
    mkdir(d, 0777);
    snprintf(d, sizeof d, "%s/tests/scenes/rt/cells", CT_BUILD_DIR);
    mkdir(d, 0777);
    snprintf(d, sizeof d, "%s/tests/scenes/rt/cells/spot_weld", CT_BUILD_DIR);
    mkdir(d, 0777);
    const char *links[][2] = {{"/assets/robots", "/tests/scenes/rt/robots"},
                              {"/assets/cells/spot_weld/meshes", "/tests/scenes/rt/cells/spot_weld/meshes"},
                              {"/assets/cells/spot_weld/programs", "/tests/scenes/rt/cells/spot_weld/programs"}};
    for (int i = 0; i < 3; i++) {
        char from[1024], to[1024];
        snprintf(from, sizeof from, "%s%s", CT_SOURCE_DIR, links[i][0]);
        snprintf(to, sizeof to, "%s%s", CT_BUILD_DIR, links[i][1]);
        unlink(to);
        if (symlink(from, to) != 0) return 0;
    }
    snprintf(cell_out, n, "%s/tests/scenes/rt/cells/spot_weld/cell.json", CT_BUILD_DIR);
    return 1;
}

static int test_roundtrip(void) {
    ct_cell *a = NULL, *b = NULL;
    ct_error err;
    CT_ENSURE(ct_cell_load(SAMPLE, NULL, &a, &err) == CT_OK);
    char path[1200];
    CT_ENSURE(make_roundtrip_dir(path, sizeof path));
    CT_ENSURE_MSG(ct_cell_save(a, path, &err) == CT_OK, "%s", err.message);
    CT_ENSURE_MSG(ct_cell_load(path, NULL, &b, &err) == CT_OK, "%s:%d %s", err.file, err.line, err.message);
    const char *d = cell_diff(a, b);
    CT_ENSURE_MSG(d == NULL, "differs in %s", d);
    /* the second generation of text is identical to the first */
    char *t1, *t2;
    CT_ENSURE(ct_cell_to_json(a, &t1, &err) == CT_OK && ct_cell_to_json(b, &t2, &err) == CT_OK);
    CT_ENSURE(!strcmp(t1, t2));
    ct_free(t1);
    ct_free(t2);
    ct_cell_destroy(a);
    ct_cell_destroy(b);

    /* every feature, structure only (no files): parts, primitives, origins, scales, pairs */
    const char *full =
        "{\"format\": \"celltwin-cell\", \"version\": 1, \"name\": \"all\", \"clearance\": 7.5,\n"
        " \"io\": {\"wait_time\": 1.25, \"inputs\": [{\"index\": 3, \"value\": 0}]},\n"
        " \"robots\": [{\"name\": \"a\", \"urdf\": \"x.urdf\", \"base\": [1, 2, 3, 10, -20, 30],\n"
        "   \"tools\": [{\"number\": 2, \"tcp\": [0, 0, 100, 0, 90, 0], \"geometry\": {\"cylinder\": [40, 200], \"origin\": [0, 0, 50, 0, 0, 0]}},\n"
        "             {\"number\": 0, \"tcp\": [0, 0, 0, 0, 0, 0]}],\n"
        "   \"user_frames\": [{\"number\": 3, \"pose\": [500, 0, 0, 0, 0, 45]}],\n"
        "   \"payload\": {\"mass\": 12.5, \"com\": [0, 0, 80], \"inertia\": [0.1, 0.2, 0.3, 0.01, 0.02, 0.03]},\n"
        "   \"home\": [0, 90, 0, 0, 0, 0], \"programs\": [\"p/1.JOB\", \"p/2.drl\"]}],\n"
        " \"objects\": [{\"name\": \"s\", \"group\": \"conveyor\", \"pose\": [0, 0, 0, 0, 0, 0], \"geometry\": {\"sphere\": 150}},\n"
        "             {\"name\": \"m\", \"group\": \"part\", \"geometry\": {\"mesh\": \"m.stl\", \"scale\": [0.001, 0.002, 0.003]}}],\n"
        " \"attached_parts\": [{\"name\": \"held\", \"robot\": \"a\", \"tool\": 2, \"pose\": [0, 0, 30, 0, 0, 0], \"geometry\": {\"box\": [100, 50, 20]}}],\n"
        " \"allowed_contacts\": [[\"held\", \"a/tool\"]],\n"
        " \"clearance_pairs\": [{\"a\": \"a\", \"b\": \"s\", \"distance\": 25}]}\n";
    CT_ENSURE_MSG(ct_cell_parse(full, strlen(full), "full.json", NULL, &a, &err) == CT_OK, "%d:%d %s", err.line,
                  err.column, err.message);
    CT_ENSURE(ct_cell_to_json(a, &t1, &err) == CT_OK);
    CT_ENSURE_MSG(ct_cell_parse(t1, strlen(t1), "saved.json", NULL, &b, &err) == CT_OK, "%s", err.message);
    d = cell_diff(a, b);
    CT_ENSURE_MSG(d == NULL, "differs in %s", d);
    CT_ENSURE(a->npart == 1 && a->part[0].robot == 0 && a->robot[0].payload.mass == 12.5);
    CT_ENSURE_NEAR(a->clearance, 0.0075, 1e-15);
    ct_free(t1);
    ct_cell_destroy(a);
    ct_cell_destroy(b);
    return 0;
}

/* ---- validation errors, structure level ---- */
typedef struct bad_case {
    const char *what;
    const char *text;
    const char *path;   /* expected message prefix "<path>: " */
    int line;           /* expected line (0: any) */
    const char *words;  /* expected words in the message */
} bad_case;

static const bad_case bad_cases[] = {
    {"missing key", "{\"version\": 1,\n \"robots\": []}", "/", 1, "missing key 'name'"},
    {"missing robot urdf", "{\"version\": 1, \"name\": \"c\",\n \"robots\": [\n  {\"name\": \"r\", \"base\": [0,0,0,0,0,0]}]}",
     "/robots/0", 3, "missing key 'urdf'"},
    {"wrong count", "{\"version\": 1, \"name\": \"c\", \"robots\": [\n {\"name\": \"r\", \"urdf\": \"u\",\n  \"base\": [0, 0, 0]}]}",
     "/robots/0/base", 3, "expected 6 numbers"},
    {"wrong type", "{\"version\": 1, \"name\": \"c\",\n\"robots\": {}}", "/robots", 2, "expected an array"},
    {"wrong element type", "{\"version\": 1, \"name\": \"c\", \"robots\": [{\"name\": \"r\", \"urdf\": \"u\",\n \"base\": [0, 0, \"z\", 0, 0, 0]}]}",
     "/robots/0/base/2", 2, "expected a number"},
    {"not finite", "{\"version\": 1, \"name\": \"c\", \"robots\": [],\n\"clearance\": 1e999}", "/clearance", 2, "not a finite number"},
    {"negative", "{\"version\": 1, \"name\": \"c\", \"robots\": [],\n\"clearance\": -1}", "/clearance", 2, "outside"},
    {"duplicate names", "{\"version\": 1, \"name\": \"c\", \"robots\": [],\n \"objects\": [\n {\"name\": \"a\", \"geometry\": {\"sphere\": 1}},\n {\"name\": \"a\", \"geometry\": {\"sphere\": 1}}]}",
     "/objects/1/name", 4, "duplicate name 'a'"},
    {"duplicate key", "{\"version\": 1, \"name\": \"c\", \"robots\": [],\n \"name\": \"d\"}", "/name", 1, "duplicate key"},
    {"version too new", "{\"version\": 2, \"name\": \"c\", \"robots\": []}", "/version", 1, "not supported"},
    {"bad group", "{\"version\": 1, \"name\": \"c\", \"robots\": [], \"objects\": [\n {\"name\": \"a\", \"group\": \"wall\", \"geometry\": {\"sphere\": 1}}]}",
     "/objects/0/group", 2, "unknown group"},
    {"two shapes", "{\"version\": 1, \"name\": \"c\", \"robots\": [], \"objects\": [\n {\"name\": \"a\",\n \"geometry\": {\"sphere\": 1, \"box\": [1,1,1]}}]}",
     "/objects/0/geometry", 3, "exactly one"},
    {"name with slash", "{\"version\": 1, \"name\": \"c\", \"robots\": [], \"objects\": [\n {\"name\": \"a/b\", \"geometry\": {\"sphere\": 1}}]}",
     "/objects/0/name", 2, "invalid name"},
    {"duplicate tool", "{\"version\": 1, \"name\": \"c\", \"robots\": [{\"name\": \"r\", \"urdf\": \"u\", \"base\": [0,0,0,0,0,0],\n \"tools\": [{\"number\": 1, \"tcp\": [0,0,0,0,0,0]},\n  {\"number\": 1, \"tcp\": [0,0,0,0,0,0]}]}]}",
     "/robots/0/tools/1/number", 3, "defined twice"},
    {"tool number range", "{\"version\": 1, \"name\": \"c\", \"robots\": [{\"name\": \"r\", \"urdf\": \"u\", \"base\": [0,0,0,0,0,0],\n \"tools\": [{\"number\": 32, \"tcp\": [0,0,0,0,0,0]}]}]}",
     "/robots/0/tools/0/number", 2, "outside"},
    {"non-integer", "{\"version\": 1.5, \"name\": \"c\", \"robots\": []}", "/version", 1, "integer"},
    {"part unknown robot", "{\"version\": 1, \"name\": \"c\", \"robots\": [], \"attached_parts\": [\n{\"name\": \"p\", \"robot\": \"nobody\", \"tool\": 1, \"geometry\": {\"sphere\": 1}}]}",
     "/attached_parts/0/robot", 2, "no robot named 'nobody'"},
    {"pair unknown body", "{\"version\": 1, \"name\": \"c\", \"robots\": [],\n \"allowed_contacts\": [[\"x\", \"y\"]]}",
     "/allowed_contacts/0/0", 2, "no robot, object or part named 'x'"},
    {"pair not two names", "{\"version\": 1, \"name\": \"c\", \"robots\": [],\n \"allowed_contacts\": [[\"x\"]]}",
     "/allowed_contacts/0", 2, "two body names"},
    {"accuracy count", "{\"version\": 1, \"name\": \"c\", \"robots\": [{\"name\": \"r\", \"urdf\": \"u\", \"base\": [0,0,0,0,0,0],\n \"accuracy\": [1, 2]}]}",
     "/robots/0/accuracy", 2, "expected 8 numbers"},
    {"root not object", "[1, 2]", "/", 1, "expected an object"},
};

static int test_validation_errors(void) {
    for (size_t k = 0; k < sizeof bad_cases / sizeof bad_cases[0]; k++) {
        const bad_case *b = &bad_cases[k];
        ct_cell *c = NULL;
        ct_error err;
        diags ds = {0};
        ct_cell_def def = ct_cell_default_def();
        def.diag = collect;
        def.diag_user = &ds;
        ct_status s = ct_cell_parse(b->text, strlen(b->text), "bad.json", &def, &c, &err);
        CT_ENSURE_MSG(s != CT_OK && c == NULL, "%s: accepted", b->what);
        char prefix[128];
        snprintf(prefix, sizeof prefix, "%s: ", b->path);
        CT_ENSURE_MSG(!strncmp(err.message, prefix, strlen(prefix)), "%s: message '%s', wanted path %s", b->what,
                      err.message, b->path);
        CT_ENSURE_MSG(strstr(err.message, b->words) != NULL, "%s: message '%s' lacks '%s'", b->what, err.message, b->words);
        CT_ENSURE_MSG(!b->line || err.line == b->line, "%s: line %d, wanted %d", b->what, err.line, b->line);
        CT_ENSURE(!strcmp(err.file, "bad.json"));
        CT_ENSURE(ds.n >= 1 && ds.d[0].severity == CT_CELL_ERROR && !strcmp(ds.msg[0], err.message));
    }
    return 0;
}

/* Independent line:col of a byte offset, and cJSON's own error offset. */
static void line_col(const char *t, size_t off, int *line, int *col) {
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (t[i] == '\n') { (*line)++; *col = 1; }
        else (*col)++;
    }
}

static int test_bad_json_position(void) {
    const char *texts[] = {"{\"version\": 1,\n  \"name\": NaN\n}", "{\"version\": 1,\n  \"name\": \"c\",,\n}",
                           "{\"version\": 1,\n  \"robots\": [1, 2\n", "{\"version\": 1} trailing"};
    for (int k = 0; k < 4; k++) {
        const char *t = texts[k];
        const char *end = NULL;
        cJSON *j = cJSON_ParseWithLengthOpts(t, strlen(t), &end, 0);
        size_t off = (size_t)(end - t);
        if (j) { /* trailing text: the first non-blank character after the document */
            cJSON_Delete(j);
            while (t[off] == ' ') off++;
        }
        int line, col;
        line_col(t, off, &line, &col);
        ct_cell *c = NULL;
        ct_error err;
        CT_ENSURE(ct_cell_parse(t, strlen(t), "bad.json", NULL, &c, &err) == CT_ERR_PARSE && !c);
        CT_ENSURE_MSG(err.line == line && err.column == col, "case %d: %d:%d, wanted %d:%d", k, err.line, err.column,
                      line, col);
    }
    /* the NaN case points at the NaN itself: line 2, column 11 */
    ct_cell *c = NULL;
    ct_error err;
    ct_cell_parse(texts[0], strlen(texts[0]), "bad.json", NULL, &c, &err);
    CT_ENSURE(err.line == 2 && err.column == 11 && strstr(err.message, "NaN"));
    return 0;
}

static int test_unknown_key_warning(void) {
    const char *t = "{\"version\": 1, \"name\": \"c\", \"robots\": [],\n \"objects\": [{\"name\": \"a\",\n  \"colour\": 3, \"geometry\": {\"sphere\": 1}}]}";
    diags ds = {0};
    ct_cell_def def = ct_cell_default_def();
    def.diag = collect;
    def.diag_user = &ds;
    ct_cell *c = NULL;
    ct_error err;
    CT_ENSURE(ct_cell_parse(t, strlen(t), "w.json", &def, &c, &err) == CT_OK && c);
    CT_ENSURE(ds.n == 1 && ds.d[0].severity == CT_CELL_WARNING && ds.d[0].line == 3 && ds.d[0].column == 3);
    CT_ENSURE(!strcmp(ds.msg[0], "/objects/0/colour: unknown key 'colour'"));
    ct_cell_destroy(c);
    ds.n = 0;
    def.strict = 1;
    CT_ENSURE(ct_cell_parse(t, strlen(t), "w.json", &def, &c, &err) != CT_OK && !c);
    CT_ENSURE(ds.n == 1 && ds.d[0].severity == CT_CELL_ERROR && !strncmp(err.message, "/objects/0/colour:", 18));
    return 0;
}

/* ---- errors that need files ---- */
static int load_error(const char *name, const char *body, const char *path, const char *words) {
    char file[1024];
    snprintf(file, sizeof file, "%s/tests/scenes/%s", CT_BUILD_DIR, name);
    FILE *f = fopen(file, "wb");
    if (!f) return 1;
    fputs(body, f);
    fclose(f);
    ct_cell *c = NULL;
    ct_error err;
    if (ct_cell_load(file, NULL, &c, &err) == CT_OK) { fprintf(stderr, "%s accepted\n", name); ct_cell_destroy(c); return 1; }
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s: ", path);
    if (strncmp(err.message, prefix, strlen(prefix)) || !strstr(err.message, words) || err.line < 1) {
        fprintf(stderr, "%s: got '%s' (line %d), wanted %s ... %s\n", name, err.message, err.line, path, words);
        return 1;
    }
    return 0;
}

#define ROBOT(extra) "{\"version\": 1, \"name\": \"c\", \"robots\": [{\"name\": \"r\",\n \"urdf\": \"" CT_SOURCE_DIR "/assets/robots/ct_hs220/robot.urdf\", \"base\": [0,0,0,0,0,0]" extra "}]"

static int test_load_errors(void) {
    int bad = 0;
    bad |= load_error("no_urdf.json", "{\"version\": 1, \"name\": \"c\", \"robots\": [{\"name\": \"r\",\n \"urdf\": \"nowhere/robot.urdf\", \"base\": [0,0,0,0,0,0]}]}",
                      "/robots/0/urdf", "not found");
    bad |= load_error("no_mesh.json", "{\"version\": 1, \"name\": \"c\", \"robots\": [], \"objects\": [{\"name\": \"o\",\n \"geometry\": {\"mesh\": \"missing.stl\"}}]}",
                      "/objects/0/geometry/mesh", "missing.stl");
    bad |= load_error("vel_count.json", ROBOT(",\n \"velocity_limits\": [100, 100]") "}", "/robots/0/velocity_limits", "expected 6 numbers");
    bad |= load_error("bad_tip.json", ROBOT(",\n \"tip\": \"nolink\"") "}", "/robots/0/tip", "no link 'nolink'");
    bad |= load_error("home_limits.json", ROBOT(",\n \"home\": [0, 170, 0, 0, 0, 0]") "}", "/robots/0/home", "outside the joint limits");
    bad |= load_error("pair_link.json", ROBOT("") ",\n \"allowed_contacts\": [[\"r/link_9\", \"r\"]]}", "/allowed_contacts/0/0", "no link 'link_9'");
    bad |= load_error("no_program.json", ROBOT(",\n \"programs\": [\"none.JOB\"]") "}", "/robots/0/programs/0", "not found");
    bad |= load_error("not_urdf.json", "{\"version\": 1, \"name\": \"c\", \"robots\": [{\"name\": \"r\",\n \"urdf\": \"" CT_SOURCE_DIR "/README.md\", \"base\": [0,0,0,0,0,0]}]}",
                      "/robots/0/urdf", "cannot load robot");
    CT_ENSURE(!bad);
    /* I/O errors name the file */
    ct_cell *c = NULL;
    ct_error err;
    CT_ENSURE(ct_cell_load(CT_BUILD_DIR "/no/such/cell.json", NULL, &c, &err) == CT_ERR_IO && strstr(err.file, "cell.json"));
    return 0;
}

/* ---- the sample meshes ---- */
static int ray_hits(const ct_mesh *m, ct_vec3 o, ct_vec3 d) { /* Moller-Trumbore, segment o..o+d */
    int hits = 0;
    for (int t = 0; t < m->ntri; t++) {
        const float *a = m->vert + 3 * m->tri[3 * t], *b = m->vert + 3 * m->tri[3 * t + 1], *c = m->vert + 3 * m->tri[3 * t + 2];
        ct_vec3 A = ct_v3(a[0], a[1], a[2]), e1 = ct_v3_sub(ct_v3(b[0], b[1], b[2]), A), e2 = ct_v3_sub(ct_v3(c[0], c[1], c[2]), A);
        ct_vec3 p = ct_v3_cross(d, e2);
        double det = ct_v3_dot(e1, p);
        if (fabs(det) < 1e-12) continue;
        ct_vec3 s = ct_v3_sub(o, A);
        double u = ct_v3_dot(s, p) / det;
        ct_vec3 q = ct_v3_cross(s, e1);
        double v = ct_v3_dot(d, q) / det, tt = ct_v3_dot(e2, q) / det;
        if (u >= 0 && v >= 0 && u + v <= 1 && tt >= 0 && tt <= 1) hits++;
    }
    return hits;
}

static int test_car_body_shape(void) {
    ct_mesh *m = NULL;
    ct_error err;
    double one[3] = {1, 1, 1};
    CT_ENSURE(ct_mesh_load(CT_SOURCE_DIR "/assets/cells/spot_weld/meshes/car_body.stl", one, &m, &err) == CT_OK);
    CT_ENSURE_NEAR(m->aabb_max[0] - m->aabb_min[0], 4.4, 1e-5);
    CT_ENSURE_NEAR(m->aabb_max[1], 0.9, 1e-3);
    /* a horizontal line across the car at mid door height: no sheet in the door openings... */
    CT_ENSURE(ray_hits(m, ct_v3(-0.40, -2, 0.65), ct_v3(0, 4, 0)) == 0);
    CT_ENSURE(ray_hits(m, ct_v3(0.60, -2, 0.65), ct_v3(0, 4, 0)) == 0);
    /* ...but both B-pillars, and both sides below the doors and behind them */
    CT_ENSURE(ray_hits(m, ct_v3(0.11, -2, 0.65), ct_v3(0, 4, 0)) == 2);
    CT_ENSURE(ray_hits(m, ct_v3(-1.50, -2, 0.65), ct_v3(0, 4, 0)) == 2);
    CT_ENSURE(ray_hits(m, ct_v3(-0.40, -2, 0.06), ct_v3(0, 4, 0)) == 2);
    /* a vertical line through the cabin meets floor and roof */
    CT_ENSURE(ray_hits(m, ct_v3(0.03, 0.013, -1), ct_v3(0, 0, 4)) == 2);
    /* outward triangles: normals point away from the centre of their section */
    for (int t = 0; t < m->ntri; t++) {
        float c[3] = {0, 0, 0};
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 3; i++) c[i] += m->vert[3 * m->tri[3 * t + k] + i] / 3;
        const float *a = m->vert + 3 * m->tri[3 * t], *b = m->vert + 3 * m->tri[3 * t + 1], *d = m->vert + 3 * m->tri[3 * t + 2];
        ct_vec3 n = ct_v3_cross(ct_v3(b[0] - a[0], b[1] - a[1], b[2] - a[2]), ct_v3(d[0] - a[0], d[1] - a[1], d[2] - a[2]));
        if (fabs(n.x) > 0.9 * ct_v3_norm(n)) continue; /* end caps */
        CT_ENSURE_MSG(n.y * c[1] + n.z * (c[2] - 0.35) > 0, "triangle %d faces inwards", t);
    }
    ct_mesh_free(m);
    return 0;
}

CT_TEST_MAIN(CT_TEST(sample_cell_loads), CT_TEST(pose_conversion), CT_TEST(roundtrip), CT_TEST(validation_errors),
             CT_TEST(bad_json_position), CT_TEST(unknown_key_warning), CT_TEST(load_errors), CT_TEST(car_body_shape))
