/* strip.c — the lexical pre-pass (see strip.h): removal of script, style,
 * svg, comments...; charset and JSON-LD capture; and the structure model
 * that bounds the nesting depth, open formatting elements and attribute
 * counts the parser sees (docs/hostile-input.md). */
#include "strip.h"

#include "charset.h"
#include "oom.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
  PLAINTEXT,   /* everything after is text */
  UNWRAP       /* the tag goes, its content is read as markup */
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

/* SVG's HTML integration points: HTML content inside them stays inside. */
static int html_island(const char *name, size_t n) {
  return eq_ci(name, n, "foreignobject") || eq_ci(name, n, "desc") || eq_ci(name, n, "title");
}

/* Start tags that leave foreign content (the HTML standard's list; <font>
 * only with color, face or size, which is not looked at: left out). */
static int svg_breakout(const char *name, size_t n) {
  static const char *const tags[] = {
      "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt",
      "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
      "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
      "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var"};
  if (n > 10) return 0;
  for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
    if (eq_ci(name, n, tags[i])) return 1;
  return 0;
}

/* A parsed tag: name span, the end (one past '>'), self-closing flag. */
typedef struct tag {
  const char *name;
  size_t nlen;
  const char *end;
  int self_closing;
  size_t cut_at;   /* set by the caller: 0, or the attribute count to keep */
  size_t nattrs;   /* attributes seen */
  const char *cut; /* just after attribute number cut_at, when there is one */
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
  t->nattrs = 0;
  t->cut = NULL;
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
    if (++t->nattrs == t->cut_at) t->cut = p;
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
  tag t = {0};
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

/* A tag's id attribute. */
typedef struct id_ctx {
  const char *v;
  size_t n;
} id_ctx;

static void id_attr(void *c, const char *n, size_t nl, const char *v, size_t vl) {
  id_ctx *id = c;
  if (!id->v && eq_ci(n, nl, "id")) {
    id->v = v;
    id->n = vl;
  }
}

/* An iframe with a source (src, or the data-src of a lazy loader). */
static void src_attr(void *c, const char *n, size_t nl, const char *v, size_t vl) {
  (void)v;
  if (vl && (eq_ci(n, nl, "src") || eq_ci(n, nl, "data-src") || eq_ci(n, nl, "data-lazy-src")))
    *(int *)c = 1;
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

/* ---- The structure model -------------------------------------------------
 *
 * A small replica of the HTML tree builder's stack of open elements and list
 * of active formatting elements, fed with the tags this pass passes on. It
 * exists only to bound what gumbo sees, so it must never believe the tree
 * is shallower than it is: every pop it does, the parser does too (it
 * follows the parser's scope rules and implied end tags, and does nothing
 * when unsure), while it may pop less (it then over-counts, and merely
 * flattens a page a little early). Elements the parser adds on its own
 * (tbody, tr in "<table><td>") make the true depth at most about twice the
 * model's; reconstructed formatting elements are covered by counting the
 * open formatting elements into the depth.
 */

enum {
  F_VOID = 1u << 0,     /* has no content: never pushed */
  F_FMT = 1u << 1,      /* formatting element: enters the active list */
  F_SCOPE = 1u << 2,    /* ends a scope search ("has ... in scope") */
  F_SPECIAL = 1u << 3,  /* the HTML "special" category */
  F_CLOSES_P = 1u << 4, /* its start tag closes a <p> in button scope */
  F_IGNORE = 1u << 5,   /* html, head, body: merged by the parser, not pushed */
  F_MARKER = 1u << 6,   /* puts a marker on the active formatting list */
  F_HEADING = 1u << 7,
  F_BREAKOUT = 1u << 8, /* leaves MathML content (b, div, p, li, table...) */
  F_MSCOPE = 1u << 9,   /* special and a scope boundary as a MathML element
                           (mi, mo, mn, ms, mtext, annotation-xml); an
                           ordinary element in HTML */
  F_STRAY = 1u << 10,   /* an element the parser may well have ignored (a
                           table part outside a table, a tag in a select or
                           in a region the parser may read as text) or
                           closed unseen (a title or xmp, whose end tag the
                           model reads without pops): pushed (to be safe)
                           but never the target of a pop */
  F_UNSURE = 1u << 11,  /* a select the model stopped trusting (model_unsure) */
  F_DEMOTED = 1u << 12  /* stopped trusting, with all below it (model_unsure) */
};

enum {
  G_NONE = 0, G_P, G_LI, G_DTDD, G_OPTION, G_OPTGROUP, G_TR, G_CELL, G_TSECT,
  G_TABLE, G_RUBY, G_SELECT, G_A, G_NOBR, G_FORM, G_LIST, G_MATH, G_MIP, G_FRAMESET,
  G_CAPTION, G_COLGROUP, G_COUNT
};

typedef struct known_tag {
  const char *name;
  uint16_t flags;
  uint8_t group;
} known_tag;

#define SP F_SPECIAL
#define CP (F_SPECIAL | F_CLOSES_P)
#define SC (F_SPECIAL | F_SCOPE)
#define VS (F_VOID | F_SPECIAL)
static const known_tag known_tags[] = {
    {"area", VS, 0}, {"base", VS, 0}, {"basefont", VS, 0}, {"bgsound", VS, 0},
    {"br", VS | F_BREAKOUT, 0}, {"col", VS, 0}, {"embed", VS | F_BREAKOUT, 0}, {"frame", VS, 0},
    {"hr", VS | F_CLOSES_P | F_BREAKOUT, 0}, {"image", VS, 0}, {"img", VS | F_BREAKOUT, 0}, {"input", VS, 0},
    {"keygen", VS, 0}, {"link", VS, 0}, {"menuitem", VS, 0}, {"meta", VS | F_BREAKOUT, 0},
    {"param", VS, 0}, {"source", VS, 0}, {"track", VS, 0}, {"wbr", VS, 0},
    {"isindex", VS, 0},
    {"a", F_FMT, G_A}, {"b", F_FMT | F_BREAKOUT, 0}, {"big", F_FMT | F_BREAKOUT, 0}, {"code", F_FMT | F_BREAKOUT, 0},
    {"em", F_FMT | F_BREAKOUT, 0}, {"font", F_FMT, 0} /* (leaves MathML only with color, face or size: not modelled) */, {"i", F_FMT | F_BREAKOUT, 0}, {"nobr", F_FMT | F_BREAKOUT, G_NOBR},
    {"s", F_FMT | F_BREAKOUT, 0}, {"small", F_FMT | F_BREAKOUT, 0}, {"strike", F_FMT | F_BREAKOUT, 0},
    {"strong", F_FMT | F_BREAKOUT, 0}, {"tt", F_FMT | F_BREAKOUT, 0}, {"u", F_FMT | F_BREAKOUT, 0},
    {"html", F_IGNORE | SC, 0}, {"head", F_IGNORE | SP | F_BREAKOUT, 0}, {"body", F_IGNORE | SP | F_BREAKOUT, 0},
    {"applet", SC | F_MARKER, 0}, {"object", SC | F_MARKER, 0},
    {"marquee", SC | F_MARKER, 0}, {"template", SC | F_MARKER, 0},
    {"caption", SC | F_MARKER, G_CAPTION}, {"td", SC | F_MARKER, G_CELL},
    {"th", SC | F_MARKER, G_CELL}, {"button", SC, 0},
    {"table", SC | F_BREAKOUT, G_TABLE}, {"tbody", SP, G_TSECT}, {"thead", SP, G_TSECT},
    {"tfoot", SP, G_TSECT}, {"tr", SP, G_TR}, {"colgroup", SP, G_COLGROUP},
    {"mi", F_MSCOPE, G_MIP}, {"mo", F_MSCOPE, G_MIP}, {"mn", F_MSCOPE, G_MIP},
    {"ms", F_MSCOPE, G_MIP}, {"mtext", F_MSCOPE, G_MIP}, {"annotation-xml", F_MSCOPE, 0},
    {"p", CP | F_BREAKOUT, G_P}, {"li", CP | F_BREAKOUT, G_LI}, {"dd", CP | F_BREAKOUT, G_DTDD}, {"dt", CP | F_BREAKOUT, G_DTDD},
    {"ul", CP | F_BREAKOUT, G_LIST}, {"ol", CP | F_BREAKOUT, G_LIST}, {"menu", CP | F_BREAKOUT, 0}, {"dl", CP | F_BREAKOUT, 0}, {"dir", CP, 0},
    {"address", CP, 0}, {"article", CP, 0}, {"aside", CP, 0},
    {"blockquote", CP | F_BREAKOUT, 0}, {"center", CP | F_BREAKOUT, 0}, {"details", CP, 0},
    {"div", CP | F_BREAKOUT, 0}, {"fieldset", CP, 0},
    {"figcaption", CP, 0}, {"figure", CP, 0}, {"footer", CP, 0},
    {"header", CP, 0}, {"hgroup", CP, 0}, {"main", CP, 0}, {"nav", CP, 0},
    {"section", CP, 0}, {"summary", CP, 0}, {"pre", CP | F_BREAKOUT, 0},
    {"listing", CP | F_BREAKOUT, 0}, {"form", CP, G_FORM},
    {"h1", CP | F_HEADING | F_BREAKOUT, 0}, {"h2", CP | F_HEADING | F_BREAKOUT, 0}, {"h3", CP | F_HEADING | F_BREAKOUT, 0},
    {"h4", CP | F_HEADING | F_BREAKOUT, 0}, {"h5", CP | F_HEADING | F_BREAKOUT, 0}, {"h6", CP | F_HEADING | F_BREAKOUT, 0},
    {"option", 0, G_OPTION}, {"optgroup", 0, G_OPTGROUP}, {"select", SP, G_SELECT},
    {"rb", 0, G_RUBY}, {"rt", 0, G_RUBY}, {"rp", 0, G_RUBY}, {"rtc", 0, G_RUBY},
    {"frameset", SP, G_FRAMESET}, {"iframe", SP, 0}, {"noembed", SP, 0}, {"noframes", SP, 0},
    {"noscript", SP, 0}, {"plaintext", SP, 0}, {"script", SP, 0}, {"style", SP, 0},
    {"textarea", SP, 0}, {"title", SP, 0}, {"xmp", SP, 0}, {"math", 0, G_MATH},
    {"ruby", F_BREAKOUT, 0}, {"span", F_BREAKOUT, 0}, {"sub", F_BREAKOUT, 0},
    {"sup", F_BREAKOUT, 0}, {"var", F_BREAKOUT, 0},
};
#undef SP
#undef CP
#undef SC
#undef VS

/* Lowercase FNV-1a of a tag name; never 0 (0 marks list markers). */
static uint32_t name_hash(const char *p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ lower((unsigned char)p[i])) * 16777619u;
  return h ? h : 1;
}

#define KNOWN_SLOTS 512u
static uint16_t known_slot[KNOWN_SLOTS]; /* index + 1 into known_tags, 0 = empty */
static uint32_t known_hash[KNOWN_SLOTS];
static pthread_once_t known_once = PTHREAD_ONCE_INIT;

static void known_init(void) {
  for (size_t i = 0; i < sizeof known_tags / sizeof known_tags[0]; i++) {
    const char *nm = known_tags[i].name;
    uint32_t h = name_hash(nm, strlen(nm));
    uint32_t s = h & (KNOWN_SLOTS - 1);
    while (known_slot[s]) s = (s + 1) & (KNOWN_SLOTS - 1);
    known_slot[s] = (uint16_t)(i + 1);
    known_hash[s] = h;
  }
}

static const known_tag *known_lookup(uint32_t h, const char *p, size_t n) {
  for (uint32_t s = h & (KNOWN_SLOTS - 1); known_slot[s]; s = (s + 1) & (KNOWN_SLOTS - 1))
    if (known_hash[s] == h && eq_ci(p, n, known_tags[known_slot[s] - 1].name))
      return &known_tags[known_slot[s] - 1];
  return NULL;
}

typedef struct open_el {
  const char *name; /* in the input; names compare exactly, case-insensitively */
  uint32_t nlen, h;
  uint16_t flags;
  uint8_t group;
  uint8_t mathml; /* a MathML element (the parser's foreign content) */
  uint32_t fmt_id; /* its active-list entry (formatting elements), else 0 */
  uint32_t setter; /* index of the nearest entry at or below that sets the
                      insertion mode (table parts, select), or NO_SETTER */
} open_el;

#define NO_SETTER 0xffffffffu

typedef struct fmt_el {
  const char *name, *attrs; /* name NULL: a marker */
  uint32_t nlen, alen, h;
  uint32_t id;   /* matches open_el.fmt_id */
  uint16_t flags;
  uint8_t group;
  uint8_t open;  /* its element is on the stack */
} fmt_el;

#define MODEL_SLOTS 256u
typedef struct model {
  open_el *stack;
  unsigned depth;
  fmt_el *list; /* active formatting elements and markers */
  unsigned nlist, nfmt; /* entries; of which elements */
  unsigned max_depth, max_fmt, cap; /* cap: stack entries allocated */
  uint32_t next_id;
  size_t clones; /* elements the parser re-creates (reconstruction) */
  uint16_t on_stack[MODEL_SLOTS]; /* by hash: a quick "not open" test */
  unsigned ngroup[G_COUNT];       /* open elements per group (exact) */
  unsigned nmathml;               /* open MathML elements */
  unsigned unsure_selects;        /* open selects no longer trusted (F_UNSURE) */
  uint32_t dropped[MODEL_SLOTS];  /* start tags dropped, by hash, to pair end tags */
} model;

/* Case-insensitive equality of two names of length n. */
static int names_eq(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) return 0;
  return 1;
}

