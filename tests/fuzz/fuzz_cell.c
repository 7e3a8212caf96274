/* libFuzzer target: cell JSON parsed from memory with ct_cell_parse (structure only: no robots,
 * meshes or programs are read from disk), then written back and re-parsed: what parsed once must
 * parse again. Must never crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "celltwin/cell.h"

static void quiet(ct_log_level l, const char *f, int line, const char *m, void *u) {
    (void)l; (void)f; (void)line; (void)m; (void)u;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ct_set_log_fn(quiet, NULL);
    ct_cell *cell = NULL;
    ct_error err;
    if (ct_cell_parse((const char *)data, size, "fuzz.json", NULL, &cell, &err) != CT_OK) return 0;
    char *text = NULL;
    if (ct_cell_to_json(cell, &text, &err) == CT_OK) {
        ct_cell *again = NULL;
        if (ct_cell_parse(text, strlen(text), "saved.json", NULL, &again, &err) != CT_OK) abort();
        ct_cell_destroy(again);
        ct_free(text);
    }
    ct_cell_destroy(cell);
    return 0;
}
