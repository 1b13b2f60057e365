/* meta.c — the metadata stage: fills ctx->meta (title, author, date, site
 * name, language, url, base_url, description, image, JSON-LD articleBody).
 *
 * It runs right after parsing, before pre-clean, so the head, the meta
 * tags and hidden microdata are still there. One walk over the DOM
 * collects candidates (each with a priority, lower is better); the
 * JSON-LD blocks the pre-pass kept are read once (meta_jsonld.c); then
 * each field takes its best candidate that survives cleaning. It owns
 * nothing but what it allocates in ctx->arena.
 *
 * Precedence, best first (see the tables below for every key):
 *   title     og:title > JSON-LD headline > twitter:title > dc/citation/
 *             parsely titles > itemprop=headline > <title> > first h1 >
 *             JSON-LD name; then the site name is stripped
 *             (meta_title.c) with the h1s and the other titles as
 *             evidence. A candidate that is only the site name is skipped.
 *   author    JSON-LD Person authors > author/article:author/dc.creator/
 *             parsely/sailthru/citation meta > microdata itemprop=author >
 *             rel=author links > byline/author-classed elements > "By ..."
 *             text; Organization authors and authors equal to the site
 *             name only when nothing else is found.
 *   date      publication first: JSON-LD datePublished >
 *             article:published_time > other publication meta > microdata
 *             datePublished > dateCreated > <time pubdate> > <time> in the
 *             article > visible date elements > /YYYY/MM/DD/ in the URL >
 *             modification dates > any <time>.
 *   site_name og:site_name > JSON-LD publisher / WebSite > application-
 *             name > dc.publisher > itemprop=publisher > a JSON-LD
 *             Organization. Never invented from the host.
 *   language  <html lang>/xml:lang > JSON-LD inLanguage > itemprop >
 *             Content-Language > language/dc.language meta > og:locale;
 *             normalized case, region kept ("en-US"); NULL when unstated.
 *   url       <link rel=canonical> when it resolves to http(s) (and is not
 *             just the site root while the caller's URL has a path) >
 *             the caller's URL > og:url > JSON-LD url.
 *   base_url  <base href> resolved against the caller's URL (or the page
 *             URL) > the caller's URL > url. Links and images resolve
 *             against it.
 *   description og:description > meta description > JSON-LD >
 *             twitter:description > dc.description.
 *   image     og:image > twitter:image > JSON-LD image > itemprop=image >
 *             link rel=image_src; made absolute against base_url.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meta.h"
#include "pipeline.h"
#include "url.h"

enum { F_TITLE, F_AUTHOR, F_DATE, F_SITE, F_LANG, F_DESC, F_IMAGE, F_URL, F_COUNT };

/* candidate flags */
enum {
  C_MULTI = 1u << 0,    /* same-priority values accumulate (authors) */
  C_CITATION = 1u << 1  /* "Last, First" name order */
};

#define MAX_CANDS 16
#define MAX_MULTI 2048

typedef struct cand {
  const char *v;
  const char *src; /* for --explain */
  int prio;
  unsigned flags;
} cand;

typedef struct field {
  cand c[MAX_CANDS];
  int n;
} field;

typedef struct collect {
  cc_ctx *ctx;
  cc_arena *a;
  field f[F_COUNT];
  const char *canonical, *base_href;
  const char *h1[3];
  int nh1;
  uint32_t body_end, art_end, excl_end;
  int in_body_seen;
  int nbyline_el, nbyline_txt, ndate_el, ntime, nitem_author;
  int art_found;
} collect;

/* ---- candidates ---- */