static int is_el(const open_el *e, uint32_t h, const char *p, size_t n) {
  return e->h == h && e->nlen == n && names_eq(e->name, p, n);
}

/* Removes the active-list entry at i. */
static void list_remove(model *m, unsigned i) {
  if (m->list[i].name) m->nfmt--;
  memmove(m->list + i, m->list + i + 1, (m->nlist - i - 1) * sizeof *m->list);
  m->nlist--;
}

/* The last active-list element named so after the last marker, or -1. */
static long list_find(const model *m, uint32_t h, const char *p, size_t n) {
  for (unsigned i = m->nlist; i-- > 0;) {
    const fmt_el *f = &m->list[i];
    if (!f->name) return -1;
    if (f->h == h && f->nlen == n && names_eq(f->name, p, n)) return (long)i;
  }
  return -1;
}

/* Pops the stack down to depth `to` (the entry at `to` included); a popped
 * marker element clears the active list up to its marker. */
static void pop_to(model *m, unsigned to) {
  while (m->depth > to) {
    open_el *e = &m->stack[--m->depth];
    m->on_stack[e->h & (MODEL_SLOTS - 1)]--;
    m->ngroup[e->group]--;
    m->nmathml -= e->mathml;
    if (e->flags & F_UNSURE) m->unsure_selects--;
    if (e->fmt_id) /* its list entry (if still there) is no longer open */
      for (unsigned i = m->nlist; i-- > 0;)
        if (m->list[i].id == e->fmt_id) {
          m->list[i].open = 0;
          break;
        }
    if (e->flags & F_MARKER)
      while (m->nlist) {
        int marker = !m->list[m->nlist - 1].name;
        list_remove(m, m->nlist - 1);
        if (marker) break;
      }
  }
}

