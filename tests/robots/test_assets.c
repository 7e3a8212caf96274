/* The project's own robot assets (assets/robots/ct_hs220, ct_m1013): the committed link meshes
 * equal a fresh run of gen_link_meshes, every mesh is closed and outward-facing, encloses the
 * joint origins it is meant to, the URDF inertials are the generator's, and the kinematics
 * match the vendor descriptions in ../shared (skipped without it). The STL reader here is
 * independent of the library's Assimp import. */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "celltwin/kin.h"
#include "celltwin/robot.h"
#include "ct_test.h"

static const char *own_robots[] = {"ct_hs220", "ct_m1013"};
#define NOWN 2

/* ---- raw binary STL ---- */

typedef struct stl {
    int ntri;
    float (*rec)[12]; /* (ntri x 12): normal, v0, v1, v2 */
} stl;

static int stl_read(const char *path, stl *s) {
    s->ntri = 0;
    s->rec = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    unsigned char head[84];
    int ok = fread(head, 1, 84, f) == 84;
    uint32_t n = ok ? (uint32_t)head[80] | (uint32_t)head[81] << 8 | (uint32_t)head[82] << 16 | (uint32_t)head[83] << 24 : 0;
    if (ok && n > 0 && n < 10000000u) {
        s->rec = malloc(sizeof *s->rec * n);
        for (uint32_t t = 0; ok && t < n; t++) {
            unsigned char r[50];
            ok = fread(r, 1, 50, f) == 50;
            for (int k = 0; ok && k < 12; k++) {
                uint32_t u = (uint32_t)r[4 * k] | (uint32_t)r[4 * k + 1] << 8 | (uint32_t)r[4 * k + 2] << 16 |
                             (uint32_t)r[4 * k + 3] << 24;
                memcpy(&s->rec[t][k], &u, 4);
            }
        }
        ok = ok && fgetc(f) == EOF; /* no trailing bytes */
        s->ntri = (int)n;
    } else ok = 0;
    fclose(f);
    if (!ok) { free(s->rec); s->rec = NULL; s->ntri = 0; }
    return ok;
}

static void mesh_path(char *buf, size_t n, const char *root, const char *robot, const char *file) {
    snprintf(buf, n, "%s/%s/meshes/%s", root, robot, file);
}

/* a/b into out; 0 when it does not fit. */
static int path_join(char *out, size_t n, const char *a, const char *b) {
    return snprintf(out, n, "%s/%s", a, b) < (int)n;
}

static int cmp_name(const void *a, const void *b) { return strcmp(a, b); }

/* Sorted list of the .stl files of a folder; returns the count (max 64). */
static int list_stl(const char *dir, char names[64][256]) {
    int n = 0;
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".stl")) snprintf(names[n++], 256, "%s", e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, 256, cmp_name);
    return n;
}

/* Runs the generator into a fresh folder under the build tree; returns its path in out. */
static int regenerate(char *out, size_t n, int inertials, FILE **pipe_out) {
    snprintf(out, n, "%s/test_assets_regen_%ld", CT_BUILD_DIR, (long)getpid());
    mkdir(out, 0777);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' '%s'%s", CT_GEN_LINK_MESHES, out, inertials ? " --inertials" : "");
    if (pipe_out) {
        *pipe_out = popen(cmd, "r");
        return *pipe_out != NULL;
    }
    return system(cmd) == 0;
}

static void remove_tree(const char *root) {
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", root);
}

/* The committed meshes equal a fresh generation (floats within 1e-6 m; bit-equal on the machine
 * that generated them, but libm may round sin/cos differently elsewhere). */
