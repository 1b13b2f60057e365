/* test_meta.c — the metadata stage through the public API: each source
 * (meta tags, JSON-LD, microdata, bylines, links), the precedence between
 * them, title/byline/date cleaning, URLs, and hostile input. base_url has
 * no public accessor, so its test runs the stage on a parsed page. */
#include "../../include/clipclean.h"
#include "arena.h"
#include "parse.h"
#include "strip.h"
#include "pipeline.h"
#include "test.h"

static cc_result *R;

/* Extracts html (with an optional caller URL) into R. */
static cc_result *run_url(const char *html, const char *url) {
  cc_result_free(R);
  R = NULL;
  cc_options o;
  cc_options_init(&o);
  o.url = url;
  cc_error e;
  if (cc_extract(html, strlen(html), &o, &R, &e) != CC_OK) {
    fprintf(stderr, "extract failed: %s\n", e.message);
    return NULL;
  }
  return R;
}
static cc_result *run(const char *html) { return run_url(html, NULL); }

#define BODY "<body><article><p>Some article text that is long enough to be kept.</p></article></body>"

/* ---- titles ---- */

TEST(title_sources_and_precedence) {
  run("<title>Tag Title | Site</title><meta property='og:title' content='OG Title'>"
      "<meta name='twitter:title' content='TW Title'>" BODY);
  CHECK_STR(cc_result_title(R), "OG Title");
  run("<title>Tag Title</title><meta name='twitter:title' content='TW Title'>" BODY);
  CHECK_STR(cc_result_title(R), "TW Title");
  /* the headline the reader sees outranks the <title> written for search
   * engines (meta_head.c) */
  run("<title>The Tag Title</title><body><h1>Headline In Body</h1><p>x</p></body>");
  CHECK_STR(cc_result_title(R), "Headline In Body");
  run("<body><h1>Headline In Body</h1><p>x</p></body>");
  CHECK_STR(cc_result_title(R), "Headline In Body");
  /* JSON-LD headline beats twitter and <title>, og:title beats it */
  run("<title>T | S</title><script type='application/ld+json'>"
      "{\"@type\":\"NewsArticle\",\"headline\":\"LD Headline &amp; More\"}</script>" BODY);
  CHECK_STR(cc_result_title(R), "LD Headline & More");
}

TEST(title_site_name_removed) {
  run("<title>Budget vote delayed again | The Daily Planet</title>"
      "<meta property='og:site_name' content='The Daily Planet'>" BODY);
  CHECK_STR(cc_result_title(R), "Budget vote delayed again");
  run("<title>The Daily Planet - Budget vote delayed again</title>"
      "<meta property='og:site_name' content='The Daily Planet'>" BODY);
  CHECK_STR(cc_result_title(R), "Budget vote delayed again");
  run("<title>The Daily Planet: Budget vote delayed again</title>"
      "<meta property='og:site_name' content='The Daily Planet'>" BODY);
  CHECK_STR(cc_result_title(R), "Budget vote delayed again");
  run("<title>Budget vote delayed again \xe2\x80\x94 the daily planet</title>"
      "<meta property='og:site_name' content='The Daily Planet'>" BODY);
  CHECK_STR(cc_result_title(R), "Budget vote delayed again");
  run("<title>Budget vote delayed again :: Daily Planet</title>"
      "<meta name='application-name' content='Daily Planet'>" BODY);
  CHECK_STR(cc_result_title(R), "Budget vote delayed again");
  /* a title that is only the site name is no headline */
  run("<title>Daily Planet</title><meta property='og:site_name' content='Daily Planet'>"
      "<body><h1>Budget vote delayed</h1><p>x</p></body>");
  CHECK_STR(cc_result_title(R), "Budget vote delayed");
}

