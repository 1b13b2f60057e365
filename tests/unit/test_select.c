/* test_select.c — measuring and choosing the article container. */
#include "stages.h"
#include "test.h"

#define PARA "<p>This is a sentence of the article, with commas, clauses, and enough words to count as real prose for the scorer.</p>"

TEST(measure_counts_text_links_and_holders) {
  stage_doc s;
  stage_run(&s, "<body><div id=d><p id=p>Hello,   world. <a href=/x>link text</a></p>"
                "<span>x</span></div></body>", 1);
  cc_node *p = stage_by_id(&s, "p"), *d = stage_by_id(&s, "d");
  cc_stat *sp = &s.ctx.st[p->id], *sd = &s.ctx.st[d->id];
  CHECK(sp->holder);
  CHECK(sp->chars == 23); /* "Hello, world. " (14, spaces collapsed) + "link text" */
  CHECK(sp->link_chars == 9);
  CHECK(sp->own_link == 9);
  CHECK(sp->commas == 1);
  CHECK(sd->chars == sp->chars + 1);
  CHECK(sd->links == 1);
  stage_free(&s);
}

TEST(article_beats_navigation_and_comments) {
  stage_doc s;
  stage_run(&s,
            "<body><nav id=nav><ul><li><a href=/a>Home</a></li><li><a href=/b>World</a></li>"
            "<li><a href=/c>Sports and a long menu entry</a></li></ul></nav>"
            "<div id=main>" PARA PARA PARA "</div>"
            "<div id=comments><div class=comment><p>A reader comment that is long, with commas, "
            "and many words, more than the article itself, because readers, as we know, write a lot, "
            "and then some more, and more, and more again, until the end of the day.</p>"
            "<p>Another long comment, with commas, and words, and more words, and more commas, "
            "so that it weighs, in raw numbers, more than the article does.</p></div></div></body>",
            2);
  CHECK(s.ctx.top == stage_by_id(&s, "main"));
  CHECK(stage_kept(stage_by_id(&s, "main")));
  CHECK(!stage_kept(stage_by_id(&s, "comments")));
  CHECK(!stage_kept(stage_by_id(&s, "nav")));
  stage_free(&s);
}

TEST(bare_text_in_a_div_is_a_paragraph) {
  stage_doc s;
  stage_run(&s,
            "<body><div id=side><ul><li><a href=/1>One</a></li><li><a href=/2>Two</a></li></ul></div>"
            "<div id=art><small>05/10/2018</small><br>The article is bare text in a div, with "
            "commas, clauses, and more than enough words to be the article, as small sites do.<br>"
            "</div></body>",
            2);
  CHECK(stage_kept(stage_by_id(&s, "art")));
  stage_free(&s);
}

TEST(split_article_joins_at_common_ancestor) {
  stage_doc s;
  stage_run(&s,
            "<body><div id=wrap><div id=c1>" PARA PARA PARA "</div><div class=ad>Advertisement</div>"
            "<div id=c2>" PARA PARA PARA "</div></div><div id=foot>" PARA "</div></body>",
            2);
  CHECK(stage_kept(stage_by_id(&s, "c1")));
  CHECK(stage_kept(stage_by_id(&s, "c2")));
  stage_free(&s);
}

TEST(headings_do_not_attract_the_choice) {
  stage_doc s;
  stage_run(&s,
            "<body><header id=h><h1>Title</h1><h2>A very long subtitle that goes on and on, "
            "with commas, clauses, and words, and still more words, longer than a paragraph.</h2></header>"
            "<div id=body><p>Short article text, with a comma.</p><p>Second paragraph, with a "
            "comma too, and a few words.</p></div></body>",
            2);
  CHECK(stage_kept(stage_by_id(&s, "body")));
  stage_free(&s);
}

TEST(short_page_is_never_empty) {
  stage_doc s;
  stage_run(&s, "<body><div>Just one line.</div></body>", 5);
  CHECK(s.ctx.ast && s.ctx.ast->first);
  stage_free(&s);
}

TEST(announced_related_section_never_competes) {
  /* excerpts of other posts outweigh a short article, but their section
   * says what it is */
  stage_doc s;
  stage_run(&s,
            "<body><div id=post><h1>Title</h1>" PARA "</div>"
            "<div id=rel><h3>You may also like</h3>"
            "<div id=x1>" PARA PARA "</div><div id=x2>" PARA PARA "</div></div>"
            "<div id=com><h2>3 comments</h2><p>" "Nice article, with commas, thanks, and so on, "
            "and so forth, written by a reader.</p></div></body>",
            2);
  CHECK(stage_kept(stage_by_id(&s, "post")));
  CHECK(!stage_kept(stage_by_id(&s, "x1")));
  CHECK(!stage_kept(stage_by_id(&s, "x2")));
  CHECK(!stage_kept(stage_by_id(&s, "com")));
  stage_free(&s);
}

