/* meta_head.c — the article's head: the headline its reader sees above
 * the text, and the date shown next to it (see meta.h).
 *
 * It runs after the filter, when the article's region is known, and
 * corrects what the metadata stage found from the page's markup:
 *
 *   title  The headline is the heading the article starts under: the
 *          first h1 of the selected region (or the h2/h3 repeating the
 *          title that the filter took as headline), else the nearest h1
 *          before the region. Its text becomes the title, unless it is
 *          only the site's name; og:title and <title> stay the fallback
 *          (sites often write them for search engines and social cards:
 *          "Best Tax Preparation Software" over a page headed "The Best
 *          Tax Prep Software of 2025").
 *   dates  The dates written near the headline — before the first
 *          paragraphs of prose, outside comments and related links — are
 *          read with the label in front of them ("Published", "Updated
 *          on", "Mis à jour le"...). A publication date found there
 *          outranks the weak sources elsewhere on the page (a date
 *          element anywhere, the URL, a bare <time>), and the page's
 *          metadata only when that says the article appeared days after
 *          the date shown (and no date near the headline is the
 *          metadata's): a page re-saved or moved. An update date fills
 *          `modified` when the markup has none. The article's `date` is
 *          its publication date, else its last update.
 *
 * The walk around the headline is bounded (HEAD_TEXT characters of text,
 * HEAD_NODES nodes), so the stage is linear in the page, whatever it holds.
 * Everything it keeps is allocated in the context's arena.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meta.h"
#include "normalize.h"
#include "pipeline.h"
#include "url.h"

#define HEAD_TEXT 900   /* characters of text read after the headline */
#define HEAD_BEFORE 300 /* ... and before it */
#define HEAD_NODES 600
#define DATE_BLOCK 160  /* a text block longer than this is prose, not a date line */

/* ---- the headline ---- */

static int is_ancestor(const cc_node *a, const cc_node *x) {
  for (x = x->parent; x; x = x->parent)
    if (x == a) return 1;
  return 0;
}

static int in_tree(const cc_dom *d, const cc_node *x) {
  while (x->parent) x = x->parent;
  return x == d->root;
}

/* The region the selection covers, by node id: [first, end]. */
static int region(const cc_ctx *ctx, uint32_t *first, uint32_t *end) {
  const cc_dom *d = &ctx->dom;
  *first = *end = 0;
  for (uint32_t i = 1; i < d->nnodes; i++) {
    const cc_node *x = d->byid[i];
    if (!(x->flags & CC_NF_SELECTED)) continue;
    const cc_node *l = x;
    while (l->last) l = l->last;
    if (!*first) *first = i;
    if (l->id > *end) *end = l->id;
  }
  return *first != 0;
}

/* Does a class or id value hold one of the words (lowercase substrings
 * of its tokens), or, in `whole`, one of its tokens exactly? Returns the
 * index of the first word found plus one, else 0. Long values are read
 * in full: a class list may carry dozens of tokens. */
static size_t attr_words(const char *v, const char *const *words, size_t nw,
                         const char *const *whole, size_t nwhole) {
  for (const char *p = v; p && *p;) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    char tok[64];
    size_t n = 0;
    for (; *p && *p != ' ' && *p != '\t' && *p != '\n'; p++)
      if (n < sizeof tok - 1) tok[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
    tok[n] = '\0';
    for (size_t i = 0; n && i < nw; i++) {
      const char *hit = strstr(tok, words[i]);
      if (hit && !cc_meta_author_lookalike(hit)) return i + 1;
    }
    for (size_t i = 0; n && i < nwhole; i++)
      if (!strcmp(tok, whole[i])) return nw + i + 1;
  }
  return 0;
}

/* A logo: an h1 that names the site, not the article. Its markup says
 * so: a class or id such as "logo", "site-title", "navbar-brand" on the
 * h1, inside it or on its parent or grandparent, or a link to the site's
 * front page around or inside it. Classes further up say nothing: a
 * WordPress <body> carries "wp-custom-logo" on every page, and a page's
 * "masthead" banner holds its headline as often as its logo. Data: the
 * words. */
