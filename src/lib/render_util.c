/* render_util.c — the renderers' shared walks over the article tree, table
 * and list helpers, UTF-8 decoding and character classes (see
 * render_util.h for the rules on odd tree shapes). */
#include "render_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"

/* ---- block walk ---------------------------------------------------- */

enum { BF_BLOCK, BF_QUOTE, BF_LIST, BF_ITEM };

struct cc_bframe {
  const cc_ast *node;
  const cc_ast *cur;  /* next child to read */
  const cc_ast *stop; /* cur == stop: no more children */
  unsigned char kind;
  unsigned char tight; /* LIST, ITEM: the list is tight */
  unsigned char spill; /* ITEM: own children done, reading the list's
                          stray children that follow it */
};

static void push(cc_bwalk *w, int kind, const cc_ast *node, const cc_ast *cur,
                 const cc_ast *stop, int tight, int spill) {
  if (w->depth == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 16;
    w->stack = cc_realloc(w->stack, cap * sizeof *w->stack);
    w->cap = cap;
  }
  cc_bframe *f = &w->stack[w->depth++];
  f->node = node;
  f->cur = cur;
  f->stop = stop;
  f->kind = (unsigned char)kind;
  f->tight = (unsigned char)tight;
  f->spill = (unsigned char)spill;
  if (kind == BF_QUOTE || kind == BF_LIST) w->nest++;
}

/* Pops the top frame. */
static void pop(cc_bwalk *w) {
  int kind = w->stack[--w->depth].kind;
  if (kind == BF_QUOTE || kind == BF_LIST) w->nest--;
}

void cc_bwalk_init(cc_bwalk *w, const cc_ast *doc) {
  w->stack = NULL;
  w->depth = w->cap = w->nest = 0;
  if (!doc) return;
  if (doc->type == CC_AST_DOCUMENT)
    push(w, BF_BLOCK, doc, doc->first, NULL, 0, 0);
  else /* any other root reads as a document holding just that node */
    push(w, BF_BLOCK, doc, doc, doc->next, 0, 0);
}

void cc_bwalk_free(cc_bwalk *w) {
  cc_mfree(w->stack);
  w->stack = NULL;
  w->depth = w->cap = 0;
}

long cc_list_start(const cc_ast *list) { return list->start ? list->start : 1; }

static int is_inline(const cc_ast *n) { return !cc_ast_is_block(n); }

int cc_block_visible(const cc_ast *b) {
  switch (b->type) {
  case CC_AST_PARAGRAPH:
  case CC_AST_HEADING:
    return cc_inline_has_content(b->first, b->last);
  case CC_AST_TABLE:
    return cc_table_cols(b) > 0;
  case CC_AST_LIST:
    return b->first != NULL; /* every child shows at least a marker */
  case CC_AST_CODE_BLOCK:
  case CC_AST_RULE:
    return 1;
  case CC_AST_QUOTE:
  case CC_AST_ITEM:
  case CC_AST_DOCUMENT:
    break;
  default: /* inlines, and rows or cells read as text */
    return cc_inline_has_content(b, b);
  }
  for (const cc_ast *n = b->first; n;) {
    int skip = 0;
    switch (n->type) {
    case CC_AST_LIST:
      if (n->first) return 1;
      break;
    case CC_AST_CODE_BLOCK:
    case CC_AST_RULE:
    case CC_AST_IMAGE:
      return 1;
    case CC_AST_TABLE:
      if (cc_table_cols(n)) return 1;
      skip = 1;
      break;
    case CC_AST_CODE:
      if (n->len) return 1;
      break;
    case CC_AST_TEXT:
      for (size_t i = 0; i < n->len; i++)
        if (!strchr(" \t\n\r\f\v", n->text[i])) return 1;
      break;
    default:
      break;
    }
    n = cc_ast_next(b, n, skip);
  }
  return 0;
}

/* The last child of n that shows anything. */
static const cc_ast *last_visible(const cc_ast *n) {
  const cc_ast *c = n->last;
  while (c && !cc_block_visible(c)) c = c->prev;
  return c;
}

