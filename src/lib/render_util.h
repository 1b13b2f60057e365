/* render_util.h — what the renderers (render_*.c) share.
 *
 * The article tree is usually well formed (article.c builds it), but a
 * renderer must be safe on any shape. This module owns the one place that
 * decides how an odd shape reads, so that txt, md and html agree:
 *
 *   - The block walk (cc_bwalk) turns the tree into a stream of block
 *     events. Runs of inline nodes where blocks are expected form an
 *     implicit paragraph; a list child that is not an item continues the
 *     previous item (or opens one when it comes first); an item outside a
 *     list and a nested document are transparent; a cell or row outside a
 *     table reads as a paragraph. The walk keeps its own heap stack, so
 *     nesting depth never touches the C stack.
 *   - The inline walk (cc_iwalk) streams the inline content of a leaf:
 *     blocks found inside inline content are flattened into their text
 *     with a space at each boundary; a link inside a link keeps only its
 *     text. It needs no stack at all (it follows parent links).
 *   - Tables: a row's cells (cc_row_cells), a cell's content and span, and
 *     the grid width. A table child that is not a row reads as a row of one
 *     cell; a row child that is not a cell reads as a cell.
 *   - Degenerate structure is capped here, for every format: quotes and
 *     lists nested deeper than CC_RENDER_MAX_NEST read as their blocks (a
 *     Markdown line repeats every level's prefix, so depth would multiply
 *     the output), and a table has at most CC_MAX_COLS columns (rows are
 *     padded to the grid width): cells past the last column join it.
 *   - List tightness, one definition for md and html (CommonMark's).
 *   - UTF-8 decoding and character classes, and the plain text of a range
 *     of inline nodes (to compare a heading with the page title).
 */
#ifndef CC_RENDER_UTIL_H
#define CC_RENDER_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "buf.h"

/* ---- block walk ---------------------------------------------------- */

typedef enum cc_bev_kind {
  CC_BEV_PARA,      /* inline content in first..last (either may be NULL) */
  CC_BEV_HEADING,   /* node; level 1..6; inline content in first..last */
  CC_BEV_CODE,      /* node: code block (text, title = info) */
  CC_BEV_RULE,
  CC_BEV_TABLE,     /* node: read it with cc_row_cells() and friends */
  CC_BEV_QUOTE,
  CC_BEV_QUOTE_END,
  CC_BEV_LIST,      /* node; ordered; start; tight */
  CC_BEV_LIST_END,
  CC_BEV_ITEM,      /* node: the item, or the stray list child opening it */
  CC_BEV_ITEM_END
} cc_bev_kind;

typedef struct cc_bev {
  cc_bev_kind kind;
  const cc_ast *node;
  const cc_ast *first, *last; /* PARA, HEADING: inline range */
  int level;                  /* HEADING */
  int ordered;                /* LIST */
  long start;                 /* LIST: first number (AST default 0 read as 1) */
  int tight;                  /* LIST, ITEM: the list is tight; any other
                                 event: it sits directly in an item of a
                                 tight list */
} cc_bev;

typedef struct cc_bframe cc_bframe;

/* Quotes and lists nested deeper than this are not opened: their blocks
 * read as blocks of the deepest one shown. */
#define CC_RENDER_MAX_NEST 8

typedef struct cc_bwalk {
  cc_bframe *stack;
  size_t depth, cap;
  size_t nest; /* quotes and lists open */
} cc_bwalk;

void cc_bwalk_init(cc_bwalk *w, const cc_ast *doc);
/* Fills *ev and returns 1, or returns 0 at the end. */
int cc_bwalk_next(cc_bwalk *w, cc_bev *ev);
void cc_bwalk_free(cc_bwalk *w);

/* CommonMark tightness, counting only blocks that show: every item holds
 * at most one paragraph or heading, first (after rules, if any), followed
 * only by lists, and a list right after a paragraph is one that may
 * interrupt it (a bullet list, or an ordered list starting at 1, whose
 * first item is not empty). Also loose (as cmark-gfm reads it): a nested
 * list ending with a table, followed by anything. */
int cc_list_tight(const cc_ast *list);
/* 1 when a block (or an inline node where blocks go) shows anything in
 * md or html: text, code, an image, a rule, a list item, a table cell. */
int cc_block_visible(const cc_ast *b);
/* The first number of an ordered list (0 in the tree means 1). */
long cc_list_start(const cc_ast *list);

/* ---- inline walk --------------------------------------------------- */

