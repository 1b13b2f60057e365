#!/usr/bin/env python3
"""api.py — checks that what a library user sees stays in step.

  api.py symbols LIB HEADER        the shared library exports exactly the
                                   functions the header declares
  api.py docs HEADER MAN3 MAN1 BIN every function, macro and constant of the
                                   header is in clipclean(3); every long
                                   option of `BIN --help` in clipclean(1);
                                   both pages carry the header's version
  api.py example README OUT        writes the README's library example (the
                                   first C block after "## The library")

Exit status 0 when in step, 1 with one line per problem.
"""
import re
import subprocess
import sys


def header_names(header):
    """(functions, function-like macros, CC_* constants) of the header."""
    text = open(header).read()
    code = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    funcs = set(re.findall(r"\b(cc_\w+)\s*\(", code))
    macros = set(re.findall(r"#define\s+(cc_\w+)\(", code))
    funcs -= macros
    consts = set(re.findall(r"\b(CC_[A-Z0-9_]+)\b", code))
    return funcs, macros, consts


def version(header):
    m = re.search(r'#define CC_VERSION_STRING "([^"]+)"', open(header).read())
    return m.group(1)


def symbols(lib, header):
    funcs, _, _ = header_names(header)
    out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True,
                         check=True).stdout
    exported = {l.split()[-1] for l in out.splitlines() if l.split()}
    problems = ["exported but not in the header: " + s for s in sorted(exported - funcs)]
    problems += ["declared but not exported: " + s for s in sorted(funcs - exported)]
    return problems


def roff_text(path):
    """The page's text with roff escapes for - and font changes undone."""
    t = open(path).read()
    t = t.replace("\\-", "-").replace("\\e", "\\")
    return re.sub(r"\\f[BIRP]", "", t)


def docs(header, man3, man1, binary):
    problems = []
    funcs, macros, consts = header_names(header)
    t3 = roff_text(man3)
    for name in sorted(funcs | macros | consts):
        if name in ("CLIPCLEAN_H",):
            continue
        if not re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", t3):
            problems.append("clipclean(3) does not mention " + name)
    helptext = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    t1 = roff_text(man1)
    for opt in sorted(set(re.findall(r"(--[a-z][a-z0-9-]*)", helptext))):
        if not re.search(re.escape(opt) + r"(?![a-z0-9-])", t1):
            problems.append("clipclean(1) does not document " + opt)
    v = version(header)
    for page in (man1, man3):
        th = next((l for l in open(page) if l.startswith(".TH")), "")
        if "clipclean " + v not in th:
            problems.append("%s: .TH does not say clipclean %s" % (page, v))
    return problems


def example(readme, out):
    text = open(readme).read()
    lib = text.index("## The library")
    m = re.search(r"```c\n(.*?)```", text[lib:], flags=re.S)
    if not m:
        return ["README: no C block after '## The library'"]
    with open(out, "w") as f:
        f.write(m.group(1))
    return []


def main(argv):
    cmds = {"symbols": (symbols, 2), "docs": (docs, 4), "example": (example, 2)}
    if len(argv) < 2 or argv[1] not in cmds or len(argv) - 2 != cmds[argv[1]][1]:
        sys.stderr.write(__doc__)
        return 2
    problems = cmds[argv[1]][0](*argv[2:])
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
