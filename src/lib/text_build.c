/* text_build.c — the text cleaner's entry point (cc_stage_text) and its
 * last stage: the kept blocks as the article tree, the block
 * fingerprints, the --explain report (see text.h).
 *
 * Owns the text path's order of stages and the shape of its output:
 * paragraphs, subheadings (level 2), list items grouped into lists, the
 * title as a level-1 heading only with CC_OPT_KEEP_TITLE. Block text is
 * whitespace-collapsed into the arena once, straight into the tree.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "oom.h"

/* s[0..n) with whitespace runs (line breaks of joined lines, tabs,
 * no-break spaces, control bytes) as one space, into the arena. */
static cc_ast *text_node(cc_arena *a, const char *s, size_t n) {
  char *o = cc_arena_alloc(a, n + 1);
  size_t k = 0;
  int space = 0;
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  while (p < e) {
    unsigned c = *p;
    size_t w = 0;
    if (c < 0x20 || c == ' ' || c == 0x7F) w = 1;
    else if (c == 0xC2 && p + 1 < e && p[1] == 0xA0) w = 2;
    if (w) {
      space = k > 0;
      p += w;
      continue;
    }
    if (space) o[k++] = ' ';
    space = 0;
    o[k++] = (char)c;
    p++;
  }
  o[k] = '\0';
  cc_ast *t = cc_ast_new(a, CC_AST_TEXT);
  t->text = o;
  t->len = k;
  return t;
}

static void build(cc_ctx *ctx, const cc_tdoc *doc) {
  cc_arena *a = ctx->arena;
  cc_ast *root = cc_ast_new(a, CC_AST_DOCUMENT);
  if ((ctx->opt->flags & CC_OPT_KEEP_TITLE) && ctx->meta.title) {
    cc_ast *h = cc_ast_new(a, CC_AST_HEADING);
    h->level = 1;
    cc_ast_append(h, text_node(a, ctx->meta.title, strlen(ctx->meta.title)));
    cc_ast_append(root, h);
  }
  cc_ast *list = NULL;
  for (uint32_t i = 0; i < doc->n; i++) {
    const cc_tblock *b = &doc->b[i];
    if (b->fate != CC_TF_KEEP) continue;
    cc_ast *blk;
    if (b->kind == CC_TK_ITEM || b->kind == CC_TK_OITEM) {
      int ordered = b->kind == CC_TK_OITEM;
      if (!list || list->level != ordered) {
        list = cc_ast_new(a, CC_AST_LIST);
        list->level = ordered;
        list->start = ordered ? (int)(b->number < 1000000 ? b->number : 1) : 0;
        cc_ast_append(root, list);
      }
      cc_ast *item = cc_ast_new(a, CC_AST_ITEM);
      cc_ast_append(list, item);
      blk = cc_ast_new(a, CC_AST_PARAGRAPH);
      cc_ast_append(item, blk);
    } else {
      list = NULL;
      blk = cc_ast_new(a, b->kind == CC_TK_HEADING ? CC_AST_HEADING : CC_AST_PARAGRAPH);
      if (b->kind == CC_TK_HEADING) blk->level = 2;
      cc_ast_append(root, blk);
    }
    blk->src = b->line;
    cc_ast_append(blk, text_node(a, b->text, b->len));
  }
  ctx->ast = root;
}

/* The distinct fingerprints of the blocks, in document order. */
static void fingerprints(cc_ctx *ctx, const cc_tdoc *doc) {
  uint64_t *fp = cc_malloc((size_t)(doc->n ? doc->n : 1) * sizeof *fp);
  for (uint32_t i = 0; i < doc->n; i++) fp[i] = doc->b[i].fp;
  cc_fingerprints_collect(ctx, fp, doc->n);
  cc_mfree(fp);
}

static const char *fate_name(const cc_tblock *b) {
  switch (b->fate) {
  case CC_TF_KEEP: return b->kind == CC_TK_HEADING ? "HEAD" : b->kind ? "ITEM" : "KEEP";
  case CC_TF_DROP: return "DROP";
  case CC_TF_TITLE: return "TITLE";
  case CC_TF_BYLINE: return "BYLINE";
  default: return "outside";
  }
}

static void explain(cc_ctx *ctx, const cc_tdoc *doc) {
  cc_buf *e = ctx->explain;
  cc_buf_printf(e, "text: %u blocks%s, language %s (script %s), region blocks %u-%u\n",
                doc->n, doc->wrapped ? " (hard-wrapped lines joined)" : "",
                doc->lang_tag ? doc->lang_tag : "unknown", cc_script_name(doc->script),
                doc->first + 1, doc->last);
  cc_buf_puts(e, "fate    line  chars words stop% punct score smooth  why / text\n");
  for (uint32_t i = 0; i < doc->n; i++) {
    const cc_tblock *b = &doc->b[i];
    char snip[80];
    size_t n = b->len < 72 ? b->len : 72;
    while (n && n < b->len && ((unsigned char)b->text[n] & 0xC0) == 0x80) n--;
    size_t k = 0;
    for (size_t j = 0; j < n; j++) snip[k++] = (b->text[j] == '\n' || b->text[j] == '\t') ? ' ' : b->text[j];
    snip[k] = '\0';
    cc_buf_printf(e, "%-7s %5u %6u %5u %4.0f%% %5u %5.2f %6.2f  %s%s\"%s\"\n", fate_name(b),
                  b->line, b->chars, b->words,
                  b->alpha ? 100.0 * b->stop / b->alpha : 0.0, b->punct,
                  (double)b->score, (double)b->smooth, b->why ? b->why : "",
                  b->why ? ": " : "", snip);
  }
}

int cc_stage_text(cc_ctx *ctx, const char *utf8, size_t len) {
  cc_tdoc *doc = cc_arena_calloc(ctx->arena, sizeof *doc);
  cc_text_split(ctx->arena, utf8, len, doc);
  cc_text_language(doc);
  cc_text_describe(doc, ctx->opt);
  cc_text_title(ctx->arena, doc, &ctx->meta);
  cc_text_select(doc, ctx->opt);
  cc_text_byline(ctx->arena, doc, &ctx->meta);
  if (!ctx->meta.language) ctx->meta.language = doc->lang_tag;
  if (ctx->opt->url && !ctx->meta.url) ctx->meta.url = cc_arena_strdup(ctx->arena, ctx->opt->url);
  build(ctx, doc);
  fingerprints(ctx, doc);
  if (ctx->explain) explain(ctx, doc);
  return 0;
}
