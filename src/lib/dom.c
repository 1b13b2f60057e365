/* dom.c — tag tables and tree building/editing for dom.h. */
#include "dom.h"

#include <string.h>

#include "tree_link.h"
#include <strings.h>

static const char *const tag_names[CC_TAG_COUNT] = {
    "other",
#define CC_TAG_NAME(id, name) name,
    CC_TAG_LIST(CC_TAG_NAME)
#undef CC_TAG_NAME
};

const char *cc_tag_name(cc_tag t) {
  return (unsigned)t < CC_TAG_COUNT ? tag_names[t] : "other";
}

cc_tag cc_tag_lookup(const char *name, size_t len) {
  /* A linear scan keyed on the first letter; only the libxml2 front end
   * and tests call this (gumbo hands us its own enum). */
  for (int i = 1; i < CC_TAG_COUNT; i++) {
    const char *t = tag_names[i];
    if ((t[0] | 0x20) != (name[0] | 0x20)) continue;
    if (strlen(t) == len && strncasecmp(t, name, len) == 0) return (cc_tag)i;
  }
  return CC_TAG_OTHER;
}

#define B CC_TC_BLOCK
#define H (CC_TC_BLOCK | CC_TC_HEADING)
#define V CC_TC_VOID
#define D CC_TC_DROP
#define I CC_TC_INLINE
#define T (CC_TC_BLOCK | CC_TC_TABLE)
#define L (CC_TC_BLOCK | CC_TC_LIST)

static unsigned char tag_class[CC_TAG_COUNT];

static void init_tag_classes(void) {
  static const struct {
    cc_tag t;
    unsigned c;
  } tab[] = {
      {CC_TAG_HTML, B}, {CC_TAG_HEAD, B}, {CC_TAG_BODY, B},
      {CC_TAG_TITLE, D}, {CC_TAG_META, V}, {CC_TAG_LINK, V},
      {CC_TAG_BASE, V}, {CC_TAG_SCRIPT, D}, {CC_TAG_STYLE, D},
      {CC_TAG_NOSCRIPT, D}, {CC_TAG_TEMPLATE, D}, {CC_TAG_SVG, D},
      {CC_TAG_MATH, I}, {CC_TAG_IFRAME, D}, {CC_TAG_OBJECT, D},
      {CC_TAG_EMBED, V | D}, {CC_TAG_CANVAS, D}, {CC_TAG_VIDEO, B},
      {CC_TAG_AUDIO, B}, {CC_TAG_SOURCE, V}, {CC_TAG_PICTURE, I},
      {CC_TAG_IMG, V | I}, {CC_TAG_FIGURE, B}, {CC_TAG_FIGCAPTION, B},
      {CC_TAG_P, B}, {CC_TAG_DIV, B}, {CC_TAG_SPAN, I},
      {CC_TAG_SECTION, B}, {CC_TAG_ARTICLE, B}, {CC_TAG_MAIN, B},
      {CC_TAG_ASIDE, B}, {CC_TAG_NAV, B}, {CC_TAG_HEADER, B},
      {CC_TAG_FOOTER, B}, {CC_TAG_H1, H}, {CC_TAG_H2, H}, {CC_TAG_H3, H},
      {CC_TAG_H4, H}, {CC_TAG_H5, H}, {CC_TAG_H6, H}, {CC_TAG_HGROUP, B},
      {CC_TAG_UL, L}, {CC_TAG_OL, L}, {CC_TAG_LI, B}, {CC_TAG_DL, L},
      {CC_TAG_DT, B}, {CC_TAG_DD, B}, {CC_TAG_BLOCKQUOTE, B},
      {CC_TAG_PRE, B}, {CC_TAG_CODE, I}, {CC_TAG_KBD, I}, {CC_TAG_SAMP, I},
      {CC_TAG_TT, I}, {CC_TAG_VAR, I}, {CC_TAG_A, I}, {CC_TAG_EM, I},
      {CC_TAG_I, I}, {CC_TAG_STRONG, I}, {CC_TAG_B, I}, {CC_TAG_U, I},
      {CC_TAG_S, I}, {CC_TAG_STRIKE, I}, {CC_TAG_DEL, I}, {CC_TAG_INS, I},
      {CC_TAG_MARK, I}, {CC_TAG_SMALL, I}, {CC_TAG_SUB, I}, {CC_TAG_SUP, I},
      {CC_TAG_BR, V | I}, {CC_TAG_WBR, V | I}, {CC_TAG_HR, V | B},
      {CC_TAG_TABLE, T}, {CC_TAG_CAPTION, T}, {CC_TAG_THEAD, T},
      {CC_TAG_TBODY, T}, {CC_TAG_TFOOT, T}, {CC_TAG_TR, T}, {CC_TAG_TD, T},
      {CC_TAG_TH, T}, {CC_TAG_COL, V | T}, {CC_TAG_COLGROUP, T},
      {CC_TAG_FORM, B}, {CC_TAG_INPUT, V | D}, {CC_TAG_SELECT, D},
      {CC_TAG_OPTION, D}, {CC_TAG_OPTGROUP, D}, {CC_TAG_TEXTAREA, D},
      {CC_TAG_BUTTON, D}, {CC_TAG_LABEL, I}, {CC_TAG_FIELDSET, B},
      {CC_TAG_LEGEND, B}, {CC_TAG_ADDRESS, B}, {CC_TAG_TIME, I},
      {CC_TAG_ABBR, I}, {CC_TAG_CITE, I}, {CC_TAG_Q, I}, {CC_TAG_DFN, I},
      {CC_TAG_DETAILS, B}, {CC_TAG_SUMMARY, B}, {CC_TAG_DIALOG, B},
      {CC_TAG_MENU, L}, {CC_TAG_CENTER, B}, {CC_TAG_FONT, I},
      {CC_TAG_NOEMBED, D}, {CC_TAG_NOFRAMES, D}, {CC_TAG_FRAMESET, D},
      {CC_TAG_FRAME, V | D}, {CC_TAG_MAP, I}, {CC_TAG_AREA, V | D},
      {CC_TAG_TRACK, V | D}, {CC_TAG_PARAM, V | D}, {CC_TAG_OUTPUT, I},
      {CC_TAG_PROGRESS, D}, {CC_TAG_METER, D}, {CC_TAG_DATALIST, D},
      {CC_TAG_XMP, B}, {CC_TAG_LISTING, B}, {CC_TAG_PLAINTEXT, B},
      {CC_TAG_BIG, I}, {CC_TAG_NOBR, I}, {CC_TAG_BDI, I}, {CC_TAG_BDO, I},
      {CC_TAG_RUBY, I}, {CC_TAG_RT, D}, {CC_TAG_RP, D}, {CC_TAG_DATA, I},
      {CC_TAG_OTHER, I},
  };
  for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
    tag_class[tab[i].t] = (unsigned char)tab[i].c;
}