static const char *const logo_words[] = {"logo", "branding", "site-title", "site-name",
                                         "sitename", "site_title"};
static const char *const logo_tokens[] = {"brand", "navbar-brand", "header-brand"};
#define LOGO_UP 2 /* ancestors whose class still speaks for the h1 */

static int words_logo(const cc_node *x) {
  for (int k = 0; k < 2; k++)
    if (attr_words(cc_node_attr(x, k ? "id" : "class"), logo_words,
                   sizeof logo_words / sizeof *logo_words, logo_tokens,
                   sizeof logo_tokens / sizeof *logo_tokens))
      return 1;
  return 0;
}

static int front_page(const char *href) {
  if (!href) return 0;
  const char *p = strstr(href, "://");
  if (p) {
    p = strchr(p + 3, '/');
    if (!p) return 1;
  } else {
    p = href;
  }
  return (p[0] == '/' && (!p[1] || p[1] == '?' || p[1] == '#')) || !strcmp(p, "./");
}

static int is_logo(const cc_node *h) {
  unsigned seen = 0;
  for (const cc_node *x = h; x && seen < 32; x = cc_dom_next(h, x, 0), seen++) {
    if (x->type != CC_NODE_ELEMENT) continue;
    if (words_logo(x)) return 1;
    if (x->tag == CC_TAG_A && front_page(cc_node_attr(x, "href"))) return 1;
  }
  const cc_node *p = h->parent;
  for (unsigned up = 0; p && up < LOGO_UP && p->type == CC_NODE_ELEMENT && p->tag != CC_TAG_BODY;
       p = p->parent, up++)
    if (words_logo(p) || (p->tag == CC_TAG_A && front_page(cc_node_attr(p, "href")))) return 1;
  return 0;
}

/* The page's <title> text (bounded), or "". */
static void page_title(const cc_dom *d, char *buf, size_t cap) {
  buf[0] = '\0';
  const cc_node *top = d->head ? d->head : d->root;
  unsigned seen = 0;
  for (const cc_node *x = top; x && seen < 400; x = cc_dom_next(top, x, 0), seen++)
    if (cc_node_is(x, CC_TAG_TITLE)) {
      cc_dom_text(x, buf, cap);
      return;
    }
}

/* The h1 is what the metadata stage cut off the <title> as the site's
 * name ("Headline | Planet" gave "Headline": an h1 "Planet" is a logo). */
static int cut_from_title(const cc_ctx *ctx, const char *t) {
  const char *mt = ctx->meta.title;
  char title[CC_META_TITLE_MAX * 2];
  page_title(&ctx->dom, title, sizeof title);
  const char *at = mt && *mt ? strstr(title, mt) : NULL;
  if (!at) return 0;
  const char *rest = at == title ? at + strlen(mt) : title;
  size_t rl = at == title ? strlen(rest) : (size_t)(at - title);
  while (rl && strchr(" |-:\xc2\xb7\xe2\x80\x93\x94", *rest)) rest++, rl--;
  while (rl && strchr(" |-:\xc2\xb7\xe2\x80\x93\x94", rest[rl - 1])) rl--;
  return rl && cc_meta_loose_eq(rest, rl, t, strlen(t));
}

/* Separators between a page's name and its site's in a <title>. Data. */
static const char *const title_seps[] = {" - ", " | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
                                         " \xc2\xb7 ", " :: ", " \xc2\xbb "};

/* The h1 stands outside the article and is the end of the page's <title>,
 * what comes before naming something else ("Traits - The Rust Programming
 * Language" over an h1 "The Rust Programming Language" in the top bar): it
 * names the site or the book, as a logo does. */