/* Index of the topmost open HTML element named so, searching from below
 * `from` down and stopping (-1) at an element with any of the flags in
 * `stop` (the HTML rules: a MathML element never matches by name). */
static long find_el(const model *m, unsigned from, uint32_t h, const char *p, size_t n,
                    unsigned stop) {
  if (!m->on_stack[h & (MODEL_SLOTS - 1)]) return -1;
  for (unsigned i = from; i-- > 0;) {
    const open_el *e = &m->stack[i];
    if (!e->mathml && !(e->flags & F_STRAY) && is_el(e, h, p, n)) return (long)i;
    if (e->flags & stop) return -1;
  }
  return -1;
}

/* The same for any element of a group; `stop_group` also stops. */
static long find_group(const model *m, unsigned from, unsigned group, unsigned stop,
                       unsigned stop_group) {
  for (unsigned i = from; i-- > 0;) {
    const open_el *e = &m->stack[i];
    if (e->group == group) return (long)i;
    if ((e->flags & stop) || (stop_group && e->group == stop_group)) return -1;
  }
  return -1;
}

/* Any "special" element above index i? (an adoption agency "furthest block") */
static int special_above(const model *m, unsigned i) {
  for (unsigned k = i + 1; k < m->depth; k++)
    if (m->stack[k].flags & F_SPECIAL) return 1;
  return 0;
}

/* Does an element of this group set the parser's insertion mode (in table,
 * in table body, in row, in cell, in caption, in column group, in select)? */
static int sets_mode(unsigned g) {
  return g == G_TABLE || g == G_TSECT || g == G_TR || g == G_CELL || g == G_CAPTION ||
         g == G_COLGROUP || g == G_SELECT;
}

/* The group of the element that sets the insertion mode with the stack cut
 * to `depth` entries (G_NONE: in body). */
static unsigned mode_at(const model *m, unsigned depth) {
  if (!depth || m->stack[depth - 1].setter == NO_SETTER) return G_NONE;
  return m->stack[m->stack[depth - 1].setter].group;
}

/* One of the table modes (where table parts are not ignored)? */
static int table_mode(unsigned g) {
  return g == G_TABLE || g == G_TSECT || g == G_TR || g == G_CELL || g == G_CAPTION ||
         g == G_COLGROUP;
}

/* The insertion mode that table parts meet with the stack cut to `depth`:
 * a select in a table is seen through, as the table parts that close it
 * (caption, table, row groups, rows, cells) do; *sel gets that select's
 * index, else -1. */
static unsigned table_part_mode(const model *m, unsigned depth, long *sel) {
  unsigned mode = mode_at(m, depth);
  *sel = -1;
  if (mode == G_SELECT) {
    unsigned s = m->stack[depth - 1].setter;
    unsigned below = mode_at(m, s);
    if (table_mode(below)) {
      *sel = (long)s;
      return below;
    }
  }
  return mode;
}

/* Where a table part of group g (caption, colgroup or col, row group, row,
 * cell) cuts the stack when it arrives in a table mode: whatever the mode,
 * the parser clears the stack back to the nearest table (closing a
 * caption, cell, row, row group or column group on the way) and implies
 * the row group and row a row or cell needs. The model keeps the row
 * group and row that are still open for it. Returns the new depth, or -1
 * when no table is open below `from`. Applying this in every table mode,
 * not only the usual ones, is what keeps the model from holding a caption
 * or cell the parser has closed (a later end tag would pop it, and all
 * above it, while the parser ignores that tag). */
static long table_part_cut(const model *m, unsigned from, unsigned g) {
  long t = find_group(m, from, G_TABLE, 0, 0);
  if (t < 0) return -1;
  unsigned cut = (unsigned)t + 1;
  if ((g == G_TR || g == G_CELL) && cut < from && m->stack[cut].group == G_TSECT) cut++;
  if (g == G_CELL && cut < from && m->stack[cut].group == G_TR) cut++;
  return (long)cut;
}

/* Where the end tag of a table or table part (group g, name p/n) cuts the
 * stack, or -1 when the parser ignores it: each is honoured only in the
 * modes that handle it, and only when an element of its name is open in
 * table scope (the row group and row the parser implied count as open:
 * "<table><td>x</tr>" closes the implied row). */
static long table_end_cut(const model *m, unsigned g, uint32_t h, const char *p, size_t n) {
  long sel;
  unsigned from = m->depth;
  unsigned mode = table_part_mode(m, from, &sel);
  if (!table_mode(mode)) return -1;
  if (sel >= 0) from = (unsigned)sel; /* the select closes first */
  long t = find_group(m, from, G_TABLE, 0, 0);
  if (t < 0) return -1;
  switch (g) {
  case G_TABLE:
    return t;
  case G_CAPTION:
    return mode == G_CAPTION ? find_group(m, from, G_CAPTION, 0, G_TABLE) : -1;
  case G_COLGROUP: /* only the current node */
    return mode == G_COLGROUP && sel < 0 && m->stack[from - 1].group == G_COLGROUP
               ? (long)from - 1
               : -1;
  case G_CELL:
    if (mode != G_CELL) return -1;
    for (unsigned j = from; j-- > (unsigned)t + 1;)
      if (!m->stack[j].mathml && !(m->stack[j].flags & F_STRAY) && is_el(&m->stack[j], h, p, n))
        return (long)j;
    return -1;
  case G_TR:
    if (mode != G_TR && mode != G_CELL) return -1;
    return t + 1 + ((unsigned)t + 1 < from && m->stack[t + 1].group == G_TSECT);
  case G_TSECT:
    if (mode != G_TSECT && mode != G_TR && mode != G_CELL) return -1;
    for (unsigned j = (unsigned)t + 1; j < from; j++)
      if (m->stack[j].group == G_TSECT) return is_el(&m->stack[j], h, p, n) ? (long)j : -1;
    /* no row group in the model: the parser's implied one is a tbody */
    return mode != G_TSECT && n == 5 && names_eq(p, "tbody", 5) ? t + 1 : -1;
  }
  return -1;
}

/* Sets e->setter for the entry at index i (its predecessors set). */
static void set_setter(model *m, unsigned i) {
  open_el *e = &m->stack[i];
  e->setter = sets_mode(e->group) ? i : i ? m->stack[i - 1].setter : NO_SETTER;
}

/* "Reconstruct the active formatting elements": the parser re-creates, as
 * new open elements, the entries after the last marker or open element
 * that are no longer open ("<p><b>x</p><p>y": y is bold in a new <b>).
 * Each one is a node more: counted in m->clones for the node estimate. */
