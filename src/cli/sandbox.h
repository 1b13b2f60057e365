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
 *   - applies the resource limits (below), with or without the filter;
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
 * Without libseccomp the worker runs unconfined (the resource limits still
 * apply): the parent says so once per run (worker_sandbox_available).
 */
#ifndef CCCLI_SANDBOX_H
#define CCCLI_SANDBOX_H

#include <stddef.h>

/* Set by --no-sandbox: worker_sandbox_enter() then installs no filter
 * (the resource limits below still apply). */
extern int cli_sandbox_disabled;
/* Resource limits (0 = none), applied on entry whether or not the filter
 * is: memory per worker process (--max-memory, default 2 GiB), counted
 * from what the process has on entry (the parent's mappings it was forked
 * with do not count against a document): the address space (RLIMIT_AS),
 * or under AddressSanitizer (which reserves terabytes of address space)
 * the allocator's live heap bytes; an allocation over it ends the worker
 * with WORKER_EXIT_NOMEM. CPU seconds per document
 * (--timeout's value): an ITIMER_PROF armed by worker_job_begin, whose
 * SIGPROF kills the worker. The parent turns either end into a clear
 * message (worker_limit_describe) and the batch goes on. */
extern size_t cli_sandbox_max_memory;
extern double cli_sandbox_job_cpu;
#define WORKER_EXIT_NOMEM 71
/* Arms and disarms the CPU limit around one document. */
void worker_job_begin(void);
void worker_job_end(void);
/* The message for a worker that ended by a limit (its wait status), or ""
 * for any other end. */
void worker_limit_describe(int status, char *m, size_t cap);

/* Enters the sandbox (see above). Returns 0 on success or when disabled,
 * -1 with a message on stderr when the sandbox cannot be set up. Call it
 * once per process; the filter is inherited by nothing (fork is denied). */
int worker_sandbox_enter(void);

/* 1 when this build can confine its workers (built with libseccomp). */
int worker_sandbox_available(void);

#endif
