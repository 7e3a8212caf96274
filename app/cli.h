/* Shared helpers of the celltwin subcommands: exit codes, option parsing, error printing. */
#ifndef CELLTWIN_CLI_H
#define CELLTWIN_CLI_H

#include "celltwin/base.h"

/* Exit codes of every subcommand. */
enum { CT_EXIT_OK = 0, CT_EXIT_FINDING = 1, CT_EXIT_BAD_INPUT = 2 };

/* One subcommand: name, one-line help, entry point (argv[0] is the subcommand name). */
typedef struct ct_cmd {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} ct_cmd;

/* Parses "a,b,c" into at most max finite doubles; returns the count or -1 (message printed). */
int ct_cli_parse_list(const char *what, const char *text, double *out, int max);
/* Prints err as "file:line:col: error: msg" on stderr and returns CT_EXIT_BAD_INPUT. */
int ct_cli_report(const ct_error *err);
/* Prints a usage error and returns CT_EXIT_BAD_INPUT. */
int ct_cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif

    ;

int ct_cmd_info(int argc, char **argv);
int ct_cmd_fk(int argc, char **argv);
int ct_cmd_ik(int argc, char **argv);
int ct_cmd_import(int argc, char **argv);
int ct_cmd_convert(int argc, char **argv);
int ct_cmd_bench(int argc, char **argv);
int ct_cmd_plan(int argc, char **argv);
int ct_cmd_diff(int argc, char **argv);
int ct_cmd_cell(int argc, char **argv);
int ct_cmd_check(int argc, char **argv);
int ct_cmd_verify(int argc, char **argv);
int ct_cmd_render(int argc, char **argv);
int ct_cmd_report(int argc, char **argv);
int ct_cmd_view(int argc, char **argv);



struct ct_robot;
/* Loads a robot for a subcommand (tip/base may be NULL). Prints the error and returns NULL. */
struct ct_robot *ct_cli_load_robot(const char *path, const char *tip, const char *base, int meshes);
/* Prints a cJSON tree to stdout and frees it. */
struct cJSON;
void ct_cli_print_json(struct cJSON *root);
/* Joint unit helpers: degrees for revolute joints, mm for prismatic, at the CLI edge. */
double ct_cli_joint_to_user(const struct ct_robot *r, int dof, double v);
double ct_cli_joint_from_user(const struct ct_robot *r, int dof, double v);
const char *ct_cli_joint_unit(const struct ct_robot *r, int dof);
#endif
