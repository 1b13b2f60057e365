/* blocks.h — the page's text blocks and what is measured of each.
 *
 * A block is a text holder (a block element with inline text of its own:
 * a paragraph, a list item, a cell, a heading, a div with bare text) in
 * the body. blocks.c lists them in document order and describes each by a
 * fixed vector of features: its own text (length, links, punctuation,
 * stopwords, boilerplate wording), its tag, what its ancestors are and
 * say (tags, class/id hints, link density, share of the page), where it
 * stands (in the page, against the container the Readability-style
 * selection chose, beside its neighbours), whether it sits in a run of
 * repeated siblings (posts, cards, rows), and what the page as a whole is
 * (pagetype.c). classify.c turns the vector into a probability of being
 * main content; decide.c turns probabilities into the blocks kept.
 *
 * The feature names are data shared with the training script
 * (train/train.py): CC_FEATURES is the one list, in order; a model carries
 * the list it was trained on and classify.c refuses one that differs.
 */
#ifndef CC_BLOCKS_H
#define CC_BLOCKS_H

#include <stdint.h>

#include "dom.h"

/* Every feature is a float; binary ones are 0 or 1; sizes are log2(1+x). */
#define CC_FEATURES(X)                                                         \
  /* the block's own text */                                                  \
  X(t_chars) X(t_words) X(t_ld) X(t_punct) X(t_commas) X(t_end_sentence)      \
  X(t_digits) X(t_upper) X(t_first_upper) X(t_word_len) X(t_date)             \
  X(t_stopwords) X(t_all_link) X(t_separators) X(t_dup) X(t_title)            \
  X(t_boiler) X(t_ph_cover) X(t_ph_consent) X(t_ph_donate) X(t_ph_newsletter) \
  X(t_ph_social) X(t_ph_related) X(t_ph_comments) X(t_ph_login)               \
  X(t_ph_credit) X(t_ph_ad) X(t_ph_ui)                                        \
  /* the block's tag */                                                       \
  X(g_p) X(g_li) X(g_cell) X(g_h1) X(g_h23) X(g_h456) X(g_div) X(g_section)   \
  X(g_dd) X(g_quote) X(g_pre) X(g_caption) X(g_landmark) X(g_form)            \
  X(g_other)                                                                  \
  /* its ancestors */                                                         \
  X(a_depth) X(a_nav) X(a_header) X(a_footer) X(a_aside) X(a_form)            \
  X(a_article) X(a_main) X(a_list) X(a_table) X(a_section) X(a_quote)         \
  X(a_figure) X(a_details) X(a_link) X(a_button) X(a_hidden)                              \
  X(h_self) X(h_min) X(h_max) X(h_neg)                                        \
  X(k_nav) X(k_footer) X(k_sidebar) X(k_comment) X(k_share) X(k_related)      \
  X(k_ad) X(k_consent) X(k_subscribe) X(k_donate) X(k_caption) X(k_byline)    \
  X(k_modal) X(k_hidden) X(k_meta) X(k_title) X(k_content) X(k_strong)        \
  X(k_embed) X(k_lead) X(k_label)                                             \
  X(k1_neg) X(k1_pos) X(negctx)                                               \
  /* the blocks around it: parent, grandparent, 3 and 5 levels up */          \
  X(c1_ld) X(c1_share) X(c1_blocks) X(c1_score) X(c1_punct)                   \
  X(c2_ld) X(c2_share) X(c2_blocks) X(c2_score) X(c2_punct)                   \
  X(c3_ld) X(c3_share) X(c3_blocks) X(c3_score) X(c3_punct)                   \
  X(c5_ld) X(c5_share) X(c5_blocks) X(c5_score) X(c5_punct)                   \
  /* the Readability-style selection and the filter */                        \
  X(o_in_top) X(o_selected) X(o_dropped) X(o_kept) X(o_before) X(o_after)     \
  X(o_dist) X(o_r_class) X(o_r_landmark) X(o_r_caption) X(o_r_links)          \
  X(o_r_byline) X(o_r_form) X(o_r_label) X(o_r_phrase) X(o_r_headline)        \
  X(o_r_site) X(o_r_section)                                                  \
  /* position and neighbours */                                              \
  X(p_rel) X(p_idx) X(n_prev_kept) X(n_next_kept) X(n_prev_chars)             \
  X(n_next_chars) X(n_prev_ld) X(n_next_ld) X(n_prev_punct) X(n_next_punct)   \
  X(n_siblings) X(n_same_parent)                                              \
  /* repeated siblings (posts, cards, rows) */                                \
  X(r_self) X(r_count) X(r_dist) X(r_share) X(r_ld) X(r_punct)                \
  /* the page */                                                              \
  X(w_chars) X(w_blocks) X(w_ld) X(w_top_share) X(w_kept_share)               \
  X(w_ld_article) X(w_ld_product) X(w_ld_forum) X(w_ld_list) X(w_ld_faq)      \
  X(w_ld_howto) X(w_ld_org) X(w_ld_software) X(w_og_article)                  \
  X(w_og_product) X(w_url_forum) X(w_url_product) X(w_url_collection)         \
  X(w_url_docs) X(w_url_article) X(w_url_depth)                               \
  X(w_pre) X(w_headings) X(w_inputs) X(w_prices) X(w_times) X(w_rep_share)    \
  /* the page type (pagetype.c): a probability per type */                   \
  X(pt_article) X(pt_forum) X(pt_product) X(pt_collection) X(pt_listing)      \
  X(pt_documentation) X(pt_service)

