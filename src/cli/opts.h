/* opts.h — the command line: every option, its checks, and --help. */
#ifndef CCCLI_OPTS_H
#define CCCLI_OPTS_H

#include "clean.h"
#include "fetch.h"

typedef struct cli_opts {
  worker_config wc;       /* extraction options and the output format */
  const char *output;     /* -o FILE */
  const char *output_dir; /* -O DIR */
  const char *from;       /* --from FILE|- */
  int from_null;          /* -0, --null */
  int jobs;               /* -j */
  double timeout;         /* --timeout, seconds; 0 = none */
  int skip_existing;
  int site_learning;
  int quiet;
  int progress;           /* 0 never, 1 auto (a terminal) */
  int explain;
  const char *urls;       /* --urls FILE|- */
  const char *images_dir; /* --images DIR */
  fetch_config fetch;     /* --parallel, --per-host, --delay, ... */
  int has_urls;           /* URLs among the arguments, or --urls */
  char **inputs;          /* positional arguments */
  int ninputs;
} cli_opts;

/* --max-memory's default, per worker process. */
#define CLI_DEFAULT_MAX_MEMORY ((size_t)2 << 30)

/* Parses argv. Returns -1 to go on, or an exit status (0 after --help or
 * --version, 2 on a usage error, with its message printed). */
int opts_parse(int argc, char **argv, cli_opts *o);

/* The file extension of the output format ("txt", "md", ...). */
const char *opts_format_ext(int format);

#endif
