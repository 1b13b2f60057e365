/* article_rich.c — the article's meaning beyond plain text (see
 * article_rich.h): footnote references and notes, embeds, figure captions
 * and their credits, and the tidying of the finished tree. The words it
 * looks for are data, in the tables below. */
#include "article_rich.h"

#include <stdio.h>
#include <string.h>

#include "marks.h"
#include "pipeline.h"
#include "url.h"

/* ---- words ---------------------------------------------------------- */

/* Lowercase substrings of a class, id or role naming a note reference,
 * a back-link, a credit. */
static const char *const noteref_words[] = {"footnote", "fnref", "noteref", "endnote",
                                            "doc-noteref", "cite_ref", "reference"};
/* ... and the names notes are given as anchors (the href's fragment). */
static const char *const target_words[] = {"#fn", "#footnote", "#note", "#cite_note", "#endnote",
                                           "#ref-"};
static const char *const backlink_words[] = {"backref", "footnote-back", "reversefootnote",
                                             "fn-back", "doc-backlink", "backlink"};
static const char *const credit_words[] = {"credit", "copyright", "photographer", "byline",
                                           "source", "attribution"};
/* Back-link marks (UTF-8). */
static const char *const backlink_marks[] = {"\xe2\x86\xa9", "\xe2\x86\x91", "^",
                                             "\xe2\xa4\xb4", "\xe2\x86\xb5"};
/* Labels that start a picture credit inside a caption (lowercase; a
 * caption is cut where one starts). */
static const char *const credit_labels[] = {
    "photo:", "photos:", "photo by", "photograph:", "photography:", "image:", "picture:",
    "pictured:", "credit:", "credits:", "illustration:", "source:", "foto:", "bild:",
    "crédit:", "crédits:", "© ", "(c) ", "copyright ", "photo :", "crédit photo",
    "fotó:", "imagen:", "immagine:", "afbeelding:", "quelle:", "fuente:", "fonte:"};
/* Agencies and libraries a trailing "/ X" or "- X" credit names. */
static const char *const agencies[] = {
    "reuters", "afp", "ap", "getty", "getty images", "epa", "shutterstock", "alamy",
    "istock", "unsplash", "dpa", "anp", "belga", "ansa", "efe", "pa", "xinhua", "sipa",
    "abaca", "imago", "picture alliance", "keystone", "zuma", "bloomberg", "nurphoto",
    "pexels", "pixabay", "wikimedia commons", "wikimedia"};

static int lower_has(const char *v, const char *const *words, size_t n) {
  if (!v) return 0;
  char low[160];
  size_t l = 0;
  for (; v[l] && l < sizeof low - 1; l++) low[l] = (char)(v[l] >= 'A' && v[l] <= 'Z' ? v[l] | 0x20 : v[l]);
  low[l] = '\0';
  for (size_t i = 0; i < n; i++)
    if (strstr(low, words[i])) return 1;
  return 0;
}
#define HAS(v, list) lower_has(v, list, sizeof list / sizeof list[0])

static int named(const cc_node *x, const char *const *words, size_t n) {
  return lower_has(cc_node_attr(x, "class"), words, n) || lower_has(cc_node_attr(x, "id"), words, n) ||
         lower_has(cc_node_attr(x, "role"), words, n) || lower_has(cc_node_attr(x, "rel"), words, n);
}
#define NAMED(x, list) named(x, list, sizeof list / sizeof list[0])

/* ---- footnote references --------------------------------------------- */

/* The text of a small subtree (at most cap-1 bytes), trimmed. */
static size_t small_text(const cc_node *x, char *out, size_t cap) {
  size_t n = cc_dom_text(x, out, cap);
  return n;
}

/* "1", "[2]", "(3)", "*", "†", "a", "iv": a mark (digits, up to three
 * letters, or signs), with brackets stripped; not a word ("Notes"). */
static int mark_label(const char *t, size_t n, char *label, size_t cap) {
  while (n && (*t == '[' || *t == '(' || *t == ' ')) t++, n--;
  while (n && (t[n - 1] == ']' || t[n - 1] == ')' || t[n - 1] == ' ')) n--;
  if (!n || n > 6 || n >= cap) return 0;
  size_t letters = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '[' || c == ']' || c == '\\' || c == '^') return 0;
    letters += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }
  if (letters > 3) return 0;
  memcpy(label, t, n);
  label[n] = '\0';
  return 1;
}

