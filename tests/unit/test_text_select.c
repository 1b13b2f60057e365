/* test_text_select.c — the text cleaner's region choice and island
 * removal, through cc_extract() as a caller sees them: menus at the head,
 * appeals and consent at the tail, comments after the article, short
 * lead-ins and subheadings kept between paragraphs, menu runs, teasers
 * after a "read also" label or under a credit, foreign-script UI strings,
 * labels before the text, the headline anchor; in French, English and
 * German. Also: the text path is chosen by sniffing or by option, the
 * result says "text", the tree has headings and lists, --explain reports
 * each block, and a short or odd clipping keeps its text. */
#include "../../include/clipclean.h"
#include "test.h"

static cc_result *run(const char *s, cc_input_format fmt, unsigned flags) {
  cc_options o;
  cc_options_init(&o);
  o.input_format = fmt;
  o.flags = flags;
  cc_result *r = NULL;
  cc_error err;
  CHECK(cc_extract(s, strlen(s), &o, &r, &err) == CC_OK);
  return r;
}

static const char *FR =
    "Le procès s'ouvre à Lyon | Journal du Rhône\n"
    "Accueil\nPolitique\nÉconomie\nSport\nCulture\nContact\n"
    "\n"
    "Le procès s'ouvre à Lyon\n"
    "\n"
    "Publié le 12 mars 2019 à 14:30\n"
    "\n"
    "Le procès de l'ancien maire de la ville s'est ouvert lundi devant le tribunal "
    "correctionnel de Lyon, trois ans après le début de l'enquête sur les marchés publics.\n"
    "\n"
    "Le procureur a rappelé que\n"
    "\n"
    "« les faits reprochés sont graves et portent sur plusieurs millions d'euros », "
    "avant de lire la liste des témoins qui seront entendus cette semaine.\n"
    "\n"
    "À LIRE AUSSI\n"
    "Les marchés publics sous surveillance\n"
    "\n"
    "La défense, de son côté, a demandé le renvoi de l'affaire en invoquant un vice de "
    "procédure dans la transmission des pièces du dossier aux avocats.\n"
    "\n"
    "Cet article vous a plu ? Soutenez notre rédaction indépendante par un don.\n"
    "Recevez notre lettre d'information chaque matin\n"
    "Tout accepter\n"
    "Заголовок открываемого материала\n";

TEST(french_clipping) {
  cc_result *r = run(FR, CC_INPUT_AUTO, 0);
  const char *t = cc_result_text(r);
  CHECK_STR(cc_result_input_kind(r), "text");
  CHECK_STR(cc_result_title(r), "Le procès s'ouvre à Lyon");
  CHECK_STR(cc_result_language(r), "fr");
  CHECK_CONTAINS(t, "Le procès de l'ancien maire");
  CHECK_CONTAINS(t, "\n\nLe procureur a rappelé que\n\n"); /* lead-in kept */
  CHECK_CONTAINS(t, "« les faits reprochés");
  CHECK_CONTAINS(t, "La défense, de son côté");
  CHECK_LACKS(t, "Accueil");
  CHECK_LACKS(t, "Politique\n");
  CHECK_LACKS(t, "Publié le");
  CHECK_LACKS(t, "LIRE AUSSI");
  CHECK_LACKS(t, "Les marchés publics sous surveillance");
  CHECK_LACKS(t, "Soutenez");
  CHECK_LACKS(t, "lettre d'information");
  CHECK_LACKS(t, "Tout accepter");
  CHECK_LACKS(t, "Заголовок");
  CHECK(strncmp(t, "Le procès de l'ancien maire", 20) == 0); /* no headline in the body */
  cc_result_free(r);
}

