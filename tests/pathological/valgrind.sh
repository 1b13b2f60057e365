#!/bin/sh
# valgrind.sh CLIPCLEAN — runs clipclean under valgrind's memcheck (errors
# and leaks both fail) on a few inputs: a sample page (or a benchmark page),
# a windows-1252 page, a UTF-16 page, a gzip file, deeply nested markup, a
# WARC file (gzip members cut inside headers), and a binary file (refused:
# the only input allowed to fail). Slow: keep the
# list short. Needs a build without sanitizers, and runs with --no-sandbox:
# valgrind does not support seccomp (the workers could not enter it).
set -eu
cc=${1:?usage: valgrind.sh CLIPCLEAN}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in "$root"/samples/*/page.html "$root"/../shared/bench/aeb/html/*.html.gz \
         /work/shared/bench/aeb/html/*.html.gz; do
  if [ -f "$s" ]; then cp "$s" "$tmp/"; break; fi
done
printf '<!doctype html><meta charset=windows-1252><title>t</title><article><h1>Gr\374\337e</h1><p>Die Stra\337e war nass, als wir am fr\374hen Morgen durch die Altstadt gingen, vorbei an Caf\351s.</p></article>' >"$tmp/cp1252.html"
python3 "$here/gen.py" utf16le_bom 0.01 "$tmp/utf16.html"
python3 "$here/gen.py" nested_div 0.05 "$tmp/nested.html"
python3 "$here/gen.py" reopened_formatting 0.05 "$tmp/formatting.html"
python3 "$here/gen.py" binary_junk 0.01 "$tmp/junk.bin"
python3 "$here/gen.py" warc_member_in_header 0.005 "$tmp/crawl.warc.gz"
gzip -c "$tmp/cp1252.html" >"$tmp/page.html.gz"
failed=0 n=0
for f in "$tmp"/*; do
  for fmt in txt json; do
    # a WARC holds several pages: one JSON object per page and line
    case $f in *.warc.gz) [ "$fmt" = json ] && fmt=jsonl ;; esac
    n=$((n + 1))
    st=0
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      "$cc" --no-sandbox -f "$fmt" "$f" >/dev/null 2>"$tmp/vg.log" || st=$?
    want=0
    case $f in *.bin) want=1 ;; esac # binary data: refused with a message
    if [ "$st" = "$want" ]; then
      echo "ok   $(basename "$f") ($fmt)"
    else
      failed=$((failed + 1))
      echo "FAIL $(basename "$f") ($fmt)"
      cat "$tmp/vg.log"
    fi
  done
done
echo "$((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