static int title_end_outside(const cc_ctx *ctx, const cc_node *h, const char *t) {
  uint32_t first, end;
  if (!region(ctx, &first, &end) || (h->id >= first && h->id <= end)) return 0;
  char title[CC_META_TITLE_MAX * 2];
  page_title(&ctx->dom, title, sizeof title);
  size_t tl = strlen(title), n = strlen(t);
  for (size_t i = 0; i < sizeof title_seps / sizeof *title_seps; i++) {
    size_t sl = strlen(title_seps[i]);
    const char *p = strstr(title, title_seps[i]);
    if (!p) continue;
    const char *last = p; /* the last separator of this kind */
    for (const char *q; (q = strstr(last + 1, title_seps[i]));) last = q;
    if (!cc_meta_loose_eq(last + sl, tl - (size_t)(last + sl - title), t, n)) continue;
    /* "Planet | Budget vote delayed": the site's name comes first, the h1
     * is the headline */
    const char *site = ctx->meta.site_name;
    return !(site && cc_meta_loose_eq(title, (size_t)(last - title), site, strlen(site)));
  }
  return 0;
}

/* Documentation headings end with their permalink anchor ("Install ¶",
 * "Usage #", "§", "🔗"): not part of the title. Cuts t in place (it is
 * the arena's copy). */
static const char *drop_permalink(const char *t) {
  static const char *const marks[] = {"\xc2\xb6", "\xc2\xa7", "\xf0\x9f\x94\x97", " #"};
  char *s = (char *)t;
  size_t n = strlen(s);
  for (int again = 1; again;) {
    again = 0;
    while (n && s[n - 1] == ' ') n--;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
      size_t m = strlen(marks[i]);
      if (n > m && !memcmp(s + n - m, marks[i], m)) n -= m, again = 1;
    }
  }
  s[n] = 0;
  return s;
}

/* The headline's text as a title, or NULL when it cannot be one. */
static const char *heading_text(cc_ctx *ctx, const cc_node *h, const char **site_seen) {
  char buf[CC_META_TITLE_MAX * 2];
  /* a <time> in the headline is its date, not its words */
  size_t n = cc_dom_text_without(h, CC_TAG_TIME, buf, sizeof buf);
  if (!n) n = cc_dom_text(h, buf, sizeof buf);
  const char *t = cc_meta_text(ctx->arena, buf, n, CC_META_TITLE_MAX, CC_MT_ENTITIES);
  if (!t || !t[1]) return NULL;
  t = drop_permalink(t);
  const char *site = ctx->meta.site_name;
  if (site && cc_meta_loose_eq(t, strlen(t), site, strlen(site))) return NULL;
  if (is_logo(h) || cut_from_title(ctx, t) || title_end_outside(ctx, h, t)) {
    if (!*site_seen) *site_seen = t; /* a logo: the site's name */
    return NULL;
  }
  /* headlines carry the site's name too ("Headline – Site") */
  char host[256];
  const char *hostp = ctx->meta.url && cc_url_host(ctx->meta.url, host, sizeof host) ? host : NULL;
  return cc_meta_title_strip(ctx->arena, t, site, hostp, NULL, 0);
}

/* One title contains the other, ignoring case, spacing and punctuation,
 * and is at least half of it ("Reviews" is not the headline of "Reviews
 * of our yoga classes"). */
static int overlaps(const char *a, const char *b) {
  char x[CC_META_TITLE_MAX + 8], y[CC_META_TITLE_MAX + 8];
  size_t xl = cc_meta_key(a, strlen(a), x, sizeof x), yl = cc_meta_key(b, strlen(b), y, sizeof y);
  if (!xl || !yl || xl * 2 < yl || yl * 2 < xl) return 0;
  return xl <= yl ? strstr(y, x) != NULL : strstr(x, y) != NULL;
}

#define MAX_H1 8

/* The page's headline: its only h1 (or several saying the same); of
 * several, the one the page's title repeats (else none: the page's title
 * stands). h1s in navigation, sidebars and footers count only when the
 * page has no other: a page header or banner classed like a sidebar still
 * holds its headline. Hidden h1s and those naming only the site do not
 * count. Sets *text. */
