/* text_model.c — the text cleaner's block classifier (see text.h).
 *
 * Owns the compiled form of text_model.txt (embedded by the build as
 * cc_text_model_data, see CMakeLists.txt; written by
 * bench/train-text-model, which says how it was trained): two ensembles
 * of regression trees over the features of text_features.c, the second
 * reading the first one's output around each block. A block's log-odds
 * of being content is the stage's base value plus one leaf value per
 * tree; its probability is the logistic of that. Parsed once, on first
 * use, under pthread_once; evaluation allocates nothing. When the data
 * names a feature this build does not compute, or is malformed, the model
 * is unusable and the hand-written scores decide (cc_text_model_ready).
 *
 * For --explain, each split on the path also credits its feature with
 * the change of value it caused (the nodes carry the mean value of what
 * reached them), so the reasons of a reading are the features with the
 * largest total credit.
 *
 * The format, one item per line ('#' starts a comment):
 *   features NAME...             the model's feature order, by name
 *   threshold T                  a reading at or over T is content
 *   page_features NAME...        the page model's feature order
 *   page_types NAME...           its classes (ours, in our order)
 *   page ITERS BASE...           the page model: a base per type, then
 *                                ITERS x types trees, iteration by iteration
 *   stage S BASE TREES           a stage (1 or 2): base log-odds, trees
 *   tree NODES                   a tree; its nodes follow, root first
 *   N FEATURE THRESHOLD LEFT RIGHT VALUE   a split: x <= THRESHOLD goes
 *                                left (node numbers within the tree; RIGHT
 *                                is LEFT + 1)
 *   L VALUE                      a leaf
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

extern const unsigned char cc_text_model_data[];
extern const size_t cc_text_model_data_len;

#define MAX_FEATURES 128

/* A split sends x <= thr to `left` and the rest to left + 1 (the data
 * writes a node's children next to each other). Thresholds are kept as
 * the largest float not above the trained one: for float features the
 * comparison is then exactly the trained one's, and nodes stay small.
 * A leaf is a split that leads back to itself (feature 0, threshold
 * +inf, which no reading exceeds, NaN included): a walk may take more
 * steps than its path has and stay where it ended, with no test. */
typedef struct node {
  float thr;
  uint16_t feat;  /* model feature index */
  uint8_t height; /* the longest path below, in splits: 0 for a leaf */
  uint8_t in;     /* where the walk reads it: cc_text_features' (or the
                     page features') index of feat, so no copy in model
                     order is made for a reading */
  uint32_t left;  /* absolute index of the left child; its own for a leaf */
} node;

static inline int is_leaf(const node *N, uint32_t i) { return N[i].left == i; }

typedef struct stage {
  double base;
  uint32_t *root; /* absolute index of each tree's root */
  uint32_t ntrees;
} stage;

/* The page types, in the order of the pt_* features (text_features.c). */
static const char *const page_types[] = {"article",    "forum",   "product",      "collection",
                                         "listing",    "documentation", "service"};
#define NTYPES (sizeof page_types / sizeof *page_types)

static struct {
  int ok;
  unsigned nfeat;
  int16_t map[MAX_FEATURES]; /* model feature -> cc_text_features index */
  node *nodes;
  double *value; /* value[i]: node i's value (a leaf's, or the mean below) */
  uint32_t nnodes, cap;
  stage st[2];
  double threshold; /* a reading at or over it is content */
  /* the page model: one stage per page type, its trees interleaved */
  unsigned npfeat;
  int16_t pmap[MAX_FEATURES]; /* page model feature -> page feature index */
  double pbase[NTYPES];
  uint32_t *proot; /* iteration-major: tree t of type k at t * NTYPES + k */
  uint32_t piters;
} M;

static pthread_once_t once = PTHREAD_ONCE_INIT;

/* ---- parsing ---------------------------------------------------------- */

typedef struct reader {
  const char *p, *end;
  char line[4096];
} reader;

