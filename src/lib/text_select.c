/* text_select.c — which blocks of a clipping are the article (see text.h
 * and docs/text-cleaner.md).
 *
 * Owns the decision, in steps, all linear:
 *   1. hand scores: each block gets a content score in [-1, 1] from its
 *      own features (length, sentence punctuation, share of stopwords of
 *      the document's language, digits, capitals, URLs, separators), or a
 *      verdict (the phrase data, a foreign script, site boilerplate);
 *   2. neighbours: a short line between two paragraphs is text, a line in
 *      a run of short non-sentences is a menu, a headline after a "read
 *      also" label or a credit is a teaser;
 *   3. the prose region: the contiguous run of blocks with the largest
 *      sum of score x length (max-sum subarray), so long paragraphs carry
 *      the short lines between them and long menus sink what they
 *      surround; it ends at a comment notice;
 *   4. the model (text_model.c) reads all of that with each block's
 *      surroundings and the page (text_features.c): a probability of
 *      content per block, first alone, then again with the first
 *      readings around it;
 *   5. fates: the title and what repeats it go to the metadata, site
 *      boilerplate goes, and the model's reading decides the rest; on a
 *      page read as an article, what it kept is cut to one run of text
 *      (a teaser feed or comments after a gap go), which starts at the
 *      headline and ends at a comment notice over dated comments or at
 *      a copyright notice; a page of one text (a product, a service, a
 *      document) gets those cuts without the run, a page of many items
 *      the headline's only; when the model data
 *      is unusable or the clipping is short, the region of step 3 and its
 *      islands decide, as they did before there was a model;
 *   6. kinds: list items, and subheadings.
 */
#include <string.h>
#include <strings.h>

#include "text.h"

/* Prose has function words: at least this share of its words are
 * stopwords of its language (the short lists of lang.c cover a third to
 * a half of running text; names, menus and tag lists far less). */
#define STOP_SHARE_MIN 0.18f
/* A run of at least this many short non-sentences is a menu. */
#define MENU_RUN 3
/* Headline-like lines after a "read also" label are its teasers; at most
 * this many. */
#define TEASERS_MAX 8
/* What a line repeating the title adds to the region holding it, when a
 * paragraph follows it within ANCHOR_REACH blocks: the headline opens the
 * article (a repeat with no text after it — a "you read" footer, a
 * previous/next link — is no headline). */
#define HEADLINE_BONUS 250.f
#define ANCHOR_REACH 12
/* A comment notice that is a sentence of more words than this is an
 * invitation ("Tell us what you think of our new page"), which stands
 * anywhere, not the heading of the readers' part. */
#define NOTICE_WORDS 6
/* Readers' comments carry each a date; an article's paragraphs do not:
 * with `strict`, a notice ends the article only when NOTICE_DATES dated
 * lines follow it within NOTICE_REACH blocks (a comment count in the
 * article's header, "124 Comments", has the article after it). */
#define NOTICE_REACH 12
#define NOTICE_DATES 2
/* A line the model dropped weighs in the one run at least as much as a
 * line of 60 characters (cc_tb_weight: 20 + characters): a stretch of
 * short dropped lines (tags, buttons, a share bar) parts the article from
 * a feed after it however short each line is. */
#define DROPPED_MIN_WEIGHT 80.f
/* Prose (characters) the article has given before a copyright notice
 * may close it. */
#define COPYRIGHT_AFTER 500
/* Hand scores at or below this are dropped inside the region (without
 * a model). */
#define DROP_AT -0.75f
/* A Markdown block whose visible text is at least this much link text
 * (x255: 60%) reads as a menu or a list of teasers. */
#define LINKS_MENU 153
/* The model learned from web pages' text; a clipping with fewer
 * characters than this is no page's dump, and the hand scores read it. */
#define MODEL_MIN_CHARS 1500

/* Does the block read like prose in the document's language? */
static int has_function_words(const cc_tdoc *doc, const cc_tblock *b) {
  if (b->cjk * 2 > b->chars) return b->punct > 0 || b->ends; /* no spaces, no stopwords */
  if (!b->alpha) return 0;
  if (doc->lang < 0) return b->stop * 10 >= b->alpha; /* any language's stopwords */
  return (float)b->stop >= STOP_SHARE_MIN * (float)b->alpha;
}

