/* text_meta.c — what a clipping says about itself: its language, its
 * title, its author (see text.h).
 *
 * Language: the stopword profiles of lang.c over the whole text.
 * Title: a clipping usually opens with the page title (what a browser
 * copies first, what a "save as text" writes first): a short line that
 * is not a sentence, or any first line the text repeats further down.
 * It goes to the metadata, cleaned of markup debris ("<!-- -->") and of
 * a "| Site name" suffix; lines repeating it are marked so the body does
 * not carry the headline twice.
 * Byline: a "By Jane Doe" line near the start of the article, or a
 * signature — a bare name of two to five capitalised words — right after
 * its last paragraph.
 */
#include <string.h>

#include "normalize.h"
#include "text.h"

void cc_text_language(cc_tdoc *doc) {
  cc_script sc = CC_SCRIPT_NONE;
  doc->lang_tag = cc_lang_detect_script(doc->src, doc->srclen, &sc);
  doc->lang = cc_lang_index(doc->lang_tag);
  doc->script = sc;
}

/* ---- title ---------------------------------------------------------- */

/* Copies s[0..n) into out without <...> markup ("<!-- -->", "<b>") and
 * with whitespace collapsed; returns the length. */
static size_t clean_markup(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  int space = 1;
  for (size_t i = 0; i < n && o + 1 < cap; i++) {
    char c = s[i];
    char nx = i + 1 < n ? (char)(s[i + 1] | 0x20) : 0;
    if (c == '<' && (nx == '!' || nx == '/' || (nx >= 'a' && nx <= 'z'))) {
      const char *close = memchr(s + i, '>', n - i);
      if (close) {
        i = (size_t)(close - s);
        continue;
      }
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!space) out[o++] = ' ';
      space = 1;
      continue;
    }
    out[o++] = c;
    space = 0;
  }
  while (o && out[o - 1] == ' ') o--;
  out[o] = '\0';
  return o;
}

static unsigned count_words(const char *s, size_t n) {
  cc_words it;
  cc_token t;
  unsigned w = 0;
  cc_words_init(&it, s, n);
  while (cc_words_next(&it, &t)) w += t.kind != CC_TOK_SYM;
  return w;
}

/* Strips a trailing " | Site", " - Site", " – Site", " — Site", " :: Site",
 * " · Site", " » Site" when the part after the separator is short (a
 * name, not half the headline). Returns the new length. */
static size_t strip_site(char *t, size_t n) {
  static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                     " :: ", " \xC2\xB7 ", " \xC2\xBB ", " / "};
  size_t best = 0;
  for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
    size_t l = strlen(seps[k]);
    for (size_t i = n > l ? n - l : 0; i > 0; i--) {
      if (memcmp(t + i, seps[k], l)) continue;
      if (i > best) best = i;
      break;
    }
  }
  if (!best) return n;
  size_t after = best;
  while (after < n && t[after] == ' ') after++;
  while (after < n && t[after] != ' ') after++; /* the separator */
  unsigned sw = count_words(t + after, n - after), pw = count_words(t, best);
  /* "Title | Site" even for a one-word title: a pipe is no headline's */
  int pipe = t[best + 1] == '|';
  if (sw == 0 || sw > 5 || n - after > 48 || pw < (pipe ? 1u : 2u) || pw < sw) return n;
  while (best && t[best - 1] == ' ') best--;
  t[best] = '\0';
  return best;
}

/* Is the block shaped like a title: short, not a sentence, not a label? */
static int title_like(const cc_tblock *b) {
  if (b->bullet || b->boiler || !b->alpha || b->words > 30 || b->chars > 250 || b->colon)
    return 0;
  /* one question or exclamation is fine in a headline; a full stop not */
  if (b->punct > 1) return 0;
  if (b->punct == 1 && !(b->ends && (b->text[b->len - 1] == '?' || b->text[b->len - 1] == '!')))
    return 0;
  return 1;
}

