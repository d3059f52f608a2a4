#!/usr/bin/env bash
# `roster admin` (promote, reset-link, orgs) on the database of a running server: SQLite, and
# PostgreSQL when ROSTER_TEST_PG_URL is set (scripts/with-postgres.sh).
#   admin_test.sh ROSTER_BINARY
set -uo pipefail
roster=$1
work=$(mktemp -d)
server=
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
passed=0; failed=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok - $name"; else failed=$((failed + 1)); echo "not ok - $name"; fi
}
export ASAN_OPTIONS=detect_leaks=0

api() {  # api METHOD PATH [BODY]: a request with the cookie jar and CSRF header; prints the body
  local csrf
  csrf=$(awk '$6 == "roster_csrf" {print $7}' "$work/jar" 2>/dev/null)
  curl -s -b "$work/jar" -c "$work/jar" -X "$1" -H 'Content-Type: application/json' \
    -H "X-CSRF-Token: $csrf" ${3:+-d "$3"} "$base/api/v1$2"
}
status() {  # status METHOD PATH [BODY]: the HTTP status only
  curl -s -o /dev/null -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "$base/api/v1$2"
}

suite() {  # suite NAME DATABASE_URL
  local name=$1 url=$2 out rc link token org_id member2
  export ROSTER_DATABASE_URL=$url
  local port
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  export ROSTER_PUBLIC_URL=$base
  org_id=$("$roster" dev seed --members 3 2>/dev/null | tail -1 | sed -E 's/.*"([0-9a-f]{32})".*/\1/')
  ROSTER_LISTEN="127.0.0.1:$port" "$roster" serve >"$work/serve-$name.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

  out=$("$roster" admin orgs 2>&1)
  check "$name: orgs lists Bench with its admin" grep -q $'^Bench\t'"$org_id"$'\tadmins: admin <admin@bench.test>$' <<<"$out"
  out=$("$roster" admin promote --org bench --email MEMBER0000000@bench.test 2>&1); rc=$?
  check "$name: promote an active member" test "$rc" -eq 0
  check "$name: promote says so" grep -q "is now an ADMIN" <<<"$out"
  out=$("$roster" admin orgs 2>&1)
  check "$name: the promoted member is listed as admin" grep -q "member0000000 <member0000000@bench.test>" <<<"$out"
  out=$("$roster" admin promote --org Bench --email member0000000@bench.test 2>&1); rc=$?
  check "$name: promoting an admin again changes nothing" bash -c '[[ $0 -eq 0 && "$1" == *"already was"* ]]' "$rc" "$out"

  rm -f "$work/jar"
  api POST /auth/login '{"email":"admin@bench.test","password":"bench-password-1"}' >/dev/null
  out=$(api GET "/orgs/$org_id/audit-events")
  check "$name: the promotion is in the audit trail as roster admin" /usr/bin/python3 -c '
import json, sys
events = json.loads(sys.argv[1])["items"]
assert any(e["action"] == "member.role_changed" and e["actor"] == {"user_id": "cli", "username": "roster admin"}
           and e["details"] == {"from": "USER", "to": "ADMIN"} for e in events), events' "$out"

  for bad in "promote --org Nope --email member0000001@bench.test" "promote --org Bench --email nobody@bench.test" \
             "reset-link --email nobody@bench.test"; do
    out=$("$roster" admin $bad 2>&1); rc=$?
    check "$name: '$bad' exits 1 with a clear message" bash -c '[[ $0 -eq 1 && "$1" == *"roster admin"* ]]' "$rc" "$out"
  done

  link=$("$roster" admin reset-link --email member0000001@bench.test 2>/dev/null); rc=$?
  check "$name: reset-link prints one link" bash -c '[[ $0 -eq 0 && "$1" =~ ^'"$base"'/reset-password/[A-Za-z0-9_-]{43}$ ]]' "$rc" "$link"
  token=${link##*/}
  check "$name: the link sets a password" test "$(status POST "/auth/password-reset/$token" '{"password":"set-by-the-operator"}')" = 204
  check "$name: which signs in" test "$(status POST /auth/login '{"email":"member0000001@bench.test","password":"set-by-the-operator"}')" = 200
  check "$name: the link works once" test "$(status POST "/auth/password-reset/$token" '{"password":"set-by-the-operator"}')" = 410

  member2=$(api GET "/orgs/$org_id/members?q=member0000002" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["user_id"])')
  api DELETE "/orgs/$org_id/members/$member2" >/dev/null
  out=$("$roster" admin reset-link --email member0000002@bench.test 2>&1); rc=$?
  check "$name: no reset link for a removed member" bash -c '[[ $0 -eq 1 && "$1" == *removed* ]]' "$rc" "$out"
  out=$("$roster" admin promote --org Bench --email member0000002@bench.test 2>&1); rc=$?
  check "$name: a removed member cannot be promoted" test "$rc" -eq 1

  kill -TERM "$server"; wait "$server"; server=
}

suite sqlite "sqlite:$work/roster.db"
if [[ -n "${ROSTER_TEST_PG_URL:-}" ]]; then
  db="admin_cli_$$"
  psql -q "$ROSTER_TEST_PG_URL" -c "CREATE DATABASE $db" >/dev/null
  suite postgres "${ROSTER_TEST_PG_URL%/*}/$db"
  psql -q "$ROSTER_TEST_PG_URL" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