/* A line shaped like a headline or a teaser: a few words, no sentence. */
static int headline_like(const cc_tblock *b) {
  return b->alpha >= 2 && cc_tb_words(b) <= 20 && !b->ends && !b->colon && !b->bullet;
}

static float clamp(float x) { return x < -1.f ? -1.f : x > 1.f ? 1.f : x; }

/* 1. The block's own score. */
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
  if (b->excerpt) {
    b->why = "excerpt of another article (teaser)";
    return -1.f;
  }
  if (b->md == CC_TMD_RULE) {
    b->why = "thematic break";
    return -1.f;
  }
  if (b->md == CC_TMD_CODE || b->md == CC_TMD_HEADING || (b->images && !b->alpha && !b->cjk))
    return 0.f; /* code, images, headings: what surrounds them decides (carried) */
  if (!b->alpha && !b->cjk) {
    b->why = "no words";
    return -1.f;
  }
  int fw = has_function_words(doc, b);
  int sentence = b->punct > 0 || b->ends;
  float s;
  if (cc_tb_long(b))
    s = fw && sentence ? 1.f : fw ? 0.6f : sentence ? 0.2f : -0.4f;
  else if (!cc_tb_short(b))
    s = fw && b->ends ? 0.6f : fw && sentence ? 0.4f : sentence ? 0.f : -0.5f;
  else
    s = b->ends && b->stop ? 0.f : -0.7f;
  int lng = cc_tb_long(b);
  if (!lng && b->nums * 2 > b->words) s -= 0.3f;       /* counters, dates, scores */
  if (b->url) s -= 0.5f;                                /* links, addresses */
  if (b->pipes >= 2) s -= 0.8f;                         /* "Home | News | Sport" */
  else if (b->pipes == 1 && !lng) s -= 0.3f;
  if (b->date && !lng) s -= 0.3f;                       /* datelines */
  if (b->copyright) s -= 0.5f;                          /* credits, footers */
  if (b->alpha >= 4 && b->caps * 10 >= b->alpha * 8 && !b->ends && !lng)
    s -= 0.3f; /* Title Case Teaser Or Menu Entry */
  if (b->links >= LINKS_MENU) { /* Markdown: mostly link text */
    if (!lng && s > -0.8f) {
      s = -0.8f;
      b->why = "links (menu)";
    } else {
      s -= 0.4f;
    }
  }
  return clamp(s);
}

/* 2. Neighbours. Menus: runs of short lines that are not sentences. */
static void menus(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  uint32_t n = doc->n;
  for (uint32_t i = 0; i < n;) {
    uint32_t j = i;
    while (j < n && !cc_tb_long(&b[j]) && !b[j].ends && !b[j].bullet &&
           (int)j != doc->title_block)
      j++;
    if (j - i >= MENU_RUN)
      for (uint32_t k = i; k < j; k++)
        if (b[k].smooth > -0.8f) {
          b[k].smooth = -0.8f;
          if (!b[k].why) b[k].why = "run of short lines (menu)";
        }
    i = j > i ? j : i + 1;
  }
}

/* Teasers: headline-like lines after a "read also" label, or right under
 * a caption or credit line (an image and its headline). */
static void teasers(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  for (uint32_t i = 0; i + 1 < doc->n; i++) {
    if (b[i].lead) {
      for (uint32_t k = i + 1, c = 0; k < doc->n && c < TEASERS_MAX && headline_like(&b[k]);
           k++, c++) {
        b[k].smooth = -1.f;
        b[k].why = "teaser after a related label";
      }
    } else if (b[i].boiler && b[i].category == CC_PH_CREDIT && b[i + 1].gap == 0 &&
               headline_like(&b[i + 1]) && !b[i + 1].boiler && b[i + 1].alpha >= 4 &&
               (int)i + 1 != doc->title_block) {
      b[i + 1].smooth = -1.f;
      b[i + 1].why = "caption or teaser under an image credit";
    }
  }
}

