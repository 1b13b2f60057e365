/* render_html.c — a minimal, valid HTML5 document holding the article.
 *
 * <head> has the charset, a <title> (the page title, else the first
 * heading, else "Untitled"), and author, date, description and canonical
 * URL when known. <body><article> opens with <h1> title unless the body
 * already starts with that heading, then the body as plain semantic HTML:
 * p, h1-h6, ul/ol (start) /li, blockquote, pre>code (class language-x),
 * table (thead for the table's header rows, tbody, rows padded to the grid
 * width with empty cells, colspan kept; at most CC_MAX_COLS columns, cells
 * past the last joining it), hr, a, img, em, strong, code, br;
 * del, sup, sub, mark; dl/dt/dd; task items with a disabled checkbox;
 * footnote references as <sup><a href="#fn-1">1</a></sup> and notes as
 * <p class="footnote" id="fn-1">; captions and embeds as paragraphs of
 * class "caption" and "embed".
 *
 * It holds what render_md writes, as a CommonMark reader would render
 * that Markdown (the tests check this against cmark-gfm): items of tight
 * lists hold their text without <p>; links and emphasis with nothing
 * visible inside, line breaks at the edges of a paragraph, and quotes or
 * lists that show nothing are left out. (Where Markdown cannot follow:
 * a line break inside a heading, a table without header rows.)
 *
 * All text and attribute values pass through html_put (escaping & < >,
 * and " ' in attributes; ill-formed UTF-8 becomes U+FFFD; control
 * characters and noncharacters, which HTML forbids, are dropped). URLs
 * pass through html_url, which also percent-encodes what a URL may not
 * hold (spaces, controls, quotes, <>\^`{|}, a stray %).
 */
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "render_util.h"

static int forbidden_cp(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
         (cp & 0xFFFE) == 0xFFFE;
}

static void html_put(cc_buf *out, const char *s, size_t n, int attr) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, run = 0;
  uint32_t cp;
  cc_buf_reserve(out, n);
  while (i < n) {
    unsigned c = u[i];
    if (c >= 0x80) {
      size_t k = cc_utf8_decode(u + i, n - i, &cp);
      if (k && !forbidden_cp(cp)) {
        i += k;
        continue;
      }
      cc_buf_put(out, s + run, i - run);
      if (k) {
        i += k; /* a C1 control or noncharacter: dropped */
      } else {
        cc_utf8_put_cp(out, 0xFFFD);
        i++;
      }
      run = i;
      continue;
    }
    const char *rep;
    if (c == '&')
      rep = "&amp;";
    else if (c == '<')
      rep = "&lt;";
    else if (c == '>')
      rep = "&gt;";
    else if (attr && c == '"')
      rep = "&quot;";
    else if (attr && c == '\'')
      rep = "&#39;";
    else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
      rep = ""; /* control characters are not allowed in HTML */
    else {
      i++;
      continue;
    }
    cc_buf_put(out, s + run, i - run);
    cc_buf_puts(out, rep);
    run = ++i;
  }
  cc_buf_put(out, s + run, i - run);
}

static void html_puts(cc_buf *out, const char *s, int attr) { html_put(out, s, strlen(s), attr); }

static int is_hex(int c) {
  return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'f');
}

/* A URL as an attribute value. */
static void html_url(cc_buf *out, const char *url) {
  const unsigned char *u = (const unsigned char *)url;
  size_t n = strlen(url);
  uint32_t cp;
  for (size_t i = 0; i < n;) {
    unsigned c = u[i];
    if (c <= 0x20 || c == 0x7F || strchr("\"<>\\^`{|}", (int)c) ||
        (c == '%' && !(i + 2 < n && is_hex(u[i + 1]) && is_hex(u[i + 2])))) {
      cc_buf_printf(out, "%%%02X", c);
      i++;
    } else if (c == '&') {
      cc_buf_puts(out, "&amp;");
      i++;
    } else if (c == '\'') {
      cc_buf_puts(out, "&#39;");
      i++;
    } else if (c >= 0x80) {
      size_t k = cc_utf8_decode(u + i, n - i, &cp);
      if (k && !forbidden_cp(cp)) {
        cc_buf_put(out, url + i, k);
        i += k;
      } else {
        cc_buf_printf(out, "%%%02X", c);
        i++;
      }
    } else {
      cc_buf_putc(out, (char)c);
      i++;
    }
  }
}

