/* text_features.c — what the block classifier reads about each block of
 * a clipping (see text.h and text_model.c).
 *
 * Owns the list of features — their names are how the model data
 * (text_model.txt) refers to them — and their computation, in three
 * groups: the block's own measurements (text_blocks.c, plus the
 * hand-written scores of text_select.c), its surroundings (neighbours,
 * window means, the distance to the nearest prose, the run of short lines
 * it stands in, how regularly the look of the blocks around it repeats,
 * where it stands against the page's prose), and the page as a whole.
 * The second stage adds the first stage's readings around the block.
 * None of them names a language, a site or a phrase: wording reaches the
 * model only through the phrase data's verdict and the stopword share.
 * Everything is linear: prefix sums give the window means, two passes the
 * distances. bench/train-text-model computes the second stage's features
 * the same way from the first stage's readings (keep them in step).
 */
#include <math.h>
#include <stdlib.h>
#include "text.h"
#include "oom.h"

/* What the page as a whole looks like: the same for all its blocks, and
 * what the page model reads. */
#define PAGE_FEATURES(X)                                                         \
  X(pg_blocks) X(pg_chars) X(pg_prose) X(pg_short) X(pg_price) X(pg_dups)        \
  X(pg_maxchars) X(pg_lang) X(pg_titlereps) X(pg_date) X(pg_posts) X(pg_question) \
  X(pg_kv) X(pg_upper) X(pg_buttons) X(pg_region) X(pg_regionprose) X(pg_longest) \
  X(pg_periodic) X(pg_headlines) X(pg_meanlen) X(pg_codeish) X(pg_ends) X(pg_stop)

#define PG_ENUM(n) PG_##n,
enum { PAGE_FEATURES(PG_ENUM) PG_COUNT };
#define PT_COUNT 7

/* The features, in order. Stage 1 reads F1 of them, stage 2 all. */
#define FEATURES(X)                                                              \
  /* the block itself */                                                         \
  X(chars_log) X(words) X(stop) X(punct) X(punct_rate) X(comma_rate) X(ends)     \
  X(colon) X(question) X(lower) X(bullet) X(caps) X(nums) X(url) X(pipes)        \
  X(date) X(copyright) X(phrase) X(phrase_any) X(strong) X(lead) X(foreign)      \
  X(excerpt) X(title_rep) X(is_title) X(title_in) X(title_cov) X(price) X(dups)  \
  X(gap) X(hand) X(smooth) X(wlen) X(pos) X(cpos) X(upper) X(symbols) X(kv)      \
  X(num_first) X(num_last) X(post_head)                                          \
  /* its neighbours, two on each side */                                         \
  X(m2_chars) X(m2_stop) X(m2_ends) X(m2_smooth) X(m2_caps) X(m2_nums)           \
  X(m1_chars) X(m1_stop) X(m1_ends) X(m1_smooth) X(m1_caps) X(m1_nums)           \
  X(p1_chars) X(p1_stop) X(p1_ends) X(p1_smooth) X(p1_caps) X(p1_nums)           \
  X(p2_chars) X(p2_stop) X(p2_ends) X(p2_smooth) X(p2_caps) X(p2_nums)           \
  /* its surroundings */                                                         \
  X(w3_smooth) X(w3_long) X(w10_smooth) X(w10_long) X(w10_ends) X(w30_smooth)   \
  X(w30_long) X(prose_before) X(prose_prev) X(prose_next) X(region)              \
  X(region_dist) X(run) X(notice_before) X(period1) X(period) X(period_run)      \
  X(same_prev) X(title_prev) X(title_next) X(w10_boiler) X(w10_caps)             \
  X(run_colon) X(run_between) X(w10_buttons)                                     \
  /* the page, and what kind of page it reads as (the page model) */           \
  PAGE_FEATURES(X)                                                               \
  X(pt_article) X(pt_forum) X(pt_product) X(pt_collection) X(pt_listing)        \
  X(pt_documentation) X(pt_service)                                              \
  /* stage 2: the first stage's readings around the block */                     \
  X(s_p) X(s_m2) X(s_m1) X(s_p1) X(s_p2) X(s_w3) X(s_w10) X(s_w30) X(s_before)   \
  X(s_page) X(s_kept_prev) X(s_kept_next) X(s_w100) X(s_rel10) X(s_rel30) X(s_best)

