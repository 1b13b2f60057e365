/* util.h — small helpers shared by the CLI's modules: checked allocation,
 * a growable byte buffer, 64-bit hashing, a set of 64-bit values and a
 * monotonic clock. Nothing here knows about extraction. */
#ifndef CCCLI_UTIL_H
#define CCCLI_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation that cannot fail: on out-of-memory the process prints one line
 * and exits with status 1 (a worker exits with xalloc_failure_status, set
 * when it enters its limits, and the parent reports it). */
extern int xalloc_failure_status;
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable byte buffer; data is NUL-terminated when non-NULL. */
typedef struct sbuf {
  char *data;
  size_t len, cap;
} sbuf;
void sbuf_put(sbuf *b, const void *p, size_t n);
void sbuf_puts(sbuf *b, const char *s);
void sbuf_putc(sbuf *b, char c);
void sbuf_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_vprintf(sbuf *b, const char *fmt, va_list ap);
void sbuf_free(sbuf *b);
/* Hands the data over (never NULL: an empty buffer gives ""). */
char *sbuf_detach(sbuf *b, size_t *len);

/* FNV-1a, 64-bit. */
uint64_t hash64(const void *p, size_t n, uint64_t seed);
#define HASH64_SEED 1469598103934665603ull

/* An open-addressing set of non-zero 64-bit values (0 is mapped to 1). */
typedef struct u64set {
  uint64_t *slot;
  size_t cap, count;
} u64set;
/* Adds v; returns 1 when it was new, 0 when already present. */
int u64set_add(u64set *s, uint64_t v);
int u64set_has(const u64set *s, uint64_t v);
void u64set_free(u64set *s);

/* Seconds on the monotonic clock. */
double now_sec(void);

/* Writes all n bytes to a blocking fd, retrying on EINTR and short writes.
 * Returns 0, or -1 with errno set. */
int write_full(int fd, const void *p, size_t n);

/* The length of the valid UTF-8 sequence at s (1..4), or 0 when invalid
 * (overlong forms, surrogates and code points above U+10FFFF are invalid). */
size_t utf8_seq(const unsigned char *s, size_t n);

/* Appends s[0..n) made safe for a terminal: control characters (C0, DEL,
 * C1), the Unicode formatting characters that reorder or hide text (bidi
 * marks, embeddings, overrides, isolates; U+2028/2029) and bytes that are
 * not UTF-8 become visible escapes (\n, \x1b, \u202e), so an outside
 * string (a file name, a server's header) can neither send escape
 * sequences nor break a line. With `lines`, '\n' is kept as is. */
void sbuf_put_printable(sbuf *b, const char *s, size_t n, int lines);

/* One message on stderr: "clipclean: " + the formatted text made
 * printable (above) + a newline, in one write. */
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