static void add(collect *c, int f, int prio, const char *v, const char *src, unsigned flags) {
  if (!v) return;
  while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r') v++;
  if (!*v) return;
  field *fl = &c->f[f];
  for (int i = 0; i < fl->n; i++) {
    if (fl->c[i].prio != prio) continue;
    if ((flags & C_MULTI) && strlen(fl->c[i].v) + strlen(v) + 2 < MAX_MULTI) {
      size_t a = strlen(fl->c[i].v), b = strlen(v);
      char *s = cc_arena_alloc(c->a, a + b + 2);
      memcpy(s, fl->c[i].v, a);
      s[a] = '\n';
      memcpy(s + a + 1, v, b + 1);
      fl->c[i].v = s;
    }
    return; /* first value of a priority wins */
  }
  int slot = fl->n;
  if (fl->n == MAX_CANDS) {
    /* full: replace the worst if this one is better */
    slot = 0;
    for (int i = 1; i < fl->n; i++)
      if (fl->c[i].prio > fl->c[slot].prio) slot = i;
    if (fl->c[slot].prio <= prio) return;
  } else {
    fl->n++;
  }
  fl->c[slot] = (cand){v, src, prio, flags};
}

static int cmp_cand(const void *x, const void *y) {
  const cand *a = x, *b = y;
  return a->prio - b->prio;
}

/* ---- meta tags ---- */

typedef struct meta_key {
  const char *k; /* lowercase name/property/itemprop */
  unsigned char f, prio, flags;
} meta_key;

