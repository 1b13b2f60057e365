/* cc_speed.c — the in-process speed benchmark behind bench/speed.
 *
 * Loads every *.html.gz of the AEB page set into memory (decompression is
 * not timed), then times, single-threaded and in one process, a list of
 * stages over all pages: gumbo's bare parse (the floor), libxml2's bare
 * parse, our pre-pass, the two front ends, the conversion of a gumbo tree
 * into our cc_dom versus into a libxml2 xmlDoc, and the whole extraction
 * with each parser. Each stage runs once untimed, then N timed rounds
 * interleaved with the other stages (so a noisy spell of the shared machine
 * hits all of them); the round with the median total is reported. Peak
 * RSS per stage comes from a fresh child process (this program re-executed
 * with --rss-child) so one stage's heap does not show in another's.
 * It also prints where the extraction's time goes (the pipeline of
 * extract.c re-run stage by stage with timers; keep it in step with
 * run_html) and, with --compare, how the two front ends' trees differ.
 * It owns nothing outside bench/: the gumbo-to-xmlDoc conversion lives
 * here only to measure it.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "../include/clipclean.h"
#include "charset.h"
#include "parse.h"
#include "pipeline.h"
#include "preclean.h"
#include "render.h"

/* ---- pages ------------------------------------------------------------- */

typedef struct page {
  char *name;
  char *data;
  size_t len;
} page;

static page *pages;
static size_t npages, total_bytes;

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_gz(const char *path, page *p) {
  gzFile f = gzopen(path, "rb");
  if (!f) return -1;
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (len == cap) buf = realloc(buf, cap *= 2);
    int n = gzread(f, buf + len, (unsigned)(cap - len));
    if (n < 0) {
      gzclose(f);
      free(buf);
      return -1;
    }
    if (n == 0) break;
    len += (size_t)n;
  }
  gzclose(f);
  p->data = buf;
  p->len = len;
  return 0;
}

