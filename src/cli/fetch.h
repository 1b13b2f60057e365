/* fetch.h — fetching URLs in the parent, with libcurl's multi interface,
 * driven by the batch loop's poll(): the fetcher owns a curl multi handle,
 * one request per URL, and the per-host politeness state, and turns every
 * way a fetch can end into one "done" event (the body, or a clear error).
 * It never looks at a body beyond counting its bytes: the HTML goes to a
 * worker as it came (decompressed per Content-Encoding), like a file.
 *
 * Integration (the same shape as the worker pool, workers.h): the caller
 * adds URLs (fetcher_add), lets due requests start (fetcher_pump), puts the
 * fetcher's descriptors into its poll set (fetcher_pollfds), and hands the
 * events back (fetcher_handle), with the poll timeout no later than
 * fetcher_next_deadline(). curl tells the fetcher which sockets to watch
 * (CURLMOPT_SOCKETFUNCTION) and when it wants a call back
 * (CURLMOPT_TIMERFUNCTION); the fetcher calls curl_multi_socket_action
 * only for sockets with events and timers that expired. Nothing blocks.
 *
 * Politeness: at most `parallel` requests in flight, at most `per_host`
 * to one host (hostname, lowercased, any port), and `delay` seconds
 * between the starts of two requests to one host. Among the hosts that may
 * start a request, the one whose next URL came first in the input goes
 * first (so the output, written in input order, is not held back).
 *
 * One URL's fetch: redirects (301, 302, 303, 307, 308) are followed by the
 * fetcher itself, at most 10, each hop checked: http or https only, no
 * loop (a URL seen before in the chain); a hop to the same host follows at
 * once, a hop to another host waits for that host's turn. 429 and 503 are
 * retried `retries` times after Retry-After (seconds or an HTTP-date) when
 * it is at most `max_retry_wait`, else after 1, 2, 4... seconds; the whole
 * host pauses meanwhile and its delay doubles (at least 1 s, at most
 * max_retry_wait), until its later answers halve it back. A response over `max_size`
 * bytes (decompressed) is cut off. A 2xx response must be a web page
 * (text/html, XHTML), text (text/plain, markdown: the text cleaner), or of
 * no/unspecific type (the worker sniffs it); anything else (application/
 * pdf, image/png...) is refused as soon as its headers arrive. Each request
 * (every hop and retry) has `connect_timeout` to connect and `timeout` in
 * all. TLS certificates are verified unless `insecure`. Proxies come from
 * the usual environment variables (http_proxy, https_proxy, no_proxy...),
 * which libcurl reads itself. Cookies a site sets during one URL's
 * redirects are sent back within that URL's fetch only.
 *
 * Where a fetch may go: the URL as typed may reach any address; a redirect
 * may not take a request that started on the Internet to an internal
 * address (loopback, private, link-local and the like: url_addr_internal),
 * checked on every address curl connects to (so a name that resolves
 * inside is caught too; through a proxy, which resolves for us, the
 * redirect's host name is judged: an IP literal or localhost). A request
 * that started inside (the user typed such a URL) stays free to move
 * inside; allow_private lifts the rule. A redirect carrying credentials
 * (user:password@) is refused; credentials the user typed are sent, but
 * never appear in a final URL or a message.
 *
 * A 429 or 503 raises the host's delay; every other answer of that host
 * halves it back towards `delay`.
 *
 * Memory: a request holds its URL, its curl handle while it runs, and its
 * body; hosts are kept while they have requests, and for `delay` after
 * their last one (longer when a 429/503 raised their delay). */
#ifndef CCCLI_FETCH_H
#define CCCLI_FETCH_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

typedef struct fetch_config {
  int parallel;            /* requests in flight, all hosts */
  int per_host;            /* requests in flight to one host */
  double delay;            /* seconds between two request starts to one host */
  double connect_timeout;  /* seconds, per request */
  double timeout;          /* seconds, per request (0: none) */
  int retries;             /* of a 429/503 */
  double max_retry_wait;   /* the longest Retry-After honoured, seconds */
  uint64_t max_size;       /* bytes of one response body */
  const char *user_agent;  /* NULL: clipclean/VERSION (...) */
  int insecure;            /* do not verify TLS certificates */
  int allow_private;       /* --allow-private: redirects may go inside */
} fetch_config;

