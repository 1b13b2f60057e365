/* buf.c — growable byte buffer (see buf.h). */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cc_buf_reserve(cc_buf *b, size_t extra) {
  if (b->cap - b->len > extra) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap - b->len <= extra) {
    if (cap > ((size_t)-1) / 2) {
      fputs("clipclean: out of memory\n", stderr);
      abort();
    }
    cap *= 2;
  }
  char *d = realloc(b->data, cap);
  if (!d) {
    fputs("clipclean: out of memory\n", stderr);
    abort();
  }
  b->data = d;
  b->cap = cap;
}

void cc_buf_put(cc_buf *b, const char *s, size_t n) {
  cc_buf_reserve(b, n);
  if (n) memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void cc_buf_puts(cc_buf *b, const char *s) { cc_buf_put(b, s, strlen(s)); }

void cc_buf_putc(cc_buf *b, char c) {
  cc_buf_reserve(b, 1);
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
  } else {
    cc_buf_reserve(b, (size_t)n);
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
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

char *cc_buf_detach(cc_buf *b, size_t *len) {
  char *d = b->data;
  if (!d) {
    d = malloc(1);
    if (!d) {
      fputs("clipclean: out of memory\n", stderr);
      abort();
    }
    d[0] = '\0';
  }
  if (len) *len = b->len;
  b->data = NULL;
  b->len = b->cap = 0;
  return d;
}
