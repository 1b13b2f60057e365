/* strip.c — the lexical pre-pass (see strip.h). */
#include "strip.h"

#include <string.h>

static inline int is_alpha(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
static inline int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
static inline unsigned char lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

static int eq_ci(const char *a, size_t alen, const char *lit) {
  size_t n = strlen(lit);
  if (alen != n) return 0;
  for (size_t i = 0; i < n; i++)
    if (lower((unsigned char)a[i]) != (unsigned char)lit[i]) return 0;
  return 1;
}

/* What the pass does with an element, keyed by its start tag. */
enum action {
  KEEP = 0,
  RAW_DROP,    /* raw text up to its end tag; drop all */
  NEST_DROP,   /* markup with possible nesting (svg, template); drop all */
  RCDATA_KEEP, /* copy verbatim up to its end tag (title, xmp) */
  PLAINTEXT    /* everything after is text */
};

static enum action classify(const char *name, size_t n) {
  switch (n) {
  case 3:
    if (eq_ci(name, n, "svg")) return NEST_DROP;
    if (eq_ci(name, n, "xmp")) return RCDATA_KEEP;
    break;
  case 5:
    if (eq_ci(name, n, "style")) return RAW_DROP;
    if (eq_ci(name, n, "title")) return RCDATA_KEEP;
    break;
  case 6:
    if (eq_ci(name, n, "script")) return RAW_DROP;
    if (eq_ci(name, n, "iframe")) return RAW_DROP;
    break;
  case 7:
    if (eq_ci(name, n, "noembed")) return RAW_DROP;
    break;
  case 8:
    if (eq_ci(name, n, "noscript")) return RAW_DROP;
    if (eq_ci(name, n, "template")) return NEST_DROP;
    if (eq_ci(name, n, "noframes")) return RAW_DROP;
    if (eq_ci(name, n, "textarea")) return RAW_DROP;
    break;
  case 9:
    if (eq_ci(name, n, "plaintext")) return PLAINTEXT;
    break;
  }
  return KEEP;
}

/* A parsed tag: name span, the end (one past '>'), self-closing flag. */
typedef struct tag {
  const char *name;
  size_t nlen;
  const char *end;
  int self_closing;
} tag;

typedef void (*attr_fn)(void *ctx, const char *name, size_t nlen,
                        const char *val, size_t vlen);

/* Scans a tag starting at p (just after '<' or '</'), calling fn for each
 * attribute when fn is set. Follows the HTML tokenizer: names end at
 * space, '/', '>'; values may be quoted with ' or " (only after '=').
 * Returns 0 when the input ends inside the tag (EOF in tag: the tokenizer
 * drops it). */
static int scan_tag(const char *p, const char *e, tag *t, attr_fn fn,
                    void *ctx) {
  t->name = p;
  while (p < e && !is_space((unsigned char)*p) && *p != '/' && *p != '>') p++;
  t->nlen = (size_t)(p - t->name);
  t->self_closing = 0;
  for (;;) {
    while (p < e && (is_space((unsigned char)*p) || *p == '/')) {
      if (*p == '/' && p + 1 < e && p[1] == '>') t->self_closing = 1;
      p++;
    }
    if (p >= e) return 0;
    if (*p == '>') {
      t->end = p + 1;
      return 1;
    }
    const char *an = p++; /* the first char may be '=' */
    while (p < e && !is_space((unsigned char)*p) && *p != '/' && *p != '>' &&
           *p != '=')
      p++;
    size_t anlen = (size_t)(p - an);
    while (p < e && is_space((unsigned char)*p)) p++;
    const char *av = NULL;
    size_t avlen = 0;
    if (p < e && *p == '=') {
      p++;
      while (p < e && is_space((unsigned char)*p)) p++;
      if (p >= e) return 0;
      if (*p == '"' || *p == '\'') {
        char q = *p++;
        const char *qe = memchr(p, q, (size_t)(e - p));
        if (!qe) return 0;
        av = p;
        avlen = (size_t)(qe - p);
        p = qe + 1;
      } else {
        av = p;
        while (p < e && !is_space((unsigned char)*p) && *p != '>') p++;
        avlen = (size_t)(p - av);
      }
    }
    if (fn) fn(ctx, an, anlen, av ? av : "", avlen);
  }
}

/* Finds "</name" followed by space, '/' or '>' (case-insensitive) at or
 * after p; returns its '<' or NULL. */
static const char *find_end_tag(const char *p, const char *e,
                                const char *name, size_t nlen) {
  while (p < e) {
    const char *lt = memchr(p, '<', (size_t)(e - p));
    if (!lt) return NULL;
    if ((size_t)(e - lt) >= nlen + 2 && lt[1] == '/') {
      size_t i = 0;
      while (i < nlen && lower((unsigned char)lt[2 + i]) == (unsigned char)name[i])
        i++;
      if (i == nlen) {
        const char *q = lt + 2 + nlen;
        if (q >= e || is_space((unsigned char)*q) || *q == '/' || *q == '>')
          return lt;
      }
    }
    p = lt + 1;
  }
  return NULL;
}

/* Skips the end tag at lt ("</name ...>"); returns the position after it. */
static const char *skip_end_tag(const char *lt, const char *e) {
  tag t;
  if (!scan_tag(lt + 2, e, &t, NULL, NULL)) return e;
  return t.end;
}

/* Finds the end of a comment whose "<!--" starts at p; returns the
 * position after it (the input's end when unterminated). */
static const char *skip_comment(const char *p, const char *e) {
  const char *q = p + 4;
  if (q < e && *q == '>') return q + 1;                    /* <!--> */
  if (q + 1 < e && q[0] == '-' && q[1] == '>') return q + 2; /* <!---> */
  while (q < e) {
    const char *d = memchr(q, '-', (size_t)(e - q));
    if (!d || d + 2 > e) return e;
    if (d[1] == '-') {
      if (d + 2 < e && d[2] == '>') return d + 3;
      if (d + 3 < e && d[2] == '!' && d[3] == '>') return d + 4;
    }
    q = d + 1;
  }
  return e;
}

static char *label_dup(cc_arena *a, const char *v, size_t n) {
  while (n && is_space((unsigned char)*v)) v++, n--;
  while (n && is_space((unsigned char)v[n - 1])) n--;
  if (n == 0 || n > 40) return NULL;
  char *s = cc_arena_strndup(a, v, n);
  for (size_t i = 0; i < n; i++) s[i] = (char)lower((unsigned char)s[i]);
  return s;
}

int cc_charset_from_content_type(const char *v, size_t len, char *out,
                                 size_t cap) {
  /* Finds "charset", skips spaces and '=', takes a possibly quoted token. */
  for (size_t i = 0; i + 7 <= len; i++) {
    if (!eq_ci(v + i, 7, "charset")) continue;
    size_t j = i + 7;
    while (j < len && is_space((unsigned char)v[j])) j++;
    if (j >= len || v[j] != '=') continue;
    j++;
    while (j < len && is_space((unsigned char)v[j])) j++;
    char q = 0;
    if (j < len && (v[j] == '"' || v[j] == '\'')) q = v[j++];
    size_t k = j;
    while (k < len && v[k] != ';' && (q ? v[k] != q : !is_space((unsigned char)v[k])))
      k++;
    size_t n = k - j;
    if (n == 0 || n >= cap) return 0;
    for (size_t m = 0; m < n; m++) out[m] = (char)lower((unsigned char)v[j + m]);
    out[n] = '\0';
    return 1;
  }
  return 0;
}

typedef struct meta_ctx {
  const char *charset, *content;
  size_t charset_len, content_len;
  int http_equiv_ct;
} meta_ctx;

static void meta_attr(void *c, const char *n, size_t nl, const char *v,
                      size_t vl) {
  meta_ctx *m = c;
  if (eq_ci(n, nl, "charset") && !m->charset) {
    m->charset = v;
    m->charset_len = vl;
  } else if (eq_ci(n, nl, "content") && !m->content) {
    m->content = v;
    m->content_len = vl;
  } else if (eq_ci(n, nl, "http-equiv")) {
    while (vl && is_space((unsigned char)*v)) v++, vl--;
    while (vl && is_space((unsigned char)v[vl - 1])) vl--;
    m->http_equiv_ct = eq_ci(v, vl, "content-type");
  }
}

static void script_attr(void *c, const char *n, size_t nl, const char *v,
                        size_t vl) {
  int *is_ld = c;
  if (!eq_ci(n, nl, "type")) return;
  while (vl && is_space((unsigned char)*v)) v++, vl--;
  while (vl && is_space((unsigned char)v[vl - 1])) vl--;
  *is_ld = eq_ci(v, vl, "application/ld+json");
}

static void xml_decl(cc_arena *a, const char *in, size_t len,
                     cc_strip_result *res) {
  /* <?xml version="1.0" encoding="ISO-8859-1"?> at the very start. */
  if (len < 6 || memcmp(in, "<?xml", 5) != 0) return;
  const char *e = memchr(in, '>', len < 512 ? len : 512);
  if (!e) return;
  for (const char *p = in; p + 8 < e; p++) {
    if (memcmp(p, "encoding", 8) != 0) continue;
    const char *q = p + 8;
    while (q < e && (is_space((unsigned char)*q) || *q == '=')) q++;
    if (q < e && (*q == '"' || *q == '\'')) {
      char quote = *q++;
      const char *qe = memchr(q, quote, (size_t)(e - q));
      if (qe) res->xml_encoding = label_dup(a, q, (size_t)(qe - q));
    }
    return;
  }
}

void cc_strip(cc_arena *a, const char *in, size_t len, cc_strip_result *res) {
  memset(res, 0, sizeof *res);
  char *out = cc_arena_alloc(a, len + 1);
  size_t olen = 0;
  const char *p = in, *e = in + len;
  const char *copy_from = in; /* start of the pending span to copy */
  xml_decl(a, in, len, res);

#define FLUSH(upto)                                       \
  do {                                                    \
    size_t n_ = (size_t)((upto) - copy_from);             \
    memcpy(out + olen, copy_from, n_);                    \
    olen += n_;                                           \
  } while (0)

  while (p < e) {
    const char *lt = memchr(p, '<', (size_t)(e - p));
    if (!lt || lt + 1 >= e) break;
    unsigned char c = (unsigned char)lt[1];
    if (c == '!') {
      if (lt + 3 < e && lt[2] == '-' && lt[3] == '-') {
        FLUSH(lt);
        p = skip_comment(lt, e);
        copy_from = p;
        continue;
      }
      p = lt + 2; /* doctype or bogus comment: the parser handles it */
      continue;
    }
    if (c == '/') { /* end tag: skip it whole, its attributes may quote '<' */
      if (lt + 2 < e && is_alpha((unsigned char)lt[2])) {
        tag t;
        if (!scan_tag(lt + 2, e, &t, NULL, NULL)) break;
        p = t.end;
      } else {
        p = lt + 2;
      }
      continue;
    }
    if (!is_alpha(c)) {
      p = lt + 1;
      continue;
    }
    tag t;
    const char *nm = lt + 1;
    const char *ne = nm;
    while (ne < e && !is_space((unsigned char)*ne) && *ne != '/' && *ne != '>')
      ne++;
    enum action act = classify(nm, (size_t)(ne - nm));
    int is_meta = (ne - nm == 4) && eq_ci(nm, 4, "meta");
    int is_ld = 0;
    meta_ctx mc = {0};
    int ok;
    if (is_meta && !res->meta_charset)
      ok = scan_tag(nm, e, &t, meta_attr, &mc);
    else if (act == RAW_DROP && eq_ci(nm, (size_t)(ne - nm), "script"))
      ok = scan_tag(nm, e, &t, script_attr, &is_ld);
    else
      ok = scan_tag(nm, e, &t, NULL, NULL);
    if (!ok) break; /* EOF inside a tag */

    if (is_meta && !res->meta_charset) {
      if (mc.charset) {
        res->meta_charset = label_dup(a, mc.charset, mc.charset_len);
      } else if (mc.http_equiv_ct && mc.content) {
        char buf[48];
        if (cc_charset_from_content_type(mc.content, mc.content_len, buf,
                                         sizeof buf))
          res->meta_charset = label_dup(a, buf, strlen(buf));
      }
    }
    switch (act) {
    case KEEP:
      p = t.end;
      break;
    case RCDATA_KEEP: {
      char lname[16];
      size_t n = t.nlen;
      for (size_t i = 0; i < n; i++) lname[i] = (char)lower((unsigned char)t.name[i]);
      const char *et = find_end_tag(t.end, e, lname, n);
      p = et ? skip_end_tag(et, e) : e;
      break;
    }
    case RAW_DROP: {
      FLUSH(lt);
      char lname[16];
      size_t n = t.nlen;
      for (size_t i = 0; i < n; i++) lname[i] = (char)lower((unsigned char)t.name[i]);
      const char *et = find_end_tag(t.end, e, lname, n);
      const char *body_end = et ? et : e;
      if (is_ld && res->njsonld < CC_STRIP_MAX_JSONLD) {
        res->jsonld[res->njsonld].p = t.end;
        res->jsonld[res->njsonld].len = (size_t)(body_end - t.end);
        res->njsonld++;
      }
      p = et ? skip_end_tag(et, e) : e;
      copy_from = p;
      break;
    }
    case NEST_DROP: {
      FLUSH(lt);
      if (t.self_closing && t.nlen == 3) { /* <svg/> is void in foreign content */
        p = copy_from = t.end;
        break;
      }
      char lname[16];
      size_t n = t.nlen;
      for (size_t i = 0; i < n; i++) lname[i] = (char)lower((unsigned char)t.name[i]);
      int depth = 1;
      const char *q = t.end;
      while (depth > 0 && q < e) {
        const char *l2 = memchr(q, '<', (size_t)(e - q));
        if (!l2 || l2 + 1 >= e) {
          q = e;
          break;
        }
        if (l2[1] == '!' && l2 + 3 < e && l2[2] == '-' && l2[3] == '-') {
          q = skip_comment(l2, e);
          continue;
        }
        int closing = l2[1] == '/';
        const char *tn = l2 + 1 + closing;
        if (tn >= e || !is_alpha((unsigned char)*tn)) {
          q = l2 + 1;
          continue;
        }
        tag t2;
        if (!scan_tag(tn, e, &t2, NULL, NULL)) {
          q = e;
          break;
        }
        if (t2.nlen == n) {
          size_t i = 0;
          while (i < n && lower((unsigned char)t2.name[i]) == (unsigned char)lname[i]) i++;
          if (i == n) {
            if (closing)
              depth--;
            else if (!t2.self_closing)
              depth++;
          }
        }
        q = t2.end;
      }
      p = copy_from = q;
      break;
    }
    case PLAINTEXT:
      p = e;
      break;
    }
  }
  FLUSH(e);
#undef FLUSH
  /* JSON-LD spans point into `in`; copy them so the result does not depend
   * on the caller keeping the input alive. */
  for (unsigned i = 0; i < res->njsonld; i++) {
    char *s = cc_arena_strndup(a, res->jsonld[i].p, res->jsonld[i].len);
    res->jsonld[i].p = s;
  }
  out[olen] = '\0';
  res->out = out;
  res->len = olen;
  res->removed_bytes = len - olen;
}
