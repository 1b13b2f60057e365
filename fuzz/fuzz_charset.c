/* fuzz_charset.c — charset detection and conversion: cc_charset_pre and
 * cc_charset_decode with a transport hint, a <meta> label and an <?xml?>
 * label taken from the first three lines of the input, then the rest of
 * the input as the document; also cc_charset_convert to a chosen charset,
 * cc_charset_canonical on the labels and cc_utf8_check on the output. */
#include <stdlib.h>

#include "arena.h"
#include "charset.h"
#include "fuzz.h"

static const char *const names[] = {"utf-8", "windows-1252", "iso-8859-2", "utf-16le",
                                    "utf-16be", "shift_jis", "euc-kr", "gb18030",
                                    "big5", "koi8-r", "x-user-defined", "replacement"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  char hint[48], meta[48], xml[48];
  uint8_t mode = fuzz_byte(&in);
  fuzz_line(&in, hint, sizeof hint);
  fuzz_line(&in, meta, sizeof meta);
  fuzz_line(&in, xml, sizeof xml);
  cc_arena a;
  cc_arena_init(&a);
  const char *doc = (const char *)in.p;
  size_t len = in.n;
  cc_charset_info info = {0};
  char *out = NULL;
  size_t outlen = 0;
  const char *h = (mode & 1) ? hint : NULL;
  if (!cc_charset_pre(&a, doc, len, h, &out, &outlen, &info)) {
    cc_charset_decode(&a, doc, len, h, (mode & 2) ? meta : NULL, (mode & 4) ? xml : NULL,
                      &out, &outlen, &info);
  }
  if (!out || !info.name) abort();
  cc_utf8_check(out, outlen, NULL);
  char *conv = NULL;
  size_t convlen = 0;
  cc_charset_convert(&a, doc, len, names[(mode >> 3) % FUZZ_COUNT(names)], &conv, &convlen);
  if (conv) cc_utf8_check(conv, convlen, NULL);
  cc_charset_canonical(hint);
  cc_charset_canonical(meta);
  cc_arena_free(&a);
  return 0;
}
