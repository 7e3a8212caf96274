/* Kinematics and dynamics checked against closed forms (planar 2R arm: FK, Jacobian, Yoshikawa
 * manipulability, Lagrangian equations of motion; prismatic + mimic chains; static payload torque)
 * and the Jacobian against central finite differences of FK on every available robot. */
#include "ct_test.h"

#include <dirent.h>
#include <stdlib.h>

#include "celltwin/dyn.h"
#include "celltwin/kin.h"
#include "celltwin/robot.h"

static double urand(unsigned *s) { *s = *s * 1664525u + 1013904223u; return (*s >> 8) / 16777216.0; }

/* Planar 2R arm in the x-y plane, joints about z, point masses at the link ends. */
static const double L1 = 0.7, L2 = 0.45, M1 = 3.0, M2 = 2.0;
static const char planar_urdf[] =
    "<robot name='planar'>"
    " <link name='base'/>"
    " <link name='l1'/>"
    " <link name='l2'/>"
    " <link name='m1'><inertial><mass value='3.0'/><inertia ixx='0' ixy='0' ixz='0' iyy='0' iyz='0' izz='0'/></inertial></link>"
    " <link name='m2'><inertial><mass value='2.0'/><inertia ixx='0' ixy='0' ixz='0' iyy='0' iyz='0' izz='0'/></inertial></link>"
    " <link name='tip'/>"
    " <joint name='j1' type='revolute'><parent link='base'/><child link='l1'/><axis xyz='0 0 1'/>"
    "  <limit lower='-3' upper='3' velocity='2' effort='100'/></joint>"
    " <joint name='f1' type='fixed'><parent link='l1'/><child link='m1'/><origin xyz='0.7 0 0'/></joint>"
    " <joint name='j2' type='revolute'><parent link='l1'/><child link='l2'/><origin xyz='0.7 0 0'/><axis xyz='0 0 1'/>"
    "  <limit lower='-3' upper='3' velocity='2' effort='100'/></joint>"
    " <joint name='f2' type='fixed'><parent link='l2'/><child link='m2'/><origin xyz='0.45 0 0'/></joint>"
    " <joint name='ft' type='fixed'><parent link='l2'/><child link='tip'/><origin xyz='0.45 0 0'/></joint>"
    "</robot>";

static ct_robot *load_string(const char *xml, const char *tip) {
    ct_urdf_model *u = NULL;
    ct_error err;
    if (ct_urdf_parse(xml, strlen(xml), "<test>", NULL, &u, &err) != CT_OK) {
        fprintf(stderr, "parse: %s (line %d)\n", err.message, err.line);
        return NULL;
    }
    ct_robot_def def = ct_robot_default_def();
    def.tip_frame = tip;
    ct_robot *r = NULL;
    if (ct_robot_compile(u, &def, &r, &err) != CT_OK) fprintf(stderr, "compile: %s\n", err.message);
    ct_urdf_free(u);
    return r;
}

static int test_planar_fk_closed_form(void) {
    ct_robot *r = load_string(planar_urdf, "tip");
    CT_ENSURE(r && r->ndof == 2 && r->nchain == 2);
    unsigned s = 7;
    for (int i = 0; i < 1000; i++) {
        double q[2] = {urand(&s) * 6 - 3, urand(&s) * 6 - 3};
        ct_xform t = ct_kin_tcp(r, q);
        CT_ENSURE_NEAR(t.p.x, L1 * cos(q[0]) + L2 * cos(q[0] + q[1]), 1e-14);
        CT_ENSURE_NEAR(t.p.y, L1 * sin(q[0]) + L2 * sin(q[0] + q[1]), 1e-14);
        CT_ENSURE_NEAR(t.p.z, 0, 1e-15);
        CT_ENSURE_NEAR(t.R.m[0], cos(q[0] + q[1]), 1e-14);
        CT_ENSURE_NEAR(t.R.m[3], sin(q[0] + q[1]), 1e-14);
    }
    ct_robot_destroy(r);
    return 0;
}

