/* mhtml.h — reading a saved web page archive (MHTML, RFC 2557, as Chrome's
 * "Save as single file" writes it): find the page's text/html part, undo
 * its Content-Transfer-Encoding, and report its charset and URL. Used by
 * the saved-page reader (page.c); everything it returns lives in the
 * caller's arena.
 */
#ifndef CC_MHTML_H
#define CC_MHTML_H

#include <stddef.h>

#include "arena.h"

/* 1 when the bytes start with a MIME header block whose Content-Type is
 * multipart (or which declares MIME-Version and a text/html type): an
 * MHTML archive whatever the file is named. */
int cc_mhtml_sniff(cc_arena *a, const char *data, size_t len);

typedef struct cc_mhtml_page {
  char *html;    /* the decoded page (NUL-terminated) */
  size_t len;
  char *charset; /* the part's charset parameter, or NULL */
  char *url;     /* Content-Location of the part, else the archive's
                    Snapshot-Content-Location/Content-Location, or NULL */
} cc_mhtml_page;

/* Extracts the first text/html part (searching nested multiparts). Returns
 * 0, or -1 with a message (no page in it), or -2 (the decoded page is over
 * `max` bytes). */
int cc_mhtml_extract(cc_arena *a, const char *data, size_t len, size_t max,
                     cc_mhtml_page *out, char *err, size_t errcap);

/* The two transfer decodings (exposed for tests). Both never fail on bad
 * input (invalid sequences are kept literally for quoted-printable,
 * skipped for base64); the result is NUL-terminated. */
char *cc_mhtml_decode_qp(cc_arena *a, const char *s, size_t n, size_t *outlen);
char *cc_mhtml_decode_base64(cc_arena *a, const char *s, size_t n, size_t *outlen);

#endif