#define ENUM(n) F_##n,
enum { FEATURES(ENUM) F_COUNT };
#define NAME(n) #n,
static const char *const names[] = {FEATURES(NAME)};
#define F1 F_s_p

/* A block is prose when its own score says so. */
#define PROSE_AT 0.6f
/* A first-stage reading over this is "kept" (s_kept_*). */
#define KEPT_AT 0.5f
/* Window of the shape periodicity, on each side. */
#define PERIOD_REACH 8
/* Distances are capped here (blocks). */
#define FAR 1000u
/* A block stands in a stretch of repeated looks when its periodicity is
 * at least this. */
#define PERIODIC_AT 0.5f


struct cc_tfeat {
  const cc_tdoc *doc;
  uint32_t n;
  double *cchars;  /* prefix sums over blocks [0, i) */
  double *cprose;  /* prose weight */
  double *csmooth;
  double *clong;
  double *cends;
  double *cboiler;
  double *ccaps;   /* share of capitalised words */
  double *cp;      /* stage 2: p1 */
  double *cpw;     /* stage 2: p1 x weight */
  uint32_t *prose_prev, *prose_next; /* distance to the nearest prose, FAR */
  uint32_t *kept_prev, *kept_next;   /* stage 2: to the nearest p1 > KEPT_AT */
  uint32_t *run;   /* length of the run of short non-sentences holding i */
  uint32_t *prun;  /* length of the stretch of repeated looks holding i */
  float *lgchars;  /* lg(chars) of each block, read by its neighbours too */
  float *period1;  /* each block's periodicity with a period of 1 */
  float *period;   /* its strongest with a period of 2 to 4 */
  uint32_t *title_prev, *title_next; /* distance to the nearest title repeat */
  float w10max, w30max; /* stage 2: the page's densest windows of p1 */
  uint32_t best;        /* stage 2: the centre of the densest 30-window */
  uint8_t *notice; /* a comment notice after the first prose, before i */
  uint8_t *runflags; /* RUN_COLON, RUN_BETWEEN of the run holding i */
  double *cbuttons; /* prefix sums of button(): a short line said 3+ times */
  double wsum;     /* the blocks' weights (cc_tb_weight) */
  float pg[PG_COUNT];
  float pt[PT_COUNT]; /* the page model's reading: probability of each type */
};

unsigned cc_text_feature_count(int stage) { return stage == 1 ? F1 : F_COUNT; }

const char *cc_text_feature_name(unsigned k) { return k < F_COUNT ? names[k] : NULL; }

static void *xcalloc(size_t n, size_t size) {
  void *p = cc_calloc(n ? n : 1, size); /* out of memory: the guard's error */
  return p;
}

static int prose(const cc_tblock *b) { return b->score >= PROSE_AT; }

/* A short line the page says three times or more: "Reply", "Share",
 * "Add to cart" under every post or card. */
static int button(const cc_tblock *b) { return b->dups >= 3 && cc_tb_short(b); }

/* What stands around a run of short lines: introduced by a line ending
 * with a colon ("You will need:"), or prose on both sides of it (a list
 * inside the article, not a menu). */
enum { RUN_COLON = 1, RUN_BETWEEN = 2 };

/* A short line that is no sentence: what menus are made of. */
static int menu_like(const cc_tblock *b) { return !cc_tb_long(b) && !b->ends && !b->bullet; }

/* Distances to the nearest block satisfying `is` on each side. */
static void distances(const cc_tdoc *doc, const uint8_t *is, uint32_t *prev, uint32_t *next) {
  uint32_t n = doc->n, last = FAR;
  for (uint32_t i = 0; i < n; i++) {
    prev[i] = last == FAR ? FAR : i - last;
    if (is[i]) last = i;
  }
  last = FAR;
  for (uint32_t i = n; i-- > 0;) {
    next[i] = last == FAR ? FAR : last - i;
    if (is[i]) last = i;
  }
}

