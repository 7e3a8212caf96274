/* The report model from a loaded cell, its played programs and the verification: input files and
 * their SHA-256, robots, steps with per-step clearance, findings with what the check proved, near
 * misses, assumptions and the verify JSON. Time series are in report_series.c, pictures in
 * report_pictures.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "celltwin/report.h"
#include "celltwin/urdf.h"
#include "celltwin/verify_json.h"
#include "report_internal.h"

const char *ct_report_file_role_name(ct_report_file_role r) {
    static const char *const names[] = {"cell", "urdf", "mesh", "jobfile"};
    return (unsigned)r < CT_REPORT_FILE_ROLE_COUNT ? names[r] : "?";
}

ct_report_def ct_report_default_def(void) {
    ct_report_def d;
    memset(&d, 0, sizeof d);
    d.series_dt = 0.02;
    d.pictures = 1;
    d.picture_width = 960;
    d.picture_height = 600;
    d.internal_value = 0x5e907;
    return d;
}

void ct_report_src_text(const char *file, int line, int vendor_step, char *buf, size_t size) {
    if (!size) return;
    buf[0] = 0;
    if (!file) return;
    const char *base = strrchr(file, '/');
    int n = snprintf(buf, size, "%s:%d", base ? base + 1 : file, line);
    if (vendor_step >= 0 && n >= 0 && (size_t)n < size) snprintf(buf + n, size - (size_t)n, " (S%d)", vendor_step);
}

char *rp_strdup(const char *s) { return s ? ct_strdup(s) : NULL; }

char *rp_printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[2048];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    return ct_strdup(tmp);
}

/* ---- input files -------------------------------------------------------------------------- */

/* Listed under its normalised path (once, however the loaders spelled it); hashed through the
 * path as given, so that the file read is the file the loaders read. */
static ct_status add_file(ct_report *r, int *cap, const char *path, ct_report_file_role role, ct_error *err) {
    if (!path) return CT_OK;
    char *shown = rp_path_normalize(path);
    if (!shown) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    for (int i = 0; i < r->nfile; i++)
        if (!strcmp(r->file[i].path, shown)) {
            ct_free(shown);
            return CT_OK;
        }
    if (r->nfile == *cap) {
        int nc = *cap ? 2 * *cap : 16;
        ct_report_file *f = ct_realloc(r->file, sizeof(ct_report_file) * (size_t)nc);
        if (!f) {
            ct_free(shown);
            return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
        }
        r->file = f;
        *cap = nc;
    }
    ct_report_file *f = &r->file[r->nfile];
    memset(f, 0, sizeof *f);
    f->path = shown;
    f->role = role;
    r->nfile++;
    return ct_sha256_file(path, f->sha256, &f->bytes, err);
}

static ct_status add_shape_file(ct_report *r, int *cap, const ct_cell_shape *s, ct_error *err) {
    if (s->kind != CT_CELL_SHAPE_MESH) return CT_OK;
    return add_file(r, cap, s->mesh_path, CT_REPORT_FILE_MESH, err);
}

/* Cell, URDFs, meshes (the URDFs' and the cell's), jobfiles. */
static ct_status collect_files(ct_report *r, const ct_report_input *in, ct_error *err) {
    const ct_cell *cell = in->cell;
    int cap = 0;
    ct_status st = add_file(r, &cap, cell->source_path, CT_REPORT_FILE_CELL, err);
    for (int i = 0; st == CT_OK && i < cell->nrobot; i++)
        st = add_file(r, &cap, cell->robot[i].urdf_path, CT_REPORT_FILE_URDF, err);
    for (int i = 0; st == CT_OK && i < cell->nrobot; i++) {
        if (!cell->robot[i].urdf_path) continue;
        ct_urdf_model *u = NULL;
        st = ct_urdf_load(cell->robot[i].urdf_path, &u, err);
        for (int l = 0; st == CT_OK && l < u->nlink; l++) {
            const ct_urdf_link *lk = &u->links[l];
            for (int g = 0; st == CT_OK && g < lk->nvisual; g++)
                if (lk->visuals[g].type == CT_GEOM_MESH)
                    st = add_file(r, &cap, lk->visuals[g].mesh_path, CT_REPORT_FILE_MESH, err);
            for (int g = 0; st == CT_OK && g < lk->ncollision; g++)
                if (lk->collisions[g].type == CT_GEOM_MESH)
                    st = add_file(r, &cap, lk->collisions[g].mesh_path, CT_REPORT_FILE_MESH, err);
        }
        ct_urdf_free(u);
        for (int t = 0; st == CT_OK && t < cell->robot[i].ntool; t++)
            st = add_shape_file(r, &cap, &cell->robot[i].tool[t].shape, err);
    }
    for (int o = 0; st == CT_OK && o < cell->nobject; o++) st = add_shape_file(r, &cap, &cell->object[o].shape, err);
    for (int p = 0; st == CT_OK && p < cell->npart; p++) st = add_shape_file(r, &cap, &cell->part[p].shape, err);
    for (int i = 0; st == CT_OK && i < cell->nrobot; i++)
        if (in->prog[i].traj) st = add_file(r, &cap, in->prog[i].path, CT_REPORT_FILE_JOBFILE, err);
    return st;
}

