/* test_url.c — URL helpers (src/cli/url.c): what counts as a URL, the
 * parser's refusals, host keys, duplicate keys, output names (slug and
 * hash: deterministic, distinct, bounded) and --urls list lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "url.h"

TEST(recognizes_urls) {
  CHECK(url_is_remote("http://x.org/"));
  CHECK(url_is_remote("HTTPS://x.org"));
  CHECK(!url_is_remote("ftp://x.org/"));
  CHECK(!url_is_remote("http:/x.org"));
  CHECK(!url_is_remote("page.html"));
  CHECK(url_has_scheme("ftp://x"));
  CHECK(url_has_scheme("svn+ssh://x"));
  CHECK(!url_has_scheme("dir/http://x"));
  CHECK(!url_has_scheme("C:\\x"));
}

TEST(parses_and_refuses) {
  url_parts p;
  const char *why = NULL;
  CHECK(url_parse("https://user:pw@Example.ORG:8443/a/b?q=1#f", &p, &why) == 0);
  CHECK(p.https && p.host_len == 11 && !strncmp(p.host, "Example.ORG", 11));
  CHECK(p.port_len == 4 && !strncmp(p.port, "8443", 4));
  CHECK(p.path_len == 4 && !strncmp(p.path, "/a/b", 4));
  CHECK(p.query_len == 3 && !strncmp(p.query, "q=1", 3));
  CHECK(url_parse("http://[::1]:8080/x", &p, &why) == 0);
  CHECK(p.host_len == 5 && !strncmp(p.host, "[::1]", 5));
  CHECK(url_parse("http://x.org", &p, &why) == 0 && p.path_len == 0 && !p.query);
  CHECK(url_parse("example.org/x", &p, &why) != 0);
  CHECK_STR(why, "not an http or https URL");
  CHECK(url_parse("ftp://example.org/x", &p, &why) != 0);
  CHECK_STR(why, "only http and https URLs can be fetched");
  CHECK(url_parse("http:///x", &p, &why) != 0);
  CHECK_STR(why, "the URL has no host");
  CHECK(url_parse("http://x.org:99999/", &p, &why) != 0);
  CHECK_STR(why, "bad port in the URL");
  CHECK(url_parse("http://x.org:8a/", &p, &why) != 0);
  CHECK(url_parse("http://x.org/a b", &p, &why) != 0);
  CHECK_STR(why, "a URL cannot contain spaces or control characters");
  CHECK(url_parse("http://[::1/x", &p, &why) != 0);
}

TEST(host_keys) {
  char *k = url_host_key("https://WWW.Example.org.:443/x");
  CHECK_STR(k, "www.example.org");
  free(k);
  k = url_host_key("http://u@127.0.0.1:8080/");
  CHECK_STR(k, "127.0.0.1");
  free(k);
  CHECK(url_host_key("nope") == NULL);
}

TEST(duplicate_keys) {
  char *a = url_key("HTTP://Example.org:80#top");
  char *b = url_key("http://example.org/");
  char *c = url_key("https://example.org:443/p?q#x");
  char *d = url_key("http://example.org:8080/P");
  CHECK_STR(a, "http://example.org/");
  CHECK_STR(b, "http://example.org/");
  CHECK_STR(c, "https://example.org/p?q");
  CHECK_STR(d, "http://example.org:8080/P"); /* paths are case-sensitive */
  free(a), free(b), free(c), free(d);
}

static int ends_with_hash(const char *n) {
  size_t l = strlen(n);
  if (l < 10 || n[l - 9] != '-') return 0;
  for (size_t i = l - 8; i < l; i++)
    if (!strchr("0123456789abcdef", n[i])) return 0;
  return 1;
}

