/* test_blocks.c — the blocks, their features, the page type and the
 * models' agreement with the feature lists (blocks.c, pagetype.c,
 * classify.c, context.c, decide.c). */
#include "model.h"
#include "stages.h"
#include "test.h"

#define PARA "<p>This is a sentence of the article, with commas, clauses, and enough words to count as real prose.</p>"

/* The features of the block held by the element with id=name. */
static float feature(stage_doc *s, const char *name, unsigned f) {
  cc_node *x = stage_by_id(s, name);
  cc_feat_ctx *fc = cc_blocks_prepare(&s->ctx);
  if (!x || s->ctx.blocks.of[x->id] < 0) {
    cc_blocks_release(fc);
    return -1;
  }
  cc_page_type(&s->ctx, fc);
  float row[CC_NFEAT];
  cc_block_features(&s->ctx, fc, (uint32_t)s->ctx.blocks.of[x->id], row);
  cc_blocks_release(fc);
  return row[f];
}

TEST(models_match_the_feature_lists) {
  /* a change to blocks.h or context.c without retraining is caught here */
  CHECK(cc_model_blocks.ntrees > 0);
  CHECK(cc_model_check(&cc_model_blocks, cc_feature_name, 0, CC_NFEAT));
  CHECK(cc_model_context.ntrees > 0);
  CHECK(cc_model_check(&cc_model_context, cc_ctx_feature_name, 0, CC_NCTX));
  CHECK(cc_model_pagetype.ntrees > 0 && cc_model_pagetype.nclasses == 7);
  CHECK(cc_model_check(&cc_model_pagetype, cc_feature_name, CC_F_PAGE_FIRST,
                       CC_F_pt_article - CC_F_PAGE_FIRST));
}

TEST(blocks_are_text_holders_in_document_order) {
  stage_doc s;
  stage_run(&s, "<body><nav><a id=n href=/x>Home</a></nav><div id=d>Bare text<p id=p>A paragraph."
                "</p></div><p>   </p><ul><li id=l>Item</li></ul></body>", 3);
  cc_feat_ctx *f = cc_blocks_prepare(&s.ctx);
  cc_blocks *bl = &s.ctx.blocks;
  /* the nav's link text belongs to the nav (a block); div's bare text to
   * the div; the empty paragraph is no block */
  CHECK(bl->n == 4);
  CHECK(bl->node[0]->tag == CC_TAG_NAV);
  CHECK(bl->node[1] == stage_by_id(&s, "d"));
  CHECK(bl->node[2] == stage_by_id(&s, "p"));
  CHECK(bl->node[3] == stage_by_id(&s, "l"));
  for (uint32_t k = 1; k < bl->n; k++) CHECK(bl->node[k - 1]->id < bl->node[k]->id);
  cc_blocks_release(f);
  stage_free(&s);
}

TEST(features_of_text_tags_and_ancestors) {
  stage_doc s;
  stage_run(&s, "<body><nav class=menu><ul><li><a id=m href=/a>Home</a></li></ul></nav>"
                "<article><p id=p>One, two; three. Four words here?</p></article>"
                "<footer><p id=c>Copyright 2024</p></footer></body>", 3);
  CHECK(feature(&s, "p", CC_F_g_p) == 1);
  CHECK(feature(&s, "p", CC_F_a_article) == 1);
  CHECK(feature(&s, "p", CC_F_a_nav) == 0);
  CHECK(feature(&s, "p", CC_F_t_ld) == 0);
  CHECK(feature(&s, "p", CC_F_t_end_sentence) == 1);
  CHECK(feature(&s, "c", CC_F_a_footer) == 1);
  CHECK(feature(&s, "c", CC_F_t_date) == 1);
  stage_free(&s);
  /* a link's own block: the li holds the link */
  stage_run(&s, "<body><nav class=menu><ul><li id=m><a href=/a>Home</a></li></ul></nav>" PARA
                "</body>", 3);
  CHECK(feature(&s, "m", CC_F_t_all_link) == 1);
  CHECK(feature(&s, "m", CC_F_a_nav) == 1);
  CHECK(feature(&s, "m", CC_F_k_nav) == 1);
  CHECK(feature(&s, "m", CC_F_g_li) == 1);
  stage_free(&s);
}

TEST(repeated_siblings_make_a_group) {
  stage_doc s;
  stage_run(&s, "<body><div id=list>"
                "<div class='card card-1'><p id=a>First card text, with words.</p></div>"
                "<div class='card card-2'><p>Second card text, with words.</p></div>"
                "<div class='card card-3'><p>Third card text, with words.</p></div>"
                "</div><div><p id=lone>Lone paragraph.</p></div></body>", 3);
  CHECK(feature(&s, "a", CC_F_r_count) == 2.0f); /* log2(1 + 3) */
  CHECK(feature(&s, "a", CC_F_r_dist) == 1.0f);
  CHECK(feature(&s, "lone", CC_F_r_count) == 0);
  stage_free(&s);
}

