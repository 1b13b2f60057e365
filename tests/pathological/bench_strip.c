/* bench_strip.c — times the lexical pre-pass (cc_strip) over a set of
 * pages (.html or .html.gz), to check that bounding the tree structure
 * keeps it a small fraction of a millisecond per page.
 *   bench_strip [-n ROUNDS] FILE...
 * Prints the mean time per page and per MB. Not a test: run by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "arena.h"
#include "strip.h"

static char *slurp(const char *path, size_t *len) {
  gzFile f = gzopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 20, n = 0;
  char *b = malloc(cap);
  for (;;) {
    if (n == cap) b = realloc(b, cap *= 2);
    int r = gzread(f, b + n, (unsigned)(cap - n));
    if (r <= 0) break;
    n += (size_t)r;
  }
  gzclose(f);
  *len = n;
  return b;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  int rounds = 20, first = 1;
  if (argc > 2 && !strcmp(argv[1], "-n")) {
    rounds = atoi(argv[2]);
    first = 3;
  }
  int npages = argc - first;
  if (npages <= 0) {
    fprintf(stderr, "usage: bench_strip [-n ROUNDS] FILE...\n");
    return 2;
  }
  char **pages = calloc((size_t)npages, sizeof *pages);
  size_t *lens = calloc((size_t)npages, sizeof *lens), total = 0;
  for (int i = 0; i < npages; i++) {
    pages[i] = slurp(argv[first + i], &lens[i]);
    if (!pages[i]) {
      fprintf(stderr, "%s: cannot read\n", argv[first + i]);
      return 1;
    }
    total += lens[i];
  }
  double best = 1e9;
  for (int r = 0; r < rounds; r++) {
    double t0 = now();
    for (int i = 0; i < npages; i++) {
      cc_arena a;
      cc_arena_init(&a);
      cc_strip_result res;
      cc_strip(&a, pages[i], lens[i], &res);
      cc_arena_free(&a);
    }
    double t = now() - t0;
    if (t < best) best = t;
  }
  printf("%d pages, %.1f MB: %.3f ms/page, %.2f ms/MB (best of %d rounds)\n", npages,
         (double)total / 1e6, best * 1e3 / npages, best * 1e3 / ((double)total / 1e6), rounds);
  for (int i = 0; i < npages; i++) free(pages[i]);
  free(pages);
  free(lens);
  return 0;
}