TEST(output_names) {
  char *a = url_output_name("https://www.Example.org/news/2024/Big-Story.html?p=2");
  CHECK(!strncmp(a, "example-org-news-2024-big-story-", 32) && ends_with_hash(a));
  CHECK(strlen(a) == 32 + 8);
  /* deterministic; the fragment and host case do not matter; the query does */
  char *b = url_output_name("https://WWW.example.org/news/2024/Big-Story.html?p=2#c");
  char *c = url_output_name("https://www.example.org/news/2024/Big-Story.html?p=3");
  CHECK_STR(a, b);
  CHECK(strcmp(a, c) != 0 && !strncmp(a, c, 32));
  free(a), free(b), free(c);
  /* percent-escapes decoded, non-ASCII one dash, no leading/trailing dash */
  a = url_output_name("http://x.org/caf%C3%A9/%20na%C3%AFve/");
  CHECK(!strncmp(a, "x-org-caf-na-ve-", 16) && ends_with_hash(a));
  free(a);
  a = url_output_name("http://x.org/");
  CHECK(!strncmp(a, "x-org-", 6) && strlen(a) == 5 + 9);
  free(a);
  /* long paths are capped */
  char long_url[600] = "http://x.org/";
  for (int i = 0; i < 50; i++) strcat(long_url, "segment/");
  a = url_output_name(long_url);
  CHECK(strlen(a) <= 80 + 9 && ends_with_hash(a));
  free(a);
  /* only safe characters, whatever comes in */
  a = url_output_name("http://x.org/../../etc/passwd");
  for (const char *p = a; *p; p++) CHECK((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
  free(a);
}

TEST(output_names_do_not_collide) {
  /* 20000 URLs differing in one query digit: 20000 distinct names */
  size_t n = 20000;
  char **names = malloc(n * sizeof *names);
  for (size_t i = 0; i < n; i++) {
    char u[64];
    snprintf(u, sizeof u, "https://example.org/page?id=%zu", i);
    names[i] = url_output_name(u);
  }
  int dup = 0;
  for (size_t i = 0; i < n && !dup; i++)
    for (size_t j = i + 1; j < n; j++)
      if (!strcmp(names[i], names[j])) {
        dup = 1;
        break;
      }
  CHECK(!dup);
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
}

TEST(request_form) {
  char *a = url_request_form("https://x.org/caf\xc3\xa9?q=\xc3\xa9");
  CHECK_STR(a, "https://x.org/caf%C3%A9?q=%C3%A9");
  free(a);
  a = url_request_form("http://x.org/plain?a=1");
  CHECK_STR(a, "http://x.org/plain?a=1");
  free(a);
}

TEST(list_lines) {
  char *u;
  const char *why;
  char l1[] = "  https://x.org/a \r";
  CHECK(url_list_line(l1, &u, &why) == 1);
  CHECK_STR(u, "https://x.org/a");
  char l2[] = "# comment";
  CHECK(url_list_line(l2, &u, &why) == 0);
  char l3[] = "   \t";
  CHECK(url_list_line(l3, &u, &why) == 0);
  char l4[] = "\xef\xbb\xbfhttp://x.org/bom";
  CHECK(url_list_line(l4, &u, &why) == 1);
  CHECK_STR(u, "http://x.org/bom");
  char l5[] = "http://x.org/c\t# why this one";
  CHECK(url_list_line(l5, &u, &why) == 1);
  CHECK_STR(u, "http://x.org/c");
  char l6[] = "http://x.org/c#frag";
  CHECK(url_list_line(l6, &u, &why) == 1);
  CHECK_STR(u, "http://x.org/c#frag");
  char l7[] = "http://x.org/a b";
  CHECK(url_list_line(l7, &u, &why) == -1);
  CHECK_STR(why, "a URL cannot contain spaces");
  CHECK_STR(u, "http://x.org/a b");
  char l8[] = "www.x.org/page";
  CHECK(url_list_line(l8, &u, &why) == -1);
  CHECK_STR(why, "not an http or https URL");
  CHECK_STR(u, "www.x.org/page");
}

TEST(long_urls_refused) {
  size_t n = URL_MAX_LEN + 100;
  char *u = malloc(n + 1);
  memcpy(u, "http://x.org/", 13);
  memset(u + 13, 'a', n - 13);
  u[n] = '\0';
  url_parts p;
  const char *why = NULL;
  CHECK(url_parse(u, &p, &why) == -1);
  CHECK_STR(why, "the URL is too long (over 64 kB)");
  u[URL_MAX_LEN] = '\0';
  CHECK(url_parse(u, &p, &why) == 0);
  free(u);
}

TEST(userinfo_never_shown) {
  url_parts p;
  const char *why;
  CHECK(url_parse("https://user:pw@x.org/a", &p, &why) == 0);
  CHECK(p.userinfo && p.userinfo_len == 7 && !strncmp(p.userinfo, "user:pw", 7));
  CHECK(url_parse("https://x.org/a@b", &p, &why) == 0 && !p.userinfo);
  static const char *const cases[][2] = {
      {"https://user:pw@x.org/a?b=c@d", "https://x.org/a?b=c@d"},
      {"http://a@b@x.org:81/", "http://x.org:81/"},
      {"ftp://u:p@x.org/\x1b", "ftp://x.org/\x1b"}, /* one that url_parse refuses */
      {"http://x.org/page", "http://x.org/page"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *s = url_without_userinfo(cases[i][0]);
    CHECK_STR(s, cases[i][1]);
    free(s);
  }
}

static int v4(int a, int b, int c, int d) {
  unsigned char x[4] = {(unsigned char)a, (unsigned char)b, (unsigned char)c, (unsigned char)d};
  return url_addr_internal(4, x);
}

static int v6(const char *hex) { /* 32 hex digits */
  unsigned char x[16];
  for (int i = 0; i < 16; i++) {
    unsigned v;
    sscanf(hex + 2 * i, "%2x", &v);
    x[i] = (unsigned char)v;
  }
  return url_addr_internal(6, x);
}

TEST(internal_addresses) {
  CHECK(v4(127, 0, 0, 1) && v4(127, 9, 9, 9) && v4(10, 1, 2, 3) && v4(172, 16, 0, 1));
  CHECK(v4(172, 31, 255, 255) && v4(192, 168, 1, 1) && v4(169, 254, 169, 254));
  CHECK(v4(0, 0, 0, 0) && v4(100, 64, 0, 1) && v4(100, 127, 1, 1) && v4(224, 0, 0, 1));
  CHECK(v4(255, 255, 255, 255) && v4(192, 0, 0, 8) && v4(198, 18, 0, 1));
  CHECK(!v4(8, 8, 8, 8) && !v4(172, 32, 0, 1) && !v4(172, 15, 0, 1) && !v4(100, 128, 0, 1));
  CHECK(!v4(93, 184, 216, 34) && !v4(192, 169, 0, 1) && !v4(169, 253, 1, 1));
  CHECK(v6("00000000000000000000000000000001"));  /* ::1 */
  CHECK(v6("00000000000000000000000000000000"));  /* :: */
  CHECK(v6("fe800000000000000000000000000001"));  /* link-local */
  CHECK(v6("fd000000000000000000000000000001"));  /* unique local */
  CHECK(v6("00000000000000000000ffff7f000001"));  /* ::ffff:127.0.0.1 */
  CHECK(v6("0064ff9b0000000000000000a9fea9fe"));  /* NAT64 of 169.254.169.254 */
  CHECK(!v6("00000000000000000000ffff08080808")); /* ::ffff:8.8.8.8 */
  CHECK(!v6("20014860486000000000000000008888")); /* 2001:4860:4860::8888 */
}

int main(void) {
  RUN(long_urls_refused);
  RUN(userinfo_never_shown);
  RUN(internal_addresses);
  RUN(recognizes_urls);
  RUN(parses_and_refuses);
  RUN(host_keys);
  RUN(duplicate_keys);
  RUN(output_names);
  RUN(output_names_do_not_collide);
  RUN(request_form);
  RUN(list_lines);
  return test_summary();
}
