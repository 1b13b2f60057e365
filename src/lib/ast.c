/* ast.c — building and walking the article tree (see ast.h). */
#include "ast.h"

#include <string.h>

#include "tree_link.h"

cc_ast *cc_ast_new(cc_arena *a, cc_ast_type t) {
  cc_ast *n = cc_arena_calloc(a, sizeof *n);
  n->type = t;
  return n;
}

void cc_ast_append(cc_ast *parent, cc_ast *child) { CC_TREE_APPEND(parent, child); }

void cc_ast_remove(cc_ast *n) { CC_TREE_UNLINK(n); }

cc_ast *cc_ast_next(const cc_ast *top, const cc_ast *n, int skip_children) {
  if (!skip_children && n->first) return n->first;
  while (n && n != top) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return NULL;
}

cc_ast *cc_ast_add_text(cc_arena *a, cc_ast *parent, const char *s, size_t n) {
  cc_ast *t = cc_ast_new(a, CC_AST_TEXT);
  t->text = cc_arena_strndup(a, s, n);
  t->len = n;
  cc_ast_append(parent, t);
  return t;
}
