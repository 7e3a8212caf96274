/* The viewer's frames on demand (key a, script `frames on|off`): every robot's base, TCP and user
 * frames at the current pose (ct_vk_cell_frames), axis length from the cell's bounds at home (so
 * it does not change while playing, as `celltwin render --frames`), and their on-top polylines. */
#include <string.h>

#include "viewer_internal.h"

void vw_frames_free(vw_frames *f) {
    ct_free(f->axes);
    ct_free(f->name);
    ct_free(f->point);
    ct_free(f->rgba);
    ct_free(f->line);
    memset(f, 0, sizeof *f);
}

int vw_frames_make(const vw_state *s, vw_frames *out) {
    memset(out, 0, sizeof *out);
    int n = ct_vk_cell_frames(s->cell, s->qptr, 1.0, NULL, NULL, 0);
    if (n <= 0) return 1;
    out->axes = (ct_vk_axes *)ct_alloc(sizeof *out->axes * (size_t)n);
    out->name = (char (*)[CT_VK_FRAME_NAME])ct_alloc(sizeof *out->name * (size_t)n);
    out->point = (double *)ct_alloc(sizeof(double) * 18 * (size_t)n);
    out->rgba = (float *)ct_alloc(sizeof(float) * 24 * (size_t)n);
    out->line = (ct_vk_polyline *)ct_alloc(sizeof *out->line * (size_t)n);
    if (!out->axes || !out->name || !out->point || !out->rgba || !out->line) {
        vw_frames_free(out);
        return 0;
    }
    double lo[3], hi[3];
    ct_vk_scene_bounds(s->scene, NULL, lo, hi);
    out->n = ct_vk_cell_frames(s->cell, s->qptr, ct_vk_frames_length(lo, hi), out->axes, out->name, n);
    for (int k = 0; k < out->n; k++)
        out->line[k] = ct_vk_axes_polyline(&out->axes[k], out->point + 18 * k, out->rgba + 24 * k);
    return 1;
}
