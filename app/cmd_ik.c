/* `celltwin ik <robot.urdf> --pose x,y,z,rx,ry,rz`: joint solutions for a TCP pose in the base frame
 * (mm and degrees, rx ry rz fixed-axis XYZ). Prints the solution nearest the seed, or every one with
 * --all, in degrees (mm for prismatic joints) with its configuration flags. Exit 0 with solutions,
 * 1 when the pose is unreachable (a finding), 2 on bad input. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "celltwin/ik.h"
#include "celltwin/robot.h"
#include "cli.h"

static const char *const usage =
    "celltwin ik <robot.urdf> --pose x,y,z,rx,ry,rz (mm, deg) [--tip FRAME] [--base FRAME]\n"
    "            [--seed j1,j2,... (deg; mm for prismatic)] [--all] [--numeric] [--json]";

/* Joint value in user units, without "-0.0000" for values that round to zero. */
static double user_joint(const ct_robot *r, int d, double v) {
    double u = ct_cli_joint_to_user(r, d, v);
    return fabs(u) < 5e-9 ? 0.0 : u;
}

static void config_names(unsigned f, int analytic, const char *out[3]) {
    if (!analytic) {
        out[0] = out[1] = out[2] = NULL;
        return;
    }
    out[0] = (f & CT_IK_BACK) ? "BACK" : "FRONT";
    out[1] = (f & CT_IK_ELBOW_DOWN) ? "ELBOW_DOWN" : "ELBOW_UP";
    out[2] = (f & CT_IK_WRIST_FLIP) ? "FLIP" : "NO_FLIP";
}

