/* test_filter.c — what the filter drops inside the article region, and
 * what it must keep. */
#include "stages.h"
#include "test.h"

#define PARA "<p>This is a sentence of the article, with commas, clauses, and enough words to count as real prose for the scorer.</p>"

static stage_doc S;

/* Runs select + filter on a page whose article is <div id=a>. */
static void run(const char *inner) {
  static char html[16384];
  snprintf(html, sizeof html, "<body><div id=a>" PARA PARA "%s" PARA PARA "</div></body>", inner);
  stage_run(&S, html, 3);
}

static int kept(const char *id) {
  cc_node *n = stage_by_id(&S, id);
  return n && stage_kept(n);
}

TEST(class_names_mark_boilerplate) {
  run("<div id=x class='social-share'><a href=/f>Facebook</a></div>"
      "<div id=y class='related-posts'><p>Another story, with commas, and words.</p></div>"
      "<div id=z class='article-body-extra'><p>Kept, because content names win.</p></div>");
  CHECK(!kept("x"));
  CHECK(!kept("y"));
  CHECK(kept("z"));
  stage_free(&S);
}

TEST(semantic_boilerplate_elements) {
  run("<nav id=n><a href=/1>One</a></nav><aside id=s><p>Aside text, with words.</p></aside>"
      "<figure><img src=a.jpg><figcaption id=c>A caption. © Photo Agency</figcaption></figure>");
  CHECK(!kept("n"));
  CHECK(!kept("s"));
  CHECK(!kept("c"));
  stage_free(&S);
}

TEST(link_dense_blocks) {
  run("<ul id=l><li><a href=/1>First related story</a></li><li><a href=/2>Second one</a></li></ul>"
      "<p id=t>Read more: <a href=/3>A teaser title that is fairly long</a></p>"
      "<p id=k>The minister said, in a statement, that <a href=/4>the new law</a> would pass.</p>");
  CHECK(!kept("l"));
  CHECK(!kept("t"));
  CHECK(kept("k"));
  stage_free(&S);
}

TEST(bylines_and_datelines_go) {
  run("<div id=b class=byline>By Jane Doe</div><span id=d itemprop=datePublished>3 May 2020</span>");
  CHECK(!kept("b"));
  CHECK(!kept("d"));
  stage_free(&S);
}

TEST(embedded_posts_stay) {
  run("<blockquote id=tw class=twitter-tweet><p>A quoted tweet, with words.</p></blockquote>"
      "<div id=e class='social-media-embed'><blockquote class=instagram-media><p>Post</p></blockquote></div>");
  CHECK(kept("tw"));
  CHECK(kept("e"));
  stage_free(&S);
}

TEST(never_drops_most_of_the_article) {
  /* a misnamed wrapper holding the article body */
  stage_run(&S, "<body><div id=a><div id=w class='sidebar-layout'>" PARA PARA PARA PARA
                "</div><p>Short.</p></div></body>", 3);
  CHECK(kept("w"));
  stage_free(&S);
}

TEST(site_boilerplate_fingerprints) {
  /* learn: the fingerprint of a block, then drop it on another page */
  const char *page = "<body><div id=a>" PARA PARA "<p id=r>Share this story with your friends</p>" PARA "</div></body>";
  stage_run(&S, page, 1);
  cc_stage_fingerprint(&S.ctx);
  cc_node *r = stage_by_id(&S, "r");
  uint64_t h = S.ctx.fp[r->id];
  CHECK(h != 0);
  CHECK(S.ctx.nfingerprints == 2); /* PARA twice counts once, plus r */
  stage_free(&S);
  stage_run(&S, page, 1);
  S.opt.site_boilerplate = &h;
  S.opt.site_boilerplate_count = 1;
  cc_stage_fingerprint(&S.ctx);
  cc_stage_select(&S.ctx);
  cc_stage_filter(&S.ctx);
  CHECK(!kept("r"));
  CHECK(kept("a"));
  stage_free(&S);
}

int main(void) {
  RUN(site_boilerplate_fingerprints);
  RUN(class_names_mark_boilerplate);
  RUN(semantic_boilerplate_elements);
  RUN(link_dense_blocks);
  RUN(bylines_and_datelines_go);
  RUN(embedded_posts_stay);
  RUN(never_drops_most_of_the_article);
  return test_summary();
}
