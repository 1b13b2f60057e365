#!/usr/bin/env python3
"""test_batch.py — end-to-end tests of clipclean's batch mode.

Each test builds its input tree in a fresh temp dir and runs the real
binary. Test hooks used (read only by worker processes; see src/cli/clean.c):
CLIPCLEAN_TEST_CRASH_ON, CLIPCLEAN_TEST_HANG_ON, CLIPCLEAN_TEST_DELAY_MS,
CLIPCLEAN_TEST_STDERR_ON. They exist only in builds with CC_TEST_HOOKS (the
sanitized test builds); with --no-hooks the tests that need them are skipped.

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


GOOD = ["a.html", "b.htm", "sub/c.xhtml", "sub/d.shtml", "sub/deeper/e.html.gz",
        "sub/deeper/f.mhtml", "sub/deeper/g.mhtml.gz", "notes/h.txt", "notes/really-html.txt",
        "dir with space/Ünïcödé page.html"]
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
            try:
                with open(p, "rb") as fh:
                    out[os.path.relpath(p, d)] = fh.read()
            except FileNotFoundError:  # a temp file renamed while a run goes on
                pass
    return out


def wait_for_workers(pid, limit=60):
    """Waits until the process has a child (a worker: its signal handlers
    are set up by then)."""
    t = time.time()
    while time.time() - t < limit:
        try:
            with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
                if f.read().strip():
                    return
        except OSError:
            time.sleep(0.5)  # no /proc: a generous wait instead
            return
        time.sleep(0.02)
    raise AssertionError("no worker started")


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
        if g != "notes/h.txt":
            assert "committee met" in text, (g, text)
    assert "ALPHA" in got["a.html.txt"].decode()
    assert "FOXTROT" in got["sub/deeper/f.mhtml.txt"].decode()     # MHTML QP decoded
    assert "GOLF" in got["sub/deeper/g.mhtml.gz.txt"].decode()     # .mhtml.gz
    assert "ECHO" in got["sub/deeper/e.html.gz.txt"].decode()      # .html.gz
    assert "two paragraphs" in got["notes/h.txt.txt"].decode()     # .txt clipping
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
            # (json is one object: several inputs to one stream are refused)
            s = run(args + [f"{tmp}/in"], check_rc=2 if fmt == "json" else 1).stdout
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
    # (3 s: on a loaded machine a sanitized worker's start-up alone can take
    # a second, and the deadline runs from the moment the job is sent)
    p = run(["-j", "2", "--timeout", "3", "-O", f"{tmp}/out", f"{tmp}/in"], check_rc=1,
            env={"CLIPCLEAN_TEST_HANG_ON": "SLOW-PAGE"})
    el = time.time() - t
    err = p.stderr.decode()
    assert "p1.html: timed out after 3 s" in err, err
    assert el < 40, el
    assert sorted(listing(f"{tmp}/out")) == ["p0.html.txt", "p2.html.txt", "p3.html.txt",
                                             "p4.html.txt"]


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
    assert got == ["in/d0/p0.html.txt", "in/d1/p3.html.txt", "p1.html.txt", "p3.html.txt"], got
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
    write(f"{tmp}/out/s0/p1.html.txt", "KEEP ME")
    os.remove(f"{tmp}/out/s1/p6.html.txt")
    p = run(["-O", f"{tmp}/out", "--skip-existing", f"{tmp}/in"], check_rc=0)
    assert "1 cleaned, 0 empty, 0 failed, 7 skipped" in p.stderr.decode(), p.stderr
    got = listing(f"{tmp}/out")
    assert got["s0/p1.html.txt"] == b"KEEP ME"
    assert got["s1/p6.html.txt"] == ref["s1/p6.html.txt"]
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
    wait_for_workers(pr.pid)
    pr.send_signal(signal.SIGINT)
    pr.communicate(timeout=30)
    assert pr.returncode == 130
    assert open(f"{tmp}/all.jsonl").read() == "OLD\n"
    assert not [f for f in os.listdir(tmp) if "clipclean-tmp" in f]
    # a second Ctrl-C abandons the documents in hand at once
    env = dict(os.environ, CLIPCLEAN_TEST_HANG_ON="M3")
    pr = subprocess.Popen([BIN, "-j", "2", "--no-site-learning", "-O", f"{tmp}/out2", f"{tmp}/in"],
                          env=env, stderr=subprocess.PIPE)
    wait_for_workers(pr.pid)
    time.sleep(0.3)
    pr.send_signal(signal.SIGINT)
    time.sleep(0.3)
    pr.send_signal(signal.SIGINT)
    _, err = pr.communicate(timeout=10)
    assert pr.returncode == 130, err


def summary_counts(err):
    """The numbers of the summary line: total, cleaned, empty, failed,
    skipped, not done."""
    import re
    m = re.search(r"(\d+) inputs?: (\d+) cleaned, (\d+) empty, (\d+) failed, (\d+) skipped"
                  r"(?:, (\d+) not done)?", err)
    assert m, "no summary in:\n" + err
    return [int(g or 0) for g in m.groups()]


def accounted(err, n):
    total, cl, em, fa, sk, nd = summary_counts(err)
    assert total == n and cl + em + fa + sk + nd == n, (n, summary_counts(err), err)
    return cl, fa, nd


def unshare_ok():
    return shutil.which("unshare") and subprocess.run(
        ["unshare", "-rm", "true"], capture_output=True).returncode == 0


def test_write_error_accounting(tmp):
    n = 40
    for i in range(n):
        write(f"{tmp}/in/p{i:02d}.html", article("P%d" % i, "M%d" % i))
    # a document whose output is far larger than the others
    big = article("Big", "BIG " + "The council met again on Tuesday to argue. " * 4000)
    write(f"{tmp}/in/p05.html", big)
    # 1. a write that fails (here: over the file size limit, EFBIG), -q:
    # the batch stops, and the summary accounts for all 40 inputs anyway
    import resource

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 10, 64 << 10))
    p = subprocess.run([BIN, "-q", "-j", "2", "--no-site-learning", "-O", f"{tmp}/out", f"{tmp}/in"],
                       capture_output=True, preexec_fn=small_files, timeout=120)
    err = p.stderr.decode()
    assert p.returncode == 1, (p.returncode, err)
    assert "p05.html.txt" in err and "File too large" in err, err
    cl, fa, nd = accounted(err, n)
    assert nd > 0 and "not done (stopped by the error above)" in err, err
    # 2. a full disk, when a private tmpfs can be mounted: the same, with site
    # learning (the spool is in $TMPDIR, not in the full directory)
    if unshare_ok():
        os.makedirs(f"{tmp}/full")
        p = subprocess.run(["unshare", "-rm", "sh", "-c",
                            'mount -t tmpfs -o size=48k none "$1" && exec "$2" -q -j 2 -O "$1" "$3"',
                            "sh", f"{tmp}/full", BIN, f"{tmp}/in"], capture_output=True, timeout=120)
        err = p.stderr.decode()
        assert p.returncode == 1 and "No space left on device" in err, (p.returncode, err)
        accounted(err, n)
        # a read-only output directory: refused before any work
        p = subprocess.run(["unshare", "-rm", "sh", "-c",
                            'mount -t tmpfs -o ro none "$1" && exec "$2" -q -O "$1" "$3"',
                            "sh", f"{tmp}/full", BIN, f"{tmp}/in"], capture_output=True, timeout=120)
        err = p.stderr.decode()
        assert p.returncode == 1 and "cannot write in the output directory" in err, err
        assert "Read-only file system" in err and err.count("\n") == 1, err
    # 3. a directory we may not write into (permissions; root ignores them)
    # stops the batch like a full disk, not one failure per input
    if os.geteuid() != 0:
        os.makedirs(f"{tmp}/ro/in")
        for i in range(n):
            write(f"{tmp}/ro/in/sub/q{i:02d}.html", article("Q%d" % i))
        os.makedirs(f"{tmp}/ro/out/sub")
        os.chmod(f"{tmp}/ro/out/sub", 0o555)
        p = run(["-q", "-O", f"{tmp}/ro/out", f"{tmp}/ro/in"], check_rc=1)
        err = p.stderr.decode()
        assert err.count("Permission denied") == 1, err
        accounted(err, n)
        os.chmod(f"{tmp}/ro/out/sub", 0o755)
    # 4. -o to a full device: the stream's write fails, the run stops, counted
    if os.path.exists("/dev/full"):
        p = run(["-q", "-j", "2", "-f", "jsonl", "-o", "/dev/full", f"{tmp}/in"], check_rc=1)
        err = p.stderr.decode()
        assert "No space left on device" in err, err
        accounted(err, n)


def test_interrupt_accounting(tmp):
    n = 60
    for i in range(n):
        write(f"{tmp}/in/p{i:02d}.html", article("P%d" % i, "M%d" % i))
    env = dict(os.environ, CLIPCLEAN_TEST_DELAY_MS="100")
    # Ctrl-C in a single pass, with -q: the summary counts all 60
    for extra, wait_out in (([], True), (["--no-site-learning"], True), ([], False)):
        d = f"{tmp}/out-{len(extra)}-{wait_out}"
        pr = subprocess.Popen([BIN, "-q", "-j", "2", "-O", d] + extra + [f"{tmp}/in"], env=env,
                              stderr=subprocess.PIPE)
        if wait_out:
            wait_for_outputs(d, 2)      # cleaning (single pass, or site learning's 2nd)
        else:
            wait_for_workers(pr.pid)    # still learning: nothing written yet
        pr.send_signal(signal.SIGINT)
        _, err = pr.communicate(timeout=60)
        err = err.decode()
        assert pr.returncode == 130, (pr.returncode, err)
        cl, fa, nd = accounted(err, n)
        assert nd > 0 and "not done (interrupted" in err, err
        if not wait_out:
            assert "while learning: nothing written" in err and cl == 0, err
            assert not os.path.exists(d) or listing(d) == {}, listing(d)
        else:
            assert cl == len(listing(d)), (cl, sorted(listing(d)))


def strict_json(line):
    """json.loads, then refuse what strict parsers refuse: lone surrogates."""
    r = json.loads(line)
    json.dumps(r, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate
    return r


def test_outside_strings_printed_safely(tmp):
    # names with escape sequences, a newline and bytes that are not UTF-8
    os.makedirs(f"{tmp}/in")
    names = [b"esc\x1b[31mred\x1b[0m.html", b"two\nlines.html", b"caf\xe9.html",
             b"bidi\xe2\x80\xaeevil.html"]
    for n in names:
        with open(os.path.join(f"{tmp}/in".encode(), n), "wb") as f:
            f.write(b"%PDF-1.4 not a page")          # each fails: one line each
    p = run(["-f", "jsonl", f"{tmp}/in"], check_rc=1)
    err = p.stderr
    assert b"\x1b" not in err and b"\xe2\x80\xae" not in err, err
    lines = err.decode("utf-8").splitlines()        # valid UTF-8 throughout
    assert len(lines) == len(names) + 1, lines       # one per input, and the summary
    assert any("esc\\x1b[31mred" in l for l in lines), lines
    assert any("two\\nlines.html" in l for l in lines), lines
    assert any("caf\\xe9.html" in l for l in lines), lines
    assert any("bidi\\u202eevil" in l for l in lines), lines
    # jsonl: strict JSON for every record, the exact name in source_hex
    recs = [strict_json(l) for l in p.stdout.decode("utf-8").splitlines()]
    assert len(recs) == len(names)
    by = {bytes.fromhex(r["source_hex"]) if "source_hex" in r else r["source"].encode(): r
          for r in recs}
    cafe = os.path.join(f"{tmp}/in".encode(), b"caf\xe9.html")
    assert cafe in by and by[cafe]["source"].endswith("caf\ufffd.html"), by.keys()
    assert "source_hex" not in by[os.path.join(f"{tmp}/in".encode(), b"two\nlines.html")]
    # --explain: the page's own words (here a class name) are made printable
    write(f"{tmp}/x.html", '<html><body><article class="a\x1b]0;pwned\x07b"><h1>T</h1>'
          '<p>Plenty of prose in this paragraph, with commas, enough to be the article.</p>'
          '</article></body></html>')
    p = run(["--explain", f"{tmp}/x.html"], check_rc=0)
    assert b"\x1b" not in p.stderr and b"\x07" not in p.stderr and b"KEEP" in p.stderr, p.stderr


def test_collisions_and_refusals(tmp):
    write(f"{tmp}/in/a.html", article("A1", "FIRST"))
    write(f"{tmp}/in/a.htm", article("A2", "SECOND"))
    write(f"{tmp}/x/index.html", article("X", "XXX"))
    write(f"{tmp}/y/index.html", article("Y", "YYY"))
    p = run(["-O", f"{tmp}/out", f"{tmp}/in", f"{tmp}/x/index.html", f"{tmp}/y/index.html"],
            check_rc=1)
    got = listing(f"{tmp}/out")
    # every output is named after its own input, whole: a.htm and a.html
    # never meet; two file arguments named alike (flat) do, and the later
    # one fails, saying so
    assert sorted(got) == ["a.htm.txt", "a.html.txt", "index.html.txt"], sorted(got)
    assert b"SECOND" in got["a.htm.txt"] and b"FIRST" in got["a.html.txt"]
    assert b"XXX" in got["index.html.txt"]
    err = p.stderr.decode()
    assert "y/index.html: its output name" in err and "earlier input" in err, err
    # -o FILE that is an input
    src = f"{tmp}/in/a.html"
    before = open(src, "rb").read()
    p = run(["-o", src, src], check_rc=2)
    assert "refusing to overwrite" in p.stderr.decode()
    assert open(src, "rb").read() == before
    # -O output that would land on a named input: refused for that input
    write(f"{tmp}/d/x", article("H", "HHH"))
    write(f"{tmp}/d/x.html", article("L", "LLL"))
    keep = open(f"{tmp}/d/x.html", "rb").read()
    p = run(["-f", "html", "-O", f"{tmp}/d", f"{tmp}/d/x", f"{tmp}/d/x.html"], check_rc=1)
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


def test_skip_existing_own_output(tmp):
    # the steps: a.html done, then a.htm added and the batch resumed;
    # a.htm has no output of its own yet, so it must be cleaned, not skipped
    write(f"{tmp}/in/a.html", article("Long", "HTML-PAGE"))
    run(["-q", "-O", f"{tmp}/out", f"{tmp}/in"], check_rc=0)
    write(f"{tmp}/in/a.htm", article("Short", "HTM-PAGE"))
    p = run(["-O", f"{tmp}/out", "--skip-existing", f"{tmp}/in"], check_rc=0)
    err = p.stderr.decode()
    assert "1 cleaned, 0 empty, 0 failed, 1 skipped" in err, err
    got = listing(f"{tmp}/out")
    assert sorted(got) == ["a.htm.txt", "a.html.txt"], sorted(got)
    assert b"HTM-PAGE" in got["a.htm.txt"] and b"HTML-PAGE" in got["a.html.txt"]
    # and the names do not depend on which siblings exist: a fresh run of
    # a.htm alone names it the same
    run(["-q", "-O", f"{tmp}/alone", f"{tmp}/in/a.htm"], check_rc=0)
    assert sorted(listing(f"{tmp}/alone")) == ["a.htm.txt"]


def test_stale_temp_files_removed(tmp):
    write(f"{tmp}/in/a.html", article("A", "AAA"))
    write(f"{tmp}/in/sub/b.html", article("B", "BBB"))
    run(["-q", "-O", f"{tmp}/out", f"{tmp}/in"], check_rc=0)
    # what kill -9 leaves: fixed and random temp names, in the top directory
    # and below, of outputs this run will not even write (another format)
    for f in (".a.html.txt.clipclean-tmp", ".gone.html.md.clipclean-tmp",
              "sub/.b.html.txt.clipclean-tmp.Xy12Ab"):
        write(f"{tmp}/out/{f}", "half a file")
    # one that a live run holds (locked) stays
    import fcntl
    write(f"{tmp}/out/.busy.txt.clipclean-tmp", "being written")
    held = open(f"{tmp}/out/.busy.txt.clipclean-tmp", "rb")
    fcntl.flock(held, fcntl.LOCK_EX)
    write(f"{tmp}/out/.notours.txt", "a user's hidden file")
    p = run(["-O", f"{tmp}/out", "-f", "md", f"{tmp}/in"], check_rc=0)
    left = sorted(f for f in listing(f"{tmp}/out") if "clipclean-tmp" in f)
    assert left == [".busy.txt.clipclean-tmp"], left
    assert os.path.exists(f"{tmp}/out/.notours.txt")
    held.close()
    # -o FILE: its own leftovers go, another file's stay
    write(f"{tmp}/.all.txt.clipclean-tmp", "half")
    write(f"{tmp}/.all.txt.clipclean-tmp.q1w2e3", "half")
    write(f"{tmp}/.other.txt.clipclean-tmp", "not ours to judge")
    run(["-q", "-o", f"{tmp}/all.txt", f"{tmp}/in/a.html"], check_rc=0)
    left = sorted(f for f in os.listdir(tmp) if "clipclean-tmp" in f)
    assert left == [".other.txt.clipclean-tmp"], left


def test_names_near_name_max(tmp):
    stem = "x" * 246                       # + ".html" = 251 bytes, under NAME_MAX
    write(f"{tmp}/in/{stem}.html", article("Long", "LONG-NAME"))
    # the output name fits (+ ".txt" = 255); its temp file would not
    run(["-q", "-O", f"{tmp}/out", f"{tmp}/in"], check_rc=0)
    got = listing(f"{tmp}/out")
    assert list(got) == [stem + ".html.txt"] and b"LONG-NAME" in got[stem + ".html.txt"]
    # the output name itself is too long (".jsonl"): shortened, with a hash
    run(["-q", "-O", f"{tmp}/outj", "-f", "jsonl", f"{tmp}/in"], check_rc=0)
    (name,) = listing(f"{tmp}/outj")
    assert len(name.encode()) <= 255 and name.endswith(".jsonl") and name.startswith("xxxx"), name
    assert json.loads(listing(f"{tmp}/outj")[name])["status"] == "ok"
    # stable: the same name again, and --skip-existing finds it
    p = run(["-O", f"{tmp}/outj", "-f", "jsonl", "--skip-existing", f"{tmp}/in"], check_rc=0)
    assert "1 skipped" in p.stderr.decode() and list(listing(f"{tmp}/outj")) == [name]
    # -o to a name near NAME_MAX
    target = f"{tmp}/" + "y" * 250 + ".txt"
    run(["-q", "-o", target, f"{tmp}/in/{stem}.html"], check_rc=0)
    assert b"LONG-NAME" in open(target, "rb").read()
    assert not [f for f in os.listdir(tmp) if "clipclean-tmp" in f]


def test_fifo_and_devices(tmp):
    write(f"{tmp}/p.html", article("Page", "GOOD-PAGE"))
    os.mkfifo(f"{tmp}/fifo.html")
    # a FIFO nobody writes to, and a device that never ends: refused at
    # once, the other input cleaned
    t = time.time()
    p = run(["-f", "jsonl", f"{tmp}/fifo.html", "/dev/zero", f"{tmp}/p.html"], check_rc=1,
            timeout=60)
    assert time.time() - t < 20
    err = p.stderr.decode()
    assert "fifo.html: is a named pipe (FIFO), not a regular file" in err, err
    assert "/dev/zero: is a character device, not a regular file" in err, err
    recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert [r["status"] for r in recs] == ["error", "error", "ok"], recs
    # in a list too, and in a directory walk FIFOs are not even taken
    write(f"{tmp}/list", f"{tmp}/fifo.html\n{tmp}/p.html\n")
    p = run(["--from", f"{tmp}/list", "-f", "jsonl"], check_rc=1, timeout=60)
    assert "named pipe" in p.stderr.decode()
    # a pipe handed over open, as <(command) gives it: read
    r, w = os.pipe()
    with open(f"{tmp}/p.html", "rb") as f:
        page = f.read()
    pr = subprocess.Popen([BIN, "/dev/fd/%d" % r], pass_fds=(r,), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    os.close(r)
    os.write(w, page)
    os.close(w)
    out, err = pr.communicate(timeout=60)
    assert pr.returncode == 0 and b"GOOD-PAGE" in out, err
    # -o naming a FIFO or a device writes into it, it is not replaced
    os.mkfifo(f"{tmp}/out.fifo")
    got = []
    import threading
    th = threading.Thread(target=lambda: got.append(open(f"{tmp}/out.fifo", "rb").read()))
    th.start()
    run(["-o", f"{tmp}/out.fifo", f"{tmp}/p.html"], check_rc=0, timeout=60)
    th.join(30)
    assert got and b"GOOD-PAGE" in got[0]
    import stat
    assert stat.S_ISFIFO(os.lstat(f"{tmp}/out.fifo").st_mode)
    run(["-o", "/dev/null", f"{tmp}/p.html"], check_rc=0)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [f for f in os.listdir(tmp) if "clipclean-tmp" in f]
    # -o through a symbolic link: the link stays, its target is replaced
    write(f"{tmp}/real.txt", "old")
    os.symlink("real.txt", f"{tmp}/link.txt")
    run(["-o", f"{tmp}/link.txt", f"{tmp}/p.html"], check_rc=0)
    assert os.path.islink(f"{tmp}/link.txt")
    assert b"GOOD-PAGE" in open(f"{tmp}/real.txt", "rb").read()


LIST_END = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Liste</title></head>
<body><article><h1>Liste</h1>
<p>Le conseil municipal a voté mardi soir, après un long débat, la liste des travaux
prévus pour l'été prochain dans les écoles de la ville, que voici en détail.</p>
<ul><li>la toiture du gymnase, refaite en entier avant la rentrée</li>
<li>LAST-ITEM les fenêtres de la cantine, changées pendant les vacances</li></ul>
</article></body></html>
"""