static void reconstruct(model *m) {
  if (!m->nlist || !m->list[m->nlist - 1].name || m->list[m->nlist - 1].open) return;
  unsigned i = m->nlist - 1;
  while (i > 0 && m->list[i - 1].name && !m->list[i - 1].open) i--;
  for (; i < m->nlist && m->depth < m->cap; i++) {
    fmt_el *f = &m->list[i];
    open_el *e = &m->stack[m->depth++];
    e->name = f->name;
    e->nlen = f->nlen;
    e->h = f->h;
    e->flags = f->flags;
    e->group = f->group;
    e->mathml = 0;
    e->fmt_id = f->id;
    set_setter(m, m->depth - 1);
    m->on_stack[f->h & (MODEL_SLOTS - 1)]++;
    m->ngroup[e->group]++;
    f->open = 1;
    m->clones++;
  }
}

/* The arrays are cc_malloc'd, not in the arena, so that a sanitizer would
 * see any overrun. Sizes: the stack holds at most max_depth entries pushed
 * under the bound plus the clones of at most max_fmt formatting elements;
 * the list at most max_fmt elements plus one marker per marker element,
 * all pushed below max_depth. */
static void model_init(model *m, unsigned max_depth, unsigned max_fmt) {
  memset(m, 0, sizeof *m);
  m->max_depth = max_depth;
  m->max_fmt = max_fmt;
  m->cap = max_depth + max_fmt + 1;
  m->stack = cc_malloc((size_t)m->cap * sizeof *m->stack);
  m->list = cc_malloc((size_t)(max_depth + max_fmt + 1) * sizeof *m->list);
}

static void model_free(model *m) {
  cc_mfree(m->stack);
  cc_mfree(m->list);
}

static int drop_tag(model *m, uint32_t h) {
  m->dropped[h & (MODEL_SLOTS - 1)]++;
  return 0;
}

/* An element the model supposes the parser may insert (see model_start):
 * on the stack, trusted for nothing. */
static void push_stray(model *m, const char *p, size_t n, uint32_t h) {
  open_el *e = &m->stack[m->depth++];
  memset(e, 0, sizeof *e);
  e->name = p;
  e->nlen = (uint32_t)n;
  e->h = h;
  e->flags = F_STRAY;
  e->group = G_NONE;
  set_setter(m, m->depth - 1);
  m->on_stack[h & (MODEL_SLOTS - 1)]++;
  m->ngroup[G_NONE]++;
}

/* A start tag the parser will see (unless this returns 0: drop it).
 * `attrs` spans the raw attribute text, for the Noah's Ark clause.
 * no_pop: the tag is in a region the parser may read as text (see
 * cc_strip_bounded); push, but pop nothing. */