static int page_anchor(const cc_node *a) {
  const char *href = cc_node_attr(a, "href");
  return href && href[0] == '#' && href[1];
}

int cc_rich_fnref(const cc_node *x, char *label, size_t cap) {
  char t[32];
  if (x->tag == CC_TAG_SUP) {
    /* a superscript whose only element is a link to an anchor */
    const cc_node *a = NULL;
    for (const cc_node *c = x->first; c; c = c->next) {
      if (c->type == CC_NODE_ELEMENT) {
        if (a || c->tag != CC_TAG_A) return 0;
        a = c;
      }
    }
    if (!a || !page_anchor(a) || cc_rich_backlink(a)) return 0;
    size_t n = small_text(x, t, sizeof t);
    return n < sizeof t - 1 && mark_label(t, n, label, cap);
  }
  if (x->tag != CC_TAG_A || !page_anchor(x) || cc_rich_backlink(x)) return 0;
  /* a link by itself: when it says it is a note reference (its class, or
   * its target's name: #fn3, #footnote-3, #note3, #cite_note-3), or holds
   * only a superscript (<a href="#fn3"><sup>[3]</sup></a>) */
  const cc_node *only = NULL;
  int several = 0;
  for (const cc_node *c = x->first; c; c = c->next)
    if (c->type == CC_NODE_ELEMENT) several += only != NULL, only = c;
  if (!NAMED(x, noteref_words) && !(x->parent && NAMED(x->parent, noteref_words)) &&
      !HAS(cc_node_attr(x, "href"), target_words) &&
      !(only && !several && only->tag == CC_TAG_SUP))
    return 0;
  size_t n = small_text(x, t, sizeof t);
  return n < sizeof t - 1 && mark_label(t, n, label, cap);
}

int cc_rich_backlink(const cc_node *a) {
  if (a->tag != CC_TAG_A || !page_anchor(a)) return 0;
  if (NAMED(a, backlink_words)) return 1;
  char t[16];
  size_t n = small_text(a, t, sizeof t);
  while (n >= 3 && (unsigned char)t[n - 3] == 0xef && (unsigned char)t[n - 2] == 0xb8 &&
         (unsigned char)t[n - 1] == 0x8e)
    n -= 3; /* the text-style variation selector after ↩ */
  for (size_t i = 0; i < sizeof backlink_marks / sizeof backlink_marks[0]; i++)
    if (n == strlen(backlink_marks[i]) && !memcmp(t, backlink_marks[i], n)) return 1;
  return 0;
}

int cc_rich_credit(const cc_node *x) { return x->type == CC_NODE_ELEMENT && NAMED(x, credit_words); }

/* ---- embeds ---------------------------------------------------------- */

int cc_rich_embed(cc_arena *a, const cc_node *x, const char *base, const char **url,
                  const char **label) {
  char page[1100];
  const char *kind = NULL, *u = NULL;
  if (x->flags & CC_NF_EMBED) {
    kind = cc_embed_page(cc_embed_source(x), page, sizeof page);
    if (kind) u = cc_arena_strdup(a, page);
  } else {
    const char *src = cc_node_attr(x, "src");
    for (const cc_node *c = x->first; c && !src; c = c->next)
      if (cc_node_is(c, CC_TAG_SOURCE)) src = cc_node_attr(c, "src");
    if (src && *src && strncmp(src, "data:", 5) && strncmp(src, "blob:", 5))
      u = cc_url_resolve(a, base, src);
    kind = x->tag == CC_TAG_AUDIO ? "audio" : "video";
  }
  if (!u || !kind) return 0;
  const char *title = cc_node_attr(x, "title");
  if (!title || !*title) title = cc_node_attr(x, "aria-label");
  if (!title || !*title) title = cc_node_attr(x, "data-title");
  const char *word = !strcmp(kind, "audio") ? "Audio" : !strcmp(kind, "post") ? "Post" : "Video";
  size_t wl = strlen(word), tl = title ? strnlen(title, 300) : 0;
  char *l = cc_arena_alloc(a, wl + tl + 3);
  memcpy(l, word, wl);
  if (tl) {
    memcpy(l + wl, ": ", 2);
    memcpy(l + wl + 2, title, tl);
    l[wl + 2 + tl] = '\0';
    for (char *c = l; *c; c++) /* one line */
      if (*c == '\n' || *c == '\r' || *c == '\t') *c = ' ';
  } else {
    l[wl] = '\0';
  }
  *url = u;
  *label = l;
  return 1;
}

