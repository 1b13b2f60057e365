/* filter.c — dropping boilerplate inside the selected article region.
 *
 * Works on whole subtrees (a "related" box, a share bar, a caption) and on
 * single text blocks (a donation appeal, a "read also" line), flagging
 * them CC_NF_DROPPED with the reason recorded for --explain. It never
 * drops a subtree holding most of the region's text: a misnamed wrapper
 * must not take the article with it.
 */
#include <string.h>

#include "phrases.h"
#include "normalize.h"
#include "pipeline.h"

/* Hint kinds that mark a subtree as boilerplate when its weight is
 * negative. Captions and bylines are blocks, handled separately. */
#define BOILER_KINDS                                                      \
  (CC_HK_NAV | CC_HK_FOOTER | CC_HK_SIDEBAR | CC_HK_COMMENT |             \
   CC_HK_SHARE | CC_HK_RELATED | CC_HK_AD | CC_HK_CONSENT |               \
   CC_HK_SUBSCRIBE | CC_HK_DONATE | CC_HK_MODAL | CC_HK_HIDDEN |          \
   CC_HK_META)


/* A heading repeats the title when one contains the other (the title may
 * carry a site name, the heading a kicker). */
static int same_title(const char *text, size_t tl, const char *title) {
  char a[512], b[512];
  size_t al = cc_squash(text, tl, a, sizeof a), bl = cc_squash(title, strlen(title), b, sizeof b);
  if (al < 8 || bl < 8) return al && al == bl && memcmp(a, b, al) == 0;
  return al <= bl ? strstr(b, a) != NULL : strstr(a, b) != NULL;
}

/* 1 when the text ends like a sentence: . ! ? … or a closing quote. */
static int ends_sentence(const char *t, size_t n) {
  while (n && (t[n - 1] == ' ')) n--;
  if (!n) return 0;
  unsigned char c = (unsigned char)t[n - 1];
  if (c == '.' || c == '!' || c == '?' || c == '"' || c == ')') return 1;
  /* … » ” in UTF-8 */
  if (n >= 3 && (unsigned char)t[n - 3] == 0xe2 && (unsigned char)t[n - 2] == 0x80 &&
      (c == 0xa6 || c == 0x9d))
    return 1;
  if (n >= 2 && (unsigned char)t[n - 2] == 0xc2 && c == 0xbb) return 1;
  /* 。 ！ ？ (CJK full stop, full-width ! and ?) */
  if (n >= 3 && (((unsigned char)t[n - 3] == 0xe3 && (unsigned char)t[n - 2] == 0x80 && c == 0x82) ||
                 ((unsigned char)t[n - 3] == 0xef && (unsigned char)t[n - 2] == 0xbc &&
                  (c == 0x81 || c == 0x9f))))
    return 1;
  return 0;
}

/* 1 when the text holds a year (1900-2099) or a clock time (12:30). */
static int has_date(const char *t, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    const char *p = t + i;
    int lead = i == 0 || !(p[-1] >= '0' && p[-1] <= '9');
    if (!lead) continue;
    if (i + 4 <= n && (!strncmp(p, "19", 2) || !strncmp(p, "20", 2)) && p[2] >= '0' &&
        p[2] <= '9' && p[3] >= '0' && p[3] <= '9' && (i + 4 == n || p[4] < '0' || p[4] > '9'))
      return 1;
    if (i + 4 <= n && p[0] >= '0' && p[0] <= '9' &&
        ((p[1] == ':' && p[2] >= '0' && p[2] <= '5' && p[3] >= '0' && p[3] <= '9') ||
         (i + 5 <= n && p[1] >= '0' && p[1] <= '9' && p[2] == ':' && p[3] >= '0' &&
          p[3] <= '5' && p[4] >= '0' && p[4] <= '9')))
      return 1;
  }
  return 0;
}

static int in_table(const cc_node *x) {
  for (const cc_node *a = x->parent; a && a->type == CC_NODE_ELEMENT; a = a->parent)
    if (a->tag == CC_TAG_TABLE) return 1;
  return 0;
}

/* 1 when a header holds a first-level heading (the article's own header:
 * its parts are judged one by one, so a lead inside it survives). */
static int has_headline(const cc_node *h) {
  for (const cc_node *x = h->first; x; x = cc_dom_next(h, x, 0))
    if (cc_node_is(x, CC_TAG_H1)) return 1;
  return 0;
}

static int within_selected(const cc_node *x) {
  for (; x; x = x->parent)
    if (x->flags & CC_NF_SELECTED) return 1;
  return 0;
}

