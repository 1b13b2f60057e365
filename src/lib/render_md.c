/* render_md.c — CommonMark output, with GFM pipe tables.
 *
 * The body only, like txt: no title heading and no front matter (the
 * title is metadata; samples/README.md states the conventions the golden
 * expected.md files assume). ATX headings at their level; paragraphs,
 * list items and quotes as CommonMark reads them (tight lists when every
 * item is one paragraph plus nested lists, loose otherwise; "- " and "1. "
 * markers, "*" or ")" for a list that directly follows one of its kind so
 * that the two stay apart); fenced code blocks (```info, the fence longer
 * than any backtick run inside); "---" rules ("___" on a marker's line);
 * GFM pipe tables (header: the first row; a colspan cell is followed by
 * empty cells; short rows padded; at most CC_MAX_COLS columns, cells past
 * the last joining it; breaks in cells are <br>); images and
 * links inline, a URL with spaces or parentheses in <...>; hard breaks as
 * a backslash at the end of the line (a space in a heading).
 *
 * Escaping happens in one place (put_text_char, and the run copy in
 * emit_text that skips characters needing none): \ ` * _ [ ] always; < when
 * it could open a tag or autolink; & when it would read as an entity; ~
 * runs; | in tables and multi-line paragraphs; at the start of a line
 * # > - + = ~ and "12." / "12)" (headings, quotes, lists, setext
 * underlines, fences).
 *
 * GFM and notes-app additions: strikethrough as ~~text~~, superscripts
 * and subscripts as <sup>/<sub> (Markdown has none), <mark> as ==text==
 * in the Obsidian flavor (<mark> otherwise), footnote references as [^1]
 * and their notes as "[^1]: text", task items as "- [ ] " / "- [x] ",
 * definition lists as the term's paragraph then ": definition", embeds as
 * a link to their page (in the Obsidian flavor an image link, which
 * Obsidian plays), captions as an emphasised paragraph under their image.
 * With the render options: front matter (render_front.c), a "# title"
 * heading unless the body opens with the title, the lead image when the
 * body has none, image URLs rewritten (local attachments).
 *
 * Emphasis follows CommonMark's flanking rules: openers are written only
 * when visible content follows (so spaces move outside and empty emphasis
 * vanishes), closers before pending spaces; where a "*" could not open or
 * close (punctuation against a letter, unknown scripts) the pair is
 * written as <em>/<strong> instead. Nested same-kind emphasis collapses
 * and adjacent same-kind runs merge.
 *
 * The walk over blocks is iterative (render_util's cc_bwalk); the line
 * prefix ("> ", item indentation, markers) comes from a heap stack of
 * container frames.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "oom.h"
#include "render.h"
#include "render_util.h"

#define GROW(arr, n, cap)                                        \
  do {                                                           \
    if ((n) == (cap)) {                                          \
      size_t c_ = (cap) ? (cap) * 2 : 32;                        \
      (arr) = cc_realloc((arr), c_ * sizeof *(arr));             \
      (cap) = c_;                                                \
    }                                                            \
  } while (0)

/* ---- containers and lines ------------------------------------------ */

enum { MF_DOC, MF_QUOTE, MF_LIST, MF_ITEM };

typedef struct mframe {
  unsigned char kind;
  unsigned char wrote;       /* content written inside since it opened */
  unsigned char marker_done; /* ITEM: its marker is written */
  unsigned char tight;       /* LIST, ITEM: the list is tight */
  unsigned char ordered;     /* LIST */
  char delim;                /* LIST: '-' '*' or '.' ')' */
  unsigned char mlen;        /* ITEM: marker width */
  char marker[16];           /* ITEM */
  const char *task;          /* ITEM: "[ ] " or "[x] " after the marker */
  long num;                  /* LIST: next number */
  /* the list that ended last in this container, so that a list right
   * after it takes the other delimiter and stays a separate list */
  unsigned char last_list; /* 0 none, 1 bullet, 2 ordered */
  char last_delim;
  unsigned long last_list_lines;
} mframe;

/* ---- inline tokens ------------------------------------------------- */

enum { T_TEXT, T_CODE, T_BREAK, T_IMAGE, T_OPEN, T_CLOSE, T_FNREF };
enum { K_EMPH, K_STRONG, K_LINK, K_DEL, K_MARK, K_SUP, K_SUB };

typedef struct tok {
  unsigned char type, kind;
  size_t off, len;    /* TEXT: in scratch */
  const char *s;      /* CODE */
  const cc_ast *node; /* IMAGE, OPEN/CLOSE of a link */
} tok;

typedef struct copen { size_t idx, content; } copen;

typedef struct eopen {
  unsigned char kind, form, emitted; /* form: 0 markdown, 1 HTML tags */
  size_t pos;                        /* where its opener was written */
  const cc_ast *node;
} eopen;

enum { M_PARA, M_HEADING, M_CELL };
enum { C_LINESTART = 16 }; /* beside the CC_CH_* classes */

typedef struct md {
  cc_buf *out;
  const cc_render_options *ro;
  int obsidian;
  mframe *fr;
  size_t nfr, capfr;
  int started;
  int sep;          /* before the next block: 1 newline, 2 blank line */
  size_t min_depth; /* shallowest frame depth since the last line began */
  unsigned long nlines;

  /* collected inline content of one leaf */
  cc_buf scratch;
  tok *tk;
  size_t ntk, captk;
  copen *co;
  size_t nco, capco;
  size_t content; /* visible tokens so far */
  int em_depth, strong_depth;

  /* emission state */
  eopen *eo;
  size_t neo, capeo, npending; /* eo[neo - npending ..] not yet written */
  int mode, pend_space, line_start, leaf_started, in_link, esc_pipe;
  int pend_break; /* hard breaks waiting for content */
  struct {
    int valid;
    unsigned char kind, form;
    size_t before, after, open_pos;
  } lc; /* the emphasis closer written last */
} md;

