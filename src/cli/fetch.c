/* fetch.c — the URL fetcher on libcurl's multi interface (see fetch.h).
 * Owns: the curl multi handle and its easy handles (one per URL, kept
 * across that URL's redirects and retries so its cookies follow), the
 * table of sockets curl asked us to watch, curl's timer, the hosts (a hash
 * table keyed by lowercased hostname, with each host's queue of waiting
 * requests, its requests in flight, its next allowed start and its delay),
 * and the bodies being received. Only compiled when libcurl is found
 * (CC_HAVE_FETCH); the rest of the CLI knows URLs through url.h. */
#include "fetch.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "../../include/clipclean.h"
#include "http.h"
#include "url.h"
#include "util.h"

typedef struct host host;
typedef struct fetcher fetcher;

typedef struct req {
  uint64_t id;
  fetcher *f;
  char *url;          /* as requested */
  char *cur;          /* the current hop, as sent */
  host *h;            /* the current hop's host */
  CURL *easy;
  struct req *next;   /* in its host's queue */
  struct req *rprev, *rnext; /* in the list of requests in flight */
  int running;
  int hops, tries;
  int origin_internal; /* the URL as typed reached an internal address */
  int proxied;         /* the current hop goes through a proxy */
  uint64_t chain[FETCH_MAX_REDIRECTS + 2]; /* keys of the URLs visited */
  int nchain;
  /* the response being received */
  char *body;
  size_t len, cap;
  uint64_t discarded; /* bytes of a body that is not kept (redirect, error) */
  int checked;        /* its status and type were looked at */
  int discard;
  char abort_msg[200];/* why the write callback stopped the transfer */
  char retry_after[64];
  char reason[64];    /* the status line's reason phrase */
  uint64_t bytes;     /* body bytes received, all hops and retries */
  char errbuf[CURL_ERROR_SIZE];
  int media;          /* an image (fetcher_add_media): pages are refused */
} req;

/* A 2xx response's type refused for this request: "not a web page", or
 * for an image, "not an image". Writes why into msg. */
static int refused(const req *r, const char *type, char *msg, size_t cap) {
  http_kind k = http_classify(type);
  if (r->media) {
    if (!strncmp(type, "image/", 6) || k == HTTP_KIND_SNIFF) return 0;
    snprintf(msg, cap, "not an image: %.120s", type);
    return 1;
  }
  if (k != HTTP_KIND_REFUSED) return 0;
  snprintf(msg, cap, "not a web page: %.120s", type);
  return 1;
}

struct host {
  char *name;
  host *hnext;        /* hash chain */
  int active;         /* requests in flight */
  double next_start;  /* no request may start before (monotonic s) */
  double delay;       /* between two starts; raised by 429/503 */
  req *qhead, *qtail; /* waiting requests, in order */
  size_t widx;        /* index in fetcher.waiting when queued */
};

typedef struct watch {
  curl_socket_t fd;
  int what; /* CURL_POLL_IN / OUT / INOUT */
} watch;

struct fetcher {
  fetch_config cfg;
  CURLM *multi;
  struct curl_slist *headers;
  char *ua;
  host **buckets;
  size_t nbuckets, nhosts;
  host **waiting;     /* hosts with a non-empty queue */
  size_t nwaiting, capwaiting;
  watch *w;
  int nw, capw;
  double timer;       /* curl's deadline, or -1 */
  int active;         /* requests in flight */
  int queued;         /* requests in host queues */
  req *running;       /* requests in flight */
  double last_sweep;
};

/* ---- process-wide ---- */

int fetch_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1; }

void fetch_global_cleanup(void) { curl_global_cleanup(); }

const char *fetch_version(void) { return curl_version(); }

/* ---- hosts ---- */

static size_t host_bucket(const fetcher *f, const char *name) {
  return (size_t)hash64(name, strlen(name), HASH64_SEED) & (f->nbuckets - 1);
}

static host *host_get(fetcher *f, const char *name) {
  size_t b = host_bucket(f, name);
  for (host *h = f->buckets[b]; h; h = h->hnext)
    if (!strcmp(h->name, name)) return h;
  if (f->nhosts >= f->nbuckets) { /* grow: rehash every host */
    size_t nb = f->nbuckets * 2;
    host **nbk = xcalloc(nb, sizeof *nbk);
    for (size_t i = 0; i < f->nbuckets; i++) {
      host *h = f->buckets[i];
      while (h) {
        host *n = h->hnext;
        size_t j = (size_t)hash64(h->name, strlen(h->name), HASH64_SEED) & (nb - 1);
        h->hnext = nbk[j];
        nbk[j] = h;
        h = n;
      }
    }
    free(f->buckets);
    f->buckets = nbk;
    f->nbuckets = nb;
    b = host_bucket(f, name);
  }
  host *h = xcalloc(1, sizeof *h);
  h->name = xstrdup(name);
  h->delay = f->cfg.delay;
  h->widx = SIZE_MAX;
  h->hnext = f->buckets[b];
  f->buckets[b] = h;
  f->nhosts++;
  return h;
}