/* The title, normalized once, to compare lines with. */
typedef struct norm_title {
  char s[1024];
  size_t len;
  unsigned words;
} norm_title;

static unsigned spaces(const char *s, size_t n) {
  unsigned w = 1;
  for (size_t i = 0; i < n; i++) w += s[i] == ' ';
  return w;
}

/* Does the line say the title, once normalized: the same, or the shorter
 * (of at least 4 words) opening or closing the longer one with at most
 * `extra` more words? */
static int repeats(const norm_title *t, const char *b, size_t bn, unsigned extra) {
  char y[1024];
  size_t xl = t->len, yl;
  if (!xl) return 0;
  /* cheap bounds first: the line cannot be far shorter or longer */
  if (bn < xl / 4 || bn > (xl + 16 * (extra + 1)) * 4) return 0;
  yl = cc_normalize(b, bn, y, sizeof y);
  if (!yl) return 0;
  if (xl == yl) return !memcmp(t->s, y, xl);
  const char *s = xl < yl ? t->s : y, *l = xl < yl ? y : t->s;
  size_t sl = xl < yl ? xl : yl, ll = xl < yl ? yl : xl;
  unsigned sw = xl < yl ? t->words : spaces(y, yl);
  if (sw < 4) return 0;
  unsigned lw = xl < yl ? spaces(y, yl) : t->words;
  if (lw > sw + extra) return 0;
  if (!memcmp(l, s, sl) && l[sl] == ' ') return 1;
  return !memcmp(l + ll - sl, s, sl) && l[ll - sl - 1] == ' ';
}

/* Markdown names its headline: the first level-1 heading that is not a
 * link (a site's logo often is one), else the first such heading of any
 * level near the top, else the first block. */
#define MD_TITLE_REACH 60
uint32_t cc_text_title_candidate(const cc_tdoc *doc) {
  if (!doc->markdown) return 0;
  uint32_t any = doc->n;
  for (uint32_t i = 0; i < doc->n && i < MD_TITLE_REACH; i++) {
    const cc_tblock *b = &doc->b[i];
    if (b->md != CC_TMD_HEADING || b->links >= 128) continue;
    if (b->level == 1) return i;
    if (any == doc->n) any = i;
  }
  return any < doc->n ? any : 0;
}

void cc_text_title(cc_arena *a, cc_tdoc *doc, cc_meta *meta) {
  doc->title_block = -1;
  if (!doc->n) return;
  uint32_t ti = cc_text_title_candidate(doc);
  cc_tblock *f = &doc->b[ti];
  char t[1024];
  size_t tl = clean_markup(f->text, f->len, t, sizeof t);
  size_t sl = strip_site(t, tl);
  /* the first line is the title when it looks like one, or when the text
   * repeats it (the headline under the page title) */
  norm_title nt;
  nt.len = cc_normalize(t, sl, nt.s, sizeof nt.s);
  nt.words = spaces(nt.s, nt.len);
  int again = 0;
  /* (a block's tokens are its normalized words: compare counts first) */
  for (uint32_t i = ti + 1; i < doc->n && i < ti + 200 && !again; i++)
    if (doc->b[i].words == nt.words) again = repeats(&nt, doc->b[i].text, doc->b[i].len, 0);
  /* a one- or two-word line glued to the next is a menu's first entry */
  int alone = ti + 1 >= doc->n || doc->b[ti + 1].gap > 0 || f->alpha >= 3 || doc->markdown;
  if (!again && !(title_like(f) && alone)) return;
  if (!sl || count_words(t, sl) == 0) return;
  meta->title = cc_arena_strndup(a, t, sl);
  doc->title_block = (int32_t)ti;
  f->title = 1;
  /* lines repeating it: the headline, a caption glued to the headline */
  for (uint32_t i = 0; i < doc->n; i++) {
    if (i == ti) continue;
    cc_tblock *b = &doc->b[i];
    if ((unsigned)b->words + 8 >= nt.words && b->words <= nt.words + 8 && repeats(&nt, b->text, b->len, 8)) {
      b->title = 1;
      b->headline = b->words == nt.words;
    }
  }
}

