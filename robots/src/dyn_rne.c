/* Inverse dynamics by the recursive Newton-Euler algorithm, in the root frame.
 * Forward pass: angular velocity/acceleration and origin acceleration of every link (gravity is
 * introduced as an upward acceleration of the root). Backward pass: forces and moments about each
 * link origin, projected on the joint axes. */
#include <string.h>

#include "celltwin/dyn.h"
#include "celltwin/kin.h"

void ct_dyn_rne(const ct_robot *r, const double *q, const double *qd, const double *qdd, ct_vec3 gravity,
                const ct_payload *payload, double *tau) {
    int n = r->nlink;
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    ct_vec3 w[CT_ROBOT_MAX_LINKS], dw[CT_ROBOT_MAX_LINKS], a[CT_ROBOT_MAX_LINKS];
    ct_vec3 f[CT_ROBOT_MAX_LINKS], m[CT_ROBOT_MAX_LINKS], axis[CT_ROBOT_MAX_LINKS];
    ct_kin_fk(r, q, pose);

    w[0] = ct_v3(0, 0, 0);
    dw[0] = ct_v3(0, 0, 0);
    a[0] = ct_v3_neg(gravity);
    for (int i = 1; i < n; i++) {
        int p = r->link_parent[i], d = r->link_dof[i];
        double mul = r->link_mimic_mul[i];
        double vi = d >= 0 ? mul * qd[d] : 0.0, ai = d >= 0 ? mul * qdd[d] : 0.0;
        axis[i] = ct_m3_mulv(pose[i].R, r->link_axis[i]);
        ct_vec3 rp = ct_v3_sub(pose[i].p, pose[p].p);
        a[i] = ct_v3_add(a[p], ct_v3_add(ct_v3_cross(dw[p], rp), ct_v3_cross(w[p], ct_v3_cross(w[p], rp))));
        switch (d < 0 ? CT_JOINT_FIXED : r->link_joint_type[i]) {
        case CT_JOINT_REVOLUTE:
        case CT_JOINT_CONTINUOUS:
            w[i] = ct_v3_madd(w[p], axis[i], vi);
            dw[i] = ct_v3_add(ct_v3_madd(dw[p], axis[i], ai), ct_v3_cross(w[p], ct_v3_scale(axis[i], vi)));
            break;
        case CT_JOINT_PRISMATIC:
            w[i] = w[p];
            dw[i] = dw[p];
            a[i] = ct_v3_add(a[i], ct_v3_add(ct_v3_scale(ct_v3_cross(w[p], axis[i]), 2 * vi), ct_v3_scale(axis[i], ai)));
            break;
        default:
            w[i] = w[p];
            dw[i] = dw[p];
            break;
        }
    }

    /* body forces and moments about each link origin */
    for (int i = 0; i < n; i++) {
        f[i] = ct_v3(0, 0, 0);
        m[i] = ct_v3(0, 0, 0);
        double mass = r->link_mass[i];
        ct_vec3 com = r->link_com[i];
        ct_mat3 Ilink = r->link_inertia[i];
        /* payload rides on the tip: combine as a second body with its own COM */
        for (int body = 0; body < 2; body++) {
            if (body == 1) {
                if (!payload || i != r->tip_link || !(payload->mass > 0)) break;
                mass = payload->mass;
                com = ct_xf_apply(r->tool, payload->com);
                Ilink = ct_m3_mul(ct_m3_mul(r->tool.R, payload->inertia), ct_m3_transpose(r->tool.R));
            }
            if (!(mass > 0)) continue;
            ct_vec3 rc = ct_m3_mulv(pose[i].R, com);
            ct_mat3 I = ct_m3_mul(ct_m3_mul(pose[i].R, Ilink), ct_m3_transpose(pose[i].R));
            ct_vec3 ac = ct_v3_add(a[i], ct_v3_add(ct_v3_cross(dw[i], rc), ct_v3_cross(w[i], ct_v3_cross(w[i], rc))));
            ct_vec3 F = ct_v3_scale(ac, mass);
            ct_vec3 N = ct_v3_add(ct_m3_mulv(I, dw[i]), ct_v3_cross(w[i], ct_m3_mulv(I, w[i])));
            f[i] = ct_v3_add(f[i], F);
            m[i] = ct_v3_add(m[i], ct_v3_add(N, ct_v3_cross(rc, F)));
        }
    }

    /* backward pass: children were sorted after parents */
    memset(tau, 0, sizeof(double) * (size_t)r->ndof);
    for (int i = n - 1; i >= 1; i--) {
        int p = r->link_parent[i], d = r->link_dof[i];
        if (d >= 0) {
            double t = r->link_joint_type[i] == CT_JOINT_PRISMATIC ? ct_v3_dot(axis[i], f[i]) : ct_v3_dot(axis[i], m[i]);
            tau[d] += r->link_mimic_mul[i] * t;
        }
        ct_vec3 rp = ct_v3_sub(pose[i].p, pose[p].p);
        f[p] = ct_v3_add(f[p], f[i]);
        m[p] = ct_v3_add(m[p], ct_v3_add(m[i], ct_v3_cross(rp, f[i])));
    }
}