/* Forgets hosts with nothing to do whose turn has come anyway and whose
 * delay was never raised: remembering them would change nothing. */
static void host_sweep(fetcher *f, double now) {
  for (size_t i = 0; i < f->nbuckets; i++) {
    host **pp = &f->buckets[i];
    while (*pp) {
      host *h = *pp;
      if (!h->active && !h->qhead && h->next_start <= now && h->delay <= f->cfg.delay) {
        *pp = h->hnext;
        free(h->name);
        free(h);
        f->nhosts--;
      } else {
        pp = &h->hnext;
      }
    }
  }
}

static void waiting_add(fetcher *f, host *h) {
  if (h->widx != SIZE_MAX) return;
  if (f->nwaiting == f->capwaiting) {
    f->capwaiting = f->capwaiting ? f->capwaiting * 2 : 64;
    f->waiting = xrealloc(f->waiting, f->capwaiting * sizeof *f->waiting);
  }
  h->widx = f->nwaiting;
  f->waiting[f->nwaiting++] = h;
}

static void waiting_remove(fetcher *f, host *h) {
  if (h->widx == SIZE_MAX) return;
  host *last = f->waiting[--f->nwaiting];
  f->waiting[h->widx] = last;
  last->widx = h->widx;
  h->widx = SIZE_MAX;
}

static void queue_back(fetcher *f, host *h, req *r) {
  r->next = NULL;
  if (h->qtail) h->qtail->next = r;
  else h->qhead = r;
  h->qtail = r;
  f->queued++;
  waiting_add(f, h);
}

/* Redirected and retried requests go first: they were started before. */
static void queue_front(fetcher *f, host *h, req *r) {
  r->next = h->qhead;
  h->qhead = r;
  if (!h->qtail) h->qtail = r;
  f->queued++;
  waiting_add(f, h);
}

static req *queue_pop(fetcher *f, host *h) {
  req *r = h->qhead;
  if (!r) return NULL;
  h->qhead = r->next;
  if (!h->qhead) {
    h->qtail = NULL;
    waiting_remove(f, h);
  }
  r->next = NULL;
  f->queued--;
  return r;
}

/* ---- curl's sockets and timer ---- */

static int on_socket(CURL *e, curl_socket_t s, int what, void *userp, void *socketp) {
  fetcher *f = userp;
  (void)e, (void)socketp;
  int i = 0;
  while (i < f->nw && f->w[i].fd != s) i++;
  if (what == CURL_POLL_REMOVE) {
    if (i < f->nw) f->w[i] = f->w[--f->nw];
    return 0;
  }
  if (i == f->nw) {
    if (f->nw == f->capw) {
      f->capw = f->capw ? f->capw * 2 : 16;
      f->w = xrealloc(f->w, (size_t)f->capw * sizeof *f->w);
    }
    f->w[f->nw++].fd = s;
  }
  f->w[i].what = what;
  return 0;
}

static int on_timer(CURLM *m, long ms, void *userp) {
  fetcher *f = userp;
  (void)m;
  f->timer = ms < 0 ? -1 : now_sec() + (double)ms / 1000.0;
  return 0;
}

/* ---- one response ---- */

static void size_text(char *buf, size_t cap, uint64_t v) { http_format_size(buf, cap, v); }

