/* text_markdown.c — Markdown clippings: telling one, and cutting it into
 * blocks (see text.h).
 *
 * Many saved pages were converted to Markdown by a clipper, boilerplate
 * included. Such a clipping is cleaned like any other, block by block,
 * but its blocks are Markdown's: ATX and setext headings, paragraphs (the
 * lines between blank lines), list items (nested by indentation), block
 * quotes, fenced and indented code, pipe tables, thematic breaks; link
 * reference definitions are collected and leave no block. Each block's
 * text — what the features read — is what a reader sees of it (links as
 * their text, images as nothing, the syntax read by text_md_inline.c);
 * its content keeps the structure for the article tree. Also owned here:
 * the test that says a clipping is Markdown, and the sorted reference
 * definitions. Linear: one pass over the lines for the definitions, one
 * for the blocks.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- telling Markdown --------------------------------------------------- */

/* Markdown says itself through syntax plain text does not have: "# "
 * headings, [links](url), ![images](url), ``` fences, **strong**,
 * [label]: definitions, setext underlines. Links are the surest sign (a
 * page's text dump has none, and a clipper keeps every one of them); a
 * code comment looks like a heading, "**kwargs" like emphasis. So a
 * clipping is Markdown when MD_LINK_LINES lines hold a link, or one does
 * and MD_KINDS kinds of marks show, or fences and headings go together
 * with some emphasis or definitions. */
#define MD_LINK_LINES 3
#define MD_KINDS 3

enum { MK_HEADING, MK_LINK, MK_FENCE, MK_STRONG, MK_REFDEF, MK_SETEXT, MK_COUNT };

static const char *skip_indent(const char *s, const char *e, unsigned max) {
  unsigned k = 0;
  while (s < e && *s == ' ' && k < max) s++, k++;
  return s;
}

static int atx(const char *s, const char *e, unsigned *level) {
  unsigned k = 0;
  while (s + k < e && s[k] == '#' && k < 7) k++;
  if (k < 1 || k > 6 || (s + k < e && s[k] != ' ' && s[k] != '\t')) return 0;
  *level = k;
  return 1;
}

static int fence(const char *s, const char *e, char *c, size_t *len) {
  if (e - s < 3 || (*s != '`' && *s != '~')) return 0;
  size_t k = 0;
  while (s + k < e && s[k] == *s) k++;
  if (k < 3) return 0;
  if (*s == '`' && memchr(s + k, '`', (size_t)(e - s - (ptrdiff_t)k))) return 0;
  *c = *s;
  *len = k;
  return 1;
}

/* "[label]: destination" — the label's end in *close. */
static int refdef(const char *s, const char *e, const char **close) {
  if (s >= e || *s != '[') return 0;
  const char *c = s + 1;
  while (c < e && *c != ']' && c - s < 1000) c++;
  if (c >= e || c == s + 1 || c + 1 >= e || c[1] != ':') return 0;
  const char *d = c + 2;
  while (d < e && (*d == ' ' || *d == '\t')) d++;
  if (d >= e) return 0;
  *close = c;
  return 1;
}

/* [text](dest) or ![alt](src) somewhere in the line. */
static int has_link(const char *s, const char *e) {
  for (const char *p = s; p + 3 < e && (p = memchr(p, ']', (size_t)(e - p))); p++)
    if (p + 2 < e && p[1] == '(' && p[2] != ')' && p[2] != ' ' && memchr(s, '[', (size_t)(p - s)) &&
        memchr(p + 2, ')', (size_t)(e - p - 2)))
      return 1;
  return 0;
}

static int all_of(const char *s, const char *e, char c, size_t min) {
  size_t k = 0;
  while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
  for (const char *p = s; p < e; p++)
    if (*p != c) return 0;
    else k++;
  return k >= min;
}

static int has_strong(const char *s, const char *e) {
  const char *a = NULL;
  for (const char *p = s; p + 1 < e; p++)
    if ((p[0] == '*' && p[1] == '*') || (p[0] == '_' && p[1] == '_')) {
      if (!a && p + 2 < e && p[2] != ' ') a = p++;
      else if (a && p > a + 2 && p[-1] != ' ') return 1;
    }
  return 0;
}

