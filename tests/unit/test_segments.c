/* test_segments.c — streamed segments (segments.h): the pre-pass keeps the
 * slots and reads the scripts' calls, the placement puts each hidden
 * segment where its slot stands, and a whole page comes out in reading
 * order. */
#include <stdlib.h>

#include "clipclean.h"
#include "parse.h"
#include "segments.h"
#include "strip.h"
#include "test.h"

static cc_arena A;

TEST(slot_ids) {
  CHECK(cc_segment_slot_id("B:0", 3));
  CHECK(cc_segment_slot_id("P:1f", 4));
  CHECK(cc_segment_slot_id("appB:a", 6)); /* with an identifier prefix */
  CHECK(!cc_segment_slot_id("S:0", 3));  /* a segment, not a slot */
  CHECK(!cc_segment_slot_id("B:", 2));
  CHECK(!cc_segment_slot_id("B:0x", 4));
  CHECK(!cc_segment_slot_id("B:0\"", 4));
  CHECK(!cc_segment_slot_id("menu", 4));
}

TEST(scan_reads_the_calls) {
  cc_arena_init(&A);
  cc_segments s = {0};
  const char *js = "$RC=function(b,c){};$RC(\"B:0\",\"S:1\");x=$R;$RS(\"S:2\",\"P:2\");"
                   "$RR('B:3','S:3',[]);$RC(\"B:4\");$RC(a,b);$RX(\"B:5\",\"S:5\")";
  cc_segments_scan(&A, &s, js, strlen(js));
  CHECK(s.n == 3);
  CHECK_STR(s.v[0].slot, "B:0");
  CHECK_STR(s.v[0].segment, "S:1");
  CHECK_STR(s.v[1].slot, "P:2"); /* $RS names the segment first */
  CHECK_STR(s.v[1].segment, "S:2");
  CHECK_STR(s.v[2].slot, "B:3");
  cc_arena_free(&A);
}

TEST(strip_keeps_slots_and_reads_scripts_after_them) {
  cc_arena_init(&A);
  cc_strip_result r;
  const char *in = "<script>$RC(\"B:9\",\"S:9\")</script><p>a<template id=\"B:0\"></template>"
                   "<template id=x>y</template>b</p><script>$RC(\"B:0\",\"S:0\")</script>";
  cc_strip(&A, in, strlen(in), &r);
  CHECK_STR(r.out, "<p>a<wbr id=\"B:0\">b</p>");
  CHECK(r.segments.slots == 1);
  /* the script before the first slot is not read: no page without slots
   * pays for reading its scripts */
  CHECK(r.segments.n == 1);
  CHECK_STR(r.segments.v[0].segment, "S:0");
  cc_arena_free(&A);
}

/* The body's text in document order, after the pre-pass, the parse and
 * the placement. */
static void body_text(const char *html, char *out, size_t cap, unsigned *placed) {
  cc_arena_init(&A);
  cc_strip_result r;
  cc_strip(&A, html, strlen(html), &r);
  cc_dom d;
  char err[256];
  cc_parse_limits lim = {1000000, 512};
  CHECK(cc_parse_gumbo(&A, r.out, r.len, &lim, &d, err) == 0);
  *placed = cc_segments_place(&d, &r.segments);
  cc_dom_text(d.body, out, cap);
  cc_arena_free(&A);
}

TEST(segments_go_to_their_slots) {
  char t[512];
  unsigned placed;
  /* named by the scripts: B:0 is filled by S:1 (numbers need not match),
   * and S:1 itself holds the placeholder P:2 */
  body_text("<body><h1>Title</h1><template id=\"B:0\"></template><p>Footer</p>"
            "<div hidden id=\"S:1\"><p>First</p><template id=\"P:2\"></template></div>"
            "<script>$RC(\"B:0\",\"S:1\")</script>"
            "<div hidden id=\"S:2\"><p>Second</p></div><script>$RS(\"S:2\",\"P:2\")</script>",
            t, sizeof t, &placed);
  CHECK(placed == 2);
  CHECK_STR(t, "Title First Second Footer");
  /* saved without the scripts: React's numbering */
  body_text("<body><template id=\"B:a\"></template><p>Footer</p>"
            "<div hidden id=\"S:a\"><p>Body</p></div></body>",
            t, sizeof t, &placed);
  CHECK(placed == 1);
  CHECK_STR(t, "Body Footer");
}

TEST(hostile_moves_are_refused) {
  char t[512];
  unsigned placed;
  /* a slot inside its own segment (a cycle), a segment used twice, a
   * segment that is not hidden, a slot with no segment */
  body_text("<body><div hidden id=\"S:0\"><p>x</p><template id=\"B:0\"></template></div>"
            "<template id=\"B:1\"></template><template id=\"B:2\"></template>"
            "<div hidden id=\"S:1\"><p>y</p></div><div id=\"S:3\"><p>z</p></div>"
            "<template id=\"B:3\"></template><template id=\"B:4\"></template>"
            "<script>$RC(\"B:1\",\"S:1\");$RC(\"B:2\",\"S:1\");$RC(\"B:0\",\"S:0\")</script>",
            t, sizeof t, &placed);
  CHECK(placed == 1);
  CHECK_STR(t, "x y z");
}

TEST(a_streamed_article_is_extracted_in_order) {
  /* the streamed part is too small a share of the text for pre-cleaning's
   * safety net (a hidden article is kept): only its placement saves it */
  const char *page =
      "<html><head><title>Streamed</title></head><body><header><a href=/>Home</a></header>"
      "<main><h1>How streaming works</h1><p>The server sends the page's shell first, with "
      "the parts that are ready, and the rest of the article later, in a hidden element "
      "at the end of the body, with a small script that moves it into place once it has "
      "arrived. Readers never see the difference in a browser, which runs the script.</p>"
      "<p>A saved page keeps the hidden element and the script, or only the element when "
      "the page was saved without its scripts, so an extractor has to do what the script "
      "would have done, or part of the article is lost.</p>"
      "<template id=\"B:0\"></template><div>Loading...</div><p>That is all there is to "
      "it, in the end, for every page built this way.</p></main>"
      "<footer><p>Copyright notice of the site.</p></footer>"
      "<div hidden id=\"S:0\"><p>The streamed paragraph arrives last.</p></div>"
      "<script>$RC(\"B:0\",\"S:0\")</script></body></html>";
  cc_result *r = NULL;
  CHECK(cc_extract(page, strlen(page), NULL, &r, NULL) == CC_OK);
  char *txt = cc_render(r, CC_FORMAT_TXT, NULL, NULL);
  const char *streamed = strstr(txt, "The streamed paragraph arrives last.");
  const char *before = strstr(txt, "or part of the article is lost.");
  const char *after = strstr(txt, "That is all there is to it");
  CHECK(streamed && before && after && before < streamed && streamed < after);
  cc_free(txt);
  cc_result_free(r);
}

int main(void) {
  RUN(slot_ids);
  RUN(scan_reads_the_calls);
  RUN(strip_keeps_slots_and_reads_scripts_after_them);
  RUN(segments_go_to_their_slots);
  RUN(hostile_moves_are_refused);
  RUN(a_streamed_article_is_extracted_in_order);
  return test_summary();
}
