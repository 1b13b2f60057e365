/* mhtml.c — the MHTML reader (see mhtml.h). A MIME message is a header
 * block, a blank line, then a body; a multipart body is split by lines
 * "--BOUNDARY" and ends at "--BOUNDARY--". Header lines may be folded
 * (continuations start with a space or tab). Everything is bounded by the
 * input: no recursion deeper than MAX_NEST, no copies but the decoded page
 * and a few header values, all in the caller's arena. */
#include "mhtml.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define MAX_NEST 4
#define MAX_HEADER_BLOCK (256 * 1024)

typedef struct span {
  const char *p;
  size_t n;
} span;

/* The headers we care about, as spans into the input (unfolded lazily). */
typedef struct headers {
  span content_type, encoding, location, snapshot_location;
  int mime_version;
  int nheaders;
  size_t end; /* offset of the body */
} headers;

static int ieq_prefix(const char *p, size_t n, const char *lit) {
  size_t k = strlen(lit);
  if (n < k) return 0;
  for (size_t i = 0; i < k; i++)
    if (tolower((unsigned char)p[i]) != tolower((unsigned char)lit[i])) return 0;
  return 1;
}

/* Parses a header block at the start of s. Returns 0, or -1 when the bytes
 * do not look like headers (a line without a colon before the blank line). */
static int parse_headers(const char *s, size_t n, headers *h) {
  memset(h, 0, sizeof *h);
  size_t i = 0;
  span *last = NULL;
  while (i < n) {
    size_t e = i;
    while (e < n && s[e] != '\n') e++;
    size_t le = e;
    if (le > i && s[le - 1] == '\r') le--;
    size_t next = e < n ? e + 1 : e;
    if (le == i) { /* blank line: end of headers */
      h->end = next;
      return 0;
    }
    if (i > MAX_HEADER_BLOCK) return -1;
    if (s[i] == ' ' || s[i] == '\t') { /* folded continuation */
      if (!h->nheaders) return -1;
      if (last) last->n = le - (size_t)(last->p - s);
      i = next;
      continue;
    }
    size_t c = i;
    while (c < le && s[c] != ':' && s[c] != ' ' && s[c] != '\t') c++;
    if (c == i || c >= le || s[c] != ':') return -1;
    h->nheaders++;
    size_t v = c + 1;
    while (v < le && (s[v] == ' ' || s[v] == '\t')) v++;
    span val = {s + v, le - v};
    const char *name = s + i;
    size_t nl = c - i;
    last = NULL;
    if (nl == 12 && ieq_prefix(name, nl, "content-type")) last = &h->content_type;
    else if (nl == 25 && ieq_prefix(name, nl, "content-transfer-encoding")) last = &h->encoding;
    else if (nl == 16 && ieq_prefix(name, nl, "content-location")) last = &h->location;
    else if (nl == 25 && ieq_prefix(name, nl, "snapshot-content-location")) last = &h->snapshot_location;
    else if (nl == 12 && ieq_prefix(name, nl, "mime-version")) h->mime_version = 1;
    if (last) *last = val;
    i = next;
  }
  h->end = n; /* headers only, no body */
  return 0;
}

/* A header value with folding undone (CR/LF + indentation → one space). */
static char *unfold(cc_arena *a, span v) {
  char *o = cc_arena_alloc(a, v.n + 1);
  size_t k = 0;
  for (size_t i = 0; i < v.n; i++) {
    char c = v.p[i];
    if (c == '\r' || c == '\n') {
      while (i + 1 < v.n && (v.p[i + 1] == '\r' || v.p[i + 1] == '\n' || v.p[i + 1] == ' ' ||
                             v.p[i + 1] == '\t'))
        i++;
      c = ' ';
    }
    o[k++] = c;
  }
  while (k && (o[k - 1] == ' ' || o[k - 1] == '\t')) k--;
  o[k] = '\0';
  return o;
}

