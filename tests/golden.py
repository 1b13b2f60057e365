#!/usr/bin/env python3
"""golden.py — run clipclean over the golden samples and compare.

usage: golden.py [-v] [--save DIR] CLIPCLEAN SAMPLES [CASE...]

Every folder under SAMPLES holding a page.html (or page.html.gz) is a case,
and so is one holding a page.md: a Markdown clipping of a page (see
samples/README.md):

  expected.txt    the exact txt output (required)
  boilerplate.txt one string per line that must not appear in the output
  expected.json   metadata fields to check in the json output (only those)
  expected.md     the exact md output (optional)

Checks per case: clipclean exits 0; txt equals expected.txt; no boilerplate
string appears in the txt (case-insensitive, whitespace- and
apostrophe-normalised, whole words at the ends); the json fields named in
expected.json are equal; md equals expected.md. The fixture itself is
checked too: every boilerplate string must be planted in the page and absent
from expected.txt, and every expected line must come from the page, so a
typo in a fixture fails loudly instead of passing or failing for the wrong
reason.

One line per case (PASS/FAIL), details under failing ones, then
"golden: N passed, N failed". Exit status 1 when any case failed, 2 on
usage errors. CASE arguments select cases by folder-name substring.
"""
import argparse
import difflib
import gzip
import html
import json
import os
import re
import signal
import subprocess
import sys
import unicodedata

TIMEOUT = 60  # seconds per clipclean run
SHOW = 8      # items shown per category
DIFF_LINES = 40

APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'",
                      "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def norm(s):
    """NFC, typographic apostrophes and odd spaces folded, whitespace runs
    collapsed: the form in which texts are compared loosely."""
    s = unicodedata.normalize("NFC", s).translate(APOS)
    return re.sub(r"\s+", " ", s).strip()


def squash(s):
    """norm() without any whitespace, lowercased: for finding fixture text
    in a page whose tags were removed."""
    return re.sub(r"\s+", "", norm(s)).lower()


def phrase_re(phrase):
    """A boilerplate string as a regex: case-insensitive, any whitespace
    between words, and whole words at its ends (so "Chat" does not match
    "Château", nor "Teilen" "mitteilen")."""
    p = norm(phrase)
    body = r"\s+".join(re.escape(w) for w in p.split(" "))
    if re.match(r"\w", p[0]):
        body = r"(?<!\w)" + body
    if re.match(r"\w", p[-1]):
        body = body + r"(?!\w)"
    return re.compile(body, re.IGNORECASE)


def short(s, n=100):
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


def read_page(path):
    data = open(path, "rb").read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data


def page_text(data):
    """The page's text as a person could see it in the source: the declared
    charset (else UTF-8), scripts, styles and comments removed, tags
    removed, entities decoded."""
    m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:65536])
    enc = "utf-8"
    if m:
        try:
            enc = m.group(1).decode("ascii")
            "".encode(enc)
        except (LookupError, UnicodeDecodeError):
            enc = "utf-8"
    s = data.decode(enc, errors="replace")
    s = re.sub(r"(?is)<(script|style|template)\b.*?</\1\s*>", " ", s)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(r"(?s)<[^>]*>", "", s)
    return html.unescape(s)


def markdown_text(data):
    """A Markdown clipping's text as a reader sees it: images gone, links
    as their text, emphasis, code and escape marks removed."""
    s = data.decode("utf-8", errors="replace")
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"(?m)^\s*(```|~~~).*$", "", s)
    s = re.sub(r"`([^`\n]+)`", r"\1", s)
    s = re.sub(r"\*\*([^*\n]+)\*\*", r"\1", s)
    s = re.sub(r"(?<![\w*])\*([^*\s][^*\n]*)\*", r"\1", s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+.!|>-])", r"\1", s)
    return html.unescape(s)


def run(cli, fmt, page):
    try:
        p = subprocess.run([cli, "-f", fmt, "--no-clipped", page], capture_output=True,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"clipclean -f {fmt} timed out after {TIMEOUT}s"
    except OSError as e:
        return None, f"cannot run {cli}: {e}"
    if p.returncode != 0:
        why = (f"killed by signal {-p.returncode}" if p.returncode < 0
               else f"exit status {p.returncode}")
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, f"clipclean -f {fmt}: {why}" + (f": {err[0]}" if err else "")
    try:
        return p.stdout.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return None, f"clipclean -f {fmt}: output is not UTF-8 ({e})"


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]


LIST_MARK = re.compile(r"^\s*(?:- (?:\[[ x]\] )?|\d+\. |\[\w{1,6}\] )")
# What the txt rendering adds to the page's characters: footnote marks
# right after a word ("word.[1]"), superscripts and subscripts as Unicode
# forms ("mc²", "H₂O") or after ^ ("10^th", "x^(n+1)") or _( ("CO_(2 eq)").
TXT_MARKS = re.compile(r"(?<=\S)\[(\w{1,6})\]|(?<=\w)[\^_]\(([^)]*)\)|(?<=\w)\^(\w+)")
SCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", "0123456789+-=()ni0123456789+-=()")


