/* `dump FILE` (script): what the side panel shows, as JSON, written atomically (FILE.tmp then
 * rename): time, selection, follow flag, camera target, reload state, verification state and
 * progress, every step (robot, S<n>, file:line, comment, start time) with the current one per
 * robot, every finding (streamed so far while the verification runs), joint values and limits in
 * degrees, every body's world bounds (m) at the current pose, and while frames are shown (key a)
 * each frame's name ("r1/base", "r1/tcp", "r1/user1"), origin and unit x, y, z axes in the cell
 * frame (m) and axis length (m). The pose and the follow-TCP
 * target are brought to the current time first (as the next frame shows them). Strings are
 * JSON-escaped UTF-8. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "viewer_internal.h"

static void jstr(FILE *f, const char *s) {
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
        else if (*p < 0x20) fprintf(f, "\\u%04x", *p);
        else fputc(*p, f);
    }
    fputc('"', f);
}

static double deg(double v) { return isfinite(v) ? v * 180 / M_PI : (v > 0 ? 1e9 : -1e9); }

ct_status vw_dump(vw_state *s, const char *path, ct_error *err) {
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) return ct_error_set(err, CT_ERR_IO, tmp, 0, 0, "cannot write the dump");
    vw_pose(s);
    vw_follow_target(s);
    const ct_verify_report *rep = s->ver.rep;
    int pd, np;
    pthread_mutex_lock(&s->ver.mu);
    pd = s->ver.pairs_done, np = s->ver.npair;
    pthread_mutex_unlock(&s->ver.mu);
    fprintf(f, "{\n  \"time\": %.9g,\n  \"duration\": %.9g,\n  \"playing\": %d,\n  \"follow\": %d,\n", s->t,
            s->duration, s->playing, s->follow);
    fprintf(f, "  \"selected_robot\": %d,\n  \"selected_finding\": %d,\n  \"reloads\": %d,\n  \"reload_error\": ",
            s->sel_robot, s->finding >= 0 && s->t == s->finding_t ? s->finding : -1, s->watch.reloads);
    jstr(f, s->watch.msg);
    fprintf(f, ",\n  \"verification\": \"%s\",\n  \"pairs_done\": %d,\n  \"npair\": %d,\n",
            !s->ver.joined ? "running" : rep ? "done" : "failed", pd, np);
    fprintf(f, "  \"camera_target\": [%.17g, %.17g, %.17g],\n", s->target[0], s->target[1], s->target[2]);
    fprintf(f, "  \"current_steps\": [");
    for (int r = 0; r < s->nr; r++) fprintf(f, "%s%d", r ? ", " : "", vw_current_step(s, r));
    fprintf(f, "],\n  \"steps\": [");
    for (int k = 0; k < s->nstep; k++) {
        const vw_step *st = &s->steps[k];
        fprintf(f, "%s\n    {\"robot\": ", k ? "," : "");
        jstr(f, s->cell->robot[st->robot].name);
        fprintf(f, ", \"step\": %d, \"file\": ", st->step);
        jstr(f, st->file);
        fprintf(f, ", \"line\": %d, \"t0\": %.9g, \"comment\": ", st->line, st->t0);
        jstr(f, st->comment);
        fputc('}', f);
    }
    fprintf(f, "],\n  \"findings\": [");
    for (int i = 0; rep && i < rep->nfinding; i++) {
        const ct_finding *fd = &rep->finding[i];
        fprintf(f, "%s\n    {\"kind\": \"%s\", \"time\": %.17g, \"body_a\": ", i ? "," : "",
                ct_finding_kind_name(fd->kind), fd->time);
        jstr(f, fd->body_a);
        fprintf(f, ", \"body_b\": ");
        jstr(f, fd->body_b);
        fprintf(f, ", \"file\": ");
        jstr(f, fd->src.file);
        fprintf(f, ", \"line\": %d}", fd->src.line);
    }
    fprintf(f, "],\n  \"joints\": [");
    int first = 1;
    for (int r = 0; r < s->nr; r++) {
        const ct_robot *rb = s->cell->robot[r].robot;
        if (!s->qptr[r] || !rb) continue;
        fprintf(f, "%s\n    {\"robot\": ", first ? "" : ",");
        first = 0;
        jstr(f, s->cell->robot[r].name);
        const char *key[3] = {"deg", "lower", "upper"};
        for (int a = 0; a < 3; a++) {
            fprintf(f, ", \"%s\": [", key[a]);
            for (int j = 0; j < rb->ndof; j++)
                fprintf(f, "%s%.6f", j ? ", " : "",
                        deg(a == 0 ? s->qptr[r][j] : a == 1 ? rb->dof_lower[j] : rb->dof_upper[j]));
            fputc(']', f);
        }
        fputc('}', f);
    }
    fprintf(f, "],\n  \"bodies\": [");
    for (int b = 0, nb = ct_vk_scene_body_count(s->scene), k = 0; b < nb; b++) {
        double lo[3], hi[3];
        if (!ct_vk_scene_body_bounds(s->scene, b, s->qptr, lo, hi)) continue;
        fprintf(f, "%s\n    {\"name\": ", k++ ? "," : "");
        jstr(f, ct_vk_scene_body_name(s->scene, b));
        fprintf(f, ", \"lo\": [%.9g, %.9g, %.9g], \"hi\": [%.9g, %.9g, %.9g]}", lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]);
    }
    fprintf(f, "],\n  \"frames_on\": %d,\n  \"frames\": [", s->frames_on);
    vw_frames fr = {0};
    if (s->frames_on && !vw_frames_make(s, &fr)) fprintf(f, "\n    {\"error\": \"out of memory\"}");
    for (int k = 0; k < fr.n; k++) {
        const ct_xform *x = &fr.axes[k].pose;
        fprintf(f, "%s\n    {\"name\": ", k ? "," : "");
        jstr(f, fr.name[k]);
        fprintf(f, ", \"origin\": [%.17g, %.17g, %.17g]", x->p.x, x->p.y, x->p.z);
        for (int a = 0; a < 3; a++)
            fprintf(f, ", \"%c\": [%.17g, %.17g, %.17g]", "xyz"[a], x->R.m[a], x->R.m[3 + a], x->R.m[6 + a]);
        fprintf(f, ", \"length\": %.9g}", fr.axes[k].length);
    }
    vw_frames_free(&fr);
    fprintf(f, "]\n}\n");
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
        remove(tmp);
        return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot write the dump");
    }
    return CT_OK;
}
