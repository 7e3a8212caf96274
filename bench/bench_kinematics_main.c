/* bench_kinematics: standalone program for ct_bench_kinematics (same options). */
#include "bench.h"

int main(int argc, char **argv) { return ct_bench_kinematics(argc, argv); }
