/* Mesh import tests: shared binary STLs against a raw reading of the file (triangle count from
 * the header, brute-force weld by sorting, brute-force AABB); a hand-written COLLADA file with a
 * node transform and <unit>; ASCII STL and OBJ; write/reload round trip; bad meshes. */
#include "celltwin/mesh.h"
#include "ct_test.h"

#include <glob.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- independent raw STL reader ---- */

typedef struct raw_stl { uint32_t ntri; float *corner; /* (ntri x 3 x 3) */ } raw_stl;

static uint32_t le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Reads a binary STL (size must be 84 + 50 n). Returns 1 when the file is not binary STL. */
static int read_raw_stl(const char *path, raw_stl *out) {
    FILE *f = fopen(path, "rb");
    if (!f) return 1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)size);
    int ok = buf && fread(buf, 1, (size_t)size, f) == (size_t)size;
    fclose(f);
    if (!ok || size < 84 || (long)le32(buf + 80) * 50 + 84 != size) {
        free(buf);
        return 1;
    }
    out->ntri = le32(buf + 80);
    out->corner = malloc(sizeof(float) * 9 * out->ntri + 1);
    for (uint32_t t = 0; t < out->ntri; t++)
        for (int k = 0; k < 9; k++) {
            uint32_t u = le32(buf + 84 + 50 * t + 12 + 4 * k);
            memcpy(&out->corner[9 * t + k], &u, 4);
        }
    free(buf);
    return 0;
}

static float fold0(float x) { return x == 0.0f ? 0.0f : x; }
static int cmp_vec(const void *a, const void *b) {
    const float *x = a, *y = b;
    for (int d = 0; d < 3; d++) {
        float u = fold0(x[d]), v = fold0(y[d]);
        if (u < v) return -1;
        if (u > v) return 1;
    }
    return 0;
}

/* Number of distinct corner positions: sort and count runs. */
static int brute_weld_count(const float *corner, int ncorner) {
    float *c = malloc(sizeof(float) * 3 * (size_t)ncorner);
    memcpy(c, corner, sizeof(float) * 3 * (size_t)ncorner);
    qsort(c, (size_t)ncorner, sizeof(float) * 3, cmp_vec);
    int n = ncorner ? 1 : 0;
    for (int i = 1; i < ncorner; i++) n += cmp_vec(&c[3 * i], &c[3 * (i - 1)]) != 0;
    free(c);
    return n;
}

static int write_bytes(const char *path, const void *data, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f) return 1;
    int bad = fwrite(data, 1, n, f) != n;
    return fclose(f) != 0 || bad;
}
static int write_text(const char *path, const char *text) { return write_bytes(path, text, strlen(text)); }

/* Does mesh m have a vertex within tol of p? */
static int has_vertex(const ct_mesh *m, const double p[3], double tol) {
    for (int i = 0; i < m->nvert; i++)
        if (fabs(m->vert[3 * i] - p[0]) <= tol && fabs(m->vert[3 * i + 1] - p[1]) <= tol &&
            fabs(m->vert[3 * i + 2] - p[2]) <= tol)
            return 1;
    return 0;
}

/* ---- tests ---- */

