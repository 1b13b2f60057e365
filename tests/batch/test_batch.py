#!/usr/bin/env python3
"""test_batch.py — end-to-end tests of clipclean's batch mode.

Each test builds its input tree in a fresh temp dir and runs the real
binary. Test hooks used (read only by worker processes; see src/cli/clean.c):
CLIPCLEAN_TEST_CRASH_ON, CLIPCLEAN_TEST_HANG_ON, CLIPCLEAN_TEST_DELAY_MS.

  test_batch.py --bin build/clipclean            run every test
  test_batch.py --bin build/clipclean NAME...    run some (see --list)
Standard library only. Prints 'N passed, N failed' last.
"""
import argparse
import gzip
import json
import os
import quopri
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_site  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from ptyrun import stderr_on_pty  # noqa: E402

BIN = None

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="https://{host}/{slug}"></head>
<body><nav><a href="/">Home</a> <a href="/a">About</a></nav>
<article><h1>{title}</h1>
<p>{marker} The committee met on Tuesday evening to discuss the plans for the new
library wing, which has been debated in town for nearly three years now.</p>
<p>Residents who spoke at the meeting were divided: some praised the design and the
reading rooms, others worried about the cost and the loss of the old garden.</p>
<p>A final vote is expected next month, after the architects present a revised budget
and the public comment period closes at the end of the week.</p>
</article><footer>Contact us</footer></body></html>
"""

PLAIN = ("A clipping saved as plain text.\n\nIt has two paragraphs of words, enough words "
         "to be an article of sorts, with nothing else around them at all.\n")


def article(title="A story", marker="", host="news.example", slug="story"):
    return ARTICLE.format(title=title, marker=marker, host=host, slug=slug)


def mhtml(html, url="https://saved.example/page"):
    qp = quopri.encodestring(html.encode("utf-8")).decode("ascii").replace("\n", "\r\n")
    return ("From: <Saved by Blink>\r\n"
            "Snapshot-Content-Location: %s\r\n"
            "Subject: saved\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/related;\r\n"
            "\ttype=\"text/html\";\r\n"
            "\tboundary=\"----MultipartBoundary--xyz----\"\r\n\r\n"
            "------MultipartBoundary--xyz----\r\n"
            "Content-Type: text/html\r\n"
            "Content-ID: <frame-0@mhtml.blink>\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Content-Location: %s\r\n\r\n"
            "%s\r\n"
            "------MultipartBoundary--xyz------\r\n") % (url, url, qp)


def write(path, data, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def make_tree(root):
    """The mixed tree of the issue: nested folders, every type, .gz, .mhtml,
    an unreadable file, an empty file, a binary named .html, a name with
    spaces and non-ASCII characters, and files the walk must ignore."""
    write(f"{root}/a.html", article("Alpha", "ALPHA"))
    write(f"{root}/b.htm", article("Bravo", "BRAVO"))
    write(f"{root}/sub/c.xhtml", article("Charlie", "CHARLIE"))
    write(f"{root}/sub/d.shtml", article("Delta", "DELTA"))
    write(f"{root}/sub/deeper/e.html.gz", gzip.compress(article("Echo", "ECHO").encode()))
    write(f"{root}/sub/deeper/f.mhtml", mhtml(article("Foxtrot", "FOXTROT")))
    write(f"{root}/sub/deeper/g.mhtml.gz", gzip.compress(mhtml(article("Golf", "GOLF")).encode()))
    write(f"{root}/notes/h.txt", PLAIN)
    write(f"{root}/notes/really-html.txt", article("India", "INDIA"))  # sniffed, not trusted
    write(f"{root}/dir with space/Ünïcödé page.html", article("Juliett", "JULIETT"))
    write(f"{root}/empty.html", b"")
    write(f"{root}/binary.html", bytes(range(256)) * 64)
    write(f"{root}/pdf.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    write(f"{root}/corrupt.html.gz", b"\x1f\x8b\x08\x00garbage-not-deflate")
    write(f"{root}/image.png", b"\x89PNG\r\n\x1a\n")        # not a document: ignored
    write(f"{root}/style.css", "p{}")                         # ignored
    write(f"{root}/.hidden.html", article("Hidden"))          # hidden: ignored
    # unreadable: chmod 000 (as root, which reads anything, a link to a file
    # whose read fails)
    if os.geteuid() == 0:
        os.symlink("/proc/self/mem", f"{root}/unreadable.html")
    else:
        write(f"{root}/unreadable.html", article("Locked"))
        os.chmod(f"{root}/unreadable.html", 0)
    os.symlink("nowhere.html", f"{root}/dangling.html")


GOOD = ["a", "b", "sub/c", "sub/d", "sub/deeper/e", "sub/deeper/f", "sub/deeper/g",
        "notes/h", "notes/really-html", "dir with space/Ünïcödé page"]
BAD = ["binary.html", "pdf.html", "corrupt.html.gz", "unreadable.html", "dangling.html"]


def run(args, env=None, input=None, timeout=120, check_rc=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run([BIN] + args, input=input, capture_output=True, env=e, timeout=timeout)
    if check_rc is not None and p.returncode != check_rc:
        raise AssertionError("exit %d, expected %d\nargs: %s\nstderr:\n%s" % (
            p.returncode, check_rc, args, p.stderr.decode(errors="replace")))
    return p


def listing(d):
    out = {}
    for base, dirs, files in os.walk(d):
        for f in files:
            p = os.path.join(base, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, d)] = fh.read()
    return out


def wait_for_outputs(d, n, limit=60):
    """Waits until d holds at least n files (a batch under way)."""
    t = time.time()
    while time.time() - t < limit:
        if os.path.isdir(d) and len(listing(d)) >= n:
            return
        time.sleep(0.02)
    raise AssertionError("no outputs appeared in %s" % d)


def no_temp_files(d):
    left = [f for f in listing(d) if "clipclean-tmp" in f or ".clipclean-spool" in f]
    assert not left, "temp files left: %s" % left


# ---------------------------------------------------------------- tests

def test_tree_mixed(tmp):
    make_tree(f"{tmp}/in")
    p = run(["-j", "2", "-O", f"{tmp}/out", f"{tmp}/in"], check_rc=1)
    err = p.stderr.decode()
    got = listing(f"{tmp}/out")
    want = {g + ".txt" for g in GOOD}  # an empty article writes no file
    assert set(got) == want, "outputs %s, want %s" % (sorted(got), sorted(want))
    for g in GOOD:
        marker = g.split("/")[-1][0].upper()
        text = got[g + ".txt"].decode()
        if g != "notes/h":
            assert "committee met" in text, (g, text)
    assert "ALPHA" in got["a.txt"].decode()
    assert "FOXTROT" in got["sub/deeper/f.txt"].decode()     # MHTML QP decoded
    assert "GOLF" in got["sub/deeper/g.txt"].decode()        # .mhtml.gz
    assert "ECHO" in got["sub/deeper/e.txt"].decode()        # .html.gz
    assert "two paragraphs" in got["notes/h.txt"].decode()   # .txt clipping
    assert "empty.html: no article text found: no file written" in err, err
    for b in BAD:
        assert b in err, "no error for %s in:\n%s" % (b, err)
    assert "not a text document" in err
    assert "corrupt or truncated gzip" in err
    assert "Hidden" not in "".join(v.decode() for v in got.values())
    assert "16 inputs: 10 cleaned, 1 empty, 5 failed, 0 skipped" in err, err
    no_temp_files(f"{tmp}/out")
    # inputs untouched
    assert open(f"{tmp}/in/a.html").read() == article("Alpha", "ALPHA")


def test_jsonl_valid_ordered(tmp):
    make_tree(f"{tmp}/in")
    p = run(["-j", "3", "-f", "jsonl", f"{tmp}/in"], check_rc=1)
    lines = p.stdout.decode().split("\n")
    assert lines[-1] == ""
    recs = [json.loads(l) for l in lines[:-1]]
    assert len(recs) == len(GOOD) + 1 + len(BAD), len(recs)
    # input order: the walk's sorted order
    srcs = [os.path.relpath(r["source"], f"{tmp}/in") for r in recs]
    expect = ["a.html", "b.htm", "binary.html", "corrupt.html.gz", "dangling.html",
              "dir with space/Ünïcödé page.html", "empty.html", "notes/h.txt",
              "notes/really-html.txt", "pdf.html", "sub/c.xhtml", "sub/d.shtml",
              "sub/deeper/e.html.gz", "sub/deeper/f.mhtml", "sub/deeper/g.mhtml.gz",
              "unreadable.html"]
    assert srcs == expect, srcs
    by = {s: r for s, r in zip(srcs, recs)}
    assert by["a.html"]["status"] == "ok" and "ALPHA" in by["a.html"]["text"]
    assert by["a.html"]["url"] == "https://news.example/story"
    assert by["a.html"]["title"] == "Alpha"
    for k in ("title", "author", "date", "site_name", "language", "url", "text"):
        assert k in by["a.html"], k
    assert by["empty.html"]["status"] == "empty"
    assert by["binary.html"]["status"] == "error" and "error" in by["binary.html"]
    assert by["sub/deeper/f.mhtml"]["status"] == "ok"
    for r in recs:
        assert r["status"] in ("ok", "empty", "error")
        assert (r["status"] == "error") == ("error" in r)


def test_determinism_j1_j4(tmp):
    make_tree(f"{tmp}/in")
    gen_site.generate(f"{tmp}/in/site", 12, 3)
    shutil.rmtree(f"{tmp}/in/site/truth")
    for fmt in ("txt", "md", "html", "json", "jsonl"):
        outs = []
        for j in ("1", "4"):
            d = f"{tmp}/out-{fmt}-{j}"
            # --no-clipped: md's front matter and json otherwise hold the run's time
            args = ["-q", "--no-clipped", "-j", j, "-f", fmt]
            run(args + ["-O", d, f"{tmp}/in"], check_rc=1)
            s = run(args + [f"{tmp}/in"], check_rc=1).stdout
            outs.append((listing(d), s))
        assert outs[0][0] == outs[1][0], "-O outputs differ for %s" % fmt
        assert outs[0][1] == outs[1][1], "stdout differs for %s" % fmt
        empty = fmt in ("json", "jsonl")  # txt, md, html: no file for an empty article
        assert len(outs[0][0]) == len(GOOD) + empty + 12


def test_crash_isolation(tmp):
    for i in range(6):
        write(f"{tmp}/in/p{i}.html", article("Page %d" % i, "PAGE%d" % i))
    write(f"{tmp}/in/p3.html", article("Bomb", "BOOM-PLEASE"))
    p = run(["-j", "2", "-f", "jsonl", f"{tmp}/in"], check_rc=1,
            env={"CLIPCLEAN_TEST_CRASH_ON": "BOOM-PLEASE"})
    err = p.stderr.decode()
    assert "p3.html: worker crashed (signal" in err, err
    recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert [r["status"] for r in recs] == ["ok", "ok", "ok", "error", "ok", "ok"], recs
    assert "worker crashed" in recs[3]["error"]
    # every input crashing: still one line each, the run ends
    p = run(["-j", "2", "-f", "jsonl", f"{tmp}/in"], check_rc=1,
            env={"CLIPCLEAN_TEST_CRASH_ON": "committee"})
    recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert len(recs) == 6 and all(r["status"] == "error" for r in recs)


def test_timeout(tmp):
    for i in range(5):
        write(f"{tmp}/in/p{i}.html", article("Page %d" % i))
    write(f"{tmp}/in/p1.html", article("Slow", "SLOW-PAGE"))
    t = time.time()
    p = run(["-j", "2", "--timeout", "1", "-O", f"{tmp}/out", f"{tmp}/in"], check_rc=1,
            env={"CLIPCLEAN_TEST_HANG_ON": "SLOW-PAGE"})
    el = time.time() - t
    err = p.stderr.decode()
    assert "p1.html: timed out after 1 s" in err, err
    assert el < 20, el
    assert sorted(listing(f"{tmp}/out")) == ["p0.txt", "p2.txt", "p3.txt", "p4.txt"]


def test_from_lists(tmp):
    for i in range(4):
        write(f"{tmp}/in/d{i % 2}/p{i}.html", article("P%d" % i, "MARK%d" % i))
    names = [f"{tmp}/in/d0/p0.html", f"{tmp}/in/d1/p1.html", f"{tmp}/in/d0/p2.html"]
    # --from - on stdin, one per line, blank lines ignored; order kept
    p = run(["-f", "jsonl", "--from", "-"], input=("\n".join(names) + "\n\n").encode(), check_rc=0)
    recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert [r["source"] for r in recs] == names
    # -0 lists, relative entries mirrored under -O, a directory entry walked
    write(f"{tmp}/list0", b"in/d1/p3.html\0./in/d0/p0.html\0in/d1\0")
    p = subprocess.run([BIN, "-q", "-0", "--from", "list0", "-O", "out"], cwd=tmp,
                       capture_output=True)
    assert p.returncode == 0, p.stderr
    got = sorted(listing(f"{tmp}/out"))
    assert got == ["in/d0/p0.txt", "in/d1/p3.txt", "p1.txt", "p3.txt"], got
    # a missing list entry fails alone
    p = run(["--from", "-", "-f", "jsonl"], input=(names[0] + "\n/no/such.html\n").encode(),
            check_rc=1)
    assert "/no/such.html: No such file or directory" in p.stderr.decode()
    # stdin as the document (the default), and '-'
    with open(names[0], "rb") as f:
        page = f.read()
    a = run([], input=page, check_rc=0).stdout
    b = run(["-"], input=page, check_rc=0).stdout
    c = run([names[0]], check_rc=0).stdout
    assert a == b == c and b"MARK0" in a


def test_skip_existing_resume(tmp):
    for i in range(8):
        write(f"{tmp}/in/s{i // 4}/p{i}.html", article("P%d" % i, "M%d" % i))
    run(["-q", "-O", f"{tmp}/out", f"{tmp}/in"], check_rc=0)
    ref = listing(f"{tmp}/out")
    write(f"{tmp}/out/s0/p1.txt", "KEEP ME")
    os.remove(f"{tmp}/out/s1/p6.txt")
    p = run(["-O", f"{tmp}/out", "--skip-existing", f"{tmp}/in"], check_rc=0)
    assert "1 cleaned, 0 empty, 0 failed, 7 skipped" in p.stderr.decode(), p.stderr
    got = listing(f"{tmp}/out")
    assert got["s0/p1.txt"] == b"KEEP ME"
    assert got["s1/p6.txt"] == ref["s1/p6.txt"]
    # without the flag, outputs are replaced
    run(["-q", "-O", f"{tmp}/out", f"{tmp}/in"], check_rc=0)
    assert listing(f"{tmp}/out") == ref


def test_interrupted_then_resume(tmp):
    n = 30
    for i in range(n):
        write(f"{tmp}/in/p{i:02d}.html", article("P%d" % i, "M%d" % i))
    run(["-q", "-O", f"{tmp}/ref", f"{tmp}/in"], check_rc=0)
    ref = listing(f"{tmp}/ref")
    # kill -9 in the middle of the batch (outputs appear in the second,
    # site-learning pass: wait for the first ones)
    env = dict(os.environ, CLIPCLEAN_TEST_DELAY_MS="60")
    pr = subprocess.Popen([BIN, "-q", "-j", "2", "-O", f"{tmp}/out", f"{tmp}/in"], env=env,
                          stderr=subprocess.PIPE)
    wait_for_outputs(f"{tmp}/out", 3)
    pr.kill()
    pr.wait()
    part = listing(f"{tmp}/out")
    done = {k: v for k, v in part.items() if "clipclean-tmp" not in k}
    assert 0 < len(done) < n, len(done)
    for k, v in done.items():  # whatever is there is whole
        assert v == ref[k], k
    time.sleep(0.2)  # the orphaned workers die with their parent
    p = run(["-O", f"{tmp}/out", "--skip-existing", f"{tmp}/in"], check_rc=0)
    assert ("%d skipped" % len(done)) in p.stderr.decode(), p.stderr
    assert listing(f"{tmp}/out") == ref
    no_temp_files(f"{tmp}/out")


def test_ctrl_c(tmp):
    n = 40
    for i in range(n):
        write(f"{tmp}/in/p{i:02d}.html", article("P%d" % i, "M%d" % i))
    run(["-q", "-O", f"{tmp}/ref", "--no-site-learning", f"{tmp}/in"], check_rc=0)
    ref = listing(f"{tmp}/ref")
    env = dict(os.environ, CLIPCLEAN_TEST_DELAY_MS="100")
    pr = subprocess.Popen([BIN, "-j", "2", "--no-site-learning", "-O", f"{tmp}/out", f"{tmp}/in"],
                          env=env, stderr=subprocess.PIPE)
    wait_for_outputs(f"{tmp}/out", 2)
    pr.send_signal(signal.SIGINT)
    _, err = pr.communicate(timeout=30)
    err = err.decode()
    assert pr.returncode == 130, (pr.returncode, err)
    assert "interrupted" in err and "not done (interrupted)" in err, err
    got = listing(f"{tmp}/out")
    assert 0 < len(got) < n, len(got)
    for k, v in got.items():
        assert v == ref[k], k
    no_temp_files(f"{tmp}/out")
    # -o FILE is all or nothing: an interrupted run leaves it untouched
    write(f"{tmp}/all.jsonl", "OLD\n")
    pr = subprocess.Popen([BIN, "-q", "-j", "2", "-f", "jsonl", "-o", f"{tmp}/all.jsonl", f"{tmp}/in"],
                          env=env, stderr=subprocess.PIPE)
    time.sleep(0.8)
    pr.send_signal(signal.SIGINT)
    pr.communicate(timeout=30)
    assert pr.returncode == 130
    assert open(f"{tmp}/all.jsonl").read() == "OLD\n"
    assert not [f for f in os.listdir(tmp) if "clipclean-tmp" in f]
    # a second Ctrl-C abandons the documents in hand at once
    env = dict(os.environ, CLIPCLEAN_TEST_HANG_ON="M3")
    pr = subprocess.Popen([BIN, "-j", "2", "--no-site-learning", "-O", f"{tmp}/out2", f"{tmp}/in"],
                          env=env, stderr=subprocess.PIPE)
    time.sleep(0.8)
    pr.send_signal(signal.SIGINT)
    time.sleep(0.3)
    pr.send_signal(signal.SIGINT)
    _, err = pr.communicate(timeout=10)
    assert pr.returncode == 130, err


def test_collisions_and_refusals(tmp):
    write(f"{tmp}/in/a.html", article("A1", "FIRST"))
    write(f"{tmp}/in/a.htm", article("A2", "SECOND"))
    write(f"{tmp}/x/index.html", article("X", "XXX"))
    write(f"{tmp}/y/index.html", article("Y", "YYY"))
    p = run(["-q", "-O", f"{tmp}/out", f"{tmp}/in", f"{tmp}/x/index.html", f"{tmp}/y/index.html"],
            check_rc=0)
    got = listing(f"{tmp}/out")
    assert sorted(got) == ["a.html.txt", "a.txt", "index.html.txt", "index.txt"], sorted(got)
    assert b"SECOND" in got["a.txt"]      # "a.htm" sorts before "a.html"
    assert b"FIRST" in got["a.html.txt"]
    assert b"XXX" in got["index.txt"] and b"YYY" in got["index.html.txt"]
    # -o FILE that is an input
    src = f"{tmp}/in/a.html"
    before = open(src, "rb").read()
    p = run(["-o", src, src], check_rc=2)
    assert "refusing to overwrite" in p.stderr.decode()
    assert open(src, "rb").read() == before
    # -O output that would land on a named input: refused for that input
    write(f"{tmp}/d/x.htm", article("H", "HHH"))
    write(f"{tmp}/d/x.html", article("L", "LLL"))
    keep = open(f"{tmp}/d/x.html", "rb").read()
    p = run(["-f", "html", "-O", f"{tmp}/d", f"{tmp}/d/x.htm", f"{tmp}/d/x.html"], check_rc=1)
    assert "refusing to overwrite an input" in p.stderr.decode(), p.stderr
    assert open(f"{tmp}/d/x.html", "rb").read() == keep
    # the output directory may not be an input directory ...
    p = run(["-O", f"{tmp}/in", f"{tmp}/in"], check_rc=2)
    # ... but may live inside one, and is then never walked
    run(["-q", "-f", "html", "-O", f"{tmp}/in/clean", f"{tmp}/in"], check_rc=0)
    p = run(["-f", "html", "-O", f"{tmp}/in/clean", f"{tmp}/in"], check_rc=0)
    assert "2 inputs" in p.stderr.decode(), p.stderr
    # --skip-existing without -O is a usage error
    run(["--skip-existing", src], check_rc=2)


def test_mhtml_details(tmp):
    page = article("Saved", "SAVED-PAGE").replace('<link rel="canonical" href="https://news.example/story">', "")
    write(f"{tmp}/p.mhtml", mhtml(page, "https://saved.example/x/y"))
    write(f"{tmp}/misnamed.html", mhtml(page, "https://saved.example/z"))
    p = run(["-f", "jsonl", f"{tmp}/p.mhtml", f"{tmp}/misnamed.html"], check_rc=0)
    recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert all("SAVED-PAGE" in r["text"] for r in recs), recs
    assert recs[0]["url"] == "https://saved.example/x/y", recs[0]["url"]
    assert recs[1]["url"] == "https://saved.example/z"


def test_site_learning(tmp):
    gen_site.generate(f"{tmp}/site", 20, 7)
    shutil.move(f"{tmp}/site/truth", f"{tmp}/truth")
    run(["-q", "-O", f"{tmp}/on", f"{tmp}/site"], check_rc=0)
    run(["-q", "--no-site-learning", "-O", f"{tmp}/off", f"{tmp}/site"], check_rc=0)
    on, off = listing(f"{tmp}/on"), listing(f"{tmp}/off")
    assert sorted(on) == sorted(off) and len(on) == 20
    for name, text in on.items():
        t = text.decode()
        truth = open(f"{tmp}/truth/{name}").read()
        for h in gen_site.HOUSE:
            assert h not in t, (name, h)
            assert h in off[name].decode()
        for para in truth.split("\n\n"):
            assert para in t, (name, para[:40])
    # fewer than five pages of a site: nothing is learned
    for i in range(4, 20):
        os.remove(f"{tmp}/site/page-%03d.html" % i)
    run(["-q", "-O", f"{tmp}/few", f"{tmp}/site"], check_rc=0)
    for name, text in listing(f"{tmp}/few").items():
        assert gen_site.HOUSE[0] in text.decode()


def test_progress_on_tty(tmp):
    for i in range(12):
        write(f"{tmp}/in/p{i}.html", article("P%d" % i))
    env = dict(os.environ, CLIPCLEAN_TEST_DELAY_MS="30")
    s = stderr_on_pty([BIN, "-j", "2", "-O", f"{tmp}/out", f"{tmp}/in"], env=env)
    if s is None:  # no pseudo-terminals here: the rest still runs
        print("  (no pty; progress line not checked)")
        p = run(["-q", "-O", f"{tmp}/out3", f"{tmp}/in"], check_rc=0)
        assert p.stderr == b""
        return
    assert "files/s" in s and "MB/s" in s and "\r" in s, s
    assert "/12" in s, s
    assert "12 inputs: 12 cleaned" in s, s
    # not a terminal: no progress line, just the summary
    p = run(["-j", "2", "-O", f"{tmp}/out2", f"{tmp}/in"], check_rc=0)
    assert "files/s |" not in p.stderr.decode() and "\r" not in p.stderr.decode()
    p = run(["-q", "-O", f"{tmp}/out3", f"{tmp}/in"], check_rc=0)
    assert p.stderr == b""


def test_single_input_and_errors(tmp):
    write(f"{tmp}/a.html", article("Solo", "SOLO"))
    p = run([f"{tmp}/a.html"], check_rc=0)
    assert b"SOLO" in p.stdout and p.stderr == b""    # no summary for one input
    p = run([f"{tmp}/missing.html"], check_rc=1)
    assert p.stderr.decode().startswith("clipclean: ") and "No such file" in p.stderr.decode()
    run(["-j", "0", f"{tmp}/a.html"], check_rc=2)
    run(["--timeout", "x", f"{tmp}/a.html"], check_rc=2)
    run(["-f", "yaml", f"{tmp}/a.html"], check_rc=2)
    run(["--bogus"], check_rc=2)
    h = run(["--help"], check_rc=0).stdout.decode()
    for flag in ("--from", "--null", "--jobs", "--timeout", "--skip-existing",
                 "--no-site-learning", "--no-progress", "jsonl", "--output-dir"):
        assert flag in h, flag
    # --max-size
    p = run(["--max-size", "100", f"{tmp}/a.html"], check_rc=1)
    assert "input limit" in p.stderr.decode()
    # a gzip bomb is refused at the input limit, quickly
    write(f"{tmp}/bomb.html.gz", gzip.compress(b"<p>" + b"a" * (80 << 20)))
    t = time.time()
    p = run([f"{tmp}/bomb.html.gz"], check_rc=1)
    assert "decompresses to more than" in p.stderr.decode() and time.time() - t < 30
    # the reader of stdout goes away (| head): stop quietly
    # (far more output than a pipe buffer holds, so the writer must meet
    # the closed pipe whatever the scheduling)
    for i in range(300):
        write(f"{tmp}/many/p{i:03d}.html", article("P%d" % i))
    pr = subprocess.Popen([BIN, "-j", "2", "--no-site-learning", f"{tmp}/many"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pr.stdout.readline()
    pr.stdout.close()
    err = pr.stderr.read().decode()
    pr.wait(timeout=30)
    assert pr.returncode == 1 and "inputs:" not in err, (pr.returncode, err)
    # empty article: reported, but not a failure
    write(f"{tmp}/e.html", "<html><body></body></html>")
    p = run([f"{tmp}/e.html"], check_rc=0)
    assert "no article text" in p.stderr.decode()


def test_walk_edges(tmp):
    # a deep tree (the walk keeps its own stack, not the C stack)
    deep = f"{tmp}/in/" + "/".join(["d"] * 400)
    write(f"{deep}/bottom.html", article("Deep", "DEEP-DOWN"))
    # a symbolic link loop, and a link to a directory elsewhere: not followed
    os.symlink(".", f"{tmp}/in/loop")
    write(f"{tmp}/elsewhere/x.html", article("Else", "ELSEWHERE"))
    os.symlink(f"{tmp}/elsewhere", f"{tmp}/in/linkdir")
    # a link to a file: followed
    write(f"{tmp}/other/y.html", article("Why", "LINKED-FILE"))
    os.symlink(f"{tmp}/other/y.html", f"{tmp}/in/y.html")
    p = run(["-j", "2", "-f", "jsonl", f"{tmp}/in"], check_rc=0, timeout=60)
    recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert len(recs) == 2, [r["source"] for r in recs]
    assert "DEEP-DOWN" in recs[0]["text"] and "LINKED-FILE" in recs[1]["text"]
    run(["-q", "-O", f"{tmp}/out", f"{tmp}/in"], check_rc=0)
    assert sorted(listing(f"{tmp}/out")) == ["/".join(["d"] * 400) + "/bottom.txt", "y.txt"]


TESTS = {k[5:]: v for k, v in sorted(globals().items()) if k.startswith("test_")}


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
    names = a.names or list(TESTS)
    passed = failed = 0
    for n in names:
        tmp = tempfile.mkdtemp(prefix="clipclean-batch-")
        try:
            TESTS[n](tmp)
            print("ok   %s" % n)
            passed += 1
        except Exception:
            print("FAIL %s" % n)
            traceback.print_exc()
            failed += 1
        finally:
            for base, dirs, files in os.walk(tmp):
                for f in files:
                    p = os.path.join(base, f)
                    if not os.path.islink(p):
                        try:
                            os.chmod(p, 0o644)
                        except OSError:
                            pass
            shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
