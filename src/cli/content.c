/* content.c — sniffing and unpacking of input bytes (see content.h). The
 * rules, in order: gzip magic → gunzip (once); a byte-order mark → text
 * (HTML or plain, by markup); a MIME header block → MHTML; a known binary
 * signature, NUL bytes or many control bytes → binary; markup tags near the
 * start → HTML; otherwise plain text. */
#include "content.h"

#include "../../include/clipclean.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "mhtml.h"
#include "util.h"

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

content_kind content_sniff(const char *d, size_t n, const char **what) {
  const char *dummy;
  if (!what) what = &dummy;
  *what = NULL;
  if (mhtml_sniff(d, n)) return CONTENT_MHTML;
  /* HTML, text or binary: the library decides, as it will when extracting */
  switch (cc_sniff_input(d, n, NULL, what)) {
  case CC_INPUT_TEXT: return CONTENT_TEXT;
  case CC_INPUT_HTML: return CONTENT_HTML;
  default: return CONTENT_BINARY;
  }
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