static void prefix_sums(cc_tfeat *f) {
  const cc_tblock *b = f->doc->b;
  for (uint32_t i = 0; i < f->n; i++) {
    f->cchars[i + 1] = f->cchars[i] + b[i].chars;
    f->cprose[i + 1] = f->cprose[i] + (prose(&b[i]) ? cc_tb_weight(&b[i]) : 0.f);
    f->csmooth[i + 1] = f->csmooth[i] + b[i].smooth;
    f->clong[i + 1] = f->clong[i] + cc_tb_long(&b[i]);
    f->cends[i + 1] = f->cends[i] + b[i].ends;
    f->cboiler[i + 1] = f->cboiler[i] + b[i].boiler;
    f->ccaps[i + 1] = f->ccaps[i] + (b[i].alpha ? (double)b[i].caps / b[i].alpha : 0.0);
    f->cbuttons[i + 1] = f->cbuttons[i] + button(&b[i]);
  }
}

/* Runs of short non-sentences, and comment notices once prose began. */
static void runs_and_notices(cc_tfeat *f) {
  const cc_tblock *b = f->doc->b;
  for (uint32_t i = 0; i < f->n;) {
    uint32_t j = i;
    while (j < f->n && menu_like(&b[j])) j++;
    uint8_t fl = 0;
    if (j > i && i > 0 && b[i - 1].colon) fl |= RUN_COLON;
    if (j > i && i > 0 && j < f->n && prose(&b[i - 1]) && prose(&b[j])) fl |= RUN_BETWEEN;
    for (uint32_t k = i; k < j; k++) {
      f->run[k] = j - i;
      f->runflags[k] = fl;
    }
    i = j > i ? j : i + 1;
  }
  int began = 0, seen = 0;
  for (uint32_t i = 0; i < f->n; i++) {
    f->notice[i] = (uint8_t)seen;
    if (began && b[i].boiler && b[i].category == CC_PH_COMMENTS) seen = 1;
    if (prose(&b[i])) began = 1;
  }
}

static float lg(double x) { return (float)log2(1.0 + x); }

/* Mean of prefix-summed values over [i - r, i + r], clipped. */
static float window(const double *c, uint32_t n, uint32_t i, uint32_t r) {
  uint32_t lo = i > r ? i - r : 0, hi = i + r + 1 < n ? i + r + 1 : n;
  return (float)((c[hi] - c[lo]) / (double)(hi - lo));
}


/* How regularly the look of the blocks around each block i repeats with
 * a period of p blocks: the share of pairs (j, j + p) in the window with
 * one shape, into share[i]. alike (n + 1 counts) is scratch: alike[j]
 * counts the pairs (k, k + p), k < j, with one shape, so a window's count
 * is a difference of two. */
static void periodicity(const cc_tdoc *doc, uint32_t p, uint32_t *alike, float *share) {
  uint32_t n = doc->n;
  alike[0] = 0;
  for (uint32_t j = 0; j < n; j++)
    alike[j + 1] = alike[j] + (j + p < n && doc->b[j].shape == doc->b[j + p].shape);
  for (uint32_t i = 0; i < n; i++) {
    uint32_t lo = i > PERIOD_REACH ? i - PERIOD_REACH : 0;
    uint32_t hi = i + PERIOD_REACH + 1 < n ? i + PERIOD_REACH + 1 : n;
    uint32_t pairs = hi > lo + p ? hi - lo - p : 0; /* j from lo while j + p < hi */
    share[i] = pairs ? (float)(alike[lo + pairs] - alike[lo]) / (float)pairs : 0.f;
  }
}

/* Each block's periodicity with a period of 1, and the strongest with a
 * period of 2 to 4 (cards: a headline, an excerpt, a date...). */
static void periods(cc_tfeat *f) {
  uint32_t *alike = xcalloc(f->n + 1, sizeof *alike);
  float *v = xcalloc(f->n, sizeof *v);
  periodicity(f->doc, 1, alike, f->period1);
  for (uint32_t i = 0; i < f->n; i++) f->period[i] = 0.f;
  for (uint32_t p = 2; p <= 4; p++) {
    periodicity(f->doc, p, alike, v);
    for (uint32_t i = 0; i < f->n; i++)
      if (v[i] > f->period[i]) f->period[i] = v[i];
  }
  cc_mfree(v);
  cc_mfree(alike);
}

