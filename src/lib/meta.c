/* meta.c — placeholder metadata: <title>, <html lang>, canonical URL. */
#include <string.h>

#include "pipeline.h"
#include "url.h"

int cc_stage_meta(cc_ctx *ctx) {
  cc_dom *d = &ctx->dom;
  cc_meta *m = &ctx->meta;
  for (cc_node *x = d->root; x; x = cc_dom_next(d->root, x, 0)) {
    if (x->type != CC_NODE_ELEMENT) continue;
    if (x->tag == CC_TAG_TITLE && !m->title && x->first && x->first->type == CC_NODE_TEXT)
      m->title = cc_arena_strndup(ctx->arena, x->first->text, x->first->len);
    else if (x->tag == CC_TAG_HTML && !m->language)
      m->language = cc_node_attr(x, "lang");
    else if (x->tag == CC_TAG_LINK && !m->url) {
      const char *rel = cc_node_attr(x, "rel");
      if (rel && !strcmp(rel, "canonical")) m->url = cc_node_attr(x, "href");
    }
  }
  if (ctx->opt->url) m->url = ctx->opt->url;
  return 0;
}
