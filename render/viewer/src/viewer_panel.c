/* The viewer's side panel, drawn into the overlay at the right edge above the timeline bar:
 * reload errors (--watch), program steps per robot (S<n> file:line comment; the current one
 * highlighted, a window of rows around it), findings (kind, time, bodies, file:line; the selected
 * one highlighted; while the verification runs, those streamed so far) and each robot's joint
 * values as bars between their limits (deg). Clickable rows are recorded while drawing; a click
 * (mouse or script) goes through vw_panel_activate. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/kin.h"
#include "viewer_internal.h"
#include "viewer_text.h"

#define PANEL_MAX_W 380
#define PAD 6
#define WINDOW_ROWS 6 /* step/finding rows shown per list */

int vw_panel_x0(const vw_state *s) {
    if (!s->panel_on) return s->width;
    int w = s->width * 2 / 5;
    return s->width - (w < PANEL_MAX_W ? w : PANEL_MAX_W);
}

static void fill(vw_state *s, int x0, int y0, int x1, int y1, const uint8_t c[4]) {
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > s->width) x1 = s->width;
    if (y1 > s->height) y1 = s->height;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) memcpy(s->overlay + ((size_t)y * s->width + x) * 4, c, 4);
}

static const char *base_name(const char *p) {
    const char *b = p ? strrchr(p, '/') : NULL;
    return b ? b + 1 : (p ? p : "?");
}

typedef struct pen {
    int x0, x1, y, ymax, line;
} pen;

/* One text row; returns 0 when the panel is full. */
static int row(vw_state *s, pen *p, const char *text, const uint8_t col[4], const uint8_t *bg, int kind, int index) {
    if (p->y + p->line > p->ymax) return 0;
    if (bg) fill(s, p->x0, p->y, p->x1, p->y + p->line, bg);
    vw_text_draw(s->font, s->overlay, s->width, s->height, (float)(p->x0 + PAD), p->y + vw_font_ascent(s->font) + 1,
                 text, col, p->x1 - PAD);
    if (kind && s->nrow < VW_MAX_ROWS) s->rows[s->nrow++] = (vw_row){p->y, p->y + p->line, kind, index};
    p->y += p->line;
    return 1;
}

static const uint8_t white[4] = {235, 238, 242, 255}, grey[4] = {160, 165, 175, 255}, head[4] = {120, 190, 255, 255},
                     hl[4] = {60, 90, 150, 230}, errc[4] = {255, 90, 80, 255};

static void steps_section(vw_state *s, pen *p) {
    char buf[512];
    row(s, p, "Steps", head, NULL, 0, 0);
    for (int r = 0; r < s->nr; r++) {
        int first = -1, last = -1;
        for (int k = 0; k < s->nstep; k++)
            if (s->steps[k].robot == r) last = k, first = first < 0 ? k : first;
        if (first < 0) continue;
        int cur = vw_current_step(s, r);
        snprintf(buf, sizeof buf, "%s  %s", s->cell->robot[r].name, base_name(s->steps[first].file));
        if (!row(s, p, buf, grey, NULL, 0, 0)) return;
        int from = (cur < 0 ? first : cur) - WINDOW_ROWS / 2;
        if (from > last - WINDOW_ROWS + 1) from = last - WINDOW_ROWS + 1;
        if (from < first) from = first;
        for (int k = from; k <= last && k < from + WINDOW_ROWS; k++) {
            const vw_step *st = &s->steps[k];
            snprintf(buf, sizeof buf, "  S%d  %s:%d  %s", st->step, base_name(st->file), st->line,
                     st->comment ? st->comment : "");
            if (!row(s, p, buf, white, k == cur ? hl : NULL, VW_ROW_STEP, k)) return;
        }
    }
}

static void findings_section(vw_state *s, pen *p) {
    char buf[512];
    const ct_verify_report *rep = s->ver.rep;
    if (!rep && s->ver.joined) {
        row(s, p, "Findings: verification failed", errc, NULL, 0, 0);
        return;
    }
    int nf = rep ? rep->nfinding : 0;
    if (!s->ver.joined) { /* the findings streamed so far */
        int pd, np;
        pthread_mutex_lock(&s->ver.mu);
        pd = s->ver.pairs_done, np = s->ver.npair;
        pthread_mutex_unlock(&s->ver.mu);
        snprintf(buf, sizeof buf, "Findings (%d so far): verifying %d/%d pairs", nf, pd, np);
    } else {
        snprintf(buf, sizeof buf, "Findings (%d)", nf);
    }
    if (!row(s, p, buf, head, NULL, 0, 0) || !rep) return;
    int sel = s->finding >= 0 && s->t == s->finding_t ? s->finding : -1;
    int from = (sel < 0 ? 0 : sel) - WINDOW_ROWS / 2;
    if (from > rep->nfinding - WINDOW_ROWS) from = rep->nfinding - WINDOW_ROWS;
    if (from < 0) from = 0;
    for (int i = from; i < rep->nfinding && i < from + WINDOW_ROWS; i++) {
        const ct_finding *fd = &rep->finding[i];
        snprintf(buf, sizeof buf, "  F%d %s %.2fs %s%s%s %s:%d", i + 1, ct_finding_kind_name(fd->kind), fd->time,
                 fd->body_a, fd->body_b[0] ? " - " : "", fd->body_b, base_name(fd->src.file), fd->src.line);
        if (!row(s, p, buf, white, i == sel ? hl : NULL, VW_ROW_FINDING, i)) return;
    }
}