static size_t on_header(char *p, size_t sz, size_t n, void *ud) {
  req *r = ud;
  size_t k = sz * n;
  if (k >= 5 && !memcmp(p, "HTTP/", 5)) { /* a status line: a new response */
    r->retry_after[0] = r->reason[0] = '\0';
    size_t i = 5;
    while (i < k && p[i] != ' ') i++; /* version */
    while (i < k && p[i] == ' ') i++;
    while (i < k && p[i] >= '0' && p[i] <= '9') i++; /* code */
    while (i < k && p[i] == ' ') i++;
    size_t e = k;
    while (e > i && (p[e - 1] == '\r' || p[e - 1] == '\n' || p[e - 1] == ' ')) e--;
    size_t l = e - i < sizeof r->reason - 1 ? e - i : sizeof r->reason - 1;
    for (size_t j = 0; j < l; j++) {
      unsigned char c = (unsigned char)p[i + j];
      r->reason[j] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    r->reason[l] = '\0';
  } else if (k > 12 && !strncasecmp(p, "retry-after:", 12)) {
    size_t i = 12, e = k;
    while (i < e && (p[i] == ' ' || p[i] == '\t')) i++;
    while (e > i && (p[e - 1] == '\r' || p[e - 1] == '\n' || p[e - 1] == ' ')) e--;
    size_t l = e - i < sizeof r->retry_after - 1 ? e - i : sizeof r->retry_after - 1;
    memcpy(r->retry_after, p + i, l);
    r->retry_after[l] = '\0';
  }
  return k;
}

static size_t on_write(char *p, size_t sz, size_t n, void *ud) {
  req *r = ud;
  size_t k = sz * n;
  uint64_t max = r->f->cfg.max_size;
  if (!r->checked) {
    r->checked = 1;
    long code = 0;
    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
    if (code < 200 || code >= 300) {
      /* a redirect's or an error's body: read (so the connection can be
       * reused) but not kept */
      r->discard = 1;
    } else {
      char *ct = NULL, type[128], cs[64];
      curl_easy_getinfo(r->easy, CURLINFO_CONTENT_TYPE, &ct);
      http_content_type(ct, type, sizeof type, cs, sizeof cs);
      if (refused(r, type, r->abort_msg, sizeof r->abort_msg))
        return 0; /* no need to download a PDF to refuse it */
      curl_off_t cl = -1;
      curl_easy_getinfo(r->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
      if (cl > 0 && (uint64_t)cl <= max && !r->body) {
        r->cap = (size_t)cl + 1;
        r->body = xmalloc(r->cap);
      }
    }
  }
  r->bytes += k;
  uint64_t have = r->discard ? r->discarded : r->len;
  if (have + k > max) {
    char s[32];
    size_text(s, sizeof s, max);
    snprintf(r->abort_msg, sizeof r->abort_msg, "response larger than %s", s);
    return 0;
  }
  if (r->discard) {
    r->discarded += k;
    return k;
  }
  if (r->len + k + 1 > r->cap) {
    size_t cap = r->cap ? r->cap : 16384;
    while (cap < r->len + k + 1) cap *= 2;
    r->body = xrealloc(r->body, cap);
    r->cap = cap;
  }
  memcpy(r->body + r->len, p, k);
  r->len += k;
  return k;
}

/* ---- where a request may go (fetch.h: internal addresses) ---- */

#ifdef CC_TEST_HOOKS
/* Test hook: CLIPCLEAN_TEST_PUBLIC=A,B,... (IPv4 addresses) counts those
 * loopback addresses as public, so the tests can play an outside site. */
static int test_public(int family, const unsigned char *a) {
  const char *e = getenv("CLIPCLEAN_TEST_PUBLIC");
  char ip[16];
  if (!e || family != 4) return 0;
  snprintf(ip, sizeof ip, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
  for (const char *p = e; (p = strstr(p, ip)); p++)
    if ((p == e || p[-1] == ',') && (p[strlen(ip)] == ',' || !p[strlen(ip)])) return 1;
  return 0;
}
#else
static int test_public(int family, const unsigned char *a) { return (void)family, (void)a, 0; }
#endif

static int internal(int family, const unsigned char *a) {
  return url_addr_internal(family, a) && !test_public(family, a);
}

/* The address of a socket curl is about to open: family 4 or 6, and its
 * bytes; 0 for another family. */
static int sock_addr(const struct sockaddr *sa, const unsigned char **a) {
  if (sa->sa_family == AF_INET) {
    *a = (const unsigned char *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr;
    return 4;
  }
  if (sa->sa_family == AF_INET6) {
    *a = (const unsigned char *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
    return 6;
  }
  return 0;
}

/* A host given as an IP literal or a name of the local machine: its zone
 * (1 internal, 0 public), or -1 when only resolving it would tell. */
static int host_zone(const char *url) {
  url_parts p;
  const char *why;
  if (url_parse(url, &p, &why) != 0) return -1;
  char h[64];
  size_t n = p.host_len;
  const char *hs = p.host;
  if (n > 2 && hs[0] == '[') hs++, n -= 2;
  if (n >= sizeof h) return -1;
  memcpy(h, hs, n);
  h[n] = '\0';
  while (n && h[n - 1] == '.') h[--n] = '\0';
  unsigned char a[16];
  if (inet_pton(AF_INET, h, a) == 1) return internal(4, a);
  if (inet_pton(AF_INET6, h, a) == 1) return internal(6, a);
  if (!strcasecmp(h, "localhost") || (n > 10 && !strcasecmp(h + n - 10, ".localhost"))) return 1;
  return -1;
}

/* Would curl send this URL through a proxy (it reads the same variables)?
 * Then it resolves nothing itself, and only the host's name can be judged. */
static int via_proxy(const char *url) {
  int https = !strncasecmp(url, "https:", 6);
  const char *px = getenv(https ? "https_proxy" : "http_proxy");
  if ((!px || !*px) && https) px = getenv("HTTPS_PROXY");
  if (!px || !*px) px = getenv("all_proxy");
  if (!px || !*px) px = getenv("ALL_PROXY");
  if (!px || !*px) return 0;
  const char *np = getenv("no_proxy");
  if (!np || !*np) np = getenv("NO_PROXY");
  if (!np || !*np) return 1;
  char *host = url_host_key(url);
  if (!host) return 1;
  size_t hl = strlen(host);
  int bypass = 0;
  for (const char *e = np; *e && !bypass;) {
    while (*e == ',' || *e == ' ') e++;
    size_t k = strcspn(e, ", ");
    const char *d = e;
    size_t dk = k;
    if (dk && *d == '.') d++, dk--;
    if ((k == 1 && *e == '*') ||
        (dk && hl >= dk && !strncasecmp(host + hl - dk, d, dk) &&
         (hl == dk || host[hl - dk - 1] == '.')))
      bypass = 1;
    e += k;
  }
  free(host);
  return !bypass;
}

/* curl opens a socket for a hop: the first hop (the URL as typed) may go
 * anywhere, and says whether the request started inside; a later hop (a
 * redirect) that moves from outside to an internal address is refused,
 * unless --allow-private. */
static int addr_refused(req *r, int fam, const unsigned char *a) {
  if (!fam || r->proxied || r->f->cfg.allow_private) return 0;
  int in = internal(fam, a);
  if (!r->hops) {
    r->origin_internal |= in;
    return 0;
  }
  if (!in || r->origin_internal) return 0;
  char ip[INET6_ADDRSTRLEN];
  inet_ntop(fam == 4 ? AF_INET : AF_INET6, a, ip, sizeof ip);
  snprintf(r->abort_msg, sizeof r->abort_msg,
           "redirected from the Internet to %s, an internal address: refused "
           "(--allow-private allows it)", ip);
  return 1;
}

static curl_socket_t on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *sa) {
  req *r = ud;
  const unsigned char *a = NULL;
  int fam = sock_addr(&sa->addr, &a);
  if (purpose == CURLSOCKTYPE_IPCXN && addr_refused(r, fam, a)) return CURL_SOCKET_BAD;
  return socket(sa->family, sa->socktype, sa->protocol);
}

/* The same check on the address a hop was answered from: a connection
 * curl reused (opened by an earlier request) never went through
 * on_open_socket. Returns 1 when the answer must not be used. */
static int answer_refused(req *r) {
  char *ip = NULL;
  unsigned char a[16];
  if (curl_easy_getinfo(r->easy, CURLINFO_PRIMARY_IP, &ip) != CURLE_OK || !ip || !*ip) return 0;
  if (inet_pton(AF_INET, ip, a) == 1) return addr_refused(r, 4, a);
  if (inet_pton(AF_INET6, ip, a) == 1) return addr_refused(r, 6, a);
  return 0;
}

/* The same rule, for a hop through a proxy: by the host's name alone. */
static int hop_refused(req *r, const char *url) {
  if (!r->proxied || r->f->cfg.allow_private) return 0;
  int z = host_zone(url);
  if (!r->hops) {
    r->origin_internal |= z == 1;
    return 0;
  }
  if (z != 1 || r->origin_internal) return 0;
  snprintf(r->abort_msg, sizeof r->abort_msg,
           "redirected from the Internet to an internal host: refused (--allow-private "
           "allows it)");
  return 1;
}

static void reset_response(req *r) {
  free(r->body);
  r->body = NULL;
  r->len = r->cap = 0;
  r->discarded = 0;
  r->checked = r->discard = 0;
  r->abort_msg[0] = r->retry_after[0] = r->reason[0] = r->errbuf[0] = '\0';
}

static void req_free(req *r) {
  if (r->easy) curl_easy_cleanup(r->easy);
  free(r->url);
  free(r->cur);
  free(r->body);
  free(r);
}

static long ms_of(double s) { return s > 0 ? (long)(s * 1000 + 0.5) : 0; }

static int setup_easy(fetcher *f, req *r) {
  CURL *e = curl_easy_init();
  if (!e) return -1;
  r->easy = e;
  const fetch_config *c = &f->cfg;
  curl_easy_setopt(e, CURLOPT_PRIVATE, r);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); /* we follow, hop by hop */
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding curl supports */
  curl_easy_setopt(e, CURLOPT_USERAGENT, f->ua);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, f->headers);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, ms_of(c->connect_timeout));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, ms_of(c->timeout));
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_size);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, c->insecure ? 0L : 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, c->insecure ? 0L : 2L);
  curl_easy_setopt(e, CURLOPT_COOKIEFILE, ""); /* in memory, this URL only */
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, r);
  return 0;
}

