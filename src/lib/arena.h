/* arena.h — a bump allocator that owns all memory of one document.
 *
 * Every per-document allocation (the parser's tree, our DOM, metadata
 * strings, the article tree) comes from one arena and is released by one
 * cc_arena_free(), so a long batch cannot creep. Allocation never returns
 * NULL: on out-of-memory the call's guard fails (oom.h).
 */
#ifndef CC_ARENA_H
#define CC_ARENA_H

#include <stddef.h>

typedef struct cc_arena_chunk cc_arena_chunk;

typedef struct cc_arena {
  cc_arena_chunk *head; /* current chunk; older chunks follow ->next */
  char *ptr, *end;      /* free space in the current chunk */
  size_t total;         /* bytes obtained from malloc, all chunks */
  size_t limit;         /* 0 = unlimited; else cc_arena_over() reports */
} cc_arena;

void cc_arena_init(cc_arena *a);
/* Releases every allocation; the arena can be reused after cc_arena_init. */
void cc_arena_free(cc_arena *a);

/* Memory aligned to 16 bytes, uninitialised. */
void *cc_arena_alloc(cc_arena *a, size_t n);
/* Zeroed memory. */
void *cc_arena_calloc(cc_arena *a, size_t n);
/* A NUL-terminated copy of n bytes of s. */
char *cc_arena_strndup(cc_arena *a, const char *s, size_t n);
char *cc_arena_strdup(cc_arena *a, const char *s);

#endif
