/* model.h — gradient-boosted decision trees, evaluated.
 *
 * The models are data: train/train.py fits them (scikit-learn's
 * histogram gradient boosting) on the development sets and writes
 * src/lib/model_data.c, the trees as arrays. A model carries the names of
 * the features it was trained on, so a change to blocks.h that is not
 * followed by retraining is caught (cc_model_check) instead of silently
 * feeding features to the wrong splits.
 */
#ifndef CC_MODEL_H
#define CC_MODEL_H

#include <stdint.h>

/* A tree is written in preorder: a split's left child is the node right
 * after it, its right child `right` nodes after it. 8 bytes a node, so
 * the trees a page walks stay in the cache. */
typedef struct cc_tree_node {
  float value;      /* a leaf's value; a split's threshold */
  uint16_t feature; /* a split's feature index; CC_TREE_LEAF for a leaf */
  uint16_t right;   /* a split's right child: this node + right */
} cc_tree_node;
#define CC_TREE_LEAF 0xFFFFu

typedef struct cc_model {
  const char *name;
  unsigned nclasses;       /* 1: binary (a logit); K > 2: softmax over K */
  unsigned ntrees;         /* trees, nclasses per boosting round */
  const uint32_t *roots;   /* roots[t]: index of tree t's root */
  const cc_tree_node *nodes;
  const float *baseline;   /* nclasses values */
  unsigned nfeatures;
  const char *const *features; /* the feature names, in the order used */
} cc_model;

/* The models (model_data.c): main content per block, the same in the
 * light of the neighbours' (context.c), and the page type. */
extern const cc_model cc_model_blocks;
extern const cc_model cc_model_context;
extern const cc_model cc_model_pagetype;

/* Raw scores of x: out[nclasses] (logits; for a binary model one logit). */
void cc_model_raw(const cc_model *m, const float *x, float *out);

/* Probability of the positive class (binary models). */
float cc_model_prob(const cc_model *m, const float *x);

/* Class probabilities (softmax) into out[nclasses]. */
void cc_model_probs(const cc_model *m, const float *x, float *out);

/* 1 when the model was trained on exactly these feature names, in order:
 * names(i) for i < n. */
int cc_model_check(const cc_model *m, const char *(*names)(unsigned), unsigned first,
                   unsigned n);

#endif
