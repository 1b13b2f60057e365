/* fuzz_content.c — what a worker does to raw input bytes before the library
 * sees them (src/cli/content.c): gzip, content sniffing and the MHTML
 * reader, with an output limit from the first byte (small limits exercise
 * the refusal paths), then cc_extract on the document, as the worker would
 * (the MHTML part's charset and URL passed on). */
#include <stdlib.h>
#include <string.h>

#include "../include/clipclean.h"
#include "../src/cli/content.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  uint8_t b = fuzz_byte(&in);
  size_t max = (b & 0x80) ? (size_t)(b & 0x7f) * 64 : (size_t)1 << 20;
  char err[256] = "";
  content c;
  memset(&c, 0, sizeof c);
  if (content_prepare((const char *)in.p, in.n, max, &c, err, sizeof err) == 0) {
    /* what it decoded (gzip, MHTML) stays within the limit; raw input is
     * the reader's to bound */
    if ((b & 0x80) && c.len > max && c.data != (const char *)in.p) abort();
    cc_options o;
    cc_options_init(&o);
    o.input_format = c.kind == CONTENT_TEXT ? CC_INPUT_TEXT : CC_INPUT_HTML;
    o.charset_hint = c.charset;
    o.url = c.url;
    cc_result *r = NULL;
    if (cc_extract(c.data, c.len, &o, &r, NULL) == CC_OK) cc_result_free(r);
  } else if (!err[0]) {
    abort(); /* a refusal must say why */
  }
  content_free(&c);
  return 0;
}
