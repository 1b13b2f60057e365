/* article.c — builds the article tree (ast.h) from the blocks kept.
 *
 * Walks the body once, iteratively, with enter/exit events. Text, images
 * and code are emitted only where ctx->kept says so (decide.c); every
 * element is entered, so the structure around kept text survives, and
 * the blocks left empty are pruned at the end. Block elements open and close AST blocks; inline
 * elements become links, emphasis, code spans and images; text is
 * whitespace-collapsed into the current paragraph, except in <pre> and
 * code spans, which are copied literally. Tables with real data become
 * table nodes; layout tables are walked as plain containers. Images,
 * links and tables are always kept: leaving them out is a rendering's
 * choice (cc_render_options), so one extraction renders several ways.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "article_rich.h"
#include "pipeline.h"
#include "url.h"
#include "oom.h"

#include <uninorm.h>

/* What to undo when an element is left. */
enum frame_kind {
  F_NONE = 0,   /* nothing (transparent element) */
  F_BLOCK,      /* a paragraph boundary */
  F_CONTAINER,  /* popped an AST container (list, item, quote, table...) */
  F_INLINE,     /* popped an inline AST node (link, emphasis) */
  F_LEAF,       /* a heading or cell: inline target for its content */
  F_ROLE,       /* a dt/dd: its paragraph has a role (see need_leaf) */
  F_FIGURE,     /* a figure: its caption shows only if its image did */
  F_CAPTION     /* a figure's caption */
};

typedef struct frame {
  const cc_node *node;
  unsigned char kind;
  size_t saved; /* F_FIGURE: the enclosing figure's image count */
} frame;

typedef struct builder {
  cc_ctx *ctx;
  cc_arena *a;
  const char *base;
  cc_ast *doc;
  cc_ast *container; /* where new blocks go */
  cc_ast *leaf;      /* heading/cell/paragraph receiving inlines, or NULL */
  cc_ast *inl;       /* innermost inline node (or leaf) receiving text */
  int leaf_is_para;  /* leaf is an implicit paragraph we may close */
  int space;         /* a collapsed space is pending */
  int at_start;      /* nothing emitted yet in the leaf */
  int line_start;    /* just after a line break: spaces are dropped */
  int sp_emitted;    /* the last character emitted was a space */
  cc_buf text;       /* text being gathered for inl */
  frame *stack;
  size_t depth, cap;
  unsigned flags;
  int next_role;       /* CC_PARA_* of the next paragraph opened */
  size_t images;       /* images emitted so far */
  size_t figure_images; /* ... when the innermost open figure began */
  int in_figure;
  int in_caption;
  const uint8_t *kept; /* what the walk emits (decide.c's masks) */
  const char *refs[64]; /* targets ("fn2") of the note marks emitted so far */
  size_t nrefs;
  const cc_node *note; /* the note being walked, shown because a kept mark
                          points at it (NULL: none) */
} builder;

/* 1 when the text may hold a combining character (a decomposed accent,
 * a kana voicing mark, a Hangul jamo): the only text NFC would change. */
static int may_combine(const unsigned char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned char c = s[i], d = s[i + 1];
    if (c == 0xcc || (c == 0xcd && d < 0xb0)) return 1; /* U+0300-036F */
    if (i + 2 < n && ((c == 0xe1 && d >= 0x84 && d <= 0x87) || /* jamo */
                      (c == 0xe1 && (d == 0xaa || d == 0xb7)) || /* U+1AB0, U+1DC0 */
                      (c == 0xe2 && d == 0x83) ||                /* U+20D0-20FF */
                      (c == 0xe3 && d == 0x82 && (s[i + 2] == 0x99 || s[i + 2] == 0x9a))))
      return 1;
  }
  return 0;
}

static void flush_text(builder *b) {
  if (!b->text.len) return;
  const char *t = b->text.data;
  size_t n = b->text.len;
  uint8_t *nfc = NULL;
  /* Unicode text in decomposed form ("e" + U+0301) reads like composed text
   * but matches nothing: composed (NFC) with libunistring */
  if (may_combine((const unsigned char *)t, n)) {
    size_t nl = 0;
    nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)t, n, NULL, &nl);
    if (nfc) {
      t = (const char *)nfc;
      n = nl;
    }
  }
  cc_ast_add_text(b->a, b->inl, t, n);
  free(nfc);
  cc_buf_clear(&b->text);
}

