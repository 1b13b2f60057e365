/* text_blocks.c — a clipping cut into blocks, and what each block looks
 * like (see text.h).
 *
 * Owns the splitting (lines; list markers; hard-wrapped lines joined into
 * paragraphs) and the per-block features the selection reads: length,
 * words, stopwords of the document's language, capitals, digits,
 * sentence punctuation, script, URLs, separators, dates, ©, the phrase
 * data's verdict, the site-boilerplate fingerprint. Two passes over the
 * input (count lines, then cut), one token pass and one phrase scan per
 * block; no allocation but the block array.
 */
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "text.h"
#include "oom.h"

/* ---- splitting ------------------------------------------------------ */

/* Bytes of a blank character at p (ASCII space/tab/CR/FF/VT, no-break
 * and other Unicode spaces, zero-width space, BOM), or 0. */
static size_t blank_at(const unsigned char *p, const unsigned char *e) {
  if (p >= e) return 0;
  unsigned c = *p;
  if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0) return 1;
  if (c == 0xC2 && e - p >= 2 && p[1] == 0xA0) return 2;
  if (c == 0xE2 && e - p >= 3 && p[1] == 0x80 &&
      ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xAF))
    return 3;
  if (c == 0xE3 && e - p >= 3 && p[1] == 0x80 && p[2] == 0x80) return 3;
  if (c == 0xEF && e - p >= 3 && p[1] == 0xBB && p[2] == 0xBF) return 3;
  return 0;
}

/* Trailing blank before e (>= p), in bytes. */
static size_t blank_before(const unsigned char *p, const unsigned char *e) {
  if (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\f' ||
                e[-1] == '\v' || e[-1] == 0))
    return 1;
  if (e - p >= 2 && e[-2] == 0xC2 && e[-1] == 0xA0) return 2;
  if (e - p >= 3 && blank_at(e - 3, e) == 3) return 3;
  return 0;
}

/* A list marker at the start of a line: "- ", "* ", "• ", "· ", "– ",
 * "▪ ", "◦ " (1), or "12. ", "3) " (2, number in *num). Returns the
 * marker's length with its space, or 0. An em dash is not one: it opens
 * dialogue lines in several languages. */
static size_t marker(const unsigned char *p, size_t n, uint8_t *kind, uint32_t *num) {
  static const char *const bullets[] = {"- ", "* ", "\xE2\x80\xA2 ", "\xC2\xB7 ",
                                        "\xE2\x80\x93 ", "\xE2\x96\xAA ", "\xE2\x97\xA6 ",
                                        "\xE2\x80\xA3 "};
  for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++) {
    size_t l = strlen(bullets[i]);
    if (n > l && !memcmp(p, bullets[i], l)) {
      *kind = 1;
      return l;
    }
  }
  size_t d = 0;
  uint32_t v = 0;
  while (d < n && d < 3 && p[d] >= '0' && p[d] <= '9') v = v * 10 + (uint32_t)(p[d++] - '0');
  if (d && d + 2 < n && (p[d] == '.' || p[d] == ')') && p[d + 1] == ' ' &&
      !(p[d + 2] >= '0' && p[d + 2] <= '9')) {
    *kind = 2;
    *num = v;
    return d + 2;
  }
  return 0;
}

