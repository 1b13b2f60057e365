/* fingerprint.c — fingerprints of text blocks, for site-level boilerplate.
 *
 * A block's fingerprint is a 64-bit FNV-1a hash of its own text (the
 * inline text of a holder, not nested blocks), lowercased (ASCII) with
 * whitespace collapsed and digits kept — so "Share this article" on page
 * one and page two hash alike, while "3 comments" and "4 comments" do not.
 * cc_stage_fingerprint() computes them for every holder of three words or
 * more; the filter drops holders whose fingerprint the caller marked as
 * site boilerplate; the result exposes the list for learning.
 */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "oom.h"

#define FP_SEED 1469598103934665603ull
#define FP_PRIME 1099511628211ull

/* Feeds n bytes into a running fingerprint; *space carries "a whitespace
 * run is pending" across calls, so text split over nodes hashes alike. */
static uint64_t fp_feed(uint64_t x, const char *s, size_t n, int *space) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      *space = 1;
      continue;
    }
    if (*space) {
      x = (x ^ ' ') * FP_PRIME;
      *space = 0;
    }
    if (c >= 'A' && c <= 'Z') c |= 0x20;
    x = (x ^ c) * FP_PRIME;
  }
  return x;
}

uint64_t cc_fingerprint_text(const char *s, size_t n) {
  int space = 1;
  uint64_t x = fp_feed(FP_SEED, s, n, &space);
  return x ? x : 1;
}

static uint64_t hash_own_text(const cc_node *h) {
  uint64_t x = FP_SEED;
  int space = 1;
  for (const cc_node *t = h->first; t;) {
    if (t->type == CC_NODE_ELEMENT && (cc_tag_class((cc_tag)t->tag) & CC_TC_BLOCK)) {
      t = cc_dom_next(h, t, 1); /* own text only */
      continue;
    }
    if (t->type == CC_NODE_TEXT) x = fp_feed(x, t->text, t->len, &space);
    t = cc_dom_next(h, t, 0);
  }
  return x ? x : 1;
}

void cc_fingerprints_collect(cc_ctx *ctx, const uint64_t *fp, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++) count += fp[i] != 0;
  uint64_t *list = cc_arena_alloc(ctx->arena, (count ? count : 1) * sizeof *list);
  /* distinct values in document order, through an open-addressing set */
  size_t cap = 16, k = 0;
  while (cap < count * 2) cap *= 2;
  uint64_t *set = cc_calloc(cap, sizeof *set);
  for (size_t i = 0; i < n; i++) {
    uint64_t h = fp[i];
    if (!h) continue;
    size_t slot = (size_t)(h ^ (h >> 29)) & (cap - 1);
    while (set[slot] && set[slot] != h) slot = (slot + 1) & (cap - 1);
    if (!set[slot]) {
      set[slot] = h;
      list[k++] = h;
    }
  }
  cc_mfree(set);
  ctx->fingerprints = list;
  ctx->nfingerprints = k;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

int cc_stage_fingerprint(cc_ctx *ctx) {
  cc_dom *d = &ctx->dom;
  uint32_t n = d->nnodes;
  ctx->fp = cc_arena_calloc(ctx->arena, (size_t)(n ? n : 1) * sizeof *ctx->fp);
  for (uint32_t i = 1; i < n; i++)
    if (ctx->st[i].holder && ctx->st[i].own_words >= 3) ctx->fp[i] = hash_own_text(d->byid[i]);
  cc_fingerprints_collect(ctx, ctx->fp, n);
  return 0;
}

int cc_is_site_boilerplate(const cc_ctx *ctx, uint32_t id) {
  const cc_options *o = ctx->opt;
  if (!o->site_boilerplate || !o->site_boilerplate_count || !ctx->fp || !ctx->fp[id]) return 0;
  return bsearch(&ctx->fp[id], o->site_boilerplate, o->site_boilerplate_count,
                 sizeof(uint64_t), cmp_u64) != NULL;
}