TEST(page_statements_are_page_features) {
  stage_doc s;
  s.opt.url = NULL;
  stage_run(&s, "<html><head><meta property='og:type' content='product'>"
                "<link rel=canonical href='https://shop.example/products/blue-mug'>"
                "</head><body><p id=p>$12.99</p>" PARA "</body></html>", 3);
  CHECK(feature(&s, "p", CC_F_w_og_product) == 1);
  CHECK(feature(&s, "p", CC_F_w_url_product) == 1);
  CHECK(feature(&s, "p", CC_F_w_url_forum) == 0);
  CHECK(feature(&s, "p", CC_F_w_prices) > 0);
  /* the page type's probabilities sum to one and name the type */
  float sum = 0;
  for (int t = 0; t < 7; t++) sum += s.ctx.page_type_p[t];
  CHECK(sum > 0.99f && sum < 1.01f);
  CHECK(s.ctx.meta.page_type != NULL);
  stage_free(&s);
}

TEST(every_block_gets_a_probability_and_a_fate) {
  stage_doc s;
  stage_run(&s, "<body><nav><ul><li><a href=/a>Home</a></li><li><a href=/b>News</a></li>"
                "<li><a href=/c>Sport</a></li></ul></nav><article id=art>" PARA PARA PARA PARA
                "</article><footer><p>Copyright 2024 Example Corp. All rights reserved.</p>"
                "</footer></body>", 4);
  cc_blocks *bl = &s.ctx.blocks;
  CHECK(bl->n > 0);
  int kept_art = 0, kept_nav = 0;
  for (uint32_t k = 0; k < bl->n; k++) {
    CHECK(bl->p[k] >= 0 && bl->p[k] <= 1);
    CHECK(bl->keep[k] == (bl->p[k] >= 0.5f) || s.ctx.fallback);
    const cc_node *a = bl->node[k];
    while (a && !cc_node_is(a, CC_TAG_ARTICLE) && !cc_node_is(a, CC_TAG_NAV)) a = a->parent;
    if (a && a->tag == CC_TAG_ARTICLE) kept_art += bl->keep[k];
    if (a && a->tag == CC_TAG_NAV) kept_nav += bl->keep[k];
  }
  CHECK(kept_art == 4);
  CHECK(kept_nav == 0);
  stage_free(&s);
}

TEST(comments_are_kept_apart_on_request) {
  const char *page =
      "<body><article><h1>Title</h1>" PARA PARA PARA "</article>"
      "<section id=comments class=comments><h2>3 comments</h2>"
      "<div class=comment><p id=c1>I really enjoyed reading this, thank you for writing it.</p></div>"
      "<div class=comment><p>Great points, although I disagree with the second part.</p></div>"
      "</section></body>";
  stage_doc s;
  stage_run(&s, page, 5);
  CHECK(s.ctx.comments == NULL);
  stage_free(&s);
  memset(&s, 0, sizeof s);
  cc_arena_init(&s.arena);
  cc_options_init(&s.opt);
  s.opt.flags |= CC_OPT_COMMENTS;
  cc_result *r;
  cc_error err;
  CHECK(cc_extract(page, strlen(page), &s.opt, &r, &err) == CC_OK);
  const char *t = cc_result_text(r);
  const char *c = strstr(t, "Comments\n");
  CHECK(c != NULL);
  CHECK(strstr(t, "This is a sentence") < c);
  CHECK(c && strstr(c, "I really enjoyed reading this") != NULL);
  cc_result_free(r);
  cc_arena_free(&s.arena);
}

TEST(a_page_without_visible_text_gives_what_it_states) {
  const char *page = "<html><head><meta name=description content='The summary of the page.'>"
                     "</head><body><div id=app></div></body></html>";
  cc_result *r;
  cc_error err;
  CHECK(cc_extract(page, strlen(page), NULL, &r, &err) == CC_OK);
  CHECK_STR(cc_result_text(r), "The summary of the page.\n");
  cc_result_free(r);
}

TEST(noscript_holding_the_page_is_read) {
  /* an app shell serving its content to clients without JavaScript */
  const char *page = "<html><body><div id=app></div><noscript><div class=post><p>"
      "The first post of the thread explains the problem in some detail, with enough words to "
      "be read as content by anybody.</p><p>The second paragraph adds what was tried already, "
      "and what did not work, so that others can help.</p><p>A third paragraph thanks everyone "
      "in advance for their time and for reading this far into the post.</p>"
      "<p>And a fourth one says where the logs are, in case anybody wants to look at them, "
      "which would be very kind indeed.</p></div></noscript></body></html>";
  cc_result *r;
  cc_error err;
  CHECK(cc_extract(page, strlen(page), NULL, &r, &err) == CC_OK);
  CHECK(strstr(cc_result_text(r), "The first post of the thread") != NULL);
  cc_result_free(r);
  /* a tracking pixel's noscript changes nothing */
  const char *pixel = "<html><body>" PARA "<noscript><img src=/p.gif></noscript></body></html>";
  CHECK(cc_extract(pixel, strlen(pixel), NULL, &r, &err) == CC_OK);
  CHECK(strstr(cc_result_text(r), "This is a sentence") != NULL);
  cc_result_free(r);
}

int main(void) {
  RUN(models_match_the_feature_lists);
  RUN(blocks_are_text_holders_in_document_order);
  RUN(features_of_text_tags_and_ancestors);
  RUN(repeated_siblings_make_a_group);
  RUN(page_statements_are_page_features);
  RUN(every_block_gets_a_probability_and_a_fate);
  RUN(comments_are_kept_apart_on_request);
  RUN(a_page_without_visible_text_gives_what_it_states);
  RUN(noscript_holding_the_page_is_read);
  return test_summary();
}
