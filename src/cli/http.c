/* http.c — Content-Type, Retry-After, reason phrases and sizes (see
 * http.h). */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_ws(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void http_content_type(const char *v, char *type, size_t tcap, char *cs, size_t ccap) {
  if (tcap) type[0] = '\0';
  if (ccap) cs[0] = '\0';
  if (!v) return;
  while (is_ws((unsigned char)*v)) v++;
  size_t n = strcspn(v, ";");
  size_t k = n;
  while (k && is_ws((unsigned char)v[k - 1])) k--;
  if (k < tcap) {
    for (size_t i = 0; i < k; i++) type[i] = (char)lower((unsigned char)v[i]);
    type[k] = '\0';
  }
  /* parameters: ; name=value or ; name="value" */
  const char *p = v + n;
  while (*p == ';') {
    p++;
    while (is_ws((unsigned char)*p)) p++;
    const char *name = p;
    while (*p && *p != '=' && *p != ';' && !is_ws((unsigned char)*p)) p++;
    size_t nl = (size_t)(p - name);
    while (is_ws((unsigned char)*p)) p++;
    if (*p != '=') {
      p += strcspn(p, ";");
      continue;
    }
    p++;
    while (is_ws((unsigned char)*p)) p++;
    char val[64];
    size_t vl = 0;
    int ok = 1;
    if (*p == '"') {
      p++;
      while (*p && *p != '"') {
        if (*p == '\\' && p[1]) p++;
        if (vl + 1 < sizeof val) val[vl++] = *p;
        else ok = 0;
        p++;
      }
      if (*p == '"') p++;
    } else {
      while (*p && *p != ';' && !is_ws((unsigned char)*p)) {
        if (vl + 1 < sizeof val) val[vl++] = *p;
        else ok = 0;
        p++;
      }
    }
    val[vl] = '\0';
    p += strcspn(p, ";");
    if (nl == 7 && !strncasecmp(name, "charset", 7) && ok && vl && vl < ccap && !cs[0]) {
      /* a charset name: letters, digits and . _ : + - only */
      for (size_t i = 0; i < vl; i++) {
        char c = val[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '+' || c == '-'))
          ok = 0;
      }
      if (ok) memcpy(cs, val, vl + 1);
    }
  }
}

http_kind http_classify(const char *t) {
  static const char *const html[] = {"text/html", "application/xhtml+xml",
                                     "application/vnd.wap.xhtml+xml"};
  static const char *const text[] = {"text/plain", "text/markdown", "text/x-markdown"};
  static const char *const sniff[] = {"", "application/octet-stream", "binary/octet-stream",
                                      "application/unknown", "unknown/unknown", "text/xml",
                                      "application/xml", "multipart/related",
                                      "application/x-mimearchive", "message/rfc822",
                                      "application/gzip", "application/x-gzip"};
  for (size_t i = 0; i < sizeof html / sizeof html[0]; i++)
    if (!strcmp(t, html[i])) return HTTP_KIND_HTML;
  for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
    if (!strcmp(t, text[i])) return HTTP_KIND_TEXT;
  for (size_t i = 0; i < sizeof sniff / sizeof sniff[0]; i++)
    if (!strcmp(t, sniff[i])) return HTTP_KIND_SNIFF;
  return HTTP_KIND_REFUSED;
}

static int month_of(const char *m) {
  static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
  char l[4] = {(char)lower((unsigned char)m[0]), (char)lower((unsigned char)m[1]),
               (char)lower((unsigned char)m[2]), 0};
  const char *f = strstr(names, l);
  return f && (f - names) % 3 == 0 ? (int)(f - names) / 3 : -1;
}

