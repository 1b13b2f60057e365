/* test_content.c — the jsonl records' string writer. (What an input's
 * bytes are, gzip and MHTML, is the library's: tests/unit/test_page.c.) */
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "test.h"

TEST(json_strings) {
  sbuf b = {0};
  json_put_string(&b, "a\"b\\c\n\x01\x7f", 8);
  CHECK_STR(b.data, "\"a\\\"b\\\\c\\n\\u0001\\u007f\"");
  b.len = 0;
  json_put_string(&b, "caf\xc3\xa9 \xe2\x82\xac", 9);
  CHECK_STR(b.data, "\"caf\xc3\xa9 \xe2\x82\xac\"");
  b.len = 0;
  json_put_string(&b, "bad\xff\xc3", 5); /* invalid → U+FFFD */
  CHECK_STR(b.data, "\"bad\xef\xbf\xbd\xef\xbf\xbd\"");
  b.len = 0;
  json_put_string(&b, "\xed\xa0\x80", 3); /* an encoded surrogate is invalid */
  CHECK_STR(b.data, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
  sbuf_free(&b);
  record_error(&b, "x.html", "boom");
  CHECK_STR(b.data, "{\"source\":\"x.html\",\"status\":\"error\",\"error\":\"boom\"}\n");
  sbuf_free(&b);
  /* a file name that is not UTF-8: strict JSON (no lone surrogates), and
   * the exact bytes in source_hex */
  record_error(&b, "na\xefme\n.html", "boom");
  CHECK_STR(b.data, "{\"source\":\"na\xef\xbf\xbdme\\n.html\",\"source_hex\":"
                    "\"6e61ef6d650a2e68746d6c\",\"status\":\"error\",\"error\":\"boom\"}\n");
  sbuf_free(&b);
}

int main(void) {
  RUN(json_strings);
  return test_summary();
}
