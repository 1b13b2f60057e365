/* test_oom.c — out of memory is an error, not an abort (issue 11, 17).
 *
 * Each scenario runs in a child process whose allocations fail past a
 * size: under AddressSanitizer, allocations larger than K MiB return NULL
 * (the child is this program run again with ASAN_OPTIONS
 * allocator_may_return_null=1:max_allocation_size_mb=K); otherwise the
 * child's address space is limited (RLIMIT_AS) to what it uses plus K MiB.
 * For K from 1 to 81 MiB (powers of 3), extracting a large page and rendering it in
 * every format, streamed and whole, must give CC_OK or CC_ERR_NOMEM (and
 * then no result and a message), never a crash; the child must then still
 * extract a small page, and (under the sanitizers) leak nothing. Small K
 * must make some call fail, or the test proves nothing.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../include/clipclean.h"
#include "test.h"

#if defined(__SANITIZE_ADDRESS__)
#define ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN 1
#endif
#endif

static char *big_page(size_t paras) {
  const char *unit = "<p>A paragraph of the article, with words, <em>emphasis</em>, a "
                     "<a href='/l'>link</a> and \xc3\xa9t\xc3\xa9 in it.</p>\n";
  size_t ul = strlen(unit);
  char *s = malloc(ul * paras + 256), *p = s;
  p += sprintf(p, "<html><head><meta charset=utf-8><title>Big</title></head><body><article>"
                  "<h1>Big</h1><table><tr><td>a<td>b</tr></table>");
  for (size_t i = 0; i < paras; i++) memcpy(p, unit, ul), p += ul;
  strcpy(p, "</article></body></html>");
  return s;
}

static int discard(const char *d, size_t n, void *ud) {
  (void)d;
  *(size_t *)ud += n;
  return 0;
}

#ifdef ASAN
/* libxml2 2.9.14 (Debian 12) leaks its input buffer when it cannot copy the
 * document into it (xmlParserInputBufferCreateMem frees the struct but not
 * its buffer; fixed upstream in 2.11): its own leak, on its own failure.
 * Named by the allocating function: libxml2 has no frame pointers, so the
 * leak's recorded stack stops there. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:xmlBufCreateSize\n"; }
#endif

/* What a scenario's child exits with; any other status (a sanitizer's
 * report exits with 1) is a failure. */
enum { ALL_OK = 10, SOME_NOMEM = 11, BROKEN = 12 };

/* One scenario: ALL_OK, SOME_NOMEM (some call failed with CC_ERR_NOMEM,
 * cleanly) or BROKEN (a contract broken). */
static int scenario(int parser) {
  int nomem = 0, broken = 0;
  char *page = big_page(5000); /* 0.5 MB, about 30 MB to extract */
  if (!page) return SOME_NOMEM; /* the test's own allocation: not ours */
  cc_options o;
  cc_options_init(&o);
  o.parser = (cc_parser)parser;
  for (int round = 0; round < 2; round++) {
    cc_result *r = (cc_result *)1;
    cc_error e = {CC_OK, ""};
    cc_status st = round ? cc_extract_page(page, strlen(page), &o, &r, &e)
                         : cc_extract(page, strlen(page), &o, &r, &e);
    if (st == CC_ERR_NOMEM) {
      nomem = 1;
      broken |= r != NULL || e.status != CC_ERR_NOMEM || !e.message[0];
      continue;
    }
    if (st != CC_OK) return BROKEN;
    for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_JSON; f++) {
      size_t n = 0;
      char *out = cc_render(r, (cc_format)f, &n, &e);
      if (!out) {
        nomem |= e.status == CC_ERR_NOMEM;
        broken |= e.status != CC_ERR_NOMEM;
      }
      cc_free(out);
      st = cc_render_to(r, (cc_format)f, NULL, discard, &n, &e);
      nomem |= st == CC_ERR_NOMEM;
      broken |= st != CC_OK && st != CC_ERR_NOMEM;
    }
    cc_result_free(r);
  }
  free(page);
  /* the process goes on: a small page still works */
  const char *small = "<p>A small page after the failure, with a sentence of text.</p>";
  cc_result *r = NULL;
  broken |= cc_extract(small, strlen(small), NULL, &r, NULL) != CC_OK;
  cc_result_free(r);
  return broken ? BROKEN : nomem ? SOME_NOMEM : ALL_OK;
}

#ifndef ASAN
/* Touches `kb` KiB of stack, so that the stack is mapped before the
 * address space is limited (its growth would otherwise be what fails). */
static void grow_stack(size_t kb) {
  volatile char pad[1024];
  pad[0] = 0;
  if (kb > 1) grow_stack(kb - 1);
  pad[1023] = pad[0];
}

/* Limits the address space to what the process maps now plus k MiB. */
static void limit_memory(int k) {
  grow_stack(4096);
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (!f || fscanf(f, "%lu", &pages) != 1) exit(98);
  fclose(f);
  rlim_t lim = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)k << 20);
  struct rlimit rl = {lim, lim};
  if (setrlimit(RLIMIT_AS, &rl) != 0) exit(97);
}
#endif

/* Runs the scenario in a child (this program again) with allocations
 * failing past k MiB; returns its exit status (-signal if killed). */
static int child(const char *self, int k, int parser) {
  char ks[16], ps[16], log[] = "/tmp/test_oom.XXXXXX";
  snprintf(ks, sizeof ks, "%d", k);
  snprintf(ps, sizeof ps, "%d", parser);
  int fd = mkstemp(log); /* the child's stderr: shown only if it fails */
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    if (fd >= 0) dup2(fd, 2);
#ifdef ASAN
    char opts[512];
    const char *old = getenv("ASAN_OPTIONS");
    snprintf(opts, sizeof opts, "%s%sallocator_may_return_null=1:max_allocation_size_mb=%d",
             old ? old : "", old && *old ? ":" : "", k);
    setenv("ASAN_OPTIONS", opts, 1);
#endif
    execl(self, self, "--scenario", ps, ks, (char *)NULL);
    _exit(99);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int rc = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  if (fd >= 0) {
    FILE *f = rc != ALL_OK && rc != SOME_NOMEM ? fdopen(fd, "r") : NULL;
    char line[512];
    if (f) {
      rewind(f);
      while (fgets(line, sizeof line, f))
        if (!strstr(line, "failed to allocate")) fputs(line, stderr); /* expected */
      fclose(f);
    } else {
      close(fd);
    }
    unlink(log);
  }
  return rc;
}

static const char *SELF;

TEST(out_of_memory_is_an_error) {
  for (int parser = CC_PARSER_GUMBO; parser <= CC_PARSER_LIBXML2; parser++) {
    int failed = 0, passed = 0;
    for (int k = 1; k <= 81; k *= 3) {
      int rc = child(SELF, k, parser);
      if (rc != ALL_OK && rc != SOME_NOMEM)
        fprintf(stderr, "parser %d, allocations failing past %d MiB: child status %d\n", parser,
                k, rc);
      CHECK(rc == ALL_OK || rc == SOME_NOMEM);
      failed += rc == SOME_NOMEM;
      passed += rc == ALL_OK;
    }
    CHECK(failed > 0); /* small limits did make calls fail */
    CHECK(passed > 0); /* and large ones let everything through */
  }
}

int main(int argc, char **argv) {
  if (argc == 4 && !strcmp(argv[1], "--scenario")) {
#ifndef ASAN
    limit_memory(atoi(argv[3]));
#endif
    return scenario(atoi(argv[2]));
  }
  SELF = argv[0];
  RUN(out_of_memory_is_an_error);
  return test_summary();
}
