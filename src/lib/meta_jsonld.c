/* meta_jsonld.c — reads schema.org JSON-LD for the metadata stage (see
 * meta.h).
 *
 * Each block is parsed with jansson as a sequence of values (some pages
 * put several objects in one script). When that fails, a cleaned copy is
 * tried: CDATA and comment wrappers, raw control characters, trailing
 * commas, invalid escapes and invalid UTF-8 are fixed, and a block that
 * is entity-encoded as a whole is decoded. Blocks nested deeper than
 * MAX_NEST are refused before jansson sees them (its parser recurses).
 *
 * Every object with an @type is ranked (Article family > other creative
 * works > WebPage family); fields come from the best one and, when it
 * lacks them, from the others in rank order. "@id" references (Yoast's
 * @graph style) are resolved for author, publisher, image and isPartOf.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "meta.h"

#define MAX_NEST 48    /* deepest bracket nesting accepted */
#define MAX_WALK 24    /* deepest level our walk descends */
#define MAX_OBJS 96    /* typed objects remembered */
#define MAX_IDS 128    /* @id targets remembered */
#define MAX_VALUES 16  /* top-level values per block */
#define MAX_DOCS (CC_STRIP_MAX_JSONLD * 4)

typedef struct obj {
  json_t *o;
  int rank;
  int depth;
  int order;
  int kind;   /* K_* below */
  int quoted; /* under itemReviewed, citation...: another work, not the page */
} obj;

/* Keys under which an object describes another work than the page: a
 * ClaimReview's itemReviewed (the claim and whoever made it), citations,
 * mentions. Their authors and dates are not the page's. */
static const char *const quoting_keys[] = {"itemReviewed", "review", "reviews", "citation",
                                           "mentions", "isBasedOn", "subjectOf", "comment",
                                           "about", "claimReviewed"};

static int quoting(const char *k) {
  for (size_t i = 0; i < sizeof quoting_keys / sizeof *quoting_keys; i++)
    if (!strcmp(k, quoting_keys[i])) return 1;
  return 0;
}

enum { K_OTHER, K_WEBSITE, K_ORG, K_PERSON };

typedef struct walk {
  cc_arena *a;
  obj objs[MAX_OBJS];
  int nobjs;
  struct {
    const char *id;
    json_t *o;
  } ids[MAX_IDS];
  int nids;
  int order;
} walk;

/* ---- types ---- */

static const char *type_tail(const char *t) {
  const char *p = strrchr(t, '/');
  if (p) t = p + 1;
  p = strrchr(t, ':');
  if (p) t = p + 1;
  p = strrchr(t, '#');
  if (p) t = p + 1;
  return t;
}

static int ends_with(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcmp(s + a - b, suf);
}

static void rank_type(const char *t, int *rank, int *kind) {
  t = type_tail(t);
  static const char *const works[] = {"Recipe", "Review", "HowTo", "VideoObject",
                                      "PodcastEpisode", "Episode", "CreativeWork", "Question",
                                      "Guide", "Course", "Book", "Movie", "AudioObject",
                                      "Chapter", "Thesis", "Legislation", "Dataset"};
  int r = 0, k = K_OTHER;
  if (ends_with(t, "Article") || ends_with(t, "Posting") || !strcmp(t, "Report")) r = 3;
  else if (ends_with(t, "Review")) r = 2;
  else if (ends_with(t, "Page") || !strcmp(t, "RealEstateListing")) r = 1;
  else if (!strcmp(t, "WebSite")) k = K_WEBSITE;
  else if (!strcmp(t, "Person")) k = K_PERSON;
  else if (ends_with(t, "Organization") || !strcmp(t, "Corporation") ||
           !strcmp(t, "NewsMediaOrganization") || !strcmp(t, "LocalBusiness") ||
           !strcmp(t, "EducationalOrganization") || !strcmp(t, "GovernmentOrganization"))
    k = K_ORG;
  else
    for (size_t i = 0; i < sizeof works / sizeof works[0]; i++)
      if (!strcmp(t, works[i])) r = 2;
  if (r > *rank) *rank = r;
  if (k != K_OTHER && *kind == K_OTHER) *kind = k;
}

