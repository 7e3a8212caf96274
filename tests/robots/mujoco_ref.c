/* MuJoCo reference model of a ct_robot: URDF preparation (strip geometry, keep fixed links),
 * in-memory loading through a heap-allocated mjVFS (2 MB in MuJoCo 2.2.2), name mapping, state
 * setting with mimic joints, and inverse dynamics folded onto the ct dofs. */
#include "mujoco_ref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text helpers ---- */

typedef struct sbuf { char *p; size_t n, cap; } sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
    if (b->n + n + 1 > b->cap) {
        b->cap = 2 * (b->n + n + 1);
        b->p = realloc(b->p, b->cap);
        if (!b->p) abort(); /* test/bench helper: out of memory is fatal */
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

/* 1 when `s` starts the element `name` (followed by a space, '/' or '>'). */
static int is_tag(const char *s, const char *name) {
    size_t n = strlen(name);
    return s[0] == '<' && !strncmp(s + 1, name, n) && strchr(" \t\r\n/>", s[1 + n]) != NULL;
}

/* End of the element starting at s (after its end tag or its self-closing '/>'), or NULL. */
static const char *element_end(const char *s, const char *name) {
    const char *gt = strchr(s, '>');
    if (!gt) return NULL;
    if (gt[-1] == '/') return gt + 1;
    char close[64];
    snprintf(close, sizeof close, "</%s>", name);
    const char *e = strstr(gt, close);
    return e ? e + strlen(close) : NULL;
}

char *ct_mjref_prepare_urdf(const char *text, const char *compiler_attrs, const char *extra_xml) {
    sbuf b = {0};
    int robot_seen = 0;
    const char *s = text;
    while (*s) {
        const char *end = NULL;
        if (!strncmp(s, "<!--", 4)) {
            end = strstr(s, "-->");
            end = end ? end + 3 : s + strlen(s);
        } else if (!strncmp(s, "<?", 2)) {
            end = strstr(s, "?>");
            end = end ? end + 2 : s + strlen(s);
        } else if (is_tag(s, "visual")) {
            end = element_end(s, "visual");
        } else if (is_tag(s, "collision")) {
            end = element_end(s, "collision");
        }
        if (end) { s = end; continue; }
        if (!robot_seen && is_tag(s, "robot")) {
            const char *gt = strchr(s, '>');
            if (!gt) break;
            sb_put(&b, s, (size_t)(gt + 1 - s));
            sb_put(&b, "<mujoco><compiler ", 18);
            sb_put(&b, compiler_attrs, strlen(compiler_attrs));
            sb_put(&b, "/></mujoco>", 11);
            robot_seen = 1;
            s = gt + 1;
            continue;
        }
        if (extra_xml && !strncmp(s, "</robot>", 8)) sb_put(&b, extra_xml, strlen(extra_xml));
        sb_put(&b, s, 1);
        s++;
    }
    if (!b.p) sb_put(&b, "", 0);
    return b.p;
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
    if (buf) buf[n] = 0;
    fclose(f);
    return buf;
}

/* Loads XML text through an in-memory VFS. */
static mjModel *load_xml_text(const char *xml, char *msg, int msgsize) {
    mjVFS *vfs = malloc(sizeof *vfs);
    if (!vfs) return NULL;
    mj_defaultVFS(vfs);
    const char *name = "ct_mjref_robot.urdf";
    int len = (int)strlen(xml);
    mjModel *m = NULL;
    if (mj_makeEmptyFileVFS(vfs, name, len) == 0) {
        memcpy(vfs->filedata[mj_findFileVFS(vfs, name)], xml, (size_t)len);
        m = mj_loadXML(name, vfs, msg, msgsize);
    } else snprintf(msg, (size_t)msgsize, "mjVFS is full");
    mj_deleteVFS(vfs);
    free(vfs);
    return m;
}

ct_status ct_mjref_create(const ct_robot *robot, const char *urdf_path, const char *extra_xml, int bound_mass,
                          ct_mjref **out, ct_error *err) {
    *out = NULL;
    char *text = read_file(urdf_path);
    if (!text) return ct_error_set(err, CT_ERR_IO, urdf_path, 0, 0, "cannot read");
    /* fusestatic=false keeps fixed links as bodies; without geoms nothing else sets inertia */
    const char *attrs = bound_mass ? "fusestatic=\"false\" inertiafromgeom=\"false\" boundmass=\"1e-6\" boundinertia=\"1e-9\""
                                   : "fusestatic=\"false\" inertiafromgeom=\"false\"";
    char *xml = ct_mjref_prepare_urdf(text, attrs, extra_xml);
    free(text);
    char msg[1000] = "";
    mjModel *m = load_xml_text(xml, msg, sizeof msg);
    free(xml);
    if (!m) return ct_error_set(err, CT_ERR_PARSE, urdf_path, 0, 0, "MuJoCo: %s", msg);
    ct_mjref *r = calloc(1, sizeof *r);
    r->m = m;
    r->d = mj_makeData(m);
    r->nlink = robot->nlink;
    r->body = malloc(sizeof(int) * (size_t)robot->nlink);
    r->qpos = malloc(sizeof(int) * (size_t)robot->nlink);
    r->dof = malloc(sizeof(int) * (size_t)robot->nlink);
    for (int l = 0; l < robot->nlink; l++) {
        r->body[l] = mj_name2id(m, mjOBJ_BODY, robot->link_name[l]);
        r->qpos[l] = r->dof[l] = -1;
        if (robot->link_joint_type[l] == CT_JOINT_FIXED || !robot->link_joint_name[l]) continue;
        int j = mj_name2id(m, mjOBJ_JOINT, robot->link_joint_name[l]);
        if (j < 0) {
            ct_mjref_destroy(r);
            return ct_error_set(err, CT_ERR_NOT_FOUND, urdf_path, 0, 0, "MuJoCo model has no joint '%s'",
                                robot->link_joint_name[l]);
        }
        r->qpos[l] = m->jnt_qposadr[j];
        r->dof[l] = m->jnt_dofadr[j];
    }
    *out = r;
    return CT_OK;
}

void ct_mjref_destroy(ct_mjref *r) {
    if (!r) return;
    if (r->d) mj_deleteData(r->d);
    if (r->m) mj_deleteModel(r->m);
    free(r->body);
    free(r->qpos);
    free(r->dof);
    free(r);
}

void ct_mjref_set_state(ct_mjref *r, const ct_robot *robot, const double *q, const double *qd, const double *qdd) {
    mjData *d = r->d;
    memset(d->qpos, 0, sizeof(mjtNum) * (size_t)r->m->nq);
    memset(d->qvel, 0, sizeof(mjtNum) * (size_t)r->m->nv);
    memset(d->qacc, 0, sizeof(mjtNum) * (size_t)r->m->nv);
    for (int l = 0; l < robot->nlink; l++) {
        int k = robot->link_dof[l];
        if (k < 0 || r->qpos[l] < 0) continue;
        double mul = robot->link_mimic_mul[l];
        d->qpos[r->qpos[l]] = mul * (q ? q[k] : 0) + robot->link_mimic_off[l];
        d->qvel[r->dof[l]] = qd ? mul * qd[k] : 0;
        d->qacc[r->dof[l]] = qdd ? mul * qdd[k] : 0;
    }
}

void ct_mjref_rne(ct_mjref *r, const ct_robot *robot, double *tau) {
    mj_fwdPosition(r->m, r->d);
    mj_comVel(r->m, r->d);
    mjtNum *res = malloc(sizeof(mjtNum) * (size_t)(r->m->nv > 0 ? r->m->nv : 1));
    mj_rne(r->m, r->d, 1, res);
    for (int k = 0; k < robot->ndof; k++) tau[k] = 0;
    for (int l = 0; l < robot->nlink; l++)
        if (robot->link_dof[l] >= 0 && r->dof[l] >= 0) tau[robot->link_dof[l]] += robot->link_mimic_mul[l] * res[r->dof[l]];
    free(res);
}
