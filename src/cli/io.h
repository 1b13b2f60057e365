/* io.h — the CLI's file input and output: whole-file reads (gzip
 * transparently), stdin, and atomic writes (temp file + rename). */
#ifndef CCCLI_IO_H
#define CCCLI_IO_H

#include <stddef.h>

/* Reads a whole file ("-" = stdin), gunzipping when the content starts
 * with the gzip magic. Refuses more than `max` bytes (after gunzip).
 * Returns 0 and a malloc'd buffer (caller frees) or -1 with a message. */
int cli_read_input(const char *path, size_t max, char **data, size_t *len,
                   char *err, size_t errcap);

/* Decompresses gzip (or zlib) data held in memory, concatenated members
 * included, refusing more than `max` bytes of output; `path` names the
 * input in messages. Returns 0 and a malloc'd NUL-terminated buffer, or -1
 * with a message. (cli_read_input uses it; the fuzzer calls it directly.) */
int cli_gunzip(const char *in, size_t inlen, size_t max, char **data,
               size_t *len, char *err, size_t errcap, const char *path);

/* Writes data to path atomically: a temp file in the same directory,
 * fsync'd, then renamed over path. "-" writes to stdout. Returns 0 or -1
 * with a message. */
int cli_write_atomic(const char *path, const char *data, size_t len,
                     char *err, size_t errcap);

/* 1 when a and b name the same existing file (same device and inode). */
int cli_same_file(const char *a, const char *b);

#endif
