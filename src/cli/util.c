/* util.c — checked allocation, byte buffers, hashing, a u64 set and the
 * clock for the CLI (see util.h). */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int xalloc_failure_status = 1;

static void oom(void) {
  static const char m[] = "clipclean: out of memory\n";
  if (xalloc_failure_status == 1) { /* a worker's parent says it for it */
    ssize_t r = write(2, m, sizeof m - 1);
    (void)r;
  }
  _exit(xalloc_failure_status);
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) oom();
  return p;
}

void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) oom();
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) oom();
  return q;
}

char *xstrndup(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

static void sbuf_grow(sbuf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) cap *= 2;
  b->data = xrealloc(b->data, cap);
  b->cap = cap;
}

void sbuf_put(sbuf *b, const void *p, size_t n) {
  sbuf_grow(b, n);
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void sbuf_puts(sbuf *b, const char *s) { sbuf_put(b, s, strlen(s)); }

void sbuf_putc(sbuf *b, char c) { sbuf_put(b, &c, 1); }

void sbuf_vprintf(sbuf *b, const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  char tmp[256];
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  if (n >= 0 && (size_t)n < sizeof tmp) {
    sbuf_put(b, tmp, (size_t)n);
  } else if (n >= 0) {
    sbuf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
    b->len += (size_t)n;
  }
  va_end(again);
}

void sbuf_printf(sbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sbuf_vprintf(b, fmt, ap);
  va_end(ap);
}

void sbuf_free(sbuf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

char *sbuf_detach(sbuf *b, size_t *len) {
  if (!b->data) sbuf_grow(b, 0), b->data[0] = '\0';
  char *p = b->data;
  if (len) *len = b->len;
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

uint64_t hash64(const void *p, size_t n, uint64_t seed) {
  const unsigned char *s = p;
  uint64_t h = seed;
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 1099511628211ull;
  return h;
}

static size_t slot_of(uint64_t v, size_t cap) {
  v ^= v >> 33;
  v *= 0xff51afd7ed558ccdull;
  v ^= v >> 33;
  return (size_t)v & (cap - 1);
}

int u64set_has(const u64set *s, uint64_t v) {
  if (!v) v = 1;
  if (!s->cap) return 0;
  for (size_t i = slot_of(v, s->cap);; i = (i + 1) & (s->cap - 1)) {
    if (s->slot[i] == v) return 1;
    if (!s->slot[i]) return 0;
  }
}

int u64set_add(u64set *s, uint64_t v) {
  if (!v) v = 1;
  if ((s->count + 1) * 2 > s->cap) {
    size_t ncap = s->cap ? s->cap * 2 : 64;
    uint64_t *ns = xcalloc(ncap, sizeof *ns);
    for (size_t i = 0; i < s->cap; i++) {
      uint64_t x = s->slot[i];
      if (!x) continue;
      size_t j = slot_of(x, ncap);
      while (ns[j]) j = (j + 1) & (ncap - 1);
      ns[j] = x;
    }
    free(s->slot);
    s->slot = ns;
    s->cap = ncap;
  }
  size_t i = slot_of(v, s->cap);
  while (s->slot[i]) {
    if (s->slot[i] == v) return 0;
    i = (i + 1) & (s->cap - 1);
  }
  s->slot[i] = v;
  s->count++;
  return 1;
}

void u64set_free(u64set *s) {
  free(s->slot);
  s->slot = NULL;
  s->cap = s->count = 0;
}

double now_sec(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int write_full(int fd, const void *p, size_t n) {
  const char *c = p;
  while (n) {
    ssize_t w = write(fd, c, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    c += w;
    n -= (size_t)w;
  }
  return 0;
}

size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t k;
  uint32_t cp;
  if (c >= 0xc2 && c <= 0xdf) k = 2, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef) k = 3, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4) k = 4, cp = c & 0x07;
  else return 0;
  if (n < k) return 0;
  for (size_t i = 1; i < k; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return k;
}

/* Code points a terminal must not get raw: C1 controls, and the
 * formatting characters that reorder or hide text (bidi marks,
 * embeddings, overrides and isolates; line and paragraph separators). */
static int hidden_cp(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) || cp == 0x200e || cp == 0x200f ||
         (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061c;
}

static uint32_t utf8_cp(const unsigned char *s, size_t k) {
  if (k == 1) return s[0];
  uint32_t cp = s[0] & (0x7f >> k);
  for (size_t i = 1; i < k; i++) cp = (cp << 6) | (s[i] & 0x3f);
  return cp;
}

void sbuf_put_printable(sbuf *b, const char *str, size_t n, int lines) {
  const unsigned char *s = (const unsigned char *)str;
  size_t run = 0, i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t k = c < 0x80 ? 1 : utf8_seq(s + i, n - i);
    int ok = k && ((c >= 0x20 && c != 0x7f) || (lines && c == '\n'));
    if (ok && k > 1 && hidden_cp(utf8_cp(s + i, k))) ok = 0;
    if (ok) {
      i += k;
      continue;
    }
    sbuf_put(b, s + run, i - run);
    if (c == '\n') sbuf_puts(b, "\\n");
    else if (c == '\t') sbuf_puts(b, "\\t");
    else if (c == '\r') sbuf_puts(b, "\\r");
    else if (k > 1) sbuf_printf(b, "\\u%04x", (unsigned)utf8_cp(s + i, k));
    else sbuf_printf(b, "\\x%02x", c), k = 1;
    i += k;
    run = i;
  }
  sbuf_put(b, s + run, n - run);
}

void cli_say(const char *fmt, ...) {
  sbuf raw = {0}, m = {0};
  va_list ap;
  va_start(ap, fmt);
  sbuf_vprintf(&raw, fmt, ap);
  va_end(ap);
  sbuf_puts(&m, "clipclean: ");
  sbuf_put_printable(&m, raw.data ? raw.data : "", raw.len, 0);
  sbuf_putc(&m, '\n');
  ssize_t w = write(2, m.data, m.len);
  (void)w;
  sbuf_free(&raw);
  sbuf_free(&m);
}
