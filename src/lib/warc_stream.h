/* warc_stream.h — the bytes of a WARC file as one decompressed stream, read
 * forward through a bounded window (see warc_stream.c).
 *
 * Offsets: a "stream offset" counts decompressed bytes from the start of
 * the file's content; a "file offset" counts the file's own bytes. In a
 * plain file they are the same. In a gzip file the stream is the
 * concatenation of every member's output, and the stream remembers where
 * each member started (both offsets), so that a record can be placed in
 * the file and a new record detected at a member boundary.
 *
 * Breaks: where bytes could not be decompressed (corrupt gzip data, bytes
 * between members that are no gzip member), the stream is cut: ws_fill()
 * stops there as at an end, ws_at() says it is a break, and the reader
 * decides what the cut means before ws_cross() goes on after it. */
#ifndef CC_WARC_STREAM_H
#define CC_WARC_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include "clipclean.h"

typedef struct ws_member {
  uint64_t uoff;    /* stream offset of its first byte */
  uint64_t coff;    /* file offset of its gzip header */
  uint64_t damage;  /* a break before it: the file offset of the bad bytes
                       plus one (0: no break) */
} ws_member;

typedef struct cc_wstream {
  /* the source */
  cc_warc_read_fn read;
  void *user;
  int fd;            /* >= 0: a file we opened (closed by ws_close) */
  int seekable;      /* a regular file: ws_seek may go back */
  uint64_t file_size;   /* of a regular file, else 0 */
  uint64_t seek_budget; /* file bytes ws_seek may still read again */
  uint64_t ck_uoff, ck_coff; /* where ws_seek restarts: the member start
                                (or, plain, the offset) of the last ws_keep */
  int gz;
  z_stream zs;
  struct libdeflate_decompressor *ld;
  int zs_ready, in_member;
  unsigned char *in;
  size_t in_cap;
  uint64_t in_off;   /* file offset of in[0] */
  int in_eof;
  size_t room;       /* how much one read or inflate may add */
  size_t whole;      /* room a whole member's output is given */
  size_t last_in;    /* the last whole member's compressed size */
  /* the window: stream bytes [base, base + end) in buf */
  char *buf;
  size_t cap, keep, pos, end; /* keep <= pos <= end */
  int keeping;       /* ws_keep: keep stays put while pos moves */
  uint64_t base;
  ws_member *mem;    /* member starts from the one holding `keep` on, in
                        stream order */
  size_t nmem, memcap;
  size_t nbreaks;    /* members in mem[] with a break not yet crossed */
  int eof;           /* no more bytes will come */
  int truncated;     /* the file ends inside a gzip member */
  int io_error;
  char errmsg[128];  /* the read error */
} cc_wstream;

/* Sets up a stream over a file descriptor we own (fd >= 0) or a callback,
 * looking at the first bytes to tell gzip from plain. Returns 0, or -1
 * with errmsg set. */
int ws_open(cc_wstream *s, int fd, cc_warc_read_fn read, void *user);
void ws_close(cc_wstream *s);

/* Makes at least `want` bytes available at the current position, unless
 * the stream ends or breaks first; returns how many are (up to the break). */
size_t ws_fill(cc_wstream *s, size_t want);
/* The bytes at the current position (ws_fill says how many). */
static inline const char *ws_ptr(const cc_wstream *s) { return s->buf + s->pos; }
/* The stream offset of the current position. */
static inline uint64_t ws_tell(const cc_wstream *s) { return s->base + s->pos; }
/* Moves forward by n bytes, at most what ws_fill gave. */
void ws_skip(cc_wstream *s, size_t n);
/* Keeps every byte from the current position on in the window (for going
 * back) until the next ws_keep or ws_release. */
void ws_keep(cc_wstream *s);
void ws_release(cc_wstream *s);

/* After ws_fill gave less than asked: 1 at the end of the stream, 2 at a
 * break (its damage offset in *damage), 0 otherwise. */
int ws_at(cc_wstream *s, uint64_t *damage);
/* Goes on after the break at the current position. */
void ws_cross(cc_wstream *s);

/* Goes to stream offset `to`, backwards or forwards: within the window,
 * or back to a point after the last ws_keep by reading a regular file
 * again from there, within a budget (in all, four times the file's size).
 * Returns 0, or -1 when it cannot. */
int ws_seek(cc_wstream *s, uint64_t to);

/* Where stream offset `uoff` lies in the file: the file offset of the
 * member it is in (the offset itself in a plain file) and how far into
 * that member's output. */
void ws_where(const cc_wstream *s, uint64_t uoff, uint64_t *coff, uint64_t *skip);

/* The first member starting strictly between stream offsets `from` and
 * `to` whose bytes (in the window) begin a WARC record: its stream offset,
 * or 0 when there is none. */
uint64_t ws_member_record(const cc_wstream *s, uint64_t from, uint64_t to);

#endif
