/* io.h — the parent's file I/O: whole-file reads of inputs (as stored:
 * decompression and sniffing happen in the worker), and atomic writes.
 *
 * Atomic writes go through a temp file beside the target, named
 * ".<name>.clipclean-tmp", written, fsync'd and renamed over the target, so
 * a reader never sees half a file. The temp name is fixed so that a run
 * killed mid-write (SIGKILL, power loss) leaves at most that one hidden
 * file, which the next write of the same output (a resumed batch) reuses;
 * an advisory lock keeps two concurrent runs from sharing it (the second
 * falls back to a random temp name). */
#ifndef CCCLI_IO_H
#define CCCLI_IO_H

#include <stddef.h>
#include <sys/stat.h>

/* Reads a whole file ("-" = stdin) as stored, refusing more than `max`
 * bytes. Fills *st with the file's identity (fstat) when st is not NULL.
 * Returns 0 and a malloc'd buffer (caller frees), or -1 with a message
 * (without the path). */
int io_read_file(const char *path, size_t max, char **data, size_t *len,
                 struct stat *st, char *err, size_t errcap);

/* An output being written atomically. */
typedef struct io_atomic {
  char *path; /* the target */
  char *tmp;  /* the temp file */
  int fd;
} io_atomic;

/* Creates the temp file for `path`. Returns 0, or -1 with errno and a
 * message. */
int io_atomic_begin(io_atomic *a, const char *path, char *err, size_t errcap);
int io_atomic_write(io_atomic *a, const void *p, size_t n, char *err, size_t errcap);
/* fsync + rename over the target. Returns 0, or -1 (temp removed). */
int io_atomic_commit(io_atomic *a, char *err, size_t errcap);
/* Removes the temp file. */
void io_atomic_abort(io_atomic *a);

/* The whole thing in one call. Returns 0, or -1 with errno and a message. */
int io_write_atomic(const char *path, const void *data, size_t len, char *err,
                    size_t errcap);

/* Creates the directories leading to `path` (not the last component),
 * like mkdir -p. Returns 0, or -1 with errno. */
int io_mkdirs_for(const char *path);

/* 1 when a and b name the same existing file (same device and inode). */
int io_same_file(const char *a, const char *b);

#endif