/* The next line that is not blank or a comment, into r->line. */
static int next_line(reader *r) {
  while (r->p < r->end) {
    const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
    const char *e = nl ? nl : r->end;
    size_t n = (size_t)(e - r->p);
    const char *s = r->p;
    r->p = nl ? nl + 1 : r->end;
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    if (!n || *s == '#') continue;
    if (n >= sizeof r->line) return 0;
    memcpy(r->line, s, n);
    r->line[n] = '\0';
    return 1;
  }
  return 0;
}

/* "KEYWORD name name...": each name's index by `lookup`, into map. */
static int parse_names(char *line, const char *keyword, const char *(*lookup)(unsigned),
                       int16_t *map, unsigned *n) {
  char *save = NULL;
  char *w = strtok_r(line, " \t", &save);
  if (!w || strcmp(w, keyword)) return 0;
  while ((w = strtok_r(NULL, " \t", &save))) {
    if (*n >= MAX_FEATURES) return 0;
    int k = -1;
    for (unsigned j = 0; lookup(j); j++)
      if (!strcmp(lookup(j), w)) k = (int)j;
    if (k < 0) return 0; /* a feature this build does not compute */
    map[(*n)++] = (int16_t)k;
  }
  return *n > 0;
}

/* "page_types name...": must be ours, in our order. */
static int parse_types(char *line) {
  char *save = NULL;
  char *w = strtok_r(line, " \t", &save);
  unsigned k = 0;
  while ((w = strtok_r(NULL, " \t", &save)))
    if (k >= NTYPES || strcmp(w, page_types[k++])) return 0;
  return k == NTYPES;
}

static node *new_node(void) {
  if (M.nnodes == M.cap) {
    M.cap = M.cap ? M.cap * 2 : 4096;
    M.nodes = realloc(M.nodes, M.cap * sizeof *M.nodes);
    M.value = realloc(M.value, M.cap * sizeof *M.value);
    if (!M.nodes || !M.value) abort();
  }
  node *x = &M.nodes[M.nnodes++];
  memset(x, 0, sizeof *x);
  return x;
}

static float floor_float(double t) {
  float f = (float)t;
  return (double)f > t ? nextafterf(f, -INFINITY) : f;
}

/* One tree of `count` nodes; node references are checked to point
 * forward within the tree, the two children side by side, so every walk
 * ends at a leaf. */
static int parse_tree(reader *r, uint32_t count, const int16_t *map, unsigned nmap,
                      unsigned limit) {
  uint32_t base = M.nnodes;
  for (uint32_t k = 0; k < count; k++) {
    if (!next_line(r)) return 0;
    node *x = new_node();
    double *v = &M.value[M.nnodes - 1], thr;
    int feat;
    unsigned l, rt;
    if (r->line[0] == 'L' && sscanf(r->line + 1, "%lf", v) == 1) {
      x->feat = 0;
      x->thr = INFINITY;
      x->left = M.nnodes - 1;
    } else if (r->line[0] == 'N' &&
               sscanf(r->line + 1, "%d %lf %u %u %lf", &feat, &thr, &l, &rt, v) == 5 &&
               feat >= 0 && (unsigned)feat < nmap && (unsigned)map[feat] < limit &&
               (unsigned)map[feat] <= UINT8_MAX && l > k &&
               rt == l + 1 && rt < count) {
      x->feat = (uint16_t)feat;
      x->in = (uint8_t)map[feat];
      x->thr = floor_float(thr);
      x->left = base + l;
    } else {
      return 0;
    }
  }
  /* heights from the last node back: children come after their parent */
  for (uint32_t i = M.nnodes; i-- > base;) {
    node *x = &M.nodes[i];
    if (is_leaf(M.nodes, i)) continue;
    unsigned h = M.nodes[x->left].height, h2 = M.nodes[x->left + 1].height;
    if ((h > h2 ? h : h2) >= 255) return 0;
    x->height = (uint8_t)((h > h2 ? h : h2) + 1);
  }
  return 1;
}

