/* Shared helpers of the celltwin subcommands. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "celltwin/robot.h"

int ct_cli_parse_list(const char *what, const char *text, double *out, int max) {
    int n = 0;
    const char *s = text;
    while (*s) {
        if (n == max) {
            fprintf(stderr, "error: %s: more than %d values in '%s'\n", what, max, text);
            return -1;
        }
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (end == s || errno == ERANGE || !isfinite(v)) {
            fprintf(stderr, "error: %s: value %d is not a finite number in '%s'\n", what, n + 1, text);
            return -1;
        }
        out[n++] = v;
        while (*end == ' ') end++;
        if (*end == ',') end++;
        else if (*end != 0) {
            fprintf(stderr, "error: %s: expected ',' after value %d in '%s'\n", what, n, text);
            return -1;
        }
        s = end;
    }
    return n;
}

int ct_cli_report(const ct_error *err) {
    char buf[1200];
    ct_error_format(err, buf, sizeof buf);
    fprintf(stderr, "%s\n", buf);
    return CT_EXIT_BAD_INPUT;
}

int ct_cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...) {
    fprintf(stderr, "celltwin %s: ", cmd);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s\n", usage);
    return CT_EXIT_BAD_INPUT;
}


struct ct_robot *ct_cli_load_robot(const char *path, const char *tip, const char *base, int meshes) {
    ct_robot_def def = ct_robot_default_def();
    def.tip_frame = tip;
    def.base_frame = base;
    def.meshes = (ct_mesh_load_mode)meshes;
    ct_robot *r = NULL;
    ct_error err;
    ct_error_clear(&err);
    if (ct_robot_load(path, &def, &r, &err) != CT_OK) {
        ct_cli_report(&err);
        return NULL;
    }
    return r;
}

void ct_cli_print_json(cJSON *root) {
    char *s = cJSON_Print(root);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        cJSON_free(s);
    }
    cJSON_Delete(root);
}

double ct_cli_joint_to_user(const ct_robot *r, int dof, double v) {
    return r->dof_type[dof] == CT_JOINT_PRISMATIC ? v * 1000.0 : v / CT_DEG;
}
double ct_cli_joint_from_user(const ct_robot *r, int dof, double v) {
    return r->dof_type[dof] == CT_JOINT_PRISMATIC ? v / 1000.0 : v * CT_DEG;
}
const char *ct_cli_joint_unit(const ct_robot *r, int dof) {
    return r->dof_type[dof] == CT_JOINT_PRISMATIC ? "mm" : "deg";
}
