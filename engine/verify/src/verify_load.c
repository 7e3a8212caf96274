/* What a cell robot's flange carries, as one rigid load for inverse dynamics: the cell payload
 * plus the carried tool (verify_program.h). Shared by the verifier's torque check and the report's
 * torque series. */
#include <string.h>

#include "celltwin/verify_program.h"

/* Adds mass m at offset d from the common centre of mass to an inertia (parallel axis theorem). */
static ct_mat3 shifted_inertia(ct_mat3 I, double m, ct_vec3 d) {
    double dd = ct_v3_dot(d, d), v[3] = {d.x, d.y, d.z};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) I.m[3 * i + j] += m * ((i == j ? dd : 0) - v[i] * v[j]);
    return I;
}

ct_payload ct_cell_carried_load(const ct_cell_robot *cr) {
    const ct_robot *r = cr->robot;
    const ct_cell_payload *pl = &cr->payload;
    const ct_cell_tool *tool = ct_cell_carried_tool(cr);
    double mt = tool && tool->mass > 0 ? tool->mass : 0, mp = pl->mass > 0 ? pl->mass : 0;
    ct_payload load;
    memset(&load, 0, sizeof load);
    load.mass = mp + mt;
    if (!(load.mass > 0)) return load;
    ct_vec3 ct = mt > 0 ? tool->com : ct_v3(0, 0, 0);
    ct_vec3 com = ct_v3_scale(ct_v3_add(ct_v3_scale(pl->com, mp), ct_v3_scale(ct, mt)), 1 / load.mass); /* tip frame */
    ct_mat3 I = {{pl->inertia[0], pl->inertia[3], pl->inertia[4], pl->inertia[3], pl->inertia[1], pl->inertia[5],
                  pl->inertia[4], pl->inertia[5], pl->inertia[2]}};
    if (!(mp > 0)) memset(&I, 0, sizeof I);
    I = shifted_inertia(I, mp, ct_v3_sub(pl->com, com));
    I = shifted_inertia(I, mt, ct_v3_sub(ct, com));
    load.com = ct_m3_tmulv(r->tool.R, ct_v3_sub(com, r->tool.p)); /* tip frame -> TCP frame */
    load.inertia = ct_m3_mul(ct_m3_mul(ct_m3_transpose(r->tool.R), I), r->tool.R);
    return load;
}

