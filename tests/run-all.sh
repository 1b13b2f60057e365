#!/bin/sh
# tests/run-all.sh [--extended] — the test suite, as CI runs it.
#
# Quick tier (the default, the README's test command): installs what
# testing needs (.ci/deps.sh test), builds with -Werror under
# AddressSanitizer + UndefinedBehaviorSanitizer (leaks included) and runs
# every CTest test but those labelled "extended": unit tests per stage,
# golden samples, seeds, the CLI, batches, URL fetching, the install and
# link test, regression inputs, a quick pass over the pathological inputs.
#
# Extended tier (--extended; .ci/run runs both): the exhaustive probe of
# the pre-pass's structure model (CTest label "extended", in the same
# sanitized build), then, in a plain RelWithDebInfo build, every
# pathological input at 1x and 10x with its time, memory and growth
# checks, and valgrind (memcheck, leaks included) on a few inputs.
#
# BUILD_DIR: the sanitized build (default build-asan); the extended tier's
# plain build is BUILD_DIR-plain.
set -eu
cd "$(dirname "$0")/.."
tier=quick
case "${1:-}" in
  "") ;;
  --extended) tier=extended ;;
  *) echo "usage: $0 [--extended]" >&2; exit 2 ;;
esac
sh .ci/deps.sh "$([ $tier = extended ] && echo extended || echo test)"
build=${BUILD_DIR:-build-asan}
jobs=$(nproc)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCC_SANITIZE=ON -DCC_WERROR=ON \
  -DBUILD_TESTING=ON >/dev/null
cmake --build "$build" -j"$jobs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# tests that mostly wait (servers, timeouts, politeness delays) share the
# cores: two per core
if [ $tier = quick ]; then
  ctest --test-dir "$build" --output-on-failure -j$((jobs * 2)) -LE extended
  exit 0
fi
ctest --test-dir "$build" --output-on-failure -j$((jobs * 2)) -L extended
plain=$build-plain
cmake -S . -B "$plain" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCC_WERROR=ON -DBUILD_TESTING=OFF \
  >/dev/null
cmake --build "$plain" -j"$jobs" --target clipclean
python3 tests/pathological/run.py --clipclean "$plain/clipclean" --scales 1,10
sh tests/pathological/valgrind.sh "$plain/clipclean"