/* Stretches of repeated looks, and the distance to the title's repeats. */
static void stretches(cc_tfeat *f) {
  const cc_tdoc *doc = f->doc;
  uint8_t *is = xcalloc(f->n, 1);
  periods(f);
  for (uint32_t i = 0; i < f->n; i++) {
    f->lgchars[i] = lg(doc->b[i].chars);
    is[i] = f->period[i] >= PERIODIC_AT;
  }
  for (uint32_t i = 0; i < f->n;) {
    uint32_t j = i;
    while (j < f->n && is[j]) j++;
    for (uint32_t k = i; k < j; k++) f->prun[k] = j - i;
    i = j > i ? j : i + 1;
  }
  for (uint32_t i = 0; i < f->n; i++) is[i] = doc->b[i].title && (int)i != doc->title_block;
  distances(doc, is, f->title_prev, f->title_next);
  cc_mfree(is);
}

/* A post's header: a short line with a date right before prose (a
 * forum post, a review, a comment). */
static int post_head(const cc_tdoc *doc, uint32_t i) {
  const cc_tblock *b = &doc->b[i];
  return b->date && !cc_tb_long(b) && i + 1 < doc->n && prose(&doc->b[i + 1]);
}

/* A short line shaped like a headline: a few words, a capital, no
 * sentence end. */
static int headline(const cc_tblock *b) {
  uint32_t w = cc_tb_words(b);
  return w >= 3 && w <= 20 && !b->ends && !b->lower && !b->bullet;
}

/* The longest run of blocks that read as text (smooth score over 0), as a
 * share of the page's characters. */
static float longest_text(const cc_tfeat *f) {
  const cc_tblock *b = f->doc->b;
  double best = 0, run = 0;
  for (uint32_t i = 0; i < f->n; i++) {
    run = b[i].smooth > 0.f ? run + b[i].chars : 0;
    if (run > best) best = run;
  }
  return f->cchars[f->n] > 0 ? (float)(best / f->cchars[f->n]) : 0.f;
}

static void page_values(cc_tfeat *f) {
  const cc_tdoc *doc = f->doc;
  uint32_t n = f->n, shorts = 0, prices = 0, dups = 0, reps = 0, dates = 0, maxc = 0;
  uint32_t posts = 0, questions = 0, kvs = 0, uppers = 0, periodic = 0, heads = 0, code = 0;
  uint32_t ends = 0, stopn = 0;
  double weight = 0, stop = 0;
  for (uint32_t i = 0; i < n; i++) {
    const cc_tblock *b = &doc->b[i];
    shorts += cc_tb_short(b);
    prices += b->price;
    dups += b->dups > 1;
    reps += b->title;
    dates += b->date;
    posts += post_head(doc, i);
    questions += b->question;
    kvs += b->kv;
    uppers += b->upper > 200 && b->alpha;
    periodic += f->prun[i] >= 6;
    heads += headline(b);
    code += b->symbols > 38 && b->chars >= 10;
    ends += b->ends;
    if (b->alpha >= 5) {
      stop += (double)b->stop / b->alpha;
      stopn++;
    }
    if (b->chars > maxc) maxc = b->chars;
    weight += cc_tb_weight(b);
  }
  float dn = n ? (float)n : 1.f;
  uint32_t hf = doc->hand_first, hl = doc->hand_last;
  f->wsum = weight;
  f->pg[PG_pg_blocks] = lg(n);
  f->pg[PG_pg_chars] = lg(f->cchars[n]);
  f->pg[PG_pg_prose] = weight > 0 ? (float)(f->cprose[n] / weight) : 0.f;
  f->pg[PG_pg_short] = (float)shorts / dn;
  f->pg[PG_pg_price] = (float)prices / dn;
  f->pg[PG_pg_dups] = (float)dups / dn;
  f->pg[PG_pg_maxchars] = lg(maxc);
  f->pg[PG_pg_lang] = doc->lang >= 0;
  f->pg[PG_pg_titlereps] = (float)(reps < 10 ? reps : 10);
  f->pg[PG_pg_date] = (float)dates / dn;
  f->pg[PG_pg_posts] = (float)posts / dn;
  f->pg[PG_pg_question] = (float)questions / dn;
  f->pg[PG_pg_kv] = (float)kvs / dn;
  f->pg[PG_pg_upper] = (float)uppers / dn;
  f->pg[PG_pg_buttons] = (float)(f->cbuttons[n] / dn);
  f->pg[PG_pg_region] = f->cchars[n] > 0 ? (float)((f->cchars[hl] - f->cchars[hf]) / f->cchars[n]) : 0.f;
  f->pg[PG_pg_regionprose] =
      f->cprose[n] > 0 ? (float)((f->cprose[hl] - f->cprose[hf]) / f->cprose[n]) : 0.f;
  f->pg[PG_pg_longest] = longest_text(f);
  f->pg[PG_pg_periodic] = (float)periodic / dn;
  f->pg[PG_pg_headlines] = (float)heads / dn;
  f->pg[PG_pg_meanlen] = lg(f->cchars[n] / (double)dn);
  f->pg[PG_pg_codeish] = (float)code / dn;
  f->pg[PG_pg_ends] = (float)ends / dn;
  f->pg[PG_pg_stop] = stopn ? (float)(stop / stopn) : 0.f;
  cc_text_model_page(f->pg, PG_COUNT, f->pt, PT_COUNT);
}

