/* blocks.c — lists the page's text blocks and measures each (blocks.h).
 *
 * cc_blocks_prepare() makes the block list (ctx->blocks) and, in a few
 * linear passes over the nodes, what the features read: per node its
 * depth, the tags and class/id hints of its ancestors, the repeated
 * sibling group it belongs to, what the Readability-style selection and
 * the filter made of it; per block its own text's measures. Then
 * cc_block_features() fills one block's feature row on demand, so a page
 * of a million blocks never holds a million rows. cc_blocks_release()
 * frees the per-node working arrays (malloc'd; the block list itself
 * lives in the arena).
 */
#include "blocks.h"
#include "oom.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "normalize.h"
#include "phrases.h"
#include "pipeline.h"

const char *cc_feature_name(unsigned i) {
  static const char *const names[] = {
#define CC_FEATURE_NAME(name) #name,
      CC_FEATURES(CC_FEATURE_NAME)
#undef CC_FEATURE_NAME
  };
  return i < CC_NFEAT ? names[i] : NULL;
}

/* Ancestor tags worth knowing, one bit each; AT_HIDDEN: a hidden subtree
 * pre-clean kept. */
enum {
  AT_NAV = 1u << 0, AT_HEADER = 1u << 1, AT_FOOTER = 1u << 2, AT_ASIDE = 1u << 3,
  AT_FORM = 1u << 4, AT_ARTICLE = 1u << 5, AT_MAIN = 1u << 6, AT_LIST = 1u << 7,
  AT_TABLE = 1u << 8, AT_SECTION = 1u << 9, AT_QUOTE = 1u << 10, AT_FIGURE = 1u << 11,
  AT_DETAILS = 1u << 12, AT_LINK = 1u << 13, AT_BUTTON = 1u << 14, AT_HIDDEN = 1u << 15
};

static unsigned tag_bit_of(const cc_node *x) {
  switch (x->tag) {
  case CC_TAG_NAV: return AT_NAV;
  case CC_TAG_HEADER: return AT_HEADER;
  case CC_TAG_FOOTER: return AT_FOOTER;
  case CC_TAG_ASIDE: return AT_ASIDE;
  case CC_TAG_FORM: case CC_TAG_FIELDSET: return AT_FORM;
  case CC_TAG_ARTICLE: return AT_ARTICLE;
  case CC_TAG_MAIN: return AT_MAIN;
  case CC_TAG_UL: case CC_TAG_OL: case CC_TAG_DL: case CC_TAG_MENU: return AT_LIST;
  case CC_TAG_TABLE: return AT_TABLE;
  case CC_TAG_SECTION: return AT_SECTION;
  case CC_TAG_BLOCKQUOTE: return AT_QUOTE;
  case CC_TAG_FIGURE: return AT_FIGURE;
  case CC_TAG_DETAILS: case CC_TAG_DIALOG: return AT_DETAILS;
  case CC_TAG_A: return cc_node_attr(x, "href") ? AT_LINK : 0;
  case CC_TAG_BUTTON: case CC_TAG_LABEL: case CC_TAG_SELECT: case CC_TAG_OPTION:
    return AT_BUTTON;
  default: return 0;
  }
}

static unsigned tag_bit(const cc_node *x) {
  return tag_bit_of(x) | (x->flags & CC_NF_HIDDEN ? AT_HIDDEN : 0);
}

/* Why the filter or the sections stage dropped a subtree, as a feature. */
enum { R_NONE, R_CLASS, R_LANDMARK, R_CAPTION, R_LINKS, R_BYLINE, R_FORM, R_LABEL,
       R_PHRASE, R_HEADLINE, R_SITE, R_SECTION };

static int reason_code(const char *why) {
  static const struct { const char *w; int r; } t[] = {
      {"class/id names boilerplate", R_CLASS}, {"navigation/aside/footer element", R_LANDMARK},
      {"header inside the article", R_LANDMARK}, {"caption or credit", R_CAPTION},
      {"list of links", R_LINKS}, {"link-dense block", R_LINKS},
      {"link with a label (teaser)", R_LINKS}, {"byline or dateline", R_BYLINE},
      {"form", R_FORM}, {"label (kicker, rubric)", R_LABEL},
      {"label or date before the text", R_LABEL}, {"headline", R_HEADLINE},
      {"repeats across the site", R_SITE}};
  if (!why) return R_NONE;
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (!strcmp(why, t[i].w)) return t[i].r;
  if (strstr(why, "related/comments")) return R_SECTION;
  return R_PHRASE; /* the phrase categories' names */
}

