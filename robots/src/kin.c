/* Forward kinematics of every link, geometric Jacobians and manipulability. FK specialises joints
 * about the +-x/y/z axes and origins without rotation, which covers nearly every industrial URDF. */
#include <math.h>
#include <string.h>

#include "celltwin/kin.h"

/* Pose of link i from its parent's pose and the joint value, written to *t. Specialised for joint
 * axes along +-x/y/z and for origins without rotation. */
static inline __attribute__((always_inline)) void link_from_parent(const ct_robot *r, int i, const ct_xform *parent,
                                                                   double qi, ct_xform *t) {
    const ct_xform *o = &r->link_origin[i];
    const double *P = parent->R.m;
    t->p.x = P[0] * o->p.x + P[1] * o->p.y + P[2] * o->p.z + parent->p.x;
    t->p.y = P[3] * o->p.x + P[4] * o->p.y + P[5] * o->p.z + parent->p.y;
    t->p.z = P[6] * o->p.x + P[7] * o->p.y + P[8] * o->p.z + parent->p.z;
    ct_mat3 A;
    if (r->link_origin_pure[i]) A = parent->R;
    else A = ct_m3_mul(parent->R, o->R);
    ct_joint_type type = r->link_joint_type[i];
    if (type == CT_JOINT_PRISMATIC) {
        ct_vec3 d = ct_m3_mulv(A, r->link_axis[i]);
        t->p = ct_v3_madd(t->p, d, qi);
        t->R = A;
        return;
    }
    if (type != CT_JOINT_REVOLUTE && type != CT_JOINT_CONTINUOUS) {
        t->R = A;
        return;
    }
    int code = r->link_axis_code[i];
    if (code < 0) {
        t->R = ct_m3_mul(A, ct_m3_axis_angle(r->link_axis[i], qi));
        return;
    }
    double s, c;
    ct_sincos(qi, &s, &c);
    if (code >= 3) { s = -s; code -= 3; }
    /* columns (u, v) of A turn into (c u + s v, -s u + c v); the axis column stays */
    int u = code == 0 ? 1 : code == 1 ? 2 : 0;
    int v = code == 0 ? 2 : code == 1 ? 0 : 1;
    double *R = t->R.m;
    const double *a = A.m;
    for (int row = 0; row < 3; row++) {
        double au = a[3 * row + u], av = a[3 * row + v];
        R[3 * row + u] = c * au + s * av;
        R[3 * row + v] = -s * au + c * av;
        R[3 * row + code] = a[3 * row + code];
    }
}

static inline double link_value(const ct_robot *r, int i, const double *q) {
    int d = r->link_dof[i];
    if (d < 0) return 0.0;
    return r->link_mimic_mul[i] * q[d] + r->link_mimic_off[i];
}

void ct_kin_fk(const ct_robot *r, const double *q, ct_xform *pose) {
    pose[0] = ct_xf_identity();
    for (int i = 1; i < r->nlink; i++) link_from_parent(r, i, &pose[r->link_parent[i]], link_value(r, i, q), &pose[i]);
}

ct_xform ct_kin_link_pose(const ct_robot *r, const double *q, int link) {
    int path[CT_ROBOT_MAX_LINKS], n = 0;
    for (int k = link; k > 0; k = r->link_parent[k]) path[n++] = k;
    ct_xform t = ct_xf_identity();
    for (int i = n - 1; i >= 0; i--) {
        ct_xform next;
        link_from_parent(r, path[i], &t, link_value(r, path[i], q), &next);
        t = next;
    }
    return t;
}

ct_xform ct_kin_tcp(const ct_robot *r, const double *q) {
    ct_xform tip = ct_kin_link_pose(r, q, r->tip_link);
    return ct_xf_mul(ct_xf_inv(r->base_in_root), ct_xf_mul(tip, r->tool));
}

