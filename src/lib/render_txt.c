/* render_txt.c — plain text: paragraphs separated by a blank line;
 * headings, list items, quotes and table rows each on their own line;
 * links and emphasis reduced to their text, images omitted. */
#include <string.h>

#include "render.h"

static void inlines(const cc_ast *leaf, cc_buf *out) {
  for (const cc_ast *n = leaf->first; n; n = cc_ast_next(leaf, n, 0)) {
    switch (n->type) {
    case CC_AST_TEXT:
    case CC_AST_CODE:
      cc_buf_put(out, n->text, n->len);
      break;
    case CC_AST_BREAK:
      cc_buf_rtrim(out, " ");
      cc_buf_putc(out, '\n');
      break;
    default:
      break;
    }
  }
}

/* Starts a new block: a blank line before it, or a single newline when it
 * continues a run of list items / rows (tight). */
static void sep(cc_buf *out, int tight) {
  if (!out->len) return;
  cc_buf_rtrim(out, " \n");
  cc_buf_puts(out, tight ? "\n" : "\n\n");
}

static void block(const cc_ast *n, cc_buf *out, int depth, int tight);

static void children(const cc_ast *n, cc_buf *out, int depth, int tight) {
  /* Iterating siblings, recursing into nested blocks: bounded by the DOM
   * depth limit, which bounds AST nesting. */
  for (const cc_ast *c = n->first; c; c = c->next) block(c, out, depth, tight);
}

static void block(const cc_ast *n, cc_buf *out, int depth, int tight) {
  switch (n->type) {
  case CC_AST_PARAGRAPH:
  case CC_AST_HEADING:
    sep(out, tight);
    inlines(n, out);
    break;
  case CC_AST_CODE_BLOCK:
    sep(out, tight);
    cc_buf_put(out, n->text, n->len);
    break;
  case CC_AST_LIST: {
    int num = n->start ? n->start : 1;
    int first = 1;
    for (const cc_ast *it = n->first; it; it = it->next) {
      sep(out, !first || tight);
      first = 0;
      for (int i = 0; i < depth; i++) cc_buf_puts(out, "  ");
      if (n->level)
        cc_buf_printf(out, "%d. ", num++);
      else
        cc_buf_puts(out, "- ");
      size_t mark = out->len;
      int firstb = 1;
      for (const cc_ast *c = it->first; c; c = c->next) {
        if (c->type == CC_AST_LIST) {
          block(c, out, depth + 1, 1);
        } else if (firstb && (c->type == CC_AST_PARAGRAPH || c->type == CC_AST_HEADING)) {
          inlines(c, out);
        } else {
          size_t before = out->len;
          block(c, out, depth + 1, 1);
          (void)before;
        }
        firstb = 0;
      }
      (void)mark;
    }
    break;
  }
  case CC_AST_QUOTE:
  case CC_AST_ITEM:
    children(n, out, depth, tight);
    break;
  case CC_AST_TABLE: {
    int first = 1;
    for (const cc_ast *row = n->first; row; row = row->next) {
      sep(out, !first || tight);
      first = 0;
      int fc = 1;
      for (const cc_ast *cell = row->first; cell; cell = cell->next) {
        if (!fc) cc_buf_puts(out, " | ");
        fc = 0;
        size_t before = out->len;
        inlines(cell, out);
        /* a cell is one line */
        for (size_t i = before; i < out->len; i++)
          if (out->data[i] == '\n') out->data[i] = ' ';
      }
    }
    break;
  }
  default:
    break;
  }
}

void cc_render_txt(const cc_ast *doc, cc_buf *out) {
  children(doc, out, 0, 0);
  cc_buf_rtrim(out, " \n");
  if (out->len) cc_buf_putc(out, '\n');
}
