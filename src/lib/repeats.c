/* repeats.c — what the article says twice, said once.
 *
 * A page may carry its text twice: a copy laid out for small screens
 * beside the one for large ones, a print version, a carousel's cloned
 * slides, the same post under two tabs, a reply quoting a post's
 * paragraph. A reader keeps it once. This last stage of either path walks
 * the article tree (ctx->ast) in reading order and removes a text block
 * (a paragraph, wherever it stands, or a code block) of REPEAT_WORDS
 * words or more whose text a block before it gave already, byte for byte
 * (the tree's text is whitespace-collapsed, so layout does not matter).
 * Shorter blocks repeat by nature (a label, a list entry, a step of each
 * of two recipes, "Add to cart") and stay. A container the removal leaves
 * empty (an item, a quote, a list) goes with it.
 *
 * Owns nothing beyond the call: the set of the long blocks' hashes is
 * freed before it returns. Cost: a hash of each long block's bytes, eight
 * at a time.
 */
#include <string.h>

#include "pipeline.h"
#include "oom.h"

#define REPEAT_WORDS 30

/* An open-addressing set of 64-bit hashes (0 marks a free slot). */
typedef struct hashset {
  uint64_t *slot;
  size_t cap, n;
} hashset;

/* Adds h; returns 1 when it was there already. */
static int hashset_add(hashset *s, uint64_t h) {
  if (2 * (s->n + 1) > s->cap) {
    hashset g = {cc_calloc(s->cap * 2, sizeof *g.slot), s->cap * 2, 0};
    for (size_t i = 0; i < s->cap; i++)
      if (s->slot[i]) hashset_add(&g, s->slot[i]);
    cc_mfree(s->slot);
    *s = g;
  }
  size_t i = (size_t)(h ^ (h >> 31)) & (s->cap - 1);
  while (s->slot[i] && s->slot[i] != h) i = (i + 1) & (s->cap - 1);
  if (s->slot[i]) return 1;
  s->slot[i] = h;
  s->n++;
  return 0;
}

/* The block's text: its inline text, links' and emphasis' included. */
static void block_text(const cc_ast *b, cc_buf *out) {
  cc_buf_clear(out);
  if (b->type == CC_AST_CODE_BLOCK) {
    if (b->text) cc_buf_put(out, b->text, b->len);
    return;
  }
  for (const cc_ast *x = b->first; x; x = cc_ast_next(b, x, 0))
    if ((x->type == CC_AST_TEXT || x->type == CC_AST_CODE) && x->text)
      cc_buf_put(out, x->text, x->len); /* spaces collapsed across inlines already */
    else if (x->type == CC_AST_BREAK)
      cc_buf_putc(out, '\n');
}

/* At least `min` words: as many spaces between them. */
static int long_text(const char *s, size_t n, unsigned min) {
  unsigned spaces = 0;
  for (size_t i = 0; i < n; i++) spaces += s[i] == ' ' || s[i] == '\n';
  return spaces >= min;
}

/* A 64-bit hash of n bytes, eight at a time (the length is mixed in, so
 * a text and its zero-padded longer self differ). */
static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 0x243F6A8885A308D3ull ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 32;
  }
  uint64_t w = 0;
  memcpy(&w, s + i, n - i);
  h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  return h ? h : 1;
}

/* Removes x and the containers its removal leaves empty. */
static void remove_block(cc_ast *doc, cc_ast *x) {
  while (x != doc) {
    cc_ast *up = x->parent;
    cc_ast_remove(x);
    if (!up || up->first || up == doc) break;
    if (up->type != CC_AST_ITEM && up->type != CC_AST_LIST && up->type != CC_AST_QUOTE) break;
    x = up;
  }
}

static int text_block(const cc_ast *x) {
  return x->type == CC_AST_PARAGRAPH || x->type == CC_AST_CODE_BLOCK;
}

int cc_stage_repeats(cc_ctx *ctx) {
  cc_ast *doc = ctx->ast;
  if (!doc) return 0;
  hashset seen = {cc_calloc(64, sizeof(uint64_t)), 64, 0};
  cc_buf text = CC_BUF_INIT;
  size_t dropped = 0;
  for (cc_ast *x = doc->first, *next; x; x = next) {
    next = cc_ast_next(doc, x, text_block(x));
    if (!text_block(x)) continue;
    block_text(x, &text);
    if (text.len < 2 * REPEAT_WORDS || !long_text(text.data, text.len, REPEAT_WORDS)) continue;
    if (hashset_add(&seen, hash_bytes(text.data, text.len))) {
      remove_block(doc, x);
      dropped++;
    }
  }
  if (dropped && ctx->explain)
    cc_buf_printf(ctx->explain, "repeats: %zu block%s of text given before dropped\n", dropped,
                  dropped == 1 ? "" : "s");
  cc_buf_free(&text);
  cc_mfree(seen.slot);
  return 0;
}
