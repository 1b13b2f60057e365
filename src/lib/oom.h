/* oom.h — out-of-memory as an error, not an abort.
 *
 * Every allocation the library makes from the heap goes through cc_malloc,
 * cc_calloc and cc_realloc (the arena's chunks, buffers, work arrays).
 * Each public entry point that allocates runs its work under a guard
 * (CC_GUARD, below): the allocations made under it are tracked, and when
 * one fails, cc_malloc frees every allocation still tracked by the guard
 * and returns, with longjmp, to the entry point, which reports
 * CC_ERR_NOMEM. This is the only way out of gumbo when its allocator (our
 * arena) fails, and it spares the stages a check after every allocation.
 * When the guarded call ends normally, what is still tracked (a result,
 * a rendering) becomes the caller's, untracked.
 *
 * Rules that keep it sound: code under a guard never allocates into an
 * arena or buffer that outlives the call (only into new ones), holds no
 * resource other than tracked memory across an allocation unless it
 * registers a cleanup (cc_guard_on_fail), and never calls back into
 * foreign code that allocates through us while holding foreign state.
 * Guards are per thread (a thread-local pointer to the innermost), and
 * may nest: an inner guard's survivors are handed to the caller too.
 *
 * Outside any guard (the library's own unit tests call stages directly),
 * a failed allocation aborts: no public entry point gets there.
 */
#ifndef CC_OOM_H
#define CC_OOM_H

#include <setjmp.h>
#include <stddef.h>

typedef struct cc_mhdr cc_mhdr;

typedef struct cc_guard {
  jmp_buf env;
  cc_mhdr *live;           /* tracked allocations, most recent first */
  struct cc_guard *outer;  /* the guard this one nests in */
} cc_guard;

/* Enters guard g and evaluates to 0; evaluates to nonzero when an
 * allocation under it failed (everything it tracked is freed by then and
 * the guard is left). Use as: if (CC_GUARD(&g)) return nomem; ...;
 * cc_guard_end(&g). The function calling it must not return before
 * cc_guard_end, and locals it changes after it must not be read after a
 * failure (they are indeterminate after longjmp). */
#define CC_GUARD(g) (cc_guard_enter(g), setjmp((g)->env))
void cc_guard_enter(cc_guard *g);
/* Leaves g normally: what it still tracks is the caller's from now on. */
void cc_guard_end(cc_guard *g);

/* Registers a cleanup to run if the innermost guard fails before
 * cc_guard_cancel(h) is called; returns a handle. The handle itself is
 * tracked memory. Outside any guard it does nothing (returns NULL). */
void *cc_guard_on_fail(void (*fn)(void *), void *arg);
void cc_guard_cancel(void *handle);

/* Allocation that never returns NULL: on failure, the innermost guard
 * fails (see above). Memory from these is freed with cc_mfree only. */
void *cc_malloc(size_t n);
void *cc_calloc(size_t n, size_t size);
void *cc_realloc(void *p, size_t n);
void cc_mfree(void *p);

/* The failure itself: for code that learns of an allocation failure
 * another way (a library returning NULL for out-of-memory). */
_Noreturn void cc_oom(void);

#endif
