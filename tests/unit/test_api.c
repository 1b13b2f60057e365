/* test_api.c — the public API's contract: ownership (inputs may be freed
 * right after the call), errors with messages, formats, NULL handling. */
#include <stdlib.h>

#include "../../include/clipclean.h"
#include "test.h"

static const char page[] =
    "<html lang=en><head><title>A title | Site</title></head><body>"
    "<article><h1>A title</h1><p>The first paragraph of the article, with "
    "enough words and commas, to be the article.</p><p>A second paragraph, "
    "with a <a href='more.html'>relative link</a>.</p></article></body></html>";

TEST(options_and_input_may_be_freed_after_the_call) {
  cc_options o;
  cc_options_init(&o);
  char *url = strdup("https://example.org/news/story.html");
  char *hint = strdup("utf-8");
  char *data = strdup(page);
  o.url = url;
  o.charset_hint = hint;
  cc_result *r = NULL;
  cc_error e;
  CHECK(cc_extract(data, strlen(data), &o, &r, &e) == CC_OK);
  memset(url, 'X', strlen(url));
  memset(data, 'X', strlen(data));
  free(url);
  free(hint);
  free(data);
  CHECK_STR(cc_result_url(r), "https://example.org/news/story.html");
  char *md = cc_render(r, CC_FORMAT_MD, NULL, &e);
  CHECK_CONTAINS(md, "(https://example.org/news/more.html)");
  cc_free(md);
  cc_result_free(r);
}

TEST(every_format_renders) {
  cc_result *r = NULL;
  CHECK(cc_extract(page, strlen(page), NULL, &r, NULL) == CC_OK);
  CHECK_STR(cc_result_title(r), "A title");
  CHECK_STR(cc_result_language(r), "en");
  CHECK_STR(cc_result_input_kind(r), "html");
  const char *names[] = {"txt", "md", "html", "json"};
  for (int i = 0; i < 4; i++) {
    cc_format f;
    CHECK(cc_format_from_name(names[i], &f) == 0);
    size_t len = 0;
    char *out = cc_render(r, f, &len, NULL);
    CHECK(out && len > 0 && strlen(out) == len);
    CHECK_CONTAINS(out, "first paragraph");
    cc_free(out);
  }
  cc_format f;
  CHECK(cc_format_from_name("pdf", &f) == -1);
  CHECK(cc_format_from_name(NULL, &f) == -1);
  cc_result_free(r);
}

TEST(errors_come_with_messages) {
  cc_result *r = (cc_result *)1;
  cc_error e;
  CHECK(cc_extract(NULL, 5, NULL, &r, &e) == CC_ERR_ARGS);
  CHECK(r == NULL);
  CHECK(e.message[0] != '\0');
  CHECK(cc_extract("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 16, NULL, &r, &e) == CC_ERR_NOT_HTML);
  CHECK_CONTAINS(e.message, "PDF");
  cc_options o;
  cc_options_init(&o);
  o.max_input_bytes = 10;
  CHECK(cc_extract(page, strlen(page), &o, &r, &e) == CC_ERR_TOO_LARGE);
  CHECK(e.status == CC_ERR_TOO_LARGE);
  CHECK(strcmp(cc_strerror(CC_OK), "success") == 0);
  CHECK(cc_render(NULL, CC_FORMAT_TXT, NULL, &e) == NULL);
}

TEST(empty_input_is_an_empty_article) {
  cc_result *r = NULL;
  CHECK(cc_extract("", 0, NULL, &r, NULL) == CC_OK);
  CHECK(cc_result_text_length(r) == 0);
  CHECK_STR(cc_result_text(r), "");
  cc_result_free(r);
  CHECK(cc_extract("   \n\t  ", 7, NULL, &r, NULL) == CC_OK);
  CHECK(cc_result_text_length(r) == 0);
  cc_result_free(r);
  cc_result_free(NULL);
}

TEST(sniffing_is_public) {
  const char *what = NULL;
  CHECK(cc_sniff_input(page, strlen(page), NULL, &what) == CC_INPUT_HTML);
  CHECK(cc_sniff_input("Just a title\n\nAnd a paragraph.", 29, NULL, &what) == CC_INPUT_TEXT);
  CHECK(cc_sniff_input("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL, &what) == CC_INPUT_AUTO);
  CHECK_STR(what, "PNG image");
}

TEST(explain_only_when_asked) {
  cc_result *r = NULL;
  CHECK(cc_extract(page, strlen(page), NULL, &r, NULL) == CC_OK);
  CHECK(cc_result_explain(r) == NULL);
  cc_result_free(r);
  cc_options o;
  cc_options_init(&o);
  o.flags |= CC_OPT_EXPLAIN;
  CHECK(cc_extract(page, strlen(page), &o, &r, NULL) == CC_OK);
  CHECK_CONTAINS(cc_result_explain(r), "KEEP");
  cc_result_free(r);
}

int main(void) {
  RUN(options_and_input_may_be_freed_after_the_call);
  RUN(every_format_renders);
  RUN(errors_come_with_messages);
  RUN(empty_input_is_an_empty_article);
  RUN(sniffing_is_public);
  RUN(explain_only_when_asked);
  return test_summary();
}