/* A fresh line before a block tag. */
static void nl(cc_buf *out) {
  if (out->len && out->data[out->len - 1] != '\n') cc_buf_putc(out, '\n');
}

/* A text attribute (alt, title): whitespace collapsed; left out when
 * empty unless `always`. */
static void text_attr(cc_buf *out, const char *name, const char *s, size_t n, int always) {
  cc_buf v = CC_BUF_INIT;
  if (s) cc_put_collapsed(&v, s, n);
  if (v.len || always) {
    cc_buf_printf(out, " %s=\"", name);
    html_put(out, v.data ? v.data : "", v.len, 1);
    cc_buf_putc(out, '"');
  }
  cc_buf_free(&v);
}

static int blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f') return 0;
  return 1;
}

/* The same inline content md can write: links and emphasis with nothing
 * visible inside lose their tags (whatever they hold is as empty, so one
 * pointer marks the outermost left out), and line breaks count only
 * between visible content (a break before an end tag moves after it). */
static const char *span_tag(const cc_ast *n) {
  switch (n->level) {
  case CC_SPAN_DEL: return "del";
  case CC_SPAN_SUP: return "sup";
  case CC_SPAN_SUB: return "sub";
  case CC_SPAN_MARK: return "mark";
  default: return "span";
  }
}

static void inlines(cc_buf *out, const cc_ast *first, const cc_ast *last,
                    const cc_render_options *ro) {
  cc_iwalk w;
  cc_iev ev;
  const cc_ast *skipping = NULL;
  int started = 0, breaks = 0;
  cc_iwalk_init(&w, first, last);
  while (cc_iwalk_next(&w, &ev)) {
    const cc_ast *n = ev.node;
    int wrapper = ev.kind >= CC_IEV_LINK; /* LINK .. STRONG_END */
    int opens = ev.kind == CC_IEV_LINK || ev.kind == CC_IEV_EMPH || ev.kind == CC_IEV_STRONG ||
                ev.kind == CC_IEV_SPAN;
    if (wrapper) {
      if (!skipping && opens && !cc_inline_has_content(n->first, n->last)) skipping = n;
      if (skipping) {
        if (!opens && n == skipping) skipping = NULL;
        continue;
      }
    }
    if (ev.kind == CC_IEV_BREAK) {
      breaks += started;
      continue;
    }
    if (opens || ev.kind == CC_IEV_CODE || ev.kind == CC_IEV_IMAGE || ev.kind == CC_IEV_FNREF ||
        (ev.kind == CC_IEV_TEXT && !blank(ev.text, ev.len))) {
      for (; breaks; breaks--) cc_buf_puts(out, "<br>\n");
      started = 1;
    }
    switch (ev.kind) {
    case CC_IEV_TEXT:
      html_put(out, ev.text, ev.len, 0);
      break;
    case CC_IEV_CODE:
      cc_buf_puts(out, "<code>");
      html_put(out, ev.text, ev.len, 0);
      cc_buf_puts(out, "</code>");
      break;
    case CC_IEV_BREAK:
      break;
    case CC_IEV_SPACE:
      cc_buf_putc(out, ' ');
      break;
    case CC_IEV_IMAGE: {
      const char *u = n->url && ro && ro->image_url ? ro->image_url(n->url, ro->image_url_data) : NULL;
      cc_buf_puts(out, "<img src=\"");
      if (u || n->url) html_url(out, u ? u : n->url);
      cc_buf_putc(out, '"');
      text_attr(out, "alt", n->text, n->text ? n->len : 0, 1);
      text_attr(out, "title", n->title, n->title ? strlen(n->title) : 0, 0);
      cc_buf_putc(out, '>');
      break;
    }
    case CC_IEV_FNREF:
      cc_buf_puts(out, "<sup><a href=\"#fn-");
      html_put(out, ev.text, ev.len, 1);
      cc_buf_puts(out, "\">");
      html_put(out, ev.text, ev.len, 0);
      cc_buf_puts(out, "</a></sup>");
      break;
    case CC_IEV_SPAN:
      cc_buf_printf(out, "<%s>", span_tag(n));
      break;
    case CC_IEV_SPAN_END:
      cc_buf_printf(out, "</%s>", span_tag(n));
      break;
    case CC_IEV_LINK:
      cc_buf_puts(out, "<a href=\"");
      html_url(out, n->url);
      cc_buf_putc(out, '"');
      text_attr(out, "title", n->title, n->title ? strlen(n->title) : 0, 0);
      cc_buf_putc(out, '>');
      break;
    case CC_IEV_LINK_END:
      cc_buf_puts(out, "</a>");
      break;
    case CC_IEV_EMPH:
      cc_buf_puts(out, "<em>");
      break;
    case CC_IEV_EMPH_END:
      cc_buf_puts(out, "</em>");
      break;
    case CC_IEV_STRONG:
      cc_buf_puts(out, "<strong>");
      break;
    case CC_IEV_STRONG_END:
      cc_buf_puts(out, "</strong>");
      break;
    }
  }
}

