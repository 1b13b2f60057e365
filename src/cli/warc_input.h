/* warc_input.h — a WARC file as a source of inputs for the batch: its
 * pages one at a time, as items holding their payload in memory (like
 * fetched pages: the target URI as URL, the HTTP charset and status), with
 * their place in the file for messages and -O names and their WARC fields
 * for jsonl records. Other records are counted, not yielded; a broken
 * record is an item with its error. The library's reader (cc_warc_*) does
 * the reading; this runs in the parent, which reads headers and undoes
 * codings but never parses a page: workers clean them. */
#ifndef CCCLI_WARC_INPUT_H
#define CCCLI_WARC_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "inputs.h"

/* What the WARC files of a run held. */
typedef struct warc_stats {
  uint64_t files;
  uint64_t records;        /* every record, broken ones included */
  uint64_t pages;          /* yielded to be cleaned */
  uint64_t not_response;   /* warcinfo, request, metadata, revisit... */
  uint64_t not_text;       /* responses that are no HTML or text */
  uint64_t http_status;    /* redirects and error responses */
  uint64_t broken;         /* truncated or corrupt records */
} warc_stats;

typedef struct warc_input warc_input;

/* 1 when the file at `path` is a WARC (plain or gzip), by its first bytes. */
int warc_input_is_warc(const char *path);

/* Opens a WARC file; pages larger than max_page fail alone. Returns NULL
 * with a message when the file cannot be read. */
warc_input *warc_input_open(const char *path, size_t max_page, char *err, size_t errcap);

/* The next page or broken record: 1 with *it filled (free with
 * input_item_free), 0 at the end. A file with no page and no broken record
 * ends with one failed item saying so. Counts into *st. */
int warc_input_next(warc_input *w, input_item *it, warc_stats *st);

void warc_input_close(warc_input *w);

/* The output name (-O) of a page without a target URI: "<stem>-<offset>". */
char *warc_input_name(const input_item *it);

#endif
