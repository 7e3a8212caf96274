/* IK chain: the moving joints on the base->tip path of a compiled robot, flattened into fixed
 * transforms + joint axes, with a fast flange FK from per-joint cos/sin and the flange Jacobian.
 * Used by both IK solvers (verification, polishing, damped least squares). */
#include <float.h>
#include <math.h>

#include "ik_internal.h"

static int axis_code(ct_vec3 a) {
    const double v[3] = {a.x, a.y, a.z};
    for (int k = 0; k < 3; k++) {
        int o1 = (k + 1) % 3, o2 = (k + 2) % 3;
        if (v[o1] == 0 && v[o2] == 0 && fabs(v[k]) == 1.0) return v[k] > 0 ? k : k + 3;
    }
    return -1;
}

static int is_identity(ct_mat3 R) {
    const ct_mat3 I = ct_m3_identity();
    for (int k = 0; k < 9; k++)
        if (R.m[k] != I.m[k]) return 0;
    return 1;
}

ct_status ct_ik_chain_build(const ct_robot *r, struct ct_ik_model *m, ct_error *err) {
    int path[CT_ROBOT_MAX_LINKS], n = 0, nmove = 0;
    for (int l = r->tip_link; l >= 0 && l != r->root_link; l = r->link_parent[l]) {
        if (n == CT_ROBOT_MAX_LINKS)
            return ct_error_set(err, CT_ERR_LIMIT, r->source_path, 0, 0, "IK: base->tip path too long");
        path[n++] = l;
        if (r->link_joint_type[l] != CT_JOINT_FIXED) nmove++;
    }
    if (nmove > CT_IK_MAX_JOINTS)
        return ct_error_set(err, CT_ERR_LIMIT, r->source_path, 0, 0,
                            "IK: %d moving joints between base and tip (at most %d)", nmove, CT_IK_MAX_JOINTS);
    m->ndof = r->ndof;
    m->nchain = r->nchain;
    for (int i = 0; i < r->nchain; i++) m->chain_dof[i] = r->chain_dof[i];
    m->joint = nmove ? (ct_ik_joint *)ct_alloc(sizeof(ct_ik_joint) * (size_t)nmove) : NULL;
    if (nmove && !m->joint) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "IK: out of memory");
    m->njoint = 0;

    /* walk root -> tip, folding fixed joints into the next moving joint's `pre` */
    ct_xform T = ct_xf_inv(r->base_in_root);
    double reach = 0;
    for (int i = n - 1; i >= 0; i--) {
        int l = path[i];
        T = ct_xf_mul(T, r->link_origin[l]);
        if (r->link_joint_type[l] == CT_JOINT_FIXED) continue;
        ct_ik_joint *j = &m->joint[m->njoint];
        j->pre = T;
        j->pre_pure = is_identity(T.R);
        j->axis = ct_v3_normalize(r->link_axis[l]);
        j->code = axis_code(j->axis);
        j->prismatic = r->link_joint_type[l] == CT_JOINT_PRISMATIC;
        j->dof = r->link_dof[l];
        j->mul = r->link_mimic_mul[l];
        j->off = r->link_mimic_off[l];
        j->col = -1;
        for (int c = 0; c < r->nchain; c++)
            if (r->chain_dof[c] == j->dof) j->col = c;
        if (m->njoint > 0) reach += ct_v3_norm(T.p);
        if (j->prismatic && j->dof >= 0) {
            double lim = fmax(fabs(r->dof_lower[j->dof]), fabs(r->dof_upper[j->dof]));
            reach += fabs(j->mul) * lim + fabs(j->off);
        }
        m->njoint++;
        T = ct_xf_identity();
    }
    m->post = T;
    reach += ct_v3_norm(T.p);
    m->reach = isfinite(reach) ? reach : INFINITY;
    m->o1 = m->njoint ? m->joint[0].pre.p : T.p;
    return CT_OK;
}

/* R := R * Rot(axis, angle) given cos/sin. */
static inline void rot_right(ct_mat3 *R, const ct_ik_joint *j, double c, double s) {
    double *m = R->m;
    int code = j->code;
    if (code >= 3) { code -= 3; s = -s; }
    if (code == 2) {
        for (int r = 0; r < 3; r++) {
            double a = m[3 * r], b = m[3 * r + 1];
            m[3 * r] = c * a + s * b;
            m[3 * r + 1] = -s * a + c * b;
        }
    } else if (code == 0) {
        for (int r = 0; r < 3; r++) {
            double a = m[3 * r + 1], b = m[3 * r + 2];
            m[3 * r + 1] = c * a + s * b;
            m[3 * r + 2] = -s * a + c * b;
        }
    } else if (code == 1) {
        for (int r = 0; r < 3; r++) {
            double a = m[3 * r], b = m[3 * r + 2];
            m[3 * r] = c * a - s * b;
            m[3 * r + 2] = s * a + c * b;
        }
    } else {
        ct_vec3 u = j->axis;
        double t = 1.0 - c;
        ct_mat3 Q = {{t * u.x * u.x + c, t * u.x * u.y - s * u.z, t * u.x * u.z + s * u.y,
                      t * u.x * u.y + s * u.z, t * u.y * u.y + c, t * u.y * u.z - s * u.x,
                      t * u.x * u.z - s * u.y, t * u.y * u.z + s * u.x, t * u.z * u.z + c}};
        *R = ct_m3_mul(*R, Q);
    }
}

