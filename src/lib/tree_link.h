/* tree_link.h — the linking of a node into its parent's child list, for
 * the two trees that share the same link fields (parent, first, last,
 * next, prev): the DOM (dom.h) and the article tree (ast.h). Macros, so
 * one definition serves both node types. */
#ifndef CC_TREE_LINK_H
#define CC_TREE_LINK_H

#include <stddef.h>

/* Appends child as the last child of parent. */
#define CC_TREE_APPEND(parent_, child_)        \
  do {                                         \
    (child_)->parent = (parent_);              \
    (child_)->next = NULL;                     \
    (child_)->prev = (parent_)->last;          \
    if ((parent_)->last)                       \
      (parent_)->last->next = (child_);        \
    else                                       \
      (parent_)->first = (child_);             \
    (parent_)->last = (child_);                \
  } while (0)

/* Links n (unlinked) as the sibling just before ref (linked). */
#define CC_TREE_INSERT_BEFORE(ref_, n_)        \
  do {                                         \
    (n_)->parent = (ref_)->parent;             \
    (n_)->next = (ref_);                       \
    (n_)->prev = (ref_)->prev;                 \
    if ((ref_)->prev)                          \
      (ref_)->prev->next = (n_);               \
    else                                       \
      (ref_)->parent->first = (n_);            \
    (ref_)->prev = (n_);                       \
  } while (0)

/* Unlinks n from its parent (a no-op for a root); n keeps its subtree. */
#define CC_TREE_UNLINK(n_)                     \
  do {                                         \
    if (!(n_)->parent) break;                  \
    if ((n_)->prev)                            \
      (n_)->prev->next = (n_)->next;           \
    else                                       \
      (n_)->parent->first = (n_)->next;        \
    if ((n_)->next)                            \
      (n_)->next->prev = (n_)->prev;           \
    else                                       \
      (n_)->parent->last = (n_)->prev;         \
    (n_)->parent = (n_)->next = (n_)->prev = NULL; \
  } while (0)

#endif
