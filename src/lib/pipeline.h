/* pipeline.h — the state one extraction passes from stage to stage.
 *
 * extract.c owns a cc_ctx for the duration of cc_extract() and calls the
 * stages in order; each stage reads what earlier ones left and adds its
 * own part. Everything allocated lives in ctx->arena (the result's arena),
 * except the explain buffer, which the result takes over.
 */
#ifndef CC_PIPELINE_H
#define CC_PIPELINE_H

#include "../../include/clipclean.h"
#include "ast.h"
#include "blocks.h"
#include "buf.h"
#include "dom.h"
#include "hints.h"
#include "strip.h"

typedef struct cc_meta {
  const char *title, *author, *date, *site_name, *language, *url,
      *description, *image;
  /* date is the article's date: published, else modified (meta_head.c) */
  const char *published, *modified;
  int published_prio, author_prio; /* their sources' priorities (meta.c),
                                      for meta_head.c */
  const char **tags; /* article:tag, keywords, JSON-LD keywords and
                        articleSection; ntags of them */
  size_t ntags;
  const char *jsonld_body; /* JSON-LD articleBody, when the page gives one */
  const char *page_type;   /* "article", "forum", "product", "collection",
                              "listing", "documentation" or "service"
                              (pagetype.c) */
  const char *base_url;    /* what relative links resolve against: <base
                              href>, else the caller's URL, else url; NULL
                              when none is absolute */
} cc_meta;

/* Per-node measurements and scores (side array indexed by node id). */
typedef struct cc_stat {
  uint32_t chars;      /* visible characters in the subtree */
  uint32_t link_chars; /* of which inside <a href> */
  uint32_t own_chars;  /* text holders: chars of their own inline text */
  uint32_t own_link;   /* ... of which inside links */
  uint16_t commas;     /* in the subtree */
  uint16_t punct;      /* sentence punctuation in the subtree */
  uint16_t words;      /* words in the subtree */
  uint16_t own_punct;  /* sentence punctuation in own text */
  uint16_t own_words;
  uint16_t blocks;     /* text holders with >= 25 own chars in subtree */
  uint16_t links;      /* <a> elements in subtree */
  uint16_t imgs;
  uint16_t lis;
  uint16_t inputs;
  float score;         /* content score (Readability-style) */
  cc_hint hint;
  uint8_t holder;      /* 1: holds inline text directly */
  uint8_t candidate;   /* 1: received a score from a text holder */
  uint8_t negctx;      /* 1: inside comments/nav/sidebar/footer... */
  uint8_t in_body;     /* 1: a descendant of <body> */
  uint8_t gone;        /* 1: dropped before scoring, or inside such a drop */
} cc_stat;

typedef struct cc_ctx {
  cc_arena *arena;
  const cc_options *opt;
  cc_dom dom;
  cc_strip_result strip;
  cc_meta meta;
  cc_stat *st;       /* st[id] for every node of dom */
  cc_node *top;      /* chosen main container */
  cc_ast *ast;       /* the article */
  cc_buf *explain;   /* NULL unless CC_OPT_EXPLAIN */
  const char **why;  /* why[id]: reason a subtree was dropped (static text) */
  const char *charset; /* what the input was decoded from */
  uint64_t *fp;        /* fp[id]: fingerprint of a holder's text, 0 = none */
  cc_blocks blocks;  /* the text blocks and their fate (blocks.h) */
  uint8_t *kept;     /* kept[id]: 1 when a text node, image or code element
                        goes to the article (decide.c) */
  uint8_t *comments; /* the same for the comments kept with --comments, or NULL */
  const char *fallback; /* decide.c: how an empty choice was widened, or NULL */
  cc_buf *dump;      /* not NULL: classify.c writes the feature rows here */
  float page_type_p[7];  /* pagetype.c: probability per page type */
  uint64_t *fingerprints; /* distinct fingerprints in document order */
  size_t nfingerprints;
  int markdown;        /* the text path read a Markdown clipping */
  char err[256];
} cc_ctx;

static inline float cc_link_density(const cc_stat *s) {
  return s->chars ? (float)s->link_chars / (float)s->chars : 0.f;
}

/* Stages, in pipeline order. Each returns 0 or a cc_status (message in
 * ctx->err). */
