/* text.h — the text cleaner: plain-text clippings to the article tree.
 *
 * A clipping (text copied, saved or dumped from a page) is cut into
 * blocks (lines, or paragraphs of hard-wrapped lines), each block is
 * described by its features, the article region is chosen among them and
 * the boilerplate islands inside it are dropped; the kept blocks become
 * the same article tree (ast.h) the HTML path builds, so every renderer
 * works unchanged. docs/text-cleaner.md says why it works this way.
 *
 * Stages, one file each, in order:
 *   text_blocks.c  splitting and per-block features  cc_text_split/_describe
 *   text_meta.c    title, byline, language           cc_text_meta
 *   text_select.c  scores, region, islands           cc_text_select
 *   text_build.c   article tree, explain report      cc_text_build
 * cc_stage_text() (text_build.c) runs them all. Blocks live in the
 * document's arena; their text points into the decoded input.
 */
#ifndef CC_TEXT_H
#define CC_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "lang.h"
#include "phrases.h"
#include "pipeline.h"

/* What became of a block. */
typedef enum cc_tfate {
  CC_TF_OUTSIDE = 0, /* outside the article region */
  CC_TF_KEEP,        /* article text */
  CC_TF_DROP,        /* boilerplate inside the region (why says what) */
  CC_TF_TITLE,       /* the page title (metadata), or a line repeating it */
  CC_TF_BYLINE       /* the author's name (metadata) */
} cc_tfate;

/* Block kinds for the article tree. */
enum { CC_TK_PARA = 0, CC_TK_HEADING, CC_TK_ITEM, CC_TK_OITEM, CC_TK_CODE, CC_TK_TABLE };

/* What a block of a Markdown clipping is (cc_tblock.md); 0 in plain text. */
enum { CC_TMD_NONE = 0, CC_TMD_PARA, CC_TMD_HEADING, CC_TMD_ITEM, CC_TMD_CODE, CC_TMD_TABLE,
       CC_TMD_RULE };

typedef struct cc_tblock {
  const char *text; /* into the decoded input; not NUL-terminated */
  uint32_t len;     /* bytes, trimmed, marker of a list item excluded */
  uint32_t line;    /* 1-based number of its first line */
  uint16_t nlines;  /* lines joined into it (hard-wrapped text) */
  uint8_t gap;      /* blank lines before it (capped at 255) */
  uint8_t bullet;   /* 1: "- ", "• "... item; 2: "1. " item */
  uint32_t number;  /* the number of a "1. " item */

  /* features (text_blocks.c) */
  uint32_t chars;    /* characters, whitespace runs counted once */
  uint16_t words;    /* tokens: words, numbers, symbols */
  uint16_t alpha;    /* word tokens (letters) */
  uint16_t nums;     /* number tokens */
  uint16_t stop;     /* stopwords of the document's language */
  uint16_t caps;     /* words starting with a capital letter */
  uint16_t punct;    /* sentence punctuation . ! ? … and CJK forms */
  uint16_t commas;
  uint16_t cjk;      /* Han/kana/Hangul/Thai characters (unspaced scripts) */
  uint8_t ends;      /* 1: ends like a sentence (. ! ? … closing quote) */
  uint8_t colon;     /* ends with a colon */
  uint8_t lower;     /* starts with a lowercase letter (a continuation) */
  uint8_t script;    /* cc_script of most of its words */
  uint8_t foreign;   /* most words in a script foreign to the document */
  uint8_t url;       /* holds a URL, a www. host or an e-mail address */
  uint8_t pipes;     /* "|" separators (menus, breadcrumbs, title suffixes) */
  uint8_t date;      /* holds a date or a clock time */
  uint8_t copyright; /* holds © */
  uint8_t boiler;    /* the phrase data condemns it (phrases.h) */
  uint8_t lead;      /* a "read also"/"related" label opening the block */
  uint8_t excerpt;   /* ends cut with "[…]": a teaser's excerpt */
  uint8_t condemned; /* the hand scores' verdict: -1 with a reason (set
                        before the model reads, so the model's own fates
                        never feed back into what it learns from) */
  int8_t category;   /* first phrase category matched, -1 none */
  uint8_t phrase_strong;
  uint8_t site;      /* its fingerprint is known site boilerplate */
  uint8_t price;     /* a currency sign or code next to a number */
  uint8_t question;  /* ends with a question mark */
  uint8_t upper;     /* share of its ASCII letters in capitals, x255 */
  uint8_t symbols;   /* share of its characters that are ASCII signs, x255 */
  uint8_t kv;        /* "Label: value": a colon inside a short line */
  uint8_t num_first; /* opens with a number */
  uint8_t num_last;  /* ends with a number ("Comments 12", "Boards 9129") */
  uint8_t shape;     /* coarse look (length class, sentence, digits,
                        capital, price): what repeats in a grid of cards */
  uint8_t title_in;  /* share of its words that are the first line's, x255 */
  uint8_t title_cov; /* share of the first line's words it holds, x255 */
  uint16_t dups;     /* blocks of the document with the same words */
  uint64_t fp;       /* fingerprint (0: fewer than three words) */
  uint64_t key;      /* hash of its normalized words (0: none) */

  /* Markdown clippings (text_markdown.c); zero in plain text */
  uint8_t md;        /* CC_TMD_* */
  uint8_t level;     /* heading level 1-6; list item depth from 0 */
  uint8_t quote;     /* block-quote depth */
  uint8_t links;     /* share of its visible characters inside links, x255 */
  uint8_t images;    /* images it shows (capped at 255) */
  const char *raw;   /* its inline Markdown, read again for the tree when
                        the block is kept (NULL for tables and code) */
  uint32_t rawlen;
  cc_ast *inl;       /* a table's rows, read (NULL for other blocks) */
  const char *info;  /* a code block's info string (its language), or NULL */

  /* decisions (text_select.c, text_meta.c) */
  float score;      /* content score from its own features, -1..1 */
  float smooth;     /* after the neighbours had their say */
  float p1;         /* the model's first reading: probability of content */
  float p;          /* its final reading, with the first one's context */
  uint8_t kind;     /* CC_TK_* */
  uint8_t fate;     /* cc_tfate */
  uint8_t title;    /* repeats the title */
  uint8_t headline; /* repeats the title, no fewer words and no more (a
                       part of it is a recipe card's or a gallery's name,
                       a longer line an FAQ's question or a comment count) */
  const char *why;  /* static reason for the fate */
} cc_tblock;

