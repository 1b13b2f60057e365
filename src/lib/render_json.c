/* render_json.c — one JSON object per document, built with jansson:
 *
 *   {"title":…,"author":…,"date":…,"site_name":…,"language":…,"url":…,
 *    "description":…,"image":…,"charset":…,"input":…,"text":…}
 *
 * Keys always present and in this order; unknown values are null. The
 * object is compact, on one line, followed by a newline, so that several
 * documents written one after another make JSON Lines. Non-ASCII text is
 * written as UTF-8 (not \u escapes). jansson refuses ill-formed UTF-8, so
 * every string is checked first and, if need be, written with U+FFFD for
 * each bad byte rather than failing.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_util.h"

static json_t *must(json_t *j) {
  if (!j) {
    fputs("clipclean: out of memory\n", stderr);
    abort();
  }
  return j;
}

static json_t *utf8_string(const char *s, size_t n) {
  if (cc_utf8_valid(s, n)) return must(json_stringn_nocheck(s, n));
  cc_buf b = CC_BUF_INIT;
  cc_utf8_put_sanitized(&b, s, n);
  json_t *j = must(json_stringn_nocheck(b.data ? b.data : "", b.len));
  cc_buf_free(&b);
  return j;
}

static void set(json_t *obj, const char *key, const char *s, size_t n) {
  json_t *v = s ? utf8_string(s, n) : must(json_null());
  if (json_object_set_new(obj, key, v)) must(NULL);
}

static void set_str(json_t *obj, const char *key, const char *s) {
  set(obj, key, s, s ? strlen(s) : 0);
}

static int to_buf(const char *s, size_t n, void *data) {
  cc_buf_put(data, s, n);
  return 0;
}

void cc_render_json(const cc_meta *meta, const char *text, size_t text_len,
                    const char *charset, const char *kind, cc_buf *out) {
  static const cc_meta none = {0};
  if (!meta) meta = &none;
  json_t *o = must(json_object());
  set_str(o, "title", meta->title);
  set_str(o, "author", meta->author);
  set_str(o, "date", meta->date);
  set_str(o, "site_name", meta->site_name);
  set_str(o, "language", meta->language);
  set_str(o, "url", meta->url);
  set_str(o, "description", meta->description);
  set_str(o, "image", meta->image);
  set_str(o, "charset", charset);
  set_str(o, "input", kind);
  set(o, "text", text, text_len);
  if (json_dump_callback(o, to_buf, out, JSON_COMPACT | JSON_PRESERVE_ORDER)) must(NULL);
  cc_buf_putc(out, '\n');
  json_decref(o);
}
