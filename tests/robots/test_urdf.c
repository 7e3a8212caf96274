/* URDF parser tests: every shared vendor URDF and a hand-written feature file cross-checked
 * against urdfdom (test_urdf_ref.cpp); literal expected values for the feature file; package://
 * and relative mesh path resolution. */
#include "celltwin/mesh.h"
#include "celltwin/urdf.h"
#include "ct_test.h"
#include "test_urdf_ref.h"

#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---- */

static int write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (!f) return 1;
    size_t n = strlen(text);
    int bad = fwrite(text, 1, n, f) != n;
    return fclose(f) != 0 || bad;
}

/* mkdir -p for a path's directories. */
static void mkdirs(const char *path) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(buf, 0755);
            *p = '/';
        }
}

static const char *joint_type_name(ct_joint_type t) {
    static const char *names[] = {"fixed", "revolute", "continuous", "prismatic", "floating", "planar"};
    return names[t];
}

static ct_mat3 quat_m3(const double q[4]) {
    ct_quat r = {q[0], q[1], q[2], q[3]};
    return ct_m3_from_quat(r);
}

/* Pose equality: position 1e-12 relative-ish, rotation angle 1e-9 rad. */
static int same_pose(ct_xform a, const ref_pose *b) {
    double d = fabs(a.p.x - b->xyz[0]) + fabs(a.p.y - b->xyz[1]) + fabs(a.p.z - b->xyz[2]);
    return d <= 1e-12 * (1 + fabs(b->xyz[0]) + fabs(b->xyz[1]) + fabs(b->xyz[2])) &&
           ct_m3_angle_between(a.R, quat_m3(b->quat)) < 1e-9;
}

static int compare_geom(const char *file, const ct_urdf_link *l, int visual, int i) {
    const ct_urdf_geom *g = visual ? &l->visuals[i] : &l->collisions[i];
    ref_geom r;
    CT_ENSURE_MSG(ref_urdf_geom(l->name, visual, i, &r) == 0, "%s: %s geom %d", file, l->name, i);
    static const char *types[] = {"box", "cylinder", "sphere", "mesh"};
    CT_ENSURE_MSG(strcmp(types[g->type], r.type) == 0, "%s: %s: %s vs %s", file, l->name, types[g->type], r.type);
    CT_ENSURE_MSG(same_pose(g->origin, &r.origin), "%s: %s geom %d origin", file, l->name, i);
    if (g->type == CT_GEOM_BOX)
        for (int d = 0; d < 3; d++) CT_ENSURE_NEAR(g->size[d], r.size[d], 0);
    if (g->type == CT_GEOM_CYLINDER || g->type == CT_GEOM_SPHERE) CT_ENSURE_NEAR(g->radius, r.radius, 0);
    if (g->type == CT_GEOM_CYLINDER) CT_ENSURE_NEAR(g->length, r.length, 0);
    if (g->type == CT_GEOM_MESH) {
        for (int d = 0; d < 3; d++) CT_ENSURE_NEAR(g->scale[d], r.scale[d], 0);
        /* ours is resolved against the URDF directory: it must end with urdfdom's raw relative name */
        size_t a = strlen(g->mesh_path), b = strlen(r.filename);
        int relative = strstr(r.filename, "://") == NULL && r.filename[0] != '/';
        if (relative) {
            CT_ENSURE_MSG(a >= b && strcmp(g->mesh_path + a - b, r.filename) == 0, "%s: %s vs %s", file,
                          g->mesh_path, r.filename);
            CT_ENSURE_MSG(access(g->mesh_path, R_OK) == 0, "%s: mesh %s not readable", file, g->mesh_path);
        }
    }
    return 0;
}

