/* sandbox.h — the worker's sandbox: once a process holds its input in
 * memory (or a socket it reads jobs from) and has its output open, it
 * calls worker_sandbox_enter() and from then on may only compute on
 * memory and talk over the file descriptors it already has.
 *
 * The batch mode calls it in every worker right after setup (job socket
 * on fd 3, stdin/stdout /dev/null, other descriptors closed) and before
 * the first job. It returns 0 when the worker may go on (sandboxed, or
 * sandboxing turned off with --no-sandbox); anything else means the
 * sandbox could not be set up, and the worker must exit without work.
 *
 * On Linux with libseccomp (CC_HAVE_SECCOMP), it:
 *   - loads what would otherwise be loaded lazily from files later: the
 *     iconv (gconv) modules, uchardet, libxml2's parser, the time zone, by
 *     running a small extraction in a few charsets;
 *   - applies the configured resource limits (RLIMIT_AS, RLIMIT_CPU);
 *   - sets PR_SET_NO_NEW_PRIVS and installs a seccomp filter:
 *       allowed: read/write/readv/writev/pread/pwrite and send/recv on open
 *         descriptors, close, lseek, fstat (newfstatat on a descriptor),
 *         fcntl, poll/ppoll/select, shutdown; brk, mmap/mprotect without
 *         PROT_EXEC, munmap, mremap, madvise; futex, sched_yield,
 *         clock_gettime/clock_getres/gettimeofday/time, nanosleep/
 *         clock_nanosleep; rt_sigreturn, rt_sigprocmask, rt_sigaction,
 *         sigaltstack; alarm/setitimer/getitimer; getpid, getppid, gettid,
 *         tgkill on itself (abort), exit, exit_group; getrandom; getrusage;
 *         uname, sysinfo, get[e]uid/get[e]gid; prlimit64 to read a limit.
 *       killed (SIGSYS, the whole process): execve/execveat, fork/vfork/
 *         clone/clone3, ptrace and process_vm_*, socket/socketpair/connect/
 *         bind/listen/accept, io_uring_*, bpf, perf_event_open, mount,
 *         unshare/setns, module loading, kexec, userfaultfd, keyctl.
 *       anything else (open/openat/stat of a path, unlink, ioctl...): fails
 *         with EPERM, so a library that probes a file degrades instead of
 *         dying, and the error is easy to diagnose.
 *     Under AddressSanitizer (whose error reports may fork a symbolizer) the
 *     killed families fail with EPERM instead, and LeakSanitizer's check
 *     runs on entry rather than at exit (it needs ptrace and /proc): the
 *     build-time flag is CC_SANDBOX_RELAXED, set for sanitized builds.
 * Without libseccomp it refuses (returns -1) unless --no-sandbox was given.
 */
#ifndef CCCLI_SANDBOX_H
#define CCCLI_SANDBOX_H

#include <stddef.h>

/* Set by --no-sandbox: worker_sandbox_enter() then does nothing. */
extern int cli_sandbox_disabled;
/* Resource ceilings applied on entry (0 = none, the default):
 * address space in bytes (not under AddressSanitizer, which reserves
 * terabytes of address space) and CPU seconds (SIGXCPU, then SIGKILL). */
extern size_t cli_sandbox_max_memory;
extern unsigned cli_sandbox_max_cpu_seconds;

/* Enters the sandbox (see above). Returns 0 on success or when disabled,
 * -1 with a message on stderr when the sandbox cannot be set up. Call it
 * once per process; the filter is inherited by nothing (fork is denied). */
int worker_sandbox_enter(void);

#endif
