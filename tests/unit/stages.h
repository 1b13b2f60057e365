/* stages.h — runs the HTML pipeline stage by stage on a string, for the
 * unit tests of scoring, filtering and article building. */
#ifndef CC_TEST_STAGES_H
#define CC_TEST_STAGES_H

#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "pipeline.h"
#include "preclean.h"
#include "render.h"

typedef struct stage_doc {
  cc_arena arena;
  cc_options opt;
  cc_ctx ctx;
} stage_doc;

/* Parses html and runs the stages up to and including `upto`:
 * 1 measure, 2 select, 3 filter, 4 classify and decide, 5 article. */
static inline void stage_run(stage_doc *s, const char *html, int upto) {
  memset(s, 0, sizeof *s);
  cc_arena_init(&s->arena);
  cc_options_init(&s->opt);
  s->ctx.arena = &s->arena;
  s->ctx.opt = &s->opt;
  cc_parse_limits lim = {s->opt.max_nodes, s->opt.max_depth};
  cc_parse_gumbo(&s->arena, html, strlen(html), &lim, &s->ctx.dom, s->ctx.err);
  cc_stage_meta(&s->ctx);
  cc_preclean_stats ps;
  cc_preclean(&s->ctx.dom, &ps);
  s->ctx.why = cc_arena_calloc(&s->arena, s->ctx.dom.nnodes * sizeof *s->ctx.why);
  if (upto >= 1) cc_stage_measure(&s->ctx);
  if (upto >= 1) cc_stage_fingerprint(&s->ctx);
  if (upto >= 2) cc_stage_sections(&s->ctx);
  if (upto >= 2) cc_stage_select(&s->ctx);
  if (upto >= 3) cc_stage_filter(&s->ctx);
  if (upto >= 4) cc_stage_classify(&s->ctx);
  if (upto >= 4) cc_stage_decide(&s->ctx);
  if (upto >= 5) cc_stage_article(&s->ctx);
}

static inline void stage_free(stage_doc *s) { cc_arena_free(&s->arena); }

/* The element with id="name", or NULL. */
static inline cc_node *stage_by_id(stage_doc *s, const char *name) {
  for (uint32_t i = 0; i < s->ctx.dom.nnodes; i++) {
    cc_node *n = s->ctx.dom.byid[i];
    const char *v = n->type == CC_NODE_ELEMENT ? cc_node_attr(n, "id") : NULL;
    if (v && strcmp(v, name) == 0) return n;
  }
  return NULL;
}

/* 1 when n is kept: inside a selected subtree and not inside a dropped one. */
static inline int stage_kept(const cc_node *n) {
  int sel = 0;
  for (const cc_node *a = n; a; a = a->parent) {
    if (a->flags & CC_NF_DROPPED) return 0;
    if (a->flags & CC_NF_SELECTED) sel = 1;
  }
  return sel;
}

/* For tests of the article builder alone: the kept mask (decide.c's
 * ctx->kept) made from the flags, every node of a selected subtree kept
 * unless it is inside a dropped one. */
static inline void stage_mask_from_flags(stage_doc *s) {
  uint32_t n = s->ctx.dom.nnodes ? s->ctx.dom.nnodes : 1;
  s->ctx.kept = cc_arena_calloc(&s->arena, n);
  for (uint32_t i = 0; i < s->ctx.dom.nnodes; i++)
    s->ctx.kept[i] = (uint8_t)stage_kept(s->ctx.dom.byid[i]);
}

/* The article tree of a body whose <div id=a> is forced to be what is
 * kept (so a test sees the builder and what follows it, not the scorer or
 * the model), rendered as txt into out after `then` (a later stage, or
 * NULL) ran on it. */
static inline const char *stage_article_txt(const char *body, int (*then)(cc_ctx *),
                                            char *out, size_t cap) {
  stage_doc s;
  stage_run(&s, body, 1);
  cc_node *a = stage_by_id(&s, "a");
  if (a) a->flags |= CC_NF_SELECTED;
  stage_mask_from_flags(&s);
  cc_stage_article(&s.ctx);
  if (then) then(&s.ctx);
  cc_buf b = CC_BUF_INIT;
  cc_render_txt(s.ctx.ast, &b);
  snprintf(out, cap, "%s", b.data ? b.data : "");
  cc_buf_free(&b);
  stage_free(&s);
  return out;
}

#endif