static const cc_node *find_headline(cc_ctx *ctx, const char **text, const char **site) {
  const cc_dom *d = &ctx->dom;
  *site = NULL;
  *text = NULL;
  const cc_node *h[MAX_H1];
  const char *t[MAX_H1];
  unsigned n = 0, nneg = 0;
  for (uint32_t i = 1; i < d->nnodes && n < MAX_H1; i++) {
    const cc_node *x = d->byid[i];
    if (!cc_node_is(x, CC_TAG_H1) || !in_tree(d, x)) continue;
    const char *tx = heading_text(ctx, x, site);
    if (!tx) continue;
    int neg = ctx->st[i].negctx; /* in a sidebar or a footer, by its class */
    if (!neg && nneg == n) n = nneg = 0; /* the first clean one: the negs go */
    else if (neg && n > nneg) continue;
    nneg += neg;
    t[n] = tx;
    h[n++] = x;
  }
  if (!n) return NULL;
  unsigned pick = 0;
  for (unsigned k = 1; k < n; k++)
    if (!cc_meta_loose_eq(t[k], strlen(t[k]), t[0], strlen(t[0]))) pick = n;
  for (unsigned k = 0; k < n && pick == n; k++)
    if (ctx->meta.title && overlaps(t[k], ctx->meta.title)) pick = k;
  if (pick == n) return NULL;
  *text = t[pick];
  return h[pick];
}

/* ---- dates near the headline ---- */

typedef struct head_dates {
  const char *author; /* the first byline after the headline */
  const char *author_before; /* the nearest one before it */
  const char *pub, *mod;
  uint32_t pub_dist, mod_dist; /* characters of text from the headline */
  uint32_t dist;               /* ... of the block being read */
  long meta_day;       /* the markup's publication day (cc_meta_date_day), or -1 */
  long pub_day;        /* pub's day, or -1 */
  int seen_meta_pub;   /* a date read here is the markup's publication date */
  int carry;           /* a label ending the previous block ("Last updated") */
  uint32_t carry_left; /* characters of text it still applies over */
  int mdy;
} head_dates;

#define MAX_TIMES 4

/* A short block's text, with where its <time> elements start. */
typedef struct block_text {
  char t[DATE_BLOCK * 2 + 8];
  size_t n;
  size_t at[MAX_TIMES];
  const char *dt[MAX_TIMES]; /* their datetime attributes */
  unsigned ntimes;
} block_text;

static void block_gather(const cc_node *top, block_text *b) {
  b->n = b->ntimes = 0;
  for (const cc_node *x = top; x; x = cc_dom_next(top, x, 0)) {
    if (x->type == CC_NODE_TEXT) {
      size_t l = x->len < sizeof b->t - 1 - b->n ? x->len : sizeof b->t - 1 - b->n;
      memcpy(b->t + b->n, x->text, l);
      b->n += l;
    } else if (x->type == CC_NODE_ELEMENT && b->n < sizeof b->t - 1) {
      b->t[b->n++] = ' ';
      const char *dt = x->tag == CC_TAG_TIME ? cc_node_attr(x, "datetime") : NULL;
      if (dt && b->ntimes < MAX_TIMES) {
        b->at[b->ntimes] = b->n;
        b->dt[b->ntimes++] = dt;
      }
    }
  }
  b->t[b->n] = '\0';
}

/* A day apart is the same day written in two time zones: a page in
 * California shows "Dec 18" for 2025-12-19T03:05Z. */
#define SAME_DAY 1

