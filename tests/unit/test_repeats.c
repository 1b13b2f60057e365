/* test_repeats.c — the stage that drops what the article says twice
 * (repeats.c), on article trees built from the DOM and through
 * cc_extract() for both paths. */
#include "../../include/clipclean.h"
#include "render.h"
#include "stages.h"
#include "test.h"

static char out[16384];

static const char *txt(const char *body) {
  return stage_article_txt(body, cc_stage_repeats, out, sizeof out);
}

static unsigned count(const char *hay, const char *needle) {
  unsigned n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
  return n;
}

#define LONG                                                                                    \
  "The committee met on Tuesday to review the plans for the new library, and after a long "  \
  "debate about the cost of the building and the number of rooms it should hold, it agreed " \
  "to send the question back to the council for a vote next month."

TEST(a_long_paragraph_given_twice_is_kept_once) {
  /* a copy for small screens beside the one for large ones */
  const char *t = txt("<div id=a><div class=mobile><p>" LONG "</p></div><p>Second part.</p>"
                      "<div class=desktop><p>" LONG "</p></div></div>");
  CHECK(count(t, "The committee met on Tuesday") == 1);
  CHECK_CONTAINS(t, "Second part.");
  /* inline markup does not hide a copy */
  t = txt("<div id=a><p>" LONG "</p><p>The committee met on <b>Tuesday</b> to review the plans "
          "for the new library, and after a long debate about the cost of the building and the "
          "number of rooms it should hold, it agreed to send the question back to the council "
          "for a vote next month.</p></div>");
  CHECK(count(t, "The committee met on") == 1);
}

TEST(short_blocks_repeat_by_nature) {
  const char *t = txt("<div id=a><h2>Cake</h2><p>Mix the flour and the sugar in a bowl.</p>"
                      "<h2>Bread</h2><p>Mix the flour and the sugar in a bowl.</p></div>");
  CHECK(count(t, "Mix the flour") == 2);
  CHECK(count(t, "The committee") == 0);
}

TEST(a_container_left_empty_goes) {
  const char *t = txt("<div id=a><p>" LONG "</p><ul><li>" LONG "</li><li>Other item</li></ul>"
                      "<blockquote><p>" LONG "</p></blockquote><p>After the quote.</p></div>");
  CHECK(count(t, "The committee met on Tuesday") == 1);
  CHECK_CONTAINS(t, "Other item");
  CHECK_CONTAINS(t, "After the quote.");
  CHECK_LACKS(t, "> "); /* the emptied quote is gone */
}

TEST(both_paths_through_the_api) {
  static const char *html =
      "<html><head><title>Library vote</title></head><body><article><h1>Library vote</h1>"
      "<p>" LONG "</p><p>The mayor said the plans were sound and the money was there.</p>"
      "<section><p>" LONG "</p></section></article></body></html>";
  static const char *text =
      "Library vote\n\n" LONG "\n\nThe mayor said the plans were sound and the money was "
      "there, and that the council would have the last word.\n\n" LONG "\n";
  const char *in[2] = {html, text};
  for (int i = 0; i < 2; i++) {
    cc_options o;
    cc_options_init(&o);
    o.flags = CC_OPT_EXPLAIN;
    cc_result *r = NULL;
    CHECK(cc_extract(in[i], strlen(in[i]), &o, &r, NULL) == CC_OK);
    if (!r) continue;
    CHECK(count(cc_result_text(r), "The committee met on Tuesday") == 1);
    CHECK_CONTAINS(cc_result_text(r), "The mayor said");
    CHECK_CONTAINS(cc_result_explain(r), "repeats: 1 block of text given before dropped");
    cc_result_free(r);
  }
}

int main(void) {
  RUN(a_long_paragraph_given_twice_is_kept_once);
  RUN(short_blocks_repeat_by_nature);
  RUN(a_container_left_empty_goes);
  RUN(both_paths_through_the_api);
  return test_summary();
}
