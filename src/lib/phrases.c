/* phrases.c — the boilerplate phrase matcher and the shared decision.
 *
 * Owns the compiled form of phrases.txt (embedded by the build as
 * cc_phrases_data, see CMakeLists.txt): parsed once, on first use, under
 * pthread_once, into an array of phrases made of word-hash elements and a
 * hash table from a phrase's first word to the phrases starting with it.
 * Scanning streams the block's normalized tokens (normalize.h) through a
 * small ring; at each token one table probe finds the candidates, which
 * are verified element by element (gaps by short backtracking). Linear in
 * the block, no allocation. Words are compared by their 64-bit hashes.
 */
#include "phrases.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

extern const unsigned char cc_phrases_data[];
extern const size_t cc_phrases_data_len;

/* ---- decision thresholds -------------------------------------------- */
/* "Words" are the tokens of the normalized block (numbers, © and a lone
 * dash included); "coverage" is the share of them inside matched phrases
 * (gap words included). */

/* A short block — a line of a clipping, a button row, a label — is
 * boilerplate when phrases cover at least half of it: "Partager",
 * "Suivez RT en français sur Telegram", "Tout accepter Tout refuser",
 * but not "Le chat du voisin" (one weak word of four). */
#define SHORT_WORDS 12
#define SHORT_COVER_PCT 50

/* A strong phrase ("cet article vous a plu", "comments are closed") alone
 * condemns a block up to this size: a donation appeal or a newsletter
 * box of a few sentences. Longer text needs more evidence (below). */
#define STRONG_WORDS 60

/* Up to this size, weak phrases alone condemn a block they mostly cover:
 * a share bar, a list of consent buttons, a login box. */
#define MEDIUM_WORDS 150
#define MEDIUM_COVER_PCT 40

/* Long blocks (a cookie wall of a hundred words and more) need two strong
 * phrases, or one with dense coverage; past LONG_WORDS a block is article
 * text whatever it mentions. */
#define LONG_WORDS 400
#define LONG_COVER_TWO_STRONG_PCT 10
#define LONG_COVER_ONE_STRONG_PCT 25

/* A lead phrase (flag ">": "À lire aussi", "Read more", "Photo:") that
 * opens a block of at most this many words claims the whole block: the
 * label and the headline or name that follows it are one teaser or
 * credit. Longer blocks starting with such words are article text. */
#define LEAD_WORDS 20

/* ---- compiled data --------------------------------------------------- */

enum { EL_WORD, EL_NUM, EL_GAP };
enum { F_STRONG = 1, F_START = 2, F_END = 4, F_LEAD = 8 };

#define MAX_SPAN 48  /* longest phrase in tokens, gaps at their widest */
#define RING 128     /* scan window; must exceed MAX_SPAN and LEAD_WORDS + 1 */
#define DEFAULT_GAP 3
#define MAX_ELEMS 32
#define MAX_LANGS 32

typedef struct elem {
  uint64_t hash;
  uint8_t type, gap; /* gap: at most this many arbitrary tokens */
} elem;

typedef struct phrase {
  uint32_t el;     /* first element in G.el */
  uint8_t nel;
  uint8_t cat;
  uint8_t flags;
  uint8_t lang;    /* index in G.langs */
  uint32_t line;   /* in phrases.txt */
} phrase;

typedef struct bucket {
  uint64_t hash; /* first-word hash; 0 marks an empty slot */
  uint32_t first, count; /* range of G.ph */
} bucket;

static struct {
  elem *el;
  phrase *ph;
  uint32_t nel, nph;
  bucket *tab;
  uint32_t mask;
  uint32_t num_first, num_count; /* phrases starting with <n> */
  uint32_t span;                 /* longest phrase span in tokens */
  char langs[MAX_LANGS][4];
  unsigned nlangs;
  unsigned errors;
  char errmsg[160];
  int oom; /* the table could not be allocated: nothing is matched */
} G;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *const cat_keys[CC_PH_COUNT] = {
    "consent", "donate", "newsletter", "social", "related",
    "comments", "login", "credit", "ad", "ui"};

static const char *const cat_names[CC_PH_COUNT] = {
    "cookie consent", "donation appeal", "newsletter prompt",
    "follow/share prompt", "related links", "comment notice",
    "login prompt", "photo credit", "advertisement", "interface text"};

const char *cc_phrase_category_name(int category) {
  if (category < 0 || category >= CC_PH_COUNT) return "boilerplate phrase";
  return cat_names[category];
}

static void bad(unsigned line, const char *why) {
  if (!G.errors++)
    snprintf(G.errmsg, sizeof G.errmsg, "phrases.txt:%u: %s", line, why);
}

