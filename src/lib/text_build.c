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

/* Where the blocks go: the root, inside block quotes, inside lists
 * nested by depth. */
#define NEST_MAX 16
typedef struct nest {
  cc_arena *a;
  cc_ast *root;
  cc_ast *quote[NEST_MAX]; /* open quotes, outermost first */
  unsigned nquote;
  cc_ast *list[NEST_MAX];  /* open lists by depth */
  unsigned nlist;
} nest;

static cc_ast *parent_of(nest *t, unsigned depth) {
  if (depth > NEST_MAX) depth = NEST_MAX;
  if (t->nquote != depth) t->nlist = 0;
  while (t->nquote > depth) t->nquote--;
  while (t->nquote < depth) {
    cc_ast *q = cc_ast_new(t->a, CC_AST_QUOTE);
    cc_ast_append(t->nquote ? t->quote[t->nquote - 1] : t->root, q);
    t->quote[t->nquote++] = q;
  }
  return t->nquote ? t->quote[t->nquote - 1] : t->root;
}

/* The item's list at its depth: a new list when there is none of its
 * kind, inside the last item one level up. */
static cc_ast *list_of(nest *t, cc_ast *parent, const cc_tblock *b) {
  int ordered = b->kind == CC_TK_OITEM;
  unsigned d = b->level < NEST_MAX ? b->level : NEST_MAX - 1;
  if (d > t->nlist) d = t->nlist; /* no skipping levels */
  cc_ast *l = d < t->nlist ? t->list[d] : NULL; /* the list open at that depth */
  t->nlist = d + 1;                             /* deeper ones are closed */
  if (l && l->level == ordered) return l;
  l = cc_ast_new(t->a, CC_AST_LIST);
  l->level = ordered;
  l->start = ordered ? (int)(b->number < 1000000 ? b->number : 1) : 0;
  cc_ast_append(d ? t->list[d - 1]->last : parent, l);
  t->list[d] = l;
  return l;
}

/* The block's inline content: its Markdown read, or its text. */
static void content(cc_arena *a, const cc_tdoc *doc, const cc_tblock *b, cc_ast *blk) {
  if (b->raw)
    cc_md_inlines(a, b->raw, b->rawlen, doc->refs, doc->base, blk);
  else
    cc_ast_append(blk, text_node(a, b->text, b->len));
}

static cc_ast *block_node(cc_arena *a, const cc_tdoc *doc, const cc_tblock *b) {
  cc_ast *blk;
  switch (b->kind) {
  case CC_TK_CODE:
    blk = cc_ast_new(a, CC_AST_CODE_BLOCK);
    blk->text = cc_arena_strndup(a, b->text, b->len);
    blk->len = b->len;
    blk->title = b->info;
    return blk;
  case CC_TK_TABLE:
    return b->inl;
  case CC_TK_HEADING:
    blk = cc_ast_new(a, CC_AST_HEADING);
    blk->level = b->md == CC_TMD_HEADING ? b->level : 2;
    break;
  default:
    blk = cc_ast_new(a, CC_AST_PARAGRAPH);
  }
  content(a, doc, b, blk);
  return blk;
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
  nest t;
  memset(&t, 0, sizeof t);
  t.a = a;
  t.root = root;
  for (uint32_t i = 0; i < doc->n; i++) {
    const cc_tblock *b = &doc->b[i];
    if (b->fate != CC_TF_KEEP) continue;
    cc_ast *parent = parent_of(&t, b->quote);
    cc_ast *blk = block_node(a, doc, b);
    if (b->kind == CC_TK_ITEM || b->kind == CC_TK_OITEM) {
      cc_ast *item = cc_ast_new(a, CC_AST_ITEM);
      cc_ast_append(list_of(&t, parent, b), item);
      cc_ast_append(item, blk);
    } else {
      t.nlist = 0;
      cc_ast_append(parent, blk);
    }
    blk->src = b->line;
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
  case CC_TF_KEEP: {
    static const char *const kind[] = {"KEEP", "HEAD", "ITEM", "ITEM", "CODE", "TABLE"};
    return b->kind < sizeof kind / sizeof *kind ? kind[b->kind] : "KEEP";
  }
  case CC_TF_DROP: return "DROP";
  case CC_TF_TITLE: return "TITLE";
  case CC_TF_BYLINE: return "BYLINE";
  default: return "outside";
  }
}

