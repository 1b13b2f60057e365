/* decide.c — which blocks go to the article.
 *
 * Reads the blocks' probabilities (classify.c) and sets keep[] in
 * ctx->blocks, then ctx->kept[id] for every node the article builder asks
 * about: a text node, an image, a code element is kept when the block it
 * belongs to (its nearest block ancestor) is kept. An image or a rule in
 * a block with no text of its own (a figure, a picture wrapper) is kept
 * when the blocks on both sides of it are.
 */
#include <stdlib.h>

#include "pipeline.h"
#include "oom.h"

#define KEEP_AT 0.5f

/* Never empty: a page with text whose blocks all fall short of KEEP_AT
 * still gives its best region, the blocks the Readability-style selection
 * kept, or failing that those the model rates at least half as high as
 * its best. Returns what was done, for --explain, or NULL. */
static const char *never_empty(cc_blocks *bl) {
  float best = 0;
  for (uint32_t k = 0; k < bl->n; k++) {
    if (bl->keep[k]) return NULL;
    if (bl->p[k] > best) best = bl->p[k];
  }
  if (!bl->n) return NULL;
  int any = 0;
  for (uint32_t k = 0; k < bl->n; k++) any |= bl->keep[k] = bl->old[k];
  if (any) return "no block reached p >= 0.5: kept the Readability-style selection";
  for (uint32_t k = 0; k < bl->n; k++) bl->keep[k] = bl->p[k] >= best * 0.5f;
  return "no block reached p >= 0.5: kept those rated at least half the best";
}

/* The mask of text nodes, images, rules and code elements kept, given the
 * blocks kept (keep[]): see the comment at the top. */
static uint8_t *mask(cc_ctx *ctx, const uint8_t *keep, const uint32_t *holder,
                     const int32_t *last_block) {
  cc_dom *d = &ctx->dom;
  cc_blocks *bl = &ctx->blocks;
  uint8_t *kept = cc_arena_calloc(ctx->arena, d->nnodes ? d->nnodes : 1);
  for (uint32_t i = 0; i < d->nnodes; i++) {
    cc_node *x = d->byid[i];
    /* a block element is its own holder for what it holds literally (pre) */
    uint32_t h = x->type == CC_NODE_ELEMENT && bl->of[i] >= 0 ? i : holder[i];
    if (bl->of[h] >= 0) {
      kept[i] = keep[bl->of[h]];
    } else if (cc_node_is(x, CC_TAG_IMG) || cc_node_is(x, CC_TAG_HR)) {
      /* in a block without text: kept between kept blocks */
      int32_t before = last_block[i], after = before + 1;
      kept[i] = before >= 0 && (uint32_t)after < bl->n && keep[before] && keep[after];
    }
  }
  return kept;
}

int cc_stage_decide(cc_ctx *ctx) {
  cc_dom *d = &ctx->dom;
  cc_blocks *bl = &ctx->blocks;
  for (uint32_t k = 0; k < bl->n; k++) bl->keep[k] = bl->p[k] >= KEEP_AT;
  ctx->fallback = never_empty(bl);
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
