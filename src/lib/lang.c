/* lang.c — language and script identification (see lang.h).
 *
 * Owns the stopword profiles: for each language, the function words a
 * text in it cannot avoid (articles, pronouns, prepositions,
 * conjunctions, auxiliaries). The lists are ours, written for this
 * purpose, kept short (the most frequent words carry the signal) and
 * written as people write them: they are normalized at first use the
 * way text is (normalize.h), so "être" is stored as "etre" and "qu'il"
 * would be two words (no list holds such a form). They are compiled
 * into one hash table from word hash to a bit mask of languages.
 */
#include "lang.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

/* ---- the profiles --------------------------------------------------- */

typedef struct profile {
  const char *code;
  cc_script script; /* the script the language is written in */
  const char *words;
} profile;

static const profile profiles[] = {
    {"en", CC_SCRIPT_LATIN,
     "the of and to in a is that for it as with was on be by at this are from or an "
     "have has had not but they his her he she we you which their there its can will "
     "would could should more all about also who when what so if no than them other "
     "into up out after only some these those new were been being over may most said "
     "any because such how where between do does did then both very your my our me us "
     "him just while before under through"},
    {"fr", CC_SCRIPT_LATIN,
     "le la les de des du un une et est en que qui dans pour pas sur au aux par avec "
     "ce cette ces il elle ils elles nous vous on ne se sa son ses leur leurs plus mais "
     "ou où comme été être avoir ont sont était fait tout tous toute très aussi bien "
     "sans peut deux même entre après dont cela lui je qu l d c n mes notre nos votre "
     "vos selon depuis encore déjà alors donc car ainsi chez vers avait sera"},
    {"de", CC_SCRIPT_LATIN,
     "der die das und ist in zu den von mit sich des auf für nicht im dem eine ein "
     "einer eines einem es auch an als wie bei nach aus oder wird werden wurde sind "
     "hat haben noch nur um über so vor zum zur durch aber wenn man kann sein seine "
     "ihre ihr sie er wir ich dass schon bis mehr unter dieser diese dieses zwischen "
     "gegen war waren keine kein sehr soll hatte uns seit doch dann"},
    {"es", CC_SCRIPT_LATIN,
     "el la los las de del que y en un una es por con para no se su sus al lo como "
     "más pero este esta estos estas ha han sido ser fue era le les ya muy también hay "
     "sobre entre cuando donde todo todos desde hasta porque sin son está están puede "
     "nos otro otros otra había según tiene tras durante ante"},
    {"it", CC_SCRIPT_LATIN,
     "il lo la i gli le di del della dei delle degli che e è un una uno in per con "
     "non si da dal dalla al alla ai agli ha hanno sono come più ma anche questo "
     "questa essere stato stata nel nella nei sul sulla tra fra se o cui ci ne loro "
     "suo sua suoi molto dopo quando già tutti tutto ancora perché sempre era"},
    {"pt", CC_SCRIPT_LATIN,
     "o a os as de do da dos das que e é um uma em no na nos nas por para com não "
     "se mais como mas ao aos foi ser são está estão pelo pela pelos pelas seu sua "
     "seus suas ele ela eles elas também já muito entre quando sobre ou há tem pode "
     "isso esse essa este esta até depois foram ainda sem num numa"},
    {"nl", CC_SCRIPT_LATIN,
     "de het een en van in is dat op te voor met zijn niet aan er die als bij ook "
     "door om maar uit was of naar dan nog wel worden wordt werd hij zij ze we wij "
     "ik je u hun haar deze dit al meer kan heeft hebben over tot zo geen na toen "
     "waren moet veel omdat"},
    {"sv", CC_SCRIPT_LATIN,
     "och i att det som en på är av för med till den har de inte om ett men var sig "
     "så han hon vi jag du kan från vid eller när efter också ska skulle sin sina "
     "dem under mot alla hade blev detta denna dessa än bara mycket"},
    {"da", CC_SCRIPT_LATIN,
     "og i at det som en på er af for med til den har de ikke om et men var sig så "
     "han hun vi jeg du kan fra ved eller når efter også skal skulle sin sine dem "
     "under mod alle havde blev dette denne disse end kun meget"},
    {"pl", CC_SCRIPT_LATIN,
     "i w na z do że się nie to jest o jak po a od co ale przez za dla jego jej są "
     "być był była było tak już tylko może także oraz przy tym ich który która które "
     "lub bardzo też gdy ze we jako jednak"},
    {"cs", CC_SCRIPT_LATIN,
     "a v se na je že to s z do o i jako by ale jsou byl byla bylo pro k po od které "
     "který která také jeho jejich nebo podle při už jen má mezi jsem jsme však"},
    {"ro", CC_SCRIPT_LATIN,
     "și în de la a cu pe că nu este un o din pentru care mai se sunt au fost al "
     "ale lui ei sau ca dar prin după despre fi va această acest până"},
    {"tr", CC_SCRIPT_LATIN,
     "ve bir bu da de için ile olarak olan çok daha gibi ne en ama o var değil kadar "
     "sonra her şey ya mı tarafından ancak ise olan bu şu"},
    {"id", CC_SCRIPT_LATIN,
     "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada karena "
     "oleh atau bisa mereka kami saya sudah telah lebih seperti menjadi"},
    {"hu", CC_SCRIPT_LATIN,
     "a az és hogy nem is egy van volt meg de csak már el ki mint ez azt vagy még "
     "kell lesz után amely pedig"},
    {"fi", CC_SCRIPT_LATIN,
     "ja on ei että se oli hän mutta kun myös ovat tai niin joka jos vain kuin sen "
     "ole olla ovat oli mukaan"},
    {"ru", CC_SCRIPT_CYRILLIC,
     "и в не на что с он как по это к а но из у за от о для то же все так она его "
     "ее бы мы вы они был была было были при только уже или да есть если когда "
     "который которые также этого этом"},
    {"uk", CC_SCRIPT_CYRILLIC,
     "і в на що з не як до це та від у за він вона але для його є були було також "
     "які який яка щоб або вже їх ми ви вони цього"},
    {"bg", CC_SCRIPT_CYRILLIC,
     "и в на за да се от не е с по че са като това той тя те но които който която "
     "има беше бъде след също ще"},
};