static void take(cc_ctx *ctx, head_dates *hd, const char *s, size_t n, int label) {
  cc_date dt;
  if (label == CC_DL_OTHER || !n || !cc_meta_date_parse(s, n, hd->mdy, &dt)) return;
  long day = cc_meta_date_day(&dt);
  if (hd->meta_day >= 0 && day >= 0 && labs(day - hd->meta_day) <= SAME_DAY) hd->seen_meta_pub = 1;
  int mod = label == CC_DL_MODIFIED;
  const char **slot = mod ? &hd->mod : &hd->pub;
  uint32_t *dist = mod ? &hd->mod_dist : &hd->pub_dist;
  if (*slot && *dist <= hd->dist) return; /* the nearest one wins */
  *slot = cc_meta_date_iso(ctx->arena, &dt);
  *dist = hd->dist;
  if (!mod) hd->pub_day = day;
}

/* One segment of a block, under one label: a <time>'s datetime when one
 * starts in it, else the date written there. */
static void take_segment(cc_ctx *ctx, head_dates *hd, const block_text *b, size_t from,
                         size_t to, int label) {
  for (unsigned i = 0; i < b->ntimes; i++)
    if (b->at[i] >= from && b->at[i] < to) {
      take(ctx, hd, b->dt[i], strlen(b->dt[i]), label);
      return;
    }
  take(ctx, hd, b->t + from, to - from, label);
}

/* Reads the dates of a short block, cut where labels start: "Posted May
 * 2, 2024 · Updated June 3, 2025" gives both. */
static void read_block(cc_ctx *ctx, head_dates *hd, const block_text *b) {
  int label = hd->carry_left ? hd->carry : CC_DL_NONE;
  size_t seg = 0, at, len;
  for (;;) {
    int l = cc_meta_date_label(b->t + seg, b->n - seg, &at, &len);
    if (!l) break;
    take_segment(ctx, hd, b, seg, seg + at, label);
    label = l;
    seg += at + len;
  }
  take_segment(ctx, hd, b, seg, b->n, label);
  /* a label alone at the end of its block applies to the next one */
  hd->carry = label;
  hd->carry_left = label && b->n - seg < 4 ? 60 : 0;
}

/* A subtree whose dates are other pages' or other people's: comments,
 * related links, a quotation or an embedded post (a tweet's date). */
static int foreign(const cc_node *x, const cc_stat *s) {
  unsigned k = s->hint.kinds;
  if (x->tag == CC_TAG_BLOCKQUOTE || (k & CC_HK_EMBED)) return 1;
  /* the article's own meta line ("article__header__meta"): its "header"
   * is the article's, not the site's */
  if ((k & CC_HK_META) && (k & CC_HK_CONTENT)) k &= ~(unsigned)CC_HK_NAV;
  return s->hint.weight < 0 &&
         (k & (CC_HK_COMMENT | CC_HK_RELATED | CC_HK_AD | CC_HK_NAV | CC_HK_FOOTER));
}

/* A block that may be a date line: short, holding text, not a sentence
 * about something else. Returns 1 when read (its subtree is done). */
static int date_block(cc_ctx *ctx, head_dates *hd, const cc_node *x) {
  const cc_stat *s = &ctx->st[x->id];
  int time = x->tag == CC_TAG_TIME;
  /* an inline element carrying a block's short own text counts too: a
   * <span> date right after the <h1> in the same <div> */
  int line = !(cc_tag_class((cc_tag)x->tag) & CC_TC_BLOCK) && s->chars &&
             x->parent && ctx->st[x->parent->id].own_chars <= DATE_BLOCK;
  if (!time && !line && (!s->holder || !s->own_chars)) return 0;
  if (s->chars > DATE_BLOCK || s->words > 14) return time;
  block_text b;
  block_gather(x, &b);
  read_block(ctx, hd, &b);
  return 1;
}

/* ---- the byline near the headline ---- */

/* A class or id naming a byline or a poster, lowercase substrings. Data. */
static const char *const byline_classes[] = {"author", "byline", "username", "user-name",
                                             "poster", "submitted"};
/* ... of which those naming a user account: handles count there. */
static const char *const user_classes[] = {"username", "user-name", "poster"};