static const meta_key meta_keys[] = {
    /* titles */
    {"og:title", F_TITLE, 10, 0},
    {"twitter:title", F_TITLE, 25, 0},
    {"citation_title", F_TITLE, 28, 0},
    {"dc.title", F_TITLE, 30, 0},
    {"dcterms.title", F_TITLE, 30, 0},
    {"parsely-title", F_TITLE, 30, 0},
    {"sailthru.title", F_TITLE, 31, 0},
    {"article.headline", F_TITLE, 31, 0},
    {"headline", F_TITLE, 35, 0},
    {"title", F_TITLE, 45, 0},
    /* authors */
    {"author", F_AUTHOR, 20, C_MULTI},
    {"article:author", F_AUTHOR, 20, C_MULTI},
    {"og:article:author", F_AUTHOR, 20, C_MULTI},
    {"byl", F_AUTHOR, 20, C_MULTI},
    {"citation_author", F_AUTHOR, 20, C_MULTI | C_CITATION},
    {"parsely-author", F_AUTHOR, 21, C_MULTI},
    {"sailthru.author", F_AUTHOR, 21, C_MULTI},
    {"dc.creator", F_AUTHOR, 22, C_MULTI},
    {"dcterms.creator", F_AUTHOR, 22, C_MULTI},
    {"article.author", F_AUTHOR, 22, C_MULTI},
    {"creator", F_AUTHOR, 23, C_MULTI},
    /* publication dates */
    {"article:published_time", F_DATE, 12, 0},
    {"og:article:published_time", F_DATE, 12, 0},
    {"og:published_time", F_DATE, 13, 0},
    {"article:published", F_DATE, 13, 0},
    {"datepublished", F_DATE, 14, 0},
    {"article.published", F_DATE, 15, 0},
    {"parsely-pub-date", F_DATE, 15, 0},
    {"citation_publication_date", F_DATE, 15, 0},
    {"originalpublicationdate", F_DATE, 15, 0},
    {"sailthru.date", F_DATE, 16, 0},
    {"citation_date", F_DATE, 16, 0},
    {"citation_online_date", F_DATE, 16, 0},
    {"dc.date.issued", F_DATE, 16, 0},
    {"dcterms.issued", F_DATE, 16, 0},
    {"dc.date", F_DATE, 17, 0},
    {"dcterms.date", F_DATE, 17, 0},
    {"publish-date", F_DATE, 17, 0},
    {"publish_date", F_DATE, 17, 0},
    {"publishdate", F_DATE, 17, 0},
    {"publication_date", F_DATE, 17, 0},
    {"pubdate", F_DATE, 18, 0},
    {"dc.date.created", F_DATE, 18, 0},
    {"dcterms.created", F_DATE, 18, 0},
    {"pdate", F_DATE, 19, 0},
    {"date", F_DATE, 20, 0},
    {"release_date", F_DATE, 20, 0},
    {"datecreated", F_DATE, 25, 0},
    {"article.created", F_DATE, 25, 0},
    {"uploaddate", F_DATE, 26, 0},
    /* modification dates: only when nothing says when it was published */
    {"article:modified_time", F_DATE, 60, 0},
    {"og:updated_time", F_DATE, 61, 0},
    {"article:modified", F_DATE, 62, 0},
    {"datemodified", F_DATE, 62, 0},
    {"article.updated", F_DATE, 62, 0},
    {"dcterms.modified", F_DATE, 63, 0},
    {"last-modified", F_DATE, 64, 0},
    /* site */
    {"og:site_name", F_SITE, 10, 0},
    {"application-name", F_SITE, 30, 0},
    {"dc.publisher", F_SITE, 35, 0},
    {"dcterms.publisher", F_SITE, 35, 0},
    {"citation_publisher", F_SITE, 36, 0},
    {"citation_journal_title", F_SITE, 37, 0},
    /* language */
    {"inlanguage", F_LANG, 25, 0},
    {"content-language", F_LANG, 30, 0},
    {"language", F_LANG, 32, 0},
    {"dc.language", F_LANG, 33, 0},
    {"dcterms.language", F_LANG, 33, 0},
    {"og:locale", F_LANG, 40, 0},
    /* description */
    {"og:description", F_DESC, 10, 0},
    {"description", F_DESC, 20, 0},
    {"twitter:description", F_DESC, 30, 0},
    {"article.summary", F_DESC, 35, 0},
    {"dc.description", F_DESC, 40, 0},
    {"dcterms.description", F_DESC, 40, 0},
    {"sailthru.description", F_DESC, 41, 0},
    /* image */
    {"og:image", F_IMAGE, 10, 0},
    {"og:image:url", F_IMAGE, 11, 0},
    {"og:image:secure_url", F_IMAGE, 11, 0},
    {"twitter:image", F_IMAGE, 20, 0},
    {"twitter:image:src", F_IMAGE, 20, 0},
    {"image", F_IMAGE, 30, 0},
    {"thumbnailurl", F_IMAGE, 35, 0},
    {"parsely-image-url", F_IMAGE, 36, 0},
    {"sailthru.image.full", F_IMAGE, 36, 0},
    {"thumbnail", F_IMAGE, 38, 0},
    /* url */
    {"og:url", F_URL, 10, 0},
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

static void meta_value(collect *c, const char *key, size_t kl, const char *content,
                       int is_article_author) {
  const meta_key *mk = find_key(key, kl);
  if (!mk) return;
  const char *v = content;
  if (mk->flags & C_CITATION) v = citation_order(c->a, v);
  /* article:author is often a profile URL, not a name */
  if (is_article_author && mk->f == F_AUTHOR && (strstr(v, "://") || !strncmp(v, "www.", 4)))
    return;
  add(c, mk->f, mk->prio, v, mk->k, mk->flags);
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
  if (equiv && !strcasecmp(equiv, "content-language")) add(c, F_LANG, 30, content, "http-equiv", 0);
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
 * related links, sidebars, navigation, ads. (cc_hint_of knows more words
 * but tokenizes; this runs on every element and must be cheap.) */
enum {
  W_AUTHOR = 1u << 0,   /* author, byline */
  W_DATE = 1u << 1,     /* date, timestamp */
  W_PUBLISH = 1u << 2,  /* publish, posted, created */
  W_MODIFIED = 1u << 3, /* updat(ed), modif(ied) */
  W_EXCL = 1u << 4
};

static unsigned class_words(const char *v) {
  unsigned f = 0;
  if (!v) return 0;
  for (const char *p = v; *p; p++) {
    int start = p == v || !(((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z') ||
                            (*p >= 'A' && *p <= 'Z'));
#define CHK(w, bit, at_start)                                                   \
  if ((start || !(at_start)) && !strncasecmp(p, w, sizeof w - 1)) f |= (bit)
    switch (*p | 0x20) {
    case 'a': CHK("author", W_AUTHOR, 0); CHK("advert", W_EXCL, 0); break;
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
    case 'w': CHK("widget", W_EXCL, 0); break;
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

/* 1 when field f already has a candidate of this priority (its first
 * value wins, so the work of finding another can be skipped). */
static int have(const collect *c, int f, int prio) {
  for (int i = 0; i < c->f[f].n; i++)
    if (c->f[f].c[i].prio == prio) return 1;
  return 0;
}

static void on_itemprop(collect *c, const cc_node *x, const char *ip, int in_art) {
  if (x->tag == CC_TAG_META) return; /* on_meta has it */
  /* listing pages repeat these per teaser: look at the first few only */
  if ((has_token(ip, "author") || has_token(ip, "creator")) && c->nitem_author < 10) {
    const char *v = NULL;
    c->nitem_author++;
    if (cc_node_attr(x, "itemscope")) v = scoped_name(c, x);
    else if (x->tag != CC_TAG_LINK) v = gather_dup(c, x, 300, 64);
    if (v) add(c, F_AUTHOR, 30, v, "itemprop=author", C_MULTI);
  }
  if (has_token(ip, "headline") && !have(c, F_TITLE, 35))
    add(c, F_TITLE, 35, gather_dup_t(c, x, 2048, 200, 1), "itemprop=headline", 0);
  if (has_token(ip, "datePublished") && !have(c, F_DATE, 14))
    add(c, F_DATE, 14, item_value(c, x, 200), "itemprop=datePublished", 0);
  if (has_token(ip, "dateCreated") && !have(c, F_DATE, 25))
    add(c, F_DATE, 25, item_value(c, x, 200), "itemprop=dateCreated", 0);
  if (has_token(ip, "dateModified") && !have(c, F_DATE, 62))
    add(c, F_DATE, 62, item_value(c, x, 200), "itemprop=dateModified", 0);
  if (has_token(ip, "publisher") && !have(c, F_SITE, 38) && cc_node_attr(x, "itemscope"))
    add(c, F_SITE, 38, scoped_name(c, x), "itemprop=publisher", 0);
  if ((has_token(ip, "image") || has_token(ip, "thumbnailUrl")) && in_art &&
      (x->tag == CC_TAG_IMG || x->tag == CC_TAG_LINK) && !have(c, F_IMAGE, 30))
    add(c, F_IMAGE, 30, item_value(c, x, 0), "itemprop=image", 0);
  if (has_token(ip, "inLanguage") && !have(c, F_LANG, 25))
    add(c, F_LANG, 25, item_value(c, x, 64), "itemprop=inLanguage", 0);
}

/* ---- visible bylines ---- */

/* Words that open a byline in running text (lowercase). */
static const char *const by_words[] = {"by",      "par",     "von",   "por",    "di",
                                       "door",    "written", "posted", "story", "words",
                                       "escrito", "scritto", "geschrieben", "text:",
                                       "texte:",  "author:", "autor:", "auteur:", "autore:",
                                       "tekst:",  "by:",     "von:",  "por:",   "par:"};

static int byline_start(const char *t, size_t n) {
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

/* A text node that opens a byline: its text and the inline siblings after
 * it, up to a block. */
static void on_byline_text(collect *c, const cc_node *t, int in_art) {
  if (t->len > 200 || !byline_start(t->text, t->len)) return;
  char buf[320];
  size_t o = 0;
  memcpy(buf, t->text, t->len);
  o = t->len;
  for (const cc_node *s = t->next; s; s = s->next) {
    if (s->type == CC_NODE_ELEMENT && (cc_tag_class(s->tag) & CC_TC_BLOCK)) break;
    if (o + 2 >= sizeof buf) return;
    buf[o++] = ' ';
    long l = gather(s, buf + o, sizeof buf - o, 40);
    if (l < 0) return;
    o += (size_t)l;
  }
  c->nbyline_txt++;
  const char *v = cc_arena_strndup(c->a, buf, o);
  add(c, F_AUTHOR, in_art ? 45 : 47, v, "byline text", 0);
  add(c, F_DATE, in_art ? 39 : 45, v, "byline text date", 0);
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
  int modified = (cw & W_MODIFIED) != 0;
  int pub = cc_node_attr(x, "pubdate") || (cw & W_PUBLISH);
  int prio = modified ? 62 : pub ? 30 : in_art ? 35 : 70;
  add(c, F_DATE, prio, v, "<time>", 0);
}

static void walk(collect *c) {
  cc_dom *d = &c->ctx->dom;
  const cc_node *body = d->body;
  c->body_end = body ? subtree_end(body) : 0;
  for (cc_node *x = d->root; x;) {
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
      add(c, F_LANG, 10, l, "<html lang>", 0);
      break;
    }
    case CC_TAG_TITLE:
      add(c, F_TITLE, 50, gather_dup_t(c, x, 2048, 8, 1), "<title>", 0);
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
          if (has_token(low, "canonical") && !c->canonical) c->canonical = href;
          if (has_token(low, "image_src")) add(c, F_IMAGE, 40, href, "link image_src", 0);
        }
      }
      break;
    }
    case CC_TAG_BASE:
      if (!c->base_href) c->base_href = cc_node_attr(x, "href");
      break;
    case CC_TAG_H1:
      if (c->nh1 < 3 && x->id > c->excl_end) {
        const char *t = gather_dup_t(c, x, 2048, 100, 1);
        if (t) {
          c->h1[c->nh1++] = t;
          add(c, F_TITLE, x->id <= c->art_end ? 54 : 55, t, "h1", 0);
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
          const char *t = gather_dup(c, x, 300, 60);
          if (t) {
            c->nbyline_el++;
            int prio = rel_author ? 35 : in_art ? 40 : 42;
            add(c, F_AUTHOR, prio, t, rel_author ? "rel=author" : "byline element", 0);
            add(c, F_DATE, in_art ? 39 : 45, t, "byline element date", 0);
          }
        }
        if (c->ndate_el < 6 && x->tag != CC_TAG_TIME && (cw & (W_DATE | W_PUBLISH))) {
          const char *t = gather_dup(c, x, 160, 24);
          if (t) {
            c->ndate_el++;
            int modified = (cw & W_MODIFIED) != 0;
            /* outside the article a date element may be the masthead's
             * "today": below the page's own modification date */
            add(c, F_DATE, modified ? 63 : in_art ? 38 : 65, t, "date element", 0);
          }
        }
      }
    }
    x = cc_dom_next(d->root, x, skip);
  }
}

/* ---- resolution ---- */

static const char *absolute(cc_arena *a, const char *base, const char *ref) {
  if (!ref) return NULL;
  while (*ref == ' ' || *ref == '\n' || *ref == '\t' || *ref == '\r') ref++;
  if (!*ref || strlen(ref) > CC_META_URL_MAX) return NULL;
  char *r = cc_url_resolve(a, base, ref);
  if (!r) return NULL;
  if (cc_url_is_http(r)) return r;
  if (r[0] == '/' && r[1] == '/') {
    /* protocol-relative with no base: https is the safe reading */
    size_t l = strlen(r);
    char *s = cc_arena_alloc(a, l + 7);
    memcpy(s, "https:", 6);
    memcpy(s + 6, r, l + 1);
    return s;
  }
  return NULL;
}

/* Is the URL only a site root ("https://example.com/")? */
static int root_only(const char *u) {
  const char *p = strstr(u, "://");
  if (!p) return 0;
  p = strchr(p + 3, '/');
  return !p || !p[1] || p[1] == '?' || p[1] == '#';
}

static void explain(collect *c, const char *field, const cand *k) {
  if (!c->ctx->explain || !k) return;
  /* the raw value, on one line and short */
  char v[64];
  size_t o = 0;
  for (const char *p = k->v; *p && o < sizeof v - 1; p++)
    v[o++] = (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p;
  while (o > 0 && ((unsigned char)v[o - 1] & 0xc0) == 0x80) o--; /* whole characters */
  if (o > 0 && ((unsigned char)v[o - 1] & 0xc0) == 0xc0) o--;
  v[o] = '\0';
  cc_buf_printf(c->ctx->explain, "meta  %-11s <- %s (priority %d): %s\n", field,
                k->src ? k->src : "?", k->prio, v);
}

static void sort_fields(collect *c) {
  for (int f = 0; f < F_COUNT; f++)
    qsort(c->f[f].c, (size_t)c->f[f].n, sizeof(cand), cmp_cand);
}

static void resolve(collect *c, const cc_ld *ld) {
  cc_arena *a = c->a;
  cc_meta *m = &c->ctx->meta;
  sort_fields(c);

  /* language */
  for (int i = 0; i < c->f[F_LANG].n && !m->language; i++) {
    m->language = cc_meta_lang(a, c->f[F_LANG].c[i].v);
    if (m->language) explain(c, "language", &c->f[F_LANG].c[i]);
  }
  int mdy = m->language && !strncmp(m->language, "en", 2) &&
            (m->language[2] == '\0' || !strcmp(m->language + 2, "-US"));

  /* site name */
  for (int i = 0; i < c->f[F_SITE].n && !m->site_name; i++) {
    const char *v = c->f[F_SITE].c[i].v;
    if (strstr(v, "://") || v[0] == '@') continue; /* a URL or a handle is no name */
    m->site_name = cc_meta_text(a, v, strlen(v), CC_META_SITE_MAX, CC_MT_ENTITIES | CC_MT_TAGS);
    if (m->site_name) explain(c, "site_name", &c->f[F_SITE].c[i]);
  }

  /* url and base */
  const char *caller = c->ctx->opt->url && *c->ctx->opt->url ? c->ctx->opt->url : NULL;
  if (caller && !cc_url_is_http(caller) && strstr(caller, "://") == NULL) caller = NULL;
  const char *doc_base = caller;
  if (c->base_href) {
    const char *b = absolute(a, caller, c->base_href);
    if (b) doc_base = b;
  }
  const char *canon = c->canonical ? absolute(a, doc_base, c->canonical) : NULL;
  if (canon && caller && root_only(canon) && !root_only(caller)) canon = NULL;
  const char *og = NULL;
  for (int i = 0; i < c->f[F_URL].n && !og; i++) og = absolute(a, doc_base, c->f[F_URL].c[i].v);
  m->url = canon ? canon : caller ? caller : og ? og : absolute(a, doc_base, ld->url);
  if (!doc_base && c->base_href && m->url) {
    const char *b = absolute(a, m->url, c->base_href);
    if (b) doc_base = b;
  }
  m->base_url = doc_base ? doc_base : m->url;

  /* title */
  const char *refs[F_COUNT + 8];
  unsigned nrefs = 0;
  for (int i = 0; i < c->nh1; i++) refs[nrefs++] = c->h1[i];
  for (int i = 0; i < c->f[F_TITLE].n && nrefs < sizeof refs / sizeof refs[0]; i++)
    if (strcmp(c->f[F_TITLE].c[i].src, "h1")) refs[nrefs++] = c->f[F_TITLE].c[i].v;
  for (unsigned r = 0; r < nrefs; r++)
    refs[r] = cc_meta_text(a, refs[r], strlen(refs[r]), CC_META_TITLE_MAX * 4,
                           CC_MT_ENTITIES | CC_MT_COMMENTS);
  char host[256];
  const char *hostp = m->url && cc_url_host(m->url, host, sizeof host) ? host : NULL;
  for (int i = 0; i < c->f[F_TITLE].n && !m->title; i++) {
    const cand *k = &c->f[F_TITLE].c[i];
    const char *t = cc_meta_text(a, k->v, strlen(k->v), CC_META_TITLE_MAX * 4,
                                 CC_MT_ENTITIES | CC_MT_COMMENTS);
    if (!t) continue;
    if (m->site_name && cc_meta_loose_eq(t, strlen(t), m->site_name, strlen(m->site_name)))
      continue;
    t = cc_meta_title_strip(a, t, m->site_name, hostp, refs, nrefs);
    if (!t) continue;
    m->title = cc_meta_text(a, t, strlen(t), CC_META_TITLE_MAX, 0);
    if (m->title) explain(c, "title", k);
  }

  /* author */
  const char *fallback = NULL;
  const cand *fallback_k = NULL;
  for (int i = 0; i < c->f[F_AUTHOR].n && !m->author; i++) {
    const cand *k = &c->f[F_AUTHOR].c[i];
    cc_names names;
    memset(&names, 0, sizeof names);
    cc_meta_names_add(a, &names, k->v, strlen(k->v));
    const char *s = cc_meta_names_join(a, &names);
    if (!s) continue;
    int org = k->prio >= 90 ||
              (m->site_name && cc_meta_loose_eq(s, strlen(s), m->site_name, strlen(m->site_name)));
    if (org) {
      if (!fallback) {
        fallback = s;
        fallback_k = k;
      }
      continue;
    }
    m->author = s;
    explain(c, "author", k);
  }
  if (!m->author && fallback) {
    m->author = fallback;
    explain(c, "author", fallback_k);
  }

  /* date */
  cc_date dt;
  if (cc_meta_date_from_url(m->url, &dt) || cc_meta_date_from_url(caller, &dt)) {
    add(c, F_DATE, 40, cc_meta_date_iso(a, &dt), "url", 0);
    qsort(c->f[F_DATE].c, (size_t)c->f[F_DATE].n, sizeof(cand), cmp_cand);
  }
  for (int i = 0; i < c->f[F_DATE].n && !m->date; i++) {
    const cand *k = &c->f[F_DATE].c[i];
    if (cc_meta_date_parse(k->v, strlen(k->v), mdy, &dt)) {
      m->date = cc_meta_date_iso(a, &dt);
      explain(c, "date", k);
    }
  }

  /* description */
  for (int i = 0; i < c->f[F_DESC].n && !m->description; i++) {
    const cand *k = &c->f[F_DESC].c[i];
    m->description =
        cc_meta_text(a, k->v, strlen(k->v), CC_META_DESC_MAX, CC_MT_ENTITIES | CC_MT_TAGS);
    if (m->description) explain(c, "description", k);
  }

  /* image */
  for (int i = 0; i < c->f[F_IMAGE].n && !m->image; i++) {
    const cand *k = &c->f[F_IMAGE].c[i];
    m->image = absolute(a, m->base_url, k->v);
    if (m->image) explain(c, "image", k);
  }
  if (m->url && c->ctx->explain) cc_buf_printf(c->ctx->explain, "meta  url = %s\n", m->url);
}

int cc_stage_meta(cc_ctx *ctx) {
  collect *c = cc_arena_calloc(ctx->arena, sizeof *c);
  c->ctx = ctx;
  c->a = ctx->arena;
  memset(&ctx->meta, 0, sizeof ctx->meta);
  if (ctx->dom.root) walk(c);

  cc_ld ld;
  cc_meta_jsonld(c->a, ctx->strip.jsonld, ctx->strip.njsonld, &ld);
  add(c, F_TITLE, 20, ld.headline, "json-ld headline", 0);
  add(c, F_TITLE, ld.main_rank >= 2 ? 22 : 60, ld.name, "json-ld name", 0);
  add(c, F_AUTHOR, 10, cc_meta_names_join(c->a, &ld.authors), "json-ld author", 0);
  add(c, F_AUTHOR, 90, cc_meta_names_join(c->a, &ld.org_authors), "json-ld organization", 0);
  add(c, F_DATE, 10, ld.date_pub, "json-ld datePublished", 0);
  add(c, F_DATE, 24, ld.date_created, "json-ld dateCreated", 0);
  add(c, F_DATE, 60, ld.date_mod, "json-ld dateModified", 0);
  add(c, F_SITE, 20, ld.site_name, "json-ld publisher", 0);
  add(c, F_SITE, 45, ld.org_name, "json-ld organization", 0);
  add(c, F_LANG, 20, ld.language, "json-ld inLanguage", 0);
  add(c, F_DESC, 25, ld.description, "json-ld description", 0);
  add(c, F_IMAGE, 25, ld.image, "json-ld image", 0);
  ctx->meta.jsonld_body = ld.body;

  resolve(c, &ld);
  return 0;
}
