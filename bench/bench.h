/* Benchmark entry points shared by the standalone bench programs and `celltwin bench`. */
#ifndef CT_BENCH_H
#define CT_BENCH_H

#include <stddef.h>

/* Monotonic wall clock (s) and the CPU model name (JSON-safe; "unknown" when not found). */
double ct_bench_now(void);
void ct_bench_machine(char *out, size_t n);

/* `bench kinematics [--seconds S] [--robot PATH]...` (argv[0] is the subcommand name): prints
 * JSON lines; returns 0, or 2 on bad usage or an unloadable robot. */
int ct_bench_kinematics(int argc, char **argv);

/* `bench check [--seconds S] [--configs N]`: robot pose checks per second (overlap, exact
 * robot-environment distance) against a generated car-body shell; JSON lines; 0, or 2 on error. */
int ct_bench_check(int argc, char **argv);

/* `bench verify [--seconds S] [--configs N] [--cell cell.json]
 *               [--sampled 2mm,1deg] [--no-sampled]`: on the sample cell,
 * robot configurations checked and exact robot-environment distances per second along the planned
 * programs, and the certified check of the programs beside the 2 mm / 1 deg sampled check;
 * JSON lines; 0, or 2 on error. */
int ct_bench_verify(int argc, char **argv);

#endif
