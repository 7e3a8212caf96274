/* TCP paths of planned programs as coloured polylines with a marker at the end of every program
 * step, for the renderer and the viewer. */
#include <math.h>
#include <string.h>

#include "celltwin/kin.h"
#include "celltwin/render.h"

/* TCP of the tool the robot carries (ct_cell_carried_tool, else the flange) in the cell frame. */
static void tcp_world(const ct_cell *cell, int robot, const double *q, double out[3]) {
    const ct_cell_robot *cr = &cell->robot[robot];
    const ct_robot *r = cr->robot;
    const ct_cell_tool *tool = ct_cell_carried_tool(cr);
    ct_xform tcp = tool ? tool->tcp : ct_xf_identity();
    ct_xform w = ct_xf_mul(ct_xf_mul(cr->base, ct_xf_inv(r->base_in_root)),
                           ct_xf_mul(ct_kin_link_pose(r, q, r->tip_link), tcp));
    out[0] = w.p.x;
    out[1] = w.p.y;
    out[2] = w.p.z;
}

static void motion_rgba(ct_mcmd_type type, float c[4]) {
    c[3] = 1;
    if (type == CT_MCMD_LIN) c[0] = 0.1f, c[1] = 0.65f, c[2] = 0.1f;
    else if (type == CT_MCMD_CIRC) c[0] = 0.8f, c[1] = 0.1f, c[2] = 0.8f;
    else c[0] = 0.15f, c[1] = 0.3f, c[2] = 0.9f;
}

/* Ends of the program steps: the last segment of each run of segments with one step number > 0
 * (its I/O, waits and blend parts belong to the step); the TCP at that segment's end time. */
static int step_ends(const ct_cell *cell, int robot, const ct_traj *traj, ct_vk_path *p) {
    int nseg = ct_traj_nseg(traj), n = 0;
    if (nseg <= 0) return 1;
    p->step_point = (double *)ct_alloc((size_t)nseg * 3 * sizeof(double));
    p->step_rgba = (float *)ct_alloc((size_t)nseg * 4 * sizeof(float));
    p->step_number = (int *)ct_alloc((size_t)nseg * sizeof(int));
    p->step_time = (double *)ct_alloc((size_t)nseg * sizeof(double));
    if (!p->step_point || !p->step_rgba || !p->step_number || !p->step_time) return 0;
    double q[CT_ROBOT_MAX_DOF];
    for (int k = 0; k < nseg; k++) {
        const ct_traj_seg *seg = ct_traj_segment(traj, k);
        if (seg->src.step <= 0) continue;
        const ct_traj_seg *next = k + 1 < nseg ? ct_traj_segment(traj, k + 1) : NULL;
        if (next && next->src.step == seg->src.step) continue; /* not the step's last segment */
        ct_traj_eval(traj, seg->t1, q, NULL);
        tcp_world(cell, robot, q, p->step_point + 3 * n);
        /* a step's colour: its motion (the last move among its segments) */
        ct_mcmd_type type = seg->type;
        for (int j = k; j >= 0 && ct_traj_segment(traj, j)->src.step == seg->src.step; j--) {
            ct_mcmd_type t = ct_traj_segment(traj, j)->type;
            if (t == CT_MCMD_PTP || t == CT_MCMD_LIN || t == CT_MCMD_CIRC) {
                type = t;
                break;
            }
        }
        motion_rgba(type, p->step_rgba + 4 * n);
        p->step_number[n] = seg->src.step;
        p->step_time[n] = seg->t1;
        n++;
    }
    p->nstep = n;
    return 1;
}

ct_status ct_vk_tcp_path(const ct_cell *cell, int robot, const ct_traj *traj, ct_vk_path *p, ct_error *err) {
    memset(p, 0, sizeof *p);
    double dur = ct_traj_duration(traj);
    int n = (int)fmin(2000, fmax(2, dur / 0.02 + 1));
    p->point = (double *)ct_alloc((size_t)n * 3 * sizeof(double));
    p->point_rgba = (float *)ct_alloc((size_t)n * 4 * sizeof(float));
    if (!p->point || !p->point_rgba || !step_ends(cell, robot, traj, p)) {
        ct_vk_path_free(p);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    double q[CT_ROBOT_MAX_DOF];
    for (int k = 0; k < n; k++) {
        double t = dur * k / (n - 1);
        ct_traj_eval(traj, t, q, NULL);
        tcp_world(cell, robot, q, p->point + 3 * k);
        int s = ct_traj_segment_at(traj, t);
        ct_mcmd_type type = s >= 0 ? ct_traj_segment(traj, s)->type : CT_MCMD_DWELL;
        motion_rgba(type, p->point_rgba + 4 * k);
    }
    p->npoint = n;
    return CT_OK;
}

ct_vk_polyline ct_vk_path_polyline(const ct_vk_path *p) {
    ct_vk_polyline l;
    memset(&l, 0, sizeof l);
    l.npoint = p->npoint;
    l.point = p->point;
    l.point_rgba = p->point_rgba;
    l.rgba[0] = 0.15f, l.rgba[1] = 0.3f, l.rgba[2] = 0.9f, l.rgba[3] = 1;
    l.nstep = p->nstep;
    l.step_point = p->step_point;
    l.step_rgba = p->step_rgba;
    return l;
}

void ct_vk_path_free(ct_vk_path *p) {
    ct_free(p->point);
    ct_free(p->point_rgba);
    ct_free(p->step_point);
    ct_free(p->step_rgba);
    ct_free(p->step_number);
    ct_free(p->step_time);
    memset(p, 0, sizeof *p);
}
