/* Numeric IK for any chain: damped least squares (Levenberg-Marquardt with adaptive damping) on
 * the TCP pose, joint limits by clamping, restarts from deterministic pseudo-random seeds.
 * Rotation rows are weighted by a length so that metres and radians are comparable. */
#include <math.h>

#include "ik_internal.h"

/* Solves the 6x6 SPD system A y = b in place (Cholesky); 0 if A is not positive definite. */
static int chol6(double *A, double *b) {
    for (int j = 0; j < 6; j++) {
        double d = A[6 * j + j];
        for (int k = 0; k < j; k++) d -= A[6 * j + k] * A[6 * j + k];
        if (!(d > 0)) return 0;
        d = sqrt(d);
        A[6 * j + j] = d;
        for (int i = j + 1; i < 6; i++) {
            double s = A[6 * i + j];
            for (int k = 0; k < j; k++) s -= A[6 * i + k] * A[6 * j + k];
            A[6 * i + j] = s / d;
        }
    }
    for (int i = 0; i < 6; i++) { /* L z = b */
        double s = b[i];
        for (int k = 0; k < i; k++) s -= A[6 * i + k] * b[k];
        b[i] = s / A[6 * i + i];
    }
    for (int i = 5; i >= 0; i--) { /* L^T y = z */
        double s = b[i];
        for (int k = i + 1; k < 6; k++) s -= A[6 * k + i] * b[k];
        b[i] = s / A[6 * i + i];
    }
    return 1;
}

static double clampd(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

/* Evaluates the weighted error of q: e (6, rotation rows times wl), J (6 x nc, weighted). */
static double eval(const ct_robot *robot, ct_xform want, const double *q, double wl, double *e, double *J,
                   double *pe, double *re) {
    const struct ct_ik_model *m = robot->ik;
    int nc = m->nchain;
    ct_xform T = ct_ik_chain_fk_jac(m, q, robot->tool, J);
    ct_ik_pose_twist(T, want, e);
    *pe = sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
    *re = sqrt(e[3] * e[3] + e[4] * e[4] + e[5] * e[5]);
    for (int r = 3; r < 6; r++) {
        e[r] *= wl;
        for (int c = 0; c < nc; c++) J[r * nc + c] *= wl;
    }
    double s = 0;
    for (int r = 0; r < 6; r++) s += e[r] * e[r];
    return s;
}

int ct_ik_dls(const ct_robot *robot, ct_xform want, double *q, int max_iter, double pos_tol, double rot_tol,
              int clamp, double *pe, double *re) {
    const struct ct_ik_model *m = robot->ik;
    int nc = m->nchain;
    double wl = isfinite(m->reach) ? fmin(1.0, fmax(0.1, 0.5 * m->reach)) : 1.0;
    double J[6 * CT_ROBOT_MAX_DOF], e[6], Jn[6 * CT_ROBOT_MAX_DOF], en[6], qn[CT_ROBOT_MAX_DOF];
    double pn, rn;
    double err = eval(robot, want, q, wl, e, J, pe, re);
    double lambda = 1e-4; /* damping (m), adapted */
    for (int it = 0; it < max_iter; it++) {
        if (*pe <= pos_tol && *re <= rot_tol) return 1;
        /* DLS step; joints at a limit that the step pushes outwards are frozen and the step is
         * recomputed without them (active set, at most a few passes) */
        int frozen[CT_ROBOT_MAX_DOF] = {0}, ok = 1;
        double dmax = 0;
        for (int pass = 0; pass < 3; pass++) {
            double A[36], y[6];
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int c = 0; c < nc; c++)
                        if (!frozen[c]) s += J[i * nc + c] * J[j * nc + c];
                    A[6 * i + j] = A[6 * j + i] = s;
                }
                A[6 * i + i] += lambda * lambda;
                y[i] = e[i];
            }
            if (!chol6(A, y)) {
                ok = 0;
                break;
            }
            int more = 0;
            dmax = 0;
            for (int c = 0; c < nc; c++) {
                double s = 0;
                if (!frozen[c])
                    for (int r = 0; r < 6; r++) s += J[r * nc + c] * y[r];
                qn[c] = s;
                dmax = fmax(dmax, fabs(s));
                int d = m->chain_dof[c];
                if (clamp && !frozen[c] && ((s < 0 && q[d] <= robot->dof_lower[d]) || (s > 0 && q[d] >= robot->dof_upper[d]))) {
                    frozen[c] = 1;
                    more = 1;
                }
            }
            if (!more) break;
        }
        if (!ok) {
            lambda = lambda * 10 + 1e-9;
            continue;
        }
        double k = dmax > 0.5 ? 0.5 / dmax : 1.0; /* trust region on the joint step */
        double qsave[CT_ROBOT_MAX_DOF];
        for (int c = 0; c < nc; c++) {
            int d = m->chain_dof[c];
            qsave[c] = q[d];
            double v = q[d] + k * qn[c];
            q[d] = clamp ? clampd(v, robot->dof_lower[d], robot->dof_upper[d]) : v;
        }
        double errn = eval(robot, want, q, wl, en, Jn, &pn, &rn);
        if (errn < err) {
            err = errn;
            *pe = pn;
            *re = rn;
            for (int r = 0; r < 6; r++) e[r] = en[r];
            for (int i = 0; i < 6 * nc; i++) J[i] = Jn[i];
            lambda = fmax(lambda * 0.2, 1e-12);
        } else {
            for (int c = 0; c < nc; c++) q[m->chain_dof[c]] = qsave[c];
            lambda *= 8;
            if (lambda > 1e3) break; /* stuck (limit or local minimum) */
        }
    }
    return *pe <= pos_tol && *re <= rot_tol;
}