static void classify(json_t *o, int *rank, int *kind) {
  *rank = 0;
  *kind = K_OTHER;
  json_t *t = json_object_get(o, "@type");
  if (json_is_string(t)) {
    rank_type(json_string_value(t), rank, kind);
  } else if (json_is_array(t)) {
    size_t i;
    json_t *v;
    json_array_foreach(t, i, v) {
      if (i >= 8) break;
      if (json_is_string(v)) rank_type(json_string_value(v), rank, kind);
    }
  }
}

/* ---- the walk ---- */

static void visit(walk *w, json_t *v, int depth, int quoted) {
  if (depth > MAX_WALK) return;
  if (json_is_array(v)) {
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
      if (i >= 512) break;
      visit(w, x, depth + 1, quoted);
    }
    return;
  }
  if (!json_is_object(v)) return;
  json_t *id = json_object_get(v, "@id");
  json_t *ty = json_object_get(v, "@type");
  if (ty && json_is_string(id) && w->nids < MAX_IDS) {
    w->ids[w->nids].id = json_string_value(id);
    w->ids[w->nids].o = v;
    w->nids++;
  }
  if (ty && w->nobjs < MAX_OBJS) {
    obj *o = &w->objs[w->nobjs++];
    o->o = v;
    o->depth = depth;
    o->order = w->order++;
    o->quoted = quoted;
    classify(v, &o->rank, &o->kind);
  }
  const char *k;
  json_t *x;
  json_object_foreach(v, k, x) {
    if (json_is_object(x) || json_is_array(x)) visit(w, x, depth + 1, quoted || quoting(k));
  }
}

/* An object with only an "@id" stands for the object with that id. */
static json_t *deref(const walk *w, json_t *v) {
  if (!json_is_object(v)) return v;
  json_t *id = json_object_get(v, "@id");
  if (!json_is_string(id) || json_object_size(v) > 2) return v;
  const char *s = json_string_value(id);
  for (int i = 0; i < w->nids; i++)
    if (w->ids[i].o != v && !strcmp(w->ids[i].id, s)) return w->ids[i].o;
  return v;
}

/* ---- values ---- */

static const char *str(cc_arena *a, json_t *v, size_t cap, unsigned flags) {
  if (json_is_string(v))
    return cc_meta_text(a, json_string_value(v), json_string_length(v), cap,
                        CC_MT_ENTITIES | flags);
  if (json_is_number(v)) {
    /* timestamps: keep the integer digits */
    double d = json_number_value(v);
    if (!(d > 0 && d < 1e15)) return NULL;
    char b[32];
    snprintf(b, sizeof b, "%.0f", d);
    return cc_arena_strdup(a, b);
  }
  return NULL;
}

/* The first string of a value that may be a string, an array of them, or
 * an object with one of the keys given. */
static const char *str_deep(const walk *w, json_t *v, const char *const *keys, size_t cap,
                            unsigned flags) {
  for (int guard = 0; guard < 4 && v; guard++) {
    v = deref(w, v);
    if (json_is_array(v)) {
      v = json_array_get(v, 0);
      continue;
    }
    if (json_is_object(v)) {
      json_t *n = NULL;
      for (const char *const *k = keys; *k && !n; k++) n = json_object_get(v, *k);
      v = n;
      continue;
    }
    return str(w->a, v, cap, flags);
  }
  return NULL;
}

static const char *const k_name[] = {"name", "alternateName", NULL};
static const char *const k_image[] = {"url", "contentUrl", "@id", NULL};
static const char *const k_url[] = {"@id", "url", NULL};
static const char *const k_lang[] = {"alternateName", "name", NULL};

/* A list value (a string, or an array of strings or named objects) as
 * '\n'-separated text, at most CC_META_TAGS_MAX items. */
static const char *str_list(const walk *w, json_t *v) {
  if (!v) return NULL;
  if (!json_is_array(v)) return str_deep(w, v, k_name, 1024, CC_MT_TAGS);
  char buf[CC_META_TAGS_MAX * (CC_META_TAG_MAX + 1) + 1];
  size_t o = 0;
  for (size_t i = 0; i < json_array_size(v) && i < CC_META_TAGS_MAX; i++) {
    const char *s = str_deep(w, json_array_get(v, i), k_name, CC_META_TAG_MAX, CC_MT_TAGS);
    if (!s) continue;
    size_t l = strlen(s);
    if (o + l + 2 > sizeof buf) break;
    if (o) buf[o++] = '\n';
    memcpy(buf + o, s, l);
    o += l;
  }
  return o ? cc_arena_strndup(w->a, buf, o) : NULL;
}

