/* score.c — measuring the tree and choosing the article container.
 *
 * Measure: one forward and one backward pass over the nodes (by id) give
 * every element its text size, link text, punctuation, and, for "text
 * holders" (blocks with inline text of their own), the size of that own
 * text. Select: each holder with real text adds a content score to its
 * ancestors, decaying with distance (the Readability scheme); containers
 * start from a tag and class/id prior and are discounted by their link
 * density. The best container, its better ancestor when the article is
 * split, and its related siblings form the selection.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "pipeline.h"
#include "oom.h"

uint32_t cc_text_measure(const char *s, size_t len, uint32_t *commas,
                         uint32_t *punct, uint32_t *words) {
  uint32_t chars = 0, c = 0, p = 0, w = 0, cjk = 0;
  int in_space = 1;
  const unsigned char *u = (const unsigned char *)s, *e = u + len;
  while (u < e) {
    unsigned char b = *u;
    if ((unsigned)(b | 0x20) - 'a' < 26u) { /* a letter: the common case */
      w += in_space;
      in_space = 0;
      chars++;
      u++;
      continue;
    }
    if (b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f') {
      if (!in_space) chars++;
      in_space = 1;
      u++;
      continue;
    }
    if (b == 0xc2 && u + 1 < e && u[1] == 0xa0) { /* no-break space */
      if (!in_space) chars++;
      in_space = 1;
      u += 2;
      continue;
    }
    if (in_space) w++;
    in_space = 0;
    if (b < 0x80) {
      if (b == ',' || b == ';') c++;
      else if (b == '.' || b == '!' || b == '?' || b == ':') p++;
      u++;
    } else {
      /* CJK and Arabic commas / full stops */
      if (u + 2 < e && b == 0xe3 && u[1] == 0x80 && (u[2] == 0x81 || u[2] == 0x82))
        u[2] == 0x81 ? c++ : p++;
      else if (u + 2 < e && b == 0xef && u[1] == 0xbc && (u[2] == 0x8c || u[2] == 0x81 || u[2] == 0x9f))
        u[2] == 0x8c ? c++ : p++;
      else if (u + 1 < e && b == 0xd8 && u[1] == 0x8c)
        c++;
      /* kana (U+3040-30FF) and Han (U+3400-9FFF) are written without
       * spaces: about two characters a word */
      else if (u + 2 < e && ((b == 0xe3 && u[1] >= 0x81 && u[1] <= 0x83) ||
                             (b == 0xe3 && u[1] >= 0x90) || (b >= 0xe4 && b <= 0xe9)))
        cjk++;
      u++;
      while (u < e && (*u & 0xc0) == 0x80) u++;
    }
    chars++;
  }
  if (commas) *commas += c;
  if (punct) *punct += p;
  if (words) *words += w + cjk / 2;
  return chars;
}

/* Hint kinds whose subtrees are context no article lives in. */
#define CC_NEG_CONTEXT                                                     \
  (CC_HK_NAV | CC_HK_FOOTER | CC_HK_SIDEBAR | CC_HK_COMMENT | CC_HK_RELATED | \
   CC_HK_CONSENT | CC_HK_MODAL | CC_HK_SUBSCRIBE | CC_HK_AD)

static inline uint16_t sat16(uint32_t v) { return v > 65535 ? 65535 : (uint16_t)v; }

/* An <a> holding paragraphs, headings, lists or divs with text of their
 * own (looked at two levels down: enough for cards and page wrappers). */
int cc_link_wraps_blocks(const cc_node *a) {
  for (const cc_node *c = a->first; c; c = c->next) {
    if (c->type != CC_NODE_ELEMENT) continue;
    if ((cc_tag_class((cc_tag)c->tag) & CC_TC_BLOCK) && c->tag != CC_TAG_BR) {
      for (const cc_node *g = c->first; g; g = g->next)
        if (g->type == CC_NODE_TEXT || g->type == CC_NODE_ELEMENT) return 1;
    }
  }
  return 0;
}

