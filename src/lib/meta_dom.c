/* meta_dom.c — the metadata stage's one walk over the DOM (see meta.h):
 * collects candidates from <title>, <html lang>, meta tags, <link
 * rel=canonical|image_src>, <base href>, h1s, microdata itemprops,
 * <time>, and visible bylines and date elements, each with the priority
 * meta.c's precedence rules give it. Regions that hold other people's
 * bylines and dates (comments, related links, sidebars, navigation, ads)
 * are skipped for those. Work per element is a few attribute compares;
 * text is gathered only for the few elements that may be bylines, dates
 * or headlines, and bounded.
 */
#include <string.h>
#include <strings.h>

#include "meta.h"

typedef struct collect {
  cc_meta_found *m;
  cc_arena *a;
  uint32_t body_end, art_end, excl_end; /* subtree ends, by node id */
  int art_found;
  int nbyline_el, nbyline_txt, ndate_el, ntime, nitem_author;
  const cc_node *author_scope; /* the item of the first itemprop=author */
  const char *card_label[4], *card_data[4]; /* twitter:label1..4, data1..4 */
} collect;

/* ---- meta tags ---- */

typedef struct meta_key {
  const char *k; /* lowercase name/property/itemprop */
  unsigned char f, prio, flags;
} meta_key;

static const meta_key meta_keys[] = {
    /* titles */
    {"og:title", CC_MF_TITLE, 10, 0},
    {"twitter:title", CC_MF_TITLE, 25, 0},
    {"citation_title", CC_MF_TITLE, 28, 0},
    {"dc.title", CC_MF_TITLE, 30, 0},
    {"dcterms.title", CC_MF_TITLE, 30, 0},
    {"parsely-title", CC_MF_TITLE, 30, 0},
    {"sailthru.title", CC_MF_TITLE, 31, 0},
    {"article.headline", CC_MF_TITLE, 31, 0},
    {"headline", CC_MF_TITLE, 35, 0},
    {"title", CC_MF_TITLE, 45, 0},
    /* authors */
    {"author", CC_MF_AUTHOR, 20, CC_MC_MULTI},
    {"article:author", CC_MF_AUTHOR, 20, CC_MC_MULTI},
    {"og:article:author", CC_MF_AUTHOR, 20, CC_MC_MULTI},
    {"byl", CC_MF_AUTHOR, 20, CC_MC_MULTI},
    {"citation_author", CC_MF_AUTHOR, 20, CC_MC_MULTI | CC_MC_CITATION},
    {"parsely-author", CC_MF_AUTHOR, 21, CC_MC_MULTI},
    {"sailthru.author", CC_MF_AUTHOR, 21, CC_MC_MULTI},
    {"dc.creator", CC_MF_AUTHOR, 22, CC_MC_MULTI},
    {"dcterms.creator", CC_MF_AUTHOR, 22, CC_MC_MULTI},
    {"article.author", CC_MF_AUTHOR, 22, CC_MC_MULTI},
    {"creator", CC_MF_AUTHOR, 23, CC_MC_MULTI},
    /* publication dates */
    {"article:published_time", CC_MF_DATE, 12, 0},
    {"og:article:published_time", CC_MF_DATE, 12, 0},
    {"og:published_time", CC_MF_DATE, 13, 0},
    {"article:published", CC_MF_DATE, 13, 0},
    {"datepublished", CC_MF_DATE, 14, 0},
    {"article.published", CC_MF_DATE, 15, 0},
    {"parsely-pub-date", CC_MF_DATE, 15, 0},
    {"citation_publication_date", CC_MF_DATE, 15, 0},
    {"originalpublicationdate", CC_MF_DATE, 15, 0},
    {"sailthru.date", CC_MF_DATE, 16, 0},
    {"citation_date", CC_MF_DATE, 16, 0},
    {"citation_online_date", CC_MF_DATE, 16, 0},
    {"dc.date.issued", CC_MF_DATE, 16, 0},
    {"dcterms.issued", CC_MF_DATE, 16, 0},
    {"dc.date", CC_MF_DATE, 17, 0},
    {"dcterms.date", CC_MF_DATE, 17, 0},
    {"publish-date", CC_MF_DATE, 17, 0},
    {"publish_date", CC_MF_DATE, 17, 0},
    {"publishdate", CC_MF_DATE, 17, 0},
    {"publication_date", CC_MF_DATE, 17, 0},
    {"published", CC_MF_DATE, 17, 0},
    {"published-date", CC_MF_DATE, 17, 0},
    {"published_date", CC_MF_DATE, 17, 0},
    {"date-published", CC_MF_DATE, 17, 0},
    {"pubdate", CC_MF_DATE, 18, 0},
    {"dc.date.created", CC_MF_DATE, 18, 0},
    {"dcterms.created", CC_MF_DATE, 18, 0},
    {"pdate", CC_MF_DATE, 19, 0},
    {"date", CC_MF_DATE, 20, 0},
    {"release_date", CC_MF_DATE, 20, 0},
    {"datecreated", CC_MF_DATE, 25, 0},
    {"article.created", CC_MF_DATE, 25, 0},
    {"uploaddate", CC_MF_DATE, 26, 0},
    /* modification dates: only when nothing says when it was published */
    {"article:modified_time", CC_MF_DATE, 60, 0},
    {"og:updated_time", CC_MF_DATE, 61, 0},
    {"article:modified", CC_MF_DATE, 62, 0},
    {"datemodified", CC_MF_DATE, 62, 0},
    {"article.updated", CC_MF_DATE, 62, 0},
    {"dcterms.modified", CC_MF_DATE, 63, 0},
    {"last-modified", CC_MF_DATE, 64, 0},
    {"modified-date", CC_MF_DATE, 64, 0},
    {"date-modified", CC_MF_DATE, 64, 0},
    /* site */
    {"og:site_name", CC_MF_SITE, 10, 0},
    {"application-name", CC_MF_SITE, 30, 0},
    {"dc.publisher", CC_MF_SITE, 35, 0},
    {"dcterms.publisher", CC_MF_SITE, 35, 0},
    {"citation_publisher", CC_MF_SITE, 36, 0},
    {"citation_journal_title", CC_MF_SITE, 37, 0},
    /* language */
    {"inlanguage", CC_MF_LANG, 25, 0},
    {"content-language", CC_MF_LANG, 30, 0},
    {"language", CC_MF_LANG, 32, 0},
    {"dc.language", CC_MF_LANG, 33, 0},
    {"dcterms.language", CC_MF_LANG, 33, 0},
    {"og:locale", CC_MF_LANG, 40, 0},
    /* description */
    {"og:description", CC_MF_DESC, 10, 0},
    {"description", CC_MF_DESC, 20, 0},
    {"twitter:description", CC_MF_DESC, 30, 0},
    {"article.summary", CC_MF_DESC, 35, 0},
    {"dc.description", CC_MF_DESC, 40, 0},
    {"dcterms.description", CC_MF_DESC, 40, 0},
    {"sailthru.description", CC_MF_DESC, 41, 0},
    /* image */
    {"og:image", CC_MF_IMAGE, 10, 0},
    {"og:image:url", CC_MF_IMAGE, 11, 0},
    {"og:image:secure_url", CC_MF_IMAGE, 11, 0},
    {"twitter:image", CC_MF_IMAGE, 20, 0},
    {"twitter:image:src", CC_MF_IMAGE, 20, 0},
    {"image", CC_MF_IMAGE, 30, 0},
    {"thumbnailurl", CC_MF_IMAGE, 35, 0},
    {"parsely-image-url", CC_MF_IMAGE, 36, 0},
    {"sailthru.image.full", CC_MF_IMAGE, 36, 0},
    {"thumbnail", CC_MF_IMAGE, 38, 0},
    /* url */
    {"og:url", CC_MF_URL, 10, 0},
    /* tags: one per article:tag, a comma-separated list in the others */
    {"article:tag", CC_MF_TAGS, 10, CC_MC_MULTI},
    {"og:article:tag", CC_MF_TAGS, 10, CC_MC_MULTI},
    {"keywords", CC_MF_TAGS, 30, 0},
    {"news_keywords", CC_MF_TAGS, 31, 0},
    {"parsely-tags", CC_MF_TAGS, 32, 0},
    {"sailthru.tags", CC_MF_TAGS, 33, 0},
};

