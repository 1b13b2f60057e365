/* meta_date.c — date parsing for the metadata stage (see meta.h).
 *
 * Two readers: a strict one for the machine forms (ISO 8601 and its
 * variants, compact YYYYMMDD, Unix timestamps) and a token reader for
 * everything people write: it splits the text into numbers and words,
 * finds a month name (en/fr/de/es/it/pt/nl) or a numeric d.m.y group,
 * then a time with am/pm and a zone. Dates before 1990 or after next year
 * are rejected as implausible for a web page.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "meta.h"

/* ---- word lists (our own) ---- */

typedef struct word_val {
  const char *w;
  int v;
} word_val;

/* Lowercase month names and abbreviations. Where languages share a form
 * ("mar", "mai", "set") they agree on the month. English words that are
 * also abbreviations elsewhere ("ago", "out") are left out. */
static const word_val months[] = {
    /* en */
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5},
    {"june", 6}, {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3},
    {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9},
    {"oct", 10}, {"nov", 11}, {"dec", 12},
    /* fr */
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4},
    {"mai", 5}, {"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8},
    {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    {"decembre", 12}, {"janv", 1}, {"févr", 2}, {"fevr", 2}, {"fév", 2},
    {"avr", 4}, {"juil", 7}, {"déc", 12},
    /* de */
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3},
    {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"mär", 3},
    {"mrz", 3}, {"okt", 10}, {"dez", 12},
    /* es */
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5},
    {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9},
    {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12}, {"ene", 1}, {"abr", 4},
    {"dic", 12},
    /* it */
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
    {"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12}, {"gen", 1},
    {"mag", 5}, {"giu", 6}, {"lug", 7}, {"set", 9}, {"ott", 10},
    /* pt */
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3}, {"maio", 5},
    {"junho", 6}, {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"dezembro", 12},
    {"fev", 2},
    /* nl */
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
    {"mrt", 3},
};

static const char *const weekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "sonnabend", "lunes", "martes", "miércoles", "miercoles", "jueves",
    "viernes", "sábado", "sabado", "domingo", "lunedì", "martedì",
    "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
    "segunda", "terça", "quarta", "quinta", "sexta", "maandag", "dinsdag",
    "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
};

/* Time zone abbreviations worth trusting (minutes east of UTC). "ET",
 * "PT" and "IST" are ambiguous about daylight time or the country: the
 * time is kept without an offset. */
static const word_val zones[] = {
    {"utc", 0}, {"gmt", 0}, {"z", 0}, {"est", -300}, {"edt", -240}, {"cst", -360},
    {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"cet", 60}, {"cest", 120}, {"mez", 60}, {"mesz", 120}, {"bst", 60},
    {"eet", 120}, {"eest", 180}, {"wet", 0}, {"west", 60}, {"jst", 540},
    {"kst", 540}, {"aest", 600}, {"aedt", 660},
};

static int lookup(const word_val *t, size_t n, const char *w, size_t l) {
  if (!l) return -1;
  for (size_t i = 0; i < n; i++)
    if (t[i].w[0] == w[0] && strlen(t[i].w) == l && !memcmp(t[i].w, w, l)) return t[i].v;
  return -1;
}

int cc_meta_month(const char *w, size_t n) {
  int m = lookup(months, sizeof months / sizeof months[0], w, n);
  return m > 0 ? m : 0;
}

int cc_meta_weekday(const char *w, size_t n) {
  if (!n) return 0;
  for (size_t i = 0; i < sizeof weekdays / sizeof weekdays[0]; i++)
    if (weekdays[i][0] == w[0] && strlen(weekdays[i]) == n && !memcmp(weekdays[i], w, n))
      return 1;
  return 0;
}

/* Labels written in front of a date (lowercase), matched at a word start.
 * Dates labelled with the third kind are not the article's ("Joined"
 * beside a forum poster's name, "Founded" in a profile). */
static const char *const updated_words[] = {
    "updated", "update", "modified", "revised", "edited", "last edited", "mis à jour",
    "mise à jour", "actualisé", "actualizado", "actualización", "aktualisiert", "geändert",
    "aggiornato", "aggiornamento", "atualizado", "bijgewerkt", "gewijzigd"};
static const char *const published_words[] = {
    "published", "posted", "publié", "publiée", "veröffentlicht", "erschienen", "publicado",
    "pubblicato", "gepubliceerd", "created", "erstellt", "originally"};