int cc_stage_measure(cc_ctx *ctx);  /* score.c: fills ctx->st */
int cc_stage_sections(cc_ctx *ctx); /* sections.c: drops announced sections */
int cc_stage_select(cc_ctx *ctx);   /* score.c: marks CC_NF_SELECTED */
int cc_stage_filter(cc_ctx *ctx);   /* filter.c: marks CC_NF_DROPPED */
int cc_stage_classify(cc_ctx *ctx); /* classify.c: blocks and their p */
int cc_stage_decide(cc_ctx *ctx);   /* decide.c: what is kept */
int cc_stage_article(cc_ctx *ctx);  /* article.c: builds ctx->ast */
int cc_stage_repeats(cc_ctx *ctx);  /* repeats.c: drops what ctx->ast says twice */
int cc_stage_meta(cc_ctx *ctx);     /* meta.c: fills ctx->meta */

/* text_build.c: the whole text-clipping path (text.h) over decoded UTF-8:
 * fills ctx->meta, ctx->ast, the fingerprints and the explain report. */
int cc_stage_text(cc_ctx *ctx, const char *utf8, size_t len);

/* fingerprint.c: block fingerprints (after measure), and the test the
 * filter uses against cc_options.site_boilerplate. */
int cc_stage_fingerprint(cc_ctx *ctx);
/* The fingerprint of a string (what a block with this text hashes to). */
uint64_t cc_fingerprint_text(const char *s, size_t n);
/* Sets ctx->fingerprints to the distinct non-zero values of fp[0..n), in
 * order. */
void cc_fingerprints_collect(cc_ctx *ctx, const uint64_t *fp, size_t n);
int cc_is_site_boilerplate(const cc_ctx *ctx, uint32_t id);

/* blocks.c: the block list (ctx->blocks) and the working state the
 * features read; cc_blocks_release() frees that state. */
typedef struct cc_feat_ctx cc_feat_ctx;
cc_feat_ctx *cc_blocks_prepare(cc_ctx *ctx);
void cc_blocks_release(cc_feat_ctx *f);
/* Fills row[CC_NFEAT] for block k (the page part from ctx->blocks.page). */
void cc_block_features(const cc_ctx *ctx, const cc_feat_ctx *f, uint32_t k, float *row);
/* Shares of the blocks' text the old selection kept and that sits in
 * repeated sibling groups. */
void cc_blocks_page_shares(const cc_ctx *ctx, const cc_feat_ctx *f, float *kept,
                           float *repeated);

/* The container of the repeated sibling group block k sits in (the
 * parent of its nearest repeated ancestor), as a node id; UINT32_MAX for
 * none. */
uint32_t cc_block_group(const cc_ctx *ctx, const cc_feat_ctx *f, uint32_t k);

/* context.c: the context model's features. r[10]: the block index ranges
 * of the blocks under the ancestors 1, 2, 3 and 5 levels up and under the
 * block's repeated group (cc_context_ranges); w, pw: prefix sums (n + 1)
 * of the blocks' words and words * p; page: cc_context_page's three. */
void cc_context_ranges(const cc_ctx *ctx, uint32_t k, uint32_t group, uint32_t *r);
void cc_context_page(const cc_blocks *bl, const double *w, const double *pw, float *page);
void cc_context_features(const cc_ctx *ctx, uint32_t k, const float *row1, const uint32_t *r,
                         const double *w, const double *pw, const float *page, float *row);

/* pagetype.c: the page-level features (ctx->blocks.page) and the page
 * type (ctx->meta.page_type, ctx->page_type_p). */
void cc_page_type(cc_ctx *ctx, const cc_feat_ctx *f);

/* explain.c: appends the per-block report to ctx->explain. */
void cc_explain_blocks(cc_ctx *ctx);
/* Records that x's subtree is dropped, and why (a static string). */
void cc_drop(cc_ctx *ctx, cc_node *x, const char *why);

/* 1 when a link element wraps block elements with content (a card, or a
 * whole page inside one <a>) rather than inline text (score.c). */
int cc_link_wraps_blocks(const cc_node *a);

/* Counts visible characters of UTF-8 text with whitespace runs counted
 * once; adds commas and sentence punctuation (. ! ? and their CJK/Arabic
 * forms) and words to the counters given (any may be NULL). Words are
 * runs between spaces, plus one per two kana or Han characters (written
 * without spaces). */
uint32_t cc_text_measure(const char *s, size_t len, uint32_t *commas,
                         uint32_t *punct, uint32_t *words);

/* extract.c: cc_extract() that also writes the blocks' feature rows to
 * dump (train/dump.c; not part of the public API). */
cc_status cc_extract_dump(const char *data, size_t len, const cc_options *opt,
                          cc_result **out, cc_error *err, cc_buf *dump);

#endif
