/* warc.c — the WARC reader (the cc_warc_* API in clipclean.h): finds each
 * record in the byte stream (warc_stream.c), parses its header, classifies
 * it, hands out a page's payload or passes over any other block, and turns
 * every way a record can be broken into one error naming its offset, then
 * finds the next record. Owns the reader: the stream, the record handed
 * out and its strings, and the buffers of decoded payloads.
 *
 * Where to go on after a broken record: a record whose length cannot be
 * trusted (truncated, no valid Content-Length, a block that does not end
 * where its length says) is searched again from its second byte for the
 * next line starting "WARC/" (records swallowed by a wrong length come
 * out); in a .warc.gz a gzip member starting with "WARC/" inside a record
 * ends it there (a record cut short); a break in the gzip data ends it at
 * the break. A record whose content is the problem (an HTTP head that is
 * none, a payload over the limit or in an unknown coding) is passed over
 * by its length. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clipclean.h"
#include "strip.h"
#include "warc.h"
#include "warc_stream.h"
#include "result.h"

#define HEAD_MAX ((size_t)128 << 10)  /* a WARC header, an HTTP head */
#define TAIL_LOOK 40                  /* bytes looked at after a block */
#define SNIFF_LOOK ((size_t)16 << 10) /* bytes sniffed of an untyped payload */
#define HARD_MAX_PAGE ((size_t)1 << 30)

/* The record's strings, stored in one buffer (offsets, since it grows). */
enum { S_TYPE, S_URI, S_DATE, S_ID, S_CTYPE, S_CHARSET, S_WHY, S_N };

struct cc_warc_reader {
  cc_wstream s;
  size_t max_page;
  cc_warc_record rec;
  cc_buf strs;
  size_t str_at[S_N]; /* offset + 1 into strs; 0: absent */
  cc_buf dec[2];      /* decoded payloads */
  char *nul_at;       /* the byte a body's NUL terminator covers */
  char nul_saved;
  int done;
  int trunc_said;     /* "the file ends inside a gzip member" said */
  int searching;      /* looking again inside a failed record: what is no
                         record there was part of it, and is not said again */
  uint64_t nb_from, nb_to; /* no blank line lies in [nb_from, nb_to): a
                         header starting there need not search it again */
};

/* What the header of the record in hand says. */
typedef struct whead {
  size_t len;          /* header bytes, blank line included */
  uint64_t clen;
  int has_clen, version_ok;
  char version[16];
  char wctype[128];    /* the WARC Content-Type's media type */
  int http;            /* its block is an HTTP message */
} whead;

/* ---- the record's strings ---- */

static void str_set(cc_warc_reader *r, int k, const char *v, size_t n) {
  r->str_at[k] = r->strs.len + 1;
  cc_buf_put(&r->strs, v, n);
  cc_buf_putc(&r->strs, '\0');
}

static const char *str_get(const cc_warc_reader *r, int k) {
  return r->str_at[k] ? r->strs.data + r->str_at[k] - 1 : NULL;
}

static void strs_publish(cc_warc_reader *r) {
  cc_warc_record *c = &r->rec;
  c->type = str_get(r, S_TYPE);
  c->target_uri = str_get(r, S_URI);
  c->date = str_get(r, S_DATE);
  c->record_id = str_get(r, S_ID);
  c->content_type = str_get(r, S_CTYPE);
  c->charset = str_get(r, S_CHARSET);
  c->why = str_get(r, S_WHY);
}

static void begin_record(cc_warc_reader *r) {
  if (r->nul_at) *r->nul_at = r->nul_saved;
  r->nul_at = NULL;
  memset(&r->rec, 0, sizeof r->rec);
  memset(r->str_at, 0, sizeof r->str_at);
  cc_buf_clear(&r->strs);
  for (int i = 0; i < 2; i++) {
    if (r->dec[i].cap > ((size_t)8 << 20)) cc_buf_free(&r->dec[i]); /* give back */
    cc_buf_clear(&r->dec[i]);
  }
}

/* ---- messages ---- */

static cc_status vfail(cc_error *err, cc_status st, const char *where, const char *fmt, va_list ap) {
  if (!err) return st;
  err->status = st;
  int n = snprintf(err->message, sizeof err->message, "%s: ", where);
  if (n >= 0 && (size_t)n < sizeof err->message)
    vsnprintf(err->message + n, sizeof err->message - (size_t)n, fmt, ap);
  return st;
}