/* ---- outcomes ---- */

static void running_remove(fetcher *f, req *r) {
  if (r->rprev) r->rprev->rnext = r->rnext;
  else f->running = r->rnext;
  if (r->rnext) r->rnext->rprev = r->rprev;
  r->rprev = r->rnext = NULL;
}

/* Takes the request out of curl and of its host's count. */
static void stop_running(fetcher *f, req *r) {
  if (!r->running) return;
  curl_multi_remove_handle(f->multi, r->easy);
  running_remove(f, r);
  r->running = 0;
  r->h->active--;
  f->active--;
}

/* The URL the response came from, never with its credentials. */
static char *effective_url(req *r) {
  char *u = NULL;
  if (r->easy) curl_easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &u);
  return url_without_userinfo(u ? u : r->cur);
}

static void report(req *r, fetch_result *res, fetch_done_fn fn, void *ctx) {
  res->id = r->id;
  res->bytes = r->bytes;
  if (fn) fn(ctx, res);
  free(res->body);
  free(res->final_url);
  free(res->charset);
  req_free(r);
}

static void fail(req *r, long status, const char *msg, fetch_done_fn fn, void *ctx) {
  fetch_result res;
  memset(&res, 0, sizeof res);
  res.http_status = status;
  res.final_url = r->hops || status ? effective_url(r) : NULL;
  snprintf(res.message, sizeof res.message, "%s", msg);
  report(r, &res, fn, ctx);
}

