/* warc_input.c — WARC files as inputs (see warc_input.h): turns the
 * library reader's records into the batch's items and counts the rest. */
#define _GNU_SOURCE /* tee, pipe2 */
#include "warc_input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../include/clipclean.h"
#include "record.h"
#include "util.h"

struct warc_input {
  cc_warc_reader *r;
  char *path;
  uint64_t yielded;  /* pages and broken records */
  uint64_t records;
};

/* The first bytes of stdin, left unread: pread on a file, tee(2) on a
 * pipe (what the writer has put in it so far; a gzip start waits, up to a
 * second, for enough to be told apart). 0 for anything else (a terminal). */
static size_t peek_stdin(char *buf, size_t cap) {
  struct stat st;
  if (fstat(0, &st) != 0) return 0;
  if (S_ISREG(st.st_mode)) {
    off_t at = lseek(0, 0, SEEK_CUR);
    ssize_t n = at < 0 ? -1 : pread(0, buf, cap, at);
    return n > 0 ? (size_t)n : 0;
  }
  if (!S_ISFIFO(st.st_mode)) return 0;
  int p[2];
  if (pipe2(p, O_CLOEXEC) != 0) return 0;
  size_t have = 0;
  for (int tries = 0; tries < 50; tries++) {
    ssize_t n = tee(0, p[1], cap, 0); /* waits for the first bytes */
    if (n <= 0) break;
    have = 0;
    while (have < (size_t)n) { /* the same prefix, longer each time */
      ssize_t r = read(p[0], buf + have, (size_t)n - have);
      if (r <= 0) break;
      have += (size_t)r;
    }
    int gz = have >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b;
    if (have >= cap || (!gz && have >= 5) || (gz && have >= 512)) break;
    usleep(20000);
  }
  close(p[0]);
  close(p[1]);
  return have;
}

int warc_input_is_warc(const char *path) {
  char buf[4096];
  ssize_t n;
  if (!strcmp(path, "-")) {
    n = (ssize_t)peek_stdin(buf, sizeof buf);
  } else {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return 0;
    struct stat st;
    n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, buf, sizeof buf) : 0;
    close(fd);
  }
  return n > 0 && cc_warc_sniff(buf, (size_t)n);
}

static ptrdiff_t read_stdin(void *user, void *buf, size_t cap) {
  (void)user;
  for (;;) {
    ssize_t n = read(0, buf, cap);
    if (n < 0 && errno == EINTR) continue;
    return n;
  }
}

warc_input *warc_input_open(const char *path, size_t max_page, char *err, size_t errcap) {
  cc_options opt;
  cc_options_init(&opt);
  opt.max_input_bytes = max_page;
  cc_error e;
  cc_warc_reader *r;
  cc_status st = strcmp(path, "-") ? cc_warc_open(path, &opt, &r, &e)
                                   : cc_warc_open_read(read_stdin, NULL, &opt, &r, &e);
  if (st != CC_OK) {
    snprintf(err, errcap, "%s", e.message);
    return NULL;
  }
  warc_input *w = xcalloc(1, sizeof *w);
  w->r = r;
  w->path = xstrdup(path);
  return w;
}

void warc_input_close(warc_input *w) {
  if (!w) return;
  cc_warc_close(w->r);
  free(w->path);
  free(w);
}

/* "record at offset N (+K in its gzip member)" */
static void put_where(sbuf *b, const cc_warc_record *rec) {
  sbuf_printf(b, "record at offset %llu", (unsigned long long)rec->offset);
  if (rec->member_skip)
    sbuf_printf(b, " (+%llu in its gzip member)", (unsigned long long)rec->member_skip);
}

static void put_member(sbuf *b, const char *key, const char *v) {
  sbuf_printf(b, ",\"%s\":", key);
  if (v) json_put_string(b, v, strlen(v));
  else sbuf_puts(b, "null");
}

/* The record's fields in its jsonl record. */
static char *record_members(const cc_warc_record *rec) {
  sbuf b = {0};
  put_member(&b, "warc_target_uri", rec->target_uri);
  put_member(&b, "warc_date", rec->date);
  put_member(&b, "warc_record_id", rec->record_id);
  sbuf_printf(&b, ",\"warc_offset\":%llu", (unsigned long long)rec->offset);
  if (rec->http_status) sbuf_printf(&b, ",\"http_status\":%d", rec->http_status);
  else sbuf_puts(&b, ",\"http_status\":null");
  return sbuf_detach(&b, NULL);
}

static void page_item(warc_input *w, const cc_warc_record *rec, input_item *it) {
  it->path = xstrdup(w->path);
  it->warc = 1;
  it->warc_offset = rec->offset;
  it->data = xmalloc(rec->body_len + 1);
  memcpy(it->data, rec->body, rec->body_len);
  it->data[rec->body_len] = '\0';
  it->len = rec->body_len;
  it->url = rec->target_uri ? xstrdup(rec->target_uri) : NULL;
  it->charset = rec->charset ? xstrdup(rec->charset) : NULL;
  it->as_text = rec->input_format == CC_INPUT_TEXT;
  it->http_status = rec->http_status;
  sbuf l = {0};
  sbuf_printf(&l, "%s: ", strcmp(w->path, "-") ? w->path : "<stdin>");
  put_where(&l, rec);
  if (rec->target_uri)
    sbuf_printf(&l, " (%.80s%s)", rec->target_uri, strlen(rec->target_uri) > 80 ? "..." : "");
  it->label = sbuf_detach(&l, NULL);
  it->extra = record_members(rec);
}

int warc_input_next(warc_input *w, input_item *it, warc_stats *st) {
  memset(it, 0, sizeof *it);
  for (;;) {
    const cc_warc_record *rec;
    cc_error e;
    cc_status s = cc_warc_next(w->r, &rec, &e);
    if (s == CC_OK && !rec) break;
    st->records++;
    w->records++;
    if (s != CC_OK) {
      st->broken++;
      w->yielded++;
      it->path = xstrdup(w->path);
      it->warc = 1;
      it->error = xstrdup(e.message);
      if (rec) {
        it->warc_offset = rec->offset;
        it->extra = record_members(rec);
      }
      return 1;
    }
    switch (rec->kind) {
    case CC_WARC_PAGE:
      st->pages++;
      w->yielded++;
      page_item(w, rec, it);
      return 1;
    case CC_WARC_OTHER_TYPE: st->not_response++; break;
    case CC_WARC_NOT_TEXT: st->not_text++; break;
    case CC_WARC_HTTP_STATUS: st->http_status++; break;
    }
  }
  if (w->yielded) return 0;
  w->yielded++; /* said once */
  it->path = xstrdup(w->path);
  it->warc = 1;
  sbuf m = {0};
  sbuf_printf(&m, "no HTML or text pages in this WARC file (%llu other record%s)",
              (unsigned long long)w->records, w->records == 1 ? "" : "s");
  it->error = sbuf_detach(&m, NULL);
  return 1;
}

char *warc_input_name(const input_item *it) {
  const char *base = strrchr(it->path, '/');
  base = base ? base + 1 : it->path;
  sbuf b = {0};
  sbuf_puts(&b, base); /* the whole file name, as inputs are named (sink.h) */
  sbuf_printf(&b, "-%llu", (unsigned long long)it->warc_offset);
  return sbuf_detach(&b, NULL);
}
