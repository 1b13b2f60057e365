/* warc_http.c — the HTTP side of WARC response records (see warc.h):
 * header lines, the response head (status and the three headers that
 * decide what the payload is), undoing chunked transfer coding and gzip or
 * deflate content coding (zlib), and the media types we clean. Owns
 * nothing: results point into the caller's bytes or buffers. */
#include "warc.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int blank(int c) { return c == ' ' || c == '\t' || c == '\r'; }

size_t cc_hdr_end(const char *p, size_t n) {
  const char *q = p, *e = p + n;
  while ((q = memchr(q, '\n', (size_t)(e - q))) != NULL) {
    q++;
    if (q < e && *q == '\n') return (size_t)(q + 1 - p);
    if (q + 1 < e && q[0] == '\r' && q[1] == '\n') return (size_t)(q + 2 - p);
  }
  return 0;
}

int cc_hdr_line(const char **pp, const char *end, const char **name, size_t *nlen,
                const char **val, size_t *vlen) {
  const char *p = *pp;
  if (p >= end) return 0;
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  const char *le = nl ? nl : end;
  *pp = nl ? nl + 1 : end;
  *nlen = *vlen = 0;
  *name = *val = p;
  if (p == le || blank((unsigned char)*p)) return 1; /* blank or folded */
  const char *colon = memchr(p, ':', (size_t)(le - p));
  if (!colon) return 1;
  const char *ne = colon;
  while (ne > p && blank((unsigned char)ne[-1])) ne--;
  const char *v = colon + 1;
  while (v < le && blank((unsigned char)*v)) v++;
  const char *ve = le;
  while (ve > v && blank((unsigned char)ve[-1])) ve--;
  *nlen = (size_t)(ne - p);
  *val = v;
  *vlen = (size_t)(ve - v);
  return 1;
}

int cc_hdr_is(const char *name, size_t n, const char *want) {
  size_t k = strlen(want);
  if (n != k) return 0;
  for (size_t i = 0; i < k; i++)
    if (lower((unsigned char)name[i]) != lower((unsigned char)want[i])) return 0;
  return 1;
}

/* "HTTP/1.1 200 OK": the status, or -1. */
static int status_line(const char *p, const char *e) {
  if (e - p < 10 || memcmp(p, "HTTP/", 5)) return -1; /* "HTTP/2 200" */
  const char *s = memchr(p, ' ', (size_t)(e - p));
  if (!s || e - s < 4) return -1;
  s++;
  for (int i = 0; i < 3; i++)
    if (s[i] < '0' || s[i] > '9') return -1;
  if (s + 3 < e && !blank((unsigned char)s[3]) && s[3] != '\n') return -1;
  return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

int cc_http_head_parse(const char *p, size_t n, int whole, cc_http_head *h,
                       const char **why) {
  memset(h, 0, sizeof *h);
  h->len = cc_hdr_end(p, n);
  if (!h->len) {
    if (!whole) {
      *why = "its HTTP header does not end within 128 KiB";
      return -1;
    }
    h->len = n; /* a head and no payload */
  }
  const char *q = p, *e = p + h->len, *name, *val;
  size_t nl, vl;
  const char *first = memchr(p, '\n', h->len);
  h->status = status_line(p, first ? first : e);
  if (h->status < 100) {
    *why = "its block is no HTTP response";
    return -1;
  }
  cc_hdr_line(&q, e, &name, &nl, &val, &vl); /* the status line */
  while (cc_hdr_line(&q, e, &name, &nl, &val, &vl)) {
    if (cc_hdr_is(name, nl, "content-type") && !h->ctype) h->ctype = val, h->ctype_len = vl;
    else if (cc_hdr_is(name, nl, "transfer-encoding")) h->tenc = val, h->tenc_len = vl;
    else if (cc_hdr_is(name, nl, "content-encoding")) h->cenc = val, h->cenc_len = vl;
  }
  return 0;
}

/* ---- payload codings ---- */

/* A chunk-size line: its value, or -1 when the bytes are no chunk size. */
static long long chunk_size(const char *p, const char *e, const char **after) {
  long long v = 0;
  int digits = 0;
  while (p < e && blank((unsigned char)*p)) p++;
  for (; p < e; p++, digits++) {
    int c = lower((unsigned char)*p), d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) break;
    if (digits >= 15) return -1;
    v = v * 16 + d;
  }
  if (!digits) return -1;
  const char *nl = memchr(p, '\n', (size_t)(e - p)); /* extensions, CRLF */
  if (!nl) return -1;
  *after = nl + 1;
  return v;
}

/* Decodes chunked bytes into b. Returns 0, or -1 when the bytes are not
 * chunked at all (the first line is no chunk size). */
static int dechunk(const char *in, size_t n, cc_buf *b) {
  const char *p = in, *e = in + n, *data;
  cc_buf_clear(b);
  cc_buf_reserve(b, n);
  for (int first = 1;; first = 0) {
    long long k = chunk_size(p, e, &data);
    if (k < 0) return first ? -1 : 0; /* cut short: keep what came */
    if (k == 0) return 0;
    size_t take = (unsigned long long)k < (size_t)(e - data) ? (size_t)k : (size_t)(e - data);
    cc_buf_put(b, data, take);
    p = data + take;
    if (p < e && *p == '\r') p++;
    if (p < e && *p == '\n') p++;
    if (p >= e) return 0;
  }
}

