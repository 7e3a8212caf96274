/* How verification findings are drawn: shared by `celltwin render` and the viewer. */
#include <math.h>
#include <string.h>

#include "celltwin/render.h"

void ct_vk_finding_marks_make(const ct_vk_scene *s, const ct_finding *f, ct_vk_finding_marks *m) {
    static const float red[4] = {0.9f, 0.05f, 0.05f, 1}, orange[4] = {1.0f, 0.55f, 0.0f, 1},
                       yellow[4] = {1.0f, 0.9f, 0.0f, 1};
    memset(m, 0, sizeof *m);
    int collision = f->kind == CT_FIND_COLLISION;
    const char *names[2] = {f->body_a, f->body_b};
    for (int k = 0; k < 2; k++) {
        int b = names[k][0] ? ct_vk_scene_find_body(s, names[k]) : -1;
        if (b < 0) continue;
        m->highlight[m->nhighlight].body = b;
        memcpy(m->highlight[m->nhighlight].rgba, collision ? red : orange, sizeof red);
        m->nhighlight++;
    }
    if (!f->body_b[0]) return; /* joint findings: no witness points */
    const ct_vec3 *p[2] = {&f->point_a, &f->point_b};
    for (int k = 0; k < 2; k++) {
        ct_vk_marker *mk = &m->marker[k];
        mk->pos[0] = p[k]->x, mk->pos[1] = p[k]->y, mk->pos[2] = p[k]->z;
        mk->size = 0.06;
        memcpy(mk->rgba, yellow, sizeof yellow);
        memcpy(m->witness + 3 * k, mk->pos, sizeof mk->pos);
    }
    m->nmarker = 2;
    if (!collision) { /* near-miss: the gap between the witness points */
        m->has_line = 1;
        m->line.npoint = 2;
        m->line.point = m->witness;
        memcpy(m->line.rgba, orange, sizeof orange);
        m->line.on_top = 1;
    }
}

int ct_vk_finding_box(const ct_finding *f, double lo[3], double hi[3]) {
    if (!f->body_b[0]) return 0;
    const double a[3] = {f->point_a.x, f->point_a.y, f->point_a.z}, b[3] = {f->point_b.x, f->point_b.y, f->point_b.z};
    for (int k = 0; k < 3; k++) {
        lo[k] = fmin(a[k], b[k]) - 0.6;
        hi[k] = fmax(a[k], b[k]) + 0.6;
    }
    return 1;
}
