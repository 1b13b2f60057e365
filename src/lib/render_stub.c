/* render_stub.c — placeholder md/html/json renderers (txt only). */
#include "render.h"

void cc_render_md(const cc_ast *doc, const cc_meta *meta, cc_buf *out) { (void)meta; cc_render_txt(doc, out); }
void cc_render_html(const cc_ast *doc, const cc_meta *meta, cc_buf *out) { (void)meta; cc_render_txt(doc, out); }
void cc_render_json(const cc_meta *meta, const char *text, size_t text_len, const char *charset, const char *kind, cc_buf *out) {
  (void)meta; (void)charset; (void)kind; cc_buf_put(out, text, text_len);
}