/* Ensures a leaf to put inline content into (opening a paragraph). */
static void need_leaf(builder *b) {
  if (b->leaf) return;
  cc_ast *p = cc_ast_new(b->a, CC_AST_PARAGRAPH);
  p->level = b->next_role; /* a term or definition: its first paragraph */
  b->next_role = CC_PARA_TEXT;
  cc_ast_append(b->container, p);
  b->leaf = b->inl = p;
  b->leaf_is_para = 1;
  b->at_start = 1;
  b->space = 0;
}

static void close_leaf(builder *b) {
  flush_text(b);
  b->line_start = 0;
  b->sp_emitted = 0;
  b->leaf = b->inl = NULL;
  b->leaf_is_para = 0;
  b->space = 0;
  b->at_start = 1;
}

static int is_ws(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* Appends collapsed text. */
static void add_text(builder *b, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s, *e = u + n;
  while (u < e) {
    unsigned char c = *u;
    if (is_ws(c)) {
      b->space = 1;
      u++;
      continue;
    }
    if (c == 0xc2 && u + 1 < e && u[1] == 0xa0) { /* nbsp: a space */
      b->space = 1;
      u += 2;
      continue;
    }
    if (c == 0xc2 && u + 1 < e && u[1] == 0xad) { /* soft hyphen */
      u += 2;
      continue;
    }
    if (c == 0xe2 && u + 2 < e && u[1] == 0x80 && (u[2] == 0x8b || u[2] == 0x8e || u[2] == 0x8f)) {
      u += 3; /* zero-width space, LRM, RLM */
      continue;
    }
    if (c == 0xef && u + 2 < e && u[1] == 0xbb && u[2] == 0xbf) {
      u += 3; /* BOM / zero-width no-break space */
      continue;
    }
    if (c == 0xe2 && u + 2 < e && u[1] == 0x80 && u[2] >= 0x80 && u[2] <= 0x8a) {
      b->space = 1; /* en/em/thin... spaces */
      u += 3;
      continue;
    }
    need_leaf(b);
    if (b->space && !b->at_start && !b->line_start && !b->sp_emitted) cc_buf_putc(&b->text, ' ');
    b->sp_emitted = 0;
    b->space = 0;
    b->at_start = 0;
    b->line_start = 0;
    /* copy a run of non-space bytes */
    const unsigned char *r = u;
    while (r < e && !is_ws(*r) && *r != 0xc2 && *r != 0xe2 && *r != 0xef) r++;
    if (r == u) r = u + 1;
    while (r < e && (*r & 0xc0) == 0x80) r++; /* never split a character */
    cc_buf_put(&b->text, (const char *)u, (size_t)(r - u));
    u = r;
  }
}

static void push(builder *b, const cc_node *n, int kind) {
  if (b->depth == b->cap) {
    b->cap = b->cap ? b->cap * 2 : 64;
    b->stack = cc_realloc(b->stack, b->cap * sizeof *b->stack);
  }
  b->stack[b->depth].node = n;
  b->stack[b->depth].kind = (unsigned char)kind;
  b->stack[b->depth].saved = 0;
  b->depth++;
}

static void open_container(builder *b, cc_ast_type t, const cc_node *src) {
  close_leaf(b);
  cc_ast *c = cc_ast_new(b->a, t);
  c->src = src->id;
  cc_ast_append(b->container, c);
  b->container = c;
}

static void open_leaf(builder *b, cc_ast_type t, const cc_node *src) {
  close_leaf(b);
  cc_ast *c = cc_ast_new(b->a, t);
  c->src = src->id;
  cc_ast_append(b->container, c);
  b->leaf = b->inl = c;
  b->leaf_is_para = 0;
  b->at_start = 1;
  b->space = 0;
}

static void open_inline(builder *b, cc_ast_type t, const cc_node *src) {
  need_leaf(b);
  flush_text(b);
  cc_ast *c = cc_ast_new(b->a, t);
  c->src = src->id;
  cc_ast_append(b->inl, c);
  /* a space pending before the inline belongs outside it */
  if (b->space && !b->at_start && !b->sp_emitted) {
    cc_ast_add_text(b->a, b->inl, " ", 1);
    cc_ast_remove(c);
    cc_ast_append(b->inl, c);
    b->sp_emitted = 1;
  }
  b->space = 0;
  b->inl = c;
}

/* Literal text of a subtree (pre, code): text as-is, <br> as newline,
 * block boundaries as newlines inside <pre>. */
static void literal_text(const uint8_t *kept, const cc_node *top, cc_buf *out, int pre) {
  for (const cc_node *x = top->first; x;) {
    if (x->type == CC_NODE_TEXT) {
      if (kept[x->id]) cc_buf_put(out, x->text, x->len);
    } else if (x->tag == CC_TAG_BR) {
      cc_buf_putc(out, '\n');
    } else if (pre && (cc_tag_class((cc_tag)x->tag) & CC_TC_BLOCK) && out->len &&
               out->data[out->len - 1] != '\n') {
      cc_buf_putc(out, '\n');
    }
    x = cc_dom_next(top, x, 0);
  }
}

static const char *code_language(const cc_node *pre) {
  const cc_node *cands[2] = {pre, pre->first};
  for (int i = 0; i < 2; i++) {
    const cc_node *n = cands[i];
    if (!n || n->type != CC_NODE_ELEMENT) continue;
    const char *cls = cc_node_attr(n, "class");
    if (!cls) continue;
    const char *p = strstr(cls, "language-");
    size_t skip = 9;
    if (!p) {
      p = strstr(cls, "lang-");
      skip = 5;
    }
    if (p) return p + skip;
  }
  return NULL;
}

/* A table holds data (rows of cells) rather than page layout: no nested
 * tables, no big block content in cells, and more than one column or a
 * header cell. */
static int is_data_table(const cc_node *t, const cc_stat *st) {
  int rows = 0, maxcols = 0, th = 0;
  for (const cc_node *x = t->first; x; x = cc_dom_next(t, x, 0)) {
    if (x->type != CC_NODE_ELEMENT) continue;
    if (x->tag == CC_TAG_TABLE) return 0;
    if (x->tag == CC_TAG_TR) {
      rows++;
      int cols = 0;
      for (const cc_node *c = x->first; c; c = c->next)
        if (cc_node_is(c, CC_TAG_TD) || cc_node_is(c, CC_TAG_TH)) cols++;
      if (cols > maxcols) maxcols = cols;
    } else if (x->tag == CC_TAG_TH) {
      th = 1;
    } else if ((x->tag == CC_TAG_TD) && st[x->id].blocks > 3) {
      return 0;
    }
  }
  if (rows == 0) return 0;
  return maxcols > 1 || th;
}

static const char *image_src(const cc_node *img) {
  /* lazy loaders keep the real URL in data-* attributes */
  static const char *const attrs[] = {"data-src", "data-lazy-src", "data-original",
                                      "data-url", "data-lazyload", "src"};
  for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
    const char *v = cc_node_attr(img, attrs[i]);
    if (v && *v && strncmp(v, "data:", 5) != 0) return v;
  }
  /* srcset: take the first candidate URL */
  const char *ss = cc_node_attr(img, "data-srcset");
  if (!ss) ss = cc_node_attr(img, "srcset");
  return ss;
}