static int test_meshes_regenerate(void) {
    char tmp[4096];
    CT_ENSURE(regenerate(tmp, sizeof tmp, 0, NULL));
    int fail = 0;
    for (int r = 0; r < NOWN && !fail; r++) {
        char dnew[4200], dold[4200], fnew[64][256], fold[64][256];
        snprintf(dnew, sizeof dnew, "%s/%s/meshes", tmp, own_robots[r]);
        snprintf(dold, sizeof dold, "%s/assets/robots/%s/meshes", CT_SOURCE_DIR, own_robots[r]);
        int nnew = list_stl(dnew, fnew), nold = list_stl(dold, fold);
        if (nnew <= 0 || nnew != nold) {
            fprintf(stderr, "%s: %d generated meshes, %d committed\n", own_robots[r], nnew, nold);
            fail = 1;
            break;
        }
        for (int i = 0; i < nnew && !fail; i++) {
            char pn[4600], po[4600];
            stl a, b;
            if (!path_join(pn, sizeof pn, dnew, fnew[i]) || !path_join(po, sizeof po, dold, fold[i]) ||
                strcmp(fnew[i], fold[i]) || !stl_read(pn, &a) || !stl_read(po, &b)) {
                fprintf(stderr, "%s: cannot compare %s with %s\n", own_robots[r], pn, po);
                fail = 1;
                break;
            }
            if (a.ntri != b.ntri) {
                fprintf(stderr, "%s: %d triangles generated, %d committed\n", po, a.ntri, b.ntri);
                fail = 1;
            }
            for (int t = 0; t < a.ntri && !fail; t++)
                for (int k = 0; k < 12; k++)
                    if (!(fabsf(a.rec[t][k] - b.rec[t][k]) <= 1e-6f)) {
                        fprintf(stderr, "%s: triangle %d differs from a fresh generation "
                                        "(rebuild target regen_link_meshes)\n", po, t);
                        fail = 1;
                        break;
                    }
            free(a.rec);
            free(b.rec);
        }
    }
    remove_tree(tmp);
    return fail;
}

/* ---- topology and enclosure ---- */

typedef struct welded {
    int nvert, ntri;
    double (*v)[3];
    int (*t)[3];
} welded;

typedef struct vkey { float p[3]; int idx; } vkey;
static int cmp_vkey(const void *a, const void *b) {
    const vkey *x = a, *y = b;
    int c = memcmp(x->p, y->p, sizeof x->p);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* Welds the corners of an STL by exact float equality. */
static void weld(const stl *s, welded *w) {
    int n = 3 * s->ntri;
    vkey *k = malloc(sizeof *k * (size_t)n);
    for (int i = 0; i < n; i++) {
        memcpy(k[i].p, &s->rec[i / 3][3 + 3 * (i % 3)], sizeof k[i].p);
        k[i].idx = i;
    }
    qsort(k, (size_t)n, sizeof *k, cmp_vkey);
    w->v = malloc(sizeof *w->v * (size_t)n);
    w->t = malloc(sizeof *w->t * (size_t)s->ntri);
    w->nvert = 0;
    w->ntri = s->ntri;
    for (int i = 0; i < n; i++) {
        if (i == 0 || memcmp(k[i].p, k[i - 1].p, sizeof k[i].p)) {
            for (int d = 0; d < 3; d++) w->v[w->nvert][d] = k[i].p[d];
            w->nvert++;
        }
        w->t[k[i].idx / 3][k[i].idx % 3] = w->nvert - 1;
    }
    free(k);
}

typedef struct edge { int a, b; } edge;
static int cmp_edge(const void *x, const void *y) {
    const edge *e = x, *f = y;
    if (e->a != f->a) return e->a < f->a ? -1 : 1;
    return (e->b > f->b) - (e->b < f->b);
}

static int find_root(int *parent, int i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

/* Every directed edge appears exactly once and its reverse exactly once (closed, consistently
 * oriented 2-manifold); each connected component has a positive volume (normals outward); the
 * stored facet normals point along the winding. Returns 0 when all hold. */
static int check_closed(const char *path, const stl *s, const welded *w) {
    int ne = 3 * w->ntri;
    edge *e = malloc(sizeof *e * (size_t)ne);
    for (int t = 0; t < w->ntri; t++)
        for (int k = 0; k < 3; k++) e[3 * t + k] = (edge){w->t[t][k], w->t[t][(k + 1) % 3]};
    qsort(e, (size_t)ne, sizeof *e, cmp_edge);
    int bad = 0;
    for (int i = 0; i < ne && !bad; i++) {
        if (i + 1 < ne && !cmp_edge(&e[i], &e[i + 1])) bad = 1; /* directed edge twice */
        edge rev = {e[i].b, e[i].a};
        if (!bsearch(&rev, e, (size_t)ne, sizeof *e, cmp_edge)) bad = 2; /* open or flipped */
        if (e[i].a == e[i].b) bad = 3;
    }
    free(e);
    if (bad) {
        fprintf(stderr, "%s: not a closed consistently oriented surface (%s)\n", path,
                bad == 1 ? "edge used twice in one direction" : bad == 2 ? "edge without its twin" : "degenerate");
        return 1;
    }
    int *parent = malloc(sizeof(int) * (size_t)w->nvert);
    double *vol = calloc((size_t)w->nvert, sizeof(double));
    for (int i = 0; i < w->nvert; i++) parent[i] = i;
    for (int t = 0; t < w->ntri; t++)
        for (int k = 1; k < 3; k++) {
            int a = find_root(parent, w->t[t][0]), b = find_root(parent, w->t[t][k]);
            if (a != b) parent[a] = b;
        }
    for (int t = 0; t < w->ntri && !bad; t++) {
        const double *a = w->v[w->t[t][0]], *b = w->v[w->t[t][1]], *c = w->v[w->t[t][2]];
        double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        double n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        vol[find_root(parent, w->t[t][0])] += (a[0] * n[0] + a[1] * n[1] + a[2] * n[2]) / 6.0;
        double len = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        double dot = (n[0] * s->rec[t][0] + n[1] * s->rec[t][1] + n[2] * s->rec[t][2]) / len;
        if (!(len > 0) || !(dot > 0.999)) {
            fprintf(stderr, "%s: triangle %d: stored normal disagrees with the winding (cos %.4f)\n", path, t, dot);
            bad = 1;
        }
    }
    for (int i = 0; i < w->nvert && !bad; i++)
        if (find_root(parent, i) == i && !(vol[i] > 0)) {
            fprintf(stderr, "%s: a component has volume %.3g (inward normals)\n", path, vol[i]);
            bad = 1;
        }
    free(parent);
    free(vol);
    return bad;
}

/* Generalised winding number of a closed mesh around point p (1 inside a component, 0 outside). */
static double winding(const welded *w, const double p[3]) {
    double sum = 0;
    for (int t = 0; t < w->ntri; t++) {
        double a[3], b[3], c[3];
        for (int d = 0; d < 3; d++) {
            a[d] = w->v[w->t[t][0]][d] - p[d];
            b[d] = w->v[w->t[t][1]][d] - p[d];
            c[d] = w->v[w->t[t][2]][d] - p[d];
        }
        double la = sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]), lb = sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]),
               lc = sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
        double det = a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
        double den = la * lb * lc + (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) * lc +
                     (b[0] * c[0] + b[1] * c[1] + b[2] * c[2]) * la + (c[0] * a[0] + c[1] * a[1] + c[2] * a[2]) * lb;
        sum += 2.0 * atan2(det, den);
    }
    return sum / (4.0 * CT_PI);
}