static const meta_key *find_key(const char *k, size_t n) {
  char low[48];
  if (n == 0 || n >= sizeof low) return NULL;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)k[i];
    low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
  }
  low[n] = '\0';
  for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++)
    if (meta_keys[i].k[0] == low[0] && !strcmp(meta_keys[i].k, low)) return &meta_keys[i];
  return NULL;
}

/* "Doe, Jane" -> "Jane Doe" for citation_author. */
static const char *citation_order(cc_arena *a, const char *v) {
  const char *comma = strchr(v, ',');
  if (!comma || strchr(comma + 1, ',')) return v;
  size_t l = (size_t)(comma - v);
  const char *r = comma + 1;
  while (*r == ' ') r++;
  unsigned lw = cc_meta_words(v, l), rw = cc_meta_words(r, strlen(r));
  if (lw < 1 || lw > 2 || rw < 1 || rw > 3) return v;
  size_t rl = strlen(r);
  char *s = cc_arena_alloc(a, rl + l + 2);
  memcpy(s, r, rl);
  s[rl] = ' ';
  memcpy(s + rl + 1, v, l);
  s[rl + 1 + l] = '\0';
  return s;
}

/* A card's labelled pair ("twitter:label1" = "Written by", "twitter:data1"
 * = "Jane Doe", as SEO plugins write them): the data is the author when
 * its label is a byline's words. Returns 1 when the key was such a pair's. */
