/* render_txt.c — plain text: paragraphs separated by a blank line;
 * headings, list items ("- " or "1. " markers, two spaces of indentation
 * per nesting level), quotes and table rows (cells joined with " | ") each
 * on their own line; code blocks verbatim. Links and emphasis are reduced
 * to their text, images and rules left out. Inside a list item, blocks
 * follow each other on the next line, indented under the item's text.
 * Superscripts and subscripts are set apart from the word they follow:
 * as the Unicode superscript or subscript characters when all of theirs
 * have one ("mc²", "H₂O"), else after "^" or "_" ("x^n+1"); a footnote
 * reference reads "[1]", its note "[1] text". A task item reads "- [x]".
 * Embeds and figure captions are left out (captions are kept, as their own
 * paragraphs, with CC_TXT_CAPTIONS).
 * This is what cc_result_text() holds and what the quality bench scores.
 */
#include <stdlib.h>
#include <string.h>

#include "oom.h"
#include "render.h"
#include "render_util.h"

typedef struct txt {
  cc_buf *out;
  unsigned flags;   /* CC_TXT_* */
  cc_buf span;      /* a superscript's or subscript's text, while open */
  int span_kind, span_depth;
  size_t items;     /* open list items: continuation indent is 2 * items */
  int marker_open;  /* an item marker was written; its line takes text */
  int list_first;   /* the next item is the first of its list */
  size_t start;     /* where this rendering began in out */
  struct tlist { long num; int ordered; } *lists; /* open lists */
  size_t nlists, cap;
} txt;

static void indent(txt *t, size_t levels) {
  for (size_t i = 0; i < levels; i++) cc_buf_puts(t->out, "  ");
}

static void newline(txt *t) {
  cc_buf_rtrim(t->out, " ");
  cc_buf_putc(t->out, '\n');
  indent(t, t->items);
}

/* Starts a block on a fresh line: after a blank line at the top level, on
 * the next line inside list items. A paragraph may instead continue the
 * line its item's marker opened. */
static void start_block(txt *t, int joins_marker) {
  if (t->marker_open && joins_marker) {
    t->marker_open = 0;
    return;
  }
  t->marker_open = 0;
  if (t->out->len <= t->start) return;
  cc_buf_rtrim(t->out, " \n");
  cc_buf_puts(t->out, t->items ? "\n" : "\n\n");
  indent(t, t->items);
}

/* Text as given; a line break inside it keeps the indentation. In a table
 * cell (one_line) line breaks become spaces. Inline text (not verbatim)
 * drops a leading space where one already stands or a line starts. */
