/* test_charset.c — the charset stage: label table, UTF-8 validation, the
 * order of sources (BOM, hint, <meta>, <?xml?>, detection, default), the
 * decoders, the repairs, and two pages end to end through cc_extract(). */
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>

#include "../../include/clipclean.h"
#include "arena.h"
#include "charset.h"
#include "test.h"

static cc_arena A;

/* cc_charset_decode on a string; returns the NUL-terminated output. */
static const char *decode(const char *in, size_t len, const char *hint,
                          const char *meta, const char *xml,
                          cc_charset_info *info) {
  char *out = NULL;
  size_t olen = 0;
  memset(info, 0, sizeof *info);
  cc_charset_decode(&A, in, len, hint, meta, xml, &out, &olen, info);
  /* the output may be the input itself: copy to get a terminator */
  return cc_arena_strndup(&A, out, olen);
}

#define DEC(lit, hint, meta, xml, info) decode(lit, sizeof(lit) - 1, hint, meta, xml, info)

static const char *pre(const char *in, size_t len, const char *hint, int *done,
                       cc_charset_info *info, size_t *olen) {
  char *out = NULL;
  size_t n = 0;
  memset(info, 0, sizeof *info);
  *done = cc_charset_pre(&A, in, len, hint, &out, &n, info);
  if (olen) *olen = n;
  return *done ? cc_arena_strndup(&A, out, n) : NULL;
}

#define PRE(lit, ...) pre(lit, sizeof(lit) - 1, __VA_ARGS__)

static const char *conv(const char *in, size_t len, const char *name) {
  char *out = NULL;
  size_t n = 0;
  cc_charset_convert(&A, in, len, name, &out, &n);
  CHECK(out[n] == '\0');
  return out;
}

#define CONV(lit, name) conv(lit, sizeof(lit) - 1, name)

TEST(labels_map_to_whatwg_encodings) {
  CHECK_STR(cc_charset_canonical("latin1"), "windows-1252");
  CHECK_STR(cc_charset_canonical("iso-8859-1"), "windows-1252");
  CHECK_STR(cc_charset_canonical("us-ascii"), "windows-1252");
  CHECK_STR(cc_charset_canonical("ascii"), "windows-1252");
  CHECK_STR(cc_charset_canonical("ansi_x3.4-1968"), "windows-1252");
  CHECK_STR(cc_charset_canonical("iso-8859-9"), "windows-1254");
  CHECK_STR(cc_charset_canonical("latin5"), "windows-1254");
  CHECK_STR(cc_charset_canonical("gb2312"), "gbk");
  CHECK_STR(cc_charset_canonical("gbk"), "gbk");
  CHECK_STR(cc_charset_canonical("x-gbk"), "gbk");
  CHECK_STR(cc_charset_canonical("gb18030"), "gb18030");
  CHECK_STR(cc_charset_canonical("x-sjis"), "shift_jis");
  CHECK_STR(cc_charset_canonical("windows-31j"), "shift_jis");
  CHECK_STR(cc_charset_canonical("utf8"), "utf-8");
  CHECK_STR(cc_charset_canonical("unicode-1-1-utf-8"), "utf-8");
  CHECK_STR(cc_charset_canonical("x-unicode20utf8"), "utf-8");
  CHECK_STR(cc_charset_canonical("koi8_r"), "koi8-r");
  CHECK_STR(cc_charset_canonical("koi8-ru"), "koi8-u");
  CHECK_STR(cc_charset_canonical("tis-620"), "windows-874");
  CHECK_STR(cc_charset_canonical("iso-8859-11"), "windows-874");
  CHECK_STR(cc_charset_canonical("ks_c_5601-1987"), "euc-kr");
  CHECK_STR(cc_charset_canonical("big5-hkscs"), "big5");
  CHECK_STR(cc_charset_canonical("x-euc-jp"), "euc-jp");
  CHECK_STR(cc_charset_canonical("logical"), "iso-8859-8-i");
  CHECK_STR(cc_charset_canonical("visual"), "iso-8859-8");
  CHECK_STR(cc_charset_canonical("x-mac-ukrainian"), "x-mac-cyrillic");
  CHECK_STR(cc_charset_canonical("utf-16"), "utf-16le");
  CHECK_STR(cc_charset_canonical("unicodefffe"), "utf-16be");
  CHECK_STR(cc_charset_canonical("l9"), "iso-8859-15");
  /* case and surrounding ASCII whitespace do not matter */
  CHECK_STR(cc_charset_canonical(" ISO-8859-1\t"), "windows-1252");
  CHECK_STR(cc_charset_canonical("Shift_JIS"), "shift_jis");
  CHECK_STR(cc_charset_canonical("UTF-8"), "utf-8");
}

TEST(unknown_labels_are_null) {
  CHECK(cc_charset_canonical("foo-bar") == NULL);
  CHECK(cc_charset_canonical("") == NULL);
  CHECK(cc_charset_canonical("   ") == NULL);
  CHECK(cc_charset_canonical(NULL) == NULL);
  CHECK(cc_charset_canonical("utf-8x") == NULL);
  CHECK(cc_charset_canonical("latin 1") == NULL);
  /* the spec's "replacement" labels decode nothing useful: unknown to us */
  CHECK(cc_charset_canonical("hz-gb-2312") == NULL);
  CHECK(cc_charset_canonical("iso-2022-kr") == NULL);
  /* uchardet's own names are not labels */
  CHECK(cc_charset_canonical("uhc") == NULL);
  char longlabel[200];
  memset(longlabel, 'a', sizeof longlabel - 1);
  longlabel[sizeof longlabel - 1] = '\0';
  CHECK(cc_charset_canonical(longlabel) == NULL);
}

