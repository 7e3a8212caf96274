/* `celltwin bench verify`: every JSON line parses and carries the keys a reader relies on, the
 * figures agree with what the certified verifier proves about the sample cell (r1 clean, r2's gun
 * hits the body; the sampled check finds nothing the certified one misses, and never an earlier
 * contact), and the bench's pruned robot-cell distance equals a brute-force minimum of exact
 * shape-shape distances over every pair that is not an allowed contact. */
#include "ct_test.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <cjson/cJSON.h>

#include "bench_verify_check.h"
#include "celltwin/kin.h"
#include "celltwin/verify_program.h"

#define CELL CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json"

static const cJSON *get(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }
static double num(const cJSON *o, const char *k) {
    const cJSON *v = get(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}
static const char *str(const cJSON *o, const char *k) {
    const cJSON *v = get(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* A reference peer is a string that says so, with a number beside it. */
static int peer_ok(const cJSON *o) {
    const cJSON *p = get(o, "peer");
    if (cJSON_IsNull(p)) return 1;
    return cJSON_IsString(p) && strstr(p->valuestring, "not measured in this run") && num(o, "peer_value") > 0;
}

static int test_json_lines(void) {
    FILE *f = popen(CT_BUILD_DIR "/app/celltwin bench verify --seconds 0.2 --sampled 20mm,10deg", "r");
    CT_ENSURE(f);
    char line[8192];
    int ncollide = 0, ndist = 0, ncert = 0, nsamp = 0, r1_clean = 0, r2_hits = 0;
    double cert_first = NAN, samp_first = NAN, cert_findings = -1;
    while (fgets(line, sizeof line, f)) {
        cJSON *o = cJSON_Parse(line);
        CT_ENSURE_MSG(o, "not JSON: %s", line);
        CT_ENSURE(!strcmp(str(o, "bench"), "verify"));
        CT_ENSURE(!strcmp(str(o, "cell"), "spot_weld"));
        CT_ENSURE(num(o, "value") > 0);
        CT_ENSURE(num(o, "threads") >= 1);
        CT_ENSURE(str(o, "machine")[0]);
        CT_ENSURE_MSG(peer_ok(o), "%s", line);
        const char *fig = str(o, "figure"), *unit = str(o, "unit"), *robot = str(o, "robot");
        if (!strcmp(fig, "collide_configs_per_s") || !strcmp(fig, "env_min_distance_per_s")) {
            CT_ENSURE(!strcmp(unit, "1/s") && num(o, "threads") == 1);
            CT_ENSURE(!strcmp(robot, "r1") || !strcmp(robot, "r2"));
            CT_ENSURE(num(o, "configs") >= 64);
            /* both robots are named after FCL's figures of the same robot class */
            CT_ENSURE(strstr(str(o, "peer"), !strcmp(robot, "r1") ? "HS220" : "M1013"));
        }
        if (!strcmp(fig, "collide_configs_per_s")) {
            ncollide++;
            CT_ENSURE(num(o, "colliding") >= 0 && num(o, "colliding") <= num(o, "configs"));
            CT_ENSURE(num(o, "robot_triangles") > 0 && num(o, "env_triangles") > 0 && num(o, "env_shapes") > 0);
            if (!strcmp(robot, "r1")) r1_clean = num(o, "colliding") == 0;
            else r2_hits = num(o, "colliding") > 0;
        } else if (!strcmp(fig, "env_min_distance_per_s")) {
            ndist++;
            CT_ENSURE(num(o, "min_distance_m") >= 0 && num(o, "touching") <= num(o, "configs"));
        } else if (!strcmp(fig, "certified_check_wall_s")) {
            ncert++;
            CT_ENSURE(!strcmp(unit, "s") && !strcmp(str(o, "mode"), "certified"));
            CT_ENSURE(num(o, "distance_queries") > 0 && num(o, "body_pairs") > 0 && num(o, "program_steps") > 0);
            CT_ENSURE(num(o, "collisions") >= 1);
            /* the certified check finds everything the sampled one does */
            CT_ENSURE_MSG(num(o, "missed_vs_other_mode") == 0, "%s", line);
            /* same findings on 1 thread and on all threads */
            if (cert_findings >= 0) CT_ENSURE(num(o, "findings") == cert_findings);
            cert_findings = num(o, "findings");
            cert_first = num(o, "first_collision_s");
        } else if (!strcmp(fig, "sampled_20mm_10deg_check_wall_s")) {
            nsamp++;
            CT_ENSURE(!strcmp(str(o, "mode"), "sampled_20mm_10deg"));
            CT_ENSURE(num(o, "distance_queries") > 0 && num(o, "missed_vs_other_mode") >= 0);
            samp_first = num(o, "first_collision_s");
        } else {
            CT_ENSURE_MSG(0, "unknown figure '%s'", fig);
        }
        cJSON_Delete(o);
    }
    int st = pclose(f);
    CT_ENSURE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CT_ENSURE(ncollide == 2 && ndist == 2 && ncert == 2 && nsamp == 1);
    /* as `celltwin verify` proves: r1's program is clean, r2's gun goes through the body */
    CT_ENSURE(r1_clean && r2_hits);
    CT_ENSURE(cert_first > 0);
    /* a sampled check can only see a contact at or after the first instant of contact */
    if (samp_first >= 0) CT_ENSURE_MSG(cert_first <= samp_first + 1e-9, "%g > %g", cert_first, samp_first);
    return 0;
}

/* Minimum over every robot shape (links, carried) x environment item, allowed contacts left out. */
static double brute_distance(const bvc_robot *r, const double *q) {
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    ct_kin_fk(r->robot, q, pose);
    int nb = r->cr->nbody;
    double best = INFINITY;
    for (int e = 0; e < r->nitem; e++) {
        for (int b = 0; b < nb; b++) {
            if (r->allow[(size_t)b * r->nitem + e]) continue;
            const ct_col_body *body = &r->cr->body[b];
            for (int s = 0; s < body->nshape; s++) {
                ct_col_result res;
                double d = ct_col_distance(&body->shape[s], ct_xf_mul(pose[body->link], body->shape_pose[s]),
                                           &r->item[e].shape, r->item[e].pose, INFINITY, &res);
                best = fmin(best, d);
            }
        }
        for (int k = 0; k < r->ncarried; k++) {
            if (r->allow[(size_t)(nb + k) * r->nitem + e]) continue;
            ct_col_result res;
            double d = ct_col_distance(&r->carried[k], ct_xf_mul(pose[r->robot->tip_link], r->carried_off[k]),
                                       &r->item[e].shape, r->item[e].pose, INFINITY, &res);
            best = fmin(best, d);
        }
    }
    return best;
}

static int test_distance_matches_brute_force(void) {
    ct_error err;
    ct_cell *cell = NULL;
    CT_ENSURE(ct_cell_load(CELL, NULL, &cell, &err) == CT_OK);
    bvc_cell *bc = NULL;
    CT_ENSURE(bvc_cell_create(cell, &bc, &err) == CT_OK);
    /* the environment of each robot: every object, the other robot's bodies and its tool */
    for (int i = 0; i < cell->nrobot; i++) {
        const bvc_robot *r = &bc->robot[i];
        for (int o = 0; o < cell->nobject; o++) {
            int found = 0;
            for (int e = 0; e < r->nitem; e++) found |= !strcmp(r->item[e].name, cell->object[o].name);
            CT_ENSURE_MSG(found, "object %s missing", cell->object[o].name);
        }
        int other_tool = 0;
        for (int e = 0; e < r->nitem; e++) other_tool |= !strcmp(r->item[e].name, i == 0 ? "r2/tool" : "r1/tool");
        CT_ENSURE(other_tool && r->ncarried == 1);
    }
    /* the cell allows r2's base on the pedestal: that item stays out of ct_col_robot */
    const bvc_robot *r2 = &bc->robot[1];
    int ped = -1;
    for (int e = 0; e < r2->nitem; e++)
        if (!strcmp(r2->item[e].name, "pedestal")) ped = e;
    CT_ENSURE(ped >= 0 && !r2->in_cr[ped]);

    int touching = 0, checked = 0;
    for (int i = 0; i < cell->nrobot; i++) {
        ct_robot_program prog;
        CT_ENSURE(ct_robot_program_load(cell, i, cell->robot[i].program_path[0], NULL, &prog, &err) == CT_OK);
        const bvc_robot *r = &bc->robot[i];
        double dur = ct_traj_duration(prog.traj), q[CT_ROBOT_MAX_DOF];
        for (int k = 0; k < 40; k++) {
            ct_traj_eval(prog.traj, dur * (k + 0.5) / 40, q, NULL);
            double want = brute_distance(r, q), got = bvc_distance(r, q);
            CT_ENSURE_MSG(fabs(want - got) <= 1e-6, "robot %d t=%g: pruned %.9f, brute force %.9f", i,
                          dur * (k + 0.5) / 40, got, want);
            /* contact with the environment is a collision for the overlap check */
            if (want <= 0) {
                CT_ENSURE(bvc_collide(r, q));
                touching++;
            }
            checked++;
        }
        ct_robot_program_free(&prog);
    }
    printf("%d configurations, %d touching\n", checked, touching);
    CT_ENSURE(touching > 0);
    bvc_cell_destroy(bc);
    ct_cell_destroy(cell);
    return 0;
}

CT_TEST_MAIN(CT_TEST(json_lines), CT_TEST(distance_matches_brute_force))
