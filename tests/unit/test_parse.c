/* test_parse.c — both HTML front ends (gumbo, libxml2) on the same inputs:
 * the cc_dom they build (structure, tags, attributes, text, links between
 * nodes), the html/head/body they imply, how they differ on misnested
 * markup, and the limits (max_depth flattening, max_nodes, very deep
 * input not touching the C stack). */
#include <pthread.h>
#include <stdint.h>

#include "../../include/clipclean.h"
#include "buf.h"
#include "parse.h"
#include "test.h"

typedef int (*parse_fn)(cc_arena *, const char *, size_t, const cc_parse_limits *,
                        cc_dom *, char *);

static const struct {
  const char *name;
  parse_fn fn;
} FE[] = {{"gumbo", cc_parse_gumbo}, {"libxml2", cc_parse_libxml2}};
enum { GUMBO = 0, LIBXML2 = 1, NFE = 2 };

static const cc_parse_limits DEFAULT_LIM = {2000000, 512};

/* Checks the links of every node: parent/first/last/next/prev agree, ids
 * are the pre-order index and byid maps them back. Returns 1 when sound. */
static int tree_ok(const cc_dom *d) {
  uint32_t id = 0;
  for (const cc_node *n = d->root; n; n = cc_dom_next(d->root, n, 0)) {
    if (n->id != id || d->byid[id] != n) return 0;
    id++;
    const cc_node *prev = NULL;
    for (const cc_node *c = n->first; c; c = c->next) {
      if (c->parent != n || c->prev != prev) return 0;
      prev = c;
    }
    if (n->last != prev) return 0;
    if (n->type == CC_NODE_TEXT && n->first) return 0;
  }
  return id == d->nnodes;
}

/* A compact rendering of a subtree: tag[attr=value](children), text in
 * quotes, siblings separated by a space. */
static void ser(const cc_node *n, cc_buf *b) {
  for (const cc_node *c = n->first; c; c = c->next) {
    if (c != n->first) cc_buf_putc(b, ' ');
    if (c->type == CC_NODE_TEXT) {
      cc_buf_putc(b, '\'');
      cc_buf_put(b, c->text, c->len);
      cc_buf_putc(b, '\'');
      continue;
    }
    cc_buf_puts(b, cc_tag_name((cc_tag)c->tag));
    for (unsigned i = 0; i < c->nattrs; i++)
      cc_buf_printf(b, "[%s=%s]", c->attrs[i].name, c->attrs[i].value);
    if (c->first) {
      cc_buf_putc(b, '(');
      ser(c, b);
      cc_buf_putc(b, ')');
    }
  }
}

/* The concatenated text of a subtree. */
static void text_of(const cc_node *top, cc_buf *b) {
  for (const cc_node *n = top; n; n = cc_dom_next(top, n, 0))
    if (n->type == CC_NODE_TEXT) cc_buf_put(b, n->text, n->len);
}

static char out[2][4096];
static char texts[2][4096];

/* Parses `html` with both front ends; out[i] holds front end i's rendering
 * of the whole tree and texts[i] its text. Returns 1 when both succeeded
 * with sound trees. */
static int parse_both(const char *html) {
  int ok = 1;
  for (int i = 0; i < NFE; i++) {
    cc_arena a;
    cc_arena_init(&a);
    cc_dom d;
    char err[256] = "";
    int rc = FE[i].fn(&a, html, strlen(html), &DEFAULT_LIM, &d, err);
    cc_buf b = CC_BUF_INIT, t = CC_BUF_INIT;
    if (rc == 0) {
      if (!tree_ok(&d)) {
        fprintf(stderr, "%s: unsound tree for %s\n", FE[i].name, html);
        ok = 0;
      }
      ser(d.root, &b);
      text_of(d.root, &t);
    } else {
      fprintf(stderr, "%s failed (%d: %s) on %s\n", FE[i].name, rc, err, html);
      ok = 0;
    }
    snprintf(out[i], sizeof out[i], "%s", b.data ? b.data : "");
    snprintf(texts[i], sizeof texts[i], "%s", t.data ? t.data : "");
    cc_buf_free(&b);
    cc_buf_free(&t);
    cc_arena_free(&a);
  }
  return ok;
}