static int model_start(model *m, const char *p, size_t n, const char *attrs, size_t alen,
                       int no_pop) {
  uint32_t h = name_hash(p, n);
  const known_tag *k = known_lookup(h, p, n);
  unsigned fl = k ? k->flags : 0, g = k ? k->group : G_NONE;
  int uncertain = no_pop; /* the parser may not make this element at all */
  /* In MathML content (below <math>, not in mi/mo/mn/ms/mtext) a start
   * tag makes a MathML element, whatever its name (<input>, <html>...):
   * not void, no implied end tags, no formatting, no scope (its name may
   * still stop searches: that only pops less). The HTML names listed as
   * breakout leave MathML (the parser pops the MathML elements first) and
   * are handled as HTML. */
  const open_el *top = m->depth ? &m->stack[m->depth - 1] : NULL;
  int mathml = g == G_MATH;
  /* The depth the stack would be cut to by this tag (applied only if the
   * tag is kept: the parser does not see a dropped tag). */
  unsigned cut = m->depth;
  if (top && top->mathml && top->group != G_MIP && !(fl & F_BREAKOUT)) {
    mathml = 1;
    fl = (fl & F_MSCOPE) ? F_SPECIAL | F_SCOPE : 0;
    if (g != G_MIP) g = G_NONE;
    no_pop = 1;
  } else if (top && top->mathml && top->group != G_MIP && !no_pop) {
    /* a breakout tag: the parser pops MathML elements up to an HTML one or
     * an integration point (the model stops at annotation-xml too) */
    while (cut && m->stack[cut - 1].mathml && m->stack[cut - 1].group != G_MIP &&
           !(m->stack[cut - 1].flags & (F_SCOPE | F_STRAY))) /* (an uncertain one may be HTML) */
      cut--;
  }
  if (mathml && (fl & F_MSCOPE)) fl = F_SPECIAL | F_SCOPE;
  if (fl & F_IGNORE) { /* (head and body still break out of MathML first) */
    if (!mathml) pop_to(m, cut);
    return 1;
  }
  int is_col = !mathml && n == 3 && names_eq(p, "col", 3);
  long sel = -1;
  unsigned tmode = mathml ? G_NONE : table_part_mode(m, cut, &sel);
  if (!no_pop && !mathml) {
    unsigned mode = mode_at(m, cut);
    /* In a column group anything but col pops the colgroup (the parser
     * goes on in the table); in a select, input, keygen and textarea
     * close the select first. */
    if ((mode == G_COLGROUP && !is_col) ||
        (mode == G_SELECT && ((n == 5 && names_eq(p, "input", 5)) ||
                              (n == 6 && names_eq(p, "keygen", 6)) ||
                              (n == 8 && names_eq(p, "textarea", 8))))) {
      cut = m->stack[cut - 1].setter;
      tmode = table_part_mode(m, cut, &sel);
    }
  }
  /* In a select the parser ignores every start tag but option, optgroup
   * and select (and, in a select in a table, the table and its parts,
   * which close it). The others are pushed, in case the select is not
   * what the model thinks, but as elements the parser may not have made
   * (see `uncertain`): they pop nothing and nothing pops by them. So is a
   * <select> while a select the model no longer trusts is open: it may
   * be the parser's end of that one. */
  if (!no_pop && !(top && top->mathml) &&
      ((mode_at(m, cut) == G_SELECT && g != G_OPTION && g != G_OPTGROUP && g != G_SELECT &&
        !(sel >= 0 && (g == G_TABLE || g == G_CAPTION || g == G_TSECT || g == G_TR ||
                       g == G_CELL))) ||
       (g == G_SELECT && m->unsure_selects)))
    no_pop = uncertain = 1;
  if (fl & F_VOID) {
    if (!no_pop) {
      /* col in a table (not in a select): back to the table, where the
       * parser opens a colgroup for it */
      if (is_col && table_mode(tmode) && tmode != G_COLGROUP && sel < 0) {
        long c = table_part_cut(m, cut, G_COLGROUP);
        if (c >= 0) cut = (unsigned)c;
      }
      pop_to(m, cut);
      if (!is_col) reconstruct(m); /* img, br...: like text */
    }
    return 1;
  }
  /* In a frameset the parser ignores everything but frameset and frame,
   * unless it ignored the frameset itself (a body already had content):
   * push (to be safe), never pop. */
  if (m->ngroup[G_FRAMESET]) no_pop = uncertain = 1;
  unsigned part = g; /* before a stray table part loses its group */
  /* Cells, rows and row groups outside any table are ignored by the
   * parser (so is a column group in a select): the model neither pushes
   * them nor lets them close anything (when it is sure to be in HTML
   * content: no MathML open, no region the parser may read otherwise). */
  if ((g == G_CELL || g == G_TR || g == G_TSECT || g == G_CAPTION || g == G_COLGROUP) && !mathml &&
      (!table_mode(tmode) || (g == G_COLGROUP && sel >= 0))) {
    if (!no_pop && !m->nmathml) return 1;
    fl |= F_STRAY;
    g = G_NONE;
  }
  /* Implied end tags, searched below the cut. */
  long i, a_idx = -1;
  if (!no_pop) {
    switch (g) {
    case G_LI: /* an open li, unless a special element other than
                  address, div, p comes first */
    case G_DTDD:
      for (unsigned j = cut; j-- > 0;) {
        const open_el *e = &m->stack[j];
        if (e->group == g) {
          cut = j;
          break;
        }
        if ((e->flags & F_SPECIAL) && !(e->nlen == 7 && names_eq(e->name, "address", 7)) &&
            !(e->nlen == 3 && names_eq(e->name, "div", 3)) && e->group != G_P)
          break;
      }
      break;
    case G_CELL: /* a table part in a table mode (not stray: see above) */
    case G_TR:
    case G_TSECT:
    case G_CAPTION:
    case G_COLGROUP:
      if ((i = table_part_cut(m, sel >= 0 ? (unsigned)sel : cut, g)) >= 0) cut = (unsigned)i;
      break;
    case G_TABLE: /* in a select in a table, the select closes first; then
                     <table> in a table (not in a cell or caption) closes it */
      if (sel >= 0) cut = (unsigned)sel;
      if ((tmode == G_TABLE || tmode == G_TSECT || tmode == G_TR) &&
          (i = find_group(m, cut, G_TABLE, 0, 0)) >= 0)
        cut = (unsigned)i;
      break;
    case G_OPTION:
      if (cut && m->stack[cut - 1].group == G_OPTION) cut--;
      break;
    case G_OPTGROUP: /* (an optgroup closes an optgroup only in a select) */
      if (cut && m->stack[cut - 1].group == G_OPTION) cut--;
      break;
    /* rb/rt/rp/rtc close each other only inside a ruby: not modelled */
    case G_SELECT: /* <select> in a select acts as </select> */
      if ((i = find_group(m, cut, G_SELECT, 0, 0)) >= 0) {
        pop_to(m, (unsigned)i);
        return 1;
      }
      break;
    case G_A: /* an open <a>: the adoption agency closes it first; with
                 a special element above it, a clone takes its place */
      if ((i = list_find(m, h, p, n)) >= 0) {
        long s = find_el(m, cut, h, p, n, 0);
        if (s < 0) {
          a_idx = i;
        } else if (!special_above(m, (unsigned)s)) {
          a_idx = i;
          cut = (unsigned)s;
        }
      }
      break;
    case G_NOBR:
      if ((i = find_el(m, cut, h, p, n, F_SCOPE)) >= 0 && !special_above(m, (unsigned)i)) {
        cut = (unsigned)i;
        a_idx = list_find(m, h, p, n);
      }
      break;
    }
    if (fl & F_CLOSES_P) {
      uint32_t hp = name_hash("p", 1);
      if ((i = find_el(m, cut, hp, "p", 1, F_SCOPE)) >= 0) cut = (unsigned)i;
    }
    if ((fl & F_HEADING) && cut && (m->stack[cut - 1].flags & F_HEADING)) cut--;
  }
  /* The bounds. */
  if (cut + m->nfmt >= m->max_depth) return drop_tag(m, h);
  unsigned ark = m->nlist; /* Noah's Ark: the earliest of three identical */
  if (fl & F_FMT) {
    unsigned same = 0;
    for (unsigned j = m->nlist; j-- > 0;) {
      const fmt_el *f = &m->list[j];
      if (!f->name) break;
      if (f->h == h && f->nlen == n && f->alen == alen && names_eq(f->name, p, n) &&
          !memcmp(f->attrs, attrs, alen)) {
        same++;
        ark = j;
      }
    }
    if (same < 3) ark = m->nlist;
    if (ark == m->nlist && m->nfmt - (a_idx >= 0) >= m->max_fmt) return drop_tag(m, h);
  }
  /* Kept: apply the implied end tags, then push. */
  if (a_idx >= 0) {
    list_remove(m, (unsigned)a_idx);
    if (ark != m->nlist && ark > (unsigned)a_idx) ark--;
  }
  pop_to(m, cut);
  /* Start tags other than blocks and table parts reconstruct the active
   * formatting elements first (button, object, select, span...). */
  if (!no_pop && !mathml && !(fl & F_CLOSES_P) && g != G_TABLE && g != G_CELL && g != G_TR &&
      g != G_TSECT && g != G_CAPTION && g != G_COLGROUP && g != G_FRAMESET)
    reconstruct(m);
  if (m->depth >= m->max_depth + m->max_fmt) return drop_tag(m, h); /* a no_pop push */
  /* An element the parser may not have made (read in a region it may take
   * as text, or in a frameset) is counted but trusted for nothing: not a
   * pop target, no marker on the formatting list, no insertion mode (a
   * select or table the model only supposes would make it ignore or pop
   * by tags the parser treats otherwise). */
  if (uncertain) {
    /* the parser may make a cell's tbody and tr, or a row's tbody, too:
     * counted as stray elements of their own */
    unsigned implied = part == G_CELL ? 2 : part == G_TR ? 1 : 0;
    if (m->depth + implied >= m->max_depth + m->max_fmt) return drop_tag(m, h);
    while (implied--) push_stray(m, p, n, h);
    fl = (fl | F_STRAY) & ~F_MARKER;
    g = G_NONE;
  }
  uint32_t id = 0;
  if (fl & F_FMT) {
    if (ark != m->nlist) list_remove(m, ark);
    fmt_el *f = &m->list[m->nlist++];
    f->name = p;
    f->nlen = (uint32_t)n;
    f->h = h;
    f->attrs = attrs;
    f->alen = (uint32_t)alen;
    f->id = id = ++m->next_id;
    f->flags = (uint16_t)fl;
    f->group = (uint8_t)g;
    f->open = 1;
    m->nfmt++;
  }
  open_el *e = &m->stack[m->depth++];
  e->name = p;
  e->nlen = (uint32_t)n;
  e->h = h;
  e->flags = (uint16_t)fl;
  e->group = (uint8_t)g;
  e->mathml = (uint8_t)mathml;
  e->fmt_id = id;
  set_setter(m, m->depth - 1);
  m->on_stack[h & (MODEL_SLOTS - 1)]++;
  m->ngroup[g]++;
  m->nmathml += (unsigned)mathml;
  if (fl & F_MARKER) {
    fmt_el *f = &m->list[m->nlist++];
    memset(f, 0, sizeof *f);
  }
  return 1;
}

/* A region the model reads without pops (see no_pop_until) begins. Where
 * its opening tag makes a MathML element (a title or xmp in MathML
 * content) or is ignored (in a select), the parser reads the content as
 * markup, and that markup may close anything open: "</p>" breaks out of
 * MathML and closes the paragraph around it, "<select>" ends the select.
 * Every element open then is no longer trusted: still counted, but no
 * target of a pop, no insertion mode, no MathML the next tags would break
 * out of (a select among them makes the next <select> uncertain too).
 * Elsewhere the content is text, and nothing changes. Elements already
 * distrusted are not walked again (F_DEMOTED), so the work is linear. */
