/* attach.c — images downloaded as attachments (see attach.h). Owns the
 * run's image table (one entry per image URL: its name, state, and the URL
 * while it is being fetched) and the list of pages waiting for images. */
#include "attach.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"
#include "util.h"

enum { IMG_PENDING, IMG_SAVED, IMG_FAILED };

typedef struct image {
  uint64_t key;     /* hash of the URL: the file's name */
  char ext[8];      /* "jpg", ... ("" until known) */
  unsigned char state;
  char *url;        /* while pending */
  uint64_t fetch_id;
} image;

typedef struct page {
  uint64_t seq;
  uint32_t *imgs;   /* indexes into the image table */
  char **urls;      /* as the page gives them (for its map) */
  unsigned n, pending;
} page;

struct attach {
  char *dir;        /* absolute */
  image *img;
  size_t nimg, capimg;
  uint64_t *mkey;   /* key -> index: open addressing, 0 = empty */
  uint32_t *midx;
  size_t mcap;
  uint32_t *pending; /* images being fetched */
  size_t npending, cappending;
  page *pages;
  size_t npages, cappages;
};

/* Extensions by media type, and the magic numbers that confirm them. */
static const struct {
  const char *type, *ext, *magic;
  size_t off, mlen;
} kinds[] = {
    {"image/jpeg", "jpg", "\xff\xd8\xff", 0, 3},     {"image/png", "png", "\x89PNG", 0, 4},
    {"image/gif", "gif", "GIF8", 0, 4},               {"image/webp", "webp", "WEBP", 8, 4},
    {"image/avif", "avif", "ftypavif", 4, 8},         {"image/bmp", "bmp", "BM", 0, 2},
    {"image/x-icon", "ico", "\x00\x00\x01\x00", 0, 4}, {"image/svg+xml", "svg", NULL, 0, 0},
};

/* ---- paths ------------------------------------------------------------ */

/* An absolute, lexically normalised form of path (no ".", "..", "//"). */
static char *absolute(const char *path) {
  sbuf b = {0};
  if (path[0] != '/') {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "/");
    sbuf_puts(&b, cwd);
    sbuf_putc(&b, '/');
  }
  sbuf_puts(&b, path);
  char *in = sbuf_detach(&b, NULL);
  size_t o = 0, n = strlen(in);
  char *out = xmalloc(n + 2);
  for (size_t i = 0; i < n;) {
    while (i < n && in[i] == '/') i++;
    size_t j = i;
    while (j < n && in[j] != '/') j++;
    size_t l = j - i;
    if (l == 1 && in[i] == '.') {
    } else if (l == 2 && in[i] == '.' && in[i + 1] == '.') {
      while (o > 0 && out[o - 1] != '/') o--;
      if (o > 0) o--;
    } else if (l) {
      out[o++] = '/';
      memcpy(out + o, in + i, l);
      o += l;
    }
    i = j;
  }
  if (!o) out[o++] = '/';
  out[o] = '\0';
  free(in);
  return out;
}

/* The path of `to` (a directory) relative to directory `from`, both
 * absolute and normalised: "../images", "images", "" when equal. */
static char *relative(const char *from, const char *to) {
  size_t i = 0, common = 0;
  while (from[i] && from[i] == to[i]) {
    if (from[i] == '/') common = i;
    i++;
  }
  if (!from[i] && (!to[i] || to[i] == '/')) common = i;
  else if (!to[i] && from[i] == '/') common = i;
  sbuf b = {0};
  for (const char *p = from + common; *p; p++)
    if (*p == '/' && p[1]) sbuf_puts(&b, b.len ? "/.." : "..");
  const char *rest = to + common;
  while (*rest == '/') rest++;
  if (*rest) {
    if (b.len) sbuf_putc(&b, '/');
    sbuf_puts(&b, rest);
  }
  return sbuf_detach(&b, NULL);
}

/* ---- the table -------------------------------------------------------- */