/* Both front ends give exactly `want`. */
#define CHECK_BOTH(html, want)          \
  do {                                  \
    CHECK(parse_both(html));            \
    CHECK_STR(out[GUMBO], want);        \
    CHECK_STR(out[LIBXML2], want);      \
  } while (0)

TEST(structure_tags_attributes_text) {
  CHECK_BOTH("<div id=A class=\"b c\"><p>Hello <b>world</b>!</p></div>",
             "html(head body(div[id=A][class=b c](p('Hello ' b('world') '!'))))");
  /* names are lowercased, values are not; duplicates keep the first */
  CHECK_BOTH("<DIV CLASS=X Data-Foo='Y' id=1 ID=2>z</DIV>",
             "html(head body(div[class=X][data-foo=Y][id=1]('z')))");
  /* whitespace between inline elements is kept */
  CHECK_BOTH("<p><b>a</b> <mark>b</mark> <time>c</time></p>",
             "html(head body(p(b('a') ' ' mark('b') ' ' time('c'))))");
  /* HTML5 sectioning elements keep their tags in libxml2 2.9 too */
  CHECK_BOTH("<article><header><h1>T</h1></header><section><p>a</p></section>"
             "<main>m</main><nav>n</nav><aside>s</aside>"
             "<figure><img src=i><figcaption>c</figcaption></figure></article>",
             "html(head body(article(header(h1('T')) section(p('a')) main('m') nav('n') "
             "aside('s') figure(img[src=i] figcaption('c')))))");
  /* the newline right after <pre> is dropped, the rest kept verbatim */
  CHECK_BOTH("<pre>\n  a\n b</pre>", "html(head body(pre('  a\n b')))");
  /* comments and processing instructions leave nothing */
  CHECK_BOTH("<p>a<!-- c -->b<?php x ?></p>", "html(head body(p('a' 'b')))") ;
}

TEST(implied_html_head_body) {
  CHECK_BOTH("", "html(head body)");
  CHECK_BOTH("  <!-- only a comment -->", "html(head body)");
  CHECK_BOTH("<title>t</title><p>x", "html(head(title('t')) body(p('x')))");
  CHECK_BOTH("<html lang=fr><p>x</p></html>", "html[lang=fr](head body(p('x')))");
  /* bare text: libxml2 wraps it in an implied <p> */
  CHECK(parse_both("hello"));
  CHECK_STR(out[GUMBO], "html(head body('hello'))");
  CHECK_STR(out[LIBXML2], "html(head body(p('hello')))");
}

TEST(content_after_body_goes_into_body) {
  /* libxml2 puts it beside <body> or in a second <html>; HTML5 (and our
   * libxml2 front end) move it into the body */
  CHECK_BOTH("<p>a</p></body><p>b</p>", "html(head body(p('a') p('b')))");
  CHECK_BOTH("<body><p>a</p></body></html><div>tail</div>",
             "html(head body(p('a') div('tail')))");
  CHECK(parse_both("<p>x</p></html><p>y</p><body class=z><p>w"));
  CHECK_STR(out[LIBXML2], "html(head body(p('x') p('y') p('w')))");
  CHECK_STR(texts[GUMBO], texts[LIBXML2]);
}

TEST(html5_void_elements) {
  /* libxml2 2.9 does not know these are void; their content is hoisted */
  CHECK_BOTH("<p>long<wbr>word and more</p><p>next</p>",
             "html(head body(p('long' wbr 'word and more') p('next')))");
  CHECK_BOTH("<video><source src=a><track src=t>fallback</video>",
             "html(head body(video(source[src=a] track[src=t] 'fallback')))");
  CHECK_BOTH("<p>a<embed src=x>b<img src=i>c<br>d</p>",
             "html(head body(p('a' embed[src=x] 'b' img[src=i] 'c' br 'd')))");
}

