"""_lib.py — finds and loads libclipclean with ctypes and declares the C
functions and structs of include/clipclean.h that the binding calls.

Owns the one loaded library (`lib`) and the struct layouts; knows nothing of
results or WARC iteration (see __init__.py). ctypes releases the GIL during
every foreign call, so extractions in threads run in parallel.

Where the library comes from, first found wins:
  1. $CLIPCLEAN_LIBRARY: the path of a libclipclean.so (or .so.0) file;
  2. the installed library: the dynamic linker's search path, then the
     libdir that `pkg-config clipclean` names (a --prefix install);
  3. a build tree of the source checkout this package sits in
     (../build*/libclipclean.so.0, the most recently built).
"""
import ctypes
import ctypes.util
import glob
import os
import subprocess

SONAME = "libclipclean.so.0"
NEED_MINOR = 2  # cc_extract_page, cc_render_with, the WARC reader: 0.2


class LoadError(ImportError):
    """libclipclean could not be found or is too old."""


c_size = ctypes.c_size_t


class Options(ctypes.Structure):
    _fields_ = [("size", c_size), ("flags", ctypes.c_uint), ("input_format", ctypes.c_int),
                ("parser", ctypes.c_int), ("url", ctypes.c_char_p),
                ("charset_hint", ctypes.c_char_p), ("max_input_bytes", c_size),
                ("max_nodes", c_size), ("max_depth", ctypes.c_uint),
                ("max_output_bytes", c_size),
                ("site_boilerplate", ctypes.POINTER(ctypes.c_uint64)),
                ("site_boilerplate_count", c_size), ("timeout_ms", ctypes.c_uint),
                ("max_attrs", ctypes.c_uint)]


class RenderOptions(ctypes.Structure):
    _fields_ = [("size", c_size), ("flags", ctypes.c_uint), ("md_flavor", ctypes.c_int),
                ("max_output_bytes", c_size)]


class Error(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("message", ctypes.c_char * 256)]


class WarcRecord(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_int), ("type", ctypes.c_char_p),
                ("target_uri", ctypes.c_char_p), ("date", ctypes.c_char_p),
                ("record_id", ctypes.c_char_p), ("offset", ctypes.c_uint64),
                ("member_skip", ctypes.c_uint64), ("content_length", ctypes.c_uint64),
                ("http_status", ctypes.c_int), ("content_type", ctypes.c_char_p),
                ("charset", ctypes.c_char_p), ("input_format", ctypes.c_int),
                ("body", ctypes.c_void_p), ("body_len", c_size), ("why", ctypes.c_char_p)]


P = ctypes.c_void_p  # opaque cc_result *, cc_warc_reader *
ERR = ctypes.POINTER(Error)
STR = ctypes.c_char_p

# name: (restype, argtypes)
_PROTOS = {
    "cc_version": (STR, []),
    "cc_build_info": (STR, []),
    "cc_strerror": (STR, [ctypes.c_int]),
    "cc_options_init_size": (None, [ctypes.POINTER(Options), c_size]),
    "cc_render_options_init_size": (None, [ctypes.POINTER(RenderOptions), c_size]),
    "cc_extract_page": (ctypes.c_int, [ctypes.c_void_p, c_size, ctypes.POINTER(Options),
                                       ctypes.POINTER(P), ERR]),
    "cc_result_free": (None, [P]),
    "cc_result_text_length": (c_size, [P]),
    "cc_result_text": (ctypes.c_void_p, [P]),
    "cc_result_image_count": (c_size, [P]),
    "cc_result_image_url": (STR, [P, c_size]),
    "cc_result_image_alt": (STR, [P, c_size]),
    "cc_result_link_count": (c_size, [P]),
    "cc_result_link_url": (STR, [P, c_size]),
    "cc_result_link_text": (STR, [P, c_size]),
    "cc_result_explain": (STR, [P]),
    "cc_result_block_hashes": (ctypes.POINTER(ctypes.c_uint64), [P, ctypes.POINTER(c_size)]),
}