static void put(md *m, const char *s, size_t n) { cc_buf_put(m->out, s, n); }
static void puts_(md *m, const char *s) { cc_buf_puts(m->out, s); }
static void putc_(md *m, char c) { cc_buf_putc(m->out, c); }

static mframe *top(md *m) { return &m->fr[m->nfr - 1]; }

static mframe *push_frame(md *m, int kind) {
  GROW(m->fr, m->nfr, m->capfr);
  mframe *f = &m->fr[m->nfr++];
  memset(f, 0, sizeof *f);
  f->kind = (unsigned char)kind;
  return f;
}

static void pop_frame(md *m) {
  mframe *f = &m->fr[--m->nfr];
  if (f->wrote && m->nfr) m->fr[m->nfr - 1].wrote = 1;
  if (m->min_depth > m->nfr) m->min_depth = m->nfr;
}

/* Writes the line prefix of frames [0, upto); returns 1 when it wrote a
 * list marker. A blank line gets continuation forms, trailing spaces cut. */
static int prefix(md *m, size_t upto, int blank) {
  int marker = 0;
  for (size_t i = 0; i < upto; i++) {
    mframe *f = &m->fr[i];
    if (f->kind == MF_QUOTE) {
      puts_(m, "> ");
    } else if (f->kind == MF_ITEM) {
      if (f->marker_done || blank) {
        for (unsigned j = 0; j < f->mlen; j++) putc_(m, ' ');
      } else {
        put(m, f->marker, f->mlen);
        if (f->task) puts_(m, f->task); /* continuation lines indent by the marker alone */
        f->marker_done = 1;
        marker = 1;
      }
    }
  }
  if (blank) cc_buf_rtrim(m->out, " ");
  return marker;
}

/* Begins the first line of a block: the pending separator, then the
 * prefix. A blank line carries only the prefix of the containers that
 * hold both what came before and what follows. */
static int begin_line(md *m) {
  if (m->started) {
    putc_(m, '\n');
    if (m->sep >= 2) {
      prefix(m, m->min_depth < m->nfr ? m->min_depth : m->nfr, 1);
      putc_(m, '\n');
    }
  }
  m->started = 1;
  int marker = prefix(m, m->nfr, 0);
  m->sep = 0;
  m->min_depth = m->nfr;
  m->nlines++;
  top(m)->wrote = 1;
  return marker;
}

/* A further line of the current block. */
static void newline(md *m) {
  putc_(m, '\n');
  prefix(m, m->nfr, 0);
}

/* A block starts in the top container: it needs a separator from what the
 * container already holds (none when it is the container's first). */
static void block_start(md *m) {
  mframe *f = top(m);
  if (!f->wrote) return;
  int want = f->kind == MF_ITEM && f->tight ? 1 : 2;
  if (want > m->sep) m->sep = want;
}

/* ---- escaping helpers ---------------------------------------------- */

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(int c) { return is_digit(c) || is_alpha(c); }
static int is_hex(int c) { return is_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f'); }

/* s starts with "&name;", "&#123;" or "&#x1f;": an entity reference. */
static int entity_like(const char *s, size_t n) {
  size_t i = 1, k;
  if (n < 3) return 0;
  if (s[1] == '#') {
    i = 2;
    if (i < n && (s[i] == 'x' || s[i] == 'X')) {
      i++;
      for (k = 0; i < n && k < 7 && is_hex(s[i]); i++, k++) {
      }
      return k >= 1 && k <= 6 && i < n && s[i] == ';';
    }
    for (k = 0; i < n && k < 8 && is_digit(s[i]); i++, k++) {
    }
    return k >= 1 && k <= 7 && i < n && s[i] == ';';
  }
  if (!is_alpha(s[1])) return 0;
  for (k = 0; i < n && k < 33 && is_alnum(s[i]); i++, k++) {
  }
  return k <= 32 && i < n && s[i] == ';';
}

static size_t utf8_len(const char *s, size_t n) {
  size_t k = 1;
  while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80 && k < 4) k++;
  return k;
}

/* Characters that need a look in the middle of a line (2: escaped
 * whatever their context). */
static const unsigned char special[256] = {
    ['\\'] = 2, ['`'] = 2, ['*'] = 2, ['_'] = 2, ['['] = 2,
    [']'] = 1,  ['<'] = 1, ['&'] = 1, ['~'] = 1, ['|'] = 1};

/* ---- inline collection ----------------------------------------------- */

static tok *new_tok(md *m, int type) {
  GROW(m->tk, m->ntk, m->captk);
  tok *t = &m->tk[m->ntk++];
  memset(t, 0, sizeof *t);
  t->type = (unsigned char)type;
  return t;
}

static void add_text(md *m, const char *s, size_t n) {
  tok *t = m->ntk && m->tk[m->ntk - 1].type == T_TEXT ? &m->tk[m->ntk - 1] : NULL;
  if (!t) {
    t = new_tok(m, T_TEXT);
    t->off = m->scratch.len;
  }
  /* whitespace becomes one space per run (adjacent texts and flattened
   * blocks can make runs) */
  cc_buf_reserve(&m->scratch, n);
  char *d = m->scratch.data + m->scratch.len;
  char prev = t->len ? d[-1] : 0;
  size_t k = 0;
  int visible = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') c = ' ';
    if (c == ' ' && prev == ' ') continue;
    if (c != ' ') visible = 1;
    d[k++] = prev = c;
  }
  m->scratch.len += k;
  m->scratch.data[m->scratch.len] = '\0';
  t->len += k;
  if (visible) m->content++;
}