typedef enum cc_iev_kind { /* LINK and after: wrappers' ends (keep last) */
  CC_IEV_TEXT,  /* text, len (never empty) */
  CC_IEV_CODE,  /* text, len: code span (never empty) */
  CC_IEV_BREAK, /* hard line break */
  CC_IEV_SPACE, /* boundary of a flattened block: reads as whitespace */
  CC_IEV_IMAGE, /* node: url, text = alt, title */
  CC_IEV_FNREF, /* node: a footnote reference; text, len: its label */
  CC_IEV_LINK,  /* node: url, title */
  CC_IEV_LINK_END,
  CC_IEV_EMPH,
  CC_IEV_EMPH_END,
  CC_IEV_STRONG,
  CC_IEV_STRONG_END,
  CC_IEV_SPAN,  /* node: a span of meaning, its kind in node->level */
  CC_IEV_SPAN_END
} cc_iev_kind;

typedef struct cc_iev {
  cc_iev_kind kind;
  const cc_ast *node;
  const char *text;
  size_t len;
} cc_iev;

typedef struct cc_iwalk {
  const cc_ast *n;    /* current node (NULL: done) */
  const cc_ast *last; /* last node of the range's top level */
  const cc_ast *link; /* the link whose markup is open */
  size_t depth;       /* levels below the range's top level */
  int leaving;        /* n's children are done; its end is due */
} cc_iwalk;

/* Walks first..last (siblings) and their descendants. last == NULL walks
 * to the end of first's siblings; first == NULL is an empty range. */
void cc_iwalk_init(cc_iwalk *w, const cc_ast *first, const cc_ast *last);
int cc_iwalk_next(cc_iwalk *w, cc_iev *ev);

/* 1 when the range holds something visible (non-blank text, code, image). */
int cc_inline_has_content(const cc_ast *first, const cc_ast *last);
/* Appends the range's text (code included, images left out) with
 * whitespace collapsed and trimmed. */
void cc_inline_plain(const cc_ast *first, const cc_ast *last, cc_buf *out);
/* Appends s with whitespace runs collapsed to one space, trimmed. */
void cc_put_collapsed(cc_buf *out, const char *s, size_t len);
/* 1 when the document's first block is a heading whose plain text equals
 * `title` (whitespace-collapsed, ASCII case-insensitive). */
int cc_starts_with_title(const cc_ast *doc, const char *title);
/* 1 when the document holds an image (a lead image would repeat it). */
int cc_ast_has_image(const cc_ast *doc);

/* ---- tables --------------------------------------------------------- */

#define CC_MAX_COLSPAN 100
#define CC_MAX_COLS 100

/* The cells of a table child: iterate c = *first; c != stop; c = c->next. */
void cc_row_cells(const cc_ast *row, const cc_ast **first, const cc_ast **stop);
/* A cell's inline content range (a stray non-cell is its own content). */
void cc_cell_content(const cc_ast *cell, const cc_ast **first, const cc_ast **last);
/* Columns a cell spans: 1..CC_MAX_COLSPAN. */
int cc_cell_span(const cc_ast *cell);
int cc_cell_is_header(const cc_ast *cell);
/* Grid width: the widest row, counting spans; at most CC_MAX_COLS. */
size_t cc_table_cols(const cc_ast *table);
/* Places a row's next cell on a grid `ncols` wide, *col being the next
 * free column: returns the columns it spans (clipped at the grid's edge)
 * and advances *col, or returns 0 when the grid is full (the cell's
 * content then joins the last cell). */
int cc_cell_place(size_t *col, size_t ncols, const cc_ast *cell);
/* Header rows: the table's level, at most the number of rows. */
size_t cc_table_header_rows(const cc_ast *table);

/* ---- UTF-8 ---------------------------------------------------------- */

/* Decodes one well-formed UTF-8 character (no overlongs, surrogates or
 * values past U+10FFFF) at s[0..n); returns its length and sets *cp, or
 * returns 0 when the bytes there are not one. */
size_t cc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* 1 when s[0..n) is entirely well-formed UTF-8. */
int cc_utf8_valid(const char *s, size_t n);
/* Appends s, each ill-formed byte replaced by U+FFFD. */
void cc_utf8_put_sanitized(cc_buf *out, const char *s, size_t n);
void cc_utf8_put_cp(cc_buf *out, uint32_t cp);

/* Character classes (CommonMark's flanking rules need them). AMBIG is a
 * non-ASCII character we do not know to be a letter or punctuation: a
 * caller picks the safe reading for its use. */
enum { CC_CH_WS, CC_CH_PUNCT, CC_CH_ALNUM, CC_CH_AMBIG, CC_CH_END };
/* Class of the character starting at s[0..n) (CC_CH_END when n == 0). */
int cc_char_class_at(const char *s, size_t n);
/* Class of the last character of s[0..n) (CC_CH_WS when n == 0). */
int cc_char_class_before(const char *s, size_t n);

#endif
