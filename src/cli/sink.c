/* sink.c — outputs (see sink.h). */
#define _GNU_SOURCE /* memmem */
#include "sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clean.h"
#include "inputs.h"
#include "io.h"
#include "url.h"

static uint64_t id_hash(dev_t d, ino_t i) {
  uint64_t v[2] = {(uint64_t)d, (uint64_t)i};
  return hash64(v, sizeof v, HASH64_SEED);
}

/* -o FILE that is not a file to replace: a descriptor we were handed
 * (/dev/stdout, /dev/fd/N) or an existing device, FIFO or socket
 * (/dev/null, a named pipe) is written as a stream, like stdout; renaming
 * a temp file over it would replace the device itself. */
static int open_stream_target(sink *s, const char *target, const struct stat *st, char *err,
                              size_t errcap) {
  int fd = io_inherited_fd(target);
  if (fd < 0 && st && !S_ISREG(st->st_mode)) {
    fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      snprintf(err, errcap, "%s: %s", target, strerror(errno));
      return -1;
    }
    s->own_fd = 1;
  }
  s->fd = fd;
  return fd >= 0;
}

int sink_open(sink *s, sink_kind kind, const char *target, const char *ext,
              char *err, size_t errcap) {
  memset(s, 0, sizeof *s);
  s->kind = kind;
  s->target = target;
  s->ext = ext;
  s->fd = 1;
  if (kind == SINK_DIR) {
    /* one file created and removed: an output directory we cannot write in
     * is refused before any work */
    sbuf probe = {0};
    sbuf_printf(&probe, "%s/.probe.clipclean-tmp.XXXXXX", target);
    int pfd = mkstemp(probe.data);
    if (pfd < 0) {
      snprintf(err, errcap, "%s: cannot write in the output directory: %s", target,
               strerror(errno));
      sbuf_free(&probe);
      return -1;
    }
    unlink(probe.data);
    close(pfd);
    sbuf_free(&probe);
    long nm = pathconf(target, _PC_NAME_MAX);
    s->name_max = nm >= 64 && nm <= 4096 ? (size_t)nm : 255;
    io_clean_stale(target, NULL); /* what a killed run left */
    size_t tl = strlen(target);
    while (tl > 1 && target[tl - 1] == '/') tl--;
    u64set_add(&s->cleaned, hash64(target, tl, HASH64_SEED));
    return 0;
  }
  if (kind != SINK_FILE) return 0;
  struct stat st;
  int exists = stat(target, &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    snprintf(err, errcap, "%s: is a directory (use -O for one output per input)", target);
    return -1;
  }
  int rc = open_stream_target(s, target, exists ? &st : NULL, err, errcap);
  if (rc != 0) return rc < 0 ? -1 : 0;
  if (exists) {
    s->has_target_id = 1;
    s->target_dev = st.st_dev;
    s->target_ino = st.st_ino;
  }
  /* a symbolic link stays a link: the file it points to is replaced */
  struct stat lst;
  char *real = lstat(target, &lst) == 0 && S_ISLNK(lst.st_mode) && exists ? realpath(target, NULL)
                                                                            : NULL;
  const char *path = real ? real : target;
  const char *sl = strrchr(path, '/');
  char *dir = sl ? xstrndup(path, (size_t)(sl - path)) : xstrdup(".");
  io_clean_stale(*dir ? dir : "/", sl ? sl + 1 : path);
  free(dir);
  s->file = xcalloc(1, sizeof *s->file);
  char m[256];
  if (io_atomic_begin(s->file, path, m, sizeof m) != 0) {
    snprintf(err, errcap, "%s: %s", target, m);
    free(s->file);
    s->file = NULL;
    free(real);
    return -1;
  }
  free(real);
  s->file_open = 1;
  return 0;
}

