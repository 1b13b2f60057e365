/* http.h — the bits of HTTP the fetcher decides on, without libcurl, so
 * they can be tested alone: the Content-Type header (media type, charset,
 * and what we do with such a response), Retry-After (seconds or an
 * HTTP-date), reason phrases for error messages, and sizes as people read
 * them ("20 MiB"). The parent only ever looks at headers: bodies go to the
 * workers untouched. */
#ifndef CCCLI_HTTP_H
#define CCCLI_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Splits a Content-Type value: the media type, lowercased, into type (""
 * when absent), and the charset parameter, unquoted, into charset (""
 * when absent or not a plausible charset name). */
void http_content_type(const char *value, char *type, size_t tcap, char *charset, size_t ccap);

typedef enum http_kind {
  HTTP_KIND_HTML,    /* text/html, application/xhtml+xml */
  HTTP_KIND_TEXT,    /* text/plain, text/markdown: the text cleaner */
  HTTP_KIND_SNIFF,   /* no type, octet-stream, XML, MHTML, gzip: the
                        worker decides by content (and refuses binary) */
  HTTP_KIND_REFUSED  /* anything else: PDF, images, video, JSON... */
} http_kind;

/* What a response of this media type (as http_content_type gives it) is. */
http_kind http_classify(const char *type);

/* A Retry-After value: the seconds to wait from `now` (0 for a date in the
 * past), or -1 when it is neither a number of seconds nor an HTTP-date
 * (IMF-fixdate, RFC 850 or asctime form). */
double http_retry_after(const char *value, time_t now);

/* The standard reason phrase of a status code ("Not Found"), or NULL. */
const char *http_reason(long code);

/* "20 MiB", "512 KiB", "1.5 MiB", "300 bytes". */
void http_format_size(char *buf, size_t cap, uint64_t bytes);

#endif
