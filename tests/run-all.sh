#!/bin/sh
# tests/run-all.sh — the whole test suite, as CI runs it: a build with
# -Werror under AddressSanitizer + UndefinedBehaviorSanitizer (leaks
# included), then every CTest test (unit, golden samples, CLI).
set -eu
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-asan}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCC_SANITIZE=ON -DCC_WERROR=ON \
  -DBUILD_TESTING=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
