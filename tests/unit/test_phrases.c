/* test_phrases.c — the boilerplate phrase matcher and the shared decision:
 * the data compiles cleanly; every category is recognised in every main
 * language; gaps, anchors and lead phrases work; the seed clippings'
 * pollution is flagged; article sentences that merely mention cookies,
 * newsletters, Telegram, comments... are not. */
#include <time.h>

#include "phrases.h"
#include "test.h"

static cc_phrase_scan scan(const char *s) {
  cc_phrase_scan r;
  cc_phrases_scan(s, strlen(s), &r);
  return r;
}

static int boiler(const char *s) {
  cc_phrase_scan r = scan(s);
  return cc_phrases_is_boilerplate(&r);
}

/* CHECK with the text in the failure message */
#define FLAGGED(s)                                                        \
  do {                                                                    \
    if (!boiler(s)) {                                                     \
      fprintf(stderr, "%s:%d: not flagged: %s\n", __FILE__, __LINE__, s); \
      test_current_failed_ = 1;                                           \
    }                                                                     \
  } while (0)
#define KEPT(s)                                                           \
  do {                                                                    \
    if (boiler(s)) {                                                      \
      cc_phrase_scan r_ = scan(s);                                        \
      fprintf(stderr, "%s:%d: flagged (%s): %s\n", __FILE__, __LINE__,    \
              cc_phrase_category_name(r_.first), s);                      \
      test_current_failed_ = 1;                                           \
    }                                                                     \
  } while (0)
#define CATEGORY(s, cat)                                                  \
  do {                                                                    \
    cc_phrase_scan r_ = scan(s);                                          \
    if (!cc_phrases_is_boilerplate(&r_) || !(r_.categories & (1u << (cat)))) { \
      fprintf(stderr, "%s:%d: not flagged as %s: %s\n", __FILE__, __LINE__, \
              cc_phrase_category_name(cat), s);                           \
      test_current_failed_ = 1;                                           \
    }                                                                     \
  } while (0)

TEST(data_compiles_and_covers_languages) {
  char msg[200];
  unsigned errors = cc_phrases_errors(msg, sizeof msg);
  if (errors) fprintf(stderr, "%u bad lines, first: %s\n", errors, msg);
  CHECK(errors == 0);
  static const char *const langs[] = {"fr", "en", "de", "es", "it", "pt", "nl"};
  for (int c = 0; c < CC_PH_COUNT; c++) {
    if (c == CC_PH_CREDIT) continue; /* partly language-neutral ("xx") */
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
      unsigned n = cc_phrases_count(c, langs[l]);
      if (n < 3) fprintf(stderr, "%s/%s: only %u phrases\n", cc_phrase_category_name(c), langs[l], n);
      CHECK(n >= 3);
    }
    CHECK(cc_phrases_count(c, "fr") >= 25 || c == CC_PH_AD);
    CHECK(cc_phrases_count(c, "en") >= 25);
  }
  CHECK(cc_phrases_count(-1, NULL) > 2000);
  CHECK_STR(cc_phrase_category_name(CC_PH_CONSENT), "cookie consent");
  CHECK_STR(cc_phrase_category_name(CC_PH_DONATE), "donation appeal");
  CHECK_STR(cc_phrase_category_name(-1), "boilerplate phrase");
}

TEST(scan_fields) {
  cc_phrase_scan r = scan("");
  CHECK(r.words == 0 && r.hits == 0 && r.first == -1 && !cc_phrases_is_boilerplate(&r));
  r = scan("Le ministre a parlé.");
  CHECK(r.words == 4 && r.hits == 0 && r.covered == 0 && r.first == -1);
  r = scan("Comments are closed.");
  CHECK(r.words == 3 && r.covered == 3 && r.hits == 1 && r.strong == 1);
  CHECK(r.first == CC_PH_COMMENTS && r.categories == 1u << CC_PH_COMMENTS);
  /* two categories; the first match decides the reason */
  r = scan("Nous utilisons des cookies. Abonnez-vous à notre newsletter");
  CHECK(r.first == CC_PH_CONSENT);
  CHECK(r.categories & (1u << CC_PH_NEWSLETTER));
  CHECK(r.hits >= 2 && r.strong >= 2);
}