/* "record at offset N (+K in its gzip member) (URI)" */
static void record_where(const cc_warc_reader *r, char *buf, size_t cap) {
  int n = snprintf(buf, cap, "record at offset %llu", (unsigned long long)r->rec.offset);
  if (r->rec.member_skip && n > 0 && (size_t)n < cap)
    n += snprintf(buf + n, cap - (size_t)n, " (+%llu in its gzip member)",
                  (unsigned long long)r->rec.member_skip);
  const char *u = str_get(r, S_URI);
  if (u && n > 0 && (size_t)n < cap)
    snprintf(buf + n, cap - (size_t)n, " (%.80s%s)", u, strlen(u) > 80 ? "..." : "");
}

static cc_status rec_fail(cc_warc_reader *r, cc_error *err, cc_status st, const char *fmt, ...) {
  char where[160];
  record_where(r, where, sizeof where);
  va_list ap;
  va_start(ap, fmt);
  vfail(err, st, where, fmt, ap);
  va_end(ap);
  return st;
}

static cc_status coff_fail(cc_error *err, cc_status st, uint64_t coff, uint64_t skip,
                           const char *fmt, ...) {
  char where[80];
  if (skip) snprintf(where, sizeof where, "offset %llu (+%llu in its gzip member)",
                     (unsigned long long)coff, (unsigned long long)skip);
  else snprintf(where, sizeof where, "offset %llu", (unsigned long long)coff);
  va_list ap;
  va_start(ap, fmt);
  vfail(err, st, where, fmt, ap);
  va_end(ap);
  return st;
}

#define at_fail(r, uoff, err, st, ...)                                   \
  do {                                                                   \
    uint64_t c_, k_;                                                     \
    ws_where(&(r)->s, (uoff), &c_, &k_);                                 \
    return coff_fail((err), (st), c_, k_, __VA_ARGS__);                  \
  } while (0)

/* ---- going on after a broken record ---- */

/* Searches again from the byte after the record's start. */
static void resume_after(cc_warc_reader *r, uint64_t start) {
  ws_seek(&r->s, start + 1); /* when it cannot, go on from here */
  ws_release(&r->s);
  r->searching = 1;
}

/* Goes on at a point ahead (a member starting a record, a break). */
static void resume_at(cc_warc_reader *r, uint64_t at) {
  ws_seek(&r->s, at);
  ws_release(&r->s);
}

/* Fewer bytes came than a record needs: `avail` at the current position,
 * `have` of the `want` bytes of its `part` ("header" or "block"). Says why
 * (the end of the input, a read error, a break) and goes on accordingly. */
static cc_status truncated(cc_warc_reader *r, uint64_t start, size_t avail, uint64_t have,
                           uint64_t want, const char *part, cc_error *err) {
  cc_wstream *s = &r->s;
  ws_skip(s, avail);
  uint64_t dmg;
  if (ws_at(s, &dmg) == 2) {
    uint64_t brk = ws_tell(s);
    rec_fail(r, err, CC_ERR_PARSE, "truncated: the gzip data is corrupt at offset %llu, %llu "
             "bytes into its %s", (unsigned long long)dmg, (unsigned long long)have, part);
    resume_at(r, brk);
    ws_cross(s);
    return CC_ERR_PARSE;
  }
  if (s->io_error) {
    r->done = 1;
    return rec_fail(r, err, CC_ERR_IO, "%s", s->errmsg);
  }
  if (s->truncated) r->trunc_said = 1;
  if (want > have)
    rec_fail(r, err, CC_ERR_PARSE, "truncated: the %s ends after %llu of its %llu-byte %s",
             s->truncated ? "file (inside a gzip member)" : "input", (unsigned long long)have,
             (unsigned long long)want, part);
  else
    rec_fail(r, err, CC_ERR_PARSE, "truncated: the %s ends %llu bytes into its %s",
             s->truncated ? "file (inside a gzip member)" : "input", (unsigned long long)have, part);
  resume_after(r, start);
  return CC_ERR_PARSE;
}

/* A gzip member that starts a record in [from, to) (the record began at
 * `start`): the record in hand was cut short there. */