/* Every binary STL under ../shared: counts, weld, AABB and each triangle's corners. */
static int test_shared_stl_counts(void) {
    const char *patterns[] = {"%s/assets/robots/*/meshes/*.stl", "%s/assets/robots/*/meshes/*/*.stl"};
    const double scale[3] = {0.001, 2.0, -1.0};  /* mixed, with a mirror */
    int nfile = 0, nascii = 0;
    long ntri_total = 0;
    for (int pi = 0; pi < 2; pi++) {
        char pattern[1024];
        snprintf(pattern, sizeof pattern, patterns[pi], CT_SHARED_DIR);
        glob_t g;
        if (glob(pattern, 0, NULL, &g) != 0) continue;
        for (size_t fi = 0; fi < g.gl_pathc; fi++) {
            const char *path = g.gl_pathv[fi];
            raw_stl raw;
            if (read_raw_stl(path, &raw) != 0) {
                nascii++;
                continue;
            }
            ct_mesh *m;
            ct_error err;
            CT_ENSURE_MSG(ct_mesh_load(path, scale, &m, &err) == CT_OK, "%s: %s", path, err.message);
            CT_ENSURE_MSG(m->ntri == (int)raw.ntri, "%s: %d triangles, header says %u", path, m->ntri, raw.ntri);
            int nweld = brute_weld_count(raw.corner, 3 * (int)raw.ntri);
            CT_ENSURE_MSG(m->nvert == nweld, "%s: %d vertices, brute-force weld %d", path, m->nvert, nweld);
            /* AABB and corners: raw float x scale (as double, rounded to float) */
            float mn[3] = {INFINITY, INFINITY, INFINITY}, mx[3] = {-INFINITY, -INFINITY, -INFINITY};
            for (uint32_t t = 0; t < raw.ntri; t++)
                for (int k = 0; k < 3; k++) {
                    /* a mirroring scale swaps corners 1 and 2 */
                    int mk = k == 0 ? 0 : 3 - k;
                    const int vi = m->tri[3 * t + mk];
                    CT_ENSURE(vi >= 0 && vi < m->nvert);
                    for (int d = 0; d < 3; d++) {
                        float s = (float)((double)raw.corner[9 * t + 3 * k + d] * scale[d]);
                        if (s < mn[d]) mn[d] = s;
                        if (s > mx[d]) mx[d] = s;
                        CT_ENSURE_MSG(m->vert[3 * vi + d] == s, "%s: triangle %u corner %d", path, t, k);
                    }
                }
            for (int d = 0; d < 3; d++) {
                CT_ENSURE_MSG(m->aabb_min[d] == mn[d] && m->aabb_max[d] == mx[d], "%s: AABB axis %d", path, d);
            }
            for (int i = 0; i < m->nvert; i++) {
                const float *n = &m->normal[3 * i];
                CT_ENSURE_NEAR(n[0] * n[0] + n[1] * n[1] + n[2] * n[2], 1.0, 1e-5);
            }
            ntri_total += m->ntri;
            nfile++;
            free(raw.corner);
            ct_mesh_free(m);
        }
        globfree(&g);
    }
    if (nfile == 0) CT_SKIP("no binary STLs under %s (../shared absent)", CT_SHARED_DIR);
    printf("checked %d binary STLs (%ld triangles); %d non-binary skipped here\n", nfile, ntri_total, nascii);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

/* COLLADA: node translate + rotate, <unit meter="0.001">, Z_UP kept as authored (ROS convention). */
static int test_dae_units_transform(void) {
    static const char dae[] =
        "<?xml version='1.0' encoding='utf-8'?>\n"
        "<COLLADA xmlns='http://www.collada.org/2005/11/COLLADASchema' version='1.4.1'>\n"
        "<asset><unit name='millimeter' meter='0.001'/><up_axis>Z_UP</up_axis></asset>\n"
        "<library_geometries><geometry id='g'><mesh>\n"
        "<source id='p'><float_array id='pa' count='9'>0 0 0 100 0 0 0 200 0</float_array>\n"
        "<technique_common><accessor source='#pa' count='3' stride='3'>\n"
        "<param name='X' type='float'/><param name='Y' type='float'/><param name='Z' type='float'/>\n"
        "</accessor></technique_common></source>\n"
        "<vertices id='v'><input semantic='POSITION' source='#p'/></vertices>\n"
        "<triangles count='1'><input semantic='VERTEX' source='#v' offset='0'/><p>0 1 2</p></triangles>\n"
        "</mesh></geometry></library_geometries>\n"
        "<library_visual_scenes><visual_scene id='s'>\n"
        "<node id='n'><translate>10 20 30</translate><rotate>0 0 1 90</rotate><instance_geometry url='#g'/></node>\n"
        "</visual_scene></library_visual_scenes>\n"
        "<scene><instance_visual_scene url='#s'/></scene>\n"
        "</COLLADA>\n";
    char path[] = "/tmp/ct_mesh_dae_XXXXXX.dae";
    int fd = mkstemps(path, 4);
    CT_ENSURE(fd >= 0);
    close(fd);
    CT_ENSURE(write_text(path, dae) == 0);
    ct_mesh *m;
    ct_error err;
    ct_status st = ct_mesh_load(path, NULL, &m, &err);
    remove(path);
    CT_ENSURE_MSG(st == CT_OK, "%s", err.message);
    CT_ENSURE(m->nvert == 3 && m->ntri == 1);
    /* v' = 0.001 (Rz(90) v + t): (x, y, z) -> (-y, x, z) then + (10, 20, 30), in mm */
    const double expect[3][3] = {{0.010, 0.020, 0.030}, {0.010, 0.120, 0.030}, {-0.190, 0.020, 0.030}};
    for (int i = 0; i < 3; i++)
        CT_ENSURE_MSG(has_vertex(m, expect[i], 1e-6), "expected vertex %d (%g %g %g) missing", i, expect[i][0],
                      expect[i][1], expect[i][2]);
    for (int i = 0; i < 3; i++) CT_ENSURE_NEAR(m->normal[3 * i + 2], 1.0, 1e-6);  /* CCW seen from +z */
    CT_ENSURE_NEAR(m->aabb_min[0], -0.19, 1e-6);
    CT_ENSURE_NEAR(m->aabb_max[1], 0.12, 1e-6);
    ct_mesh_free(m);
    return 0;
}

/* ASCII STL (two facets sharing an edge) and OBJ (a quad, triangulated), with a scale. */
static int test_obj_ascii_stl(void) {
    char stl[] = "/tmp/ct_mesh_ascii_XXXXXX.stl", obj[] = "/tmp/ct_mesh_obj_XXXXXX.obj";
    int f1 = mkstemps(stl, 4), f2 = mkstemps(obj, 4);
    CT_ENSURE(f1 >= 0 && f2 >= 0);
    close(f1);
    close(f2);
    CT_ENSURE(write_text(stl, "solid t\n"
                              "facet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\n"
                              "facet normal 0 0 1\nouter loop\nvertex 1 0 0\nvertex 1 1 0\nvertex 0 1 0\nendloop\nendfacet\n"
                              "endsolid t\n") == 0);
    CT_ENSURE(write_text(obj, "v 0 0 0\nv 2 0 0\nv 2 3 0\nv 0 3 0\nf 1 2 3 4\n") == 0);
    const double scale[3] = {0.5, 0.5, 0.5};
    ct_mesh *m;
    ct_error err;
    CT_ENSURE_MSG(ct_mesh_load(stl, scale, &m, &err) == CT_OK, "%s", err.message);
    CT_ENSURE(m->ntri == 2 && m->nvert == 4);
    CT_ENSURE(m->aabb_max[0] == 0.5f && m->aabb_max[1] == 0.5f && m->aabb_min[2] == 0);
    ct_mesh_free(m);
    CT_ENSURE_MSG(ct_mesh_load(obj, scale, &m, &err) == CT_OK, "%s", err.message);
    CT_ENSURE(m->ntri == 2 && m->nvert == 4);
    CT_ENSURE(m->aabb_max[0] == 1.0f && m->aabb_max[1] == 1.5f);
    ct_mesh_free(m);
    remove(stl);
    remove(obj);
    return 0;
}

/* A cube written with ct_mesh_write_stl reads back with the same triangles, and the file is a
 * well-formed binary STL (checked with the raw reader). */
static int test_round_trip(void) {
    const float v[8 * 3] = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1};
    const int t[12 * 3] = {0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4,
                           1, 2, 6, 1, 6, 5, 2, 3, 7, 2, 7, 6, 3, 0, 4, 3, 4, 7};
    ct_mesh *cube, *back;
    ct_error err;
    CT_ENSURE(ct_mesh_create(v, 8, t, 12, &cube, &err) == CT_OK);
    /* outward normals */
    for (int i = 0; i < 8; i++) {
        double dot = 0;
        for (int d = 0; d < 3; d++) dot += cube->normal[3 * i + d] * (cube->vert[3 * i + d] - 0.5);
        CT_ENSURE(dot > 0);
    }
    char dir[] = "/tmp/ct_mesh_rt_XXXXXX", path[256];
    CT_ENSURE(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/cube.stl", dir);
    CT_ENSURE_MSG(ct_mesh_write_stl(cube, path, &err) == CT_OK, "%s", err.message);
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    CT_ENSURE(access(tmp, F_OK) != 0);  /* temporary renamed away */
    raw_stl raw;
    CT_ENSURE(read_raw_stl(path, &raw) == 0 && raw.ntri == 12);
    for (int k = 0; k < 12 * 9; k++) CT_ENSURE(raw.corner[k] == v[3 * t[k / 3] + k % 3]);
    free(raw.corner);
    CT_ENSURE_MSG(ct_mesh_load(path, NULL, &back, &err) == CT_OK, "%s", err.message);
    CT_ENSURE(back->nvert == 8 && back->ntri == 12);
    for (int tr = 0; tr < 12; tr++)
        for (int k = 0; k < 3; k++)
            for (int d = 0; d < 3; d++)
                CT_ENSURE(back->vert[3 * back->tri[3 * tr + k] + d] == cube->vert[3 * cube->tri[3 * tr + k] + d]);
    for (int d = 0; d < 3; d++) CT_ENSURE(back->aabb_min[d] == 0 && back->aabb_max[d] == 1);
    ct_mesh_free(back);
    /* overwrite in place works too (rename over an existing file) */
    CT_ENSURE(ct_mesh_write_stl(cube, path, &err) == CT_OK);
    remove(path);
    rmdir(dir);
    /* an unwritable destination fails cleanly */
    CT_ENSURE(ct_mesh_write_stl(cube, "/nonexistent/dir/cube.stl", &err) == CT_ERR_IO);
    ct_mesh_free(cube);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

/* Empty, missing, garbage, NaN, zero-triangle and face-less files fail naming the file. */
static int test_bad_meshes(void) {
    char dir[] = "/tmp/ct_mesh_bad_XXXXXX", p[256];
    CT_ENSURE(mkdtemp(dir));
    ct_mesh *m;
    ct_error err;
    int n = 0;
    typedef struct bad_mesh { const char *name; const void *data; size_t size; ct_status expect; const char *word; } bad_mesh;
    bad_mesh cases[6];
    /* binary STL with one NaN vertex, and one with zero triangles */
    unsigned char nan_stl[134] = {0}, zero_stl[84] = {0};
    nan_stl[80] = 1;
    float tri[9] = {0, 0, 0, 1, 0, 0, 0, NAN, 0};
    memcpy(nan_stl + 84 + 12, tri, sizeof tri);
    cases[n++] = (bad_mesh){"empty.stl", "", 0, CT_ERR_INVALID, "empty"};
    cases[n++] = (bad_mesh){"garbage.stl", "this is not a mesh at all, really\n", 34, CT_ERR_PARSE, "garbage.stl"};
    cases[n++] = (bad_mesh){"nan.stl", nan_stl, sizeof nan_stl, CT_ERR_INVALID, "NaN"};
    cases[n++] = (bad_mesh){"zero.stl", zero_stl, sizeof zero_stl, CT_OK, "zero.stl"};
    cases[n++] = (bad_mesh){"points.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\n", 24, CT_OK, "points.obj"};
    int failed = 0;
    for (int i = 0; i < n; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, cases[i].name);
        CT_ENSURE(write_bytes(p, cases[i].data, cases[i].size) == 0);
        ct_status st = ct_mesh_load(p, NULL, &m, &err);
        remove(p);
        /* CT_OK in the table means "any error" (Assimp decides between parse and no triangles) */
        int ok = st != CT_OK && m == NULL && (cases[i].expect == CT_OK || st == cases[i].expect) &&
                 strstr(err.message, p) && strstr(err.message, cases[i].word);
        printf("  %-12s %s: %s\n", cases[i].name, ct_status_name(st), err.message);
        if (!ok) failed++;
    }
    rmdir(dir);
    CT_ENSURE(ct_mesh_load("/nonexistent/x.stl", NULL, &m, &err) == CT_ERR_IO && strstr(err.message, "/nonexistent/x.stl"));
    const double zero_scale[3] = {1, 0, 1};
    CT_ENSURE(ct_mesh_load("/nonexistent/x.stl", zero_scale, &m, &err) == CT_ERR_INVALID);
    /* ct_mesh_create validation */
    const float v[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    const int bad_t[3] = {0, 1, 3};
    CT_ENSURE(ct_mesh_create(v, 3, bad_t, 1, &m, &err) == CT_ERR_INVALID && m == NULL);
    CT_ENSURE(ct_mesh_create(v, 3, bad_t, 0, &m, &err) == CT_ERR_INVALID);
    CT_ENSURE(failed == 0);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

CT_TEST_MAIN(CT_TEST(shared_stl_counts), CT_TEST(dae_units_transform), CT_TEST(obj_ascii_stl), CT_TEST(round_trip),
             CT_TEST(bad_meshes))
