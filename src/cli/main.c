/* main.c — the clipclean command: options, then one extraction per input
 * through the public API. Everything it knows about extraction comes from
 * include/clipclean.h. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../include/clipclean.h"
#include "io.h"
#include "sandbox.h"

static const char usage[] =
    "usage: clipclean [OPTIONS] [INPUT...]\n"
    "Extracts the article from web pages: HTML files, .html.gz, or - for stdin\n"
    "(the default).\n"
    "\n"
    "  -f, --format FMT        txt (default), md, html or json\n"
    "  -o, --output FILE       write all output to FILE (default: stdout)\n"
    "  -O, --output-dir DIR    one output per input: DIR/<name>.<format>\n"
    "      --url URL           the page's URL (base for links, url metadata)\n"
    "      --charset NAME      the input's charset, as a transport header gives it\n"
    "      --input-format F    auto (default), html or text\n"
    "      --parser P          gumbo (default) or libxml2\n"
    "      --no-images         leave images out of md/html output\n"
    "      --no-links          keep link text, drop the URLs (md/html)\n"
    "      --no-tables         leave tables out\n"
    "      --keep-title        keep the headline in the body\n"
    "      --no-filter         skip the boilerplate phrase filter\n"
    "      --explain           print each block's scores and fate to stderr\n"
    "      --max-size BYTES    refuse larger inputs (default 64M; K/M/G suffixes)\n"
    "      --no-sandbox        do not confine the processes that parse (seccomp)\n"
    "  -q, --quiet             no messages but errors\n"
    "  -V, --version           print the version and exit\n"
    "  -h, --help              print this help and exit\n"
    "\n"
    "Exit status: 0 when every input was cleaned, 1 when any failed, 2 on\n"
    "usage errors.\n";

enum {
  OPT_URL = 256,
  OPT_CHARSET,
  OPT_INPUT_FORMAT,
  OPT_PARSER,
  OPT_NO_IMAGES,
  OPT_NO_LINKS,
  OPT_NO_TABLES,
  OPT_KEEP_TITLE,
  OPT_NO_FILTER,
  OPT_EXPLAIN,
  OPT_MAX_SIZE
};

static const struct option long_opts[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"output-dir", required_argument, NULL, 'O'},
    {"url", required_argument, NULL, OPT_URL},
    {"charset", required_argument, NULL, OPT_CHARSET},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"parser", required_argument, NULL, OPT_PARSER},
    {"no-images", no_argument, NULL, OPT_NO_IMAGES},
    {"no-links", no_argument, NULL, OPT_NO_LINKS},
    {"no-tables", no_argument, NULL, OPT_NO_TABLES},
    {"keep-title", no_argument, NULL, OPT_KEEP_TITLE},
    {"no-filter", no_argument, NULL, OPT_NO_FILTER},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"no-sandbox", no_argument, &cli_sandbox_disabled, 1},
    {"quiet", no_argument, NULL, 'q'},
    {"version", no_argument, NULL, 'V'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct cli {
  cc_options opt;
  cc_format fmt;
  const char *output;     /* -o */
  const char *output_dir; /* -O */
  int quiet;
  int explain;
  int ninputs;
  char **inputs;
} cli;

static const char *format_ext(cc_format f) {
  switch (f) {
  case CC_FORMAT_MD: return "md";
  case CC_FORMAT_HTML: return "html";
  case CC_FORMAT_JSON: return "json";
  default: return "txt";
  }
}

static int parse_size(const char *s, size_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s) return -1;
  switch (*end) {
  case 'k': case 'K': v <<= 10; end++; break;
  case 'm': case 'M': v <<= 20; end++; break;
  case 'g': case 'G': v <<= 30; end++; break;
  default: break;
  }
  if (*end || v == 0) return -1;
  *out = (size_t)v;
  return 0;
}

