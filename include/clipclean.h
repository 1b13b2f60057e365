/* clipclean.h — the public API of libclipclean.
 *
 * clipclean turns a web page (HTML bytes, or a plain-text clipping) into
 * its article: the body text plus metadata (title, author, date, site
 * name, language, URL, description), rendered as plain text, Markdown,
 * minimal HTML or JSON.
 *
 * Ownership, once for the whole header:
 *   - cc_extract() gives the caller a cc_result, freed with cc_result_free().
 *   - Strings returned by cc_result_*() accessors belong to the result and
 *     live until cc_result_free(); they are UTF-8, NUL-terminated, and NULL
 *     when the value is unknown.
 *   - cc_render() returns a buffer the caller frees with cc_free().
 *   - Strings the caller passes in (options, input bytes) are only read
 *     during the call and may be freed right after it.
 * The library never calls exit() or abort() except on out-of-memory, and
 * it writes nothing to stdout/stderr: errors come back as a cc_status plus
 * a message in a caller-provided cc_error.
 * All functions are thread-safe for distinct results; options and results
 * may be shared read-only between threads.
 */
#ifndef CLIPCLEAN_H
#define CLIPCLEAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CC_VERSION_STRING "0.1.0"

/* Status codes. CC_OK is zero; everything else is a failure. */
typedef enum cc_status {
  CC_OK = 0,
  CC_ERR_ARGS,        /* invalid argument (NULL input, bad option value) */
  CC_ERR_NOMEM,       /* an allocation failed */
  CC_ERR_TOO_LARGE,   /* input, tree or output exceeds a configured limit */
  CC_ERR_PARSE,       /* the parser failed outright */
  CC_ERR_CHARSET,     /* the bytes could not be converted to UTF-8 */
  CC_ERR_NOT_HTML,    /* input is binary or otherwise not a document */
  CC_ERR_TIMEOUT,     /* the per-document time budget ran out */
  CC_ERR_EMPTY,       /* no text at all could be found */
  CC_ERR_IO,          /* reading or writing failed (used by helpers/CLI) */
  CC_ERR_INTERNAL
} cc_status;

/* A short static English description of a status code. */
const char *cc_strerror(cc_status st);

/* Filled by calls that can fail: a one-line message saying what and why. */
typedef struct cc_error {
  cc_status status;
  char message[256];
} cc_error;

/* Output formats for cc_render(). */
typedef enum cc_format {
  CC_FORMAT_TXT = 0, /* paragraphs separated by a blank line */
  CC_FORMAT_MD,      /* CommonMark with escaping, tables, code blocks */
  CC_FORMAT_HTML,    /* a minimal valid HTML5 document of the article */
  CC_FORMAT_JSON     /* one JSON object: metadata + text */
} cc_format;

/* Parses a format name ("txt", "text", "md", "markdown", "html", "json");
 * returns 0 and sets *out, or -1 for an unknown name. */
int cc_format_from_name(const char *name, cc_format *out);

/* What the input bytes are. */
typedef enum cc_input_format {
  CC_INPUT_AUTO = 0, /* sniff: HTML markup or plain text */
  CC_INPUT_HTML,
  CC_INPUT_TEXT
} cc_input_format;

/* What the bytes are, decided by their content the way cc_extract decides
 * it with CC_INPUT_AUTO: CC_INPUT_HTML or CC_INPUT_TEXT; CC_INPUT_AUTO for
 * binary data (a PDF, an image, an executable...), which cc_extract
 * refuses, with *what (when not NULL) naming it ("PDF document"). `hint`
 * is a charset hint as in cc_options (it tells UTF-16 apart); may be NULL. */
cc_input_format cc_sniff_input(const char *data, size_t len, const char *hint,
                               const char **what);

/* The HTML front end. */
typedef enum cc_parser {
  CC_PARSER_GUMBO = 0, /* gumbo-parser, HTML5 conformant (default) */
  CC_PARSER_LIBXML2    /* libxml2's HTML parser: faster, less conformant */
} cc_parser;

/* Option flags (bit set in cc_options.flags). */
enum {
  CC_OPT_NO_IMAGES = 1u << 0,   /* drop images from md/html output */
  CC_OPT_NO_LINKS = 1u << 1,    /* render link text only, no URLs (md/html) */
  CC_OPT_NO_FILTER = 1u << 2,   /* skip the boilerplate phrase filter */
  CC_OPT_KEEP_TITLE = 1u << 3,  /* keep the headline in the body text */
  CC_OPT_NO_TABLES = 1u << 4,   /* drop tables from the body */
  CC_OPT_EXPLAIN = 1u << 5      /* record per-block decisions (cc_explain) */
};