/* 0: not a byline; 1: a byline; 2: a user name (a forum poster). */
static int byline_kind(const char *v) {
  if (attr_words(v, user_classes, sizeof user_classes / sizeof *user_classes, NULL, 0)) return 2;
  return attr_words(v, byline_classes, sizeof byline_classes / sizeof *byline_classes, NULL, 0)
             ? 1
             : 0;
}

/* Path segments naming an author's page: WordPress's /author/jdoe/ and
 * its like. A link there names the article's author. Data. */
static const char *const author_paths[] = {"author", "authors", "autor", "autoren",
                                           "auteur", "auteurs", "autore", "autori", "autores"};

/* Does the link's path hold a segment naming an author's page? */
static int author_link(const cc_node *x) {
  const char *h = x->tag == CC_TAG_A ? cc_node_attr(x, "href") : NULL;
  if (!h) return 0;
  const char *p = strstr(h, "://");
  p = p ? strchr(p + 3, '/') : h;
  for (; p && *p; p = strchr(p + 1, '/')) {
    const char *seg = *p == '/' ? p + 1 : p;
    size_t n = strcspn(seg, "/?#");
    for (size_t i = 0; i < sizeof author_paths / sizeof *author_paths; i++)
      if (n == strlen(author_paths[i]) && !strncasecmp(seg, author_paths[i], n) && seg[n] == '/' &&
          seg[n + 1] && !strchr("/?#", seg[n + 1]))
        return 1; /* a name follows: /authors/ alone lists them all */
  }
  return 0;
}

static int has_names(cc_ctx *ctx, const char *s, size_t n) {
  cc_names names;
  memset(&names, 0, sizeof names);
  return cc_meta_names_add(ctx->arena, &names, s, n) > 0;
}

/* The names an element gives as a byline, or NULL. */
static const char *byline_of(cc_ctx *ctx, const cc_node *x) {
  const char *v = cc_node_attr(x, "data-author");
  int kind = 0;
  if (!v) v = cc_node_attr(x, "data-username");
  if (v) kind = 2;
  const char *ip = cc_node_attr(x, "itemprop"), *rel = cc_node_attr(x, "rel");
  if (!kind && ((ip && strstr(ip, "author")) || (rel && strstr(rel, "author")))) kind = 1;
  if (!kind) kind = byline_kind(cc_node_attr(x, "class"));
  if (!kind) kind = byline_kind(cc_node_attr(x, "id"));
  if (!kind && author_link(x)) kind = 1;
  char buf[256];
  size_t n = 0;
  if (!v) {
    const cc_stat *s = &ctx->st[x->id];
    if (s->chars == 0 || s->chars > 200) return NULL;
    long l = cc_meta_gather(x, buf, sizeof buf, 64);
    if (l <= 0) return NULL;
    n = (size_t)l;
    /* a text line opening with "By", "Posted by", "Von"... */
    if (!kind && !(s->holder && cc_meta_byline_start(buf, n))) return NULL;
    v = buf;
    /* "Written by" alone: the name is in the next block */
    if (s->holder && s->own_chars == s->chars && cc_meta_words(buf, n) <= 2 &&
        cc_meta_byline_start(buf, n) && !has_names(ctx, buf, n)) {
      const cc_node *nx = x;
      for (unsigned up = 0; nx && !nx->next && up < 3; up++) nx = nx->parent;
      nx = nx ? nx->next : NULL;
      for (unsigned k = 0; nx && k < 8 && nx->type != CC_NODE_ELEMENT; k++) nx = nx->next;
      char nb[128];
      long l = nx ? cc_meta_gather(nx, nb, sizeof nb, 32) : -1;
      if (l > 0 && (size_t)l + n + 2 < sizeof buf) {
        buf[n++] = ' ';
        memcpy(buf + n, nb, (size_t)l + 1);
        n += (size_t)l;
      }
    }
  } else {
    n = strlen(v);
  }
  if (!kind && !n) return NULL;
  cc_names names;
  memset(&names, 0, sizeof names);
  names.handles = kind == 2;
  cc_meta_names_add(ctx->arena, &names, v, n);
  return cc_meta_names_join(ctx->arena, &names);
}

