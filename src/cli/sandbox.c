/* sandbox.c — worker_sandbox_enter(): preloads what extraction would load
 * lazily, sets resource limits, then confines the process with a seccomp
 * allowlist (see sandbox.h for the policy and why). Owns the --no-sandbox
 * switch and the resource-limit settings. */
#include "sandbox.h"

#include <errno.h>
#include <iconv.h>
#include <signal.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../include/clipclean.h"
#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#define CC_SANDBOX_RELAXED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CC_SANDBOX_RELAXED 1
#endif
#endif

#ifdef CC_SANDBOX_RELAXED
#include <sanitizer/lsan_interface.h>
#endif

#ifdef CC_HAVE_SECCOMP
#include <fcntl.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000 /* <fcntl.h> declares it under _GNU_SOURCE only */
#endif
#endif


int cli_sandbox_disabled = 0;
size_t cli_sandbox_max_memory = 0;
double cli_sandbox_job_cpu = 0;

/* The charset module's own preload (pins every converter it uses), when
 * the library has it; weak so this file also builds against a library
 * without it (then the fallback below does the work). */
void cc_charset_preload(void) __attribute__((weak));

#ifdef CC_HAVE_SECCOMP
/* glibc loads each iconv converter (a gconv module, with dlopen) on the
 * first iconv_open that needs it; open and mmap of files are forbidden in
 * the sandbox, so load them now and keep one handle of each open for the
 * life of the process (the modules stay loaded). */
static iconv_t volatile pinned[30]; /* (volatile: kept, though never read) */

static void preload_iconv(void) {
  static const char *const names[30] = {
      "WINDOWS-1252", "ISO-8859-1", "ISO-8859-2", "ISO-8859-15", "WINDOWS-1250",
      "WINDOWS-1251", "WINDOWS-1253", "WINDOWS-1254", "WINDOWS-1255", "WINDOWS-1256",
      "WINDOWS-1257", "KOI8-R", "KOI8-U", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE",
      "SHIFT_JIS", "EUC-JP", "ISO-2022-JP", "GB18030", "GBK", "BIG5", "EUC-KR",
      "ISO-8859-5", "ISO-8859-7", "ISO-8859-9", "TIS-620", "WINDOWS-874", "MACINTOSH"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    pinned[i] = iconv_open("UTF-8", names[i]);
}

/* Runs the library over small pages in a few charsets, with both front
 * ends, rendering every format, so every lazy initialisation (uchardet,
 * libxml2, gumbo's and our tables, the time zone for dates) has happened. */
static void warm_up(void) {
  static const struct {
    const char *doc;
    size_t len;
    const char *hint;
  } pages[] = {
      {"<!doctype html><html lang=de><head><meta charset=windows-1252><title>T</title>"
       "<meta property=\"article:published_time\" content=\"2024-03-01T10:00:00+01:00\">"
       "</head><body><article><h1>T</h1><p>Gr\xfc\xdf"
       "e aus K\xf6ln, sch\xf6ne Stra\xdf" "e, caf\xe9.</p></article></body></html>",
       0, NULL},
      {"\xff\xfe<\0p\0>\0x\0", 10, NULL},
      {"<p>\x82\xa0\x82\xa2\x82\xa4 \x93\xfa\x96\x7b\x8c\xea</p>", 0, "shift_jis"},
      {"<p>plain text, no markup at all</p>", 0, "utf-8"},
  };
  for (size_t i = 0; i < 2 * sizeof pages / sizeof pages[0]; i++) {
    size_t k = i % (sizeof pages / sizeof pages[0]);
    cc_options o;
    cc_options_init(&o);
    o.charset_hint = pages[k].hint;
    o.parser = i < sizeof pages / sizeof pages[0] ? CC_PARSER_GUMBO : CC_PARSER_LIBXML2;
    o.url = "https://example.com/a/";
    cc_result *r = NULL;
    size_t len = pages[k].len ? pages[k].len : strlen(pages[k].doc);
    if (cc_extract(pages[k].doc, len, &o, &r, NULL) != CC_OK) continue;
    for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_JSON; f++) cc_free(cc_render(r, (cc_format)f, NULL, NULL));
    cc_result_free(r);
  }
}

#endif

/* ---- resource limits (with or without the seccomp filter) ---- */

#ifdef CC_SANDBOX_RELAXED
/* AddressSanitizer reserves terabytes of address space, so RLIMIT_AS cannot
 * work: the allocator's own count of live heap bytes is checked instead, in
 * a hook on every allocation (large ones, and every 1024th). (Declared here:
 * GCC's sanitizer headers do not have allocator_interface.h.) */
int __sanitizer_install_malloc_and_free_hooks(void (*m)(const volatile void *, size_t),
                                              void (*f)(const volatile void *));
size_t __sanitizer_get_current_allocated_bytes(void);

static unsigned heap_hook_calls;
static size_t heap_limit;

static void heap_hook(const volatile void *p, size_t size) {
  (void)p;
  if (size < 65536 && (++heap_hook_calls & 1023)) return;
  if (__sanitizer_get_current_allocated_bytes() > heap_limit) _exit(WORKER_EXIT_NOMEM);
}

