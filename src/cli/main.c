/* main.c — the clipclean command: parse the options, run the batch. All
 * the work is in the modules beside this file:
 *   opts.c      the command line and --help
 *   inputs.c    arguments, --from lists and directory walks (job source)
 *   batch.c     the parent's event loop, window, signals, summary
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
#include "batch.h"
#include "opts.h"

int main(int argc, char **argv) {
  cli_opts o;
  int rc = opts_parse(argc, argv, &o);
  if (rc >= 0) return rc;
  return batch_run(&o);
}
