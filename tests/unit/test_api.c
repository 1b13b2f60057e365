/* test_api.c — the public API's contract: ownership (inputs may be freed
 * right after the call), errors with messages, formats, NULL handling;
 * render options (one extraction, several renderings), streaming, the
 * sized option structs, the article's images and links. */
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

static const char rich[] =
    "<html><head><title>Rich</title></head><body><article><h1>Rich</h1>"
    "<p>The first paragraph of the article, with enough words and commas, "
    "and a <a href='https://example.org/one'>first  link</a>.</p>"
    "<p><img src='https://example.org/a.png' alt='A  picture'> An image above, "
    "and words around it, to make a paragraph of the article.</p>"
    "<table><tr><th>Name</th><th>Value</th></tr><tr><td>alpha</td><td>1</td></tr>"
    "<tr><td>beta</td><td>2</td></tr></table>"
    "<p>The last paragraph, <a href='/two'><img src='/b.jpg'></a> with more words.</p>"
    "</article></body></html>";

static char *render_opts(const cc_result *r, cc_format f, unsigned flags) {
  cc_render_options ro;
  cc_render_options_init(&ro);
  ro.flags = flags;
  cc_error e;
  char *s = cc_render_with(r, f, &ro, NULL, &e);
  CHECK(s != NULL);
  return s;
}

TEST(one_extraction_several_renderings) {
  cc_result *r = NULL;
  cc_options o;
  cc_options_init(&o);
  o.url = "https://example.org/news/";
  CHECK(cc_extract(rich, strlen(rich), &o, &r, NULL) == CC_OK);
  char *all = render_opts(r, CC_FORMAT_MD, 0);
  CHECK_CONTAINS(all, "![A picture](https://example.org/a.png)");
  CHECK_CONTAINS(all, "[first link](https://example.org/one)");
  CHECK_CONTAINS(all, "| alpha | 1 |");
  char *plain = render_opts(r, CC_FORMAT_MD, CC_RENDER_NO_IMAGES | CC_RENDER_NO_LINKS);
  CHECK(!strstr(plain, "!["));
  CHECK(!strstr(plain, "]("));
  CHECK_CONTAINS(plain, "first link");
  CHECK_CONTAINS(plain, "| alpha | 1 |");
  char *notab = render_opts(r, CC_FORMAT_HTML, CC_RENDER_NO_TABLES);
  CHECK(!strstr(notab, "<table>") && !strstr(notab, "alpha"));
  CHECK_CONTAINS(notab, "<img src=\"https://example.org/a.png\"");
  char *json = render_opts(r, CC_FORMAT_JSON, CC_RENDER_NO_TABLES);
  CHECK(!strstr(json, "alpha"));
  cc_free(json);
  json = render_opts(r, CC_FORMAT_JSON, 0);
  CHECK_CONTAINS(json, "alpha | 1");
  char *md = cc_render(r, CC_FORMAT_MD, NULL, NULL); /* same as no options */
  CHECK_STR(md, all);
  cc_free(all), cc_free(plain), cc_free(notab), cc_free(json), cc_free(md);
  cc_result_free(r);

  /* the extraction's flags are the defaults of cc_render, and NO_TABLES
   * also shapes the result's text; render options override them */
  o.flags |= CC_OPT_NO_IMAGES | CC_OPT_NO_TABLES;
  CHECK(cc_extract(rich, strlen(rich), &o, &r, NULL) == CC_OK);
  CHECK(!strstr(cc_result_text(r), "alpha"));
  md = cc_render(r, CC_FORMAT_MD, NULL, NULL);
  CHECK(!strstr(md, "![") && !strstr(md, "alpha"));
  CHECK_CONTAINS(md, "[first link]");
  all = render_opts(r, CC_FORMAT_MD, 0);
  CHECK_CONTAINS(all, "![A picture]");
  CHECK_CONTAINS(all, "| alpha | 1 |");
  char *txt = render_opts(r, CC_FORMAT_TXT, 0);
  CHECK_CONTAINS(txt, "alpha | 1");
  cc_free(md), cc_free(all), cc_free(txt);
  cc_result_free(r);
}

