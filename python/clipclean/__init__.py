"""clipclean — the article of a web page, and its metadata, from Python.

A binding over the C library libclipclean (ctypes: nothing to compile or
install besides the library; see _lib.py for how it is found).

    import clipclean
    r = clipclean.extract(open("page.html", "rb").read(), url="https://example.org/a")
    r.title, r.author, r.date, r.language      # metadata, None when unknown
    r.text                                     # the body as plain text
    r.render("md")                             # txt, md, html or json

    for page in clipclean.iter_warc("crawl.warc.gz", errors="yield"):
        if isinstance(page, clipclean.Error): print(page); continue
        print(page.warc.target_uri, page.title)

This module owns Result (one extraction, holding the C result until it is
closed or collected), the mapping of keyword options to cc_options, errors
(Error, carrying the library's status and message), and the WARC iterator.
Extraction and rendering release the GIL: threads scale with cores.
"""
import collections
import ctypes
import enum
import os
import threading

from . import _lib
from ._lib import LoadError

lib = _lib.lib
__version__ = "0.2.0"
__all__ = ["extract", "extract_file", "iter_warc", "is_warc", "Result", "Error", "Status",
           "WarcReader", "WarcRecord", "LoadError", "library_version", "FORMATS"]


class Status(enum.IntEnum):
    """cc_status: why a call failed."""
    OK = 0
    ARGS = 1
    NOMEM = 2
    TOO_LARGE = 3
    PARSE = 4
    CHARSET = 5
    NOT_HTML = 6
    TIMEOUT = 7
    EMPTY = 8
    IO = 9
    INTERNAL = 10


class Error(Exception):
    """A call of the library failed: `status` (a Status) and `message` (the
    library's one-line message). From iter_warc, `record` is the WarcRecord
    of the failed page or broken record (None when no header was read)."""

    def __init__(self, status, message, record=None):
        try:
            status = Status(status)
        except ValueError:
            pass
        super().__init__(message)
        self.status = status
        self.message = message
        self.record = record

    def __str__(self):
        return self.message

    def __repr__(self):
        return "clipclean.Error(%s, %r)" % (getattr(self.status, "name", self.status),
                                           self.message)


def library_version():
    """The C library's version and what it was built with, and its path."""
    return {"version": lib.cc_version().decode(), "build": lib.cc_build_info().decode(),
            "path": lib.path}


def _raise(st, err, record=None):
    msg = err.message.decode("utf-8", "replace") or lib.cc_strerror(st).decode()
    raise Error(st, msg, record)


FORMATS = {"txt": 0, "text": 0, "md": 1, "markdown": 1, "html": 2, "json": 3}
_INPUT = {"auto": 0, "html": 1, "text": 2}
_PARSER = {"gumbo": 0, "libxml2": 1}
_FLAGS = {"no_images": 1, "no_links": 2, "no_filter": 4, "keep_title": 8, "no_tables": 16,
          "explain": 32, "comments": 64}
_LIMITS = ("max_input_bytes", "max_nodes", "max_depth", "max_output_bytes", "timeout_ms",
           "max_attrs")
_RENDER_FLAGS = {"no_images": 1, "no_links": 2, "no_tables": 4, "front_matter": 8}
_RENDER_TITLE = 16  # the title heading, which goes with the front matter
_FLAVORS = {"commonmark": 0, "obsidian": 1}
OPTIONS = ("input_format", "parser", "charset", "site_boilerplate") + tuple(_FLAGS) + _LIMITS


def _choice(table, name, value):
    if value not in table:
        raise ValueError("%s must be one of %s, not %r" % (name, ", ".join(table), value))
    return table[value]


