#!/usr/bin/env bash
# Makes the plain-SQL dumps upgrade_store_test.cpp starts from: a database written through the
# API by the roster binary of an older commit (sqlite_v5.sql: schema 0001-0005; postgres_v4.sql:
# schema 0001-0004, before the dialects shared version numbers).
#   make_dumps.sh OLD_ROSTER_BINARY POSTGRES_URL   (run from this directory)
set -euo pipefail
roster=$1 pg_url=$2 work=$(mktemp -d) server=
trap '[[ -n "$server" ]] && kill "$server"; rm -rf "$work"' EXIT
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
api=http://127.0.0.1:$port/api/v1

call() {  # call JAR METHOD PATH [JSON]: prints the body
  local csrf; csrf=$(awk '$6 == "roster_csrf" {print $7}' "$1" 2>/dev/null || true)
  curl -sf -b "$1" -c "$1" -X "$2" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    "$api$3" ${4:+--data "$4"}
}
field() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

scenario() {  # the same story on each database
  ROSTER_DATABASE_URL=$1 ROSTER_LISTEN=127.0.0.1:$port "$roster" serve >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local ann=$work/ann bob=$work/bob
  rm -f "$ann" "$bob"
  call "$ann" POST /auth/signup '{"email":"Ann@Example.org","username":"Ann","password":"correct horse 1"}' >/dev/null
  org=$(call "$ann" POST /organizations '{"name":"Acme"}' | field "['id']")
  bob_inv=$(call "$ann" POST "/orgs/$org/invitations" '{"email":"bob@example.org","username":"bob","role":"USER"}')
  carol_id=$(call "$ann" POST "/orgs/$org/invitations" '{"email":"carol@example.org","username":"carol","role":"ADMIN"}' | field "['id']")
  call "$ann" POST "/orgs/$org/invitations/$carol_id/revoke" >/dev/null
  token=$(field "['invite_url'].rsplit('/', 1)[1]" <<<"$bob_inv")
  call "$bob" POST "/invitations/$token/accept" '{"password":"correct horse 2"}' >/dev/null
  bob_id=$(call "$bob" GET /me | field "['user']['id']")
  call "$ann" PATCH "/orgs/$org/members/$bob_id" '{"role":"ADMIN"}' >/dev/null
  call "$ann" POST /me/tokens '{"name":"ci"}' >/dev/null
  kill "$server"; wait "$server" || true; server=
}

scenario "sqlite:$work/old.db"
sqlite3 "$work/old.db" .dump >sqlite_v5.sql
scenario "$pg_url"
# Plain INSERTs (no COPY) and no psql meta-commands: the test runs the file through libpq.
pg_dump --inserts --no-owner --no-privileges "$pg_url" | sed '/^\\\(un\)\?restrict /d' >postgres_v4.sql
