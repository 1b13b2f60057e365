/* meta_text.c — string cleaning for the metadata stage (see meta.h):
 * character references, markup debris, whitespace, length caps, loose
 * comparison and language-tag normalization. */
#include <string.h>

#include "meta.h"

/* ---- UTF-8 helpers ---- */

static size_t put_utf8(char *o, unsigned cp) {
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xc0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xe0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
    o[2] = (char)(0x80 | (cp & 0x3f));
    return 3;
  }
  o[0] = (char)(0xf0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
  o[3] = (char)(0x80 | (cp & 0x3f));
  return 4;
}

/* Decodes the code point at s (n bytes available); sets *len. Invalid
 * bytes decode as themselves with length 1 (callers only classify). */
static unsigned get_utf8(const unsigned char *s, size_t n, size_t *len) {
  unsigned c = s[0];
  if (c < 0x80 || n < 2) {
    *len = 1;
    return c;
  }
  if ((c & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
    *len = 2;
    return ((c & 0x1f) << 6) | (s[1] & 0x3f);
  }
  if ((c & 0xf0) == 0xe0 && n >= 3 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
    *len = 3;
    return ((c & 0x0f) << 12) | ((unsigned)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
  }
  if ((c & 0xf8) == 0xf0 && n >= 4 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
      (s[3] & 0xc0) == 0x80) {
    *len = 4;
    return ((c & 0x07) << 18) | ((unsigned)(s[1] & 0x3f) << 12) |
           ((unsigned)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
  }
  *len = 1;
  return c;
}

/* 1: collapsible space; 2: zero-width (dropped), the soft hyphen among
 * them: a hint where a word may break ("Assis&shy;tance"), not a
 * character of the value. */
static int space_class(unsigned cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
    return 1;
  if (cp < 0x20 || cp == 0x7f) return 1;
  if (cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
      cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000)
    return 1;
  if (cp == 0x200b || cp == 0xfeff || cp == 0x2060 || cp == 0xad) return 2;
  return 0;
}

/* ---- character references ---- */

typedef struct entity {
  const char *name;
  unsigned cp;
} entity;

/* The named references seen in metadata in practice (gumbo already
 * decodes attribute values; these catch double-encoded ones and JSON). */
static const entity entities[] = {
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},     {"nbsp", 0xa0},      {"ndash", 0x2013},  {"mdash", 0x2014},
    {"hellip", 0x2026}, {"lsquo", 0x2018},   {"rsquo", 0x2019},  {"ldquo", 0x201c},
    {"rdquo", 0x201d},  {"sbquo", 0x201a},   {"bdquo", 0x201e},  {"laquo", 0xab},
    {"raquo", 0xbb},    {"middot", 0xb7},    {"bull", 0x2022},   {"copy", 0xa9},
    {"reg", 0xae},      {"trade", 0x2122},   {"deg", 0xb0},      {"euro", 0x20ac},
    {"pound", 0xa3},    {"eacute", 0xe9},    {"Eacute", 0xc9},   {"egrave", 0xe8},
    {"Egrave", 0xc8},   {"ecirc", 0xea},     {"euml", 0xeb},     {"agrave", 0xe0},
    {"Agrave", 0xc0},   {"aacute", 0xe1},    {"acirc", 0xe2},    {"auml", 0xe4},
    {"Auml", 0xc4},     {"atilde", 0xe3},    {"aring", 0xe5},    {"ccedil", 0xe7},
    {"Ccedil", 0xc7},   {"iacute", 0xed},    {"icirc", 0xee},    {"iuml", 0xef},
    {"ntilde", 0xf1},   {"Ntilde", 0xd1},    {"oacute", 0xf3},   {"ocirc", 0xf4},
    {"ouml", 0xf6},     {"Ouml", 0xd6},      {"otilde", 0xf5},   {"oslash", 0xf8},
    {"uacute", 0xfa},   {"ugrave", 0xf9},    {"ucirc", 0xfb},    {"uuml", 0xfc},
    {"Uuml", 0xdc},     {"szlig", 0xdf},     {"shy", 0xad},      {"times", 0xd7},
    {"thinsp", 0x2009}, {"ensp", 0x2002},    {"emsp", 0x2003},   {"zwj", 0x200d},
    {"zwnj", 0x200c},   {"iexcl", 0xa1},     {"iquest", 0xbf},   {"frac12", 0xbd},
};

/* Windows-1252 meanings of the C1 range, as HTML gives &#128;..&#159;. */
static const unsigned short c1[32] = {
    0x20ac, 0x81,   0x201a, 0x192,  0x201e, 0x2026, 0x2020, 0x2021,
    0x2c6,  0x2030, 0x160,  0x2039, 0x152,  0x8d,   0x17d,  0x8f,
    0x90,   0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x2dc,  0x2122, 0x161,  0x203a, 0x153,  0x9d,   0x17e,  0x178};

/* Decodes a reference at s ('&' included, e - s bytes available) into o;
 * returns bytes consumed (0: not a reference) and sets *olen. */
static size_t entity_at(const char *s, const char *e, char *o, size_t *olen) {
  const char *p = s + 1;
  if (p < e && *p == '#') {
    p++;
    unsigned long cp = 0;
    int hex = p < e && (*p == 'x' || *p == 'X');
    if (hex) p++;
    const char *d0 = p;
    while (p < e && p - d0 < 8) {
      unsigned char c = (unsigned char)*p;
      int v = c >= '0' && c <= '9'                  ? c - '0'
              : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                    : -1;
      if (v < 0) break;
      cp = cp * (hex ? 16 : 10) + (unsigned long)v;
      p++;
    }
    if (p == d0) return 0;
    if (p < e && *p == ';') p++;
    if (cp >= 0x80 && cp < 0xa0) cp = c1[cp - 0x80];
    if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
    *olen = put_utf8(o, (unsigned)cp);
    return (size_t)(p - s);
  }
  const char *n0 = p;
  while (p < e && p - n0 < 8 &&
         (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') || (*p >= '0' && *p <= '9')))
    p++;
  if (p == n0 || p >= e || *p != ';') return 0;
  size_t nl = (size_t)(p - n0);
  for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
    if (strlen(entities[i].name) == nl && !memcmp(entities[i].name, n0, nl)) {
      *olen = put_utf8(o, entities[i].cp);
      return nl + 2;
    }
  return 0;
}

/* ---- cleaning ---- */

static char *clean(cc_arena *a, const char *s, size_t n, size_t cap, unsigned flags,
                   int again);

char *cc_meta_text(cc_arena *a, const char *s, size_t n, size_t cap,
                   unsigned flags) {
  return clean(a, s, n, cap, flags, 1);
}

static char *clean(cc_arena *a, const char *s, size_t n, size_t cap, unsigned flags,
                   int again) {
  if (!s || !n || !cap) return NULL;
  /* Whatever survives collapsing cannot need more than a few times the
   * cap of input; a 5 MB attribute is not read to its end. */
  size_t lim = cap * 8 + 1024;
  if (n > lim) n = lim;
  char *out = cc_arena_alloc(a, n + 4);
  size_t o = 0;
  int pend = 0; /* 1: a space is pending, 2: a line break is */
  const char *p = s, *e = s + n;
  int passes = 0;
  char *tmp = NULL;
again:
  while (p < e) {
    unsigned char c = (unsigned char)*p;
    if (c == '<' && (flags & (CC_MT_TAGS | CC_MT_COMMENTS)) && p + 1 < e) {
      if (e - p >= 4 && !memcmp(p, "<!--", 4)) {
        const char *q = p + 4;
        while (q + 3 <= e && memcmp(q, "-->", 3)) q++;
        p = q + 3 <= e ? q + 3 : e;
        if (!pend) pend = 1;
        continue;
      }
      unsigned char d = (unsigned char)p[1];
      if ((flags & CC_MT_TAGS) &&
          (((d | 0x20) >= 'a' && (d | 0x20) <= 'z') || d == '/' || d == '!' || d == '?')) {
        const char *q = memchr(p, '>', (size_t)(e - p));
        if (q) {
          /* a block-level tag is a break, an inline one is nothing */
          int brk = 0;
          const char *t = p + 1 + (d == '/');
          static const char *const blocks[] = {"p", "br", "div", "li", "h1", "h2", "h3",
                                               "h4", "h5", "h6", "tr", "blockquote"};
          for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
            size_t bl = strlen(blocks[i]);
            if ((size_t)(q - t) >= bl && !strncmp(t, blocks[i], bl) &&
                (t[bl] == '>' || t[bl] == ' ' || t[bl] == '/'))
              brk = 1;
          }
          if (brk) pend = (flags & CC_MT_LINES) ? 2 : (pend ? pend : 1);
          p = q + 1;
          continue;
        }
      }
    }
    if (c == '&' && (flags & CC_MT_ENTITIES)) {
      char buf[8];
      size_t bl = 0;
      size_t used = entity_at(p, e, buf, &bl);
      if (used) {
        size_t cl;
        unsigned cp = get_utf8((const unsigned char *)buf, bl, &cl);
        int sc = space_class(cp);
        if (sc == 1) {
          if (!pend) pend = 1;
        } else if (sc == 0) {
          if (pend && o) out[o++] = pend == 2 ? '\n' : ' ';
          pend = 0;
          memcpy(out + o, buf, bl);
          o += bl;
        }
        p += used;
        continue;
      }
    }
    size_t cl;
    unsigned cp = get_utf8((const unsigned char *)p, (size_t)(e - p), &cl);
    int sc = space_class(cp);
    if (sc == 1) {
      if ((flags & CC_MT_LINES) && (cp == '\n' || cp == 0x2028 || cp == 0x2029))
        pend = 2;
      else if (!pend)
        pend = 1;
    } else if (sc == 0) {
      if (pend && o) out[o++] = pend == 2 ? '\n' : ' ';
      pend = 0;
      memcpy(out + o, p, cl);
      o += cl;
    }
    p += cl;
  }
  /* Double-encoded references ("&amp;amp;", "&amp;#8217;") are common in
   * CMS output: one more pass when the first one left some behind. */
  if ((flags & CC_MT_ENTITIES) && passes == 0 && o && memchr(out, '&', o)) {
    int more = 0;
    for (size_t i = 0; i + 2 < o && !more; i++)
      if (out[i] == '&') {
        char buf[8];
        size_t bl;
        if (entity_at(out + i, out + o, buf, &bl)) more = 1;
      }
    if (more) {
      passes = 1;
      tmp = out;
      p = tmp;
      e = tmp + o;
      out = cc_arena_alloc(a, o + 4);
      o = 0;
      pend = 0;
      flags &= ~(unsigned)(CC_MT_TAGS | CC_MT_COMMENTS);
      goto again;
    }
  }
  if (!o) return NULL;
  /* markup that was itself encoded ("&lt;a href=...&gt;") shows up only
   * now: one more pass removes it */
  if (again && (flags & CC_MT_TAGS) && (flags & CC_MT_ENTITIES)) {
    for (size_t i = 0; i + 1 < o; i++)
      if (out[i] == '<' && (((out[i + 1] | 0x20) >= 'a' && (out[i + 1] | 0x20) <= 'z') ||
                            out[i + 1] == '/' || out[i + 1] == '!'))
        return clean(a, out, o, cap, flags & ~(unsigned)CC_MT_ENTITIES, 0);
  }
  if (o > cap) {
    size_t cut = cap;
    while (cut > 0 && ((unsigned char)out[cut] & 0xc0) == 0x80) cut--;
    /* prefer a word boundary in the last fifth */
    size_t w = cut;
    while (w > cap - cap / 5 && out[w] != ' ' && out[w] != '\n') w--;
    if (out[w] == ' ' || out[w] == '\n') cut = w;
    while (cut > 0 && (out[cut - 1] == ' ' || out[cut - 1] == '\n')) cut--;
    if (!cut) return NULL;
    if (cut + 3 <= cap) {
      memcpy(out + cut, "\xe2\x80\xa6", 3); /* … */
      cut += 3;
    }
    o = cut;
  }
  out[o] = '\0';
  return out;
}

/* ---- comparison ---- */

/* 1 when the code point is ignored by loose comparison. */
static int loose_skip(unsigned cp) {
  if (cp < 0x80) {
    return !((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
  }
  return (cp >= 0xa0 && cp <= 0xbf) || cp == 0xd7 || (cp >= 0x2000 && cp <= 0x206f) ||
         cp == 0x3000 || cp == 0xfeff;
}

int cc_meta_loose_eq(const char *a, size_t an, const char *b, size_t bn) {
  if (!a || !b) return 0;
  const unsigned char *p = (const unsigned char *)a, *pe = p + an;
  const unsigned char *q = (const unsigned char *)b, *qe = q + bn;
  size_t matched = 0;
  for (;;) {
    size_t pl = 0, ql = 0;
    unsigned pc = 0, qc = 0;
    while (p < pe && loose_skip(pc = get_utf8(p, (size_t)(pe - p), &pl))) p += pl;
    while (q < qe && loose_skip(qc = get_utf8(q, (size_t)(qe - q), &ql))) q += ql;
    if (p >= pe || q >= qe) return p >= pe && q >= qe && matched > 0;
    if (pc < 0x80 && pc >= 'A' && pc <= 'Z') pc |= 0x20;
    if (qc < 0x80 && qc >= 'A' && qc <= 'Z') qc |= 0x20;
    if (pc != qc) return 0;
    p += pl;
    q += ql;
    matched++;
  }
}

size_t cc_meta_key(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  while (p < e && o + 4 < cap) {
    size_t l;
    unsigned cp = get_utf8(p, (size_t)(e - p), &l);
    if (!loose_skip(cp)) {
      if (cp < 0x80)
        out[o++] = (char)((cp >= 'A' && cp <= 'Z') ? (cp | 0x20) : cp);
      else {
        memcpy(out + o, p, l);
        o += l;
      }
    }
    p += l;
  }
  out[o] = '\0';
  return o;
}

unsigned cc_meta_words(const char *s, size_t n) {
  unsigned w = 0;
  int in = 0;
  for (size_t i = 0; i < n; i++) {
    int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
    if (!sp && !in) w++;
    in = !sp;
  }
  return w;
}

/* ---- language tags ---- */

static int is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Language names some pages give instead of a tag (<meta name=language
 * content="English">), lowercase. */
static const struct {
  const char *name, *tag;
} lang_names[] = {
    {"english", "en"}, {"french", "fr"}, {"français", "fr"}, {"francais", "fr"},
    {"german", "de"}, {"deutsch", "de"}, {"spanish", "es"}, {"español", "es"},
    {"espanol", "es"}, {"italian", "it"}, {"italiano", "it"}, {"portuguese", "pt"},
    {"português", "pt"}, {"portugues", "pt"}, {"dutch", "nl"}, {"nederlands", "nl"},
    {"russian", "ru"}, {"chinese", "zh"}, {"japanese", "ja"}, {"korean", "ko"},
};

char *cc_meta_lang(cc_arena *a, const char *s) {
  if (!s) return NULL;
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '"' || *s == '\'') s++;
  {
    char low[16];
    size_t l = 0;
    while (s[l] && s[l] != ' ' && s[l] != ',' && s[l] != ';' && l < sizeof low - 1) {
      unsigned char ch = (unsigned char)s[l];
      low[l] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
      l++;
    }
    low[l] = '\0';
    if (l > 3)
      for (size_t i = 0; i < sizeof lang_names / sizeof lang_names[0]; i++)
        if (!strcmp(low, lang_names[i].name)) return cc_arena_strdup(a, lang_names[i].tag);
  }
  char out[36];
  size_t o = 0;
  int idx = 0;
  const char *p = s;
  for (;;) {
    const char *q = p;
    while (is_alpha(*q) || is_digit(*q)) q++;
    size_t l = (size_t)(q - p);
    if (idx == 0) {
      if (l < 2 || l > 3) return NULL;
      for (size_t i = 0; i < l; i++)
        if (!is_alpha(p[i])) return NULL;
    } else if (l == 0 || l > 8 || o + 1 + l >= sizeof out) {
      break;
    }
    if (idx) out[o++] = '-';
    for (size_t i = 0; i < l; i++) {
      char c = p[i];
      int upper;
      if (idx == 0) upper = 0;
      else if (l == 2 && is_alpha(p[0])) upper = 1;           /* region */
      else if (l == 4 && is_alpha(p[0])) upper = i == 0;      /* script */
      else upper = 0;
      if (is_alpha(c)) c = upper ? (char)(c & ~0x20) : (char)(c | 0x20);
      out[o++] = c;
    }
    idx++;
    if ((*q == '-' || *q == '_') && (is_alpha(q[1]) || is_digit(q[1]))) {
      p = q + 1;
      continue;
    }
    /* the tag must end at a list separator or the end */
    if (*q && *q != ',' && *q != ';' && *q != ' ' && *q != '\t' && *q != '"' &&
        *q != '\'' && *q != '-' && *q != '_' && *q != '\n' && *q != '\r')
      return NULL;
    break;
  }
  out[o] = '\0';
  if (!strncmp(out, "und", 3) || !strncmp(out, "mul", 3) || !strncmp(out, "zxx", 3) ||
      !strcmp(out, "xx") || !strncmp(out, "xx-", 3) || !strncmp(out, "qaa", 3))
    return NULL;
  return cc_arena_strndup(a, out, o);
}
