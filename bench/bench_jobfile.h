/* Jobfile benchmark entry point shared by bench_jobfile and `celltwin bench jobfile`. */
#ifndef CT_BENCH_JOBFILE_H
#define CT_BENCH_JOBFILE_H

/* `bench jobfile [--seconds S] [--lines N]` (argv[0] is the subcommand name): prints JSON lines;
 * returns 0, or 2 on bad usage. */
int ct_bench_jobfile(int argc, char **argv);

#endif