TEST(canonical_names_are_fixed_points) {
  static const char *names[] = {
    "utf-8", "ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5",
    "iso-8859-6", "iso-8859-7", "iso-8859-8", "iso-8859-8-i", "iso-8859-10",
    "iso-8859-13", "iso-8859-14", "iso-8859-15", "iso-8859-16", "koi8-r",
    "koi8-u", "macintosh", "windows-874", "windows-1250", "windows-1251",
    "windows-1252", "windows-1253", "windows-1254", "windows-1255",
    "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic", "gbk",
    "gb18030", "big5", "euc-jp", "iso-2022-jp", "shift_jis", "euc-kr",
    "utf-16be", "utf-16le", "x-user-defined", "utf-32le", "utf-32be",
  };
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    CHECK_STR(cc_charset_canonical(names[i]), names[i]);
}

TEST(utf8_check_counts) {
  size_t na = 99;
  CHECK(cc_utf8_check("", 0, &na) == 0 && na == 0);
  CHECK(cc_utf8_check(NULL, 0, &na) == 0 && na == 0);
  CHECK(cc_utf8_check("plain ascii", 11, &na) == 0 && na == 0);
  CHECK(cc_utf8_check("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14, &na) == 0 && na == 3);
  CHECK(cc_utf8_check("caf\xe9", 4, &na) == 1 && na == 0);
  CHECK(cc_utf8_check("a\0b", 3, NULL) == 0); /* NUL is ASCII */
  /* boundaries that are valid */
  CHECK(cc_utf8_check("\xc2\x80", 2, NULL) == 0);
  CHECK(cc_utf8_check("\xe0\xa0\x80", 3, NULL) == 0);
  CHECK(cc_utf8_check("\xed\x9f\xbf", 3, NULL) == 0);     /* U+D7FF */
  CHECK(cc_utf8_check("\xee\x80\x80", 3, NULL) == 0);     /* U+E000 */
  CHECK(cc_utf8_check("\xf0\x90\x80\x80", 4, NULL) == 0); /* U+10000 */
  CHECK(cc_utf8_check("\xf4\x8f\xbf\xbf", 4, NULL) == 0); /* U+10FFFF */
}

TEST(utf8_check_rejects_overlongs_surrogates_and_beyond) {
  size_t na = 99;
  CHECK(cc_utf8_check("\xc0\xaf", 2, &na) == 2 && na == 0);     /* overlong '/' */
  CHECK(cc_utf8_check("\xc1\xbf", 2, NULL) == 2);
  CHECK(cc_utf8_check("\xe0\x80\xaf", 3, NULL) == 3);            /* overlong */
  CHECK(cc_utf8_check("\xe0\x9f\xbf", 3, NULL) == 3);
  CHECK(cc_utf8_check("\xf0\x8f\xbf\xbf", 4, NULL) == 4);        /* overlong */
  CHECK(cc_utf8_check("\xed\xa0\x80", 3, NULL) == 3);            /* U+D800 */
  CHECK(cc_utf8_check("\xed\xbf\xbf", 3, NULL) == 3);            /* U+DFFF */
  CHECK(cc_utf8_check("\xf4\x90\x80\x80", 4, NULL) == 4);        /* > U+10FFFF */
  CHECK(cc_utf8_check("\xf5\x80\x80\x80", 4, NULL) == 4);
  CHECK(cc_utf8_check("\xff\xfe", 2, NULL) == 2);
  CHECK(cc_utf8_check("\x80", 1, NULL) == 1);                    /* lone continuation */
  CHECK(cc_utf8_check("\xe2\x82", 2, NULL) == 2);                /* truncated */
  CHECK(cc_utf8_check("\xe2\x82x", 3, NULL) == 2);
  /* invalid bytes inside a long ASCII run are found (the fast path) */
  char big[300];
  memset(big, 'x', sizeof big);
  big[257] = '\xe9';
  CHECK(cc_utf8_check(big, sizeof big, &na) == 1 && na == 0);
}

TEST(decoders_of_each_family) {
  CHECK_STR(CONV("\xc1", "koi8-r"), "\xd0\xb0");                 /* а */
  CHECK_STR(CONV("\xe0", "windows-1251"), "\xd0\xb0");           /* а */
  CHECK_STR(CONV("\x80", "ibm866"), "\xd0\x90");                 /* А */
  CHECK_STR(CONV("\x80", "x-mac-cyrillic"), "\xd0\x90");         /* А */
  CHECK_STR(CONV("\xb3", "iso-8859-2"), "\xc5\x82");             /* ł */
  CHECK_STR(CONV("\xfd", "windows-1254"), "\xc4\xb1");           /* ı */
  CHECK_STR(CONV("\xe1", "iso-8859-7"), "\xce\xb1");             /* α */
  CHECK_STR(CONV("\xe0", "iso-8859-8-i"), "\xd7\x90");           /* א */
  CHECK_STR(CONV("\xc7", "windows-1256"), "\xd8\xa7");           /* ا */
  CHECK_STR(CONV("\xa1", "windows-874"), "\xe0\xb8\x81");        /* ก */
  CHECK_STR(CONV("\x8e", "macintosh"), "\xc3\xa9");              /* é */
  CHECK_STR(CONV("\xa4", "iso-8859-15"), "\xe2\x82\xac");        /* € */
  CHECK_STR(CONV("\x82\xa0", "shift_jis"), "\xe3\x81\x82");      /* あ */
  CHECK_STR(CONV("a\\b", "shift_jis"), "a\\b");                  /* not ¥ */
  CHECK_STR(CONV("\xa4\xa2", "euc-jp"), "\xe3\x81\x82");         /* あ */
  CHECK_STR(CONV("\x1b$B$\"\x1b(B!", "iso-2022-jp"), "\xe3\x81\x82!");
  CHECK_STR(CONV("\xc4\xe3", "gbk"), "\xe4\xbd\xa0");            /* 你 */
  CHECK_STR(CONV("\x81\x30\x81\x30", "gb18030"), "\xc2\x80");    /* four-byte form */
  CHECK_STR(CONV("\xa4\xa4", "big5"), "\xe4\xb8\xad");           /* 中 */
  CHECK_STR(CONV("\xb0\xa1", "euc-kr"), "\xea\xb0\x80");         /* 가 */
  CHECK_STR(CONV("\x80\xff", "x-user-defined"), "\xef\x9e\x80\xef\x9f\xbf");
  CHECK_STR(CONV("a\0b\0", "utf-16le"), "ab");
  CHECK_STR(CONV("\0a\0b", "utf-16be"), "ab");
  /* unknown name: taken as UTF-8 */
  CHECK_STR(CONV("caf\xc3\xa9", "no-such-thing"), "caf\xc3\xa9");
  CHECK_STR(CONV("x", NULL), "x");
}

TEST(windows_1252_matches_glibc_where_glibc_defines_it) {
  iconv_t cd = iconv_open("UTF-8", "CP1252");
  CHECK(cd != (iconv_t)-1);
  if (cd == (iconv_t)-1) return;
  for (int b = 0x80; b < 0x100; b++) {
    char in[1] = {(char)b}, ref[8], *ip = in, *op = ref;
    size_t il = 1, ol = sizeof ref;
    const char *got = conv(in, 1, "windows-1252");
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
      /* the five bytes glibc leaves undefined: WHATWG says C1 controls */
      CHECK(b == 0x81 || b == 0x8d || b == 0x8f || b == 0x90 || b == 0x9d);
      CHECK(strlen(got) == 2 && (unsigned char)got[0] == 0xc2 && (unsigned char)got[1] == b);
      continue;
    }
    *op = '\0';
    if (strcmp(got, ref) != 0) fprintf(stderr, "byte %02x differs\n", b);
    CHECK_STR(got, ref);
  }
  iconv_close(cd);
}

/* ---- the order of sources ---- */

TEST(bom_beats_hint) {
  cc_charset_info ci;
  int done;
  const char *o = PRE("\xef\xbb\xbf<p>caf\xc3\xa9", "iso-8859-1", &done, &ci, NULL);
  CHECK(done);
  CHECK_STR(o, "<p>caf\xc3\xa9");
  CHECK_STR(ci.name, "utf-8");
  CHECK_STR(ci.source, "bom");
  o = PRE("\xff\xfe<\0p\0>\0", "windows-1252", &done, &ci, NULL);
  CHECK(done);
  CHECK_STR(o, "<p>");
  CHECK_STR(ci.name, "utf-16le");
  CHECK_STR(ci.source, "bom");
}

TEST(hint_beats_meta_and_xml) {
  cc_charset_info ci;
  /* 0xE9 is é in windows-1252, й in windows-1251, И in koi8-r */
  const char *o = DEC("<p>\xe9", "windows-1251", "koi8-r", "iso-8859-1", &ci);
  CHECK_STR(o, "<p>\xd0\xb9");
  CHECK_STR(ci.name, "windows-1251");
  CHECK_STR(ci.source, "hint");
  /* a whole Content-Type value works as a hint */
  o = DEC("<p>\xe9", "text/html; charset=\"KOI8-R\"", "windows-1251", NULL, &ci);
  CHECK_STR(o, "<p>\xd0\x98");
  CHECK_STR(ci.source, "hint");
}

TEST(meta_beats_xml) {
  cc_charset_info ci;
  const char *o = DEC("<p>\xe9", NULL, "koi8-r", "windows-1251", &ci);
  CHECK_STR(o, "<p>\xd0\x98");
  CHECK_STR(ci.name, "koi8-r");
  CHECK_STR(ci.source, "meta");
}

TEST(xml_beats_detection) {
  cc_charset_info ci;
  const char *o = DEC("<p>\xe9", NULL, NULL, "windows-1251", &ci);
  CHECK_STR(o, "<p>\xd0\xb9");
  CHECK_STR(ci.name, "windows-1251");
  CHECK_STR(ci.source, "xml");
}

TEST(unknown_label_falls_through) {
  cc_charset_info ci;
  /* an unknown hint, then an unknown meta: the xml declaration decides */
  const char *o = DEC("<p>\xe9", "nonsense", "foo-bar", "koi8-r", &ci);
  CHECK_STR(o, "<p>\xd0\x98");
  CHECK_STR(ci.source, "xml");
  /* nothing usable declared: detection */
  o = DEC("<p>Caf\xc3\xa9 cr\xc3\xa8me</p>", NULL, "foo-bar", NULL, &ci);
  CHECK_STR(o, "<p>Caf\xc3\xa9 cr\xc3\xa8me</p>");
  CHECK_STR(ci.name, "utf-8");
  CHECK_STR(ci.source, "detected");
  o = DEC("<p>Caf\xe9 cr\xe8me br\xfbl\xe9" "e</p>", NULL, "foo-bar", NULL, &ci);
  CHECK_STR(o, "<p>Caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e</p>");
  CHECK_STR(ci.name, "windows-1252");
  CHECK_STR(ci.source, "detected");
}

TEST(undeclared_ascii_is_default_utf8) {
  cc_charset_info ci;
  const char *o = DEC("<p>hello</p>", NULL, NULL, NULL, &ci);
  CHECK_STR(o, "<p>hello</p>");
  CHECK_STR(ci.name, "utf-8");
  CHECK_STR(ci.source, "default");
}

TEST(pure_ascii_stays_as_declared) {
  cc_charset_info ci;
  const char *o = DEC("<p>hello</p>", NULL, "iso-8859-1", NULL, &ci);
  CHECK_STR(o, "<p>hello</p>");
  CHECK_STR(ci.name, "windows-1252");
  CHECK_STR(ci.source, "meta");
  o = DEC("<p>hello</p>", NULL, "gb2312", NULL, &ci);
  CHECK_STR(ci.name, "gbk");
  CHECK_STR(ci.source, "meta");
}

TEST(meta_utf16_means_utf8_and_xuser_means_1252) {
  cc_charset_info ci;
  const char *o = DEC("<p>caf\xc3\xa9", NULL, "utf-16", NULL, &ci);
  CHECK_STR(o, "<p>caf\xc3\xa9");
  CHECK_STR(ci.name, "utf-8");
  CHECK_STR(ci.source, "meta");
  o = DEC("<p>caf\xe9", NULL, "x-user-defined", NULL, &ci);
  CHECK_STR(o, "<p>caf\xc3\xa9");
  CHECK_STR(ci.name, "windows-1252");
  /* but a transport hint of x-user-defined is taken at its word */
  o = DEC("\x80", "x-user-defined", NULL, NULL, &ci);
  CHECK_STR(o, "\xef\x9e\x80");
}

/* ---- Western legacy pages ---- */

TEST(windows_1252_french) {
  cc_charset_info ci;
  /* é è à œ € ’ : E9 E8 E0 9C 80 92 */
  const char *o = DEC("<p>L\x92\xe9t\xe9, tr\xe8s \xe0 la mer, le c\x9cur \xe0 10 \x80.</p>",
                      NULL, "windows-1252", NULL, &ci);
  CHECK_STR(o, "<p>L\xe2\x80\x99\xc3\xa9t\xc3\xa9, tr\xc3\xa8s \xc3\xa0 la mer, le c\xc5\x93ur "
               "\xc3\xa0 10 \xe2\x82\xac.</p>");
  CHECK_STR(ci.name, "windows-1252");
  CHECK_STR(ci.source, "meta");
}

TEST(iso_8859_1_german) {
  cc_charset_info ci;
  /* ä ö ü ß Ä Ö Ü : E4 F6 FC DF C4 D6 DC */
  const char *o = DEC("<p>Gr\xfc\xdf" "e, \xe4rgerlich, sch\xf6n. \xc4 \xd6 \xdc</p>",
                      "ISO-8859-1", NULL, NULL, &ci);
  CHECK_STR(o, "<p>Gr\xc3\xbc\xc3\x9f" "e, \xc3\xa4rgerlich, sch\xc3\xb6n. \xc3\x84 \xc3\x96 \xc3\x9c</p>");
  CHECK_STR(ci.name, "windows-1252");
  CHECK_STR(ci.source, "hint");
}

TEST(undeclared_latin1_detected) {
  cc_charset_info ci;
  const char *o = DEC("<p>Die Stra\xdf" "e f\xfchrt \xfc" "ber die Br\xfc" "cke. Sch\xf6ne Gr\xfc\xdf" "e, "
                      "sagte der B\xe4" "cker, und \xe4rgerte sich \xfc" "ber die H\xf6he der Preise.</p>",
                      NULL, NULL, NULL, &ci);
  CHECK_CONTAINS(o, "Stra\xc3\x9f" "e f\xc3\xbchrt");
  CHECK_CONTAINS(o, "B\xc3\xa4" "cker");
  CHECK_STR(ci.name, "windows-1252");
  CHECK_STR(ci.source, "detected");
  /* a few sparse bytes: uchardet alone would guess a central European
   * charset here; the Western default wins */
  o = DEC("<p>It\x92s a nice day, isn\x92t it?</p>", NULL, NULL, NULL, &ci);
  CHECK_STR(o, "<p>It\xe2\x80\x99s a nice day, isn\xe2\x80\x99t it?</p>");
  CHECK_STR(ci.name, "windows-1252");
  o = DEC("<p>L\x92\xe9t\xe9 dernier, c\x92\xe9tait tr\xe8s agr\xe9" "able.</p>", NULL, NULL, NULL, &ci);
  CHECK_CONTAINS(o, "tr\xc3\xa8s agr\xc3\xa9" "able");
  CHECK_STR(ci.name, "windows-1252");
}

TEST(undeclared_other_scripts_detected) {
  cc_charset_info ci;
  /* "Москва — столица России" in windows-1251 */
  const char *o = DEC("<p>\xcc\xee\xf1\xea\xe2\xe0 \x97 \xf1\xf2\xee\xeb\xe8\xf6\xe0 "
                      "\xd0\xee\xf1\xf1\xe8\xe8, \xea\xf0\xf3\xef\xed\xe5\xe9\xf8\xe8\xe9 "
                      "\xe3\xee\xf0\xee\xe4 \xf1\xf2\xf0\xe0\xed\xfb.</p>",
                      NULL, NULL, NULL, &ci);
  CHECK_CONTAINS(o, "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"); /* Москва */
  CHECK_STR(ci.name, "windows-1251");
  CHECK_STR(ci.source, "detected");
}

TEST(undeclared_iso_2022_jp_detected) {
  cc_charset_info ci;
  const char *o = DEC("<p>\x1b$B$\"$$\x1b(B</p>", NULL, NULL, NULL, &ci);
  CHECK_STR(o, "<p>\xe3\x81\x82\xe3\x81\x84</p>");
  CHECK_STR(ci.name, "iso-2022-jp");
  CHECK_STR(ci.source, "detected");
}

/* ---- declarations that lie ---- */

TEST(gb2312_declared_but_utf8) {
  cc_charset_info ci;
  /* 这是中文网页 in UTF-8 */
  const char *zh = "<p>\xe8\xbf\x99\xe6\x98\xaf\xe4\xb8\xad\xe6\x96\x87\xe7\xbd\x91\xe9\xa1\xb5</p>";
  const char *o = decode(zh, strlen(zh), NULL, "gb2312", NULL, &ci);
  CHECK_STR(o, zh);
  CHECK_STR(ci.name, "utf-8");
  CHECK_STR(ci.source, "detected");
  /* the same through a wrong HTTP header */
  o = decode(zh, strlen(zh), "iso-8859-1", NULL, NULL, &ci);
  CHECK_STR(o, zh);
  CHECK_STR(ci.name, "utf-8");
  /* one lone character is not enough to overrule a CJK declaration... */
  o = DEC("<p>\xc4\xa3</p>", NULL, "gbk", NULL, &ci); /* valid UTF-8 by chance */
  CHECK_STR(ci.name, "gbk");
  /* ...but a real GBK page stays GBK: 你好 */
  o = DEC("<p>\xc4\xe3\xba\xc3</p>", NULL, "gb2312", NULL, &ci);
  CHECK_STR(o, "<p>\xe4\xbd\xa0\xe5\xa5\xbd</p>");
  CHECK_STR(ci.name, "gbk");
  CHECK_STR(ci.source, "meta");
}

TEST(utf8_with_stray_latin1_bytes) {
  cc_charset_info ci;
  /* a UTF-8 page (é è à ’) with a pasted Latin-1 "café" and a cp1252 ’ */
  const char *o = DEC("<p>\xc3\xa9t\xc3\xa9 \xc3\xa8 \xc3\xa0 l\xe2\x80\x99" "eau, caf\xe9 l\x92" "ami</p>",
                      NULL, "utf-8", NULL, &ci);
  CHECK_STR(o, "<p>\xc3\xa9t\xc3\xa9 \xc3\xa8 \xc3\xa0 l\xe2\x80\x99" "eau, caf\xc3\xa9 l\xe2\x80\x99" "ami</p>");
  CHECK_STR(ci.name, "utf-8");
  CHECK_STR(ci.source, "meta");
  /* undeclared: the same */
  o = DEC("<p>\xc3\xa9t\xc3\xa9 \xc3\xa8 caf\xe9</p>", NULL, NULL, NULL, &ci);
  CHECK_STR(o, "<p>\xc3\xa9t\xc3\xa9 \xc3\xa8 caf\xc3\xa9</p>");
  CHECK_STR(ci.name, "utf-8");
  CHECK_STR(ci.source, "detected");
}

TEST(declared_utf8_but_really_latin1) {
  cc_charset_info ci;
  const char *o = DEC("<p>Sch\xf6ne Gr\xfc\xdf" "e aus M\xfcnchen, sagte der B\xe4" "cker.</p>",
                      NULL, "utf-8", NULL, &ci);
  CHECK_STR(o, "<p>Sch\xc3\xb6ne Gr\xc3\xbc\xc3\x9f" "e aus M\xc3\xbcnchen, sagte der B\xc3\xa4" "cker.</p>");
  CHECK_STR(ci.name, "windows-1252");
  CHECK_STR(ci.source, "detected");
}

/* ---- invalid input ---- */

TEST(invalid_utf8_sequences_become_fffd) {
  cc_charset_info ci;
  /* in a UTF-8 page: overlong '/', a surrogate, a value past U+10FFFF, and
   * a sequence cut off by the end of input (11 invalid bytes, so the page
   * needs at least as many valid characters to count as UTF-8) */
#define E12 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
  const char *o = DEC(E12 " \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82", NULL, "utf-8", NULL, &ci);
  CHECK_STR(o, E12 " \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd");
  CHECK_STR(ci.name, "utf-8");
  /* the same through cc_charset_convert */
  CHECK_STR(CONV("\xc0\xaf|\xed\xbf\xbf|\xe2\x82", "utf-8"), "\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd");
  /* windows-1252's unassigned bytes as strays: U+FFFD, not C1 controls */
  CHECK_STR(CONV("\xc3\xa9\x81", "utf-8"), "\xc3\xa9\xef\xbf\xbd");
}

TEST(invalid_legacy_sequences_become_fffd) {
  /* Shift_JIS: a lead byte with a bad trail, a lone lead at the end */
  CHECK_STR(CONV("a\x82\xa0" "b\x85\x20" "c\x82", "shift_jis"), "a\xe3\x81\x82" "b\xef\xbf\xbd c\xef\xbf\xbd");
  /* EUC-KR cut off at the end */
  CHECK_STR(CONV("\xb0\xa1\xb0", "euc-kr"), "\xea\xb0\x80\xef\xbf\xbd");
  /* UTF-16: lone surrogates and an odd trailing byte */
  CHECK_STR(CONV("\x00\xd8" "a\0" "\x00\xdc" "b", "utf-16le"), "\xef\xbf\xbd" "a\xef\xbf\xbd\xef\xbf\xbd");
  /* UTF-32: beyond U+10FFFF, a surrogate */
  CHECK_STR(CONV("\x00\x00\x11\x00" "\x00\xd8\x00\x00" "a\0\0\0", "utf-32le"), "\xef\xbf\xbd\xef\xbf\xbd" "a");
}

TEST(stray_bytes_in_big_legacy_output_grow_buffer) {
  /* many invalid bytes: iconv's output buffer must grow */
  char in[3000];
  for (size_t i = 0; i < sizeof in; i++) in[i] = (char)(i % 3 ? 0x85 : 0x20); /* bad SJIS */
  const char *o = conv(in, sizeof in, "shift_jis");
  size_t na;
  CHECK(cc_utf8_check(o, strlen(o), &na) == 0);
  CHECK(na >= 1000);
}

TEST(iconv_output_grows) {
  /* ISO-2022-JP is 7-bit, so the first estimate is the input size; its
   * output is half as big again */
  char in[4000];
  size_t n = 0;
  n += (size_t)sprintf(in, "\x1b$B");
  while (n + 2 < sizeof in - 4) in[n++] = '$', in[n++] = '"';
  n += (size_t)sprintf(in + n, "\x1b(B");
  const char *o = conv(in, n, "iso-2022-jp");
  size_t na;
  CHECK(cc_utf8_check(o, strlen(o), &na) == 0);
  CHECK(na == (n - 6) / 2);
  CHECK(strncmp(o, "\xe3\x81\x82\xe3\x81\x82", 6) == 0);
  /* and invalid input there: a byte above 0x7F, a pair outside JIS X 0208 */
  CHECK_STR(CONV("a\xff" "b", "iso-2022-jp"), "a\xef\xbf\xbd" "b");
  o = CONV("\x1b$B\x21\x7f\x1b(Bz", "iso-2022-jp");
  CHECK(cc_utf8_check(o, strlen(o), NULL) == 0);
  CHECK_CONTAINS(o, "\xef\xbf\xbd");
  CHECK_CONTAINS(o, "z");
}

/* ---- UTF-16 and UTF-32 ---- */

TEST(utf16_and_utf32_with_bom) {
  cc_charset_info ci;
  int done;
  size_t n;
  const char *o = PRE("\xfe\xff\0<\0p\0>\0\xe9\xd8\x3d\xde\x00", NULL, &done, &ci, &n);
  CHECK(done);
  CHECK_STR(o, "<p>\xc3\xa9\xf0\x9f\x98\x80"); /* é 😀 */
  CHECK_STR(ci.name, "utf-16be");
  CHECK_STR(ci.source, "bom");
  o = PRE("\xff\xfe<\0p\0>\0\xe9\0", NULL, &done, &ci, NULL);
  CHECK_STR(o, "<p>\xc3\xa9");
  CHECK_STR(ci.name, "utf-16le");
  o = PRE("\xff\xfe\0\0<\0\0\0\x00\xf6\x01\0", NULL, &done, &ci, NULL);
  CHECK(done);
  CHECK_STR(o, "<\xf0\x9f\x98\x80");
  CHECK_STR(ci.name, "utf-32le");
  CHECK_STR(ci.source, "bom");
  o = PRE("\0\0\xfe\xff\0\0\0<\0\0\0\xe9", NULL, &done, &ci, NULL);
  CHECK_STR(o, "<\xc3\xa9");
  CHECK_STR(ci.name, "utf-32be");
  /* a NUL from UTF-16 is kept */
  o = PRE("\xff\xfe" "a\0\0\0b\0", NULL, &done, &ci, &n);
  CHECK(n == 3 && o[0] == 'a' && o[1] == '\0' && o[2] == 'b');
}

TEST(utf16_without_bom) {
  cc_charset_info ci;
  int done;
  const char le[] = "<\0p\0>\0C\0a\0f\0\xe9\0<\0/\0p\0>\0";
  const char *o = pre(le, sizeof le - 1, NULL, &done, &ci, NULL);
  CHECK(done);
  CHECK_STR(o, "<p>Caf\xc3\xa9</p>");
  CHECK_STR(ci.name, "utf-16le");
  CHECK_STR(ci.source, "detected");
  const char be[] = "\0<\0p\0>\0C\0a\0f\0\xe9\0<\0/\0p\0>";
  o = pre(be, sizeof be - 1, NULL, &done, &ci, NULL);
  CHECK(done);
  CHECK_STR(o, "<p>Caf\xc3\xa9</p>");
  CHECK_STR(ci.name, "utf-16be");
  /* a hint of utf-16 applies; the NUL pattern picks the byte order */
  o = pre(be, sizeof be - 1, "utf-16", &done, &ci, NULL);
  CHECK_STR(o, "<p>Caf\xc3\xa9</p>");
  CHECK_STR(ci.name, "utf-16be");
  CHECK_STR(ci.source, "hint");
  o = PRE("\x3f\x04\x40\x04", "utf-16le", &done, &ci, NULL); /* пр, no ASCII */
  CHECK(done);
  CHECK_STR(o, "\xd0\xbf\xd1\x80");
  CHECK_STR(ci.source, "hint");
  /* a UTF-16 hint on a page with no NULs at all is a server's mistake */
  static const char page8[] = "<!DOCTYPE html><html><head><title>x</title></head>"
                              "<body><p>caf\xc3\xa9 and more text</p></body></html>";
  CHECK(PRE(page8, "utf-16", &done, &ci, NULL) == NULL && !done);
  o = decode(page8, sizeof page8 - 1, "utf-16", NULL, NULL, &ci);
  CHECK_STR(o, page8);
  CHECK_STR(ci.name, "utf-8");
  CHECK_STR(ci.source, "detected");
  /* ordinary bytes go on unchanged */
  CHECK(PRE("<p>hello</p>", NULL, &done, &ci, NULL) == NULL && !done);
  CHECK(PRE("<p>hello</p>", "iso-8859-1", &done, &ci, NULL) == NULL && !done);
}

TEST(utf8_bom_with_invalid_bytes) {
  cc_charset_info ci;
  int done;
  const char *o = PRE("\xef\xbb\xbf\xc3\xa9\xc3\xa9 caf\xe9", NULL, &done, &ci, NULL);
  CHECK(done);
  CHECK_STR(o, "\xc3\xa9\xc3\xa9 caf\xc3\xa9");
  CHECK_STR(ci.source, "bom");
}

/* ---- edges ---- */

TEST(empty_input) {
  cc_charset_info ci;
  int done;
  CHECK(PRE("", NULL, &done, &ci, NULL) == NULL && !done);
  CHECK(pre(NULL, 0, "utf-16", &done, &ci, NULL) != NULL && done);
  char *out = NULL;
  size_t n = 7;
  cc_charset_decode(&A, "", 0, NULL, NULL, NULL, &out, &n, &ci);
  CHECK(out && n == 0);
  CHECK_STR(ci.name, "utf-8");
  CHECK_STR(ci.source, "default");
  cc_charset_decode(&A, NULL, 0, NULL, "koi8-r", NULL, &out, &n, &ci);
  CHECK(out && n == 0);
  CHECK_STR(ci.name, "koi8-r");
  cc_charset_convert(&A, NULL, 0, "gbk", &out, &n);
  CHECK(out && n == 0 && out[0] == '\0');
  cc_charset_convert(&A, "", 0, "iso-2022-jp", &out, &n);
  CHECK(out && n == 0);
}

static uint32_t rng = 12345;
static unsigned char rnd(void) {
  rng = rng * 1103515245u + 12345u;
  return (unsigned char)(rng >> 16);
}

TEST(binary_junk_decodes_to_valid_utf8) {
  static const char *names[] = {"utf-8", "windows-1252", "shift_jis", "gbk", "big5",
                                "euc-jp", "euc-kr", "iso-2022-jp", "koi8-r", "utf-16le",
                                "utf-16be", "utf-32le", "x-user-defined", "gb18030"};
  for (int round = 0; round < 200; round++) {
    size_t len = (size_t)(rnd() % 64) * (round % 7 + 1) + (size_t)(round % 5);
    char *buf = cc_arena_alloc(&A, len + 1);
    int zeros = round % 3 == 0;
    for (size_t i = 0; i < len; i++) buf[i] = (char)(zeros && i % 2 ? 0 : rnd());
    cc_charset_info ci;
    char *out = NULL;
    size_t n = 0;
    if (!cc_charset_pre(&A, buf, len, NULL, &out, &n, &ci))
      cc_charset_decode(&A, buf, len, round % 2 ? "utf-8" : NULL, NULL, NULL, &out, &n, &ci);
    CHECK(out != NULL && ci.name && ci.source);
    CHECK(cc_utf8_check(out, n, NULL) == 0);
    const char *name = names[round % (sizeof names / sizeof *names)];
    cc_charset_convert(&A, buf, len, name, &out, &n);
    if (cc_utf8_check(out, n, NULL) != 0) fprintf(stderr, "invalid output from %s\n", name);
    CHECK(cc_utf8_check(out, n, NULL) == 0);
  }
}

typedef struct job {
  int ok;
} job;

static void *worker(void *p) {
  job *j = p;
  cc_arena a;
  cc_arena_init(&a);
  j->ok = 1;
  for (int i = 0; i < 200; i++) {
    static const char de[] = "<p>Sch\xf6ne Gr\xfc\xdf" "e aus M\xfcnchen, sagte der B\xe4" "cker.</p>";
    static const char sj[] = "<p>\x82\xa0\x82\xa2\x82\xa4</p>";
    char *out;
    size_t n;
    cc_charset_info ci;
    cc_charset_decode(&a, de, sizeof de - 1, NULL, NULL, NULL, &out, &n, &ci);
    if (strcmp(ci.name, "windows-1252") || !strstr(out, "Sch\xc3\xb6ne")) j->ok = 0;
    cc_charset_decode(&a, sj, sizeof sj - 1, NULL, "shift_jis", NULL, &out, &n, &ci);
    if (strcmp(out, "<p>\xe3\x81\x82\xe3\x81\x84\xe3\x81\x86</p>")) j->ok = 0;
  }
  cc_arena_free(&a);
  return NULL;
}

TEST(preload_and_threads) {
  cc_charset_preload();
  cc_charset_preload(); /* idempotent */
  CHECK_STR(CONV("\xb0\xa1", "euc-kr"), "\xea\xb0\x80");
  pthread_t t[4];
  job jobs[4];
  for (int i = 0; i < 4; i++) CHECK(pthread_create(&t[i], NULL, worker, &jobs[i]) == 0);
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], NULL);
    CHECK(jobs[i].ok);
  }
}

