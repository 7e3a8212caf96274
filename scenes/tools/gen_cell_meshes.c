/* gen_cell_meshes: writes the meshes of the project's sample cells as binary STL (metres).
 *
 *   gen_cell_meshes <assets/cells dir>    writes <dir>/spot_weld/meshes/{car_body,fixture,fence,weld_gun}.stl
 *
 * car_body: a body-in-white-like shell, 4.4 x 1.8 m, open sheet (zero thickness) built from a
 *   superellipse cross-section swept along x (hood, cabin, trunk heights), with two door
 *   openings per side and closed front and rear ends. Frame: x forward, origin on the centre
 *   line at the bottom of the sills (z = 0).
 * fixture: a base plate and four posts that carry the body's sills (top at z = 0.70).
 * fence: four panels of a 9 x 8 m safety fence, 2 m high, with a 1.2 m entry gap.
 * weld_gun: a straight spot-welding gun along the flange's z axis: body box and electrode arm;
 *   the electrode tip (the TCP) is at z = 0.50.
 * Boxes are closed with outward counter-clockwise triangles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "celltwin/math.h"
#include "celltwin/mesh.h"

typedef struct mesh_buf {
    float *v;
    int nv, cv;
    int *t;
    int nt, ct;
} mesh_buf;

static int add_vert(mesh_buf *m, double x, double y, double z) {
    if (m->nv == m->cv) {
        m->cv = m->cv ? 2 * m->cv : 1024;
        m->v = realloc(m->v, sizeof(float) * 3 * (size_t)m->cv);
        if (!m->v) exit(1);
    }
    m->v[3 * m->nv] = (float)x;
    m->v[3 * m->nv + 1] = (float)y;
    m->v[3 * m->nv + 2] = (float)z;
    return m->nv++;
}

static void add_tri(mesh_buf *m, int a, int b, int c) {
    if (m->nt == m->ct) {
        m->ct = m->ct ? 2 * m->ct : 1024;
        m->t = realloc(m->t, sizeof(int) * 3 * (size_t)m->ct);
        if (!m->t) exit(1);
    }
    m->t[3 * m->nt] = a;
    m->t[3 * m->nt + 1] = b;
    m->t[3 * m->nt + 2] = c;
    m->nt++;
}

/* Axis-aligned closed box [lo, hi]. */
static void add_box(mesh_buf *m, double x0, double y0, double z0, double x1, double y1, double z1) {
    int v[8];
    for (int i = 0; i < 8; i++) v[i] = add_vert(m, i & 1 ? x1 : x0, i & 2 ? y1 : y0, i & 4 ? z1 : z0);
    static const int f[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
    for (int k = 0; k < 6; k++) {
        add_tri(m, v[f[k][0]], v[f[k][1]], v[f[k][2]]);
        add_tri(m, v[f[k][0]], v[f[k][2]], v[f[k][3]]);
    }
}

static void write_mesh(mesh_buf *m, const char *dir, const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.stl", dir, name);
    ct_mesh *mesh = NULL;
    ct_error err;
    if (ct_mesh_create(m->v, m->nv, m->t, m->nt, &mesh, &err) != CT_OK ||
        ct_mesh_write_stl(mesh, path, &err) != CT_OK) {
        char buf[1200];
        ct_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "gen_cell_meshes: %s\n", buf);
        exit(1);
    }
    printf("%s: %d triangles\n", path, m->nt);
    ct_mesh_free(mesh);
    free(m->v);
    free(m->t);
    memset(m, 0, sizeof *m);
}

/* ---- car body ---- */
#define CAR_L 4.4   /* length (m) */
#define CAR_W 0.9   /* half width (m) */
#define NX 64       /* sections along x */
#define NS 40       /* points around a section */

static double smooth(double a, double b, double x) { /* 0 below a, 1 above b */
    if (x <= a) return 0;
    if (x >= b) return 1;
    double t = (x - a) / (b - a);
    return t * t * (3 - 2 * t);
}

/* Roof height at x (front of the car at +L/2): hood 0.75, cabin 1.35, trunk 0.85. */
static double top_at(double x) {
    if (x < -0.95) return 0.85 + 0.50 * smooth(-1.55, -0.95, x); /* rear window down to the trunk */
    return 0.75 + 0.60 * (1 - smooth(0.55, 1.25, x));             /* windshield down to the hood */
}

static double half_width_at(double x) { return CAR_W - 0.08 * smooth(1.6, 2.2, fabs(x)); }

