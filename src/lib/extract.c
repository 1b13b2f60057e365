/* extract.c — the extraction entry point: reads the caller's options
 * (their size says which fields the caller knows), runs the pipeline
 * stages in order under an out-of-memory guard and fills the cc_result;
 * enforces the options' limits (clamped to hard ceilings) and the time
 * budget between stages. Also the small API functions (versions, status
 * names, format names). */
#include <jansson.h>
#include <libxml/parser.h> /* xmlParserVersion */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "charset.h"
#include "lang.h"
#include "marks.h"
#include "meta.h"
#include "mojibake.h"
#include "oom.h"
#include "parse.h"
#include "phrases.h"
#include "pipeline.h"
#include "preclean.h"
#include "render.h"
#include "result.h"
#include "sniff.h"
#include <zlib.h>

/* Hard ceilings on the options (docs/hostile-input.md): beyond them the
 * parser's per-token work (proportional to depth) or the renderers'
 * recursion over nesting (bounded by depth) would no longer be cheap. */
#define HARD_MAX_DEPTH 1024u
#define HARD_MAX_NODES ((size_t)1 << 31) /* node ids are 32-bit */
#define HARD_MAX_INPUT ((size_t)1 << 30)

uint64_t cc_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The options as the pipeline uses them: zero means "no limit of its own",
 * and every limit is clamped to its hard ceiling. */
static void clamp_options(const cc_options *in, cc_options *o) {
  *o = *in;
  if (!o->max_depth || o->max_depth > HARD_MAX_DEPTH) o->max_depth = HARD_MAX_DEPTH;
  if (!o->max_nodes || o->max_nodes > HARD_MAX_NODES) o->max_nodes = HARD_MAX_NODES;
  if (!o->max_input_bytes || o->max_input_bytes > HARD_MAX_INPUT)
    o->max_input_bytes = HARD_MAX_INPUT;
  if (!o->max_attrs || o->max_attrs > CC_STRIP_MAX_ATTRS) o->max_attrs = CC_STRIP_MAX_ATTRS;
}

const char *cc_version(void) { return CC_VERSION_STRING; }

#ifndef CC_GUMBO_VERSION
#define CC_GUMBO_VERSION "unknown"
#endif
#ifndef CC_UCHARDET_VERSION
#define CC_UCHARDET_VERSION "unknown"
#endif

static char build_info[256];
static pthread_once_t build_info_once = PTHREAD_ONCE_INIT;

static void make_build_info(void) {
  /* libxml2 says "20914" for 2.9.14 */
  long x = strtol(xmlParserVersion, NULL, 10);
  snprintf(build_info, sizeof build_info,
           "gumbo %s, libxml2 %ld.%ld.%ld, uchardet %s, jansson %s, zlib %s", CC_GUMBO_VERSION,
           x / 10000, x / 100 % 100, x % 100, CC_UCHARDET_VERSION, jansson_version_str(),
           zlibVersion());
}

const char *cc_build_info(void) {
  pthread_once(&build_info_once, make_build_info);
  return build_info;
}

const char *cc_strerror(cc_status st) {
  switch (st) {
  case CC_OK: return "success";
  case CC_ERR_ARGS: return "invalid argument";
  case CC_ERR_NOMEM: return "out of memory";
  case CC_ERR_TOO_LARGE: return "input exceeds a size limit";
  case CC_ERR_PARSE: return "parse failure";
  case CC_ERR_CHARSET: return "charset conversion failed";
  case CC_ERR_NOT_HTML: return "not a text document";
  case CC_ERR_TIMEOUT: return "time budget exceeded";
  case CC_ERR_EMPTY: return "no content";
  case CC_ERR_IO: return "input/output error";
  case CC_ERR_INTERNAL: return "internal error";
  }
  return "unknown error";
}

int cc_format_from_name(const char *name, cc_format *out) {
  static const struct { const char *n; cc_format f; } t[] = {
      {"txt", CC_FORMAT_TXT}, {"text", CC_FORMAT_TXT}, {"md", CC_FORMAT_MD},
      {"markdown", CC_FORMAT_MD}, {"html", CC_FORMAT_HTML}, {"json", CC_FORMAT_JSON}};
  if (!name) return -1;
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (!strcmp(name, t[i].n)) {
      *out = t[i].f;
      return 0;
    }
  return -1;
}

static void options_defaults(cc_options *o) {
  memset(o, 0, sizeof *o);
  o->size = sizeof *o;
  o->max_input_bytes = (size_t)64 << 20;
  o->max_nodes = 2000000;
  o->max_depth = 512;
  o->max_output_bytes = (size_t)64 << 20;
  o->max_attrs = CC_STRIP_DEFAULT_ATTRS;
  o->timeout_ms = 0;
}