static double urand(uint64_t *s) { /* xorshift64*, [0, 1) */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return (double)((*s * 2685821657736338717ull) >> 11) * (1.0 / 9007199254740992.0);
}

int ct_ik_numeric_solve(const ct_robot *robot, ct_xform want, const ct_ik_options *opt, const double *seed,
                        ct_ik_solution *sol, double *best_pe, double *best_re) {
    const struct ct_ik_model *m = robot->ik;
    uint64_t rs = 0x9E3779B97F4A7C15ull;
    *best_pe = *best_re = INFINITY;
    for (int k = 0; k <= opt->nseeds; k++) {
        double *q = sol->q;
        for (int i = 0; i < m->ndof; i++) q[i] = seed[i];
        for (int c = 0; c < m->nchain; c++) {
            int d = m->chain_dof[c];
            double lo = robot->dof_lower[d], hi = robot->dof_upper[d];
            if (k > 0) {
                double r = urand(&rs);
                if (isfinite(lo) && isfinite(hi)) q[d] = lo + r * (hi - lo);
                else q[d] = robot->dof_type[d] == CT_JOINT_PRISMATIC ? 2 * r - 1 : (2 * r - 1) * CT_PI;
            } else if (opt->check_limits) {
                q[d] = clampd(q[d], lo, hi);
            }
        }
        /* clamped first; when stuck (often on a limit), the unconstrained solve from the same start
         * finds solutions whose 2 pi turns may still fit the limits */
        double q0[CT_ROBOT_MAX_DOF], pe, re;
        for (int i = 0; i < m->ndof; i++) q0[i] = q[i];
        int ok = ct_ik_dls(robot, want, q, opt->max_iter, opt->pos_tol, opt->rot_tol, opt->check_limits, &pe, &re);
        if (pe + re < *best_pe + *best_re) {
            *best_pe = pe;
            *best_re = re;
        }
        if (!ok && opt->check_limits) {
            for (int i = 0; i < m->ndof; i++) q[i] = q0[i];
            ok = ct_ik_dls(robot, want, q, opt->max_iter, opt->pos_tol, opt->rot_tol, 0, &pe, &re);
        }
        if (!ok) continue;
        int inlim = 1;
        for (int c = 0; c < m->nchain; c++) {
            int d = m->chain_dof[c];
            if (robot->dof_type[d] != CT_JOINT_PRISMATIC) inlim &= ct_ik_fit_turns(robot, d, q, seed[d]);
            else inlim &= q[d] >= robot->dof_lower[d] && q[d] <= robot->dof_upper[d];
        }
        if (!inlim && opt->check_limits) continue;
        sol->pos_err = pe;
        sol->rot_err = re;
        sol->config = m->has_analytic ? ct_ik_analytic_config(&m->an, q) : 0;
        return 1;
    }
    return 0;
}
