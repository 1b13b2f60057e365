#!/usr/bin/python3
"""train/train.py — fits clipclean's two models and writes src/lib/model_data.c.

  train/train.py [--fit even|all] [--eval] [--out src/lib/model_data.c]

1. Runs build/train/cc_dump over the development pages (WCXB's 1,497 pages
   of 7 types and AEB's 181 news pages, from ../shared/bench or
   $CLIPCLEAN_WCXB / $CLIPCLEAN_AEB): one row of features per text block.
2. Labels each block by aligning the page's block text with the page's
   ground truth (difflib over word tokens): the share of its words found,
   in order, in the main content.
3. Fits the page type model (7 classes, page-level features; WCXB pages)
   and the block model (main content or not), both scikit-learn
   HistGradientBoostingClassifier. The block model sees the page type as
   features; on the pages it is fitted on, those come from a 5-fold
   cross-fit, so it learns from page types as good as on unseen pages.
4. Evaluates on the pages it did not fit (WCXB's odd-numbered pages when
   fitting on the even ones), by the benchmarks' metrics over the kept
   blocks' text, and writes the trees as C arrays.

Needs Debian's python3-sklearn (scikit-learn 1.2) and python3-numpy; run
with /usr/bin/python3. Deterministic: fixed seeds.
"""
import argparse
import collections
import csv
import difflib
import hashlib
import json
import math
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOK = re.compile(r"\w+")
TYPES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]
csv.field_size_limit(1 << 30)


def find(env, name):
    cands = [os.environ.get(env)] + [os.path.join(ROOT, *[".."] * up, "shared", "bench", name)
                                     for up in (1, 2)]
    for c in cands:
        if c and os.path.isfile(os.path.join(c, "ground-truth.json")):
            return os.path.abspath(c)
    sys.exit(f"train.py: {name} data not found (set {env})")


def pages():
    """[(page id, path, set, split, truth text, page type)]"""
    out = []
    w = find("CLIPCLEAN_WCXB", "wcxb")
    for k, v in sorted(json.load(open(os.path.join(w, "ground-truth.json"))).items()):
        out.append(("w" + k, os.path.join(w, "html", k + ".html.gz"), "wcxb",
                    "even" if int(k) % 2 == 0 else "odd", v["main_content"], v["page_type"]))
    a = find("CLIPCLEAN_AEB", "aeb")
    for k, v in sorted(json.load(open(os.path.join(a, "ground-truth.json"))).items()):
        out.append(("a" + k[:16], os.path.join(a, "html", k + ".html.gz"), "aeb", "aeb",
                    v["articleBody"], "article"))
    return out


def dump(plist, dumper, jobs=2):
    """Runs cc_dump in `jobs` processes; returns (names, {page: (texts, X)})."""
    with tempfile.TemporaryDirectory() as tmp:
        procs = []
        for j in range(jobs):
            lst = os.path.join(tmp, f"list{j}")
            with open(lst, "w") as f:
                for i, p in enumerate(plist):
                    if i % jobs == j:
                        f.write(f"{p[0]}\t{p[1]}\n")
            procs.append(subprocess.Popen([dumper, lst, os.path.join(tmp, f"out{j}")]))
        for p in procs:
            if p.wait() != 0:
                sys.exit("train.py: cc_dump failed")
        names = open(os.path.join(tmp, "out0.names")).read().split()
        out = {}
        for j in range(jobs):
            X = np.fromfile(os.path.join(tmp, f"out{j}.f32"), dtype=np.float32)
            X = X.reshape(-1, len(names))
            with open(os.path.join(tmp, f"out{j}.tsv"), encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")[:-1]
            assert len(lines) == len(X), (len(lines), len(X))
            start = 0
            for k, line in enumerate(lines + [None]):
                pid = line.split("\t", 1)[0] if line is not None else None
                if k and (pid != lines[start].split("\t", 1)[0]):
                    first = lines[start].split("\t", 1)[0]
                    parts = [l.split("\t", 13) for l in lines[start:k]]
                    rng = np.array([[int(v) for v in q[3:13]] for q in parts], dtype=np.int64)
                    out[first] = ([q[13] for q in parts], X[start:k], rng)
                    start = k
    return names, out


def label(texts, truth):
    """Share of each block's words aligned with the truth's, in order."""
    seq, owner = [], []
    for i, r in enumerate(texts):
        t = TOK.findall(r.lower())
        seq += t
        owner += [i] * len(t)
    ref = TOK.findall(truth.lower())
    hit = [0] * len(seq)
    sm = difflib.SequenceMatcher(None, seq, ref, autojunk=False)
    for a, _, n in sm.get_matching_blocks():
        for k in range(a, a + n):
            hit[k] = 1
    cnt, tot = [0] * len(texts), [0] * len(texts)
    for k, o in enumerate(owner):
        tot[o] += 1
        cnt[o] += hit[k]
    return [c / t if t else 0.0 for c, t in zip(cnt, tot)], tot


def word_prf(truth, pred):
    a = collections.Counter(TOK.findall(truth.lower()))
    b = collections.Counter(TOK.findall(pred.lower()))
    na, nb = sum(a.values()), sum(b.values())
    if na == 0:
        return (1.0, 1.0, 1.0) if nb == 0 else (0.0, 0.0, 0.0)
    if nb == 0:
        return 0.0, 0.0, 0.0
    ov = sum((a & b).values())
    p, r = ov / nb, ov / na
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def shingle_pr(truth, pred, n=4):
    def sh(t):
        toks = TOK.findall(t.lower())
        return collections.Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)))
    a, b = sh(truth), sh(pred)
    tp = sum((a & b).values())
    fp, fn = sum((b - a).values()), sum((a - b).values())
    if tp == fp == fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