/* The table is process-wide, so it is allocated with malloc, not the
 * guarded allocator (oom.h): an allocation failure sets G.oom, which
 * cc_phrases_ready() reports. Returns 0 or -1. */
static int grow(void **p, uint32_t *cap, uint32_t need, size_t size) {
  if (need <= *cap) return 0;
  uint32_t c = *cap ? *cap : 256;
  while (c < need) c *= 2;
  void *q = realloc(*p, (size_t)c * size);
  if (!q) {
    G.oom = 1;
    return -1;
  }
  *p = q;
  *cap = c;
  return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Parses one line (without its newline) into G.ph / G.el. */
static void parse_line(const char *s, const char *e, unsigned line, uint32_t *phcap,
                       uint32_t *elcap) {
  const char *hash = memchr(s, '#', (size_t)(e - s));
  if (hash) e = hash;
  const char *f[3];
  size_t fl[3];
  int nf = 0;
  const char *p = s;
  /* the first two or three fields: category, language, optional flags */
  while (nf < 3) {
    while (p < e && is_space(*p)) p++;
    if (p >= e) break;
    const char *q = p;
    while (q < e && !is_space(*q)) q++;
    if (nf == 2 && strspn(p, "!^$=>") < (size_t)(q - p)) break; /* not flags */
    f[nf] = p;
    fl[nf++] = (size_t)(q - p);
    p = q;
  }
  if (nf == 0) return; /* blank or comment */
  if (nf < 2) {
    bad(line, "expected: category language [flags] words");
    return;
  }
  int cat = -1;
  for (int c = 0; c < CC_PH_COUNT; c++)
    if (strlen(cat_keys[c]) == fl[0] && !memcmp(cat_keys[c], f[0], fl[0])) cat = c;
  if (cat < 0) {
    bad(line, "unknown category");
    return;
  }
  if (fl[1] < 2 || fl[1] > 3 || strspn(f[1], "abcdefghijklmnopqrstuvwxyz") < fl[1]) {
    bad(line, "language must be a 2-3 letter code");
    return;
  }
  unsigned lang = 0;
  while (lang < G.nlangs && !(strlen(G.langs[lang]) == fl[1] && !memcmp(G.langs[lang], f[1], fl[1])))
    lang++;
  if (lang == G.nlangs) {
    if (G.nlangs == MAX_LANGS) {
      bad(line, "too many languages");
      return;
    }
    memcpy(G.langs[G.nlangs], f[1], fl[1]);
    G.langs[G.nlangs++][fl[1]] = '\0';
  }
  unsigned flags = 0;
  if (nf == 3)
    for (size_t i = 0; i < fl[2]; i++)
      flags |= f[2][i] == '!' ? F_STRONG : f[2][i] == '^' ? F_START
             : f[2][i] == '$' ? F_END : f[2][i] == '>' ? (F_START | F_LEAD)
             : (F_START | F_END);

  /* the words */
  elem el[MAX_ELEMS];
  unsigned n = 0, span = 0, over = 0;
  while (p < e) {
    while (p < e && is_space(*p)) p++;
    if (p >= e) break;
    const char *q = p;
    while (q < e && !is_space(*q)) q++;
    size_t l = (size_t)(q - p);
    if (p[0] == '*' && (l == 1 || (l == 2 && p[1] >= '1' && p[1] <= '9'))) {
      unsigned g = l == 1 ? DEFAULT_GAP : (unsigned)(p[1] - '0');
      if (n == 0) {
        bad(line, "a phrase cannot start with a gap");
        return;
      }
      if (el[n - 1].type == EL_GAP) { /* merge adjacent gaps */
        el[n - 1].gap = (uint8_t)(el[n - 1].gap + g);
      } else if (n < MAX_ELEMS) {
        el[n++] = (elem){0, EL_GAP, (uint8_t)g};
      } else {
        over = 1;
      }
      span += g;
    } else if (l == 3 && !memcmp(p, "<n>", 3)) {
      if (n < MAX_ELEMS) el[n++] = (elem){0, EL_NUM, 0};
      else over = 1;
      span++;
    } else {
      cc_words it;
      cc_token t;
      cc_words_init(&it, p, l);
      while (cc_words_next(&it, &t)) {
        if (n < MAX_ELEMS) el[n++] = (elem){t.hash, EL_WORD, 0};
        else over = 1;
        span++;
      }
    }
    p = q;
  }
  if (n && el[n - 1].type == EL_GAP) {
    bad(line, "a phrase cannot end with a gap");
    return;
  }
  if (n == 0) {
    bad(line, "no words");
    return;
  }
  if (over || span > MAX_SPAN) {
    bad(line, "phrase too long");
    return;
  }
  if (grow((void **)&G.ph, phcap, G.nph + 1, sizeof *G.ph) ||
      grow((void **)&G.el, elcap, G.nel + n, sizeof *G.el))
    return;
  memcpy(G.el + G.nel, el, n * sizeof *el);
  G.ph[G.nph++] = (phrase){G.nel, (uint8_t)n, (uint8_t)cat, (uint8_t)flags,
                           (uint8_t)lang, line};
  G.nel += n;
  if (span > G.span) G.span = span;
}

/* Order: phrases starting with a word by first hash, then those starting
 * with <n>; within a first word, by line. */
static int cmp_phrase(const void *a, const void *b) {
  const phrase *x = a, *y = b;
  const elem *ex = &G.el[x->el], *ey = &G.el[y->el];
  if (ex->type != ey->type) return ex->type < ey->type ? -1 : 1;
  if (ex->hash != ey->hash) return ex->hash < ey->hash ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static int same_phrase(const phrase *x, const phrase *y) {
  if (x->nel != y->nel || x->flags != y->flags || x->lang != y->lang) return 0;
  for (unsigned i = 0; i < x->nel; i++) {
    const elem *a = &G.el[x->el + i], *b = &G.el[y->el + i];
    if (a->type != b->type || a->hash != b->hash || a->gap != b->gap) return 0;
  }
  return 1;
}

static void init(void) {
  uint32_t phcap = 0, elcap = 0;
  const char *s = (const char *)cc_phrases_data, *end = s + cc_phrases_data_len;
  unsigned line = 1;
  while (s < end && !G.oom) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    parse_line(s, e, line++, &phcap, &elcap);
    s = nl ? nl + 1 : end;
  }
  if (G.oom) return;
  if (!G.nph) {
    G.tab = calloc(1, sizeof *G.tab);
    G.oom = !G.tab;
    return;
  }
  qsort(G.ph, G.nph, sizeof *G.ph, cmp_phrase);

  /* duplicates within a language; the count of distinct first words */
  uint32_t distinct = 0;
  for (uint32_t i = 0; i < G.nph; i++) {
    const elem *ei = &G.el[G.ph[i].el];
    if (ei->type == EL_NUM) break;
    if (i == 0 || G.el[G.ph[i - 1].el].hash != ei->hash) distinct++;
    for (uint32_t j = i + 1; j < G.nph && G.el[G.ph[j].el].type == ei->type &&
                             G.el[G.ph[j].el].hash == ei->hash; j++)
      if (same_phrase(&G.ph[i], &G.ph[j])) bad(G.ph[j].line, "duplicate phrase");
  }
  uint32_t size = 16;
  while (size < distinct * 2) size *= 2;
  G.tab = calloc(size, sizeof *G.tab);
  if (!G.tab) {
    G.oom = 1;
    return;
  }
  G.mask = size - 1;
  G.num_first = G.nph;
  for (uint32_t i = 0; i < G.nph;) {
    const elem *ei = &G.el[G.ph[i].el];
    uint32_t j = i + 1;
    if (ei->type == EL_NUM) {
      G.num_first = i;
      G.num_count = G.nph - i;
      break;
    }
    while (j < G.nph && G.el[G.ph[j].el].type == EL_WORD && G.el[G.ph[j].el].hash == ei->hash)
      j++;
    uint64_t h = ei->hash ? ei->hash : 1;
    uint32_t k = (uint32_t)(h ^ (h >> 32)) & G.mask;
    while (G.tab[k].hash) k = (k + 1) & G.mask;
    G.tab[k] = (bucket){h, i, j - i};
    i = j;
  }
}

static inline const bucket *lookup(uint64_t h) {
  if (!h) h = 1;
  for (uint32_t k = (uint32_t)(h ^ (h >> 32)) & G.mask;; k = (k + 1) & G.mask) {
    const bucket *b = &G.tab[k];
    if (b->hash == h) return b;
    if (!b->hash) return NULL;
  }
}

/* ---- scanning -------------------------------------------------------- */

typedef struct window {
  uint64_t hash[RING];
  uint8_t kind[RING];
  uint32_t filled; /* tokens read so far */
  int eof;
} window;

/* Matches elements e[0..n) at token pos; returns the end (exclusive) or
 * -1. Gaps take as few tokens as they can. */
static long match_el(const window *w, const elem *e, unsigned n, uint32_t pos, int end_anchor) {
  for (unsigned k = 0; k < n; k++) {
    if (e[k].type == EL_GAP) {
      for (unsigned g = 0; g <= e[k].gap; g++) {
        long r = match_el(w, e + k + 1, n - k - 1, pos + g, end_anchor);
        if (r >= 0) return r;
      }
      return -1;
    }
    if (pos >= w->filled) return -1;
    unsigned x = pos & (RING - 1);
    if (e[k].type == EL_NUM ? w->kind[x] != CC_TOK_NUM : w->hash[x] != e[k].hash) return -1;
    pos++;
  }
  if (end_anchor && !(w->eof && pos == w->filled)) return -1;
  return pos;
}

/* Tries phrases [first, first+count) at token i; keeps the longest match
 * (a strong one on ties) in *best_end / *best. */
static void try_range(const window *w, uint32_t i, uint32_t first, uint32_t count,
                      long *best_end, const phrase **best) {
  for (uint32_t k = first; k < first + count; k++) {
    const phrase *p = &G.ph[k];
    if ((p->flags & F_START) && i != 0) continue;
    long r = match_el(w, &G.el[p->el], p->nel, i, p->flags & F_END);
    if (r < 0) continue;
    if (r > *best_end || (r == *best_end && (p->flags & F_STRONG) && !((*best)->flags & F_STRONG))) {
      *best_end = r;
      *best = p;
    }
  }
}

int cc_phrases_ready(void) {
  pthread_once(&once, init);
  return !G.oom;
}

void cc_phrases_scan(const char *utf8, size_t len, cc_phrase_scan *out) {
  pthread_once(&once, init);
  memset(out, 0, sizeof *out);
  out->first = -1;
  if (G.oom) return;
  window w;
  w.filled = 0;
  w.eof = 0;
  cc_words it;
  cc_token t;
  cc_words_init(&it, utf8, len);
  uint32_t cover_end = 0;
  uint32_t ahead = (G.span > LEAD_WORDS ? G.span : LEAD_WORDS) + 1;
  for (uint32_t i = 0;; i++) {
    while (!w.eof && w.filled < i + ahead) {
      if (cc_words_next(&it, &t)) {
        w.hash[w.filled & (RING - 1)] = t.hash;
        w.kind[w.filled & (RING - 1)] = (uint8_t)t.kind;
        w.filled++;
      } else {
        w.eof = 1;
      }
    }
    if (i >= w.filled) break;
    unsigned x = i & (RING - 1);
    long best_end = -1;
    const phrase *best = NULL;
    const bucket *b = lookup(w.hash[x]);
    if (b) try_range(&w, i, b->first, b->count, &best_end, &best);
    if (w.kind[x] == CC_TOK_NUM && G.num_count)
      try_range(&w, i, G.num_first, G.num_count, &best_end, &best);
    if (best) {
      if ((best->flags & F_LEAD) && w.eof && w.filled <= LEAD_WORDS) best_end = w.filled;
      if (best->flags & F_STRONG) out->strong++;
      out->categories |= 1u << best->cat;
      if ((uint32_t)best_end > cover_end) { /* not inside an earlier match */
        out->hits++;
        if (out->first < 0) out->first = best->cat;
        cover_end = (uint32_t)best_end;
      }
    }
    if (i < cover_end) out->covered++;
  }
  out->words = w.filled;
}

/* ---- the decision ---------------------------------------------------- */

int cc_phrases_is_boilerplate(const cc_phrase_scan *s) {
  unsigned w = s->words, c = s->covered;
  if (!w || !s->hits) return 0;
  if (w <= SHORT_WORDS && c * 100 >= w * SHORT_COVER_PCT) return 1;
  if (s->strong && w <= STRONG_WORDS) return 1;
  if (w <= MEDIUM_WORDS && c * 100 >= w * MEDIUM_COVER_PCT) return 1;
  if (w <= LONG_WORDS && s->strong >= 2 && c * 100 >= w * LONG_COVER_TWO_STRONG_PCT) return 1;
  if (w <= LONG_WORDS && s->strong && c * 100 >= w * LONG_COVER_ONE_STRONG_PCT) return 1;
  return 0;
}

/* ---- statistics ------------------------------------------------------ */

unsigned cc_phrases_count(int category, const char *lang) {
  pthread_once(&once, init);
  unsigned n = 0;
  for (uint32_t i = 0; i < G.nph; i++)
    if ((category < 0 || G.ph[i].cat == category) &&
        (!lang || !strcmp(G.langs[G.ph[i].lang], lang)))
      n++;
  return n;
}

unsigned cc_phrases_errors(char *msg, size_t cap) {
  pthread_once(&once, init);
  if (msg && cap) snprintf(msg, cap, "%s", G.errors ? G.errmsg : "");
  return G.errors;
}
