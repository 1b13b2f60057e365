/* test_preclean.c — structural pre-cleaning: non-content elements and
 * hidden elements go, the safety net keeps a hidden article. */
#include "stages.h"
#include "test.h"

static int has_id(stage_doc *s, const char *id) { return stage_by_id(s, id) != NULL; }

TEST(drops_non_content_elements) {
  stage_doc s;
  stage_run(&s, "<body><p id=keep>text</p><form id=f><input id=i><select id=sel><option>o"
                "</option></select><button id=b>Go</button><textarea id=t>x</textarea></form>"
                "<iframe id=fr></iframe><object id=o></object><canvas id=c></canvas></body>", 0);
  CHECK(has_id(&s, "keep"));
  CHECK(has_id(&s, "f")); /* whole-page ASP.NET forms must survive */
  CHECK(!has_id(&s, "i") && !has_id(&s, "sel") && !has_id(&s, "b"));
  CHECK(!has_id(&s, "t") && !has_id(&s, "fr") && !has_id(&s, "o") && !has_id(&s, "c"));
  stage_free(&s);
}

TEST(drops_hidden_elements) {
  stage_doc s;
  stage_run(&s, "<body><p id=a hidden>x</p><p id=b aria-hidden=true>x</p>"
                "<p id=c style='color:red; DISPLAY : none !important'>x</p>"
                "<p id=d style='visibility:hidden'>x</p><dialog id=e>x</dialog>"
                "<dialog id=f open>x</dialog><p id=g style='display:block'>x</p>"
                "<p id=h aria-hidden=false>x</p><p id=k style='--display:none'>x</p>"
                "<div id=main>" "Long article text. Long article text. Long article text."
                "</div></body>", 0);
  CHECK(!has_id(&s, "a") && !has_id(&s, "b") && !has_id(&s, "c") && !has_id(&s, "d"));
  CHECK(!has_id(&s, "e"));
  CHECK(has_id(&s, "f") && has_id(&s, "g") && has_id(&s, "h") && has_id(&s, "k"));
  stage_free(&s);
}

TEST(keeps_a_hidden_article) {
  /* saved while a consent dialog was open: the page wrapper is
   * aria-hidden and holds nearly all the text */
  stage_doc s;
  stage_run(&s, "<body><div id=page aria-hidden=true><p>The article, which is long enough "
                "to be most of the page, with many words in it, and more.</p></div>"
                "<div id=cmp>We use cookies.</div></body>", 0);
  CHECK(has_id(&s, "page"));
  stage_free(&s);
}

TEST(head_is_untouched) {
  stage_doc s;
  stage_run(&s, "<head><title>T</title><meta name=author content=X></head><body>x</body>", 0);
  CHECK(s.ctx.dom.head && s.ctx.dom.head->first);
  stage_free(&s);
}

int main(void) {
  RUN(drops_non_content_elements);
  RUN(drops_hidden_elements);
  RUN(keeps_a_hidden_article);
  RUN(head_is_untouched);
  return test_summary();
}