TEST(misnesting) {
  /* p closes at a block start in both */
  CHECK_BOTH("<p>one<div>two</div>", "html(head body(p('one') div('two')))");
  CHECK_BOTH("<ul><li>a<li>b</ul><dl><dt>x<dd>y</dl>",
             "html(head body(ul(li('a') li('b')) dl(dt('x') dd('y'))))");
  /* misnested formatting: gumbo runs the adoption agency (3 stays
   * italic), libxml2 just closes <i> with <b>; the text is the same */
  CHECK(parse_both("<b>1<i>2</b>3</i>4"));
  CHECK_STR(out[GUMBO], "html(head body(b('1' i('2')) i('3') '4'))");
  CHECK_STR(out[LIBXML2], "html(head body(b('1' i('2')) '34'))");
  CHECK_STR(texts[GUMBO], "1234");
  CHECK_STR(texts[LIBXML2], "1234");
  /* tables: only gumbo implies <tbody> */
  CHECK(parse_both("<table><tr><td>1<td>2</table>"));
  CHECK_STR(out[GUMBO], "html(head body(table(tbody(tr(td('1') td('2'))))))");
  CHECK_STR(out[LIBXML2], "html(head body(table(tr(td('1') td('2')))))");
  /* libxml2 2.9 does not know <section> closes <p>, and nests headings */
  CHECK(parse_both("<p>a<section>b</section>c"));
  CHECK_STR(out[GUMBO], "html(head body(p('a') section('b') 'c'))");
  CHECK_STR(out[LIBXML2], "html(head body(p('a' section('b') 'c')))");
  CHECK(parse_both("<h1>a<h2>b</h2>"));
  CHECK_STR(out[GUMBO], "html(head body(h1('a') h2('b')))");
  CHECK_STR(out[LIBXML2], "html(head body(h1('a' h2('b'))))");
  /* a self-closing non-void tag: HTML5 ignores the slash */
  CHECK(parse_both("<div/>x"));
  CHECK_STR(out[GUMBO], "html(head body(div('x')))");
  CHECK_STR(out[LIBXML2], "html(head body(div 'x'))");
  /* <title> content is text in HTML5, markup in libxml2 */
  CHECK(parse_both("<title>a<b>c</b></title>"));
  CHECK_STR(out[GUMBO], "html(head(title('a<b>c</b>')) body)");
  CHECK_STR(out[LIBXML2], "html(head(title('a' b('c'))) body)");
  /* ... and a <p> start closes an open heading */
  CHECK(parse_both("<h2><p>x</p></h2>"));
  CHECK_STR(out[GUMBO], "html(head body(h2(p('x'))))");
  CHECK_STR(out[LIBXML2], "html(head body(h2 p('x')))");
}

TEST(entities) {
  CHECK_BOTH("<p title=\"a&amp;b &lt;\">&amp; &copy; &#x1F600;&#233;&nbsp;.</p>",
             "html(head body(p[title=a&b <]('& \xc2\xa9 \xf0\x9f\x98\x80\xc3\xa9\xc2\xa0.')))");
  /* legacy entities without ';' are decoded by HTML5 only */
  CHECK(parse_both("<p>&amp x &notit;</p>"));
  CHECK_STR(texts[GUMBO], "& x \xc2\xacit;");
  CHECK_STR(texts[LIBXML2], "&amp x &notit;");
}

TEST(charset_and_invalid_utf8) {
  /* the input is UTF-8 already: a <meta charset> must not re-decode it */
  CHECK_BOTH("<meta charset=iso-8859-1><p>\xc3\xa9</p>",
             "html(head(meta[charset=iso-8859-1]) body(p('\xc3\xa9')))");
  /* stray bytes become U+FFFD in both */
  CHECK(parse_both("<p>a\xff" "b</p>"));
  CHECK_STR(texts[GUMBO], "a\xef\xbf\xbd" "b");
  CHECK_STR(texts[LIBXML2], "a\xef\xbf\xbd" "b");
  /* (in attribute values libxml2 would read them as Latin-1) */
  CHECK_BOTH("<p title='\xe9t\xe9'>x</p>",
             "html(head body(p[title=\xef\xbf\xbdt\xef\xbf\xbd]('x')))");
}

TEST(nul_bytes_do_not_truncate) {
  static const char html[] = "<p>a\0b</p><p>after</p>";
  for (int i = 0; i < NFE; i++) {
    cc_arena a;
    cc_arena_init(&a);
    cc_dom d;
    char err[256];
    CHECK(FE[i].fn(&a, html, sizeof html - 1, &DEFAULT_LIM, &d, err) == 0);
    cc_buf t = CC_BUF_INIT;
    text_of(d.root, &t);
    /* gumbo drops the NUL, libxml2 makes it a space */
    CHECK_STR(t.data, i == GUMBO ? "abafter" : "a bafter");
    cc_buf_free(&t);
    cc_arena_free(&a);
  }
}

