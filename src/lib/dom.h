/* dom.h — the document tree every stage after parsing works on.
 *
 * A front end (parse_gumbo.c, parse_libxml2.c) builds it; pre-clean edits
 * it; scoring and filtering mark it; the article builder reads it. Nodes,
 * attribute arrays and strings all live in the document's arena: nothing
 * here is freed individually. Walkers are iterative (cc_dom_next), never
 * recursive, so depth cannot overflow the stack.
 */
#ifndef CC_DOM_H
#define CC_DOM_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Tags the pipeline distinguishes. Everything else is CC_TAG_OTHER, which
 * behaves like an inline element (the CSS default for unknown elements). */
#define CC_TAG_LIST(X)                                                      \
  X(HTML, "html") X(HEAD, "head") X(BODY, "body") X(TITLE, "title")        \
  X(META, "meta") X(LINK, "link") X(BASE, "base") X(SCRIPT, "script")      \
  X(STYLE, "style") X(NOSCRIPT, "noscript") X(TEMPLATE, "template")        \
  X(SVG, "svg") X(MATH, "math") X(IFRAME, "iframe") X(OBJECT, "object")    \
  X(EMBED, "embed") X(CANVAS, "canvas") X(VIDEO, "video")                  \
  X(AUDIO, "audio") X(SOURCE, "source") X(PICTURE, "picture")              \
  X(IMG, "img") X(FIGURE, "figure") X(FIGCAPTION, "figcaption")            \
  X(P, "p") X(DIV, "div") X(SPAN, "span") X(SECTION, "section")            \
  X(ARTICLE, "article") X(MAIN, "main") X(ASIDE, "aside") X(NAV, "nav")    \
  X(HEADER, "header") X(FOOTER, "footer") X(H1, "h1") X(H2, "h2")          \
  X(H3, "h3") X(H4, "h4") X(H5, "h5") X(H6, "h6") X(HGROUP, "hgroup")      \
  X(UL, "ul") X(OL, "ol") X(LI, "li") X(DL, "dl") X(DT, "dt")              \
  X(DD, "dd") X(BLOCKQUOTE, "blockquote") X(PRE, "pre") X(CODE, "code")    \
  X(KBD, "kbd") X(SAMP, "samp") X(TT, "tt") X(VAR, "var") X(A, "a")        \
  X(EM, "em") X(I, "i") X(STRONG, "strong") X(B, "b") X(U, "u")            \
  X(S, "s") X(STRIKE, "strike") X(DEL, "del") X(INS, "ins")                \
  X(MARK, "mark") X(SMALL, "small") X(SUB, "sub") X(SUP, "sup")            \
  X(BR, "br") X(WBR, "wbr") X(HR, "hr") X(TABLE, "table")                  \
  X(CAPTION, "caption") X(THEAD, "thead") X(TBODY, "tbody")                \
  X(TFOOT, "tfoot") X(TR, "tr") X(TD, "td") X(TH, "th") X(COL, "col")      \
  X(COLGROUP, "colgroup") X(FORM, "form") X(INPUT, "input")                \
  X(SELECT, "select") X(OPTION, "option") X(OPTGROUP, "optgroup")          \
  X(TEXTAREA, "textarea") X(BUTTON, "button") X(LABEL, "label")            \
  X(FIELDSET, "fieldset") X(LEGEND, "legend") X(ADDRESS, "address")        \
  X(TIME, "time") X(ABBR, "abbr") X(CITE, "cite") X(Q, "q")                \
  X(DFN, "dfn") X(DETAILS, "details") X(SUMMARY, "summary")                \
  X(DIALOG, "dialog") X(MENU, "menu") X(CENTER, "center")                  \
  X(FONT, "font") X(NOEMBED, "noembed") X(NOFRAMES, "noframes")            \
  X(FRAMESET, "frameset") X(FRAME, "frame") X(MAP, "map") X(AREA, "area")  \
  X(TRACK, "track") X(PARAM, "param") X(OUTPUT, "output")                  \
  X(PROGRESS, "progress") X(METER, "meter") X(DATALIST, "datalist")        \
  X(XMP, "xmp") X(LISTING, "listing") X(PLAINTEXT, "plaintext")            \
  X(BIG, "big") X(NOBR, "nobr") X(BDI, "bdi") X(BDO, "bdo")                \
  X(RUBY, "ruby") X(RT, "rt") X(RP, "rp") X(DATA, "data")

typedef enum cc_tag {
  CC_TAG_OTHER = 0,
#define CC_TAG_ENUM(id, name) CC_TAG_##id,
  CC_TAG_LIST(CC_TAG_ENUM)
#undef CC_TAG_ENUM
  CC_TAG_COUNT
} cc_tag;

/* The lowercase name of a tag ("other" for CC_TAG_OTHER). */
const char *cc_tag_name(cc_tag t);
/* Looks a tag up by name (case-insensitive); CC_TAG_OTHER when unknown. */
cc_tag cc_tag_lookup(const char *name, size_t len);

