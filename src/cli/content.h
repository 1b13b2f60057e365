/* content.h — what an input's bytes are, decided by their content, not by
 * the file's name: gzip (undone first), an MHTML archive (its HTML part is
 * taken), HTML, plain text, or binary (refused). Runs in the worker, on
 * untrusted bytes, before the library sees them. */
#ifndef CCCLI_CONTENT_H
#define CCCLI_CONTENT_H

#include <stddef.h>

typedef enum content_kind {
  CONTENT_HTML,
  CONTENT_TEXT,
  CONTENT_MHTML,
  CONTENT_BINARY
} content_kind;

/* Classifies decompressed bytes. For CONTENT_BINARY, *what (if not NULL)
 * names the format when recognized ("PDF", "PNG", ...) or "binary data". */
content_kind content_sniff(const char *data, size_t len, const char **what);

/* 1 when the bytes start with the gzip magic. */
int content_is_gzip(const char *data, size_t len);

/* Gunzips (concatenated members too), refusing more than `max` bytes of
 * output. Returns 0 and a malloc'd buffer, or -1 with a message. */
int content_gunzip(const char *in, size_t inlen, size_t max, char **out,
                   size_t *outlen, char *err, size_t errcap);

typedef struct content {
  const char *data; /* the document to extract from */
  size_t len;
  content_kind kind;     /* CONTENT_HTML or CONTENT_TEXT after prepare */
  const char *charset;   /* from an MHTML part, or NULL */
  const char *url;       /* from an MHTML archive, or NULL */
  char *owned[3];        /* buffers to free */
} content;

/* Turns raw input bytes into a document: gunzip, sniff, unpack MHTML.
 * Returns 0, or -1 with a message (binary data, corrupt gzip, an MHTML
 * without a page, over `max`). Free with content_free() either way. */
int content_prepare(const char *raw, size_t rawlen, size_t max, content *c,
                    char *err, size_t errcap);
void content_free(content *c);

#endif