static void cancel(req *r, fetch_done_fn fn, void *ctx) {
  fetch_result res;
  memset(&res, 0, sizeof res);
  res.cancelled = 1;
  report(r, &res, fn, ctx);
}

static void http_error(req *r, long code, const char *extra, fetch_done_fn fn, void *ctx) {
  const char *why = http_reason(code);
  if (!why) why = r->reason;
  char m[320];
  snprintf(m, sizeof m, "HTTP %ld%s%s%s", code, *why ? " " : "", why, extra ? extra : "");
  fail(r, code, m, fn, ctx);
}

static void describe_curl_error(fetcher *f, req *r, CURLcode rc, char *m, size_t cap) {
  const char *eb = r->errbuf[0] ? r->errbuf : curl_easy_strerror(rc);
  const char *host = r->h->name;
  long oserr = 0;
  long code = 0;
  curl_off_t connect_us = 0;
  char s[32];
  switch (rc) {
  case CURLE_COULDNT_RESOLVE_HOST:
    snprintf(m, cap, "could not resolve host %s", host);
    break;
  case CURLE_COULDNT_RESOLVE_PROXY:
    snprintf(m, cap, "could not resolve the proxy: %s", eb);
    break;
  case CURLE_COULDNT_CONNECT:
    curl_easy_getinfo(r->easy, CURLINFO_OS_ERRNO, &oserr);
    if (oserr == ECONNREFUSED) snprintf(m, cap, "connection refused by %s", host);
    else if (oserr) snprintf(m, cap, "could not connect to %s: %s", host, strerror((int)oserr));
    else snprintf(m, cap, "could not connect to %s: %s", host, eb);
    break;
  case CURLE_OPERATION_TIMEDOUT: {
    curl_easy_getinfo(r->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
    double ct = f->cfg.connect_timeout;
    if (f->cfg.timeout > 0 && f->cfg.timeout < ct) ct = f->cfg.timeout;
    if (connect_us <= 0) {
      snprintf(m, cap, "could not connect to %s within %g s", host, ct);
    } else if (!code) {
      snprintf(m, cap, "server did not answer within %g s", f->cfg.timeout);
    } else {
      size_text(s, sizeof s, r->len + r->discarded);
      snprintf(m, cap, "response not complete within %g s (%s received)", f->cfg.timeout, s);
    }
    break;
  }
  case CURLE_FILESIZE_EXCEEDED:
    size_text(s, sizeof s, f->cfg.max_size);
    snprintf(m, cap, "response larger than %s", s);
    break;
  case CURLE_PEER_FAILED_VERIFICATION:
    snprintf(m, cap, "TLS certificate not trusted: %s (--insecure skips the check)", eb);
    break;
  case CURLE_SSL_CONNECT_ERROR:
    snprintf(m, cap, "TLS handshake failed: %s", eb);
    break;
  case CURLE_GOT_NOTHING:
    snprintf(m, cap, "the server closed the connection without answering");
    break;
  case CURLE_PARTIAL_FILE:
    snprintf(m, cap, "the connection closed before the whole response arrived");
    break;
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
    snprintf(m, cap, "connection lost: %s", eb);
    break;
  case CURLE_BAD_CONTENT_ENCODING:
    snprintf(m, cap, "corrupt compressed response: %s", eb);
    break;
  case CURLE_URL_MALFORMAT:
    snprintf(m, cap, "malformed URL: %s", eb);
    break;
  case CURLE_UNSUPPORTED_PROTOCOL: /* our URLs are http(s): the answer was not */
    snprintf(m, cap, "the server's answer is not HTTP (no status line: %s)", eb);
    break;
  case CURLE_OUT_OF_MEMORY: /* a header line over curl's 100 kB limit */
    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
    if (code) snprintf(m, cap, "the server's response headers are too large (a line over 100 kB)");
    else snprintf(m, cap, "the server's answer is too large to read as HTTP (%s)", eb);
    break;
  case CURLE_WEIRD_SERVER_REPLY:
    snprintf(m, cap, "the server's answer is not HTTP: %s", eb);
    break;
  default:
    snprintf(m, cap, "%s", eb);
    break;
  }
}

static void start_or_fail(fetcher *f, req *r, fetch_done_fn fn, void *ctx);

static void follow_redirect(fetcher *f, req *r, long code, fetch_done_fn fn, void *ctx) {
  char *loc = NULL;
  curl_easy_getinfo(r->easy, CURLINFO_REDIRECT_URL, &loc);
  if (!loc || !*loc) {
    http_error(r, code, " with no Location to follow", fn, ctx);
    return;
  }
  char m[320];
  url_parts p;
  const char *why;
  char *shown = url_without_userinfo(loc); /* what a message may quote */
  if (url_parse(loc, &p, &why) != 0 || p.userinfo) {
    if (p.userinfo)
      snprintf(m, sizeof m, "redirect to %.200s refused: it carries credentials", shown);
    else if (url_has_scheme(loc) && !url_is_remote(loc))
      snprintf(m, sizeof m, "redirect to %.200s refused: only http and https are followed", shown);
    else
      snprintf(m, sizeof m, "bad redirect to %.200s: %s", shown, why);
    free(shown);
    fail(r, code, m, fn, ctx);
    return;
  }
  if (r->hops >= FETCH_MAX_REDIRECTS) {
    snprintf(m, sizeof m, "too many redirects (more than %d)", FETCH_MAX_REDIRECTS);
    free(shown);
    fail(r, code, m, fn, ctx);
    return;
  }
  char *key = url_key(loc);
  uint64_t kh = hash64(key, strlen(key), HASH64_SEED);
  free(key);
  for (int i = 0; i < r->nchain; i++)
    if (r->chain[i] == kh) {
      snprintf(m, sizeof m, "redirect loop: back to %.200s after %d redirect%s", shown,
               r->hops + 1, r->hops ? "s" : "");
      free(shown);
      fail(r, code, m, fn, ctx);
      return;
    }
  free(shown);
  r->chain[r->nchain++] = kh;
  r->hops++;
  free(r->cur);
  r->cur = url_request_form(loc);
  char *hk = url_host_key(loc);
  host *nh = host_get(f, hk);
  free(hk);
  if (nh == r->h) { /* the same host: at once, as one page's fetch */
    start_or_fail(f, r, fn, ctx);
    return;
  }
  r->h = nh; /* another host: when its turn comes */
  queue_front(f, nh, r);
}

static void retry_later(fetcher *f, req *r, long code, fetch_done_fn fn, void *ctx) {
  double ra = http_retry_after(r->retry_after[0] ? r->retry_after : NULL, time(NULL));
  char extra[160];
  if (r->tries >= f->cfg.retries) {
    if (f->cfg.retries)
      snprintf(extra, sizeof extra, " (still refused after %d retr%s)", r->tries,
               r->tries == 1 ? "y" : "ies");
    http_error(r, code, f->cfg.retries ? extra : NULL, fn, ctx);
    return;
  }
  if (ra > f->cfg.max_retry_wait) {
    snprintf(extra, sizeof extra, " (the server asks to wait %.0f s; at most %g s are waited)", ra,
             f->cfg.max_retry_wait);
    http_error(r, code, extra, fn, ctx);
    return;
  }
  double wait = ra >= 0 ? ra : (double)(1u << (r->tries < 16 ? r->tries : 16));
  if (wait > f->cfg.max_retry_wait) wait = f->cfg.max_retry_wait;
  r->tries++;
  host *h = r->h;
  double t = now_sec() + wait;
  if (h->next_start < t) h->next_start = t; /* the whole host pauses */
  double d = h->delay * 2 < 1 ? 1 : h->delay * 2;
  h->delay = d > f->cfg.max_retry_wait ? f->cfg.max_retry_wait : d;
  queue_front(f, h, r);
}

static void succeed(req *r, long code, fetch_done_fn fn, void *ctx) {
  char *ct = NULL, type[128], cs[64];
  curl_easy_getinfo(r->easy, CURLINFO_CONTENT_TYPE, &ct);
  http_content_type(ct, type, sizeof type, cs, sizeof cs);
  http_kind k = http_classify(type);
  char m[200];
  if (refused(r, type, m, sizeof m)) {
    fail(r, code, m, fn, ctx);
    return;
  }
  fetch_result res;
  memset(&res, 0, sizeof res);
  res.ok = 1;
  res.http_status = code;
  if (!r->body) r->body = xmalloc(1);
  r->body[r->len] = '\0';
  res.body = r->body;
  res.len = r->len;
  r->body = NULL;
  res.final_url = effective_url(r);
  res.charset = cs[0] ? xstrdup(cs) : NULL;
  res.as_text = k == HTTP_KIND_TEXT && !r->media;
  snprintf(res.type, sizeof res.type, "%.63s", type);
  report(r, &res, fn, ctx);
}

/* A request curl is done with. */
static void finished(fetcher *f, req *r, CURLcode rc, fetch_done_fn fn, void *ctx) {
  stop_running(f, r);
  long code = 0;
  curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
  if (!r->abort_msg[0] && rc == CURLE_OK) answer_refused(r);
  if (r->abort_msg[0]) {
    char m[200];
    snprintf(m, sizeof m, "%s", r->abort_msg);
    fail(r, code, m, fn, ctx);
    return;
  }
  if (rc != CURLE_OK) {
    char m[320];
    describe_curl_error(f, r, rc, m, sizeof m);
    fail(r, code, m, fn, ctx);
    return;
  }
  if (code != 429 && code != 503 && r->h->delay > f->cfg.delay) {
    /* the host answers again: a delay raised by a 429/503 halves back */
    double d = r->h->delay / 2;
    r->h->delay = d < f->cfg.delay ? f->cfg.delay : d;
  }
  if (code >= 300 && code < 400 && code != 304) follow_redirect(f, r, code, fn, ctx);
  else if (code == 429 || code == 503) retry_later(f, r, code, fn, ctx);
  else if (code < 200 || code >= 300) http_error(r, code, NULL, fn, ctx);
  else succeed(r, code, fn, ctx);
}

/* Sends the request's current hop. */
static void start_or_fail(fetcher *f, req *r, fetch_done_fn fn, void *ctx) {
  if (!r->easy && setup_easy(f, r) != 0) {
    fail(r, 0, "cannot start a transfer (libcurl)", fn, ctx);
    return;
  }
  reset_response(r);
  r->proxied = via_proxy(r->cur);
  if (hop_refused(r, r->cur)) {
    char m[200];
    snprintf(m, sizeof m, "%s", r->abort_msg);
    fail(r, 0, m, fn, ctx);
    return;
  }
  CURLcode uc = curl_easy_setopt(r->easy, CURLOPT_URL, r->cur);
  if (uc != CURLE_OK) {
    char m[200];
    snprintf(m, sizeof m, "curl refused the URL: %s", curl_easy_strerror(uc));
    fail(r, 0, m, fn, ctx);
    return;
  }
  CURLMcode mc = curl_multi_add_handle(f->multi, r->easy);
  if (mc != CURLM_OK) {
    char m[200];
    snprintf(m, sizeof m, "cannot start a transfer: %s", curl_multi_strerror(mc));
    fail(r, 0, m, fn, ctx);
    return;
  }
  r->running = 1;
  r->rprev = NULL;
  r->rnext = f->running;
  if (f->running) f->running->rprev = r;
  f->running = r;
  r->h->active++;
  f->active++;
  double t = now_sec() + r->h->delay;
  if (r->h->next_start < t) r->h->next_start = t;
}

/* ---- the fetcher ---- */

fetcher *fetcher_new(const fetch_config *cfg) {
  fetcher *f = xcalloc(1, sizeof *f);
  f->cfg = *cfg;
  if (f->cfg.parallel < 1) f->cfg.parallel = 1;
  if (f->cfg.per_host < 1) f->cfg.per_host = 1;
  f->timer = -1;
  f->nbuckets = 64;
  f->buckets = xcalloc(f->nbuckets, sizeof *f->buckets);
  if (cfg->user_agent) {
    f->ua = xstrdup(cfg->user_agent);
  } else {
    sbuf u = {0};
    sbuf_printf(&u, "clipclean/%s (article text extractor; libcurl)", cc_version());
    f->ua = sbuf_detach(&u, NULL);
  }
  f->headers = curl_slist_append(
      NULL, "Accept: text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5");
  f->multi = curl_multi_init();
  if (!f->multi || !f->headers) {
    static const char m[] = "clipclean: cannot start libcurl\n";
    fputs(m, stderr);
    exit(1);
  }
  curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
  curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
  curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, on_timer);
  curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
  return f;
}

