/* Step markers on TCP paths (lavapipe, validation layer on, any message fails): the step ends of
 * the sample cell's programs against forward kinematics at the end time of every step computed
 * here, and the markers in the image at those points projected by this test's own camera. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "celltwin/kin.h"
#include "celltwin/verify_program.h"
#include "ct_test.h"
#include "render_check.h"
#include "render_test_common.h"

#define W 800
#define H 600

/* TCP of robot i at joint values q: cell base * inverse(base in root) * FK(tip) * carried tool TCP. */
static void tcp_at(const ct_cell *cell, int i, const double *q, double out[3]) {
    const ct_cell_robot *cr = &cell->robot[i];
    const ct_cell_tool *tool = ct_cell_carried_tool(cr);
    ct_xform x = ct_xf_mul(ct_xf_mul(cr->base, ct_xf_inv(cr->robot->base_in_root)),
                           ct_kin_link_pose(cr->robot, q, cr->robot->tip_link));
    if (tool) x = ct_xf_mul(x, tool->tcp);
    out[0] = x.p.x, out[1] = x.p.y, out[2] = x.p.z;
}

static const int motion_rgb[3][3] = {{38, 77, 230}, {26, 166, 26}, {204, 26, 204}}; /* PTP, LIN, CIRC */
static int motion_coloured(const uint8_t *p) {
    for (int k = 0; k < 3; k++)
        if (rc_near(p, motion_rgb[k][0], motion_rgb[k][1], motion_rgb[k][2], 6)) return 1;
    return 0;
}

/* Marker present: the centre and the four points 2 px away all in a motion colour. */
static int marker_at(const uint8_t *px, double u, double v) {
    static const int off[5][2] = {{0, 0}, {2, 0}, {-2, 0}, {0, 2}, {0, -2}};
    for (int k = 0; k < 5; k++) {
        int x = (int)u + off[k][0], y = (int)v + off[k][1];
        if (!motion_coloured(px + ((size_t)y * W + x) * 4)) return 0;
    }
    return 1;
}

