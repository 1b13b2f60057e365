/* meta_title.c — removes the site name that pages wrap around their
 * headline in <title> and og:title ("Headline | Site", "Site - Headline",
 * "Section | Headline | Site"), see meta.h. The evidence, strongest
 * first: the known site name; a segment naming the host; another source
 * (h1, JSON-LD headline...) equal to some run of segments; a short last
 * segment after a strong separator. A plain " - " is only cut on
 * evidence, since headlines use it too.
 */
#include <string.h>

#include "meta.h"

#define MAX_SEPS 16

typedef struct sep {
  size_t s0, s1; /* the separator with its spaces: t[s0..s1) */
  int strong;    /* '|', '::', '»', '«', '•', '·', '~' */
  int colon;     /* ": " (only for a known site name) */
} sep;

/* Finds separators; returns their number. */
static unsigned find_seps(const char *t, size_t n, sep *sp) {
  static const struct {
    const char *s;
    int strong, need_space, colon;
  } kinds[] = {
      {"|", 1, 0, 0},           {"::", 1, 0, 0},          {"\xc2\xbb", 1, 0, 0} /* » */,
      {"\xc2\xab", 1, 0, 0},    {"\xe2\x80\xa2", 1, 0, 0} /* • */,
      {"\xc2\xb7", 1, 1, 0} /* · */, {"~", 1, 1, 0},
      {"\xe2\x80\x94", 0, 0, 0} /* — */, {"\xe2\x80\x93", 0, 1, 0} /* – */,
      {"-", 0, 1, 0},           {"/", 0, 1, 0},           {"\\", 0, 1, 0},
      {">", 0, 1, 0},           {":", 0, 0, 1},
  };
  unsigned k = 0;
  for (size_t i = 0; i < n && k < MAX_SEPS; i++) {
    for (size_t j = 0; j < sizeof kinds / sizeof kinds[0]; j++) {
      size_t l = strlen(kinds[j].s);
      if (n - i < l || memcmp(t + i, kinds[j].s, l)) continue;
      int sp_before = i > 0 && t[i - 1] == ' ';
      int sp_after = i + l < n && t[i + l] == ' ';
      if (kinds[j].colon) {
        /* "Site: Headline" — no space before, one after */
        if (sp_before || !sp_after) continue;
      } else if (kinds[j].need_space && !(sp_before && sp_after)) {
        continue;
      }
      if (i == 0 || i + l >= n) continue;
      size_t s0 = i, s1 = i + l, lo = k ? sp[k - 1].s1 : 0; /* never overlapping */
      while (s0 > lo && t[s0 - 1] == ' ') s0--;
      while (s1 < n && t[s1] == ' ') s1++;
      sp[k].s0 = s0;
      sp[k].s1 = s1;
      sp[k].strong = kinds[j].strong;
      sp[k].colon = kinds[j].colon;
      k++;
      i = s1 - 1;
      break;
    }
  }
  return k;
}

/* Does the segment name the host ("The Verge" ~ theverge.com, "BBC
 * News" ~ bbc.co.uk, "Example.com")? */
static int names_host(const char *seg, size_t n, const char *host) {
  if (!host || !*host) return 0;
  char key[128];
  size_t kl = cc_meta_key(seg, n, key, sizeof key);
  if (kl < 2 || kl > 60 || cc_meta_words(seg, n) > 4) return 0;
  /* the host's labels except the public suffix-ish tail */
  const char *labels[8];
  size_t lens[8];
  unsigned nl = 0;
  const char *p = host;
  while (*p && nl < 8) {
    const char *q = strchr(p, '.');
    size_t l = q ? (size_t)(q - p) : strlen(p);
    labels[nl] = p;
    lens[nl++] = l;
    if (!q) break;
    p = q + 1;
  }
  /* the whole host, dots dropped: "example.com" ~ "Example.com" */
  char hk[128];
  size_t hl = cc_meta_key(host, strlen(host), hk, sizeof hk);
  if (hl == kl && !memcmp(hk, key, kl)) return 1;
  for (unsigned i = 0; i + 1 < nl; i++) {
    size_t l = lens[i];
    if (l < 3) continue;
    static const char *const generic[] = {"com", "org", "net", "gov", "edu", "www", "co",
                                          "news", "blog", "blogs", "amp", "m", "mobile"};
    int g = 0;
    for (size_t j = 0; j < sizeof generic / sizeof generic[0]; j++)
      if (strlen(generic[j]) == l && !memcmp(generic[j], labels[i], l)) g = 1;
    if (g) continue;
    char lk[64];
    size_t ll = cc_meta_key(labels[i], l, lk, sizeof lk);
    if (!ll) continue;
    /* segment contains the label ("bbcnews" ~ "bbc") or the label
     * contains the segment ("theguardian" ~ "Guardian") */
    if (kl >= ll && strstr(key, lk) == key) return 1;
    if (kl >= 4 && ll >= kl && strstr(lk, key)) return 1;
  }
  return 0;
}

