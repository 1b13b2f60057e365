/* page.h — the bytes of a saved page to the document inside them, as
 * cc_extract_page reads them: gzip undone (once, bounded), an MHTML
 * archive unpacked to its HTML part, binary data refused. Everything it
 * returns lives in the caller's arena (or is the input itself).
 */
#ifndef CC_PAGE_H
#define CC_PAGE_H

#include <stddef.h>

#include "../../include/clipclean.h"
#include "arena.h"

/* 1 when the bytes start with the gzip magic. */
int cc_page_is_gzip(const char *data, size_t len);

/* Gunzips (concatenated members too), refusing more than `max` bytes of
 * output. Returns CC_OK and the data (NUL-terminated, in the arena), or
 * CC_ERR_TOO_LARGE / CC_ERR_NOT_HTML with a message. */
cc_status cc_page_gunzip(cc_arena *a, const char *in, size_t inlen, size_t max, char **out,
                         size_t *outlen, char *err, size_t errcap);

typedef struct cc_page {
  const char *data;    /* the document */
  size_t len;
  int mhtml;           /* it came out of an MHTML archive (it is HTML) */
  const char *charset; /* from an MHTML part, or NULL */
  const char *url;     /* from an MHTML archive, or NULL */
} cc_page;

/* Unpacks raw bytes. Returns CC_OK, or a status with a message: binary
 * data ("not a text document (PDF document)"), corrupt gzip, an MHTML
 * archive without a page (CC_ERR_NOT_HTML), over `max` (CC_ERR_TOO_LARGE). */
cc_status cc_page_unpack(cc_arena *a, const char *raw, size_t rawlen, size_t max, cc_page *out,
                         char *err, size_t errcap);

#endif
