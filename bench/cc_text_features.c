/* cc_text_features.c — the text cleaner's blocks and their features, for
 * bench/train-text-model.
 *
 *   cc_text_features LIST OUT
 *
 * LIST names one clipping per line (UTF-8 text files). For each, runs the
 * text cleaner's stages as cc_extract does (text_build.c's
 * cc_text_analyse) and writes, per block:
 *   OUT.f32  the stage-1 features (text_features.c), float32, one row of
 *            cc_text_feature_count(1) values per block;
 *   OUT.tsv  name, block index, first line, the model's readings p1 and
 *            p as this build computes them (0 for a block the verdict
 *            decides: the cleaner does not score those), the verdict that
 *            overrides the model (cc_text_verdict: 0 none), and the block's text
 *            (tabs and line breaks as spaces).
 * The first line of OUT.tsv lists the feature names. Invalid UTF-8 is
 * read as is (the benchmark's dumps are UTF-8). It owns nothing outside
 * bench/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/clipclean.h"
#include "pipeline.h"
#include "text.h"

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  *len = n;
  return buf;
}

static const char *base_name(const char *path, char *out, size_t cap) {
  const char *s = strrchr(path, '/');
  s = s ? s + 1 : path;
  size_t n = strcspn(s, ".");
  if (n >= cap) n = cap - 1;
  memcpy(out, s, n);
  out[n] = '\0';
  return out;
}

static void dump(const char *path, FILE *fv, FILE *ft) {
  size_t len;
  char *data = slurp(path, &len);
  if (!data) {
    fprintf(stderr, "cc_text_features: cannot read %s\n", path);
    exit(1);
  }
  cc_arena a;
  cc_arena_init(&a);
  cc_options opt;
  cc_options_init(&opt);
  cc_meta meta;
  memset(&meta, 0, sizeof meta);
  cc_tdoc *doc = cc_text_analyse(&a, data, len, &opt, &meta);
  cc_tfeat *f = cc_text_features_prepare(doc);
  unsigned nf = cc_text_feature_count(1);
  float x[256];
  char name[256];
  base_name(path, name, sizeof name);
  for (uint32_t i = 0; i < doc->n; i++) {
    const cc_tblock *b = &doc->b[i];
    cc_text_features(f, i, 1, x);
    fwrite(x, sizeof *x, nf, fv);
    fprintf(ft, "%s\t%u\t%u\t%.9g\t%.9g\t%d\t", name, i, b->line, (double)b->p1, (double)b->p,
            cc_text_verdict(doc, i));
    for (uint32_t k = 0; k < b->len; k++) {
      char c = b->text[k];
      fputc(c == '\t' || c == '\n' || c == '\r' ? ' ' : c, ft);
    }
    fputc('\n', ft);
  }
  cc_text_features_free(f);
  cc_arena_free(&a);
  free(data);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: cc_text_features LIST OUT\n");
    return 2;
  }
  FILE *list = fopen(argv[1], "r");
  char path[4096];
  snprintf(path, sizeof path, "%s.f32", argv[2]);
  FILE *fv = fopen(path, "wb");
  snprintf(path, sizeof path, "%s.tsv", argv[2]);
  FILE *ft = fopen(path, "w");
  if (!list || !fv || !ft) {
    fprintf(stderr, "cc_text_features: cannot open %s or %s.*\n", argv[1], argv[2]);
    return 1;
  }
  for (unsigned k = 0; k < cc_text_feature_count(1); k++)
    fprintf(ft, "%s%s", k ? "\t" : "#features\t", cc_text_feature_name(k));
  fprintf(ft, "\n");
  while (fgets(path, sizeof path, list)) {
    path[strcspn(path, "\r\n")] = '\0';
    if (*path) dump(path, fv, ft);
  }
  fclose(list);
  if (fclose(fv) || fclose(ft)) {
    fprintf(stderr, "cc_text_features: write error\n");
    return 1;
  }
  return 0;
}
