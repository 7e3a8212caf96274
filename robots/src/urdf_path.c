/* URDF mesh path resolution: package:// URIs, file:// URIs and paths relative to the URDF. */
#include "urdf_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Joins a and b with one '/' into an owned string. */
static char *join(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    char *r = ct_alloc(na + nb + 2);
    if (!r) return NULL;
    memcpy(r, a, na);
    size_t k = na;
    if (na && a[na - 1] != '/') r[k++] = '/';
    memcpy(r + k, b, nb + 1);
    return r;
}

/* Searches dir and its ancestors for pkg/rest, <dir named pkg>/rest, then <dir>/rest. */
static char *find_package(const char *pkg, const char *rest, const char *base_dir) {
    char *dir = realpath(base_dir && base_dir[0] ? base_dir : ".", NULL);
    if (!dir) return NULL;
    char *found = NULL;
    for (;;) {
        /* dir/pkg/rest */
        char *sub = join(dir, pkg);
        char *cand = sub ? join(sub, rest) : NULL;
        ct_free(sub);
        if (cand && is_file(cand)) { found = cand; break; }
        ct_free(cand);
        /* dir is the package folder itself, or a folder that simply holds rest */
        cand = join(dir, rest);
        if (cand && is_file(cand)) { found = cand; break; }
        ct_free(cand);
        /* up one level */
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir) {
            if (dir[1] == 0) break;  /* was "/" */
            dir[1] = 0;              /* "/x" -> "/" */
            continue;
        }
        *slash = 0;
    }
    free(dir);  /* realpath uses malloc */
    return found;
}

char *ct_urdf_resolve_path(const char *filename, const char *base_dir) {
    static const char pkg_prefix[] = "package://", file_prefix[] = "file://";
    if (strncmp(filename, pkg_prefix, sizeof pkg_prefix - 1) == 0) {
        const char *p = filename + sizeof pkg_prefix - 1;
        const char *slash = strchr(p, '/');
        if (slash && slash > p && slash[1]) {
            size_t n = (size_t)(slash - p);
            char *pkg = ct_alloc(n + 1);
            if (!pkg) return NULL;
            memcpy(pkg, p, n);
            char *found = find_package(pkg, slash + 1, base_dir);
            ct_free(pkg);
            if (found) return found;
        }
        return ct_strdup(filename);  /* unresolved: reported when the mesh is loaded */
    }
    if (strncmp(filename, file_prefix, sizeof file_prefix - 1) == 0)
        return ct_strdup(filename + sizeof file_prefix - 1);
    if (filename[0] == '/' || !base_dir || !base_dir[0] || strcmp(base_dir, ".") == 0)
        return ct_strdup(filename);
    return join(base_dir, filename);
}