/* b ends with a table, possibly at the end of nested lists: cmark-gfm
 * reads what follows such a block as after a blank line. */
static int ends_with_table(const cc_ast *b) {
  while (b) {
    if (b->type == CC_AST_TABLE) return 1;
    if (b->type != CC_AST_LIST) return 0;
    b = b->last;
    if (b && b->type == CC_AST_ITEM) b = last_visible(b);
  }
  return 0;
}

/* The first item of `list` shows something on its first line. */
static int first_item_filled(const cc_ast *list) {
  const cc_ast *it = list->first;
  if (!it) return 0;
  if (it->type != CC_AST_ITEM) return 1;
  for (const cc_ast *c = it->first; c; c = c->next)
    if (cc_block_visible(c)) return 1;
  return 0;
}

enum { TS_NONE, TS_PARA, TS_INLINE, TS_HEADING, TS_LIST };

/* One block of an item for cc_list_tight; returns 0 when it makes the
 * list loose. */
static int tight_step(int *st, const cc_ast *b) {
  if (!cc_block_visible(b)) { /* writes nothing, but ends an inline run */
    if (*st == TS_INLINE) *st = TS_PARA;
    return 1;
  }
  if (is_inline(b)) {
    if (*st == TS_INLINE) return 1; /* same implicit paragraph */
    if (*st != TS_NONE) return 0;
    *st = TS_INLINE;
    return 1;
  }
  switch (b->type) {
  case CC_AST_PARAGRAPH:
  case CC_AST_ROW:
  case CC_AST_CELL:
  case CC_AST_HEADING:
    if (*st != TS_NONE) return 0;
    *st = b->type == CC_AST_HEADING ? TS_HEADING : TS_PARA;
    return 1;
  case CC_AST_RULE: /* opening an item it reads as tight (as cmark has it);
                       after text it would need a blank line (setext) */
    return *st == TS_NONE;
  case CC_AST_LIST:
    if ((*st == TS_PARA || *st == TS_INLINE) &&
        !((b->level == 0 || cc_list_start(b) == 1) && first_item_filled(b)))
      return 0;
    *st = TS_LIST;
    return 1;
  default:
    return 0;
  }
}

int cc_list_tight(const cc_ast *list) {
  int st = TS_NONE;
  int after_table = 0; /* the last block shown (in this item or the one
                          before) ends with a table */
  for (const cc_ast *c = list->first; c; c = c->next) {
    const cc_ast *b = c, *stop = c->next;
    if (c->type == CC_AST_ITEM) {
      if (after_table) return 0;
      st = TS_NONE;
      b = c->first;
      stop = NULL;
    } /* else: a stray child continues the previous item */
    for (; b != stop; b = b->next) {
      if (!cc_block_visible(b)) {
        tight_step(&st, b);
        continue;
      }
      if (after_table || !tight_step(&st, b)) return 0;
      after_table = ends_with_table(b);
    }
  }
  return 1;
}

static int clamp_level(int l) { return l < 1 ? 1 : l > 6 ? 6 : l; }

