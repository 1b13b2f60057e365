/* render_front.c — the YAML front matter of a Markdown clipping (see
 * render.h): what notes apps (Obsidian, Logseq, Joplin, static sites) read
 * as the note's properties.
 *
 *   ---
 *   title: "The budget vote is delayed"
 *   source: "https://example.org/news/budget"
 *   author: "Jane Doe and John Roe"
 *   published: 2025-02-04
 *   modified: 2025-02-05T10:00:00Z
 *   site: "The Daily Planet"
 *   language: "en"
 *   description: "..."
 *   image: "https://example.org/budget.jpg"
 *   tags:
 *     - "budget"
 *   word_count: 812
 *   clipped: 2026-12-07T10:00:00Z
 *   ---
 *
 * A field the page does not give is left out. Strings are written in
 * YAML's double-quoted style, escaped so that any text parses back to
 * itself: backslash and quote, line breaks and every character YAML
 * refuses or reads as a break (C0 and C1 controls, DEL, U+2028, U+2029,
 * U+FEFF) as escapes, ill-formed UTF-8 as U+FFFD. Dates, which are ours
 * (ISO 8601, meta_date.c), and the word count go unquoted, so that apps
 * read them as dates and numbers. The Obsidian flavor names the clipping
 * time `created` and writes the author as a list, as Obsidian's Web
 * Clipper does.
 */
#include <string.h>

#include "lang.h"
#include "render.h"
#include "render_util.h"

/* A YAML double-quoted scalar. */
static void put_quoted(cc_buf *out, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = strlen(s);
  cc_buf_putc(out, '"');
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t l = cc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!l) { /* ill-formed: U+FFFD */
      cc_buf_puts(out, "\xef\xbf\xbd");
      i++;
      continue;
    }
    switch (cp) {
    case '"': cc_buf_puts(out, "\\\""); break;
    case '\\': cc_buf_puts(out, "\\\\"); break;
    case '\n': cc_buf_puts(out, "\\n"); break;
    case '\r': cc_buf_puts(out, "\\r"); break;
    case '\t': cc_buf_puts(out, "\\t"); break;
    default:
      if (cp < 0x20 || cp == 0x7f) {
        char e[5] = {'\\', 'x', hex[cp >> 4], hex[cp & 15], 0};
        cc_buf_puts(out, e);
      } else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
                 cp == 0xfffe || cp == 0xffff) {
        char e[7] = {'\\', 'u', hex[cp >> 12], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15],
                     hex[cp & 15], 0};
        cc_buf_puts(out, e);
      } else {
        cc_buf_put(out, s + i, l);
      }
      break;
    }
    i += l;
  }
  cc_buf_putc(out, '"');
}

static void field(cc_buf *out, const char *key, const char *v) {
  if (!v || !*v) return;
  cc_buf_puts(out, key);
  cc_buf_puts(out, ": ");
  put_quoted(out, v);
  cc_buf_putc(out, '\n');
}

/* A date as we write them (YYYY-MM-DD[THH:MM:SS[Z|+HH:MM]]): unquoted; any
 * other value (there should be none) quoted. */
static void date_field(cc_buf *out, const char *key, const char *v) {
  if (!v || !*v) return;
  int ours = strlen(v) >= 10 && strlen(v) <= 25;
  for (const char *p = v; *p && ours; p++) ours = strchr("0123456789-:TZ+", *p) != NULL;
  if (!ours) {
    field(out, key, v);
    return;
  }
  cc_buf_printf(out, "%s: %s\n", key, v);
}

/* Post-nominal letters ("MS", "Ph.D."): they stay with the name before. */
static int letters_after_name(const char *s, size_t n) {
  if (!n || n > 8) return 0;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.' || (i && s[i] >= 'a' && s[i] <= 'z')))
      return 0;
  return s[0] >= 'A' && s[0] <= 'Z';
}

/* "Jane Doe, John Roe and Ann Poe" as a YAML list of names. */
static void author_list(cc_buf *out, const char *a) {
  static const char *const seps[] = {", ", " and ", " & ", " und ", " et ", " y ", " e ", " en "};
  cc_buf_puts(out, "author:\n");
  cc_buf name = CC_BUF_INIT;
  for (const char *p = a; *p;) {
    size_t best = strlen(p), sl = 0;
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
      const char *c = strstr(p, seps[k]);
      if (c && (size_t)(c - p) < best) best = (size_t)(c - p), sl = strlen(seps[k]);
    }
    const char *q = p;
    size_t n = best;
    if (n > 4 && !strncmp(q, "and ", 4)) q += 4, n -= 4; /* "A, B, and C" */
    if (name.len && letters_after_name(q, n)) {
      cc_buf_puts(&name, ", ");
      cc_buf_put(&name, q, n);
    } else if (n) {
      if (name.len) {
        cc_buf_puts(out, "  - ");
        put_quoted(out, name.data);
        cc_buf_putc(out, '\n');
      }
      cc_buf_clear(&name);
      cc_buf_put(&name, q, n);
    }
    p += best + sl;
  }
  if (name.len) {
    cc_buf_puts(out, "  - ");
    put_quoted(out, name.data);
    cc_buf_putc(out, '\n');
  }
  cc_buf_free(&name);
}

void cc_render_front_matter(const cc_meta *meta, const char *text, size_t text_len,
                            const cc_render_options *ro, cc_buf *out) {
  static const cc_meta none = {0};
  if (!meta) meta = &none;
  int obsidian = ro && ro->md_flavor == CC_MD_OBSIDIAN;
  cc_buf_puts(out, "---\n");
  field(out, "title", meta->title);
  field(out, "source", meta->url);
  if (obsidian && meta->author) author_list(out, meta->author);
  else field(out, "author", meta->author);
  const char *pub = meta->published ? meta->published : meta->date;
  date_field(out, "published", pub);
  if (!pub || !meta->modified || strcmp(pub, meta->modified)) /* "updated" the same day */
    date_field(out, "modified", meta->modified);
  field(out, "site", meta->site_name);
  field(out, "language", meta->language);
  field(out, "description", meta->description);
  field(out, "image", meta->image);
  if (meta->ntags) {
    cc_buf_puts(out, "tags:\n");
    for (size_t i = 0; i < meta->ntags; i++) {
      cc_buf_puts(out, "  - ");
      put_quoted(out, meta->tags[i]);
      cc_buf_putc(out, '\n');
    }
  }
  if (text) cc_buf_printf(out, "word_count: %zu\n", cc_word_count(text, text_len));
  if (ro && ro->clipped) date_field(out, obsidian ? "created" : "clipped", ro->clipped);
  cc_buf_puts(out, "---\n");
}