#define NPROFILES (sizeof profiles / sizeof profiles[0])

/* Languages told by their script alone. */
static const struct {
  cc_script script;
  const char *code;
} by_script[] = {
    {CC_SCRIPT_GREEK, "el"},      {CC_SCRIPT_ARABIC, "ar"},
    {CC_SCRIPT_HEBREW, "he"},     {CC_SCRIPT_DEVANAGARI, "hi"},
    {CC_SCRIPT_THAI, "th"},       {CC_SCRIPT_HANGUL, "ko"},
    {CC_SCRIPT_KANA, "ja"},       {CC_SCRIPT_HAN, "zh"},
};

/* ---- the table ------------------------------------------------------ */

typedef struct slot {
  uint64_t hash; /* 0: empty */
  uint32_t mask;
} slot;

#define TABLE_SIZE 4096 /* power of two, well over twice the words */

static slot table[TABLE_SIZE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void add_word(uint64_t h, unsigned lang) {
  if (!h) h = 1;
  uint32_t k = (uint32_t)(h ^ (h >> 29)) & (TABLE_SIZE - 1);
  while (table[k].hash && table[k].hash != h) k = (k + 1) & (TABLE_SIZE - 1);
  table[k].hash = h;
  table[k].mask |= 1u << lang;
}

static void init(void) {
  for (unsigned l = 0; l < NPROFILES; l++) {
    cc_words it;
    cc_token t;
    cc_words_init(&it, profiles[l].words, strlen(profiles[l].words));
    while (cc_words_next(&it, &t)) add_word(t.hash, l);
  }
}

uint32_t cc_lang_stopword_mask(uint64_t h) {
  pthread_once(&once, init);
  if (!h) h = 1;
  for (uint32_t k = (uint32_t)(h ^ (h >> 29)) & (TABLE_SIZE - 1);; k = (k + 1) & (TABLE_SIZE - 1)) {
    if (table[k].hash == h) return table[k].mask;
    if (!table[k].hash) return 0;
  }
}

unsigned cc_lang_count(void) { return (unsigned)NPROFILES; }

const char *cc_lang_code(unsigned i) { return i < NPROFILES ? profiles[i].code : NULL; }

int cc_lang_index(const char *tag) {
  if (!tag) return -1;
  char c0 = tag[0], c1 = c0 ? tag[1] : 0;
  if (!c0 || !c1) return -1;
  if (tag[2] && tag[2] != '-' && tag[2] != '_') return -1;
  c0 = (char)(c0 | 0x20);
  c1 = (char)(c1 | 0x20);
  for (unsigned i = 0; i < NPROFILES; i++)
    if (profiles[i].code[0] == c0 && profiles[i].code[1] == c1) return (int)i;
  return -1;
}

cc_script cc_lang_script(const char *tag) {
  int i = cc_lang_index(tag);
  if (i >= 0) return profiles[i].script;
  if (!tag || !tag[0] || !tag[1] || (tag[2] && tag[2] != '-' && tag[2] != '_')) return CC_SCRIPT_NONE;
  for (size_t k = 0; k < sizeof by_script / sizeof by_script[0]; k++)
    if ((tag[0] | 0x20) == by_script[k].code[0] && (tag[1] | 0x20) == by_script[k].code[1])
      return by_script[k].script;
  return CC_SCRIPT_NONE;
}

/* ---- scripts -------------------------------------------------------- */

cc_script cc_script_of(uint32_t cp) {
  if (cp < 0x80)
    return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? CC_SCRIPT_LATIN : CC_SCRIPT_NONE;
  if (cp < 0x250) return (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7) ? CC_SCRIPT_LATIN : CC_SCRIPT_NONE;
  if (cp < 0x2B0) return CC_SCRIPT_LATIN;
  if (cp < 0x370) return CC_SCRIPT_NONE; /* modifiers, combining marks */
  if (cp < 0x400) return CC_SCRIPT_GREEK;
  if (cp < 0x530) return CC_SCRIPT_CYRILLIC;
  if (cp < 0x590) return CC_SCRIPT_OTHER; /* Armenian */
  if (cp < 0x600) return CC_SCRIPT_HEBREW;
  if (cp < 0x700) return (cp >= 0x660 && cp <= 0x669) ? CC_SCRIPT_NONE : CC_SCRIPT_ARABIC;
  if (cp >= 0x750 && cp < 0x780) return CC_SCRIPT_ARABIC;
  if (cp >= 0x8A0 && cp < 0x900) return CC_SCRIPT_ARABIC;
  if (cp < 0x900) return CC_SCRIPT_OTHER;
  if (cp < 0x980) return CC_SCRIPT_DEVANAGARI;
  if (cp < 0xE00) return CC_SCRIPT_OTHER; /* other Indic scripts */
  if (cp < 0xE80) return CC_SCRIPT_THAI;
  if (cp < 0x1100) return CC_SCRIPT_OTHER; /* Lao, Tibetan, Myanmar, Georgian */
  if (cp < 0x1200) return CC_SCRIPT_HANGUL;
  if (cp < 0x1E00) return cp < 0x1400 ? CC_SCRIPT_OTHER : CC_SCRIPT_NONE;
  if (cp < 0x1F00) return CC_SCRIPT_LATIN;
  if (cp < 0x2000) return CC_SCRIPT_GREEK;
  if (cp < 0x3040) return CC_SCRIPT_NONE; /* punctuation, symbols, CJK marks */
  if (cp < 0x3100) return CC_SCRIPT_KANA;
  if (cp >= 0x3130 && cp < 0x3190) return CC_SCRIPT_HANGUL;
  if (cp >= 0x31F0 && cp < 0x3200) return CC_SCRIPT_KANA;
  if (cp >= 0x3400 && cp < 0xA000) return CC_SCRIPT_HAN;
  if (cp >= 0xAC00 && cp < 0xD7B0) return CC_SCRIPT_HANGUL;
  if (cp >= 0xF900 && cp < 0xFB00) return CC_SCRIPT_HAN;
  if (cp >= 0xFB50 && cp < 0xFE00) return CC_SCRIPT_ARABIC;
  if (cp >= 0xFE70 && cp < 0xFF00) return CC_SCRIPT_ARABIC;
  if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) return CC_SCRIPT_LATIN;
  if (cp >= 0xFF66 && cp < 0xFFA0) return CC_SCRIPT_KANA;
  if (cp >= 0x20000 && cp < 0x30000) return CC_SCRIPT_HAN;
  return CC_SCRIPT_NONE;
}