TEST(normalized_matching) {
  /* case, accents, apostrophes, punctuation do not matter */
  FLAGGED("À LIRE AUSSI");
  FLAGGED("a lire aussi");
  FLAGGED("N’hésitez pas à partager cet article !");
  FLAGGED("COMMENTS ARE CLOSED");
  FLAGGED("Заголовок открываемого материала");
  FLAGGED("ЧИТАЙТЕ ТАКЖЕ: Новости партнеров");
}

TEST(gaps_anchors_and_leads) {
  /* "suivez * sur telegram": up to three words in the gap */
  FLAGGED("Suivez RT en français sur Telegram");
  FLAGGED("Suivez Sputnik sur Telegram");
  KEPT("Suivez les conseils de votre médecin, qui est lui-même très actif sur Telegram depuis des années.");
  /* anchored at the start: not in the middle of a sentence */
  KEPT("Le ministre a dit aux journalistes présents suivez nous sur le terrain avant de partir vers Telegram.");
  /* a lead label claims a short block (label + headline), not a long one */
  FLAGGED("Read more: Why the Fed cut rates for the third time this year");
  FLAGGED("Lire aussi | Au Sahel, la guerre des drones");
  KEPT("Read more than ten pages of the report and you will find that the agency itself admits that its "
       "forecasts for the coming decade rest on assumptions that few economists still share today.");
  /* whole-block strings */
  FLAGGED("Chat");
  FLAGGED("Menu");
  FLAGGED("loader");
  KEPT("Le chat du voisin");
  KEPT("Le menu du restaurant change chaque semaine.");
  /* end-anchored agency after a lone dash */
  FLAGGED("Des soldats syriens à Alep, le 9 décembre 2016. - Sputnik Afrique");
  KEPT("L'armée syrienne a progressé, selon Sputnik, et selon l'AFP");
  /* numbers: comment counters */
  FLAGGED("12 commentaires");
  FLAGGED("0");
}

