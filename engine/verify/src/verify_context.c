/* The verifier's context from a cell and its trajectories: robot states (base frame, home,
 * trajectory, link speed bounds), collision bodies and body pairs. Shared by ct_verify_run and
 * the clearance sampler (verify_sample.c), so both see the same bodies and pairs. */
#include <string.h>

#include "verify_internal.h"

ct_status vf_context_init(vf_context *c, const ct_verify_input *in, const ct_verify_options *opt, ct_error *err) {
    memset(c, 0, sizeof *c);
    c->cell = in->cell;
    c->opt = opt ? *opt : ct_verify_default_options();
    c->nrobot = in->cell->nrobot;
    c->robot = ct_alloc(sizeof(vf_robot_state) * (size_t)(c->nrobot + 1));
    ct_status st = c->robot ? CT_OK : ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    for (int i = 0; st == CT_OK && i < c->nrobot; i++) {
        const ct_cell_robot *cr = &in->cell->robot[i];
        vf_robot_state *rs = &c->robot[i];
        rs->robot = cr->robot;
        if (!rs->robot) {
            st = ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "robot '%s' is not loaded", cr->name);
            break;
        }
        rs->traj = in->traj ? in->traj[i] : NULL;
        rs->world_from_root = ct_xf_mul(cr->base, ct_xf_inv(rs->robot->base_in_root));
        for (int d = 0; d < rs->robot->ndof; d++) rs->home[d] = d < cr->nhome ? cr->home[d] : 0;
        if (rs->traj) ct_traj_eval(rs->traj, 0, rs->home, NULL);
        if (rs->traj && ct_traj_duration(rs->traj) > c->duration) c->duration = ct_traj_duration(rs->traj);
        st = ct_link_bounds_create(rs->robot, &rs->bounds, err);
    }
    if (st == CT_OK) st = vf_build_bodies(c, err);
    if (st == CT_OK) st = vf_build_pairs(c, err);
    if (st != CT_OK) vf_context_free(c);
    return st;
}

void vf_context_free(vf_context *c) {
    ct_free(c->pair);
    vf_free_bodies(c);
    for (int i = 0; i < c->nrobot && c->robot; i++) ct_link_bounds_destroy(&c->robot[i].bounds);
    ct_free(c->robot);
    memset(c, 0, sizeof *c);
}