/* Characters (UTF-8 lead bytes) in n bytes. */
static uint32_t nchars(const char *s, size_t n) {
  uint32_t c = 0;
  for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

/* Hard-wrapped text (mail, plain-text documents) breaks paragraphs into
 * lines of a nearly constant width. Told when most lines of 40+
 * characters end within a narrow band below the widest common length,
 * with another line right after them; then each such line is joined with
 * the next. Text dumped from pages has one paragraph per line, whose
 * lengths are all over the place: never joined. */
#define WRAP_MIN_LINES 5
#define WRAP_MAX_WIDTH 100
static void join_wrapped(cc_tdoc *doc) {
  uint32_t hist[WRAP_MAX_WIDTH + 2] = {0};
  uint32_t n40 = 0;
  uint32_t *len = NULL;
  if (doc->n < WRAP_MIN_LINES) return;
  len = cc_malloc((size_t)doc->n * sizeof *len);
  for (uint32_t i = 0; i < doc->n; i++) {
    len[i] = nchars(doc->b[i].text, doc->b[i].len);
    if (len[i] < 40) continue;
    n40++;
    hist[len[i] > WRAP_MAX_WIDTH ? WRAP_MAX_WIDTH + 1 : len[i]]++;
  }
  /* width: the length 95% of the long lines stay within */
  uint32_t acc = 0, width = 0;
  for (uint32_t l = 0; l <= WRAP_MAX_WIDTH + 1; l++) {
    acc += hist[l];
    if (acc * 100 >= n40 * 95) {
      width = l;
      break;
    }
  }
  int wrapped = 0;
  if (n40 >= WRAP_MIN_LINES && width <= WRAP_MAX_WIDTH) {
    uint32_t near = 0;
    for (uint32_t i = 0; i + 1 < doc->n; i++)
      if (len[i] >= width * 3 / 4 && len[i] <= width && doc->b[i + 1].gap == 0) near++;
    wrapped = near * 2 >= n40;
  }
  if (wrapped) {
    uint32_t o = 0;
    for (uint32_t i = 0; i < doc->n; i++) {
      cc_tblock *prev = o ? &doc->b[o - 1] : NULL;
      cc_tblock *cur = &doc->b[i];
      /* joined when the previous line was wrapped (long) and this one
       * neither follows a blank line nor opens a list item */
      if (prev && cur->gap == 0 && !cur->bullet && len[i - 1] >= width * 3 / 5 &&
          len[i - 1] <= width &&
          prev->nlines < 0xFFFF) {
        prev->len = (uint32_t)(cur->text + cur->len - prev->text);
        prev->nlines++;
        continue;
      }
      doc->b[o++] = *cur;
    }
    doc->n = o;
  }
  doc->wrapped = wrapped;
  cc_mfree(len);
}

/* The first LF at or after p, or end. */
static const unsigned char *next_lf(const unsigned char *p, const unsigned char *end) {
  const unsigned char *lf = memchr(p, '\n', (size_t)(end - p));
  return lf ? lf : end;
}

/* The end of the line at p: the next LF, or a lone CR before it (old Mac
 * text), or the end. A CR right before the LF stays in the line (a
 * trailing blank). Both are found by memchr: lines are long, CRs rare.
 * *lf holds the next LF (or end) found so far, so text of lone CRs is
 * not searched to its end for an LF at every line. */
static const unsigned char *line_end(const unsigned char *p, const unsigned char *end,
                                     const unsigned char **lf) {
  if (*lf < p) *lf = next_lf(p, end);
  const unsigned char *e = *lf;
  const unsigned char *r = memchr(p, '\r', (size_t)(e - p));
  return r && (r + 1 < e || e == end) ? r : e;
}

void cc_text_split(cc_arena *a, const char *utf8, size_t len, cc_tdoc *doc) {
  doc->src = utf8;
  doc->srclen = len;
  doc->n = 0;
  doc->title_block = -1;
  uint32_t lines = 1;
  for (const char *p = utf8, *e = utf8 + len; (p = memchr(p, '\n', (size_t)(e - p))); p++) lines++;
  /* a lone CR also ends a line: counted as well */
  for (const char *p = utf8, *e = utf8 + len; (p = memchr(p, '\r', (size_t)(e - p))); p++)
    if (p + 1 == e || p[1] != '\n') lines++;
  doc->b = cc_arena_alloc(a, (size_t)lines * sizeof *doc->b);
  const unsigned char *p = (const unsigned char *)utf8, *end = p + len;
  const unsigned char *lf = next_lf(p, end);
  uint32_t lineno = 0, gap = 0;
  while (p < end) {
    const unsigned char *s = p, *e = line_end(p, end, &lf);
    p = e < end ? e + 1 : end;
    lineno++;
    size_t k;
    while (s < e && (k = blank_at(s, e))) s += k;
    while (e > s && (k = blank_before(s, e))) e -= k;
    if (s == e) {
      if (gap < 255) gap++;
      continue;
    }
    cc_tblock *b = &doc->b[doc->n++];
    memset(b, 0, sizeof *b);
    size_t m = marker(s, (size_t)(e - s), &b->bullet, &b->number);
    s += m;
    while (s < e && (k = blank_at(s, e))) s += k;
    b->text = (const char *)s;
    b->len = (uint32_t)(e - s);
    b->line = lineno;
    b->nlines = 1;
    b->gap = (uint8_t)gap;
    b->category = -1;
    gap = 0;
  }
  join_wrapped(doc);
}

/* ---- features ------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Is the character at p an uppercase letter (Latin, Greek, Cyrillic)? */
static int upper_at(const unsigned char *p, const unsigned char *e) {
  unsigned c = *p;
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (e - p < 2) return 0;
  uint32_t cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
  if (c == 0xC3) return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
  if (c == 0xC4 || c == 0xC5) return cp >= 0x100 && cp < 0x17F && !(cp & 1) && cp != 0x138;
  if (c == 0xCE) return cp >= 0x386 && cp <= 0x3AB;
  if (c == 0xD0) return cp >= 0x400 && cp <= 0x42F;
  return 0;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

int cc_text_ends_sentence(const char *t, size_t n) {
  const unsigned char *s = (const unsigned char *)t;
  /* closing quotes and brackets after the mark: ." .» .” .“ .« .) */
  for (int k = 0; k < 3 && n; k++) {
    unsigned char c = s[n - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
      n--;
      continue;
    }
    if (n >= 2 && s[n - 2] == 0xC2 && (c == 0xBB || c == 0xAB || c == 0xA0)) { /* » « nbsp */
      n -= 2;
      continue;
    }
    if (n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x80 &&
        (c == 0x9D || c == 0x9C || c == 0x99 || c == 0xBA || c == 0xB9)) {
      n -= 3; /* ” “ ’ › ‹ (German quotes close with “ and «) */
      continue;
    }
    break;
  }
  if (!n) return 0;
  unsigned char c = s[n - 1];
  if (c == '.' || c == '!' || c == '?') return 1;
  if (n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x80 && c == 0xA6) return 1; /* … */
  if (n >= 3 && s[n - 3] == 0xE3 && s[n - 2] == 0x80 && c == 0x82) return 1; /* 。 */
  if (n >= 3 && s[n - 3] == 0xEF && s[n - 2] == 0xBC && (c == 0x81 || c == 0x9F)) return 1;
  if (n >= 2 && s[n - 2] == 0xD8 && c == 0x9F) return 1; /* Arabic ? */
  if (n >= 2 && s[n - 2] == 0xDB && c == 0x94) return 1; /* Arabic full stop */
  if (n >= 3 && s[n - 3] == 0xE0 && s[n - 2] == 0xA5 && c == 0xA4) return 1; /* danda */
  return 0;
}

size_t cc_text_squash(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i < n && o + 1 < cap; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z') c |= 0x20;
    if ((c >= 'a' && c <= 'z') || is_digit(c) || c >= 0x80) out[o++] = (char)c;
  }
  /* never end inside a UTF-8 sequence */
  while (o && ((unsigned char)out[o - 1] & 0xC0) == 0x80 && o + 1 >= cap) o--;
  if (cap) out[o] = '\0';
  return o;
}

/* A currency sign other than $ at p (€ £ ¥ ₹ ₽ ₩ ₺ ₫ ₴), its length or 0. */
static size_t currency_at(const unsigned char *p, const unsigned char *e) {
  if (e - p >= 2 && p[0] == 0xC2 && (p[1] == 0xA3 || p[1] == 0xA5)) return 2;
  if (e - p >= 3 && p[0] == 0xE2 && p[1] == 0x82 &&
      (p[2] == 0xAC || p[2] == 0xB9 || p[2] == 0xBD || p[2] == 0xA9 || p[2] == 0xBA ||
       p[2] == 0xAB || p[2] == 0xB4))
    return 3;
  return 0;
}

/* A digit right before or after the n-byte sign at p, a space allowed:
 * "$5", "5 €", "£ 12". */
static int digit_near(const unsigned char *s, const unsigned char *p, const unsigned char *e,
                      size_t n) {
  const unsigned char *a = p + n;
  if (a < e && *a == ' ') a++;
  if (a < e && is_digit(*a)) return 1;
  const unsigned char *z = p;
  if (z > s && z[-1] == ' ') z--;
  return z > s && is_digit(z[-1]);
}

/* A teaser's excerpt ends cut with "[…]" or "[...]" (an elision inside a
 * quote is followed by more text). */
static int excerpt(const cc_tblock *b) {
  static const char *const cuts[] = {"[\xE2\x80\xA6]", "[...]", "(\xE2\x80\xA6)", "(...)"};
  for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
    size_t l = strlen(cuts[k]);
    if (b->len >= l && !memcmp(b->text + b->len - l, cuts[k], l)) return 1;
  }
  return 0;
}

