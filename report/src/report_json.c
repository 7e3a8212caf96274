/* report.json: the verify JSON of the same run, unchanged (so every verified number is the same
 * text), plus a "report" object with the rest of the report: identification, input files with
 * SHA-256, thresholds, robots, steps, time series, diagnostics, finding proofs and pictures, near
 * misses and assumptions. Lengths in mm, angles in deg, times in s (unit in every key name). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "celltwin/math.h"
#include "report_internal.h"

/* A number, or null when not finite (JSON has no inf/nan). */
static cJSON *num(double v) { return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull(); }
static void add_num(cJSON *o, const char *k, double v) { cJSON_AddItemToObject(o, k, num(v)); }
static void add_str(cJSON *o, const char *k, const char *s) {
    cJSON_AddItemToObject(o, k, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

static cJSON *src_obj(const char *file, int line, int step) {
    if (!file) return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", file);
    cJSON_AddNumberToObject(o, "line", line);
    if (step >= 0) cJSON_AddNumberToObject(o, "step", step);
    return o;
}

static cJSON *num_array(const double *v, int n, size_t stride, double scale) {
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) cJSON_AddItemToArray(a, num(v[(size_t)i * stride] * scale));
    return a;
}

static double joint_scale(const ct_report_robot *rb, int d) { return rb->joint_prismatic[d] ? 1000.0 : 1.0 / CT_DEG; }

static cJSON *robot_json(const ct_report_robot *rb) {
    cJSON *o = cJSON_CreateObject();
    add_str(o, "name", rb->name);
    add_str(o, "model", rb->model);
    add_str(o, "urdf", rb->urdf_path);
    cJSON_AddNumberToObject(o, "ndof", rb->ndof);
    add_num(o, "reach_mm", rb->reach * 1000);
    add_num(o, "payload_kg", rb->payload);
    add_num(o, "tool_mass_kg", rb->tool_mass);
    cJSON_AddBoolToObject(o, "inertials", rb->has_inertials);
    cJSON *js = cJSON_AddArrayToObject(o, "joints");
    for (int d = 0; d < rb->ndof; d++) {
        cJSON *j = cJSON_CreateObject();
        double s = joint_scale(rb, d);
        add_str(j, "name", rb->joint_name[d]);
        add_str(j, "unit", rb->joint_prismatic[d] ? "mm" : "deg");
        add_num(j, "lower", rb->lo[d] * s);
        add_num(j, "upper", rb->hi[d] * s);
        add_num(j, "velocity_per_s", rb->vel[d] * s);
        add_num(j, rb->joint_prismatic[d] ? "effort_n" : "effort_nm", rb->effort[d]);
        cJSON_AddItemToArray(js, j);
    }
    return o;
}

static cJSON *step_json(const ct_report_step *st) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "index", st->index);
    cJSON_AddItemToObject(o, "source", src_obj(st->file, st->line, st->vendor_step));
    add_str(o, "motion", st->motion);
    if (st->label) add_str(o, "label", st->label);
    if (st->speed_kind == CT_REPORT_SPEED_TCP) add_num(o, "speed_mm_s", st->speed * 1000);
    if (st->speed_kind == CT_REPORT_SPEED_FRACTION) add_num(o, "speed_percent", st->speed * 100);
    if (st->move_time > 0) add_num(o, "move_time_s", st->move_time);
    add_num(o, "start_s", st->start);
    add_num(o, "duration_s", st->duration);
    add_num(o, "min_clearance_mm", st->min_clearance * 1000);
    cJSON_AddBoolToObject(o, "min_clearance_verified", st->min_clearance_verified);
    cJSON *f = cJSON_AddArrayToObject(o, "findings");
    for (int i = 0; i < st->nfinding; i++) cJSON_AddItemToArray(f, cJSON_CreateNumber(st->finding[i]));
    return o;
}

