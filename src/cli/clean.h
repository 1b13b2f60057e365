/* clean.h — what a worker process does: read jobs from its socket, turn
 * each input into a rendering (content sniffing, MHTML, cc_extract,
 * cc_render or a jsonl record) and send the result back. Everything here
 * runs in the worker, the one process that touches untrusted bytes. */
#ifndef CCCLI_CLEAN_H
#define CCCLI_CLEAN_H

#include <stddef.h>

#include "../../include/clipclean.h"
#include "proto.h"
#include "util.h"

/* Output formats: the library's four, plus JSON Lines (one record per
 * input, built by record.c). */
#define CLI_FORMAT_JSONL 100

/* The run-wide settings a worker inherits from the parent at fork time
 * (per-document settings come with each job). */
typedef struct worker_config {
  cc_options opt;   /* base options: flags, parser, limits, --url,
                       --charset, --input-format */
  int format;       /* a cc_format, or CLI_FORMAT_JSONL */
  int name_mode;    /* NAME_* (slug.h): how -O names outputs */
  cc_render_options ro; /* front matter, title, flavor, captions, lead
                           image, clipping time (opts.c) */
} worker_config;

/* The worker's main loop on socket `fd`: returns when the parent closes
 * the socket (the caller then _exits). Calls worker_sandbox_enter() once
 * set up, before the first job. */
int worker_main(int fd, const worker_config *cfg);

/* Cleans one job; fills *res (pointers into *keep, which the caller frees
 * with sbuf_free after sending; the rendering is in *out). Exposed so unit
 * tests can run the worker's logic in-process. */
typedef struct clean_out {
  sbuf out;       /* the rendering */
  sbuf msg;       /* error message */
  char *url;      /* owned copies of the result's strings */
  char *explain;
  char *name;
  char *images;   /* JOB_WANT_IMAGES: the image URLs, '\n'-separated */
  uint64_t *hashes;
} clean_out;
void clean_job(const worker_config *cfg, const job_msg *job, result_msg *res,
               clean_out *keep);
void clean_out_free(clean_out *k);

#endif
