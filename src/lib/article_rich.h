/* article_rich.h — what the article keeps beyond plain text, for the
 * builder (article.c): footnotes, embeds, figure captions, and the tidying
 * of the finished tree (article_rich.c). */
#ifndef CC_ARTICLE_RICH_H
#define CC_ARTICLE_RICH_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "dom.h"

struct cc_ctx;

/* 1 when x (an <a>, or a <sup> around one) refers to a footnote of the
 * page: a short mark ("1", "[2]", "*") linking to an anchor on the page,
 * in a superscript or named as a note reference. Its label goes to
 * label (cap bytes). */
int cc_rich_fnref(const cc_node *x, char *label, size_t cap);

/* 1 when the <a> leads from a note back to its reference ("↩"). */
int cc_rich_backlink(const cc_node *a);

/* 1 when the element, inside a caption, is its credit ("© Reuters",
 * class="credit"). */
int cc_rich_credit(const cc_node *x);

/* A video or audio element (or an embed marks.c turned into one): the
 * page to link to (*url, absolute) and the link's text (*label: "Video:
 * <title>"), in the arena; 0 when it has no source to link to. */
int cc_rich_embed(cc_arena *a, const cc_node *x, const char *base, const char **url,
                  const char **label);

/* Tidies the finished tree: footnote lists become footnotes matched to
 * their references (a reference left unmatched reads as a superscript),
 * credits are cut from captions (a caption that was only a credit goes),
 * and a rule right after another rule, or at either end, goes. */
void cc_rich_finish(struct cc_ctx *ctx, cc_ast *doc);

#endif
