/* `bench check`: robot pose checks per second on one core, for ct_hs220 (and the shared
 * hyundai_hs220_02 / doosan_m1013 when present) against a generated ~50k-triangle car-body shell
 * plus a fixture, over random configurations within the joint limits: overlap only (robot vs
 * environment and itself, stop at the first hit) and exact robot-environment minimum distance.
 * Prints JSON lines. The peer is FCL (OBBRSS meshes) run on the very same merged body meshes,
 * environment meshes and configurations when FCL is found at build time (fcl_shim.h):
 * collide = first hit over body-object pairs then the checked self pairs, distance = minimum of
 * FCL's exact distance over body-object pairs. Without FCL the figures measured on this machine
 * (docs/ANCHORS.md) are quoted instead. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "celltwin/collide_robot.h"
#include "celltwin/kin.h"
#ifdef CT_HAVE_FCL
#include "fcl_shim.h"
#endif

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Car-body-like shell: a superellipsoid (exponent 4 across, 2.5 lengthwise) of 4.6 x 1.8 x
 * 1.4 m cut open at the bottom, nu x nv quads, in metres around its own origin (floor at z=0). */
static ct_mesh *car_shell(int nu, int nv) {
    int nvert = (nu + 1) * (nv + 1), ntri = 2 * nu * nv;
    float *v = malloc(sizeof(float) * 3 * (size_t)nvert);
    int *t = malloc(sizeof(int) * 3 * (size_t)ntri);
    double ax = 2.3, ay = 0.9, az = 1.4;
    for (int i = 0; i <= nu; i++) {
        double th = 2 * M_PI * i / nu;                 /* around the long axis */
        for (int j = 0; j <= nv; j++) {
            double ph = -M_PI / 2 + M_PI * j / nv;     /* along the long axis */
            double c = cos(th), s = sin(th), cp = cos(ph), sp = sin(ph);
            double ex = 2.0 / 2.5, e = 2.0 / 4.0;
            double fx = copysign(pow(fabs(sp), ex), sp);
            double r = pow(fabs(cp), ex);
            double fy = copysign(pow(fabs(c), e), c) * r, fz = copysign(pow(fabs(s), e), s) * r;
            float *p = v + 3 * (i * (nv + 1) + j);
            p[0] = (float)(ax * fx);
            p[1] = (float)(ay * fy);
            p[2] = (float)(fz > 0 ? az * fz : 0.15 * fz);  /* flat underbody close to the sills */
        }
    }
    int k = 0;
    for (int i = 0; i < nu; i++)
        for (int j = 0; j < nv; j++) {
            int a = i * (nv + 1) + j, b = (i + 1) * (nv + 1) + j;
            t[3 * k] = a; t[3 * k + 1] = b; t[3 * k + 2] = b + 1; k++;
            t[3 * k] = a; t[3 * k + 1] = b + 1; t[3 * k + 2] = a + 1; k++;
        }
    ct_mesh *m = NULL;
    ct_error err;
    ct_mesh_create(v, nvert, t, ntri, &m, &err);
    free(v);
    free(t);
    return m;
}

/* Fixture: four posts and two rails (boxes) as one mesh. */
static ct_mesh *fixture(void) {
    const double box[6][6] = {{-0.8, -0.6, 0, 0.1, 0.1, 0.9}, {0.8, -0.6, 0, 0.1, 0.1, 0.9}, {-0.8, 0.6, 0, 0.1, 0.1, 0.9},
                              {0.8, 0.6, 0, 0.1, 0.1, 0.9}, {0, -0.6, 0.9, 1.7, 0.12, 0.08}, {0, 0.6, 0.9, 1.7, 0.12, 0.08}};
    static const int f[6][4] = {{0, 2, 6, 4}, {1, 5, 7, 3}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 6, 7, 5}};
    float v[6 * 8 * 3];
    int t[6 * 12 * 3], nt = 0;
    for (int b = 0; b < 6; b++) {
        for (int i = 0; i < 8; i++) {
            v[3 * (8 * b + i)] = (float)(box[b][0] + (i & 1 ? 0.5 : -0.5) * box[b][3]);
            v[3 * (8 * b + i) + 1] = (float)(box[b][1] + (i & 2 ? 0.5 : -0.5) * box[b][4]);
            v[3 * (8 * b + i) + 2] = (float)(box[b][2] + (i & 4 ? 1.0 : 0.0) * box[b][5]);
        }
        for (int q = 0; q < 6; q++) {
            int o = 8 * b;
            t[3 * nt] = o + f[q][0]; t[3 * nt + 1] = o + f[q][1]; t[3 * nt + 2] = o + f[q][2]; nt++;
            t[3 * nt] = o + f[q][0]; t[3 * nt + 1] = o + f[q][2]; t[3 * nt + 2] = o + f[q][3]; nt++;
        }
    }
    ct_mesh *m = NULL;
    ct_error err;
    ct_mesh_create(v, 48, t, nt, &m, &err);
    return m;
}

