/* hints.c — class/id/role/itemprop word lists and matching (see hints.h). */
#include "hints.h"

#include <string.h>

/* How a word matches a token: EXACT (token == word), PREFIX (token starts
 * with word: "comment" ~ "comments"), or ANY (word anywhere in the token,
 * for words unlikely inside unrelated ones: "sidebar" ~ "leftsidebar"). */
enum { EXACT, PREFIX, ANY };

typedef struct hint_word {
  const char *w;
  unsigned char match;
  signed char weight;
  unsigned kinds;
} hint_word;

static const hint_word words[] = {
    /* content */
    {"article", PREFIX, 20, CC_HK_CONTENT},
    {"articlebody", ANY, 35, CC_HK_CONTENT | CC_HK_STRONG_CONTENT},
    {"content", PREFIX, 15, CC_HK_CONTENT},
    {"entry", PREFIX, 15, CC_HK_CONTENT},
    {"post", EXACT, 12, CC_HK_CONTENT},
    {"posts", EXACT, 5, CC_HK_CONTENT},
    {"story", PREFIX, 18, CC_HK_CONTENT},
    {"body", EXACT, 12, CC_HK_CONTENT},
    {"text", EXACT, 12, CC_HK_CONTENT},
    {"main", EXACT, 12, CC_HK_CONTENT},
    {"blog", PREFIX, 8, CC_HK_CONTENT},
    {"hentry", EXACT, 10, CC_HK_CONTENT},
    {"page", EXACT, 5, CC_HK_CONTENT},
    {"prose", EXACT, 15, CC_HK_CONTENT},
    {"rte", EXACT, 10, CC_HK_CONTENT},
    {"richtext", ANY, 15, CC_HK_CONTENT},
    {"markdown", PREFIX, 10, CC_HK_CONTENT},
    {"instapaper", PREFIX, 30, CC_HK_CONTENT | CC_HK_STRONG_CONTENT},
    {"artikel", PREFIX, 18, CC_HK_CONTENT},
    {"articulo", PREFIX, 18, CC_HK_CONTENT},
    {"contenu", PREFIX, 15, CC_HK_CONTENT},
    {"inhalt", PREFIX, 15, CC_HK_CONTENT},
    {"texto", EXACT, 12, CC_HK_CONTENT},
    {"testo", EXACT, 12, CC_HK_CONTENT},
    {"corpo", EXACT, 12, CC_HK_CONTENT},
    {"cuerpo", EXACT, 12, CC_HK_CONTENT},
    {"paywall", PREFIX, -5, CC_HK_SUBSCRIBE},

    /* navigation */
    {"nav", PREFIX, -25, CC_HK_NAV},
    {"menu", PREFIX, -25, CC_HK_NAV},
    {"breadcrumb", PREFIX, -30, CC_HK_NAV},
    {"breadcrumbs", EXACT, -30, CC_HK_NAV},
    {"pagination", PREFIX, -25, CC_HK_NAV},
    {"pager", EXACT, -25, CC_HK_NAV},
    {"toolbar", ANY, -20, CC_HK_NAV},
    {"masthead", PREFIX, -25, CC_HK_NAV},
    {"skip", EXACT, -20, CC_HK_NAV},
    {"jump", EXACT, -10, CC_HK_NAV},
    {"header", EXACT, -10, CC_HK_NAV},
    {"topbar", ANY, -25, CC_HK_NAV},
    {"footer", PREFIX, -25, CC_HK_FOOTER},
    {"foot", EXACT, -20, CC_HK_FOOTER},
    {"copyright", PREFIX, -25, CC_HK_FOOTER},
    {"legal", EXACT, -20, CC_HK_FOOTER},
    {"sidebar", ANY, -30, CC_HK_SIDEBAR},
    {"aside", EXACT, -15, CC_HK_SIDEBAR},
    {"widget", PREFIX, -25, CC_HK_SIDEBAR},
    {"rail", EXACT, -20, CC_HK_SIDEBAR},
    {"complementary", EXACT, -25, CC_HK_SIDEBAR},
    /* comments */
    {"comment", PREFIX, -30, CC_HK_COMMENT},
    {"disqus", PREFIX, -30, CC_HK_COMMENT},
    {"respond", EXACT, -25, CC_HK_COMMENT},
    {"replies", EXACT, -20, CC_HK_COMMENT},
    {"reply", EXACT, -20, CC_HK_COMMENT},
    {"discussion", PREFIX, -15, CC_HK_COMMENT},
    {"kommentar", PREFIX, -30, CC_HK_COMMENT},
    {"commentaire", PREFIX, -30, CC_HK_COMMENT},
    {"comentario", PREFIX, -30, CC_HK_COMMENT},
    /* share / social / follow */
    {"share", PREFIX, -30, CC_HK_SHARE},
    {"sharing", PREFIX, -30, CC_HK_SHARE},
    {"social", PREFIX, -30, CC_HK_SHARE},
    {"sociable", EXACT, -30, CC_HK_SHARE},
    {"follow", PREFIX, -20, CC_HK_SHARE},
    {"addthis", PREFIX, -30, CC_HK_SHARE},
    {"shariff", EXACT, -30, CC_HK_SHARE},
    {"facebook", PREFIX, -15, CC_HK_SHARE},
    {"twitter", PREFIX, -15, CC_HK_SHARE},
    {"whatsapp", PREFIX, -15, CC_HK_SHARE},
    {"telegram", PREFIX, -15, CC_HK_SHARE},
    {"print", EXACT, -15, CC_HK_SHARE},
    {"tools", EXACT, -15, CC_HK_SHARE},
    /* related / teasers */
    {"related", PREFIX, -30, CC_HK_RELATED},
    {"recommend", PREFIX, -30, CC_HK_RELATED},
    {"recommended", EXACT, -30, CC_HK_RELATED},
    {"suggest", PREFIX, -25, CC_HK_RELATED},
    /* "teaser" names leads (.teaser-content) as often as related boxes:
     * a weak hint; link density tells the two apart */
    {"teaser", PREFIX, -5, CC_HK_RELATED | CC_HK_LEAD},
    {"more", EXACT, -15, CC_HK_RELATED},
    {"readmore", ANY, -20, CC_HK_RELATED},
    {"outbrain", PREFIX, -35, CC_HK_RELATED | CC_HK_AD},
    {"taboola", PREFIX, -35, CC_HK_RELATED | CC_HK_AD},
    {"trending", PREFIX, -25, CC_HK_RELATED},
    {"popular", PREFIX, -25, CC_HK_RELATED},
    {"most", EXACT, -10, CC_HK_RELATED},
    {"latest", EXACT, -10, CC_HK_RELATED},
    {"headlines", EXACT, -15, CC_HK_RELATED},
    {"carousel", PREFIX, -15, CC_HK_RELATED},
    {"slider", EXACT, -10, CC_HK_RELATED},
    {"lire", EXACT, -10, CC_HK_RELATED},
    {"aussi", EXACT, -15, CC_HK_RELATED},
    {"voir", EXACT, -10, CC_HK_RELATED},
    {"siehe", EXACT, -10, CC_HK_RELATED},
    {"auch", EXACT, -10, CC_HK_RELATED},
    {"relacionad", PREFIX, -25, CC_HK_RELATED},
    {"correlat", PREFIX, -25, CC_HK_RELATED},
    {"verwandt", PREFIX, -25, CC_HK_RELATED},
    /* ads */
    {"ad", EXACT, -25, CC_HK_AD},
    {"ads", EXACT, -25, CC_HK_AD},
    {"adv", EXACT, -25, CC_HK_AD},
    {"advert", PREFIX, -30, CC_HK_AD},
    {"advertisement", EXACT, -30, CC_HK_AD},
    {"adslot", PREFIX, -30, CC_HK_AD},
    {"adsbygoogle", EXACT, -35, CC_HK_AD},
    {"dfp", EXACT, -25, CC_HK_AD},
    {"gpt", EXACT, -20, CC_HK_AD},
    {"banner", PREFIX, -20, CC_HK_AD},
    {"sponsor", PREFIX, -30, CC_HK_AD},
    {"promo", PREFIX, -25, CC_HK_AD},
    {"commercial", PREFIX, -20, CC_HK_AD},
    {"werbung", PREFIX, -30, CC_HK_AD},
    {"publicite", PREFIX, -30, CC_HK_AD},
    {"pub", EXACT, -15, CC_HK_AD},
    {"anzeige", PREFIX, -25, CC_HK_AD},
    {"affiliate", PREFIX, -20, CC_HK_AD},
    {"shopping", EXACT, -15, CC_HK_AD},
    /* consent */
    {"cookie", PREFIX, -35, CC_HK_CONSENT},
    {"consent", PREFIX, -35, CC_HK_CONSENT},
    {"gdpr", PREFIX, -35, CC_HK_CONSENT},
    {"didomi", PREFIX, -35, CC_HK_CONSENT},
    {"onetrust", PREFIX, -35, CC_HK_CONSENT},
    {"privacy", PREFIX, -15, CC_HK_CONSENT},
    {"tarteaucitron", PREFIX, -35, CC_HK_CONSENT},
    {"usercentrics", PREFIX, -35, CC_HK_CONSENT},
    /* newsletter / subscription / login */
    {"newsletter", PREFIX, -30, CC_HK_SUBSCRIBE},
    {"subscribe", PREFIX, -30, CC_HK_SUBSCRIBE},
    {"subscription", PREFIX, -25, CC_HK_SUBSCRIBE},
    {"signup", PREFIX, -25, CC_HK_SUBSCRIBE},
    {"optin", PREFIX, -25, CC_HK_SUBSCRIBE},
    {"login", PREFIX, -25, CC_HK_SUBSCRIBE},
    {"signin", PREFIX, -25, CC_HK_SUBSCRIBE},
    {"register", PREFIX, -20, CC_HK_SUBSCRIBE},
    {"mailchimp", PREFIX, -30, CC_HK_SUBSCRIBE},
    {"mc4wp", PREFIX, -30, CC_HK_SUBSCRIBE},
    {"abonnement", PREFIX, -25, CC_HK_SUBSCRIBE},
    {"abo", EXACT, -20, CC_HK_SUBSCRIBE},
    /* donations */
    {"donate", PREFIX, -30, CC_HK_DONATE},
    {"donation", PREFIX, -30, CC_HK_DONATE},
    {"don", EXACT, -15, CC_HK_DONATE},
    {"dons", EXACT, -20, CC_HK_DONATE},
    {"patreon", PREFIX, -30, CC_HK_DONATE},
    {"spende", PREFIX, -30, CC_HK_DONATE},
    {"soutien", PREFIX, -20, CC_HK_DONATE},
    {"support", PREFIX, -15, CC_HK_DONATE},
    /* captions and credits */
    {"caption", PREFIX, -15, CC_HK_CAPTION},
    {"credit", PREFIX, -15, CC_HK_CAPTION},
    {"credits", EXACT, -15, CC_HK_CAPTION},
    {"legende", PREFIX, -15, CC_HK_CAPTION},
    {"bildunterschrift", PREFIX, -15, CC_HK_CAPTION},
    {"copyright", PREFIX, 0, CC_HK_CAPTION},
    /* byline and dateline */
    {"byline", PREFIX, -10, CC_HK_BYLINE},
    {"author", PREFIX, -10, CC_HK_BYLINE},
    {"authors", EXACT, -10, CC_HK_BYLINE},
    {"dateline", PREFIX, -10, CC_HK_BYLINE},
    {"autor", PREFIX, -10, CC_HK_BYLINE},
    {"auteur", PREFIX, -10, CC_HK_BYLINE},
    {"verfasser", PREFIX, -10, CC_HK_BYLINE},
    {"signature", PREFIX, -10, CC_HK_BYLINE},
    {"timestamp", PREFIX, -10, CC_HK_BYLINE | CC_HK_META},
    {"published", PREFIX, -5, CC_HK_META},
    {"posted", PREFIX, -10, CC_HK_META},
    {"date", EXACT, -10, CC_HK_META},
    {"meta", EXACT, -15, CC_HK_META},
    {"tags", EXACT, -20, CC_HK_META},
    {"tag", EXACT, -15, CC_HK_META},
    {"tagged", EXACT, -15, CC_HK_META},
    {"categories", EXACT, -15, CC_HK_META},
    {"category", EXACT, -10, CC_HK_META},
    {"keywords", EXACT, -15, CC_HK_META},
    {"topics", EXACT, -15, CC_HK_META},
    /* modals and hidden helpers */
    {"modal", PREFIX, -30, CC_HK_MODAL},
    {"popup", PREFIX, -30, CC_HK_MODAL},
    {"overlay", PREFIX, -20, CC_HK_MODAL},
    {"lightbox", PREFIX, -20, CC_HK_MODAL},
    {"dialog", PREFIX, -20, CC_HK_MODAL},
    /* ("hidden"/"hide" alone are left out: Bootstrap's hidden-xs and
     * friends hide content on small screens only) */
    {"sr", EXACT, -20, CC_HK_HIDDEN},
    {"screenreader", ANY, -20, CC_HK_HIDDEN},
    {"visually", EXACT, -15, CC_HK_HIDDEN},
    {"offscreen", EXACT, -20, CC_HK_HIDDEN},
    /* embedded third-party content: a social network's name beside it
     * names the source of a quote, not a share button */
    {"embed", PREFIX, 15, CC_HK_EMBED},
    /* the lead paragraph, under its many names; neutral weight: it only
     * lets a prose block before the body join the article */
    {"lead", EXACT, 0, CC_HK_LEAD},
    {"lede", EXACT, 0, CC_HK_LEAD},
    {"dek", EXACT, 0, CC_HK_LEAD},
    {"deck", EXACT, 0, CC_HK_LEAD},
    {"standfirst", PREFIX, 0, CC_HK_LEAD},
    {"chapo", PREFIX, 0, CC_HK_LEAD},
    {"chapeau", PREFIX, 0, CC_HK_LEAD},
    {"intro", PREFIX, 0, CC_HK_LEAD},
    {"summary", EXACT, 0, CC_HK_LEAD},
    {"abstract", EXACT, 0, CC_HK_LEAD},
    {"subtitle", PREFIX, 0, CC_HK_LEAD},
    {"subheadline", PREFIX, 0, CC_HK_LEAD},
    {"announce", PREFIX, 0, CC_HK_LEAD},
    {"vorspann", PREFIX, 0, CC_HK_LEAD},
    {"entradilla", PREFIX, 0, CC_HK_LEAD},
    {"occhiello", PREFIX, 0, CC_HK_LABEL},
    /* labels above or below a headline */
    {"kicker", PREFIX, -15, CC_HK_LABEL},
    {"rubric", PREFIX, -15, CC_HK_LABEL},
    {"rubrique", PREFIX, -15, CC_HK_LABEL},
    {"eyebrow", PREFIX, -15, CC_HK_LABEL},
    {"overline", PREFIX, -15, CC_HK_LABEL},
    {"surtitre", PREFIX, -15, CC_HK_LABEL},
    {"dachzeile", PREFIX, -15, CC_HK_LABEL},
    {"antetitulo", PREFIX, -15, CC_HK_LABEL},
    {"flag", EXACT, -10, CC_HK_LABEL},
    /* titles */
    {"headline", PREFIX, 0, CC_HK_TITLE},
    {"title", PREFIX, 0, CC_HK_TITLE},
};

