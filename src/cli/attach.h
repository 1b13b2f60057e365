/* attach.h — a clipping's images as attachments (--images DIR): what the
 * batch asks of it (attach.c).
 *
 * A cleaned page names its images (absolute http(s) URLs, in the worker's
 * result). Each image is fetched once per run by the fetcher, under the
 * same politeness, limits and timeouts as pages, and saved as
 * DIR/<16 hex digits of the URL's hash>.<ext>, so the same image keeps its
 * name from run to run (and a file already there is not fetched again).
 * When a page's images are in, the page is rendered again with their links
 * pointing at the local files, relative to where the output goes; an
 * image that could not be fetched keeps its remote link, and a warning
 * says why. Memory: per image of the run, 16 bytes and its extension;
 * URLs only while their fetch is pending. */
#ifndef CCCLI_ATTACH_H
#define CCCLI_ATTACH_H

#include <stddef.h>
#include <stdint.h>

#include "fetch.h"

/* Fetch ids: a page's is its input's sequence number shifted; its images'
 * are the same with the image's number (1..ATTACH_MAX) in the low bits, so
 * that the fetcher's "up to this input" gate keeps them in input order. */
#define ATTACH_SHIFT 12
#define ATTACH_MAX ((1u << ATTACH_SHIFT) - 1)
#define ATTACH_ID(seq, k) (((uint64_t)(seq) << ATTACH_SHIFT) | (uint64_t)(k))
#define ATTACH_SEQ(id) ((id) >> ATTACH_SHIFT)
#define ATTACH_IMAGE(id) ((unsigned)((id) & ATTACH_MAX))

typedef struct attach attach;

/* The images go to dir (created if needed). NULL with a message in err
 * when it cannot be created. */
attach *attach_new(const char *dir, char *err, size_t errcap);
void attach_free(attach *a);

/* A page's images ('\n'-separated URLs): those not known yet are queued on
 * the fetcher (when f is not NULL). Returns how many it still waits for. */
int attach_want(attach *a, fetcher *f, uint64_t seq, const char *urls);

/* An image fetched (or failed, or cancelled): saved, or its failure
 * noted. `warn` is called for a failure, with the page's sequence number
 * and the message; `ready` for each page whose last image this was. */
typedef void (*attach_warn_fn)(void *ctx, uint64_t seq, const char *msg);
typedef void (*attach_ready_fn)(void *ctx, uint64_t seq);
void attach_fetched(attach *a, fetch_result *r, attach_warn_fn warn, attach_ready_fn ready,
                    void *ctx);

/* The page's map for the worker, "URL\tPATH\n" per image saved, PATH
 * relative to out_dir (the directory the output goes to; "" for the
 * current one); NULL when none was saved. malloc'd. */
char *attach_map(attach *a, uint64_t seq, const char *out_dir);

/* Forgets the page (its map is made, or it is abandoned). */
void attach_forget(attach *a, uint64_t seq);

#endif
