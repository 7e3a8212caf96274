/* gen_link_meshes: writes the link envelope meshes of the project's own robots (ct_hs220,
 * ct_m1013) as binary STL, and prints the inertial of every link (uniform density over its
 * envelope, mass from the spec) as URDF <inertial> blocks.
 *
 *   gen_link_meshes <assets/robots dir>               writes <dir>/<robot>/meshes/<link>.stl
 *   gen_link_meshes <assets/robots dir> --inertials   also prints the <inertial> blocks
 *
 * Each link is a few closed primitives (boxes, cylinders, capsules) in the link frame, in metres.
 * Every primitive is a closed surface with counter-clockwise triangles seen from outside, so the
 * link mesh has every edge shared by exactly two triangles. Primitives may overlap; the inertia
 * then counts the overlap twice (an approximation, noted in assets/robots/README.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "celltwin/math.h"
#include "celltwin/mesh.h"

enum { PRIM_NONE, PRIM_BOX, PRIM_CYL, PRIM_CAPSULE };

/* One primitive in link coordinates (m).
 * BOX: centre a, half extents b (link axes). CYL: axis a -> b, radius r, flat caps.
 * CAPSULE: segment a -> b, radius r. */
typedef struct prim {
    int kind;
    double a[3], b[3];
    double r;
} prim;

#define MAX_PRIMS 4
typedef struct link_spec {
    const char *name;
    double mass;            /* kg */
    prim prims[MAX_PRIMS];  /* terminated by PRIM_NONE */
} link_spec;

typedef struct robot_spec {
    const char *dir;        /* folder under assets/robots */
    const link_spec *links;
    int nlink;
} robot_spec;

/* Hyundai HS220-class arm. Link frames are parallel to the base at home (0, 90, 0, 0, 0, 0) deg:
 * x forward, z up. Joint origins (link frame of the parent): joint_1 (0 0 0.30) in base,
 * joint_2 (0.312 0 0.308), joint_3 (0 0 1.108), joint_4 (0.40 0 0.228), joint_5 (0.838 0 0),
 * joint_6 (0.12 0 0), flange face (0.10 0 0). Masses: vendor link masses (hdr_description
 * hs220_02 physical parameters), 828.367 kg in all. */
static const link_spec hs220_links[] = {
    {"base", 108.141,
     {{PRIM_CYL, {0, 0, 0.05}, {0, 0, 0.32}, 0.40}, {PRIM_BOX, {0, 0, 0.025}, {0.42, 0.42, 0.025}, 0}}},
    {"link_1", 293.205,
     {{PRIM_CYL, {0, 0, -0.04}, {0, 0, 0.18}, 0.38}, {PRIM_CYL, {0.312, -0.34, 0.308}, {0.312, 0.34, 0.308}, 0.26}}},
    {"link_2", 125.721, {{PRIM_CAPSULE, {0, 0, 0}, {0, 0, 1.108}, 0.20}}},
    {"link_3", 237.861,
     {{PRIM_CYL, {0, -0.27, 0}, {0, 0.27, 0}, 0.23}, {PRIM_CAPSULE, {-0.42, 0, 0.228}, {0.40, 0, 0.228}, 0.21}}},
    {"link_4", 14.456, {{PRIM_CAPSULE, {0, 0, 0}, {0.838, 0, 0}, 0.14}}},
    {"link_5", 38.983, {{PRIM_CYL, {0, -0.17, 0}, {0, 0.17, 0}, 0.15}}},
    {"link_6", 10.0, {{PRIM_CYL, {-0.02, 0, 0}, {0.10, 0, 0}, 0.125}}},
};

/* Doosan M1013-class cobot. Every joint turns about its local z. Joint origins: joint_1
 * (0 0 0.1525) in base, joint_2 (0 0.0345 0), joint_3 (0.62 0 0), joint_4 (0 -0.559 0),
 * joint_5 (0 0 0), joint_6 (0 -0.121 0); link_6's origin is on the flange face and its z points
 * out of the flange. Masses: the spec weight 33 kg split like the vendor CAD inertials. */
