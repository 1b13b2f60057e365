/* preclean.c — structural pre-cleaning of the body (see preclean.h). */
#include "preclean.h"
#include "oom.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Finds `prop` followed by ':' and `val` in a CSS declaration list,
 * ignoring case and whitespace: "Display : NONE !important" matches. */
static int style_has(const char *s, const char *prop, const char *val) {
  size_t pl = strlen(prop), vl = strlen(val);
  for (const char *p = s; *p; p++) {
    if ((*p | 0x20) != prop[0]) continue;
    if (p > s && (((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z') || p[-1] == '-'))
      continue; /* part of a longer property name */
    size_t i = 0;
    while (i < pl && p[i] && (p[i] | 0x20) == prop[i]) i++;
    if (i < pl) continue;
    const char *q = p + pl;
    while (*q == ' ' || *q == '\t' || *q == '\n') q++;
    if (*q != ':') continue;
    q++;
    while (*q == ' ' || *q == '\t' || *q == '\n') q++;
    size_t j = 0;
    while (j < vl && q[j] && (q[j] | 0x20) == val[j]) j++;
    if (j == vl) {
      char c = q[vl];
      if (c == '\0' || c == ';' || c == ' ' || c == '!' || c == '\t' || c == '\n')
        return 1;
    }
  }
  return 0;
}

int cc_node_is_hidden(const cc_node *n) {
  for (unsigned i = 0; i < n->nattrs; i++) {
    const char *k = n->attrs[i].name, *v = n->attrs[i].value;
    switch (k[0]) {
    case 'h':
      if (strcmp(k, "hidden") == 0) return 1;
      break;
    case 'a':
      if (strcmp(k, "aria-hidden") == 0 && strcasecmp(v, "true") == 0) return 1;
      break;
    case 's':
      if (strcmp(k, "style") == 0 &&
          (style_has(v, "display", "none") || style_has(v, "visibility", "hidden")))
        return 1;
      break;
    case 't':
      if (n->tag == CC_TAG_INPUT && strcmp(k, "type") == 0 && strcasecmp(v, "hidden") == 0)
        return 1;
      break;
    }
  }
  if (n->tag == CC_TAG_DIALOG && !cc_node_attr(n, "open")) return 1;
  return 0;
}

void cc_preclean(cc_dom *d, cc_preclean_stats *st) {
  memset(st, 0, sizeof *st);
  cc_node *top = d->body ? d->body : d->root;
  /* Text length per subtree, accumulated bottom-up over ids (children
   * have larger ids than their parent). */
  uint32_t n = d->nnodes;
  uint32_t *tl = cc_calloc(n ? n : 1, sizeof *tl);
  for (uint32_t i = n; i-- > 1;) {
    cc_node *x = d->byid[i];
    if (x->type == CC_NODE_TEXT) {
      /* count non-space bytes only: indentation is not content */
      uint32_t c = 0;
      for (uint32_t k = 0; k < x->len; k++) {
        unsigned char ch = (unsigned char)x->text[k];
        c += !(ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r');
      }
      tl[i] += c;
    }
    if (x->parent) tl[x->parent->id] += tl[i];
  }
  uint32_t body_text = tl[top->id];

  cc_node *x = top->first ? top->first : NULL;
  while (x) {
    int drop = 0;
    if (x->type == CC_NODE_ELEMENT) {
      if (cc_tag_class((cc_tag)x->tag) & CC_TC_DROP) {
        drop = 1;
        st->removed_elements++;
      } else if (cc_node_is_hidden(x)) {
        if (body_text > 0 && tl[x->id] * 2 > body_text) {
          st->kept_hidden++;
        } else {
          drop = 1;
          st->removed_hidden++;
        }
      }
    }
    if (drop) {
      cc_node *nx = cc_dom_next(top, x, 1);
      cc_dom_unlink(x);
      x->flags |= CC_NF_REMOVED;
      x = nx;
    } else {
      x = cc_dom_next(top, x, 0);
    }
  }
  cc_mfree(tl);
  cc_dom_finish(d);
}