static void add(fetcher *f, uint64_t id, const char *url, int media) {
  req *r = xcalloc(1, sizeof *r);
  r->id = id;
  r->media = media;
  r->f = f;
  r->url = xstrdup(url);
  r->cur = url_request_form(url);
  char *key = url_key(url);
  if (key) {
    r->chain[r->nchain++] = hash64(key, strlen(key), HASH64_SEED);
    free(key);
  }
  char *hk = url_host_key(url);
  r->h = host_get(f, hk ? hk : "");
  free(hk);
  queue_back(f, r->h, r);
}

void fetcher_add(fetcher *f, uint64_t id, const char *url) { add(f, id, url, 0); }

void fetcher_add_media(fetcher *f, uint64_t id, const char *url) { add(f, id, url, 1); }

/* The waiting host whose next request came first, among those that may
 * start one now. */
static host *next_host(fetcher *f, double now, uint64_t max_id) {
  host *best = NULL;
  for (size_t i = 0; i < f->nwaiting; i++) {
    host *h = f->waiting[i];
    if (h->active >= f->cfg.per_host || h->next_start > now || h->qhead->id > max_id) continue;
    if (!best || h->qhead->id < best->qhead->id) best = h;
  }
  return best;
}

void fetcher_pump(fetcher *f, int max_new, uint64_t max_id, fetch_done_fn fn, void *ctx) {
  double now = now_sec();
  if (now - f->last_sweep >= 1.0) {
    host_sweep(f, now);
    f->last_sweep = now;
  }
  while (max_new > 0 && f->active < f->cfg.parallel) {
    host *h = next_host(f, now, max_id);
    if (!h) break;
    req *r = queue_pop(f, h);
    start_or_fail(f, r, fn, ctx);
    max_new--;
  }
}