/* Decodes one code point (or returns 0xFFFFFFFF, advancing one byte). */
static uint32_t decode(const unsigned char **pp, const unsigned char *e) {
  const unsigned char *p = *pp;
  uint32_t c = p[0];
  if (c < 0x80) {
    *pp = p + 1;
    return c;
  }
  int n = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
        : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
  if (n < 0 || e - p <= n) {
    *pp = p + 1;
    return 0xFFFFFFFFu;
  }
  c &= n == 1 ? 0x1F : n == 2 ? 0x0F : 0x07;
  for (int i = 1; i <= n; i++) {
    if ((p[i] & 0xC0) != 0x80) {
      *pp = p + 1;
      return 0xFFFFFFFFu;
    }
    c = (c << 6) | (p[i] & 0x3F);
  }
  *pp = p + n + 1;
  return c;
}

cc_script cc_script_of_token(const char *s, unsigned len) {
  const unsigned char *p = (const unsigned char *)s, *e = p + len;
  while (p < e) {
    uint32_t cp = decode(&p, e);
    cc_script sc = cc_script_of(cp);
    if (sc != CC_SCRIPT_NONE) return sc;
  }
  return CC_SCRIPT_NONE;
}

size_t cc_word_count(const char *utf8, size_t len) {
  const unsigned char *p = (const unsigned char *)utf8, *e = p + len;
  size_t words = 0;
  int in_word = 0;
  while (p < e) {
    uint32_t cp = decode(&p, e);
    cc_script sc = cc_script_of(cp);
    int digit = cp >= '0' && cp <= '9';
    if (sc == CC_SCRIPT_HAN || sc == CC_SCRIPT_KANA) { /* written without spaces */
      words++;
      in_word = 0;
    } else if (sc != CC_SCRIPT_NONE || digit) {
      words += !in_word;
      in_word = 1;
    } else if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == 0xA0 ||
               (cp >= 0x2000 && cp <= 0x200A)) {
      in_word = 0; /* punctuation inside a word ("don't", "e-mail") keeps it one */
    }
  }
  return words;
}

