/* Arena: many small allocations freed together when a job ends. The FO tree,
 * the area tree and their strings come from a job's arena; nodes are never
 * freed one by one. Built with MSP_DEBUG_ARENA, every item is a real malloc
 * so ASan and valgrind see every overrun. Not thread-safe: one per job. */
#ifndef MSP_ARENA_H
#define MSP_ARENA_H

#include <stddef.h>

typedef struct msp_arena msp_arena;

/* Returns a new empty arena; never NULL (aborts on out-of-memory, as GLib). */
msp_arena *msp_arena_new(void);
/* Frees every item and the arena. NULL is allowed. */
void msp_arena_free(msp_arena *arena);
/* Frees every item but keeps the first block for reuse. */
void msp_arena_reset(msp_arena *arena);

/* Zeroed memory for n bytes, aligned for any type; lives until free/reset. */
void *msp_arena_alloc(msp_arena *arena, size_t n);
/* Zeroed array of count items of size bytes, overflow-checked (aborts). */
void *msp_arena_alloc_array(msp_arena *arena, size_t count, size_t size);
/* Copies of strings; NULL in gives NULL out. */
char *msp_arena_strdup(msp_arena *arena, const char *s);
char *msp_arena_strndup(msp_arena *arena, const char *s, size_t n);
char *msp_arena_printf(msp_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for memory accounting and tests). */
size_t msp_arena_used(const msp_arena *arena);

#define msp_arena_new_obj(arena, type) ((type *)msp_arena_alloc((arena), sizeof(type)))

#endif