/* Every joint, link inertial and geometry of `path` against urdfdom; adds to the totals. */
static int compare_with_urdfdom(const char *path, int *njoint_total, int *nlink_total) {
    ct_urdf_model *m = NULL;
    ct_error err;
    ct_status st = ct_urdf_load(path, &m, &err);
    CT_ENSURE_MSG(st == CT_OK, "%s: %s (line %d)", path, err.message, err.line);
    CT_ENSURE_MSG(ref_urdf_open(path) == 0, "urdfdom cannot parse %s", path);
    int rn_link, rn_joint;
    char root[256];
    ref_urdf_counts(&rn_link, &rn_joint, root);
    int fail = 0;
#define CHECK(c, ...) do { if (!(c)) { fprintf(stderr, "%s: ", path); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); fail = 1; goto done; } } while (0)
    CHECK(m->nlink == rn_link && m->njoint == rn_joint, "counts %d/%d vs %d/%d", m->nlink, m->njoint, rn_link, rn_joint);
    CHECK(strcmp(m->links[m->root].name, root) == 0, "root %s vs %s", m->links[m->root].name, root);
    for (int j = 0; j < m->njoint; j++) {
        const ct_urdf_joint *jt = &m->joints[j];
        ref_joint r;
        CHECK(ref_urdf_joint(jt->name, &r) == 0, "joint %s missing in urdfdom", jt->name);
        CHECK(strcmp(joint_type_name(jt->type), r.type) == 0, "joint %s type %s vs %s", jt->name,
              joint_type_name(jt->type), r.type);
        CHECK(strcmp(m->links[jt->parent].name, r.parent) == 0, "joint %s parent", jt->name);
        CHECK(strcmp(m->links[jt->child].name, r.child) == 0, "joint %s child", jt->name);
        CHECK(same_pose(jt->origin, &r.origin), "joint %s origin", jt->name);
        if (jt->type != CT_JOINT_FIXED && jt->type != CT_JOINT_FLOATING) {
            double rn = sqrt(r.axis[0] * r.axis[0] + r.axis[1] * r.axis[1] + r.axis[2] * r.axis[2]);
            CHECK(fabs(jt->axis.x - r.axis[0] / rn) + fabs(jt->axis.y - r.axis[1] / rn) +
                  fabs(jt->axis.z - r.axis[2] / rn) < 1e-12, "joint %s axis", jt->name);
        }
        CHECK(jt->has_limit == r.has_limit, "joint %s has_limit %d vs %d", jt->name, jt->has_limit, r.has_limit);
        if (jt->type == CT_JOINT_REVOLUTE || jt->type == CT_JOINT_PRISMATIC)
            CHECK(jt->lower == r.lower && jt->upper == r.upper, "joint %s limits [%g %g] vs [%g %g]", jt->name,
                  jt->lower, jt->upper, r.lower, r.upper);
        if (jt->type == CT_JOINT_CONTINUOUS) CHECK(isinf(jt->lower) && isinf(jt->upper), "continuous %s", jt->name);
        if (r.has_limit)
            CHECK(jt->velocity == r.velocity && jt->effort == r.effort, "joint %s velocity/effort", jt->name);
        CHECK((jt->mimic >= 0) == r.has_mimic, "joint %s mimic presence", jt->name);
        if (r.has_mimic)
            CHECK(strcmp(m->joints[jt->mimic].name, r.mimic) == 0 && jt->mimic_multiplier == r.multiplier &&
                  jt->mimic_offset == r.offset, "joint %s mimic", jt->name);
    }
    for (int i = 0; i < m->nlink; i++) {
        const ct_urdf_link *l = &m->links[i];
        ref_link r;
        CHECK(ref_urdf_link(l->name, &r) == 0, "link %s missing in urdfdom", l->name);
        CHECK(l->inertial.present == r.has_inertial, "link %s inertial presence", l->name);
        if (r.has_inertial) {
            const ct_urdf_inertial *in = &l->inertial;
            CHECK(in->mass == r.mass && in->ixx == r.ixx && in->ixy == r.ixy && in->ixz == r.ixz &&
                  in->iyy == r.iyy && in->iyz == r.iyz && in->izz == r.izz, "link %s inertia", l->name);
            CHECK(same_pose(in->origin, &r.origin), "link %s inertial origin", l->name);
        }
        CHECK(l->nvisual == r.nvisual && l->ncollision == r.ncollision, "link %s geometry counts %d/%d vs %d/%d",
              l->name, l->nvisual, l->ncollision, r.nvisual, r.ncollision);
        for (int v = 0; v < l->nvisual; v++) CHECK(compare_geom(path, l, 1, v) == 0, "link %s visual %d", l->name, v);
        for (int c = 0; c < l->ncollision; c++)
            CHECK(compare_geom(path, l, 0, c) == 0, "link %s collision %d", l->name, c);
    }
    *njoint_total += m->njoint;
    *nlink_total += m->nlink;
#undef CHECK
done:
    ref_urdf_close();
    ct_urdf_free(m);
    return fail;
}