const char *cc_script_name(cc_script s) {
  static const char *const names[CC_SCRIPT_COUNT] = {
      "none", "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Devanagari",
      "Thai", "Hangul", "Kana", "Han", "other"};
  return (unsigned)s < CC_SCRIPT_COUNT ? names[s] : "none";
}

/* ---- detection ------------------------------------------------------ */

#define DETECT_MAX (64u << 10)
/* Fewer stopword votes than this: too little text to tell. */
#define MIN_VOTES 2.0f

/* Sure enough to contradict what a page declares: this many votes, and
 * this many times the runner-up's. */
#define SURE_VOTES 20.0f
#define SURE_RATIO 3.0f

static const char *detect(const char *utf8, size_t len, cc_script *script_out, int sure);

const char *cc_lang_detect_script(const char *utf8, size_t len, cc_script *script_out) {
  return detect(utf8, len, script_out, 0);
}

const char *cc_lang_detect_sure(const char *utf8, size_t len) {
  return detect(utf8, len, NULL, 1);
}

/* The vote is over once a language of the script has DECIDED_VOTES and
 * DECIDED_RATIO times any other's: the rest of a long text only repeats
 * the verdict. */
#define DECIDED_VOTES 100.0f
#define DECIDED_RATIO 8.0f

static int decided(const float *votes, cc_script script) {
  float first = 0, second = 0;
  for (unsigned l = 0; l < NPROFILES; l++) {
    if (profiles[l].script != script) continue;
    if (votes[l] > first) {
      second = first;
      first = votes[l];
    } else if (votes[l] > second) {
      second = votes[l];
    }
  }
  return first >= DECIDED_VOTES && first >= second * DECIDED_RATIO;
}

/* How many of the eight ASCII bytes in w are letters: each byte, folded
 * to lowercase, is at least 'a' (adding 0x80 - 'a' sets its high bit) and
 * below 'z' + 1 (adding 0x80 - 'z' - 1 does not). No byte carries into the
 * next: all are below 0x80. */