static const char *const other_words[] = {
    "joined", "member since", "registered", "inscrit", "dabei seit", "registriert",
    "miembro desde", "iscritto", "lid sinds", "last post", "last reply", "last active",
    "founded"};

/* The label starting at t[i] (CC_DL_*), its length in *len. */
static int label_at(const char *t, size_t n, size_t i, size_t *len) {
  if (i > 0 && ((t[i - 1] | 0x20) >= 'a' && (t[i - 1] | 0x20) <= 'z')) return CC_DL_NONE;
  static const struct {
    const char *const *w;
    size_t n;
    int kind;
  } lists[] = {{updated_words, sizeof updated_words / sizeof *updated_words, CC_DL_MODIFIED},
               {published_words, sizeof published_words / sizeof *published_words, CC_DL_PUBLISHED},
               {other_words, sizeof other_words / sizeof *other_words, CC_DL_OTHER}};
  for (size_t k = 0; k < sizeof lists / sizeof *lists; k++)
    for (size_t j = 0; j < lists[k].n; j++) {
      const char *w = lists[k].w[j];
      size_t l = strlen(w), m = 0;
      while (m < l && i + m < n) {
        unsigned char c = (unsigned char)t[i + m];
        if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != (unsigned char)w[m]) break;
        m++;
      }
      if (m == l) {
        *len = l;
        return lists[k].kind;
      }
    }
  return CC_DL_NONE;
}

int cc_meta_date_label(const char *t, size_t n, size_t *at, size_t *len) {
  for (size_t i = 0; i < n; i++) {
    int k = label_at(t, n, i, len);
    if (k) {
      if (at) *at = i;
      return k;
    }
  }
  return CC_DL_NONE;
}

/* ---- validation ---- */

static int max_year(void) {
  time_t now = time(NULL);
  struct tm tm;
  if (!gmtime_r(&now, &tm)) return 2100;
  return tm.tm_year + 1900 + 1;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in(int y, int m) {
  static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : dm[m - 1];
}

static int valid(const cc_date *d) {
  if (d->y < 1990 || d->y > max_year()) return 0;
  if (d->mo < 1 || d->mo > 12 || d->d < 1 || d->d > days_in(d->y, d->mo)) return 0;
  if (d->has_time && (d->h < 0 || d->h > 23 || d->mi < 0 || d->mi > 59 || d->s < 0 ||
                      d->s > 60))
    return 0;
  if (d->has_tz && (d->off_min < -14 * 60 || d->off_min > 14 * 60)) return 0;
  return 1;
}

/* ---- Unix timestamps ---- */

static int from_epoch(long long secs, cc_date *d) {
  long long days = secs / 86400, rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    days--;
  }
  /* civil-from-days (proleptic Gregorian), after H. Hinnant's algorithm */
  long long z = days + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  long long dd = doy - (153 * mp + 2) / 5 + 1;
  long long mm = mp < 10 ? mp + 3 : mp - 9;
  if (mm <= 2) y++;
  memset(d, 0, sizeof *d);
  d->y = (int)y;
  d->mo = (int)mm;
  d->d = (int)dd;
  d->h = (int)(rem / 3600);
  d->mi = (int)(rem % 3600 / 60);
  d->s = (int)(rem % 60);
  d->has_time = d->has_tz = 1;
  return valid(d);
}

/* ---- strict reader: ISO 8601 and friends ---- */

static int digits(const char *p, const char *e, int n, int *v) {
  int x = 0;
  for (int i = 0; i < n; i++) {
    if (p + i >= e || p[i] < '0' || p[i] > '9') return 0;
    x = x * 10 + (p[i] - '0');
  }
  *v = x;
  return 1;
}

/* Parses "[+-]HH[:MM]", "[+-]HHMM" or "Z"; returns bytes used. */
static size_t read_offset(const char *p, const char *e, int *off) {
  if (p < e && (*p == 'Z' || *p == 'z')) {
    *off = 0;
    return 1;
  }
  if (p >= e || (*p != '+' && *p != '-')) return 0;
  int sign = *p == '-' ? -1 : 1;
  int hh, mm = 0;
  const char *q = p + 1;
  if (!digits(q, e, 2, &hh)) return 0;
  q += 2;
  if (q < e && *q == ':') {
    if (!digits(q + 1, e, 2, &mm)) return 0;
    q += 3;
  } else if (digits(q, e, 2, &mm)) {
    q += 2;
  }
  *off = sign * (hh * 60 + mm);
  return (size_t)(q - p);
}

