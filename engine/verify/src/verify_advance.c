/* Conservative advancement (Schwarzer, Saha, Latombe 2005) over a timeline with piecewise
 * constant closing-speed bounds. */
#include <math.h>

#include "celltwin/verify_advance.h"

ct_ca_options ct_ca_default_options(void) {
    ct_ca_options o;
    o.clearance = 0;
    o.resolution = 1e-5;
    o.max_step = 0;
    o.max_checks = 10000000;
    return o;
}

ct_ca_result ct_ca_run(double t0, double t1, const ct_ca_options *opt, ct_ca_distance_fn *distance,
                       ct_ca_speed_fn *speed, void *ctx) {
    ct_ca_options defaults = ct_ca_default_options();
    if (!opt) opt = &defaults;
    ct_ca_result res;
    res.verdict = CT_CA_CLEAR;
    res.t_hit = t1;
    res.d_hit = INFINITY;
    res.d_min = INFINITY;
    res.t_min = t0;
    res.d_min_lower = INFINITY;
    res.checks = 0;
    res.out_of_checks = 0;

    double t = t0;
    for (;;) {
        double d = distance(t, ctx);
        res.checks++;
        if (d < res.d_min) { res.d_min = d; res.t_min = t; }
        if (!(d > opt->clearance)) { /* also catches NaN: never call a NaN distance clear */
            res.verdict = CT_CA_VIOLATION;
            res.t_hit = t;
            res.d_hit = d;
            if (d < res.d_min_lower) res.d_min_lower = d;
            return res;
        }
        if (t >= t1) break;
        double until = t1;
        double v = speed(t, &until, ctx);
        if (!(until > t)) until = nextafter(t, INFINITY); /* a bound valid only at t: a minimal step */
        if (until > t1) until = t1;
        /* the next check may not come later than the bound allows */
        double step = v > 0 ? (d - opt->clearance) / v : INFINITY;
        if (opt->max_step > 0 && step > opt->max_step) step = opt->max_step;
        double t_next = t + step;
        if (t_next > until) t_next = until;
        /* certified lower bound of the distance over [t, t_next] */
        double lower = d - (v > 0 ? v * (t_next - t) : 0);
        if (lower < res.d_min_lower) res.d_min_lower = lower;
        if (d - opt->clearance < opt->resolution && t_next < until) {
            /* creeping towards the clearance: the resolution decides */
            res.verdict = CT_CA_UNRESOLVED;
            res.t_hit = t;
            res.d_hit = d;
            return res;
        }
        if (res.checks >= opt->max_checks) {
            res.verdict = CT_CA_UNRESOLVED;
            res.out_of_checks = 1;
            res.t_hit = t;
            res.d_hit = d;
            return res;
        }
        if (t_next <= t) t_next = nextafter(t, INFINITY); /* always progress */
        t = t_next;
    }
    if (res.d_min_lower > res.d_min) res.d_min_lower = res.d_min;
    return res;
}