static void add_image(builder *b, const cc_node *img) {
  const char *src = image_src(img);
  if (!src) return;
  char first[2048];
  /* a srcset value: "url 1x, url2 2x" — cut at the first space/comma */
  size_t i = 0;
  while (src[i] == ' ') src++;
  while (src[i] && src[i] != ' ' && i + 1 < sizeof first) {
    first[i] = src[i];
    i++;
  }
  while (i && first[i - 1] == ',') i--;
  first[i] = '\0';
  if (!i) return;
  const char *w = cc_node_attr(img, "width"), *h = cc_node_attr(img, "height");
  if ((w && atoi(w) > 0 && atoi(w) <= 2) || (h && atoi(h) > 0 && atoi(h) <= 2)) return;
  char *url = cc_url_resolve(b->a, b->base, first);
  if (!url) return;
  need_leaf(b);
  flush_text(b);
  if (b->space && !b->at_start) cc_ast_add_text(b->a, b->inl, " ", 1);
  b->space = 0;
  cc_ast *im = cc_ast_new(b->a, CC_AST_IMAGE);
  im->src = img->id;
  im->url = url;
  const char *alt = cc_node_attr(img, "alt");
  im->text = cc_arena_strdup(b->a, alt ? alt : "");
  im->len = strlen(im->text);
  const char *title = cc_node_attr(img, "title");
  if (title) im->title = cc_arena_strdup(b->a, title);
  cc_ast_append(b->inl, im);
  b->at_start = 0;
  b->images++;
}

