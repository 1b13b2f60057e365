/* normalize.h — text normalized for matching, and its words.
 *
 * Turns UTF-8 text into a stream of normalized tokens: lowercase, accents
 * stripped (é→e, ß→ss, æ→ae, œ→oe, ø→o, ł→l...), Greek and Cyrillic
 * lowercased (Greek tonos dropped, Cyrillic ё→е), apostrophes, quotes,
 * dashes and all other punctuation acting as word separators, so
 * "L’ARTICLE" and "l'article" both give the words "l" "article".
 * Letters of other scripts pass through unchanged. Two things survive as
 * one-character symbol tokens because boilerplate is told by them: the
 * copyright sign "©" and a dash standing alone between spaces ("-", as in
 * "caption - Agency"). Combining marks, soft hyphens and zero-width
 * characters vanish without splitting the word. A word is split where a
 * lowercase letter meets an uppercase one followed by a lowercase one,
 * after at least two letters, as text glued from adjacent elements reads
 * "surTelegram" or "AccepterTout" ("iPhone" and "watchOS" stay whole;
 * "WhatsApp" becomes two words).
 *
 * The phrase matcher (phrases.c) and the text cleaner share this, so both
 * see the same words. No allocation: the iterator holds the current word.
 */
#ifndef CC_NORMALIZE_H
#define CC_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

/* Longest normalized token kept as text; longer ones are truncated in
 * cc_token.s (the hash still covers the whole token). */
#define CC_NORM_WORD_MAX 64

typedef enum cc_token_kind {
  CC_TOK_WORD = 0, /* letters, possibly with digits: "alep", "24h" */
  CC_TOK_NUM,      /* digits only: "2016" */
  CC_TOK_SYM       /* "©" or a lone dash "-" */
} cc_token_kind;

typedef struct cc_token {
  const char *s;   /* normalized text, NUL-terminated; valid until the next
                      cc_words_next() on the same iterator */
  unsigned len;    /* bytes in s */
  unsigned kind;   /* cc_token_kind */
  uint64_t hash;   /* cc_norm_hash() of the whole normalized token */
  size_t start;    /* byte offset of the token's first byte in the input */
  size_t end;      /* byte offset just past its last byte */
} cc_token;

typedef struct cc_words {
  const unsigned char *base, *p, *end;
  int ws; /* the character before p was whitespace (or p is the start) */
  char buf[CC_NORM_WORD_MAX];
} cc_words;

/* Starts iterating the tokens of len bytes of UTF-8 (invalid bytes act as
 * separators). */
void cc_words_init(cc_words *it, const char *utf8, size_t len);

/* Fills *t with the next token; returns 0 at the end of the text. */
int cc_words_next(cc_words *it, cc_token *t);

/* The hash of an already normalized token (what cc_token.hash holds):
 * 64-bit FNV-1a. Wide enough that the matcher compares hashes only. */
static inline uint64_t cc_norm_hash(const char *s, size_t len) {
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

/* Writes the normalized tokens of the input, separated by single spaces
 * and NUL-terminated, into out (cap bytes, cap >= 1); stops before a token
 * that would not fit. Returns the length written. */
size_t cc_normalize(const char *utf8, size_t len, char *out, size_t cap);

/* The letters and digits of n bytes of s, ASCII lowercased, every other
 * ASCII byte dropped and non-ASCII bytes kept as they are: a cheap key to
 * compare a heading with a title or find a sentence in a block. Writes at
 * most cap-1 bytes and a NUL; returns the length. */
size_t cc_squash(const char *s, size_t n, char *out, size_t cap);

#endif
