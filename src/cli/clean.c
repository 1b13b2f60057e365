/* clean.c — the worker: its job loop and the cleaning of one input (see
 * clean.h). Test hooks (environment variables, read once at worker start)
 * let the test suite make a worker misbehave on purpose. They exist only
 * in builds configured with CC_TEST_HOOKS (on by default in sanitized
 * builds, the test suite's; never in a release build):
 *   CLIPCLEAN_TEST_CRASH_ON=STR  abort() on an input containing STR
 *   CLIPCLEAN_TEST_HANG_ON=STR   sleep forever on an input containing STR
 *   CLIPCLEAN_TEST_DELAY_MS=N    sleep N ms before each input
 *   CLIPCLEAN_TEST_STDERR_ON=STR on an input containing STR, write an escape
 *                                sequence to stderr and try to overwrite
 *                                stderr's file from its start (which must
 *                                fail: stderr is a pipe to the parent)
 * They are checked against the decoded document, never in the parent. */
#include "clean.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "record.h"
#include "sandbox.h"
#include "slug.h"

#ifdef CC_TEST_HOOKS
static const char *hook_crash, *hook_hang, *hook_stderr;
static long hook_delay_ms;

static int contains(const char *h, size_t n, const char *needle) {
  size_t k = strlen(needle);
  if (!k || k > n) return 0;
  for (size_t i = 0; i + k <= n; i++)
    if (h[i] == needle[0] && !memcmp(h + i, needle, k)) return 1;
  return 0;
}

static void hooks_init(void) {
  hook_crash = getenv("CLIPCLEAN_TEST_CRASH_ON");
  hook_hang = getenv("CLIPCLEAN_TEST_HANG_ON");
  hook_stderr = getenv("CLIPCLEAN_TEST_STDERR_ON");
  const char *d = getenv("CLIPCLEAN_TEST_DELAY_MS");
  hook_delay_ms = d ? strtol(d, NULL, 10) : 0;
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

static void hooks_run(const char *data, size_t len) {
  if (hook_delay_ms > 0) sleep_ms(hook_delay_ms);
  if (hook_crash && contains(data, len, hook_crash)) abort();
  if (hook_stderr && contains(data, len, hook_stderr)) {
    static const char msg[] = "\033[31mhello from the worker\n";
    ssize_t w = write(2, msg, sizeof msg - 1);
    w = pwrite(2, "OVERWRITTEN", 11, 0);
    if (lseek(2, 0, SEEK_SET) == 0) w = write(2, "OVERWRITTEN", 11);
    (void)w;
  }
  if (hook_hang && contains(data, len, hook_hang))
    for (;;) sleep_ms(1000);
}
#else
static void hooks_init(void) {}
static void hooks_run(const char *data, size_t len) { (void)data, (void)len; }
#endif

void clean_out_free(clean_out *k) {
  sbuf_free(&k->out);
  sbuf_free(&k->msg);
  free(k->url);
  free(k->explain);
  free(k->name);
  free(k->images);
  free(k->hashes);
  memset(k, 0, sizeof *k);
}

/* --images: the rendering's image URLs are listed (http(s) ones, once
 * each), and those the parent saved (imap: "URL\tPATH\n") point at their
 * local copy. */
typedef struct images {
  const char *imap;
  sbuf list;
} images;

static const char *image_url(const char *url, void *data) {
  images *im = data;
  size_t ul = strlen(url);
  if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) return NULL;
  if (!strchr(url, '\n')) {
    int listed = 0;
    for (const char *p = im->list.data; p && *p && !listed;) {
      size_t l = strcspn(p, "\n");
      listed = l == ul && !memcmp(p, url, ul);
      p += l + (p[l] == '\n');
    }
    if (!listed) {
      sbuf_put(&im->list, url, ul);
      sbuf_putc(&im->list, '\n');
    }
  }
  for (const char *p = im->imap; p && *p;) { /* URL\tPATH\n */
    const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
    if (!tab || !nl || tab > nl) break;
    if ((size_t)(tab - p) == ul && !memcmp(p, url, ul)) {
      static __thread char path[4096];
      size_t l = (size_t)(nl - tab - 1) < sizeof path - 1 ? (size_t)(nl - tab - 1) : sizeof path - 1;
      memcpy(path, tab + 1, l);
      path[l] = '\0';
      return path;
    }
    p = nl + 1;
  }
  return NULL;
}

static int put_out(const char *data, size_t len, void *out) {
  sbuf_put(out, data, len);
  return 0;
}

static void fail(result_msg *res, clean_out *keep, cc_status st, const char *msg) {
  res->kind = RES_ERROR;
  res->status = (uint32_t)st;
  char m[200];
  if (st == CC_ERR_NOMEM) { /* an allocation the library survived: the limit's doing */
    worker_limit_describe(WORKER_EXIT_NOMEM << 8, m, sizeof m); /* as if it had exited so */
    msg = m;
  }
  sbuf_puts(&keep->msg, msg && *msg ? msg : cc_strerror(st));
  res->message = keep->msg.data;
}

