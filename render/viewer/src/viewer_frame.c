/* The viewer's per-frame state for the renderer: robot poses at the current time, TCP paths
 * coloured by motion type (PTP blue, LIN green, CIRC magenta; as `celltwin render`), findings at
 * the playhead (collision: both bodies red; clearance: orange and a witness line; yellow markers at
 * the witness points), base/TCP/user frames on demand (drawn on top, under the witness lines), the
 * orbit camera and the timeline overlay; and the window title. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/kin.h"
#include "viewer_internal.h"

#define MAX_SHOWN VW_MAX_SHOWN

void vw_pose(vw_state *s) {
    for (int i = 0; i < s->nr; i++) {
        double *q = s->qbuf + (size_t)i * CT_ROBOT_MAX_DOF, qd[CT_ROBOT_MAX_DOF];
        if (!s->traj[i]) continue;
        ct_traj_eval(s->traj[i], fmin(s->t, ct_traj_duration(s->traj[i])), q, qd);
        s->qptr[i] = q;
    }
}

ct_vk_camera vw_camera(const vw_state *s) {
    ct_vk_camera c = ct_vk_camera_orbit(s->target, s->az, s->el, s->dist);
    if (s->znear > 0) c.znear = fmin(s->znear, 0.5 * s->dist), c.zfar = fmax(s->zfar, 4 * s->dist);
    return c;
}

/* Findings drawn now: the selected one while the playhead stays on it, else the pair findings
 * that started within the last 0.25 s of the playhead. */
static int shown_findings(const vw_state *s, int *idx) {
    const ct_verify_report *rep = s->ver.rep;
    if (!rep) return 0;
    if (s->finding >= 0 && s->t == s->finding_t) {
        idx[0] = s->finding;
        return 1;
    }
    int n = 0;
    for (int i = 0; i < rep->nfinding && n < MAX_SHOWN; i++) {
        const ct_finding *fd = &rep->finding[i];
        if (fd->body_b[0] && fd->time <= s->t + 1e-9 && fd->time > s->t - 0.25) idx[n++] = i;
    }
    return n;
}

ct_status vw_render(vw_state *s, ct_error *err) {
    vw_pose(s);
    vw_follow_target(s);
    ct_vk_frame f = ct_vk_default_frame(s->scene, (double)s->width / s->height);
    f.camera = vw_camera(s);
    f.robot_q = s->qptr;
    int nline = 0;
    for (int i = 0; i < s->nr; i++)
        if (s->paths[i].npoint) {
            s->lines[nline++] = ct_vk_path_polyline(&s->paths[i]); /* path with its step markers */
        }
    int idx[MAX_SHOWN];
    int nshown = shown_findings(s, idx);
    ct_vk_finding_marks marks[MAX_SHOWN];
    ct_vk_highlight hl[2 * MAX_SHOWN];
    ct_vk_marker mk[2 * MAX_SHOWN];
    ct_vk_polyline wl[MAX_SHOWN];
    int nhl = 0, nmk = 0, nwl = 0;
    for (int j = 0; j < nshown; j++) {
        ct_vk_finding_marks *m = &marks[j];
        ct_vk_finding_marks_make(s->scene, &s->ver.rep->finding[idx[j]], m);
        for (int k = 0; k < m->nhighlight; k++) hl[nhl++] = m->highlight[k];
        for (int k = 0; k < m->nmarker; k++) mk[nmk++] = m->marker[k];
        if (m->has_line) wl[nwl++] = m->line;
    }
    /* paths first, then frames (when shown), then witness lines (s->lines holds nr + VW_MAX_SHOWN) */
    vw_frames fr = {0};
    ct_vk_polyline *all = s->lines;
    if (s->frames_on && vw_frames_make(s, &fr) && fr.n > 0) {
        all = (ct_vk_polyline *)ct_alloc(sizeof *all * (size_t)(nline + fr.n + nwl));
        if (all) {
            memcpy(all, s->lines, sizeof *all * (size_t)nline);
            memcpy(all + nline, fr.line, sizeof *all * (size_t)fr.n);
            nline += fr.n;
        } else {
            all = s->lines; /* out of memory: this frame without them */
        }
    }
    for (int i = 0; i < nwl; i++) all[nline++] = wl[i];
    f.nhighlight = nhl;
    f.highlight = hl;
    f.nmarker = nmk;
    f.marker = mk;
    f.npolyline = nline;
    f.polyline = all;
    vw_overlay_draw(s);
    f.overlay_rgba = s->overlay;
    ct_status st = ct_vk_render_frame(s->rend, s->scene, &f, err);
    if (all != s->lines) ct_free(all);
    vw_frames_free(&fr);
    return st;
}

void vw_title(vw_state *s, char *buf, size_t n) {
    size_t len = (size_t)snprintf(buf, n, "celltwin view  t = %.2f / %.2f s  x%g %s", s->t, s->duration, s->speed,
                                  s->playing ? "playing" : "paused");
    /* current step of each robot: file:line (S..) */
    for (int i = 0; i < s->nr && len < n; i++) {
        if (!s->traj[i]) continue;
        int sg = ct_traj_segment_at(s->traj[i], fmin(s->t, ct_traj_duration(s->traj[i])));
        if (sg < 0) continue;
        const ct_src_ref *src = &ct_traj_segment(s->traj[i], sg)->src;
        const char *file = src->file ? strrchr(src->file, '/') : NULL;
        file = file ? file + 1 : (src->file ? src->file : "?");
        len += (size_t)snprintf(buf + len, n - len, " | %s S%d %s:%d", s->cell->robot[i].name, src->step, file,
                                src->line);
    }
    if (len >= n) return;
    if (!s->ver.joined) {
        int pd, np;
        pthread_mutex_lock(&s->ver.mu);
        pd = s->ver.pairs_done, np = s->ver.npair;
        pthread_mutex_unlock(&s->ver.mu);
        snprintf(buf + len, n - len, " | verifying %d/%d pairs, %d finding(s) so far", pd, np,
                 s->ver.rep ? s->ver.rep->nfinding : 0);
    } else if (!s->ver.rep) {
        snprintf(buf + len, n - len, " | verification failed");
    } else if (s->finding >= 0 && s->t == s->finding_t) {
        snprintf(buf + len, n - len, " | finding %d/%d: %s", s->finding + 1, s->ver.rep->nfinding,
                 s->ver.rep->finding[s->finding].message);
    } else {
        snprintf(buf + len, n - len, " | %d finding(s)", s->ver.rep->nfinding);
    }
}
