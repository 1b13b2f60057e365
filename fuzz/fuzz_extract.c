/* fuzz_extract.c — the whole library on one input: cc_extract with options,
 * a charset hint, a page URL and limits decoded from the first 8 bytes,
 * then every accessor and cc_render in every format, and cc_render_to with
 * render options (which must stream the same bytes). Small depth/node
 * limits are drawn often, so the flattening and refusal paths are hit. */
#include <stdlib.h>
#include <string.h>

#include "../include/clipclean.h"
#include "fuzz.h"

static const char *const hints[] = {
    NULL, "utf-8", "windows-1252", "iso-8859-1", "utf-16le", "utf-16be", "utf-16",
    "shift_jis", "euc-jp", "gb18030", "big5", "koi8-r", "x-no-such-charset", "",
    "UTF-8 ", "latin1", "iso-2022-jp", "utf-32"};
static const char *const urls[] = {
    NULL, "https://example.com/a/b/c.html?q=1#f", "http://example.org", "relative/path",
    "https://user:pw@host:8080/", "javascript:alert(1)", "", "//proto.relative/x"};

typedef struct stream {
  const char *want; /* cc_render_with's output */
  size_t len, at;
} stream;

static int same(const char *d, size_t n, void *ud) {
  stream *s = ud;
  if (s->want && (s->at + n > s->len || memcmp(s->want + s->at, d, n))) abort();
  s->at += n;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  cc_options o;
  cc_options_init(&o);
  uint8_t b0 = fuzz_byte(&in), b1 = fuzz_byte(&in), b2 = fuzz_byte(&in);
  o.flags = b0 & 0x3f;
  o.input_format = (cc_input_format)(b1 % 3);
  o.parser = (b1 >> 2) % 8 == 0 ? CC_PARSER_LIBXML2 : CC_PARSER_GUMBO;
  o.charset_hint = fuzz_pick(&in, hints, FUZZ_COUNT(hints));
  o.url = fuzz_pick(&in, urls, FUZZ_COUNT(urls));
  switch (b2 & 7) { /* mostly defaults; sometimes tiny limits */
  case 1: o.max_depth = 1 + fuzz_byte(&in) % 16; break;
  case 2: o.max_nodes = 1 + fuzz_byte(&in) * 4u; break;
  case 3: o.max_output_bytes = 1 + fuzz_byte(&in) * 16u; break;
  case 4: o.max_attrs = 1 + fuzz_byte(&in) % 8; break;
  case 5: o.max_depth = 0; o.max_nodes = 0; o.max_attrs = 0; o.max_output_bytes = 0; break;
  default: break;
  }
  uint64_t site[2] = {1, 0xffffffffffffffffull};
  if (b2 & 0x80) {
    o.site_boilerplate = site;
    o.site_boilerplate_count = 2;
  }
  cc_result *r = NULL;
  cc_error e;
  cc_status st = cc_extract((const char *)in.p, in.n, &o, &r, &e);
  if (st != CC_OK) {
    if (r || !e.message[0]) abort(); /* a failure must say why, and give nothing */
    return 0;
  }
  /* touch every accessor */
  size_t total = 0, nh = 0;
  const char *(*acc[])(const cc_result *) = {
      cc_result_title, cc_result_author, cc_result_date, cc_result_site_name,
      cc_result_language, cc_result_url, cc_result_description, cc_result_image,
      cc_result_charset, cc_result_input_kind, cc_result_text, cc_result_explain};
  for (size_t i = 0; i < FUZZ_COUNT(acc); i++) {
    const char *s = acc[i](r);
    if (s) total += strlen(s);
  }
  if (strlen(cc_result_text(r)) != cc_result_text_length(r)) abort();
  const uint64_t *h = cc_result_block_hashes(r, &nh);
  for (size_t i = 0; i < nh; i++) total += (size_t)(h[i] & 1);
  for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_JSON; f++) {
    size_t len = 0;
    char *out = cc_render(r, (cc_format)f, &len, &e);
    if (out) {
      if (out[len] != '\0') abort();
      if (o.max_output_bytes && len > o.max_output_bytes) abort();
      cc_free(out);
    }
  }
  for (size_t i = 0; i < cc_result_image_count(r); i++)
    total += strlen(cc_result_image_url(r, i)) + strlen(cc_result_image_alt(r, i));
  for (size_t i = 0; i < cc_result_link_count(r); i++)
    total += strlen(cc_result_link_url(r, i)) + strlen(cc_result_link_text(r, i));
  /* render options from the last bytes: streamed = whole */
  cc_render_options ro;
  cc_render_options_init(&ro);
  ro.flags = (b0 >> 3) & 7u; /* images, links, tables */
  if (b2 & 0x40) ro.max_output_bytes = 1 + (size_t)b1 * 64u;
  for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_JSON; f++) {
    size_t len = 0;
    char *out = cc_render_with(r, (cc_format)f, &ro, &len, &e);
    stream s = {out, len, 0};
    cc_status sst = cc_render_to(r, (cc_format)f, &ro, same, &s, &e);
    if (out && (sst != CC_OK || s.at != len)) abort();
    if (!out && sst == CC_OK) abort();
    cc_free(out);
  }
  cc_result_free(r);
  (void)total;
  return 0;
}
