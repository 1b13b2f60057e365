/* cc_warc.c — the WARC reader alone: reads a WARC file with cc_warc_open/
 * cc_warc_next, touching every page's payload (as the CLI's parent copies
 * it for a worker), N times, and prints per run the records, pages,
 * uncompressed bytes (headers and blocks as written) and CPU time, then the
 * median MB/s. bench/warc runs it to show what the parent's reading costs
 * next to the workers' cleaning.
 *
 *   cc_warc FILE [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clipclean.h"

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: cc_warc FILE [RUNS]\n");
    return 2;
  }
  int runs = argc > 2 ? atoi(argv[2]) : 5;
  if (runs < 1 || runs > 100) runs = 5;
  double t[100];
  unsigned long long bytes = 0, records = 0, pages = 0, errors = 0, sum = 0;
  for (int i = 0; i < runs; i++) {
    cc_warc_reader *w;
    cc_error err;
    if (cc_warc_open(argv[1], NULL, &w, &err) != CC_OK) {
      fprintf(stderr, "cc_warc: %s\n", err.message);
      return 1;
    }
    bytes = records = pages = errors = 0;
    double t0 = cpu_now();
    for (;;) {
      const cc_warc_record *r;
      cc_status st = cc_warc_next(w, &r, &err);
      if (st == CC_OK && !r) break;
      records++;
      if (st != CC_OK) {
        errors++;
        continue;
      }
      bytes += r->content_length;
      if (r->kind == CC_WARC_PAGE) {
        pages++;
        char *copy = malloc(r->body_len + 1); /* what the CLI's parent does */
        memcpy(copy, r->body, r->body_len + 1);
        sum += (unsigned char)copy[r->body_len / 2];
        free(copy);
      }
    }
    t[i] = cpu_now() - t0;
    cc_warc_close(w);
  }
  qsort(t, (size_t)runs, sizeof *t, cmp);
  double med = t[runs / 2];
  printf("%llu records, %llu pages, %llu errors, %.1f MB of blocks; median of %d runs: %.3f s "
         "CPU, %.0f MB/s of blocks (check %llu)\n",
         records, pages, errors, (double)bytes / 1e6, runs, med, (double)bytes / 1e6 / med, sum);
  return 0;
}
