/* batch.c — the parent's event loop (see batch.h).
 *
 * The window: inputs get a sequence number as they are taken from the
 * source and sit in a ring of W slots until their outcome has been emitted,
 * strictly in sequence order. A slot is FETCH (a URL with the fetcher),
 * QUEUED (only its path known, or a fetched page's bytes), RUNNING (read
 * and sent to a worker: the input bytes exist only between the read and
 * the end of the send), or DONE (an outcome, and for stream outputs the
 * rendering, waiting for its turn). The source is not asked for
 * more while the window is full, so a slow document at the head holds back
 * at most W-1 finished ones: memory depends on W and on document sizes,
 * never on the number of inputs. -O outputs are written the moment their
 * result arrives (their order does not matter); messages, explain reports
 * and stream output follow input order.
 *
 * Single pass: source = inputs, results → sink. With site learning: pass 1
 * (learn) sends every input with a request for its block fingerprints and
 * writes each outcome to the spool, feeding the site learner in input
 * order; pass 2 (apply) reads the spool back, re-cleans only documents
 * whose site has boilerplate they contain (with that list), and emits every
 * other outcome straight from the spool. The loop waits in poll() on the
 * workers' sockets and a self-pipe written by the signal handler; the
 * timeout is the nearest job deadline, or the progress tick.
 *
 * URLs: an input that is a URL takes its place in the window like a file
 * (so stream outputs keep input order) in one more state, FETCH: it is
 * handed to the fetcher (fetch.h), whose sockets and timer join the
 * workers' sockets in the same poll(). A finished fetch makes the slot
 * QUEUED with its bytes in memory (dispatch then skips the read), its final
 * URL and its charset, or DONE with the fetch's error. Memory: the window
 * (1024 slots when there are URLs, so the fetcher can pick among many
 * hosts) holds only URLs until they are fetched; transfers in flight plus
 * fetched pages waiting for a worker are at most --parallel + 2 x -j, so at
 * most that many bodies are in memory. Past the held-output budget only the
 * head's URL may start, like the head's file. Site learning needs a second
 * reading of every page; a URL cannot be re-read, so runs with URLs clean
 * each page once (single pass).
 *
 * WARC files: a file input whose bytes are a WARC's is read record by
 * record (warc_input.h) in its place: each page takes a slot like a
 * fetched page (QUEUED with its bytes in memory; at most 2 x -j such pages
 * wait for a worker, so memory holds few pages whatever the file's size),
 * each broken record a slot with its error; other records are only
 * counted. Pass 1 of site learning leaves WARC files to pass 2 (like
 * stdin): their pages are cleaned once. */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fetch.h"
#include "inputs.h"
#include "io.h"
#include "progress.h"
#include "sandbox.h"
#include "record.h"
#include "sink.h"
#include "site.h"
#include "spool.h"
#include "url.h"
#include "util.h"
#include "warc_input.h"
#include "workers.h"
#include "attach.h"

#define RECYCLE_JOBS 1000
#define SITE_MAX_ENTRIES ((size_t)1 << 21)
/* Finished renderings waiting for their turn may hold this much; past it,
 * only the input at the head of the window is started. */
#define HELD_BUDGET ((uint64_t)256 << 20)

enum { PASS_SINGLE, PASS_LEARN, PASS_APPLY };
enum { SL_FREE = 0, SL_QUEUED, SL_RUNNING, SL_DONE, SL_CANCELLED, SL_FETCH, SL_IMAGES };
/* outcomes beyond RES_OK / RES_EMPTY / RES_ERROR */
enum { OUT_SKIPPED = 10, OUT_DEFERRED = 11, OUT_DUPLICATE = 12 };
/* the window when there are URLs: the fetcher picks among its hosts */
#define URL_WINDOW 1024

typedef struct slot {
  int state;
  uint64_t seq;
  input_item item;
  char *outpath;     /* -O */
  struct stat st;    /* the input's identity, once read */
  int have_st;
  int waiting;       /* fetched, its bytes waiting for a worker */
  spool_rec p1;      /* pass 2: what pass 1 made of it */
  int have_p1;
  uint64_t *bp;      /* pass 2: the boilerplate to drop */
  size_t nbp;
  /* the outcome */
  int kind;
  char *msg;
  char *out;
  size_t outlen;
  char *explain;
  char *name;        /* --name title: the output's stem from the worker */
  char *keep;        /* --images: the input, kept to render it again */
  size_t keep_len;
  char *imap;        /* --images: its images' local copies, for that render */
  uint64_t in_bytes;
  /* pass 1 */
  uint64_t site, text_hash;
  uint64_t *hashes;
  size_t nhashes;
} slot;

typedef struct batch {
  const cli_opts *o;
  int mode;
  int is_batch;
  pool *pool;
  sink sink;
  progress prog;
  counts c;
  slot *win;
  size_t W;
  uint64_t head, next, qcur; /* qcur: lowest seq that may still be QUEUED */
  const struct job_source *source;
  input_source *src;
  int src_done;
  int src_waiting;       /* the source has nothing now, more later */
  input_source *counter; /* counts inputs for the progress total */
  spool sp;
  int have_spool;
  site_learner *sites;
  int stopping, aborting, fatal;
  int epipe;             /* stdout's reader went away */
  int exit_code;         /* set by fatal errors */
  double spawn_retry;    /* after a failed fork: not before this time */
  uint64_t cancelled;    /* inputs taken but not done: the run stopped */
  uint64_t untaken;      /* inputs never taken: the run stopped first */
  int untaken_unknown;   /* ... and a list on stdin left unread */
  int learn_stopped;     /* stopped in the learning pass: nothing written */
  uint64_t held;         /* bytes of renderings held in the window */
  uint64_t recleaned, fallback; /* pass 2 statistics */
  double t0;
  uint64_t bytes_total;
  warc_input *warc;      /* the WARC file being read, or NULL */
  warc_stats ws;
  fetcher *fetch;        /* when there are URLs or --images (and libcurl) */
  attach *att;           /* --images */
  uint64_t fetch_waiting; /* fetched pages waiting for a worker */
  u64set seen_urls;      /* keys of the URLs taken, for duplicates */
} batch;

/* ---- signals ---- */

static volatile sig_atomic_t g_signals;
static int g_sigpipe[2] = {-1, -1};

static void on_signal(int sig) {
  int e = errno;
  g_signals++;
  if (g_signals >= 2) signal(sig, SIG_DFL); /* a third one kills */
  if (g_sigpipe[1] >= 0) {
    ssize_t r = write(g_sigpipe[1], "x", 1);
    (void)r;
  }
  errno = e;
}

static int signals_setup(void) {
  if (pipe(g_sigpipe) != 0) return -1;
  for (int i = 0; i < 2; i++) {
    fcntl(g_sigpipe[i], F_SETFL, fcntl(g_sigpipe[i], F_GETFL) | O_NONBLOCK);
    fcntl(g_sigpipe[i], F_SETFD, FD_CLOEXEC);
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, NULL); /* EPIPE instead, from workers and stdout */
  return 0;
}

