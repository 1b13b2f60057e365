#!/bin/sh
# new-sample.sh NAME — create samples/NN-NAME/ with the files a golden case
# needs, NN being the next free number. Fill them in, then run
#   python3 tests/golden.py build/clipclean samples NN-NAME
# (the runner checks the fixture itself too: see samples/README.md).
set -eu
if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: tests/new-sample.sh NAME   (e.g. fr-paywall-teaser)" >&2
  exit 2
fi
case "$1" in
  */* | .* | *[!A-Za-z0-9._-]*)
    echo "new-sample.sh: NAME may hold only letters, digits, '.', '_' and '-'" >&2
    exit 2 ;;
esac
top=$(cd "$(dirname "$0")/.." && pwd)
dir="$top/samples"
mkdir -p "$dir"
last=$(ls "$dir" | sed -n 's/^\([0-9][0-9]*\)-.*/\1/p' | sort -n | tail -n 1 | sed 's/^0*//')
next=$(printf '%02d' $(( ${last:-0} + 1 )))
case_dir="$dir/$next-$1"
mkdir "$case_dir"
cat > "$case_dir/page.html" <<'HTML'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Headline | Site</title>
</head>
<body>
<!-- a whole page: nav, header, the article, the pollution, the footer -->
</body>
</html>
HTML
: > "$case_dir/expected.txt"
: > "$case_dir/boilerplate.txt"
echo "created ${case_dir#$top/}/: write page.html, then expected.txt (the article" \
     "body only) and boilerplate.txt (one planted string per line);" \
     "expected.json and expected.md are optional"
