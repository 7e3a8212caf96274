/* Reference cross-check against MuJoCo 2.2.2 (an independent implementation that loads the
 * same URDF): forward kinematics of every link for random joint values within limits, and
 * inverse dynamics (recursive Newton-Euler with gravity, with and without a payload at the TCP)
 * on the robots that carry inertials. Robots: the project's own assets and every description in
 * ../shared/assets/robots (skipped without it). */
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "celltwin/dyn.h"
#include "celltwin/kin.h"
#include "celltwin/robot.h"
#include "ct_test.h"
#include "mujoco_ref.h"

#define FK_SAMPLES 1000
#define RNE_SAMPLES 1000
#define PAYLOAD_SAMPLES 200
#define FK_TOL 1e-9   /* m, and per rotation-matrix element */
#define RNE_TOL 1e-6  /* relative to the largest torque of the sample */

/* ---- robot lists ---- */

#define MAX_URDFS 64
typedef struct urdf_list { int n; char path[MAX_URDFS][1024]; } urdf_list;

static void add_if_readable(urdf_list *l, const char *path) {
    if (l->n < MAX_URDFS && strlen(path) < sizeof l->path[0] && access(path, R_OK) == 0)
        memcpy(l->path[l->n++], path, strlen(path) + 1);
}

static void own_list(urdf_list *l) {
    l->n = 0;
    add_if_readable(l, CT_SOURCE_DIR "/assets/robots/ct_hs220/robot.urdf");
    add_if_readable(l, CT_SOURCE_DIR "/assets/robots/ct_m1013/robot.urdf");
}

static int cmp_path(const void *a, const void *b) { return strcmp(a, b); }

/* Every robot.urdf and robot_stl.urdf under ../shared/assets/robots; 0 when absent. */
static int shared_list(urdf_list *l) {
    l->n = 0;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/assets/robots", CT_SHARED_DIR);
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char p[2048];
        snprintf(p, sizeof p, "%s/%s/robot.urdf", dir, e->d_name);
        add_if_readable(l, p);
        snprintf(p, sizeof p, "%s/%s/robot_stl.urdf", dir, e->d_name);
        add_if_readable(l, p);
    }
    closedir(d);
    qsort(l->path, (size_t)l->n, sizeof l->path[0], cmp_path);
    return 1;
}

static int load(const char *path, ct_robot **out) {
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    ct_error err;
    if (ct_robot_load(path, &def, out, &err) == CT_OK) return 1;
    char buf[1200];
    ct_error_format(&err, buf, sizeof buf);
    fprintf(stderr, "%s\n", buf);
    return 0;
}

static int make_ref(const ct_robot *rb, const char *path, const char *extra, ct_mjref **out) {
    ct_error err;
    if (ct_mjref_create(rb, path, extra, !rb->has_inertials, out, &err) == CT_OK) return 1;
    fprintf(stderr, "%s: %s\n", path, err.message);
    return 0;
}

/* ---- random states (deterministic) ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static double urand(double lo, double hi) { /* xorshift64* in [lo, hi] */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    double u = (double)((rng_state * 0x2545F4914F6CDD1Dull) >> 11) / 9007199254740992.0;
    return lo + (hi - lo) * u;
}

static void random_state(const ct_robot *rb, double *q, double *qd, double *qdd) {
    for (int k = 0; k < rb->ndof; k++) {
        double lo = isfinite(rb->dof_lower[k]) ? rb->dof_lower[k] : -CT_PI;
        double hi = isfinite(rb->dof_upper[k]) ? rb->dof_upper[k] : CT_PI;
        double v = rb->dof_vel[k] > 0 ? rb->dof_vel[k] : 2.0, a = rb->dof_acc[k] > 0 ? rb->dof_acc[k] : 10.0;
        q[k] = urand(lo, hi);
        if (qd) qd[k] = urand(-v, v);
        if (qdd) qdd[k] = urand(-a, a);
    }
}

