/* text_select.c — which blocks of a clipping are the article (see text.h
 * and docs/text-cleaner.md).
 *
 * Owns the decision, in four steps, all linear:
 *   1. score: each block gets a content score in [-1, 1] from its own
 *      features (length, sentence punctuation, share of stopwords of the
 *      document's language, digits, capitals, URLs, separators), or a
 *      verdict (the phrase data, a foreign script, site boilerplate);
 *   2. smooth: the neighbours have their say — a short line between two
 *      paragraphs is text, a line in a run of short non-sentences is a
 *      menu, a headline after a "read also" label or a credit is a teaser;
 *   3. region: the contiguous run of blocks with the largest sum of score
 *      x length (max-sum subarray), so long paragraphs carry the short
 *      lines between them and long menus sink what they surround;
 *   4. islands: inside the region, the blocks condemned in 1-2 are
 *      dropped, and so are labels before the first paragraph and after
 *      the last one.
 */
#include <string.h>

#include "text.h"

/* Length classes, in words (or CJK characters / 2) and characters. */
#define LONG_WORDS 12
#define LONG_CHARS 80
#define MED_WORDS 5
#define MED_CHARS 30
/* Prose has function words: at least this share of its words are
 * stopwords of its language (the short lists of lang.c cover a third to
 * a half of running text; names, menus and tag lists far less). */
#define STOP_SHARE_MIN 0.18f
/* A run of at least this many short non-sentences is a menu. */
#define MENU_RUN 3
/* Headline-like lines after a "read also" label are its teasers; at most
 * this many. */
#define TEASERS_MAX 8
/* What the first line repeating the title adds to the region holding it. */
#define HEADLINE_BONUS 250.f
/* ... when a paragraph follows it within this many blocks. */
#define ANCHOR_REACH 12
/* Scores at or below this are dropped inside the region. */
#define DROP_AT -0.75f

static uint32_t eff_words(const cc_tblock *b) { return b->alpha + b->nums + b->cjk / 2u; }

static int is_long(const cc_tblock *b) {
  return eff_words(b) >= LONG_WORDS || (b->chars >= LONG_CHARS && eff_words(b) >= MED_WORDS);
}

static int is_short(const cc_tblock *b) {
  return eff_words(b) < MED_WORDS && b->chars < MED_CHARS;
}

/* Does the block read like prose in the document's language? */
static int has_function_words(const cc_tdoc *doc, const cc_tblock *b) {
  if (b->cjk * 2 > b->chars) return b->punct > 0 || b->ends; /* no spaces, no stopwords */
  if (!b->alpha) return 0;
  if (doc->lang < 0) return b->stop * 10 >= b->alpha; /* any language's stopwords */
  return (float)b->stop >= STOP_SHARE_MIN * (float)b->alpha;
}

/* A line shaped like a headline or a teaser: a few words, no sentence. */
static int headline_like(const cc_tblock *b) {
  return b->alpha >= 2 && eff_words(b) <= 20 && !b->ends && !b->colon && !b->bullet;
}

/* A teaser's excerpt ends cut with "[…]" or "[...]" (an elision inside a
 * quote is followed by more text). */
static int excerpt(const cc_tblock *b) {
  static const char *const cuts[] = {"[\xE2\x80\xA6]", "[...]", "(\xE2\x80\xA6)", "(...)"};
  for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
    size_t l = strlen(cuts[k]);
    if (b->len >= l && !memcmp(b->text + b->len - l, cuts[k], l)) return 1;
  }
  return 0;
}

static float clamp(float x) { return x < -1.f ? -1.f : x > 1.f ? 1.f : x; }

