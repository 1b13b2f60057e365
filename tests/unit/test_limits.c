/* test_limits.c — the limits and the time budget, through the public API
 * only: input size, node count (refused before parsing), depth (flattened,
 * text kept, clamped for absurd values), attributes, output size (and
 * renderings bounded by it, degenerate structure capped), the timeout, and
 * bad bytes that must give a result or a clear error. */
#include <time.h>

#include "../../include/clipclean.h"
#include "test.h"

static char *repeat(const char *head, const char *unit, size_t n, const char *tail) {
  size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
  char *s = malloc(hl + ul * n + tl + 1), *p = s;
  memcpy(p, head, hl), p += hl;
  for (size_t i = 0; i < n; i++) memcpy(p, unit, ul), p += ul;
  memcpy(p, tail, tl + 1);
  return s;
}

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Extracts with options; returns the status, the text in *text (malloc'd,
 * or NULL) and checks the error contract (message set, no result). */
static cc_status run(const char *doc, size_t len, const cc_options *o, char **text,
                     char *msg) {
  cc_result *r = (cc_result *)1;
  cc_error e;
  memset(&e, 0, sizeof e);
  cc_status st = cc_extract(doc, len, o, &r, &e);
  if (text) *text = NULL;
  if (st != CC_OK) {
    CHECK(r == NULL);
    CHECK(e.message[0] != '\0');
    CHECK(e.status == st);
    if (msg) snprintf(msg, 256, "%s", e.message);
    return st;
  }
  CHECK(r != NULL);
  if (text) *text = strdup(cc_result_text(r));
  for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_JSON; f++) {
    size_t n;
    char *out = cc_render(r, (cc_format)f, &n, &e);
    CHECK(out != NULL);
    cc_free(out);
  }
  cc_result_free(r);
  return st;
}

TEST(input_size) {
  cc_options o;
  cc_options_init(&o);
  CHECK(o.max_input_bytes == (size_t)64 << 20);
  o.max_input_bytes = 10;
  char msg[256];
  CHECK(run("<p>hello world</p>", 18, &o, NULL, msg) == CC_ERR_TOO_LARGE);
  CHECK_CONTAINS(msg, "10-byte limit");
  o.max_input_bytes = 18;
  CHECK(run("<p>hello world</p>", 18, &o, NULL, NULL) == CC_OK);
}

TEST(node_count) {
  cc_options o;
  cc_options_init(&o);
  CHECK(o.max_nodes == 2000000);
  char *doc = repeat("<body>", "<p>x</p>", 100, "");
  char msg[256];
  o.max_nodes = 50; /* 100 start tags: refused before parsing */
  CHECK(run(doc, strlen(doc), &o, NULL, msg) == CC_ERR_TOO_LARGE);
  CHECK_CONTAINS(msg, "50-node limit");
  CHECK_CONTAINS(msg, "101 tags"); /* body and the 100 p */
  o.max_nodes = 150; /* few enough tags, but with the text nodes over */
  CHECK(run(doc, strlen(doc), &o, NULL, msg) == CC_ERR_TOO_LARGE);
  CHECK_CONTAINS(msg, "150-node limit");
  /* formatting elements the parser re-creates in every paragraph count */
  free(doc);
  doc = repeat("<body><p><b><i><u><s><em>x</p>", "<p>x</p>", 100, "");
  o.max_nodes = 400;
  CHECK(run(doc, strlen(doc), &o, NULL, msg) == CC_ERR_TOO_LARGE);
  CHECK_CONTAINS(msg, "400-node limit");
  o.max_nodes = 1000;
  CHECK(run(doc, strlen(doc), &o, NULL, NULL) == CC_OK);
  o.max_nodes = 1000;
  CHECK(run(doc, strlen(doc), &o, NULL, NULL) == CC_OK);
  free(doc);
}

TEST(depth_flattened_text_kept) {
  cc_options o;
  cc_options_init(&o);
  CHECK(o.max_depth == 512);
  /* 100,000 nested divs: took 11 s before the pre-pass bounded depth */
  size_t n = 100000;
  char *doc = repeat("<body>", "<div>", n,
                     "<p>The deep text is a sentence of the article, with enough words to "
                     "count as one, at the bottom of it all.</p>");
  double t0 = seconds();
  char *text;
  CHECK(run(doc, strlen(doc), &o, &text, NULL) == CC_OK);
  double t = seconds() - t0;
  CHECK(t < 3.0);
  CHECK_CONTAINS(text, "The deep text");
  free(text);
  free(doc);
  /* every level holds text: the flattened levels' text is kept (the
   * selection may still leave out some outer wrappers, as at any depth) */
  doc = repeat("<body>", "<div>w ", 5000, "the end");
  o.max_depth = 16;
  CHECK(run(doc, strlen(doc), &o, &text, NULL) == CC_OK);
  size_t words = 0;
  for (const char *p = text; (p = strchr(p, 'w')); p++) words++;
  CHECK(words >= 4500);
  CHECK_CONTAINS(text, "the end");
  free(text);
  free(doc);
}