/* Lead-ins and subheadings: a short line between two paragraphs. */
static void lead_ins(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  for (uint32_t i = 1; i + 1 < doc->n; i++) {
    cc_tblock *x = &b[i];
    if (x->smooth >= 0.3f || x->smooth <= -0.8f || x->why) continue;
    if (b[i - 1].smooth >= 0.5f && b[i + 1].smooth >= 0.5f) x->smooth = 0.3f;
  }
}

/* Markdown sections announced as boilerplate: a heading the phrase data
 * condemns ("Newsletter abonnieren", "Related posts", "3 comments")
 * takes what is under it with it, down to the next heading of its level
 * or above — or to a paragraph of BOX_WORDS words or more: a box set in
 * the body (a newsletter form between two paragraphs) is short, and the
 * article goes on after it without a heading of its own. */
#define BOX_WORDS 40
static void sections(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  for (uint32_t i = 0; i < doc->n; i++) {
    if (b[i].md != CC_TMD_HEADING || !b[i].boiler || b[i].category == CC_PH_CREDIT ||
        b[i].category == CC_PH_UI)
      continue;
    uint32_t k = i + 1;
    for (; k < doc->n && !(b[k].md == CC_TMD_HEADING && b[k].level <= b[i].level) &&
           cc_tb_words(&b[k]) < BOX_WORDS;
         k++) {
      b[k].score = b[k].smooth = -1.f;
      b[k].why = "in a section announced as boilerplate";
    }
    i = k - 1;
  }
}

/* Does a paragraph follow block i within ANCHOR_REACH blocks, before the
 * next line repeating the title? */
static int text_follows(const cc_tdoc *doc, uint32_t i) {
  for (uint32_t k = i + 1; k < doc->n && k <= i + ANCHOR_REACH && !doc->b[k].title; k++)
    if (doc->b[k].score >= 0.6f) return 1;
  return 0;
}

/* The max-sum run of blocks [from, to) under `value` (Kadane: one pass);
 * empty (first == last) when no run adds up to more than 0. */
typedef float (*block_value)(const cc_tdoc *doc, uint32_t i);

static void max_run(const cc_tdoc *doc, uint32_t from, uint32_t to, block_value value,
                    uint32_t *first, uint32_t *last) {
  float best = 0.f, cur = 0.f;
  uint32_t start = from, bf = from, bl = from;
  for (uint32_t i = from; i < to; i++) {
    if (cur <= 0.f) {
      cur = 0.f;
      start = i;
    }
    cur += value(doc, i);
    if (cur > best) {
      best = cur;
      bf = start;
      bl = i + 1;
    }
  }
  *first = bf;
  *last = bl;
}

/* 3. The region: the max-sum run of smooth score x length. A line
 * repeating the title with text after it counts as a long paragraph:
 * evidence that the article is there, however many repeats there are. */
static float hand_value(const cc_tdoc *doc, uint32_t i) {
  const cc_tblock *b = &doc->b[i];
  if (b->title && (int)i != doc->title_block) return text_follows(doc, i) ? HEADLINE_BONUS : 0.f;
  return b->smooth * cc_tb_weight(b);
}

/* Do dated blocks follow block i (NOTICE_DATES within NOTICE_REACH)?
 * With max_words, only lines of that many words at most that are no
 * sentence count: commenters' headers, not an article's paragraphs. */
static int dates_follow(const cc_tdoc *doc, uint32_t i, unsigned max_words) {
  unsigned dated = 0;
  for (uint32_t k = i + 1; k < doc->n && k <= i + NOTICE_REACH; k++) {
    const cc_tblock *x = &doc->b[k];
    dated += x->date && (!max_words || (!x->ends && x->words <= max_words));
  }
  return dated >= NOTICE_DATES;
}

static int comment_notice(const cc_tdoc *doc, uint32_t i, int strict) {
  const cc_tblock *b = &doc->b[i];
  if (!b->boiler || b->category != CC_PH_COMMENTS) return 0;
  if (!strict) return 1;
  if (b->ends && b->words > NOTICE_WORDS) return 0;
  return dates_follow(doc, i, 0);
}