/* Extraction options. Initialise with cc_options_init(); every field has a
 * usable default, so only set what you need. */
typedef struct cc_options {
  unsigned flags;               /* CC_OPT_* */
  cc_input_format input_format; /* default CC_INPUT_AUTO */
  cc_parser parser;             /* default CC_PARSER_GUMBO */
  const char *url;              /* page URL: base for relative links, and the
                                   url metadata unless the page names a
                                   canonical one; may be NULL */
  const char *charset_hint;     /* charset from a transport header (e.g. the
                                   HTTP Content-Type), tried first; may be NULL */
  /* Limits (docs/hostile-input.md). A zero size means no limit of its own
   * (the library's hard ceilings still apply). */
  size_t max_input_bytes;       /* refuse larger inputs; default 64 MiB */
  size_t max_nodes;             /* refuse trees with more nodes (elements and
                                   text); default 2M; a page with more start
                                   tags than this is refused before parsing */
  unsigned max_depth;           /* deeper elements are flattened (their text
                                   kept), before the parser sees them;
                                   default 512; 0 or above 1024: 1024 */
  size_t max_output_bytes;      /* refuse larger renderings (cc_render) and
                                   body texts (cc_extract); default 64 MiB */
  /* Site-level boilerplate learned from other pages of the same site (see
   * cc_result_block_hashes): text blocks whose fingerprint is in this
   * array, sorted ascending, are dropped. NULL/0 for none. */
  const uint64_t *site_boilerplate;
  size_t site_boilerplate_count;
  /* A time budget per cc_extract() call, in milliseconds, measured on the
   * monotonic clock and checked between stages and inside long loops; when
   * it runs out the call fails with CC_ERR_TIMEOUT. Default 0: none (every
   * stage is linear in the input, so time is bounded by max_input_bytes;
   * set a budget to turn a slow machine or a huge page into an error). */
  unsigned timeout_ms;
  unsigned max_attrs;           /* attributes kept per element, the rest
                                   dropped; default 256; at most 4096 */
} cc_options;

void cc_options_init(cc_options *opt);

/* The result of one extraction. Opaque. */
typedef struct cc_result cc_result;

/* Extracts the article from `len` bytes at `data` (any charset; HTML or
 * text per opt->input_format). `opt` may be NULL for defaults.
 * On success returns CC_OK and sets *out to a result to free with
 * cc_result_free(). A page with no article text at all still succeeds with
 * an empty body (check cc_result_text_length()); only hostile or broken
 * input fails. On failure *out is NULL and `err` (if not NULL) says why. */
cc_status cc_extract(const char *data, size_t len, const cc_options *opt,
                     cc_result **out, cc_error *err);

void cc_result_free(cc_result *res);

/* Metadata. Each may be NULL. Dates are ISO 8601 (YYYY-MM-DD, or with a
 * time when the page gives one). Language is a BCP 47 tag such as "fr". */
const char *cc_result_title(const cc_result *res);
const char *cc_result_author(const cc_result *res);
const char *cc_result_date(const cc_result *res);
const char *cc_result_site_name(const cc_result *res);
const char *cc_result_language(const cc_result *res);
const char *cc_result_url(const cc_result *res);
const char *cc_result_description(const cc_result *res);
const char *cc_result_image(const cc_result *res);
/* The article's date (cc_result_date) is its publication date, else its
 * last update; these give each one as the page states it, NULL when it
 * does not. */
const char *cc_result_published(const cc_result *res);
const char *cc_result_modified(const cc_result *res);
/* The page's tags (article:tag, keywords, JSON-LD keywords and
 * articleSection), at most 20: returns how many, and points *tags (when
 * not NULL) at them; the array and its strings belong to the result. */
size_t cc_result_tags(const cc_result *res, const char *const **tags);
/* The number of words in the body text. */
size_t cc_result_word_count(const cc_result *res);
/* The charset the input was decoded from (e.g. "windows-1252"). */
const char *cc_result_charset(const cc_result *res);
/* "html" or "text": what the input was handled as. */
const char *cc_result_input_kind(const cc_result *res);

