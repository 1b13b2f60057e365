#!/usr/bin/env python3
"""gen_site.py — a batch of pages from one made-up site, to test and measure
site-level boilerplate learning.

Every page has the same site furniture: navigation, a "most read" box, a
footer, and — the hard part — three sentences of house boilerplate *inside*
the article container, written as ordinary paragraphs (no class names, no
link density, no stock phrases), which no single-page rule can tell from the
story. Only seeing them repeat across the site's pages gives them away.
Article bodies differ per page (seeded pseudo-random prose).

  gen_site.py DIR [--pages N] [--seed S]     write DIR/page-NN.html and
                                             DIR/truth/page-NN.txt
  gen_site.py --measure CLIPCLEAN [--pages N] [--jobs J]
                                             generate in a temp dir, clean
                                             with and without site learning,
                                             print precision/recall/F1
Standard library only."""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter

WORDS = ("harbor council school budget ferry tide river bridge market festival "
         "teacher parent student mayor vote plan road rain storm fisher boat dock "
         "library museum garden park clinic nurse doctor farmer orchard apple "
         "winter summer autumn spring season evening morning report record data "
         "study survey result change growth decline repair project contract "
         "neighbor family village town county island coast lighthouse signal "
         "engine train station bus route schedule ticket price rent house street").split()

HOUSE = [
    "The Harbor Gazette is an independent newspaper serving the bay communities since 1921.",
    "Our reporters cover the harbor, the schools and the council every single day of the year.",
    "Reporting for this story was supported by readers of the Harbor Gazette across the region.",
]
NAV = ["Home", "Local news and community events", "Harbor and shipping reports",
       "Schools and education coverage", "Opinion and letters from readers"]
MOST_READ = ["Ferry schedule changes for the winter season announced",
             "Council approves the new budget after a long debate",
             "Lighthouse restoration project reaches its final stage",
             "Farmers market returns to the town square this spring"]
FOOTER = "Copyright 2024 Harbor Gazette Media Group, all rights reserved worldwide."


def sentence(rng):
    n = rng.randint(8, 16)
    w = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def page(i, rng):
    title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
             for _ in range(rng.randint(5, 9))]
    nav = "".join('<li><a href="/s%d">%s</a></li>' % (k, t) for k, t in enumerate(NAV))
    most = "".join('<li><a href="/m%d">%s</a></li>' % (k, t) for k, t in enumerate(MOST_READ))
    body = "".join("<p>%s</p>\n" % p for p in paras)
    house = "".join("<p>%s</p>\n" % h for h in HOUSE)
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Harbor Gazette</title>
<link rel="canonical" href="https://www.harborgazette.example/news/{i:03d}-story">
<meta property="og:site_name" content="The Harbor Gazette">
</head><body>
<header><div class="logo">The Harbor Gazette</div><nav><ul>{nav}</ul></nav></header>
<main>
<article>
<h1>{title}</h1>
<p>By Staff Writer {i % 7}</p>
{body}{house}</article>
<aside><h3>Most read this week</h3><ul>{most}</ul></aside>
</main>
<footer><p>{FOOTER}</p></footer>
</body></html>
"""
    return html, "\n\n".join(paras)


def generate(d, pages, seed):
    rng = random.Random(seed)
    os.makedirs(os.path.join(d, "truth"), exist_ok=True)
    for i in range(pages):
        html, truth = page(i, rng)
        with open(os.path.join(d, "page-%03d.html" % i), "w", encoding="utf-8") as f:
            f.write(html)
        with open(os.path.join(d, "truth", "page-%03d.txt" % i), "w", encoding="utf-8") as f:
            f.write(truth)


TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    t = TOKEN.findall(text.lower())
    return Counter(tuple(t[i:i + n]) for i in range(max(1, len(t) - n + 1)))


def prf(truth, pred):
    a, b = shingles(truth), shingles(pred)
    tp = sum((a & b).values())
    fp = sum((b - a).values())
    fn = sum((a - b).values())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def measure(binary, pages, jobs):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "site")
        generate(src, pages, 1)
        # the truth folder is not HTML: keep it out of the walk
        truth = os.path.join(tmp, "truth")
        os.rename(os.path.join(src, "truth"), truth)
        rows = []
        for label, extra in (("without site learning", ["--no-site-learning"]),
                             ("with site learning", [])):
            out = os.path.join(tmp, "out-" + str(len(rows)))
            subprocess.run([binary, "-q", "-j", str(jobs), "-O", out] + extra + [src], check=True)
            ps, rs, house_left = [], [], 0
            for name in sorted(os.listdir(truth)):
                with open(os.path.join(truth, name), encoding="utf-8") as f:
                    t = f.read()
                # page-NNN.html -> page-NNN.html.txt (truth: page-NNN.txt)
                with open(os.path.join(out, name[:-4] + ".html.txt"), encoding="utf-8") as f:
                    o = f.read()
                p, r = prf(t, o)
                ps.append(p)
                rs.append(r)
                house_left += sum(h in o for h in HOUSE)
            P, R = sum(ps) / len(ps), sum(rs) / len(rs)
            F = 2 * P * R / (P + R) if P + R else 0
            rows.append((label, P, R, F, house_left))
        print("site learning gain, %d pages of one site (4-gram shingles vs truth):" % pages)
        for label, P, R, F, h in rows:
            print("  %-24s precision %.3f  recall %.3f  F1 %.3f  house sentences left %d/%d"
                  % (label, P, R, F, h, pages * len(HOUSE)))
        return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--measure", metavar="CLIPCLEAN")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    if a.measure:
        measure(a.measure, a.pages, a.jobs)
    elif a.dir:
        generate(a.dir, a.pages, a.seed)
    else:
        ap.error("give DIR or --measure CLIPCLEAN")


if __name__ == "__main__":
    sys.exit(main())