int cc_stage_filter(cc_ctx *ctx) {
  cc_dom *d = &ctx->dom;
  cc_stat *st = ctx->st;
  cc_node *body = d->body ? d->body : d->root;
  /* total selected text */
  uint32_t region = 0;
  for (uint32_t i = 1; i < d->nnodes; i++)
    if (d->byid[i]->flags & CC_NF_SELECTED) region += st[i].chars;
  if (!region) region = 1;

  char text[2048];
  int headline_seen = 0, content_seen = 0;
  for (cc_node *x = body; x; ) {
    /* every element of the selection is judged, the siblings joined to
     * the container included; only the container itself is not */
    if (x->type != CC_NODE_ELEMENT || x == ctx->top || !within_selected(x)) {
      x = cc_dom_next(body, x, 0);
      continue;
    }
    cc_stat *s = &st[x->id];
    const char *why = NULL;
    int big = s->chars * 2 > region; /* holds most of the article */
    float ld = cc_link_density(s);
    if (!big) {
      /* an embedded post (blockquote.twitter-tweet, .instagram-media) is
       * quoted content, whatever network its class names */
      int embed = (x->tag == CC_TAG_BLOCKQUOTE || (s->hint.kinds & CC_HK_EMBED)) &&
                  !(s->hint.kinds & ~(unsigned)(CC_HK_SHARE | CC_HK_CONTENT | CC_HK_EMBED));
      if (!embed && (s->hint.kinds & BOILER_KINDS) && s->hint.weight < 0 &&
          !(s->hint.kinds & CC_HK_STRONG_CONTENT))
        why = "class/id names boilerplate";
      else if (x->tag == CC_TAG_NAV || x->tag == CC_TAG_ASIDE ||
               (x->tag == CC_TAG_FOOTER && !cc_node_is(x->parent, CC_TAG_BLOCKQUOTE)))
        why = "navigation/aside/footer element"; /* a quote's footer is its attribution */
      else if (x->tag == CC_TAG_FIGCAPTION || (s->hint.kinds & CC_HK_CAPTION))
        why = "caption or credit";
      if (why && x->tag == CC_TAG_FIGCAPTION)
        x->flags |= CC_NF_CAPTION; /* out of the text; under its image in md and html */
      else if ((x->tag == CC_TAG_UL || x->tag == CC_TAG_OL) && s->lis > 1 && ld > 0.6f)
        why = "list of links";
      else if ((x->tag == CC_TAG_DIV || x->tag == CC_TAG_SECTION || x->tag == CC_TAG_TABLE ||
                x->tag == CC_TAG_HEADER || x->tag == CC_TAG_UL || x->tag == CC_TAG_OL) &&
               ld > 0.5f && s->chars < 1000)
        why = "link-dense block";
      else if (x->tag == CC_TAG_P && ld > 0.5f && s->chars - s->link_chars <= 20)
        why = "link with a label (teaser)";
      else if (s->links >= 3 && ld > 0.7f && s->chars < 1000)
        why = "link-dense block";
      else if ((s->hint.kinds & CC_HK_BYLINE) && s->chars < 200)
        why = "byline or dateline";
      else if (s->inputs > 0 && s->inputs * 3 > (unsigned)s->blocks + 1)
        why = "form";
      else if (x->tag == CC_TAG_HEADER && !has_headline(x))
        why = "header inside the article";
      else if ((s->hint.kinds & CC_HK_LABEL) && s->hint.weight < 0 && s->words <= 8)
        why = "label (kicker, rubric)";
    }
    if (!why && s->holder && cc_is_site_boilerplate(ctx, x->id))
      why = "repeats across the site";
    if (!why && s->holder && s->own_chars > 0 && !(ctx->opt->flags & CC_OPT_NO_FILTER)) {
      size_t tl = cc_dom_text(x, text, sizeof text);
      cc_phrase_scan ps;
      /* table cells are data: a cell holding "6" is a score, not the
       * comment counter the same phrase would catch elsewhere */
      if (tl && s->chars < 1500 && x->tag != CC_TAG_TD && x->tag != CC_TAG_TH) {
        cc_phrases_scan(text, tl, &ps);
        if (cc_phrases_is_boilerplate(&ps)) why = cc_phrase_category_name(ps.first);
      }
      /* the headline goes to metadata, not the body: an h1, or an h2/h3
       * repeating the title */
      if (!why && !(ctx->opt->flags & CC_OPT_KEEP_TITLE) && !headline_seen &&
          (x->tag == CC_TAG_H1 ||
           ((x->tag == CC_TAG_H2 || x->tag == CC_TAG_H3) && ctx->meta.title &&
            same_title(text, tl, ctx->meta.title)))) {
        x->flags |= CC_NF_TITLE;
        headline_seen = 1;
        why = "headline";
      }
    }
    /* Before the first paragraph of prose, short lines that are not
     * sentences are labels: rubric, kicker, "Brève", "Posted: ...",
     * "Highlights". An inline element carrying all of its block's own
     * text counts as such a line. */
    if (!why && !content_seen && !(cc_tag_class((cc_tag)x->tag) & CC_TC_HEADING) &&
        s->words && s->words <= 12 && s->chars <= 80 && x->tag != CC_TAG_LI &&
        x->tag != CC_TAG_IMG && !s->imgs) {
      int line = s->holder && s->own_chars == s->chars;
      if (!line && !(cc_tag_class((cc_tag)x->tag) & CC_TC_BLOCK) && !s->blocks) {
        const cc_node *h = x->parent; /* the block this inline text belongs to */
        while (h && h->type == CC_NODE_ELEMENT && !(cc_tag_class((cc_tag)h->tag) & CC_TC_BLOCK))
          h = h->parent;
        if (h && st[h->id].own_chars <= s->chars + 2 &&
            !(h->type == CC_NODE_ELEMENT &&
              ((cc_tag_class((cc_tag)h->tag) & CC_TC_HEADING) || h->tag == CC_TAG_LI)))
          line = 1;
      }
      if (line && !in_table(x)) {
        size_t tl = cc_dom_text(x, text, sizeof text);
        if (!ends_sentence(text, tl) &&
            ((s->words <= 3 && s->chars <= 40) || has_date(text, tl)))
          why = "label or date before the text";
      }
    }
    if (!why && s->holder && !(cc_tag_class((cc_tag)x->tag) & CC_TC_HEADING) &&
        s->own_chars >= 80 && s->own_punct > 0 && s->own_link * 2 < s->own_chars)
      content_seen = 1;
    if (why) {
      cc_drop(ctx, x, why);
      x = cc_dom_next(body, x, 1);
    } else {
      x = cc_dom_next(body, x, 0);
    }
  }
  return 0;
}