/* Superellipse section point: t in [0, 2 pi), 0 = +y side at mid height. */
static void section_point(double x, double t, double *y, double *z) {
    double c = cos(t), s = sin(t), e = 2.0 / 4.0;
    double yc = (c >= 0 ? 1 : -1) * pow(fabs(c), e), zc = (s >= 0 ? 1 : -1) * pow(fabs(s), e);
    double top = top_at(x);
    *y = half_width_at(x) * yc;
    *z = 0.5 * top * (1 + zc);
}

/* Door openings: two per side, between sill and roof rail. */
static int in_door(double x, double y, double z, double top) {
    if (fabs(y) < 0.55 * CAR_W) return 0;
    if (z < 0.12 || z > top - 0.10) return 0;
    return (x > -0.85 && x < 0.05) || (x > 0.17 && x < 1.10);
}

static void gen_car_body(const char *dir) {
    mesh_buf m = {0};
    int idx[NX + 1][NS];
    for (int i = 0; i <= NX; i++) {
        double x = -CAR_L / 2 + CAR_L * i / NX;
        for (int j = 0; j < NS; j++) {
            double y, z;
            section_point(x, 2 * CT_PI * j / NS, &y, &z);
            idx[i][j] = add_vert(&m, x, y, z);
        }
    }
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NS; j++) {
            int j1 = (j + 1) % NS;
            double xc = -CAR_L / 2 + CAR_L * (i + 0.5) / NX, y, z;
            section_point(xc, 2 * CT_PI * (j + 0.5) / NS, &y, &z);
            if (in_door(xc, y, z, top_at(xc))) continue;
            /* outward: the section runs counter-clockwise seen from +x */
            add_tri(&m, idx[i][j], idx[i][j1], idx[i + 1][j1]);
            add_tri(&m, idx[i][j], idx[i + 1][j1], idx[i + 1][j]);
        }
    /* end caps: fans around the section centre */
    for (int e = 0; e < 2; e++) {
        int i = e ? NX : 0;
        double x = -CAR_L / 2 + CAR_L * i / NX;
        int c = add_vert(&m, x, 0, 0.5 * top_at(x));
        for (int j = 0; j < NS; j++) {
            int j1 = (j + 1) % NS;
            if (e) add_tri(&m, c, idx[i][j], idx[i][j1]);
            else add_tri(&m, c, idx[i][j1], idx[i][j]);
        }
    }
    write_mesh(&m, dir, "car_body");
}

static void gen_fixture(const char *dir) {
    mesh_buf m = {0};
    add_box(&m, -1.7, -0.5, 0.0, 1.7, 0.5, 0.10);   /* base plate */
    for (int sx = -1; sx <= 1; sx += 2)
        for (int sy = -1; sy <= 1; sy += 2) {
            double x = 1.30 * sx, y = 0.40 * sy;
            add_box(&m, x - 0.06, y - 0.06, 0.10, x + 0.06, y + 0.06, 0.70); /* posts up to the sills */
        }
    write_mesh(&m, dir, "fixture");
}

static void gen_fence(const char *dir) {
    mesh_buf m = {0};
    const double X = 4.5, Y = 4.0, T = 0.05, H = 2.0;
    add_box(&m, -X, -Y - T, 0, X, -Y, H);           /* y- side */
    add_box(&m, -X, Y, 0, X, Y + T, H);             /* y+ side */
    add_box(&m, X, -Y, 0, X + T, Y, H);             /* front */
    add_box(&m, -X - T, -Y, 0, -X, -0.6, H);        /* rear, with an entry gap |y| < 0.6 */
    add_box(&m, -X - T, 0.6, 0, -X, Y, H);
    write_mesh(&m, dir, "fence");
}

static void gen_weld_gun(const char *dir) {
    mesh_buf m = {0};
    add_box(&m, -0.15, -0.12, 0.0, 0.15, 0.12, 0.30); /* transformer and cylinder body */
    add_box(&m, -0.03, -0.03, 0.30, 0.03, 0.03, 0.50); /* electrode arm; tip = TCP at z 0.50 */
    write_mesh(&m, dir, "weld_gun");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: gen_cell_meshes <assets/cells dir>\n");
        return 2;
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/spot_weld", argv[1]);
    mkdir(dir, 0777);
    snprintf(dir, sizeof dir, "%s/spot_weld/meshes", argv[1]);
    mkdir(dir, 0777);
    gen_car_body(dir);
    gen_fixture(dir);
    gen_fence(dir);
    gen_weld_gun(dir);
    return 0;
}
