/* decide.c — which blocks go to the article.
 *
 * Reads the blocks' probabilities (classify.c) and sets keep[] in
 * ctx->blocks (at the model's threshold, then by the rules below: teaser
 * cards, items alike, gaps in prose, quotes' attributions, the lead),
 * then ctx->kept[id] for every node the article builder asks
 * about: a text node, an image, a code element is kept when the block it
 * belongs to (its nearest block ancestor) is kept. A rule in no block is
 * kept inside the span of kept blocks; an image in no block (a
 * figure, a picture wrapper) or a video or audio embed when the text
 * after it (its own caption aside, one of the next three blocks) is kept,
 * or the text right before it in the same container
 * (article.c shows a caption under its image).
 */
#include <stdlib.h>

#include "pipeline.h"
#include "oom.h"

#define KEEP_AT 0.5f
#define SCRAP_CHARS 20

/* Never empty: a page with text whose blocks all fall short of KEEP_AT
 * still gives its best region, the blocks the Readability-style selection
 * kept, or failing that those the model rates at least half as high as
 * its best. Returns what was done, for --explain, or NULL. */
static const char *never_empty(const cc_ctx *ctx, cc_blocks *bl) {
  float best = 0;
  for (uint32_t k = 0; k < bl->n; k++) {
    if (bl->keep[k]) return NULL;
    if (bl->p[k] > best) best = bl->p[k];
  }
  if (!bl->n) return NULL;
  int any = 0;
  for (uint32_t k = 0; k < bl->n; k++) any |= bl->keep[k] = bl->old[k];
  if (any) return "no block reached p >= 0.5: kept the Readability-style selection";
  /* (not what reads as boilerplate, nor scraps: a page of nothing but a
   * menu stays empty) */
  for (uint32_t k = 0; k < bl->n; k++)
    bl->keep[k] = bl->p[k] >= best * 0.5f && !bl->veto[k] &&
                  ctx->st[bl->node[k]->id].own_chars >= SCRAP_CHARS;
  return "no block reached p >= 0.5: kept those rated at least half the best";
}

static int within(const cc_node *x, const cc_node *top, int levels);

/* 1 when the block is a caption or lies in one (a figcaption, a credit
 * line inside it). */
static int in_caption(const cc_node *x) {
  for (int up = 0; x && up < 4; up++, x = x->parent)
    if (cc_node_is(x, CC_TAG_FIGCAPTION) || cc_node_is(x, CC_TAG_CAPTION)) return 1;
  return 0;
}

/* The mask of text nodes, images, rules and code elements kept, given the
 * blocks kept (keep[]): see the comment at the top. */
static uint8_t *mask(cc_ctx *ctx, const uint8_t *keep, const uint32_t *holder,
                     const int32_t *last_block) {
  cc_dom *d = &ctx->dom;
  cc_blocks *bl = &ctx->blocks;
  uint8_t *kept = cc_arena_calloc(ctx->arena, d->nnodes ? d->nnodes : 1);
  uint32_t first = 0, last = bl->n; /* the first and the last block kept */
  while (first < bl->n && !keep[first]) first++;
  while (last > first && !keep[last - 1]) last--;
  last = last ? last - 1 : 0;
  for (uint32_t i = 0; i < d->nnodes; i++) {
    cc_node *x = d->byid[i];
    /* a block element is its own holder for what it holds literally (pre) */
    uint32_t h = x->type == CC_NODE_ELEMENT && bl->of[i] >= 0 ? i : holder[i];
    if (bl->of[h] >= 0) {
      kept[i] = keep[bl->of[h]];
    } else if (cc_node_is(x, CC_TAG_HR)) {
      /* a rule in no block: kept inside the article's span (the renderers
       * drop a rule that would follow a rule, open or close the text) */
      kept[i] = first < last && bl->node[first]->id < i && bl->node[last]->id > i;
    } else if (cc_node_is(x, CC_TAG_IMG) || cc_node_is(x, CC_TAG_VIDEO) ||
               cc_node_is(x, CC_TAG_AUDIO) || (x->flags & CC_NF_EMBED)) {
      /* an image in no block (a figure, a picture wrapper) or an embed:
       * kept when the text it stands before is kept, its own caption
       * aside (the lead art between a headline or lead and the body) */
      uint32_t after = (uint32_t)(last_block[i] + 1);
      for (int s = 0; s < 3 && after < bl->n && in_caption(bl->node[after]); s++) after++;
      int next = 0; /* a kept block among the next few (a heading may come between) */
      for (uint32_t k = after; k < bl->n && k < after + 3 && !next; k++) next = keep[k];
      /* or right after kept text, in the same container (an article's
       * closing pictures, not the author's photo in a box of its own) */
      int prev = last_block[i] >= 0 && keep[last_block[i]] &&
                 within(x, bl->node[last_block[i]]->parent, 3);
      kept[i] = next || prev;
    }
  }
  return kept;
}