/* Returns 0, or -1 when the directory is missing or holds no page. */
static int load_pages(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return -1;
  size_t cap = 256, n = 0;
  char **names = malloc(cap * sizeof *names);
  for (struct dirent *e; (e = readdir(d));) {
    size_t l = strlen(e->d_name);
    if (l < 9 || strcmp(e->d_name + l - 8, ".html.gz")) continue;
    if (n == cap) names = realloc(names, (cap *= 2) * sizeof *names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  if (!n) {
    free(names);
    return -1;
  }
  qsort(names, n, sizeof *names, by_name);
  pages = calloc(n, sizeof *pages);
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (load_gz(path, &pages[npages]) != 0) {
      fprintf(stderr, "cc_speed: cannot read %s\n", path);
      free(names[i]);
      continue;
    }
    pages[npages].name = names[i];
    total_bytes += pages[npages].len;
    npages++;
  }
  free(names);
  return npages ? 0 : -1;
}

/* ---- helpers ----------------------------------------------------------- */

static volatile size_t sink; /* keeps results alive against the optimiser */

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(const double *v, size_t n) {
  double *c = malloc(n * sizeof *c);
  memcpy(c, v, n * sizeof *c);
  qsort(c, n, sizeof *c, cmp_double);
  double m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  free(c);
  return m;
}

static long peak_rss_kb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* libxml2 options: the same as the libxml2 front end (parse_libxml2.c). */
#define LX_OPTIONS                                                        \
  (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |       \
   HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD |          \
   HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE)

/* The pre-pass and charset steps of run_html (extract.c): raw bytes to
 * the stripped UTF-8 the parser sees. */
static void prepass(cc_arena *a, const page *p, char **utf8, size_t *ulen) {
  cc_charset_info cs = {0};
  char *pre = NULL;
  size_t prelen = 0;
  int decoded = cc_charset_pre(a, p->data, p->len, NULL, &pre, &prelen, &cs);
  cc_strip_result sr;
  cc_strip(a, decoded ? pre : p->data, decoded ? prelen : p->len, &sr);
  *utf8 = sr.out;
  *ulen = sr.len;
  if (!decoded)
    cc_charset_decode(a, sr.out, sr.len, NULL, sr.meta_charset, sr.xml_encoding, utf8, ulen,
                      &cs);
}

static void *arena_alloc(void *ud, size_t n) { return cc_arena_alloc(ud, n); }
static void arena_dealloc(void *ud, void *p) {
  (void)ud;
  (void)p;
}

static const cc_parse_limits LIM = {2000000, 512};

/* ---- gumbo tree -> cc_dom / xmlDoc ------------------------------------ */

static const GumboVector *gkids(const GumboNode *g) {
  if (g->type == GUMBO_NODE_DOCUMENT) return &g->v.document.children;
  if (g->type == GUMBO_NODE_ELEMENT) return &g->v.element.children;
  return NULL;
}

/* The walk of parse_gumbo.c (cc_dom_from_gumbo) building a libxml2 tree
 * instead: every name, attribute and text is copied into libxml2's
 * malloc'd nodes, as a front end producing an xmlDoc would have to. */
static size_t gumbo_to_xml(const GumboOutput *out) {
  xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
  xmlNodePtr parent = (xmlNodePtr)doc;
  const GumboNode *g = out->document;
  unsigned idx = 0;
  size_t n = 0;
  char name[128];
  for (;;) {
    const GumboVector *ch = gkids(g);
    if (ch && idx < ch->length) {
      const GumboNode *c = ch->data[idx];
      if (c->type == GUMBO_NODE_ELEMENT) {
        const GumboElement *el = &c->v.element;
        const char *nm = gumbo_normalized_tagname(el->tag);
        if (el->tag == GUMBO_TAG_UNKNOWN) {
          GumboStringPiece sp = el->original_tag;
          gumbo_tag_from_original_text(&sp);
          size_t l = sp.length < sizeof name - 1 ? sp.length : sizeof name - 1;
          for (size_t i = 0; i < l; i++) {
            char ch2 = sp.data[i];
            name[i] = ch2 >= 'A' && ch2 <= 'Z' ? (char)(ch2 | 0x20) : ch2;
          }
          name[l] = '\0';
          nm = name;
        }
        xmlNodePtr x = xmlNewDocNode(doc, NULL, BAD_CAST nm, NULL);
        for (unsigned i = 0; i < el->attributes.length; i++) {
          const GumboAttribute *ga = el->attributes.data[i];
          xmlNewProp(x, BAD_CAST ga->name, BAD_CAST ga->value);
        }
        if (parent == (xmlNodePtr)doc)
          xmlDocSetRootElement(doc, x);
        else
          xmlAddChild(parent, x);
        n++;
        parent = x;
        g = c;
        idx = 0;
        continue;
      }
      if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
          c->type == GUMBO_NODE_CDATA) {
        if (parent != (xmlNodePtr)doc) {
          xmlAddChild(parent, xmlNewDocText(doc, BAD_CAST c->v.text.text));
          n++;
        }
      }
      idx++;
      continue;
    }
    if (g == out->document) break;
    parent = parent->parent;
    idx = (unsigned)g->index_within_parent + 1;
    g = g->parent;
  }
  xmlFreeDoc(doc);
  return n;
}

/* ---- stages ------------------------------------------------------------ */

/* A stage times one page: it may do untimed preparation, and returns the
 * milliseconds of the part it measures. */
typedef double (*stage_fn)(const page *p);

static double st_gumbo(const page *p) {
  double t = now_ms();
  GumboOutput *o = gumbo_parse_with_options(&kGumboDefaultOptions, p->data, p->len);
  sink += o->document->v.document.children.length;
  gumbo_destroy_output(&kGumboDefaultOptions, o);
  return now_ms() - t;
}

static double st_libxml2(const page *p) {
  double t = now_ms();
  xmlDocPtr doc = htmlReadMemory(p->data, (int)p->len, NULL, "UTF-8", LX_OPTIONS);
  sink += doc != NULL;
  xmlFreeDoc(doc);
  return now_ms() - t;
}

static double st_strip(const page *p) {
  double t = now_ms();
  cc_arena a;
  cc_arena_init(&a);
  cc_strip_result r;
  cc_strip(&a, p->data, p->len, &r);
  sink += r.len;
  cc_arena_free(&a);
  return now_ms() - t;
}

static double st_gumbo_stripped(const page *p) {
  cc_arena a;
  cc_arena_init(&a);
  char *u;
  size_t ul;
  prepass(&a, p, &u, &ul);
  double t = now_ms();
  GumboOutput *o = gumbo_parse_with_options(&kGumboDefaultOptions, u, ul);
  sink += o->document->v.document.children.length;
  gumbo_destroy_output(&kGumboDefaultOptions, o);
  t = now_ms() - t;
  cc_arena_free(&a);
  return t;
}