/* ---- forward kinematics ---- */

static int fk_one(const char *path) {
    ct_robot *rb = NULL;
    ct_mjref *ref = NULL;
    if (!load(path, &rb)) return 1;
    if (!make_ref(rb, path, NULL, &ref)) { ct_robot_destroy(rb); return 1; }
    int fail = 0;
    for (int l = 0; l < rb->nlink; l++)
        if (ref->body[l] < 0) {
            fprintf(stderr, "%s: MuJoCo has no body '%s'\n", path, rb->link_name[l]);
            fail = 1;
        }
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    double q[CT_ROBOT_MAX_DOF], worst_p = 0, worst_r = 0;
    int worst_link = -1;
    for (int it = 0; it < FK_SAMPLES && !fail; it++) {
        random_state(rb, q, NULL, NULL);
        ct_kin_fk(rb, q, pose);
        ct_mjref_set_state(ref, rb, q, NULL, NULL);
        mj_kinematics(ref->m, ref->d);
        for (int l = 0; l < rb->nlink; l++) {
            const mjtNum *xp = ref->d->xpos + 3 * ref->body[l], *xm = ref->d->xmat + 9 * ref->body[l];
            double ep = fmax(fabs(pose[l].p.x - xp[0]), fmax(fabs(pose[l].p.y - xp[1]), fabs(pose[l].p.z - xp[2])));
            double er = 0;
            for (int k = 0; k < 9; k++) er = fmax(er, fabs(pose[l].R.m[k] - xm[k]));
            if (ep > worst_p || er > worst_r) worst_link = l;
            worst_p = fmax(worst_p, ep);
            worst_r = fmax(worst_r, er);
        }
        if (!(worst_p <= FK_TOL && worst_r <= FK_TOL)) {
            fprintf(stderr, "%s: link %s differs from MuJoCo by %.3g m / %.3g at q =", path,
                    rb->link_name[worst_link], worst_p, worst_r);
            for (int k = 0; k < rb->ndof; k++) fprintf(stderr, " %.17g", q[k]);
            fprintf(stderr, "\n");
            fail = 1;
        }
    }
    if (!fail) printf("fk %-60s %d links x %d: worst %.2g m, %.2g\n", path, rb->nlink, FK_SAMPLES, worst_p, worst_r);
    ct_mjref_destroy(ref);
    ct_robot_destroy(rb);
    return fail;
}

static int fk_list(const urdf_list *l) {
    int fail = 0;
    for (int i = 0; i < l->n; i++) fail |= fk_one(l->path[i]);
    return fail;
}

static int test_fk_own(void) {
    urdf_list l;
    own_list(&l);
    CT_ENSURE(l.n == 2);
    return fk_list(&l);
}

static int test_fk_shared(void) {
    static urdf_list l;
    if (!shared_list(&l)) CT_SKIP("%s/assets/robots absent", CT_SHARED_DIR);
    CT_ENSURE(l.n > 0);
    return fk_list(&l);
}

/* ---- inverse dynamics ---- */

/* MuJoCo must use the URDF inertials unaltered and add nothing to the joints (armature,
 * damping, friction loss). Mass and centre of mass must be exact; MuJoCo stores the inertia in
 * principal axes (its eigen-solver leaves up to ~2e-7 of the trace on the Doosan tensors), so
 * the tensor rebuilt from them is compared within INERTIA_TOL. */
