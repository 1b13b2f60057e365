/* phrases.h — boilerplate recognised by its wording.
 *
 * The phrase lists (cookie consent, donation appeals, newsletter and
 * subscription prompts, follow/share prompts, "read also" teasers,
 * comment and login notices, photo credits...) are data, in one place
 * (phrases.txt, compiled in), per language. Matching is on normalized text
 * (casefolded, accents stripped, punctuation and whitespace collapsed), so
 * "À LIRE AUSSI" and "a lire aussi" are the same. Both the HTML filter and
 * the text cleaner use it.
 */
#ifndef CC_PHRASES_H
#define CC_PHRASES_H

#include <stddef.h>

typedef enum cc_phrase_category {
  CC_PH_CONSENT = 0, /* cookie / consent banners */
  CC_PH_DONATE,      /* donation and support appeals */
  CC_PH_NEWSLETTER,  /* newsletter and subscription prompts */
  CC_PH_SOCIAL,      /* follow / share prompts */
  CC_PH_RELATED,     /* read also, related articles */
  CC_PH_COMMENTS,    /* comment notices: closed, rules, count */
  CC_PH_LOGIN,       /* log in / create an account prompts */
  CC_PH_CREDIT,      /* photo credits and caption markers */
  CC_PH_AD,          /* advertisement labels */
  CC_PH_UI,          /* interface strings: loader, menu, skip to content */
  CC_PH_COUNT
} cc_phrase_category;

typedef struct cc_phrase_scan {
  unsigned words;      /* words in the text */
  unsigned covered;    /* words inside matched phrases */
  unsigned hits;       /* phrases matched */
  unsigned categories; /* bit (1u << category) per category matched */
  int first;           /* category of the first match, -1 when none */
  int strong;          /* strong phrases matched (a strong phrase alone
                          condemns a block of moderate length); 0: none */
} cc_phrase_scan;

/* Builds the phrase table on first use; 0 when there was no memory for it
 * (then nothing matches: cc_extract refuses to run without it). */
int cc_phrases_ready(void);

/* Scans UTF-8 text for boilerplate phrases. Thread-safe. */
void cc_phrases_scan(const char *utf8, size_t len, cc_phrase_scan *out);

/* The decision both filters share: is a block with this text and scan
 * result boilerplate? */
int cc_phrases_is_boilerplate(const cc_phrase_scan *s);

/* A short English reason for a category ("cookie consent", "donation
 * appeal"...); "boilerplate phrase" for anything else (e.g. -1). */
const char *cc_phrase_category_name(int category);

/* The compiled data, for tests and reports: how many phrases a category
 * (-1: any) has in a language (NULL: any). */
unsigned cc_phrases_count(int category, const char *lang);

/* Lines of phrases.txt that could not be used (unknown category, bad flag,
 * empty phrase, too long, a duplicate within its language); the first
 * one's line number and reason go to msg (cap bytes) when msg is given. */
unsigned cc_phrases_errors(char *msg, size_t cap);

#endif
