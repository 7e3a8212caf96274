/* `celltwin bench <name> [options]`: runs a benchmark program from bench/ (JSON lines on stdout).
 * Benchmarks: kinematics (FK of every link, analytic IK; MuJoCo as the peer), check (robot pose
 * collision checks against a car-body shell; FCL's figures from ANCHORS.md as the peer), jobfile,
 * verify (sample cell: pose checks along its programs, certified vs sampled program check). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#ifdef CT_HAVE_BENCH
#include "bench.h"
#include "bench_jobfile.h"
#include "bench_render.h"
#include "bench_report.h"
#endif

static const char *const usage = "celltwin bench kinematics [--seconds S] [--robot robot.urdf]...\n"
                                 "       celltwin bench check [--seconds S] [--configs N]\n"
                                 "       celltwin bench jobfile [--seconds S] [--lines N]\n"
                                 "       celltwin bench verify [--seconds S] [--configs N] [--cell cell.json]\n"
                                 "                             [--sampled 2mm,1deg] [--no-sampled]\n"
                                 "       celltwin bench render [--seconds S] [--size 1280x720] [--cell cell.json] [--samples N]\n"
                                 "                             [--offscreen] [--window] [--large [--large-triangles N]]\n"
                                 "       celltwin bench report [--runs N] [--cell cell.json] [--no-pictures] [--pdf]";

int ct_cmd_bench(int argc, char **argv) {
    if (argc < 2) return ct_cli_usage_error("bench", usage, "missing benchmark name");
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        printf("usage: %s\n", usage);
        return CT_EXIT_OK;
    }
#ifdef CT_HAVE_BENCH
    if (!strcmp(argv[1], "kinematics")) return ct_bench_kinematics(argc - 1, argv + 1);
    if (!strcmp(argv[1], "jobfile")) return ct_bench_jobfile(argc - 1, argv + 1);
    if (!strcmp(argv[1], "check")) return ct_bench_check(argc - 1, argv + 1);
    if (!strcmp(argv[1], "verify")) return ct_bench_verify(argc - 1, argv + 1);
    if (!strcmp(argv[1], "render")) return ct_bench_render(argc - 1, argv + 1);
    if (!strcmp(argv[1], "report")) return ct_bench_report(argc - 1, argv + 1);
    return ct_cli_usage_error("bench", usage, "unknown benchmark '%s'", argv[1]);
#else
    fprintf(stderr, "celltwin bench: this build has no benchmarks (configure with -DCT_BUILD_BENCH=ON)\n");
    return CT_EXIT_BAD_INPUT;
#endif
}
