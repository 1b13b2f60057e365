/* fuzz_strip.c — the lexical pre-pass (cc_strip_bounded) with small
 * bounds drawn from the first 3 bytes, checked against its promise: the
 * tree gumbo builds from its output is no deeper than about twice the
 * depth bound (the model may under-count only the elements the parser
 * adds on its own: tbody/tr, reconstructed formatting elements). */
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "fuzz.h"
#include "strip.h"

static unsigned max_depth_of(const GumboNode *root) {
  /* iterative walk with parent/index links */
  unsigned depth = 0, best = 0, idx = 0;
  const GumboNode *g = root;
  for (;;) {
    const GumboVector *ch = g->type == GUMBO_NODE_DOCUMENT  ? &g->v.document.children
                            : g->type == GUMBO_NODE_ELEMENT ? &g->v.element.children
                            : g->type == GUMBO_NODE_TEMPLATE ? &g->v.element.children
                                                             : NULL;
    if (ch && idx < ch->length) {
      g = ch->data[idx];
      idx = 0;
      if (++depth > best) best = depth;
      continue;
    }
    if (g == root) break;
    idx = (unsigned)g->index_within_parent + 1;
    g = g->parent;
    depth--;
  }
  return best;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  cc_strip_limits lim;
  lim.max_depth = 2 + fuzz_byte(&in) % 24;
  lim.max_formatting = 1 + fuzz_byte(&in) % 6;
  lim.max_attrs = 1 + fuzz_byte(&in) % 6;
  cc_arena a;
  cc_arena_init(&a);
  cc_strip_result r;
  cc_strip_bounded(&a, (const char *)in.p, in.n, &lim, &r);
  if (r.len > in.n || r.out[r.len] != '\0') abort();
  GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, r.out, r.len);
  /* html/head/body, then at most 2x (model depth + formatting) + slack */
  unsigned bound = 3 + 2 * (lim.max_depth + lim.max_formatting) + 8;
  unsigned d = max_depth_of(g->document);
  if (getenv("CC_FUZZ_VERBOSE")) fprintf(stderr, "depth %u bound %u\n", d, bound);
  if (d > bound) {
    fprintf(stderr, "depth %u over the bound %u (max_depth %u, formatting %u)\n", d, bound,
            lim.max_depth, lim.max_formatting);
    abort();
  }
  gumbo_destroy_output(&kGumboDefaultOptions, g);
  cc_arena_free(&a);
  return 0;
}