static void model_unsure(model *m) {
  if (!m->depth) return;
  const open_el *top = &m->stack[m->depth - 1];
  if (!(top->mathml && top->group != G_MIP) && mode_at(m, m->depth) != G_SELECT) return;
  unsigned j = m->depth;
  while (j > 0 && !(m->stack[j - 1].flags & F_DEMOTED)) j--;
  for (; j < m->depth; j++) {
    open_el *e = &m->stack[j];
    if (e->group == G_SELECT) {
      e->flags |= F_UNSURE;
      m->unsure_selects++;
    }
    m->ngroup[e->group]--;
    e->group = G_NONE;
    m->ngroup[G_NONE]++;
    e->flags |= F_STRAY | F_DEMOTED;
    set_setter(m, j);
  }
}

/* An end tag; returns 0 when it pairs with a dropped start tag (drop it). */
static int model_end(model *m, const char *p, size_t n, int no_pop) {
  uint32_t h = name_hash(p, n);
  if (m->dropped[h & (MODEL_SLOTS - 1)]) {
    m->dropped[h & (MODEL_SLOTS - 1)]--;
    return 0;
  }
  if (no_pop || m->ngroup[G_FRAMESET]) return 1; /* (a frameset ignores them) */
  const known_tag *k = known_lookup(h, p, n);
  if (mode_at(m, m->depth) == G_SELECT && !m->stack[m->depth - 1].mathml) {
    /* In a select: </select> closes it; </option> and </optgroup> as
     * anywhere; in a select in a table, the table's end tags close it
     * (table_end_cut); the parser ignores every other end tag. */
    unsigned g = k ? k->group : G_NONE;
    if (g == G_SELECT) {
      pop_to(m, m->stack[m->depth - 1].setter);
      return 1;
    }
    if (g != G_OPTION && g != G_OPTGROUP && g != G_TABLE && g != G_CAPTION && g != G_TSECT &&
        g != G_TR && g != G_CELL)
      return 1;
  }
  /* In MathML content: the nearest element of that name through MathML
   * elements; at the first HTML element the HTML rules take over. */
  for (unsigned j = m->depth; j-- > 0 && m->stack[j].mathml && !(m->stack[j].flags & F_STRAY);)
    if (is_el(&m->stack[j], h, p, n)) {
      pop_to(m, j);
      return 1;
    }
  unsigned fl = k ? k->flags : 0;
  if (fl & (F_IGNORE | F_VOID)) return 1;
  long i;
  if (fl & F_FMT) {
    /* The adoption agency: not in the list: as any other end tag; in the
     * list but not open: leave the list; open with a special element
     * above it (a furthest block): the depth stays; else pop to it. */
    long li = list_find(m, h, p, n);
    i = find_el(m, m->depth, h, p, n, 0);
    if (li >= 0) {
      if (i < 0) {
        list_remove(m, (unsigned)li);
      } else if (!special_above(m, (unsigned)i)) {
        /* in scope? (else the parser ignores the tag) */
        if (find_el(m, m->depth, h, p, n, F_SCOPE) >= 0) {
          list_remove(m, (unsigned)li);
          pop_to(m, (unsigned)i);
        }
      }
      return 1;
    }
  }
  if (fl & F_SPECIAL) {
    /* tables and table parts end only in the insertion modes that handle
     * them (the parser ignores </caption> outside a caption, </td> outside
     * a cell...) */
    unsigned g = k->group;
    if (g == G_TABLE || g == G_CAPTION || g == G_COLGROUP || g == G_TSECT || g == G_TR ||
        g == G_CELL) {
      if ((i = table_end_cut(m, g, h, p, n)) >= 0) pop_to(m, (unsigned)i);
      return 1;
    }
    if (k->group == G_FORM) { /* </form> removes the form alone */
      if ((i = find_el(m, m->depth, h, p, n, F_SCOPE)) >= 0) {
        m->on_stack[h & (MODEL_SLOTS - 1)]--;
        m->ngroup[m->stack[i].group]--;
        m->nmathml -= m->stack[i].mathml;
        memmove(m->stack + i, m->stack + i + 1, (m->depth - (unsigned)i - 1) * sizeof *m->stack);
        m->depth--;
        for (unsigned j = (unsigned)i; j < m->depth; j++) set_setter(m, j);
      }
      return 1;
    }
    if (k->group == G_LI) { /* list item scope: ul and ol end it too */
      for (unsigned j = m->depth; j-- > 0;) {
        const open_el *x = &m->stack[j];
        if (!x->mathml && !(x->flags & F_STRAY) && is_el(x, h, p, n)) {
          pop_to(m, j);
          break;
        }
        if ((x->flags & F_SCOPE) || x->group == G_LIST) break;
      }
      return 1;
    }
    if ((i = find_el(m, m->depth, h, p, n, F_SCOPE)) >= 0) pop_to(m, (unsigned)i);
    return 1;
  }
  /* any other end tag: the nearest one, unless a special element comes first */
  if ((i = find_el(m, m->depth, h, p, n, F_SPECIAL)) >= 0) pop_to(m, (unsigned)i);
  return 1;
}

/* Finds the first '>' at or after p; returns the position after it, or e. */
static const char *skip_to_gt(const char *p, const char *e) {
  const char *gt = memchr(p, '>', (size_t)(e - p));
  return gt ? gt + 1 : e;
}

/* Where a region the parser may read as text ends, for an element whose
 * content is raw text or RCDATA when the parser takes it so: after its end
 * tag (a script: the input's end, since its end tag can be escaped). The
 * search for each name only moves forward, so earlier answers are reused. */
typedef struct raw_end_cache {
  const char *found[8]; /* end of the next end tag per name; NULL: not searched */
  int none[8];          /* no end tag after the last search */
} raw_end_cache;

static const char *raw_region_end(raw_end_cache *c, const char *from, const char *e,
                                  const char *name, size_t n) {
  static const char *const names[8] = {"title", "xmp", "textarea", "style",
                                       "iframe", "noembed", "noframes", "noscript"};
  if (eq_ci(name, n, "script") || eq_ci(name, n, "plaintext")) return e;
  for (int i = 0; i < 8; i++) {
    if (!eq_ci(name, n, names[i])) continue;
    if (!c->none[i] && (!c->found[i] || c->found[i] <= from)) {
      const char *et = find_end_tag(from, e, names[i], strlen(names[i]));
      if (et)
        c->found[i] = skip_end_tag(et, e);
      else
        c->none[i] = 1;
    }
    return c->none[i] ? e : c->found[i];
  }
  return from; /* not such an element */
}

/* In a verbatim region a tag is kept only when its extent is plain: it
 * ends within this many bytes, with at most max_attrs attributes. */
#define VERBATIM_TAG_MAX 1024

static unsigned clamp_u(unsigned v, unsigned def, unsigned max) {
  return v == 0 ? def : v > max ? max : v;
}

void cc_strip(cc_arena *a, const char *in, size_t len, cc_strip_result *res) {
  cc_strip_bounded(a, in, len, NULL, res);
}