static void open_tok(md *m, int kind, const cc_ast *node) {
  tok *t = new_tok(m, T_OPEN);
  t->kind = (unsigned char)kind;
  t->node = node;
  GROW(m->co, m->nco, m->capco);
  m->co[m->nco].idx = m->ntk - 1;
  m->co[m->nco++].content = m->content;
}

static void remove_tok(md *m, size_t i) {
  memmove(&m->tk[i], &m->tk[i + 1], (m->ntk - i - 1) * sizeof *m->tk);
  m->ntk--;
}

/* Closes the innermost open token; an opening with nothing visible since
 * is dropped (its whitespace stays). */
static void close_tok(md *m, int kind, const cc_ast *node) {
  if (!m->nco) return;
  copen o = m->co[--m->nco];
  if (m->content == o.content) {
    size_t i = o.idx;
    remove_tok(m, i);
    if (i > 0 && i < m->ntk && m->tk[i - 1].type == T_TEXT && m->tk[i].type == T_TEXT &&
        m->tk[i - 1].off + m->tk[i - 1].len == m->tk[i].off) {
      m->tk[i - 1].len += m->tk[i].len;
      remove_tok(m, i);
    }
    return;
  }
  tok *t = new_tok(m, T_CLOSE);
  t->kind = (unsigned char)kind;
  t->node = node;
}

static void collect_reset(md *m) {
  m->ntk = 0;
  m->nco = 0;
  m->content = 0;
  m->em_depth = m->strong_depth = 0;
  cc_buf_clear(&m->scratch);
}

/* Gathers a leaf's inline content; returns 1 when it shows anything. */
static int collect(md *m, const cc_ast *first, const cc_ast *last) {
  cc_iwalk w;
  cc_iev ev;
  collect_reset(m);
  cc_iwalk_init(&w, first, last);
  while (cc_iwalk_next(&w, &ev)) {
    switch (ev.kind) {
    case CC_IEV_TEXT:
      add_text(m, ev.text, ev.len);
      break;
    case CC_IEV_SPACE:
      add_text(m, " ", 1);
      break;
    case CC_IEV_CODE: {
      tok *t = new_tok(m, T_CODE);
      t->s = ev.text;
      t->len = ev.len;
      m->content++;
      break;
    }
    case CC_IEV_BREAK:
      new_tok(m, T_BREAK);
      break;
    case CC_IEV_IMAGE:
      new_tok(m, T_IMAGE)->node = ev.node;
      m->content++;
      break;
    case CC_IEV_LINK:
      open_tok(m, K_LINK, ev.node);
      break;
    case CC_IEV_LINK_END:
      close_tok(m, K_LINK, ev.node);
      break;
    /* emphasis inside the same emphasis adds nothing: only the outer pair */
    case CC_IEV_EMPH:
      if (m->em_depth++ == 0) open_tok(m, K_EMPH, NULL);
      break;
    case CC_IEV_EMPH_END:
      if (m->em_depth > 0 && --m->em_depth == 0) close_tok(m, K_EMPH, NULL);
      break;
    case CC_IEV_STRONG:
      if (m->strong_depth++ == 0) open_tok(m, K_STRONG, NULL);
      break;
    case CC_IEV_STRONG_END:
      if (m->strong_depth > 0 && --m->strong_depth == 0) close_tok(m, K_STRONG, NULL);
      break;
    case CC_IEV_SPAN:
    case CC_IEV_SPAN_END: {
      int k = ev.node->level == CC_SPAN_DEL ? K_DEL : ev.node->level == CC_SPAN_MARK ? K_MARK
            : ev.node->level == CC_SPAN_SUB ? K_SUB : K_SUP;
      if (ev.kind == CC_IEV_SPAN) open_tok(m, k, NULL);
      else close_tok(m, k, NULL);
      break;
    }
    case CC_IEV_FNREF: {
      tok *t = new_tok(m, T_FNREF);
      t->s = ev.text;
      t->len = ev.len;
      m->content++;
      break;
    }
    }
  }
  return m->content > 0;
}

/* ---- inline emission -------------------------------------------------- */

/* Each kind's Markdown delimiter and HTML tags (superscripts and
 * subscripts have no Markdown form). */
static const struct {
  const char *md, *open, *close;
} delims[] = {
    [K_EMPH] = {"*", "<em>", "</em>"},     [K_STRONG] = {"**", "<strong>", "</strong>"},
    [K_LINK] = {"", "", ""},               [K_DEL] = {"~~", "<del>", "</del>"},
    [K_MARK] = {"==", "<mark>", "</mark>"}, [K_SUP] = {NULL, "<sup>", "</sup>"},
    [K_SUB] = {NULL, "<sub>", "</sub>"}};

static const char *opener_str(int kind, int form) {
  return form || !delims[kind].md ? delims[kind].open : delims[kind].md;
}

static const char *closer_str(int kind, int form) {
  return form || !delims[kind].md ? delims[kind].close : delims[kind].md;
}

/* The kinds written as HTML whatever their neighbours: those Markdown
 * lacks, and ==marked== outside the Obsidian flavor. */
static int html_only(const md *m, int kind) {
  return !delims[kind].md || (kind == K_MARK && !m->obsidian);
}

