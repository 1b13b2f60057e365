/* parse_libxml2.c — the alternative front end: libxml2's HTML parser to
 * cc_dom.
 *
 * libxml2 builds its own xmlDoc with malloc (its allocator is process-wide,
 * so it cannot be pointed at a per-document arena); this file copies what
 * the pipeline keeps — tags, attributes, text — into the arena and frees
 * the xmlDoc before returning, so the result has the same lifetime rules as
 * the gumbo front end. It owns the libxml2 parser options and the fixes
 * that make libxml2's tree look like the one the rest of the pipeline
 * expects:
 *   - depth: libxml2 2.9 stops parsing (xmlHaltParser, the rest of the page
 *     silently dropped) at 256 open elements unless XML_PARSE_HUGE is set;
 *     we set it and apply our own max_depth while converting, flattening
 *     deeper elements into their deepest kept ancestor as parse_gumbo.c
 *     does. Its parser, tree and xmlFreeDoc are iterative (checked with
 *     1,000,000 nested divs on a 512 KiB stack), and so is our walk.
 *   - content after </body> or </html>: libxml2 puts it beside <body> (or
 *     in a second <html> element), where the pipeline, which reads the
 *     body, would never see it; HTML5 moves it into the body, and so do we.
 *   - invalid UTF-8: libxml2 passes stray bytes through when told the input
 *     is UTF-8; we replace each with U+FFFD as the HTML5 tokenizer would.
 *   - HTML5 void elements libxml2 2.9 does not know (wbr, source, track,
 *     embed) would swallow the content after them; it is hoisted out.
 *   - foreign content: libxml2 has no namespaces, so inside <svg>/<math>
 *     every element is CC_TAG_OTHER (as gumbo's SVG/MathML namespaces map),
 *     except below the HTML integration points (foreignObject, desc, title,
 *     mi, mo, mn, ms, mtext, annotation-xml).
 * Differences left as they are (libxml2 2.9 predates HTML5; test_parse.c
 * pins each): no implied <tbody>; no adoption agency for misnested
 * formatting ('<b>1<i>2</b>3</i>' leaves 3 plain); <p> is not closed by
 * HTML5-only blocks (<section>, <article>...) and <h2> nests in an open
 * <h1>, while a <p> start closes an open heading; bare text gets an
 * implied <p>; legacy entities without ';' (&amp x) stay literal; a
 * namespace prefix is dropped (<o:p> is a <p>); <div/> is an empty div;
 * <title> and <textarea> content is parsed as markup; a NUL byte becomes a
 * space; boolean attributes get their own name as value (checked=checked).
 * On the AEB pages these change no extracted text (bench/speed --compare).
 * libxml2's global state is initialised once (pthread_once); each call
 * uses its own parser context, so threads do not share parse state.
 */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../include/clipclean.h"
#include "parse.h"
#include "oom.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml2(void) { xmlInitParser(); }

/* RECOVER: never give up on broken markup. NOERROR/NOWARNING: no reports
 * to stderr. NONET: no fetching. COMPACT: smaller text nodes. NODEFDTD:
 * no default doctype node we would skip anyway. IGNORE_ENC: the input is
 * UTF-8 already (converted by charset.c); a <meta charset> must not make
 * libxml2 convert it again. HUGE: lifts the 256-level depth limit that
 * otherwise halts the parser and drops the rest of the page. Not NOBLANKS:
 * whitespace text matters in <pre> and between inline elements. */
#define LX_OPTIONS                                                        \
  (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |       \
   HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD |          \
   HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE)

/* ---- UTF-8 clean copies into the arena ------------------------------- */

/* Length of the valid UTF-8 sequence at u (at most e - u bytes), 0 when
 * the byte at u does not start one. */