static double st_libxml2_stripped(const page *p) {
  cc_arena a;
  cc_arena_init(&a);
  char *u;
  size_t ul;
  prepass(&a, p, &u, &ul);
  double t = now_ms();
  xmlDocPtr doc = htmlReadMemory(u, (int)ul, NULL, "UTF-8", LX_OPTIONS);
  sink += doc != NULL;
  xmlFreeDoc(doc);
  t = now_ms() - t;
  cc_arena_free(&a);
  return t;
}

static double front(const page *p, int libxml2) {
  double t = now_ms();
  cc_arena a;
  cc_arena_init(&a);
  char *u;
  size_t ul;
  prepass(&a, p, &u, &ul);
  cc_dom d;
  char err[256];
  int rc = libxml2 ? cc_parse_libxml2(&a, u, ul, &LIM, &d, err)
                   : cc_parse_gumbo(&a, u, ul, &LIM, &d, err);
  sink += rc ? 0 : d.nnodes;
  cc_arena_free(&a);
  return now_ms() - t;
}
static double st_front_gumbo(const page *p) { return front(p, 0); }
static double st_front_libxml2(const page *p) { return front(p, 1); }

/* Gumbo tree of the stripped page (untimed, in arena a). */
static GumboOutput *gumbo_tree(cc_arena *a, const page *p) {
  char *u;
  size_t ul;
  prepass(a, p, &u, &ul);
  GumboOptions opt = kGumboDefaultOptions;
  opt.allocator = arena_alloc;
  opt.deallocator = arena_dealloc;
  opt.userdata = a;
  opt.max_errors = 0;
  return gumbo_parse_with_options(&opt, u, ul);
}

static double st_conv_cc(const page *p) {
  cc_arena a, b;
  cc_arena_init(&a);
  GumboOutput *o = gumbo_tree(&a, p);
  double t = now_ms();
  cc_arena_init(&b);
  cc_dom d;
  char err[256];
  if (cc_dom_from_gumbo(&b, o, &LIM, 0, &d, err) == 0) sink += d.nnodes;
  cc_arena_free(&b);
  t = now_ms() - t;
  cc_arena_free(&a);
  return t;
}

static double st_conv_xml(const page *p) {
  cc_arena a;
  cc_arena_init(&a);
  GumboOutput *o = gumbo_tree(&a, p);
  double t = now_ms();
  sink += gumbo_to_xml(o);
  t = now_ms() - t;
  cc_arena_free(&a);
  return t;
}

static double extract(const page *p, cc_parser parser) {
  cc_options opt;
  cc_options_init(&opt);
  opt.parser = parser;
  double t = now_ms();
  cc_result *r = NULL;
  cc_error err;
  if (cc_extract(p->data, p->len, &opt, &r, &err) == CC_OK) {
    const char *s = cc_result_text(r);
    sink += s ? strlen(s) : 0;
  }
  cc_result_free(r);
  return now_ms() - t;
}
static double st_extract(const page *p) { return extract(p, CC_PARSER_GUMBO); }
static double st_extract_libxml2(const page *p) { return extract(p, CC_PARSER_LIBXML2); }

static const struct stage {
  const char *id;
  const char *label;
  stage_fn fn;
} STAGES[] = {
    {"gumbo", "gumbo_parse, raw page [floor]", st_gumbo},
    {"libxml2", "htmlReadMemory, raw page", st_libxml2},
    {"strip", "pre-pass (cc_strip) alone", st_strip},
    {"gumbo-stripped", "gumbo_parse of the stripped page", st_gumbo_stripped},
    {"libxml2-stripped", "htmlReadMemory of the stripped page", st_libxml2_stripped},
    {"front", "front end: pre-pass + gumbo -> cc_dom", st_front_gumbo},
    {"front-libxml2", "front end: pre-pass + libxml2 -> cc_dom", st_front_libxml2},
    {"conv-cc", "gumbo tree -> cc_dom (+free)", st_conv_cc},
    {"conv-xml", "gumbo tree -> xmlDoc (+free)", st_conv_xml},
    {"extract", "cc_extract, txt, defaults", st_extract},
    {"extract-libxml2", "cc_extract, txt, parser=libxml2", st_extract_libxml2},
};
#define NSTAGES (sizeof STAGES / sizeof STAGES[0])

static int stage_index(const char *id) {
  for (size_t i = 0; i < NSTAGES; i++)
    if (!strcmp(STAGES[i].id, id)) return (int)i;
  return -1;
}

