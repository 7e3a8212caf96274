/* Benchmark entry points shared by the standalone bench programs and `celltwin bench`. */
#ifndef CT_BENCH_H
#define CT_BENCH_H

/* `bench kinematics [--seconds S] [--robot PATH]...` (argv[0] is the subcommand name): prints
 * JSON lines; returns 0, or 2 on bad usage or an unloadable robot. */
int ct_bench_kinematics(int argc, char **argv);

/* `bench check [--seconds S] [--configs N]`: robot pose checks per second (overlap, exact
 * robot-environment distance) against a generated car-body shell; JSON lines; 0, or 2 on error. */
int ct_bench_check(int argc, char **argv);

#endif
