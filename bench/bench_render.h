/* `celltwin bench render`: offscreen frame time of the renderer on the sample cell. */
#ifndef CT_BENCH_RENDER_H
#define CT_BENCH_RENDER_H

/* `bench render [--seconds S] [--size 1280x720] [--cell cell.json]`: JSON lines with the mean and
 * minimum frame time (render + wait) and render + read-back, naming the Vulkan device; 0, or 2 on
 * error (no Vulkan, bad cell). */
int ct_bench_render(int argc, char **argv);

#endif