int cc_stage_measure(cc_ctx *ctx) {
  cc_dom *d = &ctx->dom;
  uint32_t n = d->nnodes;
  cc_stat *st = cc_arena_calloc(ctx->arena, (size_t)(n ? n : 1) * sizeof *st);
  uint32_t *holder = cc_malloc((size_t)(n ? n : 1) * sizeof *holder);
  uint8_t *in_link = cc_malloc(n ? n : 1);
  ctx->st = st;

  /* forward: holder and link context. A link wrapped around blocks (a
   * card, or a whole page inside one <a>) is layout: its text is not link
   * text. */
  holder[0] = 0;
  in_link[0] = 0;
  for (uint32_t i = 1; i < n; i++) {
    cc_node *x = d->byid[i];
    cc_node *p = x->parent;
    int p_block = p->type != CC_NODE_ELEMENT ||
                  (cc_tag_class((cc_tag)p->tag) & CC_TC_BLOCK);
    holder[i] = p_block ? p->id : holder[p->id];
    int a_link = x->type == CC_NODE_ELEMENT && x->tag == CC_TAG_A && cc_node_attr(x, "href") &&
                 !cc_link_wraps_blocks(x);
    in_link[i] = in_link[p->id] || a_link;
    if (x->type == CC_NODE_ELEMENT) st[i].hint = cc_hint_of(x);

  }
  /* backward: sizes, accumulated into parents */
  for (uint32_t i = n; i-- > 1;) {
    cc_node *x = d->byid[i];
    cc_stat *s = &st[i];
    if (x->type == CC_NODE_TEXT) {
      uint32_t commas = 0, punct = 0, words = 0;
      uint32_t ch = cc_text_measure(x->text, x->len, &commas, &punct, &words);
      s->chars = ch;
      s->commas = sat16(commas);
      s->punct = sat16(punct);
      s->words = sat16(words);
      if (in_link[i]) s->link_chars = ch;
      if (words) {
        cc_stat *h = &st[holder[i]];
        h->own_chars += ch;
        if (in_link[i]) h->own_link += ch;
        h->own_punct = sat16(h->own_punct + punct);
        h->own_words = sat16(h->own_words + words);
        h->holder = 1;
      }
    } else if (x->type == CC_NODE_ELEMENT) {
      switch (x->tag) {
      case CC_TAG_A: s->links = sat16(s->links + 1u); break;
      case CC_TAG_IMG: s->imgs = sat16(s->imgs + 1u); break;
      case CC_TAG_LI: s->lis = sat16(s->lis + 1u); break;
      case CC_TAG_INPUT: case CC_TAG_SELECT: case CC_TAG_TEXTAREA:
      case CC_TAG_BUTTON:
        s->inputs = sat16(s->inputs + 1u);
        break;
      default: break;
      }
      if (s->holder && s->own_chars >= 25) s->blocks = sat16(s->blocks + 1u);
    }
    cc_stat *ps = &st[x->parent->id];
    ps->chars += s->chars;
    ps->link_chars += s->link_chars;
    ps->commas = sat16((uint32_t)ps->commas + s->commas);
    ps->punct = sat16((uint32_t)ps->punct + s->punct);
    ps->words = sat16((uint32_t)ps->words + s->words);
    ps->blocks = sat16((uint32_t)ps->blocks + s->blocks);
    ps->links = sat16((uint32_t)ps->links + s->links);
    ps->imgs = sat16((uint32_t)ps->imgs + s->imgs);
    ps->lis = sat16((uint32_t)ps->lis + s->lis);
    ps->inputs = sat16((uint32_t)ps->inputs + s->inputs);
  }
  /* forward again: inside a subtree whose class/id or tag clearly says
   * "not the article" (comments, navigation, sidebar, footer, related...).
   * The root elements and wrappers holding most of the page's text are
   * layout, whatever their class names say. */
  uint32_t page = d->body ? st[d->body->id].chars : st[0].chars;
  for (uint32_t i = 1; i < n; i++) {
    cc_node *p = d->byid[i]->parent;
    cc_stat *ps = &st[p->id];
    int neg = p->type == CC_NODE_ELEMENT && p->tag != CC_TAG_HTML && p->tag != CC_TAG_BODY &&
              p->tag != CC_TAG_MAIN && ps->chars * 2 < page &&
              ((ps->hint.weight <= -20 && (ps->hint.kinds & CC_NEG_CONTEXT)) ||
               p->tag == CC_TAG_NAV || p->tag == CC_TAG_FOOTER || p->tag == CC_TAG_ASIDE);
    st[i].negctx = ps->negctx || neg;
    st[i].in_body = ps->in_body || p == d->body || !d->body;
  }
  cc_mfree(holder);
  cc_mfree(in_link);
  return 0;
}