static int parse_stage(reader *r) {
  int s;
  unsigned ntrees;
  double base;
  if (sscanf(r->line, "stage %d %lf %u", &s, &base, &ntrees) != 3 || s < 1 || s > 2 ||
      M.st[s - 1].root)
    return 0;
  stage *st = &M.st[s - 1];
  st->base = base;
  st->root = calloc(ntrees ? ntrees : 1, sizeof *st->root);
  if (!st->root) abort();
  for (unsigned t = 0; t < ntrees; t++) {
    unsigned count;
    if (!next_line(r) || sscanf(r->line, "tree %u", &count) != 1 || !count) return 0;
    st->root[t] = M.nnodes;
    /* stage 1 may only read stage-1 features */
    if (!parse_tree(r, count, M.map, M.nfeat, cc_text_feature_count(s))) return 0;
  }
  st->ntrees = ntrees;
  return 1;
}

/* "page ITERS BASE..." and its ITERS x NTYPES trees. */
static int parse_page(reader *r) {
  unsigned iters;
  int used;
  if (M.proot || !M.npfeat || sscanf(r->line, "page %u%n", &iters, &used) != 1) return 0;
  const char *p = r->line + used;
  for (unsigned k = 0; k < NTYPES; k++) {
    int u;
    if (sscanf(p, "%lf%n", &M.pbase[k], &u) != 1) return 0;
    p += u;
  }
  M.proot = calloc((size_t)iters * NTYPES + 1, sizeof *M.proot);
  if (!M.proot) abort();
  for (unsigned t = 0; t < iters * NTYPES; t++) {
    unsigned count;
    if (!next_line(r) || sscanf(r->line, "tree %u", &count) != 1 || !count) return 0;
    M.proot[t] = M.nnodes;
    if (!parse_tree(r, count, M.pmap, M.npfeat, cc_text_page_feature_count())) return 0;
  }
  M.piters = iters;
  return 1;
}

static void init(void) {
  reader r = {(const char *)cc_text_model_data,
              (const char *)cc_text_model_data + cc_text_model_data_len, {0}};
  M.threshold = 0.5;
  if (!next_line(&r) || !parse_names(r.line, "features", cc_text_feature_name, M.map, &M.nfeat))
    return;
  while (next_line(&r)) {
    int ok;
    if (!strncmp(r.line, "threshold ", 10))
      ok = sscanf(r.line + 10, "%lf", &M.threshold) == 1 && M.threshold > 0 && M.threshold < 1;
    else if (!strncmp(r.line, "page_features ", 14))
      ok = parse_names(r.line, "page_features", cc_text_page_feature_name, M.pmap, &M.npfeat);
    else if (!strncmp(r.line, "page_types ", 11))
      ok = parse_types(r.line);
    else if (!strncmp(r.line, "page ", 5))
      ok = parse_page(&r);
    else
      ok = parse_stage(&r);
    if (!ok) return;
  }
  M.ok = M.st[0].root != NULL;
}

int cc_text_model_stages(void) {
  pthread_once(&once, init);
  return M.ok ? (M.st[1].root ? 2 : 1) : 0;
}

float cc_text_model_threshold(void) {
  pthread_once(&once, init);
  return (float)M.threshold;
}

int cc_text_model_ready(void) {
  pthread_once(&once, init);
  return M.ok;
}

/* ---- evaluation ------------------------------------------------------- */

static inline uint32_t leaf(uint32_t i, const float *x) {
  const node *N = M.nodes;
  while (!is_leaf(N, i)) i = N[i].left + (x[N[i].in] > N[i].thr);
  return i;
}

static double walk(uint32_t root, const float *x) { return M.value[leaf(root, x)]; }