static void joints_section(vw_state *s, pen *p) {
    char buf[128];
    const uint8_t track[4] = {70, 74, 82, 230}, bar[4] = {90, 170, 110, 255}, out[4] = {230, 40, 30, 255};
    if (!row(s, p, "Joints (deg)", head, NULL, 0, 0)) return;
    for (int r = 0; r < s->nr; r++) {
        const ct_robot *rb = s->cell->robot[r].robot;
        if (!s->qptr[r] || !rb) continue;
        int bh = p->line - 6 > 6 ? p->line - 6 : 6;
        for (int j = 0; j < rb->ndof; j++) {
            if (p->y + p->line > p->ymax) return;
            double q = s->qptr[r][j], lo = rb->dof_lower[j], up = rb->dof_upper[j];
            snprintf(buf, sizeof buf, "%s J%d %7.1f", s->cell->robot[r].name, j + 1, q * 180 / M_PI);
            int bx0 = p->x0 + PAD + 120, bx1 = p->x1 - PAD, y = p->y + 3;
            vw_text_draw(s->font, s->overlay, s->width, s->height, (float)(p->x0 + PAD),
                         p->y + vw_font_ascent(s->font) + 1, buf, white, bx0 - 4);
            if (bx1 - bx0 > 8 && isfinite(lo) && isfinite(up) && up > lo) {
                fill(s, bx0, y, bx1, y + bh, track);
                double u = (q - lo) / (up - lo), z = (0 - lo) / (up - lo);
                u = fmin(1, fmax(0, u)), z = fmin(1, fmax(0, z));
                int xq = bx0 + (int)lround(u * (bx1 - bx0 - 1)), xz = bx0 + (int)lround(z * (bx1 - bx0 - 1));
                int outside = q < lo || q > up;
                fill(s, xq < xz ? xq : xz, y + 2, (xq > xz ? xq : xz) + 1, y + bh - 2, outside ? out : bar);
                fill(s, xq - 1, y, xq + 2, y + bh, white);
            }
            p->y += p->line;
        }
    }
}

void vw_panel_draw(vw_state *s) {
    s->nrow = 0;
    if (!s->panel_on || !s->font) return;
    int x0, y0, x1, y1;
    vw_bar_rect(s, &x0, &y0, &x1, &y1);
    pen p = {vw_panel_x0(s), s->width, 0, y0 - 6, vw_font_line(s->font) + 2};
    if (p.x1 - p.x0 < 40 || p.ymax < p.line) return;
    const uint8_t bg[4] = {22, 24, 30, 200};
    fill(s, p.x0, 0, p.x1, p.ymax, bg);
    p.y = 4;
    if (s->watch.msg[0]) {
        row(s, &p, "reload failed:", errc, NULL, 0, 0);
        row(s, &p, s->watch.msg, errc, NULL, 0, 0);
    }
    steps_section(s, &p);
    p.y += 4;
    findings_section(s, &p);
    p.y += 4;
    joints_section(s, &p);
}

int vw_panel_activate(vw_state *s, int kind, int index) {
    if (kind == VW_ROW_STEP) {
        if (index < 0 || index >= s->nstep) return 0;
        s->playing = 0;
        vw_set_time(s, s->steps[index].t0);
        s->sel_robot = s->steps[index].robot;
        return 1;
    }
    if (kind == VW_ROW_FINDING) {
        if (!s->ver.rep || index < 0 || index >= s->ver.rep->nfinding) return 0;
        vw_select_finding(s, index);
        return 1;
    }
    return 0;
}

int vw_panel_click(vw_state *s, double x, double y) {
    if (x < vw_panel_x0(s)) return 0;
    for (int i = 0; i < s->nrow; i++)
        if (y >= s->rows[i].y0 && y < s->rows[i].y1) return vw_panel_activate(s, s->rows[i].kind, s->rows[i].index);
    return 0;
}

/* Follow-TCP camera: the orbit target is the selected robot's TCP (cell frame) at the current pose:
 * the TCP of the tool it carries (as the drawn TCP path), else the flange. */
void vw_follow_target(vw_state *s) {
    int r = s->sel_robot;
    if (!s->follow || r < 0 || r >= s->nr || !s->qptr[r] || !s->cell->robot[r].robot) return;
    const ct_cell_robot *cr = &s->cell->robot[r];
    const ct_robot *rb = cr->robot;
    const ct_cell_tool *tool = ct_cell_carried_tool(cr);
    ct_xform tip = ct_kin_link_pose(rb, s->qptr[r], rb->tip_link);
    ct_xform tcp = ct_xf_mul(ct_xf_mul(cr->base, ct_xf_inv(rb->base_in_root)),
                             ct_xf_mul(tip, tool ? tool->tcp : ct_xf_identity()));
    s->target[0] = tcp.p.x, s->target[1] = tcp.p.y, s->target[2] = tcp.p.z;
}
