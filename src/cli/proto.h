/* proto.h — the parent<->worker wire protocol: length-prefixed frames over
 * a stream socket, and the encoding of the two messages (a job, a result).
 *
 * A frame is a 16-byte header {magic, type, payload length (u64)} followed
 * by the payload. Both ends run on the same machine, so integers are in
 * host byte order. The worker side uses blocking whole-frame calls; the
 * parent side uses the incremental reader/writer, which make progress on a
 * non-blocking socket whenever poll() says so (partial reads and writes,
 * EINTR and EAGAIN handled; EPIPE/EOF reported as errors, never signals).
 *
 * A job carries the input bytes as the tail of its payload, so a 64 MiB
 * input is sent straight from the parent's buffer (writev) and never
 * copied into a message.
 */
#ifndef CCCLI_PROTO_H
#define CCCLI_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define PROTO_MAGIC 0x31434a43u /* "CJC1" */
#define PROTO_HDR_SIZE 16
/* The largest payload either side accepts: far above the 64 MiB input and
 * output limits, low enough that a corrupt length cannot exhaust memory. */
#define PROTO_MAX_PAYLOAD ((uint64_t)1 << 31)

/* MSG_READY: a worker's first message, empty: it has entered its sandbox
 * and waits for jobs (a job's time limit starts then). */
enum { MSG_JOB = 1, MSG_RESULT = 2, MSG_READY = 3 };

/* ---- frames, blocking (worker side) ---- */

/* Writes one frame: header + the concatenation of iov[0..n). Returns 0 or
 * -1 with errno (EPIPE when the peer is gone). */
int proto_send(int fd, uint32_t type, const struct iovec *iov, int n);
/* Reads one frame into a malloc'd payload (NUL-terminated for safety).
 * Returns 1 on a frame, 0 on a clean end of stream before any byte of a
 * header, -1 on error or a malformed frame (errno EPROTO) or a payload over
 * `max`. */
int proto_recv(int fd, uint32_t *type, char **payload, size_t *len, uint64_t max);

/* ---- frames, incremental (parent side, non-blocking fds) ---- */

typedef struct proto_writer {
  unsigned char hdr[PROTO_HDR_SIZE];
  struct iovec iov[4]; /* hdr + up to three payload pieces */
  int niov;
  size_t total, done;
} proto_writer;

/* Prepares a frame; the pieces must stay valid until the frame is sent. */
void proto_writer_start(proto_writer *w, uint32_t type, const struct iovec *iov, int n);
/* Writes as much as the socket takes. Returns 1 when the frame is out, 0
 * when the socket is full (wait for POLLOUT), -1 on error (errno). */
int proto_writer_flush(proto_writer *w, int fd);

typedef struct proto_reader {
  unsigned char hdr[PROTO_HDR_SIZE];
  size_t hdr_have;
  char *payload;
  size_t len, have;
  uint32_t type;
} proto_reader;

/* Reads what is available. Returns 1 when a whole frame is in (take it with
 * proto_reader_take), 0 when more is needed, -1 on error (errno; 0 for an
 * end of stream, EPROTO for a malformed frame). */
int proto_reader_feed(proto_reader *r, int fd, uint64_t max);
/* Hands over the completed payload and resets the reader. */
char *proto_reader_take(proto_reader *r, uint32_t *type, size_t *len);
void proto_reader_free(proto_reader *r);

/* ---- payload encoding ---- */

typedef struct penc {
  char *data;
  size_t len, cap;
} penc;
void penc_u32(penc *e, uint32_t v);
void penc_u64(penc *e, uint64_t v);
/* A length-prefixed byte string; NULL is encoded as absent (length ~0). */
void penc_str(penc *e, const char *s);
void penc_bytes(penc *e, const void *p, size_t n);
void penc_free(penc *e);

typedef struct pdec {
  const char *p;
  size_t len, off;
  int bad; /* set on any read past the end; every getter then returns 0 */
} pdec;
uint32_t pdec_u32(pdec *d);
uint64_t pdec_u64(pdec *d);
/* Returns a pointer into the payload (NUL-terminated copy not made) and
 * its length, or NULL for an absent string. */
const char *pdec_bytes(pdec *d, size_t *n);
/* Like pdec_bytes, for strings: malloc'd, NUL-terminated, or NULL. */
char *pdec_strdup(pdec *d);
/* The rest of the payload. */
const char *pdec_rest(pdec *d, size_t *n);

/* ---- messages ---- */

enum {
  JOB_WANT_HASHES = 1u << 0,
  JOB_WANT_EXPLAIN = 1u << 1,
  JOB_FETCHED = 1u << 2, /* the input is a fetched URL: url is the final URL,
                            and its jsonl record says so (final_url,
                            http_status) */
  JOB_AS_TEXT = 1u << 3, /* served as text/plain: the text cleaner, unless
                            --input-format says otherwise */
  JOB_WANT_IMAGES = 1u << 4 /* --images: list the article's images (and,
                            given imap, point them at their local copies) */
};
/* A fetched input's HTTP status rides in bits 16-25 of the flags. */
#define JOB_STATUS_SHIFT 16
#define JOB_STATUS(flags) (((flags) >> JOB_STATUS_SHIFT) & 0x3ffu)
#define JOB_WITH_STATUS(status) (((uint32_t)(status) & 0x3ffu) << JOB_STATUS_SHIFT)

/* What the parent asks of a worker for one input. */
typedef struct job_msg {
  uint64_t seq;
  uint32_t flags;          /* JOB_* */
  const char *url;         /* per-document URL (or NULL) */
  const char *charset;     /* per-document charset hint (or NULL) */
  const char *source;      /* the input's name, for jsonl records */
  const char *extra;       /* members to add to its jsonl record (a WARC
                              page's fields), or NULL */
  const char *imap;        /* --images: "URL\tPATH\n" per local copy, or NULL */
  const uint64_t *bp;      /* site boilerplate for this document, sorted */
  size_t nbp;
  const char *data;        /* the input bytes as read (maybe gzip'd) */
  size_t len;
} job_msg;

/* The outcome of one job. */
enum { RES_OK = 0, RES_EMPTY = 1, RES_ERROR = 2 };
typedef struct result_msg {
  uint64_t seq;
  uint32_t kind;           /* RES_* */
  uint32_t status;         /* cc_status for RES_ERROR */
  uint64_t input_bytes;    /* the document's size after decompression */
  uint64_t text_hash;      /* hash of the article text (duplicate guard) */
  const char *message;     /* error message, or NULL */
  const char *url;         /* the result's URL (canonical/og:url/...), or NULL */
  const char *explain;     /* --explain report, or NULL */
  const char *name;        /* --name title: the output file's stem, or NULL */
  const char *images;      /* JOB_WANT_IMAGES: the article's image URLs, one
                              per line, or NULL */
  const uint64_t *hashes;  /* block fingerprints (JOB_WANT_HASHES) */
  size_t nhashes;
  const char *out;         /* the rendering */
  size_t outlen;
} result_msg;

/* Encodes the fixed part of a message into `e`; the frame is then
 * {e, tail} where tail is the job's data or the result's output. */
void job_encode(const job_msg *j, penc *e);
void result_encode(const result_msg *r, penc *e);
/* Decodes in place: pointers refer into the payload, which must outlive
 * the message. Returns 0, or -1 when the payload is malformed. The hash
 * arrays are copied into malloc'd storage (*hash_store, caller frees) since
 * the payload gives no alignment guarantee. */
int job_decode(const char *payload, size_t len, job_msg *j, uint64_t **hash_store);
int result_decode(const char *payload, size_t len, result_msg *r, uint64_t **hash_store);

#endif