static int test_meshes_closed(void) {
    for (int r = 0; r < NOWN; r++) {
        char dir[4200], names[64][256];
        snprintf(dir, sizeof dir, "%s/assets/robots/%s/meshes", CT_SOURCE_DIR, own_robots[r]);
        int n = list_stl(dir, names);
        CT_ENSURE_MSG(n >= 7, "%s: %d meshes", dir, n);
        for (int i = 0; i < n; i++) {
            char path[4600];
            stl s;
            welded w;
            CT_ENSURE(path_join(path, sizeof path, dir, names[i]));
            CT_ENSURE_MSG(stl_read(path, &s), "cannot read %s", path);
            CT_ENSURE_MSG(s.ntri >= 12 && s.ntri <= 2000, "%s: %d triangles", path, s.ntri);
            weld(&s, &w);
            int bad = check_closed(path, &s, &w);
            double far[3] = {10, -7, 3};
            double wf = winding(&w, far);
            free(s.rec);
            free(w.v);
            free(w.t);
            CT_ENSURE(!bad);
            CT_ENSURE_MSG(fabs(wf) < 1e-6, "%s: winding %.3g at a far point", path, wf);
        }
    }
    return 0;
}

/* Points each link envelope must enclose: its own frame origin (child == NULL) or the origin of
 * a child joint (in the link frame). Flange links end on their mounting face, so their frames
 * lie on the surface and are not listed. */
typedef struct enclose { const char *robot, *link, *child; } enclose;
static const enclose encloses[] = {
    {"ct_hs220", "base", "link_1"},   {"ct_hs220", "link_1", NULL},   {"ct_hs220", "link_1", "link_2"},
    {"ct_hs220", "link_2", NULL},     {"ct_hs220", "link_2", "link_3"}, {"ct_hs220", "link_3", NULL},
    {"ct_hs220", "link_3", "link_4"}, {"ct_hs220", "link_4", NULL},   {"ct_hs220", "link_4", "link_5"},
    {"ct_hs220", "link_5", NULL},     {"ct_hs220", "link_5", "link_6"}, {"ct_hs220", "link_6", NULL},
    {"ct_m1013", "base", "link_1"},   {"ct_m1013", "link_1", NULL},   {"ct_m1013", "link_1", "link_2"},
    {"ct_m1013", "link_2", NULL},     {"ct_m1013", "link_3", NULL},   {"ct_m1013", "link_4", NULL},
    {"ct_m1013", "link_4", "link_5"}, {"ct_m1013", "link_5", NULL},
};

