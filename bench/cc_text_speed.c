/* cc_text_speed.c — the text cleaner's speed, behind bench/text-speed.
 *
 *   cc_text_speed [--runs N] [--threads T] [--md] DIR
 *
 * Loads every *.txt (or, with --md, *.md) under DIR into memory (not
 * timed), then runs cc_extract() on each as a text clipping, in one
 * process, N times (default 5); with --threads T, T threads share each
 * run's pages (the library is thread-safe; default 1). Prints, for the
 * median run:
 * pages, input bytes, CPU seconds (the process's; on a shared machine
 * other processes' load does not count) and wall seconds, MB/s (10^6
 * bytes per CPU second), ms per page, and the process's peak RSS (which
 * includes the loaded inputs; their size is printed too); with threads,
 * also MB/s per wall second, the figure the threads improve. Uses the
 * public API only. It owns nothing outside bench/.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../include/clipclean.h"

typedef struct page {
  char *data;
  size_t len;
} page;

static page *pages;
static size_t npages, cap, total;

static int ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && !strcmp(s + n - m, suf);
}

static void load(const char *dir, const char *suffix) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "cc_text_speed: cannot open %s\n", dir);
    exit(1);
  }
  struct dirent *e;
  char path[4096];
  while ((e = readdir(d))) {
    if (!ends_with(e->d_name, suffix)) continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    if (!f) continue;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (npages == cap) {
      cap = cap ? cap * 2 : 1024;
      pages = realloc(pages, cap * sizeof *pages);
    }
    page *p = &pages[npages];
    p->data = malloc(n > 0 ? (size_t)n : 1);
    p->len = n > 0 ? fread(p->data, 1, (size_t)n, f) : 0;
    fclose(f);
    total += p->len;
    npages++;
  }
  closedir(d);
}

/* CPU time of this process: on a shared machine, what other processes
 * take does not count against us (wall time is printed too). */
static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double wall_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double wall;
static int nthreads = 1;
static atomic_size_t next_page;

static void *worker(void *arg) {
  (void)arg;
  cc_options opt;
  cc_options_init(&opt);
  opt.input_format = CC_INPUT_TEXT;
  for (size_t i; (i = atomic_fetch_add(&next_page, 1)) < npages;) {
    cc_result *r = NULL;
    cc_error err;
    if (cc_extract(pages[i].data, pages[i].len, &opt, &r, &err) == CC_OK) cc_result_free(r);
  }
  return NULL;
}

static double run_once(void) {
  pthread_t th[64];
  double t0 = cpu_now(), w0 = wall_now();
  atomic_store(&next_page, 0);
  for (int k = 1; k < nthreads; k++)
    if (pthread_create(&th[k], NULL, worker, NULL)) {
      fprintf(stderr, "cc_text_speed: cannot start a thread\n");
      exit(1);
    }
  worker(NULL);
  for (int k = 1; k < nthreads; k++) pthread_join(th[k], NULL);
  wall = wall_now() - w0;
  return cpu_now() - t0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int runs = 5;
  const char *suffix = ".txt", *dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--runs") && i + 1 < argc) runs = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--threads") && i + 1 < argc) nthreads = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--md")) suffix = ".md";
    else dir = argv[i];
  }
  if (!dir || runs < 1 || nthreads < 1 || nthreads > 64) {
    fprintf(stderr, "usage: cc_text_speed [--runs N] [--threads T] [--md] DIR\n");
    return 2;
  }
  load(dir, suffix);
  if (!npages) {
    fprintf(stderr, "cc_text_speed: no %s files in %s\n", suffix, dir);
    return 1;
  }
  run_once(); /* warm up: the phrase data and the model are read once */
  double *t = malloc((size_t)runs * sizeof *t), *w = malloc((size_t)runs * sizeof *w);
  for (int k = 0; k < runs; k++) {
    t[k] = run_once();
    w[k] = wall;
  }
  qsort(t, (size_t)runs, sizeof *t, cmp_double);
  qsort(w, (size_t)runs, sizeof *w, cmp_double);
  double med = t[runs / 2];
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("pages %zu\ninput_bytes %zu\nruns %d\ncpu_seconds %.3f\nwall_seconds %.3f\n"
         "mb_per_s %.1f\nms_per_page %.3f\npeak_rss_kb %ld\nthreads %d\nmb_per_wall_s %.1f\n",
         npages, total, runs, med, w[runs / 2], (double)total / 1e6 / med,
         med * 1e3 / (double)npages, ru.ru_maxrss, nthreads,
         (double)total / 1e6 / w[runs / 2]);
  for (size_t i = 0; i < npages; i++) free(pages[i].data);
  free(pages);
  free(t);
  free(w);
  return 0;
}