static unsigned long long rng_state = 12345;
static double urand(void) {
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* Runs `mode` over configs until `seconds` pass or all are done; returns configs per second. */
static double run(const ct_col_robot *cr, const double *q, int n, int ndof, const ct_col_check_opts *o, double seconds,
                  int *done, int *hits) {
    ct_col_check_result res;
    double t0 = now(), t = t0;
    int i = 0;
    *hits = 0;
    while (i < n) {
        ct_col_robot_check(cr, q + (size_t)i * ndof, o, &res);
        *hits += res.collide;
        i++;
        if ((i & 63) == 0 && (t = now()) - t0 > seconds) break;
    }
    t = now();
    *done = i;
    return i / (t - t0);
}

#ifdef CT_HAVE_FCL
/* FCL copies of the robot's body meshes (link frame, placed by their shape pose) and of the
 * environment meshes. Spheres and other primitives of a body are not given to FCL (the bench
 * robots have none: reported as peer_skipped_shapes). */
typedef struct fcl_side {
    ct_fcl_mesh *body[CT_ROBOT_MAX_LINKS];
    ct_xform body_off[CT_ROBOT_MAX_LINKS];
    ct_fcl_mesh *obj[4];
    int skipped;
} fcl_side;

static void fcl_side_init(fcl_side *f, const ct_col_robot *cr) {
    memset(f, 0, sizeof *f);
    for (int b = 0; b < cr->nbody; b++) {
        const ct_col_body *body = &cr->body[b];
        for (int i = 0; i < body->nshape; i++) {
            if (body->shape[i].type == CT_COL_MESH && body->shape[i].mesh == body->mesh && !f->body[b]) {
                f->body[b] = ct_fcl_mesh_create(body->mesh->tri, body->mesh->ntri);
                f->body_off[b] = body->shape_pose[i];
            } else {
                f->skipped++;
            }
        }
    }
    for (int o = 0; o < cr->nobj && o < 4; o++)
        if (cr->obj[o].shape.type == CT_COL_MESH)
            f->obj[o] = ct_fcl_mesh_create(cr->obj[o].shape.mesh->tri, cr->obj[o].shape.mesh->ntri);
}

static void fcl_side_free(fcl_side *f) {
    for (int b = 0; b < CT_ROBOT_MAX_LINKS; b++) ct_fcl_mesh_destroy(f->body[b]);
    for (int o = 0; o < 4; o++) ct_fcl_mesh_destroy(f->obj[o]);
}

static void xf_split(ct_xform t, double *R, double *p) {
    for (int i = 0; i < 9; i++) R[i] = t.R.m[i];
    p[0] = t.p.x; p[1] = t.p.y; p[2] = t.p.z;
}

/* One configuration with FCL: distance mode returns the minimum over body-object pairs, else
 * 1/0 for a hit among body-object then self pairs (first hit stops). */
static double fcl_check(const fcl_side *f, const ct_col_robot *cr, const double *q, int distance) {
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    double R[CT_ROBOT_MAX_LINKS][9], p[CT_ROBOT_MAX_LINKS][3], Ro[4][9], po[4][3];
    ct_kin_fk(cr->robot, q, pose);
    for (int b = 0; b < cr->nbody; b++)
        if (f->body[b]) xf_split(ct_xf_mul(pose[cr->body[b].link], f->body_off[b]), R[b], p[b]);
    for (int o = 0; o < cr->nobj && o < 4; o++) xf_split(cr->obj[o].pose, Ro[o], po[o]);
    double best = INFINITY;
    for (int b = 0; b < cr->nbody; b++)
        for (int o = 0; o < cr->nobj && o < 4; o++) {
            if (!f->body[b] || !f->obj[o]) continue;
            if (distance) {
                double d = ct_fcl_distance(f->body[b], R[b], p[b], f->obj[o], Ro[o], po[o]);
                best = fmin(best, d < 0 ? 0 : d);
            } else if (ct_fcl_collide(f->body[b], R[b], p[b], f->obj[o], Ro[o], po[o])) {
                return 1;
            }
        }
    if (distance) return best;
    for (int k = 0; k < cr->npair; k++) {
        int a = cr->pair_a[k], b = cr->pair_b[k];
        if (f->body[a] && f->body[b] && ct_fcl_collide(f->body[a], R[a], p[a], f->body[b], R[b], p[b])) return 1;
    }
    return 0;
}

/* FCL configurations per second over q (same budget rule as run()); *hits counts collisions
 * (collide) or distances within 1e-9 m (distance). */
static double fcl_run(const fcl_side *f, const ct_col_robot *cr, const double *q, int n, int ndof, int distance,
                      double seconds, int *done, int *hits) {
    double t0 = now();
    int i = 0;
    *hits = 0;
    while (i < n) {
        double r = fcl_check(f, cr, q + (size_t)i * ndof, distance);
        *hits += distance ? r <= 1e-9 : r > 0;
        i++;
        if ((i & 15) == 0 && now() - t0 > seconds) break;
    }
    *done = i;
    return i / (now() - t0);
}

/* Largest |FCL - celltwin| exact distance over the first n configurations (untimed): the two
 * libraries must agree to within celltwin's stated margin plus FCL's rounding. */
static double fcl_distance_diff(const fcl_side *f, const ct_col_robot *cr, const double *q, int n, int ndof) {
    ct_col_check_opts o = ct_col_check_default_opts();
    o.self = 0;
    o.distance = 1;
    double worst = 0;
    for (int i = 0; i < n; i++) {
        ct_col_check_result res;
        ct_col_robot_check(cr, q + (size_t)i * ndof, &o, &res);
        worst = fmax(worst, fabs(fcl_check(f, cr, q + (size_t)i * ndof, 1) - res.distance));
    }
    return worst;
}
#endif

static int bench_robot(const char *label, const char *path, const ct_mesh *car, const ct_mesh *fix, int nconf,
                       double seconds, double fcl_collide, double fcl_dist) {
    ct_robot_def def = ct_robot_default_def();
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(path, &def, &r, &err) != CT_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        return 2;
    }
    ct_col_robot *cr = NULL;
    double t0 = now();
    if (ct_col_robot_create(r, &cr, &err) != CT_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        ct_robot_destroy(r);
        return 2;
    }
    /* car 1.9 m in front of the robot, fixture under its near side */
    double car_pose[6] = {2.1, 0, 0.35, 0, 0, M_PI / 2}, fix_pose[6] = {1.2, -1.3, 0, 0, 0, 0};
    ct_col_robot_add_mesh(cr, "car_body", car, ct_xf_from_xyzrpy(car_pose), &err);
    ct_col_robot_add_mesh(cr, "fixture", fix, ct_xf_from_xyzrpy(fix_pose), &err);
    double build = now() - t0;
    int tris = 0;
    for (int b = 0; b < cr->nbody; b++) tris += cr->body[b].mesh ? cr->body[b].mesh->ntri : 0;
    double *q = malloc(sizeof(double) * (size_t)nconf * (size_t)r->ndof);
    rng_state = 12345;
    for (int i = 0; i < nconf; i++)
        for (int d = 0; d < r->ndof; d++) {
            double lo = fmax(r->dof_lower[d], -M_PI), hi = fmin(r->dof_upper[d], M_PI);
            q[(size_t)i * r->ndof + d] = lo + (hi - lo) * urand();
        }
    ct_col_check_opts o = ct_col_check_default_opts();
    int done, hits;
    double rate = run(cr, q, nconf, r->ndof, &o, seconds, &done, &hits);
    char peer[256];
    double peer_rate = fcl_collide;
    snprintf(peer, sizeof peer, "\"peer\":\"FCL 0.7 (ANCHORS.md, same machine, not run here)\",\"peer_value\":%.0f",
             fcl_collide);
#ifdef CT_HAVE_FCL
    fcl_side fs;
    fcl_side_init(&fs, cr);
    int pdone, phits;
    peer_rate = fcl_run(&fs, cr, q, nconf, r->ndof, 0, seconds, &pdone, &phits);
    snprintf(peer, sizeof peer,
             "\"peer\":\"FCL OBBRSS (linked, same meshes and configs)\",\"peer_per_s\":%.0f,\"peer_configs\":%d,"
             "\"peer_colliding\":%d,\"peer_skipped_shapes\":%d",
             peer_rate, pdone, phits, fs.skipped);
#endif
    printf("{\"bench\":\"check\",\"robot\":\"%s\",\"figure\":\"collide_configs_per_s\",\"value\":%.0f,\"unit\":\"1/s\","
           "\"configs\":%d,\"colliding\":%d,\"robot_triangles\":%d,\"env_triangles\":%d,\"self_pairs\":%d,"
           "\"build_s\":%.3f,\"threads\":1,%s}\n",
           label, rate, done, hits, tris, car->ntri + fix->ntri, cr->npair, build, peer);
    o.self = 0;
    rate = run(cr, q, nconf, r->ndof, &o, seconds, &done, &hits);
    printf("{\"bench\":\"check\",\"robot\":\"%s\",\"figure\":\"collide_env_only_configs_per_s\",\"value\":%.0f,\"unit\":\"1/s\","
           "\"configs\":%d,\"colliding\":%d,\"threads\":1}\n", label, rate, done, hits);
    o.distance = 1;
    rate = run(cr, q, nconf, r->ndof, &o, seconds, &done, &hits);
    snprintf(peer, sizeof peer, "\"peer\":\"FCL 0.7 (ANCHORS.md, same machine, not run here)\",\"peer_value\":%.0f",
             fcl_dist);
#ifdef CT_HAVE_FCL
    peer_rate = fcl_run(&fs, cr, q, nconf, r->ndof, 1, seconds, &pdone, &phits);
    snprintf(peer, sizeof peer,
             "\"peer\":\"FCL OBBRSS (linked, same meshes and configs)\",\"peer_per_s\":%.0f,\"peer_configs\":%d,"
             "\"peer_touching\":%d,\"peer_max_abs_diff_m\":%.2g",
             peer_rate, pdone, phits, fcl_distance_diff(&fs, cr, q, pdone < 32 ? pdone : 32, r->ndof));
    fcl_side_free(&fs);
#endif
    (void)peer_rate;
    printf("{\"bench\":\"check\",\"robot\":\"%s\",\"figure\":\"env_min_distance_per_s\",\"value\":%.0f,\"unit\":\"1/s\","
           "\"configs\":%d,\"colliding\":%d,\"threads\":1,%s}\n", label, rate, done, hits, peer);
    fflush(stdout);
    free(q);
    ct_col_robot_destroy(cr);
    ct_robot_destroy(r);
    return 0;
}

