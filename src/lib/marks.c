/* marks.c — keeps the meaning that pre-cleaning would remove (see marks.h).
 *
 * Pre-cleaning drops every embed and form control, as it must: most are
 * ads, trackers and widgets. Two kinds are the article's own, and this
 * pass, run between parsing and pre-cleaning, marks them first:
 *
 *   - a video or audio embed from a known provider (an iframe, which the
 *     pre-pass kept as a void <embed>, or an <embed>/<object> of its own)
 *     becomes a <video> element flagged CC_NF_EMBED: the article shows it
 *     as a link to the provider's page for it;
 *   - a checkbox opening a list item makes it a task (CC_NF_TODO, or
 *     CC_NF_DONE when checked).
 *
 * The providers are data (the table below): the host and path an embed
 * is served from, and how its public page is written. It owns nothing; it
 * changes only tags and flags, never the tree's shape or node ids.
 */
#include "marks.h"

#include <stdio.h>
#include <string.h>

/* How an embed's source maps to its page: the id stands after the path
 * prefix `id_after` (or is the value of the query parameter, when it
 * starts with '?'), up to the next '/' (the rest of the path with
 * `rest`); the page is `page` with the id in place of %s. */
typedef struct provider {
  const char *host;     /* the host, or a domain it is under */
  const char *id_after;
  unsigned char rest;
  const char *page;
  const char *kind;     /* "video", "audio", "post" */
} provider;

static const provider providers[] = {
    {"youtube.com", "/embed/", 0, "https://www.youtube.com/watch?v=%s", "video"},
    {"youtube-nocookie.com", "/embed/", 0, "https://www.youtube.com/watch?v=%s", "video"},
    {"player.vimeo.com", "/video/", 0, "https://vimeo.com/%s", "video"},
    {"dailymotion.com", "/embed/video/", 0, "https://www.dailymotion.com/video/%s", "video"},
    {"player.twitch.tv", "?video=", 0, "https://www.twitch.tv/videos/%s", "video"},
    {"loom.com", "/embed/", 0, "https://www.loom.com/share/%s", "video"},
    {"embed.ted.com", "/talks/", 1, "https://www.ted.com/talks/%s", "video"},
    {"open.spotify.com", "/embed/episode/", 0, "https://open.spotify.com/episode/%s", "audio"},
    {"open.spotify.com", "/embed/track/", 0, "https://open.spotify.com/track/%s", "audio"},
    {"open.spotify.com", "/embed/show/", 0, "https://open.spotify.com/show/%s", "audio"},
    {"open.spotify.com", "/embed/album/", 0, "https://open.spotify.com/album/%s", "audio"},
    {"open.spotify.com", "/embed/playlist/", 0, "https://open.spotify.com/playlist/%s", "audio"},
    {"w.soundcloud.com", "?url=", 0, "%s", "audio"},
    {"embed.podcasts.apple.com", "/", 1, "https://podcasts.apple.com/%s", "audio"},
    {"platform.twitter.com", "?id=", 0, "https://twitter.com/i/status/%s", "post"},
    {"instagram.com", "/p/", 0, "https://www.instagram.com/p/%s/", "post"},
};

/* Host of a URL ("https://www.youtube.com/embed/x" -> "www.youtube.com"),
 * and where its path starts. A protocol-relative "//host/..." counts. */
static int split_url(const char *u, const char **host, size_t *hl, const char **path) {
  const char *p = strstr(u, "://");
  if (p) p += 3;
  else if (u[0] == '/' && u[1] == '/') p = u + 2;
  else return 0;
  size_t n = strcspn(p, "/?#");
  *host = p;
  *hl = n;
  *path = p + n;
  return n > 0;
}

static int host_is(const char *h, size_t hl, const char *want) {
  size_t wl = strlen(want);
  if (hl < wl) return 0;
  const char *tail = h + hl - wl;
  for (size_t i = 0; i < wl; i++)
    if ((tail[i] | 0x20) != want[i] && tail[i] != want[i]) return 0;
  return hl == wl || tail[-1] == '.';
}

