/* test_text_model.c — the text cleaner's learned parts: the model data
 * compiled into this build is usable (every feature it names is one this
 * build computes, so a feature renamed or dropped without retraining
 * fails here), its readings are probabilities, the page model tells an
 * article from a product page and a thread, the features are finite and
 * their names unique, and --explain gives each block its reading and the
 * model's reasons; on an article, the one run of text starts at the
 * headline and ends at a comment notice or a copyright notice, or where
 * a stretch of dropped lines parts it from a feed. */
#include <math.h>

#include "../../include/clipclean.h"
#include "test.h"
#include "text.h"

static const char *ARTICLE =
    "Bridge to be rebuilt | Town News\n\nHome\nNews\nSport\nWeather\nContact\n\n"
    "Bridge to be rebuilt\n\n"
    "The council voted on Tuesday to rebuild the old stone bridge over the river, after "
    "two years of debate about its cost and about the long detour it forces on the town.\n\n"
    "Work will start in May and should take about eighteen months, the council said, and "
    "a temporary footbridge will be built next to it for people walking to the station.\n\n"
    "The old stones will be numbered and set into the new parapet, as the heritage office "
    "asked in its report last year, so that the bridge keeps its familiar look.\n\n"
    "Shop owners on both banks welcomed the decision, although several of them fear that "
    "the months of closure will keep customers away during the busy summer season.\n\n"
    "The regional government will pay for half of the work, and the rest will come from "
    "a loan that the town expects to repay over the next twenty years without new taxes.\n\n"
    "A public meeting about the detour for buses and delivery vans is planned for next "
    "month in the town hall, where the engineers will present the timetable in detail.\n\n"
    "Older residents remember the flood of 1963, when the river rose over the arches and "
    "the bridge was closed for a whole winter while its foundations were repaired.\n\n"
    "The engineers found then that the piers stand on oak piles driven into the riverbed "
    "in the sixteenth century, and those piles will be left in place and inspected.\n\n"
    "The mayor said that she would walk across the new bridge on the first day it opens, "
    "as her predecessor did when the footbridge by the mill was finished in 1998.\n\n"
    "Share this article\nFacebook\nTwitter\n\n© 2025 Town News\n";

static const char *PRODUCT =
    "Oak desk 120 cm | Shop\n\nHome\nDesks\nChairs\nLamps\nSale\n\nOak desk 120 cm\n\n$349\n\n"
    "Add to cart\n\nIn stock\n\nColor: Natural oak\nWidth: 120 cm\nDepth: 60 cm\nHeight: 75 cm\n"
    "Weight: 28 kg\n\nA solid oak desk with two drawers.\n\nReviews (3)\n\n4.5 out of 5\n\n"
    "Free shipping over $50\n\nAdd to cart\n\nRelated products\nOak chair\n$129\nOak shelf\n$199\n";

static cc_tdoc *analyse(cc_arena *a, const char *s) {
  cc_options o;
  cc_options_init(&o);
  cc_meta m;
  memset(&m, 0, sizeof m);
  return cc_text_analyse(a, s, strlen(s), &o, &m);
}

TEST(model_data_is_usable) {
  CHECK(cc_text_model_ready());
  CHECK(cc_text_model_stages() >= 1);
  float t = cc_text_model_threshold();
  CHECK(t > 0.f && t < 1.f);
  for (unsigned k = 0; k < 7; k++) CHECK(cc_text_page_type_name(k) != NULL);
  CHECK(cc_text_page_type_name(7) == NULL);
}

TEST(feature_names_are_unique) {
  unsigned n = cc_text_feature_count(2);
  CHECK(n > cc_text_feature_count(1));
  CHECK(cc_text_feature_name(n) == NULL);
  for (unsigned i = 0; i < n; i++) {
    CHECK(cc_text_feature_name(i) != NULL);
    for (unsigned j = i + 1; j < n; j++)
      CHECK(strcmp(cc_text_feature_name(i), cc_text_feature_name(j)) != 0);
  }
  for (unsigned k = 0; k < cc_text_page_feature_count(); k++)
    CHECK(!strncmp(cc_text_page_feature_name(k), "pg_", 3));
}

