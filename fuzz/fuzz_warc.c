/* fuzz_warc.c — the WARC reader (cc_warc_*) on any bytes: read as they
 * are, or first gzip-compressed here in members cut at points the input
 * chooses (so member boundaries fall inside headers and blocks), sometimes
 * with a byte of the compressed data damaged; fed through a callback in
 * small or large reads, or as a file (memfd: the reader may seek back),
 * with a small page limit. Every record is checked: a page has a body
 * within the limit and NUL-terminated, other kinds have none and say why,
 * every error says where; the reader must end within a bounded number of
 * calls.
 *
 * Option bytes: [0] mode (bits 0-1: as is, gzip cut, one gzip member, gzip
 * cut and damaged; bit 2: as a file; bits 3-5: read size; bits 6-7: page
 * limit), [1] cut length, [2] damage position. */
#define _GNU_SOURCE /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "../include/clipclean.h"
#include "fuzz.h"

typedef struct src {
  const uint8_t *p;
  size_t n, at, step;
} src;

static ptrdiff_t src_read(void *u, void *buf, size_t cap) {
  src *s = u;
  size_t k = s->n - s->at;
  if (k > cap) k = cap;
  if (k > s->step) k = s->step;
  if (k) memcpy(buf, s->p + s->at, k);
  s->at += k;
  return (ptrdiff_t)k;
}

/* gzip members of `cut` bytes each (0: one member), at most 2000 of them;
 * one small deflate state reset per member (fast: this is the harness). */
static uint8_t *gzip_cut(const uint8_t *p, size_t n, size_t cut, size_t *outlen) {
  if (cut && cut < n / 2000) cut = n / 2000;
  size_t members = cut ? n / cut + 1 : 1;
  size_t cap = n + n / 8 + 64 * (members + 1), len = 0;
  uint8_t *out = malloc(cap);
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (deflateInit2(&zs, 1, Z_DEFLATED, 16 + 9, 1, Z_DEFAULT_STRATEGY) != Z_OK) abort();
  size_t i = 0;
  do {
    size_t k = cut && n - i > cut ? cut : n - i;
    deflateReset(&zs);
    zs.next_in = (Bytef *)p + i;
    zs.avail_in = (uInt)k;
    zs.next_out = out + len;
    zs.avail_out = (uInt)(cap - len);
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END) abort();
    len = cap - zs.avail_out;
    i += k;
  } while (i < n);
  deflateEnd(&zs);
  *outlen = len;
  return out;
}

static void check_record(const cc_warc_record *r, size_t max) {
  const char *s[] = {r->type, r->target_uri, r->date, r->record_id, r->content_type,
                     r->charset, r->why};
  size_t total = 0;
  for (size_t i = 0; i < FUZZ_COUNT(s); i++) total += s[i] ? strlen(s[i]) : 0;
  (void)total;
  if (r->kind == CC_WARC_PAGE) {
    if (!r->body || r->body_len > max || r->body[r->body_len] != '\0' || r->why) abort();
  } else if (r->body || !r->why) {
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in = {data, size};
  uint8_t mode = fuzz_byte(&in), cut = fuzz_byte(&in), dmg = fuzz_byte(&in);
  static const size_t steps[] = {1, 2, 3, 7, 64, 511, 4096, 1 << 20};
  static const size_t limits[] = {0, 16, 200, 4096};
  size_t step = steps[(mode >> 3) & 7], max = limits[mode >> 6];
  const uint8_t *p = in.p;
  size_t n = in.n;
  uint8_t *z = NULL;
  if (mode & 3) {
    z = gzip_cut(in.p, in.n, (mode & 3) == 2 ? 0 : (size_t)cut + 1, &n);
    if ((mode & 3) == 3 && n) z[(dmg * 257u) % n] ^= 0x55;
    p = z;
  }
  cc_warc_sniff((const char *)p, n);
  cc_options o;
  cc_options_init(&o);
  if (max) o.max_input_bytes = max;
  cc_warc_reader *w = NULL;
  cc_error err;
  src s = {p, n, 0, step};
  int fd = -1;
  if (mode & 4) {
    char path[64];
    fd = memfd_create("warc", MFD_CLOEXEC);
    if (fd < 0 || write(fd, p, n) != (ssize_t)n) abort();
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    if (cc_warc_open(path, &o, &w, &err) != CC_OK) abort();
  } else if (cc_warc_open_read(src_read, &s, &o, &w, &err) != CC_OK) {
    abort();
  }
  size_t limit = max ? max : (size_t)64 << 20;
  for (size_t calls = 0;; calls++) {
    if (calls > 4 * (size_t)n + 64 && calls > 100000) abort(); /* no end in sight */
    const cc_warc_record *r;
    memset(&err, 0, sizeof err);
    cc_status st = cc_warc_next(w, &r, &err);
    if (st == CC_OK && !r) break;
    if (st != CC_OK) {
      if (err.status != st || strncmp(err.message, "record at offset ", 17) != 0) {
        if (strncmp(err.message, "offset ", 7) != 0) abort();
      }
      if (r && r->body) abort(); /* a failed record hands out no payload */
      continue;
    }
    check_record(r, limit);
  }
  const cc_warc_record *r;
  if (cc_warc_next(w, &r, &err) != CC_OK || r) abort(); /* the end stays the end */
  cc_warc_close(w);
  if (fd >= 0) close(fd);
  free(z);
  return 0;
}
