/* warc_input.c — WARC files as inputs (see warc_input.h): turns the
 * library reader's records into the batch's items and counts the rest. */
#include "warc_input.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int warc_input_is_warc(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[4096];
  ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  return n > 0 && cc_warc_sniff(buf, (size_t)n);
}

warc_input *warc_input_open(const char *path, size_t max_page, char *err, size_t errcap) {
  cc_options opt;
  cc_options_init(&opt);
  opt.max_input_bytes = max_page;
  cc_error e;
  cc_warc_reader *r;
  if (cc_warc_open(path, &opt, &r, &e) != CC_OK) {
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
  if (v) json_put_string(b, v, strlen(v), 0);
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
  sbuf_printf(&l, "%s: ", w->path);
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
  sbuf_put(&b, base, inputs_stem_len(base));
  sbuf_printf(&b, "-%llu", (unsigned long long)it->warc_offset);
  return sbuf_detach(&b, NULL);
}