/* ---- robots ------------------------------------------------------------------------------- */

static ct_status build_robots(ct_report *r, const ct_cell *cell, ct_error *err) {
    r->nrobot = cell->nrobot;
    r->robot = ct_alloc(sizeof(ct_report_robot) * (size_t)(cell->nrobot + 1));
    if (!r->robot) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    for (int i = 0; i < cell->nrobot; i++) {
        const ct_cell_robot *cr = &cell->robot[i];
        const ct_robot *rb = cr->robot;
        ct_report_robot *o = &r->robot[i];
        o->name = rp_strdup(cr->name);
        o->model = rp_strdup(rb->name);
        o->urdf_path = rp_path_normalize(cr->urdf_path);
        o->ndof = rb->ndof;
        o->reach = ct_robot_reach(rb);
        const ct_cell_tool *tool = ct_cell_carried_tool(cr);
        o->tool_mass = tool ? tool->mass : 0;
        o->payload = o->tool_mass + cr->payload.mass;
        o->has_inertials = rb->has_inertials;
        size_t n = (size_t)rb->ndof + 1;
        o->joint_name = ct_alloc(sizeof(char *) * n);
        o->joint_prismatic = ct_alloc(sizeof(int) * n);
        o->lo = ct_alloc(sizeof(double) * n);
        o->hi = ct_alloc(sizeof(double) * n);
        o->vel = ct_alloc(sizeof(double) * n);
        o->effort = ct_alloc(sizeof(double) * n);
        if (!o->name || !o->model || !o->joint_name || !o->joint_prismatic || !o->lo || !o->hi || !o->vel || !o->effort)
            return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
        for (int d = 0; d < rb->ndof; d++) {
            o->joint_name[d] = rp_strdup(rb->dof_name[d]);
            o->joint_prismatic[d] = rb->dof_type[d] == CT_JOINT_PRISMATIC;
            o->lo[d] = rb->dof_lower[d];
            o->hi[d] = rb->dof_upper[d];
            o->vel[d] = rb->dof_vel[d];
            o->effort[d] = rb->dof_effort[d];
        }
    }
    return CT_OK;
}

/* ---- programs: steps and diagnostics ------------------------------------------------------ */

static const char *motion_name(ct_mcmd_type t) {
    switch (t) {
    case CT_MCMD_PTP: return "PTP";
    case CT_MCMD_LIN: return "LIN";
    case CT_MCMD_CIRC: return "CIRC";
    case CT_MCMD_DWELL: return "DWELL";
    default: return "EVENT";
    }
}

static ct_status build_steps(ct_report_program *p, const ct_robot_program *rp, ct_error *err) {
    int nseg = ct_traj_nseg(rp->traj);
    p->step = ct_alloc(sizeof(ct_report_step) * (size_t)(nseg + 1));
    if (!p->step) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    p->nstep = nseg;
    for (int s = 0; s < nseg; s++) {
        const ct_traj_seg *sg = ct_traj_segment(rp->traj, s);
        ct_report_step *st = &p->step[s];
        const ct_motion_cmd *c = sg->cmd >= 0 && sg->cmd < rp->run.ncmd ? &rp->run.cmds[sg->cmd] : NULL;
        st->index = sg->cmd;
        st->file = rp_path_normalize(sg->src.file);
        st->line = sg->src.line;
        st->vendor_step = sg->src.step;
        st->type = sg->type;
        st->motion = motion_name(sg->type);
        st->label = c ? rp_strdup(c->label) : NULL;
        st->speed_kind = CT_REPORT_SPEED_NONE;
        st->speed = NAN;
        if (c && c->time > 0 && (c->type == CT_MCMD_PTP || c->type == CT_MCMD_LIN || c->type == CT_MCMD_CIRC))
            st->move_time = c->time;
        else if (c && c->type == CT_MCMD_PTP) {
            st->speed_kind = CT_REPORT_SPEED_FRACTION;
            st->speed = c->speed;
        } else if (c && (c->type == CT_MCMD_LIN || c->type == CT_MCMD_CIRC)) {
            st->speed_kind = CT_REPORT_SPEED_TCP;
            st->speed = c->speed;
        }
        st->start = sg->t0;
        st->duration = sg->t1 - sg->t0;
        st->min_clearance = INFINITY;
    }
    return CT_OK;
}

