/* mhtml.h — reading a saved web page archive (MHTML, RFC 2557, as Chrome's
 * "Save as single file" writes it): find the page's text/html part, undo
 * its Content-Transfer-Encoding, and report its charset and URL. */
#ifndef CCCLI_MHTML_H
#define CCCLI_MHTML_H

#include <stddef.h>

/* 1 when the bytes start with a MIME header block whose Content-Type is
 * multipart (or which declares MIME-Version and a text/html type): an
 * MHTML archive whatever the file is named. */
int mhtml_sniff(const char *data, size_t len);

typedef struct mhtml_page {
  char *html;   /* the decoded page (malloc'd, NUL-terminated) */
  size_t len;
  char *charset; /* the part's charset parameter, or NULL (malloc'd) */
  char *url;     /* Content-Location of the part, else the archive's
                    Snapshot-Content-Location/Content-Location, or NULL */
} mhtml_page;

/* Extracts the first text/html part (searching nested multiparts). Refuses
 * decoded pages over `max` bytes. Returns 0, or -1 with a message. */
int mhtml_extract(const char *data, size_t len, size_t max, mhtml_page *out,
                  char *err, size_t errcap);
void mhtml_page_free(mhtml_page *p);

/* The two transfer decodings, exposed for tests. Both append to a malloc'd
 * buffer they return (NUL-terminated), never fail on bad input (invalid
 * sequences are kept literally for quoted-printable, skipped for base64). */
char *mhtml_decode_qp(const char *s, size_t n, size_t *outlen);
char *mhtml_decode_base64(const char *s, size_t n, size_t *outlen);

#endif
