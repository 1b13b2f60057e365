/* test_warc.c — the WARC reader (src/lib/warc*.c) through the public API:
 * record kinds and fields, plain and gzip files (a member per record, and
 * members cut anywhere), payload codings, and every kind of broken record
 * failing alone with its offset while the records around it come out. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "clipclean.h"
#include "test.h"

/* ---- building WARCs ---- */

static void rec_raw(cc_buf *b, const char *type, const char *uri, const char *ctype,
                    const char *block, size_t n, long long declared) {
  cc_buf_printf(b, "WARC/1.1\r\nWARC-Type: %s\r\n", type);
  if (uri) cc_buf_printf(b, "WARC-Target-URI: %s\r\n", uri);
  cc_buf_printf(b, "WARC-Date: 2024-05-01T12:00:00Z\r\n"
                   "WARC-Record-ID: <urn:uuid:%08zx-0000-0000-0000-000000000000>\r\n", b->len);
  if (ctype) cc_buf_printf(b, "Content-Type: %s\r\n", ctype);
  cc_buf_printf(b, "Content-Length: %lld\r\n\r\n", declared >= 0 ? declared : (long long)n);
  cc_buf_put(b, block, n);
  cc_buf_puts(b, "\r\n\r\n");
}

static void rec(cc_buf *b, const char *type, const char *uri, const char *ctype, const char *block) {
  rec_raw(b, type, uri, ctype, block, strlen(block), -1);
}

/* A response record: HTTP head with `headers` (CRLF-ended lines) + body. */
static void resp(cc_buf *b, const char *uri, int status, const char *headers, const char *body,
                 size_t n) {
  cc_buf blk = CC_BUF_INIT;
  cc_buf_printf(&blk, "HTTP/1.1 %d X\r\n%s\r\n", status, headers);
  cc_buf_put(&blk, body, n);
  rec_raw(b, "response", uri, "application/http; msgtype=response", blk.data, blk.len, -1);
  cc_buf_free(&blk);
}

static void page(cc_buf *b, const char *uri, const char *html) {
  resp(b, uri, 200, "Content-Type: text/html; charset=ISO-8859-1\r\n", html, strlen(html));
}

/* gzip of n bytes, as one member. */
static void gz_member(cc_buf *out, const char *p, size_t n) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  size_t cap = deflateBound(&zs, (uLong)n) + 32;
  cc_buf_reserve(out, cap);
  zs.next_in = (Bytef *)p;
  zs.avail_in = (uInt)n;
  zs.next_out = (Bytef *)out->data + out->len;
  zs.avail_out = (uInt)cap;
  deflate(&zs, Z_FINISH);
  out->len += cap - zs.avail_out;
  deflateEnd(&zs);
}

/* gzip of a WARC, a member per record (cut before each "WARC/1.1\r\n" at
 * a line start), or at the given cut points. */
static void gz_records(cc_buf *out, const cc_buf *in) {
  size_t start = 0;
  for (size_t i = 1; i + 10 <= in->len; i++)
    if (in->data[i - 1] == '\n' && !memcmp(in->data + i, "WARC/1.1\r\n", 10)) {
      gz_member(out, in->data + start, i - start);
      start = i;
    }
  gz_member(out, in->data + start, in->len - start);
}

/* ---- reading ---- */

typedef struct mem_src {
  const char *p;
  size_t n, at, step;
} mem_src;

static ptrdiff_t mem_read(void *u, void *buf, size_t cap) {
  mem_src *m = u;
  size_t k = m->n - m->at;
  if (k > cap) k = cap;
  if (m->step && k > m->step) k = m->step;
  if (k) memcpy(buf, m->p + m->at, k);
  m->at += k;
  return (ptrdiff_t)k;
}

/* What a whole read gave: one line per record or error. */
typedef struct outcome {
  cc_buf log;
  int pages, others, errors;
} outcome;