/* An inline span of meaning (del, sup, sub, mark). */
static void open_span(builder *b, const cc_node *x, int kind) {
  open_inline(b, CC_AST_SPAN, x);
  b->inl->level = kind;
  push(b, x, F_INLINE);
}

/* A footnote reference: its label, the note's anchor kept for matching
 * (cc_rich_finish). */
static void add_fnref(builder *b, const cc_node *a, const char *label) {
  need_leaf(b);
  flush_text(b);
  if (b->space && !b->at_start) cc_ast_add_text(b->a, b->inl, " ", 1);
  b->space = 0;
  cc_ast *r = cc_ast_new(b->a, CC_AST_FNREF);
  r->src = a->id;
  r->text = cc_arena_strdup(b->a, label);
  r->len = strlen(label);
  const char *href = cc_node_attr(a, "href");
  for (const cc_node *c = a->first; !href && c; c = c->next) /* <sup><a href> */
    if (cc_node_is(c, CC_TAG_A)) href = cc_node_attr(c, "href");
  r->url = href ? cc_arena_strdup(b->a, href) : NULL;
  if (href && href[0] == '#' && href[1] && b->nrefs < sizeof b->refs / sizeof *b->refs)
    b->refs[b->nrefs++] = r->url + 1;
  cc_ast_append(b->inl, r);
  b->at_start = 0;
}

/* A video or audio embed: a paragraph holding a link to its page. */
static void add_embed(builder *b, const cc_node *x) {
  const char *url, *label;
  if (!cc_rich_embed(b->a, x, b->base, &url, &label)) return;
  close_leaf(b);
  cc_ast *p = cc_ast_new(b->a, CC_AST_PARAGRAPH);
  p->level = CC_PARA_EMBED;
  p->src = x->id;
  cc_ast *l = cc_ast_new(b->a, CC_AST_LINK);
  l->url = url;
  l->src = x->id;
  cc_ast_add_text(b->a, l, label, strlen(label));
  cc_ast_append(p, l);
  cc_ast_append(b->container, p);
}

/* A figure's caption, when its image was kept: a paragraph of emphasis
 * (credits are cut from it at the end, cc_rich_finish). */
static int open_caption(builder *b, const cc_node *x) {
  if (!b->in_figure || b->images == b->figure_images) return 0;
  close_leaf(b);
  cc_ast *p = cc_ast_new(b->a, CC_AST_PARAGRAPH);
  p->level = CC_PARA_CAPTION;
  p->src = x->id;
  cc_ast_append(b->container, p);
  cc_ast *em = cc_ast_new(b->a, CC_AST_EMPH);
  em->src = x->id;
  cc_ast_append(p, em);
  b->leaf = p;
  b->inl = em;
  b->leaf_is_para = 0;
  b->at_start = 1;
  b->space = 0;
  b->in_caption = 1;
  push(b, x, F_CAPTION);
  return 1;
}

/* 1 when the link's whole text is one or two characters that are neither
 * letters nor digits ("¶", "#", "§", "🔗"). */
static int is_symbol_link(const cc_node *a) {
  char t[16];
  size_t n = cc_dom_text(a, t, sizeof t);
  if (!n || n > 8) return 0;
  unsigned chars = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)t[i];
    if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 0;
    chars += (c & 0xc0) != 0x80;
  }
  return chars <= 2;
}