/* Lookup tables built once: words by first letter (for matches at the
 * token's start) and the few ANY words (which may start anywhere). */
#define NWORDS (sizeof words / sizeof words[0])
static unsigned short by_letter[26][2]; /* [begin, end) into sorted[] */
static const hint_word *sorted[NWORDS];
static unsigned char lens[NWORDS];     /* strlen of sorted[i]->w */
static const hint_word *anywhere[16];
static unsigned char anywhere_len[16];
static unsigned nanywhere;
static int ready;

static void init(void) {
  unsigned n = 0;
  for (int c = 0; c < 26; c++) {
    by_letter[c][0] = (unsigned short)n;
    for (size_t i = 0; i < NWORDS; i++)
      if (words[i].w[0] == 'a' + c) {
        lens[n] = (unsigned char)strlen(words[i].w);
        sorted[n++] = &words[i];
      }
    by_letter[c][1] = (unsigned short)n;
  }
  for (size_t i = 0; i < NWORDS && nanywhere < 16; i++)
    if (words[i].match == ANY) {
      anywhere_len[nanywhere] = (unsigned char)strlen(words[i].w);
      anywhere[nanywhere++] = &words[i];
    }
}

/* Adds word w to h once per element: utility-class soup ("text-lg
 * text-gray-700 text-center") must not multiply a weight. */