TEST(title_heuristics_without_site_name) {
  /* the h1 shows which part is the headline */
  run("<title>Opinion | Why the vote was delayed - again | Planet</title>"
      "<body><h1>Why the vote was delayed - again</h1><p>x</p></body>");
  CHECK_STR(cc_result_title(R), "Why the vote was delayed - again");
  /* a short segment after a strong separator */
  run("<title>Why the budget vote was delayed | Daily Planet</title>" BODY);
  CHECK_STR(cc_result_title(R), "Why the budget vote was delayed");
  /* a segment naming the host */
  run_url("<title>Why the budget vote was delayed - The Verge</title>" BODY,
          "https://www.theverge.com/2019/11/19/story");
  CHECK_STR(cc_result_title(R), "Why the budget vote was delayed");
  run("<title>Why the budget vote was delayed - Example.com</title>" BODY);
  CHECK_STR(cc_result_title(R), "Why the budget vote was delayed");
  /* the host written bare before the headline; after it, it is a phrase */
  run_url("<title>example.com Why the budget vote was delayed</title>" BODY,
          "https://example.com/2019/vote");
  CHECK_STR(cc_result_title(R), "Why the budget vote was delayed");
  run_url("<title>Welcome to Example.com</title>" BODY, "https://example.com/");
  CHECK_STR(cc_result_title(R), "Welcome to Example.com");
  run_url("<title>Amazon.com raises its prices</title>" BODY, "https://news.example/a");
  CHECK_STR(cc_result_title(R), "Amazon.com raises its prices");
  /* a plain dash with no evidence stays */
  run("<title>Spider-Man - Far From Home review</title>" BODY);
  CHECK_STR(cc_result_title(R), "Spider-Man - Far From Home review");
  run("<title>Budget 2020: what changes - and what does not</title>" BODY);
  CHECK_STR(cc_result_title(R), "Budget 2020: what changes - and what does not");
  /* a short trailing segment that may be the headline is left alone */
  run("<title>The Daily Planet | Vote delayed</title>" BODY);
  CHECK_STR(cc_result_title(R), "The Daily Planet | Vote delayed");
  /* a logo h1 naming the site does not become the title */
  run("<title>Why the budget vote was delayed | Planet</title>"
      "<body><h1>Planet</h1><p>x</p></body>");
  CHECK_STR(cc_result_title(R), "Why the budget vote was delayed");
}

TEST(title_cleaning) {
  run("<title>  Budget\n\t vote <!-- debris --> delayed&nbsp;</title>" BODY);
  CHECK_STR(cc_result_title(R), "Budget vote delayed");
  run("<meta property='og:title' content='Tom &amp;amp; Jerry return'>" BODY);
  CHECK_STR(cc_result_title(R), "Tom & Jerry return");
  /* a huge title is cut at a word, under the cap */
  char *big = malloc(200000);
  char *q = big + sprintf(big, "<title>");
  for (int i = 0; i < 20000; i++, q += 5) memcpy(q, "word ", 5);
  strcpy(q, "</title>");
  run(big);
  CHECK(cc_result_title(R) && strlen(cc_result_title(R)) <= 500);
  free(big);
}

/* ---- authors ---- */