/* The media type of a Content-Type value, lowercased ("text/html"). */
static char *media_type(cc_arena *a, const char *ct) {
  size_t n = 0;
  while (ct[n] && ct[n] != ';' && ct[n] != ' ' && ct[n] != '\t') n++;
  char *t = cc_arena_strndup(a, ct, n);
  for (char *q = t; *q; q++) *q = (char)tolower((unsigned char)*q);
  return t;
}

/* A parameter of a header value (`name=value` or `name="value"`), or NULL. */
static char *param(cc_arena *a, const char *v, const char *name) {
  size_t nl = strlen(name);
  const char *p = strchr(v, ';');
  while (p) {
    p++;
    while (*p == ' ' || *p == '\t') p++;
    if (ieq_prefix(p, strlen(p), name)) {
      const char *q = p + nl;
      while (*q == ' ' || *q == '\t') q++;
      if (*q == '=') {
        q++;
        while (*q == ' ' || *q == '\t') q++;
        if (*q == '"') {
          q++;
          const char *e = q;
          while (*e && *e != '"') {
            if (*e == '\\' && e[1]) e++;
            e++;
          }
          /* undo backslash escapes */
          char *o = cc_arena_alloc(a, (size_t)(e - q) + 1);
          size_t k = 0;
          for (const char *r = q; r < e; r++) {
            if (*r == '\\' && r + 1 < e) r++;
            o[k++] = *r;
          }
          o[k] = '\0';
          return o;
        }
        const char *e = q;
        while (*e && *e != ';' && *e != ' ' && *e != '\t') e++;
        return cc_arena_strndup(a, q, (size_t)(e - q));
      }
    }
    p = strchr(p, ';');
  }
  return NULL;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *cc_mhtml_decode_qp(cc_arena *a, const char *s, size_t n, size_t *outlen) {
  char *o = cc_arena_alloc(a, n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '=') {
      /* soft line break: '=' then optional trailing blanks then EOL */
      size_t j = i + 1;
      while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
      if (j < n && (s[j] == '\n' || s[j] == '\r')) {
        if (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n') j++;
        i = j;
        continue;
      }
      if (j == n) break; /* '=' at the very end */
      if (i + 2 < n + 0 && hexval((unsigned char)s[i + 1]) >= 0 &&
          hexval((unsigned char)s[i + 2]) >= 0) {
        o[k++] = (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
        i += 2;
        continue;
      }
    }
    o[k++] = c; /* literal, including a malformed '=' */
  }
  o[k] = '\0';
  *outlen = k;
  return o;
}

char *cc_mhtml_decode_base64(cc_arena *a, const char *s, size_t n, size_t *outlen) {
  char *o = cc_arena_alloc(a, n / 4 * 3 + 4);
  size_t k = 0;
  unsigned acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; i++) {
    int c = (unsigned char)s[i], v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+' || c == '-') v = 62;
    else if (c == '/' || c == '_') v = 63;
    else if (c == '=') break;
    else continue; /* whitespace, line breaks, junk */
    acc = (acc << 6) | (unsigned)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      o[k++] = (char)((acc >> bits) & 0xff);
    }
  }
  o[k] = '\0';
  *outlen = k;
  return o;
}

int cc_mhtml_sniff(cc_arena *a, const char *data, size_t len) {
  size_t i = 0;
  if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) i = 3;
  while (i < len && (data[i] == '\r' || data[i] == '\n')) i++;
  headers h;
  size_t scan = len - i < 64 * 1024 ? len - i : 64 * 1024;
  if (parse_headers(data + i, scan, &h) != 0 || !h.content_type.p) return 0;
  char *ct = unfold(a, h.content_type);
  char *mt = media_type(a, ct);
  return !strncmp(mt, "multipart/", 10) || (h.mime_version && !strcmp(mt, "text/html"));
}

typedef struct found {
  const char *body;
  size_t n;
  char *encoding; /* lowercased, or NULL */
  char *charset;
  char *location;
} found;