/* ---- peak RSS in a fresh process --------------------------------------- */

static const char *self_path, *data_dir;

/* A "Vm...:" line of /proc/self/status in KiB, or -1. */
static long status_kb(const char *key) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long v = -1;
  size_t kl = strlen(key);
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, key, kl)) {
      v = strtol(line + kl, NULL, 10);
      break;
    }
  fclose(f);
  return v;
}

/* Child side: one untimed pass of the stage, then "loaded_kb peak_kb".
 * Not ru_maxrss: Linux carries it over from the parent through fork and
 * execve, so a child would report the parent's peak. VmHWM belongs to the
 * new address space, and writing 5 to clear_refs resets it to the current
 * RSS, so the transient buffers of loading the pages do not count. */
static int rss_child(const char *id) {
  int s = stage_index(id);
  if (s < 0) return 2;
  FILE *f = fopen("/proc/self/clear_refs", "w");
  if (f) {
    fputs("5", f);
    fclose(f);
  }
  long loaded = status_kb("VmRSS:");
  for (size_t i = 0; i < npages; i++) STAGES[s].fn(&pages[i]);
  printf("%ld %ld\n", loaded, status_kb("VmHWM:"));
  return 0;
}

/* Parent side: runs `self --rss-child ID --data DIR`; sets the peak RSS
 * over the pages' own footprint, in KiB. Returns 0 on success. */
static int rss_of(const char *id, long *loaded, long *peak) {
  int fd[2];
  if (pipe(fd)) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(fd[1], 1);
    close(fd[0]);
    close(fd[1]);
    execl(self_path, self_path, "--rss-child", id, "--data", data_dir, (char *)NULL);
    _exit(127);
  }
  close(fd[1]);
  char buf[128];
  ssize_t n = read(fd[0], buf, sizeof buf - 1);
  close(fd[0]);
  int status;
  waitpid(pid, &status, 0);
  if (n <= 0 || !WIFEXITED(status) || WEXITSTATUS(status)) return -1;
  buf[n] = '\0';
  return sscanf(buf, "%ld %ld", loaded, peak) == 2 ? 0 : -1;
}

/* ---- where the extraction's time goes ---------------------------------- */

enum {
  B_PREPASS, B_PARSE, B_META, B_PRECLEAN, B_MEASURE, B_SECTIONS, B_SELECT, B_FILTER,
  B_CLASSIFY, B_DECIDE, B_ARTICLE, B_RENDER, B_FREE, NB
};
static const char *const B_NAMES[NB] = {
    "charset + pre-pass", "parse -> cc_dom", "metadata", "pre-clean",
    "measure + fingerprints", "sections", "select", "filter", "classify (model)",
    "decide", "article tree", "render txt", "arena free"};

/* run_html + the txt rendering of cc_extract, stage by stage; adds each
 * stage's milliseconds to ms[]. */
