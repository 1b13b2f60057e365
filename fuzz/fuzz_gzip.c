/* fuzz_gzip.c — the CLI's gzip reader (cli_gunzip in src/cli/io.c) on
 * arbitrary bytes, with an output limit from the first byte (small limits
 * exercise the refusal path), then the decompressed page through
 * cc_extract as the CLI would. */
#include <stdlib.h>

#include "../include/clipclean.h"
#include "../src/cli/io.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  uint8_t b = fuzz_byte(&in);
  size_t max = (b & 0x80) ? (size_t)(b & 0x7f) * 64 : (size_t)1 << 20;
  char err[256], *out = NULL;
  size_t len = 0;
  if (cli_gunzip((const char *)in.p, in.n, max, &out, &len, err, sizeof err, "fuzz") == 0) {
    if (len > max || out[len] != '\0') abort();
    cc_result *r = NULL;
    if (cc_extract(out, len, NULL, &r, NULL) == CC_OK) cc_result_free(r);
    free(out);
  } else if (!err[0]) {
    abort();
  }
  return 0;
}
