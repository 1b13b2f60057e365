/* model.c — evaluating the boosted trees of model.h. */
#include "model.h"
#include "oom.h"

#include <math.h>
#include <string.h>

/* Trees walked side by side: a walk is a chain of dependent loads, and
 * LANES independent chains keep the core busy while each one waits. A
 * lane that reached its leaf stays there. The leaves are added in tree
 * order, so the sums are the same as one tree at a time. */
#define LANES 8

void cc_model_raw(const cc_model *m, const float *x, float *out) {
  const cc_tree_node *N = m->nodes;
  for (unsigned c = 0; c < m->nclasses; c++) out[c] = m->baseline[c];
  unsigned t = 0;
  for (; t + LANES <= m->ntrees; t += LANES) {
    uint32_t id[LANES];
    for (unsigned k = 0; k < LANES; k++) id[k] = m->roots[t + k];
    for (int more = 1; more;) {
      more = 0;
      for (unsigned k = 0; k < LANES; k++) {
        const cc_tree_node *n = &N[id[k]];
        uint32_t next = x[n->feature] <= n->value ? n->left : n->right;
        id[k] = n->leaf ? id[k] : next;
        more |= !n->leaf;
      }
    }
    for (unsigned k = 0; k < LANES; k++) out[(t + k) % m->nclasses] += N[id[k]].value;
  }
  for (; t < m->ntrees; t++) {
    const cc_tree_node *n = &N[m->roots[t]];
    while (!n->leaf) n = &N[x[n->feature] <= n->value ? n->left : n->right];
    out[t % m->nclasses] += n->value;
  }
}

float cc_model_prob(const cc_model *m, const float *x) {
  float z;
  cc_model_raw(m, x, &z);
  return 1.f / (1.f + expf(-z));
}

void cc_model_probs(const cc_model *m, const float *x, float *out) {
  cc_model_raw(m, x, out);
  float mx = out[0], sum = 0;
  for (unsigned c = 1; c < m->nclasses; c++)
    if (out[c] > mx) mx = out[c];
  for (unsigned c = 0; c < m->nclasses; c++) sum += out[c] = expf(out[c] - mx);
  for (unsigned c = 0; c < m->nclasses; c++) out[c] /= sum;
}

int cc_model_check(const cc_model *m, const char *(*names)(unsigned), unsigned first,
                   unsigned n) {
  if (m->nfeatures != n) return 0;
  for (unsigned i = 0; i < n; i++)
    if (strcmp(m->features[i], names(first + i)) != 0) return 0;
  return 1;
}
