/* Levels of detail: simplified index ranges of large meshes (meshoptimizer's edge-collapse
 * simplifier) over the mesh's own vertices, each with its geometric error in metres, so that the
 * frame can pick per shape the coarsest level whose error stays under a pixel. */
#include <stdint.h>
#include <string.h>

#include <meshoptimizer.h>

#include "render_prim.h"

/* Level k (1..3): at most 1/8^k of the triangles, at most err_rel[k] of the mesh extent. The
 * simplifier stops at whichever comes first; a level that saves less than a quarter of the
 * previous one's triangles ends the list. */
static const float err_rel[RV_MAX_LOD] = {0.0f, 0.004f, 0.02f, 0.08f};

int rv_geom_build_lods(rv_geom *g, rv_mesh_range *m, int min_tri) {
    m->nlod = 1;
    m->lod[0].first_index = m->first_index;
    m->lod[0].nindex = m->nindex;
    m->lod[0].vertex_offset = m->vertex_offset;
    m->lod[0].error = 0.0f;
    if (min_tri <= 0 || m->nindex / 3 < (uint32_t)min_tri || m->nvert <= 0) return 1;
    size_t n0 = m->nindex;
    /* the source indices: copied, as appending levels may move g->index and g->vert */
    unsigned int *src = (unsigned int *)ct_alloc(n0 * sizeof *src);
    unsigned int *dst = (unsigned int *)ct_alloc(n0 * sizeof *dst);
    unsigned int *remap = (unsigned int *)ct_alloc((size_t)m->nvert * sizeof *remap);
    if (!src || !dst || !remap) {
        ct_free(src);
        ct_free(dst);
        ct_free(remap);
        return 0;
    }
    memcpy(src, g->index + m->first_index, n0 * sizeof *src);
    const float *pos = g->vert + (size_t)m->vertex_offset * 6;
    float scale = meshopt_simplifyScale(pos, (size_t)m->nvert, 6 * sizeof(float));
    size_t prev = n0;
    int ok = 1;
    for (int k = 1; k < RV_MAX_LOD; k++) {
        size_t target = (n0 >> (3 * k)) / 3 * 3;
        if (target < 3) break;
        float rel = 0.0f;
        size_t n = meshopt_simplify(dst, src, n0, pos, (size_t)m->nvert, 6 * sizeof(float), target, err_rel[k], 0,
                                    &rel);
        if (n < 3 || n > prev * 3 / 4) break;
        /* the level's own vertices (those its triangles use, in first-use order): a draw then
         * touches only them, not the whole mesh's vertex range */
        int nused = 0;
        for (int i = 0; i < m->nvert; i++) remap[i] = UINT32_MAX;
        for (size_t i = 0; i < n; i++)
            if (remap[dst[i]] == UINT32_MAX) remap[dst[i]] = (unsigned int)nused++;
        if (!rv_geom_reserve(g, nused, (int)n)) {
            ok = 0;
            break;
        }
        pos = g->vert + (size_t)m->vertex_offset * 6; /* may have moved */
        rv_lod *l = &m->lod[m->nlod++];
        l->first_index = (uint32_t)g->nindex;
        l->nindex = (uint32_t)n;
        l->vertex_offset = g->nvert;
        l->error = rel * scale;
        for (int i = 0; i < m->nvert; i++)
            if (remap[i] != UINT32_MAX)
                memcpy(g->vert + ((size_t)g->nvert + remap[i]) * 6, pos + (size_t)i * 6, 6 * sizeof(float));
        for (size_t i = 0; i < n; i++) g->index[g->nindex + i] = remap[dst[i]];
        g->nvert += nused;
        g->nindex += (int)n;
        prev = n;
    }
    ct_free(src);
    ct_free(dst);
    ct_free(remap);
    return ok;
}