TEST(readings_are_probabilities_and_features_finite) {
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc *d = analyse(&a, ARTICLE);
  CHECK(d->n > 10);
  cc_tfeat *f = cc_text_features_prepare(d);
  float x[256];
  for (uint32_t i = 0; i < d->n; i++) {
    CHECK(d->b[i].p >= 0.f && d->b[i].p <= 1.f);
    CHECK(d->b[i].p1 >= 0.f && d->b[i].p1 <= 1.f);
    cc_text_features(f, i, 1, x);
    for (unsigned k = 0; k < cc_text_feature_count(1); k++) CHECK(isfinite(x[k]));
  }
  const float *pt = cc_text_page_types(f);
  float sum = 0.f;
  for (int k = 0; k < 7; k++) sum += pt[k];
  CHECK(fabsf(sum - 1.f) < 1e-3f);
  cc_text_features_free(f);
  cc_arena_free(&a);
}

/* The page model's likeliest type. */
static const char *page_type(const char *s) {
  static char name[32];
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc *d = analyse(&a, s);
  cc_tfeat *f = cc_text_features_prepare(d);
  const float *pt = cc_text_page_types(f);
  int best = 0;
  for (int k = 1; k < 7; k++)
    if (pt[k] > pt[best]) best = k;
  snprintf(name, sizeof name, "%s", cc_text_page_type_name((unsigned)best));
  cc_text_features_free(f);
  cc_arena_free(&a);
  return name;
}

TEST(page_model_tells_pages_apart) {
  CHECK_STR(page_type(ARTICLE), "article");
  CHECK(strcmp(page_type(PRODUCT), "article") != 0);
}

/* Does the first KEEP line of a report end its reasons with an effect
 * ("caps+0.6: \"...")? */
static int reasons_given(const char *e) {
  const char *k = strstr(e, "\nKEEP");
  const char *q = k ? strstr(k, ": \"") : NULL;
  return q && q - k > 2 && q[-1] >= '0' && q[-1] <= '9' && q[-2] == '.';
}

TEST(article_kept_menus_dropped) {
  cc_options o;
  cc_options_init(&o);
  o.flags = CC_OPT_EXPLAIN;
  cc_result *r = NULL;
  cc_error err;
  CHECK(cc_extract(ARTICLE, strlen(ARTICLE), &o, &r, &err) == CC_OK);
  const char *t = cc_result_text(r);
  CHECK_CONTAINS(t, "The council voted on Tuesday");
  CHECK_CONTAINS(t, "Work will start in May");
  CHECK_CONTAINS(t, "The old stones will be numbered");
  CHECK_LACKS(t, "Weather");
  CHECK_LACKS(t, "Share this");
  CHECK_LACKS(t, "© 2025");
  /* every block's reading and the model's reasons are in the report */
  const char *e = cc_result_explain(r);
  CHECK_CONTAINS(e, "    p1     p  why / model's reasons");
  CHECK_LACKS(e, "hand scores"); /* the model decided */
  CHECK_CONTAINS(e, "KEEP");
  CHECK(reasons_given(e)); /* "feature+0.6 feature-0.3" on a kept block's line */
  cc_result_free(r);
}

/* A few lines are no web page's dump (the model learned from those): the
 * hand scores read them, and the report says so. */
