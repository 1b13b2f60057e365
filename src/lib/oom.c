/* oom.c — tracked allocation and the guards that turn an allocation
 * failure into CC_ERR_NOMEM (see oom.h). Owns the thread-local pointer to
 * the innermost guard and the header in front of every allocation. */
#include "oom.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* In front of every allocation; 32 bytes keep the payload 16-aligned. */
struct cc_mhdr {
  cc_mhdr *prev, *next;
  cc_guard *owner;          /* NULL: untracked */
  void (*cleanup)(void *);  /* a cc_guard_on_fail record: what to run */
};
#define HDR ((sizeof(cc_mhdr) + 15) & ~(size_t)15)

static _Thread_local cc_guard *current;

static void link_in(cc_mhdr *h, cc_guard *g) {
  h->owner = g;
  h->prev = NULL;
  h->next = g ? g->live : NULL;
  if (!g) return;
  if (g->live) g->live->prev = h;
  g->live = h;
}

static void unlink_out(cc_mhdr *h) {
  cc_guard *g = h->owner;
  if (!g) return;
  if (h->prev)
    h->prev->next = h->next;
  else
    g->live = h->next;
  if (h->next) h->next->prev = h->prev;
  h->owner = NULL;
}

void cc_guard_enter(cc_guard *g) {
  g->live = NULL;
  g->outer = current;
  current = g;
}

void cc_guard_end(cc_guard *g) {
  for (cc_mhdr *h = g->live, *n; h; h = n) {
    n = h->next;
    h->owner = NULL;
    h->prev = h->next = NULL;
    if (h->cleanup) free(h); /* a cleanup nobody cancelled: no longer needed */
  }
  g->live = NULL;
  current = g->outer;
}

_Noreturn void cc_oom(void) {
  cc_guard *g = current;
  if (!g) {
    fputs("clipclean: out of memory outside the library's entry points\n", stderr);
    abort();
  }
  /* cleanups first (they may refer to tracked memory), then the memory */
  for (cc_mhdr *h = g->live; h; h = h->next)
    if (h->cleanup) h->cleanup(*(void **)((char *)h + HDR));
  for (cc_mhdr *h = g->live, *n; h; h = n) {
    n = h->next;
    free(h);
  }
  g->live = NULL;
  current = g->outer;
  longjmp(g->env, 1);
}

void *cc_malloc(size_t n) {
  if (n > SIZE_MAX - HDR) cc_oom();
  cc_mhdr *h = malloc(HDR + (n ? n : 1));
  if (!h) cc_oom();
  h->cleanup = NULL;
  link_in(h, current);
  return (char *)h + HDR;
}

void *cc_calloc(size_t n, size_t size) {
  if (size && n > SIZE_MAX / size) cc_oom();
  void *p = cc_malloc(n * size);
  memset(p, 0, n * size);
  return p;
}

void *cc_realloc(void *p, size_t n) {
  if (!p) return cc_malloc(n);
  if (n > SIZE_MAX - HDR) cc_oom();
  cc_mhdr *h = (cc_mhdr *)((char *)p - HDR);
  cc_guard *owner = h->owner;
  unlink_out(h);
  cc_mhdr *h2 = realloc(h, HDR + (n ? n : 1));
  if (!h2) {
    link_in(h, owner); /* still valid: freed with the rest if tracked */
    cc_oom();
  }
  link_in(h2, owner);
  return (char *)h2 + HDR;
}

void cc_mfree(void *p) {
  if (!p) return;
  cc_mhdr *h = (cc_mhdr *)((char *)p - HDR);
  unlink_out(h);
  free(h);
}

void *cc_guard_on_fail(void (*fn)(void *), void *arg) {
  if (!current) return NULL;
  cc_mhdr *h = malloc(HDR + sizeof(void *));
  if (!h) { /* the failure comes now: clean up at once */
    fn(arg);
    cc_oom();
  }
  h->cleanup = fn;
  link_in(h, current);
  void **slot = (void **)((char *)h + HDR);
  *slot = arg;
  return slot;
}

void cc_guard_cancel(void *handle) { cc_mfree(handle); }
