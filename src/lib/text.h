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
enum { CC_TK_PARA = 0, CC_TK_HEADING, CC_TK_ITEM, CC_TK_OITEM };

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
  int8_t category;   /* first phrase category matched, -1 none */
  uint8_t phrase_strong;
  uint8_t site;      /* its fingerprint is known site boilerplate */
  uint64_t fp;       /* fingerprint (0: fewer than three words) */

  /* decisions (text_select.c, text_meta.c) */
  float score;      /* content score from its own features, -1..1 */
  float smooth;     /* after the neighbours had their say */
  uint8_t kind;     /* CC_TK_* */
  uint8_t fate;     /* cc_tfate */
  uint8_t title;    /* repeats the title */
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
  int32_t title_block; /* index of the title line, -1 */
  uint32_t first, last; /* the region chosen: blocks [first, last); empty
                           when first == last */
} cc_tdoc;

/* text_blocks.c: splits into blocks (doc->b, doc->n), then computes each
 * block's features; the language must be set before describing. */
void cc_text_split(cc_arena *a, const char *utf8, size_t len, cc_tdoc *doc);
void cc_text_describe(cc_tdoc *doc, const cc_options *opt);

/* text_meta.c: the document's language and script (before describing),
 * then the title (before selection) and the byline (after it). */
void cc_text_language(cc_tdoc *doc);
void cc_text_title(cc_arena *a, cc_tdoc *doc, cc_meta *meta);
void cc_text_byline(cc_arena *a, cc_tdoc *doc, cc_meta *meta);

/* text_select.c: scores, the region, the islands: sets every block's fate. */
void cc_text_select(cc_tdoc *doc, const cc_options *opt);

/* Helpers shared by the stages. */
/* Does the text end like a sentence (. ! ? … or a closing quote after one)? */
int cc_text_ends_sentence(const char *s, size_t n);
/* Letters and digits only, ASCII lowercased: for comparing lines. */
size_t cc_text_squash(const char *s, size_t n, char *out, size_t cap);

#endif
