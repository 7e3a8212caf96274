/* What the viewer's keys and script lines do: move on the timeline (findings, program steps),
 * set the speed, and place the orbit camera (fit all, top/front/side, framing a finding the same
 * way `celltwin render --finding` does: the witness points with 0.6 m around, az 45, el 30 deg). */
#include <math.h>
#include <string.h>

#include "viewer_internal.h"

#define DEG (M_PI / 180.0)

void vw_set_time(vw_state *s, double t) {
    if (!(t >= 0)) t = 0;
    if (t > s->duration) t = s->duration;
    s->t = t;
}

void vw_set_speed(vw_state *s, double speed) {
    s->speed = fmin(8.0, fmax(0.25, speed));
}

static void camera_from(vw_state *s, const ct_vk_camera *c) {
    double d[3] = {c->eye[0] - c->target[0], c->eye[1] - c->target[1], c->eye[2] - c->target[2]};
    s->dist = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    if (s->dist < 1e-6) s->dist = 1e-6;
    memcpy(s->target, c->target, sizeof s->target);
    s->znear = c->znear;
    s->zfar = c->zfar;
    s->az = atan2(d[1], d[0]);
    s->el = asin(fmax(-1.0, fmin(1.0, d[2] / s->dist)));
}

void vw_frame_finding(vw_state *s, const ct_finding *fd) {
    double lo[3], hi[3];
    if (!ct_vk_finding_box(fd, lo, hi)) return; /* joint findings: keep the camera */
    ct_vk_camera c = ct_vk_camera_fit(lo, hi, 45 * DEG, 30 * DEG, (double)s->width / s->height);
    camera_from(s, &c);
    s->az = 45 * DEG, s->el = 30 * DEG;
}

int vw_jump_finding(vw_state *s, int dir) {
    const ct_verify_report *rep = s->ver.rep;
    if (!rep || rep->nfinding == 0) return 0;
    int pick = -1;
    /* from a selected finding still on screen, step in index order (several can share a time) */
    if (s->finding >= 0 && s->t == s->finding_t) {
        pick = s->finding + dir;
        if (pick < 0 || pick >= rep->nfinding) pick = -1;
    } else if (dir > 0) {
        for (int i = 0; i < rep->nfinding && pick < 0; i++)
            if (rep->finding[i].time > s->t + 1e-9) pick = i;
    } else {
        for (int i = rep->nfinding - 1; i >= 0 && pick < 0; i--)
            if (rep->finding[i].time < s->t - 1e-9) pick = i;
    }
    if (pick < 0) return 0;
    vw_select_finding(s, pick);
    return 1;
}

/* Selects finding i: time, camera framing its bodies, the robot for follow-TCP. */
void vw_select_finding(vw_state *s, int i) {
    const ct_finding *fd = &s->ver.rep->finding[i];
    s->playing = 0;
    vw_set_time(s, fd->time);
    s->finding = i;
    s->finding_t = s->t;
    if (fd->robot >= 0 && fd->robot < s->nr) s->sel_robot = fd->robot;
    vw_frame_finding(s, fd);
}

/* Program steps: the end of every trajectory segment with a step number (when the robot reaches it). */
int vw_jump_step(vw_state *s, int dir) {
    double best = dir > 0 ? INFINITY : -INFINITY;
    for (int i = 0; i < s->nr; i++) {
        if (!s->traj[i]) continue;
        int n = ct_traj_nseg(s->traj[i]);
        for (int k = 0; k < n; k++) {
            const ct_traj_seg *seg = ct_traj_segment(s->traj[i], k);
            if (seg->src.step <= 0) continue;
            double t = seg->t1;
            if (dir > 0 && t > s->t + 1e-9 && t < best) best = t;
            if (dir < 0 && t < s->t - 1e-9 && t > best) best = t;
        }
    }
    if (!isfinite(best)) best = dir > 0 ? s->duration : 0;
    if (best == s->t) return 0;
    s->playing = 0;
    vw_set_time(s, best);
    return 1;
}

void vw_view(vw_state *s, const char *name) {
    double lo[3], hi[3];
    ct_vk_scene_bounds(s->scene, s->qptr, lo, hi);
    double aspect = (double)s->width / s->height;
    double az = 45 * DEG, el = 30 * DEG;
    if (!strcmp(name, "top")) az = -90 * DEG, el = 89.5 * DEG;
    else if (!strcmp(name, "front")) az = 0, el = 0;
    else if (!strcmp(name, "side")) az = -90 * DEG, el = 0;
    ct_vk_camera c = ct_vk_camera_fit(lo, hi, az, el, aspect);
    camera_from(s, &c);
    s->az = az, s->el = el; /* exact, also when fit rounds */
}
