/* Mesh import through the Assimp C API: STL (binary/ASCII), COLLADA, OBJ.
 * Assimp 5.2 behaviour (checked): COLLADA <unit meter> scales vertices and node translations;
 * <up_axis>Z_UP is rotated to Y_UP unless told otherwise. ROS/URDF meshes are authored in the
 * link frame, so we keep the units but ignore the up axis
 * (AI_CONFIG_IMPORT_COLLADA_IGNORE_UP_DIRECTION); the UR5e .dae visuals then match their .stl
 * collision meshes. Node transforms are baked in (aiProcess_PreTransformVertices); vertices are
 * welded by exact position (Assimp's join also compares normals, which keeps STL corners apart). */
#include "mesh_internal.h"

#include <assimp/cimport.h>
#include <assimp/config.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

/* Exact-position weld: hash of the float bits (with -0 folded into +0). */
typedef struct weld_map {
    int *slot;      /* (cap) vertex index or -1 */
    unsigned cap;   /* power of two, >= 2 x vertices */
} weld_map;

static uint32_t fbits(float f) {
    if (f == 0.0f) f = 0.0f;  /* -0 == +0 */
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static unsigned hash3(const float *p) {
    uint64_t h = 1469598103934665603ull;
    for (int d = 0; d < 3; d++) h = (h ^ fbits(p[d])) * 1099511628211ull;
    return (unsigned)(h ^ (h >> 32));
}

static int same3(const float *a, const float *b) {
    return fbits(a[0]) == fbits(b[0]) && fbits(a[1]) == fbits(b[1]) && fbits(a[2]) == fbits(b[2]);
}

/* Welds (ncorner x 3) corner positions into unique vertices (first-seen order) and corner indices. */
static int weld(const float *corner, int ncorner, float *vert, int *index, int *nvert) {
    weld_map w;
    w.cap = 16;
    while (w.cap < 2u * (unsigned)ncorner) w.cap *= 2;
    w.slot = ct_alloc(sizeof(int) * w.cap);
    if (!w.slot) return -1;
    memset(w.slot, 0xff, sizeof(int) * w.cap);
    int n = 0;
    for (int i = 0; i < ncorner; i++) {
        const float *p = &corner[3 * i];
        unsigned j = hash3(p) & (w.cap - 1);
        while (w.slot[j] >= 0 && !same3(&vert[3 * w.slot[j]], p)) j = (j + 1) & (w.cap - 1);
        if (w.slot[j] < 0) {
            memcpy(&vert[3 * n], p, sizeof(float) * 3);
            w.slot[j] = n++;
        }
        index[i] = w.slot[j];
    }
    ct_free(w.slot);
    *nvert = n;
    return 0;
}

/* Imports the file with Assimp; NULL with err filled on failure. */
static const struct aiScene *import(const char *path, ct_error *err) {
    struct aiPropertyStore *props = aiCreatePropertyStore();
    aiSetImportPropertyInteger(props, AI_CONFIG_IMPORT_COLLADA_IGNORE_UP_DIRECTION, 1);
    aiSetImportPropertyInteger(props, AI_CONFIG_PP_SBP_REMOVE, aiPrimitiveType_POINT | aiPrimitiveType_LINE);
    unsigned flags = aiProcess_Triangulate | aiProcess_PreTransformVertices | aiProcess_SortByPType |
                     aiProcess_JoinIdenticalVertices;
    const struct aiScene *s = aiImportFileExWithProperties(path, flags, NULL, props);
    aiReleasePropertyStore(props);
    if (!s) {
        const char *why = aiGetErrorString();
        ct_error_set(err, CT_ERR_PARSE, path, 0, 0, "cannot import mesh '%s': %s", path,
                     why && why[0] ? why : "unknown Assimp error");
    }
    return s;
}

/* Copies every triangle corner (after node transforms) into an (ntri x 3 x 3) float array. */
static ct_status gather(const struct aiScene *s, const char *path, float **corner, int *ntri, ct_error *err) {
    uint64_t n = 0;
    for (unsigned i = 0; i < s->mNumMeshes; i++)
        for (unsigned f = 0; f < s->mMeshes[i]->mNumFaces; f++) n += s->mMeshes[i]->mFaces[f].mNumIndices == 3;
    if (n == 0) return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "mesh '%s' has no triangles", path);
    if (n > INT32_MAX / 9) return ct_error_set(err, CT_ERR_LIMIT, path, 0, 0, "mesh '%s' has too many triangles", path);
    float *c = ct_alloc(sizeof(float) * 9 * (size_t)n);
    if (!c) return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory loading '%s'", path);
    size_t k = 0;
    for (unsigned i = 0; i < s->mNumMeshes; i++) {
        const struct aiMesh *m = s->mMeshes[i];
        for (unsigned f = 0; f < m->mNumFaces; f++) {
            const struct aiFace *face = &m->mFaces[f];
            if (face->mNumIndices != 3) continue;
            for (int v = 0; v < 3; v++) {
                unsigned vi = face->mIndices[v];
                if (vi >= m->mNumVertices) {
                    ct_free(c);
                    return ct_error_set(err, CT_ERR_PARSE, path, 0, 0, "mesh '%s': bad vertex index", path);
                }
                const struct aiVector3D *p = &m->mVertices[vi];
                c[k++] = p->x;
                c[k++] = p->y;
                c[k++] = p->z;
            }
        }
    }
    for (size_t i = 0; i < k; i++)
        if (!isfinite(c[i])) {
            ct_free(c);
            return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "mesh '%s' has a NaN or infinite vertex (triangle %zu)",
                                path, i / 9);
        }
    *corner = c;
    *ntri = (int)n;
    return CT_OK;
}

