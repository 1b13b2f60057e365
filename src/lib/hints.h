/* hints.h — what an element's class, id, role and itemprop say about it.
 *
 * Words are matched against the tokens of the attribute values (split at
 * '-', '_', spaces and camelCase humps, lowercased), so "ad" matches the
 * class "ad-slot" but not "header" or "shadow". The word lists are data in
 * hints.c. A hint value is a small signed weight: positive for content
 * containers, negative for boilerplate, with kinds for the filter.
 */
#ifndef CC_HINTS_H
#define CC_HINTS_H

#include "dom.h"

/* What kind of boilerplate a negative hint names. */
enum {
  CC_HK_NAV = 1u << 0,      /* nav, menu, breadcrumb, pagination */
  CC_HK_FOOTER = 1u << 1,   /* footer, copyright */
  CC_HK_SIDEBAR = 1u << 2,  /* sidebar, widget, aside */
  CC_HK_COMMENT = 1u << 3,  /* comments, replies */
  CC_HK_SHARE = 1u << 4,    /* share, social, follow */
  CC_HK_RELATED = 1u << 5,  /* related, recommended, more, teaser */
  CC_HK_AD = 1u << 6,       /* ad, sponsor, promo */
  CC_HK_CONSENT = 1u << 7,  /* cookie, consent, gdpr */
  CC_HK_SUBSCRIBE = 1u << 8,/* newsletter, subscribe, signup, paywall */
  CC_HK_DONATE = 1u << 9,   /* donate, support */
  CC_HK_CAPTION = 1u << 10, /* caption, credit */
  CC_HK_BYLINE = 1u << 11,  /* byline, author, dateline */
  CC_HK_MODAL = 1u << 12,   /* modal, popup, overlay */
  CC_HK_HIDDEN = 1u << 13,  /* hidden, sr-only, visually-hidden */
  CC_HK_META = 1u << 14,    /* tags, categories, meta, date */
  CC_HK_TITLE = 1u << 15,   /* headline, title */
  CC_HK_CONTENT = 1u << 16, /* article, content, body, story... (positive) */
  CC_HK_STRONG_CONTENT = 1u << 17, /* articleBody-like: entry-content, post-body */
  CC_HK_EMBED = 1u << 18,   /* embed: quoted third-party content (a tweet) */
  CC_HK_LEAD = 1u << 19,    /* lead, dek, standfirst, chapo: the article's lead */
  CC_HK_LABEL = 1u << 20    /* kicker, rubric, eyebrow: a label above a headline */
};

typedef struct cc_hint {
  int weight;     /* sum of word weights, clamped to [-50, 50] */
  unsigned kinds; /* CC_HK_* bits seen */
} cc_hint;

/* Computes the hint of an element from class, id, role, itemprop. */
cc_hint cc_hint_of(const cc_node *n);

#endif