/* Reads "HH:MM[:SS[.frac]]" (or "HHMMSS" when compact); returns bytes. */
static size_t read_clock(const char *p, const char *e, cc_date *d, int compact) {
  const char *q = p;
  if (!digits(q, e, 2, &d->h)) return 0;
  q += 2;
  if (q < e && *q == ':') q++;
  else if (!compact) return 0;
  if (!digits(q, e, 2, &d->mi)) return 0;
  q += 2;
  d->s = 0;
  if (q < e && (*q == ':' || compact) && digits(q + (*q == ':'), e, 2, &d->s)) {
    q += 2 + (*q == ':');
    if (q < e && (*q == '.' || *q == ',')) {
      q++;
      while (q < e && *q >= '0' && *q <= '9') q++;
    }
  }
  d->has_time = 1;
  return (size_t)(q - p);
}

static int read_iso(const char *p, const char *e, cc_date *d) {
  memset(d, 0, sizeof *d);
  if (!digits(p, e, 4, &d->y)) return 0;
  const char *q = p + 4;
  char sep = q < e ? *q : 0;
  int compact = 0;
  if (sep == '-' || sep == '/' || sep == '.') {
    q++;
    int l = (q + 1 < e && q[1] >= '0' && q[1] <= '9') ? 2 : 1;
    if (!digits(q, e, l, &d->mo)) return 0;
    q += l;
    if (q >= e || *q != sep) return 0;
    q++;
    l = (q + 1 < e && q[1] >= '0' && q[1] <= '9') ? 2 : 1;
    if (!digits(q, e, l, &d->d)) return 0;
    q += l;
  } else if (digits(q, e, 2, &d->mo) && digits(q + 2, e, 2, &d->d)) {
    q += 4; /* YYYYMMDD */
    compact = 1;
  } else {
    return 0;
  }
  if (q < e && *q >= '0' && *q <= '9' && !compact) return 0;
  /* time: 'T' or one space, then the clock, then an optional zone */
  if (q < e && (*q == 'T' || *q == 't' || *q == ' ')) {
    cc_date t = *d;
    size_t n = read_clock(q + 1, e, &t, compact && *q != ' ');
    if (n) {
      const char *z = q + 1 + n;
      while (z < e && *z == ' ') z++;
      size_t zl = read_offset(z, e, &t.off_min);
      if (zl) t.has_tz = 1;
      else if (e - z >= 3 && (!strncmp(z, "UTC", 3) || !strncmp(z, "GMT", 3))) {
        t.has_tz = 1;
        t.off_min = 0;
      }
      *d = t;
    }
  } else if (compact && q < e && *q >= '0' && *q <= '9') {
    return 0;
  }
  return valid(d);
}

/* ---- token reader ---- */

enum { T_NUM, T_WORD };

typedef struct tok {
  int type;
  const char *p;
  int len;
  long long v;   /* numbers */
  char after;    /* the byte right after the token */
  char before;   /* the byte right before */
  int used;
} tok;

#define MAXTOK 40