static ct_status build_diags(ct_report_program *p, const ct_robot_program *rp, ct_error *err) {
    int n = rp->program->ndiag + rp->run.ndiag;
    p->diag = ct_alloc(sizeof(ct_report_diag) * (size_t)(n + 1));
    if (!p->diag) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    for (int d = 0; d < rp->program->ndiag; d++) {
        const ct_job_diag *jd = &rp->program->diag[d];
        ct_report_diag *o = &p->diag[p->ndiag++];
        o->source = CT_REPORT_DIAG_PARSER;
        o->severity = (int)jd->severity;
        o->file = rp_path_normalize(jd->file);
        o->line = jd->line;
        o->column = jd->column;
        o->vendor_step = -1;
        o->message = rp_strdup(jd->message);
        o->source_line = rp_strdup(jd->source_line);
    }
    for (int d = 0; d < rp->run.ndiag; d++) {
        const ct_interp_diag *id = &rp->run.diag[d];
        ct_report_diag *o = &p->diag[p->ndiag++];
        o->source = CT_REPORT_DIAG_INTERP;
        o->severity = (int)id->severity;
        o->file = rp_path_normalize(id->file);
        o->line = id->line;
        o->vendor_step = id->step;
        o->message = rp_strdup(id->message);
    }
    return CT_OK;
}

/* ---- findings ----------------------------------------------------------------------------- */

/* 1 when body `name` ("r2/tool", "r2/link_6", a part name) belongs to cell robot `robot`. */
static int body_of_robot(const ct_cell *cell, const char *name, int robot) {
    const char *rn = cell->robot[robot].name;
    size_t n = strlen(rn);
    if (!strncmp(name, rn, n) && name[n] == '/') return 1;
    for (int p = 0; p < cell->npart; p++)
        if (cell->part[p].robot == robot && !strcmp(cell->part[p].name, name)) return 1;
    return 0;
}

static int program_of_robot(const ct_report *r, int robot) {
    for (int p = 0; p < r->nprogram; p++)
        if (r->program[p].robot == robot) return p;
    return -1;
}

/* Step of program p at time t: the last step that takes time and spans t; else the last step
 * starting at or before t (events, and times after the program's end); -1 before the first. */
static int step_at(const ct_report_program *p, double t) {
    int best = -1, spanning = -1;
    for (int s = 0; s < p->nstep; s++) {
        const ct_report_step *st = &p->step[s];
        if (st->start <= t) best = s;
        if (st->duration > 0 && st->start <= t && t <= st->start + st->duration) spanning = s;
    }
    return spanning >= 0 ? spanning : best;
}