/* Step 1: the block's own score. */
static float own_score(const cc_tdoc *doc, cc_tblock *b) {
  if (b->title) {
    b->why = "repeats the title";
    return -1.f;
  }
  if (b->site) {
    b->why = "repeats across the site";
    return -1.f;
  }
  if (b->boiler) {
    b->why = cc_phrase_category_name(b->category);
    return -1.f;
  }
  if (b->foreign) {
    b->why = "script foreign to the document";
    return -1.f;
  }
  if (excerpt(b)) {
    b->why = "excerpt of another article (teaser)";
    return -1.f;
  }
  if (!b->alpha && !b->cjk) {
    b->why = "no words";
    return -1.f;
  }
  int fw = has_function_words(doc, b);
  int sentence = b->punct > 0 || b->ends;
  float s;
  if (is_long(b))
    s = fw && sentence ? 1.f : fw ? 0.6f : sentence ? 0.2f : -0.4f;
  else if (!is_short(b))
    s = fw && b->ends ? 0.6f : fw && sentence ? 0.4f : sentence ? 0.f : -0.5f;
  else
    s = b->ends && b->stop ? 0.f : -0.7f;
  int lng = is_long(b);
  if (!lng && b->nums * 2 > b->words) s -= 0.3f;       /* counters, dates, scores */
  if (b->url) s -= 0.5f;                                /* links, addresses */
  if (b->pipes >= 2) s -= 0.8f;                         /* "Home | News | Sport" */
  else if (b->pipes == 1 && !lng) s -= 0.3f;
  if (b->date && !lng) s -= 0.3f;                       /* datelines */
  if (b->copyright) s -= 0.5f;                          /* credits, footers */
  if (b->alpha >= 4 && b->caps * 10 >= b->alpha * 8 && !b->ends && !lng)
    s -= 0.3f; /* Title Case Teaser Or Menu Entry */
  return clamp(s);
}

static float weight(const cc_tblock *b) {
  return 20.f + (float)(b->chars < 1000 ? b->chars : 1000);
}

