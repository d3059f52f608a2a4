#!/usr/bin/env bash
# Browser end-to-end tests of the Roster web UI.
#
#   tests/e2e/run.sh ROSTER_BINARY
#
# Starts an SMTP sink and `ROSTER_BINARY serve` on free loopback ports with a fresh SQLite
# database, waits for GET /healthz, walks the organization user management guide in headless
# Chromium (/usr/bin/chromium) and scans every page with axe. Screenshots (full page, one per
# page/state) land in build/e2e-artifacts/, with the server and sink logs. Exits non-zero on
# any failure; everything it started is stopped on exit.
#
# Environment: E2E_CHROMIUM (default /usr/bin/chromium), E2E_KEEP_TMP=1 keeps the temp dir.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 ROSTER_BINARY" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$1"
[[ "$bin" = /* ]] || bin="$PWD/$bin"
if [[ ! -x "$bin" ]]; then
  echo "e2e: $bin is not an executable" >&2
  exit 2
fi
py=/usr/bin/python3
chromium="${E2E_CHROMIUM:-/usr/bin/chromium}"
[[ -x "$chromium" ]] || { echo "e2e: $chromium not found (apt-get install chromium)" >&2; exit 2; }
"$py" -c 'import aiosmtpd' 2>/dev/null || { echo "e2e: $py lacks aiosmtpd (apt-get install python3-aiosmtpd)" >&2; exit 2; }

artifacts="$root/build/e2e-artifacts"
mkdir -p "$artifacts"
rm -f "$artifacts"/*.png "$artifacts"/*.log

if [[ ! -d "$here/node_modules/playwright-core" || ! -d "$here/node_modules/@axe-core/playwright" ]]; then
  echo "e2e: installing test dependencies (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

tmp="$(mktemp -d /tmp/roster-e2e.XXXXXX)"
pids=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    # give each process a moment, then insist
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  cp "$tmp"/*.log "$artifacts"/ 2>/dev/null || true
  if [[ "${E2E_KEEP_TMP:-}" = 1 ]]; then
    echo "e2e: kept $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
http_port="$(free_port)"
smtp_port="$(free_port)"
while [[ "$smtp_port" = "$http_port" ]]; do smtp_port="$(free_port)"; done
base_url="http://127.0.0.1:$http_port"

mkdir -p "$tmp/mail"
"$py" "$here/../support/smtp_sink.py" --port "$smtp_port" --dir "$tmp/mail" >"$tmp/smtp-sink.log" 2>&1 &
pids+=($!)

ROSTER_LISTEN="127.0.0.1:$http_port" \
ROSTER_DATABASE_URL="sqlite:$tmp/roster.db" \
ROSTER_PUBLIC_URL="$base_url" \
ROSTER_SMTP_URL="smtp://127.0.0.1:$smtp_port" \
ROSTER_ALLOWED_RETURN_HOSTS="127.0.0.1,app.e2e.test,ported.e2e.test:8443" \
  "$bin" serve >"$tmp/roster.log" 2>&1 &
roster_pid=$!
pids+=("$roster_pid")

echo "e2e: roster on $base_url, SMTP sink on 127.0.0.1:$smtp_port, tmp $tmp"
ready=0
for _ in $(seq 1 300); do
  if ! kill -0 "$roster_pid" 2>/dev/null; then
    echo "e2e: the server exited during start-up; its log:" >&2
    tail -n 50 "$tmp/roster.log" >&2 || true
    exit 1
  fi
  code="$("$py" - "$base_url/healthz" <<'PY' 2>/dev/null || true
import sys, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=2).status)
except Exception as e:
    print(getattr(e, "code", 0))
PY
)"
  if [[ "$code" = 200 ]]; then
    ready=1
    break
  fi
  sleep 0.1
done
if [[ "$ready" != 1 ]]; then
  echo "e2e: GET /healthz did not answer 200 within 30 s; server log:" >&2
  tail -n 50 "$tmp/roster.log" >&2 || true
  exit 1
fi

# Precompressed assets, checked with curl before the browser suite.
if ! bash "$here/check_encoding.sh" "$base_url"; then
  echo "e2e: FAILED: precompressed assets (check_encoding.sh)" >&2
  exit 1
fi

cd "$here"
set +e
E2E_BASE_URL="$base_url" \
E2E_MAIL_DIR="$tmp/mail" \
E2E_ARTIFACTS="$artifacts" \
E2E_CHROMIUM="$chromium" \
  node --test --test-reporter=tap --test-concurrency=1 ${E2E_TESTS:-tests/*.test.mjs}  # E2E_TESTS: a subset, e.g. tests/accounts.test.mjs
status=$?
set -e
if [[ $status -ne 0 ]]; then
  echo "e2e: FAILED (exit $status). Screenshots and logs: $artifacts" >&2
  echo "e2e: last lines of the server log:" >&2
  tail -n 30 "$tmp/roster.log" >&2 || true
else
  echo "e2e: all passed. Screenshots: $artifacts"
fi
exit $status
