/* test_content.c — content sniffing (the file's bytes decide, not its
 * name), gzip, and the jsonl string writer. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "content.h"
#include "record.h"
#include "test.h"

static content_kind sniff(const char *s) { return content_sniff(s, strlen(s), NULL); }

TEST(sniff_kinds) {
  CHECK(sniff("<!DOCTYPE html><html>") == CONTENT_HTML);
  CHECK(sniff("  \n<HTML lang=en>") == CONTENT_HTML);
  CHECK(sniff("<p>A paragraph</p>") == CONTENT_HTML);
  CHECK(sniff("<?xml version=\"1.0\"?><html xmlns=...>") == CONTENT_HTML);
  CHECK(sniff("Some notes\nwith a < b and <3 but no tags") == CONTENT_TEXT);
  CHECK(sniff("Title\n\nPlain clipping text.") == CONTENT_TEXT);
  CHECK(sniff("") == CONTENT_TEXT);
  CHECK(sniff("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
              "Content-Type: multipart/related; boundary=x\r\n\r\n") == CONTENT_MHTML);
  const char *what;
  CHECK(content_sniff("%PDF-1.4\n...", 12, &what) == CONTENT_BINARY);
  CHECK_STR(what, "PDF document");
  CHECK(content_sniff("\x89PNG\r\n\x1a\n....", 12, &what) == CONTENT_BINARY);
  CHECK(content_sniff("<html>\0\0\0", 9, &what) == CONTENT_BINARY); /* NULs */
  CHECK_STR(what, "binary data");
  char ctl[100];
  memset(ctl, 'a', sizeof ctl);
  for (int i = 0; i < 20; i++) ctl[i * 5] = 0x01;
  CHECK(content_sniff(ctl, sizeof ctl, NULL) == CONTENT_BINARY); /* 20% control */
  /* UTF-16 with a BOM is text, NULs and all */
  CHECK(content_sniff("\xff\xfe<\0p\0>\0x\0<\0/\0p\0>\0", 18, NULL) == CONTENT_HTML);
}

TEST(gzip_roundtrip_and_limits) {
  const char *msg = "<p>hello, compressed world</p>";
  unsigned char z[256];
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = (unsigned char *)msg;
  zs.avail_in = (uInt)strlen(msg);
  zs.next_out = z;
  zs.avail_out = sizeof z;
  deflate(&zs, Z_FINISH);
  size_t zn = sizeof z - zs.avail_out;
  deflateEnd(&zs);
  CHECK(content_is_gzip((char *)z, zn));
  char *out, err[128];
  size_t n;
  CHECK(content_gunzip((char *)z, zn, 1000, &out, &n, err, sizeof err) == 0);
  CHECK(n == strlen(msg) && !memcmp(out, msg, n));
  free(out);
  CHECK(content_gunzip((char *)z, zn, 10, &out, &n, err, sizeof err) == -1);
  CHECK_CONTAINS(err, "limit");
  CHECK(content_gunzip((char *)z, zn - 6, 1000, &out, &n, err, sizeof err) == -1);
  CHECK_CONTAINS(err, "truncated");
  /* prepare: gzip'd HTML comes out as HTML */
  content c;
  CHECK(content_prepare((char *)z, zn, 1000, &c, err, sizeof err) == 0);
  CHECK(c.kind == CONTENT_HTML && c.len == strlen(msg));
  content_free(&c);
  CHECK(content_prepare("%PDF-1.7", 8, 1000, &c, err, sizeof err) == -1);
  CHECK_CONTAINS(err, "not a text document");
  content_free(&c);
}

TEST(json_strings) {
  sbuf b = {0};
  json_put_string(&b, "a\"b\\c\n\x01\x7f", 8, 0);
  CHECK_STR(b.data, "\"a\\\"b\\\\c\\n\\u0001\\u007f\"");
  b.len = 0;
  json_put_string(&b, "caf\xc3\xa9 \xe2\x82\xac", 9, 0);
  CHECK_STR(b.data, "\"caf\xc3\xa9 \xe2\x82\xac\"");
  b.len = 0;
  json_put_string(&b, "bad\xff\xc3", 5, 0); /* invalid → U+FFFD */
  CHECK_STR(b.data, "\"bad\xef\xbf\xbd\xef\xbf\xbd\"");
  b.len = 0;
  json_put_string(&b, "na\xefme", 5, 1); /* a file name: surrogate escape */
  CHECK_STR(b.data, "\"na\\udcefme\"");
  b.len = 0;
  json_put_string(&b, "\xed\xa0\x80", 3, 0); /* an encoded surrogate is invalid */
  CHECK_STR(b.data, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
  sbuf_free(&b);
  record_error(&b, "x.html", "boom");
  CHECK_STR(b.data, "{\"source\":\"x.html\",\"status\":\"error\",\"error\":\"boom\"}\n");
  sbuf_free(&b);
}

int main(void) {
  RUN(sniff_kinds);
  RUN(gzip_roundtrip_and_limits);
  RUN(json_strings);
  return test_summary();
}