static int lower_word(const char *p, int n, char *out, int cap) {
  if (n >= cap) return 0;
  for (int i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    out[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    /* capital letters with diacritics seen in month names: É Û Ä */
    if (c == 0xc3 && i + 1 < n) {
      unsigned char c2 = (unsigned char)p[i + 1];
      out[++i] = (char)(c2 >= 0x80 && c2 <= 0x9e ? c2 + 0x20 : c2);
    }
  }
  out[n] = '\0';
  return 1;
}

static int tokenize(const char *s, const char *e, tok *t) {
  int n = 0;
  const char *p = s;
  while (p < e && n < MAXTOK) {
    unsigned char c = (unsigned char)*p;
    if (c >= '0' && c <= '9') {
      const char *q = p;
      long long v = 0;
      while (q < e && *q >= '0' && *q <= '9') {
        if (q - p < 15) v = v * 10 + (*q - '0');
        q++;
      }
      t[n] = (tok){T_NUM, p, (int)(q - p), v, q < e ? *q : 0, p > s ? p[-1] : 0, 0};
      n++;
      p = q;
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? 1 : c >= 0xc3 && c <= 0xc5) {
      const char *q = p;
      while (q < e) {
        unsigned char d = (unsigned char)*q;
        if (((d | 0x20) >= 'a' && (d | 0x20) <= 'z') || d >= 0x80) q++;
        else break;
      }
      t[n] = (tok){T_WORD, p, (int)(q - p), 0, q < e ? *q : 0, p > s ? p[-1] : 0, 0};
      n++;
      p = q;
    } else {
      p++;
    }
  }
  return n;
}

/* Words that may stand between a day and a month or after a day. */
static int filler(const char *w, int n) {
  static const char *const f[] = {"st", "nd", "rd", "th", "er", "de", "del", "of", "the",
                                  "le", "el", "il", "o", "a", "den", "der", "am", "on"};
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
    if ((int)strlen(f[i]) == n && !memcmp(f[i], w, (size_t)n)) return 1;
  return 0;
}

static int year_of(const tok *t, int maxy) {
  if (t->type != T_NUM || t->len != 4) return 0;
  return t->v >= 1900 && t->v <= maxy + 10 ? (int)t->v : 0;
}

/* Finds a clock after index `from`: "8:05", "08:05:09", "8h05", with
 * am/pm and a zone. */
static void read_time(tok *t, int n, int from, cc_date *d) {
  for (int i = from; i < n; i++) {
    if (t[i].used || t[i].type != T_NUM || t[i].len > 2) continue;
    int h = (int)t[i].v, mi = -1, s = 0, j = i + 1;
    if (t[i].after == ':' && j < n && t[j].type == T_NUM && t[j].len == 2 &&
        t[j].p == t[i].p + t[i].len + 1) {
      mi = (int)t[j].v;
      j++;
      if (t[j - 1].after == ':' && j < n && t[j].type == T_NUM && t[j].len == 2) {
        s = (int)t[j].v;
        j++;
      }
    } else if ((t[i].after == 'h' || t[i].after == 'H') && j < n && t[j].type == T_WORD &&
               t[j].len == 1 && j + 1 < n && t[j + 1].type == T_NUM && t[j + 1].len == 2 &&
               t[j + 1].p == t[j].p + 1) {
      mi = (int)t[j + 1].v; /* 8h05 */
      j += 2;
    }
    if (mi < 0) continue;
    /* fractional seconds "08:00:00.000" */
    if (j < n && t[j].type == T_NUM && t[j].before == '.') j++;
    if (j < n && t[j].type == T_WORD) {
      char w[8];
      if (lower_word(t[j].p, t[j].len, w, sizeof w)) {
        if ((!strcmp(w, "pm") || !strcmp(w, "p")) && h >= 1 && h <= 12) {
          if (h < 12) h += 12;
          j++;
        } else if ((!strcmp(w, "am") || !strcmp(w, "a")) && h >= 1 && h <= 12) {
          if (h == 12) h = 0;
          j++;
        }
      }
    }
    d->h = h;
    d->mi = mi;
    d->s = s;
    d->has_time = 1;
    /* zone: a word (GMT, EST), an offset (+0100, -05:00), or GMT+1 */
    if (j < n && t[j].type == T_WORD) {
      char w[8];
      if (lower_word(t[j].p, t[j].len, w, sizeof w)) {
        int z = lookup(zones, sizeof zones / sizeof zones[0], w, strlen(w));
        if (z != -1) {
          d->has_tz = 1;
          d->off_min = z;
          j++;
        }
      }
    }
    if (j < n && t[j].type == T_NUM && (t[j].before == '+' || t[j].before == '-') &&
        (t[j].len == 4 || t[j].len == 2 || t[j].len == 1)) {
      int off;
      const char *sp = t[j].p - 1;
      const char *end = t[j].p + t[j].len;
      if (t[j].len == 2 && t[j].after == ':' && j + 1 < n && t[j + 1].len == 2)
        end = t[j + 1].p + 2;
      if (t[j].len == 1) {
        off = (int)t[j].v * 60 * (t[j].before == '-' ? -1 : 1);
        d->has_tz = 1;
        d->off_min = off;
      } else if (read_offset(sp, end, &off)) {
        d->has_tz = 1;
        d->off_min = off;
      }
    }
    return;
  }
}

static int lit_at(const char *p, const char *e, const char *lit) {
  size_t l = strlen(lit);
  return (size_t)(e - p) >= l && !memcmp(p, lit, l);
}

static int read_tokens(const char *s, const char *e, int mdy, cc_date *d) {
  tok t[MAXTOK];
  int n = tokenize(s, e, t);
  int maxy = max_year();
  memset(d, 0, sizeof *d);
  /* 1. a month name with a day next to it and a year nearby */
  for (int i = 0; i < n; i++) {
    if (t[i].type != T_WORD) continue;
    char w[24];
    if (!lower_word(t[i].p, t[i].len, w, sizeof w)) continue;
    int mo = cc_meta_month(w, strlen(w));
    if (!mo) continue;
    int day = 0, di = -1;
    /* day before: "19 November", "19. November", "19 de noviembre", "1er" */
    int j = i - 1;
    while (j >= 0 && t[j].type == T_WORD) {
      char f[8];
      if (!lower_word(t[j].p, t[j].len, f, sizeof f) || !filler(f, t[j].len)) break;
      j--;
    }
    if (j >= 0 && j >= i - 3 && t[j].type == T_NUM && t[j].len <= 2 && t[j].v >= 1 &&
        t[j].v <= 31 && t[j].after != ':') {
      day = (int)t[j].v;
      di = j;
    }
    /* day after: "November 19", "Nov. 19th," */
    if (!day) {
      j = i + 1;
      while (j < n && t[j].type == T_WORD) {
        char f[8];
        if (!lower_word(t[j].p, t[j].len, f, sizeof f) || !filler(f, t[j].len)) break;
        j++;
      }
      if (j < n && j <= i + 3 && t[j].type == T_NUM && t[j].len <= 2 && t[j].v >= 1 &&
          t[j].v <= 31 && t[j].after != ':') {
        day = (int)t[j].v;
        di = j;
      }
    }
    if (!day) continue;
    /* the year: the nearest four-digit number after, else before */
    int y = 0, yi = -1;
    for (int k = (di > i ? di : i) + 1; k < n && k <= i + 6 && !y; k++)
      if ((y = year_of(&t[k], maxy))) yi = k;
    for (int k = (di < i ? di : i) - 1; k >= 0 && k >= i - 6 && !y; k--)
      if ((y = year_of(&t[k], maxy))) yi = k;
    if (!y) continue;
    d->y = y;
    d->mo = mo;
    d->d = day;
    t[i].used = t[di].used = t[yi].used = 1;
    read_time(t, n, 0, d);
    if (valid(d)) return 1;
    memset(d, 0, sizeof *d);
  }
  /* 2. numeric groups: d.m.yyyy, m/d/yyyy, yyyy/m/d, and the CJK
   * yyyy年m月d日 / Korean yyyy년 m월 d일 */
  for (int i = 0; i + 2 < n; i++) {
    tok *a = &t[i], *b = &t[i + 1], *c = &t[i + 2];
    if (a->type != T_NUM || b->type != T_NUM || c->type != T_NUM) continue;
    memset(d, 0, sizeof *d);
    const char *ae = a->p + a->len, *be = b->p + b->len;
    if (a->len == 4 && b->len <= 2 && c->len <= 2 &&
        ((lit_at(ae, e, "年") && lit_at(be, e, "月")) ||
         (lit_at(ae, e, "년") &&
          (lit_at(be, e, "월") || lit_at(be, e, " 월"))))) {
      d->y = (int)a->v;
      d->mo = (int)b->v;
      d->d = (int)c->v;
    } else {
      char s1 = a->after;
      if ((s1 != '.' && s1 != '/' && s1 != '-') || b->after != s1) continue;
      if (b->p != a->p + a->len + 1 || c->p != b->p + b->len + 1) continue;
      if (a->len == 4) {
        d->y = (int)a->v;
        d->mo = (int)b->v;
        d->d = (int)c->v;
      } else if (a->len <= 2 && b->len <= 2 && (c->len == 4 || c->len == 2)) {
        int y = (int)c->v;
        if (c->len == 2) y += y <= (maxy % 100) ? 2000 : 1900;
        int x = (int)a->v, z = (int)b->v;
        int month_first;
        if (s1 == '.') month_first = z > 12 && x <= 12; /* d.m.y, unless impossible */
        else if (x > 12) month_first = 0;
        else if (z > 12) month_first = 1;
        else month_first = mdy;
        d->y = y;
        d->mo = month_first ? x : z;
        d->d = month_first ? z : x;
      } else {
        continue;
      }
    }
    a->used = b->used = c->used = 1;
    read_time(t, n, i + 3, d);
    if (valid(d)) return 1;
  }
  return 0;
}

int cc_meta_date_parse(const char *s, size_t n, int mdy, cc_date *d) {
  if (!s) return 0;
  if (n > 512) n = 512; /* a date is short; a long text is not one */
  const char *p = s, *e = s + n;
  while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) e--;
  if (p >= e) return 0;
  /* all digits: a timestamp (10 or 13 digits) or YYYYMMDD */
  const char *q = p;
  while (q < e && *q >= '0' && *q <= '9') q++;
  size_t nd = (size_t)(q - p);
  if (q == e || (q + 2 == e && *q == '.' && q[1] == '0')) { /* "1574150400.0" */
    long long v = 0;
    for (const char *r = p; r < p + nd && r < p + 15; r++) v = v * 10 + (*r - '0');
    if (nd == 10) return from_epoch(v, d);
    if (nd == 13) return from_epoch(v / 1000, d);
  }
  if (nd == 4 || nd == 8) {
    if (read_iso(p, e, d)) return 1;
  }
  return read_tokens(p, e, mdy, d);
}

