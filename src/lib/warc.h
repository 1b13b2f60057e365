/* warc.h — internals of the WARC reader shared by its files: header lines
 * (WARC and HTTP heads share their syntax), the HTTP response head of a
 * response record, undoing its payload's encodings, and what a media type
 * means to an extractor (warc_http.c). The reader itself is warc.c over
 * the byte stream of warc_stream.c. */
#ifndef CC_WARC_H
#define CC_WARC_H

#include <stddef.h>

#include "buf.h"
#include "clipclean.h"

/* The length of a header block at p (up to and including its blank line:
 * CRLF CRLF, or bare LFs), or 0 when its end is not within n bytes. */
size_t cc_hdr_end(const char *p, size_t n);

/* The next line of a header block [*p, end): returns 1 with *p moved past
 * it and, for a "Name: value" line, the name and the value (surrounding
 * blanks trimmed); *nlen is 0 for a line without a colon or a folded
 * continuation line. Returns 0 at the end of the block. */
int cc_hdr_line(const char **p, const char *end, const char **name, size_t *nlen,
                const char **val, size_t *vlen);

/* 1 when a header name equals `want`, ignoring ASCII case. */
int cc_hdr_is(const char *name, size_t n, const char *want);

/* An HTTP response head. Values point into the parsed bytes. */
typedef struct cc_http_head {
  int status;
  size_t len;             /* its bytes, blank line included */
  const char *ctype, *tenc, *cenc; /* Content-Type, Transfer-Encoding,
                                      Content-Encoding values, or NULL */
  size_t ctype_len, tenc_len, cenc_len;
} cc_http_head;

/* Parses the HTTP response head at the start of n bytes; `whole` says the
 * n bytes are the entire block (a head without a blank line then ends
 * there). Returns 0, or -1 when it is no HTTP response (*why says what is
 * wrong). */
int cc_http_head_parse(const char *p, size_t n, int whole, cc_http_head *h,
                       const char **why);

/* Undoes a payload's chunked transfer coding and gzip/deflate content
 * coding, into the buffers when there is anything to undo, producing at
 * most `max` bytes. Sets *out and *outlen (the input itself, or a NUL-ended
 * buffer) and returns CC_OK, or fails with a message in msg. Lenient as
 * browsers are: a body that is not chunked or not compressed after all is
 * taken as it is, and one cut short keeps what could be decoded. */
cc_status cc_http_decode(const cc_http_head *h, const char *in, size_t n,
                         size_t max, cc_buf *b1, cc_buf *b2, const char **out,
                         size_t *outlen, char *msg, size_t cap);

/* What a media type (lowercase, no parameters; "" for none) is to us. */
typedef enum cc_media {
  CC_MEDIA_HTML,  /* text/html, XHTML */
  CC_MEDIA_TEXT,  /* text/plain, Markdown: the text cleaner */
  CC_MEDIA_SNIFF, /* none, octet-stream, XML: decided by the bytes */
  CC_MEDIA_OTHER  /* anything else: images, PDF, scripts, JSON... */
} cc_media;
cc_media cc_media_class(const char *type);

/* Writes the media type of a Content-Type value (lowercased, parameters
 * and blanks removed) into out (cap bytes); "" when none fits. */
void cc_media_type(const char *v, size_t n, char *out, size_t cap);

#endif