static void read_all(cc_warc_reader *w, outcome *o) {
  memset(o, 0, sizeof *o);
  for (int guard = 0; guard < 100000; guard++) {
    const cc_warc_record *r;
    cc_error err;
    memset(&err, 0, sizeof err);
    cc_status st = cc_warc_next(w, &r, &err);
    if (st == CC_OK && !r) break;
    if (st != CC_OK) {
      o->errors++;
      cc_buf_printf(&o->log, "ERR %d %s\n", (int)st, err.message);
      continue;
    }
    if (r->kind == CC_WARC_PAGE) {
      o->pages++;
      CHECK(r->body != NULL && r->body[r->body_len] == '\0');
      cc_buf_printf(&o->log, "PAGE @%llu %s %d %s %s [%s]\n", (unsigned long long)r->offset,
                    r->target_uri, r->http_status, r->content_type ? r->content_type : "-",
                    r->charset ? r->charset : "-", r->body);
    } else {
      o->others++;
      CHECK(r->body == NULL && r->why != NULL);
      cc_buf_printf(&o->log, "SKIP @%llu %d %s\n", (unsigned long long)r->offset, (int)r->kind,
                    r->why);
    }
  }
}

static void read_mem(const cc_buf *b, size_t step, const cc_options *opt, outcome *o) {
  mem_src m = {b->data, b->len, 0, step};
  cc_warc_reader *w;
  cc_error err;
  CHECK(cc_warc_open_read(mem_read, &m, opt, &w, &err) == CC_OK);
  read_all(w, o);
  cc_warc_close(w);
}

/* Through a file (seekable), at `path`. */
static void read_file(const cc_buf *b, const cc_options *opt, outcome *o) {
  char path[] = "/tmp/cc-test-warc-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  CHECK(write(fd, b->data, b->len) == (ssize_t)b->len);
  close(fd);
  cc_warc_reader *w;
  cc_error err;
  CHECK(cc_warc_open(path, opt, &w, &err) == CC_OK);
  read_all(w, o);
  cc_warc_close(w);
  unlink(path);
}

static void outcome_free(outcome *o) { cc_buf_free(&o->log); }

/* A small archive of every kind of record. */
static void sample(cc_buf *b) {
  rec(b, "warcinfo", NULL, "application/warc-fields", "software: test\r\n");
  rec(b, "request", "https://example.org/a", "application/http; msgtype=request",
      "GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n");
  page(b, "https://example.org/a", "<p>caf\xe9</p>");
  resp(b, "https://example.org/logo.png", 200, "Content-Type: image/png\r\n", "\x89PNG\r\n", 6);
  resp(b, "https://example.org/gone", 404, "Content-Type: text/html\r\n", "<p>no</p>", 9);
  resp(b, "https://example.org/moved", 301, "Location: /a\r\n", "", 0);
  rec(b, "resource", "https://example.org/notes.txt", "text/plain; charset=utf-8", "plain words");
  rec(b, "metadata", "https://example.org/a", "application/warc-fields", "via: x\r\n");
}

TEST(kinds_and_fields) {
  cc_buf b = CC_BUF_INIT;
  sample(&b);
  mem_src m = {b.data, b.len, 0, 0};
  cc_warc_reader *w;
  cc_error err;
  CHECK(cc_warc_open_read(mem_read, &m, NULL, &w, &err) == CC_OK);
  const cc_warc_record *r;
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r && r->kind == CC_WARC_OTHER_TYPE);
  CHECK_STR(r->type, "warcinfo");
  CHECK_STR(r->why, "warcinfo record");
  CHECK(r->offset == 0);
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r && r->kind == CC_WARC_OTHER_TYPE);
  CHECK_STR(r->why, "request record");
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r && r->kind == CC_WARC_PAGE);
  CHECK_STR(r->type, "response");
  CHECK_STR(r->target_uri, "https://example.org/a");
  CHECK_STR(r->date, "2024-05-01T12:00:00Z");
  CHECK(r->record_id && !strncmp(r->record_id, "<urn:uuid:", 10));
  CHECK(r->http_status == 200);
  CHECK_STR(r->content_type, "text/html");
  CHECK_STR(r->charset, "iso-8859-1");
  CHECK(r->input_format == CC_INPUT_HTML);
  CHECK_STR(r->body, "<p>caf\xe9</p>");
  CHECK(r->body_len == 11);
  CHECK(r->offset > 0 && !memcmp(b.data + r->offset, "WARC/1.1", 8));
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r && r->kind == CC_WARC_NOT_TEXT);
  CHECK_STR(r->why, "image/png");
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r && r->kind == CC_WARC_HTTP_STATUS);
  CHECK_STR(r->why, "HTTP 404");
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r && r->kind == CC_WARC_HTTP_STATUS);
  CHECK(r->http_status == 301);
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r && r->kind == CC_WARC_PAGE);
  CHECK_STR(r->type, "resource");
  CHECK_STR(r->content_type, "text/plain");
  CHECK_STR(r->charset, "utf-8");
  CHECK(r->input_format == CC_INPUT_TEXT);
  CHECK(r->http_status == 0);
  CHECK_STR(r->body, "plain words");
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r && r->kind == CC_WARC_OTHER_TYPE);
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r == NULL);
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r == NULL); /* the end stays the end */
  cc_warc_close(w);
  cc_buf_free(&b);
}

