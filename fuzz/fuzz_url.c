/* fuzz_url.c — URL handling: the first line of the input is the base, the
 * rest the reference; checks cc_url_resolve, cc_url_is_http and
 * cc_url_host on both and on the result. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  uint8_t mode = fuzz_byte(&in);
  char base[2048];
  fuzz_line(&in, base, sizeof base);
  char *ref = malloc(in.n + 1);
  if (!ref) return 0;
  memcpy(ref, in.p, in.n);
  ref[in.n] = '\0';
  cc_arena a;
  cc_arena_init(&a);
  char *r = cc_url_resolve(&a, (mode & 1) ? NULL : base, ref);
  char host[256];
  cc_url_is_http(base);
  cc_url_host(base, host, sizeof host);
  cc_url_host(ref, host, 1 + mode % 16); /* small buffers too */
  if (r) {
    cc_url_is_http(r);
    if (cc_url_host(r, host, sizeof host) && strlen(host) >= sizeof host) abort();
    /* resolving an absolute result against anything gives it back usable */
    cc_url_resolve(&a, r, r);
  }
  cc_arena_free(&a);
  free(ref);
  return 0;
}