int fetcher_active(const fetcher *f) { return f->active; }
int fetcher_waiting(const fetcher *f) { return f->queued; }
int fetcher_nfds(const fetcher *f) { return f->nw; }

int fetcher_pollfds(fetcher *f, struct pollfd *fds, int max) {
  int k = 0;
  for (int i = 0; i < f->nw && k < max; i++) {
    fds[k].fd = f->w[i].fd;
    fds[k].events = (short)(((f->w[i].what & CURL_POLL_IN) ? POLLIN : 0) |
                            ((f->w[i].what & CURL_POLL_OUT) ? POLLOUT : 0));
    fds[k].revents = 0;
    k++;
  }
  return k;
}

static void drain(fetcher *f, fetch_done_fn fn, void *ctx) {
  CURLMsg *m;
  int left;
  while ((m = curl_multi_info_read(f->multi, &left))) {
    if (m->msg != CURLMSG_DONE) continue;
    CURL *e = m->easy_handle;
    CURLcode rc = m->data.result;
    req *r = NULL;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&r);
    if (r) finished(f, r, rc, fn, ctx);
  }
}

void fetcher_handle(fetcher *f, const struct pollfd *fds, int n, fetch_done_fn fn, void *ctx) {
  int running;
  for (int k = 0; k < n; k++) {
    short re = fds[k].revents;
    if (!re) continue;
    int ev = 0;
    if (re & (POLLIN | POLLHUP | POLLERR)) ev |= CURL_CSELECT_IN;
    if (re & POLLOUT) ev |= CURL_CSELECT_OUT;
    if (re & POLLERR) ev |= CURL_CSELECT_ERR;
    curl_multi_socket_action(f->multi, fds[k].fd, ev, &running);
  }
  if (f->timer >= 0 && now_sec() >= f->timer) {
    f->timer = -1; /* curl sets the next one during the call */
    curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running);
  }
  drain(f, fn, ctx);
}