/* ---- tests ---- */

static int test_shared_vs_urdfdom(void) {
    glob_t g;
    char pattern[1024];
    snprintf(pattern, sizeof pattern, "%s/assets/robots/*/robot*.urdf", CT_SHARED_DIR);
    if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc == 0) CT_SKIP("no URDFs under %s (../shared absent)", CT_SHARED_DIR);
    int nj = 0, nl = 0, bad = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) bad |= compare_with_urdfdom(g.gl_pathv[i], &nj, &nl);
    printf("compared %zu URDFs, %d joints, %d links with urdfdom\n", g.gl_pathc, nj, nl);
    globfree(&g);
    CT_ENSURE(bad == 0);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

/* A URDF using every feature; checked against literal values and against urdfdom. */
static const char feature_urdf[] =
    "<?xml version='1.0'?>\n"
    "<robot name='features'>\n"
    "  <material name='blue'><color rgba='0 0 0.8 1'/></material>\n"
    "  <link name='base'>\n"
    "    <inertial><mass value='2.5'/><origin xyz='0.1 0 0.2' rpy='0 0 1.5707963267948966'/>\n"
    "      <inertia ixx='0.1' ixy='0.01' ixz='0.02' iyy='0.2' iyz='0.03' izz='0.3'/></inertial>\n"
    "    <visual><geometry><box size='1 2 3'/></geometry><material name='blue'/></visual>\n"
    "    <visual><origin xyz='0 0 1'/><geometry><cylinder radius='0.5' length='2'/></geometry>\n"
    "      <material name='red'><color rgba='1 0 0 0.5'/></material></visual>\n"
    "    <collision><geometry><sphere radius='0.25'/></geometry></collision>\n"
    "    <collision><geometry><mesh filename='meshes/part.stl' scale='0.001 0.001 0.002'/></geometry></collision>\n"
    "  </link>\n"
    "  <link name='l1'><visual><geometry><box size='1 1 1'/></geometry><material name='red'/></visual></link>\n"
    "  <link name='l2'/>\n"
    "  <link name='l3'/>\n"
    "  <link name='l4'/>\n"
    "  <joint name='j1' type='revolute'>\n"
    "    <parent link='base'/><child link='l1'/>\n"
    "    <origin xyz='1 2 3' rpy='0.1 0.2 0.3'/><axis xyz='0 0 2'/>\n"
    "    <limit lower='-1.5' upper='2.5' velocity='3' effort='100'/>\n"
    "  </joint>\n"
    "  <joint name='j2' type='continuous'><parent link='l1'/><child link='l2'/><axis xyz='1 1 0'/></joint>\n"
    "  <joint name='j3' type='prismatic'><parent link='l2'/><child link='l3'/>\n"
    "    <limit lower='0' upper='0.5' velocity='0.2' effort='50'/><mimic joint='j1'/></joint>\n"
    "  <joint name='j4' type='revolute'><parent link='l3'/><child link='l4'/>\n"
    "    <limit lower='-1' upper='1' velocity='1' effort='1'/><mimic joint='j1' multiplier='-2' offset='0.25'/></joint>\n"
    "</robot>\n";

