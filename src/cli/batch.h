/* batch.h — the parent's loop: takes inputs from a job source, keeps a
 * bounded window of them in input order, reads each one when a worker is
 * free, hands it to the worker pool, and passes the results, in input
 * order, to the output sink; with site learning, runs that loop twice
 * (learn, then apply) over a spool. Also owns signals (Ctrl-C), the
 * progress line and the summary. */
#ifndef CCCLI_BATCH_H
#define CCCLI_BATCH_H

#include "opts.h"

/* Runs the whole command; returns the exit status. */
int batch_run(const cli_opts *o);

#endif