ct_xform ct_ik_chain_run(const struct ct_ik_model *m, ct_xform T, int i0, int i1, const double *jc,
                         const double *js, const double *jd, ct_vec3 *axis_w, ct_vec3 *org_w) {
    for (int i = i0; i < i1; i++) {
        const ct_ik_joint *j = &m->joint[i];
        if (i == 0) T = j->pre;
        else if (j->pre_pure) T.p = ct_v3_add(T.p, ct_m3_mulv(T.R, j->pre.p));
        else T = ct_xf_mul(T, j->pre);
        if (axis_w) {
            axis_w[i] = ct_m3_mulv(T.R, j->axis);
            org_w[i] = T.p;
        }
        if (j->prismatic) T.p = ct_v3_add(T.p, ct_m3_mulv(T.R, ct_v3_scale(j->axis, jd[i])));
        else rot_right(&T.R, j, jc[i], js[i]);
    }
    return T;
}

ct_xform ct_ik_chain_fk_cs(const struct ct_ik_model *m, const double *jc, const double *js, const double *jd,
                           ct_vec3 *axis_w, ct_vec3 *org_w) {
    if (!m->njoint) return m->post;
    ct_xform T = ct_ik_chain_run(m, ct_xf_identity(), 0, m->njoint, jc, js, jd, axis_w, org_w);
    return ct_xf_mul(T, m->post);
}

/* Per-joint cos/sin/displacement from q. */
static void joint_values(const struct ct_ik_model *m, const double *q, double *jc, double *js, double *jd) {
    for (int i = 0; i < m->njoint; i++) {
        const ct_ik_joint *j = &m->joint[i];
        double v = j->mul * q[j->dof] + j->off;
        jd[i] = v;
        jc[i] = cos(v);
        js[i] = sin(v);
    }
}

ct_xform ct_ik_chain_fk(const struct ct_ik_model *m, const double *q) {
    double jc[CT_IK_MAX_JOINTS], js[CT_IK_MAX_JOINTS], jd[CT_IK_MAX_JOINTS];
    joint_values(m, q, jc, js, jd);
    return ct_ik_chain_fk_cs(m, jc, js, jd, NULL, NULL);
}

ct_xform ct_ik_chain_fk_jac(const struct ct_ik_model *m, const double *q, ct_xform tool, double *J) {
    double jc[CT_IK_MAX_JOINTS], js[CT_IK_MAX_JOINTS], jd[CT_IK_MAX_JOINTS];
    ct_vec3 ax[CT_IK_MAX_JOINTS], org[CT_IK_MAX_JOINTS];
    joint_values(m, q, jc, js, jd);
    ct_xform T = ct_xf_mul(ct_ik_chain_fk_cs(m, jc, js, jd, ax, org), tool);
    int nc = m->nchain;
    for (int k = 0; k < 6 * nc; k++) J[k] = 0;
    for (int i = 0; i < m->njoint; i++) {
        const ct_ik_joint *j = &m->joint[i];
        if (j->col < 0) continue;
        ct_vec3 w = ax[i], v;
        if (j->prismatic) {
            v = w;
            w = ct_v3(0, 0, 0);
        } else {
            v = ct_v3_cross(w, ct_v3_sub(T.p, org[i]));
        }
        int c = j->col;
        J[0 * nc + c] += j->mul * v.x;
        J[1 * nc + c] += j->mul * v.y;
        J[2 * nc + c] += j->mul * v.z;
        J[3 * nc + c] += j->mul * w.x;
        J[4 * nc + c] += j->mul * w.y;
        J[5 * nc + c] += j->mul * w.z;
    }
    return T;
}

void ct_ik_pose_err(ct_xform have, ct_xform want, double *pos_err, double *rot_err) {
    *pos_err = ct_v3_norm(ct_v3_sub(have.p, want.p));
    /* angle of have^T want: from the skew part and the trace; asin-free for small angles */
    const double *a = have.R.m, *b = want.R.m;
    double d[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) d[3 * i + j] = a[i] * b[j] + a[3 + i] * b[3 + j] + a[6 + i] * b[6 + j];
    double vx = d[7] - d[5], vy = d[2] - d[6], vz = d[3] - d[1];
    double s = 0.5 * sqrt(vx * vx + vy * vy + vz * vz), c = 0.5 * (d[0] + d[4] + d[8] - 1.0);
    *rot_err = (c > 0 && s < 1e-4) ? s * (1.0 + s * s / 6.0) : atan2(s, c);
}

void ct_ik_pose_twist(ct_xform have, ct_xform want, double e[6]) {
    ct_vec3 dp = ct_v3_sub(want.p, have.p);
    ct_mat3 D = ct_m3_mul(want.R, ct_m3_transpose(have.R));
    const double *d = D.m;
    ct_vec3 v = ct_v3(d[7] - d[5], d[2] - d[6], d[3] - d[1]);
    double s = 0.5 * ct_v3_norm(v), c = 0.5 * (d[0] + d[4] + d[8] - 1.0);
    double ang = atan2(s, c);
    ct_vec3 w;
    if (s > 1e-7) {
        w = ct_v3_scale(v, ang / (2 * s));
    } else if (c > 0) {
        w = ct_v3_scale(v, 0.5);
    } else { /* angle near pi: axis from the symmetric part */
        int k = 0;
        if (d[4] > d[0]) k = 1;
        if (d[8] > d[3 * k + k]) k = 2;
        double ax[3];
        double omc = 1.0 - c;
        ax[k] = sqrt(fmax((d[3 * k + k] - c) / omc, 0));
        for (int i = 0; i < 3; i++)
            if (i != k) ax[i] = (d[3 * i + k] + d[3 * k + i]) / (2 * ax[k] * omc);
        w = ct_v3_normalize(ct_v3(ax[0], ax[1], ax[2]));
        if (ct_v3_dot(w, v) < 0) w = ct_v3_neg(w);
        w = ct_v3_scale(w, ang);
    }
    e[0] = dp.x; e[1] = dp.y; e[2] = dp.z;
    e[3] = w.x; e[4] = w.y; e[5] = w.z;
}