/* Enter an element; returns 1 when its children are to be skipped. */
static int enter(builder *b, const cc_node *x) {
  cc_tag t = (cc_tag)x->tag;
  unsigned cls = cc_tag_class(t);
  int in_table = b->container && (b->container->type == CC_AST_TABLE ||
                                  b->container->type == CC_AST_ROW);
  /* in a cell or a caption, blocks stay on the one line */
  int in_cell = (b->leaf && b->leaf->type == CC_AST_CELL) || b->in_caption;
  if (b->in_caption && cc_rich_credit(x)) return 1; /* "© Reuters" in a caption */
  switch (t) {
  case CC_TAG_H1: case CC_TAG_H2: case CC_TAG_H3:
  case CC_TAG_H4: case CC_TAG_H5: case CC_TAG_H6:
    if (in_cell) break;
    open_leaf(b, CC_AST_HEADING, x);
    b->leaf->level = t - CC_TAG_H1 + 1;
    push(b, x, F_LEAF);
    return 0;
  case CC_TAG_UL: case CC_TAG_OL: case CC_TAG_MENU:
    if (in_cell) break;
    open_container(b, CC_AST_LIST, x);
    if (t == CC_TAG_OL) {
      b->container->level = 1;
      const char *s = cc_node_attr(x, "start");
      b->container->start = s ? atoi(s) : 1;
    }
    push(b, x, F_CONTAINER);
    return 0;
  case CC_TAG_LI:
    if (in_cell) break;
    if (b->container->type == CC_AST_LIST) {
      open_container(b, CC_AST_ITEM, x);
      if (x->flags & (CC_NF_TODO | CC_NF_DONE))
        b->container->level = x->flags & CC_NF_DONE ? CC_ITEM_DONE : CC_ITEM_TODO;
      push(b, x, F_CONTAINER);
      return 0;
    }
    break;
  case CC_TAG_BLOCKQUOTE:
    if (in_cell) break;
    open_container(b, CC_AST_QUOTE, x);
    push(b, x, F_CONTAINER);
    return 0;
  case CC_TAG_PRE: case CC_TAG_XMP: case CC_TAG_LISTING: case CC_TAG_PLAINTEXT: {
    cc_buf lit = CC_BUF_INIT;
    literal_text(b->kept, x, &lit, 1);
    /* one leading newline right after <pre> is not content (HTML rule);
     * gumbo already drops it, trailing blank lines we trim */
    while (lit.len && (lit.data[lit.len - 1] == '\n' || lit.data[lit.len - 1] == ' ' ||
                       lit.data[lit.len - 1] == '\r'))
      lit.len--;
    if (lit.len) {
      if (in_cell) {
        need_leaf(b);
        add_text(b, lit.data, lit.len);
      } else {
        close_leaf(b);
        cc_ast *cb = cc_ast_new(b->a, CC_AST_CODE_BLOCK);
        cb->src = x->id;
        cb->text = cc_arena_strndup(b->a, lit.data, lit.len);
        cb->len = lit.len;
        const char *lang = code_language(x);
        if (lang) {
          size_t n = 0;
          while (lang[n] && lang[n] != ' ') n++;
          cb->title = cc_arena_strndup(b->a, lang, n);
        }
        cc_ast_append(b->container, cb);
      }
    }
    cc_buf_free(&lit);
    return 1;
  }
  case CC_TAG_CODE: case CC_TAG_KBD: case CC_TAG_SAMP: case CC_TAG_TT: {
    cc_buf lit = CC_BUF_INIT;
    literal_text(b->kept, x, &lit, 0);
    /* code spans collapse newlines to spaces and trim */
    size_t o = 0;
    for (size_t i = 0; i < lit.len; i++) {
      char c = lit.data[i];
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      if (c == ' ' && (o == 0 || lit.data[o - 1] == ' ')) continue;
      lit.data[o++] = c;
    }
    while (o && lit.data[o - 1] == ' ') o--;
    if (o) {
      need_leaf(b);
      flush_text(b);
      if (b->space && !b->at_start) cc_ast_add_text(b->a, b->inl, " ", 1);
      b->space = 0;
      cc_ast *c = cc_ast_new(b->a, CC_AST_CODE);
      c->src = x->id;
      c->text = cc_arena_strndup(b->a, lit.data, o);
      c->len = o;
      cc_ast_append(b->inl, c);
      b->at_start = 0;
    }
    cc_buf_free(&lit);
    return 1;
  }
  case CC_TAG_TABLE:
    if (!in_cell && !in_table && is_data_table(x, b->ctx->st)) {
      open_container(b, CC_AST_TABLE, x);
      push(b, x, F_CONTAINER);
      return 0;
    }
    break;
  case CC_TAG_TR:
    if (b->container->type == CC_AST_TABLE) {
      open_container(b, CC_AST_ROW, x);
      push(b, x, F_CONTAINER);
      return 0;
    }
    break;
  case CC_TAG_TD: case CC_TAG_TH:
    if (b->container->type == CC_AST_ROW) {
      open_leaf(b, CC_AST_CELL, x);
      b->leaf->level = t == CC_TAG_TH;
      const char *cs = cc_node_attr(x, "colspan");
      b->leaf->start = cs ? atoi(cs) : 1;
      if (b->leaf->start < 1 || b->leaf->start > 100) b->leaf->start = 1;
      push(b, x, F_LEAF);
      return 0;
    }
    break;
  case CC_TAG_THEAD: case CC_TAG_TBODY: case CC_TAG_TFOOT:
    if (b->container->type == CC_AST_TABLE) {
      push(b, x, F_NONE);
      return 0;
    }
    break;
  case CC_TAG_CAPTION: case CC_TAG_COLGROUP: case CC_TAG_COL:
    if (b->container->type == CC_AST_TABLE) return 1;
    break;
  case CC_TAG_HR:
    if (in_cell || !b->kept[x->id]) return 1;
    close_leaf(b);
    {
      cc_ast *r = cc_ast_new(b->a, CC_AST_RULE);
      r->src = x->id;
      cc_ast_append(b->container, r);
    }
    return 1;
  case CC_TAG_BR:
    if (b->leaf && !b->at_start) {
      flush_text(b);
      cc_ast *last = b->inl->last;
      if (last && last->type == CC_AST_BREAK && b->leaf_is_para && b->inl == b->leaf) {
        /* <br><br> separates paragraphs */
        cc_ast_remove(last);
        close_leaf(b);
        return 1;
      }
      cc_ast *br = cc_ast_new(b->a, CC_AST_BREAK);
      cc_ast_append(b->inl, br);
      b->space = 0;
      b->line_start = 1;
    }
    return 1;
  case CC_TAG_IMG:
    if (b->kept[x->id]) add_image(b, x);
    return 1;
  case CC_TAG_A: {
    const char *href = cc_node_attr(x, "href");
    char label[16];
    if (cc_rich_backlink(x)) return 1; /* a note's "↩" back to its reference */
    if (cc_rich_fnref(x, label, sizeof label)) {
      if (b->kept[x->id]) add_fnref(b, x, label);
      return 1;
    }
    /* a permalink anchor beside a heading ("¶", "#", "§"): a link to the
     * page itself whose text is a lone symbol */
    if (href && href[0] == '#' && is_symbol_link(x)) return 1;
    char *url = NULL;
    if (href) url = cc_url_resolve(b->a, b->base, href);
    if (url && href[0] != '#') {
      open_inline(b, CC_AST_LINK, x);
      b->inl->url = url;
      const char *title = cc_node_attr(x, "title");
      if (title) b->inl->title = cc_arena_strdup(b->a, title);
      push(b, x, F_INLINE);
      return 0;
    }
    push(b, x, F_NONE);
    return 0;
  }
  case CC_TAG_EM: case CC_TAG_I: case CC_TAG_CITE: case CC_TAG_DFN: case CC_TAG_VAR:
    open_inline(b, CC_AST_EMPH, x);
    push(b, x, F_INLINE);
    return 0;
  case CC_TAG_STRONG: case CC_TAG_B:
    open_inline(b, CC_AST_STRONG, x);
    push(b, x, F_INLINE);
    return 0;
  case CC_TAG_DEL: case CC_TAG_S: case CC_TAG_STRIKE:
    open_span(b, x, CC_SPAN_DEL);
    return 0;
  case CC_TAG_MARK:
    open_span(b, x, CC_SPAN_MARK);
    return 0;
  case CC_TAG_SUB:
    open_span(b, x, CC_SPAN_SUB);
    return 0;
  case CC_TAG_SUP: {
    char label[16];
    if (cc_rich_fnref(x, label, sizeof label)) { /* <sup><a href="#fn1">1</a></sup> */
      if (b->kept[x->id]) add_fnref(b, x, label);
      return 1;
    }
    open_span(b, x, CC_SPAN_SUP);
    return 0;
  }
  case CC_TAG_DL:
    if (in_cell) break;
    close_leaf(b);
    push(b, x, F_BLOCK);
    return 0;
  case CC_TAG_DT: case CC_TAG_DD:
    if (in_cell) break;
    close_leaf(b);
    b->next_role = t == CC_TAG_DT ? CC_PARA_TERM : CC_PARA_DEF;
    push(b, x, F_ROLE);
    return 0;
  case CC_TAG_VIDEO: case CC_TAG_AUDIO:
    if (!in_cell && b->kept[x->id]) add_embed(b, x); /* decide.c: as an image */
    return 1;
  case CC_TAG_FIGURE:
    push(b, x, F_FIGURE);
    b->stack[b->depth - 1].saved = b->in_figure ? b->figure_images : SIZE_MAX;
    b->in_figure = 1;
    b->figure_images = b->images;
    break; /* and a block, below */
  default:
    break;
  }
  if (cls & CC_TC_BLOCK) {
    if (in_cell) {
      /* block content inside a cell: keep it on the cell's line */
      b->space = 1;
      push(b, x, F_NONE);
      return 0;
    }
    /* A block inside an inline: the inline wrappers do not carry over. */
    close_leaf(b);
    push(b, x, F_BLOCK);
    return 0;
  }
  push(b, x, F_NONE);
  return 0;
}

