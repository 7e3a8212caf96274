/* Arena (bump) allocator for scratch memory. */
#include "celltwin/arena.h"

#include <string.h>

ct_status ct_arena_init(ct_arena *a, size_t capacity) {
    memset(a, 0, sizeof *a);
    a->block = ct_alloc(capacity + 31);
    if (!a->block) return CT_ERR_NO_MEMORY;
    a->base = (unsigned char *)(((uintptr_t)a->block + 31u) & ~(uintptr_t)31u);
    a->capacity = capacity;
    return CT_OK;
}

void ct_arena_destroy(ct_arena *a) {
    ct_free(a->block);
    memset(a, 0, sizeof *a);
}

void *ct_arena_alloc(ct_arena *a, size_t size) {
    size_t start = (a->used + 31u) & ~(size_t)31u;
    if (start > a->capacity || size > a->capacity - start) return NULL;
    a->used = start + size;
    if (a->used > a->high_water) a->high_water = a->used;
    void *p = a->base + start;
    memset(p, 0, size);
    return p;
}
