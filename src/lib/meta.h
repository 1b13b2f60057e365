/* meta.h — internals of the metadata stage, shared by its modules:
 *
 *   meta.c         the stage: candidates and the precedence rules that
 *                  pick one value per field
 *   meta_dom.c     the one DOM walk that collects candidates
 *   meta_text.c    string cleaning (entities, whitespace, caps), loose
 *                  comparison, language tags
 *   meta_date.c    date parsing and ISO 8601 formatting
 *   meta_author.c  byline / author-name cleaning
 *   meta_title.c   site-name prefix/suffix removal from titles
 *   meta_jsonld.c  JSON-LD (schema.org) reading with jansson
 *
 * Everything returned is allocated in the arena passed in; nothing here
 * keeps state between calls, so all of it is thread-safe.
 */
#ifndef CC_META_H
#define CC_META_H

#include <stddef.h>

#include "arena.h"
#include "dom.h"
#include "strip.h"

/* Byte caps of the cleaned values (cut at a UTF-8 boundary). */
#define CC_META_TITLE_MAX 500
#define CC_META_AUTHOR_MAX 300
#define CC_META_SITE_MAX 200
#define CC_META_DESC_MAX 1000
#define CC_META_URL_MAX 4096
#define CC_META_BODY_MAX ((size_t)1 << 20)
#define CC_META_NAMES_MAX 10 /* authors kept */
#define CC_META_TAGS_MAX 20  /* tags kept */
#define CC_META_TAG_MAX 60   /* bytes of one tag */

/* ---- candidates (meta.c) ---- */

/* Fields candidates are collected for. */
enum {
  CC_MF_TITLE, CC_MF_AUTHOR, CC_MF_DATE, CC_MF_SITE, CC_MF_LANG, CC_MF_DESC,
  CC_MF_IMAGE, CC_MF_URL, CC_MF_TAGS, CC_MF_COUNT
};

/* Candidate flags. */
enum {
  CC_MC_MULTI = 1u << 0,   /* same-priority values accumulate (authors) */
  CC_MC_CITATION = 1u << 1 /* "Last, First" name order */
};

#define CC_META_MAX_CANDS 16

typedef struct cc_meta_cand {
  const char *v;   /* raw value (arena or DOM string) */
  const char *src; /* where it came from, for --explain */
  int prio;        /* lower is better */
  unsigned flags;
} cc_meta_cand;

typedef struct cc_meta_field {
  cc_meta_cand c[CC_META_MAX_CANDS];
  int n;
} cc_meta_field;

/* What the DOM walk found. */
typedef struct cc_meta_found {
  cc_arena *a;
  cc_meta_field f[CC_MF_COUNT];
  const char *canonical, *base_href; /* raw hrefs */
  const char *h1[3];                 /* the first h1 texts: title evidence */
  int nh1;
} cc_meta_found;

/* Adds a candidate. The first value of a priority wins, except with
 * CC_MC_MULTI where same-priority values are joined by '\n'; a full field
 * keeps its best CC_META_MAX_CANDS. */
void cc_meta_add(cc_meta_found *m, int f, int prio, const char *v, const char *src,
                 unsigned flags);
/* 1 when field f has a candidate of that priority already. */
int cc_meta_has(const cc_meta_found *m, int f, int prio);

/* Date candidates: priorities below CC_META_STRONG_DATE come from the
 * page's metadata markup (JSON-LD, meta tags, microdata), up to
 * CC_META_TIME_DATE from <time> elements; those from
 * CC_META_MODIFIED_MIN to CC_META_MODIFIED_MAX are modification dates. */
#define CC_META_STRONG_DATE 30
#define CC_META_TIME_DATE 35 /* a <time> in the article */
#define CC_META_MODIFIED_MIN 60
#define CC_META_MODIFIED_MAX 64
/* Author candidates from this priority on are bylines found in the page's
 * text, anywhere (meta_dom.c). */
#define CC_META_WEAK_AUTHOR 35
/* ... and up to this one they come from markup naming the author (JSON-LD,
 * meta tags, itemprop=author). */