attach *attach_new(const char *dir, char *err, size_t errcap) {
  attach *a = xcalloc(1, sizeof *a);
  a->dir = absolute(dir);
  sbuf p = {0};
  sbuf_printf(&p, "%s/x", a->dir);
  int rc = io_mkdirs_for(p.data);
  sbuf_free(&p);
  struct stat st;
  if (rc != 0 || stat(a->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    snprintf(err, errcap, "%s: cannot create the images directory: %s", dir,
             strerror(errno ? errno : ENOTDIR));
    attach_free(a);
    return NULL;
  }
  return a;
}

void attach_free(attach *a) {
  if (!a) return;
  for (size_t i = 0; i < a->nimg; i++) free(a->img[i].url);
  for (size_t i = 0; i < a->npages; i++) {
    for (unsigned k = 0; k < a->pages[i].n; k++) free(a->pages[i].urls[k]);
    free(a->pages[i].urls);
    free(a->pages[i].imgs);
  }
  free(a->img);
  free(a->pages);
  free(a->mkey);
  free(a->midx);
  free(a->pending);
  free(a->dir);
  free(a);
}

/* The extension a URL's path names, if it is an image's. */
static const char *url_ext(const char *url) {
  const char *end = url + strcspn(url, "?#");
  const char *dot = end;
  while (dot > url && dot[-1] != '.' && dot[-1] != '/') dot--;
  if (dot == url || dot[-1] != '.') return NULL;
  size_t l = (size_t)(end - dot);
  static const char *const known[] = {"jpg", "jpeg", "png", "gif", "webp", "avif", "bmp", "ico", "svg"};
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (l == strlen(known[i]) && !strncasecmp(dot, known[i], l)) return i == 1 ? "jpg" : known[i];
  return NULL;
}

static char *file_of(const attach *a, const image *im, const char *ext) {
  sbuf p = {0};
  sbuf_printf(&p, "%s/%016llx.%s", a->dir, (unsigned long long)im->key, ext);
  return sbuf_detach(&p, NULL);
}

/* A file from an earlier run: the image is there already. */
static int on_disk(attach *a, image *im, const char *url) {
  const char *ue = url_ext(url);
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    const char *ext = ue ? ue : kinds[i].ext;
    char *path = file_of(a, im, ext);
    struct stat st;
    int there = stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
    free(path);
    if (there) {
      snprintf(im->ext, sizeof im->ext, "%s", ext);
      return 1;
    }
    if (ue) break;
  }
  return 0;
}

/* The slot of key in the map (where it is, or where it would go). */
static size_t map_slot(const attach *a, uint64_t key) {
  size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull) & (a->mcap - 1);
  while (a->mkey[i] && a->mkey[i] != key) i = (i + 1) & (a->mcap - 1);
  return i;
}

static void map_put(attach *a, uint64_t key, uint32_t idx) {
  if ((a->nimg + 1) * 2 > a->mcap) { /* grow: rehash */
    size_t oc = a->mcap;
    uint64_t *ok = a->mkey;
    uint32_t *oi = a->midx;
    a->mcap = oc ? oc * 2 : 256;
    a->mkey = xcalloc(a->mcap, sizeof *a->mkey);
    a->midx = xcalloc(a->mcap, sizeof *a->midx);
    for (size_t i = 0; i < oc; i++)
      if (ok[i]) {
        size_t j = map_slot(a, ok[i]);
        a->mkey[j] = ok[i];
        a->midx[j] = oi[i];
      }
    free(ok);
    free(oi);
  }
  size_t j = map_slot(a, key);
  a->mkey[j] = key;
  a->midx[j] = idx;
}

static uint32_t image_index(attach *a, fetcher *f, uint64_t seq, unsigned k, const char *url) {
  uint64_t key = hash64(url, strlen(url), HASH64_SEED);
  if (!key) key = 1;
  if (a->mcap) {
    size_t j = map_slot(a, key);
    if (a->mkey[j]) return a->midx[j];
  }
  map_put(a, key, (uint32_t)a->nimg);
  if (a->nimg == a->capimg) {
    a->capimg = a->capimg ? a->capimg * 2 : 64;
    a->img = xrealloc(a->img, a->capimg * sizeof *a->img);
  }
  image *im = &a->img[a->nimg];
  memset(im, 0, sizeof *im);
  im->key = key;
  if (on_disk(a, im, url)) {
    im->state = IMG_SAVED;
  } else if (!f) {
    im->state = IMG_FAILED;
  } else {
    im->state = IMG_PENDING;
    im->url = xstrdup(url);
    im->fetch_id = ATTACH_ID(seq, k);
#ifdef CC_HAVE_FETCH
    fetcher_add_media(f, im->fetch_id, url);
#endif
    if (a->npending == a->cappending) {
      a->cappending = a->cappending ? a->cappending * 2 : 32;
      a->pending = xrealloc(a->pending, a->cappending * sizeof *a->pending);
    }
    a->pending[a->npending++] = (uint32_t)a->nimg;
  }
  return (uint32_t)a->nimg++;
}

int attach_want(attach *a, fetcher *f, uint64_t seq, const char *urls) {
  if (a->npages == a->cappages) {
    a->cappages = a->cappages ? a->cappages * 2 : 16;
    a->pages = xrealloc(a->pages, a->cappages * sizeof *a->pages);
  }
  page *p = &a->pages[a->npages++];
  memset(p, 0, sizeof *p);
  p->seq = seq;
  for (const char *u = urls; u && *u && p->n < ATTACH_MAX;) {
    size_t l = strcspn(u, "\n");
    if (l && l < 4096) {
      p->imgs = xrealloc(p->imgs, (p->n + 1) * sizeof *p->imgs);
      p->urls = xrealloc(p->urls, (p->n + 1) * sizeof *p->urls);
      p->urls[p->n] = xstrndup(u, l);
      uint32_t i = image_index(a, f, seq, p->n + 1, p->urls[p->n]);
      p->imgs[p->n++] = i;
      if (a->img[i].state == IMG_PENDING) p->pending++;
    }
    u += l + (u[l] == '\n');
  }
  return (int)p->pending;
}