/* The region ends where the readers' part begins: a comment notice ("34
 * Comments", "Leave a reply") once the article has begun. One word may be
 * a button ("Report" under an embedded post): it only ends the article
 * when less text follows than went before. What follows is the region's
 * positive weight minus what was already passed (a running sum: one
 * pass, however many buttons). */
static uint32_t comments_cut(const cc_tdoc *doc, uint32_t bf, uint32_t bl, int strict) {
  const cc_tblock *b = doc->b;
  double before = 0.0, ahead = 0.0;
  for (uint32_t i = bf; i < bl; i++)
    if (b[i].smooth > 0.f) ahead += (double)(b[i].smooth * cc_tb_weight(&b[i]));
  for (uint32_t i = bf; i < bl; i++) {
    if (b[i].smooth > 0.f) ahead -= (double)(b[i].smooth * cc_tb_weight(&b[i]));
    if (before > 0.0 && comment_notice(doc, i, strict) && (b[i].words >= 2 || ahead <= before))
      return i;
    if (b[i].smooth >= 0.6f) before += (double)(b[i].smooth * cc_tb_weight(&b[i]));
  }
  return bl;
}

/* Steps 1-3: the hand-written reading, and its region. */
static void hand(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  for (uint32_t i = 0; i < doc->n; i++) {
    b[i].why = NULL;
    b[i].score = (int)i == doc->title_block ? 0.f : own_score(doc, &b[i]);
    b[i].smooth = b[i].score;
  }
  if (doc->markdown) sections(doc);
  menus(doc);
  teasers(doc);
  lead_ins(doc);
  for (uint32_t i = 0; i < doc->n; i++)
    b[i].condemned = b[i].smooth <= -1.f && b[i].why && (b[i].alpha || b[i].cjk);
  uint32_t bf, bl;
  max_run(doc, 0, doc->n, hand_value, &bf, &bl);
  doc->hand_first = bf;
  doc->hand_last = comments_cut(doc, bf, bl, 0);
}

/* 4. The model's two readings. A block whose fate a verdict sets (the
 * title, site boilerplate, what the phrase data or the hand scores
 * condemn) is read by nothing after a one-stage model, and is left
 * unread (p = 0) unless --explain shows its reading. */
static void model(cc_tdoc *doc, const cc_options *opt) {
  int all = cc_text_model_stages() == 2 || (opt->flags & CC_OPT_EXPLAIN);
  cc_tfeat *f = cc_text_features_prepare(doc);
  const float *pt = cc_text_page_types(f);
  doc->page_type = -1;
  for (int k = 0; cc_text_page_type_name((unsigned)k); k++)
    if (pt[k] > 0.f && (doc->page_type < 0 || pt[k] > pt[doc->page_type])) doc->page_type = k;
  doc->page_type_p = doc->page_type >= 0 ? pt[doc->page_type] : 0.f;
  for (uint32_t i = 0; i < doc->n; i++)
    doc->b[i].p = doc->b[i].p1 =
        !all && cc_text_verdict(doc, i) ? 0.f : cc_text_model_p(f, i, 1, NULL, NULL, 0);
  if (cc_text_model_stages() == 2) {
    cc_text_features_stage2(f);
    for (uint32_t i = 0; i < doc->n; i++) doc->b[i].p = cc_text_model_p(f, i, 2, NULL, NULL, 0);
  }
  cc_text_features_free(f);
}

/* What goes whatever the rest says: the title and its repeats (to the
 * metadata); site boilerplate; what the phrase data condemns, a script
 * foreign to the page, a teaser's cut excerpt; teasers after a "read
 * also" label or under a credit, and sections a boilerplate heading
 * announced. Returns 1 when the block's fate is set. */
int cc_text_verdict(const cc_tdoc *doc, uint32_t i) {
  const cc_tblock *x = &doc->b[i];
  if ((int)i == doc->title_block || x->title) return CC_TF_TITLE;
  if (x->site || x->boiler || x->foreign || x->excerpt || x->condemned)
    return CC_TF_DROP; /* x->why says which */
  return 0;
}

static int verdict(cc_tdoc *doc, uint32_t i) {
  cc_tblock *x = &doc->b[i];
  int v = cc_text_verdict(doc, i);
  if (v == CC_TF_TITLE) x->why = (int)i == doc->title_block ? "title (metadata)" : "repeats the title";
  if (v) x->fate = (uint8_t)v;
  return v != 0;
}