def test_several_documents_one_stream(tmp):
    write(f"{tmp}/a.html", LIST_END)
    write(f"{tmp}/b.html", article("Second", "SECOND-DOC"))
    write(f"{tmp}/e.html", "<html><body></body></html>")
    ins = [f"{tmp}/a.html", f"{tmp}/e.html", f"{tmp}/b.html"]
    # Markdown: a thematic break between blank lines; the next article no
    # longer continues the list item
    md = run(["-f", "md"] + ins, check_rc=0).stdout.decode()
    assert md.count("\n\n* * *\n\n") == 1, md
    if shutil.which("cmark-gfm"):
        html = subprocess.run(["cmark-gfm"], input=md.encode(), capture_output=True).stdout.decode()
        li = html[html.index("LAST-ITEM"):]
        assert li.index("</li>") < li.index("SECOND-DOC"), html
        assert "<hr />" in html
    # txt: the same separator line
    txt = run(ins, check_rc=0).stdout.decode()
    assert txt.count("\n\n* * *\n\n") == 1 and txt.index("LAST-ITEM") < txt.index("SECOND-DOC"), txt
    # html: one document holding one article per input, in order
    out = run(["-f", "html", "-o", f"{tmp}/all.html"] + ins, check_rc=0)
    h = open(f"{tmp}/all.html", encoding="utf-8").read()
    assert h.startswith("<!DOCTYPE html>") and h.count("<html") == 1 and h.count("</html>") == 1, h
    assert h.count("<body>") == 1 and h.count("<head>") == 1, h
    assert h.count("<article") == 2 and '<article lang="fr">' in h and '<article lang="en">' in h, h
    assert h.index("LAST-ITEM") < h.index("<hr>") < h.index("SECOND-DOC"), h
    import html.parser
    class Depth(html.parser.HTMLParser):
        stack = []
        def handle_starttag(self, t, a):
            if t not in ("meta", "hr", "br", "img", "link"):
                self.stack.append(t)
        def handle_endtag(self, t):
            assert self.stack and self.stack[-1] == t, (t, self.stack)
            self.stack.pop()
    d = Depth()
    d.feed(h)
    assert d.stack == [], d.stack
    # json: one object per output; several inputs to one stream are refused
    # with a pointer to jsonl, before any work
    p = run(["-f", "json"] + ins, check_rc=2)
    assert "jsonl" in p.stderr.decode() and p.stdout == b"", p.stderr
    p = run(["-f", "json", f"{tmp}"], check_rc=2)
    run(["-f", "json", "-O", f"{tmp}/out"] + ins, check_rc=0)
    assert sorted(listing(f"{tmp}/out")) == ["a.html.json", "b.html.json", "e.html.json"]
    # one input: a whole document as before
    one = run(["-f", "html", f"{tmp}/b.html"], check_rc=0).stdout.decode()
    assert one.startswith("<!DOCTYPE html>") and '<html lang="en">' in one
    assert json.loads(run(["-f", "json", f"{tmp}/b.html"], check_rc=0).stdout)["title"] == "Second"


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
        truth = open(f"{tmp}/truth/" + name.replace(".html.txt", ".txt")).read()
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
    assert sorted(listing(f"{tmp}/out")) == ["/".join(["d"] * 400) + "/bottom.html.txt",
                                             "y.html.txt"]


