/* pagetype.c — what kind of page this is, from its structure and its own
 * statements.
 *
 * Fills the page-level features of ctx->blocks.page: the page's size and
 * link density, what the Readability-style selection made of it, the
 * schema.org types its JSON-LD declares, its og:type, the words of its
 * URL's path (forum/thread, product, collections, docs, blog/news, a
 * year), and counts of code blocks, headings, form fields, prices, dates
 * and of text in repeated sibling groups. The page type model
 * (model_data.c) turns them into a probability per type; the most likely
 * one is ctx->meta.page_type, and the probabilities are features of every
 * block (a forum's repeated posts are content, an article's comments are
 * not).
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "oom.h"
#include "pipeline.h"

static const char *const type_names[7] = {"article", "forum", "product", "collection",
                                          "listing", "documentation", "service"};

/* schema.org types, grouped as the w_ld_* features. */
static const struct {
  const char *type;
  int feature;
} ld_types[] = {
    {"Article", CC_F_w_ld_article}, {"NewsArticle", CC_F_w_ld_article},
    {"BlogPosting", CC_F_w_ld_article}, {"Report", CC_F_w_ld_article},
    {"ScholarlyArticle", CC_F_w_ld_article}, {"OpinionNewsArticle", CC_F_w_ld_article},
    {"ReportageNewsArticle", CC_F_w_ld_article}, {"AnalysisNewsArticle", CC_F_w_ld_article},
    {"LiveBlogPosting", CC_F_w_ld_article}, {"Review", CC_F_w_ld_article},
    {"Product", CC_F_w_ld_product}, {"ProductGroup", CC_F_w_ld_product},
    {"Offer", CC_F_w_ld_product}, {"AggregateOffer", CC_F_w_ld_product},
    {"IndividualProduct", CC_F_w_ld_product}, {"Vehicle", CC_F_w_ld_product},
    {"Car", CC_F_w_ld_product}, {"Book", CC_F_w_ld_product},
    {"DiscussionForumPosting", CC_F_w_ld_forum}, {"QAPage", CC_F_w_ld_forum},
    {"Question", CC_F_w_ld_forum}, {"Answer", CC_F_w_ld_forum},
    {"SocialMediaPosting", CC_F_w_ld_forum},
    {"ItemList", CC_F_w_ld_list}, {"CollectionPage", CC_F_w_ld_list},
    {"SearchResultsPage", CC_F_w_ld_list}, {"OfferCatalog", CC_F_w_ld_list},
    {"Blog", CC_F_w_ld_list},
    {"FAQPage", CC_F_w_ld_faq},
    {"HowTo", CC_F_w_ld_howto}, {"Recipe", CC_F_w_ld_howto}, {"HowToStep", CC_F_w_ld_howto},
    {"Organization", CC_F_w_ld_org}, {"LocalBusiness", CC_F_w_ld_org},
    {"Service", CC_F_w_ld_org}, {"ProfessionalService", CC_F_w_ld_org},
    {"Corporation", CC_F_w_ld_org}, {"AboutPage", CC_F_w_ld_org},
    {"ContactPage", CC_F_w_ld_org}, {"EducationalOrganization", CC_F_w_ld_org},
    {"MedicalOrganization", CC_F_w_ld_org}, {"Course", CC_F_w_ld_org},
    {"Event", CC_F_w_ld_org},
    {"SoftwareApplication", CC_F_w_ld_software}, {"WebAPI", CC_F_w_ld_software},
    {"TechArticle", CC_F_w_ld_software}, {"APIReference", CC_F_w_ld_software},
    {"SoftwareSourceCode", CC_F_w_ld_software}, {"WebApplication", CC_F_w_ld_software},
};

static void ld_type(const char *s, size_t n, float *page) {
  for (size_t i = 0; i < sizeof ld_types / sizeof ld_types[0]; i++)
    if (strlen(ld_types[i].type) == n && !memcmp(ld_types[i].type, s, n))
      page[ld_types[i].feature] = 1;
}

/* Every "@type" value in a JSON-LD block, read lexically (a string or an
 * array of strings): enough to know what the page says it is, and it
 * holds on the broken JSON pages ship. */
