/* IK entry points: model creation at robot compile time, option defaults, dispatch between the
 * closed-form and the numeric solver, 2 pi turn fitting, sorting by distance to the seed and the
 * unreachable-target messages. */
#include <math.h>

#include "ik_internal.h"

#define CT_IK_LIMIT_TOL 1e-10 /* rad or m of slack on joint limits (rounding) */

ct_ik_options ct_ik_default_options(void) {
    ct_ik_options o;
    o.seed = NULL;
    o.pos_tol = 1e-10;
    o.rot_tol = 1e-10;
    o.max_iter = 200;
    o.nseeds = 32;
    o.force_numeric = 0;
    o.check_limits = 1;
    return o;
}

ct_status ct_ik_model_create(const ct_robot *robot, struct ct_ik_model **out, ct_error *err) {
    *out = NULL;
    struct ct_ik_model *m = (struct ct_ik_model *)ct_alloc(sizeof *m);
    if (!m) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "IK: out of memory");
    if (robot->nchain > CT_ROBOT_MAX_DOF) {
        ct_free(m);
        return ct_error_set(err, CT_ERR_LIMIT, robot->source_path, 0, 0, "IK: chain has %d dofs (at most %d)",
                            robot->nchain, CT_ROBOT_MAX_DOF);
    }
    ct_status st = ct_ik_chain_build(robot, m, err);
    if (st != CT_OK) {
        ct_ik_model_destroy(m);
        return st;
    }
    ct_ik_analytic_detect(robot, m);
    *out = m;
    return CT_OK;
}

void ct_ik_model_destroy(struct ct_ik_model *ik) {
    if (!ik) return;
    ct_free(ik->joint);
    ct_free(ik);
}

int ct_ik_is_analytic(const ct_robot *robot) { return robot->ik && robot->ik->has_analytic; }

unsigned ct_ik_config_of(const ct_robot *robot, const double *q) {
    if (!ct_ik_is_analytic(robot)) return 0;
    return ct_ik_analytic_config(&robot->ik->an, q);
}

int ct_ik_fit_turns(const ct_robot *robot, int dof, double *q, double seed) {
    double v = q[dof], lo = robot->dof_lower[dof] - CT_IK_LIMIT_TOL, hi = robot->dof_upper[dof] + CT_IK_LIMIT_TOL;
    if (robot->dof_type[dof] == CT_JOINT_PRISMATIC) return v >= lo && v <= hi;
    const double T = 2 * CT_PI;
    double best = v;
    if (isfinite(seed) && fabs(seed - v) > CT_PI) best = v + T * round((seed - v) / T);
    if (best >= lo && best <= hi) {
        q[dof] = best;
        return 1;
    }
    /* the in-limit turns form a run; the one nearest the seed is at one of its ends */
    double c1 = NAN, c2 = NAN;
    if (isfinite(lo)) {
        double t = v + T * ceil((lo - v) / T);
        if (t <= hi) c1 = t;
    }
    if (isfinite(hi)) {
        double t = v + T * floor((hi - v) / T);
        if (t >= lo) c2 = t;
    }
    if (isnan(c1) && isnan(c2)) {
        q[dof] = best;
        return 0;
    }
    if (isnan(c1) || (!isnan(c2) && fabs(c2 - seed) < fabs(c1 - seed))) c1 = c2;
    q[dof] = c1;
    return 1;
}

static void sort_by_seed(const struct ct_ik_model *m, const double *seed, ct_ik_solution *s, int n) {
    double key[CT_IK_MAX_SOLUTIONS];
    for (int k = 0; k < n; k++) {
        double d = 0;
        for (int c = 0; c < m->nchain; c++) {
            double e = s[k].q[m->chain_dof[c]] - seed[m->chain_dof[c]];
            d += e * e;
        }
        key[k] = d;
    }
    for (int i = 1; i < n; i++) { /* insertion sort: stable, n <= 8 */
        ct_ik_solution t = s[i];
        double kt = key[i];
        int j = i - 1;
        while (j >= 0 && key[j] > kt) {
            s[j + 1] = s[j];
            key[j + 1] = key[j];
            j--;
        }
        s[j + 1] = t;
        key[j + 1] = kt;
    }
}

ct_status ct_ik_solve(const ct_robot *robot, ct_xform tcp_in_base, const ct_ik_options *opt, ct_ik_solution *sols,
                      int max_sols, int *nsol, ct_error *err) {
    *nsol = 0;
    const struct ct_ik_model *m = robot->ik;
    if (!m) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "IK: robot is not compiled");
    if (robot->ndof > CT_ROBOT_MAX_DOF)
        return ct_error_set(err, CT_ERR_LIMIT, NULL, 0, 0, "IK: %d dofs (at most %d)", robot->ndof, CT_ROBOT_MAX_DOF);
    if (max_sols < 1) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "IK: no room for solutions");
    ct_ik_options o = opt ? *opt : ct_ik_default_options();
    double seed[CT_ROBOT_MAX_DOF] = {0};
    if (o.seed)
        for (int i = 0; i < robot->ndof; i++) seed[i] = o.seed[i];
    if (m->nchain == 0)
        return ct_error_set(err, CT_ERR_UNREACHABLE, NULL, 0, 0, "no joints between base '%s' and tip '%s'",
                            robot->link_name[robot->base_link], robot->link_name[robot->tip_link]);

    /* quick reject: farther than the chain can stretch */
    ct_xform flange = ct_xf_mul(tcp_in_base, ct_xf_inv(robot->tool));
    double dist = ct_v3_norm(ct_v3_sub(flange.p, m->o1));
    if (dist > m->reach * (1 + 1e-9) + 1e-9)
        return ct_error_set(err, CT_ERR_UNREACHABLE, NULL, 0, 0, "target out of reach: position %.2f m from the base, reach %.2f m",
                            dist, m->reach);

    if (m->has_analytic && !o.force_numeric) {
        ct_ik_solution buf[CT_IK_MAX_SOLUTIONS];
        int why = CT_IK_AN_OK;
        int n = ct_ik_analytic_solve(robot, flange, tcp_in_base, &o, seed, buf, &why);
        if (n > 0) {
            sort_by_seed(m, seed, buf, n);
            if (n > max_sols) n = max_sols;
            for (int k = 0; k < n; k++) sols[k] = buf[k];
            *nsol = n;
            return CT_OK;
        }
        if (why == CT_IK_AN_OUT_OF_REACH)
            return ct_error_set(err, CT_ERR_UNREACHABLE, NULL, 0, 0,
                                "target out of reach: wrist centre outside the arm's workspace (position %.2f m from the base, reach %.2f m)",
                                dist, m->reach);
        if (why == CT_IK_AN_LIMITS)
            return ct_error_set(err, CT_ERR_UNREACHABLE, NULL, 0, 0, "no solution within joint limits");
        /* CT_IK_AN_FAILED (closed form not accurate enough here): try the numeric solver */
    }
    double pe, re;
    if (ct_ik_numeric_solve(robot, tcp_in_base, &o, seed, &sols[0], &pe, &re)) {
        *nsol = 1;
        return CT_OK;
    }
    return ct_error_set(err, CT_ERR_UNREACHABLE, NULL, 0, 0,
                        "no solution within joint limits (closest: position error %.3g mm, rotation error %.3g deg, %d seeds)",
                        pe * 1e3, re / CT_DEG, o.nseeds + 1);
}
