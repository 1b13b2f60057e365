/* charset.c — placeholder: UTF-8 in, UTF-8 out, until detection lands. */
#include "charset.h"

#include <string.h>

size_t cc_utf8_check(const char *p, size_t n, size_t *nonascii) {
  const unsigned char *u = (const unsigned char *)p, *e = u + n;
  size_t bad = 0, na = 0;
  while (u < e) {
    unsigned char c = *u;
    if (c < 0x80) { u++; continue; }
    int k = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
    if (k < 0 || e - u <= k) { bad++; u++; continue; }
    int ok = 1;
    for (int i = 1; i <= k; i++) if ((u[i] & 0xc0) != 0x80) ok = 0;
    if (!ok) { bad++; u++; continue; }
    na++;
    u += k + 1;
  }
  if (nonascii) *nonascii = na;
  return bad;
}

int cc_charset_pre(cc_arena *a, const char *in, size_t len, const char *hint,
                   char **out, size_t *outlen, cc_charset_info *info) {
  (void)a; (void)hint;
  if (len >= 3 && !memcmp(in, "\xef\xbb\xbf", 3)) {
    *out = (char *)in + 3;
    *outlen = len - 3;
    info->name = "utf-8";
    info->source = "bom";
    return 1;
  }
  return 0;
}

int cc_charset_decode(cc_arena *a, const char *in, size_t len,
                      const char *hint, const char *meta, const char *xml,
                      char **out, size_t *outlen, cc_charset_info *info) {
  (void)hint; (void)meta; (void)xml;
  cc_charset_convert(a, in, len, "utf-8", out, outlen);
  info->name = "utf-8";
  info->source = "default";
  return 0;
}

void cc_charset_convert(cc_arena *a, const char *in, size_t len,
                        const char *name, char **out, size_t *outlen) {
  (void)name;
  *out = cc_arena_strndup(a, in, len);
  *outlen = len;
}

const char *cc_charset_canonical(const char *label) { (void)label; return NULL; }