static int is_org(json_t *o) {
  int r, k;
  classify(o, &r, &k);
  return k == K_ORG;
}

/* Adds the names of an author value: a string, a Person/Organization,
 * an @id reference, or an array of those. */
static void add_authors(const walk *w, json_t *v, cc_ld *out) {
  size_t n = 1;
  if (json_is_array(v)) {
    n = json_array_size(v);
    if (n > CC_META_NAMES_MAX * 2) n = CC_META_NAMES_MAX * 2;
  }
  for (size_t i = 0; i < n; i++) {
    json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
    x = deref(w, x);
    if (json_is_string(x)) {
      cc_meta_names_add(w->a, &out->authors, json_string_value(x), json_string_length(x));
    } else if (json_is_object(x)) {
      json_t *nm = json_object_get(x, "name");
      if (json_is_array(nm)) nm = json_array_get(nm, 0);
      char buf[256];
      const char *s = NULL;
      size_t sl = 0;
      if (json_is_string(nm)) {
        s = json_string_value(nm);
        sl = json_string_length(nm);
      } else {
        json_t *g = json_object_get(x, "givenName"), *f = json_object_get(x, "familyName");
        if (json_is_string(g) || json_is_string(f)) {
          int l = snprintf(buf, sizeof buf, "%s%s%s", json_is_string(g) ? json_string_value(g) : "",
                           json_is_string(g) && json_is_string(f) ? " " : "",
                           json_is_string(f) ? json_string_value(f) : "");
          s = buf;
          sl = l < 0 ? 0 : (size_t)l >= sizeof buf ? sizeof buf - 1 : (size_t)l;
        }
      }
      if (!s) continue;
      cc_meta_names_add(w->a, is_org(x) ? &out->org_authors : &out->authors, s, sl);
    }
  }
}

/* ---- parsing ---- */

/* Deepest bracket nesting outside strings. */
static int nesting(const char *p, size_t n) {
  int d = 0, max = 0, in = 0;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (in) {
      if (c == '\\') i++;
      else if (c == '"') in = 0;
    } else if (c == '"') {
      in = 1;
    } else if (c == '{' || c == '[') {
      if (++d > max) max = d;
    } else if (c == '}' || c == ']') {
      d--;
    }
  }
  return max;
}

/* Parses a sequence of JSON values; returns how many were added to docs
 * and sets *failed when a value could not be parsed. */
static int parse_seq(const char *p, size_t n, json_t **docs, int room, int *failed) {
  int k = 0;
  size_t off = 0;
  *failed = 0;
  while (off < n && k < room && k < MAX_VALUES) {
    while (off < n && (p[off] == ' ' || p[off] == '\n' || p[off] == '\r' || p[off] == '\t' ||
                       p[off] == ',' || p[off] == ';'))
      off++;
    if (off >= n) break;
    json_error_t err;
    json_t *v = json_loadb(p + off, n - off,
                           JSON_DISABLE_EOF_CHECK | JSON_DECODE_INT_AS_REAL | JSON_DECODE_ANY,
                           &err);
    if (!v) {
      *failed = 1;
      break;
    }
    docs[k++] = v;
    if (err.position <= 0) break;
    off += (size_t)err.position;
  }
  return k;
}

static int is_utf8_cont(unsigned char c) { return (c & 0xc0) == 0x80; }

