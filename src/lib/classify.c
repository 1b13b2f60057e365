/* classify.c — the probability that each block is main content.
 *
 * After the Readability-style selection and the filter have had their say
 * (their verdicts are features, not the decision), this stage measures
 * every block (blocks.c), recognises the page type (pagetype.c), and runs
 * the block model (model_data.c) over each block's features: p[i] in
 * ctx->blocks. decide.c then chooses what is kept. For training, the
 * feature rows can be written out (cc_blocks_dump, train/dump.c).
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "oom.h"
#include "pipeline.h"

/* For training (ctx->dump): per block, a line "index<TAB>node<TAB>the ten
 * context ranges<TAB>own text" (tabs and newlines in the text as spaces)
 * followed by a NUL byte and its CC_NFEAT features as raw floats:
 * train/dump.c splits the two. */
static void dump_row(const cc_ctx *ctx, uint32_t k, const uint32_t *r, const float *row,
                     cc_buf *out) {
  char text[2048];
  const cc_node *x = ctx->blocks.node[k];
  size_t n = cc_dom_own_text(x, text, sizeof text);
  for (size_t i = 0; i < n; i++)
    if (text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || !text[i]) text[i] = ' ';
  cc_buf_printf(out, "%u\t%u", k, x->id);
  for (int i = 0; i < 10; i++) cc_buf_printf(out, "\t%u", r[i]);
  cc_buf_putc(out, '\t');
  cc_buf_put(out, text, n);
  cc_buf_putc(out, '\n');
  cc_buf_putc(out, '\0');
  cc_buf_put(out, (const char *)row, CC_NFEAT * sizeof *row);
}

static int usable(const cc_model *m, const char *(*names)(unsigned), unsigned n) {
  return m->ntrees && m->nclasses == 1 && cc_model_check(m, names, 0, n);
}

/* The context model over stage one's p (context.c); p[] is replaced once
 * every block has been read. copy[k * CC_NFEAT]: stage one's rows. */
static void second_look(cc_ctx *ctx, const float *rows, const uint32_t *ranges) {
  cc_blocks *bl = &ctx->blocks;
  uint32_t n = bl->n;
  double *w = cc_malloc((n + 1) * sizeof *w), *pw = cc_malloc((n + 1) * sizeof *pw);
  float *p2 = cc_malloc((n ? n : 1) * sizeof *p2);
  w[0] = pw[0] = 0;
  for (uint32_t k = 0; k < n; k++) {
    double words = ctx->st[bl->node[k]->id].own_words;
    w[k + 1] = w[k] + words;
    pw[k + 1] = pw[k] + words * bl->p[k];
  }
  float page[3], row[CC_NCTX];
  cc_context_page(bl, w, pw, page);
  for (uint32_t k = 0; k < n; k++) {
    cc_context_features(ctx, k, rows + (size_t)k * CC_NFEAT, ranges + (size_t)k * 10, w, pw,
                        page, row);
    p2[k] = cc_model_prob(&cc_model_context, row);
  }
  memcpy(bl->p, p2, n * sizeof *p2);
  cc_mfree(w);
  cc_mfree(pw);
  cc_mfree(p2);
}

int cc_stage_classify(cc_ctx *ctx) {
  cc_feat_ctx *f = cc_blocks_prepare(ctx);
  cc_page_type(ctx, f);
  cc_blocks *bl = &ctx->blocks;
  uint32_t n = bl->n;
  int one = usable(&cc_model_blocks, cc_feature_name, CC_NFEAT);
  int two = one && usable(&cc_model_context, cc_ctx_feature_name, CC_NCTX);
  /* stage one's rows and the context ranges are kept for the second look
   * (and the dump) */
  int keep_rows = two || ctx->dump;
  float *rows = keep_rows ? cc_malloc((size_t)(n ? n : 1) * CC_NFEAT * sizeof *rows) : NULL;
  uint32_t *ranges = keep_rows ? cc_malloc((size_t)(n ? n : 1) * 10 * sizeof *ranges) : NULL;
  float row[CC_NFEAT];
  for (uint32_t k = 0; k < n; k++) {
    float *r = keep_rows ? rows + (size_t)k * CC_NFEAT : row;
    cc_block_features(ctx, f, k, r);
    /* without a model, what the old selection kept */
    bl->p[k] = one ? cc_model_prob(&cc_model_blocks, r) : r[CC_F_o_kept];
    if (keep_rows) cc_context_ranges(ctx, k, cc_block_group(ctx, f, k), ranges + (size_t)k * 10);
  }
  cc_blocks_release(f);
  if (ctx->dump)
    for (uint32_t k = 0; k < n; k++)
      dump_row(ctx, k, ranges + (size_t)k * 10, rows + (size_t)k * CC_NFEAT, ctx->dump);
  if (two) second_look(ctx, rows, ranges);
  cc_mfree(rows);
  cc_mfree(ranges);
  return 0;
}
