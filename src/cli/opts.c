/* opts.c — option parsing and the help text (see opts.h). */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "opts.h"
#include "sandbox.h"

#include "slug.h"
#include "url.h"
#include "version.h"

#include <sched.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "record.h"

static const char usage[] =
    "usage: clipclean [OPTIONS] [INPUT...]\n"
    "Extracts the article from web pages, saved or fetched: its text and\n"
    "metadata, as plain text, Markdown, HTML, JSON or JSON Lines.\n"
    "\n"
    "INPUT is a file, a directory (walked recursively), an http:// or https://\n"
    "URL (fetched: see URLs below), or - for stdin (the default); files and\n"
    "URLs mix freely. Files are .html .htm .xhtml .shtml, .mhtml/.mht\n"
    "single-file archives, .txt clippings, .warc web archives (every HTML or\n"
    "text response in it is cleaned, named by its URL under -O), and any of\n"
    "these gzip-compressed (.gz); what a file is, is decided by its content,\n"
    "not its name. In a directory, only files with those extensions are\n"
    "taken; hidden entries and links to directories are skipped. A named\n"
    "input must be a regular file (a FIFO or a device is refused); a stream\n"
    "is read from stdin or from a descriptor handed over open (/dev/fd/N, as\n"
    "<(command) gives).\n"
    "\n"
    "Output:\n"
    "  -f, --format FMT        txt (default), md, html, json, or jsonl: one JSON\n"
    "                          object per input and line, in input order, with\n"
    "                          source, status (ok, empty, error), error, metadata\n"
    "                          and text (for a URL also final_url, http_status;\n"
    "                          for a WARC page warc_target_uri, warc_date,\n"
    "                          warc_record_id, warc_offset, http_status).\n"
    "                          Several inputs to stdout or -o: txt and md are\n"
    "                          separated by a line '* * *', html becomes one\n"
    "                          document with an <article> each, json is refused\n"
    "                          (use jsonl, or -O)\n"
    "  -o, --output FILE       write everything to FILE, atomically at the end\n"
    "                          (default: stdout); left untouched if interrupted;\n"
    "                          a device or FIFO (/dev/null) is written as a stream\n"
    "  -O, --output-dir DIR    one file per input, written atomically, named\n"
    "                          after the input's whole file name plus the\n"
    "                          format's extension (page.html -> page.html.txt):\n"
    "                          inputs found in a directory keep their relative\n"
    "                          path (DIR/sub/page.html.txt), list entries their\n"
    "                          path as given, file arguments go flat.\n"
    "                          A URL gets host and path plus a hash of the URL\n"
    "                          (DIR/example-org-news-story-1a2b3c4d.txt).\n"
    "                          DIR is created if needed and never read as input\n"
    "      --skip-existing     with -O: skip inputs whose output exists (resumes\n"
    "                          an interrupted batch)\n"
    "      --name MODE         with -O: path (default: as above), title (a slug\n"
    "                          of the article's title: DIR/the-budget-vote.md) or\n"
    "                          date-title (DIR/2025-02-04-the-budget-vote.md);\n"
    "                          in input order, a title taken earlier in the run\n"
    "                          gets -2, -3...; no title: named as by path\n"
    "\n"
    "Inputs and batch:\n"
    "      --from FILE         also read input paths from FILE, one per line\n"
    "                          (- for stdin); directories in it are walked\n"
    "  -0, --null              --from entries end with NUL, not newline\n"
    "  -j, --jobs N            worker processes (default: number of CPUs)\n"
    "      --timeout SECONDS   give up on a document after this long (default\n"
    "                          30; 0 for no limit), and after this much CPU\n"
    "                          time (the kernel's count); its worker is killed\n"
    "      --no-site-learning  do not learn boilerplate from other pages of the\n"
    "                          same site (on by default in a batch: blocks that\n"
    "                          recur on many pages of a site are removed)\n"
    "      --no-progress       no progress line (it is shown only when stderr\n"
    "                          is a terminal anyway)\n"
    "  -q, --quiet             no progress, no notes: errors only, and the\n"
    "                          summary's count when an input failed or was not\n"
    "                          done\n"
    "\n"
    "Extraction:\n"
    "      --url URL           the page's URL (base for links, url metadata)\n"
    "      --charset NAME      the input's charset, as a transport header gives\n"
    "                          it (overrides an MHTML part's charset); a WHATWG\n"
    "                          encoding label (utf-8, latin1, shift_jis...)\n"
    "      --input-format F    auto (default: sniffed), html, text or markdown\n"
    "      --parser P          gumbo (default) or libxml2\n"
    "      --no-images         leave images out of md/html output\n"
    "      --no-links          keep link text, drop the URLs (md/html)\n"
    "      --no-tables         leave tables out\n"
    "      --keep-title        keep the headline in the body\n"
    "      --comments          keep reader comments, after the article under a\n"
    "                          \"Comments\" heading\n"
    "      --no-filter         skip the boilerplate phrase filter\n"
    "      --explain           print each block's scores and fate to stderr\n"
    "\n"
    "Clippings (notes apps):\n"
    "      --no-front-matter   md: no YAML front matter (title, source, author,\n"
    "                          published, modified, site, language, description,\n"
    "                          image, tags, word_count, clipped); the title stays\n"
    "                          as a # heading\n"
    "      --no-clipped        no clipping time in front matter, json and jsonl\n"
    "                          (for output that does not change from run to run)\n"
    "      --md-flavor F       commonmark (default: GFM tables, ~~strikethrough~~,\n"
    "                          [^1] footnotes, task lists) or obsidian (also\n"
    "                          ==highlights==, embedded videos, Obsidian's\n"
    "                          property names)\n"
    "      --captions          txt: keep figure captions, as their own paragraphs\n"
    "                          (md and html always show them under their image)\n"
    "      --lead-image        md, html: the page's main image first, when the\n"
    "                          article has no image of its own\n"
    "      --images DIR        md, html: download the article's images into DIR\n"
    "                          (fetched like pages: same politeness and limits;\n"
    "                          named by a hash of their URL, so a rerun reuses\n"
    "                          them) and link them relative to each output; an\n"
    "                          image that fails keeps its remote link, with a\n"
    "                          warning. No site learning in such a run\n"
    "      --max-size BYTES    refuse larger inputs (default 64M for files, 20M\n"
    "                          for downloads; K/M/G suffixes)\n"
    "      --no-sandbox        do not confine the workers that parse (seccomp)\n"
    "      --max-memory SIZE   memory one worker may take for its documents\n"
    "                          (default 2G; 0: no limit): a document that needs\n"
    "                          more fails alone, \"out of memory\"; so -j N\n"
    "                          workers take at most N times it\n"
    "\n"
    "URLs (fetched by the main process, cleaned by the workers like files):\n"
    "      --urls FILE         also fetch the URLs listed in FILE, one per line\n"
    "                          (- for stdin; blank lines and # comments skipped)\n"
    "      --parallel N        transfers in flight (default 8)\n"
    "      --per-host N        transfers in flight to one host (default 2)\n"
    "      --delay SECONDS     between the starts of two requests to one host\n"
    "                          (default 1)\n"
    "      --connect-timeout SECONDS\n"
    "                          to connect, per request (default 10)\n"
    "      --fetch-timeout SECONDS\n"
    "                          for one whole request (default 30; 0: no limit)\n"
    "      --retries N         retries of a 429 or 503 answer (default 3), after\n"
    "                          its Retry-After (60 s at most) or 1, 2, 4 s; the\n"
    "                          host pauses meanwhile and its delay doubles (then\n"
    "                          halves back with each later answer)\n"
    "      --user-agent STRING the User-Agent header (default: clipclean/VERSION)\n"
    "      --insecure          do not verify TLS certificates\n"
    "      --allow-private     let redirects lead from the Internet to internal\n"
    "                          addresses (loopback, private, link-local), which\n"
    "                          are refused by default\n"
    "Redirects are followed (10 at most, http and https only, never with\n"
    "credentials, never from the Internet to an internal address); the final\n"
    "URL is the base for relative links. Credentials in a URL you give are sent\n"
    "but never shown. A response must be a web page or plain text:\n"
    "other types (PDF, images) fail, as do HTTP errors. Proxies come from\n"
    "http_proxy, https_proxy and no_proxy. A URL listed twice is fetched once.\n"
    "Output stays in input order; with -O, each file is written as soon as its\n"
    "page is cleaned. Site learning is for files: a run with URLs cleans each\n"
    "page once, as it arrives.\n"
    "\n"
    "  -V, --version           print the version and exit\n"
    "  -h, --help              print this help and exit\n"
    "\n"
    "Site learning reads the batch twice: a first pass takes every document's\n"
    "blocks (nothing is written yet), then a site (the host of the page's\n"
    "canonical URL, else its folder) with 5 or more pages marks as boilerplate\n"
    "the blocks found on at least 3 and 30% of them, and the second pass cleans\n"
    "again only the pages holding such blocks. A page is never emptied by it.\n"
    "\n"
    "Each document is cleaned in a separate worker process: a page that crashes\n"
    "or hangs its worker fails alone (\"worker crashed\", \"timed out\") and the\n"
    "batch goes on. Output does not depend on -j. Ctrl-C stops taking new\n"
    "inputs, finishes those in hand and exits with status 130; a second Ctrl-C\n"
    "abandons them. An output that cannot be written (disk full, read-only)\n"
    "stops the batch. The summary accounts for every input, done or not.\n"
    "\n"
    "Exit status: 0 when every input was cleaned (empty articles included: they\n"
    "are reported, not failed), 1 when any input failed, 2 on usage errors, 130\n"
    "when interrupted.\n";