void cc_text_select(cc_tdoc *doc, const cc_options *opt) {
  (void)opt;
  uint32_t n = doc->n;
  doc->first = doc->last = 0;
  if (!n) return;
  cc_tblock *b = doc->b;

  /* 1. own scores */
  for (uint32_t i = 0; i < n; i++) {
    b[i].why = NULL;
    b[i].score = (int)i == doc->title_block ? 0.f : own_score(doc, &b[i]);
    b[i].smooth = b[i].score;
  }

  /* 2. neighbours. Menus: runs of short lines that are not sentences. */
  for (uint32_t i = 0; i < n;) {
    uint32_t j = i;
    while (j < n && !is_long(&b[j]) && !b[j].ends && !b[j].bullet && (int)j != doc->title_block)
      j++;
    if (j - i >= MENU_RUN)
      for (uint32_t k = i; k < j; k++)
        if (b[k].smooth > -0.8f) {
          b[k].smooth = -0.8f;
          if (!b[k].why) b[k].why = "run of short lines (menu)";
        }
    i = j > i ? j : i + 1;
  }
  /* Teasers: headline-like lines after a "read also" label, or right
   * under a caption or credit line (an image and its headline). */
  for (uint32_t i = 0; i + 1 < n; i++) {
    if (b[i].lead) {
      for (uint32_t k = i + 1, c = 0; k < n && c < TEASERS_MAX && headline_like(&b[k]); k++, c++) {
        b[k].smooth = -1.f;
        b[k].why = "teaser after a related label";
      }
    } else if (b[i].boiler && (b[i].category == CC_PH_CREDIT) && b[i + 1].gap == 0 &&
               headline_like(&b[i + 1]) && !b[i + 1].boiler && b[i + 1].alpha >= 4 &&
               (int)i + 1 != doc->title_block) {
      b[i + 1].smooth = -1.f;
      b[i + 1].why = "caption or teaser under an image credit";
    }
  }
  /* Lead-ins and subheadings: a short line between two paragraphs. */
  for (uint32_t i = 1; i + 1 < n; i++) {
    cc_tblock *x = &b[i];
    if (x->smooth >= 0.3f || x->smooth <= -0.8f || x->why) continue;
    if (b[i - 1].smooth >= 0.5f && b[i + 1].smooth >= 0.5f) x->smooth = 0.3f;
  }

  /* 3. the region: max-sum subarray of smooth score x length. Comment
   * and login notices weigh like a long paragraph against: what follows
   * them is the readers', not the article. */
  float best = 0.f, cur = 0.f;
  uint32_t start = 0, bf = 0, bl = 0;
  int anchored = 0;
  uint32_t anchor = 0;
  for (uint32_t i = 0; i < n; i++) {
    float v = b[i].smooth * weight(&b[i]);
    /* the headline under the page title opens the article: a region that
     * starts there is worth a long paragraph more */
    if (b[i].title && (int)i != doc->title_block) {
      /* the headline, not a sticky header or a gallery repeating it: a
       * paragraph follows within a few blocks */
      int text_follows = 0;
      for (uint32_t k = i + 1; k < n && k <= i + ANCHOR_REACH && !b[k].title; k++)
        if (b[k].score >= 0.6f) text_follows = 1;
      v = 0.f;
      if (!anchored && text_follows) {
        v = HEADLINE_BONUS;
        anchor = i;
        anchored = 1;
      }
    }
    if (cur <= 0.f) {
      cur = 0.f;
      start = i;
    }
    cur += v;
    if (cur > best) {
      best = cur;
      bf = start;
      bl = i + 1;
    }
  }
  /* The region starts at the headline when it holds it (what precedes
   * is the page's header: most-read lists, breadcrumbs), and ends where
   * the readers' part begins: a comment notice ("34 Comments", "Leave a
   * reply") once the article has begun. */
  if (anchored && anchor > bf && anchor < bl) bf = anchor;
  /* one word may be a button ("Report" under an embedded post): it only
   * ends the article when less text follows than went before. What
   * follows is the region's positive weight minus what was already
   * passed (a running sum: one pass, however many buttons). */
  double before = 0.0, ahead = 0.0;
  for (uint32_t i = bf; i < bl; i++)
    if (b[i].smooth > 0.f) ahead += (double)(b[i].smooth * weight(&b[i]));
  for (uint32_t i = bf; i < bl; i++) {
    if (b[i].smooth > 0.f) ahead -= (double)(b[i].smooth * weight(&b[i]));
    if (before > 0.0 && b[i].boiler && b[i].category == CC_PH_COMMENTS &&
        (b[i].words >= 2 || ahead <= before)) {
      bl = i;
      break;
    }
    if (b[i].smooth >= 0.6f) before += (double)(b[i].smooth * weight(&b[i]));
  }
  int fallback = bl == bf;
  if (fallback) { /* nothing reads like an article: keep what is not condemned */
    bf = 0;
    bl = n;
  }
  doc->first = bf;
  doc->last = bl;

  /* 4. fates */
  for (uint32_t i = 0; i < n; i++) {
    cc_tblock *x = &b[i];
    if ((int)i == doc->title_block || x->title) {
      x->fate = CC_TF_TITLE;
      x->why = (int)i == doc->title_block ? "title (metadata)" : "repeats the title";
    } else if (i < bf || i >= bl) {
      x->fate = CC_TF_OUTSIDE;
      if (!x->why) x->why = "outside the article";
    } else if (x->score <= -1.f || (!fallback && x->smooth <= DROP_AT)) {
      x->fate = CC_TF_DROP;
      if (!x->why) x->why = "not text (short, no sentence)";
    } else {
      x->fate = CC_TF_KEEP;
    }
  }
  if (fallback) return;
  /* labels, kickers and datelines before the first paragraph; tags and
   * source lines after the last one */
  uint32_t fc = bl, lc = bf;
  for (uint32_t i = bf; i < bl; i++)
    if (b[i].fate == CC_TF_KEEP && b[i].score >= 0.6f) {
      if (fc == bl) fc = i;
      lc = i;
    }
  for (uint32_t i = bf; i < fc && i < bl; i++)
    if (b[i].fate == CC_TF_KEEP && !b[i].ends &&
        (eff_words(&b[i]) <= 8 || (b[i].date && eff_words(&b[i]) <= 16))) {
      b[i].fate = CC_TF_DROP;
      b[i].why = b[i].date ? "dateline before the text" : "label before the text";
    }
  for (uint32_t i = lc + 1; i < bl; i++)
    if (b[i].fate == CC_TF_KEEP && !b[i].ends && !is_long(&b[i])) {
      b[i].fate = CC_TF_DROP;
      b[i].why = "label after the text";
    }

  /* kinds: list items, and subheadings (a short non-sentence before a
   * paragraph that opens with a capital) */
  int prev_ends = 1;
  for (uint32_t i = bf; i < bl; i++) {
    cc_tblock *x = &b[i];
    if (x->fate != CC_TF_KEEP) continue;
    uint32_t j = i + 1;
    while (j < bl && b[j].fate != CC_TF_KEEP) j++;
    if (x->bullet)
      x->kind = x->bullet == 2 ? CC_TK_OITEM : CC_TK_ITEM;
    else if (prev_ends && j < bl && !b[j].bullet && !b[j].lower && is_long(&b[j]) &&
             headline_like(x) && eff_words(x) <= 14 && !x->lower && !x->punct)
      x->kind = CC_TK_HEADING;
    else
      x->kind = CC_TK_PARA;
    prev_ends = x->ends || x->kind == CC_TK_HEADING;
  }
}
