/* Shared by `celltwin plan` and `celltwin diff`: the program-context options (tools, user frames,
 * TCPs, variables file, I/O model, limits) and playing one program (parse -> interpret -> plan).
 * Filling the context is separate from playing so that a cell loader can fill it instead. */
#ifndef CELLTWIN_CLI_PLAY_H
#define CELLTWIN_CLI_PLAY_H

#include "celltwin/interp.h"
#include "celltwin/jobfile.h"
#include "celltwin/motion.h"

typedef struct ct_play_opts {
    ct_program_context ctx;     /* robot set by the caller */
    ct_plan_options plan;
    ct_interp_vars *vars;       /* owned */
    char tcp_names[CT_INTERP_MAX_NAMED][64];
} ct_play_opts;

/* Defaults for both. */
void ct_play_opts_init(ct_play_opts *o);
void ct_play_opts_free(ct_play_opts *o);
/* Consumes option argv[*i] (and its value) when it is a context/plan option; returns 1 when
 * consumed, 0 when not an option of ours, -1 after printing a usage error. */
int ct_play_opts_parse(ct_play_opts *o, int argc, char **argv, int *i, const char *cmd, const char *usage);
/* The help text of those options. */
extern const char *const ct_play_opts_help;

/* One played program. */
typedef struct ct_played {
    ct_job_program *prog;
    ct_interp_output out;
    ct_traj *traj;
} ct_played;

/* Parses, interprets and plans; prints parse and interpreter diagnostics to stderr (unless quiet).
 * Returns CT_EXIT_OK, or CT_EXIT_BAD_INPUT after printing the error. */
int ct_play(const char *path, const ct_play_opts *o, int quiet, ct_played *out);
void ct_played_free(ct_played *p);
/* Interpreter warnings + errors + motion findings. */
int ct_played_findings(const ct_played *p);
/* "0001.JOB:14 (S7)" (basename of the file). */
void ct_play_src(const ct_src_ref *s, char *buf, size_t n);

#endif
