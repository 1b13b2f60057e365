/* test_lang.c — language and script identification: each profiled
 * language from a few sentences of ordinary prose (written for this
 * test), the script-only languages, short and mixed inputs, the stopword
 * masks the text cleaner reads, tags, and speed. */
#include <time.h>

#include "lang.h"
#include "normalize.h"
#include "test.h"

#define LANG(text, want) CHECK_STR(cc_lang_detect(text, strlen(text)), want)

TEST(latin_languages_from_prose) {
  LANG("The council said on Monday that the new bridge would open in the spring, "
       "after two years of work and a budget that was raised twice.", "en");
  LANG("Le conseil a annoncé lundi que le nouveau pont ouvrira au printemps, après "
       "deux ans de travaux et un budget qui a été relevé deux fois.", "fr");
  LANG("Der Stadtrat hat am Montag mitgeteilt, dass die neue Brücke im Frühjahr "
       "eröffnet wird, nach zwei Jahren Bauzeit und einem Budget, das zweimal erhöht wurde.", "de");
  LANG("El ayuntamiento anunció el lunes que el nuevo puente se abrirá en primavera, "
       "después de dos años de obras y un presupuesto que fue aumentado dos veces.", "es");
  LANG("Il consiglio ha annunciato lunedì che il nuovo ponte sarà aperto in primavera, "
       "dopo due anni di lavori e un bilancio che è stato aumentato due volte.", "it");
  LANG("A câmara anunciou na segunda-feira que a nova ponte será aberta na primavera, "
       "depois de dois anos de obras e de um orçamento que foi aumentado duas vezes.", "pt");
  LANG("De gemeenteraad heeft maandag gezegd dat de nieuwe brug in het voorjaar open "
       "gaat, na twee jaar werk en een budget dat twee keer werd verhoogd.", "nl");
  LANG("Kommunen meddelade på måndag att den nya bron ska öppna i vår, efter två år "
       "av arbete och en budget som har höjts två gånger.", "sv");
  LANG("Rada miasta ogłosiła w poniedziałek, że nowy most zostanie otwarty wiosną, "
       "po dwóch latach prac i budżecie, który był dwa razy podnoszony.", "pl");
}

TEST(scripts_decide_other_languages) {
  LANG("Городской совет сообщил в понедельник, что новый мост откроется весной, "
       "после двух лет работы и бюджета, который был увеличен дважды.", "ru");
  LANG("Το δημοτικό συμβούλιο ανακοίνωσε τη Δευτέρα ότι η νέα γέφυρα θα ανοίξει την άνοιξη.", "el");
  LANG("市议会星期一宣布，新桥将于春天开放。", "zh");
  LANG("市議会は月曜日に、新しい橋が春に開通すると発表した。", "ja");
  LANG("أعلن مجلس المدينة يوم الاثنين أن الجسر الجديد سيفتح في الربيع.", "ar");
  LANG("시의회는 월요일에 새 다리가 봄에 개통된다고 발표했다.", "ko");
  LANG("עיריית העיר הודיעה ביום שני כי הגשר החדש ייפתח באביב.", "he");
}

TEST(too_little_is_unknown) {
  LANG("", NULL);
  LANG("12345 67 -- !!", NULL);
  LANG("Zorblax quintessa", NULL); /* no stopword at all */
  CHECK(cc_lang_detect(NULL, 0) == NULL);
}

TEST(boilerplate_in_another_language_does_not_flip_the_page) {
  /* an English menu over a French article */
  LANG("Home\nNews\nSport\nLogin\n\nLe gouvernement a présenté mercredi son projet de "
       "loi sur l'énergie, qui prévoit la construction de six réacteurs et une baisse "
       "de la part du charbon dans la production d'électricité.", "fr");
}

TEST(scripts_of_code_points_and_tokens) {
  CHECK(cc_script_of('a') == CC_SCRIPT_LATIN);
  CHECK(cc_script_of('7') == CC_SCRIPT_NONE);
  CHECK(cc_script_of(0xE9) == CC_SCRIPT_LATIN);   /* é */
  CHECK(cc_script_of(0x416) == CC_SCRIPT_CYRILLIC); /* Ж */
  CHECK(cc_script_of(0x3B1) == CC_SCRIPT_GREEK);
  CHECK(cc_script_of(0x5D0) == CC_SCRIPT_HEBREW);
  CHECK(cc_script_of(0x628) == CC_SCRIPT_ARABIC);
  CHECK(cc_script_of(0x4E2D) == CC_SCRIPT_HAN);
  CHECK(cc_script_of(0x3042) == CC_SCRIPT_KANA);
  CHECK(cc_script_of(0xAC00) == CC_SCRIPT_HANGUL);
  CHECK(cc_script_of(0x2014) == CC_SCRIPT_NONE); /* em dash */
  CHECK(cc_script_of_token("alep", 4) == CC_SCRIPT_LATIN);
  CHECK(cc_script_of_token("\xd0\xb7\xd0\xb0", 4) == CC_SCRIPT_CYRILLIC);
  CHECK(cc_script_of_token("2016", 4) == CC_SCRIPT_NONE);
  CHECK_STR(cc_script_name(CC_SCRIPT_CYRILLIC), "Cyrillic");
}

static uint32_t mask_of(const char *word) {
  cc_words it;
  cc_token t;
  cc_words_init(&it, word, strlen(word));
  return cc_words_next(&it, &t) ? cc_lang_stopword_mask(t.hash) : 0;
}

TEST(stopword_masks_and_tags) {
  int fr = cc_lang_index("fr"), en = cc_lang_index("EN-gb"), de = cc_lang_index("de_AT");
  CHECK(fr >= 0 && en >= 0 && de >= 0);
  CHECK(cc_lang_index("xx") < 0);
  CHECK(cc_lang_index("fra") < 0);
  CHECK(cc_lang_index(NULL) < 0);
  CHECK_STR(cc_lang_code((unsigned)fr), "fr");
  CHECK(cc_lang_code(cc_lang_count()) == NULL);
  CHECK(cc_lang_count() >= 7);
  CHECK(mask_of("les") & (1u << fr));
  CHECK(mask_of("Été") & (1u << fr)); /* accents and case folded */
  CHECK(mask_of("the") & (1u << en));
  CHECK(!(mask_of("the") & (1u << fr)));
  CHECK(mask_of("und") & (1u << de));
  CHECK(mask_of("Alep") == 0);
}

TEST(detection_is_fast) {
  static char big[64 << 10];
  const char *s = "Le ministre a déclaré que les négociations reprendraient la semaine "
                  "prochaine, selon une source proche du dossier. ";
  size_t sl = strlen(s), n = 0;
  while (n + sl < sizeof big) {
    memcpy(big + n, s, sl);
    n += sl;
  }
  clock_t t0 = clock();
  for (int i = 0; i < 50; i++) CHECK_STR(cc_lang_detect(big, n), "fr");
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  double mbs = 50.0 * (double)n / (1 << 20) / (secs > 0 ? secs : 1e-9);
  printf("     language detection: %.0f MB/s\n", mbs);
  CHECK(mbs > 5); /* generous: sanitizer builds are slow */
}

int main(void) {
  RUN(latin_languages_from_prose);
  RUN(scripts_decide_other_languages);
  RUN(too_little_is_unknown);
  RUN(boilerplate_in_another_language_does_not_flip_the_page);
  RUN(scripts_of_code_points_and_tokens);
  RUN(stopword_masks_and_tags);
  RUN(detection_is_fast);
  return test_summary();
}
