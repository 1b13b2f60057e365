/* test_mhtml.c — the MHTML reader: transfer decodings, MIME structure,
 * charset and URL, and sniffing. */
#include <stdlib.h>
#include <string.h>

#include "mhtml.h"
#include "test.h"

TEST(qp_decoding) {
  size_t n;
  char *s = mhtml_decode_qp("a=3Db=\r\nc=20d", 14, &n);
  CHECK_STR(s, "a=bc d");
  free(s);
  /* soft break with trailing blanks, LF only */
  s = mhtml_decode_qp("ab= \nc", 6, &n);
  CHECK_STR(s, "abc");
  free(s);
  /* malformed escapes are kept literally, lowercase hex accepted */
  s = mhtml_decode_qp("x=ZZ=e9=", 8, &n);
  CHECK_STR(s, "x=ZZ\xe9");
  free(s);
  s = mhtml_decode_qp("=C3=A9t=C3=A9", 13, &n);
  CHECK_STR(s, "\xc3\xa9t\xc3\xa9");
  CHECK(n == 5);
  free(s);
}

TEST(base64_decoding) {
  size_t n;
  char *s = mhtml_decode_base64("PGh0bWw+\r\nPC9odG1sPg==", 22, &n);
  CHECK_STR(s, "<html></html>");
  CHECK(n == 13);
  free(s);
  s = mhtml_decode_base64("", 0, &n);
  CHECK(n == 0);
  free(s);
  /* junk and missing padding are tolerated */
  s = mhtml_decode_base64("aG!!V5", 6, &n);
  CHECK_STR(s, "hey");
  free(s);
  /* binary output, NULs included */
  s = mhtml_decode_base64("AAEC", 4, &n);
  CHECK(n == 3 && s[0] == 0 && s[1] == 1 && s[2] == 2);
  free(s);
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
  CHECK(mhtml_sniff(chrome, strlen(chrome)));
  mhtml_page pg;
  char err[128];
  CHECK(mhtml_extract(chrome, strlen(chrome), 1 << 20, &pg, err, sizeof err) == 0);
  CHECK_STR(pg.html, "<html><head><meta http-equiv=\"Content-Type\"></head><body><p>Caf\xe9 au lait</p></body></html>");
  CHECK_STR(pg.charset, "windows-1252");
  CHECK_STR(pg.url, "https://example.com/news/story?x=1");
  mhtml_page_free(&pg);
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
  mhtml_page pg;
  char err[128];
  CHECK(mhtml_sniff(m, strlen(m)));
  CHECK(mhtml_extract(m, strlen(m), 1 << 20, &pg, err, sizeof err) == 0);
  CHECK_STR(pg.html, "<p>hi</p>");
  CHECK_STR(pg.charset, "UTF-8");
  CHECK_STR(pg.url, "https://ex.org/a");
  mhtml_page_free(&pg);
}

TEST(truncated_and_broken_archives) {
  mhtml_page pg;
  char err[128];
  /* the last part has no closing boundary: still found */
  const char *t = "Content-Type: multipart/related; boundary=B\r\n\r\n--B\r\n"
                  "Content-Type: text/html\r\n\r\n<p>cut";
  CHECK(mhtml_extract(t, strlen(t), 1 << 20, &pg, err, sizeof err) == 0);
  CHECK_STR(pg.html, "<p>cut");
  CHECK(pg.url == NULL && pg.charset == NULL);
  mhtml_page_free(&pg);
  /* no html part */
  const char *n = "Content-Type: multipart/related; boundary=B\r\n\r\n--B\r\n"
                  "Content-Type: text/css\r\n\r\np{}\r\n--B--\r\n";
  CHECK(mhtml_extract(n, strlen(n), 1 << 20, &pg, err, sizeof err) == -1);
  CHECK_CONTAINS(err, "text/html");
  /* no boundary parameter */
  const char *nb = "Content-Type: multipart/related\r\n\r\n--B\r\n";
  CHECK(mhtml_extract(nb, strlen(nb), 1 << 20, &pg, err, sizeof err) == -1);
  /* over the size limit */
  CHECK(mhtml_extract(chrome, strlen(chrome), 10, &pg, err, sizeof err) == -1);
  CHECK_CONTAINS(err, "limit");
}

TEST(sniffing) {
  CHECK(!mhtml_sniff("<!DOCTYPE html><p>x", 19));
  CHECK(!mhtml_sniff("Dear diary: today", 17));
  CHECK(!mhtml_sniff("Subject: hi\n\nbody", 17)); /* no Content-Type */
  CHECK(!mhtml_sniff("Content-Type: text/plain\n\nx", 27));
  CHECK(mhtml_sniff("MIME-Version: 1.0\nContent-Type: text/html\n\n<p>x", 47));
  CHECK(mhtml_sniff("\xef\xbb\xbf\r\nContent-Type: multipart/related; boundary=x\r\n\r\n", 52));
}

int main(void) {
  RUN(qp_decoding);
  RUN(base64_decoding);
  RUN(chrome_archive);
  RUN(base64_part_nested_and_snapshot_url);
  RUN(truncated_and_broken_archives);
  RUN(sniffing);
  return test_summary();
}
