/* test_strip.c — the lexical pre-pass: what it removes, what it keeps,
 * and what it reports (declared charset, JSON-LD). */
#include "arena.h"
#include "strip.h"
#include "test.h"

static cc_arena A;

static const char *strip(const char *in, cc_strip_result *r) {
  cc_strip(&A, in, strlen(in), r);
  return r->out;
}

TEST(removes_script_style_comments) {
  cc_strip_result r;
  CHECK_STR(strip("<p>a<script>var x='</p>';</script>b</p>", &r), "<p>ab</p>");
  CHECK_STR(strip("<p>a<style>p{}</style>b<!-- c -->d</p>", &r), "<p>abd</p>");
  CHECK_STR(strip("<p>a<SCRIPT type=x>1</Script >b", &r), "<p>ab");
  CHECK_STR(strip("x<!-->y<!--->z", &r), "xyz");
  CHECK_STR(strip("x<!-- a -- b --!>y", &r), "xy");
}

TEST(keeps_text_and_quoted_angle_brackets) {
  cc_strip_result r;
  /* a "<script>" inside an attribute value is not a tag */
  CHECK_STR(strip("<div title=\"<script>\">t</div>", &r), "<div title=\"<script>\">t</div>");
  CHECK_STR(strip("<title>a <!-- b --></title>", &r), "<title>a <!-- b --></title>");
  CHECK_STR(strip("1 < 2 <3 <b>x</b>", &r), "1 < 2 <3 <b>x</b>");
}

TEST(nested_svg_and_template) {
  cc_strip_result r;
  CHECK_STR(strip("a<svg><svg><title>t</title></svg><g/></svg>b", &r), "ab");
  CHECK_STR(strip("a<svg/>b", &r), "ab");
  CHECK_STR(strip("a<template><template>x</template>y</template>b", &r), "ab");
}

TEST(an_unclosed_svg_ends_at_html_content) {
  /* the parser pops foreign content at an HTML tag such as <p>: an
   * unclosed <svg> icon must not take the page with it */
  cc_strip_result r;
  CHECK_STR(strip("a<svg><path d=x><p>Text</p>", &r), "a<p>Text</p>");
  CHECK_STR(strip("<svg viewBox='0 0 1 1'><use href=#i></use><div>Body</div></svg>", &r),
            "<div>Body</div></svg>");
  /* ...but not inside foreignObject, desc or title, where HTML belongs */
  CHECK_STR(strip("a<svg><foreignObject><p>in</p></foreignObject></svg>b", &r), "ab");
  CHECK_STR(strip("a<svg><desc><b>x</b></desc></svg>b", &r), "ab");
}

TEST(noscript_dropped_or_unwrapped) {
  cc_strip_result r;
  CHECK_STR(strip("a<noscript><p>Post</p></noscript>b", &r), "ab");
  CHECK(r.noscript_bytes == 11);
  cc_strip_limits lim = {0, 0, 0, 1};
  cc_strip_bounded(&A, "a<noscript><p>Post</p></noscript>b", 35, &lim, &r);
  CHECK_STR(r.out, "a<p>Post</p>b");
}

TEST(a_dropped_tag_in_a_title_keeps_the_end_tag) {
  /* in a title, "<e</title>" is text and the end tag; a tag over the
   * bounds loses only what comes before the '<' in its name, so the title
   * still ends where the parser ends it */
  cc_strip_result r;
  cc_strip_limits lim = {2, 1, 4, 0};
  const char *in = "<title><f><e</title><b o=\"</title><table><td><p>x";
  cc_strip_bounded(&A, in, strlen(in), &lim, &r);
  CHECK_STR(r.out, "<title><f></title><b o=\"</title><table><td><p>x");
}

TEST(unterminated_runs_to_end) {
  cc_strip_result r;
  CHECK_STR(strip("a<!-- never closed <p>x</p>", &r), "a");
  CHECK_STR(strip("a<script>never closed", &r), "a");
  CHECK_STR(strip("a<div class=\"x", &r), "a<div class=\"x");
}

TEST(reports_charset_and_jsonld) {
  cc_strip_result r;
  strip("<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>"
        "<script type=\"application/ld+json\"> {\"a\":1} </script><p>x", &r);
  CHECK_STR(r.meta_charset, "iso-8859-1");
  CHECK(r.njsonld == 1);
  CHECK_STR(r.jsonld[0].p, " {\"a\":1} ");
  CHECK_STR(r.out, "<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'><p>x");
  strip("<?xml version=\"1.0\" encoding=\"Windows-1252\"?><meta charset=\" UTF-8 \">", &r);
  CHECK_STR(r.meta_charset, "utf-8");
  CHECK_STR(r.xml_encoding, "windows-1252");
  /* a meta inside a comment or script does not count */
  strip("<!-- <meta charset=koi8-r> --><script><meta charset=big5></script>", &r);
  CHECK(r.meta_charset == NULL);
  /* a label naming no encoding is skipped; the next <meta> counts */
  strip("<meta charset=\"no-such-charset\"><meta charset=latin1>", &r);
  CHECK_STR(r.meta_charset, "latin1");
  strip("<meta charset=\"utf-8\"><meta charset=latin1>", &r);
  CHECK_STR(r.meta_charset, "utf-8");
}

TEST(content_type_charset) {
  char cs[32];
  CHECK(cc_charset_from_content_type("text/html; charset=\"utf-8\"", 26, cs, sizeof cs));
  CHECK_STR(cs, "utf-8");
  CHECK(!cc_charset_from_content_type("text/html", 9, cs, sizeof cs));
}

int main(void) {
  cc_arena_init(&A);
  RUN(removes_script_style_comments);
  RUN(keeps_text_and_quoted_angle_brackets);
  RUN(nested_svg_and_template);
  RUN(an_unclosed_svg_ends_at_html_content);
  RUN(noscript_dropped_or_unwrapped);
  RUN(a_dropped_tag_in_a_title_keeps_the_end_tag);
  RUN(unterminated_runs_to_end);
  RUN(reports_charset_and_jsonld);
  RUN(content_type_charset);
  cc_arena_free(&A);
  return test_summary();
}
