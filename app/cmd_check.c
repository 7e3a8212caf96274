/* `celltwin check <robot.urdf> --env MESH[@x,y,z,roll,pitch,yaw] ... --configs Q.csv [--distance]
 * [--out RESULT.csv] [--list-pairs] [--threads N] [--tip LINK]`: the batch pose check. Joint
 * configurations (radians, one per line, `#` comments, comma or space separated) are checked
 * against the environment meshes (metres; pose in mm and degrees, fixed-axis XYZ) and against the
 * robot itself. Writes `i,collide,min_distance_m` per configuration (atomically; the distance
 * column is empty without --distance), prints a JSON summary line. Exit 1 when any
 * configuration collides, 2 on bad input. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "celltwin/collide_robot.h"
#include "celltwin/pool.h"
#include "cli.h"

static const char *const usage =
    "celltwin check <robot.urdf> --env MESH[@x,y,z,roll,pitch,yaw] ... --configs Q.csv [--tip LINK] [--distance]\n"
    "       [--out RESULT.csv] [--list-pairs] [--threads N]\n"
    "  env pose in mm and degrees (fixed XYZ), meshes in metres; configurations in radians, one per line";

/* Reads joint vectors (ndof per line) into *out (n x ndof). Errors name file:line[:col]. */
static ct_status read_configs(const char *path, int ndof, double **out, int *n, ct_error *err) {
    *out = NULL;
    *n = 0;
    FILE *f = fopen(path, "r");
    if (!f) return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    int cap = 0, lineno = 0;
    double *q = NULL;
    char *line = NULL;
    size_t lcap = 0;
    ct_status st = CT_OK;
    while (getline(&line, &lcap, f) >= 0) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        double v[CT_ROBOT_MAX_DOF + 1];
        int k = 0;
        char *p = line;
        for (;;) {
            while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\r' || *p == '\n') p++;
            if (!*p) break;
            char *end;
            double x = strtod(p, &end);
            if (end == p || !isfinite(x) || (*end && !strchr(" \t,\r\n", *end))) {
                int len = 0;
                while (p[len] && !strchr(" \t,\r\n", p[len]) && len < 40) len++;
                st = ct_error_set(err, CT_ERR_PARSE, path, lineno, (int)(p - line) + 1, "not a finite number: '%.*s'",
                                  len, p);
                goto done;
            }
            if (k <= CT_ROBOT_MAX_DOF) v[k] = x;
            k++;
            p = end;
        }
        if (k == 0) continue;
        if (k != ndof) {
            st = ct_error_set(err, CT_ERR_PARSE, path, lineno, 0, "expected %d joint values (rad), got %d", ndof, k);
            goto done;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 1024;
            double *nq = realloc(q, sizeof(double) * (size_t)cap * (size_t)ndof);
            if (!nq) { st = ct_error_set(err, CT_ERR_NO_MEMORY, path, lineno, 0, "out of memory"); goto done; }
            q = nq;
        }
        memcpy(q + (size_t)*n * ndof, v, sizeof(double) * (size_t)ndof);
        (*n)++;
    }
    if (ferror(f)) st = ct_error_set(err, CT_ERR_IO, path, 0, 0, "read error");
    else if (*n == 0) st = ct_error_set(err, CT_ERR_PARSE, path, lineno, 0, "no configurations");
done:
    free(line);
    fclose(f);
    if (st != CT_OK) { free(q); *n = 0; q = NULL; }
    *out = q;
    return st;
}

typedef struct check_job {
    const ct_col_robot *cr;
    const double *q;
    int ndof;
    ct_col_check_opts opt;
    ct_col_check_result *res;
} check_job;

static void check_chunk(int64_t b, int64_t e, int worker, void *ctx) {
    (void)worker;
    check_job *j = (check_job *)ctx;
    for (int64_t i = b; i < e; i++) ct_col_robot_check(j->cr, j->q + i * j->ndof, &j->opt, &j->res[i]);
}

