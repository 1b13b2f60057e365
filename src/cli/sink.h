/* sink.h — where results go: one stream (stdout, or -o FILE written
 * atomically at the end) in input order, or one file per input under -O
 * DIR, each written atomically as soon as its result is in.
 *
 * Naming under -O: an input found by walking a directory argument keeps
 * its path relative to that directory (subdirectories are created); a list
 * entry (--from) keeps its path as given (without a leading "/" or "./"; a
 * path with ".." is named flat); a file argument is named flat, DIR/<name>.
 * The name loses .gz and one document extension (.html .htm .xhtml .shtml
 * .mhtml .mht .txt) and gets the format's (.txt .md .html .json .jsonl);
 * stdin is "stdin". When two inputs of one run would get the same output
 * name, the first (in input order) keeps it and the later one keeps its full
 * original name before the new extension (a.htm → a.htm.txt); if that too is
 * taken, the later input fails. With --name title (or date-title), the file
 * is named by the clipping's title (slug.h) in the folder its input would
 * have gone to; names are given in input order, a name taken earlier in
 * the run getting -2, -3... A URL is named by url_output_name (url.h:
 * host, path and a hash of the URL), flat in DIR; should that name be taken
 * all the same, the later URL gets -2, -3... (in input order, so the names
 * do not depend on timing). The check remembers 8 bytes per output.
 * No output ever replaces a file named as an input. */
#ifndef CCCLI_SINK_H
#define CCCLI_SINK_H

#include <stddef.h>
#include <sys/stat.h>

#include "util.h"

typedef enum { SINK_STDOUT, SINK_FILE, SINK_DIR } sink_kind;

typedef struct sink {
  sink_kind kind;
  const char *target;   /* -o FILE or -O DIR */
  const char *ext;      /* the format's extension, without the dot */
  int has_target_id;    /* -o FILE existed: its identity */
  dev_t target_dev;
  ino_t target_ino;
  int file_open;
  struct io_atomic *file; /* -o FILE being written */
  u64set names;         /* output names given so far (hashes) */
  u64set inputs;        /* identities of the named file arguments */
  char *lastdir;        /* last directory created under -O */
} sink;

/* Opens the sink. Returns 0, or -1 with a message. */
int sink_open(sink *s, sink_kind kind, const char *target, const char *ext,
              char *err, size_t errcap);
/* Remembers a file argument's identity: no output may replace it. */
void sink_protect_input(sink *s, const char *path);

/* -O: the output path for an input (malloc'd), or NULL with a message when
 * the name is taken twice. */
char *sink_output_path(sink *s, const char *input, const char *rel, char *err, size_t errcap);
/* -O: the output path for a chosen stem (--name title), in the directory
 * dir[0..dirlen) under DIR: DIR/dir/stem.ext, or stem-2, stem-3... when an
 * earlier output of the run has the name (malloc'd), or NULL with a
 * message. */
char *sink_output_path_named(sink *s, const char *dir, size_t dirlen, const char *stem,
                             char *err, size_t errcap);
/* -O: the output path for a URL (malloc'd), or NULL with a message. */
char *sink_output_path_url(sink *s, const char *url, char *err, size_t errcap);
/* -O: writes one output atomically. `in` is the input's identity. Returns
 * 0, or -1 with a message; *fatal is set when the error will hit every
 * output (disk full, read-only file system, quota). */
int sink_write_file(sink *s, const char *path, const struct stat *in, const char *data,
                    size_t len, int *fatal, char *err, size_t errcap);
/* stdout / -o: appends to the stream. Returns 0, or -1 with a message
 * (always fatal). */
int sink_stream(sink *s, const char *data, size_t len, char *err, size_t errcap);
/* 1 when the input is the -o FILE itself (it may not be read: it would be
 * overwritten). */
int sink_is_target(const sink *s, const struct stat *in);
/* Finishes: with commit, -o FILE is renamed into place; otherwise its temp
 * file is removed and FILE left as it was. Returns 0, or -1 with a
 * message. */
int sink_close(sink *s, int commit, char *err, size_t errcap);

#endif