static char *proof_text(const ct_finding *f, int sampled) {
    double ms = f->time;
    switch (f->kind) {
    case CT_FIND_COLLISION:
        if (sampled)
            return rp_printf("The sampled check measured contact between %s and %s at a sample at %.3f s. Sampled "
                             "checks prove nothing between samples: earlier contact is not excluded.",
                             f->body_a, f->body_b, ms);
        return rp_printf("First contact between %s and %s at %.3f s: certified conservative advancement proved both "
                         "bodies stay apart before this time (between two exact distance checks no point of either "
                         "body can travel farther than the measured distance), and the exact mesh distance reaches "
                         "0 mm here.",
                         f->body_a, f->body_b, ms);
    case CT_FIND_CLEARANCE:
        return rp_printf("%s comes closer than %.1f mm to %s first at %.3f s (%s); the smallest distance "
                         "measured during the violation is %.3f mm. Before %.3f s the distance is proven to stay "
                         "above the clearance.",
                         f->body_a, f->clearance * 1000, f->body_b, ms, sampled ? "sampled check" : "certified",
                         f->min_distance * 1000, ms);
    case CT_FIND_JOINT_LIMIT:
        return rp_printf("The planned trajectory takes joint %d outside its position limit (value %.6g, limit %.6g, "
                         "SI units) at %.3f s.",
                         f->joint + 1, f->value, f->limit, ms);
    case CT_FIND_JOINT_SPEED:
        return rp_printf("The programmed timing needs joint %d to move at %.6g, above its speed limit %.6g (SI "
                         "units) at %.3f s; a controller would slow down or stop.",
                         f->joint + 1, f->value, f->limit, ms);
    case CT_FIND_JOINT_ACCEL:
        return rp_printf("Joint %d accelerates at %.6g, above its acceleration limit %.6g (SI units) at %.3f s "
                         "(difference of the planned joint speeds).",
                         f->joint + 1, f->value, f->limit, ms);
    case CT_FIND_TORQUE:
        return rp_printf("Inverse dynamics (link inertials, the cell payload and the carried tool) gives joint %d a torque of %.6g, "
                         "above its effort limit %.6g at %.3f s.",
                         f->joint + 1, f->value, f->limit, ms);
    case CT_FIND_UNREACHABLE:
        return rp_printf("No inverse-kinematics solution exists for the target or path point at %.3f s; the robot "
                         "stays where it is in the simulation.", ms);
    case CT_FIND_CONFIG_CHANGE:
        return rp_printf("The straight-line move at %.3f s would need an arm configuration change, which a "
                         "controller cannot do on a LIN/CIRC path.", ms);
    case CT_FIND_CONFIG_MISMATCH:
        return rp_printf("No inverse-kinematics solution with the programmed configuration flags exists at %.3f s.",
                         ms);
    case CT_FIND_SINGULARITY:
        return rp_printf("The robot passes close to a singularity at %.3f s (smallest singular value of the TCP "
                         "Jacobian below the threshold).", ms);
    default: return rp_printf("%s", f->message);
    }
}

/* Copies a source reference, the file string (normalised) owned by the report. */
static ct_src_ref own_src(const ct_src_ref *s) {
    ct_src_ref o = *s;
    o.file = rp_path_normalize(s->file);
    return o;
}

static ct_status build_findings(ct_report *r, const ct_report_input *in, ct_error *err) {
    const ct_verify_report *v = in->verify;
    r->nfinding = v->nfinding;
    r->finding = ct_alloc(sizeof(ct_report_finding) * (size_t)(v->nfinding + 1));
    r->nnear = v->nclosest;
    r->near = ct_alloc(sizeof(ct_report_near_miss) * (size_t)(v->nclosest + 1));
    if (!r->finding || !r->near) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    for (int i = 0; i < v->nfinding; i++) {
        ct_report_finding *o = &r->finding[i];
        o->f = v->finding[i];
        o->f.src = own_src(&v->finding[i].src);
        o->f.src_b = own_src(&v->finding[i].src_b);
        o->program = o->f.robot >= 0 ? program_of_robot(r, o->f.robot) : -1;
        o->step = o->program >= 0 ? step_at(&r->program[o->program], o->f.time) : -1;
        o->proof = proof_text(&o->f, r->thresholds.sampled);
        if (!o->proof) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
        if ((unsigned)o->f.kind < CT_FIND_KIND_COUNT) r->count[o->f.kind]++;
    }
    /* verification's list is sorted by distance already; keep its order (stable) */
    for (int i = 0; i < v->nclosest; i++) {
        ct_report_near_miss *o = &r->near[i];
        o->a = v->closest[i];
        o->a.src = own_src(&v->closest[i].src);
        o->program = o->a.robot >= 0 ? program_of_robot(r, o->a.robot) : -1;
        o->step = o->program >= 0 ? step_at(&r->program[o->program], o->a.time) : -1;
    }
    /* each program's findings, and the step lists */
    for (int p = 0; p < r->nprogram; p++) {
        ct_report_program *pg = &r->program[p];
        pg->finding = ct_alloc(sizeof(int) * (size_t)(r->nfinding + 1));
        if (!pg->finding) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
        for (int s = 0; s < pg->nstep; s++) {
            pg->step[s].finding = ct_alloc(sizeof(int) * (size_t)(r->nfinding + 1));
            if (!pg->step[s].finding) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
        }
        for (int i = 0; i < r->nfinding; i++) {
            const ct_finding *f = &r->finding[i].f;
            int mine = f->robot == pg->robot || body_of_robot(in->cell, f->body_a, pg->robot) ||
                       (f->body_b[0] && body_of_robot(in->cell, f->body_b, pg->robot));
            if (!mine) continue;
            pg->finding[pg->nfinding++] = i;
            int s = step_at(pg, f->time);
            if (s < 0) continue;
            ct_report_step *st = &pg->step[s];
            st->finding[st->nfinding++] = i;
        }
    }
    return CT_OK;
}