/* Labels, kickers and datelines before the first paragraph (a rubric,
 * "Drame en continu", "Posted: ..."); with `after`, tags and source lines
 * after the last one too. */
static void labels(cc_tdoc *doc, int after) {
  cc_tblock *b = doc->b;
  uint32_t bf = doc->first, bl = doc->last, fc = bl, lc = bf;
  for (uint32_t i = bf; i < bl; i++)
    if (b[i].fate == CC_TF_KEEP && b[i].score >= 0.6f) {
      if (fc == bl) fc = i;
      lc = i;
    }
  for (uint32_t i = bf; i < fc && i < bl; i++)
    if (b[i].fate == CC_TF_KEEP && !b[i].ends && b[i].md <= CC_TMD_PARA &&
        (cc_tb_words(&b[i]) <= 8 || (b[i].date && cc_tb_words(&b[i]) <= 16))) {
      b[i].fate = CC_TF_DROP;
      b[i].why = b[i].date ? "dateline before the text" : "label before the text";
    }
  for (uint32_t i = lc + 1; after && i < bl; i++)
    if (b[i].fate == CC_TF_KEEP && !b[i].ends && !cc_tb_long(&b[i])) {
      b[i].fate = CC_TF_DROP;
      b[i].why = "label after the text";
    }
}

/* An article is one run of text: the run of blocks whose readings over
 * the threshold, by length, add up the most (max-sum subarray); what the
 * model kept beyond it (a teaser feed, readers' comments, a promo) goes.
 * Of the blocks a verdict decided, appeals and notices (donation,
 * newsletter, consent, login, comments) close an article and weigh as
 * dropped text; the rest (a share bar, a credit, an ad label, a byline)
 * stand inside articles as often as between them and weigh nothing. */
static int closes_article(const cc_tblock *b) {
  return b->boiler && (b->category == CC_PH_DONATE || b->category == CC_PH_NEWSLETTER ||
                       b->category == CC_PH_CONSENT || b->category == CC_PH_LOGIN ||
                       b->category == CC_PH_COMMENTS);
}

static float model_value(const cc_tdoc *doc, uint32_t i) {
  const cc_tblock *b = &doc->b[i];
  float t = cc_text_model_threshold();
  if (cc_text_verdict(doc, i)) return closes_article(b) ? -t * cc_tb_weight(b) : 0.f;
  float w = cc_tb_weight(b);
  if (b->p < t && w < DROPPED_MIN_WEIGHT) w = DROPPED_MIN_WEIGHT;
  return (b->p - t) * w;
}

/* The headline: the first line after the title repeating it, when a
 * paragraph follows it closely (a headline over a share bar and a menu,
 * with the text far below, anchors nothing; a later repeat is a gallery's
 * or a recipe card's, or a "you read" footer); doc->n when there is none.
 * What precedes it is the page's header unless a paragraph runs into
 * it, which makes it a subheading. */
static uint32_t headline(const cc_tdoc *doc) {
  for (uint32_t i = (uint32_t)(doc->title_block + 1); i < doc->n; i++)
    if (doc->b[i].title) return doc->b[i].headline && text_follows(doc, i) ? i : doc->n;
  return doc->n;
}

/* Does the block open as a copyright notice: "©", "(c)" or "Copyright"
 * (in any order), then a year? A photo's credit names its author after
 * the sign ("© Jane Doe"), or follows a caption ("Sylt | © 2010 J. D."). */