TEST(author_sources) {
  run("<meta name='author' content='Jane Doe'>" BODY);
  CHECK_STR(cc_result_author(R), "Jane Doe");
  run("<meta name='author' content='Jane Doe'><meta name='author' content='John Roe'>" BODY);
  CHECK_STR(cc_result_author(R), "Jane Doe, John Roe");
  /* article:author as a profile URL is no name */
  run("<meta property='article:author' content='https://www.facebook.com/janedoe'>" BODY);
  CHECK_STR(cc_result_author(R), NULL);
  run("<meta name='citation_author' content='Doe, Jane'>"
      "<meta name='citation_author' content='Roe, John'>" BODY);
  CHECK_STR(cc_result_author(R), "Jane Doe, John Roe");
  run("<meta name='byl' content='By Jamelle Bouie'>" BODY);
  CHECK_STR(cc_result_author(R), "Jamelle Bouie");
  /* microdata, with the name inside the author scope */
  run("<body><article><span itemprop='author' itemscope itemtype='http://schema.org/Person'>"
      "<img src=a.jpg><span itemprop='name'>Jane Doe</span><span>Staff</span></span>"
      "<p>text</p></article></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  /* a class that names what sits beside a region (a BEM modifier, "has-",
   * "with") does not exclude it; a sidebar does */
  run("<body><div class='p-body-main p-body-main--withSidebar'><div itemscope>"
      "<span itemprop='author'>Jane Doe</span><p>text</p></div></div></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  run("<body><div class='layout has-sidebar'><p class='byline'>By Jane Doe</p><p>t</p></div></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  run("<body><div class='sidebar'><div itemscope><span itemprop='author'>Sam Side</span>"
      "</div></div><div itemscope><span itemprop='author'>Jane Doe</span><p>t</p></div></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  run("<body><div class='main--withSidebar'><div itemscope><span itemprop='author'>Sam Side"
      "</span></div></div><div itemscope><span itemprop='author'>Jane Doe</span><p>t</p></div>"
      "</body>");
  CHECK_STR(cc_result_author(R), "Sam Side");
  /* a login link's class says "authorization", not "author" */
  run("<body><ul><li class='link authorization-link'><a href='/login'>Sign In</a></li></ul>"
      "<article><p>By Jane Doe</p><p>text</p></article></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  /* a page builder's widget holds the article's own byline and date */
#define PARA "<p>Some article text that is long enough to be kept, and then some more.</p>"
#define PARAS PARA PARA PARA PARA PARA PARA PARA PARA PARA PARA
  run("<body><h1>The headline</h1><div class='elementor-widget'>" PARAS PARAS PARAS "</div>"
      "<div class='elementor-widget elementor-widget-post-info'><span itemprop='author'>"
      "Jane Doe</span> <span itemprop='datePublished'>December 3, 2025</span></div></body>");
#undef PARAS
#undef PARA
  CHECK_STR(cc_result_author(R), "Jane Doe");
  CHECK_STR(cc_result_date(R), "2025-12-03");
  /* rel=author */
  run("<body><article><p>By <a rel='author' href='/u/jd'>Jane Doe</a></p><p>t</p></article></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  /* JSON-LD beats the meta tag */
  run("<meta name='author' content='Meta Name'><script type='application/ld+json'>"
      "{\"@type\":\"Article\",\"author\":{\"@type\":\"Person\",\"name\":\"Ld Name\"}}</script>" BODY);
  CHECK_STR(cc_result_author(R), "Ld Name");
  /* an author equal to the site name is kept only as a last resort */
  run("<meta property='og:site_name' content='BBC News'><meta name='author' content='BBC News'>"
      "<body><article><p class='byline'>By Jane Doe</p><p>t</p></article></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  run("<meta property='og:site_name' content='BBC News'><meta name='author' content='BBC News'>" BODY);
  CHECK_STR(cc_result_author(R), "BBC News");
  /* a card's labelled pair names the author when its label is a byline's */
  run("<meta name='twitter:label1' content='Written by'>"
      "<meta name='twitter:data1' content='Jane Doe'>"
      "<meta name='twitter:label2' content='Est. reading time'>"
      "<meta name='twitter:data2' content='4 minutes'>" BODY);
  CHECK_STR(cc_result_author(R), "Jane Doe");
  run("<meta name='twitter:data1' content='4 minutes'>"
      "<meta name='twitter:label1' content='Est. reading time'>" BODY);
  CHECK_STR(cc_result_author(R), NULL);
}

TEST(byline_cleaning) {
  static const char *const cases[][2] = {
      {"By Jane Doe and John Roe | Reuters", "Jane Doe and John Roe"},
      {"By JANE DOE, Associated Press", "JANE DOE"},
      {"Jane Doe, Senior Reporter", "Jane Doe"},
      {"Jane Doe Email the author Follow @janedoe", "Jane Doe"},
      {"By Jane Doe on November 19, 2019", "Jane Doe"},
      {"Jane Doe | November 19, 2019 at 8:00 am", "Jane Doe"},
      {"Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe and Ann Poe"},
      {"Par Jean Dupont, publi\xc3\xa9 le 19 novembre 2019", "Jean Dupont"},
      {"Von Max Mustermann und Erika Musterfrau", "Max Mustermann und Erika Musterfrau"},
      {"Por Jos\xc3\xa9 Ortega y Gasset", "Jos\xc3\xa9 Ortega y Gasset"},
      {"Di Mario Rossi e Luigi Bianchi", "Mario Rossi e Luigi Bianchi"},
      {"Door Jan de Vries", "Jan de Vries"},
      {"Jane Doe is a senior reporter covering technology.", "Jane Doe"},
      {"Analysis by Chris Doe, CNN Editor-at-large", "Chris Doe"},
      {"STEVE DOE, AP National Political Writer", "STEVE DOE"},
      {"Jane Doe (Reuters)", "Jane Doe"},
      {"Jane Doe for The Daily Planet", "Jane Doe"},
      {"Written by Jane Doe", "Jane Doe"},
      {"Reuters", "Reuters"},
      {"Updated 3 hours ago", NULL},
      {"admin", NULL},
      {"jdoe_77", NULL},
      {"Staff Writer", NULL},
      /* a forum's "by jdoe » Tue Dec 07": a separator, then a date */
      {"Jane Doe \xc2\xbb Tue Dec 07, 2021 1:47 pm", "Jane Doe"},
      {"By Jane Doe .", "Jane Doe"},
      {"Written On Freewrite", NULL},
      /* someone else's credit counts only when no author is named */
      {"By Jane Doe, DVM. Reviewed by John Roe, DVM", "Jane Doe, DVM"},
      {"By Jane Doe\nUpdated by John Roe", "Jane Doe"},
      {"Reviewed by John Roe", "John Roe"},
      /* an institution's "for", "of" and "and" are its own */
      {"Center for Drug Evaluation and Research", "Center for Drug Evaluation and Research"},
      {"Department of Health and Human Services", "Department of Health and Human Services"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char html[512];
    snprintf(html, sizeof html,
             "<body><article><div class='article-byline'>%s</div><p>t</p></article></body>",
             cases[i][0]);
    run(html);
    CHECK_STR(cc_result_author(R), cases[i][1]);
  }
  /* source indentation does not count against a byline's length */
  {
    char html[1024], pad[401];
    memset(pad, ' ', 400);
    pad[400] = '\0';
    for (int k = 0; k < 400; k += 40) pad[k] = '\n';
    snprintf(html, sizeof html,
             "<body><article><div class='byline'>By%s<a href='/a'>Jane Doe</a>%s</div>"
             "<p>t</p></article></body>", pad, pad);
    run(html);
    CHECK_STR(cc_result_author(R), "Jane Doe");
  }
  /* a teaser's byline that names no one does not hide the article's */
#define PARA "<p>Some article text that is long enough to be kept, and then some more.</p>"
#define PARAS PARA PARA PARA PARA PARA PARA PARA PARA PARA PARA
  run("<body><div><p>By Team Example</p></div><div>" PARAS PARAS
      "<p>Written by <a href='/jd'>Jane Doe</a></p></div></body>");
#undef PARAS
#undef PARA
  CHECK_STR(cc_result_author(R), "Jane Doe");
  /* a "By" text node with the name in the next element */
  run("<body><article><p>By <a href='/a'>Jane Doe</a> and <a href='/b'>John Roe</a></p>"
      "<p>Body text.</p></article></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe and John Roe");
  /* "By" in running text is no byline */
  run("<body><article><p>By the way, this is not a byline at all.</p></article></body>");
  CHECK_STR(cc_result_author(R), NULL);
  /* comment authors are not the article's */
  run("<body><article><p>t</p></article><div class='comments'>"
      "<span class='comment-author'>Troll Person</span></div></body>");
  CHECK_STR(cc_result_author(R), NULL);
}

/* ---- dates ---- */

TEST(date_formats) {
  static const char *const cases[][2] = {
      {"2019-11-19", "2019-11-19"},
      {"2019-11-19T08:00:00Z", "2019-11-19T08:00:00Z"},
      {"2019-11-19T08:00:00+0100", "2019-11-19T08:00:00+01:00"},
      {"2019-11-19T08:00:00.000-05:00", "2019-11-19T08:00:00-05:00"},
      {"2019-11-19 08:00:00", "2019-11-19T08:00:00"},
      {"2019-11-19T08:00", "2019-11-19T08:00:00"},
      {"Tue, 19 Nov 2019 08:00:00 GMT", "2019-11-19T08:00:00Z"},
      {"Tue, 19 Nov 2019 08:00:00 +0000", "2019-11-19T08:00:00Z"},
      {"2019/11/19", "2019-11-19"},
      {"19.11.2019", "2019-11-19"},
      {"19.11.2019, 14:30 Uhr", "2019-11-19T14:30:00"},
      {"11.19.2019", "2019-11-19"},
      {"19-Nov-2019", "2019-11-19"},
      {"11/19/2019", "2019-11-19"},
      {"19/11/2019", "2019-11-19"},
      {"20191119", "2019-11-19"},
      {"November 19, 2019", "2019-11-19"},
      {"Nov. 19th, 2019 at 8:05 pm EST", "2019-11-19T20:05:00-05:00"},
      {"Tuesday 19 November 2019 12:00", "2019-11-19T12:00:00"},
      {"19 novembre 2019", "2019-11-19"},
      {"le 1er d\xc3\xa9" "cembre 2019 \xc3\xa0 08h30", "2019-12-01T08:30:00"},
      {"19. November 2019", "2019-11-19"},
      {"19. M\xc3\xa4rz 2019", "2019-03-19"},
      {"19 de noviembre de 2019", "2019-11-19"},
      {"19 agosto 2019", "2019-08-19"},
      {"19 de mar\xc3\xa7o de 2019", "2019-03-19"},
      {"19 maart 2019", "2019-03-19"},
      {"2019\xe5\xb9\xb4" "11\xe6\x9c\x88" "19\xe6\x97\xa5", "2019-11-19"},
      {"1574150400", "2019-11-19T08:00:00Z"},
      {"1574150400000", "2019-11-19T08:00:00Z"},
      {"2019-13-01", NULL},
      {"2019-02-30", NULL},
      {"1985-06-01", NULL},
      {"3000-01-01", NULL},
      {"3 hours ago", NULL},
      {"November 2019", NULL},
      {"0", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char html[512];
    snprintf(html, sizeof html, "<meta name='date' content='%s'>" BODY, cases[i][0]);
    run(html);
    const char *got = cc_result_date(R);
    if (!((got == NULL && cases[i][1] == NULL) ||
          (got && cases[i][1] && !strcmp(got, cases[i][1]))))
      fprintf(stderr, "  date input: %s\n", cases[i][0]);
    CHECK_STR(got, cases[i][1]);
  }
  /* ambiguous a/b/yyyy follows the page language */
  run("<html lang='en-US'><meta name='date' content='03/04/2019'>" BODY);
  CHECK_STR(cc_result_date(R), "2019-03-04");
  run("<html lang='fr'><meta name='date' content='03/04/2019'>" BODY);
  CHECK_STR(cc_result_date(R), "2019-04-03");
}

TEST(date_precedence) {
  /* publication beats modification, whatever the order */
  run("<meta property='article:modified_time' content='2019-11-20'>"
      "<meta property='article:published_time' content='2019-11-19'>" BODY);
  CHECK_STR(cc_result_date(R), "2019-11-19");
  run("<meta property='article:modified_time' content='2019-11-20'>" BODY);
  CHECK_STR(cc_result_date(R), "2019-11-20");
  /* JSON-LD first; an unparseable best candidate falls through */
  run("<meta name='date' content='2019-11-18'><script type='application/ld+json'>"
      "{\"@type\":\"Article\",\"datePublished\":\"2019-11-17T10:00:00Z\"}</script>" BODY);
  CHECK_STR(cc_result_date(R), "2019-11-17T10:00:00Z");
  run("<meta name='date' content='2019-11-18'><script type='application/ld+json'>"
      "{\"@type\":\"Article\",\"datePublished\":\"yesterday\"}</script>" BODY);
  CHECK_STR(cc_result_date(R), "2019-11-18");
  /* a Unix timestamp as a JSON number */
  run("<script type='application/ld+json'>{\"@type\":\"Article\",\"datePublished\":1574150400}"
      "</script>" BODY);
  CHECK_STR(cc_result_date(R), "2019-11-19T08:00:00Z");
  /* microdata and <time> */
  run("<body><article><time itemprop='datePublished' datetime='2019-11-19T08:00:00+01:00'>"
      "Nov 19</time><p>t</p></article></body>");
  CHECK_STR(cc_result_date(R), "2019-11-19T08:00:00+01:00");
  run("<body><header><time datetime='2019-12-01'>today</time></header><article>"
      "<time datetime='2019-11-19'>Nov 19</time><p>t</p></article></body>");
  CHECK_STR(cc_result_date(R), "2019-11-19");
  /* visible byline date, then the URL */
  run("<body><article><div class='byline'>By Jane Doe | November 19, 2019</div><p>t</p>"
      "</article></body>");
  CHECK_STR(cc_result_date(R), "2019-11-19");
  /* a date element outside the article may be the masthead's "today" */
  run("<meta property='article:modified_time' content='2019-11-18'><body>"
      "<div class='header-date'>Wednesday, November 20, 2019</div><article><p>t</p></article></body>");
  CHECK_STR(cc_result_date(R), "2019-11-18");
  run_url("<p>no dates here</p>", "https://example.com/news/2019/11/19/story.html");
  CHECK_STR(cc_result_date(R), "2019-11-19");
  run_url("<p>no dates here</p>", "https://example.com/2019-11-19+The+Story");
  CHECK_STR(cc_result_date(R), "2019-11-19");
  run_url("<p>no dates here</p>", "https://example.com/2019-11-199/story");
  CHECK_STR(cc_result_date(R), NULL);
  /* plain names a site's CMS writes */
  run("<meta name='published_date' content='2019-11-19'>" BODY);
  CHECK_STR(cc_result_date(R), "2019-11-19");
}

/* ---- JSON-LD ---- */

TEST(jsonld_fields) {
  run("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":\"Budget vote delayed\","
      "\"author\":[{\"@type\":\"Person\",\"name\":\"Jane Doe\"},"
      "{\"@type\":\"Person\",\"givenName\":\"John\",\"familyName\":\"Roe\"}],"
      "\"datePublished\":\"2019-11-19T08:00:00+00:00\",\"dateModified\":\"2019-11-20\","
      "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Daily Planet\"},"
      "\"description\":\"What &amp; why\",\"inLanguage\":\"en-GB\","
      "\"image\":[{\"@type\":\"ImageObject\",\"url\":\"https://img.example.com/a.jpg\"}],"
      "\"articleBody\":\"First paragraph &amp; more.\\nSecond.\"}</script>" BODY);
  CHECK_STR(cc_result_title(R), "Budget vote delayed");
  CHECK_STR(cc_result_author(R), "Jane Doe, John Roe");
  CHECK_STR(cc_result_date(R), "2019-11-19T08:00:00Z");
  CHECK_STR(cc_result_site_name(R), "Daily Planet");
  CHECK_STR(cc_result_description(R), "What & why");
  CHECK_STR(cc_result_language(R), "en-GB");
  CHECK_STR(cc_result_image(R), "https://img.example.com/a.jpg");
}

TEST(jsonld_graph_and_references) {
  /* Yoast-style @graph: the article points at the others by @id */
  run("<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":["
      "{\"@type\":\"WebSite\",\"@id\":\"https://ex.com/#website\",\"name\":\"Example Site\"},"
      "{\"@type\":\"WebPage\",\"@id\":\"https://ex.com/a/#webpage\",\"name\":\"Page | Example Site\","
      "\"isPartOf\":{\"@id\":\"https://ex.com/#website\"},\"inLanguage\":\"de-DE\"},"
      "{\"@type\":[\"Article\",\"BlogPosting\"],\"headline\":\"The real headline\","
      "\"isPartOf\":{\"@id\":\"https://ex.com/a/#webpage\"},"
      "\"author\":{\"@id\":\"https://ex.com/#/person/1\"},\"datePublished\":\"2019-11-19\"},"
      "{\"@type\":\"Person\",\"@id\":\"https://ex.com/#/person/1\",\"name\":\"Jane Doe\"}]}"
      "</script>" BODY);
  CHECK_STR(cc_result_title(R), "The real headline");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  CHECK_STR(cc_result_site_name(R), "Example Site");
  CHECK_STR(cc_result_language(R), "de-DE");
  CHECK_STR(cc_result_date(R), "2019-11-19");
  /* nested mainEntity, arrays at the top, a string author */
  run("<script type='application/ld+json'>[{\"@type\":\"BreadcrumbList\"},{\"@type\":\"WebPage\","
      "\"mainEntity\":{\"@type\":\"ReportageNewsArticle\",\"headline\":\"Nested\","
      "\"author\":\"By Jane Doe\"}}]</script>" BODY);
  CHECK_STR(cc_result_title(R), "Nested");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  /* an Organization author is only a fallback */
  run("<script type='application/ld+json'>{\"@type\":\"Article\",\"author\":"
      "{\"@type\":\"Organization\",\"name\":\"Daily Planet\"}}</script>"
      "<body><article><p class='byline'>By Jane Doe</p><p>t</p></article></body>");
  CHECK_STR(cc_result_author(R), "Jane Doe");
  run("<script type='application/ld+json'>{\"@type\":\"Article\",\"author\":"
      "{\"@type\":\"Organization\",\"name\":\"Daily Planet\"}}</script>" BODY);
  CHECK_STR(cc_result_author(R), "Daily Planet");
}

TEST(jsonld_broken) {
  /* trailing commas, raw newlines in strings, a CDATA wrapper, \' */
  run("<script type='application/ld+json'>//<![CDATA[\n{\"@type\":\"Article\",\n"
      "\"headline\":\"Line one\nline two\",\"author\":{\"name\":\"Jane \\'JD\\' Doe\",},}\n//]]>"
      "</script>" BODY);
  CHECK_STR(cc_result_title(R), "Line one line two");
  CHECK_STR(cc_result_author(R), "Jane 'JD' Doe");
  /* entity-encoded as a whole */
  run("<script type='application/ld+json'>{&quot;@type&quot;:&quot;Article&quot;,"
      "&quot;headline&quot;:&quot;Encoded&quot;}</script>" BODY);
  CHECK_STR(cc_result_title(R), "Encoded");
  /* two objects in one block; garbage in another */
  run("<script type='application/ld+json'>{\"@type\":\"WebSite\",\"name\":\"Site\"}\n"
      "{\"@type\":\"Article\",\"headline\":\"Second\"}</script>"
      "<script type='application/ld+json'>{not json at all</script>" BODY);
  CHECK_STR(cc_result_title(R), "Second");
  CHECK_STR(cc_result_site_name(R), "Site");
}

TEST(jsonld_hostile) {
  /* nesting far past any sane depth is refused, not recursed into */
  size_t n = 200000;
  char *p = malloc(2 * n + 200);
  strcpy(p, "<script type='application/ld+json'>");
  size_t o = strlen(p);
  for (size_t i = 0; i < n; i++) p[o++] = '[';
  for (size_t i = 0; i < n; i++) p[o++] = ']';
  strcpy(p + o, "</script><title>Still fine</title>");
  run(p);
  CHECK_STR(cc_result_title(R), "Still fine");
  free(p);
  /* huge numbers and a huge string */
  run("<script type='application/ld+json'>{\"@type\":\"Article\",\"headline\":\"Ok\","
      "\"datePublished\":1e308,\"x\":123456789012345678901234567890}</script>" BODY);
  CHECK_STR(cc_result_title(R), "Ok");
  CHECK_STR(cc_result_date(R), NULL);
  size_t big = 3u << 20;
  char *q = malloc(big + 200);
  strcpy(q, "<meta name='description' content='");
  o = strlen(q);
  for (size_t i = 0; i < big; i++) q[o++] = i % 7 ? 'a' : ' ';
  strcpy(q + o, "'>" BODY);
  run(q);
  CHECK(cc_result_description(R) && strlen(cc_result_description(R)) <= 1000);
  free(q);
}

/* ---- site, language, description, image ---- */

TEST(site_language_description_image) {
  run("<html lang='EN_us'><meta property='og:site_name' content=' Daily  Planet '>"
      "<meta name='description' content='Plain description'>"
      "<meta name='twitter:image' content='//cdn.example.com/t.jpg'>" BODY);
  CHECK_STR(cc_result_language(R), "en-US");
  CHECK_STR(cc_result_site_name(R), "Daily Planet");
  CHECK_STR(cc_result_description(R), "Plain description");
  CHECK_STR(cc_result_image(R), "https://cdn.example.com/t.jpg");
  run("<meta property='og:locale' content='fr_FR'><meta property='og:description' content='OG d'>"
      "<meta name='description' content='Meta d'>" BODY);
  CHECK_STR(cc_result_language(R), "fr-FR");
  CHECK_STR(cc_result_description(R), "OG d");
  run("<html lang='zh-hant-tw'>" BODY);
  CHECK_STR(cc_result_language(R), "zh-Hant-TW");
  run("<html lang='{{lang}}'><meta http-equiv='Content-Language' content='de, en'>" BODY);
  CHECK_STR(cc_result_language(R), "de");
  run("<meta name='language' content='Deutsch'>" BODY);
  CHECK_STR(cc_result_language(R), "de");
  run("<p>nothing said</p>");
  CHECK_STR(cc_result_language(R), NULL);
  CHECK_STR(cc_result_site_name(R), NULL); /* never invented from the host */
  /* relative images resolve against the page */
  run_url("<meta property='og:image' content='/img/a.jpg'>" BODY, "https://example.com/news/x.html");
  CHECK_STR(cc_result_image(R), "https://example.com/img/a.jpg");
  run("<meta property='og:image' content='img/a.jpg'>" BODY);
  CHECK_STR(cc_result_image(R), NULL); /* no base: no absolute URL */
  run("<meta property='og:site_name' content='https://www.example.com'>"
      "<meta name='application-name' content='Example'>" BODY);
  CHECK_STR(cc_result_site_name(R), "Example");
}

/* ---- URLs ---- */

TEST(url_canonical_and_caller) {
  run_url("<link rel='canonical' href='/news/story.html'>" BODY, "https://example.com/news/story.html?utm=x");
  CHECK_STR(cc_result_url(R), "https://example.com/news/story.html");
  run_url(BODY, "https://example.com/a");
  CHECK_STR(cc_result_url(R), "https://example.com/a");
  run("<link rel='Canonical' href='https://example.com/c'><meta property='og:url' content='https://example.com/o'>" BODY);
  CHECK_STR(cc_result_url(R), "https://example.com/c");
  run("<meta property='og:url' content='https://example.com/o'>" BODY);
  CHECK_STR(cc_result_url(R), "https://example.com/o");
  /* a canonical that is only the site root is a CMS mistake */
  run_url("<link rel='canonical' href='https://example.com/'>" BODY, "https://example.com/story/1");
  CHECK_STR(cc_result_url(R), "https://example.com/story/1");
  /* no base: a relative canonical cannot be used */
  run("<link rel='canonical' href='/story'>" BODY);
  CHECK_STR(cc_result_url(R), NULL);
}

/* base_url and jsonld_body are internal: run the stage on a parsed page. */
static cc_meta meta_of(cc_arena *a, const char *html, const char *url) {
  cc_options o;
  cc_options_init(&o);
  o.url = url;
  cc_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.arena = a;
  ctx.opt = &o;
  cc_strip(a, html, strlen(html), &ctx.strip);
  cc_parse_limits lim = {o.max_nodes, o.max_depth};
  if (cc_parse_gumbo(a, ctx.strip.out, ctx.strip.len, &lim, &ctx.dom, ctx.err)) {
    cc_meta none;
    memset(&none, 0, sizeof none);
    return none;
  }
  cc_stage_meta(&ctx);
  return ctx.meta;
}

static const char *base_of(cc_arena *a, const char *html, const char *url) {
  return meta_of(a, html, url).base_url;
}

TEST(jsonld_body) {
  cc_arena a;
  cc_arena_init(&a);
  cc_meta m = meta_of(&a,
                      "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
                      "\"articleBody\":\"First &lt;a href='x'&gt;link&lt;/a&gt; &amp; more.\\n\\n"
                      "  Second <b>para</b>.\"}</script><p>t",
                      NULL);
  CHECK_STR(m.jsonld_body, "First link & more.\nSecond para.");
  m = meta_of(&a, "<script type='application/ld+json'>{\"@type\":\"WebPage\"}</script><p>t", NULL);
  CHECK_STR(m.jsonld_body, NULL);
  cc_arena_free(&a);
}

TEST(base_href) {
  cc_arena a;
  cc_arena_init(&a);
  CHECK_STR(base_of(&a, "<base href='https://cdn.example.com/x/'><p>t", "https://example.com/a/b"),
            "https://cdn.example.com/x/");
  CHECK_STR(base_of(&a, "<base href='/sub/'><p>t", "https://example.com/a/b"),
            "https://example.com/sub/");
  CHECK_STR(base_of(&a, "<p>t", "https://example.com/a/b"), "https://example.com/a/b");
  /* without a caller URL, the canonical page URL serves */
  CHECK_STR(base_of(&a, "<link rel=canonical href='https://example.com/c/d'><p>t", NULL),
            "https://example.com/c/d");
  CHECK_STR(base_of(&a, "<p>t", NULL), NULL);
  cc_arena_free(&a);
  /* and images follow <base href> */
  run_url("<base href='https://cdn.example.com/x/'><meta property='og:image' content='a.jpg'>" BODY,
          "https://example.com/news/1");
  CHECK_STR(cc_result_image(R), "https://cdn.example.com/x/a.jpg");
}

int main(void) {
  RUN(title_sources_and_precedence);
  RUN(title_site_name_removed);
  RUN(title_heuristics_without_site_name);
  RUN(title_cleaning);
  RUN(author_sources);
  RUN(byline_cleaning);
  RUN(date_formats);
  RUN(date_precedence);
  RUN(jsonld_fields);
  RUN(jsonld_graph_and_references);
  RUN(jsonld_broken);
  RUN(jsonld_hostile);
  RUN(site_language_description_image);
  RUN(url_canonical_and_caller);
  RUN(base_href);
  RUN(jsonld_body);
  cc_result_free(R);
  return test_summary();
}