static int cut_by_member(cc_warc_reader *r, uint64_t start, uint64_t from, uint64_t to,
                         cc_error *err, cc_status *st) {
  uint64_t m = ws_member_record(&r->s, from - 1, to);
  if (!m) return 0;
  uint64_t coff, skip;
  ws_where(&r->s, m, &coff, &skip);
  *st = rec_fail(r, err, CC_ERR_PARSE, "truncated: the next record starts at offset %llu, "
                 "%llu bytes into it", (unsigned long long)coff, (unsigned long long)(m - start));
  resume_at(r, m);
  return 1;
}

/* After a block: its CRLF CRLF (what follows is the next record's
 * business), or only line ends up to the next record or the end (some
 * writers end records with fewer). Anything else: the block's length was
 * not its length. */
static int tail_ok(const char *p, size_t n, int at_end) {
  if (n >= 4 && !memcmp(p, "\r\n\r\n", 4)) return 1;
  size_t i = 0;
  while (i < n && i < 32 && (p[i] == '\r' || p[i] == '\n')) i++;
  if (i == 32) return 1;
  if (i == n) return at_end || n >= TAIL_LOOK;
  return n - i >= 5 && !memcmp(p + i, "WARC/", 5);
}

/* ---- finding a record ---- */

/* Skips bytes that are no record up to the next line starting "WARC/" (or
 * a gzip member starting with it), the end, or a break; says so. */
static cc_status skip_junk(cc_warc_reader *r, cc_error *err) {
  cc_wstream *s = &r->s;
  uint64_t start = ws_tell(s);
  for (;;) {
    size_t n = ws_fill(s, (size_t)64 << 10);
    const char *p = ws_ptr(s);
    size_t found = n;
    for (const char *q = p + 1; q + 5 <= p + n; q++) {
      q = memchr(q, 'W', (size_t)(p + n - q));
      if (!q || q + 5 > p + n) break;
      if (q[-1] == '\n' && !memcmp(q, "WARC/", 5)) {
        found = (size_t)(q - p);
        break;
      }
    }
    uint64_t m = ws_member_record(s, ws_tell(s), ws_tell(s) + found);
    if (m) found = (size_t)(m - ws_tell(s));
    if (found < n) {
      ws_skip(s, found);
      break;
    }
    if (n < 6) { /* the end, or a break */
      ws_skip(s, n);
      break;
    }
    ws_skip(s, n - 5); /* "WARC/" may straddle the next fill */
  }
  at_fail(r, start, err, CC_ERR_PARSE, "%llu bytes that are no WARC record, skipped",
          (unsigned long long)(ws_tell(s) - start));
}

/* Goes to the start of the next record. Returns CC_OK there (or, with
 * r->done, at the end), or an error for what stood in the way. */
static cc_status find_record(cc_warc_reader *r, cc_error *err) {
  cc_wstream *s = &r->s;
  for (;;) {
    size_t n = ws_fill(s, 8);
    const char *p = ws_ptr(s);
    size_t i = 0;
    while (i < n && (p[i] == '\r' || p[i] == '\n' || p[i] == '\0')) i++;
    ws_skip(s, i);
    if (i < n) {
      if (ws_fill(s, 5) >= 5 && !memcmp(ws_ptr(s), "WARC/", 5)) break;
      cc_status st = skip_junk(r, err);
      if (!r->searching) return st;
      r->searching = 0; /* the rest of the failed record: said already */
      continue;
    }
    if (n) continue;
    uint64_t dmg;
    int at = ws_at(s, &dmg);
    if (at == 2) {
      uint64_t resume, skip;
      ws_cross(s);
      ws_where(s, ws_tell(s), &resume, &skip);
      if (ws_fill(s, 1))
        return coff_fail(err, CC_ERR_PARSE, dmg, 0, "corrupt gzip data, skipped up to offset %llu",
                         (unsigned long long)resume);
      return coff_fail(err, CC_ERR_PARSE, dmg, 0, "corrupt gzip data up to the end, skipped");
    }
    r->done = 1;
    if (s->io_error) at_fail(r, ws_tell(s), err, CC_ERR_IO, "%s", s->errmsg);
    if (s->truncated && !r->trunc_said) {
      r->trunc_said = 1;
      at_fail(r, ws_tell(s), err, CC_ERR_PARSE, "the file ends inside a gzip member");
    }
    return CC_OK;
  }
  r->searching = 0;
  return CC_OK;
}

/* ---- the WARC header ---- */