int ct_bench_check(int argc, char **argv) {
    double seconds = 2.0;
    int nconf = 20000;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--configs") && i + 1 < argc) nconf = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--robot") && i + 1 < argc) only = argv[++i];
        else {
            fprintf(stderr, "usage: bench check [--seconds S] [--configs N] [--robot NAME]\n");
            return 2;
        }
    }
    if (!(seconds > 0) || nconf <= 0) {
        fprintf(stderr, "bench check: --seconds and --configs must be positive\n");
        return 2;
    }
    ct_mesh *car = car_shell(250, 100), *fix = fixture();
    if (!car || !fix) {
        fprintf(stderr, "bench check: cannot build the environment meshes\n");
        return 2;
    }
    int rc = 0;
    if (!only || !strcmp(only, "ct_hs220"))
        rc = bench_robot("ct_hs220", CT_SOURCE_DIR "/assets/robots/ct_hs220/robot.urdf", car, fix, nconf, seconds,
                         175000, 4100);
    const char *shared[2][2] = {{"hyundai_hs220_02", CT_SHARED_DIR "/assets/robots/hyundai_hs220_02/robot.urdf"},
                                {"doosan_m1013", CT_SHARED_DIR "/assets/robots/doosan_m1013/robot.urdf"}};
    const double fcl[2][2] = {{175000, 4100}, {78000, 800}};
    for (int k = 0; k < 2 && rc == 0; k++) {
        if (only && strcmp(only, shared[k][0])) continue;
        FILE *f = fopen(shared[k][1], "r");
        if (!f) {
            printf("{\"bench\":\"check\",\"robot\":\"%s\",\"skipped\":\"shared assets absent\"}\n", shared[k][0]);
            continue;
        }
        fclose(f);
        rc = bench_robot(shared[k][0], shared[k][1], car, fix, nconf, seconds, fcl[k][0], fcl[k][1]);
    }
    ct_mesh_free(car);
    ct_mesh_free(fix);
    return rc;
}
