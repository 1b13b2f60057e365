/* workers.c — the worker pool (see workers.h): forking, the job/result
 * exchange, crash and time-out handling, reaping and recycling. */
#define _GNU_SOURCE /* pipe2 */
#include "workers.h"
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#define CC_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CC_LSAN 1
#endif
#endif
#ifdef CC_LSAN
#include <sanitizer/lsan_interface.h>
#endif

/* A worker's life: STARTING (forked, a job waiting, until it says it is
 * ready: its sandbox and warm-up do not count against the job's time),
 * then SENDING a job, RUNNING it, IDLE between jobs. */
enum { W_NONE = 0, W_IDLE, W_STARTING, W_SENDING, W_RUNNING };

/* How long a worker may take to start (load its modules, warm up, enter
 * its sandbox) before its job fails. */
#define WORKER_START_LIMIT 60.0

typedef struct worker {
  int state;
  pid_t pid;
  int fd;
  int efd;           /* the read end of its stderr (-1 once at its end) */
  sbuf eline;        /* a message line being received */
  size_t ebytes;     /* message bytes forwarded for the job in hand */
  uint64_t seq;      /* the job in hand */
  double deadline;   /* when it must be done (0: no limit) */
  unsigned jobs;     /* jobs done, for recycling */
  penc meta;         /* the job being sent: its encoded head ... */
  char *data;        /* ... and its input bytes */
  proto_writer w;
  proto_reader r;
} worker;

static int has_job(const worker *w) {
  return w->state == W_STARTING || w->state == W_SENDING || w->state == W_RUNNING;
}

struct pool {
  int n;
  worker *w;
  worker_config cfg;
  double timeout;
  unsigned recycle;
  uint64_t max_result;
  pool_msg_fn on_msg;
  void *msg_ctx;
};

/* What a worker writes to its stderr (a sandbox's complaint, a sanitizer's
 * report) reaches the user through the parent, line by line: at most this
 * much per job, each line at most WORKER_LINE_MAX. */
#define WORKER_MSG_MAX (64u << 10)
#define WORKER_LINE_MAX 4096

void pool_on_message(pool *p, pool_msg_fn fn, void *ctx) {
  p->on_msg = fn;
  p->msg_ctx = ctx;
}

static void forward_line(pool *p, worker *w) {
  if (w->ebytes < WORKER_MSG_MAX && p->on_msg) {
    w->ebytes += w->eline.len + 1;
    p->on_msg(p->msg_ctx, w->seq,
              w->ebytes >= WORKER_MSG_MAX ? "(further messages of this worker dropped)"
                                          : (w->eline.data ? w->eline.data : ""));
  }
  w->eline.len = 0;
  if (w->eline.data) w->eline.data[0] = '\0';
}

