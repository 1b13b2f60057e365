/* inputs.h — the job source for files: command-line arguments, lists of
 * paths (--from FILE, --from - for stdin; one per line, or NUL-separated)
 * and recursive directory walks, yielded one input at a time in a
 * deterministic order (arguments in order; directory entries sorted by
 * their byte-wise name). Nothing is read ahead: memory holds only the
 * entries of the directories on the current path of the walk.
 *
 * Walk rules: only files with a recognized extension are taken (.html .htm
 * .xhtml .shtml .mhtml .mht .txt .warc, any of them + .gz, any case); hidden
 * entries (name starting with '.') are skipped, which also keeps our own
 * temp files out; symbolic links to files are followed, symbolic links to
 * directories are not (no loops, no escaping the tree); the output
 * directory (-O), when inside an input tree, is never walked. A file named
 * explicitly (argument or list entry) is taken whatever its name.
 *
 * URLs: an argument starting with http:// or https:// (and
 * naming no existing file) is a URL to fetch, yielded in its place as an
 * item with `remote` set; then come the lines of the --urls list (trimmed;
 * blank lines and # comments skipped; see url_list_line). A URL that does
 * not parse, or another scheme (ftp://...), is an item with an error. The
 * batch loop hands remote items to the fetcher (fetch.h), which fills in
 * their bytes. */
#ifndef CCCLI_INPUTS_H
#define CCCLI_INPUTS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct input_item {
  char *path;    /* what to open ("-" for stdin), and its name in messages */
  char *rel;     /* relative path mirrored under -O, or NULL: flat naming */
  char *error;   /* when set, this input failed before reading (message) */
  /* For inputs whose bytes are already in memory (a finished HTTP
   * transfer): the parent does not read `path` then. All NULL for files.
   * The url and charset (from the response) go to the worker with the
   * job. */
  char *data;
  size_t len;
  char *url;     /* the final URL, after redirects */
  char *charset; /* from Content-Type */
  int remote;    /* `path` is an http(s) URL to fetch */
  char *fetch;   /* the URL with the credentials the user typed, when it had
                    some; `path`, its name everywhere, never shows them */
  int as_text;   /* served as text/plain: the text cleaner */
  int http_status; /* of the response (fetched inputs), else 0 */
  /* A page read from a WARC file (warc_input.h): `path` is the file, the
   * bytes, url, charset and status come from the record. */
  int warc;
  uint64_t warc_offset; /* the record's offset in the file */
  char *label;   /* its name in messages ("crawl.warc.gz: record at offset
                    N (URL)"), or NULL: `path` */
  char *extra;   /* pre-encoded members of its jsonl record, or NULL */
} input_item;

void input_item_free(input_item *it);

typedef struct input_source input_source;

typedef struct inputs_config {
  char **args;
  int nargs;
  const char *from;      /* --from: path of a list, "-" for stdin, or NULL */
  int from_null;         /* entries separated by NUL instead of newline */
  const char *urls;      /* --urls: a list of URLs, "-" for stdin, or NULL */
  int has_skip_dir;      /* a directory never to walk (the -O directory) */
  dev_t skip_dev;
  ino_t skip_ino;
} inputs_config;

/* Opens a source. The config's strings must outlive it. */
input_source *inputs_open(const inputs_config *cfg);
/* Yields the next input: 1 with *it filled (free with input_item_free),
 * 0 at the end. */
int inputs_next(input_source *s, input_item *it);
void inputs_close(input_source *s);
/* 1 when the next input would come from a list read on stdin (--from -,
 * --urls -): the arguments and other lists are done. */
int inputs_on_stdin(const input_source *s);

/* 1 when a name ends in a recognized extension. */
int inputs_recognized(const char *name);

#endif
