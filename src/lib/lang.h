/* lang.h — which language and script a text is written in.
 *
 * Language identification from stopword profiles: each supported language
 * has a short list of its most frequent function words (our own lists, in
 * lang.c). A text's words, normalized like everywhere else (normalize.h),
 * vote for the languages whose list holds them; a word shared by several
 * languages splits its vote. Scripts are told from the code points: a
 * text mostly in Cyrillic, Greek, Arabic, Hebrew, Hangul, kana, Han,
 * Thai or Devanagari gets its language from the script (and, for
 * Cyrillic, from the stopwords of the Cyrillic languages).
 *
 * The text cleaner uses the per-word stopword masks for its "share of
 * stopwords in the document's language" feature and the script of each
 * word for its "foreign script" feature; the HTML path can call
 * cc_lang_detect() to fill the language when a page declares none.
 * Everything here is thread-safe; the tables are built once, on first use.
 */
#ifndef CC_LANG_H
#define CC_LANG_H

#include <stddef.h>
#include <stdint.h>

/* Writing systems, as the cleaner and the detector tell them apart. */
typedef enum cc_script {
  CC_SCRIPT_NONE = 0, /* digits, symbols: no letters */
  CC_SCRIPT_LATIN,
  CC_SCRIPT_CYRILLIC,
  CC_SCRIPT_GREEK,
  CC_SCRIPT_ARABIC,
  CC_SCRIPT_HEBREW,
  CC_SCRIPT_DEVANAGARI,
  CC_SCRIPT_THAI,
  CC_SCRIPT_HANGUL,
  CC_SCRIPT_KANA, /* hiragana and katakana */
  CC_SCRIPT_HAN,
  CC_SCRIPT_OTHER,
  CC_SCRIPT_COUNT
} cc_script;

/* The script of a code point (letters only; CC_SCRIPT_NONE otherwise). */
cc_script cc_script_of(uint32_t cp);

/* The script of a normalized token (cc_token.s, see normalize.h), from
 * its first character: Latin letters are ASCII after normalization. */
cc_script cc_script_of_token(const char *s, unsigned len);

/* Words as a reader counts them: runs of letters and digits (punctuation
 * inside a run does not split it: "don't", "e-mail"); in scripts written
 * without spaces (Han, kana), each character. */
size_t cc_word_count(const char *utf8, size_t len);

/* A short English name ("Latin", "Cyrillic", ...). */
const char *cc_script_name(cc_script s);

/* The languages with a stopword profile, as BCP 47 tags, in index order;
 * an index is a bit position in cc_lang_stopword_mask(). */
unsigned cc_lang_count(void);
const char *cc_lang_code(unsigned index);
/* The index of a tag ("fr", "en-GB" -> en, case-insensitive), or -1. */
int cc_lang_index(const char *tag);

/* The script a language we can identify is written in ("de": Latin,
 * "ja": kana); CC_SCRIPT_NONE for a language we cannot identify. */
cc_script cc_lang_script(const char *tag);

/* Bit i set when the normalized word with this hash (cc_token.hash) is a
 * stopword of language i. */
uint32_t cc_lang_stopword_mask(uint64_t word_hash);

/* Identifies the language of UTF-8 text: a BCP 47 tag ("fr", "en", "ru",
 * "zh", "ja"...; static storage) or NULL when the text is too short or
 * matches no profile. Reads at most the first 64 KiB, and stops counting
 * stopwords once one language has 100 votes and eight times any other's. */
const char *cc_lang_detect(const char *utf8, size_t len);

/* The same, but only when the text leaves no doubt (a script of its own,
 * or many stopwords of one language and few of any other): sure enough
 * to correct a page that declares another language. */
const char *cc_lang_detect_sure(const char *utf8, size_t len);

/* The same, also reporting the dominant script of the letters read. */
const char *cc_lang_detect_script(const char *utf8, size_t len, cc_script *script);

#endif