/* ---- the finished tree ------------------------------------------------ */

/* Plain text of an inline subtree into b (text nodes and code only). */
static void plain(const cc_ast *top, cc_buf *b) {
  for (const cc_ast *n = top->first; n; n = cc_ast_next(top, n, 0))
    if ((n->type == CC_AST_TEXT || n->type == CC_AST_CODE) && n->text) cc_buf_put(b, n->text, n->len);
}

static int starts_ci(const char *s, size_t n, const char *lit) {
  size_t l = strlen(lit);
  if (n < l) return 0;
  for (size_t i = 0; i < l; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != (unsigned char)lit[i]) return 0;
  }
  return 1;
}

/* Where a caption's credit begins (n when it has none): a credit label at
 * a word's start, or a last "/ Agency" or "- Agency" segment. */
static size_t credit_at(const char *t, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i && t[i - 1] != ' ' && t[i - 1] != '(' && t[i - 1] != '.' && t[i - 1] != '|') continue;
    for (size_t k = 0; k < sizeof credit_labels / sizeof credit_labels[0]; k++)
      if (starts_ci(t + i, n - i, credit_labels[k])) return i;
  }
  /* "... the barrier. REUTERS/Jane Doe", "... at dawn - AFP" */
  for (size_t i = n; i-- > 0;) {
    if (t[i] != '/' && t[i] != '-' && t[i] != '|') continue;
    size_t a = i + 1, s = i;
    while (a < n && t[a] == ' ') a++;
    while (s > 0 && t[s - 1] == ' ') s--;
    for (size_t k = 0; k < sizeof agencies / sizeof agencies[0]; k++) {
      size_t l = strlen(agencies[k]);
      int after = starts_ci(t + a, n - a, agencies[k]) && (a + l == n || t[a + l] == ' ' || t[a + l] == '/');
      int before = s >= l && starts_ci(t + s - l, l, agencies[k]) && (s == l || t[s - l - 1] == ' ');
      if (after) return s;
      if (before) {
        size_t b = s - l;
        while (b > 0 && t[b - 1] == ' ') b--;
        return b;
      }
    }
  }
  return n;
}

static void trim_caption(cc_ctx *ctx, cc_ast *p) {
  cc_buf b = CC_BUF_INIT;
  plain(p, &b);
  const char *t = b.data ? b.data : "";
  size_t n = b.len, cut = credit_at(t, n);
  while (cut > 0 && strchr(" ,;:-|(", t[cut - 1])) cut--; /* a full stop stays */
  if (!cut) {
    cc_ast_remove(p);
  } else if (cut < n) { /* what stays is plain text: a caption is seldom more */
    cc_ast *em = p->first;
    em->first = em->last = NULL;
    cc_ast_add_text(ctx->arena, em, t, cut);
  }
  cc_buf_free(&b);
}

/* The anchor an element answers to: its id, or its first child's. */
static const char *anchor_of(const cc_node *x) {
  const char *id = cc_node_attr(x, "id");
  for (const cc_node *c = x->first; !id && c; c = c->next)
    if (c->type == CC_NODE_ELEMENT) id = cc_node_attr(c, "id");
  return id;
}

#define MAX_REFS 512

/* A list whose items are the notes the references point to becomes
 * footnote paragraphs (a note's paragraphs joined into one). */