void sink_protect_input(sink *s, const char *path) {
  struct stat st;
  if (strcmp(path, "-") && stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
    u64set_add(&s->inputs, id_hash(st.st_dev, st.st_ino));
}

int sink_is_target(const sink *s, const struct stat *in) {
  return s->kind == SINK_FILE && s->has_target_id && in->st_dev == s->target_dev &&
         in->st_ino == s->target_ino;
}

static char *make_path(const sink *s, const char *dir_part, size_t dirlen, const char *base,
                       size_t baselen) {
  sbuf b = {0};
  sbuf_puts(&b, s->target);
  if (b.len && b.data[b.len - 1] != '/') sbuf_putc(&b, '/');
  if (dirlen) {
    sbuf_put(&b, dir_part, dirlen);
    sbuf_putc(&b, '/');
  }
  size_t ext = strlen(s->ext) + 1;
  if (baselen + ext <= s->name_max) {
    sbuf_put(&b, base, baselen);
  } else { /* too long for the directory: a prefix and a hash of the whole */
    size_t keep = s->name_max - ext - 9;
    while (keep && ((unsigned char)base[keep] & 0xc0) == 0x80) keep--;
    sbuf_put(&b, base, keep);
    sbuf_printf(&b, "~%08x", (unsigned)(hash64(base, baselen, HASH64_SEED) & 0xffffffffu));
  }
  sbuf_putc(&b, '.');
  sbuf_puts(&b, s->ext);
  return sbuf_detach(&b, NULL);
}

char *sink_output_path(sink *s, const char *input, const char *rel, char *err, size_t errcap) {
  const char *name = rel;
  if (!name) {
    if (!strcmp(input, "-")) name = "stdin";
    else {
      const char *sl = strrchr(input, '/');
      name = sl ? sl + 1 : input;
    }
  }
  const char *sl = strrchr(name, '/');
  const char *base = sl ? sl + 1 : name;
  size_t dirlen = sl ? (size_t)(sl - name) : 0;
  if (!*base) base = "output";
  /* the whole input name plus the format's extension: a function of this
   * input alone, so a resumed batch finds its own output and no other */
  char *p = make_path(s, name, dirlen, base, strlen(base));
  if (u64set_add(&s->names, hash64(p, strlen(p), HASH64_SEED))) return p;
  snprintf(err, errcap, "its output name %.*s is that of an earlier input (a --from list keeps "
                           "their directories apart)", 200, p);
  free(p);
  return NULL;
}

char *sink_output_path_named(sink *s, const char *dir, size_t dirlen, const char *stem,
                             char *err, size_t errcap) {
  size_t n = strlen(stem);
  for (int i = 1; i <= 99; i++) {
    char *p;
    if (i == 1) {
      p = make_path(s, dir, dirlen, stem, n);
    } else {
      sbuf b = {0};
      sbuf_printf(&b, "%s-%d", stem, i);
      p = make_path(s, dir, dirlen, b.data, b.len);
      sbuf_free(&b);
    }
    if (u64set_add(&s->names, hash64(p, strlen(p), HASH64_SEED))) return p;
    free(p);
  }
  snprintf(err, errcap, "no free output name for %.200s", stem);
  return NULL;
}

char *sink_output_path_url(sink *s, const char *url, char *err, size_t errcap) {
  char *name = url_output_name(url);
  char *p = sink_output_path_named(s, NULL, 0, name, err, errcap);
  free(name);
  return p;
}

int sink_write_file(sink *s, const char *path, const struct stat *in, const char *data,
                    size_t len, int *fatal, char *err, size_t errcap) {
  *fatal = 0;
  struct stat st;
  if (lstat(path, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      snprintf(err, errcap, "%s: output path is a directory", path);
      return -1;
    }
    if ((in && st.st_dev == in->st_dev && st.st_ino == in->st_ino) ||
        u64set_has(&s->inputs, id_hash(st.st_dev, st.st_ino))) {
      snprintf(err, errcap, "%s: refusing to overwrite an input", path);
      return -1;
    }
  }
  /* create the subdirectories once per directory, and the first time a
   * directory is written into, remove what a killed run left there */
  const char *sl = strrchr(path, '/');
  size_t dl = sl ? (size_t)(sl - path) : 0;
  if (dl && (!s->lastdir || strlen(s->lastdir) != dl || memcmp(s->lastdir, path, dl))) {
    if (io_mkdirs_for(path) != 0) {
      int e = errno;
      snprintf(err, errcap, "%s: cannot create its directory: %s", path, strerror(e));
      *fatal = 1;
      return -1;
    }
    free(s->lastdir);
    s->lastdir = xstrndup(path, dl);
    if (u64set_add(&s->cleaned, hash64(path, dl, HASH64_SEED))) io_clean_stale(s->lastdir, NULL);
  }
  char m[256];
  if (io_write_atomic(path, data, len, m, sizeof m) != 0) {
    snprintf(err, errcap, "%s: %s", path, m);
    *fatal = 1; /* a write that failed (full, read-only, quota, I/O) fails alike for the rest */
    return -1;
  }
  return 0;
}

int sink_stream(sink *s, const char *data, size_t len, char *err, size_t errcap) {
  if (!len) return 0;
  if (s->file_open) {
    char m[256];
    if (io_atomic_write(s->file, data, len, m, sizeof m) != 0) {
      snprintf(err, errcap, "%s: %s", s->target, m);
      return -1;
    }
    return 0;
  }
  if (write_full(s->fd, data, len) != 0) {
    if (s->kind == SINK_FILE) snprintf(err, errcap, "%s: %s", s->target, strerror(errno));
    else snprintf(err, errcap, "<stdout>: %s", strerror(errno));
    return -1;
  }
  return 0;
}

void sink_set_documents(sink *s, int format, int several) {
  s->format = format;
  s->several = several;
}

/* The <body> of a rendered HTML document, and its language: what one
 * document contributes to a stream of several. */
static void html_parts(const char *d, size_t n, const char **body, size_t *blen,
                       const char **lang, size_t *llen) {
  const char *b = memmem(d, n, "<body>", 6);
  const char *e = NULL;
  for (const char *p = b; p && (p = memmem(p, n - (size_t)(p - d), "</body>", 7)); p += 7) e = p;
  *lang = NULL;
  *llen = 0;
  if (!b || !e) { /* not a document of ours after all: whole */
    *body = d;
    *blen = n;
    return;
  }
  b += 6;
  if (*b == '\n') b++;
  *body = b;
  *blen = (size_t)(e - b);
  const char *h = memmem(d, (size_t)(b - d), "<html lang=\"", 12);
  if (h) {
    h += 12;
    const char *q = memchr(h, '"', (size_t)(b - h));
    if (q) *lang = h, *llen = (size_t)(q - h);
  }
}

int sink_stream_doc(sink *s, const char *data, size_t len, int empty, char *err, size_t errcap) {
  if (!s->several || s->format == CLI_FORMAT_JSONL) return sink_stream(s, data, len, err, errcap);
  if (!len || empty) return 0; /* an empty article adds nothing */
  sbuf b = {0};
  if (s->format == CC_FORMAT_HTML) {
    const char *body, *lang;
    size_t blen, llen;
    html_parts(data, len, &body, &blen, &lang, &llen);
    if (!s->docs)
      sbuf_puts(&b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                    "<title>Articles</title>\n</head>\n<body>\n");
    else
      sbuf_puts(&b, "<hr>\n");
    /* the article keeps its document's language */
    if (llen && blen > 8 && !memcmp(body, "<article", 8)) {
      sbuf_puts(&b, "<article lang=\"");
      sbuf_put(&b, lang, llen);
      sbuf_putc(&b, '"');
      body += 8, blen -= 8;
    }
    sbuf_put(&b, body, blen);
  } else { /* txt, md: a line "* * *" between blank lines */
    if (s->docs) sbuf_puts(&b, "\n* * *\n\n");
    sbuf_put(&b, data, len);
    if (data[len - 1] != '\n') sbuf_putc(&b, '\n');
  }
  s->docs++;
  int rc = sink_stream(s, b.data, b.len, err, errcap);
  int e = errno;
  sbuf_free(&b);
  errno = e;
  return rc;
}

int sink_stream_end(sink *s, char *err, size_t errcap) {
  static const char end[] = "</body>\n</html>\n";
  if (!s->several || s->format != CC_FORMAT_HTML || !s->docs) return 0;
  return sink_stream(s, end, sizeof end - 1, err, errcap);
}

int sink_close(sink *s, int commit, char *err, size_t errcap) {
  int rc = 0;
  if (s->file_open) {
    if (commit) {
      char m[256];
      if (io_atomic_commit(s->file, m, sizeof m) != 0) {
        snprintf(err, errcap, "%s: %s", s->target, m);
        rc = -1;
      }
    } else {
      io_atomic_abort(s->file);
    }
    s->file_open = 0;
  }
  free(s->file);
  s->file = NULL;
  if (s->own_fd) close(s->fd);
  s->own_fd = 0;
  u64set_free(&s->names);
  u64set_free(&s->inputs);
  u64set_free(&s->cleaned);
  free(s->lastdir);
  s->lastdir = NULL;
  return rc;
}
