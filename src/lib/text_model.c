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
 *   stage S BASE TREES           a stage (1 or 2): base log-odds, trees
 *   tree NODES                   a tree; its nodes follow, root first
 *   N FEATURE THRESHOLD LEFT RIGHT VALUE   a split: x <= THRESHOLD goes
 *                                left (node numbers within the tree)
 *   L VALUE                      a leaf
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

extern const unsigned char cc_text_model_data[];
extern const size_t cc_text_model_data_len;

#define MAX_FEATURES 128

typedef struct node {
  double thr, value;
  uint32_t left, right; /* absolute node indices; 0 for a leaf */
  int16_t feat;         /* model feature index, -1 for a leaf */
} node;

typedef struct stage {
  double base;
  uint32_t *root; /* absolute index of each tree's root */
  uint32_t ntrees;
} stage;

static struct {
  int ok;
  unsigned nfeat;
  int16_t map[MAX_FEATURES]; /* model feature -> cc_text_features index */
  node *nodes;
  uint32_t nnodes, cap;
  stage st[2];
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

static int parse_features(char *line) {
  char *save = NULL;
  char *w = strtok_r(line, " \t", &save);
  if (!w || strcmp(w, "features")) return 0;
  while ((w = strtok_r(NULL, " \t", &save))) {
    if (M.nfeat >= MAX_FEATURES) return 0;
    int k = -1;
    for (unsigned j = 0; cc_text_feature_name(j); j++)
      if (!strcmp(cc_text_feature_name(j), w)) k = (int)j;
    if (k < 0) return 0; /* a feature this build does not compute */
    M.map[M.nfeat++] = (int16_t)k;
  }
  return M.nfeat > 0;
}

static node *new_node(void) {
  if (M.nnodes == M.cap) {
    M.cap = M.cap ? M.cap * 2 : 4096;
    M.nodes = realloc(M.nodes, M.cap * sizeof *M.nodes);
    if (!M.nodes) abort();
  }
  node *x = &M.nodes[M.nnodes++];
  memset(x, 0, sizeof *x);
  return x;
}

/* One tree of `count` nodes; node references are checked to point
 * forward within the tree, so every walk ends at a leaf. */
static int parse_tree(reader *r, uint32_t count, unsigned limit) {
  uint32_t base = M.nnodes;
  for (uint32_t k = 0; k < count; k++) {
    if (!next_line(r)) return 0;
    node *x = new_node();
    int feat;
    unsigned l, rt;
    if (r->line[0] == 'L' && sscanf(r->line + 1, "%lf", &x->value) == 1) {
      x->feat = -1;
    } else if (r->line[0] == 'N' &&
               sscanf(r->line + 1, "%d %lf %u %u %lf", &feat, &x->thr, &l, &rt, &x->value) == 5 &&
               feat >= 0 && (unsigned)feat < M.nfeat && (unsigned)M.map[feat] < limit &&
               l > k && rt > k && l < count &&
               rt < count) {
      x->feat = (int16_t)feat;
      x->left = base + l;
      x->right = base + rt;
    } else {
      return 0;
    }
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
    if (!parse_tree(r, count, cc_text_feature_count(s))) return 0;
  }
  st->ntrees = ntrees;
  return 1;
}

static void init(void) {
  reader r = {(const char *)cc_text_model_data,
              (const char *)cc_text_model_data + cc_text_model_data_len, {0}};
  if (!next_line(&r) || !parse_features(r.line)) return;
  while (next_line(&r))
    if (!parse_stage(&r)) return;
  M.ok = M.st[0].root && M.st[1].root;
}

int cc_text_model_ready(void) {
  pthread_once(&once, init);
  return M.ok;
}

/* ---- evaluation ------------------------------------------------------- */

float cc_text_model_p(const cc_tfeat *f, uint32_t i, int stage_no, unsigned *top, float *eff,
                      unsigned ntop) {
  if (!cc_text_model_ready()) return 0.5f;
  float all[MAX_FEATURES], x[MAX_FEATURES];
  float credit[MAX_FEATURES];
  unsigned have = cc_text_feature_count(stage_no);
  cc_text_features(f, i, stage_no, all);
  for (unsigned k = 0; k < M.nfeat; k++) x[k] = (unsigned)M.map[k] < have ? all[M.map[k]] : 0.f;
  if (top) memset(credit, 0, sizeof credit);
  const stage *st = &M.st[stage_no == 1 ? 0 : 1];
  double sum = st->base;
  for (uint32_t t = 0; t < st->ntrees; t++) {
    const node *nd = &M.nodes[st->root[t]];
    while (nd->feat >= 0) {
      const node *next = &M.nodes[(double)x[nd->feat] <= nd->thr ? nd->left : nd->right];
      if (top) credit[nd->feat] += (float)(next->value - nd->value);
      nd = next;
    }
    sum += nd->value;
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
