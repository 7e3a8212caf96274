/* The trajectory container: segments, analytic PTP records, IPO samples and findings; their
 * growth, the accessors, evaluation at any time (analytic PTP, linear between IPO ticks) and the
 * exact joint speed bound of an analytic record. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "traj_internal.h"

ct_plan_options ct_plan_default_options(void) {
    ct_plan_options o;
    o.dt = 0.004;
    o.cart_accel = 4.0;
    o.cart_rot_accel = 10.0;
    o.speed_override = 1.0;
    o.jerk_limited = 0;
    o.jerk_ratio = 10.0;
    o.singular_sigma = 0.02;
    o.q_start = NULL;
    return o;
}

const char *ct_motion_finding_name(ct_motion_finding_kind kind) {
    switch (kind) {
    case CT_MF_UNREACHABLE: return "unreachable";
    case CT_MF_JOINT_LIMIT: return "joint_limit";
    case CT_MF_JOINT_SPEED: return "joint_speed";
    case CT_MF_CONFIG_CHANGE: return "config_change";
    case CT_MF_SINGULARITY: return "singularity";
    case CT_MF_CONFIG_MISMATCH: return "config_mismatch";
    default: return "unknown";
    }
}

/* Grows an array to hold at least `need` elements (doubling). */
static int grow(void **p, int *cap, int need, size_t elem) {
    if (need <= *cap) return 1;
    int n = *cap > 0 ? *cap : 16;
    while (n < need) {
        if (n > (1 << 29)) return 0;
        n *= 2;
    }
    void *q = ct_realloc(*p, (size_t)n * elem);
    if (!q) return 0;
    *p = q;
    *cap = n;
    return 1;
}

ct_traj_seg *ct_traj_add_seg(ct_traj *tr, int cmd, const ct_motion_cmd *c, double t0) {
    int cap1 = tr->capseg;
    if (!grow((void **)&tr->seg, &tr->capseg, tr->nseg + 1, sizeof *tr->seg)) return NULL;
    int cap2 = cap1;
    if (!grow((void **)&tr->priv, &cap2, tr->nseg + 1, sizeof *tr->priv)) return NULL;
    if (cap2 != tr->capseg) { /* keep both arrays the same capacity */
        void *q = ct_realloc(tr->priv, (size_t)tr->capseg * sizeof *tr->priv);
        if (!q) return NULL;
        tr->priv = q;
    }
    ct_traj_seg *s = &tr->seg[tr->nseg];
    memset(s, 0, sizeof *s);
    s->cmd = cmd;
    s->type = c->type;
    s->t0 = s->t1 = t0;
    s->sample0 = tr->ns;
    s->src = c->src;
    tr->priv[tr->nseg].ptp = -1;
    tr->nseg++;
    return s;
}

int ct_traj_add_ptp(ct_traj *tr) {
    if (!grow((void **)&tr->ptp, &tr->capptp, tr->nptp + 1, sizeof *tr->ptp)) return -1;
    ct_traj_ptp *r = &tr->ptp[tr->nptp];
    memset(r, 0, sizeof *r);
    r->next = -1;
    return tr->nptp++;
}

int ct_traj_reserve_samples(ct_traj *tr, int extra) {
    int need = tr->ns + extra, cap = tr->caps;
    if (need <= cap) return 1;
    int c1 = cap, c2 = cap;
    if (!grow((void **)&tr->st, &c1, need, sizeof(double))) return 0;
    double *q = ct_realloc(tr->sq, (size_t)c1 * (size_t)(tr->ndof > 0 ? tr->ndof : 1) * sizeof(double));
    if (!q) return 0;
    tr->sq = q;
    (void)c2;
    tr->caps = c1;
    return 1;
}

