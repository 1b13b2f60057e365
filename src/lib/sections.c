/* sections.c — boilerplate sections announced by their heading.
 *
 * "You may also like", "Related articles", "Comments", "À lire aussi":
 * a short heading whose wording is a related/comments/newsletter label
 * announces a section of teasers, comments or prompts, however rich in
 * text that section is (excerpts of other posts can outweigh a short
 * article). Run after measuring and before scoring, so such sections
 * never compete for the article: the section is the heading's parent when
 * the heading opens it, else the heading and the teaser-like siblings
 * that follow it, up to the first paragraph of prose.
 */
#include <string.h>

#include "phrases.h"
#include "pipeline.h"

/* Only these announce sections of other content; a share bar or a
 * newsletter box is self-contained (the filter handles it). */
#define SECTION_CATS ((1u << CC_PH_RELATED) | (1u << CC_PH_COMMENTS))

/* A heading-like block: a heading, or a short block of its own. */
static int heading_like(const cc_node *x, const cc_stat *s) {
  if (x->type != CC_NODE_ELEMENT || cc_link_density(s) >= 0.5f) return 0;
  if (cc_tag_class((cc_tag)x->tag) & CC_TC_HEADING) return s->words <= 10;
  return s->holder && s->own_chars == s->chars && s->words >= 1 && s->words <= 6 &&
         s->chars <= 60 && x->tag != CC_TAG_LI && x->tag != CC_TAG_A &&
         x->tag != CC_TAG_TD && x->tag != CC_TAG_TH;
}

/* Prose: a paragraph that reads as article text. */
static int prose(const cc_stat *s) {
  return s->chars >= 80 && s->punct > 0 && cc_link_density(s) < 0.3f && !s->imgs;
}

int cc_stage_sections(cc_ctx *ctx) {
  cc_dom *d = &ctx->dom;
  cc_stat *st = ctx->st;
  cc_node *body = d->body ? d->body : d->root;
  uint32_t page = st[body->id].chars;
  char text[256];
  for (uint32_t i = 1; i < d->nnodes; i++) {
    cc_node *h = d->byid[i];
    cc_stat *s = &st[i];
    if (!s->in_body || !heading_like(h, s) || (h->flags & CC_NF_DROPPED)) continue;
    size_t tl = cc_dom_text(h, text, sizeof text);
    if (!tl) continue;
    cc_phrase_scan ps;
    cc_phrases_scan(text, tl, &ps);
    /* the heading must be the label itself, not a sentence mentioning it */
    if (!(ps.categories & SECTION_CATS) || !cc_phrases_is_boilerplate(&ps) ||
        ps.covered * 2 < ps.words)
      continue;
    cc_node *p = h->parent;
    const cc_node *first = p ? p->first : NULL;
    while (first && (first->type != CC_NODE_ELEMENT || st[first->id].chars == 0) &&
           !(first->type == CC_NODE_TEXT && st[first->id].chars > 1))
      first = first->next;
    if (first == h && p != body && p->type == CC_NODE_ELEMENT && p->tag != CC_TAG_MAIN &&
        st[p->id].chars * 2 < page) {
      cc_drop(ctx, p, "section announced as related/comments");
      continue;
    }
    cc_drop(ctx, h, "heading of a related/comments section");
    for (cc_node *sib = h->next; sib; sib = sib->next) {
      if (sib->type != CC_NODE_ELEMENT) {
        if (sib->type == CC_NODE_TEXT && st[sib->id].chars > 1) break;
        continue;
      }
      const cc_stat *ss = &st[sib->id];
      if (cc_tag_class((cc_tag)sib->tag) & CC_TC_HEADING) break;
      if (prose(ss) && ss->blocks <= 1) break;
      cc_drop(ctx, sib, "inside a related/comments section");
    }
  }
  return 0;
}