static int test_features(void) {
    char dir[] = "/tmp/ct_urdf_feat_XXXXXX", path[256], mesh[256];
    CT_ENSURE(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/r.urdf", dir);
    snprintf(mesh, sizeof mesh, "%s/meshes/part.stl", dir);
    mkdirs(mesh);
    CT_ENSURE(write_file(path, feature_urdf) == 0 && write_file(mesh, "solid x\nendsolid x\n") == 0);
    ct_urdf_model *m;
    ct_error err;
    CT_ENSURE_MSG(ct_urdf_load(path, &m, &err) == CT_OK, "%s:%d %s", err.file, err.line, err.message);
    CT_ENSURE(strcmp(m->name, "features") == 0 && m->nlink == 5 && m->njoint == 4 && m->root == 0);
    /* file order kept */
    CT_ENSURE(strcmp(m->links[3].name, "l3") == 0 && strcmp(m->joints[2].name, "j3") == 0);
    CT_ENSURE(ct_urdf_find_link(m, "l4") == 4 && ct_urdf_find_joint(m, "j2") == 1 && ct_urdf_find_joint(m, "x") == -1);
    /* inertial */
    const ct_urdf_inertial *in = &m->links[0].inertial;
    CT_ENSURE(in->present && in->mass == 2.5 && in->ixy == 0.01 && in->iyz == 0.03 && in->izz == 0.3);
    CT_ENSURE(in->origin.p.x == 0.1 && in->origin.p.z == 0.2);
    CT_ENSURE_NEAR(in->origin.R.m[1], -1, 1e-15);  /* Rz(90 deg): x' = -y */
    CT_ENSURE(!m->links[1].inertial.present);
    /* geometry and materials (named top-level, inline, named reuse of an inline one) */
    const ct_urdf_link *b = &m->links[0];
    CT_ENSURE(b->nvisual == 2 && b->ncollision == 2);
    CT_ENSURE(b->visuals[0].type == CT_GEOM_BOX && b->visuals[0].size[1] == 2 && b->visuals[0].rgba[2] == 0.8);
    CT_ENSURE(strcmp(b->visuals[0].material, "blue") == 0 && b->visuals[0].line == 7);
    CT_ENSURE(b->visuals[1].type == CT_GEOM_CYLINDER && b->visuals[1].radius == 0.5 && b->visuals[1].length == 2);
    CT_ENSURE(b->visuals[1].origin.p.z == 1 && b->visuals[1].rgba[0] == 1 && b->visuals[1].rgba[3] == 0.5);
    CT_ENSURE(m->links[1].visuals[0].rgba[0] == 1 && m->links[1].visuals[0].rgba[3] == 0.5);
    CT_ENSURE(b->collisions[0].type == CT_GEOM_SPHERE && b->collisions[0].radius == 0.25);
    CT_ENSURE(b->collisions[1].type == CT_GEOM_MESH && b->collisions[1].scale[0] == 0.001 && b->collisions[1].scale[2] == 0.002);
    CT_ENSURE_MSG(strcmp(b->collisions[1].mesh_path, mesh) == 0, "%s", b->collisions[1].mesh_path);
    CT_ENSURE(m->nmaterial == 1 && strcmp(m->materials[0].name, "blue") == 0);
    /* joint 1: origin rpy as fixed-axis XYZ = Rz(y) Ry(p) Rx(r), built here from axis-angle */
    const ct_urdf_joint *j1 = &m->joints[0];
    ct_mat3 R = ct_m3_mul(ct_m3_axis_angle(ct_v3(0, 0, 1), 0.3),
                          ct_m3_mul(ct_m3_axis_angle(ct_v3(0, 1, 0), 0.2), ct_m3_axis_angle(ct_v3(1, 0, 0), 0.1)));
    CT_ENSURE(ct_m3_angle_between(R, j1->origin.R) < 1e-12);
    CT_ENSURE(j1->origin.p.x == 1 && j1->origin.p.y == 2 && j1->origin.p.z == 3);
    CT_ENSURE(j1->type == CT_JOINT_REVOLUTE && j1->axis.z == 1 && j1->axis.x == 0 && j1->line == 17);
    CT_ENSURE(j1->lower == -1.5 && j1->upper == 2.5 && j1->velocity == 3 && j1->effort == 100 && j1->mimic == -1);
    /* joint 2: continuous, normalised axis, infinite limits */
    const ct_urdf_joint *j2 = &m->joints[1];
    CT_ENSURE(j2->type == CT_JOINT_CONTINUOUS && isinf(j2->lower) && j2->lower < 0 && isinf(j2->upper));
    CT_ENSURE_NEAR(j2->axis.x, sqrt(0.5), 1e-15);
    CT_ENSURE(j2->parent == 1 && j2->child == 2);
    /* mimic defaults and explicit values */
    CT_ENSURE(m->joints[2].mimic == 0 && m->joints[2].mimic_multiplier == 1 && m->joints[2].mimic_offset == 0);
    CT_ENSURE(m->joints[3].mimic == 0 && m->joints[3].mimic_multiplier == -2 && m->joints[3].mimic_offset == 0.25);
    CT_ENSURE(m->joints[2].type == CT_JOINT_PRISMATIC && m->joints[2].axis.x == 1);
    ct_urdf_free(m);
    /* and the same file against urdfdom */
    int nj = 0, nl = 0;
    CT_ENSURE(compare_with_urdfdom(path, &nj, &nl) == 0);
    remove(mesh);
    remove(path);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

/* Floating/planar joints are parsed (the compiler rejects them); buffers parse with NULL base_dir. */
static int test_floating_planar_buffer(void) {
    const char *x = "<robot name='f'><link name='a'/><link name='b'/><link name='c'/>"
                    "<joint name='f' type='floating'><parent link='a'/><child link='b'/></joint>"
                    "<joint name='p' type='planar'><parent link='b'/><child link='c'/><axis xyz='0 0 1'/></joint>"
                    "</robot>";
    ct_urdf_model *m;
    ct_error err;
    CT_ENSURE(ct_urdf_parse(x, strlen(x), NULL, NULL, &m, &err) == CT_OK);
    CT_ENSURE(m->joints[0].type == CT_JOINT_FLOATING && m->joints[1].type == CT_JOINT_PLANAR);
    CT_ENSURE(strcmp(m->path, "<string>") == 0);
    ct_urdf_free(m);
    return 0;
}

/* package://pkg/rest: a folder named pkg above the URDF, a folder holding rest, or unresolved. */
static int test_package_paths(void) {
    char root[] = "/tmp/ct_urdf_pkg_XXXXXX", p[512], urdf[512], real_mesh[PATH_MAX], real_other[PATH_MAX];
    CT_ENSURE(mkdtemp(root));
    snprintf(p, sizeof p, "%s/ws/src/my_pkg/meshes/a.stl", root);
    mkdirs(p);
    CT_ENSURE(write_file(p, "x") == 0 && realpath(p, real_mesh));
    snprintf(p, sizeof p, "%s/ws/shared/other.stl", root);
    mkdirs(p);
    CT_ENSURE(write_file(p, "x") == 0 && realpath(p, real_other));
    snprintf(urdf, sizeof urdf, "%s/ws/src/my_pkg/urdf/robot.urdf", root);
    mkdirs(urdf);
    CT_ENSURE(write_file(urdf,
                         "<robot name='p'><link name='a'>\n"
                         "<visual><geometry><mesh filename='package://my_pkg/meshes/a.stl'/></geometry></visual>\n"
                         "<visual><geometry><mesh filename='package://vendor_pkg/shared/other.stl'/></geometry></visual>\n"
                         "<visual><geometry><mesh filename='package://nowhere/meshes/none.stl'/></geometry></visual>\n"
                         "<visual><geometry><mesh filename='../meshes/a.stl'/></geometry></visual>\n"
                         "<visual><geometry><mesh filename='file:///abs/x.stl'/></geometry></visual>\n"
                         "</link></robot>\n") == 0);
    ct_urdf_model *m;
    ct_error err;
    CT_ENSURE_MSG(ct_urdf_load(urdf, &m, &err) == CT_OK, "%s", err.message);
    const ct_urdf_geom *v = m->links[0].visuals;
    CT_ENSURE_MSG(strcmp(v[0].mesh_path, real_mesh) == 0, "%s", v[0].mesh_path);
    CT_ENSURE_MSG(strcmp(v[1].mesh_path, real_other) == 0, "%s", v[1].mesh_path);
    CT_ENSURE_MSG(strcmp(v[2].mesh_path, "package://nowhere/meshes/none.stl") == 0, "%s", v[2].mesh_path);
    snprintf(p, sizeof p, "%s/ws/src/my_pkg/urdf/../meshes/a.stl", root);
    CT_ENSURE_MSG(strcmp(v[3].mesh_path, p) == 0, "%s", v[3].mesh_path);
    CT_ENSURE(strcmp(v[4].mesh_path, "/abs/x.stl") == 0);
    /* the unresolved package is reported when the mesh is loaded, naming the URI */
    ct_mesh *mesh;
    CT_ENSURE(ct_mesh_load(v[2].mesh_path, NULL, &mesh, &err) == CT_ERR_NOT_FOUND);
    CT_ENSURE_MSG(strstr(err.message, "package://nowhere") && strstr(err.message, "resolve"), "%s", err.message);
    ct_urdf_free(m);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

CT_TEST_MAIN(CT_TEST(shared_vs_urdfdom), CT_TEST(features), CT_TEST(floating_planar_buffer), CT_TEST(package_paths))
