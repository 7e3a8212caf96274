/* Lexical path normalisation for what the report shows and stores: "a/b/../c" -> "a/c",
 * "./a//b/." -> "a/b". Never touches the file system (symbolic links are not resolved, so
 * "link/.." is taken as written); a relative path stays relative, an absolute one absolute. */
#include <string.h>

#include "report_internal.h"

char *rp_path_normalize(const char *path) {
    if (!path) return NULL;
    size_t n = strlen(path);
    int absolute = path[0] == '/';
    /* the result is never longer than the input (+ "." for an empty relative path) */
    char *out = ct_alloc(n + 2);
    if (!out) return NULL;
    size_t len = 0;   /* bytes written to out */
    size_t floor = 0; /* out[0..floor) holds leading ".." components that cannot be collapsed */
    if (absolute) out[len++] = '/', floor = 1;
    const char *p = path;
    while (*p) {
        while (*p == '/') p++;
        const char *e = p;
        while (*e && *e != '/') e++;
        size_t k = (size_t)(e - p);
        if (k == 0 || (k == 1 && p[0] == '.')) {
            /* empty component (duplicate or trailing slash) or "." */
        } else if (k == 2 && p[0] == '.' && p[1] == '.') {
            if (len > floor) {
                /* drop the last component (and the slash before it) */
                while (len > floor && out[len - 1] != '/') len--;
                if (len > floor) len--; /* the separating slash */
                else if (absolute && len == 0) len = 1;
            } else if (!absolute) {
                /* a relative path going above its start keeps its ".." */
                if (len > 0) out[len++] = '/';
                out[len++] = '.', out[len++] = '.';
                floor = len;
            } /* "/.." is "/" */
        } else {
            if (len > 0 && out[len - 1] != '/') out[len++] = '/';
            memcpy(out + len, p, k);
            len += k;
        }
        p = e;
    }
    if (len == 0) out[len++] = '.';
    out[len] = 0;
    return out;
}
