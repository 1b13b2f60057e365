/* test_page.c — the saved-page reader (page.c, mhtml.c): the MHTML
 * reader's transfer decodings, MIME structure, charset and URL and
 * sniffing; gzip; what the bytes are decided by their content; and
 * cc_extract_page end to end. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../include/clipclean.h"
#include "mhtml.h"
#include "page.h"
#include "test.h"

static cc_arena A;

TEST(qp_decoding) {
  size_t n;
  char *s = cc_mhtml_decode_qp(&A, "a=3Db=\r\nc=20d", 14, &n);
  CHECK_STR(s, "a=bc d");
  /* soft break with trailing blanks, LF only */
  s = cc_mhtml_decode_qp(&A, "ab= \nc", 6, &n);
  CHECK_STR(s, "abc");
  /* malformed escapes are kept literally, lowercase hex accepted */
  s = cc_mhtml_decode_qp(&A, "x=ZZ=e9=", 8, &n);
  CHECK_STR(s, "x=ZZ\xe9");
  s = cc_mhtml_decode_qp(&A, "=C3=A9t=C3=A9", 13, &n);
  CHECK_STR(s, "\xc3\xa9t\xc3\xa9");
  CHECK(n == 5);
}

TEST(base64_decoding) {
  size_t n;
  char *s = cc_mhtml_decode_base64(&A, "PGh0bWw+\r\nPC9odG1sPg==", 22, &n);
  CHECK_STR(s, "<html></html>");
  CHECK(n == 13);
  s = cc_mhtml_decode_base64(&A, "", 0, &n);
  CHECK(n == 0);
  /* junk and missing padding are tolerated */
  s = cc_mhtml_decode_base64(&A, "aG!!V5", 6, &n);
  CHECK_STR(s, "hey");
  /* binary output, NULs included */
  s = cc_mhtml_decode_base64(&A, "AAEC", 4, &n);
  CHECK(n == 3 && s[0] == 0 && s[1] == 1 && s[2] == 2);
}

static const char chrome[] =
    "From: <Saved by Blink>\r\n"
    "Snapshot-Content-Location: https://example.com/news/story\r\n"
    "Subject: A story\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/related;\r\n"
    "\ttype=\"text/html\";\r\n"
    "\tboundary=\"----MultipartBoundary--abc----\"\r\n"
    "\r\n"
    "------MultipartBoundary--abc----\r\n"
    "Content-Type: text/html; charset=\"windows-1252\"\r\n"
    "Content-ID: <frame-1@mhtml.blink>\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "Content-Location: https://example.com/news/story?x=1\r\n"
    "\r\n"
    "<html><head><meta http-equiv=3D\"Content-Type\"></head><body><p>Caf=E9 au l=\r\n"
    "ait</p></body></html>\r\n"
    "------MultipartBoundary--abc----\r\n"
    "Content-Type: text/css\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "p { color: red }\r\n"
    "------MultipartBoundary--abc------\r\n";

TEST(chrome_archive) {
  CHECK(cc_mhtml_sniff(&A, chrome, strlen(chrome)));
  cc_mhtml_page pg;
  char err[128];
  CHECK(cc_mhtml_extract(&A, chrome, strlen(chrome), 1 << 20, &pg, err, sizeof err) == 0);
  CHECK_STR(pg.html, "<html><head><meta http-equiv=\"Content-Type\"></head><body><p>Caf\xe9 au lait</p></body></html>");
  CHECK_STR(pg.charset, "windows-1252");
  CHECK_STR(pg.url, "https://example.com/news/story?x=1");
}

TEST(base64_part_nested_and_snapshot_url) {
  const char *m =
      "MIME-Version: 1.0\n"
      "Snapshot-Content-Location: https://ex.org/a\n"
      "Content-Type: multipart/related; boundary=OUTER\n"
      "\n"
      "preamble\n"
      "--OUTER\n"
      "Content-Type: image/png\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "iVBORw0KGgo=\n"
      "--OUTER\n"
      "Content-Type: multipart/alternative; boundary=\"IN\"\n"
      "\n"
      "--IN\n"
      "Content-Type: TEXT/HTML; Charset=UTF-8\n"
      "Content-Transfer-Encoding: BASE64\n"
      "\n"
      "PHA+aGk8L3A+\n"
      "--IN--\n"
      "--OUTER--\n";
  cc_mhtml_page pg;
  char err[128];
  CHECK(cc_mhtml_sniff(&A, m, strlen(m)));
  CHECK(cc_mhtml_extract(&A, m, strlen(m), 1 << 20, &pg, err, sizeof err) == 0);
  CHECK_STR(pg.html, "<p>hi</p>");
  CHECK_STR(pg.charset, "UTF-8");
  CHECK_STR(pg.url, "https://ex.org/a");
}