/* The smallest cc_options a caller may pass: the first version's, which
 * ends with max_attrs. Fields added later go after it. */
#define OPTIONS_V1_END (offsetof(cc_options, max_attrs) + sizeof(unsigned))

void cc_options_init_size(cc_options *o, size_t size) {
  if (!o || size < OPTIONS_V1_END) return;
  cc_options d;
  options_defaults(&d);
  memset(o, 0, size);
  memcpy(o, &d, size < sizeof d ? size : sizeof d);
  o->size = size;
}

cc_status cc_fail(cc_error *err, cc_status st, const char *msg) {
  if (err) {
    err->status = st;
    snprintf(err->message, sizeof err->message, "%s", msg && *msg ? msg : cc_strerror(st));
  }
  return st;
}
#define fail cc_fail

int cc_take_struct(void *dst, size_t dst_size, const void *src, size_t src_size,
                   size_t min_size, const char *what, cc_error *err) {
  char m[160];
  if (src_size < min_size) {
    snprintf(m, sizeof m, "%s not set up by %s_init (size %zu)", what, what, src_size);
    return fail(err, CC_ERR_ARGS, m);
  }
  for (size_t i = dst_size; i < src_size; i++)
    if (((const unsigned char *)src)[i]) {
      snprintf(m, sizeof m, "%s from a newer clipclean: a field this library (%s) lacks is set",
               what, CC_VERSION_STRING);
      return fail(err, CC_ERR_ARGS, m);
    }
  memcpy(dst, src, src_size < dst_size ? src_size : dst_size);
  *(size_t *)dst = dst_size;
  return CC_OK;
}

/* Past the deadline (0 = none)? Sets the message naming the stage. */
static int timed_out(cc_ctx *ctx, uint64_t deadline, const char *stage) {
  if (!deadline || cc_now_ns() <= deadline) return 0;
  snprintf(ctx->err, sizeof ctx->err, "the %u ms time budget ran out (at %s)",
           ctx->opt->timeout_ms, stage);
  return 1;
}

/* Runs a stage returning 0 or a cc_status, then checks the clock. */
#define STAGE(name, call)                                  \
  do {                                                     \
    int rc_ = (call);                                      \
    if (rc_) return rc_;                                   \
    if (timed_out(ctx, deadline, name)) return CC_ERR_TIMEOUT; \
  } while (0)

/* Non-space bytes of text in the body: is there a page to read? */
static size_t body_text(const cc_dom *d) {
  const cc_node *top = d->body ? d->body : d->root;
  size_t n = 0;
  for (const cc_node *x = top; x; x = cc_dom_next(top, x, 0))
    if (x->type == CC_NODE_TEXT)
      for (uint32_t i = 0; i < x->len; i++) {
        unsigned char c = (unsigned char)x->text[i];
        n += !(c == ' ' || c == '\n' || c == '\t' || c == '\r');
      }
  return n;
}

/* A page saved double-encoded (its UTF-8 read as Latin-1 and written
 * again) is put back, its JSON-LD too (mojibake.h). */
static void repair_mojibake(cc_ctx *ctx, char **utf8, size_t *ulen) {
  if (!cc_mojibake_repair(ctx->arena, *utf8, *ulen, utf8, ulen)) return;
  for (unsigned i = 0; i < ctx->strip.njsonld; i++) {
    char *o;
    size_t ol;
    if (cc_mojibake_repair(ctx->arena, ctx->strip.jsonld[i].p, ctx->strip.jsonld[i].len, &o, &ol)) {
      ctx->strip.jsonld[i].p = o;
      ctx->strip.jsonld[i].len = ol;
    }
  }
}

/* The pre-pass, the conversion to UTF-8 and the parse. `pre` is set when
 * the bytes were already decoded to UTF-8 by cc_charset_pre (a BOM,
 * UTF-16/32). */