int cc_md_detect(const char *utf8, size_t len) {
  unsigned count[MK_COUNT] = {0};
  const char *p = utf8, *end = utf8 + len, *prev_s = NULL;
  int in_fence = 0;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end, *s = skip_indent(p, e, 3);
    if (e > s && e[-1] == '\r') e--;
    char fc;
    size_t fl;
    unsigned lv;
    const char *cl;
    if (fence(s, e, &fc, &fl)) count[MK_FENCE] += !in_fence, in_fence = !in_fence;
    else if (in_fence) ;
    else if (atx(s, e, &lv) && e - s > (ptrdiff_t)lv + 1) count[MK_HEADING]++;
    else if (refdef(s, e, &cl)) count[MK_REFDEF]++;
    else if (prev_s && (all_of(s, e, '=', 3) || all_of(s, e, '-', 3))) count[MK_SETEXT]++;
    if (!in_fence && has_link(s, e) && ++count[MK_LINK] >= MD_LINK_LINES) return 1;
    if (!in_fence && has_strong(s, e)) count[MK_STRONG]++;
    prev_s = s < e ? s : NULL;
    p = nl ? nl + 1 : end;
  }
  unsigned kinds = 0;
  for (int k = 0; k < MK_COUNT; k++) kinds += count[k] > 0;
  return count[MK_LINK] >= MD_LINK_LINES || (count[MK_LINK] && kinds >= MD_KINDS) ||
         (count[MK_FENCE] >= 2 && count[MK_HEADING] >= 2 && (count[MK_STRONG] || count[MK_REFDEF]));
}

/* ---- reference definitions --------------------------------------------- */

/* The label normalized (ASCII lowercase, whitespace runs as one space,
 * trimmed) into out; its length. */
static size_t norm_label(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  int sp = 0;
  for (size_t i = 0; i < n && o + 2 < cap; i++) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      sp = o > 0;
      continue;
    }
    if (sp) out[o++] = ' ';
    sp = 0;
    out[o++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  }
  out[o] = '\0';
  return o;
}

static int cmp_ref(const void *a, const void *b) {
  const cc_md_ref *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->label, y->label, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

const cc_md_ref *cc_md_ref_find(const cc_md_refs *refs, const char *label, size_t n) {
  char buf[1024];
  if (!refs || !refs->n) return NULL;
  cc_md_ref key = {buf, norm_label(label, n, buf, sizeof buf), NULL, NULL};
  return bsearch(&key, refs->r, refs->n, sizeof *refs->r, cmp_ref);
}

/* A definition line into r: [label]: <dest> "title". */
static int read_def(cc_arena *a, const char *s, const char *e, cc_md_ref *r) {
  const char *close;
  if (!refdef(s, e, &close)) return 0;
  char buf[1024];
  size_t ln = norm_label(s + 1, (size_t)(close - s - 1), buf, sizeof buf);
  if (!ln) return 0;
  const char *d = close + 2;
  while (d < e && (*d == ' ' || *d == '\t')) d++;
  const char *de;
  if (*d == '<') {
    de = memchr(d, '>', (size_t)(e - d));
    if (!de) return 0;
    d++;
  } else {
    de = d;
    while (de < e && *de != ' ' && *de != '\t') de++;
  }
  const char *t = de + (*de == '>');
  while (t < e && (*t == ' ' || *t == '\t')) t++;
  r->title = NULL;
  if (t < e && (*t == '"' || *t == '\'' || *t == '(')) {
    char q = *t == '(' ? ')' : *t;
    const char *te = e;
    while (te > t + 1 && te[-1] != q) te--;
    if (te > t + 1) r->title = cc_arena_strndup(a, t + 1, (size_t)(te - t - 2));
  }
  r->label = cc_arena_strndup(a, buf, ln);
  r->len = ln;
  r->url = cc_arena_strndup(a, d, (size_t)(de - d));
  return 1;
}

/* ---- lines -------------------------------------------------------------- */

typedef struct line {
  const char *s, *e; /* content after the quote markers, trailing blanks kept */
  uint32_t no;       /* 1-based line number */
  uint8_t quote;     /* '>' markers */
  uint8_t indent;    /* columns of leading whitespace (a tab is 4) */
} line;

/* Splits into lines, reading quote markers off each. */
static line *read_lines(const char *src, size_t len, uint32_t *count) {
  uint32_t n = 1;
  for (size_t i = 0; i < len; i++) n += src[i] == '\n';
  line *L = malloc((size_t)n * sizeof *L);
  if (!L) abort();
  uint32_t k = 0;
  const char *p = src, *end = src + len;
  while (p < end && k < n) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end, *s = p;
    if (e > s && e[-1] == '\r') e--;
    line *l = &L[k++];
    l->no = k;
    l->quote = 0;
    for (;;) {
      const char *q = skip_indent(s, e, 3);
      if (q >= e || *q != '>' || l->quote == 255) break;
      l->quote++;
      s = q + 1;
      if (s < e && *s == ' ') s++;
    }
    unsigned ind = 0;
    while (s < e && (*s == ' ' || *s == '\t')) ind += *s == '\t' ? 4 - ind % 4 : 1, s++;
    l->s = s;
    l->e = e;
    l->indent = (uint8_t)(ind > 255 ? 255 : ind);
    p = nl ? nl + 1 : end;
  }
  *count = k;
  return L;
}

