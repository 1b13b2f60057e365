/* test_text_markdown.c — Markdown clippings: telling one from a page's
 * text dump (links decide; code comments and "**kwargs" do not), the
 * blocks (ATX and setext headings, paragraphs over several lines, nested
 * list items, quotes, fenced and indented code with their info string,
 * pipe tables, thematic breaks, reference definitions), each block's
 * visible text and link share, the inline syntax read into the tree
 * (links inline and by reference, images, emphasis, code spans,
 * autolinks, escapes, character references, HTML tags dropped), and
 * hostile syntax (unclosed brackets, fences and emphasis) read as text. */
#include "../../include/clipclean.h"
#include "ast.h"
#include "test.h"
#include "text.h"

static cc_tdoc md_of(cc_arena *a, const char *s) {
  cc_tdoc d;
  memset(&d, 0, sizeof d);
  cc_md_split(a, s, strlen(s), "https://example.org/dir/page.html", &d);
  return d;
}

static int is(const cc_tblock *b, const char *s) {
  return b->len == strlen(s) && !memcmp(b->text, s, b->len);
}

TEST(telling_markdown) {
  const char *md = "# Title\n\nSome text with [a link](https://a.example/x).\n\n"
                   "- [Home](/)\n- [News](/news)\n";
  CHECK(cc_md_detect(md, strlen(md)));
  const char *fence = "## Setup\n\n```sh\nmake\n```\n\n## Run\n\n**Note:** run it.\n\n"
                      "```sh\n./run\n```\n";
  CHECK(cc_md_detect(fence, strlen(fence)));
  /* a page's text dump: lines, no link syntax */
  const char *dump = "Home\nNews\n\nThe council met on Tuesday.\n\n# check if early\n"
                     "# in real version: pull from the api\nx = **kwargs\n";
  CHECK(!cc_md_detect(dump, strlen(dump)));
  const char *js = "Symbol.hasInstance\n[Symbol.hasInstance]()\nCalled by instanceof.\n";
  CHECK(!cc_md_detect(js, strlen(js)));
}

TEST(blocks) {
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc d = md_of(&a,
                    "# Main title #\n\nA paragraph\nover two lines.\n\nSub\n---\n\n"
                    "- one\n- two\n  - nested\n- three\n\n1. first\n2) second\n\n"
                    "> quoted\n> text\n\n```python title\nx = 1\n\n  y = 2\n```\n\n"
                    "    indented code\n\n***\n\n| A | B |\n|---|:-:|\n| 1 | [x](/x) |\n\n"
                    "[ref]: https://r.example/ \"T\"\n");
  CHECK(d.markdown == 1);
  uint32_t k = 0;
  CHECK(d.b[k].md == CC_TMD_HEADING && d.b[k].level == 1 && is(&d.b[k], "Main title"));
  k++;
  CHECK(d.b[k].md == CC_TMD_PARA && is(&d.b[k], "A paragraph over two lines."));
  CHECK(d.b[k].nlines == 2);
  k++;
  CHECK(d.b[k].md == CC_TMD_HEADING && d.b[k].level == 2 && is(&d.b[k], "Sub"));
  k++;
  CHECK(d.b[k].md == CC_TMD_ITEM && d.b[k].bullet == 1 && d.b[k].level == 0 && is(&d.b[k], "one"));
  k++;
  CHECK(d.b[k].md == CC_TMD_ITEM && d.b[k].level == 0 && is(&d.b[k], "two"));
  k++;
  CHECK(d.b[k].md == CC_TMD_ITEM && d.b[k].level == 1 && is(&d.b[k], "nested"));
  k++;
  CHECK(d.b[k].md == CC_TMD_ITEM && d.b[k].level == 0 && is(&d.b[k], "three"));
  k++;
  CHECK(d.b[k].md == CC_TMD_ITEM && d.b[k].bullet == 2 && d.b[k].number == 1);
  k++;
  CHECK(d.b[k].md == CC_TMD_ITEM && d.b[k].bullet == 2 && d.b[k].number == 2);
  k++;
  CHECK(d.b[k].md == CC_TMD_PARA && d.b[k].quote == 1 && is(&d.b[k], "quoted text"));
  k++;
  CHECK(d.b[k].md == CC_TMD_CODE && is(&d.b[k], "x = 1\n\n  y = 2"));
  CHECK_STR(d.b[k].info, "python");
  k++;
  CHECK(d.b[k].md == CC_TMD_CODE && is(&d.b[k], "indented code"));
  k++;
  CHECK(d.b[k].md == CC_TMD_RULE && is(&d.b[k], "")); /* text, though empty: never NULL */
  k++;
  CHECK(d.b[k].md == CC_TMD_TABLE && d.b[k].inl && d.b[k].inl->type == CC_AST_TABLE);
  CHECK(d.b[k].links > 0);
  k++;
  CHECK(d.n == k); /* the definition leaves no block */
  cc_arena_free(&a);
}

