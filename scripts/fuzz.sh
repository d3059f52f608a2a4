#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan+UBSan, build/fuzz) and runs each
# tests/fuzz/fuzz_<name>.cpp for SECONDS_PER_TARGET seconds (default 60), one after the other,
# starting from a copy of its seed corpus tests/fuzz/corpus/<name>/ (the checked-in corpus is
# never written). Prints one line per target, then `# pass N` and `# fail N`; exits non-zero when
# the build fails or any target finds a crash. A crash leaves its input and log under
# build/fuzz/fuzz-run/<name>/; reproduce with: build/fuzz/tests/fuzz/fuzz_<name> <crash-file>
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET]      (make fuzz = 300 s per target)
# Environment: ROSTER_FUZZ_JOBS (build parallelism, default 2), ROSTER_FUZZ_RSS_MB (default 2048).
set -uo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
root="$PWD"

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: bash scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2
  exit 2
fi

targets=()
for src in tests/fuzz/fuzz_*.cpp; do
  name="$(basename "$src" .cpp)"
  targets+=("${name#fuzz_}")
done

export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
mkdir -p build/fuzz
build_log="build/fuzz/fuzz-build.log"
started=$SECONDS
if ! { cmake --preset fuzz && cmake --build --preset fuzz --target fuzz_targets -j "${ROSTER_FUZZ_JOBS:-2}"; } \
  >"$build_log" 2>&1; then
  tail -n 40 "$build_log"
  echo "fuzz build: FAILED (log: $build_log)"
  echo "# pass 0"
  echo "# fail ${#targets[@]}"
  exit 1
fi
echo "fuzz build: ok in $((SECONDS - started))s (${#targets[@]} targets, ${seconds}s each)"

run_dir="build/fuzz/fuzz-run"
rm -rf "$run_dir"
mkdir -p "$run_dir"
# The HTTP target's SQLite files: tmpfs when there is one (restoring the database after each
# state-changing input would otherwise pay an fsync).
if [[ -d /dev/shm && -w /dev/shm ]]; then
  db_tmp="$(mktemp -d /dev/shm/roster-fuzz.XXXXXX)"
else
  db_tmp="$(mktemp -d "$root/$run_dir/db.XXXXXX")"
fi
trap 'rm -rf "$db_tmp"' EXIT

pass=0
fail=0
for name in "${targets[@]}"; do
  bin="build/fuzz/tests/fuzz/fuzz_$name"
  dir="$run_dir/$name"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  if [[ -d "tests/fuzz/corpus/$name" ]]; then cp -R "tests/fuzz/corpus/$name/." "$dir/corpus/"; fi
  args=(-max_total_time="$seconds" -rss_limit_mb="${ROSTER_FUZZ_RSS_MB:-2048}" -timeout=10
        -print_final_stats=1 -artifact_prefix="$dir/artifacts/")
  if [[ -f "tests/fuzz/$name.dict" ]]; then args+=(-dict="tests/fuzz/$name.dict"); fi
  t0=$SECONDS
  ROSTER_FUZZ_TMP="$db_tmp" \
    ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:allocator_may_return_null=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    "$bin" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1
  rc=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)"
  cov="$(grep -ao 'cov: [0-9]*' "$dir/log" | tail -n 1 | cut -d' ' -f2)"
  # libFuzzer's findings (a slow-unit-* file is only a note).
  crashes=("$dir"/artifacts/{crash,leak,timeout,oom}-*)
  if ((rc == 0 && ${#crashes[@]} == 0)); then
    pass=$((pass + 1))
    echo "fuzz_$name: PASS $((SECONDS - t0))s, ${execs:-?} runs, cov ${cov:-?}"
  else
    fail=$((fail + 1))
    echo "fuzz_$name: FAIL (exit $rc) after $((SECONDS - t0))s; log $dir/log; input ${crashes[0]:-none}"
    grep -aE 'FUZZ_CHECK|ERROR: |runtime error|SUMMARY|failed: ' "$dir/log" | head -n 12 | sed 's/^/    /'
  fi
done

echo "# pass $pass"
echo "# fail $fail"
((fail == 0))
