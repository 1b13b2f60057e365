/* proto.c — frames and messages between the parent and its workers (see
 * proto.h for the format). Owns nothing beyond the buffers it returns. */
#include "proto.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"

#define ABSENT UINT64_MAX

static void put_hdr(unsigned char *h, uint32_t type, uint64_t len) {
  uint32_t m = PROTO_MAGIC;
  memcpy(h, &m, 4);
  memcpy(h + 4, &type, 4);
  memcpy(h + 8, &len, 8);
}

static int get_hdr(const unsigned char *h, uint32_t *type, uint64_t *len, uint64_t max) {
  uint32_t m;
  memcpy(&m, h, 4);
  memcpy(type, h + 4, 4);
  memcpy(len, h + 8, 8);
  if (m != PROTO_MAGIC || *len > max || *len > PROTO_MAX_PAYLOAD) {
    errno = EPROTO;
    return -1;
  }
  return 0;
}

/* sendmsg with MSG_NOSIGNAL: a vanished peer is EPIPE, not SIGPIPE. */
static ssize_t send_iov(int fd, struct iovec *iov, int n) {
  struct msghdr mh;
  memset(&mh, 0, sizeof mh);
  mh.msg_iov = iov;
  mh.msg_iovlen = (size_t)n;
  return sendmsg(fd, &mh, MSG_NOSIGNAL);
}

/* Advances an iovec array past `n` bytes. */
static void iov_skip(struct iovec **iov, int *n, size_t k) {
  while (*n > 0 && k >= (*iov)->iov_len) {
    k -= (*iov)->iov_len;
    (*iov)++;
    (*n)--;
  }
  if (*n > 0 && k) {
    (*iov)->iov_base = (char *)(*iov)->iov_base + k;
    (*iov)->iov_len -= k;
  }
}