unsigned cc_text_page_feature_count(void) { return PG_COUNT; }

const char *cc_text_page_feature_name(unsigned k) {
  return k < PG_COUNT ? names[F_pg_blocks + k] : NULL;
}

const float *cc_text_page_types(const cc_tfeat *f) { return f->pt; }

cc_tfeat *cc_text_features_prepare(const cc_tdoc *doc) {
  cc_tfeat *f = xcalloc(1, sizeof *f);
  uint32_t n = doc->n;
  f->doc = doc;
  f->n = n;
  f->cchars = xcalloc(n + 1, sizeof(double));
  f->cprose = xcalloc(n + 1, sizeof(double));
  f->csmooth = xcalloc(n + 1, sizeof(double));
  f->clong = xcalloc(n + 1, sizeof(double));
  f->cends = xcalloc(n + 1, sizeof(double));
  f->cboiler = xcalloc(n + 1, sizeof(double));
  f->ccaps = xcalloc(n + 1, sizeof(double));
  f->cbuttons = xcalloc(n + 1, sizeof(double));
  f->runflags = xcalloc(n, 1);
  f->prose_prev = xcalloc(n, sizeof(uint32_t));
  f->prose_next = xcalloc(n, sizeof(uint32_t));
  f->run = xcalloc(n, sizeof(uint32_t));
  f->prun = xcalloc(n, sizeof(uint32_t));
  f->lgchars = xcalloc(n, sizeof(float));
  f->period1 = xcalloc(n, sizeof(float));
  f->period = xcalloc(n, sizeof(float));
  f->title_prev = xcalloc(n, sizeof(uint32_t));
  f->title_next = xcalloc(n, sizeof(uint32_t));
  f->notice = xcalloc(n, 1);
  prefix_sums(f);
  uint8_t *is = xcalloc(n, 1);
  for (uint32_t i = 0; i < n; i++) is[i] = (uint8_t)prose(&doc->b[i]);
  distances(doc, is, f->prose_prev, f->prose_next);
  cc_mfree(is);
  runs_and_notices(f);
  stretches(f);
  page_values(f);
  return f;
}

void cc_text_features_stage2(cc_tfeat *f) {
  uint32_t n = f->n;
  const cc_tblock *b = f->doc->b;
  if (!f->cp) {
    f->cp = xcalloc(n + 1, sizeof(double));
    f->cpw = xcalloc(n + 1, sizeof(double));
    f->kept_prev = xcalloc(n, sizeof(uint32_t));
    f->kept_next = xcalloc(n, sizeof(uint32_t));
  }
  uint8_t *is = xcalloc(n, 1);
  for (uint32_t i = 0; i < n; i++) {
    f->cp[i + 1] = f->cp[i] + b[i].p1;
    f->cpw[i + 1] = f->cpw[i] + (double)b[i].p1 * cc_tb_weight(&b[i]);
    is[i] = b[i].p1 > KEPT_AT;
  }
  distances(f->doc, is, f->kept_prev, f->kept_next);
  cc_mfree(is);
  f->w10max = f->w30max = 0.f;
  f->best = 0;
  for (uint32_t i = 0; i < n; i++) {
    float w10 = window(f->cp, n, i, 10), w30 = window(f->cp, n, i, 30);
    if (w10 > f->w10max) f->w10max = w10;
    if (w30 > f->w30max) {
      f->w30max = w30;
      f->best = i;
    }
  }
}

