/* slug.h — file names made from a clipping's title (-O DIR --name title):
 * "The Budget Vote, Delayed Again!" becomes "the-budget-vote-delayed-again",
 * "2025-02-04-the-budget-vote-delayed-again" with the date first. */
#ifndef CCCLI_SLUG_H
#define CCCLI_SLUG_H

#include <stddef.h>

/* How -O names its files (--name). */
enum { NAME_PATH = 0, NAME_TITLE, NAME_DATE_TITLE };

/* Longest slug, in bytes (before the extension and a "-2" suffix). */
#define SLUG_MAX 80

/* A readable file stem from a title (UTF-8): letters lowercased (ASCII,
 * Latin-1, Latin Extended-A, Greek, Cyrillic), letters of other scripts
 * and digits kept as they are, apostrophes dropped, everything else
 * (spaces, punctuation, the characters file systems refuse) a single '-',
 * none at either end; cut at a word boundary within SLUG_MAX bytes. With a
 * date (its first 10 characters, YYYY-MM-DD), that date and '-' come
 * first. Returns a malloc'd string, or NULL when the title leaves nothing
 * (no title, or only punctuation). */
char *slug_of(const char *title, const char *date);

#endif
