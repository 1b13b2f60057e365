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

/* A link kept from screen readers and from the tab order (aria-hidden,
 * tabindex -1) is shown: it repeats, for the mouse, a link the reader
 * meets anyway (a card's image and excerpt linking to the story its
 * title links to). Hiding it would take the excerpt with it. */
static int mouse_only_link(const cc_node *n) {
  const char *t = n->tag == CC_TAG_A ? cc_node_attr(n, "tabindex") : NULL;
  return t && !strcmp(t, "-1");
}

int cc_node_is_hidden(const cc_node *n) {
  for (unsigned i = 0; i < n->nattrs; i++) {
    const char *k = n->attrs[i].name, *v = n->attrs[i].value;
    switch (k[0]) {
    case 'h':
      if (strcmp(k, "hidden") == 0) return 1;
      break;
    case 'p':
      /* a popover (a menu, a tooltip, a picker) is not rendered until a
       * script or a popovertarget button opens it; a saved page has none
       * open */
      if (strcmp(k, "popover") == 0) return 1;
      break;
    case 'a':
      if (strcmp(k, "aria-hidden") == 0 && strcasecmp(v, "true") == 0 && !mouse_only_link(n))
        return 1;
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

static int str_cmp(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The ids named by disclosure controls: aria-controls on an element that
 * discloses (aria-expanded, aria-selected, or role=tab), unless it opens a
 * popup (aria-haspopup: a menu, a listbox, a dialog), which is the site's
 * furniture, not a part of the page. Sorted, in the arena; *n is their
 * count. */
static const char **panel_ids(cc_dom *d, const cc_node *top, size_t *n) {
  size_t cap = 0;
  const char **v = NULL;
  *n = 0;
  for (const cc_node *x = top; x; x = cc_dom_next(top, x, 0)) {
    if (x->type != CC_NODE_ELEMENT) continue;
    const char *c = cc_node_attr(x, "aria-controls");
    if (!c) continue;
    const char *r = cc_node_attr(x, "role"), *pop = cc_node_attr(x, "aria-haspopup");
    if (pop && strcmp(pop, "false")) continue;
    if (!cc_node_attr(x, "aria-expanded") && !cc_node_attr(x, "aria-selected") &&
        !(r && !strcmp(r, "tab")))
      continue;
    while (*c) { /* an id list: one or more ids, space-separated */
      size_t sp = strspn(c, " \t\n"), len = strcspn(c + sp, " \t\n");
      if (len) {
        if (*n == cap) {
          cap = cap ? cap * 2 : 16;
          const char **nv = cc_arena_alloc(d->arena, cap * sizeof *nv);
          if (*n) memcpy(nv, v, *n * sizeof *nv);
          v = nv;
        }
        v[(*n)++] = cc_arena_strndup(d->arena, c + sp, len);
      }
      c += sp + len;
    }
  }
  if (*n) qsort(v, *n, sizeof *v, str_cmp);
  return v;
}

/* 1 when the element right before x (its previous element sibling) is a
 * question: a short text ending with a question mark. A hidden element
 * after it is its answer, which a click on the question shows (a FAQ
 * toggled by a script, without ARIA). */
static int answers_question(const cc_node *x) {
  const cc_node *q = x->prev;
  while (q && q->type != CC_NODE_ELEMENT) q = q->prev;
  if (!q) return 0;
  char buf[320];
  size_t n = cc_dom_text(q, buf, sizeof buf);
  if (n < 4 || n >= sizeof buf - 1) return 0;
  const char *e = buf + n;
  return e[-1] == '?' || (n >= 3 && !memcmp(e - 3, "\xef\xbc\x9f", 3)); /* ？ */
}

/* 1 when a hidden element is a disclosure panel: a tab's panel, a closed
 * accordion's section, "hidden until found" (the browser's find opens
 * it). The reader opens it with a click: it is the page's content, and
 * what it holds is for the model to judge, not the pre-cleaner. */
static int is_panel(const cc_node *x, const char **ids, size_t nids) {
  const char *h = cc_node_attr(x, "hidden");
  if (h && !strcasecmp(h, "until-found")) return 1;
  const char *r = cc_node_attr(x, "role");
  if (r && !strcmp(r, "tabpanel")) return 1;
  const char *id = cc_node_attr(x, "id");
  if (id && nids && bsearch(&id, ids, nids, sizeof *ids, str_cmp)) return 1;
  return answers_question(x);
}

/* 1 when x is the page's h1, <main> or role=main. */
static int is_main(const cc_node *x) {
  if (x->type != CC_NODE_ELEMENT) return 0;
  if (x->tag == CC_TAG_H1 || x->tag == CC_TAG_MAIN) return 1;
  const char *r = cc_node_attr(x, "role");
  return r && !strcmp(r, "main");
}

void cc_preclean(cc_dom *d, cc_preclean_stats *st) {
  memset(st, 0, sizeof *st);
  cc_node *top = d->body ? d->body : d->root;
  /* Text length per subtree, accumulated bottom-up over ids (children
   * have larger ids than their parent). */
  uint32_t n = d->nnodes;
  uint32_t *tl = cc_calloc(n ? n : 1, sizeof *tl);
  uint8_t *mainish = cc_calloc(n ? n : 1, 1); /* holds an h1 or the main region */
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
    mainish[i] |= (uint8_t)is_main(x);
    if (x->parent) {
      tl[x->parent->id] += tl[i];
      mainish[x->parent->id] |= mainish[i];
    }
  }
  uint32_t body_text = tl[top->id];
  size_t nids;
  const char **ids = panel_ids(d, top, &nids);

  cc_node *x = top->first ? top->first : NULL;
  while (x) {
    int drop = 0;
    if (x->type == CC_NODE_ELEMENT) {
      if (cc_tag_class((cc_tag)x->tag) & CC_TC_DROP) {
        drop = 1;
        st->removed_elements++;
      } else if (cc_node_is_hidden(x) && !is_panel(x, ids, nids)) {
        /* pages saved with a dialog open, or before a script revealed
         * them, hide their article: a hidden subtree holding a good part
         * of the text, or the page's headline or main region, is kept
         * (and marked, for the model) */
        if (body_text > 0 && (tl[x->id] * 4 > body_text || mainish[x->id])) {
          st->kept_hidden++;
          x->flags |= CC_NF_HIDDEN;
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
  cc_mfree(mainish);
  cc_dom_finish(d);
}
