/* meta.c — the metadata stage: fills ctx->meta (title, author, date, site
 * name, language, url, base_url, description, image, JSON-LD articleBody).
 *
 * It runs right after parsing, before pre-clean, so the head, the meta
 * tags and hidden microdata are still there. One walk over the DOM
 * (meta_dom.c) collects candidates, each with a priority (lower is
 * better); the JSON-LD blocks the pre-pass kept are read once
 * (meta_jsonld.c); then each field takes its best candidate that
 * survives cleaning. It owns nothing but what it allocates in ctx->arena.
 *
 * Precedence, best first (meta_dom.c's key table has every meta name):
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

#include "meta.h"
#include "pipeline.h"
#include "url.h"

#define MAX_MULTI 2048

/* ---- candidates ---- */

void cc_meta_add(cc_meta_found *m, int f, int prio, const char *v, const char *src,
                 unsigned flags) {
  if (!v) return;
  while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r') v++;
  if (!*v) return;
  cc_meta_field *fl = &m->f[f];
  for (int i = 0; i < fl->n; i++) {
    if (fl->c[i].prio != prio) continue;
    if ((flags & CC_MC_MULTI) && strlen(fl->c[i].v) + strlen(v) + 2 < MAX_MULTI) {
      size_t a = strlen(fl->c[i].v), b = strlen(v);
      char *s = cc_arena_alloc(m->a, a + b + 2);
      memcpy(s, fl->c[i].v, a);
      s[a] = '\n';
      memcpy(s + a + 1, v, b + 1);
      fl->c[i].v = s;
    }
    return; /* first value of a priority wins */
  }
  int slot = fl->n;
  if (fl->n == CC_META_MAX_CANDS) {
    /* full: replace the worst if this one is better */
    slot = 0;
    for (int i = 1; i < fl->n; i++)
      if (fl->c[i].prio > fl->c[slot].prio) slot = i;
    if (fl->c[slot].prio <= prio) return;
  } else {
    fl->n++;
  }
  fl->c[slot] = (cc_meta_cand){v, src, prio, flags};
}

int cc_meta_has(const cc_meta_found *m, int f, int prio) {
  for (int i = 0; i < m->f[f].n; i++)
    if (m->f[f].c[i].prio == prio) return 1;
  return 0;
}