/* Reads what the worker wrote to stderr; returns 0 at its end. */
static int read_messages(pool *p, worker *w) {
  char buf[4096];
  for (;;) {
    ssize_t r = read(w->efd, buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    for (ssize_t i = 0; i < r; i++) {
      if (buf[i] == '\n') forward_line(p, w);
      else if (w->eline.len < WORKER_LINE_MAX) sbuf_putc(&w->eline, buf[i]);
    }
  }
}

static void close_messages(pool *p, worker *w) {
  if (w->efd < 0) return;
  read_messages(p, w); /* what a dead worker left in the pipe */
  if (w->eline.len) forward_line(p, w);
  close(w->efd);
  w->efd = -1;
}

pool *pool_new(int nworkers, const worker_config *cfg, double timeout, unsigned recycle) {
  pool *p = xcalloc(1, sizeof *p);
  p->n = nworkers < 1 ? 1 : nworkers;
  p->w = xcalloc((size_t)p->n, sizeof *p->w);
  p->cfg = *cfg;
  p->timeout = timeout;
  p->recycle = recycle;
  size_t mo = cfg->opt.max_output_bytes ? cfg->opt.max_output_bytes : ((size_t)64 << 20);
  /* a result: its rendering (a jsonl record escapes, so allow 6x), the
   * explain report and the fingerprints; bounded by the frame limit */
  uint64_t nodes = cfg->opt.max_nodes ? cfg->opt.max_nodes : 2000000;
  uint64_t m = (uint64_t)mo * 6 + 8 * nodes + ((uint64_t)64 << 20);
  p->max_result = m > PROTO_MAX_PAYLOAD ? PROTO_MAX_PAYLOAD : m;
  return p;
}

/* Closes every descriptor from `lo` up (the worker keeps only 0..lo-1). */
static void close_from(int lo) {
#ifdef SYS_close_range
  if (syscall(SYS_close_range, (unsigned)lo, ~0u, 0u) == 0) return;
#endif
  long max = sysconf(_SC_OPEN_MAX);
  if (max < 0 || max > 65536) max = 65536;
  for (int fd = lo; fd < max; fd++) close(fd);
}

/* In the child: becomes a worker on socket fd and never returns. */
static void become_worker(int fd, int efd, const worker_config *cfg, pid_t parent) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  /* Ctrl-C, a terminal hang-up and `pkill clipclean` are the parent's to
   * handle: it lets the worker finish its document, or kills it (SIGKILL),
   * and the worker dies with the parent in any case (PDEATHSIG below) */
  sa.sa_handler = SIG_IGN;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  sa.sa_handler = SIG_DFL;
  sigaction(SIGPIPE, &sa, NULL);
  sigaction(SIGCHLD, &sa, NULL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  /* die with the parent, even when it is SIGKILLed */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(0);
  /* stdin and stdout: nothing; stderr: a pipe to the parent, never the
   * user's terminal or file (a worker could seek and overwrite a file) */
  int nul = open("/dev/null", O_RDWR);
  if (nul >= 0) {
    dup2(nul, 0);
    dup2(nul, 1);
  }
  if (dup2(efd, 2) < 0) _exit(3);
  if (fd != 3) {
    if (dup2(fd, 3) < 0) _exit(3);
  } else {
    fcntl(3, F_SETFD, 0);
  }
  close_from(4);
  int rc = worker_main(3, cfg);
#ifdef CC_LSAN
  /* _exit skips LeakSanitizer's exit check: run it here, so a leak in the
   * worker's per-job path fails the sanitizer build like one in the parent.
   * Not in the sandbox: the check needs ptrace, clone and /proc, which the
   * filter refuses (the sandbox runs it on entry instead; a batch with
   * --no-sandbox covers the per-job path, see tests/CMakeLists.txt). */
  if (rc == 0 && cli_sandbox_disabled && __lsan_do_recoverable_leak_check()) rc = 23;
#endif
  _exit(rc);
}

static int spawn(pool *p, worker *w) {
  int sv[2], ep[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return -1;
  if (pipe2(ep, O_CLOEXEC) != 0) {
    int e = errno;
    close(sv[0]);
    close(sv[1]);
    errno = e;
    return -1;
  }
  fflush(stdout);
  fflush(stderr);
  /* no signal handler of the parent may run in the child */
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_SETMASK, &all, &old);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) become_worker(sv[1], ep[1], &p->cfg, parent);
  int e = errno;
  sigprocmask(SIG_SETMASK, &old, NULL);
  close(sv[1]);
  close(ep[1]);
  if (pid < 0) {
    close(sv[0]);
    close(ep[0]);
    errno = e;
    return -1;
  }
  fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
  fcntl(ep[0], F_SETFL, fcntl(ep[0], F_GETFL) | O_NONBLOCK);
  memset(w, 0, sizeof *w);
  w->state = W_IDLE;
  w->pid = pid;
  w->fd = sv[0];
  w->efd = ep[0];
  return 0;
}

/* Kills (if asked) and reaps a worker; returns its wait status. */
static int reap(pool *p, worker *w, int kill_it) {
  int status = 0;
  if (kill_it) kill(w->pid, SIGKILL);
  while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
  }
  close_messages(p, w);
  sbuf_free(&w->eline);
  close(w->fd);
  penc_free(&w->meta);
  free(w->data);
  proto_reader_free(&w->r);
  memset(w, 0, sizeof *w);
  w->state = W_NONE;
  return status;
}

int pool_can_take(pool *p) {
  for (int i = 0; i < p->n; i++)
    if (p->w[i].state == W_IDLE || p->w[i].state == W_NONE) return 1;
  return 0;
}

int pool_busy(const pool *p) {
  int k = 0;
  for (int i = 0; i < p->n; i++) k += has_job(&p->w[i]);
  return k;
}