/* The byte-level features: sentence marks, URL, separators, date, ©,
 * prices, a teaser's cut. */
static void scan_bytes(cc_tblock *b) {
  const unsigned char *s = (const unsigned char *)b->text, *e = s + b->len;
  unsigned punct = 0, pipes = 0, up = 0, low = 0, signs = 0, colon = 0, cont = 0;
  for (const unsigned char *p = s; p < e; p++) {
    unsigned c = *p;
    if (c < 0x80) {
      /* letters and spaces, most of the text, play no other part */
      if (c - 'a' < 26u) {
        low++;
        continue;
      }
      if (c - 'A' < 26u) {
        up++;
        continue;
      }
      if (c == ' ') continue;
      if (c > ' ' && c < 0x7F && !is_digit((unsigned char)c)) signs++;
      if (c == ':' && p > s + 1 && p + 2 < e && p[1] == ' ') colon = 1;
      if (c == '.' || c == '!' || c == '?') {
        /* a mark followed by a space or the end, not "3.5" or "www.x" */
        if (p + 1 == e || p[1] == ' ' || p[1] == '"' || p[1] == ')' || p[1] == '\n') punct++;
        if (c == '.' && p >= s + 3 && !memcmp(p - 3, "www", 3)) b->url = 1;
      } else if (c == '|') {
        pipes++;
      } else if (c == '$' && digit_near(s, p, e, 1)) {
        b->price = 1;
      } else if (c == '/' && e - p > 2 && p[1] == '/' && p > s && p[-1] == ':') {
        b->url = 1;
      } else if (c == '@' && p > s && p[-1] > ' ' && memchr(p, '.', (size_t)(e - p)) &&
                 p + 1 < e && p[1] > ' ') {
        b->url = 1;
      } else if (is_digit((unsigned char)c) && (p == s || !is_digit(p[-1]))) {
        size_t left = (size_t)(e - p);
        if (left >= 4 && (c == '1' || c == '2') && (p[1] == '9' || p[1] == '0') &&
            is_digit(p[2]) && is_digit(p[3]) && (left == 4 || !is_digit(p[4])))
          b->date = 1; /* 19xx, 20xx */
        else if (left >= 4 && ((p[1] == ':' && is_digit(p[2]) && is_digit(p[3])) ||
                               (left >= 5 && is_digit(p[1]) && p[2] == ':' && is_digit(p[3]) &&
                                is_digit(p[4]))))
          b->date = 1; /* 9:30, 12:45 */
      }
    } else if ((c & 0xC0) == 0x80) {
      cont++; /* a character's continuation byte: its lead byte was read */
    } else if (c == 0xC2 && p + 1 < e && p[1] == 0xA9) {
      b->copyright = 1;
    } else if (currency_at(p, e) && digit_near(s, p, e, currency_at(p, e))) {
      b->price = 1;
    } else if (c == 0xE2 && e - p >= 3 && p[1] == 0x80 && p[2] == 0xA6) {
      punct++; /* … */
    } else if (c == 0xE3 && e - p >= 3 && p[1] == 0x80 && p[2] == 0x82) {
      punct++; /* 。 */
    } else if (c == 0xEF && e - p >= 3 && p[1] == 0xBC && (p[2] == 0x81 || p[2] == 0x9F)) {
      punct++; /* ！ ？ */
    }
  }
  b->punct = punct > 0xFFFF ? 0xFFFF : (uint16_t)punct;
  b->upper = (uint8_t)(up + low ? up * 255u / (up + low) : 0);
  uint32_t nch = (uint32_t)(b->len - cont);
  b->symbols = (uint8_t)(nch ? (signs >= nch ? 255 : signs * 255u / nch) : 0);
  b->kv = (uint8_t)colon;
  b->pipes = pipes > 255 ? 255 : (uint8_t)pipes;
  b->ends = (uint8_t)cc_text_ends_sentence(b->text, b->len);
  size_t n = b->len;
  while (n && (s[n - 1] == ' ')) n--;
  b->colon = n && s[n - 1] == ':';
  b->question = n && s[n - 1] == '?';
  b->excerpt = (uint8_t)excerpt(b);
}

