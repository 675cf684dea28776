/* Bump allocator over a chain of blocks, with a debug mode where each item
 * is a separate malloc. Growth doubles the block size up to a cap. */
#include "base/arena.h"

#include <glib.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_FIRST 8192
#define ARENA_MAX_BLOCK (1u << 20)

typedef struct block {
    struct block *next;
    size_t size;   /* usable bytes after the header */
    size_t used;
    max_align_t data[];
} block;

struct msp_arena {
    block *head;
    size_t next_size;
    size_t used;
#ifdef MSP_DEBUG_ARENA
    GPtrArray *items;
#endif
};

msp_arena *msp_arena_new(void)
{
    msp_arena *a = g_new0(msp_arena, 1);
    a->next_size = ARENA_FIRST;
#ifdef MSP_DEBUG_ARENA
    a->items = g_ptr_array_new_with_free_func(g_free);
#endif
    return a;
}

static void free_blocks(block *b)
{
    while (b) {
        block *n = b->next;
        g_free(b);
        b = n;
    }
}

void msp_arena_free(msp_arena *a)
{
    if (!a)
        return;
    free_blocks(a->head);
#ifdef MSP_DEBUG_ARENA
    g_ptr_array_free(a->items, TRUE);
#endif
    g_free(a);
}

void msp_arena_reset(msp_arena *a)
{
#ifdef MSP_DEBUG_ARENA
    g_ptr_array_set_size(a->items, 0);
#endif
    if (a->head) {
        /* keep the newest (largest) block */
        free_blocks(a->head->next);
        a->head->next = NULL;
        a->head->used = 0;
    }
    a->used = 0;
}

void *msp_arena_alloc(msp_arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    a->used += n;
#ifdef MSP_DEBUG_ARENA
    void *p = g_malloc0(n);
    g_ptr_array_add(a->items, p);
    return p;
#else
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < n)
        g_error("arena: allocation size overflow");
    block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t size = a->next_size;
        if (size < need)
            size = need;
        b = g_malloc(sizeof(block) + size);
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
        if (a->next_size < ARENA_MAX_BLOCK)
            a->next_size *= 2;
    }
    void *p = (char *)b->data + b->used;
    b->used += need;
    memset(p, 0, n);
    return p;
#endif
}

void *msp_arena_alloc_array(msp_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        g_error("arena: array size overflow (%zu x %zu)", count, size);
    return msp_arena_alloc(a, count * size);
}

char *msp_arena_strndup(msp_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = msp_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *msp_arena_strdup(msp_arena *a, const char *s)
{
    return s ? msp_arena_strndup(a, s, strlen(s)) : NULL;
}

char *msp_arena_printf(msp_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *tmp = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *p = msp_arena_strdup(a, tmp);
    g_free(tmp);
    return p;
}

size_t msp_arena_used(const msp_arena *a)
{
    return a->used;
}