static void scan_jsonld(const char *p, size_t len, float *page) {
  const char *e = p + len;
  for (const char *q = p; q + 7 < e; q++) {
    if (memcmp(q, "\"@type\"", 7) != 0) continue;
    q += 7;
    while (q < e && (*q == ' ' || *q == ':' || *q == '\n' || *q == '\t' || *q == '\r')) q++;
    int array = q < e && *q == '[';
    if (array) q++;
    for (int k = 0; k < 8 && q < e; k++) {
      while (q < e && (*q == ' ' || *q == ',' || *q == '\n' || *q == '\t' || *q == '\r')) q++;
      if (q >= e || *q != '"') break;
      const char *s = ++q;
      while (q < e && *q != '"') q++;
      /* "https://schema.org/Product" names a type too */
      const char *slash = s;
      for (const char *t = s; t < q; t++)
        if (*t == '/') slash = t + 1;
      ld_type(slash, (size_t)(q - slash), page);
      if (q < e) q++;
      if (!array) break;
    }
  }
}

static void scan_og_type(const cc_dom *d, float *page) {
  const cc_node *head = d->head;
  if (!head) return;
  for (const cc_node *x = head->first; x; x = cc_dom_next(head, x, 0)) {
    if (!cc_node_is(x, CC_TAG_META)) continue;
    const char *p = cc_node_attr(x, "property");
    if (!p) p = cc_node_attr(x, "name");
    const char *c = cc_node_attr(x, "content");
    if (!p || !c || strcasecmp(p, "og:type")) continue;
    if (!strncasecmp(c, "article", 7) || !strncasecmp(c, "blog", 4)) page[CC_F_w_og_article] = 1;
    if (strstr(c, "product")) page[CC_F_w_og_product] = 1;
  }
}

/* Words of the URL's path that say what a page is, by web-wide
 * convention; a segment must equal the word. */
static const struct {
  const char *word;
  int feature;
} url_words[] = {
    {"forum", CC_F_w_url_forum}, {"forums", CC_F_w_url_forum}, {"thread", CC_F_w_url_forum},
    {"threads", CC_F_w_url_forum}, {"topic", CC_F_w_url_forum}, {"topics", CC_F_w_url_forum},
    {"t", CC_F_w_url_forum}, {"questions", CC_F_w_url_forum}, {"question", CC_F_w_url_forum},
    {"community", CC_F_w_url_forum}, {"discussion", CC_F_w_url_forum},
    {"discussions", CC_F_w_url_forum}, {"answers", CC_F_w_url_forum},
    {"viewtopic.php", CC_F_w_url_forum}, {"showthread.php", CC_F_w_url_forum},
    {"product", CC_F_w_url_product}, {"products", CC_F_w_url_product},
    {"p", CC_F_w_url_product}, {"dp", CC_F_w_url_product}, {"item", CC_F_w_url_product},
    {"itm", CC_F_w_url_product}, {"sku", CC_F_w_url_product},
    {"collections", CC_F_w_url_collection}, {"collection", CC_F_w_url_collection},
    {"category", CC_F_w_url_collection}, {"categories", CC_F_w_url_collection},
    {"c", CC_F_w_url_collection}, {"shop", CC_F_w_url_collection},
    {"catalog", CC_F_w_url_collection}, {"browse", CC_F_w_url_collection},
    {"search", CC_F_w_url_collection}, {"tag", CC_F_w_url_collection},
    {"tags", CC_F_w_url_collection}, {"list", CC_F_w_url_collection},
    {"docs", CC_F_w_url_docs}, {"doc", CC_F_w_url_docs}, {"documentation", CC_F_w_url_docs},
    {"api", CC_F_w_url_docs}, {"reference", CC_F_w_url_docs}, {"guide", CC_F_w_url_docs},
    {"guides", CC_F_w_url_docs}, {"manual", CC_F_w_url_docs}, {"developer", CC_F_w_url_docs},
    {"developers", CC_F_w_url_docs}, {"learn", CC_F_w_url_docs}, {"kb", CC_F_w_url_docs},
    {"help", CC_F_w_url_docs}, {"wiki", CC_F_w_url_docs}, {"tutorial", CC_F_w_url_docs},
    {"tutorials", CC_F_w_url_docs},
    {"blog", CC_F_w_url_article}, {"news", CC_F_w_url_article},
    {"article", CC_F_w_url_article}, {"articles", CC_F_w_url_article},
    {"post", CC_F_w_url_article}, {"posts", CC_F_w_url_article},
    {"story", CC_F_w_url_article}, {"stories", CC_F_w_url_article},
};

static void scan_url(const char *url, float *page) {
  if (!url) return;
  const char *p = strstr(url, "://");
  p = p ? strchr(p + 3, '/') : NULL;
  unsigned depth = 0;
  while (p && *p == '/') {
    const char *s = ++p;
    while (*p && *p != '/' && *p != '?' && *p != '#') p++;
    size_t n = (size_t)(p - s);
    if (!n) continue;
    depth++;
    for (size_t i = 0; i < sizeof url_words / sizeof url_words[0]; i++)
      if (strlen(url_words[i].word) == n && !strncasecmp(url_words[i].word, s, n))
        page[url_words[i].feature] = 1;
    if (n == 4 && (s[0] == '1' || s[0] == '2') && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
        s[2] <= '9' && s[3] >= '0' && s[3] <= '9')
      page[CC_F_w_url_article] = 1; /* a year: /2024/05/... */
  }
  page[CC_F_w_url_depth] = (float)depth;
}

