/* celltwin diff: plays two programs on the same robot (possibly different vendors, e.g. a Hi5 job
 * and its DRL translation) and reports, motion step by motion step, the largest TCP path deviation
 * (mm) and the timing difference. Exit 1 when a deviation exceeds --tol-mm, a duration or start
 * differs by more than --tol-s, or the motion counts differ; 2 on bad input. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "celltwin/robot.h"
#include "cli.h"
#include "cli_play.h"

static const char *usage = "celltwin diff <robot.urdf> <a> <b> [--tol-mm MM] [--tol-s S] [options] [--json]";

int ct_cmd_diff(int argc, char **argv) {
    const char *robot_path = NULL, *fa = NULL, *fb = NULL;
    double tol_mm = 0.01, tol_s = 0.05;
    int json = 0;
    ct_play_opts o;
    ct_play_opts_init(&o);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: %s\n  --tol-mm MM                largest TCP deviation allowed (mm); default 0.01\n"
                   "  --tol-s S                  largest start/duration difference allowed (s); default 0.05\n%s"
                   "  --json                     machine-readable output\n", usage, ct_play_opts_help);
            ct_play_opts_free(&o);
            return CT_EXIT_OK;
        }
        int r = ct_play_opts_parse(&o, argc, argv, &i, "diff", usage);
        if (r < 0) { ct_play_opts_free(&o); return CT_EXIT_BAD_INPUT; }
        if (r > 0) continue;
        if (!strcmp(argv[i], "--json")) json = 1;
        else if ((!strcmp(argv[i], "--tol-mm") || !strcmp(argv[i], "--tol-s")) && i + 1 < argc) {
            double v;
            int is_mm = argv[i][6] == 'm';
            if (ct_cli_parse_list(argv[i], argv[i + 1], &v, 1) != 1 || v < 0) {
                ct_play_opts_free(&o);
                return ct_cli_usage_error("diff", usage, "%s needs a non-negative number", argv[i]);
            }
            if (is_mm) tol_mm = v;
            else tol_s = v;
            i++;
        } else if (argv[i][0] == '-' && argv[i][1]) { ct_play_opts_free(&o); return ct_cli_usage_error("diff", usage, "unknown option '%s'", argv[i]); }
        else if (!robot_path) robot_path = argv[i];
        else if (!fa) fa = argv[i];
        else if (!fb) fb = argv[i];
        else { ct_play_opts_free(&o); return ct_cli_usage_error("diff", usage, "unexpected argument '%s'", argv[i]); }
    }
    if (!robot_path || !fa || !fb) { ct_play_opts_free(&o); return ct_cli_usage_error("diff", usage, "needs a robot and two programs"); }
    ct_robot *robot = ct_cli_load_robot(robot_path, NULL, NULL, 0);
    if (!robot) { ct_play_opts_free(&o); return CT_EXIT_BAD_INPUT; }
    o.ctx.robot = robot;
    ct_played a, b;
    int rc = ct_play(fa, &o, json, &a);
    if (rc == CT_EXIT_OK) {
        rc = ct_play(fb, &o, json, &b);
        if (rc != CT_EXIT_OK) ct_played_free(&a);
    }
    if (rc != CT_EXIT_OK) { ct_robot_destroy(robot); ct_play_opts_free(&o); return rc; }
    ct_play_step_diff *d = NULL;
    int nd = 0, ma = 0, mb = 0;
    ct_error err;
    if (ct_play_compare(robot, a.out.cmds, a.out.ncmd, a.traj, b.out.cmds, b.out.ncmd, b.traj, 0, &d, &nd, &ma, &mb, &err) != CT_OK) {
        rc = ct_cli_report(&err);
    } else {
        double worst_mm = 0, worst_s = 0;
        int over = ma != mb;
        cJSON *root = json ? cJSON_CreateObject() : NULL, *arr = NULL;
        if (json) {
            cJSON_AddStringToObject(root, "a", fa);
            cJSON_AddStringToObject(root, "b", fb);
            cJSON_AddNumberToObject(root, "motions_a", ma);
            cJSON_AddNumberToObject(root, "motions_b", mb);
            cJSON_AddNumberToObject(root, "cycle_time_a_s", ct_traj_duration(a.traj));
            cJSON_AddNumberToObject(root, "cycle_time_b_s", ct_traj_duration(b.traj));
            arr = cJSON_AddArrayToObject(root, "steps");
        } else printf("%-24s %-24s %12s %10s %10s %10s\n", "a", "b", "TCP dev mm", "start a s", "start b s", "dur diff s");
        for (int i = 0; i < nd; i++) {
            const ct_play_step_diff *s = &d[i];
            double dev_mm = s->max_dev * 1e3, dstart = fabs(s->start_a - s->start_b), ddur = s->dur_b - s->dur_a;
            int bad = !(dev_mm <= tol_mm) || dstart > tol_s || fabs(ddur) > tol_s;
            over |= bad;
            if (dev_mm > worst_mm || isinf(dev_mm)) worst_mm = dev_mm;
            worst_s = fmax(worst_s, fmax(dstart, fabs(ddur)));
            char sa[300], sb[300];
            ct_play_src(&s->src_a, sa, sizeof sa);
            ct_play_src(&s->src_b, sb, sizeof sb);
            if (json) {
                cJSON *e = cJSON_CreateObject();
                cJSON_AddStringToObject(e, "a", sa);
                cJSON_AddStringToObject(e, "b", sb);
                cJSON_AddNumberToObject(e, "tcp_dev_mm", isinf(dev_mm) ? -1 : dev_mm);
                cJSON_AddNumberToObject(e, "start_a_s", s->start_a);
                cJSON_AddNumberToObject(e, "start_b_s", s->start_b);
                cJSON_AddNumberToObject(e, "duration_a_s", s->dur_a);
                cJSON_AddNumberToObject(e, "duration_b_s", s->dur_b);
                cJSON_AddBoolToObject(e, "exceeds", bad);
                cJSON_AddItemToArray(arr, e);
            } else {
                printf("%-24s %-24s %12.4f %10.3f %10.3f %+10.3f%s\n", sa, sb, dev_mm, s->start_a, s->start_b, ddur, bad ? "  !" : "");
            }
        }
        if (json) {
            cJSON_AddNumberToObject(root, "max_tcp_dev_mm", isinf(worst_mm) ? -1 : worst_mm);
            cJSON_AddNumberToObject(root, "max_time_diff_s", worst_s);
            cJSON_AddBoolToObject(root, "exceeds", over);
            ct_cli_print_json(root);
        } else {
            if (ma != mb) printf("motion counts differ: %s has %d, %s has %d (only the first %d compared)\n", fa, ma, fb, mb, nd);
            printf("largest TCP deviation %.4f mm (tolerance %g), largest timing difference %.3f s (tolerance %g); cycle time %.3f s vs %.3f s: %s\n",
                   worst_mm, tol_mm, worst_s, tol_s, ct_traj_duration(a.traj), ct_traj_duration(b.traj), over ? "DIFFERENT" : "same");
        }
        rc = over ? CT_EXIT_FINDING : CT_EXIT_OK;
        ct_free(d);
    }
    ct_played_free(&a);
    ct_played_free(&b);
    ct_robot_destroy(robot);
    ct_play_opts_free(&o);
    return rc;
}
