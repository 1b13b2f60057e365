/* segments.h — streamed segments: content a server sent after the page's
 * shell, to be moved into place by a script.
 *
 * React's streaming server rendering (used by Next.js and others, and a
 * large share of the web) sends the page's shell first, with an empty
 * <template id="B:0"> (a boundary still loading) or <template id="P:1"> (a
 * placeholder) where content is missing; the content follows later, at
 * the end of the body, in <div hidden id="S:0">, each followed by a small
 * script calling $RC("B:0","S:0") (complete a boundary: the segment
 * replaces it), $RR(...) (the same, with styles) or $RS("S:1","P:1")
 * (complete a segment: it replaces the placeholder). A browser runs those
 * scripts; a saved page keeps the hidden divs, so without them the
 * article of such a page is hidden, or out of place after the footer.
 *
 * The pre-pass (strip.c) keeps each such template as an empty <wbr> with
 * its id (a void element that holds no text, so it is harmless wherever
 * nothing is moved) and reads the calls out of the scripts it removes
 * (cc_segments_scan); after the parse, cc_segments_place does what the
 * scripts would have done. Ids are matched as the scripts name them; a
 * slot no script names (pages are often saved without their scripts) is
 * filled by React's numbering: "B:1f" and "P:1f" are filled by "S:1f".
 */
#ifndef CC_SEGMENTS_H
#define CC_SEGMENTS_H

#include <stddef.h>

#include "arena.h"
#include "dom.h"

#define CC_SEGMENT_ID_MAX 32 /* longer ids are not React's: ignored */
#define CC_SEGMENTS_MAX 4096 /* calls read per page; later ones ignored */

typedef struct cc_segment_move {
  char slot[CC_SEGMENT_ID_MAX];    /* the template's id: "B:0", "P:1" */
  char segment[CC_SEGMENT_ID_MAX]; /* the hidden div's id: "S:0" */
} cc_segment_move;

typedef struct cc_segments {
  cc_segment_move *v; /* in the arena given to cc_segments_scan */
  unsigned n, cap;
  unsigned slots; /* slot templates seen by the pre-pass: until one is
                     seen, scripts are not read */
} cc_segments;

/* 1 when a template's id (n bytes) is a slot's: an optional prefix, then
 * "B:" or "P:" and a hexadecimal number; only [A-Za-z0-9_:-] bytes. */
int cc_segment_slot_id(const char *id, size_t n);

/* Reads the $RC/$RR/$RS calls out of a script's text (n bytes) into s. */
void cc_segments_scan(cc_arena *a, cc_segments *s, const char *js, size_t n);

/* Moves each segment's children to where its slot stands, in the order of
 * the calls (then the slots no call names), and removes the slot and the emptied segment; re-numbers the
 * DOM when anything moved. Returns the number of segments placed. */
unsigned cc_segments_place(cc_dom *d, const cc_segments *s);

#endif
