/* charset.c — from a page's bytes, in whatever charset, to UTF-8.
 *
 * Owns: the WHATWG label -> encoding table (our transcription of the
 * Encoding Standard's facts), the choice of charset (BOM, transport hint,
 * <meta>, <?xml?>, detection, default), UTF-8 validation, and the decoders:
 * UTF-8 (with repair of stray windows-1252 bytes), windows-1252, UTF-16,
 * UTF-32 and x-user-defined natively; every other encoding through glibc's
 * iconv; uchardet for undeclared legacy pages.
 *
 * Order of sources: a BOM wins over everything, the caller's hint included
 * (as in the HTML spec: a BOM is a fact about the bytes, a Content-Type
 * header is often a server default); then the hint, <meta>, <?xml?>, and
 * detection. Bytes that validate as UTF-8 with real multi-byte content win
 * over a legacy declaration (source "detected").
 *
 * NUL bytes are kept as they are (the HTML parser deals with them).
 * Output buffers come from the caller's arena; when no conversion is needed
 * cc_charset_decode() hands back the input itself. Nothing here keeps
 * per-call state in globals: the only global state is the set of converters
 * pinned by cc_charset_preload(), set up once under pthread_once. All
 * functions are thread-safe.
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <uchardet/uchardet.h>

#include "oom.h"
#include "strip.h"
#include "../../include/clipclean.h"

/* ---- encodings and labels ---------------------------------------------- */

enum kind {
  K_UTF8,
  K_1252,  /* windows-1252, decoded natively */
  K_SB,    /* other single-byte, ASCII-compatible: iconv */
  K_MB,    /* multi-byte CJK, ASCII-compatible: iconv */
  K_7BIT,  /* ISO-2022-*: escape sequences, so pure ASCII is not identity */
  K_XUSER, /* x-user-defined */
  K_U16LE,
  K_U16BE,
  K_U32LE,
  K_U32BE
};

typedef struct enc {
  const char *name;  /* canonical: the WHATWG name, lowercased */
  const char *iconv; /* what glibc's iconv calls it; NULL = decoded here */
  enum kind kind;
} enc;

enum {
  E_UTF8, E_IBM866, E_8859_2, E_8859_3, E_8859_4, E_8859_5, E_8859_6,
  E_8859_7, E_8859_8, E_8859_8I, E_8859_10, E_8859_13, E_8859_14, E_8859_15,
  E_8859_16, E_KOI8R, E_KOI8U, E_MAC, E_W874, E_W1250, E_W1251, E_W1252,
  E_W1253, E_W1254, E_W1255, E_W1256, E_W1257, E_W1258, E_XMACCYR, E_GBK,
  E_GB18030, E_BIG5, E_EUCJP, E_2022JP, E_SJIS, E_EUCKR, E_U16BE, E_U16LE,
  E_XUSER,
  /* Not WHATWG encodings: UTF-32 (by BOM only) and what uchardet may name
   * that has no WHATWG label but that iconv decodes. */
  E_U32LE, E_U32BE, E_IBM852, E_IBM855, E_MACCE, E_VISCII, E_EUCTW,
  E_2022KR, E_2022CN, E_GEO_AC, E_GEO_PS,
  E_COUNT
};

/* Where the WHATWG name is not what glibc wants, or glibc's converter of
 * that name differs from the spec's decoder, the iconv column says which
 * glibc converter is closest: Shift_JIS is Microsoft's (CP932; glibc's
 * SHIFT_JIS turns 0x5C into a yen sign), EUC-KR is UHC (CP949), GBK is
 * decoded by the GB18030 decoder, Big5 includes HKSCS, EUC-JP includes the
 * NEC/IBM rows (EUC-JP-MS). */
static const enc ENCODINGS[E_COUNT] = {
  [E_UTF8] = {"utf-8", NULL, K_UTF8},
  [E_IBM866] = {"ibm866", "IBM866", K_SB},
  [E_8859_2] = {"iso-8859-2", "ISO-8859-2", K_SB},
  [E_8859_3] = {"iso-8859-3", "ISO-8859-3", K_SB},
  [E_8859_4] = {"iso-8859-4", "ISO-8859-4", K_SB},
  [E_8859_5] = {"iso-8859-5", "ISO-8859-5", K_SB},
  [E_8859_6] = {"iso-8859-6", "ISO-8859-6", K_SB},
  [E_8859_7] = {"iso-8859-7", "ISO-8859-7", K_SB},
  [E_8859_8] = {"iso-8859-8", "ISO-8859-8", K_SB},
  [E_8859_8I] = {"iso-8859-8-i", "ISO-8859-8", K_SB},
  [E_8859_10] = {"iso-8859-10", "ISO-8859-10", K_SB},
  [E_8859_13] = {"iso-8859-13", "ISO-8859-13", K_SB},
  [E_8859_14] = {"iso-8859-14", "ISO-8859-14", K_SB},
  [E_8859_15] = {"iso-8859-15", "ISO-8859-15", K_SB},
  [E_8859_16] = {"iso-8859-16", "ISO-8859-16", K_SB},
  [E_KOI8R] = {"koi8-r", "KOI8-R", K_SB},
  [E_KOI8U] = {"koi8-u", "KOI8-U", K_SB},
  [E_MAC] = {"macintosh", "MACINTOSH", K_SB},
  [E_W874] = {"windows-874", "WINDOWS-874", K_SB},
  [E_W1250] = {"windows-1250", "WINDOWS-1250", K_SB},
  [E_W1251] = {"windows-1251", "WINDOWS-1251", K_SB},
  [E_W1252] = {"windows-1252", NULL, K_1252},
  [E_W1253] = {"windows-1253", "WINDOWS-1253", K_SB},
  [E_W1254] = {"windows-1254", "WINDOWS-1254", K_SB},
  [E_W1255] = {"windows-1255", "WINDOWS-1255", K_SB},
  [E_W1256] = {"windows-1256", "WINDOWS-1256", K_SB},
  [E_W1257] = {"windows-1257", "WINDOWS-1257", K_SB},
  [E_W1258] = {"windows-1258", "WINDOWS-1258", K_SB},
  [E_XMACCYR] = {"x-mac-cyrillic", "MAC-CYRILLIC", K_SB},
  [E_GBK] = {"gbk", "GB18030", K_MB},
  [E_GB18030] = {"gb18030", "GB18030", K_MB},
  [E_BIG5] = {"big5", "BIG5-HKSCS", K_MB},
  [E_EUCJP] = {"euc-jp", "EUC-JP-MS", K_MB},
  [E_2022JP] = {"iso-2022-jp", "ISO-2022-JP", K_7BIT},
  [E_SJIS] = {"shift_jis", "CP932", K_MB},
  [E_EUCKR] = {"euc-kr", "CP949", K_MB},
  [E_U16BE] = {"utf-16be", NULL, K_U16BE},
  [E_U16LE] = {"utf-16le", NULL, K_U16LE},
  [E_XUSER] = {"x-user-defined", NULL, K_XUSER},
  [E_U32LE] = {"utf-32le", NULL, K_U32LE},
  [E_U32BE] = {"utf-32be", NULL, K_U32BE},
  [E_IBM852] = {"ibm852", "IBM852", K_SB},
  [E_IBM855] = {"ibm855", "IBM855", K_SB},
  [E_MACCE] = {"mac-centraleurope", "MAC-CENTRALEUROPE", K_SB},
  [E_VISCII] = {"viscii", "VISCII", K_SB},
  [E_EUCTW] = {"euc-tw", "EUC-TW", K_MB},
  [E_2022KR] = {"iso-2022-kr", "ISO-2022-KR", K_7BIT},
  [E_2022CN] = {"iso-2022-cn", "ISO-2022-CN", K_7BIT},
  [E_GEO_AC] = {"georgian-academy", "GEORGIAN-ACADEMY", K_SB},
  [E_GEO_PS] = {"georgian-ps", "GEORGIAN-PS", K_SB},
};

