/* buf.h — a growable byte buffer (malloc-backed, always NUL-terminated),
 * optionally bounded and drained into a sink.
 *
 * The owner of a cc_buf frees it with cc_buf_free(), or takes its memory
 * with cc_buf_detach() (then frees that with free()).
 *
 * A renderer writes into a cc_buf that may carry two things more:
 *   - a limit: the bytes written in all (drained ones included) may not
 *     exceed it. An append that would cross it is dropped whole and the
 *     buffer stops (stop = CC_BUF_OVER); every later append is dropped
 *     too. Capacity never grows past the limit, so a bounded rendering
 *     never allocates far past what it may write.
 *   - a sink: at safe points (cc_buf_drain, called by the renderers
 *     between blocks and table rows), what the buffer holds beyond a
 *     small tail is handed to the sink and dropped from memory, so that a
 *     streamed rendering holds one block at a time. The tail (the last
 *     bytes, and any whitespace they end with) stays, because renderers
 *     look back at what they wrote last (a trailing space to trim, the
 *     previous character's class). A sink returning nonzero stops the
 *     buffer (stop = CC_BUF_SINK).
 */
#ifndef CC_BUF_H
#define CC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef int (*cc_buf_sink)(const char *data, size_t len, void *ud);

enum { CC_BUF_OK = 0, CC_BUF_OVER, CC_BUF_SINK };

typedef struct cc_buf {
  char *data; /* NUL-terminated when len > 0 or after any append */
  size_t len;
  size_t cap;
  size_t limit;   /* 0: none; else drained + len never exceeds it */
  size_t drained; /* bytes handed to the sink so far */
  int stop;       /* CC_BUF_OVER or CC_BUF_SINK: appends are dropped */
  cc_buf_sink sink;
  void *sink_ud;
} cc_buf;

#define CC_BUF_INIT {0}

/* Makes room for `extra` more bytes; returns 0, or -1 when the limit
 * leaves less room than that (capacity then grows only to the limit; the
 * buffer does not stop: the call is a hint). */
int cc_buf_reserve(cc_buf *b, size_t extra);
/* For callers that write into data directly: 1 when `extra` bytes more
 * may be written (capacity made), else 0, and the buffer stops. */
int cc_buf_room(cc_buf *b, size_t extra);
void cc_buf_put(cc_buf *b, const char *s, size_t n);
void cc_buf_puts(cc_buf *b, const char *s);
void cc_buf_putc(cc_buf *b, char c);
void cc_buf_printf(cc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cc_buf_vprintf(cc_buf *b, const char *fmt, va_list ap);
/* Drops trailing bytes from the set `chars`. */
void cc_buf_rtrim(cc_buf *b, const char *chars);
void cc_buf_clear(cc_buf *b);
void cc_buf_free(cc_buf *b);
/* Returns the data (never NULL; "" for an empty buffer), leaving b empty. */
char *cc_buf_detach(cc_buf *b, size_t *len);

/* A safe point of a rendering: with a sink, hands what the buffer holds
 * beyond its tail to the sink once that is CC_BUF_DRAIN_AT bytes or more.
 * Returns nonzero when the buffer has stopped (the renderer may give up). */
#define CC_BUF_DRAIN_AT ((size_t)64 << 10)
int cc_buf_drain(cc_buf *b);
/* Hands everything left to the sink (the end of a rendering); returns
 * nonzero when the buffer has stopped. */
int cc_buf_finish(cc_buf *b);

#endif