TEST(truncated_and_broken_archives) {
  cc_mhtml_page pg;
  char err[128];
  /* the last part has no closing boundary: still found */
  const char *t = "Content-Type: multipart/related; boundary=B\r\n\r\n--B\r\n"
                  "Content-Type: text/html\r\n\r\n<p>cut";
  CHECK(cc_mhtml_extract(&A, t, strlen(t), 1 << 20, &pg, err, sizeof err) == 0);
  CHECK_STR(pg.html, "<p>cut");
  CHECK(pg.url == NULL && pg.charset == NULL);
  /* no html part */
  const char *n = "Content-Type: multipart/related; boundary=B\r\n\r\n--B\r\n"
                  "Content-Type: text/css\r\n\r\np{}\r\n--B--\r\n";
  CHECK(cc_mhtml_extract(&A, n, strlen(n), 1 << 20, &pg, err, sizeof err) == -1);
  CHECK_CONTAINS(err, "text/html");
  /* no boundary parameter */
  const char *nb = "Content-Type: multipart/related\r\n\r\n--B\r\n";
  CHECK(cc_mhtml_extract(&A, nb, strlen(nb), 1 << 20, &pg, err, sizeof err) == -1);
  /* over the size limit */
  CHECK(cc_mhtml_extract(&A, chrome, strlen(chrome), 10, &pg, err, sizeof err) == -2);
  CHECK_CONTAINS(err, "limit");
}

TEST(sniffing) {
  CHECK(!cc_mhtml_sniff(&A, "<!DOCTYPE html><p>x", 19));
  CHECK(!cc_mhtml_sniff(&A, "Dear diary: today", 17));
  CHECK(!cc_mhtml_sniff(&A, "Subject: hi\n\nbody", 17)); /* no Content-Type */
  CHECK(!cc_mhtml_sniff(&A, "Content-Type: text/plain\n\nx", 27));
  CHECK(cc_mhtml_sniff(&A, "MIME-Version: 1.0\nContent-Type: text/html\n\n<p>x", 47));
  CHECK(cc_mhtml_sniff(&A, "\xef\xbb\xbf\r\nContent-Type: multipart/related; boundary=x\r\n\r\n", 52));
}

/* What unpacking gives: 'h' an HTML or text document, 'm' from MHTML,
 * 'b' refused. */
static char kind(const char *s, size_t n) {
  cc_page p;
  char err[256];
  if (cc_page_unpack(&A, s, n, 1 << 20, &p, err, sizeof err) != CC_OK) return 'b';
  return p.mhtml ? 'm' : 'h';
}
#define KIND(lit) kind(lit, sizeof lit - 1)

TEST(content_decides) {
  CHECK(KIND("<!DOCTYPE html><html>") == 'h');
  CHECK(KIND("Title\n\nPlain clipping text.") == 'h');
  CHECK(KIND("") == 'h');
  CHECK(KIND("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
             "Content-Type: multipart/related; boundary=x\r\n\r\n--x\r\n"
             "Content-Type: text/html\r\n\r\n<p>x</p>\r\n--x--\r\n") == 'm');
  CHECK(KIND("%PDF-1.4\n...") == 'b');
  CHECK(KIND("\x89PNG\r\n\x1a\n....") == 'b');
  CHECK(KIND("<html>\0\0\0") == 'b'); /* NULs */
  CHECK(KIND("\xff\xfe<\0p\0>\0x\0<\0/\0p\0>\0") == 'h'); /* UTF-16 with a BOM */
  cc_page p;
  char err[256];
  CHECK(cc_page_unpack(&A, "%PDF-1.7", 8, 1000, &p, err, sizeof err) == CC_ERR_NOT_HTML);
  CHECK_CONTAINS(err, "not a text document (PDF document)");
}

/* s gzip-compressed (a fresh malloc'd buffer). */
static unsigned char *gz(const char *s, size_t n, size_t *zn) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  size_t cap = deflateBound(&zs, (uLong)n);
  unsigned char *z = malloc(cap);
  zs.next_in = (unsigned char *)s;
  zs.avail_in = (uInt)n;
  zs.next_out = z;
  zs.avail_out = (uInt)cap;
  deflate(&zs, Z_FINISH);
  *zn = cap - zs.avail_out;
  deflateEnd(&zs);
  return z;
}

