/* phrases.c — placeholder matcher until the phrase data lands. */
#include "phrases.h"

#include <string.h>

void cc_phrases_scan(const char *utf8, size_t len, cc_phrase_scan *out) {
  (void)utf8;
  (void)len;
  memset(out, 0, sizeof *out);
  out->first = -1;
}

int cc_phrases_is_boilerplate(const cc_phrase_scan *s) { return s->hits > 0; }

const char *cc_phrase_category_name(int category) {
  (void)category;
  return "boilerplate phrase";
}
