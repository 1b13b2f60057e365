#!/usr/bin/env python3
"""test_notes.py — clippings for notes apps, end to end (issue 12).

Runs the real binary on pages written here and checks what a notes app
reads: YAML front matter that a real YAML parser (PyYAML, Debian's
python3-yaml) reads back to the extracted values whatever the page's
text, the title heading, the same fields in json and jsonl, file names
from titles, empty articles, the Obsidian flavor, captions, the lead
image, and that two rules never follow each other.

  test_notes.py --bin build/clipclean            run every test
  test_notes.py --bin build/clipclean NAME...    run some (see --list)
  test_notes.py --bin build/clipclean --aeb DIR  also every AEB page's
                                                 front matter (bench data)
Prints 'N passed, N failed' last; exits 1 when a test failed.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

try:
    import yaml
except ImportError:  # the Debian interpreter has python3-yaml (.ci/deps.sh)
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    sys.exit("test_notes.py: needs PyYAML (apt-get install python3-yaml)")

BIN = None

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | The Planet</title>
<meta property="og:site_name" content="The Planet">
<meta name="author" content="{author}">
<meta name="description" content="{description}">
<meta property="article:published_time" content="2025-02-04T09:30:00Z">
<meta property="article:tag" content="budget"><meta property="article:tag" content="{tag}">
<link rel="canonical" href="https://planet.example/news/{slug}">
</head><body><nav><a href="/">Home</a></nav>
<article><h1>{title}</h1>
{body}
<p>The committee met on Tuesday evening to discuss the plans for the new library
wing, which has been debated in town for nearly three years now.</p>
<p>Residents who spoke at the meeting were divided: some praised the design and the
reading rooms, others worried about the cost and the loss of the old garden.</p>
</article><footer>Contact us</footer></body></html>
"""


def page(title="The budget vote is delayed", author="Jane Doe", description="A vote.",
         tag="council", body="", lang="en", slug="budget"):
    esc = lambda s: (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                     .replace('"', "&quot;"))
    return PAGE.format(title=esc(title), author=esc(author), description=esc(description),
                       tag=esc(tag), body=body, lang=lang, slug=slug)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run(args, check_rc=0, data=None):
    p = subprocess.run([BIN, *args], capture_output=True, input=data, timeout=120)
    if check_rc is not None and p.returncode != check_rc:
        raise AssertionError(f"{args}: exit {p.returncode}, want {check_rc}\n"
                             f"{p.stderr.decode('utf-8', 'replace')}")
    return p


def front_matter(md):
    """The front matter block of a Markdown output, parsed, and the rest."""
    assert md.startswith("---\n"), md[:200]
    end = md.index("\n---\n", 4)
    return yaml.safe_load(md[4:end]), md[end + 5:]


def two_rules(md):
    """Lines of the body where a rule follows a rule (blank lines between)."""
    lines = [l for l in md.splitlines() if l.strip()]
    return [i for i in range(1, len(lines))
            if re.fullmatch(r"(---|\*\*\*|___)", lines[i]) and
            re.fullmatch(r"(---|\*\*\*|___)", lines[i - 1])]


# ------------------------------------------------------------------ tests

HOSTILE = [
    'Quotes "inside" and \\ backslashes',
    "key: value # not a comment",
    "- starts like a list item",
    "--- starts like a document marker",
    "[flow] {mapping} & *alias !tag |block >fold %directive @at `tick",
    "yes",
    "null",
    "2025-02-04",
    "  leading and trailing spaces  ",
    "Tab\there",
    "line\u2028separator and next\u0085line and \ufeffbom",
    "Emoji \U0001F600 and 中文 and عربي",
    "colon:no-space and : spaced",
    "'single' quotes",
    "\u00a0no-break space and \u200b zero width",
]


def test_front_matter_parses_back(tmp):
    """Every string value the page gives comes back equal from YAML, and
    equal to what json says."""
    for i, s in enumerate(HOSTILE):
        path = f"{tmp}/p{i}.html"
        write(path, page(title=s + " budget", author="Jane Doe", description=s, tag=s))
        md = run(["-f", "md", "--no-clipped", path]).stdout.decode()
        fm, body = front_matter(md)
        js = json.loads(run(["-f", "json", "--no-clipped", path]).stdout)
        assert fm["title"] == js["title"], (s, fm["title"], js["title"])
        assert fm["description"] == js["description"], (s, fm, js)
        assert fm["tags"] == js["tags"], (fm["tags"], js["tags"])
        assert fm["source"] == "https://planet.example/news/budget", fm
        assert fm["site"] == "The Planet" and fm["author"] == "Jane Doe", fm
        assert fm["published"] == datetime.datetime(2025, 2, 4, 9, 30, tzinfo=datetime.timezone.utc), fm
        assert isinstance(fm["word_count"], int) and fm["word_count"] == js["word_count"] > 30, fm
        assert "clipped" not in fm, fm
        # the title heading follows
        assert body.startswith("# "), body[:80]


