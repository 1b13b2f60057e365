/* parse.h — HTML front ends: UTF-8 bytes in, a cc_dom out.
 *
 * Both front ends allocate everything (their own parse tree included) in
 * the arena passed in, so the tree is freed with the document.
 * (libxml2's allocator is process-wide, so its xmlDoc is malloc'd: the
 * libxml2 front end copies what it keeps into the arena and frees the
 * xmlDoc before returning, which leaves the same lifetime rule.)
 */
#ifndef CC_PARSE_H
#define CC_PARSE_H

#include "dom.h"

typedef struct cc_parse_limits {
  size_t max_nodes;   /* fail with CC_ERR_TOO_LARGE beyond this */
  unsigned max_depth; /* deeper elements are flattened into their ancestor */
} cc_parse_limits;

/* Nanoseconds on CLOCK_MONOTONIC (for deadlines). */
uint64_t cc_now_ns(void);

/* Returns 0 on success, else a cc_status with a message in err (256 B). */
int cc_parse_gumbo(cc_arena *a, const char *utf8, size_t len,
                   const cc_parse_limits *lim, cc_dom *out, char *err);
/* The same, failing with CC_ERR_TIMEOUT once CLOCK_MONOTONIC passes
 * deadline_ns (0 = none; see cc_now_ns). */
int cc_parse_gumbo_until(cc_arena *a, const char *utf8, size_t len,
                         const cc_parse_limits *lim, uint64_t deadline_ns,
                         cc_dom *out, char *err);
/* The conversion step alone: gumbo's tree (`out`, whose strings the nodes
 * point into, so it must live as long as the cc_dom: parse it into the
 * same arena) to a cc_dom, with the same limits and deadline. */
struct GumboInternalOutput;
int cc_dom_from_gumbo(cc_arena *a, const struct GumboInternalOutput *out,
                      const cc_parse_limits *lim, uint64_t deadline_ns, cc_dom *d,
                      char *err);
int cc_parse_libxml2(cc_arena *a, const char *utf8, size_t len,
                     const cc_parse_limits *lim, cc_dom *out, char *err);

#endif
