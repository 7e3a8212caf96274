/* TCP paths of planned programs as coloured polylines for the renderer and the viewer. */
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

ct_status ct_vk_tcp_path(const ct_cell *cell, int robot, const ct_traj *traj, ct_vk_path *p, ct_error *err) {
    memset(p, 0, sizeof *p);
    double dur = ct_traj_duration(traj);
    int n = (int)fmin(2000, fmax(2, dur / 0.02 + 1));
    p->point = (double *)ct_alloc((size_t)n * 3 * sizeof(double));
    p->point_rgba = (float *)ct_alloc((size_t)n * 4 * sizeof(float));
    if (!p->point || !p->point_rgba) {
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
        float *c = p->point_rgba + 4 * k;
        c[3] = 1;
        if (type == CT_MCMD_LIN) c[0] = 0.1f, c[1] = 0.65f, c[2] = 0.1f;
        else if (type == CT_MCMD_CIRC) c[0] = 0.8f, c[1] = 0.1f, c[2] = 0.8f;
        else c[0] = 0.15f, c[1] = 0.3f, c[2] = 0.9f;
    }
    p->npoint = n;
    return CT_OK;
}

void ct_vk_path_free(ct_vk_path *p) {
    ct_free(p->point);
    ct_free(p->point_rgba);
    memset(p, 0, sizeof *p);
}