#define INERTIA_TOL 1e-6
static int check_model(const char *path, const ct_robot *rb, const ct_mjref *ref) {
    const mjModel *m = ref->m;
    for (int i = 0; i < m->nv; i++)
        if (m->dof_armature[i] != 0 || m->dof_damping[i] != 0 || m->dof_frictionloss[i] != 0) {
            fprintf(stderr, "%s: MuJoCo dof %d has armature/damping/frictionloss\n", path, i);
            return 1;
        }
    for (int l = 0; l < rb->nlink; l++) {
        int b = ref->body[l];
        double mass = rb->link_mass[l];
        if (b < 0) return 1;
        if (fabs(m->body_mass[b] - mass) > 1e-12 * fmax(1, mass)) {
            fprintf(stderr, "%s: %s mass %.17g in MuJoCo, %.17g in the URDF\n", path, rb->link_name[l], m->body_mass[b], mass);
            return 1;
        }
        if (mass == 0) continue;
        ct_mat3 R = ct_m3_from_quat((ct_quat){m->body_iquat[4 * b], m->body_iquat[4 * b + 1], m->body_iquat[4 * b + 2],
                                              m->body_iquat[4 * b + 3]});
        const ct_mat3 *I = &rb->link_inertia[l];
        double tr = I->m[0] + I->m[4] + I->m[8], err = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                double v = 0;
                for (int k = 0; k < 3; k++) v += R.m[3 * i + k] * m->body_inertia[3 * b + k] * R.m[3 * j + k];
                err = fmax(err, fabs(v - I->m[3 * i + j]) / tr);
            }
        ct_vec3 c = rb->link_com[l];
        const mjtNum *ip = m->body_ipos + 3 * b;
        double ec = fabs(c.x - ip[0]) + fabs(c.y - ip[1]) + fabs(c.z - ip[2]);
        if (err > INERTIA_TOL || ec > 1e-12) {
            fprintf(stderr, "%s: %s inertial differs in MuJoCo (inertia %.3g of the trace, com %.3g m)\n", path,
                    rb->link_name[l], err, ec);
            return 1;
        }
    }
    return 0;
}

/* Compares ct_dyn_rne with mj_rne over n random states; payload may be NULL. */
static int rne_compare(const char *path, const ct_robot *rb, ct_mjref *ref, const ct_payload *payload, int n,
                       double *worst) {
    double q[CT_ROBOT_MAX_DOF], qd[CT_ROBOT_MAX_DOF], qdd[CT_ROBOT_MAX_DOF], t_ct[CT_ROBOT_MAX_DOF], t_mj[CT_ROBOT_MAX_DOF];
    ref->m->opt.gravity[0] = 0;
    ref->m->opt.gravity[1] = 0;
    ref->m->opt.gravity[2] = -9.81;
    *worst = 0;
    for (int it = 0; it < n; it++) {
        random_state(rb, q, qd, qdd);
        if (it == 0) memset(qd, 0, sizeof qd), memset(qdd, 0, sizeof qdd); /* gravity alone */
        ct_dyn_rne(rb, q, qd, qdd, ct_v3(0, 0, -9.81), payload, t_ct);
        ct_mjref_set_state(ref, rb, q, qd, qdd);
        ct_mjref_rne(ref, rb, t_mj);
        double scale = 0, diff = 0;
        for (int k = 0; k < rb->ndof; k++) {
            scale = fmax(scale, fabs(t_mj[k]));
            diff = fmax(diff, fabs(t_ct[k] - t_mj[k]));
        }
        double rel = diff / fmax(scale, 1e-9);
        *worst = fmax(*worst, rel);
        if (!(rel <= RNE_TOL)) {
            fprintf(stderr, "%s: ct_dyn_rne differs from mj_rne by %.3g (relative)%s\n  q  =", path, rel,
                    payload ? " with a payload" : "");
            for (int k = 0; k < rb->ndof; k++) fprintf(stderr, " %.17g", q[k]);
            fprintf(stderr, "\n  qd =");
            for (int k = 0; k < rb->ndof; k++) fprintf(stderr, " %.17g", qd[k]);
            fprintf(stderr, "\n  qdd=");
            for (int k = 0; k < rb->ndof; k++) fprintf(stderr, " %.17g", qdd[k]);
            fprintf(stderr, "\n  ct :");
            for (int k = 0; k < rb->ndof; k++) fprintf(stderr, " %.10g", t_ct[k]);
            fprintf(stderr, "\n  mj :");
            for (int k = 0; k < rb->ndof; k++) fprintf(stderr, " %.10g", t_mj[k]);
            fprintf(stderr, "\n");
            return 1;
        }
    }
    return 0;
}