enum {
  OPT_URL = 256,
  OPT_CHARSET,
  OPT_INPUT_FORMAT,
  OPT_PARSER,
  OPT_NO_IMAGES,
  OPT_NO_LINKS,
  OPT_NO_TABLES,
  OPT_KEEP_TITLE,
  OPT_COMMENTS,
  OPT_NO_FILTER,
  OPT_EXPLAIN,
  OPT_MAX_SIZE,
  OPT_FROM,
  OPT_TIMEOUT,
  OPT_SKIP_EXISTING,
  OPT_NO_SITE_LEARNING,
  OPT_NO_PROGRESS,
  OPT_URLS,
  OPT_PARALLEL,
  OPT_PER_HOST,
  OPT_DELAY,
  OPT_CONNECT_TIMEOUT,
  OPT_FETCH_TIMEOUT,
  OPT_RETRIES,
  OPT_USER_AGENT,
  OPT_INSECURE,
  OPT_NAME,
  OPT_NO_FRONT_MATTER,
  OPT_NO_CLIPPED,
  OPT_MD_FLAVOR,
  OPT_CAPTIONS,
  OPT_LEAD_IMAGE,
  OPT_IMAGES,
  OPT_MAX_MEMORY,
  OPT_ALLOW_PRIVATE
};

static const struct option long_opts[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"output-dir", required_argument, NULL, 'O'},
    {"from", required_argument, NULL, OPT_FROM},
    {"null", no_argument, NULL, '0'},
    {"jobs", required_argument, NULL, 'j'},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"skip-existing", no_argument, NULL, OPT_SKIP_EXISTING},
    {"no-site-learning", no_argument, NULL, OPT_NO_SITE_LEARNING},
    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
    {"url", required_argument, NULL, OPT_URL},
    {"charset", required_argument, NULL, OPT_CHARSET},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"parser", required_argument, NULL, OPT_PARSER},
    {"no-images", no_argument, NULL, OPT_NO_IMAGES},
    {"no-links", no_argument, NULL, OPT_NO_LINKS},
    {"no-tables", no_argument, NULL, OPT_NO_TABLES},
    {"keep-title", no_argument, NULL, OPT_KEEP_TITLE},
    {"comments", no_argument, NULL, OPT_COMMENTS},
    {"no-filter", no_argument, NULL, OPT_NO_FILTER},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"no-sandbox", no_argument, &cli_sandbox_disabled, 1},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"urls", required_argument, NULL, OPT_URLS},
    {"parallel", required_argument, NULL, OPT_PARALLEL},
    {"per-host", required_argument, NULL, OPT_PER_HOST},
    {"delay", required_argument, NULL, OPT_DELAY},
    {"connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT},
    {"fetch-timeout", required_argument, NULL, OPT_FETCH_TIMEOUT},
    {"retries", required_argument, NULL, OPT_RETRIES},
    {"user-agent", required_argument, NULL, OPT_USER_AGENT},
    {"insecure", no_argument, NULL, OPT_INSECURE},
    {"name", required_argument, NULL, OPT_NAME},
    {"no-front-matter", no_argument, NULL, OPT_NO_FRONT_MATTER},
    {"no-clipped", no_argument, NULL, OPT_NO_CLIPPED},
    {"md-flavor", required_argument, NULL, OPT_MD_FLAVOR},
    {"captions", no_argument, NULL, OPT_CAPTIONS},
    {"lead-image", no_argument, NULL, OPT_LEAD_IMAGE},
    {"images", required_argument, NULL, OPT_IMAGES},
    {"allow-private", no_argument, NULL, OPT_ALLOW_PRIVATE},
    {"quiet", no_argument, NULL, 'q'},
    {"version", no_argument, NULL, 'V'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

const char *opts_format_ext(int f) {
  switch (f) {
  case CC_FORMAT_MD: return "md";
  case CC_FORMAT_HTML: return "html";
  case CC_FORMAT_JSON: return "json";
  case CLI_FORMAT_JSONL: return "jsonl";
  default: return "txt";
  }
}

static int parse_size(const char *s, size_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *s == '-') return -1;
  int shift = 0;
  switch (*end) {
  case 'k': case 'K': shift = 10; end++; break;
  case 'm': case 'M': shift = 20; end++; break;
  case 'g': case 'G': shift = 30; end++; break;
  default: break;
  }
  if (*end || v == 0 || v > (SIZE_MAX >> shift)) return -1;
  *out = (size_t)(v << shift);
  return 0;
}

/* A whole number in [lo, hi]. */
static int parse_count(const char *s, long lo, long hi, int *out) {
  char *end;
  errno = 0;
  long n = strtol(s, &end, 10);
  if (errno || *end || end == s || n < lo || n > hi) return -1;
  *out = (int)n;
  return 0;
}

/* Seconds in [lo, hi] (lo_open: strictly above lo). */
static int parse_seconds(const char *s, double lo, int lo_open, double hi, double *out) {
  char *end;
  double t = strtod(s, &end);
  if (*end || end == s || !(t >= lo) || (lo_open && t == lo) || t > hi) return -1;
  *out = t;
  return 0;
}

static int usage_error(const char *fmt, const char *arg) {
  sbuf m = {0};
  sbuf_printf(&m, fmt, arg);
  cli_say("%s", m.data);
  sbuf_free(&m);
  fputs("Try 'clipclean --help'.\n", stderr);
  return 2;
}

/* The CPUs this process may run on (affinity, as taskset or a container's
 * cpuset sets it), else the CPUs online. */
static int default_jobs(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) {
    int n = CPU_COUNT(&set);
    return n > 64 ? 64 : n;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int opts_parse(int argc, char **argv, cli_opts *o) {
  memset(o, 0, sizeof *o);
  cc_options_init(&o->wc.opt);
  o->wc.format = CC_FORMAT_TXT;
  o->jobs = default_jobs();
  o->timeout = 30;
  o->site_learning = 1;
  o->progress = 1;
  o->fetch.parallel = FETCH_DEFAULT_PARALLEL;
  o->fetch.per_host = FETCH_DEFAULT_PER_HOST;
  o->fetch.delay = FETCH_DEFAULT_DELAY;
  o->fetch.connect_timeout = FETCH_DEFAULT_CONNECT_TIMEOUT;
  o->fetch.timeout = FETCH_DEFAULT_TIMEOUT;
  o->fetch.retries = FETCH_DEFAULT_RETRIES;
  o->fetch.max_retry_wait = FETCH_MAX_RETRY_WAIT;
  o->fetch.max_size = FETCH_DEFAULT_MAX_SIZE;
  /* clippings: front matter and a title heading in md, stamped with the
   * run's start (one time for every output of a batch) */
  static char clipped[32];
  time_t now = time(NULL);
  struct tm tm;
  if (!gmtime_r(&now, &tm) || !strftime(clipped, sizeof clipped, "%Y-%m-%dT%H:%M:%SZ", &tm))
    clipped[0] = '\0';
  cc_render_options_init(&o->wc.ro);
  o->wc.ro.flags = CC_RENDER_FRONT_MATTER | CC_RENDER_TITLE;
  o->wc.ro.clipped = clipped[0] ? clipped : NULL;
  cli_sandbox_max_memory = CLI_DEFAULT_MAX_MEMORY;
  int ch;
  opterr = 0;
  while ((ch = getopt_long(argc, argv, ":f:o:O:j:0qVh", long_opts, NULL)) != -1) {
    switch (ch) {
    case 'f':
      if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "ndjson")) {
        o->wc.format = CLI_FORMAT_JSONL;
      } else {
        cc_format f;
        if (cc_format_from_name(optarg, &f) != 0)
          return usage_error("unknown format '%s' (txt, md, html, json, jsonl)", optarg);
        o->wc.format = (int)f;
      }
      break;
    case 'o': o->output = optarg; break;
    case 'O': o->output_dir = optarg; break;
    case OPT_FROM: o->from = optarg; break;
    case '0': o->from_null = 1; break;
    case 'j': {
      char *end;
      long n = strtol(optarg, &end, 10);
      if (*end || end == optarg || n < 1 || n > 1024)
        return usage_error("bad job count '%s' (1 to 1024)", optarg);
      o->jobs = (int)n;
      break;
    }
    case OPT_TIMEOUT: {
      char *end;
      double t = strtod(optarg, &end);
      if (*end || end == optarg || !(t >= 0) || t > 1e7)
        return usage_error("bad timeout '%s' (seconds, 0 for none)", optarg);
      o->timeout = t;
      break;
    }
    case OPT_SKIP_EXISTING: o->skip_existing = 1; break;
    case OPT_NO_SITE_LEARNING: o->site_learning = 0; break;
    case OPT_NO_PROGRESS: o->progress = 0; break;
    case OPT_URL: o->wc.opt.url = optarg; break;
    case OPT_CHARSET:
      if (!cc_charset_name(optarg))
        return usage_error("unknown charset '%s' (a WHATWG encoding label, such as utf-8, "
                           "windows-1252, iso-8859-2, shift_jis)", optarg);
      o->wc.opt.charset_hint = optarg;
      break;
    case OPT_INPUT_FORMAT:
      if (!strcmp(optarg, "auto")) o->wc.opt.input_format = CC_INPUT_AUTO;
      else if (!strcmp(optarg, "html")) o->wc.opt.input_format = CC_INPUT_HTML;
      else if (!strcmp(optarg, "text")) o->wc.opt.input_format = CC_INPUT_TEXT;
      else if (!strcmp(optarg, "markdown")) o->wc.opt.input_format = CC_INPUT_MARKDOWN;
      else return usage_error("unknown input format '%s' (auto, html, text, markdown)", optarg);
      break;
    case OPT_PARSER:
      if (!strcmp(optarg, "gumbo")) o->wc.opt.parser = CC_PARSER_GUMBO;
      else if (!strcmp(optarg, "libxml2")) o->wc.opt.parser = CC_PARSER_LIBXML2;
      else return usage_error("unknown parser '%s' (gumbo, libxml2)", optarg);
      break;
    case OPT_NO_IMAGES: /* the result's text and the rendering alike */
      o->wc.opt.flags |= CC_OPT_NO_IMAGES;
      o->wc.ro.flags |= CC_RENDER_NO_IMAGES;
      break;
    case OPT_NO_LINKS: /* the result's text and the rendering alike */
      o->wc.opt.flags |= CC_OPT_NO_LINKS;
      o->wc.ro.flags |= CC_RENDER_NO_LINKS;
      break;
    case OPT_NO_TABLES: /* the result's text and the rendering alike */
      o->wc.opt.flags |= CC_OPT_NO_TABLES;
      o->wc.ro.flags |= CC_RENDER_NO_TABLES;
      break;
    case OPT_KEEP_TITLE: o->wc.opt.flags |= CC_OPT_KEEP_TITLE; break;
    case OPT_COMMENTS: o->wc.opt.flags |= CC_OPT_COMMENTS; break;
    case OPT_NO_FILTER: o->wc.opt.flags |= CC_OPT_NO_FILTER; break;
    case OPT_EXPLAIN: o->explain = 1; break;
    case OPT_MAX_SIZE:
      if (parse_size(optarg, &o->wc.opt.max_input_bytes) != 0)
        return usage_error("bad size '%s'", optarg);
      o->fetch.max_size = o->wc.opt.max_input_bytes;
      break;
    case OPT_MAX_MEMORY:
      if (!strcmp(optarg, "0") || !strcmp(optarg, "none")) {
        cli_sandbox_max_memory = 0;
      } else if (parse_size(optarg, &cli_sandbox_max_memory) != 0 ||
                 cli_sandbox_max_memory < ((size_t)32 << 20)) {
        return usage_error("bad --max-memory '%s' (32M or more, K/M/G suffixes; 0 for none)",
                           optarg);
      }
      break;
    case OPT_URLS: o->urls = optarg; break;
    case OPT_PARALLEL:
      if (parse_count(optarg, 1, 1024, &o->fetch.parallel) != 0)
        return usage_error("bad --parallel '%s' (1 to 1024)", optarg);
      break;
    case OPT_PER_HOST:
      if (parse_count(optarg, 1, 1024, &o->fetch.per_host) != 0)
        return usage_error("bad --per-host '%s' (1 to 1024)", optarg);
      break;
    case OPT_DELAY:
      if (parse_seconds(optarg, 0, 0, 3600, &o->fetch.delay) != 0)
        return usage_error("bad --delay '%s' (seconds, 0 to 3600)", optarg);
      break;
    case OPT_CONNECT_TIMEOUT:
      if (parse_seconds(optarg, 0, 1, 3600, &o->fetch.connect_timeout) != 0)
        return usage_error("bad --connect-timeout '%s' (seconds, above 0, up to 3600)", optarg);
      break;
    case OPT_FETCH_TIMEOUT:
      if (parse_seconds(optarg, 0, 0, 1e6, &o->fetch.timeout) != 0)
        return usage_error("bad --fetch-timeout '%s' (seconds, 0 for none)", optarg);
      break;
    case OPT_RETRIES:
      if (parse_count(optarg, 0, 10, &o->fetch.retries) != 0)
        return usage_error("bad --retries '%s' (0 to 10)", optarg);
      break;
    case OPT_USER_AGENT:
      if (!*optarg || strpbrk(optarg, "\r\n"))
        return usage_error("bad --user-agent '%s' (one non-empty line)", optarg);
      o->fetch.user_agent = optarg;
      break;
    case 0: break; /* a flag option (--no-sandbox) */
    case OPT_INSECURE: o->fetch.insecure = 1; break;
    case OPT_NAME:
      if (!strcmp(optarg, "path")) o->wc.name_mode = NAME_PATH;
      else if (!strcmp(optarg, "title")) o->wc.name_mode = NAME_TITLE;
      else if (!strcmp(optarg, "date-title")) o->wc.name_mode = NAME_DATE_TITLE;
      else return usage_error("unknown --name '%s' (path, title, date-title)", optarg);
      break;
    case OPT_NO_FRONT_MATTER: o->wc.ro.flags &= ~(unsigned)CC_RENDER_FRONT_MATTER; break;
    case OPT_NO_CLIPPED: o->wc.ro.clipped = NULL; break;
    case OPT_MD_FLAVOR:
      if (!strcmp(optarg, "commonmark") || !strcmp(optarg, "gfm")) o->wc.ro.md_flavor = CC_MD_COMMONMARK;
      else if (!strcmp(optarg, "obsidian")) o->wc.ro.md_flavor = CC_MD_OBSIDIAN;
      else return usage_error("unknown --md-flavor '%s' (commonmark, obsidian)", optarg);
      break;
    case OPT_CAPTIONS: o->wc.ro.flags |= CC_RENDER_CAPTIONS; break;
    case OPT_LEAD_IMAGE: o->wc.ro.flags |= CC_RENDER_LEAD_IMAGE; break;
    case OPT_IMAGES: o->images_dir = optarg; break;
    case OPT_ALLOW_PRIVATE: o->fetch.allow_private = 1; break;
    case 'q': o->quiet = 1; break;
    case 'V': version_print(stdout); return 0;
    case 'h': fputs(usage, stdout); return 0;
    case ':':
      return usage_error("option '%s' needs a value", argv[optind - 1]);
    default:
      return usage_error("unknown option '%s'", argv[optind - 1]);
    }
  }
  o->inputs = argv + optind;
  o->ninputs = argc - optind;
  cli_sandbox_job_cpu = o->timeout; /* CPU per document: the same bound as the wall clock */
  if (o->output && o->output_dir) return usage_error("%s", "-o and -O exclude each other");
  if (o->skip_existing && !o->output_dir)
    return usage_error("%s", "--skip-existing needs -O DIR (one output file per input)");
  if (o->wc.name_mode != NAME_PATH && !o->output_dir)
    return usage_error("%s", "--name needs -O DIR (one output file per input)");
  if (o->images_dir && o->wc.format != CC_FORMAT_MD && o->wc.format != CC_FORMAT_HTML)
    return usage_error("%s", "--images needs -f md or -f html (the formats that show images)");
#ifndef CC_HAVE_FETCH
  if (o->images_dir)
    return usage_error("%s", "--images: this clipclean was built without URL support");
#endif
  if (o->output && !strcmp(o->output, "-")) o->output = NULL; /* -o - is stdout */
  if (o->from && !strcmp(o->from, "-"))
    for (int i = 0; i < o->ninputs; i++)
      if (!strcmp(o->inputs[i], "-"))
        return usage_error("%s", "stdin cannot be both the --from list and an input");
  int dashes = 0;
  for (int i = 0; i < o->ninputs; i++) dashes += !strcmp(o->inputs[i], "-");
  if (dashes > 1) return usage_error("%s", "stdin (-) can be read only once");
  if (o->urls && !strcmp(o->urls, "-") && (dashes || (o->from && !strcmp(o->from, "-"))))
    return usage_error("%s", "stdin can be read only once (--urls -, --from -, or -)");
  record_set_clipped(o->wc.ro.clipped);
  o->has_urls = o->urls != NULL;
  for (int i = 0; i < o->ninputs; i++)
    if (url_is_remote(o->inputs[i])) o->has_urls = 1;
  return -1;
}