/* Per-step minimum clearance: the step's start and end instants (set by rp_build_series), the
 * curve samples in the step, then every verified distance (finding at its time, closest approach
 * at its time) that falls in the step, so the column never shows more than a verified number. */
static void step_clearance(ct_report *r, const ct_cell *cell) {
    for (int p = 0; p < r->nprogram; p++) {
        ct_report_program *pg = &r->program[p];
        const ct_report_series *se = &pg->series;
        for (int s = 0; s < pg->nstep; s++) {
            ct_report_step *st = &pg->step[s];
            double t0 = st->start, t1 = st->start + st->duration;
            for (int k = 0; k < se->n; k++)
                if (se->t[k] >= t0 && se->t[k] <= t1 && se->clearance[k] < st->min_clearance)
                    st->min_clearance = se->clearance[k];
        }
        for (int i = 0; i < r->nfinding; i++) {
            const ct_finding *f = &r->finding[i].f;
            if (f->kind != CT_FIND_COLLISION && f->kind != CT_FIND_CLEARANCE) continue;
            if (!body_of_robot(cell, f->body_a, pg->robot) && !body_of_robot(cell, f->body_b, pg->robot)) continue;
            int s = step_at(pg, f->time);
            if (s >= 0 && f->distance <= pg->step[s].min_clearance) {
                pg->step[s].min_clearance = f->distance;
                pg->step[s].min_clearance_verified = 1;
            }
        }
        for (int i = 0; i < r->nnear; i++) {
            const ct_closest_approach *a = &r->near[i].a;
            if (!body_of_robot(cell, a->body_a, pg->robot) && !body_of_robot(cell, a->body_b, pg->robot)) continue;
            int s = step_at(pg, a->time);
            if (s >= 0 && a->distance <= pg->step[s].min_clearance) {
                pg->step[s].min_clearance = a->distance;
                pg->step[s].min_clearance_verified = 1;
            }
        }
    }
}

/* ---- assumptions -------------------------------------------------------------------------- */

static void add_assumption(ct_report *r, char *text) {
    if (!text) return;
    r->assumption[r->nassumption++] = text;
}

static void io_text(const ct_cell_io *io, char *buf, size_t size) {
    int n = snprintf(buf, size, "a WAIT on a digital input takes %.3g s unless the input is given", io->wait_time);
    if (io->ninput > 0) n += snprintf(buf + n, size - (size_t)n, "; inputs given at once:");
    for (int i = 0; i < io->ninput && n > 0 && (size_t)n < size; i++)
        n += snprintf(buf + n, size - (size_t)n, "%s DI%d = %d", i ? "," : "", io->input[i].index,
                      io->input[i].value);
}

