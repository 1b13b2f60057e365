#!/bin/sh
# plain.sh CLIPCLEAN SAMPLES — the CLI built without libseccomp and without
# test hooks (tests/CMakeLists.txt: clipclean_plain): its workers run
# unconfined, which it says once per run, and it cleans every sample; with
# --no-sandbox (or -q) it says nothing; the binary holds no CLIPCLEAN_TEST_
# hook (a release build must not).
set -u
cc=$1
samples=$2
t=$(mktemp -d "${TMPDIR:-/tmp}/clipclean-plain.XXXXXX") || exit 2
trap 'rm -rf "$t"' EXIT
fail=0
check() {
  if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi
}
"$cc" -f jsonl "$samples"/*/page.html* >"$t/out.jsonl" 2>"$t/err"
rc=$?
check "without libseccomp: every sample cleaned (exit 0)" '[ $rc -eq 0 ]'
check "one ok record per sample" '[ "$(grep -c "\"status\":\"ok\"" "$t/out.jsonl")" -eq "$(ls -d "$samples"/*/page.html* | wc -l)" ]'
check "says once that the workers run unconfined" '[ "$(grep -c "unconfined" "$t/err")" -eq 1 ]'
"$cc" --no-sandbox -q "$samples"/01*/page.html >/dev/null 2>"$t/err2"
check "--no-sandbox: nothing said" '[ $? -eq 0 ] && [ ! -s "$t/err2" ]'
check "no test hook compiled in" '! grep -q CLIPCLEAN_TEST_ "$cc"'
[ -n "$(cat "$t/err")" ] && sed 's/^/    stderr: /' "$t/err"
exit $fail