/* ---- end to end, through the public API ---- */

static const char ARTICLE_1252[] =
    "<p>L\x92\xe9t\xe9 dernier, nous sommes all\xe9s \xe0 la mer avec toute la famille. "
    "C\x92\xe9tait tr\xe8s agr\xe9" "able, m\xeame si le c\x9cur n\x92y \xe9tait pas toujours.</p>\n"
    "<p>Le caf\xe9 co\xfbtait 3 \x80 et la cr\xe8me br\xfbl\xe9" "e 7 \x80 ; les enfants ont "
    "pr\xe9" "f\xe9r\xe9 les cr\xeapes \xe0 la ch\xe2taigne, vendues pr\xe8s du port.</p>\n"
    "<p>Nous reviendrons l\x92" "ann\xe9" "e prochaine, \xe0 la m\xeame \xe9poque, pour "
    "retrouver le soleil et les amis que nous avons rencontr\xe9s l\xe0-bas.</p>\n";

static const char ARTICLE_DE[] =
    "<p>Die Stra\xdf" "e f\xfchrt \xfc" "ber die alte Br\xfc" "cke in die Stadt. Sch\xf6ne Gr\xfc\xdf" "e, "
    "sagte der B\xe4" "cker am Morgen, und \xe4rgerte sich \xfc" "ber die H\xf6he der Preise.</p>\n"
    "<p>Im Sommer ist es hei\xdf, im Winter k\xe4lter als fr\xfc" "her. Die M\xe4" "dchen und "
    "Jungen spielen trotzdem drau\xdf" "en auf der gro\xdf" "en Wiese hinter der Schule.</p>\n"
    "<p>Am Abend gehen alle nach Hause, essen Br\xf6tchen mit K\xe4se und tr\xe4umen von "
    "den Ferien am Meer, die bald beginnen werden.</p>\n";