/* Parses the header's fields. Returns 0, or the offset in it of a line
 * starting "WARC/": a record cut short in its header, the next one there. */
static size_t parse_header(cc_warc_reader *r, const char *p, whead *h) {
  const char *q = p, *e = p + h->len, *name, *val;
  size_t nl, vl;
  cc_hdr_line(&q, e, &name, &nl, &val, &vl); /* "WARC/1.1" */
  size_t k = 5;
  while (k < (size_t)(q - p) && k - 5 < sizeof h->version - 1 && p[k] > ' ') k++;
  memcpy(h->version, p + 5, k - 5);
  h->version[k - 5] = '\0';
  h->version_ok = !strcmp(h->version, "1.0") || !strcmp(h->version, "1.1");
  while (cc_hdr_line(&q, e, &name, &nl, &val, &vl)) {
    if (!nl && e - name >= 5 && !memcmp(name, "WARC/", 5)) return (size_t)(name - p);
    if (cc_hdr_is(name, nl, "content-length")) {
      uint64_t v = 0;
      size_t i = 0;
      for (; i < vl && i < 19 && val[i] >= '0' && val[i] <= '9'; i++) v = v * 10 + (uint64_t)(val[i] - '0');
      h->has_clen = vl && i == vl;
      h->clen = v;
    } else if (cc_hdr_is(name, nl, "warc-type")) {
      str_set(r, S_TYPE, val, vl);
    } else if (cc_hdr_is(name, nl, "warc-target-uri")) {
      if (vl >= 2 && val[0] == '<' && val[vl - 1] == '>') val++, vl -= 2; /* WARC 1.0's <uri> */
      str_set(r, S_URI, val, vl);
    } else if (cc_hdr_is(name, nl, "warc-date")) {
      str_set(r, S_DATE, val, vl);
    } else if (cc_hdr_is(name, nl, "warc-record-id")) {
      str_set(r, S_ID, val, vl);
    } else if (cc_hdr_is(name, nl, "content-type")) {
      cc_media_type(val, vl, h->wctype, sizeof h->wctype);
      h->http = !strcmp(h->wctype, "application/http");
      if (!h->http) { /* a resource: its own type and charset */
        char cs[48];
        str_set(r, S_CTYPE, h->wctype, strlen(h->wctype));
        if (cc_charset_from_content_type(val, vl, cs, sizeof cs)) str_set(r, S_CHARSET, cs, strlen(cs));
      }
    }
  }
  return 0;
}

/* Finds the end of the header at the current position: its length, or 0
 * with the error said. The search never looks twice at bytes a previous
 * one found no blank line in (candidates inside a failed record's bytes
 * would otherwise each scan up to 128 KiB). */
static size_t header_end(cc_warc_reader *r, uint64_t start, cc_error *err, cc_status *st) {
  cc_wstream *s = &r->s;
  size_t from = start >= r->nb_from && start < r->nb_to ? (size_t)(r->nb_to - start) : 0;
  for (size_t want = 2048;; want *= 2) {
    if (want > HEAD_MAX) want = HEAD_MAX;
    size_t n = ws_fill(s, want);
    size_t back = from > 2 ? from - 2 : 0; /* a blank line across the seam */
    size_t e = back < n ? cc_hdr_end(ws_ptr(s) + back, n - back) : 0;
    if (e) return back + e;
    if (n > from) from = n;
    r->nb_from = start;
    r->nb_to = start + from;
    if (n < want) {
      *st = truncated(r, start, n, n, 0, "header", err);
      return 0;
    }
    if (want == HEAD_MAX) {
      *st = rec_fail(r, err, CC_ERR_PARSE, "its header does not end within 128 KiB");
      resume_after(r, start);
      return 0;
    }
  }
}

/* Reads the header of the record at the current position. */
static cc_status read_header(cc_warc_reader *r, uint64_t start, whead *h, cc_error *err) {
  cc_wstream *s = &r->s;
  memset(h, 0, sizeof *h);
  cc_status st = CC_OK;
  if (!(h->len = header_end(r, start, err, &st))) return st;
  if (cut_by_member(r, start, start + 1, start + h->len, err, &st)) return st;
  size_t inner = parse_header(r, ws_ptr(s), h);
  if (inner) {
    rec_fail(r, err, CC_ERR_PARSE, "truncated: the next record starts in its header, %zu "
             "bytes into it", inner);
    resume_at(r, start + inner);
    return CC_ERR_PARSE;
  }
  if (!h->has_clen) { /* any record starting in this header would lack one too */
    rec_fail(r, err, CC_ERR_PARSE, "no valid Content-Length");
    resume_at(r, start + h->len);
    r->searching = 1;
    return CC_ERR_PARSE;
  }
  ws_skip(s, h->len);
  return CC_OK;
}

