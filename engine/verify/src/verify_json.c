/* The verification result as a cJSON document (see verify_json.h); lengths in mm, times in s. */
#include <cjson/cJSON.h>

#include "celltwin/verify_json.h"

static cJSON *json_src(const ct_src_ref *s) {
    if (!s->file) return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", s->file);
    cJSON_AddNumberToObject(o, "line", s->line);
    if (s->step >= 0) cJSON_AddNumberToObject(o, "step", s->step);
    return o;
}

static cJSON *json_point(ct_vec3 p) {
    double v[3] = {p.x * 1000, p.y * 1000, p.z * 1000};
    return cJSON_CreateDoubleArray(v, 3);
}

static cJSON *json_finding(const ct_cell *cell, const ct_finding *f) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", ct_finding_kind_name(f->kind));
    cJSON_AddStringToObject(o, "robot", f->robot >= 0 ? cell->robot[f->robot].name : "");
    cJSON_AddStringToObject(o, "body_a", f->body_a);
    if (f->body_b[0]) cJSON_AddStringToObject(o, "body_b", f->body_b);
    cJSON_AddNumberToObject(o, "time_s", f->time);
    cJSON_AddItemToObject(o, "source", json_src(&f->src));
    if (f->src_b.file) cJSON_AddItemToObject(o, "source_b", json_src(&f->src_b));
    if (f->kind == CT_FIND_COLLISION || f->kind == CT_FIND_CLEARANCE) {
        cJSON_AddNumberToObject(o, "distance_mm", f->distance * 1000);
        cJSON_AddNumberToObject(o, "min_distance_mm", f->min_distance * 1000);
        cJSON_AddNumberToObject(o, "clearance_mm", f->clearance * 1000);
        cJSON_AddItemToObject(o, "witness_a_mm", json_point(f->point_a));
        cJSON_AddItemToObject(o, "witness_b_mm", json_point(f->point_b));
    }
    if (f->joint >= 0) {
        cJSON_AddNumberToObject(o, "joint", f->joint + 1);
        cJSON_AddNumberToObject(o, "value", f->value);
        cJSON_AddNumberToObject(o, "limit", f->limit);
    }
    cJSON_AddStringToObject(o, "message", f->message);
    return o;
}

static cJSON *json_closest(const ct_closest_approach *a) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "body_a", a->body_a);
    cJSON_AddStringToObject(o, "body_b", a->body_b);
    cJSON_AddNumberToObject(o, "time_s", a->time);
    cJSON_AddNumberToObject(o, "distance_mm", a->distance * 1000);
    cJSON_AddNumberToObject(o, "lower_mm", a->lower * 1000);
    cJSON_AddItemToObject(o, "source", json_src(&a->src));
    cJSON_AddItemToObject(o, "witness_a_mm", json_point(a->point_a));
    cJSON_AddItemToObject(o, "witness_b_mm", json_point(a->point_b));
    return o;
}

cJSON *ct_verify_report_json(const ct_cell *cell, const ct_robot_program *progs, const ct_verify_report *rep,
                             int sampled) {
    cJSON *root = cJSON_CreateObject();
    if (!root) return NULL;
    cJSON_AddStringToObject(root, "tool", "celltwin verify");
    cJSON_AddStringToObject(root, "cell", cell->source_path ? cell->source_path : "");
    cJSON_AddStringToObject(root, "verdict", rep->nfinding ? "findings" : "clean");
    cJSON_AddStringToObject(root, "method", sampled ? "sampled" : "certified conservative advancement");
    cJSON_AddNumberToObject(root, "timeline_s", rep->duration);
    cJSON *programs = cJSON_AddArrayToObject(root, "programs");
    for (int i = 0; i < cell->nrobot; i++) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "robot", cell->robot[i].name);
        if (progs[i].traj) {
            cJSON_AddStringToObject(p, "file", progs[i].path);
            cJSON_AddNumberToObject(p, "cycle_time_s", ct_traj_duration(progs[i].traj));
        }
        cJSON_AddItemToArray(programs, p);
    }
    cJSON *fs = cJSON_AddArrayToObject(root, "findings");
    for (int i = 0; i < rep->nfinding; i++) cJSON_AddItemToArray(fs, json_finding(cell, &rep->finding[i]));
    cJSON *cl = cJSON_AddArrayToObject(root, "closest_approaches");
    for (int i = 0; i < rep->nclosest; i++) cJSON_AddItemToArray(cl, json_closest(&rep->closest[i]));
    cJSON *stats = cJSON_AddObjectToObject(root, "stats");
    cJSON_AddNumberToObject(stats, "pairs", rep->npair);
    cJSON_AddNumberToObject(stats, "pairs_excluded", rep->nexcluded);
    cJSON_AddNumberToObject(stats, "distance_queries", (double)rep->distance_queries);
    cJSON_AddNumberToObject(stats, "wall_s", rep->wall_seconds);
    return root;
}
