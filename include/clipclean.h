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
 *   - cc_render() and cc_render_with() return a buffer the caller frees
 *     with cc_free(); cc_render_to() hands the rendering to the caller's
 *     callback piece by piece and keeps nothing.
 *   - Strings the caller passes in (options, input bytes) are only read
 *     during the call and may be freed right after it.
 * The library never calls exit() or abort(), and it writes nothing to
 * stdout/stderr: errors come back as a cc_status plus a message in a
 * caller-provided cc_error. Running out of memory is such an error
 * (CC_ERR_NOMEM): the call frees what it had allocated and fails, and the
 * process goes on. (Exceptions: the WARC reader, cc_warc_*, still aborts
 * when it cannot allocate, as does the text cleaner when it reads its
 * model, once, at its first use; and uchardet, the charset detector, is
 * C++ and terminates the process when its own small allocation fails.)
 * All functions are thread-safe for distinct results; options and results
 * may be shared read-only between threads.
 *
 * Growing without breaking: cc_options and cc_render_options begin with
 * their size, which cc_options_init() and cc_render_options_init() (macros
 * passing sizeof as the caller's header knows it) record. A program built
 * against an older header passes a smaller struct: the library reads only
 * the fields that struct has and takes defaults for the rest. A newer
 * header's fields that this library does not know must be left at their
 * defaults (zero), or the call fails with CC_ERR_ARGS.
 */
#ifndef CLIPCLEAN_H
#define CLIPCLEAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden visibility: what this header declares
 * is its whole exported interface. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility push(default)
#endif

/* The version of this header; cc_version() gives the library's. */
#define CC_VERSION_MAJOR 0
#define CC_VERSION_MINOR 2
#define CC_VERSION_PATCH 0
#define CC_VERSION_STRING "0.2.0"

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
  CC_INPUT_TEXT,     /* a clipping: plain text, or Markdown when it reads so */
  CC_INPUT_MARKDOWN  /* a clipping read as Markdown */
} cc_input_format;

/* What the bytes are, decided by their content the way cc_extract decides
 * it with CC_INPUT_AUTO: CC_INPUT_HTML or CC_INPUT_TEXT; CC_INPUT_AUTO for
 * binary data (a PDF, an image, an executable...), which cc_extract
 * refuses, with *what (when not NULL) naming it ("PDF document"). `hint`
 * is a charset hint as in cc_options (it tells UTF-16 apart); may be NULL. */
cc_input_format cc_sniff_input(const char *data, size_t len, const char *hint,
                               const char **what);

/* The canonical name of a charset label as cc_options.charset_hint takes
 * it (WHATWG Encoding labels, any case: "latin1" -> "windows-1252"), or
 * NULL when the library does not know the label and would ignore the hint. */
const char *cc_charset_name(const char *label);

/* The HTML front end. */
typedef enum cc_parser {
  CC_PARSER_GUMBO = 0, /* gumbo-parser, HTML5 conformant (default) */
  CC_PARSER_LIBXML2    /* libxml2's HTML parser: faster, less conformant */
} cc_parser;

/* Option flags (bit set in cc_options.flags). The article itself always
 * keeps its images, links and tables; CC_OPT_NO_IMAGES, CC_OPT_NO_LINKS and
 * CC_OPT_NO_TABLES only set the defaults of renderings made without
 * render options (cc_render(), or a NULL cc_render_options), and
 * CC_OPT_NO_TABLES also leaves tables out of cc_result_text(). */
enum {
  CC_OPT_NO_IMAGES = 1u << 0,   /* render without images (md/html) */
  CC_OPT_NO_LINKS = 1u << 1,    /* render link text only, no URLs (md/html) */
  CC_OPT_NO_FILTER = 1u << 2,   /* skip the boilerplate phrase filter */
  CC_OPT_KEEP_TITLE = 1u << 3,  /* keep the headline in the body text */
  CC_OPT_NO_TABLES = 1u << 4,   /* render without tables (all formats) */
  CC_OPT_EXPLAIN = 1u << 5,     /* record per-block decisions (cc_explain) */
  CC_OPT_COMMENTS = 1u << 6     /* keep an article's reader comments, after the
                                   body under a "Comments" heading (a forum
                                   thread's posts are its content anyway) */
};

