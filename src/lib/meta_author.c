/* meta_author.c — turns bylines and author fields into clean name lists
 * (see meta.h). Visible bylines carry dates, job titles, agency credits,
 * "Email the author"/"Follow" widgets and handles; this keeps the names.
 * The word lists are ours and deliberately short: a name that slips
 * through is better than a name cut in half.
 */
#include <stdio.h>
#include <string.h>

#include "meta.h"

#define MAX_PARTS 24

/* Leading words that introduce a byline, lowercase; multi-word ones
 * first. A trailing ':' on the word is allowed. */
static const char *const prefixes[] = {
    "written by", "posted by", "story by", "words by", "text by", "reported by",
    "reporting by", "published by", "escrito por", "publicado por", "scritto da",
    "a cura di", "geschrieben von", "publié par", "écrit par",
    "ein beitrag von", "by", "von", "par", "por", "di", "door", "from",
    "author", "authors", "autor", "autorin", "autoren", "autores", "auteur",
    "auteurs", "autore", "autori", "text", "texte", "tekst", "texto", "testo",
    "redacción", "redação", "about", "sobre", "über", "ueber",
    "acerca de", "à propos de", "a proposito di", "over",
};
/* of those, the ones that are also common name particles or words: only
 * a prefix when at least two words follow */
static const char *const weak_prefixes[] = {"von", "di", "door", "from", "par", "por", "text",
                                            "texto", "testo", "about", "sobre", "over"};
/* "Analysis by", "Opinion by", "Ein Kommentar von": a byline word a
 * little way in */
static const char *const inner_by[] = {"by", "von", "par", "por"};

/* Labels of picture credits: not an author. */
static const char *const picture_labels[] = {
    "photo", "photos", "foto", "fotos", "photograph", "image", "images", "picture", "pictures",
    "video", "illustration", "graphic", "graphics", "bild", "bilder", "фото",
    "credit", "credits", "source", "quelle", "fuente", "fonte", "bron", "source"};

/* Words after which a byline stops being a name (lowercase). */
static const char *const stops[] = {
    "published", "updated", "posted", "modified", "last", "email", "e-mail", "mail",
    "follow", "contact", "twitter", "facebook", "instagram", "linkedin", "view", "more",
    "see", "read", "reading", "min", "mins", "minute", "minutes", "hour", "hours", "ago",
    "is", "was", "has", "covers", "writes", "wrote", "written", "for", "via", "in", "at",
    "about",
    "photo", "photos", "photography", "illustration", "illustrations", "video", "share",
    "comments", "comment", "bio", "profile", "all", "articles", "stories", "posts",
    "publié", "mis", "modifié", "veröffentlicht", "aktualisiert",
    "stand", "actualizado", "publicado", "pubblicato", "aggiornato", "gepubliceerd",
    "bijgewerkt", "atualizado", "today", "yesterday", "heute", "gestern", "aujourd",
    "hier", "hoy", "ayer", "oggi", "ieri", "vandaag", "gisteren",
};

/* Connectors that end a name only when a date follows ("on 19 May",
 * "le 19 mai", "am 19."). */
static const char *const date_connectors[] = {"on", "le", "am", "el", "il", "op", "em",
                                              "den", "du", "del", "of", "the"};

/* Job titles: a name stops before them. */
static const char *const jobs[] = {
    "reporter", "reporters", "writer", "writers", "editor", "editors", "correspondent",
    "correspondents", "contributor", "contributors", "columnist", "journalist", "staff",
    "analyst", "producer", "photographer", "chief", "senior", "freelance", "contributing",
    "associate", "deputy", "director", "manager", "team", "desk", "bureau", "newsroom",
    "intern", "fellow", "critic", "host", "anchor", "founder", "ceo", "president",
    "professor", "redaktion", "redakteur", "redakteurin", "korrespondent",
    "korrespondentin", "journaliste", "rédacteur", "rédactrice",
    "rédaction", "correspondant", "correspondante", "envoyé", "periodista",
    "redactor", "redactora", "corresponsal", "giornalista", "redattore", "redattrice",
    "redazione", "corrispondente", "inviato", "jornalista", "redator", "repórter",
    "verslaggever", "redacteur", "redactie", "correspondente", "coordinator",
    "specialist", "consultant", "strategist", "reviewer", "educator", "educators",
    "representative", "officer", "expert",
};