static char *page_1252(size_t *len) {
  static char buf[8192];
  size_t n = 0;
  n += (size_t)sprintf(buf + n, "<!DOCTYPE html><html><head><title>Vacances</title><script>");
  for (int i = 0; i < 40; i++)
    n += (size_t)sprintf(buf + n, "var filler%02d = 'padding to push the charset far down';\n", i);
  n += (size_t)sprintf(buf + n, "</script><meta charset=windows-1252></head><body><article>"
                                "<h1>Vacances d\x92\xe9t\xe9</h1>%s</article></body></html>",
                       ARTICLE_1252);
  *len = n;
  return buf;
}

TEST(extract_windows_1252_meta_after_script) {
  size_t len;
  char *page = page_1252(&len);
  CHECK(strstr(page, "<meta charset") - page > 2048);
  cc_result *r = NULL;
  cc_error err;
  CHECK(cc_extract(page, len, NULL, &r, &err) == CC_OK);
  if (!r) return;
  CHECK_STR(cc_result_charset(r), "windows-1252");
  const char *t = cc_result_text(r);
  CHECK_CONTAINS(t, "L\xe2\x80\x99\xc3\xa9t\xc3\xa9 dernier");                /* ’ é */
  CHECK_CONTAINS(t, "tr\xc3\xa8s agr\xc3\xa9" "able");                        /* è é */
  CHECK_CONTAINS(t, "c\xc5\x93ur");                                           /* œ */
  CHECK_CONTAINS(t, "3 \xe2\x82\xac");                                        /* € */
  CHECK_CONTAINS(t, "\xc3\xa0 la ch\xc3\xa2taigne");                          /* à â */
  CHECK(cc_utf8_check(t, strlen(t), NULL) == 0);
  cc_result_free(r);
}

