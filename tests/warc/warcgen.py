"""warcgen.py — writes WARC 1.1 files for the tests, the benchmark and the
pathological inputs: records as bytes, an archive as plain bytes or gzip
with one member per record (as crawlers write them). Deterministic (record
ids come from a counter), standard library only.

    from warcgen import response, request, record, archive
    data = archive([request(u), response(u, html)], gz=True)
"""
import gzip
import hashlib

DATE = "2024-05-01T12:00:00Z"
_count = [0]


def record_id(seed=""):
    _count[0] += 1
    h = hashlib.sha1(("%s/%d" % (seed, _count[0])).encode()).hexdigest()
    return "<urn:uuid:%s-%s-%s-%s-%s>" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])


def record(wtype, block, uri=None, content_type=None, declared=None, version="1.1",
           extra=(), rid=None):
    """One record. `declared` overrides Content-Length (to lie)."""
    h = ["WARC/%s" % version, "WARC-Type: %s" % wtype]
    if uri is not None:
        h.append("WARC-Target-URI: %s" % uri)
    h += ["WARC-Date: %s" % DATE, "WARC-Record-ID: %s" % (rid or record_id(uri or wtype))]
    if content_type:
        h.append("Content-Type: %s" % content_type)
    h += list(extra)
    h.append("Content-Length: %d" % (len(block) if declared is None else declared))
    return ("\r\n".join(h) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_block(body, status=200, headers=(("Content-Type", "text/html"),)):
    head = "HTTP/1.1 %d %s\r\n" % (status, "OK" if status == 200 else "X")
    head += "".join("%s: %s\r\n" % kv for kv in headers)
    return head.encode() + b"\r\n" + body


def response(uri, body, status=200, headers=(("Content-Type", "text/html"),), **kw):
    return record("response", http_block(body, status, headers), uri,
                  "application/http; msgtype=response", **kw)


def request(uri):
    host = uri.split("/")[2] if "//" in uri else "x"
    block = ("GET / HTTP/1.1\r\nHost: %s\r\n\r\n" % host).encode()
    return record("request", block, uri, "application/http; msgtype=request")


def warcinfo():
    return record("warcinfo", b"software: clipclean tests\r\nformat: WARC File Format 1.1\r\n",
                  content_type="application/warc-fields")


def member(data):
    """One gzip member, deterministic (no name, no time)."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def archive(records, gz=False):
    """The bytes of a WARC file: plain, or gzip with a member per record."""
    if gz:
        return b"".join(member(r) for r in records)
    return b"".join(records)