static int strip_and_parse(cc_ctx *ctx, const char *bytes, size_t blen,
                           const cc_charset_info *pre, int keep_noscript, uint64_t deadline) {
  cc_arena *a = ctx->arena;
  cc_charset_info cs = {0};
  int decoded = pre != NULL;
  if (pre) cs = *pre;

  /* The pre-pass bounds depth, open formatting elements and attributes
   * before gumbo sees the page (strip.h); a page whose tree would exceed
   * the node limit (by the pre-pass's estimate: tags, text runs and the
   * formatting elements the parser re-creates) is refused here, before
   * the parser spends memory on it. */
  cc_strip_limits sl = {ctx->opt->max_depth, 0, ctx->opt->max_attrs, (unsigned)keep_noscript};
  cc_strip_bounded(a, bytes, blen, &sl, &ctx->strip);
  if (ctx->strip.est_nodes > ctx->opt->max_nodes) {
    snprintf(ctx->err, sizeof ctx->err,
             "document has about %zu nodes (%zu tags), over the %zu-node limit",
             ctx->strip.est_nodes, ctx->strip.start_tags, ctx->opt->max_nodes);
    return CC_ERR_TOO_LARGE;
  }
  if (timed_out(ctx, deadline, "the pre-pass")) return CC_ERR_TIMEOUT;
  char *utf8 = ctx->strip.out;
  size_t ulen = ctx->strip.len;
  if (!decoded) {
    cc_charset_decode(a, ctx->strip.out, ctx->strip.len, ctx->opt->charset_hint,
                      ctx->strip.meta_charset, ctx->strip.xml_encoding, &utf8, &ulen, &cs);
    for (unsigned i = 0; i < ctx->strip.njsonld; i++) {
      char *o;
      size_t ol;
      cc_charset_convert(a, ctx->strip.jsonld[i].p, ctx->strip.jsonld[i].len, cs.name, &o, &ol);
      ctx->strip.jsonld[i].p = o;
      ctx->strip.jsonld[i].len = ol;
    }
  }
  ctx->charset = cs.name;
  repair_mojibake(ctx, &utf8, &ulen);
  if (timed_out(ctx, deadline, "charset conversion")) return CC_ERR_TIMEOUT;

  cc_parse_limits lim = {ctx->opt->max_nodes, ctx->opt->max_depth};
  STAGE("parsing", ctx->opt->parser == CC_PARSER_LIBXML2
                       ? cc_parse_libxml2(a, utf8, ulen, &lim, &ctx->dom, ctx->err)
                       : cc_parse_gumbo_until(a, utf8, ulen, &lim, deadline, &ctx->dom,
                                              ctx->err));
  return 0;
}

static int run_html(cc_ctx *ctx, const char *bytes, size_t blen,
                    const cc_charset_info *pre, uint64_t deadline) {
  cc_arena *a = ctx->arena;
  int rc = strip_and_parse(ctx, bytes, blen, pre, 0, deadline);
  if (rc) return rc;
  /* An app shell (a forum served by JavaScript) may hold the whole page in
   * <noscript>, for clients without scripts: when the noscript content
   * outweighs the visible text many times, read the page as such a client
   * does. */
  if (ctx->strip.noscript_bytes >= 200 && body_text(&ctx->dom) * 8 < ctx->strip.noscript_bytes) {
    rc = strip_and_parse(ctx, bytes, blen, pre, 1, deadline);
    if (rc) return rc;
  }
  cc_segments_place(&ctx->dom, &ctx->strip.segments); /* as the page's scripts would */
  STAGE("metadata", cc_stage_meta(ctx));
  cc_marks(&ctx->dom); /* what pre-cleaning would take: embeds, task boxes */
  cc_preclean_stats ps;
  cc_preclean(&ctx->dom, &ps);
  if (timed_out(ctx, deadline, "pre-cleaning")) return CC_ERR_TIMEOUT;
  /* why each subtree was dropped: for --explain, and a feature */
  ctx->why = cc_arena_calloc(a, (size_t)(ctx->dom.nnodes ? ctx->dom.nnodes : 1) * sizeof *ctx->why);
  STAGE("measuring", cc_stage_measure(ctx));
  STAGE("fingerprints", cc_stage_fingerprint(ctx));
  STAGE("sections", cc_stage_sections(ctx));
  STAGE("selection", cc_stage_select(ctx));
  STAGE("filtering", cc_stage_filter(ctx));
  STAGE("classifying the blocks", cc_stage_classify(ctx));
  STAGE("deciding", cc_stage_decide(ctx));
  /* after the decision: the model's features were measured with the page's
   * own metadata; the head then corrects the title, dates and byline */
  STAGE("the article's head", cc_stage_head(ctx));
  STAGE("building the article", cc_stage_article(ctx));
  STAGE("dropping repeats", cc_stage_repeats(ctx));
  cc_explain_blocks(ctx);
  return 0;
}