/* After the anchor, in document order, until the prose has begun. */
static void scan_after(cc_ctx *ctx, const cc_node *anchor, int inside, head_dates *hd) {
  const cc_dom *d = &ctx->dom;
  const cc_node *body = d->body ? d->body : d->root;
  uint32_t text = 0, nodes = 0;
  unsigned prose = 0;
  for (const cc_node *x = inside ? anchor : cc_dom_next(body, anchor, 1);
       x && text < HEAD_TEXT && nodes < HEAD_NODES && prose < 2; nodes++) {
    if (x->type == CC_NODE_TEXT) {
      text += x->len;
      hd->carry_left = hd->carry_left > x->len ? hd->carry_left - x->len : 0;
      x = cc_dom_next(body, x, 0);
      continue;
    }
    const cc_stat *s = &ctx->st[x->id];
    if (x->type != CC_NODE_ELEMENT || foreign(x, s)) {
      x = cc_dom_next(body, x, 1);
      continue;
    }
    if (s->holder && s->own_chars >= 80 && s->own_punct && s->own_link * 2 < s->own_chars)
      prose++;
    hd->dist = text;
    if (!hd->author && (hd->author = byline_of(ctx, x))) {
      for (const cc_node *t = x; t; t = cc_dom_next(x, t, 0)) /* its dates too */
        if (t->type == CC_NODE_ELEMENT) date_block(ctx, hd, t);
      x = cc_dom_next(body, x, 1);
      continue;
    }
    int done = date_block(ctx, hd, x);
    if (done) /* its text counts once; a byline inside it is still one */
      for (const cc_node *t = x; t; t = cc_dom_next(x, t, 0)) {
        if (t->type == CC_NODE_TEXT) text += t->len;
        else if (t != x && !hd->author && t->type == CC_NODE_ELEMENT)
          hd->author = byline_of(ctx, t);
      }
    x = cc_dom_next(body, x, done);
  }
}

/* Before the anchor, nearest first (a date line above the headline,
 * under the kicker): node ids below it, in reverse document order. */
static void scan_before(cc_ctx *ctx, const cc_node *anchor, head_dates *hd) {
  const cc_dom *d = &ctx->dom;
  const cc_node *body = d->body ? d->body : d->root;
  uint32_t text = 0, nodes = 0;
  hd->carry_left = 0;
  for (uint32_t i = anchor->id; i-- > body->id && text < HEAD_BEFORE && nodes < HEAD_NODES / 4;
       nodes++) {
    const cc_node *x = d->byid[i];
    if (x->type == CC_NODE_TEXT) text += x->len;
    else if (x->type == CC_NODE_ELEMENT && x->id + 1 < anchor->id && in_tree(d, x) &&
             !foreign(x, &ctx->st[i]) && !is_ancestor(x, anchor)) {
      hd->dist = text + 1; /* after the headline wins a tie */
      date_block(ctx, hd, x);
      if (!hd->author_before) hd->author_before = byline_of(ctx, x);
    }
  }
}

/* ---- a slogan is not the page's name ---- */

#define SHARE_WORDS 32

/* Do two titles share a word (or number) of four characters or more? */
static int share_word(const char *a, const char *b) {
  uint64_t hb[SHARE_WORDS];
  unsigned nb = 0;
  cc_words it;
  cc_token t;
  cc_words_init(&it, b, strlen(b));
  while (nb < SHARE_WORDS && cc_words_next(&it, &t))
    if (t.kind != CC_TOK_SYM && t.len >= 4) hb[nb++] = t.hash;
  cc_words_init(&it, a, strlen(a));
  while (cc_words_next(&it, &t)) {
    if (t.kind == CC_TOK_SYM || t.len < 4) continue;
    for (unsigned i = 0; i < nb; i++)
      if (hb[i] == t.hash) return 1;
  }
  return 0;
}

