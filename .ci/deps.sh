#!/bin/sh
# .ci/deps.sh [build|test|extended] — installs what clipclean needs from
# Debian's packages, by tier (each includes the ones before it):
#   build     compile the library and the tool (the README's first command)
#   test      run tests/run-all.sh (the README's second command)
#   extended  the extended tier: fuzzing (clang) and valgrind
# Nothing is installed (and apt is not run) when every package is there
# already. Installing needs root: run as root, or it uses sudo.
set -eu
tier=${1:-build}
pkgs="build-essential cmake pkg-config ca-certificates libgumbo-dev libxml2-dev
  libuchardet-dev libjansson-dev zlib1g-dev libdeflate-dev libcurl4-openssl-dev libseccomp-dev
  libunistring-dev"
case $tier in
  build) ;;
  test | extended)
    # python3: test drivers (python3-yaml: front matter read back by a
    # real YAML parser); time: CPU and RSS of pathological runs;
    # cmark-gfm: Markdown cross-checked against a CommonMark reader;
    # bash-completion, man-db, groff-base: the installed completion and
    # man pages; openssl: the TLS fetch test's certificate; the Python
    # binding's tests: pytest, Dask (LocalCluster), pip install in a venv
    pkgs="$pkgs python3 python3-yaml time cmark-gfm bash-completion man-db groff-base openssl"
    pkgs="$pkgs python3-pytest python3-dask python3-distributed python3-pip python3-venv"
    [ "$tier" = extended ] && pkgs="$pkgs clang libclang-rt-dev valgrind" ;;
  *) echo "usage: $0 [build|test|extended]" >&2; exit 2 ;;
esac
missing=
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  as_root=
elif command -v sudo >/dev/null 2>&1; then
  as_root=sudo
else
  echo "clipclean needs these Debian packages (install them as root):$missing" >&2
  exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
