/* text_md_inline.c — the inline syntax of a Markdown clipping, read into
 * the article tree's inline nodes (see text.h and ast.h).
 *
 * Owns: code spans, links and images (inline, reference, collapsed and
 * shortcut forms, and <autolinks>), emphasis and strong emphasis,
 * backslash escapes, hard line breaks, the common character references,
 * and inline HTML tags (dropped; <br> is a break). It follows CommonMark
 * where pages' clippings need it, and stays linear on any input: code
 * spans, bracket pairs and emphasis closers are found in one pass each
 * before the parse, a link destination is looked for within a bounded
 * reach, and nesting deeper than MAX_DEPTH reads as text.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "url.h"

#define MAX_DEPTH 16
/* A link destination and title, or an autolink, are this long at most. */
#define DEST_REACH 2048
/* Bracket pairs are matched up to this nesting depth. */
#define BRACKET_STACK 64
/* Backtick and emphasis runs longer than this are text. */
#define RUN_MAX 16

typedef struct ipar {
  cc_arena *a;
  const char *s;
  size_t n;
  int32_t *code;  /* at a backtick run opening a span: where the closing run starts */
  int32_t *brack; /* at '[': its matching ']' */
  int32_t *close; /* at an emphasis run: the next run that can close it */
  uint8_t *incode; /* inside a code span */
  const cc_md_refs *refs;
  const char *base;
  cc_buf text; /* plain text waiting for a TEXT node */
  int space;   /* a whitespace run is pending in text */
} ipar;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}
static int is_punct(unsigned char c) { return c > 32 && c < 127 && !is_alnum(c); }

/* ---- the passes before the parse -------------------------------------- */

static size_t run_len(const char *s, size_t n, size_t i) {
  size_t k = i;
  while (k < n && s[k] == s[i]) k++;
  return k - i;
}

static int escaped(const char *s, size_t i) {
  size_t k = 0;
  while (k < i && s[i - 1 - k] == '\\') k++;
  return k & 1;
}

/* Code spans: a backtick run closes at the next run of the same length;
 * the runs between are inside. */
static void pair_code(ipar *p) {
  const char *s = p->s;
  size_t n = p->n;
  int32_t next[RUN_MAX + 1];
  for (int k = 0; k <= RUN_MAX; k++) next[k] = -1;
  int32_t *nxt = p->close; /* borrowed: filled again by pair_emphasis */
  for (size_t i = n; i-- > 0;) {
    nxt[i] = -1;
    if (s[i] != '`' || (i && s[i - 1] == '`')) continue;
    size_t l = run_len(s, n, i);
    if (l > RUN_MAX) continue;
    nxt[i] = next[l];
    next[l] = (int32_t)i;
  }
  /* every position gets its -1, those inside a span too: parse() meets
   * the closer of one whose opener an earlier autolink took as text */
  for (size_t i = 0; i < n; i++) p->code[i] = -1;
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '`' || (i && s[i - 1] == '`') || escaped(s, i)) continue;
    if (nxt[i] < 0) {
      i += run_len(s, n, i) - 1;
      continue;
    }
    p->code[i] = nxt[i];
    size_t end = (size_t)nxt[i] + run_len(s, n, i);
    for (size_t k = i; k < end; k++) p->incode[k] = 1;
    i = end - 1;
  }
}

/* Brackets: '[' to its ']', outside code spans, escapes skipped. */
static void pair_brackets(ipar *p) {
  int32_t stack[BRACKET_STACK];
  int top = 0;
  for (size_t i = 0; i < p->n; i++) {
    p->brack[i] = -1;
    if (p->incode[i] || escaped(p->s, i)) continue;
    if (p->s[i] == '[') {
      if (top < BRACKET_STACK) stack[top++] = (int32_t)i;
    } else if (p->s[i] == ']' && top) {
      p->brack[stack[--top]] = (int32_t)i;
    }
  }
}

/* Emphasis: for each run of * or _ that can open, the next run of the
 * same character and length that can close. */
static void pair_emphasis(ipar *p) {
  const char *s = p->s;
  size_t n = p->n;
  int32_t next[2][4];
  memset(next, 0xff, sizeof next);
  for (size_t i = n; i-- > 0;) {
    p->close[i] = -1;
    char c = s[i];
    if ((c != '*' && c != '_') || (i && s[i - 1] == c) || p->incode[i] || escaped(s, i))
      continue;
    size_t l = run_len(s, n, i);
    if (l > 3) continue;
    unsigned char before = i ? (unsigned char)s[i - 1] : ' ';
    unsigned char after = i + l < n ? (unsigned char)s[i + l] : ' ';
    int ci = c == '_';
    int opens = !is_space((char)after) && !(ci && is_alnum(before));
    int closes = !is_space((char)before) && !(ci && is_alnum(after));
    if (opens) p->close[i] = next[ci][l];
    if (closes) next[ci][l] = (int32_t)i;
  }
}