enum {
#define CC_FEATURE_ENUM(name) CC_F_##name,
  CC_FEATURES(CC_FEATURE_ENUM)
#undef CC_FEATURE_ENUM
  CC_NFEAT
};

/* The name of feature i ("t_chars"...). */
const char *cc_feature_name(unsigned i);

/* The page-level features (w_*) live in the same vector: the first and
 * one-past-the-last of them. */
#define CC_F_PAGE_FIRST CC_F_w_chars
#define CC_F_PAGE_END (CC_F_pt_service + 1)

/* The context model's own features (context.c): the block's probability
 * and the word-weighted mean probability of the blocks around it; then
 * CC_NCOPIED of the features above, copied (context.c lists them). */
#define CC_CTX_FEATURES(X)                                                     \
  X(s_p) X(s_logit) X(s_prev1) X(s_next1) X(s_prev2) X(s_next2) X(s_before5)  \
  X(s_after5) X(s_a1) X(s_a1_words) X(s_a2) X(s_a2_words) X(s_a3)             \
  X(s_a3_words) X(s_a5) X(s_a5_words) X(s_group) X(s_page) X(s_page_kept)     \
  X(s_page_max)

#define CC_NCOPIED 26
enum {
#define CC_CTX_ENUM(name) CC_C_##name,
  CC_CTX_FEATURES(CC_CTX_ENUM)
#undef CC_CTX_ENUM
  CC_C_s_copy_first,
  CC_NCTX = CC_C_s_copy_first + CC_NCOPIED
};

/* The name of context feature i (the copied ones by their blocks.h name). */
const char *cc_ctx_feature_name(unsigned i);

typedef struct cc_blocks {
  uint32_t n;       /* blocks, in document order */
  cc_node **node;   /* node[i]: the holder of block i */
  float *feat;      /* n * CC_NFEAT features, row i for block i */
  float *p;         /* p[i]: probability that block i is main content */
  uint8_t *keep;    /* keep[i]: 1 when block i goes to the article */
  uint8_t *old;     /* old[i]: 1 when the Readability-style selection kept it */
  uint8_t *comment; /* comment[i]: 1 when it sits in a comments section */
  uint8_t *veto;    /* veto[i]: 1 when its wording (the phrase filter), its
                       repetition across the site, or a call-to-action box
                       the filter dropped marks it boilerplate (decide.c) */
  uint32_t *card;   /* card[i]: the node id of the teaser card it lies in (a
                       link to another page wrapped around a few short
                       blocks), or 0 */
  uint8_t *lead;    /* lead[i]: its class names it the article's lead (dek,
                       standfirst, chapo...) */
  int32_t *of;      /* of[node id]: the block it is, or -1 */
  float page[CC_NFEAT]; /* the page-level part, copied into every row */
} cc_blocks;

#endif