/* Job words that name a group when they end the name: "The Investopedia
 * Team", "News Desk", "Resy Staff" are authors as the page signs. */
static const char *const collective[] = {
    "team", "staff", "editors", "editorial", "desk", "newsroom", "contributors",
    "redaktion", "rédaction", "redazione", "redactie", "bureau",
};

/* Post-nominal letters (lowercase, dots dropped): a part of a byline that
 * is one of these belongs to the name before it ("Jillian Kubala, MS,
 * RD"). */
static const char *const credentials[] = {
    "md", "phd", "dphil", "rd", "rdn", "ld", "ms", "msc", "ma", "mba", "mph", "mfa",
    "bsn", "rn", "np", "aprn", "pac", "do", "dds", "dmd", "dvm", "od", "pharmd", "psyd",
    "lcsw", "lmft", "lpc", "ibclc", "cpa", "cfa", "cfp", "cepf", "chfc", "jd", "esq",
    "cpp", "psp", "pe", "pmp", "cissp", "facc", "facs", "faap", "facp", "frcp", "cscs",
    "cpt", "eryt", "ryt", "cdn", "cdces", "fand", "faand", "mbbs", "mrcp", "frcs",
    "edd", "llm", "dnp", "crnp", "ccc", "cccslp", "otr", "dpt", "atc",
};

/* Words that end a label before a name ("Article by", "Insights from"). */
static const char *const by_words[] = {"by", "from", "von", "par", "por", "di", "door", "de"};

/* Placeholder or role names that are not authors. */
static const char *const nobodies[] = {
    "admin", "administrator", "anonymous", "unknown", "guest", "staff", "editor",
    "editors", "redaktion", "redaction", "team", "webmaster", "null", "undefined",
    "none", "user", "author", "by", "and", "the", "na", "n a", "nobody", "website",
    "desk", "newsroom", "editorial", "redazione", "redactie", "redacción",
};

/* Words before "by" that credit someone other than the author: "Reviewed
 * by", "Fact checked by", "Updated by". Such a name counts only when the
 * byline names no one else. */
static const char *const other_roles[] = {
    "reviewed", "checked", "fact-checked", "edited", "updated", "verified", "approved",
    "illustrated", "photographed", "translated", "moderated",
};

/* Words that make a credit an organization ("NJ Advance Media", "CNN
 * Business", "Detroit News wire services"). */
static const char *const org_words[] = {
    "media", "news", "press", "wire", "wires", "services", "service", "network",
    "magazine", "times", "post", "herald", "journal", "tribune", "business",
    "international", "inc", "ltd", "llc", "group", "agency", "newspaper", "newspapers",
    "radio", "tv", "television", "daily", "gazette", "sport", "sports", "online",
    "editorial", "staff", "bureau", "desk", "channel", "broadcasting", "studios",
    "leader", "chronicle", "observer", "weekly", "monthly", "digital", "associated",
    "reuters", "afp", "dpa", "ap", "insider", "nation", "today", "world",
};

/* News agencies (keys: lowercase letters and digits only). */
static const char *const agencies[] = {
    "reuters", "ap", "associatedpress", "theassociatedpress", "afp",
    "agencefrancepresse", "dpa", "efe", "ansa", "upi", "pa", "pamedia",
    "pressassociation", "apa", "sda", "ats", "anp", "belga", "lusa", "kyodo",
    "kyodonews", "xinhua", "bloomberg", "bloombergnews", "cnnwire", "reutersstaff",
    "apstaff", "afpstaff", "epd", "kna", "kap", "ddp", "europapress", "agenciaefe",
};

static int in_list(const char *const *l, size_t n, const char *w) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(l[i], w)) return 1;
  return 0;
}
#define IN(list, w) in_list(list, sizeof list / sizeof list[0], w)

/* Lowercases one word into out (ASCII only; UTF-8 kept), dropping
 * trailing and leading punctuation. */
