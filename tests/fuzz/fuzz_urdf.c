/* libFuzzer target: ct_urdf_parse on arbitrary bytes. A successful parse must satisfy the
 * documented invariants (indices in range, one root, finite numbers, unit axes); any crash,
 * leak, sanitizer report or broken invariant is a finding. */
#include "celltwin/urdf.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static void check_model(const ct_urdf_model *m) {
    CHECK(m->nlink > 0 && m->root >= 0 && m->root < m->nlink);
    CHECK(m->njoint == m->nlink - 1);  /* one tree */
    for (int j = 0; j < m->njoint; j++) {
        const ct_urdf_joint *jt = &m->joints[j];
        CHECK(jt->parent >= 0 && jt->parent < m->nlink && jt->child >= 0 && jt->child < m->nlink);
        CHECK(jt->child != m->root && jt->parent != jt->child);
        CHECK(jt->mimic >= -1 && jt->mimic < m->njoint && jt->mimic != j);
        CHECK(!(jt->lower > jt->upper));
        CHECK(isfinite(jt->origin.p.x) && isfinite(jt->origin.p.y) && isfinite(jt->origin.p.z));
        double n = sqrt(jt->axis.x * jt->axis.x + jt->axis.y * jt->axis.y + jt->axis.z * jt->axis.z);
        CHECK(fabs(n - 1) < 1e-9);
    }
    for (int i = 0; i < m->nlink; i++) {
        CHECK(m->links[i].name != NULL);
        for (int v = 0; v < m->links[i].nvisual; v++)
            CHECK(m->links[i].visuals[v].type != CT_GEOM_MESH || m->links[i].visuals[v].mesh_path);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ct_urdf_model *m = NULL;
    ct_error err;
    if (ct_urdf_parse((const char *)data, size, "fuzz.urdf", NULL, &m, &err) == CT_OK) check_model(m);
    else CHECK(m == NULL && err.code != CT_OK && err.message[0]);
    ct_urdf_free(m);
    return 0;
}
