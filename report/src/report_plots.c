/* The plots of one program described once (ct_plot), for the HTML (SVG) and PDF (cairo) writers:
 * joint values with their limits, TCP speed, minimum clearance with the threshold, torque as a
 * fraction of the effort limits; findings as vertical markers. User units: deg, mm, mm/s, %. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "celltwin/math.h"
#include "report_internal.h"

#define RP_CLEAR_CLIP_MM 500.0 /* clearance curve clipped here so the threshold stays visible */

typedef struct plot_store {
    double *y;                          /* (nseries_total x n) converted values */
    ct_plot_series series[2 * CT_ROBOT_MAX_DOF + 4];
    ct_plot_hline hline[2 * CT_ROBOT_MAX_DOF + 2];
    ct_plot_vmark *vmark;               /* (nfinding) shared by all plots */
    char label[2 * CT_ROBOT_MAX_DOF + 4][48];
    char vlabel_text[64][16];
    char title[CT_REPORT_MAX_PLOTS][160];
} plot_store;

static const uint32_t joint_rgb[8] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf};

static uint32_t finding_rgb(ct_finding_kind k) {
    return k == CT_FIND_COLLISION ? 0xd62728 : k == CT_FIND_CLEARANCE ? 0xff7f0e : 0x7f3fbf;
}

ct_status ct_report_program_plots(const ct_report *r, int program, ct_report_plots *out, ct_error *err) {
    memset(out, 0, sizeof *out);
    if (program < 0 || program >= r->nprogram)
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "no program %d", program);
    const ct_report_program *pg = &r->program[program];
    const ct_report_robot *rb = &r->robot[pg->robot];
    const ct_report_series *se = &pg->series;
    int n = se->n, nd = se->ndof;
    plot_store *ps = ct_alloc(sizeof *ps);
    if (!ps) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    out->storage_ = ps;
    ps->y = ct_alloc(sizeof(double) * (size_t)(n + 1) * (size_t)(2 * nd + 2));
    ps->vmark = ct_alloc(sizeof(ct_plot_vmark) * (size_t)(pg->nfinding + 1));
    if (!ps->y || !ps->vmark) {
        ct_report_plots_free(out);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    int nv = 0;
    for (int k = 0; k < pg->nfinding; k++) {
        const ct_finding *f = &r->finding[pg->finding[k]].f;
        ct_plot_vmark *v = &ps->vmark[nv];
        v->x = f->time;
        v->rgb = finding_rgb(f->kind);
        if (nv < 64) {
            snprintf(ps->vlabel_text[nv], sizeof ps->vlabel_text[nv], "F%d", pg->finding[k] + 1);
            v->label = ps->vlabel_text[nv];
        }
        nv++;
    }
    double *col = ps->y;
    int ns = 0, nh = 0;
    const char *who = rb->name;

    /* [0] joint values with limits */
    int any_prismatic = 0;
    ct_plot *p = &out->plot[out->nplot++];
    int s0 = ns, h0 = nh;
    for (int d = 0; d < nd; d++) {
        double scale = rb->joint_prismatic[d] ? 1000.0 : 1.0 / CT_DEG;
        any_prismatic |= rb->joint_prismatic[d];
        for (int k = 0; k < n; k++) col[k] = se->q[(size_t)k * (size_t)nd + (size_t)d] * scale;
        snprintf(ps->label[ns], sizeof ps->label[ns], "J%d %s", d + 1, rb->joint_name[d]);
        ps->series[ns] = (ct_plot_series){ps->label[ns], se->t, col, n, joint_rgb[d % 8], 0};
        ns++;
        col += n;
        if (isfinite(rb->lo[d])) ps->hline[nh++] = (ct_plot_hline){rb->lo[d] * scale, NULL, joint_rgb[d % 8], 1};
        if (isfinite(rb->hi[d])) ps->hline[nh++] = (ct_plot_hline){rb->hi[d] * scale, NULL, joint_rgb[d % 8], 1};
    }
    snprintf(ps->title[0], sizeof ps->title[0], "%s: joint values and limits (dashed)", who);
    *p = (ct_plot){ps->title[0], "time (s)", any_prismatic ? "joint (deg; mm)" : "joint angle (deg)", 0, 0, 0, 0,
                   ps->series + s0, ns - s0, ps->hline + h0, nh - h0, ps->vmark, nv};

    /* [1] TCP speed */
    p = &out->plot[out->nplot++];
    s0 = ns;
    for (int k = 0; k < n; k++) col[k] = se->tcp_speed[k] * 1000;
    ps->series[ns++] = (ct_plot_series){"TCP speed", se->t, col, n, 0x1f77b4, 0};
    col += n;
    snprintf(ps->title[1], sizeof ps->title[1], "%s: TCP speed", who);
    *p = (ct_plot){ps->title[1], "time (s)", "TCP speed (mm/s)", 0, 0, 0, 0, ps->series + s0, 1, NULL, 0,
                   ps->vmark, nv};

    /* [2] minimum clearance with the threshold */
    p = &out->plot[out->nplot++];
    s0 = ns;
    h0 = nh;
    for (int k = 0; k < n; k++) {
        double c = se->clearance[k] * 1000;
        col[k] = isfinite(c) ? fmin(c, RP_CLEAR_CLIP_MM) : NAN;
    }
    ps->series[ns++] = (ct_plot_series){"minimum clearance", se->t, col, n, 0x2ca02c, 0};
    col += n;
    snprintf(ps->label[ns], sizeof ps->label[ns], "clearance %.1f mm", r->thresholds.clearance * 1000);
    ps->hline[nh++] = (ct_plot_hline){r->thresholds.clearance * 1000, ps->label[ns], 0xd62728, 1};
    snprintf(ps->title[2], sizeof ps->title[2], "%s: minimum clearance to other bodies (sampled every %.0f ms)", who,
             r->thresholds.series_dt * 1000);
    *p = (ct_plot){ps->title[2], "time (s)", "clearance (mm, clipped at 500)", 0, 0, 0, 0, ps->series + s0, 1,
                   ps->hline + h0, 1, ps->vmark, nv};

    /* [3] torque as a fraction of the effort limit */
    if (se->torque_frac) {
        p = &out->plot[out->nplot++];
        s0 = ns;
        h0 = nh;
        for (int d = 0; d < nd; d++) {
            for (int k = 0; k < n; k++) col[k] = se->torque_frac[(size_t)k * (size_t)nd + (size_t)d] * 100;
            /* label "J1 name" as in plot [0] */
            ps->series[ns] = (ct_plot_series){ps->label[d], se->t, col, n, joint_rgb[d % 8], 0};
            ns++;
            col += n;
        }
        ps->hline[nh++] = (ct_plot_hline){100.0, "effort limit", 0xd62728, 1};
        snprintf(ps->title[3], sizeof ps->title[3], "%s: joint torque as a fraction of the effort limit", who);
        *p = (ct_plot){ps->title[3], "time (s)", "torque (% of limit)", 0, 0, 0, 0, ps->series + s0, nd,
                       ps->hline + h0, 1, ps->vmark, nv};
    }
    return CT_OK;
}

void ct_report_plots_free(ct_report_plots *p) {
    plot_store *ps = p->storage_;
    if (ps) {
        ct_free(ps->y);
        ct_free(ps->vmark);
        ct_free(ps);
    }
    memset(p, 0, sizeof *p);
}