static ct_status build_assumptions(ct_report *r, const ct_report_input *in, ct_error *err) {
    const ct_cell *cell = in->cell;
    r->assumption = ct_alloc(sizeof(char *) * (size_t)(cell->nrobot + 16));
    if (!r->assumption) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    char buf[1024];
    io_text(&cell->io, buf, sizeof buf);
    add_assumption(r, rp_printf("I/O model (cell): %s. No PLC, no other controller and no operator is simulated.", buf));
    for (int i = 0; i < cell->nrobot; i++)
        if (cell->robot[i].has_io) {
            io_text(&cell->robot[i].io, buf, sizeof buf);
            add_assumption(r, rp_printf("I/O model of robot %s: %s.", cell->robot[i].name, buf));
        }
    add_assumption(r, rp_printf("Motion is the celltwin controller model (trapezoidal PTP profiles, LIN/CIRC "
                                "interpolated every 4 ms, fly-by corners within the programmed blend), not the "
                                "vendor's controller: cycle times and paths are estimates of it."));
    add_assumption(r, rp_printf("All programs start together at t = 0 on a common timeline; a robot that has "
                                "finished stays at its last position. No interlocks between robots are simulated."));
    add_assumption(r, rp_printf("Unsupported statements and interpreter warnings (listed per program) were skipped "
                                "or taken as stated in their messages."));
    add_assumption(r, rp_printf("Geometry is the URDF collision geometry and the cell's meshes and primitives; "
                                "cables, dress packs, clamps in motion and part tolerances are not modelled."));
    add_assumption(r, rp_printf("Torques come from inverse dynamics with the link inertials, the cell payload and "
                                "the carried tool (its mass as a point at its centre of mass: the cell gives tools "
                                "no inertia). Robots without inertials have no torque check."));
    add_assumption(r, rp_printf("Not simulated: process physics (welding, gluing), conveyors and moving fixtures, "
                                "sensors, safety controllers and brakes."));
    add_assumption(r, rp_printf("Plots are sampled every %.0f ms for display. The per-step minimum clearance is "
                                "the smallest of the sampled curve in the step (with the step's start and end "
                                "instants, so steps that take no time have a value) and of the certified findings "
                                "and closest approaches that fall in the step. The verdict comes from the %s check.",
                                r->thresholds.series_dt * 1000,
                                r->thresholds.sampled ? "sampled" : "certified"));
    return CT_OK;
}

/* ---- the verify JSON ---------------------------------------------------------------------- */

static ct_status build_verify_json(ct_report *r, const ct_report_input *in, ct_error *err) {
    cJSON *root = ct_verify_report_json(in->cell, in->prog, in->verify, r->thresholds.sampled);
    if (!root) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    /* wall time is the only machine-dependent number: left out so the report is reproducible */
    cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "stats"), "wall_s");
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!text) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    r->verify_json = ct_strdup(text);
    cJSON_free(text);
    return r->verify_json ? CT_OK : ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
}

/* ---- entry points ------------------------------------------------------------------------- */

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