/* The text-clipping path (text.h): decode, then clean. */
static int run_text(cc_ctx *ctx, const char *bytes, size_t blen,
                    const cc_charset_info *pre, uint64_t deadline) {
  cc_charset_info cs = {0};
  char *utf8 = (char *)bytes;
  size_t ulen = blen;
  if (pre)
    cs = *pre;
  else if (blen)
    cc_charset_decode(ctx->arena, bytes, blen, ctx->opt->charset_hint, NULL, NULL, &utf8,
                      &ulen, &cs);
  ctx->charset = cs.name;
  if (blen) cc_mojibake_repair(ctx->arena, utf8, ulen, &utf8, &ulen);
  if (ulen && memchr(utf8, '\0', ulen)) { /* NUL is no text (HTML's parser drops it too) */
    char *o = cc_arena_alloc(ctx->arena, ulen + 1);
    size_t k = 0;
    for (size_t i = 0; i < ulen; i++)
      if (utf8[i]) o[k++] = utf8[i];
    o[k] = '\0';
    utf8 = o;
    ulen = k;
  }
  if (timed_out(ctx, deadline, "charset conversion")) return CC_ERR_TIMEOUT;
  STAGE("cleaning the text", cc_stage_text(ctx, utf8, ulen));
  STAGE("dropping repeats", cc_stage_repeats(ctx));
  return 0;
}
#undef STAGE

cc_input_format cc_sniff_input(const char *data, size_t len, const char *hint,
                               const char **what) {
  if (what) *what = NULL;
  if (!data || !len) return CC_INPUT_TEXT;
  cc_guard g;
  if (CC_GUARD(&g)) {
    if (what) *what = "unknown data (out of memory)";
    return CC_INPUT_AUTO;
  }
  cc_arena a;
  cc_arena_init(&a);
  char *pre = NULL;
  size_t prelen = 0;
  cc_charset_info cs = {0};
  int decoded = cc_charset_pre(&a, data, len, hint, &pre, &prelen, &cs);
  cc_sniff_kind k = decoded ? cc_sniff(pre, prelen, what) : cc_sniff(data, len, what);
  cc_arena_free(&a);
  cc_guard_end(&g);
  return k == CC_SNIFF_BINARY ? CC_INPUT_AUTO : k == CC_SNIFF_TEXT ? CC_INPUT_TEXT : CC_INPUT_HTML;
}

/* The language: the one its text is written in when the page declares
 * none, or declares one the text plainly is not in (a German blog left at
 * the theme's "en"); a declared language we cannot tell apart from the
 * text's (no profile for it, same script) stands. */
static const char *text_language(const char *declared, const char *text, size_t len) {
  if (!len) return declared;
  if (!declared) return cc_lang_detect(text, len);
  const char *sure = cc_lang_detect_sure(text, len);
  if (!sure) return declared;
  size_t dl = strcspn(declared, "-"), sl = strcspn(sure, "-");
  if (dl == sl && !strncasecmp(declared, sure, dl)) return declared; /* keeps "en-GB" */
  cc_script ts = CC_SCRIPT_NONE;
  cc_lang_detect_script(text, len, &ts);
  return cc_lang_script(declared) != CC_SCRIPT_NONE || ts != CC_SCRIPT_LATIN ? sure : declared;
}

cc_status cc_options_take(const cc_options *in, cc_options *o, cc_error *err) {
  options_defaults(o);
  if (!in) return CC_OK;
  return (cc_status)cc_take_struct(o, sizeof *o, in, in->size, OPTIONS_V1_END, "cc_options", err);
}

size_t cc_options_max_input(const cc_options *o) {
  cc_options c;
  clamp_options(o, &c);
  return c.max_input_bytes;
}

