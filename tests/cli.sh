#!/bin/sh
# cli.sh CLIPCLEAN — tests of the clipclean command line: options, formats,
# stdin, output files and directories, gzip, bad inputs, exit statuses.
#
# Every test asserts on real outputs (status, stdout, stderr, files). Runs in
# a temporary directory that is removed at the end. Prints "ok"/"not ok" per
# check and ends with "cli: N passed, N failed"; exits 1 when a check failed.
# Needs python3 for the JSON checks.
set -u

if [ $# -ne 1 ]; then
  echo "usage: cli.sh PATH/TO/clipclean" >&2
  exit 2
fi
case "$1" in
  /*) CC=$1 ;;
  *) CC=$(pwd)/$1 ;;
esac
if [ ! -x "$CC" ]; then
  echo "cli.sh: $CC: not an executable" >&2
  exit 2
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/clipclean-cli.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' INT TERM
cd "$T" || exit 2

npass=0
nfail=0
ok() { npass=$((npass + 1)); echo "ok - $1"; }
notok() {
  nfail=$((nfail + 1))
  echo "not ok - $1"
  shift
  for l in "$@"; do printf '    %s\n' "$l"; done
}
# check NAME EXPR : evaluates the shell expression EXPR (conditions may be
# chained with &&) and records the result; a failure shows the expression
# and the last run's status and stderr.
check() {
  if eval "$2"; then
    ok "$1"
  else
    notok "$1" "failed: $2" "last status=$rc; stderr: $(head -c 300 err 2>/dev/null)"
  fi
}
# run ARGS... : clipclean with stdout in ./out, stderr in ./err, status in $rc.
run() {
  "$CC" "$@" >out 2>err
  rc=$?
}
# runin FILE ARGS... : the same with stdin from FILE.
runin() {
  f=$1
  shift
  "$CC" "$@" <"$f" >out 2>err
  rc=$?
}
lines() { wc -l <"$1" | tr -d ' '; }
has() { grep -q -- "$2" "$1"; }
is_empty() { [ ! -s "$1" ]; }
# The names in DIR (default: the current directory), sorted, on one line,
# dot files included (to catch temporary files left behind).
listing() { (cd "${1:-.}" && ls -A | LC_ALL=C sort | tr '\n' ' '); }
json_ok() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
def parse(t):
    try:
        return json.loads(t)
    except ValueError:
        return None
o = parse(text)
objs = [parse(l) for l in text.splitlines() if l.strip()]
if None in objs:
    objs = None
try:
    ok = eval(sys.argv[2])
except Exception:
    ok = False
sys.exit(0 if ok else 1)
EOF
}

# ---------------------------------------------------------------- fixtures
cat >page.html <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Keeper's log reaches the archive | Cape Mercy Times</title>
<meta property="og:title" content="Keeper's log reaches the archive">
<meta property="og:site_name" content="Cape Mercy Times">
</head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
<li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li></ul></nav>
<article>
<h1>Keeper's log reaches the archive</h1>
<p>The lighthouse keeper's log from 1911 to 1938 has been handed to the county archive by his granddaughter, who found the six ledgers in a trunk while clearing her mother's attic last winter.</p>
<p>The ledgers record the weather four times a day, every ship that passed the point and, in the margins, the keeper's opinion of most of them. Archivists say the records fill a gap in the coast's shipping history between the two wars.</p>
<p>One entry from November 1927 describes the keeper rowing out alone to a grounded schooner and bringing back its crew of five, an event that the local paper of the time did not report at all.</p>
<p>The archive plans to scan the ledgers this spring and put them online, with a transcription made by volunteers from the historical society, who have already started on the first volume.</p>
<p>Visitors can see two of the ledgers in the reading room on Saturday mornings until the end of March, by appointment with the archive's staff.</p>
</article>
<footer><p>Copyright 2025 Cape Mercy Times. All rights reserved.</p></footer>
</body>
</html>
EOF
SENT="granddaughter, who found the six ledgers"
# The reference txt rendering, to compare every other way of running against.
"$CC" page.html >ref.txt 2>ref.err
rc=$?
if [ $rc -ne 0 ] || ! has ref.txt "$SENT"; then
  notok "reference run: clipclean page.html prints the article" "status=$rc" "stderr: $(cat ref.err)"
  echo "cli: $npass passed, $nfail failed"
  exit 1
fi
ok "reference run: clipclean page.html prints the article"
gzip -c -n page.html >page.html.gz
mkdir in
cp page.html in/page.html

# ------------------------------------------------------------ help, version
run --help
check "--help exits 0" '[ $rc -eq 0 ]'
check "--help prints usage on stdout" 'has out "usage: clipclean"'
check "--help lists the options" 'has out "--output-dir"'
check "--help writes nothing to stderr" 'is_empty err'
run -h
check "-h exits 0 with usage" '[ $rc -eq 0 ] && has out "usage: clipclean"'
run --version
check "--version exits 0" '[ $rc -eq 0 ]'
check "--version prints clipclean X.Y.Z" 'grep -Eq "^clipclean [0-9]+\.[0-9]+" out'
run -V
check "-V exits 0 with the version" '[ $rc -eq 0 ] && grep -Eq "^clipclean [0-9]+\.[0-9]+" out'

# ------------------------------------------------------------- usage errors
run --bogus page.html
check "unknown option exits 2" '[ $rc -eq 2 ]'
check "unknown option is named on stderr" 'has err "bogus"'
check "unknown option prints nothing on stdout" 'is_empty out'
run -f pdf page.html
check "unknown format exits 2 naming it" '[ $rc -eq 2 ] && has err "pdf"'
run -o a.txt -O in page.html
check "-o with -O exits 2" '[ $rc -eq 2 ] && [ -s err ] && [ ! -e a.txt ]'
run -O new-dir/sub page.html
check "-O with a missing directory creates it" '[ $rc -eq 0 ] && [ -s new-dir/sub/page.html.txt ]'
: > not-a-dir
run -O not-a-dir page.html
check "-O naming a file exits 2 with a message" '[ $rc -eq 2 ] && has err "not-a-dir"'
run --max-size lots page.html
check "bad --max-size exits 2" '[ $rc -eq 2 ] && [ -s err ]'
run --charset no-such-charset page.html
check "--charset with an unknown name exits 2 naming it" '[ $rc -eq 2 ] && has err "no-such-charset" && is_empty out'
run --charset LATIN1 page.html
check "--charset takes any WHATWG label, any case" '[ $rc -eq 0 ] && has out "granddaughter"'

# ------------------------------------------------------------------ formats
run -f txt page.html
check "-f txt: exit 0" '[ $rc -eq 0 ]'
check "-f txt: same as the default" 'cmp -s out ref.txt'
check "-f txt: no markup left" '! grep -q "<" out'
check "-f txt: ends with a newline" '[ "$(tail -c 1 out | od -An -tx1 | tr -d " ")" = 0a ]'
check "-f txt: headline not in the body" '! grep -q "log reaches the archive" out'
check "-f txt: nav and footer left out" '! grep -Eq "About us|All rights reserved" out'
run -f text page.html
check "-f text is an alias of txt" 'cmp -s out ref.txt'
run --no-clipped -f md page.html  # (the clipping time would differ)
check "-f md: exit 0 with the article" '[ $rc -eq 0 ] && has out "$SENT"'
cp out md.out
run --no-clipped -f markdown page.html
check "-f markdown is an alias of md" 'cmp -s out md.out'
run -f html page.html
check "-f html: exit 0" '[ $rc -eq 0 ]'
check "-f html: an HTML5 document" 'grep -iq "^<!DOCTYPE html>" out'
check "-f html: paragraphs as <p>" 'has out "<p>"'
check "-f html: holds the article" 'has out "$SENT"'
check "-f html: charset declared" 'grep -Eiq "<meta charset=.?utf-8" out'
run -f json page.html
check "-f json: exit 0" '[ $rc -eq 0 ]'
check "-f json: one object with the text" 'json_ok out "isinstance(o, dict) and \"$SENT\" in o.get(\"text\", \"\")"'
check "-f json: title without the site suffix" 'json_ok out "o.get(\"title\") == \"Keeper\x27s log reaches the archive\""'
check "-f json: text field equals the txt rendering" 'json_ok out "o[\"text\"].rstrip() == open(\"ref.txt\", encoding=\"utf-8\").read().rstrip()"'
run -f json page.html in/page.html
check "-f json with two inputs to one stream: refused (exit 2), pointing to jsonl" '[ $rc -eq 2 ] && is_empty out && has err "jsonl"'
run -f jsonl page.html in/page.html
check "-f jsonl with two inputs: one object per input and line" 'json_ok out "len(objs) == 2 and all(\"$SENT\" in x[\"text\"] for x in objs)"'

# -------------------------------------------------------------------- stdin
runin page.html
check "stdin by default: same output as the file" '[ $rc -eq 0 ] && cmp -s out ref.txt'
runin page.html -
check "'-' reads stdin" '[ $rc -eq 0 ] && cmp -s out ref.txt'
runin page.html.gz
check "gzip on stdin is read transparently" '[ $rc -eq 0 ] && cmp -s out ref.txt'

# ------------------------------------------------------------- missing file
run missing.html page.html
check "missing file: exit 1" '[ $rc -eq 1 ]'
check "missing file: one line for it, then the summary accounting for both inputs" '[ "$(lines err)" = 2 ] && [ "$(tail -n 1 err)" = "clipclean: 2 inputs: 1 cleaned, 0 empty, 1 failed, 0 skipped" ]'
check "missing file: the line is 'clipclean: <path>: No such file or directory'" '[ "$(head -n 1 err)" = "clipclean: missing.html: No such file or directory" ]'
check "missing file: the other input is still processed" 'cmp -s out ref.txt'
run -q missing.html page.html
check "missing file, -q: the same two lines" '[ $rc -eq 1 ] && [ "$(lines err)" = 2 ] && has err "2 inputs: 1 cleaned"'
run missing.html
check "one missing file: just its line (no summary for one input)" '[ $rc -eq 1 ] && [ "$(lines err)" = 1 ]'
run page.html missing.html
check "missing file last: the first input still printed, exit 1" '[ $rc -eq 1 ] && cmp -s out ref.txt'
mkdir adir.html
run adir.html
check "a directory as input: exit 1 with a message naming it" '[ $rc -eq 1 ] && has err "adir.html" && is_empty out'
run page.html page.html
check "all inputs good: exit 0" '[ $rc -eq 0 ]'

# -------------------------------------------------------------- -O DIR naming
mkdir names outd
cp page.html names/a.html
cp page.html names/b.htm
cp page.html names/c.txt
cp page.html.gz names/d.html.gz
cp page.html names/e
cp page.html names/f.backup.html
run -O outd names/a.html names/b.htm names/c.txt names/d.html.gz names/e names/f.backup.html
check "-O: exit 0" '[ $rc -eq 0 ]'
check "-O: DIR/<whole input name>.txt, nothing else in DIR" '[ "$(listing outd)" = "a.html.txt b.htm.txt c.txt.txt d.html.gz.txt e.txt f.backup.html.txt " ]'
check "-O: nothing on stdout" 'is_empty out'
check "-O: each file holds the rendering" 'cmp -s outd/a.html.txt ref.txt'
check "-O: the .html.gz input gives the same rendering" 'cmp -s outd/d.html.gz.txt ref.txt'
mkdir outm
run -O outm -f md names/a.html names/d.html.gz
check "-O -f md: DIR/<name>.md" '[ $rc -eq 0 ] && [ "$(listing outm)" = "a.html.md d.html.gz.md " ]'
mkdir outs
runin page.html -O outs
check "-O with stdin: DIR/stdin.txt" '[ $rc -eq 0 ] && [ "$(listing outs)" = "stdin.txt " ] && cmp -s outs/stdin.txt ref.txt'
mkdir outx
run -O outx missing.html names/a.html
check "-O with a missing input: exit 1, the other output written" '[ $rc -eq 1 ] && [ "$(listing outx)" = "a.html.txt " ]'
run -O outd names/a.html
check "-O over an existing output replaces it" '[ $rc -eq 0 ] && cmp -s outd/a.html.txt ref.txt && [ "$(listing outd)" = "a.html.txt b.htm.txt c.txt.txt d.html.gz.txt e.txt f.backup.html.txt " ]'

# ------------------------------------------------------- -O . over the input
mkdir here
cp page.html here/x
cp page.html here/x.html
cp page.html here/y.htm
(cd here && "$CC" -O . -f html x x.html y.htm >../out 2>../err)
rc=$?
check "-O . -f html x x.html (x -> x.html, an input): refuses, exit 1" '[ $rc -eq 1 ]'
check "-O . -f html x x.html: x.html left intact" 'cmp -s here/x.html page.html'
check "-O . -f html x x.html: says why, naming it" 'has err "x.html: refusing to overwrite an input"'
check "-O . -f html: the other inputs (x.html, y.htm) are still written" 'grep -q "$SENT" here/y.htm.html && grep -q "$SENT" here/x.html.html'
check "-O . -f html: no temporary file left" '[ "$(listing here)" = "x x.html x.html.html y.htm y.htm.html " ]'

# ----------------------------------------------------------------- -o FILE
mkdir o
run -o o/res.txt page.html
check "-o: exit 0, nothing on stdout" '[ $rc -eq 0 ] && is_empty out'
check "-o: the file holds the rendering" 'cmp -s o/res.txt ref.txt'
check "-o: no temporary file left" '[ "$(listing o)" = "res.txt " ]'
echo "old content" >o/res.txt
run -o o/res.txt page.html
check "-o: replaces an existing file" '[ $rc -eq 0 ] && cmp -s o/res.txt ref.txt && [ "$(listing o)" = "res.txt " ]'
run -o o/two.txt page.html in/page.html
check "-o with two inputs: both renderings in the one file" '[ $rc -eq 0 ] && [ "$(grep -c "$SENT" o/two.txt)" = 2 ]'
echo "old content" >o/keep.txt
run -o o/keep.txt missing.html
check "-o when every input failed: exit 1, the existing file is not clobbered" '[ $rc -eq 1 ] && [ "$(cat o/keep.txt)" = "old content" ]'
run -o o/mix.txt missing.html page.html
check "-o with one input missing: exit 1, the good one written" '[ $rc -eq 1 ] && cmp -s o/mix.txt ref.txt'
run -o no-such-dir/res.txt page.html
check "-o into a missing directory: exit 1 with a message" '[ $rc -eq 1 ] && has err "no-such-dir/res.txt"'
rm -f o/keep.txt o/two.txt o/mix.txt

mkdir self
cp page.html self/p.html
(cd self && "$CC" -o p.html p.html >../out 2>../err)
rc=$?
check "-o p.html p.html: refuses with a nonzero exit" '[ $rc -ne 0 ]'
check "-o p.html p.html: says it refuses to overwrite the input" 'grep -Eiq "refus|overwrite|same" err'
check "-o p.html p.html: the input is intact" 'cmp -s self/p.html page.html'
(cd self && "$CC" -o ./p.html p.html >../out 2>../err)
rc=$?
check "-o ./p.html p.html (another spelling): refused, input intact" '[ $rc -ne 0 ] && cmp -s self/p.html page.html'
ln -s p.html self/link.html
(cd self && "$CC" -o link.html p.html >../out 2>../err)
rc=$?
check "-o through a symlink to the input: refused, input intact" '[ $rc -ne 0 ] && cmp -s self/p.html page.html'
check "-o refusals leave no temporary file" '[ "$(listing self)" = "link.html p.html " ]'

# ----------------------------------------------------------------- gzip
run page.html.gz
check ".html.gz: read transparently, same output" '[ $rc -eq 0 ] && cmp -s out ref.txt'
printf '\037\213\010\000\000\000\000\000\000\003this is not deflate data at all, just bytes' >corrupt.html.gz
run corrupt.html.gz
check "corrupt .gz: exit 1" '[ $rc -eq 1 ]'
check "corrupt .gz: one clear line naming the file and gzip" '[ "$(lines err)" = 1 ] && has err "corrupt.html.gz" && grep -iq "gzip" err'
check "corrupt .gz: nothing on stdout" 'is_empty out'
head -c 200 page.html.gz >trunc.html.gz
run trunc.html.gz page.html
check "truncated .gz: exit 1, error names it, the next input still processed" '[ $rc -eq 1 ] && has err "trunc.html.gz" && cmp -s out ref.txt'

# ----------------------------------------------------- empty and binary input
: >empty.html
run empty.html
check "empty file: exit 0 (an empty page is a page with no article)" '[ $rc -eq 0 ]'
check "empty file: empty output, not even a newline" 'is_empty out'
run -f json empty.html
check "empty file -f json: a valid object with an empty text" 'json_ok out "o[\"text\"] == \"\""'
# a PNG-like binary: magic, NULs, high bytes
{ printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\001\000'; head -c 3000 /dev/zero; printf '\377\376\375\001\002\003\000\000'; } >image.png
run image.png
check "binary file: no crash (status below 128)" '[ $rc -lt 128 ]'
check "binary file: exit 1, refused as not a text document" '[ $rc -eq 1 ]'
check "binary file: one line on stderr naming it" '[ "$(lines err)" = 1 ] && has err "image.png"'
check "binary file: nothing on stdout" 'is_empty out'
run image.png page.html
check "binary file among inputs: exit 1, the page still processed" '[ $rc -eq 1 ] && cmp -s out ref.txt'
run --max-size 100 page.html
check "--max-size smaller than the input: exit 1 with a message" '[ $rc -eq 1 ] && has err "page.html"'

# ------------------------------------------------------------------ explain
run --explain page.html
check "--explain: exit 0, stdout unchanged" '[ $rc -eq 0 ] && cmp -s out ref.txt'
blocks=$(grep -c . ref.txt)
report=$(grep -vc '^==' err)
check "--explain: at least one stderr line per output block, plus the dropped ones ($report lines for $blocks blocks)" '[ "$report" -gt "$blocks" ]'
check "--explain: names the input" 'has err "page.html"'

echo "cli: $npass passed, $nfail failed"
[ $nfail -eq 0 ]