static int write_results(const char *path, const ct_col_check_result *res, int n, int distance) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
        return 0;
    }
    fprintf(f, "i,collide,min_distance_m\n");
    for (int i = 0; i < n; i++) {
        if (distance) fprintf(f, "%d,%d,%.9g\n", i, res[i].collide, res[i].distance);
        else fprintf(f, "%d,%d,\n", i, res[i].collide);
    }
    int ok = fflush(f) == 0 && !ferror(f);
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
        remove(tmp);
        return 0;
    }
    return 1;
}

/* "path[@x,y,z,roll,pitch,yaw]" (mm, deg) -> mesh added to cr. */
static int add_env(ct_col_robot *cr, const char *spec) {
    char path[4096];
    double v[6] = {0, 0, 0, 0, 0, 0};
    const char *at = strrchr(spec, '@');
    size_t len = at ? (size_t)(at - spec) : strlen(spec);
    if (len == 0 || len >= sizeof path) return ct_cli_usage_error("check", usage, "bad --env '%s'", spec);
    memcpy(path, spec, len);
    path[len] = 0;
    if (at && ct_cli_parse_list("--env pose", at + 1, v, 6) != 6) {
        fprintf(stderr, "error: --env %s: the pose needs 6 values x,y,z (mm),roll,pitch,yaw (deg)\n", spec);
        return CT_EXIT_BAD_INPUT;
    }
    double scale[3] = {1, 1, 1};
    ct_mesh *m = NULL;
    ct_error err;
    ct_error_clear(&err);
    if (ct_mesh_load(path, scale, &m, &err) != CT_OK) return ct_cli_report(&err);
    double m6[6] = {v[0] / 1000, v[1] / 1000, v[2] / 1000, v[3] * CT_DEG, v[4] * CT_DEG, v[5] * CT_DEG};
    ct_status st = ct_col_robot_add_mesh(cr, path, m, ct_xf_from_xyzrpy(m6), &err);
    ct_mesh_free(m);
    if (st != CT_OK) {
        if (!err.file[0]) snprintf(err.file, sizeof err.file, "%.500s", path);
        return ct_cli_report(&err);
    }
    return CT_EXIT_OK;
}