/* A row padded to ncols cells; cells past the grid's last column join it
 * (after a space). */
static void table_row(cc_buf *out, const cc_ast *row, size_t ncols, int head) {
  const cc_ast *c, *stop;
  size_t col = 0;
  const char *close = NULL; /* of the cell written last, still open */
  cc_row_cells(row, &c, &stop);
  cc_buf_puts(out, "<tr>");
  for (; c != stop; c = c->next) {
    const cc_ast *a, *b;
    cc_cell_content(c, &a, &b);
    int span = cc_cell_place(&col, ncols, c);
    if (!span) {
      if (cc_inline_has_content(a, b)) cc_buf_putc(out, ' ');
      inlines(out, a, b, NULL);
      continue;
    }
    if (close) cc_buf_puts(out, close);
    int th = cc_cell_is_header(c);
    cc_buf_puts(out, th ? "<th" : "<td");
    if (span > 1) cc_buf_printf(out, " colspan=\"%d\"", span);
    cc_buf_putc(out, '>');
    inlines(out, a, b, NULL);
    close = th ? "</th>" : "</td>";
  }
  if (close) cc_buf_puts(out, close);
  for (; col < ncols; col++) cc_buf_puts(out, head ? "<th></th>" : "<td></td>");
  cc_buf_puts(out, "</tr>\n");
}

static void table(cc_buf *out, const cc_ast *t) {
  size_t ncols = cc_table_cols(t);
  if (!ncols) return;
  size_t head = cc_table_header_rows(t), i = 0;
  nl(out);
  cc_buf_puts(out, "<table>\n");
  const cc_ast *row = t->first;
  if (head) {
    cc_buf_puts(out, "<thead>\n");
    for (; row && i < head && !cc_buf_drain(out); row = row->next, i++)
      table_row(out, row, ncols, 1);
    cc_buf_puts(out, "</thead>\n");
  }
  if (row) {
    cc_buf_puts(out, "<tbody>\n");
    for (; row && !cc_buf_drain(out); row = row->next) table_row(out, row, ncols, 0);
    cc_buf_puts(out, "</tbody>\n");
  }
  cc_buf_puts(out, "</table>\n");
}

static void code_block(cc_buf *out, const cc_ast *n) {
  nl(out);
  cc_buf_puts(out, "<pre><code");
  const char *info = n->title;
  if (info) {
    while (*info == ' ' || *info == '\t') info++;
    size_t il = strcspn(info, " \t\r\n");
    if (il) {
      cc_buf_puts(out, " class=\"language-");
      html_put(out, info, il, 1);
      cc_buf_putc(out, '"');
    }
  }
  cc_buf_putc(out, '>');
  if (n->text) html_put(out, n->text, n->len, 0);
  cc_buf_puts(out, "</code></pre>\n");
}

static void meta_tag(cc_buf *out, const char *name, const char *value) {
  if (!value || !*value) return;
  cc_buf_printf(out, "<meta name=\"%s\" content=\"", name);
  html_puts(out, value, 1);
  cc_buf_puts(out, "\">\n");
}