/* CommonMark: a "*" run opens when left-flanking, closes when
 * right-flanking. Unknown characters take the reading that falls back to
 * HTML tags rather than risk literal stars. */
static int left_flank_ok(int before, int after) {
  if (after == CC_CH_ALNUM) return 1;
  if (after == CC_CH_WS || after == CC_CH_END) return 0;
  return before == CC_CH_WS || before == CC_CH_PUNCT;
}

static int right_flank_ok(int before, int after) {
  if (before == CC_CH_ALNUM) return 1;
  if (before == CC_CH_WS) return 0;
  return after == CC_CH_WS || after == CC_CH_PUNCT || after == CC_CH_END;
}

static int out_class_before(md *m) { return cc_char_class_before(m->out->data, m->out->len); }

/* The pending hard breaks (consecutive ones all count). */
static void write_breaks(md *m, int n) {
  if (m->mode == M_HEADING) {
    putc_(m, ' ');
    return;
  }
  for (int i = 0; i < n; i++) {
    if (m->mode == M_PARA) {
      putc_(m, '\\');
      newline(m);
      m->line_start = 1;
    } else {
      puts_(m, "<br>");
    }
  }
}

/* Before visible content whose first written character has class `cls`:
 * the pending break or space, then the pending openers. */
static void flush(md *m, int cls) {
  if (m->pend_break) {
    if (m->leaf_started) write_breaks(m, m->pend_break);
    m->pend_break = m->pend_space = 0;
  }
  if (m->pend_space) {
    if (m->leaf_started && !m->line_start) putc_(m, ' ');
    m->pend_space = 0;
  }
  for (size_t i = m->neo - m->npending; i < m->neo; i++) {
    eopen *e = &m->eo[i];
    cc_buf *out = m->out;
    if (e->kind == K_LINK) {
      /* "!" right before "[" would make an image */
      if (out->len && out->data[out->len - 1] == '!') {
        size_t k = out->len - 1, bs = 0;
        while (k > 0 && out->data[k - 1] == '\\') k--, bs++;
        if (!(bs & 1)) {
          out->data[out->len - 1] = '\\';
          putc_(m, '!');
        }
      }
      e->pos = out->len;
      putc_(m, '[');
    } else {
      int next = i + 1 < m->neo ? CC_CH_PUNCT : cls;
      int form = html_only(m, e->kind) || !left_flank_ok(out_class_before(m), next);
      /* right after a closer of the other kind the runs would merge */
      if (m->lc.valid && m->lc.after == out->len) form = 1;
      e->form = (unsigned char)form;
      e->pos = out->len;
      puts_(m, opener_str(e->kind, form));
    }
    e->emitted = 1;
  }
  m->npending = 0;
  m->leaf_started = 1;
  m->line_start = 0;
}

/* Class of what will be written before the next character, were it
 * written now. */
static int prev_class(md *m) {
  if (m->npending) return CC_CH_PUNCT;
  if (m->pend_break && m->leaf_started)
    return m->mode == M_PARA ? C_LINESTART : m->mode == M_HEADING ? CC_CH_WS : CC_CH_PUNCT;
  if (m->line_start) return C_LINESTART;
  if (!m->leaf_started || m->pend_space) return CC_CH_WS;
  return out_class_before(m);
}

static char prev_byte(md *m) {
  if (m->npending || m->pend_break || m->pend_space || m->line_start || !m->leaf_started)
    return 0;
  return m->out->len ? m->out->data[m->out->len - 1] : 0;
}

/* Writes the character at t[j] (of a text of n bytes), escaped as its
 * context needs; returns how many bytes it consumed. */
static size_t put_text_char(md *m, const char *t, size_t j, size_t n) {
  unsigned char c = (unsigned char)t[j];
  int pc = prev_class(m);
  int ls = pc == C_LINESTART;
  unsigned char nx = j + 1 < n ? (unsigned char)t[j + 1] : 0; /* 0: unknown */
  int esc = 0;
  switch (c) {
  case '\\': case '`': case '[': case ']': case '*': case '_':
    esc = 1;
    break;
  case '<':
    esc = !(nx == ' ' || nx == '=' || is_digit(nx));
    break;
  case '&':
    esc = entity_like(t + j, n - j);
    break;
  case '~':
    esc = ls || nx == '~' || prev_byte(m) == '~';
    break;
  case '|':
    esc = m->esc_pipe;
    break;
  case '#': case '>': case '-': case '+':
    esc = ls;
    break;
  case '=': /* "==" marks text in the Obsidian flavor */
    esc = ls || (m->obsidian && (nx == '=' || prev_byte(m) == '='));
    break;
  default:
    if (ls && is_digit(c)) { /* "1984. " must not start a list */
      size_t d = 0;
      while (j + d < n && d < 10 && is_digit((unsigned char)t[j + d])) d++;
      if (d <= 9 && j + d < n && (t[j + d] == '.' || t[j + d] == ')') &&
          (j + d + 1 == n || t[j + d + 1] == ' ')) {
        flush(m, CC_CH_ALNUM);
        put(m, t + j, d);
        putc_(m, '\\');
        putc_(m, t[j + d]);
        return d + 1;
      }
    }
    break;
  }
  size_t len = c < 0x80 ? 1 : utf8_len(t + j, n - j);
  flush(m, esc ? CC_CH_PUNCT : cc_char_class_at(t + j, n - j));
  if (esc) putc_(m, '\\');
  put(m, t + j, len);
  return len;
}