/* The defaults (documented in --help). */
#define FETCH_DEFAULT_PARALLEL 8
#define FETCH_DEFAULT_PER_HOST 2
#define FETCH_DEFAULT_DELAY 1.0
#define FETCH_DEFAULT_CONNECT_TIMEOUT 10.0
#define FETCH_DEFAULT_TIMEOUT 30.0
#define FETCH_DEFAULT_RETRIES 3
#define FETCH_MAX_RETRY_WAIT 60.0
#define FETCH_DEFAULT_MAX_SIZE ((uint64_t)20 << 20)
#define FETCH_MAX_REDIRECTS 10

/* The outcome of one URL. The callee may take the malloc'd body,
 * final_url and charset (set the field to NULL); the rest is freed after
 * the callback. */
typedef struct fetch_result {
  uint64_t id;
  int ok;            /* the body is a page to clean */
  int cancelled;     /* fetcher_cancel_queued / fetcher_abort: no outcome */
  char *body;
  size_t len;
  char *final_url;   /* after redirects (NULL when none was reached) */
  char *charset;     /* from Content-Type, or NULL */
  int as_text;       /* text/plain or markdown: the text cleaner */
  long http_status;  /* of the last response (0: none) */
  uint64_t bytes;    /* body bytes received, all hops and retries */
  char type[64];      /* the media type of the body ("image/png"), or "" */
  char message[320]; /* why it failed, when !ok && !cancelled */
} fetch_result;

typedef void (*fetch_done_fn)(void *ctx, fetch_result *r);

typedef struct fetcher fetcher;

/* curl_global_init/cleanup: once per process, from main(). */
int fetch_global_init(void);
void fetch_global_cleanup(void);
/* "libcurl/7.88.1 OpenSSL/3.0.11 ..." */
const char *fetch_version(void);

fetcher *fetcher_new(const fetch_config *cfg);
/* Drops every request (no callbacks) and frees everything. */
void fetcher_free(fetcher *f);

/* Queues a URL (an http(s) URL; see url.h). `id` comes back in its result. */
void fetcher_add(fetcher *f, uint64_t id, const char *url);
/* Queues an image (--images): the same, but the response must be an
 * image (an image type, or none or an unspecific one), not a page. */
void fetcher_add_media(fetcher *f, uint64_t id, const char *url);
/* Starts requests that may start now: at most `max_new`, only of ids <=
 * max_id. Failures found at once (a URL curl refuses) are reported
 * through fn. */
void fetcher_pump(fetcher *f, int max_new, uint64_t max_id, fetch_done_fn fn, void *ctx);
/* Requests in flight, and requests waiting (for a slot, a host's turn or a
 * retry). */
int fetcher_active(const fetcher *f);
int fetcher_waiting(const fetcher *f);

/* The descriptors to poll (returns how many were written, at most max);
 * fetcher_nfds says how many there are. */
int fetcher_nfds(const fetcher *f);
int fetcher_pollfds(fetcher *f, struct pollfd *fds, int max);
/* Handles poll's events on those fds and curl's timers; reports finished
 * URLs through fn. */
void fetcher_handle(fetcher *f, const struct pollfd *fds, int n, fetch_done_fn fn, void *ctx);
/* Seconds until the fetcher needs a call: curl's timer, and, when the
 * caller would let requests start (can_start, ids <= max_id, as it would
 * pass to fetcher_pump), the next host's turn. -1 for none. */
double fetcher_next_deadline(fetcher *f, double now, int can_start, uint64_t max_id);

/* Ctrl-C: requests not in flight end as cancelled. */
void fetcher_cancel_queued(fetcher *f, fetch_done_fn fn, void *ctx);
/* Every request ends as cancelled, those in flight too. */
void fetcher_abort(fetcher *f, fetch_done_fn fn, void *ctx);

#endif
