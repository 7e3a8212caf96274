/* bench_jobfile: standalone program for ct_bench_jobfile (same options). */
#include "bench_jobfile.h"

int main(int argc, char **argv) { return ct_bench_jobfile(argc, argv); }
