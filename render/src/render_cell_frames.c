/* Coordinate frames of a cell drawn on demand (`celltwin render --frames`, key a in the viewer):
 * every robot's base frame, its current TCP frame and its user frames, in the cell frame, and an
 * axes triad as a polyline drawn on top of the scene. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/kin.h"
#include "celltwin/render.h"

/* The same colours as ct_vk_frame.axes (render_frame.c): x red, y green, z blue. */
static const float axis_rgba[3][4] = {{0.9f, 0.1f, 0.1f, 1}, {0.1f, 0.75f, 0.1f, 1}, {0.1f, 0.2f, 0.95f, 1}};

double ct_vk_frames_length(const double lo[3], const double hi[3]) {
    double d = 0;
    for (int k = 0; k < 3; k++) d += (hi[k] - lo[k]) * (hi[k] - lo[k]);
    d = 0.04 * sqrt(d);
    if (!(d >= 0.05)) d = 0.05; /* also NaN */
    return d > 2.0 ? 2.0 : d;
}

/* TCP of the carried tool (the flange when none) in the cell frame at joint values q. */
static ct_xform tcp_pose(const ct_cell_robot *cr, const double *q) {
    const ct_robot *r = cr->robot;
    const ct_cell_tool *tool = ct_cell_carried_tool(cr);
    ct_xform flange = ct_xf_mul(ct_xf_mul(cr->base, ct_xf_inv(r->base_in_root)), ct_kin_link_pose(r, q, r->tip_link));
    return tool ? ct_xf_mul(flange, tool->tcp) : flange;
}

static void put(ct_vk_axes *axes, char (*names)[CT_VK_FRAME_NAME], int max, int n, ct_xform pose, double length,
                const char *robot, const char *what, int number) {
    if (n >= max) return;
    if (axes) axes[n].pose = pose, axes[n].length = length;
    if (names) {
        if (number >= 0) snprintf(names[n], CT_VK_FRAME_NAME, "%s/%s%d", robot, what, number);
        else snprintf(names[n], CT_VK_FRAME_NAME, "%s/%s", robot, what);
    }
}

int ct_vk_cell_frames(const ct_cell *cell, const double *const *robot_q, double length, ct_vk_axes *axes,
                      char (*names)[CT_VK_FRAME_NAME], int max) {
    int n = 0;
    if (!cell) return 0;
    for (int i = 0; i < cell->nrobot; i++) {
        const ct_cell_robot *cr = &cell->robot[i];
        put(axes, names, max, n++, cr->base, length, cr->name, "base", -1);
        if (n < max && cr->robot) {
            /* joints: the caller's, else the cell's home, else zeros (as the scene poses bodies) */
            double home[CT_ROBOT_MAX_DOF] = {0};
            const double *q = robot_q && robot_q[i] ? robot_q[i] : home;
            if (q == home && cr->nhome == cr->robot->ndof && cr->nhome <= CT_ROBOT_MAX_DOF)
                memcpy(home, cr->home, (size_t)cr->nhome * sizeof(double));
            put(axes, names, max, n, tcp_pose(cr, q), length, cr->name, "tcp", -1);
        }
        n++;
        for (int u = 0; u < cr->nuframe; u++)
            put(axes, names, max, n++, ct_xf_mul(cr->base, cr->uframe[u].pose), length, cr->name, "user",
                cr->uframe[u].number);
    }
    return n;
}

ct_vk_polyline ct_vk_axes_polyline(const ct_vk_axes *a, double point[18], float rgba[24]) {
    /* origin -> x tip -> origin -> y tip -> origin -> z tip; segment k starts at point k */
    static const int axis_of_segment[6] = {0, 0, 1, 1, 2, 2};
    double o[3] = {a->pose.p.x, a->pose.p.y, a->pose.p.z};
    for (int k = 0; k < 6; k++) {
        int ax = k / 2; /* tips: points 1, 3, 5 */
        for (int c = 0; c < 3; c++) point[3 * k + c] = o[c] + (k % 2 ? a->length * a->pose.R.m[3 * c + ax] : 0.0);
        memcpy(rgba + 4 * k, axis_rgba[axis_of_segment[k]], 4 * sizeof(float));
    }
    ct_vk_polyline l;
    memset(&l, 0, sizeof l);
    l.npoint = 6;
    l.point = point;
    l.point_rgba = rgba;
    memcpy(l.rgba, axis_rgba[0], sizeof l.rgba);
    l.on_top = 1;
    return l;
}
