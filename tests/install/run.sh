#!/bin/sh
# tests/install/run.sh BUILD [CFLAGS] — what a user of the library gets:
# installs BUILD into a temporary prefix, checks the files, the SONAME, the
# exported symbols, the man pages and the pkg-config data, then builds the
# README's example program (tests/install/api.py extracts it) and runs it
# on a sample page four ways: with pkg-config (shared), with
# find_package(clipclean) (shared and static), and with pkg-config
# --static from a prefix holding only the static library. CFLAGS go to
# every compile and link (the sanitizers, when BUILD is sanitized).
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
flags=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

P=$tmp/prefix
cmake --install "$build" --prefix "$P" >/dev/null
pc=$(find "$P" -name clipclean.pc)
[ -n "$pc" ] || fail "no clipclean.pc installed"
libdir=$(dirname "$(dirname "$pc")")
for f in bin/clipclean include/clipclean.h share/man/man1/clipclean.1 share/man/man3/clipclean.3 \
         share/bash-completion/completions/clipclean; do
  [ -f "$P/$f" ] || fail "not installed: $f"
done
for f in libclipclean.a libclipclean.so libclipclean.so.0 clipclean.pc \
         cmake/clipclean/clipclean-config.cmake cmake/clipclean/clipclean-config-version.cmake; do
  [ -e "$libdir/$f" ] || [ -e "$libdir/pkgconfig/$f" ] || fail "not installed: $f"
done
readelf -d "$libdir/libclipclean.so" | grep -q 'SONAME.*\[libclipclean\.so\.0\]' ||
  fail "SONAME is not libclipclean.so.0"
python3 "$src/tests/install/api.py" symbols "$libdir/libclipclean.so" "$P/include/clipclean.h" ||
  fail "the shared library exports other symbols than the header declares"
"$P/bin/clipclean" --version | grep -q "^clipclean " || fail "clipclean --version"

# the man pages render (man -l), without a groff warning
for page in "$P/share/man/man1/clipclean.1" "$P/share/man/man3/clipclean.3"; do
  MANWIDTH=80 man -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err" || fail "man -l $page"
  grep -q "clipclean" "$tmp/man.txt" || fail "man -l $page: nothing rendered"
  groff -man -Tutf8 -ww -z "$page" 2>"$tmp/groff.err"
  [ ! -s "$tmp/groff.err" ] || fail "groff warnings in $page: $(cat "$tmp/groff.err")"
done

export PKG_CONFIG_PATH="$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
want=$(sed -n 's/^#define CC_VERSION_STRING "\(.*\)"/\1/p' "$src/include/clipclean.h")
[ "$(pkg-config --modversion clipclean)" = "$want" ] || fail "pkg-config version"
static_libs=$(pkg-config --static --libs clipclean)
for l in -lclipclean -lgumbo -lxml2 -luchardet -ljansson -lz -ldeflate -lm -pthread; do
  case " $static_libs " in *" $l "*) ;; *) fail "pkg-config --static --libs lacks $l" ;; esac
done

python3 "$src/tests/install/api.py" example "$src/README.md" "$tmp/page2md.c"
page="$src/samples/01-fr-consent-wording/page.html"
title=$("$P/bin/clipclean" -f json "$page" | python3 -c 'import json,sys; print(json.load(sys.stdin)["title"])')
# runs a build of the example: the title heads its output, and the page
# without a title (a NULL title) still works
check_run() {
  exe=$1
  "$exe" <"$page" >"$tmp/out.md" || fail "$exe failed"
  [ "$(head -n 1 "$tmp/out.md")" = "# $title" ] || fail "$exe: first line $(head -n 1 "$tmp/out.md")"
  [ "$(wc -l <"$tmp/out.md")" -gt 5 ] || fail "$exe: too little output"
  printf '<html><body><p>A page without a title, only this sentence of a paragraph.</p>' |
    "$exe" >"$tmp/out2.md" || fail "$exe failed on a page without title"
  [ "$(head -n 1 "$tmp/out2.md")" = "# (untitled)" ] || fail "$exe: a NULL title"
}
needs_shared() { readelf -d "$1" | grep -q 'NEEDED.*libclipclean\.so\.0'; }

# 1. pkg-config, shared
# shellcheck disable=SC2046,SC2086
cc $flags -o "$tmp/pc_shared" "$tmp/page2md.c" $(pkg-config --cflags --libs clipclean) \
  -Wl,-rpath,"$libdir" || fail "build with pkg-config"
needs_shared "$tmp/pc_shared" || fail "pc_shared does not use libclipclean.so.0"
check_run "$tmp/pc_shared"

# 2. CMake's find_package, shared and static
cmake -S "$src/tests/install/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$P" \
  -DEXAMPLE="$tmp/page2md.c" -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
  >"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log"; fail "find_package(clipclean)"; }
cmake --build "$tmp/consumer" >"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log"; fail "cmake build"; }
needs_shared "$tmp/consumer/page2md_shared" || fail "clipclean::clipclean is not the shared library"
needs_shared "$tmp/consumer/page2md_static" && fail "clipclean::clipclean_static uses the shared library"
check_run "$tmp/consumer/page2md_shared"
check_run "$tmp/consumer/page2md_static"

# 3. pkg-config --static, from a prefix with only the static library
S=$tmp/static
cp -a "$P" "$S"
rm -f "$S/${libdir#"$P/"}"/libclipclean.so*
# shellcheck disable=SC2046,SC2086
cc $flags -o "$tmp/pc_static" "$tmp/page2md.c" \
  $(pkg-config --define-variable=prefix="$S" --static --cflags --libs clipclean) ||
  fail "static build with pkg-config --static"
needs_shared "$tmp/pc_static" && fail "pc_static uses the shared library"
check_run "$tmp/pc_static"
echo "install: ok ($P: 4 builds of the README example ran)"