static void signals_teardown(void) {
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  for (int i = 0; i < 2; i++)
    if (g_sigpipe[i] >= 0) close(g_sigpipe[i]);
  g_sigpipe[0] = g_sigpipe[1] = -1;
}

/* ---- messages ---- */

static const char *shown_name(const char *path) { return strcmp(path, "-") ? path : "<stdin>"; }

/* An input's name in messages: a WARC page's says where it is. */
static const char *slot_name(const struct slot *s);

/* One line on stderr; everything in it that came from outside (names,
 * servers' words) is made printable (util.h). */
static void note(batch *b, const char *path, const char *msg) {
  progress_clear(&b->prog);
  if (!path) {
    cli_say("%s", msg);
    return;
  }
  /* a name of any length (a 50 MB URL...) is shown by its first 1000
   * bytes: a message stays a line */
  const char *name = shown_name(path);
  size_t n = strlen(name), k = n > 1024 ? 1000 : n;
  while (k < n && ((unsigned char)name[k] & 0xc0) == 0x80) k--;
  if (k < n) cli_say("%.*s... (%zu bytes): %s", (int)k, name, n, msg);
  else cli_say("%s: %s", name, msg);
}

static void fatal(batch *b, int code, const char *path, const char *msg) {
  if (b->fatal) return;
  note(b, path, msg);
  b->fatal = 1;
  b->exit_code = code;
}

/* ---- slots ---- */

static slot *slot_of(batch *b, uint64_t seq) { return &b->win[seq % b->W]; }

static const char *slot_name(const slot *s) {
  return s->item.label ? s->item.label : shown_name(s->item.path);
}

static void slot_clear(slot *s) {
  input_item_free(&s->item);
  free(s->outpath);
  if (s->have_p1) spool_rec_free(&s->p1);
  free(s->bp);
  free(s->msg);
  free(s->out);
  free(s->explain);
  free(s->name);
  free(s->keep);
  free(s->imap);
  free(s->hashes);
  memset(s, 0, sizeof *s);
}

static void slot_done(slot *s, int kind, const char *msg) {
  s->state = SL_DONE;
  s->kind = kind;
  if (msg) {
    free(s->msg);
    s->msg = xstrdup(msg);
  }
}

static void write_output(batch *b, slot *s);

/* ---- URLs: the glue to the fetcher (stand-ins without libcurl) ---- */

#ifdef CC_HAVE_FETCH
/* How many transfers may start now, and up to which input: those in
 * flight and the fetched pages waiting for a worker stay within
 * --parallel + 2 x -j; past the held-output budget only the head of the
 * window may start. The head's URL may always start (its turn permitting):
 * it is what lets the window move, whatever else waits. Returns the room. */
static int fetch_gate(batch *b, uint64_t *max_id) {
  *max_id = b->held > HELD_BUDGET ? ATTACH_ID(b->head, ATTACH_MAX) : UINT64_MAX;
  if (!b->fetch || b->stopping || b->fatal) return 0;
  int limit = b->o->fetch.parallel + 2 * b->o->jobs;
  int used = fetcher_active(b->fetch) + (int)b->fetch_waiting;
  if (used < limit) return limit - used;
  if (b->head < b->next &&
      (slot_of(b, b->head)->state == SL_FETCH || slot_of(b, b->head)->state == SL_IMAGES)) {
    *max_id = ATTACH_ID(b->head, ATTACH_MAX);
    return 1;
  }
  return 0;
}

static int fetch_active(const batch *b) { return b->fetch ? fetcher_active(b->fetch) : 0; }

static void on_image_warn(void *ctx, uint64_t seq, const char *msg);
static void on_image_ready(void *ctx, uint64_t seq);

static void on_fetched(void *ctx, fetch_result *r) {
  batch *b = ctx;
  if (ATTACH_IMAGE(r->id)) { /* an image of a clipping (--images) */
    if (b->att) attach_fetched(b->att, r, on_image_warn, on_image_ready, b);
    return;
  }
  uint64_t seq = ATTACH_SEQ(r->id);
  slot *s = slot_of(b, seq);
  if (s->seq != seq || s->state != SL_FETCH) return; /* cannot happen */
  if (r->cancelled) {
    s->state = SL_CANCELLED;
    return;
  }
  s->item.http_status = (int)r->http_status;
  free(s->item.url);
  s->item.url = r->final_url;
  r->final_url = NULL;
  b->c.fetch_bytes += r->bytes;
  if (!r->ok) {
    b->c.fetch_failed++;
    slot_done(s, RES_ERROR, r->message);
    return;
  }
  b->c.fetched++;
  s->item.data = r->body;
  s->item.len = r->len;
  r->body = NULL;
  free(s->item.charset);
  s->item.charset = r->charset;
  r->charset = NULL;
  s->item.as_text = r->as_text;
  s->state = SL_QUEUED;
  s->waiting = 1;
  b->fetch_waiting++;
}

static void fetch_pump(batch *b) {
  uint64_t max_id;
  int room = fetch_gate(b, &max_id);
  if (room > 0) fetcher_pump(b->fetch, room, max_id, on_fetched, b);
}
#else
static int fetch_active(const batch *b) { return (void)b, 0; }
static void fetch_pump(batch *b) { (void)b; }
#endif

/* A URL entering the window: a duplicate, skipped (-O, --skip-existing),
 * or handed to the fetcher. */
static void feed_url(batch *b, slot *s) {
  if (!b->fetch) {
    slot_done(s, RES_ERROR, "this clipclean was built without URL support");
    return;
  }
#ifdef CC_HAVE_FETCH
  char *key = url_key(s->item.path);
  int fresh = u64set_add(&b->seen_urls, hash64(key, strlen(key), HASH64_SEED));
  free(key);
  if (!fresh) {
    slot_done(s, OUT_DUPLICATE, NULL);
    return;
  }
  if (b->sink.kind == SINK_DIR && !b->o->wc.name_mode) {
    char err[300];
    s->outpath = sink_output_path_url(&b->sink, s->item.path, err, sizeof err);
    if (!s->outpath) {
      slot_done(s, RES_ERROR, err);
      return;
    }
    struct stat st;
    if (b->o->skip_existing && lstat(s->outpath, &st) == 0 && S_ISREG(st.st_mode)) {
      slot_done(s, OUT_SKIPPED, NULL);
      return;
    }
  }
  s->state = SL_FETCH;
  fetcher_add(b->fetch, ATTACH_ID(s->seq, 0), s->item.fetch ? s->item.fetch : s->item.path);
#endif
}

/* ---- feeding the window ---- */

/* A job source: where inputs come from. next() gives 1 with an item, 0 at
 * the end, or -1 when it has nothing now but will have more (a source fed
 * by network transfers: the loop then waits in poll, where such a source
 * would add its descriptors). Two sources exist: the inputs (arguments,
 * lists, walks) and, in pass 2 of site learning, the spool. */
typedef struct job_source {
  int (*next)(batch *b, input_item *it, spool_rec *p1);
} job_source;

static int inputs_source_next(batch *b, input_item *it, spool_rec *p1) {
  (void)p1;
  return inputs_next(b->src, it);
}

