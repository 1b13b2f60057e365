/* content.c — sniffing and unpacking of input bytes (see content.h). The
 * rules, in order: gzip magic → gunzip (once); a byte-order mark → text
 * (HTML or plain, by markup); a MIME header block → MHTML; a known binary
 * signature, NUL bytes or many control bytes → binary; markup tags near the
 * start → HTML; otherwise plain text. */
#include "content.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "mhtml.h"
#include "util.h"

#define SNIFF_WINDOW 8192

int content_is_gzip(const char *d, size_t n) {
  return n >= 2 && (unsigned char)d[0] == 0x1f && (unsigned char)d[1] == 0x8b;
}

int content_gunzip(const char *in, size_t inlen, size_t max, char **data,
                   size_t *len, char *err, size_t errcap) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (inflateInit2(&zs, 15 + 32) != Z_OK) {
    snprintf(err, errcap, "cannot start gzip decoding");
    return -1;
  }
  size_t cap = inlen < max / 4 ? inlen * 4 + 1024 : max + 1, n = 0;
  char *out = xmalloc(cap + 1);
  zs.next_in = (Bytef *)in;
  size_t in_left = inlen;
  int rc = Z_OK;
  for (;;) {
    if (zs.avail_in == 0 && in_left) {
      zs.avail_in = (uInt)(in_left > 0x40000000u ? 0x40000000u : in_left);
      in_left -= zs.avail_in;
    }
    if (n == cap) {
      if (cap > max) break;
      cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
      out = xrealloc(out, cap + 1);
    }
    zs.next_out = (Bytef *)out + n;
    zs.avail_out = (uInt)(cap - n > 0x40000000u ? 0x40000000u : cap - n);
    rc = inflate(&zs, Z_NO_FLUSH);
    n = (size_t)((char *)zs.next_out - out);
    if (rc == Z_STREAM_END) {
      /* concatenated members: go on while gzip input remains */
      if ((zs.avail_in > 0 || in_left) && inflateReset(&zs) == Z_OK) {
        if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) continue;
        break; /* trailing garbage after a member: ignore it, as gzip -d warns */
      }
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0 && !in_left) break; /* truncated */
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (n > max) break;
  }
  inflateEnd(&zs);
  if (n > max) {
    free(out);
    snprintf(err, errcap, "decompresses to more than the %zu-byte input limit", max);
    return -1;
  }
  if (rc != Z_STREAM_END) {
    free(out);
    snprintf(err, errcap, "corrupt or truncated gzip data");
    return -1;
  }
  out[n] = '\0';
  *data = out;
  *len = n;
  return 0;
}

static const struct {
  const char *magic;
  size_t n;
  const char *name;
} binary_magic[] = {
    {"%PDF-", 5, "PDF"},
    {"\x89PNG\r\n\x1a\n", 8, "PNG image"},
    {"GIF87a", 6, "GIF image"},
    {"GIF89a", 6, "GIF image"},
    {"\xff\xd8\xff", 3, "JPEG image"},
    {"PK\x03\x04", 4, "ZIP archive"},
    {"RIFF", 4, "RIFF media"},
    {"\x7f" "ELF", 4, "executable"},
    {"BZh", 3, "bzip2 data"},
    {"\xfd" "7zXZ", 5, "xz data"},
    {"\x28\xb5\x2f\xfd", 4, "zstd data"},
    {"wOFF", 4, "font"},
    {"wOF2", 4, "font"},
};

/* Tags that say "this is HTML" when they open the document's markup. */
static const char *const html_tags[] = {
    "!doctype", "html", "head", "body", "meta", "title", "div", "p", "span",
    "a", "link", "script", "style", "table", "article", "section", "main",
    "header", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "br", "img", "form", "iframe", "!--", "?xml", "svg", "pre", "blockquote",
    "font", "center", "b", "i", "em", "strong", "noscript", "base", "frameset"};