int proto_send(int fd, uint32_t type, const struct iovec *iov, int n) {
  proto_writer w;
  proto_writer_start(&w, type, iov, n);
  for (;;) {
    struct iovec v[4];
    int nv = w.niov;
    memcpy(v, w.iov, sizeof v);
    struct iovec *p = v;
    iov_skip(&p, &nv, w.done);
    ssize_t k = send_iov(fd, p, nv);
    if (k < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    w.done += (size_t)k;
    if (w.done >= w.total) return 0;
  }
}

static int read_full(int fd, void *buf, size_t n, size_t *got) {
  char *p = buf;
  *got = 0;
  while (*got < n) {
    ssize_t r = read(fd, p + *got, n - *got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (r == 0) return 0;
    *got += (size_t)r;
  }
  return 1;
}

int proto_recv(int fd, uint32_t *type, char **payload, size_t *len, uint64_t max) {
  unsigned char h[PROTO_HDR_SIZE];
  size_t got;
  int rc = read_full(fd, h, sizeof h, &got);
  if (rc < 0) return -1;
  if (rc == 0) {
    if (got == 0) return 0;
    errno = EPROTO;
    return -1;
  }
  uint64_t n;
  if (get_hdr(h, type, &n, max) != 0) return -1;
  char *p = malloc((size_t)n + 1);
  if (!p) {
    errno = ENOMEM;
    return -1;
  }
  rc = read_full(fd, p, (size_t)n, &got);
  if (rc <= 0) {
    int e = rc < 0 ? errno : EPROTO;
    free(p);
    errno = e;
    return -1;
  }
  p[n] = '\0';
  *payload = p;
  *len = (size_t)n;
  return 1;
}

void proto_writer_start(proto_writer *w, uint32_t type, const struct iovec *iov, int n) {
  uint64_t len = 0;
  for (int i = 0; i < n; i++) len += iov[i].iov_len;
  put_hdr(w->hdr, type, len);
  w->iov[0].iov_base = w->hdr;
  w->iov[0].iov_len = PROTO_HDR_SIZE;
  w->niov = 1;
  for (int i = 0; i < n && i < 3; i++) w->iov[w->niov++] = iov[i];
  w->total = PROTO_HDR_SIZE + (size_t)len;
  w->done = 0;
}

int proto_writer_flush(proto_writer *w, int fd) {
  while (w->done < w->total) {
    struct iovec v[4];
    int nv = w->niov;
    memcpy(v, w->iov, sizeof v);
    struct iovec *p = v;
    iov_skip(&p, &nv, w->done);
    ssize_t k = send_iov(fd, p, nv);
    if (k < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
      return -1;
    }
    w->done += (size_t)k;
  }
  return 1;
}

int proto_reader_feed(proto_reader *r, int fd, uint64_t max) {
  for (;;) {
    void *dst;
    size_t want;
    if (r->hdr_have < PROTO_HDR_SIZE) {
      dst = r->hdr + r->hdr_have;
      want = PROTO_HDR_SIZE - r->hdr_have;
    } else {
      if (r->have == r->len) return 1;
      dst = r->payload + r->have;
      want = r->len - r->have;
    }
    ssize_t k = read(fd, dst, want);
    if (k < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
      return -1;
    }
    if (k == 0) {
      errno = 0;
      return -1;
    }
    if (r->hdr_have < PROTO_HDR_SIZE) {
      r->hdr_have += (size_t)k;
      if (r->hdr_have == PROTO_HDR_SIZE) {
        uint64_t n;
        if (get_hdr(r->hdr, &r->type, &n, max) != 0) return -1;
        r->payload = malloc((size_t)n + 1);
        if (!r->payload) {
          errno = ENOMEM;
          return -1;
        }
        r->payload[n] = '\0';
        r->len = (size_t)n;
        r->have = 0;
        if (n == 0) return 1;
      }
    } else {
      r->have += (size_t)k;
      if (r->have == r->len) return 1;
    }
  }
}

char *proto_reader_take(proto_reader *r, uint32_t *type, size_t *len) {
  char *p = r->payload;
  if (type) *type = r->type;
  if (len) *len = r->len;
  r->payload = NULL;
  r->hdr_have = r->len = r->have = 0;
  return p;
}

void proto_reader_free(proto_reader *r) {
  free(r->payload);
  memset(r, 0, sizeof *r);
}

/* ---- payload encoding ---- */

static void penc_raw(penc *e, const void *p, size_t n) {
  if (e->len + n > e->cap) {
    size_t cap = e->cap ? e->cap : 256;
    while (cap < e->len + n) cap *= 2;
    e->data = xrealloc(e->data, cap);
    e->cap = cap;
  }
  if (n) memcpy(e->data + e->len, p, n);
  e->len += n;
}

void penc_u32(penc *e, uint32_t v) { penc_raw(e, &v, 4); }
void penc_u64(penc *e, uint64_t v) { penc_raw(e, &v, 8); }

void penc_bytes(penc *e, const void *p, size_t n) {
  penc_u64(e, (uint64_t)n);
  penc_raw(e, p, n);
  penc_raw(e, "", 1); /* a NUL after every string, so pointers into the
                         payload can be used as C strings */
}

void penc_str(penc *e, const char *s) {
  if (!s) {
    penc_u64(e, ABSENT);
    return;
  }
  penc_bytes(e, s, strlen(s));
}

void penc_free(penc *e) {
  free(e->data);
  memset(e, 0, sizeof *e);
}

static int pdec_need(pdec *d, size_t n) {
  if (d->bad || d->len - d->off < n) {
    d->bad = 1;
    return 0;
  }
  return 1;
}

uint32_t pdec_u32(pdec *d) {
  uint32_t v = 0;
  if (pdec_need(d, 4)) {
    memcpy(&v, d->p + d->off, 4);
    d->off += 4;
  }
  return v;
}

uint64_t pdec_u64(pdec *d) {
  uint64_t v = 0;
  if (pdec_need(d, 8)) {
    memcpy(&v, d->p + d->off, 8);
    d->off += 8;
  }
  return v;
}

const char *pdec_bytes(pdec *d, size_t *n) {
  uint64_t k = pdec_u64(d);
  *n = 0;
  if (d->bad || k == ABSENT) return NULL;
  if (k >= d->len - d->off || d->p[d->off + k] != '\0') {
    d->bad = 1;
    return NULL;
  }
  const char *p = d->p + d->off;
  d->off += (size_t)k + 1;
  *n = (size_t)k;
  return p;
}

char *pdec_strdup(pdec *d) {
  size_t n;
  const char *p = pdec_bytes(d, &n);
  return p ? xstrndup(p, n) : NULL;
}

const char *pdec_rest(pdec *d, size_t *n) {
  *n = d->bad ? 0 : d->len - d->off;
  return d->bad ? NULL : d->p + d->off;
}

/* A count of u64 values followed by the values, copied out aligned. */
static void penc_u64s(penc *e, const uint64_t *v, size_t n) {
  penc_u64(e, (uint64_t)n);
  penc_raw(e, v, n * sizeof *v);
}

static uint64_t *pdec_u64s(pdec *d, size_t *n) {
  uint64_t k = pdec_u64(d);
  *n = 0;
  if (d->bad) return NULL;
  if (k > (d->len - d->off) / 8) {
    d->bad = 1;
    return NULL;
  }
  if (!k) return NULL;
  uint64_t *v = xmalloc((size_t)k * 8);
  memcpy(v, d->p + d->off, (size_t)k * 8);
  d->off += (size_t)k * 8;
  *n = (size_t)k;
  return v;
}

void job_encode(const job_msg *j, penc *e) {
  penc_u64(e, j->seq);
  penc_u32(e, j->flags);
  penc_str(e, j->url);
  penc_str(e, j->charset);
  penc_str(e, j->source);
  penc_str(e, j->extra);
  penc_str(e, j->imap);
  penc_u64s(e, j->bp, j->nbp);
}

int job_decode(const char *payload, size_t len, job_msg *j, uint64_t **hash_store) {
  pdec d = {payload, len, 0, 0};
  size_t n;
  memset(j, 0, sizeof *j);
  j->seq = pdec_u64(&d);
  j->flags = pdec_u32(&d);
  j->url = pdec_bytes(&d, &n);
  j->charset = pdec_bytes(&d, &n);
  j->source = pdec_bytes(&d, &n);
  j->extra = pdec_bytes(&d, &n);
  j->imap = pdec_bytes(&d, &n);
  *hash_store = pdec_u64s(&d, &j->nbp);
  j->bp = *hash_store;
  j->data = pdec_rest(&d, &j->len);
  if (d.bad) {
    free(*hash_store);
    *hash_store = NULL;
    return -1;
  }
  return 0;
}

void result_encode(const result_msg *r, penc *e) {
  penc_u64(e, r->seq);
  penc_u32(e, r->kind);
  penc_u32(e, r->status);
  penc_u64(e, r->input_bytes);
  penc_u64(e, r->text_hash);
  penc_str(e, r->message);
  penc_str(e, r->url);
  penc_str(e, r->explain);
  penc_str(e, r->name);
  penc_str(e, r->images);
  penc_u64s(e, r->hashes, r->nhashes);
}

int result_decode(const char *payload, size_t len, result_msg *r, uint64_t **hash_store) {
  pdec d = {payload, len, 0, 0};
  size_t n;
  memset(r, 0, sizeof *r);
  r->seq = pdec_u64(&d);
  r->kind = pdec_u32(&d);
  r->status = pdec_u32(&d);
  r->input_bytes = pdec_u64(&d);
  r->text_hash = pdec_u64(&d);
  r->message = pdec_bytes(&d, &n);
  r->url = pdec_bytes(&d, &n);
  r->explain = pdec_bytes(&d, &n);
  r->name = pdec_bytes(&d, &n);
  r->images = pdec_bytes(&d, &n);
  *hash_store = pdec_u64s(&d, &r->nhashes);
  r->hashes = *hash_store;
  r->out = pdec_rest(&d, &r->outlen);
  if (d.bad || r->kind > RES_ERROR) {
    free(*hash_store);
    *hash_store = NULL;
    return -1;
  }
  return 0;
}
