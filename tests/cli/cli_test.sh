#!/usr/bin/env bash
# The roster command line: configuration errors, migrate, backup (while serving), dev seed.
#   cli_test.sh ROSTER_BINARY
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

# A bad value: exit code 2 and one line naming the variable.
for bad in "ROSTER_LISTEN=nowhere" "ROSTER_LISTEN=127.0.0.1:99999" "ROSTER_DATABASE_URL=mysql://x" \
           "ROSTER_PUBLIC_URL=ftp://x" "ROSTER_SMTP_URL=http://x" "ROSTER_INVITATION_TTL=7w" \
           "ROSTER_LOG_FORMAT=xml" "ROSTER_MAIL_FROM=nobody" "ROSTER_READ_TIMEOUT=2h" \
           "ROSTER_READ_TIMEOUT=soon" "ROSTER_MAX_CONNECTIONS=0" "ROSTER_DB_THREADS=65" \
           "ROSTER_DB_THREADS=-1" "ROSTER_THREADS=0"; do
  var=${bad%%=*}
  out=$(env "$bad" "$roster" serve 2>&1); rc=$?
  check "$bad exits 2" test "$rc" -eq 2
  check "$bad names $var in one line" bash -c '[[ $(wc -l <<<"$1") -eq 1 && "$1" == *"$2"* ]]' _ "$out" "$var"
done
out=$("$roster" serve --invitation-ttl 0d 2>&1); rc=$?
check "--flag form is checked too" test "$rc" -eq 2
check "version" bash -c "'$roster' version | grep -q '^roster '"

# migrate creates and migrates; a second run is a no-op.
db="$work/data/roster.db"
check "migrate" env ROSTER_DATABASE_URL="sqlite:$db" "$roster" migrate
check "migrate again" env ROSTER_DATABASE_URL="sqlite:$db" "$roster" migrate
check "schema_migrations recorded" bash -c "[[ \$(sqlite3 '$db' 'SELECT COUNT(*) FROM schema_migrations') -ge 2 ]]"

# dev seed: the Bench organization, refused on a database with other organizations.
seed=$(env ROSTER_DATABASE_URL="sqlite:$db" "$roster" dev seed --members 25 --invitations 5 2>/dev/null | tail -1)
check "seed prints the org id last" bash -c "grep -qE '^\\{\"org_id\": \"[0-9a-f]{32}\"\\}\$' <<<'$seed'"
check "seed wrote 26 members" bash -c "[[ \$(sqlite3 '$db' 'SELECT COUNT(*) FROM members') -eq 26 ]]"
check "seed wrote 5 invitations" bash -c "[[ \$(sqlite3 '$db' 'SELECT COUNT(*) FROM invitations') -eq 5 ]]"
env ROSTER_DATABASE_URL="sqlite:$db" "$roster" dev seed --members 1 >/dev/null 2>&1; rc=$?
check "a second seed without --force is refused" test "$rc" -eq 2

# backup while serving: a consistent copy that opens with the same data.
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ROSTER_DATABASE_URL="sqlite:$db" ROSTER_LISTEN="127.0.0.1:$port" "$roster" serve >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
  -d '{"email":"late@example.com","username":"late","password":"password-123"}' "http://127.0.0.1:$port/api/v1/auth/signup"
check "backup while serving" env ROSTER_DATABASE_URL="sqlite:$db" "$roster" backup "$work/copy.db"
check "backup is intact" bash -c "[[ \$(sqlite3 '$work/copy.db' 'PRAGMA integrity_check') == ok ]]"
check "backup holds the data" bash -c "[[ \$(sqlite3 '$work/copy.db' \"SELECT COUNT(*) FROM users WHERE email='late@example.com'\") -eq 1 ]]"
kill -TERM "$server"; wait "$server"; rc=$?; server=
check "SIGTERM stops the server cleanly" test "$rc" -eq 0
check "the server logged where it listened" grep -q "listening on http://127.0.0.1:$port" "$work/serve.log"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
