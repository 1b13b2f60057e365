/* url.h — http(s) URLs as the CLI sees them, without libcurl (so the CLI
 * knows a URL when it sees one even when built without URL support):
 * recognizing one, splitting and checking it, the host key politeness is
 * counted by, the key that spots a URL listed twice, the file name of its
 * output under -O, the form sent on the wire, and the lines of a --urls
 * list. Pure functions over strings; the only state is the caller's.
 *
 * Output names: slug + '-' + 8 hex digits, e.g.
 *   https://www.Example.org/news/2024/Big-Story.html?p=2
 *     → example-org-news-2024-big-story-5c0f31aa
 * The slug is the host (without "www.") and the path (percent-escapes
 * decoded, a trailing .html/.htm/.php/... dropped), lowercased ASCII,
 * every other byte a '-', runs of '-' collapsed, at most 80 characters.
 * The hash is of the URL's key (below), so the name is deterministic, the
 * same page always gets the same file (a resumed batch finds it), and two
 * URLs that differ only in their query still get distinct names. */
#ifndef CCCLI_URL_H
#define CCCLI_URL_H

#include <stddef.h>
#include <stdint.h>

/* 1 when `s` starts with http:// or https:// (any case): an input to fetch. */
int url_is_remote(const char *s);
/* 1 when `s` starts with some "scheme://" (ftp://, file://, ...). */
int url_has_scheme(const char *s);

/* URLs longer than this are refused: no real page has one (servers refuse
 * far shorter), and a window of 1024 URLs stays small. */
#define URL_MAX_LEN 65536

typedef struct url_parts {
  const char *scheme; size_t scheme_len;
  const char *userinfo; size_t userinfo_len; /* before '@', or NULL */
  const char *host; size_t host_len;   /* an IPv6 literal keeps its [] */
  const char *port; size_t port_len;   /* digits, or length 0 */
  const char *path; size_t path_len;   /* from the first '/', maybe empty */
  const char *query; size_t query_len; /* after '?', maybe absent (NULL) */
  int https;
} url_parts;

/* Splits an absolute http(s) URL. Returns 0, or -1 with *why a short
 * static message ("not an http or https URL", "the URL has no host", ...). */
int url_parse(const char *url, url_parts *p, const char **why);

/* The host that politeness limits count by: lowercased, without a trailing
 * dot, without the port (two ports of one machine are one host).
 * Malloc'd; NULL when the URL does not parse. */
char *url_host_key(const char *url);

/* The URL's identity, for spotting duplicates: scheme and host lowercased,
 * a default port dropped, an empty path made "/", the #fragment (never
 * sent to the server) dropped. Malloc'd; NULL when it does not parse. */
char *url_key(const char *url);

/* The output name under -O, without extension (see above). Malloc'd. */
char *url_output_name(const char *url);

/* The URL as sent: bytes outside ASCII after the host percent-encoded
 * (a pasted "https://x.org/café" works). Malloc'd. */
char *url_request_form(const char *url);

/* The URL without its userinfo ("user:password@"), for anything printed or
 * recorded: credentials are used, never shown. Best effort on URLs that do
 * not parse. Malloc'd. */
char *url_without_userinfo(const char *url);

/* 1 when an address is not on the public Internet: loopback, private,
 * link-local, "this network", shared, multicast or reserved (IPv6 too, and
 * IPv4 inside IPv6). family 4 (a: 4 bytes) or 6 (a: 16 bytes). */
int url_addr_internal(int family, const unsigned char *a);

/* One line of a --urls list, modified in place: surrounding white space
 * (and a UTF-8 byte-order mark) trimmed; blank lines and lines starting
 * with '#' skipped; a URL may be followed by white space and a # comment.
 * Returns 0 to skip the line, 1 with *url pointing at the URL inside
 * `line` (NUL-terminated), or -1 with *url at the offending text and *why
 * saying what is wrong with it. */
int url_list_line(char *line, char **url, const char **why);

#endif