int pool_submit(pool *p, const job_msg *job, char *data, char *err, size_t errcap) {
  worker *w = NULL;
  int fresh = 0;
  for (int i = 0; i < p->n && !w; i++)
    if (p->w[i].state == W_IDLE) w = &p->w[i];
  for (int i = 0; i < p->n && !w; i++)
    if (p->w[i].state == W_NONE) {
      if (spawn(p, &p->w[i]) != 0) {
        snprintf(err, errcap, "cannot start a worker process: %s", strerror(errno));
        free(data);
        return -1;
      }
      w = &p->w[i];
      fresh = 1;
    }
  if (!w) {
    snprintf(err, errcap, "no idle worker");
    free(data);
    return -1;
  }
  w->seq = job->seq;
  w->ebytes = 0;
  w->data = data;
  memset(&w->meta, 0, sizeof w->meta);
  job_encode(job, &w->meta);
  struct iovec iov[2] = {{w->meta.data, w->meta.len}, {data, job->len}};
  proto_writer_start(&w->w, MSG_JOB, iov, 2);
  if (fresh) { /* the job's clock starts when the worker is ready */
    w->state = W_STARTING;
    w->deadline = now_sec() + WORKER_START_LIMIT;
  } else {
    w->state = W_SENDING;
    w->deadline = p->timeout > 0 ? now_sec() + p->timeout : 0;
  }
  return 0;
}

/* A starting worker's first message: it is ready, and its job goes out. */
static int got_ready(pool *p, worker *w) {
  uint32_t type;
  size_t len;
  char *payload = proto_reader_take(&w->r, &type, &len);
  free(payload);
  if (type != MSG_READY) return -1;
  w->state = W_SENDING;
  w->deadline = p->timeout > 0 ? now_sec() + p->timeout : 0;
  return 0;
}

int pool_pollfds(pool *p, struct pollfd *fds, int max) {
  int k = 0;
  for (int i = 0; i < p->n && k < max; i++) {
    worker *w = &p->w[i];
    if (w->state == W_NONE) continue;
    fds[k].fd = w->fd;
    fds[k].events = (short)(POLLIN | (w->state == W_SENDING ? POLLOUT : 0));
    fds[k].revents = 0;
    k++;
    if (w->efd >= 0 && k < max) {
      fds[k].fd = w->efd;
      fds[k].events = POLLIN;
      fds[k].revents = 0;
      k++;
    }
  }
  return k;
}

int pool_nfds(const pool *p) { return 2 * p->n; }

static void describe_death(int status, char *m, size_t cap) {
  worker_limit_describe(status, m, cap);
  if (*m) return;
  if (WIFSIGNALED(status))
    snprintf(m, cap, "worker crashed (signal %d)", WTERMSIG(status));
  else if (WIFEXITED(status) && WEXITSTATUS(status) == 70)
    snprintf(m, cap, "worker could not enter its sandbox");
  else if (WIFEXITED(status))
    snprintf(m, cap, "worker exited unexpectedly (status %d)", WEXITSTATUS(status));
  else
    snprintf(m, cap, "worker vanished");
}

/* The job in hand failed without a result. */
static void job_failed(pool *p, worker *w, const char *msg, int kill_it, pool_done_fn fn,
                       void *ctx) {
  pool_done d;
  memset(&d, 0, sizeof d);
  d.seq = w->seq;
  int busy = has_job(w);
  int status = reap(p, w, kill_it);
  if (!busy) return; /* an idle worker died: nothing lost */
  if (msg) snprintf(d.message, sizeof d.message, "%s", msg);
  else describe_death(status, d.message, sizeof d.message);
  fn(ctx, &d);
}

static void got_result(pool *p, worker *w, pool_done_fn fn, void *ctx) {
  uint32_t type;
  size_t len;
  char *payload = proto_reader_take(&w->r, &type, &len);
  pool_done d;
  memset(&d, 0, sizeof d);
  uint64_t *store = NULL;
  if (type != MSG_RESULT || result_decode(payload, len, &d.res, &store) != 0 ||
      d.res.seq != w->seq) {
    free(payload);
    free(store);
    job_failed(p, w, "worker sent a malformed result", 1, fn, ctx);
    return;
  }
  d.seq = w->seq;
  d.ok = 1;
  w->state = W_IDLE;
  w->jobs++;
  fn(ctx, &d);
  free(payload);
  free(store);
  if (p->recycle && w->jobs >= p->recycle) reap(p, w, 1); /* idle: nothing lost */
}