TEST(each_category_each_language) {
  /* consent */
  CATEGORY("We use cookies to improve your experience. Accept all", CC_PH_CONSENT);
  CATEGORY("Nous utilisons des cookies pour vous offrir la meilleure expérience.", CC_PH_CONSENT);
  CATEGORY("Wir verwenden Cookies, um Ihnen ein optimales Nutzungserlebnis zu bieten. Alle akzeptieren", CC_PH_CONSENT);
  CATEGORY("Utilizamos cookies propias y de terceros. Aceptar todas las cookies", CC_PH_CONSENT);
  CATEGORY("Utilizziamo i cookie per migliorare la tua esperienza. Accetta tutti", CC_PH_CONSENT);
  CATEGORY("Este site utiliza cookies para melhorar a sua experiência.", CC_PH_CONSENT);
  CATEGORY("Wij gebruiken cookies. Alles accepteren", CC_PH_CONSENT);
  CATEGORY("Tout accepter Tout refuser", CC_PH_CONSENT);
  /* donate */
  CATEGORY("Support independent journalism. Donate now.", CC_PH_DONATE);
  CATEGORY("Cet article vous a plu ? Soutenez-nous, faites un don.", CC_PH_DONATE);
  CATEGORY("Unterstützen Sie unabhängigen Journalismus – jetzt spenden!", CC_PH_DONATE);
  CATEGORY("Apoya el periodismo independiente. Dona ahora.", CC_PH_DONATE);
  CATEGORY("Sostieni il nostro giornalismo: fai una donazione.", CC_PH_DONATE);
  CATEGORY("Apoie o jornalismo independente. Faça uma doação.", CC_PH_DONATE);
  CATEGORY("Steun onafhankelijke journalistiek: doneer nu.", CC_PH_DONATE);
  /* newsletter */
  CATEGORY("Sign up for our newsletter and get the day's top stories delivered to your inbox.", CC_PH_NEWSLETTER);
  CATEGORY("Inscrivez-vous à notre newsletter", CC_PH_NEWSLETTER);
  CATEGORY("Newsletter abonnieren", CC_PH_NEWSLETTER);
  CATEGORY("Suscríbete a nuestro boletín", CC_PH_NEWSLETTER);
  CATEGORY("Iscriviti alla newsletter", CC_PH_NEWSLETTER);
  CATEGORY("Assine a nossa newsletter", CC_PH_NEWSLETTER);
  CATEGORY("Schrijf je in voor onze nieuwsbrief", CC_PH_NEWSLETTER);
  /* social */
  CATEGORY("Share on Facebook", CC_PH_SOCIAL);
  CATEGORY("Follow us on Twitter", CC_PH_SOCIAL);
  CATEGORY("Partager sur Facebook Partager sur Twitter Envoyer par e-mail", CC_PH_SOCIAL);
  CATEGORY("Folgen Sie uns auf Instagram", CC_PH_SOCIAL);
  CATEGORY("Teilen", CC_PH_SOCIAL);
  CATEGORY("Síguenos en Twitter", CC_PH_SOCIAL);
  CATEGORY("Compartir", CC_PH_SOCIAL);
  CATEGORY("Seguici su Facebook", CC_PH_SOCIAL);
  CATEGORY("Condividi", CC_PH_SOCIAL);
  CATEGORY("Compartilhe", CC_PH_SOCIAL);
  CATEGORY("Siga-nos nas redes sociais", CC_PH_SOCIAL);
  CATEGORY("Volg ons op Facebook", CC_PH_SOCIAL);
  CATEGORY("Delen", CC_PH_SOCIAL);
  /* related */
  CATEGORY("Related articles", CC_PH_RELATED);
  CATEGORY("Sur le même sujet", CC_PH_RELATED);
  CATEGORY("Das könnte Sie auch interessieren", CC_PH_RELATED);
  CATEGORY("Leer más: el Gobierno aprueba los presupuestos", CC_PH_RELATED);
  CATEGORY("Leggi anche: la manovra passa al Senato", CC_PH_RELATED);
  CATEGORY("Leia também: governo anuncia novo pacote", CC_PH_RELATED);
  CATEGORY("Lees ook: kabinet valt over stikstof", CC_PH_RELATED);
  /* comments */
  CATEGORY("Comments are closed.", CC_PH_COMMENTS);
  CATEGORY("Les commentaires sont fermés.", CC_PH_COMMENTS);
  CATEGORY("Kommentare sind geschlossen.", CC_PH_COMMENTS);
  CATEGORY("Los comentarios están cerrados.", CC_PH_COMMENTS);
  CATEGORY("I commenti sono chiusi.", CC_PH_COMMENTS);
  CATEGORY("Os comentários estão fechados.", CC_PH_COMMENTS);
  CATEGORY("De reacties zijn gesloten.", CC_PH_COMMENTS);
  /* customers' reviews: a product's comments */
  CATEGORY("Customer Reviews", CC_PH_COMMENTS);
  CATEGORY("Reviews (5)", CC_PH_COMMENTS);
  CATEGORY("2 out of 2 people found this helpful", CC_PH_COMMENTS);
  CATEGORY("Be the first to review this item", CC_PH_COMMENTS);
  CATEGORY("Avis clients", CC_PH_COMMENTS);
  CATEGORY("Eine Bewertung schreiben", CC_PH_COMMENTS);
  CATEGORY("Escribir una opinión", CC_PH_COMMENTS);
  CATEGORY("Scrivi una recensione", CC_PH_COMMENTS);
  CATEGORY("Escreva uma avaliação", CC_PH_COMMENTS);
  CATEGORY("Schrijf een review", CC_PH_COMMENTS);
  /* ...while a sentence about reviews is prose */
  KEPT("The Perfect Neighbor has a 99 percent rating on Rotten Tomatoes based on 85 reviews.");
  KEPT("I found this helpful when I first set up the router, and so did my neighbours.");
  /* login */
  CATEGORY("Log in to comment", CC_PH_COMMENTS);
  CATEGORY("Subscribe to continue reading. Already a subscriber? Sign in", CC_PH_LOGIN);
  CATEGORY("Connectez-vous", CC_PH_LOGIN);
  CATEGORY("Article réservé aux abonnés", CC_PH_LOGIN);
  CATEGORY("Melden Sie sich an", CC_PH_LOGIN);
  CATEGORY("Dieser Artikel ist nur für Abonnenten", CC_PH_LOGIN);
  CATEGORY("Inicia sesión", CC_PH_LOGIN);
  CATEGORY("Contenuto riservato agli abbonati", CC_PH_LOGIN);
  CATEGORY("Conteúdo exclusivo para assinantes", CC_PH_LOGIN);
  CATEGORY("Dit artikel is alleen voor abonnees", CC_PH_LOGIN);
  /* credit */
  CATEGORY("© AFP", CC_PH_CREDIT);
  CATEGORY("Photo : Ludovic Marin / AFP", CC_PH_CREDIT);
  CATEGORY("Crédit photo : Jean Dupont", CC_PH_CREDIT);
  CATEGORY("(Photo by Chip Somodevilla/Getty Images)", CC_PH_CREDIT);
  CATEGORY("Image source, Getty Images", CC_PH_CREDIT);
  CATEGORY("Bildquelle: dpa", CC_PH_CREDIT);
  CATEGORY("Foto: Michael Kappeler/dpa", CC_PH_CREDIT);
  CATEGORY("Todos los derechos reservados", CC_PH_CREDIT);
  CATEGORY("Riproduzione riservata", CC_PH_CREDIT);
  CATEGORY("Foto: Divulgação", CC_PH_CREDIT);
  CATEGORY("Alle rechten voorbehouden", CC_PH_CREDIT);
  CATEGORY("REUTERS/Omar Sanadiki - Reuters", CC_PH_CREDIT);
  /* ad */
  CATEGORY("Advertisement", CC_PH_AD);
  CATEGORY("Publicité", CC_PH_AD);
  CATEGORY("Anzeige", CC_PH_AD);
  CATEGORY("Werbung", CC_PH_AD);
  CATEGORY("Publicidad", CC_PH_AD);
  CATEGORY("Pubblicità", CC_PH_AD);
  CATEGORY("Publicidade", CC_PH_AD);
  CATEGORY("Advertentie", CC_PH_AD);
  CATEGORY("Story continues below advertisement", CC_PH_AD);
  /* ui */
  CATEGORY("Skip to content", CC_PH_UI);
  CATEGORY("Loading…", CC_PH_UI);
  CATEGORY("Aller au contenu", CC_PH_UI);
  CATEGORY("Retour en haut", CC_PH_UI);
  CATEGORY("Zum Inhalt springen", CC_PH_UI);
  CATEGORY("Saltar al contenido", CC_PH_UI);
  CATEGORY("Vai al contenuto", CC_PH_UI);
  CATEGORY("Pular para o conteúdo", CC_PH_UI);
  CATEGORY("Naar de inhoud", CC_PH_UI);
  CATEGORY("Back to top", CC_PH_UI);
  /* more languages */
  CATEGORY("Używamy plików cookies", CC_PH_CONSENT);
  CATEGORY("Vi använder cookies", CC_PH_CONSENT);
  CATEGORY("Vi bruger cookies", CC_PH_CONSENT);
  CATEGORY("Мы используем файлы cookie", CC_PH_CONSENT);
}