TEST(unknown_tags_are_other) {
  CHECK_BOTH("<custom-el a=1>x</custom-el><foo>y</foo>",
             "html(head body(other[a=1]('x') other('y')))");
  /* libxml2 drops namespace prefixes: Word's <o:p> becomes a <p> */
  CHECK(parse_both("<o:p>z</o:p>"));
  CHECK_STR(out[GUMBO], "html(head body(other('z')))");
  CHECK_STR(out[LIBXML2], "html(head body(p('z')))");
}

TEST(foreign_content) {
  /* inside svg/math, HTML names (title, a, style) lose their meaning ... */
  CHECK_BOTH("<p>a<svg width=1><title>t</title><a href=x>l</a></svg></p>",
             "html(head body(p('a' svg[width=1](other('t') other[href=x]('l')))))");
  /* ... except below the integration points */
  CHECK_BOTH("<svg><foreignObject><p>h</p></foreignObject></svg>",
             "html(head body(svg(other(p('h')))))");
  CHECK_BOTH("<math><mi><b>x</b></mi><mrow><mo>+</mo></mrow></math>",
             "html(head body(math(other(b('x')) other(other('+')))))");
}

/* Builds n nested divs around `inner`, followed by a <p>after</p>. */
static char *nested(unsigned n, const char *inner, size_t *len) {
  size_t cap = (size_t)n * 11 + strlen(inner) + 32;
  char *s = malloc(cap), *p = s;
  for (unsigned i = 0; i < n; i++) p += sprintf(p, "<div>");
  p += sprintf(p, "%s", inner);
  for (unsigned i = 0; i < n; i++) p += sprintf(p, "</div>");
  p += sprintf(p, "<p>after</p>");
  *len = (size_t)(p - s);
  return s;
}

/* Depth of the deepest element and depth of the text "deep"; 1 when the
 * text "after" is in a <p> child of the body. */
static int depth_facts(const cc_dom *d, unsigned *max_el, unsigned *deep_at) {
  *max_el = *deep_at = 0;
  int after_ok = 0;
  for (const cc_node *n = d->root; n; n = cc_dom_next(d->root, n, 0)) {
    unsigned dep = 0;
    for (const cc_node *p = n->parent; p; p = p->parent) dep++;
    if (n->type == CC_NODE_ELEMENT && dep > *max_el) *max_el = dep;
    if (n->type == CC_NODE_TEXT && n->len == 4 && !memcmp(n->text, "deep", 4)) *deep_at = dep;
    if (n->type == CC_NODE_TEXT && n->len == 5 && !memcmp(n->text, "after", 5))
      after_ok = cc_node_is(n->parent, CC_TAG_P) && n->parent->parent == d->body;
  }
  return after_ok;
}

TEST(depth_is_flattened_at_max_depth) {
  size_t len;
  char *html = nested(10000, "deep<b>bold</b>", &len);
  for (int i = 0; i < NFE; i++) {
    cc_arena a;
    cc_arena_init(&a);
    cc_dom d;
    char err[256];
    cc_parse_limits lim = {2000000, 512};
    CHECK(FE[i].fn(&a, html, len, &lim, &d, err) == 0);
    CHECK(tree_ok(&d));
    unsigned max_el, deep_at;
    CHECK(depth_facts(&d, &max_el, &deep_at));
    /* html is 1, body 2: divs fill 3..512; the text sits in the deepest
     * kept div, and the <b> below it is flattened away too */
    CHECK(max_el == 512);
    CHECK(deep_at == 513);
    cc_buf t = CC_BUF_INIT;
    text_of(d.root, &t);
    CHECK_STR(t.data, "deepboldafter");
    cc_buf_free(&t);
    if (test_current_failed_) fprintf(stderr, "  (front end %s)\n", FE[i].name);
    cc_arena_free(&a);
  }
  free(html);
}

TEST(libxml2_depth_beyond_256_is_not_lost) {
  /* without XML_PARSE_HUGE libxml2 2.9 halts at 256 open elements and
   * drops the rest of the page */
  size_t len;
  char *html = nested(300, "deep", &len);
  cc_arena a;
  cc_arena_init(&a);
  cc_dom d;
  char err[256];
  CHECK(cc_parse_libxml2(&a, html, len, &DEFAULT_LIM, &d, err) == 0);
  unsigned max_el, deep_at;
  CHECK(depth_facts(&d, &max_el, &deep_at));
  CHECK(max_el == 302);
  CHECK(deep_at == 303);
  cc_arena_free(&a);
  free(html);
}

