/* sandbox.c — worker_sandbox_enter(): preloads what extraction would load
 * lazily, sets resource limits, then confines the process with a seccomp
 * allowlist (see sandbox.h for the policy and why). Owns the --no-sandbox
 * switch and the resource-limit settings. */
#include "sandbox.h"

#include <errno.h>
#include <iconv.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "../../include/clipclean.h"

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
unsigned cli_sandbox_max_cpu_seconds = 0;

/* The charset module's own preload (pins every converter it uses), when
 * the library has it; weak so this file also builds against a library
 * without it (then the fallback below does the work). */
void cc_charset_preload(void) __attribute__((weak));

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

static int set_limit(int resource, rlim_t v, const char *what) {
  struct rlimit rl;
  if (getrlimit(resource, &rl) != 0) rl.rlim_max = RLIM_INFINITY;
  rl.rlim_cur = v;
  if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < v) rl.rlim_cur = rl.rlim_max;
  if (resource == RLIMIT_CPU && (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > v + 1))
    rl.rlim_max = v + 1; /* SIGXCPU at the soft limit, SIGKILL a second later */
  if (setrlimit(resource, &rl) != 0) {
    fprintf(stderr, "clipclean: sandbox: cannot limit %s: %s\n", what, strerror(errno));
    return -1;
  }
  return 0;
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

int worker_sandbox_enter(void) {
  if (cli_sandbox_disabled) return 0;
#ifndef CC_HAVE_SECCOMP
  fprintf(stderr, "clipclean: sandbox: built without libseccomp; run with --no-sandbox\n");
  return -1;
#else
  if (cc_charset_preload) cc_charset_preload();
  preload_iconv();
  tzset();
  xmlInitParser();
  warm_up();
  fflush(NULL);
#ifndef CC_SANDBOX_RELAXED
  if (cli_sandbox_max_memory && set_limit(RLIMIT_AS, (rlim_t)cli_sandbox_max_memory, "memory"))
    return -1;
#endif
  if (cli_sandbox_max_cpu_seconds &&
      set_limit(RLIMIT_CPU, (rlim_t)cli_sandbox_max_cpu_seconds, "CPU time"))
    return -1;
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