/* DIR/<base name without .gz and .html/.htm/.txt...>.<ext> */
static char *output_path(const char *dir, const char *input, cc_format f) {
  const char *base = strcmp(input, "-") == 0 ? "stdin" : input;
  const char *slash = strrchr(base, '/');
  if (slash) base = slash + 1;
  size_t n = strlen(base);
  if (n > 3 && strcmp(base + n - 3, ".gz") == 0) n -= 3;
  static const char *const exts[] = {".html", ".htm", ".xhtml", ".shtml", ".txt", ".mhtml"};
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
    size_t el = strlen(exts[i]);
    if (n > el && strncmp(base + n - el, exts[i], el) == 0) {
      n -= el;
      break;
    }
  }
  if (n == 0) base = "output", n = 6;
  size_t len = strlen(dir) + n + 16;
  char *p = malloc(len);
  if (!p) return NULL;
  snprintf(p, len, "%s/%.*s.%s", dir, (int)n, base, format_ext(f));
  return p;
}

/* Cleans one input; returns the rendering (malloc'd) or NULL with a message
 * printed. */
static char *clean_one(cli *c, const char *input, size_t *outlen) {
  char err[512];
  char *data;
  size_t len;
  if (cli_read_input(input, c->opt.max_input_bytes, &data, &len, err, sizeof err) != 0) {
    fprintf(stderr, "clipclean: %s\n", err);
    return NULL;
  }
  cc_result *res;
  cc_error e;
  cc_status st = cc_extract(data, len, &c->opt, &res, &e);
  free(data);
  if (st != CC_OK) {
    fprintf(stderr, "clipclean: %s: %s\n", strcmp(input, "-") ? input : "<stdin>",
            e.message);
    return NULL;
  }
  if (c->explain && cc_result_explain(res)) {
    fprintf(stderr, "== %s\n%s", input, cc_result_explain(res));
  }
  char *out = cc_render(res, c->fmt, outlen, &e);
  if (!out)
    fprintf(stderr, "clipclean: %s: %s\n", strcmp(input, "-") ? input : "<stdin>",
            e.message);
  cc_result_free(res);
  return out;
}

