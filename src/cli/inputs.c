/* inputs.c — arguments, lists and directory walks as a stream of inputs
 * (see inputs.h). The walk keeps an explicit stack of open levels, each
 * with the sorted names of one directory, so deep trees cost no C stack
 * and output order does not depend on readdir order. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "url.h"
#include "util.h"

static const char *const doc_exts[] = {".html", ".htm", ".xhtml", ".shtml",
                                       ".mhtml", ".mht", ".txt", ".warc"};

static int ends_with_ci(const char *s, size_t n, const char *ext) {
  size_t k = strlen(ext);
  return n > k && strncasecmp(s + n - k, ext, k) == 0;
}

int inputs_recognized(const char *name) {
  size_t n = strlen(name);
  if (ends_with_ci(name, n, ".gz")) n -= 3;
  for (size_t i = 0; i < sizeof doc_exts / sizeof doc_exts[0]; i++)
    if (ends_with_ci(name, n, doc_exts[i])) return 1;
  return 0;
}

void input_item_free(input_item *it) {
  free(it->path);
  free(it->rel);
  free(it->error);
  free(it->data);
  free(it->url);
  free(it->charset);
  free(it->label);
  free(it->extra);
  free(it->fetch);
  memset(it, 0, sizeof *it);
}

/* One directory being walked. Names carry their d_type in the first byte. */
typedef struct level {
  char *dir; /* path to the directory, as it will prefix its entries */
  char *rel; /* its path relative to the walk's root ("" for the root) */
  char **names;
  size_t n, i;
  dev_t dev;
  ino_t ino;
} level;

struct input_source {
  inputs_config cfg;
  int argi;       /* next argument */
  FILE *list;     /* --from, once the arguments are done */
  int list_open;  /* 0 not yet, 1 open, 2 done */
  FILE *ulist;    /* --urls, once --from is done */
  int ulist_open; /* 0 not yet, 1 open, 2 done */
  unsigned long uline; /* its line number */
  char *line;
  size_t linecap;
  level *stack;
  size_t depth, cap;
  char *root;           /* the named directory being walked, or NULL */
  unsigned long found;  /* documents it yielded so far */
};

input_source *inputs_open(const inputs_config *cfg) {
  input_source *s = xcalloc(1, sizeof *s);
  s->cfg = *cfg;
  return s;
}

static void level_free(level *l) {
  for (size_t i = 0; i < l->n; i++) free(l->names[i]);
  free(l->names);
  free(l->dir);
  free(l->rel);
}