static void leave(builder *b) {
  frame f = b->stack[--b->depth];
  switch (f.kind) {
  case F_BLOCK:
    close_leaf(b);
    break;
  case F_LEAF:
    close_leaf(b);
    break;
  case F_CONTAINER:
    close_leaf(b);
    if (b->container->parent) b->container = b->container->parent;
    break;
  case F_ROLE:
    close_leaf(b);
    b->next_role = CC_PARA_TEXT;
    break;
  case F_FIGURE:
    close_leaf(b);
    b->in_figure = f.saved != SIZE_MAX;
    if (b->in_figure) b->figure_images = f.saved;
    break;
  case F_CAPTION:
    close_leaf(b);
    b->in_caption = 0;
    break;
  case F_INLINE:
    if (b->inl && b->inl != b->leaf && b->leaf) {
      flush_text(b);
      cc_ast *done = b->inl;
      b->inl = done->parent;
      /* an inline with no content is dropped */
      if (!done->first) cc_ast_remove(done);
    }
    break;
  default:
    break;
  }
}

/* Pops every frame pushed for x. */
static void leave_node(builder *b, const cc_node *x) {
  while (b->depth && b->stack[b->depth - 1].node == x) leave(b);
}

/* 1 when a leaf or row holds text, an image or code. */
static int has_content(cc_ast *n) {
  for (cc_ast *c = n->first; c; c = cc_ast_next(n, c, 0))
    if ((c->type == CC_AST_TEXT && c->len) || c->type == CC_AST_IMAGE || c->type == CC_AST_CODE)
      return 1;
  return 0;
}