/* An article's lead: the blocks right before the first one kept, that
 * the Readability-style selection took (its lead step joins the prose
 * right before the body) and whose class names them the lead (dek,
 * standfirst, chapo, entradilla). Benchmarks often leave the lead out of
 * their ground truth, so the model learns to drop it; readers lose it
 * with other tools, and we keep it. */
#define LEAD_SPAN 4
static void keep_lead(cc_blocks *bl) {
  uint32_t first = 0;
  while (first < bl->n && !bl->keep[first]) first++;
  if (first == bl->n) return;
  for (uint32_t k = first, seen = 0; k-- > 0 && seen < LEAD_SPAN; seen++)
    if (bl->lead[k] && bl->old[k] && !bl->veto[k]) bl->keep[k] = 1;
}

/* A teaser card on its own in the middle of kept text (a "read also" box
 * between an article's paragraphs: a link to another page around a title
 * and an image) is not the text's; cards side by side (a listing, a
 * collection) are left to the model. */
static void drop_teasers(cc_blocks *bl) {
  for (uint32_t a = 0, b; a < bl->n; a = b) {
    for (b = a + 1; b < bl->n && bl->card[a] && bl->card[b] == bl->card[a];) b++;
    if (!bl->card[a] || !a || b >= bl->n) continue;
    if (!bl->card[a - 1] && !bl->card[b] && bl->keep[a - 1] && bl->keep[b])
      for (uint32_t k = a; k < b; k++) bl->keep[k] = 0;
  }
}

/* A paragraph of prose the model was unsure of (p >= GAP_AT) next to a
 * kept block of the same unit (siblings under one parent, or one nested
 * in the other: a post's opening paragraph and its list) joins it:
 * content comes in regions, and a unit is read whole. */
#define GAP_AT 0.3f
static int prose(const cc_ctx *ctx, const cc_node *x) {
  const cc_stat *s = &ctx->st[x->id];
  return s->own_chars >= 80 && s->own_punct >= 2 && s->own_link * 4 < s->own_chars;
}

static int within(const cc_node *x, const cc_node *top, int levels) {
  for (x = x->parent; x && levels-- > 0; x = x->parent)
    if (x == top) return 1;
  return 0;
}

static int same_unit(const cc_node *a, const cc_node *b) {
  return a->parent == b->parent || within(b, a, 2) || within(a, b, 2);
}

static void fill_gaps(const cc_ctx *ctx, cc_blocks *bl) {
  for (uint32_t k = 0; k < bl->n; k++) {
    if (bl->keep[k] || bl->veto[k] || bl->p[k] < GAP_AT || !prose(ctx, bl->node[k])) continue;
    int prev = k > 0 && bl->keep[k - 1] && same_unit(bl->node[k], bl->node[k - 1]);
    int next = k + 1 < bl->n && bl->keep[k + 1] && same_unit(bl->node[k], bl->node[k + 1]);
    if (prev || next) bl->keep[k] = 1;
  }
}

/* A quotation's attribution (the <footer> or <cite> closing a
 * <blockquote>) goes with the quotation: kept when the block before it,
 * in the same quote, is. */
static const cc_node *quote_of(const cc_node *x) {
  for (int up = 0; x && up < 3; up++, x = x->parent)
    if (cc_node_is(x, CC_TAG_BLOCKQUOTE)) return x;
  return NULL;
}

static void keep_attributions(cc_blocks *bl) {
  /* a quote whose own text is its attribution ("— Jane Roe (@janeroe)
   * March 3" after its <p>, as embedded posts are written) */
  for (uint32_t k = 0; k + 1 < bl->n; k++)
    if (!bl->keep[k] && !bl->veto[k] && bl->keep[k + 1] &&
        cc_node_is(bl->node[k], CC_TAG_BLOCKQUOTE) && quote_of(bl->node[k + 1]) == bl->node[k])
      bl->keep[k] = 1;
  for (uint32_t k = 1; k < bl->n; k++) {
    const cc_node *x = bl->node[k];
    if (bl->keep[k] || bl->veto[k] || !bl->keep[k - 1]) continue;
    if (!cc_node_is(x, CC_TAG_FOOTER) && !(x->parent && cc_node_is(x->parent, CC_TAG_FOOTER)) &&
        !cc_node_is(x, CC_TAG_CITE))
      continue;
    const cc_node *q = quote_of(x);
    if (q && quote_of(bl->node[k - 1]) == q) bl->keep[k] = 1;
  }
}

/* Items of a listing or a collection are alike: the model reads each
 * card alone and splits a row of identical tiles around its threshold.
 * Blocks of one kind (tag and class, their parent's and grandparent's
 * too) met LIKE_MIN times or more are all kept when the model's mean
 * reading of them reaches KEEP_AT. Only short items: paragraphs of prose
 * share a kind with whatever else a page writes in paragraphs (a press
 * release's "about the company"), and the model reads prose well. A kind
 * the model mostly drops is left as it is: nothing kept is lowered. */
#define LIKE_MIN 4
/* Classes are read up to this many bytes: a parent's class is read again
 * for each of its blocks, and a hostile page may give it megabytes. */