static int spool_source_next(batch *b, input_item *it, spool_rec *p1) {
  int rc = spool_read(&b->sp, p1);
  if (rc < 0) {
    fatal(b, 1, NULL, "the learning spool could not be read back");
    return 0;
  }
  if (rc == 0) return 0;
  memset(it, 0, sizeof *it);
  it->path = xstrdup(p1->path ? p1->path : "-");
  it->rel = p1->rel ? xstrdup(p1->rel) : NULL;
  return 1;
}

static const job_source inputs_source = {inputs_source_next};
static const job_source spool_source = {spool_source_next};

/* ---- WARC files ---- */

/* A file input (or stdin) that may be a WARC file: not one pass 1 has
 * cleaned already, and stdin not in pass 1 (it waits for pass 2). */
static int maybe_warc(const batch *b, const slot *s) {
  const input_item *it = &s->item;
  if (it->error || it->remote || (b->mode == PASS_LEARN && !strcmp(it->path, "-"))) return 0;
  if (b->mode == PASS_APPLY && s->p1.kind != SPOOL_DEFERRED) return 0;
  return warc_input_is_warc(it->path);
}

/* Starts reading a WARC file in place of its input: 0, or -1 with the
 * input failed (it cannot be read). The progress line has no total from
 * then on (records are not counted ahead). */
static int open_warc(batch *b, slot *s) {
  char err[300];
  b->warc = warc_input_open(s->item.path, b->o->wc.opt.max_input_bytes, err, sizeof err);
  if (!b->warc) {
    s->item.error = xstrdup(err);
    return -1;
  }
  b->ws.files++;
  if (b->counter) {
    inputs_close(b->counter);
    b->counter = NULL;
  }
  b->prog.total = 0;
  b->prog.total_final = 0;
  b->prog.unit = "inputs";
  return 0;
}

/* The next input: a page of the WARC file being read, else the source's
 * next; 1 with an item, 0 at the end, -1 when nothing now (pages wait for
 * workers already), 2 for a WARC file that pass 1 leaves to pass 2. */
static int next_input(batch *b, slot *s) {
  for (;;) {
    if (b->warc) {
      if (b->fetch_waiting >= (uint64_t)(2 * b->o->jobs)) return -1;
      if (warc_input_next(b->warc, &s->item, &b->ws)) return 1;
      warc_input_close(b->warc);
      b->warc = NULL;
    }
    int rc = b->source->next(b, &s->item, &s->p1);
    if (rc <= 0 || !maybe_warc(b, s)) return rc;
    if (b->mode == PASS_LEARN) return 2;
    if (open_warc(b, s) != 0) return 1;
    input_item_free(&s->item);
    spool_rec_free(&s->p1);
  }
}

/* A page from a WARC file entering the window: named (-O) like a URL,
 * skipped (--skip-existing), or queued with its bytes. */
static void feed_warc_page(batch *b, slot *s) {
  if (b->sink.kind == SINK_DIR) {
    char err[300];
    char *name = s->item.url ? NULL : warc_input_name(&s->item);
    s->outpath = name ? sink_output_path(&b->sink, name, NULL, err, sizeof err)
                      : sink_output_path_url(&b->sink, s->item.url, err, sizeof err);
    free(name);
    struct stat st;
    if (!s->outpath) slot_done(s, RES_ERROR, err);
    else if (b->o->skip_existing && lstat(s->outpath, &st) == 0 && S_ISREG(st.st_mode))
      slot_done(s, OUT_SKIPPED, NULL);
    if (s->state == SL_DONE) {
      free(s->item.data);
      s->item.data = NULL;
      return;
    }
  }
  s->waiting = 1;
  b->fetch_waiting++;
}

static void feed(batch *b) {
  while (!b->src_done && !b->stopping && !b->fatal && b->next - b->head < b->W) {
    slot *s = slot_of(b, b->next);
    memset(s, 0, sizeof *s);
    int rc = next_input(b, s);
    b->src_waiting = rc < 0;
    if (rc <= 0) {
      if (rc == 0) b->src_done = 1;
      slot_clear(s);
      break;
    }
    s->have_p1 = b->mode == PASS_APPLY && !s->item.warc;
    s->seq = b->next++;
    s->state = SL_QUEUED;
    if (s->item.error) {
      slot_done(s, RES_ERROR, s->item.error);
      continue;
    }
    if (s->item.remote) {
      feed_url(b, s);
      continue;
    }
    if (s->item.warc) {
      feed_warc_page(b, s);
      continue;
    }
    if (b->mode == PASS_LEARN) {
      /* stdin cannot be read twice, a WARC file is not read twice: they
       * are cleaned in pass 2 only */
      if (rc == 2 || !strcmp(s->item.path, "-")) slot_done(s, OUT_DEFERRED, NULL);
      continue;
    }
    if (b->sink.kind == SINK_DIR && !b->o->wc.name_mode) {
      char err[300];
      s->outpath = sink_output_path(&b->sink, s->item.path, s->item.rel, err, sizeof err);
      if (!s->outpath) {
        slot_done(s, RES_ERROR, err);
        continue;
      }
      struct stat st;
      if (b->o->skip_existing && lstat(s->outpath, &st) == 0 && S_ISREG(st.st_mode)) {
        slot_done(s, OUT_SKIPPED, NULL);
        continue;
      }
    }
    if (b->mode == PASS_APPLY && s->p1.kind != SPOOL_DEFERRED) {
      spool_rec *p = &s->p1;
      if (p->kind == RES_ERROR) {
        slot_done(s, RES_ERROR, p->message);
        continue;
      }
      if (p->nhashes) {
        s->bp = xmalloc(p->nhashes * sizeof *s->bp);
        s->nbp = site_filter(b->sites, p->site, p->hashes, p->nhashes, s->bp);
      }
      if (!s->nbp) { /* nothing learned applies: pass 1's output stands */
        s->out = p->out;
        s->outlen = p->outlen;
        b->held += s->outlen;
        p->out = NULL;
        s->explain = p->explain;
        p->explain = NULL;
        s->name = p->name;
        p->name = NULL;
        s->in_bytes = p->input_bytes;
        if (p->dev || p->ino) { /* so the output cannot replace the input */
          s->st.st_dev = (dev_t)p->dev;
          s->st.st_ino = (ino_t)p->ino;
          s->have_st = 1;
        }
        slot_done(s, (int)p->kind, NULL);
        write_output(b, s);
        continue;
      }
    }
  }
}

/* ---- results ---- */

/* An empty article (no text at all) gives no txt, md or html output: no
 * file, nothing on the stream (a front matter or an HTML head with no
 * body reads as a clipping that worked); json and jsonl still say it. */
static int empty_output(const batch *b, const slot *s) {
  return s->kind == RES_EMPTY && b->o->wc.format != CC_FORMAT_JSON &&
         b->o->wc.format != CLI_FORMAT_JSONL;
}

static void write_output(batch *b, slot *s) {
  if (b->sink.kind != SINK_DIR || b->mode == PASS_LEARN || !s->outpath) return;
  if ((s->kind != RES_OK && s->kind != RES_EMPTY) || empty_output(b, s)) return;
  char err[512];
  int fatal_err;
  if (sink_write_file(&b->sink, s->outpath, s->have_st ? &s->st : NULL, s->out ? s->out : "",
                      s->outlen, &fatal_err, err, sizeof err) != 0) {
    s->kind = RES_ERROR;
    free(s->msg);
    s->msg = xstrdup(err);
    if (fatal_err) fatal(b, 1, NULL, err);
  }
  free(s->out); /* written: nothing more to hold */
  b->held -= s->outlen;
  s->out = NULL;
  s->outlen = 0;
}