static size_t lower_word(const char *p, size_t n, char *out, size_t cap) {
  while (n && (*p == '(' || *p == '"' || *p == '\'' || *p == '[')) p++, n--;
  while (n && (p[n - 1] == ',' || p[n - 1] == '.' || p[n - 1] == ':' || p[n - 1] == ';' ||
               p[n - 1] == ')' || p[n - 1] == '"' || p[n - 1] == '\'' || p[n - 1] == ']' ||
               p[n - 1] == '!' || p[n - 1] == '?'))
    n--;
  if (n >= cap) n = cap - 1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    out[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  }
  out[n] = '\0';
  return n;
}

typedef struct word {
  const char *p;
  size_t n;
} word;

static unsigned split_words(const char *s, size_t n, word *w, unsigned cap) {
  unsigned k = 0;
  size_t i = 0;
  while (i < n && k < cap) {
    while (i < n && s[i] == ' ') i++;
    if (i >= n) break;
    size_t j = i;
    while (j < n && s[j] != ' ') j++;
    w[k].p = s + i;
    w[k].n = j - i;
    k++;
    i = j;
  }
  return k;
}

static int has_digit(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i] >= '0' && p[i] <= '9') return 1;
  return 0;
}

static int contains(const char *p, size_t n, const char *lit) {
  size_t l = strlen(lit);
  for (size_t i = 0; i + l <= n; i++)
    if (!strncmp(p + i, lit, l)) return 1;
  return 0;
}

static int urlish(const char *p, size_t n) {
  return memchr(p, '@', n) || contains(p, n, "http") || contains(p, n, "www.") ||
         contains(p, n, ".com") || contains(p, n, "://");
}

/* Is the word a date part (digit, month name, weekday)? */
static int datey(const char *lw, size_t n) {
  return has_digit(lw, n) || cc_meta_month(lw, n) || cc_meta_weekday(lw, n);
}

/* Is the word after w[i] a month name? */
static int next_month(const word *w, unsigned nw, unsigned i) {
  char nx[48];
  if (i + 1 >= nw) return 0;
  size_t l = lower_word(w[i + 1].p, w[i + 1].n, nx, sizeof nx);
  return cc_meta_month(nx, l);
}

/* Cleans one candidate name in place (s, *n); returns 1 when a name is
 * left, 2 when it is someone else's credit ("Reviewed by Jane Doe"). A
 * `later` part of a list ("Jane Doe, Content Marketing Coordinator") that
 * holds a job title is a role, not a name. */