TEST(short_clipping_read_by_hand_scores) {
  static const char *s =
      "Home\nNews\nSport\n\n"
      "The ferry between the two islands will run again next week, after the repairs to "
      "the harbour wall were finished ahead of schedule.\n\n"
      "Passengers are advised to book early, the operator said on Friday.\n";
  cc_options o;
  cc_options_init(&o);
  o.flags = CC_OPT_EXPLAIN;
  cc_result *r = NULL;
  cc_error err;
  CHECK(cc_extract(s, strlen(s), &o, &r, &err) == CC_OK);
  CHECK_CONTAINS(cc_result_text(r), "The ferry between");
  CHECK_CONTAINS(cc_result_text(r), "Passengers are advised");
  CHECK_LACKS(cc_result_text(r), "Sport");
  CHECK_CONTAINS(cc_result_explain(r), "(a short clipping: hand scores)");
  cc_result_free(r);
}

/* The model kept an article and, after a stretch it dropped that costs
 * more than what follows brings, a teaser feed: on an article page only
 * the run that weighs most stays. */
TEST(an_article_is_one_run) {
  static const struct { float p; uint32_t chars; } B[] = {
      {0.9f, 400}, {0.95f, 600}, {0.2f, 30}, {0.9f, 500}, /* the article, a caption */
      {0.05f, 10}, {0.1f, 12}, {0.05f, 8}, {0.1f, 15}, {0.05f, 9}, /* share bar, footer */
      {0.05f, 80}, {0.1f, 140}, {0.02f, 60}, {0.1f, 90}, {0.05f, 70},
      {0.7f, 60}, {0.8f, 120}, {0.6f, 6}, {0.7f, 55}, {0.8f, 110}, {0.6f, 7}}; /* teasers */
  enum { N = sizeof B / sizeof *B };
  cc_tblock b[N];
  memset(b, 0, sizeof b);
  float t = cc_text_model_threshold();
  for (int i = 0; i < N; i++) {
    b[i].p = B[i].p;
    b[i].chars = B[i].chars;
    b[i].fate = B[i].p >= t ? CC_TF_KEEP : CC_TF_DROP;
  }
  cc_tdoc d;
  memset(&d, 0, sizeof d);
  d.b = b;
  d.n = N;
  d.title_block = -1;
  d.first = 0;
  d.last = N;
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(d.first == 0 && d.last == 4);
  CHECK(b[0].fate == CC_TF_KEEP && b[1].fate == CC_TF_KEEP && b[3].fate == CC_TF_KEEP);
  CHECK(b[2].fate == CC_TF_DROP); /* inside the run: stays what it was */
  for (int i = 4; i < N; i++) CHECK(b[i].fate == CC_TF_OUTSIDE);
  CHECK_STR(b[15].why, "beyond the article's run of text");
}

/* Blocks for the one-run cuts, a kind per letter: 'p' a paragraph kept,
 * 't' a teaser kept, 'm' a menu line dropped, 'H' the headline (repeats
 * the whole title), 'h' a part of the title (a recipe card's name), 'N' a
 * comment notice, 'I' an invitation to comment (a sentence), 'a' a
 * commenter's "says:" line kept, 'd' a date kept, 'C' a copyright notice
 * with its year, 'c' a photo's credit. */
