#!/usr/bin/env bash
# OpenID Connect tests with a relying party this project did not write (npm openid-client).
#
#   tests/oidc/run.sh ROSTER_BINARY
#
# For SQLite, and for PostgreSQL when ROSTER_TEST_PG_URL is set (scripts/with-test-peers.sh):
# seeds the Bench organization (`roster dev seed`), starts `ROSTER_BINARY serve` on a free
# loopback port, and runs tests/*.test.mjs, which register clients with `roster admin
# create-client` and sign in through the JSON API (no browser). Prints TAP ("# pass N",
# "# fail N"); exits non-zero on any failure. Everything it started is stopped on exit.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 ROSTER_BINARY" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$1"
[[ "$bin" = /* ]] || bin="$PWD/$bin"
[[ -x "$bin" ]] || { echo "oidc: $bin is not an executable" >&2; exit 2; }
py=/usr/bin/python3

if [[ ! -d "$here/node_modules/openid-client" ]]; then
  echo "oidc: installing test dependencies (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

tmp="$(mktemp -d /tmp/roster-oidc.XXXXXX)"
server=
pg_db=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n "$pg_db" ]]; then
    psql -q "$ROSTER_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

free_port() {
  "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

suite() {  # suite NAME DATABASE_URL
  local name=$1 port status
  port="$(free_port)"
  export ROSTER_DATABASE_URL="$2" ROSTER_PUBLIC_URL="http://127.0.0.1:$port"
  ASAN_OPTIONS=detect_leaks=0 "$bin" dev seed --members 8 >"$tmp/seed-$name.log" 2>&1
  ROSTER_LISTEN="127.0.0.1:$port" "$bin" serve >"$tmp/roster-$name.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -sf "$ROSTER_PUBLIC_URL/healthz" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { tail -n 50 "$tmp/roster-$name.log" >&2; return 1; }
    sleep 0.1
  done
  echo "# oidc: $name, roster on $ROSTER_PUBLIC_URL"
  set +e
  (cd "$here" && OIDC_BASE_URL="$ROSTER_PUBLIC_URL" ROSTER_BIN="$bin" \
     node --test --test-reporter=tap --test-concurrency=1 tests/*.test.mjs)
  status=$?
  set -e
  kill -TERM "$server"
  wait "$server" || { echo "# oidc: $name: the server exited with an error" >&2; status=1; }
  server=
  if [[ $status -ne 0 ]]; then
    echo "# oidc: $name FAILED; last lines of the server log:" >&2
    tail -n 40 "$tmp/roster-$name.log" >&2
  fi
  return $status
}

rc=0
suite sqlite "sqlite:$tmp/roster.db" || rc=1
if [[ -n "${ROSTER_TEST_PG_URL:-}" ]]; then
  pg_db="oidc_rp_$$"
  psql -q "$ROSTER_TEST_PG_URL" -c "CREATE DATABASE $pg_db" >/dev/null
  suite postgres "${ROSTER_TEST_PG_URL%/*}/$pg_db" || rc=1
else
  echo "# oidc: ROSTER_TEST_PG_URL is unset; PostgreSQL skipped (run under scripts/with-test-peers.sh)"
fi
exit $rc