class _COptions:
    """cc_options from keyword options, and the buffers its pointers use
    (kept alive as long as this object)."""

    def __init__(self, url=None, **kw):
        unknown = set(kw) - set(OPTIONS)
        if unknown:
            raise TypeError("unknown option(s): %s (known: %s)"
                            % (", ".join(sorted(unknown)), ", ".join(OPTIONS)))
        o = self.c = _lib.Options()
        lib.cc_options_init_size(ctypes.byref(o), ctypes.sizeof(o))
        self.flags = 0
        for name, bit in _FLAGS.items():
            if kw.get(name):
                self.flags |= bit
        o.flags = self.flags
        o.input_format = _choice(_INPUT, "input_format", kw.get("input_format", "auto"))
        o.parser = _choice(_PARSER, "parser", kw.get("parser", "gumbo"))
        self.url = url
        o.url = _utf8(url, "url")
        o.charset_hint = _utf8(kw.get("charset"), "charset")
        for name in _LIMITS:
            if kw.get(name) is not None:
                v = int(kw[name])
                if v < 0:
                    raise ValueError("%s must be 0 or more, not %d" % (name, v))
                setattr(o, name, v)
        bp = kw.get("site_boilerplate")
        if bp:
            self._bp = (ctypes.c_uint64 * len(bp))(*sorted(int(h) for h in bp))
            o.site_boilerplate = self._bp
            o.site_boilerplate_count = len(bp)


def _utf8(s, name):
    if s is None:
        return None
    if isinstance(s, bytes):
        return s
    if not isinstance(s, str):
        raise TypeError("%s must be a str, not %s" % (name, type(s).__name__))
    return s.encode("utf-8")


def _str(b):
    return None if b is None else b.decode("utf-8", "replace")


def _as_bytes(data):
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    raise TypeError("data must be bytes or str, not %s" % type(data).__name__)


class Result:
    """One extraction. Metadata are attributes (None when unknown): title,
    author, date, site_name, language, url, description, image, charset,
    input_kind ("html" or "text"); `text` is the body as plain text;
    render() renders it. The C result is freed by close(), at the end of a
    `with` block, or when the object is collected; a Result may be read
    from several threads at once. From iter_warc, `warc` is its record."""

    __slots__ = ("_res", "_flags", "warc", "__weakref__")

    def __init__(self, ptr, flags, warc=None):
        self._res = ptr
        self._flags = flags
        self.warc = warc

    def _ptr(self):
        if not self._res:
            raise ValueError("this clipclean.Result is closed")
        return self._res

    def close(self):
        res, self._res = self._res, None
        if res:
            lib.cc_result_free(res)

    def __del__(self):
        if lib is not None:  # (not at interpreter shutdown)
            self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def text(self):
        r = self._ptr()
        n = lib.cc_result_text_length(r)
        p = lib.cc_result_text(r)
        return ctypes.string_at(p, n).decode("utf-8", "replace") if p else ""

    @property
    def status(self):
        """"ok", or "empty" when no article text was found."""
        return "ok" if lib.cc_result_text_length(self._ptr()) else "empty"

    @property
    def images(self):
        """[(url, alt)] of the article's images, in document order."""
        r = self._ptr()
        return [(_str(lib.cc_result_image_url(r, i)), _str(lib.cc_result_image_alt(r, i)))
                for i in range(lib.cc_result_image_count(r))]

    @property
    def links(self):
        """[(url, text)] of the article's links, in document order."""
        r = self._ptr()
        return [(_str(lib.cc_result_link_url(r, i)), _str(lib.cc_result_link_text(r, i)))
                for i in range(lib.cc_result_link_count(r))]

    @property
    def explain(self):
        """The --explain report (extract with explain=True), else None."""
        return _str(lib.cc_result_explain(self._ptr()))

    @property
    def block_hashes(self):
        """Fingerprints of the page's text blocks (see site_boilerplate)."""
        n = ctypes.c_size_t()
        p = lib.cc_result_block_hashes(self._ptr(), ctypes.byref(n))
        return [p[i] for i in range(n.value)] if p else []

    def render(self, fmt="txt", *, no_images=None, no_links=None, no_tables=None,
               front_matter=None, flavor="commonmark", max_output_bytes=None):
        """The article as "txt", "md", "html" or "json" (a str). Without
        keywords it renders as the extraction options said (no_images,
        no_links, no_tables, max_output_bytes), as the command line does;
        keywords override them. flavor: "commonmark" or "obsidian" (md).
        md is a clipping, as the command line writes it: YAML front matter
        (without the clipping time) and the title as a heading;
        front_matter=False gives the body alone."""
        f = _choice(FORMATS, "format", fmt)
        ro = None
        if front_matter is None:
            front_matter = f == FORMATS["md"]
        if (no_images, no_links, no_tables, max_output_bytes) != (None,) * 4 \
                or front_matter or flavor != "commonmark":
            ro = _lib.RenderOptions()
            lib.cc_render_options_init_size(ctypes.byref(ro), ctypes.sizeof(ro))
            given = {"no_images": no_images, "no_links": no_links, "no_tables": no_tables,
                     "front_matter": front_matter}
            extraction = {"no_images": self._flags & 1, "no_links": self._flags & 2,
                          "no_tables": self._flags & 16, "front_matter": False}
            for name, bit in _RENDER_FLAGS.items():
                if given[name] if given[name] is not None else extraction[name]:
                    ro.flags |= bit
            if front_matter:
                ro.flags |= _RENDER_TITLE
            ro.md_flavor = _choice(_FLAVORS, "flavor", flavor)
            ro.max_output_bytes = max_output_bytes or 0
        n = ctypes.c_size_t()
        err = _lib.Error()
        p = lib.cc_render_with(self._ptr(), f, ctypes.byref(ro) if ro else None,
                               ctypes.byref(n), ctypes.byref(err))
        if not p:
            _raise(err.status, err)
        try:
            return ctypes.string_at(p, n.value).decode("utf-8", "replace")
        finally:
            lib.cc_free(p)

    def to_dict(self):
        """The fields of a `clipclean -f jsonl` record: status, the metadata
        and the text (plus the WARC record's fields for a WARC page)."""
        d = {"status": self.status}
        if self.warc is not None:
            d.update(self.warc.fields())
        for name in _lib.META + tuple(n for n in _lib.META_OPTIONAL if hasattr(lib, "cc_result_" + n)):
            d[name] = getattr(self, name)
        if hasattr(lib, "cc_result_tags"):
            d["tags"] = self.tags
            d["word_count"] = lib.cc_result_word_count(self._ptr())
            d["clipped"] = None  # as `clipclean --no-clipped` writes it
        d["text"] = self.text
        return d

    @property
    def tags(self):
        """The page's tags (article:tag, keywords, JSON-LD), a list."""
        arr = ctypes.POINTER(ctypes.c_char_p)()
        n = lib.cc_result_tags(self._ptr(), ctypes.byref(arr))
        return [_str(arr[i]) for i in range(n)]

    def __repr__(self):
        if not self._res:
            return "<clipclean.Result (closed)>"
        return "<clipclean.Result %r, %d chars>" % (self.title, lib.cc_result_text_length(self._res))