static const char *EN =
    "Skip to content\nHome\nWorld\nBusiness\nTech\nScience\n"
    "\n"
    "Storm leaves thousands without power\n"
    "By Jane Miller\n"
    "\n"
    "A winter storm swept across the northern states on Tuesday, leaving more than "
    "forty thousand homes without power and closing schools in three counties.\n"
    "\n"
    "Power crews worked through the night, the utility said, and most customers should "
    "have electricity back by Thursday evening.\n"
    "\n"
    "What comes next\n"
    "\n"
    "Forecasters expect a second, weaker storm at the weekend, with snow turning to "
    "rain as temperatures rise along the coast.\n"
    "\n"
    "Share this article\n"
    "Facebook\nTwitter\nEmail\n"
    "\n"
    "12 Comments\n"
    "\n"
    "bob_k says:\n"
    "I have been without power since Monday and nobody from the company has called me "
    "back, which is frankly what I expected from them after last year.\n"
    "\n"
    "mary77 says:\n"
    "Same here, the whole street is dark and the shops are closed, it is a disgrace that "
    "this happens every single winter in this town.\n";

TEST(english_clipping) {
  cc_result *r = run(EN, CC_INPUT_TEXT, 0);
  const char *t = cc_result_text(r);
  CHECK_STR(cc_result_language(r), "en");
  CHECK_STR(cc_result_author(r), "Jane Miller");
  CHECK_CONTAINS(t, "A winter storm swept");
  CHECK_CONTAINS(t, "\n\nWhat comes next\n\n"); /* subheading kept */
  CHECK_CONTAINS(t, "Forecasters expect");
  CHECK_LACKS(t, "Skip to content");
  CHECK_LACKS(t, "By Jane Miller");
  CHECK_LACKS(t, "Share this");
  CHECK_LACKS(t, "Comments");
  CHECK_LACKS(t, "without power since Monday"); /* readers' comments */
  CHECK_LACKS(t, "Same here");
  char *md = cc_render(r, CC_FORMAT_MD, NULL, NULL);
  CHECK(md != NULL);
  cc_free(md);
  cc_result_free(r);
}

static const char *DE =
    "Startseite\nPolitik\nWirtschaft\nSport\n"
    "\n"
    "Die Stadt plant eine neue Straßenbahnlinie, die den Norden mit dem Hauptbahnhof "
    "verbinden und ab 2026 alle zehn Minuten fahren soll.\n"
    "\n"
    "© dpa / Max Muster\n"
    "Neue Radwege für die Innenstadt\n"
    "\n"
    "Der Gemeinderat hat dem Projekt am Mittwoch mit großer Mehrheit zugestimmt, nachdem "
    "die Kosten noch einmal gesenkt worden waren.\n"
    "\n"
    "Kritik kommt von den Anwohnern, die mehr Lärm und den Verlust von Parkplätzen "
    "befürchten und eine Bürgerversammlung gefordert haben.\n"
    "\n"
    "Alle Cookies akzeptieren\n"
    "Newsletter abonnieren\n";

TEST(german_clipping) {
  cc_result *r = run(DE, CC_INPUT_AUTO, 0);
  const char *t = cc_result_text(r);
  CHECK_STR(cc_result_language(r), "de");
  CHECK(cc_result_title(r) == NULL); /* "Startseite" is no title */
  CHECK_CONTAINS(t, "Die Stadt plant");
  CHECK_CONTAINS(t, "Der Gemeinderat");
  CHECK_CONTAINS(t, "Kritik kommt");
  CHECK_LACKS(t, "Startseite");
  CHECK_LACKS(t, "dpa");
  CHECK_LACKS(t, "Neue Radwege"); /* teaser under the credit */
  CHECK_LACKS(t, "Cookies");
  CHECK_LACKS(t, "Newsletter");
  cc_result_free(r);
}