/* ---- emitting ----------------------------------------------------------- */

/* Text waiting so far becomes a TEXT node; a space pending after it
 * goes with it (the next node is on the same line), unless it is the
 * block's end (cc_md_inlines clears it first). */
static void flush(ipar *p, cc_ast *parent) {
  if (p->space && (p->text.len || parent->last)) cc_buf_putc(&p->text, ' ');
  p->space = 0;
  if (!p->text.len) return;
  cc_ast_add_text(p->a, parent, p->text.data, p->text.len);
  p->text.len = 0;
  p->text.data[0] = '\0';
}

static void put_text(ipar *p, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (is_space(s[i])) {
      p->space = 1;
      continue;
    }
    if (p->space) cc_buf_putc(&p->text, ' ');
    p->space = 0;
    cc_buf_putc(&p->text, s[i]);
  }
}

static void put_utf8(ipar *p, uint32_t cp) {
  char u[4];
  size_t k;
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) u[0] = (char)cp, k = 1;
  else if (cp < 0x800) u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), k = 2;
  else if (cp < 0x10000)
    u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
    u[2] = (char)(0x80 | (cp & 0x3F)), k = 3;
  else
    u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), k = 4;
  put_text(p, u, k);
}

/* A character reference at s[i] ('&'): its length, 0 when none. */
static size_t entity(ipar *p, size_t i, size_t end) {
  static const struct {
    const char *name;
    uint32_t cp;
  } named[] = {{"amp", '&'},    {"lt", '<'},      {"gt", '>'},      {"quot", '"'},
               {"apos", '\''},  {"nbsp", ' '},    {"mdash", 0x2014}, {"ndash", 0x2013},
               {"hellip", 0x2026}, {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"ldquo", 0x201C},
               {"rdquo", 0x201D}, {"copy", 0xA9}, {"laquo", 0xAB},  {"raquo", 0xBB}};
  const char *s = p->s;
  size_t k = i + 1;
  while (k < end && k < i + 12 && s[k] != ';') k++;
  if (k >= end || s[k] != ';' || k == i + 1) return 0;
  if (s[i + 1] == '#') {
    uint32_t cp = 0;
    int hex = k > i + 2 && (s[i + 2] | 0x20) == 'x';
    size_t d = i + 2 + (size_t)hex;
    if (d == k) return 0;
    for (; d < k; d++) {
      char c = s[d];
      unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (unsigned)((c | 0x20) - 'a' + 10)
                                                                   : 99;
      if (v >= (hex ? 16u : 10u) || cp > 0x10FFFF) return 0;
      cp = cp * (hex ? 16 : 10) + v;
    }
    put_utf8(p, cp);
    return k + 1 - i;
  }
  for (size_t j = 0; j < sizeof named / sizeof *named; j++)
    if (strlen(named[j].name) == k - i - 1 && !memcmp(named[j].name, s + i + 1, k - i - 1)) {
      put_utf8(p, named[j].cp);
      return k + 1 - i;
    }
  return 0;
}

static void parse(ipar *p, cc_ast *parent, size_t i, size_t end, unsigned depth);

/* A link's (destination "title") at s[i] == '('; returns the index after
 * ')' or 0, with the destination and title copied into the arena. */
static size_t dest_title(ipar *p, size_t i, size_t end, char **url, char **title) {
  const char *s = p->s;
  size_t lim = end < i + DEST_REACH ? end : i + DEST_REACH, k = i + 1, a, b;
  while (k < lim && is_space(s[k])) k++;
  if (k < lim && s[k] == '<') {
    a = ++k;
    while (k < lim && s[k] != '>' && s[k] != '\n') k++;
    if (k >= lim || s[k] != '>') return 0;
    b = k++;
  } else {
    int depth = 0;
    a = k;
    while (k < lim && !is_space(s[k]) && !(s[k] == ')' && depth == 0)) {
      depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
      k++;
    }
    b = k;
  }
  while (k < lim && is_space(s[k])) k++;
  *title = NULL;
  if (k < lim && (s[k] == '"' || s[k] == '\'' || s[k] == '(')) {
    char q = s[k] == '(' ? ')' : s[k];
    size_t t = ++k;
    while (k < lim && s[k] != q) k++;
    if (k >= lim) return 0;
    *title = cc_arena_strndup(p->a, s + t, k - t);
    k++;
    while (k < lim && is_space(s[k])) k++;
  }
  if (k >= lim || s[k] != ')') return 0;
  char *raw = cc_arena_strndup(p->a, s + a, b - a);
  *url = cc_url_resolve(p->a, p->base, raw);
  if (!*url) *url = raw[0] ? NULL : raw;
  return k + 1;
}