static cJSON *program_json(const ct_report *r, const ct_report_program *pg) {
    const ct_report_robot *rb = &r->robot[pg->robot];
    cJSON *o = cJSON_CreateObject();
    add_str(o, "robot", rb->name);
    add_str(o, "file", pg->path);
    if (pg->title) add_str(o, "title", pg->title);
    add_num(o, "cycle_time_s", pg->cycle_time);
    cJSON_AddBoolToObject(o, "completed", pg->completed);
    cJSON *steps = cJSON_AddArrayToObject(o, "steps");
    for (int s = 0; s < pg->nstep; s++) cJSON_AddItemToArray(steps, step_json(&pg->step[s]));
    cJSON *fs = cJSON_AddArrayToObject(o, "findings");
    for (int i = 0; i < pg->nfinding; i++) cJSON_AddItemToArray(fs, cJSON_CreateNumber(pg->finding[i]));
    cJSON *dg = cJSON_AddArrayToObject(o, "diagnostics");
    for (int i = 0; i < pg->ndiag; i++) {
        const ct_report_diag *d = &pg->diag[i];
        cJSON *x = cJSON_CreateObject();
        add_str(x, "from", d->source == CT_REPORT_DIAG_PARSER ? "parser" : "interpreter");
        add_str(x, "severity", d->severity >= 2 ? "error" : d->severity == 1 ? "warning" : "note");
        add_str(x, "file", d->file);
        cJSON_AddNumberToObject(x, "line", d->line);
        if (d->column > 0) cJSON_AddNumberToObject(x, "column", d->column);
        if (d->vendor_step >= 0) cJSON_AddNumberToObject(x, "step", d->vendor_step);
        add_str(x, "message", d->message);
        if (d->source_line) add_str(x, "source_line", d->source_line);
        cJSON_AddItemToArray(dg, x);
    }
    const ct_report_series *se = &pg->series;
    cJSON *so = cJSON_AddObjectToObject(o, "series");
    add_num(so, "dt_s", r->thresholds.series_dt);
    cJSON_AddItemToObject(so, "t_s", num_array(se->t, se->n, 1, 1));
    cJSON *q = cJSON_AddArrayToObject(so, "joints");
    for (int d = 0; d < se->ndof; d++)
        cJSON_AddItemToArray(q, num_array(se->q + d, se->n, (size_t)se->ndof, joint_scale(rb, d)));
    cJSON_AddItemToObject(so, "tcp_speed_mm_s", num_array(se->tcp_speed, se->n, 1, 1000));
    cJSON_AddItemToObject(so, "min_clearance_mm", num_array(se->clearance, se->n, 1, 1000));
    if (se->torque_frac) {
        cJSON *tq = cJSON_AddArrayToObject(so, "torque_fraction");
        for (int d = 0; d < se->ndof; d++)
            cJSON_AddItemToArray(tq, num_array(se->torque_frac + d, se->n, (size_t)se->ndof, 1));
    } else {
        cJSON_AddNullToObject(so, "torque_fraction");
    }
    return o;
}

static cJSON *picture_json(const ct_report_picture *p, const char *file) {
    if (!p->png) return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    add_str(o, "file", file);
    cJSON_AddNumberToObject(o, "width", p->width);
    cJSON_AddNumberToObject(o, "height", p->height);
    uint8_t d[32];
    char hex[65];
    ct_sha256(p->png, p->size, d);
    ct_sha256_hex(d, hex);
    add_str(o, "sha256", hex);
    if (p->caption) add_str(o, "caption", p->caption);
    return o;
}

void rp_picture_name(int finding, char *buf, size_t size) {
    if (finding < 0) snprintf(buf, size, "pictures/overview.png");
    else snprintf(buf, size, "pictures/finding_%03d.png", finding + 1);
}

