/* url.c — http(s) URL helpers without libcurl (see url.h). The parser
 * accepts what an absolute http(s) URL looks like in practice:
 * scheme://[userinfo@]host[:port][/path][?query][#fragment], host a name,
 * an IPv4 address or a bracketed IPv6 literal. It refuses white space and
 * control bytes anywhere; everything else is left to libcurl, which parses
 * the URL again for real when it fetches it. */
#include "url.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c) { return is_alpha(c) || is_digit(c); }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

int url_is_remote(const char *s) {
  return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

int url_has_scheme(const char *s) {
  if (!is_alpha((unsigned char)*s)) return 0;
  const char *p = s + 1;
  while (is_alnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.') p++;
  return p[0] == ':' && p[1] == '/' && p[2] == '/';
}

int url_parse(const char *url, url_parts *p, const char **why) {
  memset(p, 0, sizeof *p);
  size_t n = 0;
  for (const unsigned char *c = (const unsigned char *)url; *c; c++, n++)
    if (*c <= 0x20 || *c == 0x7f) {
      *why = "a URL cannot contain spaces or control characters";
      return -1;
    }
  if (n > URL_MAX_LEN) {
    *why = "the URL is too long (over 64 kB)";
    return -1;
  }
  if (!url_is_remote(url)) {
    *why = url_has_scheme(url) ? "only http and https URLs can be fetched"
                               : "not an http or https URL";
    return -1;
  }
  p->https = lower((unsigned char)url[4]) == 's';
  p->scheme = url;
  p->scheme_len = p->https ? 5 : 4;
  const char *a = url + p->scheme_len + 3; /* the authority */
  const char *end = a + strcspn(a, "/?#");
  const char *at = NULL;
  for (const char *c = a; c < end; c++)
    if (*c == '@') at = c;
  const char *h = at ? at + 1 : a;
  if (at) p->userinfo = a, p->userinfo_len = (size_t)(at - a);
  const char *he;
  if (*h == '[') {
    he = memchr(h, ']', (size_t)(end - h));
    /* an IPv6 literal: hex digits, ':' and '.', maybe a %25 zone id */
    int ok = he && he > h + 1;
    for (const char *c = h + 1; ok && c < he; c++)
      if (!(isxdigit((unsigned char)*c) || *c == ':' || *c == '.' || *c == '%')) ok = 0;
    if (!ok) {
      *why = "bad IPv6 address in the URL";
      return -1;
    }
    he++;
  } else {
    he = h;
    while (he < end && *he != ':') he++;
  }
  p->host = h;
  p->host_len = (size_t)(he - h);
  if (!p->host_len || (p->host_len == 1 && *h == '.')) {
    *why = "the URL has no host";
    return -1;
  }
  if (he < end) {
    if (*he != ':') {
      *why = "bad host in the URL";
      return -1;
    }
    p->port = he + 1;
    p->port_len = (size_t)(end - he - 1);
    unsigned long v = 0;
    for (size_t i = 0; i < p->port_len; i++) {
      if (!is_digit((unsigned char)p->port[i]) || i >= 5) {
        *why = "bad port in the URL";
        return -1;
      }
      v = v * 10 + (unsigned long)(p->port[i] - '0');
    }
    if (p->port_len && (v == 0 || v > 65535)) {
      *why = "bad port in the URL";
      return -1;
    }
  }
  const char *r = end;
  p->path = r;
  p->path_len = strcspn(r, "?#");
  r += p->path_len;
  if (*r == '?') {
    p->query = r + 1;
    p->query_len = strcspn(r + 1, "#");
  }
  return 0;
}

/* The host, lowercased, without a trailing dot, into b. */
static void put_host(sbuf *b, const url_parts *p) {
  size_t n = p->host_len;
  while (n > 1 && p->host[n - 1] == '.') n--;
  for (size_t i = 0; i < n; i++) sbuf_putc(b, (char)lower((unsigned char)p->host[i]));
}

char *url_host_key(const char *url) {
  url_parts p;
  const char *why;
  if (url_parse(url, &p, &why) != 0) return NULL;
  sbuf b = {0};
  put_host(&b, &p);
  return sbuf_detach(&b, NULL);
}

char *url_key(const char *url) {
  url_parts p;
  const char *why;
  if (url_parse(url, &p, &why) != 0) return NULL;
  sbuf b = {0};
  sbuf_puts(&b, p.https ? "https://" : "http://");
  const char *a = url + p.scheme_len + 3;
  if (p.host > a) sbuf_put(&b, a, (size_t)(p.host - a)); /* userinfo@ as given */
  put_host(&b, &p);
  if (p.port_len) {
    int dflt = (p.https && p.port_len == 3 && !memcmp(p.port, "443", 3)) ||
               (!p.https && p.port_len == 2 && !memcmp(p.port, "80", 2));
    if (!dflt) {
      sbuf_putc(&b, ':');
      sbuf_put(&b, p.port, p.port_len);
    }
  }
  if (p.path_len) sbuf_put(&b, p.path, p.path_len);
  else sbuf_putc(&b, '/');
  if (p.query) {
    sbuf_putc(&b, '?');
    sbuf_put(&b, p.query, p.query_len);
  }
  return sbuf_detach(&b, NULL);
}

static int hexval(int c) {
  if (is_digit(c)) return c - '0';
  c = lower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

#define SLUG_MAX 80

/* Appends bytes to the slug: ASCII letters and digits lowercased, anything
 * else one '-' (never two in a row, never first). */
static void slug_put(sbuf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int c = (unsigned char)s[i];
    if (is_alnum(c)) sbuf_putc(b, (char)lower(c));
    else if (b->len && b->data[b->len - 1] != '-') sbuf_putc(b, '-');
  }
}

char *url_output_name(const char *url) {
  url_parts p;
  const char *why;
  char *key = url_key(url);
  if (!key) key = xstrdup(url);
  uint64_t h = hash64(key, strlen(key), HASH64_SEED);
  free(key);
  sbuf b = {0};
  if (url_parse(url, &p, &why) == 0) {
    sbuf host = {0};
    put_host(&host, &p);
    const char *hs = host.data ? host.data : "";
    if (!strncmp(hs, "www.", 4)) hs += 4;
    slug_put(&b, hs, strlen(hs));
    /* the path with %XX decoded (so %C3%A9 is one '-', not "-c3-a9") */
    sbuf path = {0};
    for (size_t i = 0; i < p.path_len; i++) {
      int hi, lo;
      if (p.path[i] == '%' && i + 2 < p.path_len &&
          (hi = hexval((unsigned char)p.path[i + 1])) >= 0 &&
          (lo = hexval((unsigned char)p.path[i + 2])) >= 0) {
        sbuf_putc(&path, (char)(hi * 16 + lo));
        i += 2;
      } else {
        sbuf_putc(&path, p.path[i]);
      }
    }
    size_t pl = path.len;
    static const char *const exts[] = {".html", ".htm", ".shtml", ".xhtml", ".php",
                                       ".asp", ".aspx", ".jsp", ".cgi"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
      size_t k = strlen(exts[i]);
      if (pl > k && !strncasecmp(path.data + pl - k, exts[i], k) && path.data[pl - k - 1] != '/') {
        pl -= k;
        break;
      }
    }
    if (b.len && pl) sbuf_putc(&b, '-');
    slug_put(&b, path.data ? path.data : "", pl);
    sbuf_free(&path);
    sbuf_free(&host);
  }
  if (b.len > SLUG_MAX) b.len = SLUG_MAX;
  while (b.len && b.data[b.len - 1] == '-') b.len--;
  if (!b.len) sbuf_puts(&b, "page");
  uint32_t h32 = (uint32_t)(h ^ (h >> 32));
  sbuf_printf(&b, "-%08x", (unsigned)h32);
  return sbuf_detach(&b, NULL);
}

char *url_request_form(const char *url) {
  static const char hex[] = "0123456789ABCDEF";
  url_parts p;
  const char *why;
  const char *tail = url; /* bytes before it are copied as they are */
  if (url_parse(url, &p, &why) == 0) tail = p.path;
  sbuf b = {0};
  sbuf_put(&b, url, (size_t)(tail - url));
  for (const unsigned char *c = (const unsigned char *)tail; *c; c++) {
    if (*c >= 0x80) {
      sbuf_putc(&b, '%');
      sbuf_putc(&b, hex[*c >> 4]);
      sbuf_putc(&b, hex[*c & 15]);
    } else {
      sbuf_putc(&b, (char)*c);
    }
  }
  return sbuf_detach(&b, NULL);
}

char *url_without_userinfo(const char *url) {
  const char *a = strstr(url, "://");
  if (!a) return xstrdup(url);
  a += 3;
  const char *end = a + strcspn(a, "/?#");
  const char *at = NULL;
  for (const char *c = a; c < end; c++)
    if (*c == '@') at = c;
  if (!at) return xstrdup(url);
  sbuf b = {0};
  sbuf_put(&b, url, (size_t)(a - url));
  sbuf_puts(&b, at + 1);
  return sbuf_detach(&b, NULL);
}

/* An IPv4 address (4 bytes) in a range that is not the public Internet:
 * "this network" (0/8, which reaches the local machine), loopback, RFC 1918,
 * shared address space (100.64/10), link-local (169.254/16, where cloud
 * metadata services answer), IETF protocol assignments (192.0.0/24), and
 * benchmarking, multicast and reserved space. */
static int internal_v4(const unsigned char *a) {
  return a[0] == 0 || a[0] == 10 || a[0] == 127 || (a[0] == 100 && (a[1] & 0xc0) == 64) ||
         (a[0] == 169 && a[1] == 254) || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
         (a[0] == 192 && a[1] == 168) || (a[0] == 192 && a[1] == 0 && a[2] == 0) ||
         (a[0] == 198 && (a[1] & 0xfe) == 18) || a[0] >= 224;
}

int url_addr_internal(int family, const unsigned char *a) {
  if (family == 4) return internal_v4(a);
  static const unsigned char zero[16], mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b};
  if (!memcmp(a, zero, 15) && (a[15] == 0 || a[15] == 1)) return 1; /* :: and ::1 */
  if (!memcmp(a, mapped, 12) || !memcmp(a, nat64, 12) || !memcmp(a, zero, 12))
    return internal_v4(a + 12); /* an IPv4 address inside (mapped, NAT64, compatible) */
  return (a[0] & 0xfe) == 0xfc ||                 /* unique local fc00::/7 */
         (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) || /* link-local fe80::/10 */
         (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) || /* site-local fec0::/10 */
         a[0] == 0xff;                             /* multicast */
}

int url_list_line(char *line, char **url, const char **why) {
  char *s = line;
  if (!strncmp(s, "\xef\xbb\xbf", 3)) s += 3; /* strncmp: stops at a short line's NUL */
  while (is_space((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && is_space((unsigned char)s[n - 1])) s[--n] = '\0';
  if (!n || *s == '#') return 0;
  *url = s;
  char *e = s;
  while (*e && !is_space((unsigned char)*e)) e++;
  if (*e) {
    char *rest = e;
    while (is_space((unsigned char)*rest)) rest++;
    if (*rest != '#') {
      *why = "a URL cannot contain spaces";
      return -1;
    }
    *e = '\0'; /* a comment after the URL */
  }
  url_parts p;
  if (url_parse(s, &p, why) != 0) return -1;
  return 1;
}
