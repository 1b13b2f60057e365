/* fuzz_print.c — what the command line prints and records of outside
 * strings (file names, URLs, servers' words): the terminal-safe form
 * (sbuf_put_printable), the jsonl record of an input (record_error: its
 * source, source_hex and message) and URLs shown without their
 * credentials (url_without_userinfo). The first byte picks the flags; the
 * rest is split at the first newline into a name and a message. Checks:
 * printed text is valid UTF-8 without control characters or text-
 * reordering controls; a record is one line of strict JSON (jansson, which
 * refuses lone surrogates) whose source_hex gives the name back; a shown
 * URL has no userinfo left. */
#include <jansson.h>
#include <stdlib.h>

#include "../src/cli/record.h"
#include "../src/cli/url.h"
#include "../src/cli/util.h"
#include "fuzz.h"

static void check_printable(const sbuf *b, int lines) {
  const unsigned char *s = (const unsigned char *)b->data;
  for (size_t i = 0; i < b->len;) {
    unsigned c = s[i];
    size_t k = utf8_seq(s + i, b->len - i);
    if (!k) abort(); /* not UTF-8 */
    if (c < 0x20 && !(lines && c == '\n')) abort();
    if (c == 0x7f) abort();
    if (k == 2 && c == 0xc2 && s[i + 1] < 0xa0) abort();                   /* C1 */
    if (k == 3 && c == 0xe2 && s[i + 1] == 0x80 && (s[i + 2] == 0x8e || s[i + 2] == 0x8f ||
                                                     (s[i + 2] >= 0xa8 && s[i + 2] <= 0xae)))
      abort(); /* marks, separators, embeddings, overrides */
    if (k == 3 && c == 0xe2 && s[i + 1] == 0x81 && s[i + 2] >= 0xa6 && s[i + 2] <= 0xa9) abort();
    i += k;
  }
}

static int hexv(int c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

static void check_record(const char *name, const char *msg) {
  sbuf r = {0};
  record_error(&r, name, msg);
  if (!r.len || r.data[r.len - 1] != '\n' || memchr(r.data, '\n', r.len - 1)) abort();
  json_error_t e;
  json_t *j = json_loadb(r.data, r.len, JSON_REJECT_DUPLICATES, &e);
  if (!j) abort(); /* not strict JSON */
  json_t *hex = json_object_get(j, "source_hex");
  if (hex) { /* the exact name, back */
    const char *h = json_string_value(hex);
    size_t n = strlen(name);
    if (!h || strlen(h) != 2 * n) abort();
    for (size_t i = 0; i < n; i++)
      if ((unsigned char)name[i] != hexv(h[2 * i]) * 16 + hexv(h[2 * i + 1])) abort();
  } else if (strcmp(json_string_value(json_object_get(j, "source")), name)) {
    abort(); /* valid UTF-8: source is the name itself */
  }
  json_decref(j);
  sbuf_free(&r);
}

static void check_url(const char *s) {
  char *u = url_without_userinfo(s);
  const char *a = strstr(u, "://");
  if (a) {
    a += 3;
    size_t k = strcspn(a, "/?#");
    if (memchr(a, '@', k)) abort();
  }
  url_parts p;
  const char *why;
  if (url_parse(u, &p, &why) == 0 && p.userinfo) abort();
  free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  uint8_t flags = fuzz_byte(&in);
  char *s = malloc(in.n + 1);
  if (!s) return 0;
  memcpy(s, in.p, in.n);
  s[in.n] = '\0';
  char *nl = memchr(s, '\n', in.n);
  const char *name = s, *msg = nl ? nl + 1 : "failed";
  if (nl) *nl = '\0';
  size_t nlen = strlen(name);
  sbuf b = {0};
  sbuf_put_printable(&b, name, nlen, flags & 1);
  check_printable(&b, flags & 1);
  sbuf_free(&b);
  sbuf_put_printable(&b, s, in.n, 1); /* NULs and all */
  check_printable(&b, 1);
  sbuf_free(&b);
  check_record(name, msg);
  check_url(name);
  free(s);
  return 0;
}