static uint16_t sat16(uint32_t v) { return v > 0xFFFF ? 0xFFFF : (uint16_t)v; }

/* The first line's distinct content words (stopwords left out): what a
 * block shares with the page's title, when the first line is one. */
#define TITLE_WORDS 32
typedef struct title_words {
  uint64_t h[TITLE_WORDS];
  unsigned n;
  uint64_t bloom; /* one bit per word: most tokens are rejected by it */
} title_words;

static void title_words_of(const cc_tblock *b, uint32_t langbit, title_words *tw) {
  memset(tw, 0, sizeof *tw);
  cc_words it;
  cc_token t;
  cc_words_init(&it, b->text, b->len);
  while (tw->n < TITLE_WORDS && cc_words_next(&it, &t)) {
    uint32_t m = cc_lang_stopword_mask(t.hash);
    if (t.kind != CC_TOK_WORD || (langbit ? (m & langbit) : m != 0)) continue;
    unsigned k = 0;
    while (k < tw->n && tw->h[k] != t.hash) k++;
    if (k < tw->n) continue;
    tw->h[tw->n++] = t.hash;
    tw->bloom |= 1ull << (t.hash >> 58);
  }
}

/* Index of a title word, or -1. */
static int title_word(const title_words *tw, uint64_t h) {
  if (!(tw->bloom & (1ull << (h >> 58)))) return -1;
  for (unsigned k = 0; k < tw->n; k++)
    if (tw->h[k] == h) return (int)k;
  return -1;
}