static int load_own(const char *name, ct_robot **out) {
    char path[4096];
    snprintf(path, sizeof path, "%s/assets/robots/%s/robot.urdf", CT_SOURCE_DIR, name);
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    ct_error err;
    if (ct_robot_load(path, &def, out, &err) != CT_OK) {
        char buf[1200];
        ct_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        return 0;
    }
    return 1;
}

static int test_meshes_enclose_joints(void) {
    for (size_t i = 0; i < sizeof encloses / sizeof encloses[0]; i++) {
        const enclose *e = &encloses[i];
        ct_robot *rb = NULL;
        CT_ENSURE(load_own(e->robot, &rb));
        int link = ct_robot_find_link(rb, e->link), child = e->child ? ct_robot_find_link(rb, e->child) : -1;
        int ok_links = link >= 0 && (!e->child || (child >= 0 && rb->link_parent[child] == link));
        double p[3] = {0, 0, 0};
        if (child >= 0) {
            p[0] = rb->link_origin[child].p.x;
            p[1] = rb->link_origin[child].p.y;
            p[2] = rb->link_origin[child].p.z;
        }
        ct_robot_destroy(rb);
        CT_ENSURE_MSG(ok_links, "%s: no link %s with child %s", e->robot, e->link, e->child ? e->child : "-");
        char path[4600];
        char file[300];
        snprintf(file, sizeof file, "%s.stl", e->link);
        mesh_path(path, sizeof path, CT_SOURCE_DIR "/assets/robots", e->robot, file);
        stl s;
        welded w;
        CT_ENSURE_MSG(stl_read(path, &s), "cannot read %s", path);
        weld(&s, &w);
        double wn = winding(&w, p);
        free(s.rec);
        free(w.v);
        free(w.t);
        CT_ENSURE_MSG(wn > 0.5, "%s: %s does not enclose the origin of %s (%.3f %.3f %.3f), winding %.3f", e->robot,
                      e->link, e->child ? e->child : "itself", p[0], p[1], p[2], wn);
    }
    return 0;
}

/* The URDF inertials are the ones the generator prints (6 significant digits). */
static int test_inertials_match_generator(void) {
    char tmp[4096];
    FILE *p = NULL;
    CT_ENSURE(regenerate(tmp, sizeof tmp, 1, &p));
    char line[1024], robot[64] = "", link[64] = "";
    int checked = 0, fail = 0;
    ct_robot *rb = NULL;
    double com[3] = {0}, mass = 0;
    while (fgets(line, sizeof line, p) && !fail) {
        char name[64];
        double I[6];
        if (sscanf(line, "<!-- %63s -->", name) == 1) {
            ct_robot_destroy(rb);
            rb = NULL;
            snprintf(robot, sizeof robot, "%s", name);
            if (!load_own(robot, &rb)) fail = 1;
        } else if (sscanf(line, " <!-- %63[^:]:", name) == 1) {
            snprintf(link, sizeof link, "%s", name);
        } else if (sscanf(line, " <origin xyz=\"%lf %lf %lf\"", &com[0], &com[1], &com[2]) == 3) {
        } else if (sscanf(line, " <mass value=\"%lf\"", &mass) == 1) {
        } else if (sscanf(line, " <inertia ixx=\"%lf\" ixy=\"%lf\" ixz=\"%lf\" iyy=\"%lf\" iyz=\"%lf\" izz=\"%lf\"", &I[0],
                          &I[1], &I[2], &I[3], &I[4], &I[5]) == 6 && rb) {
            int l = ct_robot_find_link(rb, link);
            if (l < 0) { fprintf(stderr, "%s: no link %s\n", robot, link); fail = 1; break; }
            const double *m = rb->link_inertia[l].m;
            double want[6] = {m[0], m[1], m[2], m[4], m[5], m[8]}, tr = m[0] + m[4] + m[8];
            ct_vec3 c = rb->link_com[l];
            double err = fabs(rb->link_mass[l] - mass) / mass + fabs(c.x - com[0]) + fabs(c.y - com[1]) + fabs(c.z - com[2]);
            for (int k = 0; k < 6; k++) err += fabs(want[k] - I[k]) / tr;
            if (!(err < 1e-5)) {
                fprintf(stderr, "%s %s: URDF inertial differs from gen_link_meshes --inertials (%.3g)\n", robot, link, err);
                fail = 1;
            }
            checked++;
        }
    }
    ct_robot_destroy(rb);
    int rc = pclose(p);
    remove_tree(tmp);
    CT_ENSURE(!fail);
    CT_ENSURE_MSG(rc == 0 && checked == 14, "generator exit %d, %d links checked", rc, checked);
    return 0;
}

