#!/usr/bin/env python3
"""test_warc.py — end-to-end tests of WARC input in the command line.

The WARC files are written here (warcgen.py) from the project's own sample
pages (samples/*/page.html[.gz]): pages from a WARC must come out
byte-identical to the same pages cleaned as files with --url; records that
are no page are counted, broken ones fail alone with their offset.

  test_warc.py --bin build/clipclean            every test
  test_warc.py --bin build/clipclean NAME...    some (see --list)
Standard library only. Prints 'N passed, N failed' last.
"""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import warcgen  # noqa: E402

BIN = None


def run(args, input=None, env=None, check_rc=None, timeout=300):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run([BIN] + args, input=input, capture_output=True, env=e, timeout=timeout)
    if check_rc is not None and p.returncode != check_rc:
        raise AssertionError("exit %d, expected %d\nargs: %s\nstderr:\n%s" % (
            p.returncode, check_rc, args, p.stderr.decode(errors="replace")))
    return p


def samples():
    """(name, path, url, html bytes) of every sample page."""
    out = []
    d = os.path.join(ROOT, "samples")
    for name in sorted(os.listdir(d)):
        for f in ("page.html", "page.html.gz"):
            p = os.path.join(d, name, f)
            if os.path.exists(p):
                data = open(p, "rb").read()
                out.append((name, p, "https://samples.test/%s/" % name,
                            gzip.decompress(data) if f.endswith(".gz") else data))
                break
    assert len(out) >= 10, out
    return out


def crawl(pages, extras=True):
    """A crawl of the pages: warcinfo, then per page a request and its
    response, with records that are no pages among them."""
    recs = [warcgen.warcinfo()]
    for i, (_, _, url, html) in enumerate(pages):
        recs.append(warcgen.request(url))
        recs.append(warcgen.response(url, html))
        if extras and i == 1:
            recs.append(warcgen.response(url + "logo.png", b"\x89PNG\r\n\x1a\nxx",
                                         headers=(("Content-Type", "image/png"),)))
            recs.append(warcgen.response(url + "old", b"", status=301,
                                         headers=(("Location", url),)))
            recs.append(warcgen.record("metadata", b"via: test\r\n", url,
                                       "application/warc-fields"))
    return recs


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


SUMMARY = re.compile(r"WARC: (\d+) records? in (\d+) files?: (\d+) pages?, (\d+) skipped \((\d+) "
                     r"not responses, (\d+) not HTML or text, (\d+) redirects or HTTP errors\), "
                     r"(\d+) broken")


def summary(stderr):
    m = SUMMARY.search(stderr)
    assert m, stderr
    return [int(x) for x in m.groups()]


# ---------------------------------------------------------------- tests

def test_identical_to_files(tmp):
    """Every page byte for byte as cleaning the file with --url, plain and
    gzip WARCs alike: in md (the richest rendering) and txt, the pages of
    one stream separated as several inputs are (a line '* * *'). JSON
    metadata is compared in test_jsonl_records; -f json takes one page."""
    pages = samples()
    for fmt in ("md", "txt"):
        docs = []
        for _, path, url, _ in pages:
            # --no-clipped: md's front matter otherwise holds the run's time
            doc = run(["-q", "--no-clipped", "-f", fmt, "--url", url, path], check_rc=0).stdout
            if doc:
                docs.append(doc if doc.endswith(b"\n") else doc + b"\n")
        want = b"\n* * *\n\n".join(docs)
        for gz in (False, True):
            w = write(os.path.join(tmp, "c.warc" + (".gz" if gz else "")),
                      warcgen.archive(crawl(pages), gz=gz))
            out = os.path.join(tmp, "out." + fmt)
            p = run(["-q", "--no-clipped", "-f", fmt, "-o", out, w], check_rc=0)
            got = open(out, "rb").read()
            assert got == want, "%s%s: %d bytes from the WARC, %d from the files" % (
                fmt, " (gz)" if gz else "", len(got), len(want))
            assert not p.stderr, p.stderr