static void add_word(const hint_word *w, cc_hint *h, uint64_t *seen) {
  size_t i = (size_t)(w - words);
  if (seen[i / 64] & (1ull << (i % 64))) return;
  seen[i / 64] |= 1ull << (i % 64);
  h->weight += w->weight;
  h->kinds |= w->kinds;
}

static void match_token(const char *t, size_t len, cc_hint *h, uint64_t *seen) {
  if (len < 2) return;
  int c = t[0] - 'a';
  if (c >= 0 && c < 26) {
    for (unsigned i = by_letter[c][0]; i < by_letter[c][1]; i++) {
      const hint_word *w = sorted[i];
      size_t wl = lens[i];
      if (wl > len || memcmp(t, w->w, wl) != 0) continue;
      if (w->match == EXACT && wl != len) continue;
      add_word(w, h, seen);
      return; /* one word per token */
    }
  }
  for (unsigned i = 0; i < nanywhere; i++) {
    size_t wl = anywhere_len[i];
    for (size_t s = 1; s + wl <= len; s++)
      if (t[s] == anywhere[i]->w[0] && memcmp(t + s, anywhere[i]->w, wl) == 0) {
        add_word(anywhere[i], h, seen);
        return;
      }
  }
}

/* Splits v into tokens: runs of letters/digits, broken at camelCase humps,
 * lowercased. Non-ASCII bytes end a token. */