void clean_job(const worker_config *cfg, const job_msg *job, result_msg *res,
               clean_out *keep) {
  memset(res, 0, sizeof *res);
  memset(keep, 0, sizeof *keep);
  res->seq = job->seq;
  res->input_bytes = job->len;
  hooks_run(job->data, job->len);

  /* the library reads the saved page as it is (gzip, MHTML, HTML, text) */
  cc_options opt = cfg->opt;
  if (job->flags & JOB_WANT_EXPLAIN) opt.flags |= CC_OPT_EXPLAIN;
  if (!opt.url) opt.url = job->url;
  if (!opt.charset_hint) opt.charset_hint = job->charset;
  if (opt.input_format == CC_INPUT_AUTO && (job->flags & JOB_AS_TEXT))
    opt.input_format = CC_INPUT_TEXT;
  /* a fetched URL's record says where it ended up and how it was served */
  record_fetch rf = {job->url, (long)JOB_STATUS(job->flags), job->extra};
  const record_fetch *fetched = (job->flags & JOB_FETCHED) || job->extra ? &rf : NULL;
  opt.site_boilerplate = job->nbp ? job->bp : NULL;
  opt.site_boilerplate_count = job->nbp;

  cc_result *r = NULL;
  cc_error e;
  memset(&e, 0, sizeof e);
  cc_status st = cc_extract_page(job->data, job->len, &opt, &r, &e);
  const char *source = job->source ? job->source : "-";
  if (st == CC_ERR_EMPTY) {
    res->kind = RES_EMPTY;
    if (cfg->format == CLI_FORMAT_JSONL) record_empty(&keep->out, source, fetched);
    res->out = keep->out.data ? keep->out.data : "";
    res->outlen = keep->out.len;
    return;
  }
  if (st != CC_OK) {
    fail(res, keep, st, e.message);
    return;
  }
  if (cfg->format == CLI_FORMAT_JSONL) {
    record_result_fetch(&keep->out, source, r, fetched);
  } else {
    /* streamed into the message buffer: the rendering is not held twice */
    cc_render_options ro = cfg->ro;
    images im = {job->imap, {0}};
    if (job->flags & JOB_WANT_IMAGES) { /* list the images; point them home */
      ro.image_url = image_url;
      ro.image_url_data = &im;
    }
    cc_status rs = cc_render_to(r, (cc_format)cfg->format, &ro, put_out, &keep->out, &e);
    if (im.list.len) {
      keep->images = sbuf_detach(&im.list, NULL);
      res->images = keep->images;
    }
    sbuf_free(&im.list);
    if (rs != CC_OK) {
      cc_result_free(r);
      sbuf_free(&keep->out);
      fail(res, keep, e.status ? e.status : CC_ERR_INTERNAL, e.message);
      return;
    }
  }
  size_t tl = cc_result_text_length(r);
  res->kind = tl ? RES_OK : RES_EMPTY;
  const char *t = cc_result_text(r);
  res->text_hash = hash64(t ? t : "", t ? tl : 0, HASH64_SEED);
  if (cc_result_url(r)) keep->url = xstrdup(cc_result_url(r));
  res->url = keep->url;
  if (cfg->name_mode != NAME_PATH) { /* -O DIR --name title: the file's stem */
    keep->name = slug_of(cc_result_title(r),
                         cfg->name_mode == NAME_DATE_TITLE ? cc_result_date(r) : NULL);
    res->name = keep->name;
  }
  if ((job->flags & JOB_WANT_EXPLAIN) && cc_result_explain(r)) {
    keep->explain = xstrdup(cc_result_explain(r));
    res->explain = keep->explain;
  }
  if (job->flags & JOB_WANT_HASHES) {
    size_t nh;
    const uint64_t *h = cc_result_block_hashes(r, &nh);
    if (nh) {
      keep->hashes = xmalloc(nh * sizeof *h);
      memcpy(keep->hashes, h, nh * sizeof *h);
      res->hashes = keep->hashes;
      res->nhashes = nh;
    }
  }
  cc_result_free(r);
  res->out = keep->out.data ? keep->out.data : "";
  res->outlen = keep->out.len;
}

int worker_main(int fd, const worker_config *cfg) {
  hooks_init();
  /* The sandbox hook: from here on the worker only reads jobs from fd,
   * computes, and writes results to fd. */
  if (worker_sandbox_enter() != 0) return 70;
  if (proto_send(fd, MSG_READY, NULL, 0) != 0) return errno == EPIPE ? 0 : 3;
  /* a job: the input, its boilerplate list (at most one fingerprint per
   * node) and a few strings */
  uint64_t max = (uint64_t)(cfg->opt.max_input_bytes ? cfg->opt.max_input_bytes : ((size_t)64 << 20)) +
                 8 * (uint64_t)(cfg->opt.max_nodes ? cfg->opt.max_nodes : 2000000) + (1u << 20);
  for (;;) {
    uint32_t type;
    char *payload;
    size_t len;
    int rc = proto_recv(fd, &type, &payload, &len, max);
    if (rc == 0) return 0;
    if (rc < 0) return 3;
    job_msg job;
    uint64_t *store;
    if (type != MSG_JOB || job_decode(payload, len, &job, &store) != 0) {
      free(payload);
      return 3;
    }
    result_msg res;
    clean_out keep;
    worker_job_begin();
    clean_job(cfg, &job, &res, &keep);
    worker_job_end();
    penc e = {0};
    result_encode(&res, &e);
    struct iovec iov[2] = {{e.data, e.len}, {(void *)res.out, res.outlen}};
    rc = proto_send(fd, MSG_RESULT, iov, 2);
    penc_free(&e);
    clean_out_free(&keep);
    free(store);
    free(payload);
    if (rc != 0) return errno == EPIPE ? 0 : 3;
  }
}