#define CC_META_MARKUP_AUTHOR 30

/* ---- the article's head (meta_head.c) ---- */

/* After the filter: the title from the visible headline, and the dates
 * written next to it (see meta_head.c). Returns 0. */
struct cc_ctx;
int cc_stage_head(struct cc_ctx *ctx);

/* ---- the DOM walk (meta_dom.c) ---- */

/* Collects the candidates of a parsed page (before pre-clean) into *m,
 * whose arena must be set. */
void cc_meta_walk(const cc_dom *d, cc_meta_found *m);

/* The text of n's subtree into buf, NUL-terminated: block boundaries as
 * '\n', other element boundaries as a space (so "Jane Doe<span>Founder"
 * stays two words). Returns the length, or -1 when it needs more than cap
 * bytes or maxnodes nodes. */
long cc_meta_gather(const cc_node *n, char *buf, size_t cap, unsigned maxnodes);

/* 1 when text starts like a byline: "By Jane", "Par Jean", "Written
 * by", "Author: ..." (the words in meta_dom.c). */
int cc_meta_byline_start(const char *t, size_t n);
/* 1 when the class word at p, which starts with "author", is no author's
 * ("authorization-link", "authority"): a login link or a ranking. */
int cc_meta_author_lookalike(const char *p);

/* ---- text (meta_text.c) ---- */

enum {
  CC_MT_ENTITIES = 1u << 0, /* decode HTML character references */
  CC_MT_TAGS = 1u << 1,     /* drop markup: <tag ...> and <!-- ... --> */
  CC_MT_COMMENTS = 1u << 2, /* drop only <!-- ... --> debris */
  CC_MT_LINES = 1u << 3     /* keep line breaks (as one '\n') */
};

/* Cleans n bytes of UTF-8: optional entity decoding and markup removal,
 * whitespace runs (Unicode spaces included, zero-width ones dropped)
 * collapsed to one space, trimmed, and cut to at most `cap` bytes at a
 * word or character boundary ("…" appended when cut inside text).
 * Returns NULL when nothing is left. */
char *cc_meta_text(cc_arena *a, const char *s, size_t n, size_t cap,
                   unsigned flags);

/* Loose equality: ASCII case, spacing and punctuation (ASCII and the
 * common Unicode quotes, dashes, spaces) are ignored. NULL never equals. */
int cc_meta_loose_eq(const char *a, size_t an, const char *b, size_t bn);

/* Writes the lowercased ASCII letters and digits of s (other bytes >= 0x80
 * kept as is, punctuation dropped) into out; returns the length. */
size_t cc_meta_key(const char *s, size_t n, char *out, size_t cap);

/* Number of words (runs of non-space) in s. */
unsigned cc_meta_words(const char *s, size_t n);

/* Normalizes a language tag to BCP 47 case conventions ("en_us" ->
 * "en-US", "zh-hant-tw" -> "zh-Hant-TW"), keeping only the first tag of a
 * list; NULL for junk, "und", "mul", "zxx" or private-use tags. */
char *cc_meta_lang(cc_arena *a, const char *s);

/* ---- dates (meta_date.c) ---- */

typedef struct cc_date {
  int y, mo, d;
  int h, mi, s;
  int has_time; /* h/mi/s valid */
  int has_tz;   /* off_min valid (0 = UTC, written as Z) */
  int off_min;
} cc_date;

/* Parses a date in any of the common forms (ISO 8601 and its variants,
 * RFC 822/1123, numeric D.M.Y / M/D/Y, month names in en/fr/de/es/it/pt/
 * nl, Unix timestamps as 10 or 13 digits) found at the start of or inside
 * s. `mdy` says how to read an ambiguous a/b/yyyy (1: month first).
 * Returns 1 and fills *d when a plausible date (1990 .. next year) is
 * found. */
int cc_meta_date_parse(const char *s, size_t n, int mdy, cc_date *d);

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" plus "Z" / "+HH:MM" when known. */
char *cc_meta_date_iso(cc_arena *a, const cc_date *d);

