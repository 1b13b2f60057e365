/* spool.c — the pass-1 spool (see spool.h): a sequence of records, each a
 * magic number and length-prefixed fields, in an unlinked temp file. */
#include "spool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REC_MAGIC 0x53504c31u /* "SPL1" */
#define ABSENT UINT64_MAX

int spool_open(spool *s, const char *dir, char *err, size_t errcap) {
  memset(s, 0, sizeof *s);
  sbuf p = {0};
  if (!dir || !*dir) {
    dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
  }
  sbuf_printf(&p, "%s/.clipclean-spool.XXXXXX", dir);
  int fd = mkstemp(p.data);
  if (fd < 0) {
    snprintf(err, errcap, "cannot create the learning spool in %s: %s", dir, strerror(errno));
    sbuf_free(&p);
    return -1;
  }
  unlink(p.data);
  sbuf_free(&p);
  s->f = fdopen(fd, "w+");
  if (!s->f) {
    close(fd);
    snprintf(err, errcap, "cannot open the learning spool: %s", strerror(errno));
    return -1;
  }
  return 0;
}

static void put64(spool *s, uint64_t v) { fwrite(&v, 8, 1, s->f); }

static void put_str(spool *s, const char *p, size_t n, int present) {
  put64(s, present ? (uint64_t)n : ABSENT);
  if (present && n) fwrite(p, 1, n, s->f);
}

int spool_write(spool *s, const spool_rec *r) {
  uint32_t hdr[3] = {REC_MAGIC, r->kind, r->status};
  fwrite(hdr, sizeof hdr, 1, s->f);
  put64(s, r->site);
  put64(s, r->input_bytes);
  put64(s, r->dev);
  put64(s, r->ino);
  put_str(s, r->path, r->path ? strlen(r->path) : 0, r->path != NULL);
  put_str(s, r->rel, r->rel ? strlen(r->rel) : 0, r->rel != NULL);
  put_str(s, r->message, r->message ? strlen(r->message) : 0, r->message != NULL);
  put_str(s, r->explain, r->explain ? strlen(r->explain) : 0, r->explain != NULL);
  put_str(s, r->name, r->name ? strlen(r->name) : 0, r->name != NULL);
  put64(s, r->nhashes);
  if (r->nhashes) fwrite(r->hashes, 8, r->nhashes, s->f);
  put_str(s, r->out, r->outlen, 1);
  return ferror(s->f) ? -1 : 0;
}

int spool_rewind(spool *s) {
  if (fflush(s->f) != 0 || ferror(s->f)) return -1;
  rewind(s->f);
  return 0;
}

static int get64(spool *s, uint64_t *v) { return fread(v, 8, 1, s->f) == 1 ? 0 : -1; }

static int get_str(spool *s, char **out, size_t *len) {
  uint64_t n;
  *out = NULL;
  if (len) *len = 0;
  if (get64(s, &n) != 0) return -1;
  if (n == ABSENT) return 0;
  if (n > ((uint64_t)1 << 34)) return -1;
  char *p = xmalloc((size_t)n + 1);
  if (n && fread(p, 1, (size_t)n, s->f) != n) {
    free(p);
    return -1;
  }
  p[n] = '\0';
  *out = p;
  if (len) *len = (size_t)n;
  return 0;
}

int spool_read(spool *s, spool_rec *r) {
  memset(r, 0, sizeof *r);
  uint32_t hdr[3];
  size_t k = fread(hdr, sizeof hdr, 1, s->f);
  if (k != 1) return feof(s->f) ? 0 : -1;
  if (hdr[0] != REC_MAGIC) return -1;
  r->kind = hdr[1];
  r->status = hdr[2];
  uint64_t nh;
  if (get64(s, &r->site) || get64(s, &r->input_bytes) || get64(s, &r->dev) || get64(s, &r->ino) || get_str(s, &r->path, NULL) ||
      get_str(s, &r->rel, NULL) || get_str(s, &r->message, NULL) ||
      get_str(s, &r->explain, NULL) || get_str(s, &r->name, NULL) || get64(s, &nh) ||
      nh > ((uint64_t)1 << 28))
    goto bad;
  if (nh) {
    r->hashes = xmalloc((size_t)nh * 8);
    r->nhashes = (size_t)nh;
    if (fread(r->hashes, 8, (size_t)nh, s->f) != nh) goto bad;
  }
  if (get_str(s, &r->out, &r->outlen)) goto bad;
  return 1;
bad:
  spool_rec_free(r);
  return -1;
}

void spool_rec_free(spool_rec *r) {
  free(r->path);
  free(r->rel);
  free(r->message);
  free(r->explain);
  free(r->name);
  free(r->hashes);
  free(r->out);
  memset(r, 0, sizeof *r);
}

void spool_close(spool *s) {
  if (s->f) fclose(s->f);
  s->f = NULL;
}
