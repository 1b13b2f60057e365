/* parse_gumbo.c — the default front end: gumbo-parser (HTML5) to cc_dom.
 *
 * gumbo allocates through our arena (its deallocator is a no-op), which
 * is faster than malloc/free for its many small nodes and lets us point
 * our nodes at gumbo's strings instead of copying them. The conversion is
 * an iterative walk over gumbo's parent/index links, so depth does not
 * touch the C stack; it checks the node limit on every node and the
 * deadline every 64K nodes. (gumbo itself cannot be interrupted: the
 * pre-pass bounds what it is given, see strip.h.)
 */
#include <gumbo.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../../include/clipclean.h"
#include "parse.h"

static unsigned char gumbo_to_cc[GUMBO_TAG_LAST + 1];
static pthread_once_t map_once = PTHREAD_ONCE_INIT;

static void build_map(void) {
  for (int i = 0; i < GUMBO_TAG_LAST; i++) {
    const char *name = gumbo_normalized_tagname((GumboTag)i);
    gumbo_to_cc[i] = name && *name ? (unsigned char)cc_tag_lookup(name, strlen(name))
                                   : CC_TAG_OTHER;
  }
  gumbo_to_cc[GUMBO_TAG_UNKNOWN] = CC_TAG_OTHER;
  gumbo_to_cc[GUMBO_TAG_LAST] = CC_TAG_OTHER;
}

static void *arena_alloc(void *ud, size_t n) { return cc_arena_alloc(ud, n); }
static void arena_dealloc(void *ud, void *p) {
  (void)ud;
  (void)p;
}

static cc_node *convert(cc_dom *d, const GumboNode *g) {
  cc_node *n;
  if (g->type == GUMBO_NODE_ELEMENT) {
    const GumboElement *el = &g->v.element;
    n = cc_dom_new_node(d, CC_NODE_ELEMENT);
    /* Foreign (svg/math) elements share names with HTML ones (a, title,
     * style); only HTML-namespace tags get their HTML meaning. */
    n->tag = el->tag_namespace == GUMBO_NAMESPACE_HTML ? gumbo_to_cc[el->tag]
             : el->tag == GUMBO_TAG_SVG                ? CC_TAG_SVG
             : el->tag == GUMBO_TAG_MATH               ? CC_TAG_MATH
                                                       : CC_TAG_OTHER;
    if (el->tag == GUMBO_TAG_UNKNOWN && el->tag_namespace == GUMBO_NAMESPACE_HTML &&
        el->original_tag.length > 1 && el->original_tag.length < 64) {
      /* tags newer than gumbo 0.10 (dialog, ...) by their source name */
      GumboStringPiece name = el->original_tag;
      gumbo_tag_from_original_text(&name);
      if (name.length) n->tag = (uint8_t)cc_tag_lookup(name.data, name.length);
    }
    unsigned na = el->attributes.length;
    if (na > 0xffff) na = 0xffff;
    if (na) {
      cc_attr *at = cc_arena_alloc(d->arena, na * sizeof *at);
      for (unsigned i = 0; i < na; i++) {
        const GumboAttribute *ga = el->attributes.data[i];
        at[i].name = ga->name;
        at[i].value = ga->value;
      }
      n->attrs = at;
      n->nattrs = (uint16_t)na;
    }
  } else {
    n = cc_dom_new_node(d, CC_NODE_TEXT);
    n->text = g->v.text.text;
    size_t l = strlen(g->v.text.text);
    n->len = l > UINT32_MAX ? UINT32_MAX : (uint32_t)l;
  }
  return n;
}

static const GumboVector *kids(const GumboNode *g) {
  if (g->type == GUMBO_NODE_DOCUMENT) return &g->v.document.children;
  if (g->type == GUMBO_NODE_ELEMENT) return &g->v.element.children;
  return NULL; /* text, comments, and templates (their content is inert) */
}

int cc_parse_gumbo(cc_arena *a, const char *utf8, size_t len,
                   const cc_parse_limits *lim, cc_dom *d, char *err) {
  return cc_parse_gumbo_until(a, utf8, len, lim, 0, d, err);
}

int cc_parse_gumbo_until(cc_arena *a, const char *utf8, size_t len,
                         const cc_parse_limits *lim, uint64_t deadline_ns,
                         cc_dom *d, char *err) {
  memset(d, 0, sizeof *d); /* (empty on failure) */
  GumboOptions opt = kGumboDefaultOptions;
  opt.allocator = arena_alloc;
  opt.deallocator = arena_dealloc;
  opt.userdata = a;
  opt.max_errors = 0; /* we never read parse errors; don't record them */
  GumboOutput *out = gumbo_parse_with_options(&opt, utf8, len);
  if (!out || !out->document) {
    snprintf(err, 256, "the HTML parser failed");
    return CC_ERR_PARSE;
  }
  return cc_dom_from_gumbo(a, out, lim, deadline_ns, d, err);
}

int cc_dom_from_gumbo(cc_arena *a, const GumboOutput *out, const cc_parse_limits *lim,
                      uint64_t deadline_ns, cc_dom *d, char *err) {
  pthread_once(&map_once, build_map);
  memset(d, 0, sizeof *d);
  d->arena = a;
  d->root = cc_dom_new_node(d, CC_NODE_DOCUMENT);

  /* Walk gumbo's tree with its parent/index links. `parent` is the cc
   * node receiving children; elements deeper than max_depth get no node of
   * their own (their content goes to the deepest allowed ancestor) and are
   * counted in `flat`, always the innermost levels. */
  const GumboNode *g = out->document;
  cc_node *parent = d->root;
  unsigned depth = 0, flat = 0, idx = 0;
  size_t count = 1;
  for (;;) {
    const GumboVector *ch = kids(g);
    if (ch && idx < ch->length) {
      const GumboNode *c = ch->data[idx];
      int is_el = c->type == GUMBO_NODE_ELEMENT;
      int is_text = c->type == GUMBO_NODE_TEXT ||
                    c->type == GUMBO_NODE_WHITESPACE ||
                    c->type == GUMBO_NODE_CDATA;
      if (!is_el && !is_text) {
        idx++;
        continue;
      }
      if (++count > lim->max_nodes) {
        snprintf(err, 256, "document has more than %zu nodes", lim->max_nodes);
        return CC_ERR_TOO_LARGE;
      }
      if (deadline_ns && (count & 0xffff) == 0 && cc_now_ns() > deadline_ns) {
        snprintf(err, 256, "the time budget ran out while building the tree");
        return CC_ERR_TIMEOUT;
      }
      if (is_text) {
        cc_dom_append(parent, convert(d, c));
        idx++;
        continue;
      }
      if (depth >= lim->max_depth) {
        flat++;
      } else {
        cc_node *n = convert(d, c);
        cc_dom_append(parent, n);
        parent = n;
        depth++;
      }
      g = c;
      idx = 0;
      continue;
    }
    if (g == out->document) break;
    if (flat)
      flat--;
    else {
      parent = parent->parent;
      depth--;
    }
    idx = (unsigned)g->index_within_parent + 1;
    g = g->parent;
  }
  cc_dom_finish(d);
  return 0;
}