void cc_text_features_free(cc_tfeat *f) {
  if (!f) return;
  cc_mfree(f->cchars);
  cc_mfree(f->cprose);
  cc_mfree(f->csmooth);
  cc_mfree(f->clong);
  cc_mfree(f->cends);
  cc_mfree(f->cboiler);
  cc_mfree(f->ccaps);
  cc_mfree(f->cbuttons);
  cc_mfree(f->runflags);
  cc_mfree(f->cp);
  cc_mfree(f->cpw);
  cc_mfree(f->prose_prev);
  cc_mfree(f->prose_next);
  cc_mfree(f->kept_prev);
  cc_mfree(f->kept_next);
  cc_mfree(f->run);
  cc_mfree(f->prun);
  cc_mfree(f->lgchars);
  cc_mfree(f->period1);
  cc_mfree(f->period);
  cc_mfree(f->title_prev);
  cc_mfree(f->title_next);
  cc_mfree(f->notice);
  cc_mfree(f);
}

/* ---- one block -------------------------------------------------------- */

static float ratio(uint32_t a, uint32_t b) { return b ? (float)a / (float)b : 0.f; }

static float dist(uint32_t d) { return d >= FAR ? -1.f : lg(d); }

static void own(const cc_tfeat *f, uint32_t i, float *x) {
  const cc_tdoc *doc = f->doc;
  const cc_tblock *b = &doc->b[i];
  uint32_t w = b->words;
  x[F_chars_log] = f->lgchars[i];
  x[F_words] = (float)cc_tb_words(b);
  x[F_stop] = ratio(b->stop, b->alpha);
  x[F_punct] = (float)(b->punct < 50 ? b->punct : 50);
  x[F_punct_rate] = ratio(b->punct, w ? w : 1);
  x[F_comma_rate] = ratio(b->commas, w ? w : 1);
  x[F_ends] = b->ends;
  x[F_colon] = b->colon;
  x[F_question] = b->question;
  x[F_lower] = b->lower;
  x[F_bullet] = b->bullet;
  x[F_caps] = ratio(b->caps, b->alpha);
  x[F_nums] = ratio(b->nums, w);
  x[F_url] = b->url;
  x[F_pipes] = (float)(b->pipes < 10 ? b->pipes : 10);
  x[F_date] = b->date;
  x[F_copyright] = b->copyright;
  x[F_phrase] = b->boiler ? (float)(b->category + 1) : 0.f;
  x[F_phrase_any] = (float)(b->category + 1);
  x[F_strong] = (float)(b->phrase_strong < 5 ? b->phrase_strong : 5);
  x[F_lead] = b->lead;
  x[F_foreign] = b->foreign;
  x[F_excerpt] = b->excerpt;
  x[F_title_rep] = b->title && (int)i != doc->title_block;
  x[F_is_title] = (int)i == doc->title_block;
  x[F_title_in] = (float)b->title_in / 255.f;
  x[F_title_cov] = (float)b->title_cov / 255.f;
  x[F_price] = b->price;
  x[F_dups] = (float)(b->dups < 100 ? b->dups : 100);
  x[F_gap] = (float)(b->gap < 4 ? b->gap : 4);
  x[F_hand] = b->score;
  x[F_smooth] = b->smooth;
  x[F_wlen] = ratio(b->chars, w ? w : 1);
  x[F_pos] = (float)i / (float)f->n;
  x[F_cpos] = f->cchars[f->n] > 0 ? (float)(f->cchars[i] / f->cchars[f->n]) : 0.f;
  x[F_upper] = (float)b->upper / 255.f;
  x[F_symbols] = (float)b->symbols / 255.f;
  x[F_kv] = b->kv && !cc_tb_long(b);
  x[F_num_first] = b->num_first;
  x[F_num_last] = b->num_last;
  x[F_post_head] = post_head(doc, i);
}

static void neighbours(const cc_tfeat *f, uint32_t i, float *x) {
  static const int off[4] = {-2, -1, 1, 2};
  enum { PER = F_m1_chars - F_m2_chars };
  for (int k = 0; k < 4; k++) {
    float *y = x + F_m2_chars + PER * k;
    int64_t j = (int64_t)i + off[k];
    if (j < 0 || j >= (int64_t)f->n) {
      y[0] = y[1] = y[2] = y[4] = y[5] = -1.f;
      y[3] = -2.f;
      continue;
    }
    const cc_tblock *b = &f->doc->b[j];
    y[0] = f->lgchars[j];
    y[1] = ratio(b->stop, b->alpha);
    y[2] = b->ends;
    y[3] = b->smooth;
    y[4] = ratio(b->caps, b->alpha);
    y[5] = ratio(b->nums, b->words);
  }
}