void ct_traj_add_finding(ct_traj *tr, ct_motion_finding_kind kind, int cmd, const ct_motion_cmd *c, int joint,
                         double time, double value, double limit, const char *fmt, ...) {
    if (!grow((void **)&tr->f, &tr->capf, tr->nf + 1, sizeof *tr->f)) return; /* out of memory: dropped */
    ct_motion_finding *f = &tr->f[tr->nf++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->cmd = cmd;
    f->joint = joint;
    f->time = time;
    f->value = value;
    f->limit = limit;
    if (c) f->src = c->src;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    va_end(ap);
}

void ct_traj_destroy(ct_traj *tr) {
    if (!tr) return;
    ct_free(tr->seg);
    ct_free(tr->priv);
    ct_free(tr->ptp);
    ct_free(tr->sq);
    ct_free(tr->st);
    ct_free(tr->f);
    ct_free(tr);
}

double ct_traj_duration(const ct_traj *tr) { return tr->duration; }
int ct_traj_nseg(const ct_traj *tr) { return tr->nseg; }
const ct_traj_seg *ct_traj_segment(const ct_traj *tr, int i) {
    return (i >= 0 && i < tr->nseg) ? &tr->seg[i] : NULL;
}
int ct_traj_nfinding(const ct_traj *tr) { return tr->nf; }
const ct_motion_finding *ct_traj_finding(const ct_traj *tr, int i) {
    return (i >= 0 && i < tr->nf) ? &tr->f[i] : NULL;
}

int ct_traj_segment_at(const ct_traj *tr, double t) {
    if (tr->nseg == 0) return -1;
    /* last segment with t0 <= t, then back over zero-length ones that end at t */
    int lo = 0, hi = tr->nseg - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (tr->seg[mid].t0 <= t) lo = mid;
        else hi = mid - 1;
    }
    while (lo > 0 && tr->seg[lo].t1 <= tr->seg[lo].t0 && tr->seg[lo - 1].t1 >= t) lo--;
    return lo;
}

void ct_traj_ptp_eval(const ct_traj *tr, const ct_traj_ptp *r, double t, double *q, double *qd) {
    double s, v, a;
    ct_prof_eval(&r->prof, t - r->tp, &s, &v, &a);
    for (int j = 0; j < tr->ndof; j++) {
        q[j] = r->q0[j] + r->D[j] * s;
        if (qd) qd[j] = r->D[j] * v;
    }
    if (r->next >= 0) {
        const ct_traj_ptp *n = &tr->ptp[r->next];
        if (t > n->tp) {
            ct_prof_eval(&n->prof, t - n->tp, &s, &v, &a);
            for (int j = 0; j < tr->ndof; j++) {
                q[j] += n->D[j] * s;
                if (qd) qd[j] += n->D[j] * v;
            }
        }
    }
}

/* Speed and acceleration of a profile at time t using the phase that contains tref (so that
 * values just inside a piece are used at its ends). */
static void prof_va_at(const ct_prof *p, double t, double tref, double *v, double *a) {
    if (tref <= 0 || tref >= p->T || p->nph == 0) {
        *v = tref <= 0 ? (p->nph ? p->v[0] : 0) : p->v_end;
        *a = 0;
        return;
    }
    int k = 0;
    while (k + 1 < p->nph && tref >= p->t[k + 1]) k++;
    double h = t - p->t[k];
    *v = p->v[k] + h * (p->a[k] + h * p->j[k] / 2);
    *a = p->a[k] + h * p->j[k];
}

static void add_breaks(const ct_prof *p, double tp, double a, double b, double *x, int *n) {
    for (int k = 0; k <= p->nph; k++) {
        double t = tp + p->t[k];
        if (t > a && t < b) x[(*n)++] = t;
    }
}

