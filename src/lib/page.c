/* page.c — the saved-page reader and its entry point, cc_extract_page:
 * what the bytes of a saved page hold, decided by their content (the gzip
 * magic, then a MIME header block, then cc_extract's own sniffing), never
 * by a file name. gzip is undone once, within the input limit (a bomb
 * stops there); an MHTML archive gives its first HTML part, whose charset
 * and location the extraction uses unless the caller gave its own. */
#include "page.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "mhtml.h"
#include "oom.h"
#include "result.h"

int cc_page_is_gzip(const char *d, size_t n) {
  return n >= 2 && (unsigned char)d[0] == 0x1f && (unsigned char)d[1] == 0x8b;
}

static void end_inflate(void *zs) { inflateEnd(zs); }

/* Inflates into a growing tracked buffer; returns the zlib status of the
 * last call and the bytes written in *n (possibly over max). */
static int inflate_all(z_stream *zs, const char *in, size_t inlen, size_t max, char **buf,
                       size_t *n) {
  size_t cap = inlen < max / 4 ? inlen * 4 + 1024 : max + 1;
  char *out = cc_malloc(cap + 1);
  size_t got = 0, in_left = inlen;
  int rc = Z_OK;
  zs->next_in = (Bytef *)in;
  for (;;) {
    if (zs->avail_in == 0 && in_left) {
      zs->avail_in = (uInt)(in_left > 0x40000000u ? 0x40000000u : in_left);
      in_left -= zs->avail_in;
    }
    if (got == cap) {
      if (cap > max) break;
      cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
      out = cc_realloc(out, cap + 1);
    }
    zs->next_out = (Bytef *)out + got;
    zs->avail_out = (uInt)(cap - got > 0x40000000u ? 0x40000000u : cap - got);
    rc = inflate(zs, Z_NO_FLUSH);
    got = (size_t)((char *)zs->next_out - out);
    if (rc == Z_STREAM_END) {
      /* concatenated members: go on while gzip input remains */
      if ((zs->avail_in > 0 || in_left) && inflateReset(zs) == Z_OK) {
        if (zs->avail_in >= 2 && zs->next_in[0] == 0x1f && zs->next_in[1] == 0x8b) continue;
        break; /* trailing garbage after a member: ignored, as gzip -d warns */
      }
      break;
    }
    if (rc == Z_BUF_ERROR && zs->avail_in == 0 && !in_left) break; /* truncated */
    if (rc == Z_MEM_ERROR) cc_oom();
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (got > max) break;
  }
  *buf = out;
  *n = got;
  return rc;
}

cc_status cc_page_gunzip(cc_arena *a, const char *in, size_t inlen, size_t max, char **data,
                         size_t *len, char *err, size_t errcap) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  int init = inflateInit2(&zs, 15 + 32);
  if (init == Z_MEM_ERROR) cc_oom();
  if (init != Z_OK) {
    snprintf(err, errcap, "cannot start gzip decoding");
    return CC_ERR_INTERNAL;
  }
  void *cleanup = cc_guard_on_fail(end_inflate, &zs);
  char *out;
  size_t n;
  int rc = inflate_all(&zs, in, inlen, max, &out, &n);
  cc_guard_cancel(cleanup);
  inflateEnd(&zs);
  cc_status st = CC_OK;
  if (n > max) {
    snprintf(err, errcap, "decompresses to more than the %zu-byte input limit", max);
    st = CC_ERR_TOO_LARGE;
  } else if (rc != Z_STREAM_END) {
    snprintf(err, errcap, "corrupt or truncated gzip data");
    st = CC_ERR_NOT_HTML;
  } else {
    *data = cc_arena_strndup(a, out, n);
    *len = n;
  }
  cc_mfree(out);
  return st;
}

cc_status cc_page_unpack(cc_arena *a, const char *raw, size_t rawlen, size_t max, cc_page *p,
                         char *err, size_t errcap) {
  memset(p, 0, sizeof *p);
  p->data = raw ? raw : "";
  p->len = rawlen;
  if (cc_page_is_gzip(raw, rawlen)) {
    char *z;
    cc_status st = cc_page_gunzip(a, raw, rawlen, max, &z, &p->len, err, errcap);
    if (st) return st;
    p->data = z;
  }
  const char *what = NULL;
  int mhtml = cc_mhtml_sniff(a, p->data, p->len);
  if (!mhtml && cc_sniff_input(p->data, p->len, NULL, &what) == CC_INPUT_AUTO) {
    snprintf(err, errcap, "not a text document (%s)", what ? what : "binary data");
    return CC_ERR_NOT_HTML;
  }
  if (!mhtml) return CC_OK;
  cc_mhtml_page pg;
  int rc = cc_mhtml_extract(a, p->data, p->len, max, &pg, err, errcap);
  if (rc) return rc == -2 ? CC_ERR_TOO_LARGE : CC_ERR_NOT_HTML;
  p->data = pg.html;
  p->len = pg.len;
  p->charset = pg.charset;
  p->url = pg.url;
  p->mhtml = 1;
  if (cc_sniff_input(p->data, p->len, NULL, &what) == CC_INPUT_AUTO) {
    snprintf(err, errcap, "the archived page is not a text document (%s)",
             what ? what : "binary data");
    return CC_ERR_NOT_HTML;
  }
  return CC_OK;
}

cc_status cc_extract_page(const char *data, size_t len, const cc_options *opt, cc_result **out,
                          cc_error *err) {
  if (out) *out = NULL;
  if (!out || (!data && len)) return cc_fail(err, CC_ERR_ARGS, "no input or output given");
  cc_guard g;
  if (CC_GUARD(&g)) {
    *out = NULL;
    return cc_fail(err, CC_ERR_NOMEM, "out of memory");
  }
  cc_options o;
  cc_status st = cc_options_take(opt, &o, err);
  if (st == CC_OK) {
    cc_arena a;
    cc_arena_init(&a);
    cc_page p;
    char msg[256];
    st = cc_page_unpack(&a, data, len, cc_options_max_input(&o), &p, msg, sizeof msg);
    if (st) {
      cc_fail(err, st, msg);
    } else {
      if (!o.url) o.url = p.url;
      if (!o.charset_hint) o.charset_hint = p.charset;
      if (p.mhtml && o.input_format == CC_INPUT_AUTO) o.input_format = CC_INPUT_HTML;
      st = cc_extract_taken(p.data, p.len, &o, out, err);
    }
    cc_arena_free(&a);
  }
  cc_guard_end(&g);
  return st;
}
