/* 1-D motion profiles of a path parameter: synchronised PTP moves and LIN/CIRC path speeds use
 * them. Trapezoid (triangle when short), jerk-limited 7-phase S-curve, a general trapezoid between
 * two boundary speeds, uniform time stretching and exact evaluation (piecewise constant jerk). */
#include <math.h>
#include <string.h>

#include "traj_internal.h"

static void prof_begin(ct_prof *p) {
    memset(p, 0, sizeof *p);
}

/* Appends a phase of duration h starting with acceleration a and jerk j; s and v continue. */
static void prof_push(ct_prof *p, double h, double a, double j) {
    if (!(h > 0)) return;
    int k = p->nph;
    CT_ASSERT(k < CT_PROF_MAX_PHASES);
    double s = 0, v = p->v[0], t = 0; /* the first phase starts at s = 0 with the preset v[0] */
    if (k > 0) {
        int m = k - 1;
        double d = p->t[k] - p->t[m];
        s = p->s[m] + d * (p->v[m] + d * (p->a[m] / 2 + d * p->j[m] / 6));
        v = p->v[m] + d * (p->a[m] + d * p->j[m] / 2);
        t = p->t[k];
    }
    p->s[k] = s;
    p->v[k] = v;
    p->a[k] = a;
    p->j[k] = j;
    p->t[k] = t;
    p->t[k + 1] = t + h;
    p->nph = k + 1;
    p->T = t + h;
}

static void prof_finish(ct_prof *p, double s_end, double v_end, double vpeak, double apeak, double t_acc,
                        double t_dec) {
    p->s_end = s_end;
    p->v_end = v_end;
    p->vpeak = vpeak;
    p->apeak = apeak;
    p->t_acc = t_acc;
    p->t_dec = t_dec;
}

void ct_prof_hold(ct_prof *p, double T) {
    prof_begin(p);
    prof_push(p, T, 0, 0);
    prof_finish(p, 0, 0, 0, 0, 0, p->T);
}

double ct_prof_trapezoid(ct_prof *p, double V, double A) {
    prof_begin(p);
    double ta, tc, vp;
    if (!(V < INFINITY) || V * V >= A) { /* triangle: V is never reached over distance 1 */
        ta = sqrt(1.0 / A);
        vp = A * ta;
        tc = 0;
    } else {
        ta = V / A;
        vp = V;
        tc = 1.0 / V - V / A;
        if (tc < 0) tc = 0;
    }
    prof_push(p, ta, A, 0);
    prof_push(p, tc, 0, 0);
    prof_push(p, ta, -A, 0);
    prof_finish(p, 1.0, 0, vp, A, ta, ta + tc);
    return p->T;
}

double ct_prof_scurve(ct_prof *p, double V, double A, double J) {
    prof_begin(p);
    if (V < INFINITY && V * J < A * A) A = sqrt(V * J); /* V is reached before A */
    double v = V;
    double dist_acc = v < INFINITY ? (v >= A * A / J ? v * (v / A + A / J) / 2 : v * sqrt(v / J)) : INFINITY;
    if (2 * dist_acc > 1) { /* no cruise: largest peak speed that covers exactly 1 */
        v = A / 2 * (-A / J + sqrt(A * A / (J * J) + 4 / A));
        if (v < A * A / J) v = cbrt(J / 4);
        dist_acc = 0.5;
    }
    double tj, tac, ap;
    if (v >= A * A / J) {
        tj = A / J;
        tac = v / A - A / J;
        ap = A;
    } else {
        tj = sqrt(v / J);
        tac = 0;
        ap = J * tj;
    }
    double tc = (1 - 2 * dist_acc) / v;
    if (tc < 0) tc = 0;
    prof_push(p, tj, 0, J);
    prof_push(p, tac, ap, 0);
    prof_push(p, tj, ap, -J);
    prof_push(p, tc, 0, 0);
    prof_push(p, tj, 0, -J);
    prof_push(p, tac, -ap, 0);
    prof_push(p, tj, -ap, J);
    double ta = 2 * tj + tac;
    prof_finish(p, 1.0, 0, v, ap, ta, ta + tc);
    return p->T;
}

double ct_prof_trapezoid_general(ct_prof *p, double d, double v0, double v1, double V, double A) {
    prof_begin(p);
    if (d < 0) d = 0;
    double vp = sqrt(A * d + (v0 * v0 + v1 * v1) / 2);
    if (vp > V) vp = V;
    if (vp < v0) vp = v0;
    if (vp < v1) vp = v1;
    double t1 = (vp - v0) / A, t3 = (vp - v1) / A;
    double d1 = (vp * vp - v0 * v0) / (2 * A), d3 = (vp * vp - v1 * v1) / (2 * A);
    double d2 = d - d1 - d3;
    double t2 = (vp > 0 && d2 > 0) ? d2 / vp : 0;
    p->v[0] = v0;
    prof_push(p, t1, A, 0);
    prof_push(p, t2, 0, 0);
    prof_push(p, t3, -A, 0);
    prof_finish(p, d, v1, vp, (t1 > 0 || t3 > 0) ? A : 0, t1, t1 + t2);
    return p->T;
}

void ct_prof_stretch(ct_prof *p, double T) {
    if (!(T > p->T) || !(p->T > 0)) return;
    double k = T / p->T, k2 = k * k, k3 = k2 * k;
    for (int i = 0; i < p->nph; i++) {
        p->t[i] *= k;
        p->v[i] /= k;
        p->a[i] /= k2;
        p->j[i] /= k3;
    }
    p->t[p->nph] = T;
    p->T = T;
    p->v_end /= k;
    p->vpeak /= k;
    p->apeak /= k2;
    p->t_acc *= k;
    p->t_dec *= k;
}

void ct_prof_eval(const ct_prof *p, double t, double *s, double *v, double *a) {
    if (p->nph == 0 || t >= p->T) {
        *s = p->s_end;
        *v = p->v_end;
        *a = 0;
        return;
    }
    if (t <= 0) {
        *s = p->s[0];
        *v = p->v[0];
        *a = p->a[0];
        return;
    }
    int k = 0;
    while (k + 1 < p->nph && t >= p->t[k + 1]) k++;
    double h = t - p->t[k];
    *s = p->s[k] + h * (p->v[k] + h * (p->a[k] / 2 + h * p->j[k] / 6));
    *v = p->v[k] + h * (p->a[k] + h * p->j[k] / 2);
    *a = p->a[k] + h * p->j[k];
}
