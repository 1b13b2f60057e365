#!/usr/bin/env python3
"""tests/seeds.py — the five real clippings against what a reader expects.

    seeds.py CLIPCLEAN DIR

For every DIR/NAME.txt (a plain-text clipping, pollution included) runs
`CLIPCLEAN -f txt NAME.txt` — no --input-format: the input must be sniffed
as text — and checks the body against two lists written by us:

  NAME.keep  one line per article block that must be in the body, each
             as a block of its own (a whole output line);
  NAME.gone  one line per boilerplate line that must not be in the body:
             cookie consent, appeals, prompts, teasers, captions, credits,
             menus, notices, UI strings, the title, the author's signature.

Comparison ignores case, runs of whitespace (no-break spaces included) and
the kind of apostrophe; a gone line matches only as whole words, and a gone
line of one or two characters only as a whole output line ("0", "©").
Ends with the plain 'N passed, N failed' line.
"""
import os
import re
import subprocess
import sys


def norm(s):
    s = s.replace("\u00a0", " ").replace("\u2019", "'").replace("\u02bc", "'")
    return re.sub(r"\s+", " ", s).strip().lower()


def main():
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1])
        return 2
    binary, d = sys.argv[1], sys.argv[2]
    passed = failed = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".txt"):
            continue
        base = os.path.join(d, name[:-4])
        p = subprocess.run([binary, "-f", "txt", os.path.join(d, name)], capture_output=True)
        if p.returncode != 0:
            print(f"FAIL {name}: exit {p.returncode}: {p.stderr.decode(errors='replace').strip()}")
            failed += 1
            continue
        out = p.stdout.decode("utf-8", "replace")
        lines = {norm(l) for l in out.split("\n") if l.strip()}
        body = norm(out)
        problems = []
        for kind in ("keep", "gone"):
            path = f"{base}.{kind}"
            if not os.path.exists(path):
                problems.append(f"no {kind} file")
                continue
            for want in open(path, encoding="utf-8").read().split("\n"):
                w = norm(want)
                if not w:
                    continue
                if kind == "keep":
                    if w not in lines:
                        problems.append(f"missing: {want}")
                elif len(w) <= 2:
                    if w in lines:
                        problems.append(f"still there: {want}")
                else:
                    pat = (r"(?<!\w)" if w[0].isalnum() else "") + re.escape(w) + \
                          (r"(?!\w)" if w[-1].isalnum() else "")
                    if re.search(pat, body):
                        problems.append(f"still there: {want}")
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for pr in problems:
                print(f"  {pr}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