void ct_traj_ptp_bound(const ct_traj *tr, const ct_traj_ptp *r, double a, double b, double *bound) {
    int nd = tr->ndof;
    for (int j = 0; j < nd; j++) bound[j] = 0;
    const ct_traj_ptp *n = r->next >= 0 ? &tr->ptp[r->next] : NULL;
    double x[2 * CT_PROF_MAX_PHASES + 8];
    int nx = 0;
    x[nx++] = a;
    add_breaks(&r->prof, r->tp, a, b, x, &nx);
    if (n) {
        if (n->tp > a && n->tp < b) x[nx++] = n->tp;
        add_breaks(&n->prof, n->tp, a, b, x, &nx);
    }
    x[nx++] = b;
    for (int i = 1; i < nx; i++) /* insertion sort */
        for (int k = i; k > 0 && x[k] < x[k - 1]; k--) {
            double t = x[k];
            x[k] = x[k - 1];
            x[k - 1] = t;
        }
    /* on each piece qd_j is a polynomial of degree <= 2: max |qd| at the ends or the vertex */
    for (int i = 0; i + 1 < nx; i++) {
        double x0 = x[i], x1 = x[i + 1];
        if (x1 < x0) continue;
        double m = 0.5 * (x0 + x1);
        double pts[3] = {x0, x1, m};
        double v0, a0, v1, a1, vm, am, nv0 = 0, na0 = 0, nv1 = 0, na1 = 0;
        prof_va_at(&r->prof, x0 - r->tp, m - r->tp, &v0, &a0);
        prof_va_at(&r->prof, x1 - r->tp, m - r->tp, &v1, &a1);
        int use_n = n && m > n->tp;
        if (use_n) {
            prof_va_at(&n->prof, x0 - n->tp, m - n->tp, &nv0, &na0);
            prof_va_at(&n->prof, x1 - n->tp, m - n->tp, &nv1, &na1);
        }
        for (int j = 0; j < nd; j++) {
            double qd0 = r->D[j] * v0 + (use_n ? n->D[j] * nv0 : 0);
            double qd1 = r->D[j] * v1 + (use_n ? n->D[j] * nv1 : 0);
            double qa0 = r->D[j] * a0 + (use_n ? n->D[j] * na0 : 0);
            double qa1 = r->D[j] * a1 + (use_n ? n->D[j] * na1 : 0);
            double mx = fabs(qd0) > fabs(qd1) ? fabs(qd0) : fabs(qd1);
            if ((qa0 > 0 && qa1 < 0) || (qa0 < 0 && qa1 > 0)) { /* vertex inside */
                double ts = x0 + (x1 - x0) * qa0 / (qa0 - qa1);
                prof_va_at(&r->prof, ts - r->tp, m - r->tp, &vm, &am);
                double qv = r->D[j] * vm;
                if (use_n) {
                    double nv, na;
                    prof_va_at(&n->prof, ts - n->tp, m - n->tp, &nv, &na);
                    qv += n->D[j] * nv;
                }
                if (fabs(qv) > mx) mx = fabs(qv);
            }
            (void)pts;
            if (mx > bound[j]) bound[j] = mx;
        }
    }
}

/* Linear interpolation between the IPO samples of a sampled segment. */
static void eval_sampled(const ct_traj *tr, const ct_traj_seg *s, double t, double *q, double *qd) {
    int nd = tr->ndof, n = s->nsample;
    const double *st = tr->st + s->sample0;
    const double *sq = tr->sq + (size_t)s->sample0 * nd;
    if (n == 1 || t <= st[0]) {
        int k = 0;
        for (int j = 0; j < nd; j++) {
            q[j] = sq[j];
            if (qd) qd[j] = n > 1 ? (sq[nd + j] - sq[j]) / (st[1] - st[0]) : 0;
        }
        (void)k;
        return;
    }
    if (t >= st[n - 1]) {
        for (int j = 0; j < nd; j++) {
            q[j] = sq[(size_t)(n - 1) * nd + j];
            if (qd) qd[j] = (sq[(size_t)(n - 1) * nd + j] - sq[(size_t)(n - 2) * nd + j]) / (st[n - 1] - st[n - 2]);
        }
        return;
    }
    /* ticks are dt apart except the last interval: guess, then fix */
    int k = (int)((t - st[0]) / tr->dt);
    if (k < 0) k = 0;
    if (k > n - 2) k = n - 2;
    while (k > 0 && st[k] > t) k--;
    while (k < n - 2 && st[k + 1] <= t) k++;
    double h = st[k + 1] - st[k], u = h > 0 ? (t - st[k]) / h : 0;
    const double *a = sq + (size_t)k * nd, *b = a + nd;
    for (int j = 0; j < nd; j++) {
        q[j] = a[j] + (b[j] - a[j]) * u;
        if (qd) qd[j] = h > 0 ? (b[j] - a[j]) / h : 0;
    }
}

void ct_traj_eval(const ct_traj *tr, double t, double *q, double *qd) {
    if (tr->nseg == 0) {
        for (int j = 0; j < tr->ndof; j++) {
            q[j] = 0;
            if (qd) qd[j] = 0;
        }
        return;
    }
    if (t < 0) t = 0;
    if (t > tr->duration) t = tr->duration;
    int i = ct_traj_segment_at(tr, t);
    const ct_traj_seg *s = &tr->seg[i];
    if (tr->priv[i].ptp >= 0) ct_traj_ptp_eval(tr, &tr->ptp[tr->priv[i].ptp], t, q, qd);
    else eval_sampled(tr, s, t, q, qd);
}