/* Finds the first text/html entity in the message s[0..n). */
static int find_html(cc_arena *a, const char *s, size_t n, int depth, found *f) {
  headers h;
  if (parse_headers(s, n, &h) != 0) return -1;
  char *ct = h.content_type.p ? unfold(a, h.content_type) : "text/plain";
  char *mt = media_type(a, ct);
  int rc = -1;
  if (!strcmp(mt, "text/html") || !strcmp(mt, "application/xhtml+xml")) {
    f->body = s + h.end;
    f->n = n - h.end;
    f->charset = param(a, ct, "charset");
    if (h.encoding.p) {
      f->encoding = unfold(a, h.encoding);
      for (char *q = f->encoding; *q; q++) *q = (char)tolower((unsigned char)*q);
    }
    if (h.location.p) f->location = unfold(a, h.location);
    rc = 0;
  } else if (!strncmp(mt, "multipart/", 10) && depth < MAX_NEST) {
    char *b = param(a, ct, "boundary");
    if (b && *b && strlen(b) <= 200) {
      size_t bl = strlen(b);
      const char *body = s + h.end, *end = s + n;
      const char *part = NULL; /* start of the current part */
      const char *p = body;
      while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        if (le - p >= (ptrdiff_t)(bl + 2) && p[0] == '-' && p[1] == '-' &&
            !memcmp(p + 2, b, bl)) {
          const char *after = p + 2 + bl;
          int closing = le - after >= 2 && after[0] == '-' && after[1] == '-';
          if (part) {
            /* the part ends before the line break preceding this line */
            const char *pe = p;
            if (pe > part && pe[-1] == '\n') pe--;
            if (pe > part && pe[-1] == '\r') pe--;
            if (find_html(a, part, (size_t)(pe - part), depth + 1, f) == 0) {
              rc = 0;
              break;
            }
          }
          if (closing) break;
          part = eol ? eol + 1 : end;
        }
        p = eol ? eol + 1 : end;
      }
      if (rc != 0 && part && part < end && p >= end) {
        /* an unterminated last part (truncated archive): try it too */
        if (find_html(a, part, (size_t)(end - part), depth + 1, f) == 0) rc = 0;
      }
    }
  }
  return rc;
}

int cc_mhtml_extract(cc_arena *a, const char *data, size_t len, size_t max, cc_mhtml_page *out,
                     char *err, size_t errcap) {
  memset(out, 0, sizeof *out);
  size_t i = 0;
  if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) i = 3;
  while (i < len && (data[i] == '\r' || data[i] == '\n')) i++;
  headers top;
  if (parse_headers(data + i, len - i, &top) != 0) {
    snprintf(err, errcap, "not a MIME archive");
    return -1;
  }
  found f;
  memset(&f, 0, sizeof f);
  if (find_html(a, data + i, len - i, 0, &f) != 0) {
    snprintf(err, errcap, "MHTML archive without a text/html part");
    return -1;
  }
  size_t n = f.n;
  if (f.encoding && !strcmp(f.encoding, "quoted-printable")) {
    out->html = cc_mhtml_decode_qp(a, f.body, f.n, &n);
  } else if (f.encoding && !strcmp(f.encoding, "base64")) {
    out->html = cc_mhtml_decode_base64(a, f.body, f.n, &n);
  } else if (n <= max) { /* 7bit, 8bit, binary or none: the bytes as they are */
    out->html = cc_arena_strndup(a, f.body, n);
  }
  if (n > max) {
    snprintf(err, errcap, "the archived page is larger than the %zu-byte input limit", max);
    return -2;
  }
  out->len = n;
  out->charset = f.charset;
  if (f.location && *f.location)
    out->url = f.location;
  else if (top.snapshot_location.p)
    out->url = unfold(a, top.snapshot_location);
  else if (top.location.p)
    out->url = unfold(a, top.location);
  return 0;
}
