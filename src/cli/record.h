/* record.h — the jsonl record of one input: one JSON object on one line,
 *   {"source":…, "status":"ok"|"empty"|"error", "error":… (errors only),
 *    "final_url":…, "http_status":… (fetched URLs only: the URL after
 *    redirects, null when none answered, and the last response's status,
 *    null when there was none),
 *    "warc_target_uri":…, "warc_date":…, "warc_record_id":…,
 *    "warc_offset":…, "http_status":… (pages of WARC files only; then
 *    "source" is the WARC file),
 *    "title":…, "author":…, "date":…, "published":…, "modified":…,
 *    "site_name":…, "language":…, "url":…, "description":…, "image":…,
 *    "tags":[…], "word_count":…, "clipped":…, "charset":…, "input_kind":…,
 *    "text":…}
 * For a URL, "source" is the URL as given and "url" stays the page's own
 * (canonical) URL, else the final URL. A source that is not UTF-8 (a file
 * name is bytes) has its bad bytes replaced by U+FFFD in "source", and
 * comes whole as "source_hex" (hex digits of its bytes) right after it.
 * Unknown metadata is null. Keys always come in this order, so the same
 * input gives the same bytes. Built by the worker for documents it cleaned
 * and by the parent for inputs that failed before or outside a worker. */
#ifndef CCCLI_RECORD_H
#define CCCLI_RECORD_H

#include "../../include/clipclean.h"
#include "util.h"

/* Appends a JSON string literal; bytes that are not UTF-8 become U+FFFD,
 * so the record is strict JSON whatever the input. */
void json_put_string(sbuf *b, const char *s, size_t n);

/* What the record says of a fetched URL, or of a page read from a WARC
 * file; NULL for files. */
typedef struct record_fetch {
  const char *final_url; /* or NULL */
  long http_status;      /* or 0 */
  const char *extra;     /* a WARC page: its members (",\"warc_...\":..."),
                            written instead of final_url and http_status */
} record_fetch;

/* The clipping time the records of this process give ("clipped", ISO
 * 8601), or NULL for null (--no-clipped). */
void record_set_clipped(const char *iso);

/* The record of a cleaned document (status "ok" or "empty"), newline-ended. */
void record_result(sbuf *b, const char *source, const cc_result *res);
void record_result_fetch(sbuf *b, const char *source, const cc_result *res,
                         const record_fetch *f);
/* The record of a document with no article text at all (status "empty"). */
void record_empty(sbuf *b, const char *source, const record_fetch *f);
/* The record of a failed input, newline-ended. */
void record_error(sbuf *b, const char *source, const char *message);
void record_error_fetch(sbuf *b, const char *source, const char *message,
                        const record_fetch *f);

#endif