static int cmp_cand(const void *x, const void *y) {
  const cc_meta_cand *a = x, *b = y;
  return a->prio - b->prio;
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

static void explain(cc_ctx *ctx, const char *field, const cc_meta_cand *k) {
  if (!ctx->explain || !k) return;
  /* the raw value, on one line and short */
  char v[64];
  size_t o = 0;
  for (const char *p = k->v; *p && o < sizeof v - 1; p++)
    v[o++] = (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p;
  while (o > 0 && ((unsigned char)v[o - 1] & 0xc0) == 0x80) o--; /* whole characters */
  if (o > 0 && ((unsigned char)v[o - 1] & 0xc0) == 0xc0) o--;
  v[o] = '\0';
  cc_buf_printf(ctx->explain, "meta  %-11s <- %s (priority %d): %s\n", field,
                k->src ? k->src : "?", k->prio, v);
}

/* An author list from a source that does not say how the page joins the
 * names (JSON-LD gives an array) takes the conjunction of a byline that
 * lists the same people: "A, B, and C" as the page shows it. */
static const char *list_as_written(cc_arena *a, const cc_meta_found *c, const char *author) {
  if (!author || !strchr(author, ',')) return author;
  cc_names chosen;
  memset(&chosen, 0, sizeof chosen);
  cc_meta_names_add(a, &chosen, author, strlen(author));
  if (chosen.conj[0] || chosen.n < 2) return author;
  for (int i = 0; i < c->f[CC_MF_AUTHOR].n; i++) {
    const char *v = c->f[CC_MF_AUTHOR].c[i].v;
    cc_names other;
    memset(&other, 0, sizeof other);
    cc_meta_names_add(a, &other, v, strlen(v));
    if (!other.conj[0] || other.n != chosen.n) continue;
    unsigned same = 0;
    for (unsigned x = 0; x < chosen.n; x++)
      for (unsigned y = 0; y < other.n; y++)
        if (cc_meta_loose_eq(chosen.v[x], strlen(chosen.v[x]), other.v[y], strlen(other.v[y])))
          same++;
    if (same != chosen.n) continue;
    memcpy(chosen.conj, other.conj, sizeof chosen.conj);
    chosen.serial = other.serial;
    return cc_meta_names_join(a, &chosen);
  }
  return author;
}

static void sort_fields(cc_meta_found *c) {
  for (int f = 0; f < CC_MF_COUNT; f++)
    qsort(c->f[f].c, (size_t)c->f[f].n, sizeof(cc_meta_cand), cmp_cand);
}

static void resolve(cc_ctx *ctx, cc_meta_found *c, const cc_ld *ld) {
  cc_arena *a = c->a;
  cc_meta *m = &ctx->meta;
  sort_fields(c);

  /* language */
  for (int i = 0; i < c->f[CC_MF_LANG].n && !m->language; i++) {
    m->language = cc_meta_lang(a, c->f[CC_MF_LANG].c[i].v);
    if (m->language) explain(ctx, "language", &c->f[CC_MF_LANG].c[i]);
  }
  int mdy = m->language && !strncmp(m->language, "en", 2) &&
            (m->language[2] == '\0' || !strcmp(m->language + 2, "-US"));

  /* site name */
  for (int i = 0; i < c->f[CC_MF_SITE].n && !m->site_name; i++) {
    const char *v = c->f[CC_MF_SITE].c[i].v;
    if (strstr(v, "://") || v[0] == '@') continue; /* a URL or a handle is no name */
    m->site_name = cc_meta_text(a, v, strlen(v), CC_META_SITE_MAX, CC_MT_ENTITIES | CC_MT_TAGS);
    if (m->site_name) explain(ctx, "site_name", &c->f[CC_MF_SITE].c[i]);
  }

  /* url and base */
  /* the caller's URL is copied: the result outlives the options */
  const char *caller = ctx->opt->url && *ctx->opt->url ? ctx->opt->url : NULL;
  if (caller && !cc_url_is_http(caller) && strstr(caller, "://") == NULL) caller = NULL;
  if (caller) caller = cc_arena_strndup(a, caller, strnlen(caller, CC_META_URL_MAX));
  const char *doc_base = caller;
  if (c->base_href) {
    const char *b = absolute(a, caller, c->base_href);
    if (b) doc_base = b;
  }
  const char *canon = c->canonical ? absolute(a, doc_base, c->canonical) : NULL;
  if (canon && caller && root_only(canon) && !root_only(caller)) canon = NULL;
  const char *og = NULL;
  for (int i = 0; i < c->f[CC_MF_URL].n && !og; i++) og = absolute(a, doc_base, c->f[CC_MF_URL].c[i].v);
  m->url = canon ? canon : caller ? caller : og ? og : absolute(a, doc_base, ld->url);
  if (!doc_base && c->base_href && m->url) {
    const char *b = absolute(a, m->url, c->base_href);
    if (b) doc_base = b;
  }
  m->base_url = doc_base ? doc_base : m->url;

  /* title */
  const char *refs[CC_MF_COUNT + 8];
  unsigned nrefs = 0;
  for (int i = 0; i < c->nh1; i++) refs[nrefs++] = c->h1[i];
  for (int i = 0; i < c->f[CC_MF_TITLE].n && nrefs < sizeof refs / sizeof refs[0]; i++)
    if (strcmp(c->f[CC_MF_TITLE].c[i].src, "h1")) refs[nrefs++] = c->f[CC_MF_TITLE].c[i].v;
  for (unsigned r = 0; r < nrefs; r++)
    refs[r] = cc_meta_text(a, refs[r], strlen(refs[r]), CC_META_TITLE_MAX * 4,
                           CC_MT_ENTITIES | CC_MT_COMMENTS);
  char host[256];
  const char *hostp = m->url && cc_url_host(m->url, host, sizeof host) ? host : NULL;
  for (int i = 0; i < c->f[CC_MF_TITLE].n && !m->title; i++) {
    const cc_meta_cand *k = &c->f[CC_MF_TITLE].c[i];
    const char *t = cc_meta_text(a, k->v, strlen(k->v), CC_META_TITLE_MAX * 4,
                                 CC_MT_ENTITIES | CC_MT_COMMENTS);
    if (!t) continue;
    if (m->site_name && cc_meta_loose_eq(t, strlen(t), m->site_name, strlen(m->site_name)))
      continue;
    t = cc_meta_title_strip(a, t, m->site_name, hostp, refs, nrefs);
    if (!t) continue;
    m->title = cc_meta_text(a, t, strlen(t), CC_META_TITLE_MAX, 0);
    if (m->title) explain(ctx, "title", k);
  }

  /* author */
  const char *fallback = NULL;
  const cc_meta_cand *fallback_k = NULL;
  for (int i = 0; i < c->f[CC_MF_AUTHOR].n && !m->author; i++) {
    const cc_meta_cand *k = &c->f[CC_MF_AUTHOR].c[i];
    cc_names names;
    memset(&names, 0, sizeof names);
    /* markup that names the author (meta tags, microdata) may sign with a
     * user name, as forums and blogs do; a byline read from text may not */
    names.handles = k->prio <= CC_META_MARKUP_AUTHOR;
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
    m->author_prio = k->prio;
    explain(ctx, "author", k);
  }
  if (!m->author && fallback) {
    m->author = fallback;
    m->author_prio = fallback_k->prio;
    explain(ctx, "author", fallback_k);
  }
  m->author = list_as_written(a, c, m->author);

  /* date */
  cc_date dt;
  if (cc_meta_date_from_url(m->url, &dt) || cc_meta_date_from_url(caller, &dt)) {
    cc_meta_add(c, CC_MF_DATE, 40, cc_meta_date_iso(a, &dt), "url", 0);
    qsort(c->f[CC_MF_DATE].c, (size_t)c->f[CC_MF_DATE].n, sizeof(cc_meta_cand), cmp_cand);
  }
  /* the first of each kind that parses: publication, modification */
  for (int i = 0; i < c->f[CC_MF_DATE].n && !(m->published && m->modified); i++) {
    const cc_meta_cand *k = &c->f[CC_MF_DATE].c[i];
    int mod = k->prio >= CC_META_MODIFIED_MIN && k->prio <= CC_META_MODIFIED_MAX;
    if ((mod ? m->modified : m->published) || !cc_meta_date_parse(k->v, strlen(k->v), mdy, &dt))
      continue;
    if (mod) {
      m->modified = cc_meta_date_iso(a, &dt);
      explain(ctx, "modified", k);
    } else {
      m->published = cc_meta_date_iso(a, &dt);
      m->published_prio = k->prio;
      explain(ctx, "published", k);
    }
  }
  /* the article's date: published, else modified (a weak published, such
   * as any <time> on the page, comes after the page's modification date) */
  m->date = m->published && m->published_prio < CC_META_MODIFIED_MIN ? m->published
            : m->modified                                              ? m->modified
                                                                       : m->published;

  /* description */
  for (int i = 0; i < c->f[CC_MF_DESC].n && !m->description; i++) {
    const cc_meta_cand *k = &c->f[CC_MF_DESC].c[i];
    m->description =
        cc_meta_text(a, k->v, strlen(k->v), CC_META_DESC_MAX, CC_MT_ENTITIES | CC_MT_TAGS);
    if (m->description) explain(ctx, "description", k);
  }

  /* image */
  for (int i = 0; i < c->f[CC_MF_IMAGE].n && !m->image; i++) {
    const cc_meta_cand *k = &c->f[CC_MF_IMAGE].c[i];
    m->image = absolute(a, m->base_url, k->v);
    if (m->image) explain(ctx, "image", k);
  }
  if (m->url && ctx->explain) cc_buf_printf(ctx->explain, "meta  url = %s\n", m->url);
}

/* Adds the items of a list ('\n'- or, for keyword lists, comma- or
 * semicolon-separated) to the tags, cleaned and without repeats. */
static void add_tags(cc_arena *a, cc_meta *m, const char *v, int commas) {
  while (v && *v && m->ntags < CC_META_TAGS_MAX) {
    size_t n = commas ? strcspn(v, "\n,;") : strcspn(v, "\n");
    const char *t = n <= CC_META_TAG_MAX * 2
                        ? cc_meta_text(a, v, n, CC_META_TAG_MAX, CC_MT_ENTITIES | CC_MT_TAGS)
                        : NULL;
    int dup = !t || strstr(t, "://");
    for (size_t i = 0; i < m->ntags && !dup; i++)
      dup = cc_meta_loose_eq(m->tags[i], strlen(m->tags[i]), t, strlen(t));
    if (!dup) m->tags[m->ntags++] = t;
    v += n;
    if (*v) v++;
  }
}

/* Tags: the first source that has any (article:tag, JSON-LD keywords,
 * the keywords meta), then the JSON-LD section. */
static void resolve_tags(cc_ctx *ctx, cc_meta_found *c, const cc_ld *ld) {
  cc_meta *m = &ctx->meta;
  m->tags = cc_arena_calloc(c->a, CC_META_TAGS_MAX * sizeof *m->tags);
  const cc_meta_field *f = &c->f[CC_MF_TAGS];
  const cc_meta_cand *best = f->n ? &f->c[0] : NULL; /* sorted */
  if (best && best->prio <= 10) add_tags(c->a, m, best->v, 0);
  if (!m->ntags) add_tags(c->a, m, ld->keywords, 1);
  for (int i = 0; i < f->n && !m->ntags; i++) add_tags(c->a, m, f->c[i].v, 1);
  add_tags(c->a, m, ld->section, 0);
  if (best && m->ntags) explain(ctx, "tags", best);
}

int cc_stage_meta(cc_ctx *ctx) {
  cc_meta_found *c = cc_arena_calloc(ctx->arena, sizeof *c);
  c->a = ctx->arena;
  memset(&ctx->meta, 0, sizeof ctx->meta);
  cc_meta_walk(&ctx->dom, c);

  cc_ld ld;
  cc_meta_jsonld(c->a, ctx->strip.jsonld, ctx->strip.njsonld, &ld);
  cc_meta_add(c, CC_MF_TITLE, 20, ld.headline, "json-ld headline", 0);
  cc_meta_add(c, CC_MF_TITLE, ld.main_rank >= 2 ? 22 : 60, ld.name, "json-ld name", 0);
  cc_meta_add(c, CC_MF_AUTHOR, 10, cc_meta_names_join(c->a, &ld.authors), "json-ld author", 0);
  cc_meta_add(c, CC_MF_AUTHOR, 90, cc_meta_names_join(c->a, &ld.org_authors), "json-ld organization", 0);
  cc_meta_add(c, CC_MF_DATE, 10, ld.date_pub, "json-ld datePublished", 0);
  cc_meta_add(c, CC_MF_DATE, 24, ld.date_created, "json-ld dateCreated", 0);
  cc_meta_add(c, CC_MF_DATE, 60, ld.date_mod, "json-ld dateModified", 0);
  cc_meta_add(c, CC_MF_SITE, 20, ld.site_name, "json-ld publisher", 0);
  cc_meta_add(c, CC_MF_SITE, 45, ld.org_name, "json-ld organization", 0);
  cc_meta_add(c, CC_MF_LANG, 20, ld.language, "json-ld inLanguage", 0);
  cc_meta_add(c, CC_MF_DESC, 25, ld.description, "json-ld description", 0);
  cc_meta_add(c, CC_MF_IMAGE, 25, ld.image, "json-ld image", 0);
  ctx->meta.jsonld_body = ld.body;

  resolve(ctx, c, &ld);
  resolve_tags(ctx, c, &ld);
  return 0;
}
