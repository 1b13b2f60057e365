/* render.h — renderers from the article tree to the output formats.
 *
 * One small module per format (render_txt.c, render_md.c, render_html.c,
 * render_json.c); escaping for each format lives in its module. All write
 * into a caller-owned cc_buf.
 */
#ifndef CC_RENDER_H
#define CC_RENDER_H

#include "ast.h"
#include "buf.h"
#include "pipeline.h"

void cc_render_txt(const cc_ast *doc, cc_buf *out);
void cc_render_md(const cc_ast *doc, const cc_meta *meta, cc_buf *out);
void cc_render_html(const cc_ast *doc, const cc_meta *meta, cc_buf *out);
/* `text` is the txt rendering (already computed by the result). */
void cc_render_json(const cc_meta *meta, const char *text, size_t text_len,
                    const char *charset, const char *kind, cc_buf *out);

#endif