/* Plain, gzip per record, gzip in one member, gzip cut every 7 bytes
 * (member boundaries inside headers), read whole or a byte at a time:
 * the same records and bodies. */
TEST(every_layout_reads_the_same) {
  cc_buf b = CC_BUF_INIT, g = CC_BUF_INIT, one = CC_BUF_INIT, cut = CC_BUF_INIT;
  sample(&b);
  gz_records(&g, &b);
  gz_member(&one, b.data, b.len);
  for (size_t i = 0; i < b.len; i += 7) gz_member(&cut, b.data + i, b.len - i < 7 ? b.len - i : 7);
  outcome ref, o;
  read_mem(&b, 0, NULL, &ref);
  CHECK(ref.pages == 2 && ref.others == 6 && ref.errors == 0);
  const cc_buf *layouts[] = {&b, &g, &one, &cut};
  for (int i = 0; i < 4; i++)
    for (size_t step = 0; step <= 1; step++) {
      read_mem(layouts[i], step, NULL, &o);
      CHECK(o.pages == 2 && o.others == 6 && o.errors == 0);
      if (i == 0) CHECK_STR(o.log.data, ref.log.data); /* offsets differ once gzipped */
      outcome_free(&o);
    }
  /* gzip per record: offsets are those of the members */
  read_mem(&g, 0, NULL, &o);
  CHECK_CONTAINS(o.log.data, "PAGE @");
  const char *at = strstr(o.log.data, "PAGE @");
  unsigned long long off = strtoull(at + 6, NULL, 10);
  CHECK(off > 0 && off < g.len && (unsigned char)g.data[off] == 0x1f);
  outcome_free(&o);
  outcome_free(&ref);
  cc_buf_free(&b);
  cc_buf_free(&g);
  cc_buf_free(&one);
  cc_buf_free(&cut);
}

