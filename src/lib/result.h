/* result.h — what a cc_result holds (the public type is opaque).
 *
 * extract.c fills it (cc_extract), result.c answers the accessors and
 * render.c renders it. Everything lives in the result's arena, but the
 * explain report (cc_malloc'd).
 */
#ifndef CC_RESULT_H
#define CC_RESULT_H

#include "../../include/clipclean.h"
#include "arena.h"
#include "ast.h"
#include "pipeline.h"

/* One image or link of the article, in document order. */
typedef struct cc_ref {
  const char *url;
  const char *text; /* an image's alt text, a link's visible text */
} cc_ref;

struct cc_result {
  cc_arena arena; /* owns everything below but `explain` */
  cc_meta meta;
  cc_ast *ast;    /* the whole article: images, links and tables included */
  char *text;     /* the txt rendering, as the extraction options say */
  size_t text_len;
  const char *charset;
  const char *kind;
  char *explain; /* cc_malloc'd */
  const uint64_t *fingerprints;
  size_t nfingerprints;
  cc_ref *images, *links;
  size_t nimages, nlinks;
  size_t max_output; /* cc_options.max_output_bytes; 0 = none */
  unsigned flags;    /* cc_options.flags */
};

/* The render options a result is rendered with by default: the
 * extraction's flags and output limit. */
void cc_result_render_defaults(const cc_result *r, cc_render_options *ro);
/* The tree as render options show it: the article itself, or a copy in
 * `scratch` without what the options leave out. */
const cc_ast *cc_result_view(const cc_result *r, const cc_render_options *ro,
                             cc_arena *scratch);
/* Fills r->images and r->links from r->ast. */
void cc_result_collect_refs(cc_result *r);

/* What the entry points share (extract.c). */
/* Sets *err (when not NULL) and returns st. */
cc_status cc_fail(cc_error *err, cc_status st, const char *msg);
/* Copies a caller's sized struct (cc_options, cc_render_options: a size_t
 * size first) over dst, which holds the defaults: fields the caller's
 * struct lacks keep them; fields past dst must be zero. Returns CC_OK or
 * CC_ERR_ARGS (err set) when the size is below min_size (not set up by
 * its init) or an unknown field is set. */
int cc_take_struct(void *dst, size_t dst_size, const void *src, size_t src_size,
                   size_t min_size, const char *what, cc_error *err);
/* The caller's options (NULL: defaults) as this library reads them. */
cc_status cc_options_take(const cc_options *in, cc_options *o, cc_error *err);
/* The input limit options mean (0 and above the ceiling: the ceiling). */
size_t cc_options_max_input(const cc_options *o);
/* cc_extract with options already taken, under the caller's guard. */
cc_status cc_extract_taken(const char *data, size_t len, const cc_options *taken,
                           cc_result **out, cc_error *err);

#endif