/* The prior of a container from its tag. */
static float tag_prior(const cc_node *x) {
  switch (x->tag) {
  case CC_TAG_ARTICLE: return 10;
  case CC_TAG_MAIN: return 5;
  case CC_TAG_DIV: return 5;
  case CC_TAG_SECTION: return 3;
  case CC_TAG_PRE: case CC_TAG_TD: case CC_TAG_BLOCKQUOTE: return 3;
  case CC_TAG_ADDRESS: case CC_TAG_OL: case CC_TAG_UL: case CC_TAG_DL:
  case CC_TAG_DD: case CC_TAG_DT: case CC_TAG_LI: case CC_TAG_FORM:
    return -3;
  case CC_TAG_H1: case CC_TAG_H2: case CC_TAG_H3: case CC_TAG_H4:
  case CC_TAG_H5: case CC_TAG_H6: case CC_TAG_TH:
    return -5;
  case CC_TAG_NAV: case CC_TAG_ASIDE: case CC_TAG_FOOTER:
    return -20;
  case CC_TAG_HEADER: return -10;
  default: return 0;
  }
}

static int is_ancestor(const cc_node *a, const cc_node *n) {
  for (const cc_node *p = n; p; p = p->parent)
    if (p == a) return 1;
  return 0;
}


/* The text holder whose own text holds the start of the JSON-LD
 * articleBody (compared on letters and digits only), or NULL. */
static cc_node *find_anchor(cc_ctx *ctx, const char *ld_body) {
  char probe[48], own[400], sq[400];
  if (cc_squash(ld_body, strnlen(ld_body, 400), probe, sizeof probe) < 40) return NULL;
  cc_dom *d = &ctx->dom;
  for (uint32_t i = 1; i < d->nnodes; i++) {
    const cc_stat *s = &ctx->st[i];
    if (!s->holder || !s->in_body || s->gone || s->own_chars < 40) continue;
    size_t tl = cc_dom_text(d->byid[i], own, sizeof own);
    cc_squash(own, tl, sq, sizeof sq);
    if (strstr(sq, probe)) return d->byid[i];
  }
  return NULL;
}

/* Prose that can be an article's lead: a sentence or two, few links, not
 * the headline, not a list, not in boilerplate context. */
static int lead_like(const cc_node *x, const cc_stat *s) {
  if (s->negctx || x->tag == CC_TAG_H1 || (cc_tag_class((cc_tag)x->tag) & CC_TC_LIST))
    return 0;
  if (s->hint.weight < -5 && !(s->hint.kinds & CC_HK_LEAD)) return 0;
  /* captions sit right before the body as often as leads do */
  if (x->tag == CC_TAG_FIGURE || x->tag == CC_TAG_FIGCAPTION || s->imgs || s->lis ||
      (s->hint.kinds & (CC_HK_CAPTION | CC_HK_BYLINE | CC_HK_META)))
    return 0;
  return s->chars >= 60 && s->chars <= 1500 && s->words >= 10 && s->punct > 0 &&
         s->blocks <= 2 && cc_link_density(s) < 0.2f;
}

static int sentence_like(const cc_stat *s) {
  return s->own_punct > 0 && s->own_link * 4 < s->own_chars;
}

