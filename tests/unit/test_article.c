/* test_article.c — the article tree built from the selected DOM, seen
 * through the txt renderer (the simplest faithful view of it). */
#include "render.h"
#include "stages.h"
#include "test.h"

static char out[8192];

static const char *txt(const char *body) {
  return stage_article_txt(body, NULL, out, sizeof out);
}

TEST(whitespace_collapses_across_inlines) {
  CHECK_STR(txt("<div id=a><p>  Hello <b> bold </b>and<i>it</i> \n end. </p></div>"),
            "Hello bold andit end.\n");
  CHECK_STR(txt("<div id=a><p>a&nbsp;&nbsp;b\xe2\x80\x8b""c soft\xc2\xad""hyphen</p></div>"),
            "a bc softhyphen\n");
}

TEST(blocks_and_breaks) {
  CHECK_STR(txt("<div id=a><p>One</p><p>Two<br>  line</p>Bare text<div>Div</div></div>"),
            "One\n\nTwo\nline\n\nBare text\n\nDiv\n");
  CHECK_STR(txt("<div id=a>First<br><br>Second</div>"), "First\n\nSecond\n");
}

TEST(lists_headings_quotes) {
  CHECK_STR(txt("<div id=a><h2>Head</h2><ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul>"
                "<ol start=3><li>three</li></ol><blockquote><p>Quote</p></blockquote></div>"),
            "Head\n\n- one\n- two\n  - inner\n\n3. three\n\nQuote\n");
}

TEST(pre_keeps_whitespace) {
  CHECK_STR(txt("<div id=a><p>Code:</p><pre><code>int main() {\n    return 0;\n}\n</code></pre></div>"),
            "Code:\n\nint main() {\n    return 0;\n}\n");
}

TEST(data_table_rows) {
  CHECK_STR(txt("<div id=a><table><tr><th>Name</th><th>Link</th></tr>"
                "<tr><td>A</td><td><a href=/x>x site</a></td></tr></table></div>"),
            "Name | Link\nA | x site\n");
  /* a layout table is walked as containers */
  CHECK_STR(txt("<div id=a><table><tr><td><p>Para one.</p><p>Two.</p><p>Three.</p><p>Four.</p>"
                "</td></tr></table></div>"),
            "Para one.\n\nTwo.\n\nThree.\n\nFour.\n");
}

TEST(dropped_and_unselected_content_is_absent) {
  stage_doc s;
  stage_run(&s, "<body><div id=x>outside</div><div id=a><p>in</p><p id=d>dropped</p></div></body>", 1);
  stage_by_id(&s, "a")->flags |= CC_NF_SELECTED;
  stage_by_id(&s, "d")->flags |= CC_NF_DROPPED;
  stage_mask_from_flags(&s);
  cc_stage_article(&s.ctx);
  cc_buf b = CC_BUF_INIT;
  cc_render_txt(s.ctx.ast, &b);
  CHECK_STR(b.data, "in\n");
  cc_buf_free(&b);
  stage_free(&s);
}

TEST(links_and_images_in_the_tree) {
  stage_doc s;
  s.opt.url = NULL;
  stage_run(&s, "<body><div id=a><p>See <a href='/p?q=1'>this</a> "
                "<img data-src='img.jpg' src='data:image/gif;base64,R0l' alt='A cat'>"
                "<img src=pixel.gif width=1 height=1></p></div></body>", 1);
  s.ctx.meta.base_url = "https://example.org/news/story.html";
  stage_by_id(&s, "a")->flags |= CC_NF_SELECTED;
  stage_mask_from_flags(&s);
  cc_stage_article(&s.ctx);
  cc_ast *p = s.ctx.ast->first;
  CHECK(p && p->type == CC_AST_PARAGRAPH);
  int links = 0, imgs = 0;
  for (cc_ast *n = p; n; n = cc_ast_next(s.ctx.ast, n, 0)) {
    if (n->type == CC_AST_LINK) {
      links++;
      CHECK_STR(n->url, "https://example.org/p?q=1");
    }
    if (n->type == CC_AST_IMAGE) {
      imgs++;
      CHECK_STR(n->url, "https://example.org/news/img.jpg");
      CHECK_STR(n->text, "A cat");
    }
  }
  CHECK(links == 1);
  CHECK(imgs == 1); /* the 1x1 pixel is not an image of the article */
  stage_free(&s);
}

TEST(a_page_of_menus_only_states_its_description) {
  /* an app shell saved before its content loaded: nothing visible but a
   * menu, and a description that says what the page holds */
  const char *page =
      "<html><head><meta name=description content=\"How far do riders go on one charge? "
      "Mine did 49 miles over three days.\"></head><body><div id=nav><a href=/>Home</a> "
      "<a href=/donate>Donate now</a></div><section id=main></section></body></html>";
  stage_doc s;
  stage_run(&s, page, 4);
  cc_stage_article(&s.ctx);
  cc_buf b = CC_BUF_INIT;
  cc_render_txt(s.ctx.ast, &b);
  CHECK_STR(b.data ? b.data : "", "How far do riders go on one charge? Mine did 49 miles over "
                                  "three days.\n");
  CHECK(s.ctx.fallback && strstr(s.ctx.fallback, "description"));
  cc_buf_free(&b);
  stage_free(&s);
  /* a slogan for a description says nothing of the page: still empty */
  stage_run(&s, "<html><head><meta name=description content=\"Better shopping, better "
                "living!\"></head><body><div><a href=/>Home</a></div></body></html>", 4);
  cc_stage_article(&s.ctx);
  CHECK(s.ctx.ast->first == NULL);
  stage_free(&s);
}

int main(void) {
  RUN(a_page_of_menus_only_states_its_description);
  RUN(whitespace_collapses_across_inlines);
  RUN(blocks_and_breaks);
  RUN(lists_headings_quotes);
  RUN(pre_keeps_whitespace);
  RUN(data_table_rows);
  RUN(dropped_and_unselected_content_is_absent);
  RUN(links_and_images_in_the_tree);
  return test_summary();
}
