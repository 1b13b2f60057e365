/* context.c — the second look: each block's probability in the light of
 * its neighbours'.
 *
 * The block model (classify.c) judges one block at a time. Content comes
 * in regions, so a second, small model reads, for every block, its own
 * probability beside those of the blocks around it: the previous and next
 * ones, a window of five on each side, the blocks under its parent,
 * grandparent, and the ancestors three and five levels up, the repeated
 * group it belongs to, and the page as a whole (each a mean weighted by
 * words), plus a few of its own features (size, links, tag, page type).
 * A lone "boilerplate-looking" paragraph in the middle of an article is
 * lifted; a lone "content-looking" blurb in the footer is lowered. Its
 * output replaces p[]. The context features are data shared with the
 * training script, as blocks.h's are (CC_CTX_FEATURES).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "oom.h"
#include "pipeline.h"

/* The stage-1 features the context model sees too (blocks.h names). */
static const unsigned copied[CC_NCOPIED] = {
    CC_F_t_chars, CC_F_t_words, CC_F_t_ld, CC_F_t_punct, CC_F_t_end_sentence, CC_F_t_boiler,
    CC_F_g_p, CC_F_g_li, CC_F_g_cell, CC_F_g_h1, CC_F_g_h23, CC_F_g_h456, CC_F_g_div,
    CC_F_g_pre, CC_F_g_caption, CC_F_g_other, CC_F_o_kept, CC_F_r_count, CC_F_r_share,
    CC_F_pt_article, CC_F_pt_forum, CC_F_pt_product, CC_F_pt_collection, CC_F_pt_listing,
    CC_F_pt_documentation, CC_F_pt_service};

const char *cc_ctx_feature_name(unsigned i) {
  static const char *const names[] = {
#define CC_FEATURE_NAME(name) #name,
      CC_CTX_FEATURES(CC_FEATURE_NAME)
#undef CC_FEATURE_NAME
  };
  if (i < CC_C_s_copy_first) return names[i];
  return i < CC_NCTX ? cc_feature_name(copied[i - CC_C_s_copy_first]) : NULL;
}

/* Block index range [*a, *b) of the blocks inside node x's subtree
 * (blocks are in document order, node ids are pre-order). */
static void range_of(const cc_blocks *bl, const cc_node *x, uint32_t *a, uint32_t *b) {
  const cc_node *last = x;
  while (last->last) last = last->last;
  uint32_t lo = 0, hi = bl->n;
  while (lo < hi) { /* first block with node id >= x->id */
    uint32_t mid = (lo + hi) / 2;
    if (bl->node[mid]->id < x->id) lo = mid + 1;
    else hi = mid;
  }
  *a = lo;
  hi = bl->n;
  while (lo < hi) { /* first block with node id > last->id */
    uint32_t mid = (lo + hi) / 2;
    if (bl->node[mid]->id <= last->id) lo = mid + 1;
    else hi = mid;
  }
  *b = lo;
}

/* Word-weighted mean of p over blocks [a, b), from the prefix sums. */
static float mean(const double *w, const double *pw, uint32_t a, uint32_t b) {
  double ww = w[b] - w[a];
  return ww > 0 ? (float)((pw[b] - pw[a]) / ww) : 0.f;
}

static const cc_node *up(const cc_node *x, int levels) {
  for (int k = 0; k < levels && x->parent && x->parent->type == CC_NODE_ELEMENT; k++)
    x = x->parent;
  return x;
}

void cc_context_ranges(const cc_ctx *ctx, uint32_t k, uint32_t group, uint32_t *r) {
  const cc_blocks *bl = &ctx->blocks;
  static const int levels[4] = {1, 2, 3, 5};
  for (int i = 0; i < 4; i++) range_of(bl, up(bl->node[k], levels[i]), &r[2 * i], &r[2 * i + 1]);
  if (group != UINT32_MAX) {
    range_of(bl, ctx->dom.byid[group], &r[8], &r[9]);
  } else {
    r[8] = k;
    r[9] = k + 1;
  }
}

void cc_context_features(const cc_ctx *ctx, uint32_t k, const float *row1, const uint32_t *r,
                         const double *w, const double *pw, const float *page, float *row) {
  const cc_blocks *bl = &ctx->blocks;
  uint32_t n = bl->n;
  float p = bl->p[k];
  float q = p < 1e-4f ? 1e-4f : p > 1 - 1e-4f ? 1 - 1e-4f : p;
  row[CC_C_s_p] = p;
  row[CC_C_s_logit] = logf(q / (1 - q));
  row[CC_C_s_prev1] = k > 0 ? bl->p[k - 1] : 0.f;
  row[CC_C_s_next1] = k + 1 < n ? bl->p[k + 1] : 0.f;
  row[CC_C_s_prev2] = mean(w, pw, k >= 2 ? k - 2 : 0, k);
  row[CC_C_s_next2] = mean(w, pw, k + 1, k + 3 < n ? k + 3 : n);
  row[CC_C_s_before5] = mean(w, pw, k >= 5 ? k - 5 : 0, k);
  row[CC_C_s_after5] = mean(w, pw, k + 1, k + 6 < n ? k + 6 : n);
  for (int i = 0; i < 4; i++) {
    row[CC_C_s_a1 + 2 * i] = mean(w, pw, r[2 * i], r[2 * i + 1]);
    row[CC_C_s_a1 + 2 * i + 1] = (float)log2(1.0 + w[r[2 * i + 1]] - w[r[2 * i]]);
  }
  row[CC_C_s_group] = mean(w, pw, r[8], r[9]);
  row[CC_C_s_page] = page[0];
  row[CC_C_s_page_kept] = page[1];
  row[CC_C_s_page_max] = page[2];
  for (unsigned i = 0; i < CC_NCOPIED; i++) row[CC_C_s_copy_first + i] = row1[copied[i]];
}

/* The page-level context: mean p, share of words with p >= 0.5, max p. */
void cc_context_page(const cc_blocks *bl, const double *w, const double *pw, float *page) {
  double kept = 0;
  float mx = 0;
  for (uint32_t k = 0; k < bl->n; k++) {
    if (bl->p[k] >= 0.5f) kept += w[k + 1] - w[k];
    if (bl->p[k] > mx) mx = bl->p[k];
  }
  page[0] = mean(w, pw, 0, bl->n);
  page[1] = w[bl->n] > 0 ? (float)(kept / w[bl->n]) : 0.f;
  page[2] = mx;
}