/* Builds the repaired copy described at the top. */
static char *repair(cc_arena *a, const char *p, size_t n, size_t *outn) {
  /* entity-encoded as a whole: &quot;@context&quot; */
  char *dec = NULL;
  int encoded = 0;
  for (size_t i = 0; i + 6 <= n && i < 200 && !encoded; i++)
    encoded = !memcmp(p + i, "&quot;", 6);
  if (encoded) {
    dec = cc_meta_text(a, p, n, n + 16, CC_MT_ENTITIES);
    if (dec) {
      p = dec;
      n = strlen(dec);
    }
  }
  char *o = cc_arena_alloc(a, n + 1);
  size_t k = 0;
  size_t i = 0;
  /* wrappers at the start: //<![CDATA[, <![CDATA[, <!-- */
  for (;;) {
    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) i++;
    if (n - i >= 11 && !memcmp(p + i, "//<![CDATA[", 11)) i += 11;
    else if (n - i >= 9 && !memcmp(p + i, "<![CDATA[", 9)) i += 9;
    else if (n - i >= 4 && !memcmp(p + i, "<!--", 4)) i += 4;
    else break;
  }
  int in = 0;
  for (; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (!in) {
      if (c == '"') {
        in = 1;
        o[k++] = '"';
      } else if (c == ',') {
        size_t j = i + 1;
        while (j < n && (p[j] == ' ' || p[j] == '\n' || p[j] == '\r' || p[j] == '\t')) j++;
        if (j < n && (p[j] == '}' || p[j] == ']')) continue; /* trailing comma */
        o[k++] = ',';
      } else if (c == ']' && n - i >= 3 && !memcmp(p + i, "]]>", 3)) {
        i += 2;
      } else if (c == '-' && n - i >= 3 && !memcmp(p + i, "-->", 3)) {
        i += 2;
      } else if (c == '/' && i + 1 < n && p[i + 1] == '/') {
        while (i < n && p[i] != '\n') i++; /* a // comment (or //]]>) */
      } else if (c < 0x20) {
        o[k++] = ' ';
      } else {
        o[k++] = (char)c;
      }
      continue;
    }
    /* inside a string */
    if (c == '\\' && i + 1 < n) {
      char d = p[i + 1];
      if (strchr("\"\\/bfnrtu", d)) {
        o[k++] = '\\';
        o[k++] = d;
      } else {
        o[k++] = d; /* \' and friends: the character itself */
      }
      i++;
    } else if (c == '"') {
      in = 0;
      o[k++] = '"';
    } else if (c < 0x20) {
      o[k++] = ' ';
    } else if (c >= 0x80) {
      /* copy a valid sequence, else replace the byte */
      int len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
      int ok = len > 0 && i + (size_t)len <= n;
      for (int j = 1; ok && j < len; j++) ok = is_utf8_cont((unsigned char)p[i + (size_t)j]);
      if (ok) {
        memcpy(o + k, p + i, (size_t)len);
        k += (size_t)len;
        i += (size_t)len - 1;
      } else {
        o[k++] = '?';
      }
    } else {
      o[k++] = (char)c;
    }
  }
  o[k] = '\0';
  *outn = k;
  return o;
}

/* ---- field picking ---- */

static int cmp_obj(const obj *x, const obj *y) {
  if (x->rank != y->rank) return y->rank - x->rank;
  if (x->depth != y->depth) return x->depth - y->depth;
  return x->order - y->order;
}

static const char *field(walk *w, obj **ord, int n, const char *key, int min_rank,
                         const char *const *keys, size_t cap, unsigned flags) {
  for (int i = 0; i < n; i++) {
    if (ord[i]->rank < min_rank) break;
    json_t *v = json_object_get(ord[i]->o, key);
    if (!v) continue;
    const char *s = str_deep(w, v, keys, cap, flags);
    if (s) return s;
  }
  return NULL;
}