/* Per node: what its ancestors are. */
typedef struct node_info {
  uint32_t tags;    /* AT_* of the ancestors and the node itself */
  uint32_t kinds;   /* CC_HK_* of the ancestors and the node itself */
  uint32_t rep_anc; /* nearest ancestor-or-self in a group of >= 3 alike */
  uint32_t drop;    /* nearest dropped ancestor-or-self, 0 = none */
  uint16_t depth;
  uint16_t rep;     /* element siblings alike (same tag and class), self included */
  uint32_t kids;    /* element children */
  int16_t hmin, hmax, hneg;
  uint8_t sel;      /* inside a selected subtree */
  uint8_t pad;
  uint32_t card;    /* the teaser card it lies in (is_card), or 0 */
  uint32_t grp_chars, grp_link, grp_punct, grp_words; /* the group alike */
} node_info;

/* Per block: its own text's measures. */
typedef struct block_info {
  uint32_t chars, link, words, punct, commas, digits, upper, letters, stop, sampled, seps;
  uint64_t hash;
  uint32_t dup; /* other blocks with the same text */
  uint8_t end_sentence, first_upper, date, title, all_link;
  uint8_t kept_old;
  cc_phrase_scan ps;
} block_info;

struct cc_feat_ctx {
  node_info *ni;
  block_info *bi;
  uint32_t top_first, top_last; /* ids of the container's subtree */
  uint32_t *dist;               /* blocks to the nearest kept one */
  float *before;                /* share of the page's block text before */
  float best_score;
  uint32_t page_chars;
};

/* The signature of an element for "repeated siblings": its tag and its
 * class with digits left out (post-17 and post-18 are alike). */
static uint64_t signature(const cc_node *x) {
  uint64_t h = 1469598103934665603ull ^ x->tag;
  const char *c = cc_node_attr(x, "class");
  for (; c && *c; c++) {
    unsigned char ch = (unsigned char)*c;
    if (ch >= '0' && ch <= '9') continue;
    h = (h ^ ch) * 1099511628211ull;
  }
  return h;
}

typedef struct sig_item {
  uint64_t sig;
  uint32_t id;
} sig_item;

static int cmp_sig(const void *a, const void *b) {
  const sig_item *x = a, *y = b;
  return x->sig < y->sig ? -1 : x->sig > y->sig ? 1 : (x->id > y->id) - (x->id < y->id);
}

/* Groups of alike element siblings: rep and the group's totals. */
static void find_groups(cc_ctx *ctx, node_info *ni) {
  cc_dom *d = &ctx->dom;
  sig_item *items = NULL;
  size_t cap = 0;
  for (uint32_t i = 0; i < d->nnodes; i++) {
    cc_node *p = d->byid[i];
    size_t k = 0;
    for (cc_node *c = p->first; c; c = c->next) {
      if (c->type != CC_NODE_ELEMENT) continue;
      if (k == cap) {
        cap = cap ? cap * 2 : 64;
        items = cc_realloc(items, cap * sizeof *items);
      }
      items[k].sig = signature(c);
      items[k++].id = c->id;
    }
    ni[i].kids = (uint32_t)k;
    if (k < 2) {
      if (k == 1) ni[items[0].id].rep = 1;
      continue;
    }
    qsort(items, k, sizeof *items, cmp_sig);
    for (size_t a = 0; a < k;) {
      size_t b = a;
      uint32_t ch = 0, ln = 0, pu = 0, wo = 0;
      while (b < k && items[b].sig == items[a].sig) {
        const cc_stat *s = &ctx->st[items[b].id];
        ch += s->chars;
        ln += s->link_chars;
        pu += s->punct;
        wo += s->words;
        b++;
      }
      for (size_t m = a; m < b; m++) {
        node_info *x = &ni[items[m].id];
        x->rep = (uint16_t)(b - a > 65535 ? 65535 : b - a);
        x->grp_chars = ch;
        x->grp_link = ln;
        x->grp_punct = pu;
        x->grp_words = wo;
      }
      a = b;
    }
  }
  cc_mfree(items);
}

