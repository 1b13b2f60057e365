/* site.h — site-level boilerplate learning over a batch.
 *
 * A site is the host of the document's URL (the canonical link, og:url, or
 * --url / an MHTML location, as cc_result_url() gives it; "www." dropped,
 * lowercased), else the input's directory. For each site the learner counts
 * in how many documents each block fingerprint (cc_result_block_hashes)
 * occurs, over a sample: the first SITE_SAMPLE documents of the site in
 * input order, exact duplicates (same article text, or the same set of
 * blocks) counted once. A fingerprint is the site's boilerplate when the
 * sample holds at least SITE_MIN_DOCS documents and the fingerprint occurs
 * in at least max(SITE_MIN_HITS, SITE_SHARE of the sample) of them.
 *
 * Why these numbers: with fewer than 5 pages, "repeats" are as likely to be
 * a story told twice as a site's furniture; 3 pages at least, and 30% of
 * the sample, keep a quote or a series box shared by a couple of articles;
 * 200 pages of a site are plenty to see its navigation, footer and promos,
 * and bound the counting per site.
 *
 * Memory is bounded whatever the batch size: a site's counts are dropped as
 * soon as its sample is complete (only its boilerplate set stays), and all
 * the counting tables together hold at most `max_entries` fingerprints;
 * past that, new fingerprints and new sites are no longer learned (the run
 * says so in its summary). Everything is decided in input order, so the
 * result does not depend on -j or timing. */
#ifndef CCCLI_SITE_H
#define CCCLI_SITE_H

#include <stddef.h>
#include <stdint.h>

#define SITE_SAMPLE 200
#define SITE_MIN_DOCS 5
#define SITE_MIN_HITS 3
#define SITE_SHARE 0.30

typedef struct site_learner site_learner;

site_learner *site_new(size_t max_entries);
void site_free(site_learner *l);

/* The site key of a document: from its URL if it has a host, else from the
 * directory part of its input path. */
uint64_t site_key(const char *url, const char *path);

/* Counts one document (in input order). */
void site_add(site_learner *l, uint64_t site, uint64_t text_hash, const uint64_t *fps,
              size_t n);
/* Ends learning: computes every site's boilerplate set. */
void site_finish(site_learner *l);

/* The document's fingerprints that are its site's boilerplate, sorted
 * ascending, written to out (room for n). Returns how many. */
size_t site_filter(const site_learner *l, uint64_t site, const uint64_t *fps, size_t n,
                   uint64_t *out);

typedef struct site_stats {
  size_t sites;           /* sites seen */
  size_t learned_sites;   /* sites with a boilerplate set */
  size_t boilerplate;     /* fingerprints in all sets */
  int capped;             /* the entry cap was reached */
} site_stats;
void site_get_stats(const site_learner *l, site_stats *st);

#endif
