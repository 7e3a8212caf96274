/* The plots of one program described once (ct_plot), for the HTML (SVG) and PDF (cairo) writers:
 * one compact plot per joint (its value against time, its own limits dashed), then TCP speed,
 * minimum clearance with the threshold, and torque as a fraction of the effort limits; findings as
 * vertical markers on every plot. User units: deg (mm for prismatic joints), mm/s, mm, %. */
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
    ct_plot_vmark *vmark;               /* (2 x nfinding): labelled (wide plots), then unlabelled (joints) */
    char label[CT_ROBOT_MAX_DOF + 2][48];
    char vlabel_text[64][40];
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
    if (nd < 0 || nd > CT_ROBOT_MAX_DOF)
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "program %d: %d joints (at most %d)", program, nd,
                            CT_ROBOT_MAX_DOF);
    plot_store *ps = ct_alloc(sizeof *ps);
    if (!ps) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    out->storage_ = ps;
    ps->y = ct_alloc(sizeof(double) * (size_t)(n + 1) * (size_t)(2 * nd + 2));
    ps->vmark = ct_alloc(sizeof(ct_plot_vmark) * (size_t)(2 * pg->nfinding + 1));
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
    /* every plot of the program spans the same time axis: the cycle (and any later finding) */
    double x1 = n > 0 ? se->t[n - 1] : 0;
    for (int k = 0; k < nv; k++) x1 = fmax(x1, ps->vmark[k].x);
    /* markers closer than 3 % of the axis share one label ("F1,F2") so labels do not overprint */
    for (int k = 1, g = 0; k < nv && k < 64; k++) {
        if (ps->vmark[g].label && fabs(ps->vmark[k].x - ps->vmark[g].x) < 0.03 * x1) {
            size_t len = strlen(ps->vlabel_text[g]), add = strlen(ps->vlabel_text[k]);
            if (len + 1 + add < sizeof ps->vlabel_text[g]) {
                ps->vlabel_text[g][len] = ',';
                memcpy(ps->vlabel_text[g] + len + 1, ps->vlabel_text[k], add + 1);
                ps->vmark[k].label = NULL;
                continue;
            }
        }
        g = k;
    }
    /* the joint plots are narrow: the same markers without labels (numbered on the wide plots) */
    ct_plot_vmark *jmark = ps->vmark + nv;
    for (int k = 0; k < nv; k++) jmark[k] = (ct_plot_vmark){ps->vmark[k].x, NULL, ps->vmark[k].rgb};
    double x0 = 0, xe = x1 > 0 ? x1 : 0; /* xe = 0: range from the data */
    double *col = ps->y;
    int ns = 0, nh = 0;
    const char *who = rb->name;

    /* [0, nd) one plot per joint: its values and its own limits; the y range (from the data and
       the lines) covers both. No legend: the title names the joint. */
    for (int d = 0; d < nd; d++) {
        int pr = rb->joint_prismatic[d];
        double scale = pr ? 1000.0 : 1.0 / CT_DEG;
        for (int k = 0; k < n; k++) col[k] = se->q[(size_t)k * (size_t)nd + (size_t)d] * scale;
        snprintf(ps->label[d], sizeof ps->label[d], "J%d %s", d + 1, rb->joint_name[d] ? rb->joint_name[d] : "");
        int s0 = ns, h0 = nh;
        ps->series[ns++] = (ct_plot_series){NULL, se->t, col, n, joint_rgb[d % 8], 0};
        col += n;
        if (isfinite(rb->lo[d])) ps->hline[nh++] = (ct_plot_hline){rb->lo[d] * scale, NULL, 0x555555, 1};
        if (isfinite(rb->hi[d])) ps->hline[nh++] = (ct_plot_hline){rb->hi[d] * scale, NULL, 0x555555, 1};
        int ip = out->nplot++;
        snprintf(ps->title[ip], sizeof ps->title[ip], "%s %s (%s)%s", who, ps->label[d], pr ? "mm" : "deg",
                 nh == h0 ? ", no limits" : "");
        out->plot[ip] = (ct_plot){ps->title[ip], "time (s)", pr ? "position (mm)" : "angle (deg)", x0, xe, 0, 0,
                                  ps->series + s0, 1, ps->hline + h0, nh - h0, jmark, nv};
    }
    out->njoint = nd;

    /* TCP speed */
    int ip = out->nplot++, s0 = ns, h0;
    for (int k = 0; k < n; k++) col[k] = se->tcp_speed[k] * 1000;
    ps->series[ns++] = (ct_plot_series){"TCP speed", se->t, col, n, 0x1f77b4, 0};
    col += n;
    snprintf(ps->title[ip], sizeof ps->title[ip], "%s: TCP speed", who);
    out->plot[ip] = (ct_plot){ps->title[ip], "time (s)", "TCP speed (mm/s)", x0, xe, 0, 0, ps->series + s0, 1, NULL,
                              0, ps->vmark, nv};

    /* minimum clearance with the threshold */
    ip = out->nplot++;
    s0 = ns;
    h0 = nh;
    for (int k = 0; k < n; k++) {
        double c = se->clearance[k] * 1000;
        col[k] = isfinite(c) ? fmin(c, RP_CLEAR_CLIP_MM) : NAN;
    }
    ps->series[ns++] = (ct_plot_series){"minimum clearance", se->t, col, n, 0x2ca02c, 0};
    col += n;
    snprintf(ps->label[nd], sizeof ps->label[nd], "clearance %.1f mm", r->thresholds.clearance * 1000);
    ps->hline[nh++] = (ct_plot_hline){r->thresholds.clearance * 1000, ps->label[nd], 0xd62728, 1};
    snprintf(ps->title[ip], sizeof ps->title[ip], "%s: minimum clearance to other bodies (sampled every %.0f ms)",
             who, r->thresholds.series_dt * 1000);
    out->plot[ip] = (ct_plot){ps->title[ip], "time (s)", "clearance (mm, clipped at 500)", x0, xe, 0, 0,
                              ps->series + s0, 1, ps->hline + h0, 1, ps->vmark, nv};

    /* torque as a fraction of the effort limit, every joint in one plot */
    if (se->torque_frac) {
        ip = out->nplot++;
        s0 = ns;
        h0 = nh;
        for (int d = 0; d < nd; d++) {
            for (int k = 0; k < n; k++) col[k] = se->torque_frac[(size_t)k * (size_t)nd + (size_t)d] * 100;
            ps->series[ns++] = (ct_plot_series){ps->label[d], se->t, col, n, joint_rgb[d % 8], 0};
            col += n;
        }
        ps->hline[nh++] = (ct_plot_hline){100.0, "effort limit", 0xd62728, 1};
        snprintf(ps->title[ip], sizeof ps->title[ip], "%s: joint torque as a fraction of the effort limit", who);
        out->plot[ip] = (ct_plot){ps->title[ip], "time (s)", "torque (% of limit)", x0, xe, 0, 0, ps->series + s0,
                                  nd, ps->hline + h0, 1, ps->vmark, nv};
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