/* A teaser card: a link to another page (not an anchor on this one)
 * wrapped around blocks that hold less than a paragraph or two of text. */
#define CARD_CHARS 400
static int is_card(const cc_ctx *ctx, const cc_node *x) {
  if (x->tag != CC_TAG_A || ctx->st[x->id].chars >= CARD_CHARS) return 0;
  const char *href = cc_node_attr(x, "href");
  return href && href[0] && href[0] != '#' && cc_link_wraps_blocks(x);
}

static void ancestors(cc_ctx *ctx, node_info *ni) {
  cc_dom *d = &ctx->dom;
  for (uint32_t i = 1; i < d->nnodes; i++) {
    cc_node *x = d->byid[i];
    node_info *me = &ni[i], *pa = &ni[x->parent->id];
    const cc_stat *s = &ctx->st[i];
    int elem = x->type == CC_NODE_ELEMENT;
    int w = elem ? s->hint.weight : 0;
    me->depth = (uint16_t)(pa->depth + 1);
    me->tags = pa->tags | (elem ? tag_bit(x) : 0);
    me->kinds = pa->kinds | (elem ? s->hint.kinds : 0);
    me->hmin = (int16_t)(w < pa->hmin ? w : pa->hmin);
    me->hmax = (int16_t)(w > pa->hmax ? w : pa->hmax);
    int neg = pa->hneg + (w < 0 ? w : 0);
    me->hneg = (int16_t)(neg < -500 ? -500 : neg);
    me->sel = pa->sel || (x->flags & CC_NF_SELECTED);
    me->drop = pa->drop ? pa->drop : (elem && (x->flags & CC_NF_DROPPED)) ? i : 0;
    me->rep_anc = elem && me->rep >= 3 ? i : pa->rep_anc;
    me->card = pa->card ? pa->card : elem && is_card(ctx, x) ? i : 0;
  }
}

/* 1 when the text ends like a sentence. */
static int ends_sentence(const char *t, size_t n) {
  while (n && t[n - 1] == ' ') n--;
  if (!n) return 0;
  unsigned char c = (unsigned char)t[n - 1];
  if (c == '.' || c == '!' || c == '?' || c == '"' || c == ')' || c == ':') return 1;
  if (n >= 3 && (unsigned char)t[n - 3] == 0xe2 && (unsigned char)t[n - 2] == 0x80 &&
      (c == 0xa6 || c == 0x9d))
    return 1; /* … ” */
  if (n >= 2 && (unsigned char)t[n - 2] == 0xc2 && c == 0xbb) return 1; /* » */
  if (n >= 3 && (((unsigned char)t[n - 3] == 0xe3 && (unsigned char)t[n - 2] == 0x80 &&
                  c == 0x82) ||
                 ((unsigned char)t[n - 3] == 0xef && (unsigned char)t[n - 2] == 0xbc &&
                  (c == 0x81 || c == 0x9f))))
    return 1; /* 。！？ */
  return 0;
}

/* A year (1900-2099) or a clock time (12:30) in the text. */
static int has_date(const char *t, size_t n) {
  for (size_t i = 0; i + 4 <= n; i++) {
    const char *p = t + i;
    if (i && p[-1] >= '0' && p[-1] <= '9') continue;
    if ((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0'))
      if (p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9' &&
          (i + 4 == n || p[4] < '0' || p[4] > '9'))
        return 1;
    if (p[0] >= '0' && p[0] <= '9' && p[1] == ':' && p[2] >= '0' && p[2] <= '5' &&
        p[3] >= '0' && p[3] <= '9')
      return 1;
  }
  return 0;
}

/* Separators of menus and breadcrumbs: | · • » › / ­*/
static unsigned separators(const char *t, size_t n) {
  unsigned k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)t[i];
    if (c == '|' || c == '/' || c == '>') k++;
    else if (c == 0xc2 && i + 1 < n &&
             ((unsigned char)t[i + 1] == 0xb7 || (unsigned char)t[i + 1] == 0xbb))
      k++;
    else if (c == 0xe2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
             ((unsigned char)t[i + 2] == 0xa2 || (unsigned char)t[i + 2] == 0xba))
      k++;
  }
  return k;
}