static void emit_text(md *m, const tok *tk) {
  const char *t = m->scratch.data + tk->off;
  size_t n = tk->len, j = 0, e = n;
  while (e > 0 && t[e - 1] == ' ') e--; /* trailing spaces stay pending */
  while (j < e) {
    if (t[j] == ' ') {
      m->pend_space = 1;
      j++;
      continue;
    }
    if (m->pend_space || m->pend_break || m->npending || m->line_start || !m->leaf_started ||
        special[(unsigned char)t[j]] == 1 || (m->obsidian && t[j] == '=')) {
      j += put_text_char(m, t, j, n);
      continue;
    }
    /* mid-line run of characters that need no escaping (spaces inside
     * the run are written as they are), and of those escaped always */
    size_t k = j;
    while (k < e && !special[(unsigned char)t[k]] && !(m->obsidian && t[k] == '=')) k++;
    while (k > j && t[k - 1] == ' ') k--;
    put(m, t + j, k - j);
    j = k;
    size_t r = j;
    while (r < e && special[(unsigned char)t[r]] == 2) r++;
    if (r > j) {
      cc_buf *out = m->out;
      if (!cc_buf_room(out, 2 * (r - j))) return;
      for (; j < r; j++) {
        out->data[out->len++] = '\\';
        out->data[out->len++] = t[j];
      }
      out->data[out->len] = '\0';
    }
  }
  if (e < n) m->pend_space = 1;
}

static void code_span(md *m, const char *s, size_t n) {
  size_t run = 0, maxrun = 0;
  int all_space = 1;
  for (size_t i = 0; i < n; i++) {
    run = s[i] == '`' ? run + 1 : 0;
    if (run > maxrun) maxrun = run;
    if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r') all_space = 0;
  }
  char f = s[0] == '\n' || s[0] == '\r' ? ' ' : s[0];
  char l = s[n - 1] == '\n' || s[n - 1] == '\r' ? ' ' : s[n - 1];
  int pad = f == '`' || l == '`' || (f == ' ' && l == ' ' && !all_space);
  for (size_t i = 0; i <= maxrun; i++) putc_(m, '`');
  if (pad) putc_(m, ' ');
  size_t a = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n' || s[i] == '\r') {
      put(m, s + a, i - a);
      putc_(m, ' ');
      a = i + 1;
    }
  }
  put(m, s + a, n - a);
  if (pad) putc_(m, ' ');
  for (size_t i = 0; i <= maxrun; i++) putc_(m, '`');
}

/* A link destination: bare, or in <> when it holds spaces or parentheses. */
static void put_dest(md *m, const char *url) {
  if (!url) return;
  size_t n = strlen(url);
  int angle = strpbrk(url, " ()<>") != NULL;
  if (angle) putc_(m, '<');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)url[i];
    if (c < 0x20 || c == 0x7F) {
      char hex[4];
      snprintf(hex, sizeof hex, "%%%02X", c);
      puts_(m, hex);
    } else if (c == '\\' || (angle && (c == '<' || c == '>')) ||
               (c == '&' && entity_like(url + i, n - i))) {
      putc_(m, '\\');
      putc_(m, (char)c);
    } else {
      putc_(m, (char)c);
    }
  }
  if (angle) putc_(m, '>');
}

static void put_title(md *m, const char *title) {
  if (!title || !*title) return;
  size_t n = strlen(title);
  puts_(m, " \"");
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)title[i];
    if (c == '"' || c == '\\' || (c == '&' && entity_like(title + i, n - i))) {
      putc_(m, '\\');
      putc_(m, (char)c);
    } else {
      putc_(m, c < 0x20 ? ' ' : (char)c);
    }
  }
  putc_(m, '"');
}

/* Image alt text: plain text, whitespace collapsed, everything that could
 * read as markup escaped. */
static void put_alt(md *m, const char *s, size_t n) {
  int pend = 0, any = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pend = 1;
      continue;
    }
    if (pend && any) putc_(m, ' ');
    pend = 0;
    any = 1;
    if (strchr("\\`*_[]<", c) || (c == '&' && entity_like(s + i, n - i))) putc_(m, '\\');
    putc_(m, (char)c);
  }
}

/* An image's URL, or where the render options say it is now. */
static const char *image_url(const md *m, const char *url) {
  const char *u = url && m->ro && m->ro->image_url ? m->ro->image_url(url, m->ro->image_url_data) : NULL;
  return u ? u : url;
}

static void image(md *m, const cc_ast *n) {
  puts_(m, "![");
  if (n->text) put_alt(m, n->text, n->len);
  puts_(m, "](");
  put_dest(m, image_url(m, n->url));
  put_title(m, n->title);
  putc_(m, ')');
}

/* Class of the first character written after token i (for a closer). */
static int peek_class(md *m, size_t i) {
  int opened = 0;
  for (size_t j = i + 1; j < m->ntk; j++) {
    const tok *t = &m->tk[j];
    switch (t->type) {
    case T_TEXT: {
      const char *s = m->scratch.data + t->off;
      if (s[0] == ' ') return CC_CH_WS;
      return opened ? CC_CH_PUNCT : cc_char_class_at(s, t->len);
    }
    case T_BREAK:
      return m->mode == M_CELL ? CC_CH_PUNCT : CC_CH_WS;
    case T_OPEN:
      opened = 1;
      break;
    default:
      return CC_CH_PUNCT;
    }
  }
  return CC_CH_END;
}

static eopen *push_open(md *m, int kind, const cc_ast *node) {
  GROW(m->eo, m->neo, m->capeo);
  eopen *e = &m->eo[m->neo++];
  memset(e, 0, sizeof *e);
  e->kind = (unsigned char)kind;
  e->node = node;
  return e;
}