/* --name title: the output is named and written in input order, so that
 * two clippings with one title get the same names whatever -j is (the
 * first keeps the plain name, the next -2...). An input whose clipping has
 * no title is named as without --name. */
static void name_output(batch *b, slot *s) {
  if (!b->o->wc.name_mode || b->sink.kind != SINK_DIR || s->outpath) return;
  if (s->kind != RES_OK && s->kind != RES_EMPTY) return;
  if (empty_output(b, s)) return;
  char err[300];
  if (s->name) {
    const char *rel = s->item.remote ? NULL : s->item.rel;
    const char *sl = rel ? strrchr(rel, '/') : NULL;
    s->outpath = sink_output_path_named(&b->sink, rel, sl ? (size_t)(sl - rel) : 0, s->name, err,
                                        sizeof err);
  } else if (s->item.remote) {
    s->outpath = sink_output_path_url(&b->sink, s->item.path, err, sizeof err);
  } else {
    s->outpath = sink_output_path(&b->sink, s->item.path, s->item.rel, err, sizeof err);
  }
  struct stat st;
  if (!s->outpath) {
    s->kind = RES_ERROR;
    free(s->msg);
    s->msg = xstrdup(err);
  } else if (b->o->skip_existing && lstat(s->outpath, &st) == 0 && S_ISREG(st.st_mode)) {
    s->kind = OUT_SKIPPED; /* known only now: the name comes from the title */
  } else {
    write_output(b, s);
  }
}

/* --images: where the page's output goes (its images' links are relative
 * to it). */
static char *out_dir(const batch *b, const slot *s) {
  sbuf d = {0};
  if (b->sink.kind == SINK_DIR) {
    sbuf_puts(&d, b->o->output_dir);
    const char *rel = s->item.remote ? NULL : s->item.rel;
    const char *sl = rel ? strrchr(rel, '/') : NULL;
    if (sl) {
      sbuf_putc(&d, '/');
      sbuf_put(&d, rel, (size_t)(sl - rel));
    }
  } else if (b->sink.kind == SINK_FILE) {
    const char *sl = strrchr(b->o->output, '/');
    if (sl) sbuf_put(&d, b->o->output, (size_t)(sl - b->o->output) + 1);
  }
  return sbuf_detach(&d, NULL);
}

/* --images: once its images are in, a page is rendered again with their
 * links pointing at the local copies (its first rendering, with the
 * remote links, stands when none could be saved). */
static void images_done(batch *b, slot *s) {
  char *dir = out_dir(b, s);
  char *map = attach_map(b->att, s->seq, dir);
  free(dir);
  attach_forget(b->att, s->seq);
  if (!map) {
    slot_done(s, s->kind == RES_EMPTY ? RES_EMPTY : RES_OK, NULL);
    write_output(b, s);
    return;
  }
  free(s->imap);
  s->imap = map;
  b->held -= s->outlen; /* the first rendering is dropped */
  free(s->out);
  s->out = NULL;
  s->outlen = 0;
  s->state = SL_QUEUED;
  if (s->seq < b->qcur) b->qcur = s->seq;
}

/* After a page's first rendering: 1 when it waits for images (or is
 * queued again to point them home). */
static int images_wait(batch *b, slot *s, const result_msg *r) {
  if (!b->att || s->imap || !r->images || b->mode == PASS_LEARN) return 0;
  s->kind = (int)r->kind;
  int pending = attach_want(b->att, b->fetch, s->seq, r->images);
  if (pending) {
    s->state = SL_IMAGES;
    return 1;
  }
  images_done(b, s);
  return s->state != SL_DONE;
}

static void on_image_warn(void *ctx, uint64_t seq, const char *msg) {
  batch *b = ctx;
  slot *s = slot_of(b, seq);
  if (s->seq == seq && !b->o->quiet) note(b, slot_name(s), msg);
}

static void on_image_ready(void *ctx, uint64_t seq) {
  batch *b = ctx;
  slot *s = slot_of(b, seq);
  if (s->seq == seq && s->state == SL_IMAGES) images_done(b, s);
}

static void on_done(void *ctx, pool_done *d) {
  batch *b = ctx;
  slot *s = slot_of(b, d->seq);
  if (s->seq != d->seq || s->state != SL_RUNNING) return; /* cannot happen */
  if (!d->ok) {
    if (b->aborting) {
      s->state = SL_CANCELLED;
      return;
    }
    slot_done(s, RES_ERROR, d->message);
    return;
  }
  const result_msg *r = &d->res;
  s->in_bytes = r->input_bytes;
  if (r->kind == RES_ERROR) {
    slot_done(s, RES_ERROR, r->message ? r->message : "failed");
    return;
  }
  if (b->mode == PASS_APPLY && s->have_p1 && s->p1.kind == RES_OK && r->kind == RES_EMPTY) {
    /* learning must never empty a document: keep what pass 1 found */
    b->fallback++;
    s->out = s->p1.out;
    s->outlen = s->p1.outlen;
    b->held += s->outlen;
    s->p1.out = NULL;
    s->explain = s->p1.explain;
    s->p1.explain = NULL;
    s->name = s->p1.name;
    s->p1.name = NULL;
    slot_done(s, RES_OK, NULL);
  } else {
    s->out = xmalloc(r->outlen + 1);
    memcpy(s->out, r->out, r->outlen);
    s->out[r->outlen] = '\0';
    s->outlen = r->outlen;
    b->held += s->outlen;
    if (r->explain) s->explain = xstrdup(r->explain);
    if (r->name) s->name = xstrdup(r->name);
    if (images_wait(b, s, r)) return;
    slot_done(s, (int)r->kind, NULL);
  }
  if (b->mode == PASS_APPLY && s->nbp) b->recleaned++;
  if (b->mode == PASS_LEARN) {
    s->site = site_key(r->url, s->item.path);
    s->text_hash = r->text_hash;
    if (r->nhashes) {
      s->hashes = xmalloc(r->nhashes * sizeof *s->hashes);
      memcpy(s->hashes, r->hashes, r->nhashes * sizeof *s->hashes);
      s->nhashes = r->nhashes;
    }
  }
  write_output(b, s);
}

/* A line a worker wrote to its stderr: passed on, printable, with the
 * name of the input it was cleaning. */
static void on_worker_message(void *ctx, uint64_t seq, const char *line) {
  batch *b = ctx;
  slot *s = slot_of(b, seq);
  int known = seq >= b->head && seq < b->next && s->seq == seq;
  sbuf m = {0};
  sbuf_printf(&m, "worker: %s", line);
  note(b, known ? s->item.path : NULL, m.data);
  sbuf_free(&m);
}

/* ---- dispatching ---- */