static int same_title(const char *text, size_t tl, const char *title) {
  char a[256], b[256];
  if (!title) return 0;
  size_t al = cc_squash(text, tl, a, sizeof a), bl = cc_squash(title, strlen(title), b, sizeof b);
  if (al < 8 || bl < 8) return al && al == bl && memcmp(a, b, al) == 0;
  return al <= bl ? strstr(b, a) != NULL : strstr(a, b) != NULL;
}

static void measure_text(cc_ctx *ctx, const cc_node *x, block_info *b) {
  char text[1024];
  const cc_stat *s = &ctx->st[x->id];
  size_t n = cc_dom_own_text(x, text, sizeof text);
  b->chars = s->own_chars;
  b->link = s->own_link;
  b->words = s->own_words;
  b->punct = s->own_punct;
  b->all_link = s->own_chars && s->own_link >= s->own_chars;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == ',' || c == ';') b->commas++;
    else if (c >= '0' && c <= '9') b->digits++;
    else if (c >= 'A' && c <= 'Z') {
      b->upper++;
      b->letters++;
    } else if ((c >= 'a' && c <= 'z') || c >= 0xc0) {
      b->letters++;
    }
  }
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)text[i];
    if ((c >= 'a' && c <= 'z') || c >= 0xc0) break;
    if (c >= 'A' && c <= 'Z') {
      b->first_upper = 1;
      break;
    }
  }
  b->seps = separators(text, n);
  b->end_sentence = (uint8_t)ends_sentence(text, n);
  b->date = (uint8_t)has_date(text, n);
  b->title = (uint8_t)same_title(text, n, ctx->meta.title);
  b->hash = cc_fingerprint_text(text, n);
  cc_words it;
  cc_token tok;
  cc_words_init(&it, text, n < 320 ? n : 320); /* a sample is enough for a share */
  while (cc_words_next(&it, &tok)) {
    b->sampled++;
    if (tok.kind == CC_TOK_WORD && cc_lang_stopword_mask(tok.hash)) b->stop++;
  }
  if (n && s->own_chars < 1500 && x->tag != CC_TAG_TD && x->tag != CC_TAG_TH)
    cc_phrases_scan(text, n, &b->ps);
  else
    b->ps.first = -1;
}

typedef struct hash_item {
  uint64_t h;
  uint32_t i;
} hash_item;

static int cmp_hash(const void *a, const void *b) {
  const hash_item *x = a, *y = b;
  return x->h < y->h ? -1 : x->h > y->h;
}

/* dup: how many other blocks have the same text. */
static void count_dups(block_info *bi, uint32_t n) {
  hash_item *t = cc_malloc((n ? n : 1) * sizeof *t);
  for (uint32_t i = 0; i < n; i++) {
    t[i].h = bi[i].hash;
    t[i].i = i;
  }
  qsort(t, n, sizeof *t, cmp_hash);
  for (uint32_t a = 0; a < n;) {
    uint32_t b = a;
    while (b < n && t[b].h == t[a].h) b++;
    for (uint32_t m = a; m < b; m++) bi[t[m].i].dup = b - a - 1;
    a = b;
  }
  cc_mfree(t);
}

static uint32_t last_descendant(const cc_node *x) {
  while (x->last) x = x->last;
  return x->id;
}

