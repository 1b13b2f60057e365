/* test_sniff.c — HTML, text or binary from the content alone. */
#include "sniff.h"
#include "test.h"

static cc_sniff_kind k(const char *s, size_t n, const char **what) { return cc_sniff(s, n, what); }
#define S(lit) k(lit, sizeof(lit) - 1, &what)

TEST(html_is_recognised_by_markup) {
  const char *what;
  CHECK(S("<!DOCTYPE html><title>x</title>") == CC_SNIFF_HTML);
  CHECK(S("\n\n  <HTML lang=fr>") == CC_SNIFF_HTML);
  CHECK(S("Some text then <p>a paragraph</p>") == CC_SNIFF_HTML);
  CHECK(S("<div class=x>y</div>") == CC_SNIFF_HTML);
}

TEST(text_is_the_rest) {
  const char *what;
  CHECK(S("Titre de l'article\n\nPremier paragraphe.") == CC_SNIFF_TEXT);
  CHECK(S("a < b and <panel> is not a tag we know") == CC_SNIFF_TEXT);
  CHECK(S("") == CC_SNIFF_TEXT);
  CHECK(S("MZ is a fine start for a sentence about Mozart.") == CC_SNIFF_TEXT);
}

TEST(binary_formats_are_named) {
  const char *what = NULL;
  CHECK(S("%PDF-1.7\n%\xe2\xe3") == CC_SNIFF_BINARY);
  CHECK_STR(what, "PDF document");
  CHECK(S("\x89PNG\r\n\x1a\n\0\0\0\rIHDR") == CC_SNIFF_BINARY);
  CHECK_STR(what, "PNG image");
  CHECK(S("PK\x03\x04\x14\0\x06\0") == CC_SNIFF_BINARY);
  char junk[600];
  for (int i = 0; i < 600; i++) junk[i] = (char)(i * 7 % 32);
  CHECK(k(junk, sizeof junk, &what) == CC_SNIFF_BINARY);
  CHECK_STR(what, "binary data");
}

TEST(a_stray_nul_is_still_html) {
  const char *what;
  char page[2000];
  memset(page, 'a', sizeof page);
  memcpy(page, "<html><body><p>", 15);
  page[500] = '\0';
  CHECK(k(page, sizeof page, &what) == CC_SNIFF_HTML);
}

int main(void) {
  RUN(html_is_recognised_by_markup);
  RUN(text_is_the_rest);
  RUN(binary_formats_are_named);
  RUN(a_stray_nul_is_still_html);
  return test_summary();
}
