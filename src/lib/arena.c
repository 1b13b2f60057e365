/* arena.c — the per-document bump allocator (see arena.h). */
#include "arena.h"

#include <string.h>

#include "oom.h"

struct cc_arena_chunk {
  cc_arena_chunk *next;
  size_t size;
  /* payload follows, 16-byte aligned */
};

#define CHUNK_HDR ((sizeof(cc_arena_chunk) + 15) & ~(size_t)15)
#define CHUNK_MIN ((size_t)64 * 1024)

void cc_arena_init(cc_arena *a) { memset(a, 0, sizeof *a); }

void cc_arena_free(cc_arena *a) {
  cc_arena_chunk *c = a->head;
  while (c) {
    cc_arena_chunk *n = c->next;
    cc_mfree(c);
    c = n;
  }
  memset(a, 0, sizeof *a);
}

static void *grow(cc_arena *a, size_t n) {
  /* Chunks double with the arena's size so big documents need few mallocs,
   * but a small document stays within one 64 KiB chunk. */
  size_t want = a->total / 2;
  if (want < CHUNK_MIN) want = CHUNK_MIN;
  if (want > (size_t)16 << 20) want = (size_t)16 << 20;
  if (want < n) want = n;
  if (want > (size_t)-1 - CHUNK_HDR) cc_oom();
  cc_arena_chunk *c = cc_malloc(CHUNK_HDR + want);
  c->size = want;
  c->next = a->head;
  a->head = c;
  a->total += CHUNK_HDR + want;
  a->ptr = (char *)c + CHUNK_HDR;
  a->end = a->ptr + want;
  return a->ptr;
}

void *cc_arena_alloc(cc_arena *a, size_t n) {
  if (n > (size_t)-1 - 15) cc_oom();
  n = (n + 15) & ~(size_t)15;
  if (n == 0) n = 16;
  if ((size_t)(a->end - a->ptr) < n) {
    /* A large block gets a chunk of its own, pushed behind the current one
     * so the current chunk's free space is not wasted. */
    if (n > CHUNK_MIN / 4 && a->head) {
      if (n > (size_t)-1 - CHUNK_HDR) cc_oom();
      cc_arena_chunk *c = cc_malloc(CHUNK_HDR + n);
      c->size = n;
      c->next = a->head->next;
      a->head->next = c;
      a->total += CHUNK_HDR + n;
      return (char *)c + CHUNK_HDR;
    }
    grow(a, n);
  }
  void *p = a->ptr;
  a->ptr += n;
  return p;
}

void *cc_arena_calloc(cc_arena *a, size_t n) {
  void *p = cc_arena_alloc(a, n);
  memset(p, 0, n);
  return p;
}

char *cc_arena_strndup(cc_arena *a, const char *s, size_t n) {
  char *p = cc_arena_alloc(a, n + 1);
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *cc_arena_strdup(cc_arena *a, const char *s) {
  return cc_arena_strndup(a, s, strlen(s));
}
