/* url.c — RFC 3986 reference resolution (see url.h). */
#include "url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

/* Length of the scheme (without ':') if s starts with one, else 0. */
static size_t scheme_len(const char *s) {
  if (!isalpha((unsigned char)s[0])) return 0;
  size_t i = 1;
  while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.') i++;
  return s[i] == ':' ? i : 0;
}

typedef struct parts {
  const char *scheme, *auth, *path, *query, *frag;
  size_t scheme_n, auth_n, path_n, query_n, frag_n;
  int has_auth, has_query, has_frag;
} parts;

static void split(const char *s, size_t n, parts *p) {
  memset(p, 0, sizeof *p);
  const char *e = s + n;
  size_t sl = scheme_len(s);
  if (sl && sl < n) {
    p->scheme = s;
    p->scheme_n = sl;
    s += sl + 1;
  }
  if (e - s >= 2 && s[0] == '/' && s[1] == '/') {
    s += 2;
    p->has_auth = 1;
    p->auth = s;
    while (s < e && *s != '/' && *s != '?' && *s != '#') s++;
    p->auth_n = (size_t)(s - p->auth);
  }
  p->path = s;
  while (s < e && *s != '?' && *s != '#') s++;
  p->path_n = (size_t)(s - p->path);
  if (s < e && *s == '?') {
    p->has_query = 1;
    p->query = ++s;
    while (s < e && *s != '#') s++;
    p->query_n = (size_t)(s - p->query);
  }
  if (s < e && *s == '#') {
    p->has_frag = 1;
    p->frag = s + 1;
    p->frag_n = (size_t)(e - s - 1);
  }
}

/* RFC 3986 5.2.4: removes "." and ".." segments, in place in b from
 * offset `from`. */
static void remove_dots(cc_buf *b, size_t from) {
  char *in = b->data + from;
  size_t n = b->len - from;
  size_t o = 0;
  size_t i = 0;
  while (i < n) {
    if (n - i >= 3 && !strncmp(in + i, "../", 3)) i += 3;
    else if (n - i >= 2 && !strncmp(in + i, "./", 2)) i += 2;
    else if (n - i >= 3 && !strncmp(in + i, "/./", 3)) i += 2;
    else if (n - i == 2 && !strncmp(in + i, "/.", 2)) { in[i + 1] = '/'; i += 1; }
    else if ((n - i >= 4 && !strncmp(in + i, "/../", 4)) || (n - i == 3 && !strncmp(in + i, "/..", 3))) {
      if (n - i == 3) { i += 2; in[i] = '/'; } else i += 3;
      while (o > 0 && in[o - 1] != '/') o--;
      if (o > 0) o--;
    } else if ((n - i == 1 && in[i] == '.') || (n - i == 2 && !strncmp(in + i, "..", 2))) {
      i = n;
    } else {
      size_t j = i;
      if (in[j] == '/') j++;
      while (j < n && in[j] != '/') j++;
      memmove(in + o, in + i, j - i);
      o += j - i;
      i = j;
    }
  }
  b->len = from + o;
  b->data[b->len] = '\0';
}