cc_feat_ctx *cc_blocks_prepare(cc_ctx *ctx) {
  cc_dom *d = &ctx->dom;
  uint32_t nn = d->nnodes ? d->nnodes : 1;
  cc_feat_ctx *f = cc_calloc(1, sizeof *f);
  node_info *ni = f ? cc_calloc(nn, sizeof *ni) : NULL;
  f->ni = ni;
  cc_node *body = d->body ? d->body : d->root;
  f->page_chars = ctx->st[body->id].chars ? ctx->st[body->id].chars : 1;
  find_groups(ctx, ni);
  ancestors(ctx, ni);
  cc_node *top = ctx->top ? ctx->top : body;
  f->top_first = top->id;
  f->top_last = last_descendant(top);
  f->best_score = ctx->st[top->id].score > 1.f ? ctx->st[top->id].score : 1.f;

  /* the blocks: holders with words, in the body */
  cc_blocks *bl = &ctx->blocks;
  bl->of = cc_arena_alloc(ctx->arena, nn * sizeof *bl->of);
  uint32_t n = 0;
  for (uint32_t i = 0; i < d->nnodes; i++) {
    const cc_stat *s = &ctx->st[i];
    int is = s->holder && s->own_words && s->in_body && d->byid[i]->type == CC_NODE_ELEMENT;
    bl->of[i] = is ? (int32_t)n++ : -1;
  }
  bl->n = n;
  bl->node = cc_arena_alloc(ctx->arena, (n ? n : 1) * sizeof *bl->node);
  bl->p = cc_arena_calloc(ctx->arena, (n ? n : 1) * sizeof *bl->p);
  bl->keep = cc_arena_calloc(ctx->arena, n ? n : 1);
  bl->old = cc_arena_calloc(ctx->arena, n ? n : 1);
  bl->comment = cc_arena_calloc(ctx->arena, n ? n : 1);
  bl->veto = cc_arena_calloc(ctx->arena, n ? n : 1);
  bl->card = cc_arena_calloc(ctx->arena, (n ? n : 1) * sizeof *bl->card);
  bl->lead = cc_arena_calloc(ctx->arena, n ? n : 1);
  f->bi = cc_calloc(n ? n : 1, sizeof *f->bi);
  f->dist = cc_calloc(n ? n : 1, sizeof *f->dist);
  f->before = cc_calloc(n ? n : 1, sizeof *f->before);
  for (uint32_t i = 0; i < d->nnodes; i++) {
    if (bl->of[i] < 0) continue;
    uint32_t k = (uint32_t)bl->of[i];
    bl->node[k] = d->byid[i];
    measure_text(ctx, d->byid[i], &f->bi[k]);
    f->bi[k].kept_old = ni[i].sel && !ni[i].drop;
    bl->old[k] = f->bi[k].kept_old;
    bl->comment[k] = (ni[i].kinds & CC_HK_COMMENT) != 0;
    bl->card[k] = ni[i].card;
    unsigned own = ctx->st[i].hint.kinds | ctx->st[d->byid[i]->parent->id].hint.kinds;
    bl->lead[k] = (own & CC_HK_LEAD) && !(own & CC_HK_RELATED);
    int r = ni[i].drop && ctx->why ? reason_code(ctx->why[ni[i].drop]) : R_NONE;
    /* a box the filter dropped for a class naming a call to action (donate,
     * subscribe, consent) speaks to the reader about the site, whatever
     * its prose looks like */
    unsigned cta = CC_HK_DONATE | CC_HK_SUBSCRIBE | CC_HK_CONSENT;
    /* wording and site repeats condemn the block the filter judged, not
     * every block under a container it dropped for its wording */
    int own_drop = ni[i].drop == i;
    bl->veto[k] = ((r == R_PHRASE || r == R_SITE) && own_drop) ||
                  (r == R_CLASS && (ctx->st[ni[i].drop].hint.kinds & cta)) ||
                  cc_phrases_is_boilerplate(&f->bi[k].ps);
  }
  count_dups(f->bi, n);
  double total = 0, run = 0;
  for (uint32_t k = 0; k < n; k++) total += f->bi[k].chars;
  for (uint32_t k = 0; k < n; k++) {
    f->before[k] = total > 0 ? (float)(run / total) : 0.f;
    run += f->bi[k].chars;
  }
  /* distance in blocks to the nearest block the old selection kept */
  uint32_t far = n + 1, last = far;
  for (uint32_t k = 0; k < n; k++) {
    last = f->bi[k].kept_old ? 0 : last == far ? far : last + 1;
    f->dist[k] = last;
  }
  last = far;
  for (uint32_t k = n; k-- > 0;) {
    last = f->bi[k].kept_old ? 0 : last == far ? far : last + 1;
    if (last < f->dist[k]) f->dist[k] = last;
  }
  return f;
}

void cc_blocks_release(cc_feat_ctx *f) {
  if (!f) return;
  cc_mfree(f->ni);
  cc_mfree(f->bi);
  cc_mfree(f->dist);
  cc_mfree(f->before);
  cc_mfree(f);
}