static int rne_one(const char *path, int *ran) {
    ct_robot *rb = NULL;
    ct_mjref *ref = NULL;
    if (!load(path, &rb)) return 1;
    if (!rb->has_inertials) { ct_robot_destroy(rb); return 0; }
    if (!make_ref(rb, path, NULL, &ref)) { ct_robot_destroy(rb); return 1; }
    double worst = 0;
    int fail = check_model(path, rb, ref) || rne_compare(path, rb, ref, NULL, RNE_SAMPLES, &worst);
    if (!fail) printf("rne %-60s %d states: worst relative %.2g\n", path, RNE_SAMPLES, worst);
    (*ran)++;
    ct_mjref_destroy(ref);
    ct_robot_destroy(rb);
    return fail;
}

static int test_rne_own(void) {
    urdf_list l;
    own_list(&l);
    int fail = 0, ran = 0;
    for (int i = 0; i < l.n; i++) fail |= rne_one(l.path[i], &ran);
    CT_ENSURE(ran == 2);
    return fail;
}

static int test_rne_shared(void) {
    static urdf_list l;
    if (!shared_list(&l)) CT_SKIP("%s/assets/robots absent", CT_SHARED_DIR);
    int fail = 0, ran = 0;
    for (int i = 0; i < l.n; i++) fail |= rne_one(l.path[i], &ran);
    CT_ENSURE(ran >= 1); /* Doosan, Hyundai, UR carry inertials */
    return fail;
}

/* ---- payload at the TCP ---- */

/* A random payload (box-shaped inertia in random axes) and tool; the same payload as a fixed
 * URDF link at tip * tool for MuJoCo. */
static void random_payload(ct_payload *p, ct_xform *tool, double scale, char *xml, size_t n, const char *tip) {
    double rpy[3] = {urand(-CT_PI, CT_PI), urand(-1.5, 1.5), urand(-CT_PI, CT_PI)};
    double trpy[3] = {urand(-CT_PI, CT_PI), urand(-1.5, 1.5), urand(-CT_PI, CT_PI)};
    double txyz[3] = {urand(-0.2, 0.2) * scale, urand(-0.2, 0.2) * scale, urand(0, 0.4) * scale};
    double a = urand(0.05, 0.5) * scale, b = urand(0.05, 0.5) * scale, c = urand(0.05, 0.5) * scale;
    p->mass = urand(0.2, 1.0) * 220 * scale * scale;
    p->com = ct_v3(urand(-0.1, 0.1) * scale, urand(-0.1, 0.1) * scale, urand(0, 0.3) * scale);
    double d[3] = {p->mass * (b * b + c * c) / 12, p->mass * (a * a + c * c) / 12, p->mass * (a * a + b * b) / 12};
    ct_mat3 R = ct_m3_from_rpy(rpy[0], rpy[1], rpy[2]);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double v = 0;
            for (int k = 0; k < 3; k++) v += R.m[3 * i + k] * d[k] * R.m[3 * j + k];
            p->inertia.m[3 * i + j] = v;
        }
    for (int i = 0; i < 3; i++) /* exactly symmetric, as written to the URDF */
        for (int j = 0; j < i; j++) p->inertia.m[3 * i + j] = p->inertia.m[3 * j + i];
    *tool = ct_xf(ct_m3_from_rpy(trpy[0], trpy[1], trpy[2]), ct_v3(txyz[0], txyz[1], txyz[2]));
    const double *I = p->inertia.m;
    snprintf(xml, n,
             "<link name=\"ct_payload\"><inertial><origin xyz=\"%.17g %.17g %.17g\" rpy=\"0 0 0\"/>"
             "<mass value=\"%.17g\"/><inertia ixx=\"%.17g\" ixy=\"%.17g\" ixz=\"%.17g\" iyy=\"%.17g\" iyz=\"%.17g\" "
             "izz=\"%.17g\"/></inertial></link>"
             "<joint name=\"ct_payload_joint\" type=\"fixed\"><parent link=\"%s\"/><child link=\"ct_payload\"/>"
             "<origin xyz=\"%.17g %.17g %.17g\" rpy=\"%.17g %.17g %.17g\"/></joint>",
             p->com.x, p->com.y, p->com.z, p->mass, I[0], I[1], I[2], I[4], I[5], I[8], tip, txyz[0], txyz[1],
             txyz[2], trpy[0], trpy[1], trpy[2]);
}