/* The model's two strongest reasons for block i, as "name+0.8 name-0.3". */
static void reasons(cc_buf *e, const cc_tfeat *f, uint32_t i) {
  unsigned top[2];
  float eff[2];
  cc_text_model_p(f, i, cc_text_model_stages(), top, eff, 2);
  for (int k = 0; k < 2; k++)
    if (top[k] != (unsigned)-1)
      cc_buf_printf(e, "%s%s%+.1f", k ? " " : "", cc_text_feature_name(top[k]), (double)eff[k]);
}

static void explain(cc_ctx *ctx, const cc_tdoc *doc) {
  cc_buf *e = ctx->explain;
  int model = doc->modeled;
  const char *why_hand = cc_text_model_ready() ? " (a short clipping: hand scores)"
                                               : " (no model: hand scores)";
  cc_tfeat *f = NULL;
  if (model) {
    f = cc_text_features_prepare(doc);
    if (cc_text_model_stages() == 2) cc_text_features_stage2(f);
  }
  cc_buf_printf(e, "text: %u blocks%s%s, language %s (script %s), region blocks %u-%u%s\n",
                doc->n, doc->markdown ? " (Markdown)" : "",
                doc->wrapped ? " (hard-wrapped lines joined)" : "",
                doc->lang_tag ? doc->lang_tag : "unknown", cc_script_name(doc->script),
                doc->first + 1, doc->last, model ? "" : why_hand);
  if (doc->page_type >= 0)
    cc_buf_printf(e, "page read as %s (%.2f)\n", cc_text_page_type_name((unsigned)doc->page_type),
                  (double)doc->page_type_p);
  cc_buf_puts(e, "fate    line  chars words stop% punct score smooth    p1     p  why / "
                 "model's reasons: text\n");
  for (uint32_t i = 0; i < doc->n; i++) {
    const cc_tblock *b = &doc->b[i];
    char snip[80];
    size_t n = b->len < 72 ? b->len : 72;
    while (n && n < b->len && ((unsigned char)b->text[n] & 0xC0) == 0x80) n--;
    size_t k = 0;
    for (size_t j = 0; j < n; j++) snip[k++] = (b->text[j] == '\n' || b->text[j] == '\t') ? ' ' : b->text[j];
    snip[k] = '\0';
    cc_buf_printf(e, "%-7s %5u %6u %5u %4.0f%% %5u %5.2f %6.2f %5.2f %5.2f  ", fate_name(b), b->line,
                  b->chars, b->words, b->alpha ? 100.0 * b->stop / b->alpha : 0.0, b->punct,
                  (double)b->score, (double)b->smooth, (double)b->p1, (double)b->p);
    if (b->why) cc_buf_printf(e, "%s%s", b->why, f ? " / " : "");
    if (f) reasons(e, f, i);
    cc_buf_printf(e, ": \"%s\"\n", snip);
  }
  cc_text_features_free(f);
}

cc_tdoc *cc_text_analyse(cc_arena *a, const char *utf8, size_t len, const cc_options *opt,
                         cc_meta *meta) {
  cc_tdoc *doc = cc_arena_calloc(a, sizeof *doc);
  if (opt->input_format == CC_INPUT_MARKDOWN || cc_md_detect(utf8, len))
    cc_md_split(a, utf8, len, opt->url, doc);
  else
    cc_text_split(a, utf8, len, doc);
  cc_text_language(doc);
  cc_text_describe(doc, opt);
  cc_text_title(a, doc, meta);
  cc_text_select(doc, opt);
  cc_text_byline(a, doc, meta);
  return doc;
}

int cc_stage_text(cc_ctx *ctx, const char *utf8, size_t len) {
  cc_tdoc *doc = cc_text_analyse(ctx->arena, utf8, len, ctx->opt, &ctx->meta);
  ctx->markdown = doc->markdown;
  if (!ctx->meta.language) ctx->meta.language = doc->lang_tag;
  if (ctx->opt->url && !ctx->meta.url) ctx->meta.url = cc_arena_strdup(ctx->arena, ctx->opt->url);
  build(ctx, doc);
  fingerprints(ctx, doc);
  if (ctx->explain) explain(ctx, doc);
  return 0;
}
