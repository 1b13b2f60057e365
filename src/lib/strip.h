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
 * declared charset, the JSON-LD blocks (kept for metadata), and where
 * streamed segments go (segments.h: their slots stay as empty <wbr>s).
 * Everything it returns is allocated in the caller's arena.
 *
 * It also bounds the tree structure the parser will see (see
 * docs/hostile-input.md): gumbo-parser 0.10.1 spends time proportional to
 * the depth of its stack of open elements, and to its list of active
 * formatting elements, on most tokens, so a page of 100,000 nested <div>s
 * takes minutes. The pass keeps a small model of both (start tags push,
 * end tags pop to their element, the common implied end tags are
 * applied), and once the model is as deep as the bound, it drops further
 * start tags and their matching end tags, keeping their text: structure
 * beyond the bound is flattened, as the DOM would flatten it at max_depth
 * anyway. Tags with more attributes than the bound are cut (gumbo checks
 * each new attribute against all earlier ones).
 */
#ifndef CC_STRIP_H
#define CC_STRIP_H

#include <stddef.h>

#include "arena.h"
#include "segments.h"

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
  char *meta_charset;   /* first known <meta charset>/http-equiv label, or NULL */
  char *xml_encoding;   /* encoding="" of an <?xml ?> declaration, or NULL */
  size_t removed_bytes; /* how much was dropped (for explain/bench) */
  size_t start_tags;    /* start tags passed on to the parser */
  size_t est_nodes;     /* the tree's size as the model sees it: start tags,
                           text runs, and the formatting elements the parser
                           re-creates (an estimate, for refusing early) */
  size_t flattened;     /* start tags dropped by the depth/formatting bounds */
  size_t attrs_cut;     /* tags whose attribute list was cut */
  size_t noscript_bytes; /* bytes inside the <noscript> elements removed */
  cc_segments segments; /* streamed segments' slots and moves (segments.h) */
} cc_strip_result;

/* Bounds on the structure passed to the parser. */
typedef struct cc_strip_limits {
  unsigned max_depth; /* open elements (plus open formatting elements) */
  unsigned max_formatting; /* open formatting elements (b, i, a, font...) */
  unsigned max_attrs; /* attributes per tag */
  unsigned keep_noscript; /* 1: <noscript> tags go, their content is kept
                             as markup (an app shell that serves its
                             content to clients without JavaScript) */
} cc_strip_limits;

#define CC_STRIP_DEFAULT_DEPTH 512u
#define CC_STRIP_DEFAULT_FORMATTING 16u
#define CC_STRIP_DEFAULT_ATTRS 256u
/* Hard ceilings: larger values are clamped. */
#define CC_STRIP_MAX_DEPTH 4096u
#define CC_STRIP_MAX_FORMATTING 256u
#define CC_STRIP_MAX_ATTRS 4096u

/* Never fails: malformed markup is handled as the HTML tokenizer would
 * (an unterminated comment or script runs to the end of the input). */
void cc_strip(cc_arena *a, const char *in, size_t len, cc_strip_result *res);
/* The same with explicit bounds (cc_strip uses the defaults); lim may be
 * NULL; a zero field means its default. */
void cc_strip_bounded(cc_arena *a, const char *in, size_t len,
                      const cc_strip_limits *lim, cc_strip_result *res);

/* Parses the charset out of a Content-Type style value
 * ("text/html; charset=ISO-8859-1"); writes at most cap-1 bytes.
 * Returns 1 when found. */
int cc_charset_from_content_type(const char *v, size_t len, char *out,
                                 size_t cap);

#endif