TEST(seed_pollution_flagged) {
  static const char *const seeds[] = {
      "Cet article vous a plu ? MPI est une association à but non lucratif qui offre un service de "
      "réinformation gratuit et qui ne subsiste que par la générosité de ses lecteurs. Merci de votre soutien !",
      "L'article vous a plu ? Il a mobilisé notre rédaction qui ne vit que de vos dons.",
      "L'information a un coût, d'autant plus que la concurrence des rédactions subventionnées impose un "
      "surcroît de rigueur et de professionnalisme.",
      "Vous êtes la condition sine qua non à notre existence, soutenez-nous pour que France-Soir demeure le "
      "média français qui fait s’exprimer les plus légitimes.",
      "Si vous le pouvez, soutenez-nous mensuellement, à partir de seulement 1€. Votre impact en faveur "
      "d’une presse libre n’en sera que plus fort. Merci.",
      "MPI vous informe gratuitement",
      "Recevez la liste des nouveaux articles",
      "Je veux recevoir la lettre d'information :",
      "Nous n’envoyons pas de messages indésirables ! Lisez notre politique de confidentialité pour plus "
      "d’informations.",
      "Recevez la liste des nouveaux articles Je veux recevoir la lettre d'information : Nous n'envoyons pas "
      "de messages indésirables ! Lisez notre politique de confidentialité pour plus d'informations.",
      "Comments are closed.",
      "Abonnez-vous à CARITAS !",
      "Suivez RT en français surTelegram",
      "Suivez RT en français sur Telegram",
      "Suivez Sputnik sur Telegram pour ne jamais manquer les actualités les plus importantes grâce à nos "
      "sélections du matin et du soir. Pour recevoir les actualités de notre chaîne, il suffit de télécharger "
      "l'application Telegram sur n'importe quel smartphone, tablette ou ordinateur puis cliquer sur le lien "
      "et appuyer sur « Join ».",
      "En cliquant sur \"Tout Accepter\" vous consentez au traitement par ANO « TV-Novosti » de certaines "
      "données personnelles stockées sur votre terminal (telles que les adresses IP, les données de "
      "navigation, les données d'utilisation ou de géolocalisation ou bien encore les interactions avec les "
      "réseaux sociaux ainsi que les données nécessaires pour pouvoir utiliser les espaces commentaires de "
      "notre service). En cliquant sur \"Tout Refuser\", seuls les cookies/traceurs techniques (strictement "
      "limités au fonctionnement du site ou à la mesure d’audiences) seront déposés et lus sur votre "
      "terminal. \"Tout Refuser\" ne vous permet pas d’activer l’option commentaires de nos services. Pour "
      "activer l’option vous permettant de laisser des commentaires sur notre service, veuillez accepter le "
      "dépôt des cookies/traceurs « réseaux sociaux », soit en cliquant sur « Tout accepter », soit via la "
      "rubrique «Paramétrer vos choix». Le bandeau de couleur indique si le dépôt de cookies et la création "
      "de profils sont autorisés (vert) ou refusés (rouge). Vous pouvez modifier vos choix via la rubrique "
      "«Paramétrer vos choix». Réseaux sociaux Désactiver cette option empêchera les réseaux sociaux de "
      "suivre votre navigation sur notre site et ne permettra pas de laisser des commentaires.",
      "OK",
      "RT en français utilise des cookies pour exploiter et améliorer ses services.",
      "Vous pouvez exprimer vos choix en cliquant sur «Tout accepter», «Tout refuser» , et/ou les modifier à "
      "tout moment via la rubrique «Paramétrer vos choix».",
      "Pour en savoir plus sur vos droits et nos pratiques en matière de cookies, consultez notre «Politique "
      "de Confidentialité»",
      "Tout AccepterTout refuserParamétrer vos choix",
      "À LIRE AUSSI",
      "A LIRE AUSSI : Une vidéo à 360 degrés dans les ruines d’Alep-Est",
      "Lu sur le Washington Post",
      "©",
      "Chef de la diplomatie russe : la situation à Alep sera résolue dans deux ou trois jours© Alexeï "
      "Koudenko Source: Sputnik",
      "© REUTERS / Omar Sanadiki",
      "© REUTERS / Omar SanadikiForces loyal to Syria's President carry their weapons as they walk in a "
      "government held area of Aleppo, Syria December 9, 2016.",
      "Forces loyal to Syria's President carry their weapons as they walk in a government held area of "
      "Aleppo, Syria December 9, 2016. - Sputnik Afrique",
      "Alep - Sputnik Afrique",
      "Source: Sputnik",
      "En raison de débordements, nous avons fait le choix de suspendre les commentaires des articles "
      "d'Atlantico.fr.",
      "Mais n'hésitez pas à partager cet article avec vos proches par mail, messagerie, SMS ou sur les "
      "réseaux sociaux afin de continuer le débat !",
      "Pour participer aux discussions, identifiez-vous ou créez-vous un compte",
      "S'abonner",
      "Abonnez-vous",
      "Newsletter",
      "loader",
      "Chat",
      "Fil d’actu",
      "0",
      "Заголовок открываемого материала",
  };
  for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) FLAGGED(seeds[i]);
}