#define KIND_CLASS_MAX 128
static uint64_t kind_hash(const cc_node *x) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (int up = 0; x && up < 3; up++, x = x->parent) {
    const char *c = cc_node_attr(x, "class");
    h = (h ^ (uint64_t)x->tag) * 1099511628211ull;
    for (int i = 0; c && c[i] && i < KIND_CLASS_MAX; i++)
      h = (h ^ (unsigned char)c[i]) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  }
  return h | 1; /* 0 marks a free slot */
}

static void alike_items(cc_ctx *ctx, cc_blocks *bl) {
  uint32_t cap = 16;
  while (cap < bl->n * 2) cap *= 2;
  uint64_t *key = cc_arena_calloc(ctx->arena, cap * sizeof *key);
  float *sum = cc_arena_calloc(ctx->arena, cap * sizeof *sum);
  uint32_t *cnt = cc_arena_calloc(ctx->arena, cap * sizeof *cnt);
  uint32_t *slot = cc_arena_calloc(ctx->arena, (bl->n ? bl->n : 1) * sizeof *slot);
  for (uint32_t k = 0; k < bl->n; k++) {
    uint64_t h = kind_hash(bl->node[k]);
    uint32_t i = (uint32_t)h & (cap - 1);
    while (key[i] && key[i] != h) i = (i + 1) & (cap - 1);
    key[i] = h;
    sum[i] += bl->p[k];
    cnt[i]++;
    slot[k] = i;
  }
  for (uint32_t k = 0; k < bl->n; k++) {
    uint32_t i = slot[k];
    if (cnt[i] >= LIKE_MIN && !bl->veto[k] && !prose(ctx, bl->node[k]) &&
        sum[i] / (float)cnt[i] >= KEEP_AT)
      bl->keep[k] = 1;
  }
}

/* The page type model's most likely type is an article. */
static int is_article(const cc_ctx *ctx) {
  for (unsigned c = 1; c < 7; c++)
    if (ctx->page_type_p[c] > ctx->page_type_p[0]) return 0;
  return 1;
}

int cc_stage_decide(cc_ctx *ctx) {
  cc_dom *d = &ctx->dom;
  cc_blocks *bl = &ctx->blocks;
  /* What the phrase filter recognises by its wording (a donation appeal,
   * "follow us on Telegram", "Read more: ...", a consent notice) and what
   * repeats across the site's pages is never kept, however it sits: those
   * are statements about the page, not its content, and the model, which
   * learns from mostly English pages, sees too few of them to be sure. */
  for (uint32_t k = 0; k < bl->n; k++) bl->keep[k] = bl->p[k] >= KEEP_AT && !bl->veto[k];
  /* On an article, a teaser card (a link to another page around a title
   * and a line of text) is "read also", wherever it sits; on a listing or
   * a collection the cards are the content, and the model judges them. */
  drop_teasers(bl);
  if (!is_article(ctx)) alike_items(ctx, bl);
  fill_gaps(ctx, bl);
  keep_attributions(bl);
  if (is_article(ctx)) keep_lead(bl);
  ctx->fallback = never_empty(ctx, bl);
  /* --keep-title: the headline stays whatever the model says (the one
   * the filter found, else the first h1) */
  if (ctx->opt->flags & CC_OPT_KEEP_TITLE) {
    int32_t title = -1;
    for (uint32_t k = 0; k < bl->n && title < 0; k++)
      if (bl->node[k]->flags & CC_NF_TITLE) title = (int32_t)k;
    for (uint32_t k = 0; k < bl->n && title < 0; k++)
      if (bl->node[k]->tag == CC_TAG_H1) title = (int32_t)k;
    if (title >= 0) bl->keep[title] = 1;
  }

  uint32_t n = d->nnodes ? d->nnodes : 1;
  uint32_t *holder = cc_malloc(n * sizeof *holder);
  int32_t *last_block = cc_malloc(n * sizeof *last_block); /* block at or before node i */
  holder[0] = 0;
  int32_t prev = -1;
  for (uint32_t i = 0; i < d->nnodes; i++) {
    if (i) {
      cc_node *p = d->byid[i]->parent;
      int p_block = p->type != CC_NODE_ELEMENT || (cc_tag_class((cc_tag)p->tag) & CC_TC_BLOCK);
      holder[i] = p_block ? p->id : holder[p->id];
    }
    if (bl->of[i] >= 0) prev = bl->of[i];
    last_block[i] = prev;
  }
  ctx->kept = mask(ctx, bl->keep, holder, last_block);
  /* --comments: the blocks of comment sections the article left out */
  if (ctx->opt->flags & CC_OPT_COMMENTS) {
    uint8_t *ck = cc_arena_calloc(ctx->arena, bl->n ? bl->n : 1);
    int any = 0;
    for (uint32_t k = 0; k < bl->n; k++) any |= ck[k] = bl->comment[k] && !bl->keep[k];
    if (any) ctx->comments = mask(ctx, ck, holder, last_block);
  }
  cc_mfree(holder);
  cc_mfree(last_block);
  return 0;
}