class Data:
    def __init__(self, plist, names, dumped):
        self.header = names
        self.nf = len(names)
        self.col = {n: i for i, n in enumerate(names)}
        self.pages = []
        self.ranges = []  # per page: the blocks' context ranges (context.c)
        Xs, Y, W = [], [], []
        n = 0
        for pid, path, st, split, truth, ptype in plist:
            texts, X, rng = dumped.get(pid, ([], np.zeros((0, self.nf), np.float32),
                                             np.zeros((0, 10), np.int64)))
            self.ranges.append(rng)
            lab, tot = label(texts, truth) if texts else ([], [])
            Xs.append(X)
            Y += lab
            ntok = sum(tot) or 1
            W += [t / ntok for t in tot]
            self.pages.append(dict(id=pid, set=st, split=split, truth=truth, type=ptype,
                                   rows=(n, n + len(texts)), texts=texts))
            n += len(texts)
        self.X = np.concatenate(Xs)
        self.Y = np.array(Y, dtype=np.float32)
        self.W = np.array(W, dtype=np.float32)
        self.pf = [i for i, n in enumerate(self.header) if n.startswith("w_")]
        self.pt = [self.col["pt_" + t] for t in TYPES]

    def page_matrix(self, idx):
        """Page-level features of pages idx (from each page's first row)."""
        m = np.zeros((len(idx), len(self.pf)), dtype=np.float32)
        for j, i in enumerate(idx):
            a, b = self.pages[i]["rows"]
            if b > a:
                m[j] = self.X[a, self.pf]
        return m