static size_t utf8_seq(const unsigned char *u, const unsigned char *e) {
  unsigned char c = u[0];
  size_t n = (size_t)(e - u);
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return n >= 2 && (u[1] & 0xc0) == 0x80 ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (n < 3 || (u[1] & 0xc0) != 0x80 || (u[2] & 0xc0) != 0x80) return 0;
    if (c == 0xe0 && u[1] < 0xa0) return 0; /* overlong */
    if (c == 0xed && u[1] > 0x9f) return 0; /* surrogate */
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (n < 4 || (u[1] & 0xc0) != 0x80 || (u[2] & 0xc0) != 0x80 ||
        (u[3] & 0xc0) != 0x80)
      return 0;
    if (c == 0xf0 && u[1] < 0x90) return 0; /* overlong */
    if (c == 0xf4 && u[1] > 0x8f) return 0; /* above U+10FFFF */
    return 4;
  }
  return 0;
}

/* Length of the valid UTF-8 prefix of u[0..len): words of ASCII at a
 * time, then sequence by sequence. */
static size_t utf8_valid_prefix(const unsigned char *u, size_t len) {
  const unsigned char *p = u, *e = u + len;
  for (;;) {
    while (e - p >= 8) {
      uint64_t w;
      memcpy(&w, p, 8);
      if (w & 0x8080808080808080ull) break;
      p += 8;
    }
    while (p < e && *p < 0x80) p++;
    if (p == e) return len;
    size_t k = utf8_seq(p, e);
    if (!k) return (size_t)(p - u);
    p += k;
  }
}

/* A NUL-terminated arena copy of s[0..len) with every byte that does not
 * start a valid UTF-8 sequence replaced by U+FFFD; `valid` is the length
 * of s's valid prefix (from utf8_valid_prefix). */
static char *copy_utf8_from(cc_arena *a, const char *s, size_t len, size_t valid,
                            size_t *outlen) {
  const unsigned char *u = (const unsigned char *)s, *e = u + len;
  const unsigned char *p = u + valid;
  size_t k;
  if (p == e) {
    *outlen = len;
    return cc_arena_strndup(a, s, len);
  }
  char *out = cc_arena_alloc(a, len * 3 + 1), *o = out;
  memcpy(o, s, (size_t)(p - u));
  o += p - u;
  while (p < e) {
    k = utf8_seq(p, e);
    if (k) {
      memcpy(o, p, k);
      o += k;
      p += k;
    } else {
      memcpy(o, "\xef\xbf\xbd", 3);
      o += 3;
      p++;
    }
  }
  *o = '\0';
  *outlen = (size_t)(o - out);
  return out;
}

static char *copy_utf8(cc_arena *a, const char *s, size_t len, size_t *outlen) {
  return copy_utf8_from(a, s, len, utf8_valid_prefix((const unsigned char *)s, len), outlen);
}

/* ---- per-document caches keyed by libxml2's interned names ---------- */

/* Element and attribute names come from the parser's dictionary, so one
 * pointer stands for one name for the whole parse: a small open-addressing
 * table maps it to our tag, or to the lowercased arena copy of an
 * attribute name, without a string compare per node. A full table just
 * falls back to the slow path. */
#define NCACHE 512
typedef struct name_cache {
  const xmlChar *key[NCACHE];
  const char *copy[NCACHE]; /* attribute names */
  unsigned char tag[NCACHE]; /* element names */
} name_cache;

static inline unsigned slot_of(const xmlChar *p) {
  uintptr_t h = (uintptr_t)p;
  h ^= h >> 17;
  h *= 0x9e3779b1u;
  return (unsigned)(h >> 7) & (NCACHE - 1);
}

static int cache_find(const name_cache *c, const xmlChar *k, unsigned *slot) {
  unsigned s = slot_of(k);
  for (unsigned i = 0; i < 8; i++, s = (s + 1) & (NCACHE - 1)) {
    if (c->key[s] == k) {
      *slot = s;
      return 1;
    }
    if (!c->key[s]) {
      *slot = s;
      return 0;
    }
  }
  *slot = NCACHE; /* no room nearby: do not cache */
  return 0;
}

