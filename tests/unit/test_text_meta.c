/* test_text_meta.c — what the text cleaner infers about a clipping: the
 * title (first line; markup debris and "| Site" suffixes stripped; not a
 * sentence; repeated headline lines marked), the author (a "By" line, a
 * signature after the last paragraph) and the language; and the
 * metadata of the five seed clippings (tests/data/seeds). */
#include "../../include/clipclean.h"
#include "test.h"
#include "text.h"

static cc_result *run(const char *s) {
  cc_options o;
  cc_options_init(&o);
  o.input_format = CC_INPUT_TEXT;
  cc_result *r = NULL;
  CHECK(cc_extract(s, strlen(s), &o, &r, NULL) == CC_OK);
  return r;
}

static const char *BODY =
    "\n\nLe ministre a présenté mardi un plan de relance de deux milliards d'euros pour "
    "soutenir les petites entreprises touchées par la hausse des prix de l'énergie.\n\n"
    "Les syndicats ont salué une mesure utile mais insuffisante, et demandent une "
    "nouvelle réunion avant la fin du mois avec les représentants du patronat.\n";

static char *with_head(const char *head, const char *tail) {
  size_t n = strlen(head) + strlen(BODY) + strlen(tail) + 1;
  char *s = malloc(n);
  snprintf(s, n, "%s%s%s", head, BODY, tail);
  return s;
}

TEST(titles_and_their_suffixes) {
  static const struct { const char *head, *want; } cases[] = {
      {"Un plan de relance pour les PME | Le Quotidien", "Un plan de relance pour les PME"},
      {"Un plan de relance pour les PME - Le Quotidien", "Un plan de relance pour les PME"},
      {"Un plan de relance pour les PME<!-- --> | Le Quotidien.fr", "Un plan de relance pour les PME"},
      {"Relance : faut-il y croire ?", "Relance : faut-il y croire ?"},
      {"Sparpaket für kleine Firmen \xe2\x80\x93 Der Tagesbote", "Sparpaket für kleine Firmen"},
      /* a long dash part is the headline's own, not a site name */
      {"Relance - le gouvernement promet deux milliards aux petites entreprises du pays",
       "Relance - le gouvernement promet deux milliards aux petites entreprises du pays"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *s = with_head(cases[i].head, "");
    cc_result *r = run(s);
    CHECK_STR(cc_result_title(r), cases[i].want);
    CHECK_LACKS(cc_result_text(r), cases[i].want); /* not in the body */
    cc_result_free(r);
    free(s);
  }
}

TEST(a_first_sentence_is_no_title) {
  cc_result *r = run("Alep est libérée. Le Centre russe en donne la confirmation :\n\n"
                     "« L'opération est conclue », a déclaré le porte-parole devant la presse "
                     "réunie au ministère de la Défense, mercredi matin à Moscou.\n");
  CHECK(cc_result_title(r) == NULL);
  CHECK_CONTAINS(cc_result_text(r), "Alep est libérée.");
  cc_result_free(r);
}

TEST(the_repeated_headline_leaves_the_body) {
  char *s = with_head("Un plan de relance pour les PME | Le Quotidien\nAccueil\nÉconomie\n\n"
                      "Un plan de relance pour les PME",
                      "");
  cc_result *r = run(s);
  CHECK_STR(cc_result_title(r), "Un plan de relance pour les PME");
  CHECK_LACKS(cc_result_text(r), "Un plan de relance pour les PME");
  CHECK_CONTAINS(cc_result_text(r), "Le ministre a présenté mardi");
  cc_result_free(r);
  free(s);
}

TEST(bylines_and_signatures) {
  char *s = with_head("Un plan de relance pour les PME\n\nPar Marie Dupont", "\nMarie Dupont\n");
  cc_result *r = run(s);
  CHECK_STR(cc_result_author(r), "Marie Dupont");
  CHECK_LACKS(cc_result_text(r), "Marie Dupont");
  cc_result_free(r);
  free(s);
  s = with_head("Un plan de relance pour les PME", "\nFrancesca de Villasmundo\n\nAbonnez-vous !\n");
  r = run(s);
  CHECK_STR(cc_result_author(r), "Francesca de Villasmundo");
  CHECK_LACKS(cc_result_text(r), "Villasmundo");
  cc_result_free(r);
  free(s);
  /* a closing sentence is no signature */
  s = with_head("Un plan de relance pour les PME", "\nLa suite au prochain numéro.\n");
  r = run(s);
  CHECK(cc_result_author(r) == NULL);
  cc_result_free(r);
  free(s);
  r = run("Storm hits the coast\n\nBy John Smith\n\nA storm hit the coast on Monday, the "
          "weather service said, and the roads along the shore were closed for the night.\n");
  CHECK_STR(cc_result_author(r), "John Smith");
  CHECK_LACKS(cc_result_text(r), "By John");
  cc_result_free(r);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)n + 1);
  *len = fread(p, 1, (size_t)n, f);
  fclose(f);
  return p;
}

TEST(seed_metadata) {
  static const struct { const char *file, *title, *author; } seeds[] = {
      {"000_1e953d946f1d0697.txt", NULL, "Francesca de Villasmundo"},
      {"001_1fe7f07a2089d938.txt",
       "Chef de la diplomatie russe : la situation à Alep sera résolue dans deux ou trois jours", NULL},
      {"002_1664b0f468b93b9c.txt",
       "Syrie : Moscou affirme que les combats à Alep sont suspendus, les habitants soutiennent le contraire",
       NULL},
      {"003_26e351ebe73f20b0.txt",
       "Bombardements à Alep : le déluge de feu ne cessera qu'après le départ de tous les rebelles", NULL},
      {"004_ee4fae9a13701a75.txt", "Moscou contre l’élimination aveugle des terroristes d’Alep-Est", NULL},
  };
  for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
    char path[256];
    snprintf(path, sizeof path, "tests/data/seeds/%s", seeds[i].file);
    size_t n = 0;
    char *data = slurp(path, &n);
    CHECK(data != NULL);
    if (!data) continue;
    cc_result *r = NULL;
    CHECK(cc_extract(data, n, NULL, &r, NULL) == CC_OK); /* sniffed, not told */
    CHECK_STR(cc_result_input_kind(r), "text");
    CHECK_STR(cc_result_title(r), seeds[i].title);
    CHECK_STR(cc_result_author(r), seeds[i].author);
    CHECK_STR(cc_result_language(r), "fr");
    cc_result_free(r);
    free(data);
  }
}

int main(void) {
  RUN(titles_and_their_suffixes);
  RUN(a_first_sentence_is_no_title);
  RUN(the_repeated_headline_leaves_the_body);
  RUN(bylines_and_signatures);
  RUN(seed_metadata);
  return test_summary();
}
