/* record.c — jsonl records (see record.h). Our own small JSON writer: it
 * controls key order and the handling of bytes that are not UTF-8, which a
 * generic library would reject. */
#include "record.h"

#include <string.h>

/* Length of a valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t k;
  uint32_t cp;
  if (c >= 0xc2 && c <= 0xdf) k = 2, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef) k = 3, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4) k = 4, cp = c & 0x07;
  else return 0;
  if (n < k) return 0;
  for (size_t i = 1; i < k; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return k;
}

void json_put_string(sbuf *b, const char *str, size_t n, int bytes_as_surrogates) {
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
        if (bytes_as_surrogates) {
          memcpy(u, "\\udc", 4);
          u[4] = hex[c >> 4], u[5] = hex[c & 15], u[6] = '\0';
          esc = u;
        } else {
          esc = "\xef\xbf\xbd";
        }
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
  if (v) json_put_string(b, v, strlen(v), 0);
  else sbuf_puts(b, "null");
}

static void put_head(sbuf *b, const char *source, const char *status) {
  sbuf_puts(b, "{\"source\":");
  json_put_string(b, source, strlen(source), 1);
  put_key(b, "status");
  sbuf_putc(b, '"');
  sbuf_puts(b, status);
  sbuf_putc(b, '"');
}

static void put_fetch(sbuf *b, const record_fetch *f) {
  if (!f) return;
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
    json_put_string(b, tags[i], strlen(tags[i]), 0);
  }
  sbuf_putc(b, ']');
  put_key(b, "word_count");
  sbuf_printf(b, "%zu", cc_result_word_count(res));
  put_field(b, "clipped", clipped_at);
  put_field(b, "charset", cc_result_charset(res));
  put_field(b, "input_kind", cc_result_input_kind(res));
  put_key(b, "text");
  const char *t = cc_result_text(res);
  json_put_string(b, t ? t : "", t ? tl : 0, 0);
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