/* Total masses: HS220 vendor link masses, M1013 spec weight. */
static int test_masses(void) {
    const double want[NOWN] = {828.367, 33.0};
    for (int r = 0; r < NOWN; r++) {
        ct_robot *rb = NULL;
        CT_ENSURE(load_own(own_robots[r], &rb));
        double m = ct_robot_mass(rb);
        int ok = rb->has_inertials && rb->ndof == 6;
        ct_robot_destroy(rb);
        CT_ENSURE(ok);
        CT_ENSURE_NEAR(m, want[r], 1e-9);
    }
    return 0;
}

/* Pose of a link in the base frame. */
static ct_xform in_base(const ct_robot *rb, const ct_xform *poses, int link) {
    return ct_xf_mul(ct_xf_inv(rb->base_in_root), poses[link]);
}

/* Same joint values, same flange pose in the base frame as the vendor description: this pins
 * the joint directions, zeros and home pose to the real robot's. The vendor files round pi/2
 * (HS220: 1.57079632; M1013: 1.571), hence the tolerances. */
static int compare_with_shared(const char *own, const char *own_tip, const char *shared, const char *shared_tip,
                               double tol_p, double tol_r) {
    char path[4096];
    snprintf(path, sizeof path, "%s/assets/robots/%s/robot.urdf", CT_SHARED_DIR, shared);
    if (access(path, R_OK) != 0) CT_SKIP("%s absent (no ../shared)", path);
    ct_robot *a = NULL, *b = NULL;
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    ct_error err;
    CT_ENSURE(load_own(own, &a));
    CT_ENSURE_MSG(ct_robot_load(path, &def, &b, &err) == CT_OK, "%s", err.message);
    int la = ct_robot_find_link(a, own_tip), lb = ct_robot_find_link(b, shared_tip);
    CT_ENSURE(la >= 0 && lb >= 0 && a->ndof == 6 && b->ndof == 6);
    ct_xform pa[CT_ROBOT_MAX_LINKS], pb[CT_ROBOT_MAX_LINKS];
    srand(7);
    double worst_p = 0, worst_r = 0;
    for (int it = 0; it < 200; it++) {
        double q[6];
        for (int j = 0; j < 6; j++) {
            double lo = fmax(a->dof_lower[j], b->dof_lower[j]), hi = fmin(a->dof_upper[j], b->dof_upper[j]);
            q[j] = it == 0 ? (j == 1 && !strcmp(own, "ct_hs220") ? CT_PI / 2 : 0) : lo + (hi - lo) * rand() / (double)RAND_MAX;
        }
        ct_kin_fk(a, q, pa);
        ct_kin_fk(b, q, pb);
        ct_xform xa = in_base(a, pa, la), xb = in_base(b, pb, lb);
        worst_p = fmax(worst_p, ct_v3_norm(ct_v3_sub(xa.p, xb.p)));
        worst_r = fmax(worst_r, ct_m3_angle_between(xa.R, xb.R));
    }
    ct_robot_destroy(a);
    ct_robot_destroy(b);
    printf("%s vs %s: worst %.3g m, %.3g rad\n", own, shared, worst_p, worst_r);
    CT_ENSURE(worst_p < tol_p && worst_r < tol_r);
    return 0;
}

static int test_hs220_matches_vendor(void) {
    return compare_with_shared("ct_hs220", "flange_face", "hyundai_hs220_02", "flange_face", 1e-6, 1e-7);
}
static int test_m1013_matches_vendor(void) {
    return compare_with_shared("ct_m1013", "link_6", "doosan_m1013", "link_6", 2e-3, 2e-3);
}

CT_TEST_MAIN(CT_TEST(meshes_regenerate), CT_TEST(meshes_closed), CT_TEST(meshes_enclose_joints),
             CT_TEST(inertials_match_generator), CT_TEST(masses), CT_TEST(hs220_matches_vendor),
             CT_TEST(m1013_matches_vendor))