double fetcher_next_deadline(fetcher *f, double now, int can_start, uint64_t max_id) {
  double best = -1;
  if (f->timer >= 0) best = f->timer > now ? f->timer - now : 0;
  if (can_start && f->active < f->cfg.parallel) {
    for (size_t i = 0; i < f->nwaiting; i++) {
      host *h = f->waiting[i];
      if (h->active >= f->cfg.per_host || h->qhead->id > max_id) continue;
      double d = h->next_start > now ? h->next_start - now : 0;
      if (best < 0 || d < best) best = d;
    }
  }
  return best;
}

void fetcher_cancel_queued(fetcher *f, fetch_done_fn fn, void *ctx) {
  while (f->nwaiting) {
    host *h = f->waiting[f->nwaiting - 1];
    req *r;
    while ((r = queue_pop(f, h))) cancel(r, fn, ctx);
  }
}

void fetcher_abort(fetcher *f, fetch_done_fn fn, void *ctx) {
  fetcher_cancel_queued(f, fn, ctx);
  while (f->running) {
    req *r = f->running;
    stop_running(f, r);
    cancel(r, fn, ctx);
  }
}

void fetcher_free(fetcher *f) {
  if (!f) return;
  fetcher_abort(f, NULL, NULL);
  curl_multi_cleanup(f->multi);
  curl_slist_free_all(f->headers);
  for (size_t i = 0; i < f->nbuckets; i++) {
    host *h = f->buckets[i];
    while (h) {
      host *n = h->hnext;
      free(h->name);
      free(h);
      h = n;
    }
  }
  free(f->buckets);
  free(f->waiting);
  free(f->w);
  free(f->ua);
  free(f);
}
