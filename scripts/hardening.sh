#!/usr/bin/env bash
# hardening.sh ROSTER_BINARY: the hardening tests against the real binary (normally the ASan
# test build, build/debug/roster):
#   tests/hardening/crash_safety_test.py  SIGKILL mid-load on SQLite, 3 rounds: nothing
#                                         acknowledged lost, everything mailed, integrity ok
#   tests/hardening/slowloris_test.py     slow headers/bodies, idle keep-alives, over the cap
#   tests/hardening/load_test.py          200 keep-alive connections, reads+writes, flat RSS
#   tests/hardening/hash_flood_test.py    a login flood: 503 beyond the hash queue, /healthz
#                                         and signed-in reads stay fast
# The crash test mostly waits (for the 60 s mail lease of the killed server), so it runs in the
# background while the slowloris and then the load test run in the foreground (each on its own
# server and database; the load test asserts no latency, and its RSS reading is its own
# server's). Knobs: LOAD_DURATION (default 60 s of measured load after
# LOAD_WARMUP, default 30 s), LOAD_CONNECTIONS (200), CRASH_ROUNDS (3).
# Prints each test's output, then "# pass N" and "# fail N" (N: checks); non-zero on any failure.
set -uo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 ROSTER_BINARY" >&2
  exit 2
fi
if [[ ! -x "$1" ]]; then
  echo "hardening: $1 is not an executable roster binary"
  echo "# pass 0"
  echo "# fail 1"
  exit 1
fi
roster=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
started=$SECONDS

run() {  # run NAME: runs tests/hardening/NAME.py into $logs/NAME.log, records its exit code
  "$py" "$here/tests/hardening/$1.py" "$roster" >"$logs/$1.log" 2>&1
  echo $? >"$logs/$1.rc"
}

run crash_safety_test &
crash=$!
run slowloris_test
run hash_flood_test
run load_test
wait "$crash"

passed=0
failed=0
for name in crash_safety_test slowloris_test hash_flood_test load_test; do
  echo "=== $name"
  cat "$logs/$name.log"
  rc=$(cat "$logs/$name.rc")
  line=$(grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$logs/$name.log" | tail -1)
  p=$(awk '{print $1}' <<<"${line:-0 passed, 0 failed}")
  f=$(awk '{print $3}' <<<"${line:-0 passed, 0 failed}")
  if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; fi  # died before its tally
  passed=$((passed + p))
  failed=$((failed + f))
done
echo "hardening: $((SECONDS - started))s"
echo "# pass $passed"
echo "# fail $failed"
[[ $failed -eq 0 ]]
