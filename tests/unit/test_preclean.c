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
                "<a popovertarget=m id=opener>Menu</a><ul id=m popover><li>Home</li>"
                "</ul><div id=tip popover=manual>Tip</div><p id=notpop data-popover=x>x</p>"
                "<div id=main>" "Long article text. Long article text. Long article text."
                "</div></body>", 0);
  CHECK(!has_id(&s, "a") && !has_id(&s, "b") && !has_id(&s, "c") && !has_id(&s, "d"));
  CHECK(!has_id(&s, "e"));
  CHECK(has_id(&s, "f") && has_id(&s, "g") && has_id(&s, "h") && has_id(&s, "k"));
  /* a popover is not rendered until opened; what opens it and a data-
   * attribute named like it are no popover */
  CHECK(!has_id(&s, "m") && !has_id(&s, "tip"));
  CHECK(has_id(&s, "opener") && has_id(&s, "notpop"));
  stage_free(&s);
}

TEST(keeps_a_link_hidden_only_from_readers) {
  /* a card's excerpt linked for the mouse (aria-hidden, out of the tab
   * order) is shown; an aria-hidden link still in the tab order is not */
  stage_doc s;
  stage_run(&s, "<body><h2><a href=/s>Story</a></h2><p><a id=ex href=/s aria-hidden=true "
                "tabindex=-1>The excerpt of the story.</a></p><a id=lg href=/login "
                "aria-hidden=true>Log in</a><div id=main>Long article text. Long article "
                "text. Long article text. Long article text. Long article text. Long "
                "article text. Long article text. Long article text.</div></body>", 0);
  CHECK(has_id(&s, "ex"));
  CHECK(!has_id(&s, "lg"));
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

TEST(keeps_disclosure_panels) {
  /* a closed accordion's section, a tab's panel and "hidden until found"
   * are content a click opens; a popup menu's panel and other hidden
   * elements are not */
  stage_doc s;
  stage_run(&s, "<body><button aria-expanded=false aria-controls='faq1 faq2'>Q</button>"
                "<dd id=faq1 hidden>Answer one.</dd><div id=faq2 style='display:none'>Two."
                "</div><div role=tab aria-selected=false aria-controls=specs>Specs</div>"
                "<div id=specs hidden>Weight 2 kg</div><div id=tp role=tabpanel hidden>Tab."
                "</div><div id=uf hidden=until-found>Found.</div>"
                "<button aria-haspopup=menu aria-expanded=false aria-controls=menu>Menu</button>"
                "<ul id=menu hidden><li>Home</li></ul><div id=other hidden>x</div>"
                "<a aria-controls=plain>no disclosure</a><div id=plain hidden>y</div>"
                "<div>How long does delivery take?</div><div id=ans style='display:none'>"
                "Two days.</div><div>Shipping</div><div id=notans hidden>z</div>"
                "<div id=main>Long article text. Long article text. Long article text.</div>"
                "</body>", 0);
  CHECK(has_id(&s, "faq1") && has_id(&s, "faq2") && has_id(&s, "specs"));
  CHECK(has_id(&s, "tp") && has_id(&s, "uf") && has_id(&s, "ans"));
  CHECK(!has_id(&s, "notans"));
  CHECK(!has_id(&s, "menu") && !has_id(&s, "other") && !has_id(&s, "plain"));
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
  RUN(keeps_a_link_hidden_only_from_readers);
  RUN(keeps_a_hidden_article);
  RUN(keeps_disclosure_panels);
  RUN(head_is_untouched);
  return test_summary();
}
