/* test_content.c — the jsonl records' string writer. (What an input's
 * bytes are, gzip and MHTML, is the library's: tests/unit/test_page.c.) */
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "test.h"

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
  RUN(json_strings);
  return test_summary();
}