static int copyright_notice(const cc_tblock *b) {
  const char *s = b->text, *e = s + b->len;
  for (;;) {
    while (s < e && (*s == ' ' || *s == ',')) s++;
    if (e - s >= 2 && !memcmp(s, "\xc2\xa9", 2)) s += 2;
    else if (e - s >= 3 && (!memcmp(s, "(c)", 3) || !memcmp(s, "(C)", 3))) s += 3;
    else if (e - s >= 9 && !strncasecmp(s, "copyright", 9)) s += 9;
    else break;
  }
  if (s == b->text || e - s < 4) return 0;
  for (int k = 0; k < 4; k++)
    if (s[k] < '0' || s[k] > '9') return 0;
  return (s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0');
}

/* A copyright notice closes the page: the article ends at the first one
 * after the article has said something (COPYRIGHT_AFTER characters of
 * prose kept; a journal's notice under its abstract's dates does not). */
static uint32_t copyright_cut(const cc_tdoc *doc, uint32_t bf, uint32_t bl) {
  uint32_t text = 0;
  for (uint32_t i = bf; i < bl; i++) {
    const cc_tblock *b = &doc->b[i];
    if (text >= COPYRIGHT_AFTER && b->copyright && copyright_notice(b)) return i;
    if (b->fate == CC_TF_KEEP && b->score >= 0.6f) text += b->chars;
  }
  return bl;
}

/* Does a kept paragraph run into the next line: it ends as a sentence,
 * not cut off with an ellipsis (a teaser's excerpt, "... It...")? */
static int runs_into(const cc_tblock *b) {
  if (b->fate != CC_TF_KEEP || !b->ends) return 0;
  const char *e = b->text + b->len;
  if (b->len >= 3 && !memcmp(e - 3, "...", 3)) return 0;
  return !(b->len >= 3 && !memcmp(e - 3, "\xe2\x80\xa6", 3));
}

/* A short post over a long thread of readers' comments (an open thread,
 * a brief note) weighs less than the comments, and the run chosen may
 * lie wholly after the comment notice. What follows a comment notice is
 * the readers' when a thread follows it (commenters' lines, short and
 * dated: "Jane on May 3, 2019 at 9:12 am said:"); the post is then the
 * prose between the headline (a line repeating the title) and the
 * notice. When there is such prose, it is the article: its first block
 * goes to *bf and the notice to *notice. */
#define POST_WORDS 25
#define THREAD_LINE_WORDS 15
static int is_post(const cc_tdoc *doc, uint32_t i) {
  const cc_tblock *x = &doc->b[i];
  return !cc_text_verdict(doc, i) && x->ends && x->score > 0.f;
}

static int post_over_thread(cc_tdoc *doc, uint32_t *bf, uint32_t *notice) {
  cc_tblock *b = doc->b;
  uint32_t c = *bf, h, words = 0;
  while (c > 0 && !comment_notice(doc, c - 1, 0)) {
    if (b[c - 1].fate == CC_TF_TITLE || b[c - 1].fate == CC_TF_KEEP) return 0;
    c--;
  }
  if (c-- == 0 || !dates_follow(doc, c, THREAD_LINE_WORDS)) return 0; /* b[c]: the notice */
  for (h = c; h > 0 && b[h - 1].fate != CC_TF_TITLE;) h--;
  if (h == 0 || (int)(h - 1) == doc->title_block) return 0;
  for (uint32_t i = h; i < c; i++) words += is_post(doc, i) ? b[i].words : 0;
  if (words < POST_WORDS) return 0;
  *bf = c;
  for (uint32_t i = h; i < c; i++)
    if (is_post(doc, i)) {
      b[i].fate = CC_TF_KEEP;
      b[i].why = NULL;
      if (i < *bf) *bf = i;
    }
  *notice = c;
  return 1;
}

void cc_text_one_run(cc_tdoc *doc, int cuts) {
  cc_tblock *b = doc->b;
  uint32_t bf = doc->first, bl = doc->last, h = headline(doc);
  if (cuts == CC_TCUT_RUN) max_run(doc, doc->first, doc->last, model_value, &bf, &bl);
  if (bl <= bf) return;
  /* what precedes the headline is the page's header (teasers, a feed of
   * other stories); what follows a comment notice is the readers' */
  uint32_t rf = bf, rl = bl, notice = bl, rights = bl;
  if (cuts >= CC_TCUT_ENDS && post_over_thread(doc, &bf, &notice)) rf = bf, bl = notice;
  if (h > bf && h < bl && !runs_into(&b[h - 1])) bf = h;
  if (cuts >= CC_TCUT_ENDS) {
    bl = notice = comments_cut(doc, bf, bl, 1);
    bl = rights = copyright_cut(doc, bf, bl);
  }
  const char *end = rights < notice ? "after a copyright notice" : "after a comment notice";
  for (uint32_t i = doc->first; i < doc->last; i++) {
    if ((i >= bf && i < bl) || (b[i].fate != CC_TF_KEEP && b[i].fate != CC_TF_DROP)) continue;
    if (b[i].fate == CC_TF_KEEP)
      b[i].why = i < rf || i >= rl ? "beyond the article's run of text"
                 : i < bf          ? "before the headline"
                                   : end;
    b[i].fate = CC_TF_OUTSIDE;
  }
  while (bf < bl && b[bf].fate != CC_TF_KEEP) bf++;
  while (bl > bf && b[bl - 1].fate != CC_TF_KEEP) bl--;
  if (bl > bf) {
    doc->first = bf;
    doc->last = bl;
  }
}

/* Is the page's content one text (an article, a product's description,
 * a service's page, a document), not many items side by side (a forum
 * thread, a collection, a listing)? */
static int one_text(const cc_tdoc *doc) {
  if (doc->page_type < 0) return 1;
  const char *t = cc_text_page_type_name((unsigned)doc->page_type);
  return strcmp(t, "forum") && strcmp(t, "collection") && strcmp(t, "listing");
}

/* 5. Fates from the model: kept at its threshold; the region spans the kept
 * blocks; when none is kept, what no verdict condemned stays (a short
 * note is no web page). */
static void fates_model(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  uint32_t n = doc->n, bf = n, bl = 0;
  float keep_at = cc_text_model_threshold();
  for (uint32_t i = 0; i < n; i++) {
    if (verdict(doc, i)) continue;
    b[i].fate = b[i].p >= keep_at ? CC_TF_KEEP : CC_TF_DROP;
    if (b[i].fate == CC_TF_KEEP) {
      if (bf == n) bf = i;
      bl = i + 1;
    }
  }
  if (bf == n) {
    for (uint32_t i = 0; i < n; i++)
      if (b[i].fate == CC_TF_DROP && !b[i].site && b[i].score > -1.f) b[i].fate = CC_TF_KEEP;
    bf = 0;
    bl = n;
  }
  for (uint32_t i = 0; i < n; i++) {
    if (b[i].fate != CC_TF_DROP) continue;
    if (i < bf || i >= bl) b[i].fate = CC_TF_OUTSIDE;
    if (!b[i].why) b[i].why = i < bf || i >= bl ? "outside the article" : "not text (model)";
  }
  doc->first = bf;
  doc->last = bl;
  /* kickers and rubrics open an article; a collection opens with items */
  if (doc->page_type < 0 || !strcmp(cc_text_page_type_name((unsigned)doc->page_type), "article")) {
    cc_text_one_run(doc, CC_TCUT_RUN);
    labels(doc, 1);
  } else {
    cc_text_one_run(doc, one_text(doc) ? CC_TCUT_ENDS : CC_TCUT_HEADLINE);
  }
}

/* Code, tables and images (Markdown) have no prose to read: they belong
 * to the article when they stand inside it (between its first and last
 * kept blocks) next to kept text (an image after a share bar, a listing
 * between two paragraphs), or open it (the lead art under the headline). */
static int carried(const cc_tblock *b) {
  return b->md == CC_TMD_CODE || b->md == CC_TMD_TABLE || (b->images && !b->alpha && !b->cjk);
}

static void carry(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  uint32_t n = doc->n, prev = n, first = n, last = 0;
  for (uint32_t i = 0; i < n; i++)
    if (b[i].fate == CC_TF_KEEP && !carried(&b[i])) {
      if (first == n) first = i;
      last = i;
    }
  for (uint32_t i = 0; i < n; i++) {
    if (!carried(&b[i])) {
      if (b[i].fate != CC_TF_TITLE && b[i].fate != CC_TF_BYLINE) prev = i;
      continue;
    }
    uint32_t next = i + 1;
    while (next < n && carried(&b[next])) next++;
    /* inside the article, or its lead art: the last image between the
     * headline and the first kept block */
    int lead = first < n && i < first && b[i].images && doc->title_block >= 0 &&
               (int64_t)i > doc->title_block;
    for (uint32_t k = i + 1; lead && k < first; k++)
      if (b[k].images) lead = 0;
    int inside = first < n && ((i > first && i < last) || lead);
    int beside = lead || (prev < n && b[prev].fate == CC_TF_KEEP) ||
                 (next < n && b[next].fate == CC_TF_KEEP);
    if (inside && beside && !b[i].site && b[i].fate != CC_TF_TITLE) {
      b[i].fate = CC_TF_KEEP;
      b[i].why = NULL;
    } else if (b[i].fate == CC_TF_KEEP) {
      b[i].fate = CC_TF_DROP;
      b[i].why = "code or image outside the text";
    }
  }
}

/* A Markdown heading belongs to the article when the first block of its
 * section does (and no verdict condemned it). */
static void headings(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  for (uint32_t i = doc->n; i-- > 0;) {
    if (b[i].md != CC_TMD_HEADING || b[i].fate == CC_TF_TITLE || b[i].score <= -1.f ||
        b[i].site)
      continue;
    int keep = i + 1 < doc->n && b[i + 1].fate == CC_TF_KEEP;
    if (keep && b[i].fate != CC_TF_KEEP) {
      b[i].fate = CC_TF_KEEP;
      b[i].why = NULL;
    } else if (!keep && b[i].fate == CC_TF_KEEP) {
      b[i].fate = CC_TF_DROP;
      b[i].why = "heading of no text";
    }
  }
}

/* 5, without a model: the hand region, and the islands inside it. */
static void fates_hand(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  uint32_t n = doc->n, bf = doc->hand_first, bl = doc->hand_last;
  int fallback = bl == bf;
  if (fallback) { /* nothing reads like an article: keep what is not condemned */
    bf = 0;
    bl = n;
  }
  doc->first = bf;
  doc->last = bl;
  for (uint32_t i = 0; i < n; i++) {
    cc_tblock *x = &b[i];
    if (verdict(doc, i)) continue;
    if (i < bf || i >= bl) {
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
  labels(doc, 1);
}

/* 6. Kinds: list items, and subheadings (a short non-sentence before a
 * paragraph that opens with a capital). */
static void kinds(cc_tdoc *doc) {
  cc_tblock *b = doc->b;
  uint32_t bf = doc->first, bl = doc->last;
  int prev_ends = 1;
  for (uint32_t i = bf; i < bl; i++) {
    cc_tblock *x = &b[i];
    if (x->fate != CC_TF_KEEP) continue;
    uint32_t j = i + 1;
    while (j < bl && b[j].fate != CC_TF_KEEP) j++;
    if (x->md == CC_TMD_CODE)
      x->kind = CC_TK_CODE;
    else if (x->md == CC_TMD_TABLE)
      x->kind = CC_TK_TABLE;
    else if (x->md == CC_TMD_HEADING)
      x->kind = CC_TK_HEADING;
    else if (x->bullet)
      x->kind = x->bullet == 2 ? CC_TK_OITEM : CC_TK_ITEM;
    else if (!doc->markdown && prev_ends && j < bl && !b[j].bullet && !b[j].lower && cc_tb_long(&b[j]) &&
             headline_like(x) && cc_tb_words(x) <= 14 && !x->lower && !x->punct)
      x->kind = CC_TK_HEADING;
    else
      x->kind = CC_TK_PARA;
    prev_ends = x->ends || x->kind == CC_TK_HEADING;
  }
}

static uint64_t page_chars(const cc_tdoc *doc) {
  uint64_t c = 0;
  for (uint32_t i = 0; i < doc->n; i++) c += doc->b[i].chars;
  return c;
}

void cc_text_select(cc_tdoc *doc, const cc_options *opt) {
  doc->first = doc->last = 0;
  doc->page_type = -1;
  if (!doc->n) return;
  hand(doc);
  doc->modeled = cc_text_model_ready() && page_chars(doc) >= MODEL_MIN_CHARS;
  if (doc->modeled) {
    model(doc, opt);
    fates_model(doc);
  } else {
    fates_hand(doc);
  }
  if (doc->markdown) {
    carry(doc);
    headings(doc);
  }
  kinds(doc);
}