static cc_tag tag_of(name_cache *c, const xmlChar *name) {
  unsigned s;
  if (cache_find(c, name, &s)) return (cc_tag)c->tag[s];
  cc_tag t = cc_tag_lookup((const char *)name, strlen((const char *)name));
  if (s < NCACHE) {
    c->key[s] = name;
    c->tag[s] = (unsigned char)t;
  }
  return t;
}

static const char *attr_name(name_cache *c, cc_arena *a, const xmlAttr *at) {
  /* A namespaced attribute (xml:lang) keeps its prefix, as in the source. */
  const char *pre = at->ns && at->ns->prefix ? (const char *)at->ns->prefix : NULL;
  unsigned s = NCACHE;
  if (!pre && cache_find(c, at->name, &s)) return c->copy[s];
  size_t pl = pre ? strlen(pre) + 1 : 0, nl = strlen((const char *)at->name);
  char *o = cc_arena_alloc(a, pl + nl + 1);
  if (pre) {
    memcpy(o, pre, pl - 1);
    o[pl - 1] = ':';
  }
  memcpy(o + pl, at->name, nl + 1);
  for (char *q = o; *q; q++)
    if (*q >= 'A' && *q <= 'Z') *q = (char)(*q | 0x20);
  if (s < NCACHE) {
    c->key[s] = at->name;
    c->copy[s] = o;
  }
  return o;
}

/* ---- conversion -------------------------------------------------------- */

static int is_name(const xmlChar *n, const char *lit) {
  return strcmp((const char *)n, lit) == 0;
}

/* Children of these svg/MathML elements are HTML again (HTML5 "HTML
 * integration points" and "MathML text integration points"). */
static int integration_point(const xmlChar *n) {
  switch (n[0]) {
  case 'f': return is_name(n, "foreignobject");
  case 'd': return is_name(n, "desc");
  case 't': return is_name(n, "title");
  case 'm':
    return is_name(n, "mi") || is_name(n, "mo") || is_name(n, "mn") ||
           is_name(n, "ms") || is_name(n, "mtext");
  case 'a': return is_name(n, "annotation-xml");
  }
  return 0;
}

/* Input is valid UTF-8 by the time libxml2 sees it, so its strings should
 * be too; copying through copy_utf8 costs one scan and guarantees it. */
static const char *copy_str(cc_arena *a, const char *s) {
  size_t l;
  return copy_utf8(a, s, strlen(s), &l);
}

static void set_attrs(cc_dom *d, name_cache *nc, cc_node *n, const xmlNode *x) {
  unsigned na = 0;
  for (const xmlAttr *at = x->properties; at && na < 0xffff; at = at->next) na++;
  if (!na) return;
  cc_attr *out = cc_arena_alloc(d->arena, na * sizeof *out);
  unsigned i = 0;
  for (const xmlAttr *at = x->properties; at && i < na; at = at->next, i++) {
    out[i].name = attr_name(nc, d->arena, at);
    const xmlNode *v = at->children;
    if (!v)
      out[i].value = "";
    else if (v->type == XML_TEXT_NODE && !v->next && v->content)
      out[i].value = copy_str(d->arena, (const char *)v->content);
    else {
      xmlChar *s = xmlNodeListGetString(x->doc, v, 1);
      out[i].value = s ? copy_str(d->arena, (const char *)s) : "";
      xmlFree(s);
    }
  }
  n->attrs = out;
  n->nattrs = (uint16_t)na;
}

/* Appends a copy of text node x to p (nothing for empty text). */
static void add_text(cc_dom *d, cc_node *p, const xmlNode *x) {
  const char *s = x->content ? (const char *)x->content : "";
  size_t l = strlen(s);
  /* HTML5 drops a newline right after <pre> and <listing>; libxml2 keeps
   * it, which would add an empty first line to every code block. */
  if (l && s[0] == '\n' && !p->first && (p->tag == CC_TAG_PRE || p->tag == CC_TAG_LISTING) &&
      p->type == CC_NODE_ELEMENT) {
    s++;
    l--;
  }
  if (!l) return;
  cc_node *n = cc_dom_new_node(d, CC_NODE_TEXT);
  size_t ol;
  n->text = copy_utf8(d->arena, s, l, &ol);
  n->len = ol > UINT32_MAX ? UINT32_MAX : (uint32_t)ol;
  cc_dom_append(p, n);
}

