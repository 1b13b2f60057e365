/* render_json.c — one JSON object per document:
 *
 *   {"title":…,"author":…,"date":…,"published":…,"modified":…,
 *    "site_name":…,"language":…,"url":…,"description":…,"image":…,
 *    "tags":[…],"word_count":…,"clipped":…,"page_type":…,"charset":…,
 *    "input":…,"text":…}
 *
 * `date` is the article's date (its publication, else its last update);
 * `published` and `modified` each as the page states it; `clipped` is the
 * render options' clipping time.
 *
 * Keys always present and in this order; unknown values are null. The
 * object is compact, on one line, followed by a newline, so that several
 * documents written one after another make JSON Lines. Non-ASCII text is
 * written as UTF-8 (not \u escapes). Ill-formed UTF-8 (which jansson
 * refuses) is written with U+FFFD for each bad byte rather than failing.
 *
 * jansson builds and writes the object; the article text, the one large
 * value, is appended by put_string, which writes what jansson would
 * (the tests compare the two byte for byte) about twenty times faster:
 * jansson decodes every character of a string it dumps.
 */
#include <jansson.h>
#include <string.h>

#include "lang.h"
#include "oom.h"
#include "render.h"
#include "render_util.h"

/* jansson returns NULL when it cannot allocate. */
static json_t *must(json_t *j) {
  if (!j) cc_oom();
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
  if (json_object_set_new(obj, key, v)) cc_oom();
}

static void set_str(json_t *obj, const char *key, const char *s) {
  set(obj, key, s, s ? strlen(s) : 0);
}

/* A JSON string exactly as jansson's compact dump writes it (s is valid
 * UTF-8): \" \\ \b \f \n \r \t, other controls as \u00XX, the rest as is.
 * Written in pieces of CC_BUF_DRAIN_AT, each a safe point (cc_buf_drain). */
static void put_string(cc_buf *out, const char *s, size_t n) {
  static const char hex[] = "0123456789ABCDEF";
  size_t run = 0;
  cc_buf_reserve(out, (n < CC_BUF_DRAIN_AT ? n : CC_BUF_DRAIN_AT) + 2);
  cc_buf_putc(out, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (i - run >= CC_BUF_DRAIN_AT) {
      cc_buf_put(out, s + run, i - run);
      run = i;
      if (cc_buf_drain(out)) return;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    cc_buf_put(out, s + run, i - run);
    run = i + 1;
    char e[7] = {'\\', 0};
    size_t el = 2;
    switch (c) {
    case '"': e[1] = '"'; break;
    case '\\': e[1] = '\\'; break;
    case '\b': e[1] = 'b'; break;
    case '\f': e[1] = 'f'; break;
    case '\n': e[1] = 'n'; break;
    case '\r': e[1] = 'r'; break;
    case '\t': e[1] = 't'; break;
    default:
      memcpy(e + 1, "u00", 3);
      e[4] = hex[c >> 4];
      e[5] = hex[c & 15];
      el = 6;
      break;
    }
    cc_buf_put(out, e, el);
    if (cc_buf_drain(out)) return;
  }
  cc_buf_put(out, s + run, n - run);
  cc_buf_putc(out, '"');
}

static void decref(void *j) { json_decref((json_t *)j); }

void cc_render_json(const cc_meta *meta, const char *text, size_t text_len,
                    const char *charset, const char *kind, const cc_render_options *ro,
                    cc_buf *out) {
  static const cc_meta none = {0};
  if (!meta) meta = &none;
  json_t *o = must(json_object());
  void *cleanup = cc_guard_on_fail(decref, o); /* jansson's memory is its own */
  set_str(o, "title", meta->title);
  set_str(o, "author", meta->author);
  set_str(o, "date", meta->date);
  set_str(o, "published", meta->published);
  set_str(o, "modified", meta->modified);
  set_str(o, "site_name", meta->site_name);
  set_str(o, "language", meta->language);
  set_str(o, "url", meta->url);
  set_str(o, "description", meta->description);
  set_str(o, "image", meta->image);
  json_t *tags = must(json_array());
  if (json_object_set_new(o, "tags", tags)) cc_oom(); /* o owns it from here */
  for (size_t i = 0; i < meta->ntags; i++)
    if (json_array_append_new(tags, utf8_string(meta->tags[i], strlen(meta->tags[i])))) cc_oom();
  if (json_object_set_new(o, "word_count",
                          must(json_integer((json_int_t)(text ? cc_word_count(text, text_len) : 0)))))
    cc_oom();
  set_str(o, "clipped", ro ? ro->clipped : NULL);
  set_str(o, "page_type", meta->page_type);
  set_str(o, "charset", charset);
  set_str(o, "input", kind);
  /* measured, then written straight into out: no allocation of ours runs
   * inside jansson */
  size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER;
  size_t need = json_dumpb(o, NULL, 0, flags);
  if (need == 0) cc_oom(); /* jansson fails only when it cannot allocate */
  if (!cc_buf_room(out, need)) {
    cc_guard_cancel(cleanup);
    json_decref(o);
    return; /* over the output limit */
  }
  size_t got = json_dumpb(o, out->data + out->len, need, flags);
  cc_guard_cancel(cleanup);
  json_decref(o);
  if (got != need || out->data[out->len + need - 1] != '}') cc_oom();
  out->len += need;
  /* the object ends with "}": the text goes last, before it */
  out->len--;
  cc_buf_puts(out, ",\"text\":");
  if (!text) {
    cc_buf_puts(out, "null");
  } else if (cc_utf8_valid(text, text_len)) {
    put_string(out, text, text_len);
  } else {
    cc_buf b = CC_BUF_INIT;
    cc_utf8_put_sanitized(&b, text, text_len);
    put_string(out, b.data ? b.data : "", b.len);
    cc_buf_free(&b);
  }
  cc_buf_puts(out, "}\n");
}