unsigned cc_tag_class(cc_tag t) {
  /* Filled on first use; the writes are idempotent, so a race between
   * threads only writes the same bytes twice. */
  static int ready;
  if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
    init_tag_classes();
    __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
  }
  return (unsigned)t < CC_TAG_COUNT ? tag_class[t] : CC_TC_INLINE;
}

cc_node *cc_dom_new_node(cc_dom *d, cc_node_type type) {
  cc_node *n = cc_arena_calloc(d->arena, sizeof *n);
  n->type = (uint8_t)type;
  return n;
}

void cc_dom_append(cc_node *parent, cc_node *child) { CC_TREE_APPEND(parent, child); }

void cc_dom_unlink(cc_node *n) { CC_TREE_UNLINK(n); }

void cc_dom_insert_before(cc_node *ref, cc_node *n) { CC_TREE_INSERT_BEFORE(ref, n); }

void cc_dom_finish(cc_dom *d) {
  uint32_t id = 0;
  d->html = d->head = d->body = NULL;
  for (cc_node *n = d->root; n; n = cc_dom_next(d->root, n, 0)) {
    n->id = id++;
    if (n->type != CC_NODE_ELEMENT) continue;
    if (n->tag == CC_TAG_HTML && !d->html) d->html = n;
    else if (n->tag == CC_TAG_HEAD && !d->head) d->head = n;
    else if (n->tag == CC_TAG_BODY && !d->body) d->body = n;
  }
  d->nnodes = id;
  d->byid = cc_arena_alloc(d->arena, (size_t)(id ? id : 1) * sizeof *d->byid);
  for (cc_node *n = d->root; n; n = cc_dom_next(d->root, n, 0))
    d->byid[n->id] = n;
}

const char *cc_node_attr(const cc_node *n, const char *name) {
  for (unsigned i = 0; i < n->nattrs; i++) /* (most names differ at once) */
    if (n->attrs[i].name[0] == name[0] && strcmp(n->attrs[i].name, name) == 0)
      return n->attrs[i].value;
  return NULL;
}

static size_t dom_text(const cc_node *top, char *out, size_t cap, int own, int skip) {
  size_t o = 0;
  int space = 1;
  if (!cap) return 0;
  for (const cc_node *x = top; x && o + 1 < cap;) {
    if (x != top && x->type == CC_NODE_ELEMENT &&
        ((x->flags & CC_NF_DROPPED) || x->tag == skip ||
         (own && (cc_tag_class((cc_tag)x->tag) & CC_TC_BLOCK)))) {
      if ((own || x->tag == skip) && !space && o + 1 < cap) {
        out[o++] = ' ';
        space = 1;
      }
      x = cc_dom_next(top, x, 1);
      continue;
    }
    if (x->type == CC_NODE_TEXT) {
      for (uint32_t i = 0; i < x->len && o + 1 < cap; i++) {
        char c = x->text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
          if (!space) out[o++] = ' ';
          space = 1;
        } else {
          out[o++] = c;
          space = 0;
        }
      }
    } else if (x->type == CC_NODE_ELEMENT && !space &&
               ((cc_tag_class((cc_tag)x->tag) & CC_TC_BLOCK) || x->tag == CC_TAG_BR)) {
      out[o++] = ' ';
      space = 1;
    }
    x = cc_dom_next(top, x, 0);
  }
  /* a cut in the middle of a character is backed out */
  if (o + 1 >= cap) {
    size_t k = o;
    while (k && ((unsigned char)out[k - 1] & 0xc0) == 0x80) k--;
    if (k && (unsigned char)out[k - 1] >= 0xc0) {
      unsigned char lead = (unsigned char)out[k - 1];
      size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (o - (k - 1) < need) o = k - 1;
    }
  }
  while (o && out[o - 1] == ' ') o--;
  out[o] = '\0';
  return o;
}

size_t cc_dom_text(const cc_node *top, char *out, size_t cap) {
  return dom_text(top, out, cap, 0, -1);
}

size_t cc_dom_text_without(const cc_node *top, cc_tag skip, char *out, size_t cap) {
  return dom_text(top, out, cap, 0, (int)skip);
}

size_t cc_dom_own_text(const cc_node *top, char *out, size_t cap) {
  return dom_text(top, out, cap, 1, -1);
}
