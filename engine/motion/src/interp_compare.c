/* Comparison of two played programs (celltwin diff): pairs the motion commands in order and
 * measures, per pair, the symmetric Hausdorff distance between the sampled TCP paths and the
 * timing difference. Point-to-polyline distances are exact for the sampled polylines. */
#include <math.h>
#include <string.h>

#include "interp_internal.h"

#define CMP_MIN_SAMPLES 64
#define CMP_MAX_SAMPLES 1500

static int is_motion(const ct_motion_cmd *c) { return c->type == CT_MCMD_PTP || c->type == CT_MCMD_LIN || c->type == CT_MCMD_CIRC; }

/* Time span of command cmd in the trajectory (all its segments); 0 when it has none. */
static int cmd_span(const ct_traj *tr, int cmd, double *t0, double *t1) {
    int found = 0;
    for (int i = 0, n = ct_traj_nseg(tr); i < n; i++) {
        const ct_traj_seg *s = ct_traj_segment(tr, i);
        if (s->cmd != cmd) continue;
        if (!found || s->t0 < *t0) *t0 = s->t0;
        if (!found || s->t1 > *t1) *t1 = s->t1;
        found = 1;
    }
    return found;
}

static ct_vec3 tcp_at(const ct_robot *r, const ct_traj *tr, double t, ct_xform tool) {
    double q[CT_ROBOT_MAX_DOF];
    ct_traj_eval(tr, t, q, NULL);
    return ip_tcp_of(r, q, tool).p;
}

/* Samples the TCP path of [t0, t1] into pts (n+1 points). */
static void sample(const ct_robot *r, const ct_traj *tr, double t0, double t1, ct_xform tool, int n, ct_vec3 *pts) {
    for (int i = 0; i <= n; i++) pts[i] = tcp_at(r, tr, t0 + (t1 - t0) * i / n, tool);
}

static double path_length(const ct_robot *r, const ct_traj *tr, double t0, double t1, ct_xform tool) {
    double L = 0;
    ct_vec3 prev = tcp_at(r, tr, t0, tool);
    for (int i = 1; i <= 32; i++) {
        ct_vec3 p = tcp_at(r, tr, t0 + (t1 - t0) * i / 32, tool);
        L += ct_v3_norm(ct_v3_sub(p, prev));
        prev = p;
    }
    return L;
}

static double point_seg(ct_vec3 p, ct_vec3 a, ct_vec3 b) {
    ct_vec3 ab = ct_v3_sub(b, a), ap = ct_v3_sub(p, a);
    double l2 = ct_v3_dot(ab, ab), t = l2 > 0 ? ct_v3_dot(ap, ab) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return ct_v3_norm(ct_v3_sub(p, ct_v3_madd(a, ab, t)));
}

/* Directed Hausdorff distance: max over the points of a of the distance to polyline b. */
static double directed(const ct_vec3 *a, int na, const ct_vec3 *b, int nb) {
    double worst = 0;
    for (int i = 0; i <= na; i++) {
        double best = nb == 0 ? ct_v3_norm(ct_v3_sub(a[i], b[0])) : INFINITY;
        for (int j = 0; j < nb && best > worst; j++) {
            double d = point_seg(a[i], b[j], b[j + 1]);
            if (d < best) best = d;
        }
        if (best > worst) worst = best;
    }
    return worst;
}

ct_status ct_play_compare(const ct_robot *robot, const ct_motion_cmd *ca, int nca, const ct_traj *ta,
                          const ct_motion_cmd *cb, int ncb, const ct_traj *tb, double samples_per_m,
                          ct_play_step_diff **out, int *nout, int *nmotion_a, int *nmotion_b, ct_error *err) {
    *out = NULL;
    *nout = 0;
    if (!robot || !ta || !tb || nca < 0 || ncb < 0) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "compare: missing input");
    if (samples_per_m <= 0) samples_per_m = 2000;
    int ma = 0, mb = 0;
    for (int i = 0; i < nca; i++) ma += is_motion(&ca[i]);
    for (int i = 0; i < ncb; i++) mb += is_motion(&cb[i]);
    *nmotion_a = ma;
    *nmotion_b = mb;
    int n = ma < mb ? ma : mb;
    ct_play_step_diff *d = ct_alloc(sizeof *d * (size_t)(n ? n : 1));
    ct_vec3 *pa = ct_alloc(sizeof *pa * (CMP_MAX_SAMPLES + 1)), *pb = ct_alloc(sizeof *pb * (CMP_MAX_SAMPLES + 1));
    if (!d || !pa || !pb) {
        ct_free(d);
        ct_free(pa);
        ct_free(pb);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    int ia = 0, ib = 0;
    for (int k = 0; k < n; k++) {
        while (!is_motion(&ca[ia])) ia++;
        while (!is_motion(&cb[ib])) ib++;
        ct_play_step_diff *s = &d[k];
        memset(s, 0, sizeof *s);
        s->cmd_a = ia;
        s->cmd_b = ib;
        s->src_a = ca[ia].src;
        s->src_b = cb[ib].src;
        double a0 = 0, a1 = 0, b0 = 0, b1 = 0;
        int ha = cmd_span(ta, ia, &a0, &a1), hb = cmd_span(tb, ib, &b0, &b1);
        s->start_a = a0;
        s->start_b = b0;
        s->dur_a = a1 - a0;
        s->dur_b = b1 - b0;
        if (!ha || !hb) {
            s->max_dev = INFINITY; /* one of them was not planned */
        } else {
            double la = path_length(robot, ta, a0, a1, ca[ia].tool), lb = path_length(robot, tb, b0, b1, cb[ib].tool);
            int na = (int)(la * samples_per_m), nb = (int)(lb * samples_per_m);
            na = na < CMP_MIN_SAMPLES ? CMP_MIN_SAMPLES : na > CMP_MAX_SAMPLES ? CMP_MAX_SAMPLES : na;
            nb = nb < CMP_MIN_SAMPLES ? CMP_MIN_SAMPLES : nb > CMP_MAX_SAMPLES ? CMP_MAX_SAMPLES : nb;
            sample(robot, ta, a0, a1, ca[ia].tool, na, pa);
            sample(robot, tb, b0, b1, cb[ib].tool, nb, pb);
            double dab = directed(pa, na, pb, nb), dba = directed(pb, nb, pa, na);
            s->max_dev = dab > dba ? dab : dba;
        }
        ia++;
        ib++;
    }
    ct_free(pa);
    ct_free(pb);
    *out = d;
    *nout = n;
    return CT_OK;
}