/* Removes empty blocks (paragraphs with no text or images, rows whose
 * cells are all empty, lists, items, quotes and tables left with
 * nothing), children before parents: one pass over the tree in reverse
 * pre-order, so a parent emptied by its children is seen after them. */
static void prune(cc_ast *doc) {
  size_t n = 0, cap = 256;
  cc_ast **order = cc_malloc(cap * sizeof *order);
  for (cc_ast *x = doc->first; x; x = cc_ast_next(doc, x, 0)) {
    if (!cc_ast_is_block(x)) continue;
    if (n == cap) {
      cap *= 2;
      order = cc_realloc(order, cap * sizeof *order);
    }
    order[n++] = x;
  }
  while (n--) {
    cc_ast *x = order[n];
    int empty = 0;
    if (x->type == CC_AST_PARAGRAPH || x->type == CC_AST_HEADING || x->type == CC_AST_ROW)
      empty = !has_content(x);
    else if (x->type == CC_AST_LIST || x->type == CC_AST_QUOTE || x->type == CC_AST_ITEM ||
             x->type == CC_AST_TABLE)
      empty = !x->first;
    if (empty) cc_ast_remove(x);
  }
  cc_mfree(order);
}

static size_t count_words(const char *t) {
  size_t n = 0;
  for (int in = 0; *t; t++) {
    int sp = *t == ' ' || *t == '\n' || *t == '\t' || *t == '\r';
    n += !sp && !in;
    in = !sp;
  }
  return n;
}

/* A page with no article among its visible text (an app shell whose
 * content comes with JavaScript: nothing but a menu, or nothing at all)
 * may still state its text: the JSON-LD articleBody, else its
 * description. One paragraph per line. Beside visible text, a stated
 * text must read like one (a dozen words): a site's slogan, which many
 * pages carry as their description, says nothing of this page. */
static void stated_text(cc_ctx *ctx, cc_ast *doc) {
  const char *t = ctx->meta.jsonld_body ? ctx->meta.jsonld_body : ctx->meta.description;
  if (!t || (ctx->blocks.n && count_words(t) < 12)) return;
  while (*t) {
    size_t n = strcspn(t, "\n");
    size_t a = 0, e = n;
    while (a < e && (t[a] == ' ' || t[a] == '\r' || t[a] == '\t')) a++;
    while (e > a && (t[e - 1] == ' ' || t[e - 1] == '\r' || t[e - 1] == '\t')) e--;
    if (e > a) {
      cc_ast *p = cc_ast_new(ctx->arena, CC_AST_PARAGRAPH);
      cc_ast_add_text(ctx->arena, p, t + a, e - a);
      cc_ast_append(doc, p);
    }
    t += n + (t[n] == '\n');
  }
  const char *why = ctx->blocks.n ? "no article in the visible text" : "no visible text";
  const char *what = ctx->meta.jsonld_body ? "the page's JSON-LD articleBody"
                                           : "the page's description";
  size_t n = strlen(why) + strlen(what) + 3;
  char *f = cc_arena_alloc(ctx->arena, n);
  snprintf(f, n, "%s: %s", why, what);
  ctx->fallback = f;
}