static void blocks(cc_tdoc *d, cc_tblock *b, const char *kinds) {
  uint32_t n = (uint32_t)strlen(kinds);
  memset(b, 0, n * sizeof *b);
  for (uint32_t i = 0; i < n; i++) {
    cc_tblock *x = &b[i];
    x->chars = 300;
    x->words = 50;
    x->alpha = 50;
    x->p = 0.85f;
    x->score = x->smooth = 1.f;
    x->fate = CC_TF_KEEP;
    x->text = "The council voted on Tuesday to rebuild the bridge.";
    x->ends = kinds[i] == 'p' || kinds[i] == 't' || kinds[i] == 'I';
    switch (kinds[i]) {
    case 't': x->chars = 200; x->text = "Bridge to close: The council voted on Tuesday to..."; break;
    case 'm': x->chars = 8; x->words = x->alpha = 1; x->p = 0.05f; x->score = x->smooth = -0.7f;
      x->fate = CC_TF_DROP; break;
    case 'H': case 'h': x->title = 1; x->headline = kinds[i] == 'H'; x->fate = CC_TF_TITLE;
      x->chars = 40; x->words = x->alpha = 6; x->score = x->smooth = -1.f; break;
    case 'N': case 'I': x->boiler = 1; x->category = CC_PH_COMMENTS; x->chars = 11; x->words = 2;
      x->score = x->smooth = -1.f; x->fate = CC_TF_DROP; x->p = 0.1f;
      if (kinds[i] == 'I') x->chars = 90, x->words = 18;
      break;
    case 'a': x->chars = 14; x->words = x->alpha = 2; x->colon = 1; x->p = 0.5f;
      x->score = x->smooth = -0.7f; break;
    case 'd': x->chars = 28; x->words = 7; x->date = 1; x->p = 0.45f;
      x->score = x->smooth = -1.f; break;
    case 'C': case 'c':
      x->text = kinds[i] == 'C' ? "\xc2\xa9 2019 Example News. All rights reserved." : "\xc2\xa9 Jane Doe";
      x->copyright = 1; x->chars = 40; x->words = 7; x->p = 0.3f; x->score = x->smooth = -1.f;
      x->fate = CC_TF_DROP; break;
    }
    x->len = (uint32_t)strlen(x->text);
  }
  memset(d, 0, sizeof *d);
  d->b = b;
  d->n = n;
  d->title_block = -1;
  d->first = 0;
  d->last = n;
}

static int kept(const cc_tdoc *d, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; i++)
    if (d->b[i].fate != CC_TF_KEEP && d->b[i].fate != CC_TF_TITLE && d->b[i].fate != CC_TF_DROP)
      return 0;
  return 1;
}

static int gone(const cc_tdoc *d, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; i++)
    if (d->b[i].fate != CC_TF_OUTSIDE) return 0;
  return 1;
}

/* A stretch of short lines the model dropped (tags, a share bar) parts
 * the article from a teaser after it, however short each line is. */
TEST(short_dropped_lines_part_the_article_from_a_feed) {
  cc_tblock b[16];
  cc_tdoc d;
  blocks(&d, b, "ppppmmmmmt");
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 4) && gone(&d, 4, 10) && d.last == 4);
  blocks(&d, b, "ppppmmpp"); /* two lines inside the article do not */
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 8));
}

/* A line repeating the title, no more and no less, is a headline; one
 * repeating a part of it (a recipe card's, a gallery's name) or holding
 * it in a longer line (a question of an FAQ) is not. */
TEST(headlines_repeat_the_whole_title) {
  static const char *CARD =
      "Spiced pear jam with honey and cloves | Jars\n\nSpiced pear jam with honey and cloves\n\n"
      "We made this jam on a cold afternoon, and it kept the kitchen warm for hours.\n\n"
      "Spiced pear jam with honey\n\nIngredients\n\n- 8 ripe pears\n- 1 jar of honey\n\n"
      "Questions about spiced pear jam with honey and cloves\n\nAsk us anything.\n";
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc *d = analyse(&a, CARD);
  unsigned whole = 0, part = 0;
  for (uint32_t i = 1; i < d->n; i++) {
    if (!d->b[i].title) continue;
    CHECK(d->b[i].headline ? d->b[i].line == 3 : d->b[i].line == 7 || d->b[i].line == 14);
    if (d->b[i].headline)
      whole++;
    else
      part++;
  }
  CHECK(whole == 1 && part == 2);
  cc_arena_free(&a);
}

/* A feed of other stories above the headline is the page's header; a
 * repeat that is a part of the title, or that the text runs into, is no
 * headline. */