TEST(article_sentences_kept) {
  static const char *const article[] = {
      "Le ministre a partagé sur Telegram une vidéo montrant les destructions dans le centre d'Alep, "
      "quelques heures après l'annonce du cessez-le-feu.",
      "The company said it would stop using third-party cookies next year, a move that advertisers fear "
      "will make it harder to measure the reach of their campaigns.",
      "Regulators in Brussels said the cookie banners used by several large publishers did not give readers "
      "a real choice, and opened an inquiry into the practice.",
      "In a newsletter sent to investors on Monday, the fund's manager warned that the rally in technology "
      "shares was unlikely to last into the spring.",
      "Les abonnés de la plateforme pourront désormais partager leurs listes de lecture avec leurs proches, "
      "a annoncé l'entreprise mardi.",
      "The senator declined to comment on the report, but aides said she would follow the committee's "
      "recommendations closely.",
      "More than 40 comments were posted under the video before the channel's owners disabled them, "
      "according to the researchers.",
      "Readers who subscribe to the print edition will also receive the weekend magazine at no extra cost, "
      "the publisher said in a statement to shareholders.",
      "The foundation said the donation, the largest in its history, would fund scholarships for students "
      "from rural areas for the next decade.",
      "Photographs taken by the agency's reporters show long queues outside the bakeries of Aleppo, where "
      "bread prices have tripled since the summer.",
      "The restaurant's new menu leans heavily on seasonal vegetables, and the chef says he plans to change "
      "it every six weeks.",
      "Users of the chat application complained that messages were delivered hours late during the outage.",
      "Der Minister teilte am Dienstag mit, dass die Regierung die Förderung für Elektroautos verlängern "
      "werde, und kündigte weitere Gespräche mit den Herstellern an.",
      "Millionen Menschen folgen dem Sänger auf Instagram, wo er am Sonntag ein Video seines neuen Songs "
      "veröffentlichte.",
      "El presidente compartió en sus redes sociales un mensaje de apoyo a los afectados por las "
      "inundaciones y anunció ayudas de emergencia.",
      "Il sindaco ha condiviso su Facebook le immagini del cantiere e ha promesso che i lavori finiranno "
      "entro l'estate.",
      "O governo anunciou que vai partilhar com os municípios as receitas do novo imposto sobre as "
      "plataformas digitais.",
      "De premier deelde op Twitter een foto van de ontmoeting met de Duitse bondskanselier in Berlijn.",
      "La photo, prise par un habitant depuis son balcon, montre la colonne de fumée au-dessus du port.",
      "Le journal a perdu 20 000 abonnés en un an, selon les chiffres publiés par l'ACPM, et mise "
      "désormais sur sa newsletter quotidienne pour reconquérir ses lecteurs.",
      "Selon Reuters, les discussions entre les deux délégations doivent reprendre lundi à Genève.",
      "Reuters could not independently verify the claims.",
      "Follow the money, the prosecutor told the jury, and you will find who ordered the killing.",
      "Watchdogs say the share of households that cannot afford heating has doubled.",
      "Читайте новости внимательно, советует эксперт, и проверяйте источники.",
      "Le chat du voisin",
  };
  for (size_t i = 0; i < sizeof article / sizeof *article; i++) KEPT(article[i]);
}

