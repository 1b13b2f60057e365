/* test_meta_head.c — the article's head (meta_head.c) and the metadata it
 * corrects, through the public API: the visible headline as title, the
 * dates and the byline written next to it, author lists as the page
 * writes them, what is not the page's author (a ClaimReview's claim, a
 * thread's replies), tags and word counts. */
#include <stdio.h>
#include <string.h>

#include "../../include/clipclean.h"
#include "test.h"

static cc_result *R;

#define CHECK_INT(got, want)                                                      \
  do {                                                                            \
    long g_ = (long)(got), w_ = (long)(want);                                     \
    if (g_ != w_) {                                                               \
      fprintf(stderr, "%s:%d: %s is %ld, want %ld\n", __FILE__, __LINE__, #got, g_, w_); \
      test_current_failed_ = 1;                                                   \
    }                                                                             \
  } while (0)

static cc_result *run(const char *html) {
  cc_result_free(R);
  R = NULL;
  cc_error e;
  if (cc_extract(html, strlen(html), NULL, &R, &e) != CC_OK) {
    fprintf(stderr, "extract failed: %s\n", e.message);
    return NULL;
  }
  return R;
}

#define PROSE                                                                        \
  "<p>The council met on Tuesday to discuss the budget, which had been delayed " \
  "twice since the spring, and the members argued for hours.</p>"                \
  "<p>In the end a compromise was found, and the vote is now set for next week, " \
  "when the last amendments will have been read.</p>"

/* ---- the title is the headline the reader sees ---- */

TEST(title_from_visible_headline) {
  /* og:title written for social cards loses to the page's only h1 */
  run("<meta property='og:title' content='Budget: 7 things to know'>"
      "<body><article><h1>The budget vote is delayed again</h1>" PROSE "</article></body>");
  CHECK_STR(cc_result_title(R), "The budget vote is delayed again");
  /* of several h1s, the one the page's title repeats */
  run("<title>Budget vote delayed | Planet</title><body><header><h1>Planet</h1></header>"
      "<article><h1>Budget vote delayed</h1>" PROSE "<h1>Other news</h1></article></body>");
  CHECK_STR(cc_result_title(R), "Budget vote delayed");
  /* several h1s and none the title: the page's title stands */
  run("<title>Budget vote delayed</title><body><article><h1>Day 7</h1>" PROSE
      "<h1>Day 8</h1>" PROSE "</article></body>");
  CHECK_STR(cc_result_title(R), "Budget vote delayed");
  /* a logo h1: it names the site, which then leaves the <title> */
  run("<title>Budget vote delayed - The Planet</title><body><h1 class='site-logo'>"
      "<a href='/'>The Planet</a></h1>"
      "<article>" PROSE "</article></body>");
  CHECK_STR(cc_result_title(R), "Budget vote delayed");
  /* the site's name on the headline goes */
  run("<meta property='og:site_name' content='Artlyst'><body><article>"
      "<h1>Best exhibitions of 2025 \xe2\x80\x93 Artlyst</h1>" PROSE "</article></body>");
  CHECK_STR(cc_result_title(R), "Best exhibitions of 2025");
  /* a line break in the headline is a space between its words */
  run("<body><article><h1>Top programs of 2025<br>Your guide to the best</h1>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_title(R), "Top programs of 2025 Your guide to the best");
  /* a date written in the headline is its date, not its words */
  run("<body><article><h1><a href='/p'><time datetime='2025-12-18'>Dec <span>18</span> 2025"
      "</time> Preparing a transition</a></h1>" PROSE "</article></body>");
  CHECK_STR(cc_result_title(R), "Preparing a transition");
  CHECK_STR(cc_result_date(R), "2025-12-18");
}

TEST(book_name_over_the_chapter) {
  /* an h1 in the top bar that ends the <title> names the book or the site:
   * the chapter is the rest of the title */
  run("<html><head><title>Traits - The Rust Book</title></head><body>"
      "<div class='menu-bar'><h1 class='menu-title'>The Rust Book</h1></div>"
      "<main><h2>Traits</h2>" PROSE PROSE "</main></body></html>");
  CHECK_STR(cc_result_title(R), "Traits");
  /* the site's name first: the h1 is the headline */
  run("<html><head><title>Planet | Budget vote delayed</title>"
      "<meta property='og:site_name' content='Planet'></head><body>"
      "<div class='menu-bar'><h1 class='menu-title'>Budget vote delayed</h1></div>"
      "<main>" PROSE PROSE "</main></body></html>");
  CHECK_STR(cc_result_title(R), "Budget vote delayed");
}

TEST(slogan_is_not_the_name) {
  /* a product or landing page headed by a slogan keeps the <title> that
   * names what it offers (the site's name cut off) */
  run("<html><head><title>Waterproof trail running shoes | Acme</title>"
      "<script type='application/ld+json'>{\"@type\":\"Product\",\"name\":\"Acme Trail 3\","
      "\"offers\":{\"@type\":\"Offer\",\"price\":\"120.00\"}}</script></head>"
      "<body><main><h1>Run further.</h1><p>Price: 120.00 EUR</p><button>Add to cart</button>"
      "<p>The Trail 3 keeps your feet dry on wet ground thanks to its sealed membrane, and "
      "its outsole grips on mud and rock alike.</p><ul><li>Weight: 280 g</li>"
      "<li>Drop: 6 mm</li></ul></main></body></html>");
  CHECK(strcmp(cc_result_page_type(R), "article") != 0);
  CHECK_STR(cc_result_title(R), "Waterproof trail running shoes");
  /* an h1 sharing a word with the title is the page's name */
  run("<html><head><title>Waterproof trail running shoes | Acme</title>"
      "<script type='application/ld+json'>{\"@type\":\"Product\",\"name\":\"Acme Trail 3\","
      "\"offers\":{\"@type\":\"Offer\",\"price\":\"120.00\"}}</script></head>"
      "<body><main><h1>Acme Trail 3 running shoes</h1><p>Price: 120.00 EUR</p>"
      "<button>Add to cart</button><p>The Trail 3 keeps your feet dry on wet ground thanks "
      "to its sealed membrane, and its outsole grips on mud and rock alike.</p></main></body></html>");
  CHECK_STR(cc_result_title(R), "Acme Trail 3 running shoes");
}

TEST(headline_logo_and_header) {
  /* a class far up the tree says nothing of the h1: WordPress writes
   * "wp-custom-logo" on <body> of every page, a banner may be a
   * "masthead" */
  run("<title>Budget: 7 things to know</title><body class='single wp-custom-logo'>"
      "<div><div><div class='page-masthead'><div><h1>The budget vote is delayed again</h1>"
      "</div></div></div></div><article>" PROSE "</article></body>");
  CHECK_STR(cc_result_title(R), "The budget vote is delayed again");
  /* "brand" only as a whole class word: a product's brand colour is none */
  run("<title>Budget: 7 things to know</title><body><article>"
      "<h1 class='text-brand-primary'>The budget vote is delayed again</h1>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_title(R), "The budget vote is delayed again");
  run("<title>Budget vote delayed - The Planet</title><body><div class='navbar-brand'>"
      "<h1>The Planet</h1></div><article>" PROSE "</article></body>");
  CHECK_STR(cc_result_title(R), "Budget vote delayed");
  /* the page's only h1 in a header classed like boilerplate still heads it */
  run("<title>Budget: 7 things to know</title><body><header class='site-header'>"
      "<h1>The budget vote is delayed again</h1></header><article>" PROSE "</article></body>");
  CHECK_STR(cc_result_title(R), "The budget vote is delayed again");
  /* several h1s saying the same (a layout per screen size) are one */
  run("<title>Budget: 7 things to know</title><body><article>"
      "<h1>The budget vote is delayed again</h1><h1>The budget vote is delayed again</h1>"
      PROSE "</article></body>");
  CHECK_STR(cc_result_title(R), "The budget vote is delayed again");
}

/* ---- dates near the headline ---- */

TEST(dates_near_headline) {
  /* a date line under the headline, when the markup has none */
  run("<body><article><h1>Budget vote delayed</h1><div><span>Dec 12, 2025</span>"
      "<span>3 min read</span></div>" PROSE "</article></body>");
  CHECK_STR(cc_result_date(R), "2025-12-12");
  CHECK_STR(cc_result_published(R), "2025-12-12");
  CHECK_STR(cc_result_modified(R), NULL);
  /* one above it, under the kicker */
  run("<body><article><p>February 4, 2025</p><h1>Budget vote delayed</h1>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_date(R), "2025-02-04");
  /* labelled: published and updated apart, each from its segment */
  run("<body><article><h1>Budget vote delayed</h1>"
      "<p>Posted November 12, 2024 \xc2\xb7 Last updated February 20, 2025</p>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_published(R), "2024-11-12");
  CHECK_STR(cc_result_modified(R), "2025-02-20");
  CHECK_STR(cc_result_date(R), "2024-11-12");
  /* only an update shown: it is the article's date, but not its
   * publication date */
  run("<body><article><h1>Budget vote delayed</h1><p>Last updated</p>"
      "<time>Aug 04, 2025</time>" PROSE "</article></body>");
  CHECK_STR(cc_result_published(R), NULL);
  CHECK_STR(cc_result_modified(R), "2025-08-04");
  CHECK_STR(cc_result_date(R), "2025-08-04");
  /* a forum poster's "Joined" date is nobody's publication */
  run("<body><article><h1>Which kettle?</h1><div class='user'>Joined: March 3, 2019</div>"
      "<div>Posted May 5, 2024</div>" PROSE "</article></body>");
  CHECK_STR(cc_result_date(R), "2024-05-05");
  /* ... nor is the date a profile says it was "Founded" */
  run("<body><article><h1>Which kettle?</h1><dl><dd>Posts: 4032</dd>"
      "<dd>Founded: Dec 11, 2021</dd></dl><p>by Ann \xc2\xbb Tue Aug 27, 2019 1:47 am</p>"
      PROSE "</article></body>");
  CHECK_STR(cc_result_date(R), "2019-08-27T01:47:00");
  /* the page's metadata outranks what is written */
  run("<meta property='article:published_time' content='2024-01-02'>"
      "<body><article><h1>Budget vote delayed</h1><p>March 9, 2025</p>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_date(R), "2024-01-02");
  /* ... unless it says the article was published after the date the
   * page shows: the markup is the day the page was re-saved or moved */
  run("<meta property='article:published_time' content='2024-08-07T12:01:51Z'>"
      "<body><article><h1>Budget vote delayed</h1><p>Dec 30, 2013</p>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_date(R), "2013-12-30");
  CHECK_STR(cc_result_published(R), "2013-12-30");
  /* ... not when the markup's date is also shown near the headline */
  run("<meta property='article:published_time' content='2024-08-07T12:01:51Z'>"
      "<body><article><h1>Budget vote delayed</h1><p>Dec 30, 2013</p>"
      "<p>Posted August 7, 2024</p>" PROSE "</article></body>");
  CHECK_STR(cc_result_date(R), "2024-08-07T12:01:51Z");
  /* ... nor when they are a day apart: one day in two time zones */
  run("<meta property='article:published_time' content='2025-12-19T03:05:00Z'>"
      "<body><article><h1>Budget vote delayed</h1><p>Dec 18, 2025</p>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_date(R), "2025-12-19T03:05:00Z");
  /* the article's meta line above its headline, classed as the article
   * header's ("article__header__meta"), is no site header */
  run("<body><div class='article__header'><div class='article__header__meta'>"
      "<span class='article__header__meta__value'>5 min read</span>"
      "<span class='article__header__meta__value'>February 6, 2026</span></div>"
      "<h1>Budget vote delayed</h1></div><article>" PROSE "</article>"
      "<div class='article-item__date'>Mar 3, 2026</div></body>");
  CHECK_STR(cc_result_date(R), "2026-02-06");
  /* dates of related articles after the text are not the page's */
  run("<body><article><h1>Budget vote delayed</h1>" PROSE PROSE
      "<div class='related'><p>May 1, 2023</p></div></article></body>");
  CHECK_STR(cc_result_date(R), NULL);
  /* a quoted post's date is its author's, not the page's */
  run("<body><article><h1>Budget vote delayed</h1>"
      "<blockquote class='twitter-tweet'><p>The vote is off again</p>&mdash; A. Roe "
      "<a href='https://x.example/status/1'>March 3, 2024</a></blockquote>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_date(R), NULL);
  /* a meta "date element" reading "Updated on" is a modification */
  run("<html lang='en-US'><body><article><h1>Budget vote delayed</h1>" PROSE
      "<div class='post-date'>Updated on 09/11/25</div></article></body>");
  CHECK_STR(cc_result_published(R), NULL);
  CHECK_STR(cc_result_modified(R), "2025-09-11");
}

/* ---- bylines ---- */

TEST(byline_near_headline) {
  /* "Written by" in one block, the name in the next */
  run("<body><article><h1>Budget vote delayed</h1><div><p>Written by</p><p>Edzel Tabing</p>"
      "</div>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), "Edzel Tabing");
  /* a forum thread: its first poster, a user name */
  run("<body><h1>Which kettle should I buy?</h1><div class='p-description'>"
      "<a class='username' href='/u/1'>paulb203</a></div><article>" PROSE
      "<div class='reply'><a class='username' href='/u/2'>kettlefan</a></div>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_author(R), "paulb203");
  /* a link to the author's page names the author, without a class */
  run("<body><article><h1>Budget vote delayed</h1><div><a href='/blog/authors/jane-doe'>"
      "Jane Doe</a></div>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  /* ... a link to the list of all authors does not */
  run("<body><article><h1>Budget vote delayed</h1><div><a href='/authors'>Our Writers</a>"
      "</div>" PROSE "</article></body>");
  CHECK(cc_result_author(R) == NULL);
  run("<body><article><h1>Budget vote delayed</h1><div><a href='/authors/'>Our Writers</a>"
      "</div>" PROSE "</article></body>");
  CHECK(cc_result_author(R) == NULL);
  /* a poster's name above the thread's title (as link aggregators show
   * it), when none follows the headline */
  run("<body><div><a class='username' href='/u/ann'>ann_k</a> 3 hours ago</div>"
      "<h1>Which kettle should I buy?</h1>" PROSE "</body>");
  CHECK_STR(cc_result_author(R), "ann_k");
  /* one after the headline wins */
  run("<body><div><a class='username' href='/u/ann'>ann_k</a></div>"
      "<h1>Which kettle should I buy?</h1><div><a class='username' href='/u/bo'>bo_r</a></div>"
      PROSE "</body>");
  CHECK_STR(cc_result_author(R), "bo_r");
  /* a byline in the text is weaker than the page's metadata */
  run("<meta name='author' content='Jane Doe'><body><article><h1>Budget vote delayed</h1>"
      "<p class='byline'>By John Roe</p>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
}

TEST(author_lists_and_names) {
  static const char *const cases[][2] = {
      /* the list's own conjunction is kept, with its serial comma */
      {"Danielle DeSiato, Donna Enzmann, and Natalie Nguyen",
       "Danielle DeSiato, Donna Enzmann, and Natalie Nguyen"},
      {"Manoj Jain and Jagpreet Chhatwal", "Manoj Jain and Jagpreet Chhatwal"},
      {"Jane Doe & John Roe", "Jane Doe & John Roe"},
      /* post-nominal letters belong to the name */
      {"Jillian Kubala, MS, RD", "Jillian Kubala, MS, RD"},
      {"Genevieve Carlton, Ph.D.", "Genevieve Carlton, Ph.D."},
      /* ... and a name given twice with them is one name */
      {"Matthew Frankel, CFP\nMatthew Frankel, CFP", "Matthew Frankel, CFP"},
      /* a group signing as one */
      {"The Investopedia Team", "The Investopedia Team"},
      {"News Desk", "News Desk"},
      /* a role after the name is not a second author */
      {"Meghan Neville, Content Marketing Coordinator", "Meghan Neville"},
      {"Julie Weisenhorn and Natalie Hoidal, Extension educators",
       "Julie Weisenhorn and Natalie Hoidal"},
      /* labels around the name go */
      {"Insights from, Liza Burke", "Liza Burke"},
      {"Matthew Richardson \xe2\x8b\x85 Review", "Matthew Richardson"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char html[600];
    snprintf(html, sizeof html, "<meta name='author' content='%s'><body><article>%s</article></body>",
             cases[i][0], PROSE);
    run(html);
    CHECK_STR(cc_result_author(R), cases[i][1]);
  }
  /* JSON-LD gives an array: joined the way the page's byline joins it */
  run("<script type='application/ld+json'>{\"@type\":\"Article\",\"author\":["
      "{\"@type\":\"Person\",\"name\":\"Jared Newman\"},"
      "{\"@type\":\"Person\",\"name\":\"Sam Singleton\"}]}</script>"
      "<body><article><h1>Streaming picks</h1><p class='byline'>By Jared Newman and Sam "
      "Singleton</p>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), "Jared Newman and Sam Singleton");
}

TEST(user_names_from_markup) {
  /* markup naming the author may give a user name, as forums and blogs
   * sign; a byline read from the text may not */
  run("<body><article><h1>Budget vote delayed</h1><div itemprop='author' itemscope>"
      "<span itemprop='name'>amondale</span></div>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), "amondale");
  run("<script type='application/ld+json'>{\"@type\":\"BlogPosting\",\"author\":"
      "{\"@type\":\"Person\",\"name\":\"stephenlega\"}}</script>"
      "<body><article><h1>Budget vote delayed</h1>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), "stephenlega");
  run("<meta name='author' content='paulb203'><body><article><h1>Budget vote delayed</h1>"
      PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), "paulb203");
  /* a profile link or a numeric id names no one */
  run("<meta name='author' content='https://example.org/members/jdoe.1075434/'>"
      "<body><article><h1>Budget vote delayed</h1>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), NULL);
  run("<meta name='author' content='262588213843476'><body><article>"
      "<h1>Budget vote delayed</h1>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), NULL);
  /* text that merely opens with "By" keeps needing a real name */
  run("<body><article><h1>Budget vote delayed</h1><p>By jdoe</p>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), NULL);
}

TEST(not_the_pages_author) {
  /* a ClaimReview's itemReviewed names who made the claim: never the
   * fact-check's author */
  run("<script type='application/ld+json'>{\"@context\":\"https://schema.org\","
      "\"@type\":\"ClaimReview\",\"itemReviewed\":{\"@type\":\"CreativeWork\","
      "\"author\":{\"@type\":\"Person\",\"name\":\"Senator Bob Smith\"},"
      "\"datePublished\":\"2024-01-02\"},\"claimReviewed\":\"The moon is cheese\"}</script>"
      "<body><article><h1>No, the moon is not cheese</h1><p>By Alice Checker</p>" PROSE
      "</article></body>");
  CHECK_STR(cc_result_author(R), "Alice Checker");
  CHECK_STR(cc_result_date(R), NULL);
  /* the same in microdata */
  run("<body><article itemscope itemtype='https://schema.org/ClaimReview'>"
      "<h1>No, the moon is not cheese</h1><span itemprop='author'>Alice Checker</span>"
      "<div itemprop='itemReviewed' itemscope itemtype='https://schema.org/Claim'>"
      "<span itemprop='author'>Senator Bob Smith</span></div>" PROSE "</article></body>");
  CHECK_STR(cc_result_author(R), "Alice Checker");
  /* a thread's posts each name their author: the first post's is the page's */
  run("<body><h1>Why is except: pass bad?</h1>"
      "<div itemscope itemtype='https://schema.org/Question'><span itemprop='author' "
      "itemscope><span itemprop='name'>Vader</span></span>" PROSE "</div>"
      "<div itemscope itemtype='https://schema.org/Answer'><span itemprop='author' "
      "itemscope><span itemprop='name'>Aaron Hall</span></span>" PROSE "</div></body>");
  CHECK_STR(cc_result_author(R), "Vader");
}

/* ---- tags, word count ---- */

TEST(tags_and_word_count) {
  const char *const *tags;
  run("<meta property='article:tag' content='Budget'><meta property='article:tag' "
      "content='City council'><meta name='keywords' content='ignored, when, tags'>"
      "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
      "\"articleSection\":\"Politics\"}</script><body><article>" PROSE "</article></body>");
  CHECK_INT(cc_result_tags(R, &tags), 3);
  CHECK_STR(tags[0], "Budget");
  CHECK_STR(tags[1], "City council");
  CHECK_STR(tags[2], "Politics");
  /* a keyword list, repeats and URLs dropped */
  run("<meta name='keywords' content='budget; Budget, council,https://x.example/,  vote '>"
      "<body><article>" PROSE "</article></body>");
  CHECK_INT(cc_result_tags(R, &tags), 3);
  CHECK_STR(tags[2], "vote");
  /* JSON-LD keywords as an array */
  run("<script type='application/ld+json'>{\"@type\":\"BlogPosting\",\"keywords\":"
      "[\"rust\",\"embedded\"]}</script><body><article>" PROSE "</article></body>");
  CHECK_INT(cc_result_tags(R, &tags), 2);
  CHECK_STR(tags[1], "embedded");
  run("<body><article>" PROSE "</article></body>");
  CHECK_INT(cc_result_tags(R, &tags), 0);
  /* words: runs of letters and digits; CJK characters one each */
  run("<body><article><p>Don't stop: e-mail 42 people, now. \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
      "and more words to make a paragraph that is kept by the extraction.</p></article></body>");
  CHECK_INT(cc_result_word_count(R), 22);
}

/* ---- language ---- */

#define DE_PROSE                                                                   \
  "<p>Die Digitalisierung zieht sich bereits heute durch fast alle Branchen, sei es im " \
  "Finanzbereich, in der Industrie oder auch im Bereich der Medizin. Auch wenn nicht "   \
  "jedes Modell bedroht ist, wird es f\xc3\xbcr die meisten Unternehmen Zeit, sich mit " \
  "den neuen Techniken zu befassen, die sich in den letzten Jahren durchgesetzt haben " \
  "und die auch in der Zukunft eine gro\xc3\x9f" "e Rolle spielen werden.</p>"

TEST(language_from_text) {
  /* a German blog left at its theme's "en" */
  run("<html lang='en-US'><body><article>" DE_PROSE "</article></body></html>");
  CHECK_STR(cc_result_language(R), "de");
  /* an English article declared German */
  run("<html lang='de'><body><article>" PROSE PROSE PROSE "</article></body></html>");
  CHECK_STR(cc_result_language(R), "en");
  /* agreeing: the declared tag stays, region and all */
  run("<html lang='en-GB'><body><article>" PROSE PROSE "</article></body></html>");
  CHECK_STR(cc_result_language(R), "en-GB");
  /* too little text to contradict anyone */
  run("<html lang='fr'><body><article><p>The end of the story, at last.</p></article></body></html>");
  CHECK_STR(cc_result_language(R), "fr");
  /* a language we cannot identify, in the text's script, stands */
  run("<html lang='ca'><body><article>" PROSE PROSE PROSE "</article></body></html>");
  CHECK_STR(cc_result_language(R), "ca");
}

int main(void) {
  RUN(title_from_visible_headline);
  RUN(book_name_over_the_chapter);
  RUN(slogan_is_not_the_name);
  RUN(headline_logo_and_header);
  RUN(dates_near_headline);
  RUN(byline_near_headline);
  RUN(author_lists_and_names);
  RUN(user_names_from_markup);
  RUN(not_the_pages_author);
  RUN(tags_and_word_count);
  RUN(language_from_text);
  cc_result_free(R);
  return test_summary();
}
