/* test_normalize.c — text normalization for matching: case, accents,
 * apostrophes, dashes, scripts, symbol tokens, offsets and hashes. */
#include "normalize.h"
#include "test.h"

static char out[1024];

static const char *norm(const char *s) {
  cc_normalize(s, strlen(s), out, sizeof out);
  return out;
}

TEST(case_and_accents) {
  CHECK_STR(norm("À LIRE AUSSI"), "a lire aussi");
  CHECK_STR(norm("Élève CÉLÈBRE, façade, naïve, Noël"), "eleve celebre facade naive noel");
  CHECK_STR(norm("Straße GROẞ Æsir cœur Øre Łódź"), "strasse gross aesir coeur ore lodz");
  CHECK_STR(norm("Ñandú São Paulo Über İstanbul ıi"), "nandu sao paulo uber istanbul ii");
  CHECK_STR(norm("Tiếng Việt"), "tieng viet");
  /* decomposed accents (e + combining acute) fold the same way */
  CHECK_STR(norm("e\xcc\x81te\xcc\x81"), "ete");
}

TEST(apostrophes_quotes_punctuation) {
  CHECK_STR(norm("L’article l'article l`article lʼarticle"),
            "l article l article l article l article");
  CHECK_STR(norm("« Cet article vous a plu ? »"), "cet article vous a plu");
  CHECK_STR(norm("n’hésitez…pas!!! (vraiment)"), "n hesitez pas vraiment");
  CHECK_STR(norm("Alep-Est, 5\xc2\xa0" "992 civils; 1€"), "alep est 5 992 civils 1");
  CHECK_STR(norm("  \t\n  "), "");
  CHECK_STR(norm("soft\xc2\xadhyphen zero\xe2\x80\x8bwidth"), "softhyphen zerowidth");
  CHECK_STR(norm("Read more \xe2\x86\x92 \xf0\x9f\x91\x89 now"), "read more now");
}

TEST(dashes_and_copyright) {
  /* a lone dash between spaces is a token, a hyphen is a separator */
  CHECK_STR(norm("Aleppo, 2016. - Sputnik Afrique"), "aleppo 2016 - sputnik afrique");
  CHECK_STR(norm("Alep \xe2\x80\x93 AFP \xe2\x80\x94 x"), "alep - afp - x");
  CHECK_STR(norm("Alep-Est a\xe2\x80\x94" "b"), "alep est a b");
  CHECK_STR(norm("jours\xc2\xa9 Alexe\xc3\xaf Koudenko"), "jours \xc2\xa9 alexei koudenko");
  CHECK_STR(norm("\xc2\xa9REUTERS/Omar"), "\xc2\xa9 reuters omar");
  CHECK_STR(norm("Sanadiki\xc2\xa0\xe2\x80\x93\xc2\xa0Reuters"), "sanadiki - reuters");
}

TEST(glued_words_split_at_case_change) {
  CHECK_STR(norm("Suivez RT en français surTelegram"), "suivez rt en francais sur telegram");
  CHECK_STR(norm("Tout AccepterTout refuserParamétrer"), "tout accepter tout refuser parametrer");
  CHECK_STR(norm("SanadikiForces ÉtéÉvénement ПриветМир"), "sanadiki forces ete evenement привет мир");
  CHECK_STR(norm("iPhone eBay RT NATO LinkedIn watchOS McDonald"),
            "iphone ebay rt nato linked in watchos mc donald");
}

TEST(greek_cyrillic_other_scripts) {
  CHECK_STR(norm("Заголовок открываемого материала"), "заголовок открываемого материала");
  CHECK_STR(norm("ЁЛКА Йошкар-Ола ЇЖАК"), "елка йошкар ола їжак");
  CHECK_STR(norm("ΆΛΦΑ Ωμέγα ΟΔΟΣ"), "αλφα ωμεγα οδοσ");
  CHECK_STR(norm("日本語、テスト。"), "日本語 テスト");
  CHECK_STR(norm("ＡＢＣ１２"), "abc12");
}

TEST(tokens_offsets_kinds_hashes) {
  const char *s = "  Hé, 2016 © x-y \xff z";
  cc_words it;
  cc_token t;
  cc_words_init(&it, s, strlen(s));
  CHECK(cc_words_next(&it, &t));
  CHECK_STR(t.s, "he");
  CHECK(t.kind == CC_TOK_WORD && t.start == 2 && t.end == 5);
  CHECK(t.hash == cc_norm_hash("he", 2));
  CHECK(cc_words_next(&it, &t));
  CHECK_STR(t.s, "2016");
  CHECK(t.kind == CC_TOK_NUM && t.start == 7 && t.end == 11);
  CHECK(cc_words_next(&it, &t));
  CHECK(t.kind == CC_TOK_SYM && t.len == 2);
  CHECK(cc_words_next(&it, &t));
  CHECK_STR(t.s, "x");
  CHECK(cc_words_next(&it, &t));
  CHECK_STR(t.s, "y");
  CHECK(cc_words_next(&it, &t));
  CHECK_STR(t.s, "z");
  CHECK(!cc_words_next(&it, &t));
  CHECK(!cc_words_next(&it, &t));
}

TEST(long_words_and_truncated_output) {
  char big[300];
  memset(big, 'A', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  cc_words it;
  cc_token t;
  cc_words_init(&it, big, strlen(big));
  CHECK(cc_words_next(&it, &t));
  CHECK(t.len == CC_NORM_WORD_MAX - 1);
  CHECK(t.end == 299);
  char small[8];
  CHECK(cc_normalize("abc def ghi", 11, small, sizeof small) == 7);
  CHECK_STR(small, "abc def");
  CHECK(cc_normalize("abcdefghijk", 11, small, sizeof small) == 0);
  CHECK_STR(small, "");
}

int main(void) {
  RUN(case_and_accents);
  RUN(apostrophes_quotes_punctuation);
  RUN(dashes_and_copyright);
  RUN(glued_words_split_at_case_change);
  RUN(greek_cyrillic_other_scripts);
  RUN(tokens_offsets_kinds_hashes);
  RUN(long_words_and_truncated_output);
  return test_summary();
}
