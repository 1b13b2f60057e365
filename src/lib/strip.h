/* strip.h — the lexical pre-pass that runs before the HTML parser.
 *
 * Most bytes of a modern page sit inside script, style, svg and comments,
 * none of which can hold article text. Tokenizing them is most of an HTML5
 * parser's time, so this pass removes them (with noscript, template,
 * iframe, noembed, noframes and textarea) using only the tokenizer rules
 * needed to find where each ends: tags are scanned attribute by attribute,
 * respecting quotes, so a "<script>" inside an attribute value is not
 * mistaken for a tag. It works on any ASCII-compatible charset, so it runs
 * before charset conversion and reports what it saw on the way: the
 * declared charset and the JSON-LD blocks (kept for metadata).
 * Everything it returns is allocated in the caller's arena.
 */
#ifndef CC_STRIP_H
#define CC_STRIP_H

#include <stddef.h>

#include "arena.h"

typedef struct cc_span {
  const char *p;
  size_t len;
} cc_span;

#define CC_STRIP_MAX_JSONLD 16

typedef struct cc_strip_result {
  char *out;            /* the page without the removed elements */
  size_t len;
  cc_span jsonld[CC_STRIP_MAX_JSONLD]; /* contents of ld+json scripts */
  unsigned njsonld;
  char *meta_charset;   /* first <meta charset>/http-equiv label, or NULL */
  char *xml_encoding;   /* encoding="" of an <?xml ?> declaration, or NULL */
  size_t removed_bytes; /* how much was dropped (for explain/bench) */
} cc_strip_result;

/* Never fails: malformed markup is handled as the HTML tokenizer would
 * (an unterminated comment or script runs to the end of the input). */
void cc_strip(cc_arena *a, const char *in, size_t len, cc_strip_result *res);

/* Parses the charset out of a Content-Type style value
 * ("text/html; charset=ISO-8859-1"); writes at most cap-1 bytes.
 * Returns 1 when found. */
int cc_charset_from_content_type(const char *v, size_t len, char *out,
                                 size_t cap);

#endif