TEST(a_heading_mentioning_comments_in_a_sentence_is_not_a_section) {
  stage_doc s;
  stage_run(&s,
            "<body><div id=a><h2 id=h>Why the minister's comments on pensions angered unions</h2>"
            PARA PARA PARA "</div></body>",
            3);
  CHECK(stage_kept(stage_by_id(&s, "h")));
  stage_free(&s);
}

TEST(json_ld_article_body_anchors_the_container) {
  /* a long block of other prose outweighs the short article; the page's
   * JSON-LD says where the article is */
  stage_doc s;
  const char *page =
      "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
      "\"articleBody\":\"The harbour will close on Monday for repairs, the port authority "
      "said on Friday, after inspectors found cracks in the main pier.\"}</script></head>"
      "<body><div><div id=other>" PARA PARA PARA PARA "</div></div>"
      "<div><div id=art><p>The harbour will close on Monday for repairs, the port authority "
      "said on Friday, after inspectors found cracks in the main pier.</p></div></div>"
      "</body></html>";
  /* the pre-pass is what collects JSON-LD: run the public path's parts */
  memset(&s, 0, sizeof s);
  cc_arena_init(&s.arena);
  cc_options_init(&s.opt);
  s.ctx.arena = &s.arena;
  s.ctx.opt = &s.opt;
  cc_strip(&s.arena, page, strlen(page), &s.ctx.strip);
  cc_parse_limits lim = {s.opt.max_nodes, s.opt.max_depth};
  cc_parse_gumbo(&s.arena, s.ctx.strip.out, s.ctx.strip.len, &lim, &s.ctx.dom, s.ctx.err);
  cc_stage_meta(&s.ctx);
  CHECK(s.ctx.meta.jsonld_body != NULL);
  cc_preclean_stats ps;
  cc_preclean(&s.ctx.dom, &ps);
  cc_stage_measure(&s.ctx);
  cc_stage_sections(&s.ctx);
  cc_stage_select(&s.ctx);
  CHECK(stage_kept(stage_by_id(&s, "art")));
  stage_free(&s);
}

/* Reruns decide with the model's readings of the tiles (blocks whose
 * holder has class "name") set by hand, the page read as `type`. */
static int tiles_kept(stage_doc *s, const float *p, unsigned type) {
  cc_blocks *bl = &s->ctx.blocks;
  for (unsigned c = 0; c < 7; c++) s->ctx.page_type_p[c] = c == type ? 0.9f : 0.01f;
  for (uint32_t k = 0, t = 0; k < bl->n; k++) {
    const char *c = cc_node_attr(bl->node[k], "class");
    bl->p[k] = c && !strcmp(c, "name") ? p[t++] : 0.f;
  }
  cc_stage_decide(&s->ctx);
  int kept = 0;
  for (uint32_t k = 0; k < bl->n; k++) {
    const char *c = cc_node_attr(bl->node[k], "class");
    kept += c && !strcmp(c, "name") && bl->keep[k];
  }
  return kept;
}

TEST(alike_items_share_a_fate) {
  stage_doc s;
  stage_run(&s, "<body><h1>Candles</h1><ul class=grid>"
                "<li class=tile><h2 class=name>Pistachio Candle</h2></li>"
                "<li class=tile><h2 class=name>Espresso Candle</h2></li>"
                "<li class=tile><h2 class=name>Fig Leaf Candle</h2></li>"
                "<li class=tile><h2 class=name>Blue Glass Candle</h2></li>"
                "<li class=tile><h2 class=name>Taper Candle, Large</h2></li></ul></body>", 4);
  /* a row of tiles the model splits around its threshold: all kept */
  const float split[5] = {0.6f, 0.6f, 0.6f, 0.45f, 0.45f};
  CHECK(tiles_kept(&s, split, 3) == 5);
  /* ...on a collection, not on an article, whose blocks stand alone */
  CHECK(tiles_kept(&s, split, 0) == 3);
  /* a row the model mostly drops is not raised, nor is what it kept lowered */
  const float low[5] = {0.6f, 0.3f, 0.3f, 0.3f, 0.3f};
  CHECK(tiles_kept(&s, low, 3) == 1);
  stage_free(&s);
}

int main(void) {
  RUN(json_ld_article_body_anchors_the_container);
  RUN(alike_items_share_a_fate);
  RUN(announced_related_section_never_competes);
  RUN(a_heading_mentioning_comments_in_a_sentence_is_not_a_section);
  RUN(measure_counts_text_links_and_holders);
  RUN(article_beats_navigation_and_comments);
  RUN(bare_text_in_a_div_is_a_paragraph);
  RUN(split_article_joins_at_common_ancestor);
  RUN(headings_do_not_attract_the_choice);
  RUN(short_page_is_never_empty);
  return test_summary();
}