def test_memory_limit(tmp):
    write(f"{tmp}/a.html", article("Small", "SMALL-PAGE"))
    para = "<p>The council met on Tuesday to discuss the bridge, and argued at length. </p>\n"
    write(f"{tmp}/big.html", "<html><body><article><h1>Big</h1>" + para * 80000 +
          "</article></body></html>")                                   # 6 MB
    # a worker may use --max-memory: the page that needs more fails alone,
    # saying so, and the batch goes on
    p = run(["-f", "jsonl", "--max-memory", "40M", f"{tmp}/big.html", f"{tmp}/a.html"], check_rc=1)
    err = p.stderr.decode()
    assert ("big.html: out of memory: the document needs more than the 40 MiB a worker may use "
            "(--max-memory)") in err, err
    recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert [r["status"] for r in recs] == ["error", "ok"], recs
    assert "SMALL-PAGE" in recs[1]["text"]
    # the default (2 GiB) leaves room for it; 0 lifts the limit
    p = run([f"{tmp}/big.html"], check_rc=0)
    assert p.stdout.count(b"The council met") == 80000
    run(["--max-memory", "0", f"{tmp}/a.html"], check_rc=0)
    for bad in ("10M", "lots", "-1", "2X"):
        p = run(["--max-memory", bad, f"{tmp}/a.html"], check_rc=2)
        assert "--max-memory" in p.stderr.decode()


