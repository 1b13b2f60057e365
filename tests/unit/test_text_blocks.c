/* test_text_blocks.c — the text cleaner's first stage: cutting a clipping
 * into blocks (blank lines, CRLF and CR, no-break spaces, list markers,
 * hard-wrapped paragraphs joined, page dumps never joined) and each
 * block's features (length, stopword share, sentence end, capitals,
 * digits, URL, separators, date, ©, phrase verdict, foreign script), in
 * French, English and German. */
#include "test.h"
#include "text.h"

static cc_tdoc doc_of(cc_arena *a, const char *s) {
  cc_tdoc d;
  memset(&d, 0, sizeof d);
  cc_options o;
  cc_options_init(&o);
  cc_text_split(a, s, strlen(s), &d);
  cc_text_language(&d);
  cc_text_describe(&d, &o);
  return d;
}

static int is(const cc_tblock *b, const char *s) {
  return b->len == strlen(s) && !memcmp(b->text, s, b->len);
}

TEST(lines_blank_lines_and_line_ends) {
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc d = doc_of(&a, "Titre\r\n\r\n\r\nPremier paragraphe.\rDeuxième\n \xc2\xa0 \nFin  \t");
  CHECK(d.n == 4);
  CHECK(is(&d.b[0], "Titre"));
  CHECK(is(&d.b[1], "Premier paragraphe."));
  CHECK(d.b[1].gap == 2);
  CHECK(d.b[1].line == 4);
  CHECK(is(&d.b[2], "Deuxième"));
  CHECK(d.b[2].gap == 0);
  CHECK(is(&d.b[3], "Fin"));
  CHECK(d.b[3].gap == 1); /* a line of no-break spaces is blank */
  cc_arena_free(&a);
}

TEST(list_markers) {
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc d = doc_of(&a, "- pommes\n\xe2\x80\xa2 poires\n12. Zwölfter Punkt\n3) drei\n"
                         "\xe2\x80\x94 Dialogue, pas une liste.\n2016. Une année.\n-5 degrés");
  CHECK(d.b[0].bullet == 1 && is(&d.b[0], "pommes"));
  CHECK(d.b[1].bullet == 1 && is(&d.b[1], "poires"));
  CHECK(d.b[2].bullet == 2 && d.b[2].number == 12 && is(&d.b[2], "Zwölfter Punkt"));
  CHECK(d.b[3].bullet == 2 && d.b[3].number == 3);
  CHECK(d.b[4].bullet == 0); /* em dash: dialogue */
  CHECK(d.b[5].bullet == 0); /* four digits: a year */
  CHECK(d.b[6].bullet == 0);
  cc_arena_free(&a);
}

TEST(hard_wrapped_paragraphs_are_joined) {
  const char *s =
      "The committee met on Tuesday to discuss the proposal for a new\n"
      "library in the centre of the town, which has been debated for\n"
      "more than ten years without any decision being taken.\n"
      "\n"
      "Several members argued that the cost of the building was far\n"
      "too high for a town of this size, while others said that the\n"
      "old library could no longer serve the growing population.\n"
      "\n"
      "A vote is expected next month, after a public consultation\n"
      "that will run until the end of the year.\n";
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc d = doc_of(&a, s);
  CHECK(d.wrapped);
  CHECK(d.n == 3);
  CHECK(d.b[0].nlines == 3);
  CHECK(d.b[2].nlines == 2);
  CHECK(d.b[0].ends);
  cc_arena_free(&a);
}

TEST(page_dumps_are_not_joined) {
  /* one paragraph per line, lengths all over the place */
  const char *s =
      "Home\nNews\nSport\n"
      "Der Bundestag hat am Donnerstag ein Gesetz beschlossen, das die Förderung von "
      "Wärmepumpen neu regelt und ab dem kommenden Jahr gelten soll.\n"
      "Die Opposition kritisierte den Entwurf als zu teuer.\n"
      "Nach Angaben des Ministeriums sollen vor allem Haushalte mit geringem Einkommen "
      "profitieren, die bisher kaum Zuschüsse erhalten haben, weil die Anträge zu "
      "kompliziert waren.\n"
      "Mehr zum Thema\n";
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc d = doc_of(&a, s);
  CHECK(!d.wrapped);
  CHECK(d.n == 7);
  CHECK_STR(d.lang_tag, "de");
  cc_arena_free(&a);
}