static void dispatch(batch *b) {
  /* qcur: the lowest seq that may still be QUEUED, or FETCH (a URL in
   * flight becomes QUEUED when its page arrives) */
  while (b->qcur < b->next) {
    int st = slot_of(b, b->qcur)->state;
    if (st == SL_QUEUED || st == SL_FETCH) break;
    b->qcur++;
  }
  for (uint64_t q = b->qcur; !b->stopping && !b->fatal && q < b->next; q++) {
    slot *s = slot_of(b, q);
    if (s->state != SL_QUEUED) continue;
    if (!pool_can_take(b->pool)) return;
    /* too much finished output waits behind a slow head: only the head
     * may start (it is what frees the window) */
    if (b->held > HELD_BUDGET && s->seq != b->head) return;
    if (b->spawn_retry > 0 && now_sec() < b->spawn_retry && pool_busy(b->pool)) return;
    char err[300];
    char *data;
    size_t len;
    size_t max = b->o->wc.opt.max_input_bytes;
    if (!s->item.data && s->imap && s->keep) { /* --images: rendered again */
      s->item.data = s->keep;
      s->item.len = s->keep_len;
      s->keep = NULL;
    }
    if (s->item.data) { /* already in memory: fetched */
      data = s->item.data;
      len = s->item.len;
      s->item.data = NULL;
      if (s->waiting) {
        s->waiting = 0;
        b->fetch_waiting--;
      }
    } else if (io_read_file(s->item.path, max, &data, &len, &s->st, err, sizeof err) != 0) {
      slot_done(s, RES_ERROR, err);
      continue;
    } else {
      s->have_st = 1;
    }
    b->bytes_total += len;
    if (s->have_st && sink_is_target(&b->sink, &s->st)) {
      free(data);
      s->state = SL_CANCELLED;
      fatal(b, 2, s->item.path, "is also the output file (-o): refusing to overwrite an input");
      return;
    }
    job_msg j;
    memset(&j, 0, sizeof j);
    j.seq = s->seq;
    j.flags = (b->mode == PASS_LEARN ? JOB_WANT_HASHES : 0) | (b->o->explain ? JOB_WANT_EXPLAIN : 0);
    if (s->item.remote)
      j.flags |= JOB_FETCHED | (s->item.as_text ? JOB_AS_TEXT : 0) |
                 JOB_WITH_STATUS(s->item.http_status);
    else if (s->item.warc && s->item.as_text)
      j.flags |= JOB_AS_TEXT;
    j.source = s->item.path;
    j.extra = s->item.extra;
    j.url = s->item.url;
    if (b->att && b->mode != PASS_LEARN) { /* list its images; later, point them home */
      j.flags |= JOB_WANT_IMAGES;
      j.imap = s->imap;
      if (!s->imap) {
        free(s->keep);
        s->keep = xmalloc(len ? len : 1);
        memcpy(s->keep, data, len);
        s->keep_len = len;
      }
    }
    j.charset = s->item.charset;
    j.bp = s->bp;
    j.nbp = s->nbp;
    j.data = data;
    j.len = len;
    if (pool_submit(b->pool, &j, data, err, sizeof err) != 0) {
      if (!pool_busy(b->pool)) {
        fatal(b, 1, NULL, err);
        return;
      }
      /* some workers run: retry this input when one finishes */
      b->spawn_retry = now_sec() + 0.2;
      return;
    }
    b->spawn_retry = 0;
    s->state = SL_RUNNING;
  }
}

/* ---- emitting, in input order ---- */

static void stream_failed(batch *b, int rc, const char *err);

static void emit_stream(batch *b, slot *s) {
  if (b->sink.kind == SINK_DIR || b->fatal) return;
  sbuf rec = {0};
  const char *data = s->out;
  size_t len = s->outlen;
  if (s->kind == RES_ERROR) {
    if (b->o->wc.format != CLI_FORMAT_JSONL) return;
    record_fetch rf = {s->item.url, s->item.http_status, s->item.extra};
    record_error_fetch(&rec, s->item.path, s->msg,
                       s->item.remote || s->item.extra ? &rf : NULL);
    data = rec.data;
    len = rec.len;
  } else if ((s->kind != RES_OK && s->kind != RES_EMPTY) || empty_output(b, s)) {
    return;
  }
  char err[300];
  /* documents go through the sink's separation (sink.h); a jsonl error
   * record is a line of its own */
  int rc = rec.data ? sink_stream(&b->sink, data, len, err, sizeof err)
                    : sink_stream_doc(&b->sink, data ? data : "", len, s->kind == RES_EMPTY, err,
                                      sizeof err);
  int e = errno;
  sbuf_free(&rec);
  errno = e;
  stream_failed(b, rc, err);
}

/* A failed write to the stream output. */
static void stream_failed(batch *b, int rc, const char *err) {
  if (rc != 0) {
    if (errno == EPIPE) { /* the reader went away (| head): stop quietly */
      b->fatal = 1;
      b->epipe = 1;
      b->exit_code = 1;
    } else {
      fatal(b, 1, NULL, err);
    }
  }
}

static void emit(batch *b) {
  while (b->head < b->next) {
    slot *s = slot_of(b, b->head);
    if (s->state != SL_DONE && s->state != SL_CANCELLED) break;
    if (s->state == SL_CANCELLED) {
      b->cancelled++;
    } else if (b->mode == PASS_LEARN) {
      spool_rec r;
      memset(&r, 0, sizeof r);
      r.path = s->item.path;
      r.rel = s->item.rel;
      r.message = s->msg;
      r.explain = s->explain;
      r.name = s->name;
      r.kind = (uint32_t)(s->kind == OUT_DEFERRED ? SPOOL_DEFERRED : s->kind);
      r.site = s->site;
      r.input_bytes = s->in_bytes;
      if (s->have_st) {
        r.dev = (uint64_t)s->st.st_dev;
        r.ino = (uint64_t)s->st.st_ino;
      }
      r.hashes = s->hashes;
      r.nhashes = s->nhashes;
      r.out = s->out;
      r.outlen = s->outlen;
      if (spool_write(&b->sp, &r) != 0) fatal(b, 1, NULL, "cannot write the learning spool (disk full?)");
      if (s->kind == RES_OK || s->kind == RES_EMPTY)
        site_add(b->sites, s->site, s->text_hash, s->hashes, s->nhashes);
      b->c.done++;
      b->c.bytes += s->in_bytes;
    } else {
      name_output(b, s);
      b->c.done++;
      b->c.bytes += s->in_bytes;
      if (s->explain && !b->fatal) {
        progress_clear(&b->prog);
        sbuf m = {0};
        const char *name = slot_name(s);
        sbuf_puts(&m, "== "); /* the name and the page's text, made printable */
        sbuf_put_printable(&m, name, strlen(name), 0);
        sbuf_putc(&m, '\n');
        sbuf_put_printable(&m, s->explain, strlen(s->explain), 1);
        ssize_t w = write(2, m.data, m.len);
        (void)w;
        sbuf_free(&m);
      }
      switch (s->kind) {
      case RES_OK: b->c.cleaned++; break;
      case RES_EMPTY:
        b->c.empty++;
        if (!b->o->quiet)
          note(b, slot_name(s),
               empty_output(b, s) ? (b->sink.kind == SINK_DIR ? "no article text found: no file written"
                                                                : "no article text found: nothing written")
                                  : "no article text found (empty text)");
        break;
      case OUT_SKIPPED: b->c.skipped++; break;
      case OUT_DUPLICATE:
        b->c.skipped++;
        b->c.duplicates++;
        if (!b->o->quiet) note(b, slot_name(s), "listed before: fetched once");
        break;
      default:
        b->c.failed++;
        note(b, slot_name(s), s->msg ? s->msg : "failed");
        break;
      }
      emit_stream(b, s);
    }
    b->held -= s->outlen;
    slot_clear(s);
    b->head++;
  }
}