# Accessors a library may lack (added after 0.2): declared when present.
_PROTOS_OPTIONAL = {
    "cc_result_tags": (c_size, [P, ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p))]),
    "cc_result_word_count": (c_size, [P]),
    "cc_render_with": (ctypes.c_void_p, [P, ctypes.c_int, ctypes.POINTER(RenderOptions),
                                         ctypes.POINTER(c_size), ERR]),
    "cc_free": (None, [ctypes.c_void_p]),
    "cc_warc_open": (ctypes.c_int, [STR, ctypes.POINTER(Options), ctypes.POINTER(P), ERR]),
    "cc_warc_next": (ctypes.c_int, [P, ctypes.POINTER(ctypes.POINTER(WarcRecord)), ERR]),
    "cc_warc_close": (None, [P]),
    "cc_warc_sniff": (ctypes.c_int, [ctypes.c_void_p, c_size]),
}

# The metadata accessors: const char *cc_result_NAME(const cc_result *).
# Those a library may lack (added after 0.2) are looked up when present.
META = ("title", "author", "date", "site_name", "language", "url", "description", "image",
        "charset", "input_kind")
META_OPTIONAL = ("published", "modified", "page_type")


def _candidates():
    env = os.environ.get("CLIPCLEAN_LIBRARY")
    if env:
        yield env
        return  # asked for one library: no other
    yield SONAME
    found = ctypes.util.find_library("clipclean")
    if found:
        yield found
    try:
        libdir = subprocess.run(["pkg-config", "--variable=libdir", "clipclean"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        libdir = ""
    if libdir:
        yield os.path.join(libdir, SONAME)
    here = os.path.dirname(os.path.abspath(__file__))
    checkout = os.path.dirname(os.path.dirname(here))  # <checkout>/python/clipclean
    built = glob.glob(os.path.join(checkout, "build*", SONAME))
    yield from sorted(built, key=os.path.getmtime, reverse=True)


def _unloadable(path):
    """Why `path` cannot be loaded here, or None: a library built with
    AddressSanitizer aborts the process unless the ASan runtime was
    preloaded (LD_PRELOAD), so it is passed over with the reason."""
    if os.sep not in path:
        return None
    try:
        with open(path, "rb") as f:
            sanitized = b"libasan.so" in f.read()
        with open("/proc/self/maps") as f:
            runtime = "libasan.so" in f.read()
    except OSError:
        return None
    if sanitized and not runtime:
        return "built with AddressSanitizer: preload its runtime (LD_PRELOAD) to use it"
    return None


def _declare(lib):
    for name, (res, args) in _PROTOS.items():
        f = getattr(lib, name)
        f.restype, f.argtypes = res, args
    for name, (res, args) in _PROTOS_OPTIONAL.items():
        f = getattr(lib, name, None)
        if f is not None:
            f.restype, f.argtypes = res, args
    for name in META + META_OPTIONAL:
        f = getattr(lib, "cc_result_" + name, None)
        if f is not None:
            f.restype, f.argtypes = STR, [P]


def load():
    tried = []
    for path in _candidates():
        why = _unloadable(path)
        if why:
            tried.append("%s (%s)" % (path, why))
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
            continue
        version = lib.cc_version
        version.restype = STR
        v = version().decode()
        major, minor = (int(x) for x in v.split(".")[:2])
        if major != 0 or minor < NEED_MINOR:
            tried.append("%s (version %s, this binding needs 0.%d or later 0.x)"
                         % (path, v, NEED_MINOR))
            continue
        _declare(lib)
        lib.path = path
        return lib
    raise LoadError("libclipclean not found: install the C library (cmake --install build), "
                    "or set CLIPCLEAN_LIBRARY to the path of libclipclean.so.0; tried: "
                    + "; ".join(tried))


lib = load()