static void footnote_list(cc_ctx *ctx, cc_ast *list, cc_ast **refs, size_t nrefs) {
  const cc_dom *d = &ctx->dom;
  int matched = 0;
  for (cc_ast *it = list->first; it && !matched; it = it->next) {
    if (it->type != CC_AST_ITEM || it->src >= d->nnodes) continue;
    const char *id = anchor_of(d->byid[it->src]);
    for (size_t r = 0; id && r < nrefs && !matched; r++)
      matched = refs[r]->url && !strcmp(refs[r]->url + 1, id);
  }
  if (!matched) return;
  unsigned pos = 0;
  for (cc_ast *it = list->first; it;) {
    cc_ast *next = it->next;
    if (it->type != CC_AST_ITEM) {
      it = next;
      continue;
    }
    pos++;
    cc_ast *p = cc_ast_new(ctx->arena, CC_AST_PARAGRAPH);
    p->level = CC_PARA_FOOTNOTE;
    p->src = it->src;
    const char *id = it->src < d->nnodes ? anchor_of(d->byid[it->src]) : NULL;
    const char *label = NULL;
    for (size_t r = 0; id && r < nrefs; r++)
      if (refs[r]->url && !strcmp(refs[r]->url + 1, id)) {
        if (!label) label = refs[r]->text;
        refs[r]->url = NULL; /* matched */
      }
    char num[16];
    if (!label) {
      snprintf(num, sizeof num, "%u", pos);
      label = cc_arena_strdup(ctx->arena, num);
    }
    p->text = label;
    p->len = strlen(label);
    /* the note's inline content, its blocks joined by a space */
    for (cc_ast *blk = it->first; blk;) {
      cc_ast *bn = blk->next;
      cc_ast_remove(blk);
      if (!cc_ast_is_block(blk)) {
        cc_ast_append(p, blk);
      } else if (blk->first) {
        if (p->first) cc_ast_add_text(ctx->arena, p, " ", 1);
        for (cc_ast *c = blk->first; c;) {
          cc_ast *cn = c->next;
          cc_ast_remove(c);
          cc_ast_append(p, c);
          c = cn;
        }
      }
      blk = bn;
    }
    /* in the list's place, in order */
    p->parent = list->parent;
    p->prev = list->prev;
    p->next = list;
    if (list->prev) list->prev->next = p;
    else list->parent->first = p;
    list->prev = p;
    it = next;
  }
  cc_ast_remove(list);
}

/* A rule right after a rule, or first or last among its siblings, shows
 * nothing between two things: it goes. */
static void drop_rules(cc_ast *doc) {
  for (cc_ast *n = doc; n; n = cc_ast_next(doc, n, 0)) {
    if (!cc_ast_is_block(n) || n->type == CC_AST_PARAGRAPH || n->type == CC_AST_HEADING ||
        n->type == CC_AST_CODE_BLOCK || n->type == CC_AST_TABLE)
      continue;
    cc_ast *prev_shown = NULL;
    for (cc_ast *c = n->first; c;) {
      cc_ast *next = c->next;
      if (c->type == CC_AST_RULE && (!prev_shown || prev_shown->type == CC_AST_RULE)) {
        cc_ast_remove(c);
      } else if (c->type != CC_AST_RULE || prev_shown) {
        prev_shown = c;
      }
      c = next;
    }
    while (n->last && n->last->type == CC_AST_RULE) cc_ast_remove(n->last);
  }
}

void cc_rich_finish(cc_ctx *ctx, cc_ast *doc) {
  cc_ast *refs[MAX_REFS];
  size_t nrefs = 0;
  for (cc_ast *n = doc->first; n; n = cc_ast_next(doc, n, 0))
    if (n->type == CC_AST_FNREF && n->url && nrefs < MAX_REFS) refs[nrefs++] = n;
  if (nrefs)
    for (cc_ast *n = doc->first; n;) {
      cc_ast *next = cc_ast_next(doc, n, n->type == CC_AST_LIST);
      if (n->type == CC_AST_LIST) footnote_list(ctx, n, refs, nrefs);
      n = next;
    }
  /* references to no note: a superscript mark */
  for (size_t r = 0; r < nrefs; r++) {
    if (!refs[r]->url) continue;
    cc_ast *f = refs[r];
    f->type = CC_AST_SPAN;
    f->level = CC_SPAN_SUP;
    f->url = NULL;
    cc_ast_add_text(ctx->arena, f, f->text, f->len);
    f->text = NULL;
    f->len = 0;
  }
  for (cc_ast *n = doc->first; n;) {
    cc_ast *next = cc_ast_next(doc, n, n->type == CC_AST_PARAGRAPH);
    if (n->type == CC_AST_PARAGRAPH && n->level == CC_PARA_CAPTION) trim_caption(ctx, n);
    n = next;
  }
  drop_rules(doc);
}