def _meta_property(name):
    f = getattr(lib, "cc_result_" + name, None)

    def get(self):
        return _str(f(self._ptr()))
    return property(get, doc="The page's %s, or None." % name.replace("_", " "))


for _name in _lib.META + _lib.META_OPTIONAL:
    if hasattr(lib, "cc_result_" + _name):
        setattr(Result, _name, _meta_property(_name))


def _extract(data, length, copt, warc=None):
    res = _lib.P()
    err = _lib.Error()
    st = lib.cc_extract_page(data, length, ctypes.byref(copt.c), ctypes.byref(res),
                             ctypes.byref(err))
    if st != 0:
        _raise(st, err, warc)
    return Result(res, copt.flags, warc)


def extract(data, url=None, **options):
    """Extracts the article from the bytes of a saved page — HTML in any
    charset, MHTML, gzip, or a text clipping — as the command line reads a
    file. `url` is the page's URL (base for links; the url metadata unless
    the page names a canonical one). A str is taken as UTF-8.

    Options: input_format ("auto", "html", "text"), parser ("gumbo",
    "libxml2"), charset (a transport header's charset, tried first),
    no_images, no_links, no_tables, keep_title, no_filter, explain, comments
    (bools: comments keeps an article's reader comments after the body),
    max_input_bytes, max_nodes, max_depth, max_output_bytes, max_attrs,
    timeout_ms (limits; docs/hostile-input.md), site_boilerplate (block
    hashes to drop). Raises clipclean.Error with the library's status and
    message; the GIL is released while the library works."""
    copt = _COptions(url, **options)
    if isinstance(data, str) and not options.get("charset"):
        copt.c.charset_hint = b"utf-8"
    data = _as_bytes(data)
    return _extract(data, len(data), copt)


def extract_file(path, url=None, **options):
    """extract() of the bytes of the file at `path`."""
    with open(path, "rb") as f:
        return extract(f.read(), url, **options)


def is_warc(path):
    """True when the file at `path` is a WARC file (plain or gzip), by its bytes."""
    with open(path, "rb") as f:
        head = f.read(4096)
    return bool(lib.cc_warc_sniff(head, len(head)))