TEST(images_and_links) {
  cc_result *r = NULL;
  cc_options o;
  cc_options_init(&o);
  o.url = "https://example.org/news/";
  o.flags |= CC_OPT_NO_IMAGES | CC_OPT_NO_LINKS; /* render defaults only */
  CHECK(cc_extract(rich, strlen(rich), &o, &r, NULL) == CC_OK);
  CHECK(cc_result_image_count(r) == 2);
  CHECK_STR(cc_result_image_url(r, 0), "https://example.org/a.png");
  CHECK_STR(cc_result_image_alt(r, 0), "A picture");
  CHECK_STR(cc_result_image_url(r, 1), "https://example.org/b.jpg");
  CHECK_STR(cc_result_image_alt(r, 1), "");
  CHECK(cc_result_image_url(r, 2) == NULL);
  CHECK(cc_result_link_count(r) == 2);
  CHECK_STR(cc_result_link_url(r, 0), "https://example.org/one");
  CHECK_STR(cc_result_link_text(r, 0), "first link");
  CHECK_STR(cc_result_link_url(r, 1), "https://example.org/two");
  CHECK_STR(cc_result_link_text(r, 1), "");
  CHECK(cc_result_link_text(r, 2) == NULL);
  cc_result_free(r);
  CHECK(cc_result_image_count(NULL) == 0 && cc_result_link_url(NULL, 0) == NULL);
}

typedef struct collect {
  char *data;
  size_t len, calls, stop_after;
} collect;

static int append(const char *d, size_t n, void *ud) {
  collect *c = ud;
  c->data = realloc(c->data, c->len + n + 1);
  memcpy(c->data + c->len, d, n);
  c->len += n;
  c->data[c->len] = '\0';
  return c->stop_after && ++c->calls >= c->stop_after;
}

TEST(streaming_is_the_same_rendering) {
  size_t n = 3000;
  const char *unit = "<p>Paragraph of the article, with words, <b>bold</b> and a "
                     "<a href='/l'>link</a>; <img src='/i.png' alt='x'> and   spaces.</p>"
                     "<blockquote><ul><li>one<li>two  </ul></blockquote><pre>code\n  kept</pre>";
  char *doc = malloc(strlen(unit) * n + 64), *p = doc;
  p += sprintf(p, "<body><article><h1>T</h1>");
  for (size_t i = 0; i < n; i++) p += sprintf(p, "%s", unit);
  cc_result *r = NULL;
  CHECK(cc_extract(doc, strlen(doc), NULL, &r, NULL) == CC_OK);
  for (unsigned flags = 0; flags < 8; flags += 3) {
    cc_render_options ro;
    cc_render_options_init(&ro);
    ro.flags = flags;
    for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_JSON; f++) {
      size_t len;
      char *whole = cc_render_with(r, (cc_format)f, &ro, &len, NULL);
      collect c = {NULL, 0, 0, 0};
      cc_error e;
      CHECK(cc_render_to(r, (cc_format)f, &ro, append, &c, &e) == CC_OK);
      CHECK(whole && c.data && c.len == len && !memcmp(whole, c.data, len));
      cc_free(whole);
      free(c.data);
    }
  }
  /* the callback stops it */
  collect c = {NULL, 0, 0, 2};
  cc_error e;
  CHECK(cc_render_to(r, CC_FORMAT_MD, NULL, append, &c, &e) == CC_ERR_IO);
  CHECK(e.status == CC_ERR_IO && c.calls == 2);
  free(c.data);
  CHECK(cc_render_to(r, CC_FORMAT_MD, NULL, NULL, NULL, &e) == CC_ERR_ARGS);
  CHECK(cc_render_to(NULL, CC_FORMAT_MD, NULL, append, &c, &e) == CC_ERR_ARGS);
  CHECK(cc_render_with(r, (cc_format)9, NULL, NULL, &e) == NULL && e.status == CC_ERR_ARGS);
  cc_result_free(r);
  free(doc);
}