/* A currency sign or code next to a number. */
static unsigned prices(const char *t, size_t n) {
  unsigned k = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned char c = (unsigned char)t[i];
    size_t w = 0;
    if (c == '$') w = 1;
    else if (c == 0xe2 && i + 2 < n && (unsigned char)t[i + 1] == 0x82 &&
             (unsigned char)t[i + 2] == 0xac)
      w = 3; /* € */
    else if (c == 0xc2 && ((unsigned char)t[i + 1] == 0xa3 || (unsigned char)t[i + 1] == 0xa5))
      w = 2; /* £ ¥ */
    if (!w) continue;
    size_t j = i + w;
    while (j < n && t[j] == ' ') j++;
    int after = j < n && t[j] >= '0' && t[j] <= '9';
    int before = i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9';
    if (!before && i > 1 && t[i - 1] == ' ') before = t[i - 2] >= '0' && t[i - 2] <= '9';
    k += after || before;
  }
  return k;
}

static float lg(double x) { return (float)log2(1.0 + (x > 0 ? x : 0)); }

static void page_features(cc_ctx *ctx, const cc_feat_ctx *f, float *page) {
  cc_dom *d = &ctx->dom;
  cc_node *body = d->body ? d->body : d->root;
  const cc_stat *bs = &ctx->st[body->id];
  page[CC_F_w_chars] = lg(bs->chars);
  page[CC_F_w_blocks] = lg(ctx->blocks.n);
  page[CC_F_w_ld] = cc_link_density(bs);
  const cc_node *top = ctx->top ? ctx->top : body;
  page[CC_F_w_top_share] = bs->chars ? (float)ctx->st[top->id].chars / (float)bs->chars : 0.f;
  cc_blocks_page_shares(ctx, f, &page[CC_F_w_kept_share], &page[CC_F_w_rep_share]);
  for (unsigned i = 0; i < ctx->strip.njsonld; i++)
    scan_jsonld(ctx->strip.jsonld[i].p, ctx->strip.jsonld[i].len, page);
  scan_og_type(d, page);
  scan_url(ctx->meta.url, page);
  unsigned pre = 0, heads = 0, times = 0, price = 0;
  char text[512];
  for (uint32_t i = body->id; i < d->nnodes; i++) {
    const cc_node *x = d->byid[i];
    if (x->type != CC_NODE_ELEMENT) continue;
    if (x->tag == CC_TAG_PRE) pre++;
    else if (cc_tag_class((cc_tag)x->tag) & CC_TC_HEADING) heads++;
    else if (x->tag == CC_TAG_TIME) times++;
  }
  for (uint32_t k = 0; k < ctx->blocks.n; k++) {
    const cc_node *x = ctx->blocks.node[k];
    if (ctx->st[x->id].own_chars > 200) continue; /* prices stand in short blocks */
    size_t n = cc_dom_own_text(x, text, sizeof text);
    price += prices(text, n) > 0;
  }
  page[CC_F_w_pre] = lg(pre);
  page[CC_F_w_headings] = lg(heads);
  page[CC_F_w_inputs] = lg(bs->inputs);
  page[CC_F_w_prices] = lg(price);
  page[CC_F_w_times] = lg(times);
}

void cc_page_type(cc_ctx *ctx, const cc_feat_ctx *f) {
  float *page = ctx->blocks.page;
  memset(page, 0, sizeof ctx->blocks.page);
  page_features(ctx, f, page);
  const cc_model *m = &cc_model_pagetype;
  unsigned first = CC_F_PAGE_FIRST, n = CC_F_pt_article - CC_F_PAGE_FIRST;
  if (m->ntrees && m->nclasses == 7 && cc_model_check(m, cc_feature_name, first, n)) {
    cc_model_probs(m, page + first, ctx->page_type_p);
  } else {
    /* no trained model: an article, as the Readability-style path assumes */
    memset(ctx->page_type_p, 0, sizeof ctx->page_type_p);
    ctx->page_type_p[0] = 1;
  }
  unsigned best = 0;
  for (unsigned c = 0; c < 7; c++) {
    page[CC_F_pt_article + c] = ctx->page_type_p[c];
    if (ctx->page_type_p[c] > ctx->page_type_p[best]) best = c;
  }
  ctx->meta.page_type = type_names[best];
}
