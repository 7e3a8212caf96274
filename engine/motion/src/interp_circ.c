/* Program interpreter: Hyundai circular steps. A Hyundai C step names one point; the circle comes
 * from neighbouring steps (Hi6 operation manual, step parameters): in a run of consecutive C steps
 * c1..ck after the point P0, step ci moves on the circle through P(i-1), Pi, P(i+1) (the last one
 * on the circle through P(k-2), P(k-1), Pk); a single C step uses the following step's point as
 * the third point (INFERRED reading of the manual's "n-1, n, n+1" rule). Each command becomes a
 * CIRC from P(i-1) through the arc midpoint to Pi, so the planner draws exactly that arc. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interp_internal.h"

static void diag_at(ip_state *st, const ct_motion_cmd *c, ct_interp_severity sev, const char *msg) {
    ct_job_instr tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.src.line = c->src.line;
    tmp.src.step = c->src.step;
    int save = st->cur_prog;
    for (int i = 0; i < st->nprog; i++)
        if (st->progs[i].file == c->src.file) st->cur_prog = i;
    ip_diag(st, sev, &tmp, "%s", msg);
    st->cur_prog = save;
}

static int is_motion(const ct_motion_cmd *c) { return c->type == CT_MCMD_PTP || c->type == CT_MCMD_LIN || c->type == CT_MCMD_CIRC; }

static ct_quat quat_slerp_half(ct_quat a, ct_quat b) {
    double d = a.w * b.w + a.x * b.x + a.y * b.y + a.z * b.z;
    if (d < 0) { b.w = -b.w; b.x = -b.x; b.y = -b.y; b.z = -b.z; }
    ct_quat q = {a.w + b.w, a.x + b.x, a.y + b.y, a.z + b.z}; /* normalised by ct_m3_from_quat */
    return q;
}

/* Midpoint of the arc from X to Y on the circle through A, B, C (travelled A -> B -> C).
 * 0 when the points are (nearly) collinear. */
static int arc_mid(ct_vec3 A, ct_vec3 B, ct_vec3 C, ct_vec3 X, ct_vec3 Y, ct_vec3 *mid) {
    ct_vec3 ab = ct_v3_sub(B, A), ac = ct_v3_sub(C, A);
    ct_vec3 n = ct_v3_cross(ab, ac);
    double nn = ct_v3_dot(n, n);
    double scale = ct_v3_dot(ab, ab) * ct_v3_dot(ac, ac);
    if (!(nn > 1e-12 * scale) || scale <= 0) return 0;
    /* circumcentre: A + ((|ac|^2 (n x ab)) + (|ab|^2 (ac x n))) / (2 |n|^2) */
    ct_vec3 t1 = ct_v3_scale(ct_v3_cross(n, ab), ct_v3_dot(ac, ac));
    ct_vec3 t2 = ct_v3_scale(ct_v3_cross(ac, n), ct_v3_dot(ab, ab));
    ct_vec3 ctr = ct_v3_add(A, ct_v3_scale(ct_v3_add(t1, t2), 1.0 / (2 * nn)));
    ct_vec3 u = ct_v3_normalize(ct_v3_sub(A, ctr));
    ct_vec3 nz = ct_v3_normalize(n);
    ct_vec3 w = ct_v3_cross(nz, u);
    double r = ct_v3_norm(ct_v3_sub(A, ctr));
    ct_vec3 dx = ct_v3_sub(X, ctr), dy = ct_v3_sub(Y, ctr);
    double tx = atan2(ct_v3_dot(dx, w), ct_v3_dot(dx, u));
    double ty = atan2(ct_v3_dot(dy, w), ct_v3_dot(dy, u));
    double sweep = fmod(ty - tx + 4 * CT_PI, 2 * CT_PI);
    double tm = tx + 0.5 * sweep;
    *mid = ct_v3_add(ctr, ct_v3_add(ct_v3_scale(u, r * cos(tm)), ct_v3_scale(w, r * sin(tm))));
    return 1;
}

void ip_resolve_hyundai_circ(ip_state *st) {
    ct_interp_output *o = st->out;
    if (!st->hyundai_circ) return;
    ct_xform start = ip_tcp_of(st->robot, st->ctx->q_start ? st->ctx->q_start : (const double[CT_ROBOT_MAX_DOF]){0}, ct_xf_identity());
    int prev = -1; /* previous motion command */
    for (int i = 0; i < o->ncmd;) {
        if (!is_motion(&o->cmds[i])) { i++; continue; }
        if (!st->hyundai_circ[i]) { prev = i; i++; continue; }
        /* the run of C steps: motion commands idx[0..k-1] */
        int idx[4096], k = 0, j = i, next = -1;
        for (; j < o->ncmd; j++) {
            if (!is_motion(&o->cmds[j])) continue;
            if (!st->hyundai_circ[j] || k == 4096) { next = j; break; }
            idx[k++] = j;
        }
        ct_vec3 P0 = prev >= 0 ? o->cmds[prev].pose.p : start.p;
        ct_mat3 R0 = prev >= 0 ? o->cmds[prev].pose.R : start.R;
        for (int m = 0; m < k; m++) {
            ct_motion_cmd *c = &o->cmds[idx[m]];
            ct_vec3 X = m ? o->cmds[idx[m - 1]].pose.p : P0, Y = c->pose.p, A, B, C;
            ct_mat3 RX = m ? o->cmds[idx[m - 1]].pose.R : R0;
            int ok = 1;
            if (k == 1) {
                if (next < 0) ok = 0;
                else { A = X; B = Y; C = o->cmds[next].pose.p; }
            } else if (m < k - 1) {
                A = X; B = Y; C = o->cmds[idx[m + 1]].pose.p;
            } else {
                A = m >= 2 ? o->cmds[idx[m - 2]].pose.p : P0; B = X; C = Y;
            }
            ct_vec3 mid;
            if (!ok || !arc_mid(A, B, C, X, Y, &mid)) {
                diag_at(st, c, CT_INTERP_WARNING, ok ? "circular step: the three circle points are collinear; planned as a linear move"
                                                       : "circular step without a following point to define the circle; planned as a linear move");
                c->type = CT_MCMD_LIN;
                continue;
            }
            c->via.p = mid;
            c->via.R = ct_m3_from_quat(quat_slerp_half(ct_quat_from_m3(RX), ct_quat_from_m3(c->pose.R)));
        }
        prev = idx[k - 1];
        i = j;
    }
}