TEST(codings_undone) {
  cc_buf b = CC_BUF_INIT, z = CC_BUF_INIT, body = CC_BUF_INIT;
  const char *html = "<p>compressed and chunked</p>";
  gz_member(&z, html, strlen(html));
  /* chunked gzip: two chunks */
  size_t half = z.len / 2;
  cc_buf_printf(&body, "%zx;ext=1\r\n", half);
  cc_buf_put(&body, z.data, half);
  cc_buf_printf(&body, "\r\n%zx\r\n", z.len - half);
  cc_buf_put(&body, z.data + half, z.len - half);
  cc_buf_puts(&body, "\r\n0\r\n\r\n");
  resp(&b, "https://x.test/1", 200,
       "Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
       body.data, body.len);
  /* said to be gzip and chunked, but stored decoded (crawlers do that) */
  resp(&b, "https://x.test/2", 200,
       "Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
       html, strlen(html));
  /* an untyped payload: sniffed */
  resp(&b, "https://x.test/3", 200, "X: y\r\n", "<html><p>untyped</p>", 20);
  resp(&b, "https://x.test/4", 200, "Content-Type: application/octet-stream\r\n",
       "%PDF-1.4 binary", 15);
  /* brotli: said so */
  resp(&b, "https://x.test/5", 200, "Content-Type: text/html\r\nContent-Encoding: br\r\n",
       "\x1b\x03", 2);
  /* HTTP/2, as browser-based crawlers record it */
  rec(&b, "response", "https://x.test/h2", "application/http; msgtype=response",
      "HTTP/2 200\r\ncontent-type: text/html\r\n\r\n<p>h2</p>");
  rec(&b, "resource", "https://x.test/6", "text/html", "<p>after</p>");
  outcome o;
  read_mem(&b, 0, NULL, &o);
  CHECK_CONTAINS(o.log.data, "PAGE @0 https://x.test/1 200 text/html - [<p>compressed and chunked</p>]");
  CHECK_CONTAINS(o.log.data, "https://x.test/2 200 text/html - [<p>compressed and chunked</p>]");
  CHECK_CONTAINS(o.log.data, "https://x.test/3 200 - - [<html><p>untyped</p>]");
  CHECK_CONTAINS(o.log.data, " 2 PDF document\n");
  CHECK_CONTAINS(o.log.data, "(https://x.test/5): its payload is compressed with \"br\", which is not supported");
  CHECK_CONTAINS(o.log.data, "https://x.test/h2 200 text/html - [<p>h2</p>]");
  CHECK_CONTAINS(o.log.data, "[<p>after</p>]");
  CHECK(o.pages == 5 && o.errors == 1);
  outcome_free(&o);
  cc_buf_free(&b);
  cc_buf_free(&z);
  cc_buf_free(&body);
}

/* Records around the broken one: "before" and "after". */
static void before(cc_buf *b) { rec(b, "resource", "https://t.test/before", "text/html", "<p>before</p>"); }

static void after(cc_buf *b) { rec(b, "resource", "https://t.test/after", "text/html", "<p>after</p>"); }

static void expect_both(const outcome *o) {
  CHECK_CONTAINS(o->log.data, "[<p>before</p>]");
  CHECK_CONTAINS(o->log.data, "[<p>after</p>]");
}

TEST(truncated_last_record) {
  cc_buf b = CC_BUF_INIT, g = CC_BUF_INIT;
  before(&b);
  size_t at = b.len;
  page(&b, "https://t.test/cut", "<p>a page cut short by a crash of the crawler</p>");
  b.len -= 30; /* the file ends inside the page */
  outcome o;
  read_mem(&b, 0, NULL, &o);
  CHECK(o.pages == 1 && o.errors == 1);
  char want[80];
  snprintf(want, sizeof want, "record at offset %zu (https://t.test/cut): truncated", at);
  CHECK_CONTAINS(o.log.data, want);
  CHECK_CONTAINS(o.log.data, "the input ends after");
  outcome_free(&o);
  /* gzip: the file ends inside the last member */
  gz_records(&g, &b);
  g.len -= 5;
  read_mem(&g, 0, NULL, &o);
  CHECK(o.pages == 1 && o.errors == 1);
  CHECK_CONTAINS(o.log.data, "truncated");
  CHECK_CONTAINS(o.log.data, "inside a gzip member");
  outcome_free(&o);
  cc_buf_free(&b);
  cc_buf_free(&g);
}

/* A Content-Length far too large (1 GB) swallows the records after it: a
 * file is read again from the broken record on (they come out); gzip
 * members end it where the next record starts; a pipe loses them. */
