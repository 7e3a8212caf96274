/* `celltwin bench render`: frame time of the renderer (offscreen, windowed, large generated cell). */
#ifndef CT_BENCH_RENDER_H
#define CT_BENCH_RENDER_H

/* `bench render [--seconds S] [--size WxH] [--cell cell.json] [--offscreen] [--window]
 * [--large [--large-triangles N] [--large-objects K]]`: JSON lines with the mean and minimum frame
 * time, fps and triangles drawn per frame, each naming the Vulkan device. Default: offscreen and
 * window (the window case prints why it is skipped without a display). --large: a generated cell
 * of N (default 5 000 000) triangles in K (default 20) objects at 1920x1080 (unless --size), with
 * level of detail + culling, culling only, full detail. 0, or 2 on error (no Vulkan, bad cell). */
int ct_bench_render(int argc, char **argv);

#endif
