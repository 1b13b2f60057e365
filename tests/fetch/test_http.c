/* test_http.c — HTTP header helpers (src/cli/http.c): Content-Type media
 * type and charset, what each type is taken as, Retry-After in seconds and
 * in the three HTTP-date forms, reason phrases and sizes. */
#include <string.h>
#include <time.h>

#include "http.h"
#include "test.h"

TEST(content_type) {
  char t[64], cs[32];
  http_content_type("text/html; charset=UTF-8", t, sizeof t, cs, sizeof cs);
  CHECK_STR(t, "text/html");
  CHECK_STR(cs, "UTF-8");
  http_content_type(" Text/HTML ;Charset=\"windows-1252\" ; q=1", t, sizeof t, cs, sizeof cs);
  CHECK_STR(t, "text/html");
  CHECK_STR(cs, "windows-1252");
  http_content_type("application/xhtml+xml;foo=bar;charset=iso-8859-1", t, sizeof t, cs, sizeof cs);
  CHECK_STR(t, "application/xhtml+xml");
  CHECK_STR(cs, "iso-8859-1");
  http_content_type("text/html; charset=\"bad name\"", t, sizeof t, cs, sizeof cs);
  CHECK_STR(cs, ""); /* not a charset name */
  http_content_type("text/html; charset=", t, sizeof t, cs, sizeof cs);
  CHECK_STR(cs, "");
  http_content_type(NULL, t, sizeof t, cs, sizeof cs);
  CHECK_STR(t, "");
  CHECK_STR(cs, "");
  http_content_type("text/plain; format=flowed; charset=utf-8; charset=latin1", t, sizeof t, cs,
                    sizeof cs);
  CHECK_STR(cs, "utf-8"); /* the first one */
}

TEST(classify) {
  CHECK(http_classify("text/html") == HTTP_KIND_HTML);
  CHECK(http_classify("application/xhtml+xml") == HTTP_KIND_HTML);
  CHECK(http_classify("text/plain") == HTTP_KIND_TEXT);
  CHECK(http_classify("text/markdown") == HTTP_KIND_TEXT);
  CHECK(http_classify("") == HTTP_KIND_SNIFF);
  CHECK(http_classify("application/octet-stream") == HTTP_KIND_SNIFF);
  CHECK(http_classify("multipart/related") == HTTP_KIND_SNIFF);
  CHECK(http_classify("application/pdf") == HTTP_KIND_REFUSED);
  CHECK(http_classify("image/png") == HTTP_KIND_REFUSED);
  CHECK(http_classify("application/json") == HTTP_KIND_REFUSED);
  CHECK(http_classify("text/css") == HTTP_KIND_REFUSED);
}

TEST(retry_after) {
  time_t now = 784111777; /* Sun, 06 Nov 1994 08:49:37 GMT */
  CHECK(http_retry_after("120", now) == 120);
  CHECK(http_retry_after(" 0 ", now) == 0);
  CHECK(http_retry_after("99999999999", now) >= 1e9); /* absurd: the cap decides */
  CHECK(http_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now) == 60);
  CHECK(http_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now) == 10);
  CHECK(http_retry_after("Sun Nov  6 08:49:39 1994", now) == 2);
  CHECK(http_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now) == 0); /* past */
  CHECK(http_retry_after("Mon, 07 Nov 1994 08:49:37 GMT", now) == 86400);
  CHECK(http_retry_after("Sun, 06 Nov 1994 08:50:37 PST", now) == -1);
  CHECK(http_retry_after("Sun, 06 Foo 1994 08:50:37 GMT", now) == -1);
  CHECK(http_retry_after("soon", now) == -1);
  CHECK(http_retry_after("-5", now) == -1);
  CHECK(http_retry_after("", now) == -1);
  CHECK(http_retry_after(NULL, now) == -1);
}

TEST(reasons_and_sizes) {
  CHECK_STR(http_reason(404), "Not Found");
  CHECK_STR(http_reason(429), "Too Many Requests");
  CHECK(http_reason(599) == NULL);
  char b[32];
  http_format_size(b, sizeof b, (uint64_t)20 << 20);
  CHECK_STR(b, "20 MiB");
  http_format_size(b, sizeof b, 1024);
  CHECK_STR(b, "1 KiB");
  http_format_size(b, sizeof b, 1536 * 1024);
  CHECK_STR(b, "1.5 MiB");
  http_format_size(b, sizeof b, 100);
  CHECK_STR(b, "100 bytes");
}

int main(void) {
  RUN(content_type);
  RUN(classify);
  RUN(retry_after);
  RUN(reasons_and_sizes);
  return test_summary();
}