static void open_entry(md *m, const tok *t) {
  cc_buf *out = m->out;
  if (t->kind == K_LINK) {
    push_open(m, K_LINK, t->node);
    m->npending++;
    m->in_link++;
    return;
  }
  if (m->lc.valid && m->lc.kind == t->kind && m->lc.after == out->len && !m->pend_space &&
      !m->pend_break && !m->npending) {
    /* "*a**b*" would not parse: continue the run that just closed */
    out->len = m->lc.before;
    out->data[out->len] = '\0';
    eopen *e = push_open(m, t->kind, NULL);
    e->form = m->lc.form;
    e->pos = m->lc.open_pos;
    e->emitted = 1;
    m->lc.valid = 0;
    return;
  }
  push_open(m, t->kind, NULL);
  m->npending++;
}

/* Replaces the markdown opener written at pos by its HTML tag. */
static void patch_opener(md *m, eopen *e) {
  cc_buf *out = m->out;
  const char *md_s = opener_str(e->kind, 0), *html = opener_str(e->kind, 1);
  size_t ml = strlen(md_s), hl = strlen(html), grow = hl - ml;
  if (!cc_buf_room(out, grow)) return;
  memmove(out->data + e->pos + hl, out->data + e->pos + ml, out->len - e->pos - ml + 1);
  memcpy(out->data + e->pos, html, hl);
  out->len += grow;
  e->form = 1;
}

static void close_entry(md *m, size_t i) {
  if (!m->neo) return;
  eopen *e = &m->eo[m->neo - 1];
  if (e->kind == K_LINK) m->in_link--;
  if (!e->emitted) { /* nothing was written inside: drop the pair */
    m->neo--;
    m->npending--;
    return;
  }
  if (e->kind == K_LINK) {
    puts_(m, "](");
    put_dest(m, e->node->url);
    put_title(m, e->node->title);
    putc_(m, ')');
    m->lc.valid = 0;
    m->neo--;
    return;
  }
  if (!e->form && !right_flank_ok(out_class_before(m), i < m->ntk ? peek_class(m, i) : CC_CH_END))
    patch_opener(m, e);
  m->lc.before = m->out->len;
  puts_(m, closer_str(e->kind, e->form));
  m->lc.valid = !e->form;
  m->lc.kind = e->kind;
  m->lc.form = e->form;
  m->lc.after = m->out->len;
  m->lc.open_pos = e->pos;
  m->neo--;
}

static void emit_inline(md *m, int mode) {
  m->mode = mode;
  m->pend_space = m->pend_break = 0;
  m->line_start = mode == M_PARA;
  m->leaf_started = 0;
  m->in_link = 0;
  m->neo = m->npending = 0;
  m->lc.valid = 0;
  m->esc_pipe = 0;
  if (mode == M_PARA)
    for (size_t i = 0; i < m->ntk && !m->esc_pipe; i++) m->esc_pipe = m->tk[i].type == T_BREAK;
  for (size_t i = 0; i < m->ntk; i++) {
    const tok *t = &m->tk[i];
    switch (t->type) {
    case T_TEXT:
      emit_text(m, t);
      break;
    case T_CODE:
      flush(m, CC_CH_PUNCT);
      code_span(m, t->s, t->len);
      break;
    case T_IMAGE:
      flush(m, CC_CH_PUNCT);
      image(m, t->node);
      break;
    case T_FNREF:
      flush(m, CC_CH_PUNCT);
      puts_(m, "[^");
      put(m, t->s, t->len);
      putc_(m, ']');
      break;
    case T_BREAK:
      if (m->leaf_started) m->pend_break++;
      break;
    case T_OPEN:
      open_entry(m, t);
      break;
    case T_CLOSE:
      close_entry(m, i);
      break;
    }
  }
  while (m->neo) close_entry(m, m->ntk);
}

/* Backslash before every "|" written since `from` (GFM splits cells on
 * any pipe, inside code spans and URLs too, and unescapes "\|" first). */
static void escape_pipes(md *m, size_t from) {
  cc_buf *out = m->out;
  size_t k = 0;
  for (size_t i = from; i < out->len; i++) k += out->data[i] == '|';
  if (!k || !cc_buf_room(out, k)) return;
  size_t r = out->len, w = out->len + k;
  out->data[w] = '\0';
  while (r > from) {
    char c = out->data[--r];
    out->data[--w] = c;
    if (c == '|') out->data[--w] = '\\';
  }
  out->len += k;
}

/* ---- blocks ----------------------------------------------------------- */

static void heading(md *m, size_t content_start) {
  emit_inline(m, M_HEADING);
  /* a trailing " ###" would read as the closing sequence */
  cc_buf *out = m->out;
  size_t k = out->len;
  while (k > content_start && out->data[k - 1] == '#') k--;
  if (k < out->len && k > 0 && out->data[k - 1] == ' ' && cc_buf_room(out, 1)) {
    memmove(out->data + k + 1, out->data + k, out->len - k + 1);
    out->data[k] = '\\';
    out->len++;
  }
}

/* An embed in the Obsidian flavor: an image link to its page, which
 * Obsidian shows as a player. */
static int obsidian_embed(md *m, const cc_ast *p) {
  const cc_ast *l = p->first;
  if (!m->obsidian || !l || l->type != CC_AST_LINK || l->next || !l->url) return 0;
  cc_buf alt = CC_BUF_INIT;
  cc_inline_plain(l->first, l->last, &alt);
  block_start(m);
  begin_line(m);
  puts_(m, "![");
  if (alt.len) put_alt(m, alt.data, alt.len);
  puts_(m, "](");
  put_dest(m, l->url);
  putc_(m, ')');
  cc_buf_free(&alt);
  return 1;
}