static const link_spec m1013_links[] = {
    {"base", 3.97, {{PRIM_CYL, {0, 0, 0}, {0, 0, 0.17}, 0.10}}},
    {"link_1", 7.52,
     {{PRIM_CYL, {0, 0, -0.07}, {0, 0, 0.05}, 0.095}, {PRIM_CYL, {0, -0.07, 0}, {0, 0.125, 0}, 0.085}}},
    {"link_2", 10.44,
     {{PRIM_CYL, {0, 0, -0.02}, {0, 0, 0.21}, 0.085},
      {PRIM_CAPSULE, {0.06, 0, 0.158}, {0.56, 0, 0.158}, 0.065},
      {PRIM_CYL, {0.62, 0, 0.10}, {0.62, 0, 0.21}, 0.075}}},
    {"link_3", 3.55, {{PRIM_CYL, {0, 0, -0.03}, {0, 0, 0.15}, 0.075}}},
    {"link_4", 3.68,
     {{PRIM_CAPSULE, {0, 0.09, -0.45}, {0, 0.09, -0.07}, 0.06}, {PRIM_CYL, {0, -0.065, 0}, {0, 0.13, 0}, 0.06}}},
    {"link_5", 2.72,
     {{PRIM_CYL, {0, 0, -0.065}, {0, 0, 0.065}, 0.06}, {PRIM_CYL, {0, -0.095, 0}, {0, -0.03, 0}, 0.05}}},
    {"link_6", 1.12, {{PRIM_CYL, {0, 0, -0.03}, {0, 0, 0}, 0.0315}}},
};

static const robot_spec robots[] = {
    {"ct_hs220", hs220_links, (int)(sizeof hs220_links / sizeof hs220_links[0])},
    {"ct_m1013", m1013_links, (int)(sizeof m1013_links / sizeof m1013_links[0])},
};

enum { NSEG = 24, NHEMI = 6 }; /* segments around an axis; rings per capsule hemisphere */

/* Growing vertex/triangle buffers of one link. */
typedef struct builder {
    float *vert;
    int nvert, cap_vert;
    int *tri;
    int ntri, cap_tri;
} builder;

static void die(const char *msg) {
    fprintf(stderr, "gen_link_meshes: %s\n", msg);
    exit(1);
}

static int add_vert(builder *b, ct_vec3 p) {
    if (b->nvert == b->cap_vert) {
        b->cap_vert = b->cap_vert ? 2 * b->cap_vert : 256;
        b->vert = realloc(b->vert, sizeof(float) * 3 * (size_t)b->cap_vert);
        if (!b->vert) die("out of memory");
    }
    b->vert[3 * b->nvert] = (float)p.x;
    b->vert[3 * b->nvert + 1] = (float)p.y;
    b->vert[3 * b->nvert + 2] = (float)p.z;
    return b->nvert++;
}

static void add_tri(builder *b, int i, int j, int k) {
    if (b->ntri == b->cap_tri) {
        b->cap_tri = b->cap_tri ? 2 * b->cap_tri : 512;
        b->tri = realloc(b->tri, sizeof(int) * 3 * (size_t)b->cap_tri);
        if (!b->tri) die("out of memory");
    }
    b->tri[3 * b->ntri] = i;
    b->tri[3 * b->ntri + 1] = j;
    b->tri[3 * b->ntri + 2] = k;
    b->ntri++;
}

/* Quad a b c d, counter-clockwise seen from outside. */
static void add_quad(builder *b, int a, int bb, int c, int d) {
    add_tri(b, a, bb, c);
    add_tri(b, a, c, d);
}

/* Unit vectors e1, e2 with (e1, e2, u) right-handed. */
static void basis(ct_vec3 u, ct_vec3 *e1, ct_vec3 *e2) {
    ct_vec3 t = fabs(u.x) < 0.9 ? ct_v3(1, 0, 0) : ct_v3(0, 1, 0);
    *e1 = ct_v3_normalize(ct_v3_cross(t, u));
    *e2 = ct_v3_cross(u, *e1);
}

/* Ring of NSEG points around centre c in the plane (e1, e2) at radius r; returns the first index. */
static int add_ring(builder *b, ct_vec3 c, ct_vec3 e1, ct_vec3 e2, double r) {
    int first = b->nvert;
    for (int k = 0; k < NSEG; k++) {
        double t = 2.0 * CT_PI * k / NSEG;
        add_vert(b, ct_v3_add(c, ct_v3_add(ct_v3_scale(e1, r * cos(t)), ct_v3_scale(e2, r * sin(t)))));
    }
    return first;
}

