/* spool.h — the record of the learning pass, kept on disk between the two
 * passes of a site-learning batch: per input, in input order, its path and
 * mirrored name, what pass 1 made of it (outcome, message, rendering,
 * site, block fingerprints). Pass 2 reads it back in the same order, so it
 * walks no directory twice, re-reads no list, and re-cleans only the
 * documents whose site has learned boilerplate that the document holds;
 * every other output is copied from the spool. The file lives in $TMPDIR
 * (else /tmp), never in the output directory, and is unlinked as soon as it
 * is created: nothing is left behind, whatever happens to the run. */
#ifndef CCCLI_SPOOL_H
#define CCCLI_SPOOL_H

#include <stdint.h>
#include <stdio.h>

#include "util.h"

typedef struct spool_rec {
  char *path;
  char *rel;     /* or NULL */
  char *message; /* or NULL */
  char *explain; /* or NULL */
  char *name;    /* --name title: the output's stem, or NULL */
  uint32_t kind; /* RES_*, or SPOOL_DEFERRED (stdin: not read in pass 1) */
  uint32_t status;
  uint64_t site;
  uint64_t input_bytes;
  uint64_t dev, ino;  /* the input's identity when pass 1 read it (0: none) */
  uint64_t *hashes;
  size_t nhashes;
  char *out;
  size_t outlen;
} spool_rec;

#define SPOOL_DEFERRED 100

typedef struct spool {
  FILE *f;
} spool;

/* Creates the spool in `dir` ("" or NULL: $TMPDIR or /tmp). Returns 0 or -1
 * with a message. */
int spool_open(spool *s, const char *dir, char *err, size_t errcap);
int spool_write(spool *s, const spool_rec *r);
/* Switches to reading from the start. */
int spool_rewind(spool *s);
/* 1 with a record (free with spool_rec_free), 0 at the end, -1 on error. */
int spool_read(spool *s, spool_rec *r);
void spool_rec_free(spool_rec *r);
void spool_close(spool *s);

#endif