TEST(extract_undeclared_latin1_german) {
  char page[4096];
  int len = snprintf(page, sizeof page,
                     "<html><head><title>Gr\xfc\xdf" "e</title></head><body><article>"
                     "<h1>Ein Tag in der Stadt</h1>%s</article></body></html>",
                     ARTICLE_DE);
  cc_result *r = NULL;
  cc_error err;
  CHECK(cc_extract(page, (size_t)len, NULL, &r, &err) == CC_OK);
  if (!r) return;
  CHECK_STR(cc_result_charset(r), "windows-1252");
  const char *t = cc_result_text(r);
  CHECK_CONTAINS(t, "Stra\xc3\x9f" "e f\xc3\xbchrt \xc3\xbc" "ber");           /* ß ü */
  CHECK_CONTAINS(t, "Sch\xc3\xb6ne Gr\xc3\xbc\xc3\x9f" "e");                   /* ö ü ß */
  CHECK_CONTAINS(t, "B\xc3\xa4" "cker");                                       /* ä */
  CHECK_CONTAINS(t, "K\xc3\xa4se");
  CHECK(cc_utf8_check(t, strlen(t), NULL) == 0);
  cc_result_free(r);
}

int main(void) {
  cc_arena_init(&A);
  RUN(labels_map_to_whatwg_encodings);
  RUN(unknown_labels_are_null);
  RUN(canonical_names_are_fixed_points);
  RUN(utf8_check_counts);
  RUN(utf8_check_rejects_overlongs_surrogates_and_beyond);
  RUN(decoders_of_each_family);
  RUN(windows_1252_matches_glibc_where_glibc_defines_it);
  RUN(bom_beats_hint);
  RUN(hint_beats_meta_and_xml);
  RUN(meta_beats_xml);
  RUN(xml_beats_detection);
  RUN(unknown_label_falls_through);
  RUN(undeclared_ascii_is_default_utf8);
  RUN(pure_ascii_stays_as_declared);
  RUN(meta_utf16_means_utf8_and_xuser_means_1252);
  RUN(windows_1252_french);
  RUN(iso_8859_1_german);
  RUN(undeclared_latin1_detected);
  RUN(undeclared_other_scripts_detected);
  RUN(undeclared_iso_2022_jp_detected);
  RUN(gb2312_declared_but_utf8);
  RUN(utf8_with_stray_latin1_bytes);
  RUN(declared_utf8_but_really_latin1);
  RUN(invalid_utf8_sequences_become_fffd);
  RUN(invalid_legacy_sequences_become_fffd);
  RUN(stray_bytes_in_big_legacy_output_grow_buffer);
  RUN(iconv_output_grows);
  RUN(utf16_and_utf32_with_bom);
  RUN(utf16_without_bom);
  RUN(utf8_bom_with_invalid_bytes);
  RUN(empty_input);
  RUN(binary_junk_decodes_to_valid_utf8);
  RUN(preload_and_threads);
  RUN(extract_windows_1252_meta_after_script);
  RUN(extract_undeclared_latin1_german);
  cc_arena_free(&A);
  return test_summary();
}