static int test_planar_jacobian_manipulability(void) {
    ct_robot *r = load_string(planar_urdf, "tip");
    CT_ENSURE(r);
    unsigned s = 9;
    for (int i = 0; i < 1000; i++) {
        double q[2] = {urand(&s) * 6 - 3, urand(&s) * 6 - 3}, J[12];
        ct_kin_jacobian_tcp(r, q, J);
        double s1 = sin(q[0]), c1 = cos(q[0]), s12 = sin(q[0] + q[1]), c12 = cos(q[0] + q[1]);
        double jv[2][2] = {{-L1 * s1 - L2 * s12, -L2 * s12}, {L1 * c1 + L2 * c12, L2 * c12}};
        CT_ENSURE_NEAR(J[0], jv[0][0], 1e-14);
        CT_ENSURE_NEAR(J[1], jv[0][1], 1e-14);
        CT_ENSURE_NEAR(J[2], jv[1][0], 1e-14);
        CT_ENSURE_NEAR(J[3], jv[1][1], 1e-14);
        CT_ENSURE_NEAR(J[10], 1, 1e-15);
        CT_ENSURE_NEAR(J[11], 1, 1e-15);
        /* J^T J = Jv^T Jv + [1 1; 1 1]; manipulability = sqrt(det) */
        double a = jv[0][0] * jv[0][0] + jv[1][0] * jv[1][0] + 1, b = jv[0][0] * jv[0][1] + jv[1][0] * jv[1][1] + 1,
               d = jv[0][1] * jv[0][1] + jv[1][1] * jv[1][1] + 1;
        double w_ref = sqrt(a * d - b * b);
        double smin, w = ct_kin_manipulability(r, q, &smin);
        CT_ENSURE_NEAR(w, w_ref, 1e-9 * (1 + w_ref));
        double lmin = 0.5 * (a + d) - sqrt(0.25 * (a - d) * (a - d) + b * b);
        CT_ENSURE_NEAR(smin, sqrt(fmax(lmin, 0)), 1e-7);
    }
    ct_robot_destroy(r);
    return 0;
}

static int test_planar_rne_closed_form(void) {
    ct_robot *r = load_string(planar_urdf, "tip");
    CT_ENSURE(r && r->has_inertials == 0); /* l1, l2 carry no mass themselves */
    const double g = 9.81;
    unsigned s = 11;
    for (int i = 0; i < 1000; i++) {
        double q[2], qd[2], qdd[2], tau[2];
        for (int k = 0; k < 2; k++) { q[k] = urand(&s) * 6 - 3; qd[k] = urand(&s) * 4 - 2; qdd[k] = urand(&s) * 10 - 5; }
        ct_dyn_rne(r, q, qd, qdd, ct_v3(0, -g, 0), NULL, tau);
        double c1 = cos(q[0]), c2 = cos(q[1]), s2 = sin(q[1]), c12 = cos(q[0] + q[1]);
        /* Lagrangian equations of the 2R arm with point masses at the link ends (Craig, ch. 6) */
        double t1 = M2 * L2 * L2 * (qdd[0] + qdd[1]) + M2 * L1 * L2 * c2 * (2 * qdd[0] + qdd[1]) +
                    (M1 + M2) * L1 * L1 * qdd[0] - M2 * L1 * L2 * s2 * qd[1] * qd[1] -
                    2 * M2 * L1 * L2 * s2 * qd[0] * qd[1] + M2 * L2 * g * c12 + (M1 + M2) * L1 * g * c1;
        double t2 = M2 * L1 * L2 * c2 * qdd[0] + M2 * L1 * L2 * s2 * qd[0] * qd[0] + M2 * L2 * g * c12 +
                    M2 * L2 * L2 * (qdd[0] + qdd[1]);
        CT_ENSURE_NEAR(tau[0], t1, 1e-10 * (1 + fabs(t1)));
        CT_ENSURE_NEAR(tau[1], t2, 1e-10 * (1 + fabs(t2)));
    }
    ct_robot_destroy(r);
    return 0;
}

