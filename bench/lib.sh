# Shared by bench/run.sh and bench/compare.sh (sourced; needs $base and $server_pid).

wait_ready() {
  for _ in $(seq 1 3000); do
    curl -sf "$base/healthz" >/dev/null && return 0
    sleep 0.01
  done
  return 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

# CPU ticks of the PostgreSQL cluster at $ROSTER_DATABASE_URL's port: its postmaster with the
# children it has reaped, and its live children (the backends). 0 when no such cluster runs here.
pg_ticks() {
  local port postmaster
  port=$(sed -nE 's#^postgres(ql)?://[^/]*:([0-9]+)/.*#\2#p' <<<"${ROSTER_DATABASE_URL:-}")
  postmaster=$([[ -n "$port" ]] && pgrep -o -f "bin/postgres .*-p $port( |$)" || true)
  [[ -n "$postmaster" ]] || { echo 0; return; }
  local children
  children=$(pgrep -d' ' -P "$postmaster" | sed -E 's#([0-9]+)#/proc/\1/stat#g')
  awk -v pm="$postmaster" '$1 == pm {t += $16 + $17} {t += $14 + $15} END {print t}' \
    "/proc/$postmaster/stat" $children 2>/dev/null
}

# Waits (up to 2 minutes) until the server has used under 5% of a core for half a second, so
# the background work a scenario leaves (outbox mail, reset links, checkpoints) is not billed
# to the next one.
wait_idle() {
  local before after
  for _ in $(seq 1 240); do
    before=$(cpu_ticks); sleep 0.5; after=$(cpu_ticks)
    (( (after - before) * 200 < $(getconf CLK_TCK) * 5 )) && return 0
  done
  echo "bench: the server stayed busy for 2 minutes" >&2
}

# Signs in the seeded admin; exports COOKIE and CSRF for the wrk scripts. $1: a scratch file.
login_admin() {
  local jar=$1
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
       -d '{"email":"admin@bench.test","password":"bench-password-1"}' "$base/api/v1/auth/login" >/dev/null
  export CSRF=$(awk '$6=="roster_csrf"{print $7}' "$jar")
  export COOKIE="roster_session=$(awk '$6=="roster_session"{print $7}' "$jar"); roster_csrf=$CSRF"
}

# Registers a confidential application of the Bench organization and exports what
# bench/exchange.lua needs (client, Basic credentials, a PKCE S256 pair).
register_bench_client() {
  local client
  export REDIRECT=https://rp.bench/cb
  client=$("$roster" admin create-client --org Bench --name "bench $RANDOM" --redirect-uri "$REDIRECT" | tail -1)
  export CLIENT_ID=$(sed -E 's/.*"client_id": ?"([^"]+)".*/\1/' <<<"$client")
  local secret=$(sed -E 's/.*"client_secret": ?"([^"]+)".*/\1/' <<<"$client")
  export BASIC=$(printf '%s:%s' "$CLIENT_ID" "$secret" | base64 -w0)
  export VERIFIER=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
  export CHALLENGE=$(printf '%s' "$VERIFIER" | openssl dgst -sha256 -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')
}