typedef struct cc_tdoc {
  const char *src; /* the decoded input */
  size_t srclen;
  cc_tblock *b;
  uint32_t n;
  int lang;            /* cc_lang index of the document's language, -1 */
  const char *lang_tag; /* what cc_lang_detect said (may lack stopwords) */
  cc_script script;    /* the document's script */
  int wrapped;         /* lines were hard-wrapped and joined */
  int markdown;        /* read as Markdown (text_markdown.c) */
  int modeled;         /* the model decided (else the hand scores did) */
  const struct cc_md_refs *refs; /* its link reference definitions */
  const char *base;    /* what its relative links resolve against */
  int32_t title_block; /* index of the title line, -1 */
  uint32_t first, last; /* the region chosen: blocks [first, last); empty
                           when first == last */
  int page_type;       /* the page model's likeliest type (cc_text_page_type_name), -1 */
  float page_type_p;   /* its probability */
  uint32_t hand_first, hand_last; /* the prose region read from the
                           hand-written scores alone (a model feature) */
} cc_tdoc;

/* text_build.c: the stages up to the fates, in order (what
 * cc_stage_text runs before building the tree; bench/ tools use it). */
cc_tdoc *cc_text_analyse(cc_arena *a, const char *utf8, size_t len, const cc_options *opt,
                         cc_meta *meta);

/* text_blocks.c: splits into blocks (doc->b, doc->n), then computes each
 * block's features; the language must be set before describing. */
void cc_text_split(cc_arena *a, const char *utf8, size_t len, cc_tdoc *doc);
void cc_text_describe(cc_tdoc *doc, const cc_options *opt);

/* text_meta.c: the document's language and script (before describing),
 * then the title (before selection) and the byline (after it). */
void cc_text_language(cc_tdoc *doc);
void cc_text_title(cc_arena *a, cc_tdoc *doc, cc_meta *meta);
/* The block that may be the title: the first (a Markdown clipping's first
 * headline that is not a link). */
uint32_t cc_text_title_candidate(const cc_tdoc *doc);
void cc_text_byline(cc_arena *a, cc_tdoc *doc, cc_meta *meta);

/* text_select.c: scores, the region, the islands: sets every block's fate. */
void cc_text_select(cc_tdoc *doc, const cc_options *opt);
/* The fate block i gets whatever the model reads (after the hand scores):
 * CC_TF_TITLE, CC_TF_DROP, or 0 when the model decides. */
int cc_text_verdict(const cc_tdoc *doc, uint32_t i);
/* An article is one run of text: of the blocks kept in [first, last),
 * those outside the run whose readings over the model's threshold, by
 * length, add up the most (max-sum subarray) leave the article; so do
 * those before its headline, and those after a comment notice followed
 * by dated comments or after a copyright notice. `cuts` says how much
 * applies: all (an article), all but the max-sum run (a page of one text:
 * a product, a service, a document), the headline only (a page of many
 * items: a thread's posts, a listing's entries, under their title). */