/* The reference a link's label names: [text][label], [text][], [text]. */
static const cc_md_ref *reference(ipar *p, size_t open, size_t close, size_t end, size_t *after) {
  const char *s = p->s;
  size_t a = open + 1, b = close;
  *after = close + 1;
  if (close + 1 < end && s[close + 1] == '[' && p->brack[close + 1] >= 0 &&
      (size_t)p->brack[close + 1] < end) {
    size_t c2 = (size_t)p->brack[close + 1];
    if (c2 > close + 2) a = close + 2, b = c2;
    *after = c2 + 1;
  }
  return cc_md_ref_find(p->refs, s + a, b - a);
}

/* The plain text of s[i, end) with the syntax read (an image's alt). */
static char *plain(ipar *p, size_t i, size_t end, unsigned depth) {
  cc_ast tmp;
  memset(&tmp, 0, sizeof tmp);
  cc_buf keep = p->text;
  int sp = p->space;
  p->text = (cc_buf)CC_BUF_INIT;
  p->space = 0;
  parse(p, &tmp, i, end, depth);
  flush(p, &tmp);
  cc_buf_free(&p->text);
  p->text = keep;
  p->space = sp;
  cc_buf out = CC_BUF_INIT;
  for (cc_ast *x = tmp.first; x; x = cc_ast_next(&tmp, x, 0))
    if ((x->type == CC_AST_TEXT || x->type == CC_AST_CODE) && x->text) cc_buf_put(&out, x->text, x->len);
  char *r = cc_arena_strndup(p->a, out.data ? out.data : "", out.len);
  cc_buf_free(&out);
  return r;
}

/* A link or an image at s[i] ('[', or '!' before '['); returns the index
 * after it, or 0 when it is text. */
static size_t link(ipar *p, cc_ast *parent, size_t i, size_t end, unsigned depth) {
  const char *s = p->s;
  int image = s[i] == '!';
  size_t open = i + (size_t)image;
  if (p->brack[open] < 0 || (size_t)p->brack[open] >= end) return 0;
  size_t close = (size_t)p->brack[open], after = 0;
  char *url = NULL, *title = NULL;
  if (close + 1 < end && s[close + 1] == '(') after = dest_title(p, close + 1, end, &url, &title);
  if (!after) {
    const cc_md_ref *r = reference(p, open, close, end, &after);
    if (!r) return 0;
    url = cc_url_resolve(p->a, p->base, r->url);
    title = (char *)r->title;
  }
  flush(p, parent);
  if (image) {
    cc_ast *img = cc_ast_new(p->a, CC_AST_IMAGE);
    img->url = url;
    img->title = title;
    img->text = plain(p, open + 1, close, depth + 1);
    img->len = strlen(img->text);
    if (url) cc_ast_append(parent, img);
    return after;
  }
  if (!url) { /* a link to nothing (javascript:...) is its text */
    parse(p, parent, open + 1, close, depth + 1);
    return after;
  }
  cc_ast *l = cc_ast_new(p->a, CC_AST_LINK);
  l->url = url;
  l->title = title;
  parse(p, l, open + 1, close, depth + 1);
  flush(p, l);
  cc_ast_append(parent, l);
  return after;
}

/* <https://...>, <name@host>, or an HTML tag (dropped; <br> breaks). */
static size_t angle(ipar *p, cc_ast *parent, size_t i, size_t end) {
  const char *s = p->s;
  size_t lim = end < i + DEST_REACH ? end : i + DEST_REACH, k = i + 1;
  while (k < lim && s[k] != '>' && s[k] != '<' && s[k] != '\n') k++;
  if (k >= lim || s[k] != '>' || k == i + 1) return 0;
  const char *in = s + i + 1;
  size_t n = k - i - 1;
  const char *colon = memchr(in, ':', n);
  int scheme = colon && colon > in && colon - in < 32 && (*in | 0x20) >= 'a' && (*in | 0x20) <= 'z';
  int mail = !colon && memchr(in, '@', n) != NULL;
  if ((scheme || mail) && !memchr(in, ' ', n)) {
    char *raw = cc_arena_strndup(p->a, in, n);
    char *url = scheme ? cc_url_resolve(p->a, NULL, raw) : NULL;
    if (mail) {
      url = cc_arena_alloc(p->a, n + 8);
      memcpy(url, "mailto:", 7);
      memcpy(url + 7, in, n);
      url[n + 7] = '\0';
    }
    if (!url) return 0;
    flush(p, parent);
    cc_ast *l = cc_ast_new(p->a, CC_AST_LINK);
    l->url = url;
    cc_ast_add_text(p->a, l, raw, n);
    cc_ast_append(parent, l);
    return k + 1;
  }
  char c = in[0] == '/' ? (n > 1 ? in[1] : 0) : in[0];
  if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '!') return 0;
  if (n >= 2 && (in[0] | 0x20) == 'b' && (in[1] | 0x20) == 'r' && (n == 2 || in[2] == ' ' || in[2] == '/')) {
    flush(p, parent);
    cc_ast_append(parent, cc_ast_new(p->a, CC_AST_BREAK));
    p->space = 0;
  }
  return k + 1;
}

