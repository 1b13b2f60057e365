/* marks.h — the meaning pre-cleaning would remove, marked before it runs
 * (marks.c): video and audio embeds, task-list checkboxes. */
#ifndef CC_MARKS_H
#define CC_MARKS_H

#include <stddef.h>

#include "dom.h"

/* Marks embeds (their elements become <video>, flagged CC_NF_EMBED) and
 * task items (CC_NF_TODO, CC_NF_DONE on the <li>). */
void cc_marks(cc_dom *d);

/* The public page of a video, audio or post embed served from `src`
 * ("https://www.youtube.com/embed/ab12" -> "https://www.youtube.com/watch?v=ab12"),
 * written into out; returns its kind ("video", "audio", "post"), or NULL
 * when the source is no provider we know (or does not fit in cap). */
const char *cc_embed_page(const char *src, char *out, size_t cap);

/* The source URL of an embed element (src, data-src...), or NULL. */
const char *cc_embed_source(const cc_node *x);

#endif