/* Ctrl-C: inputs not yet started will not be. */
static void cancel_queued(batch *b) {
#ifdef CC_HAVE_FETCH
  if (b->fetch) fetcher_cancel_queued(b->fetch, on_fetched, b); /* not the transfers in flight */
#endif
  for (uint64_t q = b->head; q < b->next; q++) {
    slot *s = slot_of(b, q);
    if (s->state == SL_QUEUED) {
      s->state = SL_CANCELLED;
      if (s->waiting) {
        s->waiting = 0;
        b->fetch_waiting--;
      }
    }
  }
}

/* Abandons every document in hand: workers killed, transfers dropped. */
static void abort_all(batch *b, const char *why) {
  pool_abort_busy(b->pool, why, on_done, b);
#ifdef CC_HAVE_FETCH
  if (b->fetch) fetcher_abort(b->fetch, on_fetched, b);
#endif
}

static void check_signals(batch *b) {
  if (g_sigpipe[0] >= 0) {
    char buf[64];
    while (read(g_sigpipe[0], buf, sizeof buf) > 0) {
    }
  }
  int n = g_signals;
  if (n >= 1 && !b->stopping) {
    b->stopping = 1;
    int busy = pool_busy(b->pool) + fetch_active(b);
    if (!b->o->quiet && busy) {
      char m[160];
      snprintf(m, sizeof m, "interrupted: finishing the %d document%s in hand (Ctrl-C again to abandon %s)",
               busy, busy == 1 ? "" : "s", busy == 1 ? "it" : "them");
      note(b, NULL, m);
    }
  }
  if (n >= 2 && !b->aborting) {
    b->aborting = 1;
    abort_all(b, "interrupted");
  }
}

/* Advances the counting walk a little (progress total). */
static void count_some(batch *b) {
  if (!b->counter) return;
  for (int i = 0; i < 256; i++) {
    input_item it;
    if (!inputs_next(b->counter, &it)) {
      inputs_close(b->counter);
      b->counter = NULL;
      b->prog.total_final = 1;
      return;
    }
    input_item_free(&it);
    b->prog.total++;
  }
}

static void wait_events(batch *b) {
  int nf = 0;
#ifdef CC_HAVE_FETCH
  if (b->fetch) nf = fetcher_nfds(b->fetch);
#endif
  int n = 0, cap = pool_nfds(b->pool) + 1 + nf;
  struct pollfd *fds = xcalloc((size_t)cap, sizeof *fds);
  fds[n].fd = g_sigpipe[0];
  fds[n].events = POLLIN;
  n++;
  int np = pool_pollfds(b->pool, fds + n, cap - n);
  n += np;
  int fstart = n;
#ifdef CC_HAVE_FETCH
  if (b->fetch) n += fetcher_pollfds(b->fetch, fds + n, cap - n);
#endif
  double now = now_sec();
  double t = pool_next_deadline(b->pool, now);
#ifdef CC_HAVE_FETCH
  if (b->fetch) { /* curl's timer, and the next host's turn when one may start */
    uint64_t max_id;
    int room = fetch_gate(b, &max_id);
    double ft = fetcher_next_deadline(b->fetch, now, room > 0, max_id);
    if (ft >= 0 && (t < 0 || ft < t)) t = ft;
  }
#endif
  if (b->prog.enabled && (t < 0 || t > 0.1)) t = 0.1;
  if (b->counter) t = 0; /* keep counting while waiting */
  if (b->spawn_retry > 0 && (t < 0 || t > 0.2)) t = 0.2;
  if (b->src_waiting && (t < 0 || t > 0.05)) t = 0.05; /* until sources poll */
  int ms = t < 0 ? -1 : (int)(t * 1000) + (t > 0 ? 1 : 0);
  int rc = poll(fds, (nfds_t)n, ms);
  if (rc > 0 || rc == 0) pool_handle(b->pool, fds + 1, np, on_done, b);
#ifdef CC_HAVE_FETCH
  if (b->fetch) {
    if (rc < 0)
      for (int i = fstart; i < n; i++) fds[i].revents = 0;
    fetcher_handle(b->fetch, fds + fstart, n - fstart, on_fetched, b); /* and its timers */
  }
#else
  (void)fstart;
#endif
  free(fds);
}

static int run_pass(batch *b) {
  for (;;) {
    check_signals(b);
    if (b->fatal && !b->aborting) {
      b->aborting = 1;
      b->stopping = 1;
      abort_all(b, "stopped");
    }
    feed(b);
    fetch_pump(b);
    dispatch(b);
    if (b->stopping) cancel_queued(b);
    emit(b);
    progress_update(&b->prog, &b->c, 0);
    if (b->head == b->next && (b->src_done || b->stopping || b->fatal)) break;
    /* room in the window and inputs left: take more before waiting */
    if (!b->src_done && !b->src_waiting && !b->stopping && !b->fatal && b->next - b->head < b->W)
      continue;
    if (b->counter) count_some(b);
    wait_events(b);
  }
  return 0;
}

/* The run stopped (Ctrl-C, or an error that would hit every output):
 * counts the inputs it never took, so the summary accounts for all. A
 * list on stdin is not read on (its writer may never stop); a second
 * Ctrl-C stops the count. */
static void count_untaken(batch *b) {
  if (b->src_done) return;
  if (b->mode == PASS_APPLY) {
    spool_rec r;
    while (g_signals < 2 && spool_read(&b->sp, &r) == 1) {
      spool_rec_free(&r);
      b->untaken++;
    }
    return;
  }
  const cli_opts *o = b->o;
  int stdin_list = (o->from && !strcmp(o->from, "-")) || (o->urls && !strcmp(o->urls, "-"));
  input_item it;
  while (g_signals < 2) {
    if (stdin_list && inputs_on_stdin(b->src)) {
      b->untaken_unknown = 1;
      break;
    }
    if (!inputs_next(b->src, &it)) break;
    input_item_free(&it);
    b->untaken++;
  }
  b->src_done = 1;
}

/* ---- setup and summary ---- */

static int any_directory(const cli_opts *o) {
  for (int i = 0; i < o->ninputs; i++) {
    struct stat st;
    if (strcmp(o->inputs[i], "-") && stat(o->inputs[i], &st) == 0 && S_ISDIR(st.st_mode)) return 1;
  }
  return 0;
}

/* The WARC files among the arguments (stdin too, peeked at, not read):
 * one makes a batch (of its pages). */
static int count_warc(char **args, int nargs) {
  int n = 0;
  for (int i = 0; i < nargs; i++) n += warc_input_is_warc(args[i]);
  return n;
}