/* The walk's state. `parent` receives the current element's children and
 * sits at `depth` in our tree (the document is 0). Elements deeper than
 * max_depth get no node and are counted in `flat` (always the innermost
 * levels), so leaving one only decrements it. Void elements get a node
 * but their libxml2 children go to their parent (see enter()).
 *
 * Content libxml2 leaves outside the body — children of the document after
 * the root element, children of <html> after </body>, and everything in a
 * second <html> there — is moved into the body: such an element gets a
 * node under the body, or none at all when it is itself html/head/body
 * ("transparent": its children are moved in turn). For these and for void
 * elements the state to restore when leaving them is kept in a `saved` record hung on the
 * libxml2 node's _private field (ours to use; the xmlDoc is ours and freed
 * right after), which is how leave() tells these apart. */
typedef struct saved {
  cc_node *parent;
  unsigned depth;
  int transparent;
} saved;

typedef struct walk {
  cc_dom *d;
  name_cache nc; /* element names -> tags */
  name_cache ac; /* attribute names -> arena copies */
  cc_node *parent;
  unsigned depth, flat;
  unsigned lvl;            /* libxml2 depth of the current container */
  const xmlNode *html_x;   /* the root element, once converted */
  cc_node *html, *body;    /* our nodes for it and its first body */
  const xmlNode *body_x;
  int after_body;          /* that body has been closed */
  /* foreign-content switches: the descendants of the element at libxml2
   * level sw_lvl[i] are foreign (sw_foreign[i] = 1) or HTML (0) */
  unsigned sw_lvl[64];
  unsigned char sw_foreign[64];
  unsigned nsw;
} walk;

/* Where moved content goes: the body, else the root element. */
static cc_node *target(const walk *w, unsigned *depth) {
  if (w->body) {
    *depth = 2;
    return w->body;
  }
  *depth = w->html ? 1 : 0;
  return w->html ? w->html : w->d->root;
}

/* 1 when children of container g are to be moved into the body. */
static int moving(const walk *w, const xmlNode *g) {
  if (!w->html) return 0;
  if (g->type == XML_DOCUMENT_NODE || g->type == XML_HTML_DOCUMENT_NODE) return 1;
  if (g == w->html_x) return w->after_body;
  return g->_private && ((const saved *)g->_private)->transparent;
}

/* Tag of an element entering at libxml2 level `lvl`; pushes a mode switch
 * when its children change between HTML and foreign content. */
static cc_tag element_tag(walk *w, const xmlNode *x, unsigned lvl) {
  int foreign = w->nsw && w->sw_foreign[w->nsw - 1];
  cc_tag t;
  int push = -1;
  if (!foreign) {
    t = tag_of(&w->nc, x->name);
    if (t == CC_TAG_SVG || t == CC_TAG_MATH) push = 1;
  } else {
    t = is_name(x->name, "svg")    ? CC_TAG_SVG
        : is_name(x->name, "math") ? CC_TAG_MATH
                                   : CC_TAG_OTHER;
    if (integration_point(x->name)) push = 0;
  }
  if (push >= 0 && w->nsw < sizeof w->sw_lvl / sizeof w->sw_lvl[0]) {
    w->sw_lvl[w->nsw] = lvl;
    w->sw_foreign[w->nsw] = (unsigned char)push;
    w->nsw++;
  }
  return t;
}