/* ---- blocks ---- */

/* Passes over `len` bytes of block without keeping them, checking that no
 * record starts inside (gzip members) and that the block ends as it
 * should. */
static cc_status pass_block(cc_warc_reader *r, uint64_t start, uint64_t len, cc_error *err) {
  cc_wstream *s = &r->s;
  uint64_t from = ws_tell(s), left = len;
  if (s->file_size && !s->gz && from + len > s->file_size) { /* no need to read on */
    rec_fail(r, err, CC_ERR_PARSE, "truncated: it declares %llu bytes, the file has %llu after "
             "its header", (unsigned long long)len, (unsigned long long)(s->file_size - from));
    resume_after(r, start);
    return CC_ERR_PARSE;
  }
  ws_release(s);
  while (left) {
    size_t want = left < ((size_t)256 << 10) ? (size_t)left : (size_t)256 << 10;
    size_t n = ws_fill(s, want + 5);
    size_t take = n < want ? n : want;
    cc_status st;
    if (cut_by_member(r, start, ws_tell(s), ws_tell(s) + take, err, &st)) return st;
    if (take < want) return truncated(r, start, take, len - left + take, len, "block", err);
    ws_skip(s, take);
    left -= take;
  }
  size_t n = ws_fill(s, TAIL_LOOK);
  if (!tail_ok(ws_ptr(s), n, n < TAIL_LOOK)) {
    rec_fail(r, err, CC_ERR_PARSE, "its block does not end after its %llu declared bytes",
             (unsigned long long)len);
    resume_after(r, start);
    return CC_ERR_PARSE;
  }
  return CC_OK;
}

/* Brings a whole block (and what follows it) into the window, checked as
 * pass_block checks it. */
static cc_status load_block(cc_warc_reader *r, uint64_t start, size_t len, cc_error *err) {
  cc_wstream *s = &r->s;
  size_t n = ws_fill(s, len + TAIL_LOOK);
  cc_status st;
  if (cut_by_member(r, start, ws_tell(s), ws_tell(s) + (n < len ? n : len), err, &st)) return st;
  if (n < len) return truncated(r, start, n, n, len, "block", err);
  if (!tail_ok(ws_ptr(s) + len, n - len, n < len + TAIL_LOOK)) {
    rec_fail(r, err, CC_ERR_PARSE, "its block does not end after its %zu declared bytes", len);
    resume_after(r, start);
    return CC_ERR_PARSE;
  }
  return CC_OK;
}

/* ---- classifying ---- */

/* `why` must not be one of the record's strings (storing it may move them). */
static void set_kind(cc_warc_reader *r, cc_warc_kind k, const char *why) {
  r->rec.kind = k;
  if (why) str_set(r, S_WHY, why, strlen(why));
}

/* The HTTP head of a response record: its status, type and charset. */
static cc_status read_http(cc_warc_reader *r, uint64_t start, const whead *h, cc_http_head *hh,
                           cc_error *err, const char **bad) {
  cc_wstream *s = &r->s;
  size_t want = h->clen < HEAD_MAX ? (size_t)h->clen : HEAD_MAX;
  size_t n = ws_fill(s, want);
  cc_status st;
  if (cut_by_member(r, start, ws_tell(s), ws_tell(s) + (n < want ? n : want), err, &st)) return st;
  if (n < want) return truncated(r, start, n, n, h->clen, "block", err);
  *bad = NULL;
  if (cc_http_head_parse(ws_ptr(s), want, want == h->clen, hh, bad) != 0) return CC_OK;
  r->rec.http_status = hh->status;
  char type[128] = "", cs[48];
  if (hh->ctype) cc_media_type(hh->ctype, hh->ctype_len, type, sizeof type);
  if (*type) str_set(r, S_CTYPE, type, strlen(type));
  if (hh->ctype && cc_charset_from_content_type(hh->ctype, hh->ctype_len, cs, sizeof cs))
    str_set(r, S_CHARSET, cs, strlen(cs));
  return CC_OK;
}