static uint8_t share255(uint32_t part, uint32_t whole) {
  return whole ? (uint8_t)(part >= whole ? 255 : part * 255u / whole) : 0;
}

/* A block's tokens, kept for the phrase scan (one tokenization for both). */
typedef struct tokens {
  uint64_t *hash;
  uint8_t *kind;
  size_t n, cap;
} tokens;

static void push_token(tokens *tk, const cc_token *t) {
  if (tk->n == tk->cap) {
    tk->cap = tk->cap ? tk->cap * 2 : 256;
    tk->hash = cc_realloc(tk->hash, tk->cap * sizeof *tk->hash);
    tk->kind = cc_realloc(tk->kind, tk->cap);
  }
  tk->hash[tk->n] = t->hash;
  tk->kind[tk->n++] = (uint8_t)t->kind;
}

/* The words of a block: counts, stopwords, capitals, scripts, the title's
 * words, and the hash of the whole sequence; its tokens into tk. */
static void describe_words(const cc_tdoc *doc, cc_tblock *b, uint32_t langbit,
                           const title_words *tw, tokens *tk) {
  uint32_t words = 0, alpha = 0, nums = 0, stop = 0, caps = 0, cjk = 0, intitle = 0;
  uint32_t seen = 0; /* bit k: title word k found */
  uint32_t in_script[CC_SCRIPT_COUNT] = {0};
  uint64_t key = 14695981039346656037ull;
  cc_words it;
  cc_token t;
  cc_words_init(&it, b->text, b->len);
  const unsigned char *base = (const unsigned char *)b->text, *end = base + b->len;
  tk->n = 0;
  while (cc_words_next(&it, &t)) {
    words++;
    push_token(tk, &t);
    key = (key ^ t.hash) * 1099511628211ull;
    if (words == 1) b->num_first = t.kind == CC_TOK_NUM;
    b->num_last = t.kind == CC_TOK_NUM;
    if (t.kind == CC_TOK_NUM) {
      nums++;
      continue;
    }
    if (t.kind != CC_TOK_WORD) continue;
    alpha++;
    uint32_t m = cc_lang_stopword_mask(t.hash);
    if (langbit ? (m & langbit) : m != 0) stop++;
    int k = title_word(tw, t.hash);
    if (k >= 0) {
      intitle++;
      seen |= 1u << k;
    }
    if (upper_at(base + t.start, end)) caps++;
    if (words == 1) b->lower = !upper_at(base + t.start, end) && !is_digit(base[t.start]);
    cc_script sc = (unsigned char)t.s[0] < 0x80 ? CC_SCRIPT_LATIN : cc_script_of_token(t.s, t.len);
    in_script[sc]++;
    if (sc == CC_SCRIPT_HAN || sc == CC_SCRIPT_KANA || sc == CC_SCRIPT_HANGUL ||
        sc == CC_SCRIPT_THAI)
      cjk += nchars(t.s, t.len);
  }
  b->words = sat16(words);
  b->alpha = sat16(alpha);
  b->nums = sat16(nums);
  b->stop = sat16(stop);
  b->caps = sat16(caps);
  b->cjk = sat16(cjk);
  b->key = words ? key | 1 : 0;
  b->title_in = share255(intitle, alpha - (stop < alpha ? stop : alpha));
  b->title_cov = share255((uint32_t)__builtin_popcount(seen), tw->n);
  cc_script major = CC_SCRIPT_NONE;
  for (int s = CC_SCRIPT_LATIN; s < CC_SCRIPT_COUNT; s++)
    if (in_script[s] > in_script[major]) major = (cc_script)s;
  b->script = (uint8_t)major;
  /* kana and Han mix in Japanese; Latin words turn up in every script */
  int related = (major == CC_SCRIPT_HAN || major == CC_SCRIPT_KANA) &&
                (doc->script == CC_SCRIPT_HAN || doc->script == CC_SCRIPT_KANA);
  b->foreign = major != CC_SCRIPT_NONE && doc->script != CC_SCRIPT_NONE &&
               major != doc->script && major != CC_SCRIPT_LATIN && !related;
}