void cc_strip_bounded(cc_arena *a, const char *in, size_t len,
                      const cc_strip_limits *lim, cc_strip_result *res) {
  pthread_once(&known_once, known_init);
  memset(res, 0, sizeof *res);
  model m;
  model_init(&m, clamp_u(lim ? lim->max_depth : 0, CC_STRIP_DEFAULT_DEPTH, CC_STRIP_MAX_DEPTH),
             clamp_u(lim ? lim->max_formatting : 0, CC_STRIP_DEFAULT_FORMATTING,
                     CC_STRIP_MAX_FORMATTING));
  size_t max_attrs = clamp_u(lim ? lim->max_attrs : 0, CC_STRIP_DEFAULT_ATTRS, CC_STRIP_MAX_ATTRS);
  int keep_noscript = lim && lim->keep_noscript;
  char *out = cc_arena_alloc(a, len + 1);
  size_t olen = 0;
  const char *p = in, *e = in + len;
  const char *copy_from = in; /* start of the pending span to copy */
  /* The verbatim region: bytes the parser may read either as markup or as
   * text (the content of a <title>, <xmp> or <plaintext> kept verbatim,
   * with its end tag: the tree builder, not the tokenizer, decides). The
   * model reads every "<name" there as a start tag and pops nothing, so it
   * errs on the deep side either way (see the loop). */
  const char *no_pop_until = in;
  size_t texts = 0; /* text runs, for the node estimate */
  const char *cdata_end = NULL; /* cached end of the next CDATA section */
  int cdata_none = 0;           /* no "]]>" after the last search's start */
  raw_end_cache rc;
  memset(&rc, 0, sizeof rc);
  xml_decl(a, in, len, res);

#define FLUSH(upto)                                       \
  do {                                                    \
    size_t n_ = (size_t)((upto) - copy_from);             \
    memcpy(out + olen, copy_from, n_);                    \
    olen += n_;                                           \
  } while (0)
  /* Removing bytes must not join a stray '<' with what follows into a new
   * tag ("<<!---->div>"): the parser would see a tag the model did not.
   * Every removal is at least 2 bytes, so the space fits. */
#define REMOVED()                                         \
  do {                                                    \
    if (olen && out[olen - 1] == '<') out[olen++] = ' ';  \
  } while (0)

  while (p < e) {
    const char *lt = memchr(p, '<', (size_t)(e - p));
    if (!lt || lt + 1 >= e) break;
    unsigned char c = (unsigned char)lt[1];
    int verbatim = lt < no_pop_until; /* see no_pop_until */
    if (lt > p && !verbatim) { /* text: a node, and a reconstruction */
      texts++;
      /* ...except in MathML content, where the parser inserts text as it
       * is: clones pushed there would make the model read the next tags
       * by the HTML rules (and pop) while the parser keeps nesting
       * MathML elements */
      const open_el *top = m.depth ? &m.stack[m.depth - 1] : NULL;
      if (!top || !top->mathml || top->group == G_MIP) reconstruct(&m);
    }
    if (verbatim) {
      /* The parser reads this region as text or as markup, the tree
       * builder's call; the model reads it as a superset of both: every
       * "<name" is a start tag (pushed, never popping), and nothing is
       * skipped (no comment, no attribute value hides a "<" from it). A
       * tag the bounds drop, or whose extent is not plain, loses its
       * "<name", which leaves text under either reading. Nothing else is
       * removed here. */
      if (!is_alpha(c)) {
        p = lt + 1;
        continue;
      }
      const char *nm = lt + 1, *ne = nm;
      while (ne < e && !is_space((unsigned char)*ne) && *ne != '/' && *ne != '>') ne++;
      size_t nl = (size_t)(ne - nm);
      tag vt = {0};
      vt.cut_at = max_attrs;
      const char *we = (size_t)(e - nm) > VERBATIM_TAG_MAX ? nm + VERBATIM_TAG_MAX : e;
      int plain = scan_tag(nm, we, &vt, NULL, NULL) && !vt.cut;
      if (!plain || !model_start(&m, nm, nl, ne, 0, 1)) {
        /* Only the bytes before a '<' inside the name go: read as text,
         * "<e</title>" is "<e" and the region's end tag, which removing
         * "<e<" would break (the parser would then read on as text what
         * the model read as markup). The '<' is read next, as any other. */
        const char *cut = memchr(nm, '<', nl);
        if (cut) ne = cut;
        FLUSH(lt);
        copy_from = ne;
        res->flattened++;
        REMOVED();
      } else {
        res->start_tags++;
        const char *re = raw_region_end(&rc, ne, e, nm, nl);
        if (re > no_pop_until) {
          no_pop_until = re;
          model_unsure(&m);
        }
      }
      p = ne;
      continue;
    }
    if (c == '!') {
      if (lt + 3 < e && lt[2] == '-' && lt[3] == '-') {
        FLUSH(lt);
        p = skip_comment(lt, e);
        copy_from = p;
        REMOVED();
        continue;
      }
      if ((size_t)(e - lt) >= 9 && !memcmp(lt + 2, "[CDATA[", 7)) {
        /* A CDATA section in foreign content, a bogus comment up to '>'
         * elsewhere: which one is the tree builder's call, so remove it
         * whole when it ends; otherwise read it as a bogus comment. */
        const char *ce = NULL;
        {
          /* the first "]]>" after here; searches only move forward, so the
           * last answer stands until passed (no rescans: linear) */
          if (!cdata_none && (!cdata_end || cdata_end < lt + 12)) {
            const char *q = lt + 9;
            cdata_none = 1;
            while (q + 3 <= e && (q = memchr(q, ']', (size_t)(e - q))) && q + 3 <= e) {
              if (q[1] == ']' && q[2] == '>') {
                cdata_end = q + 3;
                cdata_none = 0;
                break;
              }
              q++;
            }
          }
          if (!cdata_none) ce = cdata_end;
        }
        if (ce) {
          FLUSH(lt);
          p = copy_from = ce;
          REMOVED();
          continue;
        }
      }
      p = skip_to_gt(lt + 2, e); /* doctype or bogus comment */
      continue;
    }
    if (c == '?') { /* bogus comment */
      p = skip_to_gt(lt + 2, e);
      continue;
    }
    if (c == '/') { /* end tag: skip it whole, its attributes may quote '<' */
      if (lt + 2 < e && is_alpha((unsigned char)lt[2])) {
        tag t = {0};
        if (!scan_tag(lt + 2, e, &t, NULL, NULL)) break;
        if ((keep_noscript && t.nlen == 8 && eq_ci(t.name, 8, "noscript")) ||
            !model_end(&m, t.name, t.nlen, 0)) {
          FLUSH(lt);
          copy_from = t.end;
          REMOVED();
        }
        p = t.end;
      } else {
        p = skip_to_gt(lt + 2, e); /* "</>" or a bogus comment */
      }
      continue;
    }
    if (!is_alpha(c)) {
      p = lt + 1;
      continue;
    }
    tag t = {0};
    t.cut_at = max_attrs;
    const char *nm = lt + 1;
    const char *ne = nm;
    while (ne < e && !is_space((unsigned char)*ne) && *ne != '/' && *ne != '>')
      ne++;
    enum action act = classify(nm, (size_t)(ne - nm));
    if (keep_noscript && ne - nm == 8 && eq_ci(nm, 8, "noscript")) act = UNWRAP;
    int is_meta = (ne - nm == 4) && eq_ci(nm, 4, "meta");
    int is_ld = 0, has_src = 0;
    int is_template = act == NEST_DROP && eq_ci(nm, (size_t)(ne - nm), "template");
    id_ctx tid = {0};
    meta_ctx mc = {0};
    int ok;
    if (is_meta && !res->meta_charset)
      ok = scan_tag(nm, e, &t, meta_attr, &mc);
    else if (act == RAW_DROP && eq_ci(nm, (size_t)(ne - nm), "script"))
      ok = scan_tag(nm, e, &t, script_attr, &is_ld);
    else if (act == RAW_DROP && eq_ci(nm, (size_t)(ne - nm), "iframe"))
      ok = scan_tag(nm, e, &t, src_attr, &has_src);
    else if (is_template)
      ok = scan_tag(nm, e, &t, id_attr, &tid);
    else
      ok = scan_tag(nm, e, &t, NULL, NULL);
    if (!ok) break; /* EOF inside a tag */

    if (is_meta && !res->meta_charset) {
      char *label = NULL;
      if (mc.charset) {
        label = label_dup(a, mc.charset, mc.charset_len);
      } else if (mc.http_equiv_ct && mc.content) {
        char buf[48];
        if (cc_charset_from_content_type(mc.content, mc.content_len, buf,
                                         sizeof buf))
          label = label_dup(a, buf, strlen(buf));
      }
      /* As the HTML prescan does: a label naming no known encoding is
       * skipped and a later <meta> may still declare one. */
      if (label && cc_charset_canonical(label)) res->meta_charset = label;
    }
    if (act == KEEP || act == RCDATA_KEEP || act == PLAINTEXT) {
      const char *ae = t.end - 1; /* raw attributes, for Noah's Ark */
      if (ae > ne && ae[-1] == '/') ae--;
      if (!model_start(&m, t.name, t.nlen, ne, (size_t)(ae - ne), 0)) {
        FLUSH(lt); /* flattened: the tag goes, its content stays */
        copy_from = p = t.end;
        res->flattened++;
        REMOVED();
        /* without its tag a title's, xmp's or plaintext's content is
         * markup to the parser: read on normally (the model would
         * otherwise read it without pops, and miss a "</table>") */
        continue;
      } else {
        res->start_tags++;
        /* a title or xmp: its end tag is read without pops (see below),
         * so the model cannot tell when the parser closed it; a later
         * stray end tag of that name must not pop it, nor what is above */
        if (act == RCDATA_KEEP && m.depth && m.stack[m.depth - 1].name == t.name)
          m.stack[m.depth - 1].flags |= F_STRAY;
        if (t.cut) { /* too many attributes: keep the first ones */
          FLUSH(t.cut);
          out[olen++] = '>';
          copy_from = t.end;
          res->attrs_cut++;
        }
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
      /* copied verbatim, read by the model without pops, its end tag
       * included (it may be text: the parser may read the content as
       * markup, where an attribute value can hide the end tag) */
      const char *re = et ? skip_end_tag(et, e) : e;
      /* In MathML content the parser reads it as markup, where "</p>" or
       * a breakout tag leaves the math with what the model cannot follow
       * still open (a fuzzer's page went 138 deep): the rest of the page
       * is read without pops. */
      const open_el *top = m.depth ? &m.stack[m.depth - 1] : NULL;
      if (top && top->mathml && top->group != G_MIP) re = e;
      if (re > no_pop_until) {
        no_pop_until = re;
        model_unsure(&m);
      }
      p = t.end;
      break;
    }
    case RAW_DROP: {
      FLUSH(lt);
      char lname[16];
      size_t n = t.nlen;
      for (size_t i = 0; i < n; i++) lname[i] = (char)lower((unsigned char)t.name[i]);
      const char *et = find_end_tag(t.end, e, lname, n);
      const char *body_end = et ? et : e;
      if (n == 8 && !memcmp(lname, "noscript", 8))
        res->noscript_bytes += (size_t)(body_end - t.end);
      if (is_ld && res->njsonld < CC_STRIP_MAX_JSONLD) {
        res->jsonld[res->njsonld].p = t.end;
        res->jsonld[res->njsonld].len = (size_t)(body_end - t.end);
        res->njsonld++;
      }
      /* once a page has streamed-segment slots, its scripts say where the
       * segments go (segments.h) */
      if (!is_ld && res->segments.slots && n == 6 && !memcmp(lname, "script", 6))
        cc_segments_scan(a, &res->segments, t.end, (size_t)(body_end - t.end));
      /* An iframe with a source may be the article's video or post: it
       * stays as a void <embed> with the iframe's attributes (which the
       * parser and the model both read as one element, wherever it
       * stands), its fallback content going; marks.c tells the embeds
       * worth keeping. Never longer than what it replaces. */
      if (has_src && model_start(&m, "embed", 5, NULL, 0, 0)) {
        const char *ae = t.cut ? t.cut : t.end - 1;
        if (ae > ne && ae[-1] == '/') ae--;
        memcpy(out + olen, "<embed", 6);
        memcpy(out + olen + 6, ne, (size_t)(ae - ne));
        olen += 6 + (size_t)(ae - ne);
        out[olen++] = '>';
        res->start_tags++;
      }
      p = et ? skip_end_tag(et, e) : e;
      copy_from = p;
      REMOVED();
      break;
    }
    case NEST_DROP: {
      FLUSH(lt);
      /* a streamed segment's slot stays as an empty <wbr> with its id
       * (segments.h); shorter than the template it replaces */
      if (is_template && tid.v && cc_segment_slot_id(tid.v, tid.n) &&
          model_start(&m, "wbr", 3, NULL, 0, 0)) {
        memcpy(out + olen, "<wbr id=\"", 9);
        memcpy(out + olen + 9, tid.v, tid.n);
        olen += 9 + tid.n;
        out[olen++] = '"';
        out[olen++] = '>';
        res->start_tags++;
        res->segments.slots++;
      }
      if (t.self_closing && t.nlen == 3) { /* <svg/> is void in foreign content */
        p = copy_from = t.end;
        REMOVED();
        break;
      }
      char lname[16];
      size_t n = t.nlen;
      for (size_t i = 0; i < n; i++) lname[i] = (char)lower((unsigned char)t.name[i]);
      int depth = 1, svg = n == 3, islands = 0;
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
        tag t2 = {0};
        if (!scan_tag(tn, e, &t2, NULL, NULL)) {
          q = e;
          break;
        }
        if (svg && html_island(t2.name, t2.nlen) && !t2.self_closing)
          islands += closing ? (islands > 0 ? -1 : 0) : 1;
        /* outside foreignObject, desc and title, an HTML tag such as <p>
         * or <div> ends the SVG (the parser pops it): an unclosed <svg>
         * must not take the rest of the page with it */
        if (svg && !closing && !islands && svg_breakout(t2.name, t2.nlen)) {
          q = l2;
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
      REMOVED();
      break;
    }
    case UNWRAP:
      FLUSH(lt);
      p = copy_from = t.end;
      REMOVED();
      break;
    case PLAINTEXT:
      no_pop_until = e; /* see RCDATA_KEEP */
      model_unsure(&m);
      p = t.end;
      break;
    }
  }
  if (p < e) texts++;
  FLUSH(e);
#undef FLUSH
#undef REMOVED
  res->est_nodes = res->start_tags + m.clones + texts;
  model_free(&m);
  /* JSON-LD spans point into `in`; copy them so the result does not depend
   * on the caller keeping the input alive. */
  for (unsigned i = 0; i < res->njsonld; i++) {
    char *s = cc_arena_strndup(a, res->jsonld[i].p, res->jsonld[i].len);
    res->jsonld[i].p = s;
  }
  out[olen] = '\0';
  res->out = out;
  res->len = olen;
  res->removed_bytes = len > olen ? len - olen : 0;
}
