/* mojibake.c — double-encoded UTF-8 put back (see mojibake.h).
 *
 * Owns the windows-1252 table of the characters at 0x80..0x9F (a fact of
 * that encoding) read backwards, and the two passes: one counts the
 * sequences that spell UTF-8 and the other non-ASCII characters, the
 * second, when the first says so, writes each sequence's bytes. */
#include "mojibake.h"

#include <stdint.h>
#include <string.h>

/* The code point at p (valid UTF-8), its length in *n; an invalid byte is
 * read as itself, one byte long. */
static uint32_t cp_at(const unsigned char *p, const unsigned char *e, size_t *n) {
  unsigned c = p[0];
  size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (!k || (size_t)(e - p) < k) {
    *n = 1;
    return c;
  }
  uint32_t v = k == 1 ? c : k == 2 ? c & 0x1F : k == 3 ? c & 0x0F : c & 0x07;
  for (size_t i = 1; i < k; i++) {
    if ((p[i] & 0xC0) != 0x80) {
      *n = 1;
      return c;
    }
    v = v << 6 | (p[i] & 0x3F);
  }
  *n = k;
  return v;
}

/* windows-1252's characters at 0x80..0x9F, by byte (0: none there). */
static const uint16_t w1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* The byte 0x80..0xBF a code point stands for when UTF-8 was read as
 * Latin-1 or windows-1252, or -1. */
static int cont_byte(uint32_t cp) {
  if (cp >= 0x80 && cp <= 0xBF) return (int)cp;
  if (cp < 0x100) return -1;
  for (int i = 0; i < 32; i++)
    if (w1252[i] == cp) return 0x80 + i;
  return -1;
}

/* A double-encoded character at p: its bytes into b (up to 4), their count
 * returned, the input it spans in *span; 0 when p holds none. */
static size_t sequence_at(const unsigned char *p, const unsigned char *e, unsigned char *b,
                          size_t *span) {
  size_t n;
  uint32_t lead = cp_at(p, e, &n);
  if (lead < 0xC2 || lead > 0xF4) return 0;
  size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
  const unsigned char *q = p + n;
  b[0] = (unsigned char)lead;
  for (size_t i = 1; i <= need; i++) {
    if (q >= e) return 0;
    int c = cont_byte(cp_at(q, e, &n));
    if (c < 0) return 0;
    b[i] = (unsigned char)c;
    q += n;
  }
  /* what UTF-8 forbids after these leads: overlong forms, surrogates,
   * code points past U+10FFFF */
  if ((lead == 0xE0 && b[1] < 0xA0) || (lead == 0xED && b[1] > 0x9F) ||
      (lead == 0xF0 && b[1] < 0x90) || (lead == 0xF4 && b[1] > 0x8F))
    return 0;
  *span = (size_t)(q - p);
  return need + 1;
}

int cc_mojibake_repair(cc_arena *a, const char *in, size_t len, char **out, size_t *outlen) {
  const unsigned char *p = (const unsigned char *)in, *e = p + len;
  unsigned char b[4];
  size_t seqs = 0, others = 0, span, n;
  while (p < e) {
    if (*p < 0x80) {
      p++;
    } else if (sequence_at(p, e, b, &span)) {
      seqs++;
      p += span;
    } else {
      others++;
      cp_at(p, e, &n);
      p += n;
    }
  }
  if (seqs < CC_MOJIBAKE_MIN || seqs <= others) return 0;
  char *o = cc_arena_alloc(a, len + 1);
  size_t k = 0;
  for (p = (const unsigned char *)in; p < e;) {
    size_t m = *p < 0x80 ? 0 : sequence_at(p, e, b, &span);
    if (m) {
      memcpy(o + k, b, m);
      k += m;
      p += span;
    } else {
      n = 1;
      if (*p >= 0x80) cp_at(p, e, &n);
      memcpy(o + k, p, n);
      k += n;
      p += n;
    }
  }
  o[k] = '\0';
  *out = o;
  *outlen = k;
  return 1;
}
