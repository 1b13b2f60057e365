/* preclean.h — removes what can never be article text from the body:
 * non-content elements (script, style, svg, iframe, form controls, ...),
 * elements hidden by `hidden`, aria-hidden="true", inline display:none or
 * visibility:hidden, and closed <dialog>s. The head is left alone (the
 * metadata stage reads it). A hidden disclosure panel is not removed: a
 * closed accordion's section or a tab's panel (named by the aria-controls
 * of a control that discloses, or role=tabpanel; or right after a
 * question, as a FAQ's answer toggled by a script) and hidden=until-found
 * hold content the reader opens with a click (a product's specifications,
 * a service's FAQ); the model judges them like any other block.
 *
 * A safety net: a hidden subtree holding a quarter of the body's text, or
 * the page's h1 or main region, is kept (flagged CC_NF_HIDDEN), since pages
 * saved while a consent dialog was open, or before a script revealed
 * them, often hide the article itself (aria-hidden on the page wrapper,
 * display:none until an app has run).
 */
#ifndef CC_PRECLEAN_H
#define CC_PRECLEAN_H

#include "dom.h"

typedef struct cc_preclean_stats {
  unsigned removed_elements;
  unsigned removed_hidden;
  unsigned kept_hidden; /* hidden subtrees kept by the safety net */
} cc_preclean_stats;

void cc_preclean(cc_dom *d, cc_preclean_stats *st);

/* 1 when the element is hidden by its attributes (hidden, aria-hidden,
 * inline style, type=hidden, popover) or is a dialog not open. */
int cc_node_is_hidden(const cc_node *n);

#endif
