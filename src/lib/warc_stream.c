/* warc_stream.c — the WARC reader's bytes (see warc_stream.h): reads a file
 * or a callback, inflates gzip members one after the other with zlib, and
 * keeps the decompressed bytes in a window that holds only what the reader
 * may still look at. Owns the window, the input buffer, the zlib state and
 * the list of member starts, all bounded by the largest record in hand.
 *
 * Speed: a gzip member that lies whole in the input buffer and whose
 * output fits the window is decompressed in one call by libdeflate, about
 * 2.4 times as fast as zlib on web pages (bench/warc). Both buffers start
 * small and grow, up to 4 MiB of input and 8 MiB of output, as members
 * need; zlib streams any member beyond that (a huge record, a whole file
 * in one member) and damage, so memory stays bounded whatever the member.
 *
 * Damage: inflate's data error, or bytes where a gzip member should start
 * but none does, make a break; the bytes are then searched for the next
 * plausible gzip header (1f 8b 08, no reserved flags), and decompression
 * goes on from there as a new member marked as following damage. A file
 * that ends inside a member ends the stream with `truncated` set; bytes
 * after the last member that are all zero (padding) end it cleanly. */
#include "warc_stream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdeflate.h>

#define WS_CHUNK ((size_t)64 << 10)   /* read and inflate this much at a time */
#define WS_IN ((size_t)64 << 10)      /* the input buffer, at first */
#define WS_IN_MAX ((size_t)4 << 20)   /* ... at most: members in one call */
#define WS_WHOLE ((size_t)64 << 10)   /* room for a member's output, at first */
#define WS_WHOLE_MAX ((size_t)8 << 20) /* ... at most */
#define WS_SHRINK ((size_t)4 << 20)   /* windows above this shrink when idle */

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n);
  if (!q) { /* the library's rule: abort only on out-of-memory */
    fputs("clipclean: out of memory\n", stderr);
    abort();
  }
  return q;
}

/* ---- input ---- */

/* Reads into in[have..cap); returns the bytes read, 0 at the end. */
static size_t src_read(cc_wstream *s, unsigned char *to, size_t cap) {
  if (s->in_eof || s->io_error) return 0;
  for (;;) {
    ptrdiff_t n;
    if (s->fd >= 0) {
      n = read(s->fd, to, cap);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) snprintf(s->errmsg, sizeof s->errmsg, "read error: %s", strerror(errno));
    } else {
      n = s->read(s->user, to, cap);
      if (n < 0) snprintf(s->errmsg, sizeof s->errmsg, "read error");
    }
    if (n < 0 || (size_t)n > cap) {
      if (n >= 0) snprintf(s->errmsg, sizeof s->errmsg, "read error: the source gave too much");
      s->io_error = 1;
      return 0;
    }
    if (n == 0) s->in_eof = 1;
    return (size_t)n;
  }
}

/* Gzip input: makes at least k bytes available at zs.next_in unless the
 * file ends; returns how many are. */
static size_t in_need(cc_wstream *s, size_t k) {
  if (s->zs.avail_in >= k || s->in_eof || s->io_error) return s->zs.avail_in;
  size_t have = s->zs.avail_in;
  size_t at = (size_t)(s->zs.next_in - s->in);
  if (have && at) memmove(s->in, s->zs.next_in, have);
  s->in_off += at;
  s->zs.next_in = s->in;
  while (have < k && !s->in_eof && !s->io_error) /* a source may give a byte at a time */
    have += src_read(s, s->in + have, s->in_cap - have);
  s->zs.avail_in = (uInt)have;
  return have;
}

static uint64_t in_coff(const cc_wstream *s) {
  return s->in_off + (uint64_t)(s->zs.next_in - s->in);
}

/* ---- member starts ---- */

static void member_add(cc_wstream *s, uint64_t coff, uint64_t damage) {
  if (s->nmem == s->memcap) {
    s->memcap = s->memcap ? s->memcap * 2 : 16;
    s->mem = xrealloc(s->mem, s->memcap * sizeof *s->mem);
  }
  ws_member m = {s->base + s->end, coff, damage};
  s->mem[s->nmem++] = m;
  if (damage) s->nbreaks++;
}