/* The first heading's text, for a <title> when the page has none. */
static void first_heading(const cc_ast *doc, cc_buf *out) {
  cc_bwalk w;
  cc_bev ev;
  cc_bwalk_init(&w, doc);
  while (cc_bwalk_next(&w, &ev)) {
    if (ev.kind != CC_BEV_HEADING) continue;
    cc_inline_plain(ev.first, ev.last, out);
    if (out->len) break;
  }
  cc_bwalk_free(&w);
}

/* Quotes are opened lazily: a quote that shows nothing is left out (md has
 * no way to write one). Unwritten quotes are always the innermost open
 * ones, so counting suffices. */
typedef struct quotes {
  size_t open, written;
} quotes;

static void show(cc_buf *out, quotes *q) {
  for (; q->written < q->open; q->written++) {
    nl(out);
    cc_buf_puts(out, "<blockquote>\n");
  }
}

/* A definition list's term or definition (dl is opened by the first of a
 * run of them, closed after the last). */
static int defs(const cc_ast *n) {
  return n && n->type == CC_AST_PARAGRAPH && (n->level == CC_PARA_TERM || n->level == CC_PARA_DEF);
}

static void paragraph(cc_buf *out, const cc_bev *ev, const cc_render_options *ro) {
  const cc_ast *p = ev->node && ev->node->type == CC_AST_PARAGRAPH ? ev->node : NULL;
  int role = p ? p->level : CC_PARA_TEXT;
  if (ev->tight && role == CC_PARA_TEXT) { /* in a tight list item: bare text */
    inlines(out, ev->first, ev->last, ro);
    return;
  }
  nl(out);
  switch (role) {
  case CC_PARA_TERM:
  case CC_PARA_DEF:
    if (!defs(p->prev)) cc_buf_puts(out, "<dl>\n");
    cc_buf_puts(out, role == CC_PARA_TERM ? "<dt>" : "<dd>");
    inlines(out, ev->first, ev->last, ro);
    cc_buf_puts(out, role == CC_PARA_TERM ? "</dt>\n" : "</dd>\n");
    if (!defs(p->next)) cc_buf_puts(out, "</dl>\n");
    return;
  case CC_PARA_FOOTNOTE:
    cc_buf_puts(out, "<p class=\"footnote\" id=\"fn-");
    if (p->text) html_put(out, p->text, p->len, 1);
    cc_buf_puts(out, "\"><sup>");
    if (p->text) html_put(out, p->text, p->len, 0);
    cc_buf_puts(out, "</sup> ");
    break;
  case CC_PARA_CAPTION: cc_buf_puts(out, "<p class=\"caption\">"); break;
  case CC_PARA_EMBED: cc_buf_puts(out, "<p class=\"embed\">"); break;
  default: cc_buf_puts(out, "<p>"); break;
  }
  inlines(out, ev->first, ev->last, ro);
  cc_buf_puts(out, "</p>\n");
}

