/* Timeline bar drawn into the renderer's RGBA overlay: a translucent strip along the bottom, the
 * played part filled, grey ticks at program steps, finding markers (red collision, orange
 * clearance, yellow limit/reach/singularity warnings; they appear as the verification streams them), a
 * white playhead, and a play/pause glyph at the left; then the side panel (viewer_panel.c).
 * Everything else stays transparent. */
#include <math.h>
#include <string.h>

#include "viewer_internal.h"

#define BAR_H 28   /* px: strip height */
#define BAR_PAD 10 /* px: margin */

void vw_bar_rect(const vw_state *s, int *x0, int *y0, int *x1, int *y1) {
    *x0 = BAR_PAD + BAR_H;
    *x1 = s->width - BAR_PAD;
    *y1 = s->height - BAR_PAD;
    *y0 = *y1 - BAR_H;
}

static void fill(vw_state *s, int x0, int y0, int x1, int y1, const uint8_t c[4]) {
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > s->width) x1 = s->width;
    if (y1 > s->height) y1 = s->height;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) memcpy(s->overlay + ((size_t)y * s->width + x) * 4, c, 4);
}

static int time_x(const vw_state *s, double t, int x0, int x1) {
    double u = s->duration > 0 ? t / s->duration : 0;
    return x0 + (int)lround(fmin(1.0, fmax(0.0, u)) * (x1 - x0 - 1));
}

void vw_overlay_draw(vw_state *s) {
    memset(s->overlay, 0, (size_t)s->width * s->height * 4);
    int x0, y0, x1, y1;
    vw_bar_rect(s, &x0, &y0, &x1, &y1);
    if (x1 - x0 < 20 || y0 < 0) { /* window too small for a bar */
        vw_panel_draw(s);
        return;
    }
    const uint8_t bg[4] = {30, 32, 38, 190}, played[4] = {70, 110, 170, 210}, tick[4] = {170, 175, 185, 230},
                  white[4] = {255, 255, 255, 255}, red[4] = {230, 20, 20, 255}, orange[4] = {255, 140, 0, 255},
                  yellow[4] = {245, 220, 0, 255};
    fill(s, x0 - BAR_H, y0, x1, y1, bg);
    int px = time_x(s, s->t, x0, x1);
    fill(s, x0, y0 + 9, px, y1 - 9, played);
    /* program steps */
    for (int i = 0; i < s->nr; i++) {
        if (!s->traj[i]) continue;
        for (int k = 0; k < ct_traj_nseg(s->traj[i]); k++) {
            const ct_traj_seg *seg = ct_traj_segment(s->traj[i], k);
            if (seg->src.step <= 0) continue;
            int x = time_x(s, seg->t1, x0, x1);
            fill(s, x, y1 - 8, x + 1, y1 - 2, tick);
        }
    }
    /* findings */
    const ct_verify_report *rep = s->ver.rep;
    for (int i = 0; rep && i < rep->nfinding; i++) {
        const ct_finding *fd = &rep->finding[i];
        const uint8_t *c = fd->kind == CT_FIND_COLLISION ? red : fd->kind == CT_FIND_CLEARANCE ? orange : yellow;
        int x = time_x(s, fd->time, x0, x1);
        int sel = i == s->finding && s->t == s->finding_t;
        fill(s, x - 1 - sel, y0 + 2, x + 2 + sel, y0 + 10 + 2 * sel, c);
    }
    /* playhead */
    fill(s, px - 1, y0 + 1, px + 2, y1 - 1, white);
    /* play (triangle) / pause (two bars) glyph */
    int gx = x0 - BAR_H + 8, gy = y0 + 7, gh = BAR_H - 14;
    if (s->playing) {
        for (int r = 0; r < gh; r++) {
            int w = (r < gh / 2 ? r : gh - 1 - r) + 1;
            fill(s, gx, gy + r, gx + w, gy + r + 1, white);
        }
    } else {
        fill(s, gx, gy, gx + 4, gy + gh, white);
        fill(s, gx + 7, gy, gx + 11, gy + gh, white);
    }
    vw_panel_draw(s);
}
