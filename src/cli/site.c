/* site.c — site-level boilerplate learning (see site.h). */
#include "site.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* fingerprint → count, open addressing */
typedef struct counter {
  uint64_t *key;
  uint32_t *count;
  size_t cap, n;
} counter;

typedef struct site {
  uint64_t key;
  uint32_t sampled; /* distinct documents counted */
  uint32_t docs;    /* all documents */
  int frozen;
  counter c;
  u64set seen;      /* text / block-set hashes of the sampled documents */
  uint64_t *bp;     /* the boilerplate set, sorted */
  size_t nbp;
} site;

struct site_learner {
  site **tab; /* open addressing by key */
  size_t cap, n;
  size_t entries, max_entries;
  int capped;
  int finished;
};

site_learner *site_new(size_t max_entries) {
  site_learner *l = xcalloc(1, sizeof *l);
  l->max_entries = max_entries;
  return l;
}

static void counter_free(counter *c) {
  free(c->key);
  free(c->count);
  memset(c, 0, sizeof *c);
}

void site_free(site_learner *l) {
  if (!l) return;
  for (size_t i = 0; i < l->cap; i++) {
    site *s = l->tab[i];
    if (!s) continue;
    counter_free(&s->c);
    u64set_free(&s->seen);
    free(s->bp);
    free(s);
  }
  free(l->tab);
  free(l);
}

static size_t mix(uint64_t v, size_t cap) {
  v ^= v >> 33;
  v *= 0xff51afd7ed558ccdull;
  v ^= v >> 33;
  return (size_t)v & (cap - 1);
}

uint64_t site_key(const char *url, const char *path) {
  if (url) {
    const char *p = strstr(url, "://");
    if (p) {
      p += 3;
      const char *e = p;
      while (*e && *e != '/' && *e != '?' && *e != '#') e++;
      const char *at = memchr(p, '@', (size_t)(e - p));
      if (at) p = at + 1;
      const char *colon = p;
      while (colon < e && *colon != ':') colon++;
      e = colon;
      if (e - p > 4 && !strncasecmp(p, "www.", 4)) p += 4;
      if (e > p) {
        uint64_t h = hash64("host:", 5, HASH64_SEED);
        for (const char *q = p; q < e; q++) {
          unsigned char c = (unsigned char)tolower((unsigned char)*q);
          h = (h ^ c) * 1099511628211ull;
        }
        return h;
      }
    }
  }
  const char *sl = path ? strrchr(path, '/') : NULL;
  uint64_t h = hash64("dir:", 4, HASH64_SEED);
  return sl ? hash64(path, (size_t)(sl - path), h) : h;
}

static site *find_site(site_learner *l, uint64_t key, int create) {
  if (l->cap) {
    for (size_t i = mix(key, l->cap);; i = (i + 1) & (l->cap - 1)) {
      if (!l->tab[i]) break;
      if (l->tab[i]->key == key) return l->tab[i];
    }
  }
  if (!create) return NULL;
  if ((l->n + 1) * 2 > l->cap) {
    size_t ncap = l->cap ? l->cap * 2 : 64;
    site **nt = xcalloc(ncap, sizeof *nt);
    for (size_t i = 0; i < l->cap; i++) {
      if (!l->tab[i]) continue;
      size_t j = mix(l->tab[i]->key, ncap);
      while (nt[j]) j = (j + 1) & (ncap - 1);
      nt[j] = l->tab[i];
    }
    free(l->tab);
    l->tab = nt;
    l->cap = ncap;
  }
  site *s = xcalloc(1, sizeof *s);
  s->key = key;
  size_t j = mix(key, l->cap);
  while (l->tab[j]) j = (j + 1) & (l->cap - 1);
  l->tab[j] = s;
  l->n++;
  return s;
}

/* Adds 1 to fp's count; returns -1 when the entry would be new and the
 * learner is full. */
