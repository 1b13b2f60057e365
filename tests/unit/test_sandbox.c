/* test_sandbox.c — the worker sandbox (src/cli/sandbox.c): a child process
 * enters it, then tries what it must not do — open a file, create a
 * socket, execute a program, fork — and what it must still do: allocate
 * 100 MB, write to an inherited pipe, convert with iconv, run a full
 * cc_extract + cc_render of a windows-1252 page, abort. Each case runs in
 * its own forked child; the parent checks how the child ended.
 * The policy kills the process (SIGSYS) for exec/fork/socket families and
 * fails other calls with EPERM; sanitized builds relax the kills to EPERM
 * (see sandbox.h), and this test expects whichever applies. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../include/clipclean.h"
#include "../../src/cli/sandbox.h"
#include "../../src/cli/util.h"
#include "test.h"

#ifdef CC_HAVE_SECCOMP
#if defined(__SANITIZE_ADDRESS__)
#define RELAXED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RELAXED 1
#endif
#endif
#ifndef RELAXED
#define RELAXED 0
#endif

/* Runs fn in a sandboxed child; returns its wait status. The child exits
 * with fn's return value through _exit (no atexit handlers, no leak check:
 * a sandboxed worker ends the same way). */
static int in_child(int (*fn)(int fd), int fd) {
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    if (worker_sandbox_enter() != 0) _exit(90);
    _exit(fn(fd));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

static int exited(int status, int code) { return WIFEXITED(status) && WEXITSTATUS(status) == code; }
static int sigsys(int status) { return WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS; }
/* what a "dangerous" call gives: a kill, or EPERM (exit 0) in relaxed builds */
static int refused_hard(int status) { return RELAXED ? exited(status, 0) : sigsys(status); }

static int try_open(int fd) {
  (void)fd;
  int f = open("/etc/passwd", O_RDONLY);
  return f < 0 && errno == EPERM ? 0 : 1;
}
static int try_openat_write(int fd) {
  (void)fd;
  int f = openat(AT_FDCWD, "sandbox-test-file", O_WRONLY | O_CREAT, 0600);
  return f < 0 && errno == EPERM ? 0 : 1;
}
static int try_socket(int fd) {
  (void)fd;
  int s = socket(AF_INET, SOCK_STREAM, 0);
  return s < 0 && errno == EPERM ? 0 : 1;
}
static int try_exec(int fd) {
  (void)fd;
  char *argv[] = {"/bin/true", NULL}, *envp[] = {NULL};
  execve("/bin/true", argv, envp);
  return errno == EPERM ? 0 : 1;
}
static int try_fork(int fd) {
  (void)fd;
  pid_t p = fork();
  if (p == 0) _exit(0); /* must not happen */
  return p < 0 && errno == EPERM ? 0 : 1;
}
static int try_exec_mmap(int fd) {
  (void)fd;
  /* new executable memory is refused (EPERM), plain memory is not */
  void *x = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return x == MAP_FAILED && errno == EPERM ? 0 : 1;
}

static int big_malloc(int fd) {
  (void)fd;
  size_t n = (size_t)100 << 20;
  char *p = malloc(n);
  if (!p) return 1;
  memset(p, 0x5a, n);
  char *q = realloc(p, n * 2); /* mremap */
  if (!q) return 2;
  int ok = q[n - 1] == 0x5a;
  free(q);
  return ok ? 0 : 3;
}

static int pipe_write(int fd) {
  const char msg[] = "hello from the sandbox";
  if (write(fd, msg, sizeof msg) != (ssize_t)sizeof msg) return 1;
  /* stdio on an inherited descriptor */
  FILE *f = fdopen(fd, "w");
  if (!f) return 2;
  fprintf(f, " and %d more", 42);
  return fflush(f) == 0 ? 0 : 3;
}

static int iconv_works(int fd) {
  (void)fd;
  iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
  if (cd == (iconv_t)-1) return 1;
  char in[] = "Gr\xfc\xdf" "e", out[32], *ip = in, *op = out;
  size_t il = strlen(in), ol = sizeof out;
  if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) return 2;
  iconv_close(cd);
  *op = '\0';
  return strcmp(out, "Gr\xc3\xbc\xc3\x9f" "e") == 0 ? 0 : 3;
}

static const char page1252[] =
    "<!doctype html><html lang=de><head><meta charset=windows-1252>"
    "<title>Gr\xfc\xdf" "e</title></head><body><article><h1>Gr\xfc\xdf" "e aus K\xf6ln</h1>"
    "<p>Die Stra\xdf" "e war nass, als wir am fr\xfchen Morgen durch die Altstadt gingen, "
    "vorbei an Caf\xe9s, B\xe4" "ckereien und dem Dom, dessen T\xfcrme im Nebel lagen.</p>"
    "<p>Am Rhein sa\xdf" "en schon die ersten Angler; einer erz\xe4hlte, er komme seit "
    "drei\xdfig Jahren jeden Morgen hierher, bei jedem Wetter.</p></article></body></html>";

