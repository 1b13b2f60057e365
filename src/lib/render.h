/* render.h — renderers from the article tree to the output formats.
 *
 * One module per format (render_txt.c, render_md.c, render_html.c,
 * render_json.c); each format's escaping lives in its module, and what
 * they share (the walks over the tree that settle how odd shapes read,
 * table and list helpers, UTF-8) in render_util.c. All append to a
 * caller-owned cc_buf, which may be bounded and drained into a sink
 * (buf.h): they call cc_buf_drain between blocks and table rows, and stop
 * early once it says the buffer stopped. Any tree shape is safe, and
 * `meta` may be NULL. What render options say about images, links and
 * tables is settled before them, in the tree they get (render.c); the
 * options are passed on for the rest (md flavor, front matter).
 */
#ifndef CC_RENDER_H
#define CC_RENDER_H

#include "ast.h"
#include "buf.h"
#include "pipeline.h"

void cc_render_txt(const cc_ast *doc, cc_buf *out);
/* The same with CC_TXT_* flags. */
enum { CC_TXT_CAPTIONS = 1u << 0 /* figure captions as paragraphs */ };
void cc_render_txt_with(const cc_ast *doc, unsigned flags, cc_buf *out);
/* CommonMark + GFM (tables, strikethrough, footnotes, task lists); with
 * the render options' front matter (render_front.c) and title heading.
 * `ro` may be NULL (defaults). */
void cc_render_md(const cc_ast *doc, const cc_meta *meta, const cc_render_options *ro,
                  cc_buf *out);
/* A complete HTML5 document: head from meta, <article> with the body. */
void cc_render_html(const cc_ast *doc, const cc_meta *meta, const cc_render_options *ro,
                    cc_buf *out);
/* One compact JSON object and a newline (JSON Lines when concatenated).
 * `text` is the txt rendering (already computed by the result); NULL
 * strings become null. */
void cc_render_json(const cc_meta *meta, const char *text, size_t text_len,
                    const char *charset, const char *kind, const cc_render_options *ro,
                    cc_buf *out);

/* render_front.c: the YAML front matter block of a Markdown clipping
 * ("---" lines around it), every value quoted so that any page's text
 * parses as YAML. */
void cc_render_front_matter(const cc_meta *meta, const char *text, size_t text_len,
                            const cc_render_options *ro, cc_buf *out);

#endif