/* "example.com", "Example.co.uk": a segment that is a domain name. */
static int domainish(const char *seg, size_t n) {
  if (n < 4 || n > 60 || memchr(seg, ' ', n)) return 0;
  const char *dot = NULL;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)seg[i];
    if (c == '.') dot = seg + i;
    else if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') && c != '-')
      return 0;
  }
  return dot && dot > seg && seg + n - dot >= 3;
}

static const char *dup(cc_arena *a, const char *t, size_t b, size_t e) {
  while (b < e && t[b] == ' ') b++;
  while (e > b && t[e - 1] == ' ') e--;
  return e > b ? cc_arena_strndup(a, t + b, e - b) : NULL;
}

/* "example.com Headline": the page's own host written before the
 * headline with no separator. (After it, the host is often part of the
 * sentence: "Welcome to example.com".) */
static const char *strip_bare_host(cc_arena *a, const char *t, size_t n, const char *host) {
  size_t first = 0;
  while (first < n && t[first] != ' ') first++;
  if (first == n || !host) return t;
  if (domainish(t, first) && names_host(t, first, host)) return dup(a, t, first, n);
  return t;
}

const char *cc_meta_title_strip(cc_arena *a, const char *t, const char *site,
                                const char *host, const char *const *refs,
                                unsigned nrefs) {
  if (!t) return NULL;
  size_t n = strlen(t);
  sep sp[MAX_SEPS];
  unsigned ns = find_seps(t, n, sp);
  if (!ns) return strip_bare_host(a, t, n, host);
  size_t tl = n;

  /* 1. the known site name as the first or last segment */
  if (site && *site) {
    size_t sl = strlen(site);
    for (unsigned i = ns; i-- > 0;) {
      if (cc_meta_loose_eq(t + sp[i].s1, n - sp[i].s1, site, sl)) {
        const char *r = dup(a, t, 0, sp[i].s0);
        if (r) return cc_meta_title_strip(a, r, NULL, host, refs, nrefs);
      }
    }
    for (unsigned i = 0; i < ns; i++) {
      if (cc_meta_loose_eq(t, sp[i].s0, site, sl)) {
        const char *r = dup(a, t, sp[i].s1, n);
        if (r) return cc_meta_title_strip(a, r, NULL, host, refs, nrefs);
      }
    }
  }
  /* the colon only ever separates a known site name */
  unsigned k = 0;
  for (unsigned i = 0; i < ns; i++)
    if (!sp[i].colon) sp[k++] = sp[i];
  ns = k;
  if (!ns) return t;

  /* 2. a run of segments that another source gives as the headline */
  size_t best_b = 0, best_e = 0;
  for (unsigned i = 0; i <= ns; i++) {
    size_t b = i ? sp[i - 1].s1 : 0;
    for (unsigned j = i; j <= ns; j++) {
      size_t e = j < ns ? sp[j].s0 : n;
      if (i == 0 && j == ns) continue; /* the whole title */
      if (e <= b || e - b <= best_e - best_b) continue; /* (separators may overlap) */
      for (unsigned r = 0; r < nrefs; r++) {
        if (!refs[r]) continue;
        size_t rl = strlen(refs[r]);
        if (cc_meta_loose_eq(refs[r], rl, t, n)) continue; /* same dirty title */
        if (cc_meta_loose_eq(t + b, e - b, refs[r], rl)) {
          best_b = b;
          best_e = e;
          break;
        }
      }
    }
  }
  if (best_e > best_b && (best_e - best_b) * 3 >= tl) return dup(a, t, best_b, best_e);

  /* 3. the host named by the last or first segment */
  const char *cur = t;
  int changed = 0;
  if (names_host(t + sp[ns - 1].s1, n - sp[ns - 1].s1, host) ||
      domainish(t + sp[ns - 1].s1, n - sp[ns - 1].s1)) {
    n = sp[ns - 1].s0;
    ns--;
    changed = 1;
  } else if (names_host(t, sp[0].s0, host) || domainish(t, sp[0].s0)) {
    const char *r = dup(a, t, sp[0].s1, n);
    return r ? r : t;
  }

  /* 4. a short trailing segment after a strong separator; then perhaps a
   * short section name before it ("Headline | Section | Site") */
  for (int round = 0; round < 2 && ns > 0; round++) {
    sep *s = &sp[ns - 1];
    if (!s->strong) break;
    size_t ll = n - s->s1;
    unsigned lw = cc_meta_words(t + s->s1, ll);
    unsigned rw = cc_meta_words(t, s->s0);
    if (lw > (round ? 3u : 5u) || ll >= s->s0 || rw < 2 || rw < lw + 2) break;
    if (round && changed == 0) break;
    n = s->s0;
    ns--;
    changed++;
  }
  if (!changed) return cur;
  const char *r = dup(a, t, 0, n);
  return r ? r : t;
}
