/* io.c — input reads and atomic outputs for the parent (see io.h). */
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "util.h"

int io_read_file(const char *path, size_t max, char **data, size_t *len,
                 struct stat *st, char *err, size_t errcap) {
  int fd = 0;
  struct stat sb;
  if (strcmp(path, "-") != 0) {
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      snprintf(err, errcap, "%s", strerror(errno));
      return -1;
    }
  }
  if (fstat(fd, &sb) != 0) memset(&sb, 0, sizeof sb);
  if (S_ISDIR(sb.st_mode)) {
    if (fd) close(fd);
    snprintf(err, errcap, "is a directory");
    return -1;
  }
  if (st) *st = sb;
  size_t cap = S_ISREG(sb.st_mode) && sb.st_size > 0 && (uint64_t)sb.st_size <= max
                   ? (size_t)sb.st_size + 1
                   : 65536;
  size_t n = 0;
  char *buf = xmalloc(cap + 1);
  for (;;) {
    if (n == cap) {
      if (cap > max) break;
      cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
      buf = xrealloc(buf, cap + 1);
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      snprintf(err, errcap, "%s", strerror(errno));
      free(buf);
      if (fd) close(fd);
      return -1;
    }
    if (r == 0) break;
    n += (size_t)r;
    if (n > max) break;
  }
  if (fd) close(fd);
  if (n > max) {
    snprintf(err, errcap, "larger than the %zu-byte input limit (--max-size)", max);
    free(buf);
    return -1;
  }
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return 0;
}

int io_mkdirs_for(const char *path) {
  char *p = xstrdup(path);
  char *slash = strrchr(p, '/');
  if (!slash || slash == p) {
    free(p);
    return 0;
  }
  *slash = '\0';
  struct stat st;
  if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
    free(p);
    return 0;
  }
  for (char *q = p + 1; *q; q++) {
    if (*q != '/') continue;
    *q = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      int e = errno;
      free(p);
      errno = e;
      return -1;
    }
    *q = '/';
  }
  if (mkdir(p, 0777) != 0 && errno != EEXIST) {
    int e = errno;
    free(p);
    errno = e;
    return -1;
  }
  free(p);
  return 0;
}

int io_atomic_begin(io_atomic *a, const char *path, char *err, size_t errcap) {
  memset(a, 0, sizeof *a);
  a->fd = -1;
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  sbuf t = {0};
  sbuf_printf(&t, "%.*s.%s.clipclean-tmp", (int)dirlen, path, path + dirlen);
  /* the fixed name, locked; a stale one from a killed run is reused */
  int fd = open(t.data, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  struct stat fs, ns;
  /* after locking, the name must still be this inode: a run that held the
   * lock renames the temp away before it lets go */
  if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &fs) == 0 &&
      lstat(t.data, &ns) == 0 && fs.st_dev == ns.st_dev && fs.st_ino == ns.st_ino &&
      ftruncate(fd, 0) == 0) {
    a->fd = fd;
  } else {
    if (fd >= 0) close(fd);
    /* another run holds it (or the name is unusable): a random one */
    t.len = 0;
    sbuf_printf(&t, "%.*s.%s.clipclean-tmp.XXXXXX", (int)dirlen, path, path + dirlen);
    fd = mkstemp(t.data);
    if (fd < 0) {
      int e = errno;
      snprintf(err, errcap, "cannot create a temporary file: %s", strerror(e));
      sbuf_free(&t);
      errno = e;
      return -1;
    }
    fchmod(fd, 0644);
    a->fd = fd;
  }
  a->tmp = sbuf_detach(&t, NULL);
  a->path = xstrdup(path);
  return 0;
}

int io_atomic_write(io_atomic *a, const void *p, size_t n, char *err, size_t errcap) {
  if (write_full(a->fd, p, n) != 0) {
    int e = errno;
    snprintf(err, errcap, "%s", strerror(e));
    errno = e;
    return -1;
  }
  return 0;
}

void io_atomic_abort(io_atomic *a) {
  if (a->fd >= 0) close(a->fd);
  if (a->tmp) unlink(a->tmp);
  free(a->tmp);
  free(a->path);
  memset(a, 0, sizeof *a);
  a->fd = -1;
}

int io_atomic_commit(io_atomic *a, char *err, size_t errcap) {
  if (fsync(a->fd) != 0 && errno != EINVAL) {
    int e = errno;
    snprintf(err, errcap, "%s", strerror(e));
    io_atomic_abort(a);
    errno = e;
    return -1;
  }
  /* rename while still holding the lock (see io_atomic_begin) */
  if (rename(a->tmp, a->path) != 0) {
    int e = errno;
    snprintf(err, errcap, "%s", strerror(e));
    io_atomic_abort(a);
    errno = e;
    return -1;
  }
  if (close(a->fd) != 0) {
    int e = errno;
    snprintf(err, errcap, "%s", strerror(e));
    a->fd = -1;
    io_atomic_abort(a);
    errno = e;
    return -1;
  }
  a->fd = -1;
  free(a->tmp);
  free(a->path);
  memset(a, 0, sizeof *a);
  a->fd = -1;
  return 0;
}

int io_write_atomic(const char *path, const void *data, size_t len, char *err,
                    size_t errcap) {
  io_atomic a;
  if (io_atomic_begin(&a, path, err, errcap) != 0) return -1;
  if (io_atomic_write(&a, data, len, err, errcap) != 0) {
    int e = errno;
    io_atomic_abort(&a);
    errno = e;
    return -1;
  }
  return io_atomic_commit(&a, err, errcap);
}

int io_same_file(const char *a, const char *b) {
  struct stat sa, sb;
  if (stat(a, &sa) != 0 || stat(b, &sb) != 0) return 0;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