/* Extraction options. Initialise with cc_options_init(); every field has a
 * usable default, so only set what you need. */
typedef struct cc_options {
  size_t size;                  /* set by cc_options_init(); do not change */
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

/* Sets every field of *opt to its default. A macro, so that the size of
 * the struct this program was compiled with is passed along; bindings that
 * cannot use it call cc_options_init_size(opt, size of their struct). */
#define cc_options_init(opt) cc_options_init_size((opt), sizeof(cc_options))
void cc_options_init_size(cc_options *opt, size_t size);

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

/* Extracts the article from the bytes of a saved page, read the way the
 * command-line tool reads a file: gzip-compressed data is decompressed
 * first (refused past opt->max_input_bytes decompressed); an MHTML archive
 * (a browser's "save as single file", RFC 2557) gives its HTML part, whose
 * charset serves as the charset hint and whose location as the URL unless
 * opt sets them; anything else goes to cc_extract() as it is. Binary data
 * (a PDF, an image...) is refused with CC_ERR_NOT_HTML naming it. */
cc_status cc_extract_page(const char *data, size_t len, const cc_options *opt,
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
/* What kind of page this is: "article", "forum" (a forum thread or a Q&A
 * page), "product", "collection" (a shop's category of products),
 * "listing" (a list of posts, news or results), "documentation" or
 * "service" (a landing, service or company page); recognized from the
 * page's structure and its own statements (JSON-LD, og:type, its URL).
 * NULL for text clippings. */
const char *cc_result_page_type(const cc_result *res);
/* The charset the input was decoded from (e.g. "windows-1252"). */
const char *cc_result_charset(const cc_result *res);
/* "html", "text" or "markdown": what the input was handled as. */
const char *cc_result_input_kind(const cc_result *res);

/* The body as plain text (same as the txt rendering, without metadata). */
const char *cc_result_text(const cc_result *res);
size_t cc_result_text_length(const cc_result *res);

/* The article's images and links, in document order (one entry per
 * occurrence). Indexes run from 0 to the count less one; out of range
 * gives NULL. A link's text is its visible text, whitespace collapsed
 * (possibly empty, as for a link around an image); an image's alt text may
 * be empty, never NULL. Strings belong to the result. */
size_t cc_result_image_count(const cc_result *res);
const char *cc_result_image_url(const cc_result *res, size_t i);
const char *cc_result_image_alt(const cc_result *res, size_t i);
size_t cc_result_link_count(const cc_result *res);
const char *cc_result_link_url(const cc_result *res, size_t i);
const char *cc_result_link_text(const cc_result *res, size_t i);

/* ---- rendering ------------------------------------------------------ */

/* Render flags (bit set in cc_render_options.flags). */
enum {
  CC_RENDER_NO_IMAGES = 1u << 0,  /* md, html: leave images out */
  CC_RENDER_NO_LINKS = 1u << 1,   /* md, html: links become their text */
  CC_RENDER_NO_TABLES = 1u << 2,  /* every format: leave tables out (the
                                     json "text" too) */
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

/* How to render a result. One extraction can be rendered several ways.
 * Initialise with cc_render_options_init(). */
typedef struct cc_render_options {
  size_t size;                /* set by cc_render_options_init(); do not change */
  unsigned flags;             /* CC_RENDER_*; default 0 */
  cc_md_flavor md_flavor;     /* default CC_MD_COMMONMARK */
  size_t max_output_bytes;    /* the rendering may not exceed this; default 0:
                                 the extraction's max_output_bytes */
  const char *clipped;        /* front matter and json: when the page was
                                 clipped (ISO 8601); NULL: left out */
  cc_image_url_fn image_url;  /* md, html: rewrites image URLs; NULL: none */
  void *image_url_data;       /* passed to image_url */
} cc_render_options;

#define cc_render_options_init(ro) \
  cc_render_options_init_size((ro), sizeof(cc_render_options))
void cc_render_options_init_size(cc_render_options *ro, size_t size);

/* Renders the result as its extraction options said (CC_OPT_NO_IMAGES,
 * CC_OPT_NO_LINKS, CC_OPT_NO_TABLES, max_output_bytes). Returns a
 * NUL-terminated buffer (length in *len when len is not NULL) to free with
 * cc_free(), or NULL with `err` set. */
char *cc_render(const cc_result *res, cc_format fmt, size_t *len,
                cc_error *err);

/* The same with render options (NULL: as cc_render). A rendering over the
 * output limit fails with CC_ERR_TOO_LARGE; it stops there, and never
 * holds much more than the limit in memory. */
char *cc_render_with(const cc_result *res, cc_format fmt,
                     const cc_render_options *ro, size_t *len, cc_error *err);

/* Receives a rendering piece by piece: `len` bytes at `data` (not
 * NUL-terminated, valid during the call only). Returns 0 to go on, or
 * nonzero to stop the rendering (which then fails with CC_ERR_IO). */
typedef int (*cc_write_fn)(const char *data, size_t len, void *userdata);

/* Streams the rendering into `write`, a block at a time, so that a large
 * rendering never sits in memory whole: the library holds about one block
 * (64 KiB, or one larger block) at a time. The pieces, concatenated, are
 * exactly what cc_render_with() returns. On failure (the output limit, the
 * callback stopping, out of memory) what was written so far stays written
 * and the call returns the status, with `err` set. */
cc_status cc_render_to(const cc_result *res, cc_format fmt,
                       const cc_render_options *ro, cc_write_fn write,
                       void *userdata, cc_error *err);

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

/* The version of the library, e.g. "0.2.0". */
const char *cc_version(void);

/* The libraries this one runs with and their versions, on one line:
 * "gumbo 0.10.1, libxml2 2.9.14, uchardet 0.0.8, jansson 2.14, zlib
 * 1.2.13" (gumbo's and uchardet's as built against: they cannot say). */
const char *cc_build_info(void);


/* ---- Web archives: WARC 1.0 and 1.1 ------------------------------------
 *
 * A reader streams a WARC file, plain or gzip-compressed (one gzip member
 * per record, as crawlers write them, or any other cut), one record at a
 * time: memory holds the record in hand, never the file. Each record is
 * classified. A page — a `response` record of a 2xx HTTP response, or a
 * `resource` record, whose payload is HTML or text — comes with its
 * payload, HTTP headers removed and chunked/gzip/deflate encodings undone,
 * ready for cc_extract(). Any other record comes with its headers and the
 * reason it is not a page, and its block is passed over unread.
 *
 *   cc_warc_reader *w;
 *   const cc_warc_record *rec;
 *   cc_error err;
 *   if (cc_warc_open("crawl.warc.gz", NULL, &w, &err) != CC_OK) ...fail...
 *   for (;;) {
 *     cc_status st = cc_warc_next(w, &rec, &err);
 *     if (st == CC_OK && !rec) break;                  the end
 *     if (st != CC_OK) { report(err.message); continue; }  this record only
 *     if (rec->kind != CC_WARC_PAGE) continue;
 *     cc_options opt;
 *     cc_options_init(&opt);
 *     opt.url = rec->target_uri;
 *     opt.charset_hint = rec->charset;
 *     opt.input_format = rec->input_format;
 *     ...cc_extract(rec->body, rec->body_len, &opt, &res, &err)...
 *   }
 *   cc_warc_close(w);
 *
 * Ownership: the reader is freed with cc_warc_close(); the record and all
 * its strings belong to the reader and stay valid until the next
 * cc_warc_next() or cc_warc_close(). A reader is used by one thread at a
 * time; distinct readers are independent. */

typedef struct cc_warc_reader cc_warc_reader;

/* What a record is to an extractor. */
typedef enum cc_warc_kind {
  CC_WARC_PAGE = 0,     /* HTML or text to clean: body holds the payload */
  CC_WARC_OTHER_TYPE,   /* not a response or resource: warcinfo, request,
                           metadata, revisit, conversion, continuation... */
  CC_WARC_NOT_TEXT,     /* a payload that is not HTML or text (an image, a
                           PDF, a script), or none at all */
  CC_WARC_HTTP_STATUS   /* an HTTP response other than 2xx (a redirect, an
                           error page) */
} cc_warc_kind;

/* One record. Strings are NUL-terminated, NULL when absent. Fields are only
 * ever added at the end of this struct, which only the library allocates. */
typedef struct cc_warc_record {
  cc_warc_kind kind;
  const char *type;        /* WARC-Type as written: "response", "request"... */
  const char *target_uri;  /* WARC-Target-URI, without the <> of WARC 1.0 */
  const char *date;        /* WARC-Date, e.g. "2024-05-01T12:00:00Z" */
  const char *record_id;   /* WARC-Record-ID, e.g. "<urn:uuid:...>" */
  uint64_t offset;         /* where the record starts in the file: its byte
                              offset, or in a .warc.gz the offset of the
                              gzip member it starts in (as CDX indexes say) */
  uint64_t member_skip;    /* in a .warc.gz whose record does not start its
                              member: how far into the member's decompressed
                              bytes it starts; 0 otherwise */
  uint64_t content_length; /* the block's declared length */
  int http_status;         /* response records: the HTTP status; else 0 */
  const char *content_type; /* the payload's media type, lowercase, without
                              parameters ("text/html"); NULL when none */
  const char *charset;     /* the charset parameter of its Content-Type */
  cc_input_format input_format; /* pages: CC_INPUT_HTML, CC_INPUT_TEXT
                              (text/plain), or CC_INPUT_AUTO (an untyped or
                              generic type whose bytes looked like text) */
  const char *body;        /* pages: the payload; NULL for other kinds */
  size_t body_len;
  const char *why;         /* other kinds: why it is not a page ("request
                              record", "image/png", "HTTP 404"); else NULL */
} cc_warc_record;

/* Opens the WARC file at `path`. `opt` may be NULL: only its
 * max_input_bytes is used — the largest payload a page may have (larger
 * pages fail with CC_ERR_TOO_LARGE without being read into memory).
 * Returns CC_OK with *out set, or an error (the file cannot be read) with
 * *out NULL. Whether the file is gzip-compressed is told by its bytes. */
cc_status cc_warc_open(const char *path, const cc_options *opt,
                       cc_warc_reader **out, cc_error *err);

/* Where a reader opened with cc_warc_open_read gets its bytes: fills up to
 * `cap` bytes at `buf` and returns how many (0 at the end), or -1 on a read
 * error. */
typedef ptrdiff_t (*cc_warc_read_fn)(void *user, void *buf, size_t cap);

/* Opens a reader over bytes from a callback (a pipe, a socket, memory).
 * Such a reader never seeks back: after a record whose declared length
 * runs past the end of the input, the records it swallowed are lost (a
 * reader on a regular file goes back for them). */
cc_status cc_warc_open_read(cc_warc_read_fn read, void *user,
                            const cc_options *opt, cc_warc_reader **out,
                            cc_error *err);

/* Reads the next record.
 *   CC_OK, *rec set:   a record (see rec->kind).
 *   CC_OK, *rec NULL:  the end of the archive.
 *   anything else:     this record, or the bytes at this place, failed
 *                      (truncated, corrupt, over the size limit, an
 *                      unsupported encoding); `err` says why, starting with
 *                      "record at offset N" (or "offset N" for bytes that
 *                      are no record). *rec holds what could be read of the
 *                      record's headers, or NULL. Call again: the reader
 *                      goes on with the next record. After a read error of
 *                      the input itself (CC_ERR_IO) the next call ends. */
cc_status cc_warc_next(cc_warc_reader *r, const cc_warc_record **rec,
                       cc_error *err);

void cc_warc_close(cc_warc_reader *r);

/* 1 when `len` bytes at `data`, the start of a file (4 KiB suffice), are
 * those of a WARC file, plain or gzip-compressed; 0 otherwise. */
int cc_warc_sniff(const char *data, size_t len);

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* CLIPCLEAN_H */
