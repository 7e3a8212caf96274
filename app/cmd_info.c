/* `celltwin info <robot.urdf>`: links, joints with limits (deg, deg/s), chain, reach, mass and mesh
 * triangle counts, as text or JSON. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "celltwin/ik.h"
#include "celltwin/robot.h"
#include "cli.h"

static const char *const usage = "celltwin info <robot.urdf> [--tip FRAME] [--base FRAME] [--json]";

static const char *joint_type_name(ct_joint_type t) {
    switch (t) {
    case CT_JOINT_REVOLUTE: return "revolute";
    case CT_JOINT_CONTINUOUS: return "continuous";
    case CT_JOINT_PRISMATIC: return "prismatic";
    case CT_JOINT_FIXED: return "fixed";
    default: return "other";
    }
}

/* Triangles of the collision and visual meshes of one link. */
static void link_triangles(const ct_robot *r, int link, long *coll, long *vis) {
    *coll = *vis = 0;
    for (int s = 0; s < r->nshape; s++)
        if (r->shape[s].link == link && r->shape[s].mesh) {
            if (r->shape[s].visual) *vis += r->shape[s].mesh->ntri;
            else *coll += r->shape[s].mesh->ntri;
        }
}

static cJSON *json_limit(double v) { return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull(); }

static int print_json(const ct_robot *r) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "name", r->name);
    cJSON_AddStringToObject(root, "file", r->source_path);
    cJSON_AddStringToObject(root, "base", r->link_name[r->base_link]);
    cJSON_AddStringToObject(root, "tip", r->link_name[r->tip_link]);
    cJSON_AddNumberToObject(root, "dofs", r->ndof);
    cJSON_AddNumberToObject(root, "chain_dofs", r->nchain);
    cJSON_AddNumberToObject(root, "mass_kg", ct_robot_mass(r));
    cJSON_AddNumberToObject(root, "reach_mm", ct_robot_reach(r) * 1000);
    cJSON_AddBoolToObject(root, "has_inertials", r->has_inertials);
    cJSON_AddStringToObject(root, "ik", ct_ik_is_analytic(r) ? "analytic" : "numeric");
    cJSON *joints = cJSON_AddArrayToObject(root, "joints");
    for (int d = 0; d < r->ndof; d++) {
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "name", r->dof_name[d]);
        cJSON_AddStringToObject(j, "type", joint_type_name(r->dof_type[d]));
        cJSON_AddStringToObject(j, "unit", ct_cli_joint_unit(r, d));
        cJSON_AddItemToObject(j, "lower", json_limit(ct_cli_joint_to_user(r, d, r->dof_lower[d])));
        cJSON_AddItemToObject(j, "upper", json_limit(ct_cli_joint_to_user(r, d, r->dof_upper[d])));
        cJSON_AddNumberToObject(j, "velocity_per_s", ct_cli_joint_to_user(r, d, r->dof_vel[d]));
        cJSON_AddNumberToObject(j, "acceleration_per_s2", ct_cli_joint_to_user(r, d, r->dof_acc[d]));
        cJSON_AddNumberToObject(j, "effort", r->dof_effort[d]);
        cJSON_AddItemToArray(joints, j);
    }
    cJSON *links = cJSON_AddArrayToObject(root, "links");
    long tc = 0, tv = 0;
    for (int l = 0; l < r->nlink; l++) {
        cJSON *j = cJSON_CreateObject();
        long c, v;
        link_triangles(r, l, &c, &v);
        tc += c;
        tv += v;
        cJSON_AddStringToObject(j, "name", r->link_name[l]);
        if (r->link_parent[l] >= 0) {
            cJSON_AddStringToObject(j, "parent", r->link_name[r->link_parent[l]]);
            cJSON_AddStringToObject(j, "joint", r->link_joint_name[l]);
        }
        cJSON_AddNumberToObject(j, "mass_kg", r->link_mass[l]);
        cJSON_AddNumberToObject(j, "collision_triangles", (double)c);
        cJSON_AddNumberToObject(j, "visual_triangles", (double)v);
        cJSON_AddItemToArray(links, j);
    }
    cJSON_AddNumberToObject(root, "collision_triangles", (double)tc);
    cJSON_AddNumberToObject(root, "visual_triangles", (double)tv);
    ct_cli_print_json(root);
    return CT_EXIT_OK;
}