char *cc_url_resolve(cc_arena *a, const char *base, const char *ref) {
  if (!ref) return NULL;
  while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r') ref++;
  size_t rn = strlen(ref);
  while (rn && (ref[rn - 1] == ' ' || ref[rn - 1] == '\t' || ref[rn - 1] == '\n' || ref[rn - 1] == '\r')) rn--;
  if (!rn) return NULL;
  size_t sl = scheme_len(ref);
  if (sl) {
    static const char *const bad[] = {"javascript", "data", "vbscript", "about", "blob"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
      if (sl == strlen(bad[i]) && !strncasecmp(ref, bad[i], sl)) return NULL;
  }
  if (!base || !*base || !scheme_len(base)) {
    if (ref[0] == '#') return NULL;
    return cc_arena_strndup(a, ref, rn);
  }
  parts r, bp;
  split(ref, rn, &r);
  split(base, strlen(base), &bp);
  cc_buf out = CC_BUF_INIT;
  size_t path_from;
  if (r.scheme) {
    cc_buf_put(&out, r.scheme, r.scheme_n);
    cc_buf_putc(&out, ':');
    if (r.has_auth) { cc_buf_puts(&out, "//"); cc_buf_put(&out, r.auth, r.auth_n); }
    path_from = out.len;
    cc_buf_put(&out, r.path, r.path_n);
    remove_dots(&out, path_from);
    if (r.has_query) { cc_buf_putc(&out, '?'); cc_buf_put(&out, r.query, r.query_n); }
  } else {
    cc_buf_put(&out, bp.scheme, bp.scheme_n);
    cc_buf_putc(&out, ':');
    if (r.has_auth) {
      cc_buf_puts(&out, "//");
      cc_buf_put(&out, r.auth, r.auth_n);
      path_from = out.len;
      cc_buf_put(&out, r.path, r.path_n);
      remove_dots(&out, path_from);
      if (r.has_query) { cc_buf_putc(&out, '?'); cc_buf_put(&out, r.query, r.query_n); }
    } else {
      if (bp.has_auth) { cc_buf_puts(&out, "//"); cc_buf_put(&out, bp.auth, bp.auth_n); }
      path_from = out.len;
      if (r.path_n == 0) {
        cc_buf_put(&out, bp.path, bp.path_n);
        if (r.has_query) { cc_buf_putc(&out, '?'); cc_buf_put(&out, r.query, r.query_n); }
        else if (bp.has_query) { cc_buf_putc(&out, '?'); cc_buf_put(&out, bp.query, bp.query_n); }
      } else {
        if (r.path[0] == '/') {
          cc_buf_put(&out, r.path, r.path_n);
        } else {
          if (bp.has_auth && bp.path_n == 0) {
            cc_buf_putc(&out, '/');
          } else {
            const char *slash = NULL;
            for (size_t i = bp.path_n; i > 0; i--)
              if (bp.path[i - 1] == '/') { slash = bp.path + i - 1; break; }
            if (slash) cc_buf_put(&out, bp.path, (size_t)(slash - bp.path) + 1);
          }
          cc_buf_put(&out, r.path, r.path_n);
        }
        remove_dots(&out, path_from);
        if (r.has_query) { cc_buf_putc(&out, '?'); cc_buf_put(&out, r.query, r.query_n); }
      }
    }
  }
  if (r.has_frag) { cc_buf_putc(&out, '#'); cc_buf_put(&out, r.frag, r.frag_n); }
  char *res = cc_arena_strndup(a, out.data ? out.data : "", out.len);
  cc_buf_free(&out);
  return res;
}

int cc_url_is_http(const char *s) {
  return s && (!strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8));
}

int cc_url_host(const char *url, char *out, size_t cap) {
  if (!url || !cap) return 0;
  const char *p = strstr(url, "://");
  if (!p) return 0;
  p += 3;
  const char *at = p;
  const char *end = p;
  while (*end && *end != '/' && *end != '?' && *end != '#') end++;
  for (const char *q = p; q < end; q++)
    if (*q == '@') at = q + 1;
  p = at;
  const char *colon = end;
  if (*p == '[') {
    const char *rb = memchr(p, ']', (size_t)(end - p));
    if (rb) colon = rb + 1;
  } else {
    for (const char *q = p; q < end; q++)
      if (*q == ':') { colon = q; break; }
  }
  if (colon - p >= 4 && !strncasecmp(p, "www.", 4)) p += 4;
  size_t n = (size_t)(colon - p);
  if (!n || n >= cap) return 0;
  for (size_t i = 0; i < n; i++) out[i] = (char)tolower((unsigned char)p[i]);
  out[n] = '\0';
  return 1;
}