static unsigned ascii_letters8(uint64_t w) {
  const uint64_t ones = 0x0101010101010101ull;
  uint64_t y = w | 0x20 * ones;
  uint64_t ge_a = y + (0x80 - 'a') * ones, gt_z = y + (0x80 - 'z' - 1) * ones;
  /* one bit per byte, at its bottom: their sum gathers in the top byte */
  return (unsigned)((((ge_a & ~gt_z) >> 7 & ones) * ones) >> 56);
}

static const char *detect(const char *utf8, size_t len, cc_script *script_out, int sure) {
  if (script_out) *script_out = CC_SCRIPT_NONE;
  if (!utf8 || !len) return NULL;
  if (len > DETECT_MAX) {
    len = DETECT_MAX;
    while (len && ((unsigned char)utf8[len] & 0xC0) == 0x80) len--; /* whole characters */
  }
  /* letters per script; Persian letters among the Arabic ones */
  size_t letters[CC_SCRIPT_COUNT] = {0}, persian = 0;
  const unsigned char *p = (const unsigned char *)utf8, *e = p + len;
  while (p < e) {
    if (e - p >= 8) { /* eight ASCII bytes at once */
      uint64_t w;
      memcpy(&w, p, 8);
      if (!(w & 0x8080808080808080ull)) {
        letters[CC_SCRIPT_LATIN] += ascii_letters8(w);
        p += 8;
        continue;
      }
    }
    if (*p < 0x80) {
      unsigned c = *p++ | 0x20u;
      if (c >= 'a' && c <= 'z') letters[CC_SCRIPT_LATIN]++;
      continue;
    }
    uint32_t cp = decode(&p, e);
    cc_script s = cc_script_of(cp);
    letters[s]++;
    if (cp == 0x67E || cp == 0x686 || cp == 0x698 || cp == 0x6AF) persian++;
  }
  /* the dominant script; kana with Han is Japanese */
  cc_script best = CC_SCRIPT_NONE;
  for (int s = CC_SCRIPT_LATIN; s < CC_SCRIPT_COUNT; s++)
    if (letters[s] > letters[best]) best = (cc_script)s;
  if (best == CC_SCRIPT_HAN && letters[CC_SCRIPT_KANA] * 10 >= letters[CC_SCRIPT_HAN])
    best = CC_SCRIPT_KANA;
  if (script_out) *script_out = best;
  if (best == CC_SCRIPT_NONE || best == CC_SCRIPT_OTHER) return NULL;
  if (best == CC_SCRIPT_ARABIC && persian * 50 > letters[CC_SCRIPT_ARABIC]) return "fa";
  for (size_t i = 0; i < sizeof by_script / sizeof by_script[0]; i++)
    if (by_script[i].script == best) return by_script[i].code;

  /* Latin or Cyrillic: the stopwords vote, shared words splitting theirs */
  pthread_once(&once, init);
  float votes[NPROFILES] = {0};
  cc_words it;
  cc_token t;
  cc_words_init(&it, utf8, len);
  unsigned counted = 0;
  while (cc_words_next(&it, &t)) {
    if (t.kind != CC_TOK_WORD) continue;
    uint32_t m = cc_lang_stopword_mask(t.hash);
    if (!m) continue;
    float share = 1.0f / (float)__builtin_popcount(m);
    for (unsigned l = 0; m; l++, m >>= 1)
      if (m & 1) votes[l] += share;
    if (++counted % 64 == 0 && decided(votes, best)) break;
  }
  int win = -1;
  float second = 0;
  for (unsigned l = 0; l < NPROFILES; l++) {
    if (profiles[l].script != best) continue;
    if (win < 0 || votes[l] > votes[win]) {
      if (win >= 0) second = votes[win];
      win = (int)l;
    } else if (votes[l] > second) {
      second = votes[l];
    }
  }
  if (win < 0 || votes[win] < MIN_VOTES) return NULL;
  if (sure && (votes[win] < SURE_VOTES || votes[win] < second * SURE_RATIO)) return NULL;
  return profiles[win].code;
}

const char *cc_lang_detect(const char *utf8, size_t len) {
  return cc_lang_detect_script(utf8, len, NULL);
}