static int card_pair(collect *c, const char *key, size_t kl, const char *content) {
  static const char label[] = "twitter:label", data[] = "twitter:data";
  size_t ll = sizeof label - 1, dl = sizeof data - 1;
  int is_label = kl == ll + 1 && !strncasecmp(key, label, ll);
  int is_data = kl == dl + 1 && !strncasecmp(key, data, dl);
  if (!is_label && !is_data) return 0;
  int i = key[kl - 1] - '1';
  if (i < 0 || i > 3) return 1;
  (is_label ? c->card_label : c->card_data)[i] = content;
  const char *l = c->card_label[i], *d = c->card_data[i];
  if (l && d && cc_meta_words(l, strlen(l)) <= 3 && cc_meta_byline_start(l, strlen(l)))
    cc_meta_add(c->m, CC_MF_AUTHOR, 24, d, "twitter:data (written by)", 0);
  return 1;
}

static void meta_value(collect *c, const char *key, size_t kl, const char *content,
                       int is_article_author) {
  if (card_pair(c, key, kl, content)) return;
  const meta_key *mk = find_key(key, kl);
  if (!mk) return;
  const char *v = content;
  if (mk->flags & CC_MC_CITATION) v = citation_order(c->a, v);
  /* article:author is often a profile URL, not a name */
  if (is_article_author && mk->f == CC_MF_AUTHOR && (strstr(v, "://") || !strncmp(v, "www.", 4)))
    return;
  cc_meta_add(c->m, mk->f, mk->prio, v, mk->k, mk->flags);
}

/* Space-separated tokens of an attribute value, each looked up. */
static void meta_tokens(collect *c, const char *attr, const char *content) {
  const char *p = attr;
  while (*p) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    const char *q = p;
    while (*q && *q != ' ' && *q != '\t' && *q != '\n') q++;
    if (q > p) meta_value(c, p, (size_t)(q - p), content, !strncasecmp(p, "article:author", 14));
    p = q;
  }
}

static void on_meta(collect *c, const cc_node *x) {
  const char *content = cc_node_attr(x, "content");
  if (!content) content = cc_node_attr(x, "value");
  if (!content) return;
  const char *name = cc_node_attr(x, "name");
  const char *prop = cc_node_attr(x, "property");
  const char *item = cc_node_attr(x, "itemprop");
  const char *equiv = cc_node_attr(x, "http-equiv");
  if (name) meta_value(c, name, strlen(name), content, !strcasecmp(name, "article:author"));
  if (prop) meta_tokens(c, prop, content);
  if (item) meta_tokens(c, item, content);
  if (equiv && !strcasecmp(equiv, "content-language")) cc_meta_add(c->m, CC_MF_LANG, 30, content, "http-equiv", 0);
}

/* ---- DOM helpers ---- */

static uint32_t subtree_end(const cc_node *n) {
  while (n->last) n = n->last;
  return n->id;
}

/* The text of n's subtree into buf (NUL-terminated): block boundaries
 * become '\n', element boundaries a space. Returns the length, or -1
 * when it does not fit in cap-1 bytes or takes more than maxnodes nodes
 * (with `trunc`, what fits is returned instead). */
static long gather_t(const cc_node *n, char *buf, size_t cap, unsigned maxnodes, int trunc) {
  size_t o = 0;
  unsigned seen = 0;
  for (const cc_node *x = n; x; x = cc_dom_next(n, x, 0)) {
    if (++seen > maxnodes) {
      if (trunc) break;
      return -1;
    }
    if (x->type == CC_NODE_TEXT) {
      if (o + x->len + 1 >= cap) {
        if (!trunc) return -1;
        size_t k = cap - 1 - o;
        while (k > 0 && ((unsigned char)x->text[k] & 0xc0) == 0x80) k--;
        memcpy(buf + o, x->text, k);
        o += k;
        break;
      }
      memcpy(buf + o, x->text, x->len);
      o += x->len;
    } else if (x->type == CC_NODE_ELEMENT && x != n) {
      if (o + 2 >= cap) {
        if (trunc) break;
        return -1;
      }
      buf[o++] = (cc_tag_class(x->tag) & CC_TC_BLOCK) || x->tag == CC_TAG_BR ? '\n' : ' ';
    }
  }
  buf[o] = '\0';
  return (long)o;
}

static long gather(const cc_node *n, char *buf, size_t cap, unsigned maxnodes) {
  return gather_t(n, buf, cap, maxnodes, 0);
}

/* Appends c to buf at *o, where a run of spaces is one space and a line
 * break eats the spaces around it. Returns 0 when buf is full. */
static int put_squeezed(char *buf, size_t cap, size_t *o, char c) {
  if (c == ' ' || c == '\t' || c == '\r' || c == '\f') c = ' ';
  if (c == ' ' && (!*o || buf[*o - 1] == ' ' || buf[*o - 1] == '\n')) return 1;
  if (c == '\n' && *o && buf[*o - 1] == ' ') (*o)--;
  if (c == '\n' && (!*o || buf[*o - 1] == '\n')) return 1;
  if (*o + 1 >= cap) return 0;
  buf[(*o)++] = c;
  return 1;
}