static void leaf(md *m, const cc_bev *ev) {
  const cc_ast *p = ev->node && ev->node->type == CC_AST_PARAGRAPH ? ev->node : NULL;
  int role = p && ev->kind == CC_BEV_PARA ? p->level : CC_PARA_TEXT;
  if (role == CC_PARA_EMBED && obsidian_embed(m, p)) return;
  if (!collect(m, ev->first, ev->last)) return;
  block_start(m);
  /* a definition right under its term (PHP Markdown Extra, Pandoc) */
  if (role == CC_PARA_DEF && p->prev && p->prev->type == CC_AST_PARAGRAPH &&
      (p->prev->level == CC_PARA_TERM || p->prev->level == CC_PARA_DEF) && top(m)->wrote)
    m->sep = 1;
  begin_line(m);
  if (role == CC_PARA_FOOTNOTE && p->text) { /* [^1]: the note */
    puts_(m, "[^");
    put(m, p->text, p->len);
    puts_(m, "]: ");
  } else if (role == CC_PARA_DEF) {
    puts_(m, ": ");
  }
  if (ev->kind == CC_BEV_HEADING) {
    size_t s = m->out->len;
    for (int i = 0; i < ev->level; i++) putc_(m, '#');
    putc_(m, ' ');
    heading(m, s);
  } else {
    emit_inline(m, M_PARA);
  }
}

static void code_block(md *m, const cc_ast *n) {
  const char *s = n->text ? n->text : "";
  size_t len = n->text ? n->len : 0;
  if (len && s[len - 1] == '\n') len--;
  if (len && s[len - 1] == '\r') len--;
  /* the info string: first word of the language */
  const char *info = n->title ? n->title : "";
  while (*info == ' ' || *info == '\t') info++;
  size_t il = 0;
  while (info[il] && info[il] != ' ' && info[il] != '\t' && info[il] != '\n' && info[il] != '\r')
    il++;
  char fc = memchr(info, '`', il) ? '~' : '`';
  size_t run = 0, maxrun = 0;
  for (size_t i = 0; i < len; i++) {
    run = s[i] == fc ? run + 1 : 0;
    if (run > maxrun) maxrun = run;
  }
  size_t fence = maxrun + 1 > 3 ? maxrun + 1 : 3;

  block_start(m);
  begin_line(m);
  for (size_t i = 0; i < fence; i++) putc_(m, fc);
  for (size_t i = 0; i < il; i++) {
    unsigned char c = (unsigned char)info[i];
    if (c < 0x20) continue;
    if (c == '\\' || (c == '&' && entity_like(info + i, il - i))) putc_(m, '\\');
    putc_(m, (char)c);
  }
  size_t a = 0;
  while (len && a <= len) {
    size_t b = a;
    while (b < len && s[b] != '\n' && s[b] != '\r') b++;
    newline(m);
    if (b == a)
      cc_buf_rtrim(m->out, " ");
    else
      put(m, s + a, b - a);
    if (b < len && s[b] == '\r' && b + 1 < len && s[b + 1] == '\n') b++;
    a = b + 1;
  }
  newline(m);
  for (size_t i = 0; i < fence; i++) putc_(m, fc);
}

/* A cell's content; `joined`: it follows another cell's in the same
 * column (past the grid's last column), after a space. */
static void cell(md *m, const cc_ast *c, int joined) {
  const cc_ast *a, *b;
  cc_cell_content(c, &a, &b);
  if (!collect(m, a, b)) return;
  if (joined) putc_(m, ' ');
  size_t from = m->out->len;
  emit_inline(m, M_CELL);
  escape_pipes(m, from);
}

/* "| a | b |", padded to ncols cells; a cell spanning columns is followed
 * by empty ones. */
static void table_row(md *m, const cc_ast *row, size_t ncols) {
  const cc_ast *c, *stop;
  size_t col = 0;
  int span = 0; /* of the cell written last, still open */
  cc_row_cells(row, &c, &stop);
  putc_(m, '|');
  for (; c != stop; c = c->next) {
    int s = cc_cell_place(&col, ncols, c);
    if (!s) {
      cell(m, c, 1);
      continue;
    }
    for (int i = 0; i < span; i++) puts_(m, i ? "  |" : " |");
    putc_(m, ' ');
    cell(m, c, 0);
    span = s;
  }
  for (int i = 0; i < span; i++) puts_(m, i ? "  |" : " |");
  for (; col < ncols; col++) puts_(m, "  |");
}

static void table(md *m, const cc_ast *t) {
  size_t ncols = cc_table_cols(t);
  if (!ncols) return;
  block_start(m);
  begin_line(m);
  /* GFM has one header row: the first (a header row when the table says
   * so, else the first data row standing in for one) */
  const cc_ast *row = t->first;
  table_row(m, row, ncols);
  newline(m);
  putc_(m, '|');
  for (size_t i = 0; i < ncols; i++) puts_(m, " --- |");
  for (row = row->next; row && !cc_buf_drain(m->out); row = row->next) {
    newline(m);
    table_row(m, row, ncols);
  }
}

static void rule(md *m) {
  block_start(m);
  puts_(m, begin_line(m) ? "___" : "---");
}