TEST(the_headline_opens_the_article) {
  cc_tblock b[20];
  cc_tdoc d;
  blocks(&d, b, "tttmmHpppp");
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(gone(&d, 0, 5) && kept(&d, 6, 10) && d.first == 6);
  CHECK_STR(b[1].why, "before the headline");
  blocks(&d, b, "tttmmhpppp"); /* a recipe card's name */
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 10) && d.first == 0);
  blocks(&d, b, "tttmpHpppp"); /* a subheading repeating the title */
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 10));
  blocks(&d, b, "ttttttHpppp"); /* a teaser's cut excerpt runs into nothing */
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(gone(&d, 0, 6) && kept(&d, 7, 11));
  blocks(&d, b, "tttmmHpppp"); /* a product page: no run, the same cut */
  cc_text_one_run(&d, CC_TCUT_ENDS);
  CHECK(gone(&d, 0, 5) && kept(&d, 6, 10));
  blocks(&d, b, "tttmmHpNadpadpadp"); /* a thread: its replies stay */
  cc_text_one_run(&d, CC_TCUT_HEADLINE);
  CHECK(gone(&d, 0, 5) && kept(&d, 6, 17));
}

/* Readers' comments after a comment notice leave: each has its date; a
 * count of comments in the article's header has the article after it. */
TEST(a_comment_notice_with_dated_comments_closes_the_article) {
  cc_tblock b[20];
  cc_tdoc d;
  blocks(&d, b, "ppppNadpadpadpp");
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 4) && gone(&d, 4, 15) && d.last == 4);
  CHECK_STR(b[7].why, "after a comment notice");
  blocks(&d, b, "pNpppppppppp");
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 12));
  blocks(&d, b, "ppppIpdpdpdpp"); /* "Tell us what you think of our new page." */
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 13));
}

/* A short post the model dropped, over a long thread of comments it
 * kept: the thread after the notice goes, and the post between the
 * headline and the notice is the article. Without a thread after the
 * notice (a count of comments in the header, the article after it), or
 * without prose before it, the run stands. */
TEST(a_post_over_a_thread_of_comments_is_the_article) {
  cc_tblock b[20];
  cc_tdoc d;
  blocks(&d, b, "mHmpNadpadpadp");
  b[3].p = 0.2f, b[3].fate = CC_TF_DROP; /* the post, read as not content */
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(b[3].fate == CC_TF_KEEP && d.first == 3 && d.last == 4);
  CHECK(gone(&d, 4, 14));
  CHECK_STR(b[7].why, "after a comment notice");
  blocks(&d, b, "mHmpNpppppppp"); /* the header's comment count */
  b[3].p = 0.2f, b[3].fate = CC_TF_DROP;
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(b[3].fate != CC_TF_KEEP && kept(&d, 5, 13));
  blocks(&d, b, "mHmNadpadpadp"); /* no post: the thread is all there is */
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 6, 13));
}

/* A copyright notice with its year closes the page, once the article has
 * said something; a photo's credit does not. */
TEST(a_copyright_notice_closes_the_article) {
  cc_tblock b[16];
  cc_tdoc d;
  blocks(&d, b, "pppCtttttt");
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 3) && gone(&d, 3, 10) && d.last == 3);
  CHECK_STR(b[5].why, "after a copyright notice");
  blocks(&d, b, "pppctttttt");
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 10));
  blocks(&d, b, "pCpppppppp"); /* a journal's notice under its abstract */
  cc_text_one_run(&d, CC_TCUT_RUN);
  CHECK(kept(&d, 0, 10));
}

int main(void) {
  RUN(model_data_is_usable);
  RUN(feature_names_are_unique);
  RUN(readings_are_probabilities_and_features_finite);
  RUN(page_model_tells_pages_apart);
  RUN(article_kept_menus_dropped);
  RUN(short_clipping_read_by_hand_scores);
  RUN(an_article_is_one_run);
  RUN(short_dropped_lines_part_the_article_from_a_feed);
  RUN(headlines_repeat_the_whole_title);
  RUN(the_headline_opens_the_article);
  RUN(a_comment_notice_with_dated_comments_closes_the_article);
  RUN(a_post_over_a_thread_of_comments_is_the_article);
  RUN(a_copyright_notice_closes_the_article);
  return test_summary();
}