static void free_hook(const volatile void *p) { (void)p; }

static int limit_memory(void) {
  heap_limit = __sanitizer_get_current_allocated_bytes() + cli_sandbox_max_memory;
  /* (both hooks must be given, or none is installed) */
  if (!__sanitizer_install_malloc_and_free_hooks(heap_hook, free_hook)) {
    fprintf(stderr, "clipclean: sandbox: cannot limit memory (no allocator hook)\n");
    return -1;
  }
  return 0;
}
#else
/* An allocation over RLIMIT_AS fails with ENOMEM; the library then aborts
 * (or the CLI's xmalloc does): an abort with errno ENOMEM is reported as
 * running out of memory, by the exit status. */
static void on_abort(int sig) {
  if (errno == ENOMEM) _exit(WORKER_EXIT_NOMEM);
  (void)sig; /* anything else: abort() goes on to die by SIGABRT */
}

/* The address space the process has now (what fork gave it: the parent's
 * mappings, shared until written), from /proc; 0 when unknown. */
static size_t current_vsize(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (f) {
    if (fscanf(f, "%lu", &pages) != 1) pages = 0;
    fclose(f);
  }
  return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}

static int limit_memory(void) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_AS, &rl) != 0) rl.rlim_max = RLIM_INFINITY;
  /* the limit is on what the worker adds: the parent's size when it forked
   * (its held outputs, fetched pages) does not count against a document */
  rl.rlim_cur = (rlim_t)(current_vsize() + cli_sandbox_max_memory);
  if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < rl.rlim_cur) rl.rlim_cur = rl.rlim_max;
  if (setrlimit(RLIMIT_AS, &rl) != 0) {
    fprintf(stderr, "clipclean: sandbox: cannot limit memory: %s\n", strerror(errno));
    return -1;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_abort;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGABRT, &sa, NULL);
  return 0;
}
#endif

static int apply_limits(void) {
  xalloc_failure_status = WORKER_EXIT_NOMEM; /* the CLI's own allocations */
  signal(SIGPROF, SIG_DFL);                  /* the CPU limit's signal kills */
  return cli_sandbox_max_memory ? limit_memory() : 0;
}

void worker_job_begin(void) {
  if (cli_sandbox_job_cpu <= 0) return;
  struct itimerval t;
  memset(&t, 0, sizeof t);
  t.it_value.tv_sec = (time_t)cli_sandbox_job_cpu;
  t.it_value.tv_usec = (suseconds_t)((cli_sandbox_job_cpu - (double)t.it_value.tv_sec) * 1e6);
  if (!t.it_value.tv_sec && !t.it_value.tv_usec) t.it_value.tv_usec = 1000;
  setitimer(ITIMER_PROF, &t, NULL);
}

void worker_job_end(void) {
  if (cli_sandbox_job_cpu <= 0) return;
  struct itimerval t;
  memset(&t, 0, sizeof t);
  setitimer(ITIMER_PROF, &t, NULL);
}

void worker_limit_describe(int status, char *m, size_t cap) {
  char mem[32];
  size_t v = cli_sandbox_max_memory;
  if (v >= ((size_t)1 << 30) && !(v & (((size_t)1 << 30) - 1))) snprintf(mem, sizeof mem, "%zu GiB", v >> 30);
  else snprintf(mem, sizeof mem, "%zu MiB", v >> 20);
  if (WIFEXITED(status) && WEXITSTATUS(status) == WORKER_EXIT_NOMEM && v)
    snprintf(m, cap, "out of memory: the document needs more than the %s a worker may use "
                     "(--max-memory)", mem);
  else if (WIFEXITED(status) && WEXITSTATUS(status) == WORKER_EXIT_NOMEM)
    snprintf(m, cap, "out of memory");
  else if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGPROF || WTERMSIG(status) == SIGXCPU))
    snprintf(m, cap, "used more than %g s of CPU time (worker killed; --timeout)", cli_sandbox_job_cpu);
  else
    m[0] = '\0';
}

#ifdef CC_HAVE_SECCOMP
/* Adds a rule for a syscall by name; names the architecture lacks (e.g.
 * "select" on arm64) are skipped. */
static int rule(scmp_filter_ctx ctx, uint32_t action, const char *name, unsigned argc,
                const struct scmp_arg_cmp *cmp) {
  int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) return 0;
  int rc = seccomp_rule_add_array(ctx, action, nr, argc, cmp);
  return rc == -EDOM || rc == -EOPNOTSUPP ? 0 : rc;
}