static float lg(double x) { return (float)log2(1.0 + (x > 0 ? x : 0)); }
static float ratio(double a, double b) { return b > 0 ? (float)(a / b) : 0.f; }

/* The container features of the ancestor `up` levels above x. */
static void container(const cc_ctx *ctx, const cc_feat_ctx *f, const cc_node *x, int up,
                      float *out) {
  const cc_node *a = x;
  for (int k = 0; k < up && a->parent && a->parent->type == CC_NODE_ELEMENT; k++) a = a->parent;
  const cc_stat *s = &ctx->st[a->id];
  out[0] = cc_link_density(s);
  out[1] = ratio(s->chars, f->page_chars);
  out[2] = lg(s->blocks);
  out[3] = s->candidate ? s->score / f->best_score : 0.f;
  out[4] = ratio(s->punct, s->words);
}

void cc_block_features(const cc_ctx *ctx, const cc_feat_ctx *f, uint32_t k, float *row) {
  const cc_blocks *bl = &ctx->blocks;
  const cc_node *x = bl->node[k];
  const block_info *b = &f->bi[k];
  const node_info *me = &f->ni[x->id];
  const cc_stat *s = &ctx->st[x->id];
  memcpy(row, bl->page, sizeof bl->page);
#define F(name) row[CC_F_##name]
  F(t_chars) = lg(b->chars);
  F(t_words) = lg(b->words);
  F(t_ld) = ratio(b->link, b->chars);
  F(t_punct) = ratio(b->punct, b->words);
  F(t_commas) = ratio(b->commas, b->words);
  F(t_end_sentence) = b->end_sentence;
  F(t_digits) = ratio(b->digits, b->chars);
  F(t_upper) = ratio(b->upper, b->letters);
  F(t_first_upper) = b->first_upper;
  F(t_word_len) = ratio(b->chars, b->words);
  F(t_date) = b->date;
  F(t_stopwords) = ratio(b->stop, b->sampled);
  F(t_all_link) = b->all_link;
  F(t_separators) = ratio(b->seps, b->words);
  F(t_dup) = lg(b->dup);
  F(t_title) = b->title;
  F(t_boiler) = b->ps.words ? (float)cc_phrases_is_boilerplate(&b->ps) : 0.f;
  F(t_ph_cover) = ratio(b->ps.covered, b->ps.words);
  for (int c = 0; c < CC_PH_COUNT; c++)
    row[CC_F_t_ph_consent + c] = (b->ps.categories >> c) & 1u;

  int tag = x->tag;
  F(g_p) = tag == CC_TAG_P;
  F(g_li) = tag == CC_TAG_LI;
  F(g_cell) = tag == CC_TAG_TD || tag == CC_TAG_TH;
  F(g_h1) = tag == CC_TAG_H1;
  F(g_h23) = tag == CC_TAG_H2 || tag == CC_TAG_H3;
  F(g_h456) = tag == CC_TAG_H4 || tag == CC_TAG_H5 || tag == CC_TAG_H6;
  F(g_div) = tag == CC_TAG_DIV;
  F(g_section) = tag == CC_TAG_SECTION || tag == CC_TAG_ARTICLE || tag == CC_TAG_MAIN ||
                 tag == CC_TAG_BODY;
  F(g_dd) = tag == CC_TAG_DD || tag == CC_TAG_DT;
  F(g_quote) = tag == CC_TAG_BLOCKQUOTE;
  F(g_pre) = tag == CC_TAG_PRE;
  F(g_caption) = tag == CC_TAG_FIGCAPTION || tag == CC_TAG_CAPTION;
  F(g_landmark) = tag == CC_TAG_NAV || tag == CC_TAG_HEADER || tag == CC_TAG_FOOTER ||
                  tag == CC_TAG_ASIDE;
  F(g_form) = tag == CC_TAG_FORM || tag == CC_TAG_FIELDSET || tag == CC_TAG_LEGEND ||
              tag == CC_TAG_LABEL || tag == CC_TAG_BUTTON || tag == CC_TAG_OPTION;
  float tagged = 0;
  for (int i = CC_F_g_p; i < CC_F_g_other; i++) tagged += row[i];
  F(g_other) = tagged == 0;

  F(a_depth) = me->depth;
  for (int i = 0; i <= 15; i++) row[CC_F_a_nav + i] = (me->tags >> i) & 1u;
  F(h_self) = s->hint.weight;
  F(h_min) = me->hmin;
  F(h_max) = me->hmax;
  F(h_neg) = me->hneg;
  for (int i = 0; i <= 20; i++) row[CC_F_k_nav + i] = (me->kinds >> i) & 1u;
  /* the nearest hints: the block and its parent */
  int w1 = s->hint.weight + (x->parent ? ctx->st[x->parent->id].hint.weight : 0);
  F(k1_neg) = w1 < 0 ? (float)-w1 : 0.f;
  F(k1_pos) = w1 > 0 ? (float)w1 : 0.f;
  F(negctx) = s->negctx;

  container(ctx, f, x, 1, &row[CC_F_c1_ld]);
  container(ctx, f, x, 2, &row[CC_F_c2_ld]);
  container(ctx, f, x, 3, &row[CC_F_c3_ld]);
  container(ctx, f, x, 5, &row[CC_F_c5_ld]);

  F(o_in_top) = x->id >= f->top_first && x->id <= f->top_last;
  F(o_selected) = me->sel;
  F(o_dropped) = me->drop != 0;
  F(o_kept) = b->kept_old;
  F(o_before) = x->id < f->top_first;
  F(o_after) = x->id > f->top_last;
  F(o_dist) = lg(f->dist[k]);
  int r = me->drop && ctx->why ? reason_code(ctx->why[me->drop]) : R_NONE;
  if (r != R_NONE) row[CC_F_o_r_class + r - R_CLASS] = 1;

  uint32_t n = bl->n;
  F(p_rel) = f->before[k];
  F(p_idx) = n > 1 ? (float)k / (float)(n - 1) : 0.f;
  if (k > 0) {
    const block_info *p = &f->bi[k - 1];
    F(n_prev_kept) = p->kept_old;
    F(n_prev_chars) = lg(p->chars);
    F(n_prev_ld) = ratio(p->link, p->chars);
    F(n_prev_punct) = ratio(p->punct, p->words);
  }
  if (k + 1 < n) {
    const block_info *q = &f->bi[k + 1];
    F(n_next_kept) = q->kept_old;
    F(n_next_chars) = lg(q->chars);
    F(n_next_ld) = ratio(q->link, q->chars);
    F(n_next_punct) = ratio(q->punct, q->words);
  }
  F(n_siblings) = lg(x->parent ? f->ni[x->parent->id].kids : 0);
  F(n_same_parent) = (k > 0 && bl->node[k - 1]->parent == x->parent) +
                     (k + 1 < n && bl->node[k + 1]->parent == x->parent);

  F(r_self) = lg(me->rep);
  if (me->rep_anc) {
    const node_info *g = &f->ni[me->rep_anc];
    F(r_count) = lg(g->rep);
    F(r_dist) = (float)(me->depth - g->depth);
    F(r_share) = ratio(g->grp_chars, f->page_chars);
    F(r_ld) = ratio(g->grp_link, g->grp_chars);
    F(r_punct) = ratio(g->grp_punct, g->grp_words);
  }
#undef F
}

uint32_t cc_block_group(const cc_ctx *ctx, const cc_feat_ctx *f, uint32_t k) {
  uint32_t g = f->ni[ctx->blocks.node[k]->id].rep_anc;
  const cc_node *x = g ? ctx->dom.byid[g]->parent : NULL;
  return x ? x->id : UINT32_MAX;
}

/* Shares of the page's text that the old selection kept, and that sits in
 * groups of repeated siblings: page-level features (pagetype.c). */
void cc_blocks_page_shares(const cc_ctx *ctx, const cc_feat_ctx *f, float *kept,
                           float *repeated) {
  double all = 0, k = 0, r = 0;
  for (uint32_t i = 0; i < ctx->blocks.n; i++) {
    const cc_node *x = ctx->blocks.node[i];
    double c = f->bi[i].chars;
    all += c;
    if (f->bi[i].kept_old) k += c;
    if (f->ni[x->id].rep_anc) r += c;
  }
  *kept = all > 0 ? (float)(k / all) : 0.f;
  *repeated = all > 0 ? (float)(r / all) : 0.f;
}