def test_worker_stderr_through_parent(tmp):
    write(f"{tmp}/in/a.html", article("A", "AAA"))
    write(f"{tmp}/in/b.html", article("B", "TALKATIVE"))
    # stderr is a regular file the worker could seek in and overwrite, were
    # it handed to it; it is not: the worker writes into a pipe, the parent
    # passes each line on, printable, naming the input
    with open(f"{tmp}/err.txt", "wb") as ef:
        ef.write(b"BEFORE THE RUN\n")
        ef.flush()
        p = subprocess.run([BIN, "-j", "2", "-O", f"{tmp}/out", f"{tmp}/in"], stderr=ef,
                           env=dict(os.environ, CLIPCLEAN_TEST_STDERR_ON="TALKATIVE"), timeout=120)
    err = open(f"{tmp}/err.txt", "rb").read()
    assert p.returncode == 0, err
    assert err.startswith(b"BEFORE THE RUN\n") and b"OVERWRITTEN" not in err, err
    assert b"\x1b" not in err, err
    assert b"b.html: worker: \\x1b[31mhello from the worker\n" in err, err
    assert sorted(listing(f"{tmp}/out")) == ["a.html.txt", "b.html.txt"]


# the tests that need the hooks compiled in (CC_TEST_HOOKS)
HOOKED = {"crash_isolation", "timeout", "interrupted_then_resume", "ctrl_c", "progress_on_tty",
          "interrupt_accounting", "worker_stderr_through_parent"}


TESTS = {k[5:]: v for k, v in sorted(globals().items()) if k.startswith("test_")}


def main():
    global BIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--no-hooks", action="store_true", help="the binary has no test hooks")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    BIN = os.path.abspath(a.bin)
    if a.list:
        print("\n".join(TESTS))
        return 0
    names = a.names or list(TESTS)
    passed = failed = 0
    for n in names:
        if a.no_hooks and n in HOOKED:
            print("skip %s (needs a build with CC_TEST_HOOKS)" % n)
            continue
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