int cc_bwalk_next(cc_bwalk *w, cc_bev *ev) {
  memset(ev, 0, sizeof *ev);
  for (;;) {
    if (!w->depth) return 0;
    cc_bframe *f = &w->stack[w->depth - 1];
    if (f->kind == BF_LIST) {
      const cc_ast *c = f->cur;
      ev->tight = f->tight;
      if (!c) {
        ev->kind = CC_BEV_LIST_END;
        ev->node = f->node;
        pop(w);
        return 1;
      }
      int tight = f->tight;
      ev->kind = CC_BEV_ITEM;
      ev->node = c;
      if (c->type == CC_AST_ITEM) {
        f->cur = c->next;
        push(w, BF_ITEM, c, c->first, NULL, tight, 0);
      } else { /* a stray child first in the list opens an item */
        push(w, BF_ITEM, c, NULL, NULL, tight, 1);
      }
      return 1;
    }

    /* Next block child of a block container, and the cursor it came from. */
    const cc_ast *c = NULL, *stop = NULL;
    const cc_ast **cursor = NULL;
    if (f->kind == BF_ITEM) {
      if (!f->spill) {
        if (f->cur) {
          c = f->cur;
          cursor = &f->cur;
        } else {
          f->spill = 1;
        }
      }
      if (f->spill) {
        cc_bframe *list = &w->stack[w->depth - 2];
        if (list->cur && list->cur->type != CC_AST_ITEM) {
          c = list->cur;
          cursor = &list->cur;
        }
      }
    } else if (f->cur != f->stop) {
      c = f->cur;
      stop = f->stop;
      cursor = &f->cur;
    }
    if (!c) {
      int kind = f->kind;
      ev->node = f->node;
      ev->tight = f->tight;
      pop(w);
      if (kind == BF_QUOTE) {
        ev->kind = CC_BEV_QUOTE_END;
        return 1;
      }
      if (kind == BF_ITEM) {
        ev->kind = CC_BEV_ITEM_END;
        return 1;
      }
      continue;
    }

    /* (a block frame is tight only when it flattens what is nested too
     * deep inside an item of a tight list) */
    ev->tight = f->kind == BF_ITEM || f->kind == BF_BLOCK ? f->tight : 0;
    if (is_inline(c)) { /* a run of inlines is an implicit paragraph */
      const cc_ast *last = c;
      while (last->next && last->next != stop && is_inline(last->next)) last = last->next;
      *cursor = last->next;
      ev->kind = CC_BEV_PARA;
      ev->node = c;
      ev->first = c;
      ev->last = last;
      return 1;
    }
    *cursor = c->next;
    ev->node = c;
    switch (c->type) {
    case CC_AST_PARAGRAPH:
      ev->kind = CC_BEV_PARA;
      ev->first = c->first;
      ev->last = c->last;
      return 1;
    case CC_AST_HEADING:
      ev->kind = CC_BEV_HEADING;
      ev->level = clamp_level(c->level);
      ev->first = c->first;
      ev->last = c->last;
      return 1;
    case CC_AST_ROW:
    case CC_AST_CELL: /* outside a table: its text as a paragraph */
      ev->kind = CC_BEV_PARA;
      ev->first = ev->last = c;
      return 1;
    case CC_AST_CODE_BLOCK:
      ev->kind = CC_BEV_CODE;
      return 1;
    case CC_AST_RULE:
      ev->kind = CC_BEV_RULE;
      return 1;
    case CC_AST_TABLE:
      ev->kind = CC_BEV_TABLE;
      return 1;
    case CC_AST_QUOTE:
      if (w->nest >= CC_RENDER_MAX_NEST) { /* too deep: its blocks only */
        push(w, BF_BLOCK, c, c->first, NULL, ev->tight, 0);
        continue;
      }
      ev->kind = CC_BEV_QUOTE;
      push(w, BF_QUOTE, c, c->first, NULL, 0, 0);
      return 1;
    case CC_AST_LIST: {
      if (w->nest >= CC_RENDER_MAX_NEST) { /* too deep: items read as blocks */
        push(w, BF_BLOCK, c, c->first, NULL, ev->tight, 0);
        continue;
      }
      int tight = cc_list_tight(c);
      ev->kind = CC_BEV_LIST;
      ev->ordered = c->level != 0;
      ev->start = cc_list_start(c);
      ev->tight = tight;
      push(w, BF_LIST, c, c->first, NULL, tight, 0);
      return 1;
    }
    default: /* an item outside a list, a nested document: transparent */
      push(w, BF_BLOCK, c, c->first, NULL, ev->tight, 0);
      continue;
    }
  }
}

/* ---- inline walk --------------------------------------------------- */

void cc_iwalk_init(cc_iwalk *w, const cc_ast *first, const cc_ast *last) {
  w->n = first;
  w->last = last;
  w->link = NULL;
  w->depth = 0;
  w->leaving = 0;
}