TEST(declared_length_too_large) {
  cc_buf b = CC_BUF_INIT, g = CC_BUF_INIT;
  before(&b);
  size_t at = b.len;
  rec_raw(&b, "resource", "https://t.test/liar", "text/html", "<p>liar</p>", 11, 1000000000LL);
  after(&b);
  outcome o;
  read_file(&b, NULL, &o);
  expect_both(&o);
  CHECK(o.errors == 1 && o.pages == 2);
  char want[64];
  snprintf(want, sizeof want, "record at offset %zu", at);
  CHECK_CONTAINS(o.log.data, want);
  CHECK_CONTAINS(o.log.data, "truncated: it declares 1000000000 bytes");
  outcome_free(&o);
  gz_records(&g, &b);
  read_mem(&g, 0, NULL, &o);
  expect_both(&o);
  CHECK(o.errors == 1 && o.pages == 2);
  CHECK_CONTAINS(o.log.data, "truncated: the next record starts at offset");
  outcome_free(&o);
  read_mem(&b, 0, NULL, &o); /* a pipe: no going back */
  CHECK(o.errors == 1 && o.pages == 1);
  CHECK_CONTAINS(o.log.data, "[<p>before</p>]");
  outcome_free(&o);
  /* a page over the size limit, still buffered only up to the limit */
  cc_buf_clear(&g);
  before(&g);
  rec_raw(&g, "resource", "https://t.test/liar", "text/html", "<p>liar</p>", 11, 1000000000LL);
  after(&g);
  cc_buf z = CC_BUF_INIT;
  gz_records(&z, &g);
  read_file(&z, NULL, &o);
  expect_both(&o);
  CHECK(o.errors == 1);
  outcome_free(&o);
  cc_buf_free(&z);
  cc_buf_free(&b);
  cc_buf_free(&g);
}

TEST(declared_length_too_small_or_missing) {
  cc_buf b = CC_BUF_INIT;
  before(&b);
  rec_raw(&b, "resource", "https://t.test/short", "text/html", "<p>longer than said</p>", 23, 10);
  cc_buf_puts(&b, "WARC/1.1\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n\r\n");
  after(&b);
  for (int file = 0; file < 2; file++) {
    outcome o;
    if (file) read_file(&b, NULL, &o);
    else read_mem(&b, 0, NULL, &o);
    expect_both(&o);
    CHECK(o.pages == 2 && o.errors == 2);
    CHECK_CONTAINS(o.log.data, "(https://t.test/short): its block does not end after its 10 declared bytes");
    CHECK_CONTAINS(o.log.data, "no valid Content-Length");
    outcome_free(&o);
  }
  cc_buf_free(&b);
}

/* A record passed over without being kept (no page: metadata here) whose
 * length turns out wrong: a file is read again from it, in a plain file
 * and in a file that is one gzip member (no member boundary to go by);
 * a pipe cannot be, and the record after it is lost. */
TEST(read_again_after_a_record_passed_over) {
  cc_buf b = CC_BUF_INIT, one = CC_BUF_INIT;
  before(&b);
  /* its length ends 100 bytes into the next record's header */
  rec_raw(&b, "metadata", "https://t.test/meta", "application/warc-fields", "a: b\r\n", 6, 110);
  after(&b);
  outcome o;
  read_file(&b, NULL, &o);
  expect_both(&o);
  CHECK(o.errors == 1 && o.pages == 2);
  CHECK_CONTAINS(o.log.data, "(https://t.test/meta): its block does not end after its 110 declared bytes");
  outcome_free(&o);
  read_mem(&b, 0, NULL, &o);
  CHECK(o.errors == 1 && o.pages == 1);
  outcome_free(&o);
  cc_buf_clear(&b);
  before(&b);
  rec_raw(&b, "metadata", "https://t.test/meta", "application/warc-fields", "a: b\r\n", 6,
          1000000000LL);
  after(&b);
  gz_member(&one, b.data, b.len);
  read_file(&one, NULL, &o);
  expect_both(&o);
  CHECK(o.errors == 1 && o.pages == 2);
  CHECK_CONTAINS(o.log.data, "(https://t.test/meta): truncated: the input ends after");
  outcome_free(&o);
  read_mem(&one, 0, NULL, &o);
  CHECK(o.errors == 1 && o.pages == 1);
  outcome_free(&o);
  cc_buf_free(&b);
  cc_buf_free(&one);
}

TEST(junk_between_records) {
  cc_buf b = CC_BUF_INIT;
  before(&b);
  size_t at = b.len;
  cc_buf_puts(&b, "some bytes that are no record\nWARC is a format\n");
  after(&b);
  cc_buf_put(&b, "\0\0\0\r\n", 5); /* padding at the end is fine */
  outcome o;
  read_mem(&b, 0, NULL, &o);
  expect_both(&o);
  CHECK(o.errors == 1);
  char want[96];
  snprintf(want, sizeof want, "offset %zu: 47 bytes that are no WARC record, skipped", at);
  CHECK_CONTAINS(o.log.data, want);
  outcome_free(&o);
  cc_buf_free(&b);
}

