/* fuzz_text.c — the text cleaner alone (src/lib/text_*.c, text.h), on
 * decoded UTF-8 as the charset stage hands it over: each stage in turn,
 * checked against what it promises, then the whole stage (cc_stage_text)
 * into an article tree, checked too. The first byte holds the options
 * (keep title, no filter, explain, a page URL, site boilerplate). Fast:
 * no sniffing, no charset detection, no HTML path, so the fuzzer spends
 * its time on the cleaner's own logic (blocks, joins of wrapped lines,
 * lists, titles, bylines, the region and its islands). */
#include <math.h>
#include <stdlib.h>

#include "../include/clipclean.h"
#include "../src/lib/charset.h"
#include "../src/lib/text.h"
#include "fuzz.h"

/* 1 when s[0..n) is valid UTF-8. */
static int valid_utf8(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s, *e = u + n;
  while (u < e) {
    size_t k = *u < 0x80 ? 1 : (*u & 0xe0) == 0xc0 ? 2 : (*u & 0xf0) == 0xe0 ? 3
               : (*u & 0xf8) == 0xf0 ? 4 : 0;
    if (!k || (size_t)(e - u) < k) return 0;
    for (size_t i = 1; i < k; i++)
      if ((u[i] & 0xc0) != 0x80) return 0;
    u += k;
  }
  return 1;
}

static void check_str(const char *s) {
  if (s && !valid_utf8(s, strlen(s))) abort();
}

/* The stages one by one: blocks inside the input, in order; a region
 * within the blocks; every fate and kind one of theirs; scores finite. */
static void stages(const cc_options *o, const char *u, size_t n) {
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc doc;
  memset(&doc, 0, sizeof doc);
  cc_text_split(&a, u, n, &doc);
  uint32_t line = 0;
  for (uint32_t i = 0; i < doc.n; i++) {
    const cc_tblock *b = &doc.b[i];
    if (b->text < u || b->text + b->len > u + n || !b->nlines || b->line <= line) abort();
    line = b->line;
  }
  cc_text_language(&doc);
  cc_text_describe(&doc, o);
  cc_meta meta;
  memset(&meta, 0, sizeof meta);
  cc_text_title(&a, &doc, &meta);
  cc_text_select(&doc, o);
  cc_text_byline(&a, &doc, &meta);
  if (doc.first > doc.last || doc.last > doc.n) abort();
  if (doc.title_block >= (int32_t)doc.n) abort();
  for (uint32_t i = 0; i < doc.n; i++) {
    const cc_tblock *b = &doc.b[i];
    if (b->fate > CC_TF_BYLINE || b->kind > CC_TK_OITEM) abort();
    if (!isfinite(b->score) || !isfinite(b->smooth)) abort();
    if (b->fate == CC_TF_KEEP && (i < doc.first || i >= doc.last)) abort();
  }
  check_str(meta.title);
  check_str(meta.author);
  cc_arena_free(&a);
}

/* The whole stage: a well-formed tree of valid UTF-8. */
static void whole(const cc_options *o, const char *u, size_t n) {
  cc_arena a;
  cc_arena_init(&a);
  cc_buf ex;
  memset(&ex, 0, sizeof ex);
  cc_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.arena = &a;
  ctx.opt = o;
  if (o->flags & CC_OPT_EXPLAIN) ctx.explain = &ex;
  if (cc_stage_text(&ctx, u, n) != 0) abort();
  if (!ctx.ast) abort();
  for (const cc_ast *x = ctx.ast; x; x = cc_ast_next(ctx.ast, x, 0)) {
    if (x->first && x->first->parent != x) abort();
    if (x->next && x->next->prev != x) abort();
    if (x->text && (strlen(x->text) != x->len || !valid_utf8(x->text, x->len))) abort();
  }
  check_str(ctx.meta.title);
  check_str(ctx.meta.author);
  check_str(ctx.meta.language);
  if (ex.len && !valid_utf8(ex.data, ex.len)) abort();
  cc_buf_free(&ex);
  cc_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  uint8_t b0 = fuzz_byte(&in);
  cc_options o;
  cc_options_init(&o);
  o.input_format = CC_INPUT_TEXT;
  if (b0 & 1) o.flags |= CC_OPT_KEEP_TITLE;
  if (b0 & 2) o.flags |= CC_OPT_NO_FILTER;
  if (b0 & 4) o.flags |= CC_OPT_EXPLAIN;
  if (b0 & 8) o.url = "https://example.org/2024/a-story";
  uint64_t site[2] = {1, 0xffffffffffffffffull};
  if (b0 & 16) {
    o.site_boilerplate = site;
    o.site_boilerplate_count = 2;
  }
  /* decoded UTF-8, as cc_extract gives the text path (bad bytes repaired) */
  cc_arena a;
  cc_arena_init(&a);
  char *u;
  size_t n;
  cc_charset_convert(&a, (const char *)in.p, in.n, "utf-8", &u, &n);
  if (!valid_utf8(u, n)) abort();
  stages(&o, u, n);
  whole(&o, u, n);
  cc_arena_free(&a);
  return 0;
}
