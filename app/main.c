/* celltwin: command-line entry point. Dispatches to subcommands; exit codes are 0 ok,
 * 1 finding, 2 bad input or usage. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const ct_cmd commands[] = {
    {"verify", "certified verification of a cell: collisions, clearance, limits, with program steps", ct_cmd_verify},
    {"view", "interactive viewer: the cell, its programs on a timeline, findings as verified (GLFW window)", ct_cmd_view},
    {"report", "pre-commissioning report of a cell: HTML, JSON (and PDF with --pdf) with pictures and plots", ct_cmd_report},
    {"render", "offscreen Vulkan picture of a cell at a time, step or finding (PNG)", ct_cmd_render},
    {"cell", "check a cell file (cell check <cell.json>): summary or errors with JSON paths", ct_cmd_cell},
    {"plan", "play a jobfile on a robot: cycle time, step times, motion findings", ct_cmd_plan},
    {"diff", "play two programs and compare TCP paths and timing step by step", ct_cmd_diff},
    {"import", "read a jobfile (Hi5/Hi6/DRL): summary, diagnostics, --json IR", ct_cmd_import},
    {"convert", "convert a jobfile to another vendor format (--to hi5|hi6|drl -o out)", ct_cmd_convert},
    {"check", "batch pose check: joint configurations against environment meshes and self", ct_cmd_check},
    {"info", "describe a robot: links, joints, limits, reach, mass, meshes", ct_cmd_info},
    {"fk", "forward kinematics: TCP pose for joint values", ct_cmd_fk},
    {"ik", "inverse kinematics: joint solutions for a TCP pose", ct_cmd_ik},
    {"bench", "benchmarks (kinematics, check, jobfile, verify): JSON lines with figures and peers", ct_cmd_bench},
};

static void usage(FILE *f) {
    fprintf(f, "usage: celltwin <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n`celltwin <command> --help` shows the options of a command.\n"
               "exit codes: 0 ok, 1 finding, 2 bad input or usage\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return CT_EXIT_BAD_INPUT;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return CT_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("celltwin 0.1.0\n");
        return CT_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "celltwin: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return CT_EXIT_BAD_INPUT;
}