static int payload_one(const char *path, int *ran) {
    ct_robot *rb = NULL;
    ct_mjref *ref = NULL;
    if (!load(path, &rb)) return 1;
    if (!rb->has_inertials) { ct_robot_destroy(rb); return 0; }
    double scale = fmin(1.0, fmax(0.2, ct_robot_reach(rb) / 2.6)); /* smaller payloads on small arms */
    ct_payload p;
    ct_xform tool;
    char xml[4096];
    random_payload(&p, &tool, scale, xml, sizeof xml, rb->link_name[rb->tip_link]);
    if (!make_ref(rb, path, xml, &ref)) { ct_robot_destroy(rb); return 1; }
    ct_robot_set_tool(rb, tool);
    double worst = 0;
    int fail = rne_compare(path, rb, ref, &p, PAYLOAD_SAMPLES, &worst);
    if (!fail) printf("payload %-56s %.1f kg, %d states: worst relative %.2g\n", path, p.mass, PAYLOAD_SAMPLES, worst);
    (*ran)++;
    ct_mjref_destroy(ref);
    ct_robot_destroy(rb);
    return fail;
}

static int test_payload_own(void) {
    urdf_list l;
    own_list(&l);
    int fail = 0, ran = 0;
    for (int i = 0; i < l.n; i++) fail |= payload_one(l.path[i], &ran);
    CT_ENSURE(ran == 2);
    return fail;
}

static int test_payload_shared(void) {
    static urdf_list l;
    if (!shared_list(&l)) CT_SKIP("%s/assets/robots absent", CT_SHARED_DIR);
    int fail = 0, ran = 0;
    for (int i = 0; i < l.n; i++) fail |= payload_one(l.path[i], &ran);
    CT_ENSURE(ran >= 1);
    return fail;
}

/* ---- the URDF preparation itself ---- */

static int test_prepare_urdf(void) {
    const char *in = "<?xml version=\"1.0\"?>\n<!-- <visual> in a comment -->\n<robot name=\"r\">"
                     "<link name=\"a\"><visual name=\"v\"><geometry><box size=\"1 1 1\"/></geometry></visual>"
                     "<collision/><collision name=\"c\"><geometry/></collision><visualx/></link></robot>";
    char *out = ct_mjref_prepare_urdf(in, "fusestatic=\"false\"", "<link name=\"p\"/>");
    const char *want = "\n\n<robot name=\"r\"><mujoco><compiler fusestatic=\"false\"/></mujoco>"
                       "<link name=\"a\"><visualx/></link><link name=\"p\"/></robot>";
    int ok = !strcmp(out, want);
    if (!ok) fprintf(stderr, "got  %s\nwant %s\n", out, want);
    free(out);
    return ok ? 0 : 1;
}

CT_TEST_MAIN(CT_TEST(prepare_urdf), CT_TEST(fk_own), CT_TEST(fk_shared), CT_TEST(rne_own), CT_TEST(rne_shared),
             CT_TEST(payload_own), CT_TEST(payload_shared))