/* The body as plain text (same as the txt rendering, without metadata). */
const char *cc_result_text(const cc_result *res);
size_t cc_result_text_length(const cc_result *res);

/* Renders the result. Returns a NUL-terminated buffer (length in *len when
 * len is not NULL) to free with cc_free(), or NULL with `err` set. */
char *cc_render(const cc_result *res, cc_format fmt, size_t *len,
                cc_error *err);

/* ---- render options ------------------------------------------------- */

/* Render flags (bit set in cc_render_options.flags). */
enum {
  CC_RENDER_NO_IMAGES = 1u << 0,   /* md, html: leave images out */
  CC_RENDER_NO_LINKS = 1u << 1,    /* md, html: links become their text */
  CC_RENDER_NO_TABLES = 1u << 2,   /* every format: leave tables out */
  CC_RENDER_FRONT_MATTER = 1u << 3, /* md: begin with a YAML front matter
                                      block of the page's metadata (title,
                                      source, author, published, modified,
                                      site, language, description, image,
                                      tags, word_count, clipped) */
  CC_RENDER_TITLE = 1u << 4,       /* md: a "# title" heading before the
                                      body, unless the body opens with it */
  CC_RENDER_CAPTIONS = 1u << 5,    /* txt: figure captions as paragraphs
                                      (md and html always show them) */
  CC_RENDER_LEAD_IMAGE = 1u << 6   /* md, html: the page's image
                                      (cc_result_image) first, when the body
                                      has no image of its own */
};

/* The Markdown written for CC_FORMAT_MD. */
typedef enum cc_md_flavor {
  CC_MD_COMMONMARK = 0, /* CommonMark with GFM tables, strikethrough and
                           footnotes (default) */
  CC_MD_OBSIDIAN        /* Obsidian's dialect: CommonMark + GFM plus what
                           Obsidian reads and CommonMark lacks (==marked
                           text==, embedded videos), and front matter with
                           Obsidian's property names (created, list-valued
                           author) */
} cc_md_flavor;

/* Where an image's URL points in a rendering: given the image's absolute
 * URL, returns the URL or path to write instead (a local copy), or NULL to
 * keep it. The returned string must stay valid during the render call. */
typedef const char *(*cc_image_url_fn)(const char *url, void *userdata);

/* How to render a result. Initialise with cc_render_options_init(). */
typedef struct cc_render_options {
  size_t size;               /* set by cc_render_options_init(); do not change */
  unsigned flags;            /* CC_RENDER_*; default 0 */
  cc_md_flavor md_flavor;    /* default CC_MD_COMMONMARK */
  size_t max_output_bytes;   /* the rendering may not exceed this; default 0:
                                the extraction's max_output_bytes */
  const char *clipped;       /* front matter and json: when the page was
                                clipped (ISO 8601); NULL: left out */
  cc_image_url_fn image_url; /* md, html: rewrites image URLs; NULL: none */
  void *image_url_data;      /* passed to image_url */
} cc_render_options;

#define cc_render_options_init(ro) \
  cc_render_options_init_size((ro), sizeof(cc_render_options))
void cc_render_options_init_size(cc_render_options *ro, size_t size);

/* Renders the result with render options (NULL: as cc_render). */
char *cc_render_with(const cc_result *res, cc_format fmt,
                     const cc_render_options *ro, size_t *len, cc_error *err);

/* The --explain report: one line per block with its features, scores and
 * the reason it was kept or dropped. Only present when the extraction ran
 * with CC_OPT_EXPLAIN; NULL otherwise. Owned by the result. */
const char *cc_result_explain(const cc_result *res);

/* Fingerprints of the page's text blocks, for learning a site's own
 * boilerplate over a batch: one 64-bit hash of each block's normalized text
 * (blocks of three words or more, article and boilerplate alike), in
 * document order, duplicates removed. A block that recurs on many pages of
 * one site is boilerplate however it looks; pass such hashes back through
 * cc_options.site_boilerplate. Owned by the result; *count gets the number. */
const uint64_t *cc_result_block_hashes(const cc_result *res, size_t *count);

/* Frees a buffer returned by the library. */
void cc_free(void *p);

/* The version of the library, e.g. "0.1.0". */
const char *cc_version(void);

#ifdef __cplusplus
}
#endif

#endif /* CLIPCLEAN_H */
