/* progress.h — the batch's counters, the live progress line and the
 * closing summary. The line is drawn on stderr only when stderr is a
 * terminal and --quiet is off, at most ten times a second, on one line
 * rewritten with \r, and erased before any other message and at the end:
 *   [learn] 1234/5000 24% | 45.2 files/s 3.10 MB/s | ETA 1m23s | 2 failed
 * (a run with URLs counts "inputs/s" and its rate includes the fetching).
 * The total is known once the counting walk that runs alongside (a few
 * hundred entries per tick) is done; until then "1234/5000+" shows. */
#ifndef CCCLI_PROGRESS_H
#define CCCLI_PROGRESS_H

#include <stdint.h>

typedef struct counts {
  uint64_t done;    /* inputs finished in this pass, whatever the outcome */
  uint64_t cleaned; /* ok */
  uint64_t empty;   /* cleaned, but no article text */
  uint64_t failed;
  uint64_t skipped; /* --skip-existing */
  uint64_t bytes;   /* input bytes (decompressed when known) */
  /* URLs (counted as their fetch ends) */
  uint64_t fetched;       /* a page came back */
  uint64_t fetch_failed;  /* no page: HTTP error, network error... */
  uint64_t fetch_bytes;   /* body bytes received */
  uint64_t duplicates;    /* URLs listed again (among skipped) */
} counts;

typedef struct progress {
  int enabled;
  int shown;        /* a line is on screen */
  const char *label;
  const char *unit; /* what is counted: "files" (default), "inputs" */
  uint64_t total;   /* inputs counted so far */
  int total_final;  /* the count is complete */
  double start, last;
} progress;

void progress_init(progress *p, int enabled);
/* Starts a pass (resets the clock). */
void progress_pass(progress *p, const char *label);
/* Redraws when due (or always with force). */
void progress_update(progress *p, const counts *c, int force);
/* Erases the line (before a message). */
void progress_clear(progress *p);

#endif