def test_front_matter_control_bytes(tmp):
    """Controls, C1 and invalid UTF-8 in the page: still valid YAML."""
    raw = page(title="T\x01i\x1ft\x7fl\u0085e \u0090x", description="bad").encode()
    raw = raw.replace(b"bad", b"bad \xff\xfe \xc3\x28 end")
    with open(f"{tmp}/ctl.html", "wb") as f:
        f.write(raw)
    md = run(["-f", "md", "--no-clipped", f"{tmp}/ctl.html"]).stdout.decode("utf-8")
    fm, _ = front_matter(md)
    assert fm["title"].startswith("T"), fm
    assert fm["description"].startswith("bad"), fm


def test_clipped_and_determinism(tmp):
    write(f"{tmp}/a.html", page())
    a = run(["-f", "md", f"{tmp}/a.html"]).stdout.decode()
    fm, _ = front_matter(a)
    assert isinstance(fm["clipped"], datetime.datetime), fm
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs((now - fm["clipped"]).total_seconds()) < 600, fm["clipped"]
    b1 = run(["-f", "md", "--no-clipped", f"{tmp}/a.html"]).stdout
    b2 = run(["-f", "md", "--no-clipped", f"{tmp}/a.html"]).stdout
    assert b1 == b2
    js = json.loads(run(["-f", "json", f"{tmp}/a.html"]).stdout)
    assert js["clipped"] and js["published"] == "2025-02-04T09:30:00Z", js
    js = json.loads(run(["-f", "json", "--no-clipped", f"{tmp}/a.html"]).stdout)
    assert js["clipped"] is None and js["tags"] == ["budget", "council"], js
    rec = json.loads(run(["-f", "jsonl", "--no-clipped", f"{tmp}/a.html"]).stdout)
    for k in ("published", "modified", "tags", "word_count", "clipped"):
        assert k in rec, (k, rec)
    assert rec["tags"] == ["budget", "council"] and rec["word_count"] == js["word_count"], rec


def test_no_front_matter_keeps_title(tmp):
    write(f"{tmp}/a.html", page())
    md = run(["-f", "md", "--no-front-matter", f"{tmp}/a.html"]).stdout.decode()
    assert md.startswith("# The budget vote is delayed\n\n"), md[:100]
    # a body that opens with the title gets no second one
    md = run(["-f", "md", "--no-front-matter", "--keep-title", f"{tmp}/a.html"]).stdout.decode()
    assert md.count("The budget vote is delayed") == 1, md[:300]


def test_empty_article(tmp):
    write(f"{tmp}/in/e.html", "<html><head><title>Nothing</title></head><body><nav>x</nav></body></html>")
    write(f"{tmp}/in/a.html", page())
    p = run(["-O", f"{tmp}/out", "-f", "md", f"{tmp}/in/e.html", f"{tmp}/in/a.html"])
    assert sorted(os.listdir(f"{tmp}/out")) == ["a.html.md"], os.listdir(f"{tmp}/out")
    err = p.stderr.decode()
    assert "e.html: no article text found: no file written" in err, err
    assert len([l for l in err.splitlines() if "e.html" in l]) == 1, err
    p = run(["-f", "md", f"{tmp}/in/e.html"])
    assert p.stdout == b"" and "nothing written" in p.stderr.decode(), p
    rec = json.loads(run(["-f", "jsonl", f"{tmp}/in/e.html"]).stdout)
    assert rec["status"] == "empty", rec