static void put_text(txt *t, const char *s, size_t n, int one_line, int verbatim) {
  cc_buf *out = t->out;
  while (!verbatim && n && *s == ' ' &&
         (!out->len || out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\n')) {
    s++;
    n--;
  }
  const char *nl;
  while (n && (nl = memchr(s, '\n', n))) {
    cc_buf_put(out, s, (size_t)(nl - s));
    if (one_line)
      cc_buf_putc(out, ' ');
    else
      newline(t);
    n -= (size_t)(nl - s) + 1;
    s = nl + 1;
  }
  cc_buf_put(out, s, n);
}

/* Superscript and subscript forms (UTF-8) of the characters that have
 * one: digits, + - = ( ), and the letters n and i. Data. */
static const char *const sup_forms[] = {
    "\xe2\x81\xb0", "\xc2\xb9", "\xc2\xb2", "\xc2\xb3", "\xe2\x81\xb4", "\xe2\x81\xb5",
    "\xe2\x81\xb6", "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9"};
static const char *const sub_forms[] = {
    "\xe2\x82\x80", "\xe2\x82\x81", "\xe2\x82\x82", "\xe2\x82\x83", "\xe2\x82\x84",
    "\xe2\x82\x85", "\xe2\x82\x86", "\xe2\x82\x87", "\xe2\x82\x88", "\xe2\x82\x89"};
static const char sign_chars[] = "+-=()";
static const char *const sup_signs[] = {"\xe2\x81\xba", "\xe2\x81\xbb", "\xe2\x81\xbc",
                                        "\xe2\x81\xbd", "\xe2\x81\xbe"};
static const char *const sub_signs[] = {"\xe2\x82\x8a", "\xe2\x82\x8b", "\xe2\x82\x8c",
                                        "\xe2\x82\x8d", "\xe2\x82\x8e"};

static const char *script_form(char c, int sup) {
  if (c >= '0' && c <= '9') return sup ? sup_forms[c - '0'] : sub_forms[c - '0'];
  const char *k = c ? strchr(sign_chars, c) : NULL;
  if (k) return sup ? sup_signs[k - sign_chars] : sub_signs[k - sign_chars];
  if (sup && c == 'n') return "\xe2\x81\xbf";
  if (sup && c == 'i') return "\xe2\x81\xb1";
  return NULL;
}

/* A finished superscript or subscript: its characters' own forms when
 * they all have one, else "^" / "_" and the text (in parentheses when it
 * holds a space). */
static void put_script(txt *t, int one_line) {
  const char *s = t->span.data ? t->span.data : "";
  size_t n = t->span.len, a = 0;
  while (a < n && s[a] == ' ') a++;
  while (n > a && s[n - 1] == ' ') n--;
  if (n == a) return;
  int sup = t->span_kind == CC_SPAN_SUP, all = 1;
  for (size_t i = a; i < n && all; i++) all = script_form(s[i], sup) != NULL;
  cc_buf tmp = CC_BUF_INIT;
  if (all) {
    for (size_t i = a; i < n; i++) cc_buf_puts(&tmp, script_form(s[i], sup));
  } else {
    int paren = memchr(s + a, ' ', n - a) != NULL;
    cc_buf_puts(&tmp, sup ? "^" : "_");
    if (paren) cc_buf_putc(&tmp, '(');
    cc_buf_put(&tmp, s + a, n - a);
    if (paren) cc_buf_putc(&tmp, ')');
  }
  put_text(t, tmp.data, tmp.len, one_line, 0);
  cc_buf_free(&tmp);
}

static void inlines(txt *t, const cc_ast *first, const cc_ast *last, int one_line) {
  cc_iwalk w;
  cc_iev ev;
  cc_iwalk_init(&w, first, last);
  while (cc_iwalk_next(&w, &ev)) {
    if (t->span_depth) { /* inside a superscript or subscript: gathered */
      if (ev.kind == CC_IEV_SPAN) t->span_depth++;
      else if (ev.kind == CC_IEV_SPAN_END && --t->span_depth == 0) put_script(t, one_line);
      else if (ev.kind == CC_IEV_TEXT || ev.kind == CC_IEV_CODE) cc_buf_put(&t->span, ev.text, ev.len);
      else if (ev.kind == CC_IEV_SPACE || ev.kind == CC_IEV_BREAK) cc_buf_putc(&t->span, ' ');
      continue;
    }
    switch (ev.kind) {
    case CC_IEV_TEXT:
    case CC_IEV_CODE:
      put_text(t, ev.text, ev.len, one_line, 0);
      break;
    case CC_IEV_SPAN:
      if (ev.node->level == CC_SPAN_SUP || ev.node->level == CC_SPAN_SUB) {
        t->span_kind = ev.node->level;
        t->span_depth = 1;
        cc_buf_clear(&t->span);
      }
      break;
    case CC_IEV_FNREF:
      cc_buf_putc(t->out, '[');
      cc_buf_put(t->out, ev.text, ev.len);
      cc_buf_putc(t->out, ']');
      break;
    case CC_IEV_BREAK:
      if (one_line)
        put_text(t, " ", 1, 1, 0);
      else
        newline(t);
      break;
    case CC_IEV_SPACE:
      put_text(t, " ", 1, 1, 0);
      break;
    default: /* images are left out; links and emphasis give their text */
      break;
    }
  }
}

static void table(txt *t, const cc_ast *tab) {
  int first = 1;
  for (const cc_ast *row = tab->first; row && !cc_buf_drain(t->out); row = row->next) {
    if (first)
      start_block(t, 0);
    else
      newline(t);
    first = 0;
    const cc_ast *c, *stop;
    cc_row_cells(row, &c, &stop);
    for (int fc = 1; c != stop; c = c->next, fc = 0) {
      if (!fc) cc_buf_puts(t->out, " | ");
      const cc_ast *a, *b;
      cc_cell_content(c, &a, &b);
      inlines(t, a, b, 1);
    }
  }
}

void cc_render_txt(const cc_ast *doc, cc_buf *out) { cc_render_txt_with(doc, 0, out); }

/* A paragraph txt leaves out: embeds, and captions unless asked for. */
static int left_out(const txt *t, const cc_bev *ev) {
  const cc_ast *n = ev->node;
  if (ev->kind != CC_BEV_PARA || !n || n->type != CC_AST_PARAGRAPH) return 0;
  return n->level == CC_PARA_EMBED || (n->level == CC_PARA_CAPTION && !(t->flags & CC_TXT_CAPTIONS));
}

void cc_render_txt_with(const cc_ast *doc, unsigned flags, cc_buf *out) {
  txt t;
  memset(&t, 0, sizeof t);
  t.out = out;
  t.flags = flags;
  t.start = out->len;
  cc_bwalk w;
  cc_bev ev;
  cc_bwalk_init(&w, doc);
  while (!cc_buf_drain(out) && cc_bwalk_next(&w, &ev)) {
    switch (ev.kind) {
    case CC_BEV_PARA:
    case CC_BEV_HEADING:
      if (left_out(&t, &ev)) break;
      start_block(&t, 1);
      if (ev.node && ev.node->type == CC_AST_PARAGRAPH && ev.node->level == CC_PARA_FOOTNOTE)
        cc_buf_printf(out, "[%s] ", ev.node->text ? ev.node->text : "");
      inlines(&t, ev.first, ev.last, 0);
      break;
    case CC_BEV_CODE:
      start_block(&t, 0);
      if (ev.node->text) put_text(&t, ev.node->text, ev.node->len, 0, 1);
      break;
    case CC_BEV_TABLE:
      table(&t, ev.node);
      break;
    case CC_BEV_LIST:
      if (t.nlists == t.cap) {
        t.cap = t.cap ? t.cap * 2 : 16;
        t.lists = cc_realloc(t.lists, t.cap * sizeof *t.lists);
      }
      t.lists[t.nlists].num = ev.start;
      t.lists[t.nlists++].ordered = ev.ordered;
      t.list_first = 1;
      break;
    case CC_BEV_LIST_END:
      t.nlists--;
      t.list_first = 0;
      break;
    case CC_BEV_ITEM: {
      /* the first item of a top-level list opens with a blank line */
      t.marker_open = 0;
      if (out->len > t.start) {
        cc_buf_rtrim(out, " \n");
        cc_buf_puts(out, t.list_first && !t.items ? "\n\n" : "\n");
      }
      t.list_first = 0;
      indent(&t, t.items);
      struct tlist *l = &t.lists[t.nlists - 1];
      if (l->ordered)
        cc_buf_printf(out, "%ld. ", l->num++);
      else
        cc_buf_puts(out, "- ");
      if (ev.node->type == CC_AST_ITEM && ev.node->level)
        cc_buf_puts(out, ev.node->level == CC_ITEM_DONE ? "[x] " : "[ ] ");
      t.items++;
      t.marker_open = 1;
      break;
    }
    case CC_BEV_ITEM_END:
      t.items--;
      t.marker_open = 0;
      break;
    default: /* rules; quotes read as their content */
      break;
    }
  }
  cc_bwalk_free(&w);
  cc_mfree(t.lists);
  cc_buf_free(&t.span);
  cc_buf_rtrim(out, " \n");
  if (out->len > t.start) cc_buf_putc(out, '\n');
}
