/* io.c — input reads and atomic outputs for the parent (see io.h). */
#include "io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "util.h"

/* Descriptors 0..63 open at start-up: the only ones /dev/fd/N may name
 * (a higher one, or one we opened ourselves, is refused). */
static uint64_t g_inherited = 7; /* stdin, stdout, stderr until noted */

void io_note_inherited(void) {
  g_inherited = 0;
  for (int fd = 0; fd < 64; fd++)
    if (fcntl(fd, F_GETFD) >= 0) g_inherited |= (uint64_t)1 << fd;
}

int io_inherited_fd(const char *path) {
  static const char *const fixed[] = {"-", "/dev/stdin", "/dev/stdout", "/dev/stderr"};
  for (int i = 0; i < 4; i++)
    if (!strcmp(path, fixed[i])) return i ? i - 1 : 0;
  const char *n = NULL;
  if (!strncmp(path, "/dev/fd/", 8)) n = path + 8;
  else if (!strncmp(path, "/proc/self/fd/", 14)) n = path + 14;
  if (!n || !*n || strlen(n) > 2 || strspn(n, "0123456789") != strlen(n)) return -1;
  int fd = atoi(n);
  return (g_inherited >> fd) & 1 ? fd : -1;
}

const char *io_kind_name(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

int io_read_file(const char *path, size_t max, char **data, size_t *len,
                 struct stat *st, char *err, size_t errcap) {
  /* a stream handed over open is read as it comes (stdin, <(command));
   * anything else is opened without blocking (a FIFO with no writer would
   * block the open itself) and must be a regular file */
  int fd = io_inherited_fd(path), own = fd < 0;
  struct stat sb;
  if (own) {
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
      snprintf(err, errcap, "%s", strerror(errno));
      return -1;
    }
  }
  if (fstat(fd, &sb) != 0) memset(&sb, 0, sizeof sb);
  if (S_ISDIR(sb.st_mode) || (own && !S_ISREG(sb.st_mode))) {
    if (S_ISDIR(sb.st_mode)) snprintf(err, errcap, "is a directory");
    else snprintf(err, errcap, "is %s, not a regular file (a stream can be read as stdin: -)",
                  io_kind_name(sb.st_mode));
    if (own) close(fd);
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
      if (own) close(fd);
      return -1;
    }
    if (r == 0) break;
    n += (size_t)r;
    if (n > max) break;
  }
  if (own) close(fd);
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

#define TMP_SUFFIX ".clipclean-tmp"
#define TMP_RANDOM ".XXXXXX"

/* The fixed temp name for `path` (its directory part kept). A name that
 * would not fit the directory's NAME_MAX with the random suffix keeps a
 * prefix, cut at a character boundary, and a hash of the whole name. */
static void temp_name(sbuf *t, const char *path) {
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  const char *base = path + dirlen;
  size_t blen = strlen(base);
  char *dir = dirlen ? xstrndup(path, dirlen) : xstrdup(".");
  long nm = pathconf(dir, _PC_NAME_MAX);
  free(dir);
  if (nm < 64 || nm > 4096) nm = 255;
  size_t extra = 1 + strlen(TMP_SUFFIX) + strlen(TMP_RANDOM);
  sbuf_put(t, path, dirlen);
  sbuf_putc(t, '.');
  if (blen + extra <= (size_t)nm) {
    sbuf_put(t, base, blen);
  } else {
    size_t keep = (size_t)nm - extra - 17; /* '~' and 16 hex digits */
    while (keep && ((unsigned char)base[keep] & 0xc0) == 0x80) keep--;
    sbuf_put(t, base, keep);
    sbuf_printf(t, "~%016llx", (unsigned long long)hash64(base, blen, HASH64_SEED));
  }
  sbuf_puts(t, TMP_SUFFIX);
}

/* Locks fd and checks that `name` still is that file: 0, or -1 (the name
 * was taken away, or someone else holds the lock). */
static int lock_named(int fd, const char *name) {
  struct stat fs, ns;
  if (flock(fd, LOCK_EX | LOCK_NB) != 0 || fstat(fd, &fs) != 0 || lstat(name, &ns) != 0)
    return -1;
  return fs.st_dev == ns.st_dev && fs.st_ino == ns.st_ino ? 0 : -1;
}