/* Checks the file before Assimp sees it: unresolved package URI, missing, empty. */
static ct_status precheck(const char *path, ct_error *err) {
    if (strncmp(path, "package://", 10) == 0)
        return ct_error_set(err, CT_ERR_NOT_FOUND, path, 0, 0,
                            "cannot resolve '%s': no folder named after the package (or holding the file) was "
                            "found next to the URDF or above it", path);
    struct stat st;
    if (stat(path, &st) != 0)
        return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot open mesh '%s': %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode)) return ct_error_set(err, CT_ERR_IO, path, 0, 0, "mesh '%s' is not a regular file", path);
    if (st.st_size == 0) return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "mesh '%s' is an empty file", path);
    return CT_OK;
}

ct_status ct_mesh_load(const char *path, const double scale[3], ct_mesh **out, ct_error *err) {
    ct_error_clear(err);
    if (out) *out = NULL;
    if (!path || !out) return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "invalid arguments");
    double sc[3] = {1, 1, 1};
    if (scale) memcpy(sc, scale, sizeof sc);
    for (int d = 0; d < 3; d++)
        if (!isfinite(sc[d]) || sc[d] == 0)
            return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "mesh '%s': scale must be finite and non-zero", path);
    ct_status st = precheck(path, err);
    if (st != CT_OK) return st;

    const struct aiScene *s = import(path, err);
    if (!s) return err ? err->code : CT_ERR_PARSE;
    float *corner = NULL;
    int ntri = 0;
    st = gather(s, path, &corner, &ntri, err);
    aiReleaseImport(s);
    if (st != CT_OK) return st;

    /* Weld, then scale; a mirroring scale (negative determinant) flips the winding back. */
    ct_mesh *m = ct_mesh_alloc_block(3 * ntri, ntri);
    if (!m) {
        ct_free(corner);
        return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory loading '%s'", path);
    }
    int nvert = 0;
    if (weld(corner, 3 * ntri, m->vert, m->tri, &nvert) != 0) {
        ct_free(corner);
        ct_mesh_free(m);
        return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory loading '%s'", path);
    }
    ct_free(corner);
    ct_mesh *w = ct_mesh_alloc_block(nvert, ntri);  /* compact block of the welded size */
    if (!w) {
        ct_mesh_free(m);
        return ct_error_set(err, CT_ERR_NO_MEMORY, path, 0, 0, "out of memory loading '%s'", path);
    }
    for (int i = 0; i < nvert; i++)
        for (int d = 0; d < 3; d++) w->vert[3 * i + d] = (float)(m->vert[3 * i + d] * sc[d]);
    memcpy(w->tri, m->tri, sizeof(int) * 3 * (size_t)ntri);
    ct_mesh_free(m);
    if (sc[0] * sc[1] * sc[2] < 0)
        for (int t = 0; t < ntri; t++) {
            int tmp = w->tri[3 * t + 1];
            w->tri[3 * t + 1] = w->tri[3 * t + 2];
            w->tri[3 * t + 2] = tmp;
        }
    for (int i = 0; i < 3 * nvert; i++)
        if (!isfinite(w->vert[i])) {
            ct_mesh_free(w);
            return ct_error_set(err, CT_ERR_INVALID, path, 0, 0, "mesh '%s': vertex overflows after scaling", path);
        }
    ct_mesh_update_derived(w);
    *out = w;
    return CT_OK;
}