/* gather() for names, with the source's indentation squeezed: a run of
 * white space is one space, or one line break when it holds one (source
 * lines often separate what the page shows apart: a name, then its job
 * title). A byline indented over many source lines overflows the buffer
 * read raw. Returns -1 as gather() does. */
static long gather_squeezed(const cc_node *n, char *buf, size_t cap, unsigned maxnodes) {
  size_t o = 0;
  unsigned seen = 0;
  for (const cc_node *x = n; x; x = cc_dom_next(n, x, 0)) {
    if (++seen > maxnodes) return -1;
    if (x->type == CC_NODE_TEXT) {
      for (size_t i = 0; i < x->len; i++)
        if (!put_squeezed(buf, cap, &o, x->text[i])) return -1;
    } else if (x->type == CC_NODE_ELEMENT && x != n) {
      int line = (cc_tag_class(x->tag) & CC_TC_BLOCK) || x->tag == CC_TAG_BR;
      if (!put_squeezed(buf, cap, &o, line ? '\n' : ' ')) return -1;
    }
  }
  while (o && (buf[o - 1] == ' ' || buf[o - 1] == '\n')) o--;
  buf[o] = '\0';
  return (long)o;
}

long cc_meta_gather(const cc_node *n, char *buf, size_t cap, unsigned maxnodes) {
  return gather_t(n, buf, cap, maxnodes, 0);
}

static const char *gather_names(collect *c, const cc_node *n, size_t cap, unsigned maxnodes) {
  char buf[1024];
  if (cap > sizeof buf) cap = sizeof buf;
  long l = gather_squeezed(n, buf, cap, maxnodes);
  if (l <= 0) return NULL;
  return cc_arena_strndup(c->a, buf, (size_t)l);
}

/* gather() into the arena; titles and headings (trunc) are cut, not
 * refused, when long. */
static const char *gather_dup_t(collect *c, const cc_node *n, size_t cap, unsigned maxnodes,
                                int trunc) {
  char buf[2048];
  if (cap > sizeof buf) cap = sizeof buf;
  long l = gather_t(n, buf, cap, maxnodes, trunc);
  if (l <= 0) return NULL;
  return cc_arena_strndup(c->a, buf, (size_t)l);
}

static const char *gather_dup(collect *c, const cc_node *n, size_t cap, unsigned maxnodes) {
  return gather_dup_t(c, n, cap, maxnodes, 0);
}

/* The microdata value of an element (per the HTML spec's list). */
static const char *item_value(collect *c, const cc_node *x, size_t cap) {
  const char *v = NULL;
  switch (x->tag) {
  case CC_TAG_META: v = cc_node_attr(x, "content"); break;
  case CC_TAG_IMG: case CC_TAG_SOURCE: case CC_TAG_VIDEO: case CC_TAG_AUDIO:
  case CC_TAG_IFRAME: case CC_TAG_EMBED: case CC_TAG_TRACK:
    v = cc_node_attr(x, "src"); break;
  case CC_TAG_A: case CC_TAG_LINK: case CC_TAG_AREA: v = cc_node_attr(x, "href"); break;
  case CC_TAG_OBJECT: v = cc_node_attr(x, "data"); break;
  case CC_TAG_DATA: case CC_TAG_METER: v = cc_node_attr(x, "value"); break;
  case CC_TAG_TIME: v = cc_node_attr(x, "datetime"); break;
  default: v = cc_node_attr(x, "content"); break;
  }
  if (v) return v;
  return gather_dup(c, x, cap, 64);
}

/* itemprop=name inside an itemscope (author, publisher). */
static const char *scoped_name(collect *c, const cc_node *n) {
  unsigned seen = 0;
  for (const cc_node *x = n->first ? n->first : NULL; x && seen < 200;
       x = cc_dom_next(n, x, 0), seen++) {
    if (x->type != CC_NODE_ELEMENT) continue;
    const char *ip = cc_node_attr(x, "itemprop");
    if (ip && (!strcmp(ip, "name") || strstr(ip, "name "))) return item_value(c, x, 256);
  }
  return NULL;
}

static int has_token(const char *v, const char *tok) {
  size_t tl = strlen(tok);
  for (const char *p = v; (p = strstr(p, tok)); p += tl)
    if ((p == v || p[-1] == ' ') && (p[tl] == ' ' || p[tl] == '\0')) return 1;
  return 0;
}

/* What a class or id value says, found in one pass (case-insensitive
 * substrings: "author" also matches "post-author-name"). W_EXCL marks
 * the regions whose bylines and dates are not the article's: comments,
 * related links, sidebars, navigation, ads. Not "widget": page builders
 * (Elementor's "elementor-widget-post-info") wrap the article's own byline
 * and date in widgets, and a sidebar's widgets sit in a sidebar or an
 * aside, excluded as such. (cc_hint_of knows more words
 * but tokenizes; this runs on every element and must be cheap.) */
