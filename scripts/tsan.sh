#!/usr/bin/env bash
# tsan.sh: the concurrency tests under ThreadSanitizer.
#   Builds only store_test, api_test and mail_test with the `tsan` preset (build/tsan: g++
#   -fsanitize=thread, no UI), then runs, with a throwaway PostgreSQL (scripts/with-postgres.sh):
#     store_test  ConcurrentStore.*              (SQLite and PostgreSQL)
#     api_test    the race scenarios: parallel invitations of one username / one email, two
#                 simultaneous accepts of one link, simultaneous activations of one name, two
#                 admins demoting each other (100 rounds) — a real in-process server on Beast
#                 coroutines (2 network threads, the database and hashing pools), on SQLite,
#                 then again on PostgreSQL
#     mail_test   OutboxWorkerTest.*, OutboxSqliteTest.* (the worker thread, Stop, two workers)
#   Any TSan report stops the test binary (halt_on_error=1) and fails the run. Suppressions:
#   tests/tsan.supp (false positives outside our code only; see its header).
#   Uninstrumented libraries (sqlite3, libpq, libsodium, libcurl, the Boost.JSON/URL .so) are
#   fine: TSan intercepts their pthread calls, and their internals are not ours to check.
# Prints the test results, then "# pass N" / "# fail N" (N: test cases); non-zero on any failure.
# TSAN_JOBS: build parallelism (default 2).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [[ "${1:-}" != "--run" ]]; then
  export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
  started=$SECONDS
  if ! cmake --preset tsan >/dev/null ||
     ! cmake --build --preset tsan -j "${TSAN_JOBS:-2}" --target store_test api_test mail_test; then
    echo "tsan: build failed"
    echo "# pass 0"
    echo "# fail 1"
    exit 1
  fi
  echo "tsan: build took $((SECONDS - started))s"
  exec bash scripts/with-postgres.sh bash "$0" --run
fi

# --run: under with-postgres.sh.
build=$root/build/tsan
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 exitcode=66 history_size=4 suppressions=$root/tests/tsan.supp"
# GCC 12's TSan expects the old x86-64 memory layout; with high mmap ASLR entropy
# (vm.mmap_rnd_bits > 28) it dies at start with "unexpected memory mapping". Running without
# address randomization (setarch -R) avoids that; it changes nothing else.
launcher=()
if setarch "$(uname -m)" -R true 2>/dev/null; then launcher=(setarch "$(uname -m)" -R); fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0
failed=0
runs=0
started=$SECONDS

run() {  # run LABEL BINARY FILTER [VAR=VALUE...]: one test binary, counted per test case
  local label=$1 binary=$2 filter=$3
  shift 3
  local log="$logs/$((runs += 1)).log" rc p f
  local t0=$SECONDS
  env "$@" "${launcher[@]}" "$build/$binary" --gtest_filter="$filter" >"$log" 2>&1
  rc=$?
  p=$(grep -acE '^\[       OK \] ' "$log")
  f=$(grep -acE '^\[  FAILED  \] .* \([0-9]+ ms\)$' "$log")
  if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; fi  # stopped by a TSan report (or a crash) mid-test
  passed=$((passed + p))
  failed=$((failed + f))
  echo "tsan: $label: $p passed, $f failed ($((SECONDS - t0))s, exit $rc)"
  grep -aE '^\[  FAILED  \] .* \([0-9]+ ms\)$' "$log"
  if [[ $rc -ne 0 ]]; then
    if grep -aq 'ThreadSanitizer' "$log"; then
      sed -n '/^WARNING: ThreadSanitizer\|^==[0-9]*==ERROR: ThreadSanitizer\|^FATAL: ThreadSanitizer/,$p' "$log" | head -150
    else
      tail -60 "$log"
    fi
  fi
}

api_races='InvitationApi.ParallelInvitations*:InvitationApi.TwoSimultaneousAccepts*'
api_races+=':MembersTest.SimultaneousActivations*:MembersTest.ConcurrentMutualDemotion*'
run "store ConcurrentStore (sqlite, postgres)" tests/store/store_test '*ConcurrentStore.*'
run "api races (sqlite)" tests/api/api_test "$api_races"
run "api races (postgres)" tests/api/api_test "$api_races" ROSTER_TEST_API_DATABASE=postgres
run "mail outbox worker" tests/mail/mail_test 'OutboxWorkerTest.*:OutboxSqliteTest.*'

echo "tsan: tests took $((SECONDS - started))s"
echo "# pass $passed"
echo "# fail $failed"
[[ $failed -eq 0 ]]