int io_atomic_begin(io_atomic *a, const char *path, char *err, size_t errcap) {
  memset(a, 0, sizeof *a);
  a->fd = -1;
  sbuf t = {0};
  temp_name(&t, path);
  /* the fixed name, locked; a stale one from a killed run is reused (after
   * locking, the name must still be this inode: a run that held the lock
   * renames or removes the temp before it lets go) */
  int fd = open(t.data, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
  struct stat fs;
  if (fd >= 0 && fstat(fd, &fs) == 0 && S_ISREG(fs.st_mode) && lock_named(fd, t.data) == 0 &&
      ftruncate(fd, 0) == 0) {
    a->fd = fd;
  } else {
    if (fd >= 0) close(fd);
    /* another run holds it (or the name is unusable): a random one, locked
     * the same way (a cleaner may take it between mkstemp and flock: then
     * try another) */
    size_t fixed_len = t.len;
    for (int tries = 0; tries < 8 && a->fd < 0; tries++) {
      t.len = fixed_len;
      sbuf_puts(&t, TMP_RANDOM);
      fd = mkstemp(t.data);
      if (fd < 0) {
        int e = errno;
        snprintf(err, errcap, "cannot create a temporary file: %s", strerror(e));
        sbuf_free(&t);
        errno = e;
        return -1;
      }
      if (lock_named(fd, t.data) == 0) {
        fchmod(fd, 0644);
        a->fd = fd;
      } else {
        close(fd);
      }
    }
    if (a->fd < 0) {
      snprintf(err, errcap, "cannot create a temporary file: another process keeps taking it");
      sbuf_free(&t);
      errno = EBUSY;
      return -1;
    }
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
  /* removed while still locked: once unlocked, the name could be another
   * run's */
  if (a->tmp) unlink(a->tmp);
  if (a->fd >= 0) close(a->fd);
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

/* A temp file of ours by its name: ".<x>.clipclean-tmp" or
 * ".<x>.clipclean-tmp.XXXXXX"; of one target when `fixed` is its fixed
 * temp name (without directory). */
static int is_temp_name(const char *n, const char *fixed) {
  size_t k = strlen(n), sl = strlen(TMP_SUFFIX), rl = strlen(TMP_RANDOM);
  if (fixed) {
    size_t f = strlen(fixed);
    return !strncmp(n, fixed, f) && (k == f || (k == f + rl && n[f] == '.'));
  }
  if (n[0] != '.') return 0;
  if (k > sl + 1 && !strcmp(n + k - sl, TMP_SUFFIX)) return 1;
  return k > sl + rl + 1 && n[k - rl] == '.' && !strncmp(n + k - rl - sl, TMP_SUFFIX, sl);
}

/* Removes dir/name if it is a regular file nobody holds a lock on. */
static int remove_if_stale(int dfd, const char *name) {
  int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return 0;
  struct stat fs, ns;
  int gone = fstat(fd, &fs) == 0 && S_ISREG(fs.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
             fstatat(dfd, name, &ns, AT_SYMLINK_NOFOLLOW) == 0 && fs.st_dev == ns.st_dev &&
             fs.st_ino == ns.st_ino && unlinkat(dfd, name, 0) == 0;
  close(fd);
  return gone;
}

int io_clean_stale(const char *dir, const char *name) {
  char *fixed = NULL;
  if (name) { /* its fixed temp name, as io_atomic_begin makes it there */
    sbuf p = {0}, t = {0};
    sbuf_printf(&p, "%s/%s", *dir ? dir : ".", name);
    temp_name(&t, p.data);
    const char *b = strrchr(t.data, '/');
    fixed = xstrdup(b ? b + 1 : t.data);
    sbuf_free(&p);
    sbuf_free(&t);
  }
  int dfd = open(*dir ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
  int n = 0;
  if (d) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
      if (is_temp_name(e->d_name, fixed) && (e->d_type == DT_REG || e->d_type == DT_UNKNOWN))
        n += remove_if_stale(dfd, e->d_name);
    closedir(d);
  } else if (dfd >= 0) {
    close(dfd);
  }
  free(fixed);
  return n;
}

int io_same_file(const char *a, const char *b) {
  struct stat sa, sb;
  if (stat(a, &sa) != 0 || stat(b, &sb) != 0) return 0;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