TEST(absurd_depth_is_clamped) {
  cc_options o;
  cc_options_init(&o);
  o.max_depth = 10000000; /* clamped to 1024: no deep recursion anywhere */
  char *doc = repeat("<body>", "<ul><li>item <blockquote>", 50000, "end");
  char *text;
  CHECK(run(doc, strlen(doc), &o, &text, NULL) == CC_OK);
  CHECK_CONTAINS(text, "end");
  free(text);
  o.max_depth = 0; /* zero: no limit of its own, the ceiling applies */
  o.max_nodes = 0;
  o.max_input_bytes = 0;
  o.max_output_bytes = 0;
  o.max_attrs = 0;
  CHECK(run(doc, strlen(doc), &o, &text, NULL) == CC_OK);
  CHECK_CONTAINS(text, "end");
  free(text);
  free(doc);
}

TEST(attributes_cut) {
  cc_options o;
  cc_options_init(&o);
  CHECK(o.max_attrs == 256);
  /* 200,000 attributes on one element (quadratic in gumbo before) */
  size_t n = 200000;
  char *doc = malloc(n * 12 + 256), *p = doc;
  p += sprintf(p, "<body><p");
  for (size_t i = 0; i < n; i++) p += sprintf(p, " a%zu=1", i);
  strcpy(p, ">The paragraph is a sentence of the article, with enough words to count as "
            "one.</p>");
  double t0 = seconds();
  char *text;
  CHECK(run(doc, strlen(doc), &o, &text, NULL) == CC_OK);
  CHECK(seconds() - t0 < 3.0);
  CHECK_CONTAINS(text, "The paragraph is");
  free(text);
  free(doc);
}

TEST(output_size) {
  cc_options o;
  cc_options_init(&o);
  CHECK(o.max_output_bytes == (size_t)64 << 20);
  char *doc = repeat("<body><article>", "<p>A sentence of the article, with words.</p>", 200,
                     "</article>");
  char msg[256];
  o.max_output_bytes = 100;
  CHECK(run(doc, strlen(doc), &o, NULL, msg) == CC_ERR_TOO_LARGE);
  CHECK_CONTAINS(msg, "100-byte output limit");
  o.max_output_bytes = 1 << 20;
  CHECK(run(doc, strlen(doc), &o, NULL, NULL) == CC_OK);
  free(doc);
}

TEST(time_budget) {
  cc_options o;
  cc_options_init(&o);
  CHECK(o.timeout_ms == 0);
  char *doc = repeat("<body>", "<p>Some words in a paragraph, and more of them.</p>\n", 100000, "");
  char msg[256];
  o.timeout_ms = 1; /* a 5 MB page does not parse in 1 ms */
  CHECK(run(doc, strlen(doc), &o, NULL, msg) == CC_ERR_TIMEOUT);
  CHECK_CONTAINS(msg, "1 ms time budget");
  o.timeout_ms = 60000;
  CHECK(run("<p>small</p>", 12, &o, NULL, NULL) == CC_OK);
  free(doc);
}

/* Renders doc in fmt with the options; returns the status, the length in
 * *len. */
static cc_status render_len(const char *doc, const cc_options *o, cc_format fmt, size_t *len) {
  cc_result *r = NULL;
  cc_error e;
  cc_status st = cc_extract(doc, strlen(doc), o, &r, &e);
  if (st != CC_OK) return st;
  char *out = cc_render(r, fmt, len, &e);
  st = out ? CC_OK : e.status;
  cc_free(out);
  cc_result_free(r);
  return st;
}

#define PROSE "<h1>T</h1><p>Some prose sentence that is long enough to count as text. " \
              "Some prose sentence that is long enough to count as text.</p>"

TEST(degenerate_structure_bounded) {
  /* issue 11: a row of n cells then n rows of one were padded to n*n
   * cells (1.2 GB peak for md at n = 20,000, 3.6 GB for html, before the
   * refusal); now the grid is at most 100 columns wide */
  cc_options o;
  cc_options_init(&o);
  o.max_output_bytes = 1 << 20;
  size_t n = 1000, len = 0;
  char *row = repeat("<tr>", "<td>x", n, "</tr>");
  char *rest = repeat(row, "<tr><td>y</td></tr>", n, "</table></article>");
  char *doc = malloc(strlen(rest) + 200);
  sprintf(doc, "<body><article>%s<table>%s", PROSE, rest);
  CHECK(render_len(doc, &o, CC_FORMAT_MD, &len) == CC_OK);
  CHECK(len < 400 * n);
  CHECK(render_len(doc, &o, CC_FORMAT_HTML, &len) == CC_OK);
  CHECK(len < 1000 * n);
  free(row), free(rest), free(doc);

  /* issue 11: Markdown repeated every quote level's "> " on every line
   * (500 levels: 1,000 bytes a line); now CC_RENDER_MAX_NEST (8) levels show */
  n = 5000;
  char *q = repeat("<body><article>" PROSE, "<blockquote>", 500, "");
  char *lines = repeat(q, "x<br>", n, "</article>");
  CHECK(render_len(lines, &o, CC_FORMAT_MD, &len) == CC_OK);
  CHECK(len < 50 * n);
  free(q), free(lines);
  char *l = repeat("<body><article>" PROSE, "<ul><li>", 250, "");
  lines = repeat(l, "x<br>", n, "</article>");
  CHECK(render_len(lines, &o, CC_FORMAT_MD, &len) == CC_OK);
  CHECK(len < 50 * n);
  CHECK(render_len(lines, &o, CC_FORMAT_TXT, &len) == CC_OK);
  CHECK(len < 50 * n);
  free(l), free(lines);
}