def test_jsonl_records(tmp):
    pages = samples()
    data = warcgen.archive(crawl(pages), gz=True)
    w = write(os.path.join(tmp, "crawl.warc.gz"), data)
    p = run(["-f", "jsonl", w], check_rc=0)
    recs = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert len(recs) == len(pages), len(recs)
    for r, (_, _, url, _) in zip(recs, pages):
        assert r["source"] == w and r["status"] == "ok", r
        assert r["warc_target_uri"] == url
        assert r["warc_date"] == "2024-05-01T12:00:00Z"
        assert re.match(r"<urn:uuid:[0-9a-f-]{36}>$", r["warc_record_id"]), r
        assert r["http_status"] == 200
        assert r["url"], r  # the page's canonical URL, else the target URI
        assert r["text"] and r["title"]
        # the offset is that of the record's gzip member
        member = data[r["warc_offset"]:]
        assert member[:2] == b"\x1f\x8b", r["warc_offset"]
        assert gzip.decompress(member[:100000]).startswith(b"WARC/1.1\r\nWARC-Type: response")
    keys = list(recs[0])
    assert keys[:8] == ["source", "status", "warc_target_uri", "warc_date", "warc_record_id",
                        "warc_offset", "http_status", "title"], keys
    # the summary counts every record
    n = len(pages)
    assert summary(p.stderr.decode()) == [2 * n + 4, 1, n, n + 4, n + 2, 1, 1, 0], p.stderr
    # stdin, a pipe or a file, is read the same way
    # (--no-clipped: the records otherwise hold each run's time)
    p2 = run(["-q", "--no-clipped", "-f", "jsonl"], input=data, check_rc=0)
    recs2 = [json.loads(line) for line in p2.stdout.decode().splitlines()]
    assert [r["text"] for r in recs2] == [r["text"] for r in recs]
    assert recs2[0]["source"] == "-"
    with open(w, "rb") as f:
        p3 = subprocess.run([BIN, "-q", "--no-clipped", "-f", "jsonl"], stdin=f,
                            capture_output=True)
    assert p3.returncode == 0 and p3.stdout == p2.stdout


def test_output_dir(tmp):
    """-O: named as URL inputs are; the same URL twice gets -2; a rerun with
    --skip-existing skips every page."""
    pages = samples()[:4]
    recs = crawl(pages, extras=False) + [warcgen.response(pages[0][2], pages[1][3])]
    w = write(os.path.join(tmp, "c.warc"), warcgen.archive(recs))
    out = os.path.join(tmp, "out")
    p = run(["-f", "md", "-O", out, w], check_rc=0)
    names = sorted(os.listdir(out))
    assert len(names) == 5, names
    for name, _, _, _ in pages:
        assert any(re.match(r"samples-test-%s-[0-9a-f]{8}\.md$" % re.escape(name), x)
                   for x in names), (name, names)
    assert any(x.endswith("-2.md") for x in names), names
    p = run(["-f", "md", "-O", out, "--skip-existing", w], check_rc=0)
    assert re.search(r"5 inputs: 0 cleaned, 0 empty, 0 failed, 5 skipped", p.stderr.decode())


def broken_crawl(tmp):
    """Good pages around every kind of broken record."""
    pages = samples()[:6]
    good = lambda i: warcgen.response(pages[i][2], pages[i][3])  # noqa: E731
    return pages, [
        good(0),
        warcgen.record("resource", b"<p>liar</p>", "https://t.test/liar", "text/html",
                       declared=1000000000),
        good(1),
        b"some junk between records\n",
        good(2),
        warcgen.record("resource", b"<p>longer than it says</p>", "https://t.test/short",
                       "text/html", declared=5),
        good(3),
        warcgen.response("https://t.test/br", b"\x1b\x00",
                         headers=(("Content-Type", "text/html"), ("Content-Encoding", "br"))),
        good(4),
        good(5)[:-200],  # cut short: the end of the file
    ]


def test_broken_records_fail_alone(tmp):
    pages, recs = broken_crawl(tmp)
    for gz in (False, True):
        data = warcgen.archive(recs, gz=gz)
        w = write(os.path.join(tmp, "b.warc" + (".gz" if gz else "")), data)
        p = run(["-f", "jsonl", w], check_rc=1)
        err = p.stderr.decode()
        out = [json.loads(line) for line in p.stdout.decode().splitlines()]
        ok = [r for r in out if r["status"] == "ok"]
        assert [r["warc_target_uri"] for r in ok] == [pg[2] for pg in pages[:5]], err
        bad = [r for r in out if r["status"] == "error"]
        msgs = "\n".join(r["error"] for r in bad)
        assert "(https://t.test/liar): truncated" in msgs, msgs
        assert "(https://t.test/br): its payload is compressed with \"br\"" in msgs, msgs
        assert "(%s): truncated" % pages[5][2] in msgs, msgs
        assert "(https://t.test/short): its block does not end after its 5 declared bytes" \
            in msgs, msgs
        assert "26 bytes that are no WARC record, skipped" in msgs, msgs
        for r in bad:
            assert re.match(r"(record at )?offset \d+", r["error"]), r
            assert r["source"] == w and "final_url" not in r, r
            assert ("warc_offset" in r) == r["error"].startswith("record at"), r
        # each failure is one line on stderr naming the file and the offset
        for r in bad:
            assert "clipclean: %s: %s" % (w, r["error"]) in err, (r, err)
        s = summary(err)
        assert s[2] == 5 and s[7] == len(bad), (s, err)