/* A prismatic slide carrying a revolute joint and a mimic joint that turns at -2x the revolute. */
static int test_prismatic_mimic_fk(void) {
    const char *xml =
        "<robot name='slide'>"
        " <link name='world'/><link name='carriage'/><link name='arm'/><link name='twin'/>"
        " <joint name='track' type='prismatic'><parent link='world'/><child link='carriage'/><axis xyz='1 0 0'/>"
        "  <limit lower='0' upper='5' velocity='1' effort='1000'/></joint>"
        " <joint name='turn' type='revolute'><parent link='carriage'/><child link='arm'/><origin xyz='0 0 0.5'/>"
        "  <axis xyz='0 0 -1'/><limit lower='-3' upper='3' velocity='1' effort='10'/></joint>"
        " <joint name='follow' type='revolute'><parent link='carriage'/><child link='twin'/><origin xyz='0 0.2 0.5' rpy='0 0 0'/>"
        "  <axis xyz='0 0 1'/><limit lower='-7' upper='7' velocity='1' effort='10'/><mimic joint='turn' multiplier='-2' offset='0.1'/></joint>"
        "</robot>";
    ct_robot *r = load_string(xml, "arm");
    CT_ENSURE(r && r->ndof == 2);
    int twin = ct_robot_find_link(r, "twin"), arm = ct_robot_find_link(r, "arm");
    CT_ENSURE(twin > 0 && arm > 0);
    ct_xform pose[8];
    double q[2] = {1.25, 0.4};
    ct_kin_fk(r, q, pose);
    CT_ENSURE_NEAR(pose[arm].p.x, 1.25, 1e-15);
    CT_ENSURE_NEAR(pose[arm].p.z, 0.5, 1e-15);
    CT_ENSURE_NEAR(pose[arm].R.m[0], cos(-0.4), 1e-15);  /* axis -z: rotation by -0.4 about z */
    CT_ENSURE_NEAR(pose[arm].R.m[3], sin(-0.4), 1e-15);
    double a = -2 * 0.4 + 0.1;
    CT_ENSURE_NEAR(pose[twin].R.m[0], cos(a), 1e-15);
    CT_ENSURE_NEAR(pose[twin].R.m[3], sin(a), 1e-15);
    CT_ENSURE_NEAR(pose[twin].p.y, 0.2, 1e-15);
    /* Jacobian column of the mimic driver: the twin's angular z rate is -2 per unit of q[1] */
    double J[12];
    ct_kin_jacobian(r, q, twin, ct_v3(0, 0, 0), J);
    CT_ENSURE_NEAR(J[5 * 2 + 1], -2.0, 1e-15);
    CT_ENSURE_NEAR(J[0 * 2 + 0], 1.0, 1e-15);
    ct_robot_destroy(r);
    return 0;
}

/* Static torque of a payload held horizontally: tau = m g d (closed form). */
static int test_payload_statics(void) {
    const char *xml =
        "<robot name='boom'><link name='base'/><link name='boom'/><link name='flange'/>"
        " <joint name='j' type='revolute'><parent link='base'/><child link='boom'/><axis xyz='0 1 0'/>"
        "  <limit lower='-3' upper='3' velocity='1' effort='1000'/></joint>"
        " <joint name='f' type='fixed'><parent link='boom'/><child link='flange'/><origin xyz='1.2 0 0'/></joint>"
        "</robot>";
    ct_robot *r = load_string(xml, "flange");
    CT_ENSURE(r);
    ct_robot_set_tool(r, ct_xf(ct_m3_identity(), ct_v3(0.3, 0, 0)));
    ct_payload p;
    p.mass = 10;
    p.com = ct_v3(0.1, 0, 0);
    p.inertia = ct_m3_identity();
    double q = 0, qd = 0, qdd = 0, tau;
    ct_dyn_rne(r, &q, &qd, &qdd, ct_v3(0, 0, -9.81), &p, &tau);
    /* gravity -z, lever +x, axis +y: torque needed = -m g d about +y... r x F = x * (m g z) -> -y */
    CT_ENSURE_NEAR(tau, -10 * 9.81 * 1.6, 1e-9);
    /* with angular acceleration, the payload's inertia adds I_yy + m d^2 */
    qdd = 2.0;
    ct_dyn_rne(r, &q, &qd, &qdd, ct_v3(0, 0, 0), &p, &tau);
    CT_ENSURE_NEAR(tau, 2.0 * (1.0 + 10 * 1.6 * 1.6), 1e-9);
    ct_robot_destroy(r);
    return 0;
}

/* Rotation vector of R (log map), for finite differences of orientation. */
static ct_vec3 rot_log(ct_mat3 R) {
    double angle = ct_m3_angle_between(ct_m3_identity(), R);
    ct_vec3 v = ct_v3(R.m[7] - R.m[5], R.m[2] - R.m[6], R.m[3] - R.m[1]);
    double s = sin(angle);
    return fabs(s) < 1e-12 ? ct_v3_scale(v, 0.5) : ct_v3_scale(v, angle / (2 * s));
}

