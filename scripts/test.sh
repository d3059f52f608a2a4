#!/usr/bin/env bash
# `make test`: installs what is missing, builds the test build (ASan+UBSan, -Werror), starts the
# test peers, runs every suite and ends with one summary line. Beside the test build: the
# concurrency tests under TSan (scripts/tsan.sh) and a short run of every fuzz target
# (scripts/fuzz.sh, clang); the hardening tests (crash, load, slowloris) run the test binary.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/install-deps.sh || exit 1
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
# Cache hits across clones and build directories (CI builds a fresh clone every time).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
cmake --preset debug >/dev/null || exit 1
cmake --build --preset debug || exit 1

passed=0
failed=0
count() {  # count LOG: adds the suite's pass/fail numbers
  local p f
  p=$(grep -aoE '^# pass [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')
  f=$(grep -aoE '^# fail [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

# C++ suites (unit, store, mail, api) under ctest.
ctest_log=$(mktemp)
# The API suite records its exchanges; tests/api/validate_responses.py checks them afterwards.
export ROSTER_API_RECORD_DIR="$root/build/debug/api-responses"
rm -rf "$ROSTER_API_RECORD_DIR" && mkdir -p "$ROSTER_API_RECORD_DIR"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
bash scripts/with-test-peers.sh ctest --preset debug -j2 --timeout 600 2>&1 | tee "$ctest_log"
ctest_rc=${PIPESTATUS[0]}
total=$(grep -aoE 'tests passed, [0-9]+ tests failed out of [0-9]+' "$ctest_log" | awk '{print $NF}')
cfail=$(grep -aoE 'tests passed, [0-9]+ tests failed' "$ctest_log" | awk '{print $3}')
total=${total:-0}; cfail=${cfail:-0}
if [[ $ctest_rc -ne 0 && $cfail -eq 0 ]]; then cfail=1; fi
passed=$((passed + total - cfail)); failed=$((failed + cfail))

# Browser end-to-end tests against the real binary.
e2e_log=$(mktemp)
bash tests/e2e/run.sh "$root/build/debug/roster" 2>&1 | tee "$e2e_log"
e2e_rc=${PIPESTATUS[0]}
count "$e2e_log"
if [[ $e2e_rc -ne 0 ]] && ! grep -aqE '^# fail [1-9]' "$e2e_log"; then failed=$((failed + 1)); fi

# The suites below print "# pass N" / "# fail N"; a non-zero exit without a fail line counts one.
run_suite() {  # run_suite NAME COMMAND...
  local name=$1 log rc
  shift
  log=$(mktemp)
  echo "== $name"
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  count "$log"
  if [[ $rc -ne 0 ]] && ! grep -aqE '^# fail [1-9]' "$log"; then failed=$((failed + 1)); fi
  [[ $rc -eq 0 ]] || suites_failed="$suites_failed $name"
}
suites_failed=""
run_suite openapi /usr/bin/python3 tests/api/validate_responses.py api/openapi.yaml "$ROSTER_API_RECORD_DIR"
run_suite hardening bash scripts/hardening.sh "$root/build/debug/roster"
run_suite tsan bash scripts/tsan.sh
run_suite fuzz bash scripts/fuzz.sh "${ROSTER_FUZZ_SECONDS:-20}"

echo
[[ -n "$suites_failed" ]] && echo "failed suites:$suites_failed"
echo "tests: $passed passed, $failed failed"
[[ $failed -eq 0 && $ctest_rc -eq 0 && $e2e_rc -eq 0 && -z "$suites_failed" ]]