static cc_status extract_taken(const char *data, size_t len, const cc_options *taken,
                               cc_result **out, cc_error *err, cc_buf *dump) {
  uint64_t start = cc_now_ns();
  cc_options clamped;
  clamp_options(taken, &clamped);
  const cc_options *opt = &clamped;
  uint64_t deadline = opt->timeout_ms ? start + (uint64_t)opt->timeout_ms * 1000000u : 0;
  if (len > opt->max_input_bytes) {
    char m[128];
    snprintf(m, sizeof m, "input is %zu bytes, over the %zu-byte limit", len,
             opt->max_input_bytes);
    return fail(err, CC_ERR_TOO_LARGE, m);
  }
  if (!cc_phrases_ready()) return fail(err, CC_ERR_NOMEM, "no memory for the phrase table");
  cc_result *r = cc_calloc(1, sizeof *r);
  cc_arena_init(&r->arena);
  cc_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.arena = &r->arena;
  ctx.opt = opt;
  ctx.dump = dump;
  cc_buf explain = CC_BUF_INIT;
  if (opt->flags & CC_OPT_EXPLAIN) ctx.explain = &explain;
  ctx.dump = dump;

  /* BOMs and UTF-16/32 are decoded first (they are not ASCII-compatible);
   * binary input is refused before any parsing */
  const char *bytes = data ? data : "";
  size_t blen = len;
  cc_charset_info cs = {0};
  char *pre = NULL;
  size_t prelen = 0;
  int decoded = len ? cc_charset_pre(&r->arena, bytes, len, opt->charset_hint, &pre, &prelen, &cs) : 0;
  if (decoded) {
    bytes = pre;
    blen = prelen;
  }
  const char *what = NULL;
  cc_sniff_kind sniffed = blen ? cc_sniff(bytes, blen, &what) : CC_SNIFF_HTML;
  if (sniffed == CC_SNIFF_BINARY) {
    char m[160];
    snprintf(m, sizeof m, "%s, not an HTML or text document", what ? what : "binary data");
    cc_buf_free(&explain);
    cc_result_free(r);
    return fail(err, CC_ERR_NOT_HTML, m);
  }
  int text = opt->input_format == CC_INPUT_TEXT || opt->input_format == CC_INPUT_MARKDOWN ||
             (opt->input_format == CC_INPUT_AUTO && sniffed == CC_SNIFF_TEXT);
  int rc = text ? run_text(&ctx, bytes, blen, decoded ? &cs : NULL, deadline)
                : run_html(&ctx, bytes, blen, decoded ? &cs : NULL, deadline);
  if (rc) {
    cc_buf_free(&explain);
    cc_result_free(r);
    return fail(err, (cc_status)rc, ctx.err);
  }
  r->meta = ctx.meta;
  r->ast = ctx.ast;
  r->charset = ctx.charset;
  r->kind = !text ? "html" : ctx.markdown ? "markdown" : "text";
  r->fingerprints = ctx.fingerprints;
  r->nfingerprints = ctx.nfingerprints;
  r->max_output = opt->max_output_bytes;
  r->flags = opt->flags;
  cc_result_collect_refs(r);
  /* the body text, as the options show the article, within the limit */
  cc_render_options ro;
  cc_result_render_defaults(r, &ro);
  ro.flags &= CC_RENDER_NO_TABLES; /* (images and links do not show in txt) */
  cc_arena scratch;
  cc_arena_init(&scratch);
  cc_buf txt = CC_BUF_INIT;
  txt.limit = r->max_output;
  cc_render_txt(cc_result_view(r, &ro, &scratch), &txt);
  cc_arena_free(&scratch);
  if (txt.stop) {
    char m[160];
    snprintf(m, sizeof m, "the body text is over the %zu-byte output limit", r->max_output);
    cc_buf_free(&txt);
    cc_buf_free(&explain);
    cc_result_free(r);
    return fail(err, CC_ERR_TOO_LARGE, m);
  }
  r->text = cc_arena_strndup(&r->arena, txt.data ? txt.data : "", txt.len);
  r->text_len = txt.len;
  cc_buf_free(&txt);
  r->meta.language = text_language(r->meta.language, r->text, r->text_len);
  if (ctx.explain) r->explain = cc_buf_detach(&explain, NULL);
  *out = r;
  return CC_OK;
}

cc_status cc_extract_taken(const char *data, size_t len, const cc_options *taken,
                           cc_result **out, cc_error *err) {
  return extract_taken(data, len, taken, out, err, NULL);
}

static cc_status extract(const char *data, size_t len, const cc_options *opt,
                         cc_result **out, cc_error *err, cc_buf *dump) {
  if (out) *out = NULL;
  if (!out || (!data && len)) return fail(err, CC_ERR_ARGS, "no input or output given");
  cc_guard g;
  if (CC_GUARD(&g)) {
    *out = NULL;
    return fail(err, CC_ERR_NOMEM, "out of memory");
  }
  cc_options taken;
  cc_status st = cc_options_take(opt, &taken, err);
  if (st == CC_OK) st = extract_taken(data, len, &taken, out, err, dump);
  cc_guard_end(&g);
  return st;
}

cc_status cc_extract(const char *data, size_t len, const cc_options *opt,
                     cc_result **out, cc_error *err) {
  return extract(data, len, opt, out, err, NULL);
}

cc_status cc_extract_dump(const char *data, size_t len, const cc_options *opt,
                          cc_result **out, cc_error *err, cc_buf *dump) {
  return extract(data, len, opt, out, err, dump);
}

void cc_free(void *p) { cc_mfree(p); }