/* The inline nodes of a one-paragraph clipping, as "TYPE(text|url)" ... */
static void describe(const cc_ast *top, char *out, size_t cap) {
  size_t o = 0;
  out[0] = '\0';
  for (const cc_ast *x = top->first; x && o + 64 < cap; x = cc_ast_next(top, x, 0)) {
    const char *t = x->type == CC_AST_TEXT     ? "T"
                    : x->type == CC_AST_LINK   ? "L"
                    : x->type == CC_AST_IMAGE  ? "I"
                    : x->type == CC_AST_EMPH   ? "E"
                    : x->type == CC_AST_STRONG ? "S"
                    : x->type == CC_AST_CODE   ? "C"
                    : x->type == CC_AST_BREAK  ? "B"
                                               : "?";
    o += (size_t)snprintf(out + o, cap - o, "%s(%.*s|%s)", t, (int)(x->text ? x->len : 0),
                          x->text ? x->text : "", x->url ? x->url : "");
  }
}

static void inline_is(const char *md, const char *want) {
  cc_arena a;
  cc_arena_init(&a);
  cc_ast *top = cc_ast_new(&a, CC_AST_PARAGRAPH);
  cc_md_refs refs = {NULL, 0};
  cc_md_inlines(&a, md, strlen(md), &refs, "https://example.org/dir/page.html", top);
  char got[1024];
  describe(top, got, sizeof got);
  CHECK_STR(got, want);
  cc_arena_free(&a);
}

TEST(inline_syntax) {
  inline_is("see [the docs](/docs \"Docs\") now", "T(see |)L(|https://example.org/docs)T(the docs|)T( now|)");
  inline_is("![alt *text*](img.png)", "I(alt text|https://example.org/dir/img.png)");
  inline_is("a *b* and **c** and ***d***", "T(a |)E(|)T(b|)T( and |)S(|)T(c|)T( and |)S(|)E(|)T(d|)");
  inline_is("call `f(*x)` now", "T(call |)C(f(*x)|)T( now|)");
  inline_is("<https://a.example/p> or <me@mail.example>",
            "L(|https://a.example/p)T(https://a.example/p|)T( or |)L(|mailto:me@mail.example)T(me@mail.example|)");
  inline_is("\\*not\\* &amp; &#233;t&eacute;", "T(*not* & ét&eacute;|)");
  inline_is("a<span class=x>b</span><br>c", "T(ab|)B(|)T(c|)");
  inline_is("snake_case_name and 2 * 3 * 4", "T(snake_case_name and 2 * 3 * 4|)");
  inline_is("[js](javascript:alert(1)) x", "T(js x|)");
}

