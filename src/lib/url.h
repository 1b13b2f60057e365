/* url.h — URL parsing and resolution (RFC 3986), for links, images,
 * canonical URLs and (in the fetch module) redirects. */
#ifndef CC_URL_H
#define CC_URL_H

#include <stddef.h>

#include "arena.h"

/* Resolves `ref` against the absolute URL `base` (which may be NULL).
 * Leading/trailing whitespace in ref is ignored. Returns an absolute URL
 * in the arena, or NULL when ref is empty, a fragment-only reference with
 * no base, or uses a scheme that is not a link to a document or image
 * (javascript:, data:, vbscript:, about:). With no base, a relative ref is
 * returned as given. */
char *cc_url_resolve(cc_arena *a, const char *base, const char *ref);

/* 1 when s is an absolute http(s) URL. */
int cc_url_is_http(const char *s);

/* Copies the host of an absolute URL (lowercased, no port, no "www.")
 * into out; returns 0 when there is none. */
int cc_url_host(const char *url, char *out, size_t cap);

#endif