static int counter_bump(site_learner *l, counter *c, uint64_t fp) {
  if (!fp) fp = 1;
  if ((c->n + 1) * 2 > c->cap) {
    size_t ncap = c->cap ? c->cap * 2 : 256;
    uint64_t *nk = xcalloc(ncap, sizeof *nk);
    uint32_t *nc = xcalloc(ncap, sizeof *nc);
    for (size_t i = 0; i < c->cap; i++) {
      if (!c->key[i]) continue;
      size_t j = mix(c->key[i], ncap);
      while (nk[j]) j = (j + 1) & (ncap - 1);
      nk[j] = c->key[i];
      nc[j] = c->count[i];
    }
    free(c->key);
    free(c->count);
    c->key = nk;
    c->count = nc;
    c->cap = ncap;
  }
  size_t i = mix(fp, c->cap);
  while (c->key[i] && c->key[i] != fp) i = (i + 1) & (c->cap - 1);
  if (!c->key[i]) {
    if (l->entries >= l->max_entries) {
      l->capped = 1;
      return -1;
    }
    c->key[i] = fp;
    c->n++;
    l->entries++;
  }
  c->count[i]++;
  return 0;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Turns a site's counts into its boilerplate set and drops the counts. */
static void freeze(site_learner *l, site *s) {
  if (s->frozen) return;
  s->frozen = 1;
  if (s->sampled >= SITE_MIN_DOCS) {
    uint32_t need = (uint32_t)ceil(SITE_SHARE * s->sampled);
    if (need < SITE_MIN_HITS) need = SITE_MIN_HITS;
    size_t k = 0;
    for (size_t i = 0; i < s->c.cap; i++)
      if (s->c.key[i] && s->c.count[i] >= need) k++;
    if (k) {
      s->bp = xmalloc(k * sizeof *s->bp);
      for (size_t i = 0; i < s->c.cap; i++)
        if (s->c.key[i] && s->c.count[i] >= need) s->bp[s->nbp++] = s->c.key[i];
      qsort(s->bp, s->nbp, sizeof *s->bp, cmp_u64);
    }
  }
  l->entries -= s->c.n;
  counter_free(&s->c);
  u64set_free(&s->seen);
}

/* At the entry cap: completes early the samples of the sites that already
 * have enough documents to decide, which frees their counts. */
static void reclaim(site_learner *l) {
  for (size_t i = 0; i < l->cap; i++) {
    site *s = l->tab[i];
    if (s && !s->frozen && s->sampled >= 2 * SITE_MIN_DOCS) freeze(l, s);
  }
}

void site_add(site_learner *l, uint64_t key, uint64_t text_hash, const uint64_t *fps, size_t n) {
  if (l->entries + n + 64 > l->max_entries) reclaim(l);
  site *s = find_site(l, key, 0);
  if (!s) {
    if (l->entries + 64 > l->max_entries) {
      l->capped = 1;
      return;
    }
    s = find_site(l, key, 1);
    l->entries += 1; /* the site itself */
  }
  s->docs++;
  if (s->frozen || !n) return;
  /* duplicates count once: same text, or the same blocks */
  uint64_t set_hash = HASH64_SEED;
  {
    uint64_t *tmp = xmalloc(n * sizeof *tmp);
    memcpy(tmp, fps, n * sizeof *tmp);
    qsort(tmp, n, sizeof *tmp, cmp_u64);
    set_hash = hash64(tmp, n * sizeof *tmp, HASH64_SEED ^ 0x5bd1e995);
    free(tmp);
  }
  int dup = !u64set_add(&s->seen, set_hash);
  if (text_hash && text_hash != hash64("", 0, HASH64_SEED))
    dup |= !u64set_add(&s->seen, text_hash);
  if (dup) return;
  s->sampled++;
  for (size_t i = 0; i < n; i++)
    if (counter_bump(l, &s->c, fps[i]) != 0) break;
  if (s->sampled >= SITE_SAMPLE) freeze(l, s);
}

void site_finish(site_learner *l) {
  for (size_t i = 0; i < l->cap; i++)
    if (l->tab[i]) freeze(l, l->tab[i]);
  l->finished = 1;
}

size_t site_filter(const site_learner *l, uint64_t key, const uint64_t *fps, size_t n,
                   uint64_t *out) {
  site *s = find_site((site_learner *)l, key, 0);
  if (!s || !s->nbp) return 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (bsearch(&fps[i], s->bp, s->nbp, sizeof *s->bp, cmp_u64)) out[k++] = fps[i];
  qsort(out, k, sizeof *out, cmp_u64);
  /* the document's list has no duplicates, but be safe */
  size_t w = 0;
  for (size_t i = 0; i < k; i++)
    if (!w || out[w - 1] != out[i]) out[w++] = out[i];
  return w;
}

void site_get_stats(const site_learner *l, site_stats *st) {
  memset(st, 0, sizeof *st);
  st->capped = l->capped;
  for (size_t i = 0; i < l->cap; i++) {
    site *s = l->tab[i];
    if (!s) continue;
    st->sites++;
    if (s->nbp) st->learned_sites++;
    st->boilerplate += s->nbp;
  }
}