TEST(references_and_visible_text) {
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc d = md_of(&a, "Read [the report][Rep] and [Rep] and [rep][].\n\n"
                        "[Home](/) [News](/news) [Sport](/sport)\n\n"
                        "[rep]: https://r.example/report.pdf\n");
  CHECK(d.n == 2);
  CHECK(is(&d.b[0], "Read the report and Rep and rep."));
  unsigned links = 0;
  cc_ast *top = cc_ast_new(&a, CC_AST_PARAGRAPH);
  cc_md_inlines(&a, d.b[0].raw, d.b[0].rawlen, d.refs, d.base, top);
  for (const cc_ast *x = top->first; x; x = x->next)
    if (x->type == CC_AST_LINK) {
      links++;
      CHECK_STR(x->url, "https://r.example/report.pdf");
    }
  CHECK(links == 3);
  CHECK(d.b[0].links < 200);
  CHECK(is(&d.b[1], "Home News Sport"));
  CHECK(d.b[1].links >= 200); /* a menu is all link text */
  cc_arena_free(&a);
}

TEST(hostile_syntax_reads_as_text) {
  cc_arena a;
  cc_arena_init(&a);
  /* deep and unclosed brackets, stray emphasis, an unclosed fence */
  char buf[4096];
  size_t o = 0;
  for (int i = 0; i < 300; i++) buf[o++] = '[';
  memcpy(buf + o, "x](y) **a *b", 12);
  o += 12;
  buf[o] = '\0';
  cc_tdoc d = md_of(&a, buf);
  CHECK(d.n == 1);
  CHECK(d.b[0].len > 300);
  d = md_of(&a, "```\nnever closed\n# not a heading\n");
  CHECK(d.n == 1 && d.b[0].md == CC_TMD_CODE);
  CHECK(is(&d.b[0], "never closed\n# not a heading"));
  cc_arena_free(&a);
}

TEST(through_the_api) {
  const char *md =
      "[Site](/) \n\n- [Home](/)\n- [World](/world)\n- [Sport](/sport)\n\n"
      "# The bridge will be rebuilt\n\nBy Jane Roe | March 3, 2025\n\n"
      "The council voted on Tuesday to rebuild the old bridge over the river, after two "
      "years of debate about its cost and the detour it forces on the town.\n\n"
      "## What changes\n\n"
      "Work starts in May and should take eighteen months, the council said, with a "
      "[temporary footbridge](https://town.example/footbridge) for walkers.\n\n"
      "```\nclosure: 2025-05-01\n```\n\n"
      "The old stones will be kept and set into the new parapet, as the heritage office "
      "asked in its report last year.\n\n"
      "## Related posts\n\n- [Budget 2025](/budget)\n- [New bus lines](/bus)\n";
  cc_options o;
  cc_options_init(&o);
  cc_result *r = NULL;
  cc_error err;
  CHECK(cc_extract(md, strlen(md), &o, &r, &err) == CC_OK);
  CHECK_STR(cc_result_input_kind(r), "markdown");
  CHECK_STR(cc_result_title(r), "The bridge will be rebuilt");
  CHECK_STR(cc_result_author(r), "Jane Roe");
  char *out = cc_render(r, CC_FORMAT_MD, NULL, &err);
  CHECK_CONTAINS(out, "## What changes\n");
  CHECK_CONTAINS(out, "[temporary footbridge](https://town.example/footbridge)");
  CHECK_CONTAINS(out, "```\nclosure: 2025-05-01\n```");
  CHECK_LACKS(out, "Sport");
  CHECK_LACKS(out, "Related posts");
  CHECK_LACKS(out, "Budget 2025");
  CHECK_LACKS(out, "Jane Roe");
  cc_free(out);
  cc_result_free(r);
  /* forced: a text with no Markdown marks read as Markdown all the same */
  o.input_format = CC_INPUT_MARKDOWN;
  const char *plain = "Plain *words* here, and more words to make a sentence of it.\n";
  CHECK(cc_extract(plain, strlen(plain), &o, &r, &err) == CC_OK);
  CHECK_STR(cc_result_input_kind(r), "markdown");
  CHECK_CONTAINS(cc_result_text(r), "Plain words here");
  cc_result_free(r);
}

int main(void) {
  RUN(telling_markdown);
  RUN(blocks);
  RUN(inline_syntax);
  RUN(references_and_visible_text);
  RUN(hostile_syntax_reads_as_text);
  RUN(through_the_api);
  return test_summary();
}