static void list_open(md *m, const cc_bev *ev) {
  block_start(m);
  mframe *p = top(m);
  int kind = ev->ordered ? 2 : 1;
  char delim = ev->ordered ? '.' : '-';
  if (p->last_list == kind && p->last_list_lines == m->nlines)
    delim = p->last_delim == '.' ? ')' : p->last_delim == ')' ? '.' : p->last_delim == '-' ? '*' : '-';
  mframe *f = push_frame(m, MF_LIST);
  f->tight = (unsigned char)ev->tight;
  f->ordered = (unsigned char)ev->ordered;
  f->delim = delim;
  long s = ev->start;
  f->num = s < 0 ? 0 : s > 999999999 ? 999999999 : s;
}

static void list_close(md *m) {
  mframe *f = top(m);
  int kind = f->ordered ? 2 : 1;
  char delim = f->delim;
  pop_frame(m);
  mframe *p = top(m);
  p->last_list = (unsigned char)kind;
  p->last_delim = delim;
  p->last_list_lines = m->nlines;
}

static void item_open(md *m, const cc_ast *item) {
  mframe *l = top(m);
  if (l->wrote) {
    int want = l->tight ? 1 : 2;
    if (want > m->sep) m->sep = want;
  }
  char marker[16];
  if (l->ordered) {
    snprintf(marker, sizeof marker, "%ld%c ", l->num, l->delim);
    if (l->num < 999999999) l->num++;
  } else {
    snprintf(marker, sizeof marker, "%c ", l->delim);
  }
  int tight = l->tight;
  mframe *f = push_frame(m, MF_ITEM);
  f->tight = (unsigned char)tight;
  f->mlen = (unsigned char)strlen(marker);
  memcpy(f->marker, marker, f->mlen);
  if (item && item->type == CC_AST_ITEM && item->level)
    f->task = item->level == CC_ITEM_DONE ? "[x] " : "[ ] ";
}

static void item_close(md *m) {
  if (!top(m)->marker_done) { /* an empty item still shows its marker */
    begin_line(m);
    cc_buf_rtrim(m->out, " ");
  }
  pop_frame(m);
}

/* What goes before the body: the title as a heading (unless the body
 * opens with it), then the lead image (when the body has none). */
static void head(md *m, const cc_ast *doc, const cc_meta *meta) {
  if (!meta) return;
  cc_arena a;
  cc_arena_init(&a);
  unsigned fl = m->ro->flags;
  if ((fl & CC_RENDER_TITLE) && meta->title && *meta->title && !cc_starts_with_title(doc, meta->title)) {
    cc_ast *h = cc_ast_new(&a, CC_AST_HEADING);
    h->level = 1;
    cc_ast_add_text(&a, h, meta->title, strlen(meta->title));
    cc_bev ev = {CC_BEV_HEADING, h, h->first, h->last, 1, 0, 0, 0};
    leaf(m, &ev);
  }
  if ((fl & CC_RENDER_LEAD_IMAGE) && meta->image && !cc_ast_has_image(doc)) {
    cc_ast *p = cc_ast_new(&a, CC_AST_PARAGRAPH);
    cc_ast *im = cc_ast_new(&a, CC_AST_IMAGE);
    im->url = meta->image;
    im->text = "";
    cc_ast_append(p, im);
    cc_bev ev = {CC_BEV_PARA, p, p->first, p->last, 0, 0, 0, 0};
    leaf(m, &ev);
  }
  cc_arena_free(&a);
}

void cc_render_md(const cc_ast *doc, const cc_meta *meta, const cc_render_options *ro,
                  cc_buf *out) {
  cc_render_options defaults;
  if (!ro) {
    cc_render_options_init(&defaults);
    ro = &defaults;
  }
  md m;
  memset(&m, 0, sizeof m);
  m.out = out;
  m.ro = ro;
  m.obsidian = ro->md_flavor == CC_MD_OBSIDIAN;
  push_frame(&m, MF_DOC);

  if (ro->flags & CC_RENDER_FRONT_MATTER) { /* its word count is the txt body's */
    cc_buf txt = CC_BUF_INIT;
    cc_render_txt(doc, &txt);
    cc_render_front_matter(meta, txt.data ? txt.data : "", txt.len, ro, out);
    cc_buf_free(&txt);
  }
  head(&m, doc, meta);

  cc_bwalk w;
  cc_bev ev;
  cc_bwalk_init(&w, doc);
  while (!cc_buf_drain(out) && cc_bwalk_next(&w, &ev)) {
    switch (ev.kind) {
    case CC_BEV_PARA:
    case CC_BEV_HEADING:
      leaf(&m, &ev);
      break;
    case CC_BEV_CODE:
      code_block(&m, ev.node);
      break;
    case CC_BEV_RULE:
      rule(&m);
      break;
    case CC_BEV_TABLE:
      table(&m, ev.node);
      break;
    case CC_BEV_QUOTE:
      block_start(&m);
      push_frame(&m, MF_QUOTE);
      break;
    case CC_BEV_QUOTE_END:
      pop_frame(&m);
      break;
    case CC_BEV_LIST:
      list_open(&m, &ev);
      break;
    case CC_BEV_LIST_END:
      list_close(&m);
      break;
    case CC_BEV_ITEM:
      item_open(&m, ev.node);
      break;
    case CC_BEV_ITEM_END:
      item_close(&m);
      break;
    }
  }
  cc_bwalk_free(&w);
  if (m.started) putc_(&m, '\n');
  cc_mfree(m.fr);
  cc_mfree(m.tk);
  cc_mfree(m.co);
  cc_mfree(m.eo);
  cc_buf_free(&m.scratch);
}
