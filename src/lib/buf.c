/* buf.c — growable byte buffer, bounded and drained (see buf.h). */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"

/* Bytes that may still be appended under the limit (SIZE_MAX: no limit). */
static size_t room_left(const cc_buf *b) {
  if (!b->limit) return (size_t)-1;
  size_t used = b->drained + b->len;
  return used >= b->limit ? 0 : b->limit - used;
}

/* Capacity for len + extra + 1 (the NUL), capped by the limit. */
static void grow(cc_buf *b, size_t extra) {
  size_t left = room_left(b);
  if (extra > left) extra = left;
  if (b->cap - b->len > extra) return;
  if (extra > ((size_t)-1) / 2 - b->len) cc_oom();
  size_t need = b->len + extra + 1, cap = b->cap ? b->cap : 256;
  while (cap < need) cap *= 2;
  /* a bounded buffer never holds much more than it may write */
  if (b->limit && cap > need && cap - need > left - extra) cap = need + (left - extra);
  b->data = cc_realloc(b->data, cap);
  b->cap = cap;
}

int cc_buf_reserve(cc_buf *b, size_t extra) {
  grow(b, extra);
  return extra <= room_left(b) ? 0 : -1;
}

int cc_buf_room(cc_buf *b, size_t extra) {
  if (b->stop) return 0;
  if (extra > room_left(b)) {
    b->stop = CC_BUF_OVER;
    return 0;
  }
  grow(b, extra);
  return 1;
}

void cc_buf_put(cc_buf *b, const char *s, size_t n) {
  if (!cc_buf_room(b, n)) return;
  if (n) memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void cc_buf_puts(cc_buf *b, const char *s) { cc_buf_put(b, s, strlen(s)); }

void cc_buf_putc(cc_buf *b, char c) {
  if (b->cap - b->len <= 1 || b->limit || b->stop) {
    cc_buf_put(b, &c, 1);
    return;
  }
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}

void cc_buf_vprintf(cc_buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  char tmp[256];
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  if (n < 0) {
    va_end(ap2);
    return;
  }
  if ((size_t)n < sizeof tmp) {
    cc_buf_put(b, tmp, (size_t)n);
  } else if (cc_buf_room(b, (size_t)n)) {
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    b->len += (size_t)n;
  }
  va_end(ap2);
}

void cc_buf_printf(cc_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cc_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

void cc_buf_rtrim(cc_buf *b, const char *chars) {
  while (b->len && strchr(chars, b->data[b->len - 1])) b->len--;
  if (b->data) b->data[b->len] = '\0';
}

void cc_buf_clear(cc_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

void cc_buf_free(cc_buf *b) {
  cc_mfree(b->data);
  memset(b, 0, sizeof *b);
}

char *cc_buf_detach(cc_buf *b, size_t *len) {
  char *d = b->data;
  if (!d) {
    d = cc_malloc(1);
    d[0] = '\0';
  }
  if (len) *len = b->len;
  b->data = NULL;
  b->len = b->cap = 0;
  return d;
}

/* Hands data[0..n) to the sink and keeps the rest at the front. */
static int hand_over(cc_buf *b, size_t n) {
  if (!n || b->stop) return b->stop;
  if (b->sink(b->data, n, b->sink_ud) != 0) {
    b->stop = CC_BUF_SINK;
    return b->stop;
  }
  memmove(b->data, b->data + n, b->len - n + 1);
  b->len -= n;
  b->drained += n;
  return 0;
}

#define TAIL 64

int cc_buf_drain(cc_buf *b) {
  if (b->stop || !b->sink || b->len < CC_BUF_DRAIN_AT) return b->stop;
  /* keep the trailing whitespace and TAIL bytes before it */
  size_t k = b->len;
  while (k && (b->data[k - 1] == ' ' || b->data[k - 1] == '\n')) k--;
  k = k > TAIL ? k - TAIL : 0;
  return hand_over(b, k);
}

int cc_buf_finish(cc_buf *b) {
  if (!b->sink) return b->stop;
  return hand_over(b, b->len);
}
