/* `celltwin fk <robot.urdf> --joints j1,j2,...`: TCP pose in the base frame for joint values given
 * in degrees (mm for prismatic joints): position in mm, rotation matrix, quaternion, and fixed-axis
 * XYZ angles in degrees. Joint values outside the limits are a finding (exit 1). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "celltwin/kin.h"
#include "celltwin/robot.h"
#include "cli.h"

static const char *const usage =
    "celltwin fk <robot.urdf> --joints j1,j2,... (deg; mm for prismatic) [--tip FRAME] [--base FRAME] [--json]";

int ct_cmd_fk(int argc, char **argv) {
    const char *path = NULL, *tip = NULL, *base = NULL, *joints = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--tip") && i + 1 < argc) tip = argv[++i];
        else if (!strcmp(argv[i], "--base") && i + 1 < argc) base = argv[++i];
        else if (!strcmp(argv[i], "--joints") && i + 1 < argc) joints = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { printf("usage: %s\n", usage); return 0; }
        else if (argv[i][0] == '-' && !(argv[i][1] >= '0' && argv[i][1] <= '9'))
            return ct_cli_usage_error("fk", usage, "unknown option '%s'", argv[i]);
        else if (!path) path = argv[i];
        else return ct_cli_usage_error("fk", usage, "unexpected argument '%s'", argv[i]);
    }
    if (!path) return ct_cli_usage_error("fk", usage, "missing robot file");
    if (!joints) return ct_cli_usage_error("fk", usage, "missing --joints");
    double user[CT_ROBOT_MAX_DOF];
    int n = ct_cli_parse_list("--joints", joints, user, CT_ROBOT_MAX_DOF);
    if (n < 0) return CT_EXIT_BAD_INPUT;

    ct_robot *r = ct_cli_load_robot(path, tip, base, CT_MESHES_NONE);
    if (!r) return CT_EXIT_BAD_INPUT;
    if (n != r->ndof) {
        fprintf(stderr, "error: --joints has %d values; %s has %d joints:", n, r->name, r->ndof);
        for (int d = 0; d < r->ndof; d++) fprintf(stderr, " %s", r->dof_name[d]);
        fprintf(stderr, "\n");
        ct_robot_destroy(r);
        return CT_EXIT_BAD_INPUT;
    }
    double q[CT_ROBOT_MAX_DOF];
    int outside = 0;
    for (int d = 0; d < n; d++) {
        q[d] = ct_cli_joint_from_user(r, d, user[d]);
        if (q[d] < r->dof_lower[d] || q[d] > r->dof_upper[d]) {
            fprintf(stderr, "finding: joint %s = %g %s is outside its limits [%g, %g]\n", r->dof_name[d], user[d],
                    ct_cli_joint_unit(r, d), ct_cli_joint_to_user(r, d, r->dof_lower[d]),
                    ct_cli_joint_to_user(r, d, r->dof_upper[d]));
            outside = 1;
        }
    }
    ct_xform t = ct_kin_tcp(r, q);
    ct_quat qt = ct_quat_from_m3(t.R);
    double rx, ry, rz;
    ct_m3_to_rpy(t.R, &rx, &ry, &rz);
    if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "robot", r->name);
        cJSON_AddStringToObject(root, "base", r->link_name[r->base_link]);
        cJSON_AddStringToObject(root, "tip", r->link_name[r->tip_link]);
        double pos[3] = {t.p.x * 1000, t.p.y * 1000, t.p.z * 1000};
        cJSON_AddItemToObject(root, "position_mm", cJSON_CreateDoubleArray(pos, 3));
        cJSON *rot = cJSON_AddArrayToObject(root, "rotation");
        for (int i = 0; i < 3; i++) cJSON_AddItemToArray(rot, cJSON_CreateDoubleArray(&t.R.m[3 * i], 3));
        double quat[4] = {qt.w, qt.x, qt.y, qt.z};
        cJSON_AddItemToObject(root, "quaternion_wxyz", cJSON_CreateDoubleArray(quat, 4));
        double rpy[3] = {rx / CT_DEG, ry / CT_DEG, rz / CT_DEG};
        cJSON_AddItemToObject(root, "rxyz_deg", cJSON_CreateDoubleArray(rpy, 3));
        cJSON_AddBoolToObject(root, "within_limits", !outside);
        ct_cli_print_json(root);
    } else {
        printf("%s: %s in %s\n", r->name, r->link_name[r->tip_link], r->link_name[r->base_link]);
        printf("  position (mm)   %12.4f %12.4f %12.4f\n", t.p.x * 1000, t.p.y * 1000, t.p.z * 1000);
        printf("  rotation        %12.9f %12.9f %12.9f\n", t.R.m[0], t.R.m[1], t.R.m[2]);
        printf("                  %12.9f %12.9f %12.9f\n", t.R.m[3], t.R.m[4], t.R.m[5]);
        printf("                  %12.9f %12.9f %12.9f\n", t.R.m[6], t.R.m[7], t.R.m[8]);
        printf("  quaternion wxyz %12.9f %12.9f %12.9f %12.9f\n", qt.w, qt.x, qt.y, qt.z);
        printf("  rx ry rz (deg)  %12.6f %12.6f %12.6f   (fixed XYZ)\n", rx / CT_DEG, ry / CT_DEG, rz / CT_DEG);
    }
    ct_robot_destroy(r);
    return outside ? CT_EXIT_FINDING : CT_EXIT_OK;
}