static void fmt_bytes(char *buf, size_t n, double v) {
  if (v >= 1e9) snprintf(buf, n, "%.2f GB", v / 1e9);
  else if (v >= 1e6) snprintf(buf, n, "%.1f MB", v / 1e6);
  else if (v >= 1e3) snprintf(buf, n, "%.1f kB", v / 1e3);
  else snprintf(buf, n, "%.0f B", v);
}

/* This process's peak RSS in kB: VmHWM, which (unlike ru_maxrss) does not
 * carry over the peak of whatever process exec'd us. */
static double peak_rss_kb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  double kb = -1;
  if (f) {
    char line[256];
    while (fgets(line, sizeof line, f))
      if (!strncmp(line, "VmHWM:", 6)) kb = strtod(line + 6, NULL);
    fclose(f);
  }
  if (kb < 0) {
    struct rusage self;
    if (getrusage(RUSAGE_SELF, &self) == 0) kb = (double)self.ru_maxrss;
  }
  return kb;
}

/* The summary: the accounting of every input, then (`full`) the figures. */
static void summary_figures(batch *b, int learned, sbuf *m);

static void summary(batch *b, int learned, int full) {
  sbuf m = {0};
  /* every input: done one way or another, or not done */
  const counts *c = &b->c;
  uint64_t cl = b->learn_stopped ? 0 : c->cleaned, em = b->learn_stopped ? 0 : c->empty;
  uint64_t fa = b->learn_stopped ? 0 : c->failed, sk = b->learn_stopped ? 0 : c->skipped;
  uint64_t not_done = b->cancelled + b->untaken, total = cl + em + fa + sk + not_done;
  sbuf_printf(&m, "%llu input%s: %llu cleaned, %llu empty, %llu failed, %llu skipped",
              (unsigned long long)total, total == 1 ? "" : "s", (unsigned long long)cl,
              (unsigned long long)em, (unsigned long long)fa, (unsigned long long)sk);
  if (not_done || b->untaken_unknown) {
    const char *why = b->fatal ? "stopped by the error above" : "interrupted";
    sbuf_printf(&m, ", %llu not done (%s%s)", (unsigned long long)not_done, why,
                b->learn_stopped ? " while learning: nothing written" : "");
    if (b->untaken_unknown) sbuf_puts(&m, ", nor the rest of the list on stdin (not read)");
  }
  if (full) summary_figures(b, learned, &m);
  note(b, NULL, m.data);
  sbuf_free(&m);
}

/* Time, rates, URLs, site learning, peak memory. */
static void summary_figures(batch *b, int learned, sbuf *mp) {
  sbuf m = *mp;
  double el = now_sec() - b->t0;
  char by[32];
  fmt_bytes(by, sizeof by, (double)b->c.bytes);
  if (b->o->has_urls) {
    char fb[32];
    fmt_bytes(fb, sizeof fb, (double)b->c.fetch_bytes);
    sbuf_printf(&m, "; URLs: %llu fetched (%s downloaded), %llu failed to fetch",
                (unsigned long long)b->c.fetched, fb, (unsigned long long)b->c.fetch_failed);
    if (b->c.duplicates)
      sbuf_printf(&m, ", %llu listed twice", (unsigned long long)b->c.duplicates);
  }
  if (b->ws.files) {
    const warc_stats *w = &b->ws;
    sbuf_printf(&m, "; WARC: %llu record%s in %llu file%s: %llu page%s, %llu skipped (%llu not "
                "responses, %llu not HTML or text, %llu redirects or HTTP errors), %llu broken",
                (unsigned long long)w->records, w->records == 1 ? "" : "s",
                (unsigned long long)w->files, w->files == 1 ? "" : "s",
                (unsigned long long)w->pages, w->pages == 1 ? "" : "s",
                (unsigned long long)(w->not_response + w->not_text + w->http_status),
                (unsigned long long)w->not_response, (unsigned long long)w->not_text,
                (unsigned long long)w->http_status, (unsigned long long)w->broken);
  }
  sbuf_printf(&m, "; %s in %.1f s (%.1f %s/s, %.2f MB/s)", by, el,
              el > 0 ? (double)b->c.done / el : 0.0,
              b->o->has_urls || b->ws.files ? "inputs" : "files",
              el > 0 ? (double)b->c.bytes / el / 1e6 : 0.0);
  if (learned) {
    site_stats st;
    site_get_stats(b->sites, &st);
    sbuf_printf(&m, "; site learning: %zu of %zu site%s with boilerplate (%zu blocks), %llu re-cleaned",
                st.learned_sites, st.sites, st.sites == 1 ? "" : "s", st.boilerplate,
                (unsigned long long)b->recleaned);
    if (st.capped) sbuf_puts(&m, ", sample capped");
  }
  /* peak memory: this process, and the largest worker (all reaped by now) */
  struct rusage kids;
  double self_kb = peak_rss_kb();
  if (self_kb > 0 && getrusage(RUSAGE_CHILDREN, &kids) == 0)
    sbuf_printf(&m, "; peak RSS %.1f MB parent, %.1f MB largest worker", self_kb / 1024.0,
                (double)kids.ru_maxrss / 1024.0);
  *mp = m;
}

static void reset_window(batch *b) {
  for (size_t i = 0; i < b->W; i++) slot_clear(&b->win[i]);
  b->head = b->next = b->qcur = 0;
  b->src_done = 0;
}