TEST(gzip_roundtrip_and_limits) {
  const char *msg = "<p>hello, compressed world</p>";
  size_t zn, n;
  unsigned char *z = gz(msg, strlen(msg), &zn);
  CHECK(cc_page_is_gzip((char *)z, zn));
  char *out, err[128];
  CHECK(cc_page_gunzip(&A, (char *)z, zn, 1000, &out, &n, err, sizeof err) == CC_OK);
  CHECK(n == strlen(msg) && !memcmp(out, msg, n));
  CHECK(cc_page_gunzip(&A, (char *)z, zn, 10, &out, &n, err, sizeof err) == CC_ERR_TOO_LARGE);
  CHECK_CONTAINS(err, "limit");
  CHECK(cc_page_gunzip(&A, (char *)z, zn - 6, 1000, &out, &n, err, sizeof err) == CC_ERR_NOT_HTML);
  CHECK_CONTAINS(err, "truncated");
  cc_page p;
  CHECK(cc_page_unpack(&A, (char *)z, zn, 1000, &p, err, sizeof err) == CC_OK);
  CHECK(p.len == strlen(msg) && !p.mhtml);
  free(z);
}

static const char article[] =
    "<html><head><title>Saved story</title></head><body><article><h1>Saved story</h1>"
    "<p>The committee met on Tuesday and decided, after a long debate, that the bridge "
    "will be built next year.</p><p>A <a href='next.html'>relative link</a> closes it.</p>"
    "</article></body></html>";

TEST(extract_page_reads_what_the_cli_reads) {
  cc_result *r = NULL;
  cc_error e;
  /* plain, then gzip'd: the same article */
  CHECK(cc_extract_page(article, strlen(article), NULL, &r, &e) == CC_OK);
  char *plain = strdup(cc_result_text(r));
  cc_result_free(r);
  size_t zn;
  unsigned char *z = gz(article, strlen(article), &zn);
  CHECK(cc_extract_page((char *)z, zn, NULL, &r, &e) == CC_OK);
  CHECK_STR(cc_result_text(r), plain);
  CHECK_CONTAINS(plain, "committee met");
  cc_result_free(r);
  /* cc_extract itself does not read gzip */
  CHECK(cc_extract((char *)z, zn, NULL, &r, &e) == CC_ERR_NOT_HTML);
  /* a gzip bomb stops at the input limit */
  cc_options o;
  cc_options_init(&o);
  o.max_input_bytes = 100;
  CHECK(cc_extract_page((char *)z, zn, &o, &r, &e) == CC_ERR_TOO_LARGE && r == NULL);
  CHECK_CONTAINS(e.message, "decompresses to more than the 100-byte input limit");
  free(z);
  free(plain);

  /* MHTML: its part's charset and location, unless the caller's own */
  const char *mht =
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
      "Content-Type: text/html; charset=\"windows-1252\"\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "Content-Location: https://example.com/news/story?x=1\r\n\r\n"
      "<html><body><article><h1>Caf=E9</h1><p>The caf=E9 committee met on Tuesday and de=\r\n"
      "cided, after a long debate, that the bridge will be built next year.</p>"
      "</article></body></html>\r\n--B--\r\n";
  CHECK(cc_extract_page(mht, strlen(mht), NULL, &r, &e) == CC_OK);
  CHECK_CONTAINS(cc_result_text(r), "The caf\xc3\xa9 committee met on Tuesday and decided");
  CHECK_STR(cc_result_charset(r), "windows-1252");
  CHECK_STR(cc_result_url(r), "https://example.com/news/story?x=1");
  cc_result_free(r);
  cc_options_init(&o);
  o.url = "https://mirror.example/copy";
  o.charset_hint = "iso-8859-15";
  CHECK(cc_extract_page(mht, strlen(mht), &o, &r, &e) == CC_OK);
  CHECK_STR(cc_result_url(r), "https://mirror.example/copy");
  CHECK_STR(cc_result_charset(r), "iso-8859-15");
  cc_result_free(r);
  /* refusals say why */
  CHECK(cc_extract_page("%PDF-1.7\n", 9, NULL, &r, &e) == CC_ERR_NOT_HTML);
  CHECK_CONTAINS(e.message, "PDF document");
  const char *nohtml = "Content-Type: multipart/related; boundary=B\r\n\r\n--B\r\n"
                       "Content-Type: text/css\r\n\r\np{}\r\n--B--\r\n";
  CHECK(cc_extract_page(nohtml, strlen(nohtml), NULL, &r, &e) == CC_ERR_NOT_HTML);
  CHECK_CONTAINS(e.message, "text/html");
  CHECK(cc_extract_page(NULL, 3, NULL, &r, &e) == CC_ERR_ARGS);
  CHECK(cc_extract_page(NULL, 0, NULL, &r, &e) == CC_OK);
  cc_result_free(r);
}

int main(void) {
  cc_arena_init(&A);
  RUN(qp_decoding);
  RUN(base64_decoding);
  RUN(chrome_archive);
  RUN(base64_part_nested_and_snapshot_url);
  RUN(truncated_and_broken_archives);
  RUN(sniffing);
  RUN(content_decides);
  RUN(gzip_roundtrip_and_limits);
  RUN(extract_page_reads_what_the_cli_reads);
  cc_arena_free(&A);
  return test_summary();
}