def page_form(piece):
    """An expected line as the page's text holds it (for the fixture check)."""
    return TXT_MARKS.sub(lambda m: m.group(1) or m.group(2) or m.group(3) or "",
                         piece.translate(SCRIPTS))


def check_fixture(page_bytes, expected, boiler, markdown=False):
    """Problems with the fixture itself (not with clipclean)."""
    probs = []
    if not expected.endswith("\n") or expected.endswith("\n\n"):
        probs.append("expected.txt must end with exactly one newline")
    if "\n\n\n" in expected:
        probs.append("expected.txt has more than one blank line in a row")
    if not expected.strip():
        probs.append("expected.txt is empty")
    page = squash(markdown_text(page_bytes) if markdown else page_text(page_bytes))
    for line in expected.splitlines():
        if not line.strip():
            continue
        for piece in LIST_MARK.sub("", line).split(" | "):
            if squash(piece) in page:  # as written (code keeps its [i])
                continue
            piece = page_form(piece)
            if squash(piece) and squash(piece) not in page:
                probs.append(f"expected line not found in the page: {short(piece, 80)!r}")
                break
    exp_norm = norm(expected)
    for b in boiler:
        if phrase_re(b).search(exp_norm):
            probs.append(f"boilerplate string occurs in expected.txt: {b!r}")
        if squash(b) not in page:
            probs.append(f"boilerplate string not planted in the page: {b!r}")
    return probs


def read_gaps(path):
    """known-gaps.txt: the case's known failures, one per line: '- LINE'
    an expected line missing, '+ LINE' an unexpected line, '! STRING' a
    boilerplate string present. Returns {kind: set of norm'd text}."""
    gaps = {"-": set(), "+": set(), "!": set()}
    for l in read_lines(path):
        if l[:2] in ("- ", "+ ", "! ") and l[2:].strip():
            gaps[l[0]].add(norm(l[2:]))
    return gaps


def compare_txt(out, expected, boiler, verbose, gaps=None):
    """Returns (summary parts, detail lines) for a txt mismatch; ([], [])
    when the output is right, or wrong exactly by the known gaps (then
    only the line sets are compared: a gap that is gone fails too, so the
    list is kept true)."""
    parts, det = [], []
    out_norm = norm(out)
    present = [b for b in boiler if phrase_re(b).search(out_norm)]
    if out == expected and not present and not any((gaps or {}).values()):
        return parts, det
    exp_lines = [l for l in expected.splitlines() if l.strip()]
    out_lines = [l for l in out.splitlines() if l.strip()]
    exp_norm = norm(expected)
    missing = [l for l in exp_lines if norm(l) not in out_norm]
    extra = [l for l in out_lines if norm(l) not in exp_norm]
    if gaps and any(gaps.values()):
        found = {"-": {norm(l) for l in missing}, "+": {norm(l) for l in extra},
                 "!": {norm(b) for b in present}}
        gone = [f"{k} {g}" for k in gaps for g in sorted(gaps[k] - found[k])]
        missing = [l for l in missing if norm(l) not in gaps["-"]]
        extra = [l for l in extra if norm(l) not in gaps["+"]]
        present = [b for b in present if norm(b) not in gaps["!"]]
        if gone:
            parts.append(f"{len(gone)} known gaps no longer occur (remove them from "
                         "known-gaps.txt)")
            det += [f"  fixed: {short(g)}" for g in gone[:SHOW]]
        if not missing and not extra and not present:
            return parts, det
    if not out.strip():
        parts.append("txt output is EMPTY")
    if missing:
        parts.append(f"{len(missing)} of {len(exp_lines)} expected lines missing")
        det.append("missing (expected, not in output):")
        det += [f"  - {short(l)}" for l in missing[:SHOW]]
        if len(missing) > SHOW:
            det.append(f"  … and {len(missing) - SHOW} more")
    if present:
        parts.append(f"{len(present)} boilerplate strings present")
        det.append("boilerplate present in output:")
        for b in present[:SHOW]:
            line = next((l for l in out_lines if phrase_re(b).search(norm(l))), "")
            det.append(f"  - {b!r}  in: {short(line, 80)}")
        if len(present) > SHOW:
            det.append(f"  … and {len(present) - SHOW} more")
    if extra:
        parts.append(f"{len(extra)} unexpected lines")
        det.append("unexpected (in output, not expected):")
        det += [f"  + {short(l)}" for l in extra[:SHOW]]
        if len(extra) > SHOW:
            det.append(f"  … and {len(extra) - SHOW} more")
    if out != expected and not missing and not extra and not (gaps and any(gaps.values())):
        parts.append("same text, different layout (blank lines, order, "
                     "whitespace or trailing newline)")
    if out != expected:
        det += diff_lines(expected, out, "expected.txt", "clipclean -f txt", verbose)
    return parts, det