static int looks_like_tag(const char *p, size_t n) {
  /* p points after '<' */
  for (size_t t = 0; t < sizeof html_tags / sizeof html_tags[0]; t++) {
    size_t k = strlen(html_tags[t]);
    if (n < k) continue;
    size_t i = 0;
    while (i < k && tolower((unsigned char)p[i]) == html_tags[t][i]) i++;
    if (i < k) continue;
    if (html_tags[t][0] == '!' && html_tags[t][1] == '-') return 1;
    if (html_tags[t][0] == '?') return 1;
    if (k == n) return 1;
    unsigned char c = (unsigned char)p[k];
    if (c == '>' || c == '/' || isspace(c)) return 1;
  }
  return 0;
}

content_kind content_sniff(const char *d, size_t n, const char **what) {
  const char *dummy;
  if (!what) what = &dummy;
  *what = NULL;
  /* UTF-16/32 byte-order marks: text, and the NULs are expected */
  if (n >= 2 && (((unsigned char)d[0] == 0xff && (unsigned char)d[1] == 0xfe) ||
                 ((unsigned char)d[0] == 0xfe && (unsigned char)d[1] == 0xff))) {
    /* markup in UTF-16: '<' followed by a NUL or preceded by one */
    for (size_t i = 2; i + 1 < n && i < SNIFF_WINDOW; i++)
      if (d[i] == '<' && (d[i + 1] == 0 || d[i - 1] == 0)) return CONTENT_HTML;
    return CONTENT_TEXT;
  }
  for (size_t m = 0; m < sizeof binary_magic / sizeof binary_magic[0]; m++)
    if (n >= binary_magic[m].n && !memcmp(d, binary_magic[m].magic, binary_magic[m].n)) {
      *what = binary_magic[m].name;
      return CONTENT_BINARY;
    }
  size_t w = n < SNIFF_WINDOW ? n : SNIFF_WINDOW;
  size_t ctl = 0;
  for (size_t i = 0; i < w; i++) {
    unsigned char c = (unsigned char)d[i];
    if (c == 0) {
      *what = "binary data";
      return CONTENT_BINARY;
    }
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b && c != '\v')
      ctl++;
  }
  if (w && ctl * 20 > w) { /* over 5% control bytes */
    *what = "binary data";
    return CONTENT_BINARY;
  }
  if (mhtml_sniff(d, n)) return CONTENT_MHTML;
  for (size_t i = 0; i < w; i++)
    if (d[i] == '<' && looks_like_tag(d + i + 1, n - i - 1)) return CONTENT_HTML;
  return CONTENT_TEXT;
}

int content_prepare(const char *raw, size_t rawlen, size_t max, content *c,
                    char *err, size_t errcap) {
  memset(c, 0, sizeof *c);
  c->data = raw;
  c->len = rawlen;
  if (content_is_gzip(raw, rawlen)) {
    char *z;
    size_t zn;
    if (content_gunzip(raw, rawlen, max, &z, &zn, err, errcap) != 0) return -1;
    c->owned[0] = z;
    c->data = z;
    c->len = zn;
  }
  const char *what;
  c->kind = content_sniff(c->data, c->len, &what);
  if (c->kind == CONTENT_BINARY) {
    snprintf(err, errcap, "not a text document (%s)", what);
    return -1;
  }
  if (c->kind == CONTENT_MHTML) {
    mhtml_page pg;
    if (mhtml_extract(c->data, c->len, max, &pg, err, errcap) != 0) return -1;
    c->owned[1] = pg.html;
    c->owned[2] = NULL;
    c->data = pg.html;
    c->len = pg.len;
    /* charset and url live in one allocation list: keep them owned */
    c->charset = pg.charset;
    c->url = pg.url;
    c->kind = CONTENT_HTML;
    const char *w2;
    if (content_sniff(c->data, c->len, &w2) == CONTENT_BINARY) {
      snprintf(err, errcap, "the archived page is not a text document (%s)", w2);
      return -1;
    }
  }
  return 0;
}

void content_free(content *c) {
  for (int i = 0; i < 3; i++) free(c->owned[i]);
  free((char *)c->charset);
  free((char *)c->url);
  memset(c, 0, sizeof *c);
}