/* The start of the n-th gzip member of g (0-based). */
static size_t member_at(const cc_buf *g, int nth) {
  for (size_t i = 1; i + 3 < g->len; i++)
    if ((unsigned char)g->data[i] == 0x1f && (unsigned char)g->data[i + 1] == 0x8b &&
        g->data[i + 2] == 8 && --nth == 0)
      return i;
  return 0;
}

TEST(corrupt_gzip_member) {
  cc_buf b = CC_BUF_INIT, g = CC_BUF_INIT, big = CC_BUF_INIT;
  before(&b);
  for (int i = 0; i < 300; i++) cc_buf_printf(&big, "<p>paragraph %d of a page whose member is damaged</p>\n", i);
  page(&b, "https://t.test/damaged", big.data);
  after(&b);
  gz_records(&g, &b);
  size_t m2 = member_at(&g, 1), m3 = member_at(&g, 2);
  CHECK(m2 > 0 && m3 > m2 + 400);
  /* damage near its end: the start of the page comes out, then a break */
  cc_buf d = CC_BUF_INIT;
  cc_buf_put(&d, g.data, g.len);
  for (size_t i = m3 - 100; i < m3 - 60; i++) d.data[i] = (char)0xff;
  outcome o;
  read_mem(&d, 0, NULL, &o);
  expect_both(&o);
  CHECK(o.errors == 1 && o.pages == 2);
  CHECK_CONTAINS(o.log.data, "(https://t.test/damaged): truncated: the gzip data is corrupt at offset");
  outcome_free(&o);
  /* damage at its start: nothing of the record comes out */
  cc_buf_clear(&d);
  cc_buf_put(&d, g.data, g.len);
  for (size_t i = m2 + 12; i < m2 + 40; i++) d.data[i] = (char)0xff;
  read_mem(&d, 0, NULL, &o);
  expect_both(&o);
  CHECK(o.errors == 1 && o.pages == 2);
  char want[96];
  snprintf(want, sizeof want, "corrupt gzip data, skipped up to offset %zu", m3);
  CHECK_CONTAINS(o.log.data, want);
  outcome_free(&o);
  /* zero padding after the last member: fine; junk: said */
  cc_buf_put(&g, "\0\0\0\0\0\0\0\0", 8);
  read_mem(&g, 0, NULL, &o);
  CHECK(o.errors == 0 && o.pages == 3);
  outcome_free(&o);
  cc_buf_puts(&g, "junk");
  read_mem(&g, 0, NULL, &o);
  CHECK(o.errors == 1 && o.pages == 3);
  CHECK_CONTAINS(o.log.data, "corrupt gzip data up to the end, skipped");
  outcome_free(&o);
  cc_buf_free(&b);
  cc_buf_free(&g);
  cc_buf_free(&d);
  cc_buf_free(&big);
}