void inputs_close(input_source *s) {
  if (!s) return;
  while (s->depth) level_free(&s->stack[--s->depth]);
  free(s->stack);
  if (s->list && s->list != stdin) fclose(s->list);
  if (s->ulist && s->ulist != stdin) fclose(s->ulist);
  free(s->line);
  free(s->root);
  free(s);
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static char *join(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  int slash = la && a[la - 1] != '/';
  char *p = xmalloc(la + lb + 2);
  memcpy(p, a, la);
  if (slash) p[la++] = '/';
  memcpy(p + la, b, lb + 1);
  return p;
}

/* Opens a directory level; on failure fills it->error. */
static int push_dir(input_source *s, const char *dir, const char *rel, const struct stat *st,
                    input_item *it) {
  for (size_t i = 0; i < s->depth; i++)
    if (s->stack[i].dev == st->st_dev && s->stack[i].ino == st->st_ino) return 0; /* a loop */
  DIR *d = opendir(dir);
  if (!d) {
    it->path = xstrdup(dir);
    sbuf m = {0};
    sbuf_printf(&m, "cannot read directory: %s", strerror(errno));
    it->error = sbuf_detach(&m, NULL);
    return 1;
  }
  level l;
  memset(&l, 0, sizeof l);
  size_t cap = 0;
  struct dirent *e;
  while ((errno = 0, e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue; /* hidden, "." and ".." */
    if (l.n == cap) {
      cap = cap ? cap * 2 : 64;
      l.names = xrealloc(l.names, cap * sizeof *l.names);
    }
    size_t k = strlen(e->d_name);
    char *nm = xmalloc(k + 2);
    nm[0] = (char)e->d_type;
    memcpy(nm + 1, e->d_name, k + 1);
    l.names[l.n++] = nm;
  }
  closedir(d);
  if (l.n) qsort(l.names, l.n, sizeof *l.names, cmp_names);
  l.dir = xstrdup(dir);
  l.rel = xstrdup(rel);
  l.dev = st->st_dev;
  l.ino = st->st_ino;
  if (s->depth == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 16;
    s->stack = xrealloc(s->stack, s->cap * sizeof *s->stack);
  }
  s->stack[s->depth++] = l;
  return 0;
}

/* Advances the walk; 1 with an item, 0 when the stack is empty. */
static int walk_next(input_source *s, input_item *it) {
  while (s->depth) {
    level *l = &s->stack[s->depth - 1];
    if (l->i == l->n) {
      level_free(l);
      s->depth--;
      continue;
    }
    const char *nm = l->names[l->i++];
    unsigned char type = (unsigned char)nm[0];
    const char *name = nm + 1;
    char *path = join(l->dir, name);
    char *rel = *l->rel ? join(l->rel, name) : xstrdup(name);
    struct stat st;
    int isdir = 0, isfile = 0;
    if (type == DT_DIR) {
      if (lstat(path, &st) == 0) isdir = S_ISDIR(st.st_mode);
    } else if (type == DT_REG) {
      isfile = 1;
    } else if (type == DT_LNK || type == DT_UNKNOWN) {
      if (lstat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) isdir = 1;
        else if (S_ISREG(st.st_mode)) isfile = 1;
        else if (S_ISLNK(st.st_mode)) {
          /* a link to a file: followed; to a directory: not */
          if (stat(path, &st) == 0) {
            isfile = S_ISREG(st.st_mode);
          } else if (inputs_recognized(name)) {
            /* a dangling link that looks like a document: say so */
            it->path = path;
            it->rel = rel;
            sbuf m = {0};
            sbuf_printf(&m, "broken symbolic link: %s", strerror(errno));
            it->error = sbuf_detach(&m, NULL);
            return 1;
          }
        }
      }
    }
    if (isdir) {
      int skip = s->cfg.has_skip_dir && st.st_dev == s->cfg.skip_dev && st.st_ino == s->cfg.skip_ino;
      int r = skip ? 0 : push_dir(s, path, rel, &st, it);
      free(path);
      free(rel);
      if (r) return 1;
      continue;
    }
    if (isfile && inputs_recognized(name)) {
      it->path = path;
      it->rel = rel;
      s->found++;
      return 1;
    }
    free(path);
    free(rel);
  }
  return 0;
}

/* The mirrored name of a list entry: the path as given, without leading
 * "/" and "./"; NULL (flat naming) when it climbs with "..". */
static char *list_rel(const char *p) {
  for (;;) {
    if (*p == '/') p++;
    else if (p[0] == '.' && p[1] == '/') p += 2;
    else break;
  }
  if (!*p) return NULL;
  const char *q = p;
  while (*q) {
    const char *e = strchr(q, '/');
    size_t k = e ? (size_t)(e - q) : strlen(q);
    if (k == 2 && q[0] == '.' && q[1] == '.') return NULL;
    q += k;
    while (*q == '/') q++;
  }
  /* collapse "a//b" and "a/./b" */
  sbuf b = {0};
  q = p;
  while (*q) {
    const char *e = strchr(q, '/');
    size_t k = e ? (size_t)(e - q) : strlen(q);
    if (k && !(k == 1 && q[0] == '.')) {
      if (b.len) sbuf_putc(&b, '/');
      sbuf_put(&b, q, k);
    }
    q += k;
    while (*q == '/') q++;
  }
  return b.len ? sbuf_detach(&b, NULL) : (sbuf_free(&b), NULL);
}

/* A URL item: its name without credentials, the URL itself to fetch. */
static void url_item(const char *u, input_item *it) {
  it->path = url_without_userinfo(u);
  if (strcmp(it->path, u)) it->fetch = xstrdup(u);
  it->remote = 1;
}

/* A URL to fetch; an error item when it does not parse. */
static int start_url(const char *u, input_item *it) {
  url_parts p;
  const char *why;
  url_item(u, it);
  if (url_parse(u, &p, &why) != 0) it->error = xstrdup(why);
  return 1;
}

/* Starts one named input (argument or list entry). */
static int start_named(input_source *s, const char *arg, int from_list, input_item *it) {
  if (!strcmp(arg, "-")) {
    it->path = xstrdup("-");
    return 1;
  }
  struct stat st;
  if (stat(arg, &st) != 0) {
    int e = errno;
    if (url_is_remote(arg) && !from_list) return start_url(arg, it);
    it->path = xstrdup(arg);
    if (url_is_remote(arg)) {
      it->error = xstrdup("a URL in a --from list of files: list URLs with --urls");
      return 1;
    }
    it->error = xstrdup(url_has_scheme(arg) ? "only http and https URLs can be fetched" : strerror(e));
    return 1;
  }
  if (S_ISDIR(st.st_mode)) {
    if (s->cfg.has_skip_dir && st.st_dev == s->cfg.skip_dev && st.st_ino == s->cfg.skip_ino) {
      it->path = xstrdup(arg);
      it->error = xstrdup("is the output directory; not read");
      return 1;
    }
    if (push_dir(s, arg, "", &st, it)) return 1; /* unreadable: an error item */
    free(s->root);
    s->root = xstrdup(arg);
    s->found = 0;
    return walk_next(s, it);
  }
  it->path = xstrdup(arg);
  it->rel = from_list ? list_rel(arg) : NULL;
  return 1;
}

/* The next entry of the --urls list: 1 with an item, 0 at its end. */
static int next_url(input_source *s, input_item *it) {
  if (!s->cfg.urls || s->ulist_open == 2) return 0;
  if (s->ulist_open == 0) {
    s->ulist_open = 1;
    s->ulist = strcmp(s->cfg.urls, "-") ? fopen(s->cfg.urls, "r") : stdin;
    if (!s->ulist) {
      s->ulist_open = 2;
      it->path = xstrdup(s->cfg.urls);
      sbuf m = {0};
      sbuf_printf(&m, "cannot read the URL list: %s", strerror(errno));
      it->error = sbuf_detach(&m, NULL);
      return 1;
    }
  }
  for (;;) {
    ssize_t n = getline(&s->line, &s->linecap, s->ulist);
    if (n < 0) {
      if (s->ulist != stdin) fclose(s->ulist);
      s->ulist = NULL;
      s->ulist_open = 2;
      return 0;
    }
    s->uline++;
    if (memchr(s->line, '\0', (size_t)n)) { /* not a text file */
      it->path = xstrdup(s->cfg.urls);
      sbuf m = {0};
      sbuf_printf(&m, "line %lu of the URL list holds a NUL byte: not a list of URLs", s->uline);
      it->error = sbuf_detach(&m, NULL);
      if (s->ulist != stdin) fclose(s->ulist);
      s->ulist = NULL;
      s->ulist_open = 2;
      return 1;
    }
    char *u;
    const char *why;
    int rc = url_list_line(s->line, &u, &why);
    if (rc == 0) continue;
    url_item(u, it);
    if (rc < 0) {
      sbuf m = {0};
      sbuf_printf(&m, "%s (line %lu of %s)", why, s->uline,
                  strcmp(s->cfg.urls, "-") ? s->cfg.urls : "<stdin>");
      it->error = sbuf_detach(&m, NULL);
    }
    return 1;
  }
}

int inputs_on_stdin(const input_source *s) {
  if (s->depth || s->root || s->argi < s->cfg.nargs) return 0;
  if (s->cfg.from && s->list_open != 2) return !strcmp(s->cfg.from, "-");
  return s->cfg.urls && s->ulist_open != 2 && !strcmp(s->cfg.urls, "-");
}

int inputs_next(input_source *s, input_item *it) {
  memset(it, 0, sizeof *it);
  for (;;) {
    if (walk_next(s, it)) return 1;
    if (s->root) {
      /* a directory named by the user that holds no document is most
       * likely a mistake: say so, as a failed input */
      char *root = s->root;
      s->root = NULL;
      if (!s->found) {
        it->path = root;
        it->error = xstrdup("no HTML, MHTML, WARC or text files in this directory");
        return 1;
      }
      free(root);
    }
    if (s->argi < s->cfg.nargs) {
      if (start_named(s, s->cfg.args[s->argi++], 0, it)) return 1;
      continue;
    }
    if (!s->cfg.from || s->list_open == 2) return next_url(s, it);
    if (s->list_open == 0) {
      s->list_open = 1;
      s->list = strcmp(s->cfg.from, "-") ? fopen(s->cfg.from, "r") : stdin;
      if (!s->list) {
        s->list_open = 2;
        it->path = xstrdup(s->cfg.from);
        sbuf m = {0};
        sbuf_printf(&m, "cannot read the list: %s", strerror(errno));
        it->error = sbuf_detach(&m, NULL);
        return 1;
      }
    }
    ssize_t n = getdelim(&s->line, &s->linecap, s->cfg.from_null ? '\0' : '\n', s->list);
    if (n < 0) {
      if (s->list != stdin) fclose(s->list);
      s->list = NULL;
      s->list_open = 2;
      continue;
    }
    if (n && s->line[n - 1] == (s->cfg.from_null ? '\0' : '\n')) s->line[--n] = '\0';
    if (!s->cfg.from_null && n && s->line[n - 1] == '\r') s->line[--n] = '\0';
    if (!n) continue; /* blank lines */
    if (start_named(s, s->line, 1, it)) return 1;
  }
}
