/* Mesh output: binary STL written atomically (path.tmp.<pid>, fsync, rename). */
#include "mesh_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Little-endian float32 / uint32 into a byte buffer. */
static unsigned char *put_u32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
    return p + 4;
}
static unsigned char *put_f32(unsigned char *p, float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return put_u32(p, u);
}

/* Unit face normal of triangle t (zero for a degenerate triangle). */
static void face_normal(const ct_mesh *m, int t, float n[3]) {
    const float *a = &m->vert[3 * m->tri[3 * t]], *b = &m->vert[3 * m->tri[3 * t + 1]],
                *c = &m->vert[3 * m->tri[3 * t + 2]];
    double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
    double x[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    double len = sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    for (int d = 0; d < 3; d++) n[d] = len > 0 ? (float)(x[d] / len) : 0.0f;
}

static ct_status write_all(FILE *f, const ct_mesh *m) {
    unsigned char head[84] = "celltwin binary STL";
    put_u32(head + 80, (uint32_t)m->ntri);
    if (fwrite(head, 1, sizeof head, f) != sizeof head) return CT_ERR_IO;
    for (int t = 0; t < m->ntri; t++) {
        unsigned char rec[50], *p = rec;
        float n[3];
        face_normal(m, t, n);
        for (int d = 0; d < 3; d++) p = put_f32(p, n[d]);
        for (int k = 0; k < 3; k++)
            for (int d = 0; d < 3; d++) p = put_f32(p, m->vert[3 * m->tri[3 * t + k] + d]);
        p[0] = p[1] = 0;  /* attribute byte count */
        if (fwrite(rec, 1, sizeof rec, f) != sizeof rec) return CT_ERR_IO;
    }
    return CT_OK;
}

/* Makes the rename durable by syncing the containing directory (best effort). */
static void sync_dir(const char *path) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) slash[slash == dir ? 1 : 0] = 0;
    else snprintf(dir, sizeof dir, ".");
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

ct_status ct_mesh_write_stl(const ct_mesh *mesh, const char *path, ct_error *err) {
    ct_error_clear(err);
    if (!mesh || !path) return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "invalid arguments");
    char tmp[4200];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp) return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "path too long");
    FILE *f = fopen(tmp, "wb");
    if (!f) return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot create '%s': %s", tmp, strerror(errno));
    ct_status st = write_all(f, mesh);
    if (st == CT_OK && fflush(f) != 0) st = CT_ERR_IO;
    if (st == CT_OK && fsync(fileno(f)) != 0) st = CT_ERR_IO;
    int saved = errno;
    if (fclose(f) != 0 && st == CT_OK) {
        st = CT_ERR_IO;
        saved = errno;
    }
    if (st == CT_OK && rename(tmp, path) != 0) {
        st = CT_ERR_IO;
        saved = errno;
    }
    if (st != CT_OK) {
        remove(tmp);
        return ct_error_set(err, st, path, 0, 0, "cannot write STL '%s': %s", path, strerror(saved));
    }
    sync_dir(path);
    return CT_OK;
}