enum {
  W_AUTHOR = 1u << 0,   /* author, byline */
  W_DATE = 1u << 1,     /* date, timestamp */
  W_PUBLISH = 1u << 2,  /* publish, posted, created */
  W_MODIFIED = 1u << 3, /* updat(ed), modif(ied) */
  W_EXCL = 1u << 4
};

/* 1 when the word at p, in a class value starting at v, only modifies its
 * class: a BEM modifier ("p-body-main--withSidebar": a main column that has
 * a sidebar beside it) or a word after "with"/"has"/"no" ("has-comments",
 * "withSidebar"). Such a class describes a region by what sits next to it. */
static int modifier_word(const char *v, const char *p) {
  const char *t = p;
  while (t > v && t[-1] != ' ' && t[-1] != '\t' && t[-1] != '\n') t--;
  for (const char *q = t; q + 1 < p; q++)
    if (q[0] == '-' && q[1] == '-') return 1;
  const char *w = p;
  if (w > t && (w[-1] == '-' || w[-1] == '_')) w--;
  static const char *const pre[] = {"with", "has", "no"};
  for (unsigned i = 0; i < sizeof pre / sizeof *pre; i++) {
    size_t n = strlen(pre[i]);
    if ((size_t)(w - t) >= n && !strncasecmp(w - n, pre[i], n)) return 1;
  }
  return 0;
}

/* Words that begin with "author" but name none. Data. */
static const char *const author_lookalikes[] = {"authoriz", "authoris", "authorit"};

int cc_meta_author_lookalike(const char *p) {
  for (size_t i = 0; i < sizeof author_lookalikes / sizeof *author_lookalikes; i++)
    if (!strncasecmp(p, author_lookalikes[i], strlen(author_lookalikes[i]))) return 1;
  return 0;
}

