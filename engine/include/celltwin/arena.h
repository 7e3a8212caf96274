/* Arena: a bump allocator for scratch memory. Allocation never touches the heap once the arena
 * has been sized; ct_arena_reset frees everything at once. Alignment is 32 bytes. */
#ifndef CELLTWIN_ARENA_H
#define CELLTWIN_ARENA_H

#include "celltwin/base.h"

typedef struct ct_arena {
    unsigned char *block; /* owned allocation */
    unsigned char *base;  /* first 32-byte aligned byte of block */
    size_t capacity;      /* bytes */
    size_t used;          /* bytes */
    size_t high_water;    /* largest `used` seen (bytes) */
} ct_arena;

/* Creates an arena of `capacity` bytes. Returns CT_ERR_NO_MEMORY on failure. */
CT_API ct_status ct_arena_init(ct_arena *a, size_t capacity);
CT_API void ct_arena_destroy(ct_arena *a);
/* Returns zeroed, 32-byte aligned memory, or NULL when the arena is full (never grows here). */
CT_API void *ct_arena_alloc(ct_arena *a, size_t size);
/* Position markers for stack-like use: mark, allocate, then release back to the mark. */
static inline size_t ct_arena_mark(const ct_arena *a) { return a->used; }
static inline void ct_arena_release(ct_arena *a, size_t mark) { a->used = mark; }
static inline void ct_arena_reset(ct_arena *a) { a->used = 0; }
#define CT_ARENA_ALLOC(a, n, type) ((type *)ct_arena_alloc((a), (size_t)(n) * sizeof(type)))

#endif
