/* bench_verify: standalone program for ct_bench_verify (same options). */
#include "bench.h"

int main(int argc, char **argv) { return ct_bench_verify(argc, argv); }
