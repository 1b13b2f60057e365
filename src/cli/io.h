/* io.h — the parent's file I/O: whole-file reads of inputs (as stored:
 * decompression and sniffing happen in the worker), and atomic writes.
 *
 * Inputs: a named input must be a regular file. A FIFO, a device or a
 * socket is refused at once (it is opened without blocking), since its
 * read could wait forever and the parent reads in its event loop. Streams
 * are read only when they were handed over open: stdin ("-", or
 * /dev/stdin) and a descriptor the caller inherited, named /dev/fd/N or
 * /proc/self/fd/N (what a shell's <(command) gives).
 *
 * Atomic writes go through a temp file beside the target, named
 * ".<name>.clipclean-tmp" (a name too long for the directory becomes
 * ".<start of name>~<hash>.clipclean-tmp"), written, fsync'd and renamed
 * over the target, so a reader never sees half a file. Every temp file is
 * locked (flock) by the run writing it, for as long as it exists under
 * that name: the fixed name is reused by the next write of the same
 * output, and a second run writing it at the same time falls back to a
 * random name (".<name>.clipclean-tmp.XXXXXX"), locked too. So a temp
 * file nobody holds a lock on is a leftover of a run that was killed
 * (SIGKILL, power loss): io_clean_stale() removes those. */
#ifndef CCCLI_IO_H
#define CCCLI_IO_H

#include <stddef.h>
#include <sys/stat.h>

/* Notes which descriptors this process inherited (call first thing, before
 * opening anything): only those may be named as /dev/fd/N. */
void io_note_inherited(void);
/* The inherited descriptor a path names ("-", /dev/stdin, /dev/stdout,
 * /dev/stderr, /dev/fd/N, /proc/self/fd/N), or -1. */
int io_inherited_fd(const char *path);

/* Reads a whole file ("-" = stdin) as stored, refusing more than `max`
 * bytes, and refusing what is not a regular file (see above). Fills *st
 * with the file's identity (fstat) when st is not NULL. Returns 0 and a
 * malloc'd buffer (caller frees), or -1 with a message (without the
 * path). */
int io_read_file(const char *path, size_t max, char **data, size_t *len,
                 struct stat *st, char *err, size_t errcap);

/* "a named pipe (FIFO)", "a character device"... for a file type that is
 * not a regular file or a directory. */
const char *io_kind_name(mode_t mode);

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

/* Removes the leftover temp files (see above) in `dir`: those of one
 * target when `name` is given, else every one. Returns how many. */
int io_clean_stale(const char *dir, const char *name);

/* Creates the directories leading to `path` (not the last component),
 * like mkdir -p. Returns 0, or -1 with errno. */
int io_mkdirs_for(const char *path);

/* 1 when a and b name the same existing file (same device and inode). */
int io_same_file(const char *a, const char *b);

#endif
