#!/usr/bin/env bash
# Runs the HTTP benchmarks with wrk against a release roster and writes docs/benchmarks.md.
#
#   bench/run.sh                       # SQLite at 1,000 and 100,000 members, 10 s per run
#   BENCH_SIZES="1000 100000 1000000" BENCH_DURATION=10 bench/run.sh
#   WITH_POSTGRES_DURABLE=1 scripts/with-postgres.sh bench/run.sh   # adds PostgreSQL (fsync on)
#
# Traffic goes to 127.0.0.1 only. wrk shares the 2 cores with the server, as the targets assume.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
roster="${ROSTER_BIN:-$root/build/release/roster}"
sizes=${BENCH_SIZES:-"1000 100000"}
duration=${BENCH_DURATION:-10}
out="${BENCH_OUT:-$root/docs/benchmarks.md}"
work=$(mktemp -d)
server_pid=
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

[[ -x "$roster" ]] || { echo "build the release binary first: make release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

port=18181
base="http://127.0.0.1:$port"
source bench/lib.sh
export ROSTER_LISTEN="127.0.0.1:$port" ROSTER_INVITATIONS_PER_HOUR=100000000
export ROSTER_MAX_PENDING_INVITATIONS=100000000 ROSTER_LOG_FORMAT=json ROSTER_PUBLIC_URL=$base

results="$work/results.md"
: > "$results"

run_wrk() {  # run_wrk NAME CONNECTIONS SCRIPT PATH
  local name=$1 conns=$2 script=$3 path=$4
  cat "bench/$script" bench/report.lua > "$work/script.lua"
  local line before after pg_before pg_after
  wait_idle
  before=$(cpu_ticks); pg_before=$(pg_ticks)
  line=$(RUN="r$RANDOM$conns" wrk -t2 -c"$conns" -d"${duration}s" --latency -s "$work/script.lua" \
         "$base$path" | grep '^RESULT' || echo "RESULT 0 0 0 -1")
  after=$(cpu_ticks); pg_after=$(pg_ticks)
  read -r _ rps p50 p99 errors <<<"$line"
  # CPU time per request, of the server and of PostgreSQL: steadier than req/s on a shared machine.
  local per_req="1000000 / $(getconf CLK_TCK) / (rps * duration + 1)"
  local cpu_us=$(( (after - before) * $per_req )) pg_us=$(( (pg_after - pg_before) * $per_req ))
  [[ $kind == PostgreSQL ]] || pg_us=–
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$conns" "$rps" "$p50" "$p99" \
    "$errors" "$cpu_us" "$pg_us" >> "$results"
}

bench_one() {  # bench_one DB_KIND DATABASE_URL MEMBERS
  local kind=$1 url=$2 members=$3
  export ROSTER_DATABASE_URL=$url
  local seeded org
  seeded=$("$roster" dev seed --members "$members" --invitations 1000 --force | tail -1)
  org=$(sed -E 's/.*"org_id": "([^"]+)".*/\1/' <<<"$seeded")

  local startup startup_ms startup_range
  startup=$(/usr/bin/python3 bench/startup.py "$roster" "$port" 5)
  startup_ms=$(sed -E 's/.*"median_ms": ([0-9.]+).*/\1/' <<<"$startup")
  startup_range=$(sed -E 's/.*"min_ms": ([0-9.]+), "max_ms": ([0-9.]+).*/\1–\2/' <<<"$startup")

  ROSTER_TRUSTED_PROXIES=127.0.0.1 "$roster" serve > "$work/server.log" 2>&1 &
  server_pid=$!
  wait_ready

  login_admin "$work/jar"
  # The login's argon2id hash (64 MiB, returned to the system when done) sets a peak of its own:
  # note it, then reset the high-water mark so the load's own peak is measured.
  local login_peak
  login_peak=$(awk '/VmHWM/{print $2}' "/proc/$server_pid/status")
  echo 5 > "/proc/$server_pid/clear_refs"
  local h=(-H "Cookie: $COOKIE")
  local deep target
  deep=$(curl -sf "${h[@]}" "$base/api/v1/orgs/$org/members?limit=50&q=member$(printf '%07d' $((members / 2)) | cut -c1-5)" \
         | sed -E 's/.*"next_cursor":"?([^",}]*)"?.*/\1/')
  target=$(curl -sf "${h[@]}" "$base/api/v1/orgs/$org/members?limit=1&q=member0000001" \
           | sed -E 's/.*"user_id":"([^"]+)".*/\1/')

  register_bench_client

  {
    echo
    echo "### $kind, $members members"
    echo
    echo "Startup to serving (exec to the first 200 of /healthz, median of 5 starts): ${startup_ms} ms (${startup_range} ms)."
    echo
    echo '| scenario | connections | req/s | p50 ms | p99 ms | errors | server CPU µs/req | PostgreSQL CPU µs/req |'
    echo '|---|---|---|---|---|---|---|---|'
  } >> "$results"
  for c in 16 64; do
    run_wrk "/healthz (ceiling)" $c get.lua "/healthz"
    run_wrk "GET /me" $c get.lua "/api/v1/me"
    run_wrk "forward auth (?org=&role=ADMIN)" $c get.lua "/auth/forward?org=$org&role=ADMIN"
    run_wrk "code exchange (authorize + token; req/s = exchanges/s)" $c exchange.lua "/"
    run_wrk "members page, limit 50" $c get.lua "/api/v1/orgs/$org/members?limit=50"
    run_wrk "members deep cursor page" $c get.lua "/api/v1/orgs/$org/members?limit=50&cursor=$deep"
    run_wrk "members search q=" $c get.lua "/api/v1/orgs/$org/members?limit=50&q=member00042"
    run_wrk "invitations page" $c get.lua "/api/v1/orgs/$org/invitations?limit=50"
    run_wrk "create invitation" $c invite.lua "/api/v1/orgs/$org/invitations"
    run_wrk "role change (toggle)" $c toggle.lua "/api/v1/orgs/$org/members/$target"
    run_wrk "password-reset request" $c reset.lua "/api/v1/auth/password-reset"
  done
  local peak
  peak=$(awk '/VmHWM/{print $2}' "/proc/$server_pid/status")
  echo >> "$results"
  echo "Server peak RSS under the load: $((peak / 1024)) MB (with the login's argon2id hash before it: $((login_peak / 1024)) MB)." >> "$results"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

for members in $sizes; do
  rm -f "$work"/bench.db*
  bench_one SQLite "sqlite:$work/bench.db" "$members"
  if [[ -n "${ROSTER_TEST_PG_URL:-}" ]]; then
    psql "$ROSTER_TEST_PG_URL" -q -c "CREATE DATABASE bench_$members" 2>/dev/null || true
    bench_one PostgreSQL "${ROSTER_TEST_PG_URL%/*}/bench_$members" "$members"
  fi
done

generated="$work/generated.md"
{
  echo "<!-- generated by bench/run.sh: begin -->"
  echo "Generated by \`bench/run.sh\` on $(date -u +%Y-%m-%d): wrk -t2 on the same machine as the"
  echo "server (loopback), ${duration} s per run, release build."
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
  cat "$results"
  echo "<!-- generated by bench/run.sh: end -->"
} > "$generated"
# Replace only the generated part: the analysis written around it stays.
if [[ -f "$out" ]] && grep -q 'generated by bench/run.sh: begin' "$out"; then
  /usr/bin/python3 - "$out" "$generated" <<'PY'
import re, sys
out, gen = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(out).read()
pattern = r"<!-- generated by bench/run.sh: begin -->.*?<!-- generated by bench/run.sh: end -->"
open(out, "w").write(re.sub(pattern, lambda _: gen, text, count=1, flags=re.S))
PY
else
  { echo "# Benchmarks"; echo; cat "$generated"; } > "$out"
fi
echo "wrote $out"