def test_name_title(tmp):
    write(f"{tmp}/in/one.html", page(title="Éclairs & the Budget: Vote Delayed!"))
    write(f"{tmp}/in/sub/two.html", page(title="Éclairs & the Budget: Vote Delayed!", slug="b2"))
    write(f"{tmp}/in/sub/zwei.html", page(title="ÉCLAIRS & the budget: vote delayed", slug="b4"))
    write(f"{tmp}/in/three.html", page(title="Don’t panic — a guide", slug="b3"))
    write(f"{tmp}/in/notitle.html", "<html><body><article>" +
          "<p>Words of an article that has no title at all, long enough to be kept.</p>" * 3 +
          "</article></body></html>")
    names = None
    for jobs in ("1", "2"):
        shutil.rmtree(f"{tmp}/out", ignore_errors=True)
        run(["-O", f"{tmp}/out", "--name", "title", "-j", jobs, "-f", "md", f"{tmp}/in"])
        got = sorted(os.path.relpath(os.path.join(d, f), f"{tmp}/out")
                     for d, _, fs in os.walk(f"{tmp}/out") for f in fs)
        assert names is None or got == names, (names, got)
        names = got
    # in input order (the walk's: one, sub/two, three...): the first keeps
    # the plain name; the folder of a walked input is kept
    assert names == ["dont-panic-a-guide.md", "notitle.html.md", "sub/éclairs-the-budget-vote-delayed-2.md",
                     "sub/éclairs-the-budget-vote-delayed.md",
                     "éclairs-the-budget-vote-delayed.md"], names
    two = open(f"{tmp}/out/sub/éclairs-the-budget-vote-delayed.md", encoding="utf-8").read()
    assert "news/b2" in two, two[:300]  # two.html comes before zwei.html
    # the date first; a rerun with --skip-existing writes nothing new
    run(["-O", f"{tmp}/dated", "--name", "date-title", "-f", "md", f"{tmp}/in/one.html"])
    assert os.listdir(f"{tmp}/dated") == ["2025-02-04-éclairs-the-budget-vote-delayed.md"]
    st = os.stat(f"{tmp}/dated/2025-02-04-éclairs-the-budget-vote-delayed.md").st_mtime_ns
    run(["-O", f"{tmp}/dated", "--name", "date-title", "--skip-existing", "-f", "md",
         f"{tmp}/in/one.html"])
    assert os.stat(f"{tmp}/dated/2025-02-04-éclairs-the-budget-vote-delayed.md").st_mtime_ns == st
    # --name needs -O
    assert run(["--name", "title", f"{tmp}/in/one.html"], check_rc=2).returncode == 2


def test_obsidian_flavor(tmp):
    body = ("<p>The <mark>highlighted part</mark> and a==b stay apart, said "
            "the committee in a long sentence that makes this a paragraph.</p>"
            '<iframe src="https://www.youtube.com/embed/abc123XYZ" title="The vote"></iframe>')
    write(f"{tmp}/a.html", page(author="Jane Doe and John Roe", body=body))
    md = run(["-f", "md", "--md-flavor", "obsidian", f"{tmp}/a.html"]).stdout.decode()
    fm, text = front_matter(md)
    assert fm["author"] == ["Jane Doe", "John Roe"] and "created" in fm and "clipped" not in fm, fm
    assert "==highlighted part==" in text and "a==b" not in text and "a\\=" in text, text
    assert "![Video: The vote](https://www.youtube.com/watch?v=abc123XYZ)" in text, text
    md = run(["-f", "md", f"{tmp}/a.html"]).stdout.decode()
    fm, text = front_matter(md)
    assert fm["author"] == "Jane Doe and John Roe", fm
    assert "<mark>highlighted part</mark>" in text and "a==b" in text, text
    assert "[Video: The vote](https://www.youtube.com/watch?v=abc123XYZ)" in text, text


def test_captions_and_lead_image(tmp):
    body = ('<figure><img src="https://planet.example/barrier.jpg" alt="The barrier">'
            "<figcaption>The barrier at dawn. <span class=\"credit\">Photo: A. Roe</span>"
            "</figcaption></figure>")
    write(f"{tmp}/a.html", page(body=body))
    txt = run([f"{tmp}/a.html"]).stdout.decode()
    assert "barrier at dawn" not in txt, txt
    txt = run(["--captions", f"{tmp}/a.html"]).stdout.decode()
    assert "\nThe barrier at dawn.\n" in "\n" + txt and "A. Roe" not in txt, txt
    md = run(["-f", "md", f"{tmp}/a.html"]).stdout.decode()
    assert ("![The barrier](https://planet.example/barrier.jpg)\n\n*The barrier at dawn.*"
            in md), md
    assert "A. Roe" not in md, md
    # no image of its own: --lead-image puts the page's first
    write(f"{tmp}/b.html", page().replace(
        "</head>", '<meta property="og:image" content="https://planet.example/lead.jpg"></head>'))
    md = run(["-f", "md", "--no-front-matter", "--lead-image", f"{tmp}/b.html"]).stdout.decode()
    assert md.startswith("# The budget vote is delayed\n\n![](https://planet.example/lead.jpg)\n"), md
    md = run(["-f", "md", "--no-front-matter", f"{tmp}/b.html"]).stdout.decode()
    assert "lead.jpg" not in md, md


def test_rules_never_twice(tmp):
    body = ("<hr><div class='share'>Share this</div><hr>"
            "<p>A paragraph between two rules that is long enough to stay in the text.</p>"
            "<hr><div class='newsletter'>Subscribe to our newsletter</div><hr><hr>")
    write(f"{tmp}/a.html", page(body=body))
    md = run(["-f", "md", f"{tmp}/a.html"]).stdout.decode()
    _, text = front_matter(md)
    assert not two_rules(text), text
    assert text.count("\n---\n") >= 1, text


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f3a8b0"
                    "0000000049454e44ae426082")