TEST(page_over_the_limit) {
  cc_buf b = CC_BUF_INIT, big = CC_BUF_INIT;
  before(&b);
  for (int i = 0; i < 5000; i++) cc_buf_puts(&big, "<p>a long page</p>\n");
  page(&b, "https://t.test/big", big.data);
  after(&b);
  /* the gzip bomb: a small payload inflating past the limit */
  cc_buf z = CC_BUF_INIT, bb = CC_BUF_INIT;
  gz_member(&z, big.data, big.len);
  before(&bb);
  resp(&bb, "https://t.test/bomb", 200, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", z.data, z.len);
  after(&bb);
  cc_options opt;
  cc_options_init(&opt);
  opt.max_input_bytes = 50000;
  outcome o;
  read_mem(&b, 0, &opt, &o);
  expect_both(&o);
  CHECK_CONTAINS(o.log.data, "(https://t.test/big): its payload is 95000 bytes, over the 50000-byte limit");
  CHECK(o.errors == 1);
  outcome_free(&o);
  read_mem(&bb, 0, &opt, &o);
  expect_both(&o);
  CHECK_CONTAINS(o.log.data, "decompresses to more than the 50000-byte limit");
  outcome_free(&o);
  cc_buf_free(&b);
  cc_buf_free(&bb);
  cc_buf_free(&z);
  cc_buf_free(&big);
}

TEST(warc_1_0_and_versions) {
  cc_buf b = CC_BUF_INIT;
  cc_buf_puts(&b, "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: <http://old.test/>\r\n"
                  "Content-Type: text/html\r\nContent-Length: 8\r\n\r\n<p>x</p>\r\n\r\n");
  cc_buf_puts(&b, "WARC/0.17\r\nWARC-Type: resource\r\nContent-Length: 8\r\n\r\n<p>y</p>\r\n\r\n");
  after(&b);
  outcome o;
  read_mem(&b, 0, NULL, &o);
  CHECK_CONTAINS(o.log.data, "PAGE @0 http://old.test/ 0 text/html - [<p>x</p>]");
  CHECK_CONTAINS(o.log.data, "WARC/0.17 is not supported");
  CHECK_CONTAINS(o.log.data, "[<p>after</p>]");
  CHECK(o.pages == 2 && o.errors == 1);
  outcome_free(&o);
  cc_buf_free(&b);
}

TEST(sniff_and_open) {
  cc_buf b = CC_BUF_INIT, g = CC_BUF_INIT, h = CC_BUF_INIT;
  sample(&b);
  gz_records(&g, &b);
  gz_member(&h, "<html>", 6);
  CHECK(cc_warc_sniff(b.data, b.len) == 1);
  CHECK(cc_warc_sniff(g.data, g.len > 4096 ? 4096 : g.len) == 1);
  CHECK(cc_warc_sniff(h.data, h.len) == 0);
  CHECK(cc_warc_sniff("<html>", 6) == 0);
  CHECK(cc_warc_sniff(g.data, 2) == 0);
  CHECK(cc_warc_sniff(NULL, 0) == 0);
  cc_warc_reader *w = (cc_warc_reader *)1;
  cc_error err;
  CHECK(cc_warc_open("/nonexistent/x.warc", NULL, &w, &err) == CC_ERR_IO && w == NULL);
  CHECK_CONTAINS(err.message, "cannot open /nonexistent/x.warc");
  CHECK(cc_warc_open(NULL, NULL, &w, &err) == CC_ERR_ARGS);
  CHECK(cc_warc_next(NULL, NULL, &err) == CC_ERR_ARGS);
  cc_warc_close(NULL);
  /* an empty input: no records, no error */
  cc_buf e = CC_BUF_INIT;
  outcome o;
  read_mem(&e, 0, NULL, &o);
  CHECK(o.pages == 0 && o.others == 0 && o.errors == 0);
  outcome_free(&o);
  cc_buf_free(&b);
  cc_buf_free(&g);
  cc_buf_free(&h);
}

static ptrdiff_t fail_read(void *u, void *buf, size_t cap) {
  int *calls = u;
  (void)buf, (void)cap;
  if ((*calls)++ == 0) {
    memcpy(buf, "WARC/1.1\r\n", 10);
    return 10;
  }
  return -1;
}

TEST(read_error) {
  int calls = 0;
  cc_warc_reader *w;
  cc_error err;
  CHECK(cc_warc_open_read(fail_read, &calls, NULL, &w, &err) == CC_OK);
  const cc_warc_record *r;
  CHECK(cc_warc_next(w, &r, &err) == CC_ERR_IO);
  CHECK_CONTAINS(err.message, "read error");
  CHECK(cc_warc_next(w, &r, &err) == CC_OK && r == NULL);
  cc_warc_close(w);
}

int main(void) {
  RUN(kinds_and_fields);
  RUN(every_layout_reads_the_same);
  RUN(codings_undone);
  RUN(truncated_last_record);
  RUN(declared_length_too_large);
  RUN(declared_length_too_small_or_missing);
  RUN(read_again_after_a_record_passed_over);
  RUN(junk_between_records);
  RUN(corrupt_gzip_member);
  RUN(page_over_the_limit);
  RUN(warc_1_0_and_versions);
  RUN(sniff_and_open);
  RUN(read_error);
  return test_summary();
}
