/* record.c — jsonl records (see record.h). Our own small JSON writer: it
 * controls key order and the handling of bytes that are not UTF-8, which a
 * generic library would reject. */
#include "record.h"

#include <string.h>

void json_put_string(sbuf *b, const char *str, size_t n) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *s = (const unsigned char *)str;
  sbuf_putc(b, '"');
  size_t run = 0; /* start of a run of bytes copied verbatim */
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    const char *esc = NULL;
    char u[8];
    size_t k = 1;
    if (c == '"') esc = "\\\"";
    else if (c == '\\') esc = "\\\\";
    else if (c == '\n') esc = "\\n";
    else if (c == '\r') esc = "\\r";
    else if (c == '\t') esc = "\\t";
    else if (c == '\b') esc = "\\b";
    else if (c == '\f') esc = "\\f";
    else if (c < 0x20 || c == 0x7f) {
      u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0', u[4] = hex[c >> 4], u[5] = hex[c & 15];
      u[6] = '\0';
      esc = u;
    } else if (c >= 0x80) {
      k = utf8_seq(s + i, n - i);
      if (!k) {
        esc = "\xef\xbf\xbd";
        k = 1;
      }
    }
    if (esc) {
      sbuf_put(b, s + run, i - run);
      sbuf_puts(b, esc);
      i += k;
      run = i;
    } else {
      i += k;
    }
  }
  sbuf_put(b, s + run, n - run);
  sbuf_putc(b, '"');
}

static void put_key(sbuf *b, const char *key) {
  sbuf_putc(b, ',');
  sbuf_putc(b, '"');
  sbuf_puts(b, key);
  sbuf_puts(b, "\":");
}

static void put_field(sbuf *b, const char *key, const char *v) {
  put_key(b, key);
  if (v) json_put_string(b, v, strlen(v));
  else sbuf_puts(b, "null");
}

static int valid_utf8(const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = strlen(s);
  for (size_t i = 0, k; i < n; i += k)
    if (!(k = utf8_seq(u + i, n - i))) return 0;
  return 1;
}

static void put_head(sbuf *b, const char *source, const char *status) {
  static const char hex[] = "0123456789abcdef";
  sbuf_puts(b, "{\"source\":");
  json_put_string(b, source, strlen(source));
  if (!valid_utf8(source)) { /* the exact name, since "source" had to replace bytes */
    put_key(b, "source_hex");
    sbuf_putc(b, '"');
    for (const unsigned char *u = (const unsigned char *)source; *u; u++) {
      sbuf_putc(b, hex[*u >> 4]);
      sbuf_putc(b, hex[*u & 15]);
    }
    sbuf_putc(b, '"');
  }
  put_key(b, "status");
  sbuf_putc(b, '"');
  sbuf_puts(b, status);
  sbuf_putc(b, '"');
}

static void put_fetch(sbuf *b, const record_fetch *f) {
  if (!f) return;
  if (f->extra) {
    sbuf_puts(b, f->extra);
    return;
  }
  put_field(b, "final_url", f->final_url);
  put_key(b, "http_status");
  if (f->http_status > 0) sbuf_printf(b, "%ld", f->http_status);
  else sbuf_puts(b, "null");
}

static const char *clipped_at; /* record_set_clipped */

void record_set_clipped(const char *iso) { clipped_at = iso; }

void record_result(sbuf *b, const char *source, const cc_result *res) {
  record_result_fetch(b, source, res, NULL);
}

void record_result_fetch(sbuf *b, const char *source, const cc_result *res,
                         const record_fetch *f) {
  size_t tl = cc_result_text_length(res);
  put_head(b, source, tl ? "ok" : "empty");
  put_fetch(b, f);
  put_field(b, "title", cc_result_title(res));
  put_field(b, "author", cc_result_author(res));
  put_field(b, "date", cc_result_date(res));
  put_field(b, "published", cc_result_published(res));
  put_field(b, "modified", cc_result_modified(res));
  put_field(b, "site_name", cc_result_site_name(res));
  put_field(b, "language", cc_result_language(res));
  put_field(b, "url", cc_result_url(res));
  put_field(b, "description", cc_result_description(res));
  put_field(b, "image", cc_result_image(res));
  const char *const *tags;
  size_t nt = cc_result_tags(res, &tags);
  put_key(b, "tags");
  sbuf_putc(b, '[');
  for (size_t i = 0; i < nt; i++) {
    if (i) sbuf_putc(b, ',');
    json_put_string(b, tags[i], strlen(tags[i]));
  }
  sbuf_putc(b, ']');
  put_key(b, "word_count");
  sbuf_printf(b, "%zu", cc_result_word_count(res));
  put_field(b, "clipped", clipped_at);
  put_field(b, "page_type", cc_result_page_type(res));
  put_field(b, "charset", cc_result_charset(res));
  put_field(b, "input_kind", cc_result_input_kind(res));
  put_key(b, "text");
  const char *t = cc_result_text(res);
  json_put_string(b, t ? t : "", t ? tl : 0);
  sbuf_puts(b, "}\n");
}

void record_empty(sbuf *b, const char *source, const record_fetch *f) {
  put_head(b, source, "empty");
  put_fetch(b, f);
  put_key(b, "text");
  sbuf_puts(b, "\"\"}\n");
}

void record_error(sbuf *b, const char *source, const char *message) {
  record_error_fetch(b, source, message, NULL);
}

void record_error_fetch(sbuf *b, const char *source, const char *message,
                        const record_fetch *f) {
  put_head(b, source, "error");
  put_field(b, "error", message ? message : "unknown error");
  put_fetch(b, f);
  sbuf_puts(b, "}\n");
}
