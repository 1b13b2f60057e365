/* dump.c — writes the blocks and block features of saved pages, for training.
 *
 *   cc_dump LIST OUT
 *
 * LIST has one "ID<TAB>PATH" per line (PATH an .html or .html.gz file).
 * Writes OUT.tsv (one line per block: page ID, block index, node id, the
 * block's own text), OUT.f32 (its features, CC_NFEAT raw floats per
 * block, in the same order) and OUT.names (the feature names, one per
 * line). Pages that fail are reported on stderr and skipped. Links the
 * library's internals (classify.c's dump hook); train/train.py runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pipeline.h"

static char *load(const char *path, size_t *len) {
  gzFile f = gzopen(path, "rb"); /* reads plain files too */
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  for (;;) {
    if (n == cap) b = realloc(b, cap *= 2);
    int r = gzread(f, b + n, (unsigned)(cap - n));
    if (r <= 0) break;
    n += (size_t)r;
  }
  gzclose(f);
  *len = n;
  return b;
}

static FILE *open_out(const char *prefix, const char *ext) {
  char path[4096];
  snprintf(path, sizeof path, "%s.%s", prefix, ext);
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    exit(1);
  }
  return f;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: cc_dump LIST OUT\n");
    return 2;
  }
  FILE *list = fopen(argv[1], "r");
  if (!list) {
    perror(argv[1]);
    return 1;
  }
  FILE *tsv = open_out(argv[2], "tsv"), *f32 = open_out(argv[2], "f32"),
       *names = open_out(argv[2], "names");
  for (unsigned i = 0; i < CC_NFEAT; i++) fprintf(names, "%s\n", cc_feature_name(i));
  fclose(names);
  char line[4096];
  while (fgets(line, sizeof line, list)) {
    line[strcspn(line, "\r\n")] = 0;
    char *tab = strchr(line, '\t');
    if (!tab) continue;
    *tab = 0;
    size_t len;
    char *data = load(tab + 1, &len);
    if (!data) {
      fprintf(stderr, "cc_dump: %s: cannot read\n", tab + 1);
      continue;
    }
    cc_options opt;
    cc_options_init(&opt);
    cc_buf rows = CC_BUF_INIT;
    cc_result *res;
    cc_error err;
    if (cc_extract_dump(data, len, &opt, &res, &err, &rows) != CC_OK) {
      fprintf(stderr, "cc_dump: %s: %s\n", line, err.message);
    } else {
      for (size_t p = 0; p < rows.len;) {
        size_t n = strlen(rows.data + p);
        fprintf(tsv, "%s\t%s", line, rows.data + p);
        fwrite(rows.data + p + n + 1, sizeof(float), CC_NFEAT, f32);
        p += n + 1 + CC_NFEAT * sizeof(float);
      }
      cc_result_free(res);
    }
    cc_buf_free(&rows);
    free(data);
  }
  fclose(list);
  fclose(tsv);
  fclose(f32);
  return 0;
}