static cJSON *rest_json(const ct_report *r) {
    cJSON *o = cJSON_CreateObject();
    add_str(o, "tool", "celltwin report");
    add_str(o, "verdict", r->verdict);
    cJSON *c = cJSON_AddObjectToObject(o, "counts");
    for (int k = 0; k < CT_FIND_KIND_COUNT; k++) cJSON_AddNumberToObject(c, ct_finding_kind_name((ct_finding_kind)k), r->count[k]);
    cJSON_AddNumberToObject(o, "program_problems", r->nproblem);
    add_str(o, "cell_name", r->cell_name);
    add_str(o, "cell_description", r->cell_description);
    add_str(o, "date", r->date);
    add_str(o, "celltwin_version", r->version);
    add_str(o, "command_line", r->command_line);
    cJSON *fs = cJSON_AddArrayToObject(o, "inputs");
    for (int i = 0; i < r->nfile; i++) {
        cJSON *f = cJSON_CreateObject();
        add_str(f, "path", r->file[i].path);
        add_str(f, "role", ct_report_file_role_name(r->file[i].role));
        cJSON_AddNumberToObject(f, "bytes", (double)r->file[i].bytes);
        add_str(f, "sha256", r->file[i].sha256);
        cJSON_AddItemToArray(fs, f);
    }
    const ct_report_thresholds *t = &r->thresholds;
    cJSON *th = cJSON_AddObjectToObject(o, "thresholds");
    add_num(th, "clearance_mm", t->clearance * 1000);
    add_str(th, "clearance_from", t->clearance_from_cell ? "cell" : "command line");
    cJSON_AddNumberToObject(th, "pair_clearances", t->nclear);
    add_num(th, "resolution_mm", t->resolution * 1000);
    add_num(th, "near_miss_report_mm", t->min_distance_report * 1000);
    add_num(th, "torque_check_dt_s", t->torque_dt);
    add_num(th, "series_dt_s", t->series_dt);
    cJSON_AddBoolToObject(th, "self_collision", t->self_collision);
    if (t->sampled) {
        add_num(th, "sampled_mm", t->sampled_m * 1000);
        add_num(th, "sampled_deg", t->sampled_rad / CT_DEG);
    }
    cJSON *rs = cJSON_AddArrayToObject(o, "robots");
    for (int i = 0; i < r->nrobot; i++) cJSON_AddItemToArray(rs, robot_json(&r->robot[i]));
    cJSON *ps = cJSON_AddArrayToObject(o, "programs");
    for (int p = 0; p < r->nprogram; p++) cJSON_AddItemToArray(ps, program_json(r, &r->program[p]));
    char name[64];
    rp_picture_name(-1, name, sizeof name);
    cJSON_AddItemToObject(o, "overview_picture", picture_json(&r->overview, name));
    cJSON *fd = cJSON_AddArrayToObject(o, "findings");
    for (int i = 0; i < r->nfinding; i++) {
        const ct_report_finding *f = &r->finding[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddNumberToObject(x, "index", i);
        add_str(x, "program", f->program >= 0 ? r->program[f->program].path : NULL);
        if (f->step >= 0) cJSON_AddNumberToObject(x, "step_index", f->step);
        add_str(x, "proof", f->proof);
        rp_picture_name(i, name, sizeof name);
        cJSON_AddItemToObject(x, "picture", picture_json(&f->picture, name));
        cJSON_AddItemToArray(fd, x);
    }
    cJSON *nm = cJSON_AddArrayToObject(o, "near_misses");
    for (int i = 0; i < r->nnear; i++) {
        const ct_closest_approach *a = &r->near[i].a;
        cJSON *x = cJSON_CreateObject();
        add_str(x, "body_a", a->body_a);
        add_str(x, "body_b", a->body_b);
        add_num(x, "time_s", a->time);
        add_num(x, "distance_mm", a->distance * 1000);
        add_num(x, "lower_mm", a->lower * 1000);
        cJSON_AddItemToObject(x, "source", src_obj(a->src.file, a->src.line, a->src.step));
        if (r->near[i].step >= 0) cJSON_AddNumberToObject(x, "step_index", r->near[i].step);
        cJSON_AddItemToArray(nm, x);
    }
    cJSON *as = cJSON_AddArrayToObject(o, "assumptions");
    for (int i = 0; i < r->nassumption; i++) cJSON_AddItemToArray(as, cJSON_CreateString(r->assumption[i]));
    return o;
}

ct_status ct_report_json(const ct_report *r, char **text, size_t *len, ct_error *err) {
    *text = NULL;
    if (len) *len = 0;
    cJSON *root = cJSON_Parse(r->verify_json ? r->verify_json : "{}");
    if (!root) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    cJSON_AddItemToObject(root, "report", rest_json(r));
    char *s = cJSON_Print(root);
    cJSON_Delete(root);
    if (!s) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    size_t n = strlen(s);
    *text = ct_alloc(n + 2);
    if (*text) {
        memcpy(*text, s, n);
        (*text)[n] = '\n';
        (*text)[n + 1] = 0;
    }
    cJSON_free(s);
    if (!*text) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    if (len) *len = n + 1;
    return CT_OK;
}