static void pick(walk *w, cc_ld *out) {
  obj *ord[MAX_OBJS];
  int n = 0;
  for (int i = 0; i < w->nobjs; i++)
    if (w->objs[i].kind == K_OTHER && !w->objs[i].quoted) ord[n++] = &w->objs[i];
  /* insertion sort: n is small */
  for (int i = 1; i < n; i++) {
    obj *x = ord[i];
    int j = i - 1;
    while (j >= 0 && cmp_obj(ord[j], x) > 0) {
      ord[j + 1] = ord[j];
      j--;
    }
    ord[j + 1] = x;
  }
  cc_arena *a = w->a;
  out->main_rank = n ? ord[0]->rank : 0;
  if (n && ord[0]->rank > 0) {
    json_t *m = ord[0]->o;
    out->headline = str_deep(w, json_object_get(m, "headline"), k_name, CC_META_TITLE_MAX * 2, CC_MT_TAGS);
    out->name = str_deep(w, json_object_get(m, "name"), k_name, CC_META_TITLE_MAX * 2, CC_MT_TAGS);
    out->alt_headline =
        str_deep(w, json_object_get(m, "alternativeHeadline"), k_name, CC_META_TITLE_MAX * 2, CC_MT_TAGS);
    json_t *body = json_object_get(m, "articleBody");
    if (json_is_string(body))
      out->body = cc_meta_text(a, json_string_value(body), json_string_length(body),
                               CC_META_BODY_MAX, CC_MT_ENTITIES | CC_MT_TAGS | CC_MT_LINES);
  }
  /* authors: from the first object (rank >= 1) that names any */
  for (int i = 0; i < n && ord[i]->rank >= 1; i++) {
    json_t *v = json_object_get(ord[i]->o, "author");
    if (!v) v = json_object_get(ord[i]->o, "creator");
    if (!v) continue;
    add_authors(w, v, out);
    if (out->authors.n || out->org_authors.n) break;
  }
  out->date_pub = field(w, ord, n, "datePublished", 1, k_name, 64, 0);
  out->date_created = field(w, ord, n, "dateCreated", 1, k_name, 64, 0);
  if (!out->date_created) out->date_created = field(w, ord, n, "uploadDate", 1, k_name, 64, 0);
  out->date_mod = field(w, ord, n, "dateModified", 1, k_name, 64, 0);
  out->description = field(w, ord, n, "description", 1, k_name, CC_META_DESC_MAX, CC_MT_TAGS);
  out->image = field(w, ord, n, "image", 1, k_image, CC_META_URL_MAX, 0);
  if (!out->image) out->image = field(w, ord, n, "thumbnailUrl", 1, k_image, CC_META_URL_MAX, 0);
  out->language = field(w, ord, n, "inLanguage", 1, k_lang, 64, 0);
  for (int i = 0; i < n && ord[i]->rank >= 1 && !out->keywords; i++)
    out->keywords = str_list(w, json_object_get(ord[i]->o, "keywords"));
  for (int i = 0; i < n && ord[i]->rank >= 1 && !out->section; i++)
    out->section = str_list(w, json_object_get(ord[i]->o, "articleSection"));
  out->url = field(w, ord, n, "url", 1, k_url, CC_META_URL_MAX, 0);
  if (!out->url) out->url = field(w, ord, n, "mainEntityOfPage", 1, k_url, CC_META_URL_MAX, 0);
  out->site_name = field(w, ord, n, "publisher", 0, k_name, CC_META_SITE_MAX, 0);
  for (int i = 0; i < w->nobjs && !out->site_name; i++)
    if (w->objs[i].kind == K_WEBSITE)
      out->site_name = str_deep(w, json_object_get(w->objs[i].o, "name"), k_name, CC_META_SITE_MAX, 0);
  for (int i = 0; i < w->nobjs && !out->org_name; i++)
    if (w->objs[i].kind == K_ORG && w->objs[i].depth <= 2)
      out->org_name = str_deep(w, json_object_get(w->objs[i].o, "name"), k_name, CC_META_SITE_MAX, 0);
  if (!out->language)
    for (int i = 0; i < w->nobjs && !out->language; i++)
      if (w->objs[i].kind == K_WEBSITE)
        out->language = str_deep(w, json_object_get(w->objs[i].o, "inLanguage"), k_lang, 64, 0);
}

void cc_meta_jsonld(cc_arena *a, const cc_span *blocks, unsigned n, cc_ld *out) {
  memset(out, 0, sizeof *out);
  /* a Person's name field is what the site signs with, a user name too */
  out->authors.handles = 1;
  json_t *docs[MAX_DOCS];
  int nd = 0;
  for (unsigned b = 0; b < n && nd < MAX_DOCS; b++) {
    const char *p = blocks[b].p;
    size_t len = blocks[b].len;
    if (!p || !len) continue;
    if (nesting(p, len) > MAX_NEST) continue;
    int failed;
    int k = parse_seq(p, len, docs + nd, MAX_DOCS - nd, &failed);
    if (failed && k == 0) {
      size_t rl;
      char *r = repair(a, p, len, &rl);
      if (nesting(r, rl) <= MAX_NEST) k = parse_seq(r, rl, docs + nd, MAX_DOCS - nd, &failed);
    }
    nd += k;
  }
  if (!nd) return;
  walk *w = cc_arena_calloc(a, sizeof *w);
  w->a = a;
  for (int i = 0; i < nd; i++) visit(w, docs[i], 0, 0);
  pick(w, out);
  for (int i = 0; i < nd; i++) json_decref(docs[i]);
}