class WarcRecord(collections.namedtuple(
        "WarcRecord", "target_uri date record_id offset member_skip http_status content_type "
                      "charset type")):
    """The WARC record a page came from (strings None when absent)."""

    def fields(self):
        """The record's fields as `clipclean -f jsonl` writes them."""
        return {"warc_target_uri": self.target_uri, "warc_date": self.date,
                "warc_record_id": self.record_id, "warc_offset": self.offset,
                "http_status": self.http_status or None}


_SKIP = {1: "not_response", 2: "not_text", 3: "http_status"}


class WarcReader:
    """Iterates over the pages of a WARC file (iter_warc). `stats` counts
    records, pages, skipped records by reason, broken records and failed
    extractions as the iteration goes. Close it (or use `with`) to free the
    reader before the end."""

    _r = None

    def __init__(self, path, errors="raise", **options):
        if errors not in ("raise", "yield", "skip"):
            raise ValueError("errors must be 'raise', 'yield' or 'skip', not %r" % (errors,))
        self.path = os.fspath(path)
        self.errors = errors
        self.options = options
        self.stats = dict.fromkeys(("records", "pages", "not_response", "not_text",
                                    "http_status", "broken", "failed"), 0)
        self._lock = threading.Lock()
        self._r = _lib.P()
        err = _lib.Error()
        opt = _COptions(None, **options)
        st = lib.cc_warc_open(_utf8(self.path, "path"), ctypes.byref(opt.c), ctypes.byref(self._r),
                              ctypes.byref(err))
        if st != 0:
            self._r = None
            _raise(st, err)

    def close(self):
        r, self._r = self._r, None
        if r:
            lib.cc_warc_close(r)

    def __del__(self):
        if lib is not None:
            self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        return self

    def __next__(self):
        with self._lock:
            while True:
                item = self._next_item()
                if item is not None:
                    return item

    def _next_item(self):
        """A Result or an Error for the next record, or None to read on."""
        if not self._r:
            raise StopIteration
        rec = ctypes.POINTER(_lib.WarcRecord)()
        err = _lib.Error()
        st = lib.cc_warc_next(self._r, ctypes.byref(rec), ctypes.byref(err))
        if st == 0 and not rec:
            self.close()
            raise StopIteration
        self.stats["records"] += 1
        info = _record(rec.contents) if rec else None
        if st != 0:
            self.stats["broken"] += 1
            return self._error(st, err, info)
        r = rec.contents
        if r.kind != 0:
            self.stats[_SKIP.get(r.kind, "not_response")] += 1
            return None
        self.stats["pages"] += 1
        opts = dict(self.options)
        if r.charset and not opts.get("charset"):
            opts["charset"] = r.charset
        if r.input_format == 2 and opts.get("input_format", "auto") == "auto":
            opts["input_format"] = "text"
        copt = _COptions(r.target_uri, **opts)
        try:
            return _extract(r.body, r.body_len, copt, info)
        except Error as e:
            self.stats["failed"] += 1
            return self._error(e.status, None, info, e.message)

    def _error(self, st, err, info, message=None):
        if message is None:
            message = err.message.decode("utf-8", "replace") or lib.cc_strerror(st).decode()
        e = Error(st, "%s: %s" % (self.path, message), info)
        if self.errors == "raise":
            self.close()
            raise e
        return e if self.errors == "yield" else None


def _record(r):
    return WarcRecord(_str(r.target_uri), _str(r.date), _str(r.record_id), r.offset,
                      r.member_skip, r.http_status, _str(r.content_type), _str(r.charset),
                      _str(r.type))


def iter_warc(path, errors="raise", **options):
    """The pages of a WARC file (1.0 or 1.1, plain or gzip), streamed, each
    cleaned as the command line cleans it: a Result whose `warc` is its
    record (WarcRecord). Records that are no page (requests, images,
    redirects...) are skipped and counted in the reader's `stats`.

    A broken record or a page that fails: errors="raise" (the default)
    raises clipclean.Error and ends the iteration; errors="yield" yields the
    Error in the page's place and goes on (what a crawl wants); errors="skip"
    only counts it. Options as for extract() (max_input_bytes also bounds
    what the reader takes into memory)."""
    return WarcReader(path, errors, **options)