static int extract_works(int fd) {
  cc_options o;
  cc_options_init(&o);
  o.url = "https://example.de/koeln/";
  cc_result *r = NULL;
  cc_error e;
  if (cc_extract(page1252, sizeof page1252 - 1, &o, &r, &e) != CC_OK) return 1;
  const char *text = cc_result_text(r);
  if (!text || !strstr(text, "Angler")) return 2;
  /* with a real charset module the page is decoded from windows-1252 */
  const char *cs = cc_result_charset(r);
  if (cs && !strcmp(cs, "windows-1252") && !strstr(text, "Stra\xc3\x9f" "e")) return 3;
  for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_JSON; f++) {
    size_t len;
    char *out = cc_render(r, (cc_format)f, &len, &e);
    if (!out || !len) return 4;
    if (write(fd, out, len) != (ssize_t)len) return 5;
    cc_free(out);
  }
  cc_result_free(r);
  return 0;
}

static int aborts(int fd) {
  (void)fd;
  abort();
}

static int alloc_1g(int fd) {
  (void)fd;
  char *p = malloc((size_t)1 << 30);
  return p == NULL ? 0 : 1; /* over the 256 MB address-space ceiling */
}

static int xalloc_1g(int fd) {
  (void)fd;
  char *p = xmalloc((size_t)1 << 30); /* the CLI's allocation: ends the worker */
  free(p);
  return 1;
}

static int spin_job(int fd) {
  (void)fd;
  worker_job_begin(); /* the per-document CPU limit */
  volatile unsigned long x = 0;
  for (;;) x++;
  return 1;
}

static int open_when_disabled(int fd) {
  (void)fd;
  int f = open("/etc/passwd", O_RDONLY);
  if (f < 0) return 1;
  close(f);
  return 0;
}

/* reads what the child wrote into buf (NUL-terminated) */
static size_t drain(int fd, char *buf, size_t cap) {
  size_t n = 0;
  ssize_t r;
  while (n + 1 < cap && (r = read(fd, buf + n, cap - 1 - n)) > 0) n += (size_t)r;
  buf[n] = '\0';
  return n;
}

TEST(forbidden_calls_are_refused) {
  CHECK(exited(in_child(try_open, -1), 0));
  CHECK(exited(in_child(try_openat_write, -1), 0));
  CHECK(exited(in_child(try_exec_mmap, -1), 0));
  CHECK(refused_hard(in_child(try_socket, -1)));
  CHECK(refused_hard(in_child(try_exec, -1)));
  CHECK(refused_hard(in_child(try_fork, -1)));
  if (!RELAXED) CHECK(sigsys(in_child(try_exec, -1)));
}

TEST(extraction_still_works) {
  CHECK(exited(in_child(big_malloc, -1), 0));
  CHECK(exited(in_child(iconv_works, -1), 0));
  int p[2];
  CHECK(pipe(p) == 0);
  int st = in_child(pipe_write, p[1]);
  close(p[1]);
  char buf[256];
  drain(p[0], buf, sizeof buf);
  close(p[0]);
  CHECK(exited(st, 0));
  CHECK_STR(buf, "hello from the sandbox");
  CHECK(strstr(buf + sizeof "hello from the sandbox", " and 42 more") != NULL);

  CHECK(pipe(p) == 0);
  /* the renderings may exceed the pipe's buffer: read while the child runs */
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    if (worker_sandbox_enter() != 0) _exit(90);
    _exit(extract_works(p[1]));
  }
  close(p[1]);
  static char out[1 << 16];
  drain(p[0], out, sizeof out);
  close(p[0]);
  waitpid(pid, &st, 0);
  CHECK(exited(st, 0));
  CHECK_CONTAINS(out, "Angler");
}

TEST(abort_still_aborts) {
  int st = in_child(aborts, -1);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
}

TEST(resource_ceilings) {
  /* RLIMIT_AS: malloc fails, xmalloc ends the worker with its status; under
   * AddressSanitizer (no RLIMIT_AS: it reserves terabytes) the heap count
   * ends it at the allocation that passes the limit */
  cli_sandbox_max_memory = (size_t)256 << 20;
  CHECK(exited(in_child(alloc_1g, -1), RELAXED ? WORKER_EXIT_NOMEM : 0));
  CHECK(exited(in_child(xalloc_1g, -1), WORKER_EXIT_NOMEM));
  char m[200];
  worker_limit_describe(in_child(xalloc_1g, -1), m, sizeof m);
  CHECK_CONTAINS(m, "more than the 256 MiB a worker may use (--max-memory)");
  cli_sandbox_max_memory = 0;
  cli_sandbox_job_cpu = 0.5;
  int st = in_child(spin_job, -1);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPROF);
  worker_limit_describe(st, m, sizeof m);
  CHECK_CONTAINS(m, "used more than 0.5 s of CPU time");
  cli_sandbox_job_cpu = 0;
}

TEST(no_sandbox_flag) {
  cli_sandbox_disabled = 1;
  CHECK(exited(in_child(open_when_disabled, -1), 0));
  cli_sandbox_disabled = 0;
}

#endif /* CC_HAVE_SECCOMP */

int main(void) {
#ifndef CC_HAVE_SECCOMP
  printf("SKIP: built without libseccomp\n");
  return 77;
#else
  RUN(forbidden_calls_are_refused);
  RUN(extraction_still_works);
  RUN(abort_still_aborts);
  RUN(resource_ceilings);
  RUN(no_sandbox_flag);
  return test_summary();
#endif
}