static void breakdown_one(const page *p, cc_parser parser, double *ms) {
  cc_options opt;
  cc_options_init(&opt);
  opt.parser = parser;
  cc_arena a;
  cc_arena_init(&a);
  cc_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.arena = &a;
  ctx.opt = &opt;
  double t0 = now_ms(), t;
  cc_charset_info cs = {0};
  char *pre = NULL;
  size_t prelen = 0;
  int decoded = cc_charset_pre(&a, p->data, p->len, NULL, &pre, &prelen, &cs);
  cc_strip(&a, decoded ? pre : p->data, decoded ? prelen : p->len, &ctx.strip);
  char *utf8 = ctx.strip.out;
  size_t ulen = ctx.strip.len;
  if (!decoded) {
    cc_charset_decode(&a, ctx.strip.out, ctx.strip.len, NULL, ctx.strip.meta_charset,
                      ctx.strip.xml_encoding, &utf8, &ulen, &cs);
    for (unsigned i = 0; i < ctx.strip.njsonld; i++) {
      char *o;
      size_t ol;
      cc_charset_convert(&a, ctx.strip.jsonld[i].p, ctx.strip.jsonld[i].len, cs.name, &o, &ol);
      ctx.strip.jsonld[i].p = o;
      ctx.strip.jsonld[i].len = ol;
    }
  }
  ctx.charset = cs.name;
  t = now_ms();
  ms[B_PREPASS] += t - t0;
  t0 = t;
  cc_parse_limits lim = {opt.max_nodes, opt.max_depth};
  int rc = parser == CC_PARSER_LIBXML2 ? cc_parse_libxml2(&a, utf8, ulen, &lim, &ctx.dom, ctx.err)
                                       : cc_parse_gumbo(&a, utf8, ulen, &lim, &ctx.dom, ctx.err);
  t = now_ms();
  ms[B_PARSE] += t - t0;
  t0 = t;
#define STEP(b, call)          \
  if (!rc) rc = (call);        \
  t = now_ms();                \
  ms[b] += t - t0;             \
  t0 = t;
  STEP(B_META, cc_stage_meta(&ctx));
  cc_preclean_stats ps;
  if (!rc) cc_preclean(&ctx.dom, &ps);
  t = now_ms();
  ms[B_PRECLEAN] += t - t0;
  t0 = t;
  if (!rc) ctx.why = cc_arena_calloc(&a, (ctx.dom.nnodes ? ctx.dom.nnodes : 1) * sizeof *ctx.why);
  STEP(B_MEASURE, cc_stage_measure(&ctx));
  if (!rc) rc = cc_stage_fingerprint(&ctx);
  t = now_ms();
  ms[B_MEASURE] += t - t0;
  t0 = t;
  STEP(B_SECTIONS, cc_stage_sections(&ctx));
  STEP(B_SELECT, cc_stage_select(&ctx));
  STEP(B_FILTER, cc_stage_filter(&ctx));
  STEP(B_CLASSIFY, cc_stage_classify(&ctx));
  STEP(B_DECIDE, cc_stage_decide(&ctx));
  STEP(B_ARTICLE, cc_stage_article(&ctx));
#undef STEP
  if (!rc) {
    cc_buf txt = CC_BUF_INIT;
    cc_render_txt(ctx.ast, &txt);
    char *s = cc_arena_strndup(&a, txt.data ? txt.data : "", txt.len);
    sink += strlen(s);
    cc_buf_free(&txt);
  }
  t = now_ms();
  ms[B_RENDER] += t - t0;
  t0 = t;
  cc_arena_free(&a);
  ms[B_FREE] += now_ms() - t0;
}

/* Prints the breakdown from per[r][step] (milliseconds summed over the
 * pages in run r); `whole` is the extract stage's median run, if timed. */
static void print_breakdown(double (*per)[NB], unsigned runs, const char *parser,
                            double whole) {
  double med[NB], total = 0, *col = malloc(runs * sizeof *col);
  for (int b = 0; b < NB; b++) {
    for (unsigned r = 0; r < runs; r++) col[r] = per[r][b];
    med[b] = median(col, runs);
    total += med[b];
  }
  free(col);
  printf("\nwhere cc_extract's time goes (parser=%s; each step's median over %u runs", parser,
         runs);
  if (whole > 0) printf("; the whole call took %.1f ms", whole);
  printf(")\n  %-22s %10s %7s %10s\n", "step", "total ms", "share", "ms/doc");
  for (int b = 0; b < NB; b++)
    printf("  %-22s %10.1f %6.1f%% %10.3f\n", B_NAMES[b], med[b], 100 * med[b] / total,
           med[b] / (double)npages);
  printf("  %-22s %10.1f %6.1f%% %10.3f\n", "sum", total, 100.0, total / (double)npages);
}

/* ---- how the two front ends' trees differ ------------------------------ */

typedef struct tree_stats {
  size_t elements, texts, text_bytes, tags[CC_TAG_COUNT], outside_body_text;
  size_t p_with_block; /* <p> elements with a block element inside */
  unsigned max_depth;
  uint64_t shape; /* hash of every node's type, tag, depth and text */
} tree_stats;

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *u = p;
  for (size_t i = 0; i < n; i++) h = (h ^ u[i]) * 0x100000001b3ull;
  return h;
}