static int blank(const line *l) {
  for (const char *p = l->s; p < l->e; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r') return 0;
  return 1;
}

/* A list marker: "- ", "* ", "+ " (1) or "12. ", "3) " (2). Returns the
 * marker's length with its space, or 0. */
static size_t list_marker(const char *s, const char *e, uint8_t *kind, uint32_t *num) {
  if (e - s >= 2 && (*s == '-' || *s == '*' || *s == '+') && (s[1] == ' ' || s[1] == '\t')) {
    *kind = 1;
    return 2;
  }
  size_t d = 0;
  uint32_t v = 0;
  while (s + d < e && d < 9 && s[d] >= '0' && s[d] <= '9') v = v * 10 + (uint32_t)(s[d++] - '0');
  if (d && s + d + 1 < e && (s[d] == '.' || s[d] == ')') && (s[d + 1] == ' ' || s[d + 1] == '\t')) {
    *kind = 2;
    *num = v;
    return d + 2;
  }
  return 0;
}

static int thematic(const char *s, const char *e) {
  char c = s < e ? *s : 0;
  if (c != '-' && c != '*' && c != '_') return 0;
  unsigned k = 0;
  for (const char *p = s; p < e; p++)
    if (*p == c) k++;
    else if (*p != ' ' && *p != '\t') return 0;
  return k >= 3;
}

/* A pipe table's delimiter row: "| --- | :---: |". */
static int delimiter_row(const line *l) {
  unsigned dashes = 0, pipes = 0;
  for (const char *p = l->s; p < l->e; p++) {
    if (*p == '-') dashes++;
    else if (*p == '|') pipes++;
    else if (*p != ':' && *p != ' ' && *p != '\t') return 0;
  }
  return dashes >= 3 && pipes >= 1;
}

/* ---- blocks ------------------------------------------------------------- */

/* The scratch arena is emptied once it holds this much. */
#define SCRATCH_MAX ((size_t)1 << 20)

typedef struct mdp {
  cc_arena *a;
  cc_arena scratch; /* a block's inlines, read for its visible text only */
  cc_tdoc *doc;
  const char *base;
  cc_md_refs refs;
  cc_buf raw;      /* the open block's lines */
  cc_tblock open;  /* the open block (md == 0: none) */
  uint32_t gap;    /* blank lines before the next block */
  uint8_t indents[16]; /* indentation of the open list levels */
  unsigned nind;
} mdp;

static cc_tblock *new_block(mdp *m, const line *l, uint8_t type) {
  cc_tblock *b = &m->open;
  memset(b, 0, sizeof *b);
  b->md = type;
  b->line = l->no;
  b->nlines = 1;
  b->gap = (uint8_t)(m->gap > 255 ? 255 : m->gap);
  b->quote = l->quote;
  b->category = -1;
  m->gap = 0;
  m->raw.len = 0;
  if (m->raw.data) m->raw.data[0] = '\0';
  return b;
}

static void add_line(mdp *m, const char *s, const char *e) {
  if (m->raw.len) {
    cc_buf_putc(&m->raw, '\n');
    if (m->open.nlines < 0xFFFF) m->open.nlines++;
  }
  cc_buf_put(&m->raw, s, (size_t)(e - s));
}

/* The visible text of a parsed block: its text and code, link text
 * counted apart; images counted. */
static void visible(cc_ast *top, cc_buf *out, uint32_t *link_bytes, uint32_t *images) {
  for (cc_ast *x = top->first; x; x = cc_ast_next(top, x, 0)) {
    if (x->type == CC_AST_IMAGE) {
      (*images)++;
      continue;
    }
    if (x->type == CC_AST_BREAK || (x->type == CC_AST_CELL && x->prev)) cc_buf_putc(out, ' ');
    if (x->type == CC_AST_ROW && x->prev) cc_buf_putc(out, '\n');
    if ((x->type != CC_AST_TEXT && x->type != CC_AST_CODE) || !x->text) continue;
    cc_buf_put(out, x->text, x->len);
    for (cc_ast *up = x->parent; up && up != top; up = up->parent)
      if (up->type == CC_AST_LINK) {
        *link_bytes += (uint32_t)x->len;
        break;
      }
  }
}

/* The cells of a table row, split at unescaped pipes outside code. */
static void table_row(mdp *m, cc_ast *table, const char *s, const char *e, int header) {
  while (s < e && (*s == ' ' || *s == '\t')) s++;
  while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
  if (s < e && *s == '|') s++;
  if (e > s && e[-1] == '|' && (e - s < 2 || e[-2] != '\\')) e--;
  cc_ast *row = cc_ast_new(m->a, CC_AST_ROW);
  cc_ast_append(table, row);
  const char *c = s;
  int code = 0;
  for (const char *p = s; p <= e; p++) {
    if (p < e && *p == '`') code = !code;
    if (p < e && (*p != '|' || code || (p > s && p[-1] == '\\'))) continue;
    const char *a = c, *z = p;
    while (a < z && (*a == ' ' || *a == '\t')) a++;
    while (z > a && (z[-1] == ' ' || z[-1] == '\t')) z--;
    cc_ast *cell = cc_ast_new(m->a, CC_AST_CELL);
    cell->level = header;
    cc_md_inlines(m->a, a, (size_t)(z - a), &m->refs, m->base, cell);
    cc_ast_append(row, cell);
    c = p + 1;
  }
}

static void set_text(mdp *m, cc_tblock *b, cc_ast *top) {
  cc_buf v = CC_BUF_INIT;
  uint32_t lb = 0, im = 0;
  visible(top, &v, &lb, &im);
  size_t skip = 0;
  while (skip < v.len && v.data[skip] == ' ') skip++;
  while (v.len > skip && v.data[v.len - 1] == ' ') v.len--;
  if (skip) memmove(v.data, v.data + skip, v.len -= skip);
  b->text = cc_arena_strndup(m->a, v.data ? v.data : "", v.len);
  b->len = (uint32_t)v.len;
  b->links = (uint8_t)(v.len ? (lb >= v.len ? 255 : lb * 255u / v.len) : 0);
  b->images = (uint8_t)(im > 255 ? 255 : im);
  cc_buf_free(&v);
}

/* Closes the open block: reads its content and appends it to the doc. */
static void close_block(mdp *m) {
  cc_tblock *b = &m->open;
  if (!b->md) return;
  const char *raw = m->raw.data ? m->raw.data : "";
  size_t n = m->raw.len;
  if (b->md == CC_TMD_CODE) {
    while (n && raw[n - 1] == '\n') n--;
    b->text = cc_arena_strndup(m->a, raw, n);
    b->len = (uint32_t)n;
  } else if (b->md != CC_TMD_TABLE && b->md != CC_TMD_RULE) {
    /* the inlines are read for the visible text, in a scratch arena: the
     * tree is built again for the kept blocks only (text_build.c) */
    while (n && (raw[n - 1] == ' ' || raw[n - 1] == '\t')) n--;
    cc_ast *top = cc_ast_new(&m->scratch, CC_AST_PARAGRAPH);
    cc_md_inlines(&m->scratch, raw, n, &m->refs, m->base, top);
    set_text(m, b, top);
    b->raw = cc_arena_strndup(m->a, raw, n);
    b->rawlen = (uint32_t)n;
    if (m->scratch.total > SCRATCH_MAX) {
      cc_arena_free(&m->scratch);
      cc_arena_init(&m->scratch);
    }
  }
  if (b->md == CC_TMD_TABLE) set_text(m, b, b->inl);
  if (b->md == CC_TMD_RULE) b->text = ""; /* every block has text, a rule none */
  if (b->len || b->images || b->md == CC_TMD_RULE) m->doc->b[m->doc->n++] = *b;
  b->md = 0;
}

/* The depth of a list item indented by `ind`. */
static uint8_t list_depth(mdp *m, unsigned ind) {
  while (m->nind && m->indents[m->nind - 1] > ind) m->nind--;
  if (!m->nind || m->indents[m->nind - 1] + 1u < ind) {
    if (m->nind < sizeof m->indents) m->indents[m->nind++] = (uint8_t)ind;
  }
  return (uint8_t)(m->nind ? m->nind - 1 : 0);
}

/* A fenced code block from line i; returns the line after it. */
static uint32_t code_fence(mdp *m, const line *L, uint32_t n, uint32_t i, char fc, size_t fl) {
  cc_tblock *b = new_block(m, &L[i], CC_TMD_CODE);
  const char *info = L[i].s + fl;
  while (info < L[i].e && (*info == ' ' || *info == '\t' || *info == fc)) info++;
  const char *ie = info;
  while (ie < L[i].e && *ie != ' ' && *ie != '\t') ie++;
  b->info = ie > info ? cc_arena_strndup(m->a, info, (size_t)(ie - info)) : NULL;
  unsigned strip = L[i].indent;
  uint32_t k = i + 1;
  for (; k < n; k++) {
    char c;
    size_t l;
    if (L[k].indent < 4 && fence(L[k].s, L[k].e, &c, &l) && c == fc && l >= fl) break;
    /* the line as written, minus the fence's indentation */
    const char *s = L[k].s;
    unsigned extra = L[k].indent > strip ? L[k].indent - strip : 0;
    if (m->raw.len || k > i + 1) cc_buf_putc(&m->raw, '\n');
    for (unsigned x = 0; x < extra; x++) cc_buf_putc(&m->raw, ' ');
    cc_buf_put(&m->raw, s, (size_t)(L[k].e - s));
  }
  b->nlines = (uint16_t)(k - i < 0xFFFF ? k - i : 0xFFFF);
  close_block(m);
  return k < n ? k + 1 : n;
}

/* A pipe table from line i (its header; i + 1 is the delimiter row). */
static uint32_t table(mdp *m, const line *L, uint32_t n, uint32_t i) {
  cc_tblock *b = new_block(m, &L[i], CC_TMD_TABLE);
  b->inl = cc_ast_new(m->a, CC_AST_TABLE);
  b->inl->level = 1;
  table_row(m, b->inl, L[i].s, L[i].e, 1);
  uint32_t k = i + 2;
  while (k < n && !blank(&L[k]) && memchr(L[k].s, '|', (size_t)(L[k].e - L[k].s)) &&
         L[k].quote == L[i].quote)
    table_row(m, b->inl, L[k].s, L[k].e, 0), k++;
  b->nlines = (uint16_t)(k - i < 0xFFFF ? k - i : 0xFFFF);
  close_block(m);
  return k;
}

/* One line that starts nothing special: a paragraph's, or an item's. */
static void text_line(mdp *m, const line *l) {
  cc_tblock *o = &m->open;
  int cont = o->md == CC_TMD_PARA || o->md == CC_TMD_ITEM;
  if (!cont || m->gap || o->quote != l->quote) {
    close_block(m);
    new_block(m, l, CC_TMD_PARA);
    if (!l->indent) m->nind = 0;
  }
  add_line(m, l->s, l->e);
}

/* Lines that open a block of their own; 1 when line i was one. */
static int block_start(mdp *m, const line *L, uint32_t n, uint32_t *i) {
  const line *l = &L[*i];
  const char *s = l->s, *e = l->e;
  char fc;
  size_t fl;
  unsigned lv;
  uint8_t kind = 0;
  uint32_t num = 0;
  const char *cl;
  cc_tblock *o = &m->open;
  if (o->md == CC_TMD_PARA && !m->gap && o->quote == l->quote &&
      (all_of(s, e, '=', 1) || all_of(s, e, '-', 2))) { /* setext underline */
    o->md = CC_TMD_HEADING;
    o->level = *s == '=' ? 1 : 2;
    close_block(m);
  } else if (fence(s, e, &fc, &fl)) {
    close_block(m);
    *i = code_fence(m, L, n, *i, fc, fl);
    return 1;
  } else if (atx(s, e, &lv)) {
    close_block(m);
    new_block(m, l, CC_TMD_HEADING)->level = (uint8_t)lv;
    s += lv;
    while (e > s && (e[-1] == '#' || e[-1] == ' ' || e[-1] == '\t')) e--; /* closing #s */
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    add_line(m, s, e);
    close_block(m);
  } else if (thematic(s, e)) {
    close_block(m);
    new_block(m, l, CC_TMD_RULE);
    close_block(m);
  } else if (*i + 1 < n && memchr(s, '|', (size_t)(e - s)) && delimiter_row(&L[*i + 1])) {
    close_block(m);
    *i = table(m, L, n, *i);
    return 1;
  } else if (refdef(s, e, &cl)) {
    close_block(m);
  } else if ((fl = list_marker(s, e, &kind, &num))) {
    close_block(m);
    cc_tblock *b = new_block(m, l, CC_TMD_ITEM);
    b->bullet = kind;
    b->number = num;
    b->level = list_depth(m, l->indent);
    s += fl;
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    add_line(m, s, e);
  } else {
    return 0;
  }
  (*i)++;
  return 1;
}

static void collect_refs(mdp *m, const line *L, uint32_t n) {
  size_t cap = 0;
  int in_fence = 0;
  for (uint32_t i = 0; i < n; i++) {
    char c;
    size_t fl;
    if (L[i].indent < 4 && fence(L[i].s, L[i].e, &c, &fl)) in_fence = !in_fence;
    if (in_fence || L[i].indent >= 4) continue;
    cc_md_ref r;
    if (!read_def(m->a, L[i].s, L[i].e, &r)) continue;
    if (m->refs.n == cap) {
      cap = cap ? cap * 2 : 16;
      cc_md_ref *nr = cc_arena_alloc(m->a, cap * sizeof *nr);
      if (m->refs.n) memcpy(nr, m->refs.r, m->refs.n * sizeof *nr);
      m->refs.r = nr;
    }
    m->refs.r[m->refs.n++] = r;
  }
  if (m->refs.n) qsort(m->refs.r, m->refs.n, sizeof *m->refs.r, cmp_ref);
}

void cc_md_split(cc_arena *a, const char *utf8, size_t len, const char *base, cc_tdoc *doc) {
  uint32_t n;
  line *L = read_lines(utf8, len, &n);
  mdp m;
  memset(&m, 0, sizeof m);
  m.a = a;
  m.doc = doc;
  m.base = base;
  cc_arena_init(&m.scratch);
  doc->src = utf8;
  doc->srclen = len;
  doc->n = 0;
  doc->title_block = -1;
  doc->markdown = 1;
  doc->b = cc_arena_alloc(a, (size_t)(n ? n : 1) * sizeof *doc->b);
  collect_refs(&m, L, n);
  for (uint32_t i = 0; i < n;) {
    const line *l = &L[i];
    if (blank(l)) {
      close_block(&m);
      m.gap++;
      i++;
      continue;
    }
    if (l->indent >= 4 && m.open.md != CC_TMD_PARA && m.open.md != CC_TMD_ITEM) {
      /* indented code: lines indented by four, blank ones between */
      close_block(&m);
      new_block(&m, l, CC_TMD_CODE);
      uint32_t k = i, last = i;
      for (; k < n && (L[k].indent >= 4 || blank(&L[k])); k++) {
        if (blank(&L[k])) continue;
        while (last < k) cc_buf_putc(&m.raw, '\n'), last++;
        for (unsigned x = 4; x < L[k].indent; x++) cc_buf_putc(&m.raw, ' ');
        cc_buf_put(&m.raw, L[k].s, (size_t)(L[k].e - L[k].s));
      }
      close_block(&m);
      i = last + 1;
      continue;
    }
    if (block_start(&m, L, n, &i)) continue;
    text_line(&m, l);
    i++;
  }
  close_block(&m);
  cc_buf_free(&m.raw);
  cc_arena_free(&m.scratch);
  free(L);
  cc_md_refs *refs = cc_arena_alloc(a, sizeof *refs);
  *refs = m.refs;
  doc->refs = refs;
  doc->base = base;
}
