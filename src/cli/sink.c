/* sink.c — outputs (see sink.h). */
#include "sink.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inputs.h"
#include "io.h"
#include "url.h"

static uint64_t id_hash(dev_t d, ino_t i) {
  uint64_t v[2] = {(uint64_t)d, (uint64_t)i};
  return hash64(v, sizeof v, HASH64_SEED);
}

int sink_open(sink *s, sink_kind kind, const char *target, const char *ext,
              char *err, size_t errcap) {
  memset(s, 0, sizeof *s);
  s->kind = kind;
  s->target = target;
  s->ext = ext;
  if (kind == SINK_FILE) {
    struct stat st;
    if (stat(target, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        snprintf(err, errcap, "%s: is a directory (use -O for one output per input)", target);
        return -1;
      }
      s->has_target_id = 1;
      s->target_dev = st.st_dev;
      s->target_ino = st.st_ino;
    }
    s->file = xcalloc(1, sizeof *s->file);
    char m[256];
    if (io_atomic_begin(s->file, target, m, sizeof m) != 0) {
      snprintf(err, errcap, "%s: %s", target, m);
      free(s->file);
      s->file = NULL;
      return -1;
    }
    s->file_open = 1;
  }
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
  sbuf_put(&b, base, baselen);
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
  size_t stem = inputs_stem_len(base);
  if (!*base) base = "output", stem = 6;
  char *p = make_path(s, name, dirlen, base, stem ? stem : strlen(base));
  if (u64set_add(&s->names, hash64(p, strlen(p), HASH64_SEED))) return p;
  /* taken by an earlier input: keep the whole original name */
  free(p);
  p = make_path(s, name, dirlen, base, strlen(base));
  if (u64set_add(&s->names, hash64(p, strlen(p), HASH64_SEED))) return p;
  snprintf(err, errcap, "its output name %.*s is taken by an earlier input", 200, p);
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
  /* create the subdirectories once per directory */
  const char *sl = strrchr(path, '/');
  size_t dl = sl ? (size_t)(sl - path) : 0;
  if (dl && (!s->lastdir || strlen(s->lastdir) != dl || memcmp(s->lastdir, path, dl))) {
    if (io_mkdirs_for(path) != 0) {
      int e = errno;
      snprintf(err, errcap, "%s: cannot create its directory: %s", path, strerror(e));
      *fatal = e == ENOSPC || e == EROFS || e == EDQUOT;
      return -1;
    }
    free(s->lastdir);
    s->lastdir = xstrndup(path, dl);
  }
  char m[256];
  if (io_write_atomic(path, data, len, m, sizeof m) != 0) {
    int e = errno;
    snprintf(err, errcap, "%s: %s", path, m);
    *fatal = e == ENOSPC || e == EROFS || e == EDQUOT;
    return -1;
  }
  return 0;
}

int sink_stream(sink *s, const char *data, size_t len, char *err, size_t errcap) {
  if (!len) return 0;
  if (s->kind == SINK_FILE) {
    char m[256];
    if (io_atomic_write(s->file, data, len, m, sizeof m) != 0) {
      snprintf(err, errcap, "%s: %s", s->target, m);
      return -1;
    }
    return 0;
  }
  if (write_full(1, data, len) != 0) {
    snprintf(err, errcap, "<stdout>: %s", strerror(errno));
    return -1;
  }
  return 0;
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
  u64set_free(&s->names);
  u64set_free(&s->inputs);
  free(s->lastdir);
  s->lastdir = NULL;
  return rc;
}