/* Band between ring lo (nearer the start of the axis) and ring hi. */
static void add_band(builder *b, int lo, int hi) {
    for (int k = 0; k < NSEG; k++) {
        int k1 = (k + 1) % NSEG;
        add_quad(b, lo + k, lo + k1, hi + k1, hi + k);
    }
}

/* Fan from a pole to a ring; `start` = 1 when the pole is at the start of the axis. */
static void add_fan(builder *b, int pole, int ring, int start) {
    for (int k = 0; k < NSEG; k++) {
        int k1 = (k + 1) % NSEG;
        if (start) add_tri(b, pole, ring + k1, ring + k);
        else add_tri(b, pole, ring + k, ring + k1);
    }
}

static void add_box(builder *b, const prim *p) {
    int v[8];
    for (int i = 0; i < 8; i++) /* bit 0: x, bit 1: y, bit 2: z */
        v[i] = add_vert(b, ct_v3(p->a[0] + ((i & 1) ? p->b[0] : -p->b[0]), p->a[1] + ((i & 2) ? p->b[1] : -p->b[1]),
                                 p->a[2] + ((i & 4) ? p->b[2] : -p->b[2])));
    add_quad(b, v[0], v[2], v[3], v[1]); /* -z */
    add_quad(b, v[4], v[5], v[7], v[6]); /* +z */
    add_quad(b, v[0], v[1], v[5], v[4]); /* -y */
    add_quad(b, v[2], v[6], v[7], v[3]); /* +y */
    add_quad(b, v[0], v[4], v[6], v[2]); /* -x */
    add_quad(b, v[1], v[3], v[7], v[5]); /* +x */
}

static void add_cylinder(builder *b, const prim *p) {
    ct_vec3 a = ct_v3(p->a[0], p->a[1], p->a[2]), c = ct_v3(p->b[0], p->b[1], p->b[2]), e1, e2;
    ct_vec3 u = ct_v3_normalize(ct_v3_sub(c, a));
    basis(u, &e1, &e2);
    int pa = add_vert(b, a);
    int ra = add_ring(b, a, e1, e2, p->r);
    int rb = add_ring(b, c, e1, e2, p->r);
    int pb = add_vert(b, c);
    add_fan(b, pa, ra, 1);
    add_band(b, ra, rb);
    add_fan(b, pb, rb, 0);
}

static void add_capsule(builder *b, const prim *p) {
    ct_vec3 a = ct_v3(p->a[0], p->a[1], p->a[2]), c = ct_v3(p->b[0], p->b[1], p->b[2]), e1, e2;
    ct_vec3 u = ct_v3_normalize(ct_v3_sub(c, a));
    basis(u, &e1, &e2);
    int pole_a = add_vert(b, ct_v3_madd(a, u, -p->r));
    int prev = -1;
    /* rings from the start pole to the start equator, then from the end equator to the end pole */
    for (int h = 0; h < 2; h++)
        for (int k = 1; k <= NHEMI; k++) {
            int kk = h == 0 ? k : NHEMI + 1 - k;
            double phi = 0.5 * CT_PI * kk / NHEMI; /* angle from the pole */
            ct_vec3 centre = h == 0 ? ct_v3_madd(a, u, -p->r * cos(phi)) : ct_v3_madd(c, u, p->r * cos(phi));
            int ring = add_ring(b, centre, e1, e2, p->r * sin(phi));
            if (prev < 0) add_fan(b, pole_a, ring, 1);
            else add_band(b, prev, ring);
            prev = ring;
        }
    int pole_b = add_vert(b, ct_v3_madd(c, u, p->r));
    add_fan(b, pole_b, prev, 0);
}

/* Volume, first and second moments of the closed mesh triangles [t0, t1): sum over the
 * tetrahedra (origin, v0, v1, v2). second[i][j] = integral of x_i x_j dV. */
typedef struct moments { double vol, first[3], second[3][3]; } moments;

static void mesh_moments(const builder *b, int t0, int t1, moments *m) {
    memset(m, 0, sizeof *m);
    for (int t = t0; t < t1; t++) {
        double v[3][3];
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 3; i++) v[k][i] = b->vert[3 * b->tri[3 * t + k] + i];
        double det = v[0][0] * (v[1][1] * v[2][2] - v[1][2] * v[2][1]) - v[0][1] * (v[1][0] * v[2][2] - v[1][2] * v[2][0]) +
                     v[0][2] * (v[1][0] * v[2][1] - v[1][1] * v[2][0]);
        m->vol += det / 6.0;
        for (int i = 0; i < 3; i++) {
            double s_i = v[0][i] + v[1][i] + v[2][i];
            m->first[i] += det / 24.0 * s_i;
            for (int j = 0; j < 3; j++) {
                double s_j = v[0][j] + v[1][j] + v[2][j];
                double sum = v[0][i] * v[0][j] + v[1][i] * v[1][j] + v[2][i] * v[2][j] + s_i * s_j;
                m->second[i][j] += det / 120.0 * sum;
            }
        }
    }
}