int cc_iwalk_next(cc_iwalk *w, cc_iev *ev) {
  while (w->n) {
    const cc_ast *n = w->n;
    int has = 0;
    ev->node = n;
    ev->text = NULL;
    ev->len = 0;
    if (!w->leaving) {
      int descend = 0;
      switch (n->type) {
      case CC_AST_TEXT:
        if (n->len && n->text) {
          ev->kind = CC_IEV_TEXT;
          ev->text = n->text;
          ev->len = n->len;
          has = 1;
        }
        break;
      case CC_AST_CODE:
      case CC_AST_CODE_BLOCK: /* a code block flattened into a line */
        if (n->len && n->text) {
          ev->kind = CC_IEV_CODE;
          ev->text = n->text;
          ev->len = n->len;
          has = 1;
        }
        break;
      case CC_AST_BREAK:
        ev->kind = CC_IEV_BREAK;
        has = 1;
        break;
      case CC_AST_IMAGE:
        ev->kind = CC_IEV_IMAGE;
        has = 1;
        break;
      case CC_AST_LINK:
        if (n->url && !w->link) {
          w->link = n;
          ev->kind = CC_IEV_LINK;
          has = 1;
        }
        descend = 1;
        break;
      case CC_AST_EMPH:
      case CC_AST_STRONG:
        ev->kind = n->type == CC_AST_EMPH ? CC_IEV_EMPH : CC_IEV_STRONG;
        has = 1;
        descend = 1;
        break;
      case CC_AST_SPAN:
        ev->kind = CC_IEV_SPAN;
        has = 1;
        descend = 1;
        break;
      case CC_AST_FNREF:
        if (n->len && n->text) {
          ev->kind = CC_IEV_FNREF;
          ev->text = n->text;
          ev->len = n->len;
          has = 1;
        }
        break;
      case CC_AST_RULE:
        ev->kind = CC_IEV_SPACE;
        has = 1;
        break;
      default:
        if (cc_ast_is_block(n)) { /* flattened: a space at each side */
          ev->kind = CC_IEV_SPACE;
          has = 1;
          descend = 1;
        }
        break; /* unknown node types are skipped */
      }
      if (descend && n->first) {
        w->n = n->first;
        w->depth++;
      } else {
        w->leaving = 1;
      }
      if (has) return 1;
      continue;
    }
    /* leaving n */
    switch (n->type) {
    case CC_AST_LINK:
      if (w->link == n) {
        w->link = NULL;
        ev->kind = CC_IEV_LINK_END;
        has = 1;
      }
      break;
    case CC_AST_EMPH:
      ev->kind = CC_IEV_EMPH_END;
      has = 1;
      break;
    case CC_AST_STRONG:
      ev->kind = CC_IEV_STRONG_END;
      has = 1;
      break;
    case CC_AST_SPAN:
      ev->kind = CC_IEV_SPAN_END;
      has = 1;
      break;
    case CC_AST_RULE:
    case CC_AST_CODE_BLOCK:
      break;
    default:
      if (cc_ast_is_block(n)) {
        ev->kind = CC_IEV_SPACE;
        has = 1;
      }
      break;
    }
    if (w->depth == 0) {
      if (n == w->last || !n->next) {
        w->n = NULL;
      } else {
        w->n = n->next;
        w->leaving = 0;
      }
    } else if (n->next) {
      w->n = n->next;
      w->leaving = 0;
    } else {
      w->n = n->parent;
      w->depth--;
    }
    if (has) return 1;
  }
  return 0;
}

static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int cc_inline_has_content(const cc_ast *first, const cc_ast *last) {
  cc_iwalk w;
  cc_iev ev;
  cc_iwalk_init(&w, first, last);
  while (cc_iwalk_next(&w, &ev)) {
    if (ev.kind == CC_IEV_CODE || ev.kind == CC_IEV_IMAGE || ev.kind == CC_IEV_FNREF) return 1;
    if (ev.kind == CC_IEV_TEXT)
      for (size_t i = 0; i < ev.len; i++)
        if (!is_space((unsigned char)ev.text[i])) return 1;
  }
  return 0;
}

/* Appends s collapsing whitespace; *pend carries a pending space across
 * calls, `start` is where this text began in out. */