typedef struct label {
  const char *label;
  unsigned char e;
} label;

/* The WHATWG Encoding Standard's labels, grouped as the spec lists them.
 * Left out on purpose: the labels of the "replacement" encoding
 * (csiso2022kr, hz-gb-2312, iso-2022-cn, iso-2022-cn-ext, iso-2022-kr,
 * replacement). The spec decodes those to a single U+FFFD, a browser's
 * defence against ISO-2022 tricks; an extractor wants the text, so such a
 * label counts as unknown and detection decides. */
static const label LABELS[] = {
  {"unicode-1-1-utf-8", E_UTF8}, {"unicode11utf8", E_UTF8},
  {"unicode20utf8", E_UTF8}, {"utf-8", E_UTF8}, {"utf8", E_UTF8},
  {"x-unicode20utf8", E_UTF8},

  {"866", E_IBM866}, {"cp866", E_IBM866}, {"csibm866", E_IBM866},
  {"ibm866", E_IBM866},

  {"csisolatin2", E_8859_2}, {"iso-8859-2", E_8859_2},
  {"iso-ir-101", E_8859_2}, {"iso8859-2", E_8859_2}, {"iso88592", E_8859_2},
  {"iso_8859-2", E_8859_2}, {"iso_8859-2:1987", E_8859_2}, {"l2", E_8859_2},
  {"latin2", E_8859_2},

  {"csisolatin3", E_8859_3}, {"iso-8859-3", E_8859_3},
  {"iso-ir-109", E_8859_3}, {"iso8859-3", E_8859_3}, {"iso88593", E_8859_3},
  {"iso_8859-3", E_8859_3}, {"iso_8859-3:1988", E_8859_3}, {"l3", E_8859_3},
  {"latin3", E_8859_3},

  {"csisolatin4", E_8859_4}, {"iso-8859-4", E_8859_4},
  {"iso-ir-110", E_8859_4}, {"iso8859-4", E_8859_4}, {"iso88594", E_8859_4},
  {"iso_8859-4", E_8859_4}, {"iso_8859-4:1988", E_8859_4}, {"l4", E_8859_4},
  {"latin4", E_8859_4},

  {"csisolatincyrillic", E_8859_5}, {"cyrillic", E_8859_5},
  {"iso-8859-5", E_8859_5}, {"iso-ir-144", E_8859_5},
  {"iso8859-5", E_8859_5}, {"iso88595", E_8859_5}, {"iso_8859-5", E_8859_5},
  {"iso_8859-5:1988", E_8859_5},

  {"arabic", E_8859_6}, {"asmo-708", E_8859_6}, {"csiso88596e", E_8859_6},
  {"csiso88596i", E_8859_6}, {"csisolatinarabic", E_8859_6},
  {"ecma-114", E_8859_6}, {"iso-8859-6", E_8859_6},
  {"iso-8859-6-e", E_8859_6}, {"iso-8859-6-i", E_8859_6},
  {"iso-ir-127", E_8859_6}, {"iso8859-6", E_8859_6}, {"iso88596", E_8859_6},
  {"iso_8859-6", E_8859_6}, {"iso_8859-6:1987", E_8859_6},

  {"csisolatingreek", E_8859_7}, {"ecma-118", E_8859_7},
  {"elot_928", E_8859_7}, {"greek", E_8859_7}, {"greek8", E_8859_7},
  {"iso-8859-7", E_8859_7}, {"iso-ir-126", E_8859_7},
  {"iso8859-7", E_8859_7}, {"iso88597", E_8859_7}, {"iso_8859-7", E_8859_7},
  {"iso_8859-7:1987", E_8859_7}, {"sun_eu_greek", E_8859_7},

  {"csiso88598e", E_8859_8}, {"csisolatinhebrew", E_8859_8},
  {"hebrew", E_8859_8}, {"iso-8859-8", E_8859_8}, {"iso-8859-8-e", E_8859_8},
  {"iso-ir-138", E_8859_8}, {"iso8859-8", E_8859_8}, {"iso88598", E_8859_8},
  {"iso_8859-8", E_8859_8}, {"iso_8859-8:1988", E_8859_8},
  {"visual", E_8859_8},

  {"csiso88598i", E_8859_8I}, {"iso-8859-8-i", E_8859_8I},
  {"logical", E_8859_8I},

  {"csisolatin6", E_8859_10}, {"iso-8859-10", E_8859_10},
  {"iso-ir-157", E_8859_10}, {"iso8859-10", E_8859_10},
  {"iso885910", E_8859_10}, {"l6", E_8859_10}, {"latin6", E_8859_10},

  {"iso-8859-13", E_8859_13}, {"iso8859-13", E_8859_13},
  {"iso885913", E_8859_13},

  {"iso-8859-14", E_8859_14}, {"iso8859-14", E_8859_14},
  {"iso885914", E_8859_14},

  {"csisolatin9", E_8859_15}, {"iso-8859-15", E_8859_15},
  {"iso8859-15", E_8859_15}, {"iso885915", E_8859_15},
  {"iso_8859-15", E_8859_15}, {"l9", E_8859_15},

  {"iso-8859-16", E_8859_16},

  {"cskoi8r", E_KOI8R}, {"koi", E_KOI8R}, {"koi8", E_KOI8R},
  {"koi8-r", E_KOI8R}, {"koi8_r", E_KOI8R},

  {"koi8-ru", E_KOI8U}, {"koi8-u", E_KOI8U},

  {"csmacintosh", E_MAC}, {"mac", E_MAC}, {"macintosh", E_MAC},
  {"x-mac-roman", E_MAC},

  {"dos-874", E_W874}, {"iso-8859-11", E_W874}, {"iso8859-11", E_W874},
  {"iso885911", E_W874}, {"tis-620", E_W874}, {"windows-874", E_W874},

  {"cp1250", E_W1250}, {"windows-1250", E_W1250}, {"x-cp1250", E_W1250},
  {"cp1251", E_W1251}, {"windows-1251", E_W1251}, {"x-cp1251", E_W1251},

  {"ansi_x3.4-1968", E_W1252}, {"ascii", E_W1252}, {"cp1252", E_W1252},
  {"cp819", E_W1252}, {"csisolatin1", E_W1252}, {"ibm819", E_W1252},
  {"iso-8859-1", E_W1252}, {"iso-ir-100", E_W1252}, {"iso8859-1", E_W1252},
  {"iso88591", E_W1252}, {"iso_8859-1", E_W1252},
  {"iso_8859-1:1987", E_W1252}, {"l1", E_W1252}, {"latin1", E_W1252},
  {"us-ascii", E_W1252}, {"windows-1252", E_W1252}, {"x-cp1252", E_W1252},

  {"cp1253", E_W1253}, {"windows-1253", E_W1253}, {"x-cp1253", E_W1253},

  {"cp1254", E_W1254}, {"csisolatin5", E_W1254}, {"iso-8859-9", E_W1254},
  {"iso-ir-148", E_W1254}, {"iso8859-9", E_W1254}, {"iso88599", E_W1254},
  {"iso_8859-9", E_W1254}, {"iso_8859-9:1989", E_W1254}, {"l5", E_W1254},
  {"latin5", E_W1254}, {"windows-1254", E_W1254}, {"x-cp1254", E_W1254},

  {"cp1255", E_W1255}, {"windows-1255", E_W1255}, {"x-cp1255", E_W1255},
  {"cp1256", E_W1256}, {"windows-1256", E_W1256}, {"x-cp1256", E_W1256},
  {"cp1257", E_W1257}, {"windows-1257", E_W1257}, {"x-cp1257", E_W1257},
  {"cp1258", E_W1258}, {"windows-1258", E_W1258}, {"x-cp1258", E_W1258},

  {"x-mac-cyrillic", E_XMACCYR}, {"x-mac-ukrainian", E_XMACCYR},

  {"chinese", E_GBK}, {"csgb2312", E_GBK}, {"csiso58gb231280", E_GBK},
  {"gb2312", E_GBK}, {"gb_2312", E_GBK}, {"gb_2312-80", E_GBK},
  {"gbk", E_GBK}, {"iso-ir-58", E_GBK}, {"x-gbk", E_GBK},

  {"gb18030", E_GB18030},

  {"big5", E_BIG5}, {"big5-hkscs", E_BIG5}, {"cn-big5", E_BIG5},
  {"csbig5", E_BIG5}, {"x-x-big5", E_BIG5},

  {"cseucpkdfmtjapanese", E_EUCJP}, {"euc-jp", E_EUCJP},
  {"x-euc-jp", E_EUCJP},

  {"csiso2022jp", E_2022JP}, {"iso-2022-jp", E_2022JP},

  {"csshiftjis", E_SJIS}, {"ms932", E_SJIS}, {"ms_kanji", E_SJIS},
  {"shift-jis", E_SJIS}, {"shift_jis", E_SJIS}, {"sjis", E_SJIS},
  {"windows-31j", E_SJIS}, {"x-sjis", E_SJIS},

  {"cseuckr", E_EUCKR}, {"csksc56011987", E_EUCKR}, {"euc-kr", E_EUCKR},
  {"iso-ir-149", E_EUCKR}, {"korean", E_EUCKR}, {"ks_c_5601-1987", E_EUCKR},
  {"ks_c_5601-1989", E_EUCKR}, {"ksc5601", E_EUCKR}, {"ksc_5601", E_EUCKR},
  {"windows-949", E_EUCKR},

  {"unicodefffe", E_U16BE}, {"utf-16be", E_U16BE},

  {"csunicode", E_U16LE}, {"iso-10646-ucs-2", E_U16LE}, {"ucs-2", E_U16LE},
  {"unicode", E_U16LE}, {"unicodefeff", E_U16LE}, {"utf-16", E_U16LE},
  {"utf-16le", E_U16LE},

  {"x-user-defined", E_XUSER},
};

