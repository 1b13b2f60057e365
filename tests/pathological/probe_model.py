#!/usr/bin/env python3
"""probe_model.py — attacks the pre-pass's structure model systematically.

  probe_model.py --replay BUILD/tests/regress_fuzz_strip

The model in src/lib/strip.c must never believe the tree is shallower than
gumbo makes it. This writes one input per (context, tag, pattern) — every
tag the model knows plus a few it does not, in contexts such as <math>,
<table>, <select>, <frameset>, repeated 150 times; and every three-tag
sequence of table tags in the table modes, repeated 40 times — and runs them all
through the fuzz_strip target (its replay build), whose check parses the
pre-pass's output with gumbo and aborts when the tree is deeper than the
bound allows. Prints the first failing input (reproduce it with the replay
binary) or "N passed, 0 failed". Python 3 standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CONTEXTS = ["", "<math>", "<math><mi>", "<math><mtext><table>", "<table>", "<table><tr>",
            "<table><tr><td>", "<table><caption>", "<table><colgroup>", "<select>",
            "<select><optgroup>", "<p>", "<ul>", "<ul><li>", "<dl>", "<dl><dd>", "<ruby>",
            "<frameset>", "<math><annotation-xml encoding=text/html>", "<object>", "<button>",
            "<select><title></title>", "<table><select><xmp></xmp>", "<select><title>",
            "<a>", "<b>", "<form>", "<title>", "<math><title>", "<xmp>", "<svg>", "<noscript>"]
PATTERNS = ["<{t}>", "<{t}/>", "<{t}>x", "<{t}></p>", "<{t}><div>", "</{t}><div>",
            "<div></{t}>", "<{t}><b>x</p>", "<{t}><i id={n}>x</div>", "<p><{t}>",
            "<{t}><![CDATA[</div>]]>", "<{t}><span>", "<{t}><div></{t}>", "<{t}><span></{t}>",
            "<{t}><b></{t}>", "<{t}><table></{t}>", "<{t}><ul><li></{t}>", "<{t}><select></{t}>",
            "<div><{t}></div>", "<{t}><p></{t}>", "<b><{t}></b>", "<{t}><td></{t}>",
            "<{t}><math></{t}>", "<{t}><a></{t}>"]
# The table modes, where most of the parser's implied closings are: every
# sequence of two table tags (start or end) then a <div> then a third, in
# each table context. A model that keeps a caption, cell or select the
# parser has closed lets a later end tag pop the <div>s the parser keeps.
TABLE_TAGS = ["table", "caption", "colgroup", "col", "tbody", "thead", "tr", "td", "th",
              "select"]
TABLE_CONTEXTS = ["<table>", "<table><tr>", "<table><td>", "<table><caption>",
                  "<table><colgroup>", "<table><td><select>", "<table><tbody>",
                  "<table><thead><tr><td>"]
EXTRA = ["span", "x-custom", "svg", "math", "mglyph", "malignmark", "foreignObject", "image",
         "menuitem", "search", "dialog", "desc"]


def tags():
    src = open(os.path.join(ROOT, "src", "lib", "strip.c")).read()
    i = src.index("known_tags[] = {")
    return sorted(set(re.findall(r'\{"([a-z0-9-]+)", ', src[i:src.index("};", i)])) | set(EXTRA))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--replay", required=True, help="the regress_fuzz_strip binary")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="cc-probe-")
    try:
        files = []
        pre = b"\x06\x02\x02"  # max_depth 8, 3 formatting elements, 3 attributes
        for c in CONTEXTS:
            for t in tags():
                for pat in PATTERNS:
                    body = c + "".join(pat.format(t=t, n=k) for k in range(150)) + "x"
                    path = os.path.join(tmp, "%06d" % len(files))
                    with open(path, "wb") as f:
                        f.write(pre + body.encode())
                    files.append((path, body))
        ops = ["<%s>" % t for t in TABLE_TAGS] + ["</%s>" % t for t in TABLE_TAGS]
        for c in TABLE_CONTEXTS:
            for a in ops:
                for b in ops:
                    for z in ops + ["</div>"]:
                        body = c + (a + b + "<div>" + z) * 40 + "x"
                        path = os.path.join(tmp, "%06d" % len(files))
                        with open(path, "wb") as f:
                            f.write(pre + body.encode())
                        files.append((path, body))
        done = 0
        while done < len(files):
            chunk = files[done:done + 2000]
            r = subprocess.run([args.replay] + [p for p, _ in chunk], capture_output=True,
                               text=True)
            ok = sum(1 for line in r.stdout.splitlines() if line.startswith("ok "))
            if r.returncode != 0 and ok < len(chunk):
                print("FAIL: the tree gets deeper than the bound on:\n  %s" %
                      chunk[ok][1][:300].replace("\n", " "))
                print(r.stderr.strip()[-500:])
                print("%d passed, 1 failed" % (done + ok))
                return 1
            done += len(chunk)
        print("%d passed, 0 failed" % done)
        return 0
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