static void put_collapsing(cc_buf *out, const char *s, size_t n, int *pend, size_t start) {
  size_t i = 0;
  while (i < n) {
    if (is_space((unsigned char)s[i])) {
      *pend = 1;
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && !is_space((unsigned char)s[j])) j++;
    if (*pend && out->len > start) cc_buf_putc(out, ' ');
    *pend = 0;
    cc_buf_put(out, s + i, j - i);
    i = j;
  }
}

void cc_put_collapsed(cc_buf *out, const char *s, size_t len) {
  int pend = 0;
  put_collapsing(out, s, len, &pend, out->len);
}

void cc_inline_plain(const cc_ast *first, const cc_ast *last, cc_buf *out) {
  cc_iwalk w;
  cc_iev ev;
  int pend = 0;
  size_t start = out->len;
  cc_iwalk_init(&w, first, last);
  while (cc_iwalk_next(&w, &ev)) {
    if (ev.kind == CC_IEV_TEXT || ev.kind == CC_IEV_CODE)
      put_collapsing(out, ev.text, ev.len, &pend, start);
    else if (ev.kind == CC_IEV_BREAK || ev.kind == CC_IEV_SPACE)
      pend = 1;
  }
}

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

int cc_ast_has_image(const cc_ast *doc) {
  for (const cc_ast *n = doc; n; n = cc_ast_next(doc, n, 0))
    if (n->type == CC_AST_IMAGE) return 1;
  return 0;
}

int cc_starts_with_title(const cc_ast *doc, const char *title) {
  if (!doc || !title) return 0;
  cc_bwalk w;
  cc_bev ev;
  int r = 0;
  cc_bwalk_init(&w, doc);
  while (cc_bwalk_next(&w, &ev)) {
    if (ev.kind == CC_BEV_PARA && !cc_inline_has_content(ev.first, ev.last)) continue;
    if (ev.kind == CC_BEV_HEADING) {
      cc_buf a = CC_BUF_INIT, b = CC_BUF_INIT;
      cc_inline_plain(ev.first, ev.last, &a);
      cc_put_collapsed(&b, title, strlen(title));
      if (a.len == b.len) {
        r = 1;
        for (size_t i = 0; i < a.len && r; i++)
          r = ascii_lower((unsigned char)a.data[i]) == ascii_lower((unsigned char)b.data[i]);
      }
      cc_buf_free(&a);
      cc_buf_free(&b);
    }
    break;
  }
  cc_bwalk_free(&w);
  return r;
}

/* ---- tables --------------------------------------------------------- */

void cc_row_cells(const cc_ast *row, const cc_ast **first, const cc_ast **stop) {
  if (row->type == CC_AST_ROW) {
    *first = row->first;
    *stop = NULL;
  } else {
    *first = row;
    *stop = row->next;
  }
}

void cc_cell_content(const cc_ast *cell, const cc_ast **first, const cc_ast **last) {
  if (cell->type == CC_AST_CELL) {
    *first = cell->first;
    *last = cell->last;
  } else {
    *first = *last = cell;
  }
}

int cc_cell_span(const cc_ast *cell) {
  if (cell->type != CC_AST_CELL || cell->start <= 1) return 1;
  return cell->start > CC_MAX_COLSPAN ? CC_MAX_COLSPAN : cell->start;
}

int cc_cell_is_header(const cc_ast *cell) {
  return cell->type == CC_AST_CELL && cell->level != 0;
}

size_t cc_table_cols(const cc_ast *table) {
  size_t cols = 0;
  for (const cc_ast *row = table->first; row && cols < CC_MAX_COLS; row = row->next) {
    const cc_ast *c, *stop;
    size_t n = 0;
    cc_row_cells(row, &c, &stop);
    for (; c != stop && n < CC_MAX_COLS; c = c->next) n += (size_t)cc_cell_span(c);
    if (n > cols) cols = n;
  }
  return cols < CC_MAX_COLS ? cols : CC_MAX_COLS;
}