int batch_run(const cli_opts *o) {
  batch bb, *b = &bb;
  memset(b, 0, sizeof *b);
  b->o = o;
  b->t0 = now_sec();
  char err[512];
  static char *stdin_only[] = {"-"};
  char **args = o->inputs;
  int nargs = o->ninputs;
  if (!nargs && !o->from && !o->urls) args = stdin_only, nargs = 1;
  int nwarc = count_warc(args, nargs);
  b->is_batch = nargs > 1 || o->from || o->urls || any_directory(o) || nwarc;
  if (b->is_batch && o->wc.format == CC_FORMAT_JSON && !o->output_dir) {
    cli_say("-f json writes one JSON object, for one input; for several, use -f jsonl (one "
            "object per line, with its source) or -O DIR (one file each)");
    fputs("Try 'clipclean --help'.\n", stderr);
    return 2;
  }

  /* the output */
  struct stat dst;
  int have_dir = 0;
  if (o->output_dir) {
    if (stat(o->output_dir, &dst) != 0) {
      sbuf p = {0};
      sbuf_printf(&p, "%s/x", o->output_dir);
      int rc = io_mkdirs_for(p.data);
      sbuf_free(&p);
      if (rc != 0 || stat(o->output_dir, &dst) != 0) {
        cli_say("%s: cannot create the output directory: %s", o->output_dir, strerror(errno));
        return 1;
      }
    }
    if (!S_ISDIR(dst.st_mode)) {
      cli_say("%s: not a directory", o->output_dir);
      return 2;
    }
    have_dir = 1;
    for (int i = 0; i < nargs; i++) {
      struct stat st;
      if (strcmp(args[i], "-") && stat(args[i], &st) == 0 && st.st_dev == dst.st_dev &&
          st.st_ino == dst.st_ino) {
        cli_say("%s: the output directory cannot be an input directory", args[i]);
        return 2;
      }
    }
  }
  if (o->output) {
    for (int i = 0; i < nargs; i++)
      if (strcmp(args[i], "-") && io_same_file(o->output, args[i])) {
        cli_say("%s: refusing to overwrite an input (-o)", args[i]);
        return 2;
      }
  }
  sink_kind sk = o->output_dir ? SINK_DIR : o->output ? SINK_FILE : SINK_STDOUT;
  const char *target = o->output_dir ? o->output_dir : o->output;
  if (sink_open(&b->sink, sk, target, opts_format_ext(o->wc.format), err, sizeof err) != 0) {
    cli_say("%s", err);
    return 1; /* an output that cannot be written: a failure, not a usage error */
  }
  for (int i = 0; i < nargs; i++) sink_protect_input(&b->sink, args[i]);
  sink_set_documents(&b->sink, o->wc.format, b->is_batch);

  if (signals_setup() != 0) {
    cli_say("cannot set up signal handling: %s", strerror(errno));
    sink_close(&b->sink, 0, err, sizeof err);
    return 1;
  }
  progress_init(&b->prog, o->progress && !o->quiet && b->is_batch && isatty(2));
  if (o->has_urls) b->prog.unit = "inputs";

  inputs_config ic;
  memset(&ic, 0, sizeof ic);
  ic.args = args;
  ic.nargs = nargs;
  ic.from = o->from;
  ic.from_null = o->from_null;
  ic.urls = o->urls;
  if (have_dir) {
    ic.has_skip_dir = 1;
    ic.skip_dev = dst.st_dev;
    ic.skip_ino = dst.st_ino;
  }
  b->src = inputs_open(&ic);
  if (b->prog.enabled && !(o->from && !strcmp(o->from, "-")) && !(o->urls && !strcmp(o->urls, "-")))
    b->counter = inputs_open(&ic);

  b->W = (size_t)o->jobs * 16 + 32;
  if (o->has_urls && b->W < URL_WINDOW) b->W = URL_WINDOW;
#ifdef CC_HAVE_FETCH
  if (o->has_urls || o->images_dir) b->fetch = fetcher_new(&o->fetch);
#endif
  if (o->images_dir) {
    char err[600];
    b->att = attach_new(o->images_dir, err, sizeof err);
    if (!b->att) fatal(b, 1, NULL, err);
  }
  b->win = xcalloc(b->W, sizeof *b->win);
  b->pool = pool_new(o->jobs, &o->wc, o->timeout, RECYCLE_JOBS);
  pool_on_message(b->pool, on_worker_message, b);
  if (!cli_sandbox_disabled && !worker_sandbox_available() && !o->quiet)
    note(b, NULL, "this clipclean was built without libseccomp: the workers that parse "
                  "run unconfined (no sandbox)");

  /* a URL cannot be read twice: runs with URLs clean in one pass; so do
   * runs of WARC files only (their pages are cleaned once), and runs with
   * --images (their pages are rendered again) */
  int learn = o->site_learning && b->is_batch && !o->has_urls && !o->images_dir &&
              (o->from || nwarc < nargs);
  if (learn) {
    /* in $TMPDIR: never in the output directory, which may be full or
     * read-only (and is the user's, not ours) */
    if (spool_open(&b->sp, NULL, err, sizeof err) != 0) {
      note(b, NULL, err);
      note(b, NULL, "going on without site learning");
      learn = 0;
    } else {
      b->have_spool = 1;
      b->sites = site_new(SITE_MAX_ENTRIES);
    }
  }

  int learned = 0;
  if (learn) {
    b->mode = PASS_LEARN;
    b->source = &inputs_source;
    progress_pass(&b->prog, "learn");
    run_pass(b);
    if (b->stopping || b->fatal) { /* nothing was written: every input is not done */
      count_untaken(b);
      b->untaken += b->c.done;
      b->learn_stopped = 1;
    }
    inputs_close(b->src);
    b->src = NULL;
    if (b->counter) {
      inputs_close(b->counter);
      b->counter = NULL;
    }
    if (!b->stopping && !b->fatal) {
      site_finish(b->sites);
      uint64_t total = b->c.done;
      if (spool_rewind(&b->sp) != 0) {
        fatal(b, 1, NULL, "cannot read back the learning spool");
      } else {
        reset_window(b);
        memset(&b->c, 0, sizeof b->c);
        b->mode = PASS_APPLY;
        b->source = &spool_source;
        b->prog.total = total;
        b->prog.total_final = 1;
        progress_pass(&b->prog, "clean");
        learned = 1;
        run_pass(b);
        if (b->stopping || b->fatal) count_untaken(b);
      }
    }
  } else {
    b->mode = PASS_SINGLE;
    b->source = &inputs_source;
    progress_pass(&b->prog, NULL);
    run_pass(b);
    if (b->stopping || b->fatal) count_untaken(b);
  }
  progress_update(&b->prog, &b->c, 1);
  progress_clear(&b->prog);

#ifdef CC_HAVE_FETCH
  fetcher_free(b->fetch);
  b->fetch = NULL;
#endif
  attach_free(b->att);
  b->att = NULL;
  if (pool_free(b->pool) && !b->fatal && !g_signals)
    fatal(b, 1, NULL, "a worker process did not exit cleanly");
  reset_window(b);
  if (!b->epipe && b->sink.kind != SINK_DIR) { /* the html wrapper's end */
    int rc = sink_stream_end(&b->sink, err, sizeof err);
    stream_failed(b, rc, err);
  }
  int commit = !b->stopping && !b->fatal;
  /* -o when nothing at all was cleaned: the previous file stays */
  int atomic = b->sink.file_open;
  int all_failed = atomic && b->c.failed && !b->c.cleaned && !b->c.empty;
  if (all_failed) commit = 0;
  if (sink_close(&b->sink, commit, err, sizeof err) != 0) fatal(b, 1, NULL, err);
  else if (!commit && atomic)
    note(b, o->output,
         all_failed ? "not written (every input failed)" : "not written (the run did not finish)");
  uint64_t failed = b->c.failed;
  /* the summary is for batches: always when an input failed or was not
   * done (-q included: it accounts for every input), else for directories,
   * lists and WARC files, and a few file arguments on a terminal; not when
   * stdout's reader went away (| head), which is no failure of ours to
   * report */
  int trouble = failed || b->cancelled || b->untaken || b->untaken_unknown || b->fatal;
  int full = !o->quiet && (o->from || o->urls || any_directory(o) || b->ws.files || isatty(2));
  if (b->is_batch && !b->epipe && (trouble || full)) summary(b, learned, full);
  warc_input_close(b->warc);
  if (b->src) inputs_close(b->src);
  if (b->counter) inputs_close(b->counter);
  if (b->have_spool) spool_close(&b->sp);
  site_free(b->sites);
  u64set_free(&b->seen_urls);
  free(b->win);
  int interrupted = g_signals > 0;
  signals_teardown();
  g_signals = 0;
  if (b->fatal) return b->exit_code ? b->exit_code : 1;
  if (interrupted) return 130;
  return failed ? 1 : 0;
}
