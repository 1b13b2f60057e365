#!/usr/bin/env python3
"""seed.py — builds the seed corpus of every fuzz target.

  seed.py OUTDIR

writes OUTDIR/<target>/ for each target: the sample pages (samples/*/page.html
and .gz), the AEB benchmark pages when shared/bench/aeb is found beside the
repository, small pathological inputs (tests/pathological/gen.py) and the
regression inputs (tests/regress/), each with the option bytes its target
reads first. Pages are cut to 64 KiB (the fuzzers' -max_len). Python 3
standard library only.
"""
import glob
import gzip
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "pathological"))
MAX = 64 * 1024


def pages():
    """(name, bytes) of every HTML page we can find."""
    for p in sorted(glob.glob(os.path.join(ROOT, "samples", "*", "page.html*"))):
        yield p, read(p)
    for base in (os.path.join(os.path.dirname(ROOT), "shared"), "/work/shared"):
        aeb = sorted(glob.glob(os.path.join(base, "bench", "aeb", "html", "*.html.gz")))
        if aeb:
            for p in aeb:
                yield p, read(p)
            break
    try:
        import gen
        for name, f in gen.CASES.items():
            yield name, f(0.002)
    except ImportError:
        pass


def read(p):
    with open(p, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def put(outdir, target, data):
    d = os.path.join(outdir, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    out = sys.argv[1]
    n = 0
    for i, (_, page) in enumerate(pages()):
        page = page[:MAX]
        n += 1
        # fuzz_extract: flags, format/parser, limits, hint, url
        put(out, "fuzz_extract", bytes([i % 64, 0, 0, i % 18, i % 8]) + page)
        # fuzz_strip: depth, formatting, attrs bounds
        put(out, "fuzz_strip", bytes([i % 24, i % 6, i % 6]) + page)
        # fuzz_charset: mode, hint, meta, xml labels, document
        put(out, "fuzz_charset", bytes([i % 256]) + b"windows-1252\nutf-8\nshift_jis\n" + page[:16384])
        # fuzz_content: limit byte, then gzip data, or the page as is
        put(out, "fuzz_content", b"\0" + gzip.compress(page[:16384], 6))
        if i % 4 == 0:
            put(out, "fuzz_content", b"\0" + page[:16384])
    for p in sorted(glob.glob(os.path.join(ROOT, "tests", "regress", "*", "*"))):
        target = os.path.basename(os.path.dirname(p))
        if target.startswith("fuzz_"):
            with open(p, "rb") as f:
                put(out, target, f.read())
    for text in ["Grüße, 世界 — ça va", "caf\xe9"]:
        for enc in ["utf-8", "utf-16-le", "utf-16-be", "utf-16", "shift_jis", "euc-kr", "cp1252"]:
            try:
                doc = ("<meta charset=%s><p>%s</p>" % (enc, text)).encode(enc)
            except UnicodeEncodeError:
                continue
            put(out, "fuzz_charset", b"\x07" + enc.encode() + b"\n" + enc.encode() + b"\n\n" + doc)
    # MHTML archives (as Chrome saves them): quoted-printable and base64 parts
    import base64
    page = b"<html><head><meta charset=windows-1252><title>T</title></head><body><article>" \
           b"<h1>Titre</h1><p>Caf\xe9 cr\xe8me, un article assez long pour \xeatre gard\xe9.</p>" \
           b"</article></body></html>"
    qp = page.replace(b"=", b"=3D").replace(b"\xe9", b"=E9").replace(b"\xe8", b"=E8") \
             .replace(b"\xea", b"=EA")
    for enc, body in (("quoted-printable", qp), ("base64", base64.encodebytes(page))):
        mht = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.fr/a\r\n"
               b"Subject: T\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
               b"\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x\"\r\n\r\n"
               b"------MultipartBoundary--x\r\nContent-Type: text/html\r\n"
               b"Content-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: " + enc.encode() +
               b"\r\nContent-Location: https://example.fr/a\r\n\r\n" + body +
               b"\r\n------MultipartBoundary--x--\r\n")
        put(out, "fuzz_content", b"\0" + mht)
        put(out, "fuzz_content", b"\0" + gzip.compress(mht))
    # WARC files (tests/warc/warcgen.py): a small crawl of the sample pages,
    # with records of every kind and broken ones, in each mode fuzz_warc has
    sys.path.insert(0, os.path.join(ROOT, "tests", "warc"))
    import warcgen
    samples = [read(p)[:8192] for p in sorted(glob.glob(os.path.join(ROOT, "samples", "*",
                                                                      "page.html*")))][:4]
    recs = [warcgen.warcinfo()]
    for i, page in enumerate(samples):
        url = "https://example.org/%d" % i
        recs += [warcgen.request(url), warcgen.response(url, page)]
    recs += [warcgen.response("https://example.org/img", b"\x89PNG\r\n\x1a\n",
                              headers=(("Content-Type", "image/png"),)),
             warcgen.response("https://example.org/gone", b"<p>gone</p>", status=404),
             warcgen.response("https://example.org/z", gzip.compress(b"<p>zipped</p>", mtime=0),
                              headers=(("Content-Type", "text/html"),
                                       ("Content-Encoding", "gzip"))),
             warcgen.record("resource", b"<p>liar</p>", "https://example.org/l", "text/html",
                            declared=1 << 30),
             warcgen.record("resource", b"plain text", "https://example.org/t", "text/plain"),
             warcgen.record("resource", b"<p>short</p>", "https://example.org/s", "text/html",
                            declared=3)]
    crawl = warcgen.archive(recs)
    for mode in (0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x18, 0x41, 0x80, 0xc4):
        put(out, "fuzz_warc", bytes([mode, 37, 11]) + crawl)
    put(out, "fuzz_warc", b"\0\0\0" + warcgen.archive(recs, gz=True))
    urls = [
        ("https://example.com/a/b/c?q#f", "../d/./e?x=1#y"), ("http://h/", "//other/p"),
        ("https://h/a/", "?q"), ("https://h/a", "#frag"), ("", "javascript:alert(1)"),
        ("http://[::1]:8080/x", "y"), ("https://user:pw@h:1/p/q", "/abs"),
        ("http://h", "data:text/html,<p>"), ("https://h/%41/", "b%2F/../c"),
        ("https://xn--bcher-kva.example/", "  relative  "), ("http://h/a/b", "../../../../x"),
        ("mailto:x@y", "z"), ("http://h/a;p?q", "g;x=1/../y"), ("HTTPS://WWW.Example.COM", "p"),
    ]
    for base, ref in urls:
        put(out, "fuzz_url", b"\0" + base.encode() + b"\n" + ref.encode())
    # the fetch module's text: header values (mode 0), URLs (1), list lines (2)
    for v in ["text/html; charset=ISO-8859-1", 'text/html;charset="utf-8"', "application/pdf",
              "TEXT/PLAIN ; Charset = windows-1252 ; format=flowed", "120",
              "Wed, 21 Oct 2015 07:28:00 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
              "Sun Nov  6 08:49:37 1994", ""]:
        put(out, "fuzz_fetch_text", b"\0" + v.encode())
    for base, ref in urls:
        put(out, "fuzz_fetch_text", b"\1" + base.encode())
        put(out, "fuzz_fetch_text", b"\1" + ref.encode())
    for line in ["https://example.org/a # comment", "# only a comment", "   ",
                 "\ufeffhttp://x.example/p?q=1", "ftp://nope.example/", "example.org/no-scheme"]:
        put(out, "fuzz_fetch_text", b"\2" + line.encode())
    # fuzz_text: the text clippings (real ones, and the samples' expected
    # texts), with option bytes
    texts = sorted(glob.glob(os.path.join(ROOT, "tests", "data", "seeds", "*.txt")))
    texts += sorted(glob.glob(os.path.join(ROOT, "samples", "*", "expected.txt")))
    for i, p in enumerate(texts):
        put(out, "fuzz_text", bytes([i % 32]) + read(p)[:MAX])
    put(out, "fuzz_text", b"\0Title\n\n" + b"".join(
        b"Paragraph %d of the story, where the council met on Tuesday.\n\nReport\n\n" % i
        for i in range(200)))
    # fuzz_print: names and messages as the CLI prints and records them
    for v in [b"page.html\nNo such file or directory", b"caf\xe9.html\nboom",
              b"esc\x1b[31m.html\nnot a web page: text/x\x1b]0;t\x07",
              b"bidi\xe2\x80\xaeevil.html\nx", b"https://user:pw@example.org/a@b\nHTTP 404",
              b"\xed\xa0\x80\xf4\x90\x80\x80\xc0\xaf\nbad forms", b"two\nlines\nthree"]:
        put(out, "fuzz_print", b"\0" + v)
        put(out, "fuzz_print", b"\1" + v)
    print("seeded %d pages into %s" % (n, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