/* Decodes %XX escapes of a query value into out (cap bytes). */
static void unescape(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i < n && o + 1 < cap; i++) {
    unsigned v;
    if (s[i] == '%' && i + 2 < n && sscanf(s + i + 1, "%2x", &v) == 1) {
      out[o++] = (char)v;
      i += 2;
    } else {
      out[o++] = s[i];
    }
  }
  out[o] = '\0';
}

const char *cc_embed_page(const char *src, char *out, size_t cap) {
  const char *host, *path;
  size_t hl;
  if (!src || cap < 16 || !split_url(src, &host, &hl, &path)) return NULL;
  for (size_t i = 0; i < sizeof providers / sizeof providers[0]; i++) {
    const provider *pv = &providers[i];
    if (!host_is(host, hl, pv->host)) continue;
    const char *id;
    if (pv->id_after[0] == '?') { /* a query parameter */
      const char *q = strchr(path, '?');
      const char *name = pv->id_after + 1;
      size_t nl = strlen(name);
      id = NULL;
      for (const char *a = q; a && !id; a = strchr(a + 1, '&'))
        if (!strncmp(a + 1, name, nl)) id = a + 1 + nl;
      if (!id) continue;
    } else {
      size_t pl = strlen(pv->id_after);
      if (strncmp(path, pv->id_after, pl)) continue;
      id = path + pl;
    }
    size_t il = pv->id_after[0] == '?' ? strcspn(id, "&#") : strcspn(id, pv->rest ? "?#" : "/?#&");
    if (!il || il > 512) continue;
    char idbuf[1024];
    unescape(id, il, idbuf, sizeof idbuf);
    if (!strcmp(pv->page, "%s") && strncmp(idbuf, "http", 4)) continue; /* a URL, or nothing */
    for (const char *c = idbuf; *c; c++)
      if ((unsigned char)*c <= ' ' || *c == '"' || *c == '<' || *c == '>') return NULL;
    int w = snprintf(out, cap, pv->page, idbuf);
    if (w < 0 || (size_t)w >= cap) return NULL;
    return pv->kind;
  }
  return NULL;
}

static const char *embed_src(const cc_node *x) {
  static const char *const attrs[] = {"src", "data-src", "data-lazy-src", "data"};
  for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
    const char *v = cc_node_attr(x, attrs[i]);
    if (v && *v && strncmp(v, "about:", 6)) return v;
  }
  return NULL;
}

/* A checkbox opening its list item, before any text of it. */
static void mark_task(const cc_node *input) {
  const char *type = cc_node_attr(input, "type");
  if (!type || strcmp(type, "checkbox")) return;
  cc_node *li = input->parent;
  for (int up = 0; li && up < 3 && !cc_node_is(li, CC_TAG_LI); up++) li = li->parent;
  if (!cc_node_is(li, CC_TAG_LI)) return;
  for (const cc_node *x = li->first; x && x != input; x = cc_dom_next(li, x, 0))
    if (x->type == CC_NODE_TEXT)
      for (uint32_t i = 0; i < x->len; i++)
        if (x->text[i] != ' ' && x->text[i] != '\n' && x->text[i] != '\t') return;
  li->flags |= cc_node_attr(input, "checked") ? CC_NF_DONE : CC_NF_TODO;
}

void cc_marks(cc_dom *d) {
  char page[1100];
  for (cc_node *x = d->body ? d->body : d->root; x; x = cc_dom_next(d->root, x, 0)) {
    if (x->type != CC_NODE_ELEMENT) continue;
    if (x->tag == CC_TAG_EMBED || x->tag == CC_TAG_OBJECT) {
      if (cc_embed_page(embed_src(x), page, sizeof page)) {
        x->tag = CC_TAG_VIDEO; /* block, kept by pre-cleaning */
        x->flags |= CC_NF_EMBED;
      }
    } else if (x->tag == CC_TAG_INPUT) {
      mark_task(x);
    }
  }
}

const char *cc_embed_source(const cc_node *x) { return embed_src(x); }