/* What a response or resource record is, from its status and type. */
static void classify(cc_warc_reader *r, int http, uint64_t payload) {
  const char *t = str_get(r, S_CTYPE);
  char why[64];
  int status = r->rec.http_status;
  if (http && (status < 200 || status > 299)) {
    snprintf(why, sizeof why, "HTTP %d", status);
    set_kind(r, CC_WARC_HTTP_STATUS, why);
    return;
  }
  cc_media m = cc_media_class(t ? t : "");
  if (m == CC_MEDIA_OTHER) { /* why: the type itself (one string, not a copy
                                of a string in the buffer it would grow) */
    r->rec.kind = CC_WARC_NOT_TEXT;
    r->str_at[S_WHY] = r->str_at[S_CTYPE];
  }
  else if (!payload) set_kind(r, CC_WARC_NOT_TEXT, "no payload");
  else set_kind(r, CC_WARC_PAGE, NULL);
  r->rec.input_format = m == CC_MEDIA_HTML ? CC_INPUT_HTML
                        : m == CC_MEDIA_TEXT ? CC_INPUT_TEXT : CC_INPUT_AUTO;
}

/* A page's payload: decoded, sniffed when untyped, NUL-terminated. */
static cc_status take_payload(cc_warc_reader *r, const cc_http_head *hh, size_t len,
                              cc_error *err) {
  cc_wstream *s = &r->s;
  const char *p = ws_ptr(s) + hh->len, *body;
  size_t n = len - hh->len, blen;
  char msg[160];
  cc_status st = cc_http_decode(hh, p, n, r->max_page, &r->dec[0], &r->dec[1], &body, &blen,
                                msg, sizeof msg);
  ws_skip(s, len);
  ws_release(s);
  if (st != CC_OK) return rec_fail(r, err, st, "%s", msg);
  if (r->rec.input_format == CC_INPUT_AUTO) {
    const char *what = NULL;
    size_t look = blen < SNIFF_LOOK ? blen : SNIFF_LOOK;
    if (cc_sniff_input(body, look, str_get(r, S_CHARSET), &what) == CC_INPUT_AUTO) {
      set_kind(r, CC_WARC_NOT_TEXT, what ? what : "binary data");
      return CC_OK;
    }
  }
  if (body == p) { /* in the window: the byte after it is ours to borrow */
    r->nul_at = (char *)body + blen;
    r->nul_saved = *r->nul_at;
    *r->nul_at = '\0';
  }
  r->rec.body = body;
  r->rec.body_len = blen;
  return CC_OK;
}

/* Reads the record at the current position. */
static cc_status read_record(cc_warc_reader *r, cc_error *err) {
  cc_wstream *s = &r->s;
  uint64_t start = ws_tell(s);
  ws_keep(s);
  ws_where(s, start, &r->rec.offset, &r->rec.member_skip);
  whead h;
  cc_status st = read_header(r, start, &h, err);
  if (st != CC_OK) return st;
  r->rec.content_length = h.clen;
  const char *type = str_get(r, S_TYPE);
  int payload_type = type && (cc_hdr_is(type, strlen(type), "response") ||
                              cc_hdr_is(type, strlen(type), "resource"));
  cc_http_head hh;
  memset(&hh, 0, sizeof hh);
  const char *bad = NULL;
  if (!h.version_ok) {
    bad = "unsupported WARC version";
    set_kind(r, CC_WARC_OTHER_TYPE, NULL);
  } else if (!payload_type) {
    char why[64];
    snprintf(why, sizeof why, "%.40s record", type ? type : "untyped");
    set_kind(r, CC_WARC_OTHER_TYPE, why);
  } else {
    if (h.http && (st = read_http(r, start, &h, &hh, err, &bad)) != CC_OK) return st;
    if (!bad) classify(r, h.http, h.clen - hh.len);
  }
  uint64_t payload = h.clen - hh.len;
  if (!bad && r->rec.kind == CC_WARC_PAGE && payload > r->max_page) {
    if ((st = pass_block(r, start, h.clen, err)) != CC_OK) return st;
    return rec_fail(r, err, CC_ERR_TOO_LARGE, "its payload is %llu bytes, over the %zu-byte limit",
                    (unsigned long long)payload, r->max_page);
  }
  if (bad || r->rec.kind != CC_WARC_PAGE) {
    if ((st = pass_block(r, start, h.clen, err)) != CC_OK) return st;
    if (!bad) return CC_OK;
    return h.version_ok ? rec_fail(r, err, CC_ERR_PARSE, "%s", bad)
                        : rec_fail(r, err, CC_ERR_PARSE, "WARC/%s is not supported", h.version);
  }
  if ((st = load_block(r, start, (size_t)h.clen, err)) != CC_OK) return st;
  return take_payload(r, &hh, (size_t)h.clen, err);
}

