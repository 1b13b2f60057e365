/* ast.h — the article tree: what extraction produces and renderers read.
 *
 * A small CommonMark-like tree: block nodes (paragraph, heading, list,
 * item, quote, code block, table, row, cell, rule) holding inline nodes
 * (text, link, image, emphasis, strong, code span, line break). Text is
 * already whitespace-collapsed UTF-8, except in code blocks and code
 * spans, which keep their characters. URLs are absolute. All nodes and
 * strings live in the document's arena.
 *
 * The HTML path builds it from the selected DOM (article.c); the text
 * cleaner builds it from kept lines. Renderers (render_*.c) only read it.
 */
#ifndef CC_AST_H
#define CC_AST_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef enum cc_ast_type {
  CC_AST_DOCUMENT = 0,
  /* blocks */
  CC_AST_PARAGRAPH,  /* level: its role, CC_PARA_* (0: plain text) */
  CC_AST_HEADING,    /* level: 1..6 */
  CC_AST_LIST,       /* level: 1 = ordered; start: first number */
  CC_AST_ITEM,       /* children: blocks (usually one paragraph); level: a
                        task list's box, CC_ITEM_* (0: none) */
  CC_AST_QUOTE,      /* children: blocks */
  CC_AST_CODE_BLOCK, /* text: literal, may hold newlines; info: language */
  CC_AST_TABLE,      /* children: rows; level: number of header rows */
  CC_AST_ROW,        /* children: cells */
  CC_AST_CELL,       /* level: 1 = header cell; children: inlines */
  CC_AST_RULE,
  /* inlines */
  CC_AST_TEXT,   /* text */
  CC_AST_LINK,   /* url; title (may be NULL); children: inlines */
  CC_AST_IMAGE,  /* url; text: alt (may be empty); title */
  CC_AST_EMPH,   /* children: inlines */
  CC_AST_STRONG, /* children: inlines */
  CC_AST_CODE,   /* text: literal */
  CC_AST_BREAK,  /* hard line break */
  CC_AST_SPAN,   /* level: CC_SPAN_*; children: inlines */
  CC_AST_FNREF   /* a footnote reference: text = its label ("1"); url =
                    the note's anchor ("#fn1"), NULL once matched */
} cc_ast_type;

/* What a paragraph is, beyond text (renderers show each its own way). */
enum {
  CC_PARA_TEXT = 0,
  CC_PARA_CAPTION,  /* a figure's descriptive caption (its children: one EMPH) */
  CC_PARA_EMBED,    /* a video, audio or post embed: one LINK to it */
  CC_PARA_FOOTNOTE, /* a footnote's text; text = its label */
  CC_PARA_TERM,     /* a definition list's term */
  CC_PARA_DEF       /* ... and a definition of it */
};

/* Inline spans of meaning. */
enum { CC_SPAN_DEL = 1, CC_SPAN_SUP, CC_SPAN_SUB, CC_SPAN_MARK };

/* A task list item's box. */
enum { CC_ITEM_TODO = 1, CC_ITEM_DONE };

typedef struct cc_ast {
  struct cc_ast *parent, *first, *last, *next, *prev;
  cc_ast_type type;
  int level;
  int start;
  const char *text; /* NUL-terminated */
  size_t len;
  const char *url;   /* LINK, IMAGE */
  const char *title; /* LINK, IMAGE: title attribute; CODE_BLOCK: info */
  uint32_t src;      /* id of the DOM node it came from (0 = none) */
} cc_ast;

static inline int cc_ast_is_block(const cc_ast *n) {
  return n->type <= CC_AST_RULE;
}

cc_ast *cc_ast_new(cc_arena *a, cc_ast_type t);
void cc_ast_append(cc_ast *parent, cc_ast *child);
void cc_ast_remove(cc_ast *n);
/* Pre-order successor within the subtree of top (iterative walks). */
cc_ast *cc_ast_next(const cc_ast *top, const cc_ast *n, int skip_children);
/* Appends a TEXT child holding a copy of s[0..n). */
cc_ast *cc_ast_add_text(cc_arena *a, cc_ast *parent, const char *s, size_t n);

/* A copy of the tree in arena a without what `drop` names: images, tables
 * (with all they hold), links (their content stays in their place). The
 * copy shares the original's strings. Iterative: depth is no concern. */
enum { CC_AST_DROP_IMAGES = 1u << 0, CC_AST_DROP_LINKS = 1u << 1, CC_AST_DROP_TABLES = 1u << 2 };
cc_ast *cc_ast_copy_view(cc_arena *a, const cc_ast *doc, unsigned drop);

#endif
