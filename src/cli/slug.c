/* slug.c — file names from titles (see slug.h). Owns the decision of which
 * characters a name keeps: letters and digits of any script; apostrophes
 * vanish ("don't" -> "dont"); every other run of characters (spaces,
 * punctuation, symbols, emoji, the bytes of invalid UTF-8, and / \ : * ? "
 * < > | that some file system refuses) becomes one '-'. */
#include "slug.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one UTF-8 character at s (n bytes left); *len gets its length
 * (1 for an invalid byte, which decodes as 0xFFFD). */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *len) {
  uint32_t c = s[0];
  size_t k = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
           : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (!k || k > n) {
    *len = 1;
    return 0xFFFD;
  }
  if (k > 1) c &= 0x7f >> k;
  for (size_t i = 1; i < k; i++) {
    if ((s[i] & 0xc0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    c = (c << 6) | (s[i] & 0x3f);
  }
  *len = k;
  return c;
}

/* Non-ASCII code points that are punctuation, symbols or marks of layout,
 * not letters: they separate words. */
static int separator(uint32_t c) {
  if (c < 0xc0) return c != 0xaa && c != 0xb5 && c != 0xba; /* Latin-1 signs */
  return c == 0xd7 || c == 0xf7 || (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) ||
         (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xfe00 && c <= 0xfe4f) ||
         (c >= 0xff00 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
         (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) || c == 0xfffd ||
         (c >= 0x1f000 && c <= 0x1faff);
}

/* The lowercase of a capital in the Latin-1, Latin Extended-A, Greek and
 * Cyrillic blocks (the scripts whose titles are written in capitals);
 * other code points as they are. */
static uint32_t lower_cp(uint32_t c) {
  if ((c >= 0xc0 && c <= 0xde && c != 0xd7) || (c >= 0x391 && c <= 0x3ab && c != 0x3a2) ||
      (c >= 0x410 && c <= 0x42f))
    return c + 0x20;
  if (c >= 0x400 && c <= 0x40f) return c + 0x50;
  if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x138 && c != 0x149 && c != 0x17f) {
    int odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
    if (odd_upper ? (c & 1) : !(c & 1)) return c + 1;
  }
  return c;
}

static size_t put_cp(char *o, uint32_t c) {
  if (c < 0x80) return o[0] = (char)c, 1;
  if (c < 0x800) return o[0] = (char)(0xc0 | (c >> 6)), o[1] = (char)(0x80 | (c & 0x3f)), 2;
  if (c < 0x10000) {
    o[0] = (char)(0xe0 | (c >> 12));
    o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
    o[2] = (char)(0x80 | (c & 0x3f));
    return 3;
  }
  o[0] = (char)(0xf0 | (c >> 18));
  o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
  o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
  o[3] = (char)(0x80 | (c & 0x3f));
  return 4;
}

/* Names Windows reserves whatever their extension. */
static int reserved(const char *s, size_t n) {
  static const char *const names[] = {"con", "prn", "aux", "nul"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (n == 3 && !memcmp(s, names[i], 3)) return 1;
  return n == 4 && (!memcmp(s, "com", 3) || !memcmp(s, "lpt", 3)) && s[3] >= '1' && s[3] <= '9';
}

char *slug_of(const char *title, const char *date) {
  if (!title) return NULL;
  char buf[SLUG_MAX + 16];
  size_t o = 0, cut = 0; /* cut: the end of the last whole word */
  int dash = 0, truncated = 0;
  const unsigned char *p = (const unsigned char *)title;
  size_t n = strlen(title);
  for (size_t i = 0; i < n;) {
    size_t l;
    uint32_t c = next_cp(p + i, n - i, &l);
    int keep = c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9')
                        : !separator(c);
    if (c == '\'' || c == 0x2019) { /* don't -> dont */
      i += l;
      continue;
    }
    if (!keep) {
      dash = o > 0;
      i += l;
      continue;
    }
    if (o + (dash ? 1 : 0) + l > SLUG_MAX) {
      truncated = 1;
      break;
    }
    if (dash) {
      cut = o;
      buf[o++] = '-';
      dash = 0;
    }
    if (c < 0x80) buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    else o += put_cp(buf + o, lower_cp(c)); /* never longer than l */
    i += l;
  }
  /* cut off mid-word: end at the last whole word when there is one */
  if (truncated && cut) o = cut;
  if (!o) return NULL;
  int prefix = date && strlen(date) >= 10 && date[4] == '-' && date[7] == '-';
  int guard = !prefix && reserved(buf, o);
  char *s = malloc(o + 16);
  if (!s) return NULL;
  size_t k = 0;
  if (prefix) {
    memcpy(s, date, 10);
    s[10] = '-';
    k = 11;
  } else if (guard) {
    s[k++] = '_';
  }
  memcpy(s + k, buf, o);
  s[k + o] = '\0';
  return s;
}
