/* buf.h — a growable byte buffer (malloc-backed, always NUL-terminated).
 *
 * The owner of a cc_buf frees it with cc_buf_free(), or takes its memory
 * with cc_buf_detach() (then frees that with free()).
 */
#ifndef CC_BUF_H
#define CC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cc_buf {
  char *data; /* NUL-terminated when len > 0 or after any append */
  size_t len;
  size_t cap;
} cc_buf;

#define CC_BUF_INIT {NULL, 0, 0}

void cc_buf_reserve(cc_buf *b, size_t extra);
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

#endif