TEST(paragraph_per_line_without_blank_lines) {
  const char *s =
      "Un incendie détruit un entrepôt à Marseille\n"
      "Un violent incendie a détruit dans la nuit de mardi à mercredi un entrepôt de "
      "la zone industrielle, sans faire de victime selon les pompiers.\n"
      "Les flammes étaient visibles à plusieurs kilomètres et une épaisse fumée noire a "
      "recouvert une partie de la ville pendant la matinée.\n"
      "Une enquête a été ouverte pour déterminer l'origine du sinistre.\n"
      "À LIRE AUSSI\n"
      "L'article vous a plu ? Il a mobilisé notre rédaction qui ne vit que de vos dons.\n";
  cc_result *r = run(s, CC_INPUT_AUTO, 0);
  const char *t = cc_result_text(r);
  CHECK_STR(cc_result_title(r), "Un incendie détruit un entrepôt à Marseille");
  CHECK_CONTAINS(t, "Un violent incendie");
  CHECK_CONTAINS(t, "Les flammes");
  CHECK_CONTAINS(t, "Une enquête a été ouverte");
  CHECK_LACKS(t, "LIRE AUSSI");
  CHECK_LACKS(t, "vos dons");
  cc_result_free(r);
}

TEST(lists_and_headings_in_the_tree) {
  const char *s =
      "Préparer son potager au printemps demande un peu de méthode et beaucoup de patience, "
      "surtout quand la terre est encore froide et humide.\n"
      "\n"
      "Il faut d'abord retourner la terre, puis ajouter du compost bien mûr, avant de "
      "semer les premières graines à l'abri du vent.\n"
      "\n"
      "- des radis, qui lèvent en quelques jours ;\n"
      "- des épinards, qui supportent bien le froid ;\n"
      "- des petits pois, à semer en lignes.\n"
      "\n"
      "Arroser régulièrement les jeunes pousses, de préférence le matin, pour éviter les "
      "maladies liées à l'humidité de la nuit.\n";
  cc_result *r = run(s, CC_INPUT_TEXT, 0);
  const char *t = cc_result_text(r);
  CHECK_CONTAINS(t, "- des radis, qui lèvent en quelques jours ;\n- des épinards");
  CHECK_CONTAINS(t, "Arroser régulièrement");
  cc_result_free(r);
}

TEST(short_or_odd_clippings_keep_their_text) {
  cc_result *r = run("Juste une phrase.", CC_INPUT_TEXT, 0);
  CHECK_STR(cc_result_text(r), "Juste une phrase.\n");
  cc_result_free(r);
  r = run("Milk\nEggs\nBread\n", CC_INPUT_TEXT, 0); /* nothing reads like an article */
  CHECK_CONTAINS(cc_result_text(r), "Eggs");
  cc_result_free(r);
  r = run("", CC_INPUT_TEXT, 0);
  CHECK(cc_result_text_length(r) == 0);
  CHECK_STR(cc_result_input_kind(r), "text");
  cc_result_free(r);
}

TEST(sniffing_and_options) {
  /* one "<!-- -->" copied with a title does not make a page */
  cc_result *r = run("Titre<!-- --> | Site\n\nUne phrase de texte ordinaire, avec des mots.",
                     CC_INPUT_AUTO, 0);
  CHECK_STR(cc_result_input_kind(r), "text");
  CHECK_STR(cc_result_title(r), "Titre");
  cc_result_free(r);
  r = run("<html><body><p>Un paragraphe.</p></body></html>", CC_INPUT_AUTO, 0);
  CHECK_STR(cc_result_input_kind(r), "html");
  cc_result_free(r);
  r = run("<p>Texte</p> forcé", CC_INPUT_TEXT, 0);
  CHECK_STR(cc_result_input_kind(r), "text");
  cc_result_free(r);
  /* keep-title puts the headline back; no-filter keeps phrase boilerplate */
  r = run(FR, CC_INPUT_TEXT, CC_OPT_KEEP_TITLE);
  CHECK(strncmp(cc_result_text(r), "Le procès s'ouvre à Lyon\n\n", 26) == 0);
  cc_result_free(r);
}

TEST(legacy_charsets_are_converted) {
  /* windows-1252: "Le député a été élu ... à ..." */
  const char *s = "Le d\xe9put\xe9 a \xe9t\xe9 \xe9lu dimanche \xe0 une large majorit\xe9, "
                  "apr\xe8s une campagne tr\xe8s dispute\xe9 dans la circonscription.";
  cc_result *r = run(s, CC_INPUT_TEXT, 0);
  CHECK_CONTAINS(cc_result_text(r), "Le député a été élu");
  CHECK(cc_result_charset(r) != NULL);
  cc_result_free(r);
}

