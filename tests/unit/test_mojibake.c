/* test_mojibake.c — double-encoded UTF-8 put back (mojibake.h): the
 * Latin-1 and windows-1252 forms, what is left alone (text written right,
 * too few sequences, forms UTF-8 forbids, a cut sequence), and a whole
 * page through cc_extract. */
#include "clipclean.h"
#include "mojibake.h"
#include "test.h"

static cc_arena A;

/* The repair of s, or NULL when there is none. */
static const char *repair(const char *s) {
  char *o = NULL;
  size_t n = 0;
  if (!cc_mojibake_repair(&A, s, strlen(s), &o, &n)) return NULL;
  return strlen(o) == n ? o : "(length differs)";
}

TEST(latin1_form) {
  cc_arena_init(&A);
  /* "—", "“" and "”" read as Latin-1: each a lead and two C1 controls */
  CHECK_STR(repair("itertools \xc3\xa2\xc2\x80\xc2\x94 an \xc3\xa2\xc2\x80\xc2\x9c"
                   "algebra\xc3\xa2\xc2\x80\xc2\x9d"),
            "itertools \xe2\x80\x94 an \xe2\x80\x9c" "algebra\xe2\x80\x9d");
  /* two-byte characters: "é" read as "Ã©" */
  CHECK_STR(repair("caf\xc3\x83\xc2\xa9, th\xc3\x83\xc2\xa9, r\xc3\x83\xc2\xa9sum\xc3\x83\xc2\xa9"),
            "caf\xc3\xa9, th\xc3\xa9, r\xc3\xa9sum\xc3\xa9");
  cc_arena_free(&A);
}

TEST(windows1252_form) {
  cc_arena_init(&A);
  /* "don’t" read as windows-1252: "donâ€™t" (€ U+20AC, ™ U+2122) */
  CHECK_STR(repair("don\xc3\xa2\xe2\x82\xac\xe2\x84\xa2t, won\xc3\xa2\xe2\x82\xac\xe2\x84\xa2t, "
                   "can\xc3\xa2\xe2\x82\xac\xe2\x84\xa2t"),
            "don\xe2\x80\x99t, won\xe2\x80\x99t, can\xe2\x80\x99t");
  /* a four-byte character (an emoji: F0 9F 98 80) */
  CHECK_STR(repair("\xc3\xb0\xc5\xb8\xcb\x9c\xc2\x80 \xc3\xb0\xc5\xb8\xcb\x9c\xc2\x80 "
                   "\xc3\xb0\xc5\xb8\xcb\x9c\xc2\x80"),
            "\xf0\x9f\x98\x80 \xf0\x9f\x98\x80 \xf0\x9f\x98\x80");
  cc_arena_free(&A);
}

TEST(left_alone) {
  cc_arena_init(&A);
  CHECK(!repair(""));
  CHECK(!repair("plain ASCII text"));
  /* French written right, with a few characters a sequence could start */
  CHECK(!repair("\xc3\x80 l'\xc3\xa9t\xc3\xa9, \xc3\xa7" "a co\xc3\xbbte \xc2\xa3 3 \xe2\x80\x94 "
                "d\xc3\xa9j\xc3\xa0 vu"));
  /* two sequences are not enough */
  CHECK(!repair("caf\xc3\x83\xc2\xa9 and th\xc3\x83\xc2\xa9"));
  /* sequences outnumbered by characters written right */
  CHECK(!repair("caf\xc3\x83\xc2\xa9 th\xc3\x83\xc2\xa9 r\xc3\x83\xc2\xa9 \xc3\xa9\xc3\xa9 "
                "\xc3\xa9\xc3\xa8 \xc3\xa0"));
  /* forms UTF-8 forbids: an overlong E0 80 80, a surrogate ED A0 80 */
  CHECK(!repair("\xc3\xa0\xc2\x80\xc2\x80 \xc3\xa0\xc2\x80\xc2\x80 \xc3\xa0\xc2\x80\xc2\x80 "
                "\xc3\xad\xc2\xa0\xc2\x80"));
  /* invalid bytes are copied, never read past the end */
  CHECK(!repair("\xff\xfe\xc3"));
  const char *cut = repair("caf\xc3\x83\xc2\xa9 th\xc3\x83\xc2\xa9 r\xc3\x83\xc2\xa9 \xc3\xa2\xc2\x80");
  CHECK_STR(cut, "caf\xc3\xa9 th\xc3\xa9 r\xc3\xa9 \xc3\xa2\xc2\x80");
  cc_arena_free(&A);
}

TEST(a_page_through_extract) {
  const char *page =
      "<html><head><meta charset=utf-8><title>itertools \xc3\xa2\xc2\x80\xc2\x94 tools</title>"
      "</head><body><article><h1>itertools \xc3\xa2\xc2\x80\xc2\x94 tools</h1><p>Together, they "
      "form an \xc3\xa2\xc2\x80\xc2\x9citerator algebra\xc3\xa2\xc2\x80\xc2\x9d making it possible "
      "to construct specialized tools succinctly and efficiently in pure Python.</p></article>"
      "</body></html>";
  cc_options o;
  cc_options_init(&o);
  cc_result *r = NULL;
  cc_error e;
  CHECK(cc_extract(page, strlen(page), &o, &r, &e) == CC_OK);
  if (!r) return;
  CHECK_STR(cc_result_title(r), "itertools \xe2\x80\x94 tools");
  CHECK(strstr(cc_result_text(r), "an \xe2\x80\x9citerator algebra\xe2\x80\x9d making") != NULL);
  cc_result_free(r);
}

int main(void) {
  RUN(latin1_form);
  RUN(windows1252_form);
  RUN(left_alone);
  RUN(a_page_through_extract);
  return test_summary();
}