static cc_node *element_node(walk *w, const xmlNode *x, cc_tag t, cc_node *parent) {
  cc_node *n = cc_dom_new_node(w->d, CC_NODE_ELEMENT);
  n->tag = (uint8_t)t;
  set_attrs(w->d, &w->ac, n, x);
  cc_dom_append(parent, n);
  return n;
}

/* Enters element x, a child of container g. */
static void enter(walk *w, xmlNode *x, const xmlNode *g, unsigned max_depth) {
  w->lvl++;
  cc_tag t = element_tag(w, x, w->lvl);
  if (w->flat || w->depth >= max_depth) {
    w->flat++;
    return;
  }
  int move = moving(w, g);
  /* libxml2 2.9 predates HTML5's void elements wbr, source, track and
   * embed, and gives them the content that follows them; HTML5 has none,
   * so their children are hoisted to follow them in their parent. */
  int is_void = (cc_tag_class(t) & CC_TC_VOID) != 0;
  if (move || is_void) {
    saved *s = cc_arena_alloc(w->d->arena, sizeof *s);
    s->parent = w->parent;
    s->depth = w->depth;
    s->transparent = move && (t == CC_TAG_HTML || t == CC_TAG_HEAD || t == CC_TAG_BODY);
    x->_private = s;
    if (move) w->parent = target(w, &w->depth);
    if (!s->transparent && w->depth < max_depth) {
      cc_node *n = element_node(w, x, t, w->parent);
      if (!is_void) {
        w->parent = n;
        w->depth++;
      }
    }
    /* a moved element at max_depth is flattened into the target; its
     * children see depth >= max_depth and are flattened too */
    return;
  }
  w->parent = element_node(w, x, t, w->parent);
  w->depth++;
  if (!w->html_x && (g->type == XML_DOCUMENT_NODE || g->type == XML_HTML_DOCUMENT_NODE)) {
    w->html_x = x;
    w->html = w->parent;
  } else if (g == w->html_x && t == CC_TAG_BODY && !w->body) {
    w->body = w->parent;
    w->body_x = x;
  }
}

/* Leaves element x. */
static void leave(walk *w, const xmlNode *x) {
  if (w->nsw && w->sw_lvl[w->nsw - 1] == w->lvl) w->nsw--;
  w->lvl--;
  if (x->_private) {
    const saved *s = x->_private;
    w->parent = s->parent;
    w->depth = s->depth;
  } else if (w->flat) {
    w->flat--;
  } else {
    w->parent = w->parent->parent;
    w->depth--;
  }
  if (x == w->body_x) w->after_body = 1;
}

static int convert(walk *w, xmlDoc *doc, const cc_parse_limits *lim, char *err) {
  cc_dom *d = w->d;
  size_t count = 1;
  w->parent = d->root;
  xmlNode *g = (xmlNode *)doc; /* current container */
  xmlNode *c = doc->children;  /* next child of g to visit */
  for (;;) {
    if (c) {
      int is_el = c->type == XML_ELEMENT_NODE;
      int is_text = c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE;
      if (!is_el && !is_text) { /* comments, PIs, doctype, entity refs */
        c = c->next;
        continue;
      }
      if (++count > lim->max_nodes) {
        snprintf(err, 256, "document has more than %zu nodes", lim->max_nodes);
        return CC_ERR_TOO_LARGE;
      }
      if (is_text) {
        cc_node *p = w->parent;
        if (!w->flat && moving(w, g)) {
          unsigned td;
          p = target(w, &td);
        }
        add_text(d, p, c);
        c = c->next;
        continue;
      }
      enter(w, c, g, lim->max_depth);
      g = c;
      c = c->children;
      continue;
    }
    if (g == (xmlNode *)doc) break;
    leave(w, g);
    c = g->next;
    g = g->parent;
  }
  return 0;
}

/* Gives the root element the head and body every HTML5 parse has: libxml2
 * only makes a head for head content, and no html at all for an input of
 * nothing but whitespace or comments. */
