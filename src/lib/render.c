/* render.c — the rendering entry points: cc_render, cc_render_with and
 * cc_render_to. Owns the render options (their defaults, reading a
 * caller's struct of any version), the choice of the tree a rendering
 * reads (the article, or a view without images, links or tables), and the
 * output: a buffer bounded by the output limit, returned whole or drained
 * into the caller's callback a block at a time. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "oom.h"
#include "render.h"
#include "result.h"

/* The first version of cc_render_options ends with max_output_bytes. */
#define RENDER_OPTIONS_V1_END (offsetof(cc_render_options, max_output_bytes) + sizeof(size_t))

void cc_render_options_init_size(cc_render_options *ro, size_t size) {
  if (!ro || size < RENDER_OPTIONS_V1_END) return;
  cc_render_options d;
  memset(&d, 0, sizeof d);
  d.size = sizeof d;
  d.md_flavor = CC_MD_COMMONMARK;
  memset(ro, 0, size);
  memcpy(ro, &d, size < sizeof d ? size : sizeof d);
  ro->size = size;
}

/* The caller's options (NULL: the result's defaults) as this library
 * reads them; the output limit resolved. */
static cc_status take_options(const cc_result *r, const cc_render_options *in,
                              cc_render_options *ro, cc_error *err) {
  cc_result_render_defaults(r, ro);
  if (in) {
    cc_render_options_init(ro);
    int st = cc_take_struct(ro, sizeof *ro, in, in->size, RENDER_OPTIONS_V1_END,
                            "cc_render_options", err);
    if (st) return (cc_status)st;
    if (!ro->max_output_bytes) ro->max_output_bytes = r->max_output;
  }
  if (ro->md_flavor != CC_MD_COMMONMARK && ro->md_flavor != CC_MD_OBSIDIAN)
    return cc_fail(err, CC_ERR_ARGS, "unknown Markdown flavor");
  return CC_OK;
}

/* Writes the rendering into out (bounded, maybe drained). */
static void render(const cc_result *r, cc_format fmt, const cc_render_options *ro,
                   cc_buf *out) {
  cc_arena scratch;
  cc_arena_init(&scratch);
  const cc_ast *doc = cc_result_view(r, ro, &scratch);
  /* the result's text is the txt rendering with its own table setting */
  int same_text = !(ro->flags & CC_RENDER_NO_TABLES) == !(r->flags & CC_OPT_NO_TABLES);
  cc_buf text = CC_BUF_INIT;
  switch (fmt) {
  case CC_FORMAT_TXT:
    if (!same_text || (ro->flags & CC_RENDER_CAPTIONS)) {
      cc_render_txt_with(doc, ro->flags & CC_RENDER_CAPTIONS ? CC_TXT_CAPTIONS : 0, out);
      break;
    }
    for (size_t i = 0; i < r->text_len && !cc_buf_drain(out); i += CC_BUF_DRAIN_AT) {
      size_t n = r->text_len - i < CC_BUF_DRAIN_AT ? r->text_len - i : CC_BUF_DRAIN_AT;
      cc_buf_put(out, r->text + i, n);
    }
    break;
  case CC_FORMAT_MD:
    cc_render_md(doc, &r->meta, ro, out);
    break;
  case CC_FORMAT_HTML:
    cc_render_html(doc, &r->meta, ro, out);
    break;
  case CC_FORMAT_JSON:
    if (same_text) {
      cc_render_json(&r->meta, r->text, r->text_len, r->charset, r->kind, ro, out);
      break;
    }
    text.limit = ro->max_output_bytes;
    cc_render_txt(doc, &text);
    if (text.stop)
      out->stop = CC_BUF_OVER;
    else
      cc_render_json(&r->meta, text.data ? text.data : "", text.len, r->charset, r->kind, ro,
                     out);
    break;
  }
  cc_buf_free(&text);
  cc_arena_free(&scratch);
  cc_buf_finish(out);
}

/* The status of a finished rendering; err set on failure. */
static cc_status outcome(const cc_buf *out, const cc_render_options *ro, cc_error *err) {
  if (out->stop == CC_BUF_OVER) {
    char m[160];
    snprintf(m, sizeof m, "the rendering is over the %zu-byte output limit",
             ro->max_output_bytes);
    return cc_fail(err, CC_ERR_TOO_LARGE, m);
  }
  if (out->stop == CC_BUF_SINK)
    return cc_fail(err, CC_ERR_IO, "the write callback stopped the rendering");
  return CC_OK;
}

static cc_status check_args(const cc_result *r, cc_format fmt, cc_error *err) {
  if (!r) return cc_fail(err, CC_ERR_ARGS, "no result to render");
  if ((int)fmt < CC_FORMAT_TXT || fmt > CC_FORMAT_JSON)
    return cc_fail(err, CC_ERR_ARGS, "unknown output format");
  return CC_OK;
}

char *cc_render_with(const cc_result *r, cc_format fmt, const cc_render_options *in,
                     size_t *len, cc_error *err) {
  if (check_args(r, fmt, err)) return NULL;
  cc_guard g;
  if (CC_GUARD(&g)) {
    cc_fail(err, CC_ERR_NOMEM, "out of memory");
    return NULL;
  }
  cc_render_options ro;
  char *res = NULL;
  if (take_options(r, in, &ro, err) == CC_OK) {
    cc_buf out = CC_BUF_INIT;
    out.limit = ro.max_output_bytes;
    render(r, fmt, &ro, &out);
    if (outcome(&out, &ro, err) == CC_OK)
      res = cc_buf_detach(&out, len);
    else
      cc_buf_free(&out);
  }
  cc_guard_end(&g);
  return res;
}

char *cc_render(const cc_result *r, cc_format fmt, size_t *len, cc_error *err) {
  return cc_render_with(r, fmt, NULL, len, err);
}

cc_status cc_render_to(const cc_result *r, cc_format fmt, const cc_render_options *in,
                       cc_write_fn write, void *userdata, cc_error *err) {
  cc_status st = check_args(r, fmt, err);
  if (st) return st;
  if (!write) return cc_fail(err, CC_ERR_ARGS, "no write callback");
  cc_guard g;
  if (CC_GUARD(&g)) return cc_fail(err, CC_ERR_NOMEM, "out of memory");
  cc_render_options ro;
  st = take_options(r, in, &ro, err);
  if (st == CC_OK) {
    cc_buf out = CC_BUF_INIT;
    out.limit = ro.max_output_bytes;
    out.sink = write;
    out.sink_ud = userdata;
    render(r, fmt, &ro, &out);
    st = outcome(&out, &ro, err);
    cc_buf_free(&out);
  }
  cc_guard_end(&g);
  return st;
}