int ct_cmd_check(int argc, char **argv) {
    const char *path = NULL, *tip = NULL, *configs = NULL, *out = NULL;
    int distance = 0, list_pairs = 0, threads = 0, nenv = 0;
    const char **env = calloc((size_t)argc + 1, sizeof(char *));
    int rc = CT_EXIT_BAD_INPUT;
    ct_robot *r = NULL;
    ct_col_robot *cr = NULL;
    double *q = NULL;
    ct_col_check_result *res = NULL;
    if (!env) return CT_EXIT_BAD_INPUT;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--distance")) distance = 1;
        else if (!strcmp(argv[i], "--list-pairs")) list_pairs = 1;
        else if (!strcmp(argv[i], "--env") && i + 1 < argc) env[nenv++] = argv[++i];
        else if (!strcmp(argv[i], "--configs") && i + 1 < argc) configs = argv[++i];
        else if (!strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--tip") && i + 1 < argc) tip = argv[++i];
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
            char *end;
            long t = strtol(argv[++i], &end, 10);
            if (*end || t < 0 || t > 1024) { rc = ct_cli_usage_error("check", usage, "bad --threads '%s'", argv[i]); goto done; }
            threads = (int)t;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: %s\n", usage);
            rc = CT_EXIT_OK;
            goto done;
        } else if (argv[i][0] == '-') { rc = ct_cli_usage_error("check", usage, "unknown or incomplete option '%s'", argv[i]); goto done; }
        else if (!path) path = argv[i];
        else { rc = ct_cli_usage_error("check", usage, "unexpected argument '%s'", argv[i]); goto done; }
    }
    if (!path) { rc = ct_cli_usage_error("check", usage, "missing robot file"); goto done; }
    if (!configs && !list_pairs) { rc = ct_cli_usage_error("check", usage, "missing --configs"); goto done; }

    r = ct_cli_load_robot(path, tip, NULL, CT_MESHES_COLLISION);
    if (!r) goto done;
    ct_error err;
    ct_error_clear(&err);
    if (ct_col_robot_create(r, &cr, &err) != CT_OK) { rc = ct_cli_report(&err); goto done; }
    for (int e = 0; e < nenv; e++)
        if ((rc = add_env(cr, env[e])) != CT_EXIT_OK) goto done;
    rc = CT_EXIT_BAD_INPUT;
    if (list_pairs) {
        for (int k = 0; k < cr->npair_all; k++)
            printf("pair %s %s: %s\n", ct_col_robot_body_name(cr, cr->pair_all[k].a),
                   ct_col_robot_body_name(cr, cr->pair_all[k].b), ct_col_pair_status_name(cr->pair_all[k].status));
        for (int o = 0; o < cr->nobj; o++) printf("object %s: checked against %d bodies\n", cr->obj[o].name, cr->nbody);
        if (!configs) { rc = CT_EXIT_OK; goto done; }
    }
    int n = 0;
    if (read_configs(configs, r->ndof, &q, &n, &err) != CT_OK) { rc = ct_cli_report(&err); goto done; }
    res = calloc((size_t)n, sizeof *res);
    ct_pool *pool = ct_pool_create(threads);
    if (!res || !pool) { fprintf(stderr, "error: out of memory\n"); ct_pool_destroy(pool); goto done; }
    check_job job = {cr, q, r->ndof, ct_col_check_default_opts(), res};
    job.opt.distance = distance;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ct_pool_for(pool, n, 64, check_chunk, &job);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int nthreads = ct_pool_threads(pool);
    ct_pool_destroy(pool);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);

    int colliding = 0, first = -1;
    double dmin = INFINITY, margin = 0;
    for (int i = 0; i < n; i++) {
        if (res[i].collide && first < 0) first = i;
        colliding += res[i].collide;
        if (distance && res[i].distance < dmin) dmin = res[i].distance;
        if (res[i].margin > margin) margin = res[i].margin;
    }
    if (out && !write_results(out, res, n, distance)) goto done;
    cJSON *js = cJSON_CreateObject();
    cJSON_AddStringToObject(js, "robot", r->name);
    cJSON_AddNumberToObject(js, "configurations", n);
    cJSON_AddNumberToObject(js, "colliding", colliding);
    cJSON_AddNumberToObject(js, "first_colliding", first);
    if (first >= 0 && res[first].body >= 0) {
        const ct_col_check_result *f = &res[first];
        cJSON_AddStringToObject(js, "first_pair_a", ct_col_robot_body_name(cr, f->body));
        cJSON_AddStringToObject(js, "first_pair_b", f->self ? ct_col_robot_body_name(cr, f->other) : cr->obj[f->other].name);
    }
    cJSON_AddBoolToObject(js, "distance", distance);
    if (distance) cJSON_AddNumberToObject(js, "min_distance_m", dmin);
    if (distance) cJSON_AddNumberToObject(js, "margin_m", margin);
    cJSON_AddNumberToObject(js, "margin_per_m", CT_COL_MARGIN_REL);
    cJSON_AddNumberToObject(js, "self_pairs", cr->npair);
    cJSON_AddNumberToObject(js, "env_objects", cr->nobj);
    cJSON_AddNumberToObject(js, "threads", nthreads);
    cJSON_AddNumberToObject(js, "seconds", secs);
    cJSON_AddNumberToObject(js, "configurations_per_s", secs > 0 ? n / secs : 0);
    char *s = cJSON_PrintUnformatted(js);
    if (s) { puts(s); cJSON_free(s); }
    cJSON_Delete(js);
    rc = colliding ? CT_EXIT_FINDING : CT_EXIT_OK;
done:
    free(res);
    free(q);
    ct_col_robot_destroy(cr);
    ct_robot_destroy(r);
    free(env);
    return rc;
}
