/* sandbox.h — the worker's sandbox hook.
 *
 * worker_sandbox_enter() is called in every worker process right after it
 * is set up (its job socket is fd 3, stdin/stdout are /dev/null, every
 * other descriptor is closed, signals are reset) and before it reads its
 * first job. From then on the worker only needs: read/write on fd 3,
 * memory allocation (brk/mmap/munmap/mremap/madvise), clock_gettime,
 * nanosleep (test hooks), and exit. It returns 0 when the worker may go
 * on; anything else makes the worker exit (status 70) without work.
 *
 * The implementation in sandbox.c is a placeholder that does nothing; the
 * seccomp implementation replaces it (owned by the sandboxing work). */
#ifndef CCCLI_SANDBOX_H
#define CCCLI_SANDBOX_H

int worker_sandbox_enter(void);

#endif