def diff_lines(expected, out, a, b, verbose):
    d = list(difflib.unified_diff(expected.splitlines(True), out.splitlines(True),
                                  a, b, n=1))
    d = [l.rstrip("\n") if l.endswith("\n") else l + "  \\ (no newline at end)"
         for l in d]
    if not verbose and len(d) > DIFF_LINES:
        d = d[:DIFF_LINES] + [f"… diff cut at {DIFF_LINES} lines (-v for all)"]
    return ["diff:"] + ["  " + l for l in d]


def run_case(cli, folder, verbose, save):
    name = os.path.basename(folder)
    page = next((os.path.join(folder, p) for p in ("page.html", "page.html.gz", "page.md")
                 if os.path.exists(os.path.join(folder, p))), None)
    parts, det = [], []
    exp_path = os.path.join(folder, "expected.txt")
    if not page or not os.path.exists(exp_path):
        return False, ["fixture: needs page.html (page.html.gz, page.md) and expected.txt"], []
    expected = open(exp_path, encoding="utf-8").read()
    boiler = read_lines(os.path.join(folder, "boilerplate.txt"))

    fix = check_fixture(read_page(page), expected, boiler, page.endswith(".md"))
    if fix:
        parts.append(f"fixture has {len(fix)} problems")
        det += [f"fixture: {p}" for p in fix]

    out, err = run(cli, "txt", page)
    if err:
        parts.append(err)
    else:
        if save:
            with open(os.path.join(save, name + ".txt"), "w", encoding="utf-8") as f:
                f.write(out)
        gaps = read_gaps(os.path.join(folder, "known-gaps.txt"))
        p, d = compare_txt(out, expected, boiler, verbose, gaps)
        if not p and any(gaps.values()):
            det.append(f"known gaps: {sum(len(g) for g in gaps.values())} "
                       "(known-gaps.txt: to-dos for the extractor)")
        parts += ["txt: " + x for x in p]
        det += d

    jpath = os.path.join(folder, "expected.json")
    if os.path.exists(jpath):
        want = json.load(open(jpath, encoding="utf-8"))
        out, err = run(cli, "json", page)
        if err:
            parts.append(err)
        else:
            try:
                got = json.loads(out)
                if not isinstance(got, dict):
                    raise ValueError("not an object")
            except ValueError as e:
                got = None
                parts.append("json: output is not a JSON object")
                det.append(f"json: {e}; output starts: {short(out, 80)!r}")
            if got is not None:
                bad = [k for k in want if got.get(k) != want[k]]
                if bad:
                    parts.append("json: " + ", ".join(bad) + " differ")
                    det += [f"json.{k}: expected {want[k]!r}, got {got.get(k)!r}"
                            for k in bad]

    mpath = os.path.join(folder, "expected.md")
    if os.path.exists(mpath):
        want = open(mpath, encoding="utf-8").read()
        out, err = run(cli, "md", page)
        if err:
            parts.append(err)
        elif out != want:
            parts.append("md differs")
            det += diff_lines(want, out, "expected.md", "clipclean -f md", verbose)
        if save and out is not None:
            with open(os.path.join(save, name + ".md"), "w", encoding="utf-8") as f:
                f.write(out)
    return not parts, parts, det


def main():
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under | head
    ap = argparse.ArgumentParser(description="clipclean golden-sample runner")
    ap.add_argument("clipclean")
    ap.add_argument("samples")
    ap.add_argument("cases", nargs="*", help="only cases whose name contains one of these")
    ap.add_argument("-v", "--verbose", action="store_true", help="full diffs")
    ap.add_argument("--save", metavar="DIR", help="write each case's outputs to DIR")
    a = ap.parse_args()
    if not os.access(a.clipclean, os.X_OK):
        print(f"golden: {a.clipclean}: not an executable", file=sys.stderr)
        return 2
    if not os.path.isdir(a.samples):
        print(f"golden: {a.samples}: not a directory", file=sys.stderr)
        return 2
    if a.save:
        os.makedirs(a.save, exist_ok=True)
    folders = sorted(os.path.join(a.samples, d) for d in os.listdir(a.samples)
                     if os.path.isdir(os.path.join(a.samples, d)))
    if a.cases:
        folders = [f for f in folders if any(c in os.path.basename(f) for c in a.cases)]
    if not folders:
        print("golden: no sample folders found", file=sys.stderr)
        return 2
    npass = nfail = 0
    for folder in folders:
        ok, parts, det = run_case(a.clipclean, folder, a.verbose, a.save)
        name = os.path.basename(folder)
        if ok:
            npass += 1
            print(f"PASS {name}" + (f" ({det[-1]})" if det else ""))
        else:
            nfail += 1
            print(f"FAIL {name}: " + "; ".join(parts))
            for l in det:
                print("     " + l)
        sys.stdout.flush()
    print(f"golden: {npass} passed, {nfail} failed")
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