static void stats_of(const cc_dom *d, tree_stats *s) {
  s->shape = 0xcbf29ce484222325ull;
  for (const cc_node *n = d->root; n; n = cc_dom_next(d->root, n, 0)) {
    unsigned key[3] = {n->type, n->tag, 0};
    for (const cc_node *a = n->parent; a; a = a->parent) key[2]++;
    s->shape = fnv(s->shape, key, sizeof key);
    if (n->type == CC_NODE_TEXT) s->shape = fnv(s->shape, n->text, n->len);
    if (n->type == CC_NODE_ELEMENT) {
      s->elements++;
      s->tags[n->tag]++;
      if (n->tag == CC_TAG_P)
        for (const cc_node *c = n->first; c; c = cc_dom_next(n, c, 0))
          if (c->type == CC_NODE_ELEMENT && (cc_tag_class((cc_tag)c->tag) & CC_TC_BLOCK)) {
            s->p_with_block++;
            break;
          }
    } else if (n->type == CC_NODE_TEXT) {
      s->texts++;
      size_t nonspace = 0;
      for (uint32_t k = 0; k < n->len; k++)
        nonspace += !(n->text[k] == ' ' || n->text[k] == '\n' || n->text[k] == '\t' ||
                      n->text[k] == '\r');
      s->text_bytes += nonspace;
      int in_body = 0;
      for (const cc_node *a = n->parent; a; a = a->parent)
        if (a == d->body) in_body = 1;
      unsigned dep = 0;
      for (const cc_node *a = n->parent; a; a = a->parent) dep++;
      if (dep > s->max_depth) s->max_depth = dep;
      if (!in_body) s->outside_body_text += nonspace;
    }
  }
}

static char *extract_text(const page *p, cc_parser parser) {
  cc_options opt;
  cc_options_init(&opt);
  opt.parser = parser;
  cc_result *r = NULL;
  cc_error err;
  if (cc_extract(p->data, p->len, &opt, &r, &err) != CC_OK) return strdup("(error)");
  char *s = strdup(cc_result_text(r) ? cc_result_text(r) : "");
  cc_result_free(r);
  return s;
}

static void compare(void) {
  tree_stats g, l;
  memset(&g, 0, sizeof g);
  memset(&l, 0, sizeof l);
  size_t same_out = 0, same_text = 0, same_shape = 0;
  for (size_t i = 0; i < npages; i++) {
    tree_stats pg, pl;
    memset(&pg, 0, sizeof pg);
    memset(&pl, 0, sizeof pl);
    for (int k = 0; k < 2; k++) {
      cc_arena a;
      cc_arena_init(&a);
      char *u;
      size_t ul;
      prepass(&a, &pages[i], &u, &ul);
      cc_dom d;
      char err[256];
      int rc = k ? cc_parse_libxml2(&a, u, ul, &LIM, &d, err) : cc_parse_gumbo(&a, u, ul, &LIM, &d, err);
      if (!rc) stats_of(&d, k ? &pl : &pg);
      cc_arena_free(&a);
    }
    same_text += pg.text_bytes == pl.text_bytes;
    same_shape += pg.shape == pl.shape;
    tree_stats *acc[2] = {&g, &l}, *one[2] = {&pg, &pl};
    for (int k = 0; k < 2; k++) {
      acc[k]->elements += one[k]->elements;
      acc[k]->texts += one[k]->texts;
      acc[k]->text_bytes += one[k]->text_bytes;
      acc[k]->outside_body_text += one[k]->outside_body_text;
      acc[k]->p_with_block += one[k]->p_with_block;
      if (one[k]->max_depth > acc[k]->max_depth) acc[k]->max_depth = one[k]->max_depth;
      for (int t = 0; t < CC_TAG_COUNT; t++) acc[k]->tags[t] += one[k]->tags[t];
    }
    char *a = extract_text(&pages[i], CC_PARSER_GUMBO), *b = extract_text(&pages[i], CC_PARSER_LIBXML2);
    same_out += strcmp(a, b) == 0;
    free(a);
    free(b);
  }
  printf("\ngumbo vs libxml2 front end on the same stripped pages (%zu pages)\n", npages);
  printf("  %-34s %12s %12s\n", "", "gumbo", "libxml2");
  printf("  %-34s %12zu %12zu\n", "elements", g.elements, l.elements);
  printf("  %-34s %12zu %12zu\n", "text nodes", g.texts, l.texts);
  printf("  %-34s %12zu %12zu\n", "text bytes (non-space)", g.text_bytes, l.text_bytes);
  printf("  %-34s %12zu %12zu\n", "  of which outside <body>", g.outside_body_text,
         l.outside_body_text);
  printf("  %-34s %12zu %12zu\n", "<p> holding a block element", g.p_with_block, l.p_with_block);
  printf("  %-34s %12u %12u\n", "deepest text node", g.max_depth, l.max_depth);
  printf("  %-34s %12zu\n", "pages with identical trees", same_shape);
  printf("  %-34s %12zu\n", "pages with equal text bytes", same_text);
  printf("  %-34s %12zu\n", "pages with identical extraction", same_out);
  printf("  element counts that differ by more than 1%% (tag: gumbo libxml2)\n");
  for (int t = 0; t < CC_TAG_COUNT; t++) {
    size_t a = g.tags[t], b = l.tags[t];
    size_t hi = a > b ? a : b, lo = a > b ? b : a;
    if (hi - lo > hi / 100 && hi - lo >= 5)
      printf("    %-12s %9zu %9zu\n", cc_tag_name((cc_tag)t), a, b);
  }
}

