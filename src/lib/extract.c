/* extract.c — the public entry point: runs the pipeline stages in order
 * and owns the cc_result they fill; enforces the options' limits (clamped
 * to hard ceilings) and the time budget between stages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "charset.h"
#include "lang.h"
#include "marks.h"
#include "meta.h"
#include "parse.h"
#include "pipeline.h"
#include "preclean.h"
#include "render.h"
#include "sniff.h"

struct cc_result {
  cc_arena arena; /* owns everything below but `explain` */
  cc_meta meta;
  cc_ast *ast;
  char *text;
  size_t text_len;
  const char *charset;
  const char *kind;
  char *explain; /* malloc'd */
  const uint64_t *fingerprints;
  size_t nfingerprints;
  size_t max_output; /* cc_options.max_output_bytes; 0 = none */
};

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

void cc_options_init(cc_options *o) {
  memset(o, 0, sizeof *o);
  o->max_input_bytes = (size_t)64 << 20;
  o->max_nodes = 2000000;
  o->max_depth = 512;
  o->max_output_bytes = (size_t)64 << 20;
  o->max_attrs = CC_STRIP_DEFAULT_ATTRS;
  o->timeout_ms = 0;
}

static cc_status fail(cc_error *err, cc_status st, const char *msg) {
  if (err) {
    err->status = st;
    snprintf(err->message, sizeof err->message, "%s", msg && *msg ? msg : cc_strerror(st));
  }
  return st;
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

/* `pre` is set when the bytes were already decoded to UTF-8 by
 * cc_charset_pre (a BOM, UTF-16/32). */
static int run_html(cc_ctx *ctx, const char *bytes, size_t blen,
                    const cc_charset_info *pre, uint64_t deadline) {
  cc_arena *a = ctx->arena;
  cc_charset_info cs = {0};
  int decoded = pre != NULL;
  if (pre) cs = *pre;

  /* The pre-pass bounds depth, open formatting elements and attributes
   * before gumbo sees the page (strip.h); a page whose tree would exceed
   * the node limit (by the pre-pass's estimate: tags, text runs and the
   * formatting elements the parser re-creates) is refused here, before
   * the parser spends memory on it. */
  cc_strip_limits sl = {ctx->opt->max_depth, 0, ctx->opt->max_attrs};
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
  if (timed_out(ctx, deadline, "charset conversion")) return CC_ERR_TIMEOUT;

  cc_parse_limits lim = {ctx->opt->max_nodes, ctx->opt->max_depth};
  STAGE("parsing", ctx->opt->parser == CC_PARSER_LIBXML2
                       ? cc_parse_libxml2(a, utf8, ulen, &lim, &ctx->dom, ctx->err)
                       : cc_parse_gumbo_until(a, utf8, ulen, &lim, deadline, &ctx->dom,
                                              ctx->err));
  STAGE("metadata", cc_stage_meta(ctx));
  cc_marks(&ctx->dom); /* what pre-cleaning would take: embeds, task boxes */
  cc_preclean_stats ps;
  cc_preclean(&ctx->dom, &ps);
  if (timed_out(ctx, deadline, "pre-cleaning")) return CC_ERR_TIMEOUT;
  if (ctx->explain)
    ctx->why = cc_arena_calloc(a, (size_t)(ctx->dom.nnodes ? ctx->dom.nnodes : 1) * sizeof *ctx->why);
  STAGE("measuring", cc_stage_measure(ctx));
  STAGE("fingerprints", cc_stage_fingerprint(ctx));
  STAGE("sections", cc_stage_sections(ctx));
  STAGE("selection", cc_stage_select(ctx));
  STAGE("filtering", cc_stage_filter(ctx));
  STAGE("the article's head", cc_stage_head(ctx));
  STAGE("building the article", cc_stage_article(ctx));
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
  if (timed_out(ctx, deadline, "charset conversion")) return CC_ERR_TIMEOUT;
  STAGE("cleaning the text", cc_stage_text(ctx, utf8, ulen));
  return 0;
}
#undef STAGE

cc_input_format cc_sniff_input(const char *data, size_t len, const char *hint,
                               const char **what) {
  if (what) *what = NULL;
  if (!data || !len) return CC_INPUT_TEXT;
  cc_arena a;
  cc_arena_init(&a);
  char *pre = NULL;
  size_t prelen = 0;
  cc_charset_info cs = {0};
  int decoded = cc_charset_pre(&a, data, len, hint, &pre, &prelen, &cs);
  cc_sniff_kind k = decoded ? cc_sniff(pre, prelen, what) : cc_sniff(data, len, what);
  cc_arena_free(&a);
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

cc_status cc_extract(const char *data, size_t len, const cc_options *opt,
                     cc_result **out, cc_error *err) {
  if (out) *out = NULL;
  if (!out || (!data && len)) return fail(err, CC_ERR_ARGS, "no input or output given");
  uint64_t start = cc_now_ns();
  cc_options defaults, clamped;
  if (!opt) {
    cc_options_init(&defaults);
    opt = &defaults;
  }
  clamp_options(opt, &clamped);
  opt = &clamped;
  uint64_t deadline = opt->timeout_ms ? start + (uint64_t)opt->timeout_ms * 1000000u : 0;
  if (len > opt->max_input_bytes) {
    char m[128];
    snprintf(m, sizeof m, "input is %zu bytes, over the %zu-byte limit", len,
             opt->max_input_bytes);
    return fail(err, CC_ERR_TOO_LARGE, m);
  }
  cc_result *r = calloc(1, sizeof *r);
  if (!r) return fail(err, CC_ERR_NOMEM, NULL);
  cc_arena_init(&r->arena);
  cc_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.arena = &r->arena;
  ctx.opt = opt;
  cc_buf explain = CC_BUF_INIT;
  if (opt->flags & CC_OPT_EXPLAIN) ctx.explain = &explain;

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
  int text = opt->input_format == CC_INPUT_TEXT ||
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
  r->kind = text ? "text" : "html";
  r->fingerprints = ctx.fingerprints;
  r->nfingerprints = ctx.nfingerprints;
  r->max_output = opt->max_output_bytes;
  cc_buf txt = CC_BUF_INIT;
  cc_render_txt(ctx.ast, &txt);
  if (r->max_output && txt.len > r->max_output) {
    char m[160];
    snprintf(m, sizeof m, "the body text is %zu bytes, over the %zu-byte output limit", txt.len,
             r->max_output);
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

void cc_result_free(cc_result *r) {
  if (!r) return;
  free(r->explain);
  cc_arena_free(&r->arena);
  free(r);
}

#define ACCESSOR(name, field) \
  const char *cc_result_##name(const cc_result *r) { return r ? r->field : NULL; }
ACCESSOR(title, meta.title)
ACCESSOR(author, meta.author)
ACCESSOR(date, meta.date)
ACCESSOR(site_name, meta.site_name)
ACCESSOR(language, meta.language)
ACCESSOR(url, meta.url)
ACCESSOR(description, meta.description)
ACCESSOR(image, meta.image)
ACCESSOR(published, meta.published)
ACCESSOR(modified, meta.modified)
ACCESSOR(charset, charset)
ACCESSOR(input_kind, kind)
ACCESSOR(text, text)
ACCESSOR(explain, explain)
#undef ACCESSOR

const uint64_t *cc_result_block_hashes(const cc_result *r, size_t *count) {
  if (count) *count = r ? r->nfingerprints : 0;
  return r ? r->fingerprints : NULL;
}

size_t cc_result_text_length(const cc_result *r) { return r ? r->text_len : 0; }

size_t cc_result_tags(const cc_result *r, const char *const **tags) {
  if (tags) *tags = r ? r->meta.tags : NULL;
  return r ? r->meta.ntags : 0;
}

size_t cc_result_word_count(const cc_result *r) {
  return r && r->text_len ? cc_word_count(r->text, r->text_len) : 0;
}

void cc_free(void *p) { free(p); }

void cc_render_options_init_size(cc_render_options *ro, size_t size) {
  if (!ro || size < sizeof *ro) return;
  memset(ro, 0, size);
  ro->size = size;
  ro->md_flavor = CC_MD_COMMONMARK;
}

char *cc_render(const cc_result *r, cc_format fmt, size_t *len, cc_error *err) {
  return cc_render_with(r, fmt, NULL, len, err);
}

char *cc_render_with(const cc_result *r, cc_format fmt, const cc_render_options *ro,
                     size_t *len, cc_error *err) {
  if (!r) {
    fail(err, CC_ERR_ARGS, "no result to render");
    return NULL;
  }
  cc_render_options defaults;
  cc_render_options_init(&defaults);
  if (!ro) ro = &defaults;
  if (ro->size < sizeof *ro || (unsigned)ro->md_flavor > CC_MD_OBSIDIAN) {
    fail(err, CC_ERR_ARGS, "render options not set up by cc_render_options_init");
    return NULL;
  }
  /* images, links and tables are left out at extraction in this version */
  if (ro->flags & (CC_RENDER_NO_IMAGES | CC_RENDER_NO_LINKS | CC_RENDER_NO_TABLES)) {
    fail(err, CC_ERR_ARGS, "leave images, links or tables out with the extraction options");
    return NULL;
  }
  cc_buf out = CC_BUF_INIT;
  switch (fmt) {
  case CC_FORMAT_TXT:
    if (ro->flags & CC_RENDER_CAPTIONS) cc_render_txt_with(r->ast, CC_TXT_CAPTIONS, &out);
    else cc_buf_put(&out, r->text, r->text_len);
    break;
  case CC_FORMAT_MD: cc_render_md(r->ast, &r->meta, ro, &out); break;
  case CC_FORMAT_HTML: cc_render_html(r->ast, &r->meta, ro, &out); break;
  case CC_FORMAT_JSON:
    cc_render_json(&r->meta, r->text, r->text_len, r->charset, r->kind, ro, &out);
    break;
  default:
    fail(err, CC_ERR_ARGS, "unknown output format");
    return NULL;
  }
  /* Checked on the finished rendering: renderers write into a growing
   * buffer, and a rendering is at most a small multiple of the result the
   * extraction already holds in memory (escaping, resolved URLs). */
  if (r->max_output && out.len > r->max_output) {
    char m[160];
    snprintf(m, sizeof m, "the rendering is %zu bytes, over the %zu-byte output limit", out.len,
             r->max_output);
    cc_buf_free(&out);
    fail(err, CC_ERR_TOO_LARGE, m);
    return NULL;
  }
  return cc_buf_detach(&out, len);
}