/* Inflates with the given window bits into b, at most max bytes. Returns
 * 1 when done or cut short after some output, 0 when nothing could be
 * decoded, -1 when the output would pass max. */
static int inflate_to(const char *in, size_t n, int wbits, size_t max, cc_buf *b) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (inflateInit2(&zs, wbits) != Z_OK) return 0;
  cc_buf_clear(b);
  zs.next_in = (Bytef *)in;
  zs.avail_in = (uInt)(n > 0x40000000u ? 0x40000000u : n);
  int rc = Z_OK, over = 0;
  while (rc == Z_OK) {
    if (b->len >= max) {
      over = 1;
      break;
    }
    size_t room = max - b->len + 1 < ((size_t)1 << 20) ? max - b->len + 1 : (size_t)1 << 20;
    cc_buf_reserve(b, room);
    zs.next_out = (Bytef *)b->data + b->len;
    zs.avail_out = (uInt)room;
    rc = inflate(&zs, Z_NO_FLUSH);
    b->len += room - zs.avail_out;
    if (rc == Z_BUF_ERROR && zs.avail_out) break; /* input cut short */
    if (rc == Z_BUF_ERROR) rc = Z_OK;
  }
  inflateEnd(&zs);
  if (over || b->len > max) return -1;
  if (b->data) b->data[b->len] = '\0';
  return b->len || rc == Z_STREAM_END ? 1 : 0;
}

static int token_is(const char *v, size_t n, const char *t) {
  while (n && blank((unsigned char)v[n - 1])) n--;
  return cc_hdr_is(v, n, t);
}

cc_status cc_http_decode(const cc_http_head *h, const char *in, size_t n,
                         size_t max, cc_buf *b1, cc_buf *b2, const char **out,
                         size_t *outlen, char *msg, size_t cap) {
  *out = in;
  *outlen = n;
  if (h->tenc && h->tenc_len >= 7 &&
      token_is(h->tenc + h->tenc_len - 7, 7, "chunked") && dechunk(in, n, b1) == 0) {
    *out = b1->data ? b1->data : "";
    *outlen = b1->len;
  }
  if (!h->cenc || !h->cenc_len || token_is(h->cenc, h->cenc_len, "identity")) return CC_OK;
  int gzip = token_is(h->cenc, h->cenc_len, "gzip") || token_is(h->cenc, h->cenc_len, "x-gzip");
  int deflate = token_is(h->cenc, h->cenc_len, "deflate");
  if (!gzip && !deflate) {
    snprintf(msg, cap, "its payload is compressed with \"%.*s\", which is not supported",
             (int)(h->cenc_len > 40 ? 40 : h->cenc_len), h->cenc);
    return CC_ERR_NOT_HTML;
  }
  const unsigned char *u = (const unsigned char *)*out;
  int rc = 0;
  if (gzip && *outlen >= 2 && u[0] == 0x1f && u[1] == 0x8b)
    rc = inflate_to(*out, *outlen, 16 + MAX_WBITS, max, b2);
  else if (deflate && (rc = inflate_to(*out, *outlen, MAX_WBITS, max, b2)) == 0)
    rc = inflate_to(*out, *outlen, -MAX_WBITS, max, b2); /* raw deflate, as some servers send */
  if (rc < 0) {
    snprintf(msg, cap, "its payload decompresses to more than the %zu-byte limit", max);
    return CC_ERR_TOO_LARGE;
  }
  if (rc > 0) { /* else: stored decoded after all (crawlers often do) */
    *out = b2->data ? b2->data : "";
    *outlen = b2->len;
  }
  return CC_OK;
}

/* ---- media types ---- */

static const char *const media_html[] = {"text/html", "application/xhtml+xml",
                                         "application/vnd.wap.xhtml+xml"};
static const char *const media_text[] = {"text/plain", "text/markdown", "text/x-markdown"};
static const char *const media_sniff[] = {"", "application/octet-stream", "binary/octet-stream",
                                          "application/unknown", "unknown/unknown",
                                          "application/x-unknown", "text/xml", "application/xml"};

static int in_list(const char *t, const char *const *l, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(t, l[i])) return 1;
  return 0;
}

cc_media cc_media_class(const char *t) {
  if (in_list(t, media_html, sizeof media_html / sizeof *media_html)) return CC_MEDIA_HTML;
  if (in_list(t, media_text, sizeof media_text / sizeof *media_text)) return CC_MEDIA_TEXT;
  if (in_list(t, media_sniff, sizeof media_sniff / sizeof *media_sniff)) return CC_MEDIA_SNIFF;
  return CC_MEDIA_OTHER;
}

void cc_media_type(const char *v, size_t n, char *out, size_t cap) {
  while (n && blank((unsigned char)*v)) v++, n--;
  size_t k = 0;
  while (k < n && v[k] != ';') k++;
  while (k && blank((unsigned char)v[k - 1])) k--;
  if (k >= cap) k = 0;
  for (size_t i = 0; i < k; i++) out[i] = (char)lower((unsigned char)v[i]);
  out[k] = '\0';
}