/* The index of the first member starting after stream offset `u`. */
static size_t member_after(const cc_wstream *s, uint64_t u) {
  size_t lo = 0, hi = s->nmem;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->mem[mid].uoff <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* Forgets the member starts before the one holding `keep`. */
static void member_trim(cc_wstream *s) {
  size_t i = member_after(s, s->base + s->keep);
  if (i) i--; /* the member holding keep stays */
  for (size_t j = 0; j < i; j++)
    if (s->mem[j].damage) s->nbreaks--;
  if (i) {
    memmove(s->mem, s->mem + i, (s->nmem - i) * sizeof *s->mem);
    s->nmem -= i;
  }
}

/* ---- gzip ---- */

/* After damage at file offset `bad`: skips to the next plausible gzip
 * header and starts a member there, marked as following damage; at the
 * end of the file, a break there (unless every skipped byte was zero). */
static void gz_resync(cc_wstream *s, uint64_t bad, int all_zero) {
  for (;;) {
    size_t n = in_need(s, 4);
    const unsigned char *p = s->zs.next_in;
    if (n < 4) {
      for (size_t i = 0; i < n; i++) all_zero &= p[i] == 0;
      s->zs.next_in += n;
      s->zs.avail_in = 0;
      if (!all_zero) member_add(s, in_coff(s), bad + 1);
      s->eof = 1;
      return;
    }
    size_t i = 0;
    for (; i + 4 <= n; i++) {
      if (p[i] == 0x1f && p[i + 1] == 0x8b && p[i + 2] == 8 && !(p[i + 3] & 0xe0)) break;
      all_zero &= p[i] == 0;
    }
    s->zs.next_in += i;
    s->zs.avail_in -= (uInt)i;
    if (i + 4 <= n) { /* zero padding before a member is no damage */
      member_add(s, in_coff(s), all_zero ? 0 : bad + 1);
      inflateReset(&s->zs);
      s->in_member = 1;
      return;
    }
  }
}

/* Starts the next member, if any. Returns 0 with a member open, or 1 at
 * the end of the stream. */
static int gz_start(cc_wstream *s) {
  size_t n = in_need(s, 3);
  const unsigned char *p = s->zs.next_in;
  if (n == 0) {
    s->eof = 1;
    return 1;
  }
  if (n >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8) {
    member_add(s, in_coff(s), 0);
    inflateReset(&s->zs);
    s->in_member = 1;
    return 0;
  }
  gz_resync(s, in_coff(s), 1); /* not a member: damage, or zero padding */
  return s->in_member ? 0 : 1;
}

static void make_room(cc_wstream *s, size_t want);

/* A bigger input buffer (a member did not fit). */
static void in_grow(cc_wstream *s) {
  size_t at = (size_t)(s->zs.next_in - s->in);
  s->in_cap *= 4;
  s->in = xrealloc(s->in, s->in_cap);
  s->zs.next_in = s->in + at;
}

/* A whole member in one call, when it lies in the input buffer and its
 * output fits the room (both grown, within bounds, when it did not): 1
 * when done; 0 to inflate it with zlib instead (nothing consumed: a member
 * too large, or damage, which zlib then finds where it is). */
static int gz_whole(cc_wstream *s) {
  /* likely too little for a member like the last: refill first */
  if (s->zs.avail_in < s->in_cap / 4 || s->zs.avail_in < 2 * s->last_in + 4096)
    in_need(s, s->in_cap);
  for (int refilled = 0;;) {
    make_room(s, (s->end - s->pos) + s->whole);
    size_t used, made;
    enum libdeflate_result r = libdeflate_gzip_decompress_ex(
        s->ld, s->zs.next_in, s->zs.avail_in, s->buf + s->end, s->cap - s->end - 1, &used, &made);
    if (r == LIBDEFLATE_SUCCESS) {
      s->zs.next_in += used;
      s->zs.avail_in -= (uInt)used;
      s->end += made;
      s->in_member = 0;
      s->last_in = used;
      return 1;
    }
    if (r == LIBDEFLATE_INSUFFICIENT_SPACE && s->whole < WS_WHOLE_MAX) {
      s->whole *= 4;
      continue;
    }
    /* bad data: damage, or the member goes on past the bytes in hand */
    if (r != LIBDEFLATE_BAD_DATA || s->in_eof || s->io_error) return 0;
    if (s->zs.avail_in == s->in_cap) {
      if (s->in_cap >= WS_IN_MAX) return 0;
      in_grow(s);
    } else if (refilled) {
      return 0;
    }
    in_need(s, s->in_cap);
    refilled = 1;
  }
}

/* Inflates into the window until some output is made or the stream ends. */
static void gz_produce(cc_wstream *s) {
  while (!s->eof) {
    if (!s->in_member) {
      if (gz_start(s)) return;
      if (gz_whole(s)) return;
    }
    if (s->zs.avail_in == 0 && in_need(s, 1) == 0) {
      s->truncated = !s->io_error; /* the file ends inside a member */
      s->eof = 1;
      return;
    }
    s->zs.next_out = (Bytef *)s->buf + s->end;
    size_t room = s->cap - s->end - 1;
    if (room > s->room) room = s->room;
    s->zs.avail_out = (uInt)(room > 0x40000000u ? 0x40000000u : room);
    int rc = inflate(&s->zs, Z_NO_FLUSH);
    size_t made = (size_t)((char *)s->zs.next_out - (s->buf + s->end));
    s->end += made;
    if (rc == Z_STREAM_END) s->in_member = 0;
    else if (rc == Z_MEM_ERROR) abort();
    else if (rc != Z_OK && rc != Z_BUF_ERROR) { /* corrupt data */
      s->in_member = 0;
      gz_resync(s, in_coff(s), 0);
    }
    if (made) return;
  }
}

/* ---- the window ---- */

static void compact(cc_wstream *s) {
  if (!s->keep) return;
  memmove(s->buf, s->buf + s->keep, s->end - s->keep);
  s->base += s->keep;
  s->pos -= s->keep;
  s->end -= s->keep;
  s->keep = 0;
  member_trim(s);
}

/* Room for `want` bytes after pos (and a chunk to read into). */
static void make_room(cc_wstream *s, size_t want) {
  size_t need = (s->pos - s->keep) + want;
  if (need < s->end - s->keep) need = s->end - s->keep;
  need += WS_CHUNK + 1; /* +1: the reader may put a NUL after a body */
  if (s->keep && (s->cap - s->end < WS_CHUNK + 1 || s->cap - s->keep < need)) compact(s);
  if (s->cap < need + s->keep) {
    size_t n = need + s->keep;
    n += n / 4;
    s->buf = xrealloc(s->buf, n);
    s->cap = n;
  } else if (!s->keep && s->cap > WS_SHRINK && s->cap > 4 * need) {
    s->buf = xrealloc(s->buf, 2 * need); /* a big record is gone: give back */
    s->cap = 2 * need;
  }
}

static void produce(cc_wstream *s, size_t want) {
  make_room(s, want);
  /* no more than asked (or a chunk): what is read ahead is moved later */
  s->room = want > WS_CHUNK ? want : WS_CHUNK;
  if (s->gz) {
    gz_produce(s);
    return;
  }
  size_t room = s->cap - s->end - 1;
  size_t n = src_read(s, (unsigned char *)s->buf + s->end, room < s->room ? room : s->room);
  s->end += n;
  if (!n) s->eof = 1;
}

/* The next break at or after pos, or UINT64_MAX. */
static uint64_t next_break(const cc_wstream *s, uint64_t *damage) {
  uint64_t at = s->base + s->pos;
  if (!s->nbreaks) return UINT64_MAX;
  for (size_t i = at ? member_after(s, at - 1) : 0; i < s->nmem; i++)
    if (s->mem[i].damage && s->mem[i].uoff >= at) {
      if (damage) *damage = s->mem[i].damage - 1;
      return s->mem[i].uoff;
    }
  return UINT64_MAX;
}

size_t ws_fill(cc_wstream *s, size_t want) {
  for (;;) {
    uint64_t brk = next_break(s, NULL);
    uint64_t stop = s->base + s->end < brk ? s->base + s->end : brk;
    size_t avail = (size_t)(stop - (s->base + s->pos));
    if (avail >= want || s->eof || brk != UINT64_MAX) return avail;
    produce(s, want);
  }
}

void ws_skip(cc_wstream *s, size_t n) {
  s->pos += n;
  if (s->keep < s->pos && !s->keeping) s->keep = s->pos;
}

void ws_keep(cc_wstream *s) {
  s->keep = s->pos;
  s->keeping = 1;
  uint64_t skip;
  ws_where(s, ws_tell(s), &s->ck_coff, &skip);
  s->ck_uoff = ws_tell(s) - skip;
}

void ws_release(cc_wstream *s) {
  s->keeping = 0;
  s->keep = s->pos;
}

int ws_at(cc_wstream *s, uint64_t *damage) {
  uint64_t brk = next_break(s, damage);
  if (brk == ws_tell(s)) return 2;
  return s->eof && s->pos == s->end ? 1 : 0;
}

void ws_cross(cc_wstream *s) {
  uint64_t at = ws_tell(s);
  for (size_t i = at ? member_after(s, at - 1) : 0; i < s->nmem && s->mem[i].uoff == at; i++)
    if (s->mem[i].damage) {
      s->mem[i].damage = 0;
      s->nbreaks--;
    }
}

/* Restarts reading at a point whose offsets are known in both the stream
 * and the file. */
static int restart(cc_wstream *s, uint64_t uoff, uint64_t coff) {
  if (lseek(s->fd, (off_t)coff, SEEK_SET) < 0) return -1;
  s->base = uoff;
  s->keep = s->pos = s->end = 0;
  s->keeping = 0;
  s->nmem = s->nbreaks = 0;
  s->eof = s->truncated = s->in_eof = 0;
  s->in_member = 0;
  s->in_off = coff;
  s->zs.next_in = s->in;
  s->zs.avail_in = 0;
  return 0;
}

/* The file offset up to which the source has been read. */
static uint64_t file_pos(const cc_wstream *s) {
  if (!s->gz) return s->base + s->end;
  return in_coff(s) + s->zs.avail_in;
}

int ws_seek(cc_wstream *s, uint64_t to) {
  if (to >= s->base + s->keep && to <= s->base + s->end) {
    s->pos = (size_t)(to - s->base);
    if (s->keep > s->pos) s->keep = s->pos;
    return 0;
  }
  if (!s->seekable || s->io_error || to < s->ck_uoff || to > s->base + s->end) return -1;
  uint64_t cost = file_pos(s) - s->ck_coff;
  if (cost > s->seek_budget) return -1;
  s->seek_budget -= cost;
  if (restart(s, s->ck_uoff, s->ck_coff) != 0) return -1;
  while (ws_tell(s) < to) { /* read (inflate) again up to `to` */
    uint64_t left = to - ws_tell(s);
    size_t n = ws_fill(s, left < WS_CHUNK ? (size_t)left : WS_CHUNK);
    if (!n) return -1;
    ws_skip(s, n < left ? n : (size_t)left);
  }
  return 0;
}

void ws_where(const cc_wstream *s, uint64_t uoff, uint64_t *coff, uint64_t *skip) {
  *coff = uoff;
  *skip = 0;
  if (!s->gz) return;
  size_t i = member_after(s, uoff);
  if (!i) return;
  *coff = s->mem[i - 1].coff;
  *skip = uoff - s->mem[i - 1].uoff;
}

uint64_t ws_member_record(const cc_wstream *s, uint64_t from, uint64_t to) {
  for (size_t i = member_after(s, from); i < s->nmem && s->mem[i].uoff < to; i++) {
    uint64_t u = s->mem[i].uoff;
    if (u < s->base || u + 5 > s->base + s->end) continue;
    if (!memcmp(s->buf + (u - s->base), "WARC/", 5)) return u;
  }
  return 0;
}

/* ---- opening ---- */

int ws_open(cc_wstream *s, int fd, cc_warc_read_fn read, void *user) {
  memset(s, 0, sizeof *s);
  s->fd = fd;
  s->read = read;
  s->user = user;
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    s->seekable = 1;
    s->file_size = (uint64_t)st.st_size;
    s->seek_budget = 4 * s->file_size;
  }
  s->in_cap = WS_IN;
  s->in = xrealloc(NULL, s->in_cap);
  s->zs.next_in = s->in;
  /* gzip or not: by the first bytes */
  size_t n = in_need(s, 3);
  if (s->io_error) return -1;
  s->gz = n >= 3 && s->in[0] == 0x1f && s->in[1] == 0x8b && s->in[2] == 8;
  if (s->gz) {
    if (inflateInit2(&s->zs, 16 + MAX_WBITS) != Z_OK) abort();
    s->zs_ready = 1;
    s->ld = libdeflate_alloc_decompressor();
    if (!s->ld) abort();
    s->whole = WS_WHOLE;
    return 0;
  }
  /* plain: what was read is the start of the stream */
  make_room(s, n);
  memcpy(s->buf, s->in, n);
  s->end = n;
  s->zs.avail_in = 0;
  return 0;
}

void ws_close(cc_wstream *s) {
  if (s->zs_ready) inflateEnd(&s->zs);
  if (s->ld) libdeflate_free_decompressor(s->ld);
  if (s->fd >= 0) close(s->fd);
  free(s->in);
  free(s->buf);
  free(s->mem);
  memset(s, 0, sizeof *s);
  s->fd = -1;
}
