/* fuzz_content.c — what the library does to the raw bytes of a saved page
 * before extracting (src/lib/page.c: gzip, content sniffing and the MHTML
 * reader), with an output limit from the first byte (small limits
 * exercise the refusal paths), then cc_extract_page on the same bytes with
 * that limit, as the command-line tool's workers call it. */
#include <stdlib.h>
#include <string.h>

#include "../include/clipclean.h"
#include "../src/lib/oom.h"
#include "../src/lib/page.h"
#include "fuzz.h"

/* Unpacks as cc_extract_page does, under a guard of its own (no
 * allocation here may fail); checks the limit and the message. */
static cc_status unpack(const fuzz_in *in, size_t max, int small) {
  char err[256] = "";
  cc_guard g;
  if (CC_GUARD(&g)) abort();
  cc_arena a;
  cc_arena_init(&a);
  cc_page p;
  cc_status st = cc_page_unpack(&a, (const char *)in->p, in->n, max, &p, err, sizeof err);
  if (st == CC_OK) {
    /* what it decoded (gzip, MHTML) stays within the limit; raw input is
     * the reader's to bound */
    if (small && p.len > max && p.data != (const char *)in->p) abort();
  } else if (!err[0]) {
    abort(); /* a refusal must say why */
  }
  cc_arena_free(&a);
  cc_guard_end(&g);
  return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  uint8_t b = fuzz_byte(&in);
  size_t max = (b & 0x80) ? (size_t)(b & 0x7f) * 64 : (size_t)1 << 20;
  cc_status st = unpack(&in, max, b & 0x80);
  cc_options o;
  cc_options_init(&o);
  o.max_input_bytes = max;
  cc_result *r = NULL;
  cc_error e;
  cc_status st2 = cc_extract_page((const char *)in.p, in.n, &o, &r, &e);
  if (max && st != CC_OK && st2 != st) abort(); /* the entry point refuses alike */
  cc_result_free(r);
  return 0;
}