static void scan_value(const char *v, cc_hint *h, uint64_t *seen) {
  char tok[48];
  size_t tl = 0;
  unsigned ntok = 0;
  for (const char *p = v;; p++) {
    unsigned char c = (unsigned char)*p;
    int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    int digit = c >= '0' && c <= '9';
    int hump = c >= 'A' && c <= 'Z' && tl > 0 && p[-1] >= 'a' && p[-1] <= 'z';
    if ((!alpha && !digit) || hump || tl == sizeof tok) {
      if (tl) {
        match_token(tok, tl, h, seen);
        if (++ntok > 24) return; /* utility-class soup: enough */
      }
      tl = 0;
      if (!alpha && !digit) {
        if (!c) return;
        continue;
      }
    }
    tok[tl++] = (char)(c | (alpha ? 0x20 : 0));
  }
}

cc_hint cc_hint_of(const cc_node *n) {
  cc_hint h = {0, 0};
  if (n->type != CC_NODE_ELEMENT || !n->nattrs) return h;
  uint64_t seen[(NWORDS + 63) / 64] = {0};
  if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
    init(); /* idempotent: racing threads write the same table */
    __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
  }
  for (unsigned i = 0; i < n->nattrs; i++) {
    const char *k = n->attrs[i].name;
    if (strcmp(k, "class") == 0 || strcmp(k, "id") == 0) {
      scan_value(n->attrs[i].value, &h, seen);
    } else if (strcmp(k, "role") == 0) {
      const char *v = n->attrs[i].value;
      if (!strcmp(v, "navigation") || !strcmp(v, "menu") || !strcmp(v, "menubar")) {
        h.weight -= 30;
        h.kinds |= CC_HK_NAV;
      } else if (!strcmp(v, "complementary")) {
        h.weight -= 25;
        h.kinds |= CC_HK_SIDEBAR;
      } else if (!strcmp(v, "contentinfo")) {
        h.weight -= 25;
        h.kinds |= CC_HK_FOOTER;
      } else if (!strcmp(v, "banner")) {
        h.weight -= 20;
        h.kinds |= CC_HK_NAV;
      } else if (!strcmp(v, "dialog") || !strcmp(v, "alertdialog")) {
        h.weight -= 30;
        h.kinds |= CC_HK_MODAL;
      } else if (!strcmp(v, "main") || !strcmp(v, "article")) {
        h.weight += 20;
        h.kinds |= CC_HK_CONTENT;
      }
    } else if (strcmp(k, "itemprop") == 0) {
      const char *v = n->attrs[i].value;
      if (strstr(v, "articleBody") || strstr(v, "reviewBody") || strstr(v, "text")) {
        h.weight += 40;
        h.kinds |= CC_HK_CONTENT | CC_HK_STRONG_CONTENT;
      } else if (strstr(v, "author") || strstr(v, "datePublished")) {
        h.kinds |= CC_HK_BYLINE;
      } else if (strstr(v, "headline")) {
        h.kinds |= CC_HK_TITLE;
      }
    }
  }
  if (h.weight > 50) h.weight = 50;
  if (h.weight < -50) h.weight = -50;
  return h;
}