static int check_jacobian_fd(const char *path) {
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(path, &def, &r, &err) != CT_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        return 1;
    }
    unsigned s = 13;
    const double h = 1e-6;
    double J[6 * CT_ROBOT_MAX_DOF];
    for (int it = 0; it < 50; it++) {
        double q[CT_ROBOT_MAX_DOF];
        for (int d = 0; d < r->ndof; d++) {
            double lo = isfinite(r->dof_lower[d]) ? r->dof_lower[d] : -3, hi = isfinite(r->dof_upper[d]) ? r->dof_upper[d] : 3;
            q[d] = lo + (hi - lo) * urand(&s);
        }
        int link = (int)(urand(&s) * r->nlink);
        ct_vec3 pt = ct_v3(urand(&s) - 0.5, urand(&s) - 0.5, urand(&s) - 0.5);
        ct_kin_jacobian(r, q, link, pt, J);
        for (int d = 0; d < r->ndof; d++) {
            double qp[CT_ROBOT_MAX_DOF], qm[CT_ROBOT_MAX_DOF];
            memcpy(qp, q, sizeof qp);
            memcpy(qm, q, sizeof qm);
            qp[d] += h;
            qm[d] -= h;
            ct_xform tp = ct_kin_link_pose(r, qp, link), tm = ct_kin_link_pose(r, qm, link);
            ct_vec3 v = ct_v3_scale(ct_v3_sub(ct_xf_apply(tp, pt), ct_xf_apply(tm, pt)), 0.5 / h);
            ct_vec3 w = ct_v3_scale(rot_log(ct_m3_mul(tp.R, ct_m3_transpose(tm.R))), 0.5 / h);
            double ref[6] = {v.x, v.y, v.z, w.x, w.y, w.z};
            for (int k = 0; k < 6; k++)
                CT_ENSURE_MSG(fabs(J[k * r->ndof + d] - ref[k]) < 1e-7, "%s link %s dof %d row %d: %g vs %g", path,
                              r->link_name[link], d, k, J[k * r->ndof + d], ref[k]);
        }
    }
    ct_robot_destroy(r);
    return 0;
}

/* Every robot description available: the project's assets and, when present, ../shared. */
static int for_each_robot(int (*fn)(const char *), int *count) {
    const char *roots[2] = {CT_SOURCE_DIR "/assets/robots", CT_SHARED_DIR "/assets/robots"};
    *count = 0;
    for (int k = 0; k < 2; k++) {
        DIR *d = opendir(roots[k]);
        if (!d) continue;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s/%s", roots[k], e->d_name, k == 1 && strstr(e->d_name, "abb") ? "robot_stl.urdf" : "robot.urdf");
            FILE *f = fopen(path, "r");
            if (!f) continue;
            fclose(f);
            if (fn(path)) { closedir(d); return 1; }
            (*count)++;
        }
        closedir(d);
    }
    return 0;
}

/* Batched FK must equal scalar FK bit for bit, on every robot, including odd batch sizes, mimic
 * and prismatic joints, general axes and angles beyond the fast range reduction. */
static int check_batch(const char *path) {
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(path, &def, &r, &err) != CT_OK) return 1;
    enum { N = 23 };
    double q[N * CT_ROBOT_MAX_DOF];
    unsigned s = 17;
    for (int i = 0; i < N * r->ndof; i++) q[i] = (urand(&s) * 2 - 1) * (i % 11 == 5 ? 1e6 : 4.0);
    ct_xform *batch = malloc(sizeof(ct_xform) * N * (size_t)r->nlink), *one = malloc(sizeof(ct_xform) * (size_t)r->nlink);
    ct_kin_fk_batch(r, N, q, batch);
    int bad = 0;
    for (int k = 0; k < N && !bad; k++) {
        ct_kin_fk(r, q + k * r->ndof, one);
        bad = memcmp(one, batch + (size_t)k * r->nlink, sizeof(ct_xform) * (size_t)r->nlink) != 0;
        if (bad) fprintf(stderr, "%s: configuration %d differs\n", path, k);
    }
    free(batch);
    free(one);
    ct_robot_destroy(r);
    return bad;
}