void pool_handle(pool *p, const struct pollfd *fds, int n, pool_done_fn fn, void *ctx) {
  for (int k = 0; k < n; k++) {
    if (!fds[k].revents) continue;
    worker *w = NULL;
    for (int i = 0; i < p->n; i++) {
      worker *x = &p->w[i];
      if (x->state == W_NONE) continue;
      if (x->efd >= 0 && x->efd == fds[k].fd) { /* its stderr */
        if (!read_messages(p, x)) close_messages(p, x);
        break;
      }
      if (x->fd == fds[k].fd) w = x;
    }
    if (!w) continue;
    if (w->state == W_IDLE) {
      /* an idle worker only speaks by dying */
      job_failed(p, w, NULL, 1, fn, ctx);
      continue;
    }
    if (w->state == W_SENDING && (fds[k].revents & (POLLOUT | POLLERR | POLLHUP))) {
      int rc = proto_writer_flush(&w->w, w->fd);
      if (rc < 0) {
        /* the worker is gone (EPIPE); its death says why */
        job_failed(p, w, NULL, 1, fn, ctx);
        continue;
      }
      if (rc == 1) {
        w->state = W_RUNNING;
        penc_free(&w->meta);
        free(w->data); /* the input is the worker's now */
        w->data = NULL;
      }
    }
    if (w->state != W_NONE && (fds[k].revents & (POLLIN | POLLHUP | POLLERR))) {
      int rc = proto_reader_feed(&w->r, w->fd, p->max_result);
      if (rc == 1 && w->state == W_STARTING) {
        if (got_ready(p, w) != 0) job_failed(p, w, "worker sent a malformed message", 1, fn, ctx);
        continue;
      }
      if (rc == 1) {
        if (w->state == W_SENDING) { /* a result before the whole job? */
          job_failed(p, w, "worker answered before reading its job", 1, fn, ctx);
          continue;
        }
        got_result(p, w, fn, ctx);
      } else if (rc < 0) {
        if (errno == EPROTO)
          job_failed(p, w, "worker sent a malformed message", 1, fn, ctx);
        else
          job_failed(p, w, NULL, 1, fn, ctx); /* end of stream: it died */
      }
    }
  }
  /* time-outs */
  double now = now_sec();
  for (int i = 0; i < p->n; i++) {
    worker *w = &p->w[i];
    if (has_job(w) && w->deadline && now >= w->deadline) {
      char m[96];
      if (w->state == W_STARTING)
        snprintf(m, sizeof m, "worker did not start within %g s (killed)", WORKER_START_LIMIT);
      else
        snprintf(m, sizeof m, "timed out after %g s (worker killed)", p->timeout);
      job_failed(p, w, m, 1, fn, ctx);
    }
  }
}

double pool_next_deadline(const pool *p, double now) {
  double best = -1;
  for (int i = 0; i < p->n; i++) {
    const worker *w = &p->w[i];
    if (has_job(w) && w->deadline) {
      double d = w->deadline - now;
      if (d < 0) d = 0;
      if (best < 0 || d < best) best = d;
    }
  }
  return best;
}

void pool_abort_busy(pool *p, const char *why, pool_done_fn fn, void *ctx) {
  for (int i = 0; i < p->n; i++) {
    worker *w = &p->w[i];
    if (has_job(w)) job_failed(p, w, why, 1, fn, ctx);
  }
}

int pool_free(pool *p) {
  if (!p) return 0;
  int bad = 0;
  /* idle workers exit on end of stream; close all sockets first so they
   * all see it at once, then reap (killing any still busy) */
  for (int i = 0; i < p->n; i++)
    if (p->w[i].state != W_NONE) shutdown(p->w[i].fd, SHUT_RDWR);
  for (int i = 0; i < p->n; i++) {
    worker *w = &p->w[i];
    if (w->state == W_NONE) continue;
    int idle = w->state == W_IDLE;
    int st = reap(p, w, !idle);
    if (idle && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) bad++;
  }
  free(p->w);
  free(p);
  return bad;
}