/* Names uchardet 0.0.7 gives that are not WHATWG labels (lowercased). The
 * rest of its names (ISO-8859-1, WINDOWS-1252, SHIFT_JIS, ...) are labels. */
static const label DETECTOR_NAMES[] = {
  {"uhc", E_EUCKR}, {"mac-cyrillic", E_XMACCYR}, {"ibm852", E_IBM852},
  {"ibm855", E_IBM855}, {"mac-centraleurope", E_MACCE},
  {"viscii", E_VISCII}, {"euc-tw", E_EUCTW}, {"iso-2022-kr", E_2022KR},
  {"iso-2022-cn", E_2022CN}, {"georgian-academy", E_GEO_AC},
  {"georgian-ps", E_GEO_PS},
  /* our own canonical names that are not labels, so that every name we
   * report maps back to itself */
  {"utf-32le", E_U32LE}, {"utf-32be", E_U32BE},
};

static int is_ws(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Trims ASCII whitespace and lowercases into buf; 0 when empty or long. */
static int norm_label(const char *s, char *buf, size_t cap) {
  if (!s) return 0;
  size_t n = strlen(s);
  while (n && is_ws((unsigned char)*s)) s++, n--;
  while (n && is_ws((unsigned char)s[n - 1])) n--;
  if (n == 0 || n >= cap) return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  buf[n] = '\0';
  return 1;
}

static int find(const label *t, size_t n, const char *key) {
  /* ~220 entries, looked up a few times per page: a linear scan costs well
   * under a microsecond and keeps the table in the spec's order. */
  for (size_t i = 0; i < n; i++)
    if (t[i].label[0] == key[0] && strcmp(t[i].label, key) == 0) return t[i].e;
  return -1;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Label -> encoding index, or -1. `detector` also accepts uchardet's
 * non-WHATWG names and our own non-label canonical names. */
static int lookup(const char *lbl, int detector) {
  char buf[48];
  if (!norm_label(lbl, buf, sizeof buf)) return -1;
  int e = find(LABELS, NELEM(LABELS), buf);
  if (e < 0 && detector) e = find(DETECTOR_NAMES, NELEM(DETECTOR_NAMES), buf);
  return e;
}

/* WHATWG labels only, plus our two UTF-32 names (reported for a UTF-32
 * BOM) so that every name we report maps back to itself. */
const char *cc_charset_canonical(const char *lbl) {
  int e = lookup(lbl, 0);
  if (e < 0) {
    e = lookup(lbl, 1);
    if (e != E_U32LE && e != E_U32BE) e = -1; /* detector-only names */
  }
  return e < 0 ? NULL : ENCODINGS[e].name;
}

/* The public face of cc_charset_canonical (clipclean.h). */
const char *cc_charset_name(const char *label) { return label ? cc_charset_canonical(label) : NULL; }

/* ---- UTF-8 validation --------------------------------------------------- */

typedef struct scan {
  size_t bad;  /* bytes not part of a valid sequence */
  size_t mb;   /* valid multi-byte characters */
  size_t high; /* bytes >= 0x80 */
} scan;

#define HI8 0x8080808080808080ULL

static uint64_t load64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* Length of the valid UTF-8 sequence at u (non-ASCII lead), or 0. Rejects
 * overlongs (C0, C1, E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and
 * code points above U+10FFFF (F4 90.., F5..FF). */
static size_t valid_seq(const unsigned char *u, const unsigned char *e) {
  unsigned c = u[0];
  size_t avail = (size_t)(e - u);
  if (c < 0xc2) return 0;
  if (c < 0xe0) return avail >= 2 && (u[1] & 0xc0) == 0x80 ? 2 : 0;
  if (c < 0xf0) {
    if (avail < 3 || (u[2] & 0xc0) != 0x80) return 0;
    unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
    return u[1] >= lo && u[1] <= hi ? 3 : 0;
  }
  if (c < 0xf5) {
    if (avail < 4 || (u[2] & 0xc0) != 0x80 || (u[3] & 0xc0) != 0x80) return 0;
    unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
    return u[1] >= lo && u[1] <= hi ? 4 : 0;
  }
  return 0;
}

static void utf8_scan(const char *p, size_t n, scan *s) {
  const unsigned char *u = (const unsigned char *)p, *e = u + n;
  size_t bad = 0, mb = 0, high = 0;
  while (u < e) {
    /* The hot loop: pages are mostly ASCII, so skip 32 bytes per step
     * while no byte has its top bit set. */
    while (e - u >= 32 &&
           !((load64(u) | load64(u + 8) | load64(u + 16) | load64(u + 24)) & HI8))
      u += 32;
    while (u < e && *u < 0x80) u++;
    /* A run of non-ASCII (CJK text is all of it). */
    while (u < e && *u >= 0x80) {
      size_t k = valid_seq(u, e);
      if (k) {
        mb++;
        high += k;
        u += k;
      } else {
        bad++;
        high++;
        u++;
      }
    }
  }
  s->bad = bad;
  s->mb = mb;
  s->high = high;
}

size_t cc_utf8_check(const char *p, size_t n, size_t *nonascii) {
  scan s;
  if (!p) p = "", n = 0;
  utf8_scan(p, n, &s);
  if (nonascii) *nonascii = s.mb;
  return s.bad;
}

/* ---- output helpers ----------------------------------------------------- */

static char *put_cp(char *o, uint32_t c) {
  if (c < 0x80) {
    *o++ = (char)c;
  } else if (c < 0x800) {
    *o++ = (char)(0xc0 | c >> 6);
    *o++ = (char)(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    *o++ = (char)(0xe0 | c >> 12);
    *o++ = (char)(0x80 | (c >> 6 & 0x3f));
    *o++ = (char)(0x80 | (c & 0x3f));
  } else {
    *o++ = (char)(0xf0 | c >> 18);
    *o++ = (char)(0x80 | (c >> 12 & 0x3f));
    *o++ = (char)(0x80 | (c >> 6 & 0x3f));
    *o++ = (char)(0x80 | (c & 0x3f));
  }
  return o;
}

#define FFFD 0xfffdu

/* windows-1252 bytes 0x80..0x9F (WHATWG index-windows-1252); 0xA0..0xFF
 * are U+00A0..U+00FF. The five unassigned bytes map to the C1 control of
 * the same value, as the spec says. */
static const uint16_t W1252_80[32] = {
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

static uint32_t w1252(unsigned char b) {
  return b >= 0x80 && b < 0xa0 ? W1252_80[b - 0x80] : b;
}

/* Copies the ASCII run at *in to *out; returns when a byte >= 0x80 comes
 * or the input ends. */
static void copy_ascii(const unsigned char **in, const unsigned char *e,
                       char **out) {
  const unsigned char *u = *in;
  char *o = *out;
  while (e - u >= 8 && !(load64(u) & HI8)) {
    memcpy(o, u, 8);
    u += 8;
    o += 8;
  }
  while (u < e && *u < 0x80) *o++ = (char)*u++;
  *in = u;
  *out = o;
}

/* ---- native decoders ---------------------------------------------------- */

/* UTF-8 with repair. Valid sequences are copied. A sequence that is
 * complete in shape but names no valid scalar (overlong, surrogate, above
 * U+10FFFF), or a lead byte with continuation bytes cut off by the end of
 * input, becomes one U+FFFD. Any other invalid byte is taken as
 * windows-1252: in a page that is UTF-8 on the whole these are stray
 * Latin-1 bytes (pasted text, an old template), and that is what the
 * author meant; the five bytes windows-1252 leaves unassigned become
 * U+FFFD rather than C1 controls.
 * Output is at most len + 2 * (invalid bytes). */
static size_t dec_utf8(const char *in, size_t len, char *out) {
  const unsigned char *u = (const unsigned char *)in, *e = u + len;
  char *o = out;
  while (u < e) {
    copy_ascii(&u, e, &o);
    while (u < e && *u >= 0x80) {
      size_t k = valid_seq(u, e);
      if (k) {
        memcpy(o, u, k);
        o += k;
        u += k;
        continue;
      }
      unsigned c = *u;
      size_t want = c >= 0xc0 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3
                    : c >= 0xf0 && c < 0xf8 ? 4 : 0;
      size_t have = 1;
      while (want && have < want && u + have < e && (u[have] & 0xc0) == 0x80)
        have++;
      if (want && (have == want || (have > 1 && u + have == e))) {
        o = put_cp(o, FFFD); /* malformed UTF-8, or cut off at the end */
        u += have;
      } else {
        uint32_t cp = w1252((unsigned char)c);
        o = put_cp(o, cp >= 0x80 && cp < 0xa0 ? FFFD : cp);
        u++;
      }
    }
  }
  return (size_t)(o - out);
}

/* Single-byte decoding by table. Output at most len + 2 * high. */
static size_t dec_1252(const char *in, size_t len, char *out, int xuser) {
  const unsigned char *u = (const unsigned char *)in, *e = u + len;
  char *o = out;
  while (u < e) {
    copy_ascii(&u, e, &o);
    while (u < e && *u >= 0x80) {
      unsigned char b = *u++;
      o = put_cp(o, xuser ? 0xf780u + (b - 0x80u) : w1252(b));
    }
  }
  return (size_t)(o - out);
}

/* UTF-16: unpaired surrogates and a trailing odd byte become U+FFFD.
 * Output at most 3 * len / 2 + 3. */
static size_t dec_utf16(const char *in, size_t len, char *out, int be) {
  const unsigned char *u = (const unsigned char *)in;
  char *o = out;
  size_t i = 0;
  while (i + 1 < len) {
    uint32_t c = be ? (uint32_t)u[i] << 8 | u[i + 1] : (uint32_t)u[i + 1] << 8 | u[i];
    i += 2;
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < len) {
      uint32_t d = be ? (uint32_t)u[i] << 8 | u[i + 1] : (uint32_t)u[i + 1] << 8 | u[i];
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i += 2;
      } else {
        c = FFFD;
      }
    } else if (c >= 0xd800 && c < 0xe000) {
      c = FFFD;
    }
    o = put_cp(o, c);
  }
  if (i < len) o = put_cp(o, FFFD);
  return (size_t)(o - out);
}

/* UTF-32: surrogates, values above U+10FFFF and a trailing partial unit
 * become U+FFFD. Output at most len + 3. */
static size_t dec_utf32(const char *in, size_t len, char *out, int be) {
  const unsigned char *u = (const unsigned char *)in;
  char *o = out;
  size_t i = 0;
  for (; i + 3 < len; i += 4) {
    uint32_t c = be ? (uint32_t)u[i] << 24 | (uint32_t)u[i + 1] << 16 | (uint32_t)u[i + 2] << 8 | u[i + 3]
                    : (uint32_t)u[i + 3] << 24 | (uint32_t)u[i + 2] << 16 | (uint32_t)u[i + 1] << 8 | u[i];
    if (c > 0x10ffff || (c >= 0xd800 && c < 0xe000)) c = FFFD;
    o = put_cp(o, c);
  }
  if (i < len) o = put_cp(o, FFFD);
  return (size_t)(o - out);
}

/* ---- iconv -------------------------------------------------------------- */

/* glibc's iconv loads each converter (a gconv module) with dlopen on the
 * first iconv_open that needs it. A process that will later forbid opening
 * files or mapping code (a seccomp sandbox) must call cc_charset_preload()
 * first: it opens every converter this file uses and keeps one handle of
 * each open for the life of the process, so the modules stay loaded and
 * later iconv_open calls find them in memory. Those handles are never used
 * for converting (an iconv_t is not safe to share between threads); each
 * conversion opens its own, which costs well under a microsecond once the
 * module is loaded (measured: 0.2-0.6 us), so no cache is needed. */
static iconv_t pinned[E_COUNT];
static pthread_once_t preload_once = PTHREAD_ONCE_INIT;

static void preload(void) {
  for (int i = 0; i < E_COUNT; i++) {
    pinned[i] = (iconv_t)-1;
    if (ENCODINGS[i].iconv) pinned[i] = iconv_open("UTF-8", ENCODINGS[i].iconv);
  }
  /* uchardet only allocates; one round trip warms its tables anyway. */
  uchardet_t ud = uchardet_new();
  if (ud) uchardet_delete(ud);
}

void cc_charset_preload(void) { pthread_once(&preload_once, preload); }

/* Converts with iconv into the arena. Returns -1 when the converter cannot
 * be opened (then nothing is written). `est` is the expected output size;
 * the buffer grows by doubling when iconv says E2BIG. */
static void close_iconv(void *cd) { iconv_close((iconv_t)cd); }

static int dec_iconv(cc_arena *a, const char *in, size_t len, const char *name,
                     size_t est, char **out, size_t *outlen) {
  iconv_t cd = iconv_open("UTF-8", name);
  if (cd == (iconv_t)-1) {
    if (errno == ENOMEM) cc_oom();
    return -1;
  }
  void *cleanup = cc_guard_on_fail(close_iconv, cd); /* the arena may fail */
  size_t cap = est + 16;
  char *buf = cc_arena_alloc(a, cap + 1);
  char *ip = (char *)in;
  size_t ileft = len;
  char *op = buf;
  size_t oleft = cap;
  int flushing = 0;
  for (;;) {
    size_t r = flushing ? iconv(cd, NULL, NULL, &op, &oleft)
                        : iconv(cd, &ip, &ileft, &op, &oleft);
    int err = errno;
    if (r != (size_t)-1) {
      if (flushing) break;
      flushing = 1; /* input done: return a stateful decoder to its start */
      continue;
    }
    if (err == E2BIG || oleft < 3) { /* U+FFFD needs 3 bytes of room too */
      size_t used = (size_t)(op - buf);
      size_t ncap = cap * 2;
      char *nb = cc_arena_alloc(a, ncap + 1);
      memcpy(nb, buf, used);
      buf = nb;
      cap = ncap;
      op = buf + used;
      oleft = cap - used;
      continue;
    }
    if (flushing || ileft == 0) break; /* nothing sensible left to do */
    /* EILSEQ (invalid) or EINVAL (cut off at the end): U+FFFD for one
     * byte, then go on from the next. */
    op = put_cp(op, FFFD);
    oleft -= 3;
    ip++;
    ileft--;
  }
  cc_guard_cancel(cleanup);
  iconv_close(cd);
  *op = '\0';
  *out = buf;
  *outlen = (size_t)(op - buf);
  return 0;
}

/* ---- conversion by encoding --------------------------------------------- */

/* Decodes with encoding e into the arena. `s` is the UTF-8 scan of the
 * input. Returns -1 only when e needs an iconv converter that this system
 * lacks. */
static int convert_enc(cc_arena *a, const char *in, size_t len, int e,
                       const scan *s, char **out, size_t *outlen) {
  const enc *E = &ENCODINGS[e];
  char *buf;
  size_t n;
  switch (E->kind) {
  case K_UTF8:
    buf = cc_arena_alloc(a, len + 2 * s->bad + 1);
    n = dec_utf8(in, len, buf);
    break;
  case K_1252:
  case K_XUSER:
    buf = cc_arena_alloc(a, len + 2 * s->high + 1);
    n = dec_1252(in, len, buf, E->kind == K_XUSER);
    break;
  case K_U16LE:
  case K_U16BE:
    buf = cc_arena_alloc(a, len / 2 * 3 + 4);
    n = dec_utf16(in, len, buf, E->kind == K_U16BE);
    break;
  case K_U32LE:
  case K_U32BE:
    buf = cc_arena_alloc(a, len + 4);
    n = dec_utf32(in, len, buf, E->kind == K_U32BE);
    break;
  default: /* K_SB, K_MB, K_7BIT: iconv. Single-byte output is at most
            * len + 2 * high; multi-byte is usually smaller than that. */
    return dec_iconv(a, in, len, E->iconv, len + 2 * s->high, out, outlen);
  }
  buf[n] = '\0';
  *out = buf;
  *outlen = n;
  return 0;
}

void cc_charset_convert(cc_arena *a, const char *in, size_t len,
                        const char *name, char **out, size_t *outlen) {
  if (!in) in = "", len = 0;
  int e = lookup(name, 1);
  scan s;
  utf8_scan(in, len, &s);
  if (e < 0 || convert_enc(a, in, len, e, &s, out, outlen) != 0)
    convert_enc(a, in, len, E_UTF8, &s, out, outlen); /* cannot fail */
}

/* ---- detection ---------------------------------------------------------- */

/* How much uchardet sees at most. It costs some 15 ns per ASCII byte but
 * about 200 ns per non-ASCII byte of Cyrillic (it runs a hundred-odd
 * probers side by side), so the budget counts both: dense scripts stop at
 * DETECT_HIGH non-ASCII bytes (some 350 letters of Russian, 250 Korean
 * syllables), sparse Latin text at DETECT_CAP bytes. On 35 real pages
 * converted to windows-1251, KOI8-R, EUC-KR, Shift_JIS, EUC-JP and
 * windows-1252, every verdict was right from 256 non-ASCII bytes on; 512
 * keeps a margin, and detection stays near a quarter of the page's parse
 * or less. */
#define DETECT_CAP ((size_t)16 * 1024)
#define DETECT_HIGH ((size_t)512)

static const unsigned char *next_high(const unsigned char *u,
                                      const unsigned char *e) {
  while (e - u >= 8 && !(load64(u) & HI8)) u += 8;
  while (u < e && *u < 0x80) u++;
  return u < e ? u : NULL;
}

/* Runs uchardet over the text around non-ASCII bytes (from the previous
 * '>' to the next '<', so mostly text, not markup), gathered into one
 * buffer: each uchardet_handle_data call has a fixed cost of several
 * microseconds, too much to pay per text node. Returns an encoding index,
 * or -1 when uchardet has nothing useful to say. */
static int detect_legacy(cc_arena *a, const char *in, size_t len) {
  char *buf = cc_arena_alloc(a, DETECT_CAP);
  const unsigned char *u = (const unsigned char *)in, *e = u + len, *h;
  size_t fed = 0, high = 0;
  while (high < DETECT_HIGH && (h = next_high(u, e))) {
    /* back to the '>' before the byte (which may lie before a '<' when
     * the byte is in an attribute value), forward to the next '<' */
    const unsigned char *s = h, *lim = h - u > 256 ? h - 256 : u;
    while (s > lim && s[-1] != '>') s--;
    size_t room = DETECT_CAP - fed; /* keeps one byte for the '\n' */
    if ((size_t)(h - s) + 1 >= room) break;
    const unsigned char *t = h;
    while (t < e && *t != '<' && (size_t)(t - s) + 1 < room && high < DETECT_HIGH)
      high += *t++ >= 0x80;
    size_t n = (size_t)(t - s);
    memcpy(buf + fed, s, n);
    fed += n;
    buf[fed++] = '\n'; /* segments are not one word */
    u = t;
  }
  uchardet_t ud = uchardet_new();
  if (!ud) return -1;
  uchardet_handle_data(ud, buf, fed);
  uchardet_data_end(ud);
  const char *r = uchardet_get_charset(ud);
  int enc = r && *r ? lookup(r, 1) : -1;
  uchardet_delete(ud);
  /* The bytes are not valid UTF-8 and have no NUL pattern, so a UTF-8,
   * UTF-16 or UTF-32 verdict cannot be right. */
  if (enc == E_UTF8 || enc == E_U16LE || enc == E_U16BE) enc = -1;
  return enc;
}

/* uchardet guesses wildly on a page with only a few non-ASCII bytes
 * ("It\x92s" comes out as MAC-CENTRALEUROPE, a French sentence as
 * windows-1250, whose 0xE8 is not è but č). Scripts other than Latin are
 * dense (nearly every letter is a high byte) and come out right even when
 * short; sparse Western text is what it gets wrong. So when there are
 * fewer than WESTERN_MAX high bytes, each read as windows-1252 is a letter
 * or common punctuation (not ³ ¹ ± ¶ ¼ and the like, which Polish or Czech
 * text would show), and none stand three in a row (as words of another
 * script would), the web's default wins over the guess. */
#define WESTERN_MAX 32

static int plausible_1252(unsigned char b) {
  static const unsigned char ok80[32] = {
    /* 80 € 82 ‚ 84 „ 85 … 8A Š 8B ‹ 8C Œ 8E Ž */
    1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0,
    /* 91-97 ‘’“”•–— 99 ™ 9A š 9B › 9C œ 9E ž 9F Ÿ */
    0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1,
  };
  static const unsigned char okA0[32] = {
    /* A0 nbsp A1 ¡ A3 £ A7 § A9 © AB « AD shy AE ® */
    1, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0,
    /* B0 ° B2 ² B4 ´ B7 · BB » BF ¿ */
    1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1,
  };
  if (b >= 0xc0) return b != 0xd7 && b != 0xf7; /* letters, not × ÷ */
  if (b >= 0xa0) return okA0[b - 0xa0];
  return ok80[b - 0x80];
}

static int looks_western(const char *in, size_t len) {
  const unsigned char *u = (const unsigned char *)in, *e = u + len, *h;
  while ((h = next_high(u, e))) {
    if (!plausible_1252(*h)) return 0;
    if (e - h >= 3 && h[1] >= 0x80 && h[2] >= 0x80) return 0;
    u = h + 1;
  }
  return 1;
}

/* UTF-16 without a BOM: HTML is mostly ASCII, which in UTF-16 puts a NUL
 * in every other byte. Looks at the first 1 KiB; returns E_U16LE, E_U16BE
 * or -1. */
static int sniff_utf16(const char *in, size_t len) {
  const unsigned char *u = (const unsigned char *)in;
  size_t pairs = (len < 1024 ? len : 1024) / 2, le = 0, be = 0;
  if (pairs < 2) return -1;
  for (size_t i = 0; i < pairs; i++) {
    unsigned char x = u[2 * i], y = u[2 * i + 1];
    if (x && !y) le++;
    else if (!x && y) be++;
  }
  if (le * 2 >= pairs && be * 8 <= le) return E_U16LE;
  if (be * 2 >= pairs && le * 8 <= be) return E_U16BE;
  return -1;
}

/* Pure 7-bit input with ISO-2022-JP's escape sequences (ESC $ B, ESC $ @,
 * ESC ( J): the one legacy encoding that hides in ASCII. */
static int sniff_2022jp(const char *in, size_t len) {
  const char *p = in, *e = in + len;
  while ((p = memchr(p, 0x1b, (size_t)(e - p))) && e - p >= 3) {
    if ((p[1] == '$' && (p[2] == 'B' || p[2] == '@')) ||
        (p[1] == '(' && p[2] == 'J'))
      return 1;
    p++;
  }
  return 0;
}

/* ---- choosing --------------------------------------------------------- */

/* The encoding a hint names. A hint may be a bare label or a whole
 * Content-Type value ("text/html; charset=ISO-8859-1"). */
static int hint_enc(const char *hint) {
  if (!hint) return -1;
  int e = lookup(hint, 0);
  if (e < 0 && strchr(hint, '=')) {
    char buf[48];
    if (cc_charset_from_content_type(hint, strlen(hint), buf, sizeof buf))
      e = lookup(buf, 0);
  }
  return e;
}

/* A page that is UTF-8 on the whole, with some stray bytes: at least as
 * many valid multi-byte characters as invalid bytes. A legacy page that is
 * not UTF-8 has almost no valid multi-byte sequences (they need a lead
 * byte followed by the right continuation bytes, rare in real text) and
 * an invalid byte for nearly every accented letter, so it is far below
 * this line; a UTF-8 page with stray Latin-1 is far above it. */
static int utf8_with_strays(const scan *s) { return s->bad && s->mb >= s->bad; }

/* Valid UTF-8 beats a legacy declaration (servers send a default charset,
 * templates keep an old <meta>) when it holds enough multi-byte
 * characters that chance is ruled out. For a single-byte declaration one
 * is enough: a windows-125x or ISO-8859 text forms valid UTF-8 only where
 * it is already mojibake ("Ã©"), and any invalid byte vetoes. For a CJK
 * declaration one two-byte character validates by chance often (about 1 in
 * 8 for GB2312), so two are needed. Pure ASCII stays as declared. */
static int utf8_beats_declared(const scan *s, int e) {
  if (s->bad) return 0;
  return s->mb >= (ENCODINGS[e].kind == K_MB ? 2u : 1u);
}

/* Pure ASCII decodes to itself in these (not in ISO-2022, UTF-16/32). */
static int ascii_compatible(int e) {
  enum kind k = ENCODINGS[e].kind;
  return k == K_UTF8 || k == K_1252 || k == K_SB || k == K_MB || k == K_XUSER;
}

static void set_info(cc_charset_info *info, int e, const char *source) {
  info->name = ENCODINGS[e].name;
  info->source = source;
}

/* Valid UTF-8 (or pure ASCII, for an ASCII-compatible encoding): the input
 * is the output. */
static void pass_through(const char *in, size_t len, char **out,
                         size_t *outlen) {
  *out = (char *)in;
  *outlen = len;
}

int cc_charset_pre(cc_arena *a, const char *in, size_t len, const char *hint,
                   char **out, size_t *outlen, cc_charset_info *info) {
  if (!in) in = "", len = 0;
  const unsigned char *u = (const unsigned char *)in;
  int e = -1, skip = 0;
  const char *source = "bom";
  if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
    e = E_UTF8, skip = 3;
  else if (len >= 4 && u[0] == 0xff && u[1] == 0xfe && !u[2] && !u[3])
    e = E_U32LE, skip = 4;
  else if (len >= 4 && !u[0] && !u[1] && u[2] == 0xfe && u[3] == 0xff)
    e = E_U32BE, skip = 4;
  else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
    e = E_U16LE, skip = 2;
  else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
    e = E_U16BE, skip = 2;
  if (e < 0) {
    int h = hint_enc(hint), sniffed = sniff_utf16(in, len);
    if ((h == E_U16LE || h == E_U16BE) &&
        (sniffed >= 0 || len < 64 || memchr(in, 0, len < 1024 ? len : 1024))) {
      /* "utf-16" alone means little-endian in WHATWG, but the bytes know
       * better when they show their NUL pattern. A hint of UTF-16 on a
       * page without a single NUL in its first KiB (its markup would put
       * one in every other byte) is a misconfigured server: ignored. */
      e = sniffed >= 0 ? sniffed : h;
      source = "hint";
    } else if (sniffed >= 0) {
      /* Bytes with NULs in every other position cannot be an ASCII-
       * compatible encoding, whatever a hint says. */
      e = sniffed;
      source = "detected";
    } else {
      return 0;
    }
  }
  in += skip;
  len -= (size_t)skip;
  scan s = {0, 0, 0};
  if (e == E_UTF8) {
    utf8_scan(in, len, &s);
    if (!s.bad) {
      pass_through(in, len, out, outlen);
      set_info(info, e, source);
      return 1;
    }
  }
  convert_enc(a, in, len, e, &s, out, outlen); /* native: cannot fail */
  set_info(info, e, source);
  return 1;
}

/* Decodes the input as UTF-8, or, when the bytes are far from UTF-8, as
 * what detection says (windows-1252 failing that). */
static void decide_undeclared(cc_arena *a, const char *in, size_t len,
                              const scan *s, char **out, size_t *outlen,
                              cc_charset_info *info) {
  if (!s->bad) {
    if (!s->mb && sniff_2022jp(in, len) &&
        convert_enc(a, in, len, E_2022JP, s, out, outlen) == 0) {
      set_info(info, E_2022JP, "detected");
      return;
    }
    pass_through(in, len, out, outlen);
    set_info(info, E_UTF8, s->mb ? "detected" : "default");
    return;
  }
  if (utf8_with_strays(s)) {
    convert_enc(a, in, len, E_UTF8, s, out, outlen);
    set_info(info, E_UTF8, "detected");
    return;
  }
  int e = detect_legacy(a, in, len);
  if (e >= 0 && e != E_W1252 && s->high < WESTERN_MAX && looks_western(in, len))
    e = E_W1252;
  if (e >= 0 && convert_enc(a, in, len, e, s, out, outlen) == 0) {
    set_info(info, e, "detected");
    return;
  }
  convert_enc(a, in, len, E_W1252, s, out, outlen);
  set_info(info, E_W1252, "default");
}

int cc_charset_decode(cc_arena *a, const char *in, size_t len,
                      const char *hint, const char *meta, const char *xml,
                      char **out, size_t *outlen, cc_charset_info *info) {
  if (!in) in = "", len = 0;
  scan s;
  utf8_scan(in, len, &s);

  const char *labels[3] = {hint, meta, xml};
  static const char *const sources[3] = {"hint", "meta", "xml"};
  for (int i = 0; i < 3; i++) {
    int e = i == 0 ? hint_enc(hint) : lookup(labels[i], 0);
    if (e < 0) continue;
    /* cc_charset_pre() decodes real UTF-16; if the bytes came here, the
     * hint was wrong about them */
    if (i == 0 && (e == E_U16LE || e == E_U16BE)) continue;
    if (i > 0) {
      /* HTML: a <meta> readable as ASCII cannot mean UTF-16, and
       * x-user-defined in a <meta> means windows-1252. */
      if (e == E_U16LE || e == E_U16BE) e = E_UTF8;
      if (e == E_XUSER) e = E_W1252;
    }
    if (e == E_UTF8) {
      if (!s.bad) {
        pass_through(in, len, out, outlen);
      } else if (utf8_with_strays(&s)) {
        convert_enc(a, in, len, E_UTF8, &s, out, outlen);
      } else {
        /* Declared UTF-8 but mostly invalid: really a legacy page. */
        decide_undeclared(a, in, len, &s, out, outlen, info);
        return 0;
      }
      set_info(info, e, sources[i]);
      return 0;
    }
    if (utf8_beats_declared(&s, e)) {
      pass_through(in, len, out, outlen);
      set_info(info, E_UTF8, "detected");
      return 0;
    }
    if (!s.high && ascii_compatible(e)) {
      pass_through(in, len, out, outlen); /* ASCII is ASCII */
      set_info(info, e, sources[i]);
      return 0;
    }
    if (convert_enc(a, in, len, e, &s, out, outlen) == 0) {
      set_info(info, e, sources[i]);
      return 0;
    }
    /* no converter on this system: try the next source */
  }
  decide_undeclared(a, in, len, &s, out, outlen, info);
  return 0;
}