static size_t code_span(ipar *p, cc_ast *parent, size_t i) {
  const char *s = p->s;
  size_t l = run_len(s, p->n, i), a = i + l, b = (size_t)p->code[i];
  flush(p, parent);
  cc_ast *c = cc_ast_new(p->a, CC_AST_CODE);
  /* line breaks are spaces; one space on each side is padding */
  char *t = cc_arena_strndup(p->a, s + a, b - a);
  size_t n = b - a;
  for (size_t k = 0; k < n; k++)
    if (t[k] == '\n' || t[k] == '\r') t[k] = ' ';
  if (n >= 2 && t[0] == ' ' && t[n - 1] == ' ') t++, n -= 2;
  t[n] = '\0';
  c->text = t;
  c->len = n;
  cc_ast_append(parent, c);
  return b + l;
}

static void parse(ipar *p, cc_ast *parent, size_t i, size_t end, unsigned depth) {
  const char *s = p->s;
  while (i < end) {
    char c = s[i];
    size_t next = 0;
    if (depth >= MAX_DEPTH) {
      next = 0;
    } else if (c == '\\' && i + 1 < end && is_punct((unsigned char)s[i + 1])) {
      put_text(p, s + i + 1, 1);
      i += 2;
      continue;
    } else if (c == '\\' && i + 1 < end && s[i + 1] == '\n') {
      flush(p, parent);
      cc_ast_append(parent, cc_ast_new(p->a, CC_AST_BREAK));
      p->space = 0;
      i += 2;
      continue;
    } else if (c == '`' && p->code[i] >= 0 && (size_t)p->code[i] < end) {
      next = code_span(p, parent, i);
    } else if (c == '[' || (c == '!' && i + 1 < end && s[i + 1] == '[')) {
      next = link(p, parent, i, end, depth);
    } else if (c == '<') {
      next = angle(p, parent, i, end);
    } else if ((c == '*' || c == '_') && p->close[i] >= 0 && (size_t)p->close[i] < end &&
               (i == 0 || s[i - 1] != c)) {
      size_t l = run_len(s, p->n, i), cl = (size_t)p->close[i];
      flush(p, parent);
      cc_ast *e = cc_ast_new(p->a, l == 1 ? CC_AST_EMPH : CC_AST_STRONG);
      cc_ast *inner = e;
      if (l == 3) {
        inner = cc_ast_new(p->a, CC_AST_EMPH);
        cc_ast_append(e, inner);
      }
      parse(p, inner, i + l, cl, depth + 1);
      flush(p, inner);
      cc_ast_append(parent, e);
      next = cl + l;
    } else if (c == '&') {
      size_t k = entity(p, i, end);
      if (k) next = i + k;
    } else if (c == '\n' && i >= 2 && s[i - 1] == ' ' && s[i - 2] == ' ') {
      flush(p, parent);
      cc_ast_append(parent, cc_ast_new(p->a, CC_AST_BREAK));
      p->space = 0;
      next = i + 1;
    }
    if (next) {
      i = next;
      continue;
    }
    size_t k = i + 1; /* plain text up to the next special character */
    while (k < end && !strchr("\\`[!<*_&\n", s[k])) k++;
    if (s[i] == '*' || s[i] == '_' || s[i] == '`') k = i + run_len(s, end, i);
    put_text(p, s + i, k - i);
    i = k;
  }
}

void cc_md_inlines(cc_arena *a, const char *s, size_t n, const cc_md_refs *refs,
                   const char *base, cc_ast *parent) {
  ipar p;
  memset(&p, 0, sizeof p);
  p.a = a;
  p.s = s;
  p.n = n;
  p.refs = refs;
  p.base = base;
  size_t cap = n ? n : 1;
  p.code = malloc(cap * sizeof *p.code);
  p.brack = malloc(cap * sizeof *p.brack);
  p.close = malloc(cap * sizeof *p.close);
  p.incode = calloc(cap, 1);
  if (!p.code || !p.brack || !p.close || !p.incode) abort();
  pair_code(&p);
  pair_brackets(&p);
  pair_emphasis(&p);
  parse(&p, parent, 0, n, 0);
  p.space = 0; /* no whitespace at the end of the block */
  flush(&p, parent);
  cc_buf_free(&p.text);
  free(p.code);
  free(p.brack);
  free(p.close);
  free(p.incode);
}