/* Tag classes, a bit set per tag (see dom.c for the table). */
enum {
  CC_TC_BLOCK = 1u << 0,   /* starts a new line in text output */
  CC_TC_HEADING = 1u << 1, /* h1..h6 */
  CC_TC_VOID = 1u << 2,    /* has no content (br, img, hr, ...) */
  CC_TC_DROP = 1u << 3,    /* pre-clean removes it with its content */
  CC_TC_INLINE = 1u << 4,  /* phrasing content */
  CC_TC_TABLE = 1u << 5,   /* table structure (table..td) */
  CC_TC_LIST = 1u << 6     /* ul, ol, dl, menu */
};
unsigned cc_tag_class(cc_tag t);

typedef enum cc_node_type {
  CC_NODE_DOCUMENT = 0,
  CC_NODE_ELEMENT,
  CC_NODE_TEXT
} cc_node_type;

/* Node flags. The low byte is set by parsing and pre-clean, the rest by
 * scoring and filtering. */
enum {
  CC_NF_REMOVED = 1u << 0,   /* unlinked by pre-clean (kept for explain) */
  CC_NF_HIDDEN = 1u << 1,    /* hidden, but kept by pre-clean (preclean.c) */
  CC_NF_SELECTED = 1u << 8,  /* root of a subtree chosen as article */
  CC_NF_DROPPED = 1u << 9,   /* subtree dropped by the filter */
  CC_NF_TITLE = 1u << 10,    /* the headline (goes to metadata) */
  CC_NF_CAPTION = 1u << 11,  /* a caption or credit */
  CC_NF_EMBED = 1u << 12,    /* a video/audio embed kept as a link (marks.c) */
  CC_NF_TODO = 1u << 13,     /* a task list item, unchecked (marks.c) */
  CC_NF_DONE = 1u << 14      /* ... checked */
};

typedef struct cc_attr {
  const char *name;  /* lowercase, NUL-terminated */
  const char *value; /* NUL-terminated, entities decoded */
} cc_attr;

typedef struct cc_node {
  struct cc_node *parent, *first, *last, *next, *prev;
  const char *text; /* text nodes: UTF-8, not necessarily NUL-terminated */
  uint32_t len;     /* text nodes: byte length of text */
  uint32_t id;      /* pre-order index, 0 = document */
  uint8_t type;     /* cc_node_type */
  uint8_t tag;      /* cc_tag (elements) */
  uint16_t nattrs;
  uint32_t flags;
  const cc_attr *attrs;
} cc_node;

typedef struct cc_dom {
  cc_arena *arena;   /* owner of every node and string */
  cc_node *root;     /* the document node */
  cc_node *html, *head, *body; /* may be NULL for odd documents */
  uint32_t nnodes;   /* ids are < nnodes */
  cc_node **byid;    /* byid[id] == node, set by cc_dom_finish */
} cc_dom;

/* Building (front ends). */
cc_node *cc_dom_new_node(cc_dom *d, cc_node_type type);
void cc_dom_append(cc_node *parent, cc_node *child);
/* Unlinks n from its parent; n keeps its subtree. */
void cc_dom_unlink(cc_node *n);
/* Links n (unlinked) just before ref, which has a parent. */
void cc_dom_insert_before(cc_node *ref, cc_node *n);
/* Assigns pre-order ids and finds html/head/body; call after building or
 * after structural edits. */
void cc_dom_finish(cc_dom *d);

/* The plain text of a subtree without its dropped parts (CC_NF_DROPPED
 * below top), whitespace collapsed, blocks and <br> separated by a space, trimmed;
 * at most cap-1 bytes (never cutting a UTF-8 sequence). Returns its length. */
size_t cc_dom_text(const cc_node *top, char *out, size_t cap);
/* The same leaving out the elements tagged `skip` below top (each leaves
 * a space). */
size_t cc_dom_text_without(const cc_node *top, cc_tag skip, char *out, size_t cap);
/* The same for the block's own text: nested blocks are left out (each
 * leaves a space), the inline elements around its text kept. */
size_t cc_dom_own_text(const cc_node *top, char *out, size_t cap);

/* Attribute value or NULL. `name` must be lowercase. */
const char *cc_node_attr(const cc_node *n, const char *name);

static inline int cc_node_is(const cc_node *n, cc_tag t) {
  return n && n->type == CC_NODE_ELEMENT && n->tag == t;
}

/* Pre-order successor of n within the subtree of `top` (NULL at the end).
 * With skip_children, n's own subtree is skipped. */
static inline cc_node *cc_dom_next(const cc_node *top, const cc_node *n,
                                   int skip_children) {
  if (!skip_children && n->first) return n->first;
  while (n && n != top) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return NULL;
}

#endif