static void add_implied(cc_dom *d, unsigned max_depth) {
  if (max_depth < 2) return;
  cc_node *html = d->root->first;
  while (html && html->type != CC_NODE_ELEMENT) html = html->next;
  if (!html) {
    html = cc_dom_new_node(d, CC_NODE_ELEMENT);
    html->tag = CC_TAG_HTML;
    cc_dom_append(d->root, html);
  }
  if (html->tag != CC_TAG_HTML) return;
  int has_head = 0, has_body = 0;
  for (cc_node *c = html->first; c; c = c->next) {
    has_head |= cc_node_is(c, CC_TAG_HEAD);
    has_body |= cc_node_is(c, CC_TAG_BODY) || cc_node_is(c, CC_TAG_FRAMESET);
  }
  if (!has_head) {
    cc_node *head = cc_dom_new_node(d, CC_NODE_ELEMENT);
    head->tag = CC_TAG_HEAD;
    head->parent = html;
    head->next = html->first;
    if (html->first)
      html->first->prev = head;
    else
      html->last = head;
    html->first = head;
  }
  if (!has_body) {
    cc_node *body = cc_dom_new_node(d, CC_NODE_ELEMENT);
    body->tag = CC_TAG_BODY;
    cc_dom_append(html, body);
  }
}

static void free_ctxt(void *c) { htmlFreeParserCtxt(c); }

/* libxml2 reports some failures (out of memory, mostly) through its
 * generic error function whatever the parse options say; the library
 * prints nothing, so it is silenced during our parse and then given back
 * (it is the application's, per thread). */
static void quiet(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}
static void free_doc(void *doc) { xmlFreeDoc(doc); }

int cc_parse_libxml2(cc_arena *a, const char *utf8, size_t len,
                     const cc_parse_limits *lim, cc_dom *d, char *err) {
  pthread_once(&init_once, init_libxml2);
  memset(d, 0, sizeof *d);
  d->arena = a;
  if (len > INT_MAX) {
    snprintf(err, 256, "input of %zu bytes is too large for libxml2", len);
    return CC_ERR_TOO_LARGE;
  }
  xmlDocPtr doc = NULL;
  if (len) { /* libxml2 returns no document for an empty input */
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) cc_oom();
    /* libxml2's memory is its own: freed if one of our allocations fails */
    void *cleanup = cc_guard_on_fail(free_ctxt, ctxt);
    /* Invalid UTF-8 is replaced before parsing: libxml2 would pass stray
     * bytes through in text but read them as Latin-1 in attribute values. */
    size_t valid = utf8_valid_prefix((const unsigned char *)utf8, len);
    if (valid < len) {
      utf8 = copy_utf8_from(a, utf8, len, valid, &len);
    }
    cc_guard_cancel(cleanup);
    if (len > INT_MAX) {
      htmlFreeParserCtxt(ctxt);
      snprintf(err, 256, "input is too large for libxml2");
      return CC_ERR_TOO_LARGE;
    }
    xmlGenericErrorFunc app_error = xmlGenericError;
    void *app_context = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet);
    doc = htmlCtxtReadMemory(ctxt, utf8, (int)len, NULL, "UTF-8", LX_OPTIONS);
    xmlSetGenericErrorFunc(app_context, app_error);
    int oom = ctxt->errNo == XML_ERR_NO_MEMORY;
    htmlFreeParserCtxt(ctxt);
    if (oom) {
      xmlFreeDoc(doc);
      cc_oom();
    }
  }
  void *cleanup = doc ? cc_guard_on_fail(free_doc, doc) : NULL;
  d->root = cc_dom_new_node(d, CC_NODE_DOCUMENT);
  walk *w = cc_arena_calloc(a, sizeof *w); /* ~17 KiB of caches: not on the stack */
  w->d = d;
  int rc = doc ? convert(w, doc, lim, err) : 0;
  cc_guard_cancel(cleanup);
  xmlFreeDoc(doc);
  if (rc) return rc;
  add_implied(d, lim->max_depth);
  cc_dom_finish(d);
  return 0;
}