def load_data(plist, dumper, cache):
    """The labelled blocks: from the cache when it was made by this very
    cc_dump binary, else dumped and labelled anew (and cached)."""
    with open(dumper, "rb") as f:
        key = hashlib.sha256(f.read()).hexdigest()
    if cache and os.path.exists(cache):
        with open(cache, "rb") as f:
            k, d = pickle.load(f)
        if k == key:
            return d
    names, dumped = dump(plist, dumper)
    d = Data(plist, names, dumped)
    if cache:
        with open(cache + ".tmp", "wb") as f:
            pickle.dump((key, d), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(cache + ".tmp", cache)
    return d


CTX_NAMES = ["s_p", "s_logit", "s_prev1", "s_next1", "s_prev2", "s_next2", "s_before5",
             "s_after5", "s_a1", "s_a1_words", "s_a2", "s_a2_words", "s_a3", "s_a3_words",
             "s_a5", "s_a5_words", "s_group", "s_page", "s_page_kept", "s_page_max"]
COPIED = ["t_chars", "t_words", "t_ld", "t_punct", "t_end_sentence", "t_boiler", "g_p", "g_li",
          "g_cell", "g_h1", "g_h23", "g_h456", "g_div", "g_pre", "g_caption", "g_other",
          "o_kept", "r_count", "r_share", "pt_article", "pt_forum", "pt_product",
          "pt_collection", "pt_listing", "pt_documentation", "pt_service"]


def context_rows(d, i, p):
    """The context model's rows for page i given stage one's p (as context.c)."""
    a, b = d.pages[i]["rows"]
    n = b - a
    X1 = d.X[a:b]
    words = np.round(np.exp2(X1[:, d.col["t_words"]].astype(np.float64)) - 1)
    w = np.concatenate([[0.0], np.cumsum(words)])
    pw = np.concatenate([[0.0], np.cumsum(words * p)])

    def mean(lo, hi):
        ww = w[hi] - w[lo]
        return np.where(ww > 0, (pw[hi] - pw[lo]) / np.where(ww > 0, ww, 1), 0.0)

    k = np.arange(n)
    r = d.ranges[i]
    q = np.clip(p.astype(np.float32), 1e-4, 1 - 1e-4)
    kept = words[p >= 0.5].sum()
    out = np.zeros((n, len(CTX_NAMES) + len(COPIED)), dtype=np.float32)
    out[:, 0] = p
    out[:, 1] = np.log(q / (1 - q))
    out[:, 2] = np.concatenate([[0.0], p[:-1]]) if n else []
    out[:, 3] = np.concatenate([p[1:], [0.0]]) if n else []
    out[:, 4] = mean(np.maximum(k - 2, 0), k)
    out[:, 5] = mean(np.minimum(k + 1, n), np.minimum(k + 3, n))
    out[:, 6] = mean(np.maximum(k - 5, 0), k)
    out[:, 7] = mean(np.minimum(k + 1, n), np.minimum(k + 6, n))
    for j in range(4):
        lo, hi = r[:, 2 * j], r[:, 2 * j + 1]
        out[:, 8 + 2 * j] = mean(lo, hi)
        out[:, 9 + 2 * j] = np.log2(1.0 + w[hi] - w[lo])
    out[:, 16] = mean(r[:, 8], r[:, 9])
    out[:, 17] = (pw[n] / w[n]) if w[n] > 0 else 0.0
    out[:, 18] = kept / w[n] if w[n] > 0 else 0.0
    out[:, 19] = p.max() if n else 0.0
    for j, name in enumerate(COPIED):
        out[:, len(CTX_NAMES) + j] = X1[:, d.col[name]]
    return out


def fit_pagetype(d, fit_idx):
    X = d.page_matrix(fit_idx)
    y = np.array([TYPES.index(d.pages[i]["type"]) for i in fit_idx])
    m = HistGradientBoostingClassifier(max_iter=150, learning_rate=0.08, max_depth=4,
                                       max_leaf_nodes=15, min_samples_leaf=8,
                                       l2_regularization=1.0, random_state=1)
    return m.fit(X, y)


def set_page_types(d, idx, probs):
    for j, i in enumerate(idx):
        a, b = d.pages[i]["rows"]
        d.X[a:b][:, d.pt] = probs[j]


BLOCK_PARAMS = dict(max_iter=300, learning_rate=0.08, max_leaf_nodes=31, min_samples_leaf=40,
                    l2_regularization=1.0)


def fit_blocks(d, fit_idx, params=None):
    rows = np.concatenate([np.arange(*d.pages[i]["rows"]) for i in fit_idx])
    y = (d.Y[rows] >= 0.5).astype(int)
    m = HistGradientBoostingClassifier(**dict(BLOCK_PARAMS, **(params or {})), random_state=1)
    return m.fit(d.X[rows], y, sample_weight=d.W[rows] * 100 + 0.01)


CONTEXT_PARAMS = dict(max_iter=120, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=100,
                      l2_regularization=1.0)


def fit_context(d, fit_idx, p1):
    """The context model on stage one's out-of-fold p1 {page: p}."""
    X = np.concatenate([context_rows(d, i, p1[i]) for i in fit_idx])
    rows = np.concatenate([np.arange(*d.pages[i]["rows"]) for i in fit_idx])
    y = (d.Y[rows] >= 0.5).astype(int)
    m = HistGradientBoostingClassifier(**CONTEXT_PARAMS, random_state=1)
    return m.fit(X, y, sample_weight=d.W[rows] * 100 + 0.01)


def proba(model, X):
    return model.predict_proba(X)[:, 1] if len(X) else np.zeros(0)


def evaluate(d, predict, idx, name, thr=0.5):
    """Scores pages idx with predict(i) -> p per block, by the benchmarks'
    metrics over the kept blocks' text."""
    by = collections.defaultdict(list)
    aeb = []
    for i in idx:
        pg = d.pages[i]
        a, b = pg["rows"]
        keep = predict(i) >= thr if b > a else []
        text = "\n".join(t for t, k in zip(pg["texts"], keep) if k)
        if pg["set"] == "aeb":
            aeb.append(shingle_pr(pg["truth"], text))
        else:
            s = word_prf(pg["truth"], text)
            by["all"].append(s)
            by[pg["type"]].append(s)
    line = f"{name:<10}"
    for t in ["all"] + TYPES:
        if by[t]:
            line += f" {t[:5]}={sum(x[2] for x in by[t]) / len(by[t]):.3f}"
    if aeb:
        p = sum(x[0] for x in aeb) / len(aeb)
        r = sum(x[1] for x in aeb) / len(aeb)
        line += f"  AEB P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r):.3f}"
    print(line)


def tree_arrays(predictors):
    """Flattens sklearn TreePredictors into (roots, nodes)."""
    roots, nodes = [], []
    for it in predictors:
        for tp in it:
            base = len(nodes)
            roots.append(base)
            for n in tp.nodes:
                leaf = bool(n["is_leaf"])
                nodes.append((float(n["value"]) if leaf else float(n["num_threshold"]),
                              0 if leaf else int(n["feature_idx"]), int(leaf),
                              0 if leaf else base + int(n["left"]),
                              0 if leaf else base + int(n["right"])))
    return roots, nodes


def c_model(var, name, model, features, nclasses):
    roots, nodes = tree_arrays(model._predictors)
    base = np.ravel(model._baseline_prediction).tolist()
    out = [f"static const uint32_t {var}_roots[{len(roots)}] = {{"]
    out += [", ".join(str(r) for r in roots[i:i + 12]) + "," for i in range(0, len(roots), 12)]
    out.append("};")
    out.append(f"static const cc_tree_node {var}_nodes[{len(nodes)}] = {{")
    for i, (v, f, leaf, l, r) in enumerate(nodes):
        # model.h's form: trees in preorder, a split's left child next to
        # it, its right child `right` nodes further; leaves flagged by feature
        if leaf:
            out.append(f"  {{{v!r}f, CC_TREE_LEAF, 0}},")
            continue
        assert l == i + 1 and 0 < r - i <= 0xFFFF and f < 0xFFFF, "tree not in preorder"
        out.append(f"  {{{v!r}f, {f}, {r - i}}},")
    out.append("};")
    out.append(f"static const float {var}_base[{len(base)}] = {{"
               + ", ".join(f"{b!r}f" for b in base) + "};")
    out.append(f"static const char *const {var}_features[{len(features)}] = {{")
    out += ["  " + " ".join(f'"{n}",' for n in features[i:i + 6]) for i in range(0, len(features), 6)]
    out.append("};")
    out.append(f"const cc_model cc_model_{var} = {{\"{name}\", {nclasses}, {len(roots)}, "
               f"{var}_roots, {var}_nodes, {var}_base, {len(features)}, {var}_features}};")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fit", choices=["even", "all"], default="even",
                    help="fit on WCXB's even pages (and AEB), or on every page")
    ap.add_argument("--no-aeb", action="store_true", help="leave AEB out of the fit")
    ap.add_argument("--out", default=os.path.join(ROOT, "src", "lib", "model_data.c"))
    ap.add_argument("--dumper", default=os.path.join(ROOT, "build", "train", "cc_dump"))
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--params", help="block model parameters, as JSON, over BLOCK_PARAMS")
    ap.add_argument("--folds", type=int, default=3, help="cross-fitting folds of stage one")
    ap.add_argument("--cache", default=os.path.join(ROOT, "build", "train", "cache.pickle"),
                    help="dumped and labelled blocks, reused while cc_dump is unchanged")
    a = ap.parse_args()

    plist = pages()
    t0 = time.time()
    d = load_data(plist, a.dumper, a.cache)
    print(f"data ready in {time.time() - t0:.0f} s", file=sys.stderr)
    print(f"{len(d.pages)} pages, {len(d.Y)} blocks, {d.nf} features", file=sys.stderr)

    wc = [i for i, p in enumerate(d.pages) if p["set"] == "wcxb"]
    fit_w = [i for i in wc if a.fit == "all" or d.pages[i]["split"] == "even"]
    held = [i for i in wc if i not in set(fit_w)]
    if a.no_aeb:
        held += [i for i, p in enumerate(d.pages) if p["set"] == "aeb"]
    aeb = [i for i, p in enumerate(d.pages) if p["set"] == "aeb"]

    # page type: cross-fitted on the fitting pages, fitted once for the rest
    pt = fit_pagetype(d, fit_w)
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=1)
    ys = [d.pages[i]["type"] for i in fit_w]
    for tr, te in skf.split(fit_w, ys):
        m = fit_pagetype(d, [fit_w[k] for k in tr])
        te_idx = [fit_w[k] for k in te]
        set_page_types(d, te_idx, m.predict_proba(d.page_matrix(te_idx)))
    rest = held + aeb
    set_page_types(d, rest, pt.predict_proba(d.page_matrix(rest)))
    if held:
        acc = np.mean(pt.predict(d.page_matrix(held)) ==
                      np.array([TYPES.index(d.pages[i]["type"]) for i in held]))
        print(f"page type accuracy on held-out pages: {acc:.3f}")

    fit = fit_w + ([] if a.no_aeb else aeb)
    params = json.loads(a.params) if a.params else None
    # stage one, cross-fitted on the fitting pages so the context model
    # learns from probabilities as good as on unseen pages
    p1 = {}
    kf = StratifiedKFold(n_splits=a.folds, shuffle=True, random_state=2)
    strata = [d.pages[i]["type"] for i in fit]
    for tr, te in kf.split(fit, strata):
        m = fit_blocks(d, [fit[k] for k in tr], params)
        for k in te:
            a_, b_ = d.pages[fit[k]]["rows"]
            p1[fit[k]] = proba(m, d.X[a_:b_])
        print(f"stage one fold fitted in {time.time() - t0:.0f} s", file=sys.stderr)
    bm = fit_blocks(d, fit, params)
    print(f"stage one fitted in {time.time() - t0:.0f} s", file=sys.stderr)
    for i in held:
        a_, b_ = d.pages[i]["rows"]
        p1[i] = proba(bm, d.X[a_:b_])
    cm = fit_context(d, fit, p1)
    print(f"context model fitted in {time.time() - t0:.0f} s", file=sys.stderr)

    def one(i):
        return p1[i]

    def two(i):
        return proba(cm, context_rows(d, i, p1[i]))

    evaluate(d, one, fit_w, "fit/oof1")
    evaluate(d, two, fit_w, "fit/oof2")
    if held:
        evaluate(d, one, held, "held-out1")
        evaluate(d, two, held, "held-out2")
        for thr in (0.35, 0.4, 0.45, 0.55, 0.6):
            evaluate(d, two, held, f"  at {thr}", thr)
    evaluate(d, one, aeb, "aeb/oof1")
    evaluate(d, two, aeb, "aeb/oof2")

    with open(os.path.join(os.path.dirname(a.cache), "models.pickle"), "wb") as f:
        pickle.dump((pt, bm, cm), f)  # for error analysis
    if not a.no_write:
        body = ["/* model_data.c — generated by train/train.py "
                f"(fit: WCXB {a.fit}{'' if a.no_aeb else ' + AEB'}); do not edit. */",
                "#include <stddef.h>", "", '#include "model.h"', ""]
        body.append(c_model("blocks", "blocks", bm, d.header, 1))
        body.append("")
        body.append(c_model("context", "context", cm, CTX_NAMES + COPIED, 1))
        body.append("")
        body.append(c_model("pagetype", "pagetype", pt, [d.header[i] for i in d.pf], 7))
        with open(a.out, "w") as f:
            f.write("\n".join(body) + "\n")
        print(f"wrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