TEST(features_of_prose_and_of_boilerplate) {
  const char *s =
      "Le gouvernement a présenté mercredi son projet de loi sur l'énergie, qui prévoit "
      "la construction de six réacteurs.\n"
      "Accueil | Politique | Économie | Sport\n"
      "Publié le 12 mars 2019 à 14:30\n"
      "© AFP / Jean Dupont\n"
      "Suivez-nous sur Telegram\n"
      "Lire la suite sur https://example.org/article\n"
      "Заголовок открываемого материала\n"
      "Les Plus Lus De La Semaine Dernière\n";
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc d = doc_of(&a, s);
  CHECK_STR(d.lang_tag, "fr");
  CHECK(d.n == 8);
  const cc_tblock *p = &d.b[0];
  CHECK(p->ends && p->punct == 1 && p->commas == 1);
  CHECK(p->alpha >= 15 && p->stop * 4 >= p->alpha); /* a quarter or more stopwords */
  CHECK(!p->boiler && !p->foreign && !p->url && !p->date);
  CHECK(d.b[1].pipes == 3);
  CHECK(d.b[2].date && d.b[2].nums >= 2);
  CHECK(d.b[3].copyright);
  CHECK(d.b[4].boiler && d.b[4].category == CC_PH_SOCIAL);
  CHECK(d.b[5].url);
  CHECK(d.b[6].foreign && d.b[6].script == CC_SCRIPT_CYRILLIC);
  CHECK(d.b[7].caps == d.b[7].alpha && !d.b[7].ends);
  CHECK(d.b[0].fp != 0 && d.b[0].fp != d.b[5].fp);
  cc_arena_free(&a);
}

TEST(features_in_english_and_german) {
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc d = doc_of(&a,
                     "The mayor said that the new bridge would be finished by the end of the "
                     "year, two months later than planned.\n"
                     "Contact us at press@example.com\n"
                     "Comments are closed.\n");
  CHECK_STR(d.lang_tag, "en");
  CHECK(d.b[0].stop * 3 >= d.b[0].alpha);
  CHECK(d.b[1].url);
  CHECK(d.b[2].boiler && d.b[2].category == CC_PH_COMMENTS);
  cc_arena_free(&a);
  cc_arena_init(&a);
  d = doc_of(&a,
             "Die Stadt hat beschlossen, dass die neue Brücke bis zum Ende des Jahres fertig "
             "sein soll, zwei Monate später als geplant.\n"
             "Alle Cookies akzeptieren\n"
             "»Wir sind zufrieden«, sagte der Bürgermeister.«\n");
  CHECK_STR(d.lang_tag, "de");
  CHECK(d.b[0].stop * 4 >= d.b[0].alpha);
  CHECK(d.b[1].boiler && d.b[1].category == CC_PH_CONSENT);
  CHECK(d.b[2].ends);
  cc_arena_free(&a);
}

TEST(helpers) {
  CHECK(cc_text_ends_sentence("Il est parti.", 13));
  CHECK(cc_text_ends_sentence("« C'est fini. »", strlen("« C'est fini. »")));
  CHECK(cc_text_ends_sentence("He said \"yes.\"", 14));
  CHECK(cc_text_ends_sentence("Vraiment\xe2\x80\xa6", strlen("Vraiment\xe2\x80\xa6")));
  CHECK(!cc_text_ends_sentence("Lire aussi", 10));
  CHECK(!cc_text_ends_sentence("Sommaire :", 10));
  CHECK(!cc_text_ends_sentence("", 0));
  char out[32];
  CHECK(cc_text_squash("A-b C!", 6, out, sizeof out) == 3);
  CHECK_STR(out, "abc");
}

TEST(empty_and_blank_inputs) {
  cc_arena a;
  cc_arena_init(&a);
  cc_tdoc d = doc_of(&a, "");
  CHECK(d.n == 0);
  d = doc_of(&a, "\n\n \t \r\n");
  CHECK(d.n == 0);
  cc_arena_free(&a);
}

int main(void) {
  RUN(lines_blank_lines_and_line_ends);
  RUN(list_markers);
  RUN(hard_wrapped_paragraphs_are_joined);
  RUN(page_dumps_are_not_joined);
  RUN(features_of_prose_and_of_boilerplate);
  RUN(features_in_english_and_german);
  RUN(helpers);
  RUN(empty_and_blank_inputs);
  return test_summary();
}