static int print_text(const ct_robot *r) {
    printf("robot %s (%s)\n", r->name, r->source_path);
    printf("  %d links, %d dofs; chain %s -> %s with %d dofs; IK %s\n", r->nlink, r->ndof,
           r->link_name[r->base_link], r->link_name[r->tip_link], r->nchain,
           ct_ik_is_analytic(r) ? "analytic (6R, spherical wrist)" : "numeric (damped least squares)");
    printf("  mass %.1f kg%s, reach %.0f mm\n", ct_robot_mass(r), r->has_inertials ? "" : " (inertials incomplete)",
           ct_robot_reach(r) * 1000);
    printf("\n  %-3s %-22s %-10s %10s %10s %12s %12s %9s\n", "#", "joint", "type", "lower", "upper", "speed/s",
           "accel/s^2", "effort");
    for (int d = 0; d < r->ndof; d++) {
        char lo[32], hi[32];
        if (isfinite(r->dof_lower[d])) snprintf(lo, sizeof lo, "%.2f", ct_cli_joint_to_user(r, d, r->dof_lower[d]));
        else snprintf(lo, sizeof lo, "-inf");
        if (isfinite(r->dof_upper[d])) snprintf(hi, sizeof hi, "%.2f", ct_cli_joint_to_user(r, d, r->dof_upper[d]));
        else snprintf(hi, sizeof hi, "inf");
        printf("  %-3d %-22s %-10s %10s %10s %12.2f %12.2f %9.1f  (%s)\n", d + 1, r->dof_name[d],
               joint_type_name(r->dof_type[d]), lo, hi, ct_cli_joint_to_user(r, d, r->dof_vel[d]),
               ct_cli_joint_to_user(r, d, r->dof_acc[d]), r->dof_effort[d], ct_cli_joint_unit(r, d));
    }
    printf("\n  %-3s %-26s %-22s %10s %10s %10s\n", "#", "link", "parent", "mass kg", "coll tris", "vis tris");
    long tc = 0, tv = 0;
    for (int l = 0; l < r->nlink; l++) {
        long c, v;
        link_triangles(r, l, &c, &v);
        tc += c;
        tv += v;
        printf("  %-3d %-26s %-22s %10.3f %10ld %10ld\n", l, r->link_name[l],
               r->link_parent[l] >= 0 ? r->link_name[r->link_parent[l]] : "-", r->link_mass[l], c, v);
    }
    printf("  meshes: %d files, %ld collision triangles, %ld visual triangles\n", r->nmesh, tc, tv);
    return CT_EXIT_OK;
}

int ct_cmd_info(int argc, char **argv) {
    const char *path = NULL, *tip = NULL, *base = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--tip") && i + 1 < argc) tip = argv[++i];
        else if (!strcmp(argv[i], "--base") && i + 1 < argc) base = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { printf("usage: %s\n", usage); return 0; }
        else if (argv[i][0] == '-') return ct_cli_usage_error("info", usage, "unknown option '%s'", argv[i]);
        else if (!path) path = argv[i];
        else return ct_cli_usage_error("info", usage, "unexpected argument '%s'", argv[i]);
    }
    if (!path) return ct_cli_usage_error("info", usage, "missing robot file");
    ct_robot *r = ct_cli_load_robot(path, tip, base, CT_MESHES_ALL);
    if (!r) return CT_EXIT_BAD_INPUT;
    int rc = json ? print_json(r) : print_text(r);
    ct_robot_destroy(r);
    return rc;
}