enum { CC_TCUT_HEADLINE = 0, CC_TCUT_ENDS, CC_TCUT_RUN };
void cc_text_one_run(cc_tdoc *doc, int cuts);

/* text_features.c: what the block classifier reads. Prepared once per
 * document (after the hand-written scores), then read block by block;
 * the second stage's features need every block's p1. */
typedef struct cc_tfeat cc_tfeat;
cc_tfeat *cc_text_features_prepare(const cc_tdoc *doc);
void cc_text_features_stage2(cc_tfeat *f);
/* Writes block i's features (cc_text_feature_count(stage) of them). */
void cc_text_features(const cc_tfeat *f, uint32_t i, int stage, float *out);
unsigned cc_text_feature_count(int stage);
/* The feature's name (as the model data calls it), or NULL. */
const char *cc_text_feature_name(unsigned k);
/* The page's own features (what the page model reads), by index. */
unsigned cc_text_page_feature_count(void);
const char *cc_text_page_feature_name(unsigned k);
/* The page model's reading of the page: probability of each page type, in
 * the order of cc_text_page_type_name(). */
const float *cc_text_page_types(const cc_tfeat *f);
void cc_text_features_free(cc_tfeat *f);

/* text_model.c: the block classifier (its trees are data, text_model.txt,
 * written by bench/train-text-model). Probability that block i is
 * content, at stage 1 or 2; with `top`, the features that moved it most
 * (indices, by |effect|, `ntop` of them, effects in eff). Returns -1 when
 * the model data is unusable (then the hand scores decide). */
int cc_text_model_ready(void);
/* Its stages: 1 (the second reading is the first), or 2. */
int cc_text_model_stages(void);
/* The reading at or over which a block is content. */
float cc_text_model_threshold(void);
float cc_text_model_p(const cc_tfeat *f, uint32_t i, int stage, unsigned *top, float *eff,
                      unsigned ntop);
/* The page model: from the page's features (npg of them), the probability
 * of each page type (npt of them; all 0 without a page model). */
void cc_text_model_page(const float *pg, unsigned npg, float *pt, unsigned npt);
/* The name of page type k ("article", "forum"...), or NULL. */
const char *cc_text_page_type_name(unsigned k);

/* Sizes, shared by the stages. Length classes, in words (or CJK
 * characters / 2) and characters. */
#define CC_TLONG_WORDS 12
#define CC_TLONG_CHARS 80
#define CC_TMED_WORDS 5
#define CC_TMED_CHARS 30

static inline uint32_t cc_tb_words(const cc_tblock *b) {
  return (uint32_t)b->alpha + b->nums + b->cjk / 2u;
}
static inline int cc_tb_long(const cc_tblock *b) {
  return cc_tb_words(b) >= CC_TLONG_WORDS ||
         (b->chars >= CC_TLONG_CHARS && cc_tb_words(b) >= CC_TMED_WORDS);
}
static inline int cc_tb_short(const cc_tblock *b) {
  return cc_tb_words(b) < CC_TMED_WORDS && b->chars < CC_TMED_CHARS;
}
/* What a block weighs in a region: its length, capped, plus a little. */
static inline float cc_tb_weight(const cc_tblock *b) {
  return 20.f + (float)(b->chars < 1000 ? b->chars : 1000);
}

/* Markdown clippings (text_markdown.c, text_md_inline.c). */
typedef struct cc_md_ref {
  const char *label; /* normalized: ASCII lowercase, whitespace runs as one space */
  size_t len;
  const char *url, *title;
} cc_md_ref;
typedef struct cc_md_refs {
  cc_md_ref *r; /* sorted by label */
  size_t n;
} cc_md_refs;
/* Does the text read as Markdown (headings, links, fences, emphasis...)? */
int cc_md_detect(const char *utf8, size_t len);
/* Cuts a Markdown clipping into blocks (doc->b, doc->n): each block's
 * text is what a reader sees of it, its inline content parsed into
 * b->inl (links resolved against base, which may be NULL). */
void cc_md_split(cc_arena *a, const char *utf8, size_t len, const char *base, cc_tdoc *doc);
/* The definition a link label names, or NULL. */
const cc_md_ref *cc_md_ref_find(const cc_md_refs *refs, const char *label, size_t n);
/* Parses s[0..n) (inline Markdown) into inline nodes appended to parent. */
void cc_md_inlines(cc_arena *a, const char *s, size_t n, const cc_md_refs *refs,
                   const char *base, cc_ast *parent);

/* Helpers shared by the stages. */
/* Does the text end like a sentence (. ! ? … or a closing quote after one)? */
int cc_text_ends_sentence(const char *s, size_t n);
/* Letters and digits only, ASCII lowercased: for comparing lines. */
size_t cc_text_squash(const char *s, size_t n, char *out, size_t cap);

#endif
