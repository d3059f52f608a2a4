#!/usr/bin/env bash
# Compares the server CPU time per request of two roster binaries, run in alternation so that the
# machine's drift hits both alike. Each round gives each binary a fresh copy of its own seeded
# SQLite database, starts it, runs every scenario with wrk, and stops it.
#
#   bench/compare.sh OLD_BINARY NEW_BINARY            # 100,000 members, 5 rounds, 5 s per run
#   COMPARE_MEMBERS=1000 COMPARE_ROUNDS=3 COMPARE_DURATION=3 bench/compare.sh old new
#
# Prints a Markdown table: median server CPU µs/request per scenario and binary, and new/old.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1") new=$(realpath "$2")
members=${COMPARE_MEMBERS:-100000}
rounds=${COMPARE_ROUNDS:-5}
duration=${COMPARE_DURATION:-5}
conns=${COMPARE_CONNECTIONS:-16}
work=$(mktemp -d)
server_pid=
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

port=18182
base="http://127.0.0.1:$port"
source bench/lib.sh
export ROSTER_LISTEN="127.0.0.1:$port" ROSTER_INVITATIONS_PER_HOUR=100000000
export ROSTER_MAX_PENDING_INVITATIONS=100000000 ROSTER_LOG_FORMAT=json

seed() {  # seed NAME BINARY: a seeded database kept as the template of every round
  ROSTER_DATABASE_URL="sqlite:$work/$1.template.db" "$2" dev seed --members "$members" \
    --invitations 1000 --force | tail -1 | sed -E 's/.*"org_id": "([^"]+)".*/\1/'
}

measure() {  # measure NAME SCRIPT PATH -> prints "NAME cpu_us"
  cat "bench/$2" bench/report.lua > "$work/script.lua"
  local before after line rps
  before=$(cpu_ticks)
  line=$(RUN="c$RANDOM" wrk -t2 -c"$conns" -d"${duration}s" -s "$work/script.lua" "$base$3" \
         | grep '^RESULT' || echo "RESULT 0 0 0 -1")
  after=$(cpu_ticks)
  read -r _ rps _ _ _ <<<"$line"
  echo "$1 $(( (after - before) * 1000000 / $(getconf CLK_TCK) / (rps * duration + 1) ))"
}

one_round() {  # one_round NAME BINARY ORG
  local name=$1 bin=$2 org=$3
  rm -f "$work"/run.db*
  cp "$work/$name.template.db" "$work/run.db"
  ROSTER_DATABASE_URL="sqlite:$work/run.db" "$bin" serve > "$work/server.log" 2>&1 &
  server_pid=$!
  wait_ready
  login_admin "$work/jar"
  local target
  target=$(curl -sf -H "Cookie: $COOKIE" "$base/api/v1/orgs/$org/members?limit=1&q=member0000001" \
           | sed -E 's/.*"user_id":"([^"]+)".*/\1/')
  {
    measure page get.lua "/api/v1/orgs/$org/members?limit=50"
    measure search get.lua "/api/v1/orgs/$org/members?limit=50&q=member00042"
    measure invitation invite.lua "/api/v1/orgs/$org/invitations"
    measure role_change toggle.lua "/api/v1/orgs/$org/members/$target"
  } | sed "s/^/$name /" >> "$work/samples"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

old_org=$(seed old "$old")
new_org=$(seed new "$new")
for r in $(seq 1 "$rounds"); do
  echo "round $r of $rounds" >&2
  one_round old "$old" "$old_org"
  one_round new "$new" "$new_org"
done

/usr/bin/python3 - "$work/samples" "$members" "$rounds" "$duration" "$conns" <<'PY'
import statistics, sys
samples, members, rounds, duration, conns = sys.argv[1:]
data = {}
for line in open(samples):
    binary, scenario, cpu = line.split()
    data.setdefault(scenario, {}).setdefault(binary, []).append(int(cpu))
print(f"SQLite, {int(members):,} members; {rounds} alternating rounds of {duration} s per scenario, "
      f"{conns} connections; median server CPU µs/request (all samples in brackets).")
print()
print("| scenario | old | new | new / old |")
print("|---|---|---|---|")
for scenario, by in data.items():
    o, n = statistics.median(by["old"]), statistics.median(by["new"])
    print(f"| {scenario} | {o:g} {sorted(by['old'])} | {n:g} {sorted(by['new'])} | {n / o:.2f} |")
PY