/* ---- the API ---- */

static cc_status open_common(cc_warc_reader *r, int fd, cc_warc_read_fn fn, void *user,
                             const cc_options *opt, cc_warc_reader **out, cc_error *err) {
  cc_options o; /* (read by its size: see cc_options_init) */
  if (cc_options_take(opt, &o, err) != CC_OK) {
    cc_warc_close(r);
    return CC_ERR_ARGS;
  }
  size_t max = o.max_input_bytes;
  r->max_page = !max || max > HARD_MAX_PAGE ? HARD_MAX_PAGE : max;
  if (ws_open(&r->s, fd, fn, user) != 0) {
    coff_fail(err, CC_ERR_IO, 0, 0, "%s", r->s.errmsg);
    cc_warc_close(r);
    return CC_ERR_IO;
  }
  *out = r;
  return CC_OK;
}

static cc_status args_fail(cc_error *err, const char *msg) {
  if (err) {
    err->status = CC_ERR_ARGS;
    snprintf(err->message, sizeof err->message, "%s", msg);
  }
  return CC_ERR_ARGS;
}

static cc_warc_reader *reader_new(void) {
  cc_warc_reader *r = calloc(1, sizeof *r);
  if (!r) {
    fputs("clipclean: out of memory\n", stderr);
    abort();
  }
  r->s.fd = -1;
  return r;
}

cc_status cc_warc_open(const char *path, const cc_options *opt, cc_warc_reader **out,
                       cc_error *err) {
  if (out) *out = NULL;
  if (!path || !out) return args_fail(err, "no path or no reader given");
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (err) {
      err->status = CC_ERR_IO;
      snprintf(err->message, sizeof err->message, "cannot open %.180s: %s", path, strerror(errno));
    }
    return CC_ERR_IO;
  }
  return open_common(reader_new(), fd, NULL, NULL, opt, out, err);
}

cc_status cc_warc_open_read(cc_warc_read_fn fn, void *user, const cc_options *opt,
                            cc_warc_reader **out, cc_error *err) {
  if (out) *out = NULL;
  if (!fn || !out) return args_fail(err, "no read function or no reader given");
  return open_common(reader_new(), -1, fn, user, opt, out, err);
}

cc_status cc_warc_next(cc_warc_reader *r, const cc_warc_record **rec, cc_error *err) {
  if (rec) *rec = NULL;
  if (!r || !rec) return args_fail(err, "no reader or no record pointer given");
  begin_record(r);
  if (r->done) return CC_OK;
  cc_status st = find_record(r, err);
  if (st != CC_OK || r->done) return st;
  st = read_record(r, err);
  strs_publish(r);
  *rec = &r->rec;
  return st;
}

void cc_warc_close(cc_warc_reader *r) {
  if (!r) return;
  ws_close(&r->s);
  cc_buf_free(&r->strs);
  cc_buf_free(&r->dec[0]);
  cc_buf_free(&r->dec[1]);
  free(r);
}

int cc_warc_sniff(const char *data, size_t len) {
  if (!data) return 0;
  if (len >= 5 && !memcmp(data, "WARC/", 5)) return 1;
  const unsigned char *u = (const unsigned char *)data;
  if (len < 3 || u[0] != 0x1f || u[1] != 0x8b || u[2] != 8) return 0;
  char out[8];
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return 0;
  zs.next_in = (Bytef *)data;
  zs.avail_in = (uInt)(len > 65536 ? 65536 : len);
  zs.next_out = (Bytef *)out;
  zs.avail_out = 5;
  inflate(&zs, Z_SYNC_FLUSH);
  int ok = zs.avail_out == 0 && !memcmp(out, "WARC/", 5);
  inflateEnd(&zs);
  return ok;
}
