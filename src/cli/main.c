/* main.c — the clipclean command: parse the options, run the batch. All
 * the work is in the modules beside this file:
 *   opts.c      the command line and --help
 *   inputs.c    arguments, --from lists and directory walks (job source)
 *   batch.c     the parent's event loop, window, signals, summary
 *   fetch.c     URLs fetched with libcurl inside that loop (CC_HAVE_FETCH)
 *   url.c       URL parsing, host keys, output names, --urls lines
 *   http.c      Content-Type, Retry-After, reason phrases
 *   workers.c   the worker processes, seen from the parent
 *   proto.c     the parent<->worker protocol
 *   clean.c     what a worker does with one job
 *   content.c   sniffing: gzip, MHTML, HTML, text, binary
 *   mhtml.c     the MHTML (MIME) reader
 *   record.c    jsonl records
 *   sink.c      outputs (stdout, -o FILE, -O DIR) and their naming
 *   io.c        file reads and atomic writes
 *   site.c      site-level boilerplate learning
 *   spool.c     the learning pass's on-disk record
 *   progress.c  the progress line
 *   sandbox.c   the worker's seccomp sandbox (--no-sandbox opts out)
 *   util.c      small helpers
 * Everything it knows about extraction comes from include/clipclean.h. */
#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "batch.h"
#include "fetch.h"
#include "io.h"
#include "opts.h"

/* A worker frees each document's memory (its arena, the parser's tree: a
 * few MB) and takes as much again for the next. glibc's defaults map the
 * large blocks and unmap them on free, or trim the heap, so every
 * document faults its pages in anew: a quarter of a batch's CPU time.
 * Blocks up to 32 MB come from the heap and up to 64 MB of free heap is
 * kept, so a worker's memory stays at what its largest document needed
 * (the sandbox's limit still bounds it). The workers inherit this. */
static void keep_freed_memory(void) {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

int main(int argc, char **argv) {
  io_note_inherited(); /* before anything is opened: see io.h */
  keep_freed_memory();
  cli_opts o;
  int rc = opts_parse(argc, argv, &o);
  if (rc >= 0) return rc;
#ifdef CC_HAVE_FETCH
  /* libcurl's process-wide set-up, once, and only for runs that fetch */
  if (o.has_urls && fetch_global_init() != 0) {
    fprintf(stderr, "clipclean: cannot initialise libcurl\n");
    return 1;
  }
  rc = batch_run(&o);
  if (o.has_urls) fetch_global_cleanup();
  return rc;
#else
  return batch_run(&o);
#endif
}