TEST(explain_reports_every_block) {
  cc_result *r = run(FR, CC_INPUT_TEXT, CC_OPT_EXPLAIN);
  const char *e = cc_result_explain(r);
  CHECK_CONTAINS(e, "language fr");
  CHECK_CONTAINS(e, "TITLE");
  CHECK_CONTAINS(e, "interface text: \"Politique\"");
  CHECK_CONTAINS(e, "teaser after a related label");
  CHECK_CONTAINS(e, "KEEP");
  size_t count = 0;
  CHECK(cc_result_block_hashes(r, &count) != NULL && count > 5);
  cc_result_free(r);
}

/* Nothing here is in the phrase data: the features alone decide. */
TEST(menus_and_foreign_lines_without_phrases) {
  const char *s =
      "Zorbex\nQuintal\nMarrow Lane\nFennick\nBlue Harbour\n"
      "\n"
      "The ferry service between the two islands will resume next week after the repairs "
      "to the harbour wall were finished ahead of schedule.\n"
      "\n"
      "Заголовок открываемого\n"
      "\n"
      "Passengers are advised to book early, as the first crossings are expected to be "
      "full, the operator said in a statement on Friday.\n"
      "\n"
      "Orvel\nTamsin Road\nKettle\n";
  cc_result *r = run(s, CC_INPUT_TEXT, CC_OPT_EXPLAIN);
  const char *t = cc_result_text(r), *e = cc_result_explain(r);
  CHECK_CONTAINS(t, "The ferry service");
  CHECK_CONTAINS(t, "Passengers are advised");
  CHECK_LACKS(t, "Quintal");
  CHECK_LACKS(t, "Tamsin");
  CHECK_LACKS(t, "Заголовок");
  CHECK_CONTAINS(e, "run of short lines (menu)");
  CHECK_CONTAINS(e, "script foreign to the document");
  cc_result_free(r);
}

TEST(site_boilerplate_is_dropped) {
  const char *s =
      "Le conseil municipal a voté mardi le budget de l'année prochaine, en hausse de "
      "trois pour cent par rapport à l'an dernier.\n"
      "\n"
      "Notre journal est fait par et pour les habitants de la vallée, depuis 1950.\n"
      "\n"
      "L'opposition a voté contre, estimant que les impôts locaux augmenteraient encore "
      "pour les familles modestes.\n";
  cc_result *r = run(s, CC_INPUT_TEXT, 0);
  size_t n = 0;
  const uint64_t *h = cc_result_block_hashes(r, &n);
  CHECK(n == 3);
  uint64_t mark = n == 3 ? h[1] : 0;
  CHECK_CONTAINS(cc_result_text(r), "Notre journal");
  cc_result_free(r);
  cc_options o;
  cc_options_init(&o);
  o.input_format = CC_INPUT_TEXT;
  o.site_boilerplate = &mark;
  o.site_boilerplate_count = 1;
  CHECK(cc_extract(s, strlen(s), &o, &r, NULL) == CC_OK);
  CHECK_LACKS(cc_result_text(r), "Notre journal");
  CHECK_CONTAINS(cc_result_text(r), "L'opposition");
  cc_result_free(r);
}

int main(void) {
  RUN(french_clipping);
  RUN(english_clipping);
  RUN(german_clipping);
  RUN(paragraph_per_line_without_blank_lines);
  RUN(lists_and_headings_in_the_tree);
  RUN(short_or_odd_clippings_keep_their_text);
  RUN(sniffing_and_options);
  RUN(legacy_charsets_are_converted);
  RUN(explain_reports_every_block);
  RUN(menus_and_foreign_lines_without_phrases);
  RUN(site_boilerplate_is_dropped);
  return test_summary();
}
