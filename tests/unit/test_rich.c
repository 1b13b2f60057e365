/* test_rich.c — the article's meaning beyond plain text (marks.c,
 * article_rich.c, the renderers' share): embeds, footnotes, captions and
 * credits, task and definition lists, strikethrough, superscripts and
 * subscripts, highlights, rules; in txt, md and html. */
#include <stdio.h>
#include <string.h>

#include "../../include/clipclean.h"
#include "marks.h"
#include "test.h"

static cc_result *R;
static char *OUT;

#define PROSE                                                                          \
  "<p>The council met on Tuesday to discuss the budget, which had been delayed twice " \
  "since the spring, and the members argued for hours about it.</p>"
/* a second paragraph: the same one twice would read as repeated text */
#define PROSE2                                                                         \
  "<p>Residents who came to the meeting were divided about the cost, and several "    \
  "asked the council to publish the contractor's estimates before the vote.</p>"

/* Extracts html and renders it; flags are CC_RENDER_*. The fragment goes
 * into a page shaped like a news article's (a title, og:type article), as
 * the extraction judges a page by what it is: these tests are about what
 * the article holds, not about which blocks it is made of. */
static const char *render(const char *frag, cc_format fmt, unsigned flags, cc_md_flavor fl) {
  cc_result_free(R);
  R = NULL;
  cc_free(OUT);
  OUT = NULL;
  cc_error e;
  static char page[16384];
  int n = snprintf(page, sizeof page,
                   "<html><head><title>The barrier vote</title><meta property='og:type' "
                   "content='article'></head><body><main>%s</main></body></html>", frag);
  if (n < 0 || (size_t)n >= sizeof page) return "";
  if (cc_extract(page, (size_t)n, NULL, &R, &e) != CC_OK) {
    fprintf(stderr, "extract failed: %s\n", e.message);
    return "";
  }
  cc_render_options ro;
  cc_render_options_init(&ro);
  ro.flags = flags;
  ro.md_flavor = fl;
  OUT = cc_render_with(R, fmt, &ro, NULL, &e);
  return OUT ? OUT : "";
}
static const char *md(const char *html) { return render(html, CC_FORMAT_MD, 0, CC_MD_COMMONMARK); }
static const char *txt(const char *html) { return render(html, CC_FORMAT_TXT, 0, CC_MD_COMMONMARK); }
static const char *html(const char *h) { return render(h, CC_FORMAT_HTML, 0, CC_MD_COMMONMARK); }