/* The h1 of a landing, product or catalogue page is often a slogan ("Space
 * to figure things out", "Local, curated, intentional") while the page's
 * <title> names what it offers. There, an h1 sharing no word with the
 * title does not replace it. An article's, a thread's or a manual page's
 * headline is its name whatever its title says (headlines are rewritten
 * for search engines, the visible one stands). */
static int slogan(const cc_meta *m, const char *headline) {
  static const char *const named_by_h1[] = {"article", "forum", "documentation"};
  if (!m->title || !m->page_type) return 0;
  for (size_t i = 0; i < sizeof named_by_h1 / sizeof named_by_h1[0]; i++)
    if (!strcmp(m->page_type, named_by_h1[i])) return 0;
  return !share_word(headline, m->title);
}

/* ---- the stage ---- */

static void explain_head(cc_ctx *ctx, const char *field, const char *v) {
  if (ctx->explain && v) cc_buf_printf(ctx->explain, "meta  %-11s <- headline area: %.60s\n", field, v);
}

/* The headline shows a publication date days before the one the markup
 * gives, and no date near it is the markup's: the markup is wrong. A page
 * is not shown as published before it was; a later machine date is the
 * day a CMS rebuilt, imported or re-saved it (a blog moved to a new host,
 * a site builder stamping every page at each publish, the date an answer
 * was written on a question's page). A later shown date proves nothing:
 * it is an update as often as not. */
static int shown_earlier(const head_dates *hd) {
  return hd->meta_day >= 0 && !hd->seen_meta_pub && hd->pub_day >= 0 &&
         hd->pub_day + SAME_DAY < hd->meta_day;
}

int cc_stage_head(cc_ctx *ctx) {
  cc_meta *m = &ctx->meta;
  const char *t, *logo;
  const cc_node *h = find_headline(ctx, &t, &logo);
  if (t && slogan(m, t)) {
    if (ctx->explain)
      cc_buf_printf(ctx->explain, "meta  title       kept: the %s page's h1 shares no word with it: %.60s\n",
                    m->page_type, t);
  } else if (t) {
    m->title = t;
    explain_head(ctx, "title", t);
  } else if (logo && m->title) { /* the logo names the site: not in the title */
    m->title = cc_meta_title_strip(ctx->arena, m->title, logo, NULL, NULL, 0);
  }
  uint32_t first, end;
  const cc_node *anchor = h;
  if (!anchor && region(ctx, &first, &end)) anchor = ctx->dom.byid[first];
  if (!anchor) return 0;
  head_dates hd;
  memset(&hd, 0, sizeof hd);
  hd.meta_day = cc_meta_iso_day(m->published);
  hd.pub_day = -1;
  hd.mdy = m->language && !strncmp(m->language, "en", 2) &&
           (m->language[2] == '\0' || !strcmp(m->language + 2, "-US"));
  scan_after(ctx, anchor, anchor != h, &hd);
  scan_before(ctx, anchor, &hd);
  if (hd.pub && (!m->published || m->published_prio > CC_META_TIME_DATE || shown_earlier(&hd))) {
    m->published = hd.pub;
    m->published_prio = CC_META_TIME_DATE;
    explain_head(ctx, "published", hd.pub);
  }
  /* the byline under the headline outranks bylines found elsewhere on
   * the page, never the page's metadata */
  if (!hd.author) hd.author = hd.author_before;
  if (hd.author && (!m->author || m->author_prio >= CC_META_WEAK_AUTHOR)) {
    m->author = hd.author;
    explain_head(ctx, "author", hd.author);
  }
  if (hd.mod && !m->modified) {
    m->modified = hd.mod;
    explain_head(ctx, "modified", hd.mod);
  }
  m->date = m->published && m->published_prio < CC_META_MODIFIED_MIN ? m->published
            : m->modified                                              ? m->modified
                                                                       : m->published;
  return 0;
}
