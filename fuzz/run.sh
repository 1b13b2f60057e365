#!/bin/sh
# fuzz/run.sh SECONDS [TARGET...] — builds the libFuzzer targets (clang,
# ASan+UBSan, in build-fuzz/), seeds their corpora (fuzz/seed.py) and runs
# each target for SECONDS (default 60) on one core, printing libFuzzer's
# final stats. Corpora grow in build-fuzz/corpus/<target> across runs.
# A crash, leak, timeout or out-of-memory fails the script (exit 1); the
# input is kept in build-fuzz/artifacts/ and printed as hex, to be added to
# tests/regress/<target>/ as a regression input.
# FUZZ_SEED=N fixes libFuzzer's random seed (CI does, so that its smoke run
# replays the same mutations and a red run can be reproduced); unset or 0:
# a new seed each run, for exploration.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
[ $# -gt 0 ] && shift
build=${FUZZ_BUILD_DIR:-build-fuzz}
CC=clang cmake -S . -B "$build" -DCC_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
targets=${*:-$(cd fuzz && ls fuzz_*.c | sed 's/\.c$//')}
mkdir -p "$build/artifacts" "$build/seeds"
python3 fuzz/seed.py "$build/seeds" >/dev/null
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
for t in $targets; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus" "$build/seeds/$t"
  case $t in
    fuzz_url|fuzz_fetch_text|fuzz_print) maxlen=4096 ;;
    fuzz_charset|fuzz_content) maxlen=20000 ;;
    *) maxlen=65536 ;;
  esac
  log="$build/$t.log"
  echo "== $t: ${secs}s"
  if "$build/fuzz/$t" "$corpus" "$build/seeds/$t" -max_total_time="$secs" -max_len="$maxlen" \
      -seed="${FUZZ_SEED:-0}" -timeout=10 -rss_limit_mb=2048 -dict=fuzz/html.dict -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$t-" >"$log" 2>&1; then
    grep -E "DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$log" || true
    echo "corpus: $(ls "$corpus" | wc -l) inputs"
  else
    failed=$((failed + 1))
    echo "FAIL $t (log: $log)"
    grep -E "ERROR|SUMMARY|==[0-9]+==|#[0-9]+ in |Test unit written" "$log" | head -40
    for a in $(grep -o "Test unit written to [^ ]*" "$log" | sed 's/Test unit written to //'); do
      echo "-- crashing input $a ($(wc -c <"$a") bytes, first 512 as hex):"
      od -A d -t x1 "$a" | head -33
    done
  fi
done
n=$(echo $targets | wc -w)
if [ "$failed" != 0 ]; then
  echo "fuzz: $((n - failed)) passed, $failed failed"
  exit 1
fi
echo "fuzz: $n passed, 0 failed"