int cc_cell_place(size_t *col, size_t ncols, const cc_ast *cell) {
  if (*col >= ncols) return 0;
  size_t span = (size_t)cc_cell_span(cell);
  if (span > ncols - *col) span = ncols - *col;
  *col += span;
  return (int)span;
}

size_t cc_table_header_rows(const cc_ast *table) {
  if (table->level <= 0) return 0;
  size_t rows = 0;
  for (const cc_ast *row = table->first; row && rows < (size_t)table->level; row = row->next)
    rows++;
  return rows;
}

/* ---- UTF-8 ---------------------------------------------------------- */

size_t cc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  if (!n) return 0;
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    if (n < 2 || (s[1] & 0xC0) != 0x80) return 0;
    *cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    return 2;
  }
  if (c < 0xF0) {
    if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0; /* overlong */
    if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
    *cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    return 3;
  }
  if (c < 0xF5) {
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && s[1] < 0x90) return 0; /* overlong */
    if (c == 0xF4 && s[1] >= 0x90) return 0; /* past U+10FFFF */
    *cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    return 4;
  }
  return 0;
}

int cc_utf8_valid(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  uint32_t cp;
  while (i < n) {
    if (u[i] < 0x80) {
      i++;
      continue;
    }
    size_t k = cc_utf8_decode(u + i, n - i, &cp);
    if (!k) return 0;
    i += k;
  }
  return 1;
}

void cc_utf8_put_cp(cc_buf *out, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | (cp >> 6));
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | (cp >> 12));
    b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (char)(0xF0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  cc_buf_put(out, b, n);
}

void cc_utf8_put_sanitized(cc_buf *out, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, run = 0;
  uint32_t cp;
  cc_buf_reserve(out, n);
  while (i < n) {
    if (u[i] < 0x80) {
      i++;
      continue;
    }
    size_t k = cc_utf8_decode(u + i, n - i, &cp);
    if (k) {
      i += k;
      continue;
    }
    cc_buf_put(out, s + run, i - run);
    cc_utf8_put_cp(out, 0xFFFD);
    run = ++i;
  }
  cc_buf_put(out, s + run, i - run);
}

static int class_of_cp(uint32_t c) {
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
      return CC_CH_WS;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      return CC_CH_ALNUM;
    if (c > 0x20 && c < 0x7F) return CC_CH_PUNCT;
    return CC_CH_AMBIG; /* control characters */
  }
  /* Unicode spaces (Zs) */
  if (c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
      c == 0x205F || c == 0x3000)
    return CC_CH_WS;
  /* punctuation we are sure of: Latin-1 marks, general punctuation, CJK
   * brackets and stops */
  if (c == 0xA1 || c == 0xA7 || c == 0xAB || c == 0xB6 || c == 0xB7 || c == 0xBB ||
      c == 0xBF || (c >= 0x2010 && c <= 0x2027) ||
      (c >= 0x2030 && c <= 0x205E && c != 0x2044 && c != 0x2052) ||
      (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
      (c >= 0x3014 && c <= 0x301F))
    return CC_CH_PUNCT;
  /* letters (and combining marks) of common scripts */
  if (c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
      (c >= 0x300 && c <= 0x36F) || (c >= 0x391 && c <= 0x3C9) || (c >= 0x400 && c <= 0x481) ||
      (c >= 0x48A && c <= 0x52F) || (c >= 0x5D0 && c <= 0x5EA) || (c >= 0x620 && c <= 0x64A) ||
      (c >= 0x900 && c <= 0x963) || (c >= 0x966 && c <= 0x97F) || (c >= 0x1E00 && c <= 0x1EFF) ||
      (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3))
    return CC_CH_ALNUM;
  return CC_CH_AMBIG;
}

int cc_char_class_at(const char *s, size_t n) {
  if (!n) return CC_CH_END;
  uint32_t cp;
  if (!cc_utf8_decode((const unsigned char *)s, n, &cp)) return CC_CH_AMBIG;
  return class_of_cp(cp);
}

int cc_char_class_before(const char *s, size_t n) {
  if (!n) return CC_CH_WS;
  size_t i = n - 1;
  while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
  return cc_char_class_at(s + i, n - i);
}