ct_status ct_report_build(const ct_report_input *in, const ct_report_def *def, ct_report **out, ct_error *err) {
    *out = NULL;
    ct_report_def d = def ? *def : ct_report_default_def();
    if (!(d.series_dt > 0)) d.series_dt = 0.02;
    const ct_cell *cell = in->cell;
    const ct_verify_options vo = in->verify_opt ? *in->verify_opt : ct_verify_default_options();
    ct_report *r = ct_alloc(sizeof *r);
    if (!r) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");

    r->cell_name = rp_strdup(cell->name ? cell->name : "");
    r->cell_description = rp_strdup(cell->description);
    r->date = rp_strdup(d.date ? d.date : "");
    r->version = rp_strdup(d.version ? d.version : CT_REPORT_VERSION);
    r->command_line = rp_strdup(d.command_line);
    r->thresholds.clearance_from_cell = !(vo.clearance >= 0);
    r->thresholds.clearance = vo.clearance >= 0 ? vo.clearance : cell->clearance;
    r->thresholds.nclear = cell->nclear;
    r->thresholds.resolution = vo.resolution;
    r->thresholds.min_distance_report = vo.min_distance_report;
    r->thresholds.torque_dt = vo.torque_dt;
    r->thresholds.series_dt = d.series_dt;
    r->thresholds.sampled = vo.sampled_m > 0;
    r->thresholds.sampled_m = vo.sampled_m;
    r->thresholds.sampled_rad = vo.sampled_rad;
    r->thresholds.self_collision = vo.self_collision;
    r->method = rp_strdup(r->thresholds.sampled ? "sampled" : "certified conservative advancement");
    r->timeline = in->verify->duration;
    r->npair = in->verify->npair;
    r->nexcluded = in->verify->nexcluded;
    r->distance_queries = in->verify->distance_queries;

    ct_status st = CT_OK;
    if (!r->cell_name || !r->date || !r->version || !r->method)
        st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    if (st == CT_OK) st = collect_files(r, in, err);
    if (st == CT_OK) st = build_robots(r, cell, err);
    if (st == CT_OK) {
        r->program = ct_alloc(sizeof(ct_report_program) * (size_t)(cell->nrobot + 1));
        if (!r->program) st = ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    for (int i = 0; st == CT_OK && i < cell->nrobot; i++) {
        const ct_robot_program *rp = &in->prog[i];
        if (!rp->traj) continue;
        ct_report_program *p = &r->program[r->nprogram++];
        p->robot = i;
        p->path = rp_path_normalize(rp->path);
        p->title = rp_strdup(rp->program ? rp->program->title : NULL);
        p->cycle_time = ct_traj_duration(rp->traj);
        p->completed = rp->run.completed;
        st = build_steps(p, rp, err);
        if (st == CT_OK) st = build_diags(p, rp, err);
        for (int dg = 0; st == CT_OK && dg < rp->program->ndiag; dg++) r->nproblem++;
        for (int dg = 0; st == CT_OK && dg < rp->run.ndiag; dg++) r->nproblem += rp->run.diag[dg].severity >= CT_INTERP_WARNING;
    }
    if (st == CT_OK) st = build_findings(r, in, err);
    if (st == CT_OK) {
        double t0 = now_s();
        st = rp_build_series(r, in, err);
        r->seconds_series = now_s() - t0;
    }
    if (st == CT_OK) step_clearance(r, cell);
    if (st == CT_OK) st = build_assumptions(r, in, err);
    if (st == CT_OK) st = build_verify_json(r, in, err);
    if (st == CT_OK && d.pictures) {
        double t0 = now_s();
        st = ct_report_render_pictures(r, in, d.picture_width, d.picture_height, err);
        r->seconds_pictures = now_s() - t0;
    }
    r->pass = st == CT_OK && r->nfinding == 0 && r->nproblem == 0;
    r->verdict = r->pass ? "PASS" : "FAIL";
    if (st != CT_OK) {
        ct_report_free(r);
        return st;
    }
    *out = r;
    return CT_OK;
}

static void free_picture(ct_report_picture *p) {
    ct_free(p->png);
    ct_free(p->caption);
    memset(p, 0, sizeof *p);
}

void rp_free_picture(ct_report_picture *p) { free_picture(p); }

void ct_report_free(ct_report *r) {
    if (!r) return;
    ct_free(r->cell_name);
    ct_free(r->cell_description);
    ct_free(r->date);
    ct_free(r->version);
    ct_free(r->command_line);
    ct_free(r->method);
    for (int i = 0; i < r->nfile; i++) ct_free(r->file[i].path);
    ct_free(r->file);
    for (int i = 0; r->robot && i < r->nrobot; i++) {
        ct_report_robot *o = &r->robot[i];
        for (int d = 0; o->joint_name && d < o->ndof; d++) ct_free(o->joint_name[d]);
        ct_free(o->joint_name);
        ct_free(o->joint_prismatic);
        ct_free(o->lo);
        ct_free(o->hi);
        ct_free(o->vel);
        ct_free(o->effort);
        ct_free(o->name);
        ct_free(o->model);
        ct_free(o->urdf_path);
    }
    ct_free(r->robot);
    for (int p = 0; r->program && p < r->nprogram; p++) {
        ct_report_program *pg = &r->program[p];
        for (int s = 0; pg->step && s < pg->nstep; s++) {
            ct_free(pg->step[s].file);
            ct_free(pg->step[s].label);
            ct_free(pg->step[s].finding);
        }
        ct_free(pg->step);
        ct_free(pg->series.t);
        ct_free(pg->series.q);
        ct_free(pg->series.tcp_speed);
        ct_free(pg->series.clearance);
        ct_free(pg->series.torque_frac);
        for (int d = 0; pg->diag && d < pg->ndiag; d++) {
            ct_free(pg->diag[d].file);
            ct_free(pg->diag[d].message);
            ct_free(pg->diag[d].source_line);
        }
        ct_free(pg->diag);
        ct_free(pg->finding);
        ct_free(pg->path);
        ct_free(pg->title);
    }
    ct_free(r->program);
    for (int i = 0; r->finding && i < r->nfinding; i++) {
        ct_free((char *)r->finding[i].f.src.file);
        ct_free((char *)r->finding[i].f.src_b.file);
        ct_free(r->finding[i].proof);
        free_picture(&r->finding[i].picture);
    }
    ct_free(r->finding);
    for (int i = 0; r->near && i < r->nnear; i++) ct_free((char *)r->near[i].a.src.file);
    ct_free(r->near);
    for (int i = 0; i < r->nassumption; i++) ct_free(r->assumption[i]);
    ct_free(r->assumption);
    free_picture(&r->overview);
    ct_free(r->verify_json);
    ct_free(r);
}