void ct_kin_jacobian(const ct_robot *r, const double *q, int link, ct_vec3 point, double *J) {
    int path[CT_ROBOT_MAX_LINKS], n = 0;
    for (int k = link; k > 0; k = r->link_parent[k]) path[n++] = k;
    ct_xform pose[CT_ROBOT_MAX_LINKS];
    ct_xform t = ct_xf_identity();
    for (int i = n - 1; i >= 0; i--) {
        link_from_parent(r, path[i], &t, link_value(r, path[i], q), &pose[i]);
        t = pose[i];
    }
    ct_vec3 P = ct_xf_apply(t, point);
    memset(J, 0, sizeof(double) * 6 * (size_t)r->ndof);
    for (int i = 0; i < n; i++) {
        int k = path[i], d = r->link_dof[k];
        if (d < 0) continue;
        double mul = r->link_mimic_mul[k];
        ct_vec3 w = ct_m3_mulv(pose[i].R, r->link_axis[k]);
        ct_vec3 v, om = ct_v3(0, 0, 0);
        if (r->link_joint_type[k] == CT_JOINT_PRISMATIC) {
            v = w;
        } else {
            v = ct_v3_cross(w, ct_v3_sub(P, pose[i].p));
            om = w;
        }
        J[0 * r->ndof + d] += mul * v.x;
        J[1 * r->ndof + d] += mul * v.y;
        J[2 * r->ndof + d] += mul * v.z;
        J[3 * r->ndof + d] += mul * om.x;
        J[4 * r->ndof + d] += mul * om.y;
        J[5 * r->ndof + d] += mul * om.z;
    }
}

void ct_kin_jacobian_tcp(const ct_robot *r, const double *q, double *J) {
    double Jfull[6 * CT_ROBOT_MAX_DOF];
    ct_kin_jacobian(r, q, r->tip_link, r->tool.p, Jfull);
    const ct_mat3 Rt = ct_m3_transpose(r->base_in_root.R);
    int nc = r->nchain;
    for (int c = 0; c < nc; c++) {
        int d = r->chain_dof[c];
        ct_vec3 v = ct_v3(Jfull[0 * r->ndof + d], Jfull[1 * r->ndof + d], Jfull[2 * r->ndof + d]);
        ct_vec3 w = ct_v3(Jfull[3 * r->ndof + d], Jfull[4 * r->ndof + d], Jfull[5 * r->ndof + d]);
        v = ct_m3_mulv(Rt, v);
        w = ct_m3_mulv(Rt, w);
        J[0 * nc + c] = v.x; J[1 * nc + c] = v.y; J[2 * nc + c] = v.z;
        J[3 * nc + c] = w.x; J[4 * nc + c] = w.y; J[5 * nc + c] = w.z;
    }
}

/* Eigenvalues of a symmetric n x n matrix (row-major, destroyed) by cyclic Jacobi rotations. */
static void sym_eigenvalues(double *A, int n, double *eig) {
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) off += A[i * n + j] * A[i * n + j];
        if (off < 1e-30) break;
        for (int p = 0; p < n; p++)
            for (int qq = p + 1; qq < n; qq++) {
                double apq = A[p * n + qq];
                if (fabs(apq) < 1e-300) continue;
                double theta = (A[qq * n + qq] - A[p * n + p]) / (2 * apq);
                double t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1));
                double c = 1 / sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < n; k++) { /* columns p, q */
                    double akp = A[k * n + p], akq = A[k * n + qq];
                    A[k * n + p] = c * akp - s * akq;
                    A[k * n + qq] = s * akp + c * akq;
                }
                for (int k = 0; k < n; k++) { /* rows p, q */
                    double apk = A[p * n + k], aqk = A[qq * n + k];
                    A[p * n + k] = c * apk - s * aqk;
                    A[qq * n + k] = s * apk + c * aqk;
                }
            }
    }
    for (int i = 0; i < n; i++) eig[i] = A[i * n + i];
}

double ct_kin_manipulability(const ct_robot *r, const double *q, double *sigma_min) {
    int nc = r->nchain;
    double J[6 * CT_ROBOT_MAX_DOF];
    ct_kin_jacobian_tcp(r, q, J);
    /* Gram matrix of the smaller side: J J^T (6x6) when nc >= 6, else J^T J (nc x nc) */
    int m = nc >= 6 ? 6 : nc;
    double G[CT_ROBOT_MAX_DOF * CT_ROBOT_MAX_DOF], eig[CT_ROBOT_MAX_DOF];
    for (int i = 0; i < m; i++)
        for (int j = 0; j < m; j++) {
            double s = 0;
            if (nc >= 6)
                for (int k = 0; k < nc; k++) s += J[i * nc + k] * J[j * nc + k];
            else
                for (int k = 0; k < 6; k++) s += J[k * nc + i] * J[k * nc + j];
            G[i * m + j] = s;
        }
    sym_eigenvalues(G, m, eig);
    double prod = 1, mn = INFINITY;
    for (int i = 0; i < m; i++) {
        double e = eig[i] > 0 ? eig[i] : 0;
        prod *= e;
        if (e < mn) mn = e;
    }
    if (sigma_min) *sigma_min = m > 0 ? sqrt(mn) : 0;
    return sqrt(prod);
}