static int install_filter(void) {
  static const char *const allowed[] = {
      "read", "write", "readv", "writev", "pread64", "pwrite64", "recvfrom", "sendto",
      "recvmsg", "sendmsg", "close", "lseek", "fstat", "fcntl", "poll", "ppoll", "select",
      "pselect6", "epoll_wait", "epoll_pwait", "epoll_ctl", "shutdown", "brk", "munmap",
      "mremap", "madvise", "futex", "sched_yield", "clock_gettime", "clock_getres",
      "gettimeofday", "time", "nanosleep", "clock_nanosleep", "rt_sigreturn",
      "rt_sigprocmask", "rt_sigaction", "sigaltstack", "restart_syscall", "getpid",
      "gettid", "exit", "exit_group", "getrandom", "getrusage", "getrlimit", "sysinfo",
      "uname", "getuid", "geteuid", "getgid", "getegid", "getppid", "alarm", "setitimer",
      "getitimer", "rseq"};
  static const char *const killed[] = {
      "execve", "execveat", "fork", "vfork", "clone", "clone3", "ptrace",
      "process_vm_readv", "process_vm_writev", "socket", "socketpair", "connect", "bind",
      "listen", "accept", "accept4", "io_uring_setup", "io_uring_enter", "io_uring_register",
      "bpf", "perf_event_open", "mount", "umount2", "unshare", "setns", "init_module",
      "finit_module", "delete_module", "kexec_load", "kexec_file_load", "userfaultfd",
      "keyctl", "add_key", "request_key", "pivot_root", "chroot", "open_by_handle_at",
      "name_to_handle_at", "pidfd_open", "pidfd_getfd", "process_madvise"};
#ifdef CC_SANDBOX_RELAXED
  const uint32_t kill_action = SCMP_ACT_ERRNO(EPERM);
#else
  const uint32_t kill_action = SCMP_ACT_KILL_PROCESS;
#endif
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
  if (!ctx) return -ENOMEM;
  int rc = 0;
  for (size_t i = 0; !rc && i < sizeof allowed / sizeof allowed[0]; i++)
    rc = rule(ctx, SCMP_ACT_ALLOW, allowed[i], 0, NULL);
  /* (relaxed, the kill is the default action, which libseccomp refuses
   * to repeat as a rule) */
  for (size_t i = 0; !rc && kill_action != SCMP_ACT_ERRNO(EPERM) &&
                     i < sizeof killed / sizeof killed[0]; i++)
    rc = rule(ctx, kill_action, killed[i], 0, NULL);
  /* memory, but never executable: no new code after entering */
  struct scmp_arg_cmp noexec = {.arg = 2, .op = SCMP_CMP_MASKED_EQ, .datum_a = PROT_EXEC, .datum_b = 0};
  if (!rc) rc = rule(ctx, SCMP_ACT_ALLOW, "mmap", 1, &noexec);
  if (!rc) rc = rule(ctx, SCMP_ACT_ALLOW, "mprotect", 1, &noexec);
  /* stat of an open descriptor (glibc's fstat), not of a path */
  struct scmp_arg_cmp empty3 = {.arg = 3, .op = SCMP_CMP_MASKED_EQ, .datum_a = AT_EMPTY_PATH,
                                .datum_b = AT_EMPTY_PATH};
  struct scmp_arg_cmp empty2 = {.arg = 2, .op = SCMP_CMP_MASKED_EQ, .datum_a = AT_EMPTY_PATH,
                                .datum_b = AT_EMPTY_PATH};
  if (!rc) rc = rule(ctx, SCMP_ACT_ALLOW, "newfstatat", 1, &empty3);
  if (!rc) rc = rule(ctx, SCMP_ACT_ALLOW, "statx", 1, &empty2);
  /* signals to itself only (abort) */
  struct scmp_arg_cmp self = {.arg = 0, .op = SCMP_CMP_EQ, .datum_a = (scmp_datum_t)getpid(),
                              .datum_b = 0};
  if (!rc) rc = rule(ctx, SCMP_ACT_ALLOW, "tgkill", 1, &self);
  /* reading a resource limit, not setting one */
  struct scmp_arg_cmp noset = {.arg = 2, .op = SCMP_CMP_EQ, .datum_a = 0, .datum_b = 0};
  if (!rc) rc = rule(ctx, SCMP_ACT_ALLOW, "prlimit64", 1, &noset);
  if (!rc) rc = seccomp_load(ctx);
  seccomp_release(ctx);
  return rc;
}
#endif

int worker_sandbox_available(void) {
#ifdef CC_HAVE_SECCOMP
  return 1;
#else
  return 0;
#endif
}

int worker_sandbox_enter(void) {
  if (apply_limits() != 0) return -1;
  if (cli_sandbox_disabled) return 0;
#ifndef CC_HAVE_SECCOMP
  return 0; /* unconfined: the parent said so, once (worker_sandbox_available) */
#else
  if (cc_charset_preload) cc_charset_preload();
  preload_iconv();
  tzset();
  xmlInitParser();
  warm_up();
  fflush(NULL);
#ifdef CC_SANDBOX_RELAXED
  /* LeakSanitizer's end-of-process check needs ptrace, clone and /proc,
   * all refused from here on: it runs now instead (and not at exit). */
  __lsan_do_leak_check();
#endif
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    fprintf(stderr, "clipclean: sandbox: PR_SET_NO_NEW_PRIVS: %s\n", strerror(errno));
    return -1;
  }
  int rc = install_filter();
  if (rc) {
    fprintf(stderr, "clipclean: sandbox: cannot install the seccomp filter: %s\n",
            strerror(rc < 0 ? -rc : rc));
    return -1;
  }
  return 0;
#endif
}
