/* ast.c — building and walking the article tree (see ast.h). */
#include "ast.h"

#include <string.h>

cc_ast *cc_ast_new(cc_arena *a, cc_ast_type t) {
  cc_ast *n = cc_arena_calloc(a, sizeof *n);
  n->type = t;
  return n;
}

void cc_ast_append(cc_ast *parent, cc_ast *child) {
  child->parent = parent;
  child->next = NULL;
  child->prev = parent->last;
  if (parent->last)
    parent->last->next = child;
  else
    parent->first = child;
  parent->last = child;
}

void cc_ast_remove(cc_ast *n) {
  cc_ast *p = n->parent;
  if (!p) return;
  if (n->prev)
    n->prev->next = n->next;
  else
    p->first = n->next;
  if (n->next)
    n->next->prev = n->prev;
  else
    p->last = n->prev;
  n->parent = n->next = n->prev = NULL;
}

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
