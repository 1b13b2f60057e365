/* workers.h — the pool of worker processes, seen from the parent.
 *
 * Workers are forked on demand up to N (so one input costs one fork), each
 * with a socketpair to the parent. A new worker says it is ready (its
 * sandbox and warm-up done: they do not count against a job's time limit),
 * the parent sends a job (non-blocking, as the socket takes it), the worker
 * answers with a result. The pool owns
 * the processes and their sockets, and turns every way a job can end into
 * one "done" event: a result, a crash (the worker died: "worker crashed
 * (signal N)"), a time-out (the parent killed it after the time limit), or
 * a protocol error. A worker that died is reaped and replaced by the next
 * job that needs one. Workers are retired after `recycle` jobs, so heap
 * fragmentation in a long batch cannot grow a worker without bound.
 * The pool never blocks: the caller polls the fds it hands out. */
#ifndef CCCLI_WORKERS_H
#define CCCLI_WORKERS_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "clean.h"
#include "proto.h"

typedef struct pool pool;

/* A finished job. When `ok` is 0 the job produced no result and `message`
 * says why; otherwise `res` is the decoded result, valid until the
 * callback returns (copy what you keep). */
typedef struct pool_done {
  uint64_t seq;
  int ok;
  char message[160];
  result_msg res;
} pool_done;

typedef void (*pool_done_fn)(void *ctx, pool_done *d);

/* timeout: seconds per job, 0 for none. recycle: jobs per worker, 0 for
 * no limit. */
pool *pool_new(int nworkers, const worker_config *cfg, double timeout, unsigned recycle);
/* Stops every worker (closing their sockets, then killing what is left)
 * and frees the pool. Returns how many idle workers did not exit cleanly
 * (status 0) when told to stop: a sanitizer build's workers exit 23 after
 * finding a leak. */
int pool_free(pool *p);

/* 1 when a job can be submitted now (an idle worker, or room to fork). */
int pool_can_take(pool *p);
/* Sends a job to an idle worker. Takes ownership of `data` (freed once
 * sent). Returns 0, or -1 with a message when no worker could be started
 * (then `data` is freed and the job is not running). */
int pool_submit(pool *p, const job_msg *job, char *data, char *err, size_t errcap);
/* Jobs sent and not finished. */
int pool_busy(const pool *p);

/* A line a worker wrote to its stderr: `seq` is its job (or its last one).
 * Workers never write to the user's stderr themselves: theirs is a pipe to
 * the parent, which reads it in the same poll() and hands each line here
 * (at most 64 KiB per job; lines cut at 4 KiB). */
typedef void (*pool_msg_fn)(void *ctx, uint64_t seq, const char *line);
void pool_on_message(pool *p, pool_msg_fn fn, void *ctx);

/* Fills up to `max` pollfds (returns how many) for the workers: at most
 * pool_nfds(). */
int pool_pollfds(pool *p, struct pollfd *fds, int max);
int pool_nfds(const pool *p);
/* Handles the events poll() reported on those fds, and time-outs; calls
 * `fn` for every finished job. */
void pool_handle(pool *p, const struct pollfd *fds, int n, pool_done_fn fn, void *ctx);
/* Seconds until the next job deadline (for the poll timeout), or -1. */
double pool_next_deadline(const pool *p, double now);
/* Kills every busy worker; each job ends with `why` as its message. */
void pool_abort_busy(pool *p, const char *why, pool_done_fn fn, void *ctx);

#endif