static void body(cc_buf *out, const cc_ast *doc, const cc_render_options *ro) {
  cc_bwalk w;
  cc_bev ev;
  quotes q = {0, 0};
  cc_bwalk_init(&w, doc);
  while (!cc_buf_drain(out) && cc_bwalk_next(&w, &ev)) {
    switch (ev.kind) {
    case CC_BEV_PARA:
      if (!cc_inline_has_content(ev.first, ev.last)) break;
      show(out, &q);
      paragraph(out, &ev, ro);
      break;
    case CC_BEV_HEADING:
      if (!cc_inline_has_content(ev.first, ev.last)) break;
      show(out, &q);
      nl(out);
      cc_buf_printf(out, "<h%d>", ev.level);
      inlines(out, ev.first, ev.last, ro);
      cc_buf_printf(out, "</h%d>\n", ev.level);
      break;
    case CC_BEV_CODE:
      show(out, &q);
      code_block(out, ev.node);
      break;
    case CC_BEV_RULE:
      show(out, &q);
      nl(out);
      cc_buf_puts(out, "<hr>\n");
      break;
    case CC_BEV_TABLE:
      if (!cc_table_cols(ev.node)) break;
      show(out, &q);
      table(out, ev.node);
      break;
    case CC_BEV_QUOTE:
      q.open++;
      break;
    case CC_BEV_QUOTE_END:
      if (q.written == q.open) {
        nl(out);
        cc_buf_puts(out, "</blockquote>\n");
        q.written--;
      }
      q.open--;
      break;
    case CC_BEV_LIST: /* a list without items shows nothing */
      if (!ev.node->first) break;
      show(out, &q);
      nl(out);
      if (!ev.ordered)
        cc_buf_puts(out, "<ul>\n");
      else if (ev.start != 1)
        cc_buf_printf(out, "<ol start=\"%ld\">\n", ev.start);
      else
        cc_buf_puts(out, "<ol>\n");
      break;
    case CC_BEV_LIST_END:
      if (!ev.node->first) break;
      nl(out);
      cc_buf_puts(out, ev.node->level ? "</ol>\n" : "</ul>\n");
      break;
    case CC_BEV_ITEM:
      nl(out);
      cc_buf_puts(out, "<li>");
      if (ev.node->type == CC_AST_ITEM && ev.node->level)
        cc_buf_puts(out, ev.node->level == CC_ITEM_DONE
                             ? "<input type=\"checkbox\" disabled checked> "
                             : "<input type=\"checkbox\" disabled> ");
      break;
    case CC_BEV_ITEM_END:
      cc_buf_puts(out, "</li>\n");
      break;
    }
  }
  cc_bwalk_free(&w);
}

void cc_render_html(const cc_ast *doc, const cc_meta *meta, const cc_render_options *ro,
                    cc_buf *out) {
  static const cc_meta none = {0};
  if (!meta) meta = &none;
  (void)ro; /* images, links and tables are settled in the tree (render.c) */
  cc_buf title = CC_BUF_INIT, lang = CC_BUF_INIT;
  if (meta->title) cc_put_collapsed(&title, meta->title, strlen(meta->title));
  int has_title = title.len > 0;
  if (meta->language) cc_put_collapsed(&lang, meta->language, strlen(meta->language));

  cc_buf_puts(out, "<!DOCTYPE html>\n<html");
  if (lang.len) {
    cc_buf_puts(out, " lang=\"");
    html_put(out, lang.data, lang.len, 1);
    cc_buf_putc(out, '"');
  }
  cc_buf_puts(out, ">\n<head>\n<meta charset=\"utf-8\">\n<title>");
  if (has_title) {
    html_put(out, title.data, title.len, 0);
  } else {
    cc_buf h = CC_BUF_INIT;
    first_heading(doc, &h);
    if (!h.len && meta->site_name) cc_put_collapsed(&h, meta->site_name, strlen(meta->site_name));
    if (h.len)
      html_put(out, h.data, h.len, 0);
    else
      cc_buf_puts(out, "Untitled");
    cc_buf_free(&h);
  }
  cc_buf_puts(out, "</title>\n");
  meta_tag(out, "author", meta->author);
  meta_tag(out, "date", meta->date);
  meta_tag(out, "description", meta->description);
  if (meta->url && *meta->url) {
    cc_buf_puts(out, "<link rel=\"canonical\" href=\"");
    html_url(out, meta->url);
    cc_buf_puts(out, "\">\n");
  }
  cc_buf_puts(out, "</head>\n<body>\n<article>\n");
  if (has_title && !cc_starts_with_title(doc, title.data)) {
    cc_buf_puts(out, "<h1>");
    html_put(out, title.data, title.len, 0);
    cc_buf_puts(out, "</h1>\n");
  }
  if (ro && (ro->flags & CC_RENDER_LEAD_IMAGE) && meta->image && !cc_ast_has_image(doc)) {
    const char *u = ro->image_url ? ro->image_url(meta->image, ro->image_url_data) : NULL;
    cc_buf_puts(out, "<p><img src=\"");
    html_url(out, u ? u : meta->image);
    cc_buf_puts(out, "\" alt=\"\"></p>\n");
  }
  body(out, doc, ro);
  nl(out);
  cc_buf_puts(out, "</article>\n</body>\n</html>\n");
  cc_buf_free(&title);
  cc_buf_free(&lang);
}