int cc_stage_select(cc_ctx *ctx) {
  cc_dom *d = &ctx->dom;
  cc_stat *st = ctx->st;
  cc_node *body = d->body ? d->body : d->root;
  uint32_t n = d->nnodes;

  /* 0. subtrees dropped before scoring (announced sections) */
  for (uint32_t i = 1; i < n; i++)
    st[i].gone = st[d->byid[i]->parent->id].gone || (d->byid[i]->flags & CC_NF_DROPPED) != 0;

  /* 1. scores */
  for (uint32_t i = 1; i < n; i++) {
    cc_node *h = d->byid[i];
    cc_stat *s = &st[i];
    if (!s->holder || s->own_chars < 25 || h->type != CC_NODE_ELEMENT) continue;
    /* headings name content, they are not content: a long subtitle must
     * not pull the choice towards the page header */
    if (cc_tag_class((cc_tag)h->tag) & CC_TC_HEADING) continue;
    if (!s->in_body || s->gone) continue;
    float link_free = 1.f - (float)s->own_link / (float)s->own_chars;
    float c = 1.f + (float)s->commas + fminf((float)s->own_chars / 100.f, 3.f);
    c *= link_free;
    /* Text directly inside a container (a div with bare text nodes, a
     * layout cell) is a virtual paragraph of that container: score the
     * container itself first. */
    int self = h->tag == CC_TAG_DIV || h->tag == CC_TAG_SECTION ||
               h->tag == CC_TAG_ARTICLE || h->tag == CC_TAG_MAIN ||
               h->tag == CC_TAG_TD || h->tag == CC_TAG_CENTER ||
               h->tag == CC_TAG_FORM || h->tag == CC_TAG_BODY;
    int level = 0;
    for (cc_node *a = self ? h : h->parent; a && level < 5; a = a->parent, level++) {
      if (a->type != CC_NODE_ELEMENT) break;
      cc_stat *as = &st[a->id];
      if (!as->candidate) {
        as->candidate = 1;
        as->score = tag_prior(a) + (float)as->hint.weight;
      }
      float div = level == 0 ? 1.f : level == 1 ? 2.f : (float)level * 3.f;
      as->score += c / div;
      if (a == body) break;
    }
  }

  /* 2. the best candidate, discounted by link density. A candidate inside
   * comments, navigation or a sidebar only wins when nothing outside such
   * context comes close: a long comment must not beat a short article,
   * but a page whose whole layout sits in an oddly named wrapper must not
   * lose its article either. */
  cc_node *top = NULL, *top_neg = NULL;
  float best = -1e9f, best_neg = -1e9f;
  for (uint32_t i = 1; i < n; i++) {
    cc_stat *s = &st[i];
    if (!s->candidate) continue;
    if (s->gone) {
      s->candidate = 0;
      continue;
    }
    s->score *= 1.f - cc_link_density(s);
    if (s->negctx || (s->hint.weight <= -20 && (s->hint.kinds & CC_NEG_CONTEXT))) {
      s->negctx = 1;
      if (s->score > best_neg) {
        best_neg = s->score;
        top_neg = d->byid[i];
      }
    }
  }
  /* a clean candidate wins when it has a quarter of the suspicious one's
   * score and text, or when there is no suspicious one */
  uint32_t neg_chars = top_neg ? st[top_neg->id].chars : 0;
  for (uint32_t i = 1; i < n; i++) {
    cc_stat *s = &st[i];
    if (!s->candidate || s->negctx) continue;
    if (top_neg && (s->score < best_neg * 0.25f || s->chars * 4 < neg_chars)) continue;
    if (s->score > best) {
      best = s->score;
      top = d->byid[i];
    }
  }
  if (!top && top_neg) {
    top = top_neg;
    best = best_neg;
  }
  if (!top) top = body;

  /* 2b. structured data: when the page's JSON-LD gives the article body,
   * the container must hold the paragraph it starts with */
  cc_node *anchor = ctx->meta.jsonld_body ? find_anchor(ctx, ctx->meta.jsonld_body) : NULL;
  if (anchor && !is_ancestor(top, anchor)) {
    for (cc_node *a = anchor->parent; a && a != body; a = a->parent) {
      cc_stat *as = &st[a->id];
      if (!as->candidate) continue;
      if (!as->negctx && as->score >= best * 0.25f) {
        top = a;
        best = as->score;
      }
      break;
    }
  }

  /* 3. a split article: a strong candidate elsewhere whose common
   * ancestor with top holds little besides the two (an article body cut
   * into chunks by ads or layout) makes that ancestor the container. */
  if (top != body) {
    for (int round = 0; round < 4; round++) {
      cc_node *alt = NULL;
      float alt_score = best * 0.5f;
      for (uint32_t i = 1; i < n; i++) {
        cc_stat *s = &st[i];
        cc_node *x = d->byid[i];
        if (!s->candidate || s->negctx || s->score < alt_score) continue;
        if (is_ancestor(top, x) || is_ancestor(x, top)) continue;
        alt = x;
        alt_score = s->score;
      }
      if (!alt) break;
      cc_node *lca = top->parent;
      while (lca && !is_ancestor(lca, alt)) lca = lca->parent;
      if (!lca || lca == body || lca == d->root) break;
      const cc_stat *ls = &st[lca->id];
      if ((float)ls->chars > 1.3f * (float)(st[top->id].chars + st[alt->id].chars) ||
          cc_link_density(ls) >= 0.3f)
        break;
      top = lca;
    }
    /* (compared with top's own score: a running comparison lets a page
     * wrapper with slowly decaying scores win) */
    float top_score = st[top->id].score;
    for (cc_node *p = top->parent; p && p != body; p = p->parent) {
      if (!st[p->id].candidate) continue;
      if (st[p->id].score < top_score / 3.f) break;
      if (st[p->id].score > top_score) {
        top = p;
        break;
      }
    }
    /* an only child adds nothing: use its parent */
    while (top->parent && top->parent != body && top->parent->type == CC_NODE_ELEMENT) {
      int elems = 0;
      for (cc_node *c = top->parent->first; c; c = c->next)
        if (c->type == CC_NODE_ELEMENT || (c->type == CC_NODE_TEXT && st[c->id].chars > 1))
          elems++;
      if (elems != 1) break;
      top = top->parent;
    }
  }
  ctx->top = top;

  /* 4. siblings that belong with it. submax[id] is the best candidate
   * score in a subtree. */
  float *submax = cc_malloc((size_t)(n ? n : 1) * sizeof *submax);
  for (uint32_t i = 0; i < n; i++) submax[i] = st[i].candidate ? st[i].score : -1e9f;
  for (uint32_t i = n; i-- > 1;) {
    uint32_t p = d->byid[i]->parent->id;
    if (submax[i] > submax[p]) submax[p] = submax[i];
  }
  top->flags |= CC_NF_SELECTED;
  if (top != body && top->parent) {
    float thr = fmaxf(10.f, st[top->id].score * 0.2f);
    const char *tcls = cc_node_attr(top, "class");
    int before_top = 1;
    for (cc_node *s = top->parent->first; s; s = s->next) {
      if (s == top) before_top = 0;
      if (s == top || s->type != CC_NODE_ELEMENT) continue;
      cc_stat *ss = &st[s->id];
      float bonus = 0;
      const char *cls = cc_node_attr(s, "class");
      if (tcls && cls && *tcls && strcmp(tcls, cls) == 0) bonus = st[top->id].score * 0.2f;
      int take = 0;
      if (ss->candidate && ss->score + bonus >= thr) take = 1;
      /* a sibling holding a container nearly as good as the best one: an
       * article laid out as a row of cards, one paragraph each */
      else if (submax[s->id] >= best * 0.5f && !ss->negctx && cc_link_density(ss) < 0.3f)
        take = 1;
      else if (s->tag == CC_TAG_P ||
               (ss->holder && ss->blocks <= 1 && !(cc_tag_class((cc_tag)s->tag) & CC_TC_HEADING))) {
        float ld = cc_link_density(ss);
        if (ss->chars > 80 && ld < 0.25f) take = 1;
        else if (ss->chars > 0 && ss->chars <= 80 && ld == 0 && sentence_like(ss)) take = 1;
      }
      /* the lead: a paragraph or two of prose in a wrapper of their own
       * (div.teaser-content, div.chapo), or a long heading used as the
       * lead, right before the body — users lose these with other tools */
      else if (before_top && !ss->negctx && !(cc_tag_class((cc_tag)s->tag) & CC_TC_LIST) &&
               ss->blocks >= 1 && ss->blocks <= 2 && ss->chars >= 80 &&
               ss->chars <= 1500 && cc_link_density(ss) < 0.2f && ss->punct > 0)
        take = 1;
      else if (s->next == top && (cc_tag_class((cc_tag)s->tag) & CC_TC_HEADING) &&
               s->tag != CC_TAG_H1 && ss->chars >= 60 && ss->punct > 0 &&
               cc_link_density(ss) < 0.2f)
        take = 1;
      if (take && ss->hint.weight >= -5) s->flags |= CC_NF_SELECTED;
    }
  }

  cc_mfree(submax);

  /* 4b. the lead. Walking up from the container to the article's root
   * (an <article>, or three levels up), the block right before each
   * level joins when it is prose: a long heading written as a lead, a
   * paragraph in a wrapper of its own. Blocks named as leads (dek,
   * standfirst, chapo) anywhere between the root and the body join too. */
  if (top != body) {
    cc_node *root = top;
    for (int k = 0; k < 3 && root->parent && root->parent != body &&
                    root->tag != CC_TAG_ARTICLE; k++)
      root = root->parent;
    for (cc_node *c = top; c && c != root; c = c->parent) {
      cc_node *prev = c->prev;
      /* skip whitespace and empty wrappers; the lead art (a <figure>, or
       * an image with no text of its own) joins on the way */
      while (prev) {
        if (prev->type == CC_NODE_ELEMENT) {
          const cc_stat *ps = &st[prev->id];
          int art = ps->imgs && !ps->negctx && ps->hint.weight > -20 &&
                    (prev->tag == CC_TAG_FIGURE ? ps->chars < 400 && cc_link_density(ps) < 0.5f
                                                : ps->chars == 0);
          if (art) prev->flags |= CC_NF_SELECTED;
          if (!art && ps->chars >= 20) break;
        }
        prev = prev->prev;
      }
      if (prev && !(prev->flags & CC_NF_SELECTED) && lead_like(prev, &st[prev->id]))
        prev->flags |= CC_NF_SELECTED;
    }
    for (uint32_t i = root->id + 1; i < top->id; i++) {
      cc_node *x = d->byid[i];
      if (x->type != CC_NODE_ELEMENT || !(st[i].hint.kinds & CC_HK_LEAD)) continue;
      if (is_ancestor(x, top) || !lead_like(x, &st[i])) continue;
      int inside = 0;
      for (cc_node *a = x; a && a != root; a = a->parent)
        if (a->flags & CC_NF_SELECTED) inside = 1;
      if (!inside) x->flags |= CC_NF_SELECTED;
    }
  }

  /* 5. fallback: an implausibly short choice on a page with much more
   * text is widened to the body. */
  uint32_t sel = 0;
  for (cc_node *s = top->parent ? top->parent->first : top; s; s = s->next)
    if (s->flags & CC_NF_SELECTED) sel += st[s->id].chars;
  if (sel < 200 && st[body->id].chars > 3 * sel + 200) {
    for (cc_node *s = top->parent ? top->parent->first : top; s; s = s->next)
      s->flags &= ~(uint32_t)CC_NF_SELECTED;
    ctx->top = body;
    body->flags |= CC_NF_SELECTED;
  }
  return 0;
}