TEST(long_paragraph_mentioning_many_words_kept) {
  KEPT("Cookies, newsletters and paywalls have become the three pillars of digital publishing, the report "
       "argues. Publishers who asked readers to subscribe saw their revenue grow, while those who relied on "
       "advertising struggled; several tried donations, and a few experimented with comments reserved for "
       "members. The authors interviewed editors in twelve countries, from Germany to Brazil, and found "
       "that the most successful ones treated their readers as a community rather than an audience.");
}

TEST(speed) {
  const char *block =
      "Le ministre russe des Affaires étrangères a exprimé l'espoir que les rebelles toujours présents à "
      "Alep-Est déposent les armes dans les jours à venir. Des affrontements sporadiques continuent à "
      "éclater entre les rebelles et l'armée syrienne, selon l'agence.";
  size_t len = strlen(block);
  cc_phrase_scan r;
  cc_phrases_scan(block, len, &r); /* compile the data first */
  enum { N = 20000 };
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  unsigned sink = 0;
  for (int i = 0; i < N; i++) {
    cc_phrases_scan(block, len, &r);
    sink += r.words;
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  double us = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / 1e3 / N;
  printf("scan of a %zu-byte block: %.2f us (%u)\n", len, us, sink / N);
  CHECK(us < 50.0); /* generous: sanitizer builds and loaded CI machines */
}

int main(void) {
  RUN(data_compiles_and_covers_languages);
  RUN(scan_fields);
  RUN(normalized_matching);
  RUN(gaps_anchors_and_leads);
  RUN(each_category_each_language);
  RUN(seed_pollution_flagged);
  RUN(article_sentences_kept);
  RUN(long_paragraph_mentioning_many_words_kept);
  RUN(speed);
  return test_summary();
}