static unsigned class_words(const char *v) {
  unsigned f = 0;
  if (!v) return 0;
  for (const char *p = v; *p; p++) {
    int start = p == v || !(((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z') ||
                            (*p >= 'A' && *p <= 'Z'));
#define CHK(w, bit, at_start)                                                   \
  if ((start || !(at_start)) && !strncasecmp(p, w, sizeof w - 1) &&              \
      ((bit) != W_EXCL || !modifier_word(v, p)))                                 \
  f |= (bit)
    switch (*p | 0x20) {
    case 'a':
      if (!cc_meta_author_lookalike(p)) CHK("author", W_AUTHOR, 0);
      CHK("advert", W_EXCL, 0);
      break;
    case 'b': CHK("byline", W_AUTHOR, 0); CHK("breadcrumb", W_EXCL, 0); break;
    case 'c': CHK("created", W_PUBLISH, 0); CHK("comment", W_EXCL, 0); break;
    case 'd': CHK("date", W_DATE, 0); CHK("disqus", W_EXCL, 0); break;
    case 'm': CHK("modif", W_MODIFIED, 0); CHK("menu", W_EXCL, 1); break;
    case 'n': CHK("nav", W_EXCL, 1); break;
    case 'o': CHK("outbrain", W_EXCL, 0); break;
    case 'p':
      CHK("publish", W_PUBLISH, 0); CHK("posted", W_PUBLISH, 0);
      CHK("promo", W_EXCL, 1); CHK("popular", W_EXCL, 1);
      break;
    case 'r':
      CHK("related", W_EXCL, 0); CHK("recommend", W_EXCL, 0); CHK("respond", W_EXCL, 1);
      break;
    case 's': CHK("sidebar", W_EXCL, 0); CHK("sponsor", W_EXCL, 0); break;
    case 't':
      CHK("timestamp", W_DATE, 0); CHK("teaser", W_EXCL, 0); CHK("taboola", W_EXCL, 0);
      CHK("trending", W_EXCL, 1);
      break;
    case 'u': CHK("updat", W_MODIFIED, 0); break;
    default: break;
    }
#undef CHK
  }
  return f;
}

/* The attributes the walk reads, found in one pass. */
typedef struct attrs {
  const char *cls, *id, *rel, *role, *itemprop;
} attrs;

static void read_attrs(const cc_node *x, attrs *a) {
  memset(a, 0, sizeof *a);
  for (unsigned i = 0; i < x->nattrs; i++) {
    const char *n = x->attrs[i].name, *v = x->attrs[i].value;
    switch (n[0]) {
    case 'c': if (!strcmp(n, "class")) a->cls = v; break;
    case 'i':
      if (n[1] == 'd' && !n[2]) a->id = v;
      else if (!strcmp(n, "itemprop")) a->itemprop = v;
      break;
    case 'r':
      if (!strcmp(n, "rel")) a->rel = v;
      else if (!strcmp(n, "role")) a->role = v;
      break;
    default: break;
    }
  }
}

/* The item an itemprop belongs to: the nearest itemscope above it (NULL:
 * the page). */
static const cc_node *item_scope(const cc_node *x) {
  unsigned up = 0;
  for (const cc_node *p = x->parent; p && up < 64; p = p->parent, up++)
    if (p->type == CC_NODE_ELEMENT && cc_node_attr(p, "itemscope")) return p;
  return NULL;
}

/* Inside an item that is another work than the page (a ClaimReview's
 * itemReviewed, a citation): its author is not the page's. */
static int in_quoted_item(const cc_node *x) {
  unsigned up = 0;
  for (const cc_node *p = x->parent; p && up < 64; p = p->parent, up++) {
    const char *ip = p->type == CC_NODE_ELEMENT ? cc_node_attr(p, "itemprop") : NULL;
    if (ip && (strstr(ip, "itemReviewed") || strstr(ip, "citation") || strstr(ip, "review")))
      return 1;
  }
  return 0;
}

static void on_itemprop(collect *c, const cc_node *x, const char *ip, int in_art) {
  if (x->tag == CC_TAG_META) return; /* on_meta has it */
  /* listing pages repeat these per teaser: look at the first few only */
  /* the authors of one item: on a thread every post names its own, and
   * the first post's is the page's */
  const cc_node *scope = (has_token(ip, "author") || has_token(ip, "creator")) ? item_scope(x) : NULL;
  if ((has_token(ip, "author") || has_token(ip, "creator")) && c->nitem_author < 10 &&
      (!c->nitem_author || scope == c->author_scope) && !in_quoted_item(x)) {
    const char *v = NULL;
    if (!c->nitem_author) c->author_scope = scope;
    c->nitem_author++;
    if (cc_node_attr(x, "itemscope")) v = scoped_name(c, x);
    else if (x->tag != CC_TAG_LINK) v = gather_names(c, x, 300, 64);
    if (v) cc_meta_add(c->m, CC_MF_AUTHOR, 30, v, "itemprop=author", CC_MC_MULTI);
  }
  if (has_token(ip, "headline") && !cc_meta_has(c->m, CC_MF_TITLE, 35))
    cc_meta_add(c->m, CC_MF_TITLE, 35, gather_dup_t(c, x, 2048, 200, 1), "itemprop=headline", 0);
  if (has_token(ip, "datePublished") && !cc_meta_has(c->m, CC_MF_DATE, 14))
    cc_meta_add(c->m, CC_MF_DATE, 14, item_value(c, x, 200), "itemprop=datePublished", 0);
  if (has_token(ip, "dateCreated") && !cc_meta_has(c->m, CC_MF_DATE, 25))
    cc_meta_add(c->m, CC_MF_DATE, 25, item_value(c, x, 200), "itemprop=dateCreated", 0);
  if (has_token(ip, "dateModified") && !cc_meta_has(c->m, CC_MF_DATE, 62))
    cc_meta_add(c->m, CC_MF_DATE, 62, item_value(c, x, 200), "itemprop=dateModified", 0);
  if (has_token(ip, "publisher") && !cc_meta_has(c->m, CC_MF_SITE, 38) && cc_node_attr(x, "itemscope"))
    cc_meta_add(c->m, CC_MF_SITE, 38, scoped_name(c, x), "itemprop=publisher", 0);
  if ((has_token(ip, "image") || has_token(ip, "thumbnailUrl")) && in_art &&
      (x->tag == CC_TAG_IMG || x->tag == CC_TAG_LINK) && !cc_meta_has(c->m, CC_MF_IMAGE, 30))
    cc_meta_add(c->m, CC_MF_IMAGE, 30, item_value(c, x, 0), "itemprop=image", 0);
  if (has_token(ip, "inLanguage") && !cc_meta_has(c->m, CC_MF_LANG, 25))
    cc_meta_add(c->m, CC_MF_LANG, 25, item_value(c, x, 64), "itemprop=inLanguage", 0);
}

/* ---- visible dates ---- */

/* The label of a visible date (meta.h: CC_DL_*) from its own text: one
 * in front of it ("Updated January 8"), not one after it ("May 2 (last
 * modified: ...)"). */
static int text_label(const char *t) {
  size_t at, len;
  if (!t) return CC_DL_NONE;
  while (*t == ' ' || *t == '\n' || *t == '\t') t++;
  int k = cc_meta_date_label(t, strlen(t), &at, &len);
  return at <= 16 ? k : CC_DL_NONE;
}

/* The label in front of an element: in its own text, else in the text
 * just before it ("<span>Updated</span> <time>"), within its parent or
 * its parent's. */
static int label_before(const cc_node *x) {
  char buf[96];
  for (int up = 0; up < 2 && x; up++, x = x->parent) {
    long l = gather(x, buf, sizeof buf, 16);
    size_t len;
    int k = l > 0 ? cc_meta_date_label(buf, (size_t)l, NULL, &len) : CC_DL_NONE;
    if (k) return k;
    const cc_node *p = x->prev;
    if (p && p->type == CC_NODE_TEXT && p->len < 2) p = p->prev;
    if (!p) continue;
    l = gather(p, buf, sizeof buf, 16);
    if (l > 0 && (k = cc_meta_date_label(buf, (size_t)l, NULL, &len))) return k;
  }
  return CC_DL_NONE;
}

/* A visible date with its label: a modification date goes to the
 * modification band, a poster's "Joined" date nowhere. */
static void add_visible_date(collect *c, int prio, int label, const char *v, const char *src) {
  if (label == CC_DL_OTHER) return;
  if (label == CC_DL_MODIFIED) prio = CC_META_MODIFIED_MAX; /* a priority of its own */
  cc_meta_add(c->m, CC_MF_DATE, prio, v, src, 0);
}

/* ---- visible bylines ---- */

/* Words that open a byline in running text (lowercase). */
static const char *const by_words[] = {"by",      "par",     "von",   "por",    "di",
                                       "door",    "written", "posted", "story", "words",
                                       "escrito", "scritto", "geschrieben", "text:",
                                       "texte:",  "author:", "autor:", "auteur:", "autore:",
                                       "tekst:",  "by:",     "von:",  "por:",   "par:"};

int cc_meta_byline_start(const char *t, size_t n) {
  size_t i = 0;
  while (i < n && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r')) i++;
  size_t j = i;
  while (j < n && t[j] != ' ' && t[j] != '\n' && t[j] != '\t' && t[j] != '\xc2') j++;
  size_t wl = j - i;
  if (!wl || wl > 12) return 0;
  char w[16];
  for (size_t k = 0; k < wl; k++) {
    unsigned char ch = (unsigned char)t[i + k];
    w[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
  }
  w[wl] = '\0';
  int hit = 0;
  for (size_t k = 0; k < sizeof by_words / sizeof by_words[0] && !hit; k++)
    hit = !strcmp(w, by_words[k]);
  if (!hit) return 0;
  /* "By" alone (the name follows in a link), or followed by a capital */
  while (j < n && (t[j] == ' ' || t[j] == '\n' || t[j] == '\t' || t[j] == '\r')) j++;
  if (j >= n) return 1;
  unsigned char ch = (unsigned char)t[j];
  if (w[wl - 1] != ':' && (!strcmp(w, "written") || !strcmp(w, "posted") ||
                           !strcmp(w, "story") || !strcmp(w, "words") ||
                           !strcmp(w, "escrito") || !strcmp(w, "scritto") ||
                           !strcmp(w, "geschrieben")))
    return 1; /* "Written by ..." is checked by the cleaner */
  return (ch >= 'A' && ch <= 'Z') || ch >= 0xc3;
}

/* Does a visible byline name anyone? A priority holds one value, the first
 * found: a teaser's "By Team Tiger Data" (no name) must not take the place
 * of the article's "Written by Jane Doe" further down. */
static int names_in(collect *c, const char *v) {
  cc_names names;
  memset(&names, 0, sizeof names);
  return cc_meta_names_add(c->a, &names, v, strlen(v)) > 0;
}

/* A text node that opens a byline: its text and the inline siblings after
 * it, up to a block. */
static void on_byline_text(collect *c, const cc_node *t, int in_art) {
  if (t->len > 200 || !cc_meta_byline_start(t->text, t->len)) return;
  char buf[320];
  size_t o = 0;
  for (size_t i = 0; i < t->len; i++)
    put_squeezed(buf, sizeof buf, &o, t->text[i]);
  for (const cc_node *s = t->next; s; s = s->next) {
    if (s->type == CC_NODE_ELEMENT && (cc_tag_class(s->tag) & CC_TC_BLOCK)) break;
    if (o + 2 >= sizeof buf) return;
    buf[o++] = ' ';
    long l = gather_squeezed(s, buf + o, sizeof buf - o, 40);
    if (l < 0) return;
    o += (size_t)l;
  }
  c->nbyline_txt++;
  const char *v = cc_arena_strndup(c->a, buf, o);
  if (names_in(c, v)) cc_meta_add(c->m, CC_MF_AUTHOR, in_art ? 45 : 47, v, "byline text", 0);
  add_visible_date(c, in_art ? 39 : 45, text_label(v), v, "byline text date");
}

/* ---- the walk ---- */

static int excluded_role(const char *role) {
  return role && (!strcmp(role, "navigation") || !strcmp(role, "menu") ||
                  !strcmp(role, "menubar") || !strcmp(role, "complementary"));
}

static void on_time(collect *c, const cc_node *x, int in_art, unsigned cw) {
  if (c->ntime >= 8) return;
  c->ntime++;
  const char *v = cc_node_attr(x, "datetime");
  if (!v) v = gather_dup(c, x, 120, 16);
  if (!v) return;
  int label = label_before(x);
  int modified = (cw & W_MODIFIED) != 0 || label == CC_DL_MODIFIED;
  int pub = cc_node_attr(x, "pubdate") || (cw & W_PUBLISH) || label == CC_DL_PUBLISHED;
  int prio = modified ? 62 : pub ? 30 : in_art ? 35 : 70;
  add_visible_date(c, prio, label == CC_DL_OTHER ? label : CC_DL_NONE, v, "<time>");
}

static void walk(collect *c, const cc_dom *d) {
  const cc_node *body = d->body;
  c->body_end = body ? subtree_end(body) : 0;
  for (const cc_node *x = d->root; x;) {
    int in_body = body && x->id > body->id && x->id <= c->body_end;
    if (x->type == CC_NODE_TEXT) {
      if (in_body && x->id > c->excl_end && c->nbyline_txt < 3 && x->len < 200)
        on_byline_text(c, x, x->id <= c->art_end);
      x = cc_dom_next(d->root, x, 0);
      continue;
    }
    if (x->type != CC_NODE_ELEMENT) {
      x = cc_dom_next(d->root, x, 0);
      continue;
    }
    int skip = 0;
    switch (x->tag) {
    case CC_TAG_HTML: {
      const char *l = cc_node_attr(x, "lang");
      if (!l) l = cc_node_attr(x, "xml:lang");
      cc_meta_add(c->m, CC_MF_LANG, 10, l, "<html lang>", 0);
      break;
    }
    case CC_TAG_TITLE:
      cc_meta_add(c->m, CC_MF_TITLE, 50, gather_dup_t(c, x, 2048, 8, 1), "<title>", 0);
      skip = 1;
      break;
    case CC_TAG_META:
      on_meta(c, x);
      break;
    case CC_TAG_LINK: {
      const char *rel = cc_node_attr(x, "rel"), *href = cc_node_attr(x, "href");
      if (rel && href) {
        char low[64];
        size_t l = strlen(rel);
        if (l < sizeof low) {
          for (size_t i = 0; i <= l; i++) {
            unsigned char ch = (unsigned char)rel[i];
            low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
          }
          if (has_token(low, "canonical") && !c->m->canonical) c->m->canonical = href;
          if (has_token(low, "image_src")) cc_meta_add(c->m, CC_MF_IMAGE, 40, href, "link image_src", 0);
        }
      }
      break;
    }
    case CC_TAG_BASE:
      if (!c->m->base_href) c->m->base_href = cc_node_attr(x, "href");
      break;
    case CC_TAG_H1:
      if (c->m->nh1 < 3 && x->id > c->excl_end) {
        const char *t = gather_dup_t(c, x, 2048, 100, 1);
        if (t) {
          c->m->h1[c->m->nh1++] = t;
          cc_meta_add(c->m, CC_MF_TITLE, x->id <= c->art_end ? 54 : 55, t, "h1", 0);
        }
      }
      break;
    default:
      break;
    }
    attrs at;
    unsigned cw = 0;
    if (x->nattrs) read_attrs(x, &at);
    else memset(&at, 0, sizeof at);
    if (in_body) {
      if (!c->art_found || x->id > c->art_end) {
        if (x->tag == CC_TAG_ARTICLE || x->tag == CC_TAG_MAIN ||
            (at.role && (!strcmp(at.role, "main") || !strcmp(at.role, "article")))) {
          c->art_end = subtree_end(x);
          c->art_found = 1;
        }
      }
      if (x->id > c->excl_end) cw = class_words(at.cls) | class_words(at.id);
      if (x->id > c->excl_end && ((cw & W_EXCL) || excluded_role(at.role) ||
                                  x->tag == CC_TAG_NAV || x->tag == CC_TAG_ASIDE))
        c->excl_end = subtree_end(x);
    }
    int in_art = x->id <= c->art_end;
    int excl = x->id <= c->excl_end;
    if (!excl) {
      if (at.itemprop) on_itemprop(c, x, at.itemprop, in_art || !in_body);
      if (in_body) {
        if (x->tag == CC_TAG_TIME) on_time(c, x, in_art, cw);
        int rel_author = at.rel && has_token(at.rel, "author");
        if ((rel_author || (cw & W_AUTHOR)) && c->nbyline_el < 6 &&
            !(at.itemprop && strstr(at.itemprop, "author"))) {
          const char *t = gather_names(c, x, 300, 60);
          if (t) {
            c->nbyline_el++;
            int prio = rel_author ? 35 : in_art ? 40 : 42;
            if (names_in(c, t))
              cc_meta_add(c->m, CC_MF_AUTHOR, prio, t, rel_author ? "rel=author" : "byline element", 0);
            add_visible_date(c, in_art ? 39 : 45, text_label(t), t, "byline element date");
          }
        }
        if (c->ndate_el < 6 && x->tag != CC_TAG_TIME && (cw & (W_DATE | W_PUBLISH))) {
          const char *t = gather_dup(c, x, 160, 24);
          if (t) {
            c->ndate_el++;
            int modified = (cw & W_MODIFIED) != 0;
            /* outside the article a date element may be the masthead's
             * "today": below the page's own modification date */
            add_visible_date(c, modified ? 63 : in_art ? 38 : 65, text_label(t), t, "date element");
          }
        }
      }
    }
    x = cc_dom_next(d->root, x, skip);
  }
}

void cc_meta_walk(const cc_dom *d, cc_meta_found *m) {
  if (!d->root) return;
  collect c;
  memset(&c, 0, sizeof c);
  c.m = m;
  c.a = m->a;
  walk(&c, d);
}