TEST(embed_pages) {
  char out[1100];
  static const char *const cases[][3] = {
      {"https://www.youtube.com/embed/ab12_-X?rel=0", "https://www.youtube.com/watch?v=ab12_-X", "video"},
      {"//www.youtube-nocookie.com/embed/ab12", "https://www.youtube.com/watch?v=ab12", "video"},
      {"https://player.vimeo.com/video/76979871?h=8272103f6e", "https://vimeo.com/76979871", "video"},
      {"https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk", "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk", "audio"},
      {"https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/293&color=ff5500",
       "https://api.soundcloud.com/tracks/293", "audio"},
      {"https://platform.twitter.com/embed/Tweet.html?id=1234567890", "https://twitter.com/i/status/1234567890", "post"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *k = cc_embed_page(cases[i][0], out, sizeof out);
    CHECK_STR(k, cases[i][2]);
    if (k) CHECK_STR(out, cases[i][1]);
  }
  /* ads, trackers, oddities: no page */
  CHECK(!cc_embed_page("https://ads.example.com/embed/123", out, sizeof out));
  CHECK(!cc_embed_page("https://www.youtube.com/embed/", out, sizeof out));
  CHECK(!cc_embed_page("https://www.youtube.com.evil.example/embed/x", out, sizeof out));
  CHECK(!cc_embed_page("https://evilyoutube.com/embed/x", out, sizeof out));
  CHECK(!cc_embed_page("https://w.soundcloud.com/player/?url=javascript:alert(1)", out, sizeof out));
  CHECK(!cc_embed_page("https://www.youtube.com/embed/a\"b", out, sizeof out));
  CHECK(!cc_embed_page("javascript:x", out, sizeof out));
  CHECK(!cc_embed_page(NULL, out, sizeof out));
}

TEST(embeds_in_the_article) {
  const char *page =
      "<article>" PROSE
      "<iframe width='560' src='https://www.youtube.com/embed/abc' title='How it works'>fallback "
      "text</iframe><iframe src='https://ads.example/x'></iframe>" PROSE2
      "<video src='/media/clip.mp4' title='The clip'></video>"
      "<audio><source src='https://cdn.example/ep1.mp3'></audio></article>";
  const char *m = md(page);
  CHECK_CONTAINS(m, "[Video: How it works](https://www.youtube.com/watch?v=abc)");
  CHECK_CONTAINS(m, "[Audio](https://cdn.example/ep1.mp3)");
  CHECK_LACKS(m, "ads.example");
  CHECK_LACKS(m, "fallback");
  /* a relative source stays relative without a base, like an image's */
  CHECK_CONTAINS(m, "[Video: The clip](/media/clip.mp4)");
  CHECK_LACKS(txt(page), "Video");
  CHECK_CONTAINS(html(page), "<p class=\"embed\"><a href=\"https://www.youtube.com/watch?v=abc\">");
  /* the Obsidian flavor: an image link, which Obsidian plays */
  CHECK_CONTAINS(render(page, CC_FORMAT_MD, 0, CC_MD_OBSIDIAN),
                 "![Video: How it works](https://www.youtube.com/watch?v=abc)");
  /* a lazy iframe, in a paragraph, in a table cell */
  m = md("<article>" PROSE "<p><iframe data-src='https://player.vimeo.com/video/42' "
         "src='about:blank'></iframe></p>" PROSE2 "</article>");
  CHECK_CONTAINS(m, "[Video](https://vimeo.com/42)");
  /* a tweet's embed (its script never ran) stays a quote with its link */
  page = "<article>" PROSE "<blockquote class='twitter-tweet'><p lang='en'>The waves are huge "
         "at the pier today</p>&mdash; Jane Roe (@janeroe) <a href='https://x.example/janeroe/"
         "status/123'>March 3, 2024</a></blockquote>" PROSE2 "</article>";
  m = md(page);
  CHECK_CONTAINS(m, "> The waves are huge at the pier today\n>\n> ");
  CHECK_CONTAINS(m, "[March 3, 2024](https://x.example/janeroe/status/123)");
  CHECK_CONTAINS(html(page), "<blockquote>");
}

TEST(footnotes) {
  const char *page =
      "<article><p>Machines learn fast.<sup id='r1'><a href='#fn1'>1</a></sup> And slowly."
      "<sup><a href='#fn2'>[2]</a></sup> A mark to nowhere.<sup><a href='#fn9'>9</a></sup> "
      "The end of a long paragraph of text that is surely the article's.</p>" PROSE2
      "<ol class='footnotes'><li id='fn1'><p>First note. <a href='#r1'>\xe2\x86\xa9\xef\xb8\x8e</a>"
      "</p></li><li id='fn2'>Second <em>note</em>. <a class='footnote-backref' href='#r2'>back</a>"
      "</li></ol></article>";
  const char *m = md(page);
  CHECK_CONTAINS(m, "Machines learn fast.[^1] And slowly.[^2] A mark to nowhere.<sup>9</sup>");
  CHECK_CONTAINS(m, "[^1]: First note.\n");
  CHECK_CONTAINS(m, "[^2]: Second *note*.\n");
  CHECK_LACKS(m, "back");
  CHECK_LACKS(m, "\xe2\x86\xa9");
  const char *t = txt(page);
  CHECK_CONTAINS(t, "Machines learn fast.[1] And slowly.[2] A mark to nowhere.\xe2\x81\xb9");
  CHECK_CONTAINS(t, "[1] First note.");
  const char *h = html(page);
  CHECK_CONTAINS(h, "<sup><a href=\"#fn-1\">1</a></sup>");
  CHECK_CONTAINS(h, "<p class=\"footnote\" id=\"fn-1\"><sup>1</sup> First note.</p>");
  /* Wikipedia's shape: a linked "[1]" named cite_ref, notes in a list */
  m = md("<article><p>A claim.<sup class='reference'><a href='#cite_note-1'>[1]</a></sup> "
         "More words to make the paragraph long enough to be article text.</p>" PROSE2
         "<ol class='references'><li id='cite_note-1'>A source, 2020.</li></ol></article>");
  CHECK_CONTAINS(m, "A claim.[^1] More");
  CHECK_CONTAINS(m, "[^1]: A source, 2020.");
  /* a bare link named for a note by its target (#fn3), a link holding only
   * a superscript; a link to "#notes" saying "Notes" is no mark */
  m = md("<article><p>Fast.<a href='#fn3'>3</a> Slow.<a href='#n4'><sup>4</sup></a> See "
         "<a href='#notes'>Notes</a> for more words, to make the paragraph long enough: the "
         "debate ran over three evenings, and the figures changed twice before the vote.</p>" PROSE2
         "<ol id='notes'><li id='fn3'>Third note.</li><li id='n4'>Fourth note.</li></ol></article>");
  CHECK_CONTAINS(m, "Fast.[^3] Slow.[^4] See Notes for");
  CHECK_CONTAINS(m, "[^3]: Third note.");
  CHECK_CONTAINS(m, "[^4]: Fourth note.");
  /* an in-page link that is no note stays text */
  m = md("<article><p>See <a href='#section-2'>the second section</a> below, which explains "
         "it all in words long enough to be article text.</p>" PROSE2 "</article>");
  CHECK_CONTAINS(m, "See the second section below");
}

TEST(captions_and_credits) {
  static const char *const cases[][2] = {
      {"The barrier at dawn. Photo: Jane Roe/Reuters", "*The barrier at dawn.*"},
      {"The barrier at dawn (Photo by Jane Roe)", "*The barrier at dawn*"},
      {"The barrier at dawn. REUTERS/Jane Roe", "*The barrier at dawn.*"},
      {"The barrier at dawn - AFP", "*The barrier at dawn*"},
      {"The barrier at dawn. <span class='credit'>John Doe for The Planet</span>",
       "*The barrier at dawn.*"},
      {"Le barrage au lever du jour. Cr\xc3\xa9" "dit photo : AFP", "*Le barrage au lever du jour.*"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char page[1024];
    snprintf(page, sizeof page,
             "<article>" PROSE "<figure><img src='https://x.example/a.jpg' alt='A'>"
             "<figcaption>%s</figcaption></figure>" PROSE2 "</article>",
             cases[i][0]);
    const char *m = md(page);
    CHECK_CONTAINS(m, "![A](https://x.example/a.jpg)\n\n");
    CHECK_CONTAINS(m, cases[i][1]);
    CHECK_LACKS(txt(page), "dawn");
    CHECK_LACKS(txt(page), "lever");
  }
  /* a credit alone, a caption whose image was dropped: nothing */
  const char *m = md("<article>" PROSE "<figure><img src='https://x.example/a.jpg'>"
                     "<figcaption>\xc2\xa9 Getty Images</figcaption></figure>" PROSE2
                     "<figure><img src='https://x.example/p.gif' width='1' height='1'>"
                     "<figcaption>A tracking pixel's caption</figcaption></figure></article>");
  CHECK_LACKS(m, "Getty");
  CHECK_LACKS(m, "tracking");
  /* in txt only when asked, as a paragraph of its own */
  const char *page = "<article>" PROSE "<figure><img src='https://x.example/a.jpg'>"
                     "<figcaption>The barrier at dawn.</figcaption></figure>" PROSE2 "</article>";
  const char *t = render(page, CC_FORMAT_TXT, CC_RENDER_CAPTIONS, CC_MD_COMMONMARK);
  CHECK_CONTAINS(t, "\n\nThe barrier at dawn.\n\n");
  CHECK_CONTAINS(html(page), "<p class=\"caption\"><em>The barrier at dawn.</em></p>");
  /* images left out: their captions too */
  cc_result_free(R);
  cc_options o;
  cc_options_init(&o);
  o.flags |= CC_OPT_NO_IMAGES;
  cc_error e;
  R = NULL;
  CHECK(cc_extract(page, strlen(page), &o, &R, &e) == CC_OK);
  char *s = cc_render(R, CC_FORMAT_MD, NULL, &e);
  CHECK_LACKS(s, "dawn");
  cc_free(s);
}

TEST(lists_and_spans) {
  const char *page =
      "<article>" PROSE "<ul><li><input type='checkbox' checked disabled> Order steel</li>"
      "<li><label><input type='checkbox'> Pour concrete</label></li><li>Plain</li></ul>"
      "<dl><dt>Surge</dt><dd>A rise of sea level.</dd><dt>Tide</dt><dd><p>The sea's rhythm.</p>"
      "</dd></dl><p>E = mc<sup>2</sup>, H<sub>2</sub>O, x<sup>n+1</sup>, 10<sup>th</sup>, "
      "CO<sub>2 eq</sub>, <del>old</del> new, <s>gone</s>, <mark>key point</mark>.</p></article>";
  const char *m = md(page);
  CHECK_CONTAINS(m, "- [x] Order steel\n- [ ] Pour concrete\n- Plain\n");
  CHECK_CONTAINS(m, "Surge\n: A rise of sea level.\n\nTide\n: The sea's rhythm.\n");
  CHECK_CONTAINS(m, "E = mc<sup>2</sup>, H<sub>2</sub>O, x<sup>n+1</sup>");
  CHECK_CONTAINS(m, "~~old~~ new, ~~gone~~, <mark>key point</mark>.");
  const char *t = txt(page);
  CHECK_CONTAINS(t, "- [x] Order steel");
  CHECK_CONTAINS(t, "E = mc\xc2\xb2, H\xe2\x82\x82O, x\xe2\x81\xbf\xe2\x81\xba\xc2\xb9, 10^th, CO_(2 eq), old new");
  const char *h = html(page);
  CHECK_CONTAINS(h, "<li><input type=\"checkbox\" disabled checked> Order steel</li>");
  CHECK_CONTAINS(h, "<dl>\n<dt>Surge</dt>\n<dd>A rise of sea level.</dd>\n<dt>Tide</dt>");
  CHECK_CONTAINS(h, "<del>old</del>");
  CHECK_CONTAINS(h, "<mark>key point</mark>");
  /* inside a word (GFM allows it for tildes); against punctuation and a
   * letter it cannot open: HTML tags */
  m = md("<article><p>un<del>fort</del>unately said the article, \"<del>a</del>b\", in a "
         "sentence long enough to be kept as text.</p>" PROSE2 "</article>");
  CHECK_CONTAINS(m, "un~~fort~~unately");
  CHECK_CONTAINS(m, "\"~~a~~b\"");
}

TEST(rules) {
  const char *m = md("<article><hr>" PROSE "<hr><div class='share'>Share</div><hr><hr>" PROSE2
                     "<hr></article>");
  CHECK_LACKS(m, "---\n\n---");
  CHECK(strncmp(m, "---", 3) != 0);
  const char *end = m + strlen(m);
  CHECK(end - m > 4 && strcmp(end - 4, "---\n") != 0);
  CHECK_CONTAINS(m, "\n\n---\n\n");
}

TEST(hostile_shapes) {
  /* deep spans, thousands of references to one note, a reference loop */
  static char page[400000];
  size_t o = (size_t)sprintf(page, "<article><p>");
  for (int i = 0; i < 2000; i++) o += (size_t)sprintf(page + o, "<sup><del><mark>");
  o += (size_t)sprintf(page + o, "deep");
  for (int i = 0; i < 3000; i++) o += (size_t)sprintf(page + o, "<sup><a href='#n'>1</a></sup>");
  o += (size_t)sprintf(page + o, "</p><ol><li id='n'>The note <a href='#n'>1</a></li></ol></article>");
  for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_JSON; f++) {
    const char *r = render(page, (cc_format)f, CC_RENDER_FRONT_MATTER | CC_RENDER_TITLE, CC_MD_OBSIDIAN);
    CHECK(r != NULL);
  }
}

int main(void) {
  RUN(embed_pages);
  RUN(embeds_in_the_article);
  RUN(footnotes);
  RUN(captions_and_credits);
  RUN(lists_and_spans);
  RUN(rules);
  RUN(hostile_shapes);
  cc_result_free(R);
  cc_free(OUT);
  return test_summary();
}