TEST(very_deep_input_does_not_crash) {
  /* 100,000 levels for libxml2; gumbo is quadratic in depth, so 20,000 */
  static const unsigned levels[NFE] = {20000, 100000};
  for (int i = 0; i < NFE; i++) {
    size_t len;
    char *html = nested(levels[i], "deep", &len);
    cc_arena a;
    cc_arena_init(&a);
    cc_dom d;
    char err[256];
    CHECK(FE[i].fn(&a, html, len, &DEFAULT_LIM, &d, err) == 0);
    CHECK(tree_ok(&d));
    unsigned max_el, deep_at;
    CHECK(depth_facts(&d, &max_el, &deep_at));
    CHECK(max_el == 512 && deep_at == 513);
    cc_arena_free(&a);
    free(html);
  }
}

TEST(max_nodes_is_an_error) {
  cc_buf b = CC_BUF_INIT;
  for (int i = 0; i < 100; i++) cc_buf_puts(&b, "<p>x</p>");
  for (int i = 0; i < NFE; i++) {
    cc_arena a;
    cc_arena_init(&a);
    cc_dom d;
    char err[256] = "";
    cc_parse_limits lim = {150, 512};
    CHECK(FE[i].fn(&a, b.data, b.len, &lim, &d, err) == CC_ERR_TOO_LARGE);
    CHECK_CONTAINS(err, "more than 150 nodes");
    lim.max_nodes = 1000; /* 100 p + 100 text + html, head, body */
    CHECK(FE[i].fn(&a, b.data, b.len, &lim, &d, err) == 0);
    cc_arena_free(&a);
  }
  cc_buf_free(&b);
}

TEST(small_max_depth) {
  /* the root element itself is flattened when max_depth is 0 */
  for (int i = 0; i < NFE; i++) {
    cc_arena a;
    cc_arena_init(&a);
    cc_dom d;
    char err[256];
    cc_parse_limits lim = {1000, 2};
    const char *html = "<div><p>a</p></div></body><p>b</p>";
    CHECK(FE[i].fn(&a, html, strlen(html), &lim, &d, err) == 0);
    CHECK(tree_ok(&d));
    cc_buf b = CC_BUF_INIT;
    ser(d.root, &b);
    CHECK_STR(b.data, "html(head body('a' 'b'))");
    cc_buf_free(&b);
    lim.max_depth = 0;
    CHECK(FE[i].fn(&a, html, strlen(html), &lim, &d, err) == 0);
    ser(d.root, &b);
    CHECK_STR(b.data, "'a' 'b'");
    cc_buf_free(&b);
    cc_arena_free(&a);
  }
}

static void *parse_many(void *arg) {
  (void)arg;
  static const char html[] = "<html><body><article><p>one &amp; two</p></article>";
  int bad = 0;
  for (int i = 0; i < 200; i++) {
    cc_arena a;
    cc_arena_init(&a);
    cc_dom d;
    char err[256];
    if (cc_parse_libxml2(&a, html, sizeof html - 1, &DEFAULT_LIM, &d, err) || !d.body ||
        !cc_node_is(d.body->first, CC_TAG_ARTICLE))
      bad++;
    cc_arena_free(&a);
  }
  return (void *)(intptr_t)bad;
}

TEST(libxml2_from_several_threads) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++) CHECK(pthread_create(&t[i], NULL, parse_many, NULL) == 0);
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join(t[i], &r);
    CHECK(r == NULL);
  }
}

int main(void) {
  RUN(structure_tags_attributes_text);
  RUN(implied_html_head_body);
  RUN(content_after_body_goes_into_body);
  RUN(html5_void_elements);
  RUN(misnesting);
  RUN(entities);
  RUN(charset_and_invalid_utf8);
  RUN(nul_bytes_do_not_truncate);
  RUN(unknown_tags_are_other);
  RUN(foreign_content);
  RUN(depth_is_flattened_at_max_depth);
  RUN(libxml2_depth_beyond_256_is_not_lost);
  RUN(very_deep_input_does_not_crash);
  RUN(max_nodes_is_an_error);
  RUN(small_max_depth);
  RUN(libxml2_from_several_threads);
  return test_summary();
}
