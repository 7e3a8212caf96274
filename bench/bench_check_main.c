/* bench_check: standalone program for ct_bench_check (same options). */
#include "bench.h"

int main(int argc, char **argv) { return ct_bench_check(argc, argv); }