/* Builds one link; checks each primitive encloses a positive volume (outward winding). */
static void build_link(const link_spec *ls, builder *b) {
    for (int i = 0; i < MAX_PRIMS && ls->prims[i].kind != PRIM_NONE; i++) {
        int t0 = b->ntri;
        const prim *p = &ls->prims[i];
        if (p->kind == PRIM_BOX) add_box(b, p);
        else if (p->kind == PRIM_CYL) add_cylinder(b, p);
        else add_capsule(b, p);
        moments m;
        mesh_moments(b, t0, b->ntri, &m);
        if (!(m.vol > 0)) die("a primitive has inward triangles");
    }
}

/* Prints the link's <inertial>: mass over the envelope volume, inertia about the centre of mass. */
static void print_inertial(const link_spec *ls, const builder *b) {
    moments m;
    mesh_moments(b, 0, b->ntri, &m);
    double rho = ls->mass / m.vol, com[3], I[3][3];
    for (int i = 0; i < 3; i++) com[i] = m.first[i] / m.vol;
    /* covariance about the COM, then I = tr(C) E - C */
    double C[3][3], tr = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) C[i][j] = rho * m.second[i][j] - ls->mass * com[i] * com[j];
    for (int i = 0; i < 3; i++) tr += C[i][i];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) I[i][j] = (i == j ? tr : 0) - C[i][j];
    /* tessellation noise (asymmetric rings) is printed as 0 */
    double scale = I[0][0] + I[1][1] + I[2][2];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            if (fabs(I[i][j]) < 1e-9 * scale) I[i][j] = 0;
    for (int i = 0; i < 3; i++)
        if (fabs(com[i]) < 1e-9) com[i] = 0;
    printf("  <!-- %s: envelope volume %.6f m^3 -->\n", ls->name, m.vol);
    printf("    <inertial>\n      <origin xyz=\"%.6f %.6f %.6f\" rpy=\"0 0 0\"/>\n      <mass value=\"%g\"/>\n", com[0],
           com[1], com[2], ls->mass);
    printf("      <inertia ixx=\"%.6g\" ixy=\"%.6g\" ixz=\"%.6g\" iyy=\"%.6g\" iyz=\"%.6g\" izz=\"%.6g\"/>\n    </inertial>\n",
           I[0][0], I[0][1], I[0][2], I[1][1], I[1][2], I[2][2]);
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "--inertials"))) {
        fprintf(stderr, "usage: gen_link_meshes <assets/robots dir> [--inertials]\n");
        return 2;
    }
    int inertials = argc == 3;
    for (size_t r = 0; r < sizeof robots / sizeof robots[0]; r++) {
        if (inertials) printf("<!-- %s -->\n", robots[r].dir);
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", argv[1], robots[r].dir);
        mkdir(dir, 0777); /* errors show up when the files are written */
        snprintf(dir, sizeof dir, "%s/%s/meshes", argv[1], robots[r].dir);
        mkdir(dir, 0777);
        for (int l = 0; l < robots[r].nlink; l++) {
            const link_spec *ls = &robots[r].links[l];
            builder b = {0};
            build_link(ls, &b);
            char path[4096];
            snprintf(path, sizeof path, "%s/%s/meshes/%s.stl", argv[1], robots[r].dir, ls->name);
            ct_mesh *mesh = NULL;
            ct_error err;
            if (ct_mesh_create(b.vert, b.nvert, b.tri, b.ntri, &mesh, &err) != CT_OK ||
                ct_mesh_write_stl(mesh, path, &err) != CT_OK) {
                fprintf(stderr, "gen_link_meshes: %s: %s\n", path, err.message);
                return 1;
            }
            ct_mesh_free(mesh);
            if (inertials) print_inertial(ls, &b);
            free(b.vert);
            free(b.tri);
        }
    }
    return 0;
}