/* Every element under top is entered, so that lists, quotes and tables
 * keep their shape around the text kept; what is not kept leaves empty
 * blocks that prune() removes. */
/* 1 when x is the note a kept mark points at (its id is a mark's target). */
static int is_marked_note(const builder *b, const cc_node *x) {
  const char *id = b->nrefs && x->type == CC_NODE_ELEMENT ? cc_node_attr(x, "id") : NULL;
  for (size_t i = 0; id && i < b->nrefs; i++)
    if (!strcmp(id, b->refs[i])) return 1;
  return 0;
}

static void walk(builder *b, const cc_node *top, const uint8_t *kept) {
  b->kept = kept;
  const cc_node *x = top;
  while (x) {
    int descend = 0;
    if (!b->note && is_marked_note(b, x)) b->note = x;
    if (x->type == CC_NODE_TEXT) {
      /* a caption's text shows under its kept image, a note's when a kept
       * mark points at it, whatever the model said of them (out of txt,
       * which leaves captions out) */
      if (kept[x->id] || b->in_caption || b->note) add_text(b, x->text, x->len);
    } else if (cc_node_is(x, CC_TAG_FIGCAPTION) && !b->in_caption) {
      descend = open_caption(b, x);
    } else {
      descend = !enter(b, x);
    }
    if (descend && x->first) {
      x = x->first;
      continue;
    }
    for (;;) { /* x is done: leave it, then go to the next node */
      leave_node(b, x);
      if (x == b->note) b->note = NULL;
      if (x == top) {
        x = NULL;
        break;
      }
      if (x->next) {
        x = x->next;
        break;
      }
      x = x->parent;
    }
  }
}

/* A table's footer rows (<tfoot>, which HTML lets come before the body)
 * go last, where a browser shows them: never first, where Markdown would
 * make one the header row. */
static void footers_last(cc_ast *doc, const cc_dom *d) {
  for (cc_ast *t = doc; t; t = cc_ast_next(doc, t, 0)) {
    if (t->type != CC_AST_TABLE) continue;
    cc_ast feet; /* holds the footer rows, in order, while they move */
    memset(&feet, 0, sizeof feet);
    for (cc_ast *row = t->first, *next; row; row = next) {
      next = row->next;
      const cc_node *src = row->src && row->src < d->nnodes ? d->byid[row->src] : NULL;
      if (src && src->parent && src->parent->tag == CC_TAG_TFOOT) {
        cc_ast_remove(row);
        cc_ast_append(&feet, row);
      }
    }
    for (cc_ast *row = feet.first, *next; row; row = next) {
      next = row->next;
      cc_ast_remove(row);
      cc_ast_append(t, row);
    }
  }
}

int cc_stage_article(cc_ctx *ctx) {
  builder b;
  memset(&b, 0, sizeof b);
  b.ctx = ctx;
  b.a = ctx->arena;
  b.flags = ctx->opt->flags;
  b.base = ctx->meta.base_url;
  b.doc = cc_ast_new(ctx->arena, CC_AST_DOCUMENT);
  b.container = b.doc;
  b.at_start = 1;
  cc_node *top = ctx->dom.body ? ctx->dom.body : ctx->dom.root;

  walk(&b, top, ctx->kept);
  if (ctx->comments) {
    /* --comments: the reader comments, after the body, under a heading */
    close_leaf(&b);
    b.container = b.doc;
    cc_ast *h = cc_ast_new(b.a, CC_AST_HEADING);
    h->level = 2;
    cc_ast_add_text(b.a, h, "Comments", 8);
    cc_ast_append(b.doc, h);
    walk(&b, top, ctx->comments);
  }
  close_leaf(&b);
  cc_mfree(b.stack);
  cc_buf_free(&b.text);
  footers_last(b.doc, &ctx->dom);
  prune(b.doc);
  cc_rich_finish(ctx, b.doc);
  if (!b.doc->first) stated_text(ctx, b.doc);
  ctx->ast = b.doc;
  return 0;
}