/* The coarse look of a block, for telling repeated cards: length class,
 * sentence end, digits, capital start, price. */
static uint8_t shape_of(const cc_tblock *b) {
  unsigned len = b->chars < 20 ? 0 : b->chars < 60 ? 1 : b->chars < 150 ? 2 : 3;
  return (uint8_t)(len | (unsigned)b->ends << 2 | (unsigned)(b->nums > 0) << 3 |
                   (unsigned)(!b->lower) << 4 | (unsigned)b->price << 5);
}

/* The first of the n sorted keys that is >= key, or > key when after is
 * set (binary searches: a notice repeated under every paragraph must not
 * be counted one by one). */
static const uint64_t *bound(const uint64_t *k, size_t n, uint64_t key, int after) {
  const uint64_t *lo = k, *hi = k + n;
  while (lo < hi) {
    const uint64_t *mid = lo + (hi - lo) / 2;
    if (*mid < key || (after && *mid == key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* How many blocks of the document say the same words (menus repeated in
 * the header and the footer, a button under every card). */
static void count_dups(cc_tdoc *doc) {
  uint64_t *k = cc_malloc((size_t)(doc->n ? doc->n : 1) * sizeof *k);
  for (uint32_t i = 0; i < doc->n; i++) k[i] = doc->b[i].key;
  qsort(k, doc->n, sizeof *k, cmp_u64);
  for (uint32_t i = 0; i < doc->n; i++) {
    cc_tblock *b = &doc->b[i];
    if (!b->key) continue;
    size_t n = (size_t)(bound(k, doc->n, b->key, 1) - bound(k, doc->n, b->key, 0));
    b->dups = n > 0xFFFF ? 0xFFFF : (uint16_t)n;
  }
  cc_mfree(k);
}

void cc_text_describe(cc_tdoc *doc, const cc_options *opt) {
  uint32_t langbit = doc->lang >= 0 ? 1u << doc->lang : 0;
  int filter = !(opt->flags & CC_OPT_NO_FILTER);
  title_words tw;
  memset(&tw, 0, sizeof tw);
  tokens tk = {NULL, NULL, 0, 0};
  if (doc->n) title_words_of(&doc->b[cc_text_title_candidate(doc)], langbit, &tw);
  for (uint32_t i = 0; i < doc->n; i++) {
    cc_tblock *b = &doc->b[i];
    uint32_t commas = 0;
    b->chars = cc_text_measure(b->text, b->len, &commas, NULL, NULL);
    b->commas = sat16(commas);
    scan_bytes(b);
    describe_words(doc, b, langbit, &tw, &tk);
    b->shape = shape_of(b);

    /* the phrase data's verdict */
    if (filter) {
      cc_phrase_scan ps;
      cc_phrases_scan_tokens(tk.hash, tk.kind, tk.n, &ps);
      b->boiler = (uint8_t)cc_phrases_is_boilerplate(&ps);
      b->category = (int8_t)ps.first;
      b->phrase_strong = ps.strong > 255 ? 255 : (uint8_t)ps.strong;
      /* a bare "read also" / "related" label: what follows it are teasers */
      b->lead = b->boiler && ps.first == CC_PH_RELATED && ps.words <= 5;
    }
    if (b->words >= 3) {
      b->fp = cc_fingerprint_text(b->text, b->len);
      if (opt->site_boilerplate && opt->site_boilerplate_count)
        b->site = bsearch(&b->fp, opt->site_boilerplate, opt->site_boilerplate_count,
                          sizeof(uint64_t), cmp_u64) != NULL;
    }
  }
  cc_mfree(tk.hash);
  cc_mfree(tk.kind);
  count_dups(doc);
}
