/* explain.c — the --explain report: every text block of the body with its
 * measurements, the score of the container it sits in, and its fate
 * (kept, dropped and why, or outside the selected article). Also owns
 * cc_drop(), the one place subtrees are dropped, so reasons are recorded
 * uniformly. */
#include <stdio.h>
#include <string.h>

#include "pipeline.h"

void cc_drop(cc_ctx *ctx, cc_node *x, const char *why) {
  x->flags |= CC_NF_DROPPED;
  if (ctx->why) ctx->why[x->id] = why;
}

/* The length of s[0..n) without a UTF-8 sequence cut short at its end:
 * a complete last character stays, a partial one goes. */
static size_t utf8_whole(const char *s, size_t n) {
  size_t i = n;
  /* back over at most three continuation bytes to the last lead byte */
  while (i && n - i < 3 && ((unsigned char)s[i - 1] & 0xc0) == 0x80) i--;
  if (!i) return n;
  unsigned char c = (unsigned char)s[i - 1];
  if (c < 0xc0) return n; /* ends in ASCII (or not in a sequence): nothing cut */
  size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
  return n - (i - 1) >= want ? n : i - 1;
}

/* Appends ".%s" of at most max bytes, never splitting a character. */
static int put_part(char *out, size_t cap, int n, char sep, const char *v, size_t max) {
  if (n < 0 || (size_t)n + 2 >= cap) return n;
  size_t k = strlen(v);
  if (k > max) k = utf8_whole(v, max);
  if (k > cap - (size_t)n - 2) k = utf8_whole(v, cap - (size_t)n - 2);
  out[n++] = sep;
  memcpy(out + n, v, k);
  n += (int)k;
  out[n] = '\0';
  return n;
}

/* "div.article-body#main" style label, truncated. */
static void label(const cc_node *x, char *out, size_t cap) {
  const char *cls = cc_node_attr(x, "class");
  const char *id = cc_node_attr(x, "id");
  int n = snprintf(out, cap, "%s", cc_tag_name((cc_tag)x->tag));
  if (cls && *cls) {
    int at = n;
    n = put_part(out, cap, n, '.', cls, 24);
    for (char *p = out + (at > 0 ? at : 0); *p; p++)
      if (*p == ' ') *p = '.';
  }
  if (id && *id) put_part(out, cap, n, '#', id, 20);
}

static void snippet(const cc_node *x, char *out, size_t cap) {
  size_t o = 0;
  int space = 1;
  for (const cc_node *t = x->first; t && o + 4 < cap; t = cc_dom_next(x, t, 0)) {
    if (t->type == CC_NODE_ELEMENT && (cc_tag_class((cc_tag)t->tag) & CC_TC_BLOCK)) {
      t = cc_dom_next(x, t, 1); /* own text only */
      if (!t) break;
      if (t->type != CC_NODE_TEXT) continue;
    }
    if (t->type != CC_NODE_TEXT) continue;
    for (uint32_t i = 0; i < t->len && o + 4 < cap; i++) {
      unsigned char c = (unsigned char)t->text[i];
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        if (!space) out[o++] = ' ';
        space = 1;
      } else {
        out[o++] = (char)c;
        space = 0;
      }
    }
  }
  /* a character the size limit cut short goes; a whole one stays */
  o = utf8_whole(out, o);
  out[o] = '\0';
}

void cc_explain_blocks(cc_ctx *ctx) {
  if (!ctx->explain) return;
  cc_dom *d = &ctx->dom;
  cc_buf *e = ctx->explain;
  cc_node *body = d->body ? d->body : d->root;
  char lab[96], snip[96], tl[96];
  if (ctx->top) {
    label(ctx->top, tl, sizeof tl);
    cc_buf_printf(e, "container #%u %s score=%.1f chars=%u ld=%.2f\n", ctx->top->id, tl,
                  (double)ctx->st[ctx->top->id].score, ctx->st[ctx->top->id].chars,
                  (double)cc_link_density(&ctx->st[ctx->top->id]));
  }
  /* the ancestors that put the container in boilerplate context */
  if (ctx->top && ctx->st[ctx->top->id].negctx) {
    cc_buf_puts(e, "context:");
    for (const cc_node *a = ctx->top->parent; a && a->type == CC_NODE_ELEMENT; a = a->parent) {
      const cc_stat *s = &ctx->st[a->id];
      if (s->hint.weight > -20 && a->tag != CC_TAG_NAV && a->tag != CC_TAG_ASIDE &&
          a->tag != CC_TAG_FOOTER)
        continue;
      label(a, tl, sizeof tl);
      cc_buf_printf(e, " #%u %s (hint %d)", a->id, tl, s->hint.weight);
    }
    cc_buf_putc(e, '\n');
  }
  /* the five best candidates */
  uint32_t best[5] = {0};
  for (uint32_t i = 1; i < d->nnodes; i++) {
    if (!ctx->st[i].candidate) continue;
    for (int k = 0; k < 5; k++) {
      if (!best[k] || ctx->st[i].score > ctx->st[best[k]].score) {
        memmove(best + k + 1, best + k, (size_t)(4 - k) * sizeof best[0]);
        best[k] = i;
        break;
      }
    }
  }
  for (int k = 0; k < 5 && best[k]; k++) {
    const cc_stat *s = &ctx->st[best[k]];
    label(d->byid[best[k]], tl, sizeof tl);
    cc_buf_printf(e, "candidate #%u %s score=%.1f chars=%u ld=%.2f hint=%d%s\n", best[k], tl,
                  (double)s->score, s->chars, (double)cc_link_density(s), s->hint.weight,
                  s->negctx ? " (in boilerplate context)" : "");
  }
  cc_buf_puts(e, "fate        id     chars  ld   punct cscore  element / text\n");
  int selected = 0;
  const char *dropped = NULL;
  const cc_node *drop_root = NULL;
  for (cc_node *x = body; x; x = cc_dom_next(body, x, 0)) {
    if (x->type != CC_NODE_ELEMENT) continue;
    /* state from ancestors: recomputed per node, cheap enough for a
     * debugging report */
    selected = 0;
    dropped = NULL;
    drop_root = NULL;
    for (const cc_node *a = x; a; a = a->parent) {
      if (a->flags & CC_NF_SELECTED) selected = 1;
      if ((a->flags & CC_NF_DROPPED) && !drop_root) {
        drop_root = a;
        dropped = ctx->why && ctx->why[a->id] ? ctx->why[a->id] : "dropped";
      }
    }
    const cc_stat *s = &ctx->st[x->id];
    if (!s->holder || !s->own_words) continue;
    float cscore = 0;
    for (const cc_node *a = x->parent; a; a = a->parent)
      if (ctx->st[a->id].candidate) {
        cscore = ctx->st[a->id].score;
        break;
      }
    const char *fate = !selected ? "outside" : dropped ? "DROP" : "KEEP";
    label(x, lab, sizeof lab);
    snippet(x, snip, 72);
    cc_buf_printf(e, "%-8s %6u %8u %4.2f %5u %6.1f  %s \"%s\"", fate, x->id, s->own_chars,
                  s->own_chars ? (double)s->own_link / s->own_chars : 0.0, s->own_punct,
                  (double)cscore, lab, snip);
    if (dropped) {
      char rl[96];
      label(drop_root, rl, sizeof rl);
      cc_buf_printf(e, "  <- %s (%s #%u)", dropped, rl, drop_root->id);
    }
    cc_buf_putc(e, '\n');
  }
}
