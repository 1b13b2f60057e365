/* model.c — evaluating the boosted trees of model.h. */
#include "model.h"
#include "oom.h"

#include <math.h>
#include <string.h>

void cc_model_raw(const cc_model *m, const float *x, float *out) {
  for (unsigned c = 0; c < m->nclasses; c++) out[c] = m->baseline[c];
  for (unsigned t = 0; t < m->ntrees; t++) {
    const cc_tree_node *n = &m->nodes[m->roots[t]];
    while (n->feature != CC_TREE_LEAF) n += x[n->feature] <= n->value ? 1 : n->right;
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