def test_codings_charset_text(tmp):
    """Chunked and gzip'd payloads, the HTTP charset, text/plain."""
    latin = ("<html><head><title>Caf\xe9</title></head><body><article><h1>Caf\xe9 cr\xe8me"
             "</h1>" + "<p>Un caf\xe9 cr\xe8me co\xfbte deux euros \xe0 la terrasse, "
             "et le gar\xe7on sourit toujours.</p>" * 5 + "</article></body></html>")
    body = gzip.compress(latin.encode("latin-1"), mtime=0)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    text = ("A clipping saved as plain text, with a first paragraph long enough to be "
            "an article of sorts.\n\nAnd a second paragraph, just as plain, to close it.\n")
    recs = [
        warcgen.response("https://c.test/latin", chunked, headers=(
            ("Content-Type", "text/html; charset=ISO-8859-1"), ("Content-Encoding", "gzip"),
            ("Transfer-Encoding", "chunked"))),
        warcgen.response("https://c.test/notes.txt", text.encode(),
                         headers=(("Content-Type", "text/plain; charset=utf-8"),)),
    ]
    w = write(os.path.join(tmp, "c.warc.gz"), warcgen.archive(recs, gz=True))
    p = run(["-f", "jsonl", w], check_rc=0)
    a, b = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert "Un café crème coûte deux euros à la terrasse" in a["text"], a
    assert a["charset"] == "windows-1252", a  # the WHATWG name of the label
    assert b["input_kind"] == "text" and "second paragraph" in b["text"], b


def test_crash_isolated(tmp):
    pages = samples()[:5]
    recs = crawl(pages, extras=False)
    recs[6] = warcgen.response(pages[2][2], pages[2][3] + b"<!-- BOOM-PLEASE -->")
    w = write(os.path.join(tmp, "c.warc.gz"), warcgen.archive(recs, gz=True))
    p = run(["-j", "2", "-f", "jsonl", w], check_rc=1,
            env={"CLIPCLEAN_TEST_CRASH_ON": "BOOM-PLEASE"})
    out = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert [r["status"] for r in out] == ["ok", "ok", "error", "ok", "ok"], out
    assert out[2]["warc_target_uri"] == pages[2][2]
    err = p.stderr.decode()
    assert re.search(r"c\.warc\.gz: record at offset \d+ \(%s\): worker crashed" %
                     re.escape(pages[2][2]), err), err


def test_no_pages_and_not_warc(tmp):
    recs = [warcgen.warcinfo(), warcgen.request("https://x.test/")]
    w = write(os.path.join(tmp, "empty.warc"), warcgen.archive(recs))
    p = run([w], check_rc=1)
    assert "empty.warc: no HTML or text pages in this WARC file (2 other records)" in \
        p.stderr.decode(), p.stderr
    # a file named .warc that is no WARC is read as what it is
    h = write(os.path.join(tmp, "page.warc"), samples()[0][3])
    p = run(["-f", "json", h], check_rc=0)
    assert json.loads(p.stdout)["title"]


def test_batch_mix_and_jobs(tmp):
    """A directory of pages and WARC files: walked, the WARC read in place,
    site learning for the files; the same bytes at -j 1 and -j 3."""
    pages = samples()
    d = os.path.join(tmp, "in")
    os.makedirs(os.path.join(d, "sub"))
    for name, _, _, html in pages[:3]:
        write(os.path.join(d, name + ".html"), html)
    write(os.path.join(d, "sub", "crawl.warc.gz"),
          warcgen.archive(crawl(pages[3:]), gz=True))
    write(os.path.join(d, "sub", "z.html"), pages[0][3])
    outs = []
    for j in ("1", "3"):
        p = run(["-j", j, "--no-clipped", "-f", "jsonl", d], check_rc=0)
        outs.append(p.stdout)
        assert "site learning" in p.stderr.decode(), p.stderr
    assert outs[0] == outs[1]
    recs = [json.loads(line) for line in outs[0].splitlines()]
    assert len(recs) == 3 + len(pages) - 3 + 1, len(recs)
    assert [r.get("warc_target_uri") for r in recs[3:-1]] == [pg[2] for pg in pages[3:]]
    assert recs[-1]["source"].endswith("z.html")


TESTS = {name[5:]: fn for name, fn in sorted(globals().items()) if name.startswith("test_")}


def main():
    global BIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    BIN = os.path.abspath(a.bin)
    if a.list:
        print("\n".join(TESTS))
        return 0
    passed = failed = 0
    for n in a.names or list(TESTS):
        tmp = tempfile.mkdtemp(prefix="clipclean-warc-")
        try:
            TESTS[n](tmp)
            print("ok   %s" % n)
            passed += 1
        except Exception:
            print("FAIL %s" % n)
            traceback.print_exc()
            failed += 1
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