/* ---- byline --------------------------------------------------------- */

/* "By", "Par", "Von"...: a byline's opening word, normalized. */
static int byline_word(const char *w, unsigned len) {
  static const char *const by[] = {"by", "par", "von", "por", "di", "door", "av", "af"};
  for (size_t i = 0; i < sizeof by / sizeof *by; i++)
    if (strlen(by[i]) == len && !memcmp(by[i], w, len)) return 1;
  return 0;
}

/* A person's name: two to five words, each capitalised, or a lowercase
 * particle ("de", "van", "von", "da", "al"): no digits, no sentence.
 * With `prefix`, the line must open with a byline word ("By") instead. */
static int name_words(const char *text, size_t len, int prefix) {
  unsigned need_min = prefix ? 3 : 2, need_max = prefix ? 7 : 5;
  cc_words it;
  cc_token t;
  cc_words_init(&it, text, len);
  unsigned k = 0, caps = 0, lower = 0;
  const unsigned char *s = (const unsigned char *)text;
  while (cc_words_next(&it, &t)) {
    unsigned char c = s[t.start];
    int up = (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xC5) || c == 0xD0; /* rough */
    if (t.kind != CC_TOK_WORD || k >= need_max) return 0;
    if (k == 0 && prefix) {
      if (!byline_word(t.s, t.len)) return 0;
    } else if (up) {
      caps++;
    } else if (t.len <= 3 || cc_lang_stopword_mask(t.hash)) {
      lower++; /* particle */
    } else {
      return 0;
    }
    k++;
  }
  return k >= need_min && caps >= 2 && lower <= 2;
}

static int name_like(const cc_tblock *b, int prefix) {
  if (b->bullet || b->boiler || b->nums || b->punct || b->colon || b->url || b->chars > 60)
    return 0;
  return name_words(b->text, b->len, prefix);
}

/* "By Jane Doe | Updated Nov 3, 2025", "Lucía Ortega · 2 de diciembre":
 * a name, with or without "By", followed by a separator and a date or a
 * role; the length of the name part (with its "By"), or 0. */
static size_t byline_before_separator(const cc_tblock *b, int *prefix) {
  static const char *const seps[] = {" | ", " \xC2\xB7 ", " \xE2\x80\xA2 ", ", ", " - ",
                                     " \xE2\x80\x94 ", " \xE2\x80\x93 "};
  if (b->bullet || b->url || cc_tb_words(b) > 16) return 0;
  size_t cut = b->len;
  for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
    size_t l = strlen(seps[k]);
    for (size_t i = 0; i + l <= b->len && i < cut; i++)
      if (!memcmp(b->text + i, seps[k], l)) {
        cut = i;
        break;
      }
  }
  if (cut == b->len || cut > 60) return 0;
  if (name_words(b->text, cut, 1)) return *prefix = 1, cut;
  /* a bare name needs a date after it to be a byline */
  if (b->date && name_words(b->text, cut, 0)) return *prefix = 0, cut;
  return 0;
}

/* A byline among the first blocks of the article: the length of its name
 * part, and whether it opens with "By". A bare name alone on its line is
 * one when it is a link (a Markdown clipping links the author's page). */
static size_t byline_at(const cc_tblock *b, int *prefix) {
  if (name_like(b, 1)) return *prefix = 1, b->len;
  if (b->links >= 200 && name_like(b, 0)) return *prefix = 0, b->len;
  return byline_before_separator(b, prefix);
}

/* Bare names (no "By") are bylines only after the headline: before it
 * stand the site's name and its menus. */