typedef struct sink {
  size_t total, pieces, biggest;
} sink;

static int count_piece(const char *data, size_t len, void *ud) {
  sink *k = ud;
  (void)data;
  k->total += len;
  k->pieces++;
  if (len > k->biggest) k->biggest = len;
  return 0;
}

TEST(bounded_rendering) {
  /* a rendering stops at the limit: refused whole by cc_render_with, cut
   * there by cc_render_to, which never holds much more than a block */
  char *doc = repeat("<body><article>",
                     "<p>A sentence of the article, with words, <em>emphasis</em> and "
                     "<a href='/x'>a link</a>.</p>\n",
                     20000, "</article>");
  cc_result *r = NULL;
  cc_error e;
  CHECK(cc_extract(doc, strlen(doc), NULL, &r, &e) == CC_OK);
  cc_render_options ro;
  cc_render_options_init(&ro);
  for (int f = CC_FORMAT_TXT; f <= CC_FORMAT_JSON; f++) {
    size_t full = 0;
    char *all = cc_render_with(r, (cc_format)f, &ro, &full, &e);
    CHECK(all && full > 1000000);
    cc_free(all);
    ro.max_output_bytes = full / 3;
    CHECK(cc_render_with(r, (cc_format)f, &ro, NULL, &e) == NULL);
    CHECK(e.status == CC_ERR_TOO_LARGE);
    CHECK_CONTAINS(e.message, "output limit");
    sink k = {0, 0, 0};
    CHECK(cc_render_to(r, (cc_format)f, &ro, count_piece, &k, &e) == CC_ERR_TOO_LARGE);
    CHECK(k.total <= full / 3);
    k = (sink){0, 0, 0};
    ro.max_output_bytes = 0;
    CHECK(cc_render_to(r, (cc_format)f, &ro, count_piece, &k, &e) == CC_OK);
    CHECK(k.total == full);
    CHECK(k.pieces > 10);
    CHECK(k.biggest < 80 * 1024); /* 64 KiB and the end of a block */
  }
  cc_result_free(r);
  free(doc);
}

#define D(lit) {lit, sizeof lit - 1}
TEST(bad_bytes) {
  static const struct {
    const char *d;
    size_t n;
  } docs[] = {
      D(""),
      D(" \n\t\r\f  \n"),
      D("<p>a\0b\0c</p>\0\0"),
      D("<p>caf\xc3 \xff\xfe\xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf</p>"),
      D("\xff\xfe<\0p\0>\0h\0i\0<\0/\0p\0>\0"),
      D("<\0p\0>\0h\0i\0<\0/\0p\0>\0"),
      D("\xfe\xff\0<\0p\0>\0h\0i"),
      D("<meta charset=\"x-no-such-charset\"><p>caf\xe9</p>"),
      D("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0"),
      D("\x1f\x8b\x08\0\0\0\0\0\0\x03\xcb\x48\xcd\xc9\xc9\x07\0"),
      D("<"),
      D("<!--"),
      D("<![CDATA["),
      D("</"),
      D("<a"),
      D("\xef\xbb\xbf"),
  };
  for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
    cc_status st = run(docs[i].d, docs[i].n, NULL, NULL, NULL);
    CHECK(st == CC_OK || st == CC_ERR_NOT_HTML || st == CC_ERR_CHARSET || st == CC_ERR_EMPTY);
  }
  CHECK(run(NULL, 0, NULL, NULL, NULL) == CC_OK);
  cc_result *r;
  CHECK(cc_extract(NULL, 5, NULL, &r, NULL) == CC_ERR_ARGS);
}

int main(void) {
  RUN(input_size);
  RUN(node_count);
  RUN(depth_flattened_text_kept);
  RUN(absurd_depth_is_clamped);
  RUN(attributes_cut);
  RUN(output_size);
  RUN(degenerate_structure_bounded);
  RUN(bounded_rendering);
  RUN(time_budget);
  RUN(bad_bytes);
  return test_summary();
}