char *cc_meta_date_iso(cc_arena *a, const cc_date *d) {
  char b[80];
  if (!d->has_time)
    snprintf(b, sizeof b, "%04d-%02d-%02d", d->y, d->mo, d->d);
  else if (!d->has_tz)
    snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d", d->y, d->mo, d->d, d->h, d->mi,
             d->s > 59 ? 59 : d->s);
  else if (d->off_min == 0)
    snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02dZ", d->y, d->mo, d->d, d->h, d->mi,
             d->s > 59 ? 59 : d->s);
  else {
    int o = d->off_min < 0 ? -d->off_min : d->off_min;
    snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->y, d->mo, d->d,
             d->h, d->mi, d->s > 59 ? 59 : d->s, d->off_min < 0 ? '-' : '+', o / 60, o % 60);
  }
  return cc_arena_strdup(a, b);
}

long cc_meta_date_day(const cc_date *d) {
  if (!valid(d)) return -1;
  /* days-from-civil, the inverse of from_epoch's */
  int y = d->mo <= 2 ? d->y - 1 : d->y;
  long era = y / 400, yoe = y - era * 400;
  long doy = (153L * (d->mo > 2 ? d->mo - 3 : d->mo + 9) + 2) / 5 + d->d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

long cc_meta_iso_day(const char *s) {
  cc_date d;
  memset(&d, 0, sizeof d);
  if (!s || !digits(s, s + 4, 4, &d.y) || s[4] != '-' || !digits(s + 5, s + 7, 2, &d.mo) ||
      s[7] != '-' || !digits(s + 8, s + 10, 2, &d.d))
    return -1;
  return cc_meta_date_day(&d);
}

int cc_meta_date_from_url(const char *url, cc_date *d) {
  if (!url) return 0;
  const char *p = strstr(url, "://");
  p = p ? strchr(p + 3, '/') : url;
  if (!p) return 0;
  const char *end = p + strcspn(p, "?#");
  for (; p < end; p++) {
    if (*p != '/') continue;
    int y, m, dd;
    const char *q = p + 1;
    if (!digits(q, end, 4, &y)) continue;
    char sep = q + 4 < end ? q[4] : 0;
    if (sep != '/' && sep != '-' && sep != '_') continue;
    q += 5;
    if (!digits(q, end, 2, &m)) continue;
    if (q + 2 >= end || q[2] != sep) continue;
    q += 3;
    if (!digits(q, end, 2, &dd)) continue;
    q += 2;
    /* the date ends there: "/2025-12-15/", "/2025-12-15-title",
     * "/2025-12-15+Title" (a space written as '+') */
    if (q < end && ((*q >= '0' && *q <= '9') || ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z')))
      continue;
    memset(d, 0, sizeof *d);
    d->y = y;
    d->mo = m;
    d->d = dd;
    if (valid(d)) return 1;
  }
  return 0;
}