PICS = b"""<html><head><title>Pics</title></head><body><article><h1>Pictures of the barrier</h1>
<p>The council met on Tuesday to discuss the budget, which had been delayed twice since the spring.</p>
<p><img src="/img/a.png" alt="A"> <img src="/img/missing.png" alt="B"> <img src="/img/page.jpg" alt="C"></p>
<p>Residents who spoke at the meeting were divided about the cost and the loss of the old garden.</p>
<p><img src="/img/a.png" alt="A again"> <img src="/img/noext" alt="D"></p>
</article></body></html>"""


def serve(counts):
    """A loopback server: a page with images, one missing, one that is a page."""
    import http.server
    import threading

    class H(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            counts[self.path] = counts.get(self.path, 0) + 1
            if self.path == "/page":
                body, ctype, code = PICS, "text/html", 200
            elif self.path in ("/img/a.png", "/img/noext"):
                body, ctype, code = PNG, "image/png", 200
            elif self.path == "/img/page.jpg":
                body, ctype, code = b"<html>oops</html>", "text/html", 200
            else:
                body, ctype, code = b"gone", "text/plain", 404
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def test_images(tmp):
    counts = {}
    srv = serve(counts)
    url = f"http://127.0.0.1:{srv.server_address[1]}/page"
    try:
        p = run(["--delay", "0", "-O", f"{tmp}/out", "--images", f"{tmp}/out/img", "-f", "md",
                 "--no-clipped", url])
        err = p.stderr.decode()
        (name,) = [f for f in os.listdir(f"{tmp}/out") if f.endswith(".md")]
        md = open(f"{tmp}/out/{name}", encoding="utf-8").read()
        saved = sorted(os.listdir(f"{tmp}/out/img"))
        assert len(saved) == 2 and all(f.endswith(".png") for f in saved), saved
        for f in saved:
            assert open(f"{tmp}/out/img/{f}", "rb").read() == PNG
        # saved images linked relative to the output; the failed ones keep
        # their remote link, each with one warning
        assert md.count("](img/") == 3, md
        assert f"![B]({url[:-5]}/img/missing.png)" in md and "/img/page.jpg)" in md, md
        assert "missing.png: HTTP 404" in err and "page.jpg: not an image: text/html" in err, err
        assert counts["/img/a.png"] == 1, counts  # once, though linked twice
        # a rerun reuses the files; html output links them too
        run(["--delay", "0", "-o", f"{tmp}/page.html", "--images", f"{tmp}/out/img", "-f", "html", url])
        assert counts["/img/a.png"] == 1 and counts["/img/noext"] == 1, counts
        h = open(f"{tmp}/page.html", encoding="utf-8").read()
        assert 'src="out/img/' in h, h
        # only md and html show images
        assert run(["--images", f"{tmp}/i", url], check_rc=2).returncode == 2
    finally:
        srv.shutdown()


def aeb_check(aeb):
    """The bar: every AEB page in -f md has front matter that parses, a
    title and a source whenever the page has them, no two rules in a row."""
    import gzip
    html = os.path.join(aeb, "html")
    bad = []
    for name in sorted(os.listdir(html)):
        data = gzip.open(os.path.join(html, name)).read()
        md = subprocess.run([BIN, "-f", "md", "--no-clipped", "-"], input=data,
                            capture_output=True, timeout=60).stdout.decode("utf-8")
        js = json.loads(subprocess.run([BIN, "-f", "json", "--no-clipped", "-"], input=data,
                                       capture_output=True, timeout=60).stdout)
        try:
            fm, text = front_matter(md)
            for k, jk in (("title", "title"), ("source", "url")):
                if js[jk]:
                    assert fm.get(k) == js[jk], (k, fm.get(k), js[jk])
            assert not two_rules(text), "two rules in a row"
        except Exception as e:  # noqa: BLE001
            bad.append((name, repr(e)[:200]))
    return bad


TESTS = {name[5:]: fn for name, fn in sorted(globals().items())
         if name.startswith("test_") and callable(fn)}


def main():
    global BIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--aeb")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    if a.list:
        print("\n".join(TESTS))
        return 0
    BIN = os.path.abspath(a.bin)
    passed = failed = 0
    for name in a.names or TESTS:
        tmp = tempfile.mkdtemp(prefix="cc-notes-")
        try:
            TESTS[name](tmp)
            print(f"ok   {name}")
            passed += 1
        except Exception:  # noqa: BLE001
            print(f"FAIL {name}")
            traceback.print_exc()
            failed += 1
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if a.aeb:
        bad = aeb_check(a.aeb)
        n = len(os.listdir(os.path.join(a.aeb, "html")))
        print(f"{'ok  ' if not bad else 'FAIL'} aeb front matter: {n - len(bad)}/{n} pages")
        for b in bad[:10]:
            print("   ", *b)
        passed += not bad
        failed += bool(bad)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