static int clean_name(char *s, size_t *np, int later, int handles) {
  size_t n = *np;
  word w[16];
  unsigned nw = split_words(s, n, w, 16);
  if (!nw) return 0;
  char lw[48];
  lower_word(w[nw - 1].p, w[nw - 1].n, lw, sizeof lw);
  if (nw > 1 && IN(by_words, lw)) return 0; /* "Article by" (the name follows) */
  /* prefixes: "By", "Written by", "Author:" ... */
  unsigned start = 0;
  for (int round = 0; round < 2 && start < nw; round++) {
    int hit = 0;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0] && !hit; i++) {
      word pw[3];
      unsigned pn = split_words(prefixes[i], strlen(prefixes[i]), pw, 3);
      if (start + pn > nw) continue;
      unsigned k = 0;
      for (; k < pn; k++) {
        lower_word(w[start + k].p, w[start + k].n, lw, sizeof lw);
        if (strlen(lw) != pw[k].n || memcmp(lw, pw[k].p, pw[k].n)) break;
      }
      if (k < pn) continue;
      int colon = w[start + pn - 1].p[w[start + pn - 1].n - 1] == ':';
      if (!colon && IN(weak_prefixes, prefixes[i]) && nw - start - pn < 2) continue;
      /* "Text" etc. only with a colon; "by"-like words always */
      if (!colon && (!strncmp(prefixes[i], "aut", 3) || !strncmp(prefixes[i], "text", 4) ||
                     !strncmp(prefixes[i], "tekst", 5) || !strncmp(prefixes[i], "testo", 5) ||
                     !strncmp(prefixes[i], "reda", 4)))
        continue;
      start += pn;
      hit = 1;
    }
    if (!hit) break;
  }
  /* any other one-word label ("Текст:", "Reportage:"), except credits for
   * pictures, which name a photographer */
  if (start < nw && start + 1 < nw && w[start].n > 1 && w[start].p[w[start].n - 1] == ':') {
    lower_word(w[start].p, w[start].n, lw, sizeof lw);
    if (IN(picture_labels, lw)) return 0;
    start++;
  }
  if (start >= nw) return 0;
  int other = 0; /* "Reviewed by": someone else's credit */
  for (unsigned k = start + 1; k < start + 3 && k + 1 < nw; k++) {
    lower_word(w[k].p, w[k].n, lw, sizeof lw);
    if (IN(inner_by, lw)) {
      lower_word(w[k - 1].p, w[k - 1].n, lw, sizeof lw);
      other = IN(other_roles, lw);
      start = k + 1;
      break;
    }
  }
  /* cut at the first word that is not part of a name */
  unsigned end = start;
  for (; end < nw; end++) {
    size_t l = lower_word(w[end].p, w[end].n, lw, sizeof lw);
    if (!l) continue;
    if ((has_digit(w[end].p, w[end].n) && !(handles && end == start && nw == start + 1)) ||
        urlish(w[end].p, w[end].n))
      break;
    if (end > start && IN(stops, lw)) break;
    if (end == start && IN(stops, lw) && strcmp(lw, "in") && strcmp(lw, "at") &&
        strcmp(lw, "for") && strcmp(lw, "about"))
      break;
    if (end > start && IN(date_connectors, lw) && end + 1 < nw) {
      char nx[48];
      size_t nl = lower_word(w[end + 1].p, w[end + 1].n, nx, sizeof nx);
      if (datey(nx, nl)) break;
    }
    int next_digit = end + 1 < nw && has_digit(w[end + 1].p, w[end + 1].n);
    if (cc_meta_month(lw, l) && next_digit) break;
    /* "Tue 7", "Tue Dec 7": a short weekday only before the rest of a date */
    if (cc_meta_weekday(lw, l) && (l >= 5 || next_digit || next_month(w, nw, end))) break;
    if (IN(jobs, lw) && !(end > start && end + 1 == nw && IN(collective, lw))) {
      if (later) return 0;
      break;
    }
    if (memchr(lw, '-', l)) { /* "editor-at-large" */
      char piece[48];
      size_t pl = (size_t)((char *)memchr(lw, '-', l) - lw);
      memcpy(piece, lw, pl);
      piece[pl] = '\0';
      if (IN(jobs, piece)) break;
    }
  }
  /* a job title as the first words ("Staff Writer Jane Doe") is not a name */
  if (end == start) return 0;
  nw = end;
  if (nw - start > 6) return 0;
  const char *b = w[start].p;
  const char *e = w[nw - 1].p + w[nw - 1].n;
  /* trim punctuation */
  while (b < e && strchr(" ,;:-|()[]\"'*/", *b)) b++;
  while (e > b && strchr(" ,;:-|()[]\"'*/", e[-1])) e--;
  if (e > b && e[-1] == '.' && (e - b < 3 || e[-3] != ' ')) {
    /* "Doe." and "Doe ." lose their period; an initial like "J." keeps it */
    const char *q = e - 1;
    while (q > b && q[-1] != ' ') q--;
    if (e - q > 2 || e - q == 1) e--;
    while (e > b && e[-1] == ' ') e--;
  }
  if (e <= b || e - b > 64) return 0;
  for (const char *q = b; q < e; q++)
    if (strchr("{}<>=[]\\#", *q)) return 0;
  unsigned char c0 = (unsigned char)*b;
  if (!(((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z') || c0 >= 0x80 ||
        (handles && c0 >= '0' && c0 <= '9')))
    return 0;
  int letters = 0; /* a user name has letters: "262588213843476" is an id */
  for (const char *q = b; q < e && !letters; q++)
    letters = ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') || (unsigned char)*q >= 0x80;
  if (!letters) return 0;
  char key[80];
  size_t kl = cc_meta_key(b, (size_t)(e - b), key, sizeof key);
  if (!kl) return 0;
  lower_word(b, (size_t)(e - b), lw, sizeof lw);
  if (IN(nobodies, lw) || contains(lw, strlen(lw), "admin")) return 0;
  /* a lone lowercase word ("jdoe", "webteam") is a user name: only a
   * name where user names sign (a forum post) */
  if (!handles && !memchr(b, ' ', (size_t)(e - b))) {
    int lower = 1;
    for (const char *q = b; q < e; q++)
      if ((unsigned char)*q >= 0x80 || (*q >= 'A' && *q <= 'Z')) lower = 0;
    if (lower) return 0;
  }
  memmove(s, b, (size_t)(e - b));
  *np = (size_t)(e - b);
  return other ? 2 : 1;
}

static int is_agency(const char *s, size_t n) {
  char key[64];
  size_t kl = cc_meta_key(s, n, key, sizeof key);
  if (!kl) return 0;
  if (IN(agencies, key)) return 1;
  /* a one-word credit ("CNN", "Washington") is weaker than a person */
  if (!memchr(s, ' ', n)) return 1;
  /* "AP Sports", "NJ Advance Media", "CNN Business" */
  word w[8];
  unsigned nw = split_words(s, n, w, 8);
  char lw[48];
  for (unsigned i = 0; i < nw; i++) {
    lower_word(w[i].p, w[i].n, lw, sizeof lw);
    if (IN(org_words, lw) || (i == 0 && IN(agencies, lw))) return 1;
  }
  return 0;
}

/* Adds s[0..n) to the names unless it is there already; `weak` when it
 * counts only while no author is named (an agency, a reviewer). */
static void add_value(cc_arena *a, cc_names *out, const char *s, size_t n, int weak,
                      unsigned *added) {
  char key[80], k2[80];
  size_t kl = cc_meta_key(s, n, key, sizeof key);
  for (unsigned i = 0; i < out->n; i++) {
    size_t l2 = cc_meta_key(out->v[i], strlen(out->v[i]), k2, sizeof k2);
    if (l2 == kl && !memcmp(key, k2, kl)) return;
  }
  if (out->n >= CC_META_NAMES_MAX) return;
  out->agency[out->n] = (unsigned char)weak;
  out->v[out->n++] = cc_arena_strndup(a, s, n);
  (*added)++;
}

static void add_name(cc_arena *a, cc_names *out, char *s, size_t n, unsigned *added, int later) {
  int kind = clean_name(s, &n, later, out->handles);
  /* a reviewer, like an agency, counts when no author is named */
  if (kind) add_value(a, out, s, n, kind == 2 || is_agency(s, n), added);
}

/* Words opening an institution's name, whose "for", "of" and "and" are
 * its own ("Center for Drug Evaluation and Research", "Department of
 * Health and Human Services"): such a name is neither cut nor split. */
static const char *const institutions[] = {
    "center", "centre", "institute", "department", "office", "university", "college",
    "ministry", "council", "committee", "commission", "foundation", "association",
    "society", "academy", "board", "division", "bureau", "agency", "administration"};

static int institution(const char *s, size_t n) {
  word w[2];
  char lw[48], nx[48];
  if (n > CC_META_AUTHOR_MAX || split_words(s, n, w, 2) < 2) return 0;
  lower_word(w[0].p, w[0].n, lw, sizeof lw);
  lower_word(w[1].p, w[1].n, nx, sizeof nx);
  return IN(institutions, lw) && (!strcmp(nx, "for") || !strcmp(nx, "of") || !strcmp(nx, "on"));
}

/* Splits a part on conjunctions: "and", "&", "und", "et" always; "y",
 * "e", "en" only between two names of two words or more (a Spanish
 * "Ortega y Gasset" stays whole). */
static void split_conj(cc_arena *a, cc_names *out, char *s, size_t n, unsigned *added,
                       int later) {
  static const char *const strong[] = {" and ", " AND ", " & ", " und ", " et ", " and/or ",
                                       " y/o "};
  static const char *const weak[] = {" y ", " e ", " en ", " i "};
  const size_t ns = sizeof strong / sizeof strong[0], nk = ns + sizeof weak / sizeof weak[0];
  const char *h = s;
  size_t hn = n;
  while (hn && *h == ' ') h++, hn--;
  if (institution(h, hn)) {
    add_value(a, out, h, hn, 1, added);
    return;
  }
  size_t i = 0;
  char conj[sizeof out->conj] = ""; /* the conjunction before the current name */
  int left = 0;                     /* a name was added before it */
  for (;;) {
    size_t cl = 0;
    while (i < n && !cl) {
      if (s[i] == ' ')
        for (size_t k = 0; k < nk && !cl; k++) {
          const char *c = k < ns ? strong[k] : weak[k - ns];
          size_t l = strlen(c);
          if (n - i < l || strncmp(s + i, c, l)) continue;
          if (k >= ns && (cc_meta_words(s, i) < 2 || cc_meta_words(s + i + l, n - i - l) < 2))
            continue;
          cl = l;
        }
      if (!cl) i++;
    }
    unsigned before = *added;
    add_name(a, out, s, i, added, later);
    /* the list's own conjunction, kept for joining when it stood between
     * two names */
    if (*added > before && left && conj[0]) {
      memcpy(out->conj, conj, sizeof conj);
      out->serial = 0;
    }
    left = *added > before;
    if (!cl) break;
    size_t wl = cl - 2 < sizeof conj - 1 ? cl - 2 : sizeof conj - 1;
    memcpy(conj, s + i + 1, wl);
    conj[wl] = '\0';
    s += i + cl - 1; /* keep the space: the rest starts at a word boundary */
    n -= i + cl - 1;
    i = 1;
  }
}

/* A part that is post-nominal letters ("MS", "Ph.D.") joins the name
 * before it. Returns 1 when it did. */
static int add_credential(cc_arena *a, cc_names *out, const char *s, size_t n, unsigned added) {
  char key[24];
  if (!added || !out->n || n > 12) return 0;
  size_t kl = cc_meta_key(s, n, key, sizeof key);
  if (!kl || !IN(credentials, key)) return 0;
  const char *prev = out->v[out->n - 1];
  size_t pl = strlen(prev);
  if (pl + n + 2 > CC_META_AUTHOR_MAX) return 0;
  char *v = cc_arena_alloc(a, pl + n + 3);
  memcpy(v, prev, pl);
  memcpy(v + pl, ", ", 2);
  memcpy(v + pl + 2, s, n);
  v[pl + n + 2] = '\0';
  out->v[out->n - 1] = v;
  /* the name was given twice, the first time with its letters: one name */
  char k1[80], k2[80];
  size_t l1 = cc_meta_key(v, strlen(v), k1, sizeof k1);
  for (unsigned i = 0; i + 1 < out->n; i++)
    if (cc_meta_key(out->v[i], strlen(out->v[i]), k2, sizeof k2) == l1 && !memcmp(k1, k2, l1)) {
      out->n--;
      break;
    }
  return 1;
}

/* "and Jane Doe" after a comma: the serial comma of "A, B, and C". */
static size_t leading_conj(cc_names *out, const char *s, size_t n) {
  static const char *const conj[] = {"and ", "& ", "und ", "et ", "y ", "e ", "en ", "i "};
  for (size_t k = 0; k < sizeof conj / sizeof conj[0]; k++) {
    size_t l = strlen(conj[k]);
    if (n > l + 1 && !strncmp(s, conj[k], l)) {
      memcpy(out->conj, conj[k], l - 1);
      out->conj[l - 1] = '\0';
      out->serial = 1;
      return l;
    }
  }
  return 0;
}

/* Characters beyond ASCII that part the names of a byline: bullets,
 * guillemets (a forum's "by jdoe \xc2\xbb Tue Dec 7"), fullwidth and CJK
 * punctuation; dashes only after a space (a hyphenated name stays). */
static const struct {
  const char *s;
  int spaced;
} name_seps[] = {
    {"\xc2\xb7", 0} /* · */,     {"\xc2\xbb", 0} /* » */,     {"\xc2\xab", 0} /* « */,
    {"\xe2\x80\xba", 0} /* › */, {"\xe2\x80\xb9", 0} /* ‹ */, {"\xe2\x80\xa2", 0} /* • */,
    {"\xe2\x80\x93", 1} /* – */, {"\xe2\x80\x94", 1} /* — */, {"\xe2\x8b\x85", 0} /* ⋅ */,
    {"\xe2\x88\x99", 0} /* ∙ */, {"\xef\xbc\x8f", 0} /* ／ */, {"\xef\xbc\x8c", 0} /* ， */,
    {"\xef\xbd\x9c", 0} /* ｜ */, {"\xe3\x80\x81", 0} /* 、 */,
};

/* The length of the separator at t[i] (of tl bytes), 0 when none. */
static size_t wide_sep(const char *t, size_t tl, size_t i) {
  for (size_t k = 0; k < sizeof name_seps / sizeof name_seps[0]; k++) {
    size_t l = strlen(name_seps[k].s);
    if (tl - i >= l && !memcmp(t + i, name_seps[k].s, l) &&
        (!name_seps[k].spaced || (i > 0 && t[i - 1] == ' ')))
      return l;
  }
  return 0;
}

unsigned cc_meta_names_add(cc_arena *a, cc_names *out, const char *s, size_t n) {
  if (!s || !n || n > 4096) return 0;
  char *t = cc_meta_text(a, s, n, 1024, CC_MT_ENTITIES | CC_MT_TAGS | CC_MT_LINES);
  if (!t) return 0;
  /* a link (a profile page given as the author) names no one */
  if ((!strncmp(t, "http", 4) || !strncmp(t, "www.", 4)) && !strchr(t, ' ')) return 0;
  /* drop parentheticals: "(Reuters)", "(@handle)", "(photo)" */
  size_t tl = 0;
  int depth = 0;
  for (size_t i = 0; t[i]; i++) {
    if (t[i] == '(' || t[i] == '[') depth++;
    else if ((t[i] == ')' || t[i] == ']') && depth) depth--;
    else if (!depth) t[tl++] = t[i];
  }
  t[tl] = '\0';
  unsigned added = 0;
  /* parts: line breaks, '|', ',', ';', '/', bullets and spaced dashes */
  size_t i = 0, st = 0;
  unsigned parts = 0;
  while (i <= tl && parts < MAX_PARTS) {
    size_t sep = 0;
    if (i == tl) sep = 1;
    else {
      unsigned char c = (unsigned char)t[i];
      if (c == '\n' || c == '|' || c == ',' || c == ';' || c == '/') sep = 1;
      else if (c == '-' && i > 0 && t[i - 1] == ' ' && t[i + 1] == ' ') sep = 1;
      else if (c >= 0xc2) sep = wide_sep(t, tl, i);
      else if (c == '.' && t[i + 1] == ' ' && i >= 3) {
        /* "Jane Doe. Sputnik": a period after a word, not an initial
         * ("J. Doe") or a short abbreviation ("Jr.", "Dr.") */
        size_t k = i;
        while (k > st && t[k - 1] != ' ') k--;
        unsigned letters = 0;
        for (size_t q = k; q < i; q++) letters += (t[q] | 0x20) >= 'a' && (t[q] | 0x20) <= 'z';
        if (letters >= 3 && i - k == letters) sep = 1;
      }
    }
    if (sep) {
      size_t a0 = st, a1 = i;
      while (a0 < a1 && t[a0] == ' ') a0++;
      while (a1 > a0 && t[a1 - 1] == ' ') a1--;
      if (a1 > a0 && !add_credential(a, out, t + a0, a1 - a0, added)) {
        if (parts) a0 += leading_conj(out, t + a0, a1 - a0);
        split_conj(a, out, t + a0, a1 - a0, &added, parts > 0);
        parts++;
      }
      st = i + sep;
      i += sep;
      if (i > tl) break;
      continue;
    }
    i++;
  }
  return added;
}

char *cc_meta_names_join(cc_arena *a, const cc_names *names) {
  int people = 0;
  for (unsigned i = 0; i < names->n; i++)
    if (!names->agency[i]) people = 1;
  const char *kept[CC_META_NAMES_MAX];
  unsigned k = 0;
  for (unsigned i = 0; i < names->n; i++)
    if (!(people && names->agency[i])) kept[k++] = names->v[i];
  /* the list as the page wrote it: "A, B and C", "A, B, and C", or with
   * commas only when it used no conjunction */
  char buf[CC_META_AUTHOR_MAX + 1];
  size_t o = 0;
  for (unsigned i = 0; i < k; i++) {
    char sep[24] = "";
    if (i && i + 1 == k && names->conj[0])
      snprintf(sep, sizeof sep, "%s %s ", names->serial && k > 2 ? "," : "", names->conj);
    else if (i)
      snprintf(sep, sizeof sep, ", ");
    size_t sl = strlen(sep), l = strlen(kept[i]);
    if (o + sl + l > CC_META_AUTHOR_MAX) break;
    memcpy(buf + o, sep, sl);
    memcpy(buf + o + sl, kept[i], l);
    o += sl + l;
  }
  if (!o) return NULL;
  return cc_arena_strndup(a, buf, o);
}
