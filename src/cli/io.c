/* io.c — whole-file input (gzip-aware) and atomic output for the CLI. */
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static int read_fd(int fd, size_t max, char **data, size_t *len, char *err,
                   size_t errcap, const char *path) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  if (!buf) {
    snprintf(err, errcap, "%s: out of memory", path);
    return -1;
  }
  for (;;) {
    if (n == cap) {
      if (cap > max + 1) break;
      cap *= 2;
      char *nb = realloc(buf, cap + 1);
      if (!nb) {
        free(buf);
        snprintf(err, errcap, "%s: out of memory", path);
        return -1;
      }
      buf = nb;
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      snprintf(err, errcap, "%s: %s", path, strerror(errno));
      free(buf);
      return -1;
    }
    if (r == 0) break;
    n += (size_t)r;
    if (n > max) break;
  }
  if (n > max) {
    snprintf(err, errcap, "%s: larger than the %zu-byte input limit", path, max);
    free(buf);
    return -1;
  }
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return 0;
}

int cli_gunzip(const char *in, size_t inlen, size_t max, char **data,
               size_t *len, char *err, size_t errcap, const char *path) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (inflateInit2(&zs, 15 + 32) != Z_OK) {
    snprintf(err, errcap, "%s: cannot start gzip decoding", path);
    return -1;
  }
  size_t cap = inlen * 4 + 1024, n = 0;
  char *out = malloc(cap + 1);
  if (!out) {
    inflateEnd(&zs);
    snprintf(err, errcap, "%s: out of memory", path);
    return -1;
  }
  zs.next_in = (Bytef *)in;
  zs.avail_in = (uInt)(inlen > 0xffffffffu ? 0xffffffffu : inlen);
  int rc;
  for (;;) {
    if (n == cap) {
      if (cap > max) {
        rc = Z_BUF_ERROR;
        break;
      }
      cap *= 2;
      char *nb = realloc(out, cap + 1);
      if (!nb) {
        rc = Z_MEM_ERROR;
        break;
      }
      out = nb;
    }
    zs.next_out = (Bytef *)out + n;
    zs.avail_out = (uInt)(cap - n > 0xffffffffu ? 0xffffffffu : cap - n);
    rc = inflate(&zs, Z_NO_FLUSH);
    n = (size_t)((char *)zs.next_out - out);
    if (rc == Z_STREAM_END) {
      /* concatenated members: go on while input remains */
      if (zs.avail_in > 0 && inflateReset(&zs) == Z_OK) continue;
      break;
    }
    if (rc != Z_OK) break;
    if (n > max) {
      rc = Z_BUF_ERROR;
      break;
    }
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || n > max) {
    free(out);
    if (n > max)
      snprintf(err, errcap, "%s: decompresses to more than the %zu-byte input limit", path, max);
    else
      snprintf(err, errcap, "%s: corrupt or truncated gzip data", path);
    return -1;
  }
  out[n] = '\0';
  *data = out;
  *len = n;
  return 0;
}

int cli_read_input(const char *path, size_t max, char **data, size_t *len,
                   char *err, size_t errcap) {
  int fd = 0;
  const char *name = path;
  if (strcmp(path, "-") != 0) {
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      snprintf(err, errcap, "%s: %s", path, strerror(errno));
      return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      close(fd);
      snprintf(err, errcap, "%s: is a directory", path);
      return -1;
    }
  } else {
    name = "<stdin>";
  }
  char *raw;
  size_t rawlen;
  /* compressed input may be up to the limit itself; the limit applies
   * again after decompression */
  int rc = read_fd(fd, max, &raw, &rawlen, err, errcap, name);
  if (fd) close(fd);
  if (rc) return rc;
  if (rawlen >= 2 && (unsigned char)raw[0] == 0x1f && (unsigned char)raw[1] == 0x8b) {
    rc = cli_gunzip(raw, rawlen, max, data, len, err, errcap, name);
    free(raw);
    return rc;
  }
  *data = raw;
  *len = rawlen;
  return 0;
}

static int write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

int cli_write_atomic(const char *path, const char *data, size_t len,
                     char *err, size_t errcap) {
  if (strcmp(path, "-") == 0) {
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
      snprintf(err, errcap, "<stdout>: %s", strerror(errno));
      return -1;
    }
    return 0;
  }
  size_t pl = strlen(path);
  char *tmp = malloc(pl + 32);
  if (!tmp) {
    snprintf(err, errcap, "%s: out of memory", path);
    return -1;
  }
  /* the temp name lives beside the target so rename() stays atomic */
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  snprintf(tmp, pl + 32, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    snprintf(err, errcap, "%s: cannot create a temporary file: %s", path, strerror(errno));
    free(tmp);
    return -1;
  }
  fchmod(fd, 0644);
  if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
    snprintf(err, errcap, "%s: %s", path, strerror(errno));
    close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
  }
  if (close(fd) != 0 || rename(tmp, path) != 0) {
    snprintf(err, errcap, "%s: %s", path, strerror(errno));
    unlink(tmp);
    free(tmp);
    return -1;
  }
  free(tmp);
  return 0;
}

int cli_same_file(const char *a, const char *b) {
  struct stat sa, sb;
  if (stat(a, &sa) != 0 || stat(b, &sb) != 0) return 0;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