/* ---- main --------------------------------------------------------------- */

static void usage(void) {
  fprintf(stderr,
          "usage: cc_speed [--data DIR] [--runs N] [--only ID,ID...] [--no-rss]\n"
          "                [--no-breakdown] [--compare]\n"
          "stage ids:");
  for (size_t i = 0; i < NSTAGES; i++) fprintf(stderr, " %s", STAGES[i].id);
  fprintf(stderr, "\n");
}

int main(int argc, char **argv) {
  unsigned runs = 5;
  int only[NSTAGES] = {0}, any_only = 0, no_rss = 0, no_breakdown = 0, do_compare = 0;
  const char *child = NULL;
  data_dir = getenv("CLIPCLEAN_AEB_HTML");
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help")) {
      usage();
      return 0;
    } else if (!strcmp(a, "--data") && i + 1 < argc) data_dir = argv[++i];
    else if (!strcmp(a, "--runs") && i + 1 < argc) runs = (unsigned)atoi(argv[++i]);
    else if (!strcmp(a, "--no-rss")) no_rss = 1;
    else if (!strcmp(a, "--no-breakdown")) no_breakdown = 1;
    else if (!strcmp(a, "--compare")) do_compare = 1;
    else if (!strcmp(a, "--rss-child") && i + 1 < argc) child = argv[++i];
    else if (!strcmp(a, "--only") && i + 1 < argc) {
      char *list = strdup(argv[++i]);
      for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
        int s = stage_index(tok);
        if (s < 0) {
          fprintf(stderr, "cc_speed: unknown stage '%s'\n", tok);
          usage();
          return 2;
        }
        only[s] = any_only = 1;
      }
      free(list);
    } else {
      usage();
      return 2;
    }
  }
  if (runs < 1) runs = 1;
  if (!data_dir) {
    fprintf(stderr, "cc_speed: no data directory (--data DIR)\n");
    return 2;
  }
  self_path = "/proc/self/exe";
  char self[4096];
  ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
  if (sl > 0) {
    self[sl] = '\0';
    self_path = self;
  }
  xmlInitParser();
  if (load_pages(data_dir) != 0) {
    fprintf(stderr, "cc_speed: no *.html.gz pages in %s\n", data_dir);
    return 2;
  }
  if (child) return rss_child(child);

  size_t sel[NSTAGES], ns = 0;
  for (size_t i = 0; i < NSTAGES; i++)
    if (!any_only || only[i]) sel[ns++] = i;

  /* totals[s][r] and per-page times of every run */
  double *totals = calloc(ns * runs, sizeof *totals);
  double *perdoc = calloc(ns * runs * npages, sizeof *perdoc);
  /* The step-by-step breakdown of cc_extract (for each parser whose
   * extraction is selected) runs in the same rounds, so it sees the same
   * machine as the stage it explains. */
  int bd_on[2] = {!no_breakdown && (!any_only || only[stage_index("extract")]),
                  !no_breakdown && (!any_only || only[stage_index("extract-libxml2")])};
  double (*bd[2])[NB] = {calloc(runs, sizeof(double[NB])), calloc(runs, sizeof(double[NB]))};
  for (size_t i = 0; i < npages; i++) { /* warm-up: caches, lazy initialisation */
    for (size_t k = 0; k < ns; k++) STAGES[sel[k]].fn(&pages[i]);
    double w[NB] = {0};
    for (int b = 0; b < 2; b++)
      if (bd_on[b]) breakdown_one(&pages[i], b ? CC_PARSER_LIBXML2 : CC_PARSER_GUMBO, w);
  }
  for (unsigned r = 0; r < runs; r++) {
    for (size_t k = 0; k < ns; k++) {
      double *pd = perdoc + (k * runs + r) * npages, sum = 0;
      for (size_t i = 0; i < npages; i++) sum += pd[i] = STAGES[sel[k]].fn(&pages[i]);
      totals[k * runs + r] = sum;
    }
    for (int b = 0; b < 2; b++)
      if (bd_on[b])
        for (size_t i = 0; i < npages; i++)
          breakdown_one(&pages[i], b ? CC_PARSER_LIBXML2 : CC_PARSER_GUMBO, bd[b][r]);
  }
  long self_peak = peak_rss_kb();

  printf("clipclean speed: %zu pages, %.1f MB raw HTML (decompressed in memory first, not "
         "timed)\n",
         npages, (double)total_bytes / 1e6);
  size_t kept = 0;
  for (size_t i = 0; i < npages; i++) {
    cc_arena a;
    cc_arena_init(&a);
    cc_strip_result sr;
    cc_strip(&a, pages[i].data, pages[i].len, &sr);
    kept += sr.len;
    cc_arena_free(&a);
  }
  printf("the pre-pass keeps %.1f MB (%.0f%%) for the parser to see\n", (double)kept / 1e6,
         100.0 * (double)kept / (double)total_bytes);
  printf("single thread, one process; each stage run %u times interleaved with the others, "
         "median run shown\n",
         runs);
  printf("machine: 2 cores, shared and noisy: read the ratios, not the absolute times\n\n");
  printf("%-42s %9s %9s %9s %8s %8s %7s %9s\n", "stage", "total ms", "mean/doc", "med/doc",
         "MB/s", "x gumbo", "spread", "RSS+ MB");
  double floor_ms = 0;
  int floor_k = -1;
  for (size_t k = 0; k < ns; k++)
    if (!strcmp(STAGES[sel[k]].id, "gumbo")) floor_k = (int)k;
  if (floor_k >= 0) floor_ms = median(totals + (size_t)floor_k * runs, runs);
  for (size_t k = 0; k < ns; k++) {
    double *tt = totals + k * runs;
    double med = median(tt, runs), lo = tt[0], hi = tt[0];
    unsigned mr = 0;
    for (unsigned r = 0; r < runs; r++) {
      if (tt[r] < lo) lo = tt[r];
      if (tt[r] > hi) hi = tt[r];
      if (fabs(tt[r] - med) < fabs(tt[mr] - med)) mr = r;
    }
    double doc_med = median(perdoc + (k * runs + mr) * npages, npages);
    char ratio[16] = "-", rss[16] = "-";
    if (floor_ms > 0) snprintf(ratio, sizeof ratio, "%.2f", tt[mr] / floor_ms);
    long loaded, peak;
    if (!no_rss && rss_of(STAGES[sel[k]].id, &loaded, &peak) == 0)
      snprintf(rss, sizeof rss, "%.1f", (double)(peak - loaded) / 1024);
    printf("%-42s %9.1f %9.3f %9.3f %8.1f %8s %6.1f%% %9s\n", STAGES[sel[k]].label, tt[mr],
           tt[mr] / (double)npages, doc_med, (double)total_bytes / 1e3 / tt[mr], ratio,
           100 * (hi - lo) / med, rss);
  }
  printf("\nspread: (slowest - fastest run) / median run. RSS+: peak RSS of a fresh process\n"
         "running only that stage once, minus its RSS after loading the pages.\n");
  printf("peak RSS of this process (pages + all stages): %.1f MB\n", (double)self_peak / 1024);
  long loaded, peak;
  if (!no_rss && rss_of("extract", &loaded, &peak) == 0)
    printf("extraction alone in a fresh process: peak RSS %.1f MB (%.1f MB after loading the "
           "pages)\n",
           (double)peak / 1024, (double)loaded / 1024);
  for (int b = 0; b < 2; b++)
    if (bd_on[b]) {
      int k = -1;
      for (size_t j = 0; j < ns; j++)
        if (!strcmp(STAGES[sel[j]].id, b ? "extract-libxml2" : "extract")) k = (int)j;
      print_breakdown(bd[b], runs, b ? "libxml2" : "gumbo",
                      k >= 0 ? median(totals + (size_t)k * runs, runs) : 0);
    }
  free(bd[0]);
  free(bd[1]);
  if (do_compare) compare();
  printf("\n(sink %zu)\n", (size_t)(sink & 0xff));
  free(totals);
  free(perdoc);
  for (size_t i = 0; i < npages; i++) {
    free(pages[i].data);
    free(pages[i].name);
  }
  free(pages);
  return 0;
}