int main(int argc, char **argv) {
  cli c;
  memset(&c, 0, sizeof c);
  cc_options_init(&c.opt);
  c.fmt = CC_FORMAT_TXT;
  int ch;
  while ((ch = getopt_long(argc, argv, "f:o:O:qVh", long_opts, NULL)) != -1) {
    switch (ch) {
    case 'f':
      if (cc_format_from_name(optarg, &c.fmt) != 0) {
        fprintf(stderr, "clipclean: unknown format '%s' (txt, md, html, json)\n", optarg);
        return 2;
      }
      break;
    case 'o': c.output = optarg; break;
    case 'O': c.output_dir = optarg; break;
    case OPT_URL: c.opt.url = optarg; break;
    case OPT_CHARSET: c.opt.charset_hint = optarg; break;
    case OPT_INPUT_FORMAT:
      if (!strcmp(optarg, "auto")) c.opt.input_format = CC_INPUT_AUTO;
      else if (!strcmp(optarg, "html")) c.opt.input_format = CC_INPUT_HTML;
      else if (!strcmp(optarg, "text")) c.opt.input_format = CC_INPUT_TEXT;
      else {
        fprintf(stderr, "clipclean: unknown input format '%s' (auto, html, text)\n", optarg);
        return 2;
      }
      break;
    case OPT_PARSER:
      if (!strcmp(optarg, "gumbo")) c.opt.parser = CC_PARSER_GUMBO;
      else if (!strcmp(optarg, "libxml2")) c.opt.parser = CC_PARSER_LIBXML2;
      else {
        fprintf(stderr, "clipclean: unknown parser '%s' (gumbo, libxml2)\n", optarg);
        return 2;
      }
      break;
    case OPT_NO_IMAGES: c.opt.flags |= CC_OPT_NO_IMAGES; break;
    case OPT_NO_LINKS: c.opt.flags |= CC_OPT_NO_LINKS; break;
    case OPT_NO_TABLES: c.opt.flags |= CC_OPT_NO_TABLES; break;
    case OPT_KEEP_TITLE: c.opt.flags |= CC_OPT_KEEP_TITLE; break;
    case OPT_NO_FILTER: c.opt.flags |= CC_OPT_NO_FILTER; break;
    case OPT_EXPLAIN:
      c.opt.flags |= CC_OPT_EXPLAIN;
      c.explain = 1;
      break;
    case OPT_MAX_SIZE:
      if (parse_size(optarg, &c.opt.max_input_bytes) != 0) {
        fprintf(stderr, "clipclean: bad size '%s'\n", optarg);
        return 2;
      }
      break;
    case 0: break; /* a flag option (--no-sandbox) */
    case 'q': c.quiet = 1; break;
    case 'V': printf("clipclean %s\n", cc_version()); return 0;
    case 'h': fputs(usage, stdout); return 0;
    default: fputs(usage, stderr); return 2;
    }
  }
  if (c.output && c.output_dir) {
    fprintf(stderr, "clipclean: -o and -O exclude each other\n");
    return 2;
  }
  static char *stdin_only[] = {"-"};
  c.inputs = optind < argc ? argv + optind : stdin_only;
  c.ninputs = optind < argc ? argc - optind : 1;
  if (c.output_dir) {
    struct stat st;
    if (stat(c.output_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
      fprintf(stderr, "clipclean: %s: not a directory\n", c.output_dir);
      return 2;
    }
  }
  if (c.output && strcmp(c.output, "-") != 0) {
    for (int i = 0; i < c.ninputs; i++)
      if (cli_same_file(c.output, c.inputs[i])) {
        fprintf(stderr, "clipclean: refusing to overwrite input %s\n", c.inputs[i]);
        return 2;
      }
  }

  int failed = 0;
  char err[512];
  /* -o FILE or stdout: everything goes to one stream; with several inputs
   * and json, one object per line (JSON Lines). */
  FILE *single = NULL;
  char *collected = NULL;
  size_t collected_len = 0, collected_cap = 0;
  if (!c.output_dir && !c.output) single = stdout;
  for (int i = 0; i < c.ninputs; i++) {
    size_t len;
    char *out = clean_one(&c, c.inputs[i], &len);
    if (!out) {
      failed++;
      continue;
    }
    if (c.output_dir) {
      char *path = output_path(c.output_dir, c.inputs[i], c.fmt);
      if (!path) {
        fprintf(stderr, "clipclean: out of memory\n");
        free(out);
        return 1;
      }
      if (strcmp(c.inputs[i], "-") != 0 && cli_same_file(path, c.inputs[i])) {
        fprintf(stderr, "clipclean: %s: refusing to overwrite the input\n", path);
        failed++;
      } else if (cli_write_atomic(path, out, len, err, sizeof err) != 0) {
        fprintf(stderr, "clipclean: %s\n", err);
        failed++;
      }
      free(path);
    } else if (single) {
      if (fwrite(out, 1, len, single) != len) {
        fprintf(stderr, "clipclean: <stdout>: %s\n", strerror(errno));
        free(out);
        return 1;
      }
    } else {
      /* -o FILE: gather, then write once atomically */
      if (collected_len + len + 1 > collected_cap) {
        collected_cap = (collected_len + len + 1) * 2;
        char *nb = realloc(collected, collected_cap);
        if (!nb) {
          fprintf(stderr, "clipclean: out of memory\n");
          return 1;
        }
        collected = nb;
      }
      memcpy(collected + collected_len, out, len);
      collected_len += len;
    }
    free(out);
  }
  if (c.output) {
    if (cli_write_atomic(c.output, collected ? collected : "", collected_len, err, sizeof err) != 0) {
      fprintf(stderr, "clipclean: %s\n", err);
      failed++;
    }
    free(collected);
  }
  if (single && fflush(single) != 0) {
    fprintf(stderr, "clipclean: <stdout>: %s\n", strerror(errno));
    return 1;
  }
  return failed ? 1 : 0;
}
