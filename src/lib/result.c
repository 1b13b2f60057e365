/* result.c — the cc_result accessors, and what a result knows about
 * itself: its images and links (collected once, after extraction), the
 * render options its extraction implies, and the view of its tree that
 * render options ask for. */
#include <string.h>

#include "lang.h"
#include "oom.h"
#include "render_util.h"
#include "result.h"

void cc_result_free(cc_result *r) {
  if (!r) return;
  cc_mfree(r->explain);
  cc_arena_free(&r->arena);
  cc_mfree(r);
}

#define ACCESSOR(name, field) \
  const char *cc_result_##name(const cc_result *r) { return r ? r->field : NULL; }
ACCESSOR(title, meta.title)
ACCESSOR(author, meta.author)
ACCESSOR(date, meta.date)
ACCESSOR(site_name, meta.site_name)
ACCESSOR(language, meta.language)
ACCESSOR(url, meta.url)
ACCESSOR(description, meta.description)
ACCESSOR(image, meta.image)
ACCESSOR(published, meta.published)
ACCESSOR(modified, meta.modified)
ACCESSOR(page_type, meta.page_type)
ACCESSOR(charset, charset)
ACCESSOR(input_kind, kind)
ACCESSOR(text, text)
ACCESSOR(explain, explain)
#undef ACCESSOR

size_t cc_result_text_length(const cc_result *r) { return r ? r->text_len : 0; }

size_t cc_result_tags(const cc_result *r, const char *const **tags) {
  if (tags) *tags = r ? r->meta.tags : NULL;
  return r ? r->meta.ntags : 0;
}

size_t cc_result_word_count(const cc_result *r) {
  return r && r->text_len ? cc_word_count(r->text, r->text_len) : 0;
}

const uint64_t *cc_result_block_hashes(const cc_result *r, size_t *count) {
  if (count) *count = r ? r->nfingerprints : 0;
  return r ? r->fingerprints : NULL;
}

/* ---- images and links ------------------------------------------------ */

size_t cc_result_image_count(const cc_result *r) { return r ? r->nimages : 0; }
size_t cc_result_link_count(const cc_result *r) { return r ? r->nlinks : 0; }

const char *cc_result_image_url(const cc_result *r, size_t i) {
  return r && i < r->nimages ? r->images[i].url : NULL;
}
const char *cc_result_image_alt(const cc_result *r, size_t i) {
  return r && i < r->nimages ? r->images[i].text : NULL;
}
const char *cc_result_link_url(const cc_result *r, size_t i) {
  return r && i < r->nlinks ? r->links[i].url : NULL;
}
const char *cc_result_link_text(const cc_result *r, size_t i) {
  return r && i < r->nlinks ? r->links[i].text : NULL;
}

/* Whitespace-collapsed copy of s[0..n) in the arena. */
static const char *collapsed(cc_arena *a, cc_buf *tmp, const char *s, size_t n) {
  cc_buf_clear(tmp);
  if (s) cc_put_collapsed(tmp, s, n);
  return cc_arena_strndup(a, tmp->data ? tmp->data : "", tmp->len);
}

void cc_result_collect_refs(cc_result *r) {
  size_t ni = 0, nl = 0;
  for (const cc_ast *n = r->ast; n; n = cc_ast_next(r->ast, n, 0)) {
    ni += n->type == CC_AST_IMAGE && n->url;
    nl += n->type == CC_AST_LINK && n->url;
  }
  r->images = cc_arena_alloc(&r->arena, (ni ? ni : 1) * sizeof *r->images);
  r->links = cc_arena_alloc(&r->arena, (nl ? nl : 1) * sizeof *r->links);
  cc_buf tmp = CC_BUF_INIT;
  for (const cc_ast *n = r->ast; n; n = cc_ast_next(r->ast, n, 0)) {
    if (!n->url) continue;
    if (n->type == CC_AST_IMAGE) {
      cc_ref *f = &r->images[r->nimages++];
      f->url = n->url;
      f->text = collapsed(&r->arena, &tmp, n->text, n->text ? n->len : 0);
    } else if (n->type == CC_AST_LINK) {
      cc_ref *f = &r->links[r->nlinks++];
      f->url = n->url;
      cc_buf_clear(&tmp);
      cc_inline_plain(n->first, n->last, &tmp);
      f->text = cc_arena_strndup(&r->arena, tmp.data ? tmp.data : "", tmp.len);
    }
  }
  cc_buf_free(&tmp);
}

/* ---- render options and views ---------------------------------------- */

void cc_result_render_defaults(const cc_result *r, cc_render_options *ro) {
  cc_render_options_init(ro);
  if (r->flags & CC_OPT_NO_IMAGES) ro->flags |= CC_RENDER_NO_IMAGES;
  if (r->flags & CC_OPT_NO_LINKS) ro->flags |= CC_RENDER_NO_LINKS;
  if (r->flags & CC_OPT_NO_TABLES) ro->flags |= CC_RENDER_NO_TABLES;
  ro->max_output_bytes = r->max_output;
}

const cc_ast *cc_result_view(const cc_result *r, const cc_render_options *ro,
                             cc_arena *scratch) {
  unsigned drop = 0;
  if (ro->flags & CC_RENDER_NO_IMAGES) drop |= CC_AST_DROP_IMAGES;
  if (ro->flags & CC_RENDER_NO_LINKS) drop |= CC_AST_DROP_LINKS;
  if (ro->flags & CC_RENDER_NO_TABLES) drop |= CC_AST_DROP_TABLES;
  return drop ? cc_ast_copy_view(scratch, r->ast, drop) : r->ast;
}