/* sum plus the leaf values of n trees (roots root[0], root[stride], ...),
 * added in that order, for the values x the nodes read (node.in). The
 * trees are walked LANES at a time, side by side: each walk is a chain of
 * dependent loads, and independent chains keep the core busy while one
 * waits. A group takes as many steps as its
 * tallest tree is high, with no test on the way: a lane at its leaf
 * stays there (see node). These trees are small and balanced (16 leaves,
 * 5 to 11 high), so few steps are wasted; model.c's deeper, lopsided
 * trees are faster walked one at a time, on predicted branches. */
#define LANES 8
static double sum_trees(double sum, const uint32_t *root, uint32_t n, size_t stride,
                        const float *x) {
  const node *N = M.nodes;
  uint32_t t = 0;
  for (; t + LANES <= n; t += LANES) {
    uint32_t id[LANES];
    unsigned steps = 0;
    for (unsigned k = 0; k < LANES; k++) {
      id[k] = root[(t + k) * stride];
      if (N[id[k]].height > steps) steps = N[id[k]].height;
    }
    while (steps--)
      for (unsigned k = 0; k < LANES; k++) {
        const node *d = &N[id[k]];
        id[k] = d->left + (x[d->in] > d->thr);
      }
    for (unsigned k = 0; k < LANES; k++) sum += M.value[id[k]];
  }
  for (; t < n; t++) sum += walk(root[t * stride], x);
  return sum;
}

const char *cc_text_page_type_name(unsigned k) { return k < NTYPES ? page_types[k] : NULL; }

void cc_text_model_page(const float *pg, unsigned npg, float *pt, unsigned npt) {
  for (unsigned k = 0; k < npt; k++) pt[k] = 0.f;
  pthread_once(&once, init);
  if (!M.ok || !M.proot || npt < NTYPES) return;
  float x[MAX_FEATURES] = {0}; /* page features this build has but the caller not: 0 */
  memcpy(x, pg, (npg < MAX_FEATURES ? npg : MAX_FEATURES) * sizeof *x);
  double raw[NTYPES], max = -1e300, sum = 0;
  for (unsigned k = 0; k < NTYPES; k++) {
    raw[k] = sum_trees(M.pbase[k], M.proot + k, M.piters, NTYPES, x);
    if (raw[k] > max) max = raw[k];
  }
  for (unsigned k = 0; k < NTYPES; k++) sum += exp(raw[k] - max);
  for (unsigned k = 0; k < NTYPES; k++) pt[k] = (float)(exp(raw[k] - max) / sum);
}

float cc_text_model_p(const cc_tfeat *f, uint32_t i, int stage_no, unsigned *top, float *eff,
                      unsigned ntop) {
  if (!cc_text_model_ready()) return 0.5f;
  float all[MAX_FEATURES];
  float credit[MAX_FEATURES];
  /* the stage's trees read only the features it has (parse_stage) */
  cc_text_features(f, i, stage_no, all);
  const stage *st = &M.st[stage_no == 1 ? 0 : 1];
  if (!top) return (float)(1.0 / (1.0 + exp(-sum_trees(st->base, st->root, st->ntrees, 1, all))));
  memset(credit, 0, sizeof credit);
  double sum = st->base;
  for (uint32_t t = 0; t < st->ntrees; t++) {
    uint32_t i = st->root[t];
    while (!is_leaf(M.nodes, i)) {
      uint32_t next = M.nodes[i].left + (all[M.nodes[i].in] > M.nodes[i].thr);
      credit[M.nodes[i].feat] += (float)(M.value[next] - M.value[i]);
      i = next;
    }
    sum += M.value[i];
  }
  for (unsigned k = 0; top && k < ntop; k++) { /* the largest credits, in order */
    int best = -1;
    for (unsigned j = 0; j < M.nfeat; j++)
      if (credit[j] != 0.f && (best < 0 || fabsf(credit[j]) > fabsf(credit[best]))) best = (int)j;
    top[k] = best < 0 ? (unsigned)-1 : (unsigned)M.map[best];
    eff[k] = best < 0 ? 0.f : credit[best];
    if (best >= 0) credit[best] = 0.f;
  }
  return (float)(1.0 / (1.0 + exp(-sum)));
}