static void surroundings(const cc_tfeat *f, uint32_t i, float *x) {
  const cc_tdoc *doc = f->doc;
  uint32_t n = f->n;
  x[F_w3_smooth] = window(f->csmooth, n, i, 3);
  x[F_w3_long] = window(f->clong, n, i, 3);
  x[F_w10_smooth] = window(f->csmooth, n, i, 10);
  x[F_w10_long] = window(f->clong, n, i, 10);
  x[F_w10_ends] = window(f->cends, n, i, 10);
  x[F_w30_smooth] = window(f->csmooth, n, i, 30);
  x[F_w30_long] = window(f->clong, n, i, 30);
  x[F_prose_before] = f->cprose[n] > 0 ? (float)(f->cprose[i] / f->cprose[n]) : -1.f;
  x[F_prose_prev] = dist(f->prose_prev[i]);
  x[F_prose_next] = dist(f->prose_next[i]);
  uint32_t hf = doc->hand_first, hl = doc->hand_last;
  if (hf == hl) {
    x[F_region] = -2.f;
    x[F_region_dist] = 1.f;
  } else {
    x[F_region] = i < hf ? -1.f : i >= hl ? 1.f : 0.f;
    x[F_region_dist] = (float)(i < hf ? hf - i : i >= hl ? i + 1 - hl : 0) / (float)n;
  }
  x[F_run] = lg(f->run[i]);
  x[F_notice_before] = f->notice[i];
  x[F_period1] = f->period1[i];
  x[F_period] = f->period[i];
  x[F_period_run] = lg(f->prun[i]);
  x[F_same_prev] = i > 0 && doc->b[i - 1].shape == doc->b[i].shape;
  x[F_title_prev] = dist(f->title_prev[i]);
  x[F_title_next] = dist(f->title_next[i]);
  x[F_w10_boiler] = window(f->cboiler, n, i, 10);
  x[F_w10_caps] = window(f->ccaps, n, i, 10);
  x[F_run_colon] = (f->runflags[i] & RUN_COLON) != 0;
  x[F_run_between] = (f->runflags[i] & RUN_BETWEEN) != 0;
  x[F_w10_buttons] = window(f->cbuttons, n, i, 10);
  for (int k = 0; k < PG_COUNT; k++) x[F_pg_blocks + k] = f->pg[k];
  for (int k = 0; k < PT_COUNT; k++) x[F_pt_article + k] = f->pt[k];
}

static void stage2(const cc_tfeat *f, uint32_t i, float *x) {
  const cc_tblock *b = f->doc->b;
  uint32_t n = f->n;
  x[F_s_p] = b[i].p1;
  x[F_s_m2] = i >= 2 ? b[i - 2].p1 : -1.f;
  x[F_s_m1] = i >= 1 ? b[i - 1].p1 : -1.f;
  x[F_s_p1] = i + 1 < n ? b[i + 1].p1 : -1.f;
  x[F_s_p2] = i + 2 < n ? b[i + 2].p1 : -1.f;
  x[F_s_w3] = window(f->cp, n, i, 3);
  x[F_s_w10] = window(f->cp, n, i, 10);
  x[F_s_w30] = window(f->cp, n, i, 30);
  x[F_s_before] = f->cpw[n] > 0 ? (float)(f->cpw[i] / f->cpw[n]) : -1.f;
  x[F_s_page] = f->wsum > 0 ? (float)(f->cpw[n] / f->wsum) : 0.f;
  x[F_s_kept_prev] = dist(f->kept_prev[i]);
  x[F_s_kept_next] = dist(f->kept_next[i]);
  x[F_s_w100] = window(f->cp, n, i, 100);
  x[F_s_rel10] = f->w10max > 0.f ? (float)((double)x[F_s_w10] / f->w10max) : 0.f;
  x[F_s_rel30] = f->w30max > 0.f ? (float)((double)x[F_s_w30] / f->w30max) : 0.f;
  x[F_s_best] = (float)(((double)i - f->best) / n);
}

void cc_text_features(const cc_tfeat *f, uint32_t i, int stage, float *x) {
  own(f, i, x);
  neighbours(f, i, x);
  surroundings(f, i, x);
  if (stage == 2) stage2(f, i, x);
}