static int test_fk_batch_bit_identical(void) {
    int n;
    CT_ENSURE(for_each_robot(check_batch, &n) == 0);
    if (n == 0) CT_SKIP("no robot descriptions found");
    /* synthetic: prismatic, mimic and a general (non-principal) axis */
    const char *xml =
        "<robot name='odd'><link name='w'/><link name='a'/><link name='b'/><link name='c'/>"
        " <joint name='p' type='prismatic'><parent link='w'/><child link='a'/><axis xyz='0 1 0'/><limit lower='-1' upper='1'/></joint>"
        " <joint name='g' type='revolute'><parent link='a'/><child link='b'/><origin xyz='0.1 0 0.3' rpy='0.2 0.3 0.4'/>"
        "  <axis xyz='0.6 0 0.8'/><limit lower='-3' upper='3'/></joint>"
        " <joint name='m' type='revolute'><parent link='b'/><child link='c'/><axis xyz='0 0 -1'/><limit lower='-9' upper='9'/>"
        "  <mimic joint='g' multiplier='2' offset='0.1'/></joint></robot>";
    ct_robot *r = load_string(xml, "c");
    CT_ENSURE(r && r->ndof == 2);
    double q[10 * 2];
    unsigned s = 3;
    for (int i = 0; i < 20; i++) q[i] = urand(&s) * 2 - 1;
    ct_xform batch[10 * 4], one[4];
    ct_kin_fk_batch(r, 10, q, batch);
    for (int k = 0; k < 10; k++) {
        ct_kin_fk(r, q + 2 * k, one);
        CT_ENSURE(memcmp(one, batch + 4 * k, sizeof one) == 0);
    }
    ct_robot_destroy(r);
    return 0;
}

static int test_jacobian_finite_differences(void) {
    int n;
    CT_ENSURE(for_each_robot(check_jacobian_fd, &n) == 0);
    if (n == 0) CT_SKIP("no robot descriptions found");
    printf("jacobian checked on %d robots\n", n);
    return 0;
}

static int test_chain_and_frames(void) {
    ct_robot *r = load_string(planar_urdf, NULL);
    CT_ENSURE(r);
    /* automatic tip: no conventional name, so the end of the longest chain (m2 or tip, 2 dofs) */
    CT_ENSURE(r->nchain == 2);
    CT_ENSURE(!strcmp(r->link_name[r->base_link], "base"));
    ct_robot_destroy(r);
    ct_urdf_model *u = NULL;
    ct_error err;
    CT_ENSURE(ct_urdf_parse(planar_urdf, strlen(planar_urdf), "<t>", NULL, &u, &err) == CT_OK);
    ct_robot_def def = ct_robot_default_def();
    def.tip_frame = "nope";
    CT_ENSURE(ct_robot_compile(u, &def, &r, &err) == CT_ERR_NOT_FOUND && r == NULL);
    CT_ENSURE(strstr(err.message, "nope") != NULL);
    def.tip_frame = NULL;
    def.base_frame = "l2"; /* moves with j1, j2: not a valid base */
    CT_ENSURE(ct_robot_compile(u, &def, &r, &err) == CT_ERR_INVALID && r == NULL);
    /* limits: URDF velocity, acceleration = ratio x velocity, both overridable */
    def.base_frame = NULL;
    CT_ENSURE(ct_robot_compile(u, &def, &r, &err) == CT_OK);
    CT_ENSURE(r->dof_vel[1] == 2.0 && r->dof_acc[1] == 3.0 * 2.0);
    ct_robot_destroy(r);
    const double vel[2] = {0.5, 0.25}, acc[2] = {4.0, 8.0};
    def.vel_limits = vel;
    def.accel_limits = acc;
    CT_ENSURE(ct_robot_compile(u, &def, &r, &err) == CT_OK);
    CT_ENSURE(r->dof_vel[1] == 0.25 && r->dof_acc[0] == 4.0 && r->dof_lower[0] == -3 && r->dof_upper[1] == 3);
    ct_robot_destroy(r);
    ct_urdf_free(u);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

CT_TEST_MAIN(CT_TEST(planar_fk_closed_form), CT_TEST(planar_jacobian_manipulability), CT_TEST(planar_rne_closed_form),
             CT_TEST(prismatic_mimic_fk), CT_TEST(payload_statics), CT_TEST(jacobian_finite_differences), CT_TEST(fk_batch_bit_identical),
             CT_TEST(chain_and_frames))