/* What the words in front of a date say it is. */
enum { CC_DL_NONE = 0, CC_DL_PUBLISHED, CC_DL_MODIFIED, CC_DL_OTHER };

/* Finds the first label ("Published", "Updated on", "Mis à jour",
 * "Joined"...) in t[0..n): returns its kind and sets *at (may be NULL) and
 * *len to where it is; CC_DL_NONE when there is none. */
int cc_meta_date_label(const char *t, size_t n, size_t *at, size_t *len);

/* The day an ISO date ("YYYY-MM-DD...", as cc_meta_date_iso writes it)
 * falls on, counted from 1970-01-01; -1 when s is not one. */
long cc_meta_iso_day(const char *s);
/* The same for a parsed date; -1 when it is not a valid one. */
long cc_meta_date_day(const cc_date *d);

/* A /YYYY/MM/DD/ or /YYYY-MM-DD path segment of a URL. */
int cc_meta_date_from_url(const char *url, cc_date *d);

/* Month (1..12) named by a lowercased word in one of the languages above,
 * full or abbreviated; 0 when it is not a month. */
int cc_meta_month(const char *w, size_t n);
/* 1 when the lowercased word is a weekday name (same languages). */
int cc_meta_weekday(const char *w, size_t n);

/* ---- authors (meta_author.c) ---- */

typedef struct cc_names {
  const char *v[CC_META_NAMES_MAX];
  unsigned char agency[CC_META_NAMES_MAX];
  unsigned n;
  char conj[12];        /* the list's conjunction as written ("and", "&",
                           "und"), kept for joining; "" when none */
  unsigned char serial; /* a comma before it: "A, B, and C" */
  unsigned char handles; /* set by the caller: user names ("jdoe42") count,
                            as where a forum post is signed */
} cc_names;

/* Cleans a byline or author value and adds the person names it holds to
 * *out (deduplicated): drops "By"/"Par"/"Von"... prefixes, dates, job
 * titles, "Email the author"/"Follow" debris, handles, URLs; splits lists
 * on commas, '|', line breaks and "and"/"und"/"et"/"y"/"e"/"en". Returns
 * the number of names added. */
unsigned cc_meta_names_add(cc_arena *a, cc_names *out, const char *s,
                           size_t n);

/* "Jane Doe, John Roe": people when there are any, else the agencies
 * ("Reuters") alone, joined the way the page joined them ("A, B and C");
 * NULL when empty. */
char *cc_meta_names_join(cc_arena *a, const cc_names *names);

/* ---- titles (meta_title.c) ---- */

/* Removes a site-name prefix or suffix from a cleaned title: the given
 * site name, else a segment naming the host, else a segment that other
 * sources (`refs`: h1s, og:title, JSON-LD headline...) show is the real
 * headline, else a short trailing segment after a strong separator
 * ("|", "::", "»"). Returns t itself when nothing is removed. */
const char *cc_meta_title_strip(cc_arena *a, const char *t, const char *site,
                                const char *host, const char *const *refs,
                                unsigned nrefs);

/* ---- JSON-LD (meta_jsonld.c) ---- */

typedef struct cc_ld {
  /* raw-ish values: entity-decoded and whitespace-collapsed */
  const char *headline, *name, *alt_headline;
  const char *date_pub, *date_created, *date_mod;
  const char *site_name;    /* publisher name or WebSite name */
  const char *org_name;     /* a top-level Organization's name */
  const char *description, *image, *language, *url, *body;
  const char *keywords, *section; /* '\n'-separated lists */
  cc_names authors;         /* Person authors */
  cc_names org_authors;     /* Organization authors */
  int main_rank;            /* 3 article, 2 creative work, 1 web page, 0 none */
} cc_ld;

/* Reads the JSON-LD blocks (UTF-8), tolerating the usual breakage, and
 * fills *out from the most article-like object. */
void cc_meta_jsonld(cc_arena *a, const cc_span *blocks, unsigned n,
                    cc_ld *out);

#endif
