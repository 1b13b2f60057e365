/* segments.c — streamed segments put where their scripts would put them
 * (see segments.h). Owns nothing beyond the call list, which lives in the
 * document's arena. */
#include "segments.h"

#include <stdlib.h>
#include <string.h>

static int id_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-' || c == ':';
}

static int hex(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

int cc_segment_slot_id(const char *id, size_t n) {
  if (n < 3 || n >= CC_SEGMENT_ID_MAX) return 0;
  for (size_t i = 0; i < n; i++)
    if (!id_byte((unsigned char)id[i])) return 0;
  size_t k = n;
  while (k > 0 && hex((unsigned char)id[k - 1])) k--;
  return k >= 2 && k < n && id[k - 1] == ':' && (id[k - 2] == 'B' || id[k - 2] == 'P');
}

/* A quoted id at *p (before e): copied to out; *p moves past it. */
static int quoted_id(const char **p, const char *e, char *out) {
  const char *q = *p;
  if (q >= e || (*q != '"' && *q != '\'')) return 0;
  char quote = *q++;
  size_t n = 0;
  while (q < e && *q != quote) {
    if (n + 1 >= CC_SEGMENT_ID_MAX || !id_byte((unsigned char)*q)) return 0;
    out[n++] = *q++;
  }
  if (q >= e || n == 0) return 0;
  out[n] = '\0';
  *p = q + 1;
  return 1;
}

static void add(cc_arena *a, cc_segments *s, const char *slot, const char *segment) {
  if (s->n >= CC_SEGMENTS_MAX) return;
  if (s->n == s->cap) {
    unsigned cap = s->cap ? s->cap * 2 : 16;
    cc_segment_move *v = cc_arena_alloc(a, cap * sizeof *v);
    if (s->n) memcpy(v, s->v, s->n * sizeof *v);
    s->v = v;
    s->cap = cap;
  }
  cc_segment_move *m = &s->v[s->n++];
  memcpy(m->slot, slot, strlen(slot) + 1);
  memcpy(m->segment, segment, strlen(segment) + 1);
}

void cc_segments_scan(cc_arena *a, cc_segments *s, const char *js, size_t n) {
  const char *e = js + n;
  for (const char *p = js; (p = memchr(p, '$', (size_t)(e - p))) != NULL; p++) {
    if (e - p < 8 || p[1] != 'R' || p[3] != '(') continue;
    char kind = p[2];
    if (kind != 'C' && kind != 'R' && kind != 'S') continue;
    const char *q = p + 4;
    char first[CC_SEGMENT_ID_MAX], second[CC_SEGMENT_ID_MAX];
    if (!quoted_id(&q, e, first) || q >= e || *q != ',') continue;
    q++;
    if (!quoted_id(&q, e, second)) continue;
    /* $RC/$RR(boundary, segment); $RS(segment, placeholder) */
    if (kind == 'S')
      add(a, s, second, first);
    else
      add(a, s, first, second);
  }
}

/* The index of the nodes the calls name: ids sorted for bsearch. */
typedef struct key {
  const char *id;
  unsigned move;
  int is_slot;
} key;

static int key_cmp(const void *x, const void *y) {
  return strcmp(((const key *)x)->id, ((const key *)y)->id);
}

static int is_inside(const cc_node *n, const cc_node *anc) {
  for (; n; n = n->parent)
    if (n == anc) return 1;
  return 0;
}

/* Finds the slot (a <wbr> the pre-pass left) and the segment (a hidden
 * element) of every call; the first node with an id wins. */
static void find_nodes(cc_dom *d, const cc_segments *s, cc_node **slot, cc_node **seg) {
  key *keys = cc_arena_alloc(d->arena, (size_t)s->n * 2 * sizeof *keys);
  for (unsigned i = 0; i < s->n; i++) {
    keys[2 * i] = (key){s->v[i].slot, i, 1};
    keys[2 * i + 1] = (key){s->v[i].segment, i, 0};
  }
  qsort(keys, (size_t)s->n * 2, sizeof *keys, key_cmp);
  for (uint32_t i = 0; i < d->nnodes; i++) {
    cc_node *x = d->byid[i];
    if (x->type != CC_NODE_ELEMENT) continue;
    const char *id = cc_node_attr(x, "id");
    if (!id || !id[0] || strlen(id) >= CC_SEGMENT_ID_MAX) continue;
    key k = {id, 0, 0};
    const key *f = bsearch(&k, keys, (size_t)s->n * 2, sizeof *keys, key_cmp);
    if (!f) continue;
    /* the same id may name a slot in one call and nothing else: look at
     * every key with this id */
    while (f > keys && !strcmp(f[-1].id, id)) f--;
    for (; f < keys + (size_t)s->n * 2 && !strcmp(f->id, id); f++) {
      if (f->is_slot && x->tag == CC_TAG_WBR && !slot[f->move])
        slot[f->move] = x;
      else if (!f->is_slot && x->tag != CC_TAG_WBR && cc_node_attr(x, "hidden") &&
               !seg[f->move])
        seg[f->move] = x;
    }
  }
}

/* The segment a slot's id names by React's numbering, "B:1f" or "P:1f"
 * -> "S:1f" (a placeholder and its segment share their number, and so do
 * a boundary and its content in every page seen): for pages saved without
 * their scripts. */
static void conventional(const char *slot, char *segment) {
  size_t n = strlen(slot), k = n;
  while (k > 0 && hex((unsigned char)slot[k - 1])) k--;
  memcpy(segment, slot, n + 1);
  segment[k - 2] = 'S';
}

static int move_slot_cmp(const void *x, const void *y) {
  return strcmp(((const cc_segment_move *)x)->slot, ((const cc_segment_move *)y)->slot);
}

/* The calls the scripts made, then a conventional move for every slot in
 * the DOM that no call names. */
static cc_segments all_moves(cc_dom *d, const cc_segments *s) {
  cc_segments all = {0};
  for (unsigned i = 0; i < s->n; i++) add(d->arena, &all, s->v[i].slot, s->v[i].segment);
  cc_segment_move *named = NULL;
  if (s->n) {
    named = cc_arena_alloc(d->arena, s->n * sizeof *named);
    memcpy(named, s->v, s->n * sizeof *named);
    qsort(named, s->n, sizeof *named, move_slot_cmp);
  }
  for (uint32_t i = 0; i < d->nnodes; i++) {
    const cc_node *x = d->byid[i];
    if (!cc_node_is(x, CC_TAG_WBR)) continue;
    const char *id = cc_node_attr(x, "id");
    if (!id || !cc_segment_slot_id(id, strlen(id))) continue;
    cc_segment_move m;
    memcpy(m.slot, id, strlen(id) + 1);
    if (named && bsearch(&m, named, s->n, sizeof *named, move_slot_cmp)) continue;
    conventional(m.slot, m.segment);
    add(d->arena, &all, m.slot, m.segment);
  }
  return all;
}

unsigned cc_segments_place(cc_dom *d, const cc_segments *calls) {
  if (!calls->slots || !d->nnodes) return 0;
  cc_segments all = all_moves(d, calls);
  const cc_segments *s = &all;
  if (!s->n) return 0;
  cc_node **slot = cc_arena_calloc(d->arena, (size_t)s->n * sizeof *slot);
  cc_node **seg = cc_arena_calloc(d->arena, (size_t)s->n * sizeof *seg);
  find_nodes(d, s, slot, seg);
  unsigned placed = 0;
  for (unsigned i = 0; i < s->n; i++) {
    cc_node *at = slot[i], *from = seg[i];
    /* a slot or segment already used, or a slot inside its own segment
     * (moving would make a cycle) */
    if (!at || !from || !at->parent || !from->parent || is_inside(at, from)) continue;
    while (from->first) {
      cc_node *c = from->first;
      cc_dom_unlink(c);
      cc_dom_insert_before(at, c);
    }
    cc_dom_unlink(at);
    cc_dom_unlink(from);
    placed++;
  }
  if (placed) cc_dom_finish(d);
  return placed;
}
