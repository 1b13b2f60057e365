/* sink.h — where results go: one stream (stdout, or -o FILE written
 * atomically at the end) in input order, or one file per input under -O
 * DIR, each written atomically as soon as its result is in.
 *
 * Naming under -O: an input found by walking a directory argument keeps
 * its path relative to that directory (subdirectories are created); a list
 * entry (--from) keeps its path as given (without a leading "/" or "./"; a
 * path with ".." is named flat); a file argument is named flat, DIR/<name>.
 * The output's name is the input's whole file name plus the format's
 * extension (a.html → a.html.txt, b.html.gz → b.html.gz.md; stdin is
 * "stdin.txt"): a function of the input alone, never of which other files
 * exist, so two inputs in one directory never share an output and a
 * resumed batch (--skip-existing) finds exactly its own. A name too long
 * for DIR keeps its start and gets a hash of the whole name
 * ("<start>~1a2b3c4d.txt"). Two inputs of one run can still meet in one
 * name only as file arguments from different directories (both flat): the
 * later one, in input order, fails. With --name title (or date-title), the
 * file is named by the clipping's title (slug.h) in the folder its input
 * would have gone to; names are given in input order, a name taken earlier
 * in the run getting -2, -3... A URL is named by url_output_name (url.h:
 * host, path and a hash of the URL), flat in DIR; should that name be taken
 * all the same, the later URL gets -2, -3... (in input order, so the names
 * do not depend on timing). The check remembers 8 bytes per output.
 * No output ever replaces a file named as an input.
 *
 * -o FILE is written atomically (a temp file renamed over it at the end;
 * a symbolic link is kept and the file it points to replaced), except
 * when FILE is a device, a FIFO or an inherited descriptor (/dev/null,
 * /dev/stdout, /dev/fd/N): that is written as a stream, like stdout.
 * An -O directory we cannot write in is refused when the sink opens. Temp
 * files a killed run left (io.h) are removed when the sink opens: in
 * the -O directory, and beside -o FILE (its own only). */
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
  int file_open;         /* -o FILE being written atomically: */
  struct io_atomic *file; /* its temp file */
  int fd;                /* stream outputs: stdout, or -o naming a device,
                            a FIFO or an inherited descriptor */
  int own_fd;            /* fd was opened here */
  u64set names;         /* output names given so far (hashes) */
  u64set inputs;        /* identities of the named file arguments */
  char *lastdir;        /* last directory created under -O */
  u64set cleaned;       /* directories cleared of leftover temp files */
  int format;           /* stream outputs: the format, and whether several */
  int several;          /* documents share the stream */
  uint64_t docs;        /* documents written to it so far */
  size_t name_max;      /* -O: the longest file name DIR takes */
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
 * 0, or -1 with a message; *fatal is set when the write itself failed (disk
 * full, read-only directory or file system, quota, I/O error): the rest
 * would fail alike. Refusals that concern this output only (its path is a
 * directory, or an input) are not fatal. */
int sink_write_file(sink *s, const char *path, const struct stat *in, const char *data,
                    size_t len, int *fatal, char *err, size_t errcap);
/* stdout / -o: appends to the stream. Returns 0, or -1 with a message
 * (always fatal). */
int sink_stream(sink *s, const char *data, size_t len, char *err, size_t errcap);
/* Stream outputs of several documents (a batch to stdout or -o): each
 * format stays one valid whole. txt and md documents are separated by a
 * line "* * *" between blank lines (in Markdown a thematic break, which
 * also ends any list or quote the previous document left open); html
 * documents become one HTML document whose body holds each input's
 * <article> (with its language) in input order, separated by <hr>; jsonl
 * records are lines already. (json, one object, is refused for several
 * inputs before the run starts.) An empty article adds nothing. */
void sink_set_documents(sink *s, int format, int several);
/* Appends one document's rendering (`empty`: of an empty article), in
 * input order. Returns 0, or -1 with a message (always fatal). */
int sink_stream_doc(sink *s, const char *data, size_t len, int empty, char *err, size_t errcap);
/* Closes what the documents opened (the html wrapper). */
int sink_stream_end(sink *s, char *err, size_t errcap);
/* 1 when the input is the -o FILE itself (it may not be read: it would be
 * overwritten). */
int sink_is_target(const sink *s, const struct stat *in);
/* Finishes: with commit, -o FILE is renamed into place; otherwise its temp
 * file is removed and FILE left as it was. Returns 0, or -1 with a
 * message. */
int sink_close(sink *s, int commit, char *err, size_t errcap);

#endif
