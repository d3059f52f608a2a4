# Shared by bench/run.sh and bench/compare.sh (sourced; needs $base and $server_pid).

wait_ready() {
  for _ in $(seq 1 3000); do
    curl -sf "$base/healthz" >/dev/null && return 0
    sleep 0.01
  done
  return 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

# Signs in the seeded admin; exports COOKIE and CSRF for the wrk scripts. $1: a scratch file.
login_admin() {
  local jar=$1
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
       -d '{"email":"admin@bench.test","password":"bench-password-1"}' "$base/api/v1/auth/login" >/dev/null
  export CSRF=$(awk '$6=="roster_csrf"{print $7}' "$jar")
  export COOKIE="roster_session=$(awk '$6=="roster_session"{print $7}' "$jar"); roster_csrf=$CSRF"
}