TEST(option_structs_grow_without_breaking) {
  cc_result *r = NULL;
  cc_error e;
  /* not set up by cc_options_init: refused, not misread */
  cc_options o;
  memset(&o, 0, sizeof o);
  CHECK(cc_extract(page, strlen(page), &o, &r, &e) == CC_ERR_ARGS);
  CHECK_CONTAINS(e.message, "cc_options_init");
  /* a program built against a newer header: unknown fields at their
   * defaults are fine, set ones are refused */
  struct newer {
    cc_options o;
    unsigned long future;
  } n;
  cc_options_init_size(&n.o, sizeof n);
  CHECK(n.o.size == sizeof n && n.future == 0 && n.o.max_depth == 512);
  CHECK(cc_extract(page, strlen(page), &n.o, &r, &e) == CC_OK);
  cc_result_free(r);
  n.future = 1;
  CHECK(cc_extract(page, strlen(page), &n.o, &r, &e) == CC_ERR_ARGS);
  CHECK_CONTAINS(e.message, "newer");
  /* too small to be any version: init leaves it alone */
  o.size = 12345;
  cc_options_init_size(&o, 4);
  CHECK(o.size == 12345);
  /* render options likewise */
  CHECK(cc_extract(page, strlen(page), NULL, &r, &e) == CC_OK);
  cc_render_options ro;
  memset(&ro, 0, sizeof ro);
  CHECK(cc_render_with(r, CC_FORMAT_MD, &ro, NULL, &e) == NULL && e.status == CC_ERR_ARGS);
  cc_render_options_init(&ro);
  CHECK(ro.size == sizeof ro && ro.flags == 0 && ro.md_flavor == CC_MD_COMMONMARK);
  ro.md_flavor = (cc_md_flavor)7;
  CHECK(cc_render_with(r, CC_FORMAT_MD, &ro, NULL, &e) == NULL && e.status == CC_ERR_ARGS);
  cc_result_free(r);
}

TEST(table_footer_comes_last) {
  /* issue 11: a <tfoot> written before the body (as HTML allows) came
   * out first: as the header row in md, before the body in txt and html */
  const char *doc =
      "<html><body><article><h1>T</h1><p>Some prose sentence that is long enough to "
      "count as text, with commas, and more words here.</p><table>"
      "<tfoot><tr><td>Total</td><td>3</td></tr></tfoot>"
      "<tbody><tr><td>alpha</td><td>1</td></tr><tr><td>beta</td><td>2</td></tr></tbody>"
      "</table><p>More prose after the table, long enough to count as text too.</p>"
      "</article></body></html>";
  cc_result *r = NULL;
  CHECK(cc_extract(doc, strlen(doc), NULL, &r, NULL) == CC_OK);
  const char *want[] = {"alpha | 1\nbeta | 2\nTotal | 3\n",
                        "| alpha | 1 |\n| --- | --- |\n| beta | 2 |\n| Total | 3 |\n",
                        "<tr><td>beta</td><td>2</td></tr>\n<tr><td>Total</td><td>3</td></tr>"};
  for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_HTML; f++) {
    char *out = cc_render(r, (cc_format)f, NULL, NULL);
    CHECK_CONTAINS(out, want[f]);
    const char *t = out ? strstr(out, "Total") : NULL;
    CHECK(t && !strstr(t + 1, "Total")); /* once */
    cc_free(out);
  }
  cc_result_free(r);
}

int main(void) {
  RUN(options_and_input_may_be_freed_after_the_call);
  RUN(every_format_renders);
  RUN(errors_come_with_messages);
  RUN(empty_input_is_an_empty_article);
  RUN(sniffing_is_public);
  RUN(explain_only_when_asked);
  RUN(one_extraction_several_renderings);
  RUN(images_and_links);
  RUN(streaming_is_the_same_rendering);
  RUN(option_structs_grow_without_breaking);
  RUN(table_footer_comes_last);
  return test_summary();
}