static int test_step_markers(void) {
    ct_error err;
    ct_error_clear(&err);
    ct_cell *cell = NULL;
    CT_ENSURE(ct_cell_load(CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json", NULL, &cell, &err) == CT_OK);
    ct_vk_renderer_def d = ct_vk_renderer_default_def();
    d.width = W, d.height = H, d.validation = 1, d.on_message = on_message;
    ct_vk_renderer *r = NULL;
    if (ct_vk_renderer_create(&d, &r, &err) != CT_OK) {
        printf("SKIPPED: no Vulkan: %s\n", err.message);
        ct_cell_destroy(cell);
        return CT_TEST_SKIP_CODE;
    }
    uint8_t *with = (uint8_t *)malloc((size_t)W * H * 4), *without = (uint8_t *)malloc((size_t)W * H * 4);
    CT_ENSURE(with && without);
    int total_visible = 0;
    for (int i = 0; i < cell->nrobot; i++) {
        ct_robot_program prog;
        CT_ENSURE(ct_robot_program_load(cell, i, cell->robot[i].program_path[0], NULL, &prog, &err) == CT_OK);
        ct_vk_path path;
        CT_ENSURE(ct_vk_tcp_path(cell, i, prog.traj, &path, &err) == CT_OK);
        /* reference: the end of each run of segments with one step number > 0 */
        int nref = 0, nseg = ct_traj_nseg(prog.traj);
        for (int k = 0; k < nseg; k++) {
            const ct_traj_seg *sg = ct_traj_segment(prog.traj, k);
            if (sg->src.step <= 0) continue;
            if (k + 1 < nseg && ct_traj_segment(prog.traj, k + 1)->src.step == sg->src.step) continue;
            double q[CT_ROBOT_MAX_DOF], p[3];
            ct_traj_eval(prog.traj, sg->t1, q, NULL);
            tcp_at(cell, i, q, p);
            CT_ENSURE_MSG(nref < path.nstep, "robot %d: more steps than the path's %d", i, path.nstep);
            CT_ENSURE(path.step_number[nref] == sg->src.step);
            CT_ENSURE_NEAR(path.step_time[nref], sg->t1, 1e-12);
            for (int c = 0; c < 3; c++) CT_ENSURE_NEAR(path.step_point[3 * nref + c], p[c], 1e-9);
            nref++;
        }
        printf("robot %s: %d steps, %d path points\n", cell->robot[i].name, path.nstep, path.npoint);
        CT_ENSURE(nref == path.nstep && nref >= 3);

        /* render the path alone (no bodies hide it), with and without its markers */
        double lo[3] = {1e30, 1e30, 1e30}, hi[3] = {-1e30, -1e30, -1e30};
        for (int k = 0; k < path.npoint; k++)
            for (int c = 0; c < 3; c++)
                lo[c] = fmin(lo[c], path.point[3 * k + c]), hi[c] = fmax(hi[c], path.point[3 * k + c]);
        ct_vk_frame f = ct_vk_default_frame(NULL, (double)W / H);
        f.camera = ct_vk_camera_fit(lo, hi, 0.6, 0.7, (double)W / H);
        f.show_grid = 0;
        f.background[0] = 1, f.background[1] = 1, f.background[2] = 1, f.background[3] = 1;
        ct_vk_polyline pl = ct_vk_path_polyline(&path);
        CT_ENSURE(pl.nstep == path.nstep && pl.step_point == path.step_point);
        f.npolyline = 1;
        f.polyline = &pl;
        nmessages = 0;
        CT_ENSURE(ct_vk_render_frame(r, NULL, &f, &err) == CT_OK);
        CT_ENSURE(ct_vk_read_pixels(r, with, &err) == CT_OK);
        char png[512];
        snprintf(png, sizeof png, CT_BUILD_DIR "/test_render_steps_%d.png", i);
        ct_vk_write_png(png, with, W, H, &err);
        pl.nstep = 0;
        CT_ENSURE(ct_vk_render_frame(r, NULL, &f, &err) == CT_OK);
        CT_ENSURE(ct_vk_read_pixels(r, without, &err) == CT_OK);
        CT_ENSURE_MSG(nmessages == 0, "%d validation messages", nmessages);
        rc_cam m = rc_make_cam(&f.camera, W, H);
        int visible = 0, found = 0, found_without = 0;
        for (int k = 0; k < path.nstep; k++) {
            double u, v;
            if (!rc_project(&m, path.step_point + 3 * k, &u, &v, NULL)) continue;
            if (u < 8 || v < 8 || u > W - 8 || v > H - 8) continue;
            visible++;
            found += marker_at(with, u, v);
            found_without += marker_at(without, u, v);
            /* the marker's own colour at its centre, unless a later step's marker lies over it */
            int covered = 0;
            for (int j = k + 1; j < path.nstep; j++) {
                double u2, v2;
                if (rc_project(&m, path.step_point + 3 * j, &u2, &v2, NULL) && fabs(u2 - u) + fabs(v2 - v) < 12)
                    covered = 1;
            }
            const float *c = path.step_rgba + 4 * k;
            const uint8_t *p = with + ((size_t)(int)v * W + (int)u) * 4;
            int want[3] = {(int)lroundf(c[0] * 255), (int)lroundf(c[1] * 255), (int)lroundf(c[2] * 255)};
            if (!covered)
                CT_ENSURE_MSG(rc_near(p, want[0], want[1], want[2], 6), "step %d at (%.1f, %.1f): pixel %d %d %d",
                              path.step_number[k], u, v, p[0], p[1], p[2]);
        }
        printf("  %d steps in view: markers found at %d with, %d without step markers\n", visible, found,
               found_without);
        CT_ENSURE(visible >= 3);
        CT_ENSURE(found == visible);
        CT_ENSURE(found_without * 4 < visible);
        total_visible += visible;
        ct_vk_path_free(&path);
        ct_robot_program_free(&prog);
    }
    CT_ENSURE(total_visible >= 6);
    free(with);
    free(without);
    ct_vk_renderer_destroy(r);
    ct_cell_destroy(cell);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages at teardown", nmessages);
    return 0;
}

CT_TEST_MAIN(CT_TEST(step_markers))