/* The kind of image the bytes are (an index into kinds), or -1. */
static int sniff(const char *d, size_t n, const char *type) {
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    if (!kinds[i].magic) continue;
    if (n >= kinds[i].off + kinds[i].mlen && !memcmp(d + kinds[i].off, kinds[i].magic, kinds[i].mlen))
      return (int)i;
  }
  /* SVG is text: its type must say so, and it must look like it */
  size_t k = 0;
  while (k < n && k < 512 && (d[k] == ' ' || d[k] == '\n' || d[k] == '\r' || d[k] == '\t')) k++;
  if (type && !strcmp(type, "image/svg+xml") && n - k >= 4 &&
      (!memcmp(d + k, "<svg", 4) || !memcmp(d + k, "<?xm", 4)))
    return (int)(sizeof kinds / sizeof kinds[0] - 1);
  return -1;
}

static void save(attach *a, image *im, fetch_result *r, char *msg, size_t cap) {
  if (!r->ok) {
    snprintf(msg, cap, "%s", r->cancelled ? "interrupted" : r->message);
    im->state = IMG_FAILED;
    return;
  }
  int kind = sniff(r->body, r->len, r->type);
  if (kind < 0) {
    snprintf(msg, cap, "not an image (%s)", r->type[0] ? r->type : "no type");
    im->state = IMG_FAILED;
    return;
  }
  snprintf(im->ext, sizeof im->ext, "%s", kinds[kind].ext);
  char *path = file_of(a, im, im->ext);
  char m[256];
  if (io_write_atomic(path, r->body, r->len, m, sizeof m) != 0) {
    snprintf(msg, cap, "cannot save it: %s", m);
    im->state = IMG_FAILED;
  } else {
    im->state = IMG_SAVED;
  }
  free(path);
}

void attach_fetched(attach *a, fetch_result *r, attach_warn_fn warn, attach_ready_fn ready,
                    void *ctx) {
  image *im = NULL;
  for (size_t i = 0; i < a->npending && !im; i++)
    if (a->img[a->pending[i]].fetch_id == r->id) {
      im = &a->img[a->pending[i]];
      a->pending[i] = a->pending[--a->npending];
    }
  if (!im) return;
  char msg[400] = "";
  save(a, im, r, msg, sizeof msg);
  uint32_t idx = (uint32_t)(im - a->img);
  /* every page waiting for it */
  for (size_t i = 0; i < a->npages; i++) {
    page *p = &a->pages[i];
    int waited = 0;
    for (unsigned k = 0; k < p->n; k++)
      if (p->imgs[k] == idx) {
        if (im->state == IMG_FAILED && warn) {
          char w[4600];
          snprintf(w, sizeof w, "image %.4000s: %s (the remote link stays)", p->urls[k], msg);
          warn(ctx, p->seq, w);
        }
        waited = 1;
      }
    if (waited && p->pending && --p->pending == 0 && ready) ready(ctx, p->seq);
  }
  free(im->url);
  im->url = NULL;
}

static page *find(attach *a, uint64_t seq) {
  for (size_t i = 0; i < a->npages; i++)
    if (a->pages[i].seq == seq) return &a->pages[i];
  return NULL;
}

char *attach_map(attach *a, uint64_t seq, const char *out_dir) {
  page *p = find(a, seq);
  if (!p) return NULL;
  char *from = absolute(out_dir && *out_dir ? out_dir : ".");
  char *rel = relative(from, a->dir);
  free(from);
  sbuf m = {0};
  for (unsigned k = 0; k < p->n; k++) {
    const image *im = &a->img[p->imgs[k]];
    if (im->state != IMG_SAVED || strpbrk(p->urls[k], "\t\n")) continue;
    sbuf_printf(&m, "%s\t%s%s%016llx.%s\n", p->urls[k], rel, *rel ? "/" : "",
                (unsigned long long)im->key, im->ext);
  }
  free(rel);
  return m.len ? sbuf_detach(&m, NULL) : (sbuf_free(&m), NULL);
}

void attach_forget(attach *a, uint64_t seq) {
  page *p = find(a, seq);
  if (!p) return;
  for (unsigned k = 0; k < p->n; k++) free(p->urls[k]);
  free(p->urls);
  free(p->imgs);
  *p = a->pages[--a->npages];
}