double http_retry_after(const char *v, time_t now) {
  if (!v) return -1;
  while (is_ws((unsigned char)*v)) v++;
  size_t n = strlen(v);
  while (n && is_ws((unsigned char)v[n - 1])) n--;
  if (!n) return -1;
  int digits = 1;
  for (size_t i = 0; i < n; i++)
    if (v[i] < '0' || v[i] > '9') digits = 0;
  if (digits) {
    if (n > 9) return 1e9; /* absurdly far: the caller's cap decides */
    return (double)strtol(v, NULL, 10);
  }
  char buf[64];
  if (n >= sizeof buf) return -1;
  memcpy(buf, v, n);
  buf[n] = '\0';
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  char wk[16], mon[4], zone[8];
  int d, y, H, M, S;
  int ok = 0;
  /* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
  if (sscanf(buf, "%15[A-Za-z], %d %3s %d %d:%d:%d %7s", wk, &d, mon, &y, &H, &M, &S, zone) == 8) {
    ok = 1;
  /* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT */
  } else if (sscanf(buf, "%15[A-Za-z], %d-%3s-%d %d:%d:%d %7s", wk, &d, mon, &y, &H, &M, &S, zone) == 8) {
    ok = 1;
    if (y < 100) y += y < 70 ? 2000 : 1900;
  /* asctime: Sun Nov  6 08:49:37 1994 */
  } else if (sscanf(buf, "%15[A-Za-z] %3s %d %d:%d:%d %d", wk, mon, &d, &H, &M, &S, &y) == 7) {
    ok = 1;
    strcpy(zone, "GMT");
  }
  if (!ok || strcasecmp(zone, "GMT") || strlen(mon) != 3) return -1;
  int m = month_of(mon);
  if (m < 0 || d < 1 || d > 31 || H < 0 || H > 23 || M < 0 || M > 59 || S < 0 || S > 60 ||
      y < 1900 || y > 9999)
    return -1;
  tm.tm_year = y - 1900;
  tm.tm_mon = m;
  tm.tm_mday = d;
  tm.tm_hour = H;
  tm.tm_min = M;
  tm.tm_sec = S;
  time_t t = timegm(&tm);
  if (t == (time_t)-1) return -1;
  return t > now ? (double)(t - now) : 0;
}

const char *http_reason(long code) {
  switch (code) {
  case 300: return "Multiple Choices";
  case 301: return "Moved Permanently";
  case 302: return "Found";
  case 303: return "See Other";
  case 304: return "Not Modified";
  case 307: return "Temporary Redirect";
  case 308: return "Permanent Redirect";
  case 400: return "Bad Request";
  case 401: return "Unauthorized";
  case 402: return "Payment Required";
  case 403: return "Forbidden";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  case 406: return "Not Acceptable";
  case 407: return "Proxy Authentication Required";
  case 408: return "Request Timeout";
  case 409: return "Conflict";
  case 410: return "Gone";
  case 411: return "Length Required";
  case 412: return "Precondition Failed";
  case 413: return "Content Too Large";
  case 414: return "URI Too Long";
  case 415: return "Unsupported Media Type";
  case 416: return "Range Not Satisfiable";
  case 418: return "I'm a teapot";
  case 421: return "Misdirected Request";
  case 422: return "Unprocessable Content";
  case 425: return "Too Early";
  case 426: return "Upgrade Required";
  case 428: return "Precondition Required";
  case 429: return "Too Many Requests";
  case 431: return "Request Header Fields Too Large";
  case 451: return "Unavailable For Legal Reasons";
  case 500: return "Internal Server Error";
  case 501: return "Not Implemented";
  case 502: return "Bad Gateway";
  case 503: return "Service Unavailable";
  case 504: return "Gateway Timeout";
  case 505: return "HTTP Version Not Supported";
  case 507: return "Insufficient Storage";
  case 508: return "Loop Detected";
  case 511: return "Network Authentication Required";
  default: return NULL;
  }
}

void http_format_size(char *buf, size_t cap, uint64_t v) {
  static const char *const units[] = {"KiB", "MiB", "GiB"};
  if (v < 1024) {
    snprintf(buf, cap, "%llu byte%s", (unsigned long long)v, v == 1 ? "" : "s");
    return;
  }
  double x = (double)v;
  int u = -1;
  while (u < 2 && x >= 1024) {
    x /= 1024;
    u++;
  }
  if (x == (double)(uint64_t)x) snprintf(buf, cap, "%llu %s", (unsigned long long)x, units[u]);
  else snprintf(buf, cap, "%.1f %s", x, units[u]);
}
