/* fuzz_fetch_text.c — what the fetch module reads from the network and
 * the user before libcurl: HTTP header values (Content-Type, Retry-After)
 * and URLs (parsing, host and duplicate keys, output names, the request
 * form, --urls list lines). The first byte picks what; the rest is the
 * value. Checks the documented shapes of the results, not just crashes. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/cli/http.h"
#include "../src/cli/url.h"
#include "fuzz.h"

static void check_name(const char *name) {
  /* an output name is a slug of [a-z0-9-] plus "-" and 8 hex digits */
  size_t n = strlen(name);
  if (n < 9 || n > 80 + 9 + 1) abort();
  for (size_t i = 0; i < n; i++) {
    char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  uint8_t mode = fuzz_byte(&in);
  char *s = malloc(in.n + 1);
  if (!s) return 0;
  memcpy(s, in.p, in.n);
  s[in.n] = '\0';
  switch (mode % 3) {
  case 0: { /* header values */
    char type[64], cs[48];
    http_content_type(s, type, 1 + mode % sizeof type, cs, 1 + (mode >> 2) % sizeof cs);
    http_classify(type);
    double w = http_retry_after(s, (time_t)1700000000);
    if (w != w) abort(); /* never NaN */
    break;
  }
  case 1: { /* a URL */
    url_parts p;
    const char *why = NULL;
    if (url_parse(s, &p, &why) == 0) {
      if (!p.host || !p.host_len) abort();
      char *k = url_key(s), *h = url_host_key(s), *name = url_output_name(s),
           *req = url_request_form(s);
      if (!k || !h || !name || !req) abort();
      check_name(name);
      /* the wire form is ASCII after the host (an IDN host is libcurl's
       * to convert) */
      const char *after = strstr(req, "://");
      after = after ? after + 3 : req;
      after += strcspn(after, "/?#");
      for (const char *q = after; *q; q++)
        if ((unsigned char)*q >= 0x80) abort();
      free(k), free(h), free(name), free(req);
    } else if (!why) {
      abort();
    }
    url_is_remote(s);
    url_has_scheme(s);
    break;
  }
  default: { /* a --urls list line */
    char *url = NULL;
    const char *why = NULL;
    int r = url_list_line(s, &url, &why);
    if (r == 1 && (!url || !url_is_remote(url))) abort();
    if (r == -1 && (!url || !why)) abort();
    break;
  }
  }
  free(s);
  return 0;
}
