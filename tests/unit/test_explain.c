/* test_explain.c — the --explain report (src/lib/explain.c): block
 * snippets and element labels keep whole UTF-8 characters, cutting only
 * what the size limit splits. */
#include <stdlib.h>

#include "../../include/clipclean.h"
#include "test.h"

static char *explain_of(const char *page) {
  cc_options o;
  cc_options_init(&o);
  o.flags |= CC_OPT_EXPLAIN;
  cc_result *r = NULL;
  if (cc_extract(page, strlen(page), &o, &r, NULL) != CC_OK) return NULL;
  const char *e = cc_result_explain(r);
  char *copy = e ? strdup(e) : NULL;
  cc_result_free(r);
  return copy;
}

/* 1 when s is valid UTF-8. */
static int valid_utf8(const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  while (*u) {
    int k = *u < 0x80 ? 1 : (*u & 0xe0) == 0xc0 ? 2 : (*u & 0xf0) == 0xe0 ? 3
            : (*u & 0xf8) == 0xf0 ? 4 : 0;
    if (!k) return 0;
    for (int i = 1; i < k; i++)
      if ((u[i] & 0xc0) != 0x80) return 0;
    u += k;
  }
  return 1;
}

/* A short block ending in a multi-byte character: shown whole. */
TEST(last_character_of_a_short_block_kept) {
  char *e = explain_of(
      "<html><body><article><h1>T</h1>"
      "<p>Le conseil municipal s'est r\xc3\xa9uni mardi soir pour d\xc3\xa9" "cider, "
      "apr\xc3\xa8s un long d\xc3\xa9" "bat, du sort de la vieille \xc3\xa9glise.</p>"
      "<p>Il fait beau \xc3\xa0 Gen\xc3\xa8ve \xe2\x80\x94 d\xc3\xa9j\xc3\xa0 \xc3\xa9t\xc3\xa9</p>"
      "<p>\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87</p>"
      "<p>Emoji at the end \xf0\x9f\x98\x80</p>"
      "</article></body></html>");
  CHECK(e != NULL);
  CHECK_CONTAINS(e, "\"Il fait beau \xc3\xa0 Gen\xc3\xa8ve \xe2\x80\x94 d\xc3\xa9j\xc3\xa0 \xc3\xa9t\xc3\xa9\"");
  CHECK_CONTAINS(e, "\"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87\"");
  CHECK_CONTAINS(e, "\"Emoji at the end \xf0\x9f\x98\x80\"");
  CHECK(e && valid_utf8(e));
  free(e);
}

/* A long block cut at the snippet limit, in the middle of characters of
 * every width: still valid UTF-8; the same for long class and id names. */
TEST(cut_blocks_and_labels_stay_valid) {
  static const char *const chars[] = {"\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80"};
  for (int w = 0; w < 3; w++) {
    for (int shift = 0; shift < 4; shift++) {
      char page[4096];
      int n = snprintf(page, sizeof page, "<html><body><article class=\"");
      for (int i = 0; i < 30; i++) n += snprintf(page + n, sizeof page - (size_t)n, "%s", chars[w]);
      n += snprintf(page + n, sizeof page - (size_t)n, "\" id=\"%.*s", shift, "xxx");
      for (int i = 0; i < 30; i++) n += snprintf(page + n, sizeof page - (size_t)n, "%s", chars[w]);
      n += snprintf(page + n, sizeof page - (size_t)n, "\"><p>%.*s", shift, "abc");
      for (int i = 0; i < 60; i++) n += snprintf(page + n, sizeof page - (size_t)n, "%s", chars[w]);
      snprintf(page + n, sizeof page - (size_t)n,
               " and then enough plain words, with commas, to count as prose.</p>"
               "</article></body></html>");
      char *e = explain_of(page);
      CHECK(e != NULL);
      CHECK(e && valid_utf8(e));
      free(e);
    }
  }
}

int main(void) {
  RUN(last_character_of_a_short_block_kept);
  RUN(cut_blocks_and_labels_stay_valid);
  return test_summary();
}