static int byline_where(const cc_tdoc *doc, uint32_t i, int prefix) {
  return prefix || doc->title_block < 0 || (int64_t)i > doc->title_block;
}

/* The name part of a byline line (after "By", before a separator),
 * copied into the arena. */
static const char *name_text(cc_arena *a, const cc_tblock *b, int prefix, size_t len) {
  const char *s = b->text, *e = s + len;
  if (prefix) {
    while (s < e && *s != ' ') s++;
    while (s < e && *s == ' ') s++;
  }
  char buf[128];
  size_t n = clean_markup(s, (size_t)(e - s), buf, sizeof buf);
  return n ? cc_arena_strndup(a, buf, n) : NULL;
}

/* The author's bio: one of the last two kept blocks opening with the
 * author's name ("Jane Doe covers city hall for..."); an article does
 * not speak of its author in the third person. */
static void bio(cc_tdoc *doc, const char *author) {
  char name[128], head[128];
  size_t nl = cc_normalize(author, strlen(author), name, sizeof name);
  if (nl < 3) return;
  unsigned seen = 0;
  for (uint32_t i = doc->last; i > doc->first && seen < 2; i--) {
    cc_tblock *b = &doc->b[i - 1];
    if (b->fate != CC_TF_KEEP) continue;
    seen++;
    size_t hl = cc_normalize(b->text, b->len < 120 ? b->len : 120, head, sizeof head);
    if (hl > nl && !memcmp(head, name, nl) && head[nl] == ' ' && cc_tb_long(b)) {
      b->fate = CC_TF_DROP;
      b->why = "the author's bio";
      cc_tblock *photo = i >= 2 ? &doc->b[i - 2] : NULL;
      if (photo && photo->images && !photo->alpha && photo->fate == CC_TF_KEEP) {
        photo->fate = CC_TF_DROP;
        photo->why = "the author's photo";
      }
      return;
    }
  }
}

void cc_text_byline(cc_arena *a, cc_tdoc *doc, cc_meta *meta) {
  if (doc->first == doc->last) return;
  /* "By Jane Doe" among the first blocks of the region, or just before */
  uint32_t from = doc->first > 3 ? doc->first - 3 : 0;
  for (uint32_t i = from; i < doc->last && i < doc->first + 4; i++) {
    cc_tblock *b = &doc->b[i];
    int prefix = 0;
    size_t cut = b->fate == CC_TF_TITLE ? 0 : byline_at(b, &prefix);
    if (!cut || !byline_where(doc, i, prefix)) continue;
    if (!meta->author) meta->author = name_text(a, b, prefix, cut);
    b->fate = CC_TF_BYLINE;
    b->why = "byline";
    if (meta->author) bio(doc, meta->author);
    return;
  }
  /* a signature: a bare name right after the last kept paragraph */
  uint32_t lastkeep = doc->last;
  for (uint32_t i = doc->last; i > doc->first; i--)
    if (doc->b[i - 1].fate == CC_TF_KEEP && !doc->b[i - 1].bullet) {
      lastkeep = i - 1;
      break;
    }
  if (lastkeep == doc->last) return;
  for (uint32_t i = lastkeep + 1; i < doc->n && i <= lastkeep + 2; i++) {
    cc_tblock *b = &doc->b[i];
    if (!name_like(b, 0)) {
      if (b->fate == CC_TF_KEEP) return; /* more article: not a signature */
      continue;
    }
    if (!meta->author) meta->author = name_text(a, b, 0, b->len);
    b->fate = CC_TF_BYLINE;
    b->why = "signature (author)";
    return;
  }
  /* the region's last kept line itself */
  cc_tblock *b = &doc->b[lastkeep];
  if (lastkeep > doc->first && name_like(b, 0) && b->gap > 0) {
    if (!meta->author) meta->author = name_text(a, b, 0, b->len);
    b->fate = CC_TF_BYLINE;
    b->why = "signature (author)";
  }
}
