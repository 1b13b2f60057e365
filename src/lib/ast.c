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

static int view_drops(const cc_ast *n, unsigned drop) {
  /* an image's caption goes with it */
  int image = n->type == CC_AST_IMAGE ||
              (n->type == CC_AST_PARAGRAPH && n->level == CC_PARA_CAPTION);
  return (image && (drop & CC_AST_DROP_IMAGES)) ||
         (n->type == CC_AST_TABLE && (drop & CC_AST_DROP_TABLES));
}

static int view_unwraps(const cc_ast *n, unsigned drop) {
  return n->type == CC_AST_LINK && (drop & CC_AST_DROP_LINKS);
}

static cc_ast *clone(cc_arena *a, const cc_ast *s) {
  cc_ast *d = cc_arena_alloc(a, sizeof *d);
  *d = *s;
  d->parent = d->first = d->last = d->next = d->prev = NULL;
  return d;
}

cc_ast *cc_ast_copy_view(cc_arena *a, const cc_ast *doc, unsigned drop) {
  if (!doc) return NULL;
  cc_ast *root = clone(a, doc);
  cc_ast *dp = root; /* where the copies of s and its siblings go */
  const cc_ast *s = doc->first;
  while (s) {
    int keep = !view_drops(s, drop), unwrap = view_unwraps(s, drop);
    cc_ast *d = NULL;
    if (keep && !unwrap) {
      d = clone(a, s);
      cc_ast_append(dp, d);
    }
    if (keep && s->first) { /* descend */
      if (d) dp = d;
      s = s->first;
      continue;
    }
    /* the next sibling, climbing out of finished parents */
    while (s != doc && !s->next) {
      s = s->parent;
      if (s != doc && !view_unwraps(s, drop)) dp = dp->parent;
    }
    s = s == doc ? NULL : s->next;
  }
  return root;
}