int ct_cmd_ik(int argc, char **argv) {
    const char *path = NULL, *tip = NULL, *base = NULL, *pose = NULL, *seedtxt = NULL;
    int json = 0, all = 0, numeric = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--all")) all = 1;
        else if (!strcmp(argv[i], "--numeric")) numeric = 1;
        else if (!strcmp(argv[i], "--tip") && i + 1 < argc) tip = argv[++i];
        else if (!strcmp(argv[i], "--base") && i + 1 < argc) base = argv[++i];
        else if (!strcmp(argv[i], "--pose") && i + 1 < argc) pose = argv[++i];
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seedtxt = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { printf("usage: %s\n", usage); return 0; }
        else if (argv[i][0] == '-' && !(argv[i][1] >= '0' && argv[i][1] <= '9'))
            return ct_cli_usage_error("ik", usage, "unknown option '%s'", argv[i]);
        else if (!path) path = argv[i];
        else return ct_cli_usage_error("ik", usage, "unexpected argument '%s'", argv[i]);
    }
    if (!path) return ct_cli_usage_error("ik", usage, "missing robot file");
    if (!pose) return ct_cli_usage_error("ik", usage, "missing --pose");
    double pv[6];
    int np = ct_cli_parse_list("--pose", pose, pv, 6);
    if (np < 0) return CT_EXIT_BAD_INPUT;
    if (np != 6) return ct_cli_usage_error("ik", usage, "--pose needs 6 values x,y,z,rx,ry,rz, got %d", np);
    double user_seed[CT_ROBOT_MAX_DOF];
    int ns = 0;
    if (seedtxt && (ns = ct_cli_parse_list("--seed", seedtxt, user_seed, CT_ROBOT_MAX_DOF)) < 0)
        return CT_EXIT_BAD_INPUT;

    ct_robot *r = ct_cli_load_robot(path, tip, base, CT_MESHES_NONE);
    if (!r) return CT_EXIT_BAD_INPUT;
    double seed[CT_ROBOT_MAX_DOF] = {0};
    if (seedtxt) {
        if (ns != r->ndof) {
            fprintf(stderr, "error: --seed has %d values; %s has %d joints\n", ns, r->name, r->ndof);
            ct_robot_destroy(r);
            return CT_EXIT_BAD_INPUT;
        }
        for (int d = 0; d < ns; d++) seed[d] = ct_cli_joint_from_user(r, d, user_seed[d]);
    }
    ct_xform target = ct_xf(ct_m3_from_rpy(pv[3] * CT_DEG, pv[4] * CT_DEG, pv[5] * CT_DEG),
                            ct_v3(pv[0] * 1e-3, pv[1] * 1e-3, pv[2] * 1e-3));
    ct_ik_options opt = ct_ik_default_options();
    opt.seed = seed;
    opt.force_numeric = numeric;
    ct_ik_solution sols[CT_IK_MAX_SOLUTIONS];
    int nsol = 0;
    ct_error err;
    ct_error_clear(&err);
    ct_status st = ct_ik_solve(r, target, &opt, sols, CT_IK_MAX_SOLUTIONS, &nsol, &err);
    if (st != CT_OK && st != CT_ERR_UNREACHABLE) {
        ct_robot_destroy(r);
        return ct_cli_report(&err);
    }
    int analytic = ct_ik_is_analytic(r) && !numeric;
    int nshow = all ? nsol : (nsol > 0 ? 1 : 0);
    if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "robot", r->name);
        cJSON_AddStringToObject(root, "base", r->link_name[r->base_link]);
        cJSON_AddStringToObject(root, "tip", r->link_name[r->tip_link]);
        cJSON_AddStringToObject(root, "solver", analytic ? "analytic" : "numeric");
        cJSON_AddBoolToObject(root, "reachable", st == CT_OK);
        if (st != CT_OK) cJSON_AddStringToObject(root, "message", err.message);
        cJSON_AddNumberToObject(root, "count", nsol);
        cJSON *arr = cJSON_AddArrayToObject(root, "solutions");
        for (int k = 0; k < nshow; k++) {
            cJSON *s = cJSON_CreateObject();
            double j[CT_ROBOT_MAX_DOF];
            for (int d = 0; d < r->ndof; d++) j[d] = user_joint(r, d, sols[k].q[d]);
            cJSON_AddItemToObject(s, "joints", cJSON_CreateDoubleArray(j, r->ndof));
            const char *names[3];
            config_names(sols[k].config, analytic, names);
            if (analytic) cJSON_AddItemToObject(s, "config", cJSON_CreateStringArray(names, 3));
            cJSON_AddNumberToObject(s, "config_bits", sols[k].config);
            cJSON_AddNumberToObject(s, "pos_err_mm", sols[k].pos_err * 1e3);
            cJSON_AddNumberToObject(s, "rot_err_deg", sols[k].rot_err / CT_DEG);
            cJSON_AddItemToArray(arr, s);
        }
        ct_cli_print_json(root);
    } else if (st != CT_OK) {
        printf("%s: unreachable: %s\n", r->name, err.message);
    } else {
        printf("%s: %d solution%s for %s in %s (%s)%s\n", r->name, nsol, nsol == 1 ? "" : "s",
               r->link_name[r->tip_link], r->link_name[r->base_link], analytic ? "analytic" : "numeric",
               all || nsol == 1 ? "" : ", nearest the seed shown (--all for every one)");
        printf("  %-28s", "joints (deg; mm prismatic)");
        for (int d = 0; d < r->ndof; d++) printf(" %10s", r->dof_name[d]);
        printf("\n");
        for (int k = 0; k < nshow; k++) {
            const char *names[3];
            config_names(sols[k].config, analytic, names);
            char flags[64];
            if (analytic) snprintf(flags, sizeof flags, "%s %s %s", names[0], names[1], names[2]);
            else snprintf(flags, sizeof flags, "-");
            printf("  %-28s", flags);
            for (int d = 0; d < r->ndof; d++) printf(" %10.4f", user_joint(r, d, sols[k].q[d]) + 0.0);
            printf("   (err %.1e mm, %.1e deg)\n", sols[k].pos_err * 1e3, sols[k].rot_err / CT_DEG);
        }
    }
    ct_robot_destroy(r);
    return st == CT_OK ? CT_EXIT_OK : CT_EXIT_FINDING;
}
